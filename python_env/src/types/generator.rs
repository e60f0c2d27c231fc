//! The attributes of generators, coroutines and async generators as
//! descriptors on their types, as CPython's getset and member lists:
//! `__name__`, `__qualname__`, `gi_code`, `gi_frame`, `gi_running`,
//! `gi_suspended`, `gi_yieldfrom` and their `cr_`/`ag_` counterparts.

use super::descr::{add_getset_deleter, add_getsets, add_members, receiver};
use engine::runtime::call::GEN_ORIGIN_OR_FINALIZER;
use engine::runtime::*;
use proto_core::layouts::get_raw;
use proto_core::{Obj, Value};

fn gen(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    receiver(vm, a, K_GEN, what, "generator")
}

fn state(o: Obj) -> u64 {
    get_raw(o, GEN_RAW_STATE)
}

fn name_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(gen(vm, a, "__name__")?.get(GEN_NAME))
}
fn qualname_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(gen(vm, a, "__qualname__")?.get(GEN_QUALNAME))
}

fn str_set(vm: &mut Vm, a: &[Value], slot: usize, what: &str) -> PyResult<Value> {
    let o = gen(vm, a, what)?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if !is_str(v) {
        return Err(vm.type_error(&format!("{what} must be set to a string object")));
    }
    vm.store(o, slot, v);
    Ok(Value::NONE)
}
fn name_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_set(vm, a, GEN_NAME, "__name__")
}
fn qualname_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    str_set(vm, a, GEN_QUALNAME, "__qualname__")
}

fn code_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = gen(vm, a, "gi_code")?;
    audit_read(vm, o, "code")?;
    Ok(o.get(GEN_CODE))
}

/// The audit event `object.__getattr__` of `gi_code`/`gi_frame` and their
/// coroutine (`cr_`) and async generator (`ag_`) twins, as CPython raises.
fn audit_read(vm: &mut Vm, o: Obj, what: &str) -> PyResult<()> {
    if !vm.auditing() {
        return Ok(());
    }
    let c = o.class();
    let prefix = if vm.is_subtype(c, vm.g.types.coroutine) {
        "cr_"
    } else if vm.is_subtype(c, vm.g.types.async_generator) {
        "ag_"
    } else {
        "gi_"
    };
    vm.audit_getattr(o.value(), &format!("{prefix}{what}"))
}

/// `gi_frame`: a frame object (see `types/frame.rs`) standing for the
/// generator's frame (`Vm::gen_frame_object`); None once done. The same
/// object is returned each time, its line refreshed.
fn frame_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = gen(vm, a, "gi_frame")?;
    audit_read(vm, o, "frame")?;
    if state(o) == GEN_DONE {
        return Ok(Value::NONE);
    }
    let passed_over = vm.delegators.iter().any(|d| d.0 == o);
    Ok(vm.gen_frame_object(o, passed_over))
}

/// `cr_origin`: where the coroutine was made, when origin tracking was
/// on (`sys.set_coroutine_origin_tracking_depth`), else None.
fn origin_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = gen(vm, a, "cr_origin")?;
    Ok(if o.n_values() > GEN_ORIGIN_OR_FINALIZER {
        o.get(GEN_ORIGIN_OR_FINALIZER)
    } else {
        Value::NONE
    })
}

fn running_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::bool(state(gen(vm, a, "gi_running")?) == GEN_RUNNING))
}

fn suspended_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::bool(
        state(gen(vm, a, "gi_suspended")?) == GEN_SUSPENDED,
    ))
}

/// `gi_yieldfrom` / `cr_await` / `ag_await`.
fn delegate_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(engine::runtime::attr::gen_delegate(gen(
        vm,
        a,
        "gi_yieldfrom",
    )?))
}

/// Registers the generator, coroutine and async generator attributes.
/// The "coroutine ... was never awaited" RuntimeWarning for `coro`
/// (CPython's `_PyErr_WarnUnawaitedCoroutine`): through
/// `warnings._warn_unawaited_coroutine`, which may add where the coroutine
/// was made; when that fails other than by raising the warning, the plain
/// warning is issued. Errors are reported as unraisable, never raised.
pub fn warn_unawaited_coroutine(vm: &mut Vm, coro: Value) {
    let rw = crate::modules::_io::exc_class(vm, "RuntimeWarning");
    let mark = vm.push_root(coro);
    let via_module = (|| {
        let m = vm.import_module("warnings")?;
        vm.push_root(m);
        let n = vm.intern("_warn_unawaited_coroutine");
        let f = vm.getattr(m, n)?;
        vm.push_root(f);
        vm.call(f, &[coro], Value::EMPTY)
    })();
    let warned = match via_module {
        Ok(_) => true,
        Err(e) => {
            let is_warning = vm.isinstance(e.0, rw);
            vm.push_root(e.0);
            crate::modules::gc::write_unraisable(vm, coro, e);
            is_warning
        }
    };
    if !warned {
        let q = Obj::from_value(coro).map_or(Value::NONE, |o| o.get(GEN_QUALNAME));
        let msg = format!("coroutine '{}' was never awaited", str_of(q));
        if let Err(e) = vm.warn(rw, &msg, 1) {
            vm.push_root(e.0);
            crate::modules::gc::write_unraisable(vm, coro, e);
        }
    }
    vm.pop_roots(mark);
}

pub fn init(vm: &mut Vm) -> PyResult<()> {
    let names: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        ("__name__", name_get, Some(name_set)),
        ("__qualname__", qualname_get, Some(qualname_set)),
    ];
    let t = vm.g.types.generator;
    add_getsets(vm, t, names);
    add_getset_deleter(vm, t, "__name__", name_set);
    add_getset_deleter(vm, t, "__qualname__", qualname_set);
    add_members(vm, t, &[("gi_code", code_get)]);
    add_getsets(
        vm,
        t,
        &[
            ("gi_frame", frame_get, None),
            ("gi_running", running_get, None),
            ("gi_suspended", suspended_get, None),
            ("gi_yieldfrom", delegate_get, None),
        ],
    );
    let t = vm.g.types.coroutine;
    add_getsets(vm, t, names);
    add_getset_deleter(vm, t, "__name__", name_set);
    add_getset_deleter(vm, t, "__qualname__", qualname_set);
    add_members(vm, t, &[("cr_code", code_get)]);
    add_getsets(
        vm,
        t,
        &[
            ("cr_await", delegate_get, None),
            ("cr_frame", frame_get, None),
            ("cr_origin", origin_get, None),
            ("cr_running", running_get, None),
            ("cr_suspended", suspended_get, None),
        ],
    );
    let t = vm.g.types.async_generator;
    add_getsets(vm, t, names);
    add_getset_deleter(vm, t, "__name__", name_set);
    add_getset_deleter(vm, t, "__qualname__", qualname_set);
    add_members(vm, t, &[("ag_code", code_get), ("ag_running", running_get)]);
    add_getsets(
        vm,
        t,
        &[
            ("ag_await", delegate_get, None),
            ("ag_frame", frame_get, None),
        ],
    );
    Ok(())
}
