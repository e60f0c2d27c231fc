//! The code type's attributes as descriptors on the type, as CPython's
//! `code_memberlist` and `code_getsetlist` (`co_name`, `co_varnames`...),
//! and its methods `co_positions()` and `co_lines()`, read from the code's
//! run-length line table (`bytecode::LineTable`). Instruction offsets are
//! code units (`tb_lasti` and `f_lasti` are twice that, as CPython's byte
//! offsets), so `co_positions()` yields one entry per code unit, which is
//! what `traceback` indexes with `f_lasti // 2`.

use std::sync::Arc;

use super::descr::{add_getsets, add_members, wrong_receiver};
use engine::bytecode::CodeFlags;
use engine::runtime::*;
use proto_core::Value;

fn data(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<&'static CodeData> {
    match a.first().and_then(|&v| vm.code_body(v)) {
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
    Ok(data(vm, a, "co_filename")?.filename_value)
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
fn str_tuple(vm: &mut Vm, names: &[Arc<str>]) -> Value {
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

fn consts_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v: Vec<Value> = data(vm, a, "co_consts")?.consts.to_vec();
    Ok(vm.new_tuple(&v))
}
fn stacksize_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(
        data(vm, a, "co_stacksize")?.code.max_stackdepth as i64,
    ))
}
fn names_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v: Vec<Value> = data(vm, a, "co_names")?.names.to_vec();
    Ok(vm.new_tuple(&v))
}

/// `co_code`: ProtoPy's instructions, two bytes per code unit (opcode,
/// operand byte), as the interpreter runs them; the `opcode` module names
/// them.
fn code_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = data(vm, a, "co_code")?;
    Ok(vm.new_bytes(&d.code.code))
}

/// `co_exceptiontable`: the exception table in CPython's encoding
/// (`CodeObject::exception_table_bytes`).
fn exceptiontable_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let bytes = data(vm, a, "co_exceptiontable")?
        .code
        .exception_table_bytes();
    Ok(vm.new_bytes(&bytes))
}

/// A `replace()` argument that must be a str.
fn replace_str(vm: &mut Vm, v: Value, field: &str) -> PyResult<String> {
    if !vm.isinstance(v, vm.g.types.str_) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "replace() argument '{field}' must be str, not {tn}"
        )));
    }
    Ok(str_of(v).to_string())
}

/// A `replace()` argument that must be a tuple of strs, `len` long (the
/// bytecode indexes these tables, so their length cannot change).
fn replace_names(vm: &mut Vm, v: Value, field: &str, len: usize) -> PyResult<Vec<Arc<str>>> {
    let items = replace_tuple(vm, v, field, len)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        if !vm.isinstance(it, vm.g.types.str_) {
            let tn = vm.type_name_of(it);
            return Err(vm.type_error(&format!(
                "replace() argument '{field}' items must be str, not {tn}"
            )));
        }
        out.push(str_of(it).into());
    }
    Ok(out)
}

/// A `replace()` argument that must be a tuple of `len` items.
fn replace_tuple(vm: &mut Vm, v: Value, field: &str, len: usize) -> PyResult<Vec<Value>> {
    if !vm.isinstance(v, vm.g.types.tuple) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "replace() argument '{field}' must be tuple, not {tn}"
        )));
    }
    let items = vm.seq_items(v);
    if items.len() != len {
        return Err(vm.value_error(&format!(
            "replace(): ProtoPy cannot change the length of {field} ({} to {}): \
             its bytecode indexes that table",
            len,
            items.len()
        )));
    }
    Ok(items)
}

/// A `replace()` argument that must be an int fitting `u32`.
fn replace_u32(vm: &mut Vm, v: Value, field: &str) -> PyResult<u32> {
    let i = vm.index(v)?;
    match vm.as_i64(i).and_then(|x| u32::try_from(x).ok()) {
        Some(x) => Ok(x),
        None => Err(vm.value_error(&format!("replace(): {field} out of range"))),
    }
}

/// `code.replace(**kwargs)`: a copy with the named fields changed. Fields
/// ProtoPy's bytecode does not read from the code's attributes (names,
/// file name, first line, constants and name tables of the same length)
/// are replaced; a change to one the compiled instructions depend on
/// (argument counts, flags, `co_code`, tables) is a ValueError, since
/// ProtoPy's instructions are not CPython's. Passing a field's current
/// value is always accepted.
fn replace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    let cd = data(vm, args.pos, "replace")?;
    if args.pos.len() > 1 {
        return Err(vm.type_error("replace() takes no positional arguments"));
    }
    let mut code = (*cd.code).clone();
    let mut consts: Option<Vec<Value>> = None;
    let kw = std::mem::take(&mut args.kw);
    for (key, v) in kw {
        let field = str_of(key).to_string();
        match field.as_str() {
            "co_name" => code.name = replace_str(vm, v, &field)?.into(),
            "co_qualname" => code.qualname = replace_str(vm, v, &field)?.into(),
            "co_filename" => code.filename = replace_str(vm, v, &field)?.into(),
            "co_firstlineno" => {
                let n = replace_u32(vm, v, &field)?;
                let delta = n as i64 - code.first_lineno as i64;
                code.first_lineno = n;
                // Line numbers of instructions move with the first line, as
                // CPython's line table is relative to co_firstlineno.
                for e in code.linetable.entries_mut() {
                    if e.1.line != 0 {
                        e.1.line = (e.1.line as i64 + delta).max(1) as u32;
                        if e.1.end_line != 0 {
                            e.1.end_line = (e.1.end_line as i64 + delta).max(1) as u32;
                        }
                    }
                }
            }
            "co_consts" => consts = Some(replace_tuple(vm, v, &field, code.consts.len())?),
            "co_names" => code.names = replace_names(vm, v, &field, code.names.len())?.into(),
            "co_varnames" => {
                code.varnames = replace_names(vm, v, &field, code.varnames.len())?.into()
            }
            "co_freevars" => {
                code.freevars = replace_names(vm, v, &field, code.freevars.len())?.into()
            }
            "co_cellvars" => {
                code.cellvars = replace_names(vm, v, &field, code.cellvars.len())?.into()
            }
            "co_argcount" | "co_posonlyargcount" | "co_kwonlyargcount" | "co_nlocals"
            | "co_stacksize" | "co_flags" => {
                let n = vm.index(v)?;
                let cur = match field.as_str() {
                    "co_argcount" => code.argcount as i64,
                    "co_posonlyargcount" => code.posonlyargcount as i64,
                    "co_kwonlyargcount" => code.kwonlyargcount as i64,
                    "co_nlocals" => code.varnames.len() as i64,
                    "co_stacksize" => code.max_stackdepth as i64,
                    _ => code.flags.0 as i64,
                };
                // ITERABLE_COROUTINE (`types.coroutine`) changes no
                // instruction, only whether `await` accepts the generator.
                let iterable_coro = i64::from(CodeFlags::ITERABLE_COROUTINE.0);
                let new = vm.as_i64(n);
                if let Some(f) = new
                    .filter(|&f| field == "co_flags" && f != cur && (f ^ cur) & !iterable_coro == 0)
                {
                    code.flags = CodeFlags(f as u32);
                } else if new != Some(cur) {
                    return Err(vm.value_error(&format!(
                        "replace(): ProtoPy cannot change {field}: its compiled \
                         instructions depend on it"
                    )));
                }
            }
            "co_code" | "co_linetable" | "co_exceptiontable" => {
                return Err(vm.value_error(&format!(
                    "replace(): ProtoPy cannot replace {field}: its bytecode is not \
                     CPython's"
                )));
            }
            _ => {
                return Err(vm.type_error(&format!(
                    "'{field}' is an invalid keyword argument for replace()"
                )));
            }
        }
    }
    let code = std::sync::Arc::new(code);
    Ok(vm.new_code_with_consts(code, consts.as_deref()))
}

/// A 1-based line or column as an int, None for "unknown" (line 0).
fn opt(known: bool, v: u32) -> Value {
    if known {
        Value::int(v as i64)
    } else {
        Value::NONE
    }
}

/// `co_positions()`: an iterator of `(line, end_line, col, end_col)` per
/// code unit (all None for instructions without a location).
fn co_positions(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "co_positions", a, k, 0, 0)?;
    let cd = data(vm, a, "co_positions")?;
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    // Under -X no_debug_ranges only lines are known (CPython's
    // PY_CODE_LOCATION_INFO_NO_COLUMNS entries).
    let ranges = engine::runtime::traceback::debug_ranges();
    for unit in 0..cd.code.len_units() {
        let loc = cd.code.location(unit);
        let known = loc.line != 0;
        let t = vm.new_tuple(&[
            opt(known, loc.line),
            opt(known, if ranges { loc.end_line } else { loc.line }),
            opt(known && ranges, loc.col),
            opt(known && ranges, loc.end_col),
        ]);
        vm.list_append(l, t);
    }
    let r = vm.iter(l);
    vm.pop_roots(mark);
    r
}

/// `co_lines()`: an iterator of `(start, end, line)` byte ranges, runs of
/// one line merged, line None where unknown.
fn co_lines(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "co_lines", a, k, 0, 0)?;
    let cd = data(vm, a, "co_lines")?;
    let n = cd.code.len_units();
    let entries = cd.code.linetable.entries();
    let mut runs: Vec<(u32, u32, u32)> = Vec::new();
    for (i, &(start, loc)) in entries.iter().enumerate() {
        let end = entries.get(i + 1).map_or(n, |e| e.0).min(n);
        if end <= start {
            continue;
        }
        match runs.last_mut() {
            Some(last) if last.2 == loc.line && last.1 == start => last.1 = end,
            _ => runs.push((start, end, loc.line)),
        }
    }
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for (s, e, line) in runs {
        let t = vm.new_tuple(&[
            Value::int(s as i64 * 2),
            Value::int(e as i64 * 2),
            opt(line != 0, line),
        ]);
        vm.list_append(l, t);
    }
    let r = vm.iter(l);
    vm.pop_roots(mark);
    r
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
            ("co_stacksize", stacksize_get),
        ],
    );
    add_getsets(
        vm,
        t,
        &[
            ("co_cellvars", cellvars_get, None),
            ("co_code", code_get, None),
            ("co_exceptiontable", exceptiontable_get, None),
            ("co_consts", consts_get, None),
            ("co_names", names_get, None),
            ("co_freevars", freevars_get, None),
            ("co_varnames", varnames_get, None),
        ],
    );
    vm.add_method(t, "co_positions", co_positions);
    vm.add_method(t, "co_lines", co_lines);
    vm.add_method(t, "replace", replace);
    Ok(())
}
