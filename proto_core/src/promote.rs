//! Promotion: making a local object graph shared, in place, without copying.
//!
//! Invariant: **no shared object points to a local object.** The write
//! barrier (`ProtoContext::store`) keeps it: storing a heap value into a
//! shared object first promotes the value and, transitively, everything it
//! reaches. Promotion only sets the SHARED bit; nothing moves. Only the owner
//! of a local object can reach it, so promotion needs no synchronisation of
//! its own: the release ordering of the store that publishes the root makes
//! the SHARED bits and the objects' contents visible to any thread that
//! acquires the published value.
//!
//! The algorithm is generic over [`PromoteGraph`] so the loom models run the
//! very same code on loom atomics.

use crate::object::{Obj, NATIVE, SHARED};
use crate::sync::heap_atomic::Ordering;
use crate::value::Value;

/// A graph of objects that can be promoted.
pub trait PromoteGraph {
    /// An object reference.
    type Node: Copy;
    /// Sets the node's SHARED bit; returns false if it was already shared.
    fn set_shared(&self, n: Self::Node) -> bool;
    /// Calls `f` on each object the node references.
    fn for_each_child(&self, n: Self::Node, f: &mut dyn FnMut(Self::Node));
}

/// Promotes `root` and everything reachable from it that is still local.
/// `stack` is scratch space (kept by the caller to avoid reallocating).
/// Returns the number of objects promoted.
pub fn promote<G: PromoteGraph>(g: &G, root: G::Node, stack: &mut Vec<G::Node>) -> usize {
    if !g.set_shared(root) {
        return 0;
    }
    let mut count = 1;
    stack.push(root);
    while let Some(n) = stack.pop() {
        g.for_each_child(n, &mut |c| {
            if g.set_shared(c) {
                count += 1;
                stack.push(c);
            }
        });
    }
    count
}

/// The real heap as a [`PromoteGraph`]; counts the bytes it promotes.
#[derive(Default)]
pub(crate) struct Heap {
    pub(crate) bytes: core::cell::Cell<usize>,
}

impl PromoteGraph for Heap {
    type Node = Obj;

    #[inline]
    fn set_shared(&self, n: Obj) -> bool {
        let meta = &n.header().meta;
        let m = meta.load(Ordering::Relaxed);
        if m & SHARED != 0 {
            return false;
        }
        // Owner-only write to a local object: no other thread can see it yet.
        meta.store(m | SHARED, Ordering::Relaxed);
        // A native payload's external memory is freed only with its object,
        // now by a global collection: it counts as promoted bytes.
        let external = if m & NATIVE != 0 {
            crate::native::external_bytes(n)
        } else {
            0
        };
        self.bytes
            .set(self.bytes.get() + n.cells() * crate::CELL + external);
        true
    }

    #[inline]
    fn for_each_child(&self, n: Obj, f: &mut dyn FnMut(Obj)) {
        n.for_each_ref(|v: Value| {
            if let Some(c) = Obj::from_value(v) {
                f(c)
            }
        });
    }
}
