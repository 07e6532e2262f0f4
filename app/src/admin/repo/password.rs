//! Passwords: their length, generated ones, argon2id hashes made off the
//! async threads, and their check.
use super::{AccountError, PASSWORD_CHARS};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

/// Refuses a password shorter or longer than the rules allow.
pub(super) fn check_password(password: &str) -> Result<(), AccountError> {
    PASSWORD_CHARS.contains(&password.chars().count()).then_some(()).ok_or(
        AccountError::BadPassword { min: *PASSWORD_CHARS.start(), max: *PASSWORD_CHARS.end() },
    )
}

/// A password for a new account, to be passed on once: 20 characters of
/// letters and digits that cannot be mistaken for one another.
pub fn generate_password() -> String {
    use argon2::password_hash::rand_core::RngCore;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // The largest multiple of the alphabet's length below 256: bytes above
    // it are drawn again, so that every character is as likely.
    let fair = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut password = String::with_capacity(20);
    while password.len() < 20 {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        if byte[0] < fair {
            password.push(ALPHABET[usize::from(byte[0]) % ALPHABET.len()] as char);
        }
    }
    password
}

/// The password as an argon2id PHC string (a fresh random salt each time).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        // Default parameters and a generated salt: hashing cannot fail.
        .unwrap_or_default()
}

/// [`hash_password`] on a blocking thread: argon2id takes tens of
/// milliseconds of CPU, which must not stall the async runtime's threads.
pub async fn hash_off_thread(password: &str) -> Result<String, AccountError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|error| AccountError::Database(format!("password hashing failed: {error}")))
}

/// Whether `password` is the one `hash` was made from.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_as_argon2id_with_their_own_salt() {
        let (one, two) =
            (hash_password("correct horse battery"), hash_password("correct horse battery"));
        assert!(one.starts_with("$argon2id$"));
        assert_ne!(one, two);
        assert!(verify_password(&one, "correct horse battery"));
        assert!(!verify_password(&one, "correct horse battery "));
        assert!(!verify_password("not a hash", "correct horse battery"));
    }

    #[test]
    fn passwords_have_limits() {
        assert!(check_password("123456789").is_err());
        assert_eq!(check_password("1234567890"), Ok(()));
        assert!(check_password(&"x".repeat(1025)).is_err());
    }

    #[test]
    fn generated_passwords_fit_the_rules_and_differ() {
        let (one, two) = (generate_password(), generate_password());
        assert_eq!(check_password(&one), Ok(()));
        assert_eq!(one.len(), 20);
        assert!(one.chars().all(|c| c.is_ascii_alphanumeric() && !"l1O0I".contains(c)));
        assert_ne!(one, two);
    }
}
