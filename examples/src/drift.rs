//! The schema-drift checker behind `opendota_drift`: every one of the 55 OpenDota operations,
//! called once through the typed methods, each reported as ok or as the error (with the JSON path
//! where decoding failed).
//!
//! [`run_with_unknown_fields`] also lists, per operation, the fields of the answer that the typed
//! model dropped ([`opendota_sdk::unknown_fields`]): the typed methods are called, unchanged,
//! through a relay on `127.0.0.1` that fetches each answer once with [`Client::get_json`] (or
//! [`Client::post_json`]) and keeps it, so each operation still costs one call to the API.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::{Context, bail};
use axum::Router;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use opendota_sdk::{
    AccountId, Client, Error, HeroId, LaneRole, LeagueId, MatchId, RateLimit, RetryConfig, TeamId,
};
use serde_json::Value;

/// The arguments the operations are called with.
#[derive(Debug, Clone)]
pub struct DriftArgs {
    /// A player with public match data.
    pub account: AccountId,
    /// A match OpenDota has.
    pub match_id: MatchId,
    /// A hero.
    pub hero: HeroId,
    /// A league.
    pub league: LeagueId,
    /// A team.
    pub team: TeamId,
    /// A parse job id for `GET /request/{jobId}`.
    pub job_id: String,
}

impl Default for DriftArgs {
    fn default() -> Self {
        Self {
            account: AccountId(86_745_912),
            match_id: MatchId(3_254_426_673),
            hero: HeroId(1),
            league: LeagueId(5_399),
            team: TeamId(15),
            job_id: "1".to_owned(),
        }
    }
}

/// What the command line asks for: the arguments, and whether to list unknown fields.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The arguments the operations are called with.
    pub args: DriftArgs,
    /// `--unknown-fields`: also list the fields each answer has that the typed model dropped.
    pub unknown_fields: bool,
    /// `--strict` (implies `--unknown-fields`): an unknown field fails the run too.
    pub strict: bool,
}

/// Reads the command line (without the program name): `--unknown-fields`, `--strict`, and
/// `--account`, `--match`, `--hero`, `--league`, `--team`, `--job` each followed by a value.
///
/// # Errors
///
/// On an unknown flag, a missing value or a value that does not parse.
pub fn parse_options<I>(args: I) -> anyhow::Result<Options>
where
    I: IntoIterator<Item = String>,
{
    let mut options = Options::default();
    let mut it = args.into_iter();
    while let Some(flag) = it.next() {
        let args = &mut options.args;
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--unknown-fields" => options.unknown_fields = true,
            "--strict" => {
                options.unknown_fields = true;
                options.strict = true;
            }
            "--account" => args.account = value()?.parse().context("--account")?,
            "--match" => args.match_id = value()?.parse().context("--match")?,
            "--hero" => args.hero = value()?.parse().context("--hero")?,
            "--league" => args.league = value()?.parse().context("--league")?,
            "--team" => args.team = value()?.parse().context("--team")?,
            "--job" => args.job_id = value()?,
            other => bail!("unknown flag {other}; see the docs of src/bin/opendota_drift.rs"),
        }
    }
    Ok(options)
}

/// The outcome of one operation.
#[derive(Debug)]
pub struct Check {
    /// `METHOD /path` as in the OpenAPI spec.
    pub operation: &'static str,
    /// `Ok` or the error the typed call returned.
    pub outcome: Result<(), Error>,
    /// From [`run_with_unknown_fields`], for a call that succeeded: the JSON paths the answer
    /// had and the typed value dropped ([`opendota_sdk::unknown_fields`]). `None` otherwise.
    pub unknown_fields: Option<BTreeSet<String>>,
}

/// The typed answer serialised again, for the comparison with the raw answer.
type Typed = Result<Value, serde_json::Error>;

type Pending<'a> = Pin<Box<dyn Future<Output = Result<Typed, Error>> + Send + 'a>>;

/// One operation: its name and the typed call, whose answer is serialised again. A macro, not a
/// function, because a function would need a `serde::Serialize` bound and this crate does not
/// depend on `serde` itself.
macro_rules! op {
    ($operation:expr, $call:expr $(,)?) => {{
        let call = $call;
        let pending: Pending<'_> =
            Box::pin(async move { call.await.map(|typed| serde_json::to_value(typed)) });
        ($operation, pending)
    }};
}

/// Fields the models leave out on purpose, as `(operation, path)`: [`run_with_unknown_fields`]
/// does not list them. `opendota-sdk/tests/real_world.rs` keeps the same omissions for the
/// captured answers.
pub const KNOWN_OMISSIONS: &[(&str, &str)] = &[
    // node-postgres internals the server leaks beside `rows` (the driver's result object is
    // serialised whole); they describe the driver, not the data.
    ("GET /explorer", "RowCtor"),
    ("GET /explorer", "_parsers"),
    ("GET /explorer", "_prebuiltEmptyResultObject"),
    ("GET /explorer", "_types"),
    ("GET /explorer", "oid"),
    ("GET /explorer", "rowAsArray"),
    // Item-count maps drop `"dust": null` (no purchase); the counts that exist are all kept.
    ("GET /matches/{match_id}", "players[].purchase.dust"),
];

/// How many operations [`run`] checks.
pub const OPERATIONS: usize = 55;

/// Every operation, in the spec's order, as a typed call on `client` (nothing is sent yet).
fn calls<'a>(client: &'a Client, args: &'a DriftArgs) -> Vec<(&'static str, Pending<'a>)> {
    let player = client.players(args.account);
    let hero = client.heroes(args.hero);
    let league = client.leagues(args.league);
    let team = client.teams(args.team);
    vec![
        op!(
            "GET /matches/{match_id}",
            client.matches(args.match_id).get(),
        ),
        op!("GET /players/{account_id}", player.get()),
        op!(
            "GET /players/{account_id}/wl",
            player.wl().limit(20).into_future(),
        ),
        op!(
            "GET /players/{account_id}/recentMatches",
            player.recent_matches(),
        ),
        op!(
            "GET /players/{account_id}/matches",
            player.matches().limit(20).project("kills").into_future(),
        ),
        op!(
            "GET /players/{account_id}/heroes",
            player.heroes().into_future(),
        ),
        op!(
            "GET /players/{account_id}/peers",
            player.peers().limit(100).into_future(),
        ),
        op!(
            "GET /players/{account_id}/pros",
            player.pros().limit(100).into_future(),
        ),
        op!(
            "GET /players/{account_id}/totals",
            player.totals().into_future(),
        ),
        op!(
            "GET /players/{account_id}/counts",
            player.counts().into_future(),
        ),
        op!(
            "GET /players/{account_id}/histograms/{field}",
            player.histograms("kills").limit(100).into_future(),
        ),
        op!(
            "GET /players/{account_id}/wardmap",
            player.wardmap().limit(20).into_future(),
        ),
        op!(
            "GET /players/{account_id}/wordcloud",
            player.wordcloud().limit(20).into_future(),
        ),
        op!("GET /players/{account_id}/ratings", player.ratings()),
        op!("GET /players/{account_id}/rankings", player.rankings()),
        op!("POST /players/{account_id}/refresh", player.refresh()),
        op!("GET /topPlayers", client.top_players().into_future()),
        op!("GET /proPlayers", client.pro_players().into_future()),
        op!("GET /proMatches", client.pro_matches().into_future()),
        op!("GET /publicMatches", client.public_matches().into_future()),
        op!("GET /parsedMatches", client.parsed_matches().into_future()),
        op!(
            "GET /explorer",
            client
                .explorer("SELECT match_id, duration FROM matches ORDER BY match_id DESC LIMIT 3"),
        ),
        op!("GET /metadata", client.metadata()),
        op!("GET /distributions", client.distributions()),
        op!("GET /search", client.search("Miracle")),
        op!("GET /rankings", hero.rankings()),
        op!("GET /benchmarks", hero.benchmarks().into_future()),
        op!("GET /health", client.health()),
        op!(
            "GET /request/{jobId}",
            client.parse_job(args.job_id.clone()),
        ),
        op!(
            "POST /request/{match_id}",
            client.parse_request(args.match_id),
        ),
        op!(
            "GET /findMatches",
            client
                .find_matches()
                .team_a(args.hero)
                .team_b(HeroId(2))
                .into_future(),
        ),
        op!("GET /heroes", client.all_heroes().into_future()),
        op!("GET /heroStats", client.hero_stats().into_future()),
        op!("GET /heroes/{hero_id}/matches", hero.matches()),
        op!("GET /heroes/{hero_id}/matchups", hero.matchups()),
        op!("GET /heroes/{hero_id}/durations", hero.durations()),
        op!("GET /heroes/{hero_id}/players", hero.players()),
        op!(
            "GET /heroes/{hero_id}/itemPopularity",
            hero.item_popularity(),
        ),
        op!("GET /leagues", client.all_leagues().into_future()),
        op!("GET /leagues/{league_id}", league.get()),
        op!("GET /leagues/{league_id}/matches", league.matches()),
        op!("GET /leagues/{league_id}/matchIds", league.match_ids()),
        op!("GET /leagues/{league_id}/teams", league.teams()),
        op!("GET /teams", client.all_teams().into_future()),
        op!("GET /teams/{team_id}", team.get()),
        op!("GET /teams/{team_id}/matches", team.matches()),
        op!("GET /teams/{team_id}/players", team.players()),
        op!("GET /teams/{team_id}/heroes", team.heroes()),
        op!("GET /records/{field}", client.records("kills")),
        op!("GET /live", client.live()),
        op!(
            "GET /scenarios/itemTimings",
            client
                .scenarios()
                .item_timings()
                .hero_id(args.hero)
                .into_future(),
        ),
        op!(
            "GET /scenarios/laneRoles",
            client
                .scenarios()
                .lane_roles()
                .lane_role(LaneRole::Mid)
                .into_future(),
        ),
        op!(
            "GET /scenarios/misc",
            client.scenarios().misc().into_future(),
        ),
        op!("GET /schema", client.schema()),
        op!("GET /constants/{resource}", client.constants().heroes()),
    ]
}

/// Calls every operation once, one after the other, in the spec's order.
pub async fn run(client: &Client, args: &DriftArgs) -> Vec<Check> {
    let mut checks = Vec::with_capacity(OPERATIONS);
    for (operation, call) in calls(client, args) {
        checks.push(Check {
            operation,
            outcome: call.await.map(|_| ()),
            unknown_fields: None,
        });
    }
    checks
}

/// Like [`run`], and also lists, for every operation that succeeded, the fields its answer had
/// that the typed value dropped (except the [`KNOWN_OMISSIONS`]).
///
/// The typed methods are called exactly as in [`run`], on a client whose base URL is a relay on
/// `127.0.0.1` (no limiter, no retries of its own). The relay forwards each request, path and
/// query as they are, through `client` ([`Client::get_json`], or [`Client::post_json`] for the
/// two POSTs, with `client`'s key, limits and retries), keeps the JSON and hands it back, so
/// the typed value and the raw answer come from the one call. An error from the API is
/// reported as `client` returned it. (`client`'s limiter counts the parse request as one call
/// here, not the ten units the API charges for it.)
///
/// # Errors
///
/// When the relay cannot listen on `127.0.0.1`.
pub async fn run_with_unknown_fields(
    client: &Client,
    args: &DriftArgs,
) -> anyhow::Result<Vec<Check>> {
    let relay = Arc::new(Relay {
        upstream: client.clone(),
        answer: Mutex::new(None),
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .context("the relay could not listen on 127.0.0.1")?;
    let address = listener.local_addr()?;
    let local = Client::builder()
        .base_url(format!("http://{address}/"))
        .rate_limit(RateLimit::Disabled)
        .retry(RetryConfig::disabled())
        // The relay answers only once the API did, after `client`'s own waits and retries.
        .timeout(Duration::from_secs(600))
        .build()?;
    let router = Router::new()
        .fallback(forward)
        .with_state(Arc::clone(&relay));
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    let mut checks = Vec::with_capacity(OPERATIONS);
    for (operation, call) in calls(&local, args) {
        let typed = call.await;
        let raw = relay.take();
        let (outcome, unknown_fields) = match (typed, raw) {
            // The API's own error, rather than the relay's 502.
            (_, Some(Err(upstream))) => (Err(upstream), None),
            (Err(e), _) => (Err(e), None),
            (Ok(Ok(typed)), Some(Ok(raw))) => {
                let mut paths = opendota_sdk::unknown_fields(&raw, &typed);
                paths.retain(|path| !KNOWN_OMISSIONS.contains(&(operation, path.as_str())));
                (Ok(()), Some(paths))
            }
            // Never seen (every model serialises); listed rather than compared with nothing.
            (Ok(Err(e)), _) => (
                Ok(()),
                Some(BTreeSet::from([format!(
                    "(the typed value did not serialise: {e})"
                )])),
            ),
            (Ok(Ok(_)), None) => (Ok(()), None),
        };
        checks.push(Check {
            operation,
            outcome,
            unknown_fields,
        });
    }
    server.abort();
    Ok(checks)
}

/// The relay of [`run_with_unknown_fields`]: the real client, and the last answer it got.
struct Relay {
    upstream: Client,
    answer: Mutex<Option<Result<Value, Error>>>,
}

impl Relay {
    fn take(&self) -> Option<Result<Value, Error>> {
        self.answer
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

/// Forwards one request (path and query as received) to the API and keeps the answer.
async fn forward(State(relay): State<Arc<Relay>>, method: Method, uri: Uri) -> Response {
    const NO_QUERY: &[(&str, &str)] = &[];
    let target = uri
        .path_and_query()
        .map_or_else(|| uri.path(), |pq| pq.as_str());
    let answer = if method == Method::POST {
        relay.upstream.post_json::<Value, _>(target, NO_QUERY).await
    } else {
        relay.upstream.get_json::<Value, _>(target, NO_QUERY).await
    };
    let response = match &answer {
        Ok(value) => (
            [(header::CONTENT_TYPE, "application/json")],
            value.to_string(),
        )
            .into_response(),
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    };
    *relay.answer.lock().unwrap_or_else(PoisonError::into_inner) = Some(answer);
    response
}

/// One line per check (`ok`, or `FAIL` with the error), then `N/55 ok`.
#[must_use]
pub fn report(checks: &[Check]) -> String {
    let mut out = String::new();
    for check in checks {
        match &check.outcome {
            Ok(()) => out.push_str(&format!("ok    {}\n", check.operation)),
            Err(e) => out.push_str(&format!("FAIL  {}: {e}\n", check.operation)),
        }
    }
    let ok = checks.iter().filter(|c| c.outcome.is_ok()).count();
    out.push_str(&format!("{ok}/{} ok\n", checks.len()));
    out
}

/// The unknown fields of a [`run_with_unknown_fields`], one line per operation and path
/// (`new   GET /matches/{match_id}: players[].item_neutral2`), then the total:
/// `2 unknown fields in 1 of 55 operations`, or `no unknown fields in 55 operations`. Counts only
/// the operations that succeeded (a failed one has nothing to compare).
#[must_use]
pub fn unknown_fields_report(checks: &[Check]) -> String {
    let mut out = String::new();
    let (mut fields, mut operations, mut compared) = (0, 0, 0);
    for check in checks {
        let Some(paths) = &check.unknown_fields else {
            continue;
        };
        compared += 1;
        if !paths.is_empty() {
            operations += 1;
        }
        for path in paths {
            fields += 1;
            out.push_str(&format!("new   {}: {path}\n", check.operation));
        }
    }
    if fields == 0 {
        out.push_str(&format!("no unknown fields in {compared} operations\n"));
    } else {
        let noun = if fields == 1 { "field" } else { "fields" };
        out.push_str(&format!(
            "{fields} unknown {noun} in {operations} of {compared} operations\n"
        ));
    }
    out
}

/// Whether the run passed: every operation succeeded and, when `strict`, no answer had an
/// unknown field. Unknown fields alone never fail a run that is not strict.
#[must_use]
pub fn passed(checks: &[Check], strict: bool) -> bool {
    checks.iter().all(|c| {
        c.outcome.is_ok() && !(strict && c.unknown_fields.as_ref().is_some_and(|f| !f.is_empty()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(args: &[&str]) -> anyhow::Result<Options> {
        parse_options(args.iter().map(|&a| a.to_owned()))
    }

    #[test]
    fn flags_parse() -> anyhow::Result<()> {
        let plain = options(&["--account", "1", "--job", "7"])?;
        assert!(!plain.unknown_fields && !plain.strict);
        assert_eq!(plain.args.account, AccountId(1));
        assert_eq!(plain.args.job_id, "7");
        let unknown = options(&["--unknown-fields", "--team", "2"])?;
        assert!(unknown.unknown_fields && !unknown.strict);
        assert_eq!(unknown.args.team, TeamId(2));
        let strict = options(&["--strict"])?;
        assert!(strict.unknown_fields && strict.strict);
        assert!(options(&["--hero"]).is_err());
        assert!(options(&["--hero", "x"]).is_err());
        assert!(options(&["--verbose"]).is_err());
        Ok(())
    }
}
