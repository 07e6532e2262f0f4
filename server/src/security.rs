//! The browser-facing guards: every write must come from a page of this app
//! (Leptos server functions check no origin), and every response carries
//! the security headers, its scripts allowed by a nonce.
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Where the app is reached from, as browsers see it: `BENTURAN_PUBLIC_URL`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublicOrigin(Option<String>);

impl PublicOrigin {
    /// The origin (scheme, host, port) of a public URL such as
    /// `https://benturan.kaltimprov.go.id/`; an error names what is wrong.
    pub fn parse(url: Option<&str>) -> Result<Self, String> {
        let Some(url) = url.map(str::trim).filter(|url| !url.is_empty()) else {
            return Ok(Self(None));
        };
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| format!("{url}: the scheme is missing (https://…)"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(format!("{url}: the scheme must be http or https"));
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.is_empty() || authority.contains('@') {
            return Err(format!("{url}: expected a host such as https://example.go.id"));
        }
        let authority = authority.to_ascii_lowercase();
        let default_port = if scheme == "https" { ":443" } else { ":80" };
        let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
        Ok(Self(Some(format!("{scheme}://{authority}"))))
    }

    pub fn is_https(&self) -> bool {
        self.0.as_deref().is_some_and(|origin| origin.starts_with("https://"))
    }
}

/// The header by which the page cache says which nonce a kept page's
/// scripts carry (the one it was rendered with); never sent to browsers.
pub const KEPT_NONCE: &str = "x-benturan-nonce";

/// Sets the security headers of every response. Scripts run only with this
/// response's nonce (a kept page keeps its own: same bytes, no new markup in
/// them), WASM may be compiled, styles come from our stylesheet (and the
/// heights of the table's window, as attributes); nothing may frame the app.
pub async fn security_headers(
    State(public): State<PublicOrigin>,
    mut request: Request,
    next: Next,
) -> Response {
    let fresh: std::sync::Arc<str> = new_nonce().into();
    request.extensions_mut().insert(app::auth::CspNonce(fresh.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let nonce = headers
        .remove(KEPT_NONCE)
        .and_then(|kept| kept.to_str().ok().map(str::to_owned))
        .unwrap_or_else(|| fresh.to_string());
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if public.is_https() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// 16 random bytes, base64url: a nonce no one can guess.
fn new_nonce() -> String {
    use base64::Engine;
    let bytes: [u8; 16] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub async fn same_origin_writes(
    State(public): State<PublicOrigin>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_origin(request.headers(), &public) {
        next.run(request).await
    } else {
        tracing::warn!(uri = %request.uri(), "cross-site write refused");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

/// Browsers mark every request with `Sec-Fetch-Site` and cross-origin ones
/// with `Origin`; a request that carries neither (a script, curl) has no
/// ambient cookies to abuse.
///
/// With a public origin configured, `Origin` must be exactly it: behind a
/// reverse proxy `Host` is the upstream's, and a DNS-rebinding attacker
/// controls `Origin` and `Host` alike. Without one, `Origin` must match
/// `Host`, or the browser must vouch with `Sec-Fetch-Site: same-origin`.
pub fn is_same_origin(headers: &HeaderMap, public: &PublicOrigin) -> bool {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    let fetch_site = text("sec-fetch-site");
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return false;
    }
    let origin = text(header::ORIGIN.as_str());
    if let PublicOrigin(Some(expected)) = public {
        return match origin {
            Some(origin) => origin.eq_ignore_ascii_case(expected),
            None => fetch_site.is_none() || fetch_site == Some("same-origin"),
        };
    }
    match (origin, text(header::HOST.as_str())) {
        (Some(_), _) if fetch_site == Some("same-origin") => true,
        (Some(origin), Some(host)) => {
            origin.split_once("://").is_some_and(|(_, authority)| authority == host)
        }
        (Some(_), None) => false,
        (None, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    fn public(url: &str) -> PublicOrigin {
        PublicOrigin::parse(Some(url)).unwrap()
    }

    #[test]
    fn same_host_origin_passes() {
        let none = PublicOrigin::default();
        assert!(is_same_origin(
            &headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]),
            &none
        ));
        assert!(is_same_origin(&headers(&[("host", "127.0.0.1:3000")]), &none));
    }

    #[test]
    fn foreign_origin_is_refused() {
        let none = PublicOrigin::default();
        assert!(!is_same_origin(
            &headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")]),
            &none
        ));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")]), &none));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "same-site")]), &none));
        assert!(!is_same_origin(&headers(&[("origin", "null"), ("host", "a")]), &none));
    }

    #[test]
    fn the_browser_vouching_same_origin_passes_behind_a_proxy() {
        let proxied = headers(&[
            ("origin", "https://benturan.example.go.id"),
            ("host", "127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(is_same_origin(&proxied, &PublicOrigin::default()));
    }

    #[test]
    fn a_public_origin_is_the_only_origin() {
        let configured = public("https://Benturan.example.go.id:443/app/");
        assert_eq!(configured, PublicOrigin(Some("https://benturan.example.go.id".into())));
        let behind_proxy =
            headers(&[("origin", "https://benturan.example.go.id"), ("host", "127.0.0.1:3000")]);
        assert!(is_same_origin(&behind_proxy, &configured));
        // DNS rebinding: the attacker's name in both Origin and Host, and the
        // browser calls it same-origin.
        let rebinding = headers(&[
            ("origin", "http://evil.example:3000"),
            ("host", "evil.example:3000"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(is_same_origin(&rebinding, &PublicOrigin::default()));
        assert!(!is_same_origin(&rebinding, &configured));
        assert!(!is_same_origin(
            &headers(&[("origin", "http://benturan.example.go.id")]),
            &configured
        ));
    }

    #[test]
    fn bad_public_urls_are_named() {
        for url in ["benturan.example.go.id", "ftp://x", "https://", "https://u:p@x"] {
            assert!(PublicOrigin::parse(Some(url)).is_err(), "{url}");
        }
        assert_eq!(PublicOrigin::parse(None), Ok(PublicOrigin::default()));
        assert!(public("https://x.go.id").is_https());
    }
}
