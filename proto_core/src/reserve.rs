//! The process's allocator: the system's, with an emergency reserve of
//! address space that turns running out of memory into a MemoryError.
//!
//! Much of the runtime allocates where it cannot fail (a `Vec` push, a heap
//! block for a small object in deferred mode). When the system refuses such
//! a request (an address-space limit, `ulimit -v`), Rust aborts the process.
//! [`ReserveAlloc`] instead unmaps the reserve, a mapping made at start-up
//! and never touched (address space, no resident memory), and retries: the
//! request then succeeds, and [`take_exhausted`] tells the interpreter to
//! raise MemoryError at its next check, as CPython raises it where the
//! allocation failed. The reserve is mapped again ([`arm`]) once memory is
//! available again.
//!
//! Requests larger than the reserve never use it: unmapping it could not
//! make room for them, and their callers are the fallible paths (a
//! container growing to millions of items), which raise MemoryError
//! themselves. The collector's own work lists (a few MiB when the heap
//! fills the limit) are among the requests it serves.

use crate::sync::{AtomicBool, AtomicUsize, Ordering};
use std::alloc::{GlobalAlloc, Layout, System};

/// Size of the reserve mapping.
pub const RESERVE_BYTES: usize = 16 << 20;

/// Address of the reserve mapping; 0 while unmapped.
static RESERVE: AtomicUsize = AtomicUsize::new(0);

/// Set when the reserve was given up for a request; cleared by
/// [`take_exhausted`].
static EXHAUSTED: AtomicBool = AtomicBool::new(false);

/// Set when the reserve was given up; cleared when it is mapped again.
static WANTED: AtomicBool = AtomicBool::new(false);

/// Called after the reserve was given up (the engine sets its pending-work
/// flag, so that a thread soon calls [`take_exhausted`]).
static HOOK: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Registers the function called when the reserve is given up (first call
/// wins).
pub fn set_hook(f: fn()) {
    let _ = HOOK.set(f);
}

/// Maps the reserve if it is not mapped; false when the system refuses.
pub fn arm() -> bool {
    if RESERVE.load(Ordering::Acquire) != 0 {
        return true;
    }
    // SAFETY: an anonymous private mapping at an address of the kernel's
    // choosing touches no existing memory.
    let p = unsafe {
        libc::mmap(
            core::ptr::null_mut(),
            RESERVE_BYTES,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return false;
    }
    WANTED.store(false, Ordering::Release);
    CHECKS.store(0, Ordering::Relaxed);
    DUE.store(0, Ordering::Relaxed);
    if RESERVE
        .compare_exchange(0, p as usize, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        // SAFETY: `p` is the mapping made above, which nothing else knows.
        unsafe { libc::munmap(p, RESERVE_BYTES) };
    }
    true
}

/// Whether the reserve is mapped.
pub fn armed() -> bool {
    RESERVE.load(Ordering::Acquire) != 0
}

/// Whether the reserve was given up and is not mapped again yet (the
/// interpreter keeps retrying [`arm`] at its checks meanwhile).
pub fn wanted() -> bool {
    WANTED.load(Ordering::Acquire)
}

/// Checks made while the reserve is wanted, and the count at which the
/// next attempt to map it is due.
static CHECKS: AtomicUsize = AtomicUsize::new(0);
static DUE: AtomicUsize = AtomicUsize::new(0);

/// Whether this check, made while the reserve is [`wanted`], should try to
/// map it again (after a collection, which may free what a failed
/// operation left): the 1st, 2nd, 4th, 8th... check, so that a program that
/// keeps nearly all memory alive pays for the attempts about as often as
/// it runs out.
pub fn retry_due() -> bool {
    let n = CHECKS.fetch_add(1, Ordering::Relaxed) + 1;
    if n < DUE.load(Ordering::Relaxed) {
        return false;
    }
    DUE.store(n.saturating_mul(2), Ordering::Relaxed);
    true
}

/// Whether the reserve was given up and no thread has raised the
/// MemoryError yet (one load, for checks inside native loops).
#[inline(always)]
pub fn exhausted() -> bool {
    EXHAUSTED.load(Ordering::Relaxed)
}

/// Whether the reserve was given up since the last call (the caller raises
/// MemoryError).
pub fn take_exhausted() -> bool {
    EXHAUSTED.swap(false, Ordering::AcqRel)
}

/// Gives the reserve up for a request of `size` bytes that the system
/// refused; true when the request may be retried.
#[cold]
fn give_up_reserve(size: usize) -> bool {
    if size > RESERVE_BYTES {
        return false;
    }
    let p = RESERVE.swap(0, Ordering::AcqRel);
    if p == 0 {
        return false;
    }
    // SAFETY: `p` is the reserve mapping; the swap made this thread its
    // only owner, and nothing was ever stored in it.
    unsafe { libc::munmap(p as *mut libc::c_void, RESERVE_BYTES) };
    WANTED.store(true, Ordering::Release);
    EXHAUSTED.store(true, Ordering::Release);
    if let Some(f) = HOOK.get() {
        f();
    }
    true
}

/// The system allocator with the emergency reserve (see the module's
/// documentation). The binary declares it `#[global_allocator]`.
pub struct ReserveAlloc;

// SAFETY: every method forwards to `System` with the caller's arguments,
// retrying once after unmapping the reserve (memory no allocation uses).
unsafe impl GlobalAlloc for ReserveAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() && give_up_reserve(layout.size()) {
            // SAFETY: as above.
            return unsafe { System.alloc(layout) };
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc_zeroed`'s contract.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() && give_up_reserve(layout.size()) {
            // SAFETY: as above.
            return unsafe { System.alloc_zeroed(layout) };
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract; all
        // memory came from `System`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract; on
        // failure `ptr` is still valid and owned by the caller.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() && give_up_reserve(new_size) {
            // SAFETY: as above.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        p
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn arming_twice_keeps_one_mapping() {
        assert!(arm());
        let first = RESERVE.load(Ordering::Acquire);
        assert!(arm());
        assert_eq!(RESERVE.load(Ordering::Acquire), first);
        assert!(armed());
    }
}
