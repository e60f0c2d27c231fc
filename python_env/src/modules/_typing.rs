//! The `_typing` module: CPython 3.11's accelerator for `typing`, which
//! holds only `_idfunc` (the body of `typing.NewType.__call__`).

use crate::args::check;
use engine::runtime::*;
use proto_core::Value;

/// `_idfunc(x)`: returns `x`. A builtin is no descriptor, so as
/// `NewType.__call__` it gets the call's argument alone (the Python
/// fallback in `typing` is a method, `_idfunc(_, x)`).
fn idfunc(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_idfunc", a, k, 1, 1)?;
    Ok(a[0])
}

/// Creates the `_typing` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_typing");
    let doc = vm.new_str("Accelerators for the typing module.\n");
    vm.set_module_attr(m, "__doc__", doc);
    vm.add_module_functions(m, &[("_idfunc", idfunc)]);
    Ok(m)
}
