//! The per-object lock of shared mutable objects.
//!
//! A 32-bit lock word in each object header. Writers of a shared
//! list/dict/set/instance hold it for one operation; readers never take it.
//! Critical sections must be short and must not block.
//!
//! Waiting first spins (exponential backoff, looking without writing), then
//! registers in the word's waiter count and sleeps on the word (a futex on
//! Linux). Sleeping waiters leave the lock's cache line alone, so under
//! heavy contention the holder keeps the line and the data it guards
//! instead of losing them to every waiter's look. Between sleeps a waiter
//! calls the caller's `on_wait` hook: the interpreter passes its safepoint
//! poll there. A sleeper stays Running as far as the collector's handshake
//! knows (entering and leaving the blocked state takes the handshake's
//! mutex, which a contended lock would turn into a second contention
//! point), so its sleep is bounded ([`SLEEP_NS`]): a requested collection
//! waits at most that long for it.
//!
//! An unlock with waiters wakes one of them and sets [`WOKEN`]; until the
//! woken waiter has looked at the word (taking the lock, or clearing the
//! flag as it goes back to sleep), unlocks wake nobody. A thread that
//! releases and retakes the lock in a loop (appends to a shared list from
//! 16 threads) thus makes one wake-up system call per round trip of a
//! woken waiter, not one per release.
//!
//! The lock barges: a running thread that releases and retakes it (a loop of
//! `list.sort()` calls) usually wins against the sleeper it just woke, which
//! keeps hot short critical sections off the scheduler's path. Barging alone
//! can starve a waiter for ever, so it is *eventually fair*: a sleeper that
//! has lost for [`FAIR_AFTER_NS`] times the number of waiters claims the
//! lock ([`FAIR`]), and the next unlock hands it over ([`HANDOFF`]) instead
//! of freeing it; nobody but the claimant may take a handed-over lock. At
//! most one waiter claims at a time, so a lock hands over at most about once
//! per [`FAIR_AFTER_NS`], however many threads wait, and the others keep
//! barging between.
//!
//! Under contention a holder may keep the lock past the end of its
//! operation, for a turn ([`unlock_or_keep`]; the policy, and what ends a
//! turn, is `ProtoContext::unlock_object`'s): the waiters then sleep, the
//! holder's operations run at one thread's speed, and a waiter's claim
//! ([`FAIR`], seen by the holder's next operation or safepoint through
//! [`kept_state`]) hands the lock over.
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
    /// Relaxed store (for [`lock_alone`]/[`unlock_alone`] only).
    fn relaxed_store(&self, v: u32);
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
pub const FAIR_AFTER_NS: u64 = 500_000;

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
    #[inline(always)]
    fn relaxed_store(&self, v: u32) {
        self.store(v, core::sync::atomic::Ordering::Relaxed)
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
    fn relaxed_store(&self, v: u32) {
        self.store(v, Ordering::Relaxed)
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

// The word: a state in the low bits, a flag, and a count of waiters.
const STATE: u32 = 0b11;
const FREE: u32 = 0;
const HELD: u32 = 1;
/// Held, and one waiter (the claimant) has lost for its patience: the
/// unlock must hand the lock to it.
const FAIR: u32 = 2;
/// Released to the claimant alone: only it may take the lock. Every other
/// thread treats the word as held.
const HANDOFF: u32 = 3;
/// An unlock woke a sleeper that has not yet looked at the word. While it
/// is set, unlocks wake nobody: the woken waiter will take the lock or clear
/// the flag before it sleeps again, and the next unlock wakes another.
const WOKEN: u32 = 1 << 2;
/// One registered waiter: a thread past its spinning that sleeps on the word
/// or is about to. The count lives in the bits from here up.
const WAITER: u32 = 1 << 8;

#[inline(always)]
fn state(v: u32) -> u32 {
    v & STATE
}

#[inline(always)]
fn waiters(v: u32) -> u32 {
    v / WAITER
}

/// Tries to take the lock once. A free lock is taken even while waiters
/// sleep on it (barging).
#[inline(always)]
pub fn try_lock<W: LockWord + ?Sized>(w: &W) -> bool {
    w.try_cas(FREE, HELD) || try_lock_free(w)
}

/// The first look of [`lock_with`]: takes the lock if it is free, with one
/// load and one CAS from what it saw: a free lock with waiters registered
/// (a holder retaking it while others sleep) is taken too, without a failed
/// CAS first.
#[inline(always)]
pub fn try_lock_free<W: LockWord + ?Sized>(w: &W) -> bool {
    let v = w.relaxed_load();
    state(v) == FREE && w.try_cas(v, v | HELD)
}

/// Pause rounds a waiter doubles its spin up to before it sleeps.
#[cfg(not(loom))]
const MAX_SPIN: u32 = 64;
/// Under loom a pause is a scheduling point: keep the models' state space small.
#[cfg(loom)]
const MAX_SPIN: u32 = 2;

/// How long a sleeping waiter has been losing: it has run out of patience
/// after [`FAIR_AFTER_NS`] for each registered waiter since its first sleep
/// (under loom, which models no time, after [`set_model_claim_after`]
/// sleeps, one unless a model says otherwise, so the models reach the
/// handoff).
struct Patience {
    #[cfg(not(loom))]
    since: Option<std::time::Instant>,
    #[cfg(loom)]
    sleeps: u32,
}

#[cfg(loom)]
std::thread_local! {
    /// Sleeps before a modelled waiter claims. Thread-local to the test's
    /// thread, which runs every modelled thread of its model.
    static MODEL_CLAIM_AFTER: core::cell::Cell<u32> = const { core::cell::Cell::new(1) };
}

/// loom models only: how many sleeps a waiter takes before it claims the
/// lock (`u32::MAX`: never), for the model run on the calling thread.
#[cfg(loom)]
pub fn set_model_claim_after(sleeps: u32) {
    MODEL_CLAIM_AFTER.with(|c| c.set(sleeps));
}

impl Patience {
    fn new() -> Self {
        Patience {
            #[cfg(not(loom))]
            since: None,
            #[cfg(loom)]
            sleeps: 0,
        }
    }

    fn note_sleep(&mut self) {
        #[cfg(not(loom))]
        if self.since.is_none() {
            self.since = Some(std::time::Instant::now());
        }
        #[cfg(loom)]
        {
            self.sleeps = self.sleeps.saturating_add(1);
        }
    }

    /// `waiters`: how many wait now, this one included. Scaling the patience
    /// with them bounds the rate of handovers (each costs the lock a
    /// scheduler round trip while it stands idle) to about one per
    /// [`FAIR_AFTER_NS`], however many threads contend, while every waiter
    /// still gets in within about `waiters` times that.
    fn exhausted(&self, waiters: u32) -> bool {
        #[cfg(not(loom))]
        return self.since.is_some_and(|t| {
            t.elapsed().as_nanos() >= u128::from(FAIR_AFTER_NS) * u128::from(waiters.max(1))
        });
        #[cfg(loom)]
        {
            let _ = waiters;
            self.sleeps >= MODEL_CLAIM_AFTER.with(|c| c.get())
        }
    }
}

/// Takes the lock, calling `on_wait` between sleeps while it is held elsewhere.
///
/// A waiter first spins with exponential backoff (1, 2, 4, ... pause rounds
/// between looks) while the lock is held and nobody waits in the kernel;
/// then it registers in the word's waiter count and sleeps until an unlock
/// wakes it (or the sleep's bound passes), calling `on_wait` before each
/// sleep. A waiter out of [`Patience`] claims the lock ([`FAIR`]) if nobody
/// else has, and takes it when the holder hands it over.
#[inline]
pub fn lock_with<W: LockWord + ?Sized>(w: &W, mut on_wait: impl FnMut()) {
    if try_lock_free(w) {
        return;
    }
    let mut delay = 1u32;
    while delay <= MAX_SPIN {
        let v = w.relaxed_load();
        if state(v) == FREE {
            if w.try_cas(v, v | HELD) {
                return;
            }
        } else if v != HELD {
            // Others sleep already: join them rather than keep looking at
            // the holder's line.
            break;
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
    // Register as a waiter, or take a lock found free.
    loop {
        let v = w.relaxed_load();
        if state(v) == FREE {
            if w.try_cas(v, v | HELD) {
                return;
            }
        } else if w.try_cas(v, v + WAITER) {
            break;
        }
    }
    let mut patience = Patience::new();
    let mut claimant = false;
    loop {
        let v = w.relaxed_load();
        let took = (v - WAITER) & !(STATE | WOKEN) | HELD;
        let sleep_on = match state(v) {
            // Taking the lock clears WOKEN: whether this waiter was the woken
            // one or not, the next unlock wakes a sleeper if any is left.
            FREE => {
                if w.try_cas(v, took) {
                    return;
                }
                continue;
            }
            HANDOFF if claimant => {
                if w.try_cas(v, took) {
                    return;
                }
                continue;
            }
            HELD if !claimant && patience.exhausted(waiters(v)) => {
                let claimed = v & !(STATE | WOKEN) | FAIR;
                if !w.try_cas(v, claimed) {
                    continue;
                }
                claimant = true;
                claimed
            }
            // A waiter about to sleep clears WOKEN, so an unlock after its
            // sleep began wakes someone.
            _ if v & WOKEN != 0 => {
                if !w.try_cas(v, v & !WOKEN) {
                    continue;
                }
                v & !WOKEN
            }
            _ => v,
        };
        on_wait();
        patience.note_sleep();
        w.wait(sleep_on);
    }
}

/// Releases the lock: frees it, waking one sleeper if some wait and none is
/// on its way already, or hands it to its claimant. The caller must hold it.
#[inline(always)]
pub fn unlock<W: LockWord + ?Sized>(w: &W) {
    unlock_or_keep(w, false);
}

#[inline(never)]
fn unlock_slow<W: LockWord + ?Sized>(w: &W) {
    loop {
        let v = w.relaxed_load();
        match state(v) {
            HELD => {
                let wake = waiters(v) > 0 && v & WOKEN == 0;
                let freed = (v & !STATE) | if wake { WOKEN } else { 0 };
                if w.release_cas(v, freed) {
                    if wake {
                        w.wake_one();
                    }
                    return;
                }
            }
            FAIR => {
                // The claimant is one of the sleepers, and a futex cannot
                // wake a chosen one: wake them all; the others sleep again.
                if w.release_cas(v, v & !STATE | HANDOFF) {
                    w.wake_all();
                    return;
                }
            }
            _ => {
                debug_assert!(false, "unlock of a lock not held (word {v:#x})");
                return;
            }
        }
    }
}

/// Releases the lock as [`unlock`] does, or keeps it (returns true) when
/// `may_keep`, it is plainly held (no waiter has claimed it, see [`FAIR`])
/// and some waiter has registered (it spun out and sleeps or is about to:
/// releasing would only move the word and the data it guards to the
/// waiter's core for one operation and back). One look at the word either
/// way. The policy of keeping is `ProtoContext::unlock_object`'s.
#[inline(always)]
pub fn unlock_or_keep<W: LockWord + ?Sized>(w: &W, may_keep: bool) -> bool {
    let v = w.relaxed_load();
    if state(v) == HELD {
        if may_keep && waiters(v) > 0 {
            return true;
        }
        // Nobody to wake (no waiter, or a woken one on its way): free it,
        // keeping the count and the flag.
        let quiet = waiters(v) == 0 || v & WOKEN != 0;
        if quiet && w.release_cas(v, v & !STATE) {
            return false;
        }
    }
    unlock_slow(w);
    false
}

/// For a holder that keeps the lock for a turn (see `unlock_or_keep`):
/// `None` once a waiter has claimed it (it must be handed over now), else
/// whether some waiter has registered.
#[inline]
pub fn kept_state<W: LockWord + ?Sized>(w: &W) -> Option<bool> {
    let v = w.relaxed_load();
    (state(v) == HELD).then_some(waiters(v) > 0)
}

/// Takes a free lock with a plain load and store, no read-modify-write:
/// only for a thread that no other thread can race on this word (the one
/// mutator of a space in solo mode, see `crate::solo`). False, taking
/// nothing, when the word is not plainly free (the caller then takes the
/// general path). The word it leaves is the one [`try_lock`] leaves, so a
/// lock taken this way may be released by [`unlock`].
#[inline(always)]
pub fn lock_alone<W: LockWord + ?Sized>(w: &W) -> bool {
    if w.relaxed_load() == FREE {
        w.relaxed_store(HELD);
        true
    } else {
        false
    }
}

/// Releases, with a plain load and store, a lock held with no waiter and
/// no flag (the only state [`lock_alone`] makes); false, changing nothing,
/// for any other word. The same rule as [`lock_alone`]: no other thread
/// may race on the word.
#[inline(always)]
pub fn unlock_alone<W: LockWord + ?Sized>(w: &W) -> bool {
    if w.relaxed_load() == HELD {
        w.relaxed_store(FREE);
        true
    } else {
        false
    }
}

/// Is the lock held (by anyone, or handed to its claimant)?
pub fn is_locked<W: LockWord + ?Sized>(w: &W) -> bool {
    state(w.relaxed_load()) != FREE
}
