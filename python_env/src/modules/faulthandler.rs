//! The `faulthandler` module: report fatal signals, dump the Python
//! traceback on demand, after a timeout, or on a user signal, as CPython's
//! C module does (CPython's test runner uses it).
//!
//! - `enable()` installs a handler for SIGSEGV, SIGFPE, SIGABRT, SIGBUS
//!   and SIGILL (`SA_NODEFER | SA_ONSTACK`, so it runs on the alternate
//!   stack Rust gives each thread and a stack overflow is reported too).
//!   The handler is async-signal-safe: it only loads atomics, formats into
//!   a stack buffer and calls `write(2)`, then restores the previous
//!   handler and re-raises the signal. It writes CPython's
//!   `Fatal Python error: <name>` header and the thread's id, but **no
//!   Python frames**: ProtoPy's frames live in the thread's `Vm`, which a
//!   signal handler cannot reach or read safely, so a line says so.
//! - `dump_traceback()` is called from Python and walks the calling
//!   thread's frames normally. With `all_threads=True` it shows the calling
//!   thread only (as `Current thread ...`): other threads' frames are not
//!   readable while they run (no GIL stops them).
//! - `dump_traceback_later()` starts a watchdog OS thread (no `Vm`) that
//!   waits on a condition variable; on timeout it writes CPython's
//!   `Timeout (h:mm:ss)!` header (and a line saying that it cannot read
//!   Python frames), then `_exit(1)` if asked, or waits again if `repeat`.
//!   `cancel_dump_traceback_later()` wakes and joins it.
//! - `register(signum)` makes the Python-level handler of `signum` (in
//!   `_signal`'s handler table, run by the main thread at its next
//!   safepoint, see `engine::runtime::signals`) a native function that dumps
//!   the main thread's traceback, then calls the previous handler if
//!   `chain`. Unlike CPython it therefore runs when the main thread next
//!   reaches a safepoint, not inside the OS handler, and
//!   `signal.getsignal(signum)` shows it. `unregister` restores the previous
//!   handler.
//! - The crash helpers CPython's tests call, `_sigsegv`, `_read_null`,
//!   `_sigabrt` and `_sigfpe`, kill the process with their signal (so the
//!   handler of `enable()` reports it), core dumps turned off first as
//!   CPython's do. `_read_null` raises SIGSEGV instead of reading address 0,
//!   which Rust cannot express without undefined behaviour; the process
//!   dies the same way. `_stack_overflow` and `_fatal_error_c_thread` are
//!   not provided.
//!
//! The file objects given are kept in module state so their descriptors
//! stay open while they are used, as CPython keeps a reference.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::sync::{self, Arc, AtomicBool, AtomicU32, Condvar, Mutex, Ordering};
use proto_core::{Obj, Value};
use std::time::{Duration, Instant};

const MODULE_DOC: &str = "faulthandler module.";

/// Frames written at most per thread (CPython's `MAX_FRAME_DEPTH`).
const MAX_FRAME_DEPTH: usize = 100;
/// Characters of a file or function name written at most
/// (CPython's `MAX_STRING_LENGTH`).
const MAX_STRING_LENGTH: usize = 500;

// Module state slots.
const STATE_FATAL_FILE: usize = 0;
const STATE_LATER_FILE: usize = 1;
/// Dict: signum -> (handler, previous handler) of `register`.
const STATE_REGISTERED: usize = 2;
const N_STATE: usize = 3;

/// The signals `enable()` handles, with the names CPython writes.
const FATAL_SIGNALS: [(libc::c_int, &str); 5] = [
    (libc::SIGBUS, "Bus error"),
    (libc::SIGILL, "Illegal instruction"),
    (libc::SIGFPE, "Floating point exception"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGSEGV, "Segmentation fault"),
];

/// The descriptor fatal errors are written to ([`NO_FD`]: none).
static FATAL_FD: AtomicU32 = AtomicU32::new(NO_FD);
const NO_FD: u32 = u32::MAX;
/// Whether the fatal handlers are installed.
static FATAL_ENABLED: AtomicBool = AtomicBool::new(false);
/// The handlers `enable()` replaced, restored by `disable()` and by the
/// handler itself before it re-raises. The handler only `try_lock`s it.
static PREVIOUS: Mutex<[Option<libc::sigaction>; 5]> = Mutex::new([None; 5]);

/// The running `dump_traceback_later` watchdog.
struct Watchdog {
    /// Set (under the mutex) to cancel; the condvar wakes the thread.
    cancel: Arc<(Mutex<bool>, Condvar)>,
    thread: std::thread::JoinHandle<()>,
}
static WATCHDOG: Mutex<Option<Watchdog>> = Mutex::new(None);

// ------------------------------------------------------------ raw writing

/// Writes all of `b` to `fd` (async-signal-safe: only `write(2)`).
fn write_fd(fd: i32, mut b: &[u8]) {
    while !b.is_empty() {
        // SAFETY: `b` is a valid buffer of `b.len()` bytes.
        let n = unsafe { libc::write(fd, b.as_ptr().cast(), b.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return;
        }
        if n == 0 {
            return;
        }
        b = &b[n as usize..];
    }
}

/// `0x` and 16 lowercase hex digits of `v` in a stack buffer (no
/// allocation, for the signal handler).
fn hex16(v: u64) -> [u8; 18] {
    let mut out = [b'0'; 18];
    out[1] = b'x';
    for i in 0..16 {
        let d = ((v >> ((15 - i) * 4)) & 0xf) as u8;
        out[2 + i] = if d < 10 { b'0' + d } else { b'a' + d - 10 };
    }
    out
}

fn thread_id() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// Writes the thread header: `Current thread 0x... (most recent call
/// first):` or, for a one-thread dump, `Stack (most recent call first):`.
fn write_thread_header(fd: i32, all_threads: bool) {
    if all_threads {
        write_fd(fd, b"Current thread ");
        write_fd(fd, &hex16(thread_id()));
        write_fd(fd, b" (most recent call first):\n");
    } else {
        write_fd(fd, b"Stack (most recent call first):\n");
    }
}

// --------------------------------------------------------- fatal signals

extern "C" fn fatal_handler(sig: libc::c_int) {
    let saved_errno = std::io::Error::last_os_error().raw_os_error();
    let Some(i) = FATAL_SIGNALS.iter().position(|&(s, _)| s == sig) else {
        return;
    };
    let fd = FATAL_FD.load(Ordering::Acquire);
    if fd != NO_FD {
        let fd = fd as i32;
        write_fd(fd, b"Fatal Python error: ");
        write_fd(fd, FATAL_SIGNALS[i].1.as_bytes());
        write_fd(fd, b"\n\n");
        write_thread_header(fd, true);
        write_fd(
            fd,
            b"  <Python frames cannot be read from a signal handler in ProtoPy>\n",
        );
    }
    // Restore the previous handler (SIG_DFL if it cannot be read now) and
    // raise again: with SA_NODEFER it runs at once. Rust's own SIGSEGV and
    // SIGBUS handler (stack-overflow detection) returns for anything but a
    // guard-page hit, expecting the fault to recur; for a signal sent by
    // kill/raise nothing recurs, so unless the previous handler is
    // ProtoPy's Python-level one (which only records the signal), the
    // default action is forced, and the process dies of the signal as
    // under CPython.
    let prev = PREVIOUS.try_lock().ok().and_then(|g| g[i]);
    let python_level =
        engine::runtime::signals::on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: sigaction, signal and raise are async-signal-safe; `prev` is
    // a sigaction the kernel returned earlier.
    unsafe {
        match prev {
            Some(sa) => {
                libc::sigaction(sig, &sa, std::ptr::null_mut());
            }
            None => {
                libc::signal(sig, libc::SIG_DFL);
            }
        }
        libc::raise(sig);
        let keep = prev
            .is_some_and(|sa| sa.sa_sigaction == python_level || sa.sa_sigaction == libc::SIG_IGN);
        if !keep {
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }
    if let Some(e) = saved_errno {
        // SAFETY: __errno_location returns this thread's errno.
        unsafe { *libc::__errno_location() = e };
    }
}

/// Installs the fatal handlers, saving the previous ones.
fn install_fatal() -> Result<(), i32> {
    let mut prev = sync::lock(&PREVIOUS);
    for (i, &(sig, _)) in FATAL_SIGNALS.iter().enumerate() {
        // SAFETY: plain-data structs, zero-initialised then filled; the
        // handler is async-signal-safe (see `fatal_handler`).
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = fatal_handler as extern "C" fn(libc::c_int) as libc::sighandler_t;
            libc::sigemptyset(&mut sa.sa_mask);
            sa.sa_flags = libc::SA_NODEFER | libc::SA_ONSTACK;
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(sig, &sa, &mut old) != 0 {
                return Err(super::_io::last_errno());
            }
            prev[i] = Some(old);
        }
    }
    Ok(())
}

/// Restores the handlers `install_fatal` replaced.
fn uninstall_fatal() {
    let mut prev = sync::lock(&PREVIOUS);
    for (i, &(sig, _)) in FATAL_SIGNALS.iter().enumerate() {
        if let Some(sa) = prev[i].take() {
            // SAFETY: `sa` is a sigaction the kernel returned.
            unsafe { libc::sigaction(sig, &sa, std::ptr::null_mut()) };
        }
    }
}

// ------------------------------------------------------------ arguments

/// CPython's `faulthandler_get_fileno`: the descriptor of `file` (None:
/// `sys.stderr`; an int: itself), flushing a file object first. Returns
/// the object to keep alive (None for an int) and the descriptor.
fn file_arg(vm: &mut Vm, file: Option<Value>) -> PyResult<(Value, i32)> {
    let file = match file {
        Some(f) if !f.is_none() => f,
        _ => match crate::builtins::sys_attr(vm, "stderr") {
            None => {
                return Err(vm.new_exc(vm.g.e.RuntimeError, "unable to get sys.stderr"));
            }
            Some(f) if f.is_none() => {
                return Err(vm.new_exc(vm.g.e.RuntimeError, "sys.stderr is None"));
            }
            Some(f) => f,
        },
    };
    if vm.is_int_like(file) {
        let fd = crate::args::c_int(vm, file)?;
        if fd < 0 {
            return Err(vm.value_error("file is not a valid file descripter"));
        }
        return Ok((Value::NONE, fd));
    }
    let mark = vm.push_root(file);
    let r = vm.call_method(file, "fileno", &[]);
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    let fd = if vm.is_int_like(r) {
        vm.as_i64(r).unwrap_or(-1)
    } else {
        -1
    };
    if fd < 0 || fd > i64::from(i32::MAX) {
        vm.pop_roots(mark);
        return Err(vm.new_exc(
            vm.g.e.RuntimeError,
            "file.fileno() is not a valid file descriptor",
        ));
    }
    // A failing flush() is ignored, as in CPython.
    let _ = vm.call_method(file, "flush", &[]);
    vm.pop_roots(mark);
    Ok((file, fd as i32))
}

fn bool_arg(vm: &mut Vm, v: Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => vm.truthy(v),
        None => Ok(default),
    }
}

fn state(vm: &mut Vm, m: Value, i: usize) -> PyResult<Value> {
    super::pwd::state(vm, m, i)
}

fn set_state(vm: &mut Vm, m: Value, i: usize, v: Value) {
    super::_struct::set_module_state(vm, m, i, v);
}

// -------------------------------------------------------------- tracebacks

/// CPython's `_Py_DumpASCII`: non-ASCII characters escaped, at most
/// `MAX_STRING_LENGTH` characters then "...".
fn push_ascii(out: &mut String, s: &str) {
    for (n, c) in s.chars().enumerate() {
        if n >= MAX_STRING_LENGTH {
            out.push_str("...");
            return;
        }
        let u = c as u32;
        if (0x20..0x7f).contains(&u) {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
}

/// The calling thread's traceback in CPython's faulthandler format.
fn format_traceback(vm: &mut Vm, all_threads: bool) -> String {
    let mut out = String::new();
    if all_threads {
        out.push_str(&format!(
            "Current thread 0x{:016x} (most recent call first):\n",
            thread_id()
        ));
    } else {
        out.push_str("Stack (most recent call first):\n");
    }
    if vm.frames.is_empty() {
        out.push_str("  <no Python frame>\n");
    }
    let levels = engine::runtime::trace::stack_levels(&vm.frames, &vm.delegators);
    for (depth, level) in levels.enumerate() {
        if depth >= MAX_FRAME_DEPTH {
            out.push_str("  ...\n");
            break;
        }
        let (cd, lasti) = match level {
            engine::runtime::trace::StackLevel::Frame(fi) => {
                (vm.frames[fi].code, vm.frames[fi].lasti)
            }
            engine::runtime::trace::StackLevel::Delegator(g) => {
                match engine::runtime::trace::delegator_position(g) {
                    Some(p) => p,
                    None => continue,
                }
            }
        };
        let code = &cd.code;
        out.push_str("  File \"");
        push_ascii(&mut out, &code.filename);
        let line = code.location(lasti as u32).line;
        out.push_str(&format!("\", line {line} in "));
        push_ascii(&mut out, &code.name);
        out.push('\n');
    }
    out
}

// ----------------------------------------------------------- functions

/// `enable(file=sys.stderr, all_threads=True)`.
fn enable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [file, all] = clinic::unpack(vm, "enable", &a[1..], k, ["file", "all_threads"], 0, 0, 2)?;
    let (fobj, fd) = file_arg(vm, file)?;
    bool_arg(vm, all, true)?;
    set_state(vm, a[0], STATE_FATAL_FILE, fobj);
    FATAL_FD.store(fd as u32, Ordering::Release);
    if !FATAL_ENABLED.swap(true, Ordering::AcqRel) {
        if let Err(e) = install_fatal() {
            uninstall_fatal();
            FATAL_ENABLED.store(false, Ordering::Release);
            return Err(super::_io::os_error(vm, e, None));
        }
    }
    Ok(Value::NONE)
}

/// `disable()`: restores the previous handlers; True if they were
/// installed.
fn disable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "faulthandler.disable", &a[1..], k, 0, 0)?;
    let was = FATAL_ENABLED.swap(false, Ordering::AcqRel);
    if was {
        uninstall_fatal();
    }
    FATAL_FD.store(NO_FD, Ordering::Release);
    set_state(vm, a[0], STATE_FATAL_FILE, Value::NONE);
    Ok(Value::bool(was))
}

/// `is_enabled()`.
fn is_enabled(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "faulthandler.is_enabled", &a[1..], k, 0, 0)?;
    Ok(Value::bool(FATAL_ENABLED.load(Ordering::Acquire)))
}

/// `dump_traceback(file=sys.stderr, all_threads=True)`.
fn dump_traceback(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [file, all] = clinic::unpack(
        vm,
        "dump_traceback",
        &a[1..],
        k,
        ["file", "all_threads"],
        0,
        0,
        2,
    )?;
    let (fobj, fd) = file_arg(vm, file)?;
    let mark = vm.push_root(fobj);
    let all = bool_arg(vm, all, true);
    vm.pop_roots(mark);
    let text = format_traceback(vm, all?);
    vm.ctx.blocking(|| write_fd(fd, text.as_bytes()));
    Ok(Value::NONE)
}

/// CPython's `format_timeout`.
fn format_timeout(us: u64) -> String {
    let (sec, frac) = (us / 1_000_000, us % 1_000_000);
    let (min, sec) = (sec / 60, sec % 60);
    let (hour, min) = (min / 60, min % 60);
    if frac != 0 {
        format!("Timeout ({hour}:{min:02}:{sec:02}.{frac:06})!\n")
    } else {
        format!("Timeout ({hour}:{min:02}:{sec:02})!\n")
    }
}

/// Stops the watchdog thread, if any, and waits for it.
/// In the child of a fork: the watchdog thread does not exist there, so
/// its handle is forgotten (joining it would wait for nothing); a timeout
/// armed in the parent does not fire in the child.
pub(crate) fn after_fork_child() {
    if let Some(w) = sync::lock(&WATCHDOG).take() {
        std::mem::forget(w);
    }
}

fn cancel_watchdog() {
    let w = sync::lock(&WATCHDOG).take();
    if let Some(w) = w {
        {
            let (m, cv) = &*w.cancel;
            *sync::lock(m) = true;
            cv.notify_all();
        }
        let _ = w.thread.join();
    }
}

/// `dump_traceback_later(timeout, repeat=False, file=sys.stderr,
/// exit=False)`.
fn dump_traceback_later(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [timeout, repeat, file, exit] = clinic::unpack(
        vm,
        "dump_traceback_later",
        &a[1..],
        k,
        ["timeout", "repeat", "file", "exit"],
        0,
        1,
        4,
    )?;
    let timeout = timeout.unwrap_or(Value::NONE);
    let secs = match vm.num(timeout) {
        Some(ops::Num::F(f)) => f,
        Some(ops::Num::I(i)) => i as f64,
        _ => {
            let tn = vm.type_name_of(timeout);
            return Err(vm.type_error(&format!(
                "'{tn}' object cannot be interpreted as an integer"
            )));
        }
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    let us = (secs * 1e6).ceil();
    if us <= 0.0 {
        return Err(vm.value_error("timeout must be greater than 0"));
    }
    if us >= i64::MAX as f64 {
        return Err(vm.new_exc(vm.g.e.OverflowError, "timeout value is too large"));
    }
    let us = us as u64;
    let repeat = bool_arg(vm, repeat, false)?;
    let exit = bool_arg(vm, exit, false)?;
    let (fobj, fd) = file_arg(vm, file)?;
    cancel_watchdog();
    set_state(vm, a[0], STATE_LATER_FILE, fobj);
    let header = format_timeout(us);
    let cancel = Arc::new((Mutex::new(false), Condvar::new()));
    let c2 = Arc::clone(&cancel);
    let period = Duration::from_micros(us);
    let thread = std::thread::Builder::new()
        .name("faulthandler watchdog".into())
        .spawn(move || {
            proto_core::sigmask::block_async_signals();
            watchdog(c2, period, header, fd, repeat, exit)
        });
    match thread {
        Ok(thread) => {
            *sync::lock(&WATCHDOG) = Some(Watchdog { cancel, thread });
            Ok(Value::NONE)
        }
        Err(_) => Err(vm.new_exc(vm.g.e.RuntimeError, "unable to start watchdog thread")),
    }
}

/// The watchdog: waits `period` (or until cancelled), then reports.
fn watchdog(
    cancel: Arc<(Mutex<bool>, Condvar)>,
    period: Duration,
    header: String,
    fd: i32,
    repeat: bool,
    exit: bool,
) {
    let (m, cv) = &*cancel;
    loop {
        let deadline = Instant::now() + period;
        let mut g = sync::lock(m);
        loop {
            if *g {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            g = match cv.wait_timeout(g, deadline - now) {
                Ok((g, _)) => g,
                Err(p) => p.into_inner().0,
            };
        }
        drop(g);
        write_fd(fd, header.as_bytes());
        write_fd(
            fd,
            b"<Python frames of running threads cannot be read by ProtoPy's watchdog thread>\n",
        );
        if exit {
            // SAFETY: _exit ends the process at once, as CPython's watchdog
            // does; nothing runs afterwards.
            unsafe { libc::_exit(1) };
        }
        if !repeat {
            return;
        }
    }
}

/// `cancel_dump_traceback_later()`.
fn cancel_dump_traceback_later(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(
        vm,
        "faulthandler.cancel_dump_traceback_later",
        &a[1..],
        k,
        0,
        0,
    )?;
    vm.ctx.blocking(cancel_watchdog);
    set_state(vm, a[0], STATE_LATER_FILE, Value::NONE);
    Ok(Value::NONE)
}

/// The signal number of `register`/`unregister`, with CPython's checks.
fn signum_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let n = crate::args::c_int(vm, v)?;
    if FATAL_SIGNALS.iter().any(|&(s, _)| s == n) {
        return Err(vm.new_exc(
            vm.g.e.RuntimeError,
            &format!("signal {n} cannot be registered, use enable() instead"),
        ));
    }
    if n < 1 || n as usize >= engine::runtime::signals::NSIG {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n)
}

fn signal_handlers(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.import_module("_signal")?;
    let k = vm.intern("_handlers");
    vm.getattr(m, k)
}

/// The Python-level handler `register` installs: bound to the tuple
/// `(file, fd, all_threads, chain, previous)`; called with
/// `(signum, frame)`.
fn registered_handler(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = Obj::from_value(a[0]).expect("bound state tuple");
    let fd = st.get(1).as_int().unwrap_or(2) as i32;
    let all = st.get(2) == Value::TRUE;
    let text = format_traceback(vm, all);
    vm.ctx.blocking(|| write_fd(fd, text.as_bytes()));
    let prev = st.get(4);
    if st.get(3) == Value::TRUE && !prev.is_int() && vm.is_callable(prev) {
        vm.call(prev, &a[1..], Value::EMPTY)?;
    }
    Ok(Value::NONE)
}

/// `register(signum, file=sys.stderr, all_threads=True, chain=False)`.
fn register(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [signum, file, all, chain] = clinic::unpack(
        vm,
        "register",
        &a[1..],
        k,
        ["signum", "file", "all_threads", "chain"],
        0,
        1,
        4,
    )?;
    let n = signum_arg(vm, signum.unwrap_or(Value::NONE))?;
    let (fobj, fd) = file_arg(vm, file)?;
    let mark = vm.push_root(fobj);
    let r = (|| {
        let all = bool_arg(vm, all, true)?;
        let chain = bool_arg(vm, chain, false)?;
        let reg = state(vm, a[0], STATE_REGISTERED)?;
        let handlers = signal_handlers(vm)?;
        vm.push_root(handlers);
        // The previous Python-level handler (a re-registration keeps the
        // one from before the first).
        let prev = match vm.getitem(reg, Value::int(i64::from(n))) {
            Ok(entry) => Obj::from_value(entry).expect("tuple").get(1),
            Err(_) => vm
                .getitem(handlers, Value::int(i64::from(n)))
                .unwrap_or(Value::int(0)),
        };
        vm.push_root(prev);
        let st = vm.new_tuple(&[
            fobj,
            Value::int(i64::from(fd)),
            Value::bool(all),
            Value::bool(chain),
            prev,
        ]);
        vm.push_root(st);
        let h = vm.new_builtin_bound("faulthandler_dump", registered_handler, st);
        vm.push_root(h);
        if !engine::runtime::signals::install(n) {
            return Err(super::_io::os_error(vm, libc::EINVAL, None));
        }
        vm.setitem(handlers, Value::int(i64::from(n)), h)?;
        let entry = vm.new_tuple(&[h, prev]);
        vm.setitem(reg, Value::int(i64::from(n)), entry)?;
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

/// `unregister(signum)`: restores the handler `register` replaced; True
/// if one was registered.
fn unregister(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "unregister", "unregister", &a[1..], k, 1, 1)?;
    let n = signum_arg(vm, a[1])?;
    let reg = state(vm, a[0], STATE_REGISTERED)?;
    let key = Value::int(i64::from(n));
    let Ok(entry) = vm.getitem(reg, key) else {
        return Ok(Value::FALSE);
    };
    let mark = vm.push_root(entry);
    let r = (|| {
        let prev = Obj::from_value(entry).expect("tuple").get(1);
        let handlers = signal_handlers(vm)?;
        vm.push_root(handlers);
        let ok = match prev.as_int() {
            Some(1) => engine::runtime::signals::set_os_handler(n, libc::SIG_IGN),
            Some(_) => engine::runtime::signals::set_os_handler(n, libc::SIG_DFL),
            None => engine::runtime::signals::install(n),
        };
        if !ok {
            return Err(super::_io::os_error(vm, libc::EINVAL, None));
        }
        vm.setitem(handlers, key, prev)?;
        vm.delitem(reg, key)?;
        Ok(Value::TRUE)
    })();
    vm.pop_roots(mark);
    r
}

/// Kills the process with `sig` as CPython's crash helpers do: core dumps
/// off (`faulthandler_suppress_crash_report`), then the signal raised on
/// this thread, unblocked and, should a handler return, with the default
/// action.
fn crash_with(sig: libc::c_int) -> ! {
    let no_core = libc::rlimit {
        rlim_cur: 0,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: plain system calls on values owned here; `getrlimit` keeps
    // the hard limit, which an unprivileged process may not raise.
    unsafe {
        let mut cur = no_core;
        if libc::getrlimit(libc::RLIMIT_CORE, &mut cur) == 0 {
            let lim = libc::rlimit {
                rlim_cur: 0,
                rlim_max: cur.rlim_max,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &lim);
        }
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
        libc::abort()
    }
}

/// `_sigsegv(release_gil=False)`.
fn sigsegv(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "_sigsegv", "_sigsegv", &a[1..], k, 0, 1)?;
    crash_with(libc::SIGSEGV)
}

/// `_read_null()`.
fn read_null(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_read_null", &a[1..], k, 0, 0)?;
    crash_with(libc::SIGSEGV)
}

/// `_sigabrt()`.
fn sigabrt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_sigabrt", &a[1..], k, 0, 0)?;
    crash_with(libc::SIGABRT)
}

/// `_sigfpe()`.
fn sigfpe(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_sigfpe", &a[1..], k, 0, 0)?;
    crash_with(libc::SIGFPE)
}

/// Creates the `faulthandler` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "faulthandler", N_STATE);
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let reg = vm.new_dict();
    set_state(vm, m, STATE_REGISTERED, reg);
    super::pwd::add_bound_functions(
        vm,
        m,
        &[
            ("enable", enable as NativeFn),
            ("disable", disable),
            ("is_enabled", is_enabled),
            ("dump_traceback", dump_traceback),
            ("dump_traceback_later", dump_traceback_later),
            ("cancel_dump_traceback_later", cancel_dump_traceback_later),
            ("register", register),
            ("unregister", unregister),
            ("_sigsegv", sigsegv),
            ("_read_null", read_null),
            ("_sigabrt", sigabrt),
            ("_sigfpe", sigfpe),
        ],
    );
    vm.pop_roots(mark);
    Ok(m)
}
