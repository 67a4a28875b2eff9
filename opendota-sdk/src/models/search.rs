//! Models of `GET /search`.

use serde::{Deserialize, Serialize};

use crate::ids::AccountId;

/// One player found by [`Client::search`](crate::Client::search).
///
/// The first row is an exact account-id match when the query was a number, a 32-bit account id
/// or a SteamID64 (it has only `account_id`, `personaname` and `avatarfull`, no score); the others
/// are name matches, best first. Which score a name match carries depends on the server's age:
/// [`sml`](Self::sml) since 2025-11, [`similarity`](Self::similarity) before; both are optional.
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
    /// Trigram similarity of the name to the query, 0–1 (PostgreSQL `pg_trgm`), sent since
    /// 2025-11. `None` on the exact account-id row and from older servers.
    #[serde(default, with = "crate::de::lenient")]
    pub sml: Option<f64>,
    /// The search engine's relevance score (Elasticsearch, roughly 30–60, not bounded), sent
    /// until 2025-11. `None` on the exact account-id row and from current servers.
    #[serde(default, with = "crate::de::lenient")]
    pub similarity: Option<f64>,
}
