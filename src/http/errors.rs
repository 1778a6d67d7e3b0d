//! What the errors of the layers below `http` (the site, delivery) mean to an API client.
//! Those layers know nothing of HTTP; here each of their failures becomes an [`ApiError`].
//! A database error keeps its meaning (503 when unreachable); anything else is a bug on our
//! side, logged here with its cause and answered with a bare 500.

use crate::delivery::DeliveryError;
use crate::error::ApiError;
use crate::service::Conflict;
use crate::site::SiteError;

impl From<SiteError> for ApiError {
    fn from(error: SiteError) -> Self {
        match error {
            SiteError::Db(error) => error.into(),
            other => {
                tracing::error!(error = %other, "rendering failed");
                ApiError::Internal
            }
        }
    }
}

impl From<DeliveryError> for ApiError {
    fn from(error: DeliveryError) -> Self {
        match error {
            DeliveryError::Db(error) => error.into(),
            DeliveryError::NoSuchEdition => ApiError::NotFound,
            DeliveryError::NotPublished => ApiError::Conflict(Conflict::EditionNotPublished),
            other @ (DeliveryError::Template { .. } | DeliveryError::Inline(_)) => {
                tracing::error!(error = %other, "composing an email failed");
                ApiError::Internal
            }
        }
    }
}
