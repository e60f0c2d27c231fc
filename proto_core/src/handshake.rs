//! The safepoint handshake that stops the world for a global collection.
//!
//! Each mutator thread is Running, Parked (stopped at a safepoint for a
//! collection) or Blocked (inside a blocking call: sleep, lock wait, join, I/O).
//! A collection starts only when no mutator is Running; Blocked threads never
//! hold it up, and a thread leaving a blocking call while a collection runs
//! waits for it to end before it touches the heap again.
//!
//! Concurrency contract: `requested` is the fast-path flag polled at
//! safepoints (one relaxed load); every state change happens under `state`'s
//! mutex, and the condition variable is notified on each change somebody may
//! wait for, so the happens-before edges are: a mutator's last heap access -> its count change
//! under the mutex -> the collector's observation of `running == 0` under the
//! mutex -> the collection -> `end` under the mutex -> the mutator's wake-up.

use crate::sync::{self, AtomicBool, Condvar, Mutex, Ordering};

/// Wakes the collector waiting for `running == 0` after a mutator stopped
/// Running. Only a collection in progress waits for that (`begin` sets
/// `collecting` under the mutex before it waits, and registering threads
/// wait for `collecting` to clear, not for `running`), so with none the
/// notify is skipped: std's `Condvar` makes a system call for every notify,
/// and threads enter the blocked state on every contended lock.
fn notify_collector(cv: &Condvar, st: &State) {
    if st.collecting {
        cv.notify_all();
    }
}

#[derive(Debug, Default)]
struct State {
    /// Registered mutators that are Running (not Parked, not Blocked).
    running: usize,
    /// Registered mutators.
    registered: usize,
    /// A collection is in progress (or waiting for the world to stop).
    collecting: bool,
    /// Number of completed collections.
    epoch: u64,
}

/// The handshake's mutex held across a fork ([`Handshake::hold_for_fork`]).
pub struct ForkHold<'a>(sync::MutexGuard<'a, State>);

/// The handshake shared by all threads of one `ProtoSpace`.
#[derive(Debug, Default)]
pub struct Handshake {
    requested: AtomicBool,
    state: Mutex<State>,
    cv: Condvar,
}

impl Handshake {
    /// A handshake with no mutators.
    pub fn new() -> Handshake {
        Handshake::default()
    }

    /// Registers the calling thread as a Running mutator (waits if a
    /// collection is in progress, so a new thread never runs during one).
    pub fn register(&self) {
        let mut st = sync::lock(&self.state);
        while st.collecting {
            st = sync::wait(&self.cv, st);
        }
        st.registered += 1;
        st.running += 1;
    }

    /// Unregisters a Running mutator.
    pub fn unregister(&self) {
        let mut st = sync::lock(&self.state);
        st.registered -= 1;
        st.running -= 1;
        notify_collector(&self.cv, &st);
    }

    /// Is a collection requested? (The safepoint fast path.)
    #[inline(always)]
    pub fn is_requested(&self) -> bool {
        self.requested.load(Ordering::Acquire)
    }

    /// Safepoint: parks the calling Running mutator until the pending
    /// collection (if any) has finished. Returns whether it parked.
    #[inline]
    pub fn poll(&self) -> bool {
        if self.is_requested() {
            self.park()
        } else {
            false
        }
    }

    #[cold]
    fn park(&self) -> bool {
        let mut st = sync::lock(&self.state);
        if !st.collecting {
            return false;
        }
        st.running -= 1;
        self.cv.notify_all();
        // Wait while *any* collection runs: a parked thread is not counted as
        // Running, so if a second collection starts before this thread wakes
        // from the first, it must stay parked through the second as well.
        while st.collecting {
            st = sync::wait(&self.cv, st);
        }
        st.running += 1;
        true
    }

    /// The calling mutator enters a blocking call: collections may run
    /// without it until [`Handshake::leave_blocked`].
    pub fn enter_blocked(&self) {
        let mut st = sync::lock(&self.state);
        st.running -= 1;
        notify_collector(&self.cv, &st);
    }

    /// The calling mutator leaves a blocking call; waits for a running
    /// collection to finish first.
    pub fn leave_blocked(&self) {
        let mut st = sync::lock(&self.state);
        while st.collecting {
            st = sync::wait(&self.cv, st);
        }
        st.running += 1;
    }

    /// Stops the world. `is_mutator` says whether the caller is a registered
    /// Running mutator (it then does not count itself). Returns `false` when
    /// another thread's collection ran instead (the caller was parked through
    /// it and should re-check whether it still needs one); `true` when the
    /// caller now owns the stopped world and must call [`Handshake::end`].
    pub fn begin(&self, is_mutator: bool) -> bool {
        let mut st = sync::lock(&self.state);
        if st.collecting {
            // Someone else collects: behave as a parked mutator.
            if is_mutator {
                st.running -= 1;
                self.cv.notify_all();
            }
            while st.collecting {
                st = sync::wait(&self.cv, st);
            }
            if is_mutator {
                st.running += 1;
            }
            return false;
        }
        st.collecting = true;
        self.requested.store(true, Ordering::Release);
        if is_mutator {
            st.running -= 1;
        }
        while st.running > 0 {
            st = sync::wait(&self.cv, st);
        }
        true
    }

    /// Restarts the world after a collection begun with `begin(is_mutator)`.
    pub fn end(&self, is_mutator: bool) {
        let mut st = sync::lock(&self.state);
        debug_assert!(st.collecting);
        st.collecting = false;
        self.requested.store(false, Ordering::Release);
        st.epoch += 1;
        if is_mutator {
            st.running += 1;
        }
        self.cv.notify_all();
    }

    /// Takes the handshake's mutex for `fork(2)`: the caller owns a stopped
    /// world (`begin(true)` returned true), and holding the mutex across
    /// the fork means no other thread is inside a handshake critical section
    /// at that instant, so the child's copy of the mutex is free once the
    /// guard is dropped there.
    pub fn hold_for_fork(&self) -> ForkHold<'_> {
        ForkHold(sync::lock(&self.state))
    }

    /// In the child of a fork made under [`Handshake::hold_for_fork`]: the
    /// caller is the only thread and the only registered mutator, Running;
    /// the collection the fork stood in for is over.
    pub fn reset_in_fork_child(&self, hold: ForkHold<'_>) {
        let mut st = hold.0;
        st.registered = 1;
        st.running = 1;
        st.collecting = false;
        st.epoch += 1;
        self.requested.store(false, Ordering::Release);
    }

    /// In the parent of such a fork: drops the guard and restarts the world.
    pub fn release_after_fork(&self, hold: ForkHold<'_>) {
        drop(hold);
        self.end(true);
    }

    /// Number of completed collections.
    pub fn epoch(&self) -> u64 {
        sync::lock(&self.state).epoch
    }

    /// Number of registered mutators that are Running (neither parked at a
    /// safepoint nor inside a blocking call).
    pub fn running(&self) -> usize {
        sync::lock(&self.state).running
    }

    /// Number of registered mutators.
    pub fn registered(&self) -> usize {
        sync::lock(&self.state).registered
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use crate::sync::{thread, Arc, AtomicUsize};

    #[test]
    fn world_stops_and_restarts() {
        let hs = Arc::new(Handshake::new());
        let in_gc = Arc::new(AtomicBool::new(false));
        let work = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let mut ts = vec![];
        for _ in 0..4 {
            let (hs, in_gc, work, stop) = (hs.clone(), in_gc.clone(), work.clone(), stop.clone());
            hs.register();
            ts.push(thread::spawn(move || {
                let mut i = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    assert!(
                        !in_gc.load(Ordering::SeqCst),
                        "mutator ran during a collection"
                    );
                    work.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                    if i.is_multiple_of(7) {
                        hs.enter_blocked();
                        std::thread::yield_now();
                        hs.leave_blocked();
                    }
                    hs.poll();
                }
                hs.unregister();
            }));
        }
        for _ in 0..200 {
            if hs.begin(false) {
                in_gc.store(true, Ordering::SeqCst);
                std::thread::yield_now();
                in_gc.store(false, Ordering::SeqCst);
                hs.end(false);
            }
        }
        stop.store(true, Ordering::Relaxed);
        for t in ts {
            t.join().unwrap();
        }
        assert_eq!(hs.epoch(), 200);
        assert!(work.load(Ordering::Relaxed) > 0);
    }
}
