//! loom model of `proto_core::fairlock::Handover` as `threading.Lock`
//! uses it (`python_env/src/modules/_thread`): the lock's state (held and
//! the handover flags) under a mutex, waiters on a condvar. A thread that
//! takes the lock without waiting whenever it is free (barging) runs
//! beside a waiter that claims the lock after losing once; the release that
//! finds the claim hands the lock over. The critical section writes a
//! [`Racy`] cell, so two holders at once fail the model; a handover whose
//! wake-up is lost, or a claim that nobody honours, leaves the waiter
//! blocked for ever, which loom reports as a deadlock.
#![cfg(loom)]

use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use loom_tests::{model, Racy};
use proto_core::fairlock::{Handover, Took};

#[derive(Default)]
struct Word {
    held: bool,
    hv: Handover,
}

struct Lock {
    m: Mutex<Word>,
    cv: Condvar,
    data: Racy<u32>,
}

impl Lock {
    /// Takes the lock if it is free and unclaimed (the barging path).
    fn try_acquire(&self) -> bool {
        let mut w = self.m.lock().unwrap();
        if w.held || !w.hv.open() {
            return false;
        }
        w.held = true;
        true
    }

    /// Waits for the lock; `claims`: this waiter claims it after losing once.
    fn acquire(&self, claims: bool) {
        let mut w = self.m.lock().unwrap();
        let mut claimant = false;
        let mut lost = false;
        loop {
            let free = !w.held;
            match w.hv.try_take(free, claims && lost, &mut claimant) {
                Some(Took::Free) => {
                    w.held = true;
                    return;
                }
                Some(Took::Handed) => {
                    assert!(w.held, "a handed lock stays held");
                    return;
                }
                None => {}
            }
            lost = true;
            w = self.cv.wait(w).unwrap();
        }
    }

    fn release(&self) {
        let mut w = self.m.lock().unwrap();
        assert!(w.held);
        if w.hv.hand_over() {
            drop(w);
            self.cv.notify_all();
            return;
        }
        w.held = false;
        drop(w);
        self.cv.notify_one();
    }

    fn critical(&self) {
        self.data.update(|d| *d += 1);
    }
}

#[test]
fn a_claiming_waiter_gets_the_lock_from_a_barging_holder() {
    model(3, || {
        let l = Arc::new(Lock {
            m: Mutex::new(Word::default()),
            cv: Condvar::new(),
            data: Racy::new(0),
        });
        let l2 = l.clone();
        let waiter = thread::spawn(move || {
            l2.acquire(true);
            l2.critical();
            l2.release();
        });
        // The barging holder: takes the lock whenever it is free, three times.
        let mut rounds = 0;
        while rounds < 3 {
            if l.try_acquire() {
                l.critical();
                l.release();
                rounds += 1;
            } else {
                thread::yield_now();
            }
        }
        waiter.join().unwrap();
        assert_eq!(l.data.read(|d| *d), 4);
        let w = l.m.lock().unwrap();
        assert!(!w.held && w.hv.open());
    });
}

#[test]
fn two_waiters_and_a_holder_all_get_through() {
    model(2, || {
        let l = Arc::new(Lock {
            m: Mutex::new(Word::default()),
            cv: Condvar::new(),
            data: Racy::new(0),
        });
        let hs: Vec<_> = (0..2)
            .map(|_| {
                let l = l.clone();
                thread::spawn(move || {
                    l.acquire(true);
                    l.critical();
                    l.release();
                })
            })
            .collect();
        l.acquire(false);
        l.critical();
        l.release();
        for h in hs {
            h.join().unwrap();
        }
        assert_eq!(l.data.read(|d| *d), 3);
    });
}
