//! `array`: compact arrays of machine numbers and characters (CPython's C module `array`).
//!
//! An `array.array` is a `K_INSTANCE` object with a native payload (its
//! typecode, fixed at creation) and values `[instance __dict__, __slots__
//! values..., storage]`, the last value a private `bytearray` (never handed
//! to Python code) holding the items packed in machine order (x86-64 Linux
//! sizes; 'u' is a 4-byte `wchar_t`).
//!
//! Concurrency contract: the storage bytearray gives the array its
//! bytearray's rules (DESIGN.md "Concurrency contract"): every change is one
//! step of `bytes::ba_try_update`/`ba_push` under the storage's object lock
//! once shared, with items converted before it (no Python code runs under
//! the lock), so `append`, `a[i] = x`, `pop`, `extend`, `+=` are atomic and
//! concurrent appends lose nothing. Indexes are resolved against the length
//! found under the lock. Reads copy the current bytes without a lock.
//!
//! The storage is what buffer consumers see: `bytes::buf` (bytes(),
//! file writes, struct.unpack), `memoryview` (format = typecode) and the
//! writable-buffer path `memoryview::write_buffer` (struct.pack_into).

use crate::modules::_struct::{module_state, new_module_with_state, set_module_state};
use crate::types::bytes as tb;
use crate::types::seq::{is_slice, slice_indices};
use engine::runtime::*;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use proto_core::layouts::{get_raw, set_raw};
use proto_core::native::{native_ref, Trace};
use proto_core::{Obj, Value};

const TYPECODES: &str = "bBuhHiIlLqQfd";
const BAD_TYPECODE: &str = "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)";
const STATE_TYPE: usize = 0;
const STATE_RECON: usize = 1;

/// The native payload of an array: its typecode.
struct ArrState {
    tc: u8,
}

impl Trace for ArrState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

fn itemsize(tc: u8) -> usize {
    match tc {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'u' | b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

/// The array behind `v`: (object, typecode), or None for other objects.
#[inline]
fn arr_of(v: Value) -> Option<(Obj, u8)> {
    let o = Obj::from_value(v)?;
    if o.kind() != K_INSTANCE {
        return None;
    }
    native_ref::<ArrState>(o).map(|s| (o, s.tc))
}

#[inline]
fn this(vm: &mut Vm, v: Value, name: &str) -> PyResult<(Obj, u8)> {
    match arr_of(v) {
        Some(x) => Ok(x),
        None => Err(not_array(vm, v, name)),
    }
}

#[cold]
#[inline(never)]
fn not_array(vm: &mut Vm, v: Value, name: &str) -> PyException {
    let tn = vm.type_name_of(v);
    vm.type_error(&format!(
        "descriptor '{name}' for 'array.array' objects doesn't apply to a '{tn}' object"
    ))
}

/// The storage bytearray of array `o`.
fn storage(o: Obj) -> Value {
    o.get(o.n_values() - 1)
}

/// A copy of the current bytes of array `o`.
fn bytes_of(o: Obj) -> Vec<u8> {
    tb::buf(storage(o)).unwrap_or_default()
}

/// The bytes of array `v` (its buffer), for `bytes::buf`.
pub fn array_bytes(v: Value) -> Option<Vec<u8>> {
    arr_of(v).map(|(o, _)| bytes_of(o))
}

/// The storage bytearray of array `v` (where views read and write).
pub fn array_storage(v: Value) -> Option<Value> {
    arr_of(v).map(|(o, _)| storage(o))
}

/// The buffer format of array `v`: (typecode, itemsize).
pub fn array_format(v: Value) -> Option<(char, usize)> {
    arr_of(v).map(|(_, tc)| (tc as char, itemsize(tc)))
}

/// A new array of class `cls` holding `data`.
fn alloc(vm: &mut Vm, cls: Value, tc: u8, data: &[u8]) -> Value {
    let nslots = match Obj::from_value(cls) {
        Some(c) if c.kind() == K_TYPE => type_nslots(c),
        _ => 0,
    };
    let n = 2 + nslots;
    let ba = tb::new_bytearray(vm, data);
    let mark = vm.push_root(ba);
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, n, ArrState { tc });
    Obj::from_value(v).expect("array").init(n - 1, ba);
    vm.pop_roots(mark);
    v
}

fn base_type(vm: &mut Vm) -> PyResult<Value> {
    module_state(vm, "array", STATE_TYPE)
}

fn new_plain(vm: &mut Vm, tc: u8, data: &[u8]) -> PyResult<Value> {
    let t = base_type(vm)?;
    Ok(alloc(vm, t, tc, data))
}

// ------------------------------------------------------------ conversions

fn overflow(vm: &mut Vm, msg: &str) -> PyException {
    vm.new_exc(vm.g.e.OverflowError, msg)
}

/// Packs `v` as one item of typecode `tc`, appending to `out` (CPython's
/// messages for wrong types and out-of-range values).
fn pack_item(vm: &mut Vm, tc: u8, v: Value, out: &mut Vec<u8>) -> PyResult<()> {
    let b = pack_one(vm, tc, v)?;
    out.extend_from_slice(&b[..itemsize(tc)]);
    Ok(())
}

/// One item of typecode `tc` packed from `v`: its `itemsize(tc)` bytes,
/// little-endian, at the front of the result (CPython's messages for wrong
/// types and out-of-range values).
fn pack_one(vm: &mut Vm, tc: u8, v: Value) -> PyResult<[u8; 8]> {
    let mut out = [0u8; 8];
    match tc {
        b'u' => {
            let s = if is_str(v) { Some(str_of(v)) } else { None };
            let mut cs = s.as_deref().map(|s| s.chars()).into_iter().flatten();
            match (cs.next(), cs.next()) {
                (Some(c), None) => {
                    out[..4].copy_from_slice(&(c as u32).to_le_bytes());
                    Ok(out)
                }
                _ => Err(vm.type_error("array item must be unicode character")),
            }
        }
        b'f' | b'd' => {
            let x = match vm.as_f64(v) {
                Some(x) => x,
                None => {
                    let tp = vm.type_of(v);
                    let has = vm.lookup_type(tp, vm.g.names.__float__).is_some()
                        || vm.lookup_type(tp, vm.g.names.__index__).is_some();
                    if !has {
                        let tn = vm.type_name_of(v);
                        return Err(vm.type_error(&format!("must be real number, not {tn}")));
                    }
                    let f = vm.call(vm.g.types.float, &[v], Value::EMPTY)?;
                    vm.as_f64(f).unwrap_or(0.0)
                }
            };
            if tc == b'f' {
                out[..4].copy_from_slice(&(x as f32).to_le_bytes());
            } else {
                out = x.to_le_bytes();
            }
            Ok(out)
        }
        _ => {
            let iv = if vm.is_int_like(v) {
                v
            } else {
                let tp = vm.type_of(v);
                if vm.lookup_type(tp, vm.g.names.__index__).is_none() {
                    let tn = vm.type_name_of(v);
                    return Err(vm.type_error(&format!(
                        "'{tn}' object cannot be interpreted as an integer"
                    )));
                }
                vm.index(v)?
            };
            // A small int converts without a BigInt.
            let (x, neg) = match iv.as_int() {
                Some(i) => (Some(i as i128), i < 0),
                None => {
                    let big = vm.as_bigint(iv).unwrap_or_default();
                    (big.to_i128(), big.sign() == num_bigint::Sign::Minus)
                }
            };
            let (lo, hi, low_msg, high_msg): (i128, i128, &str, &str) = match tc {
                b'b' => (
                    -128,
                    127,
                    "signed char is less than minimum",
                    "signed char is greater than maximum",
                ),
                b'B' => (
                    0,
                    255,
                    "unsigned byte integer is less than minimum",
                    "unsigned byte integer is greater than maximum",
                ),
                b'h' => (
                    i16::MIN as i128,
                    i16::MAX as i128,
                    "signed short integer is less than minimum",
                    "signed short integer is greater than maximum",
                ),
                b'H' => (
                    0,
                    u16::MAX as i128,
                    "unsigned short is less than minimum",
                    "unsigned short is greater than maximum",
                ),
                b'i' => (
                    i32::MIN as i128,
                    i32::MAX as i128,
                    "signed integer is less than minimum",
                    "signed integer is greater than maximum",
                ),
                b'I' => (
                    0,
                    u32::MAX as i128,
                    "can't convert negative value to unsigned int",
                    "unsigned int is greater than maximum",
                ),
                b'l' => (
                    i64::MIN as i128,
                    i64::MAX as i128,
                    "Python int too large to convert to C long",
                    "Python int too large to convert to C long",
                ),
                b'L' => (
                    0,
                    u64::MAX as i128,
                    "can't convert negative value to unsigned int",
                    "Python int too large to convert to C unsigned long",
                ),
                b'q' => (
                    i64::MIN as i128,
                    i64::MAX as i128,
                    "int too big to convert",
                    "int too big to convert",
                ),
                _ => (
                    0,
                    u64::MAX as i128,
                    "can't convert negative int to unsigned",
                    "int too big to convert",
                ),
            };
            let x = match x {
                Some(x) if x < lo => return Err(overflow(vm, low_msg)),
                Some(x) if x > hi => return Err(overflow(vm, high_msg)),
                Some(x) => x,
                None if neg => return Err(overflow(vm, low_msg)),
                None => return Err(overflow(vm, high_msg)),
            };
            out.copy_from_slice(&x.to_le_bytes()[..8]);
            Ok(out)
        }
    }
}

/// The Python value of one item (`b` holds exactly its bytes).
fn unpack_item(vm: &mut Vm, tc: u8, b: &[u8]) -> PyResult<Value> {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    unpack_word(vm, tc, u64::from_le_bytes(w))
}

/// The Python value of one item whose bytes, little-endian and
/// zero-extended, are `u`.
fn unpack_word(vm: &mut Vm, tc: u8, u: u64) -> PyResult<Value> {
    Ok(match tc {
        b'b' => Value::int(u as u8 as i8 as i64),
        b'B' => Value::int(u as u8 as i64),
        b'h' => Value::int(u as u16 as i16 as i64),
        b'H' => Value::int(u as u16 as i64),
        b'i' => Value::int(u as u32 as i32 as i64),
        b'I' => Value::int(u as u32 as i64),
        b'l' | b'q' => vm.new_int(u as i64),
        b'L' | b'Q' => {
            if u > i64::MAX as u64 {
                vm.new_bigint(BigInt::from(u))
            } else {
                vm.new_int(u as i64)
            }
        }
        b'f' => vm.new_float(f32::from_bits(u as u32) as f64),
        b'd' => vm.new_float(f64::from_bits(u)),
        _ => {
            let cp = u as u32;
            match char::from_u32(cp) {
                Some(c) => vm.new_str(c.encode_utf8(&mut [0u8; 4])),
                None => {
                    return Err(vm.value_error(&format!(
                        "character U+{cp:x} is not in range [U+0000; U+10ffff]"
                    )))
                }
            }
        }
    })
}

/// Packs the items of `items` (rooted by the caller), stopping at the
/// first failure: the bytes packed so far and the error.
fn pack_all(vm: &mut Vm, tc: u8, items: &[Value]) -> (Vec<u8>, Option<PyException>) {
    let mut out = Vec::with_capacity(items.len() * itemsize(tc));
    for &x in items {
        if let Err(e) = pack_item(vm, tc, x, &mut out) {
            return (out, Some(e));
        }
    }
    (out, None)
}

/// Collects iterable `v` into a rooted list; returns (items, root mark).
fn collect_rooted(vm: &mut Vm, v: Value) -> PyResult<(Vec<Value>, usize)> {
    let items = vm.collect(v)?;
    let l = vm.new_list(&items);
    let mark = vm.push_root(l);
    Ok((items, mark))
}

fn to_list(vm: &mut Vm, tc: u8, data: &[u8]) -> PyResult<Value> {
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for ch in data.chunks_exact(itemsize(tc)) {
        let x = match unpack_item(vm, tc, ch) {
            Ok(x) => x,
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        };
        vm.list_append(l, x);
    }
    vm.pop_roots(mark);
    Ok(l)
}

fn unicode_of(vm: &mut Vm, data: &[u8]) -> PyResult<Value> {
    let mut s = String::with_capacity(data.len() / 4);
    for ch in data.chunks_exact(4) {
        let cp = u32::from_le_bytes([ch[0], ch[1], ch[2], ch[3]]);
        match char::from_u32(cp) {
            Some(c) => s.push(c),
            None => {
                return Err(vm.value_error(&format!(
                    "character U+{cp:x} is not in range [U+0000; U+10ffff]"
                )))
            }
        }
    }
    Ok(vm.new_str(&s))
}

fn str_to_wchars(s: &str) -> Vec<u8> {
    s.chars().flat_map(|c| (c as u32).to_le_bytes()).collect()
}

// ------------------------------------------------------------ construction

fn a_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    // Keywords are refused only by array.array itself: a subclass's
    // __init__ may take them (CPython's array_new).
    let nkw = n_kw(k);
    if nkw > 0 && cls == base_type(vm)? {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    let a = &a[..a.len() - nkw];
    let n = a.len() - 1;
    if n == 0 {
        return Err(vm.type_error("array() takes at least 1 argument (0 given)"));
    }
    if n > 2 {
        return Err(vm.type_error(&format!("array() takes at most 2 arguments ({n} given)")));
    }
    let tcv = a[1];
    let tc = if is_str(tcv) && str_of(tcv).chars().count() == 1 {
        str_of(tcv).chars().next().unwrap_or('\0')
    } else {
        let tn = vm.type_name_of(tcv);
        return Err(vm.type_error(&format!(
            "array() argument 1 must be a unicode character, not {tn}"
        )));
    };
    if !TYPECODES.contains(tc) {
        return Err(vm.value_error(BAD_TYPECODE));
    }
    let tc = tc as u8;
    let init = a.get(2).copied().unwrap_or(Value::NONE);
    let data = if a.len() < 3 {
        Vec::new()
    } else if is_str(init) {
        if tc != b'u' {
            return Err(vm.type_error(&format!(
                "cannot use a str to initialize an array with typecode '{}'",
                tc as char
            )));
        }
        str_to_wchars(&str_of(init))
    } else if let Some((o, itc)) = arr_of(init) {
        if itc == tc {
            bytes_of(o)
        } else if itc == b'u' {
            return Err(vm.type_error(&format!(
                "cannot use a unicode array to initialize an array with typecode '{}'",
                tc as char
            )));
        } else {
            let l = to_list(vm, itc, &bytes_of(o))?;
            let mark = vm.push_root(l);
            let items = vm.collect(l)?;
            let (out, err) = pack_all(vm, tc, &items);
            vm.pop_roots(mark);
            if let Some(e) = err {
                return Err(e);
            }
            out
        }
    } else if Obj::from_value(init).is_some_and(|o| o.kind() == proto_core::Kind::BYTES)
        || tb::is_ba(init)
    {
        let b = tb::buf(init).unwrap_or_default();
        if !b.len().is_multiple_of(itemsize(tc)) {
            return Err(vm.value_error("bytes length not a multiple of item size"));
        }
        b
    } else {
        let (items, mark) = collect_rooted(vm, init)?;
        let (out, err) = pack_all(vm, tc, &items);
        vm.pop_roots(mark);
        if let Some(e) = err {
            return Err(e);
        }
        out
    };
    Ok(alloc(vm, cls, tc, &data))
}

fn n_kw(k: Value) -> usize {
    if k.is_heap() {
        Obj::from_value(k).map_or(0, |o| o.n_values())
    } else {
        0
    }
}

fn check(vm: &mut Vm, name: &str, a: &[Value], k: Value, min: usize, max: usize) -> PyResult<()> {
    crate::args::check_method(vm, &format!("array.{name}"), a, k, min, max)
}

// ------------------------------------------------------------ sequence

fn a_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__len__")?;
    Ok(Value::int((tb::ba_len(storage(o)) / itemsize(tc)) as i64))
}

/// An item index as an integer (TypeError as CPython's array).
fn index_arg(vm: &mut Vm, k: Value) -> PyResult<i64> {
    if let Some(i) = k.as_int() {
        return Ok(i);
    }
    if !vm.has_index(k) {
        return Err(vm.type_error("array indices must be integers"));
    }
    Ok(vm.index_isize(k)? as i64)
}

fn resolve(i: i64, n: usize) -> Option<usize> {
    let j = if i < 0 { i + n as i64 } else { i };
    (j >= 0 && (j as usize) < n).then_some(j as usize)
}

fn a_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__getitem__")?;
    if let Some(i) = a[1].as_int() {
        return a_getitem_int(vm, o, tc, i);
    }
    let isz = itemsize(tc);
    let data = bytes_of(o);
    let n = data.len() / isz;
    if is_slice(a[1]) {
        let (start, _, step, cnt) = slice_indices(vm, a[1], n)?;
        let mut out = Vec::with_capacity(cnt * isz);
        for j in 0..cnt {
            let p = (start + j as isize * step) as usize * isz;
            out.extend_from_slice(&data[p..p + isz]);
        }
        return new_plain(vm, tc, &out);
    }
    let i = index_arg(vm, a[1])?;
    match resolve(i, n) {
        Some(j) => unpack_item(vm, tc, &data[j * isz..(j + 1) * isz]),
        None => Err(vm.new_exc(vm.g.e.IndexError, "array index out of range")),
    }
}

/// `a[i]` with an int index: reads the one item in place, not a copy of the
/// whole buffer (which made indexing O(len)).
fn a_getitem_int(vm: &mut Vm, o: Obj, tc: u8, i: i64) -> PyResult<Value> {
    match tb::ba_read_item(storage(o), i, itemsize(tc)) {
        Some(u) => unpack_word(vm, tc, u),
        None => Err(vm.new_exc(vm.g.e.IndexError, "array index out of range")),
    }
}

/// Byte positions of the items a slice of `n` items selects.
fn slice_positions(start: isize, step: isize, cnt: usize) -> Vec<usize> {
    (0..cnt)
        .map(|j| (start + j as isize * step) as usize)
        .collect()
}

fn a_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__setitem__")?;
    let isz = itemsize(tc);
    let st = storage(o);
    if is_slice(a[1]) {
        let Some((vo, vtc)) = arr_of(a[2]) else {
            let tn = vm.type_name_of(a[2]);
            return Err(vm.type_error(&format!(
                "can only assign array (not \"{tn}\") to array slice"
            )));
        };
        if vtc != tc {
            return Err(vm.type_error("bad argument type for built-in operation"));
        }
        let src = bytes_of(vo);
        let m = src.len() / isz;
        let n = bytes_of(o).len() / isz;
        let (_, _, step, cnt) = slice_indices(vm, a[1], n)?;
        if step != 1 && cnt != m {
            return Err(vm.value_error(&format!(
                "attempt to assign array of size {m} to extended slice of size {cnt}"
            )));
        }
        let s = crate::types::seq::slice_unpack(vm, a[1])?;
        let mut size = cnt;
        let done = tb::ba_try_update(vm, st, |b| {
            // Re-resolved against the length under the lock (another thread
            // may have resized the array since the check above).
            let (start, stop, step, cnt) = s.adjust(b.len() / isz);
            if step == 1 {
                let lo = start.max(0) as usize;
                let hi = stop.max(start).max(0) as usize;
                b.splice(lo * isz..hi * isz, src.iter().copied());
            } else if cnt == m {
                for (k, p) in slice_positions(start, step, cnt).into_iter().enumerate() {
                    b[p * isz..(p + 1) * isz].copy_from_slice(&src[k * isz..(k + 1) * isz]);
                }
            } else {
                size = cnt;
                return false;
            }
            true
        });
        if !done {
            return Err(vm.value_error(&format!(
                "attempt to assign array of size {m} to extended slice of size {size}"
            )));
        }
        return Ok(Value::NONE);
    }
    let i = index_arg(vm, a[1])?;
    let packed = pack_one(vm, tc, a[2])?;
    let item = &packed[..isz];
    // In place when this thread may write the storage in place (it is
    // local, or shared and made by this thread with no other thread having
    // used it: `owned_bytes`); else one atomic step that resolves the index
    // against the length it finds.
    // A non-negative index needs no length: the write checks its bounds.
    let pos = match usize::try_from(i) {
        Ok(j) => j.checked_mul(isz),
        Err(_) => resolve(i, tb::ba_len(st) / isz).map(|j| j * isz),
    };
    let local = pos.map_or(Some(false), |p| tb::ba_write_in_place(st, p, item));
    let ok = match local {
        Some(ok) => ok,
        None => tb::ba_try_update(vm, st, |b| match resolve(i, b.len() / isz) {
            Some(j) => {
                b[j * isz..(j + 1) * isz].copy_from_slice(item);
                true
            }
            None => false,
        }),
    };
    if ok {
        Ok(Value::NONE)
    } else {
        Err(vm.new_exc(vm.g.e.IndexError, "array assignment index out of range"))
    }
}

fn a_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__delitem__")?;
    let isz = itemsize(tc);
    let st = storage(o);
    if is_slice(a[1]) {
        let s = crate::types::seq::slice_unpack(vm, a[1])?;
        tb::ba_update(vm, st, |b| {
            let n = b.len() / isz;
            let (start, _, step, cnt) = s.adjust(n);
            let mut del = vec![false; n];
            for p in slice_positions(start, step, cnt) {
                del[p] = true;
            }
            let mut out = Vec::with_capacity(b.len());
            for (j, ch) in b.chunks_exact(isz).enumerate() {
                if !del[j] {
                    out.extend_from_slice(ch);
                }
            }
            *b = out;
        });
        return Ok(Value::NONE);
    }
    let i = index_arg(vm, a[1])?;
    let ok = tb::ba_try_update(vm, st, |b| match resolve(i, b.len() / isz) {
        Some(j) => {
            b.drain(j * isz..(j + 1) * isz);
            true
        }
        None => false,
    });
    if ok {
        Ok(Value::NONE)
    } else {
        Err(vm.new_exc(vm.g.e.IndexError, "array assignment index out of range"))
    }
}

/// The items of array `o` as a rooted list: (items, mark).
fn items_rooted(vm: &mut Vm, o: Obj, tc: u8) -> PyResult<(Vec<Value>, usize)> {
    let l = to_list(vm, tc, &bytes_of(o))?;
    let mark = vm.push_root(l);
    let items = vm.collect(l)?;
    Ok((items, mark))
}

/// Index of the first item equal to `x` in `[lo, hi)`.
fn find(vm: &mut Vm, o: Obj, tc: u8, x: Value, lo: usize, hi: usize) -> PyResult<Option<usize>> {
    let (items, mark) = items_rooted(vm, o, tc)?;
    let mut found = None;
    for (j, &it) in items.iter().enumerate().take(hi).skip(lo) {
        match vm.eq(it, x) {
            Ok(true) => {
                found = Some(j);
                break;
            }
            Ok(false) => {}
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    vm.pop_roots(mark);
    Ok(found)
}

fn a_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__contains__")?;
    Ok(Value::bool(find(vm, o, tc, a[1], 0, usize::MAX)?.is_some()))
}

fn a_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "count", a, k, 1, 1)?;
    let (o, tc) = this(vm, a[0], "count")?;
    let (items, mark) = items_rooted(vm, o, tc)?;
    let mut n = 0;
    for &it in &items {
        match vm.eq(it, a[1]) {
            Ok(true) => n += 1,
            Ok(false) => {}
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    vm.pop_roots(mark);
    Ok(Value::int(n))
}

fn a_index(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "index", a, k, 1, 3)?;
    let (o, tc) = this(vm, a[0], "index")?;
    let n = (bytes_of(o).len() / itemsize(tc)) as i64;
    let bound = |vm: &mut Vm, v: Option<&Value>, d: i64| -> PyResult<usize> {
        let i = match v {
            Some(&v) => vm.index_isize(v)? as i64,
            None => d,
        };
        let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
        Ok(i as usize)
    };
    let lo = bound(vm, a.get(2), 0)?;
    let hi = bound(vm, a.get(3), n)?;
    match find(vm, o, tc, a[1], lo, hi)? {
        Some(j) => Ok(Value::int(j as i64)),
        None => Err(vm.value_error("array.index(x): x not in array")),
    }
}

fn a_remove(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "remove", a, k, 1, 1)?;
    let (o, tc) = this(vm, a[0], "remove")?;
    let isz = itemsize(tc);
    let Some(j) = find(vm, o, tc, a[1], 0, usize::MAX)? else {
        return Err(vm.value_error("array.remove(x): x not in array"));
    };
    tb::ba_try_update(vm, storage(o), |b| {
        if (j + 1) * isz > b.len() {
            return false;
        }
        b.drain(j * isz..(j + 1) * isz);
        true
    });
    Ok(Value::NONE)
}

// ------------------------------------------------------------ mutation

fn a_append(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "append", a, k, 1, 1)?;
    let (o, tc) = this(vm, a[0], "append")?;
    let mut item = Vec::with_capacity(8);
    pack_item(vm, tc, a[1], &mut item)?;
    tb::ba_push(vm, storage(o), &item);
    Ok(Value::NONE)
}

/// Appends the items of `src` to array `o` (CPython's `array_do_extend`).
fn extend_from(vm: &mut Vm, o: Obj, tc: u8, src: Value) -> PyResult<()> {
    if let Some((so, stc)) = arr_of(src) {
        if stc != tc {
            return Err(vm.type_error("can only extend with array of same kind"));
        }
        let b = bytes_of(so);
        tb::ba_push(vm, storage(o), &b);
        return Ok(());
    }
    let (items, mark) = collect_rooted(vm, src)?;
    let (out, err) = pack_all(vm, tc, &items);
    vm.pop_roots(mark);
    tb::ba_push(vm, storage(o), &out);
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn a_extend(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "extend", a, k, 1, 1)?;
    let (o, tc) = this(vm, a[0], "extend")?;
    extend_from(vm, o, tc, a[1])?;
    Ok(Value::NONE)
}

fn a_insert(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "insert", a, k, 2, 2)?;
    let (o, tc) = this(vm, a[0], "insert")?;
    let isz = itemsize(tc);
    let i = vm.index_isize(a[1])? as i64;
    let mut item = Vec::with_capacity(8);
    pack_item(vm, tc, a[2], &mut item)?;
    tb::ba_update(vm, storage(o), |b| {
        let n = (b.len() / isz) as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
        b.splice(j * isz..j * isz, item.iter().copied());
    });
    Ok(Value::NONE)
}

fn a_pop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "pop", a, k, 0, 1)?;
    let (o, tc) = this(vm, a[0], "pop")?;
    let isz = itemsize(tc);
    let i = match a.get(1) {
        Some(&v) => vm.index_isize(v)? as i64,
        None => -1,
    };
    let mut got: Result<Vec<u8>, bool> = Err(false);
    tb::ba_try_update(vm, storage(o), |b| {
        let n = b.len() / isz;
        if n == 0 {
            got = Err(true);
            return false;
        }
        match resolve(i, n) {
            Some(j) => {
                got = Ok(b.drain(j * isz..(j + 1) * isz).collect());
                true
            }
            None => false,
        }
    });
    match got {
        Ok(item) => unpack_item(vm, tc, &item),
        Err(true) => Err(vm.new_exc(vm.g.e.IndexError, "pop from empty array")),
        Err(false) => Err(vm.new_exc(vm.g.e.IndexError, "pop index out of range")),
    }
}

fn a_reverse(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "reverse", a, k, 0, 0)?;
    let (o, tc) = this(vm, a[0], "reverse")?;
    let isz = itemsize(tc);
    tb::ba_update(vm, storage(o), |b| {
        let out: Vec<u8> = b.chunks_exact(isz).rev().flatten().copied().collect();
        *b = out;
    });
    Ok(Value::NONE)
}

fn a_byteswap(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "byteswap", a, k, 0, 0)?;
    let (o, tc) = this(vm, a[0], "byteswap")?;
    let isz = itemsize(tc);
    tb::ba_update(vm, storage(o), |b| {
        for ch in b.chunks_exact_mut(isz) {
            ch.reverse();
        }
    });
    Ok(Value::NONE)
}

fn a_buffer_info(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "buffer_info", a, k, 0, 0)?;
    let (o, tc) = this(vm, a[0], "buffer_info")?;
    let st = Obj::from_value(storage(o)).expect("storage");
    let b = str_bytes(st.get(0));
    let addr = vm.new_int(b.as_ptr() as i64);
    let n = Value::int((b.len() / itemsize(tc)) as i64);
    Ok(vm.new_tuple(&[addr, n]))
}

fn a_tobytes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "tobytes", a, k, 0, 0)?;
    let (o, _) = this(vm, a[0], "tobytes")?;
    let b = bytes_of(o);
    Ok(vm.new_bytes(&b))
}

fn a_frombytes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "frombytes", a, k, 1, 1)?;
    let (o, tc) = this(vm, a[0], "frombytes")?;
    let Some(b) = tb::buf(a[1]) else {
        crate::types::memoryview::check_released(vm, a[1])?;
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
    };
    if !b.len().is_multiple_of(itemsize(tc)) {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    tb::ba_push(vm, storage(o), &b);
    Ok(Value::NONE)
}

fn a_tolist(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "tolist", a, k, 0, 0)?;
    let (o, tc) = this(vm, a[0], "tolist")?;
    to_list(vm, tc, &bytes_of(o))
}

fn a_fromlist(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "fromlist", a, k, 1, 1)?;
    let (o, tc) = this(vm, a[0], "fromlist")?;
    let is_list = Obj::from_value(a[1]).is_some_and(|l| l.kind() == proto_core::Kind::LIST);
    if !is_list {
        return Err(vm.type_error("arg must be list"));
    }
    let (items, mark) = collect_rooted(vm, a[1])?;
    let (out, err) = pack_all(vm, tc, &items);
    vm.pop_roots(mark);
    // All or nothing, as CPython (which undoes a partial append).
    if let Some(e) = err {
        return Err(e);
    }
    tb::ba_push(vm, storage(o), &out);
    Ok(Value::NONE)
}

fn a_tounicode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "tounicode", a, k, 0, 0)?;
    let (o, tc) = this(vm, a[0], "tounicode")?;
    if tc != b'u' {
        return Err(vm.value_error("tounicode() may only be called on unicode type arrays"));
    }
    unicode_of(vm, &bytes_of(o))
}

fn a_fromunicode(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "fromunicode", a, k, 1, 1)?;
    let (o, tc) = this(vm, a[0], "fromunicode")?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("fromunicode() argument must be str, not {tn}")));
    }
    if tc != b'u' {
        return Err(vm.value_error("fromunicode() may only be called on unicode type arrays"));
    }
    let b = str_to_wchars(&str_of(a[1]));
    tb::ba_push(vm, storage(o), &b);
    Ok(Value::NONE)
}

/// `tofile(f)`: writes the bytes in blocks of 64 KiB, as CPython does.
fn a_tofile(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "tofile", a, k, 1, 1)?;
    let (o, _) = this(vm, a[0], "tofile")?;
    let data = bytes_of(o);
    for block in data.chunks(64 * 1024) {
        let b = vm.new_bytes(block);
        let mark = vm.push_root(b);
        let r = vm.call_method(a[1], "write", &[b]);
        vm.pop_roots(mark);
        r?;
    }
    Ok(Value::NONE)
}

fn a_fromfile(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "fromfile", a, k, 2, 2)?;
    let (o, tc) = this(vm, a[0], "fromfile")?;
    let n = crate::args::py_ssize_t(vm, a[2])?;
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    let isz = itemsize(tc) as i64;
    if n > i64::MAX / isz {
        return Err(vm.exc_by_name("MemoryError", ""));
    }
    let want = (n * isz) as usize;
    let nv = vm.new_int(want as i64);
    let r = vm.call_method(a[1], "read", &[nv])?;
    if !Obj::from_value(r).is_some_and(|b| b.kind() == proto_core::Kind::BYTES) {
        return Err(vm.type_error("read() didn't return bytes"));
    }
    let b = str_bytes(r).to_vec();
    // As CPython, which hands what it read to frombytes.
    if !b.len().is_multiple_of(isz as usize) {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    tb::ba_push(vm, storage(o), &b);
    if b.len() != want {
        return Err(vm.exc_by_name("EOFError", "read() didn't return enough bytes"));
    }
    Ok(Value::NONE)
}

// ------------------------------------------------------------ operators

fn a_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__add__")?;
    let Some((bo, btc)) = arr_of(a[1]) else {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("can only append array (not \"{tn}\") to array")));
    };
    if btc != tc {
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    let mut d = bytes_of(o);
    d.extend_from_slice(&bytes_of(bo));
    new_plain(vm, tc, &d)
}

fn a_iadd(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__iadd__")?;
    let Some((bo, btc)) = arr_of(a[1]) else {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("can only extend array with array (not \"{tn}\")")));
    };
    if btc != tc {
        return Err(vm.type_error("can only extend with array of same kind"));
    }
    let b = bytes_of(bo);
    tb::ba_push(vm, storage(o), &b);
    Ok(a[0])
}

pub(crate) fn a_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__mul__")?;
    let n = crate::types::seq::repeat_count(vm, a[1])?;
    let d = bytes_of(o);
    let r = vm.try_repeat(&d, n.max(0) as usize)?;
    new_plain(vm, tc, &r)
}

pub(crate) fn a_imul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a[0], "__imul__")?;
    let n = crate::types::seq::repeat_count(vm, a[1])?;
    let n = n.max(0) as usize;
    let mut fits = true;
    tb::ba_update(
        vm,
        storage(o),
        |b| match engine::runtime::fallible::repeat(b, n) {
            Some(r) => *b = r,
            None => fits = false,
        },
    );
    if !fits {
        return Err(vm.no_memory());
    }
    Ok(a[0])
}

const OP_LT: u32 = 0;
const OP_LE: u32 = 1;
const OP_EQ: u32 = 2;
const OP_NE: u32 = 3;
const OP_GT: u32 = 4;
const OP_GE: u32 = 5;

/// CPython's `array_richcompare`: the first differing items decide, else
/// the lengths.
fn richcmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__eq__")?;
    let Some((wo, wtc)) = arr_of(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (va, vb) = (bytes_of(o), bytes_of(wo));
    let (na, nb) = (va.len() / itemsize(tc), vb.len() / itemsize(wtc));
    if na != nb && (op == OP_EQ || op == OP_NE) {
        return Ok(Value::bool(op == OP_NE));
    }
    let la = to_list(vm, tc, &va)?;
    let mark = vm.push_root(la);
    let r = (|| {
        let lb = to_list(vm, wtc, &vb)?;
        vm.push_root(lb);
        let ia = vm.collect(la)?;
        let ib = vm.collect(lb)?;
        for (&x, &y) in ia.iter().zip(ib.iter()) {
            if !vm.eq(x, y)? {
                return match op {
                    OP_EQ => Ok(Value::FALSE),
                    OP_NE => Ok(Value::TRUE),
                    _ => vm.compare(x, y, op),
                };
            }
        }
        let r = match op {
            OP_LT => na < nb,
            OP_LE => na <= nb,
            OP_EQ => na == nb,
            OP_NE => na != nb,
            OP_GT => na > nb,
            _ => na >= nb,
        };
        Ok(Value::bool(r))
    })();
    vm.pop_roots(mark);
    r
}

fn a_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, OP_LT)
}
fn a_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, OP_LE)
}
fn a_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, OP_EQ)
}
fn a_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, OP_NE)
}
fn a_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, OP_GT)
}
fn a_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, OP_GE)
}

// ------------------------------------------------------------ misc

fn a_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__repr__")?;
    let name = vm.type_name_of(a[0]);
    let name = name.rsplit('.').next().unwrap_or(&name).to_string();
    let data = bytes_of(o);
    if data.is_empty() {
        return Ok(vm.new_str(&format!("{name}('{}')", tc as char)));
    }
    let inner = if tc == b'u' {
        unicode_of(vm, &data)?
    } else {
        to_list(vm, tc, &data)?
    };
    let mark = vm.push_root(inner);
    let r = vm.repr_string(inner);
    vm.pop_roots(mark);
    Ok(vm.new_str(&format!("{name}('{}', {})", tc as char, r?)))
}

fn a_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a[0], "__sizeof__")?;
    // The header and the bytearray holding the items, with its buffer at
    // its capacity.
    let n = vm.owned_bytes(o.value()) + vm.owned_bytes(storage(o));
    Ok(vm.new_int(n as i64))
}

fn a_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, tc) = this(vm, a[0], "__copy__")?;
    let d = bytes_of(o);
    new_plain(vm, tc, &d)
}

fn a_deepcopy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "__deepcopy__", a, k, 1, 1)?;
    a_copy(vm, &a[..1], Value::EMPTY)
}

fn a_typecode(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, tc) = this(vm, a[0], "typecode")?;
    Ok(vm.new_str(&(tc as char).to_string()))
}

fn a_itemsize(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, tc) = this(vm, a[0], "itemsize")?;
    Ok(Value::int(itemsize(tc) as i64))
}

/// CPython's machine format code of each typecode on x86-64 Linux.
fn mformat(tc: u8) -> i64 {
    match tc {
        b'B' => 0,
        b'b' => 1,
        b'H' => 2,
        b'h' => 4,
        b'I' => 6,
        b'i' => 8,
        b'L' | b'Q' => 10,
        b'l' | b'q' => 12,
        b'f' => 14,
        b'd' => 16,
        _ => 20,
    }
}

/// The instance `__dict__` of array `v`, or None.
fn inst_dict(vm: &mut Vm, v: Value) -> Value {
    let d = vm.intern("__dict__");
    match vm.getattr(v, d) {
        Ok(x) if Obj::from_value(x).is_some_and(|o| o.kind() == proto_core::Kind::DICT) => {
            if vm.truthy(x).unwrap_or(false) {
                x
            } else {
                Value::NONE
            }
        }
        _ => Value::NONE,
    }
}

/// `__reduce_ex__(protocol)`: below protocol 3, `(type, (typecode, list),
/// dict)`; from 3 on, `(array._array_reconstructor, (type, typecode,
/// mformat_code, bytes), dict)`, as CPython.
fn a_reduce_ex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "__reduce_ex__", a, k, 1, 1)?;
    let (o, tc) = this(vm, a[0], "__reduce_ex__")?;
    let proto = crate::args::c_int(vm, a[1])?;
    let cls = vm.type_of(a[0]);
    let dict = inst_dict(vm, a[0]);
    let mark = vm.push_root(dict);
    let tcs = vm.new_str(&(tc as char).to_string());
    vm.push_root(tcs);
    let r = if proto < 3 {
        let l = to_list(vm, tc, &bytes_of(o));
        match l {
            Ok(l) => {
                vm.push_root(l);
                let args = vm.new_tuple(&[tcs, l]);
                vm.push_root(args);
                Ok(vm.new_tuple(&[cls, args, dict]))
            }
            Err(e) => Err(e),
        }
    } else {
        match module_state(vm, "array", STATE_RECON) {
            Ok(f) => {
                vm.push_root(f);
                let b = bytes_of(o);
                let bv = vm.new_bytes(&b);
                vm.push_root(bv);
                let args = vm.new_tuple(&[cls, tcs, Value::int(mformat(tc)), bv]);
                vm.push_root(args);
                Ok(vm.new_tuple(&[f, args, dict]))
            }
            Err(e) => Err(e),
        }
    };
    vm.pop_roots(mark);
    r
}

/// Decodes the items of `data` in machine format `code` (CPython's
/// `enum machine_format_code`) into Python values (rooted list).
fn decode_mformat(vm: &mut Vm, code: i64, data: &[u8]) -> PyResult<Value> {
    if code == 18 || code == 19 || code == 20 || code == 21 {
        let s = match code {
            20 | 21 => {
                let mut s = String::new();
                for ch in data.chunks_exact(4) {
                    let w = [ch[0], ch[1], ch[2], ch[3]];
                    let cp = if code == 20 {
                        u32::from_le_bytes(w)
                    } else {
                        u32::from_be_bytes(w)
                    };
                    match char::from_u32(cp) {
                        Some(c) => s.push(c),
                        None => return Err(vm.value_error("character out of range")),
                    }
                }
                s
            }
            _ => {
                let units: Vec<u16> = data
                    .chunks_exact(2)
                    .map(|c| {
                        if code == 18 {
                            u16::from_le_bytes([c[0], c[1]])
                        } else {
                            u16::from_be_bytes([c[0], c[1]])
                        }
                    })
                    .collect();
                match String::from_utf16(&units) {
                    Ok(s) => s,
                    Err(_) => return Err(vm.value_error("invalid UTF-16 data")),
                }
            }
        };
        return Ok(vm.new_str(&s));
    }
    let (size, signed, float, le) = match code {
        0 => (1, false, false, true),
        1 => (1, true, false, true),
        2..=13 => {
            let k = code - 2;
            let size = [2, 4, 8][(k / 4) as usize];
            let signed = (k / 2) % 2 == 1;
            (size, signed, false, k % 2 == 0)
        }
        14 | 15 => (4, false, true, code == 14),
        _ => (8, false, true, code == 16),
    };
    if !data.len().is_multiple_of(size) {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for ch in data.chunks_exact(size) {
        let mut w = ch.to_vec();
        if !le {
            w.reverse();
        }
        let x = if float {
            let f = if size == 4 {
                f32::from_le_bytes([w[0], w[1], w[2], w[3]]) as f64
            } else {
                let mut b = [0u8; 8];
                b.copy_from_slice(&w);
                f64::from_le_bytes(b)
            };
            vm.new_float(f)
        } else {
            let mut b = [0u8; 16];
            b[..size].copy_from_slice(&w);
            if signed && w[size - 1] & 0x80 != 0 {
                for x in b.iter_mut().skip(size) {
                    *x = 0xff;
                }
            }
            let v = i128::from_le_bytes(b);
            match i64::try_from(v) {
                Ok(i) => vm.new_int(i),
                Err(_) => vm.new_bigint(BigInt::from(v)),
            }
        };
        vm.list_append(l, x);
    }
    vm.pop_roots(mark);
    Ok(l)
}

/// `array._array_reconstructor(arraytype, typecode, mformat_code, items)`:
/// the unpickler of protocol-3 pickles.
fn reconstructor(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // a[0] is the module the builtin is bound to.
    crate::args::check_method(vm, "_array_reconstructor", a, k, 4, 4)?;
    let (cls, tcv, codev, items) = (a[1], a[2], a[3], a[4]);
    if !Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE) {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("first argument must be a type object, not {tn}")));
    }
    let base = base_type(vm)?;
    if !vm.is_subtype(cls, base) {
        let n = type_name(cls);
        return Err(vm.type_error(&format!("{n} is not a subtype of array.array")));
    }
    let tc = if is_str(tcv) && str_of(tcv).chars().count() == 1 {
        str_of(tcv).chars().next().unwrap_or('\0')
    } else {
        let tn = vm.type_name_of(tcv);
        return Err(vm.type_error(&format!(
            "_array_reconstructor() argument 2 must be a unicode character, not {tn}"
        )));
    };
    if !TYPECODES.contains(tc) {
        return Err(vm.value_error("second argument must be a valid type code"));
    }
    let code = crate::args::c_int(vm, codev)? as i64;
    if !(0..=21).contains(&code) {
        return Err(vm.value_error("third argument must be a valid machine format code."));
    }
    if !Obj::from_value(items).is_some_and(|o| o.kind() == proto_core::Kind::BYTES) {
        let tn = vm.type_name_of(items);
        return Err(vm.type_error(&format!("fourth argument should be bytes, not {tn}")));
    }
    let tc = tc as u8;
    let data = str_bytes(items).to_vec();
    if code == mformat(tc) {
        if !data.len().is_multiple_of(itemsize(tc)) {
            return Err(vm.value_error("bytes length not a multiple of item size"));
        }
        return Ok(alloc(vm, cls, tc, &data));
    }
    let vals = decode_mformat(vm, code, &data)?;
    let mark = vm.push_root(vals);
    let tcs = vm.new_str(&(tc as char).to_string());
    vm.push_root(tcs);
    let r = vm.call(cls, &[tcs, vals], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------ iterator

/// `arrayiterator`: value 0 the array (EMPTY once exhausted, so that the
/// iterator no longer keeps it alive), raw word 0 the next index. Items are
/// read from the array's storage, never through a subclass's `__getitem__`
/// (as CPython's `array_iter`).
fn a_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a[0], "__iter__")?;
    let t = *vm
        .g
        .array_iter
        .get()
        .expect("arrayiterator is made at start-up");
    let it = vm.alloc_obj(K_MISC, t, 1, 8);
    it.init(0, a[0]);
    Ok(it.value())
}

/// Makes the `arrayiterator` type (at start-up, before the array module is
/// imported: its step is one of `vm.g.iternext`'s).
pub fn init_iter_type(vm: &mut Vm) -> Value {
    let t = vm.new_static_type("arrayiterator", vm.g.types.object, K_MISC, false);
    let m = vm.new_str("array");
    vm.ctx.promote(m);
    vm.add_attr(t, "__module__", m);
    vm.add_method(t, "__iter__", ai_iter);
    vm.add_method(t, "__next__", ai_next);
    vm.add_method(t, "__reduce__", ai_reduce);
    vm.add_method(t, "__setstate__", ai_setstate);
    let _ = vm.g.array_iter.set(t);
    t
}

fn ai_this(vm: &mut Vm, v: Value, name: &str) -> PyResult<Obj> {
    match Obj::from_value(v) {
        Some(o) if o.kind() == K_MISC && Some(&o.class()) == vm.g.array_iter.get() => Ok(o),
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 'arrayiterator' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn ai_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    ai_this(vm, a[0], "__iter__")?;
    Ok(a[0])
}

fn ai_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let it = ai_this(vm, a[0], "__next__")?;
    let r = iter_step(vm, it)?;
    vm.next_or_stop(r)
}

/// One step of an `arrayiterator` (`vm.next` runs it directly): the next
/// item, or None once past the end (the array is then dropped). Threads
/// sharing one iterator each take their own index.
pub fn iter_step(vm: &mut Vm, it: Obj) -> PyResult<Option<Value>> {
    loop {
        let Some((o, tc)) = arr_of(it.get(0)) else {
            return Ok(None);
        };
        let i = get_raw(it, 0);
        let Some(u) = tb::ba_read_item(storage(o), i as i64, itemsize(tc)) else {
            vm.store(it, 0, Value::EMPTY);
            return Ok(None);
        };
        if engine::runtime::ops::claim_index(it, i as usize, i as usize + 1) {
            return unpack_word(vm, tc, u).map(Some);
        }
    }
}

/// `(iter, (array,), index)`, or `(iter, ((),))` once exhausted (CPython's).
fn ai_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let it = ai_this(vm, a[0], "__reduce__")?;
    let src = it.get(0);
    if src.is_empty() {
        let empty = vm.new_tuple(&[]);
        return crate::types::iterators::iter_call(vm, empty, None);
    }
    let idx = vm.new_int(get_raw(it, 0) as i64);
    crate::types::iterators::iter_call(vm, src, Some(idx))
}

/// `__setstate__(index)`: the index clamped to `0..=len(array)`.
fn ai_setstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let it = ai_this(vm, a[0], "__setstate__")?;
    if a.len() != 2 {
        return Err(vm.type_error(&format!(
            "__setstate__() takes exactly one argument ({} given)",
            a.len() - 1
        )));
    }
    let i = vm.index_isize(a[1])?;
    if let Some((o, tc)) = arr_of(it.get(0)) {
        let n = tb::ba_len(storage(o)) / itemsize(tc);
        set_raw(it, 0, i.clamp(0, n as isize) as u64);
    }
    Ok(Value::NONE)
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_module_with_state(vm, "array", 2);
    let mark = vm.push_root(m);
    let modname = vm.new_str("array");
    vm.ctx.promote(modname);
    vm.push_root(modname);

    let t = vm.new_static_type("array", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", a_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__len__", a_len),
        ("__iter__", a_iter),
        ("__getitem__", a_getitem),
        ("__setitem__", a_setitem),
        ("__delitem__", a_delitem),
        ("__contains__", a_contains),
        ("__add__", a_add),
        ("__iadd__", a_iadd),
        ("__mul__", a_mul),
        ("__rmul__", a_mul),
        ("__imul__", a_imul),
        ("__lt__", a_lt),
        ("__le__", a_le),
        ("__eq__", a_eq),
        ("__ne__", a_ne),
        ("__gt__", a_gt),
        ("__ge__", a_ge),
        ("__repr__", a_repr),
        ("__sizeof__", a_sizeof),
        ("__copy__", a_copy),
        ("__deepcopy__", a_deepcopy),
        ("__reduce_ex__", a_reduce_ex),
        ("append", a_append),
        ("extend", a_extend),
        ("insert", a_insert),
        ("pop", a_pop),
        ("remove", a_remove),
        ("index", a_index),
        ("count", a_count),
        ("reverse", a_reverse),
        ("byteswap", a_byteswap),
        ("buffer_info", a_buffer_info),
        ("tobytes", a_tobytes),
        ("frombytes", a_frombytes),
        ("tolist", a_tolist),
        ("fromlist", a_fromlist),
        ("tounicode", a_tounicode),
        ("fromunicode", a_fromunicode),
        ("tofile", a_tofile),
        ("fromfile", a_fromfile),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    let p = vm.new_native_getset(t, "typecode", a_typecode, None);
    vm.add_attr(t, "typecode", p);
    let p = vm.new_native_getset(t, "itemsize", a_itemsize, None);
    vm.add_attr(t, "itemsize", p);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_SEQUENCE);
    set_module_state(vm, m, STATE_TYPE, t);
    vm.set_module_attr(m, "array", t);
    vm.set_module_attr(m, "ArrayType", t);
    let tcs = vm.new_str(TYPECODES);
    vm.ctx.promote(tcs);
    vm.set_module_attr(m, "typecodes", tcs);
    let f = vm.new_builtin_bound("_array_reconstructor", reconstructor, m);
    vm.ctx.promote(f);
    vm.set_module_attr(m, "_array_reconstructor", f);
    set_module_state(vm, m, STATE_RECON, f);
    // As CPython's module init: arrays are registered MutableSequences.
    let r = vm.import_module("collections.abc").and_then(|abc| {
        let n = vm.intern("MutableSequence");
        let ms = vm.getattr(abc, n)?;
        vm.call_method(ms, "register", &[t])
    });
    vm.pop_roots(mark);
    r?;
    Ok(m)
}
