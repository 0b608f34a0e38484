"""Tests of the Python package `iki`: every function on the seed and on the
fixtures, equal to the `iki` command's output.

The command is found through IKI_BIN (the Rust test crates/cli/tests/python.rs
sets it), else target/debug/iki or target/release/iki; without it the
comparisons with the command are skipped, unless IKI_REQUIRE_PYTHON=1
(CI), where they fail.
"""

import json
import os
import pathlib
import pickle
import hashlib
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import iki

ROOT = pathlib.Path(os.environ.get("IKI_ROOT", pathlib.Path(__file__).resolve().parents[3]))
SEED = "seeds/bkpsdm-sumenep-2024.md"
REQUIRED = os.environ.get("IKI_REQUIRE_PYTHON") == "1"


def _find_bin():
    given = os.environ.get("IKI_BIN")
    if given:
        return given
    for profile in ("debug", "release"):
        p = ROOT / "target" / profile / "iki"
        if p.exists():
            return str(p)
    return None


IKI_BIN = _find_bin()


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    # Paths are given relative to the repository, as to the command, so that
    # the names in reports are the same.
    monkeypatch.chdir(ROOT)


def cli(*args):
    """Runs the command; returns (exit status, stdout text)."""
    if IKI_BIN is None:
        if REQUIRED:
            pytest.fail("the iki command was not found (set IKI_BIN)")
        pytest.skip("the iki command was not found (set IKI_BIN or cargo build)")
    p = subprocess.run(
        [IKI_BIN, *args], cwd=ROOT, capture_output=True, env={**os.environ, "NO_COLOR": "1"}
    )
    return p.returncode, p.stdout.decode("utf-8")


def every_document():
    """Every document under fixtures/ and seeds/ (as iki export expands
    them), relative to the repository."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return iki.documents("seeds", "fixtures")
    finally:
        os.chdir(here)


DOCUMENTS = every_document()
ORIGINALS = [
    "fixtures/originals/dinsos-word.docx",
    "fixtures/originals/bpbd-excel.xlsx",
    "fixtures/originals/disnaker-excel-sheets.xls",
    "fixtures/originals/disnaker-excel-sheets.ods",
    "fixtures/originals/dinsos-word.pdf",
]


def test_documents_found():
    assert SEED in DOCUMENTS
    assert len(DOCUMENTS) > 40
    assert DOCUMENTS == every_document()


# ------------------------------------------------------------------ the seed


def test_seed_rows_276():
    rows = iki.rows(SEED)
    assert len(rows) == 276
    assert list(rows[0]) == list(iki.ROW_COLUMNS)


def test_seed_convert():
    doc = iki.convert(SEED)
    assert doc["schema_version"] == iki.SCHEMA_VERSION
    assert list(doc)[0] == "schema_version"
    positions = [p for g in doc["groups"] for p in g["positions"]] + [
        p for g in doc["groups"] for u in g["units"] for p in u.get("positions", [])
    ]
    assert positions and all("id" in p for p in positions)
    assert doc["year"] == 2024


def test_seed_render_is_markdown():
    text = iki.render(SEED)
    assert text.startswith("#") or "|" in text
    # Rendered markdown reads back to the same rows (at other lines).
    key = lambda r: (r["position_id"], r["sasaran"], r["indikator"], r["formulasi"])
    assert [key(r) for r in iki.rows(text.encode())] == [key(r) for r in iki.rows(SEED)]


def test_seed_check():
    (report,) = iki.check(SEED)
    assert report["file"] == SEED
    assert set(report) >= {"file", "summary", "diagnostics", "changes", "suggestions"}
    assert report["summary"]["fixed"] == len(report["changes"]) > 0


def test_seed_diff_against_itself_is_empty():
    report = iki.diff(SEED, SEED)
    assert report["changes"] == []


def test_seed_diff_against_2025():
    report = iki.diff(SEED, "fixtures/diff/bkpsdm-sumenep-2025.md")
    assert report["changes"]


def test_seed_to_pandas():
    pd = pytest.importorskip("pandas")
    frame = iki.to_pandas(SEED)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == 276
    assert list(frame.columns) == list(iki.TABLE_COLUMNS)
    assert set(frame["file"]) == {SEED}


# ------------------------------------------------------------ the command


@pytest.mark.parametrize("path", DOCUMENTS)
def test_convert_equals_command(path):
    status, out = cli("convert", "-q", path)
    if status == 0:
        assert iki.convert(path) == json.loads(out)
        # Key order too, at every level.
        assert json.dumps(iki.convert(path)) == json.dumps(json.loads(out))
    else:
        with pytest.raises(iki.IkiError) as e:
            iki.convert(path)
        assert e.value.path == path
        assert e.value.diagnostics
        if status == 74:
            assert isinstance(e.value, iki.UnreadableInputError)


@pytest.mark.parametrize("path", DOCUMENTS)
def test_rows_equal_command(path):
    status, out = cli("rows", "-q", path)
    if status == 0:
        assert iki.rows(path) == [json.loads(line) for line in out.splitlines()]
    else:
        with pytest.raises(iki.IkiError):
            iki.rows(path)


@pytest.mark.parametrize("path", [SEED, *ORIGINALS, "fixtures/agencies/dinkes-pipe.md"])
def test_render_equals_command(path):
    status, out = cli("render", "-q", path)
    assert status == 0
    assert iki.render(path) == out


@pytest.mark.parametrize("path", [SEED, "fixtures/agencies/dinkes-pipe.md", ORIGINALS[0]])
def test_raw_equals_command(path):
    status, out = cli("convert", "-q", "--raw", path)
    assert status == 0
    assert iki.convert(path, raw=True) == json.loads(out)


def test_glossary_equals_command(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_text("kepegawaian\tkepegawaian daerah\n", encoding="utf-8")
    status, out = cli("convert", "-q", "--glossary", str(glossary), SEED)
    assert status == 0
    assert iki.convert(SEED, glossary=glossary) == json.loads(out)
    assert iki.convert(SEED, glossary=[str(glossary)]) == json.loads(out)


@pytest.mark.parametrize(
    "paths",
    [
        [SEED],
        ["fixtures/agencies/dinkes-pipe.md"],
        [SEED, "fixtures/diff/bkpsdm-sumenep-2025.md"],
        [ORIGINALS[0]],
    ],
)
def test_check_equals_command(paths):
    status, out = cli("check", "--format", "json", *paths)
    assert status in (0, 1)
    expected = json.loads(out)
    if len(paths) == 1:
        expected = [expected]
    assert iki.check(paths if len(paths) > 1 else paths[0]) == expected


def test_check_no_dictionary_equals_command():
    status, out = cli("check", "--format", "json", "--no-dictionary", SEED)
    assert iki.check(SEED, no_dictionary=True) == [json.loads(out)]


@pytest.mark.parametrize(
    "old,new,flags",
    [
        (SEED, "fixtures/diff/bkpsdm-sumenep-2025.md", []),
        (SEED, "fixtures/diff/bkpsdm-sumenep-2025b.md", []),
        (SEED, "fixtures/diff/bkpsdm-sumenep-2025.md", ["--ignore-years"]),
        ("fixtures/agencies/dinkes-pipe.md", "fixtures/diff/dinkes/dinkes-pipe-2025.md", []),
        ("fixtures/region/2024", "fixtures/region/2025", []),
    ],
)
def test_diff_equals_command(old, new, flags):
    status, out = cli("diff", "--format", "json", *flags, old, new)
    assert status in (0, 1)
    got = iki.diff(old, new, ignore_years="--ignore-years" in flags)
    assert got == json.loads(out)


# --------------------------------------------------------- bytes and paths


@pytest.mark.parametrize("path", [SEED, "fixtures/agencies/rsud-pandoc.md", *ORIGINALS])
def test_bytes_and_paths_equal(path):
    data = (ROOT / path).read_bytes()
    by_path = iki.convert(path)
    assert iki.convert(pathlib.Path(path)) == by_path
    assert iki.convert(data) == by_path
    assert iki.convert(bytearray(data)) == by_path
    assert iki.convert(memoryview(data)) == by_path
    assert iki.rows(data) == iki.rows(path)
    assert iki.render(data) == iki.render(path)
    # Reports name bytes "<bytes>"; otherwise they are the same.
    (a,) = iki.check(data)
    (b,) = iki.check(path)
    assert a["file"] == "<bytes>" and b["file"] == path
    assert {**a, "file": None} == {**b, "file": None}


def test_canonical_json_input(tmp_path):
    status, out = cli("convert", SEED)
    assert status == 0
    saved = tmp_path / "seed.json"
    saved.write_text(out, encoding="utf-8")
    status, again = cli("convert", str(saved))
    assert status == 0
    assert iki.convert(saved) == iki.convert(out.encode()) == json.loads(again)
    assert iki.convert(saved, raw=True) == json.loads(out)
    assert iki.rows(saved) == iki.rows(SEED)
    new = "fixtures/diff/bkpsdm-sumenep-2025.md"
    status, report = cli("diff", "--format", "json", str(saved), new)
    assert status == 1
    assert iki.diff(saved, new) == json.loads(report)


def test_bytes_diff_equal_paths():
    new = "fixtures/diff/bkpsdm-sumenep-2025.md"
    a = iki.diff((ROOT / SEED).read_bytes(), (ROOT / new).read_bytes())
    b = iki.diff(SEED, new)
    assert a["changes"] == b["changes"]


def test_source_of_wrong_type():
    with pytest.raises(TypeError, match="path"):
        iki.convert(42)  # type: ignore[arg-type]


# ------------------------------------------------------------------ errors


def test_missing_file_is_unreadable():
    with pytest.raises(iki.UnreadableInputError) as e:
        iki.convert("no/such/file.md")
    assert e.value.path == "no/such/file.md"
    assert e.value.code == "unreadable"
    assert "cannot read" in str(e.value)
    assert isinstance(e.value, iki.IkiError)


def test_binary_is_unreadable():
    with pytest.raises(iki.UnreadableInputError) as e:
        iki.rows(b"\x00\x01\x02 binary \x00\xff" * 50)
    assert e.value.code == "not-text"
    assert e.value.line == 1
    assert e.value.path == "<bytes>"


def test_damaged_original_is_unreadable():
    with pytest.raises(iki.UnreadableInputError) as e:
        iki.convert("fixtures/originals/damaged.docx")
    assert e.value.code == "damaged"
    assert e.value.diagnostics[0]["severity"] == "error"
    assert "damaged" in e.value.diagnostics[0]["message"]


def test_scan_without_text():
    with pytest.raises(iki.UnreadableInputError) as e:
        iki.convert("fixtures/originals/scan-no-text.pdf")
    assert e.value.code in ("no-text-layer", "not-installed")


def test_no_positions_is_invalid():
    with pytest.raises(iki.InvalidDocumentError) as e:
        iki.convert(b"Just a letter.\n\nNothing of an IKI here.\n")
    assert e.value.code == "no-positions"
    assert "no positions found" in e.value.message


def test_invalid_canonical_json():
    with pytest.raises(iki.InvalidDocumentError) as e:
        iki.convert(b'{\n  "schema_version": "2",\n  "groups": 7\n}\n')
    assert e.value.code == "invalid-json"
    assert isinstance(e.value.line, int) and e.value.line >= 1


def test_lost_content_carries_diagnostics():
    path = "fixtures/parse/tables-unreadable.md"
    status, _ = cli("convert", "-q", path)
    assert status == 65
    with pytest.raises(iki.InvalidDocumentError) as e:
        iki.convert(path)
    err = e.value
    assert err.diagnostics and all(d["severity"] == "error" for d in err.diagnostics)
    assert all(isinstance(d["line"], int) and d["code"] and d["message"] for d in err.diagnostics)
    assert err.code == err.diagnostics[0]["code"] and err.line == err.diagnostics[0]["line"]
    assert "accept_partial" in str(err)
    # The diagnostics are those iki check reports as errors.
    (report,) = iki.check(path)
    errors = [(d["code"], d["span"][0]) for d in report["diagnostics"] if d["severity"] == "error"]
    assert [(d["code"], d["line"]) for d in err.diagnostics] == errors
    # Accepted, it is what --accept-partial writes.
    status, out = cli("convert", "-q", "--accept-partial", path)
    assert status == 0
    assert iki.convert(path, accept_partial=True) == json.loads(out)


def test_bad_glossary(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_bytes(b"ok\tok\n\xff\xfe broken\n")
    with pytest.raises(iki.IkiError) as e:
        iki.convert(SEED, glossary=glossary)
    assert e.value.code == "glossary"
    assert e.value.line == 2


def test_errors_pickle_with_their_diagnostics():
    with pytest.raises(iki.IkiError) as e:
        iki.convert("fixtures/parse/tables-unreadable.md")
    back = pickle.loads(pickle.dumps(e.value))
    assert type(back) is type(e.value)
    assert (back.message, back.path, back.diagnostics) == (
        e.value.message, e.value.path, e.value.diagnostics)


def test_diff_folder_with_file():
    with pytest.raises(iki.IkiError, match="is a folder but"):
        iki.diff("fixtures/region/2024", SEED)


# ----------------------------------------------------------------- threads


def test_threads_give_the_same_results():
    files = [SEED, *ORIGINALS[:3], "fixtures/agencies/dinkes-pipe.md"] * 3
    one = [iki.convert(f) for f in files]
    with ThreadPoolExecutor(4) as pool:
        many = list(pool.map(iki.convert, files))
    assert many == one


def speedup(function, items):
    """How many times faster 2 threads run `function` over `items` than 1:
    (the best, the median) of 5 tries (the machine may be busy with other
    work)."""
    function(items[0])  # warm up (the built-in glossary is built once)
    ratios = []
    for _ in range(5):
        # Both keep their results, as a caller does (what the garbage
        # collector has to look through is then the same).
        t = time.perf_counter()
        kept = [function(item) for item in items]
        one = time.perf_counter() - t
        del kept
        t = time.perf_counter()
        with ThreadPoolExecutor(2) as pool:
            kept = list(pool.map(function, items))
        two = time.perf_counter() - t
        del kept
        ratios.append(one / two)
    return max(ratios), sorted(ratios)[len(ratios) // 2]


def test_threads_are_faster_on_two_cores():
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core")
    data = (ROOT / SEED).read_bytes()
    # What two threads can gain on this machine now: hashlib releases the
    # GIL on large data, so its speedup is the machine's, not iki's.
    blob = b"x" * (4 << 20)
    machine, machine_median = speedup(lambda b: hashlib.sha256(b).digest(), [blob] * 24)
    render, render_median = speedup(iki.render, [data] * 80)
    _, rows_median = speedup(iki.rows, [data] * 24)
    _, convert_median = speedup(iki.convert, [data] * 24)
    print(
        "\n2 threads over 1 (median of 5 tries): render %.2fx, rows %.2fx, convert %.2fx; "
        "hashlib, what the machine allows: %.2fx"
        % (render_median, rows_median, convert_median, machine_median)
    )
    # On two free cores: faster. On a busy machine: as much as it allows.
    # (render is all Rust; rows and convert hold the GIL for json.loads of
    # their result, so they gain less, and their figures are only shown.)
    assert render > min(1.3, 0.75 * machine), (render, machine)


def test_the_gil_is_released_while_a_document_is_read():
    # A document 20 times the seed takes about 20 times as long; while one
    # thread reads it, another thread runs Python all the time.
    big = (ROOT / SEED).read_bytes() * 20
    t = time.perf_counter()
    iki.render(big)
    once = time.perf_counter() - t
    worst = []
    for _ in range(3):
        done = threading.Event()

        def work():
            for _ in range(3):
                iki.render(big)
            done.set()

        worker = threading.Thread(target=work)
        last = time.perf_counter()
        gap = 0.0
        worker.start()
        while not done.is_set():
            now = time.perf_counter()
            gap = max(gap, now - last)
            last = now
        worker.join()
        worst.append(gap)
    # Held, the GIL would stop this thread for a whole call at least.
    assert min(worst) < once / 2, (worst, once)


# ------------------------------------------------------------------ pandas


def test_to_pandas_on_a_folder():
    pytest.importorskip("pandas")
    folder = "fixtures/region/2024"
    files = iki.documents(folder)
    frame = iki.to_pandas(folder)
    assert len(frame) == sum(len(iki.rows(f)) for f in files)
    assert list(frame.columns) == list(iki.TABLE_COLUMNS)
    assert list(dict.fromkeys(frame["file"])) == files
    assert str(frame["year"].dtype) == "Int64"
    # Each file's rows are its iki.rows, in order.
    first = frame[frame["file"] == files[0]]
    assert first["indikator"].tolist() == [r["indikator"] for r in iki.rows(files[0])]


def test_to_pandas_equals_export_ndjson(tmp_path):
    pytest.importorskip("pandas")
    folder = "fixtures/region/2025"
    out = tmp_path / "rows.ndjson"
    status, _ = cli("export", "-q", "--format", "ndjson", folder, "-o", str(out))
    assert status == 0
    expected = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    frame = iki.to_pandas([folder])
    records = frame.drop(columns=["file"]).astype(object).where(frame.notna(), None)
    got = [{k: v for k, v in r.items()} for r in records.to_dict("records")]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g["agency"] == e["agency"] and g["indikator"] == e["indikator"]
        assert g["year"] == e["year"] and g["source_lines"] == e["source_lines"]


def test_to_pandas_on_a_list_of_files_and_bytes():
    pytest.importorskip("pandas")
    frame = iki.to_pandas([SEED, (ROOT / ORIGINALS[0]).read_bytes()])
    assert len(frame) == 276 + len(iki.rows(ORIGINALS[0]))
    assert frame["file"].iloc[-1] == "<bytes>"


def test_to_pandas_errors():
    pytest.importorskip("pandas")
    with pytest.raises(iki.UnreadableInputError):
        iki.to_pandas([SEED, "fixtures/originals/damaged.docx"])
    with pytest.warns(RuntimeWarning, match="damaged.docx"):
        frame = iki.to_pandas([SEED, "fixtures/originals/damaged.docx"], errors="skip")
    assert len(frame) == 276
    with pytest.raises(iki.IkiError, match="no document"):
        iki.to_pandas("fixtures/check")


def test_to_pandas_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas fails
    with pytest.raises(ImportError, match="pandas") as e:
        iki.to_pandas(SEED)
    assert e.value.name == "pandas"


def test_without_pandas_in_a_fresh_interpreter():
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import iki\n"
        "print(len(iki.rows('%s')))\n"
        "try:\n    iki.to_pandas('%s')\nexcept ImportError as e:\n    print(e)\n" % (SEED, SEED)
    )
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "276"
    assert "needs pandas" in lines[1] and "pip install pandas" in lines[1]


# ------------------------------------------------------------- the package


def test_docstrings_and_stubs():
    package = pathlib.Path(iki.__file__).parent
    assert (package / "py.typed").exists()
    stubs = (package / "__init__.pyi").read_text(encoding="utf-8")
    for name in ("convert", "rows", "check", "diff", "render", "to_pandas", "documents"):
        function = getattr(iki, name)
        assert function.__doc__ and len(function.__doc__) > 80, name
        assert "def %s(" % name in stubs, name
    for cls in (iki.IkiError, iki.UnreadableInputError, iki.InvalidDocumentError):
        assert cls.__doc__
        assert "class %s(" % cls.__name__ in stubs
    assert iki.__doc__ and "ThreadPoolExecutor" in iki.__doc__
