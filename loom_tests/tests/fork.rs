//! loom models of `proto_core::fork::run`, the protocol `os.fork` uses to
//! fork only at an instant where no other thread holds a runtime lock.
//!
//! The "fork" is a closure run at that instant; it checks what the child
//! would inherit:
//! - no mutator is inside its mutator section (the code between two
//!   safepoints, where it touches its heap): every mutator's heap is a
//!   [`Racy`] cell that the fork reads (a copy of the address space) and
//!   the mutator writes in every section, so an overlap is a data race loom
//!   reports; a SeqCst flag names it in the panic message;
//! - a runtime lock that a thread takes *inside a blocking section* (where
//!   the stopped world does not stop it) is free: the protocol try-locks
//!   it and, if it is held, restarts the world and tries again. The fork
//!   checks that the blocked thread is not inside that lock's critical
//!   section (SeqCst flag set while it holds the lock).
//!
//! Also checked: the protocol never deadlocks with a thread that holds the
//! lock inside a blocking section, and the world restarts after the fork
//! in the parent (the mutators finish; loom reports a deadlock otherwise);
//! in the child the handshake counts only the forking thread.
#![cfg(loom)]

use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use loom::sync::{Arc, Mutex};
use loom::thread;
use loom_tests::{model, Racy};
use proto_core::fork;
use proto_core::handshake::Handshake;

struct World {
    hs: Handshake,
    heaps: Vec<Racy<u64>>,
    in_section: Vec<AtomicBool>,
    /// A runtime lock a thread takes inside a blocking section.
    lock: Mutex<u64>,
    in_lock: AtomicBool,
    forks: AtomicUsize,
}

impl World {
    fn new(mutators: usize) -> Arc<World> {
        Arc::new(World {
            hs: Handshake::new(),
            heaps: (0..mutators).map(|_| Racy::new(0)).collect(),
            in_section: (0..mutators).map(|_| AtomicBool::new(false)).collect(),
            lock: Mutex::new(0),
            in_lock: AtomicBool::new(false),
            forks: AtomicUsize::new(0),
        })
    }

    fn section(&self, i: usize) {
        self.in_section[i].store(true, SeqCst);
        self.heaps[i].update(|h| *h += 1);
        self.in_section[i].store(false, SeqCst);
    }

    /// What the fork(2) system call would copy: every heap and the lock.
    fn fork_point(&self) -> i32 {
        for (i, f) in self.in_section.iter().enumerate() {
            assert!(!f.load(SeqCst), "mutator {i} runs at the fork");
        }
        assert!(
            !self.in_lock.load(SeqCst),
            "a thread is inside the runtime lock at the fork"
        );
        for h in &self.heaps {
            h.read(|_| {});
        }
        self.forks.fetch_add(1, SeqCst);
        1
    }
}

/// A Running mutator: sections separated by safepoints.
fn running(w: &World, i: usize) {
    w.section(i);
    w.hs.poll();
    w.section(i);
    w.hs.poll();
    w.hs.unregister();
}

/// A mutator that takes the runtime lock inside a blocking section.
fn blocked_with_lock(w: &World, i: usize) {
    w.section(i);
    w.hs.enter_blocked();
    {
        let mut g = w.lock.lock().unwrap();
        w.in_lock.store(true, SeqCst);
        *g += 1;
        w.in_lock.store(false, SeqCst);
    }
    w.hs.leave_blocked();
    w.section(i);
    w.hs.unregister();
}

fn forker(w: &World) -> i32 {
    let pid = fork::run(
        &w.hs,
        || proto_core::sync::try_lock(&w.lock),
        || w.fork_point(),
    );
    w.hs.unregister();
    pid
}

/// The forking thread, a Running mutator, and a mutator that takes the
/// runtime lock inside a blocking section.
#[test]
fn fork_with_running_and_blocked_lock_holder() {
    model(3, || {
        let w = World::new(2);
        for _ in 0..3 {
            w.hs.register();
        }
        let w0 = w.clone();
        let t0 = thread::spawn(move || running(&w0, 0));
        let w1 = w.clone();
        let t1 = thread::spawn(move || blocked_with_lock(&w1, 1));
        assert_eq!(forker(&w), 1);
        t0.join().unwrap();
        t1.join().unwrap();
        assert_eq!(w.forks.load(SeqCst), 1);
        assert_eq!(w.hs.registered(), 0);
    });
}

/// A fork racing with a global collection started by another mutator: one
/// of them waits for the other, and neither runs while the other's world
/// is stopped.
#[test]
fn fork_races_a_collection() {
    model(3, || {
        let w = World::new(1);
        w.hs.register();
        w.hs.register();
        let w0 = w.clone();
        let t0 = thread::spawn(move || {
            w0.section(0);
            while !w0.hs.begin(true) {}
            w0.in_section[0].store(true, SeqCst);
            w0.heaps[0].update(|h| *h += 1000);
            w0.in_section[0].store(false, SeqCst);
            w0.hs.end(true);
            w0.section(0);
            w0.hs.unregister();
        });
        assert_eq!(forker(&w), 1);
        t0.join().unwrap();
        w.heaps[0].read(|&h| assert_eq!(h, 1002));
        assert_eq!(w.hs.epoch(), 2);
    });
}

/// The child's side: the handshake is reset to the forking thread alone,
/// whatever the other threads' states were, and a collection it starts
/// afterwards does not wait for them.
#[test]
fn child_handshake_counts_only_the_forker() {
    model(2, || {
        let w = World::new(1);
        w.hs.register();
        w.hs.register();
        let w0 = w.clone();
        // The other thread stays inside a blocking section for ever (in the
        // child it does not exist).
        let t0 = thread::spawn(move || {
            w0.hs.enter_blocked();
        });
        t0.join().unwrap();
        let pid = fork::run(&w.hs, || Some(()), || 0);
        assert_eq!(pid, 0);
        assert_eq!(w.hs.registered(), 1);
        assert!(w.hs.begin(true));
        w.hs.end(true);
        assert!(fork::generation() >= 1);
    });
}
