//! The Bot API as an [`Outbox`], and the conversation's replies fitted to Telegram's limits
//! (written here, not borrowed from another platform):
//!
//! - a text: `sendMessage`, no parse mode (what a player calls themselves shows as it is), cut
//!   into messages of at most [`TEXT_MAX`] UTF-16 units at line ends, never inside a grapheme;
//! - choices: an inline keyboard under the (last) message, two buttons a row when the titles are
//!   short, one otherwise; a choice whose payload does not fit [`CALLBACK_DATA_MAX`] bytes is
//!   dropped (and logged);
//! - a card with an image: `sendPhoto` with an HTML caption of at most [`CAPTION_MAX`] characters
//!   (the title bold, then the subtitle; every text from the conversation HTML-escaped), its
//!   buttons as an inline keyboard (links as URL buttons); a card without image: the same as an
//!   HTML text message;
//! - in groups the first message quotes the asking one.

use async_trait::async_trait;
use teloxide_core::Bot;
use teloxide_core::adaptors::Throttle;
use teloxide_core::payloads::{SendMessageSetters, SendPhotoSetters};
use teloxide_core::requests::{Request, Requester};
use teloxide_core::types::{
    ChatAction, ChatId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId,
    ParseMode, ReplyParameters,
};
use unicode_segmentation::UnicodeSegmentation;

use crate::cards::Cards;
use crate::conversation::{Card, CardButton, Choice, Reply};
use crate::platform::Outbox;

/// A message's text: at most this many UTF-16 units (Telegram's 4096 characters).
pub const TEXT_MAX: usize = 4096;
/// A photo's caption: at most this many UTF-16 units (after the HTML is parsed).
pub const CAPTION_MAX: usize = 1024;
/// An inline button's callback data: at most this many bytes.
pub const CALLBACK_DATA_MAX: usize = 64;
/// A button's title is cut to this many graphemes (Telegram shows little more).
pub const BUTTON_TITLE_MAX: usize = 40;
/// Titles up to this many graphemes go two to a row.
const SHORT_TITLE: usize = 16;

/// One Bot API call an answer makes.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    /// `sendMessage`.
    Text {
        /// The text.
        text: String,
        /// HTML parse mode (the text is escaped HTML), or none.
        html: bool,
        /// The inline keyboard.
        keyboard: Option<InlineKeyboardMarkup>,
    },
    /// `sendPhoto` of a drawn picture, uploaded (`card.png`), with an HTML caption or none.
    Upload {
        /// The PNG.
        png: bytes::Bytes,
        /// The caption, escaped HTML.
        caption: Option<String>,
        /// The inline keyboard.
        keyboard: Option<InlineKeyboardMarkup>,
    },
    /// `sendPhoto` with an HTML caption.
    Photo {
        /// The image's URL.
        url: reqwest::Url,
        /// The caption, escaped HTML.
        caption: String,
        /// The inline keyboard.
        keyboard: Option<InlineKeyboardMarkup>,
    },
}

/// The Bot API calls of one reply, in order.
#[must_use]
pub fn to_outgoing(reply: Reply) -> Vec<Outgoing> {
    match reply {
        Reply::Text {
            text,
            quick_replies,
        } => {
            let keyboard = choices_keyboard(quick_replies);
            let mut parts = split_text(&text, TEXT_MAX);
            if parts.is_empty() {
                parts.push("…".to_owned());
            }
            let last = parts.len() - 1;
            parts
                .into_iter()
                .enumerate()
                .map(|(i, text)| Outgoing::Text {
                    text,
                    html: false,
                    keyboard: if i == last { keyboard.clone() } else { None },
                })
                .collect()
        }
        Reply::Card(card) => vec![card_outgoing(card, None)],
        // Drawn pictures are uploaded: only `BotApi` (with the cards) can.
        Reply::Picture(_) => Vec::new(),
    }
}

/// A card: its drawn picture uploaded (`png`), else its image by URL, else an HTML text.
fn card_outgoing(card: Card, png: Option<bytes::Bytes>) -> Outgoing {
    let keyboard = card_keyboard(card.buttons);
    let image = card
        .image_url
        .as_deref()
        .and_then(|u| reqwest::Url::parse(u).ok());
    let max = if image.is_some() || png.is_some() {
        CAPTION_MAX
    } else {
        TEXT_MAX
    };
    let caption = card_html(&card.title, card.subtitle.as_deref(), max);
    match (png, image) {
        (Some(png), _) => Outgoing::Upload {
            png,
            caption: Some(caption),
            keyboard,
        },
        (None, Some(url)) => Outgoing::Photo {
            url,
            caption,
            keyboard,
        },
        (None, None) => Outgoing::Text {
            text: caption,
            html: true,
            keyboard,
        },
    }
}

/// `<b>title</b>\nsubtitle`, escaped, its visible text within `max` UTF-16 units (the subtitle
/// cut first, then the title, each between graphemes and ending with `…`).
#[must_use]
pub fn card_html(title: &str, subtitle: Option<&str>, max: usize) -> String {
    let title = cut(title, max);
    let mut html = format!("<b>{}</b>", escape_html(&title));
    if let Some(subtitle) = subtitle.filter(|s| !s.is_empty()) {
        let room = max.saturating_sub(units(&title) + 1);
        if room > 1 {
            html.push('\n');
            html.push_str(&escape_html(&cut(subtitle, room)));
        }
    }
    html
}

/// `&`, `<` and `>` as HTML entities: what Telegram's HTML mode needs escaped in text.
#[must_use]
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` within `max` UTF-16 units: whole, or cut between graphemes and ended with `…`.
fn cut(text: &str, max: usize) -> String {
    if units(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let n = units(g);
        if used + n + 1 > max {
            break;
        }
        used += n;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// `text` as messages of at most `max` UTF-16 units: whole lines while they fit, a line longer
/// than `max` cut between graphemes. Nothing is lost; the line breaks between messages go.
#[must_use]
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut used = 0;
    let flush = |current: &mut String, used: &mut usize, parts: &mut Vec<String>| {
        let part = current.trim_end_matches('\n');
        if !part.is_empty() {
            parts.push(part.to_owned());
        }
        current.clear();
        *used = 0;
    };
    for line in text.split_inclusive('\n') {
        let n = units(line);
        if used + n <= max {
            current.push_str(line);
            used += n;
            continue;
        }
        flush(&mut current, &mut used, &mut parts);
        if n <= max {
            current.push_str(line);
            used = n;
            continue;
        }
        for g in line.graphemes(true) {
            let n = units(g);
            if used + n > max {
                flush(&mut current, &mut used, &mut parts);
            }
            current.push_str(g);
            used += n;
        }
    }
    flush(&mut current, &mut used, &mut parts);
    parts
}

fn title(text: &str) -> String {
    let mut graphemes = text.graphemes(true);
    let head: String = graphemes.by_ref().take(BUTTON_TITLE_MAX).collect();
    if graphemes.next().is_some() {
        let head: String = head.graphemes(true).take(BUTTON_TITLE_MAX - 1).collect();
        format!("{head}…")
    } else {
        head
    }
}

fn callback(title_text: &str, payload: String) -> Option<InlineKeyboardButton> {
    if payload.is_empty() || payload.len() > CALLBACK_DATA_MAX {
        tracing::warn!(
            bytes = payload.len(),
            "a choice's payload does not fit Telegram's 64 bytes of callback data; dropped"
        );
        return None;
    }
    Some(InlineKeyboardButton::callback(title(title_text), payload))
}

/// Choices as an inline keyboard: two a row when every title is short, else one a row.
fn choices_keyboard(choices: Vec<Choice>) -> Option<InlineKeyboardMarkup> {
    let short = choices
        .iter()
        .all(|c| c.title.graphemes(true).count() <= SHORT_TITLE);
    let buttons: Vec<InlineKeyboardButton> = choices
        .into_iter()
        .filter_map(|c| callback(&c.title, c.payload))
        .collect();
    keyboard(buttons, if short { 2 } else { 1 })
}

/// A card's buttons on one row (three at most a row).
fn card_keyboard(buttons: Vec<CardButton>) -> Option<InlineKeyboardMarkup> {
    let buttons: Vec<InlineKeyboardButton> = buttons
        .into_iter()
        .filter_map(|b| match b {
            CardButton::Link { title: t, url } => match reqwest::Url::parse(&url) {
                Ok(url) => Some(InlineKeyboardButton::url(title(&t), url)),
                Err(e) => {
                    tracing::warn!(error = %e, "a link button with a bad URL; dropped");
                    None
                }
            },
            CardButton::Postback { title: t, payload } => callback(&t, payload),
        })
        .collect();
    keyboard(buttons, 3)
}

fn keyboard(buttons: Vec<InlineKeyboardButton>, per_row: usize) -> Option<InlineKeyboardMarkup> {
    if buttons.is_empty() {
        return None;
    }
    Some(InlineKeyboardMarkup::new(
        buttons
            .chunks(per_row)
            .map(<[InlineKeyboardButton]>::to_vec),
    ))
}

/// The Bot API, through Telegram's limits ([`Throttle`]), as an [`Outbox`].
#[derive(Clone)]
pub(super) struct BotApi {
    pub(super) sender: Throttle<Bot>,
    /// Draws the pictures to upload; `None` sends cards with their image URL.
    pub(super) cards: Option<Cards>,
}

impl std::fmt::Debug for BotApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotApi").finish_non_exhaustive()
    }
}

impl BotApi {
    /// The calls of one reply, drawing its pictures to upload (a picture that fails to draw is
    /// logged and left out; a card then keeps its image URL).
    async fn outgoing(&self, reply: Reply) -> Vec<Outgoing> {
        let Some(cards) = &self.cards else {
            return to_outgoing(reply);
        };
        match reply {
            Reply::Card(card) => {
                let png = match &card.picture {
                    Some(picture) => cards
                        .png(picture)
                        .await
                        .map_err(|error| tracing::error!(%error, "card not drawn"))
                        .ok(),
                    None => None,
                };
                vec![card_outgoing(card, png)]
            }
            Reply::Picture(picture) => match cards.png(&picture).await {
                Ok(png) => vec![Outgoing::Upload {
                    png,
                    caption: None,
                    keyboard: None,
                }],
                Err(error) => {
                    tracing::error!(%error, "picture not drawn");
                    Vec::new()
                }
            },
            text @ Reply::Text { .. } => to_outgoing(text),
        }
    }

    async fn send(
        &self,
        chat: ChatId,
        outgoing: Outgoing,
        quote: Option<i32>,
    ) -> Result<(), teloxide_core::RequestError> {
        let quote =
            quote.map(|id| ReplyParameters::new(MessageId(id)).allow_sending_without_reply());
        match outgoing {
            Outgoing::Text {
                text,
                html,
                keyboard,
            } => {
                let mut request = self.sender.send_message(chat, text);
                if html {
                    request = request.parse_mode(ParseMode::Html);
                }
                if let Some(keyboard) = keyboard {
                    request = request.reply_markup(keyboard);
                }
                if let Some(quote) = quote {
                    request = request.reply_parameters(quote);
                }
                request.send().await.map(drop)
            }
            Outgoing::Upload {
                png,
                caption,
                keyboard,
            } => {
                let file = InputFile::memory(png.to_vec()).file_name("card.png");
                let mut request = self.sender.send_photo(chat, file);
                if let Some(caption) = caption {
                    request = request.caption(caption).parse_mode(ParseMode::Html);
                }
                if let Some(keyboard) = keyboard {
                    request = request.reply_markup(keyboard);
                }
                if let Some(quote) = quote {
                    request = request.reply_parameters(quote);
                }
                request.send().await.map(drop)
            }
            Outgoing::Photo {
                url,
                caption,
                keyboard,
            } => {
                let mut request = self
                    .sender
                    .send_photo(chat, InputFile::url(url))
                    .caption(caption)
                    .parse_mode(ParseMode::Html);
                if let Some(keyboard) = keyboard {
                    request = request.reply_markup(keyboard);
                }
                if let Some(quote) = quote {
                    request = request.reply_parameters(quote);
                }
                request.send().await.map(drop)
            }
        }
    }
}

#[async_trait]
impl Outbox for BotApi {
    async fn acknowledge(&self, chat: &str) {
        let Ok(id) = chat.parse::<i64>() else {
            tracing::warn!("not a Telegram chat id; no typing shown");
            return;
        };
        if let Err(e) = self
            .sender
            .send_chat_action(ChatId(id), ChatAction::Typing)
            .await
        {
            tracing::warn!(error = %e, "sendChatAction failed");
        }
    }

    async fn deliver(&self, chat: &str, reply_to: Option<&str>, replies: Vec<Reply>) -> usize {
        let Ok(id) = chat.parse::<i64>() else {
            tracing::warn!("not a Telegram chat id; replies dropped");
            return 0;
        };
        // The first message quotes the question (the rest follow it).
        let mut quote = reply_to.and_then(|m| m.parse::<i32>().ok());
        let mut sent = 0;
        for reply in replies {
            for outgoing in self.outgoing(reply).await {
                if let Err(e) = self.send(ChatId(id), outgoing, quote.take()).await {
                    tracing::warn!(error = %e, "reply not sent");
                    return sent;
                }
            }
            sent += 1;
        }
        sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_split_at_lines_and_never_inside_a_grapheme() {
        let text = (0..600)
            .map(|n| format!("line {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        let parts = split_text(&text, TEXT_MAX);
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| units(p) <= TEXT_MAX));
        assert_eq!(parts.join("\n"), text, "nothing lost");
        assert!(parts[1].starts_with("line "));

        let family = "👨‍👩‍👧".repeat(1000); // 8 UTF-16 units each
        let parts = split_text(&family, TEXT_MAX);
        assert_eq!(parts.concat(), family);
        assert!(
            parts
                .iter()
                .all(|p| units(p) <= TEXT_MAX && p.graphemes(true).all(|g| g == "👨‍👩‍👧"))
        );
        assert_eq!(split_text("short", TEXT_MAX), ["short"]);
    }

    #[test]
    fn captions_escape_and_fit() {
        assert_eq!(
            card_html("<b>&", Some("Immortal · 61.7% wins"), CAPTION_MAX),
            "<b>&lt;b&gt;&amp;</b>\nImmortal · 61.7% wins"
        );
        let long = "x".repeat(2000);
        let html = card_html("Title", Some(&long), CAPTION_MAX);
        let visible = html.replace("<b>", "").replace("</b>", "");
        assert_eq!(units(&visible), CAPTION_MAX);
        assert!(visible.ends_with('…'));
    }

    #[test]
    fn choices_that_do_not_fit_64_bytes_are_dropped() {
        let choices = vec![
            Choice {
                title: "Heroes".to_owned(),
                payload: "HEROES:86745912".to_owned(),
            },
            Choice {
                title: "Too long".to_owned(),
                payload: "X".repeat(65),
            },
            Choice {
                title: "Recent".to_owned(),
                payload: "RECENT:86745912".to_owned(),
            },
        ];
        let keyboard = choices_keyboard(choices).unwrap();
        let rows: Vec<Vec<String>> = keyboard
            .inline_keyboard
            .iter()
            .map(|r| r.iter().map(|b| b.text.clone()).collect())
            .collect();
        assert_eq!(rows, vec![vec!["Heroes".to_owned(), "Recent".to_owned()]]);
    }
}
