//! The printed official form: the whole register on A4 landscape sheets
//! under the Biro's heading, with the signature block at its end, and the
//! settings (SK, signatories) admins give it per register.
pub mod api;
pub mod components;
pub mod model;
pub mod paginate;
#[cfg(feature = "ssr")]
pub mod repo;
