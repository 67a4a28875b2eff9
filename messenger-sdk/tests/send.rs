//! The Send API: one mock per call (method, path, credential query and exact body pinned), every
//! error class, the retry rules, limits that stop a send, and serde round trips of every payload.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod common;

use std::time::Duration;

use common::{PSID, fixture, graph, json_fixture};
use messenger_sdk::limits::{TEXT_MAX, split_text, text_len};
use messenger_sdk::send::{
    Attachment, Button, DefaultAction, GenericElement, ImageAspectRatio, MediaElement, MediaKind,
    MediaSource, MediaType, Message, MessageContent, MessageTag, MessagingType, NotificationType,
    QuickReply, ReceiptAddress, ReceiptElement, ReceiptSummary, ReceiptTemplate, Recipient,
    SendRequest, SendResponse, SenderAction, Template, WebviewHeightRatio,
};
use messenger_sdk::{Error, GraphErrorKind, Psid};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wiremock::matchers::body_json;
use wiremock::{MockServer, ResponseTemplate};

const MESSAGES: &str = "/me/messages";

/// A server with one mock for `body` answering `answer`, expected once, and the catch-all.
async fn server_expecting(body: Value, answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    graph("POST", MESSAGES)
        .and(body_json(body))
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    server
}

fn ok() -> ResponseTemplate {
    json_fixture(200, "send__ok")
}

fn text_body(text: &str) -> Value {
    json!({"recipient": {"id": PSID}, "messaging_type": "RESPONSE", "message": {"text": text}})
}

fn action_body(action: &str) -> Value {
    json!({"recipient": {"id": PSID}, "messaging_type": "RESPONSE", "sender_action": action})
}

// --- one test per call -----------------------------------------------------------------------

#[tokio::test]
async fn send_text_posts_the_text_with_emoji_intact() {
    let text = "gg wp 🔥🏆 élève 你好 ❤️ 👨‍💻 mail me@x.io https://dotabuff.com/players/1 <b>";
    let server = server_expecting(text_body(text), ok()).await;

    let sent = common::client(&server)
        .send_text(Psid::from(PSID), text)
        .await
        .unwrap();

    assert_eq!(sent.recipient_id.as_deref(), Some(PSID));
    assert_eq!(sent.message_id.as_deref(), Some("m_SENT0001"));
    let requests = server.received_requests().await.unwrap();
    let raw = String::from_utf8(requests[0].body.clone()).unwrap();
    assert!(
        raw.contains(text),
        "the text goes out as UTF-8, unchanged: {raw}"
    );
    assert_eq!(
        requests[0]
            .headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap(),
        "application/json"
    );
    let proof = requests[0]
        .url
        .query_pairs()
        .find(|(k, _)| k == "appsecret_proof")
        .unwrap()
        .1
        .into_owned();
    assert_eq!(proof.len(), 64);
    assert!(
        proof
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
}

#[tokio::test]
async fn send_message_with_quick_replies_and_metadata() {
    let body = json!({
        "recipient": {"id": PSID},
        "messaging_type": "RESPONSE",
        "message": {
            "text": "What next?",
            "quick_replies": [
                {"content_type": "text", "title": "Heroes", "payload": "HEROES"},
                {"content_type": "text", "title": "Recent", "payload": "RECENT", "image_url": "https://x.test/r.png"},
                {"content_type": "user_phone_number"},
                {"content_type": "user_email"}
            ],
            "metadata": "{\"req\":\"menu\"}"
        }
    });
    let server = server_expecting(body, ok()).await;
    let message = Message::text("What next?")
        .quick_reply(QuickReply::text("Heroes", "HEROES"))
        .quick_replies([
            QuickReply::text("Recent", "RECENT").image_url("https://x.test/r.png"),
            QuickReply::phone_number(),
            QuickReply::email(),
        ])
        .metadata(r#"{"req":"menu"}"#);

    let sent = common::client(&server)
        .send_message(PSID, message)
        .await
        .unwrap();
    assert_eq!(sent.message_id.as_deref(), Some("m_SENT0001"));
}

#[tokio::test]
async fn send_with_tag_notification_type_and_user_ref() {
    let body = json!({
        "recipient": {"user_ref": "ur_checkbox_1"},
        "messaging_type": "MESSAGE_TAG",
        "tag": "POST_PURCHASE_UPDATE",
        "notification_type": "SILENT_PUSH",
        "message": {"text": "Your order has shipped"}
    });
    let server = server_expecting(body, json_fixture(200, "send__user_ref")).await;
    let request = SendRequest::new(
        Recipient::user_ref("ur_checkbox_1"),
        Message::text("Your order has shipped"),
    )
    .tag(MessageTag::PostPurchaseUpdate)
    .notification_type(NotificationType::SilentPush);

    let sent = common::client(&server).send(&request).await.unwrap();
    assert_eq!(
        sent.recipient_id, None,
        "no recipient_id when sent via user_ref"
    );
    assert_eq!(sent.message_id.as_deref(), Some("m_SENT0002"));
}

#[tokio::test]
async fn send_message_setters_reach_the_wire() {
    let body = json!({
        "recipient": {"id": PSID},
        "messaging_type": "MESSAGE_TAG",
        "tag": "CONFIRMED_EVENT_UPDATE",
        "notification_type": "SILENT_PUSH",
        "message": {"text": "Your match starts in 5 min"}
    });
    let server = server_expecting(body, ok()).await;

    let sent = common::client(&server)
        .send_message(PSID, Message::text("Your match starts in 5 min"))
        .tag(MessageTag::ConfirmedEventUpdate)
        .notification_type(NotificationType::SilentPush)
        .await
        .unwrap();
    assert_eq!(sent.message_id.as_deref(), Some("m_SENT0001"));
}

#[tokio::test]
async fn send_text_messaging_type_and_explicit_send() {
    let body = json!({
        "recipient": {"id": PSID},
        "messaging_type": "UPDATE",
        "notification_type": "NO_PUSH",
        "message": {"text": "Patch 7.39 is out"}
    });
    let server = server_expecting(body, ok()).await;

    common::client(&server)
        .send_text(Psid::from(PSID), "Patch 7.39 is out")
        .notification_type(NotificationType::NoPush)
        .messaging_type(MessagingType::Update)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_messaging_type_after_a_tag_drops_the_tag() {
    let body = json!({
        "recipient": {"id": PSID},
        "messaging_type": "RESPONSE",
        "message": {"text": "gg"}
    });
    let server = server_expecting(body, ok()).await;

    common::client(&server)
        .send_message(PSID, Message::text("gg"))
        .tag(MessageTag::HumanAgent)
        .messaging_type(MessagingType::Response)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_send_request_is_lazy_and_checked_before_sending() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let request = client.send_text(PSID, "never sent");
    drop(request);
    let err = client
        .send_text(PSID, "hi")
        .messaging_type(MessagingType::MessageTag)
        .await
        .unwrap_err();

    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(common::received(&server).await, 0);
}

#[test]
fn a_send_request_can_be_awaited_from_a_spawned_task() {
    fn spawnable<F>(_: &F)
    where
        F: std::future::IntoFuture,
        F::IntoFuture: Send,
    {
    }
    let client = messenger_sdk::Client::builder()
        .page_access_token("t")
        .build()
        .unwrap();
    spawnable(
        &client
            .send_message(PSID, Message::text("hi"))
            .tag(MessageTag::HumanAgent),
    );
}

#[tokio::test]
async fn send_private_reply_to_a_comment() {
    let body = json!({
        "recipient": {"comment_id": "104000000000001_555"},
        "messaging_type": "RESPONSE",
        "message": {"text": "Thanks! Check your inbox."}
    });
    let server = server_expecting(body, ok()).await;
    let request = SendRequest::new(
        Recipient::comment_id("104000000000001_555"),
        Message::text("Thanks! Check your inbox."),
    );
    common::client(&server).send(&request).await.unwrap();
}

#[tokio::test]
async fn send_texts_sends_the_parts_in_order() {
    let long = "gg wp 🔥 ".repeat(300);
    let parts = split_text(&long, TEXT_MAX);
    assert_eq!(parts.len(), 2);
    let server = MockServer::start().await;
    for part in &parts {
        graph("POST", MESSAGES)
            .and(body_json(text_body(part)))
            .respond_with(ok())
            .expect(1)
            .mount(&server)
            .await;
    }
    common::mount_catch_all(&server).await;

    let sent = common::client(&server)
        .send_texts(PSID, &long)
        .await
        .unwrap();

    assert_eq!(sent.len(), 2);
    let requests = server.received_requests().await.unwrap();
    let texts: Vec<String> = requests
        .iter()
        .map(|r| {
            serde_json::from_slice::<Value>(&r.body).unwrap()["message"]["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(texts, parts);
    assert!(texts.iter().all(|t| text_len(t) <= TEXT_MAX));
}

#[tokio::test]
async fn send_texts_stops_at_the_first_error() {
    let long = (0..1000)
        .map(|i| format!("w{i:03}"))
        .collect::<Vec<_>>()
        .join(" ");
    let parts = split_text(&long, TEXT_MAX);
    assert_eq!(parts.len(), 3);
    assert!(parts[0] != parts[1] && parts[1] != parts[2]);
    let server = MockServer::start().await;
    graph("POST", MESSAGES)
        .and(body_json(text_body(&parts[0])))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    graph("POST", MESSAGES)
        .and(body_json(text_body(&parts[1])))
        .respond_with(json_fixture(400, "graph__outside_window"))
        .expect(1)
        .mount(&server)
        .await;
    graph("POST", MESSAGES)
        .and(body_json(text_body(&parts[2])))
        .respond_with(ok())
        .expect(0)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let err = common::client(&server)
        .send_texts(PSID, &long)
        .await
        .unwrap_err();
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::OutsideWindow));
    assert_eq!(common::received(&server).await, 2);
}

#[tokio::test]
async fn send_texts_of_blank_text_sends_nothing() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let sent = common::client(&server)
        .send_texts(PSID, "  \n ")
        .await
        .unwrap();
    assert!(sent.is_empty());
    assert_eq!(common::received(&server).await, 0);
}

#[tokio::test]
async fn sender_action_posts_the_action() {
    let server = server_expecting(
        action_body("typing_off"),
        json_fixture(200, "send__sender_action"),
    )
    .await;
    let sent = common::client(&server)
        .sender_action(PSID, SenderAction::TypingOff)
        .await
        .unwrap();
    assert_eq!(sent.recipient_id.as_deref(), Some(PSID));
    assert_eq!(sent.message_id, None);
}

#[tokio::test]
async fn mark_seen_posts_mark_seen() {
    let server = server_expecting(
        action_body("mark_seen"),
        json_fixture(200, "send__sender_action"),
    )
    .await;
    common::client(&server)
        .mark_seen(Psid::from(PSID))
        .await
        .unwrap();
}

#[tokio::test]
async fn typing_on_posts_typing_on() {
    let server = server_expecting(
        action_body("typing_on"),
        json_fixture(200, "send__sender_action"),
    )
    .await;
    common::client(&server).typing_on(PSID).await.unwrap();
}

#[tokio::test]
async fn typing_off_posts_typing_off() {
    let server = server_expecting(
        action_body("typing_off"),
        json_fixture(200, "send__sender_action"),
    )
    .await;
    common::client(&server).typing_off(PSID).await.unwrap();
}

#[tokio::test]
async fn react_posts_the_emoji_and_message_id() {
    let body = json!({
        "recipient": {"id": PSID},
        "messaging_type": "RESPONSE",
        "sender_action": "react",
        "payload": {"message_id": "m_AbCdEf0123456789", "reaction": "❤️"}
    });
    let server = server_expecting(body, json_fixture(200, "send__sender_action")).await;
    common::client(&server)
        .react(PSID, "m_AbCdEf0123456789", "❤️")
        .await
        .unwrap();
    let raw = server.received_requests().await.unwrap()[0].body.clone();
    assert!(String::from_utf8(raw).unwrap().contains("❤️"));
}

#[tokio::test]
async fn unreact_posts_the_message_id_only() {
    let body = json!({
        "recipient": {"id": PSID},
        "messaging_type": "RESPONSE",
        "sender_action": "unreact",
        "payload": {"message_id": "m_AbCdEf0123456789"}
    });
    let server = server_expecting(body, json_fixture(200, "send__sender_action")).await;
    common::client(&server)
        .unreact(PSID, "m_AbCdEf0123456789")
        .await
        .unwrap();
}

#[tokio::test]
async fn every_attachment_and_template_goes_out_as_pinned() {
    let cases: Vec<(Message, Value)> = vec![
        (
            Message::attachment(Attachment::image("https://x.test/a.png").reusable()),
            json!({"attachment": {"type": "image", "payload": {"url": "https://x.test/a.png", "is_reusable": true}}}),
        ),
        (
            Message::attachment(Attachment::saved(MediaKind::Video, "1857777774821032")),
            json!({"attachment": {"type": "video", "payload": {"attachment_id": "1857777774821032"}}}),
        ),
        (
            Message::generic(vec![
                GenericElement::new("Arteezy")
                    .subtitle("Immortal · 61% win rate")
                    .image_url("https://x.test/rtz.png")
                    .default_action(DefaultAction::web_url(
                        "https://www.opendota.com/players/86745912",
                    ))
                    .button(Button::web_url(
                        "OpenDota",
                        "https://www.opendota.com/players/86745912",
                    )),
            ]),
            json!({"attachment": {"type": "template", "payload": {
                "template_type": "generic",
                "elements": [{
                    "title": "Arteezy",
                    "subtitle": "Immortal · 61% win rate",
                    "image_url": "https://x.test/rtz.png",
                    "default_action": {"type": "web_url", "url": "https://www.opendota.com/players/86745912"},
                    "buttons": [{"type": "web_url", "title": "OpenDota", "url": "https://www.opendota.com/players/86745912"}]
                }]
            }}}),
        ),
        (
            Message::buttons(
                "Track this player?",
                vec![
                    Button::postback("Yes", "TRACK:1"),
                    Button::phone_number("Call", "+15105551234"),
                ],
            ),
            json!({"attachment": {"type": "template", "payload": {
                "template_type": "button",
                "text": "Track this player?",
                "buttons": [
                    {"type": "postback", "title": "Yes", "payload": "TRACK:1"},
                    {"type": "phone_number", "title": "Call", "payload": "+15105551234"}
                ]
            }}}),
        ),
        (
            Message::template(Template::media(
                MediaElement::new(MediaType::Image, MediaSource::attachment_id("42"))
                    .button(Button::postback("More", "MORE")),
            )),
            json!({"attachment": {"type": "template", "payload": {
                "template_type": "media",
                "elements": [{"media_type": "image", "attachment_id": "42", "buttons": [{"type": "postback", "title": "More", "payload": "MORE"}]}]
            }}}),
        ),
        (
            Message::template(Template::receipt(
                ReceiptTemplate::new(
                    "Ana",
                    "ORD-1",
                    "USD",
                    "Visa 2345",
                    ReceiptSummary::total(56.14),
                )
                .element(ReceiptElement::new("Arcana", 35.0)),
            )),
            json!({"attachment": {"type": "template", "payload": {
                "template_type": "receipt",
                "recipient_name": "Ana",
                "order_number": "ORD-1",
                "currency": "USD",
                "payment_method": "Visa 2345",
                "summary": {"total_cost": 56.14},
                "elements": [{"title": "Arcana", "price": 35.0}]
            }}}),
        ),
    ];
    for (message, wire) in cases {
        let body =
            json!({"recipient": {"id": PSID}, "messaging_type": "RESPONSE", "message": wire});
        let server = server_expecting(body, ok()).await;
        common::client(&server)
            .send_message(PSID, message)
            .await
            .unwrap();
    }
}

// --- errors and retries ----------------------------------------------------------------------

/// Sends "hi" to a server that answers `answer` `times` times (expected exactly so).
async fn send_hi_against(answer: ResponseTemplate, times: u64) -> (MockServer, Error) {
    let server = MockServer::start().await;
    graph("POST", MESSAGES)
        .and(body_json(text_body("hi")))
        .respond_with(answer)
        .expect(times)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let err = common::client(&server)
        .send_text(PSID, "hi")
        .await
        .unwrap_err();
    (server, err)
}

/// A failing answer once, then success: the send is retried once and succeeds.
async fn fails_once_then_succeeds(first: ResponseTemplate) {
    let server = MockServer::start().await;
    graph("POST", MESSAGES)
        .and(body_json(text_body("hi")))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    graph("POST", MESSAGES)
        .and(body_json(text_body("hi")))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;

    let sent = common::client(&server).send_text(PSID, "hi").await.unwrap();
    assert_eq!(sent.message_id.as_deref(), Some("m_SENT0001"));
    assert_eq!(common::received(&server).await, 2);
}

#[tokio::test]
async fn rate_limit_613_is_retried_then_succeeds() {
    fails_once_then_succeeds(json_fixture(400, "graph__rate_limited")).await;
}

#[tokio::test]
async fn temporary_1200_is_retried_then_succeeds() {
    fails_once_then_succeeds(json_fixture(500, "graph__temporary")).await;
}

#[tokio::test]
async fn temporary_1200_gives_up_after_the_configured_retries() {
    let (_server, err) = send_hi_against(json_fixture(500, "graph__temporary"), 3).await;
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::Temporary));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn outside_window_is_not_retried() {
    let (_server, err) = send_hi_against(json_fixture(400, "graph__outside_window"), 1).await;
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::OutsideWindow));
    assert!(!err.is_retryable());
    let Error::Graph { status, error, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 400);
    assert_eq!(
        (error.code, error.error_subcode),
        (Some(10), Some(2_018_278))
    );
    assert_eq!(error.fbtrace_id.as_deref(), Some("G/wnd0wOut24h"));
    assert_eq!(error.kind.as_deref(), Some("OAuthException"));
    assert!(
        error
            .message
            .starts_with("(#10) This message is sent outside of allowed window")
    );
}

#[tokio::test]
async fn user_unavailable_551() {
    let (_server, err) = send_hi_against(json_fixture(400, "graph__user_unavailable"), 1).await;
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::UserUnavailable));
}

#[tokio::test]
async fn no_matching_user_100_2018001() {
    let (_server, err) = send_hi_against(json_fixture(400, "graph__no_matching_user"), 1).await;
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::NoMatchingUser));
}

#[tokio::test]
async fn invalid_token_190_is_not_retried() {
    let (_server, err) = send_hi_against(json_fixture(401, "graph__invalid_token"), 1).await;
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::InvalidToken));
    let text = format!("{err} {err:?}");
    assert!(
        !text.contains(common::PAGE_TOKEN) && !text.contains(&common::expected_proof()),
        "{text}"
    );
}

#[tokio::test]
async fn permission_200() {
    let (_server, err) = send_hi_against(json_fixture(403, "graph__permission"), 1).await;
    assert_eq!(err.graph_kind(), Some(GraphErrorKind::Permission));
}

#[tokio::test]
async fn html_502_is_an_api_error_with_the_body() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let answer = ResponseTemplate::new(502)
        .insert_header("content-type", "text/html")
        .set_body_string(page);
    let (_server, err) = send_hi_against(answer, 1).await;
    let Error::Api { status, body } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_u16(), 502);
    assert_eq!(body, page);
}

#[tokio::test]
async fn success_that_does_not_parse_is_a_decode_error_with_the_path() {
    let server = server_expecting(
        text_body("hi"),
        ResponseTemplate::new(200)
            .set_body_string(r#"{"recipient_id":"7000000000000001","message_id":42}"#),
    )
    .await;
    let err = common::client(&server)
        .send_text(PSID, "hi")
        .await
        .unwrap_err();
    let Error::Decode { path, body, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "message_id");
    assert!(body.contains("42"));
    assert!(!err.is_retryable());

    let server = server_expecting(
        text_body("hi"),
        ResponseTemplate::new(200).set_body_string("<html>ok</html>"),
    )
    .await;
    let err = common::client(&server)
        .send_text(PSID, "hi")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn timeout_is_not_retried() {
    let server = MockServer::start().await;
    graph("POST", MESSAGES)
        .and(body_json(text_body("hi")))
        .respond_with(ok().set_delay(Duration::from_secs(1)))
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    let client = common::builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let err = client.send_text(PSID, "hi").await.unwrap_err();

    assert!(
        matches!(&err, Error::Transport(e) if e.is_timeout()),
        "{err:?}"
    );
    assert!(!err.is_retryable(), "the message may have been delivered");
    assert_eq!(common::received(&server).await, 1);
}

// --- nothing is sent when a request is wrong -------------------------------------------------

fn qr(i: usize) -> QuickReply {
    QuickReply::text(format!("Option {i}"), format!("OPT_{i}"))
}

#[tokio::test]
async fn limit_violations_name_the_field_and_send_nothing() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);
    let element = |title: &str| GenericElement::new(title);
    let postback = |title: &str| Button::postback(title, "P");

    let cases: Vec<(Message, &str, usize, usize)> = vec![
        (Message::text("x".repeat(2001)), "message.text", 2000, 2001),
        (Message::text("🔥".repeat(1001)), "message.text", 2000, 2002),
        (
            Message::text("hi").quick_replies((0..14).map(qr)),
            "message.quick_replies",
            13,
            14,
        ),
        (
            Message::text("hi")
                .quick_replies((0..3).map(qr))
                .quick_reply(QuickReply::text("x".repeat(21), "P")),
            "message.quick_replies[3].title",
            20,
            21,
        ),
        (
            Message::text("hi").quick_reply(QuickReply::text("ok", "p".repeat(1001))),
            "message.quick_replies[0].payload",
            1000,
            1001,
        ),
        (
            Message::text("hi").metadata("m".repeat(1001)),
            "message.metadata",
            1000,
            1001,
        ),
        (
            Message::generic((0..11).map(|_| element("a")).collect()),
            "message.attachment.payload.elements",
            10,
            11,
        ),
        (
            Message::generic(vec![]),
            "message.attachment.payload.elements",
            1,
            0,
        ),
        (
            Message::generic(vec![element("a"), element(&"t".repeat(81))]),
            "message.attachment.payload.elements[1].title",
            80,
            81,
        ),
        (
            Message::generic(vec![
                element("a"),
                element("b"),
                element("c").subtitle("s".repeat(81)),
            ]),
            "message.attachment.payload.elements[2].subtitle",
            80,
            81,
        ),
        (
            Message::generic(vec![element("a").buttons((0..4).map(|_| postback("b")))]),
            "message.attachment.payload.elements[0].buttons",
            3,
            4,
        ),
        (
            Message::generic(vec![
                element("a")
                    .button(postback("ok"))
                    .button(Button::web_url("x".repeat(21), "https://x.test")),
            ]),
            "message.attachment.payload.elements[0].buttons[1].title",
            20,
            21,
        ),
        (
            Message::buttons("t".repeat(641), vec![postback("ok")]),
            "message.attachment.payload.text",
            640,
            641,
        ),
        (
            Message::buttons("pick", vec![]),
            "message.attachment.payload.buttons",
            1,
            0,
        ),
        (
            Message::buttons("pick", (0..4).map(|_| postback("b")).collect()),
            "message.attachment.payload.buttons",
            3,
            4,
        ),
        (
            Message::buttons("pick", vec![Button::postback("ok", "p".repeat(1001))]),
            "message.attachment.payload.buttons[0].payload",
            1000,
            1001,
        ),
        (
            Message::template(Template::Media {
                elements: vec![
                    MediaElement::new(MediaType::Image, MediaSource::attachment_id("1")),
                    MediaElement::new(MediaType::Image, MediaSource::attachment_id("2")),
                ],
            }),
            "message.attachment.payload.elements",
            1,
            2,
        ),
        (
            Message::template(Template::media(
                MediaElement::new(MediaType::Video, MediaSource::attachment_id("1"))
                    .button(postback(&"x".repeat(21))),
            )),
            "message.attachment.payload.elements[0].buttons[0].title",
            20,
            21,
        ),
    ];
    for (message, field, limit, actual) in cases {
        let err = client.send_message(PSID, message).await.unwrap_err();
        let Error::Limit(limit_error) = &err else {
            panic!("{field}: {err:?}")
        };
        assert_eq!(limit_error.field, field);
        assert_eq!(
            (limit_error.limit, limit_error.actual),
            (limit, actual),
            "{field}"
        );
    }

    let err = client.send_text(PSID, "x".repeat(2001)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Limit(e) if e.field == "message.text"),
        "{err:?}"
    );
    assert_eq!(common::received(&server).await, 0, "nothing may be sent");
}

#[tokio::test]
async fn limits_are_inclusive() {
    let server = MockServer::start().await;
    let at_limits = Message::text("🔥".repeat(1000))
        .quick_replies((0..13).map(|i| QuickReply::text(format!("{i:0>20}"), "p".repeat(1000))));
    graph("POST", MESSAGES)
        .and(body_json(
            json!({"recipient": {"id": PSID}, "messaging_type": "RESPONSE", "message": at_limits}),
        ))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    common::mount_catch_all(&server).await;
    common::client(&server)
        .send_message(PSID, at_limits)
        .await
        .unwrap();
}

#[tokio::test]
async fn malformed_requests_are_invalid_input_and_send_nothing() {
    let server = MockServer::start().await;
    common::mount_catch_all(&server).await;
    let client = common::client(&server);

    let mut both = SendRequest::new(PSID, Message::text("hi"));
    both.sender_action = Some(SenderAction::TypingOn);
    let mut neither = SendRequest::new(PSID, Message::text("hi"));
    neither.message = None;
    let mut tag_without_type = SendRequest::new(PSID, Message::text("hi"));
    tag_without_type.tag = Some(MessageTag::HumanAgent);
    let type_without_tag =
        SendRequest::new(PSID, Message::text("hi")).messaging_type(MessagingType::MessageTag);
    for request in [both, neither, tag_without_type, type_without_tag] {
        let err = client.send(&request).await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    for action in [SenderAction::React, SenderAction::Unreact] {
        let err = client.sender_action(PSID, action).await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    assert_eq!(common::received(&server).await, 0);
}

// --- serde round trips -----------------------------------------------------------------------

/// Serializes to exactly `wire`, and `wire` deserializes back to `value`.
fn round_trip<T>(value: &T, wire: Value)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(serde_json::to_value(value).unwrap(), wire);
    let back: T = serde_json::from_value(wire).unwrap();
    assert_eq!(&back, value);
}

#[test]
fn recipients_round_trip() {
    round_trip(&Recipient::from(Psid::from("1")), json!({"id": "1"}));
    round_trip(&Recipient::from("1"), json!({"id": "1"}));
    round_trip(&Recipient::user_ref("u"), json!({"user_ref": "u"}));
    round_trip(&Recipient::post_id("p"), json!({"post_id": "p"}));
    round_trip(&Recipient::comment_id("c"), json!({"comment_id": "c"}));
    round_trip(
        &Recipient::notification_messages_token("t"),
        json!({"notification_messages_token": "t"}),
    );
}

#[test]
fn string_enums_round_trip() {
    for (value, wire) in [
        (MessagingType::Response, "RESPONSE"),
        (MessagingType::Update, "UPDATE"),
        (MessagingType::MessageTag, "MESSAGE_TAG"),
    ] {
        round_trip(&value, json!(wire));
    }
    assert_eq!(MessagingType::default(), MessagingType::Response);
    for (value, wire) in [
        (MessageTag::ConfirmedEventUpdate, "CONFIRMED_EVENT_UPDATE"),
        (MessageTag::PostPurchaseUpdate, "POST_PURCHASE_UPDATE"),
        // Retired 2026-02-10, still decodes and encodes for old code.
        #[allow(deprecated, reason = "the retired tag must still round-trip")]
        (MessageTag::AccountUpdate, "ACCOUNT_UPDATE"),
        (MessageTag::HumanAgent, "HUMAN_AGENT"),
        (MessageTag::CustomerFeedback, "CUSTOMER_FEEDBACK"),
        (MessageTag::Other("FUTURE_TAG".to_owned()), "FUTURE_TAG"),
    ] {
        round_trip(&value, json!(wire));
    }
    for (value, wire) in [
        (NotificationType::Regular, "REGULAR"),
        (NotificationType::SilentPush, "SILENT_PUSH"),
        (NotificationType::NoPush, "NO_PUSH"),
    ] {
        round_trip(&value, json!(wire));
    }
    for (value, wire) in [
        (SenderAction::MarkSeen, "mark_seen"),
        (SenderAction::TypingOn, "typing_on"),
        (SenderAction::TypingOff, "typing_off"),
        (SenderAction::React, "react"),
        (SenderAction::Unreact, "unreact"),
    ] {
        round_trip(&value, json!(wire));
    }
    for (value, wire) in [
        (WebviewHeightRatio::Compact, "compact"),
        (WebviewHeightRatio::Tall, "tall"),
        (WebviewHeightRatio::Full, "full"),
    ] {
        round_trip(&value, json!(wire));
    }
    round_trip(&ImageAspectRatio::Horizontal, json!("horizontal"));
    round_trip(&ImageAspectRatio::Square, json!("square"));
    round_trip(&MediaType::Video, json!("video"));
    round_trip(&MediaKind::File, json!("file"));
}

#[test]
fn requests_round_trip() {
    round_trip(
        &SendRequest::new(PSID, Message::text("hi")),
        json!({"recipient": {"id": PSID}, "messaging_type": "RESPONSE", "message": {"text": "hi"}}),
    );
    round_trip(
        &SendRequest::new(PSID, Message::text("hi"))
            .messaging_type(MessagingType::Update)
            .notification_type(NotificationType::Regular),
        json!({"recipient": {"id": PSID}, "messaging_type": "UPDATE", "notification_type": "REGULAR", "message": {"text": "hi"}}),
    );
    round_trip(
        &SendRequest::new(PSID, Message::text("hi")).tag(MessageTag::HumanAgent),
        json!({"recipient": {"id": PSID}, "messaging_type": "MESSAGE_TAG", "tag": "HUMAN_AGENT", "message": {"text": "hi"}}),
    );
    round_trip(
        &SendRequest::action(PSID, SenderAction::MarkSeen),
        action_body("mark_seen"),
    );
    round_trip(
        &SendRequest::react(PSID, "m_1", "😮"),
        json!({"recipient": {"id": PSID}, "messaging_type": "RESPONSE", "sender_action": "react", "payload": {"message_id": "m_1", "reaction": "😮"}}),
    );
    round_trip(
        &SendRequest::unreact(PSID, "m_1"),
        json!({"recipient": {"id": PSID}, "messaging_type": "RESPONSE", "sender_action": "unreact", "payload": {"message_id": "m_1"}}),
    );
    // `messaging_type` defaults to RESPONSE when reading a body without it.
    let read: SendRequest =
        serde_json::from_value(json!({"recipient": {"id": PSID}, "sender_action": "typing_on"}))
            .unwrap();
    assert_eq!(read, SendRequest::action(PSID, SenderAction::TypingOn));
}

#[test]
fn messages_and_quick_replies_round_trip() {
    round_trip(&Message::text("gg 🔥"), json!({"text": "gg 🔥"}));
    round_trip(
        &Message::text("pick").quick_replies([
            QuickReply::text("A", "PA"),
            QuickReply::text("B", "PB").image_url("https://x.test/b.png"),
            QuickReply::phone_number(),
            QuickReply::email(),
        ]),
        json!({"text": "pick", "quick_replies": [
            {"content_type": "text", "title": "A", "payload": "PA"},
            {"content_type": "text", "title": "B", "payload": "PB", "image_url": "https://x.test/b.png"},
            {"content_type": "user_phone_number"},
            {"content_type": "user_email"}
        ]}),
    );
    round_trip(
        &Message::attachment(Attachment::file("https://x.test/r.pdf")).metadata("meta"),
        json!({"attachment": {"type": "file", "payload": {"url": "https://x.test/r.pdf"}}, "metadata": "meta"}),
    );
    let message = Message::text("x");
    assert_eq!(message.content, MessageContent::Text("x".to_owned()));
    assert!(serde_json::from_value::<Message>(json!({"metadata": "no content"})).is_err());
}

#[test]
fn attachments_round_trip() {
    for (kind, name) in [
        (MediaKind::Image, "image"),
        (MediaKind::Audio, "audio"),
        (MediaKind::Video, "video"),
        (MediaKind::File, "file"),
    ] {
        let by_url = Attachment::from_url(kind, "https://x.test/m");
        assert_eq!(by_url.media_kind(), Some(kind));
        round_trip(
            &by_url,
            json!({"type": name, "payload": {"url": "https://x.test/m"}}),
        );
        round_trip(
            &by_url.clone().reusable(),
            json!({"type": name, "payload": {"url": "https://x.test/m", "is_reusable": true}}),
        );
        round_trip(
            &Attachment::saved(kind, "99"),
            json!({"type": name, "payload": {"attachment_id": "99"}}),
        );
    }
    round_trip(
        &Attachment::image("https://x.test/a.png"),
        json!({"type": "image", "payload": {"url": "https://x.test/a.png"}}),
    );
    round_trip(
        &Attachment::audio("https://x.test/a.mp3"),
        json!({"type": "audio", "payload": {"url": "https://x.test/a.mp3"}}),
    );
    round_trip(
        &Attachment::video("https://x.test/a.mp4"),
        json!({"type": "video", "payload": {"url": "https://x.test/a.mp4"}}),
    );
    let template = Attachment::Template(Template::generic(vec![GenericElement::new("a")]));
    assert_eq!(template.media_kind(), None);
    assert_eq!(template.clone().reusable(), template);
}

#[test]
fn templates_round_trip() {
    round_trip(
        &Template::generic(vec![GenericElement::new("a"), GenericElement::new("b")])
            .image_aspect_ratio(ImageAspectRatio::Square),
        json!({"template_type": "generic", "image_aspect_ratio": "square", "elements": [{"title": "a"}, {"title": "b"}]}),
    );
    round_trip(
        &Template::button("pick", vec![Button::postback("A", "PA")]),
        json!({"template_type": "button", "text": "pick", "buttons": [{"type": "postback", "title": "A", "payload": "PA"}]}),
    );
    round_trip(
        &Template::media(MediaElement::new(
            MediaType::Video,
            MediaSource::url("https://www.facebook.com/x/videos/1"),
        )),
        json!({"template_type": "media", "elements": [{"media_type": "video", "url": "https://www.facebook.com/x/videos/1"}]}),
    );
    let receipt = ReceiptTemplate::new(
        "Stephane Crozatier",
        "12345678902",
        "USD",
        "Visa 2345",
        ReceiptSummary {
            subtotal: Some(75.0),
            shipping_cost: Some(4.95),
            total_tax: Some(6.19),
            total_cost: 56.14,
        },
    )
    .merchant_name("Coast Clothing")
    .order_url("https://x.test/order?order_id=123456")
    .timestamp(1_428_444_852)
    .address(ReceiptAddress {
        street_2: Some(String::new()),
        ..ReceiptAddress::new("1 Hacker Way", "Menlo Park", "94025", "CA", "US")
    })
    .adjustment("New Customer Discount", 20.0)
    .adjustment("$10 Off Coupon", 10.0)
    .element(ReceiptElement {
        subtitle: Some("100% Soft and Luxurious Cotton".to_owned()),
        currency: Some("USD".to_owned()),
        image_url: Some("https://x.test/img/whiteshirt.png".to_owned()),
        ..ReceiptElement::new("Classic White T-Shirt", 50.0).quantity(2)
    })
    .element(ReceiptElement::new("Free sticker", 0.0));
    assert!(receipt.validate().is_ok());
    round_trip(
        &Template::receipt(receipt),
        json!({
            "template_type": "receipt",
            "recipient_name": "Stephane Crozatier",
            "merchant_name": "Coast Clothing",
            "order_number": "12345678902",
            "currency": "USD",
            "payment_method": "Visa 2345",
            "order_url": "https://x.test/order?order_id=123456",
            "timestamp": "1428444852",
            "address": {"street_1": "1 Hacker Way", "street_2": "", "city": "Menlo Park", "postal_code": "94025", "state": "CA", "country": "US"},
            "summary": {"subtotal": 75.0, "shipping_cost": 4.95, "total_tax": 6.19, "total_cost": 56.14},
            "adjustments": [{"name": "New Customer Discount", "amount": 20.0}, {"name": "$10 Off Coupon", "amount": 10.0}],
            "elements": [
                {"title": "Classic White T-Shirt", "subtitle": "100% Soft and Luxurious Cotton", "quantity": 2, "price": 50.0, "currency": "USD", "image_url": "https://x.test/img/whiteshirt.png"},
                {"title": "Free sticker", "price": 0.0}
            ]
        }),
    );
}

#[test]
fn elements_and_buttons_round_trip() {
    round_trip(
        &GenericElement::new("t")
            .subtitle("s")
            .image_url("https://x.test/i.png")
            .default_action(
                DefaultAction::web_url("https://x.test")
                    .webview_height_ratio(WebviewHeightRatio::Tall)
                    .messenger_extensions(false),
            )
            .buttons([
                Button::account_link("https://x.test/auth"),
                Button::account_unlink(),
            ]),
        json!({
            "title": "t",
            "subtitle": "s",
            "image_url": "https://x.test/i.png",
            "default_action": {"type": "web_url", "url": "https://x.test", "webview_height_ratio": "tall", "messenger_extensions": false},
            "buttons": [{"type": "account_link", "url": "https://x.test/auth"}, {"type": "account_unlink"}]
        }),
    );
    round_trip(
        &Button::web_url("Open", "https://x.test")
            .webview_height_ratio(WebviewHeightRatio::Full)
            .messenger_extensions(true),
        json!({"type": "web_url", "title": "Open", "url": "https://x.test", "webview_height_ratio": "full", "messenger_extensions": true}),
    );
    round_trip(
        &Button::postback("Go", "GO"),
        json!({"type": "postback", "title": "Go", "payload": "GO"}),
    );
    round_trip(
        &Button::phone_number("Call", "+46700000000"),
        json!({"type": "phone_number", "title": "Call", "payload": "+46700000000"}),
    );
    round_trip(
        &Button::account_link("https://x.test/a"),
        json!({"type": "account_link", "url": "https://x.test/a"}),
    );
    round_trip(&Button::account_unlink(), json!({"type": "account_unlink"}));
    // Options of web_url buttons leave the other kinds alone.
    assert_eq!(
        Button::postback("a", "b").messenger_extensions(true),
        Button::postback("a", "b")
    );
    round_trip(
        &MediaElement::new(MediaType::Image, MediaSource::attachment_id("7"))
            .button(Button::web_url("More", "https://x.test")),
        json!({"media_type": "image", "attachment_id": "7", "buttons": [{"type": "web_url", "title": "More", "url": "https://x.test"}]}),
    );
}

#[test]
fn send_response_fixtures_decode() {
    let ok: SendResponse = serde_json::from_str(&fixture("send__ok")).unwrap();
    assert_eq!(
        (ok.recipient_id.as_deref(), ok.message_id.as_deref()),
        (Some(PSID), Some("m_SENT0001"))
    );
    let user_ref: SendResponse = serde_json::from_str(&fixture("send__user_ref")).unwrap();
    assert_eq!(
        (user_ref.recipient_id, user_ref.message_id.as_deref()),
        (None, Some("m_SENT0002"))
    );
    let action: SendResponse = serde_json::from_str(&fixture("send__sender_action")).unwrap();
    assert_eq!(
        (action.recipient_id.as_deref(), action.message_id),
        (Some(PSID), None)
    );
    let extra: SendResponse =
        serde_json::from_str(r#"{"recipient_id":"1","message_id":"m","attachment_id":"9"}"#)
            .unwrap();
    assert_eq!(extra.message_id.as_deref(), Some("m"));
}

#[test]
fn recipient_from_a_webhook_sender() {
    let raw = br#"{"object":"page","entry":[{"id":"1","messaging":[
        {"sender":{"id":"42"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"hi"}},
        {"sender":{"user_ref":"ur_9"},"recipient":{"id":"1"},"timestamp":2,"optin":{"ref":"x","user_ref":"ur_9"}}
    ]}]}"#;
    let events = messenger_sdk::webhook::parse(raw).unwrap().into_events();
    let to: Vec<Option<Recipient>> = events
        .iter()
        .map(|e| e.sender.as_ref().and_then(Recipient::from_sender))
        .collect();
    assert_eq!(
        to,
        vec![Some(Recipient::id("42")), Some(Recipient::user_ref("ur_9"))]
    );
}
