//! A minimal blocking HTTP/1.1 client over a plain TCP stream, for the
//! tests and the load generator (not a stable API): one request per
//! connection, and raw writes for the tests of slow and hostile clients.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A response.
#[derive(Clone, Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body (de-chunked).
    pub body: Vec<u8>,
}

impl Response {
    /// The first header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Connects with a time limit on reads and writes.
pub fn connect(addr: SocketAddr, timeout: Duration) -> io::Result<TcpStream> {
    let stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let _ = stream.set_nodelay(true);
    Ok(stream)
}

/// The head of a request with a body of `len` bytes.
pub fn head(method: &str, path: &str, headers: &[(&str, &str)], len: Option<usize>) -> Vec<u8> {
    let mut h = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (n, v) in headers {
        h.push_str(&format!("{n}: {v}\r\n"));
    }
    if let Some(len) = len {
        h.push_str(&format!("Content-Length: {len}\r\n"));
    }
    h.push_str("\r\n");
    h.into_bytes()
}

/// Sends one request and reads the whole response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<Response> {
    let mut stream = connect(addr, Duration::from_secs(120))?;
    let len = if method == "GET" && body.is_empty() {
        None
    } else {
        Some(body.len())
    };
    let mut bytes = head(method, path, headers, len);
    bytes.extend_from_slice(body);
    stream.write_all(&bytes)?;
    read_response(&mut stream)
}

/// A multipart/form-data body of `(name, file name, bytes)` parts, and its
/// content type.
pub fn multipart(parts: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "iki-test-boundary-7d41b2";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Reads a response to the end of the connection.
pub fn read_response(stream: &mut TcpStream) -> io::Result<Response> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse(&raw)
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

/// Parses a whole response.
pub fn parse(raw: &[u8]) -> io::Result<Response> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of the response head"))?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        dechunk(rest)?
    } else {
        rest.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut rest: &[u8]) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| bad("no chunk size"))?;
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| bad("bad chunk size"))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        if rest.len() < size + 2 {
            return Err(bad("short chunk"));
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

/// What a load run measured.
#[derive(Clone, Debug, Default)]
pub struct Load {
    /// Requests answered 200 with the expected body.
    pub ok: usize,
    /// Requests that failed (another status, another body, an I/O error).
    pub failed: usize,
    /// The first failure, described.
    pub first_failure: Option<String>,
    /// Every successful request's latency, sorted.
    pub latencies: Vec<Duration>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Load {
    /// The `q` quantile of the latencies (0.5 for the median).
    pub fn quantile(&self, q: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let i = ((self.latencies.len() as f64 - 1.0) * q).round() as usize;
        self.latencies[i.min(self.latencies.len() - 1)]
    }

    /// Successful requests per second.
    pub fn throughput(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// `clients` threads each posting `body` to `path` one request after
/// another for `duration`; each answer must be 200 with `expected` bytes.
pub fn load(
    addr: SocketAddr,
    path: &str,
    body: &[u8],
    expected: &[u8],
    clients: usize,
    duration: Duration,
) -> Load {
    let start = std::time::Instant::now();
    let results: Vec<Load> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                scope.spawn(move || {
                    let mut mine = Load::default();
                    while start.elapsed() < duration {
                        let t = std::time::Instant::now();
                        match request(addr, "POST", path, &[], body) {
                            Ok(r) if r.status == 200 && r.body == expected => {
                                mine.ok += 1;
                                mine.latencies.push(t.elapsed());
                            }
                            other => {
                                mine.failed += 1;
                                if mine.first_failure.is_none() {
                                    mine.first_failure = Some(match other {
                                        Ok(r) => format!(
                                            "{} {}",
                                            r.status,
                                            r.text().chars().take(300).collect::<String>()
                                        ),
                                        Err(e) => e.to_string(),
                                    });
                                }
                            }
                        }
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut total = Load {
        elapsed: start.elapsed(),
        ..Load::default()
    };
    for r in results {
        total.ok += r.ok;
        total.failed += r.failed;
        total.latencies.extend(r.latencies);
        if total.first_failure.is_none() {
            total.first_failure = r.first_failure;
        }
    }
    total.latencies.sort();
    total
}

/// This process's resident memory in bytes (Linux; 0 elsewhere).
pub fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}
