//! Signing in and out, and the guard that lets only signed-in users past:
//! every request but the sign-in page, the language switch and static files
//! needs a session. Pages send a stranger to `/login`; server functions and
//! other calls answer 401.
use app::admin::repo::{self as accounts, SESSION_COOKIE, SignInError};
use app::auth::{ClientAddress, CurrentUser};
use app::error::AppError;
use app::i18n::locale_from_cookie_header;
use app::state::AppState;
use axum::{
    Extension, Form, Router,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::post,
};
use cookie::Cookie;
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use tower_governor::{GovernorLayer, governor::GovernorConfigBuilder};

/// Sign-in attempts one address may make at once, and then one per period:
/// enough for an office behind one address, too few to guess passwords.
pub const ADDRESS_BURST: u32 = 30;
const ADDRESS_PERIOD: Duration = Duration::from_secs(2);

/// How the session cookie is sent.
#[derive(Clone, Copy, Debug, Default)]
pub struct CookiePolicy {
    /// Only over HTTPS (`Secure`): the app is served over HTTPS.
    pub secure: bool,
}

/// `POST /login` and `POST /logout`, with the per-address limit on sign-in.
pub fn routes(policy: CookiePolicy) -> Router<AppState> {
    let sign_in = post(login);
    let limit = GovernorConfigBuilder::default()
        .key_extractor(crate::client::ClientIpKeyExtractor)
        .period(ADDRESS_PERIOD)
        .burst_size(ADDRESS_BURST)
        .finish();
    let sign_in = match limit {
        Some(config) => {
            // Addresses that stopped trying are forgotten now and then, for
            // as long as the router lives.
            let limiter = Arc::downgrade(config.limiter());
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(60));
                loop {
                    tick.tick().await;
                    let Some(limiter) = limiter.upgrade() else { break };
                    limiter.retain_recent();
                }
            });
            sign_in.layer(
                GovernorLayer::new(config).error_handler(|_| back_to_login("busy", None, "/")),
            )
        }
        None => sign_in,
    };
    Router::new().route("/login", sign_in).route("/logout", post(logout)).layer(Extension(policy))
}

#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

async fn login(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddress>>,
    Extension(policy): Extension<CookiePolicy>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let next = local_path(&form.next);
    if !state.is_ready() {
        return back_to_login("unavailable", None, &next);
    }
    let client = client.map(|Extension(client)| client.shown);
    let previous = session_token(&headers);
    let signed =
        accounts::sign_in(&state.db, &form.username, &form.password, client.as_deref(), previous)
            .await;
    match signed {
        Ok(signed) => {
            let mut response = see_other(&next);
            set_cookie(&mut response, session_cookie(signed.token, policy));
            response
        }
        Err(SignInError::Invalid) => back_to_login("invalid", None, &next),
        Err(SignInError::Locked { minutes }) => back_to_login("locked", Some(minutes), &next),
        Err(SignInError::Db(error)) => {
            tracing::error!(%error, "sign-in failed");
            back_to_login("unavailable", None, &next)
        }
    }
}

async fn logout(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddress>>,
    Extension(policy): Extension<CookiePolicy>,
    headers: HeaderMap,
) -> Response {
    if let Some(token) = session_token(&headers)
        && state.is_ready()
    {
        let client = client.map(|Extension(client)| client.shown);
        if let Err(error) = accounts::end_session(&state.db, token, client.as_deref()).await {
            tracing::error!(%error, "sign-out failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    let mut response = see_other("/login?keluar=1");
    let mut gone = session_cookie(String::new(), policy);
    gone.make_removal();
    set_cookie(&mut response, gone);
    response
}

/// Lets a request through with its `CurrentUser`, or turns it away.
pub async fn require_user(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let open = is_open(path);
    if !state.is_ready() {
        // Nothing to check against yet: data requests answer 503 on their own.
        return next.run(request).await;
    }
    let user = match session_token(request.headers()) {
        Some(token) => match accounts::resolve_session(&state.db, token).await {
            Ok(user) => user,
            Err(error) => {
                tracing::error!(%error, "session lookup failed");
                return unavailable(&request);
            }
        },
        None => None,
    };
    match user {
        Some(user) => {
            if path == "/login" && request.method() == axum::http::Method::GET {
                return see_other("/");
            }
            request.extensions_mut().insert::<CurrentUser>(user);
            next.run(request).await
        }
        None if open => next.run(request).await,
        None if path.starts_with("/api/") || request.method() != axum::http::Method::GET => {
            unauthorized()
        }
        None => {
            let here = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
            let address = if here == "/" {
                "/login".to_owned()
            } else {
                format!("/login?next={}", urlencoding(here))
            };
            see_other(&address)
        }
    }
}

/// Paths anyone may reach: the sign-in page and its form, the language
/// switch, static files, and the operators' health check and figures.
fn is_open(path: &str) -> bool {
    matches!(
        path,
        "/login" | "/logout" | "/favicon.svg" | "/api/set_language" | "/healthz" | "/metrics"
    ) || path.starts_with("/pkg/")
}

/// A 401 in the server functions' error encoding.
fn unauthorized() -> Response {
    app_error(AppError::Unauthorized)
}

/// `error` with its status, in the server functions' encoding.
fn app_error(error: AppError) -> Response {
    let body = serde_json::to_string(&error).unwrap_or_default();
    let mut response = (error.status(), body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The session could not be checked (the database is away): a 503 that
/// says so, a short page in the reader's language for a page request.
fn unavailable(request: &Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        return app_error(AppError::Unavailable);
    }
    let locale = request
        .headers()
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(locale_from_cookie_header)
        .unwrap_or_default();
    let t = locale.strings();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body><main>\
         <h1>{}</h1><p>{}</p></main></body></html>",
        locale.tag(),
        t.unavailable_title,
        t.unavailable_title,
        t.unavailable_body
    );
    (StatusCode::SERVICE_UNAVAILABLE, axum::response::Html(page)).into_response()
}

fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == SESSION_COOKIE)
        .map(|cookie| cookie.value_raw().unwrap_or_default())
        .filter(|token| !token.is_empty())
}

fn session_cookie(token: String, policy: CookiePolicy) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(policy.secure)
        .build()
}

fn set_cookie(response: &mut Response, cookie: Cookie<'static>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

fn see_other(address: &str) -> Response {
    let location = HeaderValue::from_str(address).unwrap_or(HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// Back to the sign-in form, saying why (`?galat=`), keeping where to go.
fn back_to_login(reason: &str, minutes: Option<i64>, next: &str) -> Response {
    let mut address = format!("/login?galat={reason}");
    if let Some(minutes) = minutes {
        address.push_str(&format!("&menit={minutes}"));
    }
    if next != "/" {
        address.push_str(&format!("&next={}", urlencoding(next)));
    }
    see_other(&address)
}

/// A path of this app (never another site, nor `//host`), else `/`.
fn local_path(next: &str) -> String {
    let fits = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() <= 2048;
    if fits { next.to_owned() } else { "/".to_owned() }
}

fn urlencoding(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/register/1/2026?q=a"), "/register/1/2026?q=a");
        for away in ["https://evil.example/", "//evil.example", "/\\evil", "", "x", "/a\nb"] {
            assert_eq!(local_path(away), "/", "{away:?}");
        }
    }

    #[test]
    fn open_paths_are_few() {
        for open in ["/login", "/pkg/benturan.wasm", "/favicon.svg", "/api/set_language"] {
            assert!(is_open(open), "{open}");
        }
        for closed in ["/", "/register/1/2026", "/api/get_register", "/api/save_cell", "/admin"] {
            assert!(!is_open(closed), "{closed}");
        }
    }

    #[test]
    fn the_session_cookie_is_read_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; benturan_session=abc; b=2"));
        assert_eq!(session_token(&headers), Some("abc"));
        headers.insert(header::COOKIE, HeaderValue::from_static("benturan_session="));
        assert_eq!(session_token(&headers), None);
        let cookie = session_cookie("t".into(), CookiePolicy { secure: true }).to_string();
        for part in ["benturan_session=t", "HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
            assert!(cookie.contains(part), "{cookie}");
        }
    }
}
