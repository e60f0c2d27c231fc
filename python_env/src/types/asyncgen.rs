//! Async generators: `__anext__`/`asend`/`athrow`/`aclose` and the
//! awaitables they return (`async_generator_asend`, `async_generator_athrow`).
//!
//! An async generator frame suspends for two reasons: its own `yield v`
//! (the engine marks it with `GEN_RAW_ASYNC_VALUE`) and an `await` deeper
//! down (the suspension is passed on to whoever drives the awaitable).
//! The awaitables turn the first into `StopIteration(v)` and the generator
//! returning into `StopAsyncIteration`, as CPython's genobject.c does.
//!
//! Awaitable layout (`K_MISC`): values `[gen, value, state, mode]`; `value`
//! is the value to send (asend) or the exception to throw (athrow); `state`
//! is 0 (not started), 1 (running) or 2 (finished); `mode` is 0 for
//! asend, 1 for athrow, 2 for aclose.

use engine::runtime::call::{GenStep, GEN_RAW_ASYNC_VALUE};
use engine::runtime::*;
use proto_core::layouts::get_raw;
use proto_core::{Obj, Value};

const A_GEN: usize = 0;
const A_VALUE: usize = 1;
const A_STATE: usize = 2;
const A_MODE: usize = 3;

const MODE_SEND: i64 = 0;
const MODE_THROW: i64 = 1;
const MODE_CLOSE: i64 = 2;

/// What one resumption of the async generator frame produced.
enum Outcome {
    /// An `await` suspended: pass the value to the driver.
    Await(Value),
    /// The generator yielded a value of its own.
    Value(Value),
    /// The generator returned.
    Return,
}

fn resume(vm: &mut Vm, gen: Value, v: Value, exc: Value) -> PyResult<Outcome> {
    match vm.gen_resume(gen, v, exc)? {
        GenStep::Yield(y) => {
            let g = Obj::from_value(gen).expect("gen");
            Ok(if get_raw(g, GEN_RAW_ASYNC_VALUE) == 1 {
                Outcome::Value(y)
            } else {
                Outcome::Await(y)
            })
        }
        GenStep::Return(_) => Ok(Outcome::Return),
    }
}

fn new_awaitable(vm: &mut Vm, cls: Value, gen: Value, value: Value, mode: i64) -> Value {
    let o = vm.alloc_obj(K_MISC, cls, 4, 0);
    o.init(A_GEN, gen);
    o.init(A_VALUE, value);
    o.init(A_STATE, Value::int(0));
    o.init(A_MODE, Value::int(mode));
    o.value()
}

fn ag_aiter(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

fn ag_anext(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = vm.g.types.async_gen_asend;
    Ok(new_awaitable(vm, cls, a[0], Value::NONE, MODE_SEND))
}

fn ag_asend(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error(&format!(
            "async_generator.asend() takes exactly one argument ({} given)",
            a.len() - 1
        )));
    }
    let cls = vm.g.types.async_gen_asend;
    Ok(new_awaitable(vm, cls, a[0], a[1], MODE_SEND))
}

/// `throw(type[, value[, tb]])` arguments to one exception instance.
fn throw_args(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let mut e = args[0];
    if args.len() > 1
        && Obj::from_value(e).is_some_and(|o| o.kind() == K_TYPE)
        && !args[1].is_none()
    {
        let v = args[1];
        e = if vm.isinstance(v, e) {
            v
        } else {
            vm.call(e, &[v], Value::EMPTY)?
        };
    }
    vm.make_exception(e)
}

fn ag_athrow(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 || a.len() > 4 {
        return Err(vm.type_error(&format!(
            "athrow expected at least 1 argument, got {}",
            a.len() - 1
        )));
    }
    let e = throw_args(vm, &a[1..])?;
    let cls = vm.g.types.async_gen_athrow;
    Ok(new_awaitable(vm, cls, a[0], e, MODE_THROW))
}

fn ag_aclose(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = vm.g.types.async_gen_athrow;
    Ok(new_awaitable(vm, cls, a[0], Value::NONE, MODE_CLOSE))
}

fn state(o: Obj) -> i64 {
    o.get(A_STATE).as_int().unwrap_or(2)
}

fn set_state(vm: &mut Vm, o: Obj, s: i64) {
    vm.store(o, A_STATE, Value::int(s));
}

/// Maps an outcome of an asend awaitable to its result.
fn asend_outcome(vm: &mut Vm, o: Obj, r: PyResult<Outcome>) -> PyResult<Value> {
    match r {
        Ok(Outcome::Await(y)) => Ok(y),
        Ok(Outcome::Value(v)) => {
            set_state(vm, o, 2);
            Err(vm.stop_iteration(v))
        }
        Ok(Outcome::Return) => {
            set_state(vm, o, 2);
            let args = vm.new_tuple(&[]);
            Err(vm.new_exc_args(vm.g.e.StopAsyncIteration, args))
        }
        Err(e) => {
            set_state(vm, o, 2);
            Err(e)
        }
    }
}

/// Maps an outcome of an athrow/aclose awaitable to its result.
fn athrow_outcome(vm: &mut Vm, o: Obj, r: PyResult<Outcome>) -> PyResult<Value> {
    let closing = o.get(A_MODE).as_int() == Some(MODE_CLOSE);
    match r {
        Ok(Outcome::Await(y)) => Ok(y),
        Ok(Outcome::Value(v)) => {
            set_state(vm, o, 2);
            if closing {
                return Err(
                    vm.new_exc(vm.g.e.RuntimeError, "async generator ignored GeneratorExit")
                );
            }
            Err(vm.stop_iteration(v))
        }
        Ok(Outcome::Return) => {
            set_state(vm, o, 2);
            if closing {
                return Err(vm.stop_iteration(Value::NONE));
            }
            let args = vm.new_tuple(&[]);
            Err(vm.new_exc_args(vm.g.e.StopAsyncIteration, args))
        }
        Err(e) => {
            set_state(vm, o, 2);
            if closing
                && (vm.isinstance(e.0, vm.g.e.StopAsyncIteration)
                    || vm.isinstance(e.0, vm.g.e.GeneratorExit))
            {
                return Err(vm.stop_iteration(Value::NONE));
            }
            Err(e)
        }
    }
}

fn is_athrow(vm: &Vm, o: Obj) -> bool {
    o.class() == vm.g.types.async_gen_athrow
}

fn reuse_error(vm: &mut Vm, o: Obj) -> PyException {
    let msg = if is_athrow(vm, o) {
        "cannot reuse already awaited aclose()/athrow()"
    } else {
        "cannot reuse already awaited __anext__()/asend()"
    };
    vm.new_exc(vm.g.e.RuntimeError, msg)
}

fn aw_send(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("awaitable");
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    let gen = o.get(A_GEN);
    match state(o) {
        2 => Err(reuse_error(vm, o)),
        0 => {
            set_state(vm, o, 1);
            if is_athrow(vm, o) {
                if !v.is_none() {
                    return Err(vm.new_exc(
                        vm.g.e.RuntimeError,
                        "can't send non-None value to a just-started coroutine",
                    ));
                }
                let g = Obj::from_value(gen).expect("gen");
                if get_raw(g, GEN_RAW_STATE) == GEN_DONE {
                    set_state(vm, o, 2);
                    return Err(vm.stop_iteration(Value::NONE));
                }
                let exc = if o.get(A_MODE).as_int() == Some(MODE_CLOSE) {
                    let args = vm.new_tuple(&[]);
                    vm.new_exc_args(vm.g.e.GeneratorExit, args).0
                } else {
                    o.get(A_VALUE)
                };
                let r = resume(vm, gen, Value::NONE, exc);
                athrow_outcome(vm, o, r)
            } else {
                let v = if v.is_none() { o.get(A_VALUE) } else { v };
                let r = resume(vm, gen, v, Value::EMPTY);
                asend_outcome(vm, o, r)
            }
        }
        _ => {
            let r = resume(vm, gen, v, Value::EMPTY);
            if is_athrow(vm, o) {
                athrow_outcome(vm, o, r)
            } else {
                asend_outcome(vm, o, r)
            }
        }
    }
}

fn aw_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    aw_send(vm, &[a[0], Value::NONE], Value::EMPTY)
}

fn aw_throw(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("awaitable");
    if a.len() < 2 {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    }
    if state(o) == 2 {
        return Err(reuse_error(vm, o));
    }
    let e = throw_args(vm, &a[1..])?;
    set_state(vm, o, 1);
    let r = resume(vm, o.get(A_GEN), Value::NONE, e);
    if is_athrow(vm, o) {
        athrow_outcome(vm, o, r)
    } else {
        asend_outcome(vm, o, r)
    }
}

fn aw_close(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("awaitable");
    set_state(vm, o, 2);
    Ok(Value::NONE)
}

fn aw_self(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

/// Registers the async generator methods and awaitable types.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let ag = vm.g.types.async_generator;
    vm.add_method(ag, "__aiter__", ag_aiter);
    vm.add_method(ag, "__anext__", ag_anext);
    vm.add_method(ag, "asend", ag_asend);
    vm.add_method(ag, "athrow", ag_athrow);
    vm.add_method(ag, "aclose", ag_aclose);
    for t in [vm.g.types.async_gen_asend, vm.g.types.async_gen_athrow] {
        vm.add_method(t, "send", aw_send);
        vm.add_method(t, "throw", aw_throw);
        vm.add_method(t, "close", aw_close);
        vm.add_method(t, "__next__", aw_next);
        vm.add_method(t, "__iter__", aw_self);
        vm.add_method(t, "__await__", aw_self);
    }
    Ok(())
}
