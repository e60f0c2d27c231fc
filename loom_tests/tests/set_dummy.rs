//! loom model of a set table's dummy slots (`proto_core::layouts::dict`,
//! "set tables"): lock-free lookups racing a writer that deletes a key
//! (its index slot becomes a dummy) and then inserts another key that takes
//! that dummy's slot, as CPython's `set_add_entry` reuses it.
//!
//! The model mirrors the layout's protocol on loom atomics (the layout's own
//! words are heap atomics loom cannot see, see `sync::heap_atomic`):
//! - writer (holding the object lock; alone here): delete = clear the
//!   entry's key, then its value, then store DUMMY in its index slot
//!   (`delete`); insert = write the new entry's key and value (release),
//!   then point the dummy's slot at it (release) (`set_insert_at`);
//! - reader (no lock, `probe_set_in` then `Vm::set_contains`/`dict_get`):
//!   walk the probe sequence's slots (acquire): an empty slot ends the walk,
//!   a dummy is passed over, an entry's key is compared; a cleared key whose
//!   slot has changed sends the reader back to that slot; a found entry whose
//!   value reads EMPTY (cleared after its key was read) makes the lookup
//!   start again.
//!
//! Property: a key present throughout is always found with its value; the
//! deleted key and the inserted one are found or not, never with a wrong
//! value; once the writer is done, exactly the new key set is seen.
#![cfg(loom)]

use loom::sync::atomic::{AtomicU64, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::model_with;

const EMPTY: u64 = 0;
/// An index slot left by a deleted key.
const DUMMY: u64 = u64::MAX;
/// Keys and values (non-zero): X is deleted, Y inserted, Z stays. All three
/// share one probe sequence: slots 0, 1, 2.
const X: u64 = 3;
const VX: u64 = 30;
const Y: u64 = 5;
const VY: u64 = 50;
const Z: u64 = 7;
const VZ: u64 = 70;

/// Entries 0 (X), 1 (Z), 2 (free); index slots 0 (X), 1 (Z), 2 (empty),
/// each holding `entry + 1`.
struct Table {
    keys: Vec<AtomicU64>,
    values: Vec<AtomicU64>,
    slots: Vec<AtomicU64>,
}

impl Table {
    fn new() -> Table {
        Table {
            keys: [X, Z, EMPTY].map(AtomicU64::new).into(),
            values: [VX, VZ, EMPTY].map(AtomicU64::new).into(),
            slots: [1, 2, 0].map(AtomicU64::new).into(),
        }
    }

    /// Deletes X (entry 0, slot 0), then inserts Y into entry 2 at the
    /// dummy slot 0 (the last dummy before the empty slot 2).
    fn delete_x_insert_y(&self) {
        self.keys[0].store(EMPTY, Ordering::Release);
        self.values[0].store(EMPTY, Ordering::Release);
        self.slots[0].store(DUMMY, Ordering::Release);
        self.keys[2].store(Y, Ordering::Release);
        self.values[2].store(VY, Ordering::Release);
        self.slots[0].store(3, Ordering::Release);
    }

    /// A lock-free lookup of `key`: its value, or None when the walk met
    /// an empty slot first.
    fn lookup(&self, key: u64) -> Option<u64> {
        'lookup: loop {
            let mut s = 0;
            while s < self.slots.len() {
                let w = self.slots[s].load(Ordering::Acquire);
                if w == 0 {
                    return None;
                }
                if w != DUMMY {
                    let e = (w - 1) as usize;
                    let k = self.keys[e].load(Ordering::Acquire);
                    if k == key {
                        let v = self.values[e].load(Ordering::Acquire);
                        if v == EMPTY {
                            continue 'lookup;
                        }
                        return Some(v);
                    }
                    if k == EMPTY && self.slots[s].load(Ordering::Acquire) != w {
                        continue;
                    }
                }
                s += 1;
            }
            return None;
        }
    }
}

/// The writer deletes X and inserts Y in X's dummy slot while a reader
/// looks up Z, X and Y: Z is always found, X and Y with their own values
/// or not at all.
#[test]
fn lookups_race_a_dummy_taken_by_a_new_key() {
    model_with(
        3,
        |b| b.max_branches = 100_000,
        || {
            let t = Arc::new(Table::new());
            let w = {
                let t = t.clone();
                thread::spawn(move || t.delete_x_insert_y())
            };
            assert_eq!(t.lookup(Z), Some(VZ), "a key present throughout was missed");
            assert!(
                matches!(t.lookup(X), None | Some(VX)),
                "deleted key, wrong value"
            );
            assert!(
                matches!(t.lookup(Y), None | Some(VY)),
                "new key, wrong value"
            );
            assert_eq!(t.lookup(Z), Some(VZ), "a key present throughout was missed");
            w.join().unwrap();
            assert_eq!(t.lookup(X), None);
            assert_eq!(t.lookup(Y), Some(VY));
            assert_eq!(t.lookup(Z), Some(VZ));
        },
    );
}
