//! Roles, the signed-in user, and what each role may do: pure rules.
use serde::{Deserialize, Serialize};

/// What a user may do: admin everything; editor the rows of their Bagian;
/// reviewer reads all and writes review notes; viewer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Editor,
    Reviewer,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Reviewer, Role::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    /// The role's name in the user's language.
    pub fn label(self, t: &crate::i18n::Strings) -> &'static str {
        let index = Role::ALL.iter().position(|role| *role == self).unwrap_or(0);
        t.role_names[index]
    }
}

/// The role × step matrix of the register's cycle: each step only to the
/// role the Biro's procedure names (an admin does not review).
fn step_allowed(role: Role, step: crate::rules::cycle::Step) -> bool {
    use crate::rules::cycle::Step;
    match step {
        Step::Submit => matches!(role, Role::Editor | Role::Admin),
        Step::Review => role == Role::Reviewer,
        Step::Approve | Step::Revise => role == Role::Admin,
        Step::Return => matches!(role, Role::Reviewer | Role::Admin),
    }
}

/// The signed-in user of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The Bagian (org unit ids) an editor edits.
    pub bagian: Vec<i32>,
}

/// Something a user may or may not do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Add, change, move or delete the rows of this Bagian.
    EditRowsOf(i32),
    /// Add, rename, reorder or remove Bagian.
    ManageBagian,
    /// Write review notes on rows.
    Review,
    /// Manage users, their roles and Bagian.
    ManageUsers,
    /// Adjust the risk matrix and the list of conflict sources.
    ManageSettings,
    /// Take a step of the register's cycle: editors and admins submit,
    /// reviewers review, admins approve (by decree) and open a revision;
    /// reviewers and admins return a register to draft.
    Step(crate::rules::cycle::Step),
    /// Start the unit's next year's register from this one.
    StartYear,
}

impl CurrentUser {
    pub fn may(&self, permission: Permission) -> bool {
        match (self.role, permission) {
            (role, Permission::Step(step)) => step_allowed(role, step),
            (Role::Admin, _) => true,
            (Role::Editor, Permission::EditRowsOf(bagian)) => self.bagian.contains(&bagian),
            (Role::Reviewer, Permission::Review) => true,
            _ => false,
        }
    }

    /// Whether any row at all can be edited (a reviewer's or viewer's
    /// table has no editing controls).
    pub fn edits_rows(&self) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Editor => !self.bagian.is_empty(),
            Role::Reviewer | Role::Viewer => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, bagian: &[i32]) -> CurrentUser {
        CurrentUser {
            id: 1,
            username: "u".into(),
            display_name: "u".into(),
            role,
            bagian: bagian.to_vec(),
        }
    }

    #[test]
    fn roles_read_back() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert_eq!(Role::parse("Admin"), None);
    }

    #[test]
    fn each_role_may_what_it_says() {
        use Permission::*;
        let all = [EditRowsOf(1), EditRowsOf(2), ManageBagian, Review, ManageUsers];
        let allowed = |user: &CurrentUser| all.map(|p| user.may(p));
        assert_eq!(allowed(&user(Role::Admin, &[])), [true; 5]);
        assert_eq!(allowed(&user(Role::Editor, &[2])), [false, true, false, false, false]);
        assert_eq!(allowed(&user(Role::Editor, &[])), [false; 5]);
        assert_eq!(allowed(&user(Role::Reviewer, &[1])), [false, false, false, true, false]);
        assert_eq!(allowed(&user(Role::Viewer, &[1])), [false; 5]);
        assert!(user(Role::Editor, &[3]).edits_rows());
        assert!(!user(Role::Editor, &[]).edits_rows());
        assert!(!user(Role::Reviewer, &[]).edits_rows());
    }

    #[test]
    fn each_step_belongs_to_its_roles() {
        use crate::rules::cycle::Step;
        let may = |role| Step::ALL.map(|step| user(role, &[1]).may(Permission::Step(step)));
        // Submit, Review, Approve, Return, Revise.
        assert_eq!(may(Role::Admin), [true, false, true, true, true]);
        assert_eq!(may(Role::Editor), [true, false, false, false, false]);
        assert_eq!(may(Role::Reviewer), [false, true, false, true, false]);
        assert_eq!(may(Role::Viewer), [false; 5]);
    }
}
