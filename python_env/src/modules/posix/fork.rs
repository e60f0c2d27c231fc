//! `fork`, `forkpty`, `register_at_fork`, `wait3` and `wait4`, and the
//! session and process-group calls a forked child uses (`setsid`,
//! `setpgid`, `setpgrp`, `tcgetpgrp`, `tcsetpgrp`).
//!
//! `fork()` runs the `before` hooks (last registered first), takes the
//! global import lock (`_imp.acquire_lock`'s, as CPython), then forks
//! through `Vm::fork_process`: every other thread is stopped (parked at a
//! safepoint or inside a blocking call) and every runtime lock is free and
//! held by this thread across the system call, so the child, where this
//! thread is the only one, finds them all free (`proto_core::fork`). In
//! the child the runtime forgets the other threads (their local objects
//! are swept, their registrations, module locks and `_thread` counts
//! dropped), this thread becomes the main thread (signal handlers), the
//! `after_in_child` hooks run in registration order (threading's
//! `_after_fork` among them, which re-initialises its locks); in the
//! parent the world restarts and `after_in_parent` runs. A hook that
//! raises is reported as unraisable and the others still run, as CPython's
//! `run_at_forkers`.

use super::{cvt, os_error, retry, state, STATE_FORK_BEFORE, STATE_FORK_CHILD, STATE_FORK_PARENT};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::Value;

/// Calls every hook of the list in state slot `slot` (`reverse`: last
/// registered first), reporting failures as unraisable.
fn run_hooks(vm: &mut Vm, m: Value, slot: usize, reverse: bool) {
    let Ok(l) = state(vm, m, slot) else { return };
    if l.is_none() {
        return;
    }
    let mut items = vm.seq_items(l);
    if items.is_empty() {
        return;
    }
    if reverse {
        items.reverse();
    }
    // The copy is rooted: a hook may change the list.
    let t = vm.new_tuple(&items);
    let mark = vm.push_root(t);
    for f in items {
        if let Err(e) = vm.call(f, &[], Value::EMPTY) {
            vm.push_root(e.0);
            crate::modules::gc::write_unraisable(vm, f, e);
        }
    }
    vm.pop_roots(mark);
}

/// Forks with the `before` hooks run first and the `after` ones after;
/// `sys_fork` makes the system call (fork or forkpty). Returns the result
/// of the call or its errno.
pub(crate) fn fork_with_hooks(
    vm: &mut Vm,
    m: Value,
    sys_fork: impl FnOnce() -> libc::pid_t,
) -> PyResult<Result<libc::pid_t, i32>> {
    run_hooks(vm, m, STATE_FORK_BEFORE, true);
    crate::modules::_imp::acquire_for_fork(vm);
    let mut err = 0;
    let pid = vm.fork_process(|| {
        let p = sys_fork();
        if p < 0 {
            err = super::errno();
        }
        p
    });
    crate::modules::_imp::release_after_fork();
    if pid == 0 {
        crate::modules::_thread::after_fork_child();
        crate::modules::faulthandler::after_fork_child();
        run_hooks(vm, m, STATE_FORK_CHILD, false);
    } else {
        run_hooks(vm, m, STATE_FORK_PARENT, false);
    }
    vm.check_signals()?;
    Ok(if pid < 0 { Err(err) } else { Ok(pid) })
}

/// `fork()`: 0 in the child, the child's pid in the parent.
fn fork(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "posix.fork", &a[1..], k, 0, 0)?;
    vm.audit("os.fork", &[])?;
    // SAFETY: fork has no memory-safety preconditions; the child's state is
    // made consistent by `Vm::fork_process` before any other code runs.
    match fork_with_hooks(vm, a[0], || unsafe { libc::fork() })? {
        Ok(pid) => Ok(vm.new_int(i64::from(pid))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `forkpty()`: `(pid, fd)`, the child's controlling terminal being the
/// slave side of a new pseudo-terminal whose master is `fd` (-1 in the
/// child).
fn forkpty(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "posix.forkpty", &a[1..], k, 0, 0)?;
    vm.audit("os.forkpty", &[])?;
    let mut master: libc::c_int = -1;
    let mp = &mut master as *mut libc::c_int;
    let r = fork_with_hooks(vm, a[0], || {
        // SAFETY: `mp` points to `master`, alive for the call; the name,
        // termios and window-size arguments may be null.
        unsafe { libc::forkpty(mp, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) }
    })?;
    match r {
        Ok(pid) => {
            let fd = if pid == 0 { -1 } else { master };
            Ok(vm.new_tuple(&[Value::int(i64::from(pid)), Value::int(i64::from(fd))]))
        }
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `register_at_fork(*, before=None, after_in_child=None,
/// after_in_parent=None)`.
fn register_at_fork(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = &a[1..];
    let nkw = if k.is_heap() {
        vm.seq_items(k).len()
    } else {
        0
    };
    if args.len() > nkw {
        return Err(vm.type_error("register_at_fork() takes no positional arguments"));
    }
    let [before, child, parent] = clinic::unpack(
        vm,
        "register_at_fork",
        args,
        k,
        ["before", "after_in_child", "after_in_parent"],
        0,
        0,
        0,
    )?;
    if before.is_none() && child.is_none() && parent.is_none() {
        return Err(vm.type_error("At least one argument is required."));
    }
    for (v, name) in [
        (before, "before"),
        (child, "after_in_child"),
        (parent, "after_in_parent"),
    ] {
        if let Some(v) = v {
            if !vm.is_callable(v) {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!("'{name}' must be callable, not {tn}")));
            }
        }
    }
    let m = a[0];
    for (v, slot) in [
        (before, STATE_FORK_BEFORE),
        (child, STATE_FORK_CHILD),
        (parent, STATE_FORK_PARENT),
    ] {
        if let Some(v) = v {
            let l = state(vm, m, slot)?;
            vm.list_append(l, v);
        }
    }
    Ok(Value::NONE)
}

/// `(pid, status, rusage)` of `wait3`/`wait4`, the usage as
/// `resource.struct_rusage` (CPython imports `resource` for it).
fn wait_rusage_result(
    vm: &mut Vm,
    pid: libc::pid_t,
    status: libc::c_int,
    ru: &libc::rusage,
) -> PyResult<Value> {
    let resource = vm.import_module("resource")?;
    let mark = vm.push_root(resource);
    let n = vm.intern("struct_rusage");
    let cls = vm.getattr(resource, n)?;
    vm.push_root(cls);
    let usage = crate::modules::resource::rusage_value(vm, cls, ru);
    vm.push_root(usage);
    let r = vm.new_tuple(&[
        Value::int(i64::from(pid)),
        Value::int(i64::from(status)),
        usage,
    ]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `wait3(options)`: `(pid, status, rusage)` of any child.
fn wait3(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [options] = clinic::unpack(vm, "wait3", &a[1..], k, ["options"], 0, 1, 1)?;
    let options = crate::args::c_int(vm, options.unwrap_or(Value::NONE))?;
    let mut status = 0;
    // SAFETY: `struct rusage` is plain data, valid all-zero.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = retry(vm, || {
        // SAFETY: `status` and `ru` are writable for the call.
        cvt(unsafe { libc::wait4(-1, &mut status, options, &mut ru) })
    })?;
    match r {
        Ok(pid) => wait_rusage_result(vm, pid, status, &ru),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `wait4(pid, options)`: `(pid, status, rusage)` of child `pid`.
fn wait4(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [pid, options] = clinic::unpack(vm, "wait4", &a[1..], k, ["pid", "options"], 0, 2, 2)?;
    let pid = crate::args::c_int(vm, pid.unwrap_or(Value::NONE))?;
    let options = crate::args::c_int(vm, options.unwrap_or(Value::NONE))?;
    let mut status = 0;
    // SAFETY: `struct rusage` is plain data, valid all-zero.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = retry(vm, || {
        // SAFETY: `status` and `ru` are writable for the call.
        cvt(unsafe { libc::wait4(pid, &mut status, options, &mut ru) })
    })?;
    match r {
        Ok(pid) => wait_rusage_result(vm, pid, status, &ru),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `None`, or the OSError of the errno of a failed call.
fn none_or_error(vm: &mut Vm, r: libc::c_int) -> PyResult<Value> {
    match cvt(r) {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `setsid()`: a new session led by this process (pty.fork's child).
fn setsid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.setsid", "setsid", &a[1..], k, 0, 0)?;
    // SAFETY: setsid has no memory effects.
    let r = unsafe { libc::setsid() };
    none_or_error(vm, r)
}

/// `setpgrp()`: `setpgid(0, 0)`.
fn setpgrp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.setpgrp", "setpgrp", &a[1..], k, 0, 0)?;
    // SAFETY: setpgid has no memory effects.
    let r = unsafe { libc::setpgid(0, 0) };
    none_or_error(vm, r)
}

/// `setpgid(pid, pgrp, /)`.
fn setpgid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.setpgid", "setpgid", &a[1..], k, 2, 2)?;
    let pid = crate::args::c_int(vm, a[1])?;
    let pgrp = crate::args::c_int(vm, a[2])?;
    // SAFETY: setpgid has no memory effects.
    let r = unsafe { libc::setpgid(pid, pgrp) };
    none_or_error(vm, r)
}

/// `tcgetpgrp(fd, /)`: the foreground process group of a terminal.
fn tcgetpgrp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.tcgetpgrp", "tcgetpgrp", &a[1..], k, 1, 1)?;
    let fd = crate::args::c_int(vm, a[1])?;
    // SAFETY: tcgetpgrp has no memory effects.
    match cvt(unsafe { libc::tcgetpgrp(fd) }) {
        Ok(p) => Ok(Value::int(i64::from(p))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `tcsetpgrp(fd, pgid, /)`.
fn tcsetpgrp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.tcsetpgrp", "tcsetpgrp", &a[1..], k, 2, 2)?;
    let fd = crate::args::c_int(vm, a[1])?;
    let pgid = crate::args::c_int(vm, a[2])?;
    // SAFETY: tcsetpgrp has no memory effects.
    let r = unsafe { libc::tcsetpgrp(fd, pgid) };
    none_or_error(vm, r)
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("setsid", setsid),
    ("setpgrp", setpgrp),
    ("setpgid", setpgid),
    ("tcgetpgrp", tcgetpgrp),
    ("tcsetpgrp", tcsetpgrp),
    ("fork", fork),
    ("forkpty", forkpty),
    ("register_at_fork", register_at_fork),
    ("wait3", wait3),
    ("wait4", wait4),
];
