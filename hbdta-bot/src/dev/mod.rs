//! `hbdta-bot dev`: the bot and a stand-in for Messenger in one process, to chat with the bot in
//! a browser with no Facebook page, app, token or public URL.
//!
//! One HTTP server carries:
//! - the real bot: built by the same [`App::build`] as `serve`, with the same router (`/webhook`,
//!   `/healthz`), the same signature check and the same workers;
//! - a stand-in for the Graph API under `/graph` ([`graph::FakeGraph`]), which the bot's
//!   `messenger-sdk` client is pointed at;
//! - the chat page (`/`, `/chat.css`, `/chat.js`, embedded in the binary) and its API:
//!   `POST /dev/api/session` (a new person, i.e. a new PSID), `GET /dev/api/events?psid=…`
//!   (Server-Sent Events: every Send API body the bot sent to that person, verbatim) and
//!   `POST /dev/api/send` (what the person typed or tapped: turned into a webhook body exactly as Meta
//!   sends it, signed, and POSTed to `/webhook` over HTTP; see [`events`]).
//!
//! The app secret, verify token and page token are generated for each run. OpenDota is the real
//! API unless `--opendota-base-url` says otherwise; when it cannot be reached the bot's friendly
//! error reply shows up in the page.

pub mod events;
pub mod graph;

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
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
use crate::config::{Config, MessengerConfig, WorkerConfig};
use crate::workers;

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

/// Starts the bot, the Graph API stand-in and the chat page on one port (`config.dev`), with
/// `config`'s OpenDota and store. Messenger's settings are made here: fresh secrets, and the Graph
/// API at this server's `/graph`.
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

    let messenger = MessengerConfig {
        page_access_token: random_secret(),
        app_secret: random_secret(),
        verify_token: random_secret(),
        graph_url: Some(format!("http://{here}/graph")),
        graph_version: None,
        public_url: None,
    };
    let log = config.dev.log;
    let app = App::build(&Config {
        messenger: Some(messenger.clone()),
        ..config
    })
    .await?;
    let (queues, receivers) = workers::queues(WorkerConfig::default());
    let bot = app.router(&app.dispatcher(std::sync::Arc::new(queues)));
    app.stats.warm_up_in_background();
    let worker_set = workers::spawn(receivers, &app.answerer());

    let hub = Hub::default();
    let fake_graph = FakeGraph::new(
        &messenger.page_access_token,
        &messenger.app_secret,
        hub.clone(),
        log,
    );
    let (shutdown, mut stopping) = watch::channel(false);
    let chat = Chat(Arc::new(ChatInner {
        hub,
        page_id: random_digits(),
        verifier: SignatureVerifier::new(messenger.app_secret.expose_secret()),
        webhook_url: format!("http://{here}/webhook"),
        http: app.http.clone(),
        log,
        shutdown: shutdown.subscribe(),
        next_mid: AtomicU64::new(1),
    }));
    let router = bot.nest("/graph", fake_graph.router()).merge(chat.router());
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
    page_id: String,
    /// Signs the webhook bodies (the app secret is inside, never printed).
    verifier: SignatureVerifier,
    webhook_url: String,
    http: reqwest::Client,
    log: bool,
    shutdown: watch::Receiver<bool>,
    next_mid: AtomicU64,
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

async fn index() -> Response {
    asset("text/html; charset=utf-8", include_str!("page/index.html"))
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
    psid: String,
    page_id: String,
    page_name: &'static str,
}

async fn session(State(chat): State<Chat>) -> Json<Session> {
    Json(Session {
        psid: random_digits(),
        page_id: chat.0.page_id.clone(),
        page_name: PAGE_NAME,
    })
}

/// A PSID as the page sends it: digits only.
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

/// What the page posts: a PSID and one of text, quick reply, postback.
#[derive(serde::Deserialize)]
struct Send {
    psid: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    quick_reply: Option<Tap>,
    #[serde(default)]
    postback: Option<Tap>,
}

impl Send {
    fn action(self) -> Option<(String, Action)> {
        let action = match (self.text, self.quick_reply, self.postback) {
            (Some(text), None, None) if !text.trim().is_empty() => Action::Text(text),
            (None, Some(tap), None) => Action::QuickReply {
                title: tap.title,
                payload: tap.payload,
            },
            (None, None, Some(tap)) => Action::Postback {
                title: tap.title,
                payload: tap.payload,
            },
            _ => return None,
        };
        Some((self.psid, action))
    }
}

#[derive(serde::Serialize)]
struct Sent {
    mid: String,
    /// What the bot's webhook answered.
    status: u16,
}

async fn send(State(chat): State<Chat>, Json(request): Json<Send>) -> Response {
    let Some((psid, action)) = request.action().filter(|(psid, _)| valid_psid(psid)) else {
        return (
            StatusCode::BAD_REQUEST,
            "send {\"psid\": digits} with one of \"text\" (not empty), \"quick_reply\" or \"postback\"",
        )
            .into_response();
    };
    let chat = &chat.0;
    let mid = format!(
        "m_dev_{}_{}",
        chat.page_id,
        chat.next_mid.fetch_add(1, Ordering::Relaxed)
    );
    let post = webhook_post(&chat.verifier, &chat.page_id, &psid, &mid, &action);
    let answer = chat
        .http
        .post(&chat.webhook_url)
        .header(header::CONTENT_TYPE, "application/json")
        .header(SIGNATURE_256_HEADER, &post.signature)
        .body(post.body)
        .send()
        .await;
    match answer {
        Ok(answer) => {
            let status = answer.status().as_u16();
            if chat.log {
                print_line(format_args!(
                    "webhook   ← {psid}: {} → {status}",
                    describe(&action)
                ));
            }
            (
                StatusCode::ACCEPTED,
                Json(Sent {
                    mid: post.mid,
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
