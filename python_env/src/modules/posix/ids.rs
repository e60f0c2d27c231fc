//! Users, groups and process control: `system`, `abort`, `sync`, `chroot`,
//! `ctermid`, the `set*id` family, `getresuid`/`getresgid`, `setgroups`,
//! `initgroups`, `getgrouplist`, `getpriority`/`setpriority`, `login_tty`
//! and `waitid`.

use super::files::id_arg;
use super::path::{fildes_arg, fs_converter, fs_decode, path_arg, PATH};
use super::{cvt, os_error, retry, state, STATE_WAITID_RESULT};
use crate::types::{clinic, structseq};
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};
use std::ffi::CString;

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    Ok(crate::args::py_long_as_int(vm, v)? as i32)
}

fn done(vm: &mut Vm, r: Result<i32, i32>) -> PyResult<Value> {
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `system(command)`: runs `/bin/sh -c command`; the wait status. The
/// thread waits outside the safepoint handshake; the C library's system()
/// handles EINTR and the signal dispositions itself.
fn system(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [c] = clinic::unpack(vm, "system", &a[1..], k, ["command"], 0, 1, 1)?;
    let cmd = fs_converter(vm, c.unwrap_or(Value::NONE))?;
    if vm.auditing() {
        let cv = vm.new_bytes(&cmd);
        vm.audit("os.system", &[cv])?;
    }
    let cmd = CString::new(cmd).map_err(|_| vm.value_error("embedded null byte"))?;
    let ptr = cmd.as_ptr();
    // SAFETY: `ptr` is a C string owned by `cmd`, alive for the call;
    // system() touches no other memory of ours.
    let r = vm.ctx.blocking(|| unsafe { libc::system(ptr) });
    Ok(Value::int(i64::from(r)))
}

/// `abort()`: ends the process with SIGABRT.
fn abort(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.abort", "abort", &a[1..], k, 0, 0)?;
    // SAFETY: abort never returns; no Rust state is observed afterwards.
    unsafe { libc::abort() }
}

/// `sync()`: flushes the file systems' buffers.
fn sync(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.sync", "sync", &a[1..], k, 0, 0)?;
    // SAFETY: sync has no memory effects.
    vm.ctx.blocking(|| unsafe { libc::sync() });
    Ok(Value::NONE)
}

/// `chroot(path)`.
fn chroot(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p] = clinic::unpack(vm, "chroot", &a[1..], k, ["path"], 0, 1, 1)?;
    let path = path_arg(vm, "chroot", "path", p.unwrap_or(Value::NONE), PATH)?;
    let ptr = path.ptr();
    // SAFETY: `ptr` is a C string owned by `path`, alive for the call.
    match vm.ctx.blocking(|| cvt(unsafe { libc::chroot(ptr) })) {
        Ok(_) => Ok(Value::NONE),
        Err(e) => {
            let f = path.filename(vm);
            Err(os_error(vm, e, f))
        }
    }
}

/// `ctermid()`: the name of the controlling terminal.
fn ctermid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.ctermid", "ctermid", &a[1..], k, 0, 0)?;
    // L_ctermid is 9 on glibc; the buffer is larger.
    let mut buf = [0 as libc::c_char; 64];
    // SAFETY: the buffer holds more than L_ctermid bytes, all ctermid
    // writes.
    let r = unsafe { libc::ctermid(buf.as_mut_ptr()) };
    if r.is_null() {
        return Err(os_error(vm, super::errno(), Value::EMPTY));
    }
    // SAFETY: ctermid wrote a NUL-terminated name into `buf`.
    let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }.to_bytes();
    fs_decode(vm, name)
}

macro_rules! set_ids {
    ($name:ident, $call:ident, $($arg:literal),+) => {
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            const WHAT: &[&str] = &[$($arg),+];
            let n = WHAT.len();
            clinic::positional(vm, concat!("posix.", stringify!($name)), stringify!($name), &a[1..], k, n, n)?;
            let mut ids = [0u32; 3];
            for (i, what) in WHAT.iter().enumerate() {
                ids[i] = id_arg(vm, a[1 + i], what)?;
            }
            let r = set_ids!(@call $call, ids, $($arg),+);
            done(vm, cvt(r))
        }
    };
    (@call $call:ident, $ids:ident, $a:literal) => {
        // SAFETY: the id setters take integers and touch no memory.
        unsafe { libc::$call($ids[0]) }
    };
    (@call $call:ident, $ids:ident, $a:literal, $b:literal) => {
        // SAFETY: as above.
        unsafe { libc::$call($ids[0], $ids[1]) }
    };
    (@call $call:ident, $ids:ident, $a:literal, $b:literal, $c:literal) => {
        // SAFETY: as above.
        unsafe { libc::$call($ids[0], $ids[1], $ids[2]) }
    };
}
set_ids!(setuid, setuid, "uid");
set_ids!(seteuid, seteuid, "uid");
set_ids!(setgid, setgid, "gid");
set_ids!(setegid, setegid, "gid");
set_ids!(setreuid, setreuid, "uid", "uid");
set_ids!(setregid, setregid, "gid", "gid");
set_ids!(setresuid, setresuid, "uid", "uid", "uid");
set_ids!(setresgid, setresgid, "gid", "gid", "gid");

/// `getresuid()`: (ruid, euid, suid).
fn getresuid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getresuid", "getresuid", &a[1..], k, 0, 0)?;
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: the three pointers are to writable uid_t locals.
    if let Err(err) = cvt(unsafe { libc::getresuid(&mut r, &mut e, &mut s) }) {
        return Err(os_error(vm, err, Value::EMPTY));
    }
    Ok(id_triple(vm, [r, e, s]))
}

/// `getresgid()`: (rgid, egid, sgid).
fn getresgid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getresgid", "getresgid", &a[1..], k, 0, 0)?;
    let (mut r, mut e, mut s) = (0, 0, 0);
    // SAFETY: the three pointers are to writable gid_t locals.
    if let Err(err) = cvt(unsafe { libc::getresgid(&mut r, &mut e, &mut s) }) {
        return Err(os_error(vm, err, Value::EMPTY));
    }
    Ok(id_triple(vm, [r, e, s]))
}

/// A uid or gid as CPython returns it: (uid_t)-1 is -1.
pub(super) fn id_value(id: u32) -> Value {
    if id == u32::MAX {
        Value::int(-1)
    } else {
        Value::int(i64::from(id))
    }
}

fn id_triple(vm: &mut Vm, ids: [u32; 3]) -> Value {
    let items = ids.map(id_value);
    vm.new_tuple(&items)
}

/// `getpriority(which, who, /)`.
fn getpriority(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getpriority", "getpriority", &a[1..], k, 2, 2)?;
    let which = int_arg(vm, a[1])?;
    let who = int_arg(vm, a[2])?;
    // SAFETY: errno is the calling thread's; getpriority may return -1 on
    // success, so errno (cleared first) tells a failure. No memory effects.
    let r = unsafe {
        *libc::__errno_location() = 0;
        libc::getpriority(which as _, who as libc::id_t)
    };
    let e = super::errno();
    if r == -1 && e != 0 {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    Ok(Value::int(i64::from(r)))
}

/// `setpriority(which, who, priority, /)`.
fn setpriority(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.setpriority", "setpriority", &a[1..], k, 3, 3)?;
    let which = int_arg(vm, a[1])?;
    let who = int_arg(vm, a[2])?;
    let prio = int_arg(vm, a[3])?;
    // SAFETY: setpriority takes integers and touches no memory.
    let r = unsafe { libc::setpriority(which as _, who as libc::id_t, prio) };
    done(vm, cvt(r))
}

/// `NGROUPS_MAX` on Linux: the most groups `setgroups` takes.
const MAX_GROUPS: usize = 65536;

/// Is `v` a sequence for `PySequence_Check` (a `__getitem__`, not a dict)?
pub(super) fn is_sequence(vm: &mut Vm, v: Value) -> bool {
    match Obj::from_value(v) {
        Some(o) if o.kind() == Kind::TUPLE || o.kind() == Kind::LIST => return true,
        Some(o) if o.kind() == Kind::DICT => return false,
        _ => {}
    }
    if is_str(v) {
        return true;
    }
    let getitem = vm.intern("__getitem__");
    let tp = vm.type_of(v);
    let dict = vm.g.types.dict;
    vm.lookup_type(tp, getitem).is_some() && !vm.is_subtype(tp, dict)
}

/// `setgroups(groups, /)`.
fn setgroups(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.setgroups", "setgroups", &a[1..], k, 1, 1)?;
    if !is_sequence(vm, a[1]) {
        return Err(vm.type_error("setgroups argument must be a sequence"));
    }
    let (items, mark) = vm.collect_rooted(a[1])?;
    let r = (|| {
        if items.len() > MAX_GROUPS {
            return Err(vm.value_error("too many groups"));
        }
        let mut groups = Vec::with_capacity(items.len());
        for &it in &items {
            if !vm.is_int_like(it) {
                return Err(vm.type_error("groups must be integers"));
            }
            groups.push(id_arg(vm, it, "gid")?);
        }
        Ok(groups)
    })();
    vm.pop_roots(mark);
    let groups = r?;
    // SAFETY: `groups` holds the count of gids passed.
    let r = unsafe { libc::setgroups(groups.len(), groups.as_ptr()) };
    done(vm, cvt(r))
}

/// `initgroups(username, gid, /)`.
fn initgroups(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.initgroups", "initgroups", &a[1..], k, 2, 2)?;
    let user = fs_converter(vm, a[1])?;
    let gid = id_arg(vm, a[2], "gid")?;
    let user = CString::new(user).map_err(|_| vm.value_error("embedded null byte"))?;
    let ptr = user.as_ptr();
    // SAFETY: `ptr` is a C string owned by `user`, alive for the call.
    let r = vm.ctx.blocking(|| unsafe { libc::initgroups(ptr, gid) });
    done(vm, cvt(r))
}

/// `getgrouplist(user, group, /)`: the group ids `user` belongs to, with
/// `group`.
fn getgrouplist(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.getgrouplist", "getgrouplist", &a[1..], k, 2, 2)?;
    if !is_str(a[1]) {
        let tn = vm.arg_type_name(a[1]);
        return Err(vm.type_error(&format!("getgrouplist() argument 1 must be str, not {tn}")));
    }
    let user = super::path::fs_encode(vm, a[1])?;
    let user = CString::new(user).map_err(|_| vm.value_error("embedded null character"))?;
    let gid = id_arg(vm, a[2], "gid")?;
    let mut n: libc::c_int = MAX_GROUPS as libc::c_int;
    let groups = loop {
        let mut groups = vec![0 as libc::gid_t; n as usize];
        let old = n;
        let ptr = user.as_ptr();
        // SAFETY: `groups` holds `n` writable gids; `ptr` is a C string.
        let r = vm
            .ctx
            .blocking(|| unsafe { libc::getgrouplist(ptr, gid, groups.as_mut_ptr(), &mut n) });
        if r != -1 {
            groups.truncate(n.max(0) as usize);
            break groups;
        }
        // glibc sets `n` to the count needed; others leave it: double it.
        if n <= old {
            if old > i32::MAX / 2 {
                return Err(vm.new_exc(vm.g.e.MemoryError, ""));
            }
            n = old * 2;
        }
    };
    let items: Vec<Value> = groups.iter().map(|&g| id_value(g)).collect();
    Ok(vm.new_list(&items))
}

/// `login_tty(fd, /)`: makes `fd` the controlling terminal and standard
/// streams of this process, in a new session.
fn login_tty(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.login_tty", "login_tty", &a[1..], k, 1, 1)?;
    let fd = fildes_arg(vm, a[1])?;
    // SAFETY: login_tty takes an fd and touches no memory of ours.
    let r = unsafe { libc::login_tty(fd) };
    done(vm, cvt(r))
}

/// `waitid(idtype, id, options, /)`: a `waitid_result`, or None when
/// WNOHANG found no child that changed state.
fn waitid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.waitid", "waitid", &a[1..], k, 3, 3)?;
    let idtype = int_arg(vm, a[1])?;
    let id = int_arg(vm, a[2])?;
    let options = int_arg(vm, a[3])?;
    // SAFETY: siginfo_t is plain data, valid all-zero; si_pid stays 0 when
    // WNOHANG finds nothing.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    let ip: *mut libc::siginfo_t = &mut info;
    let r = retry(vm, || {
        // SAFETY: `ip` points to `info`, a writable siginfo_t for the call.
        cvt(unsafe { libc::waitid(idtype as libc::idtype_t, id as libc::id_t, ip, options) })
    })?;
    if let Err(e) = r {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    // SAFETY: waitid filled the child fields of `info` (or left them 0).
    let (pid, uid, status) = unsafe { (info.si_pid(), info.si_uid(), info.si_status()) };
    if pid == 0 {
        return Ok(Value::NONE);
    }
    let cls = state(vm, a[0], STATE_WAITID_RESULT)?;
    let items = [
        Value::int(i64::from(pid)),
        id_value(uid),
        Value::int(i64::from(info.si_signo)),
        Value::int(i64::from(status)),
        Value::int(i64::from(info.si_code)),
    ];
    Ok(structseq::new(vm, cls, &items))
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("system", system),
    ("abort", abort),
    ("sync", sync),
    ("chroot", chroot),
    ("ctermid", ctermid),
    ("setuid", setuid),
    ("seteuid", seteuid),
    ("setgid", setgid),
    ("setegid", setegid),
    ("setreuid", setreuid),
    ("setregid", setregid),
    ("setresuid", setresuid),
    ("setresgid", setresgid),
    ("getresuid", getresuid),
    ("getresgid", getresgid),
    ("getpriority", getpriority),
    ("setpriority", setpriority),
    ("setgroups", setgroups),
    ("initgroups", initgroups),
    ("getgrouplist", getgrouplist),
    ("login_tty", login_tty),
    ("waitid", waitid),
];
