//! Models of `GET /records/{field}`.

use serde::{Deserialize, Serialize};

use crate::ids::{HeroId, MatchId};

/// One of the top 100 performances in a stat, as returned by
/// [`Client::records`](crate::Client::records) (`RecordsResponse`).
///
/// Every value was a string in 2018 answers (`"match_id": "4096120529"`) and is a number (or
/// `null` when the server could not read it) today; both decode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// The match.
    #[serde(default, with = "crate::de::lenient")]
    pub match_id: Option<MatchId>,
    /// Match start, Unix seconds.
    #[serde(default, with = "crate::de::lenient")]
    pub start_time: Option<i64>,
    /// The hero who set the record.
    #[serde(default, with = "crate::de::lenient")]
    pub hero_id: Option<HeroId>,
    /// The record value (kills, gold per minute, duration in seconds …).
    #[serde(default, with = "crate::de::lenient")]
    pub score: Option<i64>,
}
