//! loom model of the stamped dict version (`proto_core::layouts::dict`'s
//! `stamp`/`unstamp`, used by LOAD_GLOBAL in `engine::runtime::icache`):
//! a site proves a builtin's name absent from a module's globals by the
//! globals' version still equalling the stamp it recorded.
//!
//! The model mirrors the protocol on loom atomics (the layout's own words
//! are heap atomics loom cannot see, see `sync::heap_atomic`):
//! - stamper (a LOAD_GLOBAL refresh, holding the dict's lock): probe for
//!   the key; absent, set the version to a fresh stamp and record the stamp
//!   in the site's cache word;
//! - writer (an insertion, holding the lock): a stamped version moves on
//!   before the key is published (`unstamp`), then the key's index slot is
//!   published (release), then the version is bumped;
//! - reader (a LOAD_GLOBAL hit, no lock): the cache word, then the version
//!   (acquire); equal and non-zero means "absent".
//!
//! Property: a thread that has seen the key (found it by a probe, or been
//! told by a thread that did) never takes the stamp as proof of absence.
#![cfg(loom)]

use loom::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use loom::sync::{Arc, Mutex};
use loom::thread;
use loom_tests::model;

const STAMP: u64 = 1 << 32;

struct Globals {
    lock: Mutex<()>,
    version: AtomicU64,
    /// The key's index slot: 0 until published.
    slot: AtomicU64,
    /// The site's stamp word (0: none recorded).
    cache: AtomicU64,
    /// Set by a thread that found the key, read by another.
    told: AtomicBool,
}

impl Globals {
    fn stamper(&self) {
        let _g = self.lock.lock().unwrap();
        if self.slot.load(Ordering::Acquire) != 0 {
            return;
        }
        self.version.store(STAMP, Ordering::Release);
        self.cache.store(STAMP, Ordering::Relaxed);
    }

    fn writer(&self) {
        let _g = self.lock.lock().unwrap();
        let v = self.version.load(Ordering::Acquire);
        let v = if v % STAMP == 0 && v != 0 {
            self.version.store(v + 1, Ordering::Release);
            v + 1
        } else {
            v
        };
        self.slot.store(1, Ordering::Release);
        self.version.store(v + 1, Ordering::Release);
    }

    /// The hit's test: true when the stamp says "absent".
    fn stamp_says_absent(&self) -> bool {
        let c = self.cache.load(Ordering::Relaxed);
        c != 0 && self.version.load(Ordering::Acquire) == c
    }
}

/// A stamper and a writer race; a reader that finds the key, and a second
/// reader told by it, must not take the stamp afterwards.
#[test]
fn stamp_never_hides_a_published_key() {
    model(3, || {
        let g = Arc::new(Globals {
            lock: Mutex::new(()),
            version: AtomicU64::new(0),
            slot: AtomicU64::new(0),
            cache: AtomicU64::new(0),
            told: AtomicBool::new(false),
        });
        let s = {
            let g = g.clone();
            thread::spawn(move || g.stamper())
        };
        let w = {
            let g = g.clone();
            thread::spawn(move || g.writer())
        };
        let r = {
            let g = g.clone();
            thread::spawn(move || {
                if g.slot.load(Ordering::Acquire) != 0 {
                    assert!(!g.stamp_says_absent(), "stamp hid a key this thread found");
                    g.told.store(true, Ordering::Release);
                }
            })
        };
        if g.told.load(Ordering::Acquire) {
            assert!(
                !g.stamp_says_absent(),
                "stamp hid a key another thread found"
            );
        }
        s.join().unwrap();
        w.join().unwrap();
        r.join().unwrap();
        // Once both are done, the key is present and the stamp is stale.
        assert!(!g.stamp_says_absent());
    });
}
