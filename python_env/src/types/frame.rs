//! The attributes of frame and traceback objects as descriptors on their
//! types, as CPython's `frame_getsetlist` and `tb_memberlist`/`tb_getsetlist`.
//!
//! A frame object (layout `trace::FO_*`, see `engine/src/runtime/trace.rs`)
//! stands for a running frame of this thread while it is live: `f_lineno`,
//! `f_lasti`, `f_back` and `f_locals` are then read from that frame. Other
//! frame objects are snapshots: a frame that has ended (the values its last
//! trace event left), or one made on reading a traceback entry's
//! `tb_frame` (the live frame is gone once unwound, so its `f_back` is
//! None). A snapshot of three values, `[code, lineno, lasti]`, has no
//! `f_globals` or `f_back`.

use super::descr::{add_getsets, add_members, wrong_receiver};
use engine::runtime::trace;
use engine::runtime::*;
use proto_core::{Obj, Value};

fn frame(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == K_MISC && o.class() == vm.g.types.frame => Ok(o),
        _ => Err(wrong_receiver(vm, a, what, "frame")),
    }
}

fn f_code(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = frame(vm, a, "f_code")?;
    vm.audit_getattr(o.value(), "f_code")?;
    Ok(o.get(0))
}
fn f_lineno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = frame(vm, a, "f_lineno")?;
    // An instruction with no line of its own (an implicit `return None`)
    // is at the line the frame ran last.
    Ok(match vm.live_frame_index(o).map(|i| vm.frame_line(i)) {
        Some(l) if l != 0 => Value::int(l),
        _ => o.get(trace::FO_LINENO),
    })
}
fn f_lasti(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = frame(vm, a, "f_lasti")?;
    Ok(match vm.live_frame_index(o) {
        Some(i) => Value::int(vm.frame_lasti(i)),
        None => o.get(trace::FO_LASTI),
    })
}

/// A frame object with the tracing values (`trace::FO_N` of them).
fn full_frame(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    let o = frame(vm, a, what)?;
    if o.n_values() >= trace::FO_N {
        return Ok(o);
    }
    let n = vm.intern(what);
    Err(vm.attr_error(a[0], n))
}

/// `f_locals`: the running frame's locals (a dict refreshed from its
/// variables, or its namespace for module and class bodies); for a frame
/// that has ended, the dict it last returned.
fn f_locals(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = frame(vm, a, "f_locals")?;
    if let Some(i) = vm.live_frame_index(o) {
        return Ok(vm.frame_locals(i));
    }
    Ok(vm.ended_frame_locals(o))
}

fn f_trace(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = frame(vm, a, "f_trace")?;
    Ok(if o.n_values() >= trace::FO_N {
        o.get(trace::FO_TRACE)
    } else {
        Value::NONE
    })
}
/// `f_trace = f` (deleting sets None).
fn f_trace_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = full_frame(vm, a, "f_trace")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    let v = if v.is_empty() { Value::NONE } else { v };
    vm.store(o, trace::FO_TRACE, v);
    Ok(Value::NONE)
}

fn flag_get(vm: &mut Vm, a: &[Value], slot: usize, what: &str) -> PyResult<Value> {
    let o = frame(vm, a, what)?;
    Ok(if o.n_values() >= trace::FO_N {
        o.get(slot)
    } else {
        Value::bool(slot == trace::FO_TRACE_LINES)
    })
}
fn flag_set(vm: &mut Vm, a: &[Value], slot: usize, what: &str) -> PyResult<Value> {
    let o = full_frame(vm, a, what)?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if !v.is_bool() {
        return Err(vm.type_error("attribute value type must be bool"));
    }
    vm.store(o, slot, v);
    Ok(Value::NONE)
}
fn f_trace_lines(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    flag_get(vm, a, trace::FO_TRACE_LINES, "f_trace_lines")
}
fn f_trace_lines_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    flag_set(vm, a, trace::FO_TRACE_LINES, "f_trace_lines")
}
fn f_trace_opcodes(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    flag_get(vm, a, trace::FO_TRACE_OPCODES, "f_trace_opcodes")
}
fn f_trace_opcodes_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    flag_set(vm, a, trace::FO_TRACE_OPCODES, "f_trace_opcodes")
}

/// `f_lineno = n` from a trace function: the frame continues at line `n`
/// (see `Vm::frame_jump`).
fn f_lineno_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = frame(vm, a, "f_lineno")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v.is_empty() {
        return Err(vm.type_error("can't delete f_lineno attribute"));
    }
    vm.frame_jump(o, v)
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
    let o = frame(vm, a, "f_back")?;
    if vm.live_frame_index(o).is_some() || o.n_values() > 4 {
        return Ok(vm.frame_back(o));
    }
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
/// `tb_next = v`: None or a traceback that does not lead back to this
/// one (unittest trims its own frames this way); not deletable.
fn tb_next_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = tb(vm, a, "tb_next")?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v.is_empty() {
        return Err(vm.type_error("can't delete tb_next attribute"));
    }
    if !v.is_none() {
        let Some(mut t) = Obj::from_value(v).filter(|t| t.kind() == K_TRACEBACK) else {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("expected traceback object, got '{tn}'")));
        };
        loop {
            if t == o {
                return Err(vm.value_error("traceback loop detected"));
            }
            match Obj::from_value(t.get(0)).filter(|n| n.kind() == K_TRACEBACK) {
                Some(n) => t = n,
                None => break,
            }
        }
    }
    vm.store(o, 0, v);
    Ok(Value::NONE)
}
fn tb_lineno(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(tb(vm, a, "tb_lineno")?.get(3))
}
fn tb_lasti(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(tb(vm, a, "tb_lasti")?.get(2))
}

/// `tb_frame`: the frame object of the activation the entry is of, or,
/// for an entry made without a frame (a native module's), a snapshot.
fn tb_frame(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = tb(vm, a, "tb_frame")?;
    vm.audit_getattr(o.value(), "tb_frame")?;
    if o.n_values() > 5 && o.get(5).is_heap() {
        return Ok(o.get(5));
    }
    let globals = if o.n_values() > 4 {
        o.get(4)
    } else {
        Value::NONE
    };
    let line = o.get(3).as_int().unwrap_or(0);
    let lasti = o.get(2).as_int().unwrap_or(-1);
    Ok(vm.new_frame_object(o.get(1), line, lasti, globals).value())
}

/// `TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)`: an entry for
/// `tb_frame`, as CPython's `tb_new` makes one (programs build tracebacks
/// to raise or report with).
fn tb_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [next, fr, lasti, lineno] = super::clinic::unpack(
        vm,
        "TracebackType",
        &a[1..],
        k,
        ["tb_next", "tb_frame", "tb_lasti", "tb_lineno"],
        0,
        4,
        4,
    )?;
    let (next, fr) = (next.unwrap_or(Value::NONE), fr.unwrap_or(Value::NONE));
    if !next.is_none() && !Obj::from_value(next).is_some_and(|o| o.kind() == K_TRACEBACK) {
        let tn = vm.type_name_of(next);
        return Err(vm.type_error(&format!("expected traceback object or None, got '{tn}'")));
    }
    let Some(fo) =
        Obj::from_value(fr).filter(|o| o.kind() == K_MISC && o.class() == vm.g.types.frame)
    else {
        let tn = vm.type_name_of(fr);
        return Err(vm.type_error(&format!(
            "TracebackType() argument 'tb_frame' must be frame, not {tn}"
        )));
    };
    let lasti = crate::args::c_int(vm, lasti.unwrap_or(Value::NONE))?;
    let lineno = crate::args::c_int(vm, lineno.unwrap_or(Value::NONE))?;
    let globals = if fo.n_values() > trace::FO_GLOBALS {
        fo.get(trace::FO_GLOBALS)
    } else {
        Value::NONE
    };
    let tb = vm.alloc_obj(K_TRACEBACK, vm.g.types.traceback, 6, 0);
    tb.init(0, next);
    tb.init(1, fo.get(trace::FO_CODE));
    tb.init(2, Value::int(i64::from(lasti)));
    tb.init(3, Value::int(i64::from(lineno)));
    tb.init(4, globals);
    tb.init(5, fr);
    Ok(tb.value())
}

/// `frame.clear()`: drops the locals a frame that has ended kept (a
/// suspended generator's frame closes the generator first); RuntimeError
/// for a frame that is executing.
fn frame_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "clear", a, k, 0, 0)?;
    let o = frame(vm, a, "clear")?;
    // Clearing the frame of a coroutine never started finalizes it: the
    // "never awaited" warning, then it is closed (CPython's
    // `_PyGen_Finalize`, which frame.clear() calls).
    if o.n_values() > trace::FO_GEN {
        let g = o.get(trace::FO_GEN);
        let unstarted = Obj::from_value(g).is_some_and(|go| {
            go.class() == vm.g.types.coroutine
                && proto_core::layouts::get_raw(go, GEN_RAW_STATE) == GEN_CREATED
        });
        if unstarted {
            let mark = vm.push_root(o.value());
            super::generator::warn_unawaited_coroutine(vm, g);
            vm.pop_roots(mark);
        }
    }
    vm.frame_clear(o)?;
    Ok(Value::NONE)
}

/// `repr(frame)`: `<frame at 0x..., file '...', line N, code NAME>`, the
/// line being the current one for a running frame.
fn frame_repr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = frame(vm, a, "__repr__")?;
    let line = f_lineno(vm, a, k)?.as_int().unwrap_or(0);
    let (file, name) = code_data(o.get(0)).map_or((String::new(), String::new()), |cd| {
        (cd.code.filename.to_string(), cd.code.name.to_string())
    });
    let fv = vm.new_str(&file);
    let file = vm.repr_string(fv)?;
    let id = object_id(o.value());
    Ok(vm.new_str(&format!(
        "<frame at {id:#x}, file {file}, line {line}, code {name}>"
    )))
}

/// `f_builtins`: the builtins dict the frame runs with.
fn f_builtins(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = frame(vm, a, "f_builtins")?;
    if let Some(i) = vm.live_frame_index(o) {
        return Ok(vm.frames[i].builtins.value());
    }
    match Obj::from_value(o.get(3)).filter(|g| g.kind() == Kind::DICT) {
        Some(g) => Ok(vm.builtins_for(g).value()),
        None => Ok(vm.g.builtins),
    }
}

/// Registers the frame and traceback attributes and `frame.clear()`.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.frame;
    add_getsets(
        vm,
        t,
        &[
            ("f_back", f_back, None),
            ("f_builtins", f_builtins, None),
            ("f_code", f_code, None),
            ("f_globals", f_globals, None),
            ("f_lasti", f_lasti, None),
            ("f_lineno", f_lineno, Some(f_lineno_set)),
            ("f_locals", f_locals, None),
            ("f_trace", f_trace, Some(f_trace_set)),
            ("f_trace_lines", f_trace_lines, Some(f_trace_lines_set)),
            (
                "f_trace_opcodes",
                f_trace_opcodes,
                Some(f_trace_opcodes_set),
            ),
        ],
    );
    // `del frame.f_trace` sets None (bdb's `set_continue` does it): the
    // setter is the deleter too.
    let n = vm.intern("f_trace");
    if let Some(d) = vm.lookup_type(t, n).and_then(Obj::from_value) {
        let set = d.get(1);
        vm.store(d, 2, set);
    }
    vm.add_method(t, "clear", frame_clear);
    vm.add_method(t, "__repr__", frame_repr);
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
    add_getsets(vm, t, &[("tb_next", tb_next, Some(tb_next_set))]);
    // `del tb.tb_next` reaches the setter without a value (its TypeError).
    super::descr::add_getset_deleter(vm, t, "tb_next", tb_next_set);
    vm.add_static(t, "__new__", tb_new, false);
    vm.add_method(t, "__dir__", tb_dir);
    Ok(())
}

/// `traceback.__dir__()`: the four entry attributes only, as CPython's.
fn tb_dir(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__dir__", a, k, 0, 0)?;
    tb(vm, a, "__dir__")?;
    let out = vm.new_list(&[]);
    let mark = vm.push_root(out);
    for n in ["tb_frame", "tb_next", "tb_lasti", "tb_lineno"] {
        let s = vm.new_str(n);
        vm.list_append(out, s);
    }
    vm.pop_roots(mark);
    Ok(out)
}
