//! The Python package (`crates/python`): builds it as a user would
//! (`pip install ./crates/python`) into a virtual environment with maturin,
//! pytest and pandas from the package registry, then runs its tests
//! (`pytest crates/python/tests`), which compare every function with this
//! command's output.
//!
//! Building the package takes minutes (PyO3 and the iki crates in release),
//! so it runs only when asked: with `IKI_REQUIRE_PYTHON=1` (as CI sets it;
//! a machine without Python's venv then fails the test), or with
//! `IKI_PYTHON_VENV` naming a virtual environment to use (created if it
//! does not exist). Otherwise the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn run(what: &str, command: &mut Command) {
    let status = command
        .stdin(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{what}: could not start: {e}"));
    assert!(status.success(), "{what} failed: {status}");
}

/// `python3` with the venv module and pip, if there is one.
fn python() -> Option<String> {
    let python = std::env::var("IKI_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let ok = Command::new(&python)
        .args(["-c", "import venv, ensurepip"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(python)
}

#[test]
fn python_package() {
    let required = std::env::var("IKI_REQUIRE_PYTHON").is_ok_and(|v| v == "1");
    let asked = std::env::var_os("IKI_PYTHON_VENV").map(PathBuf::from);
    if !required && asked.is_none() {
        eprintln!(
            "python: skipped (building the Python package takes minutes): set IKI_REQUIRE_PYTHON=1, \
             or IKI_PYTHON_VENV=/path/to/venv, to build it and run crates/python/tests"
        );
        return;
    }
    let Some(python) = python() else {
        assert!(
            !required,
            "IKI_REQUIRE_PYTHON=1 but python3 with venv and ensurepip is not installed \
             (apt-get install python3-venv)"
        );
        eprintln!("python: skipped: no python3 with venv and ensurepip");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The package's build goes to its own target folder, beside the
    // workspace's, so the two builds never wait on each other's lock.
    let target = root.join("target").join("python");
    let venv = asked.unwrap_or_else(|| target.join("venv"));
    let bin = venv.join("bin");
    if !bin.join("python").exists() {
        run(
            "python3 -m venv",
            Command::new(&python).arg("-m").arg("venv").arg(&venv),
        );
    }
    run(
        "pip install maturin pytest pandas",
        Command::new(bin.join("pip")).args([
            "install",
            "-q",
            "--disable-pip-version-check",
            "maturin",
            "pytest",
            "pandas",
        ]),
    );
    // The package is its own workspace with its own Cargo.lock, which the
    // build takes as it is (maturin's `locked = true`): say how to bring it
    // up to date when a library crate's dependencies changed.
    let cargo = option_env!("CARGO").unwrap_or("cargo");
    let manifest = root.join("crates").join("python").join("Cargo.toml");
    let locked = Command::new(cargo)
        .args([
            "metadata",
            "--locked",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(&manifest)
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        locked,
        "crates/python/Cargo.lock is out of date (a dependency of the iki crates changed): \
         run `cargo update --workspace --manifest-path crates/python/Cargo.toml` and commit it"
    );
    // As README says, from the package's folder; again each run, so the
    // tests see the sources as they are.
    run(
        "pip install ./crates/python",
        Command::new(bin.join("pip"))
            .args([
                "install",
                "-q",
                "--disable-pip-version-check",
                "--force-reinstall",
                "--no-deps",
                "./crates/python",
            ])
            .current_dir(root)
            .env("CARGO_TARGET_DIR", &target),
    );
    // pytest's output goes straight to the terminal (not captured by the
    // test harness), so CI's log shows its summary and the thread speedups.
    run(
        "pytest crates/python/tests",
        Command::new(bin.join("python"))
            .args([
                "-m",
                "pytest",
                "crates/python/tests",
                "-q",
                "-s",
                "-p",
                "no:cacheprovider",
            ])
            .current_dir(root)
            .env("IKI_BIN", env!("CARGO_BIN_EXE_iki"))
            .env("IKI_ROOT", root)
            .env("IKI_REQUIRE_PYTHON", if required { "1" } else { "0" }),
    );
}
