//! The `_weakref` module: weak references (`ref`, `proxy`) and the
//! counting functions CPython's `weakref` and `_weakrefset` build on.

use crate::args::check;
use crate::types::weakref;
use engine::runtime::*;
use proto_core::Value;

/// `getweakrefcount(obj)`.
fn getweakrefcount(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "getweakrefcount", a, k, 1, 1)?;
    Ok(Value::int(weakref::refs_to(a[0]).len() as i64))
}

/// `getweakrefs(obj)`: a list of the references and proxies to `obj`.
fn getweakrefs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "getweakrefs", a, k, 1, 1)?;
    let refs = weakref::refs_to(a[0]);
    Ok(vm.new_list(&refs))
}

/// `proxy(obj, callback=None, /)`.
fn proxy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "proxy", a, k, 1, 2)?;
    weakref::new_proxy(vm, a[0], a.get(1).copied().unwrap_or(Value::NONE))
}

/// `_remove_dead_weakref(dict, key, /)`: deletes `dict[key]` if it is a
/// dead weak reference (WeakValueDictionary's callbacks). The deletion
/// checks under the dict's lock that the entry still holds that reference
/// (a dead one stays dead): a callback that runs in another thread than
/// the one storing a new value under the key never removes the new value.
fn remove_dead_weakref(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_remove_dead_weakref", a, k, 2, 2)?;
    if !proto_core::Obj::from_value(a[0])
        .is_some_and(|o| o.kind() == proto_core::object::Kind::DICT)
    {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "_remove_dead_weakref() argument 1 must be dict, not {tn}"
        )));
    }
    let v = match vm.getitem(a[0], a[1]) {
        Ok(v) => v,
        Err(e) if vm.isinstance(e.0, vm.g.e.KeyError) => return Ok(Value::NONE),
        Err(e) => return Err(e),
    };
    if !weakref::is_weak(vm, v) {
        return Err(vm.type_error("not a weakref"));
    }
    // `v` stays rooted through the deletion, which compares it by address:
    // freed at a safepoint meanwhile, its address could name a new value.
    let mark = vm.push_root(v);
    let r = match vm.call(v, &[], Value::EMPTY) {
        Ok(r) if r.is_none() => vm.dict_del_if_value(a[0], a[1], v).map(|_| ()),
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    };
    vm.pop_roots(mark);
    r.map(|()| Value::NONE)
}

/// Creates the `_weakref` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_weakref");
    let fns: &[(&'static str, NativeFn)] = &[
        ("getweakrefcount", getweakrefcount),
        ("getweakrefs", getweakrefs),
        ("proxy", proxy),
        ("_remove_dead_weakref", remove_dead_weakref),
    ];
    vm.add_module_functions(m, fns);
    let r = weakref::reference_type();
    let (p, cp) = weakref::proxy_types();
    vm.set_module_attr(m, "ref", r);
    vm.set_module_attr(m, "ReferenceType", r);
    vm.set_module_attr(m, "ProxyType", p);
    vm.set_module_attr(m, "CallableProxyType", cp);
    Ok(m)
}
