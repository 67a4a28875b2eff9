//! The composition root: everything the faces share, built once from a [`Config`] by
//! [`App::build`] (the HTTP client, the OpenDota client and caches, the conversation, the store,
//! the enabled platforms). Every face — the server, AWS Lambda, `dev`, `ask` — starts here and
//! adds only its own way of handing jobs over.
//!
//! ```text
//! main: CLI → config::load → App::build → one face
//!   App ─ stats ─ conversation ─ store ─ platforms (Messenger, Telegram)
//!   face: Dispatcher(store claims, its Handoff) → router(platforms) ; Answerer(conversation, store, outboxes)
//! ```

use std::sync::Arc;

use messenger_sdk::axum::WebhookConfig;
use secrecy::ExposeSecret;

use crate::answer::Answerer;
use crate::cards::Cards;
use crate::config::{Config, ConfigError};
use crate::conversation::{Conversation, Person};
use crate::dispatch::{Dispatcher, Handoff};
use crate::platform::messenger::Messenger;
use crate::platform::telegram::Telegram;
use crate::platform::{Outboxes, Platform};
use crate::stats::Stats;
use crate::store::{PersonId, Store, StoreError};

/// Why [`App::build`] failed; the binary exits with status 2 and this text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A setting is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The store cannot be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What every face shares. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    /// The one HTTP client (connection pool, TLS set-up) every API client sends through.
    pub http: reqwest::Client,
    /// OpenDota lookups and caches.
    pub stats: Stats,
    /// The conversation.
    pub conversation: Conversation,
    /// Memory, log and claims.
    pub store: Arc<dyn Store>,
    /// The enabled platforms.
    pub platforms: Vec<Arc<dyn Platform>>,
    /// Telegram, when enabled (also among `platforms`): `poll` and `telegram …` use it.
    pub telegram: Option<Telegram>,
    /// The answers' pictures, served at `/cards/` (the platforms built here hold the same).
    pub cards: Cards,
}

impl App {
    /// Builds everything `config` describes: Messenger is enabled when `config.messenger` is set,
    /// Telegram when `config.telegram` is (its webhook route only with a webhook secret).
    ///
    /// # Errors
    ///
    /// [`BuildError::Config`] when the TLS backend cannot be set up or a URL or version is
    /// unusable; [`BuildError::Store`] when the store cannot be opened.
    pub async fn build(config: &Config) -> Result<Self, BuildError> {
        let http = crate::http::client()?;
        let stats = Stats::new(config.opendota.client(&http)?);
        let store = crate::store::open(&config.store).await?;
        let cards = cards_of(config);
        let mut platforms: Vec<Arc<dyn Platform>> = Vec::new();
        if let Some(messenger) = &config.messenger {
            platforms.push(Arc::new(
                Messenger::new(
                    WebhookConfig::new(
                        messenger.app_secret.expose_secret(),
                        messenger.verify_token.expose_secret(),
                    ),
                    messenger.client(&http)?,
                )
                .public_url(messenger.public_url.clone())
                .cards(cards.clone()),
            ));
        }
        let telegram = match &config.telegram {
            Some(telegram) => Some(Telegram::from_config(telegram)?.cards(cards.clone())),
            None => None,
        };
        if let Some(telegram) = &telegram {
            platforms.push(Arc::new(telegram.clone()));
        }
        Ok(Self::new(http, stats, store, platforms)
            .telegram(telegram)
            .cards(cards))
    }

    /// With `cards` serving `/cards/` (the platforms should hold the same).
    #[must_use]
    pub fn cards(mut self, cards: Cards) -> Self {
        self.cards = cards;
        self
    }

    /// With `telegram` as the app's Telegram (tests pass one built on a fake Bot API; it should be
    /// among the platforms too).
    #[must_use]
    pub fn telegram(mut self, telegram: Option<Telegram>) -> Self {
        self.telegram = telegram;
        self
    }

    /// From parts already built (what [`build`](Self::build) ends with; tests pass fakes).
    #[must_use]
    pub fn new(
        http: reqwest::Client,
        stats: Stats,
        store: Arc<dyn Store>,
        platforms: Vec<Arc<dyn Platform>>,
    ) -> Self {
        Self {
            http,
            conversation: Conversation::new(stats.clone()),
            stats,
            store,
            platforms,
            telegram: None,
            cards: Cards::new(rand::random::<[u8; 32]>(), None),
        }
    }

    /// A dispatcher claiming keys in this app's store and handing fresh jobs to `handoff`.
    #[must_use]
    pub fn dispatcher(&self, handoff: Arc<dyn Handoff>) -> Dispatcher {
        Dispatcher::new(self.store.claims(), handoff)
    }

    /// The router: `/healthz` and every platform's routes, into `dispatcher`.
    pub fn router(&self, dispatcher: &Dispatcher) -> axum::Router {
        crate::router::router(&self.platforms, dispatcher, &self.store).merge(self.cards.routes())
    }

    /// Answers jobs with this app's conversation and store, through the platforms' outboxes.
    #[must_use]
    pub fn answerer(&self) -> Answerer {
        Answerer::new(
            self.conversation.clone(),
            self.store.clone(),
            Outboxes::of(&self.platforms),
        )
    }

    /// The person `id`, with their memory in this app's store.
    #[must_use]
    pub fn person(&self, id: PersonId) -> Person {
        Person::new(id, self.store.clone())
    }
}

/// The cards of `config`: linked from `HBDTA_PUBLIC_URL` (Messenger's); card keys signed with a
/// key derived from the Messenger app secret, else from the Telegram bot token, else a random key
/// (links then last as long as the process).
fn cards_of(config: &Config) -> Cards {
    let public_url = config.messenger.as_ref().and_then(|m| m.public_url.clone());
    let secret = config
        .messenger
        .as_ref()
        .map(|m| m.app_secret.expose_secret().to_owned())
        .or_else(|| {
            config
                .telegram
                .as_ref()
                .map(|t| t.bot_token.expose_secret().to_owned())
        });
    match secret {
        Some(secret) => Cards::from_secret(&secret, public_url),
        None => Cards::new(rand::random::<[u8; 32]>(), public_url),
    }
}
