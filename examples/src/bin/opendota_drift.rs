//! Schema-drift checker: calls every OpenDota operation once through the typed methods and
//! prints one line per operation, then `N/55 ok`. Exits 1 when any operation fails.
//!
//! ```text
//! cargo run -p examples --bin opendota_drift [-- --account ID --match ID --hero ID --league ID --team ID --job ID]
//! cargo run -p examples --bin opendota_drift -- --unknown-fields
//! cargo run -p examples --bin opendota_drift -- --strict
//! ```
//!
//! `--unknown-fields` also lists, after the total, every field an answer had that the typed
//! model dropped, one line per operation and JSON path (array indices collapsed to `[]`, ids of
//! keyed maps to `{}`), then a total:
//!
//! ```text
//! 55/55 ok
//! new   GET /matches/{match_id}: players[].item_neutral2
//! 1 unknown field in 1 of 55 operations
//! ```
//!
//! or `no unknown fields in 55 operations`. Unknown fields are reported, not failed on: the exit
//! status stays 0 unless an operation fails, or unless `--strict` (which implies
//! `--unknown-fields`) is given, when an unknown field exits 1 too. Each operation is still
//! called once (see `examples::drift::run_with_unknown_fields`).
//!
//! Reads `OPENDOTA_BASE_URL` (default: the public API) and `OPENDOTA_API_KEY`. Note that it makes
//! 55 calls, two of them POSTs (a profile refresh and a parse request, which costs 10 units).

#![allow(
    clippy::print_stdout,
    reason = "a command-line program prints its report"
)]

use std::process::ExitCode;

use examples::drift;

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let options = drift::parse_options(std::env::args().skip(1))?;
    let client = examples::opendota_from_env()?;
    println!(
        "checking {} operations against {}",
        drift::OPERATIONS,
        client.base_url()
    );
    let checks = if options.unknown_fields {
        drift::run_with_unknown_fields(&client, &options.args).await?
    } else {
        drift::run(&client, &options.args).await
    };
    print!("{}", drift::report(&checks));
    if options.unknown_fields {
        print!("{}", drift::unknown_fields_report(&checks));
    }
    Ok(if drift::passed(&checks, options.strict) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
