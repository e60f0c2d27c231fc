//! A re-entrant lock held across one whole operation on a native object
//! (an SQLite connection, an expat parser), which Python code run inside
//! the operation (a user function, a handler) may take again on the same
//! thread.
//!
//! The state is (owner, depth, waiters) under one mutex; the owner is a
//! thread's id, 0 when free. Taking it when free or already owned only
//! bumps the depth; otherwise the caller waits on the condition variable
//! through `block` (the interpreter wraps the wait in
//! `ProtoContext::blocking`, so a waiting thread never holds up a
//! collection). The last release of the owner wakes one waiter, and only
//! when one waits (a wake-up is a system call). Loom models:
//! `loom_tests/tests/relock.rs`.

use crate::sync::{self, Condvar, Mutex};

/// The lock. See the module docs.
pub struct ReLock {
    /// (owner thread id, 0 when free; depth; threads waiting)
    st: Mutex<(u64, u32, u32)>,
    cv: Condvar,
}

/// Proof of holding a [`ReLock`]; dropping it releases one level.
pub struct ReGuard<'a>(&'a ReLock);

impl Drop for ReGuard<'_> {
    fn drop(&mut self) {
        let mut g = sync::lock(&self.0.st);
        g.1 -= 1;
        if g.1 == 0 {
            g.0 = 0;
            let waiting = g.2 > 0;
            drop(g);
            if waiting {
                self.0.cv.notify_one();
            }
        }
    }
}

impl Default for ReLock {
    fn default() -> Self {
        Self::new()
    }
}

impl ReLock {
    /// A free lock.
    pub fn new() -> ReLock {
        ReLock {
            st: Mutex::new((0, 0, 0)),
            cv: Condvar::new(),
        }
    }

    /// Takes the lock for thread `me` (non-zero), waiting through `block`
    /// while another thread holds it. `block` must call the function it is
    /// given exactly once (that function performs the wait).
    pub fn acquire_with(&self, me: u64, block: impl FnOnce(&mut dyn FnMut())) -> ReGuard<'_> {
        debug_assert!(me != 0, "thread ids are non-zero");
        {
            let mut g = sync::lock(&self.st);
            if g.0 == 0 || g.0 == me {
                g.0 = me;
                g.1 += 1;
                return ReGuard(self);
            }
        }
        block(&mut || {
            let mut g = sync::lock(&self.st);
            g.2 += 1;
            while g.0 != 0 && g.0 != me {
                g = sync::wait(&self.cv, g);
            }
            g.2 -= 1;
            g.0 = me;
            g.1 += 1;
        });
        ReGuard(self)
    }

    /// Whether some thread holds the lock now.
    pub fn is_held(&self) -> bool {
        sync::lock(&self.st).0 != 0
    }
}
