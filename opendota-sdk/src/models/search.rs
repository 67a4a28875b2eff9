//! Models of `GET /search`.

use serde::{Deserialize, Serialize};

use crate::ids::AccountId;

/// One player found by [`Client::search`](crate::Client::search).
///
/// The first row is an exact account-id match when the query was a number (it has only
/// `account_id`, `personaname` and `avatarfull`); the others are name matches, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SearchResult {
    /// The player's account.
    pub account_id: AccountId,
    /// Steam name.
    #[serde(default, with = "crate::de::lenient")]
    pub personaname: Option<String>,
    /// Full-size avatar URL.
    #[serde(default, with = "crate::de::lenient")]
    pub avatarfull: Option<String>,
    /// When the player last played, ISO-8601 (absent when unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub last_match_time: Option<String>,
    /// How close the name is: 0–1 since 2025-11 (`sml`), about 30–60 before (`similarity`).
    #[serde(default, alias = "sml", with = "crate::de::lenient")]
    pub similarity: Option<f64>,
}
