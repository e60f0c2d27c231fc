//! Arrays (`Array`, the `PyCArrayType` metaclass, `type * n`): element
//! access by index and slice, `len`, and the `value`/`raw` attributes of
//! `c_char` and `c_wchar` arrays.

use super::cdata::{self, cdata_of};
use super::simple;
use super::structs;
use super::*;
use proto_core::sync::{self, Mutex};

/// The array types made by `type * n`, keyed by (element type, length):
/// `c_int * 3` is the same class each time, as in CPython. Holds its
/// classes alive (they are global roots); only touched off the hot path.
static CACHE: Mutex<Vec<(u64, usize, u64)>> = Mutex::new(Vec::new());

/// The type code of the element type of the array or pointer type `t`,
/// when it is a simple type.
pub(crate) fn elem_code(vm: &mut Vm, t: Value) -> Option<u8> {
    let e = class_attr(vm, t, "_type_")?;
    stg_of(vm, e)
        .filter(|s| s.kind == CKind::Simple)
        .map(|s| s.code)
}

/// `elem * n`: the array type of `n` elements of `elem` (made once).
pub(crate) fn array_type(vm: &mut Vm, elem: Value, n: usize) -> PyResult<Value> {
    {
        let c = sync::lock(&CACHE);
        if let Some(&(_, _, t)) = c.iter().find(|e| e.0 == elem.bits() && e.1 == n) {
            return Ok(Value::from_bits(t));
        }
    }
    if stg_of(vm, elem).is_none() {
        return Err(vm.type_error("_type_ must have storage info"));
    }
    let name = format!("{}_Array_{n}", type_name(elem));
    let nm = vm.new_str(&name);
    let mark = vm.push_root(nm);
    let bases = vm.new_tuple(&[g().array]);
    vm.push_root(bases);
    let ns = vm.new_dict();
    vm.push_root(ns);
    let k = vm.intern("_length_");
    let nv = vm.new_int(n as i64);
    vm.dict_set_str(ns, k, nv);
    let k = vm.intern("_type_");
    vm.dict_set_str(ns, k, elem);
    // The new class's module: the element type's, as CPython's
    // `PyCArrayType_from_ctype` leaves it (the caller's module).
    let k = vm.intern("__module__");
    let m = vm.new_str("_ctypes");
    vm.dict_set_str(ns, k, m);
    let r = vm.call(g().array_meta, &[nm, bases, ns], Value::EMPTY);
    vm.pop_roots(mark);
    let t = r?;
    vm.ctx.promote(t);
    vm.ctx.add_global_root(t);
    let mut c = sync::lock(&CACHE);
    if let Some(&(_, _, t2)) = c.iter().find(|e| e.0 == elem.bits() && e.1 == n) {
        return Ok(Value::from_bits(t2));
    }
    // The element type stays alive through the array type's `_type_`.
    c.push((elem.bits(), n, t.bits()));
    Ok(t)
}

fn meta_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    simple::new_class(vm, a, k, init_class)
}

fn init_class(vm: &mut Vm, cls: Value) -> PyResult<()> {
    let len = match class_attr(vm, cls, "_length_") {
        Some(l) if vm.is_int_like(l) => {
            let b = vm.as_bigint(l).unwrap_or_default();
            match num_traits::ToPrimitive::to_isize(&b) {
                Some(n) if n >= 0 => n as usize,
                Some(_) => {
                    return Err(vm.value_error("The '_length_' attribute must not be negative"))
                }
                None => {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "The '_length_' attribute is too large",
                    ))
                }
            }
        }
        Some(_) => {
            return Err(vm.type_error("The '_length_' attribute must be an integer"));
        }
        None => {
            return Err(vm.new_exc(
                vm.g.e.AttributeError,
                "class must define a '_length_' attribute",
            ))
        }
    };
    let Some(elem) = class_attr(vm, cls, "_type_") else {
        return Err(vm.new_exc(
            vm.g.e.AttributeError,
            "class must define a '_type_' attribute",
        ));
    };
    let Some(es) = stg_of(vm, elem) else {
        return Err(vm.type_error("_type_ must have storage info"));
    };
    let Some(size) = es
        .size
        .checked_mul(len)
        .filter(|&s| s <= isize::MAX as usize)
    else {
        return Err(vm.new_exc(vm.g.e.OverflowError, "array too large"));
    };
    let stg = Stg {
        kind: CKind::Array,
        code: 0,
        size,
        align: es.align,
        length: len,
        ffi: Ffi::Struct(std::sync::Arc::new(vec![es.ffi.clone()])),
        flags: 0,
        has_pointer: es.has_pointer
            || matches!(es.kind, CKind::Pointer | CKind::FuncPtr)
            || (es.kind == CKind::Simple && matches!(es.code, b'z' | b'Z' | b'P' | b'O')),
        has_fields: false,
        swapped: false,
        elem_format: Some(simple::buffer_format(es)),
    };
    let (ekind, ecode) = (es.kind, es.code);
    set_stg(vm, cls, stg);
    if ekind == CKind::Simple && (ecode == b'c' || ecode == b'u') {
        let (get, set): (NativeFn, NativeFn) = if ecode == b'c' {
            (char_value_get, char_value_set)
        } else {
            (wchar_value_get, wchar_value_set)
        };
        let p = vm.new_native_getset(cls, "value", get, Some(set));
        vm.add_attr(cls, "value", p);
        if ecode == b'c' {
            let p = vm.new_native_getset(cls, "raw", raw_get, Some(raw_set));
            vm.add_attr(cls, "raw", p);
        }
    }
    Ok(())
}

// ------------------------------------------------------------ instances

pub(crate) struct This {
    c: &'static CData,
    len: usize,
    esize: usize,
    elem: Value,
}

fn this(vm: &mut Vm, v: Value) -> PyResult<This> {
    if let Some((_, c)) = cdata_of(v) {
        let t = vm.type_of(v);
        if let Some(s) = stg_of(vm, t).filter(|s| s.kind == CKind::Array) {
            let elem = class_attr(vm, t, "_type_").unwrap_or(Value::NONE);
            let esize = stg_of(vm, elem).map_or(0, |e| e.size);
            return Ok(This {
                c,
                len: s.length,
                esize,
                elem,
            });
        }
    }
    Err(vm.type_error("expected a ctypes array"))
}

fn ar_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("Array.__new__(): not enough arguments"));
    };
    let stg = cdata::need_stg(vm, cls)?;
    cdata::new_owned(vm, cls, stg)
}

fn ar_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if nkw > 0 {
        return Err(vm.type_error("Array() takes no keyword arguments"));
    }
    let t = this(vm, a[0])?;
    for (i, &v) in a[1..].iter().enumerate() {
        if i >= t.len {
            return Err(vm.new_exc(vm.g.e.IndexError, "invalid index"));
        }
        structs::set_typed(vm, a[0], i * t.esize, t.elem, v, i)?;
    }
    Ok(Value::NONE)
}

fn ar_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = this(vm, a[0])?;
    Ok(Value::int(t.len as i64))
}

fn index_of(vm: &mut Vm, v: Value, len: usize) -> PyResult<usize> {
    let i = vm.index_isize(v)?;
    let j = if i < 0 { i + len as isize } else { i };
    if j < 0 || j as usize >= len {
        return Err(vm.new_exc(vm.g.e.IndexError, "invalid index"));
    }
    Ok(j as usize)
}

fn ar_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = this(vm, a[0])?;
    if crate::types::seq::is_slice(a[1]) {
        let idx = slice_positions(vm, a[1], t.len)?;
        return get_many(vm, a[0], &t, &idx);
    }
    if !vm.has_index(a[1]) {
        return Err(vm.type_error("indices must be integers"));
    }
    let i = index_of(vm, a[1], t.len)?;
    structs::get_typed(vm, a[0], t.c, i * t.esize, t.elem)
}

fn slice_positions(vm: &mut Vm, s: Value, len: usize) -> PyResult<Vec<usize>> {
    let (start, stop, step, _) = crate::types::seq::slice_indices(vm, s, len)?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

/// Elements at `idx`: bytes for `c_char` arrays, str for `c_wchar`
/// arrays, else a list.
pub(crate) fn get_many(vm: &mut Vm, inst: Value, t: &This, idx: &[usize]) -> PyResult<Value> {
    let ecode = stg_of(vm, t.elem)
        .filter(|s| s.kind == CKind::Simple)
        .map(|s| s.code);
    let fundamental = simple::class_is_fundamental(vm, t.elem);
    if fundamental && ecode == Some(b'c') {
        let mut b = vec![0u8; t.len];
        t.c.read(0, &mut b);
        let out: Vec<u8> = idx.iter().map(|&i| b[i]).collect();
        return Ok(vm.new_bytes(&out));
    }
    if fundamental && ecode == Some(b'u') {
        let mut b = vec![0u8; t.len * 4];
        t.c.read(0, &mut b);
        let out: String = idx
            .iter()
            .map(|&i| {
                let c = &b[i * 4..i * 4 + 4];
                char::from_u32(u32::from_le_bytes([c[0], c[1], c[2], c[3]])).unwrap_or('\u{fffd}')
            })
            .collect();
        return Ok(vm.new_str(&out));
    }
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for &i in idx {
        let v = structs::get_typed(vm, inst, t.c, i * t.esize, t.elem)?;
        vm.call_method(l, "append", &[v])?;
    }
    vm.pop_roots(mark);
    Ok(l)
}

fn ar_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 3 {
        return Err(vm.type_error("Array does not support item deletion"));
    }
    let t = this(vm, a[0])?;
    if crate::types::seq::is_slice(a[1]) {
        let idx = slice_positions(vm, a[1], t.len)?;
        let n = vm.len(a[2])?;
        if n != idx.len() {
            return Err(vm.value_error("Can only assign sequence of same size"));
        }
        for (j, &i) in idx.iter().enumerate() {
            let jv = Value::int(j as i64);
            let item = vm.getitem(a[2], jv)?;
            let mark = vm.push_root(item);
            let r = structs::set_typed(vm, a[0], i * t.esize, t.elem, item, i);
            vm.pop_roots(mark);
            r?;
        }
        return Ok(Value::NONE);
    }
    if !vm.has_index(a[1]) {
        return Err(vm.type_error("indices must be integer"));
    }
    let i = index_of(vm, a[1], t.len)?;
    structs::set_typed(vm, a[0], i * t.esize, t.elem, a[2], i)?;
    Ok(Value::NONE)
}

fn ar_delitem(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("Array does not support item deletion"))
}

fn ar_class_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let ga = vm.g.types.generic_alias;
    vm.call(ga, a, Value::EMPTY)
}

// ------------------------------------------------------------ value / raw

fn char_value_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = this(vm, a[0])?;
    let b = t.c.bytes();
    let n = b.iter().position(|&x| x == 0).unwrap_or(b.len());
    Ok(vm.new_bytes(&b[..n]))
}

fn char_value_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(vm.type_error("can't delete attribute"));
    }
    let t = this(vm, a[0])?;
    if Obj::from_value(a[1]).is_none_or(|o| o.kind() != Kind::BYTES) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("bytes expected instead of {tn} instance")));
    }
    let b = str_bytes(a[1]);
    if b.len() > t.len {
        return Err(vm.value_error("byte string too long"));
    }
    let mut buf = b.to_vec();
    if buf.len() < t.len {
        buf.push(0);
    }
    t.c.write(0, &buf);
    Ok(Value::NONE)
}

fn raw_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = this(vm, a[0])?;
    let b = t.c.bytes();
    Ok(vm.new_bytes(&b[..t.len.min(b.len())]))
}

fn raw_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(vm.type_error("can't delete attribute"));
    }
    let t = this(vm, a[0])?;
    let b = match cdata_of(a[1]) {
        Some((_, c)) => c.bytes(),
        None => match crate::types::bytes::buf(a[1]) {
            Some(b) => b,
            None => {
                let tn = vm.type_name_of(a[1]);
                return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
            }
        },
    };
    if b.len() > t.len {
        return Err(vm.value_error("byte string too long"));
    }
    t.c.write(0, &b);
    Ok(Value::NONE)
}

fn wchar_value_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = this(vm, a[0])?;
    let b = t.c.bytes();
    let mut n = t.len;
    for (i, ch) in b.chunks_exact(4).enumerate() {
        if ch == [0, 0, 0, 0] {
            n = i;
            break;
        }
    }
    Ok(vm.new_str(&simple::wchars_to_string(&b[..n * 4])))
}

fn wchar_value_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(vm.type_error("can't delete attribute"));
    }
    let t = this(vm, a[0])?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("unicode string expected instead of {tn} instance")));
    }
    let mut w: Vec<u8> = str_of(a[1])
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    if w.len() / 4 > t.len {
        return Err(vm.value_error("string too long"));
    }
    if w.len() / 4 < t.len {
        w.extend_from_slice(&[0; 4]);
    }
    t.c.write(0, &w);
    Ok(Value::NONE)
}

pub(crate) fn init(vm: &mut Vm) -> PyResult<()> {
    let gl = g();
    vm.add_static(gl.array_meta, "__new__", meta_new, false);
    cdata::add_type_methods(vm, gl.array_meta, cdata::t_from_param);
    let t = gl.array;
    vm.add_static(t, "__new__", ar_new, false);
    let ms: &[(&'static str, NativeFn)] = &[
        ("__init__", ar_init),
        ("__len__", ar_len),
        ("__getitem__", ar_getitem),
        ("__setitem__", ar_setitem),
        ("__delitem__", ar_delitem),
    ];
    for &(n, f) in ms {
        vm.add_method(t, n, f);
    }
    vm.add_static(t, "__class_getitem__", ar_class_getitem, true);
    Ok(())
}
