//! Owner writes: in-place writes to a shared object's bytes by the thread that made it, until another thread uses it.
//!
//! A shared mutable object whose readers take no lock is normally changed
//! by replacing its storage (copy, edit, publish), so that a reader never
//! sees bytes being rewritten. For a big byte buffer that makes every item
//! store cost a copy of the whole buffer. Yet most shared buffers are used
//! by one thread only: a bytearray or `array` at module level of a script
//! is shared (a module's globals are), and only the main thread ever
//! touches it. This protocol lets that thread, the object's *owner* (the
//! context that allocated it), write in place for as long as no other
//! thread has used the object, on one state word per object:
//!
//! - [`FOREIGN`]: some other thread has used the object. Set once, never
//!   cleared; from then on the object is changed only by replacing its
//!   storage, as any shared object.
//! - [`WRITING`]: the owner is writing in place now.
//!
//! The owner writes in place only inside [`owner_write`], which sets
//! WRITING and backs out when FOREIGN is set. Every other thread calls
//! [`mark_foreign`] before its first read or write of the bytes: it sets
//! FOREIGN and waits while WRITING is set. Both are read-modify-writes of
//! the one word, so one of them comes first in its modification order:
//! either the owner sees FOREIGN and does not write, or the other thread
//! sees WRITING and waits for the release that ends the write, which makes
//! every in-place write of the owner happen before its read. An in-place
//! write is a few stores with no safepoint, so the wait is short.
//!
//! The object's readers on the owner thread need nothing: its in-place
//! writes are ordered with its own reads by program order. Thread identity
//! is the caller's business (the engine compares the object's owner field
//! with the calling thread's context id).
//!
//! The word's native type is a heap atomic (raw words of an object, see
//! `sync::heap_atomic`); `loom_tests/tests/owner_write.rs` models the same
//! functions over loom's atomics.

use crate::sync::heap_atomic;

/// Some thread other than the owner has used the object.
pub const FOREIGN: u64 = 1;
/// The owner is writing the object's bytes in place.
pub const WRITING: u64 = 2;

/// The state word's operations (native heap atomic, or loom's in models).
pub trait StateWord {
    /// `fetch_or` with acquire-release ordering; the previous value.
    fn or_acq_rel(&self, bits: u64) -> u64;
    /// Clears `bits` with release ordering.
    fn clear_release(&self, bits: u64);
    /// An acquire load.
    fn load_acquire(&self) -> u64;
}

impl StateWord for heap_atomic::AtomicU64 {
    #[inline(always)]
    fn or_acq_rel(&self, bits: u64) -> u64 {
        self.fetch_or(bits, heap_atomic::Ordering::AcqRel)
    }
    #[inline(always)]
    fn clear_release(&self, bits: u64) {
        self.fetch_and(!bits, heap_atomic::Ordering::Release);
    }
    #[inline(always)]
    fn load_acquire(&self) -> u64 {
        self.load(heap_atomic::Ordering::Acquire)
    }
}

#[cfg(loom)]
impl StateWord for crate::sync::AtomicU64 {
    fn or_acq_rel(&self, bits: u64) -> u64 {
        self.fetch_or(bits, crate::sync::Ordering::AcqRel)
    }
    fn clear_release(&self, bits: u64) {
        self.fetch_and(!bits, crate::sync::Ordering::Release);
    }
    fn load_acquire(&self) -> u64 {
        self.load(crate::sync::Ordering::Acquire)
    }
}

/// Called by the owner only: runs `write` (the in-place write) unless
/// another thread has used the object, and returns its result; `None`,
/// running nothing, when one has (the caller then replaces the storage
/// under the object's lock). `write` must not reach a safepoint or wait
/// for another thread: [`mark_foreign`] spins while it runs.
#[inline(always)]
pub fn owner_write<W: StateWord + ?Sized, R>(w: &W, write: impl FnOnce() -> R) -> Option<R> {
    if w.load_acquire() & FOREIGN != 0 {
        return None;
    }
    if w.or_acq_rel(WRITING) & FOREIGN != 0 {
        w.clear_release(WRITING);
        return None;
    }
    let r = write();
    w.clear_release(WRITING);
    Some(r)
}

/// Called by any thread other than the owner before it reads or writes
/// the object's bytes: from its return on, the owner writes nothing in
/// place, and every in-place write it made happens before the caller's
/// next access.
#[inline]
pub fn mark_foreign<W: StateWord + ?Sized>(w: &W) {
    let mut s = w.load_acquire();
    if s & FOREIGN == 0 {
        s = w.or_acq_rel(FOREIGN);
    }
    // FOREIGN without WRITING, read from any write of the word, follows the
    // end of every in-place write (the release of the owner's clear, or an
    // RMW in its release sequence). Seen with WRITING, a write may still be
    // running: wait for its clear.
    while s & WRITING != 0 {
        crate::sync::spin_hint();
        s = w.load_acquire();
    }
}
