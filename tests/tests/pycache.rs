//! The bytecode cache across processes: several `protopy` processes racing
//! to import the same fresh module all succeed and leave one valid cache
//! file; cache files with a damaged body (which CPython's importer would
//! fail on, and the golden tests therefore cannot show) or from another
//! build are ignored and rewritten; leftover temporary files do no harm.
//!
//! Needs the `protopy` binary of the same profile (`cargo build --release
//! -p python_env --bins`); run with `cargo test --release -p tests --test
//! pycache`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn protopy() -> std::path::PathBuf {
    tests::protopy_bin()
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("protopy-pycache-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn command(dir: &Path, code: &str) -> Command {
    let mut c = Command::new(protopy());
    c.arg("-c")
        .arg(code)
        .current_dir(dir)
        .env_remove("PYTHONDONTWRITEBYTECODE")
        .env_remove("PYTHONPYCACHEPREFIX")
        .stdin(Stdio::null());
    c
}

/// Runs `code` in `dir`; returns stdout, panicking on a failed run.
fn run(dir: &Path, code: &str) -> String {
    let out = command(dir, code).output().expect("run protopy");
    assert!(
        out.status.success(),
        "protopy -c {code:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A module big enough that compiling and writing it takes a while, so
/// racing processes overlap; `check()` exercises much of its code.
fn big_module(tag: &str) -> String {
    let mut s = format!("TAG = {tag:?}\n");
    for i in 0..300 {
        s.push_str(&format!(
            "def f{i}(x, *a, k={i}, **kw):\n    def g(y):\n        return [z + x + k for z in range(y)] + list(a)\n    return sum(g(3)) + len(kw)\n"
        ));
    }
    s.push_str("def check():\n    return sum(f(1) for f in [");
    for i in 0..300 {
        s.push_str(&format!("f{i}, "));
    }
    s.push_str("])\n");
    s
}

/// `sum(f_i(1))` for `big_module`: each f_i(1) is 3*(1+i) + 3.
fn expected_sum() -> i64 {
    (0..300).map(|i| 3 * (1 + i) + 3).sum()
}

const CHECK: &str = "import racemod, sys; print(racemod.TAG, racemod.check(), racemod.__cached__)";

fn pyc_path(dir: &Path) -> PathBuf {
    dir.join("__pycache__").join("racemod.protopy-311.pyc")
}

/// The cache file loads (through marshal, as importlib's loaders do) and
/// its header names the current source.
fn assert_valid_cache(dir: &Path) {
    let code = "import importlib.util, marshal, os\n\
        data = open('__pycache__/racemod.protopy-311.pyc', 'rb').read()\n\
        st = os.stat('racemod.py')\n\
        assert data[:4] == importlib.util.MAGIC_NUMBER, data[:4]\n\
        assert int.from_bytes(data[8:12], 'little') == int(st.st_mtime) & 0xFFFFFFFF\n\
        assert int.from_bytes(data[12:16], 'little') == st.st_size\n\
        c = marshal.loads(data[16:])\n\
        ns = {}\n\
        exec(c, ns)\n\
        print(ns['check']())";
    assert_eq!(run(dir, code).trim(), expected_sum().to_string());
}

#[test]
fn racing_processes_all_succeed() {
    let dir = scratch("race");
    for round in 0..4 {
        let _ = std::fs::remove_dir_all(dir.join("__pycache__"));
        let tag = format!("round{round}");
        std::fs::write(dir.join("racemod.py"), big_module(&tag)).expect("write module");
        let children: Vec<_> = (0..8)
            .map(|_| {
                command(&dir, CHECK)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn protopy")
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8_lossy(&out.stdout);
            let mut words = text.split_whitespace();
            assert_eq!(words.next(), Some(tag.as_str()));
            assert_eq!(words.next(), Some(expected_sum().to_string().as_str()));
            assert!(words
                .next()
                .is_some_and(|w| w.ends_with("racemod.protopy-311.pyc")));
        }
        assert_valid_cache(&dir);
        // No temporary file is left behind by a completed write.
        let left: Vec<_> = std::fs::read_dir(dir.join("__pycache__"))
            .expect("pycache")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "racemod.protopy-311.pyc")
            .collect();
        assert!(left.is_empty(), "left over: {left:?}");
        // And the next import reads it rather than rewriting it.
        let before = std::fs::metadata(pyc_path(&dir))
            .and_then(|m| m.modified())
            .ok();
        run(&dir, CHECK);
        let after = std::fs::metadata(pyc_path(&dir))
            .and_then(|m| m.modified())
            .ok();
        assert_eq!(before, after, "a valid cache file was rewritten");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[test]
fn damaged_and_foreign_files_are_rewritten() {
    let dir = scratch("damaged");
    std::fs::write(dir.join("racemod.py"), big_module("damaged")).expect("write module");
    run(&dir, CHECK);
    let good = std::fs::read(pyc_path(&dir)).expect("cache written");
    let mut variants: Vec<(String, Vec<u8>)> = Vec::new();
    // Truncations inside the body.
    for cut in [
        17,
        20,
        21,
        40,
        good.len() / 2,
        good.len() - 9,
        good.len() - 1,
    ] {
        variants.push((format!("cut at {cut}"), good[..cut].to_vec()));
    }
    // Single-byte corruptions all over the body.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..12 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let pos = 16 + (state as usize) % (good.len() - 16);
        let mut v = good.clone();
        v[pos] ^= 0x5a;
        variants.push((format!("byte {pos} flipped"), v));
    }
    // Another build: the compiler fingerprint differs and the checksum is
    // recomputed without this build's key (body: 'c', length, "PPYC",
    // version, table and compiler fingerprints); either check rejects it.
    let mut other = good.clone();
    let fp = 16 + 5 + 4 + 2 + 8;
    other[fp] ^= 1;
    let end = other.len() - 8;
    let sum = fnv1a(&other[16 + 5..end]);
    other[end..].copy_from_slice(&sum.to_le_bytes());
    variants.push(("another compiler build".into(), other));
    // Trailing garbage after a valid payload.
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"junk");
    variants.push(("trailing bytes".into(), trailing));
    for (what, data) in variants {
        std::fs::write(pyc_path(&dir), &data).expect("write bad cache");
        let out = run(&dir, CHECK);
        assert!(
            out.contains(&expected_sum().to_string()),
            "{what}: unexpected output {out}"
        );
        assert_valid_cache(&dir);
    }
    // A temporary file left by a writer that died mid-write is ignored.
    std::fs::write(
        dir.join("__pycache__")
            .join("racemod.protopy-311.pyc.999.0.tmp"),
        &good[..good.len() / 3],
    )
    .expect("write temp");
    std::fs::remove_file(pyc_path(&dir)).expect("remove");
    run(&dir, CHECK);
    assert_valid_cache(&dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `code` in `dir` with `cache` as ProtoPy's cache folder; returns
/// stdout, panicking on a failed run.
fn run_with_cache(dir: &Path, cache: &Path, code: &str) -> String {
    let out = command(dir, code)
        .env("PROTOPY_CACHE_DIR", cache)
        .output()
        .expect("run protopy");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The standard library's modules are cached in ProtoPy's own cache folder
/// (`PROTOPY_CACHE_DIR` here), mirroring the Lib's path, both by the import
/// statement and by importlib's loaders; nothing is written into the Lib.
#[test]
fn stdlib_cache_lives_outside_the_lib() {
    let dir = scratch("stdlib");
    let cache = dir.join("cache");
    let code = "import sys, importlib.util, runpy, colorsys\n\
                runpy.run_module('this')\n\
                print(int.from_bytes(importlib.util.MAGIC_NUMBER[:2], 'little'))\n\
                print(sys._stdlib_dir)\n\
                print(importlib.util.cache_from_source(colorsys.__file__))\n\
                print(colorsys.__cached__)\n\
                print(importlib.util.cache_from_source('/elsewhere/m.py'))\n";
    let text = run_with_cache(&dir, &cache, code);
    let lines: Vec<&str> = text.lines().rev().take(5).collect();
    let (other, cached, from_util, lib) = (lines[0], lines[1], lines[2], lines[3]);
    // Each build (its magic number) has its own folder in the cache folder.
    let build = cache.join(lines[4]);
    let mirrored = build.join(Path::new(lib).strip_prefix("/").expect("absolute Lib"));
    let expected = mirrored.join("colorsys.protopy-311.pyc");
    assert_eq!(Path::new(from_util), expected);
    assert_eq!(Path::new(cached), expected);
    assert!(expected.is_file(), "{} not written", expected.display());
    assert!(
        mirrored.join("this.protopy-311.pyc").is_file(),
        "runpy's load not cached"
    );
    assert_eq!(other, "/elsewhere/__pycache__/m.protopy-311.pyc");
    for leaf in ["colorsys", "this"] {
        let in_lib = Path::new(lib)
            .join("__pycache__")
            .join(format!("{leaf}.protopy-311.pyc"));
        assert!(
            !in_lib.exists(),
            "{} written into the Lib",
            in_lib.display()
        );
    }
    // An embedded module (ProtoPy's own dis) is cached there too, as a
    // hash-based file checked against the source: a foreign or damaged
    // file is ignored and rewritten.
    let embedded = build.join("embedded/__pycache__/dis.protopy-311.pyc");
    let probe = "import dis\nprint(dis.findlinestarts.__name__)\n";
    for damage in [None, Some(&b"not a cache file"[..])] {
        if let Some(bytes) = damage {
            std::fs::write(&embedded, bytes).expect("damage the cache file");
        }
        assert_eq!(run_with_cache(&dir, &cache, probe).trim(), "findlinestarts");
        let data = std::fs::read(&embedded).expect("embedded module cached");
        assert!(
            data.len() > 16 && data[4] == 3,
            "not a checked hash-based file"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
