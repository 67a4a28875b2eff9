//! The comparison: players side by side, and who leads.

use std::fmt::Write as _;

use opendota_sdk::models::players::Player;
use opendota_sdk::{AccountId, RankTier};

use super::{
    Form, PlayerView, choice, form, form_summary, hero_name, payload_for, percent, player_name,
    rank_text, ratio, record, text_with, thousands,
};
use crate::conversation::intent::Command;
use crate::conversation::{COMPARE_MAX, Reply};

/// One side of a comparison.
#[derive(Debug, Clone, Copy)]
pub enum CompareSide<'a> {
    /// A player with data.
    Shown(PlayerView<'a>),
    /// A player without public match data.
    Private {
        /// The account.
        id: AccountId,
        /// `/players/{id}`.
        player: &'a Player,
    },
}

impl CompareSide<'_> {
    fn id(&self) -> AccountId {
        match self {
            Self::Shown(v) => v.id,
            Self::Private { id, .. } => *id,
        }
    }

    fn name(&self) -> String {
        match self {
            Self::Shown(v) => player_name(v.id, v.player),
            Self::Private { id, player } => player_name(*id, player),
        }
    }
}

/// What a comparison weighs for one player with public data.
struct Standing<'a> {
    name: &'a str,
    rank_tier: Option<RankTier>,
    win_rate: f64,
    games: u64,
    form: Form,
}

/// Players side by side, then who leads in rank, win rate and recent form.
#[must_use]
pub fn compare(sides: &[CompareSide<'_>], dropped: usize) -> Reply {
    let names: Vec<String> = sides.iter().map(CompareSide::name).collect();
    let mut body = format!("⚔️ {}", names.join(" vs "));
    let mut standings = Vec::new();
    for (side, name) in sides.iter().zip(&names) {
        let _ = write!(body, "\n\n{name} ({})", side.id());
        match side {
            CompareSide::Private { player, .. } => {
                let _ = write!(body, "\n🏅 {}\n🔒 Match data is private", rank_text(player));
            }
            CompareSide::Shown(view) => standings.push(describe(&mut body, name, view)),
        }
    }
    let verdicts = verdicts(&standings);
    if !verdicts.is_empty() {
        body.push_str("\n\n");
        body.push_str(&verdicts.join("\n"));
    }
    if dropped > 0 {
        let _ = write!(
            body,
            "\n\n(I compare up to {COMPARE_MAX} players at a time; {dropped} more left out.)"
        );
    }
    let choices = sides
        .iter()
        .zip(&names)
        .map(|(side, name)| choice(name, payload_for(Command::Stats, side.id())))
        .collect();
    text_with(body, choices)
}

/// One player's lines (rank, record, most played hero, recent form), and their standing.
fn describe<'a>(body: &mut String, name: &'a str, view: &PlayerView<'_>) -> Standing<'a> {
    let (games, wins) = record(view.heroes);
    let rate = ratio(wins, games);
    let _ = write!(body, "\n🏅 {}", rank_text(view.player));
    let _ = write!(
        body,
        "\n📊 {} games · {} wins",
        thousands(games),
        percent(rate)
    );
    if let Some(top) = view.heroes.first() {
        let _ = write!(
            body,
            "\n🦸 Most played: {} ({} games, {})",
            hero_name(view.catalog, top.hero_id),
            thousands(u64::from(top.games.unwrap_or(0))),
            percent(top.win_rate().unwrap_or(0.0))
        );
    }
    let form = form(view.recent);
    if form.matches > 0 {
        let _ = write!(
            body,
            "\n📈 Last {}: {}",
            form.matches,
            form_summary(&form, "K/D/A")
        );
    }
    Standing {
        name,
        rank_tier: view.player.rank_tier,
        win_rate: rate,
        games,
        form,
    }
}

/// Who leads in rank, win rate and recent form, among those with something to compare.
fn verdicts(standings: &[Standing<'_>]) -> Vec<String> {
    let mut verdicts = Vec::new();
    if standings.len() < 2 {
        return verdicts;
    }
    let ranked: Vec<_> = standings
        .iter()
        .filter(|s| s.rank_tier.is_some_and(|t| t.0 > 0))
        .collect();
    // Immortals: a lower leaderboard place is better, but tiers alone are weighed.
    let top_rank = (ranked.len() >= 2)
        .then(|| leader(&ranked, |s| f64::from(s.rank_tier.map_or(0, |t| t.0))))
        .flatten();
    if let Some(top) = top_rank {
        verdicts.push(format!("🏆 Higher rank: {}", top.name));
    }
    let with_games: Vec<_> = standings.iter().filter(|s| s.games > 0).collect();
    let top_rate = (with_games.len() >= 2)
        .then(|| leader(&with_games, |s| s.win_rate))
        .flatten();
    if let Some(top) = top_rate {
        verdicts.push(format!(
            "🏆 Better win rate: {} ({})",
            top.name,
            percent(top.win_rate)
        ));
    }
    let with_form: Vec<_> = standings.iter().filter(|s| s.form.matches > 0).collect();
    let top_form = (with_form.len() >= 2)
        .then(|| {
            leader(&with_form, |s| {
                ratio(s.form.wins as u64, s.form.matches as u64)
            })
        })
        .flatten();
    if let Some(top) = top_form {
        verdicts.push(format!(
            "🏆 Better recent form: {} ({} of {} won)",
            top.name, top.form.wins, top.form.matches
        ));
    }
    verdicts
}

/// The single best by `key`, or `None` on a tie for first.
fn leader<'a, T, F>(items: &[&'a T], key: F) -> Option<&'a T>
where
    F: Fn(&&'a T) -> f64,
{
    let mut best: Option<(&'a T, f64)> = None;
    let mut tie = false;
    for item in items {
        let value = key(item);
        match best {
            Some((_, b)) if (value - b).abs() < 1e-9 => tie = true,
            Some((_, b)) if value < b => {}
            _ => {
                best = Some((item, value));
                tie = false;
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(item, _)| item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tie_has_no_leader() {
        let (a, b, c) = (1.0, 2.0, 2.0);
        assert_eq!(leader(&[&a, &b], |x| **x), Some(&b));
        assert_eq!(leader(&[&b, &c], |x| **x), None);
        assert_eq!(leader(&[&a, &b, &c], |x| **x), None);
        assert_eq!(leader::<f64, _>(&[], |x| **x), None);
    }
}
