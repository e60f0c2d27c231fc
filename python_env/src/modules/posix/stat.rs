//! `os.stat_result` and the `stat`, `lstat` and `fstat` functions.
//!
//! `stat_result` is CPython's struct sequence of 10 tuple items (`st_mode`
//! .. `st_size`, then the three times as whole seconds, which have no field
//! name of their own) and 9 fields reached by name only (the float times,
//! the `_ns` times, `st_blksize`, `st_blocks`, `st_rdev`). An instance is a
//! tuple (`Kind::TUPLE`, class `stat_result`) of the 10 items; the named-only
//! fields live in its native payload [`Hidden`], written once at
//! allocation. The class is static, gives its instances no `__dict__` and
//! cannot be subclassed; the fields are read-only getset descriptors.

use super::path::{
    bool_arg, check_fd_and_follow, check_path_and_dir_fd, dir_fd, fd_arg, path_arg, PATH,
    PATH_OR_FD,
};
use super::{cvt, os_error, retry, state, STATE_STATVFS_RESULT, STATE_STAT_RESULT};
use crate::types::{clinic, structseq};
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::{Kind, Obj, Value};

/// Tuple items (`n_sequence_fields`).
const VISIBLE: usize = 10;
/// Named-only fields.
const HIDDEN: usize = 9;
/// `n_fields`.
const FIELDS: usize = VISIBLE + HIDDEN;
/// `n_unnamed_fields`: the integer times at items 7, 8 and 9.
const UNNAMED: usize = 3;

/// Names of the named fields in order, and their docstrings: the first 7
/// are tuple items 0..7, the rest the named-only fields.
const NAMED: [(&str, &str); FIELDS - UNNAMED] = [
    ("st_mode", "protection bits"),
    ("st_ino", "inode"),
    ("st_dev", "device"),
    ("st_nlink", "number of hard links"),
    ("st_uid", "user ID of owner"),
    ("st_gid", "group ID of owner"),
    ("st_size", "total size, in bytes"),
    ("st_atime", "time of last access"),
    ("st_mtime", "time of last modification"),
    ("st_ctime", "time of last change"),
    ("st_atime_ns", "time of last access in nanoseconds"),
    ("st_mtime_ns", "time of last modification in nanoseconds"),
    ("st_ctime_ns", "time of last change in nanoseconds"),
    ("st_blksize", "blocksize for filesystem I/O"),
    ("st_blocks", "number of blocks allocated"),
    ("st_rdev", "device type (if inode device)"),
];
/// Named fields that are tuple items.
const NAMED_VISIBLE: usize = VISIBLE - UNNAMED;

const TYPE_DOC: &str = "stat_result: Result from stat, fstat, or lstat.

This object may be accessed either as a tuple of
  (mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime)
or via the attributes st_mode, st_ino, st_dev, st_nlink, st_uid, and so on.

Posix/windows: If your platform supports st_blksize, st_blocks, st_rdev,
or st_flags, they are available as attributes only.

See os.stat for more information.";

/// The native payload of a `stat_result`: its named-only fields.
struct Hidden([Value; HIDDEN]);

impl Trace for Hidden {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for &v in &self.0 {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

/// A new `stat_result` of class `cls` with the given items and fields.
/// The values must be rooted by the caller or immediates.
fn new(vm: &mut Vm, cls: Value, items: &[Value; VISIBLE], hidden: [Value; HIDDEN]) -> Value {
    let t = vm
        .ctx
        .alloc_native_with_values(Kind::TUPLE, cls, VISIBLE, Hidden(hidden));
    let o = Obj::from_value(t).expect("heap");
    for (i, &v) in items.iter().enumerate() {
        o.init(i, v);
    }
    t
}

/// An int from an unsigned C field.
fn uint(vm: &mut Vm, x: u64) -> Value {
    match i64::try_from(x) {
        Ok(i) => vm.new_int(i),
        Err(_) => vm.new_bigint(num_bigint::BigInt::from(x)),
    }
}

/// A `stat_result` of class `cls` from a C `struct stat` (CPython's
/// `_pystat_fromstructstat`).
pub(super) fn from_stat(vm: &mut Vm, cls: Value, st: &libc::stat) -> Value {
    let mark = vm.push_root(Value::NONE);
    let root = |vm: &mut Vm, v: Value| {
        vm.push_root(v);
        v
    };
    let mode = Value::int(i64::from(st.st_mode));
    let ino = uint(vm, st.st_ino);
    let ino = root(vm, ino);
    let dev = uint(vm, st.st_dev);
    let dev = root(vm, dev);
    let nlink = uint(vm, st.st_nlink);
    let nlink = root(vm, nlink);
    let uid = Value::int(i64::from(st.st_uid));
    let gid = Value::int(i64::from(st.st_gid));
    let size = vm.new_int(st.st_size);
    let size = root(vm, size);
    let times = [
        (st.st_atime, st.st_atime_nsec),
        (st.st_mtime, st.st_mtime_nsec),
        (st.st_ctime, st.st_ctime_nsec),
    ];
    let mut ints = [Value::NONE; 3];
    let mut floats = [Value::NONE; 3];
    let mut nss = [Value::NONE; 3];
    for (i, &(sec, nsec)) in times.iter().enumerate() {
        let v = vm.new_int(sec);
        ints[i] = root(vm, v);
        let v = vm.new_float(sec as f64 + nsec as f64 * 1e-9);
        floats[i] = root(vm, v);
        let ns = i128::from(sec) * 1_000_000_000 + i128::from(nsec);
        let v = vm.new_bigint(num_bigint::BigInt::from(ns));
        nss[i] = root(vm, v);
    }
    let blksize = vm.new_int(st.st_blksize);
    let blksize = root(vm, blksize);
    let blocks = vm.new_int(st.st_blocks);
    let blocks = root(vm, blocks);
    let rdev = uint(vm, st.st_rdev);
    let rdev = root(vm, rdev);
    let items = [
        mode, ino, dev, nlink, uid, gid, size, ints[0], ints[1], ints[2],
    ];
    let hidden = [
        floats[0], floats[1], floats[2], nss[0], nss[1], nss[2], blksize, blocks, rdev,
    ];
    let r = new(vm, cls, &items, hidden);
    vm.pop_roots(mark);
    r
}

/// Is `t` the `os.stat_result` class? It is the static (non-heap) type of
/// that name with the tuple layout and no instance dict, which only
/// [`create_type`] makes (a program cannot make a static type).
fn is_stat_result_type(t: Value) -> bool {
    Obj::from_value(t).is_some_and(|o| {
        o.kind() == K_TYPE
            && type_flags(o) & (TF_HEAP | TF_NODICT) == TF_NODICT
            && type_layout(o) == Kind::TUPLE
            && str_of(o.get(T_NAME)) == "stat_result"
    })
}

fn this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == Kind::TUPLE && is_stat_result_type(o.class()) => Ok(o),
        _ => {
            let tn = a.first().map_or_else(String::new, |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'os.stat_result' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// Getter of the named field `a[0]` (bound: its interned name) of the
/// instance `a[1]`.
fn field_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let name = str_of(a.first().copied().unwrap_or(Value::NONE));
    let i = NAMED.iter().position(|n| n.0 == name).unwrap_or(0);
    let o = this(vm, &a[1..], NAMED[i].0)?;
    if i < NAMED_VISIBLE {
        return Ok(if i < o.n_values() {
            o.get(i)
        } else {
            Value::NONE
        });
    }
    let h = native_ref::<Hidden>(o);
    Ok(h.and_then(|h| h.0.get(i - NAMED_VISIBLE).copied())
        .unwrap_or(Value::NONE))
}

/// `repr()`: the 10 items, named as CPython names them (the integer times
/// under the float times' names).
fn sr_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__repr__")?;
    let mut s = String::from("os.stat_result(");
    for (i, &(name, _)) in NAMED.iter().enumerate().take(VISIBLE.min(o.n_values())) {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(name);
        s.push('=');
        // `o` is the receiver, rooted by the caller.
        let r = vm.repr_string(o.get(i))?;
        s.push_str(&r);
    }
    s.push(')');
    Ok(vm.new_str(&s))
}

/// `__reduce__()`: `(stat_result, (items, {named-only fields}))`.
fn sr_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__reduce__")?;
    let items = vm.seq_items(o.value());
    let tup = vm.new_tuple(&items);
    let mark = vm.push_root(tup);
    let d = vm.new_dict();
    vm.push_root(d);
    let hidden = native_ref::<Hidden>(o).map_or([Value::NONE; HIDDEN], |h| h.0);
    for (i, v) in hidden.into_iter().enumerate() {
        let key = vm.intern(NAMED[NAMED_VISIBLE + i].0);
        vm.dict_set_str(d, key, v);
    }
    let args = vm.new_tuple(&[tup, d]);
    vm.push_root(args);
    let r = vm.new_tuple(&[o.class(), args]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `stat_result.__new__(cls, sequence, dict=None)` (structseq_new, then
/// statresult_new's filling of the float times from the integer ones).
fn sr_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("os.stat_result.__new__(): not enough arguments"));
    };
    if !is_stat_result_type(cls) {
        let n = vm.type_name_of(cls);
        return Err(vm.type_error(&format!(
            "os.stat_result.__new__({n}): {n} is not a subtype of os.stat_result"
        )));
    }
    let [seq, dict] = clinic::unpack(vm, "structseq", &a[1..], k, ["sequence", "dict"], 0, 1, 2)?;
    let seq = seq.unwrap_or(Value::NONE);
    let (items, mark) = match vm.collect_rooted(seq) {
        Ok(r) => r,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
            return Err(vm.type_error("constructor requires a sequence"));
        }
        Err(e) => return Err(e),
    };
    let tup = vm.new_tuple(&items);
    vm.push_root(tup);
    let r = build(vm, cls, tup, dict.filter(|d| !d.is_none()));
    vm.pop_roots(mark);
    r
}

fn build(vm: &mut Vm, cls: Value, tup: Value, dict: Option<Value>) -> PyResult<Value> {
    if let Some(d) = dict {
        if !vm.isinstance(d, vm.g.types.dict) {
            return Err(vm.type_error("os.stat_result() takes a dict as second arg, if any"));
        }
    }
    let all = vm.seq_items(tup);
    let n = all.len();
    if n < VISIBLE {
        return Err(vm.type_error(&format!(
            "os.stat_result() takes an at least {VISIBLE}-sequence ({n}-sequence given)"
        )));
    }
    if n > FIELDS {
        return Err(vm.type_error(&format!(
            "os.stat_result() takes an at most {FIELDS}-sequence ({n}-sequence given)"
        )));
    }
    let mut hidden = [Value::NONE; HIDDEN];
    for (i, slot) in hidden.iter_mut().enumerate() {
        let field = VISIBLE + i;
        if field < n {
            *slot = all[field];
        } else if let Some(d) = dict {
            let key = vm.intern(NAMED[NAMED_VISIBLE + i].0);
            if let Some(v) = vm.dict_get(d, key)? {
                // Rooted until the caller pops its roots: the next lookup
                // may run a key's `__eq__`, which could empty the dict.
                vm.push_root(v);
                *slot = v;
            }
        }
    }
    let all = vm.seq_items(tup);
    for i in 0..3 {
        if hidden[i].is_none() {
            hidden[i] = all[NAMED_VISIBLE + i];
        }
    }
    let mut items = [Value::NONE; VISIBLE];
    items.copy_from_slice(&all[..VISIBLE]);
    Ok(new(vm, cls, &items, hidden))
}

/// Creates the `os.stat_result` class.
pub(super) fn create_type(vm: &mut Vm) -> Value {
    let t = vm.new_static_type("stat_result", vm.g.types.tuple, Kind::TUPLE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    let modname = vm.intern("os");
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(TYPE_DOC);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", sr_new, false);
    vm.add_method(t, "__repr__", sr_repr);
    vm.add_method(t, "__reduce__", sr_reduce);
    for &(name, doc) in NAMED.iter() {
        let n = vm.intern(name);
        let g = vm.new_builtin_bound(name, field_get, n);
        vm.ctx.promote(g);
        let doc = vm.new_str(doc);
        vm.ctx.promote(doc);
        structseq::add_field(vm, t, name, g, doc);
    }
    let names: Vec<Value> = NAMED[..NAMED_VISIBLE]
        .iter()
        .map(|(n, _)| vm.intern(n))
        .collect();
    let match_args = vm.new_tuple(&names);
    vm.ctx.promote(match_args);
    vm.add_attr(t, "__match_args__", match_args);
    for (name, n) in [
        ("n_sequence_fields", VISIBLE),
        ("n_fields", FIELDS),
        ("n_unnamed_fields", UNNAMED),
    ] {
        vm.add_attr(t, name, Value::int(n as i64));
    }
    t
}

// ------------------------------------------------------------------ calls

/// An all-zero `struct stat` for the C library to fill.
pub(super) fn zeroed_stat() -> libc::stat {
    // SAFETY: `struct stat` is plain old data (integers only), for which
    // all-zero bytes are a valid value.
    unsafe { std::mem::zeroed() }
}

/// `stat` of the fd `fd` (`fstat(2)`), EINTR retried.
pub(super) fn fstat_raw(vm: &mut Vm, fd: i32) -> PyResult<Result<libc::stat, i32>> {
    let mut st = zeroed_stat();
    // SAFETY: `st` is a valid, writable `struct stat` for the whole call.
    let r = retry(vm, || cvt(unsafe { libc::fstat(fd, &mut st) }))?;
    Ok(r.map(|_| st))
}

/// `fstatat(dir_fd, path, flags)`, EINTR retried.
pub(super) fn fstatat_raw(
    vm: &mut Vm,
    dir_fd: i32,
    path: *const libc::c_char,
    follow_symlinks: bool,
) -> PyResult<Result<libc::stat, i32>> {
    let mut st = zeroed_stat();
    let flags = if follow_symlinks {
        0
    } else {
        libc::AT_SYMLINK_NOFOLLOW
    };
    let r = retry(vm, || {
        // SAFETY: `path` is null (the kernel answers EFAULT) or a C string the
        // caller keeps alive for the call; `st` is a valid, writable `struct
        // stat` for the whole call.
        cvt(unsafe { libc::fstatat(dir_fd, path, &mut st, flags) })
    })?;
    Ok(r.map(|_| st))
}

/// The common part of `stat` and `lstat`.
fn do_stat(
    vm: &mut Vm,
    m: Value,
    fname: &str,
    p: Value,
    dir_fd_v: Option<Value>,
    follow_symlinks: bool,
    allow_fd: bool,
) -> PyResult<Value> {
    let kind = if allow_fd { PATH_OR_FD } else { PATH };
    let path = path_arg(vm, fname, "path", p, kind)?;
    let dfd = dir_fd(vm, dir_fd_v)?;
    check_path_and_dir_fd(vm, fname, &path, dfd)?;
    check_fd_and_follow(vm, fname, &path, follow_symlinks)?;
    let r = if path.fd != -1 {
        fstat_raw(vm, path.fd)?
    } else {
        fstatat_raw(vm, dfd, path.ptr(), follow_symlinks)?
    };
    match r {
        Ok(st) => {
            let cls = state(vm, m, STATE_STAT_RESULT)?;
            Ok(from_stat(vm, cls, &st))
        }
        Err(e) => {
            let f = path.filename(vm);
            Err(os_error(vm, e, f))
        }
    }
}

/// `stat(path, *, dir_fd=None, follow_symlinks=True)`.
fn stat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, dfd, fs] = clinic::unpack(
        vm,
        "stat",
        &a[1..],
        k,
        ["path", "dir_fd", "follow_symlinks"],
        0,
        1,
        1,
    )?;
    let follow = bool_arg(vm, fs, true)?;
    do_stat(
        vm,
        a[0],
        "stat",
        p.unwrap_or(Value::NONE),
        dfd,
        follow,
        true,
    )
}

/// `lstat(path, *, dir_fd=None)`.
fn lstat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p, dfd] = clinic::unpack(vm, "lstat", &a[1..], k, ["path", "dir_fd"], 0, 1, 1)?;
    do_stat(
        vm,
        a[0],
        "lstat",
        p.unwrap_or(Value::NONE),
        dfd,
        false,
        false,
    )
}

/// `fstat(fd)`.
fn fstat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd] = clinic::unpack(vm, "fstat", &a[1..], k, ["fd"], 0, 1, 1)?;
    let fd = fd_arg(vm, fd.unwrap_or(Value::NONE))?;
    match fstat_raw(vm, fd)? {
        Ok(st) => {
            let cls = state(vm, a[0], STATE_STAT_RESULT)?;
            Ok(from_stat(vm, cls, &st))
        }
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `os.statvfs_result` of a `struct statvfs`: its ten fields (CPython's
/// named-only `f_fsid` is left out).
fn from_statvfs(vm: &mut Vm, m: Value, st: &libc::statvfs) -> PyResult<Value> {
    let vals = [
        st.f_bsize,
        st.f_frsize,
        st.f_blocks,
        st.f_bfree,
        st.f_bavail,
        st.f_files,
        st.f_ffree,
        st.f_favail,
        st.f_flag,
        st.f_namemax,
    ];
    let items: Vec<Value> = vals.iter().map(|&x| vm.new_int(x as i64)).collect();
    let cls = state(vm, m, STATE_STATVFS_RESULT)?;
    Ok(structseq::new(vm, cls, &items))
}

/// `statvfs(path)`: path or open descriptor.
fn statvfs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p] = clinic::unpack(vm, "statvfs", &a[1..], k, ["path"], 0, 1, 1)?;
    let path = path_arg(vm, "statvfs", "path", p.unwrap_or(Value::NONE), PATH_OR_FD)?;
    // SAFETY: `struct statvfs` is plain integers, valid all-zero.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    let (fd, ptr) = (path.fd, path.ptr());
    let r = retry(vm, || {
        // SAFETY: `st` is writable for the call; `ptr` is the
        // NUL-terminated path held by `path`, live for the call.
        cvt(unsafe {
            if fd != -1 {
                libc::fstatvfs(fd, &mut st)
            } else {
                libc::statvfs(ptr, &mut st)
            }
        })
    })?;
    match r {
        Ok(_) => from_statvfs(vm, a[0], &st),
        Err(e) => {
            let f = path.filename(vm);
            Err(os_error(vm, e, f))
        }
    }
}

/// `fstatvfs(fd, /)`.
fn fstatvfs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "posix.fstatvfs", "fstatvfs", &a[1..], k, 1, 1)?;
    let fd = crate::args::c_int(vm, a[1])?;
    // SAFETY: `struct statvfs` is plain integers, valid all-zero.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is writable for the call.
    let r = retry(vm, || cvt(unsafe { libc::fstatvfs(fd, &mut st) }))?;
    match r {
        Ok(_) => from_statvfs(vm, a[0], &st),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("stat", stat),
    ("lstat", lstat),
    ("fstat", fstat),
    ("statvfs", statvfs),
    ("fstatvfs", fstatvfs),
];
