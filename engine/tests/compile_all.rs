//! Compiles every `tests/py/**/*.py` of the repository and checks that the
//! compiler neither panics nor rejects a file that CPython compiles.  Every
//! produced code object also goes through serialize -> deserialize (which
//! validates it) and the disassembler.
//!
//! CPython's verdict comes from one `python3` process run over all files;
//! without `python3`, a file counts as "CPython compiles it" unless its text
//! mentions `SyntaxError`.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;

use engine::bytecode::{deserialize, disassemble, serialize};
use engine::compiler::{compile_bytes, CompileFlags, Mode};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

/// path -> true if CPython compiles it.
fn cpython_verdicts(files: &[PathBuf]) -> Option<HashMap<PathBuf, bool>> {
    let script = r#"
import sys
for line in sys.stdin.read().splitlines():
    try:
        with open(line, 'rb') as f:
            compile(f.read(), line, 'exec')
        print('OK')
    except BaseException:
        print('ERR')
"#;
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take()?;
        for f in files {
            writeln!(stdin, "{}", f.display()).ok()?;
        }
    }
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let verdicts: Vec<bool> = text.lines().map(|l| l == "OK").collect();
    if verdicts.len() != files.len() {
        return None;
    }
    Some(files.iter().cloned().zip(verdicts).collect())
}

#[test]
fn compile_all_test_programs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("py");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let verdicts = cpython_verdicts(&files);
    let mut failures = Vec::new();
    let mut compiled = 0usize;
    for f in &files {
        let bytes = std::fs::read(f).expect("readable test file");
        let name = f.display().to_string();
        let result = catch_unwind(AssertUnwindSafe(|| {
            compile_bytes(&bytes, &name, Mode::Exec, CompileFlags::default())
        }));
        let cpython_ok = match &verdicts {
            Some(v) => v.get(f).copied().unwrap_or(true),
            None => !String::from_utf8_lossy(&bytes).contains("SyntaxError"),
        };
        match result {
            Err(_) => failures.push(format!("{name}: PANIC")),
            Ok(Err(e)) => {
                if cpython_ok {
                    failures.push(format!("{name}: unexpected error:\n{e}"));
                }
            }
            Ok(Ok(code)) => {
                compiled += 1;
                let check = catch_unwind(AssertUnwindSafe(|| {
                    let bytes = serialize(&code);
                    let back = deserialize(&bytes).map_err(|e| e.to_string())?;
                    if disassemble(&back) != disassemble(&code) {
                        return Err("round-trip changed the disassembly".to_string());
                    }
                    Ok(())
                }));
                match check {
                    Err(_) => failures.push(format!("{name}: PANIC in serialize/dis")),
                    Ok(Err(e)) => failures.push(format!("{name}: {e}")),
                    Ok(Ok(())) => {}
                }
            }
        }
    }
    eprintln!("compiled {compiled} of {} files", files.len());
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
