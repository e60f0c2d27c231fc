//! loom model of the shape-word protocol of shaped instances
//! (`engine::runtime::shape`, `icache::store_shaped_shared`): a shared
//! instance keeps attribute values inline and, in value 0, a word naming
//! how many it has; or, after it moves to dict mode, the dict.
//!
//! The model mirrors the protocol on loom atomics (the object's own words
//! are heap atomics loom cannot see, see `sync::heap_atomic`):
//! - a writer adding attribute `i` (holding the object's lock): checks the
//!   word still names `i` attributes, stores the value (release), then the
//!   word naming `i + 1` (release); one replacing attribute `i`: checks the
//!   word still has it and stores the value, else writes the dict;
//! - the materializer (holding the lock): copies the values the word names
//!   into the dict, then stores the dict marker in the word (release), and
//!   leaves the inline values in place;
//! - a reader (no lock): the word (acquire), then the values it names
//!   (acquire), or the dict.
//!
//! Properties: a reader never sees a word naming a value it cannot read
//! (an EMPTY slot); no store is lost across a concurrent move to dict mode.
#![cfg(loom)]

use loom::sync::atomic::{AtomicU64, Ordering};
use loom::sync::{Arc, Mutex};
use loom::thread;
use loom_tests::model;

/// The word once the instance is in dict mode.
const DICT: u64 = u64::MAX;
const EMPTY: u64 = 0;

struct Inst {
    lock: Mutex<()>,
    word: AtomicU64,
    vals: [AtomicU64; 2],
    /// The dict's two entries (written under the lock only).
    dict: [AtomicU64; 2],
}

impl Inst {
    fn new() -> Inst {
        Inst {
            lock: Mutex::new(()),
            word: AtomicU64::new(0),
            vals: [AtomicU64::new(EMPTY), AtomicU64::new(EMPTY)],
            dict: [AtomicU64::new(EMPTY), AtomicU64::new(EMPTY)],
        }
    }

    /// Adds or replaces attribute `i` (the interpreter's `shaped_set`).
    fn set(&self, i: usize, v: u64) {
        let _g = self.lock.lock().unwrap();
        let w = self.word.load(Ordering::Acquire);
        if w == DICT {
            self.dict[i].store(v, Ordering::Release);
        } else if (i as u64) < w {
            self.vals[i].store(v, Ordering::Release);
        } else {
            assert_eq!(w, i as u64, "attributes are added in order");
            self.vals[i].store(v, Ordering::Release);
            self.word.store(w + 1, Ordering::Release);
        }
    }

    /// Moves the instance to dict mode (`materialize`).
    fn materialize(&self) {
        let _g = self.lock.lock().unwrap();
        let w = self.word.load(Ordering::Acquire);
        if w == DICT {
            return;
        }
        for i in 0..w as usize {
            let v = self.vals[i].load(Ordering::Acquire);
            self.dict[i].store(v, Ordering::Release);
        }
        self.word.store(DICT, Ordering::Release);
    }

    /// Attribute `i` as a lock-free reader finds it.
    fn get(&self, i: usize) -> Option<u64> {
        let w = self.word.load(Ordering::Acquire);
        if w == DICT {
            let _g = self.lock.lock().unwrap();
            let v = self.dict[i].load(Ordering::Acquire);
            return (v != EMPTY).then_some(v);
        }
        if (i as u64) < w {
            let v = self.vals[i].load(Ordering::Acquire);
            assert_ne!(v, EMPTY, "word names a value not yet stored");
            return Some(v);
        }
        None
    }
}

#[test]
fn readers_see_the_values_a_word_names() {
    model(3, || {
        let o = Arc::new(Inst::new());
        let o2 = o.clone();
        let h = thread::spawn(move || {
            o2.set(0, 10);
            o2.set(1, 20);
        });
        // (Every actor in a thread of its own: loom explores the
        // interleavings of spawned threads.)
        let o3 = o.clone();
        let r = thread::spawn(move || (o3.get(1), o3.get(0)));
        let (a, b) = r.join().unwrap();
        assert!(a.is_none() || a == Some(20));
        assert!(b.is_none() || b == Some(10));
        h.join().unwrap();
        assert_eq!((o.get(0), o.get(1)), (Some(10), Some(20)));
    });
}

#[test]
fn no_store_is_lost_across_the_move_to_dict_mode() {
    model(3, || {
        let o = Arc::new(Inst::new());
        o.set(0, 1);
        let (o2, o3) = (o.clone(), o.clone());
        let writer = thread::spawn(move || {
            o2.set(0, 2);
            o2.set(1, 3);
        });
        let mover = thread::spawn(move || o3.materialize());
        let o4 = o.clone();
        let reader = thread::spawn(move || o4.get(0));
        let seen = reader.join().unwrap();
        assert!(seen == Some(1) || seen == Some(2));
        writer.join().unwrap();
        mover.join().unwrap();
        assert_eq!((o.get(0), o.get(1)), (Some(2), Some(3)));
    });
}
