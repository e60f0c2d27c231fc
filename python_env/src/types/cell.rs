//! The cell type's `cell_contents`, a getset descriptor on the type as in
//! CPython (readable, writable).

use super::descr::{add_getsets, receiver};
use engine::runtime::*;
use proto_core::Value;

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

/// Registers `cell.cell_contents`.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.cell;
    add_getsets(
        vm,
        t,
        &[("cell_contents", contents_get, Some(contents_set))],
    );
    Ok(())
}
