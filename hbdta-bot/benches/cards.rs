//! The picture cards' figures for BENCHMARKS.md: `cargo bench -p hbdta-bot --bench cards`.
//!
//! 1. Drawing: each kind of picture drawn 200 times in this process (SVG → PNG, no cache): p50,
//!    p99 and max in ms, and the PNG sizes.
//! 2. The server: the release `hbdta-bot serve` (Messenger on fakes that are never called, a
//!    public URL, an in-memory store), asked for 400 different cards over `GET /cards/` four at
//!    a time, then its peak RSS (`VmHWM`) beside its RSS before the first card. Goals (issue 16):
//!    under 20 ms and 100 KB a card; the server's peak RSS within its 20 MiB goal.

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark"
)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hbdta_bot::cards::{Cards, draw};
use hbdta_bot::conversation::Picture;
use hbdta_bot::conversation::picture::{HeroBar, LastMatchPicture, StatsPicture};

const DRAWS: usize = 200;
const SERVED: usize = 400;
const SECRET: &str = "bench-app-secret";

fn stats(name: &str, n: usize) -> Picture {
    let heroes = [
        "Anti-Mage",
        "Invoker",
        "Pudge",
        "Shadow Fiend",
        "Centaur Warrunner",
    ];
    Picture::Stats(StatsPicture {
        name: name.to_owned(),
        rank: "Immortal #32".to_owned(),
        wins: 3748 + n as u64,
        losses: 2327,
        heroes: (0u32..)
            .zip(heroes)
            .map(|(i, hero)| HeroBar {
                hero: hero.to_owned(),
                games: 1500 - i * 200,
                wins: 900 - i * 150,
            })
            .collect(),
        results: "WWLWLWWWLLWWLWLWWLWL".to_owned(),
    })
}

fn last_match(n: usize) -> Picture {
    Picture::LastMatch(LastMatchPicture {
        name: format!("Arteezy {n}"),
        hero: "Tidehunter".to_owned(),
        won: Some(n % 2 == 0),
        radiant: Some(true),
        kda: Some([3, 1, 5]),
        facts: "30:00 · All Draft, Ranked · 2 h ago".to_owned(),
        economy: "600 GPM · 700 XPM · 300 last hits · 20,000 hero damage".to_owned(),
        items: [
            "Blink Dagger",
            "Black King Bar",
            "Boots of Travel",
            "Magic Wand",
            "Abyssal Blade",
            "Battle Fury",
            "Ultimate Orb",
        ]
        .map(str::to_owned)
        .to_vec(),
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn draw_kind(label: &str, make: impl Fn(usize) -> Picture) {
    // The fonts load with the first picture: not counted.
    draw::png(&make(usize::MAX)).unwrap();
    let mut ms = Vec::with_capacity(DRAWS);
    let mut bytes = Vec::with_capacity(DRAWS);
    for n in 0..DRAWS {
        let picture = make(n);
        let started = Instant::now();
        let png = draw::png(&picture).unwrap();
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
        bytes.push(png.len());
    }
    ms.sort_by(f64::total_cmp);
    bytes.sort_unstable();
    println!(
        "| {label} | {DRAWS} | {:.1} | {:.1} | {:.1} | {} – {} |",
        percentile(&ms, 50.0),
        percentile(&ms, 99.0),
        ms[ms.len() - 1],
        bytes[0],
        bytes[bytes.len() - 1]
    );
}

fn rss_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

fn serve_cards() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_hbdta-bot"))
        .arg("serve")
        .env_clear()
        .env("MESSENGER_PAGE_ACCESS_TOKEN", "bench-token")
        .env("MESSENGER_APP_SECRET", SECRET)
        .env("MESSENGER_VERIFY_TOKEN", "bench-verify")
        .env("MESSENGER_GRAPH_URL", "http://127.0.0.1:9")
        .env("OPENDOTA_BASE_URL", "http://127.0.0.1:9/api")
        .env("HBDTA_PUBLIC_URL", &base)
        .env("HBDTA_DATABASE_URL", "sqlite::memory:")
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let cards = Cards::from_secret(SECRET, Some(base.clone()));
    let (before, ms) = runtime.block_on(async {
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        while http.get(format!("{base}/healthz")).send().await.is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let before = rss_kib(pid, "VmRSS:");
        let urls: Vec<String> = (0..SERVED)
            .map(|n| {
                let picture = if n % 2 == 0 {
                    stats(&format!("Ｓａｍ ✨ 尊 {n}"), n)
                } else {
                    last_match(n)
                };
                cards.url(&picture).unwrap()
            })
            .collect();
        let mut ms = Vec::with_capacity(SERVED);
        for chunk in urls.chunks(4) {
            let started = Instant::now();
            let responses =
                futures_util::future::join_all(chunk.iter().map(|u| http.get(u).send())).await;
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            for response in responses {
                let response = response.unwrap();
                assert_eq!(response.status(), 200);
                assert!(!response.bytes().await.unwrap().is_empty());
                ms.push(elapsed);
            }
        }
        ms.sort_by(f64::total_cmp);
        (before, ms)
    });
    let peak = rss_kib(pid, "VmHWM:");
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "\nserver: {SERVED} cards over GET /cards/ (4 at a time): p50 {:.1} ms, p99 {:.1} ms a batch; RSS before the first card {:.1} MiB, peak RSS (VmHWM) {:.1} MiB",
        percentile(&ms, 50.0),
        percentile(&ms, 99.0),
        before as f64 / 1024.0,
        peak as f64 / 1024.0
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would pass nothing to run.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!("| picture | draws | p50 ms | p99 ms | max ms | PNG bytes (min – max) |");
    println!("|---|---|---|---|---|---|");
    draw_kind("stats, ASCII name", |n| stats(&format!("Arteezy {n}"), n));
    draw_kind("stats, `Ｓａｍ ✨ 尊` name", |n| {
        stats(&format!("Ｓａｍ ✨ 尊 {n}"), n)
    });
    draw_kind("last match, 7 items", last_match);
    serve_cards();
}
