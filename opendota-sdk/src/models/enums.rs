//! Numeric code enums shared by many endpoints: game mode, lobby type, region, lane role, lane.
//!
//! Each keeps values it does not know in an `Unknown(n)` arm, so a new game mode never breaks
//! decoding and round-trips unchanged. They decode from numbers and numeric strings alike.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::de::Lenient;

macro_rules! code_enum {
    // The first variant also feeds the doc examples of `code` and `label`.
    (
        $(#[$meta:meta])*
        $name:ident($repr:ty) {
            $(#[$fmeta:meta])* $first:ident = $fvalue:literal => $flabel:literal,
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal => $label:literal, )*
        }
    ) => {
        code_enum! {
            @example($first, $fvalue, $flabel)
            $(#[$meta])*
            $name($repr) {
                $(#[$fmeta])* $first = $fvalue => $flabel,
                $( $(#[$vmeta])* $variant = $value => $label, )*
            }
        }
    };
    (
        @example($first:ident, $fvalue:literal, $flabel:literal)
        $(#[$meta:meta])*
        $name:ident($repr:ty) {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal => $label:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the SDK does not know; kept as sent.
            Unknown($repr),
        }

        impl $name {
            /// The numeric code the API uses.
            ///
            #[doc = concat!(
                "```\n",
                "use opendota_sdk::", stringify!($name), ";\n\n",
                "assert_eq!(", stringify!($name), "::", stringify!($first), ".code(), ", stringify!($fvalue), ");\n",
                "assert_eq!(", stringify!($name), "::from(", stringify!($fvalue), "), ", stringify!($name), "::", stringify!($first), ");\n",
                "assert_eq!(", stringify!($name), "::Unknown(200).code(), 200);\n",
                "```",
            )]
            #[must_use]
            pub const fn code(self) -> $repr {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Unknown(n) => n,
                }
            }

            /// A human-readable name (`"All Pick"`), or `None` for an unknown code.
            ///
            #[doc = concat!(
                "```\n",
                "use opendota_sdk::", stringify!($name), ";\n\n",
                "assert_eq!(", stringify!($name), "::", stringify!($first), ".label(), Some(", stringify!($flabel), "));\n",
                "assert_eq!(", stringify!($name), "::Unknown(200).label(), None);\n",
                "```",
            )]
            #[must_use]
            pub const fn label(self) -> Option<&'static str> {
                match self {
                    $( Self::$variant => Some($label), )*
                    Self::Unknown(_) => None,
                }
            }
        }

        impl From<$repr> for $name {
            fn from(value: $repr) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    n => Self::Unknown(n),
                }
            }
        }

        impl From<$name> for $repr {
            fn from(value: $name) -> Self {
                value.code()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.label() {
                    Some(label) => f.write_str(label),
                    None => write!(f, "{} {}", stringify!($name), self.code()),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: Serializer,
            {
                self.code().serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: Deserializer<'de>,
            {
                <$repr as Lenient>::deserialize_lenient(deserializer).map(Self::from)
            }
        }

        crate::de::lenient_via_deserialize!($name);
    };
}

code_enum! {
    /// The game mode of a match (`game_mode`), as in the `game_mode` constants.
    GameMode(u8) {
        /// Unknown or not recorded.
        Unspecified = 0 => "Unknown",
        /// All Pick.
        AllPick = 1 => "All Pick",
        /// Captains Mode.
        CaptainsMode = 2 => "Captains Mode",
        /// Random Draft.
        RandomDraft = 3 => "Random Draft",
        /// Single Draft.
        SingleDraft = 4 => "Single Draft",
        /// All Random.
        AllRandom = 5 => "All Random",
        /// Intro.
        Intro = 6 => "Intro",
        /// Diretide.
        Diretide = 7 => "Diretide",
        /// Reverse Captains Mode.
        ReverseCaptainsMode = 8 => "Reverse Captains Mode",
        /// Greeviling.
        Greeviling = 9 => "Greeviling",
        /// Tutorial.
        Tutorial = 10 => "Tutorial",
        /// Mid Only.
        MidOnly = 11 => "Mid Only",
        /// Least Played.
        LeastPlayed = 12 => "Least Played",
        /// Limited Heroes.
        LimitedHeroes = 13 => "Limited Heroes",
        /// Compendium Matchmaking.
        CompendiumMatchmaking = 14 => "Compendium Matchmaking",
        /// Custom.
        Custom = 15 => "Custom",
        /// Captains Draft.
        CaptainsDraft = 16 => "Captains Draft",
        /// Balanced Draft.
        BalancedDraft = 17 => "Balanced Draft",
        /// Ability Draft.
        AbilityDraft = 18 => "Ability Draft",
        /// Event.
        Event = 19 => "Event",
        /// All Random Death Match.
        AllRandomDeathMatch = 20 => "All Random Death Match",
        /// 1v1 Mid.
        OneVOneMid = 21 => "1v1 Mid",
        /// All Draft (ranked All Pick).
        AllDraft = 22 => "All Draft",
        /// Turbo.
        Turbo = 23 => "Turbo",
        /// Mutation.
        Mutation = 24 => "Mutation",
        /// Coaches Challenge.
        CoachesChallenge = 25 => "Coaches Challenge",
    }
}

code_enum! {
    /// The lobby type of a match (`lobby_type`), as in the `lobby_type` constants.
    LobbyType(u8) {
        /// Normal (unranked matchmaking).
        Normal = 0 => "Normal",
        /// Practice lobby.
        Practice = 1 => "Practice",
        /// Tournament.
        Tournament = 2 => "Tournament",
        /// Tutorial.
        Tutorial = 3 => "Tutorial",
        /// Co-op with bots.
        CoopBots = 4 => "Co-op Bots",
        /// Ranked team matchmaking (legacy).
        RankedTeamMm = 5 => "Ranked Team MM",
        /// Ranked solo matchmaking (legacy).
        RankedSoloMm = 6 => "Ranked Solo MM",
        /// Ranked.
        Ranked = 7 => "Ranked",
        /// 1v1 Mid.
        OneVOneMid = 8 => "1v1 Mid",
        /// Battle Cup.
        BattleCup = 9 => "Battle Cup",
        /// Local bots.
        LocalBots = 10 => "Local Bots",
        /// Spectator.
        Spectator = 11 => "Spectator",
        /// Event.
        Event = 12 => "Event",
        /// Gauntlet.
        Gauntlet = 13 => "Gauntlet",
        /// New player pool.
        NewPlayer = 14 => "New Player",
        /// Featured.
        Featured = 15 => "Featured",
    }
}

code_enum! {
    /// A server region (`region`), as in the `region` constants.
    Region(u8) {
        /// US West.
        UsWest = 1 => "US West",
        /// US East.
        UsEast = 2 => "US East",
        /// Europe West.
        Europe = 3 => "Europe",
        /// Singapore.
        Singapore = 5 => "Singapore",
        /// Dubai.
        Dubai = 6 => "Dubai",
        /// Australia.
        Australia = 7 => "Australia",
        /// Stockholm.
        Stockholm = 8 => "Stockholm",
        /// Austria.
        Austria = 9 => "Austria",
        /// Brazil.
        Brazil = 10 => "Brazil",
        /// South Africa.
        SouthAfrica = 11 => "South Africa",
        /// Perfect World Telecom Shanghai.
        PwTelecomShanghai = 12 => "PW Telecom Shanghai",
        /// Perfect World Unicom.
        PwUnicom = 13 => "PW Unicom",
        /// Chile.
        Chile = 14 => "Chile",
        /// Peru.
        Peru = 15 => "Peru",
        /// India.
        India = 16 => "India",
        /// Perfect World Telecom Guangdong.
        PwTelecomGuangdong = 17 => "PW Telecom Guangdong",
        /// Perfect World Telecom Zhejiang.
        PwTelecomZhejiang = 18 => "PW Telecom Zhejiang",
        /// Japan.
        Japan = 19 => "Japan",
        /// Perfect World Telecom Wuhan.
        PwTelecomWuhan = 20 => "PW Telecom Wuhan",
        /// Perfect World Unicom Tianjin.
        PwUnicomTianjin = 25 => "PW Unicom Tianjin",
        /// Taiwan.
        Taiwan = 37 => "Taiwan",
        /// Argentina.
        Argentina = 38 => "Argentina",
    }
}

code_enum! {
    /// The role a player took in the laning phase (`lane_role`).
    LaneRole(u8) {
        /// Safe lane.
        Safe = 1 => "Safe Lane",
        /// Mid lane.
        Mid = 2 => "Mid Lane",
        /// Off lane.
        Off = 3 => "Off Lane",
        /// Jungle.
        Jungle = 4 => "Jungle",
    }
}

code_enum! {
    /// The map lane a player stood in (`lane`), by position rather than role.
    Lane(u8) {
        /// Bottom lane.
        Bottom = 1 => "Bottom",
        /// Middle lane.
        Middle = 2 => "Middle",
        /// Top lane.
        Top = 3 => "Top",
        /// Radiant jungle.
        RadiantJungle = 4 => "Radiant Jungle",
        /// Dire jungle.
        DireJungle = 5 => "Dire Jungle",
    }
}

code_enum! {
    /// Whether a player stayed to the end (`leaver_status`).
    LeaverStatus(u8) {
        /// Stayed.
        None = 0 => "None",
        /// Disconnected, then came back in time.
        Disconnected = 1 => "Disconnected",
        /// Disconnected too long.
        DisconnectedTooLong = 2 => "Disconnected Too Long",
        /// Abandoned.
        Abandoned = 3 => "Abandoned",
        /// AFK.
        Afk = 4 => "AFK",
        /// Never connected.
        NeverConnected = 5 => "Never Connected",
        /// Never connected before the timeout.
        NeverConnectedTooLong = 6 => "Never Connected Too Long",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_codes_round_trip() {
        let mode: GameMode = serde_json::from_str("23").expect("number");
        assert_eq!(mode, GameMode::Turbo);
        assert_eq!(mode.to_string(), "Turbo");
        let new: GameMode = serde_json::from_str("\"99\"").expect("string");
        assert_eq!(new, GameMode::Unknown(99));
        assert_eq!(serde_json::to_string(&new).expect("encodes"), "99");
        assert_eq!(new.to_string(), "GameMode 99");
        assert_eq!(LobbyType::from(7), LobbyType::Ranked);
        assert_eq!(u8::from(Region::Europe), 3);
        assert_eq!(LaneRole::from(2).label(), Some("Mid Lane"));
    }
}
