//! Cross-site request forgery guard: Leptos server functions check no origin,
//! so every write must come from a page of this app.
use axum::{
    extract::Request,
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_origin(request.headers()) {
        next.run(request).await
    } else {
        tracing::warn!(uri = %request.uri(), "cross-site write refused");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

/// Browsers mark cross-site requests with `Sec-Fetch-Site` and `Origin`;
/// a request that carries neither (a script, curl) has no ambient cookies to abuse.
fn is_same_origin(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    if text("sec-fetch-site") == Some("cross-site") {
        return false;
    }
    match (text(header::ORIGIN.as_str()), text(header::HOST.as_str())) {
        (Some(origin), Some(host)) => {
            origin.split_once("://").is_some_and(|(_, authority)| authority == host)
        }
        (Some(_), None) => false,
        (None, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::is_same_origin;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn same_host_origin_passes() {
        assert!(is_same_origin(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_same_origin(&headers(&[("host", "127.0.0.1:3000")])));
    }

    #[test]
    fn foreign_origin_is_refused() {
        assert!(!is_same_origin(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_same_origin(&headers(&[("origin", "null"), ("host", "a")])));
    }
}
