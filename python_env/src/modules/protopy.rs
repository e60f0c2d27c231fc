//! The `protopy` module: ProtoPy-specific parallelism and deep freezing.
//!
//! `freeze(obj)` makes `obj` and everything it reaches through container
//! items and instance attributes immutable (PEP 795 in spirit), all or
//! nothing; `isfrozen(obj)` tells whether `obj` is deeply immutable. See
//! [`freeze`] and docs/ARCHITECTURE.md "Deep freezing".
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

use crate::args::{check, Args};
use engine::runtime::*;
use proto_core::layouts::dict as ldict;
use proto_core::layouts::list as llist;
use proto_core::sync::{AtomicUsize, Ordering};
use proto_core::{Obj, Value};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

/// The worker pool, made on first use and leaked, with the fork generation
/// (`proto_core::fork::generation`) it was made in: the child of a fork,
/// where the workers do not exist, makes its own.
static POOL: proto_core::sync::Mutex<Option<(u64, Option<&'static rayon::ThreadPool>)>> =
    proto_core::sync::Mutex::new(None);

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
    let generation = proto_core::fork::generation();
    let mut slot = proto_core::sync::lock(&POOL);
    if let Some((g, p)) = *slot {
        if g == generation {
            return p;
        }
    }
    let n = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let p = rayon::ThreadPoolBuilder::new()
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
        .map(|p| &*Box::leak(Box::new(p)));
    *slot = Some((generation, p));
    p
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

// ------------------------------------------------------------------ freezing

/// How the freezing walk treats an object, by its layout.
enum Role {
    /// Immutable by type and holding nothing mutable (str, bytes, int,
    /// float, complex, range, code): left as it is, not marked.
    Leaf,
    /// Class, function, module, method or descriptor: stays as it is, not
    /// entered (the walk stops there).
    Stop,
    /// Marked FROZEN after the references [`refs`] lists are frozen too.
    Freeze,
    /// Holds state no flag can make immutable (a lock, a file, a generator,
    /// an iterator, a deque, an exception with its traceback ...).
    Refuse,
}

fn role(vm: &Vm, o: Obj) -> Role {
    // A bare `object()` (a sentinel) holds no state.
    if o.class() == vm.g.types.object && !o.is_native() {
        return Role::Freeze;
    }
    match o.kind() {
        Kind::STR | Kind::BYTES => {
            // A str/bytes subclass instance carries an instance dict.
            if o.n_values() > 0 {
                Role::Freeze
            } else {
                Role::Leaf
            }
        }
        Kind::FLOAT | Kind::BIG_INT | K_COMPLEX | K_RANGE | K_CODE => Role::Leaf,
        K_TYPE | K_FUNCTION | K_BUILTIN | K_MODULE | K_METHOD | K_PROPERTY | K_WRAPPER
        | K_MEMBER => Role::Stop,
        Kind::TUPLE | Kind::LIST | Kind::DICT | Kind::SET | K_BYTEARRAY | K_NUMSUB | K_SLICE => {
            Role::Freeze
        }
        // A native payload is Rust state the flag cannot guard; the
        // frozendict is the one native instance that is immutable already.
        K_INSTANCE if !o.is_native() || crate::types::frozendict::is_frozendict(o.value()) => {
            Role::Freeze
        }
        _ => Role::Refuse,
    }
}

/// Pushes the values `o` references that freezing must reach: items,
/// instance dict and `__slots__` values (never internal storage).
fn refs(vm: &Vm, o: Obj, out: &mut Vec<Value>) {
    match o.kind() {
        Kind::LIST => {
            out.extend((1..o.n_values()).map(|i| o.get(i)));
            llist::snapshot(o, out);
        }
        Kind::DICT | Kind::SET => {
            // The instance dict and `__slots__` values; an OrderedDict's
            // front hint names its table, internal storage like value 0.
            let storage = |v: Value| Obj::from_value(v).is_some_and(|p| p.kind() == Kind::STORAGE);
            out.extend((1..o.n_values()).map(|i| o.get(i)).filter(|&v| !storage(v)));
            let mut kv = Vec::new();
            ldict::items(o, &mut kv);
            out.extend(kv.into_iter().flat_map(|(k, v, _)| [k, v]));
        }
        // [bytes buffer (internal, immutable to Python), dict, slots...]
        K_BYTEARRAY => out.extend((1..o.n_values()).map(|i| o.get(i))),
        K_INSTANCE if o.is_native() => {
            if let Some(items) = crate::types::frozendict::items_of(vm, o.value()) {
                out.extend(items.into_iter().flat_map(|(k, v)| [k, v]));
            }
            out.extend((0..o.n_values()).map(|i| o.get(i)));
        }
        _ => {
            out.extend((0..o.n_values()).map(|i| o.get(i)));
            // A tuple subclass keeps its instance dict in a holder.
            if o.kind() == Kind::TUPLE {
                if let Some(d) = vm.instance_dict_unshaped(o) {
                    out.push(d);
                }
            }
        }
    }
}

/// Walks what `root` reaches and returns the objects to mark, or the first
/// object that cannot be frozen. Objects already frozen are not entered
/// (what they reach is frozen already). With `prepare`, an instance whose
/// class gives it a dict but which has none yet gets an empty one, so that
/// the dict is frozen with it (a first attribute store racing with the
/// freeze could otherwise install an unfrozen dict); the walk then
/// allocates but runs no Python code. Without `prepare` it neither
/// allocates Python objects nor reaches a safepoint, so it may run while
/// object locks are held.
fn walk(vm: &mut Vm, root: Value, prepare: bool) -> Result<Vec<Obj>, Obj> {
    let mut seen: HashSet<u64> = HashSet::new();
    let mut order = Vec::new();
    let mut stack = vec![root];
    while let Some(v) = stack.pop() {
        let Some(o) = Obj::from_value(v) else {
            continue;
        };
        if o.is_frozen() || !seen.insert(v.bits()) {
            continue;
        }
        match role(vm, o) {
            Role::Leaf | Role::Stop => continue,
            Role::Refuse => return Err(o),
            Role::Freeze => {}
        }
        // A shaped instance changes to dict mode here, so that its frozen
        // dict can answer `__dict__` and `vars()`.
        let shaped = shape::shape_of(o).is_some();
        if prepare && matches!(o.kind(), K_INSTANCE | K_NUMSUB) && (o.get(0).is_empty() || shaped) {
            vm.ensure_dict(o);
        }
        refs(vm, o, &mut stack);
        order.push(o);
    }
    Ok(order)
}

/// Sorted addresses, for comparing two walks.
fn addresses(objs: &[Obj]) -> Vec<u64> {
    let mut a: Vec<u64> = objs.iter().map(|o| o.value().bits()).collect();
    a.sort_unstable();
    a
}

fn cannot_freeze(vm: &mut Vm, o: Obj) -> PyException {
    let tn = vm.type_name_of(o.value());
    vm.type_error(&format!("cannot freeze '{tn}' object"))
}

/// `protopy.freeze(obj)`: all or nothing. Phase 1 walks the graph and
/// checks every object (nothing is changed but empty instance dicts made).
/// Phase 2 takes the locks of the shared objects found, in address order
/// (the order every two-lock operation uses, so no deadlock), walks again
/// under them and, if the second walk finds the same objects, sets FROZEN
/// on all of them before releasing the locks. Every mutator of a shared
/// object holds its lock and tests FROZEN under it, so a write from
/// another thread either happened before phase 2's locks (and the second
/// walk saw its result: a new object reached means another round) or is
/// refused afterwards; no object is ever frozen while reaching a mutable
/// one. A refusal in either walk leaves every object as it was.
fn freeze(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "freeze", a, k, 1, 1)?;
    let root = a[0];
    if let Some(o) = Obj::from_value(root) {
        if !o.is_frozen() && matches!(role(vm, o), Role::Stop) {
            return Err(cannot_freeze(vm, o));
        }
    }
    let mark = vm.push_root(root);
    let r = loop {
        let first = match walk(vm, root, true) {
            Ok(objs) => objs,
            Err(bad) => break Err(cannot_freeze(vm, bad)),
        };
        let mut locked: Vec<Obj> = first.iter().copied().filter(|o| o.is_shared()).collect();
        locked.sort_unstable_by_key(|o| o.value().bits());
        for &o in &locked {
            vm.ctx.lock_object(o);
        }
        let second = walk(vm, root, false);
        let done = match &second {
            Ok(objs) if addresses(objs) == addresses(&first) => {
                for o in objs {
                    // A bytearray's owner may be writing it in place
                    // without its lock (`owned_bytes`): held off first.
                    if o.kind() == K_BYTEARRAY {
                        engine::runtime::owned_bytes::ba_use(*o);
                    }
                    o.freeze();
                }
                true
            }
            _ => false,
        };
        for &o in locked.iter().rev() {
            vm.ctx.unlock_object(o);
        }
        match second {
            Err(bad) => break Err(cannot_freeze(vm, bad)),
            Ok(_) if done => break Ok(root),
            // Another thread changed the graph between the walks: again.
            Ok(_) => continue,
        }
    };
    vm.pop_roots(mark);
    r
}

/// Is `v` deeply immutable: a value immutable by type (int, float,
/// complex, str, bytes, range, code, None, bools), an object
/// `protopy.freeze` froze, or a tuple, frozenset, frozendict or slice all
/// of whose items are. Classes, functions and modules are not (they stay
/// mutable); neither is anything else.
fn is_deeply_frozen(vm: &Vm, v: Value) -> bool {
    let mut stack = vec![v];
    let mut seen: HashSet<u64> = HashSet::new();
    while let Some(v) = stack.pop() {
        let Some(o) = Obj::from_value(v) else {
            continue;
        };
        if !seen.insert(v.bits()) {
            continue;
        }
        let r = role(vm, o);
        if matches!(r, Role::Stop) {
            return false;
        }
        if o.is_frozen() || matches!(r, Role::Leaf) {
            continue;
        }
        let t = &vm.g.types;
        let immutable_by_type = match o.kind() {
            Kind::TUPLE => vm.instance_dict_unshaped(o).is_none(),
            Kind::SET => o.class() == t.frozenset,
            K_SLICE => true,
            K_INSTANCE => {
                crate::types::frozendict::is_frozendict(v)
                    && o.class() == crate::types::frozendict::frozendict_type()
            }
            _ => false,
        };
        if !immutable_by_type {
            return false;
        }
        refs(vm, o, &mut stack);
    }
    true
}

fn isfrozen(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "isfrozen", a, k, 1, 1)?;
    Ok(Value::bool(is_deeply_frozen(vm, a[0])))
}

/// `protopy.is_shared(obj)`: whether `obj` lives in the shared space
/// (reachable by every thread, freed only by global collections) rather than
/// in its thread's local space. A debugging aid: what promotes an object,
/// and so keeps local collections from freeing it, is otherwise invisible.
/// Values without a heap cell (small ints, None) count as shared.
fn is_shared(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "is_shared", a, k, 1, 1)?;
    Ok(Value::bool(
        Obj::from_value(a[0]).is_none_or(|o| o.is_shared()),
    ))
}

/// Creates the `protopy` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("protopy");
    let fns: &[(&'static str, NativeFn)] = &[
        ("parallel_map", parallel_map),
        ("cpu_count", cpu_count),
        ("freeze", freeze),
        ("isfrozen", isfrozen),
        ("is_shared", is_shared),
    ];
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
