//! Integration and golden-test helpers.

use std::path::PathBuf;

/// The `protopy` binary of the profile the running test was built with
/// (`cargo build --release --workspace --bins`, which `run-tests.sh` does
/// first): integration tests live in `target/<profile>/deps/`.
pub fn protopy_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test exe");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    let p = dir.join("protopy");
    assert!(p.exists(), "{} not built", p.display());
    p
}
