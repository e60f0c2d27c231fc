//! The attributes of frame and traceback objects as descriptors on their
//! types, as CPython's `frame_getsetlist` and `tb_memberlist`/`tb_getsetlist`.
//!
//! A frame object here is `[code, lineno, lasti, globals, back]`: from
//! `sys._getframe`, or a snapshot made on reading a traceback entry's
//! `tb_frame` (the live frame is gone once unwound, so its `f_back` is
//! None). A snapshot of three values, `[code, lineno, lasti]`, has no
//! `f_globals` or `f_back`.

use super::descr::{add_getsets, add_members, wrong_receiver};
use engine::runtime::*;
use proto_core::{Obj, Value};

fn frame(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == K_MISC && o.class() == vm.g.types.frame => Ok(o),
        _ => Err(wrong_receiver(vm, a, what, "frame")),
    }
}

fn f_code(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(frame(vm, a, "f_code")?.get(0))
}
fn f_lineno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(frame(vm, a, "f_lineno")?.get(1))
}
fn f_lasti(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(frame(vm, a, "f_lasti")?.get(2))
}

/// `f_globals` (slot 3) or `f_back` (slot 4) of a `sys._getframe` frame;
/// AttributeError for a traceback entry's snapshot.
fn full_field(vm: &mut Vm, a: &[Value], slot: usize, what: &str) -> PyResult<Value> {
    let o = frame(vm, a, what)?;
    if o.n_values() > 4 {
        return Ok(o.get(slot));
    }
    let n = vm.intern(what);
    Err(vm.attr_error(a[0], n))
}
fn f_globals(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    full_field(vm, a, 3, "f_globals")
}
fn f_back(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    full_field(vm, a, 4, "f_back")
}

/// A traceback entry: `[next, code, lasti, lineno, globals]`.
fn tb(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    super::descr::receiver(vm, a, K_TRACEBACK, what, "traceback")
}

fn tb_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v = tb(vm, a, "tb_next")?.get(0);
    Ok(if v.is_empty() { Value::NONE } else { v })
}
fn tb_lineno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(tb(vm, a, "tb_lineno")?.get(3))
}
fn tb_lasti(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(tb(vm, a, "tb_lasti")?.get(2))
}

/// `tb_frame`: a snapshot frame of the entry.
fn tb_frame(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = tb(vm, a, "tb_frame")?;
    let globals = if o.n_values() > 4 {
        o.get(4)
    } else {
        Value::NONE
    };
    let f = vm.alloc_obj(K_MISC, vm.g.types.frame, 5, 0);
    f.init(0, o.get(1));
    f.init(1, o.get(3));
    f.init(2, o.get(2));
    f.init(3, globals);
    f.init(4, Value::NONE);
    Ok(f.value())
}

/// Registers the frame and traceback attributes.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.frame;
    add_getsets(
        vm,
        t,
        &[
            ("f_back", f_back, None),
            ("f_code", f_code, None),
            ("f_globals", f_globals, None),
            ("f_lasti", f_lasti, None),
            ("f_lineno", f_lineno, None),
        ],
    );
    let t = vm.g.types.traceback;
    add_members(
        vm,
        t,
        &[
            ("tb_frame", tb_frame as NativeFn),
            ("tb_lasti", tb_lasti),
            ("tb_lineno", tb_lineno),
        ],
    );
    add_getsets(vm, t, &[("tb_next", tb_next, None)]);
    Ok(())
}
