//! `memoryview`: views of bytes, bytearray, array and mmap buffers.
//!
//! Layout (`K_MEMORYVIEW`): values `[obj, format str, inner shape]`; raw
//! words `[start byte offset, step in bytes, number of items, itemsize,
//! flags, cached hash, ndim]`.
//! The view reads its exporter's *current* storage on every access (a
//! bytearray replaces its storage object on mutation), so views always see
//! writes made through the bytearray and vice versa.
//!
//! Dimensions: the geometry words describe the first dimension (`shape[0]`
//! rows of `step` bytes apart, from `start`); the inner shape (a tuple of
//! `shape[1:]`, None when `ndim <= 1`) is always C-contiguous, so each row
//! is `itemsize * product(shape[1:])` contiguous bytes. Multi-dimensional
//! views come from `cast(fmt, shape)` of a C-contiguous view; slicing keeps
//! them in this form (CPython slices the first dimension only). A 0-dim
//! view has one item (`len` 1, `step` the itemsize).

use super::bytes::{buf, is_ba};
use crate::args::Args;
use engine::runtime::*;
use proto_core::layouts::{get_raw, set_raw};
use proto_core::{Kind, Obj, Value};

const R_START: usize = 0;
const R_STEP: usize = 1;
const R_LEN: usize = 2;
const R_ITEMSIZE: usize = 3;
const R_FLAGS: usize = 4;
const R_HASH: usize = 5;
const R_NDIM: usize = 6;
/// CPython's `PyBUF_MAX_NDIM`.
const MAX_NDIM: usize = 64;
const F_RELEASED: u64 = 1;
const F_READONLY: u64 = 2;
/// R_HASH holds the hash, computed once: like CPython's cache, it answers
/// `hash()` even after the view is released.
const F_HASHED: u64 = 4;

/// Is `v` a memoryview?
pub fn is_mv(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_MEMORYVIEW)
}

/// The current bytes of a view's exporter.
fn base(o: Obj) -> &'static [u8] {
    let x = o.get(0);
    if let Some(b) = crate::modules::mmap::export_bytes(x) {
        return b;
    }
    if crate::modules::_ctypes::is_cdata(x) {
        return crate::modules::_ctypes::cdata_slice(x).unwrap_or(&[]);
    }
    let x = crate::modules::array::array_storage(x).unwrap_or(x);
    match Obj::from_value(x) {
        Some(b) if b.kind() == K_BYTEARRAY => engine::runtime::owned_bytes::ba_bytes(b),
        _ => str_bytes(x),
    }
}

/// The bytes a view covers (its `tobytes()`), or None if released.
pub fn view_bytes(v: Value) -> Option<Vec<u8>> {
    let o = Obj::from_value(v)?;
    if get_raw(o, R_FLAGS) & F_RELEASED != 0 {
        return None;
    }
    let b = base(o);
    if let Some(src) = contiguous_span(o).and_then(|r| b.get(r)) {
        // Contiguous: one copy of the covered range.
        return Some(src.to_vec());
    }
    let (start, step, n, _) = geom(o);
    let isz = row(o);
    let mut out = Vec::with_capacity(n * isz);
    for i in 0..n {
        let p = (start + i as i64 * step) as usize;
        out.extend_from_slice(b.get(p..p + isz).unwrap_or(&[]));
    }
    Some(out)
}

/// The bytes a contiguous, unreleased view of a bytes object or a
/// bytearray covers, in place, with the object holding them (as
/// [`super::bytes::held_bytes`]: the caller roots it while it reads the
/// slice). None for any other view.
pub fn held_view_bytes(v: Value) -> Option<(Value, &'static [u8])> {
    let o = Obj::from_value(v).filter(|o| o.kind() == K_MEMORYVIEW)?;
    if get_raw(o, R_FLAGS) & F_RELEASED != 0 {
        return None;
    }
    let x = o.get(0);
    if !Obj::from_value(x).is_some_and(|b| matches!(b.kind(), Kind::BYTES | K_BYTEARRAY)) {
        return None;
    }
    let (holder, all) = super::bytes::held_bytes(x)?;
    Some((holder, all.get(contiguous_span(o)?)?))
}

/// The bytes a contiguous, unreleased view of a `bytes` object covers,
/// borrowed from that object: it never changes, the view keeps it alive and
/// the heap never moves it, so a native call that keeps the view rooted may
/// read them in place. None for any other view.
pub fn view_of_bytes(v: Value) -> Option<&'static [u8]> {
    // A bytes object holds its own bytes (a bytearray's are held by its
    // buffer).
    let (holder, b) = held_view_bytes(v)?;
    Obj::from_value(holder)
        .is_some_and(|h| h.kind() == Kind::BYTES)
        .then_some(b)
}

/// For a contiguous, unreleased view of an mmap: the mapped bytes it
/// covers, which stay at their address while the view (and so its export
/// token) lives. None for any other view.
pub fn mmap_view_bytes(v: Value) -> Option<&'static [u8]> {
    let o = Obj::from_value(v).filter(|o| o.kind() == K_MEMORYVIEW)?;
    if get_raw(o, R_FLAGS) & F_RELEASED != 0 {
        return None;
    }
    let all = crate::modules::mmap::export_bytes(o.get(0))?;
    all.get(contiguous_span(o)?)
}

/// The byte range of its exporter a view covers, when its rows lie one
/// after another from a non-negative start.
fn contiguous_span(o: Obj) -> Option<std::ops::Range<usize>> {
    let (start, step, n, _) = geom(o);
    let isz = row(o);
    if step != isz as i64 || start < 0 {
        return None;
    }
    let from = start as usize;
    Some(from..from + n * isz)
}

fn geom(o: Obj) -> (i64, i64, usize, usize) {
    (
        get_raw(o, R_START) as i64,
        get_raw(o, R_STEP) as i64,
        get_raw(o, R_LEN) as usize,
        get_raw(o, R_ITEMSIZE) as usize,
    )
}

/// The view's dimensions after the first (empty when `ndim <= 1`).
fn inner(o: Obj) -> Vec<usize> {
    match Obj::from_value(o.get(2)) {
        Some(t) if t.kind() == Kind::TUPLE => (0..t.n_values())
            .map(|i| t.get(i).as_int().unwrap_or(0) as usize)
            .collect(),
        _ => Vec::new(),
    }
}

fn ndim(o: Obj) -> usize {
    get_raw(o, R_NDIM) as usize
}

/// The bytes of one row (one item of the first dimension).
fn row(o: Obj) -> usize {
    get_raw(o, R_ITEMSIZE) as usize * inner(o).iter().product::<usize>()
}

/// The view's shape.
fn shape_of(o: Obj) -> Vec<usize> {
    if ndim(o) == 0 {
        return Vec::new();
    }
    let mut s = vec![get_raw(o, R_LEN) as usize];
    s.extend(inner(o));
    s
}

/// The view's strides.
fn strides_of(o: Obj) -> Vec<i64> {
    let sh = shape_of(o);
    let mut st = vec![0i64; sh.len()];
    let mut acc = get_raw(o, R_ITEMSIZE) as i64;
    for i in (1..sh.len()).rev() {
        st[i] = acc;
        acc *= sh[i] as i64;
    }
    if !st.is_empty() {
        st[0] = get_raw(o, R_STEP) as i64;
    }
    st
}

/// CPython's C- (`fortran` false) or Fortran-contiguity test.
fn contiguous_in(o: Obj, fortran: bool) -> bool {
    let sh = shape_of(o);
    if sh.contains(&0) {
        return true;
    }
    let st = strides_of(o);
    let mut sd = get_raw(o, R_ITEMSIZE) as i64;
    let order: Vec<usize> = if fortran {
        (0..sh.len()).collect()
    } else {
        (0..sh.len()).rev().collect()
    };
    for i in order {
        if sh[i] > 1 && st[i] != sd {
            return false;
        }
        sd *= sh[i] as i64;
    }
    true
}

/// The byte offsets of all items, in C order.
fn item_offsets(o: Obj) -> Vec<usize> {
    let (start, step, n, isz) = geom(o);
    let per = inner(o).iter().product::<usize>();
    let mut out = Vec::with_capacity(n * per);
    for i in 0..n {
        let p = start + i as i64 * step;
        for j in 0..per {
            out.push((p + (j * isz) as i64) as usize);
        }
    }
    out
}

fn fmt_of(o: Obj) -> String {
    str_of(o.get(1)).into_owned()
}

fn item_size(f: &str) -> Option<usize> {
    Some(match f {
        "B" | "b" | "c" | "?" => 1,
        "H" | "h" => 2,
        "I" | "i" | "f" => 4,
        "L" | "l" | "Q" | "q" | "N" | "n" | "P" | "d" => 8,
        _ => return None,
    })
}

fn alloc_view(
    vm: &mut Vm,
    cls: Value,
    obj: Value,
    fmt: Value,
    g: (i64, i64, usize, usize),
    flags: u64,
) -> Value {
    alloc_view_nd(vm, cls, obj, fmt, g, flags, (1, Value::NONE))
}

/// A view of `ndim` dimensions, the ones after the first being `dims.1`
/// (a tuple, None when `ndim <= 1`).
fn alloc_view_nd(
    vm: &mut Vm,
    cls: Value,
    obj: Value,
    fmt: Value,
    g: (i64, i64, usize, usize),
    flags: u64,
    dims: (usize, Value),
) -> Value {
    let mark = vm.push_root(fmt);
    vm.push_root(dims.1);
    // A view of an mmap holds its own export until released or collected
    // (see `mmap`).
    let obj = crate::modules::mmap::export_for_view(vm, obj);
    vm.push_root(obj);
    let o = vm.alloc_obj(K_MEMORYVIEW, cls, 3, 7 * 8);
    vm.pop_roots(mark);
    o.init(0, obj);
    o.init(1, fmt);
    o.init(2, dims.1);
    set_raw(o, R_NDIM, dims.0 as u64);
    set_raw(o, R_START, g.0 as u64);
    set_raw(o, R_STEP, g.1 as u64);
    set_raw(o, R_LEN, g.2 as u64);
    set_raw(o, R_ITEMSIZE, g.3 as u64);
    // A new view computes its own hash.
    set_raw(o, R_FLAGS, flags & !F_HASHED);
    o.value()
}

/// Fails with CPython's ValueError when `v` is a released memoryview: a
/// consumer asking for the buffer of such a view gets that error rather
/// than the TypeError of an object without a buffer. Called on the paths
/// where `buf` found no bytes.
pub fn check_released(vm: &mut Vm, v: Value) -> PyResult<()> {
    match Obj::from_value(v) {
        Some(o) if o.kind() == K_MEMORYVIEW => live(vm, v).map(|_| ()),
        _ => Ok(()),
    }
}

/// Fails if view `o` was released meanwhile (by Python code that an
/// index's `__index__` or a value's conversion ran).
fn still_live(vm: &mut Vm, o: Obj) -> PyResult<()> {
    if get_raw(o, R_FLAGS) & F_RELEASED != 0 {
        return Err(vm.value_error("operation forbidden on released memoryview object"));
    }
    Ok(())
}

fn live(vm: &mut Vm, v: Value) -> PyResult<Obj> {
    let o = Obj::from_value(v).expect("memoryview");
    if get_raw(o, R_FLAGS) & F_RELEASED != 0 {
        return Err(vm.value_error("operation forbidden on released memoryview object"));
    }
    if !fits(o) {
        return Err(shrunk(vm));
    }
    Ok(o)
}

/// Do the view's bytes lie inside its exporter's current bytes? CPython
/// refuses to resize a bytearray while views of it exist; ProtoPy, which
/// cannot tell when an unreleased view dies (no reference counts), lets
/// the bytearray shrink, and a view that no longer fits raises instead.
fn fits(o: Obj) -> bool {
    let (start, step, n, _) = geom(o);
    let isz = row(o);
    if n == 0 {
        return true;
    }
    let last = start + (n as i64 - 1) * step;
    start.min(last) >= 0 && (start.max(last) as usize).saturating_add(isz) <= base(o).len()
}

fn shrunk(vm: &mut Vm) -> PyException {
    vm.exc_by_name(
        "BufferError",
        "memoryview: the underlying bytearray was resized below the view",
    )
}

fn mv_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if a.len() > 2 {
        return Err(vm.type_error(&format!(
            "memoryview() takes at most 1 argument ({} given)",
            a.len() - 1
        )));
    }
    let mut args = Args::new(a, k);
    let obj = args.get(1, "object");
    args.no_more_kw(vm, "memoryview")?;
    let Some(obj) = obj else {
        return Err(vm.type_error("memoryview() missing required argument 'object' (pos 1)"));
    };
    // A PickleBuffer exposes its exporter's buffer.
    let obj = match crate::modules::_pickle::buffer_target(obj) {
        Some(Some(t)) => t,
        Some(None) => {
            return Err(vm.value_error("operation forbidden on released PickleBuffer object"))
        }
        None => obj,
    };
    if is_mv(obj) {
        let src = live(vm, obj)?;
        let g = geom(src);
        return Ok(alloc_view_nd(
            vm,
            a[0],
            src.get(0),
            src.get(1),
            g,
            get_raw(src, R_FLAGS),
            (ndim(src), src.get(2)),
        ));
    }
    if crate::modules::mmap::is_mmap(obj) {
        let (tok, len, readonly) = crate::modules::mmap::export(vm, obj)?;
        let mark = vm.push_root(tok);
        let f = vm.intern("B");
        let flags = if readonly { F_READONLY } else { 0 };
        let v = alloc_view(vm, a[0], tok, f, (0, 1, len, 1), flags);
        vm.pop_roots(mark);
        return Ok(v);
    }
    if crate::modules::_ctypes::is_cdata(obj) {
        let len = crate::modules::_ctypes::cdata_slice(obj).map_or(0, |b| b.len());
        let f = vm.intern("B");
        return Ok(alloc_view(vm, a[0], obj, f, (0, 1, len, 1), 0));
    }
    // Only the length is needed: bytes and bytearrays are measured in
    // place (a view of a big bytes object copies nothing).
    let len = match super::bytes::held_bytes(obj) {
        Some((_, b)) => b.len(),
        None => match buf(obj) {
            Some(b) => b.len(),
            None => {
                let tn = vm.type_name_of(obj);
                return Err(vm.type_error(&format!(
                    "memoryview: a bytes-like object is required, not '{tn}'"
                )));
            }
        },
    };
    if let Some((tc, isz)) = crate::modules::array::array_format(obj) {
        let f = vm.intern(&tc.to_string());
        return Ok(alloc_view(
            vm,
            a[0],
            obj,
            f,
            (0, isz as i64, len / isz, isz),
            0,
        ));
    }
    let flags = if is_ba(obj) { 0 } else { F_READONLY };
    let f = vm.intern("B");
    Ok(alloc_view(vm, a[0], obj, f, (0, 1, len, 1), flags))
}

/// Unpacks one item of format `f` (native, little-endian).
fn unpack(vm: &mut Vm, f: &str, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    let u = u64::from_le_bytes(w);
    match f {
        "B" | "H" | "I" | "L" | "Q" | "N" | "P" => {
            if u > i64::MAX as u64 {
                vm.new_bigint(num_bigint::BigInt::from(u))
            } else {
                vm.new_int(u as i64)
            }
        }
        "b" => Value::int(b[0] as i8 as i64),
        "h" => Value::int(i16::from_le_bytes([b[0], b[1]]) as i64),
        "i" => Value::int(i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64),
        "l" | "q" | "n" => vm.new_int(u as i64),
        "f" => vm.new_float(f32::from_le_bytes([b[0], b[1], b[2], b[3]]) as f64),
        "d" => vm.new_float(f64::from_bits(u)),
        "?" => Value::bool(b[0] != 0),
        "c" => vm.new_bytes(b),
        _ => Value::NONE,
    }
}

/// Packs `v` as one item of format `f`.
fn pack(vm: &mut Vm, f: &str, v: Value, isz: usize) -> PyResult<Vec<u8>> {
    let bad_type =
        |vm: &mut Vm| vm.type_error(&format!("memoryview: invalid type for format '{f}'"));
    let bad_value =
        |vm: &mut Vm| vm.value_error(&format!("memoryview: invalid value for format '{f}'"));
    match f {
        "c" => match buf(v) {
            Some(b) if b.len() == 1 && !is_mv(v) => Ok(b),
            Some(_) => Err(bad_value(vm)),
            None => Err(bad_type(vm)),
        },
        "?" => Ok(vec![vm.truthy(v)? as u8]),
        "f" | "d" => {
            // CPython's PyFloat_AsDouble: floats, ints, and objects with
            // __float__ or __index__.
            let x = match vm.as_f64(v) {
                Some(x) => x,
                None => {
                    let tp = vm.type_of(v);
                    if vm.lookup_type(tp, vm.g.names.__float__).is_none() && !is_index(vm, v) {
                        return Err(bad_type(vm));
                    }
                    crate::modules::math::float_arg(vm, v)?
                }
            };
            Ok(if f == "f" {
                (x as f32).to_le_bytes().to_vec()
            } else {
                x.to_le_bytes().to_vec()
            })
        }
        _ => {
            // CPython's PyNumber_Index: ints and objects with __index__.
            let v = if vm.is_int_like(v) {
                v
            } else if is_index(vm, v) {
                vm.index(v)?
            } else {
                return Err(bad_type(vm));
            };
            let big = vm.as_bigint(v).unwrap_or_default();
            let signed = matches!(f, "b" | "h" | "i" | "l" | "q" | "n");
            let bits = isz as u32 * 8;
            let (lo, hi) = if signed {
                (
                    -(num_bigint::BigInt::from(1) << (bits - 1)),
                    (num_bigint::BigInt::from(1) << (bits - 1)) - 1,
                )
            } else {
                (
                    num_bigint::BigInt::from(0),
                    (num_bigint::BigInt::from(1) << bits) - 1,
                )
            };
            if big < lo || big > hi {
                return Err(bad_value(vm));
            }
            let mut bytes = big.to_signed_bytes_le();
            let fillb = if big.sign() == num_bigint::Sign::Minus {
                0xff
            } else {
                0
            };
            bytes.resize(8.max(bytes.len()), fillb);
            bytes.truncate(isz);
            Ok(bytes)
        }
    }
}

fn mv_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    // A 0-dim view has length 1 (CPython's memory_length).
    Ok(vm.new_int(get_raw(o, R_LEN) as i64))
}

fn item_index(vm: &mut Vm, k: Value, n: usize) -> PyResult<usize> {
    item_index_dim(vm, k, n, 1)
}

/// Index `k` into dimension `dim` (1-based, for the message) of length `n`.
fn item_index_dim(vm: &mut Vm, k: Value, n: usize, dim: usize) -> PyResult<usize> {
    let i = vm.index(k)?;
    let Some(i) = vm.as_i64(i) else {
        return Err(vm.new_exc(
            vm.g.e.IndexError,
            "cannot fit 'int' into an index-sized integer",
        ));
    };
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(vm.new_exc(
            vm.g.e.IndexError,
            &format!("index out of bounds on dimension {dim}"),
        ));
    }
    Ok(j as usize)
}

fn is_index(vm: &Vm, k: Value) -> bool {
    vm.is_int_like(k)
        || vm
            .lookup_type(vm.type_of(k), vm.g.names.__index__)
            .is_some()
}

/// Is `k` a tuple whose items all pass `f` (CPython's multi-index and
/// multi-slice keys)?
fn tuple_of(vm: &Vm, k: Value, f: fn(&Vm, Value) -> bool) -> bool {
    Obj::from_value(k).is_some_and(|t| t.kind() == Kind::TUPLE)
        && vm.seq_items(k).into_iter().all(|x| f(vm, x))
}

fn is_slice_key(_vm: &Vm, k: Value) -> bool {
    super::seq::is_slice(k)
}

/// The byte offset of the item a full multi-index `key` names.
fn offset_of_tuple(vm: &mut Vm, o: Obj, key: Value) -> PyResult<usize> {
    let idx = vm.seq_items(key);
    let nd = ndim(o);
    if idx.len() > nd {
        return Err(vm.type_error(&format!(
            "cannot index {nd}-dimension view with {}-element tuple",
            idx.len()
        )));
    }
    let sh = shape_of(o);
    let st = strides_of(o);
    let mut p = get_raw(o, R_START) as i64;
    for (d, k) in idx.into_iter().enumerate() {
        let i = item_index_dim(vm, k, sh[d], d + 1)?;
        p += i as i64 * st[d];
    }
    Ok(p as usize)
}

/// The item at byte offset `p` of view `o`.
fn read_item(vm: &mut Vm, o: Obj, p: usize) -> PyResult<Value> {
    still_live(vm, o)?;
    let isz = get_raw(o, R_ITEMSIZE) as usize;
    // An index's __index__ may have run Python code that shrank the
    // exporter: read with a bounds check.
    let Some(b) = base(o).get(p..p + isz).map(<[u8]>::to_vec) else {
        return Err(shrunk(vm));
    };
    let f = fmt_of(o);
    Ok(unpack(vm, &f, &b))
}

fn mv_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    let (start, step, n, isz) = geom(o);
    if ndim(o) == 0 {
        if Obj::from_value(a[1]).is_some_and(|t| t.kind() == Kind::TUPLE && t.n_values() == 0) {
            return read_item(vm, o, start as usize);
        }
        if a[1] == Value::ELLIPSIS {
            return Ok(a[0]);
        }
        return Err(vm.type_error("invalid indexing of 0-dim memory"));
    }
    if super::seq::is_slice(a[1]) {
        let (s, _e, st, count) = super::seq::slice_indices(vm, a[1], n)?;
        let g = (start + s as i64 * step, step * st as i64, count, isz);
        let cls = vm.type_of(a[0]);
        // As CPython, the slice is a view of the exporter made before the
        // bounds were computed: it lives even if they released this one.
        return Ok(alloc_view_nd(
            vm,
            cls,
            o.get(0),
            o.get(1),
            g,
            get_raw(o, R_FLAGS) & !F_RELEASED,
            (ndim(o), o.get(2)),
        ));
    }
    if is_index(vm, a[1]) && ndim(o) > 1 {
        vm.index(a[1])?;
        return Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            "multi-dimensional sub-views are not implemented",
        ));
    }
    if !is_index(vm, a[1]) && tuple_of(vm, a[1], is_index) {
        if vm.seq_items(a[1]).len() < ndim(o) {
            return Err(vm.new_exc(vm.g.e.NotImplementedError, "sub-views are not implemented"));
        }
        let p = offset_of_tuple(vm, o, a[1])?;
        return read_item(vm, o, p);
    }
    if tuple_of(vm, a[1], is_slice_key) {
        return Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            "multi-dimensional slicing is not implemented",
        ));
    }
    if super::seq::is_slice(a[1]) {
        let (s, _e, st, count) = super::seq::slice_indices(vm, a[1], n)?;
        let g = (start + s as i64 * step, step * st as i64, count, isz);
        let cls = vm.type_of(a[0]);
        return Ok(alloc_view(
            vm,
            cls,
            o.get(0),
            o.get(1),
            g,
            get_raw(o, R_FLAGS),
        ));
    }
    if !is_index(vm, a[1]) {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let i = item_index(vm, a[1], n)?;
    let p = (start + i as i64 * step) as usize;
    read_item(vm, o, p)
}

/// Writes `data` at byte positions of the exporter (a bytearray), in one
/// atomic step; BufferError if the exporter no longer reaches them (Python
/// code run by the conversions may have shrunk it).
fn write_at(vm: &mut Vm, o: Obj, positions: &[usize], data: &[u8], isz: usize) -> PyResult<()> {
    still_live(vm, o)?;
    let x = o.get(0);
    if crate::modules::mmap::is_export(x) {
        for (k, &p) in positions.iter().enumerate() {
            let chunk = data.get(k * isz..(k + 1) * isz).unwrap_or(&[]);
            if !crate::modules::mmap::export_write(x, p, chunk) {
                return Err(shrunk(vm));
            }
        }
        return Ok(());
    }
    if crate::modules::_ctypes::is_cdata(x) {
        for (k, &p) in positions.iter().enumerate() {
            let chunk = data.get(k * isz..(k + 1) * isz).unwrap_or(&[]);
            if !crate::modules::_ctypes::cdata_write(x, p, chunk) {
                return Err(shrunk(vm));
            }
        }
        return Ok(());
    }
    let x = crate::modules::array::array_storage(x).unwrap_or(x);
    if let Some(fo) = Obj::from_value(x).filter(|f| f.is_frozen()) {
        return Err(vm.frozen_error(fo));
    }
    if super::bytes::ba_write_at(vm, x, positions, data, isz) {
        Ok(())
    } else {
        Err(shrunk(vm))
    }
}

fn mv_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    if get_raw(o, R_FLAGS) & F_READONLY != 0 {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let (start, step, n, isz) = geom(o);
    let f = fmt_of(o);
    let nd = ndim(o);
    if nd == 0 {
        let whole = a[1] == Value::ELLIPSIS
            || Obj::from_value(a[1]).is_some_and(|t| t.kind() == Kind::TUPLE && t.n_values() == 0);
        if !whole {
            return Err(vm.type_error("invalid indexing of 0-dim memory"));
        }
        let data = pack(vm, &f, a[2], isz)?;
        write_at(vm, o, &[start as usize], &data, isz)?;
        return Ok(Value::NONE);
    }
    if is_index(vm, a[1]) && nd > 1 {
        return Err(vm.new_exc(vm.g.e.NotImplementedError, "sub-views are not implemented"));
    }
    if !is_index(vm, a[1]) && tuple_of(vm, a[1], is_index) {
        if vm.seq_items(a[1]).len() < nd {
            return Err(vm.new_exc(vm.g.e.NotImplementedError, "sub-views are not implemented"));
        }
        let p = offset_of_tuple(vm, o, a[1])?;
        let data = pack(vm, &f, a[2], isz)?;
        write_at(vm, o, &[p], &data, isz)?;
        return Ok(Value::NONE);
    }
    if (super::seq::is_slice(a[1]) && nd != 1) || tuple_of(vm, a[1], is_slice_key) {
        return Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            "memoryview slice assignments are currently restricted to ndim = 1",
        ));
    }
    if super::seq::is_slice(a[1]) {
        let (s, _e, st, count) = super::seq::slice_indices(vm, a[1], n)?;
        let src = if is_mv(a[2]) {
            let so = live(vm, a[2])?;
            if fmt_of(so) != f || get_raw(so, R_LEN) as usize != count {
                return Err(vm.value_error(
                    "memoryview assignment: lvalue and rvalue have different structures",
                ));
            }
            view_bytes(a[2]).unwrap_or_default()
        } else {
            let Some(b) = buf(a[2]) else {
                let tn = vm.type_name_of(a[2]);
                return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
            };
            if b.len() != count * isz {
                return Err(vm.value_error(
                    "memoryview assignment: lvalue and rvalue have different structures",
                ));
            }
            b
        };
        let pos: Vec<usize> = (0..count)
            .map(|k| (start + (s as i64 + k as i64 * st as i64) * step) as usize)
            .collect();
        write_at(vm, o, &pos, &src, isz)?;
        return Ok(Value::NONE);
    }
    if !is_index(vm, a[1]) {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let i = item_index(vm, a[1], n)?;
    let data = pack(vm, &f, a[2], isz)?;
    let p = (start + i as i64 * step) as usize;
    write_at(vm, o, &[p], &data, isz)?;
    Ok(Value::NONE)
}

fn mv_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    if get_raw(o, R_FLAGS) & F_READONLY != 0 {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    Err(vm.type_error("cannot delete memory"))
}

/// All items of the view, in C order (flattened).
fn items(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    let o = live(vm, v)?;
    let isz = get_raw(o, R_ITEMSIZE) as usize;
    let f = fmt_of(o);
    let b = base(o);
    Ok(item_offsets(o)
        .into_iter()
        .map(|p| unpack(vm, &f, &b[p..p + isz]))
        .collect())
}

/// Nests the flat items `it` as lists of `shape`.
fn nest(vm: &mut Vm, it: &[Value], shape: &[usize]) -> Value {
    if shape.len() <= 1 {
        return vm.new_list(it);
    }
    let per: usize = shape[1..].iter().product();
    let mut rows = Vec::with_capacity(shape[0]);
    let mark = vm.push_root(Value::NONE);
    for r in 0..shape[0] {
        let l = nest(vm, &it[r * per..(r + 1) * per], &shape[1..]);
        vm.push_root(l);
        rows.push(l);
    }
    let out = vm.new_list(&rows);
    vm.pop_roots(mark);
    out
}

fn mv_tolist(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let it = items(vm, a[0])?;
    let o = Obj::from_value(a[0]).expect("memoryview");
    if ndim(o) == 0 {
        return Ok(it[0]);
    }
    let mark = vm.push_root(Value::NONE);
    for &x in &it {
        vm.push_root(x);
    }
    let sh = shape_of(o);
    let r = nest(vm, &it, &sh);
    vm.pop_roots(mark);
    Ok(r)
}

fn mv_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    if ndim(o) == 0 {
        return Err(vm.type_error("invalid indexing of 0-dim memory"));
    }
    if ndim(o) > 1 {
        return Err(vm.new_exc(
            vm.g.e.NotImplementedError,
            "multi-dimensional sub-views are not implemented",
        ));
    }
    let it = items(vm, a[0])?;
    let l = vm.new_list(&it);
    vm.iter(l)
}

fn mv_tobytes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [order] = super::clinic::unpack(vm, "tobytes", &a[1..], k, ["order"], 0, 0, 1)?;
    if let Some(o) = order {
        if !o.is_none() && !is_str(o) {
            let tn = vm.type_name_of(o);
            return Err(vm.type_error(&format!(
                "tobytes() argument 'order' must be str or None, not {tn}"
            )));
        }
        if !o.is_none() && !matches!(str_of(o).as_ref(), "C" | "F" | "A") {
            return Err(vm.value_error("order must be 'C', 'F' or 'A'"));
        }
    }
    let o = live(vm, a[0])?;
    if order.is_some_and(|v| is_str(v) && str_of(v).as_ref() == "F") && ndim(o) > 1 {
        // Fortran order: the first index varies fastest.
        let sh = shape_of(o);
        let st = strides_of(o);
        let isz = get_raw(o, R_ITEMSIZE) as usize;
        let total: usize = sh.iter().product();
        let b = base(o);
        let mut out = Vec::with_capacity(total * isz);
        let mut idx = vec![0usize; sh.len()];
        for _ in 0..total {
            let mut p = get_raw(o, R_START) as i64;
            for d in 0..sh.len() {
                p += idx[d] as i64 * st[d];
            }
            out.extend_from_slice(b.get(p as usize..p as usize + isz).unwrap_or(&[]));
            for d in 0..sh.len() {
                idx[d] += 1;
                if idx[d] < sh[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
        return Ok(vm.new_bytes(&out));
    }
    let b = view_bytes(a[0]).unwrap_or_default();
    Ok(vm.new_bytes(&b))
}

fn mv_hex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    live(vm, a[0])?;
    let b = view_bytes(a[0]).unwrap_or_default();
    super::bytes::hex_impl(vm, &b, &a[1..], k)
}

fn mv_release(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("memoryview");
    let was = vm.with_lock(o, |_| {
        let f = get_raw(o, R_FLAGS);
        set_raw(o, R_FLAGS, f | F_RELEASED);
        f
    });
    if was & F_RELEASED == 0 {
        crate::modules::mmap::export_view_released(o.get(0));
    }
    Ok(Value::NONE)
}

fn mv_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    live(vm, a[0])?;
    Ok(a[0])
}

fn mv_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    mv_release(vm, &a[..1], Value::EMPTY)
}

fn mv_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("memoryview");
    if a[0] == a[1] {
        return Ok(Value::TRUE);
    }
    if get_raw(o, R_FLAGS) & F_RELEASED != 0 {
        return Ok(Value::FALSE);
    }
    if is_mv(a[1]) {
        let p = Obj::from_value(a[1]).expect("memoryview");
        if get_raw(p, R_FLAGS) & F_RELEASED != 0 {
            return Ok(Value::FALSE);
        }
        if shape_of(p) != shape_of(o) {
            return Ok(Value::FALSE);
        }
        let x = items(vm, a[0])?;
        let y = items(vm, a[1])?;
        for (u, w) in x.into_iter().zip(y) {
            if !vm.eq(u, w)? {
                return Ok(Value::FALSE);
            }
        }
        return Ok(Value::TRUE);
    }
    let Some(other) = buf(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if let Some((tc, osz)) = crate::modules::array::array_format(a[1]) {
        // An array is a one-dimensional buffer of its typecode's items:
        // compared by value, item by item.
        if shape_of(o) != [other.len() / osz] {
            return Ok(Value::FALSE);
        }
        let x = items(vm, a[0])?;
        let mark = vm.push_root(Value::NONE);
        for &u in &x {
            vm.push_root(u);
        }
        let of = tc.to_string();
        let mut same = true;
        for (u, chunk) in x.into_iter().zip(other.chunks(osz)) {
            let w = unpack(vm, &of, chunk);
            let r = vm.eq(u, w);
            if !r.inspect_err(|_| vm.pop_roots(mark))? {
                same = false;
                break;
            }
        }
        vm.pop_roots(mark);
        return Ok(Value::bool(same));
    }
    if ndim(o) != 1 {
        // The other buffer is a one-dimensional view of unsigned bytes.
        return Ok(Value::bool(
            shape_of(o) == [other.len()] && {
                let x = items(vm, a[0])?;
                let mut same = true;
                for (u, w) in x.into_iter().zip(other) {
                    if !vm.eq(u, Value::int(w as i64))? {
                        same = false;
                        break;
                    }
                }
                same
            },
        ));
    }
    if fmt_of(o) != "B" {
        // Compare item by item against the other buffer's unsigned bytes.
        let x = items(vm, a[0])?;
        if x.len() != other.len() {
            return Ok(Value::FALSE);
        }
        for (u, w) in x.into_iter().zip(other) {
            if !vm.eq(u, Value::int(w as i64))? {
                return Ok(Value::FALSE);
            }
        }
        return Ok(Value::TRUE);
    }
    Ok(Value::bool(view_bytes(a[0]).unwrap_or_default() == other))
}

fn mv_ne(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let r = mv_eq(vm, a, k)?;
    if r == Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    Ok(Value::bool(r == Value::FALSE))
}

fn mv_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("memoryview");
    if get_raw(o, R_FLAGS) & F_HASHED != 0 {
        return Ok(vm.new_int(get_raw(o, R_HASH) as i64));
    }
    let o = live(vm, a[0])?;
    if get_raw(o, R_FLAGS) & F_READONLY == 0 {
        return Err(vm.value_error("cannot hash writable memoryview object"));
    }
    if !matches!(fmt_of(o).as_str(), "B" | "b" | "c") {
        return Err(vm.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    let b = view_bytes(a[0]).unwrap_or_default();
    let bv = vm.new_bytes(&b);
    let h = vm.hash(bv)?;
    // Flag updates are read-modify-writes of one word: under the object's
    // lock once the view is shared (release() may run at the same time).
    vm.with_lock(o, |_| {
        set_raw(o, R_HASH, h as u64);
        set_raw(o, R_FLAGS, get_raw(o, R_FLAGS) | F_HASHED);
    });
    Ok(vm.new_int(h))
}

fn mv_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("memoryview");
    let what = if get_raw(o, R_FLAGS) & F_RELEASED != 0 {
        "released memory"
    } else {
        "memory"
    };
    let id = a[0].bits();
    Ok(vm.new_str(&format!("<{what} at 0x{id:x}>")))
}

fn mv_cast(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fv, shape] = super::clinic::unpack(vm, "cast", &a[1..], k, ["format", "shape"], 0, 1, 2)?;
    let fv = fv.expect("required");
    if !is_str(fv) {
        let tn = vm.arg_type_name(fv);
        return Err(vm.type_error(&format!("cast() argument 'format' must be str, not {tn}")));
    }
    let o = live(vm, a[0])?;
    if !contiguous_in(o, false) {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    if (shape.is_some() || ndim(o) != 1) && shape_of(o).contains(&0) {
        return Err(vm.type_error("memoryview: cannot cast view with zeros in shape or strides"));
    }
    let mut dims: Option<Vec<Value>> = None;
    if let Some(s) = shape {
        if !Obj::from_value(s).is_some_and(|so| matches!(so.kind(), Kind::LIST | Kind::TUPLE)) {
            return Err(vm.type_error("shape must be a list or a tuple"));
        }
        let d = vm.seq_items(s);
        if d.len() > MAX_NDIM {
            return Err(vm.value_error(&format!(
                "memoryview: number of dimensions must not exceed {MAX_NDIM}"
            )));
        }
        if ndim(o) != 1 && d.len() != 1 {
            return Err(vm.type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
        }
        dims = Some(d);
    }
    let f = str_of(fv).into_owned();
    let f = f.strip_prefix('@').unwrap_or(&f).to_string();
    let Some(nsz) = item_size(&f) else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    let (start, _, _, isz) = geom(o);
    let cur = fmt_of(o);
    if !matches!(cur.as_str(), "B" | "b" | "c") && !matches!(f.as_str(), "B" | "b" | "c") {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let total = shape_of(o).iter().product::<usize>() * isz;
    if total % nsz != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    let mismatch = "memoryview: product(shape) * itemsize != buffer size";
    let (nd, first, inner_dims) = match dims {
        None => (1, total / nsz, Vec::new()),
        Some(d) if d.is_empty() => {
            if nsz != total {
                return Err(vm.type_error(mismatch));
            }
            (0, 1, Vec::new())
        }
        Some(d) => {
            let mut sh = Vec::with_capacity(d.len());
            let mut prod: usize = 1;
            for x in d {
                if !vm.is_int_like(x) {
                    return Err(
                        vm.type_error("memoryview.cast(): elements of shape must be integers")
                    );
                }
                let Some(v) = vm.as_i64(x).filter(|&v| v > 0) else {
                    return Err(
                        vm.value_error("memoryview.cast(): elements of shape must be integers > 0")
                    );
                };
                prod = match prod
                    .checked_mul(v as usize)
                    .filter(|&p| p <= isize::MAX as usize)
                {
                    Some(p) => p,
                    None => {
                        return Err(vm.value_error("memoryview.cast(): product(shape) > SSIZE_MAX"))
                    }
                };
                sh.push(v as usize);
            }
            if prod.checked_mul(nsz) != Some(total) {
                return Err(vm.type_error(mismatch));
            }
            (sh.len(), sh[0], sh[1..].to_vec())
        }
    };
    let fs = vm.new_str(&f);
    let mark = vm.push_root(fs);
    let inner_v = if nd > 1 {
        let vals: Vec<Value> = inner_dims.iter().map(|&d| Value::int(d as i64)).collect();
        vm.new_tuple(&vals)
    } else {
        Value::NONE
    };
    let cls = vm.type_of(a[0]);
    let row_bytes = nsz * inner_dims.iter().product::<usize>();
    let v = alloc_view_nd(
        vm,
        cls,
        o.get(0),
        fs,
        (start, row_bytes as i64, first, nsz),
        get_raw(o, R_FLAGS),
        (nd, inner_v),
    );
    vm.pop_roots(mark);
    Ok(v)
}

fn mv_toreadonly(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    let g = geom(o);
    let cls = vm.type_of(a[0]);
    Ok(alloc_view_nd(
        vm,
        cls,
        o.get(0),
        o.get(1),
        g,
        get_raw(o, R_FLAGS) | F_READONLY,
        (ndim(o), o.get(2)),
    ))
}

fn p_obj(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = live(vm, a[0])?.get(0);
    if crate::modules::mmap::is_export(x) {
        return Ok(crate::modules::mmap::export_owner(x));
    }
    Ok(x)
}
fn p_format(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(live(vm, a[0])?.get(1))
}
fn p_itemsize(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    Ok(Value::int(get_raw(o, R_ITEMSIZE) as i64))
}
fn p_nbytes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    let n: usize = shape_of(o).iter().product();
    Ok(Value::int((get_raw(o, R_ITEMSIZE) as usize * n) as i64))
}
fn p_readonly(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    Ok(Value::bool(get_raw(o, R_FLAGS) & F_READONLY != 0))
}
fn p_ndim(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    Ok(Value::int(ndim(o) as i64))
}
fn p_shape(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    let s: Vec<Value> = shape_of(o)
        .into_iter()
        .map(|d| Value::int(d as i64))
        .collect();
    Ok(vm.new_tuple(&s))
}
fn p_strides(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    let s: Vec<Value> = strides_of(o).into_iter().map(Value::int).collect();
    Ok(vm.new_tuple(&s))
}
fn p_suboffsets(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    live(vm, a[0])?;
    Ok(vm.new_tuple(&[]))
}
fn p_contiguous(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    Ok(Value::bool(
        contiguous_in(o, false) || contiguous_in(o, true),
    ))
}
fn p_c_contiguous(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    Ok(Value::bool(contiguous_in(o, false)))
}
fn p_f_contiguous(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = live(vm, a[0])?;
    Ok(Value::bool(contiguous_in(o, true)))
}

/// Registers the memoryview type in builtins.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let obj = vm.g.types.object;
    let t = vm.new_static_type("memoryview", obj, Kind(K_MEMORYVIEW.0), false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_SEQUENCE);
    vm.add_static(t, "__new__", mv_new, false);
    let m: &[(&'static str, NativeFn)] = &[
        ("__len__", mv_len),
        ("__getitem__", mv_getitem),
        ("__setitem__", mv_setitem),
        ("__delitem__", mv_delitem),
        ("__iter__", mv_iter),
        ("__eq__", mv_eq),
        ("__ne__", mv_ne),
        ("__hash__", mv_hash),
        ("__repr__", mv_repr),
        ("__enter__", mv_enter),
        ("__exit__", mv_exit),
        ("tobytes", mv_tobytes),
        ("hex", mv_hex),
        ("cast", mv_cast),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    vm.add_methods_arity(
        t,
        0,
        0,
        &[
            ("tolist", mv_tolist as NativeFn),
            ("release", mv_release),
            ("toreadonly", mv_toreadonly),
        ],
    );
    super::descr::add_getsets(
        vm,
        t,
        &[
            ("obj", p_obj, None),
            ("format", p_format, None),
            ("itemsize", p_itemsize, None),
            ("nbytes", p_nbytes, None),
            ("readonly", p_readonly, None),
            ("ndim", p_ndim, None),
            ("shape", p_shape, None),
            ("strides", p_strides, None),
            ("suboffsets", p_suboffsets, None),
            ("contiguous", p_contiguous, None),
            ("c_contiguous", p_c_contiguous, None),
            ("f_contiguous", p_f_contiguous, None),
        ],
    );
    let b = vm.g.builtins;
    let k = vm.intern("memoryview");
    vm.dict_set_str(b, k, t);
    Ok(())
}

/// Is `v` a live, writable memoryview (a view of a bytearray or array not
/// made read-only), or an array? Writers such as `struct.pack_into` accept those.
pub fn is_writable(v: Value) -> bool {
    if crate::modules::mmap::mmap_writable(v) {
        return true;
    }
    if crate::modules::array::array_storage(v).is_some() || crate::modules::_ctypes::is_cdata(v) {
        return true;
    }
    Obj::from_value(v).is_some_and(|o| {
        o.kind() == K_MEMORYVIEW && get_raw(o, R_FLAGS) & (F_RELEASED | F_READONLY) == 0
    }) && is_contiguous(v)
}

/// Are the bytes of memoryview `v` contiguous (CPython exports a simple
/// buffer only for those)?
pub fn is_contiguous(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| contiguous_in(o, false))
}

/// CPython's BufferError for a non-contiguous view given where a simple
/// (C-contiguous) buffer is wanted; any other value passes.
pub fn require_c_contiguous(vm: &mut Vm, v: Value) -> PyResult<()> {
    if is_mv(v) && !is_contiguous(v) {
        return Err(vm.exc_by_name(
            "BufferError",
            "memoryview: underlying buffer is not C-contiguous",
        ));
    }
    Ok(())
}

/// Writes `data` at byte `off` of the bytes a bytearray or a writable view
/// of one exposes (contiguous: see [`is_writable`]), in one atomic step
/// (CPython's writable `Py_buffer`); BufferError if the bytearray shrank
/// below the view.
pub fn write_buffer(vm: &mut Vm, v: Value, off: usize, data: &[u8]) -> PyResult<()> {
    if crate::modules::mmap::is_mmap(v) {
        if crate::modules::mmap::mmap_write_at(v, off, data) {
            return Ok(());
        }
        return Err(vm.exc_by_name("BufferError", "mmap closed or too small for the data"));
    }
    if crate::modules::_ctypes::is_cdata(v) {
        if crate::modules::_ctypes::cdata_write(v, off, data) {
            return Ok(());
        }
        return Err(shrunk(vm));
    }
    if !is_mv(v) {
        let v = crate::modules::array::array_storage(v).unwrap_or(v);
        if super::bytes::ba_write_at(vm, v, &[off], data, data.len()) {
            return Ok(());
        }
        return Err(shrunk(vm));
    }
    let o = live(vm, v)?;
    let (start, _, _, isz) = geom(o);
    let n: usize = shape_of(o).iter().product();
    if off.saturating_add(data.len()) > n * isz {
        return Err(shrunk(vm));
    }
    write_at(vm, o, &[start as usize + off], data, data.len())
}
