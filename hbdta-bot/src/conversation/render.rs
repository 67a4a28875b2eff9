//! The replies: pure functions from OpenDota data to [`Reply`] values, within Messenger's limits
//! (counted in UTF-16 units, as Messenger counts them).

use std::fmt::Write as _;

use opendota_sdk::models::constants::HeroCatalog;
use opendota_sdk::models::heroes::ItemPopularity;
use opendota_sdk::models::players::{Player, PlayerHero, RecentMatch};
use opendota_sdk::models::search::SearchResult;
use opendota_sdk::{AccountId, HeroId};

use super::intent::{COMPARE_PREFIX, Command, HELP_PAYLOAD, HEROES_PREFIX, RECENT_PREFIX};
use super::{COMPARE_MAX, Card, CardButton, Choice, Reply};
use crate::stats::{ItemNames, LookupError};

/// Text message limit.
pub const TEXT_MAX: usize = 2000;
/// Quick reply and button title limit.
pub const TITLE_MAX: usize = 20;
/// Card title and subtitle limit.
pub const CARD_TEXT_MAX: usize = 80;
/// Quick replies per message.
pub const QUICK_REPLIES_MAX: usize = 13;
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

/// The help lines, shared by help, Get Started and "didn't get that".
const HELP_BODY: &str = "Here's what I understand:
• an account id, like 86745912
• a SteamID64, or a profile link from OpenDota, Dotabuff, STRATZ or Steam (steamcommunity.com/profiles/…)
• a player name, like Arteezy (if several players match, I'll ask which one)
• heroes <player>: their top 10 heroes
• recent <player>: their last 20 matches
• compare <player> <player>, or <player> vs <player>: side by side
Tip: matches only show up when “Expose Public Match Data” is on in Dota 2 (Settings → Options → Social).";

const PRIVATE_FIX: &str = "If this is your account: in Dota 2, open Settings → Options → Social, turn on “Expose Public Match Data”, play a match, then ask me again (OpenDota may take a little while to catch up).";

// --- small replies ---------------------------------------------------------------------------

/// A text reply without quick replies, cut to the text limit.
pub fn text(text: impl Into<String>) -> Reply {
    text_with(text, Vec::new())
}

/// A text reply with quick replies, both cut to Messenger's limits.
pub fn text_with(text: impl Into<String>, quick_replies: Vec<Choice>) -> Reply {
    let mut quick_replies = quick_replies;
    quick_replies.truncate(QUICK_REPLIES_MAX);
    Reply::Text {
        text: fit_text(&text.into(), TEXT_MAX),
        quick_replies,
    }
}

/// A quick reply, its title cut to 20 UTF-16 units.
pub fn choice(title: &str, payload: impl Into<String>) -> Choice {
    Choice {
        title: cut(title, TITLE_MAX).to_owned(),
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

/// The answer to a command without a player.
pub fn missing_player(command: Command) -> Reply {
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
        Command::Compare => {
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
        cut(number, 40)
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
        cut(name, 64)
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

// --- names ----------------------------------------------------------------------------------

/// The payload that repeats `command` for `id`: bare digits for stats.
fn payload_for(command: Command, id: AccountId) -> String {
    match command {
        Command::Stats => id.to_string(),
        Command::Heroes => format!("{HEROES_PREFIX}{id}"),
        Command::Recent => format!("{RECENT_PREFIX}{id}"),
        Command::Compare => format!("{COMPARE_PREFIX}{id}"),
    }
}

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
        cut(name, 64)
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
        cut(name, 64)
    );
    for row in matches.iter().take(CHOICES_MAX) {
        let _ = write!(body, "\n• {}", candidate_line(row));
    }
    body.push_str("\nSend compare with their account ids, like compare 86745912 111620041.");
    text(body)
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

fn hero_name(catalog: &HeroCatalog, id: HeroId) -> String {
    catalog
        .name(id)
        .map(str::to_owned)
        .or_else(|| catalog.get(id).map(|h| h.display_name()))
        .unwrap_or_else(|| format!("Hero #{id}"))
}

fn rank_text(player: &Player) -> String {
    player.rank_tier.map_or_else(
        || "Unranked".to_owned(),
        |tier| tier.describe(player.leaderboard_rank),
    )
}

/// Games and wins summed over the heroes (the `/wl` numbers, without the call).
fn record(heroes: &[PlayerHero]) -> (u64, u64) {
    heroes.iter().fold((0, 0), |(games, wins), h| {
        (
            games + u64::from(h.games.unwrap_or(0)),
            wins + u64::from(h.win.unwrap_or(0)),
        )
    })
}

/// Recent form: matches, wins, losses and average kills/deaths/assists.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Form {
    matches: usize,
    wins: usize,
    losses: usize,
    kda: Option<(f64, f64, f64)>,
}

#[allow(clippy::cast_precision_loss, reason = "at most 20 matches")]
fn form(recent: &[RecentMatch]) -> Form {
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

fn kda_text((k, d, a): (f64, f64, f64)) -> String {
    format!("{k:.1}/{d:.1}/{a:.1}")
}

fn hero_line(catalog: &HeroCatalog, hero: &PlayerHero) -> String {
    let games = hero.games.unwrap_or(0);
    format!(
        "{}: {} {}, {} wins",
        hero_name(catalog, hero.hero_id),
        thousands(u64::from(games)),
        if games == 1 { "game" } else { "games" },
        percent(hero.win_rate().unwrap_or(0.0))
    )
}

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

/// The stats answer: a card, then the details with quick replies to go further.
#[must_use]
pub fn stats(
    view: PlayerView<'_>,
    items: Option<&ItemPopularity>,
    item_names: &ItemNames,
) -> Vec<Reply> {
    let PlayerView {
        id,
        player,
        heroes,
        recent,
        catalog,
    } = view;
    let name = player_name(id, player);
    let rank = rank_text(player);
    let (games, wins) = record(heroes);
    let win_rate = ratio(wins, games);

    let subtitle = if games == 0 {
        format!("{rank} · no counted games")
    } else {
        format!(
            "{rank} · {} wins · {} games",
            percent(win_rate),
            thousands(games)
        )
    };
    let card = Card {
        title: cut(&name, CARD_TEXT_MAX).to_owned(),
        subtitle: Some(cut(&subtitle, CARD_TEXT_MAX).to_owned()),
        image_url: player
            .profile
            .as_ref()
            .and_then(|p| p.avatarfull.clone())
            .filter(|u| !u.is_empty()),
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
    };

    let mut body = format!("🏅 Rank: {rank}\n");
    if games == 0 {
        body.push_str("📊 Record: no counted games (turbo and other casual modes don't count)\n");
    } else {
        let _ = writeln!(
            body,
            "📊 Record: {} wins, {} losses ({} win rate over {} games)",
            thousands(wins),
            thousands(games - wins),
            percent(win_rate),
            thousands(games)
        );
    }
    if !heroes.is_empty() {
        body.push_str("\n🦸 Top heroes:\n");
        for (n, hero) in heroes.iter().take(TOP_HEROES_STATS).enumerate() {
            let _ = writeln!(body, "{}. {}", n + 1, hero_line(catalog, hero));
        }
    }
    let form = form(recent);
    if form.matches > 0 {
        let _ = write!(
            body,
            "\n📈 Recent form (last {}): {}",
            form.matches,
            wins_losses(form.wins, form.losses)
        );
        if let Some(kda) = form.kda {
            let _ = write!(body, " · avg K/D/A {}", kda_text(kda));
        }
        body.push('\n');
    }

    let mut tips = Vec::new();
    let best = best_win_rates(heroes);
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
    if let (Some(items), Some(hero)) = (items, best_hero(heroes)) {
        let popular = popular_items(items, item_names);
        if !popular.is_empty() {
            tips.push(format!(
                "Popular items on {}: {}",
                hero_name(catalog, hero),
                popular.join(", ")
            ));
        }
    }
    if form.matches >= 10 && form.losses > form.wins * 2 {
        tips.push("Rough recent run: a short break or your comfort heroes may help.".to_owned());
    }
    body.push_str("\n💡 Recommendations:\n");
    for tip in tips {
        let _ = writeln!(body, "• {tip}");
    }

    vec![
        Reply::Card(card),
        text_with(
            body.trim_end(),
            vec![
                choice("Heroes", payload_for(Command::Heroes, id)),
                choice("Recent", payload_for(Command::Recent, id)),
                choice("Compare", payload_for(Command::Compare, id)),
            ],
        ),
    ]
}

/// The top 10 heroes.
#[must_use]
pub fn heroes(
    id: AccountId,
    player: &Player,
    heroes: &[PlayerHero],
    catalog: &HeroCatalog,
) -> Reply {
    let name = player_name(id, player);
    let mut body = format!("🦸 Top heroes of {name}:");
    for (n, hero) in heroes.iter().take(TOP_HEROES_LIST).enumerate() {
        let _ = write!(body, "\n{}. {}", n + 1, hero_line(catalog, hero));
    }
    text_with(
        body,
        vec![
            choice("Stats", payload_for(Command::Stats, id)),
            choice("Recent", payload_for(Command::Recent, id)),
            choice("Compare", payload_for(Command::Compare, id)),
        ],
    )
}

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

/// Players side by side, then who leads in rank, win rate and recent form.
#[must_use]
pub fn compare(sides: &[CompareSide<'_>], dropped: usize) -> Reply {
    let names: Vec<String> = sides.iter().map(CompareSide::name).collect();
    let mut body = format!("⚔️ {}", names.join(" vs "));
    // (name, rank tier, win rate, games, recent wins, recent matches)
    let mut shown = Vec::new();
    for (side, name) in sides.iter().zip(&names) {
        let _ = write!(body, "\n\n{name} ({})", side.id());
        match side {
            CompareSide::Private { player, .. } => {
                let _ = write!(body, "\n🏅 {}\n🔒 Match data is private", rank_text(player));
            }
            CompareSide::Shown(view) => {
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
                        wins_losses(form.wins, form.losses)
                    );
                    if let Some(kda) = form.kda {
                        let _ = write!(body, " · K/D/A {}", kda_text(kda));
                    }
                }
                shown.push((name, view.player.rank_tier, rate, games, form));
            }
        }
    }
    if shown.len() >= 2 {
        let mut verdicts = Vec::new();
        let ranked: Vec<_> = shown
            .iter()
            .filter(|s| s.1.is_some_and(|t| t.0 > 0))
            .collect();
        if ranked.len() >= 2 {
            if let Some(top) = leader(&ranked, |s| {
                // Immortals: a lower leaderboard place is better, but tiers alone are shown.
                f64::from(s.1.map_or(0, |t| t.0))
            }) {
                verdicts.push(format!("🏆 Higher rank: {}", top.0));
            }
        }
        let with_games: Vec<_> = shown.iter().filter(|s| s.3 > 0).collect();
        if with_games.len() >= 2 {
            if let Some(top) = leader(&with_games, |s| s.2) {
                verdicts.push(format!(
                    "🏆 Better win rate: {} ({})",
                    top.0,
                    percent(top.2)
                ));
            }
        }
        let with_form: Vec<_> = shown.iter().filter(|s| s.4.matches > 0).collect();
        if with_form.len() >= 2 {
            if let Some(top) = leader(&with_form, |s| ratio(s.4.wins as u64, s.4.matches as u64)) {
                verdicts.push(format!(
                    "🏆 Better recent form: {} ({} of {} won)",
                    top.0, top.4.wins, top.4.matches
                ));
            }
        }
        if !verdicts.is_empty() {
            body.push_str("\n\n");
            body.push_str(&verdicts.join("\n"));
        }
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

// --- formatting -----------------------------------------------------------------------------

#[allow(clippy::cast_precision_loss, reason = "game counts are far below 2^52")]
fn ratio(wins: u64, games: u64) -> f64 {
    if games == 0 {
        0.0
    } else {
        wins as f64 / games as f64
    }
}

/// `1 win`, `2 wins`; `1 loss`, `0 losses`.
fn wins_losses(wins: usize, losses: usize) -> String {
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

/// Whether `c` continues the character before it (a joiner, a variation selector, a skin tone,
/// a combining mark, a keycap or tag character): no cut may fall before it.
fn is_extender(c: char) -> bool {
    matches!(c,
        '\u{200D}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// `text` cut to at most `max` UTF-16 units (Messenger's unit; never more characters than
/// that), never inside a character and, for the usual cases, never inside an emoji sequence,
/// a flag or a letter with combining marks.
#[must_use]
pub fn cut(text: &str, max: usize) -> &str {
    if text.encode_utf16().count() <= max {
        return text;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The number of whole characters that fit.
    let mut units = 0;
    let mut keep = 0;
    for (_, c) in &chars {
        if units + c.len_utf16() > max {
            break;
        }
        units += c.len_utf16();
        keep += 1;
    }
    // Back off while the first dropped character belongs to the one before it.
    while keep > 0 {
        let next = chars.get(keep).map(|(_, c)| *c);
        let prev = chars.get(keep - 1).map(|(_, c)| *c);
        let joined = next.is_some_and(is_extender) || prev == Some('\u{200D}');
        let splits_flag = next.is_some_and(is_regional_indicator) && {
            let run = chars[..keep]
                .iter()
                .rev()
                .take_while(|(_, c)| is_regional_indicator(*c))
                .count();
            run % 2 == 1
        };
        if joined || splits_flag {
            keep -= 1;
        } else {
            break;
        }
    }
    let end = chars.get(keep).map_or(text.len(), |(i, _)| *i);
    text.get(..end).unwrap_or_default().trim_end()
}

/// `text` within `max` UTF-16 units: whole lines while they fit, then `…`.
#[must_use]
pub fn fit_text(text: &str, max: usize) -> String {
    if text.encode_utf16().count() <= max {
        return text.to_owned();
    }
    let budget = max.saturating_sub(1);
    let mut out = String::new();
    for line in text.lines() {
        let candidate = if out.is_empty() {
            line.to_owned()
        } else {
            format!("{out}\n{line}")
        };
        if candidate.encode_utf16().count() > budget {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        out = cut(text, budget).to_owned();
    }
    out.push('…');
    out
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
    fn cuts_on_whole_characters_and_emoji() {
        assert_eq!(cut("Arteezy", 20), "Arteezy");
        assert_eq!(
            cut("abcdefghijklmnopqrstuvwxyz", 20),
            "abcdefghijklmnopqrst"
        );
        // 19 letters, then an emoji of two UTF-16 units: it does not fit.
        let name = format!("{}🔥x", "a".repeat(19));
        assert_eq!(cut(&name, 20), "a".repeat(19));
        // A family emoji (joined with ZWJ) is kept whole or dropped whole.
        let family = "👨\u{200D}👩\u{200D}👧";
        let name = format!("{}{family}", "a".repeat(15));
        assert_eq!(cut(&name, 20), "a".repeat(15));
        // A thumbs-up with a skin tone.
        let name = format!("{}👍🏽", "a".repeat(17));
        assert_eq!(cut(&name, 20), "a".repeat(17));
        // A flag is two regional indicators.
        let name = format!("{}🇸🇪🇸🇪", "a".repeat(14));
        assert_eq!(cut(&name, 20), format!("{}🇸🇪", "a".repeat(14)));
        // An accent as a combining mark stays with its letter.
        let name = format!("{}e\u{301}", "a".repeat(19));
        assert_eq!(cut(&name, 20), "a".repeat(19));
        // Multi-byte letters are counted as one unit each.
        assert_eq!(cut("ééééé", 3), "ééé");
        assert!(cut(&"💀".repeat(30), 20).encode_utf16().count() <= 20);
    }

    #[test]
    fn long_texts_are_cut_at_lines() {
        let text = (0..300)
            .map(|n| format!("line {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        let fitted = fit_text(&text, TEXT_MAX);
        assert!(fitted.encode_utf16().count() <= TEXT_MAX);
        assert!(fitted.ends_with('…'));
        assert!(fitted.starts_with("line 0\nline 1\n"));
        assert_eq!(fit_text("short", TEXT_MAX), "short");
        let one_line = "x".repeat(3000);
        assert_eq!(fit_text(&one_line, 10).encode_utf16().count(), 10);
    }

    #[test]
    fn help_texts_fit() {
        for reply in [
            greeting(),
            help(),
            get_started(),
            not_understood(),
            thanks(),
        ] {
            let Reply::Text {
                text,
                quick_replies,
            } = reply
            else {
                panic!("text expected");
            };
            assert!(text.encode_utf16().count() <= TEXT_MAX);
            assert!(!text.ends_with('…'));
            assert!(
                quick_replies
                    .iter()
                    .all(|c| c.title.encode_utf16().count() <= TITLE_MAX)
            );
        }
    }

    #[test]
    fn a_tie_has_no_leader() {
        let (a, b, c) = (1.0, 2.0, 2.0);
        assert_eq!(leader(&[&a, &b], |x| **x), Some(&b));
        assert_eq!(leader(&[&b, &c], |x| **x), None);
        assert_eq!(leader(&[&a, &b, &c], |x| **x), None);
        assert_eq!(leader::<f64, _>(&[], |x| **x), None);
    }
}
