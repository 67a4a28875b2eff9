//! Every real API sample in `../shared/reference/opendota/samples/` (kept outside the repository:
//! real captures, several from older API versions) goes through the typed method that would
//! receive it. Skipped, with a note, where that folder is not beside the checkout.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::path::PathBuf;

use opendota_sdk::{Client, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn samples_dir() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/opendota/samples");
    dir.is_dir().then_some(dir)
}

/// Serves `sample` at `route` and returns a client for it.
async fn serve(server: &MockServer, verb: &str, route: &str, sample: &str) -> Client {
    let body = std::fs::read(samples_dir().unwrap().join(sample)).unwrap();
    server.reset().await;
    Mock::given(method(verb))
        .and(path(format!("/api{route}")))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(body))
        .expect(1)
        .mount(server)
        .await;
    common::client(server)
}

fn check<T>(sample: &str, result: Result<T, Error>) -> T {
    result.unwrap_or_else(|e| panic!("{sample}: {e}"))
}

#[tokio::test]
async fn every_sample_decodes_through_its_typed_method() {
    if samples_dir().is_none() {
        eprintln!("skipped: ../shared/reference/opendota/samples is not beside this checkout");
        return;
    }
    let s = MockServer::start().await;
    macro_rules! sample {
        ($verb:literal, $route:literal, $file:literal, |$c:ident| $call:expr) => {{
            let $c = serve(&s, $verb, $route, $file).await;
            let value = check($file, $call.await);
            s.verify().await;
            value
        }};
    }

    let clusters = sample!("GET", "/constants/cluster", "constants_cluster.json", |c| c
        .constants()
        .clusters());
    assert!(!clusters.is_empty());
    let modes = sample!(
        "GET",
        "/constants/game_mode",
        "constants_game_mode.json",
        |c| c.constants().game_modes()
    );
    assert!(modes.len() >= 20);
    let heroes = sample!("GET", "/constants/heroes", "constants_heroes.json", |c| c
        .constants()
        .heroes());
    assert_eq!(heroes.name(opendota_sdk::HeroId(1)), Some("Anti-Mage"));
    let lobbies = sample!(
        "GET",
        "/constants/lobby_type",
        "constants_lobby_type.json",
        |c| c.constants().lobby_types()
    );
    assert!(!lobbies.is_empty());
    let patches = sample!("GET", "/constants/patch", "constants_patch.json", |c| c
        .constants()
        .patches());
    assert!(!patches.is_empty());
    let regions = sample!("GET", "/constants/region", "constants_region.json", |c| c
        .constants()
        .regions());
    assert!(!regions.is_empty());
    sample!("GET", "/distributions", "distributions.json", |c| c
        .distributions());
    let explorer = sample!("GET", "/explorer", "explorer.json", |c| c
        .explorer("select 1"));
    assert!(!explorer.rows.is_empty());
    let found = sample!("GET", "/findMatches", "findMatches.json", |c| c
        .find_matches()
        .into_future());
    assert!(!found.is_empty());
    let stats = sample!("GET", "/heroStats", "heroStats_legacy.json", |c| c
        .hero_stats());
    assert!(stats.len() > 100);
    sample!(
        "GET",
        "/heroes/1/itemPopularity",
        "heroes_itemPopularity.json",
        |c| c.heroes(1).item_popularity()
    );
    let leagues = sample!("GET", "/leagues", "leagues.json", |c| c.all_leagues());
    assert!(leagues.len() > 100);
    for file in [
        "matches_match_parsed.json",
        "matches_match_unparsed.json",
        "matches_match_web_4080856812.json",
    ] {
        let c = serve(&s, "GET", "/matches/1", file).await;
        let m = check(file, c.matches(1_u64).get().await);
        assert_eq!(m.players.len(), 10, "{file}");
    }
    sample!("GET", "/metadata", "metadata.json", |c| c.metadata());
    let legacy = sample!(
        "GET",
        "/players/101695162",
        "players_account_legacy.json",
        |c| c.players(101_695_162).get()
    );
    assert_eq!(legacy.rank_tier.map(|t| t.0), Some(80));
    sample!(
        "GET",
        "/players/101695162/counts",
        "players_counts.json",
        |c| c.players(101_695_162).counts().into_future()
    );
    let played = sample!(
        "GET",
        "/players/101695162/heroes",
        "players_heroes_legacy.json",
        |c| c.players(101_695_162).heroes().into_future()
    );
    assert!(played.len() > 100, "string hero ids decode");
    sample!(
        "GET",
        "/players/101695162/histograms/kills",
        "players_histograms_kills.json",
        |c| c.players(101_695_162).histograms("kills").into_future()
    );
    for file in [
        "players_matches_project_kills_hero_start.json",
        "players_matches_sort_kills_limit20.json",
    ] {
        let c = serve(&s, "GET", "/players/101695162/matches", file).await;
        assert!(!check(file, c.players(101_695_162).matches().await).is_empty());
    }
    sample!(
        "GET",
        "/players/101695162/peers",
        "players_peers.json",
        |c| c.players(101_695_162).peers().into_future()
    );
    sample!(
        "GET",
        "/players/101695162/rankings",
        "players_rankings.json",
        |c| c.players(101_695_162).rankings()
    );
    sample!(
        "GET",
        "/players/101695162/ratings",
        "players_ratings.json",
        |c| c.players(101_695_162).ratings()
    );
    let recent = sample!(
        "GET",
        "/players/101695162/recentMatches",
        "players_recentMatches.json",
        |c| c.players(101_695_162).recent_matches()
    );
    assert_eq!(recent.len(), 20);
    sample!(
        "GET",
        "/players/101695162/totals",
        "players_totals.json",
        |c| c.players(101_695_162).totals().into_future()
    );
    let wl = sample!("GET", "/players/101695162/wl", "players_wl.json", |c| c
        .players(101_695_162)
        .wl()
        .into_future());
    assert!(wl.games() > 0);
    sample!("GET", "/proMatches", "proMatches.json", |c| c
        .pro_matches()
        .into_future());
    let pros = sample!("GET", "/proPlayers", "proPlayers.json", |c| c.pro_players());
    assert!(pros.len() > 1000);
    let public = sample!("GET", "/publicMatches", "publicMatches.json", |c| c
        .public_matches()
        .into_future());
    assert!(!public.is_empty());
    sample!("GET", "/records/kills", "records_kills.json", |c| c
        .records("kills"));
    sample!("GET", "/schema", "schema.json", |c| c.schema());
    let found = sample!("GET", "/search", "search_legacy_elasticsearch.json", |c| c
        .search("grads"));
    assert_eq!(found.len(), 50);
    let teams = sample!("GET", "/teams", "teams.json", |c| c
        .all_teams()
        .into_future());
    assert!(!teams.is_empty());
}
