//! The match answer: one match by id — result, score, length, both teams, the player of the
//! match, the link.
//!
//! The player of the match is, on the winning side (on both sides when the winner is unknown), the
//! player with the best (kills + assists) / max(deaths, 1); a tie goes to more hero damage, then
//! to the earlier slot.

use std::fmt::Write as _;

use opendota_sdk::MatchId;
use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::matches::{Match, MatchPlayer};

use super::last_match::ago;
use super::{CHOICES_MAX, QUOTED_NAME_MAX, choice, hero_name, mode_text, shorten, text, text_with};
use crate::conversation::Reply;

/// The answer to `match` without an id.
#[must_use]
pub fn missing_match() -> Reply {
    text(
        "Which match? Send match followed by its id, like match 8731220045, or paste a match link from OpenDota, Dotabuff or STRATZ.",
    )
}

/// A match OpenDota does not have (yet).
#[must_use]
pub fn match_not_found(id: MatchId) -> Reply {
    text(format!(
        "I couldn't find match {id} on OpenDota. 🤔 Check the number; a match that ended minutes ago may not be there yet, so try again a little later."
    ))
}

/// A player's line: hero, name (where public), K/D/A.
fn player_line(catalog: &HeroCatalog, p: &MatchPlayer) -> String {
    let hero = p
        .hero_id
        .map_or_else(|| "no hero".to_owned(), |h| hero_name(catalog, h));
    let mut line = format!("• {hero}");
    if let Some(name) = p.personaname.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = write!(line, " · {}", shorten(name.trim(), QUOTED_NAME_MAX));
    }
    if let (Some(k), Some(d), Some(a)) = (p.kills, p.deaths, p.assists) {
        let _ = write!(line, " · {k}/{d}/{a}");
    }
    line
}

/// (kills + assists) / max(deaths, 1).
fn kda_ratio(p: &MatchPlayer) -> f64 {
    let k = f64::from(p.kills.unwrap_or(0));
    let d = f64::from(p.deaths.unwrap_or(0)).max(1.0);
    let a = f64::from(p.assists.unwrap_or(0));
    (k + a) / d
}

/// The player of the match (the rule is in the module's documentation).
fn player_of_the_match(game: &Match) -> Option<&MatchPlayer> {
    let winner = game.radiant_win;
    game.players
        .iter()
        .filter(|p| p.hero_id.is_some())
        .filter(|p| match (winner, p.is_radiant()) {
            (Some(radiant_won), Some(radiant)) => radiant == radiant_won,
            _ => true,
        })
        .min_by(|a, b| {
            kda_ratio(b)
                .total_cmp(&kda_ratio(a))
                .then_with(|| b.hero_damage.unwrap_or(0).cmp(&a.hero_damage.unwrap_or(0)))
                .then_with(|| a.player_slot.cmp(&b.player_slot))
        })
}

/// One match: who won and by how much, how long and when, both teams, the player of the match,
/// the link; choices for the players whose profiles are public.
#[must_use]
pub fn match_summary(game: &Match, catalog: &HeroCatalog, now: i64) -> Reply {
    let mut head = match game.radiant_win {
        Some(true) => "🏆 Radiant won".to_owned(),
        Some(false) => "🏆 Dire won".to_owned(),
        None => "❔ Result unknown".to_owned(),
    };
    if let (Some(radiant), Some(dire)) = (game.radiant_score, game.dire_score) {
        let _ = write!(head, " {radiant}–{dire}");
    }
    let mut facts = Vec::new();
    if let Some(seconds) = game.duration.filter(|s| *s > 0) {
        facts.push(format!("{}:{:02}", seconds / 60, seconds % 60));
    }
    facts.extend(mode_text(game.game_mode, game.lobby_type));
    if let Some(start) = game.start_time {
        facts.push(ago(now - (start + i64::from(game.duration.unwrap_or(0)))));
    }
    let mut body = head;
    if !facts.is_empty() {
        let _ = write!(body, " · {}", facts.join(" · "));
    }
    for (team, radiant) in [("Radiant", true), ("Dire", false)] {
        let players: Vec<&MatchPlayer> = game
            .players
            .iter()
            .filter(|p| p.is_radiant() == Some(radiant))
            .collect();
        if players.is_empty() {
            continue;
        }
        let _ = write!(body, "\n\n{team}:");
        for p in players {
            let _ = write!(body, "\n{}", player_line(catalog, p));
        }
    }
    if let Some(best) = player_of_the_match(game) {
        let line = player_line(catalog, best);
        let side = match best.is_radiant() {
            Some(true) => " (Radiant)",
            Some(false) => " (Dire)",
            None => "",
        };
        let _ = write!(
            body,
            "\n\n⭐ Player of the match: {}{side}",
            line.trim_start_matches("• ")
        );
    }
    let _ = write!(
        body,
        "\n\nhttps://www.opendota.com/matches/{}",
        game.match_id
    );
    let choices = game
        .players
        .iter()
        .filter_map(|p| {
            let id = p.account_id?;
            let title = p
                .personaname
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map_or_else(|| format!("Player {id}"), str::to_owned);
            Some(choice(&title, id.to_string()))
        })
        .take(CHOICES_MAX)
        .collect();
    text_with(body, choices)
}
