//! The `fcntl` module (CPython 3.11's `Modules/fcntlmodule.c` on Linux):
//! `fcntl`, `ioctl`, `flock`, `lockf` and the constants.
//!
//! Calls that may wait (`F_SETLKW`, `flock` without `LOCK_NB`, `lockf`)
//! run outside the safepoint handshake like every posix call
//! (`posix::retry`): a collection never waits for a thread blocked on a
//! lock, and EINTR runs the signal handlers and retries (PEP 475). Buffer
//! arguments are copied into a Rust buffer before the call (the kernel
//! never sees a heap object), and a mutable one (bytearray) gets the
//! result written back in one atomic step.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::{Obj, Value};

use super::posix::{cvt, fildes_arg, os_error, retry};

const MODULE_DOC: &str = "This module performs file control and I/O control on file\n\
descriptors.  It is an interface to the fcntl() and ioctl() Unix\n\
routines.  File descriptors can be obtained with the fileno() method of\n\
a file or socket object.";

/// Size of the buffer CPython passes for a buffer argument.
const BUF: usize = 1024;

/// The bytes of a read-only buffer argument (str as UTF-8, or bytes),
/// None for anything else.
fn ro_buffer(vm: &mut Vm, v: Value) -> PyResult<Option<Vec<u8>>> {
    if is_str(v) {
        let b = crate::types::bytes::encode(vm, v, "utf-8", "strict")?;
        return Ok(Some(str_bytes(b).to_vec()));
    }
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
        return Ok(Some(str_bytes(v).to_vec()));
    }
    Ok(None)
}

/// An int argument for the C `int` of a call (`__index__`, the C int
/// range).
fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    Ok(crate::args::py_long_as_int(vm, v)? as i32)
}

/// `fcntl(fd, cmd, arg=0, /)`.
fn fcntl(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    clinic::positional(vm, "fcntl", "fcntl", a, k, 2, 3)?;
    let fd = fildes_arg(vm, a[0])?;
    let cmd = int_arg(vm, a[1])?;
    let arg = a.get(2).copied().unwrap_or(Value::NONE);
    vm.audit(
        "fcntl.fcntl",
        &[Value::int(i64::from(fd)), Value::int(i64::from(cmd)), arg],
    )?;
    if let Some(&arg) = a.get(2) {
        if let Some(data) = ro_buffer(vm, arg)? {
            if data.len() > BUF {
                return Err(vm.value_error("fcntl string arg too long"));
            }
            let mut buf = [0u8; BUF];
            buf[..data.len()].copy_from_slice(&data);
            let ptr = buf.as_mut_ptr();
            // SAFETY: `ptr` points to BUF writable bytes of `buf`, live for
            // the call; the kernel writes at most the command's structure.
            let r = retry(vm, || cvt(unsafe { libc::fcntl(fd, cmd, ptr) }))?;
            return match r {
                Ok(_) => Ok(vm.new_bytes(&buf[..data.len()])),
                Err(e) => Err(os_error(vm, e, Value::EMPTY)),
            };
        }
    }
    let arg = match a.get(2) {
        Some(&v) => int_arg(vm, v)?,
        None => 0,
    };
    // SAFETY: an int argument carries no pointer.
    match retry(vm, || cvt(unsafe { libc::fcntl(fd, cmd, arg) }))? {
        Ok(r) => Ok(Value::int(i64::from(r))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `ioctl(fd, request, arg=0, mutate_flag=True, /)`.
fn ioctl(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    clinic::positional(vm, "ioctl", "ioctl", a, k, 2, 4)?;
    let fd = fildes_arg(vm, a[0])?;
    let req = {
        let i = vm.index(a[1])?;
        vm.as_i64(i).unwrap_or(0) as u32 as libc::c_ulong
    };
    let arg = a.get(2).copied().unwrap_or(Value::NONE);
    vm.audit(
        "fcntl.ioctl",
        &[Value::int(i64::from(fd)), Value::int(req as i64), arg],
    )?;
    let mutate = match a.get(3) {
        Some(&v) => vm.truthy(v)?,
        None => true,
    };
    if let Some(&arg) = a.get(2) {
        if crate::types::bytes::is_ba(arg) {
            let data = crate::types::bytes::buf(arg).unwrap_or_default();
            let mut buf = vec![0u8; data.len().max(BUF)];
            buf[..data.len()].copy_from_slice(&data);
            if !mutate && data.len() > BUF {
                return Err(vm.value_error("ioctl string arg too long"));
            }
            let ptr = buf.as_mut_ptr();
            // SAFETY: `ptr` points to at least BUF writable bytes of `buf`,
            // live for the call.
            let r = retry(vm, || cvt(unsafe { libc::ioctl(fd, req, ptr) }))?;
            return match r {
                Ok(r) if mutate => {
                    crate::types::bytes::ba_write_at(vm, arg, &[0], &buf[..data.len()], data.len());
                    Ok(Value::int(i64::from(r)))
                }
                Ok(_) => Ok(vm.new_bytes(&buf[..data.len()])),
                Err(e) => Err(os_error(vm, e, Value::EMPTY)),
            };
        }
        if let Some(data) = ro_buffer(vm, arg)? {
            if data.len() > BUF {
                return Err(vm.value_error("ioctl string arg too long"));
            }
            let mut buf = [0u8; BUF];
            buf[..data.len()].copy_from_slice(&data);
            let ptr = buf.as_mut_ptr();
            // SAFETY: `ptr` points to BUF writable bytes of `buf`, live for
            // the call.
            let r = retry(vm, || cvt(unsafe { libc::ioctl(fd, req, ptr) }))?;
            return match r {
                Ok(_) => Ok(vm.new_bytes(&buf[..data.len()])),
                Err(e) => Err(os_error(vm, e, Value::EMPTY)),
            };
        }
    }
    let arg = match a.get(2) {
        Some(&v) => int_arg(vm, v)?,
        None => 0,
    };
    // SAFETY: an int argument carries no pointer (a request that expects
    // one fails with EFAULT or reads the int as an address the kernel
    // checks).
    match retry(vm, || cvt(unsafe { libc::ioctl(fd, req, arg) }))? {
        Ok(r) => Ok(Value::int(i64::from(r))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `flock(fd, operation, /)`.
fn flock(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    clinic::positional(vm, "flock", "flock", a, k, 2, 2)?;
    let fd = fildes_arg(vm, a[0])?;
    let op = int_arg(vm, a[1])?;
    vm.audit(
        "fcntl.flock",
        &[Value::int(i64::from(fd)), Value::int(i64::from(op))],
    )?;
    // SAFETY: flock has no memory effects.
    match retry(vm, || cvt(unsafe { libc::flock(fd, op) }))? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `lockf(fd, cmd, len=0, start=0, whence=0, /)`.
fn lockf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    clinic::positional(vm, "fcntl.lockf", "lockf", a, k, 2, 5)?;
    let fd = fildes_arg(vm, a[0])?;
    let code = int_arg(vm, a[1])?;
    let len = match a.get(2) {
        Some(&v) => crate::args::c_long(vm, v)?,
        None => 0,
    };
    let start = match a.get(3) {
        Some(&v) => crate::args::c_long(vm, v)?,
        None => 0,
    };
    let whence = match a.get(4) {
        Some(&v) => int_arg(vm, v)?,
        None => 0,
    };
    let (lv, sv) = (
        a.get(2).copied().unwrap_or(Value::NONE),
        a.get(3).copied().unwrap_or(Value::NONE),
    );
    vm.audit(
        "fcntl.lockf",
        &[
            Value::int(i64::from(fd)),
            Value::int(i64::from(code)),
            lv,
            sv,
            Value::int(i64::from(whence)),
        ],
    )?;
    let l_type = if code == libc::LOCK_UN {
        libc::F_UNLCK
    } else if code & libc::LOCK_SH != 0 {
        libc::F_RDLCK
    } else if code & libc::LOCK_EX != 0 {
        libc::F_WRLCK
    } else {
        return Err(vm.value_error("unrecognized lockf argument"));
    };
    let cmd = if code & libc::LOCK_NB != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    // SAFETY: flock is plain data; zero is a valid value of every field.
    let mut l: libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = l_type as libc::c_short;
    l.l_whence = whence as libc::c_short;
    l.l_start = start;
    l.l_len = len;
    let ptr = &mut l as *mut libc::flock;
    // SAFETY: `ptr` points to the live local `l` for the call.
    match retry(vm, || cvt(unsafe { libc::fcntl(fd, cmd, ptr) }))? {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

fn int_constants() -> Vec<(&'static str, i64)> {
    use libc::*;
    vec![
        ("LOCK_SH", LOCK_SH.into()),
        ("LOCK_EX", LOCK_EX.into()),
        ("LOCK_NB", LOCK_NB.into()),
        ("LOCK_UN", LOCK_UN.into()),
        ("LOCK_MAND", 32),
        ("LOCK_READ", 64),
        ("LOCK_WRITE", 128),
        ("LOCK_RW", 192),
        ("F_DUPFD", F_DUPFD.into()),
        ("F_DUPFD_CLOEXEC", F_DUPFD_CLOEXEC.into()),
        ("F_GETFD", F_GETFD.into()),
        ("F_SETFD", F_SETFD.into()),
        ("F_GETFL", F_GETFL.into()),
        ("F_SETFL", F_SETFL.into()),
        ("F_GETLK", F_GETLK.into()),
        ("F_SETLK", F_SETLK.into()),
        ("F_SETLKW", F_SETLKW.into()),
        ("F_GETLK64", F_GETLK.into()),
        ("F_SETLK64", F_SETLK.into()),
        ("F_SETLKW64", F_SETLKW.into()),
        ("F_OFD_GETLK", F_OFD_GETLK.into()),
        ("F_OFD_SETLK", F_OFD_SETLK.into()),
        ("F_OFD_SETLKW", F_OFD_SETLKW.into()),
        ("F_GETOWN", F_GETOWN.into()),
        ("F_SETOWN", F_SETOWN.into()),
        ("F_GETSIG", 11),
        ("F_SETSIG", 10),
        ("F_RDLCK", F_RDLCK.into()),
        ("F_WRLCK", F_WRLCK.into()),
        ("F_UNLCK", F_UNLCK.into()),
        ("F_EXLCK", 4),
        ("F_SHLCK", 8),
        ("F_GETLEASE", F_GETLEASE.into()),
        ("F_SETLEASE", F_SETLEASE.into()),
        ("F_NOTIFY", F_NOTIFY.into()),
        ("F_GETPIPE_SZ", F_GETPIPE_SZ.into()),
        ("F_SETPIPE_SZ", F_SETPIPE_SZ.into()),
        ("F_ADD_SEALS", F_ADD_SEALS.into()),
        ("F_GET_SEALS", F_GET_SEALS.into()),
        ("F_SEAL_SEAL", F_SEAL_SEAL.into()),
        ("F_SEAL_SHRINK", F_SEAL_SHRINK.into()),
        ("F_SEAL_GROW", F_SEAL_GROW.into()),
        ("F_SEAL_WRITE", F_SEAL_WRITE.into()),
        ("FD_CLOEXEC", FD_CLOEXEC.into()),
        ("FASYNC", O_ASYNC.into()),
        ("DN_ACCESS", 0x1),
        ("DN_MODIFY", 0x2),
        ("DN_CREATE", 0x4),
        ("DN_DELETE", 0x8),
        ("DN_RENAME", 0x10),
        ("DN_ATTRIB", 0x20),
        ("DN_MULTISHOT", 0x8000_0000),
    ]
}

/// Creates the `fcntl` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("fcntl");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("fcntl", fcntl),
        ("ioctl", ioctl),
        ("flock", flock),
        ("lockf", lockf),
    ];
    for &(name, f) in fns {
        let b = vm.new_builtin_bound(name, f, m);
        vm.ctx.promote(b);
        vm.set_module_attr(m, name, b);
    }
    for (name, v) in int_constants() {
        let v = vm.new_int(v);
        vm.set_module_attr(m, name, v);
    }
    vm.pop_roots(mark);
    Ok(m)
}
