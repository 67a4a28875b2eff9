//! Payloads sent to and answers read from the Graph API, one module per resource (beside
//! [`crate::api`]).

pub mod attachments;
pub mod batch;
pub mod messenger_profile;
pub mod send;
pub mod user_profile;
