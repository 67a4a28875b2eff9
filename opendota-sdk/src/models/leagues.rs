//! Models of the `leagues` endpoints (`/leagues`, `/leagues/{league_id}`).
//!
//! The matches of a league are [`ProMatch`](crate::models::matches::ProMatch) rows and its teams
//! are [`Team`](crate::models::teams::Team) rows.

use serde::{Deserialize, Serialize};

use crate::ids::LeagueId;

/// A league (tournament), as listed by `/leagues` and returned by `/leagues/{league_id}`
/// (`LeagueObjectResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct League {
    /// The league.
    pub leagueid: LeagueId,
    /// Path of the league's ticket image in the game files (`econ/leagues/…`).
    #[serde(default, with = "crate::de::lenient")]
    pub ticket: Option<String>,
    /// Path of the league's banner image in the game files (often `null`).
    #[serde(default, with = "crate::de::lenient")]
    pub banner: Option<String>,
    /// Tier: `premium`, `professional`, `amateur` or `excluded` (`null` for some old leagues).
    #[serde(default, with = "crate::de::lenient")]
    pub tier: Option<String>,
    /// League name, e.g. `ASUS ROG DreamLeague Season 4`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
}

impl League {
    /// Whether the league is a professional or premium one (the tiers whose matches
    /// `/proMatches` and `/leagues/{id}/matches` list).
    ///
    /// ```
    /// use opendota_sdk::models::leagues::League;
    ///
    /// let league: League = serde_json::from_str(r#"{"leagueid": 1, "tier": "premium"}"#)?;
    /// assert!(league.is_pro());
    /// let amateur: League = serde_json::from_str(r#"{"leagueid": 2, "tier": "amateur"}"#)?;
    /// assert!(!amateur.is_pro());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn is_pro(&self) -> bool {
        matches!(self.tier.as_deref(), Some("professional" | "premium"))
    }
}
