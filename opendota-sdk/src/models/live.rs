//! Models of `GET /live`: the top live games, as Steam's `GetTopLiveGame` lists them.
//!
//! The spec leaves the answer untyped; these are the well-known fields, all optional.

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, HeroId, LeagueId, MatchId, TeamId};
use crate::models::enums::{GameMode, LobbyType};

/// A game being played now, as returned by [`Client::live`](crate::Client::live).
///
/// Scores, `game_time` and `radiant_lead` are delayed by `delay` seconds (spectator delay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LiveMatch {
    /// The match.
    #[serde(default, with = "crate::de::lenient")]
    pub match_id: Option<MatchId>,
    /// The lobby (a 64-bit number, sent as a string).
    #[serde(default, with = "crate::de::lenient")]
    pub lobby_id: Option<String>,
    /// The game server's SteamID (a 64-bit number, sent as a string); used to watch the game.
    #[serde(default, with = "crate::de::lenient")]
    pub server_steam_id: Option<String>,
    /// When the game appeared in the list, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub activate_time: Option<i64>,
    /// When the game left the list, Unix seconds (`0` while live).
    #[serde(default, with = "crate::de::lenient")]
    pub deactivate_time: Option<i64>,
    /// Last update from Steam, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub last_update_time: Option<i64>,
    /// League; `None` for a matchmaking game (OpenDota sends `0`).
    #[serde(default, with = "crate::models::zero_is_none")]
    pub league_id: Option<LeagueId>,
    /// Series (`0` when none).
    #[serde(default, with = "crate::de::lenient")]
    pub series_id: Option<u64>,
    /// Lobby type.
    #[serde(default, with = "crate::de::lenient")]
    pub lobby_type: Option<LobbyType>,
    /// Game mode.
    #[serde(default, with = "crate::de::lenient")]
    pub game_mode: Option<GameMode>,
    /// Game clock, seconds (negative before the horn).
    #[serde(default, with = "crate::de::lenient")]
    pub game_time: Option<i64>,
    /// Spectator delay, seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub delay: Option<u32>,
    /// Current spectators.
    #[serde(default, with = "crate::de::lenient")]
    pub spectators: Option<u32>,
    /// Average matchmaking rating of the players.
    #[serde(default, with = "crate::de::lenient")]
    pub average_mmr: Option<u32>,
    /// Steam's ranking score for the list.
    #[serde(default, with = "crate::de::lenient")]
    pub sort_score: Option<i64>,
    /// Radiant gold lead (negative: Dire ahead).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_lead: Option<i64>,
    /// Radiant kills.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_score: Option<u32>,
    /// Dire kills.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_score: Option<u32>,
    /// Radiant team name (`None` for matchmaking games, which send `""`).
    #[serde(default, with = "crate::de::lenient")]
    pub team_name_radiant: Option<String>,
    /// Dire team name (`None` for matchmaking games, which send `""`).
    #[serde(default, with = "crate::de::lenient")]
    pub team_name_dire: Option<String>,
    /// Radiant team (`0` when none).
    #[serde(default, with = "crate::de::lenient")]
    pub team_id_radiant: Option<TeamId>,
    /// Dire team (`0` when none).
    #[serde(default, with = "crate::de::lenient")]
    pub team_id_dire: Option<TeamId>,
    /// Radiant team logo UGC id (`"0"` when none).
    #[serde(default, with = "crate::de::lenient")]
    pub team_logo_radiant: Option<String>,
    /// Dire team logo UGC id (`"0"` when none).
    #[serde(default, with = "crate::de::lenient")]
    pub team_logo_dire: Option<String>,
    /// Bit set of standing buildings.
    #[serde(default, with = "crate::de::lenient")]
    pub building_state: Option<u64>,
    /// Whether the game uses player draft.
    #[serde(default, with = "crate::de::lenient")]
    pub is_player_draft: Option<bool>,
    /// Whether the game can be watched in the client.
    #[serde(default, with = "crate::de::lenient")]
    pub is_watch_eligible: Option<bool>,
    /// The players, Radiant first.
    #[serde(default, with = "crate::de::lenient")]
    pub players: Vec<LivePlayer>,
}

impl LiveMatch {
    /// The players of one side.
    ///
    /// ```
    /// # fn demo(game: &opendota_sdk::models::live::LiveMatch) {
    /// let radiant_heroes: Vec<_> = game.side(true).filter_map(|p| p.hero_id).collect();
    /// # }
    /// ```
    pub fn side(&self, radiant: bool) -> impl Iterator<Item = &LivePlayer> + '_ {
        self.players
            .iter()
            .filter(move |p| p.is_radiant() == Some(radiant))
    }
}

/// A player of a [`LiveMatch`]. Known pros carry their pro profile too (`name`, `team_*`,
/// `is_pro` …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LivePlayer {
    /// The player.
    #[serde(default, with = "crate::de::lenient")]
    pub account_id: Option<AccountId>,
    /// The hero (`0` before it is picked).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// Side: `0` Radiant, `1` Dire.
    #[serde(default, with = "crate::de::lenient")]
    pub team: Option<u8>,
    /// Position in the team, 1–5.
    #[serde(default, with = "crate::de::lenient")]
    pub team_slot: Option<u8>,
    /// Pro name, e.g. `Miracle-` (known pros only).
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Pro's country code.
    #[serde(default, with = "crate::de::lenient")]
    pub country_code: Option<String>,
    /// Pro's fantasy role: 1 core, 2 support.
    #[serde(default, with = "crate::de::lenient")]
    pub fantasy_role: Option<u8>,
    /// Pro's team.
    #[serde(default, with = "crate::de::lenient")]
    pub team_id: Option<TeamId>,
    /// Pro's team name.
    #[serde(default, with = "crate::de::lenient")]
    pub team_name: Option<String>,
    /// Pro's team tag.
    #[serde(default, with = "crate::de::lenient")]
    pub team_tag: Option<String>,
    /// Whether the pro is a professional (rather than a notable player).
    #[serde(default, with = "crate::de::lenient")]
    pub is_pro: Option<bool>,
    /// Whether the pro's roster is locked.
    #[serde(default, with = "crate::de::lenient")]
    pub is_locked: Option<bool>,
    /// When the roster lock ends, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub locked_until: Option<i64>,
}

impl LivePlayer {
    /// Whether the player is on Radiant (`team == 0`); `None` when the side is unknown.
    ///
    /// ```
    /// # fn demo(player: &opendota_sdk::models::live::LivePlayer) {
    /// let side = match player.is_radiant() {
    ///     Some(true) => "Radiant",
    ///     Some(false) => "Dire",
    ///     None => "?",
    /// };
    /// # }
    /// ```
    #[must_use]
    pub fn is_radiant(&self) -> Option<bool> {
        match self.team {
            Some(0) => Some(true),
            Some(1) => Some(false),
            _ => None,
        }
    }
}

crate::de::lenient_via_deserialize!(LivePlayer);
