//! The picture cards: drawn PNGs checked pixel by pixel, and `GET /cards/<key>.png`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use hbdta_bot::cards::draw::{
    BAR_HEIGHT, BAR_STEP, BAR_WIDTH, BAR_X, BAR_Y, HEIGHT, STRIP_SIZE, STRIP_STEP, STRIP_X,
    STRIP_Y, WIDTH,
};
use hbdta_bot::cards::{CACHE_CONTROL, Cards};
use hbdta_bot::conversation::Picture;
use hbdta_bot::conversation::picture::{HeroBar, LastMatchPicture, StatsPicture};
use resvg::tiny_skia::Pixmap;
use tower::ServiceExt as _;

fn stats(name: &str) -> Picture {
    Picture::Stats(StatsPicture {
        name: name.to_owned(),
        rank: "Immortal #32".to_owned(),
        wins: 3748,
        losses: 2327,
        heroes: vec![
            HeroBar {
                hero: "Anti-Mage".to_owned(),
                games: 1500,
                wins: 930,
            },
            HeroBar {
                hero: "Invoker".to_owned(),
                games: 1200,
                wins: 720,
            },
            HeroBar {
                hero: "Pudge".to_owned(),
                games: 750,
                wins: 300,
            },
        ],
        results: "WWL-W".to_owned(),
    })
}

fn last_match() -> Picture {
    Picture::LastMatch(LastMatchPicture {
        name: "Arteezy".to_owned(),
        hero: "Tidehunter".to_owned(),
        won: Some(true),
        radiant: Some(true),
        kda: Some([3, 1, 5]),
        facts: "30:00 · All Draft, Ranked · 2 h ago".to_owned(),
        economy: "600 GPM · 700 XPM · 300 last hits · 20,000 hero damage".to_owned(),
        items: vec!["Blink Dagger".to_owned(), "Black King Bar".to_owned()],
    })
}

fn decode(png: &[u8]) -> Pixmap {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    Pixmap::decode_png(png).expect("a valid PNG")
}

/// The colour at (x, y), without alpha (every card is opaque).
fn rgb(pixmap: &Pixmap, x: u32, y: u32) -> [u8; 3] {
    let p = pixmap.pixel(x, y).expect("inside the picture");
    assert_eq!(p.alpha(), 255, "opaque at ({x}, {y})");
    [p.red(), p.green(), p.blue()]
}

const BACKGROUND: [u8; 3] = [0x16, 0x1a, 0x22];
const TRACK: [u8; 3] = [0x2b, 0x31, 0x3c];
const WIN: [u8; 3] = [0x3f, 0xb9, 0x50];
const LOSS: [u8; 3] = [0xe5, 0x48, 0x4d];
const UNKNOWN: [u8; 3] = [0x6e, 0x76, 0x81];

/// Pixels that are not the background in a rectangle: text was drawn there.
fn inked(pixmap: &Pixmap, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
    (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| rgb(pixmap, x, y) != BACKGROUND)
        .count()
}

fn save(name: &str, png: &[u8]) {
    if let Ok(dir) = std::env::var("HBDTA_CARDS_OUT") {
        std::fs::write(format!("{dir}/{name}.png"), png).unwrap();
    }
}

#[tokio::test]
async fn the_stats_picture_has_its_bars_and_results_where_they_belong() {
    let cards = Cards::new(b"test key".to_vec(), None);
    let png = cards.png(&stats("Arteezy")).await.unwrap();
    save("stats_ascii", &png);
    assert!(png.len() < 100 * 1024, "{} bytes", png.len());
    let pixmap = decode(&png);
    assert_eq!((pixmap.width(), pixmap.height()), (WIDTH, HEIGHT));
    assert_eq!((WIDTH, HEIGHT), (800, 418));
    assert_eq!(rgb(&pixmap, 5, 5), BACKGROUND);
    // Bar 1: 1,500 games (the most: the whole width), 62% won: green to its end.
    let mid = |row: u32| BAR_Y + row * BAR_STEP + BAR_HEIGHT / 2;
    assert_eq!(rgb(&pixmap, BAR_X + 10, mid(0)), WIN);
    assert_eq!(rgb(&pixmap, BAR_X + BAR_WIDTH - 10, mid(0)), WIN);
    // Bar 2: 1,200 of 1,500 games: green for 4/5 of the width (264 px), the track after.
    assert_eq!(rgb(&pixmap, BAR_X + 250, mid(1)), WIN);
    assert_eq!(rgb(&pixmap, BAR_X + 280, mid(1)), TRACK);
    // Bar 3: 750 games (half the width), 40% won: red.
    assert_eq!(rgb(&pixmap, BAR_X + 150, mid(2)), LOSS);
    assert_eq!(rgb(&pixmap, BAR_X + 180, mid(2)), TRACK);
    // No fourth hero: background.
    assert_eq!(rgb(&pixmap, BAR_X + 10, mid(3)), BACKGROUND);
    // Results W W L - W, then nothing.
    let square = |n: u32| {
        rgb(
            &pixmap,
            STRIP_X + n * STRIP_STEP + STRIP_SIZE / 2,
            STRIP_Y + STRIP_SIZE / 2,
        )
    };
    assert_eq!(
        [square(0), square(1), square(2), square(3), square(4)],
        [WIN, WIN, LOSS, UNKNOWN, WIN]
    );
    assert_eq!(square(5), BACKGROUND);
    // The name is drawn (top left).
    assert!(inked(&pixmap, 32, 25, 200, 70) > 300);
}

/// The pixels of the name's line.
fn name_line(pixmap: &Pixmap) -> Vec<[u8; 3]> {
    (15..75)
        .flat_map(|y| (20..420).map(move |x| (x, y)))
        .map(|(x, y)| rgb(pixmap, x, y))
        .collect()
}

/// Each character of `Ｓａｍ ✨ 尊` comes from a font that has it: a character no built-in font
/// has (U+E000, private use) is drawn as the empty box of a missing glyph, and each of these,
/// drawn alone, looks different from that box.
#[tokio::test]
async fn cjk_and_emoji_names_are_drawn_with_their_fonts() {
    let cards = Cards::new(b"test key".to_vec(), None);
    let png = cards.png(&stats("Ｓａｍ ✨ 尊")).await.unwrap();
    save("stats_cjk_emoji", &png);
    assert!(png.len() < 100 * 1024, "{} bytes", png.len());
    let pixmap = decode(&png);
    assert!(inked(&pixmap, 32, 20, 400, 72) > 1500);

    let missing = decode(&cards.png(&stats("\u{E000}")).await.unwrap());
    assert!(
        inked(&missing, 20, 15, 420, 75) > 0,
        "a missing glyph shows as a box"
    );
    let again = decode(&cards.png(&stats("\u{E001}")).await.unwrap());
    assert_eq!(
        name_line(&missing),
        name_line(&again),
        "every missing glyph is the same box"
    );
    for glyph in ["Ｓ", "ａ", "ｍ", "✨", "尊", "Ж", "é"] {
        let drawn = decode(&cards.png(&stats(glyph)).await.unwrap());
        assert!(inked(&drawn, 20, 15, 420, 75) > 60, "{glyph} is drawn");
        assert_ne!(name_line(&drawn), name_line(&missing), "{glyph} is no box");
    }
}

#[tokio::test]
async fn the_last_match_picture_shows_the_result_and_the_items() {
    let cards = Cards::new(b"test key".to_vec(), None);
    let png = cards.png(&last_match()).await.unwrap();
    save("last_match", &png);
    assert!(png.len() < 100 * 1024, "{} bytes", png.len());
    let pixmap = decode(&png);
    assert_eq!((pixmap.width(), pixmap.height()), (800, 418));
    // A won match: the band on the left is green, top to bottom.
    assert_eq!(rgb(&pixmap, 4, 10), WIN);
    assert_eq!(rgb(&pixmap, 4, 400), WIN);
    // Two item tiles (32..208 and 218..394 wide, 262..304 high), no third.
    assert_eq!(rgb(&pixmap, 36, 266), TRACK);
    assert_eq!(rgb(&pixmap, 222, 266), TRACK);
    assert_eq!(rgb(&pixmap, 408, 266), BACKGROUND);
    // K/D/A in big figures on the right.
    assert!(inked(&pixmap, 520, 50, 780, 105) > 800);

    let Picture::LastMatch(mut lost) = last_match() else {
        unreachable!()
    };
    lost.won = Some(false);
    let pixmap = decode(&cards.png(&Picture::LastMatch(lost)).await.unwrap());
    assert_eq!(rgb(&pixmap, 4, 10), LOSS);
}

async fn get(cards: &Cards, uri: &str) -> (StatusCode, Option<String>, Option<String>, Vec<u8>) {
    let response = cards
        .routes()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (content_type, cache_control) = (header("content-type"), header("cache-control"));
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, content_type, cache_control, body.to_vec())
}

#[tokio::test]
async fn cards_are_served_by_key_and_nothing_else_is() {
    let cards = Cards::new(
        b"test key".to_vec(),
        Some("https://bot.example/".to_owned()),
    );
    let picture = stats("Arteezy");
    let url = cards.url(&picture).unwrap();
    let key = cards.key(&picture);
    assert_eq!(url, format!("https://bot.example/cards/{key}.png"));
    assert_eq!(cards.key(&picture), key, "the same picture, the same key");
    assert_ne!(cards.key(&stats("Arteezy2")), key);
    assert!(url.len() < 700, "{} characters: {url}", url.len());

    // Known: the PNG, cacheable for good.
    let (status, content_type, cache_control, body) =
        get(&cards, &format!("/cards/{key}.png")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type.as_deref(), Some("image/png"));
    assert_eq!(cache_control.as_deref(), Some(CACHE_CONTROL));
    assert_eq!(
        cache_control.as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(decode(&body).width(), 800);

    // Another bot's key (another signing key), and a picture changed after signing: unknown.
    let other = Cards::new(b"another key".to_vec(), None).key(&picture);
    let (payload, signature) = key.split_once('.').unwrap();
    let forged = {
        let json = String::from_utf8(
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
                .unwrap(),
        )
        .unwrap()
        .replace("Arteezy", "Hacker");
        format!(
            "{}.{signature}",
            base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, json)
        )
    };
    for unknown in [other, forged] {
        let (status, content_type, _, body) = get(&cards, &format!("/cards/{unknown}.png")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{unknown}");
        assert_eq!(content_type.as_deref(), Some("text/plain; charset=utf-8"));
        assert_eq!(body, b"no such card\n");
    }

    // Not keys at all.
    let long = format!("/cards/{}.png", "a".repeat(5000));
    for malformed in [
        format!("/cards/{key}"),
        format!("/cards/{key}.jpg"),
        "/cards/nonsense.png".to_owned(),
        "/cards/%E2%9C%A8.abc.png".to_owned(),
        format!("/cards/{payload}.zz.png"),
        long,
    ] {
        let (status, _, _, body) = get(&cards, &malformed).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{malformed}");
        assert_eq!(body, b"not a card key\n");
    }
}
