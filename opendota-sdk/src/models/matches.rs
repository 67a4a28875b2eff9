//! Models of `GET /matches/{match_id}` and the match listings (`/proMatches`, `/publicMatches`,
//! `/parsedMatches`, `/findMatches`).

use serde::{Deserialize, Serialize};

use crate::ids::{LeagueId, MatchId, TeamId};

/// A professional match as listed by `/proMatches`, `/heroes/{id}/matches` and
/// `/leagues/{id}/matches` (`MatchObjectResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProMatch {
    /// The match.
    pub match_id: MatchId,
    /// Length in seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub duration: Option<u32>,
    /// Start, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
    /// Radiant team.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_team_id: Option<TeamId>,
    /// Radiant team name.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_name: Option<String>,
    /// Dire team.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_team_id: Option<TeamId>,
    /// Dire team name.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_name: Option<String>,
    /// League.
    #[serde(default, with = "crate::de::lenient")]
    pub leagueid: Option<LeagueId>,
    /// League name.
    #[serde(default, with = "crate::de::lenient")]
    pub league_name: Option<String>,
    /// Series.
    #[serde(default, with = "crate::de::lenient")]
    pub series_id: Option<u64>,
    /// Series type (0 best of 1, 1 best of 3, 2 best of 5).
    #[serde(default, with = "crate::de::lenient")]
    pub series_type: Option<u8>,
    /// Radiant kills.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_score: Option<u32>,
    /// Dire kills.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_score: Option<u32>,
    /// Whether Radiant won.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_win: Option<bool>,
    /// Whether the hero or team in question was on Radiant (per-hero listings only).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant: Option<bool>,
}
