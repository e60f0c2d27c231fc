//! `_thread._local` (`threading.local`): an object whose attributes are
//! per thread. The runtime keeps each thread's dict (engine
//! `runtime/local.rs`, which states the concurrency contract); this file
//! only defines the type.

use engine::runtime::*;
use proto_core::{Obj, Value};

/// `_local.__new__(cls, *args, **kwargs)`: arguments are accepted only when
/// the class defines its own `__init__` (which every thread runs with them).
fn local_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let co = Obj::from_value(cls).expect("__new__ is called with a class");
    if type_layout(co) != K_INSTANCE || type_flags(co) & TF_LOCAL == 0 {
        let tn = type_name(cls);
        return Err(vm.type_error(&format!(
            "_local.__new__({tn}): {tn} is not a subtype of _thread._local"
        )));
    }
    let init = vm.lookup_type(cls, vm.g.names.__init__);
    let base_init = vm.lookup_type(vm.g.types.object, vm.g.names.__init__);
    if a.len() > 1 && init == base_init {
        return Err(vm.type_error("Initialization arguments are not supported"));
    }
    Ok(vm.new_local(cls, &a[1..], k))
}

fn local_getattribute(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "__getattribute__", a, k, 2, 2)?;
    let name = attr_name(vm, a[1])?;
    match vm.local_getattr(a[0], name)? {
        Some(v) => Ok(v),
        None => Err(vm.attr_error(a[0], name)),
    }
}

fn local_setattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "__setattr__", a, k, 3, 3)?;
    let name = attr_name(vm, a[1])?;
    vm.local_setattr(a[0], name, Some(a[2]))?;
    Ok(Value::NONE)
}

fn local_delattr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "__delattr__", a, k, 2, 2)?;
    let name = attr_name(vm, a[1])?;
    vm.local_setattr(a[0], name, None)?;
    Ok(Value::NONE)
}

/// An attribute name argument: a str (interned, as attribute dicts expect).
fn attr_name(vm: &mut Vm, n: Value) -> PyResult<Value> {
    if !is_str(n) {
        let tn = vm.type_name_of(n);
        return Err(vm.type_error(&format!("attribute name must be string, not '{tn}'")));
    }
    Ok(vm.intern_value(n))
}

/// Adds `_local` to the module `m`.
pub(super) fn init(vm: &mut Vm, m: Value) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("__getattribute__", local_getattribute),
        ("__setattr__", local_setattr),
        ("__delattr__", local_delattr),
    ];
    let t = super::new_class(
        vm,
        "_local",
        "_thread",
        "Thread-local data",
        local_new,
        methods,
    );
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_LOCAL);
    vm.set_module_attr(m, "_local", t);
}
