//! Live check against the real OpenDota API (or `OPENDOTA_BASE_URL`): every operation once.
//! Ignored by default because it uses the network; run with
//! `OPENDOTA_API_KEY=… cargo test -p examples --test live_opendota -- --ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use examples::drift::{self, DriftArgs};

#[tokio::test]
#[ignore = "reaches the real OpenDota API"]
async fn live_api_matches_the_typed_models() {
    let client = opendota_sdk::Client::from_env().unwrap();
    let checks = drift::run(&client, &DriftArgs::default()).await;
    let report = drift::report(&checks);
    assert!(checks.iter().all(|c| c.outcome.is_ok()), "{report}");
}
