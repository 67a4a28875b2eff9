//! Response models, one module per API resource (beside [`crate::api`]), plus the shared
//! [`enums`].
//!
//! Every model is `#[non_exhaustive]` and tolerant: fields the API may omit or null are
//! `Option`s, numbers decode from numbers or numeric strings, lists from lists or (in the 2018
//! form) comma-joined strings, and unknown keys are ignored.

pub mod constants;
pub mod enums;
pub mod explorer;
pub mod heroes;
pub mod leagues;
pub mod live;
pub mod matches;
pub mod metadata;
pub mod players;
pub mod pro_players;
pub mod records;
pub mod request;
pub mod scenarios;
pub mod search;
pub mod teams;

/// `#[serde(default, with = "crate::models::zero_is_none")]`: a lenient optional team or league
/// id where OpenDota writes `0` for "no team" or "no league" (a matchmaking game's `leagueid`,
/// a live game's `league_id`). Only on fields where real answers show that `0`; a required id
/// keeps it (`/leagues` lists a league whose id is `0`).
pub(crate) mod zero_is_none {
    use serde::{Deserializer, Serialize, Serializer};

    use crate::de::Lenient;
    use crate::ids::{LeagueId, TeamId};

    /// An id type whose `0` can mean "none".
    pub(crate) trait ZeroId: Lenient {
        fn is_zero(&self) -> bool;
    }

    impl ZeroId for TeamId {
        fn is_zero(&self) -> bool {
            self.0 == 0
        }
    }

    impl ZeroId for LeagueId {
        fn is_zero(&self) -> bool {
            self.0 == 0
        }
    }

    pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: ZeroId,
    {
        let id = <Option<T> as Lenient>::deserialize_lenient(deserializer)?;
        Ok(id.filter(|id| !id.is_zero()))
    }

    pub(crate) fn serialize<S, T>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        value.serialize(serializer)
    }
}
