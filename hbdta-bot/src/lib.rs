//! The hbdta bot: a chat bot that answers Dota 2 players' stats from OpenDota. One conversation,
//! many faces.
//!
//! How a message flows, and where each step lives:
//!
//! ```text
//! platform webhook ──► Job ──► Dispatcher ──► Handoff ──► Answerer ──► Conversation ──► Outbox
//! platform/<name>.rs  job.rs   dispatch.rs   workers.rs   answer.rs   conversation/   platform/<name>.rs
//!                              (claims in    answer::Inline            (Person, memory
//!                               the store)   lambda::invoke             from the store)
//! ```
//!
//! - [`config`]: every setting, one typed struct, one loader.
//! - [`app`]: the composition root, built once and used by every face; [`http`]: the one HTTP
//!   client (TLS roots read at the first handshake, not at start-up).
//! - [`router`]: `/healthz` plus the routes each enabled platform contributes.
//! - [`conversation`]: `(Person, Incoming) → Answer`, platform-neutral; [`stats`]: OpenDota
//!   lookups and caches; [`cards`]: the answers' pictures drawn as PNG and served at `/cards/`.
//! - [`job`], [`dispatch`], [`answer`], [`workers`]: a message from acceptance to answer.
//! - [`platform`]: the boundary; one module per platform ([`platform::messenger`],
//!   [`platform::telegram`]) plus the terminal renderer.
//! - [`store`]: what the bot remembers ([`store::Store`], [`store::Claims`]): SQLite, DynamoDB or memory.
//! - Faces: [`server`], [`poll`] (Telegram long polling), `lambda` (feature `lambda`: the AWS Lambda runtime and `Invoke`), [`dev`]
//!   (a local chat page standing in for Messenger); `ask` is in `main.rs`.
//!
//! A new platform or store is a new file in [`platform`] or [`store`], registered in [`app`].

pub mod answer;
pub mod app;
mod aws;
pub mod cards;
pub mod config;
pub mod conversation;
pub mod dev;
pub mod dispatch;
pub mod http;
pub mod job;
#[cfg(feature = "lambda")]
pub mod lambda;
pub mod platform;
pub mod poll;
pub mod router;
pub mod server;
pub mod stats;
pub mod store;
pub mod workers;
