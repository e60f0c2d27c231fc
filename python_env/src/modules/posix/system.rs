//! The process and the system: ids, `kill`, `waitpid`/`wait`, `pidfd_open` and the wait
//! status macros, `_exit`, `strerror`, `urandom`, `cpu_count`, `times`,
//! `uname`, `get_terminal_size`, `sysconf`/`confstr`, and the environment
//! (`environ`, `putenv`, `unsetenv`).
//!
//! The environment is changed through `std::env`, whose lock orders the
//! changes with every other reader in the process (the C library's
//! `setenv` is not safe against a concurrent `getenv`); the names and
//! values are checked first, so its panics on '=' or NUL never fire.

use super::path::fspath_value;
use super::{
    cvt, os_error, retry, state, STATE_TERMINAL_SIZE, STATE_TIMES_RESULT, STATE_UNAME_RESULT,
};
use crate::types::{clinic, structseq};
use engine::runtime::*;
use proto_core::Value;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    Ok(crate::args::py_long_as_int(vm, v)? as i32)
}

macro_rules! id_fn {
    ($name:ident, $call:ident) => {
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            clinic::positional(
                vm,
                concat!("posix.", stringify!($name)),
                stringify!($name),
                &a[1..],
                k,
                0,
                0,
            )?;
            // SAFETY: the id getters have no memory effects and never fail.
            let r = unsafe { libc::$call() };
            Ok(vm.new_int(i64::from(r)))
        }
    };
}
id_fn!(getpid, getpid);
id_fn!(getppid, getppid);
id_fn!(getuid, getuid);
id_fn!(geteuid, geteuid);
id_fn!(getgid, getgid);
id_fn!(getegid, getegid);
id_fn!(getpgrp, getpgrp);

/// `getgroups()`.
fn getgroups(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getgroups", "getgroups", &a[1..], k, 0, 0)?;
    // SAFETY: a zero-sized query writes nothing.
    let n = match cvt(unsafe { libc::getgroups(0, std::ptr::null_mut()) }) {
        Ok(n) => n,
        Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
    };
    let mut groups = vec![0 as libc::gid_t; n.max(0) as usize + 1];
    // SAFETY: `groups` has room for the count passed.
    let n = match cvt(unsafe { libc::getgroups(groups.len() as i32, groups.as_mut_ptr()) }) {
        Ok(n) => n as usize,
        Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
    };
    let items: Vec<Value> = groups[..n.min(groups.len())]
        .iter()
        .map(|&g| Value::int(i64::from(g)))
        .collect();
    Ok(vm.new_list(&items))
}

extern "C" {
    /// glibc's reentrant getlogin (not declared by the libc crate).
    fn getlogin_r(buf: *mut libc::c_char, size: libc::size_t) -> libc::c_int;
}

/// `getlogin()`.
fn getlogin(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getlogin", "getlogin", &a[1..], k, 0, 0)?;
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: the buffer is writable for its whole length, which is passed.
    let r = unsafe { getlogin_r(buf.as_mut_ptr(), buf.len()) };
    if r != 0 {
        return Err(os_error(vm, r, Value::EMPTY));
    }
    // SAFETY: on success getlogin_r wrote a NUL-terminated name.
    let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_bytes();
    super::path::fs_decode(vm, name)
}

/// `kill(pid, signal)`; a signal sent to this process runs its handler
/// before kill returns, as in CPython.
fn kill(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.kill", "kill", &a[1..], k, 2, 2)?;
    let pid = int_arg(vm, a[1])?;
    let sig = int_arg(vm, a[2])?;
    vm.audit("os.kill", &[a[1], a[2]])?;
    // A signal the main Python thread sends to its own process goes to
    // that thread (`raise`), whose handler runs before kill returns, as in
    // CPython, where that thread is the process's first, which the kernel
    // picks first. From another thread the signal is process-directed: the
    // runtime's own threads block it (`proto_core::sigmask`), so a thread
    // running Python receives it, and the handler sends it on to the main
    // Python thread.
    // SAFETY: getpid, raise and kill have no memory effects.
    let own =
        pid == unsafe { libc::getpid() } && sig != 0 && engine::runtime::signals::is_main_thread();
    // SAFETY: as above.
    let r = cvt(unsafe {
        if own {
            libc::raise(sig)
        } else {
            libc::kill(pid, sig)
        }
    });
    if let Err(e) = r {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    vm.check_signals()?;
    Ok(Value::NONE)
}

fn wait_result(vm: &mut Vm, pid: i32, status: i32) -> Value {
    vm.new_tuple(&[Value::int(i64::from(pid)), Value::int(i64::from(status))])
}

/// `waitpid(pid, options)`: (pid, status).
fn waitpid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.waitpid", "waitpid", &a[1..], k, 2, 2)?;
    let pid = int_arg(vm, a[1])?;
    let options = int_arg(vm, a[2])?;
    let mut status = 0;
    match retry(vm, || {
        // SAFETY: `status` is a writable int for the call.
        cvt(unsafe { libc::waitpid(pid, &mut status, options) })
    })? {
        Ok(p) => Ok(wait_result(vm, p, status)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `wait()`: (pid, status).
fn wait(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.wait", "wait", &a[1..], k, 0, 0)?;
    let mut status = 0;
    // SAFETY: `status` is a writable int for the call.
    match retry(vm, || cvt(unsafe { libc::wait(&mut status) }))? {
        Ok(p) => Ok(wait_result(vm, p, status)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// The `status` argument of the wait-status functions.
fn status_arg(vm: &mut Vm, a: &[Value], k: Value, name: &str) -> PyResult<i32> {
    let [s] = clinic::unpack(vm, name, &a[1..], k, ["status"], 0, 1, 1)?;
    int_arg(vm, s.unwrap_or(Value::NONE))
}

macro_rules! wait_macro {
    ($name:ident, $f:expr, bool) => {
        #[allow(non_snake_case)]
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let s = status_arg(vm, a, k, stringify!($name))?;
            let f: fn(i32) -> bool = |s| $f(s);
            Ok(Value::bool(f(s)))
        }
    };
    ($name:ident, $f:expr, int) => {
        #[allow(non_snake_case)]
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let s = status_arg(vm, a, k, stringify!($name))?;
            let f: fn(i32) -> i32 = |s| $f(s);
            Ok(Value::int(i64::from(f(s))))
        }
    };
}
wait_macro!(WIFEXITED, libc::WIFEXITED, bool);
wait_macro!(WIFSIGNALED, libc::WIFSIGNALED, bool);
wait_macro!(WIFSTOPPED, libc::WIFSTOPPED, bool);
wait_macro!(WIFCONTINUED, libc::WIFCONTINUED, bool);

/// `WCOREDUMP(status, /)`: positional-only, unlike the other wait-status
/// functions (CPython's METH_O).
#[allow(non_snake_case)]
fn WCOREDUMP(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "posix.WCOREDUMP", &a[1..], k, 1, 1)?;
    let s = int_arg(vm, a[1])?;
    Ok(Value::bool(libc::WCOREDUMP(s)))
}
wait_macro!(WEXITSTATUS, libc::WEXITSTATUS, int);
wait_macro!(WTERMSIG, libc::WTERMSIG, int);
wait_macro!(WSTOPSIG, libc::WSTOPSIG, int);

/// `waitstatus_to_exitcode(status)`.
fn waitstatus_to_exitcode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = status_arg(vm, a, k, "waitstatus_to_exitcode")?;
    if libc::WIFEXITED(s) {
        return Ok(Value::int(i64::from(libc::WEXITSTATUS(s))));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(Value::int(-i64::from(libc::WTERMSIG(s))));
    }
    if libc::WIFSTOPPED(s) {
        let sig = libc::WSTOPSIG(s);
        return Err(vm.value_error(&format!("process stopped by delivery of signal {sig}")));
    }
    Err(vm.value_error(&format!("invalid wait status: {s}")))
}

/// `_exit(status)`: ends the process at once (no cleanup, no flushing).
fn _exit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = status_arg(vm, a, k, "_exit")?;
    // SAFETY: _exit never returns; no Rust state is observed afterwards.
    unsafe { libc::_exit(s) }
}

/// The argv of `execv`/`execve`: a non-empty tuple or list whose first
/// item is not empty, each item through `PyUnicode_FSConverter`.
pub(super) fn exec_argv(
    vm: &mut Vm,
    v: Value,
    who: &str,
    arg: &str,
) -> PyResult<Vec<std::ffi::CString>> {
    let ok = proto_core::Obj::from_value(v)
        .is_some_and(|o| o.kind() == proto_core::Kind::TUPLE || o.kind() == proto_core::Kind::LIST);
    if !ok {
        return Err(vm.type_error(&format!("{who}{arg} must be a tuple or list")));
    }
    let (items, mark) = vm.collect_rooted(v)?;
    let r = (|| {
        if items.is_empty() {
            return Err(vm.value_error(&format!("{who}{arg} must not be empty")));
        }
        let mut out = Vec::with_capacity(items.len());
        for &it in &items {
            let b = super::path::fs_converter(vm, it)?;
            if out.is_empty() && b.is_empty() {
                return Err(vm.value_error(&format!("{who}{arg} first element cannot be empty")));
            }
            out.push(std::ffi::CString::new(b).map_err(|_| vm.value_error("embedded null byte"))?);
        }
        Ok(out)
    })();
    vm.pop_roots(mark);
    r
}

/// Runs `execve(path, argv, envp)` (`envp` None: `execv`); returns only on
/// failure, as the OSError.
fn do_exec(
    vm: &mut Vm,
    path: &super::path::PathArg,
    argv: &[std::ffi::CString],
    env: Option<&[std::ffi::CString]>,
) -> PyException {
    // CPython names the file only in execve's error.
    let named = env.is_some();
    let mut av: Vec<*const libc::c_char> = argv.iter().map(|c| c.as_ptr()).collect();
    av.push(std::ptr::null());
    let ev: Option<Vec<*const libc::c_char>> = env.map(|e| {
        let mut v: Vec<*const libc::c_char> = e.iter().map(|c| c.as_ptr()).collect();
        v.push(std::ptr::null());
        v
    });
    // SAFETY: the path, argv and envp arrays are NUL-terminated C strings
    // and NULL-terminated pointer arrays owned by this frame; exec only
    // returns on failure.
    unsafe {
        match &ev {
            Some(e) => libc::execve(path.ptr(), av.as_ptr(), e.as_ptr()),
            None => libc::execv(path.ptr(), av.as_ptr()),
        }
    };
    let e = super::errno();
    let f = if named {
        path.filename(vm)
    } else {
        Value::EMPTY
    };
    os_error(vm, e, f)
}

/// `execv(path, argv, /)`: replaces the process; returns only by raising.
fn execv(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.execv", "execv", &a[1..], k, 2, 2)?;
    let path = super::path::path_arg(vm, "execv", "path", a[1], super::path::PATH)?;
    let argv = exec_argv(vm, a[2], "execv()", " arg 2")?;
    vm.audit("os.exec", &[path.obj, a[2], Value::NONE])?;
    Err(do_exec(vm, &path, &argv, None))
}

/// `execve(path, argv, env)`: replaces the process; returns only by raising.
fn execve(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, argv, env] =
        clinic::unpack(vm, "execve", &a[1..], k, ["path", "argv", "env"], 0, 3, 3)?;
    let path = super::path::path_arg(
        vm,
        "execve",
        "path",
        p.unwrap_or(Value::NONE),
        super::path::PATH,
    )?;
    let argv_v = argv.unwrap_or(Value::NONE);
    let argv = exec_argv(vm, argv_v, "execve: ", "argv")?;
    let envp = env_list(vm, env.unwrap_or(Value::NONE), "env")?;
    let (av, ev) = (argv_v, env.unwrap_or(Value::NONE));
    vm.audit("os.exec", &[path.obj, av, ev])?;
    Err(do_exec(vm, &path, &argv, Some(&envp)))
}

/// The `KEY=VALUE` strings of the environment mapping `env` (CPython's
/// `parse_envlist`); `what` names it in the error for a non-mapping.
pub(super) fn env_list(vm: &mut Vm, env: Value, what: &str) -> PyResult<Vec<std::ffi::CString>> {
    // PyMapping_Check (a __getitem__), then PyMapping_Keys/Values.
    let getitem = vm.intern("__getitem__");
    let tp = vm.type_of(env);
    if is_str(env) || vm.lookup_type(tp, getitem).is_none() {
        return Err(vm.type_error(&format!("{what} must be a mapping object")));
    }
    let keys = vm.call_method(env, "keys", &[])?;
    let (keys, mark) = vm.collect_rooted(keys)?;
    let r = (|| {
        let vals = vm.call_method(env, "values", &[])?;
        let (vals, _) = vm.collect_rooted(vals)?;
        let mut envp = Vec::with_capacity(keys.len());
        for (&key, &val) in keys.iter().zip(vals.iter()) {
            let mut kb = super::path::fs_converter(vm, key)?;
            let vb = super::path::fs_converter(vm, val)?;
            if kb.is_empty() || kb[1..].contains(&b'=') {
                return Err(vm.value_error("illegal environment variable name"));
            }
            kb.push(b'=');
            kb.extend_from_slice(&vb);
            envp.push(
                std::ffi::CString::new(kb).map_err(|_| vm.value_error("embedded null byte"))?,
            );
        }
        Ok(envp)
    })();
    vm.pop_roots(mark);
    r
}

/// `strerror(code)`.
fn strerror(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.strerror", "strerror", &a[1..], k, 1, 1)?;
    let code = int_arg(vm, a[1])?;
    let s = super::strerror_text(code);
    Ok(vm.new_str(&s))
}

/// `urandom(size)`: bytes from the kernel's random source.
fn urandom(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.urandom", "urandom", &a[1..], k, 1, 1)?;
    let n = crate::args::py_ssize_t(vm, a[1])?;
    let Ok(n) = usize::try_from(n) else {
        return Err(vm.value_error("negative argument not allowed"));
    };
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(n).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    buf.resize(n, 0);
    let mut done = 0;
    while done < n {
        let ptr = buf[done..].as_mut_ptr();
        let want = n - done;
        // SAFETY: `ptr` points to `want` writable bytes of `buf`, which is
        // neither moved nor resized during the call.
        match retry(vm, || cvt(unsafe { libc::getrandom(ptr.cast(), want, 0) }))? {
            Ok(got) => done += got as usize,
            Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
        }
    }
    Ok(vm.new_bytes(&buf))
}

/// `cpu_count()`: the online processors, or None.
fn cpu_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.cpu_count", "cpu_count", &a[1..], k, 0, 0)?;
    // SAFETY: sysconf has no memory effects.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n >= 1 { Value::int(n) } else { Value::NONE })
}

/// `times()`: `os.times_result` of seconds.
fn times(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.times", "times", &a[1..], k, 0, 0)?;
    // SAFETY: `struct tms` is plain integers, valid all-zero.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a writable `struct tms`.
    let c = unsafe { libc::times(&mut t) };
    if c == -1i64 as libc::clock_t {
        return Err(os_error(vm, super::errno(), Value::EMPTY));
    }
    // SAFETY: sysconf has no memory effects.
    let tck = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let vals = [t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime, c];
    let items: Vec<Value> = vals.iter().map(|&x| vm.new_float(x as f64 / tck)).collect();
    let cls = state(vm, a[0], STATE_TIMES_RESULT)?;
    Ok(structseq::new(vm, cls, &items))
}

/// `uname()`: `os.uname_result` of str.
fn uname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.uname", "uname", &a[1..], k, 0, 0)?;
    // SAFETY: `struct utsname` is char arrays, valid all-zero.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a writable `struct utsname`.
    if let Err(e) = cvt(unsafe { libc::uname(&mut u) }) {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    let fields = [&u.sysname, &u.nodename, &u.release, &u.version, &u.machine];
    let mark = vm.push_root(Value::NONE);
    let mut items = Vec::new();
    for f in fields {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        let v = super::path::fs_decode(vm, &bytes)?;
        vm.push_root(v);
        items.push(v);
    }
    let cls = state(vm, a[0], STATE_UNAME_RESULT)?;
    let r = structseq::new(vm, cls, &items);
    vm.pop_roots(mark);
    Ok(r)
}

/// `get_terminal_size(fd=1)`: `os.terminal_size(columns, lines)`.
fn get_terminal_size(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.get_terminal_size",
        "get_terminal_size",
        &a[1..],
        k,
        0,
        1,
    )?;
    let fd = match a.get(1) {
        Some(&v) => int_arg(vm, v)?,
        None => libc::STDOUT_FILENO,
    };
    // SAFETY: `struct winsize` is plain integers, valid all-zero.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one `struct winsize` to the pointer given.
    if let Err(e) = cvt(unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) }) {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    let cls = state(vm, a[0], STATE_TERMINAL_SIZE)?;
    Ok(structseq::new(
        vm,
        cls,
        &[
            Value::int(i64::from(w.ws_col)),
            Value::int(i64::from(w.ws_row)),
        ],
    ))
}

// ------------------------------------------------------------------ sysconf

const SYSCONF_NAMES: &[(&str, libc::c_int)] = &[
    ("SC_ARG_MAX", libc::_SC_ARG_MAX),
    ("SC_CHILD_MAX", libc::_SC_CHILD_MAX),
    ("SC_CLK_TCK", libc::_SC_CLK_TCK),
    ("SC_NGROUPS_MAX", libc::_SC_NGROUPS_MAX),
    ("SC_OPEN_MAX", libc::_SC_OPEN_MAX),
    ("SC_STREAM_MAX", libc::_SC_STREAM_MAX),
    ("SC_TZNAME_MAX", libc::_SC_TZNAME_MAX),
    ("SC_JOB_CONTROL", libc::_SC_JOB_CONTROL),
    ("SC_SAVED_IDS", libc::_SC_SAVED_IDS),
    ("SC_VERSION", libc::_SC_VERSION),
    ("SC_PAGESIZE", libc::_SC_PAGESIZE),
    ("SC_PAGE_SIZE", libc::_SC_PAGE_SIZE),
    ("SC_NPROCESSORS_CONF", libc::_SC_NPROCESSORS_CONF),
    ("SC_NPROCESSORS_ONLN", libc::_SC_NPROCESSORS_ONLN),
    ("SC_PHYS_PAGES", libc::_SC_PHYS_PAGES),
    ("SC_AVPHYS_PAGES", libc::_SC_AVPHYS_PAGES),
    ("SC_IOV_MAX", libc::_SC_IOV_MAX),
    ("SC_LINE_MAX", libc::_SC_LINE_MAX),
    ("SC_RE_DUP_MAX", libc::_SC_RE_DUP_MAX),
    ("SC_HOST_NAME_MAX", libc::_SC_HOST_NAME_MAX),
    ("SC_LOGIN_NAME_MAX", libc::_SC_LOGIN_NAME_MAX),
    ("SC_TTY_NAME_MAX", libc::_SC_TTY_NAME_MAX),
    ("SC_SYMLOOP_MAX", libc::_SC_SYMLOOP_MAX),
    ("SC_GETPW_R_SIZE_MAX", libc::_SC_GETPW_R_SIZE_MAX),
    ("SC_GETGR_R_SIZE_MAX", libc::_SC_GETGR_R_SIZE_MAX),
    ("SC_THREAD_STACK_MIN", libc::_SC_THREAD_STACK_MIN),
    ("SC_THREAD_THREADS_MAX", libc::_SC_THREAD_THREADS_MAX),
    ("SC_SEM_NSEMS_MAX", libc::_SC_SEM_NSEMS_MAX),
    ("SC_SIGQUEUE_MAX", libc::_SC_SIGQUEUE_MAX),
    ("SC_TIMER_MAX", libc::_SC_TIMER_MAX),
];

/// `_CS_GNU_LIBC_VERSION` and `_CS_GNU_LIBPTHREAD_VERSION` (glibc's
/// values; not in the libc crate for every target).
const CONFSTR_NAMES: &[(&str, libc::c_int)] = &[
    ("CS_PATH", libc::_CS_PATH),
    ("CS_GNU_LIBC_VERSION", 2),
    ("CS_GNU_LIBPTHREAD_VERSION", 3),
];

/// A configuration name: an int, or a str from `table`.
pub(super) fn conf_name(
    vm: &mut Vm,
    v: Value,
    table: &[(&str, libc::c_int)],
) -> PyResult<libc::c_int> {
    if vm.is_int_like(v) {
        return int_arg(vm, v);
    }
    if is_str(v) {
        let s = str_of(v);
        return match table.iter().find(|(n, _)| *n == s) {
            Some(&(_, c)) => Ok(c),
            None => Err(vm.value_error("unrecognized configuration name")),
        };
    }
    Err(vm.type_error("configuration names must be strings or integers"))
}

/// `sysconf(name)`.
fn sysconf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.sysconf", "sysconf", &a[1..], k, 1, 1)?;
    let name = conf_name(vm, a[1], SYSCONF_NAMES)?;
    // SAFETY: errno is the calling thread's; sysconf reports an error only
    // through it, so it is cleared first. sysconf has no memory effects.
    let r = unsafe {
        *libc::__errno_location() = 0;
        libc::sysconf(name)
    };
    if r == -1 {
        let e = super::errno();
        if e != 0 {
            return Err(os_error(vm, e, Value::EMPTY));
        }
    }
    Ok(vm.new_int(r))
}

/// `confstr(name)`: a str, or None when the name has no value.
fn confstr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.confstr", "confstr", &a[1..], k, 1, 1)?;
    let name = conf_name(vm, a[1], CONFSTR_NAMES)?;
    let mut buf = vec![0u8; 256];
    loop {
        // SAFETY: errno is cleared first (confstr reports errors only
        // through it); `buf` is writable for the length passed.
        let n = unsafe {
            *libc::__errno_location() = 0;
            libc::confstr(name, buf.as_mut_ptr().cast(), buf.len())
        };
        if n == 0 {
            let e = super::errno();
            if e != 0 {
                return Err(os_error(vm, e, Value::EMPTY));
            }
            return Ok(Value::NONE);
        }
        if n > buf.len() {
            buf.resize(n, 0);
            continue;
        }
        let s = &buf[..n - 1];
        return super::path::fs_decode(vm, s);
    }
}

pub(super) fn names_dict(vm: &mut Vm, table: &[(&str, libc::c_int)]) -> Value {
    let d = vm.new_dict();
    for &(n, c) in table {
        let k = vm.intern(n);
        vm.dict_set_str(d, k, Value::int(i64::from(c)));
    }
    d
}

/// Adds `sysconf_names` and `confstr_names` to the module `m`.
pub(super) fn add_tables(vm: &mut Vm, m: Value) -> PyResult<()> {
    let d = names_dict(vm, SYSCONF_NAMES);
    vm.set_module_attr(m, "sysconf_names", d);
    let d = names_dict(vm, CONFSTR_NAMES);
    vm.set_module_attr(m, "confstr_names", d);
    let d = names_dict(vm, super::fdio::PATHCONF_NAMES);
    vm.set_module_attr(m, "pathconf_names", d);
    Ok(())
}

// ------------------------------------------------------------------ environ

/// `environ`: a dict of bytes to bytes, the environment at import.
pub(super) fn environ(vm: &mut Vm) -> PyResult<Value> {
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    for (k, v) in std::env::vars_os() {
        let kb = vm.new_bytes(k.as_bytes());
        vm.push_root(kb);
        let vb = vm.new_bytes(v.as_bytes());
        vm.push_root(vb);
        // The first of two equal names wins, as in CPython.
        let present = vm.dict_get(d, kb)?.is_some();
        if !present {
            vm.dict_set(d, kb, vb)?;
        }
        vm.pop_roots(mark + 1);
    }
    vm.pop_roots(mark);
    Ok(d)
}

/// An environment name or value (`PyUnicode_FSConverter`: str, bytes or
/// os.PathLike) as bytes without NUL.
fn env_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let v = fspath_value(vm, v)?;
    let b = if is_str(v) {
        super::path::fs_encode(vm, v)?
    } else {
        str_bytes(v).to_vec()
    };
    if b.contains(&0) {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(b)
}

/// `putenv(name, value)`.
fn putenv(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.putenv", "putenv", &a[1..], k, 2, 2)?;
    let name = env_bytes(vm, a[1])?;
    let value = env_bytes(vm, a[2])?;
    if name.contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    if name.is_empty() {
        return Err(os_error(vm, libc::EINVAL, Value::EMPTY));
    }
    if vm.auditing() {
        let (nb, vb) = (vm.new_bytes(&name), vm.new_bytes(&value));
        let mark = vm.push_root(nb);
        vm.push_root(vb);
        let r = vm.audit("os.putenv", &[nb, vb]);
        vm.pop_roots(mark);
        r?;
    }
    let name = std::ffi::OsString::from_vec(name);
    let value = std::ffi::OsString::from_vec(value);
    std::env::set_var(name, value);
    Ok(Value::NONE)
}

/// `unsetenv(name)`.
fn unsetenv(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.unsetenv", "unsetenv", &a[1..], k, 1, 1)?;
    let name = env_bytes(vm, a[1])?;
    if name.is_empty() || name.contains(&b'=') {
        return Err(os_error(vm, libc::EINVAL, Value::EMPTY));
    }
    if vm.auditing() {
        let nb = vm.new_bytes(&name);
        vm.audit("os.unsetenv", &[nb])?;
    }
    std::env::remove_var(std::ffi::OsString::from_vec(name));
    Ok(Value::NONE)
}

/// `getpgid(pid)`.
fn getpgid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [pid] = clinic::unpack(vm, "getpgid", &a[1..], k, ["pid"], 0, 1, 1)?;
    let pid = int_arg(vm, pid.unwrap_or(Value::NONE))?;
    // SAFETY: getpgid has no memory effects.
    match cvt(unsafe { libc::getpgid(pid) }) {
        Ok(r) => Ok(Value::int(i64::from(r))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `getsid(pid)`.
fn getsid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getsid", "getsid", &a[1..], k, 1, 1)?;
    let pid = int_arg(vm, a[1])?;
    // SAFETY: getsid has no memory effects.
    match cvt(unsafe { libc::getsid(pid) }) {
        Ok(r) => Ok(Value::int(i64::from(r))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `killpg(pgid, signal)`.
fn killpg(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.killpg", "killpg", &a[1..], k, 2, 2)?;
    let pgid = int_arg(vm, a[1])?;
    let sig = int_arg(vm, a[2])?;
    vm.audit("os.killpg", &[a[1], a[2]])?;
    // SAFETY: killpg has no memory effects.
    if let Err(e) = cvt(unsafe { libc::killpg(pgid, sig) }) {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    vm.check_signals()?;
    Ok(Value::NONE)
}

/// `nice(increment)`: the new niceness.
fn nice(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.nice", "nice", &a[1..], k, 1, 1)?;
    let inc = int_arg(vm, a[1])?;
    // SAFETY: errno is the calling thread's; nice may return -1 on success,
    // so errno (cleared first) tells the failure. nice has no memory effects.
    let r = unsafe {
        *libc::__errno_location() = 0;
        libc::nice(inc)
    };
    if r == -1 {
        let e = super::errno();
        if e != 0 {
            return Err(os_error(vm, e, Value::EMPTY));
        }
    }
    Ok(Value::int(i64::from(r)))
}

/// `getloadavg()`: the 1, 5 and 15 minute load averages.
fn getloadavg(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getloadavg", "getloadavg", &a[1..], k, 0, 0)?;
    let mut l = [0f64; 3];
    // SAFETY: `l` has room for the 3 doubles asked for.
    if unsafe { libc::getloadavg(l.as_mut_ptr(), 3) } != 3 {
        return Err(vm.new_exc(vm.g.e.OSError, "Load averages are unobtainable"));
    }
    let items: Vec<Value> = l.iter().map(|&x| vm.new_float(x)).collect();
    Ok(vm.new_tuple(&items))
}

/// `sched_yield()`.
fn sched_yield(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.sched_yield", "sched_yield", &a[1..], k, 0, 0)?;
    // SAFETY: sched_yield has no memory effects.
    vm.ctx.blocking(|| unsafe { libc::sched_yield() });
    Ok(Value::NONE)
}

/// A `dev_t` argument (`PyLong_AsUnsignedLongLong`: an int, no
/// `__index__`).
pub(super) fn dev_arg(vm: &mut Vm, v: Value) -> PyResult<u64> {
    if !vm.is_int_like(v) {
        return Err(vm.type_error("an integer is required"));
    }
    match vm.as_bigint(v) {
        Some(b) if b.sign() == num_bigint::Sign::Minus => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "can't convert negative int to unsigned",
        )),
        Some(b) => match num_traits::ToPrimitive::to_u64(&b) {
            Some(d) => Ok(d),
            None => Err(vm.new_exc(
                vm.g.e.OverflowError,
                "Python int too large to convert to C unsigned long",
            )),
        },
        None => Err(vm.type_error("an integer is required")),
    }
}

/// `major(device)`.
fn major(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.major", "major", &a[1..], k, 1, 1)?;
    let d = dev_arg(vm, a[1])?;
    Ok(Value::int(i64::from(libc::major(d))))
}

/// `minor(device)`.
fn minor(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.minor", "minor", &a[1..], k, 1, 1)?;
    let d = dev_arg(vm, a[1])?;
    Ok(Value::int(i64::from(libc::minor(d))))
}

/// `makedev(major, minor)`.
fn makedev(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.makedev", "makedev", &a[1..], k, 2, 2)?;
    let ma = int_arg(vm, a[1])?;
    let mi = int_arg(vm, a[2])?;
    let d = libc::makedev(ma as u32, mi as u32);
    match i64::try_from(d) {
        Ok(i) => Ok(vm.new_int(i)),
        Err(_) => Ok(vm.new_bigint(num_bigint::BigInt::from(d))),
    }
}

/// `ttyname(fd)`.
fn ttyname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.ttyname", "ttyname", &a[1..], k, 1, 1)?;
    let fd = int_arg(vm, a[1])?;
    let mut buf = [0 as libc::c_char; 4096];
    // SAFETY: the buffer is writable for the length passed.
    let r = unsafe { libc::ttyname_r(fd, buf.as_mut_ptr(), buf.len()) };
    if r != 0 {
        return Err(os_error(vm, r, Value::EMPTY));
    }
    // SAFETY: on success ttyname_r wrote a NUL-terminated path.
    let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_bytes();
    super::path::fs_decode(vm, name)
}

/// `pidfd_open(pid, flags=0)` (Linux 5.3): a close-on-exec file descriptor
/// that refers to the process `pid` and becomes readable when it exits.
fn pidfd_open(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [pid, flags] = clinic::unpack(vm, "pidfd_open", &a[1..], k, ["pid", "flags"], 0, 1, 2)?;
    let pid = int_arg(vm, pid.unwrap_or(Value::NONE))?;
    let flags = match flags {
        Some(f) => crate::args::py_long_as_int(vm, f)? as libc::c_uint,
        None => 0,
    };
    // SAFETY: pidfd_open takes two integers and touches no memory of ours.
    let r = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, flags) };
    match cvt(r) {
        Ok(fd) => Ok(Value::int(fd)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("pidfd_open", pidfd_open),
    ("getpid", getpid),
    ("getppid", getppid),
    ("getuid", getuid),
    ("geteuid", geteuid),
    ("getgid", getgid),
    ("getegid", getegid),
    ("getpgrp", getpgrp),
    ("getgroups", getgroups),
    ("getlogin", getlogin),
    ("kill", kill),
    ("waitpid", waitpid),
    ("wait", wait),
    ("WIFEXITED", WIFEXITED),
    ("WIFSIGNALED", WIFSIGNALED),
    ("WIFSTOPPED", WIFSTOPPED),
    ("WIFCONTINUED", WIFCONTINUED),
    ("WCOREDUMP", WCOREDUMP),
    ("WEXITSTATUS", WEXITSTATUS),
    ("WTERMSIG", WTERMSIG),
    ("WSTOPSIG", WSTOPSIG),
    ("waitstatus_to_exitcode", waitstatus_to_exitcode),
    ("_exit", _exit),
    ("execv", execv),
    ("execve", execve),
    ("strerror", strerror),
    ("urandom", urandom),
    ("cpu_count", cpu_count),
    ("times", times),
    ("uname", uname),
    ("get_terminal_size", get_terminal_size),
    ("sysconf", sysconf),
    ("confstr", confstr),
    ("putenv", putenv),
    ("unsetenv", unsetenv),
    ("getpgid", getpgid),
    ("getsid", getsid),
    ("killpg", killpg),
    ("nice", nice),
    ("getloadavg", getloadavg),
    ("sched_yield", sched_yield),
    ("major", major),
    ("minor", minor),
    ("makedev", makedev),
    ("ttyname", ttyname),
];
