//! The web page at `/` as a person uses it, in headless Chromium driven
//! over the DevTools protocol (the `headless_chrome` crate, pointed at the
//! system's Chromium; it never downloads a browser): choose the seed and
//! see its 276 rows, filter them, download the CSV and read it back; choose
//! two years and see the diff; hostile document text shows as text.
//!
//! Skipped where Chromium is not installed, unless `IKI_REQUIRE_CHROMIUM`
//! is set (as `.ci/run` does). Screenshots are kept under the target
//! directory (`page-*.png`) for a person to look at.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Server;
use headless_chrome::protocol::cdp::{Browser as CdpBrowser, Emulation, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One browser at a time: the machines have two cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Headless Chromium, where installed (`IKI_REQUIRE_CHROMIUM` makes its
/// absence a failure).
fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("IKI_REQUIRE_CHROMIUM").is_none(),
            "chromium is required here"
        );
        eprintln!("skipped: chromium is not installed");
    }
    found
}

/// What is installed in every page before its own script runs: counts of
/// the dialogs opened and of the Content-Security-Policy violations (an
/// inline script or handler that got into the page would cause one).
const WATCH: &str = r#"
window.__dialogs = 0;
window.alert = window.confirm = window.prompt = function () { window.__dialogs += 1; };
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"#;

/// A browser with a fresh profile, no network beyond this machine, and
/// downloads going to `downloads`; its tab is on the page of `server`.
struct Window {
    _browser: Browser,
    tab: Arc<Tab>,
    _profile: tempfile::TempDir,
}

impl Window {
    fn open(chromium: &Path, server: &Server, downloads: &Path) -> Window {
        let profile = tempfile::tempdir().unwrap();
        let args: Vec<&OsStr> = [
            "--disable-quic",
            "--disable-component-update",
            "--disable-background-networking",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions {
            path: Some(chromium.to_path_buf()),
            headless: true,
            sandbox: false,
            enable_gpu: false,
            window_size: Some((1280, 1100)),
            user_data_dir: Some(profile.path().to_path_buf()),
            idle_browser_timeout: Duration::from_secs(300),
            args,
            ..LaunchOptions::default()
        };
        let browser = Browser::new(options).expect("chromium starts");
        let tab = browser.new_tab().unwrap();
        tab.set_default_timeout(Duration::from_secs(60));
        tab.call_method(CdpBrowser::SetDownloadBehavior {
            behavior: CdpBrowser::SetDownloadBehaviorBehaviorOption::Allow,
            browser_context_id: None,
            download_path: Some(downloads.display().to_string()),
            events_enabled: None,
        })
        .unwrap();
        tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
            source: WATCH.to_string(),
            world_name: None,
            include_command_line_api: None,
            run_immediately: None,
        })
        .unwrap();
        tab.navigate_to(&format!("http://{}/", server.addr))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        tab.wait_for_element("#berkas").unwrap();
        Window {
            _browser: browser,
            tab,
            _profile: profile,
        }
    }

    /// The value of a JavaScript expression, through JSON.
    fn eval(&self, expression: &str) -> Value {
        let js = format!("JSON.stringify((() => {{ return ({expression}); }})())");
        let out = self.tab.evaluate(&js, false).unwrap();
        match out.value {
            Some(Value::String(s)) => serde_json::from_str(&s).unwrap(),
            other => panic!("{expression}: no value ({other:?}, {:?})", out.description),
        }
    }

    /// Waits until a JavaScript expression is true.
    fn wait(&self, expression: &str) {
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            if self.eval(expression) == Value::Bool(true) {
                return;
            }
            assert!(
                Instant::now() < until,
                "timed out waiting for {expression}; status: {}, error: {}",
                self.eval("document.getElementById('status').textContent"),
                self.eval("document.getElementById('galat').textContent")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Chooses `files` in the file input `selector`, as a person picking
    /// them in the dialog does (the page's change handler runs).
    fn choose(&self, selector: &str, files: &[&Path]) {
        let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        self.tab
            .wait_for_element(selector)
            .unwrap()
            .set_input_files(&paths)
            .unwrap();
    }

    /// How many rows of the table `selector` are shown.
    fn shown_rows(&self, selector: &str) -> usize {
        self.eval(&format!(
            "[...document.querySelectorAll('{selector} tbody tr')].filter(r => !r.hidden).length"
        ))
        .as_u64()
        .unwrap() as usize
    }

    fn text(&self, selector: &str) -> String {
        self.eval(&format!("document.querySelector('{selector}').textContent"))
            .as_str()
            .unwrap()
            .to_string()
    }

    /// The page as a person sees it (visible text only).
    fn visible_text(&self) -> String {
        self.eval("document.body.innerText")
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Nothing ran that the page did not mean to run.
    fn assert_nothing_ran(&self) {
        assert_eq!(self.eval("window.__dialogs"), 0, "a dialog was opened");
        assert_eq!(
            self.eval("window.__violations"),
            Value::Array(vec![]),
            "the page broke its Content-Security-Policy"
        );
    }

    /// A PNG of the browser window, kept under the target directory.
    fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "a rendered page, not a blank one"
        );
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        std::fs::write(&path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
        path
    }
}

/// The workspace, as a path without `..` (Chromium reads no file chosen
/// through one).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn seed() -> PathBuf {
    root().join("seeds/bkpsdm-sumenep-2024.md")
}

fn next_year() -> PathBuf {
    root().join("fixtures/diff/bkpsdm-sumenep-2025.md")
}

/// The body the API answers to `body` posted to `path` (checked to be 200).
fn api(server: &Server, path: &str, body: &[u8]) -> Vec<u8> {
    let r = server.post(path, "application/octet-stream", body);
    assert_eq!(r.status, 200, "{path}");
    r.body
}

/// Waits for `name` to be fully written in `dir`.
fn downloaded(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let until = Instant::now() + Duration::from_secs(60);
    loop {
        let partial = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"));
        if path.exists() && !partial {
            return std::fs::read(path).unwrap();
        }
        assert!(
            Instant::now() < until,
            "no download {name} in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The seed: 276 rows, filtered by words and by position, the warnings and
/// fixes `/v1/check` gives, the CSV download read back; a screenshot shows
/// the Indonesian labels.
#[test]
fn one_document_rows_filter_check_and_csv() {
    let Some(chromium) = chromium() else {
        return;
    };
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = Server::default();
    let downloads = tempfile::tempdir().unwrap();
    let page = Window::open(&chromium, &server, downloads.path());

    page.choose("#berkas", &[&seed()]);
    page.wait("!document.getElementById('hasil').hidden");
    assert_eq!(page.shown_rows("#baris"), 276);
    assert_eq!(page.text("#jumlah"), "276 baris");
    assert_eq!(
        page.text("#judul-dokumen"),
        "Indikator Kinerja Individu BKPSDM KAB. SUMENEP TAHUN 2024"
    );

    // The rows as the API gives them, to count what a filter must keep.
    let bytes = std::fs::read(seed()).unwrap();
    let rows: Vec<Value> = String::from_utf8(api(
        &server,
        "/v1/convert?format=ndjson&name=bkpsdm-sumenep-2024.md",
        &bytes,
    ))
    .unwrap()
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    assert_eq!(rows.len(), 276);

    // Typing in "Saring baris": every word, in any column, any case.
    page.tab
        .wait_for_element("#saring")
        .unwrap()
        .click()
        .unwrap();
    page.tab.type_str("sistem MERIT").unwrap();
    let fields = [
        "position_number",
        "position_title",
        "sasaran",
        "indikator",
        "formulasi",
        "sumber_data",
    ];
    let expected = rows
        .iter()
        .filter(|r| {
            let text = fields
                .iter()
                .map(|f| r[f].as_str().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\n")
                .to_lowercase();
            text.contains("sistem") && text.contains("merit")
        })
        .count();
    assert!(expected > 0 && expected < 276);
    page.wait(&format!(
        "document.getElementById('jumlah').textContent === 'Menampilkan {expected} dari 276 baris'"
    ));
    assert_eq!(page.shown_rows("#baris"), expected);

    // The filter cleared, one position chosen under "Jabatan".
    page.eval(
        "(() => { const s = document.getElementById('saring'); s.value = ''; \
         s.dispatchEvent(new Event('input')); \
         const j = document.getElementById('jabatan'); j.value = 'administrator/sekretaris'; \
         j.dispatchEvent(new Event('change')); return true; })()",
    );
    let sekretaris = rows
        .iter()
        .filter(|r| r["position_id"] == "administrator/sekretaris")
        .count();
    assert!(sekretaris > 1);
    assert_eq!(page.shown_rows("#baris"), sekretaris);
    assert_eq!(
        page.text("#jumlah"),
        format!("Menampilkan {sekretaris} dari 276 baris")
    );
    // 68 positions to choose from, grouped by kind.
    assert_eq!(
        page.eval("document.querySelectorAll('#jabatan option[value]:not([value=\"\"])').length"),
        68
    );
    page.eval(
        "(() => { const j = document.getElementById('jabatan'); j.value = ''; \
         j.dispatchEvent(new Event('change')); return true; })()",
    );
    assert_eq!(page.shown_rows("#baris"), 276);

    // "Peringatan" and "Perbaikan": what /v1/check says.
    let check: Value = serde_json::from_slice(&api(
        &server,
        "/v1/check?name=bkpsdm-sumenep-2024.md",
        &bytes,
    ))
    .unwrap();
    let diagnostics = check["diagnostics"].as_array().unwrap();
    let changes = check["changes"].as_array().unwrap();
    assert_eq!(
        page.eval("document.querySelectorAll('#daftar-peringatan li').length"),
        diagnostics.len()
    );
    assert_eq!(page.shown_rows("#tabel-perbaikan"), changes.len());
    let warnings = page.text("#daftar-peringatan");
    for d in diagnostics {
        assert!(warnings.contains(d["code"].as_str().unwrap()), "{d}");
    }
    assert!(warnings.contains("the SUMBER DATA cell is empty"));
    assert!(page
        .text("#tabel-perbaikan")
        .contains("Badan Kepegawaian Negara (BKN)"));

    // "Unduh CSV": the file the browser saves is what the API gives, and
    // reads back as 276 rows.
    page.tab
        .find_element("button[data-format=csv]")
        .unwrap()
        .click()
        .unwrap();
    let csv = downloaded(downloads.path(), "bkpsdm-sumenep-2024.csv");
    assert_eq!(
        csv,
        api(
            &server,
            "/v1/convert?format=csv&name=bkpsdm-sumenep-2024.md",
            &bytes
        )
    );
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 276);
    let indikator = headers.iter().position(|h| h == "indikator").unwrap();
    assert_eq!(&records[0][indikator], "Indeks Penilaian Sistem Merit");

    // The labels a person reads, in Indonesian, and a screenshot of them.
    let seen = page.visible_text();
    for label in [
        "Pilih dokumen IKI",
        "Saring baris",
        "Jabatan",
        "Sasaran",
        "Indikator Kinerja",
        "Sumber Data",
        "Unduh JSON",
        "Unduh CSV",
        "Unduh XLSX",
        "Peringatan",
        "Perbaikan",
        "Bandingkan dua tahun",
        "Dokumen tahun lama",
        "Dokumen tahun baru",
    ] {
        assert!(seen.contains(label), "{label:?} is not shown");
    }
    assert_eq!(page.eval("document.documentElement.lang"), "id");
    // The file input has its label and is reached with the keyboard.
    assert_eq!(
        page.eval(
            "(() => { const i = document.getElementById('berkas'); i.focus(); \
             return document.activeElement === i && i.tabIndex === 0 \
             && i.labels[0].textContent.includes('Pilih dokumen IKI'); })()"
        ),
        true
    );
    page.eval("(() => { window.scrollTo(0, 0); return true; })()");
    page.screenshot("page-seed.png");

    // On a phone's width the page does not scroll sideways (the tables
    // scroll within their frames).
    page.tab
        .call_method(Emulation::SetDeviceMetricsOverride {
            width: 390,
            height: 844,
            device_scale_factor: 1.0,
            mobile: true,
            scale: None,
            screen_width: None,
            screen_height: None,
            position_x: None,
            position_y: None,
            dont_set_visible_size: None,
            screen_orientation: None,
            viewport: None,
            display_feature: None,
            device_posture: None,
        })
        .unwrap();
    page.wait("window.innerWidth <= 400");
    let wide = "[...document.querySelectorAll('body *')].filter(e => \
                !(e.parentElement && e.parentElement.closest('.gulir')) && \
                e.getBoundingClientRect().right > window.innerWidth).map(e => e.tagName + '#' + e.id)";
    assert_eq!(
        page.eval(&format!(
            "document.documentElement.scrollWidth <= window.innerWidth || {wide}"
        )),
        true,
        "the page is wider than a phone"
    );
    page.screenshot("page-seed-phone.png");
    page.assert_nothing_ran();
}

/// Two years chosen at once (in the wrong order): the diff of the fixture,
/// earlier year first, and the full report in its sandboxed frame.
#[test]
fn two_documents_show_the_diff() {
    let Some(chromium) = chromium() else {
        return;
    };
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = Server::default();
    let downloads = tempfile::tempdir().unwrap();
    let page = Window::open(&chromium, &server, downloads.path());

    page.choose("#berkas", &[&next_year(), &seed()]);
    page.wait("!document.getElementById('hasil-banding').hidden");
    assert!(page.eval("document.getElementById('hasil').hidden") == Value::Bool(true));

    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/diff/bkpsdm-sumenep-2025.expected.json"))
            .unwrap(),
    )
    .unwrap();
    let expected = fixture.as_array().unwrap().len();
    assert_eq!(expected, 30);
    assert_eq!(page.text("#total-banding"), "30 perubahan");
    assert_eq!(page.shown_rows("#perubahan"), expected);
    let sides = page.text("#sisi-banding");
    assert!(
        sides.contains("TAHUN 2024") && sides.contains("TAHUN 2025"),
        "{sides}"
    );
    assert!(
        sides.find("2024").unwrap() < sides.find("2025").unwrap(),
        "the earlier year is the old side: {sides}"
    );
    let summary = page.text("#ringkasan-banding");
    for label in [
        "Jabatan ditambahkan",
        "Jabatan dihapus",
        "Jabatan berganti nama",
        "Indikator berubah",
        "Hanya tahun berubah",
    ] {
        assert!(summary.contains(label), "{label:?} not in {summary}");
    }
    let changes = page.text("#perubahan");
    assert!(changes.contains("KEPALA BIDANG PENILAIAN KINERJA APARATUR, PEMBINAAN DAN PENGHARGAAN"));
    assert!(changes.contains("Badan Kepegawaian Negara (BKN)"));

    // The full report, from /v1/diff, in a frame sandboxed without scripts
    // (its own origin kept, so that it can be framed at all: a frame with
    // an opaque origin does not match the report's `frame-ancestors 'self'`).
    assert_eq!(
        page.eval("document.getElementById('laporan').getAttribute('sandbox')"),
        "allow-same-origin"
    );
    page.wait(
        "(() => { const d = document.getElementById('laporan').contentDocument; \
         return !!d && d.title.startsWith('Perbandingan IKI: bkpsdm-sumenep-2024.md'); })()",
    );
    let frame = "document.getElementById('laporan').contentDocument";
    assert_eq!(
        page.eval(&format!("{frame}.querySelectorAll('script').length")),
        0
    );
    assert!(page
        .eval(&format!("{frame}.body.innerText"))
        .as_str()
        .unwrap()
        .contains("Jabatan ditambahkan"));

    page.eval(
        "(() => { document.querySelector('#hasil-banding details').open = true; return true; })()",
    );
    page.tab
        .find_element("#total-banding")
        .unwrap()
        .scroll_into_view()
        .unwrap();
    let seen = page.visible_text();
    for label in [
        "Bandingkan dua tahun",
        "Ringkasan",
        "Semua perubahan",
        "Sebelum",
        "Sesudah",
    ] {
        assert!(seen.contains(label), "{label:?} is not shown");
    }
    page.screenshot("page-diff.png");
    page.assert_nothing_ran();
}

/// Markup in a document (a position title, cells, the file's name) shows
/// as the text it is: no element is made of it and nothing of it runs.
#[test]
fn hostile_document_text_shows_as_text() {
    let Some(chromium) = chromium() else {
        return;
    };
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = Server::default();
    let downloads = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = "<script>alert(1)</script>";
    let img = "<img src=x onerror=alert(1)>";
    let doc = format!(
        "# IKI\n\n## Indikator Kinerja Individu DINAS UJI TAHUN 2024\n\n\
         ### 1. JABATAN KEPALA {script} DINAS {img}\n\n\
         - Tugas : Membantu Bupati.\n- Fungsi : a. uji;\n\n\
         SASARAN\tINDIKATOR KINERJA\tPENJELASAN / FORMULASI PENGHITUNGAN\tSUMBER DATA\n\
         Meningkatnya {script} Mutu\tIndeks {img} Mutu\tJumlah uji\tLaporan\n"
    );
    let file = dir.path().join("<img src=x onerror=alert(2)>-2024.md");
    std::fs::write(&file, doc).unwrap();
    let page = Window::open(&chromium, &server, downloads.path());

    page.choose("#berkas", &[&file]);
    page.wait("!document.getElementById('hasil').hidden");
    assert_eq!(page.shown_rows("#baris"), 1);
    let row = page.text("#baris tbody tr");
    assert!(
        row.contains(&format!("1. KEPALA {script} DINAS {img}")),
        "{row}"
    );
    assert!(
        row.contains(&format!("Meningkatnya {script} Mutu")),
        "{row}"
    );
    assert!(row.contains(&format!("Indeks {img} Mutu")), "{row}");
    assert!(page
        .text("#ringkasan")
        .contains("<img src=x onerror=alert(2)>-2024.md"));
    assert!(page.text("#jabatan").contains(script));

    // Filtering on the markup finds it as text.
    page.tab
        .wait_for_element("#saring")
        .unwrap()
        .click()
        .unwrap();
    page.tab.type_str("<script>").unwrap();
    assert_eq!(page.shown_rows("#baris"), 1);

    // No element was made of the document's text.
    assert_eq!(
        page.eval("document.querySelector('img[src=x]') === null"),
        true
    );
    assert_eq!(page.eval("document.querySelectorAll('img').length"), 0);
    assert_eq!(page.eval("document.querySelectorAll('script').length"), 1);
    assert_eq!(
        page.eval("[...document.querySelectorAll('[onerror]')].length"),
        0
    );
    // A next year where the hostile indicator changed: its text is text in
    // the diff too.
    let next = dir.path().join("<img src=x onerror=alert(2)>-2025.md");
    std::fs::write(
        &next,
        std::fs::read_to_string(&file)
            .unwrap()
            .replace("TAHUN 2024", "TAHUN 2025")
            .replace(
                &format!("Indeks {img} Mutu"),
                &format!("Indeks {img} Mutu {script}"),
            ),
    )
    .unwrap();
    page.choose("#berkas", &[&next, &file]);
    page.wait("!document.getElementById('hasil-banding').hidden");
    assert_eq!(page.text("#total-banding"), "1 perubahan");
    let change = page.text("#perubahan tbody tr");
    assert!(
        change.contains(&format!("KEPALA {script} DINAS {img}")),
        "{change}"
    );
    assert!(
        change.contains(&format!("Indeks {img} Mutu {script}")),
        "{change}"
    );
    assert_eq!(page.eval("document.querySelectorAll('img').length"), 0);
    assert_eq!(page.eval("document.querySelectorAll('script').length"), 1);
    // And in the full report, in its frame.
    page.wait(
        "(() => { const d = document.getElementById('laporan').contentDocument; \
         return !!d && d.title.startsWith('Perbandingan IKI'); })()",
    );
    let frame = "document.getElementById('laporan').contentDocument";
    assert_eq!(
        page.eval(&format!(
            "{frame}.querySelectorAll('img, script, [onerror]').length"
        )),
        0
    );
    assert!(page
        .eval(&format!("{frame}.body.textContent"))
        .as_str()
        .unwrap()
        .contains(&format!("Indeks {img} Mutu")));
    page.assert_nothing_ran();
}
