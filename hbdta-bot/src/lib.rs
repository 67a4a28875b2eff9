//! The hbdta bot: a Messenger bot that answers Dota 2 players' stats from OpenDota.
//!
//! - [`conversation`]: what a person sent in, the replies out (no Messenger or HTTP inside).
//! - [`stats`]: OpenDota lookups with caching.
//! - [`server`]: the axum router (`/webhook`, `/healthz`).
//! - [`workers`]: background answering, in order per person, duplicates once.
//! - [`config`]: settings from flags and the environment.
//! - [`lambda`]: the same router and workers on AWS Lambda (HTTP events, worker invocations).
//! - [`dev`]: `hbdta-bot dev`, the bot with a stand-in for Messenger and a web chat page.

pub mod config;
pub mod conversation;
pub mod dev;
pub mod lambda;
pub mod server;
pub mod stats;
pub mod workers;
