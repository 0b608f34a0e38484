//! A server on 127.0.0.1:0 in a thread of its own, stopped (gracefully)
//! when dropped.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use iki_serve::Config;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[allow(unused_imports)]
pub use iki_serve::client::{multipart, request, Response};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn seed() -> Vec<u8> {
    std::fs::read(root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap()
}

pub fn next_year() -> Vec<u8> {
    std::fs::read(root().join("fixtures/diff/bkpsdm-sumenep-2025.md")).unwrap()
}

pub struct Server {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(config: Config) -> Server {
        let (tx, rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                iki_serve::serve(listener, config, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn default() -> Server {
        Server::start(Config::default())
    }

    /// Starts the graceful shutdown; [`Server::join`] waits for it.
    pub fn begin_shutdown(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }

    pub fn join(&mut self) {
        self.begin_shutdown();
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }

    pub fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, &[], b"").unwrap()
    }

    pub fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Response {
        request(
            self.addr,
            "POST",
            path,
            &[("Content-Type", content_type)],
            body,
        )
        .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.join();
    }
}

/// The problem document of a response, checked to be one.
pub fn problem(r: &Response) -> serde_json::Value {
    assert_eq!(
        r.header("content-type"),
        Some("application/problem+json"),
        "{} {}",
        r.status,
        r.text()
    );
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["status"], r.status);
    for key in ["type", "title", "detail"] {
        assert!(v[key].is_string(), "{key} missing: {v}");
    }
    v
}
