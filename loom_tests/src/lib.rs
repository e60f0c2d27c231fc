//! loom models of proto_core's concurrent primitives. The models live in
//! `tests/`; they exercise the real proto_core code, whose atomics, mutexes
//! and condition variables come from `proto_core::sync` and therefore are
//! loom's when built with `RUSTFLAGS="--cfg loom"`:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test -p loom_tests --release
//! ```
//!
//! Every model runs with a bounded number of preemptions (see [`model`]);
//! `LOOM_MAX_PREEMPTIONS` overrides the bound of every model.
//!
//! Without `--cfg loom` this crate is empty.

#[cfg(loom)]
pub use support::*;

#[cfg(loom)]
mod support {
    /// Runs `f` under loom with at most `bound` preemptions per execution,
    /// unless `LOOM_MAX_PREEMPTIONS` is set (it then wins).
    pub fn model<F>(bound: usize, f: F)
    where
        F: Fn() + Sync + Send + 'static,
    {
        model_with(bound, |_| {}, f)
    }

    /// As [`model`], with a hook to adjust the builder (e.g. `max_branches`
    /// for models of spinning code).
    pub fn model_with<F>(bound: usize, tune: impl FnOnce(&mut loom::model::Builder), f: F)
    where
        F: Fn() + Sync + Send + 'static,
    {
        let mut b = loom::model::Builder::new();
        if b.preemption_bound.is_none() {
            b.preemption_bound = Some(bound);
        }
        tune(&mut b);
        let t0 = std::time::Instant::now();
        b.check(f);
        eprintln!(
            "loom model done in {:.2?} (preemption bound {:?})",
            t0.elapsed(),
            b.preemption_bound
        );
    }

    /// A `loom::cell::UnsafeCell` that may be shared between threads: the
    /// models use it for data whose exclusive access the protocol under test
    /// must guarantee. loom reports any pair of accesses (one a write) that are
    /// not ordered by happens-before, so a protocol that lets two threads in at
    /// once, or lacks an acquire/release edge, fails the model.
    #[derive(Debug)]
    pub struct Racy<T>(pub loom::cell::UnsafeCell<T>);

    // SAFETY: all access goes through loom's checked `with`/`with_mut`, which
    // panics on any unsynchronised pair of accesses; that is the point.
    unsafe impl<T: Send> Sync for Racy<T> {}

    impl<T> Racy<T> {
        /// A new cell.
        pub fn new(v: T) -> Self {
            Racy(loom::cell::UnsafeCell::new(v))
        }
        /// Writes through the cell (checked by loom).
        pub fn update(&self, f: impl FnOnce(&mut T)) {
            // SAFETY: loom checks that no other access races with this one.
            self.0.with_mut(|p| f(unsafe { &mut *p }))
        }
        /// Reads the cell (checked by loom).
        pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> R {
            // SAFETY: as above.
            self.0.with(|p| f(unsafe { &*p }))
        }
    }
}
