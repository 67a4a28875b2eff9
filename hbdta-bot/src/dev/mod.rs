//! `hbdta-bot dev`: the bot and a stand-in for its chat platform in one process, to chat with
//! the bot in a browser with no Facebook page, Telegram bot, token or public URL.
//!
//! One HTTP server carries:
//! - the real bot: built by the same [`App::build`] as `serve`, with the same router (`/webhook`
//!   or `/telegram/webhook`, `/healthz`), the same checks and the same workers;
//! - a stand-in for the platform's API, which the bot's client is pointed at: Messenger's Graph
//!   API under `/graph` ([`graph::FakeGraph`]), or with `--platform telegram` the Bot API under
//!   `/telegram-api` ([`bot_api::FakeBotApi`]);
//! - the chat page (`/`, `/chat.css`, `/chat.js`, embedded in the binary), which draws the answers
//!   as that platform does, and its API: `POST /dev/api/session` (a new person: a PSID, or a
//!   Telegram chat id), `GET /dev/api/events?psid=…` (Server-Sent Events: every Send API body, or
//!   every Bot API call, the bot made to that person, verbatim) and `POST /dev/api/send` (what the
//!   person typed or tapped: turned into a webhook body exactly as the platform sends it, signed or
//!   with the secret header, and POSTed to the bot's webhook over HTTP; see [`events`] and
//!   [`updates`]).
//!
//! Secrets and tokens are generated for each run. OpenDota is the real API unless
//! `--opendota-base-url` says otherwise; when it cannot be reached the bot's friendly error reply
//! shows up in the page.

pub mod bot_api;
pub mod events;
pub mod graph;
pub mod updates;

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use messenger_sdk::webhook::{SIGNATURE_256_HEADER, SignatureVerifier};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::{broadcast, watch};
use tokio::task::{JoinHandle, JoinSet};

use crate::app::{App, BuildError};
use crate::config::{Config, DevPlatform, MessengerConfig, TelegramConfig, WorkerConfig};
use crate::platform::telegram::{SECRET_HEADER, WEBHOOK_PATH};
use crate::workers;

use self::bot_api::{DEV_BOT_USERNAME, FakeBotApi};
use self::events::{Action, webhook_post};
use self::graph::{FakeGraph, Hub};

/// The name the chat page shows for the bot's page.
pub const PAGE_NAME: &str = "hbdta";

/// Why the dev server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DevError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// A setting the clients refuse, or a store that cannot be opened.
    #[error(transparent)]
    Build(#[from] BuildError),
}

/// A running dev server.
#[derive(Debug)]
pub struct DevServer {
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    serve: JoinHandle<std::io::Result<()>>,
    workers: JoinSet<()>,
}

impl DevServer {
    /// The address it listens on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The chat page's URL.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}/", local(self.addr))
    }

    /// Ends the chat streams, stops accepting, lets the workers finish (at most 5 s).
    ///
    /// # Errors
    ///
    /// What the server's accept loop failed with, if it did.
    pub async fn stop(mut self) -> std::io::Result<()> {
        let _ = self.shutdown.send(true);
        let served = self.serve.await.unwrap_or(Ok(()));
        let _ = tokio::time::timeout(Duration::from_secs(5), async {
            while self.workers.join_next().await.is_some() {}
        })
        .await;
        served
    }
}

/// The address to call a server listening on `addr` at (loopback for "any address").
fn local(addr: SocketAddr) -> SocketAddr {
    if addr.ip().is_unspecified() {
        SocketAddr::from((Ipv4Addr::LOCALHOST, addr.port()))
    } else {
        addr
    }
}

fn random_secret() -> SecretString {
    SecretString::from(format!("{:032x}", rand::random::<u128>()))
}

fn random_digits() -> String {
    rand::random_range(1_000_000_000_000_000_u64..10_000_000_000_000_000).to_string()
}

/// Starts the bot, the platform's API stand-in and the chat page on one port (`config.dev`),
/// with `config`'s OpenDota and store. The platform's settings are made here: fresh secrets, and
/// its API at this server (`/graph`, or `/telegram-api`).
///
/// # Errors
///
/// [`DevError`] when the address cannot be bound or a setting is refused.
pub async fn start(config: Config) -> Result<DevServer, DevError> {
    let wanted = config.dev.addr;
    let listener = tokio::net::TcpListener::bind(wanted)
        .await
        .map_err(|source| DevError::Listen {
            addr: wanted,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| DevError::Listen {
        addr: wanted,
        source,
    })?;
    let here = local(addr);
    let log = config.dev.log;
    let hub = Hub::default();
    let (shutdown, mut stopping) = watch::channel(false);

    let (app, wire, stand_in) = match config.dev.platform {
        DevPlatform::Messenger => {
            let messenger = MessengerConfig {
                page_access_token: random_secret(),
                app_secret: random_secret(),
                verify_token: random_secret(),
                graph_url: Some(format!("http://{here}/graph")),
                graph_version: None,
                // The page is served here too: the bot links its pictures (`/cards/`) here.
                public_url: Some(format!("http://{here}")),
            };
            let app = App::build(&Config {
                messenger: Some(messenger.clone()),
                telegram: None,
                ..config
            })
            .await?;
            let fake_graph = FakeGraph::new(
                &messenger.page_access_token,
                &messenger.app_secret,
                hub.clone(),
                log,
            );
            let wire = Wire::Messenger {
                page_id: random_digits(),
                verifier: SignatureVerifier::new(messenger.app_secret.expose_secret()),
                webhook_url: format!("http://{here}/webhook"),
                next_mid: AtomicU64::new(1),
            };
            (app, wire, Router::new().nest("/graph", fake_graph.router()))
        }
        DevPlatform::Telegram => {
            let token = SecretString::from(format!(
                "{}:{}",
                rand::random_range(100_000_000_u32..999_999_999),
                random_secret().expose_secret()
            ));
            let secret = random_secret();
            let telegram = TelegramConfig {
                bot_token: token.clone(),
                webhook_secret: Some(secret.clone()),
                api_url: Some(format!("http://{here}/telegram-api")),
                username: Some(DEV_BOT_USERNAME.to_owned()),
            };
            let app = App::build(&Config {
                messenger: None,
                telegram: Some(telegram),
                ..config
            })
            .await?;
            let fake_api = FakeBotApi::new(&token, hub.clone(), log);
            let wire = Wire::Telegram {
                secret,
                webhook_url: format!("http://{here}{WEBHOOK_PATH}"),
                next_update: AtomicU32::new(1),
                next_message: AtomicI64::new(1),
            };
            (
                app,
                wire,
                Router::new().nest("/telegram-api", fake_api.router()),
            )
        }
    };
    let (queues, receivers) = workers::queues(WorkerConfig::default());
    let bot = app.router(&app.dispatcher(std::sync::Arc::new(queues)));
    app.stats.warm_up_in_background();
    if let Some(telegram) = app.telegram.clone() {
        // As `serve` does: the commands menu (`setMyCommands`, to the stand-in).
        tokio::spawn(async move { telegram.start().await });
    }
    let worker_set = workers::spawn(receivers, &app.answerer());

    let chat = Chat(Arc::new(ChatInner {
        hub,
        wire,
        http: app.http.clone(),
        log,
        shutdown: shutdown.subscribe(),
    }));
    let router = bot.merge(stand_in).merge(chat.router());
    let serve = tokio::spawn(
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stopping.wait_for(|stop| *stop).await;
            })
            .into_future(),
    );
    Ok(DevServer {
        addr,
        shutdown,
        serve,
        workers: worker_set,
    })
}

/// The chat page's side: sessions, event streams, sending as a person.
#[derive(Clone)]
struct Chat(Arc<ChatInner>);

struct ChatInner {
    hub: Hub,
    wire: Wire,
    http: reqwest::Client,
    log: bool,
    shutdown: watch::Receiver<bool>,
}

/// How the page's person reaches the bot: the platform's webhook and what it needs.
enum Wire {
    Messenger {
        page_id: String,
        /// Signs the webhook bodies (the app secret is inside, never printed).
        verifier: SignatureVerifier,
        webhook_url: String,
        next_mid: AtomicU64,
    },
    Telegram {
        /// Sent in `X-Telegram-Bot-Api-Secret-Token`.
        secret: SecretString,
        webhook_url: String,
        next_update: AtomicU32,
        /// The ids of the person's messages (the stand-in numbers the bot's from 1000).
        next_message: AtomicI64,
    },
}

impl Wire {
    fn platform(&self) -> &'static str {
        match self {
            Self::Messenger { .. } => "messenger",
            Self::Telegram { .. } => "telegram",
        }
    }
}

impl Chat {
    fn router(self) -> Router {
        Router::new()
            .route("/", get(index))
            .route("/chat.css", get(stylesheet))
            .route("/chat.js", get(script))
            .route("/dev/api/session", post(session))
            .route("/dev/api/events", get(stream))
            .route("/dev/api/send", post(send))
            .with_state(self)
    }
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// The page, told which platform it plays (`<html data-platform="…">`: its rendering).
async fn index(State(chat): State<Chat>) -> Response {
    const PAGE: &str = include_str!("page/index.html");
    match chat.0.wire {
        Wire::Messenger { .. } => asset("text/html; charset=utf-8", PAGE),
        Wire::Telegram { .. } => {
            let page = PAGE.replacen(
                r#"data-platform="messenger""#,
                r#"data-platform="telegram""#,
                1,
            );
            (
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-cache"),
                ],
                page,
            )
                .into_response()
        }
    }
}

async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", include_str!("page/chat.css"))
}

async fn script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_str!("page/chat.js"),
    )
}

#[derive(serde::Serialize)]
struct Session {
    /// The person's id on the platform: a Messenger PSID, or a Telegram chat id (digits).
    psid: String,
    /// The page's id (Messenger), or the bot's username (Telegram).
    page_id: String,
    page_name: &'static str,
    /// `messenger` or `telegram`: how the page draws the answers.
    platform: &'static str,
}

async fn session(State(chat): State<Chat>) -> Json<Session> {
    let (psid, page_id) = match &chat.0.wire {
        Wire::Messenger { page_id, .. } => (random_digits(), page_id.clone()),
        // A private chat's id is the user's id: positive, at most 52 bits.
        Wire::Telegram { .. } => (
            rand::random_range(1_000_000_000_i64..9_999_999_999).to_string(),
            DEV_BOT_USERNAME.to_owned(),
        ),
    };
    Json(Session {
        psid,
        page_id,
        page_name: PAGE_NAME,
        platform: chat.0.wire.platform(),
    })
}

/// A PSID or chat id as the page sends it: digits only.
fn valid_psid(psid: &str) -> bool {
    (1..=32).contains(&psid.len()) && psid.bytes().all(|b| b.is_ascii_digit())
}

#[derive(serde::Deserialize)]
struct StreamQuery {
    psid: String,
}

async fn stream(State(chat): State<Chat>, Query(query): Query<StreamQuery>) -> Response {
    if !valid_psid(&query.psid) {
        return (StatusCode::BAD_REQUEST, "psid must be digits").into_response();
    }
    let bodies = chat.0.hub.subscribe(&query.psid);
    let stopping = chat.0.shutdown.clone();
    let events = futures_util::stream::unfold(
        (bodies, stopping),
        |(mut bodies, mut stopping)| async move {
            loop {
                let received = tokio::select! {
                    received = bodies.recv() => received,
                    _ = stopping.wait_for(|stop| *stop) => return None,
                };
                match received {
                    Ok(body) => {
                        let event = SseEvent::default().data(&*body);
                        return Some((Ok::<_, Infallible>(event), (bodies, stopping)));
                    }
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "a chat page fell behind; messages skipped");
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        },
    );
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// A tapped chip or button.
#[derive(serde::Deserialize)]
struct Tap {
    title: String,
    payload: String,
}

/// A tapped inline button (Telegram): its data, and the bot's message it is under.
#[derive(serde::Deserialize)]
struct Callback {
    data: String,
    message_id: i64,
}

/// What the page posts: a PSID (or chat id) and one of text, quick reply, postback (Messenger)
/// or callback (Telegram).
#[derive(serde::Deserialize)]
struct Send {
    psid: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    quick_reply: Option<Tap>,
    #[serde(default)]
    postback: Option<Tap>,
    #[serde(default)]
    callback: Option<Callback>,
}

/// What the person did, in the page's terms.
enum Input {
    /// On Messenger: a message, a quick reply or a postback; on Telegram only a text.
    Action(Action),
    /// A tap on an inline button (Telegram).
    Callback(Callback),
}

impl Send {
    fn input(self) -> Option<(String, Input)> {
        let input = match (self.text, self.quick_reply, self.postback, self.callback) {
            (Some(text), None, None, None) if !text.trim().is_empty() => {
                Input::Action(Action::Text(text))
            }
            (None, Some(tap), None, None) => Input::Action(Action::QuickReply {
                title: tap.title,
                payload: tap.payload,
            }),
            (None, None, Some(tap), None) => Input::Action(Action::Postback {
                title: tap.title,
                payload: tap.payload,
            }),
            (None, None, None, Some(callback)) if !callback.data.is_empty() => {
                Input::Callback(callback)
            }
            _ => return None,
        };
        valid_psid(&self.psid).then_some((self.psid, input))
    }
}

#[derive(serde::Serialize)]
struct Sent {
    /// The id the platform gave the person's message (`m_dev_…`, or a Telegram message id; for a
    /// tap, the callback query's id).
    mid: String,
    /// What the bot's webhook answered.
    status: u16,
}

/// A webhook request as the platform would make it, and its id for the page.
struct Delivery {
    request: reqwest::RequestBuilder,
    mid: String,
    line: String,
}

fn bad_send(wire: &Wire) -> Response {
    let kinds = match wire {
        Wire::Messenger { .. } => "\"text\" (not empty), \"quick_reply\" or \"postback\"",
        Wire::Telegram { .. } => {
            "\"text\" (not empty) or \"callback\" ({\"data\", \"message_id\"})"
        }
    };
    (
        StatusCode::BAD_REQUEST,
        format!("send {{\"psid\": digits}} with one of {kinds}"),
    )
        .into_response()
}

impl ChatInner {
    /// The webhook request for `input` from `psid`, or `None` when this platform has no such
    /// thing (a quick reply on Telegram, a callback on Messenger).
    fn delivery(&self, psid: &str, input: Input) -> Option<Delivery> {
        match (&self.wire, input) {
            (
                Wire::Messenger {
                    page_id,
                    verifier,
                    webhook_url,
                    next_mid,
                },
                Input::Action(action),
            ) => {
                let mid = format!(
                    "m_dev_{page_id}_{}",
                    next_mid.fetch_add(1, Ordering::Relaxed)
                );
                let post = webhook_post(verifier, page_id, psid, &mid, &action);
                Some(Delivery {
                    request: self
                        .http
                        .post(webhook_url)
                        .header(header::CONTENT_TYPE, "application/json")
                        .header(SIGNATURE_256_HEADER, &post.signature)
                        .body(post.body),
                    mid: post.mid,
                    line: describe(&action),
                })
            }
            (
                Wire::Telegram {
                    secret,
                    webhook_url,
                    next_update,
                    next_message,
                },
                input,
            ) => {
                let chat: i64 = psid.parse().ok()?;
                let update_id = next_update.fetch_add(1, Ordering::Relaxed);
                let (update, mid, line) = match input {
                    Input::Action(Action::Text(text)) => {
                        let id = next_message.fetch_add(1, Ordering::Relaxed);
                        let line = format!("message {}", graph::quote(&text));
                        (
                            updates::message(update_id, chat, id, &text),
                            id.to_string(),
                            line,
                        )
                    }
                    Input::Callback(tap) => {
                        let update = updates::callback(update_id, chat, tap.message_id, &tap.data);
                        let id = update["callback_query"]["id"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned();
                        (update, id, format!("callback ({})", tap.data))
                    }
                    Input::Action(_) => return None,
                };
                Some(Delivery {
                    request: self
                        .http
                        .post(webhook_url)
                        .header(header::CONTENT_TYPE, "application/json")
                        .header(SECRET_HEADER, secret.expose_secret())
                        .body(update.to_string()),
                    mid,
                    line,
                })
            }
            (Wire::Messenger { .. }, Input::Callback(_)) => None,
        }
    }
}

async fn send(State(chat): State<Chat>, Json(request): Json<Send>) -> Response {
    let chat = &chat.0;
    let Some((psid, delivery)) = request
        .input()
        .and_then(|(psid, input)| chat.delivery(&psid, input).map(|d| (psid, d)))
    else {
        return bad_send(&chat.wire);
    };
    match delivery.request.send().await {
        Ok(answer) => {
            let status = answer.status().as_u16();
            if chat.log {
                print_line(format_args!(
                    "webhook   ← {psid}: {} → {status}",
                    delivery.line
                ));
            }
            (
                StatusCode::ACCEPTED,
                Json(Sent {
                    mid: delivery.mid,
                    status,
                }),
            )
                .into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e.without_url(), "the bot's webhook could not be reached");
            (
                StatusCode::BAD_GATEWAY,
                "the bot's webhook could not be reached",
            )
                .into_response()
        }
    }
}

/// A line for the person at the terminal (the per-call log of `hbdta-bot dev`).
#[allow(
    clippy::print_stdout,
    reason = "dev's per-call lines are for the person at the terminal"
)]
pub(crate) fn print_line(line: std::fmt::Arguments<'_>) {
    println!("{line}");
}

fn describe(action: &Action) -> String {
    match action {
        Action::Text(text) => format!("text {}", graph::quote(text)),
        Action::QuickReply { title, payload } => {
            format!("quick reply {} ({payload})", graph::quote(title))
        }
        Action::Postback { title, payload } => {
            format!("postback {} ({payload})", graph::quote(title))
        }
    }
}
