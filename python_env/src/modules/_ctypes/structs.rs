//! Structures and unions (`Structure`, `Union`, their metaclasses
//! `PyCStructType` and `UnionType`): laying out `_fields_` (alignment,
//! `_pack_`, bit fields as GCC lays them out, nested types,
//! `_anonymous_`), the `CField` descriptors that read and write one field,
//! and the generic assignment of a value to a typed place in memory.

use super::cdata::{self, cdata_of, CData};
use super::simple;
use super::*;

/// Payload of a `CField`: where a field lives in its structure (its type
/// and name are in value slots `F_TYPE` and `F_NAME`).
pub(crate) struct Field {
    pub offset: usize,
    /// The size of the field's type.
    pub size: usize,
    /// Bit field width (0: not a bit field) and first bit.
    pub bits: u32,
    pub bitofs: u32,
    /// Index of the field in its structure (the `_objects` key).
    pub index: usize,
    /// Big-endian bit numbering (`_swappedbytes_`).
    pub big: bool,
}

impl Trace for Field {}

fn field_of(v: Value) -> Option<(Obj, &'static Field)> {
    let o = Obj::from_value(v)?;
    native_ref::<Field>(o).map(|f| (o, f))
}

/// Value slots of a `CField` (after its instance dict).
const F_TYPE: usize = 1;
const F_NAME: usize = 2;

fn new_field(vm: &mut Vm, f: Field, ftype: Value, name: Value) -> Value {
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, g().cfield, 3, f);
    let o = Obj::from_value(v).expect("field");
    o.init(0, Value::EMPTY);
    o.init(F_TYPE, ftype);
    o.init(F_NAME, name);
    v
}

/// Reads the value of a place of type `ftype` at `off` of instance `inst`
/// (a field or an element): a Python value for fundamental simple types
/// and char arrays, else an instance viewing the memory.
pub(crate) fn get_typed(
    vm: &mut Vm,
    inst: Value,
    c: &CData,
    off: usize,
    ftype: Value,
) -> PyResult<Value> {
    let Some(s) = stg_of(vm, ftype) else {
        return Err(vm.type_error("has no _stginfo_"));
    };
    if s.kind == CKind::Simple && simple::class_is_fundamental(vm, ftype) {
        return simple::get_at(vm, inst, c, off, s.code, s.swapped);
    }
    if s.kind == CKind::Array {
        match super::array::elem_code(vm, ftype) {
            Some(b'c') if elem_fundamental(vm, ftype) => {
                let mut b = vec![0u8; s.size];
                c.read(off, &mut b);
                let n = b.iter().position(|&x| x == 0).unwrap_or(b.len());
                return Ok(vm.new_bytes(&b[..n]));
            }
            Some(b'u') if elem_fundamental(vm, ftype) => {
                let mut b = vec![0u8; s.size];
                c.read(off, &mut b);
                let mut n = b.len() / 4;
                for (i, ch) in b.chunks_exact(4).enumerate() {
                    if ch == [0, 0, 0, 0] {
                        n = i;
                        break;
                    }
                }
                return Ok(vm.new_str(&simple::wchars_to_string(&b[..n * 4])));
            }
            _ => {}
        }
    }
    cdata::new_view(vm, ftype, s, inst, off)
}

fn elem_fundamental(vm: &mut Vm, arr: Value) -> bool {
    match class_attr(vm, arr, "_type_") {
        Some(t) => simple::class_is_fundamental(vm, t),
        None => false,
    }
}

/// Writes `v` into a place of type `ftype` at `off` of instance `inst`
/// (CPython's `_PyCData_set`); `index` names the place in `_objects`.
pub(crate) fn set_typed(
    vm: &mut Vm,
    inst: Value,
    off: usize,
    ftype: Value,
    v: Value,
    index: usize,
) -> PyResult<()> {
    let Some(s) = stg_of(vm, ftype) else {
        return Err(vm.type_error("not a ctypes type"));
    };
    let (_, c) = cdata_of(inst).expect("instance");
    if s.kind == CKind::Simple && !vm.isinstance(v, ftype) {
        return simple::set_at(vm, inst, off, s.code, s.swapped, v, index);
    }
    if s.kind == CKind::Array && !vm.isinstance(v, ftype) {
        let ec = super::array::elem_code(vm, ftype);
        if ec == Some(b'c') && Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
            let b = str_bytes(v);
            if b.len() > s.size {
                return Err(vm.value_error(&format!(
                    "bytes too long ({}, maximum length {})",
                    b.len(),
                    s.size
                )));
            }
            let mut buf = b.to_vec();
            if buf.len() < s.size {
                buf.push(0);
            }
            c.write(off, &buf);
            return Ok(());
        }
        if ec == Some(b'u') && is_str(v) {
            let w: Vec<u8> = str_of(v)
                .chars()
                .flat_map(|ch| (ch as u32).to_le_bytes())
                .collect();
            if w.len() > s.size {
                return Err(vm.value_error(&format!(
                    "string too long ({}, maximum length {})",
                    w.len() / 4,
                    s.length
                )));
            }
            let mut buf = w;
            if buf.len() < s.size {
                buf.extend_from_slice(&[0; 4]);
            }
            c.write(off, &buf);
            return Ok(());
        }
    }
    if let Some((so, sc)) = cdata_of(v) {
        if vm.isinstance(v, ftype) {
            let data = sc.bytes();
            let n = data.len().min(s.size);
            c.write(off, &data[..n]);
            let kept = cdata::objects_of(so);
            let keep = if kept == Value::NONE && cdata::base_of(so) != Value::NONE {
                simple::kept_of(v)
            } else {
                kept
            };
            if keep != Value::NONE {
                cdata::keep_ref(vm, inst, index, keep)?;
            }
            return Ok(());
        }
        if s.kind == CKind::Pointer {
            let vt = vm.type_of(v);
            let vs = stg_of(vm, vt);
            if vs.is_some_and(|x| x.kind == CKind::Array) {
                let pt = class_attr(vm, ftype, "_type_");
                let at = class_attr(vm, vt, "_type_");
                if pt.is_some() && pt == at {
                    c.write(off, &(sc.addr() as u64).to_le_bytes());
                    return cdata::keep_ref(vm, inst, index, v);
                }
            }
        }
        let a = type_name(vm.type_of(v));
        let b = type_name(ftype);
        return Err(vm.type_error(&format!(
            "incompatible types, {a} instance instead of {b} instance"
        )));
    }
    if s.kind == CKind::Pointer && v == Value::NONE {
        c.write(off, &[0u8; 8]);
        return Ok(());
    }
    if matches!(s.kind, CKind::Struct | CKind::Union | CKind::Array) {
        if let Some(o) = Obj::from_value(v).filter(|o| o.kind() == Kind::TUPLE) {
            let _ = o;
            let it = vm.call(vm.g.types.tuple, &[v], Value::EMPTY)?;
            let items: Vec<Value> = (0..Obj::from_value(it).map_or(0, |o| o.n_values()))
                .map(|i| Obj::from_value(it).expect("tuple").get(i))
                .collect();
            let mark = vm.push_root(it);
            let r = vm.call(ftype, &items, Value::EMPTY);
            let r = match r {
                Ok(nv) => {
                    vm.push_root(nv);
                    set_typed(vm, inst, off, ftype, nv, index)
                }
                Err(e) => Err(e),
            };
            vm.pop_roots(mark);
            return r;
        }
    }
    let a = vm.type_name_of(v);
    let b = type_name(ftype);
    Err(vm.type_error(&format!("expected {b} instance, got {a}")))
}

// ------------------------------------------------------------ CField

fn f_this(vm: &mut Vm, a: &[Value]) -> PyResult<(Obj, &'static Field)> {
    match a.first().and_then(|&v| field_of(v)) {
        Some(x) => Ok(x),
        None => Err(vm.type_error("expected a CField")),
    }
}

fn bit_mask(bits: u32) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

fn f_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (fo, f) = f_this(vm, a)?;
    let inst = a.get(1).copied().unwrap_or(Value::NONE);
    if inst == Value::NONE {
        return Ok(a[0]);
    }
    let Some((_, c)) = cdata_of(inst) else {
        return Err(vm.type_error("not a ctype instance"));
    };
    let ftype = fo.get(F_TYPE);
    if f.bits == 0 {
        return get_typed(vm, inst, c, f.offset, ftype);
    }
    let s = stg_of(vm, ftype).expect("field type");
    let mut b = [0u8; 8];
    c.read(f.offset, &mut b[..f.size]);
    if s.swapped {
        b[..f.size].reverse();
    }
    let raw = u64::from_le_bytes(b);
    let x = (raw >> f.bitofs) & bit_mask(f.bits);
    let val = if simple::is_signed(s.code) && f.bits < 64 && x >> (f.bits - 1) & 1 == 1 {
        (x | !bit_mask(f.bits)) as i64
    } else {
        x as i64
    };
    if !simple::is_signed(s.code) && f.bits == 64 {
        return Ok(vm.new_bigint(num_bigint::BigInt::from(x)));
    }
    match s.code {
        b'?' => Ok(Value::bool(val != 0)),
        b'c' => Ok(vm.new_bytes(&[val as u8])),
        _ => Ok(vm.new_int(val)),
    }
}

fn f_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (fo, f) = f_this(vm, a)?;
    if a.len() < 3 {
        return Err(vm.type_error("can't delete attribute"));
    }
    let (inst, v) = (a[1], a[2]);
    let Some((_, c)) = cdata_of(inst) else {
        return Err(vm.type_error("not a ctype instance"));
    };
    let ftype = fo.get(F_TYPE);
    if f.bits == 0 {
        return set_typed(vm, inst, f.offset, ftype, v, f.index).map(|_| Value::NONE);
    }
    let s = stg_of(vm, ftype).expect("field type");
    let p = simple::pack(vm, s.code, v, false)?;
    let x = u64::from_le_bytes(p.data[..8].try_into().unwrap_or([0; 8])) & bit_mask(f.bits);
    let (size, ofs, swapped) = (f.size, f.bitofs, s.swapped);
    c.block.update(c.off + f.offset, size, |b| {
        let mut w = [0u8; 8];
        w[..size].copy_from_slice(b);
        if swapped {
            w[..size].reverse();
        }
        let mut raw = u64::from_le_bytes(w);
        let m = bit_mask(f.bits) << ofs;
        raw = (raw & !m) | ((x << ofs) & m);
        let mut out = raw.to_le_bytes();
        if swapped {
            out[..size].reverse();
        }
        b.copy_from_slice(&out[..size]);
    });
    Ok(Value::NONE)
}

fn f_delete(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("can't delete attribute"))
}

fn f_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (fo, f) = f_this(vm, a)?;
    let tn = type_name(fo.get(F_TYPE));
    let s = if f.bits > 0 {
        format!(
            "<Field type={tn}, ofs={}:{}, bits={}>",
            f.offset, f.bitofs, f.bits
        )
    } else {
        format!("<Field type={tn}, ofs={}, size={}>", f.offset, f.size)
    };
    Ok(vm.new_str(&s))
}

fn f_offset(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, f) = f_this(vm, a)?;
    Ok(Value::int(f.offset as i64))
}

fn f_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, f) = f_this(vm, a)?;
    if f.bits > 0 {
        return Ok(Value::int(((f.bits as i64) << 16) + f.bitofs as i64));
    }
    Ok(Value::int(f.size as i64))
}

// ------------------------------------------------------------ layout

/// One entry of `_fields_`, checked.
struct Desc {
    name: Value,
    ftype: Value,
    bits: Option<u32>,
}

fn parse_fields(vm: &mut Vm, fields: Value) -> PyResult<Vec<Desc>> {
    let seq = match vm.call(vm.g.types.tuple, &[fields], Value::EMPTY) {
        Ok(s) => s,
        Err(_) => return Err(vm.type_error("_fields_ must be a sequence of pairs")),
    };
    let so = Obj::from_value(seq).expect("tuple");
    let mut out = Vec::new();
    for i in 0..so.n_values() {
        let item = so.get(i);
        let io = Obj::from_value(item).filter(|o| o.kind() == Kind::TUPLE);
        let n = io.map_or(0, |o| o.n_values());
        if !(2..=3).contains(&n) {
            return Err(vm.type_error("'_fields_' must be a sequence of (name, C type) pairs"));
        }
        let io = io.expect("tuple");
        let (name, ftype) = (io.get(0), io.get(1));
        if !is_str(name) {
            let tn = vm.type_name_of(name);
            return Err(vm.type_error(&format!(
                "'_fields_' must be a sequence of (name, C type) pairs; \
                 field name must be str, not {tn}"
            )));
        }
        if stg_of(vm, ftype).is_none() {
            return Err(vm.type_error(&format!(
                "second item in _fields_ tuple (index {i}) must be a C type"
            )));
        }
        let bits = if n == 3 {
            let s = stg_of(vm, ftype).expect("checked");
            let ok_type = s.kind == CKind::Simple
                && (simple::is_int_code(s.code) || matches!(s.code, b'c' | b'?' | b'u'));
            if !ok_type {
                return Err(vm.type_error(&format!(
                    "bit fields not allowed for type {}",
                    type_name(ftype)
                )));
            }
            let b = vm.index_isize(io.get(2))?;
            if b <= 0 || b as usize > s.size * 8 {
                return Err(vm.value_error("number of bits invalid for bit field"));
            }
            Some(b as u32)
        } else {
            None
        };
        out.push(Desc { name, ftype, bits });
    }
    Ok(out)
}

/// Lays out `cls`'s `_fields_` (a struct, or a union when `!is_struct`),
/// storing a `CField` per field in the class and its [`Stg`].
/// Places a field of `fsize` bytes aligned to `falign` at the end of a
/// structure `offset` bytes long (whose size, padding included, is `size`):
/// returns its offset and grows both past it.
fn place(offset: &mut usize, size: &mut usize, falign: usize, fsize: usize) -> usize {
    if falign > 0 && !(*offset).is_multiple_of(falign) {
        let delta = falign - *offset % falign;
        *offset += delta;
        *size += delta;
    }
    let at = *offset;
    *offset += fsize;
    *size += fsize;
    at
}

fn layout(vm: &mut Vm, cls: Value, fields: Value, is_struct: bool) -> PyResult<()> {
    let descs = parse_fields(vm, fields)?;
    let lmark = vm.push_root(fields);
    let pack = match class_attr(vm, cls, "_pack_") {
        Some(p) => {
            let n = if vm.is_int_like(p) {
                vm.index_isize(p)?
            } else {
                return Err(vm.type_error("_pack_ must be an integer"));
            };
            if n < 0 {
                return Err(vm.value_error("_pack_ must be a non-negative integer"));
            }
            n as usize
        }
        None => 0,
    };
    let big = {
        let k = vm.intern("_swappedbytes_");
        let d = Obj::from_value(cls).expect("class").get(T_DICT);
        vm.dict_get_str(d, k).is_some()
    };
    // A base structure's fields come first.
    let base = Obj::from_value(cls).expect("class").get(T_BASE);
    let (mut size, mut align, mut index0, mut ffi_elems, mut has_pointer) =
        match stg_of(vm, base).filter(|s| s.kind == CKind::Struct && is_struct) {
            Some(bs) => {
                let elems = match &bs.ffi {
                    Ffi::Struct(e) => (**e).clone(),
                    Ffi::Prim(_) => Vec::new(),
                };
                let n = count_fields(vm, base);
                (bs.size, bs.align, n, elems, bs.has_pointer)
            }
            None => (0usize, 1usize, 0usize, Vec::new(), false),
        };
    let mut offset = size;
    // The bit field being filled: its size in bits and the next bit.
    let (mut field_bits, mut bitofs) = (0usize, 0u32);
    let mut made: Vec<(Value, Value)> = Vec::new();
    for (i, d) in descs.iter().enumerate() {
        let s = stg_of(vm, d.ftype).expect("checked");
        let fsize = s.size;
        let falign = if pack > 0 { s.align.min(pack) } else { s.align };
        has_pointer |= s.has_pointer
            || matches!(s.kind, CKind::Pointer | CKind::FuncPtr)
            || (s.kind == CKind::Simple && matches!(s.code, b'z' | b'Z' | b'P' | b'O'));
        let (foff, fbitofs);
        if !is_struct {
            foff = 0;
            fbitofs = 0;
            size = size.max(fsize);
            align = align.max(falign);
        } else if let Some(bits) = d.bits {
            let tbits = fsize * 8;
            if field_bits > 0
                && tbits <= field_bits
                && bitofs as usize + bits as usize <= field_bits
            {
                // Continue the open bit field.
                foff = offset - field_bits / 8;
                fbitofs = bitofs;
                bitofs += bits;
            } else if field_bits > 0
                && tbits >= field_bits
                && bitofs as usize + bits as usize <= tbits
            {
                // Widen the open bit field to this type.
                let grow = fsize - field_bits / 8;
                offset += grow;
                size += grow;
                field_bits = tbits;
                foff = offset - fsize;
                fbitofs = bitofs;
                bitofs += bits;
            } else {
                // A new bit field.
                foff = place(&mut offset, &mut size, falign, fsize);
                field_bits = tbits;
                fbitofs = 0;
                bitofs = bits;
                align = align.max(falign);
            }
        } else {
            field_bits = 0;
            bitofs = 0;
            foff = place(&mut offset, &mut size, falign, fsize);
            align = align.max(falign);
            fbitofs = 0;
        }
        let fbits = d.bits.unwrap_or(0);
        let stored_ofs = if big && fbits > 0 {
            fsize as u32 * 8 - fbitofs - fbits
        } else {
            fbitofs
        };
        let f = Field {
            offset: foff,
            size: fsize,
            bits: fbits,
            bitofs: stored_ofs,
            index: index0 + i,
            big,
        };
        let fv = new_field(vm, f, d.ftype, d.name);
        vm.push_root(fv);
        made.push((d.name, fv));
        // Array fields travel as their elements, repeated.
        match &s.ffi {
            Ffi::Struct(e) if s.kind == CKind::Array => {
                for _ in 0..s.length.clamp(1, 1 << 16) {
                    ffi_elems.extend(e.iter().cloned());
                }
            }
            f => ffi_elems.push(f.clone()),
        }
    }
    if is_struct {
        size = offset;
    }
    let total = if align > 0 {
        size.div_ceil(align) * align
    } else {
        size
    };
    index0 += descs.len();
    let _ = index0;
    let mark = vm.push_root(cls);
    for &(name, fv) in &made {
        vm.push_root(fv);
        let t = vm.g.types.type_;
        let sa = vm.intern("__setattr__");
        let tsa = vm.getattr(t, sa)?;
        vm.call(tsa, &[cls, name, fv], Value::EMPTY)?;
    }
    let stg = Stg {
        kind: if is_struct {
            CKind::Struct
        } else {
            CKind::Union
        },
        code: 0,
        size: total,
        align,
        length: 0,
        ffi: Ffi::Struct(std::sync::Arc::new(ffi_elems)),
        flags: 0,
        has_pointer,
        has_fields: true,
        swapped: false,
        elem_format: None,
    };
    set_stg(vm, cls, stg);
    let r = anonymous(vm, cls);
    vm.pop_roots(mark);
    vm.pop_roots(lmark);
    r
}

/// Fields of the struct type `t` and its bases.
fn count_fields(vm: &mut Vm, t: Value) -> usize {
    all_fields(vm, t).len()
}

/// The names and types of the fields of `t` and its bases, base first.
pub(crate) fn all_fields(vm: &mut Vm, t: Value) -> Vec<Value> {
    let mut chain = Vec::new();
    let mut cur = t;
    while let Some(o) = Obj::from_value(cur).filter(|o| o.kind() == K_TYPE) {
        if own_stg(vm, cur).is_some_and(|s| s.has_fields) {
            chain.push(cur);
        }
        cur = o.get(T_BASE);
        if cur == Value::NONE || cur == g().structure || cur == g().union {
            break;
        }
    }
    let mut out = Vec::new();
    let k = vm.intern("_fields_");
    for &c in chain.iter().rev() {
        let d = Obj::from_value(c).expect("class").get(T_DICT);
        if let Some(f) = vm.dict_get_str(d, k) {
            if let Ok(t) = vm.call(vm.g.types.tuple, &[f], Value::EMPTY) {
                let to = Obj::from_value(t).expect("tuple");
                for i in 0..to.n_values() {
                    out.push(to.get(i));
                }
            }
        }
    }
    out
}

/// `_anonymous_`: the fields of each named field's type are reachable
/// directly from the outer structure.
fn anonymous(vm: &mut Vm, cls: Value) -> PyResult<()> {
    let k = vm.intern("_anonymous_");
    let d = Obj::from_value(cls).expect("class").get(T_DICT);
    let Some(anon) = vm.dict_get_str(d, k) else {
        return Ok(());
    };
    let names = vm.call(vm.g.types.tuple, &[anon], Value::EMPTY)?;
    let mark = vm.push_root(names);
    let no = Obj::from_value(names).expect("tuple");
    for i in 0..no.n_values() {
        let name = no.get(i);
        let fv = match Obj::from_value(cls)
            .map(|o| o.get(T_DICT))
            .and_then(|d| vm.dict_get_str(d, name))
        {
            Some(f) if field_of(f).is_some() => f,
            _ => {
                vm.pop_roots(mark);
                return Err(vm.new_exc(
                    vm.g.e.AttributeError,
                    &format!(
                        "'{}' is specified in _anonymous_ but not in _fields_",
                        str_of(name)
                    ),
                ));
            }
        };
        let (fo, f) = field_of(fv).expect("field");
        let (base_off, idx) = (f.offset, f.index);
        let ftype = fo.get(F_TYPE);
        let sub = vm.call(vm.g.types.dict, &[], Value::EMPTY)?;
        let _ = sub;
        let inner = Obj::from_value(ftype).expect("class").get(T_DICT);
        let items = vm.call_method(inner, "items", &[])?;
        let lst = vm.call(vm.g.types.list, &[items], Value::EMPTY)?;
        vm.push_root(lst);
        let it = vm.iter(lst)?;
        vm.push_root(it);
        while let Some(pair) = vm.next(it)? {
            let po = Obj::from_value(pair).expect("pair");
            let (n, v) = (po.get(0), po.get(1));
            if let Some((so, sf)) = field_of(v) {
                let nf = Field {
                    offset: base_off + sf.offset,
                    size: sf.size,
                    bits: sf.bits,
                    bitofs: sf.bitofs,
                    index: idx,
                    big: sf.big,
                };
                let nv = new_field(vm, nf, so.get(F_TYPE), n);
                vm.push_root(nv);
                let t = vm.g.types.type_;
                let sa = vm.intern("__setattr__");
                let tsa = vm.getattr(t, sa)?;
                vm.call(tsa, &[cls, n, nv], Value::EMPTY)?;
            }
        }
    }
    vm.pop_roots(mark);
    Ok(())
}

fn init_class(vm: &mut Vm, cls: Value, is_struct: bool) -> PyResult<()> {
    let d = Obj::from_value(cls).expect("class").get(T_DICT);
    let k = vm.intern("_abstract_");
    if vm.dict_get_str(d, k).is_some() {
        return Ok(());
    }
    let k = vm.intern("_fields_");
    if let Some(f) = vm.dict_get_str(d, k) {
        return layout(vm, cls, f, is_struct);
    }
    let base = Obj::from_value(cls).expect("class").get(T_BASE);
    let stg = match stg_of(vm, base) {
        Some(s) => s.clone(),
        None => Stg {
            kind: if is_struct {
                CKind::Struct
            } else {
                CKind::Union
            },
            code: 0,
            size: 0,
            align: 1,
            length: 0,
            ffi: Ffi::Struct(std::sync::Arc::new(Vec::new())),
            flags: 0,
            has_pointer: false,
            has_fields: false,
            swapped: false,
            elem_format: None,
        },
    };
    let mut stg = stg;
    stg.has_fields = false;
    set_stg(vm, cls, stg);
    Ok(())
}

fn struct_meta_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    simple::new_class(vm, a, k, |vm, cls| init_class(vm, cls, true))
}

fn union_meta_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    simple::new_class(vm, a, k, |vm, cls| init_class(vm, cls, false))
}

fn meta_setattr(vm: &mut Vm, a: &[Value], is_struct: bool) -> PyResult<Value> {
    if a.len() != 3 {
        return Err(vm.type_error("__setattr__ expected 2 arguments"));
    }
    let (cls, name, v) = (a[0], a[1], a[2]);
    let is_fields = is_str(name) && str_of(name) == "_fields_";
    if is_fields && own_stg(vm, cls).is_some_and(|s| s.has_fields) {
        return Err(vm.new_exc(vm.g.e.AttributeError, "_fields_ is final"));
    }
    let sa = vm.intern("__setattr__");
    let t = vm.g.types.type_;
    let tsa = vm.getattr(t, sa)?;
    vm.call(tsa, &[cls, name, v], Value::EMPTY)?;
    if is_fields {
        layout(vm, cls, v, is_struct)?;
    }
    Ok(Value::NONE)
}

fn struct_setattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    meta_setattr(vm, a, true)
}

fn union_setattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    meta_setattr(vm, a, false)
}

// ------------------------------------------------------------ instances

fn st_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("Structure.__new__(): not enough arguments"));
    };
    let stg = cdata::need_stg(vm, cls)?;
    cdata::new_owned(vm, cls, stg)
}

fn st_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let inst = a[0];
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    let npos = a.len() - 1 - nkw;
    let cls = vm.type_of(inst);
    let mut names = Vec::new();
    if npos > 0 {
        let fields = all_fields(vm, cls);
        if npos > fields.len() {
            return Err(vm.type_error("too many initializers"));
        }
        for (i, f) in fields.iter().take(npos).enumerate() {
            let name = Obj::from_value(*f).filter(|o| o.kind() == Kind::TUPLE);
            let Some(name) = name.map(|o| o.get(0)) else {
                return Err(vm.type_error("'_fields_' must be a sequence of pairs"));
            };
            names.push(name);
            vm.setattr(inst, name, a[1 + i])?;
        }
    }
    if nkw > 0 {
        let ko = Obj::from_value(k).expect("kwnames");
        for j in 0..nkw {
            let name = ko.get(j);
            if names.contains(&name) || names.iter().any(|n| str_of(*n) == str_of(name)) {
                return Err(
                    vm.type_error(&format!("duplicate values for field '{}'", str_of(name)))
                );
            }
            vm.setattr(inst, name, a[1 + npos + j])?;
        }
    }
    Ok(Value::NONE)
}

pub(crate) fn init(vm: &mut Vm) -> PyResult<()> {
    let gl = g();
    vm.add_static(gl.struct_meta, "__new__", struct_meta_new, false);
    vm.add_method(gl.struct_meta, "__setattr__", struct_setattr);
    vm.add_static(gl.union_meta, "__new__", union_meta_new, false);
    vm.add_method(gl.union_meta, "__setattr__", union_setattr);
    // The engine consults a class's own `__setattr__` only when its flag
    // says there is one (set when Python code defines it).
    for m in [gl.struct_meta, gl.union_meta] {
        let mo = Obj::from_value(m).expect("type");
        set_type_flags(mo, type_flags(mo) | TF_SETATTR);
    }
    cdata::add_type_methods(vm, gl.struct_meta, cdata::t_from_param);
    cdata::add_type_methods(vm, gl.union_meta, cdata::t_from_param);
    for t in [gl.structure, gl.union] {
        vm.add_static(t, "__new__", st_new, false);
        vm.add_method(t, "__init__", st_init);
    }
    let f = gl.cfield;
    vm.add_method(f, "__get__", f_get);
    vm.add_method(f, "__set__", f_set);
    vm.add_method(f, "__delete__", f_delete);
    vm.add_method(f, "__repr__", f_repr);
    let p = vm.new_native_getset(f, "offset", f_offset, None);
    vm.add_attr(f, "offset", p);
    let p = vm.new_native_getset(f, "size", f_size, None);
    vm.add_attr(f, "size", p);
    Ok(())
}
