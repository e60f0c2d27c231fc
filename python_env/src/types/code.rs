//! The code type's attributes as descriptors on the type, as CPython's
//! `code_memberlist` and `code_getsetlist` (`co_name`, `co_varnames`...).

use super::descr::{add_getsets, add_members, wrong_receiver};
use engine::runtime::*;
use proto_core::Value;

fn data(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<&'static CodeData> {
    match a.first().and_then(|&v| code_data(v)) {
        Some(d) => Ok(d),
        None => Err(wrong_receiver(vm, a, what, "code")),
    }
}

fn name_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(data(vm, a, "co_name")?.name_value)
}
fn qualname_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(data(vm, a, "co_qualname")?.qualname_value)
}
fn filename_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = data(vm, a, "co_filename")?.code.filename.clone();
    Ok(vm.new_str(&f))
}
fn argcount_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(data(vm, a, "co_argcount")?.code.argcount as i64))
}
fn firstlineno_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(
        data(vm, a, "co_firstlineno")?.code.first_lineno as i64,
    ))
}
fn flags_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(data(vm, a, "co_flags")?.code.flags.0 as i64))
}
fn posonlyargcount_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(
        data(vm, a, "co_posonlyargcount")?.code.posonlyargcount as i64,
    ))
}
fn kwonlyargcount_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(
        data(vm, a, "co_kwonlyargcount")?.code.kwonlyargcount as i64,
    ))
}
/// `co_nlocals`: the number of local variable names (CPython's).
fn nlocals_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(data(vm, a, "co_nlocals")?.varnames.len() as i64))
}

/// A tuple of the strs `names` (cell and free variable names); each str
/// stays rooted while the next one and the tuple are made.
fn str_tuple(vm: &mut Vm, names: &[Box<str>]) -> Value {
    let mut items = Vec::with_capacity(names.len());
    let mut mark = None;
    for n in names {
        let s = vm.intern(n);
        let m = vm.push_root(s);
        mark.get_or_insert(m);
        items.push(s);
    }
    let t = vm.new_tuple(&items);
    if let Some(m) = mark {
        vm.pop_roots(m);
    }
    t
}
fn cellvars_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = data(vm, a, "co_cellvars")?;
    Ok(str_tuple(vm, &d.code.cellvars))
}
fn freevars_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = data(vm, a, "co_freevars")?;
    Ok(str_tuple(vm, &d.code.freevars))
}

fn varnames_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v: Vec<Value> = data(vm, a, "co_varnames")?.varnames.to_vec();
    Ok(vm.new_tuple(&v))
}

/// Registers the code type's members and getsets.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.code;
    add_members(
        vm,
        t,
        &[
            ("co_argcount", argcount_get as NativeFn),
            ("co_filename", filename_get),
            ("co_firstlineno", firstlineno_get),
            ("co_flags", flags_get),
            ("co_kwonlyargcount", kwonlyargcount_get),
            ("co_name", name_get),
            ("co_nlocals", nlocals_get),
            ("co_posonlyargcount", posonlyargcount_get),
            ("co_qualname", qualname_get),
        ],
    );
    add_getsets(
        vm,
        t,
        &[
            ("co_cellvars", cellvars_get, None),
            ("co_freevars", freevars_get, None),
            ("co_varnames", varnames_get, None),
        ],
    );
    Ok(())
}
