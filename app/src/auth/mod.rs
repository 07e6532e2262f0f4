//! Who is signed in, and what their role lets them do. The server decides
//! every write by these rules (`register::write` asks them); the browser
//! asks the same ones only to offer what will be allowed.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod load;
pub mod model;

pub use model::{CurrentUser, Permission, Role};

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
