//! The editorial workflow of one translation (SPEC §3) as a pure state machine:
//!
//! ```text
//! draft ─submit─▶ in_review ─approve─▶ approved ─publish─▶ published
//!   ▲               │   │                                      │
//!   └──withdraw─────┘   └─request_changes─▶ changes_requested ─submit─▶ in_review
//!   ▲                                                          │
//!   └──────────────────────── unpublish ──────────────────────┘
//! ```
//!
//! Saving a new revision is not a transition but moves the status too: back to `draft`
//! (an approval was for the previous text), except in `changes_requested`, which stays until
//! the editor resubmits, and `in_review`, where saving is refused so that reviewers never
//! review a moving target.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Role, RoleSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InReview,
    ChangesRequested,
    Approved,
    Published,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Draft, Status::InReview, Status::ChangesRequested, Status::Approved, Status::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::ChangesRequested => "changes_requested",
            Status::Approved => "approved",
            Status::Published => "published",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Status::ALL.into_iter().find(|status| status.as_str() == s).ok_or(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Submit,
    Withdraw,
    Approve,
    RequestChanges,
    Publish,
    Unpublish,
}

impl Action {
    pub const ALL: [Action; 6] =
        [Action::Submit, Action::Withdraw, Action::Approve, Action::RequestChanges, Action::Publish, Action::Unpublish];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Withdraw => "withdraw",
            Action::Approve => "approve",
            Action::RequestChanges => "request_changes",
            Action::Publish => "publish",
            Action::Unpublish => "unpublish",
        }
    }

    /// Editors move their own work along; reviewers judge and publish it. Admins do both.
    pub fn required_role(self) -> Role {
        match self {
            Action::Submit | Action::Withdraw => Role::Editor,
            Action::Approve | Action::RequestChanges | Action::Publish | Action::Unpublish => Role::Reviewer,
        }
    }
}

/// What a translation's event records: a workflow step, or one of the writes around the
/// workflow. Stored and shown by [`EventKind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Step(Action),
    /// The first text of a translation.
    Create,
    Edit,
    /// An earlier revision brought back as the latest.
    Restore,
    /// Marked current with its source without an edit.
    Confirm,
    /// A publication set for later.
    Schedule,
    /// Brought in by `nashra import` as a draft.
    Import,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Step(action) => action.as_str(),
            EventKind::Create => "create",
            EventKind::Edit => "edit",
            EventKind::Restore => "restore",
            EventKind::Confirm => "confirm",
            EventKind::Schedule => "schedule",
            EventKind::Import => "import",
        }
    }
}

/// Everything a transition depends on besides the current status.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    pub action: Action,
    pub roles: &'a RoleSet,
    /// Whether the actor wrote the revision under review.
    pub actor_wrote_latest: bool,
    pub self_approval_allowed: bool,
    pub comment: Option<&'a str>,
    /// Whether readers currently see a live revision.
    pub has_live: bool,
}

/// Why a transition or a save is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The actor lacks the role (403).
    Role(Role),
    /// Not possible from the current status (409).
    NotFrom(Status),
    /// Approving one's own revision (403).
    OwnRevision,
    /// `request_changes` needs a reason (422).
    CommentRequired,
}

/// The status after `attempt`, or why it cannot happen.
pub fn transition(current: Status, attempt: &Attempt) -> Result<Status, Refusal> {
    let role = attempt.action.required_role();
    if !attempt.roles.has_or_admin(role) {
        return Err(Refusal::Role(role));
    }
    let next = match (attempt.action, current) {
        (Action::Submit, Status::Draft | Status::ChangesRequested) => Status::InReview,
        (Action::Withdraw, Status::InReview) => Status::Draft,
        (Action::Approve, Status::InReview) => Status::Approved,
        (Action::RequestChanges, Status::InReview) => Status::ChangesRequested,
        (Action::Publish, Status::Approved) => Status::Published,
        (Action::Unpublish, Status::Published) => Status::Draft,
        // Editing a published text keeps the old one live; unpublishing takes that offline
        // and leaves the work in progress where it is.
        (Action::Unpublish, other) if attempt.has_live => other,
        (_, other) => return Err(Refusal::NotFrom(other)),
    };
    if attempt.action == Action::Approve && attempt.actor_wrote_latest && !attempt.self_approval_allowed {
        return Err(Refusal::OwnRevision);
    }
    if attempt.action == Action::RequestChanges && attempt.comment.is_none_or(|c| c.trim().is_empty()) {
        return Err(Refusal::CommentRequired);
    }
    Ok(next)
}

/// The status after saving a new revision, or why saving is refused.
pub fn after_save(current: Status, roles: &RoleSet) -> Result<Status, Refusal> {
    if !roles.has_or_admin(Role::Editor) {
        return Err(Refusal::Role(Role::Editor));
    }
    match current {
        Status::InReview => Err(Refusal::NotFrom(Status::InReview)),
        Status::ChangesRequested => Ok(Status::ChangesRequested),
        Status::Draft | Status::Approved | Status::Published => Ok(Status::Draft),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(list: &[Role]) -> RoleSet {
        list.to_vec().into()
    }

    /// The allowed (status, action) → status moves; everything else must be refused.
    const ALLOWED: &[(Status, Action, Status)] = &[
        (Status::Draft, Action::Submit, Status::InReview),
        (Status::ChangesRequested, Action::Submit, Status::InReview),
        (Status::InReview, Action::Withdraw, Status::Draft),
        (Status::InReview, Action::Approve, Status::Approved),
        (Status::InReview, Action::RequestChanges, Status::ChangesRequested),
        (Status::Approved, Action::Publish, Status::Published),
        (Status::Published, Action::Unpublish, Status::Draft),
    ];

    #[test]
    fn every_state_action_and_role() {
        let role_sets = [
            roles(&[Role::Editor]),
            roles(&[Role::Reviewer]),
            roles(&[Role::Admin]),
            roles(&[Role::Editor, Role::Reviewer]),
        ];
        for status in Status::ALL {
            for action in Action::ALL {
                for actor in &role_sets {
                    let attempt = Attempt {
                        action,
                        roles: actor,
                        actor_wrote_latest: false,
                        self_approval_allowed: false,
                        comment: Some("please fix the dates"),
                        has_live: false,
                    };
                    let result = transition(status, &attempt);
                    let expected = ALLOWED.iter().find(|(from, a, _)| *from == status && *a == action);
                    let permitted = actor.has_or_admin(action.required_role());
                    match (expected, permitted) {
                        (_, false) => assert_eq!(result, Err(Refusal::Role(action.required_role()))),
                        (Some((_, _, to)), true) => assert_eq!(result, Ok(*to), "{status} {action:?}"),
                        (None, true) => assert_eq!(result, Err(Refusal::NotFrom(status)), "{status} {action:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn nobody_approves_their_own_revision_unless_configured() {
        let reviewer = roles(&[Role::Editor, Role::Reviewer]);
        let mut attempt = Attempt {
            action: Action::Approve,
            roles: &reviewer,
            actor_wrote_latest: true,
            self_approval_allowed: false,
            comment: None,
            has_live: false,
        };
        assert_eq!(transition(Status::InReview, &attempt), Err(Refusal::OwnRevision));
        attempt.self_approval_allowed = true;
        assert_eq!(transition(Status::InReview, &attempt), Ok(Status::Approved));
    }

    #[test]
    fn changes_need_a_comment() {
        let reviewer = roles(&[Role::Reviewer]);
        for comment in [None, Some(""), Some("   ")] {
            let attempt = Attempt {
                action: Action::RequestChanges,
                roles: &reviewer,
                actor_wrote_latest: false,
                self_approval_allowed: false,
                comment,
                has_live: false,
            };
            assert_eq!(transition(Status::InReview, &attempt), Err(Refusal::CommentRequired));
        }
    }

    #[test]
    fn unpublishing_a_live_text_under_new_edits_keeps_the_edits_status() {
        let reviewer = roles(&[Role::Reviewer]);
        let attempt = Attempt {
            action: Action::Unpublish,
            roles: &reviewer,
            actor_wrote_latest: false,
            self_approval_allowed: false,
            comment: None,
            has_live: true,
        };
        assert_eq!(transition(Status::Approved, &attempt), Ok(Status::Approved));
        assert_eq!(transition(Status::Published, &attempt), Ok(Status::Draft));
        let nothing_live = Attempt { has_live: false, ..attempt };
        assert_eq!(transition(Status::Approved, &nothing_live), Err(Refusal::NotFrom(Status::Approved)));
    }

    #[test]
    fn saving_moves_work_back_to_draft_but_never_during_review() {
        let editor = roles(&[Role::Editor]);
        assert_eq!(after_save(Status::Published, &editor), Ok(Status::Draft));
        assert_eq!(after_save(Status::Approved, &editor), Ok(Status::Draft));
        assert_eq!(after_save(Status::ChangesRequested, &editor), Ok(Status::ChangesRequested));
        assert_eq!(after_save(Status::InReview, &editor), Err(Refusal::NotFrom(Status::InReview)));
        assert_eq!(after_save(Status::Draft, &roles(&[Role::Reviewer])), Err(Refusal::Role(Role::Editor)));
    }
}
