//! The last-match answer: how a player's latest game went.

use std::fmt::Write as _;

use opendota_sdk::AccountId;
use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::matches::Match;
use opendota_sdk::models::players::{Player, RecentMatch};

use super::{
    PRIVATE_FIX, choice, hero_name, mode_text, payload_for, player_name, text_with, thousands,
};
use crate::conversation::intent::{Command, MATCH_PREFIX};
use crate::conversation::picture::LastMatchPicture;
use crate::conversation::{Picture, Reply};
use crate::stats::ItemNames;

/// Everything the last-match answer shows.
#[derive(Debug, Clone, Copy)]
pub struct LastMatchView<'a> {
    /// The account.
    pub id: AccountId,
    /// `/players/{id}`.
    pub player: &'a Player,
    /// The newest of `/players/{id}/recentMatches`.
    pub last: &'a RecentMatch,
    /// `/matches/{match id}` (the final items); `None` when that lookup failed.
    pub details: Option<&'a Match>,
    /// Hero names.
    pub catalog: &'a HeroCatalog,
    /// Item names.
    pub item_names: &'a ItemNames,
    /// Now, Unix seconds (for "2 h ago").
    pub now: i64,
}

/// The choices under a last-match answer.
fn choices(id: AccountId) -> Vec<crate::conversation::Choice> {
    vec![
        choice("Stats", payload_for(Command::Stats, id)),
        choice("Recent", payload_for(Command::Recent, id)),
        choice("Heroes", payload_for(Command::Heroes, id)),
    ]
}

/// No match to show: OpenDota lists none (a private profile, or a new account).
#[must_use]
pub fn no_last_match(id: AccountId, player: &Player) -> Reply {
    let name = player_name(id, player);
    text_with(
        format!("OpenDota has no recent matches of {name} ({id}).\n{PRIVATE_FIX}"),
        choices(id),
    )
}

/// The last match: a picture of it, then the text: hero and result, K/D/A, length, mode, when,
/// economy, final items, the link; for a match OpenDota has not parsed, what that leaves out.
#[must_use]
pub fn last_match(view: LastMatchView<'_>) -> Vec<Reply> {
    let LastMatchView {
        id,
        player,
        last,
        details,
        catalog,
        item_names,
        now,
    } = view;
    let name = player_name(id, player);
    let hero = last
        .hero_id
        .map_or_else(|| "an unknown hero".to_owned(), |h| hero_name(catalog, h));
    let side = match last.is_radiant() {
        Some(true) => " as Radiant",
        Some(false) => " as Dire",
        None => "",
    };
    let (mark, result) = match last.won() {
        Some(true) => ("✅", "won"),
        Some(false) => ("❌", "lost"),
        None => ("❔", "played"),
    };
    let mut body = format!("{mark} {name}'s last match: {hero}, {result}{side}");

    let kda = match (last.kills, last.deaths, last.assists) {
        (Some(k), Some(d), Some(a)) => Some([k, d, a]),
        _ => None,
    };
    let facts = facts(last, now);
    let mut line = Vec::new();
    if let Some([k, d, a]) = kda {
        line.push(format!("K/D/A {k}/{d}/{a}"));
    }
    line.extend(facts.iter().cloned());
    if !line.is_empty() {
        let _ = write!(body, "\n{}", line.join(" · "));
    }
    let economy = economy(last).join(" · ");
    if !economy.is_empty() {
        let _ = write!(body, "\n{economy}");
    }

    let items = details.map(|game| final_items(game, id, last.player_slot, item_names));
    match &items {
        Some(items) if items.is_empty() => body.push_str("\nItems: none"),
        Some(items) => {
            let _ = write!(body, "\nItems: {}", items.join(", "));
        }
        None => body.push_str("\nItems: OpenDota did not answer for this match just now."),
    }
    let match_id = last.match_id;
    let _ = write!(body, "\nhttps://www.opendota.com/matches/{match_id}");
    let parsed = details.map_or(last.version.is_some(), Match::is_parsed);
    if !parsed {
        body.push_str(
            "\nNot parsed yet: OpenDota has not read this match's replay, so its laning, wards, gold graph and fights are missing. Open the link and ask for a parse to get them.",
        );
    }
    let mut choices = choices(id);
    choices.push(choice("Match details", format!("{MATCH_PREFIX}{match_id}")));
    let picture = LastMatchPicture {
        name,
        hero,
        won: last.won(),
        radiant: last.is_radiant(),
        kda,
        facts: facts.join(" · "),
        economy,
        items: items.unwrap_or_default(),
    };
    vec![
        Reply::Picture(Picture::LastMatch(picture)),
        text_with(body, choices),
    ]
}

/// Length, mode and lobby, how long ago.
fn facts(last: &RecentMatch, now: i64) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(seconds) = last.duration.filter(|s| *s > 0) {
        facts.push(format!("{}:{:02}", seconds / 60, seconds % 60));
    }
    facts.extend(mode_text(last.game_mode, last.lobby_type));
    if let Some(start) = last.start_time {
        let end = start + i64::from(last.duration.unwrap_or(0));
        facts.push(ago(now - end));
    }
    facts
}

/// GPM, XPM, last hits, hero damage (those OpenDota has).
fn economy(last: &RecentMatch) -> Vec<String> {
    let mut economy = Vec::new();
    if let Some(gpm) = last.gold_per_min {
        economy.push(format!("{gpm} GPM"));
    }
    if let Some(xpm) = last.xp_per_min {
        economy.push(format!("{xpm} XPM"));
    }
    if let Some(lh) = last.last_hits {
        economy.push(format!("{} last hits", thousands(u64::from(lh))));
    }
    if let Some(damage) = last.hero_damage.filter(|d| *d > 0) {
        economy.push(format!("{} hero damage", thousands(damage)));
    }
    economy
}

/// The player's six inventory items and neutral item, as names (empty slots left out); the
/// player is found by account, else by slot.
fn final_items(
    game: &Match,
    id: AccountId,
    slot: Option<u8>,
    item_names: &ItemNames,
) -> Vec<String> {
    let Some(row) = game
        .players
        .iter()
        .find(|p| p.account_id == Some(id))
        .or_else(|| {
            slot.and_then(|slot| game.players.iter().find(|p| p.player_slot == Some(slot)))
        })
    else {
        return Vec::new();
    };
    [
        row.item_0,
        row.item_1,
        row.item_2,
        row.item_3,
        row.item_4,
        row.item_5,
        row.item_neutral,
    ]
    .into_iter()
    .flatten()
    .filter(|item| *item != 0)
    .map(|item| {
        item_names
            .get(&item)
            .cloned()
            .unwrap_or_else(|| format!("item {item}"))
    })
    .collect()
}

/// How long ago, in words: `just now`, `25 min ago`, `2 h ago`, `yesterday`, `12 days ago`,
/// `3 months ago`, `2 years ago`.
#[must_use]
pub(super) fn ago(seconds: i64) -> String {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    match seconds {
        s if s < MINUTE => "just now".to_owned(),
        s if s < HOUR => format!("{} min ago", s / MINUTE),
        s if s < DAY => format!("{} h ago", s / HOUR),
        s if s < 2 * DAY => "yesterday".to_owned(),
        s if s < 60 * DAY => format!("{} days ago", s / DAY),
        s if s < 730 * DAY => format!("{} months ago", s / (30 * DAY)),
        s => format!("{} years ago", s / (365 * DAY)),
    }
}

#[cfg(test)]
mod tests {
    use super::ago;

    #[test]
    fn how_long_ago_reads() {
        assert_eq!(ago(-5), "just now", "a clock a little behind");
        assert_eq!(ago(59), "just now");
        assert_eq!(ago(60), "1 min ago");
        assert_eq!(ago(3_599), "59 min ago");
        assert_eq!(ago(7_500), "2 h ago");
        assert_eq!(ago(86_400), "yesterday");
        assert_eq!(ago(12 * 86_400 + 5), "12 days ago");
        assert_eq!(ago(100 * 86_400), "3 months ago");
        assert_eq!(ago(800 * 86_400), "2 years ago");
    }
}
