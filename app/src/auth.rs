//! Who is signed in, and what their role lets them do. The server decides
//! every write by these rules (`register::write` asks them); the browser
//! asks the same ones only to offer what will be allowed.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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
}

impl CurrentUser {
    pub fn may(&self, permission: Permission) -> bool {
        match (self.role, permission) {
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

/// The signed-in user, for the page: their name in the header, and the
/// controls their role gives.
#[server(endpoint = "who_am_i", input = GetUrl)]
pub async fn who_am_i() -> Result<Option<CurrentUser>, AppError> {
    Ok(current_user())
}

/// The signed-in user of the page, loaded with it.
#[derive(Clone, Copy)]
pub struct SignedIn(pub Resource<Option<CurrentUser>>);

/// Loads the signed-in user with the page and offers it to every component.
pub fn provide_signed_in() {
    let user = Resource::new(|| (), |()| async { who_am_i().await.ok().flatten() });
    provide_context(SignedIn(user));
}

/// The user the request was signed in as (the session layer puts it there).
#[cfg(feature = "ssr")]
pub fn current_user() -> Option<CurrentUser> {
    leptos::prelude::use_context::<http::request::Parts>()?.extensions.get::<CurrentUser>().cloned()
}

/// The nonce of this response's Content-Security-Policy, put on the
/// request by the server's security layer for the page's scripts to carry.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct CspNonce(pub std::sync::Arc<str>);

/// Who a request comes from, as the server's edge worked it out (the
/// peer, or behind a proxy the operator trusts the address it forwarded
/// for), put on the request before any handler runs.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddress {
    /// The address limits count by.
    pub ip: std::net::IpAddr,
    /// As the audit log shows it: "198.51.100.7 via 10.0.0.2" behind a proxy.
    pub shown: String,
}

/// The client address of the request a server function serves.
#[cfg(feature = "ssr")]
pub fn request_client() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    parts.extensions.get::<ClientAddress>().map(|client| client.shown.clone())
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
}
