//! The schema-drift checker behind `opendota_drift`: every one of the 55 OpenDota operations,
//! called once through the typed methods, each reported as ok or as the error (with the JSON path
//! where decoding failed).

use std::future::Future;
use std::pin::Pin;

use opendota_sdk::{AccountId, Client, Error, HeroId, LaneRole, LeagueId, MatchId, TeamId};

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

/// The outcome of one operation.
#[derive(Debug)]
pub struct Check {
    /// `METHOD /path` as in the OpenAPI spec.
    pub operation: &'static str,
    /// `Ok` or the error the typed call returned.
    pub outcome: Result<(), Error>,
}

type Pending<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>>;

fn op<'a, F, T>(operation: &'static str, call: F) -> (&'static str, Pending<'a>)
where
    F: Future<Output = Result<T, Error>> + Send + 'a,
{
    (operation, Box::pin(async move { call.await.map(|_| ()) }))
}

/// How many operations [`run`] checks.
pub const OPERATIONS: usize = 55;

/// Calls every operation once, one after the other, in the spec's order.
pub async fn run(client: &Client, args: &DriftArgs) -> Vec<Check> {
    let player = client.players(args.account);
    let hero = client.heroes(args.hero);
    let league = client.leagues(args.league);
    let team = client.teams(args.team);
    let calls: Vec<(&'static str, Pending<'_>)> = vec![
        op(
            "GET /matches/{match_id}",
            client.matches(args.match_id).get(),
        ),
        op("GET /players/{account_id}", player.get()),
        op(
            "GET /players/{account_id}/wl",
            player.wl().limit(20).into_future(),
        ),
        op(
            "GET /players/{account_id}/recentMatches",
            player.recent_matches(),
        ),
        op(
            "GET /players/{account_id}/matches",
            player.matches().limit(20).project("kills").into_future(),
        ),
        op(
            "GET /players/{account_id}/heroes",
            player.heroes().into_future(),
        ),
        op(
            "GET /players/{account_id}/peers",
            player.peers().limit(100).into_future(),
        ),
        op(
            "GET /players/{account_id}/pros",
            player.pros().limit(100).into_future(),
        ),
        op(
            "GET /players/{account_id}/totals",
            player.totals().into_future(),
        ),
        op(
            "GET /players/{account_id}/counts",
            player.counts().into_future(),
        ),
        op(
            "GET /players/{account_id}/histograms/{field}",
            player.histograms("kills").limit(100).into_future(),
        ),
        op(
            "GET /players/{account_id}/wardmap",
            player.wardmap().limit(20).into_future(),
        ),
        op(
            "GET /players/{account_id}/wordcloud",
            player.wordcloud().limit(20).into_future(),
        ),
        op("GET /players/{account_id}/ratings", player.ratings()),
        op("GET /players/{account_id}/rankings", player.rankings()),
        op("POST /players/{account_id}/refresh", player.refresh()),
        op("GET /topPlayers", client.top_players().into_future()),
        op("GET /proPlayers", client.pro_players().into_future()),
        op("GET /proMatches", client.pro_matches().into_future()),
        op("GET /publicMatches", client.public_matches().into_future()),
        op("GET /parsedMatches", client.parsed_matches().into_future()),
        op(
            "GET /explorer",
            client
                .explorer("SELECT match_id, duration FROM matches ORDER BY match_id DESC LIMIT 3"),
        ),
        op("GET /metadata", client.metadata()),
        op("GET /distributions", client.distributions()),
        op("GET /search", client.search("Miracle")),
        op("GET /rankings", hero.rankings()),
        op("GET /benchmarks", hero.benchmarks().into_future()),
        op("GET /health", client.health()),
        op(
            "GET /request/{jobId}",
            client.parse_job(args.job_id.clone()),
        ),
        op(
            "POST /request/{match_id}",
            client.parse_request(args.match_id),
        ),
        op(
            "GET /findMatches",
            client
                .find_matches()
                .team_a(args.hero)
                .team_b(HeroId(2))
                .into_future(),
        ),
        op("GET /heroes", client.all_heroes().into_future()),
        op("GET /heroStats", client.hero_stats().into_future()),
        op("GET /heroes/{hero_id}/matches", hero.matches()),
        op("GET /heroes/{hero_id}/matchups", hero.matchups()),
        op("GET /heroes/{hero_id}/durations", hero.durations()),
        op("GET /heroes/{hero_id}/players", hero.players()),
        op(
            "GET /heroes/{hero_id}/itemPopularity",
            hero.item_popularity(),
        ),
        op("GET /leagues", client.all_leagues().into_future()),
        op("GET /leagues/{league_id}", league.get()),
        op("GET /leagues/{league_id}/matches", league.matches()),
        op("GET /leagues/{league_id}/matchIds", league.match_ids()),
        op("GET /leagues/{league_id}/teams", league.teams()),
        op("GET /teams", client.all_teams().into_future()),
        op("GET /teams/{team_id}", team.get()),
        op("GET /teams/{team_id}/matches", team.matches()),
        op("GET /teams/{team_id}/players", team.players()),
        op("GET /teams/{team_id}/heroes", team.heroes()),
        op("GET /records/{field}", client.records("kills")),
        op("GET /live", client.live()),
        op(
            "GET /scenarios/itemTimings",
            client
                .scenarios()
                .item_timings()
                .hero_id(args.hero)
                .into_future(),
        ),
        op(
            "GET /scenarios/laneRoles",
            client
                .scenarios()
                .lane_roles()
                .lane_role(LaneRole::Mid)
                .into_future(),
        ),
        op(
            "GET /scenarios/misc",
            client.scenarios().misc().into_future(),
        ),
        op("GET /schema", client.schema()),
        op("GET /constants/{resource}", client.constants().heroes()),
    ];
    let mut checks = Vec::with_capacity(calls.len());
    for (operation, call) in calls {
        checks.push(Check {
            operation,
            outcome: call.await,
        });
    }
    checks
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
