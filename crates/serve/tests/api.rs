//! Every route of `iki serve` over loopback: the outputs, the problems,
//! the limits (size, time, concurrency), the OpenAPI description against
//! the routes, the headers of the web page, graceful shutdown.
//! (Byte-identity with the `iki` command is tested from the command's side,
//! in crates/cli/tests/serve.rs.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{multipart, problem, request, seed, Server};
use iki_serve::client::{connect, head, read_response};
use iki_serve::Config;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn small(config: impl FnOnce(&mut Config)) -> Server {
    let mut c = Config::default();
    config(&mut c);
    Server::start(c)
}

#[test]
fn convert_gives_json_rows_csv_and_xlsx() {
    let s = Server::default();
    let seed = seed();

    let json = s.post("/v1/convert", "text/markdown", &seed);
    assert_eq!(json.status, 200, "{}", json.text());
    assert_eq!(json.header("content-type"), Some("application/json"));
    let doc: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(doc["schema_version"], "2");
    assert!(json.text().starts_with("{\n  \"schema_version\""));
    // The same request gives the same bytes.
    assert!(s.post("/v1/convert", "text/markdown", &seed).body == json.body);

    let compact = s.post("/v1/convert?compact=true", "text/markdown", &seed);
    assert_eq!(compact.text().lines().count(), 1);
    // Its own JSON is read back as it is.
    let again = s.post("/v1/convert?raw", "application/json", &json.body);
    assert_eq!(again.status, 200);
    assert!(
        again.body == json.body,
        "the JSON did not read back as it was"
    );

    let rows = s.post("/v1/convert?format=ndjson", "text/markdown", &seed);
    assert_eq!(rows.status, 200);
    assert_eq!(rows.header("content-type"), Some("application/x-ndjson"));
    let indicators: usize = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["positions"].as_array().unwrap())
        .map(|p| p["indicators"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.text().lines().count(), indicators);

    let csv = s.post("/v1/convert?format=csv&excel", "text/markdown", &seed);
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv
        .body
        .starts_with(b"\xEF\xBB\xBFyear,agency,group,unit,position_id,"));
    assert_eq!(csv.text().lines().count(), indicators + 1);

    let xlsx = s.post("/v1/convert?format=xlsx", "text/markdown", &seed);
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with(b"PK"));
    assert!(xlsx
        .header("content-disposition")
        .unwrap()
        .contains("iki.xlsx"));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.body)).unwrap();
    let data_rows: usize = book
        .sheet_names()
        .iter()
        .skip(1)
        .map(|name| book.worksheet_range(name).unwrap().height() - 1)
        .sum();
    assert_eq!(data_rows, indicators);
}

#[test]
fn bad_input_is_422_with_every_lost_table_and_its_line() {
    let s = Server::default();
    let doc = std::fs::read(common::root().join("fixtures/parse/tables-unreadable.md")).unwrap();
    let r = s.post("/v1/convert?name=tables.md", "text/markdown", &doc);
    assert_eq!(r.status, 422);
    let p = problem(&r);
    assert_eq!(p["type"], "urn:iki:problem:content-lost");
    let found: Vec<(String, String)> = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (code, location) in [
        ("table-row-lost", "tables.md:6"),
        ("table-unread", "tables.md:14"),
        ("header-unknown", "tables.md:16"),
    ] {
        assert!(
            found.contains(&(code.to_string(), location.to_string())),
            "{code} at {location} not in {found:?}"
        );
    }
    for d in p["diagnostics"].as_array().unwrap() {
        assert_eq!(
            d["location"],
            format!("tables.md:{}", d["line"].as_u64().unwrap())
        );
    }
    // accept_partial gives what was read.
    let partial = s.post("/v1/convert?accept_partial=true", "text/markdown", &doc);
    assert_eq!(partial.status, 200);

    // Not a document at all: the reader's own problem, with its line.
    let text = s.post("/v1/convert", "text/plain", b"just a line of text\n");
    assert_eq!(text.status, 422);
    assert_eq!(problem(&text)["diagnostics"][0]["code"], "no-positions");
    // Broken iki JSON: the line of the error.
    let json = s.post(
        "/v1/convert",
        "application/json",
        b"{\n  \"schema_version\": 2,\n",
    );
    assert_eq!(json.status, 422);
    let p = problem(&json);
    assert_eq!(p["diagnostics"][0]["code"], "not-iki-json");
    assert!(p["diagnostics"][0]["line"].as_u64().unwrap() >= 2);
    // An empty body and a wrong query are 400.
    assert_eq!(
        problem(&s.post("/v1/convert", "text/markdown", b""))
            .get("status")
            .unwrap(),
        400
    );
    let q = s.post("/v1/convert?format=pdf", "text/markdown", &seed());
    assert_eq!(q.status, 400);
    assert!(problem(&q)["detail"].as_str().unwrap().contains("format"));
    let q = s.post("/v1/convert?no_such=1", "text/markdown", &seed());
    assert_eq!(q.status, 400);
}

#[test]
fn wrong_content_is_415() {
    let s = Server::default();
    // A form where a document is expected.
    let (ct, body) = multipart(&[("old", "a.md", &seed())]);
    for route in ["/v1/convert", "/v1/check"] {
        let r = s.post(route, &ct, &body);
        assert_eq!(r.status, 415, "{route}");
        assert_eq!(problem(&r)["type"], "urn:iki:problem:multipart-body");
    }
    // A document where a form is expected.
    let r = s.post("/v1/diff", "text/markdown", &seed());
    assert_eq!(r.status, 415);
    // Binary, and a zip that is no Office file: not a kind iki reads.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let r = s.post("/v1/convert", "image/png", png);
    assert_eq!(r.status, 415, "{}", r.text());
    assert!(problem(&r)["diagnostics"][0]["code"].is_string());
    let zip = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    let r = s.post("/v1/convert", "application/zip", zip);
    assert!(r.status == 415 || r.status == 422, "{}", r.text());
    problem(&r);
}

#[test]
fn wrong_methods_are_405_with_allow_and_unknown_routes_404() {
    let s = Server::default();
    for (method, path) in iki_serve::API_ROUTES {
        let wrong = if method == "GET" { "DELETE" } else { "GET" };
        let r = request(s.addr, wrong, path, &[], b"").unwrap();
        assert_eq!(r.status, 405, "{wrong} {path}");
        assert!(r.header("allow").unwrap().contains(method), "{path}");
        problem(&r);
    }
    let r = s.get("/v2/convert");
    assert_eq!(r.status, 404);
    problem(&r);
}

#[test]
fn oversized_bodies_are_413() {
    let s = small(|c| c.max_body_bytes = 4096);
    // Told by Content-Length: refused before the body is read.
    let mut stream = connect(s.addr, Duration::from_secs(30)).unwrap();
    stream
        .write_all(&head(
            "POST",
            "/v1/convert",
            &[("Content-Type", "text/markdown")],
            Some(10 << 20),
        ))
        .unwrap();
    let r = read_response(&mut stream).unwrap();
    assert_eq!(r.status, 413);
    assert!(problem(&r)["detail"]
        .as_str()
        .unwrap()
        .contains("4096 bytes"));
    // A chunked body: refused when it passes the limit.
    let mut stream = connect(s.addr, Duration::from_secs(30)).unwrap();
    let mut raw = head(
        "POST",
        "/v1/convert",
        &[("Transfer-Encoding", "chunked")],
        None,
    );
    let chunk = vec![b'a'; 5000];
    raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
    raw.extend_from_slice(&chunk);
    raw.extend_from_slice(b"\r\n0\r\n\r\n");
    stream.write_all(&raw).unwrap();
    let r = read_response(&mut stream).unwrap();
    assert_eq!(r.status, 413);
    problem(&r);
    // The diff's form too.
    let (ct, body) = multipart(&[("old", "a.md", &seed()), ("new", "b.md", &seed())]);
    let r = s.post("/v1/diff", &ct, &body);
    assert_eq!(r.status, 413);
    problem(&r);
    // Under the limit is fine.
    let small_doc = "### 1. JABATAN ANALIS\n\n- Tugas : Menganalisis.\n\n\
                     SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
                     Tersedianya data\tJumlah data\tJumlah data\tLaporan Kinerja\n";
    assert_eq!(
        s.post("/v1/convert", "text/markdown", small_doc.as_bytes())
            .status,
        200
    );
}

#[test]
fn a_slow_client_is_cut_off_by_the_time_limit() {
    let s = small(|c| c.request_timeout = Duration::from_secs(1));
    // A body that trickles.
    let start = Instant::now();
    let mut stream = connect(s.addr, Duration::from_secs(20)).unwrap();
    stream
        .write_all(&head("POST", "/v1/convert", &[], Some(1000)))
        .unwrap();
    stream.write_all(b"### 1. JABATAN").unwrap();
    let r = read_response(&mut stream).unwrap();
    assert_eq!(r.status, 408);
    assert_eq!(problem(&r)["type"], "urn:iki:problem:timeout");
    assert!(start.elapsed() < Duration::from_secs(10));
    // A head that trickles: the connection is closed.
    let start = Instant::now();
    let mut stream = connect(s.addr, Duration::from_secs(20)).unwrap();
    stream
        .write_all(b"POST /v1/convert HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "the connection was held for {:?}",
        start.elapsed()
    );
    // The server still answers.
    assert_eq!(s.get("/healthz").status, 200);
}

#[test]
fn conversions_past_the_bound_are_503_with_retry_after() {
    let s = small(|c| c.max_concurrent = 1);
    // A long document keeps the one permit busy for a while.
    let seed = seed();
    let mut big = Vec::new();
    for _ in 0..80 {
        big.extend_from_slice(&seed);
        big.push(b'\n');
    }
    let mut stream = connect(s.addr, Duration::from_secs(120)).unwrap();
    stream
        .write_all(&head(
            "POST",
            "/v1/convert?format=ndjson",
            &[],
            Some(big.len()),
        ))
        .unwrap();
    stream.write_all(&big).unwrap();
    // The body is in; the server takes the permit as soon as it has read it.
    std::thread::sleep(Duration::from_millis(100));
    let slow = std::thread::spawn(move || read_response(&mut stream).unwrap());
    // Ask until a refusal comes (the big one is being converted) or the
    // big one is done.
    let mut refused = None;
    while !slow.is_finished() {
        let r = s.post("/v1/check", "text/markdown", &seed);
        if r.status == 503 {
            refused = Some(r);
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = refused.expect("no 503 while the one permit was taken");
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(problem(&r)["type"], "urn:iki:problem:busy");
    let slow = slow.join().unwrap();
    assert_eq!(
        slow.status,
        200,
        "{}",
        slow.text().chars().take(500).collect::<String>()
    );
    // Free again.
    assert_eq!(s.post("/v1/check", "text/markdown", &seed).status, 200);
}

#[test]
fn check_gives_the_report() {
    let s = Server::default();
    let r = s.post("/v1/check?name=dir/iki-2024.md", "text/markdown", &seed());
    assert_eq!(r.status, 200, "{}", r.text());
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["file"], "iki-2024.md");
    for key in ["summary", "diagnostics", "changes", "suggestions"] {
        assert!(!v[key].is_null(), "{key}");
    }
    assert_eq!(
        v["summary"]["fixed"].as_u64().unwrap() as usize,
        v["changes"].as_array().unwrap().len()
    );
    // A document that lost tables is reported, not refused.
    let doc = std::fs::read(common::root().join("fixtures/parse/tables-unreadable.md")).unwrap();
    let r = s.post("/v1/check", "text/markdown", &doc);
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 3);
}

#[test]
fn diff_gives_json_html_and_markdown_and_escapes_document_text() {
    let s = Server::default();
    let old = seed();
    let new = common::next_year();
    let (ct, body) = multipart(&[("old", "iki-2024.md", &old), ("new", "iki-2025.md", &new)]);
    let json = s.post("/v1/diff", &ct, &body);
    assert_eq!(json.status, 200, "{}", json.text());
    let v: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(v["old"]["file"], "iki-2024.md");
    assert!(!v["changes"].as_array().unwrap().is_empty());
    let ignoring = s.post("/v1/diff?ignore_years=true", &ct, &body);
    let w: serde_json::Value = serde_json::from_slice(&ignoring.body).unwrap();
    assert!(w["changes"].as_array().unwrap().len() <= v["changes"].as_array().unwrap().len());

    let md = s.post("/v1/diff?format=markdown&lang=en", &ct, &body);
    assert_eq!(md.status, 200);
    assert!(md
        .header("content-type")
        .unwrap()
        .starts_with("text/markdown"));

    // Document text lands in the HTML escaped, under a policy of its own.
    let hostile = String::from_utf8(new).unwrap().replacen(
        "Persentase",
        "<script>alert(1)</script>Persentase",
        3,
    );
    let (ct, body) = multipart(&[
        ("old", "<b>old</b>.md", &old),
        ("new", "new.md", hostile.as_bytes()),
    ]);
    let html = s.post("/v1/diff?format=html", &ct, &body);
    assert_eq!(html.status, 200, "{}", html.text());
    assert_eq!(
        html.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        html.header("content-security-policy"),
        Some(iki_serve::REPORT_CSP)
    );
    let page = html.text();
    assert!(
        page.contains("&lt;script&gt;alert(1)"),
        "the text is not shown escaped"
    );
    assert!(!page.contains("<script>alert(1)"));
    assert!(!page.contains("<b>old</b>"));

    // The form must have both parts, once, and no others.
    for parts in [
        vec![("old", "a.md", old.as_slice())],
        vec![("old", "a.md", &old), ("old", "b.md", &old)],
        vec![
            ("old", "a.md", &old),
            ("new", "b.md", &old),
            ("x", "c", b"1"),
        ],
    ] {
        let (ct, body) = multipart(&parts);
        let r = s.post("/v1/diff", &ct, &body);
        assert_eq!(r.status, 400);
        problem(&r);
    }
}

#[test]
fn schemas_health_and_the_web_page() {
    let s = Server::default();
    for (path, title) in [
        ("/v1/schema/document", "Document"),
        ("/v1/schema/row", "Row"),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("application/schema+json"));
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(
            v["title"].as_str().unwrap_or_default().contains(title),
            "{v}"
        );
    }
    let h = s.get("/healthz");
    assert_eq!(h.status, 200);
    assert_eq!(h.text(), "{\"status\":\"ok\"}\n");
    for (path, ct) in [
        ("/", "text/html; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ct), "{path}");
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
    assert!(s.get("/").text().contains("iki"));
}

/// The OpenAPI description lists every route, and every route it lists is
/// routed with the method it gives.
#[test]
fn openapi_matches_the_routes() {
    let s = Server::default();
    let r = s.get("/openapi.json");
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    let mut described: Vec<(String, String)> = Vec::new();
    for (path, item) in v["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            described.push((method.to_uppercase(), path.clone()));
        }
    }
    described.sort();
    let mut routed: Vec<(String, String)> = iki_serve::API_ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    routed.sort();
    assert_eq!(described, routed);
    for (method, path) in &described {
        let r = request(s.addr, method, path, &[], b"").unwrap();
        assert!(
            r.status != 404 && r.status != 405,
            "{method} {path} is described but answers {}",
            r.status
        );
    }
}

/// No request reads or writes a file of the server, and no answer names
/// one: a path in the body or the name is text, never opened.
#[test]
fn no_request_reaches_a_server_file() {
    let s = Server::default();
    let cwd = std::env::current_dir().unwrap().display().to_string();
    let tmp = std::env::temp_dir().display().to_string();
    let answers = [
        s.post("/v1/convert", "text/plain", b"/etc/passwd"),
        s.post("/v1/convert?name=../../etc/passwd", "text/plain", b"x"),
        s.post("/v1/convert", "application/pdf", b"%PDF-1.4\n%broken\n"),
        s.post("/v1/check?name=/etc/shadow", "text/plain", b"\0\0\0"),
        s.get("/../../etc/passwd"),
    ];
    for r in &answers {
        let text = r.text();
        assert!(r.status >= 400, "{text}");
        assert!(!text.contains("root:"), "{text}");
        assert!(!text.contains(&cwd), "{text}");
        assert!(!text.contains(&format!("{tmp}/")), "{text}");
    }
}

/// On shutdown, the requests in flight are answered and new connections
/// are refused.
#[test]
fn shutdown_finishes_requests_in_flight() {
    let mut s = Server::default();
    let seed = seed();
    let expected = s.post("/v1/convert", "text/markdown", &seed).body;
    let mut stream = connect(s.addr, Duration::from_secs(60)).unwrap();
    stream
        .write_all(&head("POST", "/v1/convert", &[], Some(seed.len())))
        .unwrap();
    let half = seed.len() / 2;
    stream.write_all(&seed[..half]).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    s.begin_shutdown();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        std::net::TcpStream::connect(s.addr).is_err(),
        "a new connection was accepted while stopping"
    );
    stream.write_all(&seed[half..]).unwrap();
    let r = read_response(&mut stream).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.body, expected);
    s.join();
}
