//! PDF: `pdftotext -layout` run as a child process with a time limit.
//!
//! The bytes are written to a temporary file (pdftotext reads a file, not
//! a pipe, for its random access), and `pdftotext -layout -enc UTF-8 IN -`
//! runs with stdout and stderr read on their own threads, so a large
//! output cannot fill a pipe and stall the child while we wait for it.
//! A child running past [`Options::timeout`] is killed.

use crate::{Options, ReadError};
use std::io::{self, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use wait_timeout::ChildExt;

/// The layout text of a PDF, pages separated by form feeds.
pub fn to_layout_text(bytes: &[u8], options: &Options) -> Result<String, ReadError> {
    let program = options.pdftotext.display().to_string();
    let failed = |message: String| ReadError::Program {
        program: program.clone(),
        message,
    };
    let mut file = tempfile::Builder::new()
        .prefix("iki-")
        .suffix(".pdf")
        .tempfile()
        .map_err(|e| failed(format!("cannot write a temporary file for it: {e}")))?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(|e| failed(format!("cannot write a temporary file for it: {e}")))?;

    let spawned = Command::new(&options.pdftotext)
        .args(["-layout", "-enc", "UTF-8"])
        .arg(file.path())
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(ReadError::NotInstalled {
                program,
                what: "PDF files",
                install: "apt-get install poppler-utils",
            })
        }
        Err(e) => return Err(failed(format!("cannot start it: {e}"))),
    };
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = match wait(&mut child, options) {
        Ok(Some(status)) => status,
        // The readers are not waited for: a program run through a wrapper
        // script may leave a grandchild holding the pipes open. They end
        // when the pipes close.
        Ok(None) => {
            return Err(failed(format!(
                "ran longer than {} s (the time limit; the PDF may be very large or damaged)",
                seconds(options)
            )))
        }
        Err(e) => return Err(failed(format!("cannot wait for it: {e}"))),
    };
    // The pipes close when the child ends, so the readers finish.
    let stdout = join(stdout);
    let stderr = join(stderr);
    drop(file);
    let stderr = String::from_utf8_lossy(&stderr.unwrap_or_default())
        .trim()
        .to_string();
    if !status.success() {
        return Err(failure(status.code(), &stderr).unwrap_or_else(|| {
            let mut message = match status.code() {
                Some(code) => format!("exited with status {code}"),
                None => "was stopped by a signal".to_string(),
            };
            if !stderr.is_empty() {
                message.push_str(" (the PDF may be damaged): ");
                message.push_str(&one_line(&stderr));
            }
            failed(message)
        }));
    }
    let stdout = stdout.map_err(|e| failed(format!("cannot read its output: {e}")))?;
    let text = match String::from_utf8(stdout) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if text.chars().all(char::is_whitespace) {
        // Form feeds and line ends only: pages without a text layer.
        return Err(ReadError::NoTextLayer);
    }
    Ok(text)
}

/// pdftotext's exit status when it cannot open the PDF (its manual: 1,
/// "error opening a PDF file").
const CANNOT_OPEN: i32 = 1;

/// What a failed pdftotext run says about the PDF, told by its message
/// and exit status: a user password, no pages, a file it cannot open.
/// `None` for other failures (the program's own).
fn failure(code: Option<i32>, stderr: &str) -> Option<ReadError> {
    if stderr.contains("Incorrect password") {
        return Some(ReadError::PasswordProtected {
            what: "the PDF".into(),
            hint: "it opens only with its password. Remove the password first, e.g. \
                   `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`, then read out.pdf"
                .into(),
        });
    }
    if stderr.contains("Invalid page count 0") || stderr.contains("the last page (0)") {
        return Some(ReadError::Damaged {
            format: "PDF",
            message: "it has no pages".into(),
        });
    }
    (code == Some(CANNOT_OPEN)).then(|| {
        let said = if stderr.is_empty() {
            String::new()
        } else {
            format!(" ({})", one_line(stderr))
        };
        ReadError::Damaged {
            format: "PDF",
            message: format!(
                "pdftotext cannot open it{said}; if it opens in a PDF viewer, print it to a new PDF and read that"
            ),
        }
    })
}

/// A program's messages on one line: lines joined with "; ", repeats
/// dropped, at most 10.
fn one_line(stderr: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in stderr.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    let more = lines.len().saturating_sub(10);
    lines.truncate(10);
    let mut out = lines.join("; ");
    if more > 0 {
        out.push_str(&format!("; and {more} more"));
    }
    out
}

/// The whole of a child's pipe, read on a thread of its own.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> Option<JoinHandle<io::Result<Vec<u8>>>> {
    let mut pipe = pipe?;
    Some(thread::spawn(move || {
        let mut buf = Vec::new();
        pipe.read_to_end(&mut buf).map(|_| buf)
    }))
}

fn join(handle: Option<JoinHandle<io::Result<Vec<u8>>>>) -> io::Result<Vec<u8>> {
    match handle {
        None => Ok(Vec::new()),
        Some(h) => h
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked"))),
    }
}

/// The child's exit status, or `None` when it ran past the time limit (it
/// is then killed and reaped).
fn wait(child: &mut Child, options: &Options) -> io::Result<Option<ExitStatus>> {
    match child.wait_timeout(options.timeout)? {
        Some(status) => Ok(Some(status)),
        None => {
            // It may have ended just now; either way it is reaped.
            let _ = child.kill();
            child.wait()?;
            Ok(None)
        }
    }
}

fn seconds(options: &Options) -> String {
    let t = options.timeout;
    if t.subsec_millis() == 0 {
        t.as_secs().to_string()
    } else {
        format!("{:.1}", t.as_secs_f64())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::time::Duration;

    /// pdftotext, or `None` (with a note) when it is not installed and
    /// IKI_REQUIRE_PDFTOTEXT is not set.
    pub(crate) fn pdftotext() -> Option<Options> {
        let options = Options::default();
        let found = Command::new(&options.pdftotext)
            .arg("-v")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok();
        if found {
            return Some(options);
        }
        if std::env::var_os("IKI_REQUIRE_PDFTOTEXT").is_some_and(|v| v == "1") {
            panic!("pdftotext is not installed and IKI_REQUIRE_PDFTOTEXT=1");
        }
        eprintln!("note: pdftotext is not installed; skipping (apt-get install poppler-utils)");
        None
    }

    /// A PDF of `pages`, each writing its lines (x, y in points, text)
    /// in Courier (iki-bench's generator).
    pub(crate) fn pdf(pages: &[&[(u32, u32, &str)]]) -> Vec<u8> {
        iki_bench::originals::text_pdf(pages)
    }

    #[test]
    fn a_pdf_gives_layout_text_by_page() {
        let Some(options) = pdftotext() else { return };
        let bytes = pdf(&[
            &[
                (40, 800, "1. JABATAN KEPALA DINAS"),
                (40, 760, "SASARAN        INDIKATOR KINERJA"),
            ],
            &[(40, 800, "Halaman 2")],
        ]);
        let text = to_layout_text(&bytes, &options).unwrap_or_else(|e| panic!("{e}"));
        let pages: Vec<&str> = text.split('\x0c').collect();
        assert!(pages.len() >= 2, "{text:?}");
        assert!(pages[0].contains("1. JABATAN KEPALA DINAS"), "{text:?}");
        assert!(
            pages[0].contains("SASARAN        INDIKATOR KINERJA"),
            "{text:?}"
        );
        assert!(pages[1].contains("Halaman 2"), "{text:?}");
    }

    #[test]
    fn a_pdf_without_text_is_a_scan() {
        let Some(options) = pdftotext() else { return };
        let bytes = pdf(&[&[], &[]]);
        assert!(matches!(
            to_layout_text(&bytes, &options),
            Err(ReadError::NoTextLayer)
        ));
    }

    #[test]
    fn a_damaged_pdf_says_so_with_pdftotexts_message() {
        let Some(options) = pdftotext() else { return };
        match to_layout_text(b"%PDF-1.4\nthis is not a pdf at all\n", &options) {
            Err(e @ ReadError::Damaged { format: "PDF", .. }) => {
                let m = e.to_string();
                assert!(
                    m.starts_with("damaged PDF file: pdftotext cannot open it ("),
                    "{m}"
                );
                assert!(!m.contains('\n'), "{m}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_pdf_without_pages_says_so() {
        let Some(options) = pdftotext() else { return };
        let bytes = pdf(&[]);
        // `pdf` writes `/Kids [] /Count 0`: a valid file with no page.
        assert!(memchr::memmem::find(&bytes, b"/Count 0").is_some());
        match to_layout_text(&bytes, &options) {
            Err(e @ ReadError::Damaged { format: "PDF", .. }) => {
                assert_eq!(e.to_string(), "damaged PDF file: it has no pages");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn failures_are_told_by_message_and_status() {
        let protected = failure(Some(1), "Command Line Error: Incorrect password");
        match protected {
            Some(e @ ReadError::PasswordProtected { .. }) => {
                let m = e.to_string();
                assert!(m.starts_with("the PDF is password-protected: "), "{m}");
                assert!(m.contains("qpdf --decrypt --password="), "{m}");
            }
            other => panic!("{other:?}"),
        }
        assert!(failure(Some(99), "Syntax Error: something else").is_none());
        assert!(matches!(
            failure(Some(1), ""),
            Some(ReadError::Damaged { .. })
        ));
        assert_eq!(one_line("a\nb\n\na\n"), "a; b");
        let many: String = (0..15).map(|i| format!("e{i}\n")).collect();
        assert!(one_line(&many).ends_with("e9; and 5 more"));
    }

    #[test]
    fn a_missing_program_says_how_to_install_it() {
        let options = Options {
            pdftotext: PathBuf::from("/nonexistent/iki-test/pdftotext"),
            timeout: Duration::from_secs(5),
        };
        match to_layout_text(b"%PDF-1.4\n", &options) {
            Err(e @ ReadError::NotInstalled { .. }) => {
                assert!(e.is_unavailable());
                assert!(
                    e.to_string().contains("apt-get install poppler-utils"),
                    "{e}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    /// A stand-in for pdftotext: a shell script.
    #[cfg(unix)]
    fn script(dir: &tempfile::TempDir, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.path().join("fake-pdftotext");
        let written = std::fs::write(&path, format!("#!/bin/sh\n{body}\n"))
            .and_then(|()| std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)));
        assert!(written.is_ok(), "{written:?}");
        path
    }

    #[cfg(unix)]
    #[test]
    fn a_program_running_too_long_is_killed() {
        let Ok(dir) = tempfile::tempdir() else { return };
        let options = Options {
            pdftotext: script(&dir, "sleep 30; echo late"),
            timeout: Duration::from_millis(300),
        };
        let started = std::time::Instant::now();
        match to_layout_text(b"%PDF-1.4\n", &options) {
            Err(ReadError::Program { message, .. }) => {
                assert!(message.contains("ran longer than 0.3 s"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[cfg(unix)]
    #[test]
    fn a_large_output_does_not_stall_the_child() {
        let Ok(dir) = tempfile::tempdir() else { return };
        // 8 MB on stdout and some on stderr, far more than a pipe holds.
        let options = Options {
            pdftotext: script(
                &dir,
                "i=0; while [ $i -lt 2000 ]; do echo warning >&2; i=$((i+1)); done\n\
                 head -c 8000000 /dev/zero | tr '\\0' 'a'",
            ),
            timeout: Duration::from_secs(30),
        };
        let text = to_layout_text(b"%PDF-1.4\n", &options).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text.len(), 8_000_000);
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_program_reports_its_stderr() {
        let Ok(dir) = tempfile::tempdir() else { return };
        let options = Options {
            pdftotext: script(
                &dir,
                "echo 'Syntax Error: broken xref' >&2; echo 'Syntax Error: broken xref' >&2; exit 1",
            ),
            timeout: Duration::from_secs(30),
        };
        match to_layout_text(b"%PDF-1.4\n", &options) {
            Err(ReadError::Damaged { message, .. }) => {
                assert_eq!(
                    message,
                    "pdftotext cannot open it (Syntax Error: broken xref); if it opens in a PDF viewer, print it to a new PDF and read that"
                );
            }
            other => panic!("{other:?}"),
        }
        let options = Options {
            pdftotext: script(&dir, "echo 'Internal Error: out of memory' >&2; exit 99"),
            timeout: Duration::from_secs(30),
        };
        match to_layout_text(b"%PDF-1.4\n", &options) {
            Err(ReadError::Program { message, .. }) => {
                assert_eq!(
                    message,
                    "exited with status 99 (the PDF may be damaged): Internal Error: out of memory"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
