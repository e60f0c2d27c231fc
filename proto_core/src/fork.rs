//! `fork(2)` in a runtime whose threads run in parallel.
//!
//! The child of a fork has one thread, a copy of the one that called
//! `fork`; every lock another thread held at that instant stays held there
//! for ever. [`ProtoContext::fork_process`](crate::context::ProtoContext::fork_process)
//! therefore forks only at an instant where:
//!
//! 1. the world is stopped as for a global collection: every other
//!    registered thread is parked at a safepoint (where it holds no runtime
//!    lock and no object lock) or inside a blocking section (`ctx.blocking`),
//!    where it does not touch the heap;
//! 2. every lock of the space (and every lock the caller's `prepare` names)
//!    is free: each is taken with a try-lock, and if one is held (by a
//!    thread inside a blocking section) all are released, the world is
//!    restarted, and the whole step is tried again;
//! 3. the handshake's own mutex is held by the caller across the fork.
//!
//! In the child the caller's guards are released (unlocking a futex
//! mutex needs no owner), the handshake is reset to one Running mutator,
//! the other contexts are swept of their (unreachable) local objects and
//! orphaned, and the collector's pool is forgotten. [`generation`] counts
//! the forks this process descends from.

use crate::handshake::Handshake;
// A plain process counter, not part of any protocol (and a static, which
// loom's atomics cannot be): the native atomic even under loom.
use crate::sync::heap_atomic::{AtomicU64, Ordering};
use crate::sync::{self, Mutex};

/// Any guard (the lock guards a fork holds have unrelated types).
pub trait Held {}
impl<T: ?Sized> Held for T {}

/// Lock guards held across a fork, released in both processes after it.
#[derive(Default)]
pub struct Guards<'a>(Vec<Box<dyn Held + 'a>>);

impl<'a> Guards<'a> {
    /// No guards.
    pub fn new() -> Guards<'a> {
        Guards(Vec::new())
    }

    /// Takes `m` if it is free at once; false if another thread holds it.
    pub fn try_take<T: 'a>(&mut self, m: &'a Mutex<T>) -> bool {
        match sync::try_lock(m) {
            Some(g) => {
                self.0.push(Box::new(g));
                true
            }
            None => false,
        }
    }

    /// Keeps any other guard until the fork is over.
    pub fn hold<G: 'a>(&mut self, g: G) {
        self.0.push(Box::new(g));
    }
}

static GENERATION: AtomicU64 = AtomicU64::new(0);

/// How many forks made this process from the one that was started: 0 in
/// the original process. In a child (> 0) the thread that started the
/// program may not exist.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

pub(crate) fn note_child() {
    GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// The fork protocol on a handshake, for a caller that is a Running
/// registered mutator: stops the world, takes `prepare`'s locks (all free at
/// once, or everything is released, the world restarted and the step tried
/// again), holds the handshake's mutex across `fork` (which makes the
/// system call and returns its result: 0 in the child), then in the child
/// resets the handshake to the caller alone and in the parent restarts the
/// world. `prepare`'s guards are released after `fork` in both processes.
/// Modelled in `loom_tests/tests/fork.rs`.
pub fn run<G>(
    hs: &Handshake,
    mut prepare: impl FnMut() -> Option<G>,
    fork: impl FnOnce() -> i32,
) -> i32 {
    loop {
        if !hs.begin(true) {
            // Another thread's collection ran while this one waited.
            continue;
        }
        let Some(guards) = prepare() else {
            hs.end(true);
            pause();
            continue;
        };
        let st = hs.hold_for_fork();
        let pid = fork();
        if pid == 0 {
            note_child();
            hs.reset_in_fork_child(st);
            drop(guards);
        } else {
            drop(guards);
            hs.release_after_fork(st);
        }
        return pid;
    }
}

/// Lets the thread inside a blocking section that holds a lock go on.
fn pause() {
    #[cfg(loom)]
    sync::thread::yield_now();
    #[cfg(not(loom))]
    std::thread::sleep(std::time::Duration::from_micros(200));
}
