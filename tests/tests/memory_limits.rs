//! Programs that fill a limited address space (`RLIMIT_AS` 640 MiB) with
//! small objects made in native loops end in MemoryError, exit status 1 and
//! a traceback ending `MemoryError`, as under CPython; never a panic
//! (SystemError) or an abort. A caught one lets the program allocate again.
//!
//! These run here, not as golden programs: a GC-stress build collects at
//! every allocation, and the growing container of a native loop would be
//! marked at each of millions of steps. The golden programs
//! `memory/small_objects_under_limit` and `memory/growth_under_limit` cover
//! Python loops and container growth.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::Duration;
use wait_timeout::ChildExt;

const LIMIT: libc::rlim_t = 640 << 20;
const CPYTHON: &str = "/usr/bin/python3";

/// Exit code, stdout and the last line of stderr of `exe -c code` under
/// the limit; the whole stderr too, for messages.
fn run_limited(exe: &std::path::Path, code: &str) -> (Option<i32>, String, String, String) {
    let mut c = Command::new(exe);
    c.args(["-c", code])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: the closure runs in the child between fork and exec and only
    // calls setrlimit, which is async-signal-safe.
    unsafe {
        c.pre_exec(|| {
            let r = libc::rlimit {
                rlim_cur: LIMIT,
                rlim_max: LIMIT,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &r) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = c.spawn().expect("spawn");
    let status = match child.wait_timeout(Duration::from_secs(300)).expect("wait") {
        Some(s) => s,
        None => {
            let _ = child.kill();
            panic!("{} -c {code:?} still ran after 300 s", exe.display());
        }
    };
    let out = child.wait_with_output().expect("output");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let last = stderr.trim_end().lines().last().unwrap_or("").to_owned();
    (status.code(), stdout, last, stderr)
}

const PRELUDE: &str = "import itertools\ncount = itertools.count\n";

/// Endless native loops: each builds one container of small objects.
const ENDLESS: &[&str] = &[
    "list(map(list, zip(count())))",
    "tuple(map(str, count()))",
    "dict(zip(count(), map(list, zip(count()))))",
    "set(map(lambda i: (i,), count()))",
    "sorted(map(list, zip(count())))",
    "x = []\nx.extend(map(list, zip(count())))",
];

#[test]
fn native_loops_of_small_objects_end_in_memory_error() {
    let exe = tests::protopy_bin();
    for body in ENDLESS {
        let code = format!("{PRELUDE}{body}");
        let (status, out, last, err) = run_limited(&exe, &code);
        assert!(
            status == Some(1) && last == "MemoryError" && out.is_empty(),
            "{body}: status {status:?}, stdout {out:?}, stderr:\n{err}"
        );
        if std::path::Path::new(CPYTHON).exists() {
            let (cs, cout, clast, _) = run_limited(std::path::Path::new(CPYTHON), &code);
            assert_eq!(
                (cs, cout, clast),
                (status, out, last),
                "{body}: CPython differs"
            );
        }
    }
}

#[test]
fn caught_memory_error_of_a_native_loop_lets_the_program_go_on() {
    let exe = tests::protopy_bin();
    let code = format!(
        "{PRELUDE}for attempt in range(2):\n    x = []\n    try:\n        \
         x.extend(map(list, zip(count())))\n    except MemoryError:\n        x = None\n    \
         print('recovered', attempt)\ny = list(map(list, zip(range(100_000))))\n\
         print(len(y), y[-1])\n"
    );
    let (status, out, last, err) = run_limited(&exe, &code);
    assert_eq!(
        (status, out.as_str(), last.as_str()),
        (Some(0), "recovered 0\nrecovered 1\n100000 [99999]\n", ""),
        "stderr:\n{err}"
    );
}
