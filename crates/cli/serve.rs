//! `iki serve`: the HTTP server of `iki_serve` on a tokio runtime, until
//! SIGINT or SIGTERM.

use crate::args::ServeArgs;
use crate::exit;
use crate::io::CliError;
use std::time::Duration;

/// Runs the server; returns when it was stopped and the requests in flight
/// were answered.
pub fn run(a: &ServeArgs) -> Result<u8, CliError> {
    let config = iki_serve::Config {
        bind: a.bind,
        max_body_bytes: usize::try_from(a.max_body_mb << 20).unwrap_or(usize::MAX),
        request_timeout: Duration::from_secs(a.timeout_secs),
        max_concurrent: a.max_concurrent,
    };
    let io_err = |source: std::io::Error| CliError::Read {
        path: format!("http://{}", a.bind),
        source,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Conversions run on the blocking pool, at most max_concurrent at
        // once (a timed-out one still counts until it ends).
        .max_blocking_threads(a.max_concurrent.max(1))
        .build()
        .map_err(io_err)?;
    runtime
        .block_on(iki_serve::run(config, iki_serve::shutdown_signal()))
        .map_err(io_err)?;
    crate::io::say("iki: stopped");
    Ok(exit::OK)
}
