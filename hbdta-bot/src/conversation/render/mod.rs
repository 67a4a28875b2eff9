//! The replies: pure functions from OpenDota data to neutral [`Reply`] values. No platform limits
//! here: each platform fits texts, titles and choices to its own (see [`crate::platform`]). What is
//! shortened here is content, not a platform rule: a name quoted in a sentence, say.
//!
//! - this file: the small replies (help, errors, tips) and the pieces the answers share;
//! - [`players`]: choosing between players a name matches;
//! - [`memory`]: linking, "me", unlinking and forgetting;
//! - [`stats`], [`heroes`], [`hero`], [`recent`], [`last_match`], [`match_summary`], [`peers`],
//!   [`compare`]: one file per answer.

mod compare;
mod hero;
mod heroes;
mod last_match;
mod match_summary;
mod memory;
mod peers;
mod players;
mod recent;
mod stats;

pub use compare::{CompareSide, compare};
pub use hero::{HeroView, did_you_mean, hero};
pub use heroes::heroes;
pub use last_match::{LastMatchView, last_match, no_last_match};
pub use match_summary::{match_not_found, match_summary, missing_match};
pub use memory::{
    forgotten, link_whom, linked, memory_unavailable, not_linked, nothing_to_unlink, unlinked,
};
pub use peers::peers;
pub use players::{ambiguous_in_compare, choose_player};
pub use recent::recent;
pub use stats::{best_hero, stats};

use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::enums::{GameMode, LobbyType};
use opendota_sdk::models::players::{Player, PlayerHero, RecentMatch};
use opendota_sdk::{AccountId, HeroId};
use unicode_segmentation::UnicodeSegmentation;

use super::intent::{
    COMPARE_PREFIX, Command, HELP_PAYLOAD, HERO_PREFIX, HEROES_PREFIX, LAST_PREFIX, LINK_PREFIX,
    PEERS_PREFIX, RECENT_PREFIX,
};
use super::{Choice, Reply};
use crate::stats::LookupError;

/// Name matches offered as choices.
pub const CHOICES_MAX: usize = 10;
/// Heroes in the stats answer.
pub const TOP_HEROES_STATS: usize = 5;
/// Heroes in the heroes answer.
pub const TOP_HEROES_LIST: usize = 10;
/// Matches listed in the recent answer.
pub const RECENT_LINES: usize = 5;
/// Games on a hero before its win rate counts as a recommendation.
pub const MIN_GAMES_FOR_RECOMMENDATION: u32 = 10;
/// A name quoted in a sentence is shortened to this many characters.
pub const QUOTED_NAME_MAX: usize = 64;

/// The help lines, shared by help, Get Started and "didn't get that".
const HELP_BODY: &str = "Here's what I understand:
• an account id, like 86745912
• a SteamID64, or a profile link from OpenDota, Dotabuff, STRATZ or Steam (steamcommunity.com/profiles/…)
• a player name, like Arteezy (if several players match, I'll ask which one)
• heroes <player>: their top 10 heroes
• recent <player>: their last 20 matches
• last <player>: their last match, with its items
• match <id>, or a match link: both teams and the player of the match
• peers <player>: who they play with most
• invoker <player>, <player> on invoker, my invoker: their games on one hero (short names like am, sf, qop work)
• compare <player> <player>, or <player> vs <player>: side by side
• I am <player>: remember your account, then me, my heroes, my recent, my last match, compare me <player>
• heroes, recent or last on their own: the last player you looked at
• unlink forgets your account; forget me deletes everything I keep about you
Tip: matches only show up when “Expose Public Match Data” is on in Dota 2 (Settings → Options → Social).";

const PRIVATE_FIX: &str = "If this is your account: in Dota 2, open Settings → Options → Social, turn on “Expose Public Match Data”, play a match, then ask me again (OpenDota may take a little while to catch up).";

// --- small replies ---------------------------------------------------------------------------

/// A text reply without choices.
pub fn text(text: impl Into<String>) -> Reply {
    text_with(text, Vec::new())
}

/// A text reply with choices.
pub fn text_with(text: impl Into<String>, quick_replies: Vec<Choice>) -> Reply {
    Reply::Text {
        text: text.into(),
        quick_replies,
    }
}

/// A choice: a title to show and the payload it sends back.
pub fn choice(title: &str, payload: impl Into<String>) -> Choice {
    Choice {
        title: title.to_owned(),
        payload: payload.into(),
    }
}

fn help_choice() -> Choice {
    choice("Help", HELP_PAYLOAD)
}

/// The answer to a hello.
pub fn greeting() -> Reply {
    text_with(
        "Hi! 👋 Send me a Dota 2 player and I'll look them up on OpenDota: an account id (like 86745912), a profile link, or a name.",
        vec![help_choice()],
    )
}

/// The answer to a thank-you.
pub fn thanks() -> Reply {
    text("Glad to help! 🙌 Send another player whenever you like.")
}

/// The help text.
pub fn help() -> Reply {
    text(HELP_BODY)
}

/// The answer to the Get Started button.
pub fn get_started() -> Reply {
    text(format!(
        "Welcome! 🎮 I show Dota 2 players' stats from OpenDota: rank, record, top heroes, recent form and tips.\n\n{HELP_BODY}"
    ))
}

/// The answer to a text too long to be a name, or a payload this bot did not send.
pub fn not_understood() -> Reply {
    text(format!("Sorry, I didn't get that. 🤔\n\n{HELP_BODY}"))
}

/// The answer to a command without a player (and no player looked at before).
pub fn missing_player(command: Command) -> Reply {
    if command == Command::Link {
        return link_whom();
    }
    text(match command {
        Command::Stats => {
            "Whose stats? Send stats followed by a name (stats Arteezy), or just send an account id or profile link."
        }
        Command::Heroes => {
            "Whose heroes? Send heroes followed by a player, like heroes 86745912 or heroes Arteezy."
        }
        Command::Recent => {
            "Whose matches? Send recent followed by a player, like recent 86745912 or recent Arteezy."
        }
        Command::LastMatch => {
            "Whose last match? Send last followed by a player, like last 86745912 or last Arteezy."
        }
        Command::Peers => {
            "Whose peers? Send peers followed by a player, like peers 86745912 or peers Arteezy."
        }
        Command::Hero(_) => {
            "Whose games on that hero? Send the hero and a player, like invoker 86745912, Arteezy on invoker, or my invoker."
        }
        Command::Compare | Command::Link => {
            "Send compare followed by two or more players, like compare 86745912 111620041, or Arteezy vs Miracle-."
        }
    })
}

/// How to compare with a player (the `COMPARE:<id>` payload).
pub fn compare_hint(id: AccountId, name: Option<&str>) -> Reply {
    let who = name.map_or_else(|| format!("player {id}"), |n| format!("{n} ({id})"));
    text(format!(
        "Who should I compare {who} with? Send: compare {id} <another player>\n(an account id, a profile link or a name; for a name with spaces use vs: compare {id} vs some name)"
    ))
}

/// A comparison of one player with themself.
pub fn same_player_twice() -> Reply {
    text(
        "That's the same player twice. Send two different players, like compare 86745912 111620041.",
    )
}

/// A Steam custom URL (`steamcommunity.com/id/<name>`).
pub fn vanity_url(name: &str) -> Reply {
    text(format!(
        "steamcommunity.com/id/{name} is a custom Steam URL, and I can't look those up. Please send the steamcommunity.com/profiles/… link or the Dota 2 account id (the Friend ID in Dota 2, or the number in the player's OpenDota or Dotabuff link) instead."
    ))
}

/// A number that is no account.
pub fn bad_number(number: &str) -> Reply {
    text(format!(
        "{} isn't an account id or a SteamID64. Account ids have up to 10 digits (like 86745912); SteamID64s have 17 and start with 7656.",
        shorten(number, 40)
    ))
}

/// A link that is no profile link.
pub fn unknown_link() -> Reply {
    text(
        "I can't read that link. I understand player links from OpenDota, Dotabuff, STRATZ and Steam (steamcommunity.com/profiles/…), or just send the account id.",
    )
}

/// No player of that name.
pub fn no_match(name: &str) -> Reply {
    text(format!(
        "I couldn't find any player called “{}” on OpenDota. 🤔\nTips:\n• check the spelling, or try their current Steam name\n• names need at least 3 characters\n• send their account id or profile link (OpenDota, Dotabuff, STRATZ, Steam /profiles/) instead",
        shorten(name, QUOTED_NAME_MAX)
    ))
}

/// OpenDota does not know the account.
pub fn not_found(id: AccountId) -> Reply {
    text(format!(
        "I couldn't find player {id} on OpenDota. 🤔\nTips:\n• check the number: it's the Friend ID in Dota 2, or the number in an OpenDota or Dotabuff player link\n• a SteamID64 or a profile link works too\n• if it's your account, log in once at opendota.com and turn on “Expose Public Match Data” in Dota 2"
    ))
}

/// The player hides their match data.
pub fn private_profile(id: AccountId, name: &str) -> Reply {
    text(format!(
        "🔒 {name} ({id}) has no public match data on OpenDota, so I can't show their stats.\n{PRIVATE_FIX}"
    ))
}

/// OpenDota failed; `id` is the account asked about, for a 404.
pub fn lookup_failed(error: LookupError, id: Option<AccountId>) -> Reply {
    match (error, id) {
        (LookupError::NotFound, Some(id)) => not_found(id),
        (LookupError::RateLimited { daily: false }, _) => {
            text("OpenDota is busy right now, try again in a minute. ⏳")
        }
        (LookupError::RateLimited { daily: true }, _) => text(
            "OpenDota is busy right now: today's allowance of lookups is used up. Please try again later. ⏳",
        ),
        _ => text("OpenDota isn't answering right now. 🛠️ Please try again in a few minutes."),
    }
}

/// A match's game mode and lobby as words (`All Draft, Ranked`), when OpenDota names either.
pub(super) fn mode_text(mode: Option<GameMode>, lobby: Option<LobbyType>) -> Option<String> {
    match (
        mode.and_then(GameMode::label),
        lobby.and_then(LobbyType::label),
    ) {
        (Some(mode), Some(lobby)) => Some(format!("{mode}, {lobby}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

/// The payload that repeats `command` for `id`: bare digits for stats.
pub(super) fn payload_for(command: Command, id: AccountId) -> String {
    match command {
        Command::Stats => id.to_string(),
        Command::Heroes => format!("{HEROES_PREFIX}{id}"),
        Command::Recent => format!("{RECENT_PREFIX}{id}"),
        Command::LastMatch => format!("{LAST_PREFIX}{id}"),
        Command::Peers => format!("{PEERS_PREFIX}{id}"),
        Command::Hero(hero) => format!("{HERO_PREFIX}{hero}:{id}"),
        Command::Compare => format!("{COMPARE_PREFIX}{id}"),
        Command::Link => format!("{LINK_PREFIX}{id}"),
    }
}

// --- player data ----------------------------------------------------------------------------

/// Everything the stats answer shows about one player.
#[derive(Debug, Clone, Copy)]
pub struct PlayerView<'a> {
    /// The account.
    pub id: AccountId,
    /// `/players/{id}`.
    pub player: &'a Player,
    /// Heroes played, most played first.
    pub heroes: &'a [PlayerHero],
    /// The last 20 matches.
    pub recent: &'a [RecentMatch],
    /// Hero names.
    pub catalog: &'a HeroCatalog,
}

/// The name to show for a player: Steam name, pro name, or `Player <id>`.
#[must_use]
pub fn player_name(id: AccountId, player: &Player) -> String {
    player
        .display_name()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(|| format!("Player {id}"), str::to_owned)
}

/// Whether the account shows no match data: OpenDota could not fetch the history, or there
/// are neither games nor recent matches.
#[must_use]
pub fn is_private(player: &Player, heroes: &[PlayerHero], recent: &[RecentMatch]) -> bool {
    fh_unavailable(player) || (heroes.is_empty() && recent.is_empty())
}

/// Whether OpenDota's last history refresh failed (match data not exposed).
#[must_use]
pub fn fh_unavailable(player: &Player) -> bool {
    player
        .profile
        .as_ref()
        .and_then(|p| p.fh_unavailable)
        .unwrap_or(false)
}

pub(super) fn hero_name(catalog: &HeroCatalog, id: HeroId) -> String {
    catalog
        .name(id)
        .map(str::to_owned)
        .or_else(|| catalog.get(id).map(|h| h.display_name()))
        .unwrap_or_else(|| format!("Hero #{id}"))
}

pub(super) fn rank_text(player: &Player) -> String {
    player.rank_tier.map_or_else(
        || "Unranked".to_owned(),
        |tier| tier.describe(player.leaderboard_rank),
    )
}

/// Games and wins summed over the heroes (the `/wl` numbers, without the call).
pub(super) fn record(heroes: &[PlayerHero]) -> (u64, u64) {
    heroes.iter().fold((0, 0), |(games, wins), h| {
        (
            games + u64::from(h.games.unwrap_or(0)),
            wins + u64::from(h.win.unwrap_or(0)),
        )
    })
}

/// Recent form: matches, wins, losses and average kills/deaths/assists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Form {
    matches: usize,
    wins: usize,
    losses: usize,
    kda: Option<(f64, f64, f64)>,
}

#[allow(clippy::cast_precision_loss, reason = "at most 20 matches")]
pub(super) fn form(recent: &[RecentMatch]) -> Form {
    let wins = recent.iter().filter(|m| m.won() == Some(true)).count();
    let losses = recent.iter().filter(|m| m.won() == Some(false)).count();
    let kdas: Vec<(u32, u32, u32)> = recent
        .iter()
        .filter_map(|m| Some((m.kills?, m.deaths?, m.assists?)))
        .collect();
    let kda = (!kdas.is_empty()).then(|| {
        let n = kdas.len() as f64;
        let sum =
            |f: fn(&(u32, u32, u32)) -> u32| kdas.iter().map(|t| f64::from(f(t))).sum::<f64>() / n;
        (sum(|t| t.0), sum(|t| t.1), sum(|t| t.2))
    });
    Form {
        matches: recent.len(),
        wins,
        losses,
        kda,
    }
}

pub(super) fn kda_text((k, d, a): (f64, f64, f64)) -> String {
    format!("{k:.1}/{d:.1}/{a:.1}")
}

/// `12 wins, 8 losses · <kda_label> 7.9/4.5/10.8` (the K/D/A where the matches have it).
pub(super) fn form_summary(form: &Form, kda_label: &str) -> String {
    let mut text = wins_losses(form.wins, form.losses);
    if let Some(kda) = form.kda {
        text.push_str(&format!(" · {kda_label} {}", kda_text(kda)));
    }
    text
}

pub(super) fn hero_line(catalog: &HeroCatalog, hero: &PlayerHero) -> String {
    let games = hero.games.unwrap_or(0);
    format!(
        "{}: {} {}, {} wins",
        hero_name(catalog, hero.hero_id),
        thousands(u64::from(games)),
        if games == 1 { "game" } else { "games" },
        percent(hero.win_rate().unwrap_or(0.0))
    )
}

// --- formatting -----------------------------------------------------------------------------

#[allow(clippy::cast_precision_loss, reason = "game counts are far below 2^52")]
pub(super) fn ratio(wins: u64, games: u64) -> f64 {
    if games == 0 {
        0.0
    } else {
        wins as f64 / games as f64
    }
}

/// `1 win`, `2 wins`; `1 loss`, `0 losses`.
pub(super) fn wins_losses(wins: usize, losses: usize) -> String {
    format!(
        "{wins} {}, {losses} {}",
        if wins == 1 { "win" } else { "wins" },
        if losses == 1 { "loss" } else { "losses" }
    )
}

/// `0.6172` → `61.7%`.
#[must_use]
pub fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

/// `6075` → `6,075`.
#[must_use]
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `text` shortened to at most `max` characters, never inside a grapheme (an emoji with
/// modifiers, a flag, a letter with combining marks stays whole), trailing spaces dropped.
#[must_use]
pub fn shorten(text: &str, max: usize) -> &str {
    let end = text
        .grapheme_indices(true)
        .scan(0, |chars, (idx, grapheme)| {
            *chars += grapheme.chars().count();
            (*chars <= max).then_some(idx + grapheme.len())
        })
        .last()
        .unwrap_or(0);
    text[..end].trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(6075), "6,075");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(percent(0.6172), "61.7%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(1.0), "100.0%");
    }

    #[test]
    fn shortening_keeps_graphemes_whole() {
        assert_eq!(shorten("Arteezy", 64), "Arteezy");
        assert_eq!(shorten("abcdef", 3), "abc");
        assert_eq!(shorten("ab 🇸🇪🇸🇪", 6), "ab 🇸🇪", "a flag is two characters");
        assert_eq!(shorten("ab 🇸🇪🇸🇪", 4), "ab");
        assert_eq!(shorten("ab e\u{301}x", 5), "ab e\u{301}");
        assert_eq!(
            shorten("ab e\u{301}x", 4),
            "ab",
            "the accent stays with its letter"
        );
        assert_eq!(shorten("ab  cd", 4), "ab");
        assert_eq!(shorten("", 4), "");
    }
}
