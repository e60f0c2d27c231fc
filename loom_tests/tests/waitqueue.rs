//! loom models of the condition variable's wait queue
//! (`proto_core::waitqueue`), used as `threading.Condition` uses it: a
//! waiter enqueues itself while it holds the condition's lock, releases the
//! lock and sleeps on its own flag; a notifier takes the lock, changes the
//! guarded state and wakes the oldest waiters. A lost wake-up leaves a
//! waiter asleep for ever, which loom reports as a deadlock.
#![cfg(loom)]

use loom::sync::{Arc, Mutex};
use loom::thread;
use loom_tests::model;
use proto_core::sync;
use proto_core::waitqueue::WaitQueue;

/// The condition: its lock guards `ready`; `q` holds the waiters.
struct Cond {
    ready: Mutex<u32>,
    q: WaitQueue,
}

fn new_cond() -> Arc<Cond> {
    Arc::new(Cond {
        ready: Mutex::new(0),
        q: WaitQueue::new(),
    })
}

/// `with cond: while not ready: cond.wait()`, then takes one unit of
/// `ready` (a semaphore's acquire: one notify per unit is then enough).
fn take_one(c: &Cond) {
    let mut g = sync::lock(&c.ready);
    while *g == 0 {
        let w = c.q.push();
        drop(g);
        assert!(w.wait_until(None));
        g = sync::lock(&c.ready);
    }
    *g -= 1;
}

/// `with cond: ready += 1; cond.notify(n)`.
fn bump_and_notify(c: &Cond, n: usize) {
    let mut g = sync::lock(&c.ready);
    *g += 1;
    c.q.notify(n);
    drop(g);
}

/// One waiter, one notifier: whichever runs first, the waiter ends.
#[test]
fn notify_is_never_lost() {
    model(3, || {
        let c = new_cond();
        let t = {
            let c = c.clone();
            thread::spawn(move || take_one(&c))
        };
        bump_and_notify(&c, 1);
        t.join().unwrap();
        assert!(c.q.is_empty());
    });
}

/// Two waiters and two single notifies, one per unit: a notify wakes the
/// oldest waiter, and a woken waiter that finds no unit left waits again,
/// so both end whatever the interleaving.
#[test]
fn notify_one_wakes_each_waiter_once() {
    model(2, || {
        let c = new_cond();
        let ts: Vec<_> = (0..2)
            .map(|_| {
                let c = c.clone();
                thread::spawn(move || take_one(&c))
            })
            .collect();
        bump_and_notify(&c, 1);
        bump_and_notify(&c, 1);
        for t in ts {
            t.join().unwrap();
        }
    });
}

/// A waiter that gives up (here: before sleeping) removes itself; a
/// notify racing with it either wakes it or finds the queue empty, and the
/// queue ends empty either way.
#[test]
fn abandoned_waiter_leaves_the_queue() {
    model(3, || {
        let c = new_cond();
        let t = {
            let c = c.clone();
            thread::spawn(move || {
                let g = sync::lock(&c.ready);
                let w = c.q.push();
                drop(g);
                if !w.is_woken() {
                    c.q.remove(&w);
                }
            })
        };
        let woke = c.q.notify(1);
        t.join().unwrap();
        assert!(woke <= 1);
        assert!(c.q.is_empty());
    });
}
