#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod api;
mod client;
mod de;
mod error;
mod filters;
mod ids;
pub mod models;
mod rank;
mod rate_limit;
mod retry;
mod unknown_fields;

pub use client::{
    Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
};
pub use error::{Error, Result};
pub use filters::PlayerFilters;
pub use ids::{
    AccountId, HeroId, LeagueId, MatchId, ParseAccountIdError, STEAM_ID64_OFFSET, TeamId,
};
pub use models::enums::{GameMode, Lane, LaneRole, LeaverStatus, LobbyType, Region};
pub use rank::{Medal, RankTier};
pub use rate_limit::{FREE_PER_MINUTE, KEYED_PER_MINUTE, RateLimit, RateLimitStatus};
pub use retry::RetryConfig;
pub use unknown_fields::unknown_fields;
