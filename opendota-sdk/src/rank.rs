//! Seasonal rank medals: decoding `rank_tier` (e.g. `54` → Legend 4, `80` → Immortal).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::de::Lenient;

/// A player's `rank_tier`: the tens digit is the medal, the units digit the stars (0–5).
///
/// ```
/// use opendota_sdk::{Medal, RankTier};
///
/// let tier = RankTier(54);
/// assert_eq!(tier.medal(), Medal::Legend);
/// assert_eq!(tier.stars(), Some(4));
/// assert_eq!(tier.to_string(), "Legend 4");
/// assert_eq!(RankTier(80).describe(Some(32)), "Immortal #32");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RankTier(pub u8);

/// The rank medals, lowest first.
///
/// ```
/// use opendota_sdk::{Medal, RankTier};
///
/// assert!(Medal::Herald < Medal::Immortal);
/// assert_eq!(RankTier(75).medal(), Medal::Divine);
/// assert_eq!(Medal::Divine.to_string(), "Divine");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Medal {
    /// Herald (tier 1).
    Herald,
    /// Guardian (tier 2).
    Guardian,
    /// Crusader (tier 3).
    Crusader,
    /// Archon (tier 4).
    Archon,
    /// Legend (tier 5).
    Legend,
    /// Ancient (tier 6).
    Ancient,
    /// Divine (tier 7).
    Divine,
    /// Immortal (tier 8).
    Immortal,
    /// A tier this SDK does not know (`0` is "uncalibrated").
    Unknown(u8),
}

impl Medal {
    /// The medal's tier number (1 Herald … 8 Immortal; the raw number for unknown tiers).
    ///
    /// ```
    /// use opendota_sdk::Medal;
    ///
    /// assert_eq!(Medal::Legend.tier(), 5);
    /// assert_eq!(Medal::Unknown(0).tier(), 0);
    /// ```
    #[must_use]
    pub const fn tier(self) -> u8 {
        match self {
            Self::Herald => 1,
            Self::Guardian => 2,
            Self::Crusader => 3,
            Self::Archon => 4,
            Self::Legend => 5,
            Self::Ancient => 6,
            Self::Divine => 7,
            Self::Immortal => 8,
            Self::Unknown(n) => n,
        }
    }

    /// The medal's English name.
    ///
    /// ```
    /// use opendota_sdk::Medal;
    ///
    /// assert_eq!(Medal::Divine.name(), "Divine");
    /// assert_eq!(Medal::Unknown(0).name(), "Unranked");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Herald => "Herald",
            Self::Guardian => "Guardian",
            Self::Crusader => "Crusader",
            Self::Archon => "Archon",
            Self::Legend => "Legend",
            Self::Ancient => "Ancient",
            Self::Divine => "Divine",
            Self::Immortal => "Immortal",
            Self::Unknown(_) => "Unranked",
        }
    }
}

impl fmt::Display for Medal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl RankTier {
    /// The medal (tens digit).
    ///
    /// ```
    /// use opendota_sdk::{Medal, RankTier};
    ///
    /// assert_eq!(RankTier(54).medal(), Medal::Legend);
    /// assert_eq!(RankTier(3).medal(), Medal::Unknown(0));
    /// ```
    #[must_use]
    pub const fn medal(self) -> Medal {
        match self.0 / 10 {
            1 => Medal::Herald,
            2 => Medal::Guardian,
            3 => Medal::Crusader,
            4 => Medal::Archon,
            5 => Medal::Legend,
            6 => Medal::Ancient,
            7 => Medal::Divine,
            8 => Medal::Immortal,
            n => Medal::Unknown(n),
        }
    }

    /// The stars within the medal (1–5), or `None` for Immortal (which has a leaderboard rank
    /// instead), for 0 stars, and for unknown tiers.
    ///
    /// ```
    /// use opendota_sdk::RankTier;
    ///
    /// assert_eq!(RankTier(54).stars(), Some(4));
    /// assert_eq!(RankTier(80).stars(), None);
    /// ```
    #[must_use]
    pub const fn stars(self) -> Option<u8> {
        match (self.medal(), self.0 % 10) {
            (Medal::Immortal | Medal::Unknown(_), _) | (_, 0) => None,
            (_, n) if n <= 5 => Some(n),
            _ => None,
        }
    }

    /// `"Legend 4"`, `"Immortal"`, or `"Immortal #32"` when the leaderboard rank is known.
    ///
    /// ```
    /// use opendota_sdk::RankTier;
    ///
    /// assert_eq!(RankTier(54).describe(None), "Legend 4");
    /// assert_eq!(RankTier(80).describe(None), "Immortal");
    /// assert_eq!(RankTier(80).describe(Some(32)), "Immortal #32");
    /// ```
    #[must_use]
    pub fn describe(self, leaderboard_rank: Option<u32>) -> String {
        match (self.medal(), leaderboard_rank) {
            (Medal::Immortal, Some(rank)) if rank > 0 => format!("Immortal #{rank}"),
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for RankTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.stars() {
            Some(stars) => write!(f, "{} {stars}", self.medal()),
            None => write!(f, "{}", self.medal()),
        }
    }
}

impl From<u8> for RankTier {
    fn from(value: u8) -> Self {
        Self(value)
    }
}

impl<'de> Deserialize<'de> for RankTier {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        u8::deserialize_lenient(deserializer).map(Self)
    }
}

crate::de::lenient_via_deserialize!(RankTier);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_medal() {
        assert_eq!(RankTier(11).to_string(), "Herald 1");
        assert_eq!(RankTier(25).to_string(), "Guardian 5");
        assert_eq!(RankTier(54).to_string(), "Legend 4");
        assert_eq!(RankTier(70).to_string(), "Divine");
        assert_eq!(RankTier(80).to_string(), "Immortal");
        assert_eq!(RankTier(80).describe(Some(32)), "Immortal #32");
        assert_eq!(RankTier(80).describe(None), "Immortal");
        assert_eq!(RankTier(54).describe(Some(32)), "Legend 4");
        assert_eq!(RankTier(0).medal(), Medal::Unknown(0));
        assert_eq!(RankTier(0).to_string(), "Unranked");
        assert!(RankTier(80) > RankTier(75));
        assert_eq!(Medal::Legend.tier(), 5);
        assert_eq!(
            RankTier(Medal::Divine.tier() * 10 + 3).medal(),
            Medal::Divine
        );
    }
}
