//! `coverage.tracer`, the Rust implementation of coverage.py's C tracer
//! (`python_env/src/modules/coverage_tracer.rs`), loaded where a `coverage`
//! package installed its compiled module: `coverage_tracer/tracer_check.py`
//! drives `CTracer` as coverage.py's collector does (lines, packed arcs,
//! threads, dynamic contexts, a plug-in's file names and line ranges, a
//! failing plug-in) and must print what CPython 3.11 prints with
//! coverage.py 7.3.2's own C tracer (`coverage_tracer/expected.txt`,
//! recorded with `PYTHONPATH=<site of coverage 7.3.2> /usr/bin/python3
//! tracer_check.py`, the folder's path written `DIR`). Here the package is
//! a stand-in: `coverage/__init__.py` importing `coverage/version.py`,
//! beside a file with the compiled module's name.
//!
//! Needs the `protopy` binary of the same profile (`cargo build --release
//! --workspace --bins`, which `run-tests.sh` does first).

use std::path::{Path, PathBuf};
use std::process::Command;

const CHECK: &str = include_str!("coverage_tracer/tracer_check.py");
const TARGET: &str = include_str!("coverage_tracer/cov_target.py");
const EXPECTED: &str = include_str!("coverage_tracer/expected.txt");

/// A fresh folder holding the programs and the stand-in package of
/// coverage.py `version` (a `version_info` tuple) with, if `compiled`, its
/// compiled-module file.
fn scratch(name: &str, compiled: bool, version: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("protopy-covtracer-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("coverage")).expect("scratch dir");
    std::fs::write(d.join("tracer_check.py"), CHECK).expect("write");
    std::fs::write(d.join("cov_target.py"), TARGET).expect("write");
    std::fs::write(
        d.join("coverage").join("__init__.py"),
        "from coverage.version import version_info\n",
    )
    .expect("write");
    std::fs::write(
        d.join("coverage").join("version.py"),
        format!("version_info = {version}\n"),
    )
    .expect("write");
    if compiled {
        std::fs::write(
            d.join("coverage")
                .join("tracer.cpython-311-x86_64-linux-gnu.so"),
            "a stand-in: ProtoPy never loads the file\n",
        )
        .expect("write");
    }
    d
}

fn run(dir: &Path, program: &str) -> (String, String, Option<i32>) {
    let out = Command::new(tests::protopy_bin())
        .arg(dir.join(program))
        .current_dir(dir)
        .env_remove("PYTHONPATH")
        .output()
        .expect("run protopy");
    let dirs = dir.to_string_lossy().into_owned();
    (
        String::from_utf8_lossy(&out.stdout).replace(&dirs, "DIR"),
        String::from_utf8_lossy(&out.stderr).replace(&dirs, "DIR"),
        out.status.code(),
    )
}

#[test]
fn ctracer_records_what_cpythons_c_tracer_records() {
    let d = scratch("check", true, "(7, 3, 2, \"final\", 0)");
    let (out, err, code) = run(&d, "tracer_check.py");
    let _ = std::fs::remove_dir_all(&d);
    assert_eq!(code, Some(0), "stderr:\n{err}");
    assert_eq!(out, EXPECTED, "stderr:\n{err}");
}

/// What `import coverage.tracer` raises in the stand-in package of
/// coverage.py `version`, with or without the `compiled` module file.
fn import_error(name: &str, compiled: bool, version: &str) -> String {
    let d = scratch(name, compiled, version);
    std::fs::write(
        d.join("imports.py"),
        "import coverage\n\
         try:\n    import coverage.tracer\n\
         except ImportError as e:\n    print(type(e).__name__, e)\n",
    )
    .expect("write");
    let (out, err, code) = run(&d, "imports.py");
    let _ = std::fs::remove_dir_all(&d);
    assert_eq!(code, Some(0), "stderr:\n{err}");
    out
}

#[test]
fn without_the_compiled_module_there_is_no_tracer_module() {
    assert_eq!(
        import_error("absent", false, "(7, 3, 2, \"final\", 0)"),
        "ModuleNotFoundError No module named 'coverage.tracer'\n"
    );
}

#[test]
fn an_older_coverage_gets_its_python_tracer() {
    assert_eq!(
        import_error("older", true, "(6, 5, 0, \"final\", 0)"),
        "ImportError ProtoPy's coverage.tracer follows coverage.py 7 \
         (coverage.version.version_info >= (7,))\n"
    );
}
