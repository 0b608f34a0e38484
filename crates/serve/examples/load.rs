//! The load test of `iki serve` on loopback: CLIENTS threads post the seed
//! to /v1/convert, one request after another, for SECS seconds, against a
//! server in this process (or a running one: --addr). Every answer must be
//! the same bytes; prints throughput, p50/p99 latency and resident memory
//! after a warm-up and after the run.
//!
//!     cargo run --release -p iki-serve --example load -- --clients 32 --secs 30
#![allow(clippy::unwrap_used, clippy::expect_used)]

use iki_serve::client::{load, request, resident_bytes};
use std::net::SocketAddr;
use std::time::Duration;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let clients: usize = arg("--clients").map_or(32, |v| v.parse().unwrap());
    let secs: u64 = arg("--secs").map_or(30, |v| v.parse().unwrap());
    let path = arg("--path").unwrap_or_else(|| "/v1/convert".into());
    let seed_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../seeds/bkpsdm-sumenep-2024.md"
    );
    let seed = std::fs::read(seed_path).unwrap();

    let addr: SocketAddr = match arg("--addr") {
        Some(a) => a.parse().unwrap(),
        None => {
            let (tx, rx) = std::sync::mpsc::channel();
            let config = iki_serve::Config {
                max_concurrent: clients.max(iki_serve::DEFAULT_MAX_CONCURRENT),
                ..iki_serve::Config::default()
            };
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async move {
                    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                    tx.send(l.local_addr().unwrap()).unwrap();
                    iki_serve::serve(l, config, std::future::pending())
                        .await
                        .unwrap();
                });
            });
            rx.recv().unwrap()
        }
    };
    let expected = request(addr, "POST", &path, &[], &seed).unwrap().body;

    let warm = load(
        addr,
        &path,
        &seed,
        &expected,
        clients,
        Duration::from_secs(3),
    );
    let rss_warm = resident_bytes();
    let run = load(
        addr,
        &path,
        &seed,
        &expected,
        clients,
        Duration::from_secs(secs),
    );
    let rss_after = resident_bytes();
    let again = load(
        addr,
        &path,
        &seed,
        &expected,
        clients,
        Duration::from_secs(3),
    );
    let rss_again = resident_bytes();

    let mb = |b: u64| b as f64 / (1u64 << 20) as f64;
    println!(
        "{clients} clients, {secs} s, POST {path} of the seed ({} bytes)",
        seed.len()
    );
    println!(
        "requests: {} ok, {} failed (warm-up {} ok {} failed; after {} ok {} failed)",
        run.ok, run.failed, warm.ok, warm.failed, again.ok, again.failed
    );
    if let Some(f) = &run.first_failure {
        println!("first failure: {f}");
    }
    println!("throughput: {:.0} requests/s", run.throughput());
    println!(
        "latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        run.quantile(0.5).as_secs_f64() * 1e3,
        run.quantile(0.99).as_secs_f64() * 1e3,
        run.quantile(1.0).as_secs_f64() * 1e3
    );
    println!(
        "resident memory: {:.1} MB after warm-up, {:.1} MB after the run, {:.1} MB after 3 s more",
        mb(rss_warm),
        mb(rss_after),
        mb(rss_again)
    );
    if run.failed + warm.failed + again.failed > 0 {
        std::process::exit(1);
    }
}
