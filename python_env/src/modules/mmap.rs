//! The `mmap` module (CPython 3.11's `Modules/mmapmodule.c` on Linux):
//! memory-mapped files and anonymous memory, with CPython's methods,
//! constants and error messages.
//!
//! - **State.** An `mmap` object's payload is an `Arc<Shared>`: a mutex
//!   over the current mapping, position and duplicated descriptor, plus the
//!   access mode, offset, flags and protection fixed at creation. Every
//!   method copies bytes in or out under the mutex and allocates Python
//!   objects only after releasing it, so no safepoint (hence no collection)
//!   is ever reached with it held.
//! - **Mappings** are `Arc<Mapping>`; `munmap` runs when the last `Arc`
//!   goes. The object holds one while open; each buffer export holds
//!   another.
//! - **Buffer exports** (`memoryview(m)`) are *export tokens*: hidden
//!   native objects holding the mmap (value slot 0) and an `Arc` of the
//!   mapping. Each memoryview of an mmap refers to a token of its own; the
//!   one `memoryview(m)` made holds an export, given back when the view is
//!   released or the token collected. `close()` and `resize()` with
//!   exports outstanding raise CPython's BufferError, after one
//!   `gc.collect()` (views CPython would already have freed by reference
//!   counting are only found by a collection here). Views derived from a
//!   view (slices, casts) hold no export, only the mapping: a dead
//!   temporary slice can stay reachable from a frame slot, and CPython's
//!   count of it would make `SharedMemory.close()` fail (a deviation: such
//!   a slice, if kept, still reads the old memory after `close()`). Since
//!   a token keeps its mapping until it is
//!   collected, a view's bytes are never unmapped under it, even when
//!   another thread releases the view and closes the map mid-read: a
//!   closed map's memory is unmapped once no token reaches it.
//! - `resize` uses `mremap` when nothing but the object reaches the
//!   mapping; when released but uncollected tokens still hold the old one,
//!   it maps anew (the file again, or fresh anonymous memory with the old
//!   bytes copied) and leaves the old mapping to them. Shared anonymous
//!   memory always grows into a fresh mapping: `mremap` would leave the
//!   new pages past the end of the kernel's shmem object, where an access
//!   is SIGBUS (CPython 3.11 crashes on `mmap(-1, n).resize(2 * n)`
//!   followed by a write past `n`).

use crate::types::clinic;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Arc, AtomicBool, AtomicUsize, Mutex, Ordering};
use proto_core::{Obj, Value};

use super::posix::{cvt, errno, os_error};

const ACCESS_DEFAULT: i32 = 0;
const ACCESS_READ: i32 = 1;
const ACCESS_WRITE: i32 = 2;
const ACCESS_COPY: i32 = 3;

const CLOSED_MSG: &str = "mmap closed or invalid";
const READONLY_MSG: &str = "mmap can't modify a readonly memory map.";

/// One `mmap(2)` region, unmapped when dropped.
struct Mapping {
    ptr: usize,
    len: usize,
}

impl Drop for Mapping {
    fn drop(&mut self) {
        if self.len > 0 {
            // SAFETY: `ptr`/`len` describe a region this value mapped and
            // owns alone; nothing reaches it once the last Arc is gone.
            unsafe { libc::munmap(self.ptr as *mut libc::c_void, self.len) };
        }
    }
}

impl Mapping {
    /// Copies `len` bytes at `off` (in bounds) out.
    fn read(&self, off: usize, len: usize) -> Vec<u8> {
        debug_assert!(off + len <= self.len);
        let mut v = vec![0u8; len];
        // SAFETY: the region is mapped for `self.len` bytes while `self`
        // lives, and `off + len <= self.len` (callers check).
        unsafe { std::ptr::copy((self.ptr + off) as *const u8, v.as_mut_ptr(), len) };
        v
    }

    /// Copies `data` in at `off` (in bounds; the mapping is writable).
    fn write(&self, off: usize, data: &[u8]) {
        debug_assert!(off + data.len() <= self.len);
        // SAFETY: as in `read`; callers check the bounds and that the
        // mapping was made with PROT_WRITE.
        unsafe { std::ptr::copy(data.as_ptr(), (self.ptr + off) as *mut u8, data.len()) };
    }

    /// The mapped bytes. Valid while `self` lives; other processes or
    /// threads may write them concurrently (shared memory).
    fn bytes(&self) -> &[u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: the region is mapped and readable for `len` bytes while
        // `self` lives.
        unsafe { std::slice::from_raw_parts(self.ptr as *const u8, self.len) }
    }
}

struct Inner {
    /// The mapping; None once closed.
    map: Option<Arc<Mapping>>,
    pos: usize,
    /// The duplicated descriptor (-1: anonymous or closed).
    fd: i32,
}

struct Shared {
    inner: Mutex<Inner>,
    /// Outstanding buffer exports (tokens not yet released).
    exports: AtomicUsize,
    access: i32,
    offset: i64,
    flags: i32,
    prot: i32,
}

/// Payload of an `mmap` object.
struct MmapState(Arc<Shared>);

impl Trace for MmapState {}

impl Drop for MmapState {
    fn drop(&mut self) {
        let mut g = sync::lock(&self.0.inner);
        g.map = None;
        if g.fd >= 0 {
            // SAFETY: the descriptor was duplicated for this object, which
            // alone closes it (then sets -1).
            unsafe { libc::close(g.fd) };
            g.fd = -1;
        }
    }
}

/// Payload of a buffer export token (see the module doc).
pub(crate) struct Export {
    shared: Arc<Shared>,
    map: Arc<Mapping>,
    /// Whether a memoryview refers to this token (each view has its own).
    claimed: AtomicBool,
    released: AtomicBool,
    readonly: bool,
}

impl Trace for Export {}

impl Export {
    fn release(&self) {
        if !self.released.swap(true, Ordering::AcqRel) {
            self.shared.exports.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl Drop for Export {
    fn drop(&mut self) {
        self.release();
    }
}

fn export_of(v: Value) -> Option<&'static Export> {
    Obj::from_value(v).and_then(native_ref::<Export>)
}

// ------------------------------------------------------- buffer protocol

/// Is `v` an mmap object?
pub fn is_mmap(v: Value) -> bool {
    Obj::from_value(v)
        .and_then(native_ref::<MmapState>)
        .is_some()
}

/// The length of an open mmap; None if `v` is not an mmap or it is closed.
pub fn open_len(v: Value) -> Option<usize> {
    let s = Obj::from_value(v).and_then(native_ref::<MmapState>)?;
    let g = sync::lock(&s.0.inner);
    g.map.as_ref().map(|m| m.len)
}

/// A copy of `len` bytes at `off` of an open mmap (a reader of a few bytes
/// of a large mapping, `struct.unpack_from`); None if `v` is not an open
/// mmap or the bytes fall outside it.
pub fn read_window(v: Value, off: usize, len: usize) -> Option<Vec<u8>> {
    let s = Obj::from_value(v).and_then(native_ref::<MmapState>)?;
    let g = sync::lock(&s.0.inner);
    let m = g.map.as_ref()?;
    (off.checked_add(len)? <= m.len).then(|| m.read(off, len))
}

/// A copy of an open mmap's bytes (its buffer, for `bytes(m)` and other
/// consumers that copy); None if `v` is not an mmap or it is closed.
pub fn mmap_bytes(v: Value) -> Option<Vec<u8>> {
    let s = Obj::from_value(v).and_then(native_ref::<MmapState>)?;
    let g = sync::lock(&s.0.inner);
    let m = g.map.as_ref()?;
    Some(m.read(0, m.len))
}

/// Is `v` an open mmap that may be written?
pub fn mmap_writable(v: Value) -> bool {
    Obj::from_value(v)
        .and_then(native_ref::<MmapState>)
        .is_some_and(|s| s.0.access != ACCESS_READ && sync::lock(&s.0.inner).map.is_some())
}

/// Writes `data` at `off` of the writable mmap `v`; false if it is not
/// one or the bytes fall outside it.
pub fn mmap_write_at(v: Value, off: usize, data: &[u8]) -> bool {
    let Some(s) = Obj::from_value(v).and_then(native_ref::<MmapState>) else {
        return false;
    };
    if s.0.access == ACCESS_READ {
        return false;
    }
    let g = sync::lock(&s.0.inner);
    match g.map.as_ref() {
        Some(m) if off.checked_add(data.len()).is_some_and(|e| e <= m.len) => {
            m.write(off, data);
            true
        }
        _ => false,
    }
}

/// Exports the buffer of mmap `v` (`memoryview(m)`): a token to store as
/// the view's object, its length, and whether it is read-only. ValueError
/// if the map is closed.
pub fn export(vm: &mut Vm, v: Value) -> PyResult<(Value, usize, bool)> {
    let s = Obj::from_value(v)
        .and_then(native_ref::<MmapState>)
        .expect("an mmap");
    let map = {
        let g = sync::lock(&s.0.inner);
        g.map.as_ref().map(|m| {
            s.0.exports.fetch_add(1, Ordering::AcqRel);
            m.clone()
        })
    };
    let Some(map) = map else {
        return Err(vm.value_error(CLOSED_MSG));
    };
    let len = map.len;
    let readonly = s.0.access == ACCESS_READ;
    let tok = Export {
        shared: s.0.clone(),
        map,
        claimed: AtomicBool::new(false),
        released: AtomicBool::new(false),
        readonly,
    };
    let cls = vm.g.types.object;
    let t = vm.ctx.alloc_native_with_values(K_MISC, cls, 1, tok);
    Obj::from_value(t).expect("token").init(0, v);
    Ok((t, len, readonly))
}

/// Is `v` an export token?
pub fn is_export(v: Value) -> bool {
    export_of(v).is_some()
}

/// The mmap object a token exports (a view's `obj`).
pub fn export_owner(v: Value) -> Value {
    Obj::from_value(v).map_or(Value::NONE, |o| o.get(0))
}

/// The mapped bytes behind token `v` (valid while the token lives).
pub fn export_bytes(v: Value) -> Option<&'static [u8]> {
    export_of(v).map(|e| e.map.bytes())
}

/// Writes `data` at `off` through token `v`; false when out of bounds or
/// read-only.
pub fn export_write(v: Value, off: usize, data: &[u8]) -> bool {
    match export_of(v) {
        Some(e)
            if !e.readonly
                && off
                    .checked_add(data.len())
                    .is_some_and(|end| end <= e.map.len) =>
        {
            e.map.write(off, data);
            true
        }
        _ => false,
    }
}

/// The token a new memoryview of token `v` stores: `v` itself for the
/// first view (the one `memoryview(m)` made), else a new token for the
/// same mapping that counts no export: views derived from a view (slices,
/// casts, `memoryview(view)`) keep the mapping mapped but do not hold up
/// `close()`/`resize()`. CPython counts them until they are freed, which
/// reference counting does at once; here a temporary such as
/// `bytes(shm.buf[:5])` may stay reachable from a dead frame slot until
/// the frame ends, and `SharedMemory.close()` would fail.
pub fn export_for_view(vm: &mut Vm, v: Value) -> Value {
    let Some(e) = export_of(v) else {
        return v;
    };
    if !e.claimed.swap(true, Ordering::AcqRel) {
        return v;
    }
    let tok = Export {
        shared: e.shared.clone(),
        map: e.map.clone(),
        claimed: AtomicBool::new(true),
        released: AtomicBool::new(true),
        readonly: e.readonly,
    };
    let owner = export_owner(v);
    let cls = vm.g.types.object;
    let t = vm.ctx.alloc_native_with_values(K_MISC, cls, 1, tok);
    Obj::from_value(t).expect("token").init(0, owner);
    t
}

/// The view holding token `v` was released: its export is given back.
pub fn export_view_released(v: Value) {
    if let Some(e) = export_of(v) {
        e.release();
    }
}

// ------------------------------------------------------------- helpers

fn this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<&'static Shared> {
    if let Some(s) = a
        .first()
        .and_then(|&v| Obj::from_value(v))
        .and_then(native_ref::<MmapState>)
    {
        return Ok(&s.0);
    }
    let tn = a.first().map_or_else(String::new, |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{what}' for 'mmap.mmap' objects doesn't apply to a '{tn}' object"
    )))
}

/// Runs `f` on the open mapping (ValueError once closed), under the lock.
fn with_map<R>(vm: &mut Vm, s: &Shared, f: impl FnOnce(&Mapping, &mut usize) -> R) -> PyResult<R> {
    let mut g = sync::lock(&s.inner);
    let g = &mut *g;
    match g.map.as_ref() {
        Some(m) => Ok(f(m, &mut g.pos)),
        None => Err(vm.value_error(CLOSED_MSG)),
    }
}

fn check_writable(vm: &mut Vm, s: &Shared) -> PyResult<()> {
    if s.access == ACCESS_READ {
        return Err(vm.type_error(READONLY_MSG));
    }
    Ok(())
}

/// A `y*` argument: the bytes of a bytes-like object.
fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = crate::types::bytes::buf(v) {
        return Ok(b);
    }
    crate::types::memoryview::check_released(vm, v)?;
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
}

/// An optional `Py_ssize_t` (None allowed), `_Py_convert_optional_to_ssize_t`.
fn opt_ssize(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => {
            if !vm.is_int_like(v)
                && vm
                    .lookup_type(vm.type_of(v), vm.g.names.__index__)
                    .is_none()
            {
                let tn = vm.type_name_of(v);
                return Err(
                    vm.type_error(&format!("argument should be integer or None, not '{tn}'"))
                );
            }
            Ok(Some(crate::args::py_ssize_t(vm, v)?))
        }
    }
}

fn run_gc(vm: &mut Vm) -> PyResult<()> {
    let gc = vm.import_module("gc")?;
    vm.call_method(gc, "collect", &[])?;
    Ok(())
}

/// Are buffers still exported? Collects once first, so views that are
/// garbage (CPython would have freed them) give theirs back.
fn exported(vm: &mut Vm, s: &Shared) -> PyResult<bool> {
    if s.exports.load(Ordering::Acquire) == 0 {
        return Ok(false);
    }
    run_gc(vm)?;
    Ok(s.exports.load(Ordering::Acquire) > 0)
}

// ------------------------------------------------------------- creation

/// `mmap(fileno, length, flags=MAP_SHARED, prot=PROT_WRITE|PROT_READ,
/// access=ACCESS_DEFAULT, offset=0)`.
fn mmap_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let [fileno, length, flags, prot, access, offset] = clinic::unpack(
        vm,
        "mmap",
        &a[1..],
        k,
        ["fileno", "length", "flags", "prot", "access", "offset"],
        0,
        2,
        6,
    )?;
    let fd = crate::args::c_int(vm, fileno.expect("required"))?;
    let map_size = crate::args::py_ssize_t(vm, length.expect("required"))?;
    let mut flags = match flags {
        Some(v) => crate::args::c_int(vm, v)?,
        None => libc::MAP_SHARED,
    };
    let mut prot = match prot {
        Some(v) => crate::args::c_int(vm, v)?,
        None => libc::PROT_WRITE | libc::PROT_READ,
    };
    let mut access = match access {
        Some(v) => crate::args::c_int(vm, v)?,
        None => ACCESS_DEFAULT,
    };
    let offset = match offset {
        Some(v) => {
            let i = vm.index(v)?;
            match vm.as_i64(i) {
                Some(x) => x,
                None => {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "Python int too large to convert to C long",
                    ))
                }
            }
        }
        None => 0,
    };
    if map_size < 0 {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "memory mapped length must be positive",
        ));
    }
    if offset < 0 {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "memory mapped offset must be positive",
        ));
    }
    if access != ACCESS_DEFAULT
        && (flags != libc::MAP_SHARED || prot != (libc::PROT_WRITE | libc::PROT_READ))
    {
        return Err(vm.value_error("mmap can't specify both access and flags, prot."));
    }
    match access {
        ACCESS_READ => {
            flags = libc::MAP_SHARED;
            prot = libc::PROT_READ;
        }
        ACCESS_WRITE => {
            flags = libc::MAP_SHARED;
            prot = libc::PROT_READ | libc::PROT_WRITE;
        }
        ACCESS_COPY => {
            flags = libc::MAP_PRIVATE;
            prot = libc::PROT_READ | libc::PROT_WRITE;
        }
        ACCESS_DEFAULT => {
            if prot & libc::PROT_READ != 0 && prot & libc::PROT_WRITE != 0 {
            } else if prot & libc::PROT_WRITE != 0 {
                access = ACCESS_WRITE;
            } else {
                access = ACCESS_READ;
            }
        }
        _ => return Err(vm.value_error("mmap invalid access parameter.")),
    }
    let audit_args = [
        Value::int(i64::from(fd)),
        Value::int(map_size),
        Value::int(i64::from(access)),
        Value::int(offset),
    ];
    vm.audit("mmap.__new__", &audit_args)?;
    let mut map_size = map_size as usize;
    if fd != -1 {
        // SAFETY: `st` is a writable stat buffer; fstat writes only it.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: as above.
        let r = vm.ctx.blocking(|| unsafe { libc::fstat(fd, &mut st) });
        if r == 0 && st.st_mode & libc::S_IFMT == libc::S_IFREG {
            let fsize = st.st_size;
            if map_size == 0 {
                if fsize == 0 {
                    return Err(vm.value_error("cannot mmap an empty file"));
                }
                if offset >= fsize {
                    return Err(vm.value_error("mmap offset is greater than file size"));
                }
                map_size = (fsize - offset) as usize;
            } else if offset > fsize || ((fsize - offset) as u64) < map_size as u64 {
                return Err(vm.value_error("mmap length is greater than file size"));
            }
        }
    }
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("mmap.__new__(X): X is not a type object ({tn})")));
    };
    let nslots = 1 + type_nslots(co);
    let mfd = if fd == -1 {
        flags |= libc::MAP_ANONYMOUS;
        -1
    } else {
        // SAFETY: F_DUPFD_CLOEXEC duplicates the caller's descriptor.
        match cvt(unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) }) {
            Ok(d) => d,
            Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
        }
    };
    let r = vm.ctx.blocking(|| {
        // SAFETY: a fresh mapping chosen by the kernel; no Rust memory is
        // touched.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                map_size,
                prot,
                flags,
                mfd,
                offset as libc::off_t,
            )
        };
        if p == libc::MAP_FAILED {
            Err(errno())
        } else {
            Ok(p as usize)
        }
    });
    let ptr = match r {
        Ok(p) => p,
        Err(e) => {
            if mfd >= 0 {
                // SAFETY: the duplicate is ours and not yet shared.
                unsafe { libc::close(mfd) };
            }
            return Err(os_error(vm, e, Value::EMPTY));
        }
    };
    let shared = Shared {
        inner: Mutex::new(Inner {
            map: Some(Arc::new(Mapping { ptr, len: map_size })),
            pos: 0,
            fd: mfd,
        }),
        exports: AtomicUsize::new(0),
        access,
        offset,
        flags,
        prot,
    };
    Ok(vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, nslots, MmapState(Arc::new(shared))))
}

// ------------------------------------------------------------- methods

fn mmap_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "close")?;
    clinic::method_positional(vm, "close", "close", a, k, 0, 0)?;
    close(vm, s)
}

fn close(vm: &mut Vm, s: &Shared) -> PyResult<Value> {
    if exported(vm, s)? {
        return Err(vm.exc_by_name("BufferError", "cannot close exported pointers exist"));
    }
    let (map, fd) = {
        let mut g = sync::lock(&s.inner);
        if s.exports.load(Ordering::Acquire) > 0 {
            drop(g);
            return Err(vm.exc_by_name("BufferError", "cannot close exported pointers exist"));
        }
        let fd = std::mem::replace(&mut g.fd, -1);
        (g.map.take(), fd)
    };
    if fd >= 0 {
        // SAFETY: the duplicate belongs to this object; the lock took it
        // out, so it is closed once.
        unsafe { libc::close(fd) };
    }
    // Unmaps now unless a (released, uncollected) token still holds it.
    drop(map);
    Ok(Value::NONE)
}

fn mmap_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "closed")?;
    Ok(Value::bool(sync::lock(&s.inner).map.is_none()))
}

fn mmap_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__enter__")?;
    with_map(vm, s, |_, _| ())?;
    Ok(a[0])
}

fn mmap_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__exit__")?;
    close(vm, s)
}

fn mmap_read_byte(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "read_byte")?;
    clinic::method_positional(vm, "read_byte", "read_byte", a, k, 0, 0)?;
    let r = with_map(vm, s, |m, pos| {
        if *pos >= m.len {
            None
        } else {
            let b = m.read(*pos, 1)[0];
            *pos += 1;
            Some(b)
        }
    })?;
    match r {
        Some(b) => Ok(Value::int(i64::from(b))),
        None => Err(vm.value_error("read byte out of range")),
    }
}

fn mmap_readline(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "readline")?;
    clinic::method_positional(vm, "readline", "readline", a, k, 0, 0)?;
    let b = with_map(vm, s, |m, pos| {
        let start = (*pos).min(m.len);
        let rest = &m.bytes()[start..];
        let n = rest
            .iter()
            .position(|&c| c == b'\n')
            .map_or(rest.len(), |i| i + 1);
        let out = m.read(start, n);
        *pos = start + n;
        out
    })?;
    Ok(vm.new_bytes(&b))
}

fn mmap_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "read")?;
    clinic::method_varargs(vm, "mmap", "read", a, k, 0, 1)?;
    let n = opt_ssize(vm, a.get(1).copied())?;
    let b = with_map(vm, s, |m, pos| {
        let remaining = m.len.saturating_sub(*pos);
        let n = match n {
            Some(n) if n >= 0 && (n as u64) <= remaining as u64 => n as usize,
            _ => remaining,
        };
        let start = (*pos).min(m.len);
        let out = m.read(start, n);
        *pos += n;
        out
    })?;
    Ok(vm.new_bytes(&b))
}

/// `find`/`rfind(sub[, start[, end]])`.
fn gfind(vm: &mut Vm, a: &[Value], k: Value, reverse: bool) -> PyResult<Value> {
    let name = if reverse { "rfind" } else { "find" };
    let s = this(vm, a, name)?;
    clinic::method_varargs(vm, "mmap", name, a, k, 1, 3)?;
    let sub = buffer_arg(vm, a[1])?;
    let start = match a.get(2) {
        Some(&v) => Some(crate::args::py_ssize_t(vm, v)?),
        None => None,
    };
    let end = match a.get(3) {
        Some(&v) => Some(crate::args::py_ssize_t(vm, v)?),
        None => None,
    };
    let r = with_map(vm, s, |m, pos| {
        let size = m.len as i64;
        let clamp = |x: i64| {
            let x = if x < 0 { x + size } else { x };
            x.clamp(0, size)
        };
        let start = clamp(start.unwrap_or(*pos as i64));
        let end = clamp(end.unwrap_or(size));
        if end < start {
            return -1;
        }
        let hay = &m.bytes()[start as usize..end as usize];
        let found = if reverse {
            engine::runtime::ops::rfind_sub(hay, &sub)
        } else {
            engine::runtime::ops::find_sub(hay, &sub)
        };
        found.map_or(-1, |i| start + i as i64)
    })?;
    Ok(Value::int(r))
}

fn mmap_find(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    gfind(vm, a, k, false)
}

fn mmap_rfind(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    gfind(vm, a, k, true)
}

fn mmap_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "write")?;
    clinic::method_varargs(vm, "mmap", "write", a, k, 1, 1)?;
    let data = buffer_arg(vm, a[1])?;
    with_map(vm, s, |_, _| ())?;
    check_writable(vm, s)?;
    let ok = with_map(vm, s, |m, pos| {
        if *pos > m.len || m.len - *pos < data.len() {
            false
        } else {
            m.write(*pos, &data);
            *pos += data.len();
            true
        }
    })?;
    if !ok {
        return Err(vm.value_error("data out of range"));
    }
    Ok(vm.new_int(data.len() as i64))
}

/// The `b` format: an unsigned char.
fn byte_arg(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let x = crate::args::c_long(vm, v)?;
    if x < 0 {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "unsigned byte integer is less than minimum",
        ));
    }
    if x > 255 {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "unsigned byte integer is greater than maximum",
        ));
    }
    Ok(x as u8)
}

fn mmap_write_byte(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "write_byte")?;
    clinic::method_varargs(vm, "mmap", "write_byte", a, k, 1, 1)?;
    let b = byte_arg(vm, a[1])?;
    with_map(vm, s, |_, _| ())?;
    check_writable(vm, s)?;
    let ok = with_map(vm, s, |m, pos| {
        if *pos < m.len {
            m.write(*pos, &[b]);
            *pos += 1;
            true
        } else {
            false
        }
    })?;
    if !ok {
        return Err(vm.value_error("write byte out of range"));
    }
    Ok(Value::NONE)
}

fn mmap_size(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "size")?;
    clinic::method_positional(vm, "size", "size", a, k, 0, 0)?;
    let (len, fd) = with_map(vm, s, |m, _| m.len).map(|len| (len, sync::lock(&s.inner).fd))?;
    // CPython 3.11 asks fstat even for anonymous memory (fd -1), which
    // fails with EBADF.
    let _ = len;
    // SAFETY: `st` is a writable stat buffer.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::fstat(fd, &mut st) } < 0 {
        return Err(os_error(vm, errno(), Value::EMPTY));
    }
    Ok(vm.new_int(st.st_size))
}

fn mmap_tell(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "tell")?;
    clinic::method_positional(vm, "tell", "tell", a, k, 0, 0)?;
    let p = with_map(vm, s, |_, pos| *pos)?;
    Ok(vm.new_int(p as i64))
}

fn mmap_seek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "seek")?;
    clinic::method_varargs(vm, "mmap", "seek", a, k, 1, 2)?;
    let dist = crate::args::py_ssize_t(vm, a[1])?;
    let how = match a.get(2) {
        Some(&v) => crate::args::c_int(vm, v)?,
        None => 0,
    };
    let r = with_map(vm, s, |m, pos| {
        let base = match how {
            0 => 0i64,
            1 => *pos as i64,
            2 => m.len as i64,
            _ => return Err("unknown seek type"),
        };
        let w = base.checked_add(dist).ok_or("seek out of range")?;
        if w > m.len as i64 || w < 0 {
            return Err("seek out of range");
        }
        *pos = w as usize;
        Ok(())
    })?;
    match r {
        Ok(()) => Ok(Value::NONE),
        Err(msg) => Err(vm.value_error(msg)),
    }
}

fn mmap_flush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "flush")?;
    clinic::method_varargs(vm, "mmap", "flush", a, k, 0, 2)?;
    let offset = match a.get(1) {
        Some(&v) => crate::args::py_ssize_t(vm, v)?,
        None => 0,
    };
    let size = match a.get(2) {
        Some(&v) => Some(crate::args::py_ssize_t(vm, v)?),
        None => None,
    };
    let len = with_map(vm, s, |m, _| m.len as i64)?;
    let size = size.unwrap_or(len - offset);
    if size < 0 || offset < 0 || len - offset < size {
        return Err(vm.value_error("flush values out of range"));
    }
    if s.access == ACCESS_READ || s.access == ACCESS_COPY {
        return Ok(Value::NONE);
    }
    let map = sync::lock(&s.inner).map.clone();
    let Some(map) = map else {
        return Err(vm.value_error(CLOSED_MSG));
    };
    let r = vm.ctx.blocking(|| {
        // SAFETY: the range lies inside the mapping, which `map` keeps
        // mapped for the call.
        cvt(unsafe {
            libc::msync(
                (map.ptr + offset as usize) as *mut libc::c_void,
                size as usize,
                libc::MS_SYNC,
            )
        })
    });
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

fn mmap_move(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "move")?;
    clinic::method_varargs(vm, "mmap", "move", a, k, 3, 3)?;
    let dest = crate::args::py_ssize_t(vm, a[1])?;
    let src = crate::args::py_ssize_t(vm, a[2])?;
    let cnt = crate::args::py_ssize_t(vm, a[3])?;
    with_map(vm, s, |_, _| ())?;
    check_writable(vm, s)?;
    let ok = with_map(vm, s, |m, _| {
        let size = m.len as i64;
        if dest < 0 || src < 0 || cnt < 0 || size - dest < cnt || size - src < cnt {
            return false;
        }
        // SAFETY: both ranges lie inside the mapping (checked above);
        // `copy` allows overlap.
        unsafe {
            std::ptr::copy(
                (m.ptr + src as usize) as *const u8,
                (m.ptr + dest as usize) as *mut u8,
                cnt as usize,
            )
        };
        true
    })?;
    if !ok {
        return Err(vm.value_error("source, destination, or count out of range"));
    }
    Ok(Value::NONE)
}

fn mmap_madvise(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "madvise")?;
    clinic::method_varargs(vm, "mmap", "madvise", a, k, 1, 3)?;
    let option = crate::args::c_int(vm, a[1])?;
    let start = match a.get(2) {
        Some(&v) => crate::args::py_ssize_t(vm, v)?,
        None => 0,
    };
    let len_arg = match a.get(3) {
        Some(&v) => Some(crate::args::py_ssize_t(vm, v)?),
        None => None,
    };
    let map = {
        let g = sync::lock(&s.inner);
        g.map.clone()
    };
    let Some(map) = map else {
        return Err(vm.value_error(CLOSED_MSG));
    };
    let size = map.len as i64;
    let mut length = len_arg.unwrap_or(size);
    if start < 0 || start >= size {
        return Err(vm.value_error("madvise start out of bounds"));
    }
    if length < 0 {
        return Err(vm.value_error("madvise length invalid"));
    }
    if i64::MAX - start < length {
        return Err(vm.new_exc(vm.g.e.OverflowError, "madvise length too large"));
    }
    if start + length > size {
        length = size - start;
    }
    // SAFETY: the range lies inside the mapping, which `map` keeps mapped.
    let r = cvt(unsafe {
        libc::madvise(
            (map.ptr + start as usize) as *mut libc::c_void,
            length as usize,
            option,
        )
    });
    match r {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

fn mmap_resize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "resize")?;
    clinic::method_varargs(vm, "mmap", "resize", a, k, 1, 1)?;
    let new_size = crate::args::py_ssize_t(vm, a[1])?;
    with_map(vm, s, |_, _| ())?;
    if exported(vm, s)? {
        return Err(vm.exc_by_name(
            "BufferError",
            "mmap can't resize with extant buffers exported.",
        ));
    }
    if s.access != ACCESS_WRITE && s.access != ACCESS_DEFAULT {
        return Err(vm.type_error("mmap can't resize a readonly or copy-on-write memory map."));
    }
    if new_size < 0 || i64::MAX - new_size < s.offset {
        return Err(vm.value_error("new size out of range"));
    }
    let mut g = sync::lock(&s.inner);
    if s.exports.load(Ordering::Acquire) > 0 {
        drop(g);
        return Err(vm.exc_by_name(
            "BufferError",
            "mmap can't resize with extant buffers exported.",
        ));
    }
    let Some(old) = g.map.take() else {
        drop(g);
        return Err(vm.value_error(CLOSED_MSG));
    };
    let fd = g.fd;
    let new_len = new_size as usize;
    if fd != -1 {
        // SAFETY: ftruncate on our own duplicate descriptor.
        if unsafe { libc::ftruncate(fd, (s.offset + new_size) as libc::off_t) } < 0 {
            let e = errno();
            g.map = Some(old);
            drop(g);
            return Err(os_error(vm, e, Value::EMPTY));
        }
    }
    // Growing shared anonymous memory with mremap leaves the new pages
    // past the end of its shmem object: touching them is SIGBUS (CPython
    // crashes so). Such a map grows into fresh memory instead.
    let grow_shared_anon = fd == -1 && s.flags & libc::MAP_SHARED != 0 && new_len > old.len;
    let old = if grow_shared_anon {
        Err(old)
    } else {
        Arc::try_unwrap(old)
    };
    let result = match old {
        // Nothing else reaches the mapping: move it with mremap.
        Ok(mut m) => {
            // SAFETY: `m` owns the region; on success the old address is
            // no longer mapped and `m` takes the new one.
            let p = unsafe {
                libc::mremap(
                    m.ptr as *mut libc::c_void,
                    m.len,
                    new_len,
                    libc::MREMAP_MAYMOVE,
                )
            };
            if p == libc::MAP_FAILED {
                let e = errno();
                g.map = Some(Arc::new(m));
                Err(e)
            } else {
                m.ptr = p as usize;
                m.len = new_len;
                g.map = Some(Arc::new(m));
                Ok(())
            }
        }
        // Released but uncollected tokens still read the old mapping (or
        // shared anonymous memory grows): map anew and leave the old one
        // to the tokens.
        Err(old) => {
            let flags = s.flags;
            // SAFETY: a fresh mapping chosen by the kernel.
            let p = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    new_len,
                    s.prot,
                    flags,
                    fd,
                    s.offset as libc::off_t,
                )
            };
            if p == libc::MAP_FAILED {
                let e = errno();
                g.map = Some(old);
                Err(e)
            } else {
                let m = Mapping {
                    ptr: p as usize,
                    len: new_len,
                };
                if fd == -1 {
                    let n = old.len.min(new_len);
                    m.write(0, &old.bytes()[..n]);
                }
                g.map = Some(Arc::new(m));
                Ok(())
            }
        }
    };
    drop(g);
    match result {
        Ok(()) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

// ------------------------------------------------------------- sequence

fn mmap_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__len__")?;
    let n = with_map(vm, s, |m, _| m.len)?;
    Ok(vm.new_int(n as i64))
}

fn is_index(vm: &Vm, k: Value) -> bool {
    vm.is_int_like(k)
        || vm
            .lookup_type(vm.type_of(k), vm.g.names.__index__)
            .is_some()
}

fn index_of(vm: &mut Vm, k: Value, len: usize) -> PyResult<usize> {
    let i = vm.number_as_ssize_t(k, vm.g.e.IndexError)?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.new_exc(vm.g.e.IndexError, "mmap index out of range"));
    }
    Ok(j as usize)
}

fn current_len(vm: &mut Vm, s: &Shared) -> PyResult<usize> {
    with_map(vm, s, |m, _| m.len)
}

fn mmap_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__getitem__")?;
    let len = current_len(vm, s)?;
    let key = a[1];
    if crate::types::seq::is_slice(key) {
        let (start, _e, step, count) = crate::types::seq::slice_indices(vm, key, len)?;
        let b = with_map(vm, s, |m, _| {
            if step == 1 {
                let st = start as usize;
                let n = count.min(m.len.saturating_sub(st));
                m.read(st.min(m.len), n)
            } else {
                let bytes = m.bytes();
                (0..count)
                    .filter_map(|i| bytes.get((start + i as isize * step) as usize).copied())
                    .collect()
            }
        })?;
        return Ok(vm.new_bytes(&b));
    }
    if !is_index(vm, key) {
        return Err(vm.type_error("mmap indices must be integers"));
    }
    let i = index_of(vm, key, len)?;
    let b = with_map(vm, s, |m, _| m.bytes().get(i).copied())?;
    match b {
        Some(b) => Ok(Value::int(i64::from(b))),
        None => Err(vm.new_exc(vm.g.e.IndexError, "mmap index out of range")),
    }
}

fn mmap_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__setitem__")?;
    let len = current_len(vm, s)?;
    check_writable(vm, s)?;
    let (key, value) = (a[1], a[2]);
    if crate::types::seq::is_slice(key) {
        let (start, _e, step, count) = crate::types::seq::slice_indices(vm, key, len)?;
        let data = buffer_arg(vm, value)?;
        if data.len() != count {
            return Err(vm.new_exc(vm.g.e.IndexError, "mmap slice assignment is wrong size"));
        }
        let ok = with_map(vm, s, |m, _| {
            let positions: Vec<usize> = (0..count)
                .map(|i| (start + i as isize * step) as usize)
                .collect();
            if positions.iter().any(|&p| p >= m.len) {
                return false;
            }
            if step == 1 && count > 0 {
                m.write(positions[0], &data);
            } else {
                for (p, b) in positions.into_iter().zip(&data) {
                    m.write(p, std::slice::from_ref(b));
                }
            }
            true
        })?;
        if !ok {
            return Err(vm.new_exc(vm.g.e.IndexError, "mmap index out of range"));
        }
        return Ok(Value::NONE);
    }
    if !is_index(vm, key) {
        return Err(vm.type_error("mmap indices must be integer"));
    }
    let i = index_of(vm, key, len)?;
    if !is_index(vm, value) {
        return Err(vm.type_error("mmap item value must be an int"));
    }
    let v = crate::args::py_ssize_t(vm, value)?;
    if !(0..=255).contains(&v) {
        return Err(vm.value_error("mmap item value must be in range(0, 256)"));
    }
    let ok = with_map(vm, s, |m, _| {
        if i < m.len {
            m.write(i, &[v as u8]);
            true
        } else {
            false
        }
    })?;
    if !ok {
        return Err(vm.new_exc(vm.g.e.IndexError, "mmap index out of range"));
    }
    Ok(Value::NONE)
}

fn mmap_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__delitem__")?;
    current_len(vm, s)?;
    check_writable(vm, s)?;
    Err(vm.type_error("mmap doesn't support item deletion"))
}

/// Iteration yields one-byte bytes objects (CPython's `sq_item`), over a
/// copy of the bytes taken when iteration starts.
fn mmap_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__iter__")?;
    let b = with_map(vm, s, |m, _| m.read(0, m.len))?;
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for &c in &b {
        let x = vm.new_bytes(&[c]);
        vm.list_append(l, x);
    }
    let it = vm.iter(l);
    vm.pop_roots(mark);
    it
}

fn mmap_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__repr__")?;
    // CPython prints `tp_name`: "mmap.mmap", or a subclass's own name.
    let cls = vm.type_of(a[0]);
    let name = type_name(cls);
    let tp_name = if name == "mmap" && str_of(vm.getattr(cls, vm.g.names.__module__)?) == "mmap" {
        "mmap.mmap".to_string()
    } else {
        name
    };
    let (len, pos) = {
        let g = sync::lock(&s.inner);
        (g.map.as_ref().map(|m| m.len), g.pos)
    };
    let text = match len {
        None => format!("<{tp_name} closed=True>"),
        Some(len) => {
            let access = match s.access {
                ACCESS_READ => "ACCESS_READ",
                ACCESS_WRITE => "ACCESS_WRITE",
                ACCESS_COPY => "ACCESS_COPY",
                _ => "ACCESS_DEFAULT",
            };
            format!(
                "<{tp_name} closed=False, access={access}, length={len}, pos={pos}, offset={}>",
                s.offset
            )
        }
    };
    Ok(vm.new_str(&text))
}

fn mmap_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__sizeof__")?;
    Ok(vm.new_int(64))
}

fn no_pickle(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__reduce__")?;
    Err(vm.type_error("cannot pickle 'mmap.mmap' object"))
}

// ------------------------------------------------------------- module

fn int_constants() -> Vec<(&'static str, i64)> {
    use libc::*;
    // SAFETY: sysconf has no memory effects.
    let page = i64::from(unsafe { sysconf(_SC_PAGESIZE) } as i32);
    vec![
        ("PROT_EXEC", PROT_EXEC.into()),
        ("PROT_READ", PROT_READ.into()),
        ("PROT_WRITE", PROT_WRITE.into()),
        ("MAP_SHARED", MAP_SHARED.into()),
        ("MAP_PRIVATE", MAP_PRIVATE.into()),
        ("MAP_DENYWRITE", MAP_DENYWRITE.into()),
        ("MAP_EXECUTABLE", MAP_EXECUTABLE.into()),
        ("MAP_ANON", MAP_ANONYMOUS.into()),
        ("MAP_ANONYMOUS", MAP_ANONYMOUS.into()),
        ("MAP_POPULATE", MAP_POPULATE.into()),
        ("MAP_STACK", MAP_STACK.into()),
        ("PAGESIZE", page),
        ("ALLOCATIONGRANULARITY", page),
        ("ACCESS_DEFAULT", ACCESS_DEFAULT.into()),
        ("ACCESS_READ", ACCESS_READ.into()),
        ("ACCESS_WRITE", ACCESS_WRITE.into()),
        ("ACCESS_COPY", ACCESS_COPY.into()),
        ("MADV_NORMAL", MADV_NORMAL.into()),
        ("MADV_RANDOM", MADV_RANDOM.into()),
        ("MADV_SEQUENTIAL", MADV_SEQUENTIAL.into()),
        ("MADV_WILLNEED", MADV_WILLNEED.into()),
        ("MADV_DONTNEED", MADV_DONTNEED.into()),
        ("MADV_REMOVE", MADV_REMOVE.into()),
        ("MADV_DONTFORK", MADV_DONTFORK.into()),
        ("MADV_DOFORK", MADV_DOFORK.into()),
        ("MADV_HWPOISON", MADV_HWPOISON.into()),
        ("MADV_MERGEABLE", MADV_MERGEABLE.into()),
        ("MADV_UNMERGEABLE", MADV_UNMERGEABLE.into()),
        ("MADV_HUGEPAGE", MADV_HUGEPAGE.into()),
        ("MADV_NOHUGEPAGE", MADV_NOHUGEPAGE.into()),
        ("MADV_DONTDUMP", MADV_DONTDUMP.into()),
        ("MADV_DODUMP", MADV_DODUMP.into()),
        ("MADV_FREE", MADV_FREE.into()),
    ]
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("mmap");
    let mark = vm.push_root(m);
    let modname = vm.intern("mmap");
    let t = vm.new_static_type("mmap", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(
        "Windows: mmap(fileno, length[, tagname[, access[, offset]]])\n\n\
Maps length bytes from the file specified by the file handle fileno,\n\
and returns a mmap object.  If length is larger than the current size\n\
of the file, the file is extended to contain length bytes.  If length\n\
is 0, the maximum length of the map is the current size of the file,\n\
except that if the file is empty Windows raises an exception (you cannot\n\
create an empty mapping on Windows).\n\n\
Unix: mmap(fileno, length[, flags[, prot[, access[, offset]]]])\n\n\
Maps length bytes from the file specified by the file descriptor fileno,\n\
and returns a mmap object.  If length is 0, the maximum length of the map\n\
will be the current size of the file when mmap is called.\n\
flags specifies the nature of the mapping. MAP_PRIVATE creates a\n\
private copy-on-write mapping, so changes to the contents of the mmap\n\
object will be private to this process, and MAP_SHARED creates a mapping\n\
that's shared with all other processes mapping the same areas of the file.\n\
The default value is MAP_SHARED.\n\n\
To map anonymous memory, pass -1 as the fileno (both versions).",
    );
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", mmap_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("close", mmap_close),
        ("find", mmap_find),
        ("rfind", mmap_rfind),
        ("flush", mmap_flush),
        ("madvise", mmap_madvise),
        ("move", mmap_move),
        ("read", mmap_read),
        ("read_byte", mmap_read_byte),
        ("readline", mmap_readline),
        ("resize", mmap_resize),
        ("seek", mmap_seek),
        ("size", mmap_size),
        ("tell", mmap_tell),
        ("write", mmap_write),
        ("write_byte", mmap_write_byte),
        ("__enter__", mmap_enter),
        ("__exit__", mmap_exit),
        ("__len__", mmap_len),
        ("__getitem__", mmap_getitem),
        ("__setitem__", mmap_setitem),
        ("__delitem__", mmap_delitem),
        ("__iter__", mmap_iter),
        ("__repr__", mmap_repr),
        ("__sizeof__", mmap_sizeof),
        ("__reduce__", no_pickle),
        ("__reduce_ex__", no_pickle),
    ];
    for &(name, f) in methods {
        vm.add_method(t, name, f);
    }
    let p = vm.new_native_getset(t, "closed", mmap_closed, None);
    vm.add_attr(t, "closed", p);
    vm.set_module_attr(m, "mmap", t);
    let os_error = vm.g.e.OSError;
    vm.set_module_attr(m, "error", os_error);
    for (name, v) in int_constants() {
        let v = vm.new_int(v);
        vm.set_module_attr(m, name, v);
    }
    vm.pop_roots(mark);
    Ok(m)
}
