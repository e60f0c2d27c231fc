//! A FIFO queue of waiting threads, each with its own wake-up flag: the core
//! of a condition variable whose notify wakes exactly the oldest waiters
//! (`threading.Condition` in the interpreter).
//!
//! Concurrency contract:
//! - A waiter [`WaitQueue::push`]es its [`Waiter`] while it holds the
//!   condition's lock, releases that lock, then waits on its own flag (see
//!   [`Waiter::wait_until`]; the interpreter waits through its own blocking
//!   wait on [`Waiter::parts`], outside the safepoint handshake).
//! - [`WaitQueue::notify`] pops up to `n` waiters from the front and sets
//!   each one's flag under the flag's mutex before it signals: a waiter that
//!   checks its flag under that mutex before it sleeps never misses the
//!   wake-up, whether the notify lands before or after it started waiting.
//! - A waiter that stops waiting unwoken (a timeout, an exception) removes
//!   itself with [`WaitQueue::remove`]; if a notify popped it meanwhile, that
//!   notification is spent on it, as it is in CPython's `Condition` (whose
//!   waiters are locks that a notify releases).
//! - The queue's mutex is held only for a few `VecDeque` operations and is
//!   never held while a flag's mutex is taken by a waiter, so the two locks
//!   have one order (queue, then flag) and cannot deadlock.

use crate::sync::{self, Arc, Condvar, Mutex};
use std::collections::VecDeque;
use std::time::Instant;

/// One waiting thread's flag: set (once) by the notify that picks it.
pub struct Waiter {
    woken: Mutex<bool>,
    cv: Condvar,
}

impl Waiter {
    /// Sets the flag and wakes the thread sleeping on it.
    fn wake(&self) {
        *sync::lock(&self.woken) = true;
        self.cv.notify_one();
    }

    /// Whether a notify has picked this waiter.
    pub fn is_woken(&self) -> bool {
        *sync::lock(&self.woken)
    }

    /// The flag's mutex and condition variable, for a caller that blocks in
    /// its own way (the test to wait for is `*flag`).
    pub fn parts(&self) -> (&Mutex<bool>, &Condvar) {
        (&self.woken, &self.cv)
    }

    /// Blocks until woken, or until `deadline` passes; returns whether it
    /// was woken.
    pub fn wait_until(&self, deadline: Option<Instant>) -> bool {
        let mut g = sync::lock(&self.woken);
        while !*g {
            match deadline {
                None => g = sync::wait(&self.cv, g),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return false;
                    }
                    g = match self.cv.wait_timeout(g, d - now) {
                        Ok((g, _)) => g,
                        Err(p) => p.into_inner().0,
                    };
                }
            }
        }
        true
    }
}

/// The waiters of one condition, oldest first.
#[derive(Default)]
pub struct WaitQueue {
    q: Mutex<VecDeque<Arc<Waiter>>>,
}

impl WaitQueue {
    pub fn new() -> WaitQueue {
        WaitQueue::default()
    }

    /// Enqueues a new, unwoken waiter for the calling thread.
    pub fn push(&self) -> Arc<Waiter> {
        let w = Arc::new(Waiter {
            woken: Mutex::new(false),
            cv: Condvar::new(),
        });
        sync::lock(&self.q).push_back(w.clone());
        w
    }

    /// Wakes the `n` oldest waiters (fewer if fewer wait); returns how many.
    pub fn notify(&self, n: usize) -> usize {
        let mut woken = 0;
        while woken < n {
            let Some(w) = sync::lock(&self.q).pop_front() else {
                break;
            };
            w.wake();
            woken += 1;
        }
        woken
    }

    /// Takes `w` out of the queue if it is still there (it stopped waiting
    /// without being picked); returns whether it was.
    pub fn remove(&self, w: &Arc<Waiter>) -> bool {
        let mut q = sync::lock(&self.q);
        match q.iter().position(|x| Arc::ptr_eq(x, w)) {
            Some(i) => {
                q.remove(i);
                true
            }
            None => false,
        }
    }

    /// The number of waiters not yet picked by a notify.
    pub fn len(&self) -> usize {
        sync::lock(&self.q).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// In the child of a fork: forgets every waiter (their threads do not
    /// exist there). False if the queue's mutex is held, which only a
    /// thread stopped inside a queue operation at the fork could do.
    pub fn clear_after_fork(&self) -> bool {
        match sync::try_lock(&self.q) {
            Some(mut q) => {
                q.clear();
                true
            }
            None => false,
        }
    }
}
