//! User callbacks run by SQLite: functions (`create_function`), aggregates
//! and window functions (`create_aggregate`, `create_window_function`),
//! collations, the authorizer, the progress handler and the trace callback.
//!
//! SQLite calls them from inside a C call that [`run_sqlite`] made; that
//! call leaves the safepoint handshake and records the thread's VM in a
//! thread-local, through which a callback reaches Python (rejoining the
//! handshake while Python runs). The callables are kept alive by the
//! connection's registry dict (a value slot of the connection), which the
//! closures given to SQLite do not own: they hold the raw values, valid as
//! long as the registry holds them, i.e. until SQLite drops the closure
//! (re-registration or close) or the connection dies. An aggregate's
//! per-group instance lives in the connection's aggregate dict, keyed by
//! SQLite's aggregate-context address, from the first step to finalize.

use super::adapters::{arg_to_py, result_from_py};
use super::db::{
    AggregateFunc, Authorizer, Collation, Progress, ScalarFunc, SqlResult, SqlValue, Trace,
};
use super::CALLBACK_TRACEBACKS;
use engine::runtime::ops::Num;
use engine::runtime::*;
use proto_core::sync::Ordering;
use proto_core::Value;
use std::cell::Cell;

thread_local! {
    /// The VM of the thread while it is inside [`run_sqlite`] (else null).
    static CURRENT: Cell<*mut Vm> = const { Cell::new(std::ptr::null_mut()) };
}

/// Runs `f` (an SQLite call that may block or call back into Python)
/// outside the safepoint handshake, with `vm` reachable from callbacks.
/// `f` must not touch the heap.
pub(super) fn run_sqlite<R>(vm: &mut Vm, f: impl FnOnce() -> R) -> R {
    struct Restore(*mut Vm, *mut Vm);
    impl Drop for Restore {
        fn drop(&mut self) {
            // SAFETY: self.0 is the VM pointer taken from the &mut Vm of
            // run_sqlite, which outlives this guard and is not otherwise
            // used while the guard lives.
            unsafe { (*self.0).ctx.attach() };
            CURRENT.with(|c| c.set(self.1));
        }
    }
    let p: *mut Vm = vm;
    let prev = CURRENT.with(|c| c.replace(p));
    let _restore = Restore(p, prev);
    // SAFETY: p comes from the exclusive borrow `vm`, unused until return.
    unsafe { (*p).ctx.detach() };
    f()
}

/// Runs `f` with the thread's VM, inside the handshake; None when the
/// thread is not inside [`run_sqlite`] (SQLite never calls back then).
fn with_vm<R>(f: impl FnOnce(&mut Vm) -> R) -> Option<R> {
    let p = CURRENT.with(Cell::get);
    if p.is_null() {
        return None;
    }
    // SAFETY: p was set by run_sqlite from an exclusive &mut Vm of this
    // thread, which is blocked in an SQLite call that called us; nothing
    // else uses that VM until this callback returns. The pointer is cleared
    // for nested use by run_sqlite restoring it.
    let vm = unsafe { &mut *p };
    vm.ctx.attach();
    let r = f(vm);
    vm.ctx.detach();
    Some(r)
}

/// CPython's `print_or_clear_traceback`: the callback's exception is
/// printed as unraisable when `enable_callback_tracebacks(True)`.
fn report(vm: &mut Vm, obj: Value, e: PyException) {
    if CALLBACK_TRACEBACKS.load(Ordering::Relaxed) {
        let mark = vm.push_root(e.0);
        crate::modules::gc::write_unraisable(vm, obj, e);
        vm.pop_roots(mark);
    }
}

/// CPython's `set_sqlite_error`: MemoryError and OverflowError become
/// SQLite's own errors, others the message.
fn error_result(vm: &mut Vm, e: &PyException, msg: &str) -> SqlResult {
    if vm.isinstance(e.0, vm.g.e.MemoryError) {
        SqlResult::NoMem
    } else if vm.isinstance(e.0, vm.g.e.OverflowError) {
        SqlResult::TooBig
    } else {
        SqlResult::Error(msg.to_owned())
    }
}

/// Calls `f(*args)` converting the SQLite arguments, all rooted.
fn call_with(vm: &mut Vm, f: Value, pre: &[Value], args: &[SqlValue]) -> PyResult<Value> {
    let mark = vm.push_root(f);
    let r = (|| {
        let mut vals: Vec<Value> = pre.to_vec();
        for a in args {
            let v = arg_to_py(vm, a)?;
            vm.push_root(v);
            vals.push(v);
        }
        vm.call(f, &vals, Value::EMPTY)
    })();
    vm.pop_roots(mark);
    r
}

/// A Python scalar function.
pub(super) struct PyFunc {
    pub func: Value,
}

impl ScalarFunc for PyFunc {
    fn call(&self, args: &[SqlValue]) -> SqlResult {
        let f = self.func;
        with_vm(|vm| {
            let msg = "user-defined function raised exception";
            let r = call_with(vm, f, &[], args).and_then(|v| {
                let mark = vm.push_root(v);
                let r = result_from_py(vm, v);
                vm.pop_roots(mark);
                r
            });
            match r {
                Ok(Some(res)) => res,
                Ok(None) => SqlResult::Error(msg.to_owned()),
                Err(e) => {
                    let res = error_result(vm, &e, msg);
                    report(vm, f, e);
                    res
                }
            }
        })
        .unwrap_or(SqlResult::Error("no interpreter".into()))
    }
}

/// A Python aggregate class; instances are kept in `aggs` (a dict owned
/// by the connection) by aggregate-context address.
pub(super) struct PyAggregate {
    pub cls: Value,
    pub aggs: Value,
}

impl PyAggregate {
    /// The group's instance, created on first use.
    fn instance(&self, vm: &mut Vm, id: usize) -> PyResult<Value> {
        let key = vm.new_int(id as i64);
        if let Some(v) = vm.dict_get(self.aggs, key)? {
            return Ok(v);
        }
        let mark = vm.push_root(key);
        let r = (|| {
            let inst = vm.call(self.cls, &[], Value::EMPTY)?;
            vm.push_root(inst);
            vm.dict_set(self.aggs, key, inst)?;
            Ok(inst)
        })();
        vm.pop_roots(mark);
        r
    }

    fn take(&self, vm: &mut Vm, id: usize) -> Option<Value> {
        let key = vm.new_int(id as i64);
        let mark = vm.push_root(key);
        let r = vm.call_method(self.aggs, "pop", &[key, Value::NONE]).ok();
        vm.pop_roots(mark);
        r.filter(|v| !v.is_none())
    }

    /// Calls `inst.<name>(*args)`; the error text names the method.
    fn method(
        &self,
        vm: &mut Vm,
        id: usize,
        name: &str,
        args: &[SqlValue],
    ) -> Result<Value, String> {
        let inst = match self.instance(vm, id) {
            Ok(i) => i,
            Err(e) => {
                report(vm, self.cls, e);
                return Err("user-defined aggregate's '__init__' method raised error".into());
            }
        };
        let mark = vm.push_root(inst);
        let n = vm.intern(name);
        let r = match vm.getattr(inst, n) {
            Ok(m) => {
                let r = call_with(vm, m, &[], args);
                r.map_err(|e| {
                    report(vm, self.cls, e);
                    format!("user-defined aggregate's '{name}' method raised error")
                })
            }
            Err(e) => {
                let attr = vm.isinstance(e.0, vm.g.e.AttributeError);
                report(vm, self.cls, e);
                Err(if attr {
                    format!("user-defined aggregate's '{name}' method not defined")
                } else {
                    format!("user-defined aggregate's '{name}' method raised error")
                })
            }
        };
        vm.pop_roots(mark);
        r
    }

    fn result(&self, vm: &mut Vm, v: Result<Value, String>, name: &str) -> SqlResult {
        let msg = format!("user-defined aggregate's '{name}' method raised error");
        match v {
            Err(m) => SqlResult::Error(m),
            Ok(v) => {
                let mark = vm.push_root(v);
                let r = result_from_py(vm, v);
                vm.pop_roots(mark);
                match r {
                    Ok(Some(res)) => res,
                    Ok(None) => SqlResult::Error(msg),
                    Err(e) => {
                        let res = error_result(vm, &e, &msg);
                        report(vm, self.cls, e);
                        res
                    }
                }
            }
        }
    }
}

impl AggregateFunc for PyAggregate {
    fn step(&self, id: usize, args: &[SqlValue]) -> Option<String> {
        with_vm(|vm| self.method(vm, id, "step", args).err())
            .unwrap_or(Some("no interpreter".into()))
    }

    fn inverse(&self, id: usize, args: &[SqlValue]) -> Option<String> {
        with_vm(|vm| self.method(vm, id, "inverse", args).err())
            .unwrap_or(Some("no interpreter".into()))
    }

    fn value(&self, id: usize) -> SqlResult {
        with_vm(|vm| {
            let r = self.method(vm, id, "value", &[]);
            self.result(vm, r, "value")
        })
        .unwrap_or(SqlResult::Error("no interpreter".into()))
    }

    fn finalize(&self, id: Option<usize>) -> SqlResult {
        with_vm(|vm| {
            // No step ran (no rows): CPython returns NULL without an instance.
            let Some(id) = id else {
                return SqlResult::Null;
            };
            let Some(inst) = self.take(vm, id) else {
                // __init__ failed in step; its error was already given.
                return SqlResult::Null;
            };
            let mark = vm.push_root(inst);
            let r = vm.call_method(inst, "finalize", &[]);
            let out = match r {
                Ok(v) => self.result(vm, Ok(v), "finalize"),
                Err(e) => {
                    let attr = vm.isinstance(e.0, vm.g.e.AttributeError);
                    let name = if attr { "not defined" } else { "raised error" };
                    report(vm, self.cls, e);
                    SqlResult::Error(format!("user-defined aggregate's 'finalize' method {name}"))
                }
            };
            vm.pop_roots(mark);
            out
        })
        .unwrap_or(SqlResult::Error("no interpreter".into()))
    }
}

/// A Python collation: `f(a, b)` -> int whose sign orders `a` and `b`.
pub(super) struct PyCollation {
    pub func: Value,
}

impl Collation for PyCollation {
    fn compare(&self, a: &[u8], b: &[u8]) -> i32 {
        let f = self.func;
        with_vm(|vm| {
            let r = call_with(vm, f, &[], &[SqlValue::Text(a), SqlValue::Text(b)]);
            match r {
                Ok(v) => match vm.num(v) {
                    Some(Num::I(i)) => i.signum() as i32,
                    Some(Num::B(b)) => {
                        if num_traits::Signed::is_negative(b) {
                            -1
                        } else {
                            1
                        }
                    }
                    _ => 0,
                },
                Err(e) => {
                    report(vm, f, e);
                    0
                }
            }
        })
        .unwrap_or(0)
    }
}

/// The authorizer: `f(action, arg1, arg2, dbname, source)` -> SQLITE_OK,
/// SQLITE_DENY or SQLITE_IGNORE.
pub(super) struct PyAuthorizer {
    pub func: Value,
}

impl Authorizer for PyAuthorizer {
    fn authorize(&self, action: i32, args: [Option<&[u8]>; 4]) -> i32 {
        let f = self.func;
        with_vm(|vm| {
            let mark = vm.push_root(f);
            let r = {
                let mut vals = vec![Value::int(i64::from(action))];
                for a in args {
                    let v = match a {
                        Some(b) => vm.new_str(&String::from_utf8_lossy(b)),
                        None => Value::NONE,
                    };
                    vm.push_root(v);
                    vals.push(v);
                }
                vm.call(f, &vals, Value::EMPTY)
            };
            let out = match r {
                Ok(v) => match vm.num(v) {
                    Some(Num::I(i)) if !matches!(v, x if x == Value::TRUE || x == Value::FALSE) => {
                        i32::try_from(i).unwrap_or(rusqlite::ffi::SQLITE_DENY)
                    }
                    _ => rusqlite::ffi::SQLITE_DENY,
                },
                Err(e) => {
                    report(vm, f, e);
                    rusqlite::ffi::SQLITE_DENY
                }
            };
            vm.pop_roots(mark);
            out
        })
        .unwrap_or(rusqlite::ffi::SQLITE_DENY)
    }
}

/// The progress handler: a true result (or an error) aborts the statement.
pub(super) struct PyProgress {
    pub func: Value,
}

impl Progress for PyProgress {
    fn progress(&self) -> i32 {
        let f = self.func;
        with_vm(|vm| match vm.call(f, &[], Value::EMPTY) {
            Ok(v) => {
                let mark = vm.push_root(v);
                let t = vm.truthy(v);
                vm.pop_roots(mark);
                match t {
                    Ok(t) => i32::from(t),
                    Err(e) => {
                        report(vm, f, e);
                        -1
                    }
                }
            }
            Err(e) => {
                report(vm, f, e);
                -1
            }
        })
        .unwrap_or(-1)
    }
}

/// The trace callback: called with each statement's SQL as it starts.
pub(super) struct PyTrace {
    pub func: Value,
}

impl Trace for PyTrace {
    fn trace(&self, sql: &[u8]) {
        let f = self.func;
        with_vm(|vm| {
            let s = vm.new_str(&String::from_utf8_lossy(sql));
            let mark = vm.push_root(s);
            if let Err(e) = vm.call(f, &[s], Value::EMPTY) {
                report(vm, f, e);
            }
            vm.pop_roots(mark);
        });
    }
}
