//! Rows held on disk until a writer knows its header: the CSV writer and
//! each XLSX group sheet learn their extra column names (SATUAN, TARGET,
//! ...) only once every document has been seen, and a batch is never held
//! in memory. A spooled row is one CSV record in an anonymous temporary
//! file (removed by the operating system when dropped): the fixed cells,
//! then pairs of (extra name index, cell). Memory holds only the names.

use crate::ExportError;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Seek, SeekFrom};

/// A spool being written.
pub struct Spool {
    writer: csv::Writer<File>,
    /// How many fixed cells each row has.
    fixed: usize,
    record: csv::StringRecord,
    /// Extra column names in first-seen order.
    names: Vec<String>,
    index: HashMap<String, usize>,
    rows: u64,
}

impl Spool {
    /// A spool for rows of `fixed` fixed cells.
    pub fn new(fixed: usize) -> Result<Spool, ExportError> {
        Ok(Spool {
            writer: csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(tempfile::tempfile()?),
            fixed,
            record: csv::StringRecord::new(),
            names: Vec::new(),
            index: HashMap::new(),
            rows: 0,
        })
    }

    /// Appends a row: its fixed cells, then its extra cells by name (a new
    /// name becomes the next extra column).
    pub fn push<'a>(
        &mut self,
        fixed: impl IntoIterator<Item = &'a str>,
        extra: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), ExportError> {
        self.record.clear();
        for cell in fixed {
            self.record.push_field(cell);
        }
        for (name, value) in extra {
            let i = match self.index.get(name) {
                Some(&i) => i,
                None => {
                    let i = self.names.len();
                    self.names.push(name.to_string());
                    self.index.insert(name.to_string(), i);
                    i
                }
            };
            self.record.push_field(&i.to_string());
            self.record.push_field(value);
        }
        self.writer.write_record(&self.record)?;
        self.rows += 1;
        Ok(())
    }

    /// The extra column names, in first-seen order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// How many rows were spooled.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Reads the rows back, in order.
    pub fn read(self) -> Result<SpoolReader, ExportError> {
        let mut file = self
            .writer
            .into_inner()
            .map_err(|e| ExportError::Io(e.into_error()))?;
        file.seek(SeekFrom::Start(0))?;
        Ok(SpoolReader {
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(std::io::BufReader::new(file)),
            fixed: self.fixed,
            names: self.names.len(),
            record: csv::ByteRecord::new(),
        })
    }
}

/// A spool read back row by row.
pub struct SpoolReader {
    reader: csv::Reader<std::io::BufReader<File>>,
    fixed: usize,
    names: usize,
    record: csv::ByteRecord,
}

impl SpoolReader {
    /// The next row as its cells laid out in columns (the fixed cells,
    /// then each extra cell in its name's column, `""` where the row has
    /// none); `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Vec<&[u8]>>, ExportError> {
        if !self.reader.read_byte_record(&mut self.record)? {
            return Ok(None);
        }
        let r = &self.record;
        if r.len() < self.fixed || (r.len() - self.fixed) % 2 != 0 {
            return Err(corrupt());
        }
        let mut out: Vec<&[u8]> = Vec::with_capacity(self.fixed + self.names);
        out.extend((0..self.fixed).map(|k| &r[k]));
        out.resize(self.fixed + self.names, &b""[..]);
        for k in (self.fixed..r.len()).step_by(2) {
            let i = std::str::from_utf8(&r[k])
                .ok()
                .and_then(|s| s.parse::<usize>().ok())
                .filter(|&i| i < self.names)
                .ok_or_else(corrupt)?;
            out[self.fixed + i] = &r[k + 1];
        }
        Ok(Some(out))
    }
}

/// The spool did not read back as written (the temporary file was changed
/// by someone else).
fn corrupt() -> ExportError {
    ExportError::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        "the spool file did not read back as written",
    ))
}
