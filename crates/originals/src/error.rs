//! What can go wrong reading an original.

use thiserror::Error;

/// An original that could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The file is a kind iki does not read (a Word 97-2003 .doc, a zip
    /// that is no Office document, ...).
    #[error("{what}: iki reads {hint}")]
    Unsupported {
        /// What the file is.
        what: String,
        /// What to do instead.
        hint: String,
    },
    /// The original is damaged: its container or XML cannot be read.
    #[error("damaged {format} file: {message}")]
    Damaged {
        /// "Word", "Excel", "PDF", ...
        format: &'static str,
        /// What is wrong, with the part and position where known.
        message: String,
    },
    /// A program iki needs is not installed.
    #[error("{program} is not installed (it reads {what}); install it with `{install}`, or set IKI_PDFTOTEXT to its path")]
    NotInstalled {
        /// The program.
        program: String,
        /// What it is needed for.
        what: &'static str,
        /// The install command.
        install: &'static str,
    },
    /// A program iki ran failed or ran too long.
    #[error("{program} failed: {message}")]
    Program {
        /// The program.
        program: String,
        /// What happened.
        message: String,
    },
    /// The original is encrypted and opens only with a password.
    #[error("{what} is password-protected: {hint}")]
    PasswordProtected {
        /// What the file is ("the PDF", ...).
        what: String,
        /// How to get a copy iki can read.
        hint: String,
    },
    /// The original is larger than iki reads (a zip bomb, a sheet whose
    /// used range spans a million rows): reading it would take unbounded
    /// memory or time. The limits are in `limits.rs`.
    #[error("{format} file too large to read: {message}")]
    TooLarge {
        /// "Word", "Excel", ...
        format: &'static str,
        /// What is too large, and the limit it passes.
        message: String,
    },
    /// A PDF whose pages carry no text (a scan).
    #[error("the PDF has no text layer (it is a scanned image): run OCR on it first, e.g. `ocrmypdf -l ind in.pdf out.pdf`, then read out.pdf")]
    NoTextLayer,
    /// The source text made from the original could not be parsed.
    #[error(transparent)]
    Parse(#[from] iki_parse::ParseError),
}

impl ReadError {
    /// The 1-based line of the source text the error is about, if any.
    pub fn line(&self) -> Option<u32> {
        match self {
            ReadError::Parse(e) => e.line(),
            _ => None,
        }
    }

    /// Whether the error is a missing program (exit 69, EX_UNAVAILABLE).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, ReadError::NotInstalled { .. })
    }
}
