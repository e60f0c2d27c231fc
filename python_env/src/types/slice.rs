//! `slice`, and the `start`/`stop`/`step` members it shares with `range`.

use engine::runtime::*;
use proto_core::{Obj, Value};

fn slice_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = &a[1..];
    let (x, y, z) = match p.len() {
        1 => (Value::NONE, p[0], Value::NONE),
        2 => (p[0], p[1], Value::NONE),
        3 => (p[0], p[1], p[2]),
        _ => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
    };
    Ok(vm.new_slice(x, y, z))
}

fn slice_indices_m(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    use num_traits::Signed;
    let nv = vm.index(a[1])?;
    let len = vm.as_bigint(nv).unwrap_or_default();
    if len.is_negative() {
        return Err(vm.value_error("length should not be negative"));
    }
    // Resolved on big ints: bounds and lengths beyond i64 are exact.
    let (s, e, st) = super::range::slice_indices_big(vm, a[0], &len)?;
    let s = vm.new_bigint(s);
    let mark = vm.push_root(s);
    let e = vm.new_bigint(e);
    vm.push_root(e);
    let st = vm.new_bigint(st);
    vm.push_root(st);
    let r = vm.new_tuple(&[s, e, st]);
    vm.pop_roots(mark);
    Ok(r)
}

/// Slices compare like (start, stop, step) tuples; `op` is the rich
/// comparison code (0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=).
fn slice_cmp(vm: &mut Vm, a: &[Value], op: u8) -> PyResult<Value> {
    let Some(o) = Obj::from_value(a[1]).filter(|o| o.kind() == K_SLICE) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let s = Obj::from_value(a[0]).expect("s");
    let t1 = vm.new_tuple(&[s.get(0), s.get(1), s.get(2)]);
    let t2 = vm.new_tuple(&[o.get(0), o.get(1), o.get(2)]);
    vm.compare(t1, t2, op as _)
}

fn slice_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 0)
}
fn slice_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 1)
}
fn slice_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 2)
}
fn slice_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 3)
}
fn slice_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 4)
}
fn slice_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 5)
}

/// The `start`, `stop` and `step` fields (values 0, 1 and 2) of a range or
/// a slice.
fn field_start(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Obj::from_value(a[0]).expect("range or slice").get(0))
}
fn field_stop(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Obj::from_value(a[0]).expect("range or slice").get(1))
}
fn field_step(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Obj::from_value(a[0]).expect("range or slice").get(2))
}

/// `start`, `stop` and `step` as read-only members of range or slice `t`.
pub(super) fn add_members(vm: &mut Vm, t: Value) {
    for (n, f) in [
        ("start", field_start as NativeFn),
        ("stop", field_stop),
        ("step", field_step),
    ] {
        let m = super::descr::native_member(vm, t, n, f);
        vm.add_attr(t, n, m);
    }
}

/// Registers slice.
/// `slice.__reduce__()`: `(slice, (start, stop, step))`.
fn slice_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    crate::types::object::reduce_from_attrs(vm, a[0], &["start", "stop", "step"])
}

pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.slice;
    vm.add_static(t, "__new__", slice_new, false);
    vm.add_method(t, "indices", slice_indices_m);
    vm.add_method(t, "__reduce__", slice_reduce);
    vm.declare_arity(t, 1, 1, &["indices"]);
    vm.add_method(t, "__eq__", slice_eq);
    vm.add_method(t, "__ne__", slice_ne);
    vm.add_method(t, "__lt__", slice_lt);
    vm.add_method(t, "__le__", slice_le);
    vm.add_method(t, "__gt__", slice_gt);
    vm.add_method(t, "__ge__", slice_ge);
    vm.add_attr(t, "__hash__", Value::NONE);
    add_members(vm, t);
    Ok(())
}
