//! Server information: `GET /metadata`, `/distributions`, `/health`, `/schema`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::models::metadata::{Distributions, Health, Metadata, SchemaColumn};
use opendota_sdk::{Error, RankTier};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(route: &str, fixture: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(common::json_fixture(fixture))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    server
}

#[tokio::test]
async fn metadata_reads_the_live_limits() {
    let server = serve("/api/metadata", "metadata__current").await;
    let meta = common::client(&server).metadata().await.unwrap();
    assert_eq!(meta.free_call_limit, Some(3000));
    assert_eq!(meta.free_rate_limit, Some(60));
    assert_eq!(meta.prem_rate_limit, Some(300));
    assert_eq!(meta.is_subscriber, Some(false));
    assert_eq!(meta.beta, Some(false));
    assert!(meta.user.is_none() && meta.banner.is_none() && meta.cheese.is_none());
    let scenarios = meta.scenarios.unwrap();
    assert_eq!(scenarios.item_cost, Some(2000));
    assert_eq!(scenarios.timings, [300, 600, 900, 1200]);
    assert_eq!(scenarios.game_duration_bucket, [1200, 2400, 3600]);
    assert_eq!(scenarios.team_scenarios_query_params[0], "first_blood");
}

#[test]
fn metadata_fixtures_decode() {
    let current: Metadata = serde_json::from_str(&common::fixture("metadata__current")).unwrap();
    assert_eq!(current.free_rate_limit, Some(60));

    let legacy: Metadata =
        serde_json::from_str(&common::fixture("metadata__legacy_cheese")).unwrap();
    assert_eq!(legacy.free_call_limit, None, "2018 answers have no limits");
    assert!(legacy.banner.is_none(), "null banner");
    let cheese = legacy.cheese.unwrap();
    assert_eq!(
        (cheese.cheese, cheese.goal),
        (Some(41), Some(250)),
        "numeric strings"
    );
    let scenarios = legacy.scenarios.unwrap();
    assert_eq!(scenarios.item_cost, Some(1400), "numeric string");
    assert_eq!(
        scenarios.team_scenarios_query_params,
        ["neg_chat_1min", "first_blood"]
    );
}

#[tokio::test]
async fn distributions_reads_the_rank_histogram() {
    let server = serve("/api/distributions", "distributions__current").await;
    let dist = common::client(&server).distributions().await.unwrap();
    let ranks = dist.ranks.unwrap();
    assert_eq!(ranks.rows.len(), 4);
    assert_eq!(ranks.rows[0].rank_tier(), Some(RankTier(11)));
    assert_eq!(ranks.rows[2].count, Some(61_200));
    assert_eq!(ranks.rows[3].cumulative_sum, Some(70_000));
    assert_eq!(ranks.total(), 70_000);
    assert!(dist.mmr.is_none() && dist.country_mmr.is_none());
}

#[test]
fn distributions_fixtures_decode() {
    let current: Distributions =
        serde_json::from_str(&common::fixture("distributions__current")).unwrap();
    assert_eq!(current.ranks.unwrap().sum.unwrap().count, Some(70_000));

    let empty: Distributions =
        serde_json::from_str(&common::fixture("distributions__empty")).unwrap();
    assert!(empty.ranks.is_none(), "null before the server computed it");

    let legacy: Distributions =
        serde_json::from_str(&common::fixture("distributions__legacy_pg_results")).unwrap();
    let ranks = legacy.ranks.unwrap();
    assert_eq!(ranks.command.as_deref(), Some("SELECT"));
    assert_eq!(ranks.row_count, Some(3));
    assert_eq!(ranks.rows[1].count, Some(58_000), "numeric string");
    assert_eq!(ranks.rows[1].cumulative_sum, Some(58_290));
    let mmr = legacy.mmr.unwrap();
    assert_eq!(mmr.rows[1].bin, Some(1));
    assert_eq!(mmr.rows[1].bin_name, Some(100));
    assert_eq!(mmr.total(), 18_700);
    let countries = legacy.country_mmr.unwrap();
    assert_eq!(countries.rows.len(), 3);
    assert_eq!(countries.rows[0].loccountrycode.as_deref(), Some("IS"));
    assert_eq!(countries.rows[0].avg, Some(3611.0), "numeric string avg");
    assert_eq!(countries.rows[1].avg, Some(3390.5));
    assert_eq!(countries.rows[1].common.as_deref(), Some("New Zealand"));
    assert_eq!(countries.rows[2].avg, None);
}

#[tokio::test]
async fn health_reads_every_check() {
    let server = serve("/api/health", "health__current").await;
    let health = common::client(&server).health().await.unwrap();
    assert_eq!(health.checks.len(), 4);
    assert!(health.is_healthy());
    assert!(health.failing().is_empty());
    let parse = &health.checks["parseDelay"];
    assert_eq!(parse.metric, Some(1234.0));
    assert_eq!(parse.limit, Some(50_000.0));
    assert_eq!(parse.timestamp, Some(1_719_850_002));
    assert_eq!(
        health.checks["cassandraUsage"].metric,
        Some(4_398_046_511_104.0),
        "64-bit metric sent as a string"
    );
}

#[tokio::test]
async fn health_500_is_an_api_error_with_the_checks_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/health"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("content-type", "application/json")
                .set_body_string(common::fixture("health__unhealthy")),
        )
        .expect(1..)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server).health().await.unwrap_err();
    match err {
        Error::Api { status, body, .. } => {
            assert_eq!(status.as_u16(), 500);
            let health: Health = serde_json::from_str(&body).unwrap();
            assert_eq!(health.failing(), ["parseDelay"]);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn health_null_means_no_checks() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/health"))
        .respond_with(ResponseTemplate::new(200).set_body_string("null"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let health = common::client(&server).health().await.unwrap();
    assert!(health.checks.is_empty());
}

#[test]
fn health_fixtures_decode() {
    let current: Health = serde_json::from_str(&common::fixture("health__current")).unwrap();
    assert_eq!(current.checks["retriever"].limit, Some(600.0));

    let legacy: Health =
        serde_json::from_str(&common::fixture("health__legacy_threshold")).unwrap();
    assert_eq!(
        legacy.checks["random_match"].limit,
        Some(1.0),
        "threshold read as limit"
    );
    assert!(legacy.checks["random_match"].is_healthy());
    assert_eq!(legacy.checks["seq_num_delay"].timestamp, None);
    assert_eq!(legacy.failing(), ["steam_api"], "metric == limit fails");
    assert!(!legacy.is_healthy());

    let unhealthy: Health = serde_json::from_str(&common::fixture("health__unhealthy")).unwrap();
    assert_eq!(unhealthy.checks["parseDelay"].metric, Some(72_000.0));
    assert!(!unhealthy.checks["parseDelay"].is_healthy());
}

#[tokio::test]
async fn schema_lists_columns() {
    let server = serve("/api/schema", "schema__current").await;
    let columns = common::client(&server).schema().await.unwrap();
    assert_eq!(columns.len(), 5);
    assert_eq!(columns[0].table_name, "matches");
    assert_eq!(columns[0].column_name, "match_id");
    assert_eq!(columns[0].data_type, "bigint");
    assert_eq!(columns[2].data_type, "ARRAY");
}

#[test]
fn schema_fixture_decodes() {
    let columns: Vec<SchemaColumn> =
        serde_json::from_str(&common::fixture("schema__current")).unwrap();
    assert_eq!(columns[4].table_name, "team_rating");
    assert_eq!(columns[4].data_type, "real");
}
