//! Reading inputs and writing outputs safely: stdin as `-`, outputs written
//! to a temporary file beside the target and renamed into place, never over
//! the input.

use crate::exit;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// What went wrong, with the file it concerns.
#[derive(Debug, Error)]
pub enum CliError {
    /// Reading failed.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The input.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Writing failed.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The output.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The output would overwrite the input.
    #[error("{path}: refusing to write the output over the input")]
    OverInput {
        /// The path given for both.
        path: String,
    },
    /// The document could not be parsed.
    #[error("{path}{line}: {source}")]
    Parse {
        /// The input.
        path: String,
        /// ":N" where the error has a line.
        line: String,
        /// Why.
        source: iki_originals::ReadError,
    },
    /// No input could be read.
    #[error("no document could be read: {0}")]
    NothingRead(String),
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// A JSON input is not a canonical iki document.
    #[error("{path}:{line}: not an iki JSON document: {message}")]
    Json {
        /// The input.
        path: String,
        /// Line of the error.
        line: u32,
        /// serde_json's message.
        message: String,
    },
    /// A glossary file is malformed.
    #[error("{0}")]
    Glossary(#[from] iki_normalize::GlossaryError),
    /// Content of the input could not be read, and a partial result was
    /// not accepted.
    #[error("{path}: {count} part(s) of the document could not be read (see the errors above); nothing was written. Pass --accept-partial to write what was read")]
    Partial {
        /// The input.
        path: String,
        /// How many content-loss errors.
        count: usize,
    },
    /// A dictionary could not be loaded.
    #[error("cannot load dictionary {0}")]
    Dictionary(String),
    /// Serialization failed.
    #[error("{path}: {source}")]
    Emit {
        /// The output.
        path: String,
        /// Why.
        source: iki_emit::EmitError,
    },
}

impl CliError {
    /// The output's reader went away (`iki rows ... | head`): told by the
    /// I/O error's kind, never by the message (a file may be called
    /// "Broken pipe.md").
    pub fn is_broken_pipe(&self) -> bool {
        let pipe = |k: std::io::ErrorKind| k == std::io::ErrorKind::BrokenPipe;
        match self {
            CliError::Write { source, .. } => pipe(source.kind()),
            CliError::Emit {
                source: iki_emit::EmitError::Io(e),
                ..
            } => pipe(e.kind()),
            CliError::Emit {
                source: iki_emit::EmitError::Json(e),
                ..
            } => e.io_error_kind().is_some_and(pipe),
            _ => false,
        }
    }

    /// The exit status for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Parse { source, .. } if source.is_unavailable() => exit::UNAVAILABLE,
            CliError::Parse { .. }
            | CliError::Json { .. }
            | CliError::Glossary(_)
            | CliError::NothingRead(_)
            | CliError::Partial { .. } => exit::DATA,
            CliError::Dictionary(_) => exit::IO,
            CliError::OverInput { .. } | CliError::Usage(_) => exit::USAGE,
            CliError::Read { .. } | CliError::Write { .. } | CliError::Emit { .. } => exit::IO,
        }
    }
}

/// Prints a line on standard error through the one terminal filter:
/// messages carry file names and document text, and neither may drive the
/// terminal (escape sequences, bidirectional overrides).
pub fn say(line: &str) {
    eprintln!("{}", iki_model::terminal_safe(line));
}

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sets `-q` for the run: [`note`] prints nothing then.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
}

/// Prints a line that is not an error (a warning, a note, a summary) on
/// standard error, unless `-q` was given.
pub fn note(line: &str) {
    if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        say(line);
    }
}

static LANG: std::sync::OnceLock<iki_model::lang::Lang> = std::sync::OnceLock::new();

/// Sets the report language for the run (once, from the command line):
/// `--lang`, else the IKI_LANG environment variable, else Indonesian.
pub fn set_lang(given: Option<&str>) {
    let from_env = std::env::var("IKI_LANG").ok();
    let lang = given
        .or(from_env.as_deref())
        .and_then(iki_model::lang::Lang::from_code)
        .unwrap_or_default();
    let _ = LANG.set(lang);
}

/// The report language of the run.
pub fn lang() -> iki_model::lang::Lang {
    LANG.get().copied().unwrap_or_default()
}

/// A message of the catalogue in the run's language, `{}` filled with `args`.
pub fn tr(key: &str, args: &[&str]) -> String {
    iki_model::lang::format(lang(), key, args)
}

/// The line a diagnostic is reported with on standard error, in the run's
/// language: `file:line: peringatan[code]: message`.
pub fn diagnostic_line(name: &str, d: &iki_model::Diagnostic) -> String {
    let lang = lang();
    format!(
        "{name}:{}: {}",
        d.span.first,
        iki_emit::report::header(lang, d)
    )
}

/// How an input is named in messages.
pub fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The default of `--max-input-mb`.
pub const DEFAULT_MAX_INPUT_MB: u64 = 512;

static MAX_INPUT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// Sets the largest input, in bytes, that [`read_input`] takes (once, from
/// the command line).
pub fn set_max_input(bytes: u64) {
    let _ = MAX_INPUT.set(bytes);
}

/// Reads a file, or standard input for `-`; refuses more than the
/// `--max-input-mb` limit (it reads one byte past it to know).
pub fn read_input(path: &Path) -> Result<Vec<u8>, CliError> {
    let limit = *MAX_INPUT.get_or_init(|| DEFAULT_MAX_INPUT_MB << 20);
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|source| CliError::Read {
        path: display_name(path),
        source,
    })?;
    if bytes.len() as u64 > limit {
        return Err(CliError::Read {
            path: display_name(path),
            source: std::io::Error::other(format!(
                "larger than {} MB (--max-input-mb); is it a device or a file that never ends?",
                limit >> 20
            )),
        });
    }
    Ok(bytes)
}

/// Where output goes.
pub enum Output {
    /// Standard output.
    Stdout,
    /// A file, replaced atomically.
    File(PathBuf),
}

impl Output {
    /// `-o FILE` or standard output; refuses a file that is the input.
    pub fn new(output: Option<&Path>, input: &Path) -> Result<Output, CliError> {
        let Some(path) = output else {
            return Ok(Output::Stdout);
        };
        if path == Path::new("-") {
            return Ok(Output::Stdout);
        }
        if input != Path::new("-") && same_file(input, path) {
            return Err(CliError::OverInput {
                path: path.display().to_string(),
            });
        }
        Ok(Output::File(path.to_path_buf()))
    }

    /// Runs `write` into the output. A file output is written to a
    /// temporary file in the same folder and renamed into place only when
    /// `write` succeeded, so no half-written file is ever left behind.
    pub fn write_with(
        &self,
        write: impl FnOnce(&mut dyn Write) -> Result<(), iki_emit::EmitError>,
    ) -> Result<(), CliError> {
        self.stage(write)?.commit()
    }

    /// Runs `write` into the output, but leaves a file output in its
    /// temporary file until [`Staged::commit`]: a command that writes two
    /// files stages both before either appears, so a failure of the second
    /// leaves neither. Standard output is written at once.
    pub fn stage(
        &self,
        write: impl FnOnce(&mut dyn Write) -> Result<(), iki_emit::EmitError>,
    ) -> Result<Staged, CliError> {
        match self {
            Output::Stdout => {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                write(&mut lock).map_err(|source| CliError::Emit {
                    path: "<stdout>".into(),
                    source,
                })?;
                Ok(Staged { file: None })
            }
            Output::File(given) => {
                let name = given.display().to_string();
                // A symlink is written through: its target is replaced, the
                // link stays.
                let path = &std::fs::canonicalize(given)
                    .ok()
                    .filter(|_| given.is_symlink())
                    .unwrap_or_else(|| given.clone());
                // A FIFO, a device or a socket is not a file to replace:
                // it is written to as it is, at once.
                if let Ok(meta) = std::fs::metadata(path) {
                    if meta.is_dir() {
                        return Err(CliError::Write {
                            path: name,
                            source: std::io::Error::other(
                                "it is a folder, not a file: give -o a file name (such as FOLDER/iki.json)",
                            ),
                        });
                    }
                    if !meta.is_file() {
                        let mut target = std::fs::OpenOptions::new()
                            .write(true)
                            .open(path)
                            .map_err(|source| CliError::Write {
                                path: name.clone(),
                                source,
                            })?;
                        write(&mut target).map_err(|source| CliError::Emit {
                            path: name.clone(),
                            source,
                        })?;
                        return Ok(Staged { file: None });
                    }
                }
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let io_err = |source| CliError::Write {
                    path: name.clone(),
                    source,
                };
                let tmp = temp_beside(&dir).map_err(io_err)?;
                // From here the file is committed or, dropped, removed and
                // forgotten.
                let mut staged = Staged {
                    file: Some((tmp, path.clone())),
                };
                let Some((tmp, _)) = staged.file.as_mut() else {
                    return Ok(staged);
                };
                write(tmp.as_file_mut()).map_err(|source| CliError::Emit {
                    path: name.clone(),
                    source,
                })?;
                set_output_permissions(tmp.as_file(), path).map_err(io_err)?;
                tmp.as_file().sync_all().map_err(io_err)?;
                Ok(staged)
            }
        }
    }
}

/// An output written and waiting to be put in place (see [`Output::stage`]).
/// Dropped without [`Staged::commit`], its temporary file is removed.
pub struct Staged {
    file: Option<(tempfile::NamedTempFile, PathBuf)>,
}

impl Staged {
    /// Renames the temporary file into place.
    pub fn commit(mut self) -> Result<(), CliError> {
        if let Some((tmp, path)) = self.file.take() {
            let at = tmp.path().to_path_buf();
            let done = tmp.persist(&path).map_err(|e| CliError::Write {
                path: path.display().to_string(),
                source: e.error,
            });
            pending(|p| p.retain(|x| *x != at));
            done?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some((tmp, _)) = &self.file {
            let at = tmp.path().to_path_buf();
            pending(|p| p.retain(|x| *x != at));
        }
    }
}

/// A file output that a library writes by path (a workbook): `fill` gets a
/// temporary file beside `target`, which is renamed into place by
/// [`Staged::commit`] (and removed if anything fails or the process is
/// interrupted).
pub fn stage_file(
    target: &Path,
    fill: impl FnOnce(&Path) -> Result<(), CliError>,
) -> Result<Staged, CliError> {
    let name = target.display().to_string();
    // A symlink is written through, as by `Output::stage`: the file it
    // points to is replaced and the link stays.
    let resolved = std::fs::canonicalize(target)
        .ok()
        .filter(|_| target.is_symlink());
    let target = resolved.as_deref().unwrap_or(target);
    let io_err = |source| CliError::Write {
        path: name.clone(),
        source,
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = temp_beside(&dir).map_err(io_err)?;
    let at = tmp.path().to_path_buf();
    let staged = Staged {
        file: Some((tmp, target.to_path_buf())),
    };
    fill(&at)?;
    // The library wrote the file anew: give it the output's mode again.
    if let Some((tmp, _)) = &staged.file {
        let reopened = std::fs::File::open(tmp.path()).map_err(io_err)?;
        set_output_permissions(&reopened, target).map_err(io_err)?;
    }
    Ok(staged)
}

/// The temporary files being written, which an interrupt removes.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn pending(f: impl FnOnce(&mut Vec<PathBuf>)) {
    if let Ok(mut p) = PENDING.lock() {
        f(&mut p);
    }
}

/// On SIGINT, SIGTERM or SIGHUP: removes every temporary file still being
/// written (a target is never half-written, and no `.iki-*.tmp` is left
/// behind), then exits with 130 as a shell would for an interrupt.
pub fn remove_temporary_files_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // The list stays locked until the process ends: no thread can
        // create (and register) a temporary file after it was emptied.
        if let Ok(mut p) = PENDING.lock() {
            for path in p.drain(..) {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(130);
        }
        std::process::exit(130);
    });
}

/// A temporary file in `dir`, created and registered under the lock of the
/// pending list, so that an interrupt sees every file that exists.
fn registered_temp(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut p = PENDING
        .lock()
        .map_err(|_| std::io::Error::other("temporary file list poisoned"))?;
    let tmp = temp_builder(".tmp").tempfile_in(dir)?;
    p.push(tmp.path().to_path_buf());
    Ok(tmp)
}

/// What is wrong with `dir` as the folder of an output: missing, or not
/// a folder.
fn folder_problem(dir: &Path) -> Option<std::io::Error> {
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(std::io::Error::new(
            e.kind(),
            format!(
                "the folder {} does not exist (create it first)",
                dir.display()
            ),
        )),
        Ok(m) if !m.is_dir() => Some(std::io::Error::other(format!(
            "{} is not a folder",
            dir.display()
        ))),
        _ => None,
    }
}

/// Checks, before any work, an output that a library opens by path (an
/// SQLite database): its folder exists and it is not itself a folder.
pub fn check_output_path(target: &Path) -> Result<(), CliError> {
    let err = |source| CliError::Write {
        path: target.display().to_string(),
        source,
    };
    if target.is_dir() {
        return Err(err(std::io::Error::other(
            "it is a folder, not a file: give -o a file name (such as FOLDER/iki.sqlite)",
        )));
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match folder_problem(&dir) {
        Some(e) => Err(err(e)),
        None => Ok(()),
    }
}

/// The temporary file of an output in `dir`, its folder; an error names
/// that folder (missing, or not a folder), never the temporary file.
fn temp_beside(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    if let Some(e) = folder_problem(dir) {
        return Err(e);
    }
    // tempfile's error names the temporary file; the kind says why.
    registered_temp(dir).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot create a file in {}: {}", dir.display(), e.kind()),
        )
    })
}

/// Whether two output paths name one file: equal as written, or the same
/// existing file, or the same file-to-be in the same folder.
pub fn same_path(a: &Path, b: &Path) -> bool {
    if a == b || same_file(a, b) {
        return true;
    }
    let parent = |p: &Path| {
        p.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    a.file_name() == b.file_name() && same_file(&parent(a), &parent(b))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Gives a finished temporary file the permissions the output should have:
/// those of the file it replaces, or readable by all and writable by the
/// owner (a temporary file is created private).
pub fn set_output_permissions(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Ok(m) = std::fs::metadata(target) {
        // The replaced file's read and write bits, never its setuid,
        // setgid or sticky bits.
        use std::os::unix::fs::PermissionsExt;
        return file.set_permissions(std::fs::Permissions::from_mode(
            m.permissions().mode() & 0o777,
        ));
    }
    #[cfg(not(unix))]
    if let Ok(m) = std::fs::metadata(target) {
        return file.set_permissions(m.permissions());
    }
    // A new file keeps the mode it was created with: 0666 less the umask
    // (see `temp_builder`).
    Ok(())
}

/// A temporary output file beside its target, created readable and
/// writable by all less the process's umask, as any new file would be
/// (tempfile's own default is private, 0600).
pub fn temp_builder(suffix: &str) -> tempfile::Builder<'_, '_> {
    let mut b = tempfile::Builder::new();
    b.prefix(".iki-").suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b
}
