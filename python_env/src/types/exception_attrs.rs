//! BaseException's attributes and the fields of its subclasses as
//! descriptors on their types, as CPython's: the getsets `args`,
//! `__traceback__`, `__cause__`, `__context__`, the member
//! `__suppress_context__`, and the members `NameError.name`,
//! `AttributeError.name`/`obj`, `ImportError.name`/`path`/`msg`,
//! `OSError.filename`/`filename2`.

use super::descr::{add_getset_deleter, add_getsets, add_writable_members, receiver};
use engine::runtime::*;
use proto_core::{Obj, Value};

/// A writable member: (name, getter, setter).
type WritableMember = (&'static str, NativeFn, NativeFn);

fn exc(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    receiver(vm, a, K_EXC, what, "BaseException")
}

fn or_none(v: Value) -> Value {
    if v.is_empty() {
        Value::NONE
    } else {
        v
    }
}

/// The value a setter stores (`a[1]`).
fn new_value(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    a.get(1)
        .copied()
        .ok_or_else(|| vm.type_error("setter expected a value"))
}

fn args_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(exc(vm, a, "args")?.get(EXC_ARGS))
}

/// `e.args = it`: stored as a tuple of the iterable's items.
fn args_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = exc(vm, a, "args")?;
    let v = new_value(vm, a)?;
    let items = vm.collect(v)?;
    let t = vm.new_tuple(&items);
    vm.store(o, EXC_ARGS, t);
    Ok(Value::NONE)
}

macro_rules! slot_attr {
    ($get:ident, $set:ident, $slot:expr, $what:literal) => {
        fn $get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            Ok(or_none(exc(vm, a, $what)?.get($slot)))
        }
        fn $set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            let o = exc(vm, a, $what)?;
            let v = new_value(vm, a)?;
            vm.store(o, $slot, v);
            Ok(Value::NONE)
        }
    };
}

fn tb_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(or_none(exc(vm, a, "__traceback__")?.get(EXC_TB)))
}
/// `__traceback__ = tb`: None or a traceback object.
fn tb_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = exc(vm, a, "__traceback__")?;
    let Some(&v) = a.get(1) else {
        return Err(vm.type_error("__traceback__ may not be deleted"));
    };
    if !v.is_none() && !Obj::from_value(v).is_some_and(|t| t.kind() == K_TRACEBACK) {
        return Err(vm.type_error("__traceback__ must be a traceback or None"));
    }
    vm.store(o, EXC_TB, v);
    Ok(Value::NONE)
}
slot_attr!(x0_get, x0_set, EXC_X0, "name");
slot_attr!(x1_get, x1_set, EXC_X1, "obj");
slot_attr!(x2_get, x2_set, EXC_X2, "msg");

fn suppress_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = exc(vm, a, "__suppress_context__")?;
    Ok(Value::bool(exc_suppress_context(o)))
}
fn suppress_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = exc(vm, a, "__suppress_context__")?;
    let v = new_value(vm, a)?;
    vm.store(o, EXC_SUPPRESS, v);
    Ok(Value::NONE)
}

/// `__cause__ = v` / `__context__ = v`: None or an exception; setting the
/// cause also sets `__suppress_context__`.
fn chain_set(vm: &mut Vm, a: &[Value], slot: usize, what: &str) -> PyResult<Value> {
    let o = exc(vm, a, what)?;
    // (Also the deleter: called without a value.)
    let Some(&v) = a.get(1) else {
        return Err(vm.type_error(&format!("{what} may not be deleted")));
    };
    if !v.is_none() && !Obj::from_value(v).is_some_and(|x| x.kind() == K_EXC) {
        let w = if slot == EXC_CAUSE {
            "cause"
        } else {
            "context"
        };
        return Err(vm.type_error(&format!(
            "exception {w} must be None or derive from BaseException"
        )));
    }
    if slot == EXC_CAUSE {
        vm.store(o, EXC_SUPPRESS, Value::TRUE);
    }
    vm.store(o, slot, v);
    Ok(Value::NONE)
}
fn cause_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(or_none(exc(vm, a, "__cause__")?.get(EXC_CAUSE)))
}
fn cause_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    chain_set(vm, a, EXC_CAUSE, "__cause__")
}
fn context_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(or_none(exc(vm, a, "__context__")?.get(EXC_CONTEXT)))
}
fn context_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    chain_set(vm, a, EXC_CONTEXT, "__context__")
}

/// Registers the exception attributes.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let e = vm.g.e.BaseException;
    add_getsets(
        vm,
        e,
        &[
            ("args", args_get, Some(args_set)),
            ("__traceback__", tb_get, Some(tb_set)),
            ("__cause__", cause_get, Some(cause_set)),
            ("__context__", context_get, Some(context_set)),
        ],
    );
    add_getset_deleter(vm, e, "__traceback__", tb_set);
    add_getset_deleter(vm, e, "__cause__", cause_set);
    add_getset_deleter(vm, e, "__context__", context_set);
    add_writable_members(
        vm,
        e,
        &[("__suppress_context__", suppress_get, suppress_set)],
    );
    // The subclass fields (value slots X0, X1, X2).
    let fields: [(Value, &[WritableMember]); 4] = [
        (vm.g.e.NameError, &[("name", x0_get, x0_set)]),
        (
            vm.g.e.AttributeError,
            &[("name", x0_get, x0_set), ("obj", x1_get, x1_set)],
        ),
        (
            vm.g.e.ImportError,
            &[
                ("name", x0_get, x0_set),
                ("path", x1_get, x1_set),
                ("msg", x2_get, x2_set),
            ],
        ),
        (
            vm.g.e.OSError,
            &[("filename", x0_get, x0_set), ("filename2", x1_get, x1_set)],
        ),
    ];
    for (t, list) in fields {
        add_writable_members(vm, t, list);
    }
    Ok(())
}
