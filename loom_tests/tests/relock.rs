//! loom models of `proto_core::relock::ReLock`, the re-entrant operation
//! lock of native objects (SQLite connections, expat parsers): two threads
//! that each take it, take it again inside (re-entry by the owner), and
//! update shared state never overlap (the state is a [`Racy`] cell, so an
//! overlap or a hand-over without happens-before fails the model), and
//! every update lands; a lost wake-up of the waiter makes loom report a
//! deadlock.
#![cfg(loom)]

use loom::sync::Arc;
use loom::thread;
use loom_tests::{model, Racy};
use proto_core::relock::ReLock;

fn run(f: &mut dyn FnMut()) {
    f()
}

fn operation(l: &ReLock, state: &Racy<u32>, me: u64) {
    let _outer = l.acquire_with(me, run);
    state.update(|s| *s += 1);
    {
        // The owner takes it again (a callback using its own object).
        let _inner = l.acquire_with(me, run);
        state.update(|s| *s += 10);
    }
    state.update(|s| *s += 100);
}

#[test]
fn two_threads_with_reentry_never_overlap() {
    model(3, || {
        let l = Arc::new(ReLock::new());
        let state = Arc::new(Racy::new(0u32));
        let (l2, s2) = (l.clone(), state.clone());
        let t = thread::spawn(move || operation(&l2, &s2, 2));
        operation(&l, &state, 1);
        t.join().unwrap();
        assert_eq!(state.read(|s| *s), 222);
        assert!(!l.is_held());
    });
}

#[test]
fn a_waiter_gets_the_lock_after_the_last_release() {
    model(3, || {
        let l = Arc::new(ReLock::new());
        let state = Arc::new(Racy::new(0u32));
        let outer = l.acquire_with(1, run);
        let inner = l.acquire_with(1, run);
        let (l2, s2) = (l.clone(), state.clone());
        let t = thread::spawn(move || {
            let _g = l2.acquire_with(2, run);
            s2.update(|s| *s += 1);
        });
        state.update(|s| *s += 1);
        drop(inner);
        state.update(|s| *s += 1);
        drop(outer);
        t.join().unwrap();
        assert_eq!(state.read(|s| *s), 3);
        assert!(!l.is_held());
    });
}
