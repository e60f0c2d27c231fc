//! `mappingproxy`: the read-only view of a class `__dict__`.
//!
//! Layout (`K_DICTVIEW`): values `[mapping]`. Every read goes to the
//! underlying mapping; there is no way to write through the proxy.

use crate::args::Args;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

/// A new proxy over `mapping`.
pub fn new_proxy(vm: &mut Vm, mapping: Value) -> Value {
    let c = vm.g.types.mappingproxy;
    let p = vm.alloc_obj(K_DICTVIEW, c, 1, 0);
    p.init(0, mapping);
    p.value()
}

fn target(v: Value) -> Value {
    Obj::from_value(v).map(|o| o.get(0)).unwrap_or(Value::NONE)
}

fn mp_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let m = args.get(1, "mapping");
    args.no_more_kw(vm, "mappingproxy")?;
    let Some(m) = m else {
        return Err(vm.type_error("mappingproxy() missing required argument 'mapping' (pos 1)"));
    };
    let tp = vm.type_of(m);
    let is_seq = Obj::from_value(m).is_some_and(|o| matches!(o.kind(), Kind::LIST | Kind::TUPLE));
    if is_seq || vm.lookup_type(tp, vm.g.names.__getitem__).is_none() {
        let tn = vm.type_name_of(m);
        return Err(vm.type_error(&format!(
            "mappingproxy() argument must be a mapping, not {tn}"
        )));
    }
    Ok(new_proxy(vm, m))
}

fn mp_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.getitem(target(a[0]), a[1])
}

fn mp_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::bool(vm.contains(target(a[0]), a[1])?))
}

/// `len(proxy)`: the mapping's own `__len__` (a dict subclass's override
/// included), as CPython's `PyObject_Size`.
fn mp_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(vm.len_protocol(target(a[0]))? as i64))
}

fn mp_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.iter(target(a[0]))
}

fn forward(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    vm.call_method(target(a[0]), name, &a[1..])
}

fn mp_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 || a.len() > 3 {
        return Err(vm.type_error(&format!(
            "get expected at least 1 argument, got {}",
            a.len().saturating_sub(1)
        )));
    }
    forward(vm, a, "get")
}
fn mp_keys(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "keys")
}
fn mp_values(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "values")
}
fn mp_items(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "items")
}
fn mp_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "copy")
}
fn mp_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    forward(vm, a, "__reversed__")
}

fn mp_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let other = if Obj::from_value(a[1]).is_some_and(|o| o.class() == vm.g.types.mappingproxy) {
        target(a[1])
    } else {
        a[1]
    };
    Ok(Value::bool(vm.eq(target(a[0]), other)?))
}

fn mp_ne(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let r = mp_eq(vm, a, k)?;
    Ok(Value::bool(r == Value::FALSE))
}

/// `proxy | other` and `other | proxy`: `|` of the operands with each
/// proxy replaced by its mapping (CPython's `mappingproxy_or`), so a dict
/// gives a new dict and an operand `|` does not take is a TypeError.
fn mp_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let unwrap = |vm: &Vm, v: Value| {
        if Obj::from_value(v).is_some_and(|o| o.class() == vm.g.types.mappingproxy) {
            target(v)
        } else {
            v
        }
    };
    let (x, y) = (unwrap(vm, a[0]), unwrap(vm, a[1]));
    vm.binary_op(engine::bytecode::BinaryOperator::Or, x, y)
}

fn mp_ror(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    mp_or(vm, &[a[1], a[0]], k)
}

/// `proxy |= other`: refused, as the proxy is read-only.
fn mp_ior(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = vm.type_name_of(a[0]);
    Err(vm.type_error(&format!("'|=' is not supported by {tn}; use '|' instead")))
}

fn mp_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = vm.repr_string(target(a[0]))?;
    Ok(vm.new_str(&format!("mappingproxy({r})")))
}

fn mp_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.str(target(a[0]))
}

/// Registers mappingproxy's methods.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.mappingproxy;
    vm.add_static(t, "__new__", mp_new, false);
    let m: &[(&'static str, NativeFn)] = &[
        ("__getitem__", mp_getitem),
        ("__contains__", mp_contains),
        ("__len__", mp_len),
        ("__iter__", mp_iter),
        ("__reversed__", mp_reversed),
        ("get", mp_get),
        ("keys", mp_keys),
        ("values", mp_values),
        ("items", mp_items),
        ("copy", mp_copy),
        ("__eq__", mp_eq),
        ("__ne__", mp_ne),
        ("__or__", mp_or),
        ("__ror__", mp_ror),
        ("__ior__", mp_ior),
        ("__repr__", mp_repr),
        ("__str__", mp_str),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    Ok(())
}
