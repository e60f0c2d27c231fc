//! Simple C types (`_SimpleCData`, the `PyCSimpleType` metaclass): the type
//! codes, converting Python values to and from their C bytes (CPython's
//! `cfield.c` setters and getters, with its wrapping and messages),
//! `value`, `repr`, `from_param`, and the byte-swapped types.

use super::cdata::{self, cdata_of, new_carg, CData};
use super::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// The type codes CPython lists in its `_type_` error.
const CODES: &str = "cbBhHiIlLdfuzZqQPXOv?g";

/// (size, alignment) of a simple type code; None for unknown codes.
pub(crate) fn code_info(c: u8) -> Option<(usize, usize)> {
    Some(match c {
        b'b' | b'B' | b'c' | b'?' => (1, 1),
        b'h' | b'H' | b'v' => (2, 2),
        b'i' | b'I' | b'f' | b'u' => (4, 4),
        b'l' | b'L' | b'q' | b'Q' | b'd' | b'z' | b'Z' | b'P' | b'O' => (8, 8),
        b'g' => (16, 16),
        _ => return None,
    })
}

/// Whether type code `c` is an integer code.
pub(crate) fn is_int_code(c: u8) -> bool {
    matches!(
        c,
        b'b' | b'B' | b'h' | b'H' | b'i' | b'I' | b'l' | b'L' | b'q' | b'Q'
    )
}

pub(crate) fn is_signed(c: u8) -> bool {
    matches!(c, b'b' | b'h' | b'i' | b'l' | b'q')
}

/// `repr()` of a float, as Python's.
pub(crate) fn float_repr(f: f64) -> String {
    engine::runtime::text::float_repr(f)
}

/// The struct-module format of a ctypes type's buffer (memoryview).
pub(crate) fn buffer_format(s: &Stg) -> String {
    match s.kind {
        CKind::Simple => {
            let c = match s.code {
                b'z' | b'Z' | b'P' => 'P',
                b'O' => 'O',
                b'u' => 'u',
                c => c as char,
            };
            if s.swapped {
                format!(">{c}")
            } else {
                format!("<{c}")
            }
        }
        CKind::Array => s.elem_format.clone().unwrap_or_else(|| "B".into()),
        _ => "B".into(),
    }
}

/// A C address from an int (or `__index__`), as `from_address` and friends
/// take it.
pub(crate) fn addr_arg(vm: &mut Vm, v: Value) -> PyResult<usize> {
    if !vm.has_index(v) {
        return Err(vm.type_error("integer expected"));
    }
    let i = vm.index(v)?;
    let b = vm.as_bigint(i).unwrap_or_default();
    Ok(mask_bigint(&b, 64) as usize)
}

/// The low `bits` bits of `b` (two's complement), as CPython's
/// `PyLong_AsUnsignedLongMask`.
pub(crate) fn mask_bigint(b: &BigInt, bits: u32) -> u64 {
    let m = (BigInt::from(1u8) << 64u32) - 1u8;
    let low = if b.is_negative() {
        let r: BigInt = ((b % (&m + 1u8)) + (&m + 1u8)) & &m;
        r
    } else {
        b & &m
    };
    let u = low.to_u64().unwrap_or(0);
    if bits >= 64 {
        u
    } else {
        u & ((1u64 << bits) - 1)
    }
}

/// An int converted for an integer field: `__index__` taken, wrapped to 64
/// bits (the caller keeps the low bytes it needs).
pub(crate) fn int_bits(vm: &mut Vm, v: Value) -> PyResult<u64> {
    if let Some(i) = v.as_int() {
        return Ok(i as u64);
    }
    if v.is_bool() {
        return Ok((v == Value::TRUE) as u64);
    }
    if !vm.has_index(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "'{tn}' object cannot be interpreted as an integer"
        )));
    }
    let i = vm.index(v)?;
    match vm.as_bigint(i) {
        Some(b) => Ok(mask_bigint(&b, 64)),
        None => Ok(0),
    }
}

use crate::modules::math::float_arg;

/// x87 80-bit extended precision bytes (in 16) of `f`.
pub(crate) fn f64_to_f80(f: f64) -> [u8; 16] {
    let bits = f.to_bits();
    let sign = (bits >> 63) as u16;
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (e80, m80): (u16, u64) = if exp == 0 && frac == 0 {
        (0, 0)
    } else if exp == 0x7ff {
        (0x7fff, (1u64 << 63) | (frac << 11))
    } else if exp == 0 {
        // Subnormal double: normalise.
        let lz = frac.leading_zeros() as i32 - 11;
        let m = frac << (lz + 11 + 1);
        ((1 - 1023 - lz + 16383 - 1) as u16, m | (1u64 << 63))
    } else {
        ((exp - 1023 + 16383) as u16, (1u64 << 63) | (frac << 11))
    };
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&m80.to_le_bytes());
    out[8..10].copy_from_slice(&((sign << 15) | e80).to_le_bytes());
    out
}

/// The double nearest the x87 extended value in `b` (16 bytes).
pub(crate) fn f80_to_f64(b: &[u8]) -> f64 {
    let m = u64::from_le_bytes(b[..8].try_into().unwrap_or([0; 8]));
    let se = u16::from_le_bytes([b[8], b[9]]);
    let sign = if se & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = (se & 0x7fff) as i32;
    if e == 0 && m == 0 {
        return sign * 0.0;
    }
    if e == 0x7fff {
        return if m << 1 == 0 {
            sign * f64::INFINITY
        } else {
            f64::NAN
        };
    }
    sign * (m as f64) * 2f64.powi(e - 16383 - 63)
}

/// Packed bytes of one simple value plus an object to keep alive (the
/// memory a pointer code points to).
pub(crate) struct Packed {
    pub data: [u8; 16],
    pub keep: Value,
}

fn packed(data: &[u8]) -> Packed {
    let mut d = [0u8; 16];
    d[..data.len()].copy_from_slice(data);
    Packed {
        data: d,
        keep: Value::NONE,
    }
}

fn wchar_buffer(s: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(s.len() * 4 + 4);
    for ch in s.chars() {
        v.extend_from_slice(&(ch as u32).to_le_bytes());
    }
    v
}

/// Converts `v` to the C bytes of type code `c` (CPython's setters).
pub(crate) fn pack(vm: &mut Vm, c: u8, v: Value, swapped: bool) -> PyResult<Packed> {
    let size = code_info(c).map_or(8, |x| x.0);
    let mut p = match c {
        _ if is_int_code(c) => {
            let u = int_bits(vm, v)?;
            packed(&u.to_le_bytes()[..size])
        }
        b'f' => {
            let f = float_arg(vm, v)?;
            packed(&(f as f32).to_le_bytes())
        }
        b'd' => {
            let f = float_arg(vm, v)?;
            packed(&f.to_le_bytes())
        }
        b'g' => {
            let f = float_arg(vm, v)?;
            packed(&f64_to_f80(f))
        }
        b'?' => {
            let t = vm.truthy(v)?;
            packed(&[t as u8])
        }
        b'v' => {
            let t = vm.truthy(v)?;
            packed(&(if t { -1i16 } else { 0 }).to_le_bytes())
        }
        b'c' => {
            if let Some(i) = v.as_int() {
                if (0..256).contains(&i) {
                    return Ok(packed(&[i as u8]));
                }
            } else if let Some(b) = single_byte(v) {
                return Ok(packed(&[b]));
            }
            return Err(vm.type_error("one character bytes, bytearray or integer expected"));
        }
        b'u' => {
            if !is_str(v) {
                let tn = vm.type_name_of(v);
                return Err(
                    vm.type_error(&format!("unicode string expected instead of {tn} instance"))
                );
            }
            let s = str_of(v);
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(ch), None) => packed(&(ch as u32).to_le_bytes()),
                _ => {
                    return Err(vm.type_error("one character unicode string expected"));
                }
            }
        }
        b'z' => {
            if v == Value::NONE {
                packed(&[0; 8])
            } else if vm.is_int_like(v) {
                let u = int_bits(vm, v)?;
                packed(&u.to_le_bytes())
            } else if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
                let b = str_bytes(v).to_vec();
                let (keep, addr) = cdata::keep_bytes(vm, &b, 1)?;
                let mut p = packed(&(addr as u64).to_le_bytes());
                p.keep = keep;
                p
            } else {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!(
                    "bytes or integer address expected instead of {tn} instance"
                )));
            }
        }
        b'Z' => {
            if v == Value::NONE {
                packed(&[0; 8])
            } else if vm.is_int_like(v) {
                let u = int_bits(vm, v)?;
                packed(&u.to_le_bytes())
            } else if is_str(v) {
                let b = wchar_buffer(&str_of(v));
                let (keep, addr) = cdata::keep_bytes(vm, &b, 4)?;
                let mut p = packed(&(addr as u64).to_le_bytes());
                p.keep = keep;
                p
            } else {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!(
                    "unicode string or integer address expected instead of {tn} instance"
                )));
            }
        }
        b'P' => {
            if v == Value::NONE {
                packed(&[0; 8])
            } else if vm.is_int_like(v) {
                let u = int_bits(vm, v)?;
                packed(&u.to_le_bytes())
            } else {
                return Err(vm.type_error("cannot be converted to pointer"));
            }
        }
        b'O' => {
            let mut p = packed(&v.bits().to_le_bytes());
            p.keep = v;
            p
        }
        _ => return Err(vm.type_error("unsupported type code")),
    };
    if swapped {
        p.data[..size].reverse();
    }
    Ok(p)
}

fn single_byte(v: Value) -> Option<u8> {
    let o = Obj::from_value(v)?;
    let b = match o.kind() {
        Kind::BYTES => str_bytes(v).to_vec(),
        K_BYTEARRAY => crate::types::bytes::buf(v)?,
        _ => return None,
    };
    (b.len() == 1).then(|| b[0])
}

/// Reads a NUL-terminated C string of `unit`-byte characters at `addr`.
///
/// # Safety
/// `addr` must point to readable memory up to and including the
/// terminator (the program's promise, as in C).
pub(crate) unsafe fn c_string(addr: usize, unit: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut p = addr as *const u8;
    loop {
        let mut ch = [0u8; 4];
        // SAFETY: the caller promises the string is readable up to its
        // terminator; each step reads one character before it.
        unsafe { std::ptr::copy(p, ch.as_mut_ptr(), unit) };
        if ch[..unit].iter().all(|&b| b == 0) {
            break;
        }
        out.extend_from_slice(&ch[..unit]);
        // SAFETY: still inside the string (its terminator is further on).
        p = unsafe { p.add(unit) };
    }
    out
}

/// A str from UTF-32 units (wchar_t on Linux); invalid units become U+FFFD.
pub(crate) fn wchars_to_string(b: &[u8]) -> String {
    b.chunks_exact(4)
        .map(|c| char::from_u32(u32::from_le_bytes([c[0], c[1], c[2], c[3]])).unwrap_or('\u{fffd}'))
        .collect()
}

/// Where a `py_object` value read from memory may be found: the objects
/// kept alive by the instance that holds it.
pub(crate) fn find_kept(vm: &mut Vm, kept: Value, bits: u64) -> Option<Value> {
    if kept.bits() == bits && kept != Value::NONE {
        return Some(kept);
    }
    let o = Obj::from_value(kept)?;
    if o.kind() == Kind::DICT {
        let vals = vm.call_method(kept, "values", &[]).ok()?;
        let it = vm.iter(vals).ok()?;
        let mark = vm.push_root(it);
        let mut found = None;
        while let Ok(Some(v)) = vm.next(it) {
            if let Some(x) = find_kept(vm, v, bits) {
                found = Some(x);
                break;
            }
        }
        vm.pop_roots(mark);
        return found;
    }
    None
}

/// Converts the C bytes `b` of type code `c` to a Python value (CPython's
/// getters). `kept` is what the holding instance keeps alive (for `O`).
pub(crate) fn unpack(vm: &mut Vm, c: u8, b: &[u8], swapped: bool, kept: Value) -> PyResult<Value> {
    let size = code_info(c).map_or(8, |x| x.0);
    let mut w = [0u8; 16];
    w[..size.min(b.len())].copy_from_slice(&b[..size.min(b.len())]);
    if swapped {
        w[..size].reverse();
    }
    let u = u64::from_le_bytes(w[..8].try_into().unwrap_or([0; 8]));
    Ok(match c {
        b'b' => Value::int(w[0] as i8 as i64),
        b'B' => Value::int(w[0] as i64),
        b'h' => Value::int(i16::from_le_bytes([w[0], w[1]]) as i64),
        b'H' => Value::int(u16::from_le_bytes([w[0], w[1]]) as i64),
        b'i' => Value::int(i32::from_le_bytes([w[0], w[1], w[2], w[3]]) as i64),
        b'I' => Value::int(u32::from_le_bytes([w[0], w[1], w[2], w[3]]) as i64),
        b'l' | b'q' => vm.new_int(u as i64),
        b'L' | b'Q' => vm.new_bigint(BigInt::from(u)),
        b'f' => vm.new_float(f32::from_le_bytes([w[0], w[1], w[2], w[3]]) as f64),
        b'd' => vm.new_float(f64::from_bits(u)),
        b'g' => vm.new_float(f80_to_f64(&w)),
        b'?' => Value::bool(w[0] != 0),
        b'v' => Value::bool(i16::from_le_bytes([w[0], w[1]]) != 0),
        b'c' => vm.new_bytes(&[w[0]]),
        b'u' => {
            let cp = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            match char::from_u32(cp) {
                Some(ch) => vm.new_str(ch.encode_utf8(&mut [0u8; 4])),
                None => {
                    return Err(vm.value_error(&format!(
                        "character U+{cp:x} is not in range [U+0000; U+10ffff]"
                    )))
                }
            }
        }
        b'z' => {
            if u == 0 {
                Value::NONE
            } else {
                // SAFETY: a `c_char_p` holds the address of a C string (the
                // program's promise, as in C).
                let s = unsafe { c_string(u as usize, 1) };
                vm.new_bytes(&s)
            }
        }
        b'Z' => {
            if u == 0 {
                Value::NONE
            } else {
                // SAFETY: as for `z`, a wide string.
                let s = unsafe { c_string(u as usize, 4) };
                vm.new_str(&wchars_to_string(&s))
            }
        }
        b'P' => {
            if u == 0 {
                Value::NONE
            } else {
                vm.new_bigint(BigInt::from(u))
            }
        }
        b'O' => {
            if u == 0 {
                return Err(vm.value_error("PyObject is NULL"));
            }
            match find_kept(vm, kept, u) {
                Some(v) => v,
                None => {
                    return Err(vm.value_error("py_object: no object is kept alive at this address"))
                }
            }
        }
        _ => Value::NONE,
    })
}

/// The root `_objects` of an instance (what its memory keeps alive).
pub(crate) fn kept_of(v: Value) -> Value {
    let mut cur = v;
    loop {
        let Some((o, _)) = cdata_of(cur) else {
            return Value::NONE;
        };
        let b = cdata::base_of(o);
        if b == Value::NONE {
            return cdata::objects_of(o);
        }
        cur = b;
    }
}

/// Reads the simple value of code `c` at `off` of instance `inst`.
pub(crate) fn get_at(
    vm: &mut Vm,
    inst: Value,
    c: &CData,
    off: usize,
    code: u8,
    swapped: bool,
) -> PyResult<Value> {
    let size = code_info(code).map_or(8, |x| x.0);
    let mut b = [0u8; 16];
    c.read(off, &mut b[..size]);
    let kept = if code == b'O' {
        kept_of(inst)
    } else {
        Value::NONE
    };
    unpack(vm, code, &b[..size], swapped, kept)
}

/// Writes the simple value `v` of code `code` at `off` of instance `inst`;
/// `index` names the place in `_objects` for what it must keep alive.
pub(crate) fn set_at(
    vm: &mut Vm,
    inst: Value,
    off: usize,
    code: u8,
    swapped: bool,
    v: Value,
    index: usize,
) -> PyResult<()> {
    let size = code_info(code).map_or(8, |x| x.0);
    let p = pack(vm, code, v, swapped)?;
    let (_, c) = cdata_of(inst).expect("instance");
    c.write(off, &p.data[..size]);
    if p.keep != Value::NONE {
        let mark = vm.push_root(p.keep);
        let r = cdata::keep_ref(vm, inst, index, p.keep);
        vm.pop_roots(mark);
        r?;
    }
    Ok(())
}

// ------------------------------------------------------------ the metaclass

/// `PyCSimpleType.__new__(mcls, name, bases, ns)`.
fn meta_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    new_class(vm, a, k, init_simple_class)
}

/// A ctypes metaclass's `__new__`: the class `type.__new__` makes, then
/// `init` computes its layout (the class rooted meanwhile).
pub(crate) fn new_class(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    init: impl FnOnce(&mut Vm, Value) -> PyResult<()>,
) -> PyResult<Value> {
    let cls = call_type_new(vm, a, k)?;
    let mark = vm.push_root(cls);
    let r = init(vm, cls);
    vm.pop_roots(mark);
    r?;
    Ok(cls)
}

/// `type.__new__(mcls, name, bases, ns, **k)` as the C code calls it
/// (not through `type.__new__`'s wrapper, whose safety check refuses a
/// metaclass with a native `__new__`).
pub(crate) fn call_type_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    let npos = a.len() - nkw;
    if npos != 4 {
        return Err(vm.type_error("type.__new__() takes exactly 3 arguments"));
    }
    let (meta, name, bases, ns) = (a[0], a[1], a[2], a[3]);
    let bo = match Obj::from_value(bases).filter(|o| o.kind() == Kind::TUPLE) {
        Some(o) => o,
        None => return Err(vm.type_error("type.__new__() argument 2 must be tuple")),
    };
    let bl: Vec<Value> = (0..bo.n_values()).map(|i| bo.get(i)).collect();
    if !is_str(name) {
        return Err(vm.type_error("type.__new__() argument 1 must be str"));
    }
    vm.new_class_kw(meta, name, &bl, ns, &a[4..], k)
}

fn bad_type_attr(vm: &mut Vm) -> PyException {
    vm.new_exc(
        vm.g.e.AttributeError,
        &format!(
            "class must define a '_type_' attribute which must be\n\
             a single character string containing one of '{CODES}'."
        ),
    )
}

fn init_simple_class(vm: &mut Vm, cls: Value) -> PyResult<()> {
    let Some(t) = class_attr(vm, cls, "_type_") else {
        return Err(vm.new_exc(
            vm.g.e.AttributeError,
            "class must define a '_type_' attribute",
        ));
    };
    if !is_str(t) {
        return Err(vm.type_error("class must define a '_type_' string attribute"));
    }
    let s = str_of(t);
    if s.len() != 1 {
        return Err(bad_type_attr(vm));
    }
    let code = s.as_bytes()[0];
    if !CODES.as_bytes().contains(&code) {
        return Err(bad_type_attr(vm));
    }
    let Some((size, align)) = code_info(code) else {
        return Err(vm.value_error(&format!("_type_ '{}' not supported", code as char)));
    };
    let stg = Stg {
        kind: CKind::Simple,
        code,
        size,
        align,
        length: 0,
        ffi: Ffi::Prim(code),
        flags: 0,
        has_pointer: false,
        has_fields: false,
        swapped: false,
        elem_format: None,
    };
    set_stg(vm, cls, stg.clone());
    // The byte-swapped twin (`__ctype_be__` on this little-endian host).
    if matches!(
        code,
        b'h' | b'H' | b'i' | b'I' | b'l' | b'L' | b'q' | b'Q' | b'f' | b'd'
    ) && class_is_fundamental(vm, cls)
    {
        let name = format!("{}_be", type_name(cls));
        let nm = vm.new_str(&name);
        let mark = vm.push_root(nm);
        let bases = vm.new_tuple(&[cls]);
        vm.push_root(bases);
        let ns = vm.new_dict();
        vm.push_root(ns);
        let key = vm.intern("_type_");
        vm.dict_set_str(ns, key, t);
        // Made with type.__new__ so that this metaclass's __new__ does not
        // make a twin of the twin.
        let meta = vm.type_of(cls);
        let r = call_type_new(vm, &[meta, nm, bases, ns], Value::EMPTY);
        vm.pop_roots(mark);
        let sw = r?;
        let mark = vm.push_root(sw);
        let mut s2 = stg;
        s2.swapped = true;
        set_stg(vm, sw, s2);
        let be = vm.intern("__ctype_be__");
        let le = vm.intern("__ctype_le__");
        vm.setattr(cls, le, cls)?;
        vm.setattr(cls, be, sw)?;
        vm.setattr(sw, le, cls)?;
        vm.setattr(sw, be, sw)?;
        vm.pop_roots(mark);
    } else if matches!(code, b'c' | b'b' | b'B') {
        let be = vm.intern("__ctype_be__");
        let le = vm.intern("__ctype_le__");
        vm.setattr(cls, le, cls)?;
        vm.setattr(cls, be, cls)?;
    }
    Ok(())
}

/// Whether `cls` derives directly from `_SimpleCData` (CPython returns the
/// Python value, not an instance, for such types' results and fields).
pub(crate) fn class_is_fundamental(vm: &Vm, cls: Value) -> bool {
    let _ = vm;
    Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE && o.get(T_BASE) == g().simple)
}

// ------------------------------------------------------------ instances

fn this(vm: &mut Vm, a: &[Value]) -> PyResult<(Obj, &'static CData, &'static Stg)> {
    let v = a.first().copied().unwrap_or(Value::NONE);
    if let Some((o, c)) = cdata_of(v) {
        let t = vm.type_of(v);
        if let Some(s) = stg_of(vm, t).filter(|s| s.kind == CKind::Simple) {
            return Ok((o, c, s));
        }
    }
    Err(vm.type_error("expected a _SimpleCData instance"))
}

fn s_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("_SimpleCData.__new__(): not enough arguments"));
    };
    let stg = cdata::need_stg(vm, cls)?;
    cdata::new_owned(vm, cls, stg)
}

fn s_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    let npos = a.len() - nkw;
    if nkw > 0 {
        let kn = Obj::from_value(k).expect("kwnames").get(0);
        if nkw > 1 || str_of(kn) != "value" || npos > 1 {
            return Err(vm.type_error(&format!(
                "'{}' is an invalid keyword argument for this function",
                str_of(kn)
            )));
        }
    }
    if a.len() > 2 {
        return Err(vm.type_error(&format!(
            "function takes at most 1 argument ({} given)",
            a.len() - 1
        )));
    }
    if a.len() == 2 {
        set_value(vm, a[0], a[1])?;
    }
    Ok(Value::NONE)
}

fn set_value(vm: &mut Vm, inst: Value, v: Value) -> PyResult<()> {
    let (_, _, s) = this(vm, &[inst])?;
    set_at(vm, inst, 0, s.code, s.swapped, v, 0)?;
    if s.code == b'O' {
        cdata::set_objects(vm, inst, v)?;
    }
    Ok(())
}

fn s_value_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, c, s) = this(vm, a)?;
    get_at(vm, a[0], c, 0, s.code, s.swapped)
}

fn s_value_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(vm.type_error("can't delete attribute"));
    }
    set_value(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn s_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, c, s) = this(vm, a)?;
    let cls = vm.type_of(a[0]);
    let name = type_name(cls);
    if !class_is_fundamental(vm, cls) {
        let addr = a[0].bits();
        return Ok(vm.new_str(&format!("<{name} object at {addr:#x}>")));
    }
    let body = if s.code == b'O' {
        let mut b = [0u8; 8];
        c.read(0, &mut b);
        if u64::from_le_bytes(b) == 0 {
            "<NULL>".to_string()
        } else {
            let v = get_at(vm, a[0], c, 0, s.code, s.swapped)?;
            let r = vm.repr(v)?;
            str_of(r).into_owned()
        }
    } else if matches!(s.code, b'z' | b'Z') {
        let mut b = [0u8; 8];
        c.read(0, &mut b);
        let u = u64::from_le_bytes(b);
        if u == 0 {
            "None".to_string()
        } else {
            u.to_string()
        }
    } else {
        let v = get_at(vm, a[0], c, 0, s.code, s.swapped)?;
        let r = vm.repr(v)?;
        str_of(r).into_owned()
    };
    Ok(vm.new_str(&format!("{name}({body})")))
}

fn s_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, c, s) = this(vm, a)?;
    let mut b = [0u8; 16];
    c.read(0, &mut b[..s.size]);
    Ok(Value::bool(b[..s.size].iter().any(|&x| x != 0)))
}

fn s_from_outparam(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = vm.type_of(a[0]);
    if class_is_fundamental(vm, cls) {
        return s_value_get(vm, a, Value::EMPTY);
    }
    Ok(a[0])
}

// ------------------------------------------------------------ from_param

fn wrong_type(vm: &mut Vm) -> PyException {
    vm.type_error("wrong type")
}

/// `from_param` of simple types.
fn s_from_param(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("from_param() takes exactly one argument"));
    }
    let (cls, v) = (a[0], a[1]);
    let Some(s) = stg_of(vm, cls) else {
        return Err(cdata::abstract_class(vm));
    };
    if vm.isinstance(v, cls) {
        return Ok(v);
    }
    match s.code {
        b'z' | b'Z' | b'P' => {
            if let Some(r) = pointer_like_param(vm, s.code, v)? {
                return Ok(r);
            }
        }
        _ => {
            if let Ok(p) = pack(vm, s.code, v, s.swapped) {
                return Ok(new_carg(vm, s.code, p.data, p.keep));
            }
        }
    }
    let k = vm.intern("_as_parameter_");
    if let Some(p) = cdata::getattr_opt(vm, v, k)? {
        let mark = vm.push_root(p);
        let r = vm.call_method(cls, "from_param", &[p]);
        vm.pop_roots(mark);
        return r;
    }
    Err(wrong_type(vm))
}

/// `from_param` of `c_char_p`, `c_wchar_p` and `c_void_p`: None, ints,
/// strings, and ctypes objects whose type fits.
fn pointer_like_param(vm: &mut Vm, code: u8, v: Value) -> PyResult<Option<Value>> {
    let carg = |vm: &mut Vm, tag: u8, addr: u64, keep: Value| {
        let mut d = [0u8; 16];
        d[..8].copy_from_slice(&addr.to_le_bytes());
        new_carg(vm, tag, d, keep)
    };
    if v == Value::NONE {
        return Ok(Some(carg(vm, b'P', 0, Value::NONE)));
    }
    let is_bytes = Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES);
    if (code == b'z' || code == b'P') && is_bytes {
        let p = pack(vm, b'z', v, false)?;
        return Ok(Some(new_carg(vm, b'z', p.data, p.keep)));
    }
    if (code == b'Z' || code == b'P') && is_str(v) {
        let p = pack(vm, b'Z', v, false)?;
        return Ok(Some(new_carg(vm, b'Z', p.data, p.keep)));
    }
    if code == b'P' && vm.is_int_like(v) {
        let u = int_bits(vm, v)?;
        return Ok(Some(carg(vm, b'P', u, Value::NONE)));
    }
    if let Some((o, c)) = cdata::carg_of(v) {
        if c.tag == b'P' {
            let _ = o;
            return Ok(Some(v));
        }
    }
    if let Some((_, c)) = cdata_of(v) {
        let t = vm.type_of(v);
        if let Some(s) = stg_of(vm, t) {
            let elem_code = super::array::elem_code(vm, t);
            let ok = match code {
                b'P' => {
                    matches!(s.kind, CKind::Array | CKind::Pointer | CKind::FuncPtr)
                        || (s.kind == CKind::Simple && matches!(s.code, b'z' | b'Z' | b'P'))
                }
                b'z' => {
                    (matches!(s.kind, CKind::Array | CKind::Pointer) && elem_code == Some(b'c'))
                        || (s.kind == CKind::Simple && s.code == b'z')
                }
                _ => {
                    (matches!(s.kind, CKind::Array | CKind::Pointer) && elem_code == Some(b'u'))
                        || (s.kind == CKind::Simple && s.code == b'Z')
                }
            };
            if ok {
                if s.kind == CKind::Array {
                    return Ok(Some(carg(vm, b'P', c.addr() as u64, v)));
                }
                let mut b = [0u8; 8];
                c.read(0, &mut b);
                return Ok(Some(carg(vm, b'P', u64::from_le_bytes(b), v)));
            }
        }
    }
    Ok(None)
}

pub(crate) fn init(vm: &mut Vm) -> PyResult<()> {
    let gl = g();
    let m = gl.simple_meta;
    vm.add_static(m, "__new__", meta_new, false);
    cdata::add_type_methods(vm, m, s_from_param);
    let t = gl.simple;
    vm.add_static(t, "__new__", s_new, false);
    vm.add_method(t, "__init__", s_init);
    vm.add_method(t, "__repr__", s_repr);
    vm.add_method(t, "__bool__", s_bool);
    vm.add_method(t, "__ctypes_from_outparam__", s_from_outparam);
    let p = vm.new_native_getset(t, "value", s_value_get, Some(s_value_set));
    vm.add_attr(t, "value", p);
    Ok(())
}
