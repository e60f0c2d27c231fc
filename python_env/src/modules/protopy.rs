//! The `protopy` module: ProtoPy-specific parallelism.
//!
//! `parallel_map(func, iterable, chunksize=None, *, max_workers=None)` runs
//! `func` on every item on a rayon work-stealing pool and returns the results in order; the
//! exception of the lowest-indexed failing item is re-raised in the caller
//! (items after it are skipped once it is known). `cpu_count()` is the number of CPUs.
//!
//! Design:
//! - One pool per process, built on first use with one worker per CPU, each
//!   with a [`THREAD_STACK_BYTES`] native stack. With `PROTOPY_PIN=1` worker
//!   `i` is pinned to core `i mod ncores` (`core_affinity`).
//! - Each worker thread keeps its own [`Vm`] (a thread-local, created on first
//!   use, recreated if a different `Interpreter` calls in). Between tasks the
//!   worker's context is *detached* from the safepoint handshake
//!   (`ctx.detach()`), so an idle worker never holds up a collection.
//! - The caller promotes `func` and the item list, allocates the result and
//!   error lists (shared, rooted on its own value stack) and waits for the
//!   pool inside `ctx.blocking`. Workers write each result straight into its
//!   slot of the shared result list under the list's lock (the write barrier
//!   promotes it), so a result is reachable from the caller's roots from the
//!   moment it exists: no collection can free it in between.
//! - A `parallel_map` called from inside a pool task runs sequentially on the
//!   calling worker (a nested `install` would re-enter the worker's `Vm`).

use crate::args::Args;
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::sync::{AtomicUsize, Ordering};
use proto_core::{Obj, Value};
use rayon::prelude::*;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();

thread_local! {
    static WORKER_VM: RefCell<Option<Vm>> = const { RefCell::new(None) };
}

/// Is `PROTOPY_PIN=1` set (pin interpreter threads to cores)?
pub fn pin_requested() -> bool {
    static PIN: OnceLock<bool> = OnceLock::new();
    *PIN.get_or_init(|| std::env::var("PROTOPY_PIN").is_ok_and(|v| v == "1"))
}

/// Pins the calling thread to core `i mod ncores` (no-op if cores unknown).
pub fn pin_current_thread(i: usize) {
    if let Some(ids) = core_affinity::get_core_ids() {
        if !ids.is_empty() {
            core_affinity::set_for_current(ids[i % ids.len()]);
        }
    }
}

fn pool() -> Option<&'static rayon::ThreadPool> {
    POOL.get_or_init(|| {
        let n = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .stack_size(THREAD_STACK_BYTES)
            .thread_name(|i| format!("protopy-worker-{i}"))
            .start_handler(|i| {
                if pin_requested() {
                    pin_current_thread(i);
                }
            })
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `f` on this worker thread's own VM, attached to the handshake only
/// for the duration of `f`.
fn with_worker_vm<R>(g: &Arc<Interpreter>, f: impl FnOnce(&mut Vm) -> R) -> R {
    WORKER_VM.with(|cell| {
        let mut slot = cell.borrow_mut();
        let fresh = match slot.as_ref() {
            Some(vm) => !Arc::ptr_eq(&vm.g, g),
            None => true,
        };
        if fresh {
            *slot = None;
            let mut vm = Vm::new_thread(g.clone());
            vm.ctx.detach();
            *slot = Some(vm);
        }
        let vm = slot.as_mut().expect("worker vm");
        vm.ctx.attach();
        let r = f(vm);
        vm.ctx.detach();
        r
    })
}

/// Shared state of one `parallel_map` call (plain words: every heap value
/// is reachable from the caller's value stack for the whole call).
#[derive(Clone, Copy)]
struct Job {
    func: Value,
    items: Obj,
    results: Obj,
    errors: Obj,
}

/// Runs items `lo..hi`, skipping those at or after the lowest failing
/// index found so far (`first_err`), so the exception re-raised is always
/// that of the first failing item in order, and work after it stops early.
fn run_chunk(vm: &mut Vm, job: Job, lo: usize, hi: usize, first_err: &AtomicUsize) {
    for i in lo..hi {
        if i >= first_err.load(Ordering::Relaxed) {
            return;
        }
        let item = llist::get(job.items, i).unwrap_or(Value::NONE);
        match vm.call(job.func, &[item], Value::EMPTY) {
            Ok(r) => {
                // No safepoint between the call's return and this store.
                let ro = job.results;
                vm.with_lock(ro, |ctx| llist::set(ctx, ro, i, r));
            }
            Err(e) => {
                let eo = job.errors;
                vm.with_lock(eo, |ctx| llist::set(ctx, eo, i, e.0));
                first_err.fetch_min(i, Ordering::Relaxed);
                return;
            }
        }
    }
}

fn parallel_map(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    if args.pos.len() > 3 {
        return Err(vm.type_error(&format!(
            "parallel_map() takes at most 3 arguments ({} given)",
            args.pos.len()
        )));
    }
    let func = args.get(0, "func");
    let iterable = args.get(1, "iterable");
    let chunk = args.get(2, "chunksize");
    let maxw = args.take("max_workers");
    args.no_more_kw(vm, "parallel_map")?;
    let (Some(func), Some(iterable)) = (func, iterable) else {
        return Err(vm.type_error(
            "parallel_map() missing required argument: 'func' and 'iterable' are required",
        ));
    };
    let chunksize = positive_or_none(vm, chunk, "chunksize must be >= 1")?;
    let max_workers = positive_or_none(vm, maxw, "max_workers must be greater than 0")?;
    let items = vm.collect(iterable)?;
    let n = items.len();
    let il = vm.new_list(&items);
    let mark = vm.push_root(il);
    let nones = vec![Value::NONE; n];
    let rl = vm.new_list(&nones);
    vm.push_root(rl);
    let el = vm.new_list(&nones);
    vm.push_root(el);
    vm.ctx.promote(func);
    vm.ctx.promote(il);
    vm.ctx.promote(rl);
    vm.ctx.promote(el);
    let job = Job {
        func,
        items: Obj::from_value(il).expect("list"),
        results: Obj::from_value(rl).expect("list"),
        errors: Obj::from_value(el).expect("list"),
    };
    let cancel = AtomicUsize::new(usize::MAX);
    let pool = pool();
    let nested = pool.is_none_or(|p| p.current_thread_index().is_some());
    if nested || n == 0 {
        run_chunk(vm, job, 0, n, &cancel);
    } else if let Some(pool) = pool {
        let workers = pool
            .current_num_threads()
            .min(max_workers.unwrap_or(usize::MAX))
            .max(1);
        let cs = chunksize.unwrap_or_else(|| n.div_ceil(workers * 4).max(1));
        let nchunks = n.div_ceil(cs);
        let g = vm.g.clone();
        // `workers` streams, each claiming the next unclaimed chunk: at most
        // `workers` pool threads run tasks at once, and a stream that finishes
        // early takes over the remaining chunks (dynamic balancing).
        let next = AtomicUsize::new(0);
        vm.ctx.blocking(|| {
            pool.install(|| {
                (0..workers).into_par_iter().for_each(|_| {
                    with_worker_vm(&g, |wvm| loop {
                        let c = next.fetch_add(1, Ordering::Relaxed);
                        let lo = c.saturating_mul(cs);
                        if c >= nchunks || lo >= cancel.load(Ordering::Relaxed) {
                            break;
                        }
                        let hi = (lo + cs).min(n);
                        run_chunk(wvm, job, lo, hi, &cancel);
                    });
                });
            })
        });
    }
    let fe = cancel.load(Ordering::Relaxed);
    let r = match llist::get(job.errors, fe) {
        Some(e) if fe != usize::MAX && !e.is_none() => Err(PyException(e)),
        _ => Ok(rl),
    };
    vm.pop_roots(mark);
    r
}

/// `None` or a missing argument gives `None`; otherwise an int >= 1.
fn positive_or_none(vm: &mut Vm, v: Option<Value>, msg: &str) -> PyResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match vm.as_i64(v) {
            Some(c) if c >= 1 => Ok(Some(c as usize)),
            Some(_) => Err(vm.value_error(msg)),
            None => {
                let tn = vm.type_name_of(v);
                Err(vm.type_error(&format!(
                    "'{tn}' object cannot be interpreted as an integer"
                )))
            }
        },
    }
}

fn cpu_count(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    let n = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    Ok(Value::int(n as i64))
}

/// Creates the `protopy` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("protopy");
    let fns: &[(&'static str, NativeFn)] =
        &[("parallel_map", parallel_map), ("cpu_count", cpu_count)];
    vm.add_module_functions(m, fns);
    Ok(m)
}
