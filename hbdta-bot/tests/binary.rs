//! The `hbdta-bot` binary as a person runs it: configuration errors, `serve` against local fakes of
//! both APIs, and a graceful stop on SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use common::served::{BIN, Served, fakes, help_from, wait_for_sends};
use serde_json::json;
use std::process::Command;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn a_missing_or_empty_secret_stops_it_with_status_2_naming_it() {
    let out = Command::new(BIN)
        .env_clear()
        .env("MESSENGER_PAGE_ACCESS_TOKEN", "token-value")
        .env("MESSENGER_APP_SECRET", "")
        .env("MESSENGER_VERIFY_TOKEN", "verify")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("MESSENGER_APP_SECRET"), "{stderr}");
    assert!(
        !stderr.contains("token-value"),
        "no secret in the message: {stderr}"
    );
}

#[tokio::test]
async fn serves_answers_and_stops_gracefully_on_sigterm() {
    let (opendota, graph) = fakes().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hbdta.db");
    let url = format!("sqlite:{}", db.display());
    let bot = Served::start(&opendota, &graph, &[("HBDTA_DATABASE_URL", &url)]).await;
    assert_eq!(bot.post(&help_from("42", "m_bin")).await, 200);
    // The help answer arrives at the fake Graph API: seen, typing, the text.
    wait_for_sends(&graph, 3).await;
    let sent: Vec<serde_json::Value> = graph
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(sent[2]["recipient"]["id"], "42");
    assert!(sent[2]["message"]["text"].is_string());
    bot.stop().await;
    assert!(db.exists(), "the SQLite file was created");
}

#[test]
fn a_store_that_cannot_be_opened_stops_it_with_status_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-such-dir").join("hbdta.db");
    for (url, named) in [
        (format!("sqlite:{}", db.display()), db.display().to_string()),
        (
            "mysql://db/hbdta".to_owned(),
            "HBDTA_DATABASE_URL".to_owned(),
        ),
    ] {
        let out = Command::new(BIN)
            .env_clear()
            .env("MESSENGER_PAGE_ACCESS_TOKEN", "token-value")
            .env("MESSENGER_APP_SECRET", "secret-value")
            .env("MESSENGER_VERIFY_TOKEN", "verify")
            .env("HBDTA_DATABASE_URL", &url)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&named), "{url}: {stderr}");
        assert!(!stderr.contains("secret-value"), "{stderr}");
    }
}

#[tokio::test]
async fn two_processes_sharing_one_sqlite_file_answer_a_redelivery_once() {
    let (opendota, graph) = fakes().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("shared.db").display());
    let env = [("HBDTA_DATABASE_URL", url.as_str())];
    let (one, two) = tokio::join!(
        Served::start(&opendota, &graph, &env),
        Served::start(&opendota, &graph, &env)
    );
    // Meta delivers the same message to both (a retry landing on the other instance), and
    // each instance a second time.
    let body = help_from("43", "m_shared");
    let statuses = tokio::join!(one.post(&body), two.post(&body));
    assert_eq!(statuses, (200, 200));
    assert_eq!((one.post(&body).await, two.post(&body).await), (200, 200));
    // Another message, to know when both are idle: answered by the instance it reaches.
    assert_eq!(two.post(&help_from("43", "m_after")).await, 200);
    wait_for_sends(&graph, 6).await;
    one.stop().await;
    two.stop().await;
    let sent: Vec<serde_json::Value> = graph
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(
        sent.len(),
        6,
        "two answers (seen, typing, text) — m_shared once, m_after once: {sent:#?}"
    );
}

#[test]
fn serve_needs_one_platform_and_names_what_a_partial_one_lacks() {
    let run = |vars: &[(&str, &str)]| {
        let mut command = Command::new(BIN);
        command.env_clear();
        for (k, v) in vars {
            command.env(k, v);
        }
        let out = command.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = run(&[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("MESSENGER_PAGE_ACCESS_TOKEN") && stderr.contains("TELEGRAM_BOT_TOKEN"),
        "{stderr}"
    );
    let (code, stderr) = run(&[("TELEGRAM_BOT_TOKEN", "123:secret-token-value")]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("TELEGRAM_WEBHOOK_SECRET"), "{stderr}");
    assert!(!stderr.contains("secret-token-value"), "{stderr}");
    let out = Command::new(BIN)
        .env_clear()
        .arg("poll")
        .env("TELEGRAM_WEBHOOK_SECRET", "s")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("TELEGRAM_BOT_TOKEN"), "{stderr}");
}

#[tokio::test]
async fn telegram_set_webhook_registers_the_route_with_the_secret() {
    let api = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/bot123:bin-token/SetWebhook"))
        // A multipart form (teloxide sends setWebhook as one).
        .and(body_string_contains(
            "name=\"url\"\r\n\r\nhttps://bot.example.com/telegram/webhook\r\n",
        ))
        .and(body_string_contains(
            "name=\"secret_token\"\r\n\r\nbin-hook-secret\r\n",
        ))
        .and(body_string_contains(
            "name=\"allowed_updates\"\r\n\r\n[\"message\",\"edited_message\",\"callback_query\"]\r\n",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true, "result": true})))
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(method("POST"))
        .and(path("/bot123:bin-token/DeleteWebhook"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true, "result": true})))
        .expect(1)
        .mount(&api)
        .await;
    let run = |args: &'static [&'static str]| {
        let uri = api.uri();
        async move {
            tokio::task::spawn_blocking(move || {
                Command::new(BIN)
                    .env_clear()
                    .args(args)
                    .env("TELEGRAM_BOT_TOKEN", "123:bin-token")
                    .env("TELEGRAM_WEBHOOK_SECRET", "bin-hook-secret")
                    .env("TELEGRAM_API_URL", uri)
                    .output()
                    .unwrap()
            })
            .await
            .unwrap()
        }
    };
    let out = run(&["telegram", "set-webhook", "https://bot.example.com/"]).await;
    let received: Vec<(String, String)> = api
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.url.path().to_owned(),
                String::from_utf8_lossy(&r.body).into_owned(),
            )
        })
        .collect();
    assert!(
        out.status.success(),
        "{} {received:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("https://bot.example.com/telegram/webhook")
    );
    let out = run(&["telegram", "delete-webhook"]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn ask_png_writes_the_stats_picture() {
    let opendota = common::opendota_with_constants().await;
    common::mount_player(&opendota, 86745912, "arteezy", 29).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("arteezy.png");
    let run = |args: Vec<String>| {
        let base = format!("{}/api", opendota.uri());
        async move {
            tokio::task::spawn_blocking(move || {
                Command::new(BIN)
                    .env_clear()
                    .arg("ask")
                    .args(args)
                    .env("OPENDOTA_BASE_URL", base)
                    .output()
                    .unwrap()
            })
            .await
            .unwrap()
        }
    };
    let out = run(vec![
        "--png".to_owned(),
        file.display().to_string(),
        "86745912".to_owned(),
    ])
    .await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("|   picture: drawn (ask --png FILE saves it)"),
        "{stdout}"
    );
    let png = std::fs::read(&file).unwrap();
    assert!(
        stdout.contains(&format!(
            "picture: {} ({} bytes)",
            file.display(),
            png.len()
        )),
        "{stdout}"
    );
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (800, 418));

    // An answer without a picture: exit 1, saying so.
    let out = run(vec![
        "--png".to_owned(),
        dir.path().join("help.png").display().to_string(),
        "help".to_owned(),
    ])
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("this answer has no picture (the stats and the last match have one)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.path().join("help.png").exists());
}
