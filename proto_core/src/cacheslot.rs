//! Inline-cache slots shared by threads: seqlocked entries, and a polymorphic slot's further ones.
//!
//! A slot is [`CACHE_WORDS`] atomic words: one entry ([`ENTRY_WORDS`]: a
//! sequence word and three payload words), then the address of the slot's
//! [`Ext`] (three more entries), 0 until the slot first has to cache a
//! second key. Word 1 of an entry is its key: the address of a 64-byte
//! aligned cell, whose low bits ([`MARKS`]) the user may use as marks.
//!
//! - **No torn entries.** A writer claims an entry by moving its sequence
//!   from even to odd with a compare-exchange (a writer that loses the race
//!   does not write), stores the payload, and publishes the next even
//!   number; a reader loads the sequence, the payload and the sequence
//!   again and accepts only an even, unchanged, non-zero sequence.
//! - **Hits never write**, but for one in [`PROMOTE_EVERY`] of a thread's
//!   hits in an Ext, which swaps that entry with the inline one
//!   ([`lookup_ext`]); entries are written on misses ([`fill`]).
//! - **An Ext is installed once** (a compare-exchange from 0: a loser frees
//!   its own) and freed only with its [`CacheWords`], so a reader keeps
//!   using the address it loaded.
//!
//! What an entry means (and so whether a stable one is still right) is the
//! user's: `engine::runtime::icache` checks every hit against live state.

use crate::sync::{fence, AtomicU64, Ordering};

/// Atomic words per inline-cache slot: an entry (a sequence word and three
/// payload words), then the address of the slot's [`Ext`] (0: none yet).
pub const CACHE_WORDS: usize = ENTRY_WORDS + 1;

/// Atomic words per entry: a sequence word and three payload words.
pub const ENTRY_WORDS: usize = 4;

/// Word 0 of an entry: sequence (even = stable; 0 = never written).
const SEQ: usize = 0;

/// Word of a slot holding the address of its [`Ext`].
const EXT: usize = ENTRY_WORDS;

/// Entries of an [`Ext`].
const EXT_ENTRIES: usize = 3;

/// A polymorphic site's further entries, allocated on its first fill for a
/// second key and never replaced: readers keep using the address they
/// loaded while the code lives.
pub type Ext = [AtomicU64; EXT_ENTRIES * ENTRY_WORDS];

/// The low bits of an entry's word 1 that carry marks; the rest is the
/// address of the entry's key (a class or a module, 64-byte aligned cells).
pub const MARKS: u64 = 63;

/// The inline-cache words of a code object (`CACHE_WORDS` per slot), which
/// own the slots' [`Ext`]s.
pub struct CacheWords(Box<[AtomicU64]>);

impl CacheWords {
    /// Zeroed words for `slots` slots.
    pub fn new(slots: usize) -> CacheWords {
        CacheWords(
            (0..slots * CACHE_WORDS)
                .map(|_| AtomicU64::new(0))
                .collect(),
        )
    }
}

impl std::ops::Deref for CacheWords {
    type Target = [AtomicU64];
    fn deref(&self) -> &[AtomicU64] {
        &self.0
    }
}

impl Drop for CacheWords {
    fn drop(&mut self) {
        for s in self.0.chunks(CACHE_WORDS) {
            let x = s[EXT].load(Ordering::Acquire);
            if x != 0 {
                // SAFETY: a non-zero EXT word is the address of an `Ext`
                // that `ext_or_make` leaked from a Box and installed once;
                // the words are being dropped (`&mut self`), so no slot of
                // theirs is borrowed and no reader holds the address.
                drop(unsafe { Box::from_raw(x as *mut Ext) });
            }
        }
    }
}

/// The [`Ext`] of slot `s`, if it has one.
#[inline(always)]
fn ext(s: &[AtomicU64]) -> Option<&Ext> {
    let x = s[EXT].load(Ordering::Acquire);
    // SAFETY: a non-zero EXT word is the address of an `Ext` installed by
    // `ext_or_make` (the Acquire pairs with its AcqRel exchange), which
    // lives as long as the `CacheWords` that `s` borrows from.
    (x != 0).then(|| unsafe { &*(x as *const Ext) })
}

/// The [`Ext`] of slot `s`, allocated and installed when it has none.
fn ext_or_make(s: &[AtomicU64]) -> &Ext {
    if let Some(x) = ext(s) {
        return x;
    }
    let fresh: Box<Ext> = Box::new(std::array::from_fn(|_| AtomicU64::new(0)));
    let mine = Box::into_raw(fresh) as u64;
    let at = match s[EXT].compare_exchange(0, mine, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => mine,
        Err(theirs) => {
            // SAFETY: `mine` came from Box::into_raw above and was never
            // published.
            drop(unsafe { Box::from_raw(mine as *mut Ext) });
            theirs
        }
    };
    // SAFETY: `at` is the installed Ext, never replaced, and freed only with
    // the `CacheWords` that `s` borrows from (see `ext`).
    unsafe { &*(at as *const Ext) }
}

/// The stable entry of slot `s` keyed on the object at `key` (the marks of
/// both are ignored), looking at the inline entry, then the Ext's.
#[inline(always)]
pub fn lookup(s: &[AtomicU64], key: u64) -> Option<[u64; 3]> {
    let key = key & !MARKS;
    match read(s) {
        Some(p) if p[0] & !MARKS == key => Some(p),
        _ => lookup_ext(s, key),
    }
}

/// Entry `e` if word 1 holds `key`: that word alone rules an entry out; a
/// stable read confirms a candidate (a writer may have changed it since).
#[inline(always)]
fn keyed(e: &[AtomicU64], key: u64) -> Option<[u64; 3]> {
    if e[1].load(Ordering::Relaxed) & !MARKS != key {
        return None;
    }
    read(e).filter(|p| p[0] & !MARKS == key)
}

/// [`lookup`] in slot `s`'s Ext only (`key`'s marks ignored): for a caller
/// that read the inline entry itself.
#[inline(never)]
pub fn lookup_ext(s: &[AtomicU64], key: u64) -> Option<[u64; 3]> {
    let key = key & !MARKS;
    let x = ext(s)?;
    for e in x.chunks(ENTRY_WORDS) {
        if let Some(p) = keyed(e, key) {
            if promote_now() {
                promote(s, e, p);
            }
            return Some(p);
        }
    }
    None
}

/// Ext hits of one thread between two promotions: rare enough that a site
/// cycling through its classes rewrites its entries (cache lines that other
/// threads running the code read) about once per thousand accesses.
pub const PROMOTE_EVERY: u32 = 256;

/// Counts a thread's Ext hit; true for every [`PROMOTE_EVERY`]th.
#[cfg(not(loom))]
#[inline(always)]
fn promote_now() -> bool {
    use std::cell::Cell;
    std::thread_local!(static EXT_HITS: Cell<u32> = const { Cell::new(0) });
    EXT_HITS.with(|n| {
        let v = n.get().wrapping_add(1);
        n.set(v);
        v % PROMOTE_EVERY == 0
    })
}

/// Under loom every Ext hit promotes (the models cover the swap).
#[cfg(loom)]
fn promote_now() -> bool {
    true
}

/// Swaps Ext entry `e`, read as `p`, with slot `s`'s inline entry: the
/// hits a thread makes in Exts are a sample of where the interpreter loop
/// pays for a call, so the keys hit most there (a site whose objects
/// changed class after a setup phase) soon move inline. Two seqlocked
/// writes, not one atomic step: a racing fill or promotion may leave a key
/// in two entries or in none, which costs a later miss, never a wrong hit
/// (each entry stays whole, and its user validates every hit).
#[cold]
fn promote(s: &[AtomicU64], e: &[AtomicU64], p: [u64; 3]) {
    let Some(p0) = read(s) else {
        return;
    };
    write(s, p);
    write(e, p0);
}

/// Writes entry `p` into slot `s`: over the entry keyed on the same object,
/// else into a free one, else over the Ext's last. The inline entry keeps
/// its key (only [`promote`] moves one there): threads running one code
/// object share its cache lines, and a site that cycles through a few
/// classes stops writing once all are cached.
pub fn fill(s: &[AtomicU64], p: [u64; 3]) {
    let key = p[0] & !MARKS;
    let free_or_same = |e: &[AtomicU64]| {
        e[SEQ].load(Ordering::Relaxed) == 0 || e[1].load(Ordering::Relaxed) & !MARKS == key
    };
    if free_or_same(s) {
        return write(s, p);
    }
    let x = ext_or_make(s);
    let e = x
        .chunks(ENTRY_WORDS)
        .find(|e| free_or_same(e))
        .unwrap_or(&x[(EXT_ENTRIES - 1) * ENTRY_WORDS..]);
    write(e, p);
}

/// Reads a stable snapshot of the three payload words, or None.
#[inline(always)]
pub fn read(s: &[AtomicU64]) -> Option<[u64; 3]> {
    let s1 = s[SEQ].load(Ordering::Acquire);
    if s1 & 1 != 0 || s1 == 0 {
        return None;
    }
    let p = [
        s[1].load(Ordering::Relaxed),
        s[2].load(Ordering::Relaxed),
        s[3].load(Ordering::Relaxed),
    ];
    fence(Ordering::Acquire);
    let s2 = s[SEQ].load(Ordering::Relaxed);
    (s1 == s2).then_some(p)
}

/// Writes the payload unless another writer holds the slot.
pub fn write(s: &[AtomicU64], p: [u64; 3]) {
    let s0 = s[SEQ].load(Ordering::Relaxed);
    if s0 & 1 != 0
        || s[SEQ]
            .compare_exchange(s0, s0 + 1, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
    {
        return;
    }
    fence(Ordering::Release);
    s[1].store(p[0], Ordering::Relaxed);
    s[2].store(p[1], Ordering::Relaxed);
    s[3].store(p[2], Ordering::Relaxed);
    s[SEQ].store(s0 + 2, Ordering::Release);
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    fn k(n: u64) -> u64 {
        n << 6
    }

    #[test]
    fn a_slot_keeps_four_keys_and_replaces_the_last() {
        let w = CacheWords::new(2);
        let s = &w[CACHE_WORDS..2 * CACHE_WORDS];
        assert_eq!(lookup(s, k(1)), None);
        for n in 1..=4 {
            fill(s, [k(n), n, n * 10]);
        }
        for n in 1..=4 {
            assert_eq!(lookup(s, k(n)), Some([k(n), n, n * 10]));
        }
        // A fifth key takes the Ext's last entry; the others stay.
        fill(s, [k(5), 5, 50]);
        assert_eq!(lookup(s, k(4)), None);
        for n in [1, 2, 3, 5] {
            assert_eq!(lookup(s, k(n)).map(|p| p[1]), Some(n));
        }
        // A key's entry is rewritten in place, marks ignored by lookup.
        fill(s, [k(2) | 8, 22, 220]);
        assert_eq!(lookup(s, k(2)), Some([k(2) | 8, 22, 220]));
        assert_eq!(lookup(s, k(3)).map(|p| p[1]), Some(3));
        // The other slot is untouched.
        assert_eq!(lookup(&w[..CACHE_WORDS], k(1)), None);
    }
}
