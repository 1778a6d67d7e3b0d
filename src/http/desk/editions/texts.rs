//! `/desk/editions/{id}/texts/{locale}`: the edition's texts in one language (title, foreword,
//! signature, cover text) and each group's heading and introduction there, saved together
//! through `service::editions::put_text`, as `PUT /api/v1/editions/{id}/translations/{locale}`.

use std::collections::BTreeMap;

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::edition::{language, refused};
use crate::desk::editions::edition::GroupFields;
use crate::domain::edition::EditionTexts;
use crate::domain::groups::{self, GroupText, GroupTexts};
use crate::domain::{Invalid, Role};
use crate::http::desk::page::{self, DeskError};
use crate::http::desk::session::DeskForm;
use crate::http::state::AppState;
use crate::http::ApiError;
use crate::service;

#[derive(Deserialize)]
pub struct TextForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    foreword: String,
    #[serde(default)]
    signature_name: String,
    #[serde(default)]
    signature_role: String,
    #[serde(default)]
    cover_alt: String,
    /// Each group the form shows: its key, heading and introduction, in the same order.
    #[serde(default)]
    group_key: Vec<String>,
    #[serde(default)]
    group_heading: Vec<String>,
    #[serde(default)]
    group_intro: Vec<String>,
}

impl TextForm {
    /// The groups' texts as typed; `None` when the form showed no groups, which keeps the
    /// stored ones (a page read before the edition had groups saves none away).
    fn group_texts(&self) -> Result<Option<Vec<(String, GroupText)>>, DeskError> {
        if self.group_key.is_empty() {
            return Ok(None);
        }
        let count = self.group_key.len();
        if self.group_heading.len() != count || self.group_intro.len() != count {
            return Err(DeskError::BadRequest);
        }
        let typed = self.group_key.iter().zip(&self.group_heading).zip(&self.group_intro);
        let texts = typed
            .map(|((key, heading), intro)| (key.clone(), GroupText { heading: heading.clone(), intro: intro.clone() }));
        Ok(Some(texts.collect()))
    }
}

/// Saves the edition's text in one language. Every refusal comes back at its field, the
/// groups' too, with the form as typed.
pub async fn save_text(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    form: DeskForm<TextForm>,
) -> Result<HttpResponse, DeskError> {
    let DeskForm { desk, form } = form;
    desk.require(Role::Editor)?;
    let (id, locale) = path.into_inner();
    if !state.l10n.is_supported(&locale) {
        return Err(DeskError::NotFound);
    }
    let typed_groups = form.group_texts()?;
    let lang = language(&req, &state, &desk);
    let texts = EditionTexts {
        title: form.title.clone(),
        foreword: form.foreword.clone(),
        signature_name: form.signature_name.clone(),
        signature_role: form.signature_role.clone(),
        cover_alt: form.cover_alt.clone(),
    }
    .validate();
    let mut problems = texts.as_ref().err().cloned().unwrap_or_default();
    // The group rules name the field (`heading`, `intro`) but not the group: checked one group
    // at a time, each sentence goes next to its own field.
    let mut group_errors = BTreeMap::new();
    for (key, text) in typed_groups.iter().flatten() {
        let refused = groups::check_text(text);
        if refused.is_empty() {
            continue;
        }
        let said = page::Refusal::of(&state, &lang, req.path(), &ApiError::Validation(refused.clone()));
        for (field, sentence) in said.fields {
            group_errors.entry(format!("group-{key}-{field}")).or_insert(sentence);
        }
        problems.extend(refused.into_iter().map(|invalid| Invalid { field: "groups", ..invalid }));
    }
    let result = match texts {
        Ok(texts) if problems.is_empty() => {
            let group_texts: Option<GroupTexts> = typed_groups.clone().map(|typed| typed.into_iter().collect());
            let (actor, code) = (desk.user.id, locale.clone());
            let saved = move |conn: &mut _| service::editions::put_text(conn, id, code, texts, group_texts, actor);
            state.db.run(saved).await.map_err(DeskError::from)
        }
        _ => Err(DeskError::Api(ApiError::Validation(problems))),
    };
    let Err(error) = result else {
        return Ok(page::see_other(&state, &format!("/desk/editions/{id}#texts-{locale}"), "edition-texts-saved"));
    };
    refused(&req, &state, &desk, id, "texts", error, |page, refusal| {
        let Some(column) = page.texts.iter_mut().find(|c| c.code == locale) else { return };
        column.title = form.title.clone();
        column.foreword = form.foreword.clone();
        column.signature_name = form.signature_name.clone();
        column.signature_role = form.signature_role.clone();
        column.cover_alt = form.cover_alt.clone();
        if let Some(typed) = typed_groups {
            column.groups = typed
                .into_iter()
                .map(|(key, text)| GroupFields { key, heading: text.heading, intro: text.intro })
                .collect();
        }
        for (field, sentence) in &refusal.fields {
            // The API names the signature as one field; the form has two. A sentence about
            // the groups that no single field explains (an unknown group) goes above them.
            let field = match field.as_str() {
                "signature" => "signature_name",
                "groups" if !group_errors.is_empty() => continue,
                other => other,
            };
            column.errors.insert(field.to_owned(), sentence.clone());
        }
        column.errors.extend(group_errors);
    })
    .await
}
