//! Pointers (`_Pointer`, the `PyCPointerType` metaclass, `POINTER`,
//! `pointer`): `contents`, indexing and slicing through the pointer, and
//! what a pointer argument accepts (`from_param`).

use super::cdata::{self, cdata_of, new_carg, CData};
use super::simple;
use super::structs;
use super::*;

fn meta_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    simple::new_class(vm, a, k, init_class)
}

fn pointer_stg() -> Stg {
    Stg {
        kind: CKind::Pointer,
        code: 0,
        size: 8,
        align: 8,
        length: 0,
        ffi: Ffi::Prim(b'P'),
        flags: 0,
        has_pointer: true,
        has_fields: false,
        swapped: false,
        elem_format: None,
    }
}

fn init_class(vm: &mut Vm, cls: Value) -> PyResult<()> {
    if let Some(t) = class_attr(vm, cls, "_type_") {
        if stg_of(vm, t).is_none() {
            return Err(vm.type_error("_type_ must have storage info"));
        }
    }
    let mut s = pointer_stg();
    if let Some(f) = class_attr(vm, cls, "_type_").and_then(|t| stg_of(vm, t)) {
        s.elem_format = Some(simple::buffer_format(f));
    }
    set_stg(vm, cls, s);
    Ok(())
}

/// `PyCPointerType.set_type(cls, type)`: completes a pointer type made
/// from a name.
fn meta_set_type(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("set_type() takes exactly one argument"));
    }
    if stg_of(vm, a[1]).is_none() {
        return Err(vm.type_error("_type_ must have storage info"));
    }
    let k = vm.intern("_type_");
    let sa = vm.intern("__setattr__");
    let t = vm.g.types.type_;
    let tsa = vm.getattr(t, sa)?;
    vm.call(tsa, &[a[0], k, a[1]], Value::EMPTY)?;
    Ok(Value::NONE)
}

/// `POINTER(cls)`: the pointer type to `cls`, made once and kept in
/// `_pointer_type_cache`.
pub(crate) fn m_pointer_type(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let [cls] = a else {
        return Err(vm.type_error("POINTER() takes exactly one argument"));
    };
    let cache = g().pointer_cache;
    if let Some(t) = vm.dict_get(cache, *cls)? {
        return Ok(t);
    }
    let (name, ns) = if is_str(*cls) {
        (format!("LP_{}", str_of(*cls)), vm.new_dict())
    } else if Obj::from_value(*cls).is_some_and(|o| o.kind() == K_TYPE) {
        let ns = vm.new_dict();
        let k = vm.intern("_type_");
        vm.dict_set_str(ns, k, *cls);
        (format!("LP_{}", type_name(*cls)), ns)
    } else {
        return Err(vm.type_error("must be a ctypes type"));
    };
    let mark = vm.push_root(ns);
    let nm = vm.new_str(&name);
    vm.push_root(nm);
    let bases = vm.new_tuple(&[g().pointer]);
    vm.push_root(bases);
    let r = vm.call(g().pointer_meta, &[nm, bases, ns], Value::EMPTY);
    let r = match r {
        Ok(t) => {
            vm.push_root(t);
            let key = if is_str(*cls) { t } else { *cls };
            vm.dict_set(cache, key, t).map(|_| t)
        }
        Err(e) => Err(e),
    };
    vm.pop_roots(mark);
    r
}

/// `pointer(obj)`: `POINTER(type(obj))(obj)`.
pub(crate) fn m_pointer(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let [obj] = a else {
        return Err(vm.type_error("pointer() takes exactly one argument"));
    };
    let t = vm.type_of(*obj);
    let pt = m_pointer_type(vm, &[t], Value::EMPTY)?;
    let mark = vm.push_root(pt);
    let r = vm.call(pt, &[*obj], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------ instances

struct This {
    c: &'static CData,
    /// The pointed-to type, if set.
    elem: Option<Value>,
}

fn this(vm: &mut Vm, v: Value) -> PyResult<This> {
    if let Some((_, c)) = cdata_of(v) {
        let t = vm.type_of(v);
        if stg_of(vm, t).is_some_and(|s| s.kind == CKind::Pointer) {
            let elem = class_attr(vm, t, "_type_");
            return Ok(This { c, elem });
        }
    }
    Err(vm.type_error("expected a ctypes pointer"))
}

fn target(t: &This) -> usize {
    let mut b = [0u8; 8];
    t.c.read(0, &mut b);
    u64::from_le_bytes(b) as usize
}

fn need_elem(vm: &mut Vm, t: &This) -> PyResult<Value> {
    match t.elem {
        Some(e) => Ok(e),
        None => Err(vm.type_error("Cannot create instance: has no _type_")),
    }
}

fn p_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("_Pointer.__new__(): not enough arguments"));
    };
    let stg = cdata::need_stg(vm, cls)?;
    if class_attr(vm, cls, "_type_").is_none() {
        return Err(vm.type_error("Cannot create instance: has no _type_"));
    }
    cdata::new_owned(vm, cls, stg)
}

fn p_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if nkw > 0 || a.len() > 2 {
        return Err(vm.type_error("_Pointer() takes at most one argument"));
    }
    if a.len() == 2 {
        set_contents(vm, a[0], a[1])?;
    }
    Ok(Value::NONE)
}

fn set_contents(vm: &mut Vm, ptr: Value, v: Value) -> PyResult<()> {
    let t = this(vm, ptr)?;
    let elem = need_elem(vm, &t)?;
    if !vm.isinstance(v, elem) {
        let tn = type_name(elem);
        let vn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("expected {tn} instead of {vn}")));
    }
    let Some((_, vc)) = cdata_of(v) else {
        return Err(vm.type_error("expected a ctypes instance"));
    };
    t.c.write(0, &(vc.addr() as u64).to_le_bytes());
    cdata::keep_ref(vm, ptr, 1, v)?;
    let kept = simple::kept_of(v);
    cdata::keep_ref(vm, ptr, 0, kept)
}

/// A temporary instance of `elem` over the memory at `addr` that keeps
/// the pointer `ptr` alive (CPython's `PyCData_FromBaseObj`).
fn at_address(vm: &mut Vm, elem: Value, addr: usize, ptr: Value) -> PyResult<Value> {
    let s = cdata::need_stg(vm, elem)?;
    cdata::alloc(
        vm,
        elem,
        cdata::Block::borrowed(addr, s.size),
        0,
        s.size,
        false,
        ptr,
    )
}

fn p_contents_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = this(vm, a[0])?;
    let addr = target(&t);
    if addr == 0 {
        return Err(vm.value_error("NULL pointer access"));
    }
    let elem = need_elem(vm, &t)?;
    at_address(vm, elem, addr, a[0])
}

fn p_contents_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(vm.type_error("Pointer does not support item deletion"));
    }
    set_contents(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn p_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = this(vm, a[0])?;
    Ok(Value::bool(target(&t) != 0))
}

/// The element `i` through the pointer: its value or an instance.
fn item(vm: &mut Vm, ptr: Value, t: &This, i: isize) -> PyResult<Value> {
    let elem = need_elem(vm, t)?;
    let size = cdata::need_stg(vm, elem)?.size as isize;
    let addr = target(t);
    if addr == 0 {
        return Err(vm.value_error("NULL pointer access"));
    }
    let at = (addr as isize).wrapping_add(i.wrapping_mul(size)) as usize;
    let tmp = at_address(vm, elem, at, ptr)?;
    let mark = vm.push_root(tmp);
    let (_, tc) = cdata_of(tmp).expect("instance");
    let r = structs::get_typed(vm, tmp, tc, 0, elem);
    vm.pop_roots(mark);
    r
}

fn p_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = this(vm, a[0])?;
    if crate::types::seq::is_slice(a[1]) {
        let so = Obj::from_value(a[1]).expect("slice");
        let (start, stop, step) = (so.get(0), so.get(1), so.get(2));
        let step = if step == Value::NONE {
            1
        } else {
            vm.index_isize(step)?
        };
        if step == 0 {
            return Err(vm.value_error("slice step cannot be zero"));
        }
        let start = if start == Value::NONE {
            if step < 0 {
                return Err(vm.value_error("slice start is required for step < 0"));
            }
            0
        } else {
            vm.index_isize(start)?
        };
        if stop == Value::NONE {
            return Err(vm.value_error("slice stop is required"));
        }
        let stop = vm.index_isize(stop)?;
        let mut idx = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            idx.push(i);
            i += step;
        }
        let elem = need_elem(vm, &t)?;
        let code = stg_of(vm, elem)
            .filter(|s| s.kind == CKind::Simple)
            .map(|s| s.code);
        let fundamental = simple::class_is_fundamental(vm, elem);
        if fundamental && code == Some(b'c') {
            let mut out = Vec::new();
            for &i in &idx {
                let v = item(vm, a[0], &t, i)?;
                out.push(str_bytes(v).first().copied().unwrap_or(0));
            }
            return Ok(vm.new_bytes(&out));
        }
        if fundamental && code == Some(b'u') {
            let mut out = String::new();
            for &i in &idx {
                let v = item(vm, a[0], &t, i)?;
                out.push_str(&str_of(v));
            }
            return Ok(vm.new_str(&out));
        }
        let l = vm.new_list(&[]);
        let mark = vm.push_root(l);
        for &i in &idx {
            let v = item(vm, a[0], &t, i)?;
            vm.call_method(l, "append", &[v])?;
        }
        vm.pop_roots(mark);
        return Ok(l);
    }
    let i = vm.index_isize(a[1])?;
    item(vm, a[0], &t, i)
}

fn p_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 3 {
        return Err(vm.type_error("Pointer does not support item deletion"));
    }
    let t = this(vm, a[0])?;
    let i = vm.index_isize(a[1])?;
    let elem = need_elem(vm, &t)?;
    let size = cdata::need_stg(vm, elem)?.size as isize;
    let addr = target(&t);
    if addr == 0 {
        return Err(vm.value_error("NULL pointer access"));
    }
    let at = (addr as isize).wrapping_add(i.wrapping_mul(size)) as usize;
    let tmp = at_address(vm, elem, at, a[0])?;
    let mark = vm.push_root(tmp);
    let r = structs::set_typed(vm, tmp, 0, elem, a[2], i as usize);
    // What the new value keeps alive is kept by the pointer itself.
    let kept = simple::kept_of(tmp);
    let r = r.and_then(|_| cdata::keep_ref(vm, a[0], 2 + i as usize, kept));
    vm.pop_roots(mark);
    r?;
    Ok(Value::NONE)
}

fn p_delitem(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("Pointer does not support item deletion"))
}

/// `from_param` of pointer types: None, instances, `byref()` of or the
/// element type's instances (passed by reference), and arrays or
/// pointers of the same element type.
fn from_param(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("from_param() takes exactly one argument"));
    }
    let (cls, v) = (a[0], a[1]);
    if v == Value::NONE {
        return Ok(new_carg(vm, b'P', [0; 16], Value::NONE));
    }
    if let Some(elem) = class_attr(vm, cls, "_type_") {
        if let Some((o, c)) = cdata::carg_of(v) {
            if c.tag == b'P' && vm.isinstance(o.get(0), elem) {
                return Ok(v);
            }
        }
        if vm.isinstance(v, elem) {
            if let Some((_, c)) = cdata_of(v) {
                let mut d = [0u8; 16];
                d[..8].copy_from_slice(&(c.addr() as u64).to_le_bytes());
                return Ok(new_carg(vm, b'P', d, v));
            }
        }
        if cdata_of(v).is_some() {
            let vt = vm.type_of(v);
            let vs = stg_of(vm, vt);
            if vs.is_some_and(|s| matches!(s.kind, CKind::Array | CKind::Pointer)) {
                let ve = class_attr(vm, vt, "_type_");
                if ve.is_some_and(|ve| vm.is_subtype(ve, elem)) {
                    return Ok(v);
                }
            }
        }
    }
    cdata::t_from_param(vm, a, k)
}

pub(crate) fn init(vm: &mut Vm) -> PyResult<()> {
    let gl = g();
    vm.add_static(gl.pointer_meta, "__new__", meta_new, false);
    cdata::add_type_methods(vm, gl.pointer_meta, from_param);
    vm.add_method(gl.pointer_meta, "set_type", meta_set_type);
    let t = gl.pointer;
    vm.add_static(t, "__new__", p_new, false);
    let ms: &[(&'static str, NativeFn)] = &[
        ("__init__", p_init),
        ("__bool__", p_bool),
        ("__getitem__", p_getitem),
        ("__setitem__", p_setitem),
        ("__delitem__", p_delitem),
    ];
    for &(n, f) in ms {
        vm.add_method(t, n, f);
    }
    let p = vm.new_native_getset(t, "contents", p_contents_get, Some(p_contents_set));
    vm.add_attr(t, "contents", p);
    Ok(())
}
