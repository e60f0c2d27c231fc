//! Tracing, non-moving mark-sweep: global (stop-the-world, parallel mark) and
//! local (one context's local objects, while other threads keep running).
//!
//! Global: the initiator stops the world with the handshake, marks from every
//! context's roots, the global roots and the immortal objects (in parallel on
//! the collector's own rayon pool, splitting mark stacks as they grow), sweeps
//! every block in parallel, returns empty blocks and restarts the world.
//!
//! Local: valid because no shared object points to a local one. The owner
//! marks from its own roots, never entering shared objects, and sweeps its own
//! blocks freeing only unmarked *local* objects. Other threads may read shared
//! objects that live in the same blocks meanwhile: the local sweep neither
//! writes nor frees them.

use crate::object::{Obj, MARK, NATIVE, NVALUES_SHIFT, SHARED};
use crate::sync::heap_atomic::Ordering;
use crate::value::Value;
use std::time::Duration;

/// A marking stack longer than this gives its bottom half to another worker.
/// The bottom holds the oldest entries, the roots of the largest unexplored
/// subgraphs, so even a balanced tree (whose depth-first stack stays near its
/// depth) spreads across workers.
const SPLIT_AT: usize = 24;

/// What a collection did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcStats {
    /// Objects marked live (local objects for a local collection).
    pub marked: usize,
    /// Objects that survived the sweep in the swept blocks.
    pub live_objects: usize,
    /// Blocks returned to the space's pool.
    pub freed_blocks: usize,
    /// Objects the sweep freed (every heap object counts: internal storage
    /// objects of lists and dicts as well as Python-visible ones).
    pub freed_objects: usize,
    /// Wall time of the whole collection.
    pub duration: Duration,
    /// Time spent marking.
    pub mark_time: Duration,
}

/// How a marking sets MARK bits.
trait Marking {
    /// Sets the MARK bit of `o` if this marking covers it and nothing has
    /// marked it yet; the meta word it had then.
    fn mark(o: Obj) -> Option<u64>;
}

/// A global collection's marking: every object, by any of the collector's
/// workers (an atomic OR decides which one marks it).
struct Global;

impl Marking for Global {
    #[inline(always)]
    fn mark(o: Obj) -> Option<u64> {
        let meta = &o.header().meta;
        if meta.load(Ordering::Relaxed) & MARK != 0 {
            return None;
        }
        let m = meta.fetch_or(MARK, Ordering::Relaxed);
        (m & MARK == 0).then_some(m)
    }
}

/// A local collection's marking: the owner's local objects only, never
/// entering shared ones.
struct Local;

impl Marking for Local {
    #[inline(always)]
    fn mark(o: Obj) -> Option<u64> {
        let meta = &o.header().meta;
        let m = meta.load(Ordering::Relaxed);
        if m & (MARK | SHARED) != 0 {
            return None;
        }
        // Local object: only this thread can reach it, so a plain store.
        meta.store(m | MARK, Ordering::Relaxed);
        Some(m)
    }
}

/// How many value words ahead the marker prefetches headers.
const PREFETCH_AHEAD: usize = 8;

/// Marks `o` unless it is marked (or, for a local marking, shared). An
/// object with no value words and no native payload (a str, a bytes, a boxed
/// float) refers to nothing but its class: it is marked where it is found and
/// only its class, if newly marked, goes to the stack (a list of strs is
/// mostly such leaves, and a stack round trip read each leaf's header a
/// second time). Anything else is pushed to be traced.
#[inline(always)]
fn visit<M: Marking>(o: Obj, stack: &mut Vec<Obj>, count: &mut usize) {
    let Some(m) = M::mark(o) else {
        return;
    };
    *count += 1;
    if m >> NVALUES_SHIFT == 0 && m & NATIVE == 0 {
        if let Some(k) = Obj::from_value(o.class()) {
            if M::mark(k).is_some() {
                *count += 1;
                stack.push(k);
            }
        }
        return;
    }
    stack.push(o);
}

/// Visits everything the marked object `o` refers to. The header of the
/// object [`PREFETCH_AHEAD`] value words further along is requested ahead of
/// time, so that a long list's items, spread over the heap, are not fetched
/// one cache miss after the other.
#[inline(always)]
fn trace<M: Marking>(o: Obj, stack: &mut Vec<Obj>, count: &mut usize) {
    let meta = o.meta();
    if let Some(k) = Obj::from_value(o.class()) {
        visit::<M>(k, stack, count);
    }
    let n = (meta >> NVALUES_SHIFT) as usize;
    if n > 0 {
        let words = o.value_words(n);
        for (i, w) in words.iter().enumerate() {
            if let Some(ahead) = words.get(i + PREFETCH_AHEAD) {
                prefetch_header(Value::from_bits(ahead.load(Ordering::Relaxed)));
            }
            if let Some(c) = Obj::from_value(Value::from_bits(w.load(Ordering::Acquire))) {
                visit::<M>(c, stack, count);
            }
        }
    }
    if meta & NATIVE != 0 {
        crate::native::trace_native(o, &mut |v| {
            if let Some(c) = Obj::from_value(v) {
                visit::<M>(c, stack, count);
            }
        });
    }
}

/// Marks everything reachable from `roots`, sequentially.
pub(crate) fn mark_sequential(roots: &[Value]) -> usize {
    let mut stack: Vec<Obj> = Vec::with_capacity(1024);
    let mut count = 0;
    for &r in roots {
        if let Some(o) = Obj::from_value(r) {
            visit::<Global>(o, &mut stack, &mut count);
        }
        while let Some(o) = stack.pop() {
            trace::<Global>(o, &mut stack, &mut count);
        }
    }
    count
}

/// Marks everything reachable from `roots` on `pool`, splitting work.
pub(crate) fn mark_parallel(pool: &rayon::ThreadPool, roots: &[Value]) -> usize {
    use crate::sync::{AtomicUsize, Ordering as O};
    let total = AtomicUsize::new(0);
    pool.scope(|s| {
        let chunk = roots
            .len()
            .div_ceil(pool.current_num_threads() * 4)
            .max(256);
        for part in roots.chunks(chunk) {
            let total = &total;
            s.spawn(move |s| {
                let mut stack = Vec::with_capacity(1024);
                let mut count = 0;
                for &r in part {
                    if let Some(o) = Obj::from_value(r) {
                        visit::<Global>(o, &mut stack, &mut count);
                    }
                    count += drain(s, &mut stack, total);
                }
                total.fetch_add(count, O::Relaxed);
            });
        }
    });
    total.load(O::Relaxed)
}

fn drain<'s>(
    s: &rayon::Scope<'s>,
    stack: &mut Vec<Obj>,
    total: &'s crate::sync::AtomicUsize,
) -> usize {
    let mut count = 0;
    while let Some(o) = stack.pop() {
        trace::<Global>(o, stack, &mut count);
        if stack.len() > SPLIT_AT {
            let top = stack.split_off(stack.len() / 2);
            let mut half = core::mem::replace(stack, top);
            s.spawn(move |s| {
                let n = drain(s, &mut half, total);
                total.fetch_add(n, crate::sync::Ordering::Relaxed);
            });
        }
    }
    count
}

/// Marks the local objects reachable from `roots`, never entering shared ones.
pub(crate) fn mark_local(roots: impl Iterator<Item = Value>) -> usize {
    let mut stack: Vec<Obj> = Vec::with_capacity(256);
    let mut count = 0;
    for r in roots {
        if let Some(o) = Obj::from_value(r) {
            visit::<Local>(o, &mut stack, &mut count);
        }
        while let Some(o) = stack.pop() {
            trace::<Local>(o, &mut stack, &mut count);
        }
    }
    count
}

/// Asks the cache for the header of the object `v` points to, if any.
#[inline(always)]
fn prefetch_header(v: Value) {
    #[cfg(target_arch = "x86_64")]
    if v.is_heap() {
        // SAFETY: a prefetch is only a hint; it never faults.
        unsafe {
            core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(
                v.addr() as *const i8
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = v;
}

/// Clears the MARK bit of `o` (for objects no sweep visits: immortals).
pub(crate) fn clear_mark(o: Obj) {
    o.header().meta.fetch_and(!MARK, Ordering::Relaxed);
}
