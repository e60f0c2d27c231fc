//! The `sys` module.

mod stdlib_names;

use crate::args::Args;
use crate::types::structseq;
use engine::runtime::*;
use proto_core::sync::{AtomicBool, Ordering};
use proto_core::{Obj, Value};
use std::io::Write;

/// The file descriptor of a stream object (`f.fileno()`), None when it
/// has none or the call fails.
pub fn stream_fd(vm: &mut Vm, f: Value) -> Option<i64> {
    if f.is_none() {
        return None;
    }
    let mark = vm.push_root(f);
    let r = vm.call_method(f, "fileno", &[]);
    vm.pop_roots(mark);
    r.ok().and_then(|v| vm.as_i64(v))
}

/// `sys.stdout.flush()` when sys.stdout is a stream; errors are ignored
/// (as CPython's flushes before reading a line or writing an error).
pub fn flush_stdout(vm: &mut Vm) {
    flush_stream(vm, "stdout");
}

/// `sys.<name>.flush()`, errors ignored (a None or missing stream is
/// skipped).
pub fn flush_stream(vm: &mut Vm, name: &str) {
    if let Some(f) = crate::builtins::sys_attr(vm, name).filter(|f| !f.is_none()) {
        let mark = vm.push_root(f);
        let _ = vm.call_method(f, "flush", &[]);
        vm.pop_roots(mark);
    }
}

/// Writes `text` to `sys.stderr` and flushes it, as CPython's
/// `PyFile_WriteString` for error reports: nothing when sys.stderr is
/// None, the process's descriptor 2 when sys.stderr is missing or its
/// write fails.
pub fn write_stderr(vm: &mut Vm, text: &str) {
    match crate::builtins::sys_attr(vm, "stderr") {
        Some(f) if f.is_none() => {}
        Some(f) => {
            let mark = vm.push_root(f);
            let t = vm.new_str(text);
            let r = vm.call_method(f, "write", &[t]);
            let _ = vm.call_method(f, "flush", &[]);
            vm.pop_roots(mark);
            if r.is_err() {
                let _ = std::io::stderr().write_all(text.as_bytes());
            }
        }
        None => {
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    }
}

/// CPython's `flush_std_files` at exit: sys.stdout then sys.stderr are
/// flushed when open; a failing stdout flush is reported as unraisable
/// (sys.stderr) and makes the result false (CPython then exits with 120);
/// a failing stderr flush is ignored.
pub fn flush_std_files(vm: &mut Vm) -> bool {
    flush_std_files_reporting(vm, true)
}

/// [`flush_std_files`]; with `report` false a failed flush is neither
/// reported nor counted (the flush after the exit's finalizers, which
/// CPython makes only for streams still in `sys`: it has cleared `sys`
/// by then, so an error there was reported once already).
pub fn flush_std_files_reporting(vm: &mut Vm, report: bool) -> bool {
    let mut ok = true;
    for name in ["stdout", "stderr"] {
        let Some(f) = crate::builtins::sys_attr(vm, name).filter(|f| !f.is_none()) else {
            continue;
        };
        let mark = vm.push_root(f);
        let closed = {
            let n = vm.intern("closed");
            match vm.getattr(f, n) {
                Ok(c) => vm.truthy(c).unwrap_or(false),
                Err(_) => false,
            }
        };
        if !closed {
            if let Err(e) = vm.call_method(f, "flush", &[]) {
                if name == "stdout" && report {
                    vm.push_root(e.0);
                    crate::modules::gc::write_unraisable(vm, f, e);
                    ok = false;
                }
            }
        }
        vm.pop_roots(mark);
    }
    ok
}

/// Whether descriptor `fd` is open now (CPython's `_Py_IsValidFD`).
fn fd_open_now(fd: i32) -> bool {
    // SAFETY: F_GETFD only queries the descriptor table; no memory is passed.
    unsafe { libc::fcntl(fd, libc::F_GETFD) >= 0 }
}

/// Which of descriptors 0, 1, 2 were open when the process started (bit
/// `fd`), with bit 3 set once recorded: a descriptor closed at start-up
/// may be reused by a file the runtime opens before `sys` exists, and its
/// stream must still be None.
static STD_FDS_AT_START: proto_core::sync::AtomicU32 = proto_core::sync::AtomicU32::new(0);

/// Records which standard descriptors are open (the `protopy` command,
/// first thing at start-up).
pub fn note_std_fds() {
    let mut bits = 8u32;
    for fd in 0..3 {
        if fd_open_now(fd) {
            bits |= 1 << fd;
        }
    }
    STD_FDS_AT_START.store(bits, Ordering::Relaxed);
}

/// Whether standard descriptor `fd` can back a stream: open at start-up
/// (when recorded) and open now.
fn fd_is_valid(fd: i32) -> bool {
    let bits = STD_FDS_AT_START.load(Ordering::Relaxed);
    (bits & 8 == 0 || bits & (1 << fd) != 0) && fd_open_now(fd)
}

/// CPython's default error handler of the standard streams
/// (`config_get_stdio_errors`): surrogateescape in UTF-8 mode
/// (PYTHONUTF8=1) and under the C/POSIX locale or a locale coercion
/// target (C.UTF-8, C.utf8, UTF-8); strict otherwise.
fn stdio_errors_default() -> &'static str {
    let env = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty());
    if !IGNORE_ENVIRONMENT.load(Ordering::Relaxed) && env("PYTHONUTF8").as_deref() == Some("1") {
        return "surrogateescape";
    }
    let loc = env("LC_ALL")
        .or_else(|| env("LC_CTYPE"))
        .or_else(|| env("LANG"))
        .unwrap_or_else(|| "C".into());
    // A locale the C library does not have leaves LC_CTYPE at "C".
    if matches!(loc.as_str(), "C" | "POSIX" | "C.UTF-8" | "C.utf8" | "UTF-8")
        || !locale_exists(&loc)
    {
        "surrogateescape"
    } else {
        "strict"
    }
}

/// Whether the C library can load locale `name` (for LC_CTYPE).
fn locale_exists(name: &str) -> bool {
    let Ok(c) = std::ffi::CString::new(name) else {
        return false;
    };
    // SAFETY: newlocale reads the NUL-terminated name and returns a new
    // locale object (or null), which is freed at once; no global state
    // of this process changes.
    unsafe {
        let l = libc::newlocale(libc::LC_CTYPE_MASK, c.as_ptr(), std::ptr::null_mut());
        if l.is_null() {
            false
        } else {
            libc::freelocale(l);
            true
        }
    }
}

/// The locale's encoding (`nl_langinfo(CODESET)`) when the UTF-8 mode is
/// off, set by the `protopy` command before `sys` exists: the standard
/// streams' default encoding, and the file-system encoding once
/// [`init_stdio`] has its codec name. Unset (the UTF-8 mode, or a runtime
/// embedded without the command): both are UTF-8.
static LOCALE_ENCODING: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The file-system encoding's codec name (`sys.getfilesystemencoding()`,
/// CPython's `config_init_fs_encoding`): "utf-8" in the UTF-8 mode, else
/// the locale's ("ascii" in the C and POSIX locales).
static FS_ENCODING: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Outside the UTF-8 mode: the locale's encoding `enc` is the standard
/// streams' and the file system's (see [`LOCALE_ENCODING`]). The first
/// call wins. Returns whether that file-system encoding is UTF-8.
pub fn set_locale_encoding(enc: String) -> bool {
    // ASCII's and UTF-8's names are known without the codec registry,
    // which cannot load before `sys` exists; another encoding's codec name
    // is looked up by `init_stdio`.
    let norm = enc.to_ascii_lowercase().replace('_', "-");
    let known = match norm.as_str() {
        "ansi-x3.4-1968" | "ascii" | "us-ascii" | "646" => Some("ascii"),
        "utf-8" | "utf8" => Some("utf-8"),
        _ => None,
    };
    if let Some(k) = known {
        let _ = FS_ENCODING.set(k.to_string());
    }
    let _ = LOCALE_ENCODING.set(enc);
    known == Some("utf-8")
}

/// The file-system encoding (see [`FS_ENCODING`]), with the error handler
/// surrogateescape.
pub fn fs_encoding() -> &'static str {
    FS_ENCODING.get().map_or("utf-8", String::as_str)
}

/// The standard streams' encoding and error handler: PYTHONIOENCODING's
/// "encoding:errors" (either part may be empty, an encoding alone meaning
/// strict; not under -E), else UTF-8 (the locale's encoding outside the
/// UTF-8 mode) and [`stdio_errors_default`].
fn stdio_encoding() -> (String, String) {
    let mut enc = LOCALE_ENCODING
        .get()
        .map_or("utf-8", String::as_str)
        .to_string();
    let mut errors = stdio_errors_default().to_string();
    if !IGNORE_ENVIRONMENT.load(Ordering::Relaxed) {
        if let Ok(v) = std::env::var("PYTHONIOENCODING") {
            let (e, r) = match v.split_once(':') {
                Some((e, r)) => (e.to_string(), Some(r.to_string())),
                None => (v.clone(), None),
            };
            // An encoding without an error handler means strict
            // (PYTHONIOENCODING=latin1 is latin1:strict), as CPython.
            if !e.is_empty() {
                enc = e;
                errors = "strict".into();
            }
            if let Some(r) = r.filter(|r| !r.is_empty()) {
                errors = r;
            }
        }
    }
    (enc, errors)
}

/// The codec's own name for encoding `enc` (`codecs.lookup(enc).name`, as
/// CPython's `config_get_codec_name`); UTF-8's spellings need no lookup.
fn codec_name(vm: &mut Vm, enc: &str) -> PyResult<String> {
    let norm: String = enc
        .chars()
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if norm == "utf-8" || norm == "utf8" {
        return Ok("utf-8".into());
    }
    let info = crate::modules::_codecs::lookup_codec(vm, enc)?;
    let mark = vm.push_root(info);
    let n = vm.intern("name");
    let r = vm.getattr(info, n);
    vm.pop_roots(mark);
    let r = r?;
    Ok(if is_str(r) {
        str_of(r).into_owned()
    } else {
        enc.to_string()
    })
}

/// One standard stream, as CPython's `create_stdio`: `_io.open(fd, "rb"
/// or "wb", buffering, closefd=False)` (unbuffered writers under `-u`),
/// the raw file named `name`, wrapped in a TextIOWrapper with newline
/// "\n", line buffering on a terminal (and always for stderr) unless
/// unbuffered, write-through when unbuffered, and `mode` "r" or "w".
fn create_stdio(
    vm: &mut Vm,
    io: Value,
    fd: i32,
    write: bool,
    name: &str,
    encoding: &str,
    errors: &str,
) -> PyResult<Value> {
    let buffered = !UNBUFFERED.load(Ordering::Relaxed) || !write;
    let mark = vm.push_root(io);
    let r = (|| -> PyResult<Value> {
        let open = {
            let n = vm.intern("open");
            vm.getattr(io, n)?
        };
        vm.push_root(open);
        let mode = vm.new_str(if write { "wb" } else { "rb" });
        vm.push_root(mode);
        let buffering = Value::int(if buffered { -1 } else { 0 });
        let buf = vm.call(
            open,
            &[
                Value::int(i64::from(fd)),
                mode,
                buffering,
                Value::NONE,
                Value::NONE,
                Value::NONE,
                Value::FALSE,
            ],
            Value::EMPTY,
        )?;
        vm.push_root(buf);
        let raw = if buffered {
            let n = vm.intern("raw");
            vm.getattr(buf, n)?
        } else {
            buf
        };
        vm.push_root(raw);
        let nv = vm.new_str(name);
        let nn = vm.intern("name");
        vm.setattr(raw, nn, nv)?;
        let t = vm.call_method(raw, "isatty", &[])?;
        let isatty = vm.truthy(t)?;
        let unbuffered = UNBUFFERED.load(Ordering::Relaxed);
        let line_buffering = !unbuffered && (isatty || fd == 2);
        let write_through = unbuffered;
        let tcls = {
            let n = vm.intern("TextIOWrapper");
            vm.getattr(io, n)?
        };
        vm.push_root(tcls);
        let ev = vm.new_str(encoding);
        vm.push_root(ev);
        let erv = vm.new_str(errors);
        vm.push_root(erv);
        let nl = vm.new_str("\n");
        vm.push_root(nl);
        let stream = vm.call(
            tcls,
            &[
                buf,
                ev,
                erv,
                nl,
                Value::bool(line_buffering),
                Value::bool(write_through),
            ],
            Value::EMPTY,
        )?;
        vm.push_root(stream);
        // The exit sequence flushes the standard streams (`finish`), and
        // `sys.__stdout__` keeps them: no finalizer is listed for them.
        engine::runtime::finalize::unregister(stream);
        engine::runtime::finalize::unregister(buf);
        let mv = vm.new_str(if write { "w" } else { "r" });
        let mn = vm.intern("mode");
        vm.setattr(stream, mn, mv)?;
        Ok(stream)
    })();
    vm.pop_roots(mark);
    r
}

/// Sets `sys.stdin`, `sys.stdout`, `sys.stderr` and their `__x__`
/// originals (CPython's `init_sys_streams`); a descriptor closed at
/// start-up gives None. stderr always uses "backslashreplace".
fn init_stdio(vm: &mut Vm, m: Value) -> PyResult<()> {
    if let Some(loc) = LOCALE_ENCODING
        .get()
        .filter(|_| FS_ENCODING.get().is_none())
    {
        let name = codec_name(vm, loc)?;
        let _ = FS_ENCODING.set(name);
    }
    let io = vm.import_module("_io")?;
    let mark = vm.push_root(io);
    let (enc, errors) = stdio_encoding();
    let enc = match codec_name(vm, &enc) {
        Ok(e) => e,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    let r = (|| -> PyResult<()> {
        for (fd, write, name, attr) in [
            (0, false, "<stdin>", "stdin"),
            (1, true, "<stdout>", "stdout"),
            (2, true, "<stderr>", "stderr"),
        ] {
            let errs = if fd == 2 { "backslashreplace" } else { &errors };
            let s = if fd_is_valid(fd) {
                create_stdio(vm, io, fd, write, name, &enc, errs)?
            } else {
                Value::NONE
            };
            vm.set_module_attr(m, attr, s);
            vm.set_module_attr(m, &format!("__{attr}__"), s);
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

fn exit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "exit", a, k, 0, 1)?;
    // As PyErr_SetObject: a tuple is the exception's arguments, None none.
    let args = match a.first() {
        Some(&t) if vm.isinstance(t, vm.g.types.tuple) => t,
        Some(&v) if v == Value::NONE => vm.new_tuple(&[]),
        _ => vm.new_tuple(a),
    };
    Err(vm.new_exc_args(vm.g.e.SystemExit, args))
}

/// `sys.call_tracing(func, args)`: `func(*args)` with tracing on, even when
/// called from a trace function (where events are otherwise not reported).
fn call_tracing(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "call_tracing", a, k, 2, 2)?;
    if !vm.isinstance(a[1], vm.g.types.tuple) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!(
            "call_tracing() argument 2 must be tuple, not {tn}"
        )));
    }
    let args: Vec<Value> = vm.collect(a[1])?;
    let busy = vm.trace_busy;
    vm.set_trace_busy(false);
    let r = vm.call(a[0], &args, Value::EMPTY);
    vm.set_trace_busy(busy);
    r
}

/// `sys.setswitchinterval` value in microseconds, as CPython keeps it (so
/// `getswitchinterval()` reads back what CPython would: 1e-10 gives 0.0).
/// ProtoPy has no global interpreter lock to hand over: threads run in
/// parallel. The interval bounds how long `_current_frames` and
/// `_current_exceptions` let running threads reach a wait
/// ([`let_others_settle`]).
static SWITCH_INTERVAL_US: proto_core::sync::AtomicU64 = proto_core::sync::AtomicU64::new(5000);

fn getswitchinterval(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.getswitchinterval", a, k, 0, 0)?;
    let us = SWITCH_INTERVAL_US.load(proto_core::sync::Ordering::Relaxed);
    Ok(vm.new_float(1e-6 * us as f64))
}

fn setswitchinterval(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.setswitchinterval", a, k, 1, 1)?;
    // PyFloat_AsDouble: a float, or `__float__` / `__index__`; no str.
    let f = if is_str(a[0]) || crate::types::bytes::buf(a[0]).is_some() {
        None
    } else {
        match crate::types::float::to_float(vm, a[0]) {
            Ok(f) => Some(f),
            Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => None,
            Err(e) => return Err(e),
        }
    };
    let Some(f) = f else {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("must be real number, not {tn}")));
    };
    if f <= 0.0 {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    // CPython stores `(unsigned long)(1e6 * interval)`; a value past the
    // range (inf, NaN) comes out as 0 on x86-64, which is what it reports.
    let us = 1e6 * f;
    let us = if us < 18_446_744_073_709_551_616.0 {
        us as u64
    } else {
        0
    };
    SWITCH_INTERVAL_US.store(us, proto_core::sync::Ordering::Relaxed);
    Ok(Value::NONE)
}

/// `gettrace()`: this thread's trace function, None if none.
fn gettrace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gettrace", a, k, 0, 0)?;
    Ok(vm.trace_func())
}

/// `getprofile()`: this thread's profile function, None if none.
fn getprofile(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "getprofile", a, k, 0, 0)?;
    let f = vm.profile_func();
    Ok(crate::modules::_lsprof::hook_owner(f).unwrap_or(f))
}

/// `settrace(f)`: this thread's trace function (None removes it); see
/// `engine/src/runtime/trace.rs` for the events.
fn settrace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "settrace", a, k, 1, 1)?;
    vm.audit("sys.settrace", &[])?;
    vm.set_trace(a[0]);
    Ok(Value::NONE)
}

/// `setprofile(f)`: this thread's profile function (None removes it).
fn setprofile(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "setprofile", a, k, 1, 1)?;
    vm.audit("sys.setprofile", &[])?;
    vm.set_profile(a[0]);
    Ok(Value::NONE)
}

fn getrecursionlimit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.getrecursionlimit", a, k, 0, 0)?;
    Ok(Value::int(
        vm.g.recursion_limit
            .load(std::sync::atomic::Ordering::Relaxed) as i64,
    ))
}

/// `sys.is_finalizing()`: true once the interpreter is shutting down (after
/// the atexit handlers), as CPython's `_Py_IsFinalizing`.
fn is_finalizing(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).map_or(0, |o| o.n_values()) > 0 {
        return Err(vm.type_error("sys.is_finalizing() takes no keyword arguments"));
    }
    if !a.is_empty() {
        return Err(vm.type_error(&format!(
            "sys.is_finalizing() takes no arguments ({} given)",
            a.len()
        )));
    }
    Ok(Value::bool(
        vm.g.finalizing.load(proto_core::sync::Ordering::Acquire),
    ))
}

fn setrecursionlimit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.setrecursionlimit", a, k, 1, 1)?;
    let n = crate::args::py_long_as_int(vm, a[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.g.recursion_limit
        .store(n as usize, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::NONE)
}

/// `sys.get_int_max_str_digits()`.
fn get_int_max_str_digits(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.get_int_max_str_digits", a, k, 0, 0)?;
    Ok(Value::int(vm.int_max_str_digits() as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0 (unlimited) or at least
/// `sys.int_info.str_digits_check_threshold`; for every thread.
fn set_int_max_str_digits(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    let v = args.get(0, "maxdigits");
    args.no_more_kw(vm, "set_int_max_str_digits")?;
    let Some(v) = v else {
        return Err(
            vm.type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
        );
    };
    let n = crate::args::py_long_as_int(vm, v)?;
    let threshold = engine::runtime::text::MAX_STR_DIGITS_THRESHOLD as i64;
    if n != 0 && n < threshold {
        return Err(vm.value_error(&format!("maxdigits must be 0 or larger than {threshold}")));
    }
    engine::runtime::text::INT_MAX_STR_DIGITS
        .store(n as usize, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::NONE)
}

/// `sys._getframe([depth])`.
fn getframe(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_getframe", a, k, 0, 1)?;
    let depth = match a.first() {
        None => 0,
        Some(v) => match vm.as_i64(*v) {
            Some(d) => d.max(0) as usize,
            None => {
                let tn = vm.type_name_of(*v);
                return Err(vm.type_error(&format!(
                    "'{tn}' object cannot be interpreted as an integer"
                )));
            }
        },
    };
    match vm.live_frame_object(depth) {
        Some(f) => {
            vm.audit("sys._getframe", &[f])?;
            Ok(f)
        }
        None => Err(vm.value_error("call stack is not deep enough")),
    }
}

/// Waits, for at most the switch interval, until no other thread runs
/// Python code (each is in a wait or parked), before other threads' frames
/// are read. CPython's reader waits for the GIL, which a running thread
/// gives up when it blocks or when its switch interval is over: so a thread
/// that is about to block (it has just set an event and goes on to wait)
/// is seen at that wait, not a few instructions before it, in ProtoPy too.
fn let_others_settle(vm: &mut Vm) {
    let space = vm.ctx.space().clone();
    let us = SWITCH_INTERVAL_US.load(proto_core::sync::Ordering::Relaxed);
    let end = std::time::Instant::now() + std::time::Duration::from_micros(us);
    vm.ctx.blocking(|| {
        while space.running_mutators() > 0 && std::time::Instant::now() < end {
            std::thread::sleep(std::time::Duration::from_micros(20));
        }
    });
}

/// `sys._current_frames()`: thread ident -> that thread's innermost frame,
/// for every thread running Python code. Other threads are read with the
/// world stopped (`Vm::thread_states`: each is parked at a safepoint or
/// inside a blocking call); the calling thread's is its live frame object
/// (`sys._getframe()`), the others' are snapshots.
fn current_frames(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys._current_frames", a, k, 0, 0)?;
    vm.audit("sys._current_frames", &[])?;
    let_others_settle(vm);
    let me = super::_thread::thread_ident();
    let states = vm.thread_states(me);
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    for st in &states {
        if st.frames.is_empty() {
            continue;
        }
        // This thread's own frame is its frame object (`sys._getframe()`'s).
        let f = if st.ident == me {
            match vm.live_frame_object(0) {
                Some(f) => f,
                None => continue,
            }
        } else {
            vm.frame_chain(&st.frames)
        };
        vm.push_root(f);
        let key = vm.new_int(st.ident as i64);
        vm.dict_set(d, key, f)?;
    }
    vm.pop_roots(mark);
    Ok(d)
}

/// `sys._current_exceptions()`: thread ident -> that thread's
/// `sys.exc_info()` triple (CPython 3.11), read as `_current_frames` reads
/// frames.
fn current_exceptions(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys._current_exceptions", a, k, 0, 0)?;
    vm.audit("sys._current_exceptions", &[])?;
    let_others_settle(vm);
    let me = super::_thread::thread_ident();
    let states = vm.thread_states(me);
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    for st in &states {
        let info = exc_triple(vm, st.exc);
        vm.push_root(info);
        let key = vm.new_int(st.ident as i64);
        vm.dict_set(d, key, info)?;
    }
    vm.pop_roots(mark);
    Ok(d)
}

/// `(type, value, traceback)` of a handled exception `e`, or three Nones.
fn exc_triple(vm: &mut Vm, e: Value) -> Value {
    if e.is_heap() {
        let t = vm.type_of(e);
        let tb = Obj::from_value(e)
            .map(|o| o.get(EXC_TB))
            .filter(|v| v.is_heap())
            .unwrap_or(Value::NONE);
        return vm.new_tuple(&[t, e, tb]);
    }
    vm.new_tuple(&[Value::NONE, Value::NONE, Value::NONE])
}

fn exc_info(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    let e = vm.exc_info();
    if e.is_heap() {
        let t = vm.type_of(e);
        let tb = Obj::from_value(e)
            .map(|o| o.get(EXC_TB))
            .filter(|v| v.is_heap())
            .unwrap_or(Value::NONE);
        return Ok(vm.new_tuple(&[t, e, tb]));
    }
    Ok(vm.new_tuple(&[Value::NONE, Value::NONE, Value::NONE]))
}

fn exception(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    let e = vm.exc_info();
    Ok(if e.is_heap() { e } else { Value::NONE })
}

fn intern(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.intern", a, k, 1, 1)?;
    let tn = vm.arg_type_name(a[0]);
    if !is_str(a[0]) {
        return Err(vm.type_error(&format!("intern() argument must be str, not {tn}")));
    }
    if vm.type_of(a[0]) != vm.g.types.str_ {
        return Err(vm.type_error(&format!("can't intern {tn}")));
    }
    Ok(vm.intern_value(a[0]))
}

/// `sys.getsizeof(object[, default])`: `type(object).__sizeof__(object)`,
/// which must be an int in `0..=sys.maxsize`; a TypeError (no
/// `__sizeof__`, or one that returns a non-int or raises TypeError) gives
/// `default` when one is passed. ProtoPy adds no collector header: the
/// result is what `__sizeof__` reports.
fn getsizeof(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [o, default] =
        crate::types::clinic::unpack(vm, "getsizeof", a, k, ["object", "default"], 0, 1, 2)?;
    let o = o.unwrap_or(Value::NONE);
    match size_of(vm, o) {
        Err(e) if default.is_some() && vm.isinstance(e.0, vm.g.e.TypeError) => {
            Ok(default.unwrap_or(Value::NONE))
        }
        r => r,
    }
}

/// The checked result of `type(o).__sizeof__(o)`.
fn size_of(vm: &mut Vm, o: Value) -> PyResult<Value> {
    let t = vm.type_of(o);
    let Some(f) = vm.lookup_type(t, vm.g.names.__sizeof__) else {
        let tn = vm.type_name_of(o);
        return Err(vm.type_error(&format!("Type {tn} doesn't define __sizeof__")));
    };
    let r = vm.call_bound(f, o, &[])?;
    if !vm.is_int_like(r) {
        return Err(vm.type_error("an integer is required"));
    }
    match vm.as_i64(r) {
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
        Some(n) if n < 0 => Err(vm.value_error("__sizeof__() should return >= 0")),
        Some(n) => Ok(vm.new_int(n)),
    }
}

fn getdefaultencoding(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.getdefaultencoding", a, k, 0, 0)?;
    Ok(vm.new_str("utf-8"))
}

/// `sys.getfilesystemencoding()`: see [`fs_encoding`].
fn getfilesystemencoding(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.getfilesystemencoding", a, k, 0, 0)?;
    Ok(vm.new_str(fs_encoding()))
}

/// `sys.getfilesystemencodeerrors()`: the error handler of the file-system
/// encoding (os.fsencode/fsdecode, the posix module's paths).
fn getfilesystemencodeerrors(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm.new_str("surrogateescape"))
}

/// `sys.audit(event, *args)`: calls each audit hook with the event and the
/// tuple of the other arguments (engine `audit.rs`); with no hook set it
/// only requires an event, as CPython checks nothing more then.
fn audit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("sys.audit() takes no keyword arguments"));
    }
    if a.is_empty() {
        return Err(vm.type_error("audit() missing 1 required positional argument: 'event'"));
    }
    if !vm.auditing() {
        return Ok(Value::NONE);
    }
    if !is_str(a[0]) {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("expected str for argument 'event', not {tn}")));
    }
    let mark = vm.push_root(Value::NONE);
    let event = if vm.type_of(a[0]) == vm.g.types.str_ {
        a[0]
    } else {
        let b = engine::runtime::str_bytes(a[0]).to_vec();
        vm.new_str_bytes(&b)
    };
    vm.push_root(event);
    let args = vm.new_tuple(&a[1..]);
    vm.push_root(args);
    let r = vm.audit_value(event, args);
    vm.pop_roots(mark);
    r.map(|()| Value::NONE)
}

/// `sys.addaudithook(hook)`: see [`Vm::add_audit_hook`].
fn addaudithook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [hook] = crate::types::clinic::unpack(vm, "addaudithook", a, k, ["hook"], 1, 1, 1)?;
    vm.add_audit_hook(hook.unwrap_or(Value::NONE))?;
    Ok(Value::NONE)
}

/// `sys.displayhook(value)`: as CPython's, None shows nothing; otherwise
/// `builtins._` is set to None, `repr(value)` and a newline go to
/// `sys.stdout`, then `builtins._` is set to the value.
fn displayhook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "displayhook", a, k, 1, 1)?;
    let v = a[0];
    if v.is_none() {
        return Ok(Value::NONE);
    }
    let us = vm.intern("_");
    let b = vm.g.builtins;
    vm.dict_set_str(b, us, Value::NONE);
    let s = vm.repr_string(v)?;
    match crate::builtins::sys_attr(vm, "stdout") {
        Some(f) if !f.is_none() => {
            let mark = vm.push_root(f);
            let text = vm.new_str(&s);
            vm.push_root(text);
            let r = match vm.call_method(f, "write", &[text]) {
                Err(e) if vm.isinstance(e.0, vm.g.e.UnicodeEncodeError) => {
                    write_unencodable(vm, f, text)
                }
                r => r.map(|_| ()),
            }
            .and_then(|_| {
                let nl = vm.new_str("\n");
                vm.call_method(f, "write", &[nl]).map(|_| ())
            });
            vm.pop_roots(mark);
            r?;
        }
        _ => return Err(vm.exc_by_name("RuntimeError", "lost sys.stdout")),
    }
    vm.dict_set_str(b, us, v);
    Ok(Value::NONE)
}

/// Writes the repr `text` that stdout `f` cannot encode as CPython's
/// displayhook does: encoded with stdout's encoding and `backslashreplace`,
/// written to its binary `buffer` (or decoded back and written to `f` when
/// it has none).
fn write_unencodable(vm: &mut Vm, f: Value, text: Value) -> PyResult<()> {
    let mark = vm.ctx.stack().top();
    let r = (|| {
        let n = vm.intern("encoding");
        let enc = vm.getattr(f, n)?;
        vm.push_root(enc);
        let errors = vm.new_str("backslashreplace");
        vm.push_root(errors);
        let encoded = vm.call_method(text, "encode", &[enc, errors])?;
        vm.push_root(encoded);
        let n = vm.intern("buffer");
        match vm.getattr_opt(f, n)? {
            Some(buffer) => {
                vm.push_root(buffer);
                vm.call_method(buffer, "write", &[encoded])?;
            }
            None => {
                let strict = vm.new_str("strict");
                vm.push_root(strict);
                let escaped = vm.call_method(encoded, "decode", &[enc, strict])?;
                vm.push_root(escaped);
                vm.call_method(f, "write", &[escaped])?;
            }
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

/// `sys.breakpointhook(*args, **kws)`, as CPython's: PYTHONBREAKPOINT
/// (read at each call; not under -E) names the callable to run, unset or
/// empty meaning `pdb.set_trace` and "0" meaning nothing; a name that
/// cannot be imported gives a RuntimeWarning and nothing runs.
fn breakpointhook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let env = if IGNORE_ENVIRONMENT.load(Ordering::Relaxed) {
        None
    } else {
        std::env::var("PYTHONBREAKPOINT").ok()
    };
    let hook = env.unwrap_or_default();
    if hook == "0" {
        return Ok(Value::NONE);
    }
    let hook = if hook.is_empty() {
        "pdb.set_trace".to_string()
    } else {
        hook
    };
    let (module, attr) = hook.rsplit_once('.').unwrap_or(("builtins", hook.as_str()));
    let found = vm.import_module(module).and_then(|m| {
        let n = vm.intern(attr);
        vm.getattr(m, n)
    });
    match found {
        Ok(f) => {
            let mark = vm.push_root(f);
            let r = vm.call(f, a, k);
            vm.pop_roots(mark);
            r
        }
        Err(e)
            if vm.isinstance(e.0, vm.g.e.ImportError)
                || vm.isinstance(e.0, vm.g.e.AttributeError) =>
        {
            let cat =
                vm.g.exc
                    .get("RuntimeWarning")
                    .copied()
                    .unwrap_or(Value::NONE);
            vm.warn(
                cat,
                &format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{hook}\""),
                0,
            )?;
            Ok(Value::NONE)
        }
        Err(e) => Err(e),
    }
}

/// `sys.excepthook(type, value, traceback)`: the traceback goes to
/// `sys.stderr` as it is now (a replacement object included; nothing when
/// it is None), then the file is flushed, as CPython's `PyErr_Display`.
fn excepthook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "excepthook", a, k, 3, 3)?;
    let s = vm.format_exception(a[1]);
    match crate::builtins::sys_attr(vm, "stderr") {
        Some(f) if f.is_none() => {}
        Some(f) => {
            let mark = vm.push_root(f);
            let text = vm.new_str(&s);
            vm.call_method(f, "write", &[text])?;
            // PyErr_Display ignores a failing flush.
            let _ = vm.call_method(f, "flush", &[]);
            vm.pop_roots(mark);
        }
        None => {
            let _ = std::io::stderr().write_all(s.as_bytes());
        }
    }
    Ok(Value::NONE)
}

/// The C library's threads version (`confstr(_CS_GNU_LIBPTHREAD_VERSION)`,
/// e.g. "NPTL 2.36"), as CPython reports it in `sys.thread_info.version`.
fn pthread_version() -> Option<String> {
    let mut buf = [0u8; 64];
    // SAFETY: confstr writes at most `buf.len()` bytes (NUL included) into
    // the buffer it is given and returns the length it needs.
    let n = unsafe {
        libc::confstr(
            libc::_CS_GNU_LIBPTHREAD_VERSION,
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    if n == 0 || n > buf.len() {
        return None;
    }
    std::str::from_utf8(&buf[..n - 1]).ok().map(str::to_owned)
}

fn simple_ns(vm: &mut Vm, items: &[(&str, Value)]) -> Value {
    let cls = vm.g.types.namespace;
    let o = vm.alloc_obj(K_INSTANCE, cls, 1, 0);
    let d = vm.new_dict();
    o.init(0, d);
    for (k, v) in items {
        let kk = vm.intern(k);
        vm.dict_set_str(d, kk, *v);
    }
    o.value()
}

/// Where CPython 3.11's pure-Python standard library was found ([`find_stdlib`]).
pub static STDLIB: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// The Debian package that provides CPython 3.11's standard library.
pub const STDLIB_PACKAGE: &str = "libpython3.11-stdlib";

/// Finds CPython 3.11's pure-Python standard library, which ProtoPy runs
/// unmodified: `PROTOPY_STDLIB` if set, else Debian's `/usr/lib/python3.11`.
/// The folder must hold `os.py` and 3.11's import bootstrap (its bytecode
/// magic number 3495 names the version). The error is one line for the user.
pub fn find_stdlib() -> Result<std::path::PathBuf, String> {
    let (dir, from_env) = match std::env::var_os("PROTOPY_STDLIB") {
        Some(d) if !d.is_empty() => (std::path::PathBuf::from(d), true),
        _ => (std::path::PathBuf::from("/usr/lib/python3.11"), false),
    };
    let how = if from_env {
        "PROTOPY_STDLIB names"
    } else {
        "the default"
    };
    if !dir.join("os.py").is_file() {
        return Err(format!(
            "protopy: CPython 3.11's standard library was not found at {} ({how}); install the Debian package {STDLIB_PACKAGE} or set PROTOPY_STDLIB to a CPython 3.11 Lib folder",
            dir.display()
        ));
    }
    let boot =
        std::fs::read_to_string(dir.join("importlib/_bootstrap_external.py")).unwrap_or_default();
    if !boot.contains("MAGIC_NUMBER = (3495).to_bytes") {
        return Err(format!(
            "protopy: {} ({how}) is not CPython 3.11's standard library; install the Debian package {STDLIB_PACKAGE} or set PROTOPY_STDLIB to a CPython 3.11 Lib folder",
            dir.display()
        ));
    }
    Ok(std::fs::canonicalize(&dir).unwrap_or(dir))
}

/// Set by `-E`/`-I`: PYTHONPATH is not read.
static IGNORE_ENVIRONMENT: AtomicBool = AtomicBool::new(false);
/// Set by `-u`/PYTHONUNBUFFERED: each write to sys.stdout is flushed.
static UNBUFFERED: AtomicBool = AtomicBool::new(false);

/// `-E`/`-I` (the `protopy` command, before [`create`]).
pub fn set_ignore_environment(on: bool) {
    IGNORE_ENVIRONMENT.store(on, Ordering::Relaxed);
}

/// `-u`/PYTHONUNBUFFERED (the `protopy` command, at start-up).
pub fn set_unbuffered(on: bool) {
    UNBUFFERED.store(on, Ordering::Relaxed);
}

/// The module search path a `._pth` file sets (see [`pth_file`]): when
/// set, `sys.path` is exactly it (after the program's folder, none under
/// the isolation a `._pth` file implies), without `PYTHONPATH` or the Lib.
static PTH_PATHS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// What a `._pth` file beside the executable says, as CPython's `getpath`
/// reads one (`EXECUTABLE._pth`, the name the program was started with,
/// then the binary it resolves to): its paths, each joined to the file's
/// folder and normalised, and whether it has an `import site` line. The
/// paths become `sys.path` ([`set_pth_paths`]); the caller applies the
/// isolation the file implies.
pub fn pth_file() -> Option<(Vec<String>, bool)> {
    let exe = executable_path();
    let real = std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned());
    let (file, text) = [Some(exe), real].into_iter().flatten().find_map(|e| {
        let f = format!("{e}._pth");
        std::fs::read_to_string(&f).ok().map(|t| (f, t))
    })?;
    let dir = std::path::Path::new(&file)
        .parent()
        .map(|d| d.to_path_buf())
        .unwrap_or_default();
    let mut paths = Vec::new();
    let mut import_site = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line == "import site" {
            import_site = true;
        } else if line.starts_with("import ") {
            let _ = writeln!(std::io::stderr(), "unsupported 'import' line in ._pth file");
        } else {
            paths.push(normalized(&dir.join(line)));
        }
    }
    Some((paths, import_site))
}

/// `p` made absolute and normalised lexically (`os.path.abspath`).
fn normalized(p: &std::path::Path) -> String {
    use std::path::{Component, PathBuf};
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    let mut norm = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                norm.pop();
            }
            other => norm.push(other.as_os_str()),
        }
    }
    norm.to_string_lossy().into_owned()
}

/// Makes `paths` (a `._pth` file's, see [`pth_file`]) the module search
/// path before [`create`].
pub fn set_pth_paths(paths: Vec<String>) {
    let _ = PTH_PATHS.set(paths);
}

/// `PYTHONPATH`'s entries, as CPython adds them after the script's folder.
fn pythonpath_entries() -> Vec<String> {
    if IGNORE_ENVIRONMENT.load(Ordering::Relaxed) {
        return Vec::new();
    }
    match std::env::var("PYTHONPATH") {
        Ok(p) => p
            .split(':')
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// ProtoPy's installation prefix: the folder above the one holding the
/// executable (`/usr/local` for `/usr/local/bin/protopy`), never CPython's,
/// so that CPython's site-packages are never read or written.
///
/// In a virtual environment this is the prefix of the interpreter that made
/// it (the folder above its `home`), as CPython's `base_prefix` there, also
/// when the environment holds a copy of the binary rather than a link.
fn install_prefix() -> String {
    if let Some((_, Some(home))) = venv_of(&executable_path()) {
        if let Some(p) = std::path::Path::new(&home).parent() {
            return p.to_string_lossy().into_owned();
        }
    }
    std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().and_then(|b| b.parent()).map(|p| p.to_path_buf()))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `sys.executable`, found as CPython's `getpath` finds it: from the name
/// the program was started with, not resolving symbolic links (so that a
/// virtual environment's `bin/python`, a link to `protopy`, is the
/// executable and its `pyvenv.cfg` is found beside it). A name with a `/`
/// is made absolute against the working directory; a bare name is looked
/// up on PATH. When neither finds a file, the resolved path of the running
/// binary is used.
fn executable_path() -> String {
    use std::path::{Path, PathBuf};
    let real = || {
        std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let Some(arg0) = std::env::args_os().next() else {
        return real();
    };
    let arg0 = PathBuf::from(arg0);
    let found = if arg0.as_os_str().is_empty() {
        None
    } else if arg0.components().count() > 1 || arg0.is_absolute() {
        let abs = if arg0.is_absolute() {
            arg0
        } else {
            match std::env::current_dir() {
                Ok(d) => d.join(arg0),
                Err(_) => return real(),
            }
        };
        // Symbolic links are not followed.
        Some(PathBuf::from(normalized(&abs))).filter(|p| p.is_file())
    } else {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|d| d.join(&arg0))
                .find(|p| p.is_file() && Path::new(p).is_absolute())
        })
    };
    found.map_or_else(real, |p| p.to_string_lossy().into_owned())
}

/// The virtual environment `exe` runs in: the folder holding the
/// `pyvenv.cfg` found beside `exe` or in the folder above it (CPython's
/// places), with the value of its `home` key (the folder of the
/// interpreter that made it), if any.
pub fn venv_of(exe: &str) -> Option<(std::path::PathBuf, Option<String>)> {
    let bin = std::path::Path::new(exe).parent()?;
    for dir in [Some(bin), bin.parent()].into_iter().flatten() {
        let Ok(text) = std::fs::read_to_string(dir.join("pyvenv.cfg")) else {
            continue;
        };
        let home = text.lines().find_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim().eq_ignore_ascii_case("home")).then(|| value.trim().to_owned())
        });
        return Some((dir.to_path_buf(), home));
    }
    None
}

/// `sys._base_executable`: `exe` itself outside a virtual environment;
/// inside one, the interpreter in its `home` folder that made it (by
/// `exe`'s name, else `protopy`, `python3` or `python3.11` there, as
/// CPython tries its default names), else the binary `exe` resolves to.
fn base_executable(exe: &str) -> String {
    let Some((_, home)) = venv_of(exe) else {
        return exe.to_owned();
    };
    let real = || {
        std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| exe.to_owned())
    };
    let Some(home) = home else {
        return real();
    };
    let name = std::path::Path::new(exe)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    [name.as_str(), "protopy", "python3", "python3.11"]
        .iter()
        .map(|n| std::path::Path::new(&home).join(n))
        .find(|p| p.is_file())
        .map_or_else(real, |p| p.to_string_lossy().into_owned())
}

/// Imports CPython's `site` at start-up, as CPython does unless `-S`: the
/// site-packages folders under `sys.prefix` (ProtoPy's own prefix, or the
/// virtual environment's) with their `.pth` files, the PEP 370 user site
/// (`~/.local/lib/python3.11/site-packages`, per language version, off
/// with `-s`, `-I` or PYTHONNOUSERSITE), `sitecustomize`/`usercustomize`,
/// the `exit`/`quit`/`help`/`copyright` builtins and
/// `sys.__interactivehook__`. `site` runs before CPython puts the
/// program's folder first on `sys.path`; with `has_path0` that entry is
/// taken off while `site` runs (which makes every entry absolute) and put
/// back first afterwards, as CPython's.
pub fn start_site(vm: &mut Vm, has_path0: bool) -> PyResult<()> {
    let Some(path) = crate::builtins::sys_attr(vm, "path") else {
        return Ok(());
    };
    let mark = vm.push_root(path);
    let first = if has_path0 && !vm.seq_items(path).is_empty() {
        let f = vm.seq_items(path)[0];
        vm.push_root(f);
        if let Err(e) = vm.call_method(path, "pop", &[Value::int(0)]) {
            vm.pop_roots(mark);
            return Err(e);
        }
        Some(f)
    } else {
        None
    };
    let mut r = vm.import_module("site").map(|_| ());
    if let Some(f) = first {
        // `site` may have replaced the list object.
        if let Some(p) = crate::builtins::sys_attr(vm, "path") {
            vm.push_root(p);
            let put_back = vm.call_method(p, "insert", &[Value::int(0), f]);
            r = r.and(put_back.map(|_| ()));
        }
    }
    vm.pop_roots(mark);
    r
}

/// `sys.version`; `protopy -V` prints its first word. It has CPython's
/// shape, "VERSION (BUILD) [COMPILER]", which `platform._sys_version` parses
/// (platform.python_implementation(), python_version(), python_compiler()
/// raise ValueError on a version string they cannot parse).
pub const VERSION: &str = "3.11.0 (ProtoPy) [Rust]";

/// `sys.copyright` (what the `copyright` builtin prints).
const COPYRIGHT: &str = "Copyright (c) 2026 the ProtoPy authors.\nAll Rights Reserved.\n\n\
The Python standard library ProtoPy runs:\n\
Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.";

/// The command line's settings shown in `sys.flags`.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub debug: i64,
    pub inspect: i64,
    pub interactive: i64,
    pub optimize: i64,
    pub dont_write_bytecode: i64,
    pub no_user_site: i64,
    pub no_site: i64,
    pub ignore_environment: i64,
    pub verbose: i64,
    pub bytes_warning: i64,
    pub quiet: i64,
    pub isolated: i64,
    pub dev_mode: bool,
    pub safe_path: bool,
    /// -1 when neither `-X int_max_str_digits` nor PYTHONINTMAXSTRDIGITS
    /// set it.
    pub int_max_str_digits: i64,
    /// PYTHONHASHSEED is not 0 (str/bytes hashes are seeded per run).
    pub hash_randomization: i64,
    pub warn_default_encoding: i64,
    /// The UTF-8 mode (PEP 540).
    pub utf8_mode: bool,
}

/// The UTF-8 mode (`sys.flags.utf8_mode`): encoding=None means UTF-8
/// rather than the locale's encoding. On until [`set_flags`] says
/// otherwise (a runtime embedded without the `protopy` command).
static UTF8_MODE: proto_core::sync::AtomicBool = proto_core::sync::AtomicBool::new(true);

/// Whether the UTF-8 mode is on.
pub fn utf8_mode() -> bool {
    UTF8_MODE.load(proto_core::sync::Ordering::Relaxed)
}

/// `-X dev` (`sys.flags.dev_mode`), for the checks only the development
/// mode makes.
static DEV_MODE: proto_core::sync::AtomicBool = proto_core::sync::AtomicBool::new(false);

/// Whether the development mode is on (set by [`set_flags`]).
pub fn dev_mode() -> bool {
    DEV_MODE.load(proto_core::sync::Ordering::Relaxed)
}

/// Replaces `sys.flags` with one showing `f` (the `protopy` command, after
/// [`create`]).
pub fn set_flags(vm: &mut Vm, f: &Flags) {
    DEV_MODE.store(f.dev_mode, proto_core::sync::Ordering::Relaxed);
    UTF8_MODE.store(f.utf8_mode, proto_core::sync::Ordering::Relaxed);
    let Some(old) = crate::builtins::sys_attr(vm, "flags") else {
        return;
    };
    let ft = vm.type_of(old);
    let mark = vm.push_root(ft);
    let b = |x: bool| if x { Value::TRUE } else { Value::FALSE };
    let vals = [
        Value::int(f.debug),
        Value::int(f.inspect),
        Value::int(f.interactive),
        Value::int(f.optimize),
        Value::int(f.dont_write_bytecode),
        Value::int(f.no_user_site),
        Value::int(f.no_site),
        Value::int(f.ignore_environment),
        Value::int(f.verbose),
        Value::int(f.bytes_warning),
        Value::int(f.quiet),
        Value::int(f.hash_randomization),
        Value::int(f.isolated),
        b(f.dev_mode),
        Value::int(i64::from(f.utf8_mode)),
        Value::int(f.warn_default_encoding),
        b(f.safe_path),
        Value::int(f.int_max_str_digits),
    ];
    let flags = structseq::new(vm, ft, &vals);
    let sys = *proto_core::sync::lock(&vm.g.sys);
    vm.set_module_attr(sys, "flags", flags);
    // -B / PYTHONDONTWRITEBYTECODE, which a program may change later.
    vm.set_module_attr(sys, "dont_write_bytecode", b(f.dont_write_bytecode != 0));
    vm.pop_roots(mark);
}

/// Creates the sys module, with `path0` first on sys.path.
pub fn create(vm: &mut Vm, argv: &[String], path0: &str) -> PyResult<Value> {
    create_with(vm, argv, Some(path0))
}

/// Creates the sys module; `path0` is the entry put before PYTHONPATH's
/// (none with `-P`/`-I`).
pub fn create_with(vm: &mut Vm, argv: &[String], path0: Option<&str>) -> PyResult<Value> {
    let m = vm.new_module("sys");
    let av: Vec<Value> = argv.iter().map(|s| vm.new_str(s)).collect();
    let argv_l = vm.new_list(&av);
    vm.set_module_attr(m, "argv", argv_l);
    let mut entries: Vec<String> = path0.map(str::to_owned).into_iter().collect();
    // The `protopy` command finds the Lib first and reports its absence;
    // an embedding program (the Rust tests) gets it here when present.
    if STDLIB.get().is_none() {
        if let Ok(dir) = find_stdlib() {
            let _ = STDLIB.set(dir);
        }
    }
    if let Some(pth) = PTH_PATHS.get() {
        entries.extend(pth.iter().cloned());
    } else {
        entries.extend(pythonpath_entries());
        if let Some(lib) = STDLIB.get() {
            entries.push(lib.to_string_lossy().into_owned());
        }
    }
    let vals: Vec<Value> = entries.iter().map(|e| vm.new_str(e)).collect();
    let path = vm.new_list(&vals);
    vm.set_module_attr(m, "path", path);
    let prefix = install_prefix();
    for n in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        let v = vm.new_str(&prefix);
        vm.set_module_attr(m, n, v);
    }
    let lib = STDLIB
        .get()
        .map(|l| vm.new_str(&l.to_string_lossy()))
        .unwrap_or(Value::NONE);
    vm.set_module_attr(m, "_stdlib_dir", lib);
    // The library folder name under the prefix (sysconfig, site and venv
    // build paths with it), as Debian's CPython.
    let pl = vm.new_str("lib");
    vm.set_module_attr(m, "platlibdir", pl);
    // ABI flags of the build ("" for Debian's CPython 3.11: no debug or
    // pymalloc-debug suffix); `sysconfig` and `test_enum` read it.
    let abi = vm.new_str("");
    vm.set_module_attr(m, "abiflags", abi);
    // No separate bytecode cache tree (PYTHONPYCACHEPREFIX unset).
    vm.set_module_attr(m, "pycache_prefix", Value::NONE);
    vm.set_module_attr(m, "modules", vm.g.sys_modules);
    // `meta_path`, `path_hooks` and `path_importer_cache` are made with
    // importlib's finders in them when first read
    // (`Vm::make_sys_import_state`); the `import` statement searches
    // natively until then.
    let fns: &[(&'static str, NativeFn)] = &[
        ("exit", exit),
        ("call_tracing", call_tracing),
        ("gettrace", gettrace),
        ("getprofile", getprofile),
        ("settrace", settrace),
        ("setprofile", setprofile),
        ("getrecursionlimit", getrecursionlimit),
        ("is_finalizing", is_finalizing),
        ("get_int_max_str_digits", get_int_max_str_digits),
        ("set_int_max_str_digits", set_int_max_str_digits),
        ("getswitchinterval", getswitchinterval),
        ("setswitchinterval", setswitchinterval),
        ("setrecursionlimit", setrecursionlimit),
        ("exc_info", exc_info),
        ("_getframe", getframe),
        ("_current_frames", current_frames),
        ("_current_exceptions", current_exceptions),
        ("exception", exception),
        ("intern", intern),
        ("getsizeof", getsizeof),
        ("getdefaultencoding", getdefaultencoding),
        ("getfilesystemencoding", getfilesystemencoding),
        ("getfilesystemencodeerrors", getfilesystemencodeerrors),
        ("audit", audit),
        ("addaudithook", addaudithook),
        ("displayhook", displayhook),
        ("excepthook", excepthook),
        ("unraisablehook", unraisablehook),
        ("breakpointhook", breakpointhook),
        ("get_asyncgen_hooks", crate::types::asyncgen::sys_get_hooks),
        ("set_asyncgen_hooks", crate::types::asyncgen::sys_set_hooks),
        (
            "get_coroutine_origin_tracking_depth",
            crate::types::asyncgen::sys_get_origin_depth,
        ),
        (
            "set_coroutine_origin_tracking_depth",
            crate::types::asyncgen::sys_set_origin_depth,
        ),
    ];
    vm.add_module_functions(m, fns);
    // The originals, kept for programs that replace the hooks.
    for (orig, name) in [
        ("__excepthook__", "excepthook"),
        ("__displayhook__", "displayhook"),
        ("__breakpointhook__", "breakpointhook"),
        ("__unraisablehook__", "unraisablehook"),
    ] {
        let n = vm.intern(name);
        let f = vm.getattr(m, n)?;
        vm.set_module_attr(m, orig, f);
    }
    let maxsize = vm.new_int(i64::MAX);
    vm.set_module_attr(m, "maxsize", maxsize);
    let mu = vm.new_int(0x10FFFF);
    vm.set_module_attr(m, "maxunicode", mu);
    let v = vm.new_str(VERSION);
    vm.set_module_attr(m, "version", v);
    let c = vm.new_str(COPYRIGHT);
    vm.set_module_attr(m, "copyright", c);
    let plat = vm.new_str("linux");
    vm.set_module_attr(m, "platform", plat);
    let bo = vm.new_str("little");
    vm.set_module_attr(m, "byteorder", bo);
    // float repr is the shortest string that round-trips (as CPython's "short" style).
    let frs = vm.new_str("short");
    vm.set_module_attr(m, "float_repr_style", frs);
    let exe_path = executable_path();
    let exe = vm.new_str(&exe_path);
    vm.set_module_attr(m, "executable", exe);
    let base = base_executable(&exe_path);
    let base = vm.new_str(&base);
    vm.set_module_attr(m, "_base_executable", base);
    let fl = vm.new_str("utf-8");
    let _ = fl;
    let rel = vm.new_str("final");
    let vit = structseq::new_type(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    );
    let vi = structseq::new(
        vm,
        vit,
        &[
            Value::int(3),
            Value::int(11),
            Value::int(0),
            rel,
            Value::int(0),
        ],
    );
    vm.set_module_attr(m, "version_info", vi);
    let tit = structseq::new_type(vm, "sys", "thread_info", &["name", "lock", "version"]);
    let (tname, tlock) = (vm.new_str("pthread"), vm.new_str("mutex+cond"));
    let tver = match pthread_version() {
        Some(v) => vm.new_str(&v),
        None => Value::NONE,
    };
    let ti = structseq::new(vm, tit, &[tname, tlock, tver]);
    vm.set_module_attr(m, "thread_info", ti);
    let fit = structseq::new_type(
        vm,
        "sys",
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
    );
    let fi_items = [
        vm.new_float(f64::MAX),
        Value::int(f64::MAX_EXP as i64),
        Value::int(f64::MAX_10_EXP as i64),
        vm.new_float(f64::MIN_POSITIVE),
        Value::int(f64::MIN_EXP as i64),
        Value::int(f64::MIN_10_EXP as i64),
        Value::int(f64::DIGITS as i64),
        Value::int(f64::MANTISSA_DIGITS as i64),
        vm.new_float(f64::EPSILON),
        Value::int(f64::RADIX as i64),
        // FLT_ROUNDS: round to nearest.
        Value::int(1),
    ];
    let fi = structseq::new(vm, fit, &fi_items);
    vm.set_module_attr(m, "float_info", fi);
    // ProtoPy's own figures where they differ from CPython's: big ints are
    // num-bigint's 64-bit digits, and str hashing is unseeded 64-bit FNV-1a.
    let iit = structseq::new_type(
        vm,
        "sys",
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
    );
    let ii_items = [
        Value::int(64),
        Value::int(8),
        Value::int(engine::runtime::text::DEFAULT_MAX_STR_DIGITS as i64),
        Value::int(engine::runtime::text::MAX_STR_DIGITS_THRESHOLD as i64),
    ];
    let ii = structseq::new(vm, iit, &ii_items);
    vm.set_module_attr(m, "int_info", ii);
    let hit = structseq::new_type(
        vm,
        "sys",
        "hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
    );
    let algorithm = vm.new_str("fnv");
    let hi_items = [
        Value::int(64),
        vm.new_int(crate::text::number::HASH_MODULUS as i64),
        Value::int(crate::text::number::HASH_INF),
        Value::int(0),
        Value::int(1_000_003),
        algorithm,
        Value::int(64),
        // The FNV-1a offset basis is keyed by a 64-bit seed
        // (PYTHONHASHSEED, else random: `ops::set_hash_seed`).
        Value::int(64),
        Value::int(0),
    ];
    let hi = structseq::new(vm, hit, &hi_items);
    vm.set_module_attr(m, "hash_info", hi);
    let hv = vm.new_int(0x030B00F0);
    vm.set_module_attr(m, "hexversion", hv);
    // CPython 3.11's C API version (PYTHON_API_VERSION).
    vm.set_module_attr(m, "api_version", Value::int(1013));
    // The process's own command line, as CPython's `orig_argv` (`argv` is
    // what the program sees after the interpreter's options).
    let ol = vm.new_list(&[]);
    let mark_orig = vm.push_root(ol);
    for arg in std::env::args_os() {
        let v = super::posix::path::fs_decode(vm, arg.as_encoded_bytes())?;
        vm.list_append(ol, v);
    }
    vm.pop_roots(mark_orig);
    vm.set_module_attr(m, "orig_argv", ol);
    let nm = vm.new_str("protopy");
    let cache = vm.new_str(engine::runtime::pycache::CACHE_TAG);
    // Debian's multiarch triplet (`x86_64-linux-gnu`): sysconfig names its
    // build-data module `_sysconfigdata__<multiarch>` with it.
    let multiarch = if cfg!(target_os = "linux") {
        format!("{}-linux-gnu", std::env::consts::ARCH)
    } else {
        std::env::consts::OS.to_string()
    };
    let ma = vm.new_str(&multiarch);
    let imp = simple_ns(
        vm,
        &[
            ("name", nm),
            ("cache_tag", cache),
            ("version", vi),
            ("hexversion", hv),
            ("_multiarch", ma),
        ],
    );
    vm.set_module_attr(m, "implementation", imp);
    // CPython 3.11's sys.flags, in its order; int_max_str_digits is -1
    // when neither -X int_max_str_digits nor PYTHONINTMAXSTRDIGITS set it.
    let flag_fields: &[(&'static str, i64)] = &[
        ("debug", 0),
        ("inspect", 0),
        ("interactive", 0),
        ("optimize", 0),
        ("dont_write_bytecode", 0),
        ("no_user_site", 0),
        ("no_site", 0),
        ("ignore_environment", 0),
        ("verbose", 0),
        ("bytes_warning", 0),
        ("quiet", 0),
        ("hash_randomization", 1),
        ("isolated", 0),
        ("dev_mode", 0),
        ("utf8_mode", 1),
        ("warn_default_encoding", 0),
        ("safe_path", 0),
        ("int_max_str_digits", -1),
    ];
    let names: Vec<&'static str> = flag_fields.iter().map(|f| f.0).collect();
    let ft = structseq::new_type(vm, "sys", "flags", &names);
    let vals: Vec<Value> = flag_fields.iter().map(|f| Value::int(f.1)).collect();
    let flags = structseq::new(vm, ft, &vals);
    vm.set_module_attr(m, "flags", flags);
    let names = vm.builtin_module_names();
    let vals: Vec<Value> = names.iter().map(|n| vm.new_str(n)).collect();
    let bm = vm.new_tuple(&vals);
    vm.set_module_attr(m, "builtin_module_names", bm);
    let sn = vm.new_set(true);
    let mark = vm.push_root(sn);
    for name in stdlib_names::NAMES {
        let n = vm.new_str(name);
        let m2 = vm.push_root(n);
        vm.set_add(sn, n)?;
        vm.pop_roots(m2);
    }
    vm.pop_roots(mark);
    vm.set_module_attr(m, "stdlib_module_names", sn);
    // The -W options (PYTHONWARNINGS first); main.rs fills it in.
    let wo = vm.new_list(&[]);
    vm.set_module_attr(m, "warnoptions", wo);
    // The bytecode cache (`engine::runtime::pycache`) is written unless -B
    // or PYTHONDONTWRITEBYTECODE says otherwise (`set_flags`).
    vm.set_module_attr(m, "dont_write_bytecode", Value::FALSE);
    let bm = vm.new_module("builtins");
    let bo = Obj::from_value(bm).expect("m");
    vm.store(bo, 0, vm.g.builtins);
    let kb = vm.intern("builtins");
    vm.dict_set_str(vm.g.sys_modules, kb, bm);
    vm.tag_module_functions(bm, "builtins");
    vm.tag_module_functions(m, "sys");
    *proto_core::sync::lock(&vm.g.sys) = m;
    vm.ctx.add_global_root(m);
    let k = vm.intern("sys");
    vm.dict_set_str(vm.g.sys_modules, k, m);
    init_stdio(vm, m)?;
    let _ = Args::new;
    Ok(m)
}

/// `sys.UnraisableHookArgs`' class (`builtins.UnraisableHookArgs`, as
/// CPython names it), made when the sys module is.
static UNRAISABLE_ARGS: std::sync::OnceLock<Value> = std::sync::OnceLock::new();

fn unraisable_args_type(vm: &mut Vm) -> Value {
    if let Some(&t) = UNRAISABLE_ARGS.get() {
        return t;
    }
    let t = structseq::new_type(
        vm,
        "builtins",
        "UnraisableHookArgs",
        &[
            "exc_type",
            "exc_value",
            "exc_traceback",
            "err_msg",
            "object",
        ],
    );
    structseq::set_constructible(vm, t);
    *UNRAISABLE_ARGS.get_or_init(|| t)
}

/// Reports an exception that cannot be raised (a failing `__del__`, weak
/// reference callback, thread, atexit callback...) as CPython's
/// `_PyErr_WriteUnraisableMsg`: `sys.unraisablehook` is called with an
/// `UnraisableHookArgs`; when it is missing or None the default hook
/// prints, and when the hook itself raises, that error is printed by the
/// default hook as "Exception ignored in sys.unraisablehook". `msg` is the
/// full message ("Exception ignored in thread started by"), None for the
/// default "Exception ignored in". `obj` (NONE for no object) and `e` are
/// rooted by the caller.
pub fn write_unraisable(vm: &mut Vm, msg: Option<&str>, obj: Value, e: Value) {
    let mark = vm.push_root(e);
    let args = unraisable_args(vm, e, msg, obj);
    vm.push_root(args);
    let hook = crate::builtins::sys_attr(vm, "unraisablehook");
    if vm.auditing() {
        let h = hook.unwrap_or(Value::NONE);
        vm.push_root(h);
        if let Err(err) = vm.audit("sys.unraisablehook", &[h, args]) {
            // CPython reports the audit hook's error with the default
            // hook, in place of the original one.
            vm.push_root(err.0);
            let msg = Some("Exception ignored in audit hook");
            let args = unraisable_args(vm, err.0, msg, Value::NONE);
            vm.push_root(args);
            let _ = default_unraisable(vm, args);
            vm.pop_roots(mark);
            return;
        }
    }
    match hook {
        Some(h) if !h.is_none() => {
            vm.push_root(h);
            if let Err(err) = vm.call(h, &[args], Value::EMPTY) {
                vm.push_root(err.0);
                let msg = Some("Exception ignored in sys.unraisablehook");
                let args = unraisable_args(vm, err.0, msg, h);
                vm.push_root(args);
                let _ = default_unraisable(vm, args);
            }
        }
        _ => {
            let _ = default_unraisable(vm, args);
        }
    }
    vm.pop_roots(mark);
}

/// An `UnraisableHookArgs` of the exception `e`, the message `msg` and
/// the object `obj` (both rooted by the caller; the result is not).
fn unraisable_args(vm: &mut Vm, e: Value, msg: Option<&str>, obj: Value) -> Value {
    let mark = vm.push_root(e);
    let t = unraisable_args_type(vm);
    let et = vm.type_of(e);
    let tb_name = vm.intern("__traceback__");
    let tb = vm.getattr(e, tb_name).unwrap_or(Value::NONE);
    vm.push_root(tb);
    let m = match msg {
        Some(s) => vm.new_str(s),
        None => Value::NONE,
    };
    vm.push_root(m);
    let args = structseq::new(vm, t, &[et, e, tb, m, obj]);
    vm.pop_roots(mark);
    args
}

/// `sys.unraisablehook(unraisable)` (also `sys.__unraisablehook__`): the
/// default hook.
fn unraisablehook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "unraisablehook", a, k, 1, 1)?;
    let t = unraisable_args_type(vm);
    if vm.type_of(a[0]) != t {
        return Err(vm.type_error("sys.unraisablehook argument type must be UnraisableHookArgs"));
    }
    default_unraisable(vm, a[0])?;
    Ok(Value::NONE)
}

/// The default hook's text, as CPython's `write_unraisable_exc_file`: the
/// message and the object's repr, the traceback, then the exception's
/// type (qualified by its module unless builtins or __main__) and str.
fn default_unraisable(vm: &mut Vm, args: Value) -> PyResult<()> {
    let o = Obj::from_value(args).expect("struct sequence");
    let (et, ev, tb, msg, obj) = (o.get(0), o.get(1), o.get(2), o.get(3), o.get(4));
    let mut out = String::new();
    let msg = if msg.is_none() {
        None
    } else {
        Some(vm.str_string(msg)?)
    };
    if !obj.is_none() {
        out.push_str(msg.as_deref().unwrap_or("Exception ignored in"));
        out.push_str(": ");
        match vm.repr_string(obj) {
            Ok(r) => out.push_str(&r),
            Err(_) => out.push_str("<object repr() failed>"),
        }
        out.push('\n');
    } else if let Some(m) = &msg {
        out.push_str(m);
        out.push_str(":\n");
    }
    let is_exc = Obj::from_value(ev).is_some_and(|v| v.kind() == K_EXC);
    let tb_name = vm.intern("__traceback__");
    let own_tb = is_exc && vm.getattr(ev, tb_name).is_ok_and(|t| t == tb);
    if own_tb && !tb.is_none() {
        // The exception's own traceback: the interpreter's formatter prints
        // it with the type and value line.
        out.push_str(&vm.format_exception(ev));
    } else if !et.is_none() {
        let module = vm.intern("__module__");
        let qualname = vm.intern("__qualname__");
        if let Ok(m) = vm.getattr(et, module) {
            if is_str(m) {
                let m = str_of(m);
                if m != "builtins" && m != "__main__" {
                    out.push_str(&m);
                    out.push('.');
                }
            }
        }
        match vm.getattr(et, qualname) {
            Ok(q) if is_str(q) => out.push_str(&str_of(q)),
            _ => out.push_str("<unknown>"),
        }
        if !ev.is_none() {
            out.push_str(": ");
            match vm.str_string(ev) {
                Ok(s) => out.push_str(&s),
                Err(_) => out.push_str("<exception str() failed>"),
            }
        }
        out.push('\n');
    }
    write_stderr(vm, &out);
    Ok(())
}
