//! `listdir`, `scandir`, and the `DirEntry` and `ScandirIterator` types.
//!
//! A `ScandirIterator` is a native object whose payload owns the C library
//! directory stream (`DIR *`) behind a mutex: `readdir` on one stream is
//! not safe from two threads at once, so `__next__` and `close` take the
//! mutex (never across Python code or an allocation of Python objects: the
//! entry's name is copied out first). The stream is closed when the
//! iterator is exhausted, closed, left by `with`, or collected.
//!
//! A `DirEntry` is a native object with the value slots `name`, `path`, the
//! cached `stat()` and `lstat()` results (None until computed) and the
//! `stat_result` class; its payload keeps `d_type`, `d_ino` and the
//! directory fd for `scandir(fd)`. The caches are written through the
//! write barrier (`Vm::store`); two threads filling one at once each store
//! an equal result.

use super::path::{fs_value, path_arg_nullable, PathArg};
use super::stat::{from_stat, fstatat_raw};
use super::{cvt, os_error, retry, state, STATE_DIRENTRY, STATE_SCANDIR_ITER, STATE_STAT_RESULT};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};

// ------------------------------------------------------------------ streams

/// An open directory stream.
struct Dir(std::ptr::NonNull<libc::DIR>);

// SAFETY: a `DIR *` is not tied to the thread that opened it; every use
// goes through the owner's mutex, so no two threads use it at once.
unsafe impl Send for Dir {}

impl Dir {
    /// `opendir(path)` or, for an fd, `fdopendir` of a duplicate (the
    /// caller's fd stays open and keeps its position, as in CPython).
    fn open(vm: &mut Vm, p: &PathArg) -> PyResult<Result<Dir, i32>> {
        let r = if p.fd != -1 {
            let fd = p.fd;
            // SAFETY: fcntl(F_DUPFD_CLOEXEC) has no memory effects.
            let dupfd = match cvt(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) }) {
                Ok(d) => d,
                Err(e) => return Ok(Err(e)),
            };
            // SAFETY: `dupfd` is an fd this function owns; fdopendir takes
            // it over on success, and it is closed here on failure.
            let d = unsafe { libc::fdopendir(dupfd) };
            if d.is_null() {
                let e = super::errno();
                // SAFETY: `dupfd` is still ours (fdopendir failed).
                unsafe { libc::close(dupfd) };
                Err(e)
            } else {
                // SAFETY: `d` is a valid stream; rewinding reads from the
                // start whatever the fd's position.
                unsafe { libc::rewinddir(d) };
                Ok(d)
            }
        } else {
            let ptr = match &p.c {
                Some(c) => c.as_ptr(),
                None => c".".as_ptr(),
            };
            retry(vm, || {
                // SAFETY: `ptr` is a C string owned by `p` or a static,
                // alive for the call.
                let d = unsafe { libc::opendir(ptr) };
                if d.is_null() {
                    Err(super::errno())
                } else {
                    Ok(d)
                }
            })?
        };
        Ok(r.map(|d| Dir(std::ptr::NonNull::new(d).expect("non-null"))))
    }

    /// The next entry other than "." and "..": (name, d_type, d_ino), None
    /// at the end, or the errno of a failed read.
    fn next(&mut self) -> Result<Option<(Vec<u8>, u8, u64)>, i32> {
        loop {
            // SAFETY: errno is the calling thread's; readdir reports an
            // error only through it, so it is cleared first.
            unsafe { *libc::__errno_location() = 0 };
            // SAFETY: the stream is open (owned by `self`), used by one
            // thread at a time (the owner's mutex).
            let ent = unsafe { libc::readdir(self.0.as_ptr()) };
            if ent.is_null() {
                let e = super::errno();
                return if e == 0 { Ok(None) } else { Err(e) };
            }
            // SAFETY: a non-null readdir result points to a dirent valid
            // until the next readdir/closedir on this stream, whose d_name
            // is NUL-terminated; it is copied before either happens.
            let (name, d_type, ino) = unsafe {
                let e = &*ent;
                let name = std::ffi::CStr::from_ptr(e.d_name.as_ptr())
                    .to_bytes()
                    .to_vec();
                (name, e.d_type, e.d_ino)
            };
            if name == b"." || name == b".." {
                continue;
            }
            return Ok(Some((name, d_type, ino)));
        }
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        // SAFETY: the stream is open and owned by `self`, which is dropped
        // once; closedir also closes its fd.
        unsafe { libc::closedir(self.0.as_ptr()) };
    }
}

// ------------------------------------------------------------------ listdir

/// `listdir(path=None)`: the names in the directory, str or bytes as the
/// path (str for an fd or None).
fn listdir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p] = clinic::unpack(vm, "listdir", &a[1..], k, ["path"], 0, 0, 1)?;
    let path = path_arg_nullable(vm, "listdir", "path", p, true)?;
    vm.audit(
        "os.listdir",
        &[if path.obj.is_empty() {
            Value::NONE
        } else {
            path.obj
        }],
    )?;
    let mut dir = match Dir::open(vm, &path)? {
        Ok(d) => d,
        Err(e) => {
            let f = if path.obj.is_none() {
                vm.new_str(".")
            } else {
                path.filename(vm)
            };
            return Err(os_error(vm, e, f));
        }
    };
    let mut names = Vec::new();
    loop {
        match vm.ctx.blocking(|| dir.next()) {
            Ok(Some((n, _, _))) => names.push(n),
            Ok(None) => break,
            Err(e) => {
                let f = path.filename(vm);
                return Err(os_error(vm, e, f));
            }
        }
    }
    drop(dir);
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for n in names {
        match fs_value(vm, &n, path.bytes) {
            Ok(v) => vm.list_append(l, v),
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    vm.pop_roots(mark);
    Ok(l)
}

// ------------------------------------------------------------------ scandir

/// Payload of a `ScandirIterator`.
struct IterState {
    /// The stream; None once closed.
    dir: Mutex<Option<Dir>>,
    /// The path entries' paths start with ("" for an fd: the path is the
    /// name), with its trailing "/".
    prefix: Vec<u8>,
    /// Whether names are bytes.
    bytes: bool,
    /// The directory fd given to `scandir(fd)`, or -1.
    fd: i32,
}
impl Trace for IterState {}

/// Value slots of a `ScandirIterator`: the `DirEntry` and `stat_result`
/// classes.
const IT_DIRENTRY: usize = 0;
const IT_STAT: usize = 1;

/// Payload of a `DirEntry`.
struct EntryState {
    d_type: u8,
    ino: u64,
    /// The directory fd of `scandir(fd)`, or -1.
    dir_fd: i32,
}
impl Trace for EntryState {}

/// Value slots of a `DirEntry`.
const E_NAME: usize = 0;
const E_PATH: usize = 1;
const E_STAT: usize = 2;
const E_LSTAT: usize = 3;
const E_STAT_TYPE: usize = 4;
const E_SLOTS: usize = 5;

/// `scandir(path=None)`.
fn scandir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [p] = clinic::unpack(vm, "scandir", &a[1..], k, ["path"], 0, 0, 1)?;
    let path = path_arg_nullable(vm, "scandir", "path", p, true)?;
    vm.audit(
        "os.scandir",
        &[if path.obj.is_empty() {
            Value::NONE
        } else {
            path.obj
        }],
    )?;
    let dir = match Dir::open(vm, &path)? {
        Ok(d) => d,
        Err(e) => {
            let f = if path.obj.is_none() {
                vm.new_str(".")
            } else {
                path.filename(vm)
            };
            return Err(os_error(vm, e, f));
        }
    };
    let prefix = if path.fd != -1 {
        Vec::new()
    } else {
        let mut b = match &path.c {
            Some(c) => c.as_bytes().to_vec(),
            None => b".".to_vec(),
        };
        if !b.is_empty() && b.last() != Some(&b'/') {
            b.push(b'/');
        }
        b
    };
    let cls = state(vm, a[0], STATE_SCANDIR_ITER)?;
    let de = state(vm, a[0], STATE_DIRENTRY)?;
    let st = state(vm, a[0], STATE_STAT_RESULT)?;
    let it = vm.ctx.alloc_native_with_values(
        K_MISC,
        cls,
        2,
        IterState {
            dir: Mutex::new(Some(dir)),
            prefix,
            bytes: path.bytes,
            fd: path.fd,
        },
    );
    let o = Obj::from_value(it).expect("heap");
    o.init(IT_DIRENTRY, de);
    o.init(IT_STAT, st);
    Ok(it)
}

fn iter_this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<(Obj, &'static IterState)> {
    if let Some(o) = a.first().and_then(|&v| Obj::from_value(v)) {
        if o.kind() == K_MISC {
            if let Some(s) = native_ref::<IterState>(o) {
                return Ok((o, s));
            }
        }
    }
    let tn = a.first().map_or_else(String::new, |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{what}' for 'posix.ScandirIterator' objects doesn't apply to a '{tn}' object"
    )))
}

fn it_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    iter_this(vm, a, "__iter__")?;
    Ok(a[0])
}

fn it_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, s) = iter_this(vm, a, "__next__")?;
    let r = vm.ctx.blocking(|| {
        let mut g = sync::lock(&s.dir);
        let r = match g.as_mut() {
            Some(d) => d.next(),
            None => Ok(None),
        };
        if !matches!(r, Ok(Some(_))) {
            // Exhausted or failed: the stream is closed at once.
            *g = None;
        }
        r
    });
    let (name, d_type, ino) = match r {
        Ok(Some(e)) => e,
        Ok(None) => return Err(vm.stop_iteration(Value::NONE)),
        Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
    };
    let mut full = s.prefix.clone();
    full.extend_from_slice(&name);
    let namev = fs_value(vm, &name, s.bytes)?;
    let mark = vm.push_root(namev);
    let pathv = match fs_value(vm, &full, s.bytes) {
        Ok(v) => v,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.push_root(pathv);
    let e = vm.ctx.alloc_native_with_values(
        K_MISC,
        o.get(IT_DIRENTRY),
        E_SLOTS,
        EntryState {
            d_type,
            ino,
            dir_fd: s.fd,
        },
    );
    let eo = Obj::from_value(e).expect("heap");
    eo.init(E_NAME, namev);
    eo.init(E_PATH, pathv);
    eo.init(E_STAT, Value::NONE);
    eo.init(E_LSTAT, Value::NONE);
    eo.init(E_STAT_TYPE, o.get(IT_STAT));
    vm.pop_roots(mark);
    Ok(e)
}

fn it_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "ScandirIterator.close", "close", a, k, 0, 0)?;
    let (_, s) = iter_this(vm, a, "close")?;
    let d = sync::lock(&s.dir).take();
    drop(d);
    Ok(Value::NONE)
}

fn it_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    iter_this(vm, a, "__enter__")?;
    Ok(a[0])
}

fn it_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = iter_this(vm, a, "__exit__")?;
    let d = sync::lock(&s.dir).take();
    drop(d);
    Ok(Value::FALSE)
}

// ------------------------------------------------------------------ DirEntry

fn entry_this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<(Obj, &'static EntryState)> {
    if let Some(o) = a.first().and_then(|&v| Obj::from_value(v)) {
        if o.kind() == K_MISC && o.n_values() == E_SLOTS {
            if let Some(s) = native_ref::<EntryState>(o) {
                return Ok((o, s));
            }
        }
    }
    let tn = a.first().map_or_else(String::new, |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{what}' for 'posix.DirEntry' objects doesn't apply to a '{tn}' object"
    )))
}

fn de_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = entry_this(vm, a, "name")?;
    Ok(o.get(E_NAME))
}

fn de_path(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = entry_this(vm, a, "path")?;
    Ok(o.get(E_PATH))
}

fn de_fspath(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "DirEntry.__fspath__", "__fspath__", a, k, 0, 0)?;
    let (o, _) = entry_this(vm, a, "__fspath__")?;
    Ok(o.get(E_PATH))
}

fn de_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = entry_this(vm, a, "__repr__")?;
    let r = vm.repr_string(o.get(E_NAME))?;
    Ok(vm.new_str(&format!("<DirEntry {r}>")))
}

fn de_inode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "DirEntry.inode", "inode", a, k, 0, 0)?;
    let (_, s) = entry_this(vm, a, "inode")?;
    match i64::try_from(s.ino) {
        Ok(i) => Ok(vm.new_int(i)),
        Err(_) => Ok(vm.new_bigint(num_bigint::BigInt::from(s.ino))),
    }
}

/// The entry's `stat` (following symlinks) or `lstat`, computed once.
fn fetch_stat(vm: &mut Vm, o: Obj, s: &EntryState, follow: bool) -> PyResult<Value> {
    let slot = if follow { E_STAT } else { E_LSTAT };
    let cached = o.get(slot);
    if !cached.is_none() {
        return Ok(cached);
    }
    let r = if s.dir_fd != -1 {
        let Ok(name) = std::ffi::CString::new(str_bytes_fs(vm, o.get(E_NAME))?) else {
            return Err(vm.value_error("embedded null byte"));
        };
        fstatat_raw(vm, s.dir_fd, name.as_ptr(), follow)?
    } else {
        let Ok(path) = std::ffi::CString::new(str_bytes_fs(vm, o.get(E_PATH))?) else {
            return Err(vm.value_error("embedded null byte"));
        };
        fstatat_raw(vm, libc::AT_FDCWD, path.as_ptr(), follow)?
    };
    match r {
        Ok(st) => {
            let v = from_stat(vm, o.get(E_STAT_TYPE), &st);
            vm.store(o, slot, v);
            Ok(v)
        }
        Err(e) => Err(os_error(vm, e, o.get(E_PATH))),
    }
}

/// The bytes of a name or path (str in the file-system encoding, or bytes).
fn str_bytes_fs(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if is_str(v) {
        super::path::fs_encode(vm, v)
    } else {
        Ok(str_bytes(v).to_vec())
    }
}

/// `stat(*, follow_symlinks=True)`: an lstat unless the entry is a symlink
/// being followed.
fn entry_stat(vm: &mut Vm, o: Obj, s: &EntryState, follow: bool) -> PyResult<Value> {
    if follow && is_symlink(vm, o, s)? {
        fetch_stat(vm, o, s, true)
    } else {
        fetch_stat(vm, o, s, false)
    }
}

fn is_symlink(vm: &mut Vm, o: Obj, s: &EntryState) -> PyResult<bool> {
    if s.d_type != libc::DT_UNKNOWN {
        return Ok(s.d_type == libc::DT_LNK);
    }
    let st = fetch_stat(vm, o, s, false)?;
    let mode = vm.seq_get(st, 0).and_then(|m| m.as_int()).unwrap_or(0);
    Ok(mode as u32 & libc::S_IFMT == libc::S_IFLNK)
}

/// `is_dir`/`is_file`: the type `fmt` from d_type when it suffices, else
/// from a stat; a vanished file is neither.
fn test_mode(vm: &mut Vm, o: Obj, s: &EntryState, follow: bool, fmt: u32) -> PyResult<bool> {
    let need_stat = s.d_type == libc::DT_UNKNOWN || (follow && s.d_type == libc::DT_LNK);
    if !need_stat {
        let dt = if fmt == libc::S_IFDIR {
            libc::DT_DIR
        } else {
            libc::DT_REG
        };
        return Ok(s.d_type == dt);
    }
    let st = match entry_stat(vm, o, s, follow) {
        Ok(st) => st,
        Err(e) if vm.isinstance(e.0, vm.g.exc["FileNotFoundError"]) => return Ok(false),
        Err(e) => return Err(e),
    };
    let mode = vm.seq_get(st, 0).and_then(|m| m.as_int()).unwrap_or(0);
    Ok(mode as u32 & libc::S_IFMT == fmt)
}

/// The `follow_symlinks` keyword-only argument of a DirEntry method.
fn follow_arg(vm: &mut Vm, a: &[Value], k: Value, name: &str) -> PyResult<bool> {
    let [f] = clinic::unpack(vm, name, &a[1..], k, ["follow_symlinks"], 0, 0, 0)?;
    super::path::bool_arg(vm, f, true)
}

fn de_is_dir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, s) = entry_this(vm, a, "is_dir")?;
    let follow = follow_arg(vm, a, k, "is_dir")?;
    Ok(Value::bool(test_mode(vm, o, s, follow, libc::S_IFDIR)?))
}

fn de_is_file(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, s) = entry_this(vm, a, "is_file")?;
    let follow = follow_arg(vm, a, k, "is_file")?;
    Ok(Value::bool(test_mode(vm, o, s, follow, libc::S_IFREG)?))
}

fn de_is_symlink(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "DirEntry.is_symlink", "is_symlink", a, k, 0, 0)?;
    let (o, s) = entry_this(vm, a, "is_symlink")?;
    let r = match is_symlink(vm, o, s) {
        Ok(r) => r,
        Err(e) if vm.isinstance(e.0, vm.g.exc["FileNotFoundError"]) => false,
        Err(e) => return Err(e),
    };
    Ok(Value::bool(r))
}

fn de_stat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, s) = entry_this(vm, a, "stat")?;
    let follow = follow_arg(vm, a, k, "stat")?;
    entry_stat(vm, o, s, follow)
}

fn no_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = a.first().map_or_else(String::new, |&c| type_name(c));
    Err(vm.type_error(&format!("cannot create '{tn}' instances")))
}

/// Creates the `DirEntry` and `ScandirIterator` classes.
pub(super) fn create_types(vm: &mut Vm) -> (Value, Value) {
    let modname = vm.intern("posix");
    let de = vm.new_static_type("DirEntry", vm.g.types.object, K_MISC, false);
    vm.add_attr(de, "__module__", modname);
    vm.add_static(de, "__new__", no_new, false);
    for (name, get) in [("name", de_name as NativeFn), ("path", de_path)] {
        let p = vm.new_native_getset(de, name, get, None);
        vm.add_attr(de, name, p);
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__fspath__", de_fspath),
        ("__repr__", de_repr),
        ("inode", de_inode),
        ("is_dir", de_is_dir),
        ("is_file", de_is_file),
        ("is_symlink", de_is_symlink),
        ("stat", de_stat),
    ];
    for &(n, f) in methods {
        vm.add_method(de, n, f);
    }
    vm.add_static(
        de,
        "__class_getitem__",
        crate::types::genericalias::class_getitem,
        true,
    );

    let it = vm.new_static_type("ScandirIterator", vm.g.types.object, K_MISC, false);
    vm.add_attr(it, "__module__", modname);
    vm.add_static(it, "__new__", no_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__iter__", it_iter),
        ("__next__", it_next),
        ("close", it_close),
        ("__enter__", it_enter),
        ("__exit__", it_exit),
    ];
    for &(n, f) in methods {
        vm.add_method(it, n, f);
    }
    (de, it)
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[("listdir", listdir), ("scandir", scandir)];
