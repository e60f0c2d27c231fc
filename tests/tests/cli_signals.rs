//! Ctrl-C reaches Python as CPython delivers it: SIGINT sent to a running
//! `protopy` raises KeyboardInterrupt in the main thread (in a busy loop, a
//! sleep, a blocked join or a blocked `SimpleQueue.get`), a handler can
//! catch it, and an uncaught one prints a traceback and ends the process by
//! SIGINT.
//!
//! Needs the `protopy` binary of the same profile (`cargo build --release
//! --workspace --bins`, which `run-tests.sh` does first).

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::Duration;

fn protopy() -> std::path::PathBuf {
    tests::protopy_bin()
}

/// Runs `src`; each time the program prints a line (up to `count` times),
/// waits `delay` (to be inside the next blocking construct) and sends
/// SIGINT. Returns (stdout, stderr, status).
fn interrupt(
    src: &str,
    count: usize,
    delay: Duration,
) -> (String, String, std::process::ExitStatus) {
    let mut child = Command::new(protopy())
        .arg("-c")
        .arg(src)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn protopy");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut out = String::new();
    for _ in 0..count {
        if stdout.read_line(&mut out).expect("read") == 0 {
            break;
        }
        std::thread::sleep(delay);
        let pid = i32::try_from(child.id()).expect("pid");
        // SAFETY: kill() only sends a signal to the child we spawned.
        unsafe {
            libc::kill(pid, libc::SIGINT);
        }
    }
    stdout.read_to_string(&mut out).expect("read");
    let status = child.wait().expect("wait");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    (out, err, status)
}

#[test]
fn sigint_interrupts_loop_sleep_and_join() {
    let src = "import threading, time\n\
               print('ready', flush=True)\n\
               try:\n    while True: pass\nexcept KeyboardInterrupt:\n    print('loop', flush=True)\n\
               try:\n    time.sleep(60)\nexcept KeyboardInterrupt:\n    print('sleep', flush=True)\n\
               ev = threading.Event()\n\
               t = threading.Thread(target=ev.wait)\n\
               t.start()\n\
               try:\n    t.join()\nexcept KeyboardInterrupt:\n    print('join', flush=True)\n\
               ev.set()\nt.join()\nprint('end')\n";
    let (out, err, status) = interrupt(src, 3, Duration::from_millis(300));
    assert_eq!(out, "ready\nloop\nsleep\njoin\nend\n", "stderr: {err}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn sigint_interrupts_blocked_simple_queue_get() {
    let src = "import _queue\n\
               q = _queue.SimpleQueue()\n\
               print('ready', flush=True)\n\
               try:\n    q.get()\nexcept KeyboardInterrupt:\n    print('get', flush=True)\n\
               try:\n    q.get(timeout=60)\nexcept KeyboardInterrupt:\n    print('timed get', flush=True)\n\
               q.put(1)\nprint('end', q.get(), q.qsize())\n";
    let (out, err, status) = interrupt(src, 2, Duration::from_millis(300));
    assert_eq!(out, "ready\nget\ntimed get\nend 1 0\n", "stderr: {err}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn uncaught_sigint_prints_traceback_and_dies_by_sigint() {
    let src = "print('ready', flush=True)\nwhile True:\n    pass\n";
    let (out, err, status) = interrupt(src, 1, Duration::from_millis(300));
    assert_eq!(out, "ready\n");
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(err.ends_with("KeyboardInterrupt\n"), "{err}");
    assert_eq!(status.signal(), Some(libc::SIGINT));
}

#[test]
fn python_handler_replaces_default() {
    let src = "import signal, time\n\
               hits = []\n\
               signal.signal(signal.SIGINT, lambda s, f: hits.append(s))\n\
               print('ready', flush=True)\n\
               deadline = time.time() + 30\n\
               while not hits and time.time() < deadline:\n    pass\n\
               print('handled', hits)\n";
    let (out, err, status) = interrupt(src, 1, Duration::from_millis(300));
    assert_eq!(out, "ready\nhandled [2]\n", "stderr: {err}");
    assert_eq!(status.code(), Some(0));
}
