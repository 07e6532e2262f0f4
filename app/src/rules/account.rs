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
}
