//! The function type's attributes as descriptors on the type, as CPython's
//! `func_getsetlist` and `func_memberlist`: `FunctionType.__code__` is a
//! getset_descriptor, `FunctionType.__globals__` a member_descriptor (what
//! CPython's `types` and `inspect` read).

use super::descr::native_member;
use engine::runtime::*;
use proto_core::{Obj, Value};

/// The function `a[0]` (a descriptor's getter or setter only runs on one).
fn func(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == K_FUNCTION => Ok(o),
        _ => Err(super::descr::wrong_receiver(vm, a, what, "function")),
    }
}

/// The value `v` of a setter's call (`a[1]`).
fn new_value(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    a.get(1)
        .copied()
        .ok_or_else(|| vm.type_error("setter expected a value"))
}

macro_rules! slot_getter {
    ($fn_name:ident, $slot:expr, $what:literal) => {
        fn $fn_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            let o = func(vm, a, $what)?;
            let v = o.get($slot);
            Ok(if v.is_empty() { Value::NONE } else { v })
        }
    };
}

slot_getter!(code_get, FN_CODE, "__code__");
slot_getter!(globals_get, FN_GLOBALS, "__globals__");
slot_getter!(closure_get, FN_CLOSURE, "__closure__");
slot_getter!(defaults_get, FN_DEFAULTS, "__defaults__");
slot_getter!(kwdefaults_get, FN_KWDEFAULTS, "__kwdefaults__");
slot_getter!(name_get, FN_NAME, "__name__");
slot_getter!(qualname_get, FN_QUALNAME, "__qualname__");
slot_getter!(module_get, FN_MODULE, "__module__");
slot_getter!(doc_get, FN_DOC, "__doc__");

/// `f.__builtins__`: the builtins namespace of the function's globals.
fn builtins_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__builtins__")?;
    let k = vm.g.names.__builtins__;
    let b = vm
        .dict_get_str(o.get(FN_GLOBALS), k)
        .unwrap_or(vm.g.builtins);
    // A module stands for its namespace.
    Ok(match Obj::from_value(b) {
        Some(m) if m.kind() == K_MODULE => m.get(0),
        _ => b,
    })
}

/// `f.__annotations__`: made an empty dict on first read, as CPython.
fn annotations_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__annotations__")?;
    let v = o.get(FN_ANNOTATIONS);
    if v.is_none() || v.is_empty() {
        let d = vm.new_dict();
        vm.store(o, FN_ANNOTATIONS, d);
        return Ok(d);
    }
    Ok(v)
}

fn code_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__code__")?;
    let v = new_value(vm, a)?;
    if !Obj::from_value(v).is_some_and(|c| c.kind() == K_CODE) {
        return Err(vm.type_error("__code__ must be set to a code object"));
    }
    let (new_free, old_free) = (code_nfree(v), code_nfree(o.get(FN_CODE)));
    if new_free != old_free {
        let n = str_of(o.get(FN_NAME)).into_owned();
        return Err(vm.value_error(&format!(
            "{n}() requires a code object with {old_free} free vars, not {new_free}"
        )));
    }
    vm.store(o, FN_CODE, v);
    Ok(Value::NONE)
}

/// The number of free variables of a code object.
fn code_nfree(c: Value) -> usize {
    code_data(c).map_or(0, |d| d.code.freevars.len())
}

/// Setter of a slot that takes a tuple (or None, or a deletion).
fn defaults_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__defaults__")?;
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    if !v.is_none() && !Obj::from_value(v).is_some_and(|t| t.kind() == Kind::TUPLE) {
        return Err(vm.type_error("__defaults__ must be set to a tuple object"));
    }
    vm.store(o, FN_DEFAULTS, v);
    Ok(Value::NONE)
}

fn kwdefaults_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__kwdefaults__")?;
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    if !v.is_none() && !Obj::from_value(v).is_some_and(|t| t.kind() == Kind::DICT) {
        return Err(vm.type_error("__kwdefaults__ must be set to a dict object"));
    }
    vm.store(o, FN_KWDEFAULTS, v);
    Ok(Value::NONE)
}

fn annotations_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__annotations__")?;
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    if !v.is_none() && !Obj::from_value(v).is_some_and(|t| t.kind() == Kind::DICT) {
        return Err(vm.type_error("__annotations__ must be set to a dict object"));
    }
    vm.store(o, FN_ANNOTATIONS, v);
    Ok(Value::NONE)
}

fn str_setter(vm: &mut Vm, a: &[Value], slot: usize, what: &str) -> PyResult<Value> {
    let o = func(vm, a, what)?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if !is_str(v) {
        return Err(vm.type_error(&format!("{what} must be set to a string object")));
    }
    vm.store(o, slot, v);
    Ok(Value::NONE)
}

fn name_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_setter(vm, a, FN_NAME, "__name__")
}

fn qualname_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_setter(vm, a, FN_QUALNAME, "__qualname__")
}

fn module_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__module__")?;
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    vm.store(o, FN_MODULE, v);
    Ok(Value::NONE)
}

fn doc_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__doc__")?;
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    vm.store(o, FN_DOC, v);
    Ok(Value::NONE)
}

/// A writable `member_descriptor` of the builtin type `t` (the layout of
/// [`native_member`], with a setter).
pub(super) fn writable_member(
    vm: &mut Vm,
    t: Value,
    name: &'static str,
    get: NativeFn,
    set: NativeFn,
) -> Value {
    let m = native_member(vm, t, name, get);
    let s = vm.new_builtin(name, set, false);
    vm.ctx.promote(s);
    if let Some(o) = Obj::from_value(m) {
        vm.store(o, 1, s);
    }
    m
}

/// Registers the function type's getsets and members.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.function;
    let getsets: &[(&'static str, NativeFn, NativeFn)] = &[
        ("__code__", code_get, code_set),
        ("__defaults__", defaults_get, defaults_set),
        ("__kwdefaults__", kwdefaults_get, kwdefaults_set),
        ("__annotations__", annotations_get, annotations_set),
        ("__name__", name_get, name_set),
        ("__qualname__", qualname_get, qualname_set),
    ];
    for &(name, get, set) in getsets {
        let gs = vm.new_native_getset(t, name, get, Some(set));
        if matches!(
            name,
            "__defaults__" | "__kwdefaults__" | "__annotations__" | "__name__" | "__qualname__"
        ) {
            // `del f.__defaults__` sets None, as CPython's setters do for
            // NULL; `del f.__name__` is their TypeError.
            let d = vm.new_builtin(name, set, false);
            vm.ctx.promote(d);
            vm.store(Obj::from_value(gs).expect("getset"), 2, d);
        }
        vm.add_attr(t, name, gs);
    }
    // CPython's members: __module__ and __doc__ are writable.
    for (name, get, set) in [
        ("__module__", module_get as NativeFn, module_set as NativeFn),
        ("__doc__", doc_get, doc_set),
    ] {
        let m = writable_member(vm, t, name, get, set);
        vm.add_attr(t, name, m);
        // `del f.__doc__` leaves None (a T_OBJECT member's NULL).
        super::descr::add_getset_deleter(vm, t, name, set);
    }
    for (name, get) in [
        ("__globals__", globals_get as NativeFn),
        ("__closure__", closure_get),
        ("__builtins__", builtins_get),
    ] {
        let m = native_member(vm, t, name, get);
        vm.add_attr(t, name, m);
    }
    Ok(())
}
