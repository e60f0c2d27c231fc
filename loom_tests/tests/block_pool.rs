//! loom model of `proto_core::space::BlockPool`, the block handoff between
//! contexts and the space: a block taken from the pool is owned by exactly
//! one thread until it is put back. Each block's memory is a [`Racy`] cell,
//! so two threads holding the same block at once (or a handoff without
//! happens-before) fails the model; an atomic "held" flag per block names
//! the double ownership in the panic message.
#![cfg(loom)]

use loom::sync::atomic::{AtomicBool, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::{model, Racy};
use proto_core::space::BlockPool;

const NBLOCKS: usize = 3;

struct Blocks {
    pool: BlockPool<usize>,
    mem: Vec<Racy<u64>>,
    held: Vec<AtomicBool>,
}

impl Blocks {
    fn own(&self, b: usize) {
        assert!(
            !self.held[b].swap(true, Ordering::Relaxed),
            "block {b} held twice"
        );
        self.mem[b].update(|m| *m += 1);
    }
    fn give_back(&self, b: usize) {
        self.mem[b].update(|m| *m += 0);
        self.held[b].store(false, Ordering::Relaxed);
        self.pool.put(b);
    }
}

#[test]
fn blocks_have_one_owner() {
    model(3, || {
        let bl = Arc::new(Blocks {
            pool: BlockPool::new(),
            mem: (0..NBLOCKS).map(|_| Racy::new(0)).collect(),
            held: (0..NBLOCKS).map(|_| AtomicBool::new(false)).collect(),
        });
        for b in 0..NBLOCKS {
            bl.pool.put(b);
        }
        let t1 = {
            let bl = bl.clone();
            thread::spawn(move || {
                let mut n = 0;
                for _ in 0..2 {
                    if let Some(b) = bl.pool.take() {
                        bl.own(b);
                        bl.give_back(b);
                        n += 1;
                    }
                }
                n
            })
        };
        let t2 = {
            let bl = bl.clone();
            thread::spawn(move || {
                let mut n = 0;
                // A context looking for an orphan of its size class.
                if let Some(b) = bl.pool.take_if(|&b| b % 2 == 0) {
                    assert_eq!(b % 2, 0);
                    bl.own(b);
                    bl.give_back(b);
                    n += 1;
                }
                if let Some(b) = bl.pool.take() {
                    bl.own(b);
                    bl.give_back(b);
                    n += 1;
                }
                n
            })
        };
        // The collector trims the pool to a reserve and returns the rest.
        let trimmed = bl.pool.trim(1);
        for &b in &trimmed {
            bl.own(b);
        }
        let n_main = trimmed.len() as u64;
        for b in trimmed {
            bl.give_back(b);
        }
        let n = t1.join().unwrap() + t2.join().unwrap() + n_main;
        // Every block is back in the pool exactly once.
        let mut all = bl.pool.with_all(|v| v.clone());
        all.sort_unstable();
        assert_eq!(all, (0..NBLOCKS).collect::<Vec<_>>());
        assert_eq!(bl.pool.len(), NBLOCKS);
        let total: u64 = bl.mem.iter().map(|m| m.read(|&m| m)).sum();
        assert_eq!(total, n);
    });
}
