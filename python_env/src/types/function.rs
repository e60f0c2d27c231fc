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

/// `f.__code__`, with the audit event CPython raises on reading it.
fn code_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__code__")?;
    vm.audit_getattr(o.value(), "__code__")?;
    let v = o.get(FN_CODE);
    Ok(if v.is_empty() { Value::NONE } else { v })
}
slot_getter!(globals_get, FN_GLOBALS, "__globals__");
slot_getter!(closure_get, FN_CLOSURE, "__closure__");
slot_getter!(defaults_get, FN_DEFAULTS, "__defaults__");
slot_getter!(kwdefaults_get, FN_KWDEFAULTS, "__kwdefaults__");
slot_getter!(name_get, FN_NAME, "__name__");
slot_getter!(qualname_get, FN_QUALNAME, "__qualname__");
slot_getter!(module_get, FN_MODULE, "__module__");
slot_getter!(doc_get, FN_DOC, "__doc__");

/// `f.__builtins__`: the builtins namespace of the function's globals (or
/// the one it took from its creator's frame).
fn builtins_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__builtins__")?;
    let own = o.get(FN_BUILTINS);
    if !own.is_empty() {
        return Ok(own);
    }
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
    vm.audit_setattr(o.value(), "__code__", v)?;
    if !Obj::from_value(v).is_some_and(|c| c.kind() == K_CODE) {
        return Err(vm.type_error("__code__ must be set to a code object"));
    }
    let (new_free, old_free) = (code_nfree(vm, v), code_nfree(vm, o.get(FN_CODE)));
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
fn code_nfree(vm: &mut Vm, c: Value) -> usize {
    vm.code_body(c).map_or(0, |d| d.code.freevars.len())
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

/// `f.__dict__`: made empty on first read (CPython's PyObject_GenericGetDict).
fn dict_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__dict__")?;
    vm.ensure_dict(o)
        .ok_or_else(|| vm.attr_error(o.value(), vm.g.names.__dict__))
}

/// `f.__dict__ = d`: a dict (or a dict subclass) only.
fn dict_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = func(vm, a, "__dict__")?;
    let v = new_value(vm, a)?;
    if !vm.isinstance(v, vm.g.types.dict) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "__dict__ must be set to a dictionary, not a '{tn}'"
        )));
    }
    vm.with_mut_lock(o, |ctx| ctx.store(o, FN_DICT, v))?;
    Ok(Value::NONE)
}

/// `del f.__dict__`: refused, as PyObject_GenericSetDict refuses NULL.
fn dict_del(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    func(vm, a, "__dict__")?;
    Err(vm.type_error("cannot delete __dict__"))
}

/// `function(code, globals, name=None, argdefs=None, closure=None)`
/// (CPython's func_new, with its argument checks and messages).
fn function_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [code, globals, name, argdefs, closure] = super::clinic::unpack(
        vm,
        "function",
        a.get(1..).unwrap_or(&[]),
        k,
        ["code", "globals", "name", "argdefs", "closure"],
        0,
        2,
        5,
    )?;
    let (code, globals) = (code.unwrap_or(Value::NONE), globals.unwrap_or(Value::NONE));
    for (v, what, want, kind) in [
        (code, "code", "code", K_CODE),
        (globals, "globals", "dict", Kind::DICT),
    ] {
        let ok = Obj::from_value(v).is_some_and(|o| o.kind() == kind)
            && (kind != Kind::DICT || vm.isinstance(v, vm.g.types.dict));
        if !ok {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!(
                "function() argument '{what}' must be {want}, not {tn}"
            )));
        }
    }
    let name = name.unwrap_or(Value::NONE);
    if !name.is_none() && !is_str(name) {
        return Err(vm.type_error("arg 3 (name) must be None or string"));
    }
    let argdefs = argdefs.unwrap_or(Value::NONE);
    let is_tuple = |v: Value| Obj::from_value(v).is_some_and(|o| o.kind() == Kind::TUPLE);
    if !argdefs.is_none() && !is_tuple(argdefs) {
        return Err(vm.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let closure = closure.unwrap_or(Value::NONE);
    let nfree = code_nfree(vm, code);
    if !is_tuple(closure) {
        if nfree > 0 && closure.is_none() {
            return Err(vm.type_error("arg 5 (closure) must be tuple"));
        } else if !closure.is_none() {
            return Err(vm.type_error("arg 5 (closure) must be None or tuple"));
        }
    }
    let cells = if closure.is_none() {
        Vec::new()
    } else {
        vm.seq_items(closure)
    };
    if cells.len() != nfree {
        let cn = code_cell(code).map_or(String::new(), |c| str_of(c.name_value).into_owned());
        return Err(vm.value_error(&format!(
            "{cn} requires closure of length {nfree}, not {}",
            cells.len()
        )));
    }
    if let Some(&c) = cells
        .iter()
        .find(|&&c| !Obj::from_value(c).is_some_and(|o| o.kind() == K_CELL))
    {
        let tn = vm.type_name_of(c);
        return Err(vm.type_error(&format!("arg 5 (closure) expected cell, found {tn}")));
    }
    let f = vm.new_function(code, globals, Value::EMPTY);
    let fo = Obj::from_value(f).expect("function");
    if !name.is_none() {
        vm.store(fo, FN_NAME, name);
    }
    vm.store(fo, FN_DEFAULTS, argdefs);
    if !closure.is_none() {
        vm.store(fo, FN_CLOSURE, closure);
    }
    // No `__builtins__` in the globals: the caller's builtins (CPython's
    // _PyEval_BuiltinsFromGlobals).
    if vm.dict_get_str(globals, vm.g.names.__builtins__).is_none() {
        if let Some(b) = vm.frames.last().map(|fr| fr.builtins.value()) {
            vm.store(fo, FN_BUILTINS, b);
        }
    }
    Ok(f)
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
    vm.add_static(t, "__new__", function_new, false);
    let gs = vm.new_native_getset(t, "__dict__", dict_get, Some(dict_set));
    vm.add_attr(t, "__dict__", gs);
    super::descr::add_getset_deleter(vm, t, "__dict__", dict_del);
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
