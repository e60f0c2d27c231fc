//! The `module` type (types.ModuleType): construction and `__dir__`.

use crate::args::Args;
use engine::runtime::*;
use proto_core::{Obj, Value};

fn module_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = a[0];
    let d = vm.new_dict();
    let m = vm.alloc_obj(K_MODULE, cls, 2, 0);
    m.init(0, d);
    let n = vm.new_str("?");
    m.init(1, n);
    Ok(m.value())
}

fn module_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let m = args.pos[0];
    let name = args.get(1, "name");
    let doc = args.get(2, "doc").unwrap_or(Value::NONE);
    args.no_more_kw(vm, "module")?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(&format!(
            "module() takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let Some(name) = name else {
        return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
    };
    if !is_str(name) {
        let tn = vm.arg_type_name(name);
        return Err(vm.type_error(&format!("module() argument 'name' must be str, not {tn}")));
    }
    let Some(o) = Obj::from_value(m).filter(|o| o.kind() == K_MODULE) else {
        return Err(vm.type_error("descriptor '__init__' requires a 'module' object"));
    };
    vm.store(o, 1, name);
    let d = o.get(0);
    let n = &vm.g.names;
    let (kn, kd, kp, kl, ks) = (
        n.__name__,
        n.__doc__,
        n.__package__,
        n.__loader__,
        n.__spec__,
    );
    vm.dict_set_str(d, kn, name);
    vm.dict_set_str(d, kd, doc);
    for key in [kp, kl, ks] {
        vm.dict_set_str(d, key, Value::NONE);
    }
    Ok(Value::NONE)
}

/// module.__dir__: the module's `__dir__` function if it defines one,
/// else the names in its dict.
fn module_dir(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(o) = Obj::from_value(a[0]).filter(|o| o.kind() == K_MODULE) else {
        return Err(vm.type_error("descriptor '__dir__' requires a 'module' object"));
    };
    // Read as an attribute (a subclass may define `__dict__`).
    let d = vm.getattr(o.value(), vm.g.names.__dict__)?;
    if !Obj::from_value(d).is_some_and(|x| x.kind() == Kind::DICT) {
        return Err(vm.type_error("<module>.__dict__ is not a dictionary"));
    }
    let k = vm.intern("__dir__");
    if let Some(f) = vm.dict_get_str(d, k) {
        return vm.call(f, &[], Value::EMPTY);
    }
    let keys: Vec<Value> = vm.dict_items(d).into_iter().map(|(k, _)| k).collect();
    Ok(vm.new_list(&keys))
}

/// The dict of module `m` (the getset receiver), with its name key.
fn annotations_home(vm: &mut Vm, m: Value) -> PyResult<(Value, Value)> {
    let Some(o) = Obj::from_value(m).filter(|o| o.kind() == K_MODULE) else {
        let tn = vm.type_name_of(m);
        return Err(vm.type_error(&format!(
            "descriptor '__annotations__' for 'module' objects doesn't apply to a '{tn}' object"
        )));
    };
    Ok((o.get(0), vm.intern("__annotations__")))
}

/// `module.__annotations__`: the dict's entry, made (an empty dict, kept
/// in the module's dict) on first read, as CPython 3.10+.
fn module_annotations_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (d, key) = annotations_home(vm, a[0])?;
    if let Some(v) = vm.dict_get_str(d, key) {
        return Ok(v);
    }
    let ann = vm.new_dict();
    vm.dict_set_str(d, key, ann);
    Ok(ann)
}

fn module_annotations_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (d, key) = annotations_home(vm, a[0])?;
    vm.dict_set_str(d, key, a[1]);
    Ok(Value::NONE)
}

fn module_annotations_del(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (d, key) = annotations_home(vm, a[0])?;
    if vm.dict_del(d, key)?.is_none() {
        return Err(vm.new_exc(vm.g.e.AttributeError, "__annotations__"));
    }
    Ok(Value::NONE)
}

/// `module.__getattribute__`: the generic lookup, then the module's own
/// `__getattr__` (PEP 562), which `object.__getattribute__` skips.
fn module_getattribute(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    crate::types::object::wrapper_args(vm, a, 1)?;
    let name = crate::types::object::attr_name(vm, a[1])?;
    match vm.generic_getattr(a[0], name)? {
        Some(v) => Ok(v),
        None => Err(vm.attr_error(a[0], name)),
    }
}

/// Registers the module type's methods.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.module;
    vm.add_static(t, "__new__", module_new, false);
    vm.add_method(t, "__init__", module_init);
    vm.add_method(t, "__dir__", module_dir);
    vm.add_method(t, "__getattribute__", module_getattribute);
    super::descr::add_getsets(
        vm,
        t,
        &[(
            "__annotations__",
            module_annotations_get,
            Some(module_annotations_set),
        )],
    );
    super::descr::add_getset_deleter(vm, t, "__annotations__", module_annotations_del);
    Ok(())
}
