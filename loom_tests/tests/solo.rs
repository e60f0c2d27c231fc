//! loom models of `proto_core::solo`: the end of solo mode against its mutator.
//!
//! The one mutator of a space in solo mode takes an object's lock with a
//! plain load and store (`lock::lock_alone`) and releases it the same way
//! while the mode is on, the general (atomic) way once it is off, polling
//! the handshake between operations as the interpreter does. A new thread
//! ends the mode (`Solo::end`: the world stopped), registers, and takes the
//! same lock the general way. Both change the data the lock guards, a
//! [`Racy`] cell: if the new thread could hold the lock while the mutator
//! holds it plainly, or read the data without a happens-before edge from
//! the mutator's last plain release, loom reports the race.
//!
//! A second model has the mutator inside a blocking call while the mode
//! ends (the spawner's case: `Vm::spawn_thread` makes the child's context
//! inside `ctx.blocking`).
#![cfg(loom)]

use loom::sync::Arc;
use loom::thread;
use loom_tests::{model, Racy};
use proto_core::handshake::Handshake;
use proto_core::lock::{self, LockWord};
use proto_core::solo::Solo;
use proto_core::sync::AtomicU32;

struct World {
    hs: Handshake,
    solo: Solo,
    word: AtomicU32,
    data: Racy<u64>,
}

impl World {
    fn new() -> Arc<World> {
        Arc::new(World {
            hs: Handshake::new(),
            solo: Solo::new(),
            word: AtomicU32::new(0),
            data: Racy::new(0),
        })
    }

    /// One operation under the lock, as `ProtoContext::lock_object` and
    /// `unlock_object` take it: plainly in solo mode, else atomically.
    fn operation(&self) {
        if !(self.solo.is_on() && lock::lock_alone(&self.word)) {
            while !lock::try_lock(&self.word) {
                self.hs.poll();
                thread::yield_now();
            }
        }
        self.data.update(|d| *d += 1);
        if !(self.solo.is_on() && lock::unlock_alone(&self.word)) {
            lock::unlock(&self.word);
        }
    }
}

/// The new thread: ends the mode (it is not a registered mutator yet, as
/// `ProtoSpace::new_context` requires), registers, and works.
fn newcomer(w: &World) {
    w.solo.end(&w.hs);
    assert!(!w.solo.is_on());
    w.hs.register();
    w.operation();
    w.hs.unregister();
}

fn spawn_newcomer(w: &Arc<World>) -> thread::JoinHandle<()> {
    let w = w.clone();
    thread::spawn(move || newcomer(&w))
}

/// The mutator's end: it leaves, the newcomer is joined, and the three
/// operations (two of the mutator's, one of the newcomer's) all counted.
fn finish(w: &World, t: thread::JoinHandle<()>) {
    w.hs.unregister();
    t.join().unwrap();
    w.data.read(|&d| assert_eq!(d, 3));
    assert_eq!(w.word.relaxed_load(), 0, "the lock ends free");
}

/// The mutator at a safepoint between two operations while the mode ends.
#[test]
fn end_of_solo_mode_with_mutator_running() {
    model(3, || {
        let w = World::new();
        w.hs.register();
        w.solo.start();
        let t = spawn_newcomer(&w);
        w.operation();
        w.hs.poll();
        w.operation();
        finish(&w, t);
    });
}

/// The mutator inside a blocking call while the mode ends, working before
/// and after it.
#[test]
fn end_of_solo_mode_with_mutator_blocked() {
    model(3, || {
        let w = World::new();
        w.hs.register();
        w.solo.start();
        w.operation();
        w.hs.enter_blocked();
        let t = spawn_newcomer(&w);
        w.hs.leave_blocked();
        w.operation();
        finish(&w, t);
    });
}

/// The model catches a newcomer that works without ending the mode: its
/// atomic lock races with the mutator's plain one.
#[test]
#[should_panic(expected = "Causality violation")]
fn newcomer_in_solo_mode_is_caught() {
    model(3, || {
        let w = World::new();
        w.hs.register();
        w.solo.start();
        let t = {
            let w = w.clone();
            thread::spawn(move || {
                w.hs.register();
                while !lock::try_lock(&w.word) {
                    thread::yield_now();
                }
                w.data.update(|d| *d += 1);
                lock::unlock(&w.word);
                w.hs.unregister();
            })
        };
        w.operation();
        w.operation();
        w.hs.unregister();
        t.join().unwrap();
    });
}
