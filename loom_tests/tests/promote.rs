//! loom models of promotion and publication (`proto_core::promote::promote`,
//! the algorithm `ProtoContext::store`'s write barrier runs), over a tiny
//! object graph built from loom atomics with the orderings of the real heap
//! (object.rs, context.rs, promote.rs):
//! - the SHARED bit is set with relaxed load/store by the owner
//!   (`promote::Heap::set_shared`);
//! - value slots are initialised with release stores (`Obj::init`) and read
//!   with acquire loads (`Obj::get`, `Obj::for_each_ref`);
//! - the barrier promotes *before* the release store that publishes the
//!   value into the shared object (`ProtoContext::store` -> `Obj::store_raw`);
//! - raw bytes are plain memory written before publication ([`Racy`] here, so
//!   loom checks the reader is ordered after the writes).
//!
//! A concurrent reader acquires the published slot and checks, for every
//! object it reaches: SHARED is set, the raw payload is fully initialised, and
//! no shared object points to a local one (the barrier's invariant).
#![cfg(loom)]

use loom::sync::atomic::{AtomicU64, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::{model, Racy};
use proto_core::promote::{promote, PromoteGraph};

const SHARED: u64 = 1 << 8; // proto_core::object::SHARED
const NKIDS: usize = 2;

/// One object: header meta, `NKIDS` value slots (0 = EMPTY, k + 1 = node k),
/// and a raw payload.
struct Node {
    meta: AtomicU64,
    kids: [AtomicU64; NKIDS],
    raw: Racy<u64>,
}

struct Graph {
    nodes: Vec<Node>,
}

impl PromoteGraph for Graph {
    type Node = usize;
    fn set_shared(&self, n: usize) -> bool {
        // As `promote::Heap::set_shared`.
        let meta = &self.nodes[n].meta;
        let m = meta.load(Ordering::Relaxed);
        if m & SHARED != 0 {
            return false;
        }
        meta.store(m | SHARED, Ordering::Relaxed);
        true
    }
    fn for_each_child(&self, n: usize, f: &mut dyn FnMut(usize)) {
        // As `Obj::for_each_ref`: acquire loads of the value slots.
        for k in &self.nodes[n].kids {
            let v = k.load(Ordering::Acquire);
            if v != 0 {
                f(v as usize - 1);
            }
        }
    }
}

/// How the writer publishes: the real barrier, or deliberately broken ones
/// (negative controls proving the model detects the bug class).
#[derive(Clone, Copy, PartialEq)]
enum Barrier {
    Real,
    PublishRelaxed,
    StoreThenPromote,
}

impl Graph {
    fn new(n: usize) -> Arc<Graph> {
        Arc::new(Graph {
            nodes: (0..n)
                .map(|_| Node {
                    meta: AtomicU64::new(0),
                    kids: [AtomicU64::new(0), AtomicU64::new(0)],
                    raw: Racy::new(0),
                })
                .collect(),
        })
    }
    fn is_shared(&self, n: usize) -> bool {
        // As `Obj::is_shared`: a relaxed load of meta.
        self.nodes[n].meta.load(Ordering::Relaxed) & SHARED != 0
    }
    /// The owner creates local node `n` with payload and children (`Obj::init`).
    fn build(&self, n: usize, kids: &[usize]) {
        self.nodes[n].raw.update(|r| *r = payload(n));
        for (i, &k) in kids.iter().enumerate() {
            self.nodes[n].kids[i].store(k as u64 + 1, Ordering::Release);
        }
    }
    /// `ProtoContext::store(obj, i, v)`.
    fn store(&self, obj: usize, i: usize, v: usize, barrier: Barrier, stack: &mut Vec<usize>) {
        let slot = &self.nodes[obj].kids[i];
        match barrier {
            Barrier::Real => {
                if self.is_shared(obj) && !self.is_shared(v) {
                    promote(self, v, stack);
                }
                slot.store(v as u64 + 1, Ordering::Release);
            }
            Barrier::PublishRelaxed => {
                if self.is_shared(obj) && !self.is_shared(v) {
                    promote(self, v, stack);
                }
                slot.store(v as u64 + 1, Ordering::Relaxed);
            }
            Barrier::StoreThenPromote => {
                slot.store(v as u64 + 1, Ordering::Release);
                if self.is_shared(obj) && !self.is_shared(v) {
                    promote(self, v, stack);
                }
            }
        }
    }
    /// A reader on another thread: acquire the slot, walk what it reaches.
    /// Returns the number of nodes reached.
    fn read_walk(&self, holder: usize, i: usize) -> usize {
        let v = self.nodes[holder].kids[i].load(Ordering::Acquire);
        if v == 0 {
            return 0;
        }
        let mut seen = 0u64;
        let mut stack = vec![v as usize - 1];
        let mut n = 0;
        while let Some(o) = stack.pop() {
            if seen & (1 << o) != 0 {
                continue;
            }
            seen |= 1 << o;
            n += 1;
            assert!(
                self.is_shared(o),
                "reader reached local node {o}: barrier invariant broken"
            );
            self.nodes[o]
                .raw
                .read(|&r| assert_eq!(r, payload(o), "node {o} not initialised"));
            self.for_each_child(o, &mut |c| stack.push(c));
        }
        n
    }
}

fn payload(n: usize) -> u64 {
    0xC0FFEE00 + n as u64
}

/// Node 0 is a shared holder (a module, a mailbox). The writer builds
/// 1 -> {2, 3}, 2 -> {3} locally, stores 1 into the holder (promotion of all
/// three), then builds 4 -> {1, 5} and replaces the holder's slot with it
/// (promotes 4 and 5, stops at the already-shared 1); node 6 stays local and
/// is modified after publication. The reader reads the slot twice.
fn scenario(barrier: Barrier, bound: usize) {
    model(bound, move || {
        let g = Graph::new(7);
        g.nodes[0].meta.store(SHARED, Ordering::Relaxed);
        let reader = {
            let g = g.clone();
            thread::spawn(move || {
                let a = g.read_walk(0, 0);
                let b = g.read_walk(0, 0);
                assert!(a == 0 || a == 3 || a == 5, "first read saw {a} nodes");
                assert!(b == 0 || b == 3 || b == 5, "second read saw {b} nodes");
                assert!(a <= b, "reads go forward: {a} then {b}");
            })
        };
        let mut stack = Vec::new();
        g.build(3, &[]);
        g.build(2, &[3]);
        g.build(1, &[2, 3]);
        g.build(6, &[1]);
        g.store(0, 0, 1, barrier, &mut stack);
        g.build(5, &[]);
        g.build(4, &[1, 5]);
        g.store(0, 0, 4, barrier, &mut stack);
        // A local object keeps being written after publication: no reader can reach it.
        g.nodes[6].raw.update(|r| *r += 1);
        reader.join().unwrap();
        for n in 1..=5 {
            assert!(g.is_shared(n), "node {n} should be shared");
        }
        assert!(!g.is_shared(6), "node 6 was never published");
    });
}

#[test]
fn promoted_graph_is_seen_shared_and_initialised() {
    scenario(Barrier::Real, 3);
}

/// Two owners publish into two slots of one shared holder; the second
/// owner's graph points at what the first published (acquired from the
/// holder), so a shared object of one thread references another's.
#[test]
fn two_publishers_cross_references() {
    model(2, || {
        let g = Graph::new(5);
        g.nodes[0].meta.store(SHARED, Ordering::Relaxed);
        let t = {
            let g = g.clone();
            thread::spawn(move || {
                let mut stack = Vec::new();
                g.build(2, &[]);
                g.build(1, &[2]);
                g.store(0, 0, 1, Barrier::Real, &mut stack);
            })
        };
        let mut stack = Vec::new();
        let seen = g.nodes[0].kids[0].load(Ordering::Acquire);
        g.build(4, &[]);
        if seen != 0 {
            g.build(3, &[4, seen as usize - 1]);
        } else {
            g.build(3, &[4]);
        }
        g.store(0, 1, 3, Barrier::Real, &mut stack);
        let n = g.read_walk(0, 1);
        assert_eq!(n, if seen != 0 { 4 } else { 2 });
        t.join().unwrap();
        assert_eq!(g.read_walk(0, 0), 2);
    });
}

/// Negative control: publishing with a relaxed store lets the reader see
/// the object before its payload (loom reports the race).
#[test]
#[should_panic]
fn relaxed_publication_is_caught() {
    scenario(Barrier::PublishRelaxed, 2);
}

/// Negative control: storing before promoting lets the reader reach a
/// local object.
#[test]
#[should_panic]
fn store_before_promotion_is_caught() {
    scenario(Barrier::StoreThenPromote, 2);
}
