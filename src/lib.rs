//! baophu: a static-site generator for "target vs actual" social-insurance coverage statistics.
//!
//! The pipeline runs one way: [`load`] → [`model`] → [`compute`] → [`present`] → [`write`].
//! The [`cmd`] module holds one file per command-line verb.

pub mod address;
pub mod cmd;
pub mod compute;
pub mod diagnostic;
pub mod error;
pub mod fingerprint;
pub mod load;
pub mod model;
pub mod present;
pub mod text;
pub mod write;

pub use error::{Error, Position, Warning};
