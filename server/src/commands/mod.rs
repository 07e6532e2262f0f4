//! The commands of `benturan` other than serving: each writes its outcome
//! in the user's language and changes nothing when it refuses.
pub mod backup;
pub mod export;
pub mod import;
pub mod user;
