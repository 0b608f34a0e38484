//! SQLite: one database with documents, groups, positions and indicators,
//! keyed and indexed for the queries people run ("all percentage
//! indicators of 2025", "positions present in 2024 but not 2025"). Loading
//! several documents gives one database in which SQL can compare years;
//! loading a document again replaces its rows. Only bound parameters are
//! used: no SQL is ever built from document text.

use crate::{ExportError, Source};
use iki_model::{Formula, Item};
use rusqlite::{params, Connection};
use std::path::Path;

/// The schema, created if missing.
pub const SCHEMA: &str = "
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    title TEXT,
    agency TEXT,
    agency_name TEXT,
    region TEXT,
    year INTEGER,
    schema_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS groups (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    UNIQUE (document_id, ord)
);
CREATE TABLE IF NOT EXISTS positions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    position_key TEXT NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    unit TEXT,
    tugas TEXT NOT NULL,
    fungsi TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    UNIQUE (document_id, position_key)
);
CREATE TABLE IF NOT EXISTS indicators (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position_id INTEGER NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    number TEXT,
    sasaran TEXT NOT NULL,
    indikator TEXT NOT NULL,
    formulasi TEXT NOT NULL,
    sumber_data TEXT NOT NULL,
    measure TEXT NOT NULL,
    formula TEXT,
    sasaran_filled INTEGER NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_year ON documents (year);
CREATE INDEX IF NOT EXISTS documents_agency ON documents (agency, region, year);
CREATE INDEX IF NOT EXISTS groups_document ON groups (document_id, kind);
CREATE INDEX IF NOT EXISTS positions_document ON positions (document_id);
CREATE INDEX IF NOT EXISTS positions_group ON positions (group_id);
CREATE INDEX IF NOT EXISTS positions_key ON positions (position_key);
CREATE INDEX IF NOT EXISTS indicators_position ON indicators (position_id);
CREATE INDEX IF NOT EXISTS indicators_document ON indicators (document_id);
CREATE INDEX IF NOT EXISTS indicators_measure ON indicators (measure);
";

/// Loads documents into an SQLite database file.
pub struct SqliteWriter {
    db: Connection,
}

fn items(items: &[Item]) -> Result<String, ExportError> {
    Ok(serde_json::to_string(
        &items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
    )?)
}

fn formula(f: Option<&Formula>) -> Result<Option<String>, ExportError> {
    f.map(serde_json::to_string).transpose().map_err(Into::into)
}

impl SqliteWriter {
    /// Opens (or creates) the database and makes sure the tables exist.
    pub fn open(path: &Path) -> Result<SqliteWriter, ExportError> {
        let db = Connection::open(path)?;
        db.execute_batch(SCHEMA)?;
        Ok(SqliteWriter { db })
    }

    /// Loads one document, replacing an earlier load of the same key, in
    /// one transaction.
    pub fn write(&mut self, source: &Source) -> Result<(), ExportError> {
        let d = source.document;
        let tx = self.db.transaction()?;
        tx.execute(
            "DELETE FROM documents WHERE key = ?1",
            params![source.key()],
        )?;
        tx.execute(
            "INSERT INTO documents (key, file, title, agency, agency_name, region, year, schema_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                source.key(),
                source.file,
                d.title,
                d.agency,
                d.agency_name,
                d.region,
                d.year,
                d.schema_version
            ],
        )?;
        let document_id = tx.last_insert_rowid();
        {
            let mut group_stmt = tx.prepare_cached(
                "INSERT INTO groups (document_id, ord, kind, title, first_line, last_line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut position_stmt = tx.prepare_cached(
                "INSERT INTO positions (document_id, group_id, ord, position_key, number, title, unit, tugas, fungsi, first_line, last_line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut indicator_stmt = tx.prepare_cached(
                "INSERT INTO indicators (document_id, position_id, ord, number, sasaran, indikator, formulasi, sumber_data, measure, formula, sasaran_filled, first_line, last_line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            let mut position_ord: i64 = 0;
            for (g_ord, g) in (0i64..).zip(&d.groups) {
                group_stmt.execute(params![
                    document_id,
                    g_ord,
                    g.kind.as_str(),
                    g.title,
                    g.span.first,
                    g.span.last
                ])?;
                let group_id = tx.last_insert_rowid();
                for p in &g.positions {
                    position_stmt.execute(params![
                        document_id,
                        group_id,
                        position_ord,
                        p.id,
                        p.number,
                        p.title,
                        p.unit,
                        items(&p.tugas)?,
                        items(&p.fungsi)?,
                        p.span.first,
                        p.span.last
                    ])?;
                    position_ord += 1;
                    let position_id = tx.last_insert_rowid();
                    for (i_ord, i) in (0i64..).zip(&p.indicators) {
                        indicator_stmt.execute(params![
                            document_id,
                            position_id,
                            i_ord,
                            i.number,
                            i.sasaran,
                            i.indikator,
                            i.formulasi,
                            i.sumber_data,
                            serde_json::to_value(i.measure)?.as_str().unwrap_or("other"),
                            formula(i.formula.as_deref())?,
                            i.sasaran_filled,
                            i.span.first,
                            i.span.last
                        ])?;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Closes the database.
    pub fn finish(self) -> Result<(), ExportError> {
        self.db.close().map_err(|(_, e)| e)?;
        Ok(())
    }
}
