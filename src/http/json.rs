//! JSON request bodies. Bodies are parsed in two steps, syntax first and shape second, so a
//! client learns which of the two it got wrong: text that is not JSON is 400
//! `malformed-json`; JSON that is not an object with the expected fields is 422
//! `invalid-body`. (Deserializing straight into the target type blurs the two: serde reads
//! `[]` as a struct whose fields all have defaults, and calls a number where an enum's name
//! belongs a syntax error.)

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::mime;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use serde::de::DeserializeOwned;

use crate::http::state::AppState;
use crate::http::ApiError;

/// A request body read as JSON into `T` (an object); the size limit is `http.json_limit_bytes`.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req.mime_type().ok().flatten().is_some_and(|mime| {
            mime.type_() == mime::APPLICATION && (mime.subtype() == mime::JSON || mime.suffix() == Some(mime::JSON))
        });
        let limit = req.app_data::<web::Data<AppState>>().map_or(0, |state| state.settings.http.json_limit_bytes);
        // The body is read under the app's `PayloadConfig`, whose limit is the same setting.
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            let bytes = body.await.map_err(|error| match error.as_error::<PayloadError>() {
                Some(PayloadError::Overflow) => ApiError::PayloadTooLarge { limit },
                _ => ApiError::MalformedJson(error.to_string()),
            })?;
            parse(&bytes).map(Json)
        })
    }
}

/// A request body that may be left out: no body and no `Content-Type` is `None`; anything
/// else is read as [`Json`], so a body that says it is JSON must be JSON, even when empty.
#[derive(Debug)]
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned + 'static> FromRequest for OptionalJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().contains_key(actix_web::http::header::CONTENT_TYPE) {
            let json = Json::<T>::from_request(req, payload);
            return Box::pin(async move { json.await.map(|Json(value)| OptionalJson(Some(value))) });
        }
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            match body.await {
                Ok(bytes) if bytes.is_empty() => Ok(OptionalJson(None)),
                _ => Err(ApiError::UnsupportedMediaType),
            }
        })
    }
}

/// Parses a JSON object into `T`.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|error| ApiError::MalformedJson(error.to_string()))?;
    if !value.is_object() {
        return Err(ApiError::InvalidBody("the body must be a JSON object".into()));
    }
    // No text nashra stores may hold NUL: PostgreSQL refuses it, and nothing legitimate needs it.
    if holds_nul(&value) {
        return Err(ApiError::InvalidBody("text must not contain the NUL character (\\u0000)".into()));
    }
    T::deserialize(value).map_err(|error| ApiError::InvalidBody(error.to_string()))
}

fn holds_nul(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::String(text) => text.contains('\0'),
        Value::Array(items) => items.iter().any(holds_nul),
        Value::Object(fields) => fields.iter().any(|(key, value)| key.contains('\0') || holds_nul(value)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::http::ApiError;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct AllDefaults {
        #[serde(default)]
        #[allow(dead_code)]
        name: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Action {
        Submit,
    }

    #[derive(Debug, serde::Deserialize)]
    struct WithAction {
        #[allow(dead_code)]
        action: Action,
    }

    #[test]
    fn syntax_errors_and_shape_errors_are_told_apart() {
        assert!(parse::<AllDefaults>(b"{}").is_ok());
        assert!(matches!(parse::<AllDefaults>(b"[]"), Err(ApiError::InvalidBody(_))));
        assert!(matches!(parse::<AllDefaults>(b"null"), Err(ApiError::InvalidBody(_))));
        assert!(matches!(parse::<AllDefaults>(br#"{"name": 5}"#), Err(ApiError::InvalidBody(_))));
        assert!(matches!(parse::<AllDefaults>(br#"{"nmae": "x"}"#), Err(ApiError::InvalidBody(_))));
        assert!(matches!(parse::<WithAction>(br#"{"action": 12}"#), Err(ApiError::InvalidBody(_))));
        assert!(parse::<WithAction>(br#"{"action": "submit"}"#).is_ok());
        assert!(matches!(parse::<AllDefaults>(br#"{"name": "a\u0000b"}"#), Err(ApiError::InvalidBody(_))));
        assert!(matches!(parse::<AllDefaults>(br#"{"name": "x"#), Err(ApiError::MalformedJson(_))));
        assert!(matches!(parse::<AllDefaults>(b"\xff{}"), Err(ApiError::MalformedJson(_))));
        let deep = "[".repeat(10_000);
        assert!(matches!(parse::<AllDefaults>(deep.as_bytes()), Err(ApiError::MalformedJson(_))));
    }
}
