//! The AWS Lambda path, locally: API Gateway (HTTP API v2, REST API v1) and Function URL events
//! from `fixtures/lambda/` go through the bot's own router inside [`Handler`]; the hand-over goes
//! to a wiremock fake of the Lambda `Invoke` API, and the worker event it received is fed back in
//! and answered against wiremock OpenDota and Graph APIs.
//!
//! The fixtures' bodies are signed with `lambda-app-secret` (HMAC-SHA256 over the exact `body`
//! string, or over the decoded bytes when `isBase64Encoded`); the handshakes use
//! `lambda-verify-token` and the challenge `1158201444`. The REST API events come from the
//! `prod` stage, as REST APIs always have one.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;
#[path = "common/telegram.rs"]
mod tg;

use common::{
    all_sent, fixture_in, od_ok, opendota_client, opendota_with_constants, sends, sent_to,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hbdta_bot::app::App;
use hbdta_bot::cards::Cards;
use hbdta_bot::config::{InvokeTarget, LambdaConfig, WorkerMode};
use hbdta_bot::lambda::event::Invocation;
use hbdta_bot::lambda::{Handler, handler};
use hbdta_bot::platform::messenger::Messenger;
use hbdta_bot::stats::Stats;
use hbdta_bot::store::MemoryStore;
use lambda_http::{Context, LambdaEvent};
use messenger_sdk::axum::WebhookConfig;
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SECRET: &str = "lambda-app-secret";
const VERIFY: &str = "lambda-verify-token";
const TOKEN: &str = "lambda-page-token";
const ALICE: &str = "7100000000000001";
const BOB: &str = "7100000000000002";
const FUNCTION: &str = "hbdta-bot";
const INVOKE_PATH: &str = "/2015-03-31/functions/hbdta-bot/invocations";

fn event(name: &str) -> Value {
    serde_json::from_str(&fixture_in("lambda", name)).unwrap()
}

/// The function with its fakes: OpenDota, the Graph API and the Lambda API.
struct Harness {
    opendota: MockServer,
    graph: MockServer,
    aws: MockServer,
    handler: Handler,
    /// The function's cards (as `HBDTA_PUBLIC_URL` and the app secret would make them).
    cards: Cards,
}

enum Mode {
    Invoke { qualifier: Option<String> },
    Inline,
}

fn target(aws: &MockServer, qualifier: Option<String>) -> InvokeTarget {
    InvokeTarget {
        function_name: FUNCTION.to_owned(),
        qualifier,
        region: "eu-west-1".to_owned(),
        access_key_id: "AKIDLAMBDATEST".to_owned(),
        secret_access_key: SecretString::from("lambda-test-secret-key".to_owned()),
        session_token: Some(SecretString::from("lambda-test-session".to_owned())),
        endpoint_url: Some(aws.uri()),
    }
}

async fn harness(mode: Mode) -> Harness {
    let opendota = opendota_with_constants().await;
    for (route, who) in [
        ("/players/86745912", "bot_players_get__arteezy"),
        ("/players/86745912/heroes", "bot_players_heroes__arteezy"),
        (
            "/players/86745912/recentMatches",
            "bot_players_recent_matches__arteezy",
        ),
        (
            "/heroes/29/itemPopularity",
            "bot_heroes_item_popularity__tidehunter",
        ),
    ] {
        od_ok(&opendota, route, who).await;
    }
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v25.0/me/messages"))
        .and(query_param("access_token", TOKEN))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"recipient_id": ALICE, "message_id": "m_out"})),
        )
        .mount(&graph)
        .await;
    let aws = MockServer::start().await;
    let messenger = messenger_sdk::Client::builder()
        .page_access_token(TOKEN)
        .app_secret(SECRET)
        .graph_url(graph.uri())
        .build()
        .unwrap();
    let cards = Cards::new(
        b"lambda-card-key".to_vec(),
        Some("https://abc.lambda-url.eu-west-1.on.aws".to_owned()),
    );
    let bot = App::new(
        reqwest::Client::new(),
        Stats::new(opendota_client(&opendota)),
        Arc::new(MemoryStore::new()),
        // The Send API bodies here are the fixtures' (the avatar): the cards only serve.
        vec![Arc::new(Messenger::new(
            WebhookConfig::new(SECRET, VERIFY),
            messenger,
        ))],
    )
    .cards(cards.clone());
    let worker = match mode {
        Mode::Invoke { qualifier } => WorkerMode::Invoke(target(&aws, qualifier)),
        Mode::Inline => WorkerMode::Inline,
    };
    let handler = handler(&bot, &LambdaConfig { worker });
    Harness {
        opendota,
        graph,
        aws,
        handler,
        cards,
    }
}

/// Accepts every `Invoke` as Lambda does an asynchronous one: 202, empty body.
async fn lambda_accepts(aws: &MockServer) {
    Mock::given(method("POST"))
        .and(path(INVOKE_PATH))
        .and(header("x-amz-invocation-type", "Event"))
        .respond_with(ResponseTemplate::new(202))
        .mount(aws)
        .await;
}

/// Runs one invocation as the runtime would hand it over (deserialized from the event JSON) and
/// returns what the runtime would post back, as JSON.
async fn invoke(handler: &Handler, event: &Value) -> Value {
    let payload: Invocation = serde_json::from_value(event.clone()).unwrap();
    let output = handler
        .handle(LambdaEvent::new(payload, Context::default()))
        .await
        .unwrap();
    serde_json::to_value(output).unwrap()
}

fn status(response: &Value) -> u64 {
    response["statusCode"].as_u64().unwrap()
}

fn body(response: &Value) -> &str {
    response["body"].as_str().unwrap_or_default()
}

async fn invocations(aws: &MockServer) -> Vec<Request> {
    aws.received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == INVOKE_PATH)
        .collect()
}

#[tokio::test]
async fn every_event_source_completes_the_handshake() {
    let h = harness(Mode::Invoke { qualifier: None }).await;
    for name in [
        "apigw_v2__webhook_handshake",
        "apigw_v1__webhook_handshake",
        "function_url__webhook_handshake",
    ] {
        let response = invoke(&h.handler, &event(name)).await;
        assert_eq!(status(&response), 200, "{name}: {response:#}");
        assert_eq!(body(&response), "1158201444", "{name}");
    }

    // A wrong verify token, in the raw query (v2) and in the parameter maps (v1).
    let mut v2 = event("apigw_v2__webhook_handshake");
    v2["rawQueryString"] =
        json!("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");
    assert_eq!(status(&invoke(&h.handler, &v2).await), 403);
    let mut v1 = event("apigw_v1__webhook_handshake");
    v1["queryStringParameters"]["hub.verify_token"] = json!("guess");
    v1["multiValueQueryStringParameters"]["hub.verify_token"] = json!(["guess"]);
    assert_eq!(status(&invoke(&h.handler, &v1).await), 403);
}

#[tokio::test]
async fn signed_posts_from_every_source_are_acknowledged_and_handed_to_one_worker_invocation_each()
{
    let h = harness(Mode::Invoke { qualifier: None }).await;
    lambda_accepts(&h.aws).await;
    let cases = [
        (
            "apigw_v2__webhook_post",
            vec![(ALICE, "m_lambda_v2", json!({"text": "86745912"}))],
        ),
        (
            "apigw_v1__webhook_post",
            vec![(ALICE, "m_lambda_v1", json!({"text": "help"}))],
        ),
        (
            "function_url__webhook_post",
            vec![(ALICE, "m_lambda_url", json!({"text": "help"}))],
        ),
        (
            "apigw_v2__webhook_post_base64",
            vec![
                (ALICE, "m_lambda_b64", json!({"text": "help 🙏"})),
                (BOB, "m_lambda_b64_pb", json!({"payload": "GET_STARTED"})),
            ],
        ),
    ];
    for (i, (name, jobs)) in cases.iter().enumerate() {
        let response = invoke(&h.handler, &event(name)).await;
        assert_eq!(status(&response), 200, "{name}: {response:#}");
        assert_eq!(body(&response), "EVENT_RECEIVED", "{name}");

        let calls = invocations(&h.aws).await;
        assert_eq!(calls.len(), i + 1, "{name}: one Invoke per delivery");
        let call = &calls[i];
        assert_eq!(call.method.as_str(), "POST");
        assert_eq!(call.url.query(), None, "$LATEST: no qualifier");
        assert_eq!(call.headers["x-amz-invocation-type"], "Event", "{name}");
        assert!(
            call.headers["authorization"]
                .to_str()
                .unwrap()
                .starts_with("AWS4-HMAC-SHA256 Credential=AKIDLAMBDATEST/"),
            "signed with the environment's credentials"
        );
        assert_eq!(call.headers["x-amz-security-token"], "lambda-test-session");
        let payload: Value = serde_json::from_slice(&call.body).unwrap();
        let want: Vec<Value> = jobs
            .iter()
            .map(|(psid, key, incoming)| {
                json!({
                    "address": {"platform": "messenger", "chat": psid},
                    "person": format!("messenger:{psid}"),
                    "incoming": incoming,
                    "key": format!("messenger:mid:{key}")
                })
            })
            .collect();
        assert_eq!(payload, json!({"hbdta_worker": 2, "jobs": want}), "{name}");
    }
    // Nothing is answered by the webhook invocation itself.
    assert!(h.graph.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn both_response_shapes_follow_the_event_source() {
    let h = harness(Mode::Invoke { qualifier: None }).await;
    let v2 = invoke(&h.handler, &event("apigw_v2__webhook_handshake")).await;
    assert_eq!(v2["headers"]["content-type"], "text/plain; charset=utf-8");
    assert_eq!(v2["isBase64Encoded"], false);
    let v1 = invoke(&h.handler, &event("apigw_v1__webhook_handshake")).await;
    assert_eq!(
        v1["multiValueHeaders"]["content-type"],
        json!(["text/plain; charset=utf-8"]),
        "REST APIs take multi-value headers: {v1:#}"
    );
}

#[tokio::test]
async fn a_stage_in_the_path_and_healthz_reach_the_same_routes() {
    let h = harness(Mode::Invoke { qualifier: None }).await;
    // An HTTP API named stage puts it in rawPath; the router still sees /webhook.
    let mut staged = event("apigw_v2__webhook_handshake");
    staged["rawPath"] = json!("/live/webhook");
    staged["requestContext"]["stage"] = json!("live");
    staged["requestContext"]["http"]["path"] = json!("/live/webhook");
    let response = invoke(&h.handler, &staged).await;
    assert_eq!(status(&response), 200, "{response:#}");
    assert_eq!(body(&response), "1158201444");

    let mut health = event("apigw_v1__webhook_handshake");
    health["path"] = json!("/healthz");
    health["resource"] = json!("/healthz");
    health["queryStringParameters"] = Value::Null;
    health["multiValueQueryStringParameters"] = Value::Null;
    let response = invoke(&h.handler, &health).await;
    assert_eq!(status(&response), 200, "{response:#}");
    assert_eq!(body(&response), "ok");

    let mut elsewhere = event("function_url__webhook_handshake");
    elsewhere["rawPath"] = json!("/admin");
    assert_eq!(status(&invoke(&h.handler, &elsewhere).await), 404);
}

#[tokio::test]
async fn a_bad_signature_or_a_tampered_body_is_refused_and_nothing_is_handed_over() {
    let h = harness(Mode::Invoke { qualifier: None }).await;
    lambda_accepts(&h.aws).await;
    let response = invoke(&h.handler, &event("apigw_v2__webhook_post_bad_signature")).await;
    assert_eq!(status(&response), 403, "{response:#}");

    let mut tampered = event("apigw_v1__webhook_post");
    let text = tampered["body"].as_str().unwrap().replace("help", "hell");
    tampered["body"] = json!(text);
    assert_eq!(status(&invoke(&h.handler, &tampered).await), 403);

    let mut unsigned = event("function_url__webhook_post");
    unsigned["headers"]
        .as_object_mut()
        .unwrap()
        .retain(|k, _| !k.starts_with("x-hub-signature"));
    assert_eq!(status(&invoke(&h.handler, &unsigned).await), 403);

    assert!(invocations(&h.aws).await.is_empty());
}

#[tokio::test]
async fn a_redelivery_in_the_same_environment_is_handed_over_once() {
    let h = harness(Mode::Invoke { qualifier: None }).await;
    lambda_accepts(&h.aws).await;
    let post = event("apigw_v1__webhook_post");
    assert_eq!(status(&invoke(&h.handler, &post).await), 200);
    assert_eq!(status(&invoke(&h.handler, &post).await), 200);
    assert_eq!(invocations(&h.aws).await.len(), 1);
}

#[tokio::test]
async fn a_refused_invoke_answers_503_and_the_redelivery_is_handed_over() {
    let h = harness(Mode::Invoke {
        qualifier: Some("7".to_owned()),
    })
    .await;
    // Throttled: the SDK tries twice, then the webhook asks Meta to deliver again.
    Mock::given(method("POST"))
        .and(path(INVOKE_PATH))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-amzn-errortype", "TooManyRequestsException")
                .set_body_json(json!({
                    "Type": "User",
                    "message": "Rate Exceeded.",
                    "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded"
                })),
        )
        .up_to_n_times(2)
        .expect(2)
        .mount(&h.aws)
        .await;
    lambda_accepts(&h.aws).await;
    let post = event("apigw_v2__webhook_post");
    let started = Instant::now();
    let response = invoke(&h.handler, &post).await;
    assert_eq!(status(&response), 503, "{response:#}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "within Meta's 5 s: {:?}",
        started.elapsed()
    );

    let response = invoke(&h.handler, &post).await;
    assert_eq!(status(&response), 200, "the redelivery: {response:#}");
    let calls = invocations(&h.aws).await;
    assert_eq!(calls.len(), 3);
    assert_eq!(
        calls[2].url.query(),
        Some("Qualifier=7"),
        "a published version invokes itself"
    );
}

#[tokio::test]
async fn the_worker_event_answers_with_the_send_api() {
    let h = harness(Mode::Invoke { qualifier: None }).await;
    lambda_accepts(&h.aws).await;
    for name in ["apigw_v2__webhook_post", "apigw_v2__webhook_post_base64"] {
        assert_eq!(status(&invoke(&h.handler, &event(name)).await), 200);
    }
    let calls = invocations(&h.aws).await;
    assert_eq!(calls.len(), 2);

    // Lambda delivers the payload it was given to a new invocation, in this or another
    // environment: here, the same handler.
    for (call, answered) in calls.iter().zip([1, 2]) {
        let worker_event: Value = serde_json::from_slice(&call.body).unwrap();
        let output = invoke(&h.handler, &worker_event).await;
        assert_eq!(output, json!({"answered": answered}));
    }
    // The invocation returned after the answers were sent: nothing to wait for.
    let mut want_alice = sends("arteezy_stats", ALICE);
    want_alice.extend(sends("no_match_help_pray", ALICE));
    let want_bob = sends("get_started", BOB);
    let alice = sent_to(&h.graph, ALICE, want_alice.len()).await;
    assert_eq!(alice, want_alice);
    assert_eq!(sent_to(&h.graph, BOB, want_bob.len()).await, want_bob);
    assert_eq!(
        alice[2]["message"]["attachment"]["payload"]["elements"][0]["title"],
        "Arteezy"
    );
    assert_eq!(
        h.graph.received_requests().await.unwrap().len(),
        want_alice.len() + want_bob.len(),
        "each answered once"
    );
}

#[tokio::test]
async fn inline_mode_answers_before_the_200() {
    let h = harness(Mode::Inline).await;
    let response = invoke(&h.handler, &event("apigw_v2__webhook_post")).await;
    assert_eq!(status(&response), 200, "{response:#}");
    let want = sends("arteezy_stats", ALICE);
    let sent = all_sent(&h.graph).await;
    assert_eq!(sent, want, "already sent when the response came back");

    // A redelivery to the same environment is acknowledged and not answered again.
    assert_eq!(
        status(&invoke(&h.handler, &event("apigw_v2__webhook_post")).await),
        200
    );
    assert_eq!(h.graph.received_requests().await.unwrap().len(), want.len());
    assert!(invocations(&h.aws).await.is_empty(), "no Invoke inline");
}

// --- The binary against a fake Lambda Runtime API ----------------------------------------------

mod runtime {
    //! A small fake of the Lambda Runtime API: `next` hands out queued events, `response` and
    //! `error` posts are captured.

    use std::net::SocketAddr;
    use std::sync::Arc;
    use std::time::Duration;

    use axum::Router;
    use axum::body::Bytes;
    use axum::extract::{Path, State};
    use axum::http::{HeaderMap, HeaderValue, StatusCode};
    use axum::routing::{get, post};
    use serde_json::Value;
    use tokio::sync::{Mutex, mpsc};

    /// What the function posted back for one invocation.
    #[derive(Debug)]
    pub struct Posted {
        pub request_id: String,
        /// `response`, `error` or `init/error`.
        pub kind: &'static str,
        pub body: Value,
    }

    struct Shared {
        events: Mutex<mpsc::UnboundedReceiver<(String, Value)>>,
        posted: mpsc::UnboundedSender<Posted>,
    }

    pub struct FakeRuntime {
        pub addr: SocketAddr,
        events: mpsc::UnboundedSender<(String, Value)>,
        posted: mpsc::UnboundedReceiver<Posted>,
    }

    impl FakeRuntime {
        pub async fn start() -> Self {
            let (events_tx, events_rx) = mpsc::unbounded_channel();
            let (posted_tx, posted_rx) = mpsc::unbounded_channel();
            let shared = Arc::new(Shared {
                events: Mutex::new(events_rx),
                posted: posted_tx,
            });
            let app = Router::new()
                .route("/2018-06-01/runtime/invocation/next", get(next))
                .route(
                    "/2018-06-01/runtime/invocation/{id}/response",
                    post(|state, id, body| capture(state, id, body, "response")),
                )
                .route(
                    "/2018-06-01/runtime/invocation/{id}/error",
                    post(|state, id, body| capture(state, id, body, "error")),
                )
                .route(
                    "/2018-06-01/runtime/init/error",
                    post(
                        |State(shared): State<Arc<Shared>>, body: Bytes| async move {
                            let _ = shared.posted.send(Posted {
                                request_id: String::new(),
                                kind: "init/error",
                                body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                            });
                            StatusCode::ACCEPTED
                        },
                    ),
                )
                .with_state(shared);
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(async move { axum::serve(listener, app).await });
            Self {
                addr,
                events: events_tx,
                posted: posted_rx,
            }
        }

        /// Queues an event for the next `next` call.
        pub fn push(&self, request_id: &str, event: Value) {
            self.events.send((request_id.to_owned(), event)).unwrap();
        }

        /// The next post from the function.
        pub async fn posted(&mut self) -> Posted {
            tokio::time::timeout(Duration::from_secs(20), self.posted.recv())
                .await
                .expect("the function posted nothing within 20 s")
                .unwrap()
        }
    }

    /// Long-polls like the real API: waits until an event is queued.
    async fn next(State(shared): State<Arc<Shared>>) -> (HeaderMap, String) {
        let (id, event) = shared.events.lock().await.recv().await.unwrap();
        let deadline = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis()
            + 30_000;
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        headers.insert("lambda-runtime-aws-request-id", id.parse().unwrap());
        headers.insert(
            "lambda-runtime-deadline-ms",
            deadline.to_string().parse().unwrap(),
        );
        headers.insert(
            "lambda-runtime-invoked-function-arn",
            HeaderValue::from_static("arn:aws:lambda:eu-west-1:123456789012:function:hbdta-bot"),
        );
        headers.insert(
            "lambda-runtime-trace-id",
            HeaderValue::from_static("Root=1-6742b1c0-5a1f0e2b7c3d4e5f60718293;Sampled=0"),
        );
        (headers, event.to_string())
    }

    async fn capture(
        State(shared): State<Arc<Shared>>,
        Path(id): Path<String>,
        body: Bytes,
        kind: &'static str,
    ) -> StatusCode {
        let _ = shared.posted.send(Posted {
            request_id: id,
            kind,
            body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        });
        StatusCode::ACCEPTED
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_hbdta-bot");

/// The child process, killed when the test ends however it ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The binary as Lambda starts it: no arguments, the runtime's variables, the function's own.
fn lambda_command(runtime: &runtime::FakeRuntime, h: &Harness) -> std::process::Command {
    let mut command = std::process::Command::new(BIN);
    command
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", runtime.addr.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", FUNCTION)
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/hbdta-bot")
        .env(
            "AWS_LAMBDA_LOG_STREAM_NAME",
            "2026/11/23/[$LATEST]0123456789abcdef",
        )
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_ACCESS_KEY_ID", "AKIDLAMBDATEST")
        .env("AWS_SECRET_ACCESS_KEY", "lambda-test-secret-key")
        .env("AWS_SESSION_TOKEN", "lambda-test-session")
        .env("AWS_ENDPOINT_URL_LAMBDA", h.aws.uri())
        .env("MESSENGER_PAGE_ACCESS_TOKEN", TOKEN)
        .env("MESSENGER_APP_SECRET", SECRET)
        .env("MESSENGER_VERIFY_TOKEN", VERIFY)
        .env("MESSENGER_GRAPH_URL", h.graph.uri())
        .env("OPENDOTA_BASE_URL", format!("{}/api", h.opendota.uri()))
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit());
    command
}

#[tokio::test]
async fn the_binary_on_a_runtime_api_answers_inline_before_its_200() {
    let h = harness(Mode::Inline).await;
    let mut runtime = runtime::FakeRuntime::start().await;
    runtime.push("req-inline-1", event("function_url__webhook_post"));
    let _child = Child(
        lambda_command(&runtime, &h)
            .env("HBDTA_LAMBDA_WORKER", "inline")
            .spawn()
            .unwrap(),
    );
    let posted = runtime.posted().await;
    assert_eq!(posted.request_id, "req-inline-1");
    assert_eq!(posted.kind, "response", "{:#}", posted.body);
    assert_eq!(posted.body["statusCode"], 200, "{:#}", posted.body);
    assert_eq!(posted.body["body"], "EVENT_RECEIVED");
    // The answer went out before the response did.
    let want = sends("help", ALICE);
    let sent = all_sent(&h.graph).await;
    assert_eq!(sent, want);
    assert!(invocations(&h.aws).await.is_empty());

    // The same environment serves the next event: a bad signature.
    runtime.push(
        "req-inline-2",
        event("apigw_v2__webhook_post_bad_signature"),
    );
    let posted = runtime.posted().await;
    assert_eq!(posted.request_id, "req-inline-2");
    assert_eq!(posted.body["statusCode"], 403, "{:#}", posted.body);
}

#[tokio::test]
async fn the_binary_hands_over_with_invoke_and_answers_the_worker_event() {
    let h = harness(Mode::Invoke { qualifier: None }).await;
    lambda_accepts(&h.aws).await;
    let mut runtime = runtime::FakeRuntime::start().await;
    runtime.push("req-webhook", event("apigw_v2__webhook_post_base64"));
    let _child = Child(lambda_command(&runtime, &h).spawn().unwrap());

    let posted = runtime.posted().await;
    assert_eq!(
        (posted.request_id.as_str(), posted.kind),
        ("req-webhook", "response")
    );
    assert_eq!(posted.body["statusCode"], 200, "{:#}", posted.body);
    let calls = invocations(&h.aws).await;
    assert_eq!(calls.len(), 1, "one Invoke");
    assert_eq!(calls[0].headers["x-amz-invocation-type"], "Event");
    assert!(h.graph.received_requests().await.unwrap().is_empty());

    // Lambda runs the worker event it accepted: here, in the same process.
    let worker_event: Value = serde_json::from_slice(&calls[0].body).unwrap();
    assert_eq!(worker_event["jobs"].as_array().unwrap().len(), 2);
    runtime.push("req-worker", worker_event);
    let posted = runtime.posted().await;
    assert_eq!(posted.request_id, "req-worker");
    assert_eq!(posted.body, json!({"answered": 2}));
    let want_alice = sends("no_match_help_pray", ALICE);
    let want_bob = sends("get_started", BOB);
    assert_eq!(sent_to(&h.graph, ALICE, want_alice.len()).await, want_alice);
    assert_eq!(sent_to(&h.graph, BOB, want_bob.len()).await, want_bob);
}

#[tokio::test]
async fn the_binary_names_a_missing_lambda_variable_instead_of_panicking() {
    let h = harness(Mode::Inline).await;
    let runtime = runtime::FakeRuntime::start().await;
    let out = lambda_command(&runtime, &h)
        .env_remove("AWS_LAMBDA_FUNCTION_NAME")
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("AWS_LAMBDA_FUNCTION_NAME"), "{stderr}");
    assert!(!stderr.contains("lambda-test-secret-key"), "{stderr}");
}

/// `signed_request` for ALICE, signed outside the crate (Python's `hmac`, the secret
/// `lambda-app-secret`): `{"algorithm":"HMAC-SHA256","issued_at":1795450000,"user_id":"7100000000000001"}`.
const SIGNED_FOR_ALICE: &str = "Q1h31K0JCaug4WO_6-dyy9hpJhCcXCNWkc67RAZEJ_A.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsImlzc3VlZF9hdCI6MTc5NTQ1MDAwMCwidXNlcl9pZCI6IjcxMDAwMDAwMDAwMDAwMDEifQ";

/// The API Gateway (HTTP API) event of a request to `path` with `body`.
fn apigw_v2(method_name: &str, path_text: &str, content_type: &str, body: &str) -> Value {
    let mut event = event("apigw_v2__webhook_post");
    event["routeKey"] = json!(format!("{method_name} {path_text}"));
    event["rawPath"] = json!(path_text);
    event["requestContext"]["http"]["method"] = json!(method_name);
    event["requestContext"]["http"]["path"] = json!(path_text);
    event["requestContext"]["routeKey"] = json!(format!("{method_name} {path_text}"));
    let headers = event["headers"].as_object_mut().unwrap();
    headers.remove("x-hub-signature");
    headers.remove("x-hub-signature-256");
    headers.insert("content-type".into(), json!(content_type));
    headers.insert("content-length".into(), json!(body.len().to_string()));
    event["body"] = json!(body);
    event
}

#[tokio::test]
async fn metas_data_deletion_callback_on_lambda_deletes_from_the_dynamodb_table() {
    use hbdta_bot::config::StoreConfig;
    use hbdta_bot::store::{Direction, LogEntry, Memory, PersonId};

    let Some(dynalite) = common::dynalite::Dynalite::start() else {
        return; // skipped with a note (a failure when CI is set)
    };
    let config = dynalite.create_table("hbdta-lambda").await;
    let store = hbdta_bot::store::open(&StoreConfig::DynamoDb(config))
        .await
        .unwrap();
    let alice = PersonId::new("messenger", ALICE);
    let mut linked = Memory::default();
    linked.linked = Some(opendota_sdk::AccountId(86_745_912));
    store.remember(&alice, linked).await.unwrap();
    store
        .append_log(LogEntry::new(alice.clone(), Direction::In, "I am 86745912"))
        .await
        .unwrap();
    let opendota = opendota_with_constants().await;
    let graph = MockServer::start().await;
    let bot = App::new(
        reqwest::Client::new(),
        Stats::new(opendota_client(&opendota)),
        store.clone(),
        vec![Arc::new(Messenger::new(
            WebhookConfig::new(SECRET, VERIFY),
            messenger_sdk::Client::builder()
                .page_access_token(TOKEN)
                .app_secret(SECRET)
                .graph_url(graph.uri())
                .build()
                .unwrap(),
        ))],
    );
    let handler = handler(
        &bot,
        &LambdaConfig {
            worker: WorkerMode::Inline,
        },
    );

    // Tampered: the signature of another payload.
    let (signature, _) = SIGNED_FOR_ALICE.split_once('.').unwrap();
    let tampered = apigw_v2(
        "POST",
        "/messenger/data-deletion",
        "application/x-www-form-urlencoded",
        &format!("signed_request={signature}.eyJ1c2VyX2lkIjoiNzEwMDAwMDAwMDAwMDAwMiJ9"),
    );
    let response = invoke(&handler, &tampered).await;
    assert_eq!(status(&response), 400, "{response}");
    assert_eq!(
        store.memory(&alice).await.unwrap().linked,
        Some(opendota_sdk::AccountId(86_745_912)),
        "nothing deleted"
    );

    let good = apigw_v2(
        "POST",
        "/messenger/data-deletion",
        "application/x-www-form-urlencoded",
        &format!("signed_request={SIGNED_FOR_ALICE}"),
    );
    let response = invoke(&handler, &good).await;
    assert_eq!(status(&response), 200, "{response}");
    let answer: Value = serde_json::from_str(body(&response)).unwrap();
    let code = answer["confirmation_code"].as_str().unwrap().to_owned();
    assert_eq!(
        answer,
        json!({
            "url": format!(
                "https://abc123def4.execute-api.eu-west-1.amazonaws.com/messenger/data-deletion/{code}"
            ),
            "confirmation_code": code,
        })
    );
    assert_eq!(store.memory(&alice).await.unwrap(), Memory::default());
    assert_eq!(store.log(&alice).await.unwrap(), []);

    let page = invoke(
        &handler,
        &apigw_v2(
            "GET",
            &format!("/messenger/data-deletion/{code}"),
            "text/plain",
            "",
        ),
    )
    .await;
    assert_eq!(status(&page), 200, "{page}");
    assert!(body(&page).contains("<h1>Deletion complete</h1>"), "{page}");
}

#[tokio::test]
async fn a_telegram_update_reaches_the_same_conversation_on_lambda() {
    use tg::{SECRET as TG_SECRET, calls, fake_bot_api, private_text, telegram_on};

    let api = fake_bot_api().await;
    let opendota = opendota_with_constants().await;
    let bot = App::new(
        reqwest::Client::new(),
        Stats::new(opendota_client(&opendota)),
        Arc::new(MemoryStore::new()),
        vec![Arc::new(telegram_on(&api, Some(TG_SECRET)))],
    );
    let handler = handler(
        &bot,
        &LambdaConfig {
            worker: WorkerMode::Inline,
        },
    );
    let update = private_text(41, 5_550_001, "/help").to_string();
    let mut forged = apigw_v2("POST", "/telegram/webhook", "application/json", &update);
    forged["headers"]["x-telegram-bot-api-secret-token"] = json!("not-the-secret");
    assert_eq!(status(&invoke(&handler, &forged).await), 403);
    assert!(calls(&api).await.is_empty(), "nothing answered");

    let mut event = apigw_v2("POST", "/telegram/webhook", "application/json", &update);
    event["headers"]["x-telegram-bot-api-secret-token"] = json!(TG_SECRET);
    let response = invoke(&handler, &event).await;
    assert_eq!(status(&response), 200, "{response}");
    // Inline: answered before the 200.
    let sent = calls(&api).await;
    let methods: Vec<&str> = sent.iter().map(|c| c["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["sendChatAction", "sendMessage"], "{sent:#?}");
    assert_eq!(sent[1]["chat_id"], json!(5_550_001));
    assert!(
        sent[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("Here's what I understand:"),
        "{sent:#?}"
    );
    // The same update again (Telegram retries): answered once.
    assert_eq!(status(&invoke(&handler, &event).await), 200);
    assert_eq!(calls(&api).await.len(), 2);
}

#[tokio::test]
async fn cards_are_binary_responses_on_lambda() {
    let h = harness(Mode::Invoke { qualifier: None }).await;
    let picture: hbdta_bot::conversation::Picture = serde_json::from_value(json!({
        "kind": "stats",
        "name": "Arteezy",
        "rank": "Immortal #32",
        "wins": 3748,
        "losses": 2327,
        "heroes": [{"hero": "Anti-Mage", "games": 1500, "wins": 930}],
        "results": "WWL"
    }))
    .unwrap();
    let path_of = |key: &str| format!("/cards/{key}.png");
    let mut get = event("function_url__webhook_handshake");
    get["rawPath"] = json!(path_of(&h.cards.key(&picture)));
    get["rawQueryString"] = json!("");
    get["queryStringParameters"] = Value::Null;
    let response = invoke(&h.handler, &get).await;
    assert_eq!(status(&response), 200, "{response:#}");
    assert_eq!(response["headers"]["content-type"], "image/png");
    assert_eq!(
        response["headers"]["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        response["isBase64Encoded"], true,
        "PNG bytes go base64-encoded"
    );
    let png = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body(&response))
        .unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), (800, 418));

    // Another function's key, and no key at all.
    let other = Cards::new(b"another key".to_vec(), None).key(&picture);
    get["rawPath"] = json!(path_of(&other));
    assert_eq!(status(&invoke(&h.handler, &get).await), 404);
    get["rawPath"] = json!("/cards/not-a-key.png");
    assert_eq!(status(&invoke(&h.handler, &get).await), 400);
}
