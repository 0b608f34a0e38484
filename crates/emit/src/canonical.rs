//! The canonical JSON layout: serde_json's pretty layout (two-space indent,
//! one key per line) except that an array of scalars stays on one line, so a
//! span reads `[9, 29]` instead of four lines.

use serde_json::ser::Formatter;
use std::io::{self, Write};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No element seen yet.
    Undecided,
    /// Scalars: `[1, 2]`.
    Inline,
    /// Objects or arrays: one element per line.
    Block,
}

enum Frame {
    Object { empty: bool },
    Array { mode: Mode },
}

/// A [`Formatter`] for the canonical layout.
#[derive(Default)]
pub struct Canonical {
    stack: Vec<Frame>,
    /// Block containers open: the indent level.
    level: usize,
    /// The first element of an undecided array is about to be written.
    pending: bool,
}

impl Canonical {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// Called before any value: settles the layout of the array it opens.
    fn value<W: ?Sized + Write>(&mut self, w: &mut W, scalar: bool) -> io::Result<()> {
        if !self.pending {
            return Ok(());
        }
        self.pending = false;
        if let Some(Frame::Array { mode }) = self.stack.last_mut() {
            if scalar {
                *mode = Mode::Inline;
            } else {
                *mode = Mode::Block;
                self.level += 1;
                self.indent(w)?;
            }
        }
        Ok(())
    }
}

macro_rules! scalar {
    ($($name:ident: $t:ty),*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W, value: $t) -> io::Result<()> {
            self.value(w, true)?;
            serde_json::ser::CompactFormatter.$name(w, value)
        }
    )*};
}

impl Formatter for Canonical {
    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.value(w, true)?;
        w.write_all(b"null")
    }

    scalar!(write_bool: bool, write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64,
        write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64,
        write_f32: f32, write_f64: f64, write_number_str: &str);

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.value(w, true)?;
        w.write_all(b"\"")
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.value(w, false)?;
        self.stack.push(Frame::Array {
            mode: Mode::Undecided,
        });
        w.write_all(b"[")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        match self.stack.last() {
            Some(Frame::Array {
                mode: Mode::Undecided,
            }) => {
                self.pending = true;
                Ok(())
            }
            Some(Frame::Array { mode: Mode::Inline }) if !first => w.write_all(b", "),
            Some(Frame::Array { mode: Mode::Block }) if !first => {
                w.write_all(b",")?;
                self.indent(w)
            }
            _ => Ok(()),
        }
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if let Some(Frame::Array { mode: Mode::Block }) = self.stack.pop() {
            self.level -= 1;
            self.indent(w)?;
        }
        w.write_all(b"]")
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.value(w, false)?;
        self.stack.push(Frame::Object { empty: true });
        self.level += 1;
        w.write_all(b"{")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if let Some(Frame::Object { empty }) = self.stack.last_mut() {
            *empty = false;
        }
        if !first {
            w.write_all(b",")?;
        }
        self.indent(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if let Some(Frame::Object { empty: false }) = self.stack.pop() {
            self.indent(w)?;
        }
        w.write_all(b"}")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn render(v: &impl Serialize) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Canonical::default());
        v.serialize(&mut ser).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn scalars_inline_containers_in_blocks() {
        let v = serde_json::json!({
            "a": [1, 2],
            "b": [],
            "c": {},
            "d": [{"x": null, "y": ["s", true]}, {"z": 1.5}],
            "e": [[1, 2], [3]],
            "f": "t\"q"
        });
        assert_eq!(
            render(&v),
            r#"{
  "a": [1, 2],
  "b": [],
  "c": {},
  "d": [
    {
      "x": null,
      "y": ["s", true]
    },
    {
      "z": 1.5
    }
  ],
  "e": [
    [1, 2],
    [3]
  ],
  "f": "t\"q"
}"#
        );
        // It is still JSON, and the same value.
        let back: serde_json::Value = serde_json::from_str(&render(&v)).unwrap();
        assert_eq!(back, v);
    }
}
