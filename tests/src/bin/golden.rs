//! The golden-test runner: runs every `tests/py/**/*.py` under ProtoPy and
//! compares stdout, stderr and the exit code with the files CPython 3.11
//! produced (`tests/bless.py`).
//!
//! Usage: `golden [--protopy PATH] [--jobs N] [--timeout SECONDS] [--exclude SUBSTRING]...
//! [--update-pending] [FILTER...]` (`--timeout`: the limit per program, 60 s unless given; a
//! GC-stress build needs more; `--exclude`: programs whose path contains it are not run).
//!
//! Comparison rules (the same for every test):
//! - the absolute repository root is removed from ProtoPy's output, as
//!   bless.py removes it from CPython's (tracebacks print absolute paths);
//! - stdout and the exit code must match exactly;
//! - stderr must match exactly, CPython 3.11's position markers (`~~^^`)
//!   under traceback source lines included;
//! - traceback frames inside the standard library are dropped on both sides
//!   (see `drop_stdlib_frames`): CPython's come from its own stdlib sources
//!   (`/usr/lib/python3.11/...`), ProtoPy's from its embedded modules, whose
//!   frames carry the file name `<frozen NAME>` (as CPython's frozen
//!   modules do). Which library code a program passes through, and on which
//!   line, is an implementation detail; user frames and messages still match
//!   exactly.
//!
//! `tests/py/PENDING` lists programs the interpreter cannot run yet. A pending
//! program that fails is reported but does not fail the run; a program not
//! listed that fails, or a listed one that now passes (so the list is stale),
//! fails the run. `--update-pending` rewrites the list to the current failures.
//! An issue is resolved only when the list is empty.

use proto_core::sync::{self, AtomicUsize, Mutex, Ordering};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

struct Outcome {
    path: String,
    ok: bool,
    report: String,
}

fn repo_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

fn collect(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('_') || name.starts_with('.') || name == "__pycache__" {
            continue;
        }
        if p.is_dir() {
            collect(&p, root, out);
        } else if name.ends_with(".py") {
            if let Ok(rel) = p.strip_prefix(root) {
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
}

fn read_or(path: &Path, default: &[u8]) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|_| default.to_vec())
}

/// Is `line` a traceback frame header (`  File "F", line N, in X`) whose file
/// is part of a standard library (CPython's or ProtoPy's embedded one)?
fn is_stdlib_frame(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("  File \"") else {
        return false;
    };
    let Some(end) = rest.find('"') else {
        return false;
    };
    let file = &rest[..end];
    (file.starts_with("/usr/lib/python3.11/")
        || (file.starts_with("<frozen ") && file.ends_with('>')))
        && rest[end..].starts_with("\", line ")
}

/// Drops standard-library traceback frames: the `File` line and the indented
/// source/caret lines (four or more spaces) that follow it.
fn drop_stdlib_frames(s: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for l in s.lines() {
        if skipping && l.starts_with("    ") {
            continue;
        }
        skipping = is_stdlib_frame(l);
        if !skipping {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

fn diff(label: &str, expected: &str, actual: &str) -> String {
    let mut out = format!("--- expected {label}\n+++ actual {label}\n");
    let d = similar::TextDiff::from_lines(expected, actual);
    let text = d.unified_diff().context_radius(2).to_string();
    let lines: Vec<&str> = text.lines().collect();
    for l in lines.iter().take(40) {
        out.push_str(l);
        out.push('\n');
    }
    if lines.len() > 40 {
        out.push_str(&format!("... ({} more diff lines)\n", lines.len() - 40));
    }
    out
}

fn run_one(protopy: &Path, root: &Path, rel: &str, timeout: Duration) -> Outcome {
    let base = root.join(&rel[..rel.len() - 3]);
    let exp_out = String::from_utf8_lossy(&read_or(&base.with_extension("out"), b"")).into_owned();
    let exp_err = String::from_utf8_lossy(&read_or(&base.with_extension("err"), b"")).into_owned();
    let exp_code: i32 = String::from_utf8_lossy(&read_or(&base.with_extension("code"), b"0"))
        .trim()
        .parse()
        .unwrap_or(0);
    let fail = |report: String| Outcome {
        path: rel.to_string(),
        ok: false,
        report,
    };
    let child = Command::new(protopy)
        .arg(rel)
        .current_dir(root)
        .env("PYTHONHASHSEED", "0")
        // The locale the expected outputs were blessed under (tests/bless.py):
        // it decides the UTF-8 mode and the default text encoding's name.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return fail(format!("cannot start {}: {e}\n", protopy.display())),
    };
    // Read both pipes on threads so a chatty program cannot block on a full pipe.
    let mut so = child.stdout.take();
    let mut se = child.stderr.take();
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        if let Some(s) = so.as_mut() {
            let _ = s.read_to_end(&mut b);
        }
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        if let Some(s) = se.as_mut() {
            let _ = s.read_to_end(&mut b);
        }
        b
    });
    let status = match child.wait_timeout(timeout) {
        Ok(Some(s)) => s,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return fail(format!("timed out after {}s\n", timeout.as_secs()));
        }
        Err(e) => return fail(format!("wait failed: {e}\n")),
    };
    let prefix = format!("{}/", root.display());
    let norm = |b: Vec<u8>| String::from_utf8_lossy(&b).replace(&prefix, "");
    let out = norm(t_out.join().unwrap_or_default());
    let err = norm(t_err.join().unwrap_or_default());
    let code = match status.code() {
        Some(c) => c,
        None => {
            return fail(format!(
                "killed by a signal (crash): {status}\nstderr:\n{}",
                tail(&err)
            ))
        }
    };
    let mut report = String::new();
    if code != exp_code {
        report.push_str(&format!("exit code {code}, expected {exp_code}\n"));
    }
    if out != exp_out {
        report.push_str(&diff("stdout", &exp_out, &out));
    }
    let (e1, e2) = (drop_stdlib_frames(&exp_err), drop_stdlib_frames(&err));
    if e1 != e2 {
        report.push_str(&diff("stderr", &e1, &e2));
    }
    Outcome {
        path: rel.to_string(),
        ok: report.is_empty(),
        report,
    }
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

fn main() {
    let root = repo_root();
    let mut protopy = root.join("target/release/protopy");
    let mut jobs = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let mut timeout = DEFAULT_TIMEOUT;
    let mut update = false;
    let mut filters = Vec::new();
    let mut excludes = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--protopy" => protopy = PathBuf::from(args.next().expect("--protopy PATH")),
            "--jobs" => jobs = args.next().and_then(|j| j.parse().ok()).expect("--jobs N"),
            "--timeout" => {
                timeout = args
                    .next()
                    .and_then(|t| t.parse().ok())
                    .map(Duration::from_secs)
                    .expect("--timeout SECONDS")
            }
            "--exclude" => excludes.push(args.next().expect("--exclude SUBSTRING")),
            "--update-pending" => update = true,
            _ => filters.push(a),
        }
    }
    let mut all = Vec::new();
    collect(&root.join("tests/py"), &root, &mut all);
    let selected: Vec<String> = all
        .into_iter()
        .filter(|p| filters.is_empty() || filters.iter().any(|f| p.contains(f.as_str())))
        .filter(|p| !excludes.iter().any(|x| p.contains(x.as_str())))
        .collect();
    let pending_path = root.join("tests/py/PENDING");
    let pending: BTreeSet<String> = std::fs::read_to_string(&pending_path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();

    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(rel) = selected.get(i) else { break };
                let o = run_one(&protopy, &root, rel, timeout);
                sync::lock(&results).push(o);
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by(|a, b| a.path.cmp(&b.path));

    let (mut passed, mut failed, mut pend_fail, mut stale) = (0, 0, 0, Vec::new());
    let mut lines_checked = 0usize;
    for o in &results {
        let is_pending = pending.contains(&o.path);
        if o.ok {
            passed += 1;
            let base = root.join(&o.path[..o.path.len() - 3]);
            lines_checked += read_or(&base.with_extension("out"), b"")
                .iter()
                .filter(|&&c| c == b'\n')
                .count();
            if is_pending {
                stale.push(o.path.clone());
            }
        } else if is_pending {
            pend_fail += 1;
        } else {
            failed += 1;
            println!("FAIL {}\n{}", o.path, o.report);
        }
    }
    if update {
        let mut text = String::from("# Golden programs ProtoPy cannot run yet (tests/src/bin/golden.rs).\n# Regenerate with: cargo run --release -p tests --bin golden -- --update-pending\n");
        // Keep entries outside the current filter; replace those inside it.
        let sel: BTreeSet<&String> = selected.iter().collect();
        let mut keep: BTreeSet<String> = pending
            .iter()
            .filter(|p| !sel.contains(p))
            .cloned()
            .collect();
        keep.extend(results.iter().filter(|o| !o.ok).map(|o| o.path.clone()));
        for p in keep {
            text.push_str(&p);
            text.push('\n');
        }
        if let Err(e) = std::fs::write(&pending_path, text) {
            eprintln!("cannot write {}: {e}", pending_path.display());
            std::process::exit(2);
        }
        println!("golden: wrote {}", pending_path.display());
        return;
    }
    for p in &stale {
        println!("STALE PENDING {p}: passes now; remove it from tests/py/PENDING");
    }
    println!(
        "golden: {} programs, {} stdout lines checked; {} pending (listed in tests/py/PENDING)",
        results.len(),
        lines_checked,
        pend_fail
    );
    println!("golden: {} passed, {} failed", passed, failed + stale.len());
    if failed > 0 || !stale.is_empty() {
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::drop_stdlib_frames;

    #[test]
    fn stdlib_frames_are_dropped_user_frames_kept() {
        let cpython = "Exception in thread Thread-1 (f):\nTraceback (most recent call last):\n  File \"/usr/lib/python3.11/threading.py\", line 1038, in _bootstrap_inner\n    self.run()\n  File \"t.py\", line 5, in f\n    raise ValueError(\"x\")\nValueError: x\n";
        let protopy = "Exception in thread Thread-1 (f):\nTraceback (most recent call last):\n  File \"<frozen threading>\", line 550, in _bootstrap_inner\n  File \"<frozen threading>\", line 518, in run\n  File \"t.py\", line 5, in f\n    raise ValueError(\"x\")\nValueError: x\n";
        assert_eq!(drop_stdlib_frames(cpython), drop_stdlib_frames(protopy));
        assert!(drop_stdlib_frames(cpython).contains("  File \"t.py\", line 5, in f\n    raise"));
        // A user file merely named like a library module is kept.
        let user = "  File \"lib/threading.py\", line 3, in g\n    x\n";
        assert_eq!(drop_stdlib_frames(user), user);
    }
}
