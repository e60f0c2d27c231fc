//! Methods of `code` and `frame` objects. Code: `co_positions()` and
//! `co_lines()`, read from
//! the code's run-length line table (`bytecode::LineTable`). Instruction
//! offsets are code units (`tb_lasti` and `f_lasti` are twice that, as
//! CPython's byte offsets), so `co_positions()` yields one entry per code
//! unit, which is what `traceback` indexes with `f_lasti // 2`. Frames
//! (`sys._getframe`, `tb_frame`) are snapshots: `clear()` has nothing to
//! release.

use engine::runtime::*;
use proto_core::Value;

/// The code object's data, or CPython's receiver TypeError.
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static CodeData> {
    match a.first().copied().and_then(code_data) {
        Some(cd) => Ok(cd),
        None => Err(super::descr::wrong_receiver(vm, a, name, "code")),
    }
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
    let cd = this(vm, a, "co_positions")?;
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for unit in 0..cd.code.len_units() {
        let loc = cd.code.location(unit);
        let known = loc.line != 0;
        let t = vm.new_tuple(&[
            opt(known, loc.line),
            opt(known, loc.end_line),
            opt(known, loc.col),
            opt(known, loc.end_col),
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
    let cd = this(vm, a, "co_lines")?;
    let n = cd.code.len_units();
    let entries = &cd.code.linetable.entries;
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

/// `frame.clear()`: a ProtoPy frame object is a snapshot (code, line,
/// globals) that holds no locals, so there is nothing to release.
fn frame_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "clear", a, k, 0, 0)?;
    Ok(Value::NONE)
}

/// Registers the code and frame types' methods.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.code;
    vm.add_method(t, "co_positions", co_positions);
    vm.add_method(t, "co_lines", co_lines);
    let f = vm.g.types.frame;
    vm.add_method(f, "clear", frame_clear);
    Ok(())
}
