//! loom model of `proto_core::ownerwrite`: the owner of a shared byte
//! buffer writes items in place while no other thread has used it; another
//! thread marks it foreign before its first read or write.
//!
//! The model mirrors a shared bytearray (python_env `types/bytes.rs`): the
//! state word, the object lock (`proto_core::lock` on a loom `AtomicU32`),
//! and storages published by one release store, of which the current one is
//! written in place only inside `owner_write`; every other change copies it
//! into a fresh storage under the lock and publishes that. The storages are
//! loom `UnsafeCell`s, so a read racing an in-place write (no
//! happens-before between them) fails the model, as would a lost update.
#![cfg(loom)]

use loom::cell::UnsafeCell;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::sync::Arc;
use loom::thread;
use loom_tests::model_with;
use proto_core::lock;
use proto_core::ownerwrite::{mark_foreign, owner_write};
use proto_core::sync::{AtomicU32, AtomicU64};

/// Enough storages for every copy a model makes (one per locked change).
const STORAGES: usize = 4;

struct Buffer {
    state: AtomicU64,
    lock: AtomicU32,
    current: AtomicUsize,
    /// Storages not yet published are written only by the lock holder.
    next: AtomicUsize,
    storages: Vec<UnsafeCell<[u8; 2]>>,
}

/// Reads a storage. loom checks the claim every caller makes: no write of
/// it can run concurrently (else the model fails with a causality error).
fn read(c: &UnsafeCell<[u8; 2]>) -> [u8; 2] {
    // SAFETY: loom's cell checks that no write runs concurrently.
    c.with(|p| unsafe { *p })
}

/// Writes item `i` of a storage; loom checks the exclusion as in [`read`].
fn write(c: &UnsafeCell<[u8; 2]>, i: usize, x: u8) {
    // SAFETY: loom's cell checks that no other access runs concurrently.
    c.with_mut(|p| unsafe { (*p)[i] = x });
}

impl Buffer {
    fn new() -> Buffer {
        Buffer {
            state: AtomicU64::new(0),
            lock: AtomicU32::new(0),
            current: AtomicUsize::new(0),
            next: AtomicUsize::new(1),
            storages: (0..STORAGES).map(|_| UnsafeCell::new([0, 0])).collect(),
        }
    }

    /// The locked change: copy the current storage, edit, publish.
    fn replace(&self, i: usize, x: u8) {
        lock::lock_with(&self.lock, || {});
        let cur = self.current.load(Ordering::Relaxed);
        let fresh = self.next.fetch_add(1, Ordering::Relaxed);
        let b = read(&self.storages[cur]);
        write(&self.storages[fresh], 0, b[0]);
        write(&self.storages[fresh], 1, b[1]);
        write(&self.storages[fresh], i, x);
        self.current.store(fresh, Ordering::Release);
        lock::unlock(&self.lock);
    }

    /// `b[i] = x` by the owner: in place unless marked foreign.
    fn owner_store(&self, i: usize, x: u8) {
        let cur = self.current.load(Ordering::Acquire);
        let done = owner_write(&self.state, || write(&self.storages[cur], i, x));
        if done.is_none() {
            self.replace(i, x);
        }
    }

    /// `b[i] = x` by another thread.
    fn foreign_store(&self, i: usize, x: u8) {
        mark_foreign(&self.state);
        self.replace(i, x);
    }

    /// A lock-free read of both items by another thread.
    fn foreign_read(&self) -> [u8; 2] {
        mark_foreign(&self.state);
        let cur = self.current.load(Ordering::Acquire);
        read(&self.storages[cur])
    }
}

/// The owner stores item 0 then item 1 while another thread reads: the
/// read races no write and sees a state the owner's order allows.
#[test]
fn reader_never_sees_an_in_place_write_running() {
    model_with(
        3,
        |b| b.max_branches = 100_000,
        || {
            let buf = Arc::new(Buffer::new());
            let r = {
                let buf = buf.clone();
                thread::spawn(move || buf.foreign_read())
            };
            buf.owner_store(0, 1);
            buf.owner_store(1, 2);
            let seen = r.join().unwrap();
            assert!(
                matches!(seen, [0, 0] | [1, 0] | [1, 2]),
                "impossible snapshot {seen:?}"
            );
            assert_eq!(buf.foreign_read(), [1, 2]);
        },
    );
}

/// The owner and another thread store different items: neither store is
/// lost, whichever order the model picks.
#[test]
fn owner_and_foreign_writer_lose_nothing() {
    model_with(
        3,
        |b| b.max_branches = 100_000,
        || {
            let buf = Arc::new(Buffer::new());
            let w = {
                let buf = buf.clone();
                thread::spawn(move || buf.foreign_store(1, 5))
            };
            buf.owner_store(0, 1);
            buf.owner_store(0, 3);
            w.join().unwrap();
            let cur = buf.current.load(Ordering::Acquire);
            assert_eq!(read(&buf.storages[cur]), [3, 5]);
        },
    );
}
