//! The `gc` module: CPython's interface to the garbage collector, mapped
//! onto ProtoPy's tracing mark-sweep collector.
//!
//! CPython frees most memory by reference counting and runs a generational
//! cycle collector (generations 0, 1, 2) on top. ProtoPy has no reference
//! counts: its collector is the only thing that frees memory. It has two
//! kinds of collection (`docs/ARCHITECTURE.md`, "Garbage collection"): a
//! *local* one (one thread's unshared objects, while other threads run) and
//! a *global* stop-the-world one. The mapping:
//! - `collect(0)` runs a local collection of the calling thread; `collect(1)`
//!   and `collect(2)` (the default) a global one. It returns the number of
//!   objects the sweep freed. That counts every heap object, internal
//!   storage objects (a list's item array, a dict's table) included, so the
//!   figure is not comparable with CPython's count of unreachable objects.
//! - `get_stats()`: generation 0 reports the local collections of all
//!   threads, generation 2 the global ones, generation 1 none; `collected`
//!   is the number of objects they freed, `uncollectable` is always 0
//!   (finalizers never keep objects alive: ProtoPy runs no `__del__`).
//! - `get_count()`: (cells of 64 bytes this thread allocated since its last
//!   local collection, local collections since the last global one, 0).
//! - `disable()` only records the flag that `isenabled()` reports:
//!   automatic collections go on, since without reference counting nothing
//!   else would ever free memory (a disabled collector would let any program
//!   grow without bound).
//! - The thresholds keep CPython's values and defaults (700, 10, 10) and
//!   scale the minimums of ProtoPy's three triggers by their ratio to those
//!   defaults: `threshold0` the bytes a thread allocates at least between two
//!   of its local collections (1 MiB at 700), `threshold1` the bytes promoted
//!   to the shared space (or held outside the heap by new native objects
//!   such as code) at least between two global collections (16 MiB at 10),
//!   `threshold2` the heap size below which heap growth alone never starts a
//!   global collection (64 MiB at 10). So `set_threshold(7000)` makes local
//!   collections ten times rarer, as it makes CPython's. Each trigger also
//!   grows with the live data. A value of 0 or less, which turns CPython's
//!   collector off, sets the default minimum: automatic collections cannot
//!   be turned off.
//! - `freeze()` runs a global collection after which every object found
//!   alive is permanent: a root of every later collection (and shared, so
//!   that no local collection frees it) until `unfreeze()`, as CPython's
//!   permanent generation. `get_freeze_count()` counts them the way
//!   `collect()` counts, internal storage objects included.
//! - `callbacks` are called with ("start"/"stop", info) around `collect()`.
//!   Automatic collections run at safepoints inside the interpreter loop,
//!   where no Python code may run: once `gc` is imported, each one asks for
//!   deferred work, and the next thread able to run Python code calls the
//!   callbacks with "start" and then "stop" for the collections since the
//!   last report (`generation` 2 if a global one was among them, else 0;
//!   `collected` the objects they freed). So for an automatic collection
//!   both phases come after it, not around it.
//! - `is_tracked()` follows CPython's rule for the builtin types in its
//!   steady state (after a collection has untracked tuples and dicts that
//!   hold only untracked values); `is_finalized()` is always False.
//! - `get_referents()` gives the Python-visible values an object refers to
//!   (a list's items, a dict's values and keys, an instance's slots, `__dict__`
//!   and class...), never the collector's internal storage objects.
//!   `get_objects()` and `get_referrers()` walk the graph of those referents
//!   from the program's roots (a walk of every heap block would race with
//!   the other threads' mutations): they see what is reachable, not garbage
//!   awaiting collection.
//!
//! A collection from `collect()` runs inside a builtin call, which is a
//! place where a safepoint is already safe: the builtin's arguments stay on
//! the caller's value stack, and every Rust caller that can reach a builtin
//! call (the interpreter loop, `vm.call` from native code) must already root
//! what it holds, because the callee could as well be Python code that
//! reaches a safepoint. This module roots what it holds itself across the
//! collection and the callbacks (the callbacks list, the info dict).

use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::sync::{AtomicBool, AtomicU64, Ordering};
use proto_core::{Kind, Obj, Value};

const DEBUG_STATS: i64 = 1;
const DEBUG_COLLECTABLE: i64 = 2;
const DEBUG_UNCOLLECTABLE: i64 = 4;
const DEBUG_SAVEALL: i64 = 32;
const DEBUG_LEAK: i64 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// The flag `enable()`/`disable()` set (process-wide, as in CPython).
static ENABLED: AtomicBool = AtomicBool::new(true);
/// The flags of `set_debug()` (an i64 in the bits of the word).
static DEBUG: AtomicU64 = AtomicU64::new(0);
/// The three values of `set_threshold()` (i64 bits; CPython's defaults).
static THRESHOLDS: [AtomicU64; 3] = [AtomicU64::new(700), AtomicU64::new(10), AtomicU64::new(10)];

std::thread_local! {
    /// Set while this thread runs `collect()` (callbacks included): a
    /// `collect()` from a callback returns 0 without collecting, as CPython's
    /// does while a collection is in progress.
    static COLLECTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `collect(generation=2)`; bound to the module (`a[0]`), whose `callbacks`
/// list it calls.
fn collect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let module = a[0];
    let mut args = crate::args::Args::new(&a[1..], k);
    if args.pos.len() > 1 {
        return Err(vm.type_error(&format!(
            "collect() takes at most 1 argument ({} given)",
            args.pos.len() + args.kw.len()
        )));
    }
    let by_name = args.take("generation");
    if let Some((key, _)) = args.kw.first() {
        let name = str_of(*key);
        return Err(vm.type_error(&format!(
            "'{name}' is an invalid keyword argument for collect()"
        )));
    }
    let gen_arg = match (args.pos.first().copied(), by_name) {
        (Some(_), Some(_)) => {
            return Err(vm.type_error(
                "argument for collect() given by name ('generation') and position (1)",
            ))
        }
        (Some(v), None) | (None, Some(v)) => Some(v),
        (None, None) => None,
    };
    let generation = match gen_arg {
        Some(v) => crate::args::py_long_as_int(vm, v)?,
        None => 2,
    };
    if !(0..=2).contains(&generation) {
        return Err(vm.value_error("invalid generation"));
    }
    if COLLECTING.with(|c| c.get()) {
        return Ok(Value::int(0));
    }
    COLLECTING.with(|c| c.set(true));
    // What only a finished call or a popped operand left in a caller's
    // frame is garbage to this collection, as it is to CPython's.
    vm.clear_dead_frame_slots();
    let r = collect_with_callbacks(vm, module, generation);
    COLLECTING.with(|c| c.set(false));
    r
}

fn collect_with_callbacks(vm: &mut Vm, module: Value, generation: i64) -> PyResult<Value> {
    // The callbacks list: rooted for the whole call (a callback may rebind
    // `gc.callbacks`, which would leave the list reachable from nothing).
    let callbacks = Obj::from_value(module)
        .and_then(|m| vm.instance_dict(m))
        .and_then(|d| {
            let key = vm.intern("callbacks");
            vm.dict_get_str(d, key)
        })
        .filter(|l| Obj::from_value(*l).is_some_and(|o| o.kind() == Kind::LIST))
        .unwrap_or(Value::EMPTY);
    let mark = vm.push_root(callbacks);
    let r = (|| {
        run_callbacks(vm, callbacks, "start", generation, 0)?;
        // No heap value of this frame is held unrooted here: the module is
        // reachable from the builtin on the caller's stack, the list from
        // the root pushed above.
        let n = if generation == 0 {
            let n = vm.ctx.collect_local().freed_objects as i64;
            vm.run_deferred_now();
            n
        } else {
            collect_and_finalize(vm) as i64
        };
        // This collection had its callbacks here: the automatic report
        // starts after it.
        *proto_core::sync::lock(&REPORTED) = vm.ctx.space().gc_log().counts();
        run_callbacks(vm, callbacks, "stop", generation, n)?;
        Ok(vm.new_int(n))
    })();
    vm.pop_roots(mark);
    r
}

/// A global collection whose finalizers all run before it returns: while
/// the last one left instances for later (reached from others it
/// finalized, `finalize::held_back`), the finalizers found run and it
/// collects again. Returns the objects freed in all.
pub fn collect_and_finalize(vm: &mut Vm) -> usize {
    let mut freed = 0;
    loop {
        freed += vm.ctx.collect_global().freed_objects;
        vm.run_deferred_now();
        if engine::runtime::finalize::held_back() == 0 {
            return freed;
        }
    }
}

/// The collections already reported to `gc.callbacks`.
static REPORTED: proto_core::sync::Mutex<proto_core::gclog::Counts> =
    proto_core::sync::Mutex::new(proto_core::gclog::Counts {
        local: 0,
        global: 0,
        freed: 0,
    });

/// The work collections leave for a thread that can run Python code (the
/// interpreter's deferred runner): async generator finalizers, `__del__`
/// methods, weak reference callbacks, then
/// `gc.callbacks` for the automatic collections since the last report.
pub fn run_deferred_work(vm: &mut Vm) {
    // Finalizers before weak-reference callbacks: the order of CPython's
    // deallocation of an object its last reference dropped (the common
    // case there; its cycle collector calls the callbacks first). A WeakSet
    // being iterated keeps a dead entry's removal pending in a callback,
    // and asyncio's finalizer hook (WeakSet.discard) commits the pending
    // removals: with the callbacks first, a collection in the middle of
    // `list(loop._asyncgens)` changed the set under the iteration.
    crate::types::asyncgen::run_finalizers(vm);
    run_del(vm);
    crate::types::weakref::run_callbacks(vm);
    // The exit's collections are not reported (CPython's
    // `_PyGC_CollectNoFail` calls no callbacks): the program's globals may
    // already be None.
    if COLLECTING.with(|c| c.get()) || vm.g.finalizing.load(proto_core::sync::Ordering::Acquire) {
        return;
    }
    COLLECTING.with(|c| c.set(true));
    report_automatic(vm);
    COLLECTING.with(|c| c.set(false));
}

/// Calls `__del__` of the instances collections found unreachable; an
/// exception is reported as unraisable ("Exception ignored in" the method),
/// as CPython's `PyObject_CallFinalizerFromDealloc`, and the others still run.
fn run_del(vm: &mut Vm) {
    let pending = engine::runtime::finalize::take_pending();
    if pending.is_empty() {
        return;
    }
    let mark = vm.root_values(&pending);
    let name = vm.intern("__del__");
    for &obj in &pending {
        let t = vm.type_of(obj);
        let Some(del) = vm.lookup_type(t, name) else {
            continue;
        };
        if let Err(e) = vm.call_bound(del, obj, &[]) {
            vm.push_root(e.0);
            write_unraisable(vm, del, e);
        }
    }
    vm.pop_roots(mark);
}

/// Calls `gc.callbacks` once for the collections recorded since the last
/// report (module docs). A callback's error is reported as unraisable.
fn report_automatic(vm: &mut Vm) {
    let now = vm.ctx.space().gc_log().counts();
    let before = std::mem::replace(&mut *proto_core::sync::lock(&REPORTED), now);
    if now.local <= before.local && now.global <= before.global {
        return;
    }
    let key = vm.intern("gc");
    let Some(module) = vm.dict_get_str(vm.g.sys_modules, key) else {
        return;
    };
    let callbacks = Obj::from_value(module)
        .and_then(|m| vm.instance_dict(m))
        .and_then(|d| {
            let key = vm.intern("callbacks");
            vm.dict_get_str(d, key)
        })
        .filter(|l| {
            Obj::from_value(*l).is_some_and(|o| o.kind() == Kind::LIST && llist::len(o) > 0)
        });
    let Some(callbacks) = callbacks else {
        return;
    };
    let generation = if now.global > before.global { 2 } else { 0 };
    let freed = now.freed.saturating_sub(before.freed).min(i64::MAX as u64) as i64;
    let mark = vm.push_root(callbacks);
    // Errors were reported by run_callbacks; there is no caller to raise to.
    if run_callbacks(vm, callbacks, "start", generation, 0).is_ok() {
        let _ = run_callbacks(vm, callbacks, "stop", generation, freed);
    }
    vm.pop_roots(mark);
}

/// Calls every callback in `callbacks` with `(phase, info)`. A callback that
/// raises is reported on stderr as CPython's unraisable hook does, and the
/// others still run. The list is read by index at each step, so callbacks
/// that change it are seen as CPython sees them.
fn run_callbacks(
    vm: &mut Vm,
    callbacks: Value,
    phase: &str,
    generation: i64,
    collected: i64,
) -> PyResult<()> {
    let Some(lo) = Obj::from_value(callbacks) else {
        return Ok(());
    };
    if llist::len(lo) == 0 {
        return Ok(());
    }
    let mut i = 0;
    while let Some(cb) = vm.seq_get(callbacks, i) {
        i += 1;
        // The phase string and a fresh info dict, rooted (with the
        // callback) across the call.
        let mark = vm.push_root(cb);
        let p = vm.new_str(phase);
        vm.push_root(p);
        let info = vm.new_dict();
        vm.push_root(info);
        for (key, v) in [
            ("generation", generation),
            ("collected", collected),
            ("uncollectable", 0),
        ] {
            let kv = vm.intern(key);
            let iv = vm.new_int(v);
            vm.dict_set_str(info, kv, iv);
        }
        let r = vm.call(cb, &[p, info], Value::EMPTY);
        if let Err(e) = r {
            vm.push_root(e.0);
            write_unraisable(vm, cb, e);
        }
        vm.pop_roots(mark);
    }
    Ok(())
}

/// Reports `e`, raised by `obj` where nothing can catch it, through
/// `sys.unraisablehook` ("Exception ignored in: <repr of obj>" by default);
/// both rooted by the caller.
pub(crate) fn write_unraisable(vm: &mut Vm, obj: Value, e: PyException) {
    crate::modules::sys::write_unraisable(vm, None, obj, e.0);
}

fn enable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.enable", a, k, 0, 0)?;
    ENABLED.store(true, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn disable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.disable", a, k, 0, 0)?;
    ENABLED.store(false, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn isenabled(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.isenabled", a, k, 0, 0)?;
    Ok(Value::bool(ENABLED.load(Ordering::Relaxed)))
}

fn get_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.get_count", a, k, 0, 0)?;
    let cells = vm.ctx.allocated_since_collection() / proto_core::CELL;
    let s = vm.ctx.space().stats();
    let locals = s
        .local_collections
        .saturating_sub(s.local_collections_at_last_global);
    let c0 = vm.new_int(cells as i64);
    let c1 = vm.new_int(locals as i64);
    Ok(vm.new_tuple(&[c0, c1, Value::int(0)]))
}

/// CPython's default thresholds, which stand for ProtoPy's default trigger
/// minimums (see the module doc).
const DEFAULT_THRESHOLDS: [i64; 3] = [700, 10, 10];

fn get_threshold(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.get_threshold", a, k, 0, 0)?;
    let t: Vec<Value> = THRESHOLDS
        .iter()
        .map(|t| Value::int(t.load(Ordering::Relaxed) as i64))
        .collect();
    Ok(vm.new_tuple(&t))
}

fn set_threshold(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("set_threshold() takes no keyword arguments"));
    }
    if a.is_empty() || a.len() > 3 {
        let (what, lim) = if a.is_empty() {
            ("at least", 1)
        } else {
            ("at most", 3)
        };
        let s = if lim == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "set_threshold() takes {what} {lim} argument{s} ({} given)",
            a.len()
        )));
    }
    // Each value is stored as soon as it is converted, so an error in a
    // later argument leaves the earlier ones set (CPython parses straight
    // into its thresholds).
    let space = vm.ctx.space().clone();
    let defaults = proto_core::SpaceConfig::default();
    for (i, &v) in a.iter().enumerate() {
        let x = i64::from(crate::args::c_int(vm, v)?);
        THRESHOLDS[i].store(x as u64, Ordering::Relaxed);
        // The trigger minimum scaled as the threshold is against CPython's
        // default; 0 or less (CPython: collection off) keeps the default,
        // since automatic collections cannot be turned off here.
        let base = [
            proto_core::heap::MIN_LOCAL_TRIGGER,
            defaults.min_pressure_trigger,
            defaults.min_global_trigger_blocks * proto_core::heap::BLOCK_BYTES,
        ][i];
        let bytes = if x > 0 {
            ((base as u128 * x as u128) / DEFAULT_THRESHOLDS[i] as u128).min(usize::MAX as u128)
                as usize
        } else {
            base
        };
        let mut t = space.thresholds();
        match i {
            0 => t.local_bytes = bytes,
            1 => t.pressure_bytes = bytes,
            _ => t.heap_bytes = bytes,
        }
        space.set_thresholds(t);
    }
    Ok(Value::NONE)
}

fn get_stats(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.get_stats", a, k, 0, 0)?;
    let s = vm.ctx.space().stats();
    let gens = [
        (s.local_collections, s.local_freed),
        (0, 0),
        (s.global_collections, s.global_freed),
    ];
    // Deferred mode: nothing allocated here is collected before it is
    // returned (no safepoint in this function).
    let mut dicts = Vec::with_capacity(3);
    for (n, freed) in gens {
        let d = vm.new_dict();
        for (key, v) in [
            ("collections", n as i64),
            ("collected", freed as i64),
            ("uncollectable", 0),
        ] {
            let kv = vm.intern(key);
            let iv = vm.new_int(v);
            vm.dict_set_str(d, kv, iv);
        }
        dicts.push(d);
    }
    Ok(vm.new_list(&dicts))
}

/// CPython's tracking rule for `v` in the steady state. `depth` bounds the
/// walk through nested tuples and dicts; a container met again while it is
/// being examined counts as untracked (CPython's incremental untracking
/// never sees a dict as tracked through itself).
fn tracked(vm: &Vm, v: Value, path: &mut Vec<Value>) -> bool {
    let Some(o) = Obj::from_value(v) else {
        // Immediate ints, floats, None, booleans, Ellipsis, NotImplemented.
        return false;
    };
    let t = vm.type_of(v);
    if is_heap_type(t) {
        // Instances of classes defined in Python carry a GC header.
        return true;
    }
    let types = &vm.g.types;
    match o.kind() {
        Kind::FLOAT | Kind::BIG_INT | Kind::STR | Kind::BYTES => false,
        K_COMPLEX | K_BYTEARRAY | K_RANGE | K_CODE => false,
        K_TYPE => is_heap_type(v),
        Kind::TUPLE | Kind::DICT => {
            if path.contains(&v) || path.len() > 64 {
                return path.len() > 64;
            }
            path.push(v);
            let r = if o.kind() == Kind::TUPLE {
                vm.seq_items(v).into_iter().any(|x| tracked(vm, x, path))
            } else {
                vm.dict_items(v)
                    .into_iter()
                    .any(|(key, x)| tracked(vm, key, path) || tracked(vm, x, path))
            };
            path.pop();
            r
        }
        _ => {
            !(t == types.object
                || t == types.frame
                || t == types.range_iter
                || t == types.longrange_iter)
        }
    }
}

fn is_tracked(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.is_tracked", a, k, 1, 1)?;
    Ok(Value::bool(tracked(vm, a[0], &mut Vec::new())))
}

fn is_finalized(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.is_finalized", a, k, 1, 1)?;
    Ok(Value::FALSE)
}

/// Appends the Python-visible referents of `v` to `out`, in CPython's
/// traversal order for the builtin containers.
fn referents(vm: &Vm, v: Value, out: &mut Vec<Value>) {
    let Some(o) = Obj::from_value(v) else {
        return;
    };
    let t = vm.type_of(v);
    let types = &vm.g.types;
    let heap_type = is_heap_type(t);
    match o.kind() {
        Kind::FLOAT | Kind::BIG_INT | Kind::STR | Kind::BYTES if !heap_type => return,
        K_COMPLEX | K_BYTEARRAY | K_RANGE if !heap_type => return,
        _ => {}
    }
    if heap_type {
        // subtype_traverse: slot values, the instance dict, the class, then
        // what the builtin base holds.
        if o.kind() == K_INSTANCE {
            let nslots = Obj::from_value(t).map_or(0, type_nslots);
            for i in 1..o.n_values().min(nslots + 1) {
                let x = o.get(i);
                if !x.is_empty() {
                    out.push(x);
                }
            }
        }
        match vm.instance_dict_unshaped(o) {
            Some(d) => out.push(d),
            // A shaped instance's attribute values are its own.
            None if shape::shape_of(o).is_some() => {
                out.extend(
                    (1..o.n_values())
                        .map(|i| o.get(i))
                        .filter(|x| !x.is_empty()),
                );
            }
            None => {}
        }
        out.push(t);
    }
    match o.kind() {
        Kind::LIST | Kind::TUPLE => out.extend(vm.seq_items(v).into_iter().rev()),
        Kind::DICT => {
            let items = vm.dict_items(v);
            // CPython does not visit the keys of a table of str keys.
            let str_keys = items.iter().all(|(key, _)| vm.type_of(*key) == types.str_);
            for (key, x) in items {
                out.push(x);
                if !str_keys {
                    out.push(key);
                }
            }
        }
        Kind::SET => out.extend(vm.set_items(v)),
        K_MODULE => {
            if let Some(d) = vm.instance_dict_unshaped(o) {
                out.push(d);
            }
        }
        K_CELL => {
            let x = o.get(0);
            if !x.is_empty() {
                out.push(x);
            }
        }
        K_METHOD => {
            out.extend([o.get(0), o.get(1)].into_iter().filter(|x| !x.is_empty()));
        }
        K_TYPE if is_heap_type(v) => {
            // type_traverse: dict, mro, bases, base (the values of a
            // class object, see `engine::runtime::object`).
            for i in [0, 1, 2, 5] {
                let x = o.get(i);
                if x.is_heap() {
                    out.push(x);
                }
            }
        }
        K_SLICE => out.extend([o.get(0), o.get(1), o.get(2)]),
        K_INSTANCE | K_TYPE => {}
        _ if heap_type => {}
        _ => {
            // Other builtin objects: the Python objects their trace visits,
            // looking through the collector's internal storage objects (whose
            // words are container items: immediate ints count there, while
            // an immediate in the object's own words may be internal state).
            // Only objects whose class is a type object are Python-visible.
            let mut stack = vec![(o, false)];
            let mut seen = 0usize;
            while let Some((s, items)) = stack.pop() {
                for i in 0..s.n_values() {
                    let x = s.get(i);
                    let Some(xo) = Obj::from_value(x) else {
                        if items && !x.is_empty() {
                            out.push(x);
                        }
                        continue;
                    };
                    if xo.kind() == Kind::STORAGE {
                        seen += 1;
                        if seen < 1024 {
                            stack.push((xo, true));
                        }
                    } else if Obj::from_value(xo.class()).is_some_and(|c| c.kind() == K_TYPE) {
                        out.push(x);
                    }
                }
            }
        }
    }
}

/// The audit event of `get_referrers`/`get_referents`: the tuple of the
/// objects asked about.
fn audit_objs(vm: &mut Vm, event: &str, a: &[Value]) -> PyResult<()> {
    if !vm.auditing() {
        return Ok(());
    }
    let t = vm.new_tuple(a);
    vm.audit(event, &[t])
}

fn get_referents(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("get_referents() takes no keyword arguments"));
    }
    audit_objs(vm, "gc.get_referents", a)?;
    let mut out = Vec::new();
    for &v in a {
        referents(vm, v, &mut out);
    }
    Ok(vm.new_list(&out))
}

/// Walks the object graph from the program's roots (`sys.modules`, the
/// builtins, `sys`, and the calling thread's frames) and calls `visit(obj,
/// its referents)` once for each object reached. A frame's referents are
/// its caller, code, globals and the values of its locals (CPython's frame
/// holds its locals itself: the frame, not a snapshot dict, is their
/// referrer).
///
/// The frames' locals are read first (reading them allocates); the walk
/// itself allocates no Python object, so nothing it holds can be freed
/// under it: every object it meets is reachable from the rooted start. The
/// objects other threads reach only from their own frames are not met
/// (their unshared objects are theirs to collect while this runs).
fn walk_reachable(vm: &mut Vm, mut visit: impl FnMut(&Vm, Value, &[Value])) -> PyResult<()> {
    let mark = vm.ctx.stack().top();
    let frames = match frame_referents(vm) {
        Ok(f) => f,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    let sys = *proto_core::sync::lock(&vm.g.sys);
    let mut stack: Vec<Value> = vec![vm.g.sys_modules, vm.g.builtins, sys];
    let mut seen: std::collections::HashSet<Value> = stack.iter().copied().collect();
    for (f, kids) in &frames {
        if seen.insert(*f) {
            visit(vm, *f, kids);
            for &x in kids {
                if x.is_heap() && seen.insert(x) {
                    stack.push(x);
                }
            }
        }
    }
    let mut kids = Vec::new();
    while let Some(v) = stack.pop() {
        kids.clear();
        referents(vm, v, &mut kids);
        visit(vm, v, &kids);
        for &x in &kids {
            if x.is_heap() && seen.insert(x) {
                stack.push(x);
            }
        }
    }
    vm.pop_roots(mark);
    Ok(())
}

/// The calling thread's frames, each with its referents (see
/// [`walk_reachable`]); all of them are left rooted on the value stack.
fn frame_referents(vm: &mut Vm) -> PyResult<Vec<(Value, Vec<Value>)>> {
    let mut frames = Vec::new();
    let mut depth = 0;
    while let Some(f) = vm.live_frame_object(depth) {
        vm.push_root(f);
        let mut kids = Vec::new();
        for name in ["f_back", "f_code", "f_globals"] {
            let n = vm.intern(name);
            let x = vm.getattr(f, n)?;
            vm.push_root(x);
            kids.push(x);
        }
        let n = vm.intern("f_locals");
        let locals = vm.getattr(f, n)?;
        vm.push_root(locals);
        let is_dict = Obj::from_value(locals).is_some_and(|o| o.kind() == Kind::DICT);
        if Some(&locals) == kids.last() || !is_dict {
            kids.push(locals);
        } else {
            kids.extend(vm.dict_items(locals).into_iter().map(|(_, x)| x));
        }
        frames.push((f, kids));
        depth += 1;
    }
    Ok(frames)
}

/// `get_referrers(*objs)`: the objects reached from the program's roots
/// (see [`walk_reachable`]) that refer to any of `objs`. CPython also
/// finds the objects its collector tracks that nothing reaches any more
/// (cycles not yet collected); ProtoPy's unreachable objects are never
/// seen.
fn get_referrers(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("get_referrers() takes no keyword arguments"));
    }
    audit_objs(vm, "gc.get_referrers", a)?;
    let targets: std::collections::HashSet<Value> = a.iter().copied().collect();
    let mut out = Vec::new();
    walk_reachable(vm, |vm, v, kids| {
        // The call's own argument tuple is not a referrer (CPython's is not
        // tracked while the call runs).
        if kids.iter().any(|x| targets.contains(x)) && tracked(vm, v, &mut Vec::new()) {
            out.push(v);
        }
    })?;
    Ok(vm.new_list(&out))
}

/// `get_objects(generation=None)`: the objects the collector tracks (CPython's
/// rule, see [`tracked`]) among those reached from the program's roots.
/// ProtoPy has no generations: every object is in the oldest (2), and
/// generations 0 and 1 are empty; -1, as None, means all.
fn get_objects(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [generation] =
        crate::types::clinic::unpack(vm, "get_objects", a, k, ["generation"], 0, 0, 1)?;
    let mut which = -1;
    if let Some(g) = generation.filter(|g| !g.is_none()) {
        // `_Py_convert_optional_to_ssize_t`: an index, else its TypeError.
        let g = match crate::args::py_long_as_int(vm, g) {
            Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
                let tn = vm.type_name_of(g);
                return Err(
                    vm.type_error(&format!("argument should be integer or None, not '{tn}'"))
                );
            }
            r => r?,
        };
        if g >= 3 {
            return Err(vm.value_error(
                "generation parameter must be less than the number of available generations (3)",
            ));
        }
        if g < -1 {
            return Err(vm.value_error("generation parameter cannot be negative"));
        }
        which = g;
    }
    vm.audit("gc.get_objects", &[Value::int(which)])?;
    if which == 0 || which == 1 {
        return Ok(vm.new_list(&[]));
    }
    let mut out = Vec::new();
    walk_reachable(vm, |vm, v, _| {
        if tracked(vm, v, &mut Vec::new()) {
            out.push(v);
        }
    })?;
    Ok(vm.new_list(&out))
}

/// `freeze()`: a collection (at a builtin call, where one is safe: see the
/// module doc) after which every object alive is permanent.
fn freeze(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.freeze", a, k, 0, 0)?;
    vm.ctx.collect_global_and_freeze();
    Ok(Value::NONE)
}

fn unfreeze(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.unfreeze", a, k, 0, 0)?;
    vm.ctx.space().unfreeze();
    Ok(Value::NONE)
}

fn get_freeze_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.get_freeze_count", a, k, 0, 0)?;
    Ok(Value::int(vm.ctx.space().frozen_count() as i64))
}

fn set_debug(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.set_debug", a, k, 1, 1)?;
    let f = crate::args::py_long_as_int(vm, a[0])?;
    DEBUG.store(f as u64, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn get_debug(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gc.get_debug", a, k, 0, 0)?;
    Ok(Value::int(DEBUG.load(Ordering::Relaxed) as i64))
}

/// CPython's module docstring.
const DOC: &str = "This module provides access to the garbage collector for reference cycles.

enable() -- Enable automatic garbage collection.
disable() -- Disable automatic garbage collection.
isenabled() -- Returns true if automatic collection is enabled.
collect() -- Do a full collection right now.
get_count() -- Return the current collection counts.
get_stats() -- Return list of dictionaries containing per-generation stats.
set_debug() -- Set debugging flags.
get_debug() -- Get debugging flags.
set_threshold() -- Set the collection thresholds.
get_threshold() -- Return the current the collection thresholds.
is_tracked() -- Returns true if a given object is tracked.
is_finalized() -- Returns true if a given object has been already finalized.
get_objects() -- Return a list of all objects tracked by the collector.
get_referrers() -- Return the list of objects that refer to an object.
get_referents() -- Return the list of objects that an object refers to.
freeze() -- Freeze all tracked objects and ignore them for future collections.
unfreeze() -- Unfreeze all objects in the permanent generation.
get_freeze_count() -- Return the number of objects in the permanent generation.
";

/// Creates the gc module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("gc");
    let doc = vm.new_str(DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("get_count", get_count),
        ("get_threshold", get_threshold),
        ("set_threshold", set_threshold),
        ("get_stats", get_stats),
        ("is_tracked", is_tracked),
        ("is_finalized", is_finalized),
        ("get_referents", get_referents),
        ("get_referrers", get_referrers),
        ("get_objects", get_objects),
        ("freeze", freeze),
        ("unfreeze", unfreeze),
        ("get_freeze_count", get_freeze_count),
        ("set_debug", set_debug),
        ("get_debug", get_debug),
    ];
    vm.add_module_functions(m, fns);
    let c = vm.new_builtin_bound("collect", collect, m);
    vm.set_module_attr(m, "collect", c);
    for (name, v) in [
        ("DEBUG_STATS", DEBUG_STATS),
        ("DEBUG_COLLECTABLE", DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", DEBUG_SAVEALL),
        ("DEBUG_LEAK", DEBUG_LEAK),
    ] {
        vm.set_module_attr(m, name, Value::int(v));
    }
    let garbage = vm.new_list(&[]);
    vm.set_module_attr(m, "garbage", garbage);
    let callbacks = vm.new_list(&[]);
    vm.set_module_attr(m, "callbacks", callbacks);
    *proto_core::sync::lock(&REPORTED) = vm.ctx.space().gc_log().counts();
    proto_core::gclog::set_after_collection(engine::runtime::signals::request_deferred);
    Ok(m)
}
