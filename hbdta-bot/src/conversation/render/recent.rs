//! The recent answer: the last 20 matches of one player.

use std::fmt::Write as _;

use opendota_sdk::AccountId;
use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::players::{Player, RecentMatch};

use super::{
    PRIVATE_FIX, RECENT_LINES, choice, form, hero_name, kda_text, payload_for, percent,
    player_name, ratio, text_with, wins_losses,
};
use crate::conversation::Reply;
use crate::conversation::intent::Command;

/// The last 20 matches: W/L, average K/D/A and the latest few.
#[must_use]
pub fn recent(
    id: AccountId,
    player: &Player,
    recent: &[RecentMatch],
    catalog: &HeroCatalog,
) -> Reply {
    let name = player_name(id, player);
    let quick = vec![
        choice("Stats", payload_for(Command::Stats, id)),
        choice("Heroes", payload_for(Command::Heroes, id)),
        choice("Compare", payload_for(Command::Compare, id)),
    ];
    if recent.is_empty() {
        return text_with(
            format!("OpenDota has no recent matches of {name} ({id}).\n{PRIVATE_FIX}"),
            quick,
        );
    }
    let form = form(recent);
    let mut body = format!(
        "📈 {name}, last {} matches: {}",
        form.matches,
        wins_losses(form.wins, form.losses)
    );
    if form.wins + form.losses > 0 {
        let rate = ratio(form.wins as u64, (form.wins + form.losses) as u64);
        let _ = write!(body, " ({})", percent(rate));
    }
    if let Some(kda) = form.kda {
        let _ = write!(body, "\nAverage K/D/A: {}", kda_text(kda));
    }
    body.push_str("\n\nLatest:");
    for m in recent.iter().take(RECENT_LINES) {
        let (mark, result) = match m.won() {
            Some(true) => ("✅", "Won"),
            Some(false) => ("❌", "Lost"),
            None => ("❔", "?"),
        };
        let hero = m
            .hero_id
            .map_or_else(|| "?".to_owned(), |h| hero_name(catalog, h));
        let _ = write!(body, "\n{mark} {hero} · {result}");
        if let (Some(k), Some(d), Some(a)) = (m.kills, m.deaths, m.assists) {
            let _ = write!(body, " · {k}/{d}/{a}");
        }
        if let Some(seconds) = m.duration.filter(|s| *s > 0) {
            let _ = write!(body, " · {} min", (seconds + 30) / 60);
        }
    }
    text_with(body, quick)
}
