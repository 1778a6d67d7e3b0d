//! Users and their roles.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{user_roles, users};
use super::{now, DbConn};
use crate::domain::{Role, RoleSet};

/// A user as stored, with roles attached.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub preferred_locale: String,
    pub disabled: bool,
    pub roles: RoleSet,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// IANA name of the zone the desk shows and reads times in (`UTC` until chosen).
    pub time_zone: String,
    /// Set once a second factor is enrolled and confirmed.
    pub totp_enabled_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    password_hash: String,
    preferred_locale: String,
    disabled: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    time_zone: String,
    totp_enabled_at: Option<NaiveDateTime>,
}

impl UserRow {
    fn with_roles(self, roles: RoleSet) -> User {
        User {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            password_hash: self.password_hash,
            preferred_locale: self.preferred_locale,
            disabled: self.disabled,
            roles,
            created_at: self.created_at,
            updated_at: self.updated_at,
            time_zone: self.time_zone,
            totp_enabled_at: self.totp_enabled_at,
        }
    }
}

/// What it takes to create a user; the values are already validated.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub preferred_locale: &'a str,
    pub roles: &'a RoleSet,
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewUserRow<'a> {
    email: &'a str,
    display_name: &'a str,
    password_hash: &'a str,
    preferred_locale: &'a str,
    disabled: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Fields an admin may change; `None` leaves a field as it is.
#[derive(Default)]
pub struct UserChanges {
    pub display_name: Option<String>,
    pub preferred_locale: Option<String>,
    pub disabled: Option<bool>,
    pub roles: Option<RoleSet>,
    /// An IANA zone name, already checked.
    pub time_zone: Option<String>,
}

#[derive(AsChangeset)]
#[diesel(table_name = users)]
struct UserChangeset {
    display_name: Option<String>,
    preferred_locale: Option<String>,
    disabled: Option<bool>,
    time_zone: Option<String>,
    updated_at: NaiveDateTime,
}

/// Inserts a user and its roles; run it inside a transaction.
pub fn insert(conn: &mut DbConn, new: NewUser) -> QueryResult<i64> {
    let at = now();
    let id = diesel::insert_into(users::table)
        .values(NewUserRow {
            email: new.email,
            display_name: new.display_name,
            password_hash: new.password_hash,
            preferred_locale: new.preferred_locale,
            disabled: false,
            created_at: at,
            updated_at: at,
        })
        .returning(users::id)
        .get_result(conn)?;
    replace_roles(conn, id, new.roles)?;
    Ok(id)
}

pub fn find(conn: &mut DbConn, id: i64) -> QueryResult<Option<User>> {
    let row = users::table.find(id).select(UserRow::as_select()).first(conn).optional()?;
    attach_roles(conn, row)
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<User>> {
    let row = users::table.filter(users::email.eq(email)).select(UserRow::as_select()).first(conn).optional()?;
    attach_roles(conn, row)
}

/// One page of users ordered by id, optionally only those holding `role`, and the total.
/// The first `limit` people as a menu names them: id and display name.
pub fn menu(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<(i64, String)>> {
    users::table.order(users::id.asc()).limit(limit).select((users::id, users::display_name)).load(conn)
}

pub fn list(conn: &mut DbConn, role: Option<Role>, limit: i64, offset: i64) -> QueryResult<(Vec<User>, i64)> {
    let filtered = || {
        let mut query = users::table.into_boxed();
        if let Some(role) = role {
            let holders = user_roles::table.filter(user_roles::role.eq(role.as_str())).select(user_roles::user_id);
            query = query.filter(users::id.eq_any(holders));
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let rows: Vec<UserRow> =
        filtered().order(users::id.asc()).limit(limit).offset(offset).select(UserRow::as_select()).load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let role_rows: Vec<(i64, String)> = user_roles::table
        .filter(user_roles::user_id.eq_any(&ids))
        .select((user_roles::user_id, user_roles::role))
        .load(conn)?;
    let users = rows
        .into_iter()
        .map(|row| {
            let roles = role_rows
                .iter()
                .filter(|(user_id, _)| *user_id == row.id)
                .filter_map(|(_, role)| role.parse().ok())
                .collect();
            row.with_roles(roles)
        })
        .collect();
    Ok((users, total))
}

pub fn update(conn: &mut DbConn, id: i64, changes: UserChanges) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(UserChangeset {
            display_name: changes.display_name,
            preferred_locale: changes.preferred_locale,
            disabled: changes.disabled,
            time_zone: changes.time_zone,
            updated_at: now(),
        })
        .execute(conn)?;
    if let Some(roles) = changes.roles {
        replace_roles(conn, id, &roles)?;
    }
    Ok(())
}

pub fn set_password_hash(conn: &mut DbConn, id: i64, hash: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now())))
        .execute(conn)
}

/// How many enabled users hold the admin role.
pub fn count_enabled_admins(conn: &mut DbConn) -> QueryResult<i64> {
    let admins = user_roles::table.filter(user_roles::role.eq(Role::Admin.as_str())).select(user_roles::user_id);
    users::table.filter(users::disabled.eq(false)).filter(users::id.eq_any(admins)).count().get_result(conn)
}

fn replace_roles(conn: &mut DbConn, id: i64, roles: &RoleSet) -> QueryResult<()> {
    diesel::delete(user_roles::table.filter(user_roles::user_id.eq(id))).execute(conn)?;
    // Row by row: multi-row inserts do not compile through the two-backend connection.
    for role in roles.iter() {
        diesel::insert_into(user_roles::table)
            .values((user_roles::user_id.eq(id), user_roles::role.eq(role.as_str())))
            .execute(conn)?;
    }
    Ok(())
}

fn attach_roles(conn: &mut DbConn, row: Option<UserRow>) -> QueryResult<Option<User>> {
    let Some(row) = row else { return Ok(None) };
    let roles: Vec<String> =
        user_roles::table.filter(user_roles::user_id.eq(row.id)).select(user_roles::role).load(conn)?;
    let roles = roles.iter().filter_map(|r| r.parse().ok()).collect();
    Ok(Some(row.with_roles(roles)))
}
