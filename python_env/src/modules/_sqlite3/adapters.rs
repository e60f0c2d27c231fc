//! Adapters and converters: the `adapters` registry and `adapt()` (PEP 246
//! as CPython's `microprotocols.c` has it), `register_converter`, and the
//! conversions between Python values and SQLite values (binding parameters,
//! user-function results and arguments, column values with `text_factory`).

use super::db::{SqlResult, SqlValue};
use super::errors::{self, Exc};
use super::{types, BASE_TYPE_ADAPTED};
use engine::runtime::ops::Num;
use engine::runtime::*;
use proto_core::sync::Ordering;
use proto_core::{Obj, Value};

/// A Python value ready to bind (text borrows the str, which the caller
/// keeps alive).
pub(super) enum Param {
    Null,
    Int(i64),
    Float(f64),
    Text(&'static [u8]),
    Blob(Vec<u8>),
}

impl Param {
    pub fn as_sql(&self) -> SqlValue<'_> {
        match self {
            Param::Null => SqlValue::Null,
            Param::Int(i) => SqlValue::Int(*i),
            Param::Float(f) => SqlValue::Float(*f),
            Param::Text(t) => SqlValue::Text(t),
            Param::Blob(b) => SqlValue::Blob(b),
        }
    }
}

/// The UTF-8 of a str, or CPython's UnicodeEncodeError for a lone surrogate.
pub(super) fn utf8(vm: &mut Vm, s: Value) -> PyResult<&'static [u8]> {
    let b = str_bytes(s);
    if b.is_ascii() || std::str::from_utf8(b).is_ok() {
        return Ok(b);
    }
    // Let the codec raise its own error (with position and reason).
    crate::types::bytes::encode(vm, s, "utf-8", "strict")?;
    Ok(b)
}

/// CPython's `_pysqlite_bind_parameter` type dispatch: None for a type
/// SQLite cannot store.
pub(super) fn to_param(vm: &mut Vm, v: Value) -> PyResult<Option<Param>> {
    if v.is_none() {
        return Ok(Some(Param::Null));
    }
    if let Some(n) = vm.num(v) {
        return Ok(Some(match n {
            Num::I(i) => Param::Int(i),
            Num::B(b) => match num_traits::ToPrimitive::to_i64(b) {
                Some(i) => Param::Int(i),
                None => {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "Python int too large to convert to SQLite INTEGER",
                    ))
                }
            },
            Num::F(f) => Param::Float(f),
        }));
    }
    if is_str(v) {
        return Ok(Some(Param::Text(utf8(vm, v)?)));
    }
    if let Some(b) = crate::types::bytes::buf(v) {
        if b.len() > i32::MAX as usize {
            return Err(vm.new_exc(vm.g.e.OverflowError, "BLOB longer than INT_MAX bytes"));
        }
        return Ok(Some(Param::Blob(b)));
    }
    Ok(None)
}

/// CPython's `_need_adapt`: exact int, float, str and bytearray are bound
/// as they are unless an adapter was registered for one of those types.
pub(super) fn need_adapt(vm: &Vm, v: Value) -> bool {
    if BASE_TYPE_ADAPTED.load(Ordering::Relaxed) {
        return true;
    }
    if v.as_int().is_some() || v.as_float().is_some() {
        return false;
    }
    match Obj::from_value(v) {
        Some(o) => {
            let c = o.class();
            !(c == vm.g.types.int
                || c == vm.g.types.float
                || c == vm.g.types.str_
                || c == vm.g.types.bytearray)
        }
        None => false,
    }
}

/// The type of `v` (immediates included).
fn type_of(vm: &mut Vm, v: Value) -> Value {
    vm.type_of(v)
}

/// CPython's `pysqlite_microprotocols_adapt(obj, proto, alt)`.
pub(super) fn do_adapt(
    vm: &mut Vm,
    obj: Value,
    proto: Value,
    alt: Option<Value>,
) -> PyResult<Value> {
    let t = type_of(vm, obj);
    let key = vm.new_tuple(&[t, proto]);
    let mark = vm.push_root(key);
    let r = (|| {
        if let Some(adapter) = vm.dict_get(types().adapters, key)? {
            return vm.call(adapter, &[obj], Value::EMPTY);
        }
        let name = vm.intern("__adapt__");
        if let Some(adapter) = vm.getattr_opt(proto, name)? {
            vm.push_root(adapter);
            match vm.call(adapter, &[obj], Value::EMPTY) {
                Ok(r) if !r.is_none() => return Ok(r),
                Ok(_) => {}
                Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {}
                Err(e) => return Err(e),
            }
        }
        let name = vm.intern("__conform__");
        if let Some(adapter) = vm.getattr_opt(obj, name)? {
            vm.push_root(adapter);
            match vm.call(adapter, &[proto], Value::EMPTY) {
                Ok(r) if !r.is_none() => return Ok(r),
                Ok(_) => {}
                Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {}
                Err(e) => return Err(e),
            }
        }
        match alt {
            Some(a) => Ok(a),
            None => Err(errors::exc(vm, Exc::Programming, "can't adapt")),
        }
    })();
    vm.pop_roots(mark);
    r
}

/// `adapt(obj, proto=PrepareProtocol, alt=<unset>, /)`.
pub(super) fn adapt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "adapt", "adapt", a, k, 1, 3)?;
    let proto = a.get(1).copied().unwrap_or(types().proto);
    do_adapt(vm, a[0], proto, a.get(2).copied())
}

/// `register_adapter(type, adapter, /)`.
pub(super) fn register_adapter(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "register_adapter", "register_adapter", a, k, 2, 2)?;
    let (t, f) = (a[0], a[1]);
    let g = &vm.g.types;
    if t == g.int || t == g.float || t == g.str_ || t == g.bytearray {
        BASE_TYPE_ADAPTED.store(true, Ordering::Relaxed);
    }
    let key = vm.new_tuple(&[t, types().proto]);
    let mark = vm.push_root(key);
    let r = vm.dict_set(types().adapters, key, f);
    vm.pop_roots(mark);
    r?;
    Ok(Value::NONE)
}

/// `register_converter(typename, converter, /)`: stored under
/// `typename.upper()`.
pub(super) fn register_converter(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "register_converter", "register_converter", a, k, 2, 2)?;
    if !is_str(a[0]) {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "register_converter() argument 1 must be str, not {tn}"
        )));
    }
    let name = vm.call_method(a[0], "upper", &[])?;
    let mark = vm.push_root(name);
    let r = vm.dict_set(types().converters, name, a[1]);
    vm.pop_roots(mark);
    r?;
    Ok(Value::NONE)
}

/// The converter registered for `name` (upper-cased first), if any.
pub(super) fn converter_for(vm: &mut Vm, name: &[u8]) -> PyResult<Option<Value>> {
    let s = vm.new_str_bytes(name);
    let mark = vm.push_root(s);
    let r = (|| {
        let up = vm.call_method(s, "upper", &[])?;
        vm.push_root(up);
        vm.dict_get(types().converters, up)
    })();
    vm.pop_roots(mark);
    r
}

/// A Python value for a user function's argument (CPython's
/// `_pysqlite_build_py_params`: text decoded as UTF-8, blobs as bytes).
pub(super) fn arg_to_py(vm: &mut Vm, v: &SqlValue) -> PyResult<Value> {
    Ok(match *v {
        SqlValue::Null => Value::NONE,
        SqlValue::Int(i) => vm.new_int(i),
        SqlValue::Float(f) => vm.new_float(f),
        SqlValue::Text(t) => match std::str::from_utf8(t) {
            Ok(s) => vm.new_str(s),
            Err(_) => crate::types::bytes::decode(vm, t, "utf-8", "strict")?,
        },
        SqlValue::Blob(b) => vm.new_bytes(b),
    })
}

/// CPython's `_pysqlite_set_result`: Err(()) for a type SQLite cannot take
/// (a Python error may be pending in `err`).
pub(super) fn result_from_py(vm: &mut Vm, v: Value) -> PyResult<Option<SqlResult>> {
    Ok(to_param(vm, v)?.map(|p| match p {
        Param::Null => SqlResult::Null,
        Param::Int(i) => SqlResult::Int(i),
        Param::Float(f) => SqlResult::Float(f),
        Param::Text(t) => SqlResult::Text(t.to_vec()),
        Param::Blob(b) => SqlResult::Blob(b),
    }))
}

/// `PrepareProtocol`: an empty, instantiable marker type.
pub(super) fn init_proto(vm: &mut Vm, t: Value) {
    let d = vm.new_str("PEP 246 style object adaption protocol type.");
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
}
