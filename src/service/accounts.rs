//! Accounts: creating users, changing their roles, names and access, and setting passwords,
//! each recorded in the audit trail. The JSON API and `nashra user` both call these.
//!
//! Hashing a password is slow on purpose and is the caller's business (the server hashes on
//! its own bounded pool, the CLI in place); these functions take the finished hash.

use crate::db::audit::{self, NewAuditEvent};
use crate::db::users::{self, NewUser, User, UserChanges};
use crate::db::{self, refresh_tokens, DbConn};
use crate::domain::{DisplayName, EmailAddress, Invalid, NewPassword, Role, RoleSet};
use crate::l10n::Localizer;

use super::{Conflict, Error};

/// A new account whose every field was checked.
#[derive(Clone)]
pub struct NewAccount {
    pub email: EmailAddress,
    pub name: DisplayName,
    pub password: NewPassword,
    pub roles: RoleSet,
    pub locale: String,
}

impl NewAccount {
    /// Checks every field and reports all problems at once.
    pub fn check(
        l10n: &Localizer,
        email: &str,
        display_name: &str,
        password: String,
        roles: Vec<Role>,
        locale: String,
    ) -> Result<Self, Error> {
        let email = EmailAddress::parse(email);
        let name = DisplayName::parse(display_name);
        let password = NewPassword::parse(password);
        let roles = RoleSet::from(roles);
        let mut problems: Vec<Invalid> = [email.as_ref().err(), name.as_ref().err(), password.as_ref().err()]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        if roles.is_empty() {
            problems.push(Invalid::new("roles", "roles-required"));
        }
        if !l10n.is_supported(&locale) {
            problems.push(Invalid::new("preferred_locale", "unknown-locale"));
        }
        match (email, name, password) {
            (Ok(email), Ok(name), Ok(password)) if problems.is_empty() => {
                Ok(Self { email, name, password, roles, locale })
            }
            _ => Err(Error::Invalid(problems)),
        }
    }
}

/// What an admin asks to change about an account; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct AccountChange {
    pub display_name: Option<String>,
    pub roles: Option<Vec<Role>>,
    pub preferred_locale: Option<String>,
    pub disabled: Option<bool>,
    /// An IANA zone name (`Asia/Amman`); dates in the desk are shown and read in it.
    pub time_zone: Option<String>,
}

/// An [`AccountChange`] whose every field was checked.
pub struct CheckedChange(UserChanges);

impl AccountChange {
    pub fn check(self, l10n: &Localizer) -> Result<CheckedChange, Error> {
        let mut problems = Vec::new();
        let display_name = self.display_name.as_deref().map(DisplayName::parse).transpose().unwrap_or_else(|e| {
            problems.push(e);
            None
        });
        let roles = self.roles.map(RoleSet::from);
        if roles.as_ref().is_some_and(RoleSet::is_empty) {
            problems.push(Invalid::new("roles", "roles-required"));
        }
        if self.preferred_locale.as_deref().is_some_and(|locale| !l10n.is_supported(locale)) {
            problems.push(Invalid::new("preferred_locale", "unknown-locale"));
        }
        let time_zone = self.time_zone.as_deref().map(str::trim);
        if time_zone.is_some_and(|zone| zone.parse::<chrono_tz::Tz>().is_err()) {
            problems.push(Invalid::new("time_zone", "unknown-time-zone"));
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(CheckedChange(UserChanges {
            time_zone: time_zone.map(str::to_owned),
            display_name: display_name.map(DisplayName::into_string),
            preferred_locale: self.preferred_locale,
            disabled: self.disabled,
            roles,
        }))
    }
}

/// Inserts a user and records it in the audit trail (`actor` `None`: the operator's shell);
/// a taken email is a conflict, not a server error.
pub fn create(conn: &mut DbConn, actor: Option<i64>, account: &NewAccount, password_hash: &str) -> Result<User, Error> {
    let new = NewUser {
        email: account.email.as_str(),
        display_name: &account.name.clone().into_string(),
        password_hash,
        preferred_locale: &account.locale,
        roles: &account.roles,
    };
    let id =
        db::write_transaction(conn, |conn| {
            let id = users::insert(conn, new)?;
            let detail = serde_json::json!({"email": account.email.as_str(), "roles": role_names(&account.roles)});
            record(conn, actor, id, "create", detail)?;
            Ok(id)
        })
        .map_err(|e: diesel::result::Error| {
            if db::is_unique_violation(&e) {
                Error::Conflict(Conflict::EmailTaken)
            } else {
                e.into()
            }
        })?;
    users::find(conn, id)?.ok_or(Error::Inconsistent("a user just inserted is missing"))
}

/// Applies an admin's change to account `id`. Disabling ends the user's sessions; no change
/// may leave the newsroom without an enabled admin.
pub fn update(conn: &mut DbConn, actor: i64, id: i64, change: CheckedChange) -> Result<User, Error> {
    let changes = change.0;
    db::write_transaction(conn, |conn| {
        let before = users::find(conn, id)?.ok_or(Error::NotFound)?;
        let disabling = changes.disabled == Some(true) && !before.disabled;
        let enabling = changes.disabled == Some(false) && before.disabled;
        let new_roles = changes.roles.clone().filter(|roles| *roles != before.roles);
        users::update(conn, id, changes)?;
        if let Some(roles) = &new_roles {
            let detail = serde_json::json!({"from": role_names(&before.roles), "to": role_names(roles)});
            record(conn, Some(actor), id, "roles_changed", detail)?;
        }
        if disabling || enabling {
            let action = if disabling { "disabled" } else { "enabled" };
            record(conn, Some(actor), id, action, serde_json::json!({}))?;
        }
        // Checked after the change, inside the transaction, so two admins demoting each other
        // at once cannot both succeed.
        if before.roles.has(Role::Admin) && users::count_enabled_admins(conn)? == 0 {
            return Err(Error::Conflict(Conflict::LastAdmin));
        }
        if disabling {
            refresh_tokens::revoke_all_for_user(conn, id)?;
        }
        users::find(conn, id)?.ok_or(Error::Inconsistent("a user just updated is missing"))
    })
}

/// Sets the password of the account with `email` (already hashed) and ends its sessions.
/// `actor` `None`: the operator's shell. Returns `NotFound` for an unknown address.
pub fn set_password(
    conn: &mut DbConn,
    actor: Option<i64>,
    email: &EmailAddress,
    password_hash: &str,
) -> Result<(), Error> {
    db::write_transaction(conn, |conn| {
        let user = users::find_by_email(conn, email.as_str())?.ok_or(Error::NotFound)?;
        users::set_password_hash(conn, user.id, password_hash)?;
        refresh_tokens::revoke_all_for_user(conn, user.id)?;
        record(conn, actor, user.id, "password_changed", serde_json::json!({}))?;
        Ok(())
    })
}

fn role_names(roles: &RoleSet) -> Vec<&'static str> {
    roles.iter().map(Role::as_str).collect()
}

/// Records what happened to user `id` in the audit trail.
fn record(
    conn: &mut DbConn,
    actor: Option<i64>,
    id: i64,
    action: &'static str,
    detail: serde_json::Value,
) -> diesel::QueryResult<()> {
    audit::record(conn, NewAuditEvent { actor_id: actor, subject_kind: audit::USER, subject_id: id, action, detail })
}
