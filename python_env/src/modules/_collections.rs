//! `_collections`: the native containers behind `collections` — `deque`
//! and its iterator types (implemented in `types/deque.rs`).

use engine::runtime::*;
use proto_core::Value;

/// Creates the `_collections` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_collections");
    let t = &vm.g.types;
    let entries = [
        ("deque", t.deque),
        ("_deque_iterator", t.deque_iter),
        ("_deque_reverse_iterator", t.deque_reviter),
    ];
    for (name, v) in entries {
        vm.set_module_attr(m, name, v);
    }
    Ok(m)
}
