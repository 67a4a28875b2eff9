//! The platform boundary. A chat platform (Messenger, Telegram) is one module here that implements
//! [`Platform`]: the routes its webhook needs (turning its events into [`Job`](crate::job::Job)s
//! for the dispatcher) and an [`Outbox`] that turns the conversation's neutral
//! [`Reply`]s into its own messages, fitted to its own limits. Nothing outside this folder knows
//! a platform's wire types or limits.
//!
//! - [`messenger`]: the Messenger webhook and Send API.
//! - [`telegram`]: the Telegram webhook and Bot API (long polling is the `poll` face).
//! - [`terminal`]: the `ask` command's renderer for a terminal.

pub mod messenger;
pub mod telegram;
pub mod terminal;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use axum::Router;

use crate::conversation::Reply;
use crate::dispatch::Dispatcher;
pub use crate::job::Address;
use crate::store::Store;

/// Sends answers to one platform's chats.
#[async_trait]
pub trait Outbox: Send + Sync + fmt::Debug {
    /// Before the answer is worked out: the platform's "seen" and "typing" signals, where it has
    /// them. Failures are logged, never fatal.
    async fn acknowledge(&self, chat: &str);

    /// Sends `replies` to `chat` in order, each fitted to the platform's limits, the first quoting
    /// message `reply_to` where the platform can ([`Job::reply_to`](crate::job::Job::reply_to));
    /// stops at the first that fails (logging why). Returns how many were sent.
    async fn deliver(&self, chat: &str, reply_to: Option<&str>, replies: Vec<Reply>) -> usize;
}

/// What a platform's routes work with: the dispatcher that takes what people send, and the
/// store (for the platform's data deletion requests, say).
#[derive(Debug, Clone)]
pub struct Inbound {
    /// Takes the jobs of a webhook.
    pub dispatcher: Dispatcher,
    /// Memory, log and claims.
    pub store: Arc<dyn Store>,
}

/// A chat platform the bot is reachable on.
pub trait Platform: Send + Sync + fmt::Debug {
    /// Its name in addresses, person ids and de-duplication keys (`messenger`).
    fn name(&self) -> &'static str;

    /// The routes it serves (its webhook), handing what people send to `inbound`'s dispatcher.
    fn routes(&self, inbound: Inbound) -> Router;

    /// Where answers to its chats go.
    fn outbox(&self) -> Arc<dyn Outbox>;
}

/// The outboxes of the enabled platforms, by platform name. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Outboxes(Arc<HashMap<String, Arc<dyn Outbox>>>);

impl Outboxes {
    /// The outboxes of `platforms`.
    #[must_use]
    pub fn of(platforms: &[Arc<dyn Platform>]) -> Self {
        Self(Arc::new(
            platforms
                .iter()
                .map(|p| (p.name().to_owned(), p.outbox()))
                .collect(),
        ))
    }

    /// The outbox for `address`'s platform, if it is enabled here.
    #[must_use]
    pub fn get(&self, address: &Address) -> Option<&Arc<dyn Outbox>> {
        self.0.get(&address.platform)
    }
}
