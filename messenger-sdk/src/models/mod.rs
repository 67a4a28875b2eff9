//! Payloads sent to and answers read from the Graph API, one module per resource (beside
//! [`crate::api`]).
//!
//! The Send API's payloads are documented and imported at [`crate::send`] (this module's `send`
//! is the same module, kept out of the docs so each type has one documented path).

pub mod attachments;
pub mod batch;
pub mod messenger_profile;
#[doc(hidden)]
pub mod send;
pub mod user_profile;
