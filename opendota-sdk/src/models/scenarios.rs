//! Models of `GET /scenarios/itemTimings`, `/scenarios/laneRoles` and `/scenarios/misc`.
//!
//! `games` and `wins` are numeric strings in real answers (`"1024"`: sums of 64-bit counters,
//! which the server's database driver hands over as text); they decode to numbers.

use serde::{Deserialize, Serialize};

use crate::ids::HeroId;
use crate::models::enums::{LaneRole, Region};
use crate::models::heroes::win_rate;

/// How a hero did when it bought an item before a time (`ScenarioItemTimingsResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemTiming {
    /// The hero.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// The item's internal name, e.g. `spirit_vessel`.
    #[serde(default, with = "crate::de::lenient")]
    pub item: Option<String>,
    /// The item was bought at or before this game time, seconds (buckets: 450, 600, 720, 900,
    /// 1200, 1500, 1800).
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<u32>,
    /// Matches where it happened.
    #[serde(default, with = "crate::de::lenient")]
    pub games: Option<u64>,
    /// Of those, matches won.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u64>,
}

impl ItemTiming {
    /// Win rate (0–1).
    ///
    /// ```
    /// use opendota_sdk::models::scenarios::ItemTiming;
    ///
    /// let row: ItemTiming = serde_json::from_str(r#"{"item": "bfury", "games": "4", "wins": "3"}"#)?;
    /// assert_eq!(row.win_rate(), Some(0.75));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        win_rate(self.wins, self.games)
    }
}

/// How a hero did in a lane role, by match length (`ScenarioLaneRolesResponse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LaneRoleScenario {
    /// The hero.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// The lane role.
    #[serde(default, with = "crate::de::lenient")]
    pub lane_role: Option<LaneRole>,
    /// The match lasted at most this long, seconds (buckets: 900, 1800, 2700, 3600, 5400).
    #[serde(default, with = "crate::de::lenient")]
    pub time: Option<u32>,
    /// Matches where it happened.
    #[serde(default, with = "crate::de::lenient")]
    pub games: Option<u64>,
    /// Of those, matches won.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u64>,
}

impl LaneRoleScenario {
    /// Win rate (0–1).
    ///
    /// ```
    /// use opendota_sdk::models::scenarios::LaneRoleScenario;
    ///
    /// let row: LaneRoleScenario = serde_json::from_str(r#"{"lane_role": 2, "games": 4, "wins": 1}"#)?;
    /// assert_eq!(row.win_rate(), Some(0.25));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        win_rate(self.wins, self.games)
    }
}

/// How often a team won after it caused a team event (`ScenarioMiscResponse`): drawing first
/// blood (`first_blood`), killing the enemy courier before 3:00 (`courier_kill`), or writing
/// friendly (`pos_chat_1min`) or hostile (`neg_chat_1min`) words in chat in the first minute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TeamScenario {
    /// The scenario: `first_blood`, `courier_kill`, `pos_chat_1min` or `neg_chat_1min`.
    #[serde(default, with = "crate::de::lenient")]
    pub scenario: Option<String>,
    /// Whether the team that caused the event was Radiant.
    #[serde(default, with = "crate::de::lenient")]
    pub is_radiant: Option<bool>,
    /// The region the matches were played in.
    #[serde(default, with = "crate::de::lenient")]
    pub region: Option<Region>,
    /// Matches where it happened.
    #[serde(default, with = "crate::de::lenient")]
    pub games: Option<u64>,
    /// Of those, matches the team that caused the event won.
    #[serde(default, with = "crate::de::lenient")]
    pub wins: Option<u64>,
}

impl TeamScenario {
    /// Win rate (0–1).
    ///
    /// ```
    /// use opendota_sdk::models::scenarios::TeamScenario;
    ///
    /// let row: TeamScenario = serde_json::from_str(r#"{"scenario": "first_blood", "games": 2, "wins": 1}"#)?;
    /// assert_eq!(row.win_rate(), Some(0.5));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn win_rate(&self) -> Option<f64> {
        win_rate(self.wins, self.games)
    }
}
