//! Models of `GET /proPlayers` and `GET /topPlayers` (also returned by
//! `GET /heroes/{hero_id}/players`).

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, TeamId};

/// A player as OpenDota lists pros and top players (`PlayerObjectResponse`). Almost every field
/// may be `null`: most pros never logged in to OpenDota.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProPlayer {
    /// The player's account.
    pub account_id: AccountId,
    /// SteamID64, as a string.
    #[serde(default, with = "crate::de::lenient")]
    pub steamid: Option<String>,
    /// Small avatar URL.
    #[serde(default, with = "crate::de::lenient")]
    pub avatar: Option<String>,
    /// Medium avatar URL.
    #[serde(default, with = "crate::de::lenient")]
    pub avatarmedium: Option<String>,
    /// Full-size avatar URL.
    #[serde(default, with = "crate::de::lenient")]
    pub avatarfull: Option<String>,
    /// Steam profile URL.
    #[serde(default, with = "crate::de::lenient")]
    pub profileurl: Option<String>,
    /// Steam name.
    #[serde(default, with = "crate::de::lenient")]
    pub personaname: Option<String>,
    /// Last login to OpenDota (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub last_login: Option<String>,
    /// Last full-history refresh (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub full_history_time: Option<String>,
    /// Dollars donated to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub cheese: Option<i64>,
    /// Whether the last full-history refresh failed (match data not exposed).
    #[serde(default, with = "crate::de::lenient")]
    pub fh_unavailable: Option<bool>,
    /// Steam country code.
    #[serde(default, with = "crate::de::lenient")]
    pub loccountrycode: Option<String>,
    /// Last match (ISO-8601); not in the spec, present in real answers.
    #[serde(default, with = "crate::de::lenient")]
    pub last_match_time: Option<String>,
    /// Whether the player has a Dota Plus subscription (`null` when unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub plus: Option<bool>,
    /// Verified pro name, e.g. `Miracle-`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Country code of the pro profile.
    #[serde(default, with = "crate::de::lenient")]
    pub country_code: Option<String>,
    /// In-game role: 1 core, 2 support.
    #[serde(default, with = "crate::de::lenient")]
    pub fantasy_role: Option<u8>,
    /// Team; `None` for a player without one (OpenDota sends `0`).
    #[serde(default, with = "crate::models::zero_is_none")]
    pub team_id: Option<TeamId>,
    /// Team name.
    #[serde(default, with = "crate::de::lenient")]
    pub team_name: Option<String>,
    /// Team tag, e.g. `EG`.
    #[serde(default, with = "crate::de::lenient")]
    pub team_tag: Option<String>,
    /// Whether the roster lock is active.
    #[serde(default, with = "crate::de::lenient")]
    pub is_locked: Option<bool>,
    /// Whether the player is a professional.
    #[serde(default, with = "crate::de::lenient")]
    pub is_pro: Option<bool>,
    /// When the roster lock ends (Unix seconds).
    #[serde(default, with = "crate::de::lenient")]
    pub locked_until: Option<i64>,
    /// Rank medal (`/topPlayers` rows).
    #[serde(default, with = "crate::de::lenient")]
    pub rank_tier: Option<crate::rank::RankTier>,
    /// Rating change in the last match (`/topPlayers` rows).
    #[serde(default, with = "crate::de::lenient")]
    pub delta: Option<f64>,
    /// The last rated match (`/topPlayers` rows).
    #[serde(default, with = "crate::de::lenient")]
    pub match_id: Option<crate::ids::MatchId>,
    /// Rating estimate from ranked matches (a float in real answers).
    #[serde(default, alias = "computed_rating", with = "crate::de::lenient")]
    pub computed_mmr: Option<f64>,
    /// When the profile was last refreshed (`/topPlayers` rows, ISO 8601).
    #[serde(default, with = "crate::de::lenient")]
    pub profile_time: Option<String>,
    /// When the rank tier was last read (`/topPlayers` rows, ISO 8601).
    #[serde(default, with = "crate::de::lenient")]
    pub rank_tier_time: Option<String>,
    /// The rank tier as a plain number (`/topPlayers` rows; `80` is Immortal).
    #[serde(default, with = "crate::de::lenient")]
    pub rating: Option<i64>,
}
