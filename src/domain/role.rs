//! Roles a user can hold, several at once.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Editor,
    Reviewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Reviewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// The roles of one user: sorted, without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<Role>", into = "Vec<Role>")]
pub struct RoleSet(Vec<Role>);

impl RoleSet {
    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Admins may do everything the other roles may.
    pub fn has_or_admin(&self, role: Role) -> bool {
        self.has(role) || self.has(Role::Admin)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<Role>> for RoleSet {
    fn from(mut roles: Vec<Role>) -> Self {
        roles.sort();
        roles.dedup();
        RoleSet(roles)
    }
}

impl From<RoleSet> for Vec<Role> {
    fn from(set: RoleSet) -> Self {
        set.0
    }
}

impl FromIterator<Role> for RoleSet {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
        iter.into_iter().collect::<Vec<_>>().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_set_is_sorted_and_unique() {
        let set: RoleSet = vec![Role::Reviewer, Role::Admin, Role::Reviewer].into();
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![Role::Admin, Role::Reviewer]);
    }

    #[test]
    fn admin_stands_in_for_every_role() {
        let admin: RoleSet = vec![Role::Admin].into();
        let editor: RoleSet = vec![Role::Editor].into();
        assert!(admin.has_or_admin(Role::Reviewer));
        assert!(!editor.has_or_admin(Role::Reviewer));
        assert!(editor.has_or_admin(Role::Editor));
    }

    #[test]
    fn roles_parse_from_their_names_only() {
        assert_eq!("editor".parse::<Role>(), Ok(Role::Editor));
        assert!("Editor".parse::<Role>().is_err());
        assert!("root".parse::<Role>().is_err());
    }
}
