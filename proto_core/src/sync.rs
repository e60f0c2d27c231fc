//! The one place every atomic, lock and thread primitive of the workspace comes from.
//!
//! Under `cfg(loom)` the same names resolve to loom's model-checked versions, so
//! that the concurrent algorithms of proto_core (safepoint handshake, object
//! locks, block handoff, promotion/publication) run unchanged inside loom models.
//! Code elsewhere in the workspace must import atomics and locks from here, never
//! from `std::sync` directly.

#[cfg(not(loom))]
pub use std::sync::atomic::{
    fence, AtomicBool, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering,
};
#[cfg(not(loom))]
pub use std::sync::{Arc, Condvar, Mutex, MutexGuard};

#[cfg(loom)]
pub use loom::sync::atomic::{
    fence, AtomicBool, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering,
};
#[cfg(loom)]
pub use loom::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Thread spawning and yielding, loom-aware.
pub mod thread {
    #[cfg(loom)]
    pub use loom::thread::{spawn, yield_now, JoinHandle};
    #[cfg(not(loom))]
    pub use std::thread::{spawn, yield_now, JoinHandle};

    /// The operating system's id of the calling thread (Linux: `gettid`),
    /// as `threading.get_native_id()` reports it.
    #[cfg(not(loom))]
    pub fn native_id() -> u64 {
        // SAFETY: gettid has no preconditions and cannot fail.
        let t = unsafe { libc::gettid() };
        t as u64
    }
}

/// One iteration of a busy-wait loop. Under loom this yields so the model can
/// schedule the thread we wait for; natively it is a CPU pause hint.
#[inline]
pub fn spin_hint() {
    #[cfg(loom)]
    loom::thread::yield_now();
    #[cfg(not(loom))]
    std::hint::spin_loop();
}

/// A value alone on its cache line(s): for a word one thread writes often
/// beside one every thread reads (128 bytes: adjacent-line prefetch pairs
/// lines on x86).
#[repr(align(128))]
#[derive(Debug, Default)]
pub struct CacheAligned<T>(pub T);

impl<T> core::ops::Deref for CacheAligned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Locks a mutex, treating poisoning as recoverable: proto_core's critical
/// sections leave their data consistent at every panic point, so a panic in
/// another thread is no reason to cascade.
#[inline]
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

/// Takes a mutex if it is free at once (poisoning as in [`lock`]); `None`
/// when another thread holds it.
#[inline]
pub fn try_lock<T>(m: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    match m.try_lock() {
        Ok(g) => Some(g),
        Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
        Err(std::sync::TryLockError::WouldBlock) => None,
    }
}

/// Waits on a condition variable, with the same poisoning policy as [`lock`].
#[inline]
pub fn wait<'a, T>(cv: &Condvar, g: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
    match cv.wait(g) {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

/// Atomics that live inside raw heap cells (object headers and value slots).
///
/// loom can only model atomics it constructed itself, not words placed in
/// memory blocks that proto_core carves up, so these remain the native types
/// even under `cfg(loom)`. The protocols that use them (promotion and
/// publication, the object lock, lock-free reads) are written generically and
/// modelled in `loom_tests` over loom atomics; see `promote::PromoteGraph` and
/// `lock::LockWord`.
pub mod heap_atomic {
    pub use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};
}
