//! Handover for mutex-and-condvar locks (`threading.Lock` and `RLock`): a
//! waiter that keeps losing the lock to threads that take it without
//! waiting (barging) claims it, and the next release hands it to that
//! waiter directly, so no waiter starves.
//!
//! The state lives beside the lock's own state, under the lock's mutex; it
//! is the same protocol as the object lock's (`lock.rs`: claim, handover),
//! for locks that block in the kernel through a condvar. Invariant: a
//! claim exists only while the lock is held (a waiter claims only a lock it
//! found held, and a release with a claim hands the lock over instead of
//! freeing it), so while a claim stands nobody else can take the lock.
//! Loom models: `loom_tests/tests/fairlock.rs`.

/// How long a waiter loses before it claims the lock. Long enough that an
/// uncontended handoff between two threads stays a plain release/acquire
/// (a handover costs the releaser a wake-up of every waiter).
pub const CLAIM_AFTER: std::time::Duration = std::time::Duration::from_micros(250);

/// How a waiter's step got the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Took {
    /// The lock was free and unclaimed: the caller marks it held.
    Free,
    /// The lock was handed to this waiter: it is held for it already (the
    /// caller records itself as the owner where the lock has one).
    Handed,
}

/// The claim and handover flags of one lock.
#[derive(Debug, Default)]
pub struct Handover {
    claimed: bool,
    handed: bool,
}

impl Handover {
    /// No claim, no handover.
    pub const fn new() -> Self {
        Handover {
            claimed: false,
            handed: false,
        }
    }

    /// May a thread take the lock, when it is free, without waiting?
    /// (False while a claim stands; the lock is held then anyway.)
    pub fn open(&self) -> bool {
        !self.claimed
    }

    /// One step of a waiter, under the mutex. `free`: the lock is not
    /// held. `lost_long`: this waiter has been losing for `CLAIM_AFTER`.
    /// `claimant`: the waiter's own flag, set when it claims.
    pub fn try_take(&mut self, free: bool, lost_long: bool, claimant: &mut bool) -> Option<Took> {
        if *claimant {
            if self.handed {
                self.handed = false;
                self.claimed = false;
                *claimant = false;
                return Some(Took::Handed);
            }
            return None;
        }
        if free && !self.claimed {
            return Some(Took::Free);
        }
        if lost_long && !self.claimed && !free {
            self.claimed = true;
            *claimant = true;
        }
        None
    }

    /// A release, under the mutex: true when the lock passes to the
    /// claimant (it stays held; the caller wakes every waiter, since the
    /// claimant is not known to the condvar). False: free it as usual.
    pub fn hand_over(&mut self) -> bool {
        if self.claimed && !self.handed {
            self.handed = true;
            return true;
        }
        false
    }

    /// A claimant that stops waiting (timeout, exception), under the
    /// mutex: true when the lock was handed to it meanwhile, so it holds
    /// the lock after all.
    pub fn withdraw(&mut self, claimant: &mut bool) -> bool {
        if !*claimant {
            return false;
        }
        *claimant = false;
        let handed = self.handed;
        self.claimed = false;
        self.handed = false;
        handed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_blocks_barging_and_the_release_hands_over() {
        let mut h = Handover::new();
        let mut c = false;
        // The lock is held: a waiter that lost long enough claims it.
        assert_eq!(h.try_take(false, false, &mut c), None);
        assert!(!c);
        assert_eq!(h.try_take(false, true, &mut c), None);
        assert!(c && !h.open());
        // Another waiter cannot take it, nor claim it.
        let mut other = false;
        assert_eq!(h.try_take(true, true, &mut other), None);
        assert!(!other);
        // The release hands it over; the claimant takes it.
        assert!(h.hand_over());
        assert!(!h.hand_over());
        assert_eq!(h.try_take(false, true, &mut c), Some(Took::Handed));
        assert!(!c && h.open());
        assert_eq!(h.try_take(true, false, &mut other), Some(Took::Free));
    }

    #[test]
    fn a_withdrawing_claimant_learns_whether_it_holds_the_lock() {
        let mut h = Handover::new();
        let mut c = false;
        h.try_take(false, true, &mut c);
        assert!(!h.withdraw(&mut c));
        assert!(h.open() && !c);
        h.try_take(false, true, &mut c);
        assert!(h.hand_over());
        assert!(h.withdraw(&mut c));
        assert!(h.open());
    }
}
