//! Build script: fingerprints the compiler and bytecode sources.
//!
//! `PROTOPY_COMPILER_FINGERPRINT` (16 hex digits) is an FNV-1a hash of every
//! file under `src/compiler` and `src/bytecode`, and of the cache file
//! format's `src/runtime/pycache.rs` (paths and contents, in sorted order). Serialized code records it beside the opcode table's own
//! fingerprint, so bytecode cached by one build of the compiler is never
//! loaded by another whose code generation differs (a fixed compiler bug
//! must not survive in `__pycache__`).

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let mut all = Vec::new();
    for sub in ["src/compiler", "src/bytecode", "src/runtime/pycache.rs"] {
        println!("cargo:rerun-if-changed={sub}");
        files(&root.join(sub), &mut all);
    }
    all.sort();
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for p in &all {
        let rel = p.strip_prefix(&root).unwrap_or(p);
        h = fnv1a(h, rel.to_string_lossy().as_bytes());
        h = fnv1a(h, &[0]);
        h = fnv1a(h, &std::fs::read(p).unwrap_or_default());
        h = fnv1a(h, &[0]);
    }
    println!("cargo:rustc-env=PROTOPY_COMPILER_FINGERPRINT={h:016x}");
    // A key made afresh whenever the fingerprint is recomputed: serialized
    // code's checksum is keyed with it, so bytes that this build did not
    // write (hand-made or edited code objects with a recomputed plain
    // checksum) are rejected by `marshal.loads` unless forged with the key.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut k = fnv1a(h, &now.to_le_bytes());
    k = fnv1a(k, &std::process::id().to_le_bytes());
    println!("cargo:rustc-env=PROTOPY_SERIALIZE_KEY={k:016x}");
}
