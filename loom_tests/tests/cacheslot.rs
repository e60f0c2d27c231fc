//! loom models of `proto_core::cacheslot`, the inline-cache slots that
//! threads running one code object fill and read at once: a reader never
//! takes a torn entry (its payload is all one writer's), the further entries
//! of a polymorphic slot are installed once however many threads need them,
//! an entry a thread filled is found by a later lookup of its key unless
//! another writer's took its place, and a fill that moves the inline entry
//! into the Ext keeps every entry whole.
#![cfg(loom)]

use loom::sync::Arc;
use loom::thread;
use loom_tests::model;
use proto_core::cacheslot::{fill, lookup, CacheWords, CACHE_WORDS};

/// A key (a 64-byte aligned address, as the interpreter's classes are).
fn key(n: u64) -> u64 {
    n << 6
}

/// The payload a writer of key `k` stores: every word derived from `k`.
fn entry(k: u64) -> [u64; 3] {
    [k, k + 1, k + 2]
}

/// A lookup of `k`: absent, or exactly what a writer of `k` stored.
fn check(words: &CacheWords, k: u64) -> bool {
    match lookup(&words[..CACHE_WORDS], k) {
        None => false,
        Some(p) => {
            assert_eq!(p, entry(k), "torn or foreign entry");
            true
        }
    }
}

#[test]
fn concurrent_fills_of_a_fresh_slot_never_tear() {
    model(2, || {
        let words = Arc::new(CacheWords::new(1));
        let w2 = words.clone();
        let t = thread::spawn(move || {
            fill(&w2[..CACHE_WORDS], entry(key(2)));
            check(&w2, key(1));
            check(&w2, key(2))
        });
        fill(&words[..CACHE_WORDS], entry(key(1)));
        check(&words, key(2));
        let mine = check(&words, key(1));
        let theirs = t.join().unwrap();
        // A fill into a free entry that nobody else claims is found again.
        assert!(mine || theirs);
    });
}

#[test]
fn polymorphic_fills_install_one_ext() {
    model(2, || {
        let words = Arc::new(CacheWords::new(1));
        // The inline entry holds a first key: the next ones need the Ext.
        fill(&words[..CACHE_WORDS], entry(key(1)));
        let w2 = words.clone();
        let t = thread::spawn(move || {
            fill(&w2[..CACHE_WORDS], entry(key(2)));
            check(&w2, key(3));
        });
        fill(&words[..CACHE_WORDS], entry(key(3)));
        check(&words, key(2));
        t.join().unwrap();
        // Both threads used the one installed Ext; at least one of the new
        // keys is cached, and each key found is whole (`check`).
        check(&words, key(1));
        assert!(check(&words, key(2)) || check(&words, key(3)));
    });
}

#[test]
fn a_rewritten_entry_is_read_whole() {
    model(3, || {
        let words = Arc::new(CacheWords::new(1));
        fill(&words[..CACHE_WORDS], entry(key(4)));
        let w2 = words.clone();
        // A rewrite of the same key (a new version of its class) races a
        // reader: the reader sees the old payload or the new one, whole.
        let t = thread::spawn(move || {
            let s = &w2[..CACHE_WORDS];
            proto_core::cacheslot::write(s, [key(4) | 1, 7, 8]);
        });
        if let Some(p) = lookup(&words[..CACHE_WORDS], key(4)) {
            assert!(p == entry(key(4)) || p == [key(4) | 1, 7, 8], "torn: {p:?}");
        }
        t.join().unwrap();
        assert_eq!(
            lookup(&words[..CACHE_WORDS], key(4)),
            Some([key(4) | 1, 7, 8])
        );
    });
}
