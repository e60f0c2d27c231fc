//! The shape table of instances with inline attributes: an append-only
//! table of shapes (each a list of names) read without locks, and the
//! transitions between them (`engine/src/runtime/shape.rs` uses it).
//!
//! A shape is made once, under the transition lock, and never changes:
//! its record is published (release) before the count of ids (release),
//! and an id reaches other threads only through a store made after that,
//! so a reader that got an id by an acquire load finds its record. Records
//! live until the table is dropped. Names are compared by identity (the
//! interpreter gives interned strs).

use crate::sync::{AtomicPtr, AtomicU32, Mutex, Ordering};
use crate::Value;
use std::collections::HashMap;

#[cfg(not(loom))]
const CHUNK_BITS: u32 = 12;
#[cfg(not(loom))]
const CHUNKS: usize = 1024;
// Small enough for loom to model every atomic.
#[cfg(loom)]
const CHUNK_BITS: u32 = 1;
#[cfg(loom)]
const CHUNKS: usize = 4;
const CHUNK: usize = 1 << CHUNK_BITS;
/// Most ids the table hands out; they fit the 24 bits an inline-cache
/// entry gives them.
pub const MAX_SHAPES: u32 = (CHUNK * CHUNKS) as u32;
const _: () = assert!(MAX_SHAPES <= 1 << 24);

/// One shape: its names in attribute-index order.
struct Rec {
    names: Box<[Value]>,
}

type Chunk = [AtomicPtr<Rec>; CHUNK];

/// The shape table: id 0 (unused) and id 1 (no names) from the start.
pub struct ShapeTable {
    /// Chunks of record pointers, made on demand.
    chunks: Box<[AtomicPtr<Chunk>]>,
    /// Number of ids handed out (ids below it have records).
    len: AtomicU32,
    /// Transitions (parent id, name bits) -> child id; held to add one.
    trans: Mutex<HashMap<(u32, u64), u32>>,
}

impl Default for ShapeTable {
    fn default() -> Self {
        Self::new()
    }
}

impl ShapeTable {
    /// A table holding id 0 and the root shape, id 1.
    pub fn new() -> ShapeTable {
        let chunks = (0..CHUNKS)
            .map(|_| AtomicPtr::new(std::ptr::null_mut()))
            .collect();
        let s = ShapeTable {
            chunks,
            len: AtomicU32::new(0),
            trans: Mutex::new(HashMap::new()),
        };
        s.push(Box::default());
        s.push(Box::default());
        s
    }

    /// Publishes a record at the next id (the caller serializes pushes:
    /// `new`, or `child` under the transition lock).
    fn push(&self, names: Box<[Value]>) -> u32 {
        let id = self.len.load(Ordering::Relaxed);
        let ci = (id >> CHUNK_BITS) as usize;
        let mut c = self.chunks[ci].load(Ordering::Acquire);
        if c.is_null() {
            let fresh: Box<Chunk> =
                Box::new(std::array::from_fn(
                    |_| AtomicPtr::new(std::ptr::null_mut()),
                ));
            c = Box::into_raw(fresh);
            self.chunks[ci].store(c, Ordering::Release);
        }
        let r = Box::into_raw(Box::new(Rec { names }));
        // SAFETY: `c` is a chunk this table allocated and frees only in
        // `drop`; `id & (CHUNK - 1)` is in bounds.
        unsafe { (*c)[id as usize & (CHUNK - 1)].store(r, Ordering::Release) };
        self.len.store(id + 1, Ordering::Release);
        id
    }

    /// The names of shape `id` in index order (empty for an unknown id).
    #[inline]
    pub fn names(&self, id: u32) -> &[Value] {
        if id >= self.len.load(Ordering::Acquire) {
            return &[];
        }
        let c = self.chunks[(id >> CHUNK_BITS) as usize].load(Ordering::Acquire);
        if c.is_null() {
            return &[];
        }
        // SAFETY: chunks and records below `len` are published before `len`
        // (release/acquire) and freed only by `drop`, which needs `&mut`.
        let r = unsafe { (*c)[id as usize & (CHUNK - 1)].load(Ordering::Acquire) };
        if r.is_null() {
            return &[];
        }
        // SAFETY: as above; a record is never written after publication.
        unsafe { &(*r).names }
    }

    /// The index of `name` in shape `id`.
    #[inline]
    pub fn index(&self, id: u32, name: Value) -> Option<usize> {
        self.names(id).iter().position(|&n| n == name)
    }

    /// The shape that adds `name` to `id` (made if new; every caller gets
    /// the same one): None when the table is full.
    pub fn child(&self, id: u32, name: Value) -> Option<u32> {
        let mut t = crate::sync::lock(&self.trans);
        if let Some(&c) = t.get(&(id, name.bits())) {
            return Some(c);
        }
        if self.len.load(Ordering::Relaxed) >= MAX_SHAPES {
            return None;
        }
        let mut names = self.names(id).to_vec();
        names.push(name);
        let c = self.push(names.into_boxed_slice());
        t.insert((id, name.bits()), c);
        Some(c)
    }

    /// Every name the table holds (for a collector's roots): each shape's
    /// last name, the others being its ancestors'.
    pub fn for_each_name(&self, sink: &mut dyn FnMut(Value)) {
        let n = self.len.load(Ordering::Acquire);
        for id in 0..n {
            if let Some(&v) = self.names(id).last() {
                sink(v);
            }
        }
    }
}

impl Drop for ShapeTable {
    fn drop(&mut self) {
        for c in self.chunks.iter() {
            let c = c.load(Ordering::Acquire);
            if c.is_null() {
                continue;
            }
            // SAFETY: `c` and its records were made by `Box::into_raw` in
            // `push`, and nobody can read them once the table is dropped.
            let chunk = unsafe { Box::from_raw(c) };
            for r in chunk.iter() {
                let r = r.load(Ordering::Acquire);
                if !r.is_null() {
                    // SAFETY: as above.
                    drop(unsafe { Box::from_raw(r) });
                }
            }
        }
    }
}

#[cfg(all(test, not(loom)))]
mod unit {
    use super::*;

    #[test]
    fn children_are_shared_and_extend_their_parent() {
        let t = ShapeTable::new();
        let (a, b) = (Value::int(10), Value::int(20));
        let s1 = t.child(1, a).unwrap();
        let s2 = t.child(s1, b).unwrap();
        assert_eq!(t.child(1, a), Some(s1));
        assert_eq!(t.names(s2), &[a, b]);
        assert_eq!(t.index(s2, b), Some(1));
        assert_eq!(t.index(s1, b), None);
        assert!(t.names(9999).is_empty());
        let mut seen = Vec::new();
        t.for_each_name(&mut |v| seen.push(v));
        assert_eq!(seen, vec![a, b]);
    }
}
