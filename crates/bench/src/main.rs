//! `iki-corpus SEED N OUTDIR [FIRST]`: writes N synthetic documents made
//! from SEED into OUTDIR (doc-00001.md, ...), deterministic for FIRST.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(seed), Some(n), Some(dir)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: iki-corpus SEED.md COUNT OUTDIR [FIRST]");
        return ExitCode::from(2);
    };
    let (Ok(count), Ok(first)) = (
        n.parse::<u64>(),
        args.get(3).map_or(Ok(1), |f| f.parse::<u64>()),
    ) else {
        eprintln!("iki-corpus: COUNT and FIRST must be whole numbers");
        return ExitCode::from(2);
    };
    let seed = match std::fs::read_to_string(seed) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("iki-corpus: {seed}: {e}");
            return ExitCode::from(74);
        }
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("iki-corpus: {}: {e}", dir.display());
        return ExitCode::from(74);
    }
    for (i, doc) in iki_bench::corpus(&seed, first, count).enumerate() {
        let path = dir.join(format!("doc-{:05}.md", first + i as u64));
        if let Err(e) = std::fs::write(&path, doc) {
            eprintln!("iki-corpus: {}: {e}", path.display());
            return ExitCode::from(74);
        }
    }
    ExitCode::SUCCESS
}
