//! What an account change must respect: the limits of a username and a
//! password, and the refusals the admin reads.
use serde::{Deserialize, Serialize};

/// Limits of a username and a password.
pub const USERNAME_CHARS: std::ops::RangeInclusive<usize> = 3..=64;
pub const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 10..=1024;

/// Why an account change was refused, for the admin to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountProblem {
    BadUsername {
        min: usize,
        max: usize,
    },
    Taken,
    /// The last active admin cannot lose the role or be disabled.
    LastAdmin,
    NoSuchBagian,
    NoSuchUser,
    /// Not one e-mail address of at most `max` characters.
    BadEmail {
        max: usize,
    },
}

/// Longest e-mail address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// An e-mail address as an admin writes it: empty for none, else one
/// address (`nama@kaltimprov.go.id`): printable ASCII without spaces,
/// quotes or brackets, a part before the one `@` of at most 64 characters
/// and a domain with a dot, at most [`MAX_EMAIL_CHARS`] in all.
pub fn parse_email(raw: &str) -> Result<Option<String>, AccountProblem> {
    let email = raw.trim();
    if email.is_empty() {
        return Ok(None);
    }
    let bad = AccountProblem::BadEmail { max: MAX_EMAIL_CHARS };
    let plain = |c: char| c.is_ascii_graphic() && !"<>,;:\"()[]\\".contains(c);
    if email.len() > MAX_EMAIL_CHARS || !email.chars().all(plain) {
        return Err(bad);
    }
    let Some((local, domain)) = email.split_once('@') else { return Err(bad) };
    let domain_ok = domain.contains('.')
        && !domain.contains('@')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && !domain.contains("..");
    if local.is_empty() || local.len() > 64 || !domain_ok {
        return Err(bad);
    }
    Ok(Some(email.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_one_plain_address_or_none() {
        assert_eq!(parse_email("  "), Ok(None));
        assert_eq!(
            parse_email(" rina@kaltimprov.go.id "),
            Ok(Some("rina@kaltimprov.go.id".into()))
        );
        let bad = Err(AccountProblem::BadEmail { max: MAX_EMAIL_CHARS });
        for hostile in [
            "rina",
            "rina@localhost",
            "a@b@c.id",
            "rina @kaltimprov.go.id",
            "rina@kaltimprov.go.id, budi@kaltimprov.go.id",
            "<b>rina</b>@x.id",
            "rina\u{200b}@kaltimprov.go.id",
            "rina@kaltimprov.go.id\r\nBcc: x@y.id",
            "\u{202e}rina@x.id",
            "rina@.id",
        ] {
            assert_eq!(parse_email(hostile), bad, "{hostile:?}");
        }
        let long = format!("{}@{}.id", "a".repeat(64), "b".repeat(200));
        assert_eq!(parse_email(&long), bad);
    }
}
