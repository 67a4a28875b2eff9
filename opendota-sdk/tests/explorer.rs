//! `GET /explorer`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use opendota_sdk::Error;
use opendota_sdk::models::explorer::ExplorerResult;
use serde::Deserialize;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SQL: &str =
    "SELECT hero_id, count(*) games FROM player_matches WHERE x = 'a&b' GROUP BY hero_id";

#[derive(Debug, Deserialize, PartialEq)]
struct HeroRow {
    hero_id: u16,
    games: u64,
    pickrate: f64,
    winrate: Option<String>,
}

#[tokio::test]
async fn explorer_sends_the_sql_and_decodes_rows() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/explorer"))
        .and(query_param("sql", SQL))
        .respond_with(common::json_fixture("explorer__current"))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let result = common::client(&server).explorer(SQL).await.unwrap();
    assert_eq!(result.command.as_deref(), Some("SELECT"));
    assert_eq!(result.row_count, Some(3));
    assert_eq!(result.rows.len(), 3);
    assert_eq!(result.rows[0]["hero_id"], 129);
    assert_eq!(
        result.rows[0]["winrate"], "0.52175",
        "numeric column is a string"
    );
    assert_eq!(
        result.column_names(),
        ["hero_id", "games", "pickrate", "winrate"]
    );
    assert!(result.err.is_none());

    let rows: Vec<HeroRow> = result.rows_as().unwrap();
    assert_eq!(
        rows[1],
        HeroRow {
            hero_id: 14,
            games: 40_077,
            pickrate: 0.3146,
            winrate: Some("0.49510".to_owned())
        }
    );
    assert_eq!(rows[2].winrate, None);
}

#[test]
fn explorer_fixtures_decode() {
    let result: ExplorerResult =
        serde_json::from_str(&common::fixture("explorer__current")).unwrap();
    let winrate = &result.fields[3];
    assert_eq!(winrate.name, "winrate");
    assert_eq!(winrate.data_type_id, Some(1700));
    assert_eq!(winrate.data_type_size, Some(-1));
    assert_eq!(winrate.table_id, Some(0));
    assert_eq!(result.fields[0].table_id, Some(930_986_300));
    assert_eq!(result.fields[0].column_id, Some(3));
    assert_eq!(result.fields[0].data_type_modifier, Some(-1));
    assert_eq!(result.fields[0].format.as_deref(), Some("text"));
    assert!(result.rows[2]["winrate"].is_null());

    let error: ExplorerResult =
        serde_json::from_str(&common::fixture("explorer__sql_error")).unwrap();
    assert!(error.rows.is_empty() && error.fields.is_empty() && error.command.is_none());
    assert_eq!(
        error.err.as_deref(),
        Some("error: relation \"hero_pickz\" does not exist")
    );
}

#[test]
fn rows_as_reports_a_row_that_does_not_fit() {
    let result: ExplorerResult =
        serde_json::from_str(&common::fixture("explorer__current")).unwrap();
    #[derive(Debug, Deserialize)]
    struct Wrong {
        #[allow(dead_code, reason = "decoded only")]
        winrate: f64,
    }
    assert!(
        result.rows_as::<Wrong>().is_err(),
        "a numeric string is not an f64"
    );
}

#[tokio::test]
async fn explorer_sql_error_is_a_400_api_error_with_the_body_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/explorer"))
        .and(query_param("sql", "SELECT * FROM hero_pickz"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("content-type", "application/json; charset=utf-8")
                .set_body_string(common::fixture("explorer__sql_error")),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server)
        .explorer("SELECT * FROM hero_pickz")
        .await
        .unwrap_err();
    assert!(!err.is_retryable());
    match err {
        Error::Api {
            status,
            message,
            body,
        } => {
            assert_eq!(status.as_u16(), 400);
            assert!(
                body.contains(r#"relation \"hero_pickz\" does not exist"#),
                "{body}"
            );
            assert_eq!(
                message.as_deref(),
                Some("error: relation \"hero_pickz\" does not exist")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn explorer_keeps_the_servers_error_message() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/explorer"))
        .respond_with(
            ResponseTemplate::new(400).set_body_string(r#"{"error":"sql is not a string"}"#),
        )
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server)
        .explorer("SELECT 1")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Api { ref message, .. } if message.as_deref() == Some("sql is not a string")),
        "{err:?}"
    );
}

#[tokio::test]
async fn empty_sql_is_refused_before_sending() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);
    for sql in ["", "  \n\t "] {
        let err = client.explorer(sql).await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    let owned = String::new();
    assert!(matches!(
        client.explorer(owned).await,
        Err(Error::InvalidInput(_))
    ));
    assert!(server.received_requests().await.unwrap().is_empty());
}
