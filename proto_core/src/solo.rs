//! Solo mode: while a space has had one mutator thread only, that thread takes object locks with plain loads and stores.
//!
//! A single-threaded program still changes shared objects all the time: a
//! module's globals are shared, and so is everything they reach, and every
//! change to a shared list, dict or instance takes the object's lock, two
//! atomic read-modify-writes (an attribute store on a shared instance cost
//! 28 ns against 12 ns on a local one). In solo mode the one mutator takes a
//! free lock and releases it with a plain load and store
//! ([`crate::lock::lock_alone`], [`crate::lock::unlock_alone`]), which leave
//! the word exactly as the atomic operations would.
//!
//! The mode is turned on by the embedder once the space's first context
//! exists ([`crate::ProtoSpace::start_solo`]) and ends for good when another
//! context is about to be made ([`Solo::end`], from
//! [`crate::ProtoSpace::new_context`]): it stops the world, clears the flag
//! and restarts the world. While the world is stopped the one mutator is
//! parked at a safepoint or inside a blocking call, and neither lies between
//! the load and the store of a plain lock or unlock; it holds no lock kept
//! for a turn either (a turn needs a waiter). The handshake's mutex orders
//! its plain writes before the clearing, and the clearing before everything
//! it and the new thread do after the restart, which sees the flag clear and
//! uses atomic operations only. A lock it took plainly and holds across the
//! stop (possible outside deferred mode, where allocation may park) is an
//! ordinary held word, which the ordinary unlock releases.
//!
//! `loom_tests/tests/solo.rs` models the end of the mode against a mutator
//! locking plainly.

use crate::handshake::Handshake;
use crate::sync::{AtomicBool, Ordering};

/// The solo-mode flag of a space.
#[derive(Debug, Default)]
pub struct Solo {
    on: AtomicBool,
}

impl Solo {
    /// A flag, off.
    pub fn new() -> Solo {
        Solo::default()
    }

    /// Turns solo mode on. The caller is the space's only mutator and no
    /// other thread uses the space's objects.
    pub fn start(&self) {
        self.on.store(true, Ordering::Relaxed);
    }

    /// Is solo mode on? Only the one mutator may act on a true answer: any
    /// other thread reads false once it can run (see [`Solo::end`]).
    #[inline(always)]
    pub fn is_on(&self) -> bool {
        self.on.load(Ordering::Relaxed)
    }

    /// Ends solo mode for good, with the world stopped. The caller must not
    /// be a Running mutator of `hs` (it would wait for itself): a thread
    /// about to register a context, or one inside a blocking call.
    pub fn end(&self, hs: &Handshake) {
        if !self.is_on() {
            return;
        }
        while !hs.begin(false) {}
        self.on.store(false, Ordering::Relaxed);
        hs.end(false);
    }
}
