//! A short, bounded load test (the 30-second one is
//! `cargo run --release -p iki-serve --example load`, see BENCHMARKS.md):
//! 8 clients post the seed for 3 seconds; no request fails, and memory
//! does not grow from one run to the next.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use iki_serve::client::{load, resident_bytes};
use std::time::Duration;

#[test]
fn concurrent_clients_all_succeed_and_memory_stays_flat() {
    let s = common::Server::default();
    let seed = common::seed();
    let expected = s.post("/v1/convert", "text/markdown", &seed).body;
    let first = load(
        s.addr,
        "/v1/convert",
        &seed,
        &expected,
        8,
        Duration::from_secs(2),
    );
    assert_eq!(first.failed, 0, "{:?}", first.first_failure);
    let before = resident_bytes();
    let run = load(
        s.addr,
        "/v1/convert",
        &seed,
        &expected,
        8,
        Duration::from_secs(3),
    );
    let after = resident_bytes();
    assert_eq!(run.failed, 0, "{:?}", run.first_failure);
    assert!(run.ok > 0);
    // The allocator keeps what it took; a leak of one document per request
    // (87 KB in, some hundreds of KB held) would pass this many times over.
    let grown = after.saturating_sub(before);
    assert!(
        grown < 64 << 20,
        "resident memory grew by {} MB over {} requests",
        grown >> 20,
        run.ok
    );
}
