//! loom models of `proto_core::keylock::KeyLocks`, the per-module import
//! locks: two threads importing one module never run its body at once (the
//! module's state is a [`Racy`] cell, so overlapping bodies or a handoff
//! without happens-before fails the model), the second one sees the first
//! one's finished module; and two threads that each hold one module and ask
//! for the other's are told of the deadlock instead of waiting for ever (a
//! lost wake-up or a missed cycle makes loom report the deadlock).
#![cfg(loom)]

use loom::sync::Arc;
use loom::thread;
use loom_tests::{model, Racy};
use proto_core::keylock::{Acquire, KeyLocks};

fn run(f: &mut dyn FnMut()) {
    f()
}

/// The import of one module: load it unless the lock's previous holder did.
fn import(l: &KeyLocks<u8>, module: &Racy<u32>, me: u64) {
    match l.acquire(&0, me, run) {
        Acquire::Owned { .. } => {
            module.update(|m| {
                if *m == 0 {
                    *m = 1;
                }
            });
            l.release(&0, me);
        }
        r => panic!("unexpected {r:?}"),
    }
}

#[test]
fn one_module_is_loaded_once() {
    model(3, || {
        let l = Arc::new(KeyLocks::<u8>::new());
        let module = Arc::new(Racy::new(0u32));
        let (l2, m2) = (l.clone(), module.clone());
        let t = thread::spawn(move || import(&l2, &m2, 2));
        import(&l, &module, 1);
        t.join().unwrap();
        assert_eq!(module.read(|m| *m), 1);
        assert!(!l.any_held());
    });
}

#[test]
fn crossed_imports_report_the_deadlock() {
    model(3, || {
        let l = Arc::new(KeyLocks::<u8>::new());
        let l2 = l.clone();
        // Thread 2: holds module 1, then asks for module 0.
        let t = thread::spawn(move || {
            assert!(matches!(l2.acquire(&1, 2, run), Acquire::Owned { .. }));
            let r = l2.acquire(&0, 2, run);
            if let Acquire::Owned { .. } = r {
                l2.release(&0, 2);
            }
            l2.release(&1, 2);
            r
        });
        // Thread 1: holds module 0, then asks for module 1.
        assert!(matches!(l.acquire(&0, 1, run), Acquire::Owned { .. }));
        let r1 = l.acquire(&1, 1, run);
        if let Acquire::Owned { .. } = r1 {
            l.release(&1, 1);
        }
        l.release(&0, 1);
        let r2 = t.join().unwrap();
        // Both may finish without a cycle (one ran before the other asked);
        // never both told of a deadlock.
        assert!(!(r1 == Acquire::Deadlock && r2 == Acquire::Deadlock));
        assert!(!l.any_held());
    });
}
