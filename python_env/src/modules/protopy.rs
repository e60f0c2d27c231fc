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
//!   slot of the shared result list (the write barrier promotes it; no lock:
//!   nothing resizes the list, and each slot has one writer), so a result is
//!   reachable from the caller's roots from the moment it exists: no
//!   collection can free it in between.
//! - Without a `chunksize`, items are claimed in guided runs (half of what
//!   is left over the workers, down to one item), so the workers finish
//!   together.
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
                // No lock either: the result list is private to this call
                // until it returns (never resized, each slot written by the
                // one worker that claimed its item), and a slot store is
                // one atomic word after the barrier has promoted `r`.
                llist::set(&mut vm.ctx, job.results, i, r);
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
        let g = vm.g.clone();
        // `workers` streams, each claiming the next unclaimed run of items:
        // at most `workers` pool threads run tasks at once, and a stream that
        // finishes early takes over what is left (dynamic balancing).
        let next = AtomicUsize::new(0);
        vm.ctx.blocking(|| {
            pool.install(|| {
                (0..workers).into_par_iter().for_each(|_| {
                    with_worker_vm(&g, |wvm| {
                        while let Some((lo, hi)) = claim(&next, n, workers, chunksize) {
                            if lo >= cancel.load(Ordering::Relaxed) {
                                break;
                            }
                            run_chunk(wvm, job, lo, hi, &cancel);
                        }
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

/// Claims the next run of items `lo..hi` from the shared position `next`,
/// or None when all are claimed. A given `chunksize` fixes the run length.
/// Without one the schedule is guided: each claim takes half of what is
/// left divided among the workers, so runs start long (few claims on the
/// shared counter) and shrink to single items at the end, where equal
/// fixed chunks left one worker finishing a whole chunk alone (a quarter
/// of its share with n / (4 x workers) items per chunk).
fn claim(
    next: &AtomicUsize,
    n: usize,
    workers: usize,
    chunksize: Option<usize>,
) -> Option<(usize, usize)> {
    let mut lo = next.load(Ordering::Relaxed);
    loop {
        if lo >= n {
            return None;
        }
        let len = chunksize.unwrap_or_else(|| ((n - lo) / (2 * workers)).max(1));
        let hi = lo.saturating_add(len).min(n);
        match next.compare_exchange_weak(lo, hi, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return Some((lo, hi)),
            Err(cur) => lo = cur,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::claim;
    use proto_core::sync::AtomicUsize;

    /// Claims cover `0..n` once, in order; guided runs never grow and end
    /// in single items; a fixed chunksize gives equal runs.
    #[test]
    fn claims_cover_every_item_once() {
        for &(n, workers) in &[(0, 1), (1, 4), (7, 2), (20_000, 2), (12_345, 16)] {
            for cs in [None, Some(1), Some(3), Some(100_000)] {
                let next = AtomicUsize::new(0);
                let mut runs = Vec::new();
                while let Some(r) = claim(&next, n, workers, cs) {
                    runs.push(r);
                }
                let mut at = 0;
                for &(lo, hi) in &runs {
                    assert_eq!(lo, at);
                    assert!(hi > lo && hi <= n);
                    at = hi;
                }
                assert_eq!(at, n);
                match cs {
                    Some(c) => assert!(runs.iter().all(|&(lo, hi)| hi - lo == c || hi == n)),
                    None => {
                        let lens: Vec<usize> = runs.iter().map(|&(lo, hi)| hi - lo).collect();
                        assert!(lens.windows(2).all(|w| w[1] <= w[0]));
                        if n > 0 {
                            assert_eq!(lens.last(), Some(&1));
                            assert!(lens[0] <= n.div_ceil(2 * workers).max(1));
                        }
                    }
                }
            }
        }
    }
}
