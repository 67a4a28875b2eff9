//! A player's profile, rank, win/loss and top heroes from OpenDota.
//!
//! ```text
//! cargo run -p examples --bin player_stats -- <account id | SteamID64 | profile URL | name>
//! ```
//!
//! Reads `OPENDOTA_BASE_URL` (default: the public API) and `OPENDOTA_API_KEY`. A name that
//! matches several players lists them with their account ids.

#![allow(
    clippy::print_stdout,
    reason = "a command-line program prints its results"
)]

use std::process::ExitCode;

use anyhow::Context;
use examples::percent;
use opendota_sdk::{AccountId, Client, Error, ParseAccountIdError};

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let input = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if input.trim().is_empty() {
        eprintln!("usage: player_stats <account id | SteamID64 | profile URL | name>");
        return Ok(ExitCode::from(2));
    }
    let client = examples::opendota_from_env()?;
    let account = match AccountId::parse(&input) {
        Ok(account) => account,
        Err(ParseAccountIdError::NotAnAccount) => match pick_by_name(&client, &input).await? {
            Some(account) => account,
            None => return Ok(ExitCode::SUCCESS),
        },
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    print_stats(&client, account).await
}

/// Searches a name: the account when exactly one player matches, otherwise prints the matches
/// (or that there are none) and returns `None`.
async fn pick_by_name(client: &Client, name: &str) -> anyhow::Result<Option<AccountId>> {
    let found = client.search(name).await.context("searching OpenDota")?;
    match found.as_slice() {
        [] => {
            println!("No player named {name:?} on OpenDota. Try the account id or a profile link.");
            Ok(None)
        }
        [only] => Ok(Some(only.account_id)),
        many => {
            println!(
                "{} players match {name:?}; run again with one of these ids:",
                many.len()
            );
            for row in many.iter().take(10) {
                println!(
                    "  {:>10}  {}",
                    row.account_id,
                    row.personaname.as_deref().unwrap_or("(no name)")
                );
            }
            Ok(None)
        }
    }
}

async fn print_stats(client: &Client, account: AccountId) -> anyhow::Result<ExitCode> {
    let player = client.players(account);
    let profile = match player.get().await {
        Ok(profile) => profile,
        Err(Error::NotFound { .. }) => {
            println!("OpenDota does not know account {account}.");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e).context("fetching the profile"),
    };
    let (wl, heroes, catalog) = tokio::try_join!(
        player.wl().into_future(),
        player.heroes().into_future(),
        client.constants().heroes(),
    )
    .context("fetching stats")?;

    println!(
        "{} ({account})",
        profile.display_name().unwrap_or("(no name)")
    );
    if let Some(tier) = profile.rank_tier {
        println!("Rank: {}", tier.describe(profile.leaderboard_rank));
    } else {
        println!("Rank: unknown");
    }
    let games = wl.games();
    println!(
        "Win/loss: {} / {} ({} win rate over {games} games)",
        wl.win,
        wl.lose,
        percent(wl.win, games)
    );
    println!("Top heroes:");
    let mut heroes = heroes;
    heroes.sort_by_key(|h| std::cmp::Reverse(h.games));
    for hero in heroes.iter().filter(|h| h.games.unwrap_or(0) > 0).take(5) {
        let games = hero.games.unwrap_or(0);
        println!(
            "  {:<20} {:>5} games  {:>6} win rate",
            catalog.name(hero.hero_id).unwrap_or("unknown hero"),
            games,
            percent(hero.win.unwrap_or(0), games)
        );
    }
    if heroes.iter().all(|h| h.games.unwrap_or(0) == 0) {
        println!("  (no public matches)");
    }
    println!("{}", account.opendota_url());
    Ok(ExitCode::SUCCESS)
}
