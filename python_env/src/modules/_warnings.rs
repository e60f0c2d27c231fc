//! The `_warnings` module: `warn` and `warn_explicit` for native callers
//! such as importlib's bootstrap, carried out by the `warnings` module
//! (ProtoPy's `warnings` is the implementation; this is its native door).

use engine::runtime::*;
use proto_core::Value;

/// Calls `warnings.<name>(*a, **k)`.
fn forward(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<Value> {
    let m = vm.import_module("warnings")?;
    let key = vm.intern(name);
    let f = vm.getattr(m, key)?;
    let mark = vm.push_root(f);
    let r = vm.call(f, a, k);
    vm.pop_roots(mark);
    r
}

/// `warn(message, category=None, stacklevel=1, source=None)`.
fn warn(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    forward(vm, "warn", a, k)
}

/// `warn_explicit(message, category, filename, lineno, module=None,
/// registry=None, module_globals=None, source=None)`.
fn warn_explicit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    forward(vm, "warn_explicit", a, k)
}

/// Creates the `_warnings` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_warnings");
    let fns: &[(&'static str, NativeFn)] = &[("warn", warn), ("warn_explicit", warn_explicit)];
    vm.add_module_functions(m, fns);
    Ok(m)
}
