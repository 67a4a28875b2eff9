//! `hbdta-bot`: `serve` (the default) runs the webhook server; `ask "<message>"` runs the same
//! conversation from the terminal against OpenDota only.

use std::process::ExitCode;
use std::time::Duration;

use axum::serve::ListenerExt;
use clap::{Args, Parser, Subcommand};
use hbdta_bot::config::{
    self, ConfigError, MessengerConfig, OpenDotaConfig, ServeConfig, WorkerConfig,
};
use hbdta_bot::conversation::{Conversation, Incoming, Reply};
use hbdta_bot::dev;
use hbdta_bot::server::{AppState, app};
use hbdta_bot::stats::Stats;
use hbdta_bot::workers;
use messenger_sdk::axum::WebhookConfig;
use secrecy::ExposeSecret;

/// A Messenger bot that answers Dota 2 players' stats from OpenDota.
#[derive(Parser)]
#[command(name = "hbdta-bot", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Run the webhook server (the default).
    Serve(ServeArgs),
    /// Ask the bot something from the terminal (OpenDota only; no Facebook page needed).
    Ask(AskArgs),
    /// Chat with the bot in a browser: the bot plus a local stand-in for Messenger (no Facebook
    /// page, token or public URL needed).
    Dev(DevArgs),
}

#[derive(Args)]
struct DevArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0: any free port).
    #[arg(long, env = "PORT", default_value_t = 3000)]
    port: u16,
    /// Do not print a line per webhook and Send API call.
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    opendota: OpenDotaArgs,
}

#[derive(Args, Clone, Default)]
struct OpenDotaArgs {
    /// OpenDota API base URL.
    #[arg(long, env = "OPENDOTA_BASE_URL")]
    opendota_base_url: Option<String>,
    /// OpenDota API key (optional; raises the rate limit).
    #[arg(long, env = "OPENDOTA_API_KEY", hide_env_values = true)]
    opendota_api_key: Option<String>,
}

#[derive(Args, Clone, Default)]
struct ServeArgs {
    /// Page access token.
    #[arg(long, env = "MESSENGER_PAGE_ACCESS_TOKEN", hide_env_values = true)]
    page_access_token: Option<String>,
    /// App secret (checks webhook signatures, signs Graph calls).
    #[arg(long, env = "MESSENGER_APP_SECRET", hide_env_values = true)]
    app_secret: Option<String>,
    /// Verify token of the webhook subscription.
    #[arg(long, env = "MESSENGER_VERIFY_TOKEN", hide_env_values = true)]
    verify_token: Option<String>,
    /// Graph API URL (a local fake, say).
    #[arg(long, env = "MESSENGER_GRAPH_URL")]
    graph_url: Option<String>,
    /// Graph API version.
    #[arg(long, env = "MESSENGER_GRAPH_VERSION")]
    graph_version: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "0.0.0.0")]
    host: String,
    /// Port to listen on.
    #[arg(long, env = "PORT", default_value_t = 3000)]
    port: u16,
    /// People answered at once.
    #[arg(long, env = "HBDTA_WORKERS", default_value_t = WorkerConfig::default().concurrency)]
    workers: usize,
    /// Events that may wait per worker before the webhook answers 503.
    #[arg(long, env = "HBDTA_QUEUE_PER_WORKER", default_value_t = WorkerConfig::default().queue_per_worker)]
    queue_per_worker: usize,
    #[command(flatten)]
    opendota: OpenDotaArgs,
}

#[derive(Args)]
struct AskArgs {
    /// What to ask, as you would type it in Messenger (`86745912`, `heroes Miracle-`, `help`).
    message: Vec<String>,
    /// Print the exact reply structures as JSON.
    #[arg(long)]
    json: bool,
    /// Send this as a quick-reply / postback payload instead of text.
    #[arg(long)]
    payload: bool,
    #[command(flatten)]
    opendota: OpenDotaArgs,
}

impl OpenDotaArgs {
    fn config(&self) -> OpenDotaConfig {
        OpenDotaConfig {
            base_url: config::non_empty(self.opendota_base_url.clone()),
            api_key: config::non_empty(self.opendota_api_key.clone())
                .map(secrecy::SecretString::from),
        }
    }
}

impl ServeArgs {
    fn config(&self) -> Result<ServeConfig, ConfigError> {
        Ok(ServeConfig {
            messenger: MessengerConfig {
                page_access_token: config::required(
                    self.page_access_token.clone(),
                    "MESSENGER_PAGE_ACCESS_TOKEN",
                    "--page-access-token",
                )?,
                app_secret: config::required(
                    self.app_secret.clone(),
                    "MESSENGER_APP_SECRET",
                    "--app-secret",
                )?,
                verify_token: config::required(
                    self.verify_token.clone(),
                    "MESSENGER_VERIFY_TOKEN",
                    "--verify-token",
                )?,
                graph_url: config::non_empty(self.graph_url.clone()),
                graph_version: config::non_empty(self.graph_version.clone()),
            },
            opendota: self.opendota.config(),
            addr: config::socket_addr(&self.host, self.port)?,
            workers: WorkerConfig {
                concurrency: self.workers,
                queue_per_worker: self.queue_per_worker,
            },
        })
    }
}

/// Logs to stderr; `RUST_LOG` or else `default` (such as `info`) says how much.
fn init_tracing(default: &str) {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| default.into()),
        )
        .with_writer(std::io::stderr)
        .init();
}

#[tokio::main]
async fn main() -> ExitCode {
    // On AWS Lambda the same binary serves Lambda events (see `hbdta_bot::lambda`).
    if hbdta_bot::lambda::is_lambda() {
        return run_lambda().await;
    }
    let cli = Cli::parse();
    // `dev` prints its own line per call; its log shows only what went wrong.
    init_tracing(if matches!(cli.command, Some(Command::Dev(_))) {
        "warn"
    } else {
        "info"
    });
    match cli.command {
        Some(Command::Dev(dev)) => run_dev(dev).await,
        Some(Command::Ask(ask)) => run_ask(ask).await,
        Some(Command::Serve(serve)) => run_serve(serve).await,
        None => run_serve(cli.serve).await,
    }
}

async fn run_serve(args: ServeArgs) -> ExitCode {
    let config = match args.config() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            return ExitCode::from(2);
        }
    };
    // Events are accepted as soon as the port is open; the workers start once the HTTP client
    // (whose TLS set-up reads the system's root certificates) is built, off the start-up path.
    let (dispatcher, queues) = workers::queues(config.workers);
    let state = AppState {
        webhook: WebhookConfig::new(
            config.messenger.app_secret.expose_secret(),
            config.messenger.verify_token.expose_secret(),
        ),
        dispatcher,
    };
    let setup = tokio::spawn(start_workers(config.clone(), queues));
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        // Answers are small and go out at once: no Nagle delay.
        Ok(listener) => listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "could not set TCP_NODELAY");
            }
        }),
        Err(e) => {
            eprintln!("hbdta-bot: cannot listen on {}: {e}", config.addr);
            return ExitCode::from(1);
        }
    };
    tracing::info!(addr = %config.addr, "hbdta-bot listening (GET/POST /webhook, GET /healthz)");
    let served = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await;
    // The router (and with it every dispatcher clone) is gone: workers finish the queue and stop.
    tracing::info!("stopped accepting; finishing queued answers");
    let drained = tokio::time::timeout(Duration::from_secs(25), async {
        if let Ok(Some(mut worker_set)) = setup.await {
            while worker_set.join_next().await.is_some() {}
        }
    })
    .await;
    if drained.is_err() {
        tracing::warn!("some answers were still running after 25 s; exiting anyway");
    }
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            ExitCode::from(1)
        }
    }
}

/// Builds the API clients and starts the workers on `queues`. A configuration the clients refuse
/// (a Graph version like `latest`, say) stops the process with status 2, as at start-up.
async fn start_workers(
    config: ServeConfig,
    queues: workers::Queues,
) -> Option<tokio::task::JoinSet<()>> {
    let http = tokio::task::spawn_blocking(config::http_client)
        .await
        .ok()?;
    let clients = http.and_then(|http| {
        Ok((
            config.opendota.client(&http)?,
            config.messenger.client(&http)?,
        ))
    });
    let (opendota, graph) = match clients {
        Ok(clients) => clients,
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            std::process::exit(2);
        }
    };
    let stats = Stats::new(opendota);
    stats.warm_up_in_background();
    Some(workers::spawn(queues, &Conversation::new(stats), &graph))
}

#[allow(
    clippy::print_stdout,
    reason = "`dev` tells the person at the terminal where the chat page is"
)]
async fn run_dev(args: DevArgs) -> ExitCode {
    let addr = match config::socket_addr(&args.host, args.port) {
        Ok(addr) => addr,
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            return ExitCode::from(2);
        }
    };
    let opendota = args.opendota.config();
    let opendota_url = opendota
        .base_url
        .clone()
        .unwrap_or_else(|| opendota_sdk::DEFAULT_BASE_URL.to_owned());
    let options = dev::DevOptions {
        addr,
        opendota,
        log: !args.quiet,
    };
    let server = match dev::start(options).await {
        Ok(server) => server,
        Err(e @ dev::DevError::Listen { .. }) => {
            eprintln!("hbdta-bot: {e}");
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            return ExitCode::from(2);
        }
    };
    println!("hbdta-bot dev: chat with the bot at {}", server.url());
    println!(
        "  Messenger is played locally (signed webhooks, a stand-in Send API); OpenDota: {opendota_url}"
    );
    println!("  Each browser tab is another person. Ctrl-C to stop.");
    shutdown_signal().await;
    match server.stop().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            ExitCode::from(1)
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received");
}

#[allow(
    clippy::print_stdout,
    reason = "`ask` prints the replies for a person at a terminal"
)]
async fn run_ask(args: AskArgs) -> ExitCode {
    let text = args.message.join(" ");
    let opendota = match config::http_client().and_then(|http| args.opendota.config().client(&http))
    {
        Ok(client) => client,
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            return ExitCode::from(2);
        }
    };
    let incoming = if args.payload {
        Incoming::Payload(text)
    } else {
        Incoming::Text(text)
    };
    let answer = Conversation::new(Stats::new(opendota))
        .respond(&incoming)
        .await;
    if args.json {
        match serde_json::to_string_pretty(&answer.replies) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("hbdta-bot: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        for reply in &answer.replies {
            println!("{}", render_for_terminal(reply));
        }
    }
    tracing::debug!(opendota_calls = answer.opendota_calls, "answered");
    ExitCode::SUCCESS
}

fn render_for_terminal(reply: &Reply) -> String {
    match reply {
        Reply::Text {
            text,
            quick_replies,
        } => {
            let mut out = text.clone();
            if !quick_replies.is_empty() {
                let chips: Vec<String> = quick_replies
                    .iter()
                    .map(|c| format!("[{}] ({})", c.title, c.payload))
                    .collect();
                out.push_str("\n  quick replies: ");
                out.push_str(&chips.join("  "));
            }
            out.push('\n');
            out
        }
        Reply::Card(card) => {
            let mut out = format!("+-- {}\n", card.title);
            if let Some(subtitle) = &card.subtitle {
                out.push_str(&format!("|   {subtitle}\n"));
            }
            if let Some(image) = &card.image_url {
                out.push_str(&format!("|   image: {image}\n"));
            }
            if let Some(url) = &card.url {
                out.push_str(&format!("|   link:  {url}\n"));
            }
            for button in &card.buttons {
                match button {
                    hbdta_bot::conversation::CardButton::Link { title, url } => {
                        out.push_str(&format!("|   [{title}] -> {url}\n"));
                    }
                    hbdta_bot::conversation::CardButton::Postback { title, payload } => {
                        out.push_str(&format!("|   [{title}] ({payload})\n"));
                    }
                }
            }
            out.push_str("+--\n");
            out
        }
    }
}

/// On AWS Lambda: the `serve` settings from the environment (Lambda passes no arguments) plus
/// the Lambda ones, everything built once, then the Lambda runtime's loop.
async fn run_lambda() -> ExitCode {
    hbdta_bot::lambda::init_tracing();
    let config = Cli::try_parse()
        .map_err(|e| e.to_string())
        .and_then(|cli| cli.serve.config().map_err(|e| e.to_string()))
        .and_then(|serve| {
            hbdta_bot::lambda::LambdaConfig::from_env(serve.messenger, serve.opendota)
                .map_err(|e| e.to_string())
        })
        .and_then(|config| hbdta_bot::lambda::handler(&config).map_err(|e| e.to_string()));
    let handler = match config {
        Ok(handler) => handler,
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            return ExitCode::from(2);
        }
    };
    match hbdta_bot::lambda::run(handler).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hbdta-bot: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_is_the_default_and_ask_takes_words() {
        let cli = Cli::try_parse_from(["hbdta-bot", "--port", "3001"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.port, 3001);
        let cli =
            Cli::try_parse_from(["hbdta-bot", "ask", "heroes", "Miracle-", "--json"]).unwrap();
        match cli.command {
            Some(Command::Ask(ask)) => {
                assert_eq!(ask.message.join(" "), "heroes Miracle-");
                assert!(ask.json);
            }
            _ => panic!("ask expected"),
        }
    }

    #[test]
    fn terminal_rendering_shows_chips_and_cards() {
        let text = render_for_terminal(&Reply::Text {
            text: "Pick one".to_owned(),
            quick_replies: vec![hbdta_bot::conversation::Choice {
                title: "Miracle-".to_owned(),
                payload: "105248644".to_owned(),
            }],
        });
        assert!(text.contains("[Miracle-] (105248644)"));
    }
}
