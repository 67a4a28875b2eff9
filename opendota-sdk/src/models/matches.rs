//! Models of `GET /matches/{match_id}` and the match listings (`/proMatches`, `/publicMatches`,
//! `/parsedMatches`, `/findMatches`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, HeroId, LeagueId, MatchId, TeamId};
use crate::models::enums::{GameMode, Lane, LaneRole, LeaverStatus, LobbyType, Region};
use crate::rank::RankTier;

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
    /// Radiant team name (`radiant_team_name` in `/leagues/{id}/matches`).
    #[serde(default, alias = "radiant_team_name", with = "crate::de::lenient")]
    pub radiant_name: Option<String>,
    /// Dire team.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_team_id: Option<TeamId>,
    /// Dire team name (`dire_team_name` in `/leagues/{id}/matches`).
    #[serde(default, alias = "dire_team_name", with = "crate::de::lenient")]
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
    /// In `/heroes/{id}/matches`: the player's slot (0–4 Radiant, 128–132 Dire).
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// In `/heroes/{id}/matches`: the player on the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub account_id: Option<crate::ids::AccountId>,
    /// In `/heroes/{id}/matches`: the hero's kills.
    #[serde(default, with = "crate::de::lenient")]
    pub kills: Option<u32>,
    /// In `/heroes/{id}/matches`: the hero's deaths.
    #[serde(default, with = "crate::de::lenient")]
    pub deaths: Option<u32>,
    /// In `/heroes/{id}/matches`: the hero's assists.
    #[serde(default, with = "crate::de::lenient")]
    pub assists: Option<u32>,
    /// In `/heroes/{id}/matches`: whether the hero's side won (the server computes
    /// `(player_slot < 128) == radiant_win`); in team listings, whether the team was Radiant.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant: Option<bool>,
    /// In `/proMatches`: the replay parser's version, when the match was parsed.
    #[serde(default, with = "crate::de::lenient")]
    pub version: Option<u32>,
}

/// A randomly sampled public match (`GET /publicMatches`, `PublicMatchesResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublicMatch {
    /// The match.
    pub match_id: MatchId,
    /// Valve's sequence number.
    #[serde(default, with = "crate::de::lenient")]
    pub match_seq_num: Option<u64>,
    /// Whether Radiant won.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_win: Option<bool>,
    /// Start, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
    /// Length in seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub duration: Option<u32>,
    /// Lobby type.
    #[serde(default, with = "crate::de::lenient")]
    pub lobby_type: Option<LobbyType>,
    /// Game mode.
    #[serde(default, with = "crate::de::lenient")]
    pub game_mode: Option<GameMode>,
    /// Average `rank_tier` of the ranked players (a float, e.g. `54.6`). See
    /// [`PublicMatch::avg_rank`].
    #[serde(default, with = "crate::de::lenient")]
    pub avg_rank_tier: Option<f64>,
    /// Number of players with a known rank.
    #[serde(default, with = "crate::de::lenient")]
    pub num_rank_tier: Option<u8>,
    /// Server cluster.
    #[serde(default, with = "crate::de::lenient")]
    pub cluster: Option<u32>,
    /// Radiant heroes (an array now; a comma-joined string in 2018 data).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_team: Vec<HeroId>,
    /// Dire heroes (an array now; a comma-joined string in 2018 data).
    #[serde(default, with = "crate::de::lenient")]
    pub dire_team: Vec<HeroId>,
    /// Average MMR (2018 data only; removed since).
    #[serde(default, with = "crate::de::lenient")]
    pub avg_mmr: Option<u32>,
    /// Number of players with a known MMR (2018 data only).
    #[serde(default, with = "crate::de::lenient")]
    pub num_mmr: Option<u8>,
}

impl PublicMatch {
    /// The average rank as a medal, rounded to the nearest tier (`54.6` → Legend 5).
    ///
    /// ```
    /// use opendota_sdk::RankTier;
    /// use opendota_sdk::models::matches::PublicMatch;
    ///
    /// let m: PublicMatch = serde_json::from_str(r#"{"match_id": 1, "avg_rank_tier": 54.6}"#)?;
    /// assert_eq!(m.avg_rank(), Some(RankTier(55)));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn avg_rank(&self) -> Option<RankTier> {
        let avg = self.avg_rank_tier?.round();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "range checked"
        )]
        (0.0..=255.0).contains(&avg).then_some(RankTier(avg as u8))
    }
}

/// A recently parsed match (`GET /parsedMatches`, `ParsedMatchesResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParsedMatch {
    /// The match.
    pub match_id: MatchId,
}

/// A recent public match with the heroes asked for (`GET /findMatches`).
///
/// The server names Radiant `teama` and Dire `teamb` whatever was asked: the heroes given as
/// `teamA` may have played on either side (the search matches both ways round).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FoundMatch {
    /// The match.
    pub match_id: MatchId,
    /// Radiant's heroes (the key is `teama`).
    #[serde(
        default,
        rename = "teama",
        alias = "teamA",
        with = "crate::de::lenient"
    )]
    pub team_a: Vec<HeroId>,
    /// Dire's heroes (the key is `teamb`).
    #[serde(
        default,
        rename = "teamb",
        alias = "teamB",
        with = "crate::de::lenient"
    )]
    pub team_b: Vec<HeroId>,
    /// Whether Radiant (`team_a`) won (the key is `teamawin`).
    #[serde(
        default,
        rename = "teamawin",
        alias = "teamAWin",
        with = "crate::de::lenient"
    )]
    pub team_a_win: Option<bool>,
    /// Start, Unix seconds (often `null`).
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
}

/// One match (`GET /matches/{match_id}`, `MatchResponse`).
///
/// Every match has the summary fields (score, duration, heroes, items, K/D/A). The replay-derived
/// fields (`radiant_gold_adv`, `teamfights`, `chat`, and per player `gold_t`, `purchase_log`,
/// `damage`, …) are only there when OpenDota parsed the replay: for an unparsed match they are
/// empty lists, empty maps and `None`. See [`Match::is_parsed`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Match {
    /// The match.
    pub match_id: MatchId,
    /// Valve's sequence number (order in which matches were recorded).
    #[serde(default, with = "crate::de::lenient")]
    pub match_seq_num: Option<u64>,
    /// Start, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
    /// Length in seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub duration: Option<u32>,
    /// Seconds between the horn and the first creep wave, when known.
    #[serde(default, with = "crate::de::lenient")]
    pub pre_game_duration: Option<i64>,
    /// Whether Radiant won (`None` if unknown).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_win: Option<bool>,
    /// Radiant kills.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_score: Option<u32>,
    /// Dire kills.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_score: Option<u32>,
    /// First blood, seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub first_blood_time: Option<i64>,
    /// Bitmask of Radiant towers still standing at the end.
    #[serde(default, with = "crate::de::lenient")]
    pub tower_status_radiant: Option<u32>,
    /// Bitmask of Dire towers still standing at the end.
    #[serde(default, with = "crate::de::lenient")]
    pub tower_status_dire: Option<u32>,
    /// Bitmask of Radiant barracks still standing (63 = all).
    #[serde(default, with = "crate::de::lenient")]
    pub barracks_status_radiant: Option<u32>,
    /// Bitmask of Dire barracks still standing (63 = all).
    #[serde(default, with = "crate::de::lenient")]
    pub barracks_status_dire: Option<u32>,
    /// Game mode.
    #[serde(default, with = "crate::de::lenient")]
    pub game_mode: Option<GameMode>,
    /// Lobby type.
    #[serde(default, with = "crate::de::lenient")]
    pub lobby_type: Option<LobbyType>,
    /// Server cluster (maps to a region).
    #[serde(default, with = "crate::de::lenient")]
    pub cluster: Option<u32>,
    /// Server region, derived from the cluster.
    #[serde(default, with = "crate::de::lenient")]
    pub region: Option<Region>,
    /// Patch id (index into the `patch` constants).
    #[serde(default, with = "crate::de::lenient")]
    pub patch: Option<u32>,
    /// Game engine (0 Source 1, 1 Source 2).
    #[serde(default, with = "crate::de::lenient")]
    pub engine: Option<u8>,
    /// Number of human players.
    #[serde(default, with = "crate::de::lenient")]
    pub human_players: Option<u8>,
    /// Valve's match flags.
    #[serde(default, with = "crate::de::lenient")]
    pub flags: Option<u32>,
    /// Valve's skill bracket (1 normal, 2 high, 3 very high), rarely known.
    #[serde(default, with = "crate::de::lenient")]
    pub skill: Option<u8>,
    /// Thumbs-up votes in the client.
    #[serde(default, with = "crate::de::lenient")]
    pub positive_votes: Option<u32>,
    /// Thumbs-down votes in the client.
    #[serde(default, with = "crate::de::lenient")]
    pub negative_votes: Option<u32>,
    /// League; `None` for a game outside a league (OpenDota sends `0`).
    #[serde(default, with = "crate::models::zero_is_none")]
    pub leagueid: Option<LeagueId>,
    /// The league, for league matches.
    #[serde(default, with = "crate::de::lenient")]
    pub league: Option<MatchLeague>,
    /// Series, for league matches.
    #[serde(default, with = "crate::de::lenient")]
    pub series_id: Option<u64>,
    /// Series type (0 best of 1, 1 best of 3, 2 best of 5).
    #[serde(default, with = "crate::de::lenient")]
    pub series_type: Option<u8>,
    /// Radiant team id, for team matches.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_team_id: Option<TeamId>,
    /// Radiant team name, for team matches.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_name: Option<String>,
    /// Radiant team logo (a UGC id).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_logo: Option<u64>,
    /// Whether Radiant was a complete registered team.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_team_complete: Option<bool>,
    /// Radiant captain (Captains Mode).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_captain: Option<AccountId>,
    /// The Radiant team, for team matches.
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_team: Option<MatchTeam>,
    /// Dire team id, for team matches.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_team_id: Option<TeamId>,
    /// Dire team name, for team matches.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_name: Option<String>,
    /// Dire team logo (a UGC id).
    #[serde(default, with = "crate::de::lenient")]
    pub dire_logo: Option<u64>,
    /// Whether Dire was a complete registered team.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_team_complete: Option<bool>,
    /// Dire captain (Captains Mode).
    #[serde(default, with = "crate::de::lenient")]
    pub dire_captain: Option<AccountId>,
    /// The Dire team, for team matches.
    #[serde(default, with = "crate::de::lenient")]
    pub dire_team: Option<MatchTeam>,
    /// Picks and bans in order (drafting modes only).
    #[serde(default, with = "crate::de::lenient")]
    pub picks_bans: Vec<PickBan>,
    /// Time taken by each draft step (parsed, drafting modes only).
    #[serde(default, with = "crate::de::lenient")]
    pub draft_timings: Vec<DraftTiming>,
    /// The ten players, Radiant first.
    #[serde(default, with = "crate::de::lenient")]
    pub players: Vec<MatchPlayer>,
    /// Parser version; present only when the replay was parsed.
    #[serde(default, with = "crate::de::lenient")]
    pub version: Option<u32>,
    /// Replay salt (part of the replay URL).
    #[serde(default, with = "crate::de::lenient")]
    pub replay_salt: Option<u64>,
    /// Where the replay can be downloaded (expires after a few weeks).
    #[serde(default, with = "crate::de::lenient")]
    pub replay_url: Option<String>,
    /// Radiant net-worth lead at each minute, negative when behind (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_gold_adv: Vec<i64>,
    /// Radiant experience lead at each minute, negative when behind (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_xp_adv: Vec<i64>,
    /// Teamfights (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub teamfights: Vec<Teamfight>,
    /// Objectives: first blood, towers, barracks, Roshan, couriers, Aegis … (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub objectives: Vec<Objective>,
    /// All chat and chat wheel messages (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub chat: Vec<ChatMessage>,
    /// Pauses (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub pauses: Vec<Pause>,
    /// Cosmetic item id → player slot wearing it (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub cosmetics: HashMap<String, i64>,
    /// Word → times said in all chat.
    #[serde(default, with = "crate::de::lenient")]
    pub all_word_counts: HashMap<String, i64>,
    /// Word → times said by the requesting user (always empty through the API).
    #[serde(default, with = "crate::de::lenient")]
    pub my_word_counts: HashMap<String, i64>,
    /// Largest gold lead of the losing side (when it threw).
    #[serde(default, with = "crate::de::lenient")]
    pub throw: Option<i64>,
    /// Largest gold deficit the winning side overcame.
    #[serde(default, with = "crate::de::lenient")]
    pub comeback: Option<i64>,
    /// Largest gold deficit of the losing side.
    #[serde(default, with = "crate::de::lenient")]
    pub loss: Option<i64>,
    /// Largest gold lead of the winning side.
    #[serde(default, with = "crate::de::lenient")]
    pub stomp: Option<i64>,
    /// Largest gold lead of the winning side (spec name; see also `stomp`).
    #[serde(default, with = "crate::de::lenient")]
    pub win: Option<i64>,
    /// Which OpenDota data sources the match was built from.
    #[serde(default, with = "crate::de::lenient")]
    pub od_data: Option<OdData>,
    /// Replay metadata, only with the undocumented `?meta=1` (`null` otherwise).
    #[serde(default)]
    pub metadata: Option<serde_json::Value>,
}

/// One player of a [`Match`].
///
/// Besides Valve's scoreboard, OpenDota adds derived numbers (`kda`, `lane_role`, `benchmarks`, …)
/// and, for parsed matches, everything recorded from the replay. Fields the match does not have are
/// `None`, empty lists or empty maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchPlayer {
    /// The match.
    #[serde(default, with = "crate::de::lenient")]
    pub match_id: Option<MatchId>,
    /// Slot: 0–4 Radiant, 128–132 Dire. See [`MatchPlayer::is_radiant`].
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// Team: 0 Radiant, 1 Dire (sent since about 2024, beside `player_slot`).
    #[serde(default, with = "crate::de::lenient")]
    pub team_number: Option<u8>,
    /// Position within the team, 0–4 (sent since about 2024, beside `player_slot`).
    #[serde(default, with = "crate::de::lenient")]
    pub team_slot: Option<u8>,
    /// The player's account; `None` for anonymous players.
    #[serde(default, with = "crate::de::lenient")]
    pub account_id: Option<AccountId>,
    /// The hero; `None` if none was picked (the API sends `0`).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// The hero facet, 1-based (absent before 2024).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_variant: Option<u8>,
    /// Steam name, if OpenDota knows the player.
    #[serde(default, with = "crate::de::lenient")]
    pub personaname: Option<String>,
    /// Verified pro name.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Last login to OpenDota (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub last_login: Option<String>,
    /// The player's current medal, if known.
    #[serde(default, with = "crate::de::lenient")]
    pub rank_tier: Option<RankTier>,
    /// OpenDota's rating estimate, if known.
    #[serde(default, with = "crate::de::lenient")]
    pub computed_mmr: Option<f64>,
    /// Whether the player subscribes to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub is_subscriber: Option<bool>,
    /// Whether the player contributed to OpenDota.
    #[serde(default, with = "crate::de::lenient")]
    pub is_contributor: Option<bool>,
    /// Party, shared by players who queued together.
    #[serde(default, with = "crate::de::lenient")]
    pub party_id: Option<i64>,
    /// Size of the player's party.
    #[serde(default, with = "crate::de::lenient")]
    pub party_size: Option<u8>,
    /// Kills.
    #[serde(default, with = "crate::de::lenient")]
    pub kills: Option<u32>,
    /// Deaths.
    #[serde(default, with = "crate::de::lenient")]
    pub deaths: Option<u32>,
    /// Assists.
    #[serde(default, with = "crate::de::lenient")]
    pub assists: Option<u32>,
    /// Last hits.
    #[serde(default, with = "crate::de::lenient")]
    pub last_hits: Option<u32>,
    /// Denies.
    #[serde(default, with = "crate::de::lenient")]
    pub denies: Option<u32>,
    /// Gold per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub gold_per_min: Option<u32>,
    /// Experience per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub xp_per_min: Option<u32>,
    /// Level at the end.
    #[serde(default, with = "crate::de::lenient")]
    pub level: Option<u8>,
    /// Net worth at the end.
    #[serde(default, with = "crate::de::lenient")]
    pub net_worth: Option<i64>,
    /// Unspent gold at the end.
    #[serde(default, with = "crate::de::lenient")]
    pub gold: Option<i64>,
    /// Gold spent.
    #[serde(default, with = "crate::de::lenient")]
    pub gold_spent: Option<i64>,
    /// Damage to enemy heroes.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_damage: Option<i64>,
    /// Damage to buildings.
    #[serde(default, with = "crate::de::lenient")]
    pub tower_damage: Option<i64>,
    /// Healing done to allied heroes.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_healing: Option<i64>,
    /// Whether and how the player left.
    #[serde(default, with = "crate::de::lenient")]
    pub leaver_status: Option<LeaverStatus>,
    /// Item in inventory slot 0 at the end (item id, 0 = empty).
    #[serde(default, with = "crate::de::lenient")]
    pub item_0: Option<u32>,
    /// Item in inventory slot 1.
    #[serde(default, with = "crate::de::lenient")]
    pub item_1: Option<u32>,
    /// Item in inventory slot 2.
    #[serde(default, with = "crate::de::lenient")]
    pub item_2: Option<u32>,
    /// Item in inventory slot 3.
    #[serde(default, with = "crate::de::lenient")]
    pub item_3: Option<u32>,
    /// Item in inventory slot 4.
    #[serde(default, with = "crate::de::lenient")]
    pub item_4: Option<u32>,
    /// Item in inventory slot 5.
    #[serde(default, with = "crate::de::lenient")]
    pub item_5: Option<u32>,
    /// Item in backpack slot 0.
    #[serde(default, with = "crate::de::lenient")]
    pub backpack_0: Option<u32>,
    /// Item in backpack slot 1.
    #[serde(default, with = "crate::de::lenient")]
    pub backpack_1: Option<u32>,
    /// Item in backpack slot 2.
    #[serde(default, with = "crate::de::lenient")]
    pub backpack_2: Option<u32>,
    /// Item in backpack slot 3.
    #[serde(default, with = "crate::de::lenient")]
    pub backpack_3: Option<u32>,
    /// Neutral item.
    #[serde(default, with = "crate::de::lenient")]
    pub item_neutral: Option<u32>,
    /// Item in the second neutral slot, an item id like `item_neutral` (sent since patch 7.38's
    /// neutral-item rework, 2025).
    #[serde(default, with = "crate::de::lenient")]
    pub item_neutral2: Option<u32>,
    /// Whether the player had Aghanim's Scepter's effect.
    #[serde(default, with = "crate::de::lenient")]
    pub aghanims_scepter: Option<bool>,
    /// Whether the player had Aghanim's Shard's effect.
    #[serde(default, with = "crate::de::lenient")]
    pub aghanims_shard: Option<bool>,
    /// Whether the player consumed a Moon Shard.
    #[serde(default, with = "crate::de::lenient")]
    pub moonshard: Option<bool>,
    /// Ability ids in the order they were levelled.
    #[serde(default, with = "crate::de::lenient")]
    pub ability_upgrades_arr: Vec<u32>,
    /// Other controlled units with an inventory (Lone Druid's bear).
    #[serde(default, with = "crate::de::lenient")]
    pub additional_units: Vec<AdditionalUnit>,
    /// Permanent buffs at the end (constants `permanent_buffs`).
    #[serde(default, with = "crate::de::lenient")]
    pub permanent_buffs: Vec<PermanentBuff>,
    /// Whether Radiant won (copied from the match).
    #[serde(default, with = "crate::de::lenient")]
    pub radiant_win: Option<bool>,
    /// Start of the match, Unix seconds (copied from the match).
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
    /// Length of the match in seconds (copied from the match).
    #[serde(default, with = "crate::de::lenient")]
    pub duration: Option<u32>,
    /// Server cluster (copied from the match).
    #[serde(default, with = "crate::de::lenient")]
    pub cluster: Option<u32>,
    /// Lobby type (copied from the match).
    #[serde(default, with = "crate::de::lenient")]
    pub lobby_type: Option<LobbyType>,
    /// Game mode (copied from the match).
    #[serde(default, with = "crate::de::lenient")]
    pub game_mode: Option<GameMode>,
    /// Patch id (copied from the match).
    #[serde(default, with = "crate::de::lenient")]
    pub patch: Option<u32>,
    /// Region (copied from the match).
    #[serde(default, with = "crate::de::lenient")]
    pub region: Option<Region>,
    /// OpenDota's `isRadiant` flag. Prefer [`MatchPlayer::is_radiant`].
    #[serde(rename = "isRadiant", default, with = "crate::de::lenient")]
    pub radiant: Option<bool>,
    /// OpenDota's `win` flag (sent as 0/1). Prefer [`MatchPlayer::won`].
    #[serde(default, with = "crate::de::lenient")]
    pub win: Option<bool>,
    /// OpenDota's `lose` flag (sent as 0/1).
    #[serde(default, with = "crate::de::lenient")]
    pub lose: Option<bool>,
    /// Gold earned over the match.
    #[serde(default, with = "crate::de::lenient")]
    pub total_gold: Option<i64>,
    /// Experience earned over the match.
    #[serde(default, with = "crate::de::lenient")]
    pub total_xp: Option<i64>,
    /// Kills per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub kills_per_min: Option<f64>,
    /// (kills + assists) / (deaths + 1), two decimals.
    #[serde(default, with = "crate::de::lenient")]
    pub kda: Option<f64>,
    /// 1 if the player abandoned.
    #[serde(default, with = "crate::de::lenient")]
    pub abandons: Option<u32>,
    /// How this performance compares with others on the same hero (metric → value and percentile).
    #[serde(default, with = "crate::de::lenient")]
    pub benchmarks: HashMap<String, Benchmark>,
    /// Seconds of stun dealt (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub stuns: Option<f64>,
    /// Game time in seconds of each entry of `gold_t`, `lh_t`, `xp_t`, `dn_t` (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub times: Vec<i64>,
    /// Net worth at each minute (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub gold_t: Vec<i64>,
    /// Last hits at each minute (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub lh_t: Vec<i64>,
    /// Denies at each minute (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub dn_t: Vec<i64>,
    /// Experience at each minute (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub xp_t: Vec<i64>,
    /// Cumulative hero damage at each minute (parsed, recent matches).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_damage_t: Vec<i64>,
    /// Cumulative hero healing at each minute (parsed, recent matches).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_healing_t: Vec<i64>,
    /// Camps stacked at each minute (parsed, recent matches).
    #[serde(default, with = "crate::de::lenient")]
    pub camps_stacked_t: Vec<i64>,
    /// Observer wards placed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub obs_log: Vec<WardEvent>,
    /// Sentry wards placed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub sen_log: Vec<WardEvent>,
    /// Observer wards that expired or were destroyed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub obs_left_log: Vec<WardEvent>,
    /// Sentry wards that expired or were destroyed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub sen_left_log: Vec<WardEvent>,
    /// Item purchases in order (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub purchase_log: Vec<PurchaseEvent>,
    /// Heroes killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub kills_log: Vec<KillEvent>,
    /// Buybacks (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub buyback_log: Vec<BuybackEvent>,
    /// Runes picked up (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub runes_log: Vec<RuneEvent>,
    /// Disconnects and reconnects (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub connection_log: Vec<ConnectionEvent>,
    /// Neutral tokens found (parsed, recent matches).
    #[serde(default, with = "crate::de::lenient")]
    pub neutral_tokens_log: Vec<NeutralTokenEvent>,
    /// Neutral items crafted (parsed, recent matches).
    #[serde(default, with = "crate::de::lenient")]
    pub neutral_item_history: Vec<NeutralItemEvent>,
    /// Early-game positions: x → y → ticks spent there (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub lane_pos: HashMap<String, HashMap<String, i64>>,
    /// Observer ward positions: x → y → count (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub obs: HashMap<String, HashMap<String, i64>>,
    /// Sentry ward positions: x → y → count (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub sen: HashMap<String, HashMap<String, i64>>,
    /// Order type id → number of orders issued (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub actions: HashMap<String, i64>,
    /// Map pings (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub pings: Option<u32>,
    /// Item name → times bought (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub purchase: HashMap<String, i64>,
    /// Gold reason id → gold gained or lost (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub gold_reasons: HashMap<String, i64>,
    /// Experience reason id → experience gained (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub xp_reasons: HashMap<String, i64>,
    /// Unit name → times killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub killed: HashMap<String, i64>,
    /// Unit name → times it killed this player (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub killed_by: HashMap<String, i64>,
    /// Item name → times used (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub item_uses: HashMap<String, i64>,
    /// Ability name → times cast (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub ability_uses: HashMap<String, i64>,
    /// Ability name → hero targeted → times (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub ability_targets: HashMap<String, HashMap<String, i64>>,
    /// Damage source (ability, item or `null` for attacks) → hero → damage (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub damage_targets: HashMap<String, HashMap<String, i64>>,
    /// Damage source → number of hits on heroes (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_hits: HashMap<String, i64>,
    /// Unit name → damage dealt to it (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub damage: HashMap<String, i64>,
    /// Unit name → damage received from it (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub damage_taken: HashMap<String, i64>,
    /// Damage source → damage dealt to heroes (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub damage_inflictor: HashMap<String, i64>,
    /// Damage source → damage received from heroes (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub damage_inflictor_received: HashMap<String, i64>,
    /// Hero name → healing given to it (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub healing: HashMap<String, i64>,
    /// Rune type id → times picked up (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub runes: HashMap<String, i64>,
    /// Streak length → times reached (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub kill_streaks: HashMap<String, i64>,
    /// Multi-kill size → times (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub multi_kills: HashMap<String, i64>,
    /// Life state (0 alive, 1 dying, 2 dead) → ticks (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub life_state: HashMap<String, i64>,
    /// Item name → time of the last purchase (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub purchase_time: HashMap<String, i64>,
    /// Item name → time of the first purchase (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub first_purchase_time: HashMap<String, i64>,
    /// Item name → 1 if bought and won, 0 if bought and lost (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub item_win: HashMap<String, i64>,
    /// Item name → 1 when bought (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub item_usage: HashMap<String, i64>,
    /// Other notable numbers, e.g. `greevils_greed_gold` (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub performance_others: HashMap<String, f64>,
    /// The biggest single hit on a hero (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub max_hero_hit: Option<MaxHeroHit>,
    /// Observer wards placed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub obs_placed: Option<u32>,
    /// Sentry wards placed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub sen_placed: Option<u32>,
    /// Observer wards placed, by another count (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub observers_placed: Option<u32>,
    /// Creeps stacked (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub creeps_stacked: Option<u32>,
    /// Camps stacked (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub camps_stacked: Option<u32>,
    /// Runes picked up (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub rune_pickups: Option<u32>,
    /// Whether this player drew first blood (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub firstblood_claimed: Option<bool>,
    /// Share of the team's kills the player took part in, 0–1 (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub teamfight_participation: Option<f64>,
    /// Towers last-hit (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub towers_killed: Option<u32>,
    /// Roshans last-hit (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub roshans_killed: Option<u32>,
    /// Whether the hero was randomed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub randomed: Option<bool>,
    /// Whether the hero was repicked (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub repicked: Option<bool>,
    /// Whether the player predicted victory (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub pred_vict: Option<bool>,
    /// Neutral creeps killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub neutral_kills: Option<u32>,
    /// Towers killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub tower_kills: Option<u32>,
    /// Couriers killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub courier_kills: Option<u32>,
    /// Lane creeps killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub lane_kills: Option<u32>,
    /// Heroes killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub hero_kills: Option<u32>,
    /// Observer wards killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub observer_kills: Option<u32>,
    /// Sentry wards killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub sentry_kills: Option<u32>,
    /// Roshan last hits (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub roshan_kills: Option<u32>,
    /// Necronomicon units killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub necronomicon_kills: Option<u32>,
    /// Ancient creeps killed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub ancient_kills: Option<u32>,
    /// Buybacks used (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub buyback_count: Option<u32>,
    /// Observer wards used (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub observer_uses: Option<u32>,
    /// Sentry wards used (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub sentry_uses: Option<u32>,
    /// Laning gold compared with a perfect lane at 10 minutes, 0–1 (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub lane_efficiency: Option<f64>,
    /// `lane_efficiency` as a percentage (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub lane_efficiency_pct: Option<u32>,
    /// Lane the player stood in early (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub lane: Option<Lane>,
    /// Laning role (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub lane_role: Option<LaneRole>,
    /// Whether the player roamed (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub is_roaming: Option<bool>,
    /// Estimated position 1–5 within the team (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub position_est: Option<u8>,
    /// Town portal scrolls bought (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub purchase_tpscroll: Option<u32>,
    /// Observer wards bought (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub purchase_ward_observer: Option<u32>,
    /// Sentry wards bought (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub purchase_ward_sentry: Option<u32>,
    /// Gems of True Sight bought (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub purchase_gem: Option<u32>,
    /// Divine Rapiers bought (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub purchase_rapier: Option<u32>,
    /// Actions per minute (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub actions_per_min: Option<u32>,
    /// Ticks spent dying or dead (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub life_state_dead: Option<u32>,
    /// Cosmetic items the player wore (parsed).
    #[serde(default, with = "crate::de::lenient")]
    pub cosmetics: Vec<Cosmetic>,
}

/// A team as embedded in a [`Match`] (`radiant_team`, `dire_team`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchTeam {
    /// The team.
    #[serde(default, with = "crate::de::lenient")]
    pub team_id: Option<TeamId>,
    /// Name.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Tag.
    #[serde(default, with = "crate::de::lenient")]
    pub tag: Option<String>,
    /// Logo URL.
    #[serde(default, with = "crate::de::lenient")]
    pub logo_url: Option<String>,
}

/// A league as embedded in a [`Match`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchLeague {
    /// The league.
    #[serde(default, with = "crate::de::lenient")]
    pub leagueid: Option<LeagueId>,
    /// Name.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Tier: `premium`, `professional`, `amateur`, `excluded`.
    #[serde(default, with = "crate::de::lenient")]
    pub tier: Option<String>,
    /// Ticket image path.
    #[serde(default, with = "crate::de::lenient")]
    pub ticket: Option<String>,
    /// Banner image path.
    #[serde(default, with = "crate::de::lenient")]
    pub banner: Option<String>,
}

/// Which sources OpenDota built a [`Match`] from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OdData {
    /// Valve's match details.
    #[serde(default, with = "crate::de::lenient")]
    pub has_api: Option<bool>,
    /// Game-coordinator data (replay salt, party info).
    #[serde(default, with = "crate::de::lenient")]
    pub has_gcdata: Option<bool>,
    /// The parsed replay.
    #[serde(default, with = "crate::de::lenient")]
    pub has_parsed: Option<bool>,
    /// An archived copy.
    #[serde(default, with = "crate::de::lenient")]
    pub has_archive: Option<bool>,
    /// Valve's data was fetched just now for this request.
    #[serde(default, with = "crate::de::lenient")]
    pub backfill_api: Option<bool>,
    /// Game-coordinator data was fetched just now for this request.
    #[serde(default, with = "crate::de::lenient")]
    pub backfill_gc: Option<bool>,
}

/// One pick or ban of the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PickBan {
    /// `true` for a pick, `false` for a ban.
    #[serde(default, with = "crate::de::lenient")]
    pub is_pick: Option<bool>,
    /// The hero.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// 0 Radiant, 1 Dire.
    #[serde(default, with = "crate::de::lenient")]
    pub team: Option<u8>,
    /// Position in the draft, from 0.
    #[serde(default, with = "crate::de::lenient")]
    pub order: Option<u8>,
    /// Position in the draft (2018 data; the same as `order`).
    #[serde(default, with = "crate::de::lenient")]
    pub ord: Option<u8>,
    /// The match (2018 data).
    #[serde(default, with = "crate::de::lenient")]
    pub match_id: Option<MatchId>,
}

/// Timing of one draft step (parsed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DraftTiming {
    /// Position in the draft, from 1.
    #[serde(default, with = "crate::de::lenient")]
    pub order: Option<u8>,
    /// `true` for a pick, `false` for a ban.
    #[serde(default, with = "crate::de::lenient")]
    pub pick: Option<bool>,
    /// Team drafting (2 Radiant, 3 Dire).
    #[serde(default, with = "crate::de::lenient")]
    pub active_team: Option<u8>,
    /// The hero.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// Who picked, when known.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// Reserve time left, seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub extra_time: Option<i64>,
    /// Seconds taken for this step.
    #[serde(default, with = "crate::de::lenient")]
    pub total_time_taken: Option<i64>,
}

/// One teamfight (parsed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Teamfight {
    /// Start, seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub start: Option<i64>,
    /// End, seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub end: Option<i64>,
    /// Time of the last death.
    #[serde(default, with = "crate::de::lenient")]
    pub last_death: Option<i64>,
    /// Heroes that died.
    #[serde(default, with = "crate::de::lenient")]
    pub deaths: Option<u32>,
    /// The ten players in slot order.
    #[serde(default, with = "crate::de::lenient")]
    pub players: Vec<TeamfightPlayer>,
}

/// One player's part in a [`Teamfight`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TeamfightPlayer {
    /// Where the player died: x → y → count.
    #[serde(default, with = "crate::de::lenient")]
    pub deaths_pos: HashMap<String, HashMap<String, i64>>,
    /// Ability name → casts.
    #[serde(default, with = "crate::de::lenient")]
    pub ability_uses: HashMap<String, i64>,
    /// Ability name → hero → times.
    #[serde(default, with = "crate::de::lenient")]
    pub ability_targets: HashMap<String, HashMap<String, i64>>,
    /// Item name → uses.
    #[serde(default, with = "crate::de::lenient")]
    pub item_uses: HashMap<String, i64>,
    /// Hero name → kills.
    #[serde(default, with = "crate::de::lenient")]
    pub killed: HashMap<String, i64>,
    /// Deaths.
    #[serde(default, with = "crate::de::lenient")]
    pub deaths: Option<u32>,
    /// Buybacks.
    #[serde(default, with = "crate::de::lenient")]
    pub buybacks: Option<u32>,
    /// Damage dealt.
    #[serde(default, with = "crate::de::lenient")]
    pub damage: Option<i64>,
    /// Healing done.
    #[serde(default, with = "crate::de::lenient")]
    pub healing: Option<i64>,
    /// Gold gained or lost.
    #[serde(default, with = "crate::de::lenient")]
    pub gold_delta: Option<i64>,
    /// Experience gained.
    #[serde(default, with = "crate::de::lenient")]
    pub xp_delta: Option<i64>,
    /// Experience at the start.
    #[serde(default, with = "crate::de::lenient")]
    pub xp_start: Option<i64>,
    /// Experience at the end.
    #[serde(default, with = "crate::de::lenient")]
    pub xp_end: Option<i64>,
}

/// One objective event (parsed): first blood, tower or barracks kill, Roshan, Aegis, courier kill …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Objective {
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Kind, e.g. `building_kill`, `CHAT_MESSAGE_FIRSTBLOOD`, `CHAT_MESSAGE_ROSHAN_KILL`.
    #[serde(rename = "type", default, with = "crate::de::lenient")]
    pub kind: Option<String>,
    /// Player index 0–9 who did it; `None` when no player did (the API sends `-1`, e.g. for a
    /// tower creeps took).
    #[serde(default, with = "crate::de::lenient")]
    pub slot: Option<u8>,
    /// Player slot who did it, when a player did.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// Event detail (a building name, or a number sent as text).
    #[serde(default, with = "crate::de::lenient")]
    pub key: Option<String>,
    /// Unit that did it.
    #[serde(default, with = "crate::de::lenient")]
    pub unit: Option<String>,
    /// Event value (e.g. gold).
    #[serde(default, with = "crate::de::lenient")]
    pub value: Option<i64>,
    /// Player index 0–9 of the first player a chat event names (the killer of first blood, the
    /// destroyer of a tower); `None` for none (`-1`). Sent by servers until about 2019.
    #[serde(default, with = "crate::de::lenient")]
    pub player1: Option<u8>,
    /// Player index 0–9 of the second player a chat event names (the victim of first blood);
    /// `None` for none (`-1`). Sent by servers until about 2019.
    #[serde(default, with = "crate::de::lenient")]
    pub player2: Option<u8>,
    /// Killer index for courier kills (`None` where the API sends `-1`: no player).
    #[serde(default, with = "crate::de::lenient")]
    pub killer: Option<u8>,
    /// Team of the event (2 Radiant, 3 Dire; `None` where the API sends `-1`).
    #[serde(default, with = "crate::de::lenient")]
    pub team: Option<u8>,
}

/// One chat or chat wheel message (parsed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChatMessage {
    /// Seconds into the game (negative before the horn).
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// `chat` or `chatwheel`.
    #[serde(rename = "type", default, with = "crate::de::lenient")]
    pub kind: Option<String>,
    /// Sender's name.
    #[serde(default, with = "crate::de::lenient")]
    pub unit: Option<String>,
    /// Text, or the chat wheel message id.
    #[serde(default, with = "crate::de::lenient")]
    pub key: Option<String>,
    /// Sender index 0–9.
    #[serde(default, with = "crate::de::lenient")]
    pub slot: Option<u8>,
    /// Sender's player slot.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
}

/// A pause (parsed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Pause {
    /// Start, seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Length in seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub duration: Option<i64>,
}

/// One benchmark of a [`MatchPlayer`]: the value and how it ranks among recent players of the hero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Benchmark {
    /// The player's value.
    #[serde(default, with = "crate::de::lenient")]
    pub raw: Option<f64>,
    /// Percentile among recent players of the hero, 0–1.
    #[serde(default, with = "crate::de::lenient")]
    pub pct: Option<f64>,
    /// Percentile within the match's rank bracket, 0–1.
    #[serde(default, with = "crate::de::lenient")]
    pub pct_bracket: Option<f64>,
}

/// The biggest single hit a player dealt to a hero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MaxHeroHit {
    /// Always `max_hero_hit`.
    #[serde(rename = "type", default, with = "crate::de::lenient")]
    pub kind: Option<String>,
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Always `true`.
    #[serde(default, with = "crate::de::lenient")]
    pub max: Option<bool>,
    /// Ability or item, `None` for an attack.
    #[serde(default, with = "crate::de::lenient")]
    pub inflictor: Option<String>,
    /// Attacker.
    #[serde(default, with = "crate::de::lenient")]
    pub unit: Option<String>,
    /// Hero hit.
    #[serde(default, with = "crate::de::lenient")]
    pub key: Option<String>,
    /// Damage.
    #[serde(default, with = "crate::de::lenient")]
    pub value: Option<i64>,
    /// Player index 0–9.
    #[serde(default, with = "crate::de::lenient")]
    pub slot: Option<u8>,
    /// Player slot.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
}

/// A ward placed or removed (`obs_log`, `sen_log`, `obs_left_log`, `sen_left_log`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WardEvent {
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Which log the entry comes from (`obs_log`, …).
    #[serde(rename = "type", default, with = "crate::de::lenient")]
    pub kind: Option<String>,
    /// Position as text, e.g. `[156, 90]`.
    #[serde(default, with = "crate::de::lenient")]
    pub key: Option<String>,
    /// Player index 0–9.
    #[serde(default, with = "crate::de::lenient")]
    pub slot: Option<u8>,
    /// Player slot.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// Map cell x.
    #[serde(default, with = "crate::de::lenient")]
    pub x: Option<f64>,
    /// Map cell y.
    #[serde(default, with = "crate::de::lenient")]
    pub y: Option<f64>,
    /// Map cell z.
    #[serde(default, with = "crate::de::lenient")]
    pub z: Option<f64>,
    /// Whether the ward left the map.
    #[serde(default, with = "crate::de::lenient")]
    pub entityleft: Option<bool>,
    /// Entity handle, pairs a placement with its removal.
    #[serde(default, with = "crate::de::lenient")]
    pub ehandle: Option<u64>,
    /// Who destroyed the ward (removals only).
    #[serde(default, with = "crate::de::lenient")]
    pub attackername: Option<String>,
}

/// One item purchase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PurchaseEvent {
    /// Seconds into the game (negative before the horn).
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Item name, e.g. `blink`.
    #[serde(default, with = "crate::de::lenient")]
    pub key: Option<String>,
    /// Charges, for items bought with charges.
    #[serde(default, with = "crate::de::lenient")]
    pub charges: Option<u32>,
}

/// One hero kill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KillEvent {
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Hero killed, e.g. `npc_dota_hero_huskar`.
    #[serde(default, with = "crate::de::lenient")]
    pub key: Option<String>,
    /// Whether the victim died while tracked (Bounty Hunter's Track), in older parsed matches.
    #[serde(default, with = "crate::de::lenient")]
    pub tracked_death: Option<bool>,
    /// Who tracked the victim, e.g. `npc_dota_hero_bounty_hunter` (with `tracked_death`).
    #[serde(default, with = "crate::de::lenient")]
    pub tracked_sourcename: Option<String>,
}

/// One buyback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BuybackEvent {
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Player index 0–9.
    #[serde(default, with = "crate::de::lenient")]
    pub slot: Option<u8>,
    /// Player slot.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// Always `buyback_log`.
    #[serde(rename = "type", default, with = "crate::de::lenient")]
    pub kind: Option<String>,
}

/// One rune pickup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RuneEvent {
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Rune type id (constants `runes`).
    #[serde(default, with = "crate::de::lenient")]
    pub key: Option<u32>,
}

/// A disconnect or reconnect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConnectionEvent {
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// What happened, e.g. `disconnect`, `reconnect`.
    #[serde(default, with = "crate::de::lenient")]
    pub event: Option<String>,
    /// Player index 0–9.
    #[serde(default, with = "crate::de::lenient")]
    pub slot: Option<u8>,
    /// Player slot.
    #[serde(default, with = "crate::de::lenient")]
    pub player_slot: Option<u8>,
    /// Always `connection_log`.
    #[serde(rename = "type", default, with = "crate::de::lenient")]
    pub kind: Option<String>,
}

/// A neutral token found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NeutralTokenEvent {
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Token name.
    #[serde(default, with = "crate::de::lenient")]
    pub key: Option<String>,
}

/// A neutral item crafted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NeutralItemEvent {
    /// Seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<i64>,
    /// Neutral item name.
    #[serde(default, with = "crate::de::lenient")]
    pub item_neutral: Option<String>,
    /// Enhancement name.
    #[serde(default, with = "crate::de::lenient")]
    pub item_neutral_enhancement: Option<String>,
}

/// A permanent buff a player ended the match with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PermanentBuff {
    /// Buff id (constants `permanent_buffs`).
    #[serde(default, with = "crate::de::lenient")]
    pub permanent_buff: Option<u32>,
    /// Stacks.
    #[serde(default, with = "crate::de::lenient")]
    pub stack_count: Option<u32>,
    /// When it was granted, seconds into the game.
    #[serde(default, with = "crate::de::lenient")]
    pub grant_time: Option<i64>,
}

/// Another unit the player controlled that carries items (e.g. Lone Druid's bear).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AdditionalUnit {
    /// Unit name, e.g. `spirit_bear`.
    #[serde(default, with = "crate::de::lenient")]
    pub unitname: Option<String>,
    /// Item in slot 0.
    #[serde(default, with = "crate::de::lenient")]
    pub item_0: Option<u32>,
    /// Item in slot 1.
    #[serde(default, with = "crate::de::lenient")]
    pub item_1: Option<u32>,
    /// Item in slot 2.
    #[serde(default, with = "crate::de::lenient")]
    pub item_2: Option<u32>,
    /// Item in slot 3.
    #[serde(default, with = "crate::de::lenient")]
    pub item_3: Option<u32>,
    /// Item in slot 4.
    #[serde(default, with = "crate::de::lenient")]
    pub item_4: Option<u32>,
    /// Item in slot 5.
    #[serde(default, with = "crate::de::lenient")]
    pub item_5: Option<u32>,
    /// Item in backpack slot 0.
    #[serde(default, with = "crate::de::lenient")]
    pub backpack_0: Option<u32>,
    /// Item in backpack slot 1.
    #[serde(default, with = "crate::de::lenient")]
    pub backpack_1: Option<u32>,
    /// Item in backpack slot 2.
    #[serde(default, with = "crate::de::lenient")]
    pub backpack_2: Option<u32>,
    /// Neutral item.
    #[serde(default, with = "crate::de::lenient")]
    pub item_neutral: Option<u32>,
}

/// A cosmetic item a player wore.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cosmetic {
    /// Item id.
    #[serde(default, with = "crate::de::lenient")]
    pub item_id: Option<u32>,
    /// Name.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// Kind, e.g. `wearable`, `courier`.
    #[serde(default, with = "crate::de::lenient")]
    pub prefab: Option<String>,
    /// When it was created (ISO-8601).
    #[serde(default, with = "crate::de::lenient")]
    pub creation_date: Option<String>,
    /// Inventory image path.
    #[serde(default, with = "crate::de::lenient")]
    pub image_inventory: Option<String>,
    /// Image path.
    #[serde(default, with = "crate::de::lenient")]
    pub image_path: Option<String>,
    /// Description.
    #[serde(default, with = "crate::de::lenient")]
    pub item_description: Option<String>,
    /// Localisation key of the name.
    #[serde(default, with = "crate::de::lenient")]
    pub item_name: Option<String>,
    /// Rarity, e.g. `arcana`.
    #[serde(default, with = "crate::de::lenient")]
    pub item_rarity: Option<String>,
    /// Type, e.g. `#DOTA_WearableType_Arcana`.
    #[serde(default, with = "crate::de::lenient")]
    pub item_type_name: Option<String>,
    /// Hero that wears it (`npc_dota_hero_…`).
    #[serde(default, with = "crate::de::lenient")]
    pub used_by_heroes: Option<String>,
}

impl Match {
    /// Whether OpenDota parsed the replay, i.e. whether the replay-derived fields are filled.
    ///
    /// ```
    /// use opendota_sdk::models::matches::Match;
    ///
    /// let game: Match = serde_json::from_str(
    ///     r#"{"match_id": 1, "players": [{"account_id": 7, "player_slot": 0}, {"account_id": 8, "player_slot": 128}]}"#,
    /// )?;
    /// assert!(!game.is_parsed(), "no parser version");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn is_parsed(&self) -> bool {
        self.version.is_some() || self.od_data.as_ref().and_then(|d| d.has_parsed) == Some(true)
    }

    /// The Radiant players (slots 0–127).
    ///
    /// ```
    /// use opendota_sdk::models::matches::Match;
    ///
    /// let game: Match = serde_json::from_str(
    ///     r#"{"match_id": 1, "players": [{"account_id": 7, "player_slot": 0}, {"account_id": 8, "player_slot": 128}]}"#,
    /// )?;
    /// assert_eq!(game.radiant_players().count(), 1);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn radiant_players(&self) -> impl Iterator<Item = &MatchPlayer> {
        self.players.iter().filter(|p| p.is_radiant() == Some(true))
    }

    /// The Dire players (slots 128–255).
    ///
    /// ```
    /// use opendota_sdk::models::matches::Match;
    ///
    /// let game: Match = serde_json::from_str(
    ///     r#"{"match_id": 1, "players": [{"account_id": 7, "player_slot": 0}, {"account_id": 8, "player_slot": 128}]}"#,
    /// )?;
    /// let dire: Vec<_> = game.dire_players().filter_map(|p| p.account_id).collect();
    /// assert_eq!(dire, [opendota_sdk::AccountId(8)]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn dire_players(&self) -> impl Iterator<Item = &MatchPlayer> {
        self.players
            .iter()
            .filter(|p| p.is_radiant() == Some(false))
    }

    /// The player with this account, if they played and did not hide their identity.
    ///
    /// ```
    /// use opendota_sdk::models::matches::Match;
    ///
    /// let game: Match = serde_json::from_str(
    ///     r#"{"match_id": 1, "players": [{"account_id": 7, "player_slot": 0}, {"account_id": 8, "player_slot": 128}]}"#,
    /// )?;
    /// assert_eq!(game.player(8_u32).and_then(|p| p.player_slot), Some(128));
    /// assert!(game.player(9_u32).is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn player(&self, account_id: impl Into<AccountId>) -> Option<&MatchPlayer> {
        let account_id = Some(account_id.into());
        self.players.iter().find(|p| p.account_id == account_id)
    }
}

impl MatchPlayer {
    /// Whether the player was on Radiant: `player_slot < 128` (or OpenDota's `isRadiant` flag
    /// when the slot is missing).
    ///
    /// ```
    /// use opendota_sdk::models::matches::MatchPlayer;
    ///
    /// let player: MatchPlayer = serde_json::from_str(r#"{"player_slot": 128}"#)?;
    /// assert_eq!(player.is_radiant(), Some(false));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn is_radiant(&self) -> Option<bool> {
        self.player_slot.map(|slot| slot < 128).or(self.radiant)
    }

    /// Whether the player's side won: the side compared with `radiant_win` (or OpenDota's `win`
    /// flag when either is missing). `None` when unknown.
    ///
    /// ```
    /// use opendota_sdk::models::matches::MatchPlayer;
    ///
    /// let player: MatchPlayer = serde_json::from_str(r#"{"player_slot": 128, "radiant_win": false}"#)?;
    /// assert_eq!(player.won(), Some(true));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn won(&self) -> Option<bool> {
        match (self.is_radiant(), self.radiant_win) {
            (Some(radiant), Some(radiant_win)) => Some(radiant == radiant_win),
            _ => self.win,
        }
    }
}

crate::de::lenient_via_deserialize!(
    MatchPlayer,
    MatchTeam,
    MatchLeague,
    OdData,
    PickBan,
    DraftTiming,
    Teamfight,
    TeamfightPlayer,
    Objective,
    ChatMessage,
    Pause,
    Benchmark,
    MaxHeroHit,
    WardEvent,
    PurchaseEvent,
    KillEvent,
    BuybackEvent,
    RuneEvent,
    ConnectionEvent,
    NeutralTokenEvent,
    NeutralItemEvent,
    PermanentBuff,
    AdditionalUnit,
    Cosmetic,
);
