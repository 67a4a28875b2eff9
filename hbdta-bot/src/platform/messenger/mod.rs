//! Messenger: `GET /webhook` (the subscription handshake), `POST /webhook` (signature over the raw
//! body, parse, events → [`Job`]s, hand-over, 200 at once), Meta's data deletion callback
//! ([`data_deletion`]), and the Send API as the [`Outbox`],
//! fitting the conversation's replies to Messenger's limits with [`messenger_sdk::limits`]: 2000
//! UTF-16 units per text, 13 quick replies of 20, card titles and subtitles of 80, 3 buttons of 20.

use std::sync::Arc;

use async_trait::async_trait;
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use messenger_sdk::axum::{SignedWebhook, WebhookConfig, WebhookRejection, handshake};
use messenger_sdk::limits::{
    BUTTON_TITLE_MAX, BUTTONS_MAX, ELEMENT_SUBTITLE_MAX, ELEMENT_TITLE_MAX, QUICK_REPLIES_MAX,
    QUICK_REPLY_TITLE_MAX, TEXT_MAX, text_len, truncate,
};
use messenger_sdk::send::{
    Attachment, Button, DefaultAction, GenericElement, Message, QuickReply, Recipient,
};
use messenger_sdk::webhook::{Event, EventKind};
use messenger_sdk::{Client, Psid};

pub mod data_deletion;

use super::{Address, Inbound, Outbox, Platform};
use crate::cards::Cards;
use crate::conversation::{Card, CardButton, Incoming, Picture, Reply};
use crate::dispatch::{DispatchError, Dispatcher};
use crate::job::Job;
use crate::store::PersonId;

/// The platform's name in addresses, person ids and keys.
pub const NAME: &str = "messenger";

/// Messenger: the webhook's secrets and the Graph API client that sends the answers.
#[derive(Debug, Clone)]
pub struct Messenger {
    webhook: WebhookConfig,
    graph: Client,
    public_url: Option<String>,
    cards: Option<Cards>,
}

impl Messenger {
    /// Webhooks checked with `webhook` (app secret, verify token), answers sent through `graph`.
    #[must_use]
    pub fn new(webhook: WebhookConfig, graph: Client) -> Self {
        Self {
            webhook,
            graph,
            public_url: None,
            cards: None,
        }
    }

    /// Pictures linked through `cards` (when it has a public URL): the stats card shows the
    /// drawn picture instead of the avatar, and the last match gets its picture as an image.
    #[must_use]
    pub fn cards(mut self, cards: Cards) -> Self {
        self.cards = Some(cards);
        self
    }

    /// The bot's public address (`https://bot.example.com`), for the status page link of a data
    /// deletion request; without it the link is made from the request's `Host` header.
    #[must_use]
    pub fn public_url(mut self, url: Option<String>) -> Self {
        self.public_url = url.map(|u| u.trim_end_matches('/').to_owned());
        self
    }
}

impl Platform for Messenger {
    fn name(&self) -> &'static str {
        NAME
    }

    fn routes(&self, inbound: Inbound) -> Router {
        Router::new()
            .route("/webhook", get(handshake).post(receive))
            .with_state(Shared(Arc::new(RouteState {
                webhook: self.webhook.clone(),
                dispatcher: inbound.dispatcher,
            })))
            .merge(data_deletion::routes(
                self.webhook.verifier.clone(),
                inbound.store,
                self.public_url.clone(),
            ))
    }

    fn outbox(&self) -> Arc<dyn Outbox> {
        Arc::new(SendApi {
            graph: self.graph.clone(),
            cards: self.cards.clone().filter(Cards::linkable),
        })
    }
}

struct RouteState {
    webhook: WebhookConfig,
    dispatcher: Dispatcher,
}

/// The routes' state: one `Arc`, so a request costs one reference count.
#[derive(Clone)]
struct Shared(Arc<RouteState>);

impl FromRef<Shared> for WebhookConfig {
    fn from_ref(state: &Shared) -> Self {
        state.0.webhook.clone()
    }
}

/// Verifies and parses (the extractor), hands the events over and answers at once: the answer
/// never waits for OpenDota or the Send API (unless the hand-over itself answers, as Lambda's
/// `inline` mode does).
async fn receive(
    State(Shared(state)): State<Shared>,
    webhook: Result<SignedWebhook, WebhookRejection>,
) -> Response {
    let webhook = match webhook {
        Ok(webhook) => webhook,
        Err(rejection) => {
            tracing::warn!(reason = %rejection, status = %rejection.status(), "webhook refused");
            return rejection.into_response();
        }
    };
    let events = webhook.into_events();
    let mut jobs = Vec::with_capacity(events.len());
    for event in events {
        if let EventKind::Unknown(_) | EventKind::Malformed { .. } = &event.kind {
            tracing::warn!(
                kind = event.kind.key(),
                "unhandled webhook event acknowledged"
            );
            continue;
        }
        let kind = tracing::enabled!(tracing::Level::DEBUG).then(|| event.kind.key().to_owned());
        match job_of(event) {
            Some(job) => jobs.push(job),
            None => tracing::debug!(kind, "event needs no answer"),
        }
    }
    match state.dispatcher.dispatch(jobs).await {
        Ok(_) => (StatusCode::OK, "EVENT_RECEIVED").into_response(),
        Err(DispatchError::Busy) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the worker queues are full",
        )
            .into_response(),
        // The details are logged; Meta only needs to deliver again.
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response(),
    }
}

/// The job for an event, or `None` for events the bot does not answer (echoes, reads,
/// deliveries, reactions, …) and events without a PSID. The key is the message id
/// (`messenger:mid:…`), or sender, timestamp and kind for events without one.
#[must_use]
pub fn job_of(event: Event) -> Option<Job> {
    let psid = event.sender_psid()?.clone();
    let key = match event.message_id() {
        Some(mid) => [NAME, ":mid:", mid].concat(),
        None => format!(
            "{NAME}:{}:{}:{}",
            psid,
            event.timestamp.unwrap_or_default(),
            event.kind.key()
        ),
    };
    let incoming = match event.kind {
        EventKind::Message(m) if m.is_echo => return None,
        EventKind::Message(m) => match (m.quick_reply, m.text) {
            (Some(tap), _) => Incoming::Payload(tap.payload),
            (None, Some(text)) => Incoming::Text(text),
            (None, None) => Incoming::Text(String::new()),
        },
        EventKind::Postback(p) => Incoming::Payload(p.payload.unwrap_or_default()),
        _ => return None,
    };
    let person = PersonId::new(NAME, psid.as_str());
    Some(Job::new(
        Address::new(NAME, psid.as_str()),
        person,
        incoming,
        key,
    ))
}

/// The Send API as an [`Outbox`].
#[derive(Debug, Clone)]
struct SendApi {
    graph: Client,
    /// Only with a public URL: Messenger fetches pictures by URL.
    cards: Option<Cards>,
}

impl SendApi {
    /// The message of a reply: a card's drawn picture linked in place of the avatar; a picture
    /// on its own as an image (`None` without a public URL: the text beside it says the same).
    fn message(&self, reply: Reply) -> Option<Message> {
        match reply {
            Reply::Card(mut card) => {
                if let Some(url) = self.picture_url(card.picture.as_ref()) {
                    card.image_url = Some(url);
                }
                to_message(Reply::Card(card))
            }
            Reply::Picture(picture) => self
                .picture_url(Some(&picture))
                .map(|url| Message::attachment(Attachment::image(url))),
            text @ Reply::Text { .. } => to_message(text),
        }
    }

    fn picture_url(&self, picture: Option<&Picture>) -> Option<String> {
        self.cards.as_ref()?.url(picture?)
    }
}

#[async_trait]
impl Outbox for SendApi {
    async fn acknowledge(&self, chat: &str) {
        let recipient = Recipient::from(Psid::from(chat));
        if let Err(e) = self.graph.mark_seen(recipient.clone()).await {
            tracing::warn!(error = %e, "mark_seen failed");
        }
        if let Err(e) = self.graph.typing_on(recipient).await {
            tracing::warn!(error = %e, "typing_on failed");
        }
    }

    // A Messenger conversation has two parties: nothing to quote.
    async fn deliver(&self, chat: &str, _reply_to: Option<&str>, replies: Vec<Reply>) -> usize {
        let recipient = Recipient::from(Psid::from(chat));
        let mut sent = 0;
        for reply in replies {
            let Some(message) = self.message(reply) else {
                sent += 1;
                continue;
            };
            if let Err(e) = self.graph.send_message(recipient.clone(), message).await {
                tracing::warn!(error = %e, kind = ?e.graph_kind(), "reply not sent");
                break;
            }
            sent += 1;
        }
        sent
    }
}

/// A reply as a Messenger message, fitted to Messenger's limits: a text longer than 2000 UTF-16
/// units keeps its whole lines and ends with `…`; at most 13 quick replies with titles of 20; a
/// card's title and subtitle of 80, at most 3 buttons with titles of 20. A picture on its own
/// needs a URL ([`Messenger::cards`]): `None` here.
#[must_use]
pub fn to_message(reply: Reply) -> Option<Message> {
    Some(match reply {
        Reply::Text {
            text,
            quick_replies,
        } => Message::text(fit_text(&text, TEXT_MAX)).quick_replies(
            quick_replies
                .into_iter()
                .take(QUICK_REPLIES_MAX)
                .map(|c| QuickReply::text(truncate(&c.title, QUICK_REPLY_TITLE_MAX), c.payload)),
        ),
        Reply::Card(card) => Message::generic(vec![element(card)]),
        Reply::Picture(_) => return None,
    })
}

fn element(card: Card) -> GenericElement {
    let mut element = GenericElement::new(truncate(&card.title, ELEMENT_TITLE_MAX));
    if let Some(subtitle) = card.subtitle {
        element = element.subtitle(truncate(&subtitle, ELEMENT_SUBTITLE_MAX));
    }
    if let Some(image) = card.image_url {
        element = element.image_url(image);
    }
    if let Some(url) = card.url {
        element = element.default_action(DefaultAction::web_url(url));
    }
    element.buttons(card.buttons.into_iter().take(BUTTONS_MAX).map(|b| match b {
        CardButton::Link { title, url } => Button::web_url(truncate(&title, BUTTON_TITLE_MAX), url),
        CardButton::Postback { title, payload } => {
            Button::postback(truncate(&title, BUTTON_TITLE_MAX), payload)
        }
    }))
}

/// `text` within `max` UTF-16 units: whole lines while they fit, then `…` (a first line that
/// alone is too long is cut between graphemes).
#[must_use]
pub fn fit_text(text: &str, max: usize) -> String {
    if text_len(text) <= max {
        return text.to_owned();
    }
    let budget = max.saturating_sub(1);
    let mut end = 0;
    let mut units = 0;
    for (i, line) in text.split('\n').enumerate() {
        let needed = text_len(line) + usize::from(i > 0);
        if units + needed > budget {
            break;
        }
        units += needed;
        end += line.len() + usize::from(i > 0);
    }
    let mut out = if end == 0 {
        truncate(text, budget).to_owned()
    } else {
        text[..end].to_owned()
    };
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::conversation::Choice;

    fn wire(reply: Reply) -> serde_json::Value {
        serde_json::to_value(to_message(reply).unwrap()).unwrap()
    }

    #[test]
    fn long_texts_keep_whole_lines() {
        let text = (0..300)
            .map(|n| format!("line {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        let fitted = fit_text(&text, TEXT_MAX);
        assert_eq!(text_len(&fitted), 1996);
        assert!(fitted.starts_with("line 0\nline 1\n"));
        assert!(fitted.ends_with("\nline 232\nline 233…"), "{fitted}");
        assert_eq!(fit_text("short", TEXT_MAX), "short");
        assert_eq!(fit_text("aaaa\nbbbb\ncccc", 11), "aaaa\nbbbb…");
        let one_line = "x".repeat(3000);
        assert_eq!(fit_text(&one_line, 10), "xxxxxxxxx…");
    }

    #[test]
    fn choices_and_titles_are_fitted_to_messenger() {
        let choices: Vec<Choice> = (1..=15)
            .map(|n| Choice {
                title: format!("A very long player name {n}"),
                payload: n.to_string(),
            })
            .collect();
        let got = wire(Reply::Text {
            text: "Which one?".to_owned(),
            quick_replies: choices,
        });
        let quick = got["quick_replies"].as_array().unwrap();
        assert_eq!(quick.len(), 13);
        assert_eq!(
            quick[0],
            json!({"content_type": "text", "title": "A very long player n", "payload": "1"})
        );
        assert_eq!(got["text"], "Which one?");
    }

    #[test]
    fn a_card_is_one_generic_element() {
        let card = Card {
            title: "👍🏽".repeat(30),
            subtitle: Some("Immortal · 61.7% wins · 6,075 games".to_owned()),
            image_url: Some("https://avatars.example/a.jpg".to_owned()),
            picture: None,
            url: Some("https://www.opendota.com/players/86745912".to_owned()),
            buttons: vec![
                CardButton::Link {
                    title: "OpenDota".to_owned(),
                    url: "https://www.opendota.com/players/86745912".to_owned(),
                },
                CardButton::Postback {
                    title: "Heroes".to_owned(),
                    payload: "HEROES:86745912".to_owned(),
                },
            ],
        };
        assert_eq!(
            wire(Reply::Card(card)),
            json!({"attachment": {"type": "template", "payload": {
                "template_type": "generic",
                "elements": [{
                    "title": "👍🏽".repeat(20),
                    "subtitle": "Immortal · 61.7% wins · 6,075 games",
                    "image_url": "https://avatars.example/a.jpg",
                    "default_action": {"type": "web_url", "url": "https://www.opendota.com/players/86745912"},
                    "buttons": [
                        {"type": "web_url", "title": "OpenDota", "url": "https://www.opendota.com/players/86745912"},
                        {"type": "postback", "title": "Heroes", "payload": "HEROES:86745912"}
                    ]
                }]
            }}})
        );
    }
}
