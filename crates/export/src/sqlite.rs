//! SQLite: one database with documents, groups, positions, indicators and
//! the indicators' extra columns (`indicator_extras`), keyed and indexed for the queries people run ("all percentage
//! indicators of 2025", "positions present in 2024 but not 2025"). Loading
//! several documents gives one database in which SQL can compare years;
//! loading a document again replaces its rows. Only bound parameters are
//! used: no SQL is ever built from document text.
//!
//! The extra columns of an indicator row (SATUAN, TARGET, PENANGGUNG
//! JAWAB, ...) are rows of `indicator_extras`, one per cell, by
//! `(indicator_id, ordinal)` with the column's `name`; the typed reading of
//! TARGET is in the `target_*` columns of `indicators` (NULL where the row
//! has none). A database made before those existed gets the `target_*`
//! columns added when it is opened.

use crate::{ExportError, Source};
use iki_model::{Formula, Item};
use rusqlite::{params, Connection};
use std::path::Path;

/// The schema, created if missing (`CREATE ... IF NOT EXISTS`).
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
    last_line INTEGER NOT NULL,
    target_comparator TEXT,
    target_value TEXT,
    target_unit TEXT,
    target_predicate TEXT,
    source_place TEXT
);
CREATE TABLE IF NOT EXISTS indicator_extras (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (indicator_id, ordinal)
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
CREATE INDEX IF NOT EXISTS indicator_extras_name ON indicator_extras (name);
";

/// The columns of `indicators` that [`SCHEMA`] has and a database made by
/// an earlier version lacks, with the statement that adds each (constant
/// text: no SQL is built from data).
const ADDED_COLUMNS: [(&str, &str); 5] = [
    (
        "target_comparator",
        "ALTER TABLE indicators ADD COLUMN target_comparator TEXT",
    ),
    (
        "target_value",
        "ALTER TABLE indicators ADD COLUMN target_value TEXT",
    ),
    (
        "target_unit",
        "ALTER TABLE indicators ADD COLUMN target_unit TEXT",
    ),
    (
        "target_predicate",
        "ALTER TABLE indicators ADD COLUMN target_predicate TEXT",
    ),
    (
        "source_place",
        "ALTER TABLE indicators ADD COLUMN source_place TEXT",
    ),
];

/// Loads documents into an SQLite database file.
pub struct SqliteWriter {
    db: Connection,
    /// Keys of documents replaced (exported into this database before).
    replaced: Vec<String>,
}

fn items(items: &[Item]) -> Result<String, ExportError> {
    Ok(serde_json::to_string(
        &items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
    )?)
}

/// Brings the `indicators` table of an older database up to [`SCHEMA`].
fn add_missing_columns(db: &Connection) -> Result<(), ExportError> {
    let have: Vec<String> = db
        .prepare("SELECT name FROM pragma_table_info('indicators')")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for (column, add) in ADDED_COLUMNS {
        if !have.iter().any(|h| h == column) {
            db.execute_batch(add)?;
        }
    }
    Ok(())
}

fn formula(f: Option<&Formula>) -> Result<Option<String>, ExportError> {
    f.map(serde_json::to_string).transpose().map_err(Into::into)
}

impl SqliteWriter {
    /// Opens (or creates) the database, makes sure the tables exist, and
    /// begins the export's one transaction: the database is written
    /// through SQLite itself (its locks, its journal or WAL), so another
    /// process waits (up to a minute) instead of losing its work, and an
    /// export that fails part way leaves the database as it was.
    pub fn open(path: &Path) -> Result<SqliteWriter, ExportError> {
        let db = Connection::open(path)?;
        db.busy_timeout(std::time::Duration::from_secs(60))?;
        // Before the transaction: inside one the pragma does nothing, and
        // replacing a document relies on ON DELETE CASCADE.
        db.execute_batch("PRAGMA foreign_keys = ON")?;
        db.execute_batch("BEGIN IMMEDIATE")?;
        db.execute_batch(SCHEMA)?;
        add_missing_columns(&db)?;
        Ok(SqliteWriter {
            db,
            replaced: Vec::new(),
        })
    }

    /// The keys of documents this writer replaced: exported before, into
    /// this database, and exported again now.
    pub fn replaced(&self) -> &[String] {
        &self.replaced
    }

    /// Loads one document, replacing an earlier load of the same key, in a
    /// savepoint of the export's transaction (a document that fails leaves
    /// no part of itself).
    pub fn write(&mut self, source: &Source) -> Result<(), ExportError> {
        let d = source.document;
        let origin = d.origin.as_ref();
        let tx = self.db.savepoint()?;
        let removed = tx.execute(
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
                "INSERT INTO indicators (document_id, position_id, ord, number, sasaran, indikator, formulasi, sumber_data, measure, formula, sasaran_filled, first_line, last_line,
                                         target_comparator, target_value, target_unit, target_predicate, source_place)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?;
            let mut extra_stmt = tx.prepare_cached(
                "INSERT INTO indicator_extras (indicator_id, ordinal, name, value)
                 VALUES (?1, ?2, ?3, ?4)",
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
                        let t = i.target.as_deref();
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
                            i.span.last,
                            t.and_then(|t| t.comparator.as_deref()),
                            t.and_then(|t| t.value.as_deref()),
                            t.and_then(|t| t.unit.as_deref()),
                            t.and_then(|t| t.predicate.as_deref()),
                            origin.and_then(|o| o.describe(i.span))
                        ])?;
                        let indicator_id = tx.last_insert_rowid();
                        for (ordinal, (name, value)) in (0i64..).zip(i.extra.iter()) {
                            extra_stmt.execute(params![indicator_id, ordinal, name, value])?;
                        }
                    }
                }
            }
        }
        tx.commit()?;
        // Said only once the document is in.
        if removed > 0 {
            self.replaced.push(source.key());
        }
        Ok(())
    }

    /// Commits the export and closes the database. A writer dropped
    /// without `finish` rolls the whole export back.
    pub fn finish(self) -> Result<(), ExportError> {
        self.db.execute_batch("COMMIT")?;
        self.db.close().map_err(|(_, e)| e)?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn doc() -> iki_model::Document {
        let src = "### 1. JABATAN ANALIS\n\n- Tugas : Menganalisis.\n\n\
                   SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\tSATUAN\tTARGET\n\
                   Data\tJumlah data\tx\tLaporan\t%\t\u{2265} 95\n\
                   Data\tIndeks data\tx\tLaporan\t-\tBB\n";
        iki_parse::parse(src.as_bytes()).unwrap().document
    }

    #[test]
    fn a_database_of_the_earlier_schema_gets_the_new_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            // The earlier layout: no target columns, no extras table.
            let db = Connection::open(&path).unwrap();
            db.execute_batch(SCHEMA).unwrap();
            db.execute_batch(
                "DROP TABLE indicator_extras;
                 ALTER TABLE indicators DROP COLUMN target_comparator;
                 ALTER TABLE indicators DROP COLUMN target_value;
                 ALTER TABLE indicators DROP COLUMN target_unit;
                 ALTER TABLE indicators DROP COLUMN target_predicate;
                 ALTER TABLE indicators DROP COLUMN source_place;",
            )
            .unwrap();
        }
        let d = doc();
        for _ in 0..2 {
            let mut w = SqliteWriter::open(&path).unwrap();
            w.write(&Source {
                file: "x.md",
                document: &d,
            })
            .unwrap();
            w.finish().unwrap();
        }
        let db = Connection::open(&path).unwrap();
        // indikator, target_comparator, target_value, target_predicate
        type Reading = (String, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Reading> = db
            .prepare(
                "SELECT indikator, target_comparator, target_value, target_predicate
                 FROM indicators ORDER BY ord",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "Jumlah data".to_string(),
                    Some(">=".to_string()),
                    Some("95".to_string()),
                    None
                ),
                (
                    "Indeks data".to_string(),
                    None,
                    None,
                    Some("BB".to_string())
                ),
            ]
        );
        let extras: Vec<(i64, String, String)> = db
            .prepare(
                "SELECT e.ordinal, e.name, e.value FROM indicator_extras e
                 JOIN indicators i ON i.id = e.indicator_id ORDER BY i.ord, e.ordinal",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let e = |o: i64, n: &str, v: &str| (o, n.to_string(), v.to_string());
        assert_eq!(
            extras,
            [
                e(0, "SATUAN", "%"),
                e(1, "TARGET", "\u{2265} 95"),
                e(0, "SATUAN", "-"),
                e(1, "TARGET", "BB"),
            ],
            "loaded twice, kept once"
        );
    }
}
