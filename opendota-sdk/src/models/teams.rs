//! Models of the `teams` endpoints (`/teams`, `/teams/{team_id}/…`, and `/leagues/{id}/teams`).

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, HeroId, LeagueId, MatchId, TeamId};

/// A professional team with its Elo rating (`TeamObjectResponse`), from `/teams`,
/// `/teams/{team_id}` and `/leagues/{league_id}/teams`.
///
/// Teams that were never rated have no `rating`, `wins`, `losses` or `last_match_time`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Team {
    /// The team.
    pub team_id: TeamId,
    /// Elo rating (a float, e.g. `1591.17`; whole numbers in some old rows).
    #[serde(default, with = "crate::de::lenient")]
    pub rating: Option<f64>,
    /// Rated games won.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u32>,
    /// Rated games lost.
    #[serde(default, with = "crate::de::lenient")]
    pub losses: Option<u32>,
    /// When the team last played, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub last_match_time: Option<i64>,
    /// Team name, e.g. `Team Liquid`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Team tag, e.g. `Liquid`.
    #[serde(default, with = "crate::de::lenient")]
    pub tag: Option<String>,
    /// Logo URL (not in the spec; `null` when the team has none).
    #[serde(default, with = "crate::de::lenient")]
    pub logo_url: Option<String>,
    /// Rating change of the last rated match (not in the spec).
    #[serde(default, with = "crate::de::lenient")]
    pub delta: Option<f64>,
    /// The last rated match (not in the spec).
    #[serde(default, with = "crate::de::lenient")]
    pub match_id: Option<MatchId>,
}

/// One match of a team, from `/teams/{team_id}/matches` (`TeamMatchObjectResponse`), newest
/// first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TeamMatch {
    /// The match.
    pub match_id: MatchId,
    /// Whether the team played on Radiant.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant: Option<bool>,
    /// Whether Radiant won (`null` when unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_win: Option<bool>,
    /// Radiant kills.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_score: Option<u32>,
    /// Dire kills.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_score: Option<u32>,
    /// Length in seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub duration: Option<u32>,
    /// Start, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
    /// League.
    #[serde(default, with = "crate::de::lenient")]
    pub leagueid: Option<LeagueId>,
    /// League name.
    #[serde(default, with = "crate::de::lenient")]
    pub league_name: Option<String>,
    /// Server cluster.
    #[serde(default, with = "crate::de::lenient")]
    pub cluster: Option<u32>,
    /// The other team.
    #[serde(default, with = "crate::de::lenient")]
    pub opposing_team_id: Option<TeamId>,
    /// The other team's name (`null` when unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub opposing_team_name: Option<String>,
    /// The other team's logo URL.
    #[serde(default, with = "crate::de::lenient")]
    pub opposing_team_logo: Option<String>,
}

impl TeamMatch {
    /// Whether this team won, when both its side and the result are known.
    ///
    /// ```
    /// use opendota_sdk::models::teams::TeamMatch;
    ///
    /// let m: TeamMatch = serde_json::from_str(r#"{"match_id": 1, "radiant": false, "radiant_win": false}"#)?;
    /// assert_eq!(m.won(), Some(true));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn won(&self) -> Option<bool> {
        Some(self.radiant? == self.radiant_win?)
    }
}

/// A player who played for a team, from `/teams/{team_id}/players` (`TeamPlayersResponse`),
/// most games first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TeamPlayer {
    /// The player (`None` for the row that sums up anonymous players).
    #[serde(default, with = "crate::de::lenient")]
    pub account_id: Option<AccountId>,
    /// Pro name (`null` for players who are not listed pros).
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Games played for the team.
    #[serde(default, with = "crate::de::lenient")]
    pub games_played: Option<u32>,
    /// Games won for the team.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u32>,
    /// Whether the player is on the current roster (`null` when unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub is_current_team_member: Option<bool>,
}

/// A hero a team played, from `/teams/{team_id}/heroes` (`TeamHeroesResponse`), most games
/// first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TeamHero {
    /// The hero.
    pub hero_id: HeroId,
    /// Hero name, e.g. `Anti-Mage` (the server sends `localized_name`, the spec says `name`).
    #[serde(default, alias = "name", with = "crate::de::lenient")]
    pub localized_name: Option<String>,
    /// Games the team played with the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub games_played: Option<u32>,
    /// Games the team won with the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u32>,
}
