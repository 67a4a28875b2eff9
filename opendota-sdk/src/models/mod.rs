//! Response models, one module per API resource (beside [`crate::api`]), plus the shared
//! [`enums`].
//!
//! Every model is `#[non_exhaustive]` and tolerant: fields the API may omit or null are
//! `Option`s, numbers decode from numbers or numeric strings, lists from lists or (in the 2018
//! form) comma-joined strings, and unknown keys are ignored.

pub mod constants;
pub mod enums;
pub mod explorer;
pub mod heroes;
pub mod leagues;
pub mod live;
pub mod matches;
pub mod metadata;
pub mod players;
pub mod pro_players;
pub mod records;
pub mod request;
pub mod scenarios;
pub mod search;
pub mod teams;
