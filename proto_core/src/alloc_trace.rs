//! Allocation tracing: the hook `tracemalloc` installs to see every heap
//! object allocated and freed.
//!
//! While no tracer is active, [`ProtoContext::try_alloc`] pays one relaxed
//! load of [`ACTIVE`] and a branch that is never taken (and the sweeper one
//! load per block swept). While one is, every object the contexts allocate
//! is reported with its allocation size (its cells, as `sys.getsizeof`
//! reports it) and every object the sweeper frees with its address. The
//! tracer runs on the allocating (or sweeping) thread, possibly on several
//! at once; it must not allocate in the heap nor reach a safepoint, since it
//! runs inside an allocation or a collection.
//!
//! The tracer is process-wide, as CPython's tracemalloc hooks are. Under
//! loom nothing is traced (the statics need const constructors).
//!
//! [`ProtoContext::try_alloc`]: crate::ProtoContext::try_alloc

#[cfg(not(loom))]
use crate::sync::{self, AtomicBool, Mutex, Ordering};
// The tracer handle is std's `Arc` under loom too: callers make an
// `Arc<dyn AllocTracer>`, which loom's `Arc` cannot coerce to, and its
// count is no part of a modelled protocol (nothing is traced under loom).
use std::sync::Arc;

/// Receives the allocation events while tracing is on.
pub trait AllocTracer: Send + Sync {
    /// A new object of `bytes` bytes at `addr`, on the calling thread.
    fn allocated(&self, addr: usize, bytes: usize);
    /// The object at `addr` was freed by the collector.
    fn freed(&self, addr: usize);
}

#[cfg(not(loom))]
static ACTIVE: AtomicBool = AtomicBool::new(false);
#[cfg(not(loom))]
#[allow(clippy::type_complexity)]
static TRACER: Mutex<Option<Arc<dyn AllocTracer>>> = Mutex::new(None);

/// Is a tracer installed and on?
#[inline(always)]
pub fn active() -> bool {
    #[cfg(not(loom))]
    {
        ACTIVE.load(Ordering::Relaxed)
    }
    #[cfg(loom)]
    {
        false
    }
}

/// Installs `tracer` and turns tracing on, or (None) turns it off. Events
/// already under way on other threads may still reach the previous tracer.
pub fn set_tracer(tracer: Option<Arc<dyn AllocTracer>>) {
    #[cfg(not(loom))]
    {
        let on = tracer.is_some();
        *sync::lock(&TRACER) = tracer;
        ACTIVE.store(on, Ordering::Release);
    }
    #[cfg(loom)]
    let _ = tracer;
}

#[cfg(not(loom))]
fn tracer() -> Option<Arc<dyn AllocTracer>> {
    sync::lock(&TRACER).clone()
}

/// Reports an allocation (called only when [`active`]).
#[cold]
#[inline(never)]
pub(crate) fn allocated(addr: usize, bytes: usize) {
    #[cfg(not(loom))]
    if let Some(t) = tracer() {
        t.allocated(addr, bytes);
    }
    #[cfg(loom)]
    let _ = (addr, bytes);
}

/// Reports a freed object (called only when [`active`]).
#[cold]
#[inline(never)]
pub(crate) fn freed(addr: usize) {
    #[cfg(not(loom))]
    if let Some(t) = tracer() {
        t.freed(addr);
    }
    #[cfg(loom)]
    let _ = addr;
}
