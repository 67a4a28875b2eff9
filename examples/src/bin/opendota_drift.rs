//! Schema-drift checker: calls every OpenDota operation once through the typed methods and
//! prints one line per operation, then `N/55 ok`. Exits 1 when any operation fails.
//!
//! ```text
//! cargo run -p examples --bin opendota_drift [-- --account ID --match ID --hero ID --league ID --team ID --job ID]
//! ```
//!
//! Reads `OPENDOTA_BASE_URL` (default: the public API) and `OPENDOTA_API_KEY`. Note that it makes
//! 55 calls, two of them POSTs (a profile refresh and a parse request, which costs 10 units).

#![allow(
    clippy::print_stdout,
    reason = "a command-line program prints its report"
)]

use std::process::ExitCode;

use anyhow::{Context, bail};
use examples::drift::{self, DriftArgs};

fn parse_args() -> anyhow::Result<DriftArgs> {
    let mut args = DriftArgs::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--account" => args.account = value.parse().context("--account")?,
            "--match" => args.match_id = value.parse().context("--match")?,
            "--hero" => args.hero = value.parse().context("--hero")?,
            "--league" => args.league = value.parse().context("--league")?,
            "--team" => args.team = value.parse().context("--team")?,
            "--job" => args.job_id = value,
            other => bail!("unknown flag {other}; see the file's docs"),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let args = parse_args()?;
    let client = examples::opendota_from_env()?;
    println!(
        "checking {} operations against {}",
        drift::OPERATIONS,
        client.base_url()
    );
    let checks = drift::run(&client, &args).await;
    print!("{}", drift::report(&checks));
    let all_ok = checks.iter().all(|c| c.outcome.is_ok());
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
