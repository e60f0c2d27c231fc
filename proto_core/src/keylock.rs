//! Named locks with owners and deadlock detection: the per-module import
//! locks (CPython's `_ModuleLock`s), one table for all keys.
//!
//! A key is held by one owner (a thread's id) at a time. Another owner that
//! asks for it waits until it is released, unless waiting would close a
//! cycle of owners each waiting for a key the next one holds; then it is
//! told so ([`Acquire::Deadlock`]) and does not wait (CPython's import
//! returns the partly initialised module in that case). The owner already
//! holding a key gets [`Acquire::Reentrant`] (a module that imports itself).
//!
//! Concurrency contract: the whole table is under one mutex, so the owner
//! map and the waits-for map change together and the cycle check sees a
//! consistent graph; every release wakes all waiters, which re-check the
//! key. The caller passes how to block (`block` runs the wait: the
//! interpreter wraps it in `ProtoContext::blocking` so a waiting thread
//! never holds up a collection). Loom models: `loom_tests/tests/keylock.rs`.

use crate::sync::{self, AtomicUsize, Condvar, Mutex, MutexGuard, Ordering};
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

/// What [`KeyLocks::acquire`] obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acquire {
    /// The caller holds the key now and must [`KeyLocks::release`] it.
    /// `waited`: another owner held it first.
    Owned {
        /// Another owner held the key when the caller asked.
        waited: bool,
    },
    /// The caller already held the key; nothing to release.
    Reentrant,
    /// Waiting would deadlock; the caller holds nothing.
    Deadlock,
}

struct Table<K> {
    owners: HashMap<K, u64>,
    /// Owner -> the key it waits for.
    waiting: HashMap<u64, K>,
}

/// A table of named locks.
pub struct KeyLocks<K> {
    table: Mutex<Table<K>>,
    released: Condvar,
    /// Keys held: lets callers skip the table when nothing is held.
    held: AtomicUsize,
}

impl<K: Eq + Hash + Clone> Default for KeyLocks<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Eq + Hash + Clone> KeyLocks<K> {
    /// An empty table.
    pub fn new() -> Self {
        KeyLocks {
            table: Mutex::new(Table {
                owners: HashMap::new(),
                waiting: HashMap::new(),
            }),
            released: Condvar::new(),
            held: AtomicUsize::new(0),
        }
    }

    /// Is any key held? A caller that saw its module complete before this
    /// returned false needs no lock (the count rises before a module is
    /// published half made).
    pub fn any_held(&self) -> bool {
        self.held.load(Ordering::Acquire) != 0
    }

    /// Takes `key` for `me`, waiting through `block` while another owner
    /// holds it. `block` must call the function it is given exactly once
    /// (that function performs the wait).
    pub fn acquire<Q>(&self, key: &Q, me: u64, mut block: impl FnMut(&mut dyn FnMut())) -> Acquire
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let mut guard = Some(sync::lock(&self.table));
        let mut waited = false;
        loop {
            let t = guard.as_mut().expect("table guard");
            match t.owners.get(key) {
                None => {
                    t.owners.insert(key.to_owned(), me);
                    self.held.fetch_add(1, Ordering::AcqRel);
                    return Acquire::Owned { waited };
                }
                Some(&o) if o == me => return Acquire::Reentrant,
                Some(&o) => {
                    if Self::leads_to(t, o, me) {
                        return Acquire::Deadlock;
                    }
                    t.waiting.insert(me, key.to_owned());
                }
            }
            waited = true;
            // The table is unlocked before `block` returns: the interpreter's
            // `block` leaves its blocked state at the end, which waits for a
            // collection in progress, and a thread that held the table then
            // kept the threads queued on its mutex (outside any blocked
            // state) from the collection's handshake: a deadlock.
            let mut slot: Option<MutexGuard<'_, Table<K>>> = guard.take();
            let mut ran = false;
            block(&mut || {
                let g = slot.take().expect("table guard");
                drop(sync::wait(&self.released, g));
                ran = true;
            });
            assert!(ran, "block must run the wait");
            let mut g = sync::lock(&self.table);
            g.waiting.remove(&me);
            guard = Some(g);
        }
    }

    /// Does following "waits for a key held by" from `from` reach `me`?
    fn leads_to(t: &Table<K>, mut from: u64, me: u64) -> bool {
        // Each owner waits for at most one key: a chain, at most as long as
        // the number of waiters (a cycle not through `me` ends the walk).
        for _ in 0..=t.waiting.len() {
            if from == me {
                return true;
            }
            let Some(k) = t.waiting.get(&from) else {
                return false;
            };
            let Some(&o) = t.owners.get(k) else {
                return false;
            };
            from = o;
        }
        false
    }

    /// Releases `key`, held by `me` ([`Acquire::Owned`]), and wakes the
    /// owners waiting for keys.
    pub fn release<Q>(&self, key: &Q, me: u64)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut t = sync::lock(&self.table);
        if t.owners.get(key) == Some(&me) {
            t.owners.remove(key);
            self.held.fetch_sub(1, Ordering::AcqRel);
        }
        drop(t);
        self.released.notify_all();
    }
}

impl<K: Eq + Hash + Clone + 'static> KeyLocks<K> {
    /// Takes the table's mutex for a fork if it is free at once.
    pub fn try_lock_for_fork<'a>(&'a self, g: &mut crate::fork::Guards<'a>) -> bool {
        g.try_take(&self.table)
    }

    /// In the child of a fork, the only thread: keys its old owner id
    /// (`old`) held become `new`'s (the thread's id changed with the
    /// process), keys of the threads that do not exist here are released,
    /// and nobody waits.
    pub fn after_fork_child(&self, old: u64, new: u64) {
        let mut t = sync::lock(&self.table);
        t.waiting.clear();
        t.owners.retain(|_, o| *o == old || *o == new);
        for o in t.owners.values_mut() {
            *o = new;
        }
        self.held.store(t.owners.len(), Ordering::Release);
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn run(f: &mut dyn FnMut()) {
        f()
    }

    #[test]
    fn second_owner_waits_for_release() {
        let l = Arc::new(KeyLocks::<String>::new());
        assert_eq!(l.acquire("m", 1, run), Acquire::Owned { waited: false });
        assert_eq!(l.acquire("m", 1, run), Acquire::Reentrant);
        assert!(l.any_held());
        let l2 = l.clone();
        let h = std::thread::spawn(move || l2.acquire("m", 2, run));
        std::thread::sleep(std::time::Duration::from_millis(50));
        l.release("m", 1);
        assert_eq!(h.join().unwrap(), Acquire::Owned { waited: true });
        l.release("m", 2);
        assert!(!l.any_held());
    }

    #[test]
    fn a_cycle_is_reported_not_waited() {
        let l = Arc::new(KeyLocks::<&'static str>::new());
        assert_eq!(l.acquire(&"a", 1, run), Acquire::Owned { waited: false });
        let l2 = l.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let h = std::thread::spawn(move || {
            assert_eq!(l2.acquire(&"b", 2, run), Acquire::Owned { waited: false });
            tx.send(()).unwrap();
            // Waits for "a" until owner 1 asks for "b" and is refused.
            let r = l2.acquire(&"a", 2, run);
            l2.release(&"b", 2);
            if r == (Acquire::Owned { waited: true }) {
                l2.release(&"a", 2);
            }
            r
        });
        // Whichever of the two asks second closes the cycle and is told so;
        // the other one then gets the key it waited for.
        rx.recv().unwrap();
        let r1 = l.acquire(&"b", 1, run);
        if r1 == (Acquire::Owned { waited: true }) {
            l.release(&"b", 1);
        }
        l.release(&"a", 1);
        let r2 = h.join().unwrap();
        let mut got = [r1, r2];
        got.sort_by_key(|r| matches!(r, Acquire::Deadlock));
        assert_eq!(got, [Acquire::Owned { waited: true }, Acquire::Deadlock]);
    }
}
