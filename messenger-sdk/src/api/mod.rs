//! Graph API calls, one module per resource; their payload and answer types live in the module
//! of the same name under [`crate::models`].

pub mod attachments;
pub mod batch;
pub mod messenger_profile;
pub mod send;
pub mod user_profile;
