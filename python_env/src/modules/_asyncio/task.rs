//! `_asyncio.Task`: a coroutine driven by the event loop, as CPython
//! 3.11's C type (and `asyncio.tasks.Task`, which it replaces) behaves.
//!
//! Each step resumes the coroutine directly when it is a native coroutine
//! (no `send` call, no StopIteration made for its return), and a native
//! future it waits on gets the task's wake-up callable without a Python
//! method call. The step scheduled with `loop.call_soon` is a builtin bound
//! to the task (or, with an exception to throw in, to a `(task, exc)`
//! pair), so the loop's `Handle` calls native code directly.

use super::future::{
    add_done_callback, alive, fflag, fget, fset, fstate, fut_of, future_cancel, future_init,
    future_set_exception, future_set_result, get_result, invalid_state, is_exact, is_task,
    make_cancelled_error, or_none, report, setter_value, F_CANCELLED_EXC, F_CANCEL_MSG, F_LOG_TB,
    F_LOOP, F_N, F_SRC_TB, PENDING,
};
use super::{call_soon, enter_task, leave_task, register_task, st};
use crate::types::clinic;
use engine::runtime::call::GenStep;
use engine::runtime::*;
use proto_core::sync::{AtomicU64, Ordering};
use proto_core::{Kind, Obj, Value};

/// A task's own values, counted from `ts(o, 0)` (just before the future's).
const T_WAITER: usize = 0;
const T_CORO: usize = 1;
const T_NAME: usize = 2;
const T_CONTEXT: usize = 3;
const T_MUST_CANCEL: usize = 4;
const T_LOG_DESTROY: usize = 5;
const T_NCANCELS: usize = 6;
pub(super) const T_N: usize = 7;

/// The number of the last `Task-N` default name given.
static NAME_COUNTER: AtomicU64 = AtomicU64::new(0);

#[inline(always)]
fn ts(o: Obj, i: usize) -> usize {
    o.n_values() - F_N - T_N + i
}

#[inline(always)]
fn tget(o: Obj, i: usize) -> Value {
    o.get(ts(o, i))
}

#[inline(always)]
fn tset(vm: &mut Vm, o: Obj, i: usize, v: Value) {
    vm.store(o, ts(o, i), v);
}

/// Initial values of a fresh task's own fields.
pub(super) fn init_fields(o: Obj) {
    o.init(ts(o, T_MUST_CANCEL), Value::FALSE);
    o.init(ts(o, T_LOG_DESTROY), Value::FALSE);
    o.init(ts(o, T_NCANCELS), Value::int(0));
}

/// Would the task's `__del__` report it (pending, and asked to)?
pub(super) fn reports_pending(o: Obj) -> bool {
    fstate(o) == PENDING && tget(o, T_LOG_DESTROY) == Value::TRUE && alive(o)
}

/// The receiver of a method `name` of `_asyncio.Task`.
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    if let Some(o) = a.first().and_then(|&v| fut_of(v)).filter(|&o| is_task(o)) {
        return Ok(o);
    }
    let tn = a
        .first()
        .map_or("NoneType".to_string(), |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{name}' for '_asyncio.Task' objects doesn't apply to a '{tn}' object"
    )))
}

fn is_native_coro(vm: &Vm, v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_GEN && o.class() == vm.g.types.coroutine)
}

// ------------------------------------------------------------------ construction

fn task_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("Task.__new__(): not enough arguments"));
    };
    super::future::alloc(vm, cls, "_asyncio.Task")
}

fn task_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__init__")?;
    let [coro, lp, nm, ctx] = clinic::unpack(
        vm,
        "Task",
        &a[1..],
        k,
        ["coro", "loop", "name", "context"],
        0,
        1,
        1,
    )?;
    let coro = coro.unwrap_or(Value::NONE);
    future_init(vm, o, lp.unwrap_or(Value::NONE))?;
    let is_coro = is_native_coro(vm, coro) || {
        let r = vm.call(st().iscoroutine, &[coro], Value::EMPTY)?;
        vm.truthy(r)?
    };
    if !is_coro {
        tset(vm, o, T_LOG_DESTROY, Value::FALSE);
        let r = vm.repr_string(coro)?;
        return Err(vm.type_error(&format!("a coroutine was expected, got {r}")));
    }
    let ctx = match ctx {
        Some(c) if !c.is_none() => c,
        _ => vm.call(st().copy_context, &[], Value::EMPTY)?,
    };
    tset(vm, o, T_CONTEXT, ctx);
    tset(vm, o, T_WAITER, Value::EMPTY);
    tset(vm, o, T_MUST_CANCEL, Value::FALSE);
    tset(vm, o, T_LOG_DESTROY, Value::TRUE);
    tset(vm, o, T_NCANCELS, Value::int(0));
    tset(vm, o, T_CORO, coro);
    let nm = match nm {
        None => Value::NONE,
        Some(v) => v,
    };
    let nv = if nm.is_none() {
        let n = NAME_COUNTER.fetch_add(1, Ordering::Relaxed) + 1;
        vm.new_str(&format!("Task-{n}"))
    } else if vm.type_of(nm) == vm.g.types.str_ {
        nm
    } else {
        vm.str(nm)?
    };
    tset(vm, o, T_NAME, nv);
    // Listed before the first step is scheduled: a task whose scheduling
    // fails is reported destroyed pending, as CPython's finalizer does.
    super::future::fin_register(vm, o);
    call_step_soon(vm, o, Value::EMPTY)?;
    register_task(vm, o.value())?;
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ stepping

/// `loop.call_soon(step, context=task_context)`; the step throws `exc`
/// into the coroutine unless it is EMPTY.
fn call_step_soon(vm: &mut Vm, o: Obj, exc: Value) -> PyResult<()> {
    let cb = if exc.is_empty() {
        vm.new_builtin_bound("TaskStepMethWrapper", step_wrapper, o.value())
    } else {
        let pair = vm.new_tuple(&[o.value(), exc]);
        vm.new_builtin_bound("TaskStepMethWrapper", step_wrapper_exc, pair)
    };
    let mark = vm.push_root(cb);
    let r = call_soon(vm, fget(o, F_LOOP), cb, Value::EMPTY, tget(o, T_CONTEXT));
    vm.pop_roots(mark);
    r
}

fn no_args(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<()> {
    if Obj::from_value(k).is_some_and(|kk| kk.n_values() > 0) {
        return Err(vm.type_error("function takes no keyword arguments"));
    }
    if a.len() > 1 {
        return Err(vm.type_error("function takes no positional arguments"));
    }
    Ok(())
}

fn step_wrapper(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    no_args(vm, a, k)?;
    let Some(o) = fut_of(a[0]).filter(|&o| is_task(o)) else {
        return Err(vm.type_error("TaskStepMethWrapper without a task"));
    };
    task_step(vm, o, Value::EMPTY)
}

fn step_wrapper_exc(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    no_args(vm, a, k)?;
    let pair = Obj::from_value(a[0]).filter(|p| p.kind() == Kind::TUPLE && p.n_values() == 2);
    let Some((o, exc)) = pair.and_then(|p| fut_of(p.get(0)).map(|o| (o, p.get(1)))) else {
        return Err(vm.type_error("TaskStepMethWrapper without a task"));
    };
    task_step(vm, o, exc)
}

/// One step of the task, entered as the loop's current task.
fn task_step(vm: &mut Vm, o: Obj, exc: Value) -> PyResult<Value> {
    let lp = fget(o, F_LOOP);
    enter_task(vm, lp, o.value())?;
    let r = step_impl(vm, o, exc);
    let mark = vm.push_root(match &r {
        Err(e) => e.0,
        Ok(v) => *v,
    });
    let l = leave_task(vm, lp, o.value());
    vm.pop_roots(mark);
    match (r, l) {
        (Err(e), _) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Ok(v), Ok(())) => Ok(v),
    }
}

/// What one resumption of the coroutine gave.
enum Outcome {
    Yield(Value),
    Return(Value),
    Raise(PyException),
}

/// Resumes the coroutine, sending None or throwing `exc`.
fn resume(vm: &mut Vm, coro: Value, exc: Value) -> Outcome {
    if is_native_coro(vm, coro) {
        return match vm.gen_resume(coro, Value::NONE, exc) {
            Ok(GenStep::Yield(y)) => Outcome::Yield(y),
            Ok(GenStep::Return(r)) => Outcome::Return(r),
            Err(e) => Outcome::Raise(e),
        };
    }
    let r = if exc.is_empty() {
        vm.call_method(coro, "send", &[Value::NONE])
    } else {
        vm.call_method(coro, "throw", &[exc])
    };
    match r {
        Ok(y) => Outcome::Yield(y),
        Err(e) => {
            if vm.isinstance(e.0, vm.g.e.StopIteration) {
                let n = vm.intern("value");
                match vm.getattr(e.0, n) {
                    Ok(v) => Outcome::Return(v),
                    Err(e2) => Outcome::Raise(e2),
                }
            } else {
                Outcome::Raise(e)
            }
        }
    }
}

fn step_impl(vm: &mut Vm, o: Obj, exc: Value) -> PyResult<Value> {
    if fstate(o) != PENDING {
        let tr = vm.repr_string(o.value())?;
        let er = if exc.is_empty() {
            "None".to_string()
        } else {
            vm.repr_string(exc)?
        };
        return Err(invalid_state(
            vm,
            &format!("_step(): already done: {tr} {er}"),
        ));
    }
    let mut exc = exc;
    if tget(o, T_MUST_CANCEL) == Value::TRUE {
        if exc.is_empty() || !vm.isinstance(exc, st().cancelled_error) {
            exc = make_cancelled_error(vm, o).0;
        }
        tset(vm, o, T_MUST_CANCEL, Value::FALSE);
    }
    tset(vm, o, T_WAITER, Value::EMPTY);
    let coro = tget(o, T_CORO);
    if coro.is_empty() {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "uninitialized Task object"));
    }
    let mark = vm.push_root(exc);
    let out = resume(vm, coro, exc);
    vm.pop_roots(mark);
    match out {
        Outcome::Return(v) => {
            let mark = vm.push_root(v);
            let r = if tget(o, T_MUST_CANCEL) == Value::TRUE {
                tset(vm, o, T_MUST_CANCEL, Value::FALSE);
                future_cancel(vm, o, fget(o, F_CANCEL_MSG)).map(|_| ())
            } else {
                future_set_result(vm, o, v)
            };
            vm.pop_roots(mark);
            r.map(|_| Value::NONE)
        }
        Outcome::Raise(e) => {
            let mark = vm.push_root(e.0);
            let r = if vm.isinstance(e.0, st().cancelled_error) {
                fset(vm, o, F_CANCELLED_EXC, e.0);
                future_cancel(vm, o, Value::EMPTY).map(|_| Value::NONE)
            } else {
                match future_set_exception(vm, o, e.0) {
                    Err(e2) => Err(e2),
                    Ok(()) => {
                        if vm.isinstance(e.0, vm.g.e.KeyboardInterrupt)
                            || vm.isinstance(e.0, vm.g.e.SystemExit)
                        {
                            Err(PyException(e.0))
                        } else {
                            Ok(Value::NONE)
                        }
                    }
                }
            };
            vm.pop_roots(mark);
            r
        }
        Outcome::Yield(result) => {
            let mark = vm.push_root(result);
            let r = on_yield(vm, o, result);
            vm.pop_roots(mark);
            r
        }
    }
}

/// A RuntimeError(msg) thrown into the coroutine at its next step.
fn set_error_soon(vm: &mut Vm, o: Obj, msg: String) -> PyResult<Value> {
    let e = vm.new_exc(vm.g.e.RuntimeError, &msg);
    let mark = vm.push_root(e.0);
    let r = call_step_soon(vm, o, e.0);
    vm.pop_roots(mark);
    r.map(|_| Value::NONE)
}

/// The task's wake-up callable (`task_wakeup` bound to it).
/// As CPython's PyCFunction bound to the task, its `__qualname__` is
/// `Task.task_wakeup` (the task's class's name), which reprs of the
/// future it waits on show.
fn wakeup_callable(vm: &mut Vm, o: Obj) -> Value {
    vm.ctx.alloc_native(
        K_BUILTIN,
        vm.g.types.builtin,
        Builtin {
            name: "task_wakeup",
            f: task_wakeup,
            is_method: false,
            bound: o.value(),
            owner: o.class(),
            arity: None,
            meth_arity: false,
            module: proto_core::sync::heap_atomic::AtomicU64::new(0),
        },
    )
}

/// The coroutine yielded `result`: wait for it when it is a future of this
/// loop, go round the loop once for a bare `yield`, else fail the task.
fn on_yield(vm: &mut Vm, o: Obj, result: Value) -> PyResult<Value> {
    let lp = fget(o, F_LOOP);
    if let Some(f) = is_exact(result) {
        if fget(f, F_LOOP) != lp {
            return different_loop(vm, o, result);
        }
        if !fflag(f, super::future::F_BLOCKING) {
            return yield_instead(vm, o, result);
        }
        if result == o.value() {
            return self_await(vm, o);
        }
        fset(vm, f, super::future::F_BLOCKING, Value::FALSE);
        let w = wakeup_callable(vm, o);
        let mark = vm.push_root(w);
        let r = add_done_callback(vm, f, w, tget(o, T_CONTEXT));
        vm.pop_roots(mark);
        r?;
        return wait_on(vm, o, result);
    }
    if result.is_none() {
        call_step_soon(vm, o, Value::EMPTY)?;
        return Ok(Value::NONE);
    }
    let n = vm.intern("_asyncio_future_blocking");
    let blocking = vm.getattr_opt(result, n)?;
    if let Some(b) = blocking.filter(|b| !b.is_none()) {
        let mark = vm.push_root(b);
        let r = (|| {
            let oloop = future_loop(vm, result)?;
            if oloop != lp {
                return different_loop(vm, o, result);
            }
            if !vm.truthy(b)? {
                return yield_instead(vm, o, result);
            }
            if result == o.value() {
                return self_await(vm, o);
            }
            vm.setattr(result, n, Value::FALSE)?;
            let w = wakeup_callable(vm, o);
            vm.push_root(w);
            let add = vm.intern("add_done_callback");
            let meth = vm.getattr(result, add)?;
            vm.push_root(meth);
            vm.call(meth, &[w, tget(o, T_CONTEXT)], st().context_kw)?;
            wait_on(vm, o, result)
        })();
        vm.pop_roots(mark);
        return r;
    }
    if Obj::from_value(result)
        .is_some_and(|r| r.kind() == K_GEN && r.class() == vm.g.types.generator)
    {
        let tr = vm.repr_string(o.value())?;
        let rr = vm.repr_string(result)?;
        return set_error_soon(
            vm,
            o,
            format!("yield was used instead of yield from for generator in task {tr} with {rr}"),
        );
    }
    let rr = vm.repr_string(result)?;
    set_error_soon(vm, o, format!("Task got bad yield: {rr}"))
}

/// The task now waits for `fut` (its wake-up is added); a cancel asked
/// for meanwhile goes to `fut`.
fn wait_on(vm: &mut Vm, o: Obj, fut: Value) -> PyResult<Value> {
    tset(vm, o, T_WAITER, fut);
    if tget(o, T_MUST_CANCEL) == Value::TRUE {
        let msg = cancel_msg(o);
        let r = vm.call_method(fut, "cancel", &[msg])?;
        if vm.truthy(r)? {
            tset(vm, o, T_MUST_CANCEL, Value::FALSE);
        }
    }
    Ok(Value::NONE)
}

fn cancel_msg(o: Obj) -> Value {
    let m = fget(o, F_CANCEL_MSG);
    or_none(m)
}

/// `asyncio.futures._get_loop(fut)`.
fn future_loop(vm: &mut Vm, fut: Value) -> PyResult<Value> {
    if let Some(f) = is_exact(fut) {
        return Ok(fget(f, F_LOOP));
    }
    let n = vm.intern("get_loop");
    if let Some(g) = vm.getattr_opt(fut, n)? {
        let mark = vm.push_root(g);
        let r = vm.call(g, &[], Value::EMPTY);
        vm.pop_roots(mark);
        return r;
    }
    let n = vm.intern("_loop");
    vm.getattr(fut, n)
}

fn different_loop(vm: &mut Vm, o: Obj, result: Value) -> PyResult<Value> {
    let tr = vm.repr_string(o.value())?;
    let rr = vm.repr_string(result)?;
    set_error_soon(
        vm,
        o,
        format!("Task {tr} got Future {rr} attached to a different loop"),
    )
}

fn yield_instead(vm: &mut Vm, o: Obj, result: Value) -> PyResult<Value> {
    let tr = vm.repr_string(o.value())?;
    let rr = vm.repr_string(result)?;
    set_error_soon(
        vm,
        o,
        format!("yield was used instead of yield from in task {tr} with {rr}"),
    )
}

fn self_await(vm: &mut Vm, o: Obj) -> PyResult<Value> {
    let tr = vm.repr_string(o.value())?;
    set_error_soon(vm, o, format!("Task cannot await on itself: {tr}"))
}

/// `task_wakeup(future)`: the future the task waited on is done; step with
/// its exception, if any.
fn task_wakeup(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "task_wakeup", "task_wakeup", &a[1..], k, 1, 1)?;
    let Some(o) = fut_of(a[0]).filter(|&o| is_task(o)) else {
        return Err(vm.type_error("task_wakeup without a task"));
    };
    let fut = a[1];
    let exc = if let Some(f) = is_exact(fut) {
        match get_result(vm, f) {
            Ok(Ok(_)) => Value::EMPTY,
            Ok(Err(e)) => e,
            Err(e) => e.0,
        }
    } else {
        match vm.call_method(fut, "result", &[]) {
            Ok(_) => Value::EMPTY,
            Err(e) => e.0,
        }
    };
    let mark = vm.push_root(exc);
    let r = task_step(vm, o, exc);
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ methods

fn t_cancel(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "cancel")?;
    let [msg] = clinic::unpack(vm, "cancel", &a[1..], k, ["msg"], 0, 0, 1)?;
    let msg = msg.unwrap_or(Value::NONE);
    fset(vm, o, F_LOG_TB, Value::FALSE);
    if fstate(o) != PENDING {
        return Ok(Value::FALSE);
    }
    let n = tget(o, T_NCANCELS).as_int().unwrap_or(0);
    tset(vm, o, T_NCANCELS, Value::int(n + 1));
    let w = tget(o, T_WAITER);
    if !w.is_empty() && !w.is_none() {
        let r = vm.call_method(w, "cancel", &[msg])?;
        if vm.truthy(r)? {
            return Ok(Value::TRUE);
        }
    }
    tset(vm, o, T_MUST_CANCEL, Value::TRUE);
    fset(vm, o, F_CANCEL_MSG, msg);
    Ok(Value::TRUE)
}

fn t_cancelling(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "cancelling")?;
    Ok(tget(o, T_NCANCELS))
}

fn t_uncancel(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "uncancel")?;
    let n = tget(o, T_NCANCELS).as_int().unwrap_or(0);
    let n = if n > 0 { n - 1 } else { n };
    tset(vm, o, T_NCANCELS, Value::int(n));
    Ok(Value::int(n))
}

fn t_get_stack(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "get_stack")?;
    let [limit] = clinic::unpack(vm, "get_stack", &a[1..], k, ["limit"], 0, 0, 0)?;
    let limit = limit.unwrap_or(Value::NONE);
    vm.call(st().task_get_stack, &[o.value(), limit], Value::EMPTY)
}

fn t_print_stack(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "print_stack")?;
    let [limit, file] = clinic::unpack(vm, "print_stack", &a[1..], k, ["limit", "file"], 0, 0, 0)?;
    let limit = limit.unwrap_or(Value::NONE);
    let file = file.unwrap_or(Value::NONE);
    vm.call(
        st().task_print_stack,
        &[o.value(), limit, file],
        Value::EMPTY,
    )
}

fn t_set_result(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "set_result")?;
    Err(vm.new_exc(
        vm.g.e.RuntimeError,
        "Task does not support set_result operation",
    ))
}

fn t_set_exception(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "set_exception")?;
    Err(vm.new_exc(
        vm.g.e.RuntimeError,
        "Task does not support set_exception operation",
    ))
}

fn t_get_coro(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "get_coro")?;
    let c = tget(o, T_CORO);
    Ok(or_none(c))
}

fn t_get_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "get_name")?;
    let n = tget(o, T_NAME);
    Ok(or_none(n))
}

fn t_set_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "set_name")?;
    let v = a[1];
    let v = if vm.type_of(v) == vm.g.types.str_ {
        v
    } else {
        vm.str(v)?
    };
    tset(vm, o, T_NAME, v);
    Ok(Value::NONE)
}

/// The task's part of `__del__`: destroyed while pending.
pub(super) fn finalize(vm: &mut Vm, o: Obj) -> PyResult<()> {
    if !reports_pending(o) {
        return Ok(());
    }
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let k = vm.intern("task");
    vm.dict_set(d, k, o.value())?;
    let msg = vm.new_str("Task was destroyed but it is pending!");
    let k = vm.intern("message");
    vm.dict_set(d, k, msg)?;
    let tb = fget(o, F_SRC_TB);
    if !tb.is_empty() {
        let k = vm.intern("source_traceback");
        vm.dict_set(d, k, tb)?;
    }
    report(vm, o, d);
    vm.pop_roots(mark);
    Ok(())
}

// ------------------------------------------------------------------ attributes

fn get_log_destroy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_log_destroy_pending")?;
    Ok(Value::bool(tget(o, T_LOG_DESTROY) == Value::TRUE))
}

fn set_log_destroy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_log_destroy_pending")?;
    let v = setter_value(vm, a)?;
    let b = vm.truthy(v)?;
    tset(vm, o, T_LOG_DESTROY, Value::bool(b));
    if b {
        super::future::fin_register(vm, o);
    } else {
        super::future::fin_release(o);
    }
    Ok(Value::NONE)
}

fn get_must_cancel(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_must_cancel")?;
    Ok(Value::bool(tget(o, T_MUST_CANCEL) == Value::TRUE))
}

fn get_coro_attr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    t_get_coro(vm, a, Value::EMPTY)
}

fn get_fut_waiter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_fut_waiter")?;
    let w = tget(o, T_WAITER);
    Ok(or_none(w))
}

/// Makes the Task type (a subclass of `future_type`).
pub(super) fn init(vm: &mut Vm, modname: Value, future_type: Value) -> Value {
    let t = vm.new_static_type("Task", future_type, K_INSTANCE, true);
    vm.add_attr(t, "__module__", modname);
    // CPython's Task lists most of Future's methods and attributes again.
    super::future::add_shared(vm, t);
    let doc = vm.new_str("A coroutine wrapped in a Future.");
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", task_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", task_init),
        ("cancel", t_cancel),
        ("cancelling", t_cancelling),
        ("uncancel", t_uncancel),
        ("get_stack", t_get_stack),
        ("print_stack", t_print_stack),
        ("set_result", t_set_result),
        ("set_exception", t_set_exception),
        ("get_coro", t_get_coro),
        ("get_name", t_get_name),
        ("set_name", t_set_name),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(t, 0, 0, &["cancelling", "uncancel", "get_coro", "get_name"]);
    vm.declare_arity(t, 1, 1, &["set_result", "set_exception", "set_name"]);
    let getsets: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        (
            "_log_destroy_pending",
            get_log_destroy,
            Some(set_log_destroy),
        ),
        ("_must_cancel", get_must_cancel, None),
        ("_coro", get_coro_attr, None),
        ("_fut_waiter", get_fut_waiter, None),
    ];
    for &(n, g, s) in getsets {
        super::future::add_getset(vm, t, n, g, s);
    }
    vm.ctx.add_global_root(t);
    t
}
