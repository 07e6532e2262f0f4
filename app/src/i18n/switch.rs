//! The language switch: a form that works before hydration (the server sets
//! the cookie and sends the user back), and switches in place after it.
use super::use_i18n;
use crate::error::AppError;
use leptos::{ev::SubmitEvent, prelude::*, server_fn::ServerFn};

/// Remembers `lang` in a cookie and returns to the page the form was on.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use http::{HeaderValue, header};
    // An unknown language is a malformed call, never silently Indonesian.
    let locale = super::Locale::from_tag(&lang).ok_or_else(|| {
        AppError::BadRequest(format!("unknown language: {lang:?}")).with_http_status()
    })?;
    let response = use_context::<leptos_axum::ResponseOptions>().ok_or(AppError::Internal)?;
    let cookie = HeaderValue::from_str(&super::context::cookie_value(locale))
        .map_err(|_| AppError::Internal)?;
    response.append_header(header::SET_COOKIE, cookie);
    let back = use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(header::REFERER)?.to_str().ok().map(local_path))
        .unwrap_or_else(|| "/".to_owned());
    leptos_axum::redirect(&back);
    Ok(())
}

/// The path of a same-site address, so the redirect never leaves the app.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn local_path(referer: &str) -> String {
    let path = referer
        .parse::<http::Uri>()
        .ok()
        .and_then(|uri| uri.path_and_query().map(|p| p.as_str().to_owned()));
    match path {
        Some(path) if path.starts_with('/') && !path.starts_with("//") => path,
        _ => "/".to_owned(),
    }
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let target = move || i18n.locale().other();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        i18n.set(target());
    };
    view! {
        <form
            class="language-switch"
            method="post"
            action=SetLanguage::url()
            on:submit=on_submit
        >
            <input type="hidden" name="lang" value=move || target().tag()/>
            <button
                type="submit"
                data-testid="language-switch"
                title=move || i18n.t().switch_language
                lang=move || target().tag()
            >
                <span class="language-switch-code" aria-hidden="true">
                    {move || target().tag().to_uppercase()}
                </span>
                {move || target().strings().language_name}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn redirects_stay_inside_the_app() {
        assert_eq!(local_path("http://127.0.0.1:3000/halaman?x=1"), "/halaman?x=1");
        assert_eq!(local_path("/"), "/");
        assert_eq!(local_path("//evil.example/x"), "/");
        assert_eq!(local_path("not a uri"), "/");
    }
}
