//! The `_queue` module: the native `SimpleQueue` (an unbounded FIFO queue
//! shared between threads) and its `Empty` exception, as CPython has in C.
//!
//! A `SimpleQueue` instance is a native object whose payload is a
//! `Mutex<Inner>` (the items in a `VecDeque`), a copy of the length in an
//! atomic, a `Condvar` and the number of getters waiting on it (changed
//! under the mutex, as `_thread`'s locks count theirs). Its kind is
//! `K_INSTANCE` with the value slots
//! a Python subclass gives its instances (slot 0 the `__dict__`, then the
//! `__slots__` values), so subclasses defined in Python get attributes as in
//! CPython; the class `SimpleQueue` itself is marked `TF_NODICT` (its own
//! instances have no `__dict__`). `SimpleQueue.__new__` refuses a class
//! whose instance layout is not `K_INSTANCE` (a class also deriving from a
//! builtin with another layout), which CPython refuses when the class is
//! made, with the same message.
//!
//! Concurrency contract:
//! - Every access to the items takes the payload's mutex, held only for a
//!   few `VecDeque` operations: never across an allocation, a safepoint or
//!   Python code. `put` appends (and wakes one getter if any is waiting);
//!   `get` pops from the front; both are atomic, so no item is lost or
//!   duplicated whatever the number of threads. The atomic length is
//!   stored under the mutex at each change and read without it (`qsize`,
//!   `empty`, and a getter that finds the queue empty and spins a little
//!   before it blocks, as a producer on another core usually delivers
//!   within microseconds).
//! - The payload's stores are invisible to the write barrier, so `put` is
//!   its own barrier: when the queue is shared, the item (and everything it
//!   reaches) is promoted before it is appended, so a shared queue never
//!   holds a local object. A local queue may hold local items; promoting
//!   the queue later promotes them, because promotion traces the payload.
//! - The payload's trace hook reports every held item (under the mutex), so
//!   a collection keeps all queued items alive. The items change only while
//!   the thread is Running (outside `ctx.blocking`), so they never change
//!   under a global collection. A blocked `get` therefore only *waits*
//!   inside `ctx.blocking` (for the queue to be non-empty, via `_thread`'s
//!   `counted_wait`, which also cuts the wait in slices on the main thread
//!   to run signal handlers) and pops after it returns to Running; if
//!   another getter took the item meanwhile, it waits again until its
//!   deadline. Popping inside `ctx.blocking` would let a collection running
//!   at that moment miss the item, which is held then only by Rust code.
//! - The queue object is an argument of the running call, so it (and its
//!   payload, reached through `&'static` references) stays rooted while a
//!   method runs; a popped item is returned at once, with no safepoint in
//!   between.

use super::_thread::{counted_wait, notify_waiter};
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, AtomicUsize, Condvar, Mutex, Ordering};
use proto_core::{Obj, Value};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// `PY_TIMEOUT_MAX` in microseconds, as CPython computes it on Linux.
const PY_TIMEOUT_MAX_US: i128 = i64::MAX as i128 / 1000;
/// Capacity above which a mostly empty item buffer is shrunk.
const SHRINK_CAP: usize = 64;
/// Checks of an empty queue a getter makes before it blocks.
const SPINS: usize = 200;

const MODULE_DOC: &str = "C implementation of the Python queue module.\n\
This module is an implementation detail, please do not use it directly.";
const TYPE_DOC: &str = "Simple, unbounded, reentrant FIFO queue.";
const EMPTY_DOC: &str = "Exception raised by Queue.get(block=0)/get_nowait().";

/// The mutable state of a queue, guarded by [`QueueState::inner`].
struct Inner {
    /// The items, oldest first.
    items: VecDeque<Value>,
}

/// Payload of a `_queue.SimpleQueue`.
struct QueueState {
    inner: Mutex<Inner>,
    /// `items.len()`, stored under the mutex at each change: read without
    /// it by `qsize`/`empty` and by a getter spinning before it blocks.
    len: AtomicUsize,
    /// Signalled (one waiter) by each `put` while getters wait.
    cv: Condvar,
    /// Getters waiting on `cv` (a `counted_wait`, changed under `inner`):
    /// `put` notifies only when one waits (a notify is a system call even
    /// with nobody waiting).
    waiters: AtomicUsize,
}

impl Trace for QueueState {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        // Called by a global collection (world stopped: the mutex is at
        // most held for an instant by a getter checking for items inside
        // `ctx.blocking`), and for a local queue by its owner's local
        // collection or promotion (only the owner can reach the mutex then,
        // and it holds it at neither). Marking and promotion push what `f`
        // gets on explicit stacks, so this lock is never taken twice.
        let g = sync::lock(&self.inner);
        for &v in &g.items {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

impl QueueState {
    fn new() -> QueueState {
        QueueState {
            inner: Mutex::new(Inner {
                items: VecDeque::new(),
            }),
            len: AtomicUsize::new(0),
            cv: Condvar::new(),
            waiters: AtomicUsize::new(0),
        }
    }

    /// Pops the oldest item (`g` is this queue's locked state), shrinking
    /// a mostly empty buffer.
    fn pop_front(&self, g: &mut Inner) -> Option<Value> {
        let v = g.items.pop_front()?;
        self.len.store(g.items.len(), Ordering::Relaxed);
        let cap = g.items.capacity();
        if cap > SHRINK_CAP && g.items.len() * 8 <= cap {
            let n = (g.items.len() * 2).max(8);
            g.items.shrink_to(n);
        }
        Some(v)
    }

    /// Spins briefly (Running, no lock) until the queue looks non-empty:
    /// with a producer running on another core, an item usually arrives
    /// within a few microseconds, which is much cheaper than blocking
    /// (leaving and re-entering the safepoint handshake, a futex wait, and
    /// a wake-up system call in `put`). Bounded, so a collection requested
    /// meanwhile waits at most that long for this thread.
    fn spin_for_item(&self) -> bool {
        for _ in 0..SPINS {
            if self.len.load(Ordering::Relaxed) > 0 {
                return true;
            }
            sync::spin_hint();
        }
        false
    }
}

/// The payload of `v`, or CPython's descriptor TypeError for method `name`.
fn state(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static QueueState> {
    match Obj::from_value(v).and_then(native_ref::<QueueState>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_queue.SimpleQueue' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// Argument Clinic's keyword parsing for `fname(names...)` with the first
/// `minpos` required (`_PyArg_UnpackKeywords`, no positional-only
/// parameters): the same checks in the same order, with its messages.
fn parse<const N: usize>(
    vm: &mut Vm,
    fname: &str,
    a: &[Value],
    kwnames: Value,
    names: [&str; N],
    minpos: usize,
) -> PyResult<[Option<Value>; N]> {
    let kw: Vec<Value> = match Obj::from_value(kwnames) {
        Some(k) => (0..k.n_values()).map(|i| k.get(i)).collect(),
        None => Vec::new(),
    };
    let nargs = a.len() - kw.len();
    let (pos, kwvals) = a.split_at(nargs);
    if nargs + kw.len() > N {
        return Err(vm.type_error(&format!(
            "{fname}() takes at most {N} {}argument{} ({} given)",
            if nargs == 0 { "keyword " } else { "" },
            if N == 1 { "" } else { "s" },
            nargs + kw.len()
        )));
    }
    let find = |name: &str| {
        kw.iter()
            .position(|k| is_str(*k) && str_of(*k) == name)
            .map(|i| kwvals[i])
    };
    let mut out = [None; N];
    let mut left = kw.len();
    for (i, slot) in out.iter_mut().enumerate() {
        if i < nargs {
            *slot = Some(pos[i]);
            continue;
        }
        let v = if left > 0 { find(names[i]) } else { None };
        if v.is_some() {
            left -= 1;
        } else if i < minpos {
            return Err(vm.type_error(&format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        } else if left == 0 {
            break;
        }
        *slot = v;
    }
    if left > 0 {
        for (i, name) in names.iter().enumerate().take(nargs) {
            if find(name).is_some() {
                return Err(vm.type_error(&format!(
                    "argument for {fname}() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
        }
        for k in kw {
            if !is_str(k) {
                return Err(vm.type_error("keywords must be strings"));
            }
            let s = str_of(k);
            if !names.contains(&&*s) {
                return Err(vm.type_error(&format!(
                    "'{s}' is an invalid keyword argument for {fname}()"
                )));
            }
        }
    }
    Ok(out)
}

/// A `timeout` argument as CPython's `_PyTime_FromSecondsObject` reads it
/// (nanoseconds, rounded up), then checked as `SimpleQueue.get` does.
fn timeout_arg(vm: &mut Vm, v: Value) -> PyResult<Duration> {
    let ns: i128 = match vm.num(v) {
        Some(ops::Num::F(f)) => {
            if f.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            let d = (f * 1e9).ceil();
            // The range test of CPython's _Py_InIntegralTypeRange.
            if !(d >= i64::MIN as f64 && d < i64::MAX as f64) {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "timestamp too large to convert to C _PyTime_t",
                ));
            }
            d as i128
        }
        _ => {
            let i = vm.index(v)?;
            match vm.as_i64(i).and_then(|s| s.checked_mul(1_000_000_000)) {
                Some(n) => n as i128,
                None => {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "timestamp too large to convert to C _PyTime_t",
                    ))
                }
            }
        }
    };
    if ns < 0 {
        return Err(vm.value_error("'timeout' must be a non-negative number"));
    }
    if (ns + 999) / 1000 > PY_TIMEOUT_MAX_US {
        return Err(vm.new_exc(vm.g.e.OverflowError, "timeout value is too large"));
    }
    Ok(Duration::from_nanos(ns as u64))
}

/// Appends `item` (promoted first when the queue is shared) and wakes one
/// waiting getter.
fn push(vm: &mut Vm, q: Value, s: &'static QueueState, item: Value) {
    if Obj::from_value(q).is_some_and(|o| o.is_shared()) {
        vm.ctx.promote(item);
    }
    let mut g = sync::lock(&s.inner);
    g.items.push_back(item);
    s.len.store(g.items.len(), Ordering::Relaxed);
    let waiting = s.waiters.load(Ordering::Relaxed);
    drop(g);
    notify_waiter(&s.cv, waiting);
}

/// Pops the oldest item; when `block`, waits for one until `deadline`
/// (None: for ever). `Ok(None)`: nothing came (raise Empty).
fn take(
    vm: &mut Vm,
    s: &'static QueueState,
    block: bool,
    deadline: Option<Instant>,
) -> PyResult<Option<Value>> {
    let mut g = sync::lock(&s.inner);
    loop {
        if let Some(v) = s.pop_front(&mut g) {
            return Ok(Some(v));
        }
        if !block {
            return Ok(None);
        }
        drop(g);
        if s.spin_for_item() {
            g = sync::lock(&s.inner);
            continue;
        }
        // Wait (Blocked, outside the handshake) only for the queue to be
        // non-empty; the item is popped back in the Running state (see the
        // module comment).
        let r = counted_wait(vm, &s.inner, &s.cv, &s.waiters, deadline, |st| {
            !st.items.is_empty()
        });
        g = sync::lock(&s.inner);
        match r {
            Ok(true) => continue,
            Ok(false) => return Ok(s.pop_front(&mut g)),
            Err(e) => return Err(e),
        }
    }
}

/// The `SimpleQueue` type and the `Empty` class of every `_queue` module
/// made (a fresh import, as `test.support.import_fresh_module` makes, has
/// its own pair), both global roots: a queue raises the `Empty` of the
/// module that made its type, as CPython finds it through the type's
/// module state.
static EMPTY_OF: Mutex<Vec<(Value, Value)>> = Mutex::new(Vec::new());

/// `Empty` of the module whose `SimpleQueue` queue `q` is an instance of
/// (of a subclass of).
fn empty_error(vm: &mut Vm, q: Value) -> PyException {
    let own = own_type(vm.type_of(q));
    let found = sync::lock(&EMPTY_OF)
        .iter()
        .find(|&&(t, _)| Some(t) == own)
        .map(|&(_, e)| e);
    let Some(cls) = found else {
        return vm.new_exc(vm.g.e.SystemError, "_queue module state is missing");
    };
    let args = vm.new_tuple(&[]);
    vm.new_exc_args(cls, args)
}

// ------------------------------------------------------------------ methods

/// `SimpleQueue.__new__(cls, *args, **kwargs)`.
fn sq_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    let Some(&cls) = a.first().filter(|_| a.len() > nkw) else {
        return Err(vm.type_error("_queue.SimpleQueue.__new__(): not enough arguments"));
    };
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!(
            "_queue.SimpleQueue.__new__(X): X is not a type object ({tn})"
        )));
    };
    let Some(own) = own_type(cls) else {
        let n = type_name(cls);
        return Err(vm.type_error(&format!(
            "_queue.SimpleQueue.__new__({n}): {n} is not a subtype of _queue.SimpleQueue"
        )));
    };
    if type_layout(co) != K_INSTANCE {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    // Arguments are refused unless a subclass's own __init__ takes them.
    let init = vm.g.names.__init__;
    let object_init = vm.lookup_type(vm.g.types.object, init);
    if cls == own || vm.lookup_type(cls, init) == object_init {
        if a.len() - 1 > nkw {
            return Err(vm.type_error("SimpleQueue() takes no positional arguments"));
        }
        if nkw > 0 {
            return Err(vm.type_error("SimpleQueue() takes no keyword arguments"));
        }
    }
    Ok(vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), QueueState::new()))
}

/// The native `SimpleQueue` class in `cls`'s MRO, if any: the static
/// (non-heap) class of that name with the `K_INSTANCE` layout and no
/// instance dict, which only `create` below makes.
fn own_type(cls: Value) -> Option<Value> {
    let mro = type_mro(Obj::from_value(cls)?);
    (0..mro.n_values()).map(|i| mro.get(i)).find(|&t| {
        Obj::from_value(t).is_some_and(|o| {
            o.kind() == K_TYPE
                && type_flags(o) & (TF_HEAP | TF_NODICT) == TF_NODICT
                && type_layout(o) == K_INSTANCE
                && str_of(o.get(T_NAME)) == "SimpleQueue"
        })
    })
}

/// `put(item, block=True, timeout=None)`: never blocks.
fn sq_put(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "put")?;
    let [item, block, _timeout] = parse(vm, "put", &a[1..], k, ["item", "block", "timeout"], 1)?;
    let item = item.expect("required argument");
    if let Some(b) = block {
        vm.truthy(b)?;
    }
    push(vm, a[0], s, item);
    Ok(Value::NONE)
}

/// `put_nowait(item)`.
fn sq_put_nowait(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "put_nowait")?;
    let [item] = parse(vm, "put_nowait", &a[1..], k, ["item"], 1)?;
    push(vm, a[0], s, item.expect("required argument"));
    Ok(Value::NONE)
}

/// `get(block=True, timeout=None)`.
fn sq_get(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "get")?;
    let [block, timeout] = parse(vm, "get", &a[1..], k, ["block", "timeout"], 0)?;
    let block = match block {
        Some(b) => vm.truthy(b)?,
        None => true,
    };
    let deadline = match timeout {
        Some(t) if block && !t.is_none() => {
            let d = timeout_arg(vm, t)?;
            // None (for ever) only if the deadline is beyond the clock.
            Instant::now().checked_add(d)
        }
        _ => None,
    };
    match take(vm, s, block, deadline)? {
        Some(v) => Ok(v),
        None => Err(empty_error(vm, a[0])),
    }
}

/// `get_nowait()`: keywords are ignored, as by CPython 3.11's parser.
fn sq_get_nowait(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "get_nowait")?;
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if a.len() - 1 > nkw {
        return Err(vm.type_error("get_nowait() takes no arguments"));
    }
    match take(vm, s, false, None)? {
        Some(v) => Ok(v),
        None => Err(empty_error(vm, a[0])),
    }
}

/// METH_NOARGS's checks, with its messages (the method's qualified name).
fn no_args(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<()> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if nkw > 0 {
        return Err(vm.type_error(&format!("SimpleQueue.{name}() takes no keyword arguments")));
    }
    if a.len() > 1 {
        return Err(vm.type_error(&format!(
            "SimpleQueue.{name}() takes no arguments ({} given)",
            a.len() - 1
        )));
    }
    Ok(())
}

fn sq_empty(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "empty")?;
    no_args(vm, "empty", a, k)?;
    Ok(Value::bool(s.len.load(Ordering::Relaxed) == 0))
}

fn sq_qsize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "qsize")?;
    no_args(vm, "qsize", a, k)?;
    let n = s.len.load(Ordering::Relaxed);
    Ok(vm.new_int(n as i64))
}

/// Creates the `_queue` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_queue");
    let mark = vm.push_root(m);
    let modname = vm.new_str("_queue");
    vm.ctx.promote(modname);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);

    // class Empty(Exception), made as PyErr_NewExceptionWithDoc does.
    let ns = vm.new_dict();
    vm.push_root(ns);
    let k = vm.intern("__module__");
    vm.dict_set_str(ns, k, modname);
    let k = vm.intern("__doc__");
    let d = vm.new_str(EMPTY_DOC);
    vm.dict_set_str(ns, k, d);
    let name = vm.new_str("Empty");
    let bases = vm.new_tuple(&[vm.g.e.Exception]);
    let empty = vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY);
    let empty = match empty {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.set_module_attr(m, "Empty", empty);

    let t = vm.new_static_type("SimpleQueue", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(TYPE_DOC);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", sq_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("put", sq_put),
        ("put_nowait", sq_put_nowait),
        ("get", sq_get),
        ("get_nowait", sq_get_nowait),
        ("empty", sq_empty),
        ("qsize", sq_qsize),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.add_static(
        t,
        "__class_getitem__",
        crate::types::genericalias::class_getitem,
        true,
    );
    vm.set_module_attr(m, "SimpleQueue", t);
    vm.ctx.add_global_root(empty);
    sync::lock(&EMPTY_OF).push((t, empty));
    vm.pop_roots(mark);
    Ok(m)
}
