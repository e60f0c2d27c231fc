//! The `grp` module: the group database (`getgrgid`, `getgrnam`,
//! `getgrall`) as `grp.struct_group` struct sequences, as CPython has in C.
//!
//! As in `pwd`: reentrant `getgr*_r` lookups inside `ctx.blocking`, entries
//! copied into Rust data before Python objects are made, and the shared
//! `getgrent` cursor used under a process-wide mutex.

use super::pwd::{add_bound_functions, id_arg, name_arg, state};
use crate::types::{clinic, structseq};
use engine::runtime::*;
use proto_core::sync::{self, Mutex};
use proto_core::Value;
use std::ffi::CStr;

const MODULE_DOC: &str = "Access to the Unix group database.

Group entries are reported as 4-tuples containing the following fields
from the group database, in order:

  gr_name   - name of the group
  gr_passwd - group password (encrypted); often empty
  gr_gid    - numeric ID of the group
  gr_mem    - list of members

The gid is an integer, name and password are strings.  (Note that most
users are not explicitly listed as members of the groups they are in
according to the password database.  Check both databases to get
complete membership information.)";

/// Orders the users of the process-wide `getgrent` cursor.
static ENT_LOCK: Mutex<()> = Mutex::new(());

/// Module state slot: the `struct_group` class.
const STATE_GROUP: usize = 0;

/// A group entry copied out of the C library's buffers.
struct Entry {
    name: Vec<u8>,
    passwd: Vec<u8>,
    gid: u32,
    members: Vec<Vec<u8>>,
}

fn bytes_of(p: *const libc::c_char) -> Vec<u8> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: a non-null string field of a `struct group` the C library
    // just filled is NUL-terminated and alive while its buffer is.
    unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
}

fn copy_entry(g: &libc::group) -> Entry {
    let mut members = Vec::new();
    if !g.gr_mem.is_null() {
        let mut i = 0;
        loop {
            // SAFETY: `gr_mem` is a NULL-terminated array of strings.
            let p = unsafe { *g.gr_mem.add(i) };
            if p.is_null() {
                break;
            }
            members.push(bytes_of(p));
            i += 1;
        }
    }
    Entry {
        name: bytes_of(g.gr_name),
        passwd: bytes_of(g.gr_passwd),
        gid: g.gr_gid,
        members,
    }
}

/// Runs a `getgr*_r` call with a growing buffer.
fn lookup_r(
    f: impl Fn(&mut libc::group, &mut [libc::c_char], &mut *mut libc::group) -> libc::c_int,
) -> Result<Option<Entry>, i32> {
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        // SAFETY: `struct group` is plain data, valid all-zero.
        let mut gr: libc::group = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::group = std::ptr::null_mut();
        let r = f(&mut gr, &mut buf, &mut res);
        if r == libc::ERANGE && size < (1 << 24) {
            size *= 2;
            continue;
        }
        if res.is_null() {
            return match r {
                0 | libc::ENOENT | libc::ESRCH | libc::EBADF | libc::EPERM => Ok(None),
                e => Err(e),
            };
        }
        return Ok(Some(copy_entry(&gr)));
    }
}

/// The `struct_group` of an entry (class from the bound module `m`).
fn make(vm: &mut Vm, m: Value, e: &Entry) -> PyResult<Value> {
    let cls = state(vm, m, STATE_GROUP)?;
    let mark = vm.push_root(Value::NONE);
    let name = super::posix::path::fs_decode(vm, &e.name)?;
    vm.push_root(name);
    let passwd = super::posix::path::fs_decode(vm, &e.passwd)?;
    vm.push_root(passwd);
    let mem = vm.new_list(&[]);
    vm.push_root(mem);
    for b in &e.members {
        let s = match super::posix::path::fs_decode(vm, b) {
            Ok(s) => s,
            Err(err) => {
                vm.pop_roots(mark);
                return Err(err);
            }
        };
        vm.list_append(mem, s);
    }
    let gid = vm.new_int(i64::from(e.gid));
    let r = structseq::new(vm, cls, &[name, passwd, gid, mem]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `getgrgid(id)`.
fn getgrgid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [id] = clinic::unpack(vm, "getgrgid", &a[1..], k, ["id"], 0, 1, 1)?;
    let id = id.unwrap_or(Value::NONE);
    let Some(gid) = id_arg(vm, id, "gid")? else {
        return Err(vm.new_exc(vm.g.e.KeyError, "getgrgid(): gid not found"));
    };
    let r = vm.ctx.blocking(|| {
        lookup_r(|gr, buf, res| {
            // SAFETY: every pointer is to a live, writable local of the
            // right type; `buf.len()` is the buffer's size.
            unsafe { libc::getgrgid_r(gid, gr, buf.as_mut_ptr(), buf.len(), res) }
        })
    });
    match r {
        Ok(Some(e)) => make(vm, a[0], &e),
        Ok(None) => Err(vm.new_exc(
            vm.g.e.KeyError,
            &format!("getgrgid(): gid not found: {gid}"),
        )),
        Err(e) => Err(super::_io::os_error(vm, e, None)),
    }
}

/// `getgrnam(name)`.
fn getgrnam(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [name] = clinic::unpack(vm, "getgrnam", &a[1..], k, ["name"], 0, 1, 1)?;
    let name = name.unwrap_or(Value::NONE);
    let c = name_arg(vm, "getgrnam", "argument 'name'", name)?;
    let r = vm.ctx.blocking(|| {
        lookup_r(|gr, buf, res| {
            // SAFETY: `c` is NUL-terminated; the other pointers are to
            // live, writable locals; `buf.len()` is the buffer's size.
            unsafe { libc::getgrnam_r(c.as_ptr(), gr, buf.as_mut_ptr(), buf.len(), res) }
        })
    });
    match r {
        Ok(Some(e)) => make(vm, a[0], &e),
        Ok(None) => {
            let r = vm.repr_string(name)?;
            Err(vm.new_exc(vm.g.e.KeyError, &format!("getgrnam(): name not found: {r}")))
        }
        Err(e) => Err(super::_io::os_error(vm, e, None)),
    }
}

/// `getgrall()`: every entry, in database order.
fn getgrall(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "grp.getgrall", &a[1..], k, 0, 0)?;
    let entries = vm.ctx.blocking(|| {
        let _g = sync::lock(&ENT_LOCK);
        let mut out = Vec::new();
        // SAFETY: the cursor calls are serialised by ENT_LOCK; each entry
        // is copied before the next call overwrites it.
        unsafe {
            libc::setgrent();
            loop {
                let p = libc::getgrent();
                if p.is_null() {
                    break;
                }
                out.push(copy_entry(&*p));
            }
            libc::endgrent();
        }
        out
    });
    super::pwd::entries_list(vm, &entries, |vm, e| make(vm, a[0], e))
}

/// Creates the `grp` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "grp", 1);
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let t = structseq::new_type(
        vm,
        "grp",
        "struct_group",
        &["gr_name", "gr_passwd", "gr_gid", "gr_mem"],
    );
    structseq::set_constructible(vm, t);
    super::_struct::set_module_state(vm, m, STATE_GROUP, t);
    vm.set_module_attr(m, "struct_group", t);
    add_bound_functions(
        vm,
        m,
        &[
            ("getgrgid", getgrgid as NativeFn),
            ("getgrnam", getgrnam),
            ("getgrall", getgrall),
        ],
    );
    vm.pop_roots(mark);
    Ok(m)
}
