//! The per-object lock of shared mutable objects.
//!
//! A 32-bit lock word in each object header. Writers of a shared
//! list/dict/set/instance hold it for one operation; readers never take it.
//! Critical sections must be short and must not block.
//!
//! Waiting first spins (exponential backoff, looking without writing), then
//! sleeps on the word (a futex on Linux) after marking it [`SLEEPERS`];
//! `unlock` wakes one sleeper when it finds the mark. Sleeping waiters leave
//! the lock's cache line alone, so under heavy contention the holder keeps
//! the line and the data it guards instead of losing them to every waiter's
//! look. Between sleeps a waiter calls the caller's `on_wait` hook: the
//! interpreter passes its safepoint poll there. A sleeper stays Running as
//! far as the collector's handshake knows (entering and leaving the blocked
//! state takes the handshake's mutex, which a contended lock would turn into
//! a second contention point), so its sleep is bounded ([`SLEEP_NS`]): a
//! requested collection waits at most that long for it.
//!
//! The lock barges: a running thread that releases and retakes it (a loop of
//! `list.sort()` calls) usually wins against the sleeper it just woke, which
//! keeps hot short critical sections off the scheduler's path. Barging alone
//! can starve a waiter for ever, so it is *eventually fair*: a sleeper that
//! has lost for [`FAIR_AFTER_NS`] claims the lock ([`FAIR`]), and the next
//! unlock hands it over ([`HANDOFF`]) instead of freeing it; nobody but the
//! claimant may take a handed-over lock. At most one waiter claims at a time,
//! so a lock hands over at most once per claimant's patience, and the others
//! keep barging between.
//!
//! The algorithm is generic over [`LockWord`] so the loom models run it on
//! loom atomics (with a modelled futex) while the heap runs it on header words.

use crate::sync::spin_hint;
#[cfg(loom)]
use crate::sync::Ordering;

/// An atomic 32-bit word usable as a lock.
pub trait LockWord {
    /// Compare-and-swap with acquire ordering on success. May fail
    /// spuriously; callers re-check.
    fn try_cas(&self, old: u32, new: u32) -> bool;
    /// Compare-and-swap with release ordering on success (the transitions
    /// of `unlock`). May fail spuriously; callers re-check.
    fn release_cas(&self, old: u32, new: u32) -> bool;
    /// Relaxed load.
    fn relaxed_load(&self) -> u32;
    /// Sleeps while the word holds `expected`. May return early or
    /// spuriously; callers re-check.
    fn wait(&self, expected: u32);
    /// Wakes one thread sleeping in [`LockWord::wait`] on this word.
    fn wake_one(&self);
    /// Wakes every thread sleeping in [`LockWord::wait`] on this word.
    fn wake_all(&self);
}

/// Longest sleep of a waiter between two looks at the word (and two calls
/// of its `on_wait` hook), in nanoseconds.
pub const SLEEP_NS: u32 = 1_000_000;

/// How long a sleeping waiter may lose to barging threads before it claims
/// the lock, in nanoseconds. Short enough that no thread waits long behind a
/// releasing-and-retaking one; long enough that a hot lock hands over (a
/// scheduler round trip while the lock stands idle) rarely.
pub const FAIR_AFTER_NS: u64 = 250_000;

impl LockWord for core::sync::atomic::AtomicU32 {
    #[inline(always)]
    fn try_cas(&self, old: u32, new: u32) -> bool {
        use core::sync::atomic::Ordering as O;
        self.compare_exchange_weak(old, new, O::Acquire, O::Relaxed)
            .is_ok()
    }
    #[inline(always)]
    fn release_cas(&self, old: u32, new: u32) -> bool {
        use core::sync::atomic::Ordering as O;
        self.compare_exchange_weak(old, new, O::Release, O::Relaxed)
            .is_ok()
    }
    #[inline(always)]
    fn relaxed_load(&self) -> u32 {
        self.load(core::sync::atomic::Ordering::Relaxed)
    }
    fn wait(&self, expected: u32) {
        futex::wait(self, expected, SLEEP_NS);
    }
    fn wake_one(&self) {
        futex::wake(self, 1);
    }
    fn wake_all(&self) {
        futex::wake(self, i32::MAX as u32);
    }
}

#[cfg(target_os = "linux")]
mod futex {
    use core::sync::atomic::AtomicU32;

    /// Sleeps while `*w == expected`, at most `ns` nanoseconds.
    pub fn wait(w: &AtomicU32, expected: u32, ns: u32) {
        let ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: ns as libc::c_long,
        };
        // SAFETY: the word is a live, 4-byte-aligned AtomicU32 borrowed for
        // the call; FUTEX_WAIT only reads it, and compares atomically with
        // the wake side. `ts` outlives the call. The result (woken, timed
        // out, value changed, interrupted) needs no handling: callers re-check.
        unsafe {
            libc::syscall(
                libc::SYS_futex,
                w.as_ptr(),
                libc::FUTEX_WAIT | libc::FUTEX_PRIVATE_FLAG,
                expected,
                &ts as *const libc::timespec,
                core::ptr::null::<u32>(),
                0u32,
            );
        }
    }

    /// Wakes up to `n` threads sleeping in [`wait`] on `w`.
    pub fn wake(w: &AtomicU32, n: u32) {
        // SAFETY: FUTEX_WAKE reads no memory; the address only names the
        // wait queue, and the word is live for the call.
        unsafe {
            libc::syscall(
                libc::SYS_futex,
                w.as_ptr(),
                libc::FUTEX_WAKE | libc::FUTEX_PRIVATE_FLAG,
                n,
            );
        }
    }
}

/// Without futexes a sleep is a yield of the CPU: correct (waiters re-check),
/// only less kind to the holder.
#[cfg(not(target_os = "linux"))]
mod futex {
    use core::sync::atomic::AtomicU32;

    pub fn wait(w: &AtomicU32, expected: u32, _ns: u32) {
        if w.load(core::sync::atomic::Ordering::Relaxed) == expected {
            std::thread::yield_now();
        }
    }

    pub fn wake(_w: &AtomicU32, _n: u32) {}
}

#[cfg(loom)]
loom::lazy_static! {
    /// The modelled futex: one wait queue for every word (a wake wakes all,
    /// and each sleeper re-checks, which futex semantics allow).
    static ref MODEL_FUTEX: (crate::sync::Mutex<()>, crate::sync::Condvar) =
        (crate::sync::Mutex::new(()), crate::sync::Condvar::new());
}

/// loom's atomics, for the models. `wait` checks the word and sleeps under
/// the queue's mutex, and `wake_one` notifies under it, as the kernel checks
/// and wakes under its hash-bucket lock: a wake-up lost by the algorithm
/// leaves a sleeper for ever, which loom reports as a deadlock.
#[cfg(loom)]
impl LockWord for crate::sync::AtomicU32 {
    fn try_cas(&self, old: u32, new: u32) -> bool {
        self.compare_exchange_weak(old, new, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }
    fn release_cas(&self, old: u32, new: u32) -> bool {
        self.compare_exchange_weak(old, new, Ordering::Release, Ordering::Relaxed)
            .is_ok()
    }
    fn relaxed_load(&self) -> u32 {
        self.load(Ordering::Relaxed)
    }
    fn wait(&self, expected: u32) {
        let g = crate::sync::lock(&MODEL_FUTEX.0);
        if self.load(Ordering::Relaxed) == expected {
            drop(crate::sync::wait(&MODEL_FUTEX.1, g));
        }
    }
    fn wake_one(&self) {
        let _g = crate::sync::lock(&MODEL_FUTEX.0);
        MODEL_FUTEX.1.notify_all();
    }
    fn wake_all(&self) {
        self.wake_one();
    }
}

const FREE: u32 = 0;
const HELD: u32 = 1;
/// Held, and threads may be sleeping on the word: its unlock must wake one.
const SLEEPERS: u32 = 2;
/// Held, sleepers may be waiting, and one of them (the claimant) has lost
/// for [`FAIR_AFTER_NS`]: the unlock must hand the lock to it.
const FAIR: u32 = 3;
/// Released to the claimant alone: only it may take the lock. Every other
/// thread treats the word as held.
const HANDOFF: u32 = 4;

/// Tries to take the lock once.
#[inline(always)]
pub fn try_lock<W: LockWord + ?Sized>(w: &W) -> bool {
    w.try_cas(FREE, HELD)
}

/// Pause rounds a waiter doubles its spin up to before it sleeps.
#[cfg(not(loom))]
const MAX_SPIN: u32 = 64;
/// Under loom a pause is a scheduling point: keep the models' state space small.
#[cfg(loom)]
const MAX_SPIN: u32 = 2;

/// How long a sleeping waiter has been losing: it has run out of patience
/// after [`FAIR_AFTER_NS`] since its first sleep (under loom, which models
/// no time, as soon as it has slept once, so the models reach the handoff).
struct Patience {
    #[cfg(not(loom))]
    since: Option<std::time::Instant>,
    #[cfg(loom)]
    slept: bool,
}

impl Patience {
    fn new() -> Self {
        Patience {
            #[cfg(not(loom))]
            since: None,
            #[cfg(loom)]
            slept: false,
        }
    }

    fn note_sleep(&mut self) {
        #[cfg(not(loom))]
        if self.since.is_none() {
            self.since = Some(std::time::Instant::now());
        }
        #[cfg(loom)]
        {
            self.slept = true;
        }
    }

    fn exhausted(&self) -> bool {
        #[cfg(not(loom))]
        return self
            .since
            .is_some_and(|t| t.elapsed().as_nanos() >= u128::from(FAIR_AFTER_NS));
        #[cfg(loom)]
        return self.slept;
    }
}

/// Takes the lock, calling `on_wait` between sleeps while it is held elsewhere.
///
/// A waiter first spins with exponential backoff (1, 2, 4, ... pause rounds
/// between looks) while the lock is held and nobody sleeps on it; then it
/// marks the word [`SLEEPERS`] and sleeps until an unlock wakes it (or the
/// sleep's bound passes), calling `on_wait` before each sleep. A woken
/// waiter takes a free lock as [`SLEEPERS`] again, since others may still
/// sleep: that costs at most one needless wake when none do. A waiter out of
/// [`Patience`] claims the lock ([`FAIR`]) if nobody else has, and takes it
/// when the holder hands it over.
#[inline]
pub fn lock_with<W: LockWord + ?Sized>(w: &W, mut on_wait: impl FnMut()) {
    if try_lock(w) {
        return;
    }
    let mut delay = 1u32;
    while delay <= MAX_SPIN {
        match w.relaxed_load() {
            FREE => {
                if try_lock(w) {
                    return;
                }
            }
            HELD => {}
            _ => break,
        }
        for _ in 0..delay {
            spin_hint();
        }
        delay <<= 1;
    }
    lock_slow(w, &mut on_wait);
}

#[inline(never)]
fn lock_slow<W: LockWord + ?Sized>(w: &W, on_wait: &mut dyn FnMut()) {
    let mut patience = Patience::new();
    let mut claimant = false;
    loop {
        let sleep_on = match w.relaxed_load() {
            FREE => {
                if w.try_cas(FREE, SLEEPERS) {
                    return;
                }
                continue;
            }
            v @ (HELD | SLEEPERS) if !claimant && patience.exhausted() => {
                if !w.try_cas(v, FAIR) {
                    continue;
                }
                claimant = true;
                FAIR
            }
            HELD => {
                if !w.try_cas(HELD, SLEEPERS) {
                    continue;
                }
                SLEEPERS
            }
            HANDOFF if claimant => {
                if w.try_cas(HANDOFF, SLEEPERS) {
                    return;
                }
                continue;
            }
            v => v,
        };
        on_wait();
        patience.note_sleep();
        w.wait(sleep_on);
    }
}

/// Releases the lock: frees it, waking one sleeper if any may sleep, or
/// hands it to its claimant. The caller must hold it.
#[inline(always)]
pub fn unlock<W: LockWord + ?Sized>(w: &W) {
    if !w.release_cas(HELD, FREE) {
        unlock_slow(w);
    }
}

#[inline(never)]
fn unlock_slow<W: LockWord + ?Sized>(w: &W) {
    loop {
        match w.relaxed_load() {
            HELD => {
                if w.release_cas(HELD, FREE) {
                    return;
                }
            }
            SLEEPERS => {
                if w.release_cas(SLEEPERS, FREE) {
                    w.wake_one();
                    return;
                }
            }
            FAIR => {
                // The claimant is one of the sleepers, and a futex cannot
                // wake a chosen one: wake them all; the others sleep again.
                if w.release_cas(FAIR, HANDOFF) {
                    w.wake_all();
                    return;
                }
            }
            v => {
                debug_assert!(false, "unlock of a lock not held (word {v})");
                return;
            }
        }
    }
}

/// Is the lock held (by anyone, or handed to its claimant)?
pub fn is_locked<W: LockWord + ?Sized>(w: &W) -> bool {
    w.relaxed_load() != FREE
}
