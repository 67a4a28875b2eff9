//! The stats answer: a card, then the details and recommendations with choices to go further.

use std::fmt::Write as _;

use opendota_sdk::HeroId;
use opendota_sdk::models::heroes::ItemPopularity;
use opendota_sdk::models::players::PlayerHero;

use super::{
    MIN_GAMES_FOR_RECOMMENDATION, PlayerView, TOP_HEROES_STATS, choice, form, form_summary,
    hero_line, hero_name, payload_for, percent, player_name, rank_text, ratio, record, text_with,
    thousands,
};
use crate::conversation::intent::Command;
use crate::conversation::picture::{HeroBar, StatsPicture};
use crate::conversation::{Card, CardButton, Picture, Reply};
use crate::stats::ItemNames;

/// Heroes with at least 10 games, best win rate first (more games first on a tie).
#[must_use]
pub fn best_win_rates(heroes: &[PlayerHero]) -> Vec<&PlayerHero> {
    let mut best: Vec<&PlayerHero> = heroes
        .iter()
        .filter(|h| h.games.unwrap_or(0) >= MIN_GAMES_FOR_RECOMMENDATION)
        .collect();
    best.sort_by(|a, b| {
        let (ra, rb) = (a.win_rate().unwrap_or(0.0), b.win_rate().unwrap_or(0.0));
        rb.total_cmp(&ra)
            .then_with(|| b.games.unwrap_or(0).cmp(&a.games.unwrap_or(0)))
    });
    best
}

/// The hero whose popular items are recommended: the best win rate with enough games, else
/// the most played.
#[must_use]
pub fn best_hero(heroes: &[PlayerHero]) -> Option<HeroId> {
    best_win_rates(heroes)
        .first()
        .map(|h| h.hero_id)
        .or_else(|| heroes.first().map(|h| h.hero_id))
}

/// The three most bought items of the middle game (else late, else early), by name.
fn popular_items(popularity: &ItemPopularity, names: &ItemNames) -> Vec<String> {
    let phase = [
        &popularity.mid_game_items,
        &popularity.late_game_items,
        &popularity.early_game_items,
    ]
    .into_iter()
    .find(|phase| phase.keys().any(|id| names.contains_key(id)));
    let Some(phase) = phase else {
        return Vec::new();
    };
    ItemPopularity::top(phase, phase.len())
        .into_iter()
        .filter_map(|(id, _)| names.get(&id).cloned())
        .take(3)
        .collect()
}
/// The stats answer: a card, then the details with choices to go further ("This is me" too
/// when `offer_link`: the person has linked no account yet).
#[must_use]
pub fn stats(
    view: PlayerView<'_>,
    items: Option<&ItemPopularity>,
    item_names: &ItemNames,
    offer_link: bool,
) -> Vec<Reply> {
    let id = view.id;
    let mut body = summary(&view);
    body.push_str("\n💡 Recommendations:\n");
    for tip in tips(&view, items, item_names) {
        let _ = writeln!(body, "• {tip}");
    }
    let mut choices = vec![
        choice("Heroes", payload_for(Command::Heroes, id)),
        choice("Recent", payload_for(Command::Recent, id)),
        choice("Last match", payload_for(Command::LastMatch, id)),
        choice("Compare", payload_for(Command::Compare, id)),
    ];
    if offer_link {
        choices.push(choice("This is me", payload_for(Command::Link, id)));
    }
    vec![
        Reply::Card(card(&view)),
        text_with(body.trim_end(), choices),
    ]
}

/// The stats picture: name, rank, record, the five most played heroes, the last 20 results.
fn picture(view: &PlayerView<'_>, rank: String, games: u64, wins: u64) -> StatsPicture {
    StatsPicture {
        name: player_name(view.id, view.player),
        rank,
        wins,
        losses: games.saturating_sub(wins),
        heroes: view
            .heroes
            .iter()
            .take(TOP_HEROES_STATS)
            .map(|h| HeroBar {
                hero: hero_name(view.catalog, h.hero_id),
                games: h.games.unwrap_or(0),
                wins: h.win.unwrap_or(0),
            })
            .collect(),
        results: view
            .recent
            .iter()
            .take(20)
            .map(|m| match m.won() {
                Some(true) => 'W',
                Some(false) => 'L',
                None => '-',
            })
            .collect(),
    }
}

/// The card: name, rank and record, avatar, a link to OpenDota, buttons to go further.
fn card(view: &PlayerView<'_>) -> Card {
    let PlayerView { id, player, .. } = *view;
    let rank = rank_text(player);
    let (games, wins) = record(view.heroes);
    let subtitle = if games == 0 {
        format!("{rank} · no counted games")
    } else {
        format!(
            "{rank} · {} wins · {} games",
            percent(ratio(wins, games)),
            thousands(games)
        )
    };
    Card {
        title: player_name(id, player),
        subtitle: Some(subtitle),
        image_url: player
            .profile
            .as_ref()
            .and_then(|p| p.avatarfull.clone())
            .filter(|u| !u.is_empty()),
        picture: Some(Picture::Stats(picture(view, rank, games, wins))),
        url: Some(id.opendota_url()),
        buttons: vec![
            CardButton::Link {
                title: "OpenDota".to_owned(),
                url: id.opendota_url(),
            },
            CardButton::Postback {
                title: "Heroes".to_owned(),
                payload: payload_for(Command::Heroes, id),
            },
            CardButton::Postback {
                title: "Recent".to_owned(),
                payload: payload_for(Command::Recent, id),
            },
        ],
    }
}

/// Rank, record, top heroes and recent form.
fn summary(view: &PlayerView<'_>) -> String {
    let (games, wins) = record(view.heroes);
    let mut body = format!("🏅 Rank: {}\n", rank_text(view.player));
    if games == 0 {
        body.push_str("📊 Record: no counted games (turbo and other casual modes don't count)\n");
    } else {
        let _ = writeln!(
            body,
            "📊 Record: {} wins, {} losses ({} win rate over {} games)",
            thousands(wins),
            thousands(games - wins),
            percent(ratio(wins, games)),
            thousands(games)
        );
    }
    if !view.heroes.is_empty() {
        body.push_str("\n🦸 Top heroes:\n");
        for (n, hero) in view.heroes.iter().take(TOP_HEROES_STATS).enumerate() {
            let _ = writeln!(body, "{}. {}", n + 1, hero_line(view.catalog, hero));
        }
    }
    let form = form(view.recent);
    if form.matches > 0 {
        let _ = writeln!(
            body,
            "\n📈 Recent form (last {}): {}",
            form.matches,
            form_summary(&form, "avg K/D/A")
        );
    }
    body
}

/// The recommendations: best win rates, popular items on the best hero, a word on a rough run.
fn tips(
    view: &PlayerView<'_>,
    items: Option<&ItemPopularity>,
    item_names: &ItemNames,
) -> Vec<String> {
    let catalog = view.catalog;
    let mut tips = Vec::new();
    let best = best_win_rates(view.heroes);
    if best.is_empty() {
        tips.push(format!(
            "Play {MIN_GAMES_FOR_RECOMMENDATION}+ games on a hero and I'll tell you where you win most."
        ));
    } else {
        let list: Vec<String> = best
            .iter()
            .take(3)
            .map(|h| {
                format!(
                    "{} {} ({} games)",
                    hero_name(catalog, h.hero_id),
                    percent(h.win_rate().unwrap_or(0.0)),
                    thousands(u64::from(h.games.unwrap_or(0)))
                )
            })
            .collect();
        tips.push(format!(
            "Best win rates ({MIN_GAMES_FOR_RECOMMENDATION}+ games): {}",
            list.join(", ")
        ));
    }
    if let (Some(items), Some(hero)) = (items, best_hero(view.heroes)) {
        let popular = popular_items(items, item_names);
        if !popular.is_empty() {
            tips.push(format!(
                "Popular items on {}: {}",
                hero_name(catalog, hero),
                popular.join(", ")
            ));
        }
    }
    let form = form(view.recent);
    if form.matches >= 10 && form.losses > form.wins * 2 {
        tips.push("Rough recent run: a short break or your comfort heroes may help.".to_owned());
    }
    tips
}
