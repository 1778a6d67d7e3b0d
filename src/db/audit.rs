//! The audit trail of what is not a story translation's transition (those are
//! `translation_events`): edition edits, publishes and sends, and changes to users' roles
//! and access. Rows are inserted, never updated or deleted.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{audit_events, users};
use super::{now, DbConn};

/// What an event is about.
pub const EDITION: &str = "edition";
pub const USER: &str = "user";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: i64,
    /// `None` when the operator acted from the server's shell.
    pub actor_id: Option<i64>,
    pub subject_kind: String,
    pub subject_id: i64,
    pub action: String,
    /// A JSON object; what it holds depends on `action`.
    pub detail: String,
    pub created_at: NaiveDateTime,
}

/// An event with its actor's display name, as lists show it.
pub type NamedEvent = (AuditEvent, Option<String>);

pub struct NewAuditEvent<'a> {
    pub actor_id: Option<i64>,
    pub subject_kind: &'a str,
    pub subject_id: i64,
    pub action: &'a str,
    pub detail: serde_json::Value,
}

pub fn record(conn: &mut DbConn, event: NewAuditEvent) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::actor_id.eq(event.actor_id),
            audit_events::subject_kind.eq(event.subject_kind),
            audit_events::subject_id.eq(event.subject_id),
            audit_events::action.eq(event.action),
            audit_events::detail.eq(event.detail.to_string()),
            audit_events::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// One page of events, oldest first, about one subject (or, with `subject_id` `None`, about
/// every subject of that kind), and the total.
pub fn list(
    conn: &mut DbConn,
    kind: &str,
    subject_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<NamedEvent>, i64)> {
    let query = || {
        let mut query = audit_events::table
            .left_join(users::table.on(users::id.nullable().eq(audit_events::actor_id)))
            .filter(audit_events::subject_kind.eq(kind.to_owned()))
            .into_boxed();
        if let Some(id) = subject_id {
            query = query.filter(audit_events::subject_id.eq(id));
        }
        query
    };
    let total = query().count().get_result(conn)?;
    let page = query()
        .order(audit_events::id.asc())
        .limit(limit)
        .offset(offset)
        .select((AuditEvent::as_select(), users::display_name.nullable()))
        .load(conn)?;
    Ok((page, total))
}
