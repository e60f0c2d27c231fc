//! The `_posixshmem` module (CPython 3.11's
//! `Modules/_multiprocessing/posixshmem.c`): `shm_open` and `shm_unlink`,
//! used by `multiprocessing.shared_memory` for POSIX shared memory.
//! Both calls run outside the safepoint handshake; EINTR runs the signal
//! handlers and retries (PEP 475).

use crate::types::clinic;
use engine::runtime::*;
use proto_core::Value;
use std::ffi::CString;

use super::posix::{cvt, os_error, retry};

/// The `path` argument: a str (CPython's `U` format), in the file-system
/// encoding.
fn path_arg(vm: &mut Vm, fname: &str, v: Value) -> PyResult<CString> {
    if !is_str(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("{fname}() argument 'path' must be str, not {tn}")));
    }
    let b = super::posix::path::fs_encode(vm, v)?;
    CString::new(b).map_err(|_| vm.value_error("embedded null character"))
}

/// `shm_open(path, flags, mode=0o777)`: a file descriptor.
fn shm_open(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [path, flags, mode] = clinic::unpack(
        vm,
        "shm_open",
        &a[1..],
        k,
        ["path", "flags", "mode"],
        0,
        2,
        3,
    )?;
    let path_v = path.expect("required");
    let path = path_arg(vm, "shm_open", path_v)?;
    let flags = crate::args::c_int(vm, flags.expect("required"))?;
    let mode = match mode {
        Some(v) => crate::args::c_int(vm, v)?,
        None => 0o777,
    };
    let p = path.as_ptr();
    let r = retry(vm, || {
        // SAFETY: `p` is a NUL-terminated path that lives for the call.
        cvt(unsafe { libc::shm_open(p, flags, mode as libc::mode_t) })
    })?;
    match r {
        Ok(fd) => Ok(Value::int(i64::from(fd))),
        Err(e) => Err(os_error(vm, e, path_v)),
    }
}

/// `shm_unlink(path)`.
fn shm_unlink(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [path] = clinic::unpack(vm, "shm_unlink", &a[1..], k, ["path"], 0, 1, 1)?;
    let path_v = path.expect("required");
    let path = path_arg(vm, "shm_unlink", path_v)?;
    let p = path.as_ptr();
    // SAFETY: `p` is a NUL-terminated path that lives for the call.
    let r = retry(vm, || cvt(unsafe { libc::shm_unlink(p) }))?;
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, path_v)),
    }
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_posixshmem");
    let mark = vm.push_root(m);
    let fns: &[(&'static str, NativeFn)] = &[("shm_open", shm_open), ("shm_unlink", shm_unlink)];
    for &(name, f) in fns {
        let b = vm.new_builtin_bound(name, f, m);
        vm.ctx.promote(b);
        vm.set_module_attr(m, name, b);
    }
    vm.pop_roots(mark);
    Ok(m)
}
