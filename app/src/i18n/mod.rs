//! Every user-visible string, in Bahasa Indonesia (the default) and English.
//! A locale is a `&'static Strings`: a missing translation is a compile error.
pub mod admin;
pub mod as_of;
#[cfg(feature = "ssr")]
pub mod cli;
mod context;
pub mod cycle;
mod en;
pub mod evidence;
mod id;
mod labels;
pub mod print;
pub mod reminders;
pub mod session;
mod strings;
mod switch;
pub mod upload;

pub use context::{
    I18n, LANG_COOKIE, cookie_value, initial_locale, locale_from_cookie_header, provide_i18n,
    use_i18n,
};
pub use strings::Strings;
pub use switch::{LanguageSwitch, SetLanguage, set_language};

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Id,
    En,
}

impl Locale {
    pub const ALL: [Self; 2] = [Self::Id, Self::En];

    /// The BCP 47 tag, used for `<html lang>` and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|locale| locale.tag().eq_ignore_ascii_case(tag.trim()))
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Self::Id => &id::STRINGS,
            Self::En => &en::STRINGS,
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Self {
        match self {
            Self::Id => Self::En,
            Self::En => Self::Id,
        }
    }
}

/// Thousands separators as each language writes them: 4.000 / 4,000.
pub fn group_thousands(value: usize, separator: char) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests;
