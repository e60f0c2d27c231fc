//! loom models of `proto_core::handshake::Handshake`, the safepoint handshake.
//!
//! Invariants checked:
//! - no mutator runs its "mutator section" (the code between two polls, where
//!   it touches its heap) while a collection is in progress. Each mutator's
//!   heap is a [`Racy`] cell written in every section; the collector writes
//!   every heap between `begin` and `end` (it sweeps them). Any overlap means
//!   two writes unordered by happens-before, which loom reports. A SeqCst
//!   flag additionally names the overlap in the panic message.
//! - the collector never waits for a Blocked thread: a blocked mutator waits
//!   (on a loom condvar) for the collector to finish its collections; if the
//!   collector waited for it, loom reports a deadlock.
//! - back-to-back collections: a mutator parked in the first collection must
//!   stay parked through a second one that starts before it wakes.
#![cfg(loom)]

use loom::sync::atomic::{AtomicBool, Ordering::SeqCst};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use loom_tests::{model, Racy};
use proto_core::handshake::Handshake;

const SWEEP: u64 = 1000;

struct World {
    hs: Handshake,
    heaps: Vec<Racy<u64>>,
    collecting: AtomicBool,
    /// Opened by the collector when all its collections are done.
    gate: Mutex<bool>,
    gate_cv: Condvar,
}

impl World {
    fn new(mutators: usize) -> Arc<World> {
        Arc::new(World {
            hs: Handshake::new(),
            heaps: (0..mutators).map(|_| Racy::new(0)).collect(),
            collecting: AtomicBool::new(false),
            gate: Mutex::new(false),
            gate_cv: Condvar::new(),
        })
    }

    /// A mutator touching its own heap.
    fn section(&self, i: usize) {
        assert!(
            !self.collecting.load(SeqCst),
            "mutator {i} runs during a collection"
        );
        self.heaps[i].update(|h| *h += 1);
    }

    /// The collector's work while the world is stopped: it sweeps every heap.
    fn collect(&self) {
        self.collecting.store(true, SeqCst);
        for h in &self.heaps {
            h.update(|h| *h += SWEEP);
        }
        self.collecting.store(false, SeqCst);
    }

    fn wait_gate(&self) {
        let mut open = self.gate.lock().unwrap();
        while !*open {
            open = self.gate_cv.wait(open).unwrap();
        }
    }

    fn open_gate(&self) {
        *self.gate.lock().unwrap() = true;
        self.gate_cv.notify_all();
    }
}

/// A mutator: register (unless the spawner registered it already, which
/// saves the model the preemptions needed to get it running before the
/// collector starts), work, safepoints, optionally a blocking call that can
/// only end after the collector is done, unregister.
fn mutator(w: &World, i: usize, blocks: bool, registered: bool) {
    if !registered {
        w.hs.register();
    }
    w.section(i);
    w.hs.poll();
    if blocks {
        w.hs.enter_blocked();
        w.wait_gate();
        w.hs.leave_blocked();
    }
    w.section(i);
    w.hs.poll();
    w.section(i);
    w.hs.unregister();
}

/// An external collector (`ProtoSpace::collect_from_outside`): `n` collections.
fn collector(w: &World, n: usize) -> u64 {
    let mut done = 0;
    for _ in 0..n {
        if w.hs.begin(false) {
            w.collect();
            w.hs.end(false);
            done += 1;
        }
    }
    done
}

fn check_heaps(w: &World, collections: u64) {
    for (i, h) in w.heaps.iter().enumerate() {
        h.read(|&h| assert_eq!(h, 3 + SWEEP * collections, "heap {i}"));
    }
    assert_eq!(w.hs.registered(), 0);
    assert_eq!(w.hs.epoch(), collections);
}

/// Spawns mutator threads; `pre_registered`: register them before spawning.
fn spawn_mutators(
    w: &Arc<World>,
    blocked: Option<usize>,
    pre_registered: bool,
) -> Vec<thread::JoinHandle<()>> {
    (0..w.heaps.len())
        .map(|i| {
            if pre_registered {
                w.hs.register();
            }
            let w = w.clone();
            thread::spawn(move || mutator(&w, i, blocked == Some(i), pre_registered))
        })
        .collect()
}

/// Two mutators registering on their own threads (one of them enters a
/// blocking call that lasts until the collection is over) and one external
/// collection.
#[test]
fn one_collection_two_mutators_one_blocked() {
    model(3, || {
        let w = World::new(2);
        let ts = spawn_mutators(&w, Some(0), false);
        let n = collector(&w, 1);
        w.open_gate();
        for t in ts {
            t.join().unwrap();
        }
        check_heaps(&w, n);
    });
}

/// Two back-to-back collections: a mutator parked in the first one must not
/// run during the second (regression model for the parked-thread wake-up
/// bug: with `park` waiting for an epoch change instead of for
/// `!collecting`, this model fails).
#[test]
fn two_back_to_back_collections() {
    model(3, || {
        let w = World::new(2);
        let ts = spawn_mutators(&w, None, true);
        let n = collector(&w, 2);
        assert_eq!(n, 2, "an external collector is never pre-empted by another");
        w.open_gate();
        for t in ts {
            t.join().unwrap();
        }
        check_heaps(&w, n);
    });
}

/// Two back-to-back collections with a mutator in a blocking call that ends
/// only after both: the collector must not wait for it.
#[test]
fn two_collections_with_blocked_mutator() {
    model(3, || {
        let w = World::new(2);
        let ts = spawn_mutators(&w, Some(1), true);
        let n = collector(&w, 2);
        w.open_gate();
        for t in ts {
            t.join().unwrap();
        }
        check_heaps(&w, n);
    });
}

/// Two mutators that both start a collection (`ProtoContext::collect_global`:
/// `begin(true)` until it returns true). Each one's collection sweeps both
/// heaps; the loser behaves as a parked mutator during the winner's.
#[test]
fn two_mutators_both_collect() {
    model(3, || {
        let w = World::new(2);
        let ts: Vec<_> = (0..2)
            .map(|i| {
                let w = w.clone();
                thread::spawn(move || {
                    w.hs.register();
                    w.section(i);
                    loop {
                        if w.hs.begin(true) {
                            w.collect();
                            w.hs.end(true);
                            break;
                        }
                    }
                    w.section(i);
                    w.hs.poll();
                    w.section(i);
                    w.hs.unregister();
                })
            })
            .collect();
        for t in ts {
            t.join().unwrap();
        }
        check_heaps(&w, 2);
    });
}
