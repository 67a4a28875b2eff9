//! Choosing between the players a name matches.

use std::fmt::Write as _;

use opendota_sdk::models::search::SearchResult;

use super::{CHOICES_MAX, QUOTED_NAME_MAX, choice, payload_for, shorten, text, text_with};
use crate::conversation::Reply;
use crate::conversation::intent::Command;

fn search_name(row: &SearchResult) -> String {
    row.personaname
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(|| format!("Player {}", row.account_id), str::to_owned)
}

/// Several players match a name: up to 10 as quick replies (title = the name cut to 20,
/// payload = the account id, or `HEROES:`/`RECENT:`/`COMPARE:` + id to continue `command`).
pub fn choose_player(name: &str, matches: &[SearchResult], command: Command) -> Reply {
    let shown = &matches[..matches.len().min(CHOICES_MAX)];
    let mut body = format!(
        "{} players match “{}”. Which one?",
        if matches.len() > CHOICES_MAX {
            "Many"
        } else {
            "Several"
        },
        shorten(name, QUOTED_NAME_MAX)
    );
    for (n, row) in shown.iter().enumerate() {
        let _ = write!(body, "\n{}. {}", n + 1, candidate_line(row));
    }
    if matches.len() > CHOICES_MAX {
        body.push_str("\nNot there? Send their account id or profile link.");
    }
    let choices = shown
        .iter()
        .map(|row| choice(&search_name(row), payload_for(command, row.account_id)))
        .collect();
    text_with(body, choices)
}

fn candidate_line(row: &SearchResult) -> String {
    let mut line = format!("{} ({})", search_name(row), row.account_id);
    if let Some(date) = row
        .last_match_time
        .as_deref()
        .and_then(|t| t.get(..10))
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
    {
        let _ = write!(line, ", last played {date}");
    }
    line
}

/// A name in a comparison matches several players.
pub fn ambiguous_in_compare(name: &str, matches: &[SearchResult]) -> Reply {
    let mut body = format!(
        "“{}” matches several players, so I'm not sure whom to compare:",
        shorten(name, QUOTED_NAME_MAX)
    );
    for row in matches.iter().take(CHOICES_MAX) {
        let _ = write!(body, "\n• {}", candidate_line(row));
    }
    body.push_str("\nSend compare with their account ids, like compare 86745912 111620041.");
    text(body)
}
