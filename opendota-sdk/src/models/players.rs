//! Models of the `/players/{account_id}/…` endpoints.
//!
//! Shapes follow the current spec and the older answers still found in caches and fixtures:
//! the 2018 `/players/{id}` with `mmr_estimate` and `solo_competitive_rank`, `/heroes` with
//! string hero ids, `/ratings` rows with MMR instead of `rank_tier`.

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize};

use crate::de::Lenient;
use crate::ids::{AccountId, HeroId, MatchId, TeamId};
use crate::models::enums::{GameMode, Lane, LaneRole, LeaverStatus, LobbyType};
use crate::rank::RankTier;

/// `null` or an absent key reads as an empty map (the lenient helpers do not cover maps).
fn null_as_empty<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// A lenient value where `null` or an absent key means the type's default (zero for counts).
fn lenient_or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient + Default,
{
    Option::<T>::deserialize_lenient(deserializer).map(Option::unwrap_or_default)
}

/// `wins / games`, or `None` when there are no games.
#[allow(clippy::cast_precision_loss, reason = "game counts are far below 2^52")]
fn ratio(wins: Option<u64>, games: Option<u64>) -> Option<f64> {
    match games {
        Some(games) if games > 0 => Some(wins.unwrap_or(0) as f64 / games as f64),
        _ => None,
    }
}

/// Whether a player slot is on the Radiant side (slots 0–127; Dire is 128–255).
const fn slot_is_radiant(player_slot: u8) -> bool {
    player_slot < 128
}

/// A player (`GET /players/{account_id}`): Steam profile, medal and rating estimates.
///
/// OpenDota answers 404 ([`Error::NotFound`](crate::Error::NotFound)) for accounts it does not
/// know; before December 2023 it answered 200 with a `null` profile, which decodes with
/// `profile: None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Player {
    /// The Steam profile (`None` only in pre-2023 answers for unknown accounts).
    #[serde(default, with = "crate::de::lenient")]
    pub profile: Option<Profile>,
    /// Seasonal medal, e.g. `54` = Legend 4 (`None` when uncalibrated or hidden).
    #[serde(default, with = "crate::de::lenient")]
    pub rank_tier: Option<RankTier>,
    /// Place on the Immortal leaderboard.
    #[serde(default, with = "crate::de::lenient")]
    pub leaderboard_rank: Option<u32>,
    /// OpenDota's rating estimate from ranked matches (a float; `computed_rating` in
    /// 2025-08..2025-11 answers).
    #[serde(default, alias = "computed_rating", with = "crate::de::lenient")]
    pub computed_mmr: Option<f64>,
    /// OpenDota's rating estimate from turbo matches (a float).
    #[serde(default, with = "crate::de::lenient")]
    pub computed_mmr_turbo: Option<f64>,
    /// Steam names the player used before, newest first (since 2025-12; empty before).
    #[serde(default, with = "crate::de::lenient")]
    pub aliases: Vec<Alias>,
    /// Legacy (removed): until when OpenDota tracked the account, Unix seconds as text.
    #[serde(default, with = "crate::de::lenient")]
    pub tracked_until: Option<String>,
    /// Legacy (removed 2025): solo MMR as Valve once reported it.
    #[serde(default, with = "crate::de::lenient")]
    pub solo_competitive_rank: Option<u32>,
    /// Legacy (removed 2025): party MMR as Valve once reported it.
    #[serde(default, with = "crate::de::lenient")]
    pub competitive_rank: Option<u32>,
    /// Legacy (removed 2023-12): OpenDota's old MMR estimate.
    #[serde(default, with = "crate::de::lenient")]
    pub mmr_estimate: Option<MmrEstimate>,
}

impl Player {
    /// The name to show: the Steam name, else the verified pro name.
    ///
    /// ```
    /// use opendota_sdk::AccountId;
    /// use opendota_sdk::models::players::Player;
    ///
    /// let player: Player = serde_json::from_str(
    ///     r#"{"profile": {"account_id": 86745912, "personaname": "Arteezy", "name": "RTZ"}}"#,
    /// )?;
    /// assert_eq!(player.display_name(), Some("Arteezy"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn display_name(&self) -> Option<&str> {
        let profile = self.profile.as_ref()?;
        profile.personaname.as_deref().or(profile.name.as_deref())
    }

    /// Whether the player hides their match data ("Expose Public Match Data" off in Dota 2;
    /// `profile.fh_unavailable`). OpenDota then answers every other player endpoint (`wl`,
    /// `recentMatches`, `matches`, `heroes`, `ratings`, `rankings`, …) with zeros and empty
    /// lists, exactly as for an account with no games: check this to tell the two apart.
    ///
    /// ```
    /// use opendota_sdk::models::players::Player;
    ///
    /// let private: Player = serde_json::from_str(
    ///     r#"{"profile": {"account_id": 7, "personaname": "shy", "fh_unavailable": true}}"#,
    /// )?;
    /// assert!(private.match_data_hidden());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn match_data_hidden(&self) -> bool {
        self.profile
            .as_ref()
            .is_some_and(|p| p.fh_unavailable == Some(true))
    }

    /// The account, from the profile.
    ///
    /// ```
    /// use opendota_sdk::AccountId;
    /// use opendota_sdk::models::players::Player;
    ///
    /// let player: Player = serde_json::from_str(
    ///     r#"{"profile": {"account_id": 86745912, "personaname": "Arteezy", "name": "RTZ"}}"#,
    /// )?;
    /// assert_eq!(player.account_id(), Some(AccountId(86745912)));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn account_id(&self) -> Option<AccountId> {
        self.profile.as_ref().map(|p| p.account_id)
    }
}

/// The Steam profile part of a [`Player`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Profile {
    /// The player's account.
    pub account_id: AccountId,
    /// Steam name.
    #[serde(default, with = "crate::de::lenient")]
    pub personaname: Option<String>,
    /// Verified pro name, e.g. `Miracle-`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Whether the player has an active Dota Plus subscription.
    #[serde(default, with = "crate::de::lenient")]
    pub plus: Option<bool>,
    /// Dollars donated to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub cheese: Option<i64>,
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
    /// Last login to OpenDota (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub last_login: Option<String>,
    /// Steam country code, e.g. `DE`.
    #[serde(default, with = "crate::de::lenient")]
    pub loccountrycode: Option<String>,
    /// OpenDota subscription status; not in the spec and undocumented, so kept as sent.
    #[serde(default)]
    pub status: Option<serde_json::Value>,
    /// Whether the last full-history refresh failed: match data is not exposed, so the
    /// aggregate endpoints answer with empty data.
    #[serde(default, with = "crate::de::lenient")]
    pub fh_unavailable: Option<bool>,
    /// Whether the player contributed to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub is_contributor: Option<bool>,
    /// Whether the player subscribes to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub is_subscriber: Option<bool>,
}

crate::de::lenient_via_deserialize!(Profile);

/// A Steam name the player used ([`Player::aliases`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Alias {
    /// The name.
    #[serde(default, with = "crate::de::lenient")]
    pub personaname: Option<String>,
    /// Since when it was used (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub name_since: Option<String>,
}

crate::de::lenient_via_deserialize!(Alias);

/// Legacy: OpenDota's MMR estimate, removed from `/players/{id}` in December 2023.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MmrEstimate {
    /// The estimated MMR.
    #[serde(default, with = "crate::de::lenient")]
    pub estimate: Option<u32>,
}

crate::de::lenient_via_deserialize!(MmrEstimate);

/// Wins and losses (`GET /players/{account_id}/wl`). Unknown and private accounts get zeros,
/// so a zero here does not prove the account exists (use [`PlayerHandler::get`](crate::api::players::PlayerHandler::get)).
///
/// The API always sends both counts; a missing or `null` one reads as 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WinLoss {
    /// Matches won.
    #[serde(default, deserialize_with = "lenient_or_default")]
    pub win: u32,
    /// Matches lost.
    #[serde(default, deserialize_with = "lenient_or_default")]
    pub lose: u32,
}

impl WinLoss {
    /// Wins plus losses.
    ///
    /// ```
    /// use opendota_sdk::models::players::WinLoss;
    ///
    /// let wl: WinLoss = serde_json::from_str(r#"{"win": 3, "lose": 1}"#)?;
    /// assert_eq!(wl.games(), 4);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub const fn games(&self) -> u32 {
        self.win.saturating_add(self.lose)
    }

    /// Wins per game, 0–1; `None` without games.
    ///
    /// ```
    /// use opendota_sdk::models::players::WinLoss;
    ///
    /// let wl: WinLoss = serde_json::from_str(r#"{"win": 3, "lose": 1}"#)?;
    /// assert_eq!(wl.win_rate(), Some(0.75));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        ratio(Some(u64::from(self.win)), Some(u64::from(self.games())))
    }
}

/// One of the last 20 matches (`GET /players/{account_id}/recentMatches`), turbo included.
///
/// Fields that need a parsed replay (`lane`, `lane_role`, `is_roaming`, …) are `None` for
/// unparsed matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecentMatch {
    /// The match.
    pub match_id: MatchId,
    /// The player's slot: 0–127 Radiant, 128–255 Dire.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// Whether Radiant won.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_win: Option<bool>,
    /// Length in seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub duration: Option<u32>,
    /// Game mode.
    #[serde(default, with = "crate::de::lenient")]
    pub game_mode: Option<GameMode>,
    /// Lobby type.
    #[serde(default, with = "crate::de::lenient")]
    pub lobby_type: Option<LobbyType>,
    /// The hero played.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// Start, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
    /// Parser version (`None` when the replay was not parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub version: Option<u32>,
    /// Kills.
    #[serde(default, with = "crate::de::lenient")]
    pub kills: Option<u32>,
    /// Deaths.
    #[serde(default, with = "crate::de::lenient")]
    pub deaths: Option<u32>,
    /// Assists.
    #[serde(default, with = "crate::de::lenient")]
    pub assists: Option<u32>,
    /// Legacy skill bracket (1 normal, 2 high, 3 very high).
    #[serde(default, with = "crate::de::lenient")]
    pub skill: Option<u8>,
    /// Average medal of the players with public data.
    #[serde(default, with = "crate::de::lenient")]
    pub average_rank: Option<RankTier>,
    /// Experience per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub xp_per_min: Option<u32>,
    /// Gold per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub gold_per_min: Option<u32>,
    /// Damage dealt to enemy heroes.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_damage: Option<u64>,
    /// Damage dealt to buildings.
    #[serde(default, with = "crate::de::lenient")]
    pub tower_damage: Option<u64>,
    /// Healing done to allied heroes.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_healing: Option<u64>,
    /// Last hits.
    #[serde(default, with = "crate::de::lenient")]
    pub last_hits: Option<u32>,
    /// Map lane (parsed matches only).
    #[serde(default, with = "crate::de::lenient")]
    pub lane: Option<Lane>,
    /// Lane role (parsed matches only).
    #[serde(default, with = "crate::de::lenient")]
    pub lane_role: Option<LaneRole>,
    /// Whether the player roamed (parsed matches only).
    #[serde(default, with = "crate::de::lenient")]
    pub is_roaming: Option<bool>,
    /// Server cluster.
    #[serde(default, with = "crate::de::lenient")]
    pub cluster: Option<u32>,
    /// Whether the player left early.
    #[serde(default, with = "crate::de::lenient")]
    pub leaver_status: Option<LeaverStatus>,
    /// Party size (1 when solo; `None` when unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub party_size: Option<u8>,
    /// The hero facet, 1-based (absent before 2024).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_variant: Option<u8>,
}

impl RecentMatch {
    /// Whether the player was on the Radiant side.
    ///
    /// ```
    /// use opendota_sdk::models::players::RecentMatch;
    ///
    /// let m: RecentMatch =
    ///     serde_json::from_str(r#"{"match_id": 1, "player_slot": 130, "radiant_win": false}"#)?;
    /// assert_eq!(m.is_radiant(), Some(false));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn is_radiant(&self) -> Option<bool> {
        self.player_slot.map(slot_is_radiant)
    }

    /// Whether the player won.
    ///
    /// ```
    /// use opendota_sdk::models::players::RecentMatch;
    ///
    /// let m: RecentMatch =
    ///     serde_json::from_str(r#"{"match_id": 1, "player_slot": 130, "radiant_win": false}"#)?;
    /// assert_eq!(m.won(), Some(true));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn won(&self) -> Option<bool> {
        Some(self.is_radiant()? == self.radiant_win?)
    }
}

/// One match of a player's history (`GET /players/{account_id}/matches`).
///
/// `match_id`, `player_slot` and `radiant_win` are always sent; the other columns depend on the
/// request: the default set, plus whatever `project` asked for. With `project`, only the
/// projected columns (and those the filters need) come back, so everything else is `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlayerMatch {
    /// The match.
    pub match_id: MatchId,
    /// The player's slot: 0–127 Radiant, 128–255 Dire.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// Whether Radiant won.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_win: Option<bool>,
    /// Length in seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub duration: Option<u32>,
    /// Game mode.
    #[serde(default, with = "crate::de::lenient")]
    pub game_mode: Option<GameMode>,
    /// Lobby type.
    #[serde(default, with = "crate::de::lenient")]
    pub lobby_type: Option<LobbyType>,
    /// The hero played.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// Start, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
    /// Parser version (`None` when the replay was not parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub version: Option<u32>,
    /// Kills.
    #[serde(default, with = "crate::de::lenient")]
    pub kills: Option<u32>,
    /// Deaths.
    #[serde(default, with = "crate::de::lenient")]
    pub deaths: Option<u32>,
    /// Assists.
    #[serde(default, with = "crate::de::lenient")]
    pub assists: Option<u32>,
    /// Legacy skill bracket (1 normal, 2 high, 3 very high).
    #[serde(default, with = "crate::de::lenient")]
    pub skill: Option<u8>,
    /// Average medal of the players with public data.
    #[serde(default, with = "crate::de::lenient")]
    pub average_rank: Option<RankTier>,
    /// Whether the player left early.
    #[serde(default, with = "crate::de::lenient")]
    pub leaver_status: Option<LeaverStatus>,
    /// Party size (1 when solo; `None` when unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub party_size: Option<u8>,
    /// The hero facet, 1-based (absent before 2024).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_variant: Option<u8>,
    /// Experience per minute (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub xp_per_min: Option<u32>,
    /// Gold per minute (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub gold_per_min: Option<u32>,
    /// Damage dealt to enemy heroes (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_damage: Option<u64>,
    /// Damage dealt to buildings (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub tower_damage: Option<u64>,
    /// Healing done to allied heroes (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_healing: Option<u64>,
    /// Last hits (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub last_hits: Option<u32>,
    /// Denies (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub denies: Option<u32>,
    /// Hero level at the end (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub level: Option<u8>,
    /// Map lane (projected column, parsed matches only).
    #[serde(default, with = "crate::de::lenient")]
    pub lane: Option<Lane>,
    /// Lane role (projected column, parsed matches only).
    #[serde(default, with = "crate::de::lenient")]
    pub lane_role: Option<LaneRole>,
    /// Whether the player roamed (projected column, parsed matches only).
    #[serde(default, with = "crate::de::lenient")]
    pub is_roaming: Option<bool>,
    /// Server cluster (projected column).
    #[serde(default, with = "crate::de::lenient")]
    pub cluster: Option<u32>,
}

impl PlayerMatch {
    /// Whether the player was on the Radiant side.
    ///
    /// ```
    /// use opendota_sdk::models::players::PlayerMatch;
    ///
    /// let m: PlayerMatch =
    ///     serde_json::from_str(r#"{"match_id": 1, "player_slot": 130, "radiant_win": false}"#)?;
    /// assert_eq!(m.is_radiant(), Some(false));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn is_radiant(&self) -> Option<bool> {
        self.player_slot.map(slot_is_radiant)
    }

    /// Whether the player won.
    ///
    /// ```
    /// use opendota_sdk::models::players::PlayerMatch;
    ///
    /// let m: PlayerMatch =
    ///     serde_json::from_str(r#"{"match_id": 1, "player_slot": 130, "radiant_win": false}"#)?;
    /// assert_eq!(m.won(), Some(true));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn won(&self) -> Option<bool> {
        Some(self.is_radiant()? == self.radiant_win?)
    }
}

/// A player's record on one hero (`GET /players/{account_id}/heroes`). Every hero is listed,
/// zeros included, most played first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlayerHero {
    /// The hero (a string until 2023-06, a number since; both decode).
    pub hero_id: HeroId,
    /// Last match on the hero, Unix seconds (0 when never).
    #[serde(default, with = "crate::de::lenient")]
    pub last_played: Option<i64>,
    /// Matches played as the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub games: Option<u32>,
    /// Matches won as the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub win: Option<u32>,
    /// Matches with the hero on the player's team.
    #[serde(default, with = "crate::de::lenient")]
    pub with_games: Option<u32>,
    /// Of those, won.
    #[serde(default, with = "crate::de::lenient")]
    pub with_win: Option<u32>,
    /// Matches against the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub against_games: Option<u32>,
    /// Of those, won.
    #[serde(default, with = "crate::de::lenient")]
    pub against_win: Option<u32>,
}

impl PlayerHero {
    /// Wins per game as the hero, 0–1; `None` when never played.
    ///
    /// ```
    /// use opendota_sdk::models::players::PlayerHero;
    ///
    /// let h: PlayerHero = serde_json::from_str(r#"{"hero_id": 14, "games": 4, "win": 1}"#)?;
    /// assert_eq!(h.win_rate(), Some(0.25));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        ratio(self.win.map(u64::from), self.games.map(u64::from))
    }
}

/// A player seen in this account's matches (`GET /players/{account_id}/peers`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Peer {
    /// The peer's account.
    pub account_id: AccountId,
    /// Last match together, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub last_played: Option<i64>,
    /// Matches won together or against (see `with_win`, `against_win`).
    #[serde(default, with = "crate::de::lenient")]
    pub win: Option<u32>,
    /// Matches together or against.
    #[serde(default, with = "crate::de::lenient")]
    pub games: Option<u32>,
    /// Matches won on the same team.
    #[serde(default, with = "crate::de::lenient")]
    pub with_win: Option<u32>,
    /// Matches on the same team.
    #[serde(default, with = "crate::de::lenient")]
    pub with_games: Option<u32>,
    /// Matches won against the peer.
    #[serde(default, with = "crate::de::lenient")]
    pub against_win: Option<u32>,
    /// Matches against the peer.
    #[serde(default, with = "crate::de::lenient")]
    pub against_games: Option<u32>,
    /// Sum of the player's GPM in matches together.
    #[serde(default, with = "crate::de::lenient")]
    pub with_gpm_sum: Option<u64>,
    /// Sum of the player's XPM in matches together.
    #[serde(default, with = "crate::de::lenient")]
    pub with_xpm_sum: Option<u64>,
    /// Steam name (absent for peers OpenDota has no profile of).
    #[serde(default, with = "crate::de::lenient")]
    pub personaname: Option<String>,
    /// Verified pro name.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Whether the peer contributed to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub is_contributor: Option<bool>,
    /// Whether the peer subscribes to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub is_subscriber: Option<bool>,
    /// Last login to OpenDota (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub last_login: Option<String>,
    /// Small avatar URL.
    #[serde(default, with = "crate::de::lenient")]
    pub avatar: Option<String>,
    /// Full-size avatar URL.
    #[serde(default, with = "crate::de::lenient")]
    pub avatarfull: Option<String>,
}

/// A professional player seen in this account's matches (`GET /players/{account_id}/pros`):
/// the pro's profile plus the record with or against them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlayerPro {
    /// The pro's account.
    pub account_id: AccountId,
    /// Verified pro name, e.g. `Miracle-`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Steam name.
    #[serde(default, with = "crate::de::lenient")]
    pub personaname: Option<String>,
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
    /// Last login to OpenDota (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub last_login: Option<String>,
    /// Last full-history refresh (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub full_history_time: Option<String>,
    /// Dollars donated to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub cheese: Option<i64>,
    /// Whether the last full-history refresh failed.
    #[serde(default, with = "crate::de::lenient")]
    pub fh_unavailable: Option<bool>,
    /// Steam country code.
    #[serde(default, with = "crate::de::lenient")]
    pub loccountrycode: Option<String>,
    /// The pro's last match (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub last_match_time: Option<String>,
    /// Whether the pro has a Dota Plus subscription (`null` when unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub plus: Option<bool>,
    /// Last match together or against, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub last_played: Option<i64>,
    /// Matches won together or against.
    #[serde(default, with = "crate::de::lenient")]
    pub win: Option<u32>,
    /// Matches together or against.
    #[serde(default, with = "crate::de::lenient")]
    pub games: Option<u32>,
    /// Matches won on the same team.
    #[serde(default, with = "crate::de::lenient")]
    pub with_win: Option<u32>,
    /// Matches on the same team.
    #[serde(default, with = "crate::de::lenient")]
    pub with_games: Option<u32>,
    /// Matches won against the pro.
    #[serde(default, with = "crate::de::lenient")]
    pub against_win: Option<u32>,
    /// Matches against the pro.
    #[serde(default, with = "crate::de::lenient")]
    pub against_games: Option<u32>,
    /// Sum of the player's GPM in matches together.
    #[serde(default, with = "crate::de::lenient")]
    pub with_gpm_sum: Option<u64>,
    /// Sum of the player's XPM in matches together.
    #[serde(default, with = "crate::de::lenient")]
    pub with_xpm_sum: Option<u64>,
}

/// The sum of one stat over the matches (`GET /players/{account_id}/totals`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Total {
    /// The stat, e.g. `kills`, `gold_per_min`, `kda`.
    pub field: String,
    /// Matches that had a value for the stat.
    #[serde(default, with = "crate::de::lenient")]
    pub n: Option<u64>,
    /// The sum over those matches (fractional for stats like `stuns`).
    #[serde(default, with = "crate::de::lenient")]
    pub sum: Option<f64>,
}

impl Total {
    /// The mean per match (`sum / n`); `None` without matches.
    ///
    /// ```
    /// use opendota_sdk::models::players::Total;
    ///
    /// let kills: Total = serde_json::from_str(r#"{"field": "kills", "n": 4, "sum": 30}"#)?;
    /// assert_eq!(kills.average(), Some(7.5));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    #[allow(
        clippy::cast_precision_loss,
        reason = "match counts are far below 2^52"
    )]
    pub fn average(&self) -> Option<f64> {
        match (self.sum, self.n) {
            (Some(sum), Some(n)) if n > 0 => Some(sum / n as f64),
            _ => None,
        }
    }
}

/// Games and wins per category value (`GET /players/{account_id}/counts`).
///
/// Each map is keyed by the category's numeric code as text (`"22"` for All Pick in
/// `game_mode`); a key may be `"NaN"` where the server could not map a value (an unknown cluster
/// in `region`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Counts {
    /// By [`LeaverStatus`] code.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub leaver_status: HashMap<String, CountRow>,
    /// By [`GameMode`] code.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub game_mode: HashMap<String, CountRow>,
    /// By [`LobbyType`] code.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub lobby_type: HashMap<String, CountRow>,
    /// By [`LaneRole`] code (`0` when unknown).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub lane_role: HashMap<String, CountRow>,
    /// By [`Region`](crate::Region) code.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub region: HashMap<String, CountRow>,
    /// By patch id (an index into the `patch` constants).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub patch: HashMap<String, CountRow>,
    /// By side: `"1"` Radiant, `"0"` Dire (not in the spec, sent anyway).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub is_radiant: HashMap<String, CountRow>,
}

/// Games and wins for one value of a [`Counts`] category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CountRow {
    /// Matches.
    #[serde(default, with = "crate::de::lenient")]
    pub games: Option<u64>,
    /// Matches won.
    #[serde(default, with = "crate::de::lenient")]
    pub win: Option<u64>,
}

impl CountRow {
    /// Wins per game, 0–1; `None` without games.
    ///
    /// ```
    /// use opendota_sdk::models::players::Counts;
    ///
    /// let counts: Counts = serde_json::from_str(r#"{"game_mode": {"22": {"games": 4, "win": 3}}}"#)?;
    /// assert_eq!(counts.game_mode["22"].win_rate(), Some(0.75));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        ratio(self.win, self.games)
    }
}

/// One bar of a histogram (`GET /players/{account_id}/histograms/{field}`): the matches whose
/// value of the field falls in `[x, next x)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HistogramBucket {
    /// Lower bound of the bucket.
    #[serde(default, with = "crate::de::lenient")]
    pub x: Option<i64>,
    /// Matches in the bucket.
    #[serde(default, with = "crate::de::lenient")]
    pub games: Option<u64>,
    /// Of those, won.
    #[serde(default, with = "crate::de::lenient")]
    pub win: Option<u64>,
}

/// Where the player placed wards (`GET /players/{account_id}/wardmap`): map x → map y → count,
/// coordinates as text (`"126"`), in the replay parser's map grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WardMap {
    /// Observer wards.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub obs: HashMap<String, HashMap<String, u64>>,
    /// Sentry wards.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub sen: HashMap<String, HashMap<String, u64>>,
}

/// Words in all-chat of the player's parsed matches (`GET /players/{account_id}/wordcloud`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WordCloud {
    /// Word → times the player wrote it.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub my_word_counts: HashMap<String, u64>,
    /// Word → times anyone in those matches wrote it.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub all_word_counts: HashMap<String, u64>,
}

/// One point of the player's rank history (`GET /players/{account_id}/ratings`), oldest first.
///
/// Current rows are `{time, rank_tier}`; rows recorded before Valve stopped reporting MMR carry
/// `solo_competitive_rank` / `competitive_rank`, `account_id` and `match_id` instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rating {
    /// When the rank was recorded: ISO-8601 text in real answers (the spec says Unix seconds;
    /// a number is kept as its decimal text).
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<String>,
    /// The medal at that time.
    #[serde(default, with = "crate::de::lenient")]
    pub rank_tier: Option<RankTier>,
    /// Legacy: the account (old rows only).
    #[serde(default, with = "crate::de::lenient")]
    pub account_id: Option<AccountId>,
    /// Legacy: the match after which the rank was read (old rows only).
    #[serde(default, with = "crate::de::lenient")]
    pub match_id: Option<MatchId>,
    /// Legacy: solo MMR (old rows only).
    #[serde(default, with = "crate::de::lenient")]
    pub solo_competitive_rank: Option<u32>,
    /// Legacy: party MMR (old rows only).
    #[serde(default, with = "crate::de::lenient")]
    pub competitive_rank: Option<u32>,
}

/// The player's standing on one hero among all players (`GET /players/{account_id}/rankings`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeroRanking {
    /// The hero.
    pub hero_id: HeroId,
    /// The player's hero score.
    #[serde(default, with = "crate::de::lenient")]
    pub score: Option<f64>,
    /// Share of ranked players below this one, 0–1 (`0.99` = top 1 %).
    #[serde(default, with = "crate::de::lenient")]
    pub percent_rank: Option<f64>,
    /// How many players are ranked on the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub card: Option<u64>,
}
