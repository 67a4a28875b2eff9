//! The terminal as a face of the conversation (`hbdta-bot ask`): replies as plain text, choices
//! and buttons with the payload they would send.

use std::fmt::Write as _;

use crate::conversation::{CardButton, Reply};

/// `reply` as lines for a terminal.
#[must_use]
pub fn render(reply: &Reply) -> String {
    match reply {
        Reply::Text {
            text,
            quick_replies,
        } => {
            let mut out = text.clone();
            if !quick_replies.is_empty() {
                let chips: Vec<String> = quick_replies
                    .iter()
                    .map(|c| format!("[{}] ({})", c.title, c.payload))
                    .collect();
                out.push_str("\n  quick replies: ");
                out.push_str(&chips.join("  "));
            }
            out.push('\n');
            out
        }
        Reply::Card(card) => {
            let mut out = format!("+-- {}\n", card.title);
            if let Some(subtitle) = &card.subtitle {
                let _ = writeln!(out, "|   {subtitle}");
            }
            if let Some(image) = &card.image_url {
                let _ = writeln!(out, "|   image: {image}");
            }
            if let Some(url) = &card.url {
                let _ = writeln!(out, "|   link:  {url}");
            }
            for button in &card.buttons {
                match button {
                    CardButton::Link { title, url } => {
                        let _ = writeln!(out, "|   [{title}] -> {url}");
                    }
                    CardButton::Postback { title, payload } => {
                        let _ = writeln!(out, "|   [{title}] ({payload})");
                    }
                }
            }
            if card.picture.is_some() {
                out.push_str("|   picture: drawn (ask --png FILE saves it)\n");
            }
            out.push_str("+--\n");
            out
        }
        Reply::Picture(_) => "[picture: ask --png FILE saves it]\n".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Card, Choice};

    #[test]
    fn a_text_shows_its_chips() {
        let text = render(&Reply::Text {
            text: "Pick one".to_owned(),
            quick_replies: vec![Choice {
                title: "Miracle-".to_owned(),
                payload: "105248644".to_owned(),
            }],
        });
        assert_eq!(text, "Pick one\n  quick replies: [Miracle-] (105248644)\n");
    }

    #[test]
    fn a_card_shows_every_part() {
        let card = render(&Reply::Card(Card {
            title: "Arteezy".to_owned(),
            subtitle: Some("Immortal · 55.1% wins · 6,075 games".to_owned()),
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
        }));
        assert_eq!(
            card,
            "+-- Arteezy
|   Immortal · 55.1% wins · 6,075 games
|   image: https://avatars.example/a.jpg
|   link:  https://www.opendota.com/players/86745912
|   [OpenDota] -> https://www.opendota.com/players/86745912
|   [Heroes] (HEROES:86745912)
+--
"
        );
    }
}
