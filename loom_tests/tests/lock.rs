//! loom models of the object lock (`proto_core::lock`): `lock_with`,
//! `try_lock`, `unlock`, `is_locked` over `proto_core::sync::AtomicU32`
//! (loom's under `cfg(loom)`), the very `LockWord` implementation the
//! interpreter's lock words use natively.
//!
//! The protected data is a [`Racy`] cell: if two threads could hold the lock
//! at once, or the lock lacked acquire/release ordering, loom would report the
//! unsynchronised accesses.
#![cfg(loom)]

use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::{model_with, Racy};

/// The lock spins 64 times (each a loom branch) before calling `on_wait`.
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
/// then `lock_with`s: mutual exclusion and an exact count. (A third
/// contender makes the spinning model too large for the time budget.)
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
        fn release_store(&self, v: u32) {
            self.0.store(v, Ordering::Relaxed)
        }
        fn relaxed_load(&self) -> u32 {
            self.0.load(Ordering::Relaxed)
        }
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
