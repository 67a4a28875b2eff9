//! What a picture shows, as plain data: the conversation decides what goes on a picture, and
//! [`crate::cards`] draws it (a PNG) for the platforms that can show one. No drawing here.

use serde::{Deserialize, Serialize};

/// A picture an answer comes with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Picture {
    /// A player's stats: name, rank, record, top heroes, recent results.
    Stats(StatsPicture),
    /// How a player's last match went.
    LastMatch(LastMatchPicture),
}

/// The stats picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsPicture {
    /// The player's name.
    pub name: String,
    /// The rank medal as words (`Immortal #32`, `Legend 4`, `Unranked`).
    pub rank: String,
    /// Games won.
    pub wins: u64,
    /// Games lost.
    pub losses: u64,
    /// The most played heroes, most first (at most five are drawn).
    pub heroes: Vec<HeroBar>,
    /// The latest results, newest first: `W` won, `L` lost, `-` unknown (at most 20 drawn).
    pub results: String,
}

/// One hero's bar on the stats picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeroBar {
    /// The hero's name.
    pub hero: String,
    /// Games on it.
    pub games: u32,
    /// Games won on it.
    pub wins: u32,
}

/// The last-match picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastMatchPicture {
    /// The player's name.
    pub name: String,
    /// The hero played.
    pub hero: String,
    /// Won, lost, or not known.
    pub won: Option<bool>,
    /// On the Radiant (`true`) or the Dire (`false`) side.
    pub radiant: Option<bool>,
    /// Kills, deaths and assists.
    pub kda: Option<[u32; 3]>,
    /// Length, mode and when, as one line (`30:00 · All Draft, Ranked · 2 h ago`).
    pub facts: String,
    /// GPM, XPM, last hits and hero damage, as one line.
    pub economy: String,
    /// The final items, by name (at most seven are drawn).
    pub items: Vec<String>,
}
