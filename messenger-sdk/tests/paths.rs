//! The public paths other crates import (the bot, `examples/`, the README) keep compiling, and
//! the naming rule holds: inbound types under `webhook`, outbound under `send`, only the client,
//! errors and ids at the root.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
#![allow(unused_imports, reason = "the imports are the test")]

use std::any::TypeId;

#[cfg(feature = "axum")]
use messenger_sdk::axum::{SignedWebhook, WebhookConfig, WebhookRejection, handshake};
use messenger_sdk::limits;
use messenger_sdk::send::{
    Button, DefaultAction, GenericElement, Message, QuickReply, Recipient, SendRequest,
    SendResponse, SenderAction,
};
use messenger_sdk::webhook::{Event, EventKind, SIGNATURE_256_HEADER, SignatureVerifier, parse};
use messenger_sdk::{
    Client, ClientBuilder, Error, GraphError, GraphErrorKind, PageId, Psid, Result, RetryConfig,
};

#[test]
fn inbound_and_outbound_messages_are_different_types_under_their_modules() {
    assert_ne!(
        TypeId::of::<messenger_sdk::webhook::Message>(),
        TypeId::of::<messenger_sdk::send::Message>()
    );
    assert_ne!(
        TypeId::of::<messenger_sdk::webhook::Attachment>(),
        TypeId::of::<messenger_sdk::send::Attachment>()
    );
    assert_eq!(
        TypeId::of::<messenger_sdk::send::Message>(),
        TypeId::of::<messenger_sdk::models::send::Message>(),
        "models::send is the same module as send, kept out of the docs"
    );
}

#[test]
fn the_lazy_requests_live_under_api() {
    let client = Client::builder().page_access_token("t").build().unwrap();
    let request: messenger_sdk::api::send::SendMessageRequest<'_> =
        client.send_text("7000000000000001", "gg");
    assert_eq!(request.body().recipient, Recipient::id("7000000000000001"));
    let _: messenger_sdk::api::user_profile::UserProfileRequest<'_> =
        client.user_profile("7000000000000001");
}
