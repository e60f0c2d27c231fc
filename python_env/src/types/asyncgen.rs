//! Async generators: `__anext__`/`asend`/`athrow`/`aclose` and the
//! awaitables they return (`async_generator_asend`, `async_generator_athrow`).
//!
//! An async generator frame suspends for two reasons: its own `yield v`
//! (the engine marks it with `GEN_RAW_ASYNC_VALUE`) and an `await` deeper
//! down (the suspension is passed on to whoever drives the awaitable).
//! The awaitables turn the first into `StopIteration(v)` and the generator
//! returning into `StopAsyncIteration`, as CPython's genobject.c does.
//!
//! Hooks (`sys.set_asyncgen_hooks`, PEP 525): the first `__anext__`,
//! `asend`, `athrow` or `aclose` of a generator consults its thread's hooks
//! once (flag `F_HOOKS` in the generator's `GEN_RAW_AG_FLAGS` word): the
//! finalizer is recorded in the generator (`GEN_ORIGIN_OR_FINALIZER`) and then
//! `firstiter(gen)` is called. A generator with a finalizer is listed in
//! [`FINALIZABLE`] and promoted (so only a global collection frees it); a
//! global collection that finds it unreachable and not finished resurrects
//! it (a `FinalizeHook`) and queues it, and the next thread able to run
//! Python code calls `finalizer(gen)` once ([`run_finalizers`]), as
//! CPython's `_PyGen_Finalize` does when the generator is deallocated.
//!
//! Awaitable layout (`K_MISC`): values `[gen, value, state, mode]`; `value`
//! is the value to send (asend) or the tuple of `athrow`'s arguments
//! (checked when the awaitable first runs, as CPython); `state` is 0 (not
//! started), 1 (running) or 2 (finished); `mode` is 0 for asend, 1 for
//! athrow, 2 for aclose.

use crate::types::structseq;
use engine::runtime::call::{
    GenStep, AG_F_HOOKS as F_HOOKS, AG_F_RUNNING_ASYNC as F_RUNNING_ASYNC, AW_GEN as A_GEN,
    AW_MODE as A_MODE, AW_MODE_CLOSE as MODE_CLOSE, AW_MODE_SEND as MODE_SEND,
    AW_MODE_THROW as MODE_THROW, AW_STATE as A_STATE, AW_VALUE as A_VALUE, GEN_ORIGIN_OR_FINALIZER,
    GEN_RAW_AG_FLAGS, GEN_RAW_ASYNC_VALUE,
};
use engine::runtime::*;
use proto_core::layouts::{get_raw, raw_word};
use proto_core::sync::heap_atomic::Ordering as HOrd;
use proto_core::sync::Mutex;
use proto_core::{Obj, Value};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Async generators that have a finalizer, by address, and those found
/// unreachable whose finalizer has not run yet (rooted by a root hook).
#[derive(Default)]
struct Finalizable {
    registered: HashSet<u64>,
    pending: Vec<Value>,
}

static FINALIZABLE: OnceLock<Mutex<Finalizable>> = OnceLock::new();

fn finalizable() -> &'static Mutex<Finalizable> {
    FINALIZABLE.get_or_init(|| Mutex::new(Finalizable::default()))
}

/// The `sys.asyncgen_hooks` struct sequence type, made at start-up.
static HOOKS_TYPE: OnceLock<Value> = OnceLock::new();

/// What one resumption of the async generator frame produced.
enum Outcome {
    /// An `await` suspended: pass the value to the driver.
    Await(Value),
    /// The generator yielded a value of its own.
    Value(Value),
    /// The generator returned.
    Return,
}

fn flags(g: Obj) -> &'static proto_core::sync::heap_atomic::AtomicU64 {
    raw_word(g, GEN_RAW_AG_FLAGS)
}

/// Resumes the generator for an awaitable: marks it driven (`ag_running_async`)
/// until it yields a value of its own, returns or raises.
fn resume(vm: &mut Vm, gen: Value, v: Value, exc: Value) -> PyResult<Outcome> {
    let g = Obj::from_value(gen).expect("gen");
    flags(g).fetch_or(F_RUNNING_ASYNC, HOrd::AcqRel);
    let r = match vm.gen_resume(gen, v, exc) {
        Ok(GenStep::Yield(y)) => {
            if get_raw(g, GEN_RAW_ASYNC_VALUE) == 1 {
                Ok(Outcome::Value(y))
            } else {
                return Ok(Outcome::Await(y));
            }
        }
        Ok(GenStep::Return(_)) => Ok(Outcome::Return),
        Err(e) => Err(e),
    };
    flags(g).fetch_and(!F_RUNNING_ASYNC, HOrd::AcqRel);
    r
}

fn running_async(gen: Value) -> bool {
    let g = Obj::from_value(gen).expect("gen");
    flags(g).load(HOrd::Acquire) & F_RUNNING_ASYNC != 0
}

/// Consults this thread's hooks the first time `gen` is iterated: records
/// the finalizer, then calls `firstiter(gen)` (its error propagates).
fn init_hooks(vm: &mut Vm, gen: Value) -> PyResult<()> {
    let g = Obj::from_value(gen).expect("gen");
    // A load first: every step after the first finds the flag set, and a
    // read-modify-write per step cost a locked instruction.
    if flags(g).load(HOrd::Acquire) & F_HOOKS != 0
        || flags(g).fetch_or(F_HOOKS, HOrd::AcqRel) & F_HOOKS != 0
    {
        return Ok(());
    }
    let hooks = vm.asyncgen_hooks();
    if hooks.is_empty() {
        return Ok(());
    }
    let items = vm.seq_items(hooks);
    let (firstiter, finalizer) = (items[0], items[1]);
    if !finalizer.is_none() {
        vm.store(g, GEN_ORIGIN_OR_FINALIZER, finalizer);
        // Only global collections run the finalize hook: keep local
        // collections from freeing it.
        vm.ctx.promote(gen);
        proto_core::sync::lock(finalizable())
            .registered
            .insert(gen.bits());
    }
    if !firstiter.is_none() {
        let mark = vm.push_root(firstiter);
        let r = vm.call(firstiter, &[gen], Value::EMPTY);
        vm.pop_roots(mark);
        r?;
    }
    Ok(())
}

/// The finalize hook: an unreachable generator that has a finalizer and
/// has not finished is resurrected and queued. Runs with the world stopped.
fn finalize_hook(live: &dyn Fn(Value) -> bool, sink: &mut dyn FnMut(Value)) {
    let mut tab = proto_core::sync::lock(finalizable());
    let Finalizable {
        registered,
        pending,
    } = &mut *tab;
    let before = pending.len();
    registered.retain(|&bits| {
        let v = Value::from_bits(bits);
        if live(v) {
            return true;
        }
        let g = Obj::from_value(v).expect("async generator");
        if get_raw(g, GEN_RAW_STATE) != GEN_DONE && !g.get(GEN_ORIGIN_OR_FINALIZER).is_none() {
            sink(v);
            pending.push(v);
        }
        false
    });
    if pending.len() > before {
        engine::runtime::signals::request_deferred();
    }
}

/// The root hook: generators whose finalizer is still to run.
fn root_hook(sink: &mut dyn FnMut(Value)) {
    for &g in &proto_core::sync::lock(finalizable()).pending {
        sink(g);
    }
}

/// Calls `finalizer(gen)` for each queued generator; an exception is
/// reported as unraisable (as CPython's `_PyGen_Finalize`) and the others
/// still run.
pub fn run_finalizers(vm: &mut Vm) {
    let pending = std::mem::take(&mut proto_core::sync::lock(finalizable()).pending);
    if pending.is_empty() {
        return;
    }
    let mark = vm.push_root(Value::NONE);
    for &g in &pending {
        vm.push_root(g);
    }
    for &g in &pending {
        let fin = Obj::from_value(g)
            .expect("gen")
            .get(GEN_ORIGIN_OR_FINALIZER);
        if let Err(e) = vm.call(fin, &[g], Value::EMPTY) {
            vm.push_root(e.0);
            crate::modules::gc::write_unraisable(vm, g, e);
        }
    }
    vm.pop_roots(mark);
}

/// `sys.get_coroutine_origin_tracking_depth()`.
pub fn sys_get_origin_depth(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "get_coroutine_origin_tracking_depth", a, k, 0, 0)?;
    Ok(Value::int(vm.coroutine_origin_depth() as i64))
}

/// `sys.set_coroutine_origin_tracking_depth(depth)`: coroutines made
/// afterwards on this thread record `depth` frames in `cr_origin`.
pub fn sys_set_origin_depth(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [depth] = super::clinic::unpack(
        vm,
        "set_coroutine_origin_tracking_depth",
        a,
        k,
        ["depth"],
        0,
        1,
        1,
    )?;
    let d = crate::args::c_int(vm, depth.unwrap_or(Value::NONE))?;
    if d < 0 {
        return Err(vm.new_exc(vm.g.e.ValueError, "depth must be >= 0"));
    }
    vm.set_coroutine_origin_depth(d as usize);
    Ok(Value::NONE)
}

/// `sys.get_asyncgen_hooks()`: this thread's `(firstiter, finalizer)`.
pub fn sys_get_hooks(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sys.get_asyncgen_hooks", a, k, 0, 0)?;
    let hooks = vm.asyncgen_hooks();
    let (fi, fin) = if hooks.is_empty() {
        (Value::NONE, Value::NONE)
    } else {
        let items = vm.seq_items(hooks);
        (items[0], items[1])
    };
    let t = *HOOKS_TYPE.get().expect("made at start-up");
    Ok(structseq::new(vm, t, &[fi, fin]))
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: an argument
/// left out keeps its hook; None removes it; anything else must be callable.
pub fn sys_set_hooks(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // PyArg_ParseTupleAndKeywords("|OO"), with its messages.
    let mut args = crate::args::Args::new(a, k);
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "function takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let mut got = [Value::EMPTY; 2];
    for (i, name) in ["firstiter", "finalizer"].into_iter().enumerate() {
        let by_name = args.take(name);
        if let Some(&v) = args.pos.get(i) {
            if by_name.is_some() {
                return Err(vm.type_error(&format!(
                    "argument for function given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            got[i] = v;
        } else if let Some(v) = by_name {
            got[i] = v;
        }
    }
    if let Some((n, _)) = args.kw.first() {
        return Err(vm.type_error(&format!(
            "'{}' is an invalid keyword argument for this function",
            str_of(*n)
        )));
    }
    let [firstiter, finalizer] = got;
    for (v, what) in [(finalizer, "finalizer"), (firstiter, "firstiter")] {
        if !v.is_empty() && !v.is_none() && !vm.is_callable(v) {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("callable {what} expected, got {tn}")));
        }
    }
    let hooks = vm.asyncgen_hooks();
    let (mut fi, mut fin) = if hooks.is_empty() {
        (Value::NONE, Value::NONE)
    } else {
        let items = vm.seq_items(hooks);
        (items[0], items[1])
    };
    if !finalizer.is_empty() {
        fin = finalizer;
    }
    if !firstiter.is_empty() {
        fi = firstiter;
    }
    let t = vm.new_tuple(&[fi, fin]);
    vm.set_asyncgen_hooks(t);
    Ok(Value::NONE)
}

fn ag_aiter(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

fn ag_anext(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    init_hooks(vm, a[0])?;
    let cls = vm.g.types.async_gen_asend;
    Ok(vm.new_ag_awaitable(cls, a[0], Value::NONE, MODE_SEND))
}

fn ag_asend(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error(&format!(
            "async_generator.asend() takes exactly one argument ({} given)",
            a.len() - 1
        )));
    }
    init_hooks(vm, a[0])?;
    let cls = vm.g.types.async_gen_asend;
    Ok(vm.new_ag_awaitable(cls, a[0], a[1], MODE_SEND))
}

/// `throw(type[, value[, tb]])` arguments to one exception instance.
fn throw_args(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    super::iterators::throw_exception(vm, args)
}

fn ag_athrow(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 || a.len() > 4 {
        return Err(vm.type_error(&format!(
            "athrow expected at least 1 argument, got {}",
            a.len() - 1
        )));
    }
    // The arguments are checked when the awaitable first runs, as CPython.
    let args = vm.new_tuple(&a[1..]);
    let mark = vm.push_root(args);
    let r = init_hooks(vm, a[0]);
    vm.pop_roots(mark);
    r?;
    let cls = vm.g.types.async_gen_athrow;
    Ok(vm.new_ag_awaitable(cls, a[0], args, MODE_THROW))
}

fn ag_aclose(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    init_hooks(vm, a[0])?;
    let cls = vm.g.types.async_gen_athrow;
    Ok(vm.new_ag_awaitable(cls, a[0], Value::NONE, MODE_CLOSE))
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
            if running_async(gen) {
                set_state(vm, o, 2);
                let what = match o.get(A_MODE).as_int() {
                    Some(MODE_CLOSE) => "aclose()",
                    Some(MODE_THROW) => "athrow()",
                    _ => "anext()",
                };
                return Err(vm.new_exc(
                    vm.g.e.RuntimeError,
                    &format!("{what}: asynchronous generator is already running"),
                ));
            }
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
                    let args = vm.seq_items(o.get(A_VALUE));
                    match throw_args(vm, &args) {
                        Ok(e) => e,
                        Err(e) => {
                            set_state(vm, o, 2);
                            return Err(e);
                        }
                    }
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
    let t = structseq::new_type(
        vm,
        "builtins",
        "asyncgen_hooks",
        &["firstiter", "finalizer"],
    );
    structseq::set_constructible(vm, t);
    let _ = HOOKS_TYPE.set(t);
    let sp = vm.ctx.space().clone();
    sp.add_finalize_hook(Box::new(finalize_hook));
    sp.add_root_hook(Box::new(root_hook));
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
