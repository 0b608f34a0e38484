//! `cargo bench`: throughput of every stage on one ~90 KB document and on a
//! ~10 MB batch, next to the floors they stand on (splitting lines, and
//! pulldown-cmark alone iterating its events with offsets); batch
//! conversion of 1,000 documents on one thread and on all cores; the diff
//! of two documents of 10,000 positions; and, through the `iki` binary,
//! the whole process on the seed and its peak memory on three documents.
//! BENCHMARKS.md records the figures and how they compare.
// The inputs are the seed and documents generated from it: a failure to
// parse them is a bug to stop on.
#![allow(clippy::expect_used)]

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use iki_emit::Layout;
use rayon::prelude::*;
use std::hint::black_box;
use std::time::Duration;

const SEED: &str = include_str!("../../../seeds/bkpsdm-sumenep-2024.md");

fn glossary() -> iki_normalize::Glossary {
    iki_normalize::Glossary::builtin().expect("built-in glossary")
}

/// (a) the bytes split into lines and tab cells: the cost of touching the input.
fn split_lines(text: &str) -> usize {
    text.split('\n').map(|l| l.split('\t').count()).sum()
}

/// (b) pulldown-cmark alone, every event with its offsets.
fn pulldown(text: &str) -> usize {
    pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::empty())
        .into_offset_iter()
        .fold(0, |acc, (_, r)| acc ^ r.end)
}

/// (f) the whole conversion, as `iki convert` does it.
fn convert(bytes: &[u8], g: &iki_normalize::Glossary) -> Vec<u8> {
    let parsed = iki_parse::parse(bytes).expect("parses");
    let doc = iki_normalize::normalize_owned(parsed.document, g).document;
    let mut out = Vec::with_capacity(bytes.len() * 2);
    iki_emit::write_json(&mut out, &doc, Layout::Pretty).expect("emits");
    out
}

fn stages(c: &mut Criterion, name: &str, docs: &[String]) {
    let g = glossary();
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let parsed: Vec<iki_model::Document> = docs
        .iter()
        .map(|d| iki_parse::parse(d.as_bytes()).expect("parses").document)
        .collect();
    let normalized: Vec<iki_model::Document> = parsed
        .iter()
        .map(|d| iki_normalize::normalize(d, &g).document)
        .collect();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("a_split_lines", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| split_lines(black_box(d)))
                .sum::<usize>()
        })
    });
    group.bench_function("b_pulldown_cmark", |b| {
        b.iter(|| docs.iter().map(|d| pulldown(black_box(d))).sum::<usize>())
    });
    group.bench_function("c_parse", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    iki_parse::parse(black_box(d.as_bytes()))
                        .map(|p| p.document.groups.len())
                        .unwrap_or(0)
                })
                .sum::<usize>()
        })
    });
    // The copy of the parsed documents is made outside the timing: the
    // pipeline normalizes the parser's document in place.
    group.bench_function("d_normalize", |b| {
        b.iter_batched(
            || parsed.clone(),
            |docs| {
                docs.into_iter()
                    .map(|d| {
                        iki_normalize::normalize_owned(black_box(d), &g)
                            .changes
                            .len()
                    })
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("e_emit_json", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|d| {
                    let mut out = Vec::new();
                    let _ = iki_emit::write_json(&mut out, black_box(d), Layout::Pretty);
                    out.len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("f_convert", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| convert(black_box(d.as_bytes()), &g).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn document(c: &mut Criterion) {
    stages(c, "document_90kb", &[SEED.to_string()]);
}

/// Each table reader: the seed with its tables in pipe, HTML and grid
/// dialects, parsed (c) and converted whole (f), beside the tab original.
fn dialects(c: &mut Criterion) {
    use iki_bench::dialects::{rewrite, Dialect};
    let g = glossary();
    let mut group = c.benchmark_group("dialects");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    let inputs = [
        ("tab", SEED.to_string()),
        ("pipe", rewrite(SEED, Dialect::Pipe)),
        ("html", rewrite(SEED, Dialect::Html)),
        ("grid", rewrite(SEED, Dialect::Grid)),
    ];
    for (name, text) in &inputs {
        let rows = iki_parse::parse(text.as_bytes())
            .expect("parses")
            .document
            .groups
            .iter()
            .flat_map(|g| &g.positions)
            .map(|p| p.indicators.len())
            .sum::<usize>();
        assert!(rows > 270, "{name}: only {rows} rows read");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("c_parse", name), text, |b, t| {
            b.iter(|| iki_parse::parse(black_box(t.as_bytes())).expect("parses"))
        });
        group.bench_with_input(BenchmarkId::new("f_convert", name), text, |b, t| {
            b.iter(|| convert(black_box(t.as_bytes()), &g).len())
        });
    }
    group.finish();
}

fn batch_10mb(c: &mut Criterion) {
    let docs: Vec<String> = iki_bench::corpus(SEED, 1, 115).collect();
    stages(c, "batch_10mb", &docs);
}

fn batch_1000(c: &mut Criterion) {
    let g = glossary();
    let docs: Vec<String> = iki_bench::corpus(SEED, 1, 1000).collect();
    let mut group = c.benchmark_group("batch_1000_documents");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for threads in [1, cores] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        group.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, _| {
            b.iter(|| {
                pool.install(|| {
                    docs.par_iter()
                        .map(|d| convert(d.as_bytes(), &g).len())
                        .sum::<usize>()
                })
            })
        });
    }
    group.finish();
}

/// Two documents of about 10,000 positions (147 generated documents
/// each, two apart): their diff, both already normalized.
fn diff_10k(c: &mut Criterion) {
    let g = glossary();
    let load = |first| {
        let text = iki_bench::joined(SEED, first, 147);
        let parsed = iki_parse::parse(text.as_bytes()).expect("parses");
        iki_normalize::normalize_owned(parsed.document, &g).document
    };
    let (old, new) = (load(1), load(3));
    let positions =
        |d: &iki_model::Document| d.groups.iter().map(|g| g.positions.len()).sum::<usize>();
    println!(
        "diff_10k: {} and {} positions",
        positions(&old),
        positions(&new)
    );
    let mut group = c.benchmark_group("diff_10k_positions");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let options = iki_diff::Options::default();
    group.bench_function("diff", |b| {
        b.iter(|| iki_diff::diff(black_box(&old), black_box(&new), &options).len())
    });
    group.finish();
}

/// The diff's two quadratic cases of issue #12: 10,000 positions all
/// renamed (nothing pairs by id), and one position of 5,000 rows each side
/// with every third row changed. Both are matched by blocking.
fn diff_at_scale(c: &mut Criterion) {
    let g = glossary();
    let load = |text: String| {
        let parsed = iki_parse::parse(text.as_bytes()).expect("parses");
        iki_normalize::normalize_owned(parsed.document, &g).document
    };
    let cases = [
        (
            "renamed_10k_positions",
            load(iki_bench::renamed_positions(10_000, false)),
            load(iki_bench::renamed_positions(10_000, true)),
        ),
        (
            "one_position_5k_rows",
            load(iki_bench::one_long_position(5_000, false)),
            load(iki_bench::one_long_position(5_000, true)),
        ),
    ];
    let mut group = c.benchmark_group("diff_at_scale");
    group.sample_size(10);
    let options = iki_diff::Options::default();
    for (name, old, new) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| iki_diff::diff(black_box(old), black_box(new), &options).len())
        });
    }
    group.finish();
}

/// Runs a command under GNU time: (seconds, peak resident MB).
fn timed(command: &mut std::process::Command) -> Option<(f64, f64)> {
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let run = std::process::Command::new("/usr/bin/time")
        .args(["-f", "%e %M"])
        .arg(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .ok()?;
    if !run.status.success() {
        println!("{}", String::from_utf8_lossy(&run.stderr));
        return None;
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    let mut last = stderr.lines().last()?.split(' ');
    let seconds = last.next()?.parse().ok()?;
    let kb: f64 = last.next()?.parse().ok()?;
    Some((seconds, kb * 1024.0 / 1e6))
}

/// The size of a file, or of the files in a folder, in MB.
fn size_mb(path: &std::path::Path) -> f64 {
    let bytes: u64 = if path.is_dir() {
        std::fs::read_dir(path)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
    };
    bytes as f64 / 1e6
}

/// Exports of a generated corpus (`IKI_BENCH_EXPORT_DOCS` documents, 1,000
/// unless set; 22,000 is about the nation's year), each with its own
/// identity: time and peak memory (GNU time) of `iki convert` of the folder
/// and of `iki export` to every format, with the ratio to convert. Printed
/// as a markdown table for BENCHMARKS.md.
fn exports(_: &mut Criterion) {
    let iki = env!("CARGO_BIN_EXE_iki");
    if !std::path::Path::new("/usr/bin/time").exists() {
        println!("exports: skipped (GNU time is not installed: apt-get install time)");
        return;
    }
    let count: u64 = std::env::var("IKI_BENCH_EXPORT_DOCS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("creates");
    for (i, doc) in iki_bench::corpus(SEED, 1, count).enumerate() {
        std::fs::write(corpus.join(format!("doc-{:05}.md", i + 1)), doc).expect("writes");
    }
    println!("exports: {count} documents, {:.0} MB", size_mb(&corpus));
    println!("| format | time | peak memory | output | time / convert |");
    println!("| --- | --- | --- | --- | --- |");
    let converted = dir.path().join("converted");
    let Some((base, mb)) = timed(
        std::process::Command::new(iki)
            .args(["convert", "-q"])
            .arg(&corpus)
            .arg("-o")
            .arg(&converted),
    ) else {
        println!("exports: iki convert failed");
        return;
    };
    println!(
        "| convert (folder) | {base:.2} s | {mb:.1} MB | {:.0} MB | 1.00 |",
        size_mb(&converted)
    );
    for format in ["csv", "ndjson", "sqlite", "xlsx"] {
        let out = dir.path().join(format!("export.{format}"));
        match timed(
            std::process::Command::new(iki)
                .args(["export", "-q", "--format", format])
                .arg(&corpus)
                .arg("-o")
                .arg(&out),
        ) {
            Some((s, mb)) => println!(
                "| {format} | {s:.2} s | {mb:.1} MB | {:.0} MB | {:.2} |",
                size_mb(&out),
                s / base
            ),
            None => println!("| {format} | failed | | | |"),
        }
    }
}

/// `iki convert` of the seed as a whole process, start to exit.
fn process(c: &mut Criterion) {
    let iki = env!("CARGO_BIN_EXE_iki");
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("seed.json");
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/bkpsdm-sumenep-2024.md");
    let mut group = c.benchmark_group("process");
    group.sample_size(50);
    group.bench_function("convert_seed", |b| {
        b.iter(|| {
            let status = std::process::Command::new(iki)
                .args(["convert", "-q", seed, "-o"])
                .arg(&out)
                .status()
                .expect("iki runs");
            assert!(status.success());
        })
    });
    group.finish();
}

/// Peak resident memory of `iki convert` (GNU time's %M) on the seed, the
/// 10 MB batch joined into one document and 100,000 one-row positions,
/// printed with its ratio to the document's size: whole, and above the
/// constant (the peak for a one-position document: program, data files,
/// buffers).
fn peak_memory(_: &mut Criterion) {
    let iki = env!("CARGO_BIN_EXE_iki");
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        println!("peak memory: skipped (GNU time is not installed: apt-get install time)");
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let inputs = [
        ("tiny", iki_bench::many_positions(1)),
        ("seed", SEED.to_string()),
        ("batch_10mb_joined", iki_bench::joined(SEED, 1, 115)),
        ("positions_100k", iki_bench::many_positions(100_000)),
    ];
    let mut constant = f64::NAN;
    for (name, text) in inputs {
        let input = dir.path().join(format!("{name}.md"));
        std::fs::write(&input, &text).expect("writes");
        let run = std::process::Command::new(time)
            .args(["-f", "%M"])
            .arg(iki)
            .args(["convert", "-q"])
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join(format!("{name}.json")))
            .output()
            .expect("iki runs");
        let stderr = String::from_utf8_lossy(&run.stderr);
        let kb: f64 = stderr
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(f64::NAN);
        let mb = kb * 1024.0 / 1e6;
        let size = text.len() as f64 / 1e6;
        if name == "tiny" {
            constant = mb;
            println!("peak memory/constant (one position): {mb:.1} MB");
            continue;
        }
        println!(
            "peak memory/{name}: {mb:.1} MB for a {size:.2} MB document: {:.1} x its size, {:.2} x plus the constant",
            mb / size,
            (mb - constant) / size,
        );
    }
}

criterion_group!(
    benches,
    document,
    dialects,
    batch_10mb,
    batch_1000,
    diff_10k,
    diff_at_scale,
    process,
    peak_memory,
    exports
);
criterion_main!(benches);
