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

use crate::object::{Obj, MARK, SHARED};
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

/// Sets the MARK bit; true if this call marked it (parallel-safe).
#[inline(always)]
fn try_mark_shared(o: Obj) -> bool {
    let meta = &o.header().meta;
    if meta.load(Ordering::Relaxed) & MARK != 0 {
        return false;
    }
    meta.fetch_or(MARK, Ordering::Relaxed) & MARK == 0
}

/// Marks everything reachable from `roots`, sequentially.
pub(crate) fn mark_sequential(roots: &[Value]) -> usize {
    let mut stack: Vec<Obj> = Vec::with_capacity(1024);
    let mut count = 0;
    for &r in roots {
        if let Some(o) = Obj::from_value(r) {
            if try_mark_shared(o) {
                count += 1;
                stack.push(o);
            }
        }
        while let Some(o) = stack.pop() {
            o.for_each_ref(|v| {
                if let Some(c) = Obj::from_value(v) {
                    if try_mark_shared(c) {
                        count += 1;
                        stack.push(c);
                    }
                }
            });
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
                        if try_mark_shared(o) {
                            count += 1;
                            stack.push(o);
                        }
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
        o.for_each_ref(|v| {
            if let Some(c) = Obj::from_value(v) {
                if try_mark_shared(c) {
                    count += 1;
                    stack.push(c);
                }
            }
        });
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
    #[inline(always)]
    fn try_mark_local(o: Obj) -> bool {
        let meta = &o.header().meta;
        let m = meta.load(Ordering::Relaxed);
        if m & (MARK | SHARED) != 0 {
            return false;
        }
        // Local object: only this thread can reach it.
        meta.store(m | MARK, Ordering::Relaxed);
        true
    }
    let mut stack: Vec<Obj> = Vec::with_capacity(256);
    let mut count = 0;
    for r in roots {
        if let Some(o) = Obj::from_value(r) {
            if try_mark_local(o) {
                count += 1;
                stack.push(o);
            }
        }
        while let Some(o) = stack.pop() {
            o.for_each_ref(|v| {
                if let Some(c) = Obj::from_value(v) {
                    if try_mark_local(c) {
                        count += 1;
                        stack.push(c);
                    }
                }
            });
        }
    }
    count
}

/// Clears the MARK bit of `o` (for objects no sweep visits: immortals).
pub(crate) fn clear_mark(o: Obj) {
    o.header().meta.fetch_and(!MARK, Ordering::Relaxed);
}
