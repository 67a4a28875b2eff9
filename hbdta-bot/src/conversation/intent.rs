//! What a message asks for: [`parse_intent`], a pure function of the message.
//!
//! # Texts
//!
//! | text | intent |
//! |---|---|
//! | `86745912`, `76561198047011640`, a profile link (OpenDota, Dotabuff, STRATZ, Steam `/profiles/`) | [`Intent::Stats`] |
//! | any other word up to 64 characters | [`Intent::Stats`] of a [`PlayerRef::Name`] |
//! | any other words (two or more, up to 64 characters) | [`Intent::HeroOrName`]: a hero and a player when the first words name a hero (`invoker arteezy`, `sf 86745912`), else a name |
//! | `<player> on <hero>` | [`Intent::Hero`] |
//! | `my <words>` that are no command above | [`Intent::HeroOrName`]: the linked player on a hero when the words name one, even with a typo (`my invokr`), else a name (`my cat`) |
//! | `stats <player>` | [`Intent::Stats`] (forces a name search for names like `hi`) |
//! | `heroes <player>` | [`Intent::Heroes`] |
//! | `recent <player>` | [`Intent::Recent`] |
//! | `last <player>`, `lm <player>`, `last match <player>`, `last game <player>` | [`Intent::LastMatch`] |
//! | `peers <player>` | [`Intent::Peers`] |
//! | `match <id>`, `match <link>`, a match link (OpenDota, Dotabuff, STRATZ `/matches/<id>`) | [`Intent::Match`] |
//! | `match` alone, or with no id or match link after it | [`Intent::MissingMatch`] |
//! | `compare <player> <player> …`, `a vs b`, two or more ids or links in one message | [`Intent::Compare`] |
//! | `compare <player>` | [`Intent::CompareWith`] |
//! | `me`, `my stats`, `my heroes`, `my recent`, `my last match`, `my peers`, `compare me <player>`, `me vs <player>`, `heroes me` | the same intents of [`PlayerRef::Me`] (the linked account) |
//! | `I am <player>`, `I'm <player>`, `me = <player>`, `link <player>` | [`Intent::Link`] |
//! | `unlink` | [`Intent::Unlink`] |
//! | `forget me` | [`Intent::ForgetMe`] |
//! | `stats`, `heroes`, `recent`, `last` (`lm`, `last match`), `peers` alone | [`Intent::MissingPlayer`] (the conversation answers for the last player looked at) |
//! | `help`, `?`, `commands`, `menu`, `start` | [`Intent::Help`] |
//! | `hi`, `hello`, `hey`, `yo`, `sup`, … | [`Intent::Greeting`] |
//! | `thanks`, `thx`, `ty`, … | [`Intent::Thanks`] |
//! | nothing, or more than 64 characters that are no command | [`Intent::Help`] / [`Intent::NotUnderstood`] |
//!
//! In `compare`, players are separated by `vs`, `versus`, `,`, `&`, `and` or `with`; without a
//! separator every word is a player, except that words next to each other between ids or links
//! form one name (`compare 86745912 tidehunter main`).
//!
//! # Payloads (quick replies and postbacks)
//!
//! | payload | intent |
//! |---|---|
//! | `86745912` (bare digits) | [`Intent::Stats`] of that account |
//! | `HEROES:86745912` | [`Intent::Heroes`] |
//! | `RECENT:86745912` | [`Intent::Recent`] |
//! | `LAST:86745912` | [`Intent::LastMatch`] |
//! | `MATCH:8731220045` | [`Intent::Match`] |
//! | `PEERS:86745912` | [`Intent::Peers`] |
//! | `HERO:74:86745912` | [`Intent::Hero`] (hero id, then account) |
//! | `COMPARE:86745912` | [`Intent::CompareWith`] (explains how to compare with that player) |
//! | `LINK:86745912` | [`Intent::Link`] ("This is me") |
//! | `HELP` | [`Intent::Help`] |
//! | `GET_STARTED` | [`Intent::GetStarted`] |
//! | anything else | [`Intent::NotUnderstood`] |

use opendota_sdk::{AccountId, HeroId, MatchId, ParseAccountIdError};

use super::Incoming;

/// Names longer than this (in characters) are not searched for.
pub const MAX_NAME_CHARS: usize = 64;

/// Payload prefix of a player's top heroes (`HEROES:<id>`).
pub const HEROES_PREFIX: &str = "HEROES:";
/// Payload prefix of a player's recent matches (`RECENT:<id>`).
pub const RECENT_PREFIX: &str = "RECENT:";
/// Payload prefix of a player's last match (`LAST:<id>`).
pub const LAST_PREFIX: &str = "LAST:";
/// Payload prefix of a player's peers (`PEERS:<id>`).
pub const PEERS_PREFIX: &str = "PEERS:";
/// Payload prefix of a player on one hero (`HERO:<hero id>:<account id>`).
pub const HERO_PREFIX: &str = "HERO:";
/// Payload prefix of a match (`MATCH:<match id>`).
pub const MATCH_PREFIX: &str = "MATCH:";
/// Payload prefix of "compare with this player" (`COMPARE:<id>`).
pub const COMPARE_PREFIX: &str = "COMPARE:";
/// Payload prefix of "this is me" (`LINK:<id>`).
pub const LINK_PREFIX: &str = "LINK:";
/// The help payload.
pub const HELP_PAYLOAD: &str = "HELP";
/// The Get Started postback payload.
pub const GET_STARTED_PAYLOAD: &str = "GET_STARTED";

/// Who a message is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayerRef {
    /// An account id, from a number, a SteamID64 or a profile link.
    Account(AccountId),
    /// A name to search for.
    Name(String),
    /// A Steam custom URL (`steamcommunity.com/id/<name>`), which only Steam can resolve.
    VanityUrl(String),
    /// A number that is neither a 32-bit account id nor a SteamID64.
    BadNumber(String),
    /// A link that is no profile link this bot reads.
    UnknownLink(String),
    /// `me`: the account the person linked.
    Me,
}

/// A hero, as the person named it or as a payload carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeroRef {
    /// A hero's id (from a payload).
    Id(HeroId),
    /// A name as typed: `invoker`, `Anti-Mage`, `am`, `invokr` (matched forgivingly by the
    /// conversation, which knows the heroes).
    Name(String),
}

/// Which player command a message named without saying who.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `stats`.
    Stats,
    /// `heroes`.
    Heroes,
    /// `recent`.
    Recent,
    /// `last` (`lm`, `last match`).
    LastMatch,
    /// `peers`.
    Peers,
    /// A player on one hero (`invoker <player>`).
    Hero(HeroId),
    /// `compare`.
    Compare,
    /// `link` (`I am …`).
    Link,
}

/// What a message asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// A hello.
    Greeting,
    /// A thank-you or an acknowledgement.
    Thanks,
    /// The help text.
    Help,
    /// The Get Started button.
    GetStarted,
    /// A player's stats.
    Stats(PlayerRef),
    /// A player's top heroes.
    Heroes(PlayerRef),
    /// A player's recent matches.
    Recent(PlayerRef),
    /// A player's last match.
    LastMatch(PlayerRef),
    /// The people a player plays with most.
    Peers(PlayerRef),
    /// A player on one hero.
    Hero {
        /// Which hero.
        hero: HeroRef,
        /// Whose games.
        player: PlayerRef,
    },
    /// Two or more words that are no command: a hero followed by a player when the first words
    /// name a hero (`invoker arteezy`), the linked player on a hero for `my <hero>`, else a
    /// player's name (`tidehunter main`, `my cat`). Only the conversation knows the heroes, so
    /// it decides; `stats <words>` always means a name.
    HeroOrName(String),
    /// One match, by id.
    Match(MatchId),
    /// `match` without an id.
    MissingMatch,
    /// Several players side by side (two or more).
    Compare(Vec<PlayerRef>),
    /// "Compare" with only one player: explain how to add another.
    CompareWith(PlayerRef),
    /// A command without a player (`heroes`).
    MissingPlayer(Command),
    /// "This player is me": remember the account as the person's own.
    Link(PlayerRef),
    /// Forget the linked account.
    Unlink,
    /// Delete everything remembered about the person.
    ForgetMe,
    /// Too long to be a name, or a payload this bot did not send.
    NotUnderstood,
}

/// Reads what a person sent. Pure: no lookups, no I/O.
///
/// ```
/// use hbdta_bot::conversation::{Incoming, Intent, PlayerRef, parse_intent};
/// use opendota_sdk::AccountId;
///
/// let id = |n| PlayerRef::Account(AccountId(n));
/// assert_eq!(parse_intent(&Incoming::Text("86745912".into())), Intent::Stats(id(86745912)));
/// assert_eq!(
///     parse_intent(&Incoming::Text("compare 86745912 111620041".into())),
///     Intent::Compare(vec![id(86745912), id(111620041)])
/// );
/// assert_eq!(parse_intent(&Incoming::Payload("RECENT:86745912".into())), Intent::Recent(id(86745912)));
/// ```
#[must_use]
pub fn parse_intent(incoming: &Incoming) -> Intent {
    match incoming {
        Incoming::Text(text) => parse_text(text),
        Incoming::Payload(payload) => parse_payload(payload),
    }
}

fn parse_payload(payload: &str) -> Intent {
    let payload = payload.trim();
    if payload == HELP_PAYLOAD {
        return Intent::Help;
    }
    if payload == GET_STARTED_PAYLOAD {
        return Intent::GetStarted;
    }
    if let Some(id) = payload_account(payload) {
        return Intent::Stats(PlayerRef::Account(id));
    }
    let prefixed = |prefix: &str| payload.strip_prefix(prefix).and_then(payload_account);
    if let Some(id) = prefixed(HEROES_PREFIX) {
        return Intent::Heroes(PlayerRef::Account(id));
    }
    if let Some(id) = prefixed(RECENT_PREFIX) {
        return Intent::Recent(PlayerRef::Account(id));
    }
    if let Some(id) = prefixed(LAST_PREFIX) {
        return Intent::LastMatch(PlayerRef::Account(id));
    }
    if let Some(id) = prefixed(PEERS_PREFIX) {
        return Intent::Peers(PlayerRef::Account(id));
    }
    if let Some(intent) = payload.strip_prefix(HERO_PREFIX).and_then(hero_payload) {
        return intent;
    }
    if let Some(id) = payload.strip_prefix(MATCH_PREFIX).and_then(match_id_of) {
        return Intent::Match(id);
    }
    if let Some(id) = prefixed(COMPARE_PREFIX) {
        return Intent::CompareWith(PlayerRef::Account(id));
    }
    if let Some(id) = prefixed(LINK_PREFIX) {
        return Intent::Link(PlayerRef::Account(id));
    }
    tracing::debug!(payload, "unknown payload");
    Intent::NotUnderstood
}

/// `<hero id>:<account id>`.
fn hero_payload(rest: &str) -> Option<Intent> {
    let (hero, account) = rest.split_once(':')?;
    if hero.is_empty() || hero.len() > 5 || !hero.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hero = hero.parse::<u16>().ok().filter(|h| *h > 0)?;
    Some(Intent::Hero {
        hero: HeroRef::Id(HeroId(hero)),
        player: PlayerRef::Account(payload_account(account)?),
    })
}

/// Decimal digits only (an account id or a SteamID64).
fn payload_account(digits: &str) -> Option<AccountId> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    AccountId::parse(digits).ok()
}

fn parse_text(text: &str) -> Intent {
    let text = text.trim();
    if text.is_empty() {
        return Intent::Help;
    }
    let phrase = phrase_key(text);
    if is_one_of(&phrase, GREETINGS) || text.chars().all(is_wave) {
        return Intent::Greeting;
    }
    if is_one_of(&phrase, HELP_WORDS) {
        return Intent::Help;
    }
    if matches!(phrase.as_str(), "get started" | "get_started") {
        return Intent::GetStarted;
    }
    if is_one_of(&phrase, THANKS) || text.chars().all(is_thumbs_up) {
        return Intent::Thanks;
    }
    if let Some(intent) = parse_memory(text, &phrase) {
        return intent;
    }
    if let Some(intent) = parse_command(text) {
        return intent;
    }
    if let Some(id) = match_link(text) {
        return Intent::Match(id);
    }
    if let Some(parts) = split_separated(text, VS_SEPARATORS) {
        return compare_of(parts.into_iter().map(parse_player).collect());
    }
    if let Some(players) = several_accounts(text) {
        return Intent::Compare(players);
    }
    if let Some(player) = link_in_sentence(text) {
        return Intent::Stats(player);
    }
    if let Some(intent) = player_on_hero(text) {
        return intent;
    }
    match parse_player(text) {
        PlayerRef::Name(name)
            if name.contains(char::is_whitespace) && name.chars().count() <= MAX_NAME_CHARS =>
        {
            Intent::HeroOrName(name)
        }
        player => player_intent(Intent::Stats, player),
    }
}

/// `<player> on <hero>` (split at the last ` on `).
fn player_on_hero(text: &str) -> Option<Intent> {
    let lower = text.to_ascii_lowercase();
    let at = lower.rfind(" on ")?;
    let (player, hero) = (text[..at].trim(), text[at + 4..].trim());
    let hero = hero.trim_end_matches(TRAILING_PUNCTUATION).trim();
    if player.is_empty() || hero.is_empty() || hero.chars().count() > MAX_NAME_CHARS {
        return None;
    }
    let player = parse_player(player);
    if matches!(&player, PlayerRef::Name(n) if n.chars().count() > MAX_NAME_CHARS) {
        return Some(Intent::NotUnderstood);
    }
    Some(Intent::Hero {
        hero: HeroRef::Name(hero.to_owned()),
        player,
    })
}

/// `unlink`, `forget me`, `I am <player>`, `me = <player>`, `link <player>`.
fn parse_memory(text: &str, phrase: &str) -> Option<Intent> {
    match phrase {
        "unlink" | "unlink me" | "/unlink" => return Some(Intent::Unlink),
        "forget me" | "/forget" | "forget about me" | "delete my data" => {
            return Some(Intent::ForgetMe);
        }
        "link" | "/link" | "link me" | "i am" | "i'm" | "me =" => {
            return Some(Intent::MissingPlayer(Command::Link));
        }
        _ => {}
    }
    let lower = text.to_lowercase();
    let rest = ["i am ", "i'm ", "i’m ", "link ", "/link "]
        .iter()
        .find_map(|prefix| strip_prefix_at_char(text, &lower, prefix))
        .or_else(|| {
            // `me = X`, `me: X`, `me is X`
            ["me =", "me=", "me:", "me is "]
                .iter()
                .find_map(|prefix| strip_prefix_at_char(text, &lower, prefix))
        })?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(Intent::MissingPlayer(Command::Link));
    }
    Some(player_intent(Intent::Link, parse_player(rest)))
}

/// `text` after `prefix` (matched against `lower`, the lowercased text), when the prefix ends on
/// a character boundary of `text`.
fn strip_prefix_at_char<'a>(text: &'a str, lower: &str, prefix: &str) -> Option<&'a str> {
    if lower.starts_with(prefix) && lower.len() == text.len() {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// `heroes <player>`, `recent <player>`, `compare …`, `stats <player>`; `my heroes` (and the
/// others) for the linked account.
fn parse_command(text: &str) -> Option<Intent> {
    let (word, rest) = match text.split_once(char::is_whitespace) {
        Some((word, rest)) => (word, rest.trim()),
        None => (text, ""),
    };
    let word = word.strip_prefix('/').unwrap_or(word).to_lowercase();
    if word == "my" {
        let rest = rest.trim_end_matches(TRAILING_PUNCTUATION).to_lowercase();
        return match rest.as_str() {
            "stats" | "profile" | "account" | "rank" => Some(Intent::Stats(PlayerRef::Me)),
            "heroes" | "hero" | "top heroes" => Some(Intent::Heroes(PlayerRef::Me)),
            "recent" | "matches" | "games" | "recent matches" | "form" => {
                Some(Intent::Recent(PlayerRef::Me))
            }
            "last" | "last match" | "last game" | "lm" => Some(Intent::LastMatch(PlayerRef::Me)),
            "peers" | "friends" | "stack" => Some(Intent::Peers(PlayerRef::Me)),
            "" => None,
            _ if text.chars().count() <= MAX_NAME_CHARS => {
                Some(Intent::HeroOrName(text.to_owned()))
            }
            _ => None,
        };
    }
    let (command, make): (Command, fn(PlayerRef) -> Intent) = match word.as_str() {
        "heroes" => (Command::Heroes, Intent::Heroes),
        "recent" => (Command::Recent, Intent::Recent),
        "last" | "lm" => (Command::LastMatch, Intent::LastMatch),
        "peers" => (Command::Peers, Intent::Peers),
        "stats" => (Command::Stats, Intent::Stats),
        "compare" => return Some(parse_compare(rest)),
        "match" => {
            let rest = rest.trim_end_matches(TRAILING_PUNCTUATION);
            return Some(
                match_id_of(rest)
                    .or_else(|| match_link(rest))
                    .map_or(Intent::MissingMatch, Intent::Match),
            );
        }
        _ => return None,
    };
    // `last match <player>`, `last game <player>`.
    let rest = if command == Command::LastMatch {
        match rest.split_once(char::is_whitespace) {
            Some((word, player)) if is_match_word(word) => player.trim(),
            None if is_match_word(rest) => "",
            _ => rest,
        }
    } else {
        rest
    };
    if rest.is_empty() {
        return Some(Intent::MissingPlayer(command));
    }
    Some(player_intent(make, parse_player(rest)))
}

/// A match id: decimal digits, not zero.
fn match_id_of(digits: &str) -> Option<MatchId> {
    if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u64>().ok().filter(|n| *n > 0).map(MatchId)
}

/// The match of an OpenDota, Dotabuff or STRATZ match link (`…/matches/<id>`, with or without
/// the scheme, `www.` and anything after the id).
#[must_use]
pub fn match_link(text: &str) -> Option<MatchId> {
    let text = text.trim();
    if text.contains(char::is_whitespace) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let after = [
        "opendota.com/matches/",
        "dotabuff.com/matches/",
        "stratz.com/matches/",
    ]
    .iter()
    .find_map(|host| rest.strip_prefix(host))?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let tail = &after[digits.len()..];
    if !(tail.is_empty() || tail.starts_with(['/', '?', '#'])) {
        return None;
    }
    match_id_of(&digits)
}

/// `match` or `game` (after `last`).
fn is_match_word(word: &str) -> bool {
    ["match", "game"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// `make(player)`, unless the player is a name too long to be one.
fn player_intent(make: fn(PlayerRef) -> Intent, player: PlayerRef) -> Intent {
    match &player {
        PlayerRef::Name(name) if name.chars().count() > MAX_NAME_CHARS => Intent::NotUnderstood,
        _ => make(player),
    }
}

fn compare_of(players: Vec<PlayerRef>) -> Intent {
    if players
        .iter()
        .any(|p| matches!(p, PlayerRef::Name(n) if n.chars().count() > MAX_NAME_CHARS))
    {
        return Intent::NotUnderstood;
    }
    let mut players = players;
    match players.len() {
        0 => Intent::MissingPlayer(Command::Compare),
        1 => players
            .pop()
            .map_or(Intent::MissingPlayer(Command::Compare), Intent::CompareWith),
        _ => Intent::Compare(players),
    }
}

/// The players after `compare`.
fn parse_compare(rest: &str) -> Intent {
    if let Some(parts) = split_separated(rest, COMPARE_SEPARATORS) {
        return compare_of(parts.into_iter().map(parse_player).collect());
    }
    let words: Vec<&str> = rest.split_whitespace().filter(|w| !is_filler(w)).collect();
    if words.len() <= 1 {
        return compare_of(words.into_iter().map(parse_player).collect());
    }
    let has_account = words.iter().any(|w| looks_like_account(w));
    if !has_account {
        return compare_of(words.into_iter().map(parse_player).collect());
    }
    // Ids and links stand alone; the words between them form names.
    let mut players = Vec::new();
    let mut name: Vec<&str> = Vec::new();
    for word in words {
        if looks_like_account(word) {
            if !name.is_empty() {
                players.push(parse_player(&name.join(" ")));
                name.clear();
            }
            players.push(parse_player(word));
        } else {
            name.push(word);
        }
    }
    if !name.is_empty() {
        players.push(parse_player(&name.join(" ")));
    }
    compare_of(players)
}

/// Two or more ids or links and nothing else (but filler words): `86745912 111620041`,
/// `86745912, 111620041`, `86745912 and 111620041`.
fn several_accounts(text: &str) -> Option<Vec<PlayerRef>> {
    let words: Vec<&str> = words_of(text).filter(|w| !is_filler(w)).collect();
    if words.len() < 2 || !words.iter().all(|w| looks_like_account(w)) {
        return None;
    }
    Some(words.into_iter().map(parse_player).collect())
}

/// A profile link somewhere in a sentence (`here's mine: dotabuff.com/players/86745912`).
fn link_in_sentence(text: &str) -> Option<PlayerRef> {
    let links: Vec<PlayerRef> = words_of(text)
        .filter(|w| w.contains('/'))
        .map(parse_player)
        .filter(|p| matches!(p, PlayerRef::Account(_) | PlayerRef::VanityUrl(_)))
        .collect();
    match <[PlayerRef; 1]>::try_from(links) {
        Ok([link]) => Some(link),
        Err(_) => None,
    }
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches(TRAILING_PUNCTUATION))
        .filter(|w| !w.is_empty())
}

/// A number, or a link that reads as an account (or a Steam custom URL).
fn looks_like_account(word: &str) -> bool {
    !matches!(
        parse_player(word),
        PlayerRef::Name(_) | PlayerRef::UnknownLink(_)
    )
}

/// Reads one player: `me`, an id, a SteamID64, a profile link, or else a name.
#[must_use]
pub fn parse_player(text: &str) -> PlayerRef {
    let text = text.trim();
    if ["me", "myself", "me!", "me?", "me."]
        .iter()
        .any(|me| text.eq_ignore_ascii_case(me))
    {
        return PlayerRef::Me;
    }
    let text = strip_quotes(text);
    match AccountId::parse(text) {
        Ok(id) => return PlayerRef::Account(id),
        Err(ParseAccountIdError::VanityUrl(name)) => return PlayerRef::VanityUrl(name),
        Err(ParseAccountIdError::OutOfRange(number)) => return PlayerRef::BadNumber(number),
        Err(_) => {}
    }
    // `86745912?` or `86745912.`
    let trimmed = text.trim_end_matches(TRAILING_PUNCTUATION);
    if trimmed != text && !trimmed.is_empty() {
        if let Ok(id) = AccountId::parse(trimmed) {
            return PlayerRef::Account(id);
        }
    }
    if looks_like_link(text) {
        return PlayerRef::UnknownLink(text.to_owned());
    }
    PlayerRef::Name(text.to_owned())
}

fn strip_quotes(text: &str) -> &str {
    for (open, close) in [('"', '"'), ('“', '”'), ('\'', '\''), ('‘', '’'), ('«', '»')] {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            if !inner.trim().is_empty() {
                return inner.trim();
            }
        }
    }
    text
}

fn looks_like_link(text: &str) -> bool {
    if text.contains(char::is_whitespace) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || [".com/", ".net/", ".org/", ".gg/", ".io/"]
            .iter()
            .any(|tld| lower.contains(tld))
}

const TRAILING_PUNCTUATION: &[char] = &['.', '!', '?', ';', ':'];

/// Separators between players after `compare` (matched without regard to ASCII case).
const COMPARE_SEPARATORS: &[&str] = &[
    " vs. ", " vs ", " versus ", ",", " & ", " and ", " with ", " v ",
];
/// Separators that make any message a comparison.
const VS_SEPARATORS: &[&str] = &[" vs. ", " vs ", " versus "];

/// Splits at any of `separators` (ASCII case-insensitive). `None` unless that gives two or more
/// non-empty parts.
fn split_separated<'a>(text: &'a str, separators: &[&str]) -> Option<Vec<&'a str>> {
    let bytes = text.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let hit = separators.iter().find(|sep| {
            bytes
                .get(i..i + sep.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(sep.as_bytes()))
        });
        match hit {
            // Separators are ASCII, so `i` and `i + len` are char boundaries.
            Some(sep) => {
                parts.push(text.get(start..i).unwrap_or_default());
                i += sep.len();
                start = i;
            }
            None => i += 1,
        }
    }
    parts.push(text.get(start..).unwrap_or_default());
    let parts: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (parts.len() >= 2).then_some(parts)
}

fn is_filler(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "and" | "vs" | "vs." | "versus" | "with" | "&" | "+" | "to" | "v"
    )
}

/// Lowercase, without surrounding punctuation, inner whitespace collapsed.
fn phrase_key(text: &str) -> String {
    text.trim_matches(|c: char| (c.is_ascii_punctuation() && c != '?') || c.is_whitespace())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `phrase` is one of `set`, ignoring repeated letters (`heyyy`, `hiii`, `yoo`)
/// and a trailing `bot` or `there` (`hi bot`, `hello there`).
fn is_one_of(phrase: &str, set: &[&str]) -> bool {
    if set.contains(&phrase) {
        return true;
    }
    let phrase = phrase.trim_end_matches(['!', '.', '?']).trim();
    let phrase = phrase
        .strip_suffix(" bot")
        .or_else(|| phrase.strip_suffix(" there"))
        .unwrap_or(phrase);
    if set.contains(&phrase) {
        return true;
    }
    let squeezed = squeeze(phrase);
    set.iter().any(|word| squeeze(word) == squeezed)
}

/// Repeated letters once: `heyyy` → `hey`, `hello` → `helo`.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = None;
    for c in text.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

fn is_wave(c: char) -> bool {
    matches!(c, '👋' | '🙋' | '🖐' | '✋') || is_emoji_modifier(c)
}

fn is_thumbs_up(c: char) -> bool {
    c == '👍' || is_emoji_modifier(c)
}

/// Whitespace, a variation selector or a skin tone: what may follow an emoji.
fn is_emoji_modifier(c: char) -> bool {
    c.is_whitespace() || c == '\u{FE0F}' || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "heya",
    "hiya",
    "yo",
    "sup",
    "wassup",
    "whatsup",
    "what's up",
    "whats up",
    "howdy",
    "hola",
    "hallo",
    "greetings",
    "good morning",
    "good afternoon",
    "good evening",
    "morning",
    "hey hey",
];

const HELP_WORDS: &[&str] = &[
    "help",
    "?",
    "commands",
    "menu",
    "start",
    "/start",
    "/help",
    "how does this work",
    "what can you do",
    "info",
];

const THANKS: &[&str] = &[
    "thanks",
    "thank you",
    "thx",
    "ty",
    "tyvm",
    "thank u",
    "cheers",
    "ok",
    "okay",
    "cool",
    "nice",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Intent {
        parse_intent(&Incoming::Text(t.to_owned()))
    }

    fn payload(p: &str) -> Intent {
        parse_intent(&Incoming::Payload(p.to_owned()))
    }

    fn id(n: u32) -> PlayerRef {
        PlayerRef::Account(AccountId(n))
    }

    fn name(n: &str) -> PlayerRef {
        PlayerRef::Name(n.to_owned())
    }

    #[test]
    fn numbers_and_links_are_accounts() {
        for t in [
            "86745912",
            " 86745912 ",
            "86745912?",
            "76561198047011640",
            "https://www.opendota.com/players/86745912",
            "opendota.com/players/86745912/heroes",
            "https://www.dotabuff.com/players/86745912/matches",
            "https://stratz.com/players/86745912",
            "https://stratz.com/en-us/players/86745912",
            "https://steamcommunity.com/profiles/76561198047011640/",
            "\"86745912\"",
            "here is my profile https://www.dotabuff.com/players/86745912",
        ] {
            assert_eq!(text(t), Intent::Stats(id(86745912)), "{t}");
        }
        assert_eq!(text("0"), Intent::Stats(id(0)));
        assert_eq!(text("4294967295"), Intent::Stats(id(u32::MAX)));
    }

    #[test]
    fn numbers_that_are_no_account() {
        assert_eq!(
            text("99999999999"),
            Intent::Stats(PlayerRef::BadNumber("99999999999".to_owned()))
        );
    }

    #[test]
    fn steam_custom_urls_and_other_links() {
        assert_eq!(
            text("https://steamcommunity.com/id/gabelogannewell"),
            Intent::Stats(PlayerRef::VanityUrl("gabelogannewell".to_owned()))
        );
        assert_eq!(
            text("https://example.com/players/1"),
            Intent::Stats(PlayerRef::UnknownLink(
                "https://example.com/players/1".to_owned()
            ))
        );
        assert_eq!(
            text("www.youtube.com/watch"),
            Intent::Stats(PlayerRef::UnknownLink("www.youtube.com/watch".to_owned()))
        );
    }

    #[test]
    fn other_texts_are_names() {
        assert_eq!(text("Arteezy"), Intent::Stats(name("Arteezy")));
        assert_eq!(
            text("  tidehunter main "),
            Intent::HeroOrName("tidehunter main".to_owned())
        );
        assert_eq!(text("Miracle-"), Intent::Stats(name("Miracle-")));
        assert_eq!(text("“Miracle-”"), Intent::Stats(name("Miracle-")));
        assert_eq!(
            text("🔥 gamer 🔥"),
            Intent::HeroOrName("🔥 gamer 🔥".to_owned())
        );
        assert_eq!(
            text("team 1 player 2"),
            Intent::HeroOrName("team 1 player 2".to_owned())
        );
        assert_eq!(
            text("stats tidehunter main"),
            Intent::Stats(name("tidehunter main"))
        );
        assert_eq!(text("stats hi"), Intent::Stats(name("hi")));
        assert_eq!(text("STATS 86745912"), Intent::Stats(id(86745912)));
        let longest = "a".repeat(MAX_NAME_CHARS);
        assert_eq!(text(&longest), Intent::Stats(name(&longest)));
    }

    #[test]
    fn empty_and_very_long_texts() {
        assert_eq!(text(""), Intent::Help);
        assert_eq!(text("   "), Intent::Help);
        assert_eq!(text(&"a".repeat(MAX_NAME_CHARS + 1)), Intent::NotUnderstood);
        assert_eq!(
            text(&format!("heroes {}", "b".repeat(80))),
            Intent::NotUnderstood
        );
    }

    #[test]
    fn commands() {
        assert_eq!(text("heroes 86745912"), Intent::Heroes(id(86745912)));
        assert_eq!(text("Heroes Arteezy"), Intent::Heroes(name("Arteezy")));
        assert_eq!(
            text("/heroes tidehunter main"),
            Intent::Heroes(name("tidehunter main"))
        );
        assert_eq!(
            text("recent https://www.opendota.com/players/86745912"),
            Intent::Recent(id(86745912))
        );
        assert_eq!(text("RECENT arteezy"), Intent::Recent(name("arteezy")));
        assert_eq!(text("heroes"), Intent::MissingPlayer(Command::Heroes));
        assert_eq!(text("recent"), Intent::MissingPlayer(Command::Recent));
        assert_eq!(text("stats"), Intent::MissingPlayer(Command::Stats));
        assert_eq!(text("compare"), Intent::MissingPlayer(Command::Compare));
    }

    #[test]
    fn last_match() {
        assert_eq!(text("last 86745912"), Intent::LastMatch(id(86745912)));
        assert_eq!(text("lm Arteezy"), Intent::LastMatch(name("Arteezy")));
        assert_eq!(text("/last arteezy"), Intent::LastMatch(name("arteezy")));
        assert_eq!(
            text("last match tidehunter main"),
            Intent::LastMatch(name("tidehunter main"))
        );
        assert_eq!(text("Last Game 86745912"), Intent::LastMatch(id(86745912)));
        assert_eq!(text("last me"), Intent::LastMatch(PlayerRef::Me));
        assert_eq!(text("my last match"), Intent::LastMatch(PlayerRef::Me));
        assert_eq!(text("my lm"), Intent::LastMatch(PlayerRef::Me));
        for alone in ["last", "lm", "last match", "LAST GAME", "/last"] {
            assert_eq!(
                text(alone),
                Intent::MissingPlayer(Command::LastMatch),
                "{alone}"
            );
        }
        assert_eq!(payload("LAST:86745912"), Intent::LastMatch(id(86745912)));
        // A name that only starts like the command is a name.
        assert_eq!(text("lastpick"), Intent::Stats(name("lastpick")));
    }

    #[test]
    fn heroes_of_players() {
        let hero = |h: &str, player| Intent::Hero {
            hero: HeroRef::Name(h.to_owned()),
            player,
        };
        assert_eq!(text("Arteezy on Invoker"), hero("Invoker", name("Arteezy")));
        assert_eq!(
            text("86745912 ON anti mage?"),
            hero("anti mage", id(86745912))
        );
        assert_eq!(text("me on sf"), hero("sf", PlayerRef::Me));
        assert_eq!(
            text("lights on the hill on pudge"),
            hero("pudge", name("lights on the hill"))
        );
        assert_eq!(
            text("invoker arteezy"),
            Intent::HeroOrName("invoker arteezy".to_owned())
        );
        assert_eq!(
            text("my invoker"),
            Intent::HeroOrName("my invoker".to_owned())
        );
        assert_eq!(
            text("My Shadow Fiend"),
            Intent::HeroOrName("My Shadow Fiend".to_owned())
        );
        assert_eq!(
            payload("HERO:74:86745912"),
            Intent::Hero {
                hero: HeroRef::Id(HeroId(74)),
                player: id(86745912)
            }
        );
        for bad in [
            "HERO:74",
            "HERO::86745912",
            "HERO:0:86745912",
            "HERO:x:1",
            "HERO:99999:1",
        ] {
            assert_eq!(payload(bad), Intent::NotUnderstood, "{bad}");
        }
    }

    #[test]
    fn peers() {
        assert_eq!(text("peers 86745912"), Intent::Peers(id(86745912)));
        assert_eq!(text("/peers Arteezy"), Intent::Peers(name("Arteezy")));
        assert_eq!(text("my peers"), Intent::Peers(PlayerRef::Me));
        assert_eq!(text("peers"), Intent::MissingPlayer(Command::Peers));
        assert_eq!(payload("PEERS:86745912"), Intent::Peers(id(86745912)));
    }

    #[test]
    fn matches_by_id_and_link() {
        let game = Intent::Match(MatchId(8_731_220_045));
        for t in [
            "match 8731220045",
            "Match 8731220045.",
            "/match 8731220045",
            "https://www.opendota.com/matches/8731220045",
            "opendota.com/matches/8731220045/overview",
            "https://www.dotabuff.com/matches/8731220045",
            "https://stratz.com/matches/8731220045?tab=performance",
            "match https://www.dotabuff.com/matches/8731220045",
        ] {
            assert_eq!(text(t), game, "{t}");
        }
        assert_eq!(payload("MATCH:8731220045"), game);
        assert_eq!(text("match"), Intent::MissingMatch);
        assert_eq!(text("match yesterday"), Intent::MissingMatch);
        assert_eq!(payload("MATCH:0"), Intent::NotUnderstood);
        assert_eq!(payload("MATCH:abc"), Intent::NotUnderstood);
        // Not a match: another page, another site, a name.
        assert_eq!(
            text("https://www.dotabuff.com/matches/8731220045x"),
            Intent::Stats(PlayerRef::UnknownLink(
                "https://www.dotabuff.com/matches/8731220045x".to_owned()
            ))
        );
        assert_eq!(text("matchmaker"), Intent::Stats(name("matchmaker")));
    }

    #[test]
    fn comparisons() {
        let both = Intent::Compare(vec![id(86745912), id(111620041)]);
        for t in [
            "compare 86745912 111620041",
            "Compare 86745912, 111620041",
            "compare 86745912 and 111620041",
            "compare 86745912 vs 111620041",
            "86745912 vs 111620041",
            "86745912 VS. 111620041",
            "86745912 111620041",
            "86745912, 111620041",
            "86745912 and 111620041",
            "https://www.opendota.com/players/86745912 https://www.dotabuff.com/players/111620041",
            "compare https://www.opendota.com/players/86745912 76561198071885769",
        ] {
            assert_eq!(text(t), both, "{t}");
        }
        assert_eq!(
            text("arteezy vs miracle-"),
            Intent::Compare(vec![name("arteezy"), name("miracle-")])
        );
        assert_eq!(
            text("compare tidehunter main vs Arteezy"),
            Intent::Compare(vec![name("tidehunter main"), name("Arteezy")])
        );
        assert_eq!(
            text("compare arteezy miracle-"),
            Intent::Compare(vec![name("arteezy"), name("miracle-")])
        );
        assert_eq!(
            text("compare 86745912 tidehunter main"),
            Intent::Compare(vec![id(86745912), name("tidehunter main")])
        );
        assert_eq!(
            text("compare 1 2 3"),
            Intent::Compare(vec![id(1), id(2), id(3)])
        );
        assert_eq!(text("compare 86745912"), Intent::CompareWith(id(86745912)));
        assert_eq!(
            text("compare arteezy"),
            Intent::CompareWith(name("arteezy"))
        );
        assert_eq!(
            text("86745912 99999999999"),
            Intent::Compare(vec![
                id(86745912),
                PlayerRef::BadNumber("99999999999".to_owned())
            ])
        );
    }

    #[test]
    fn greetings_help_and_thanks() {
        for t in [
            "hi",
            "Hi!",
            "hello",
            "HELLO",
            "hey",
            "heyyy",
            "yo",
            "Yo!",
            "sup",
            "hiya",
            "hi there",
            "hello bot",
            "what's up",
            "good morning",
            "👋",
            "hola",
        ] {
            assert_eq!(text(t), Intent::Greeting, "{t}");
        }
        for t in [
            "help", "Help", "HELP!", "?", "commands", "menu", "/start", "start",
        ] {
            assert_eq!(text(t), Intent::Help, "{t}");
        }
        assert_eq!(text("get started"), Intent::GetStarted);
        for t in ["thanks", "Thank you!", "thx", "ty", "👍", "ok"] {
            assert_eq!(text(t), Intent::Thanks, "{t}");
        }
        // A greeting word inside a longer text is a name.
        assert_eq!(
            text("hi im arteezy"),
            Intent::HeroOrName("hi im arteezy".to_owned())
        );
    }

    #[test]
    fn payloads() {
        assert_eq!(payload("86745912"), Intent::Stats(id(86745912)));
        assert_eq!(payload("76561198047011640"), Intent::Stats(id(86745912)));
        assert_eq!(payload("HEROES:86745912"), Intent::Heroes(id(86745912)));
        assert_eq!(payload("RECENT:86745912"), Intent::Recent(id(86745912)));
        assert_eq!(
            payload("COMPARE:86745912"),
            Intent::CompareWith(id(86745912))
        );
        assert_eq!(payload("HELP"), Intent::Help);
        assert_eq!(payload("GET_STARTED"), Intent::GetStarted);
        for bad in [
            "",
            "HEROES:",
            "HEROES:abc",
            "RECENT:-1",
            "hello",
            "99999999999",
            "FOO:1",
        ] {
            assert_eq!(payload(bad), Intent::NotUnderstood, "{bad}");
        }
    }

    #[test]
    fn me_link_unlink_and_forget() {
        let me = || PlayerRef::Me;
        assert_eq!(text("me"), Intent::Stats(me()));
        assert_eq!(text("Me"), Intent::Stats(me()));
        assert_eq!(text("my stats"), Intent::Stats(me()));
        assert_eq!(text("my heroes"), Intent::Heroes(me()));
        assert_eq!(text("My recent"), Intent::Recent(me()));
        assert_eq!(text("heroes me"), Intent::Heroes(me()));
        assert_eq!(
            text("compare me 86745912"),
            Intent::Compare(vec![me(), id(86_745_912)])
        );
        assert_eq!(
            text("me vs Arteezy"),
            Intent::Compare(vec![me(), name("Arteezy")])
        );
        assert_eq!(
            text("compare me tidehunter main"),
            Intent::Compare(vec![me(), name("tidehunter main")])
        );
        assert_eq!(text("compare me"), Intent::CompareWith(me()));

        assert_eq!(text("I am 86745912"), Intent::Link(id(86_745_912)));
        assert_eq!(text("i'm Arteezy"), Intent::Link(name("Arteezy")));
        assert_eq!(text("I’m Arteezy"), Intent::Link(name("Arteezy")));
        assert_eq!(text("me = 86745912"), Intent::Link(id(86_745_912)));
        assert_eq!(text("me=86745912"), Intent::Link(id(86_745_912)));
        assert_eq!(
            text("me is tidehunter main"),
            Intent::Link(name("tidehunter main"))
        );
        assert_eq!(
            text("link https://www.opendota.com/players/86745912"),
            Intent::Link(id(86_745_912))
        );
        assert_eq!(text("link"), Intent::MissingPlayer(Command::Link));
        assert_eq!(text("I am"), Intent::MissingPlayer(Command::Link));
        assert_eq!(payload("LINK:86745912"), Intent::Link(id(86_745_912)));
        assert_eq!(payload("LINK:me"), Intent::NotUnderstood);

        assert_eq!(text("unlink"), Intent::Unlink);
        assert_eq!(text("Unlink me"), Intent::Unlink);
        assert_eq!(text("forget me"), Intent::ForgetMe);
        assert_eq!(text("Forget me!"), Intent::ForgetMe);
        assert_eq!(text("delete my data"), Intent::ForgetMe);

        assert_eq!(text("heroes"), Intent::MissingPlayer(Command::Heroes));
        assert_eq!(text("recent"), Intent::MissingPlayer(Command::Recent));
        assert_eq!(
            text("my cat"),
            Intent::HeroOrName("my cat".to_owned()),
            "not a command: a name"
        );
        assert_eq!(text("meepo"), Intent::Stats(name("meepo")));
    }

    #[test]
    fn separators_split_without_regard_to_case() {
        assert_eq!(
            split_separated("a VS b vs. c", VS_SEPARATORS),
            Some(vec!["a", "b", "c"])
        );
        assert_eq!(split_separated("vs b", VS_SEPARATORS), None);
        assert_eq!(
            split_separated("évs b vs ü", VS_SEPARATORS),
            Some(vec!["évs b", "ü"])
        );
    }
}
