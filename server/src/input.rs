//! Form bodies and server function queries must be UTF-8 once their
//! percent-encoding is undone. The decoders after (serde_qs, the sign-in
//! form's) replace invalid bytes with U+FFFD and go on: `value=ok%ff%fe`
//! would be stored as "ok" and two replacement characters. Refused here with
//! 400, naming the argument, like a body whose raw bytes are not UTF-8.
use app::error::AppError;
use axum::{
    body::Body,
    extract::Request,
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use percent_encoding::percent_decode;

/// Checks the query of a server function call and any form body.
pub async fn well_formed(request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/api/")
        && let Err(problem) = check_form(request.uri().query().unwrap_or_default().as_bytes())
    {
        return refuse(&problem);
    }
    if request.method() != Method::POST || !is_form(request.headers().get(header::CONTENT_TYPE)) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    // The body limit outside has already bounded what can be read.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    if let Err(problem) = check_form(&bytes) {
        return refuse(&problem);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn is_form(content_type: Option<&HeaderValue>) -> bool {
    content_type.and_then(|value| value.to_str().ok()).is_some_and(|value| {
        let essence = value.split(';').next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
    })
}

/// Whether every name and value of `application/x-www-form-urlencoded`
/// text decodes to UTF-8; else what is wrong, naming the argument.
fn check_form(form: &[u8]) -> Result<(), String> {
    if std::str::from_utf8(form).is_err() {
        return Err("the form is not UTF-8".to_owned());
    }
    for pair in form.split(|&byte| byte == b'&') {
        let mut halves = pair.splitn(2, |&byte| byte == b'=');
        let name = decode(halves.next().unwrap_or_default());
        let Ok(name) = name else {
            return Err("an argument's name is not UTF-8 once decoded".to_owned());
        };
        if decode(halves.next().unwrap_or_default()).is_err() {
            let name: String = name.chars().take(64).collect();
            return Err(format!("{name}: not UTF-8 once its %-escapes are decoded"));
        }
    }
    Ok(())
}

fn decode(encoded: &[u8]) -> Result<String, std::str::Utf8Error> {
    let spaced: Vec<u8> = encoded.iter().map(|&b| if b == b'+' { b' ' } else { b }).collect();
    percent_decode(&spaced).decode_utf8().map(|text| text.into_owned())
}

/// 400 with the body every malformed call gets (`AppError::BadRequest`).
fn refuse(problem: &str) -> Response {
    tracing::warn!(%problem, "malformed request refused");
    let body = serde_json::to_string(&AppError::BadRequest(problem.to_owned()))
        .unwrap_or_else(|_| "{}".to_owned());
    let mut response = (StatusCode::BAD_REQUEST, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_invalid_utf8_is_named() {
        assert_eq!(check_form(b"row=1&value=ok%C3%A9+x&expected="), Ok(()));
        assert_eq!(check_form(b""), Ok(()));
        assert_eq!(check_form(b"flag&x=%25ff"), Ok(()), "an escaped percent sign is text");
        let error = check_form(b"row=1&value=ok%ff%fe").unwrap_err();
        assert!(error.starts_with("value:"), "{error}");
        assert!(check_form(b"%ff=1").is_err());
        assert!(check_form(b"value=\xff").is_err());
        // A lone surrogate, percent-encoded as CESU would.
        assert!(check_form(b"value=%ED%A0%80").is_err());
    }

    #[test]
    fn forms_are_recognised_by_their_type() {
        let form = HeaderValue::from_static("application/x-www-form-urlencoded; charset=UTF-8");
        assert!(is_form(Some(&form)));
        assert!(!is_form(Some(&HeaderValue::from_static("application/json"))));
        assert!(!is_form(None));
    }
}
