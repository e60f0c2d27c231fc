//! The collector's log: pause figures of every collection, and with
//! `PROTOPY_GCSTATS` set (the `protopy -X gcstats` option sets it) one line
//! per collection on stderr and totals at exit.
//!
//! Global pauses are kept one by one (global collections are rare: a few per
//! second at most) so their percentiles are exact; local collections keep a
//! count, a sum and a maximum.

use crate::sync::{self, AtomicU64, Mutex, Ordering};
use std::time::Duration;

const MIB: f64 = 1024.0 * 1024.0;

/// Called after every collection is recorded (the interpreter registers it
/// when a program imports `gc`, to run `gc.callbacks`). It may run with
/// the world stopped: it must only store to atomics.
static AFTER_COLLECTION: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Registers [`AFTER_COLLECTION`]'s function (first call wins).
pub fn set_after_collection(f: fn()) {
    let _ = AFTER_COLLECTION.set(f);
}

/// How many collections of each kind a log has recorded, and the objects
/// they freed (see [`GcLog::counts`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Local collections.
    pub local: u64,
    /// Global collections.
    pub global: u64,
    /// Objects freed by all of them.
    pub freed: u64,
}

/// What one collection reports to the log.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// True for a global (stop-the-world) collection.
    pub global: bool,
    /// The collecting context (0 for a collection from outside).
    pub context: u16,
    /// Heap bytes before and after (blocks in use and large objects: the
    /// whole space for a global collection, the context's own heap for a
    /// local one).
    pub heap_before: usize,
    /// See `heap_before`.
    pub heap_after: usize,
    /// Objects freed.
    pub freed: usize,
    /// Objects found live.
    pub marked: usize,
    /// Wall time the collection took (for a global one, the pause of every
    /// thread).
    pub pause: Duration,
    /// The part of `pause` spent marking (the rest sweeps and returns blocks).
    pub mark: Duration,
    /// Bytes of empty blocks in the space's pool after the collection:
    /// memory the process holds outside `heap_after`.
    pub pooled: usize,
}

/// Pause figures and the per-collection log of one space.
#[derive(Debug)]
pub struct GcLog {
    enabled: bool,
    global_pauses: Mutex<Vec<Duration>>,
    local_count: AtomicU64,
    global_count: AtomicU64,
    freed: AtomicU64,
    local_ns: AtomicU64,
    local_max_ns: AtomicU64,
    peak_heap: AtomicU64,
}

/// Summary figures of the pauses so far.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Global collections.
    pub global: usize,
    /// Median, 99th percentile and longest global pause.
    pub global_p50: Duration,
    /// See `global_p50`.
    pub global_p99: Duration,
    /// See `global_p50`.
    pub global_max: Duration,
    /// All global pauses added up.
    pub global_total: Duration,
    /// Local collections.
    pub local: u64,
    /// Longest local collection.
    pub local_max: Duration,
    /// All local collections added up.
    pub local_total: Duration,
    /// Highest heap size (blocks in use and large objects) seen after a
    /// global collection or before one.
    pub peak_heap: usize,
}

impl GcLog {
    /// A log; prints only if `enabled`.
    pub fn new(enabled: bool) -> GcLog {
        GcLog {
            enabled,
            global_pauses: Mutex::new(Vec::new()),
            local_count: AtomicU64::new(0),
            global_count: AtomicU64::new(0),
            freed: AtomicU64::new(0),
            local_ns: AtomicU64::new(0),
            local_max_ns: AtomicU64::new(0),
            peak_heap: AtomicU64::new(0),
        }
    }

    /// Does the log print?
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Prints a tenuring (`ProtoContext::tenure`) when enabled: the objects
    /// and bytes it promoted and how long it took.
    pub fn tenured(&self, context: u16, objects: u64, bytes: usize, took: Duration) {
        if self.enabled {
            eprintln!(
                "gc: tenure (thread {context}): {objects} objects, {:.1} MiB promoted in {:.3} ms",
                bytes as f64 / MIB,
                took.as_secs_f64() * 1e3,
            );
        }
    }

    /// Records a collection (and prints it when enabled).
    pub fn record(&self, e: &Entry) {
        let ns = e.pause.as_nanos().min(u64::MAX as u128) as u64;
        self.freed.fetch_add(e.freed as u64, Ordering::Relaxed);
        if e.global {
            self.global_count.fetch_add(1, Ordering::Relaxed);
            sync::lock(&self.global_pauses).push(e.pause);
            self.peak_heap
                .fetch_max(e.heap_before.max(e.heap_after) as u64, Ordering::Relaxed);
        } else {
            self.local_count.fetch_add(1, Ordering::Relaxed);
            self.local_ns.fetch_add(ns, Ordering::Relaxed);
            self.local_max_ns.fetch_max(ns, Ordering::Relaxed);
        }
        if self.enabled {
            eprintln!(
                "gc: {} (thread {}): heap {:.1} -> {:.1} MiB (pool {:.1} MiB), {} freed, {} live, pause {:.3} ms (mark {:.3} ms)",
                if e.global { "global" } else { "local" },
                e.context,
                e.heap_before as f64 / MIB,
                e.heap_after as f64 / MIB,
                e.pooled as f64 / MIB,
                e.freed,
                e.marked,
                e.pause.as_secs_f64() * 1e3,
                e.mark.as_secs_f64() * 1e3,
            );
        }
        if let Some(f) = AFTER_COLLECTION.get() {
            f();
        }
    }

    /// The collections recorded so far, and what they freed.
    pub fn counts(&self) -> Counts {
        Counts {
            local: self.local_count.load(Ordering::Relaxed),
            global: self.global_count.load(Ordering::Relaxed),
            freed: self.freed.load(Ordering::Relaxed),
        }
    }

    /// Raises the peak heap figure to `bytes` if it is higher.
    pub fn note_heap(&self, bytes: usize) {
        self.peak_heap.fetch_max(bytes as u64, Ordering::Relaxed);
    }

    /// The pause figures so far.
    pub fn summary(&self) -> Summary {
        let mut g = sync::lock(&self.global_pauses).clone();
        g.sort_unstable();
        let pct = |p: usize| -> Duration {
            if g.is_empty() {
                Duration::ZERO
            } else {
                g[((g.len() - 1) * p).div_ceil(100)]
            }
        };
        Summary {
            global: g.len(),
            global_p50: pct(50),
            global_p99: pct(99),
            global_max: g.last().copied().unwrap_or_default(),
            global_total: g.iter().sum(),
            local: self.local_count.load(Ordering::Relaxed),
            local_max: Duration::from_nanos(self.local_max_ns.load(Ordering::Relaxed)),
            local_total: Duration::from_nanos(self.local_ns.load(Ordering::Relaxed)),
            peak_heap: self.peak_heap.load(Ordering::Relaxed) as usize,
        }
    }

    /// Prints the totals on stderr when enabled (at exit).
    pub fn print_summary(&self) {
        if !self.enabled {
            return;
        }
        let s = self.summary();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        eprintln!(
            "gc totals: {} global (pause p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms, total {:.1} ms); \
             {} local (max {:.3} ms, total {:.1} ms); peak heap {:.1} MiB",
            s.global,
            ms(s.global_p50),
            ms(s.global_p99),
            ms(s.global_max),
            ms(s.global_total),
            s.local,
            ms(s.local_max),
            ms(s.local_total),
            s.peak_heap as f64 / MIB,
        );
    }
}
