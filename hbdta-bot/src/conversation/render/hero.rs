//! The one-hero answer (`invoker arteezy`, `my invoker`): a player's record on one hero, their
//! recent form on it, and how they do with and against it; "did you mean" for a hero name
//! that matched no hero surely.

use std::fmt::Write as _;

use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::players::{Player, PlayerHero, PlayerMatch};
use opendota_sdk::{AccountId, HeroId};

use super::last_match::ago;
use super::{
    QUOTED_NAME_MAX, choice, hero_name, kda_text, payload_for, percent, player_name, ratio,
    shorten, text, text_with, thousands, wins_losses,
};
use crate::conversation::Reply;
use crate::conversation::intent::Command;

/// Everything the one-hero answer shows.
#[derive(Debug, Clone, Copy)]
pub struct HeroView<'a> {
    /// The account.
    pub id: AccountId,
    /// `/players/{id}`.
    pub player: &'a Player,
    /// Which hero.
    pub hero: HeroId,
    /// The player's row for the hero in `/players/{id}/heroes`, if they played it.
    pub record: Option<&'a PlayerHero>,
    /// Their newest matches on the hero (empty when not fetched).
    pub matches: &'a [PlayerMatch],
    /// Hero names.
    pub catalog: &'a HeroCatalog,
    /// Now, Unix seconds.
    pub now: i64,
}

/// `n games, 52.3% won` (`1 game`).
fn games_won(games: u32, wins: u32) -> String {
    format!(
        "{} {}, {} won",
        thousands(u64::from(games)),
        if games == 1 { "game" } else { "games" },
        percent(ratio(u64::from(wins), u64::from(games)))
    )
}

/// Average kills, deaths and assists over the matches that have them, and how many they are.
#[allow(clippy::cast_precision_loss, reason = "at most 20 matches")]
fn average_kda(matches: &[PlayerMatch]) -> Option<((f64, f64, f64), usize)> {
    let kdas: Vec<(u32, u32, u32)> = matches
        .iter()
        .filter_map(|m| Some((m.kills?, m.deaths?, m.assists?)))
        .collect();
    if kdas.is_empty() {
        return None;
    }
    let n = kdas.len() as f64;
    let mean =
        |f: fn(&(u32, u32, u32)) -> u32| kdas.iter().map(|t| f64::from(f(t))).sum::<f64>() / n;
    Some(((mean(|t| t.0), mean(|t| t.1), mean(|t| t.2)), kdas.len()))
}

/// The player on one hero: games and win rate, when they last played it, their K/D/A average
/// and results over the newest matches on it, and their win rates with it on their team and
/// against it. A hero they never played says so.
#[must_use]
pub fn hero(view: HeroView<'_>) -> Reply {
    let HeroView {
        id,
        player,
        hero,
        record,
        matches,
        catalog,
        now,
    } = view;
    let name = player_name(id, player);
    let hero_text = hero_name(catalog, hero);
    let choices = vec![
        choice("Heroes", payload_for(Command::Heroes, id)),
        choice("Last match", payload_for(Command::LastMatch, id)),
        choice("Stats", payload_for(Command::Stats, id)),
    ];
    let games = record.and_then(|r| r.games).unwrap_or(0);
    let mut body = format!("🦸 {name} on {hero_text}\n");
    if games == 0 {
        let _ = write!(
            body,
            "No public matches on {hero_text} yet (OpenDota counts only matches with public data)."
        );
    } else {
        let wins = record.and_then(|r| r.win).unwrap_or(0);
        body.push_str(&games_won(games, wins));
        if let Some(last) = record.and_then(|r| r.last_played).filter(|t| *t > 0) {
            let _ = write!(body, " · last played {}", ago(now - last));
        }
        if let Some((kda, counted)) = average_kda(matches) {
            let won = matches.iter().filter(|m| m.won() == Some(true)).count();
            let lost = matches.iter().filter(|m| m.won() == Some(false)).count();
            let _ = write!(
                body,
                "\nLast {counted} on {hero_text}: {} K/D/A average, {}",
                kda_text(kda),
                wins_losses(won, lost)
            );
        }
    }
    let with = record.and_then(|r| r.with_games).filter(|g| *g > 0);
    let against = record.and_then(|r| r.against_games).filter(|g| *g > 0);
    if let Some(with) = with {
        let won = record.and_then(|r| r.with_win).unwrap_or(0);
        let _ = write!(
            body,
            "\nWith {hero_text} on the team: {}",
            games_won(with, won)
        );
    }
    if let Some(against) = against {
        let won = record.and_then(|r| r.against_win).unwrap_or(0);
        let _ = write!(body, "\nAgainst {hero_text}: {}", games_won(against, won));
    }
    let _ = write!(
        body,
        "\n\nhttps://www.opendota.com/players/{id}/matches?hero_id={hero}"
    );
    text_with(body, choices)
}

/// A hero name that matched no hero surely: the closest heroes as choices for `id` (when the
/// player is known), or how to ask again.
#[must_use]
pub fn did_you_mean(
    typed: &str,
    suggestions: &[HeroId],
    catalog: &HeroCatalog,
    id: Option<AccountId>,
) -> Reply {
    let typed = shorten(typed, QUOTED_NAME_MAX);
    let names: Vec<String> = suggestions.iter().map(|h| hero_name(catalog, *h)).collect();
    let Some((last, first)) = names.split_last() else {
        return text(format!(
            "I don't know a hero called “{typed}”. 🤔 Try its full name, like invoker arteezy or my anti-mage; short names such as am, sf, wr or qop work too."
        ));
    };
    let list = if first.is_empty() {
        last.clone()
    } else {
        format!("{} or {last}", first.join(", "))
    };
    let Some(id) = id else {
        return text(format!(
            "I don't know a hero called “{typed}”. Did you mean {list}? Send it again with the hero's name, like invoker arteezy."
        ));
    };
    let choices = suggestions
        .iter()
        .zip(&names)
        .map(|(hero, name)| choice(name, payload_for(Command::Hero(*hero), id)))
        .collect();
    text_with(
        format!("I don't know a hero called “{typed}”. Did you mean {list}?"),
        choices,
    )
}
