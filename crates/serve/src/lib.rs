//! `iki serve`: iki over HTTP for other systems, and a web page.
//!
//! axum on tokio, served by hyper's HTTP/1 with a time limit on the
//! request head; tower-http's body-size and time limits; the CPU-bound
//! stages on tokio's blocking pool under a bound on how many run at once.
//! Every route gives what the command line gives, byte for byte, because it
//! makes the same library calls in the same order (see [`pipeline`]).
//!
//! | route | what |
//! | --- | --- |
//! | `POST /v1/convert` | one document in the body; `?format=json\|ndjson\|csv\|xlsx`, `raw`, `compact`, `accept_partial`, `excel`, `raw_cells`, `name` |
//! | `POST /v1/check` | `iki check --format json` of the body; `?name` |
//! | `POST /v1/diff` | multipart `old` and `new`; `?format=json\|html\|markdown`, `ignore_years`, `lang=id\|en` |
//! | `GET /v1/schema/document`, `GET /v1/schema/row` | `iki schema` |
//! | `GET /openapi.json` | the OpenAPI description of the API |
//! | `GET /healthz` | `{"status":"ok"}` |
//! | `GET /`, `/app.js`, `/style.css` | the web page |
//!
//! Errors are RFC 9457 problem details (`application/problem+json`)
//! carrying the document's diagnostics as `iki check` gives them. No
//! request names a file of the server, and no response carries a server
//! path.
#![deny(missing_docs)]

mod api;
#[doc(hidden)]
pub mod client;
pub mod pipeline;
pub mod problem;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use problem::{Problem, PROBLEM_JSON};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use api::{DEFAULT_NAME, REPORT_CSP};

/// The default address: loopback only.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
/// The default largest body, in MiB (the largest IKI documents and their
/// originals are a few megabytes).
pub const DEFAULT_MAX_BODY_MB: u64 = 32;
/// The default time limit of one request, in seconds, from its first byte
/// to its response (a slow client is cut off by it).
pub const DEFAULT_TIMEOUT_SECS: u64 = 30;
/// The default number of conversions (convert, check, diff) running at
/// once; one more is answered 503 with `Retry-After`.
pub const DEFAULT_MAX_CONCURRENT: usize = 16;

/// The Content-Security-Policy of every response but the diff's HTML
/// report: the web page's own files and nothing else.
pub const CSP: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'self'; object-src 'none'";

/// How the server runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The address to listen on (loopback unless chosen otherwise).
    pub bind: SocketAddr,
    /// The largest request body; a larger one is answered 413.
    pub max_body_bytes: usize,
    /// The time limit of one request (reading it, converting, answering);
    /// past it the answer is 408. Also the limit of reading a request's
    /// head, and of pdftotext on a PDF.
    pub request_timeout: Duration,
    /// Conversions running at once; past it the answer is 503 with
    /// `Retry-After`.
    pub max_concurrent: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_body_bytes: (DEFAULT_MAX_BODY_MB << 20) as usize,
            request_timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            max_concurrent: DEFAULT_MAX_CONCURRENT,
        }
    }
}

/// What every handler shares.
pub struct Shared {
    config: Config,
    glossary: Result<iki_normalize::Glossary, String>,
    originals: iki_originals::Options,
}

/// The state of the router.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
    permits: Arc<Semaphore>,
}

/// The routes of the API, as `(method, path)`: the OpenAPI description
/// lists exactly these (a test checks it).
pub const API_ROUTES: [(&str, &str); 7] = [
    ("POST", "/v1/convert"),
    ("POST", "/v1/check"),
    ("POST", "/v1/diff"),
    ("GET", "/v1/schema/document"),
    ("GET", "/v1/schema/row"),
    ("GET", "/openapi.json"),
    ("GET", "/healthz"),
];

/// The routes of the web page.
pub const PAGE_ROUTES: [(&str, &str); 3] =
    [("GET", "/"), ("GET", "/app.js"), ("GET", "/style.css")];

/// The OpenAPI description of the API.
pub const OPENAPI: &str = include_str!("../openapi.json");

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");

/// `12 MB` for a limit in bytes (MiB, as `--max-body-mb`).
pub fn size(bytes: usize) -> String {
    let mb = bytes as f64 / (1u64 << 20) as f64;
    if mb >= 1.0 && mb.fract() == 0.0 {
        format!("{mb} MB")
    } else if bytes >= 1 << 20 {
        format!("{mb:.1} MB")
    } else {
        format!("{bytes} bytes")
    }
}

/// The router: every route, its limits and headers.
pub fn app(config: Config) -> Router {
    let originals = iki_originals::Options {
        // pdftotext gets no longer than the request.
        timeout: config.request_timeout,
        ..iki_originals::Options::default()
    };
    let state = AppState {
        permits: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
        shared: Arc::new(Shared {
            glossary: iki_normalize::Glossary::builtin().map_err(|e| e.to_string()),
            originals,
            config: config.clone(),
        }),
    };
    // The body routes: the size limit is checked from Content-Length
    // before anything is read, and again while a body without one is read.
    let documents = Router::new()
        .route("/v1/convert", post(api::convert))
        .route("/v1/check", post(api::check))
        .route("/v1/diff", post(api::diff))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes));
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    Router::new()
        .merge(documents)
        .route("/v1/schema/document", get(api::schema_document))
        .route("/v1/schema/row", get(api::schema_row))
        .route("/openapi.json", get(openapi))
        .route("/healthz", get(healthz))
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/style.css", get(style_css))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // The whole request, body included: a body that trickles is cut
        // off here.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(axum::middleware::map_response_with_state(
            state.clone(),
            problems,
        ))
        .layer(header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_FRAME_OPTIONS, "SAMEORIGIN"))
        .with_state(state)
}

/// Any error response that is not yet a problem (the limits' bare 408 and
/// 413, a 405 or 404 of the router) becomes one, keeping its `Allow` and
/// `Retry-After`.
async fn problems(State(state): State<AppState>, response: Response) -> Response {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let problem = match status {
        StatusCode::REQUEST_TIMEOUT => Problem::new(
            status,
            "timeout",
            "The request took longer than the time limit",
            format!(
                "the request was not read and answered within {} s (iki serve --timeout-secs): the body was sent too slowly, or the document took too long to read",
                state.shared.config.request_timeout.as_secs_f64()
            ),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => api::too_large(&state.shared),
        _ => Problem::status(status, status.canonical_reason().unwrap_or("error")),
    };
    let mut out = problem.into_response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = response.headers().get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}

async fn not_found(uri: Uri) -> Problem {
    let known: Vec<&str> = API_ROUTES.iter().map(|(_, p)| *p).collect();
    Problem::status(
        StatusCode::NOT_FOUND,
        format!(
            "no route {:?}: the routes are {}",
            uri.path().chars().take(200).collect::<String>(),
            known.join(", ")
        ),
    )
}

async fn method_not_allowed(method: Method, uri: Uri) -> Problem {
    Problem::status(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "{method} is not allowed on {} (see the Allow header)",
            uri.path()
        ),
    )
}

fn text(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn index() -> Response {
    text("text/html; charset=utf-8", INDEX_HTML)
}

async fn app_js() -> Response {
    text("text/javascript; charset=utf-8", APP_JS)
}

async fn style_css() -> Response {
    text("text/css; charset=utf-8", STYLE_CSS)
}

async fn openapi() -> Response {
    text("application/json", OPENAPI)
}

async fn healthz() -> Response {
    text("application/json", "{\"status\":\"ok\"}\n")
}

/// The line `iki serve` prints when it listens: the address, and whether
/// other machines can reach it.
pub fn startup_line(addr: SocketAddr) -> String {
    let reach = if addr.ip().is_loopback() {
        "loopback only"
    } else {
        "REACHABLE FROM OTHER MACHINES"
    };
    format!("iki: serving on http://{addr} ({reach})")
}

/// The limits, as `iki serve` states them at start-up.
pub fn limits_line(config: &Config) -> String {
    format!(
        "iki: bodies up to {}, {} s per request, {} conversions at once; Ctrl-C stops (requests in flight are finished)",
        size(config.max_body_bytes),
        config.request_timeout.as_secs_f64(),
        config.max_concurrent
    )
}

/// Binds `config.bind`, prints the start-up lines on standard error, and
/// serves until `shutdown` completes (see [`serve`]).
pub async fn run(config: Config, shutdown: impl Future<Output = ()> + Send) -> std::io::Result<()> {
    let listener = TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    eprintln!("{}", startup_line(addr));
    eprintln!("{}", limits_line(&config));
    serve(listener, config, shutdown).await
}

/// Serves [`app`] on `listener` until `shutdown` completes; then stops
/// accepting, lets the requests in flight finish (each within its time
/// limit; idle connections are closed) and returns.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let limit = config.request_timeout;
    let router = app(config);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    // A client that sends its request head slowly is cut off too (the
    // router's time limit starts when the head is read).
    http.timer(TokioTimer::new()).header_read_timeout(limit);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors, a connection reset before
                    // it was accepted: wait a moment, go on.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let service = hyper_util::service::TowerToHyperService::new(router.clone());
                let connection = http.serve_connection(TokioIo::new(stream), service);
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = watched.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    // Every request has its time limit; a client that does not read its
    // answer gets a few seconds more.
    let _ = tokio::time::timeout(limit + Duration::from_secs(5), graceful.shutdown()).await;
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM, saying so on standard error.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    eprintln!("iki: stopping: finishing the requests in flight");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_startup_line_says_who_can_reach_the_server() {
        assert_eq!(
            startup_line(SocketAddr::from(([127, 0, 0, 1], 8080))),
            "iki: serving on http://127.0.0.1:8080 (loopback only)"
        );
        assert_eq!(
            startup_line(SocketAddr::from(([0, 0, 0, 0], 80))),
            "iki: serving on http://0.0.0.0:80 (REACHABLE FROM OTHER MACHINES)"
        );
        assert!(
            startup_line("[::1]:8080".parse().unwrap_or(Config::default().bind))
                .ends_with("(loopback only)")
        );
    }

    #[test]
    fn sizes_read_as_megabytes() {
        assert_eq!(size(32 << 20), "32 MB");
        assert_eq!(size(1536 << 10), "1.5 MB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
