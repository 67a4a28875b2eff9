//! Decoding cost of a parsed match: the typed [`Match`] model against a plain
//! `serde_json::Value` parse of the same bytes. The typed decode should cost at most 1.5× the
//! `Value` parse.
//!
//! `cargo bench -p opendota-sdk --bench decode`

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "bench")]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use opendota_sdk::models::matches::Match;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/opendota")
        .join(format!("{name}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parsed_match(c: &mut Criterion) {
    let bytes = fixture("matches_get__parsed_full");
    // Fail early (not inside the timing loop) if the model no longer decodes the fixture.
    let decoded: Match = serde_json::from_slice(&bytes).expect("the fixture decodes into Match");
    assert_eq!(decoded.players.len(), 10);

    let mut group = c.benchmark_group("parsed_match");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("serde_json::Value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).unwrap());
    });
    group.bench_function("Match", |b| {
        b.iter(|| serde_json::from_slice::<Match>(black_box(&bytes)).unwrap());
    });
    // `Client` decodes as the `Match` line above; it tracks the JSON path only after a failed
    // decode. This line is the path tracking it used on every body before issue 13.
    group.bench_function("Match (path-tracking, before issue 13)", |b| {
        b.iter(|| {
            let mut de = serde_json::Deserializer::from_slice(black_box(&bytes));
            serde_path_to_error::deserialize::<_, Match>(&mut de).unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, parsed_match);
criterion_main!(benches);
