//! `echo_bot` run as a program, with a local fake Graph API behind it: signed webhook bodies in,
//! the exact Send API calls out.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use messenger_sdk::webhook::SignatureVerifier;
use serde_json::json;
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "echo-app-secret";
const VERIFY: &str = "echo-verify-token";
const TOKEN: &str = "echo-page-token";

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/messenger")
        .join(format!("{name}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bot process; killed when dropped.
struct Bot {
    child: Child,
    url: String,
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start_bot(graph: &MockServer) -> Bot {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_echo_bot"))
        .env("MESSENGER_VERIFY_TOKEN", VERIFY)
        .env("MESSENGER_APP_SECRET", SECRET)
        .env("MESSENGER_PAGE_ACCESS_TOKEN", TOKEN)
        .env("MESSENGER_GRAPH_URL", graph.uri())
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let bot = Bot {
        child,
        url: format!("http://127.0.0.1:{port}/webhook"),
    };
    let started = Instant::now();
    let http = reqwest::Client::new();
    while started.elapsed() < Duration::from_secs(20) {
        if http.get(&bot.url).send().await.is_ok() {
            return bot;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("echo_bot did not start");
}

async fn post_signed(bot: &Bot, body: &[u8], signature: Option<String>) -> u16 {
    let mut request = reqwest::Client::new()
        .post(&bot.url)
        .header("content-type", "application/json")
        .body(body.to_vec());
    if let Some(signature) = signature {
        request = request.header("x-hub-signature-256", signature);
    }
    request.send().await.unwrap().status().as_u16()
}

fn send_api() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/v25.0/me/messages"))
        .and(query_param("access_token", TOKEN))
}

/// Waits until the fake Graph API has seen `n` requests (the bot answers in the background).
async fn wait_for_requests(graph: &MockServer, n: usize) -> Vec<wiremock::Request> {
    let started = Instant::now();
    loop {
        let received = graph.received_requests().await.unwrap();
        if received.len() >= n || started.elapsed() > Duration::from_secs(10) {
            return received;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Stops the bot with SIGTERM and waits (10 s at most) until it has exited, which it does only
/// after every answer on its way was sent; then every request the fake Graph API received.
async fn stop_and_count(mut bot: Bot, graph: &MockServer) -> Vec<wiremock::Request> {
    let term = Command::new("kill")
        .args(["-TERM", &bot.child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let started = Instant::now();
    loop {
        if let Some(status) = bot.child.try_wait().unwrap() {
            assert!(status.success(), "exits cleanly on SIGTERM: {status:?}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "did not stop on SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    graph.received_requests().await.unwrap()
}

fn sent_texts(requests: &[wiremock::Request]) -> Vec<(String, String)> {
    requests
        .iter()
        .filter_map(|r| {
            let body: serde_json::Value = serde_json::from_slice(&r.body).ok()?;
            Some((
                body["recipient"]["id"].as_str()?.to_owned(),
                body["message"]["text"].as_str()?.to_owned(),
            ))
        })
        .collect()
}

#[tokio::test]
async fn handshake_and_signature_rules() {
    let graph = MockServer::start().await;
    let bot = start_bot(&graph).await;
    let http = reqwest::Client::new();
    let ok = http
        .get(format!(
            "{}?hub.mode=subscribe&hub.verify_token={VERIFY}&hub.challenge=1158201444",
            bot.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status().as_u16(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");
    let bad = http
        .get(format!(
            "{}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1",
            bot.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 403);

    let body = fixture("webhook__text");
    assert_eq!(
        post_signed(&bot, &body, None).await,
        403,
        "missing signature"
    );
    let wrong = SignatureVerifier::new("not-the-secret").sign(&body);
    assert_eq!(
        post_signed(&bot, &body, Some(wrong)).await,
        403,
        "wrong secret"
    );
    let mut tampered = body.clone();
    tampered[40] ^= 1;
    let signature = SignatureVerifier::new(SECRET).sign(&body);
    assert_eq!(
        post_signed(&bot, &tampered, Some(signature)).await,
        403,
        "tampered body"
    );
    assert!(
        graph.received_requests().await.unwrap().is_empty(),
        "nothing is sent for refused bodies"
    );
}

#[tokio::test]
async fn echoes_every_text_of_a_batched_body_to_the_right_people() {
    let graph = MockServer::start().await;
    send_api()
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"recipient_id": "7000000000000001", "message_id": "m_out"})),
        )
        .mount(&graph)
        .await;
    let bot = start_bot(&graph).await;
    let body = fixture("webhook__batched");
    let signature = SignatureVerifier::new(SECRET).sign(&body);
    assert_eq!(post_signed(&bot, &body, Some(signature)).await, 200);

    // Two messages from one person: each is marked seen, then echoed, in order. The read,
    // postback and delivery events get no answer.
    let requests = wait_for_requests(&graph, 4).await;
    let requests_after = stop_and_count(bot, &graph).await;
    assert_eq!(
        requests_after.len(),
        4,
        "no extra sends: {:?}",
        sent_texts(&requests_after)
    );
    assert_eq!(
        sent_texts(&requests),
        vec![
            ("7000000000000001".to_owned(), "hero stats".to_owned()),
            ("7000000000000001".to_owned(), "pudge".to_owned()),
        ]
    );
    let seen = requests
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains("mark_seen"))
        .count();
    assert_eq!(seen, 2);
    for request in &requests {
        let proof = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "appsecret_proof");
        assert!(
            proof.is_some_and(|(_, v)| v.len() == 64),
            "every call carries appsecret_proof"
        );
    }
}

#[tokio::test]
async fn emoji_come_back_intact_attachments_are_named_echoes_ignored() {
    let graph = MockServer::start().await;
    send_api()
        .and(body_partial_json(json!({"sender_action": "mark_seen"})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"recipient_id": "7000000000000001"})),
        )
        .mount(&graph)
        .await;
    send_api()
        .and(body_partial_json(json!({
            "recipient": {"id": "7000000000000001"},
            "message": {"text": "gg wp 🔥🏆 élève 你好 ❤️ 👨‍💻 mail me@x.io https://dotabuff.com/players/1 <b>"}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message_id": "m_1"})))
        .expect(1)
        .mount(&graph)
        .await;
    send_api()
        .and(body_partial_json(
            json!({"message": {"text": "Thanks for the image!"}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message_id": "m_2"})))
        .expect(1)
        .mount(&graph)
        .await;
    let bot = start_bot(&graph).await;
    let verifier = SignatureVerifier::new(SECRET);
    for name in [
        "webhook__text_emoji_escaped",
        "webhook__image_reply_to",
        "webhook__echo",
    ] {
        let body = fixture(name);
        assert_eq!(
            post_signed(&bot, &body, Some(verifier.sign(&body))).await,
            200,
            "{name}"
        );
    }
    let requests = wait_for_requests(&graph, 4).await;
    assert_eq!(requests.len(), 4);
    assert_eq!(
        stop_and_count(bot, &graph).await.len(),
        4,
        "the echo gets no answer"
    );
}

#[test]
fn a_missing_variable_stops_it_and_is_named() {
    let out = Command::new(env!("CARGO_BIN_EXE_echo_bot"))
        .env_clear()
        .env("MESSENGER_VERIFY_TOKEN", VERIFY)
        .env("MESSENGER_PAGE_ACCESS_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("MESSENGER_APP_SECRET"), "{stderr}");
    assert!(!stderr.contains(TOKEN), "secrets are never printed");
}
