//! Telegram: `POST /telegram/webhook` (the `X-Telegram-Bot-Api-Secret-Token` header checked in
//! constant time, the body parsed as an `Update`, the update → a [`Job`](crate::job::Job), 200 at
//! once), long polling (`crate::poll`), and the Bot API as the [`Outbox`] ([`outbox`]: Telegram's
//! limits, through teloxide-core's [`Throttle`], which also waits out a 429's `retry_after`).
//!
//! Updates are de-duplicated on `update_id` through the store's claims (`telegram:update:<id>`);
//! a person is `telegram:<user id>`, an address is the chat id (in groups the job also names the
//! message its answer quotes, [`Job::reply_to`](crate::job::Job::reply_to), so one group's
//! questions still share one queue and are answered in order). Which updates are answered, and how commands map to the
//! conversation's words, is in [`update`].

pub mod outbox;
pub mod update;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;
use teloxide_core::Bot;
use teloxide_core::adaptors::Throttle;
use teloxide_core::adaptors::throttle::Limits;
use teloxide_core::payloads::SetWebhookSetters;
use teloxide_core::requests::{Request, Requester};
use teloxide_core::types::{AllowedUpdate, BotCommand, CallbackQueryId, Update};

use super::{Inbound, Outbox, Platform};
use crate::cards::Cards;
use crate::config::{ConfigError, TelegramConfig};
use crate::dispatch::{DispatchError, Dispatcher};

/// The platform's name in addresses, person ids and keys.
pub const NAME: &str = "telegram";

/// The webhook's path.
pub const WEBHOOK_PATH: &str = "/telegram/webhook";

/// The header Telegram sends the webhook secret in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// A webhook body larger than this is refused (413).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The updates the bot handles: what `setWebhook` and `getUpdates` ask for.
pub const ALLOWED_UPDATES: [AllowedUpdate; 3] = [
    AllowedUpdate::Message,
    AllowedUpdate::EditedMessage,
    AllowedUpdate::CallbackQuery,
];

/// How long answering a button tap may hold the webhook's answer.
const CALLBACK_ANSWER_WAIT: Duration = Duration::from_secs(2);

/// The commands registered with `setMyCommands`: what Telegram's menu offers.
pub const COMMANDS: [(&str, &str); 13] = [
    ("start", "Welcome and what I can do"),
    ("help", "How to ask me"),
    ("stats", "A player's stats: /stats <id, link or name>"),
    ("heroes", "A player's top heroes: /heroes <player>"),
    ("recent", "A player's last matches: /recent <player>"),
    (
        "last",
        "A player's last match, with its items: /last <player>",
    ),
    ("match", "One match: /match <id or link>"),
    ("peers", "Who a player plays with most: /peers <player>"),
    ("compare", "Side by side: /compare <player> <player>"),
    ("me", "The stats of your linked account"),
    ("link", "Link your account: /link <player>"),
    ("unlink", "Unlink your account"),
    ("forget", "Delete everything I keep about you"),
];

/// Telegram: the Bot API clients, the webhook's secret, and the bot's username once known.
/// Cheap to clone.
#[derive(Clone)]
pub struct Telegram {
    /// Plain calls (`getMe`, `getUpdates`, `setWebhook`, …).
    bot: Bot,
    /// Messages, through Telegram's limits.
    sender: Throttle<Bot>,
    secret: Option<Arc<SecretString>>,
    username: Arc<tokio::sync::OnceCell<String>>,
    cards: Option<Cards>,
}

/// Its `Debug` never shows the token or the secret.
impl std::fmt::Debug for Telegram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Telegram")
            .field("api_url", &self.bot.api_url().as_str())
            .field("webhook", &self.secret.is_some())
            .field("username", &self.username.get())
            .finish_non_exhaustive()
    }
}

/// A Bot API client for `config`'s token and API URL.
///
/// # Errors
///
/// [`ConfigError::Invalid`] for an API URL that is not a URL, or a TLS set-up that fails.
pub fn bot(config: &TelegramConfig) -> Result<Bot, ConfigError> {
    let client = teloxide_core::net::default_reqwest_settings()
        .build()
        .map_err(|e| ConfigError::Invalid {
            name: "TELEGRAM_API_URL",
            reason: format!("the Bot API client cannot be built: {e}"),
        })?;
    let mut bot = Bot::with_client(config.bot_token.expose_secret(), client);
    if let Some(url) = &config.api_url {
        let url =
            reqwest::Url::parse(url.trim_end_matches('/')).map_err(|e| ConfigError::Invalid {
                name: "TELEGRAM_API_URL",
                reason: format!("{url:?} is not a URL: {e}"),
            })?;
        bot = bot.set_api_url(url);
    }
    Ok(bot)
}

impl Telegram {
    /// Answers through `bot` within Telegram's published limits ([`Limits::default`]: 30
    /// messages a second, 1 a second and 20 a minute per chat); with `secret`, serves the webhook.
    /// Spawns the limiter's task: call it inside a tokio runtime.
    #[must_use]
    pub fn new(bot: Bot, secret: Option<SecretString>) -> Self {
        Self::with_limits(bot, secret, Limits::default())
    }

    /// As [`new`](Self::new), with other limits (tests raise them).
    #[must_use]
    pub fn with_limits(bot: Bot, secret: Option<SecretString>, limits: Limits) -> Self {
        Self {
            sender: Throttle::new_spawn(bot.clone(), limits),
            bot,
            secret: secret.map(Arc::new),
            username: Arc::new(tokio::sync::OnceCell::new()),
            cards: None,
        }
    }

    /// Pictures drawn by `cards` and uploaded with `sendPhoto`: the stats card shows the drawn
    /// picture instead of the avatar, the last match gets its picture.
    #[must_use]
    pub fn cards(mut self, cards: Cards) -> Self {
        self.cards = Some(cards);
        self
    }

    /// Telegram as `config` describes it (`TELEGRAM_BOT_USERNAME` spares the `getMe`).
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`] for an unusable API URL.
    pub fn from_config(config: &TelegramConfig) -> Result<Self, ConfigError> {
        Ok(
            Self::new(bot(config)?, config.webhook_secret.clone())
                .username(config.username.clone()),
        )
    }

    /// The bot's username (without `@`), when known beforehand.
    #[must_use]
    pub fn username(self, username: Option<String>) -> Self {
        if let Some(name) = username.filter(|n| !n.is_empty()) {
            let _ = self.username.set(name);
        }
        self
    }

    /// The plain Bot API client.
    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    /// The bot's username, asked with `getMe` the first time (and again after a failure).
    pub async fn me(&self) -> Option<&str> {
        let got = self
            .username
            .get_or_try_init(|| async {
                self.bot
                    .get_me()
                    .await
                    .map(|me| me.user.username.unwrap_or_default())
            })
            .await;
        match got {
            Ok(name) if !name.is_empty() => Some(name.as_str()),
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "getMe failed: the bot's username is unknown for now");
                None
            }
        }
    }

    /// What `serve` and `poll` do at start: learn the bot's username (`getMe`) and register the
    /// commands (`setMyCommands`). Failures are logged, never fatal.
    pub async fn start(&self) {
        if let Some(name) = self.me().await {
            tracing::info!(username = name, "Telegram bot");
        }
        let commands = COMMANDS.map(|(c, d)| BotCommand::new(c, d));
        if let Err(e) = self.bot.set_my_commands(commands).await {
            tracing::warn!(error = %e, "setMyCommands failed; the command menu is unchanged");
        }
    }

    /// Registers `<public_url>/telegram/webhook` with the secret and [`ALLOWED_UPDATES`].
    ///
    /// # Errors
    ///
    /// A message when there is no secret, the URL is not one, or Telegram refuses.
    pub async fn set_webhook(&self, public_url: &str) -> Result<String, String> {
        let Some(secret) = &self.secret else {
            return Err("TELEGRAM_WEBHOOK_SECRET is not set: the webhook needs it".to_owned());
        };
        let url = format!("{}{WEBHOOK_PATH}", public_url.trim_end_matches('/'));
        let parsed = reqwest::Url::parse(&url).map_err(|e| format!("{url:?} is not a URL: {e}"))?;
        self.bot
            .set_webhook(parsed)
            .secret_token(secret.expose_secret())
            .allowed_updates(ALLOWED_UPDATES)
            .send()
            .await
            .map_err(|e| format!("setWebhook failed: {e}"))?;
        Ok(url)
    }

    /// Removes the registered webhook (pending updates are kept).
    ///
    /// # Errors
    ///
    /// A message when Telegram refuses.
    pub async fn delete_webhook(&self) -> Result<(), String> {
        self.bot
            .delete_webhook()
            .send()
            .await
            .map(drop)
            .map_err(|e| format!("deleteWebhook failed: {e}"))
    }

    /// Answers a tapped button's query (the spinner stops); failures are logged.
    pub async fn answer_callback(&self, id: CallbackQueryId) {
        match tokio::time::timeout(
            CALLBACK_ANSWER_WAIT,
            self.bot.answer_callback_query(id).send(),
        )
        .await
        {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "answerCallbackQuery failed"),
            Err(_) => tracing::warn!("answerCallbackQuery took too long"),
        }
    }

    /// The jobs of `updates`, their button taps answered first.
    pub async fn jobs_of(&self, updates: Vec<Update>) -> Vec<crate::job::Job> {
        let mut jobs = Vec::with_capacity(updates.len());
        let mut me = self.username.get().cloned();
        for update in updates {
            if me.is_none() && needs_username(&update) {
                me = self.me().await.map(str::to_owned);
            }
            let id = update.id.0;
            let accepted = update::accept(update, me.as_deref());
            if let Some(query) = accepted.callback {
                self.answer_callback(query).await;
            }
            match accepted.job {
                Some(job) => jobs.push(job),
                None => tracing::debug!(
                    update_id = id,
                    why = accepted.ignored.unwrap_or_default(),
                    "update needs no answer"
                ),
            }
        }
        jobs
    }
}

/// A group message: telling a mention from other talk needs the bot's username.
fn needs_username(update: &Update) -> bool {
    match &update.kind {
        teloxide_core::types::UpdateKind::Message(m) => m.chat.is_group() || m.chat.is_supergroup(),
        _ => false,
    }
}

impl Platform for Telegram {
    fn name(&self) -> &'static str {
        NAME
    }

    /// `POST /telegram/webhook` when a webhook secret is configured; nothing otherwise (`poll`).
    fn routes(&self, inbound: Inbound) -> Router {
        let Some(secret) = self.secret.clone() else {
            return Router::new();
        };
        Router::new()
            .route(WEBHOOK_PATH, post(receive))
            .layer(DefaultBodyLimit::max(BODY_LIMIT))
            .with_state(Arc::new(RouteState {
                telegram: self.clone(),
                secret,
                dispatcher: inbound.dispatcher,
            }))
    }

    fn outbox(&self) -> Arc<dyn Outbox> {
        Arc::new(outbox::BotApi {
            sender: self.sender.clone(),
            cards: self.cards.clone(),
        })
    }
}

struct RouteState {
    telegram: Telegram,
    secret: Arc<SecretString>,
    dispatcher: Dispatcher,
}

/// The secret header compared in constant time.
fn secret_matches(headers: &HeaderMap, secret: &SecretString) -> bool {
    headers
        .get(SECRET_HEADER)
        .is_some_and(|got| bool::from(got.as_bytes().ct_eq(secret.expose_secret().as_bytes())))
}

/// Checks the secret, reads the update, hands its job over and answers at once. A body that is
/// not an update is acknowledged (200) and logged, so Telegram does not deliver it again.
async fn receive(
    State(state): State<Arc<RouteState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if !secret_matches(&headers, &state.secret) {
        tracing::warn!("Telegram webhook refused: wrong or missing secret token");
        return (StatusCode::FORBIDDEN, "wrong secret token").into_response();
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            tracing::warn!(status = %rejection.status(), "Telegram webhook body refused");
            return rejection.into_response();
        }
    };
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(e) => {
            tracing::warn!(error = %e, bytes = body.len(), "a Telegram webhook body that is not an update; acknowledged");
            return StatusCode::OK.into_response();
        }
    };
    let jobs = state.telegram.jobs_of(vec![update]).await;
    match state.dispatcher.dispatch(jobs).await {
        Ok(_) => StatusCode::OK.into_response(),
        Err(DispatchError::Busy) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the worker queues are full",
        )
            .into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response(),
    }
}
