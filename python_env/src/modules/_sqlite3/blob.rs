//! `sqlite3.Blob` (`Connection.blobopen`, 3.11): incremental I/O on one
//! BLOB value, file-like (`read`, `write`, `seek`, `tell`, `close`, the
//! context manager) and indexable (`len`, items and slices, get and set).
//!
//! The SQLite handle lives in its connection's `blobs` table (so closing
//! the connection closes every blob first, as CPython does); the Python
//! object holds its id, the connection (value slot 1) and an `Arc` of the
//! connection's shared state, through which a collected blob removes its
//! handle. Every operation holds the connection's lock.

use super::connection::{self, ConnShared};
use super::errors::{self, Exc};
use super::types;
use crate::modules::_thread::AcquireIn;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Arc, Mutex};
use proto_core::{Obj, Value};

pub(super) struct BlobState {
    sh: Arc<ConnShared>,
    id: u64,
    /// (offset, closed)
    pos: Mutex<(i32, bool)>,
}

impl Trace for BlobState {}

impl Drop for BlobState {
    fn drop(&mut self) {
        sync::lock(&self.sh.inner).blobs.remove(&self.id);
    }
}

pub(super) fn new_blob(vm: &mut Vm, conn: Value, sh: Arc<ConnShared>, id: u64) -> PyResult<Value> {
    let st = BlobState {
        sh,
        id,
        pos: Mutex::new((0, false)),
    };
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, types().blob, 2, st);
    let o = Obj::from_value(v).expect("blob");
    o.init(0, Value::EMPTY);
    o.init(1, Value::NONE);
    vm.store(o, 1, conn);
    Ok(v)
}

fn blob_of(vm: &mut Vm, v: Value, m: &str) -> PyResult<(Obj, &'static BlobState)> {
    match Obj::from_value(v).and_then(|o| native_ref::<BlobState>(o).map(|s| (o, s))) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{m}' for 'sqlite3.Blob' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// CPython's `check_blob`: connection usable, blob open. Runs `f` with the
/// handle under the connection's lock.
fn with_blob<R>(
    vm: &mut Vm,
    v: Value,
    m: &str,
    f: impl FnOnce(&mut Vm, &super::db::Blob, &'static BlobState) -> PyResult<R>,
) -> PyResult<R> {
    let (o, bs) = blob_of(vm, v, m)?;
    let conn = o.get(1);
    let Some((_, st)) = connection::state(conn) else {
        return Err(errors::closed_db(vm));
    };
    connection::check(vm, st)?;
    let _g = st.sh.lock.acquire(vm);
    connection::check(vm, st)?;
    if sync::lock(&bs.pos).1 {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "Cannot operate on a closed blob.",
        ));
    }
    // The handle is taken out of the table while `f` runs (it may run
    // Python code, e.g. `__index__`), and put back after.
    let Some(h) = sync::lock(&st.sh.inner).blobs.remove(&bs.id) else {
        return Err(errors::exc(
            vm,
            Exc::Programming,
            "Cannot operate on a closed blob.",
        ));
    };
    let r = f(vm, &h, bs);
    let mut g = sync::lock(&st.sh.inner);
    if g.db.is_some() {
        g.blobs.insert(bs.id, h);
    }
    r
}

fn blob_error(vm: &mut Vm, v: Value) -> PyException {
    let conn = Obj::from_value(v).expect("blob").get(1);
    match connection::state(conn).and_then(|(_, st)| sync::lock(&st.sh.inner).db.clone()) {
        Some(db) => connection::sql_error(vm, &db),
        None => errors::closed_db(vm),
    }
}

fn read_at(vm: &mut Vm, v: Value, h: &super::db::Blob, off: i32, n: i32) -> PyResult<Vec<u8>> {
    let mut buf = vec![0u8; n.max(0) as usize];
    if n > 0 && h.read(&mut buf, off) != rusqlite::ffi::SQLITE_OK {
        return Err(blob_error(vm, v));
    }
    Ok(buf)
}

fn write_at(vm: &mut Vm, v: Value, h: &super::db::Blob, off: i32, data: &[u8]) -> PyResult<()> {
    if !data.is_empty() && h.write(data, off) != rusqlite::ffi::SQLITE_OK {
        return Err(blob_error(vm, v));
    }
    Ok(())
}

/// `read(length=-1, /)`.
fn b_read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "read", "read", a, k, 0, 1)?;
    let length = match a.get(1) {
        Some(&l) => crate::args::c_int(vm, l)?,
        None => -1,
    };
    let b = with_blob(vm, a[0], "read", |vm, h, bs| {
        let off = sync::lock(&bs.pos).0;
        let left = h.len() - off;
        let n = if length < 0 || length > left {
            left
        } else {
            length
        };
        let b = read_at(vm, a[0], h, off, n)?;
        sync::lock(&bs.pos).0 = off + n;
        Ok(b)
    })?;
    Ok(vm.new_bytes(&b))
}

fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if !is_str(v) {
        if let Some(b) = crate::types::bytes::buf(v) {
            return Ok(b);
        }
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
}

/// `write(data, /)`.
fn b_write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "write", "write", a, k, 1, 1)?;
    let data = buffer_arg(vm, a[1])?;
    with_blob(vm, a[0], "write", |vm, h, bs| {
        let off = sync::lock(&bs.pos).0;
        if data.len() as i64 > i64::from(h.len() - off) {
            return Err(vm.new_exc(vm.g.e.ValueError, "data longer than blob length"));
        }
        write_at(vm, a[0], h, off, &data)?;
        sync::lock(&bs.pos).0 = off + data.len() as i32;
        Ok(())
    })?;
    Ok(Value::NONE)
}

/// `seek(offset, origin=os.SEEK_SET, /)`.
fn b_seek(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "seek", "seek", a, k, 1, 2)?;
    let offset = crate::args::c_int(vm, a[1])?;
    let origin = match a.get(2) {
        Some(&o) => crate::args::c_int(vm, o)?,
        None => 0,
    };
    with_blob(vm, a[0], "seek", |vm, h, bs| {
        let cur = sync::lock(&bs.pos).0;
        let base = match origin {
            0 => 0,
            1 => cur,
            2 => h.len(),
            _ => {
                return Err(vm.new_exc(
                    vm.g.e.ValueError,
                    "'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END",
                ))
            }
        };
        let Some(new) = base.checked_add(offset) else {
            return Err(vm.new_exc(vm.g.e.OverflowError, "seek offset results in overflow"));
        };
        if new < 0 || new > h.len() {
            return Err(vm.new_exc(vm.g.e.ValueError, "offset out of blob range"));
        }
        sync::lock(&bs.pos).0 = new;
        Ok(())
    })?;
    Ok(Value::NONE)
}

fn b_tell(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::method_positional(vm, "tell", "tell", a, k, 0, 0)?;
    let off = with_blob(vm, a[0], "tell", |_, _, bs| Ok(sync::lock(&bs.pos).0))?;
    Ok(Value::int(i64::from(off)))
}

/// `close()`: idempotent; later use raises ProgrammingError.
fn b_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, bs) = blob_of(vm, a[0], "close")?;
    crate::types::clinic::method_positional(vm, "close", "close", a, k, 0, 0)?;
    if let Some((_, st)) = connection::state(o.get(1)) {
        connection::check(vm, st)?;
        let _g = st.sh.lock.acquire(vm);
        sync::lock(&bs.pos).1 = true;
        sync::lock(&st.sh.inner).blobs.remove(&bs.id);
    }
    Ok(Value::NONE)
}

fn b_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    with_blob(vm, a[0], "__enter__", |_, _, _| Ok(()))?;
    Ok(a[0])
}

fn b_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    with_blob(vm, a[0], "__exit__", |_, _, _| Ok(()))?;
    b_close(vm, &a[..1], Value::EMPTY)?;
    Ok(Value::FALSE)
}

fn b_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = with_blob(vm, a[0], "__len__", |_, h, _| Ok(h.len()))?;
    Ok(Value::int(i64::from(n)))
}

fn is_slice(vm: &Vm, v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.class() == vm.g.types.slice)
}

/// An item index, checked against the length.
fn item_index(vm: &mut Vm, key: Value, len: i32) -> PyResult<i32> {
    let i = crate::args::py_ssize_t(vm, key)?;
    let j = if i < 0 { i + i64::from(len) } else { i };
    if j < 0 || j >= i64::from(len) {
        return Err(vm.exc_by_name("IndexError", "Blob index out of range"));
    }
    Ok(j as i32)
}

fn b_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let key = a[1];
    let slice = is_slice(vm, key);
    if !slice && !vm.is_int_like(key) {
        let n = vm.intern("__index__");
        let t = vm.type_of(key);
        if vm.lookup_type(t, n).is_none() {
            return Err(vm.type_error("Blob indices must be integers"));
        }
    }
    let r = with_blob(vm, a[0], "__getitem__", |vm, h, _| {
        let len = h.len();
        if slice {
            let (start, _stop, step, n) = crate::types::seq::slice_indices(vm, key, len as usize)?;
            if step == 1 {
                return read_at(vm, a[0], h, start as i32, n as i32);
            }
            let all = read_at(vm, a[0], h, 0, len)?;
            let mut out = Vec::with_capacity(n);
            let mut i = start;
            for _ in 0..n {
                out.push(all[i as usize]);
                i += step;
            }
            return Ok(out);
        }
        let i = item_index(vm, key, len)?;
        read_at(vm, a[0], h, i, 1)
    })?;
    if slice {
        Ok(vm.new_bytes(&r))
    } else {
        Ok(Value::int(i64::from(r[0])))
    }
}

fn b_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (key, val) = (a[1], a[2]);
    let slice = is_slice(vm, key);
    if !slice && !vm.is_int_like(key) {
        return Err(vm.type_error("Blob indices must be integers"));
    }
    with_blob(vm, a[0], "__setitem__", |vm, h, _| {
        let len = h.len();
        if slice {
            let data = buffer_arg(vm, val)?;
            let (start, _stop, step, n) = crate::types::seq::slice_indices(vm, key, len as usize)?;
            if data.len() != n {
                return Err(vm.exc_by_name("IndexError", "Blob slice assignment is wrong size"));
            }
            if n == 0 {
                return Ok(());
            }
            if step == 1 {
                return write_at(vm, a[0], h, start as i32, &data);
            }
            let mut all = read_at(vm, a[0], h, 0, len)?;
            let mut i = start;
            for &b in &data {
                all[i as usize] = b;
                i += step;
            }
            return write_at(vm, a[0], h, 0, &all);
        }
        let i = item_index(vm, key, len)?;
        let b = crate::args::py_ssize_t(vm, val)?;
        if !(0..=255).contains(&b) {
            return Err(vm.new_exc(vm.g.e.ValueError, "byte must be in range(0, 256)"));
        }
        write_at(vm, a[0], h, i, &[b as u8])
    })?;
    Ok(Value::NONE)
}

fn b_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    blob_of(vm, a[0], "__delitem__")?;
    Err(vm.type_error("Blob doesn't support item deletion"))
}

fn no_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'sqlite3.Blob' instances"))
}

pub(super) fn init_type(vm: &mut Vm, t: Value) {
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, (type_flags(to) & !TF_BASETYPE) | TF_NODICT);
    vm.add_static(t, "__new__", no_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("read", b_read),
        ("write", b_write),
        ("seek", b_seek),
        ("tell", b_tell),
        ("close", b_close),
        ("__enter__", b_enter),
        ("__exit__", b_exit),
        ("__len__", b_len),
        ("__getitem__", b_getitem),
        ("__setitem__", b_setitem),
        ("__delitem__", b_delitem),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
}
