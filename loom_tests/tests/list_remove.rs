//! loom model of `list.remove` on a shared list racing `list.reverse`
//! (`python_env/src/types/list.rs`), the race behind
//! `tests/py/threading/race_list_rewrites.py`.
//!
//! The list is three item words under a `proto_core::lock` word; `reverse`
//! swaps the items under the lock (as `layouts::list::reverse` does), so the
//! item being removed is always in the list. Two protocols for `remove`:
//! - the one `list.remove` uses for items compared without Python code:
//!   search and remove in one locked step;
//! - the one it used before: search without the lock, then lock and remove
//!   the item found if it is still in place. A reverse between two reads of
//!   the search moves the item from ahead of the search to behind it, and
//!   the search reports "x not in list" for an item that never left the list
//!   (the negative control must fail, and does).
#![cfg(loom)]

use loom::sync::atomic::{AtomicU64, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::model;
use proto_core::lock;
use proto_core::sync::AtomicU32;

const TARGET: u64 = 9;

struct List {
    lock: AtomicU32,
    items: [AtomicU64; 3],
}

impl List {
    fn new() -> List {
        List {
            lock: AtomicU32::new(0),
            items: [AtomicU64::new(1), AtomicU64::new(2), AtomicU64::new(TARGET)],
        }
    }

    fn with_lock<R>(&self, f: impl FnOnce() -> R) -> R {
        lock::lock_with(&self.lock, || {});
        let r = f();
        lock::unlock(&self.lock);
        r
    }

    /// Reads item `i`, then lets the other thread run (each step of a
    /// search is a point where a Python thread may be preempted).
    fn get(&self, i: usize) -> u64 {
        let v = self.items[i].load(Ordering::Acquire);
        thread::yield_now();
        v
    }

    fn reverse(&self) {
        self.with_lock(|| {
            let (a, c) = (self.get(0), self.get(2));
            self.items[0].store(c, Ordering::Release);
            self.items[2].store(a, Ordering::Release);
        });
    }

    /// Marks the removed slot 0 (the model only needs "found and removed").
    fn remove_at(&self, i: usize) {
        self.items[i].store(0, Ordering::Release);
    }

    fn remove_locked_search(&self) -> bool {
        self.with_lock(|| match (0..3).find(|&i| self.get(i) == TARGET) {
            Some(i) => {
                self.remove_at(i);
                true
            }
            None => false,
        })
    }

    fn remove_unlocked_search(&self) -> bool {
        loop {
            let Some(i) = (0..3).find(|&i| self.get(i) == TARGET) else {
                return false;
            };
            let removed = self.with_lock(|| {
                let still = self.get(i) == TARGET;
                if still {
                    self.remove_at(i);
                }
                still
            });
            if removed {
                return true;
            }
        }
    }
}

fn race(remove: fn(&List) -> bool) {
    model(3, move || {
        let l = Arc::new(List::new());
        let r = {
            let l = l.clone();
            thread::spawn(move || {
                l.reverse();
            })
        };
        let found = remove(&l);
        assert!(found, "remove missed an item that was in the list");
        r.join().unwrap();
    });
}

#[test]
fn remove_searching_under_the_lock_never_misses() {
    race(List::remove_locked_search);
}

#[test]
#[should_panic(expected = "remove missed an item")]
fn remove_searching_without_the_lock_misses() {
    race(List::remove_unlocked_search);
}
