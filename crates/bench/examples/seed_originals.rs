//! Writes the seed as its authors' originals into a folder:
//! `bkpsdm-sumenep-2024.docx`, `.xlsx` and `.html` (the normalized seed,
//! see `iki_bench::originals`). `fixtures/originals/seed/make.sh` runs
//! this and prints the Word file and the HTML page to PDF.
//!
//! ```text
//! cargo run -p iki-bench --example seed_originals -- OUTDIR
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../seeds/bkpsdm-sumenep-2024.md"
);
const STEM: &str = "bkpsdm-sumenep-2024";

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args_os()
            .nth(1)
            .ok_or("usage: seed_originals OUTDIR")?,
    );
    std::fs::create_dir_all(&out)?;
    let bytes = std::fs::read(SEED)?;
    let parsed = iki_parse::parse(&bytes)?;
    let glossary = iki_normalize::Glossary::builtin()?;
    let doc = iki_normalize::normalize_owned(parsed.document, &glossary).document;
    let files = [
        ("docx", iki_bench::originals::docx(&doc)?),
        ("xlsx", iki_bench::originals::xlsx(&doc)?),
        ("html", iki_bench::originals::html(&doc).into_bytes()),
    ];
    for (ext, bytes) in files {
        let path = out.join(format!("{STEM}.{ext}"));
        std::fs::write(&path, bytes)?;
        println!("{}", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seed_originals: {e}");
            ExitCode::FAILURE
        }
    }
}
