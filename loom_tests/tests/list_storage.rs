//! loom model of the shared-list protocol of `proto_core::layouts::list`:
//! lock-free readers racing an appender that replaces the storage.
//!
//! The model mirrors the layout's protocol on loom atomics (the layout's own
//! words are heap atomics loom cannot see, see `sync::heap_atomic`):
//! - writer (holding the object lock, `proto_core::lock` on a loom
//!   `AtomicU32`): when full, build a new storage, copy the items, publish it
//!   with one release store; write the item (release); raise the length
//!   (release);
//! - reader (no lock): load the length (acquire), then the storage (acquire);
//!   read item `i` only when `i` is below both the length and the capacity.
//!
//! Property: every index below the length a reader loaded is readable in the
//! storage it loaded afterwards and holds the value appended there (never a
//! torn, missing or stale item). Replaced storages are never freed here (the
//! collector reclaims them only when no reader can hold them).
#![cfg(loom)]

use loom::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::model_with;
use proto_core::lock;
use proto_core::sync::AtomicU32;

/// Storages: index 0 has capacity 2, index 1 capacity 4 (after growth).
const CAPS: [usize; 2] = [2, 4];

struct List {
    lock: AtomicU32,
    len: AtomicUsize,
    storage: AtomicUsize,
    slots: [Vec<AtomicU64>; 2],
}

impl List {
    fn new() -> List {
        List {
            lock: AtomicU32::new(0),
            len: AtomicUsize::new(0),
            storage: AtomicUsize::new(0),
            slots: [
                (0..CAPS[0]).map(|_| AtomicU64::new(0)).collect(),
                (0..CAPS[1]).map(|_| AtomicU64::new(0)).collect(),
            ],
        }
    }

    fn append(&self, v: u64) {
        lock::lock_with(&self.lock, || {});
        let n = self.len.load(Ordering::Relaxed);
        let mut st = self.storage.load(Ordering::Relaxed);
        if n >= CAPS[st] {
            let ns = st + 1;
            for i in 0..n {
                let x = self.slots[st][i].load(Ordering::Relaxed);
                self.slots[ns][i].store(x, Ordering::Relaxed);
            }
            self.storage.store(ns, Ordering::Release);
            st = ns;
        }
        self.slots[st][n].store(v, Ordering::Release);
        self.len.store(n + 1, Ordering::Release);
        lock::unlock(&self.lock);
    }

    /// The reader's snapshot: `(len, items read)`.
    fn read_all(&self) -> (usize, Vec<Option<u64>>) {
        let n = self.len.load(Ordering::Acquire);
        let st = self.storage.load(Ordering::Acquire);
        let items = (0..n)
            .map(|i| {
                if i < CAPS[st] {
                    Some(self.slots[st][i].load(Ordering::Acquire))
                } else {
                    None
                }
            })
            .collect();
        (n, items)
    }
}

/// One appender grows the list past its first storage while a reader reads
/// twice without a lock: each read sees a prefix `1..=n` exactly.
#[test]
fn reader_races_append_with_storage_replacement() {
    model_with(
        3,
        |b| b.max_branches = 100_000,
        || {
            let l = Arc::new(List::new());
            l.append(1);
            let w = {
                let l = l.clone();
                thread::spawn(move || {
                    l.append(2);
                    l.append(3); // replaces the storage (capacity 2 -> 4)
                })
            };
            // The reader in a thread of its own: loom interleaves spawned
            // threads (with the model's own thread as the reader, it ran
            // one execution only).
            let r = {
                let l = l.clone();
                thread::spawn(move || {
                    let mut last = 0;
                    for _ in 0..2 {
                        let (n, items) = l.read_all();
                        assert!(n >= last, "length went backwards");
                        last = n;
                        for (i, v) in items.into_iter().enumerate() {
                            assert_eq!(v, Some(i as u64 + 1), "item {i} of {n} not visible");
                        }
                    }
                })
            };
            r.join().unwrap();
            w.join().unwrap();
            let (n, items) = l.read_all();
            assert_eq!(n, 3);
            assert_eq!(items, vec![Some(1), Some(2), Some(3)]);
        },
    );
}
