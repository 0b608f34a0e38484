//! `iki diff`: reads both sides (source or canonical JSON), normalizes them
//! and hands them to the diff stage; writes the report in the chosen format.

use crate::args::{ColorWhen, DiffArgs, DiffFormat};
use crate::commands::glossary;
use crate::exit;
use crate::io::{display_name, CliError, Output};
use crate::load::load_any;
use iki_diff::{Options, Report, Side};
use std::io::IsTerminal;

/// Runs `iki diff`; the exit status is diff(1)'s.
pub fn run(a: &DiffArgs) -> Result<u8, CliError> {
    if a.old.is_dir() || a.new.is_dir() {
        return region::run(a);
    }
    let out = Output::new(a.output.as_deref(), &a.old)?;
    Output::new(a.output.as_deref(), &a.new)?;
    let g = glossary(&a.glossary)?;
    let old = load_any(&a.old, Some(&g), a.quiet)?;
    let new = load_any(&a.new, Some(&g), a.quiet)?;
    let options = Options {
        ignore_years: a.ignore_years,
    };
    let changes = iki_diff::diff(&old, &new, &options);
    let report = Report::new(
        Side::of(&display_name(&a.old), &old),
        Side::of(&display_name(&a.new), &new),
        changes,
    );
    let color = match a.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            a.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let lang = crate::io::lang();
    let text = match a.format {
        DiffFormat::Json => None,
        DiffFormat::Terminal => Some(iki_diff::report::terminal(&report, lang, color)),
        // Markdown read on a terminal goes through the terminal filter
        // (a file gets the document's text as it is).
        DiffFormat::Markdown if a.output.is_none() && std::io::stdout().is_terminal() => Some(
            iki_model::terminal_safe(&iki_diff::report::markdown(&report, lang)),
        ),
        DiffFormat::Markdown => Some(iki_diff::report::markdown(&report, lang)),
        DiffFormat::Html => Some(iki_diff::report::html(&report, lang)),
    };
    out.write_with(|w| match &text {
        Some(t) => w.write_all(t.as_bytes()).map_err(Into::into),
        None => iki_emit::write_canonical(w, &report),
    })?;
    Ok(if report.changes.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    })
}

/// `iki diff OLD_DIR NEW_DIR`: every document of one folder against its
/// partner in the other (by agency and region, else by file name), in
/// parallel; one report over the region.
mod region {
    use super::*;
    use crate::load::{document_endings, expand};
    use iki_diff::region::{pair, Entry, PairReport, RegionReport};
    use iki_model::Document;
    use rayon::prelude::*;
    use std::path::{Path, PathBuf};

    /// The documents of a side's folder, with their names inside it.
    fn documents(dir: &Path) -> Result<Vec<(String, PathBuf)>, CliError> {
        let files = expand(&[dir.to_path_buf()], document_endings())?;
        if files.is_empty() {
            return Err(CliError::NothingRead(format!(
                "no document in {}",
                display_name(dir)
            )));
        }
        Ok(files
            .into_iter()
            .map(|f| {
                let inside = f.strip_prefix(dir).unwrap_or(&f);
                let name = inside
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                (name, f)
            })
            .collect())
    }

    /// A folder's name for the report's title: its last component.
    fn folder_name(dir: &Path) -> String {
        let name = |d: &Path| d.file_name().map(|n| n.to_string_lossy().into_owned());
        name(dir)
            .or_else(|| std::fs::canonicalize(dir).ok().as_deref().and_then(name))
            .unwrap_or_else(|| display_name(dir))
    }

    pub fn run(a: &DiffArgs) -> Result<u8, CliError> {
        for (dir, other) in [(&a.old, &a.new), (&a.new, &a.old)] {
            if !dir.is_dir() {
                return Err(CliError::Usage(format!(
                    "{} is a folder but {} is not: compare a folder with a folder, or a document with a document",
                    display_name(other),
                    display_name(dir)
                )));
            }
        }
        let old_files = documents(&a.old)?;
        let new_files = documents(&a.new)?;
        let out = Output::new(a.output.as_deref(), &a.old)?;
        for (_, path) in old_files.iter().chain(&new_files) {
            Output::new(a.output.as_deref(), path)?;
        }
        let g = glossary(&a.glossary)?;

        // Read every document of both sides in parallel; the first error
        // in folder order is the one reported.
        let all: Vec<&PathBuf> = old_files.iter().chain(&new_files).map(|(_, p)| p).collect();
        let mut read: Vec<Option<Document>> = Vec::with_capacity(all.len());
        for doc in all
            .par_iter()
            .map(|p| load_any(p, Some(&g), a.quiet))
            .collect::<Vec<_>>()
        {
            read.push(Some(doc?));
        }
        let mut new_docs = read.split_off(old_files.len());
        let mut old_docs = read;

        let entry = |(file, _): &(String, PathBuf), doc: &Option<Document>| Entry {
            file: file.clone(),
            agency: doc.as_ref().and_then(|d| d.agency.clone()),
            region: doc.as_ref().and_then(|d| d.region.clone()),
        };
        let old_entries: Vec<Entry> = old_files
            .iter()
            .zip(&old_docs)
            .map(|(f, d)| entry(f, d))
            .collect();
        let new_entries: Vec<Entry> = new_files
            .iter()
            .zip(&new_docs)
            .map(|(f, d)| entry(f, d))
            .collect();
        let pairing =
            pair(&old_entries, &new_entries).map_err(|e| CliError::Usage(e.to_string()))?;

        let lone = |files: &[(String, PathBuf)], docs: &[Option<Document>], idx: &[usize]| {
            idx.iter()
                .filter_map(|&i| Some(Side::of(&files[i].0, docs[i].as_ref()?)))
                .collect::<Vec<_>>()
        };
        let only_old = lone(&old_files, &old_docs, &pairing.only_old);
        let only_new = lone(&new_files, &new_docs, &pairing.only_new);

        // Each pair's documents move into its job, so each is dropped as
        // soon as its pair is compared.
        let jobs: Vec<_> = pairing
            .pairs
            .iter()
            .filter_map(|&(o, n, by)| {
                Some((
                    &old_files[o].0,
                    old_docs[o].take()?,
                    &new_files[n].0,
                    new_docs[n].take()?,
                    by,
                ))
            })
            .collect();
        let options = Options {
            ignore_years: a.ignore_years,
        };
        let pairs: Vec<PairReport> = jobs
            .into_par_iter()
            .map(|(old_name, old, new_name, new, by)| {
                let changes = iki_diff::diff(&old, &new, &options);
                let report =
                    Report::new(Side::of(old_name, &old), Side::of(new_name, &new), changes);
                PairReport::new(by, report)
            })
            .collect();
        let report = RegionReport::new(
            folder_name(&a.old),
            folder_name(&a.new),
            pairs,
            only_old,
            only_new,
        );

        let lang = crate::io::lang();
        let color = match a.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                a.output.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none()
            }
        };
        use iki_diff::report::region as render;
        let text = match a.format {
            DiffFormat::Json => None,
            DiffFormat::Terminal => Some(render::terminal(&report, lang, color)),
            DiffFormat::Markdown if a.output.is_none() && std::io::stdout().is_terminal() => {
                Some(iki_model::terminal_safe(&render::markdown(&report, lang)))
            }
            DiffFormat::Markdown => Some(render::markdown(&report, lang)),
            DiffFormat::Html => Some(render::html(&report, lang)),
        };
        out.write_with(|w| match &text {
            Some(t) => w.write_all(t.as_bytes()).map_err(Into::into),
            None => iki_emit::write_canonical(w, &report),
        })?;
        Ok(if report.has_changes() {
            exit::FINDINGS
        } else {
            exit::OK
        })
    }
}
