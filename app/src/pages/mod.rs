//! Pages put together from several features: each feature's components
//! know nothing of the features above them.
mod downloads;
mod register;

pub use register::RegisterPage;
