//! `_asyncio`: CPython 3.11's C accelerator of `asyncio`, in Rust: the
//! `Future` and `Task` types, the running-loop functions and the task
//! registry that `asyncio.futures`, `asyncio.tasks` and `asyncio.events`
//! import in place of their pure-Python versions.
//!
//! Files: `future.rs` (`Future` and its `FutureIter`), `task.rs` (`Task`,
//! its step and wake-up callables). This file makes the module, keeps what
//! it imported from `asyncio` and answers the module-level functions.
//!
//! One module object per process, as CPython 3.11's single-phase module:
//! its state (the pure-Python helpers it calls, `_all_tasks`,
//! `_current_tasks`, the two types) lives in a static of global roots.
//!
//! Finalization: a native future needs its `__del__` only to report an
//! exception nobody retrieved, and a task only while it is pending (to
//! report that it was destroyed pending). So a future is listed for
//! finalization only when an exception is set on it, and a task from its
//! `__init__` until it is done; once nothing is left to report, it is taken
//! off the list (unless its class defines its own `__del__`), and a global
//! collection frees a whole tree of finished tasks at once.

mod future;
mod task;

use engine::runtime::*;
use proto_core::{Obj, Value};
use std::sync::OnceLock;

/// What the module imported when it was made, and its own objects (all
/// promoted and global roots).
pub(super) struct State {
    pub get_event_loop_policy: Value,
    pub future_repr: Value,
    pub task_repr: Value,
    pub task_get_stack: Value,
    pub task_print_stack: Value,
    pub invalid_state_error: Value,
    pub cancelled_error: Value,
    pub iscoroutine: Value,
    pub extract_stack: Value,
    pub copy_context: Value,
    /// `weakref.WeakSet()` of the tasks alive (`_all_tasks`).
    pub all_tasks: Value,
    /// `{loop: task}` of the tasks running now (`_current_tasks`).
    pub current_tasks: Value,
    /// `("context",)`: the keyword names of `call_soon(cb, arg, context=c)`.
    pub context_kw: Value,
    pub future_type: Value,
    pub task_type: Value,
    pub iter_type: Value,
}

// SAFETY (Send/Sync): the values are promoted, immutable-identity handles
// registered as global roots; they are only read after the state is set.
static STATE: OnceLock<State> = OnceLock::new();
static MODULE: OnceLock<Value> = OnceLock::new();

/// The module state (set before any object of this module exists).
#[inline]
pub(super) fn st() -> &'static State {
    STATE.get().expect("_asyncio state")
}

/// `loop.call_soon(func, arg, context=ctx)` (`arg` EMPTY: none; `ctx`
/// EMPTY: no context keyword).
pub(super) fn call_soon(
    vm: &mut Vm,
    lp: Value,
    func: Value,
    arg: Value,
    ctx: Value,
) -> PyResult<()> {
    let n = vm.intern("call_soon");
    let meth = vm.getattr(lp, n)?;
    let mut args: Vec<Value> = vec![func];
    if !arg.is_empty() {
        args.push(arg);
    }
    let kw = if ctx.is_empty() {
        Value::EMPTY
    } else {
        args.push(ctx);
        st().context_kw
    };
    let mark = vm.push_root(meth);
    let r = vm.call(meth, &args, kw);
    vm.pop_roots(mark);
    r.map(|_| ())
}

/// The running loop of this thread (None when there is none, or when it
/// was set in the process this one was forked from).
fn running_loop(vm: &mut Vm) -> Value {
    let rec = vm.running_loop_record();
    let Some(o) = Obj::from_value(rec).filter(|o| o.n_values() == 2) else {
        return Value::NONE;
    };
    let lp = o.get(0);
    if lp.is_none() {
        return lp;
    }
    // SAFETY: getpid has no preconditions.
    let pid = unsafe { libc::getpid() } as i64;
    if o.get(1).as_int() != Some(pid) {
        return Value::NONE;
    }
    lp
}

/// `get_event_loop()`: the running loop, else the policy's.
pub(super) fn get_event_loop(vm: &mut Vm) -> PyResult<Value> {
    let lp = running_loop(vm);
    if !lp.is_none() {
        return Ok(lp);
    }
    let policy = vm.call(st().get_event_loop_policy, &[], Value::EMPTY)?;
    vm.call_method(policy, "get_event_loop", &[])
}

fn m_get_running_loop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_asyncio.get_running_loop", a, k, 0, 0)?;
    let lp = running_loop(vm);
    if lp.is_none() {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "no running event loop"));
    }
    Ok(lp)
}

fn m_private_get_running_loop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_asyncio._get_running_loop", a, k, 0, 0)?;
    Ok(running_loop(vm))
}

fn m_set_running_loop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if nkw > 0 {
        return Err(vm.type_error("_asyncio._set_running_loop() takes no keyword arguments"));
    }
    if a.len() != 1 {
        return Err(vm.type_error(&format!(
            "_asyncio._set_running_loop() takes exactly one argument ({} given)",
            a.len()
        )));
    }
    // SAFETY: getpid has no preconditions.
    let pid = unsafe { libc::getpid() } as i64;
    let rec = vm.new_tuple(&[a[0], Value::int(pid)]);
    vm.set_running_loop_record(rec);
    Ok(Value::NONE)
}

fn m_get_event_loop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_asyncio.get_event_loop", a, k, 0, 0)?;
    get_event_loop(vm)
}

/// `_get_event_loop(stacklevel=3)`: kept by 3.11 for 3.10's callers.
fn m_private_get_event_loop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [lvl] = crate::types::clinic::unpack(vm, "_get_event_loop", a, k, ["stacklevel"], 0, 0, 1)?;
    if let Some(l) = lvl {
        crate::args::c_int(vm, l)?;
    }
    get_event_loop(vm)
}

/// `_all_tasks.add(task)`.
pub(super) fn register_task(vm: &mut Vm, t: Value) -> PyResult<()> {
    vm.call_method(st().all_tasks, "add", &[t]).map(|_| ())
}

/// `repr(a)` and `repr(b)` (`b` rooted meanwhile; `a` is the caller's).
fn two_reprs(vm: &mut Vm, a: Value, b: Value) -> PyResult<(String, String)> {
    let mark = vm.push_root(b);
    let ra = vm.repr_string(a);
    let rb = vm.repr_string(b);
    vm.pop_roots(mark);
    Ok((ra?, rb?))
}

/// Enters `task` as the one `lp` runs now.
pub(super) fn enter_task(vm: &mut Vm, lp: Value, t: Value) -> PyResult<()> {
    let d = st().current_tasks;
    if let Some(cur) = vm.dict_get(d, lp)? {
        let (tr, cr) = two_reprs(vm, t, cur)?;
        let msg = format!("Cannot enter into task {tr} while another task {cr} is being executed.");
        return Err(vm.new_exc(vm.g.e.RuntimeError, &msg));
    }
    vm.dict_set(d, lp, t)
}

/// Leaves `task`, which must be the one `lp` runs now.
pub(super) fn leave_task(vm: &mut Vm, lp: Value, t: Value) -> PyResult<()> {
    let d = st().current_tasks;
    let cur = vm.dict_get(d, lp)?;
    if cur != Some(t) {
        let (tr, cr) = two_reprs(vm, t, cur.unwrap_or(Value::NONE))?;
        let msg = format!("Leaving task {tr} does not match the current task {cr}.");
        return Err(vm.new_exc(vm.g.e.RuntimeError, &msg));
    }
    vm.dict_del(d, lp).map(|_| ())
}

fn m_register_task(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [t] = crate::types::clinic::unpack(vm, "_register_task", a, k, ["task"], 0, 1, 1)?;
    register_task(vm, t.unwrap_or(Value::NONE))?;
    Ok(Value::NONE)
}

fn m_unregister_task(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [t] = crate::types::clinic::unpack(vm, "_unregister_task", a, k, ["task"], 0, 1, 1)?;
    vm.call_method(st().all_tasks, "discard", &[t.unwrap_or(Value::NONE)])?;
    Ok(Value::NONE)
}

fn m_enter_task(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [l, t] = crate::types::clinic::unpack(vm, "_enter_task", a, k, ["loop", "task"], 0, 2, 2)?;
    enter_task(vm, l.unwrap_or(Value::NONE), t.unwrap_or(Value::NONE))?;
    Ok(Value::NONE)
}

fn m_leave_task(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [l, t] = crate::types::clinic::unpack(vm, "_leave_task", a, k, ["loop", "task"], 0, 2, 2)?;
    leave_task(vm, l.unwrap_or(Value::NONE), t.unwrap_or(Value::NONE))?;
    Ok(Value::NONE)
}

/// `getattr(import_module(m), attr)`, promoted and made a global root.
fn imported(vm: &mut Vm, m: &str, attr: &str) -> PyResult<Value> {
    let md = vm.import_module(m)?;
    let n = vm.intern(attr);
    let v = vm.getattr(md, n)?;
    keep(vm, v);
    Ok(v)
}

/// Promotes `v` and makes it a global root.
fn keep(vm: &mut Vm, v: Value) {
    vm.ctx.promote(v);
    vm.ctx.add_global_root(v);
}

/// Creates the `_asyncio` module, or returns the one made before.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    if let Some(&m) = MODULE.get() {
        return Ok(m);
    }
    let m = vm.new_module("_asyncio");
    let mark = vm.push_root(m);
    let r = (|| {
        // As CPython's module_init: asyncio is being imported (futures.py
        // imports this module), so these are its already loaded parts.
        vm.import_module("asyncio")?;
        // Importing asyncio imported this module (futures.py does) when
        // this import came first: that one is the module.
        if let Some(&m) = MODULE.get() {
            return Ok(m);
        }
        let get_event_loop_policy = imported(vm, "asyncio.events", "get_event_loop_policy")?;
        let future_repr = imported(vm, "asyncio.base_futures", "_future_repr")?;
        let invalid_state_error = imported(vm, "asyncio.exceptions", "InvalidStateError")?;
        let cancelled_error = imported(vm, "asyncio.exceptions", "CancelledError")?;
        let task_repr = imported(vm, "asyncio.base_tasks", "_task_repr")?;
        let task_get_stack = imported(vm, "asyncio.base_tasks", "_task_get_stack")?;
        let task_print_stack = imported(vm, "asyncio.base_tasks", "_task_print_stack")?;
        let iscoroutine = imported(vm, "asyncio.coroutines", "iscoroutine")?;
        let extract_stack = imported(vm, "traceback", "extract_stack")?;
        let copy_context = imported(vm, "_contextvars", "copy_context")?;
        let weak_set = imported(vm, "weakref", "WeakSet")?;
        let all_tasks = vm.call(weak_set, &[], Value::EMPTY)?;
        keep(vm, all_tasks);
        let current_tasks = vm.new_dict();
        keep(vm, current_tasks);
        let ck = vm.intern("context");
        let context_kw = vm.new_tuple(&[ck]);
        keep(vm, context_kw);

        let modname = vm.new_str("_asyncio");
        keep(vm, modname);
        let (future_type, iter_type) = future::init(vm, modname);
        let task_type = task::init(vm, modname, future_type);
        let _ = STATE.set(State {
            get_event_loop_policy,
            future_repr,
            task_repr,
            task_get_stack,
            task_print_stack,
            invalid_state_error,
            cancelled_error,
            iscoroutine,
            extract_stack,
            copy_context,
            all_tasks,
            current_tasks,
            context_kw,
            future_type,
            task_type,
            iter_type,
        });
        let st = st();
        vm.set_module_attr(m, "Future", st.future_type);
        vm.set_module_attr(m, "Task", st.task_type);
        vm.set_module_attr(m, "_all_tasks", st.all_tasks);
        vm.set_module_attr(m, "_current_tasks", st.current_tasks);
        let doc = vm.new_str("Accelerator module for asyncio");
        vm.set_module_attr(m, "__doc__", doc);
        let fns: &[(&'static str, NativeFn)] = &[
            ("get_event_loop", m_get_event_loop),
            ("_get_event_loop", m_private_get_event_loop),
            ("get_running_loop", m_get_running_loop),
            ("_get_running_loop", m_private_get_running_loop),
            ("_set_running_loop", m_set_running_loop),
            ("_register_task", m_register_task),
            ("_unregister_task", m_unregister_task),
            ("_enter_task", m_enter_task),
            ("_leave_task", m_leave_task),
        ];
        vm.add_module_functions(m, fns);
        keep(vm, m);
        Ok(*MODULE.get_or_init(|| m))
    })();
    vm.pop_roots(mark);
    r
}
