//! `_asyncio.Future` and its iterator `_asyncio.FutureIter`, as CPython
//! 3.11's C types behave.
//!
//! Layout: a future's own values come last, after what a subclass adds (its
//! `__dict__`, its `__slots__`), and a task's own values come just before
//! them (`task.rs`), so the future's fields are at the same place from the
//! end in every future and task. The payload [`FutMark`] marks the layout.
//!
//! Concurrency: a state change (`set_result`, `set_exception`, `cancel`)
//! and the callbacks it takes, and `add_done_callback`'s check-then-append,
//! are one step under the future's lock; no Python code runs under it (the
//! callbacks are scheduled after it is released). So a callback added by
//! one thread while another finishes the future is scheduled exactly once.

use super::{call_soon, st};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::native::{native_ref, Trace};
use proto_core::{Kind, Obj, Value};

/// Payload of every future and task: `task` says which layout it has.
pub(super) struct FutMark {
    pub task: bool,
}

impl Trace for FutMark {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// Payload of a `FutureIter`: its values are `[unused dict slot, future]`
/// (the future EMPTY once done).
struct IterMark;

/// The future's index in a `FutureIter`.
const IT_FUT: usize = 1;

impl Trace for IterMark {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// A future's own values, counted from `fs(o, 0)`. EMPTY stands for C's
/// NULL (never set).
pub(super) const F_LOOP: usize = 0;
const F_CB0: usize = 1;
const F_CTX0: usize = 2;
/// A private list of `(callback, context)` tuples (the 2nd, 3rd, ...).
const F_CBS: usize = 3;
pub(super) const F_EXC: usize = 4;
const F_RES: usize = 5;
pub(super) const F_SRC_TB: usize = 6;
pub(super) const F_CANCEL_MSG: usize = 7;
pub(super) const F_CANCELLED_EXC: usize = 8;
/// One of [`PENDING`], [`CANCELLED`], [`FINISHED`], as an int.
pub(super) const F_STATE: usize = 9;
pub(super) const F_LOG_TB: usize = 10;
pub(super) const F_BLOCKING: usize = 11;
/// The exception's `__traceback__` when it was set: given back to it at
/// each retrieval, so a result raised again and again does not grow its
/// traceback.
const F_EXC_TB: usize = 12;
pub(super) const F_N: usize = 13;

pub(super) const PENDING: i64 = 0;
pub(super) const CANCELLED: i64 = 1;
pub(super) const FINISHED: i64 = 2;

/// Index of the future's own value `i` in `o`.
#[inline(always)]
pub(super) fn fs(o: Obj, i: usize) -> usize {
    o.n_values() - F_N + i
}

#[inline(always)]
pub(super) fn fget(o: Obj, i: usize) -> Value {
    o.get(fs(o, i))
}

#[inline(always)]
pub(super) fn fstate(o: Obj) -> i64 {
    fget(o, F_STATE).as_int().unwrap_or(PENDING)
}

#[inline(always)]
pub(super) fn fflag(o: Obj, i: usize) -> bool {
    fget(o, i) == Value::TRUE
}

#[inline(always)]
pub(super) fn fset(vm: &mut Vm, o: Obj, i: usize, v: Value) {
    vm.store(o, fs(o, i), v);
}

/// The future or task behind `v` (native or a subclass instance).
#[inline(always)]
pub(super) fn fut_of(v: Value) -> Option<Obj> {
    let o = Obj::from_value(v)?;
    if o.kind() != K_INSTANCE || o.n_values() < F_N + 1 {
        return None;
    }
    native_ref::<FutMark>(o).map(|_| o)
}

/// Is `o` (a future) a task?
#[inline(always)]
pub(super) fn is_task(o: Obj) -> bool {
    native_ref::<FutMark>(o).is_some_and(|m| m.task)
}

/// Is `v` an instance of exactly the native Future or Task type?
#[inline(always)]
pub(super) fn is_exact(v: Value) -> Option<Obj> {
    let o = fut_of(v)?;
    let c = o.class();
    (c == st().future_type || c == st().task_type).then_some(o)
}

/// `v`, with EMPTY (C's NULL) read as None.
#[inline(always)]
pub(super) fn or_none(v: Value) -> Value {
    if v.is_empty() {
        Value::NONE
    } else {
        v
    }
}

/// Has the future been initialised (`__init__` ran)?
#[inline(always)]
pub(super) fn alive(o: Obj) -> bool {
    !fget(o, F_LOOP).is_empty()
}

pub(super) fn not_initialized(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.RuntimeError, "Future object is not initialized.")
}

/// The receiver of a method `name` of `_asyncio.Future`.
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    if let Some(o) = a.first().and_then(|&v| fut_of(v)) {
        return Ok(o);
    }
    let tn = a
        .first()
        .map_or("NoneType".to_string(), |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{name}' for '_asyncio.Future' objects doesn't apply to a '{tn}' object"
    )))
}

/// The receiver, which must be initialised (CPython's ENSURE_FUTURE_ALIVE).
fn this_alive(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    let o = this(vm, a, name)?;
    if !alive(o) {
        return Err(not_initialized(vm));
    }
    Ok(o)
}

// ------------------------------------------------------------------ finalization

/// Lists the future for finalization: its `__del__` has something to
/// report (an exception never retrieved, a task destroyed pending).
pub(super) fn fin_register(vm: &mut Vm, o: Obj) {
    engine::runtime::finalize::register(vm, o.value());
}

/// Takes the future off the finalization list once its `__del__` has
/// nothing to report, unless its class defines its own `__del__`.
pub(super) fn fin_release(o: Obj) {
    if fflag(o, F_LOG_TB) {
        return;
    }
    if is_task(o) && super::task::reports_pending(o) {
        return;
    }
    if Obj::from_value(o.class()).is_some_and(|c| type_flags(c) & TF_HAS_DEL != 0) {
        return;
    }
    engine::runtime::finalize::unregister(o.value());
}

// ------------------------------------------------------------------ core

/// Allocates an uninitialised future (or task, when `cls` derives from
/// the native Task) of class `cls`.
pub(super) fn alloc(vm: &mut Vm, cls: Value, what: &str) -> PyResult<Value> {
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("{what}.__new__(X): X is not a type object ({tn})")));
    };
    if type_layout(co) != K_INSTANCE {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    let (fut_t, task_t) = (st().future_type, st().task_type);
    let mro = type_mro(co);
    let derives = |t: Value| cls == t || (0..mro.n_values()).any(|i| mro.get(i) == t);
    if cls != task_t && !derives(fut_t) {
        let n = type_name(cls);
        return Err(vm.type_error(&format!(
            "{what}.__new__({n}): {n} is not a subtype of {what}"
        )));
    }
    // The exact types (every `create_future` and `create_task`) need no
    // walk of their MRO.
    let task = cls == task_t || (cls != fut_t && derives(task_t));
    let own = F_N + if task { super::task::T_N } else { 0 };
    let n = 1 + type_nslots(co) + own;
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, n, FutMark { task });
    let Some(o) = Obj::from_value(v) else {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    };
    // A fresh local object: plain initialising stores.
    o.init(fs(o, F_STATE), Value::int(PENDING));
    o.init(fs(o, F_LOG_TB), Value::FALSE);
    o.init(fs(o, F_BLOCKING), Value::FALSE);
    if task {
        super::task::init_fields(o);
    }
    Ok(v)
}

/// `Future.__init__`'s work (also the start of `Task.__init__`): resets
/// every field, binds the loop (the current one when `lp` is None) and
/// keeps the creation stack when the loop is in debug mode.
pub(super) fn future_init(vm: &mut Vm, o: Obj, lp: Value) -> PyResult<()> {
    for i in [
        F_LOOP,
        F_CB0,
        F_CTX0,
        F_CBS,
        F_RES,
        F_EXC,
        F_EXC_TB,
        F_SRC_TB,
        F_CANCEL_MSG,
        F_CANCELLED_EXC,
    ] {
        fset(vm, o, i, Value::EMPTY);
    }
    fset(vm, o, F_STATE, Value::int(PENDING));
    fset(vm, o, F_LOG_TB, Value::FALSE);
    fset(vm, o, F_BLOCKING, Value::FALSE);
    let lp = if lp.is_none() {
        super::get_event_loop(vm)?
    } else {
        lp
    };
    fset(vm, o, F_LOOP, lp);
    let dbg = vm.call_method(lp, "get_debug", &[])?;
    if vm.truthy(dbg)? {
        let tb = vm.call(st().extract_stack, &[], Value::EMPTY)?;
        fset(vm, o, F_SRC_TB, tb);
    }
    Ok(())
}

/// Moves the state from PENDING to `state` (storing `field = v` first)
/// and takes the callbacks, in one step under the future's lock. Returns
/// the callbacks, detached from the future (the caller roots them), or
/// None when the future was not pending.
fn finish(vm: &mut Vm, o: Obj, state: i64, field: usize, v: Value) -> Option<[Value; 3]> {
    vm.with_lock(o, |ctx| {
        if fstate(o) != PENDING {
            return None;
        }
        if field != usize::MAX {
            ctx.store(o, fs(o, field), v);
        }
        ctx.store(o, fs(o, F_STATE), Value::int(state));
        let taken = [fget(o, F_CB0), fget(o, F_CTX0), fget(o, F_CBS)];
        for i in [F_CB0, F_CTX0, F_CBS] {
            ctx.store(o, fs(o, i), Value::EMPTY);
        }
        Some(taken)
    })
}

/// Schedules the callbacks [`finish`] took (CPython's
/// future_schedule_callbacks): each is `loop.call_soon(cb, fut, context=c)`.
fn schedule(vm: &mut Vm, o: Obj, taken: [Value; 3]) -> PyResult<()> {
    let [cb0, ctx0, cbs] = taken;
    let mark = vm.push_root(cb0);
    vm.push_root(ctx0);
    vm.push_root(cbs);
    let lp = fget(o, F_LOOP);
    let r = (|| {
        if !cb0.is_empty() {
            call_soon(vm, lp, cb0, o.value(), ctx0)?;
        }
        if let Some(l) = Obj::from_value(cbs).filter(|l| l.kind() == Kind::LIST) {
            // The list is detached from the future: nobody else changes it.
            let mut i = 0;
            while let Some(t) = llist::get(l, i) {
                if let Some(to) = Obj::from_value(t).filter(|t| t.n_values() == 2) {
                    call_soon(vm, lp, to.get(0), o.value(), to.get(1))?;
                }
                i += 1;
            }
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

/// `asyncio.InvalidStateError(msg)` (a Python class: called, as CPython's
/// PyErr_SetString makes it).
pub(super) fn invalid_state(vm: &mut Vm, msg: &str) -> PyException {
    let s = vm.new_str(msg);
    match vm.call(st().invalid_state_error, &[s], Value::EMPTY) {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

/// `future.set_result(res)` (the native one, not a subclass override).
pub(super) fn future_set_result(vm: &mut Vm, o: Obj, res: Value) -> PyResult<()> {
    if !alive(o) {
        return Err(not_initialized(vm));
    }
    match finish(vm, o, FINISHED, F_RES, res) {
        None => Err(invalid_state(vm, "invalid state")),
        Some(t) => {
            let r = schedule(vm, o, t);
            fin_release(o);
            r
        }
    }
}

/// `future.set_exception(exc)` (the native one).
pub(super) fn future_set_exception(vm: &mut Vm, o: Obj, exc: Value) -> PyResult<()> {
    if !alive(o) {
        return Err(not_initialized(vm));
    }
    if fstate(o) != PENDING {
        return Err(invalid_state(vm, "invalid state"));
    }
    let is_exc_class = |v: Value| {
        Obj::from_value(v).is_some_and(|c| c.kind() == K_TYPE && type_flags(c) & TF_EXC != 0)
    };
    let ev = if is_exc_class(exc) {
        let e = vm.call(exc, &[], Value::EMPTY)?;
        if fstate(o) != PENDING {
            return Err(invalid_state(vm, "invalid state"));
        }
        e
    } else {
        exc
    };
    if !Obj::from_value(ev).is_some_and(|e| e.kind() == K_EXC) {
        return Err(vm.type_error("invalid exception object"));
    }
    if vm.type_of(ev) == vm.g.e.StopIteration {
        return Err(vm.type_error(
            "StopIteration interacts badly with generators and cannot be raised into a Future",
        ));
    }
    let mark = vm.push_root(ev);
    let tb = Obj::from_value(ev).map_or(Value::EMPTY, |e| e.get(EXC_TB));
    fset(vm, o, F_EXC_TB, tb);
    let r = match finish(vm, o, FINISHED, F_EXC, ev) {
        None => Err(invalid_state(vm, "invalid state")),
        Some(t) => schedule(vm, o, t).map(|_| {
            fset(vm, o, F_LOG_TB, Value::TRUE);
            fin_register(vm, o);
        }),
    };
    vm.pop_roots(mark);
    r
}

/// `future.cancel(msg)` (the native one): false when it was done.
pub(super) fn future_cancel(vm: &mut Vm, o: Obj, msg: Value) -> PyResult<bool> {
    fset(vm, o, F_LOG_TB, Value::FALSE);
    match finish(vm, o, CANCELLED, F_CANCEL_MSG, msg) {
        None => {
            fin_release(o);
            Ok(false)
        }
        Some(t) => {
            let r = schedule(vm, o, t);
            fin_release(o);
            r.map(|_| true)
        }
    }
}

/// The CancelledError to raise for a cancelled future: the one its task's
/// coroutine raised (taken: it is raised once), else a new one carrying
/// the cancel message.
pub(super) fn make_cancelled_error(vm: &mut Vm, o: Obj) -> PyException {
    let kept = fget(o, F_CANCELLED_EXC);
    if !kept.is_empty() && !kept.is_none() {
        fset(vm, o, F_CANCELLED_EXC, Value::EMPTY);
        return PyException(kept);
    }
    let msg = fget(o, F_CANCEL_MSG);
    let r = if msg.is_empty() || msg.is_none() {
        vm.call(st().cancelled_error, &[], Value::EMPTY)
    } else {
        vm.call(st().cancelled_error, &[msg], Value::EMPTY)
    };
    match r {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

/// The outcome of a done future: `Ok(Ok(result))`, `Ok(Err(exception))`
/// (the exception it holds, now retrieved), or the error to raise
/// (cancelled, not done).
pub(super) fn get_result(vm: &mut Vm, o: Obj) -> PyResult<Result<Value, Value>> {
    match fstate(o) {
        CANCELLED => Err(make_cancelled_error(vm, o)),
        FINISHED => {
            if fflag(o, F_LOG_TB) {
                fset(vm, o, F_LOG_TB, Value::FALSE);
                fin_release(o);
            }
            let e = fget(o, F_EXC);
            if let Some(eo) = Obj::from_value(e) {
                let tb = fget(o, F_EXC_TB);
                vm.store(eo, EXC_TB, or_none(tb));
                return Ok(Err(e));
            }
            let r = fget(o, F_RES);
            Ok(Ok(or_none(r)))
        }
        _ => Err(invalid_state(vm, "Result is not set.")),
    }
}

/// `future.add_done_callback(fn, context=ctx)` (the native one).
pub(super) fn add_done_callback(vm: &mut Vm, o: Obj, f: Value, ctx: Value) -> PyResult<()> {
    if !alive(o) {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "uninitialized Future object"));
    }
    if fstate(o) == PENDING {
        let mark = vm.push_root(f);
        vm.push_root(ctx);
        let tup = vm.new_tuple(&[f, ctx]);
        vm.push_root(tup);
        let list_cls = vm.g.types.list;
        let added = vm.with_lock(o, |c| {
            if fstate(o) != PENDING {
                return false;
            }
            let cbs = fget(o, F_CBS);
            if cbs.is_empty() && fget(o, F_CB0).is_empty() {
                c.store(o, fs(o, F_CB0), f);
                c.store(o, fs(o, F_CTX0), ctx);
            } else if let Some(l) = Obj::from_value(cbs).filter(|l| l.kind() == Kind::LIST) {
                llist::append(c, l, tup);
            } else {
                let l = llist::alloc_from(c, list_cls, &[tup]);
                c.store(o, fs(o, F_CBS), l);
            }
            true
        });
        vm.pop_roots(mark);
        if added {
            return Ok(());
        }
    }
    call_soon(vm, fget(o, F_LOOP), f, o.value(), ctx)
}

// ------------------------------------------------------------------ methods

fn fut_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("Future.__new__(): not enough arguments"));
    };
    alloc(vm, cls, "_asyncio.Future")
}

fn fut_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__init__")?;
    let [lp] = clinic::unpack(vm, "Future", &a[1..], k, ["loop"], 0, 0, 0)?;
    future_init(vm, o, lp.unwrap_or(Value::NONE))?;
    Ok(Value::NONE)
}

fn fut_result(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "result")?;
    if !alive(o) {
        return Err(invalid_state(vm, "Future object is not initialized."));
    }
    match get_result(vm, o)? {
        Ok(r) => Ok(r),
        Err(e) => Err(raise_stored(vm, e)),
    }
}

/// The stored exception `e`, raised anew as `PyErr_SetObject` raises it:
/// chained to the exception being handled.
fn raise_stored(vm: &mut Vm, e: Value) -> PyException {
    vm.take_exc_passed_on(e);
    vm.chain_context(e, true);
    PyException(e)
}

fn fut_exception(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "exception")?;
    if !alive(o) {
        return Err(invalid_state(vm, "Future object is not initialized."));
    }
    match fstate(o) {
        CANCELLED => Err(make_cancelled_error(vm, o)),
        FINISHED => {
            let e = fget(o, F_EXC);
            if e.is_empty() {
                return Ok(Value::NONE);
            }
            fset(vm, o, F_LOG_TB, Value::FALSE);
            fin_release(o);
            Ok(e)
        }
        _ => Err(invalid_state(vm, "Exception is not set.")),
    }
}

fn fut_set_result(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "set_result")?;
    future_set_result(vm, o, a[1])?;
    Ok(Value::NONE)
}

fn fut_set_exception(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "set_exception")?;
    future_set_exception(vm, o, a[1])?;
    Ok(Value::NONE)
}

fn fut_add_done_callback(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "add_done_callback")?;
    let [f, ctx] = clinic::unpack(
        vm,
        "add_done_callback",
        &a[1..],
        k,
        ["", "context"],
        1,
        1,
        1,
    )?;
    let f = f.unwrap_or(Value::NONE);
    let ctx = match ctx {
        Some(c) => c,
        None => vm.call(st().copy_context, &[], Value::EMPTY)?,
    };
    let mark = vm.push_root(ctx);
    let r = add_done_callback(vm, o, f, ctx);
    vm.pop_roots(mark);
    r.map(|_| Value::NONE)
}

fn fut_remove_done_callback(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "remove_done_callback")?;
    let f = a[1];
    // Compare outside the lock (== may run Python code), then remove the
    // matching entries by identity under it.
    let cb0 = fget(o, F_CB0);
    let mut entries = Vec::new();
    if let Some(l) = Obj::from_value(fget(o, F_CBS)).filter(|l| l.kind() == Kind::LIST) {
        llist::snapshot(l, &mut entries);
    }
    let mark = vm.push_root(cb0);
    for &e in &entries {
        vm.push_root(e);
    }
    let r = (|| {
        let drop0 = !cb0.is_empty() && vm.eq(cb0, f)?;
        let mut gone = Vec::new();
        for &e in &entries {
            if let Some(t) = Obj::from_value(e).filter(|t| t.n_values() == 2) {
                if vm.eq(t.get(0), f)? {
                    gone.push(e);
                }
            }
        }
        let list_cls = vm.g.types.list;
        let n = vm.with_lock(o, |c| {
            let mut n = 0;
            if drop0 && fget(o, F_CB0) == cb0 {
                c.store(o, fs(o, F_CB0), Value::EMPTY);
                c.store(o, fs(o, F_CTX0), Value::EMPTY);
                n += 1;
            }
            if !gone.is_empty() {
                if let Some(l) = Obj::from_value(fget(o, F_CBS)).filter(|l| l.kind() == Kind::LIST)
                {
                    let mut cur = Vec::new();
                    llist::snapshot(l, &mut cur);
                    let keep: Vec<Value> =
                        cur.iter().copied().filter(|e| !gone.contains(e)).collect();
                    n += cur.len() - keep.len();
                    if keep.is_empty() {
                        c.store(o, fs(o, F_CBS), Value::EMPTY);
                    } else if keep.len() != cur.len() {
                        let nl = llist::alloc_from(c, list_cls, &keep);
                        c.store(o, fs(o, F_CBS), nl);
                    }
                }
            }
            n
        });
        Ok(Value::int(n as i64))
    })();
    vm.pop_roots(mark);
    r
}

fn fut_cancel(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "cancel")?;
    let [msg] = clinic::unpack(vm, "cancel", &a[1..], k, ["msg"], 0, 0, 1)?;
    Ok(Value::bool(future_cancel(
        vm,
        o,
        msg.unwrap_or(Value::NONE),
    )?))
}

fn fut_cancelled(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "cancelled")?;
    Ok(Value::bool(alive(o) && fstate(o) == CANCELLED))
}

fn fut_done(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "done")?;
    Ok(Value::bool(alive(o) && fstate(o) != PENDING))
}

fn fut_get_loop(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "get_loop")?;
    Ok(fget(o, F_LOOP))
}

fn fut_make_cancelled_error(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_make_cancelled_error")?;
    let e = make_cancelled_error(vm, o);
    Ok(e.0)
}

fn fut_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "__repr__")?;
    let f = if is_task(o) {
        st().task_repr
    } else {
        st().future_repr
    };
    vm.call(f, &[o.value()], Value::EMPTY)
}

fn fut_class_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error(&format!(
            "__class_getitem__() takes exactly one argument ({} given)",
            a.len().saturating_sub(1)
        )));
    }
    vm.call(vm.g.types.generic_alias, &[a[0], a[1]], Value::EMPTY)
}

/// Reports through the loop's exception handler what the finalizer found
/// (`context` a dict); an error there is unraisable.
pub(super) fn report(vm: &mut Vm, o: Obj, context: Value) {
    let lp = fget(o, F_LOOP);
    let n = vm.intern("call_exception_handler");
    let Ok(func) = vm.getattr(lp, n) else {
        return;
    };
    let mark = vm.push_root(func);
    if let Err(e) = vm.call(func, &[context], Value::EMPTY) {
        crate::modules::sys::write_unraisable(vm, None, func, e.0);
    }
    vm.pop_roots(mark);
}

/// The future's part of `__del__`: an exception never retrieved.
pub(super) fn finalize(vm: &mut Vm, o: Obj) -> PyResult<()> {
    if !fflag(o, F_LOG_TB) || !alive(o) {
        return Ok(());
    }
    fset(vm, o, F_LOG_TB, Value::FALSE);
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let tn = type_name(o.class());
    let tn = tn.rsplit('.').next().unwrap_or(&tn);
    let msg = vm.new_str(&format!("{tn} exception was never retrieved"));
    let k = vm.intern("message");
    vm.dict_set(d, k, msg)?;
    let k = vm.intern("exception");
    vm.dict_set(d, k, fget(o, F_EXC))?;
    let k = vm.intern("future");
    vm.dict_set(d, k, o.value())?;
    let tb = fget(o, F_SRC_TB);
    if !tb.is_empty() {
        let k = vm.intern("source_traceback");
        vm.dict_set(d, k, tb)?;
    }
    report(vm, o, d);
    vm.pop_roots(mark);
    Ok(())
}

fn fut_del(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__del__")?;
    if is_task(o) {
        super::task::finalize(vm, o)?;
    }
    finalize(vm, o)?;
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ attributes

fn no_delete(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.AttributeError, "cannot delete attribute")
}

/// The value a setter got, or the deletion error.
pub(super) fn setter_value(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    match a.get(1) {
        Some(&v) if !v.is_empty() => Ok(v),
        _ => Err(no_delete(vm)),
    }
}

fn get_state(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "_state")?;
    let s = match fstate(o) {
        PENDING => "PENDING",
        CANCELLED => "CANCELLED",
        _ => "FINISHED",
    };
    Ok(vm.intern(s))
}

fn get_blocking(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_asyncio_future_blocking")?;
    Ok(Value::bool(alive(o) && fflag(o, F_BLOCKING)))
}

fn set_blocking(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "_asyncio_future_blocking")?;
    let v = setter_value(vm, a)?;
    let b = vm.truthy(v)?;
    fset(vm, o, F_BLOCKING, Value::bool(b));
    Ok(Value::NONE)
}

fn get_log_tb(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "_log_traceback")?;
    Ok(Value::bool(fflag(o, F_LOG_TB)))
}

fn set_log_tb(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_log_traceback")?;
    let v = setter_value(vm, a)?;
    if vm.truthy(v)? {
        return Err(vm.value_error("_log_traceback can only be set to False"));
    }
    fset(vm, o, F_LOG_TB, Value::FALSE);
    fin_release(o);
    Ok(Value::NONE)
}

fn get_loop_attr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_loop")?;
    let l = fget(o, F_LOOP);
    Ok(or_none(l))
}

fn get_callbacks(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "_callbacks")?;
    let (cb0, ctx0, cbs) = vm.with_lock(o, |_| (fget(o, F_CB0), fget(o, F_CTX0), fget(o, F_CBS)));
    let mut items = Vec::new();
    if let Some(l) = Obj::from_value(cbs).filter(|l| l.kind() == Kind::LIST) {
        llist::snapshot(l, &mut items);
    }
    if cb0.is_empty() {
        if cbs.is_empty() {
            return Ok(Value::NONE);
        }
        let mark = vm.push_root(cbs);
        let r = vm.new_list(&items);
        vm.pop_roots(mark);
        return Ok(r);
    }
    let mark = vm.push_root(cbs);
    vm.push_root(cb0);
    vm.push_root(ctx0);
    let t0 = vm.new_tuple(&[cb0, ctx0]);
    items.insert(0, t0);
    let r = vm.new_list(&items);
    vm.pop_roots(mark);
    Ok(r)
}

fn get_result_attr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "_result")?;
    let r = fget(o, F_RES);
    Ok(or_none(r))
}

fn get_exception_attr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "_exception")?;
    let r = fget(o, F_EXC);
    Ok(or_none(r))
}

fn get_source_tb(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_source_traceback")?;
    let r = fget(o, F_SRC_TB);
    Ok(if r.is_empty() || !alive(o) {
        Value::NONE
    } else {
        r
    })
}

fn get_cancel_msg(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_cancel_message")?;
    let r = fget(o, F_CANCEL_MSG);
    Ok(or_none(r))
}

fn set_cancel_msg(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "_cancel_message")?;
    let v = setter_value(vm, a)?;
    fset(vm, o, F_CANCEL_MSG, v);
    Ok(Value::NONE)
}

fn no_dict(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = a.first().map_or(String::new(), |&v| vm.type_name_of(v));
    let full = if tn.contains('.') {
        tn
    } else {
        format!("_asyncio.{tn}")
    };
    Err(vm.new_exc(
        vm.g.e.AttributeError,
        &format!("'{full}' object has no attribute '__dict__'"),
    ))
}

fn del_attr(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(no_delete(vm))
}

/// Adds the getset `n` to type `t` (with a deleter raising CPython's error
/// when it has a setter).
pub(super) fn add_getset(vm: &mut Vm, t: Value, n: &'static str, g: NativeFn, s: Option<NativeFn>) {
    let p = vm.new_native_getset(t, n, g, s);
    if s.is_some() {
        // Getset layout: `[get, set, delete, doc, name, owner]`.
        if let Some(po) = Obj::from_value(p).filter(|po| po.n_values() > 3) {
            let del = vm.new_builtin(n, del_attr, false);
            vm.ctx.promote(del);
            vm.store(po, 2, del);
        }
    }
    vm.add_attr(t, n, p);
}

// ------------------------------------------------------------------ FutureIter

fn fut_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this_alive(vm, a, "__await__")?;
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, st().iter_type, 2, IterMark);
    if let Some(io) = Obj::from_value(v) {
        io.init(IT_FUT, o.value());
    }
    Ok(v)
}

fn iter_this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    if let Some(o) = a
        .first()
        .and_then(|&v| Obj::from_value(v))
        .filter(|o| o.kind() == K_INSTANCE && native_ref::<IterMark>(*o).is_some())
    {
        return Ok(o);
    }
    let tn = a
        .first()
        .map_or("NoneType".to_string(), |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{name}' for '_asyncio.FutureIter' objects doesn't apply to a '{tn}' object"
    )))
}

/// One step of `await future`: the future itself while it is pending (the
/// task then waits for it), its result (raised as StopIteration's value)
/// once it is done.
fn iter_step(vm: &mut Vm, it: Obj) -> PyResult<Value> {
    let fv = it.get(IT_FUT);
    let Some(f) = fut_of(fv) else {
        return Err(vm.stop_iteration(Value::NONE));
    };
    if fstate(f) == PENDING {
        if !fflag(f, F_BLOCKING) {
            fset(vm, f, F_BLOCKING, Value::TRUE);
            return Ok(fv);
        }
        return Err(vm.new_exc(vm.g.e.RuntimeError, "await wasn't used with future"));
    }
    vm.store(it, IT_FUT, Value::EMPTY);
    if !alive(f) {
        return Err(invalid_state(vm, "Future object is not initialized."));
    }
    match get_result(vm, f)? {
        Ok(r) => Err(vm.stop_iteration(r)),
        Err(e) => Err(raise_stored(vm, e)),
    }
}

fn it_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = iter_this(vm, a, "__iter__")?;
    Ok(o.value())
}

fn it_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = iter_this(vm, a, "__next__")?;
    iter_step(vm, o)
}

fn it_send(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = iter_this(vm, a, "send")?;
    iter_step(vm, o)
}

fn it_throw(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = iter_this(vm, a, "throw")?;
    clinic::positional(vm, "throw", "throw", &a[1..], k, 1, 3)?;
    let rest = &a[1..];
    let typ = rest[0];
    let mut val = rest.get(1).copied().filter(|v| !v.is_none());
    let tb = rest.get(2).copied().filter(|v| !v.is_none());
    if let Some(t) = tb {
        if vm.type_of(t) != vm.g.types.traceback {
            return Err(vm.type_error("throw() third argument must be a traceback"));
        }
    }
    let t_obj = Obj::from_value(typ);
    let exc = if t_obj.is_some_and(|c| c.kind() == K_TYPE && type_flags(c) & TF_EXC != 0) {
        match val.take() {
            Some(v) if vm.isinstance(v, typ) => v,
            Some(v) => {
                let args: Vec<Value> = match Obj::from_value(v).filter(|x| x.kind() == Kind::TUPLE)
                {
                    Some(tu) => (0..tu.n_values()).map(|i| tu.get(i)).collect(),
                    None => vec![v],
                };
                vm.call(typ, &args, Value::EMPTY)?
            }
            None => vm.call(typ, &[], Value::EMPTY)?,
        }
    } else if t_obj.is_some_and(|c| c.kind() == K_EXC) {
        if val.is_some() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ
    } else {
        return Err(vm.type_error(
            "exceptions must be classes deriving BaseException or instances of such a class",
        ));
    };
    if let (Some(t), Some(eo)) = (tb, Obj::from_value(exc)) {
        vm.store(eo, EXC_TB, t);
    }
    vm.store(o, IT_FUT, Value::EMPTY);
    Err(PyException(exc))
}

fn it_close(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = iter_this(vm, a, "close")?;
    vm.store(o, IT_FUT, Value::EMPTY);
    Ok(Value::NONE)
}

fn iter_no_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_asyncio.FutureIter' instances"))
}

// ------------------------------------------------------------------ type

const FUTURE_DOC: &str = "This class is *almost* compatible with concurrent.futures.Future.\n\n    Differences:\n\n    - result() and exception() do not take a timeout argument and\n      raise an exception when the future isn't done yet.\n\n    - Callbacks registered with add_done_callback() are always called\n      via the event loop's call_soon_threadsafe().\n\n    - This class is not compatible with the wait() and as_completed()\n      methods in the concurrent.futures package.";

/// Makes the Future and FutureIter types.
pub(super) fn init(vm: &mut Vm, modname: Value) -> (Value, Value) {
    let t = vm.new_static_type("Future", vm.g.types.object, K_INSTANCE, true);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(FUTURE_DOC);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", fut_new, false);
    add_methods(vm, t);
    vm.ctx.add_global_root(t);

    let it = vm.new_static_type("FutureIter", vm.g.types.object, K_INSTANCE, false);
    let ito = Obj::from_value(it).expect("type");
    set_type_flags(ito, type_flags(ito) | TF_NODICT);
    vm.add_attr(it, "__module__", modname);
    vm.add_static(it, "__new__", iter_no_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__iter__", it_iter),
        ("__next__", it_next),
        ("send", it_send),
        ("throw", it_throw),
        ("close", it_close),
    ];
    for &(n, f) in methods {
        vm.add_method(it, n, f);
    }
    vm.declare_arity(it, 0, 0, &["__iter__", "__next__", "close"]);
    vm.declare_arity(it, 1, 1, &["send"]);
    vm.ctx.add_global_root(it);
    (t, it)
}

/// The Future's own methods (Task inherits these).
fn add_methods(vm: &mut Vm, t: Value) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", fut_init),
        ("set_result", fut_set_result),
        ("set_exception", fut_set_exception),
        ("cancel", fut_cancel),
        ("get_loop", fut_get_loop),
        ("__await__", fut_iter),
        ("__iter__", fut_iter),
        ("__repr__", fut_repr),
        ("__del__", fut_del),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        0,
        0,
        &["get_loop", "__await__", "__iter__", "__repr__", "__del__"],
    );
    vm.declare_arity(t, 1, 1, &["set_result", "set_exception"]);
    add_shared(vm, t);
}

/// The methods and attributes CPython's Future and Task types both list.
pub(super) fn add_shared(vm: &mut Vm, t: Value) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("result", fut_result),
        ("exception", fut_exception),
        ("add_done_callback", fut_add_done_callback),
        ("remove_done_callback", fut_remove_done_callback),
        ("cancelled", fut_cancelled),
        ("done", fut_done),
        ("_make_cancelled_error", fut_make_cancelled_error),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        0,
        0,
        &[
            "result",
            "exception",
            "cancelled",
            "done",
            "_make_cancelled_error",
        ],
    );
    vm.declare_arity(t, 1, 1, &["remove_done_callback"]);
    vm.add_static(t, "__class_getitem__", fut_class_getitem, true);
    // The C types keep a dict (any attribute may be set) but, having no
    // `__dict__` descriptor, do not show it.
    add_getset(vm, t, "__dict__", no_dict, None);
    let getsets: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        ("_state", get_state, None),
        ("_asyncio_future_blocking", get_blocking, Some(set_blocking)),
        ("_loop", get_loop_attr, None),
        ("_callbacks", get_callbacks, None),
        ("_result", get_result_attr, None),
        ("_exception", get_exception_attr, None),
        ("_log_traceback", get_log_tb, Some(set_log_tb)),
        ("_source_traceback", get_source_tb, None),
        ("_cancel_message", get_cancel_msg, Some(set_cancel_msg)),
    ];
    for &(n, g, s) in getsets {
        add_getset(vm, t, n, g, s);
    }
}
