//! loom models of the object lock (`proto_core::lock`): `lock_with`,
//! `try_lock`, `unlock`, `is_locked` over `proto_core::sync::AtomicU32`
//! (loom's under `cfg(loom)`), the very `LockWord` implementation the
//! interpreter's lock words use natively.
//!
//! The protected data is a [`Racy`] cell: if two threads could hold the lock
//! at once, or the lock lacked acquire/release ordering, loom would report the
//! unsynchronised accesses. Waiters that stop spinning sleep on a modelled
//! futex (checks and sleeps under one mutex, as the kernel does under its
//! bucket lock), so an unlock that failed to wake a sleeper leaves it asleep
//! for ever and loom reports the deadlock.
#![cfg(loom)]

use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use loom_tests::{model_with, Racy};

/// Spinning waiters make many loom branches: raise the branch limit.
fn model<F: Fn() + Sync + Send + 'static>(bound: usize, f: F) {
    model_with(bound, |b| b.max_branches = 100_000, f)
}
use proto_core::lock::{self, LockWord};
use proto_core::sync::AtomicU32;

struct Guarded<W> {
    word: W,
    data: Racy<u64>,
}

/// Two threads contend: one `lock_with`s twice, the other `try_lock`s and
/// then `lock_with`s: mutual exclusion and an exact count. Three
/// contenders: [`three_contenders_all_get_in`].
#[test]
fn mutual_exclusion() {
    model(2, || {
        let g = Arc::new(Guarded {
            word: AtomicU32::new(0),
            data: Racy::new(0),
        });
        let t = {
            let g = g.clone();
            thread::spawn(move || {
                for _ in 0..2 {
                    lock::lock_with(&g.word, || {});
                    assert!(lock::is_locked(&g.word));
                    g.data.update(|d| *d += 1);
                    lock::unlock(&g.word);
                }
            })
        };
        let mut mine = 1;
        if lock::try_lock(&g.word) {
            g.data.update(|d| *d += 1);
            mine += 1;
            lock::unlock(&g.word);
        }
        lock::lock_with(&g.word, || {});
        g.data.update(|d| *d += 1);
        lock::unlock(&g.word);
        t.join().unwrap();
        assert!(!lock::is_locked(&g.word));
        g.data.read(|&d| assert_eq!(d, 2 + mine));
    });
}

/// A waiter calls its `on_wait` hook (the interpreter's safepoint poll) while
/// the lock is held: here the holder releases only once the hook has run, so
/// a `lock_with` that never called it would hang (loom reports it).
#[test]
fn waiter_calls_on_wait_hook() {
    model(2, || {
        let g = Arc::new(Guarded {
            word: AtomicU32::new(0),
            data: Racy::new(0),
        });
        let hooked = Arc::new(AtomicBool::new(false));
        let calls = Arc::new(AtomicUsize::new(0));
        assert!(lock::try_lock(&g.word));
        let t = {
            let (g, hooked, calls) = (g.clone(), hooked.clone(), calls.clone());
            thread::spawn(move || {
                lock::lock_with(&g.word, || {
                    calls.fetch_add(1, Ordering::Relaxed);
                    hooked.store(true, Ordering::Relaxed);
                });
                g.data.update(|d| *d += 1);
                lock::unlock(&g.word);
            })
        };
        g.data.update(|d| *d += 10);
        while !hooked.load(Ordering::Relaxed) {
            thread::yield_now();
        }
        assert!(!lock::try_lock(&g.word), "held: try_lock must fail");
        lock::unlock(&g.word);
        t.join().unwrap();
        g.data.read(|&d| assert_eq!(d, 11));
        assert!(calls.load(Ordering::Relaxed) >= 1);
    });
}

/// Negative control: the same algorithm over a lock word whose CAS and
/// release are Relaxed must fail the model (the cell accesses race). Shows
/// that `mutual_exclusion` really checks the orderings.
#[test]
#[should_panic]
fn relaxed_lock_word_is_caught() {
    struct RelaxedWord(loom::sync::atomic::AtomicU32);
    impl LockWord for RelaxedWord {
        fn try_cas(&self, old: u32, new: u32) -> bool {
            self.0
                .compare_exchange_weak(old, new, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        }
        fn release_cas(&self, old: u32, new: u32) -> bool {
            self.0
                .compare_exchange_weak(old, new, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        }
        fn relaxed_load(&self) -> u32 {
            self.0.load(Ordering::Relaxed)
        }
        fn relaxed_store(&self, v: u32) {
            self.0.store(v, Ordering::Relaxed)
        }
        fn wait(&self, _expected: u32) {
            thread::yield_now();
        }
        fn wake_one(&self) {}
        fn wake_all(&self) {}
    }
    model(2, || {
        let g = Arc::new(Guarded {
            word: RelaxedWord(loom::sync::atomic::AtomicU32::new(0)),
            data: Racy::new(0),
        });
        let t = {
            let g = g.clone();
            thread::spawn(move || {
                lock::lock_with(&g.word, || {});
                g.data.update(|d| *d += 1);
                lock::unlock(&g.word);
            })
        };
        lock::lock_with(&g.word, || {});
        g.data.update(|d| *d += 1);
        lock::unlock(&g.word);
        t.join().unwrap();
    });
}

/// A lock word whose futex is modelled faithfully but whose `wake_one` does
/// nothing: a waiter that went to sleep is never woken.
struct NoWakeWord {
    word: loom::sync::atomic::AtomicU32,
    queue: Mutex<()>,
    cv: Condvar,
}

impl LockWord for NoWakeWord {
    fn try_cas(&self, old: u32, new: u32) -> bool {
        self.word
            .compare_exchange_weak(old, new, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }
    fn release_cas(&self, old: u32, new: u32) -> bool {
        self.word
            .compare_exchange_weak(old, new, Ordering::Release, Ordering::Relaxed)
            .is_ok()
    }
    fn relaxed_load(&self) -> u32 {
        self.word.load(Ordering::Relaxed)
    }
    fn relaxed_store(&self, v: u32) {
        self.word.store(v, Ordering::Relaxed)
    }
    fn wait(&self, expected: u32) {
        let g = self.queue.lock().unwrap();
        if self.word.load(Ordering::Relaxed) == expected {
            drop(self.cv.wait(g).unwrap());
        }
    }
    fn wake_one(&self) {}
    fn wake_all(&self) {}
}

/// Negative control for the wake-up: the holder releases only after the
/// waiter has marked the word and is about to sleep (its `on_wait` hook ran).
/// With no wake the waiter sleeps for ever, which loom must report; with the
/// real word (`waiter_calls_on_wait_hook`) the same schedule passes.
#[test]
#[should_panic]
fn missing_wake_is_caught() {
    model(2, || {
        // Leaked, not dropped: loom's deadlock report unwinds through this
        // closure, and dropping loom objects during that unwind aborts.
        let g: &'static Guarded<NoWakeWord> = Box::leak(Box::new(Guarded {
            word: NoWakeWord {
                word: loom::sync::atomic::AtomicU32::new(0),
                queue: Mutex::new(()),
                cv: Condvar::new(),
            },
            data: Racy::new(0),
        }));
        let hooked: &'static AtomicBool = Box::leak(Box::new(AtomicBool::new(false)));
        assert!(lock::try_lock(&g.word));
        let t = thread::spawn(move || {
            lock::lock_with(&g.word, || hooked.store(true, Ordering::Relaxed));
            g.data.update(|d| *d += 1);
            lock::unlock(&g.word);
        });
        while !hooked.load(Ordering::Relaxed) {
            thread::yield_now();
        }
        lock::unlock(&g.word);
        t.join().unwrap();
    });
}

/// Three threads, each taking the lock once with `lock_with`: every one
/// gets in exactly once, and sleepers are woken in turn (a lost wake-up
/// between two sleepers deadlocks the model).
#[test]
fn three_contenders_all_get_in() {
    model(3, || {
        let g = Arc::new(Guarded {
            word: AtomicU32::new(0),
            data: Racy::new(0),
        });
        let ts: Vec<_> = (0..2)
            .map(|_| {
                let g = g.clone();
                thread::spawn(move || {
                    lock::lock_with(&g.word, || {});
                    g.data.update(|d| *d += 1);
                    lock::unlock(&g.word);
                })
            })
            .collect();
        lock::lock_with(&g.word, || {});
        g.data.update(|d| *d += 1);
        lock::unlock(&g.word);
        for t in ts {
            t.join().unwrap();
        }
        assert!(!lock::is_locked(&g.word));
        g.data.read(|&d| assert_eq!(d, 3));
    });
}

/// Eventual fairness: a barging thread releases and retakes the lock while
/// another waits. Under loom a waiter runs out of patience after its first
/// sleep; the holder releases only once the waiter is about to sleep (its
/// `on_wait` hook ran) or got in, so the model reaches the claim (the
/// waiter wakes, finds the lock retaken, and marks it `FAIR`) and the
/// handover: both threads get in exactly as often as they asked, the
/// handed-over lock is the claimant's alone (the barger does not get it
/// back first), and no wake-up is lost (a claimant left asleep deadlocks the
/// model, as an unlock that hands over without waking shows).
#[test]
fn barging_holder_hands_over_to_claimant() {
    model(2, || {
        let g = Arc::new(Guarded {
            word: AtomicU32::new(0),
            data: Racy::new(0),
        });
        let calls = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicBool::new(false));
        assert!(lock::try_lock(&g.word));
        let t = {
            let (g, calls, done) = (g.clone(), calls.clone(), done.clone());
            thread::spawn(move || {
                lock::lock_with(&g.word, || {
                    calls.fetch_add(1, Ordering::Relaxed);
                });
                g.data.update(|d| *d += 100);
                done.store(true, Ordering::Relaxed);
                lock::unlock(&g.word);
            })
        };
        for round in 1..=2 {
            while calls.load(Ordering::Relaxed) < round && !done.load(Ordering::Relaxed) {
                thread::yield_now();
            }
            g.data.update(|d| *d += 1);
            lock::unlock(&g.word);
            lock::lock_with(&g.word, || {});
        }
        // The waiter claimed by the second round at the latest, so the
        // second release handed it the lock before this thread got it back.
        assert!(done.load(Ordering::Relaxed), "the claimant was passed over");
        g.data.update(|d| *d += 1);
        lock::unlock(&g.word);
        t.join().unwrap();
        assert!(!lock::is_locked(&g.word));
        g.data.read(|&d| assert_eq!(d, 103));
    });
}

/// A claimant and a second sleeper behind one holder: the handover goes to
/// the claimant while the other keeps waiting (it must not take a lock
/// handed to someone else), and the claimant's own unlock then wakes the
/// other. Every thread gets in once.
#[test]
fn handover_skips_other_sleepers() {
    model(2, || {
        let g = Arc::new(Guarded {
            word: AtomicU32::new(0),
            data: Racy::new(0),
        });
        assert!(lock::try_lock(&g.word));
        let ts: Vec<_> = (0..2)
            .map(|i| {
                let g = g.clone();
                thread::spawn(move || {
                    lock::lock_with(&g.word, || {});
                    g.data.update(|d| *d += 10 << (4 * i));
                    lock::unlock(&g.word);
                })
            })
            .collect();
        g.data.update(|d| *d += 1);
        lock::unlock(&g.word);
        for t in ts {
            t.join().unwrap();
        }
        assert!(!lock::is_locked(&g.word));
        g.data.read(|&d| assert_eq!(d, 1 + 10 + 160));
    });
}

/// The woken-waiter throttle: the holder releases (waking the sleeper) and
/// retakes the lock before the woken waiter looks, three times over, so the
/// waiter finds the lock retaken, clears `WOKEN` and sleeps again. The
/// waiter never claims here (no handover wakes everyone), so only the
/// throttle's own protocol wakes it: an unlock that saw `WOKEN` wakes
/// nobody, and if the flag could outlive every awake waiter, the sleeper
/// would sleep for ever and loom would report the deadlock. Each thread
/// gets in as often as it asked, and the word ends free with no waiter
/// registered.
#[test]
fn woken_waiter_finds_lock_retaken() {
    model(2, || {
        lock::set_model_claim_after(u32::MAX);
        let g = Arc::new(Guarded {
            word: AtomicU32::new(0),
            data: Racy::new(0),
        });
        let slept = Arc::new(AtomicBool::new(false));
        assert!(lock::try_lock(&g.word));
        let t = {
            let (g, slept) = (g.clone(), slept.clone());
            thread::spawn(move || {
                lock::lock_with(&g.word, || slept.store(true, Ordering::Relaxed));
                g.data.update(|d| *d += 100);
                lock::unlock(&g.word);
            })
        };
        while !slept.load(Ordering::Relaxed) {
            thread::yield_now();
        }
        for _ in 0..3 {
            g.data.update(|d| *d += 1);
            lock::unlock(&g.word);
            lock::lock_with(&g.word, || {});
        }
        g.data.update(|d| *d += 1);
        lock::unlock(&g.word);
        t.join().unwrap();
        assert_eq!(g.word.load(Ordering::Relaxed), 0, "word not back to free");
        g.data.read(|&d| assert_eq!(d, 104));
    });
}

/// A lock word whose sleeps return at once: a futex sleep that timed out
/// (`LockWord::wait` may return early; the native one is bounded by
/// `lock::SLEEP_NS`). A holder that keeps the lock for a turn wakes nobody,
/// so only a bounded sleep lets its waiter claim the lock.
struct TimedOutSleeps(AtomicU32);

impl LockWord for TimedOutSleeps {
    fn try_cas(&self, old: u32, new: u32) -> bool {
        self.0.try_cas(old, new)
    }
    fn release_cas(&self, old: u32, new: u32) -> bool {
        self.0.release_cas(old, new)
    }
    fn relaxed_load(&self) -> u32 {
        self.0.relaxed_load()
    }
    fn relaxed_store(&self, v: u32) {
        self.0.relaxed_store(v)
    }
    fn wait(&self, _expected: u32) {
        thread::yield_now();
    }
    fn wake_one(&self) {}
    fn wake_all(&self) {}
}

/// Turns (`ProtoContext::unlock_object`): the holder keeps the lock across
/// its operations while a waiter is registered (`unlock_or_keep`), and its
/// safepoint (`kept_state`) ends the turn once the waiter has claimed the
/// lock. The holder runs operations until the waiter has been in: a
/// holder that never handed the lock over would loop for ever (loom reports
/// it), and the count proves every operation ran under the lock.
#[test]
fn kept_lock_is_handed_to_a_claiming_waiter() {
    model(2, || {
        lock::set_model_claim_after(1);
        let g = Arc::new(Guarded {
            word: TimedOutSleeps(AtomicU32::new(0)),
            data: Racy::new(0),
        });
        let done = Arc::new(AtomicBool::new(false));
        let t = {
            let (g, done) = (g.clone(), done.clone());
            thread::spawn(move || {
                lock::lock_with(&g.word, || {});
                g.data.update(|d| *d += 1);
                done.store(true, Ordering::Release);
                lock::unlock(&g.word);
            })
        };
        let mut kept = false;
        let mut ops = 0;
        while !done.load(Ordering::Acquire) {
            if !kept {
                lock::lock_with(&g.word, || {});
            }
            g.data.update(|d| *d += 1);
            ops += 1;
            kept = lock::unlock_or_keep(&g.word, true);
            // The safepoint between two operations.
            if kept && lock::kept_state(&g.word) != Some(true) {
                lock::unlock(&g.word);
                kept = false;
            }
            thread::yield_now();
        }
        if kept {
            lock::unlock(&g.word);
        }
        t.join().unwrap();
        assert!(!lock::is_locked(&g.word));
        g.data.read(|&d| assert_eq!(d, ops + 1));
    });
}
