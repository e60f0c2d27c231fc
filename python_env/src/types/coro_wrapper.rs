//! `coroutine_wrapper`: the iterator `coroutine.__await__()` returns.
//!
//! A coroutine is not an iterator itself; `__await__` hands out this small
//! object (value 0: the coroutine) whose `__next__`/`send`/`throw`/`close`
//! drive the coroutine, so that `yield from coro.__await__()` and a custom
//! awaitable returning it work as on CPython.

use engine::runtime::*;
use proto_core::{Obj, Value};
use std::sync::OnceLock;

/// The `coroutine_wrapper` type, made once at start-up.
static WRAPPER_TYPE: OnceLock<Value> = OnceLock::new();

/// The coroutine behind the wrapper `a[0]`; TypeError for another receiver.
fn coro_of(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Value> {
    let t = WRAPPER_TYPE.get().copied();
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if Some(o.class()) == t && o.kind() == K_MISC => Ok(o.get(0)),
        _ => {
            let tn = a
                .first()
                .map_or("nothing".to_string(), |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'coroutine_wrapper' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// `coroutine.__await__()`.
fn coro_await(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__await__", a, k, 0, 0)?;
    let Some(&t) = WRAPPER_TYPE.get() else {
        return Err(vm.type_error("coroutine_wrapper is not initialised"));
    };
    let coro = a[0];
    let mark = vm.push_root(coro);
    let o = vm.alloc_obj(K_MISC, t, 1, 0);
    vm.pop_roots(mark);
    o.init(0, coro);
    Ok(o.value())
}

fn cw_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    coro_of(vm, a, "__iter__")?;
    Ok(a[0])
}

fn cw_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let c = coro_of(vm, a, "__next__")?;
    vm.gen_send(c, Value::NONE)
}

fn cw_send(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "send", a, k, 1, 1)?;
    let c = coro_of(vm, a, "send")?;
    vm.gen_send(c, a[1])
}

fn cw_throw(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "throw", a, k, 1, 3)?;
    let c = coro_of(vm, a, "throw")?;
    let e = super::iterators::throw_exception(vm, &a[1..])?;
    vm.gen_throw(c, e)
}

fn cw_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "close", a, k, 0, 0)?;
    let c = coro_of(vm, a, "close")?;
    vm.gen_close(c)
}

/// Makes the `coroutine_wrapper` type and `coroutine.__await__`.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let obj = vm.g.types.object;
    let t = vm.new_static_type("coroutine_wrapper", obj, Kind(K_MISC.0), false);
    vm.add_method(t, "__iter__", cw_iter);
    vm.add_method(t, "__next__", cw_next);
    vm.add_method(t, "send", cw_send);
    vm.add_method(t, "throw", cw_throw);
    vm.add_method(t, "close", cw_close);
    let _ = WRAPPER_TYPE.set(t);
    let c = vm.g.types.coroutine;
    vm.add_method(c, "__await__", coro_await);
    Ok(())
}
