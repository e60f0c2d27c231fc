//! `threading.Condition`, native: a condition variable over a lock (an
//! `RLock` by default) with the API and semantics of CPython's Python class.
//!
//! - The instance has the `K_INSTANCE` layout (slot 0 its `__dict__`, then
//!   the `__slots__` values of a Python subclass) and a [`CondState`]
//!   payload: the lock and a [`WaitQueue`] of waiting threads, oldest first.
//! - Over `_thread`'s own locks (a `lock`, or an `RLock` whose class is
//!   exactly `RLock`) every method works on the lock's payload directly;
//!   over any other lock object (an `RLock` subclass included) it calls the
//!   lock's methods, as CPython's class does (`_is_owned`, `_release_save`
//!   and `_acquire_restore` where the lock has them, `acquire`/`release`
//!   otherwise).
//! - `wait()` enqueues a waiter while the lock is held, releases the lock,
//!   blocks on the waiter's own flag outside the safepoint handshake (cut in
//!   slices on the main thread, to run signal handlers), then re-acquires.
//!   `notify(n)` wakes the `n` oldest waiters. A waiter that stops waiting
//!   unwoken (timeout, exception) leaves the queue itself.
//!
//! Concurrency contract: the waiter queue has its own mutex (see
//! `proto_core::waitqueue`), so racing waits and notifies never lose or
//! duplicate a waiter, even from threads that do not hold the lock. The
//! lock is stored in the payload by `__init__` and by assignments to
//! `_lock`, which the write barrier does not see: when the condition is
//! shared the lock is promoted first, and promoting the condition later
//! promotes its lock through the payload's trace. Each method reads the
//! lock once and roots it while it may block, so a racing `__init__` that
//! replaces it cannot free the lock a waiter is using.

use super::{
    acquire_args, blocking_wait, check_timeout_max, lock_acquire_raw, lock_enter, lock_exit,
    lock_release_raw, payload, rlock_acquire_raw, rlock_owned, rlock_release_all,
    rlock_release_raw, unacquired_error, unlocked_lock_error, LockState, RLockState, TIMEOUT_MAX,
};
use crate::args::Args;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, AtomicU64, Ordering};
use proto_core::waitqueue::WaitQueue;
use proto_core::{Obj, Value};
use std::time::{Duration, Instant};

/// Payload of a Condition.
struct CondState {
    /// The lock's `Value` bits (`Value::EMPTY` before `__init__` ran).
    lock: AtomicU64,
    waiters: WaitQueue,
}

impl Trace for CondState {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        let v = self.lock();
        if v.is_heap() {
            f(v);
        }
    }
}

impl CondState {
    fn lock(&self) -> Value {
        Value::from_bits(self.lock.load(Ordering::Acquire))
    }
}

/// How a condition reaches its lock.
#[derive(Clone, Copy)]
enum LockRef {
    /// An exact `_thread.RLock`.
    R(&'static RLockState),
    /// A `_thread.lock`.
    L(&'static LockState),
    /// Any other object: through its methods.
    Py,
}

fn lock_ref(vm: &Vm, lock: Value) -> LockRef {
    let Some(o) = Obj::from_value(lock) else {
        return LockRef::Py;
    };
    if o.class() == vm.g.types.rlock {
        if let Some(s) = native_ref::<RLockState>(o) {
            return LockRef::R(s);
        }
    }
    match native_ref::<LockState>(o) {
        Some(s) => LockRef::L(s),
        None => LockRef::Py,
    }
}

/// What `_release_save` gave back, for `_acquire_restore`.
enum Saved {
    /// The recursion count of an RLock.
    Count(u64),
    /// A plain lock, or a lock without `_release_save`.
    Nothing,
    /// The Python lock's `_release_save()` result (rooted by the caller).
    Py(Value),
}

fn cond_state(vm: &mut Vm, v: Value) -> PyResult<&'static CondState> {
    payload(vm, v, "Condition")
}

/// The condition `a[0]`'s payload and lock (AttributeError `_lock` before
/// `__init__`, as CPython's class would raise).
fn cond_and_lock(vm: &mut Vm, a: &[Value]) -> PyResult<(&'static CondState, Value)> {
    let st = cond_state(vm, a[0])?;
    let lock = st.lock();
    if lock == Value::EMPTY {
        let n = vm.intern("_lock");
        return Err(vm.attr_error(a[0], n));
    }
    Ok((st, lock))
}

/// Parses a Python-style signature `(self, names...)` whose first
/// `required` names have no default: CPython's messages for a method
/// defined in Python (`qual` is `Condition.wait` and the like).
fn py_params<const N: usize>(
    vm: &mut Vm,
    qual: &str,
    a: &[Value],
    k: Value,
    names: [&str; N],
    required: usize,
) -> PyResult<[Option<Value>; N]> {
    let mut args = Args::new(&a[1..], k);
    let n = args.pos.len();
    if n > N {
        let msg = if required == N {
            format!(
                "{qual}() takes {} positional argument{} but {} were given",
                N + 1,
                if N == 0 { "" } else { "s" },
                n + 1
            )
        } else {
            format!(
                "{qual}() takes from {} to {} positional arguments but {} were given",
                required + 1,
                N + 1,
                n + 1
            )
        };
        return Err(vm.type_error(&msg));
    }
    let mut out = [None; N];
    for (i, slot) in out.iter_mut().enumerate() {
        if i < n {
            *slot = Some(args.pos[i]);
            if args.take(names[i]).is_some() {
                return Err(vm.type_error(&format!(
                    "{qual}() got multiple values for argument '{}'",
                    names[i]
                )));
            }
        } else {
            *slot = args.take(names[i]);
        }
    }
    if let Some((kw, _)) = args.kw.first() {
        return Err(vm.type_error(&format!(
            "{qual}() got an unexpected keyword argument '{}'",
            str_of(*kw)
        )));
    }
    if let Some(i) = (0..required).find(|&i| out[i].is_none()) {
        return Err(vm.type_error(&format!(
            "{qual}() missing 1 required positional argument: '{}'",
            names[i]
        )));
    }
    Ok(out)
}

/// Calls `lock.<name>` with the arguments of the running method call
/// (`a[0]`, the condition, left out; keyword names in `k`).
fn forward(vm: &mut Vm, lock: Value, name: &str, a: &[Value], k: Value) -> PyResult<Value> {
    let n = vm.intern(name);
    let f = vm.getattr(lock, n)?;
    vm.call(f, &a[1..], k)
}

/// `lock.<name>` if the lock has it.
fn lock_attr(vm: &mut Vm, lock: Value, name: &str) -> PyResult<Option<Value>> {
    let n = vm.intern(name);
    vm.getattr_opt(lock, n)
}

/// Whether the calling thread holds the lock (for a plain lock: whether
/// anyone does, as CPython's fallback finds by trying to take it).
fn is_owned(vm: &mut Vm, lock: Value) -> PyResult<bool> {
    match lock_ref(vm, lock) {
        LockRef::R(s) => Ok(rlock_owned(s)),
        LockRef::L(s) => Ok(sync::lock(&s.locked).held),
        LockRef::Py => {
            if let Some(f) = lock_attr(vm, lock, "_is_owned")? {
                let r = vm.call(f, &[], Value::EMPTY)?;
                return vm.truthy(r);
            }
            let got = vm.call_method(lock, "acquire", &[Value::FALSE])?;
            if vm.truthy(got)? {
                vm.call_method(lock, "release", &[])?;
                Ok(false)
            } else {
                Ok(true)
            }
        }
    }
}

/// Releases the lock entirely (all levels of an RLock), for a wait.
fn release_save(vm: &mut Vm, lock: Value) -> PyResult<Saved> {
    match lock_ref(vm, lock) {
        LockRef::R(s) => match rlock_release_all(s) {
            Some((_, count)) => Ok(Saved::Count(count)),
            None => Err(unacquired_error(vm)),
        },
        LockRef::L(s) => {
            if lock_release_raw(s) {
                Ok(Saved::Nothing)
            } else {
                Err(unlocked_lock_error(vm))
            }
        }
        LockRef::Py => match lock_attr(vm, lock, "_release_save")? {
            Some(f) => Ok(Saved::Py(vm.call(f, &[], Value::EMPTY)?)),
            None => {
                vm.call_method(lock, "release", &[])?;
                Ok(Saved::Nothing)
            }
        },
    }
}

/// Takes the lock back after a wait, as `release_save` left it.
fn acquire_restore(vm: &mut Vm, lock: Value, saved: &Saved) -> PyResult<()> {
    match (lock_ref(vm, lock), saved) {
        (LockRef::R(s), Saved::Count(c)) => rlock_acquire_raw(vm, s, true, None, *c).map(drop),
        (LockRef::L(s), _) => lock_acquire_raw(vm, s, true, None).map(drop),
        (_, Saved::Py(x)) => match lock_attr(vm, lock, "_acquire_restore")? {
            Some(f) => vm.call(f, &[*x], Value::EMPTY).map(drop),
            None => vm.call_method(lock, "acquire", &[]).map(drop),
        },
        _ => match lock_attr(vm, lock, "_acquire_restore")? {
            Some(f) => vm.call(f, &[Value::NONE], Value::EMPTY).map(drop),
            None => vm.call_method(lock, "acquire", &[]).map(drop),
        },
    }
}

/// How long a wait may block: `Ok(None)` for ever, `Ok(Some(None))` not at
/// all, `Ok(Some(Some(d)))` until `d` (CPython's `timeout > 0` test and
/// the lock's limits).
fn wait_deadline(vm: &mut Vm, timeout: Value) -> PyResult<Option<Option<Instant>>> {
    if timeout.is_none() {
        return Ok(None);
    }
    let t = match vm.as_f64(timeout) {
        Some(t) => t,
        None => {
            let tn = vm.type_name_of(timeout);
            return Err(vm.type_error(&format!(
                "'>' not supported between instances of '{tn}' and 'int'"
            )));
        }
    };
    if t.is_nan() || t <= 0.0 {
        return Ok(Some(None));
    }
    check_timeout_max(vm, t)?;
    Ok(Some(Some(Instant::now() + Duration::from_secs_f64(t))))
}

/// The body of `wait(timeout)`: whether a notify woke this thread.
fn wait_impl(vm: &mut Vm, st: &CondState, lock: Value, timeout: Value) -> PyResult<bool> {
    if !is_owned(vm, lock)? {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "cannot wait on un-acquired lock"));
    }
    let how = wait_deadline(vm, timeout)?;
    let me = st.waiters.push();
    let saved = match release_save(vm, lock) {
        Ok(s) => s,
        Err(e) => {
            st.waiters.remove(&me);
            return Err(e);
        }
    };
    let mark = match saved {
        Saved::Py(x) => Some(vm.push_root(x)),
        _ => None,
    };
    let (m, cv) = me.parts();
    let got = match how {
        None => blocking_wait(vm, m, cv, None, |w| *w),
        Some(Some(d)) => blocking_wait(vm, m, cv, Some(d), |w| *w),
        Some(None) => Ok(me.is_woken()),
    };
    let restored = acquire_restore(vm, lock, &saved);
    if let Some(mark) = mark {
        vm.pop_roots(mark);
    }
    if !matches!(got, Ok(true)) {
        st.waiters.remove(&me);
    }
    restored?;
    got
}

/// `Condition.__new__(cls, *args, **kwargs)`: the lock comes with
/// `__init__`.
fn cond_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.new_native_instance(
        a[0],
        CondState {
            lock: AtomicU64::new(Value::EMPTY.bits()),
            waiters: WaitQueue::new(),
        },
    )
}

/// Stores `lock` as the condition `c`'s lock (promoted first if `c` is
/// shared: the payload is invisible to the write barrier).
fn set_lock(vm: &mut Vm, c: Value, st: &CondState, lock: Value) {
    if Obj::from_value(c).is_some_and(|o| o.is_shared()) {
        vm.ctx.promote(lock);
    }
    st.lock.store(lock.bits(), Ordering::Release);
}

/// `__init__(self, lock=None)`.
fn cond_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let st = cond_state(vm, a[0])?;
    let [lock] = py_params(vm, "Condition.__init__", a, k, ["lock"], 0)?;
    let lock = match lock {
        Some(l) if !l.is_none() => l,
        _ => super::new_rlock(vm, vm.g.types.rlock),
    };
    if let LockRef::Py = lock_ref(vm, lock) {
        // CPython's class binds `lock.acquire` and `lock.release` here, so
        // an object without them fails at construction (AttributeError),
        // not at first use.
        let mark = vm.push_root(lock);
        for name in ["acquire", "release"] {
            let n = vm.intern(name);
            if let Err(e) = vm.getattr(lock, n) {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
        vm.pop_roots(mark);
    }
    set_lock(vm, a[0], st, lock);
    Ok(Value::NONE)
}

fn cond_lock_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    cond_and_lock(vm, a).map(|(_, l)| l)
}

fn cond_lock_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = cond_state(vm, a[0])?;
    if a.len() < 2 || a[1] == Value::EMPTY {
        return Err(vm.type_error("cannot delete the lock of a Condition"));
    }
    set_lock(vm, a[0], st, a[1]);
    Ok(Value::NONE)
}

/// `acquire(*args, **kwargs)`: the lock's `acquire`.
fn cond_acquire(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, lock) = cond_and_lock(vm, a)?;
    let mark = vm.push_root(lock);
    let r = match lock_ref(vm, lock) {
        LockRef::R(s) => acquire_args(vm, a, k)
            .and_then(|(b, d)| rlock_acquire_raw(vm, s, b, d, 1))
            .map(Value::bool),
        LockRef::L(s) => acquire_args(vm, a, k)
            .and_then(|(b, d)| lock_acquire_raw(vm, s, b, d))
            .map(Value::bool),
        LockRef::Py => forward(vm, lock, "acquire", a, k),
    };
    vm.pop_roots(mark);
    r
}

/// Releases a native lock; false if the lock is another object.
fn release_native(vm: &mut Vm, lock: Value) -> PyResult<bool> {
    match lock_ref(vm, lock) {
        LockRef::R(s) if !rlock_release_raw(s) => Err(unacquired_error(vm)),
        LockRef::L(s) if !lock_release_raw(s) => Err(unlocked_lock_error(vm)),
        LockRef::Py => Ok(false),
        _ => Ok(true),
    }
}

/// `release(*args, **kwargs)`: the lock's `release`.
fn cond_release(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, lock) = cond_and_lock(vm, a)?;
    if !matches!(lock_ref(vm, lock), LockRef::Py) {
        crate::args::check_method(vm, "release", a, k, 0, 0)?;
    }
    if release_native(vm, lock)? {
        return Ok(Value::NONE);
    }
    forward(vm, lock, "release", a, k)
}

fn cond_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, lock) = cond_and_lock(vm, a)?;
    let mark = vm.push_root(lock);
    let r = match lock_ref(vm, lock) {
        LockRef::R(s) => rlock_acquire_raw(vm, s, true, None, 1).map(Value::bool),
        LockRef::L(_) => lock_enter(vm, &[lock], Value::EMPTY),
        LockRef::Py => vm.call_method(lock, "__enter__", &[]),
    };
    vm.pop_roots(mark);
    r
}

fn cond_exit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, lock) = cond_and_lock(vm, a)?;
    if let LockRef::L(_) = lock_ref(vm, lock) {
        return lock_exit(vm, &[lock], Value::EMPTY);
    }
    if release_native(vm, lock)? {
        return Ok(Value::NONE);
    }
    forward(vm, lock, "__exit__", a, k)
}

fn cond_is_owned(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    py_params(vm, "Condition._is_owned", a, k, [], 0)?;
    let (_, lock) = cond_and_lock(vm, a)?;
    is_owned(vm, lock).map(Value::bool)
}

/// `_release_save()`: `(count, owner)` for an RLock, as the lock's own.
fn cond_release_save(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    py_params(vm, "Condition._release_save", a, k, [], 0)?;
    let (_, lock) = cond_and_lock(vm, a)?;
    match lock_ref(vm, lock) {
        LockRef::R(s) => match rlock_release_all(s) {
            Some((owner, count)) => {
                let c = vm.new_int(count as i64);
                let o = vm.new_int(owner as i64);
                Ok(vm.new_tuple(&[c, o]))
            }
            None => Err(unacquired_error(vm)),
        },
        _ => match release_save(vm, lock)? {
            Saved::Py(x) => Ok(x),
            _ => Ok(Value::NONE),
        },
    }
}

/// `_acquire_restore(state)`.
fn cond_acquire_restore(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, lock) = cond_and_lock(vm, a)?;
    let x = match lock_ref(vm, lock) {
        // The RLock's own method, as CPython's Condition binds it.
        LockRef::R(_) if a.len() != 2 || k.is_heap() => {
            return Err(vm.type_error(&format!(
                "_acquire_restore() takes exactly 1 argument ({} given)",
                a.len() - 1
            )));
        }
        LockRef::R(_) => a[1],
        _ => {
            let [x] = py_params(vm, "Condition._acquire_restore", a, k, ["x"], 1)?;
            x.expect("required")
        }
    };
    let mark = vm.push_root(lock);
    let saved = match lock_ref(vm, lock) {
        LockRef::R(_) => {
            let items = vm.seq_items(x);
            let c = items.first().and_then(|v| vm.as_i64(*v)).unwrap_or(1);
            Saved::Count(c.max(1) as u64)
        }
        _ => Saved::Py(x),
    };
    let r = acquire_restore(vm, lock, &saved);
    vm.pop_roots(mark);
    r.map(|()| Value::NONE)
}

/// `wait(timeout=None)`.
fn cond_wait(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [timeout] = py_params(vm, "Condition.wait", a, k, ["timeout"], 0)?;
    let (st, lock) = cond_and_lock(vm, a)?;
    let mark = vm.push_root(lock);
    let r = wait_impl(vm, st, lock, timeout.unwrap_or(Value::NONE));
    vm.pop_roots(mark);
    r.map(Value::bool)
}

/// `wait_for(predicate, timeout=None)`: waits (through `self.wait`) until
/// `predicate()` is true or the timeout passes; the predicate's last value.
fn cond_wait_for(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [pred, timeout] = py_params(vm, "Condition.wait_for", a, k, ["predicate", "timeout"], 1)?;
    let pred = pred.expect("required");
    let timeout = timeout.unwrap_or(Value::NONE);
    let mut end: Option<Instant> = None;
    let mut waittime = timeout;
    let mut result = vm.call(pred, &[], Value::EMPTY)?;
    while !vm.truthy(result)? {
        if !waittime.is_none() {
            match end {
                None => {
                    let t = match vm.as_f64(waittime) {
                        Some(t) => t,
                        None => {
                            let tn = vm.type_name_of(waittime);
                            return Err(vm.type_error(&format!(
                                "unsupported operand type(s) for +: 'float' and '{tn}'"
                            )));
                        }
                    };
                    let now = Instant::now();
                    end = Some(if t > 0.0 {
                        now + Duration::from_secs_f64(t.min(TIMEOUT_MAX))
                    } else {
                        now
                    });
                }
                Some(e) => {
                    let left = e.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    waittime = vm.new_float(left.as_secs_f64());
                }
            }
        }
        vm.call_method(a[0], "wait", &[waittime])?;
        result = vm.call(pred, &[], Value::EMPTY)?;
    }
    Ok(result)
}

/// `notify(n=1)`: wakes the `n` oldest waiters.
fn cond_notify(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [n] = py_params(vm, "Condition.notify", a, k, ["n"], 0)?;
    let (st, lock) = cond_and_lock(vm, a)?;
    if !is_owned(vm, lock)? {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "cannot notify on un-acquired lock"));
    }
    if st.waiters.is_empty() {
        return Ok(Value::NONE);
    }
    let count = match n {
        None => 1,
        Some(v) => notify_count(vm, v)?,
    };
    st.waiters.notify(count);
    Ok(Value::NONE)
}

/// How many waiters `notify(n)` wakes: CPython's loop runs while `n > 0`,
/// one waiter (and 1 off `n`) at a time.
fn notify_count(vm: &mut Vm, n: Value) -> PyResult<usize> {
    if let Some(i) = vm.as_i64(n) {
        return Ok(i.max(0) as usize);
    }
    match vm.as_f64(n) {
        Some(f) => {
            if f.is_nan() || f <= 0.0 {
                Ok(0)
            } else {
                Ok(f.ceil().min(usize::MAX as f64) as usize)
            }
        }
        None => {
            let tn = vm.type_name_of(n);
            Err(vm.type_error(&format!(
                "'>' not supported between instances of '{tn}' and 'int'"
            )))
        }
    }
}

fn cond_notify_all(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    py_params(vm, "Condition.notify_all", a, k, [], 0)?;
    let (st, lock) = cond_and_lock(vm, a)?;
    if !is_owned(vm, lock)? {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "cannot notify on un-acquired lock"));
    }
    st.waiters.notify(usize::MAX);
    Ok(Value::NONE)
}

/// `notifyAll()`: `notify_all()`, deprecated since 3.10.
fn cond_notify_all_old(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    py_params(vm, "Condition.notifyAll", a, k, [], 0)?;
    vm.warn(
        vm.g.e.DeprecationWarning,
        "notifyAll() is deprecated, use notify_all() instead",
        1,
    )?;
    cond_notify_all(vm, a, k)
}

/// `_at_fork_reinit()`: in the child of a fork (threading's `_after_fork`
/// and `Event._at_fork_reinit` call it), the lock is made anew through its
/// own `_at_fork_reinit` and the waiters, threads of the parent, are
/// forgotten.
fn cond_at_fork_reinit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    py_params(vm, "Condition._at_fork_reinit", a, k, [], 0)?;
    let (st, lock) = cond_and_lock(vm, a)?;
    vm.call_method(lock, "_at_fork_reinit", &[])?;
    if !st.waiters.clear_after_fork() {
        return Err(vm.new_exc(
            vm.g.e.RuntimeError,
            "Condition._at_fork_reinit: the waiters' queue is held by a thread lost in the fork",
        ));
    }
    Ok(Value::NONE)
}

fn cond_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (st, lock) = cond_and_lock(vm, a)?;
    let ls = vm.str_string(lock)?;
    let n = st.waiters.len();
    Ok(vm.new_str(&format!("<Condition({ls}, {n})>")))
}

/// Adds the `Condition` type to the module `m` (as `_thread._Condition`;
/// `threading` exports it as `Condition`).
pub(super) fn init(vm: &mut Vm, m: Value) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", cond_init),
        ("acquire", cond_acquire),
        ("release", cond_release),
        ("__enter__", cond_enter),
        ("__exit__", cond_exit),
        ("__repr__", cond_repr),
        ("_is_owned", cond_is_owned),
        ("_release_save", cond_release_save),
        ("_acquire_restore", cond_acquire_restore),
        ("wait", cond_wait),
        ("wait_for", cond_wait_for),
        ("notify", cond_notify),
        ("notify_all", cond_notify_all),
        ("notifyAll", cond_notify_all_old),
        ("_at_fork_reinit", cond_at_fork_reinit),
    ];
    let t = super::new_class(
        vm,
        "Condition",
        "threading",
        "A condition variable over a lock (an RLock by default).",
        cond_new,
        methods,
    );
    vm.add_dict_descriptor(t);
    let p = vm.new_native_getset(t, "_lock", cond_lock_get, Some(cond_lock_set));
    vm.add_attr(t, "_lock", p);
    vm.set_module_attr(m, "_Condition", t);
}

/// Post-import hook of `threading`: its `Condition` (and so the `Event`,
/// `Semaphore`, `Barrier` and `queue.Queue` built on it) becomes the native
/// class. CPython's Python class costs about 6,000 more instructions per
/// `Queue` put and get pair here (ARCHITECTURE, "threading.Condition").
pub fn install_condition(vm: &mut Vm, threading: Value) -> PyResult<()> {
    let t = vm.import_module("_thread")?;
    let n = vm.intern("_Condition");
    let c = vm.getattr(t, n)?;
    vm.set_module_attr(threading, "Condition", c);
    Ok(())
}
