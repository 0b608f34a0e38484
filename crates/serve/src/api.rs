//! The handlers of `/v1/*`: each reads its body, takes a permit of the
//! conversion bound (or answers 503 with `Retry-After`), and runs the
//! pipeline on the blocking pool.

use crate::pipeline::{self, DiffFormat, ReadOptions};
use crate::problem::Problem;
use crate::{AppState, Shared};
use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Deserializer};
use std::sync::Arc;

/// The name a document is given in messages and reports when the request
/// names none.
pub const DEFAULT_NAME: &str = "document";

/// The Content-Security-Policy of the diff's HTML report: a page of its
/// own with an inline style sheet and nothing else (no script, no
/// requests), shown in a frame of this site at most.
pub const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'self'";

/// A yes/no query parameter: `x`, `x=true|1|yes|on`, `x=false|0|no|off`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Flag, D::Error> {
        let s = String::deserialize(d)?;
        match s.to_ascii_lowercase().as_str() {
            "" | "true" | "1" | "yes" | "on" => Ok(Flag(true)),
            "false" | "0" | "no" | "off" => Ok(Flag(false)),
            _ => Err(serde::de::Error::custom(format!(
                "{s:?} is not a yes/no value (true or false)"
            ))),
        }
    }
}

/// What `/v1/convert` returns.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ConvertFormat {
    /// Canonical JSON (`iki convert`).
    #[default]
    Json,
    /// One JSON object per indicator row (`iki rows`).
    Ndjson,
    /// `iki export --format csv`.
    Csv,
    /// `iki export --format xlsx`.
    Xlsx,
}

/// The query of `/v1/convert`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConvertQuery {
    format: ConvertFormat,
    raw: Flag,
    accept_partial: Flag,
    compact: Flag,
    excel: Flag,
    raw_cells: Flag,
    name: Option<String>,
}

/// The query of `/v1/check`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckQuery {
    name: Option<String>,
}

/// The report formats of `/v1/diff`.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DiffQueryFormat {
    /// `iki diff --format json`.
    #[default]
    Json,
    /// `iki diff --format html`.
    Html,
    /// `iki diff --format markdown`.
    Markdown,
}

/// The language of the diff's reports.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LangQuery {
    /// Indonesian.
    #[default]
    Id,
    /// English.
    En,
}

/// The query of `/v1/diff`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiffQuery {
    format: DiffQueryFormat,
    ignore_years: Flag,
    lang: LangQuery,
}

/// A name the client gave (a query parameter, a part's file name): only
/// its last path component, without control characters, at most 200
/// characters. It is never opened, only shown.
pub fn display_name(given: Option<&str>, default: &str) -> String {
    let last = given
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() {
        default.to_string()
    } else {
        clean
    }
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Problem> {
    q.map(|Query(q)| q).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-query",
            "A query parameter is wrong",
            e.body_text(),
        )
    })
}

fn body(b: Result<Bytes, BytesRejection>, shared: &Shared) -> Result<Bytes, Problem> {
    let bytes = b.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(shared)
        } else {
            Problem::status(e.status(), e.body_text())
        }
    })?;
    if bytes.is_empty() {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "empty-body",
            "The body is empty",
            "send the document (markdown, a Word, Excel or PDF original, or iki's JSON) as the request body",
        ));
    }
    Ok(bytes)
}

/// 413 with the limit.
pub fn too_large(shared: &Shared) -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        "The body is larger than the limit",
        format!(
            "the body is larger than {} (iki serve --max-body-mb)",
            crate::size(shared.config.max_body_bytes)
        ),
    )
}

/// A document is the body itself: a form post (multipart) is refused
/// with 415, since it would be read as text and fail obscurely.
fn refuse_multipart(headers: &HeaderMap) -> Result<(), Problem> {
    let multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("multipart/"));
    if multipart {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "multipart-body",
            "Send the document itself as the body",
            "this route takes one document as the request body (curl --data-binary @FILE), not a multipart form; /v1/diff takes a form with the parts old and new",
        ));
    }
    Ok(())
}

/// Runs `work` on the blocking pool under a permit of the conversion
/// bound; 503 with `Retry-After: 1` when every permit is taken. The permit
/// is held by the work itself, so a request that timed out still counts
/// until its work ends.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&Shared) -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let permit = state.permits.clone().try_acquire_owned().map_err(|_| {
        let mut p = Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "Too many conversions at once",
            format!(
                "{} conversions are running (iki serve --max-concurrent): try again in a moment",
                state.shared.config.max_concurrent
            ),
        );
        p.retry_after = Some(1);
        p
    })?;
    let shared = Arc::clone(&state.shared);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work(&shared)
    })
    .await
    .map_err(|_| {
        Problem::status(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the conversion failed unexpectedly (a bug: please report it with the document)",
        )
    })?
}

fn reply(content_type: &'static str, body: Vec<u8>) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body,
    )
        .into_response()
}

fn glossary(shared: &Shared) -> Result<&iki_normalize::Glossary, Problem> {
    shared.glossary.as_ref().map_err(|e| {
        Problem::status(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the built-in glossary cannot be read: {e}"),
        )
    })
}

/// `POST /v1/convert`.
pub async fn convert(
    State(state): State<AppState>,
    q: Result<Query<ConvertQuery>, QueryRejection>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let q = query(q)?;
    refuse_multipart(&headers)?;
    let bytes = body(b, &state.shared)?;
    let name = display_name(q.name.as_deref(), DEFAULT_NAME);
    let format = q.format;
    let out = blocking(&state, move |shared| {
        let options = ReadOptions {
            raw: q.raw.0,
            accept_partial: q.accept_partial.0,
        };
        let loaded = pipeline::read(&bytes, &name, options, glossary(shared)?, &shared.originals)?;
        drop(bytes);
        let doc = &loaded.document;
        match format {
            ConvertFormat::Json => pipeline::json(doc, q.compact.0),
            ConvertFormat::Ndjson => pipeline::rows(doc),
            ConvertFormat::Csv => pipeline::csv(
                doc,
                &name,
                iki_export::CsvOptions {
                    excel: q.excel.0,
                    raw_cells: q.raw_cells.0,
                },
            ),
            ConvertFormat::Xlsx => pipeline::xlsx(doc, &name, q.raw_cells.0),
        }
    })
    .await?;
    Ok(match format {
        ConvertFormat::Json => reply("application/json", out),
        ConvertFormat::Ndjson => reply("application/x-ndjson", out),
        ConvertFormat::Csv => reply("text/csv; charset=utf-8; header=present", out),
        ConvertFormat::Xlsx => {
            let mut r = reply(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                out,
            );
            r.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"iki.xlsx\""),
            );
            r
        }
    })
}

/// `POST /v1/check`.
pub async fn check(
    State(state): State<AppState>,
    q: Result<Query<CheckQuery>, QueryRejection>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let q = query(q)?;
    refuse_multipart(&headers)?;
    let bytes = body(b, &state.shared)?;
    let name = display_name(q.name.as_deref(), DEFAULT_NAME);
    let out = blocking(&state, move |shared| {
        let g = glossary(shared)?;
        // As `iki check`: normalized, and a document that lost content is
        // reported, not refused (its errors are the report).
        let options = ReadOptions {
            raw: false,
            accept_partial: true,
        };
        let loaded = pipeline::read(&bytes, &name, options, g, &shared.originals)?;
        drop(bytes);
        pipeline::check(&loaded, &name, g)
    })
    .await?;
    Ok(reply("application/json", out))
}

/// `POST /v1/diff`: a multipart form with the parts `old` and `new`.
pub async fn diff(
    State(state): State<AppState>,
    q: Result<Query<DiffQuery>, QueryRejection>,
    headers: HeaderMap,
    m: Result<Multipart, MultipartRejection>,
) -> Result<Response, Problem> {
    let q = query(q)?;
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
    if !form {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-multipart",
            "Send a multipart form with the parts old and new",
            "/v1/diff takes multipart/form-data with two parts, old and new, each a document (curl -F old=@iki-2024.md -F new=@iki-2025.md)",
        ));
    }
    let mut multipart = m.map_err(|e| Problem::status(e.status(), e.body_text()))?;
    let mut old: Option<(String, Bytes)> = None;
    let mut new: Option<(String, Bytes)> = None;
    let part_err = |e: axum::extract::multipart::MultipartError, shared: &Shared| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(shared)
        } else {
            Problem::status(e.status(), e.body_text())
        }
    };
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| part_err(e, &state.shared))?
    {
        let part = field.name().unwrap_or_default().to_string();
        let slot = match part.as_str() {
            "old" => &mut old,
            "new" => &mut new,
            _ => {
                return Err(Problem::new(
                    StatusCode::BAD_REQUEST,
                    "unknown-part",
                    "The form has a part other than old and new",
                    format!(
                        "unknown part {:?}: the form takes the parts old and new",
                        display_name(Some(&part), "")
                    ),
                ))
            }
        };
        if slot.is_some() {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "repeated-part",
                "A part is given twice",
                format!("the part {part} is given twice"),
            ));
        }
        let name = display_name(field.file_name(), &part);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| part_err(e, &state.shared))?;
        *slot = Some((name, bytes));
    }
    let (Some(old), Some(new)) = (old, new) else {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "missing-part",
            "The form needs the parts old and new",
            "the form takes two parts, old (the earlier document) and new (the later one)",
        ));
    };
    let format = match q.format {
        DiffQueryFormat::Json => DiffFormat::Json,
        DiffQueryFormat::Html => DiffFormat::Html,
        DiffQueryFormat::Markdown => DiffFormat::Markdown,
    };
    let lang = match q.lang {
        LangQuery::Id => iki_diff::report::Lang::Id,
        LangQuery::En => iki_diff::report::Lang::En,
    };
    let ignore_years = q.ignore_years.0;
    let out = blocking(&state, move |shared| {
        let g = glossary(shared)?;
        // As `iki diff`: both sides normalized; a side that lost content
        // is refused.
        let options = ReadOptions::default();
        let a = pipeline::read(&old.1, &old.0, options, g, &shared.originals)?;
        let b = pipeline::read(&new.1, &new.0, options, g, &shared.originals)?;
        pipeline::diff(
            (&old.0, &a.document),
            (&new.0, &b.document),
            ignore_years,
            lang,
            format,
        )
    })
    .await?;
    Ok(match format {
        DiffFormat::Json => reply("application/json", out),
        DiffFormat::Markdown => reply("text/markdown; charset=utf-8", out),
        DiffFormat::Html => {
            let mut r = reply("text/html; charset=utf-8", out);
            r.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(REPORT_CSP),
            );
            r
        }
    })
}

/// `GET /v1/schema/document`.
pub async fn schema_document() -> Result<Response, Problem> {
    Ok(reply("application/schema+json", pipeline::schema(false)?))
}

/// `GET /v1/schema/row`.
pub async fn schema_row() -> Result<Response, Problem> {
    Ok(reply("application/schema+json", pipeline::schema(true)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_folders_and_controls() {
        assert_eq!(display_name(Some("/etc/passwd"), "x"), "passwd");
        assert_eq!(display_name(Some("C:\\a\\b.docx"), "x"), "b.docx");
        assert_eq!(display_name(Some("a\u{1b}[31m.md"), "x"), "a[31m.md");
        assert_eq!(display_name(Some("dir/"), "x"), "x");
        assert_eq!(display_name(None, "x"), "x");
    }
}
