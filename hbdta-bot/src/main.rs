//! `hbdta-bot`: the command line → [`config::load`] → [`App::build`] → one face: `serve` (the
//! default) runs the webhook server, `poll` Telegram's long polling, `dev` the bot with a local
//! chat page, `ask "<message>"` one question from the terminal, `telegram set-webhook` /
//! `delete-webhook` manage Telegram's webhook; on AWS Lambda (`AWS_LAMBDA_RUNTIME_API` set) the
//! Lambda face.

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use hbdta_bot::app::App;
use hbdta_bot::config::{self, DevArgs, Face, OpenDotaArgs, PollArgs, ServeArgs, TelegramArgs};
use hbdta_bot::conversation::{Incoming, Reply};
use hbdta_bot::platform::telegram::Telegram;
use hbdta_bot::platform::terminal;
use hbdta_bot::store::PersonId;
use hbdta_bot::{dev, poll, server};

/// A chat bot that answers Dota 2 players' stats from OpenDota.
#[derive(Parser)]
#[command(name = "hbdta-bot", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once at start; the flags are plain strings"
)]
enum Command {
    /// Run the webhook server (the default).
    Serve(ServeArgs),
    /// Ask the bot something from the terminal (OpenDota only; no Facebook page needed).
    Ask(AskArgs),
    /// Chat with the bot in a browser: the bot plus a local stand-in for Messenger (no Facebook
    /// page, token or public URL needed).
    Dev(DevArgs),
    /// Answer on Telegram by long polling (no public URL needed; deletes a registered webhook).
    Poll(PollArgs),
    /// Manage the Telegram webhook.
    #[command(subcommand)]
    Telegram(TelegramCommand),
}

#[derive(Subcommand)]
enum TelegramCommand {
    /// Register `<public url>/telegram/webhook` with the webhook secret.
    SetWebhook {
        /// The bot's public address (`https://bot.example.com`).
        public_url: String,
        #[command(flatten)]
        telegram: TelegramArgs,
    },
    /// Remove the registered webhook (to poll instead).
    DeleteWebhook {
        #[command(flatten)]
        telegram: TelegramArgs,
    },
}

#[derive(Args)]
struct AskArgs {
    /// What to ask, as you would type it in a chat (`86745912`, `heroes Miracle-`, `help`).
    message: Vec<String>,
    /// Print the exact reply structures as JSON.
    #[arg(long)]
    json: bool,
    /// Send this as a quick-reply / postback payload instead of text.
    #[arg(long)]
    payload: bool,
    /// Write the answer's picture (the stats card, the last match) to this PNG file.
    #[arg(long, value_name = "FILE")]
    png: Option<std::path::PathBuf>,
    #[command(flatten)]
    opendota: OpenDotaArgs,
}

/// The process environment, for the settings that have no flag.
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
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

/// Whether AWS Lambda started this process (`AWS_LAMBDA_RUNTIME_API` is set): checked before
/// anything else, since the Lambda runtime client panics without the variable.
fn is_lambda() -> bool {
    std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some_and(|v| !v.is_empty())
}

/// Prints `error` and gives the exit status.
fn fail(error: impl std::fmt::Display, status: u8) -> ExitCode {
    eprintln!("hbdta-bot: {error}");
    ExitCode::from(status)
}

#[tokio::main]
async fn main() -> ExitCode {
    if is_lambda() {
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
        Some(Command::Dev(args)) => run_dev(&args).await,
        Some(Command::Ask(args)) => run_ask(&args).await,
        Some(Command::Serve(args)) => run_serve(&args).await,
        Some(Command::Poll(args)) => run_poll(&args).await,
        Some(Command::Telegram(command)) => run_telegram(&command).await,
        None => run_serve(&cli.serve).await,
    }
}

async fn run_serve(args: &ServeArgs) -> ExitCode {
    let config = match config::load(Face::Serve(args), env) {
        Ok(config) => config,
        Err(e) => return fail(e, 2),
    };
    let app = match App::build(&config).await {
        Ok(app) => app,
        Err(e) => return fail(e, 2),
    };
    if let Some(telegram) = app.telegram.clone() {
        tokio::spawn(async move { telegram.start().await });
    }
    match server::run(&app, config.server, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e, 1),
    }
}

async fn run_poll(args: &PollArgs) -> ExitCode {
    let config = match config::load(Face::Poll(args), env) {
        Ok(config) => config,
        Err(e) => return fail(e, 2),
    };
    let app = match App::build(&config).await {
        Ok(app) => app,
        Err(e) => return fail(e, 2),
    };
    let Some(telegram) = app.telegram.clone() else {
        return fail("TELEGRAM_BOT_TOKEN is not set", 2);
    };
    let poll_config = poll::PollConfig {
        workers: config.server.workers,
        ..poll::PollConfig::default()
    };
    poll::run(&app, &telegram, poll_config, shutdown_signal()).await;
    ExitCode::SUCCESS
}

#[allow(
    clippy::print_stdout,
    reason = "`telegram …` tells the person at the terminal what Telegram did"
)]
async fn run_telegram(command: &TelegramCommand) -> ExitCode {
    let args = match command {
        TelegramCommand::SetWebhook { telegram, .. }
        | TelegramCommand::DeleteWebhook { telegram } => telegram,
    };
    let config = match config::load(Face::Telegram(args), env) {
        Ok(config) => config,
        Err(e) => return fail(e, 2),
    };
    let Some(settings) = &config.telegram else {
        return fail("TELEGRAM_BOT_TOKEN is not set", 2);
    };
    let telegram = match Telegram::from_config(settings) {
        Ok(telegram) => telegram,
        Err(e) => return fail(e, 2),
    };
    match command {
        TelegramCommand::SetWebhook { public_url, .. } => {
            if settings.webhook_secret.is_none() {
                return fail(
                    "TELEGRAM_WEBHOOK_SECRET is not set (or empty): set it in the environment or \
                     pass --telegram-webhook-secret",
                    2,
                );
            }
            match telegram.set_webhook(public_url).await {
                Ok(url) => {
                    println!("Telegram now sends this bot's updates to {url}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e, 1),
            }
        }
        TelegramCommand::DeleteWebhook { .. } => match telegram.delete_webhook().await {
            Ok(()) => {
                println!("Telegram's webhook for this bot is deleted (`hbdta-bot poll` can run)");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e, 1),
        },
    }
}

#[allow(
    clippy::print_stdout,
    reason = "`dev` tells the person at the terminal where the chat page is"
)]
async fn run_dev(args: &DevArgs) -> ExitCode {
    let config = match config::load(Face::Dev(args), env) {
        Ok(config) => config,
        Err(e) => return fail(e, 2),
    };
    let opendota_url = config
        .opendota
        .base_url
        .clone()
        .unwrap_or_else(|| opendota_sdk::DEFAULT_BASE_URL.to_owned());
    let platform = config.dev.platform;
    let server = match dev::start(config).await {
        Ok(server) => server,
        Err(e @ dev::DevError::Listen { .. }) => return fail(e, 1),
        Err(e) => return fail(e, 2),
    };
    println!("hbdta-bot dev: chat with the bot at {}", server.url());
    let played = match platform {
        config::DevPlatform::Messenger => {
            "Messenger is played locally (signed webhooks, a stand-in Send API)"
        }
        config::DevPlatform::Telegram => {
            "Telegram is played locally (updates with the secret header, a stand-in Bot API)"
        }
    };
    println!("  {played}; OpenDota: {opendota_url}");
    println!("  Each browser tab is another person. Ctrl-C to stop.");
    shutdown_signal().await;
    match server.stop().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e, 1),
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
async fn run_ask(args: &AskArgs) -> ExitCode {
    let config = match config::load(Face::Ask(&args.opendota), env) {
        Ok(config) => config,
        Err(e) => return fail(e, 2),
    };
    let app = match App::build(&config).await {
        Ok(app) => app,
        Err(e) => return fail(e, 2),
    };
    let text = args.message.join(" ");
    let incoming = if args.payload {
        Incoming::Payload(text)
    } else {
        Incoming::Text(text)
    };
    let person = app.person(PersonId::new("terminal", "you"));
    let answer = app.conversation.respond(&person, &incoming).await;
    if args.json {
        match serde_json::to_string_pretty(&answer.replies) {
            Ok(json) => println!("{json}"),
            Err(e) => return fail(e, 1),
        }
    } else {
        for reply in &answer.replies {
            println!("{}", terminal::render(reply));
        }
    }
    tracing::debug!(opendota_calls = answer.opendota_calls, "answered");
    if let Some(file) = &args.png {
        let picture = answer.replies.iter().find_map(|reply| match reply {
            Reply::Card(card) => card.picture.as_ref(),
            Reply::Picture(picture) => Some(picture),
            Reply::Text { .. } => None,
        });
        let Some(picture) = picture else {
            return fail(
                "this answer has no picture (the stats and the last match have one)",
                1,
            );
        };
        let png = match app.cards.png(picture).await {
            Ok(png) => png,
            Err(e) => return fail(e, 1),
        };
        if let Err(e) = std::fs::write(file, &png) {
            return fail(format!("cannot write {}: {e}", file.display()), 1);
        }
        println!("picture: {} ({} bytes)", file.display(), png.len());
    }
    ExitCode::SUCCESS
}

/// On AWS Lambda: the server's settings from the environment (Lambda passes no arguments) plus
/// Lambda's own, everything built once, then the runtime's loop.
#[cfg(feature = "lambda")]
async fn run_lambda() -> ExitCode {
    hbdta_bot::lambda::init_tracing();
    let config = match Cli::try_parse()
        .map_err(|e| e.to_string())
        .and_then(|cli| config::load(Face::Lambda(&cli.serve), env).map_err(|e| e.to_string()))
    {
        Ok(config) => config,
        Err(e) => return fail(e, 2),
    };
    if config.store == config::StoreConfig::Memory {
        tracing::warn!(
            "no HBDTA_DYNAMODB_TABLE: memory and redelivery claims are kept per execution environment"
        );
    }
    let handler = match App::build(&config).await {
        Ok(app) => hbdta_bot::lambda::handler(&app, &config.lambda),
        Err(e) => return fail(e, 2),
    };
    match hbdta_bot::lambda::run(handler).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e, 1),
    }
}

/// Built without the `lambda` feature: say so instead of serving nothing.
#[cfg(not(feature = "lambda"))]
async fn run_lambda() -> ExitCode {
    fail(
        "AWS_LAMBDA_RUNTIME_API is set, but this binary was built without the `lambda` feature \
         (build with `--features lambda`, as scripts/lambda-build.sh does)",
        2,
    )
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
}
