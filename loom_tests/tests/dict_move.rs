//! loom model of the entry-move protocol of `proto_core::layouts::dict`
//! (`move_to_end`, `move_to_front`): lock-free lookups racing a writer
//! that moves a key to the front of the order, then to its end.
//!
//! The model mirrors the layout's protocol on loom atomics (the layout's own
//! words are heap atomics loom cannot see, see `sync::heap_atomic`):
//! - writer (holding the object lock; alone here): write the key and value
//!   into the target entry (a reserved front entry, or the next one at the
//!   end) with release stores, point the key's index slot at it (release),
//!   then clear the old entry, key first, then value;
//! - reader (no lock, `layouts::dict::probe` then `Vm::dict_get`): load the
//!   index slot (acquire) and the key of the entry it names; a live key is
//!   compared; a cleared key whose index slot has changed sends the reader
//!   back to the slot; a found entry whose value reads EMPTY (cleared after
//!   its key was read) makes the lookup start again.
//!
//! Property: a lookup of a key that is present throughout always finds it
//! with its value, while it moves to either end; another key's lookup is
//! undisturbed.
#![cfg(loom)]

use loom::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::model_with;

const EMPTY: u64 = 0;
/// Keys and values (non-zero); K moves, J stays.
const K: u64 = 7;
const VK: u64 = 70;
const J: u64 = 9;
const VJ: u64 = 90;

/// Entries 0 (reserved front entry), 1 (K), 2 (J), 3 (free at the end);
/// one index slot per key holding `entry + 1`.
struct Table {
    keys: Vec<AtomicU64>,
    values: Vec<AtomicU64>,
    slot_k: AtomicUsize,
    slot_j: AtomicUsize,
}

impl Table {
    fn new() -> Table {
        let keys = [EMPTY, K, J, EMPTY].map(AtomicU64::new).into();
        let values = [EMPTY, VK, VJ, EMPTY].map(AtomicU64::new).into();
        Table {
            keys,
            values,
            slot_k: AtomicUsize::new(2),
            slot_j: AtomicUsize::new(3),
        }
    }

    /// Moves K from entry `from` to entry `to` (`move_to_front` into a
    /// reserved entry, or `move_to_end` into the next free one).
    fn move_k(&self, from: usize, to: usize) {
        let v = self.values[from].load(Ordering::Relaxed);
        self.keys[to].store(K, Ordering::Release);
        self.values[to].store(v, Ordering::Release);
        self.slot_k.store(to + 1, Ordering::Release);
        self.keys[from].store(EMPTY, Ordering::Release);
        self.values[from].store(EMPTY, Ordering::Release);
    }

    /// A lock-free lookup of `key` through its index slot `slot`: its
    /// value, or None when the probe ended without finding it.
    fn lookup(&self, key: u64, slot: &AtomicUsize) -> Option<u64> {
        'lookup: loop {
            let mut idx = slot.load(Ordering::Acquire);
            loop {
                if idx == 0 {
                    return None;
                }
                let e = idx - 1;
                let k = self.keys[e].load(Ordering::Acquire);
                if k == key {
                    let v = self.values[e].load(Ordering::Acquire);
                    if v == EMPTY {
                        continue 'lookup;
                    }
                    return Some(v);
                }
                if k == EMPTY {
                    let again = slot.load(Ordering::Acquire);
                    if again != idx {
                        idx = again;
                        continue;
                    }
                }
                // The next slot of the probe sequence: empty in this table.
                return None;
            }
        }
    }
}

/// K moves to the front (into the reserved entry), then to the end, while a
/// reader looks K and J up twice each: every lookup finds its value.
#[test]
fn lookups_race_moves_to_both_ends() {
    model_with(
        3,
        |b| b.max_branches = 100_000,
        || {
            let t = Arc::new(Table::new());
            let w = {
                let t = t.clone();
                thread::spawn(move || {
                    t.move_k(1, 0);
                    t.move_k(0, 3);
                })
            };
            for _ in 0..2 {
                assert_eq!(t.lookup(K, &t.slot_k), Some(VK), "moving key missed");
                assert_eq!(t.lookup(J, &t.slot_j), Some(VJ), "other key missed");
            }
            w.join().unwrap();
            assert_eq!(t.lookup(K, &t.slot_k), Some(VK));
            assert_eq!(t.slot_k.load(Ordering::Relaxed), 4);
        },
    );
}
