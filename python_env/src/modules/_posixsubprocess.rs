//! The `_posixsubprocess` module (CPython 3.11's
//! `Modules/_posixsubprocess.c`): `fork_exec`, with which the standard
//! library's unmodified `subprocess` starts programs on POSIX.
//!
//! ProtoPy runs many threads, so between `fork` and `exec` the child may
//! only run async-signal-safe code: another thread may have held the
//! allocator's lock, an object lock or the safepoint handshake's mutex at
//! the moment of the fork, and those stay held for ever in the child.
//! Everything the child needs (argv, envp, the program paths, the working
//! directory, the fds to keep, the fd limit) is therefore converted into C
//! data by the parent first; the child only makes system calls on it,
//! allocates nothing, cannot panic (no indexing, no formatting), and ends
//! in `exec` or `_exit`. An error before `exec` is reported to the parent
//! through the error pipe in CPython's format
//! (`OSError:<hex errno>:[noexec]`), from which `subprocess` raises the
//! OSError subclass with the program's (or the cwd's) name.
//!
//! `preexec_fn` needs Python code in the child, which a plain fork cannot
//! run safely (a collection would wait for threads that do not exist in
//! the child; locks other threads held stay locked): with one, the child
//! is forked as `os.fork` forks (`posix::fork::fork_with_hooks`: the world
//! stopped, every runtime lock free, the at-fork hooks run), as CPython
//! runs `PyOS_BeforeFork`/`PyOS_AfterFork_Child` around it. `allow_vfork` is accepted
//! and ignored: the child is always made with `fork`.
//!
//! The fork itself runs outside the safepoint handshake
//! (`ctx.blocking`): copying the page tables of a large heap takes time,
//! and a collection must not wait for it.

use engine::runtime::*;
use proto_core::{Obj, Value};
use std::ffi::CString;

use super::posix::{fs_converter, os_error};

const MODULE_DOC: &str = "A POSIX helper for the subprocess module.";

/// What the child does, prepared by the parent (see the module doc).
struct Plan {
    /// NULL-terminated argv; its strings are owned by `_argv`.
    argv: Vec<*const libc::c_char>,
    _argv: Vec<CString>,
    /// The paths to try with `execv`/`execve`, in order.
    exec: Vec<CString>,
    /// NULL-terminated envp (owned by `_env`), or None to keep `environ`.
    envp: Option<Vec<*const libc::c_char>>,
    _env: Vec<CString>,
    cwd: Option<CString>,
    close_fds: bool,
    /// Sorted, distinct, non-negative.
    fds_to_keep: Vec<i32>,
    p2cread: i32,
    p2cwrite: i32,
    c2pread: i32,
    c2pwrite: i32,
    errread: i32,
    errwrite: i32,
    errpipe_read: i32,
    errpipe_write: i32,
    restore_signals: bool,
    call_setsid: bool,
    pgid_to_set: i32,
    gid: Option<libc::gid_t>,
    groups: Option<Vec<libc::gid_t>>,
    uid: Option<libc::uid_t>,
    umask: i32,
    /// Highest fd number to close one by one when close_range(2) fails.
    max_fd: i32,
}

// ------------------------------------------------------------------ child

/// The calling thread's errno (async-signal-safe).
fn errno() -> i32 {
    // SAFETY: __errno_location returns the calling thread's errno slot,
    // valid for the thread's lifetime.
    unsafe { *libc::__errno_location() }
}

/// Writes all of `b` to `fd`, retrying on EINTR; errors are ignored (the
/// parent sees a short report).
fn write_all(fd: i32, mut b: &[u8]) {
    while !b.is_empty() {
        // SAFETY: `b` is a live byte slice of the given length.
        let n = unsafe { libc::write(fd, b.as_ptr().cast(), b.len()) };
        if n < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return;
        }
        b = b.get(n as usize..).unwrap_or(&[]);
    }
}

/// Reports `err` on the error pipe and exits (async-signal-safe).
fn report_and_exit(p: &Plan, err: i32, reached_exec: bool) -> ! {
    let mut hex = [0u8; 16];
    let mut i = hex.len();
    let mut e = err as u32;
    while e != 0 && i > 0 {
        i -= 1;
        if let Some(slot) = hex.get_mut(i) {
            *slot = b"0123456789abcdef"[(e % 16) as usize & 15];
        }
        e /= 16;
    }
    write_all(p.errpipe_write, b"OSError:");
    write_all(p.errpipe_write, hex.get(i..).unwrap_or(&[]));
    write_all(p.errpipe_write, b":");
    if !reached_exec {
        write_all(p.errpipe_write, b"noexec");
    }
    // SAFETY: _exit ends the process without running any user-space
    // clean-up (no atexit, no destructors), as the child must.
    unsafe { libc::_exit(255) }
}

/// Sets or clears FD_CLOEXEC on `fd` (system calls only: callable in the
/// forked child).
fn set_inheritable(fd: i32, inheritable: bool) -> Result<(), i32> {
    // SAFETY: fcntl(F_GETFD) has no memory effects.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if flags < 0 {
        return Err(errno());
    }
    let new = if inheritable {
        flags & !libc::FD_CLOEXEC
    } else {
        flags | libc::FD_CLOEXEC
    };
    // SAFETY: fcntl(F_SETFD) has no memory effects.
    if new != flags && unsafe { libc::fcntl(fd, libc::F_SETFD, new) } < 0 {
        return Err(errno());
    }
    Ok(())
}

/// Closes every fd from `lo` to `hi` inclusive (system calls only).
fn close_range(lo: i32, hi: u32, max_fd: i32) {
    // SAFETY: close_range(2) takes two unsigned ints and flags; it only
    // closes descriptors, which the child owns.
    if unsafe { libc::syscall(libc::SYS_close_range, lo as u32, hi, 0u32) } == 0 {
        return;
    }
    let top = if hi > max_fd as u32 {
        max_fd
    } else {
        hi as i32
    };
    let mut fd = lo;
    while fd <= top {
        // SAFETY: closing any int is memory-safe.
        unsafe { libc::close(fd) };
        fd += 1;
    }
}

/// Closes every fd from 3 up except those in `keep` (sorted; system calls
/// only).
fn close_open_fds(keep: &[i32], max_fd: i32) {
    let mut lo = 3;
    for &k in keep {
        if k < lo {
            continue;
        }
        if k > lo {
            close_range(lo, (k - 1) as u32, max_fd);
        }
        lo = k + 1;
    }
    close_range(lo, u32::MAX, max_fd);
}

/// The child's work between fork and exec (async-signal-safe only).
///
/// # Safety
/// Must run only in the freshly forked child; `p` was fully prepared by
/// the parent before the fork and is not changed.
unsafe fn child(p: &Plan) -> ! {
    // SAFETY: the freshly forked child, as both functions require.
    unsafe {
        child_setup(p);
        child_exec(p)
    }
}

/// The child's set-up before `preexec_fn` and exec: the pipes moved onto
/// 0, 1 and 2, the working directory, umask, signals, session, process
/// group, groups and ids (async-signal-safe only); an error ends the child
/// with its report.
///
/// # Safety
/// As [`child`].
unsafe fn child_setup(p: &Plan) {
    // SAFETY: only async-signal-safe system calls on the prepared
    // plan; every pointer passed (argv, envp, paths, groups) points into
    // `p`, alive and unchanged.
    unsafe {
        macro_rules! check {
            ($e:expr) => {
                if $e < 0 {
                    report_and_exit(p, errno(), false)
                }
            };
        }
        for &fd in &p.fds_to_keep {
            if fd != p.errpipe_write {
                if let Err(e) = set_inheritable(fd, true) {
                    report_and_exit(p, e, false);
                }
            }
        }
        for fd in [p.p2cwrite, p.c2pread, p.errread, p.errpipe_read] {
            if fd != -1 {
                libc::close(fd);
            }
        }
        // A pipe end already on 0, 1 or 2 must not be overwritten by the
        // dup2 of another one.
        let mut c2pwrite = p.c2pwrite;
        let mut errwrite = p.errwrite;
        if c2pwrite == 0 {
            c2pwrite = libc::dup(c2pwrite);
            check!(c2pwrite);
            if let Err(e) = set_inheritable(c2pwrite, false) {
                report_and_exit(p, e, false);
            }
        }
        while errwrite == 0 || errwrite == 1 {
            errwrite = libc::dup(errwrite);
            check!(errwrite);
            if let Err(e) = set_inheritable(errwrite, false) {
                report_and_exit(p, e, false);
            }
        }
        for (fd, target) in [(p.p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
            if fd == target {
                if let Err(e) = set_inheritable(fd, true) {
                    report_and_exit(p, e, false);
                }
            } else if fd != -1 {
                check!(libc::dup2(fd, target));
            }
        }
        if let Some(cwd) = &p.cwd {
            check!(libc::chdir(cwd.as_ptr()));
        }
        if p.umask >= 0 {
            libc::umask(p.umask as libc::mode_t);
        }
        if p.restore_signals {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
        }
        if p.call_setsid {
            check!(libc::setsid());
        }
        if p.pgid_to_set >= 0 {
            check!(libc::setpgid(0, p.pgid_to_set));
        }
        if let Some(g) = &p.groups {
            check!(libc::setgroups(g.len(), g.as_ptr()));
        }
        if let Some(gid) = p.gid {
            check!(libc::setregid(gid, gid));
        }
        if let Some(uid) = p.uid {
            check!(libc::setreuid(uid, uid));
        }
    }
}

/// The child's last step: closes the fds not kept and runs the program
/// (async-signal-safe only).
///
/// # Safety
/// As [`child_setup`], after it.
unsafe fn child_exec(p: &Plan) -> ! {
    // SAFETY: as in `child_setup`: system calls on the unchanged plan.
    unsafe {
        if p.close_fds {
            close_open_fds(&p.fds_to_keep, p.max_fd);
        }
        // The first error other than "not found" wins, as in CPython.
        let mut saved = 0;
        for path in &p.exec {
            match &p.envp {
                Some(env) => libc::execve(path.as_ptr(), p.argv.as_ptr(), env.as_ptr()),
                None => libc::execv(path.as_ptr(), p.argv.as_ptr()),
            };
            let e = errno();
            if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                saved = e;
            }
        }
        let err = if saved != 0 { saved } else { errno() };
        report_and_exit(p, err, true)
    }
}

// ------------------------------------------------------------------ parent

/// The items of the iterable `v`, rooted until `pop_roots(mark)`; a
/// TypeError (not iterable) becomes `msg`.
fn collect_or(vm: &mut Vm, v: Value, msg: &str) -> PyResult<(Vec<Value>, usize)> {
    match vm.collect_rooted(v) {
        Ok(r) => Ok(r),
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => Err(vm.type_error(msg)),
        Err(e) => Err(e),
    }
}

/// `_PySequence_BytesToCharpArray`: each item must be bytes.
fn bytes_seq(vm: &mut Vm, v: Value) -> PyResult<Vec<CString>> {
    let tn = vm.type_name_of(v);
    let (items, mark) = collect_or(vm, v, &format!("object of type '{tn}' has no len()"))?;
    let mut out = Vec::with_capacity(items.len());
    for &it in &items {
        if !Obj::from_value(it).is_some_and(|o| o.kind() == Kind::BYTES) {
            let tn = vm.type_name_of(it);
            vm.pop_roots(mark);
            return Err(vm.type_error(&format!("expected bytes, {tn} found")));
        }
        match CString::new(str_bytes(it).to_vec()) {
            Ok(c) => out.push(c),
            Err(_) => {
                vm.pop_roots(mark);
                return Err(vm.value_error("embedded null byte"));
            }
        }
    }
    vm.pop_roots(mark);
    Ok(out)
}

/// A C string from `PyUnicode_FSConverter`.
fn fs_cstring(vm: &mut Vm, v: Value) -> PyResult<CString> {
    let b = fs_converter(vm, v)?;
    CString::new(b).map_err(|_| vm.value_error("embedded null byte"))
}

/// `_sanity_check_python_fd_sequence`: a tuple of ints, each >= 0, strictly
/// increasing, within the C int range.
fn fds_to_keep(vm: &mut Vm, t: Value) -> PyResult<Vec<i32>> {
    let mut out = Vec::new();
    let mut prev = -1i64;
    for v in vm.seq_items(t) {
        let fd = if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BIG_INT) || v.is_int() {
            vm.as_i64(v)
        } else {
            None
        };
        match fd {
            Some(fd) if fd > prev && fd <= i64::from(i32::MAX) => {
                out.push(fd as i32);
                prev = fd;
            }
            _ => return Err(vm.value_error("bad value(s) in fds_to_keep")),
        }
    }
    Ok(out)
}

/// A uid/gid argument (`_Py_Uid_Converter`/`_Py_Gid_Converter`).
fn id_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<u32> {
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(-1) => Ok(u32::MAX),
        Some(x) if (0..i64::from(u32::MAX)).contains(&x) => Ok(x as u32),
        Some(x) if x < 0 => Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("{what} is less than minimum"),
        )),
        _ => Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("{what} is greater than maximum"),
        )),
    }
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    crate::args::c_int(vm, v)
}

/// `fork_exec(args, executable_list, close_fds, pass_fds, cwd, env,
/// p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read,
/// errpipe_write, restore_signals, call_setsid, pgid_to_set, gid,
/// extra_groups, uid, child_umask, preexec_fn, allow_vfork)`: the child's
/// pid.
fn fork_exec(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    crate::args::check_parse_tuple(vm, "fork_exec", "fork_exec", a, k, 23, 23)?;
    let close_fds = vm.truthy(a[2])?;
    if !Obj::from_value(a[3]).is_some_and(|o| o.kind() == Kind::TUPLE) {
        let tn = vm.type_name_of(a[3]);
        return Err(vm.type_error(&format!("fork_exec() argument 4 must be tuple, not {tn}")));
    }
    let mut fds = [0i32; 8];
    for (i, slot) in fds.iter_mut().enumerate() {
        *slot = int_arg(vm, a[6 + i])?;
    }
    let [p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write] =
        fds;
    let restore_signals = int_arg(vm, a[14])? != 0;
    let call_setsid = int_arg(vm, a[15])? != 0;
    let pgid_to_set = int_arg(vm, a[16])?;
    let (gid_o, groups_o, uid_o) = (a[17], a[18], a[19]);
    let umask = int_arg(vm, a[20])?;
    let preexec_fn = a[21];
    vm.truthy(a[22])?;

    if close_fds && errpipe_write < 3 {
        return Err(vm.value_error("errpipe_write must be >= 3"));
    }
    let keep = fds_to_keep(vm, a[3])?;

    // argv: tuple(PyUnicode_FSConverter(arg) for arg in args).
    let mut argv_c = Vec::new();
    if !a[0].is_none() {
        let (items, mark) = collect_or(vm, a[0], "argv must be a tuple")?;
        for &it in &items {
            match fs_cstring(vm, it) {
                Ok(c) => argv_c.push(c),
                Err(e) => {
                    vm.pop_roots(mark);
                    return Err(e);
                }
            }
        }
        vm.pop_roots(mark);
    }
    let exec = bytes_seq(vm, a[1])?;
    let env_c = if a[5].is_none() {
        None
    } else {
        Some(bytes_seq(vm, a[5])?)
    };
    let cwd = if a[4].is_none() {
        None
    } else {
        Some(fs_cstring(vm, a[4])?)
    };
    let groups = if groups_o.is_none() {
        None
    } else {
        if !Obj::from_value(groups_o).is_some_and(|o| o.kind() == Kind::LIST) {
            return Err(vm.type_error("setgroups argument must be a list"));
        }
        let mut g = Vec::new();
        for v in vm.seq_items(groups_o) {
            g.push(id_arg(vm, v, "gid")?);
        }
        Some(g)
    };
    let gid = if gid_o.is_none() {
        None
    } else {
        Some(id_arg(vm, gid_o, "gid")?)
    };
    let uid = if uid_o.is_none() {
        None
    } else {
        Some(id_arg(vm, uid_o, "uid")?)
    };
    // SAFETY: sysconf has no memory effects.
    let max_fd = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
    let max_fd = if max_fd > 0 {
        max_fd.min(i64::from(i32::MAX)) as i32
    } else {
        256
    };

    let mut argv: Vec<*const libc::c_char> = argv_c.iter().map(|c| c.as_ptr()).collect();
    argv.push(std::ptr::null());
    let envp = env_c.as_ref().map(|env| {
        let mut v: Vec<*const libc::c_char> = env.iter().map(|c| c.as_ptr()).collect();
        v.push(std::ptr::null());
        v
    });
    let plan = Plan {
        argv,
        _argv: argv_c,
        exec,
        envp,
        _env: env_c.unwrap_or_default(),
        cwd,
        close_fds,
        fds_to_keep: keep,
        p2cread,
        p2cwrite,
        c2pread,
        c2pwrite,
        errread,
        errwrite,
        errpipe_read,
        errpipe_write,
        restore_signals,
        call_setsid,
        pgid_to_set,
        gid,
        groups,
        uid,
        umask,
        max_fd,
    };
    if !preexec_fn.is_none() {
        return fork_with_preexec(vm, &plan, preexec_fn);
    }
    let r = vm.ctx.blocking(|| {
        // SAFETY: fork duplicates the process; the child runs only `child`,
        // which makes async-signal-safe system calls on `plan` (prepared
        // above, unchanged since) and never returns.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            // SAFETY: this is the freshly forked child.
            unsafe { child(&plan) }
        }
        if pid < 0 {
            Err(errno())
        } else {
            Ok(pid)
        }
    });
    match r {
        Ok(pid) => Ok(Value::int(i64::from(pid))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// The fork of a `fork_exec` with a `preexec_fn`: made as `os.fork` makes
/// it (every other thread stopped and every runtime lock free across the
/// system call, the at-fork hooks run, see `posix::fork`), so that the
/// child, where this thread is the only one, can run Python code. The
/// child sets itself up, calls `preexec_fn` and execs; if the call raises,
/// it reports CPython's SubprocessError on the error pipe and exits 255.
fn fork_with_preexec(vm: &mut Vm, plan: &Plan, preexec_fn: Value) -> PyResult<Value> {
    let posix = vm.import_module("posix")?;
    let mark = vm.push_root(posix);
    let r = super::posix::fork::fork_with_hooks(vm, posix, || {
        // SAFETY: fork has no memory-safety preconditions; the child's
        // state is made consistent by `Vm::fork_process` before any other
        // code runs.
        unsafe { libc::fork() }
    });
    vm.pop_roots(mark);
    match r? {
        Ok(0) => {
            // SAFETY: this is the freshly forked child; the plan was
            // prepared before the fork.
            unsafe { child_setup(plan) };
            if vm.call(preexec_fn, &[], Value::EMPTY).is_err() {
                write_all(
                    plan.errpipe_write,
                    b"SubprocessError:0:Exception occurred in preexec_fn.",
                );
                // SAFETY: _exit ends the child without running the
                // parent's clean-up (atexit handlers, buffered streams).
                unsafe { libc::_exit(255) }
            }
            // SAFETY: the child, after `child_setup`.
            unsafe { child_exec(plan) }
        }
        Ok(pid) => Ok(Value::int(i64::from(pid))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// Creates the `_posixsubprocess` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_posixsubprocess");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let b = vm.new_builtin_bound("fork_exec", fork_exec, m);
    vm.ctx.promote(b);
    vm.set_module_attr(m, "fork_exec", b);
    vm.pop_roots(mark);
    Ok(m)
}
