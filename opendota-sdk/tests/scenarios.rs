//! `GET /scenarios/itemTimings`, `/scenarios/laneRoles`, `/scenarios/misc`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::{HeroId, LaneRole, Region};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer};

fn assert_close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[tokio::test]
async fn item_timings_send_item_and_hero_and_decode_string_counts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/scenarios/itemTimings"))
        .and(query_param("item", "bfury"))
        .and(query_param("hero_id", "1"))
        .respond_with(common::json_fixture("scenarios_item_timings__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let rows = common::client(&server)
        .scenarios()
        .item_timings()
        .item("bfury")
        .hero_id(1)
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].hero_id, Some(HeroId(1)));
    assert_eq!(rows[0].item.as_deref(), Some("bfury"));
    assert_eq!(rows[0].time, Some(720));
    assert_eq!(rows[0].games, Some(1840), "games is a string on the wire");
    assert_eq!(rows[0].wins, Some(1093));
    assert_close(rows[1].win_rate(), 2731.0 / 5120.0);
}

#[tokio::test]
async fn item_timings_without_filters_send_no_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/scenarios/itemTimings"))
        .and(query_param_is_missing("item"))
        .and(query_param_is_missing("hero_id"))
        .respond_with(common::json_fixture("scenarios_item_timings__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let client = common::client(&server);
    let request = client.scenarios().item_timings();
    assert_eq!(request.query_string(), "");
    assert_eq!(request.await.unwrap().len(), 3);
}

#[tokio::test]
async fn lane_roles_send_the_role_code() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/scenarios/laneRoles"))
        .and(query_param("lane_role", "2"))
        .and(query_param("hero_id", "14"))
        .respond_with(common::json_fixture("scenarios_lane_roles__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let rows = common::client(&server)
        .scenarios()
        .lane_roles()
        .lane_role(LaneRole::Mid)
        .hero_id(HeroId(14))
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].lane_role, Some(LaneRole::Mid));
    assert_eq!(rows[1].time, Some(1800));
    assert_eq!(rows[1].games, Some(2041));
    assert_close(rows[0].win_rate(), 50.0 / 88.0);
    assert_eq!(rows[2].games, Some(0));
    assert_eq!(rows[2].win_rate(), None, "no games, no win rate");
}

#[tokio::test]
async fn misc_sends_the_scenario() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/scenarios/misc"))
        .and(query_param("scenario", "first_blood"))
        .respond_with(common::json_fixture("scenarios_misc__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let rows = common::client(&server)
        .scenarios()
        .misc()
        .scenario("first_blood")
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].scenario.as_deref(), Some("first_blood"));
    assert_eq!(rows[0].is_radiant, Some(true));
    assert_eq!(rows[0].region, Some(Region::Europe));
    assert_eq!(rows[0].games, Some(40211));
    assert_eq!(rows[1].is_radiant, Some(false));
    assert_eq!(
        rows[2].region,
        Some(Region::Unknown(0)),
        "region 0 = unknown cluster"
    );
    assert_close(rows[2].win_rate(), 5.0 / 12.0);
}
