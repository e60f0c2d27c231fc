//! The `pwd` module: the password database (`getpwuid`, `getpwnam`,
//! `getpwall`) as `pwd.struct_passwd` struct sequences, as CPython has in C.
//!
//! Lookups use the reentrant `getpw*_r` calls, run inside `ctx.blocking`
//! (NSS may ask a remote service) on Rust copies of the arguments, and copy
//! the entry into Rust strings before any Python object is made.
//! `getpwall` walks the database with `setpwent`/`getpwent`/`endpwent`,
//! which share one cursor per process, under a process-wide mutex.

use crate::types::structseq;
use engine::runtime::*;
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};
use std::ffi::{CStr, CString};

const MODULE_DOC: &str = "This module provides access to the Unix password database.
It is available on all Unix versions.

Password database entries are reported as 7-tuples containing the following
items from the password database (see `<pwd.h>'), in order:
pw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell.
The uid and gid items are integers, all others are strings. An
exception is raised if the entry asked for cannot be found.";

/// Orders the users of the process-wide `getpwent` cursor.
static ENT_LOCK: Mutex<()> = Mutex::new(());

/// Module state slot: the `struct_passwd` class.
const STATE_PASSWD: usize = 0;

/// A password entry copied out of the C library's buffers.
struct Entry {
    name: Vec<u8>,
    passwd: Vec<u8>,
    uid: u32,
    gid: u32,
    gecos: Vec<u8>,
    dir: Vec<u8>,
    shell: Vec<u8>,
}

fn bytes_of(p: *const libc::c_char) -> Vec<u8> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: a non-null field of a `struct passwd` the C library just
    // filled is a NUL-terminated string, alive while its buffer is.
    unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
}

fn copy_entry(p: &libc::passwd) -> Entry {
    Entry {
        name: bytes_of(p.pw_name),
        passwd: bytes_of(p.pw_passwd),
        uid: p.pw_uid,
        gid: p.pw_gid,
        gecos: bytes_of(p.pw_gecos),
        dir: bytes_of(p.pw_dir),
        shell: bytes_of(p.pw_shell),
    }
}

/// Runs a `getpw*_r` call with a growing buffer: the entry, None when
/// there is none, or the error number.
fn lookup_r(
    f: impl Fn(&mut libc::passwd, &mut [libc::c_char], &mut *mut libc::passwd) -> libc::c_int,
) -> Result<Option<Entry>, i32> {
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        // SAFETY: `struct passwd` is plain data, valid all-zero.
        let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::passwd = std::ptr::null_mut();
        let r = f(&mut pw, &mut buf, &mut res);
        if r == libc::ERANGE && size < (1 << 24) {
            size *= 2;
            continue;
        }
        if res.is_null() {
            // Not found is 0 or, on some systems, ENOENT/ESRCH/EBADF/EPERM.
            return match r {
                0 | libc::ENOENT | libc::ESRCH | libc::EBADF | libc::EPERM => Ok(None),
                e => Err(e),
            };
        }
        return Ok(Some(copy_entry(&pw)));
    }
}

/// `_Py_Uid_Converter` / `_Py_Gid_Converter`: an id from an int (or an
/// object with `__index__`); -1 stands for `(uid_t)-1`. `Ok(None)` is an
/// id out of range (CPython's OverflowError, which the lookups turn into
/// KeyError).
pub(crate) fn id_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<Option<u32>> {
    let i = if vm.is_int_like(v) {
        v
    } else {
        match vm.index(v) {
            Ok(i) => i,
            Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!("{what} should be integer, not {tn}")));
            }
            Err(e) => return Err(e),
        }
    };
    Ok(match vm.as_i64(i) {
        Some(-1) => Some(u32::MAX),
        Some(n) if (0..=i64::from(u32::MAX)).contains(&n) => Some(n as u32),
        _ => None,
    })
}

/// A str from the file-system encoding.
fn fs_str(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    super::posix::path::fs_decode(vm, b)
}

/// The `struct_passwd` of an entry (class from the bound module `m`).
fn make(vm: &mut Vm, m: Value, e: &Entry) -> PyResult<Value> {
    let cls = state(vm, m, STATE_PASSWD)?;
    let mark = vm.push_root(Value::NONE);
    let mut items = Vec::with_capacity(7);
    for b in [&e.name, &e.passwd] {
        let s = fs_str(vm, b)?;
        vm.push_root(s);
        items.push(s);
    }
    items.push(vm.new_int(i64::from(e.uid)));
    items.push(vm.new_int(i64::from(e.gid)));
    for b in [&e.gecos, &e.dir, &e.shell] {
        let s = fs_str(vm, b)?;
        vm.push_root(s);
        items.push(s);
    }
    let r = structseq::new(vm, cls, &items);
    vm.pop_roots(mark);
    Ok(r)
}

/// State slot `i` of the module `m` the function is bound to.
pub(crate) fn state(vm: &mut Vm, m: Value, i: usize) -> PyResult<Value> {
    match Obj::from_value(m) {
        Some(o) if o.kind() == K_MODULE && o.n_values() > 2 + i => Ok(o.get(2 + i)),
        _ => Err(vm.new_exc(vm.g.e.SystemError, "module state is missing")),
    }
}

/// `getpwuid(uid, /)`.
fn getpwuid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "pwd.getpwuid", &a[1..], k, 1, 1)?;
    let Some(uid) = id_arg(vm, a[1], "uid")? else {
        return Err(vm.new_exc(vm.g.e.KeyError, "getpwuid(): uid not found"));
    };
    let r = vm.ctx.blocking(|| {
        lookup_r(|pw, buf, res| {
            // SAFETY: every pointer is to a live, writable local of the
            // right type; `buf.len()` is the buffer's size.
            unsafe { libc::getpwuid_r(uid, pw, buf.as_mut_ptr(), buf.len(), res) }
        })
    });
    match r {
        Ok(Some(e)) => make(vm, a[0], &e),
        Ok(None) => Err(vm.new_exc(
            vm.g.e.KeyError,
            &format!("getpwuid(): uid not found: {uid}"),
        )),
        Err(e) => Err(super::_io::os_error(vm, e, None)),
    }
}

/// A str argument encoded for the C library (`PyUnicode_FSConverter`),
/// with Argument Clinic's message naming the parameter `what` (e.g.
/// "argument 'name'", or "argument" for a positional-only one).
pub(crate) fn name_arg(vm: &mut Vm, fname: &str, what: &str, v: Value) -> PyResult<CString> {
    if !is_str(v) {
        let tn = if v.is_none() {
            "None".to_string()
        } else {
            vm.type_name_of(v)
        };
        return Err(vm.type_error(&format!("{fname}() {what} must be str, not {tn}")));
    }
    let b = super::posix::path::fs_encode(vm, v)?;
    CString::new(b).map_err(|_| vm.value_error("embedded null byte"))
}

/// `getpwnam(name, /)`.
fn getpwnam(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "pwd.getpwnam", &a[1..], k, 1, 1)?;
    let name = name_arg(vm, "getpwnam", "argument", a[1])?;
    let r = vm.ctx.blocking(|| {
        lookup_r(|pw, buf, res| {
            // SAFETY: `name` is NUL-terminated; the other pointers are to
            // live, writable locals; `buf.len()` is the buffer's size.
            unsafe { libc::getpwnam_r(name.as_ptr(), pw, buf.as_mut_ptr(), buf.len(), res) }
        })
    });
    match r {
        Ok(Some(e)) => make(vm, a[0], &e),
        Ok(None) => {
            let r = vm.repr_string(a[1])?;
            Err(vm.new_exc(vm.g.e.KeyError, &format!("getpwnam(): name not found: {r}")))
        }
        Err(e) => Err(super::_io::os_error(vm, e, None)),
    }
}

/// `getpwall()`: every entry, in database order.
fn getpwall(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "pwd.getpwall", &a[1..], k, 0, 0)?;
    let entries = vm.ctx.blocking(|| {
        let _g = sync::lock(&ENT_LOCK);
        let mut out = Vec::new();
        // SAFETY: the cursor calls are serialised by ENT_LOCK; each entry
        // is copied before the next call overwrites it.
        unsafe {
            libc::setpwent();
            loop {
                let p = libc::getpwent();
                if p.is_null() {
                    break;
                }
                out.push(copy_entry(&*p));
            }
            libc::endpwent();
        }
        out
    });
    entries_list(vm, &entries, |vm, e| make(vm, a[0], e))
}

/// A list of the struct-sequence objects `make` builds from `entries` (the
/// `getpwall`/`getgrall` result), each rooted by the list as it is made.
pub(crate) fn entries_list<E>(
    vm: &mut Vm,
    entries: &[E],
    mut make: impl FnMut(&mut Vm, &E) -> PyResult<Value>,
) -> PyResult<Value> {
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    let r = entries.iter().try_for_each(|e| {
        let v = make(vm, e)?;
        vm.list_append(l, v);
        Ok(())
    });
    vm.pop_roots(mark);
    r.map(|()| l)
}

/// Creates the `pwd` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "pwd", 1);
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let t = structseq::new_type(
        vm,
        "pwd",
        "struct_passwd",
        &[
            "pw_name",
            "pw_passwd",
            "pw_uid",
            "pw_gid",
            "pw_gecos",
            "pw_dir",
            "pw_shell",
        ],
    );
    structseq::set_constructible(vm, t);
    super::_struct::set_module_state(vm, m, STATE_PASSWD, t);
    vm.set_module_attr(m, "struct_passwd", t);
    add_bound_functions(
        vm,
        m,
        &[
            ("getpwuid", getpwuid as NativeFn),
            ("getpwnam", getpwnam),
            ("getpwall", getpwall),
        ],
    );
    vm.pop_roots(mark);
    Ok(m)
}

/// Adds functions bound to the module `m` (they receive it as `a[0]`, to
/// reach its state).
pub(crate) fn add_bound_functions(vm: &mut Vm, m: Value, fns: &[(&'static str, NativeFn)]) {
    for &(name, f) in fns {
        let b = vm.new_builtin_bound(name, f, m);
        vm.ctx.promote(b);
        vm.set_module_attr(m, name, b);
    }
}
