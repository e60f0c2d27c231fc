//! The per-object lock of shared mutable objects.
//!
//! A word-sized lock (0 = free, 1 = held) in each object header. Writers of a
//! shared list/dict/set/instance hold it for one operation; readers never take
//! it. Waiting spins with exponential backoff, then yields, and calls the caller's `on_wait`
//! hook between attempts: the interpreter passes its safepoint poll there, so
//! a thread waiting for a lock never holds up a collection. Critical sections
//! must be short and must not block.
//!
//! The algorithm is generic over [`LockWord`] so the loom models run it on
//! loom atomics while the heap runs it on header words.

use crate::sync::{spin_hint, Ordering};

/// An atomic 32-bit word usable as a lock.
pub trait LockWord {
    /// Compare-and-swap with acquire ordering on success.
    fn try_cas(&self, old: u32, new: u32) -> bool;
    /// Release store.
    fn release_store(&self, v: u32);
    /// Relaxed load.
    fn relaxed_load(&self) -> u32;
}

impl LockWord for crate::sync::AtomicU32 {
    #[inline(always)]
    fn try_cas(&self, old: u32, new: u32) -> bool {
        self.compare_exchange_weak(old, new, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }
    #[inline(always)]
    fn release_store(&self, v: u32) {
        self.store(v, Ordering::Release)
    }
    #[inline(always)]
    fn relaxed_load(&self) -> u32 {
        self.load(Ordering::Relaxed)
    }
}

#[cfg(loom)]
impl LockWord for crate::sync::heap_atomic::AtomicU32 {
    fn try_cas(&self, old: u32, new: u32) -> bool {
        use crate::sync::heap_atomic::Ordering as O;
        self.compare_exchange_weak(old, new, O::Acquire, O::Relaxed)
            .is_ok()
    }
    fn release_store(&self, v: u32) {
        self.store(v, crate::sync::heap_atomic::Ordering::Release)
    }
    fn relaxed_load(&self) -> u32 {
        self.load(crate::sync::heap_atomic::Ordering::Relaxed)
    }
}

const FREE: u32 = 0;
const HELD: u32 = 1;

/// Tries to take the lock once.
#[inline(always)]
pub fn try_lock<W: LockWord + ?Sized>(w: &W) -> bool {
    w.try_cas(FREE, HELD)
}

/// Pause rounds a waiter doubles its spin up to before it starts yielding.
#[cfg(not(loom))]
const MAX_SPIN: u32 = 64;
/// Under loom a pause is a scheduling point: keep the models' state space small.
#[cfg(loom)]
const MAX_SPIN: u32 = 2;

/// Takes the lock, calling `on_wait` between attempts while it is held elsewhere.
///
/// Waiters back off exponentially (1, 2, 4, ... pause rounds between looks,
/// and again after losing the acquiring CAS to another waiter), so waiters
/// released together do not all hit the lock's cache line at once; past
/// [`MAX_SPIN`] they yield the CPU between looks.
#[inline]
pub fn lock_with<W: LockWord + ?Sized>(w: &W, mut on_wait: impl FnMut()) {
    if try_lock(w) {
        return;
    }
    let mut delay = 1u32;
    loop {
        while w.relaxed_load() != FREE {
            if delay <= MAX_SPIN {
                for _ in 0..delay {
                    spin_hint();
                }
                delay <<= 1;
            } else {
                on_wait();
                crate::sync::thread::yield_now();
            }
        }
        if try_lock(w) {
            return;
        }
        for _ in 0..delay.min(MAX_SPIN) {
            spin_hint();
        }
        delay = delay.saturating_mul(2);
    }
}

/// Releases the lock. The caller must hold it.
#[inline(always)]
pub fn unlock<W: LockWord + ?Sized>(w: &W) {
    debug_assert_eq!(w.relaxed_load(), HELD, "unlock of a lock not held");
    w.release_store(FREE);
}

/// Is the lock held (by anyone)?
pub fn is_locked<W: LockWord + ?Sized>(w: &W) -> bool {
    w.relaxed_load() != FREE
}
