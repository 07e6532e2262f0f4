//! The UI language: a signal in context, chosen by a cookie. Indonesian
//! unless the user picked English: the Biro's register is Indonesian first,
//! so the browser's Accept-Language is deliberately not consulted.
use super::{Locale, Strings};
use leptos::prelude::*;

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "benturan_lang";

#[derive(Clone, Copy, Debug)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    pub fn locale(self) -> Locale {
        self.locale.get()
    }

    /// The strings of the current language (tracked: views update on a switch).
    pub fn t(self) -> &'static Strings {
        self.locale.get().strings()
    }

    pub fn set(self, locale: Locale) {
        self.locale.set(locale);
        #[cfg(feature = "hydrate")]
        remember_in_browser(locale);
    }
}

pub fn provide_i18n() -> I18n {
    let i18n = I18n { locale: RwSignal::new(initial_locale()) };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(provide_i18n)
}

/// The `Set-Cookie` value that remembers `locale` for a year.
pub fn cookie_value(locale: Locale) -> String {
    format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.tag())
}

/// The language named by a `Cookie` request header, if any.
pub fn locale_from_cookie_header(header: &str) -> Option<Locale> {
    header.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        if name == LANG_COOKIE { Locale::from_tag(value) } else { None }
    })
}

/// The language of the request being rendered (server) or of the page the
/// server rendered (browser, before any switch), so hydration matches.
pub fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
                locale_from_cookie_header(header)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|root| root.get_attribute("lang"))
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

#[cfg(feature = "hydrate")]
fn remember_in_browser(locale: Locale) {
    use wasm_bindgen::JsCast;
    let document = document();
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", locale.tag());
    }
    let _ = document.unchecked_into::<web_sys::HtmlDocument>().set_cookie(&cookie_value(locale));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_cookie_among_others() {
        assert_eq!(locale_from_cookie_header("a=1; benturan_lang=en; b=2"), Some(Locale::En));
        assert_eq!(locale_from_cookie_header("benturan_lang=id"), Some(Locale::Id));
        assert_eq!(locale_from_cookie_header("benturan_lang=xx"), None);
        assert_eq!(locale_from_cookie_header("other_lang=en"), None);
    }

    #[test]
    fn cookie_round_trips() {
        let cookie = cookie_value(Locale::En);
        let pair = cookie.split(';').next().unwrap_or_default();
        assert_eq!(locale_from_cookie_header(pair), Some(Locale::En));
    }
}
