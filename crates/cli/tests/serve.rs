//! `iki serve` as a process, over loopback: every route gives the bytes
//! the matching command gives for the same input (convert, rows, check,
//! export, diff, schema), and SIGTERM stops it after the requests in
//! flight are answered.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use iki_serve::client::{connect, head, multipart, read_response, request, Response};
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// `iki serve` on 127.0.0.1:0; its address from the start-up line.
struct Served {
    child: Child,
    addr: SocketAddr,
    stderr: BufReader<std::process::ChildStderr>,
}

impl Served {
    fn start() -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_iki"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let rest = line
            .strip_prefix("iki: serving on http://")
            .unwrap_or_else(|| panic!("start-up line: {line:?}"));
        let (addr, reach) = rest.trim_end().split_once(' ').unwrap();
        assert_eq!(reach, "(loopback only)");
        let mut limits = String::new();
        stderr.read_line(&mut limits).unwrap();
        assert!(limits.contains("32 MB"), "{limits}");
        Served {
            child,
            addr: addr.parse().unwrap(),
            stderr,
        }
    }

    fn post(&self, path: &str, body: &[u8]) -> Response {
        let r = request(self.addr, "POST", path, &[], body).unwrap();
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        r
    }

    fn terminate(&self) {
        let killed = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The standard output of `iki ARGS`, run in `dir`.
fn iki(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_iki"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "iki {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn same(what: &str, served: &[u8], command: &[u8]) {
    assert!(
        served == command,
        "{what}: the server's {} bytes differ from the command's {} bytes",
        served.len(),
        command.len()
    );
}

#[test]
fn every_route_gives_the_commands_bytes() {
    let s = Served::start();
    let seeds = common::root().join("seeds");
    let seed = std::fs::read(seeds.join("bkpsdm-sumenep-2024.md")).unwrap();
    let name = "bkpsdm-sumenep-2024.md";

    same(
        "convert",
        &s.post("/v1/convert", &seed).body,
        &iki(&seeds, &["convert", "-q", name]),
    );
    same(
        "convert --compact",
        &s.post("/v1/convert?compact=true", &seed).body,
        &iki(&seeds, &["convert", "-q", "--compact", name]),
    );
    same(
        "convert --raw",
        &s.post("/v1/convert?raw=true", &seed).body,
        &iki(&seeds, &["convert", "-q", "--raw", name]),
    );
    same(
        "rows",
        &s.post("/v1/convert?format=ndjson", &seed).body,
        &iki(&seeds, &["rows", "-q", name]),
    );
    same(
        "export --format csv",
        &s.post("/v1/convert?format=csv", &seed).body,
        &iki(&seeds, &["export", "-q", "--format", "csv", name]),
    );
    same(
        "export --format csv --excel",
        &s.post("/v1/convert?format=csv&excel=true", &seed).body,
        &iki(
            &seeds,
            &["export", "-q", "--format", "csv", "--excel", name],
        ),
    );
    same(
        "check --format json",
        &s.post(&format!("/v1/check?name={name}"), &seed).body,
        &iki(&seeds, &["check", "--format", "json", name]),
    );
    // Canonical JSON in: as the command reads it.
    let dir = tempfile::tempdir().unwrap();
    let json = iki(&seeds, &["convert", "-q", name]);
    std::fs::write(dir.path().join("seed.json"), &json).unwrap();
    same(
        "convert of JSON",
        &s.post("/v1/convert", &json).body,
        &iki(dir.path(), &["convert", "-q", "seed.json"]),
    );

    let next = common::root().join("fixtures/diff");
    let old = seed.clone();
    let new = std::fs::read(next.join("bkpsdm-sumenep-2025.md")).unwrap();
    std::fs::write(dir.path().join("iki-2024.md"), &old).unwrap();
    std::fs::write(dir.path().join("iki-2025.md"), &new).unwrap();
    let (ct, form) = multipart(&[("old", "iki-2024.md", &old), ("new", "iki-2025.md", &new)]);
    for (query, args) in [
        ("format=json", vec!["--format", "json"]),
        (
            "format=json&ignore_years=true",
            vec!["--format", "json", "--ignore-years"],
        ),
        ("format=html", vec!["--format", "html"]),
        (
            "format=html&lang=en",
            vec!["--format", "html", "--lang", "en"],
        ),
        ("format=markdown", vec!["--format", "markdown"]),
    ] {
        let r = request(
            s.addr,
            "POST",
            &format!("/v1/diff?{query}"),
            &[("Content-Type", &ct)],
            &form,
        )
        .unwrap();
        assert_eq!(r.status, 200, "{query}: {}", r.text());
        let mut cmd = vec!["diff", "-q", "iki-2024.md", "iki-2025.md"];
        cmd.extend(args);
        same(&format!("diff {query}"), &r.body, &iki(dir.path(), &cmd));
    }

    for kind in ["document", "row"] {
        let r = request(s.addr, "GET", &format!("/v1/schema/{kind}"), &[], b"").unwrap();
        same(
            &format!("schema {kind}"),
            &r.body,
            &iki(dir.path(), &["schema", kind]),
        );
    }
}

#[test]
fn sigterm_finishes_the_request_in_flight_then_exits_0() {
    let mut s = Served::start();
    let seed = std::fs::read(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    let mut stream = connect(s.addr, Duration::from_secs(60)).unwrap();
    stream
        .write_all(&head("POST", "/v1/convert", &[], Some(seed.len())))
        .unwrap();
    let half = seed.len() / 2;
    stream.write_all(&seed[..half]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.terminate();
    let mut line = String::new();
    s.stderr.read_line(&mut line).unwrap();
    assert!(line.contains("stopping"), "{line}");
    stream.write_all(&seed[half..]).unwrap();
    let r = read_response(&mut stream).unwrap();
    assert_eq!(r.status, 200);
    same(
        "convert during shutdown",
        &r.body,
        &iki(
            &common::root(),
            &["convert", "-q", "seeds/bkpsdm-sumenep-2024.md"],
        ),
    );
    let status = s.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}
