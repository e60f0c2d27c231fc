//! The cell type: `cell_contents`, a getset descriptor on the type as in
//! CPython (readable, writable, deletable), `cell([contents])` and the
//! comparisons by contents.

use super::descr::{add_getsets, receiver};
use engine::runtime::*;
use proto_core::{Obj, Value};

fn contents_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v = receiver(vm, a, K_CELL, "cell_contents", "cell")?.get(0);
    if v.is_empty() {
        return Err(vm.new_exc(vm.g.e.ValueError, "Cell is empty"));
    }
    Ok(v)
}

fn contents_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let c = receiver(vm, a, K_CELL, "cell_contents", "cell")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    vm.store(c, 0, v);
    Ok(Value::NONE)
}

/// `cell.__new__(cls, [contents])`: a new cell, empty without contents.
fn cell_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("cell() takes no keyword arguments"));
    }
    if a.len() > 2 {
        return Err(vm.type_error(&format!(
            "cell expected at most 1 argument, got {}",
            a.len() - 1
        )));
    }
    Ok(vm.new_cell(a.get(1).copied().unwrap_or(Value::EMPTY)))
}

/// `cell_richcompare`: by contents, an empty cell before any other.
fn cell_compare(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let x = receiver(vm, a, K_CELL, "comparison", "cell")?.get(0);
    let Some(y) = a
        .get(1)
        .and_then(|&v| Obj::from_value(v))
        .filter(|o| o.kind() == K_CELL)
        .map(|o| o.get(0))
    else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if !x.is_empty() && !y.is_empty() {
        return vm.compare(x, y, op);
    }
    let ord = (!x.is_empty()).cmp(&!y.is_empty());
    Ok(Value::bool(engine::runtime::ops::cmp_op(ord, op)))
}

macro_rules! cell_cmp {
    ($name:ident, $op:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            cell_compare(vm, a, $op)
        }
    };
}
cell_cmp!(cell_lt, 0);
cell_cmp!(cell_le, 1);
cell_cmp!(cell_eq, 2);
cell_cmp!(cell_ne, 3);
cell_cmp!(cell_gt, 4);
cell_cmp!(cell_ge, 5);

/// Registers `cell.cell_contents`.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.cell;
    add_getsets(
        vm,
        t,
        &[("cell_contents", contents_get, Some(contents_set))],
    );
    // `del c.cell_contents` empties the cell (the setter without a value).
    let name = vm.intern("cell_contents");
    if let Some(gs) = vm.lookup_type(t, name).and_then(Obj::from_value) {
        let d = vm.new_builtin("cell_contents", contents_set, false);
        vm.ctx.promote(d);
        vm.store(gs, 2, d);
    }
    vm.add_static(t, "__new__", cell_new, false);
    for (n, f) in [
        ("__lt__", cell_lt as NativeFn),
        ("__le__", cell_le),
        ("__eq__", cell_eq),
        ("__ne__", cell_ne),
        ("__gt__", cell_gt),
        ("__ge__", cell_ge),
    ] {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    Ok(())
}
