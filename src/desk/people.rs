//! Users and roles (admins), and each person's own account: name, language, time zone,
//! password and second factor (TOTP). Loaders read the database into the views the templates
//! of `desk/users*.html` and `desk/account*.html` render.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::auth::totp;
use crate::db::users::{self, User};
use crate::db::{totp as stored, DbConn};
use crate::domain::Role;
use crate::service::Error;

/// This screen's templates, by name (registered with the theme by `desk::templates`).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("desk/users.html", include_str!("../../templates/desk/users.html")),
    ("desk/users_edit.html", include_str!("../../templates/desk/users_edit.html")),
    ("desk/account.html", include_str!("../../templates/desk/account.html")),
    ("desk/account_codes.html", include_str!("../../templates/desk/account_codes.html")),
    ("desk/account_second_step.html", include_str!("../../templates/desk/account_second_step.html")),
];

/// This screen's own static files (a small script, say), served under `/assets/` and read
/// from `desk/assets/` of the theme: `(name, bytes)`.
pub const ASSETS: &[(&str, &[u8])] = &[];

/// More accounts than a newsroom has; the list is not paged.
const MOST_USERS: i64 = 1000;

/// Why a field was refused, by field name, as a sentence.
pub type Errors = BTreeMap<String, String>;

/// One account as the list and the forms show it.
#[derive(Debug, Serialize)]
pub struct UserLine {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub roles: Vec<&'static str>,
    pub locale: String,
    pub time_zone: String,
    pub disabled: bool,
    pub second_factor: bool,
}

impl UserLine {
    pub fn of(user: &User) -> Self {
        Self {
            id: user.id,
            email: user.email.clone(),
            name: user.display_name.clone(),
            roles: user.roles.iter().map(Role::as_str).collect(),
            locale: user.preferred_locale.clone(),
            time_zone: user.time_zone.clone(),
            disabled: user.disabled,
            second_factor: user.totp_enabled_at.is_some(),
        }
    }
}

/// A language a form offers.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub code: String,
    pub name: String,
}

/// What the add-a-user form holds (again, when it was refused).
#[derive(Debug, Default, Serialize)]
pub struct NewUserForm {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<String>,
    pub preferred_locale: String,
}

/// `/desk/users`.
#[derive(Debug, Serialize)]
pub struct UsersPage {
    pub users: Vec<UserLine>,
    pub admins_need_totp: bool,
    pub form: NewUserForm,
    pub errors: Errors,
    pub problem: Option<String>,
    pub all_roles: [&'static str; 3],
    pub languages: Vec<Choice>,
}

/// What the form for changing one account holds.
#[derive(Debug, Serialize)]
pub struct UserForm {
    pub display_name: String,
    pub roles: Vec<String>,
    pub preferred_locale: String,
    pub time_zone: String,
    pub disabled: bool,
}

impl UserForm {
    pub fn of(user: &UserLine) -> Self {
        Self {
            display_name: user.name.clone(),
            roles: user.roles.iter().map(|r| (*r).to_owned()).collect(),
            preferred_locale: user.locale.clone(),
            time_zone: user.time_zone.clone(),
            disabled: user.disabled,
        }
    }
}

/// `/desk/users/{id}`.
#[derive(Debug, Serialize)]
pub struct UserPage {
    pub user: UserLine,
    pub form: UserForm,
    pub errors: Errors,
    pub problem: Option<String>,
    pub all_roles: [&'static str; 3],
    pub languages: Vec<Choice>,
    pub zones: &'static [&'static str],
    pub is_me: bool,
}

/// Every IANA zone name, for the time zone field's suggestions.
pub fn zones() -> &'static [&'static str] {
    static ZONES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ZONES.get_or_init(|| chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect())
}

pub fn all_roles() -> [&'static str; 3] {
    Role::ALL.map(Role::as_str)
}

/// Every account, oldest first, and whether admins must have a second factor.
pub fn load_users(conn: &mut DbConn) -> Result<(Vec<UserLine>, bool), Error> {
    let (found, _) = users::list(conn, None, MOST_USERS, 0)?;
    Ok((found.iter().map(UserLine::of).collect(), stored::admins_need_totp(conn)?))
}

/// One account.
pub fn load_user(conn: &mut DbConn, id: i64) -> Result<UserLine, Error> {
    users::find(conn, id)?.map(|user| UserLine::of(&user)).ok_or(Error::NotFound)
}

/// The second factor as the account page shows it.
#[derive(Debug, Default, Serialize)]
pub struct FactorView {
    /// `off`, `enrolling` (a secret waits for its first code) or `on`.
    pub state: &'static str,
    /// While enrolling: the secret, in groups of four for typing, and its QR code (inline SVG).
    pub secret_groups: Option<String>,
    pub qr_svg: Option<String>,
    pub codes_left: i64,
    /// The newsroom requires a factor of admins, and this admin has none.
    pub required: bool,
}

/// What the profile form holds.
#[derive(Debug, Serialize)]
pub struct ProfileForm {
    pub display_name: String,
    pub preferred_locale: String,
    pub time_zone: String,
}

/// `/desk/account`.
#[derive(Debug, Serialize)]
pub struct AccountPage {
    pub me: UserLine,
    pub profile: ProfileForm,
    pub factor: FactorView,
    /// Sentences by field, for whichever form was refused (`display_name`, `current_password`,
    /// `new_password`, `code`, `disable_code`…).
    pub errors: Errors,
    pub languages: Vec<Choice>,
    pub zones: &'static [&'static str],
}

/// The account page of `user_id`; `issuer` names the newsletter in the authenticator app.
pub fn load_account(conn: &mut DbConn, user_id: i64, issuer: &str) -> Result<(UserLine, FactorView), Error> {
    let user = users::find(conn, user_id)?.ok_or(Error::NotFound)?;
    let factor = stored::find(conn, user_id)?;
    let required = user.roles.has(Role::Admin) && factor.enabled_at.is_none() && stored::admins_need_totp(conn)?;
    let view = match (factor.secret, factor.enabled_at) {
        (Some(_), Some(_)) => FactorView {
            state: "on",
            codes_left: stored::recovery_codes_left(conn, user_id)?,
            required,
            ..FactorView::default()
        },
        (Some(secret), None) => {
            let url = totp::otpauth_url(&secret, issuer, &user.email);
            FactorView {
                state: "enrolling",
                secret_groups: Some(group(&secret)),
                qr_svg: totp::qr_svg(&url),
                codes_left: 0,
                required,
            }
        }
        (None, _) => FactorView { state: "off", required, ..FactorView::default() },
    };
    Ok((UserLine::of(&user), view))
}

/// `ABCDEFGH…` as `ABCD EFGH …`, easier to type from a screen.
fn group(secret: &str) -> String {
    secret.as_bytes().chunks(4).filter_map(|c| std::str::from_utf8(c).ok()).collect::<Vec<_>>().join(" ")
}

/// The recovery codes, shown once after enrolment.
#[derive(Debug, Serialize)]
pub struct CodesPage {
    pub codes: Vec<String>,
}

/// The sign-in's second step.
#[derive(Debug, Serialize)]
pub struct SecondStepPage {
    pub next: String,
    pub problem: Option<String>,
}
