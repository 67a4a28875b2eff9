//! Newtype ids, SteamID64 conversion and profile-link parsing.
//!
//! Every id accepts both the number and the string form on the wire (OpenDota has sent both) and
//! serializes as a number.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::de::Lenient;

/// What must be added to a 32-bit account id to get the SteamID64 of the same account.
///
/// ```
/// use opendota_sdk::{AccountId, STEAM_ID64_OFFSET};
///
/// assert_eq!(AccountId(1).steam_id64(), STEAM_ID64_OFFSET + 1);
/// ```
pub const STEAM_ID64_OFFSET: u64 = 76_561_197_960_265_728;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident($inner:ty)) => {
        id_type!($(#[$meta])* $name($inner), none_at_zero = false);
    };
    ($(#[$meta:meta])* $name:ident($inner:ty), none_at_zero = $zero:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub $inner);

        impl $name {
            /// The raw number.
            ///
            #[doc = concat!(
                "```\n",
                "use opendota_sdk::", stringify!($name), ";\n\n",
                "assert_eq!(", stringify!($name), "(7).get(), 7);\n",
                "```",
            )]
            #[must_use]
            pub const fn get(self) -> $inner {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<$inner> for $name {
            fn from(value: $inner) -> Self {
                Self(value)
            }
        }

        impl From<$name> for $inner {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: Deserializer<'de>,
            {
                <$inner as Lenient>::deserialize_lenient(deserializer).map(Self)
            }
        }

        impl Lenient for $name {
            fn deserialize_lenient<'de, D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: Deserializer<'de>,
            {
                <Self as Deserialize>::deserialize(deserializer)
            }

            fn is_none_sentinel(v: i64) -> bool {
                ($zero && v == 0) || <$inner as Lenient>::is_none_sentinel(v)
            }
        }
    };
}

id_type!(
    /// A player's 32-bit Steam account id (the "friend id"), as OpenDota uses it.
    ///
    /// ```
    /// use opendota_sdk::AccountId;
    ///
    /// let id = AccountId(86_745_912);
    /// assert_eq!(id.steam_id64(), 76_561_198_047_011_640);
    /// assert_eq!(AccountId::from_steam_id64(76_561_198_047_011_640), Some(id));
    /// ```
    AccountId(u32)
);
id_type!(
    /// A match id. Already past 2³² today, so 64-bit.
    MatchId(u64)
);
id_type!(
    /// A hero id (`1` is Anti-Mage). See [`crate::models::constants::HeroCatalog`] for names.
    ///
    /// Where a hero id is optional (`Option<HeroId>`), OpenDota's `0` ("no hero", a player who
    /// never picked) and `-1` read as `None`.
    HeroId(u16),
    none_at_zero = true
);
id_type!(
    /// A professional team id.
    TeamId(u64)
);
id_type!(
    /// A league (tournament) id.
    LeagueId(u32)
);

impl AccountId {
    /// The SteamID64 of this account (`account id + 76561197960265728`).
    ///
    /// ```
    /// use opendota_sdk::AccountId;
    ///
    /// assert_eq!(AccountId(86_745_912).steam_id64(), 76_561_198_047_011_640);
    /// ```
    #[must_use]
    pub const fn steam_id64(self) -> u64 {
        self.0 as u64 + STEAM_ID64_OFFSET
    }

    /// The account of a SteamID64, or `None` when the number is not an individual account's
    /// SteamID64.
    ///
    /// ```
    /// use opendota_sdk::AccountId;
    ///
    /// assert_eq!(AccountId::from_steam_id64(76_561_198_047_011_640), Some(AccountId(86_745_912)));
    /// assert_eq!(AccountId::from_steam_id64(86_745_912), None);
    /// ```
    #[must_use]
    pub fn from_steam_id64(steam_id64: u64) -> Option<Self> {
        steam_id64
            .checked_sub(STEAM_ID64_OFFSET)
            .and_then(|n| u32::try_from(n).ok())
            .map(Self)
    }

    /// The player's page on OpenDota.
    ///
    /// ```
    /// use opendota_sdk::AccountId;
    ///
    /// assert_eq!(AccountId(86745912).opendota_url(), "https://www.opendota.com/players/86745912");
    /// ```
    #[must_use]
    pub fn opendota_url(self) -> String {
        format!("https://www.opendota.com/players/{}", self.0)
    }

    /// Reads an account from what a person would type: a 32-bit account id, a SteamID64, or a
    /// profile link on OpenDota, Dotabuff, STRATZ or Steam community (`/profiles/<SteamID64>`).
    /// A link may come without its scheme (`dotabuff.com/players/86745912`).
    ///
    /// ```
    /// use opendota_sdk::{AccountId, ParseAccountIdError};
    ///
    /// assert_eq!(AccountId::parse("86745912"), Ok(AccountId(86745912)));
    /// assert_eq!(AccountId::parse("76561198047011640"), Ok(AccountId(86745912)));
    /// assert_eq!(
    ///     AccountId::parse("https://www.dotabuff.com/players/86745912/matches"),
    ///     Ok(AccountId(86745912))
    /// );
    /// assert_eq!(
    ///     AccountId::parse("https://steamcommunity.com/profiles/76561198047011640/"),
    ///     Ok(AccountId(86745912))
    /// );
    /// assert_eq!(AccountId::parse("Miracle-"), Err(ParseAccountIdError::NotAnAccount));
    /// ```
    ///
    /// # Errors
    ///
    /// [`ParseAccountIdError::NotAnAccount`] when the text is neither a number nor a profile link
    /// (treat it as a name to search for); the other variants explain why a number or link was
    /// not usable.
    pub fn parse(input: &str) -> Result<Self, ParseAccountIdError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(ParseAccountIdError::NotAnAccount);
        }
        if input.bytes().all(|b| b.is_ascii_digit()) {
            return Self::from_number_text(input);
        }
        Self::from_profile_url(input)
    }

    fn from_number_text(digits: &str) -> Result<Self, ParseAccountIdError> {
        let n: u64 = digits
            .parse()
            .map_err(|_| ParseAccountIdError::OutOfRange(digits.to_owned()))?;
        if let Ok(small) = u32::try_from(n) {
            return Ok(Self(small));
        }
        Self::from_steam_id64(n).ok_or_else(|| ParseAccountIdError::OutOfRange(digits.to_owned()))
    }

    /// Reads an account from a profile link (see [`AccountId::parse`]).
    ///
    /// ```
    /// use opendota_sdk::{AccountId, ParseAccountIdError};
    ///
    /// assert_eq!(
    ///     AccountId::from_profile_url("stratz.com/players/86745912"),
    ///     Ok(AccountId(86745912))
    /// );
    /// assert!(matches!(
    ///     AccountId::from_profile_url("https://steamcommunity.com/id/someone"),
    ///     Err(ParseAccountIdError::VanityUrl(_))
    /// ));
    /// ```
    ///
    /// # Errors
    ///
    /// [`ParseAccountIdError::NotAnAccount`] for text that is not a known profile link,
    /// [`ParseAccountIdError::VanityUrl`] for a `steamcommunity.com/id/<name>` link (resolving it
    /// needs the Steam Web API), [`ParseAccountIdError::OutOfRange`] for a number that is no account.
    pub fn from_profile_url(input: &str) -> Result<Self, ParseAccountIdError> {
        let input = input.trim();
        let with_scheme;
        let text = if input.contains("://") {
            input
        } else {
            with_scheme = format!("https://{input}");
            &with_scheme
        };
        let url = url::Url::parse(text).map_err(|_| ParseAccountIdError::NotAnAccount)?;
        let host = url.host_str().ok_or(ParseAccountIdError::NotAnAccount)?;
        let host = host.strip_prefix("www.").unwrap_or(host);
        let segments: Vec<&str> = url
            .path_segments()
            .map(|s| s.filter(|p| !p.is_empty()).collect())
            .unwrap_or_default();
        match (host, segments.as_slice()) {
            ("opendota.com" | "dotabuff.com" | "stratz.com", ["players" | "player", id, ..])
            | ("stratz.com", [_, "players" | "player", id, ..])
                if is_digits(id) =>
            {
                Self::from_number_text(id)
            }
            ("steamcommunity.com", ["profiles", id, ..]) if is_digits(id) => {
                Self::from_number_text(id)
            }
            ("steamcommunity.com", ["id", name, ..]) => {
                Err(ParseAccountIdError::VanityUrl((*name).to_owned()))
            }
            _ => Err(ParseAccountIdError::NotAnAccount),
        }
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl FromStr for AccountId {
    type Err = ParseAccountIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Why a text could not be read as an account.
///
/// ```
/// use opendota_sdk::{AccountId, ParseAccountIdError};
///
/// assert_eq!(AccountId::parse("Arteezy"), Err(ParseAccountIdError::NotAnAccount));
/// assert!(matches!(
///     AccountId::parse("99999999999999999999"),
///     Err(ParseAccountIdError::OutOfRange(_))
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseAccountIdError {
    /// Neither a number nor a known profile link: most likely a name to search for.
    #[error("not an account id, SteamID64 or profile link")]
    NotAnAccount,
    /// A number that is neither a 32-bit account id nor an individual SteamID64.
    #[error("{0} is neither a 32-bit account id nor a SteamID64")]
    OutOfRange(String),
    /// A Steam custom URL (`steamcommunity.com/id/<name>`), which only the Steam Web API resolves.
    #[error(
        "steamcommunity.com/id/{0} is a custom Steam URL; use the /profiles/<SteamID64> link or the account id"
    )]
    VanityUrl(String),
}

macro_rules! from_str_number {
    ($($name:ident($inner:ty)),*) => {$(
        impl FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map(Self)
            }
        }
    )*};
}
from_str_number!(MatchId(u64), HeroId(u16), TeamId(u64), LeagueId(u32));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steam_id64_round_trip_and_bounds() {
        let id = AccountId(1);
        assert_eq!(id.steam_id64(), STEAM_ID64_OFFSET + 1);
        assert_eq!(
            AccountId::from_steam_id64(STEAM_ID64_OFFSET),
            Some(AccountId(0))
        );
        assert_eq!(AccountId::from_steam_id64(42), None);
        assert_eq!(
            AccountId::from_steam_id64(STEAM_ID64_OFFSET + u64::from(u32::MAX) + 1),
            None
        );
    }

    #[test]
    fn parses_every_profile_link_kind() {
        let want = Ok(AccountId(111_620_041));
        for link in [
            "https://www.opendota.com/players/111620041",
            "opendota.com/players/111620041/heroes",
            "https://www.dotabuff.com/players/111620041",
            "http://dotabuff.com/players/111620041/matches?enhance=overview",
            "https://stratz.com/players/111620041",
            "https://stratz.com/en-us/players/111620041",
            "https://steamcommunity.com/profiles/76561198071885769",
            "steamcommunity.com/profiles/76561198071885769/",
            "  111620041 ",
            "76561198071885769",
        ] {
            assert_eq!(AccountId::parse(link), want, "{link}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_account() {
        assert_eq!(
            AccountId::parse("Miracle-"),
            Err(ParseAccountIdError::NotAnAccount)
        );
        assert_eq!(AccountId::parse(""), Err(ParseAccountIdError::NotAnAccount));
        assert_eq!(
            AccountId::parse("https://example.com/players/1"),
            Err(ParseAccountIdError::NotAnAccount)
        );
        assert_eq!(
            AccountId::parse("https://steamcommunity.com/id/gabelogannewell"),
            Err(ParseAccountIdError::VanityUrl("gabelogannewell".to_owned()))
        );
        assert!(matches!(
            AccountId::parse("99999999999"),
            Err(ParseAccountIdError::OutOfRange(_))
        ));
        assert!(matches!(
            AccountId::parse("999999999999999999999999"),
            Err(ParseAccountIdError::OutOfRange(_))
        ));
    }

    #[test]
    fn ids_decode_from_numbers_and_strings() {
        let a: HeroId = serde_json::from_str("\"42\"").expect("string id");
        let b: HeroId = serde_json::from_str("42").expect("number id");
        assert_eq!(a, b);
        assert_eq!(serde_json::to_string(&a).expect("encodes"), "42");
        let m: MatchId = serde_json::from_str("\"4096120529\"").expect("string match id");
        assert_eq!(m, MatchId(4_096_120_529));
    }
}
