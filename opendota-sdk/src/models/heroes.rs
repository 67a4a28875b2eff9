//! Models of the hero endpoints: `GET /heroes`, `/heroStats`, `/heroes/{hero_id}/…`,
//! `/rankings` and `/benchmarks`.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::de::LenientSeed;
use crate::ids::{AccountId, HeroId};
use crate::rank::RankTier;

/// Defines a struct holding a hero's dotaconstants attributes (name, roles, base stats) followed
/// by the fields given. Shared by [`HeroStats`] and
/// [`HeroConstant`](crate::models::constants::HeroConstant), which carry the same hero object.
macro_rules! hero_attributes {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($extra:tt)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            /// The hero.
            pub id: $crate::ids::HeroId,
            /// Internal name, e.g. `npc_dota_hero_antimage`.
            #[serde(default, with = "crate::de::lenient")]
            pub name: Option<String>,
            /// English name, e.g. `Anti-Mage`.
            #[serde(default, with = "crate::de::lenient")]
            pub localized_name: Option<String>,
            /// Primary attribute: `str`, `agi`, `int` or `all` (universal).
            #[serde(default, with = "crate::de::lenient")]
            pub primary_attr: Option<String>,
            /// `Melee` or `Ranged`.
            #[serde(default, with = "crate::de::lenient")]
            pub attack_type: Option<String>,
            /// Roles, e.g. `["Carry", "Escape", "Nuker"]`.
            #[serde(default, with = "crate::de::lenient")]
            pub roles: Vec<String>,
            /// Portrait path below the Steam CDN (`/apps/dota2/images/…`).
            #[serde(default, with = "crate::de::lenient")]
            pub img: Option<String>,
            /// Icon path below the Steam CDN.
            #[serde(default, with = "crate::de::lenient")]
            pub icon: Option<String>,
            /// Base health.
            #[serde(default, with = "crate::de::lenient")]
            pub base_health: Option<u32>,
            /// Base health regeneration per second (fractional, e.g. `0.75`).
            #[serde(default, with = "crate::de::lenient")]
            pub base_health_regen: Option<f64>,
            /// Base mana.
            #[serde(default, with = "crate::de::lenient")]
            pub base_mana: Option<u32>,
            /// Base mana regeneration per second (fractional although the spec says integer).
            #[serde(default, with = "crate::de::lenient")]
            pub base_mana_regen: Option<f64>,
            /// Base armor (may be negative or fractional).
            #[serde(default, with = "crate::de::lenient")]
            pub base_armor: Option<f64>,
            /// Base magic resistance, percent.
            #[serde(default, with = "crate::de::lenient")]
            pub base_mr: Option<u32>,
            /// Minimum base attack damage, before the primary attribute's bonus. A real value,
            /// not a sentinel: negative for six heroes in data served 2024-11 to 2025-02
            /// (Batrider `-4`), so signed.
            #[serde(default, with = "crate::de::lenient")]
            pub base_attack_min: Option<i32>,
            /// Maximum base attack damage, before the primary attribute's bonus (signed, like
            /// `base_attack_min`).
            #[serde(default, with = "crate::de::lenient")]
            pub base_attack_max: Option<i32>,
            /// Base strength.
            #[serde(default, with = "crate::de::lenient")]
            pub base_str: Option<u32>,
            /// Base agility.
            #[serde(default, with = "crate::de::lenient")]
            pub base_agi: Option<u32>,
            /// Base intelligence.
            #[serde(default, with = "crate::de::lenient")]
            pub base_int: Option<u32>,
            /// Strength gained per level.
            #[serde(default, with = "crate::de::lenient")]
            pub str_gain: Option<f64>,
            /// Agility gained per level.
            #[serde(default, with = "crate::de::lenient")]
            pub agi_gain: Option<f64>,
            /// Intelligence gained per level.
            #[serde(default, with = "crate::de::lenient")]
            pub int_gain: Option<f64>,
            /// Attack range.
            #[serde(default, with = "crate::de::lenient")]
            pub attack_range: Option<u32>,
            /// Projectile speed (`0` for melee heroes).
            #[serde(default, with = "crate::de::lenient")]
            pub projectile_speed: Option<u32>,
            /// Attack rate, seconds.
            #[serde(default, with = "crate::de::lenient")]
            pub attack_rate: Option<f64>,
            /// Base attack time (`100` = 1.0 s).
            #[serde(default, with = "crate::de::lenient")]
            pub base_attack_time: Option<u32>,
            /// Attack point, seconds.
            #[serde(default, with = "crate::de::lenient")]
            pub attack_point: Option<f64>,
            /// Movement speed.
            #[serde(default, with = "crate::de::lenient")]
            pub move_speed: Option<u32>,
            /// Turn rate (`null` for many heroes in current data).
            #[serde(default, with = "crate::de::lenient")]
            pub turn_rate: Option<f64>,
            /// Whether the hero can be picked in Captains Mode.
            #[serde(default, with = "crate::de::lenient")]
            pub cm_enabled: Option<bool>,
            /// Number of legs.
            #[serde(default, with = "crate::de::lenient")]
            pub legs: Option<u8>,
            /// Day vision range.
            #[serde(default, with = "crate::de::lenient")]
            pub day_vision: Option<u32>,
            /// Night vision range.
            #[serde(default, with = "crate::de::lenient")]
            pub night_vision: Option<u32>,
            $($extra)*
        }
    };
}
pub(crate) use hero_attributes;

/// `wins / games`, or `None` without games.
#[allow(clippy::cast_precision_loss, reason = "game counts are far below 2^52")]
pub(crate) fn win_rate(wins: Option<u64>, games: Option<u64>) -> Option<f64> {
    match (wins, games) {
        (Some(wins), Some(games)) if games > 0 => Some(wins as f64 / games as f64),
        _ => None,
    }
}

/// A hero as listed by [`Client::all_heroes`](crate::Client::all_heroes)
/// (`HeroObjectResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Hero {
    /// The hero.
    pub id: HeroId,
    /// Internal name, e.g. `npc_dota_hero_antimage`.
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
    /// English name, e.g. `Anti-Mage`.
    #[serde(default, with = "crate::de::lenient")]
    pub localized_name: Option<String>,
    /// Primary attribute: `str`, `agi`, `int` or `all` (universal).
    #[serde(default, with = "crate::de::lenient")]
    pub primary_attr: Option<String>,
    /// `Melee` or `Ranged`.
    #[serde(default, with = "crate::de::lenient")]
    pub attack_type: Option<String>,
    /// Roles, e.g. `["Carry", "Escape", "Nuker"]`.
    #[serde(default, with = "crate::de::lenient")]
    pub roles: Vec<String>,
    /// Number of legs (sent by the server although not in the spec).
    #[serde(default, with = "crate::de::lenient")]
    pub legs: Option<u8>,
}

hero_attributes! {
    /// A hero with its attributes and pick/win counts of the last 7 days, as returned by
    /// [`Client::hero_stats`](crate::Client::hero_stats) (`HeroStatsResponse`).
    ///
    /// Brackets are the rank medals: 1 Herald … 8 Immortal. The 2018 form of this answer also
    /// had `hero_id` and none of the `pub_*` / `turbo_*` counts; those are then `None`.
    pub struct HeroStats {
        /// The hero again (2018 answers only; current ones have just `id`).
        #[serde(default, with = "crate::de::lenient")]
        pub hero_id: Option<HeroId>,
        /// Herald picks (`1_pick`).
        #[serde(rename = "1_pick", default, with = "crate::de::lenient")]
        pub herald_picks: Option<u64>,
        /// Herald wins (`1_win`).
        #[serde(rename = "1_win", default, with = "crate::de::lenient")]
        pub herald_wins: Option<u64>,
        /// Guardian picks (`2_pick`).
        #[serde(rename = "2_pick", default, with = "crate::de::lenient")]
        pub guardian_picks: Option<u64>,
        /// Guardian wins (`2_win`).
        #[serde(rename = "2_win", default, with = "crate::de::lenient")]
        pub guardian_wins: Option<u64>,
        /// Crusader picks (`3_pick`).
        #[serde(rename = "3_pick", default, with = "crate::de::lenient")]
        pub crusader_picks: Option<u64>,
        /// Crusader wins (`3_win`).
        #[serde(rename = "3_win", default, with = "crate::de::lenient")]
        pub crusader_wins: Option<u64>,
        /// Archon picks (`4_pick`).
        #[serde(rename = "4_pick", default, with = "crate::de::lenient")]
        pub archon_picks: Option<u64>,
        /// Archon wins (`4_win`).
        #[serde(rename = "4_win", default, with = "crate::de::lenient")]
        pub archon_wins: Option<u64>,
        /// Legend picks (`5_pick`).
        #[serde(rename = "5_pick", default, with = "crate::de::lenient")]
        pub legend_picks: Option<u64>,
        /// Legend wins (`5_win`).
        #[serde(rename = "5_win", default, with = "crate::de::lenient")]
        pub legend_wins: Option<u64>,
        /// Ancient picks (`6_pick`).
        #[serde(rename = "6_pick", default, with = "crate::de::lenient")]
        pub ancient_picks: Option<u64>,
        /// Ancient wins (`6_win`).
        #[serde(rename = "6_win", default, with = "crate::de::lenient")]
        pub ancient_wins: Option<u64>,
        /// Divine picks (`7_pick`).
        #[serde(rename = "7_pick", default, with = "crate::de::lenient")]
        pub divine_picks: Option<u64>,
        /// Divine wins (`7_win`).
        #[serde(rename = "7_win", default, with = "crate::de::lenient")]
        pub divine_wins: Option<u64>,
        /// Immortal picks (`8_pick`).
        #[serde(rename = "8_pick", default, with = "crate::de::lenient")]
        pub immortal_picks: Option<u64>,
        /// Immortal wins (`8_win`).
        #[serde(rename = "8_win", default, with = "crate::de::lenient")]
        pub immortal_wins: Option<u64>,
        /// Picks in professional matches.
        #[serde(default, with = "crate::de::lenient")]
        pub pro_pick: Option<u64>,
        /// Wins in professional matches.
        #[serde(default, with = "crate::de::lenient")]
        pub pro_win: Option<u64>,
        /// Bans in professional matches.
        #[serde(default, with = "crate::de::lenient")]
        pub pro_ban: Option<u64>,
        /// Picks in matches whose bracket is unknown (`null_pick`, sent until about 2022).
        #[serde(default, with = "crate::de::lenient")]
        pub null_pick: Option<u64>,
        /// Wins in matches whose bracket is unknown (`null_win`, sent until about 2022).
        #[serde(default, with = "crate::de::lenient")]
        pub null_win: Option<u64>,
        /// Picks in public matches, all brackets.
        #[serde(default, with = "crate::de::lenient")]
        pub pub_pick: Option<u64>,
        /// Wins in public matches, all brackets.
        #[serde(default, with = "crate::de::lenient")]
        pub pub_win: Option<u64>,
        /// Public picks per day, oldest of the 7 days first.
        #[serde(default, with = "crate::de::lenient")]
        pub pub_pick_trend: Vec<u64>,
        /// Public wins per day, oldest of the 7 days first.
        #[serde(default, with = "crate::de::lenient")]
        pub pub_win_trend: Vec<u64>,
        /// Picks in Turbo.
        #[serde(default, with = "crate::de::lenient")]
        pub turbo_picks: Option<u64>,
        /// Wins in Turbo.
        #[serde(default, with = "crate::de::lenient")]
        pub turbo_wins: Option<u64>,
        /// Turbo picks per day, oldest of the 7 days first.
        #[serde(default, with = "crate::de::lenient")]
        pub turbo_picks_trend: Vec<u64>,
        /// Turbo wins per day, oldest of the 7 days first.
        #[serde(default, with = "crate::de::lenient")]
        pub turbo_wins_trend: Vec<u64>,
    }
}

impl HeroStats {
    /// Picks in rank bracket `bracket` (1 Herald … 8 Immortal); `None` outside 1–8 or when not sent.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroStats;
    ///
    /// let stats: HeroStats = serde_json::from_str(r#"{"id": 1, "8_pick": 4}"#)?;
    /// assert_eq!(stats.bracket_picks(8), Some(4));
    /// assert_eq!(stats.bracket_picks(9), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn bracket_picks(&self, bracket: u8) -> Option<u64> {
        self.bracket(bracket).0
    }

    /// Wins in rank bracket `bracket` (1 Herald … 8 Immortal); `None` outside 1–8 or when not sent.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroStats;
    ///
    /// let stats: HeroStats = serde_json::from_str(r#"{"id": 1, "8_win": 3}"#)?;
    /// assert_eq!(stats.bracket_wins(8), Some(3));
    /// assert_eq!(stats.bracket_wins(1), None, "not sent");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn bracket_wins(&self, bracket: u8) -> Option<u64> {
        self.bracket(bracket).1
    }

    /// Win rate (0–1) in rank bracket `bracket` (1 Herald … 8 Immortal).
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroStats;
    ///
    /// let stats: HeroStats = serde_json::from_str(r#"{"id": 1, "8_pick": 4, "8_win": 3}"#)?;
    /// assert_eq!(stats.bracket_win_rate(8), Some(0.75));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn bracket_win_rate(&self, bracket: u8) -> Option<f64> {
        let (picks, wins) = self.bracket(bracket);
        win_rate(wins, picks)
    }

    /// Win rate (0–1) in public matches, all brackets.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroStats;
    ///
    /// let stats: HeroStats = serde_json::from_str(r#"{"id": 1, "pub_pick": 8, "pub_win": 4}"#)?;
    /// assert_eq!(stats.pub_win_rate(), Some(0.5));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn pub_win_rate(&self) -> Option<f64> {
        win_rate(self.pub_win, self.pub_pick)
    }

    /// Win rate (0–1) in professional matches.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroStats;
    ///
    /// let stats: HeroStats = serde_json::from_str(r#"{"id": 1, "pro_pick": 4, "pro_win": 1}"#)?;
    /// assert_eq!(stats.pro_win_rate(), Some(0.25));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn pro_win_rate(&self) -> Option<f64> {
        win_rate(self.pro_win, self.pro_pick)
    }

    /// Win rate (0–1) in Turbo.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroStats;
    ///
    /// let stats: HeroStats = serde_json::from_str(r#"{"id": 1, "turbo_picks": 4, "turbo_wins": 3}"#)?;
    /// assert_eq!(stats.turbo_win_rate(), Some(0.75));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn turbo_win_rate(&self) -> Option<f64> {
        win_rate(self.turbo_wins, self.turbo_picks)
    }

    fn bracket(&self, bracket: u8) -> (Option<u64>, Option<u64>) {
        match bracket {
            1 => (self.herald_picks, self.herald_wins),
            2 => (self.guardian_picks, self.guardian_wins),
            3 => (self.crusader_picks, self.crusader_wins),
            4 => (self.archon_picks, self.archon_wins),
            5 => (self.legend_picks, self.legend_wins),
            6 => (self.ancient_picks, self.ancient_wins),
            7 => (self.divine_picks, self.divine_wins),
            8 => (self.immortal_picks, self.immortal_wins),
            _ => (None, None),
        }
    }
}

/// Results of a hero against one opposing hero in professional matches of the last year
/// (`HeroMatchupsResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeroMatchup {
    /// The opposing hero.
    pub hero_id: HeroId,
    /// Matches against it.
    #[serde(default, with = "crate::de::lenient")]
    pub games_played: Option<u64>,
    /// Matches won against it.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u64>,
}

impl HeroMatchup {
    /// Win rate (0–1) against the opposing hero.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroMatchup;
    ///
    /// let m: HeroMatchup = serde_json::from_str(r#"{"hero_id": 2, "games_played": 4, "wins": 1}"#)?;
    /// assert_eq!(m.win_rate(), Some(0.25));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        win_rate(self.wins, self.games_played)
    }
}

/// Results of a hero in professional matches of one length (`HeroDurationsResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeroDuration {
    /// Lower bound of the match length in seconds; bins are 300 s (5 min) wide. A number in
    /// real answers although the spec says string; both are accepted.
    #[serde(default, with = "crate::de::lenient")]
    pub duration_bin: Option<u32>,
    /// Matches in the bin.
    #[serde(default, with = "crate::de::lenient")]
    pub games_played: Option<u64>,
    /// Matches won in the bin.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u64>,
}

impl HeroDuration {
    /// Win rate (0–1) in this bin.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroDuration;
    ///
    /// let bin: HeroDuration = serde_json::from_str(r#"{"duration_bin": 1800, "games_played": 4, "wins": 3}"#)?;
    /// assert_eq!(bin.win_rate(), Some(0.75));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        win_rate(self.wins, self.games_played)
    }
}

/// A player who played a hero in professional matches, with their results on it.
///
/// The spec calls the answer of `/heroes/{hero_id}/players` an array of arrays of
/// `PlayerObjectResponse`; the server really sends one flat array of
/// `{account_id, games_played, wins}` rows. Both forms decode (nested arrays are flattened).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeroPlayer {
    /// The player; `None` for anonymous players, who are grouped into one row.
    #[serde(default, with = "crate::de::lenient")]
    pub account_id: Option<AccountId>,
    /// Matches on the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub games_played: Option<u64>,
    /// Matches won on the hero.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u64>,
}

impl HeroPlayer {
    /// Win rate (0–1) on the hero.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::HeroPlayer;
    ///
    /// let p: HeroPlayer = serde_json::from_str(r#"{"account_id": 1, "games_played": 2, "wins": 1}"#)?;
    /// assert_eq!(p.win_rate(), Some(0.5));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        win_rate(self.wins, self.games_played)
    }
}

/// The rows of `/heroes/{hero_id}/players`: a flat array of rows, or (per the spec) an array
/// of arrays of rows. `null` and `null` items are skipped.
#[derive(Debug)]
pub(crate) struct HeroPlayerRows(pub(crate) Vec<HeroPlayer>);

impl<'de> Deserialize<'de> for HeroPlayerRows {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct Outer;
        impl<'de> Visitor<'de> for Outer {
            type Value = Vec<HeroPlayer>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of player rows or a list of lists of player rows")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
            fn visit_seq<A>(self, mut seq: A) -> Result<Self::Value, A::Error>
            where
                A: SeqAccess<'de>,
            {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while seq.next_element_seed(Rows(&mut out))?.is_some() {}
                Ok(out)
            }
        }

        /// One item of the outer list: a row, a list of rows, or `null`.
        struct Rows<'a>(&'a mut Vec<HeroPlayer>);
        impl<'de> DeserializeSeed<'de> for Rows<'_> {
            type Value = ();
            fn deserialize<D>(self, deserializer: D) -> Result<(), D::Error>
            where
                D: Deserializer<'de>,
            {
                deserializer.deserialize_any(self)
            }
        }
        impl<'de> Visitor<'de> for Rows<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a player row or a list of player rows")
            }
            fn visit_unit<E: de::Error>(self) -> Result<(), E> {
                Ok(())
            }
            fn visit_map<A>(self, map: A) -> Result<(), A::Error>
            where
                A: MapAccess<'de>,
            {
                self.0.push(HeroPlayer::deserialize(
                    de::value::MapAccessDeserializer::new(map),
                )?);
                Ok(())
            }
            fn visit_seq<A>(self, mut seq: A) -> Result<(), A::Error>
            where
                A: SeqAccess<'de>,
            {
                while let Some(row) = seq.next_element::<Option<HeroPlayer>>()? {
                    self.0.extend(row);
                }
                Ok(())
            }
        }

        deserializer.deserialize_any(Outer).map(Self)
    }
}

/// Item purchase counts of a hero in recent professional matches, by game phase: item id →
/// number of purchases (`HeroItemPopularityResponse`). Item ids are those of the `items` /
/// `item_ids` constants.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemPopularity {
    /// Bought before the horn, costing at most 600 gold.
    #[serde(default, deserialize_with = "item_counts")]
    pub start_game_items: HashMap<u32, u64>,
    /// Bought in the first 10 minutes.
    #[serde(default, deserialize_with = "item_counts")]
    pub early_game_items: HashMap<u32, u64>,
    /// Bought between minutes 10 and 25.
    #[serde(default, deserialize_with = "item_counts")]
    pub mid_game_items: HashMap<u32, u64>,
    /// Bought after minute 25.
    #[serde(default, deserialize_with = "item_counts")]
    pub late_game_items: HashMap<u32, u64>,
}

impl ItemPopularity {
    /// The `n` most bought items of one phase (e.g. `&popularity.mid_game_items`), most bought
    /// first, ties by item id.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::ItemPopularity;
    ///
    /// let items: ItemPopularity =
    ///     serde_json::from_str(r#"{"mid_game_items": {"1": 5, "48": 9, "50": 5}}"#)?;
    /// assert_eq!(ItemPopularity::top(&items.mid_game_items, 2), [(48, 9), (1, 5)]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn top(phase: &HashMap<u32, u64>, n: usize) -> Vec<(u32, u64)> {
        let mut items: Vec<(u32, u64)> = phase.iter().map(|(&id, &count)| (id, count)).collect();
        items.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        items.truncate(n);
        items
    }
}

/// `{"<item id>": count}` → map; `null` is empty; counts decode leniently.
fn item_counts<'de, D>(deserializer: D) -> Result<HashMap<u32, u64>, D::Error>
where
    D: Deserializer<'de>,
{
    let raw: Option<HashMap<u32, LenientSeed<u64>>> = Option::deserialize(deserializer)?;
    Ok(raw
        .unwrap_or_default()
        .into_iter()
        .map(|(id, count)| (id, count.0))
        .collect())
}

/// The top players of a hero, as returned by
/// [`HeroHandler::rankings`](crate::api::heroes::HeroHandler::rankings) (`RankingsResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeroRankings {
    /// The hero.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// Up to 100 players, best score first.
    #[serde(default, with = "crate::de::lenient")]
    pub rankings: Vec<HeroRanking>,
}

/// One player in [`HeroRankings`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeroRanking {
    /// The player.
    pub account_id: AccountId,
    /// OpenDota's hero ranking score.
    #[serde(default, with = "crate::de::lenient")]
    pub score: Option<f64>,
    /// Steam name.
    #[serde(default, with = "crate::de::lenient")]
    pub personaname: Option<String>,
    /// Verified pro name (not in the spec; sent by the server).
    #[serde(default, with = "crate::de::lenient")]
    pub name: Option<String>,
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
    /// Whether the last full-history refresh failed (match data not exposed).
    #[serde(default, with = "crate::de::lenient")]
    pub fh_unavailable: Option<bool>,
    /// Steam country code.
    #[serde(default, with = "crate::de::lenient")]
    pub loccountrycode: Option<String>,
    /// Medal and stars.
    #[serde(default, with = "crate::de::lenient")]
    pub rank_tier: Option<RankTier>,
    /// Solo MMR from the player's profile card, in rows of servers before the 2018 medal
    /// system replaced it (2017 data).
    #[serde(default, with = "crate::de::lenient")]
    pub solo_competitive_rank: Option<u32>,
}

crate::de::lenient_via_deserialize!(HeroRanking);

/// Percentile benchmarks of a hero's per-match stats, as returned by
/// [`HeroHandler::benchmarks`](crate::api::heroes::HeroHandler::benchmarks)
/// (`BenchmarksResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Benchmarks {
    /// The hero.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// The benchmarks per stat.
    #[serde(default, with = "crate::de::lenient")]
    pub result: Option<BenchmarkResult>,
}

/// The benchmarks of each stat in [`Benchmarks`]. Each list holds the value reached at the
/// percentiles 0.1, 0.2 … 0.9, 0.95 and 0.99, in no guaranteed order (the server fills them
/// concurrently); see [`BenchmarkResult::value_at`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BenchmarkResult {
    /// Gold per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub gold_per_min: Vec<BenchmarkPoint>,
    /// Experience per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub xp_per_min: Vec<BenchmarkPoint>,
    /// Kills per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub kills_per_min: Vec<BenchmarkPoint>,
    /// Deaths per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub deaths_per_min: Vec<BenchmarkPoint>,
    /// Assists per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub assists_per_min: Vec<BenchmarkPoint>,
    /// Last hits per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub last_hits_per_min: Vec<BenchmarkPoint>,
    /// Denies per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub denies_per_min: Vec<BenchmarkPoint>,
    /// Hero damage per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_damage_per_min: Vec<BenchmarkPoint>,
    /// Hero healing per minute.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_healing_per_min: Vec<BenchmarkPoint>,
    /// Tower damage per match.
    #[serde(default, with = "crate::de::lenient")]
    pub tower_damage: Vec<BenchmarkPoint>,
}

impl BenchmarkResult {
    /// The value at `percentile` (e.g. `0.5`) in one stat's list (e.g. `&result.gold_per_min`),
    /// or `None` when the list has no such point or its value is unknown.
    ///
    /// ```
    /// use opendota_sdk::models::heroes::{BenchmarkResult, Benchmarks};
    ///
    /// let b: Benchmarks = serde_json::from_str(
    ///     r#"{"hero_id": 1, "result": {"gold_per_min": [{"percentile": 0.5, "value": 612}]}}"#,
    /// )?;
    /// let gpm = &b.result.as_ref().expect("sent").gold_per_min;
    /// assert_eq!(BenchmarkResult::value_at(gpm, 0.5), Some(612.0));
    /// assert_eq!(BenchmarkResult::value_at(gpm, 0.9), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn value_at(points: &[BenchmarkPoint], percentile: f64) -> Option<f64> {
        points
            .iter()
            .find(|p| p.percentile.is_some_and(|q| (q - percentile).abs() < 1e-9))
            .and_then(|p| p.value)
    }
}

crate::de::lenient_via_deserialize!(BenchmarkResult);

/// One point of a benchmark: the stat value reached at a percentile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BenchmarkPoint {
    /// The percentile, 0–1.
    #[serde(default, with = "crate::de::lenient")]
    pub percentile: Option<f64>,
    /// The stat value at that percentile (`None` when the server has no data: it sends `null`).
    #[serde(default, with = "crate::de::lenient")]
    pub value: Option<f64>,
}

crate::de::lenient_via_deserialize!(BenchmarkPoint);
