//! The `_thread` module: OS threads each running their own `Vm` over the
//! shared `Interpreter` (no global interpreter lock), and the primitive locks.
//!
//! - `start_new_thread` hands the callable and its arguments to
//!   [`Vm::spawn_thread`], which promotes them to shared before the hand-off.
//! - `lock` (`allocate_lock`, `LockType`) and `RLock` are native objects whose
//!   payload is a `Mutex` + `Condvar` pair. Every wait on them runs inside
//!   `ctx.blocking`, so a garbage collection never waits for a thread that is
//!   blocked on a lock; the payload is reached through the lock object, which
//!   is an argument of the running call and therefore rooted meanwhile.
//! - Thread identifiers: `get_ident()` is a process-wide counter value given
//!   to each thread once (unique for the life of the process, so unique among
//!   live threads as CPython requires); `get_native_id()` is the OS thread id.
//!   [`cpu_clock_of`] and [`kill_thread`] map a live thread's ident to its
//!   CPU-time clock id (`time.pthread_getcpuclockid`) and its `pthread_t`
//!   (`signal.pthread_kill`).
//! - Idle collection: a wait that lasts ([`IDLE_AFTER`] and more) while no
//!   other thread runs Python code runs a global collection and the work it
//!   leaves (weak reference callbacks, `__del__`). Without reference
//!   counting, an object a program drops dies only at a collection, and a
//!   program whose threads all wait allocates nothing that would start one:
//!   a thread joining the workers of a `ThreadPoolExecutor` it dropped
//!   waited for ever for the executor's weakref callback that stops them.

mod condition;
mod local;

pub use condition::install_condition;

use crate::args::Args;
use engine::runtime::*;
use proto_core::fairlock::{Handover, Took, CLAIM_AFTER};
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Arc, AtomicU64, AtomicUsize, Condvar, Mutex, Ordering};
use proto_core::{Obj, Value};
use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

/// `TIMEOUT_MAX`, as CPython computes it on Linux (`PY_TIMEOUT_MAX` in s).
pub const TIMEOUT_MAX: f64 = 9223372036.0;

static NEXT_IDENT: AtomicU64 = AtomicU64::new(1);
/// Threads started by `start_new_thread` that have not finished (`_count`).
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Threads started by `start_new_thread` still running.
pub fn running_threads() -> usize {
    RUNNING.load(Ordering::Acquire)
}

thread_local! {
    static IDENT: Cell<u64> = const { Cell::new(0) };
    /// This thread's sentinel locks ([`set_sentinel`]).
    static SENTINELS: RefCell<Vec<Arc<LockInner>>> = const { RefCell::new(Vec::new()) };
    /// The locks of the `with` blocks this thread is inside
    /// ([`holds_with_lock`]), and a few it left.
    static WITH_LOCKS: RefCell<Vec<WithLock>> = const { RefCell::new(Vec::new()) };
}

/// A lock in [`WITH_LOCKS`]: `depth` is how many `with` blocks over it this
/// thread is inside. An entry whose blocks all ended stays (up to
/// [`IDLE_WITH_LOCKS`] of them), so that a loop of `with lock:` reuses it:
/// cloning and dropping the `Arc` at every block was two atomic writes on
/// the lock's own cache line, which every thread contending for the lock
/// also writes.
struct WithLock {
    lock: Arc<LockInner>,
    depth: u32,
}

/// How many entries with no open block [`WITH_LOCKS`] keeps (each keeps a
/// lock's state, a small allocation, alive).
const IDLE_WITH_LOCKS: usize = 4;

/// Records a `with` block over `l` entered by this thread.
fn with_lock_enter(l: &Arc<LockInner>) {
    WITH_LOCKS.with(|w| {
        let mut w = w.borrow_mut();
        if let Some(e) = w.iter_mut().find(|e| Arc::ptr_eq(&e.lock, l)) {
            e.depth += 1;
            return;
        }
        if w.iter().filter(|e| e.depth == 0).count() >= IDLE_WITH_LOCKS {
            if let Some(i) = w.iter().position(|e| e.depth == 0) {
                w.remove(i);
            }
        }
        w.push(WithLock {
            lock: Arc::clone(l),
            depth: 1,
        });
    });
}

/// Records the end of a `with` block over `l` (none if this thread did not
/// enter it: a generator resumed on another thread).
fn with_lock_exit(l: &Arc<LockInner>) {
    WITH_LOCKS.with(|w| {
        let mut w = w.borrow_mut();
        if let Some(e) = w
            .iter_mut()
            .find(|e| e.depth > 0 && Arc::ptr_eq(&e.lock, l))
        {
            e.depth -= 1;
        }
    });
}

/// Whether the calling thread is inside a `with` block over a
/// `_thread.lock` that is still held: the deferral guard of
/// `engine::runtime::signals`, so that no weak reference callback or
/// `__del__` taking that lock runs on the thread and waits for ever
/// (multiprocessing's resource tracker does, when a collection interrupts
/// its `with self._lock`). A block whose lock was released inside it (as
/// `Condition.wait` does) holds nothing back. The lock is not owned, so one
/// another thread took since counts too: the work only waits longer.
/// RLocks are not recorded: their holder takes them again at once.
pub fn holds_with_lock() -> bool {
    WITH_LOCKS.with(|w| {
        w.borrow()
            .iter()
            .any(|e| e.depth > 0 && sync::lock(&e.lock.locked).held)
    })
}

/// The calling thread's `get_ident()` value (assigned on first use).
pub fn thread_ident() -> u64 {
    IDENT.with(|c| {
        if c.get() == 0 {
            // Offset so idents look like (and are never confused with) small ints.
            let ident = NEXT_IDENT.fetch_add(1, Ordering::Relaxed) + 0x7f00_0000_0000;
            c.set(ident);
            register_live(ident);
        }
        c.get()
    })
}

/// Taking a native object's [`ReLock`](proto_core::relock::ReLock) from
/// code that runs Python: this thread is the owner, and a wait happens
/// outside the safepoint handshake.
pub trait AcquireIn {
    /// Takes the lock for this thread.
    fn acquire(&self, vm: &mut Vm) -> proto_core::relock::ReGuard<'_>;
}

impl AcquireIn for proto_core::relock::ReLock {
    fn acquire(&self, vm: &mut Vm) -> proto_core::relock::ReGuard<'_> {
        self.acquire_with(thread_ident(), |wait| vm.ctx.blocking(wait))
    }
}

/// The live threads by `get_ident()` value, with their `pthread_t` and
/// CPU-time clock id, for `signal.pthread_kill` and
/// `time.pthread_getcpuclockid` (idents are not `pthread_t`s, and a stale
/// `pthread_t` would crash the C library). A thread adds itself when its
/// ident is assigned and removes itself when its body returns; the main
/// thread stays until the process ends. An entry read under the lock names
/// a thread that is still running.
static LIVE: Mutex<Vec<(u64, libc::pthread_t, Option<libc::clockid_t>)>> = Mutex::new(Vec::new());

/// The calling thread's CPU-time clock id.
fn own_cpu_clock() -> Option<libc::clockid_t> {
    let mut clk: libc::clockid_t = 0;
    // SAFETY: pthread_self() names the calling thread, which is alive for
    // the whole call; `clk` is a valid out-pointer.
    let r = unsafe { libc::pthread_getcpuclockid(libc::pthread_self(), &mut clk) };
    (r == 0).then_some(clk)
}

fn register_live(ident: u64) {
    // SAFETY: pthread_self has no preconditions.
    let me = unsafe { libc::pthread_self() };
    sync::lock(&LIVE).push((ident, me, own_cpu_clock()));
}

fn unregister_live(ident: u64) {
    sync::lock(&LIVE).retain(|&(i, _, _)| i != ident);
}

/// The CPU-time clock id of the live thread whose `get_ident()` is `ident`.
pub fn cpu_clock_of(ident: u64) -> Option<libc::clockid_t> {
    if ident == thread_ident() {
        return own_cpu_clock();
    }
    sync::lock(&LIVE)
        .iter()
        .find(|&&(i, _, _)| i == ident)
        .and_then(|&(_, _, clk)| clk)
}

/// Sends `sig` to the live thread whose `get_ident()` is `ident`
/// (`pthread_kill`'s error number; ESRCH for no such thread).
pub fn kill_thread(ident: u64, sig: i32) -> i32 {
    let live = sync::lock(&LIVE);
    let Some(&(_, t, _)) = live.iter().find(|&&(i, _, _)| i == ident) else {
        return libc::ESRCH;
    };
    // SAFETY: `t` is a running thread: it leaves LIVE, under this lock,
    // before its body returns.
    unsafe { libc::pthread_kill(t, sig) }
}

fn new_ident() -> u64 {
    NEXT_IDENT.fetch_add(1, Ordering::Relaxed) + 0x7f00_0000_0000
}

// ------------------------------------------------------------------ lock

/// Payload of a `_thread.lock`: a binary semaphore (any thread may release).
/// The state is behind an `Arc` so that a thread's sentinel locks (see
/// [`set_sentinel`]) can be released by the runtime without the object.
struct LockState(Arc<LockInner>);
impl Trace for LockState {}

struct LockInner {
    locked: Mutex<LockWord>,
    cv: Condvar,
    /// Threads waiting on `cv` (changed under `locked`): a release with
    /// none skips the notify, a wake-up system call in std's `Condvar`.
    waiters: AtomicUsize,
}

impl core::ops::Deref for LockState {
    type Target = LockInner;
    fn deref(&self) -> &LockInner {
        &self.0
    }
}

/// A lock's state under its mutex: held, and the claim/handover flags
/// (`proto_core::fairlock`: a waiter that keeps losing to threads taking
/// the lock without waiting claims it; the next release hands it over).
#[derive(Default)]
struct LockWord {
    held: bool,
    hv: Handover,
    /// A release notified a waiter that has not yet looked at the state.
    /// Releases meanwhile notify nobody (a thread taking and releasing the
    /// lock in a loop would otherwise make a wake-up system call every
    /// time): every waiter's step clears it, so the flag never outlives the
    /// waiters that are awake, and a release after a waiter went back to
    /// sleep notifies again.
    woken: bool,
}

/// Owner ident of an RLock being handed to its claimant (no thread's).
const HANDED: u64 = u64::MAX;

/// An RLock's state under its mutex: owner ident (0: none; `HANDED`
/// between a release and the claimant's wake-up), recursion count, and
/// the claim/handover flags.
#[derive(Default)]
struct RWord {
    owner: u64,
    count: u64,
    hv: Handover,
}

/// Payload of a `_thread.RLock`.
struct RLockState {
    st: Mutex<RWord>,
    cv: Condvar,
    /// As `LockState::waiters`.
    waiters: AtomicUsize,
}
impl Trace for RLockState {}

fn wait_until<'a, T>(
    cv: &Condvar,
    g: sync::MutexGuard<'a, T>,
    deadline: Option<Instant>,
) -> (sync::MutexGuard<'a, T>, bool) {
    match deadline {
        None => (sync::wait(cv, g), false),
        Some(d) => {
            let now = Instant::now();
            if now >= d {
                return (g, true);
            }
            match cv.wait_timeout(g, d - now) {
                Ok((g, _)) => (g, false),
                Err(p) => (p.into_inner().0, false),
            }
        }
    }
}

/// [`blocking_wait`] for a waiter counted in `waiters` meanwhile (the count
/// changes under `m`, so a releaser that reads it under `m` and finds 0 can
/// skip [`notify_waiter`]: a waiter counted later checks `try_take` under
/// `m` before it sleeps).
/// Pause rounds an acquire of a held lock doubles its spin up to before it
/// sleeps (about a microsecond in all on current x86).
const ACQUIRE_SPIN: u32 = 64;

/// Tries `try_take` under the mutex again and again for a short while, with
/// exponentially growing pauses between tries: whether a lock held for a
/// few bytecodes (a `with cond:` block's bookkeeping) was released meanwhile.
/// Sleeping instead costs two system calls (the wait and the releaser's
/// wake) and, with more runnable threads than cores, a preempted thread.
fn spin_take<T>(m: &Mutex<T>, try_take: impl Fn(&mut T) -> bool) -> bool {
    let mut delay = 1u32;
    while delay <= ACQUIRE_SPIN {
        for _ in 0..delay {
            sync::spin_hint();
        }
        if try_take(&mut sync::lock(m)) {
            return true;
        }
        delay *= 2;
    }
    false
}

pub(crate) fn counted_wait<T>(
    vm: &mut Vm,
    m: &Mutex<T>,
    cv: &Condvar,
    waiters: &AtomicUsize,
    deadline: Option<Instant>,
    try_take: impl Fn(&mut T) -> bool,
) -> PyResult<bool> {
    {
        let _g = sync::lock(m);
        waiters.fetch_add(1, Ordering::Relaxed);
    }
    let r = blocking_wait(vm, m, cv, deadline, try_take);
    {
        let _g = sync::lock(m);
        waiters.fetch_sub(1, Ordering::Relaxed);
    }
    r
}

/// [`counted_wait`] for a lock with [`Handover`] (`lock`: its mutex,
/// condvar and waiter count): `step` is the waiter's step (`claimant` its
/// claim flag, `lost_long` whether it has lost for `CLAIM_AFTER`); a
/// claimant that stops waiting (timeout, exception) calls `withdraw`
/// (`Handover::withdraw`, and when the lock was handed to it meanwhile,
/// recording itself as the owner: true), and on an exception `release`
/// gives a lock so kept back before the exception goes on.
fn fair_wait<T>(
    vm: &mut Vm,
    lock: (&Mutex<T>, &Condvar, &AtomicUsize),
    deadline: Option<Instant>,
    step: impl Fn(&mut T, bool, &mut bool) -> bool,
    withdraw: impl Fn(&mut T, &mut bool) -> bool,
    release: impl Fn(),
) -> PyResult<bool> {
    let (m, cv, waiters) = lock;
    let claimant = Cell::new(false);
    let start = Instant::now();
    let r = counted_wait(vm, m, cv, waiters, deadline, |st| {
        let mut c = claimant.get();
        // Patience scales with the number of waiters, which bounds the
        // rate of handovers (each one a scheduler round trip while the lock
        // stands idle) however many threads contend; each still gets in
        // within about that many times CLAIM_AFTER.
        let n = waiters.load(Ordering::Relaxed).max(1) as u32;
        let got = step(st, start.elapsed() >= CLAIM_AFTER * n, &mut c);
        claimant.set(c);
        got
    });
    if matches!(r, Ok(true)) || !claimant.get() {
        return r;
    }
    let held = withdraw(&mut sync::lock(m), &mut true);
    match r {
        Ok(_) => Ok(held),
        Err(e) => {
            if held {
                release();
            }
            Err(e)
        }
    }
}

/// Wakes one waiter of a [`counted_wait`], if the count (read by the caller
/// under the mutex, after its state change) says there is one.
pub(crate) fn notify_waiter(cv: &Condvar, waiting: usize) {
    if waiting > 0 {
        cv.notify_one();
    }
}

/// Blocks (outside the safepoint handshake) until `try_take` succeeds or
/// `deadline` passes. In the main thread the wait is cut in short slices
/// between which signal handlers run, so Ctrl-C interrupts a blocked
/// acquire or join with KeyboardInterrupt, as in CPython.
fn blocking_wait<T>(
    vm: &mut Vm,
    m: &Mutex<T>,
    cv: &Condvar,
    deadline: Option<Instant>,
    try_take: impl Fn(&mut T) -> bool,
) -> PyResult<bool> {
    const SLICE: std::time::Duration = std::time::Duration::from_millis(20);
    let main = engine::runtime::signals::is_main_thread();
    let mut idle = IdleCheck::new();
    loop {
        let mut slice_end = deadline;
        let mut cap = |e: Instant| slice_end = Some(slice_end.map_or(e, |d| d.min(e)));
        if main {
            cap(Instant::now() + SLICE);
        }
        cap(idle.next);
        let got = vm.ctx.blocking(|| {
            let mut g = sync::lock(m);
            loop {
                if try_take(&mut g) {
                    return true;
                }
                let (g2, timed_out) = wait_until(cv, g, slice_end);
                g = g2;
                if timed_out {
                    return try_take(&mut g);
                }
            }
        });
        if got {
            return Ok(true);
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Ok(false);
        }
        vm.check_signals()?;
        idle.poll(vm);
    }
}

/// How long a wait lasts before it may run an idle collection (see the
/// module's documentation): long enough that a lock handed over in the
/// normal course of a program never pays for one.
const IDLE_AFTER: Duration = Duration::from_millis(100);

/// The longest a waiting thread sleeps between two idle checks.
const IDLE_CHECK_MAX: Duration = Duration::from_secs(5);

/// The longest process-wide pause between idle collections that free
/// nothing.
const IDLE_GATE_MAX: Duration = Duration::from_secs(60);

/// Process-wide: the earliest time of the next idle collection and the
/// interval after one that freed nothing (doubled each time, back to
/// [`IDLE_AFTER`] after one that freed something). The gap after a
/// collection is at least ten times its pause, so idle collections take at
/// most a tenth of the time that threads spend waiting.
static IDLE_GATE: Mutex<Option<(Instant, Duration)>> = Mutex::new(None);

/// One wait's idle-collection schedule: checks at [`IDLE_AFTER`], then at
/// doubling intervals up to [`IDLE_CHECK_MAX`].
struct IdleCheck {
    next: Instant,
    step: Duration,
}

impl IdleCheck {
    fn new() -> IdleCheck {
        IdleCheck {
            next: Instant::now() + IDLE_AFTER,
            step: IDLE_AFTER,
        }
    }

    /// Runs an idle collection if this wait has lasted until its next check,
    /// no other thread runs Python code, and the process-wide gate allows.
    fn poll(&mut self, vm: &mut Vm) {
        let now = Instant::now();
        if now < self.next {
            return;
        }
        self.step = (self.step * 2).min(IDLE_CHECK_MAX);
        self.next = now + self.step;
        // This thread is running again (outside `ctx.blocking`): 1 is itself.
        if vm.ctx.space().running_mutators() > 1 {
            return;
        }
        let interval = {
            let mut gate = sync::lock(&IDLE_GATE);
            match *gate {
                Some((at, _)) if now < at => return,
                Some((at, interval)) => {
                    // Claimed: no other waiter collects until this one sets
                    // the gate after its collection.
                    *gate = Some((at + IDLE_GATE_MAX, interval));
                    interval
                }
                None => {
                    *gate = Some((now + IDLE_GATE_MAX, IDLE_AFTER));
                    IDLE_AFTER
                }
            }
        };
        // As `gc.collect()`: what a finished call left in a waiting frame is
        // garbage. The wait holds no heap value unrooted (the lock or queue
        // is an argument of the running call).
        vm.clear_dead_frame_slots();
        let stats = vm.ctx.collect_global();
        let interval = if stats.freed_objects == 0 {
            (interval * 2).min(IDLE_GATE_MAX)
        } else {
            IDLE_AFTER
        };
        let done = Instant::now();
        *sync::lock(&IDLE_GATE) = Some((done + interval.max(stats.duration * 10), interval));
        vm.run_deferred();
    }
}

/// The payload of `v` if it is a native object with a `T` payload, else
/// the TypeError of a method of the type `tname` called on another object.
fn payload<T: 'static>(vm: &mut Vm, v: Value, tname: &str) -> PyResult<&'static T> {
    match Obj::from_value(v).and_then(native_ref::<T>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor requires a '{tname}' object but received a '{tn}'"
            )))
        }
    }
}

fn lock_state(vm: &mut Vm, v: Value) -> PyResult<&'static LockState> {
    payload(vm, v, "_thread.lock")
}

fn rlock_state(vm: &mut Vm, v: Value) -> PyResult<&'static RLockState> {
    payload(vm, v, "_thread.RLock")
}

/// Parses `acquire(blocking=True, timeout=-1)` into an optional deadline
/// (`Err` for CPython's argument errors; `Ok(None)` with `blocking` false
/// means "try once").
fn acquire_args(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<(bool, Option<Instant>)> {
    let mut args = Args::new(&a[1..], k);
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "acquire() takes at most 2 arguments ({} given)",
            args.pos.len()
        )));
    }
    let b = args.get(0, "blocking");
    let t = args.get(1, "timeout");
    // PyArg_ParseTupleAndKeywords' wording.
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(&format!(
            "'{}' is an invalid keyword argument for acquire()",
            str_of(*k)
        )));
    }
    let blocking = match b {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = match t {
        Some(v) => timeout_seconds(vm, v)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be positive"));
    }
    check_timeout_max(vm, timeout)?;
    let deadline = if timeout >= 0.0 {
        Some(Instant::now() + Duration::from_secs_f64(timeout))
    } else {
        None
    };
    Ok((blocking, deadline))
}

/// A lock timeout as CPython's `_PyTime_FromSecondsObject` reads it: a
/// float (not NaN), or any object with `__index__`.
fn timeout_seconds(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(ops::Num::F(f)) = vm.num(v) {
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        return Ok(f);
    }
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(n) => Ok(n as f64),
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "timestamp too large to convert to C _PyTime_t",
        )),
    }
}

/// CPython's limits on a lock timeout in seconds: past what fits in its
/// nanosecond clock, then past `TIMEOUT_MAX`.
fn check_timeout_max(vm: &mut Vm, t: f64) -> PyResult<()> {
    if t >= i64::MAX as f64 / 1e9 {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "timestamp too large to convert to C _PyTime_t",
        ));
    }
    if t > TIMEOUT_MAX {
        return Err(vm.new_exc(vm.g.e.OverflowError, "timeout value is too large"));
    }
    Ok(())
}

fn lock_acquire_raw(
    vm: &mut Vm,
    s: &'static LockState,
    blocking: bool,
    deadline: Option<Instant>,
) -> PyResult<bool> {
    let take = |w: &mut LockWord| {
        if w.held || !w.hv.open() {
            false
        } else {
            w.held = true;
            true
        }
    };
    if take(&mut sync::lock(&s.locked)) {
        return Ok(true);
    }
    if !blocking {
        return Ok(false);
    }
    if spin_take(&s.locked, take) {
        return Ok(true);
    }
    // A handed-over lock is held for the claimant already.
    let step = |w: &mut LockWord, lost_long: bool, c: &mut bool| {
        w.woken = false;
        match w.hv.try_take(!w.held, lost_long, c) {
            Some(Took::Free) => {
                w.held = true;
                true
            }
            Some(Took::Handed) => true,
            None => false,
        }
    };
    fair_wait(
        vm,
        (&s.locked, &s.cv, &s.waiters),
        deadline,
        step,
        |w, c| w.hv.withdraw(c),
        || {
            lock_release_raw(s);
        },
    )
}

fn lock_acquire(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = lock_state(vm, a[0])?;
    let (blocking, deadline) = acquire_args(vm, a, k)?;
    Ok(Value::bool(lock_acquire_raw(vm, s, blocking, deadline)?))
}

fn lock_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = lock_state(vm, a[0])?;
    let got = lock_acquire_raw(vm, s, true, None)?;
    with_lock_enter(&s.0);
    Ok(Value::bool(got))
}

/// Releases the lock; false (and no change) if it was not locked.
fn lock_release_raw(s: &LockInner) -> bool {
    let mut g = sync::lock(&s.locked);
    if !g.held {
        return false;
    }
    if g.hv.hand_over() {
        drop(g);
        s.cv.notify_all();
        return true;
    }
    g.held = false;
    let wake = s.waiters.load(Ordering::Relaxed) > 0 && !g.woken;
    g.woken |= wake;
    drop(g);
    if wake {
        s.cv.notify_one();
    }
    true
}

fn lock_release(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = lock_state(vm, a[0])?;
    release_or_raise(vm, s)
}

/// `release()` on a lock whose payload is found: RuntimeError if unlocked.
fn release_or_raise(vm: &mut Vm, s: &LockInner) -> PyResult<Value> {
    if !lock_release_raw(s) {
        return Err(unlocked_lock_error(vm));
    }
    Ok(Value::NONE)
}

/// RuntimeError of a release of a lock that is not locked.
fn unlocked_lock_error(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.RuntimeError, "release unlocked lock")
}

fn lock_locked(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = lock_state(vm, a[0])?;
    Ok(Value::bool(sync::lock(&s.locked).held))
}

/// The address a repr shows: `id(v)`, as in CPython.
fn addr(v: Value) -> u64 {
    object_id(v)
}

fn lock_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = lock_state(vm, a[0])?;
    let st = if sync::lock(&s.locked).held {
        "locked"
    } else {
        "unlocked"
    };
    Ok(vm.new_str(&format!("<{st} _thread.lock object at {:#x}>", addr(a[0]))))
}

fn new_lock(vm: &mut Vm, cls: Value) -> Value {
    vm.ctx.alloc_native(
        K_MISC,
        cls,
        LockState(Arc::new(LockInner {
            locked: Mutex::new(LockWord::default()),
            cv: Condvar::new(),
            waiters: AtomicUsize::new(0),
        })),
    )
}

/// `_thread._set_sentinel()`: a new, unheld lock that the runtime releases
/// when this thread ends without having released it itself, as CPython's
/// thread state does. `threading` joins a thread by waiting for its
/// sentinel, which the thread's Python code releases as its last step; a
/// Rust panic skips that code, and the joiners would wait forever.
fn set_sentinel(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_thread._set_sentinel", a, k, 0, 0)?;
    let l = new_lock(vm, vm.g.types.lock);
    let s = lock_state(vm, l)?;
    SENTINELS.with(|v| v.borrow_mut().push(s.0.clone()));
    Ok(l)
}

/// Releases this thread's sentinels that are still held, as CPython does
/// when a thread state is deleted: `threading` joins a thread by waiting
/// for its sentinel, which only the runtime releases, once the thread's
/// Python code (and its unwinding, after a panic) is over.
fn finish_sentinels() {
    for s in SENTINELS.with(|v| std::mem::take(&mut *v.borrow_mut())) {
        lock_release_raw(&s);
    }
}

/// `allocate_lock()` / `allocate()`: a new, unheld `_thread.lock`.
fn allocate_lock(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_thread.allocate_lock", a, k, 0, 0)?;
    Ok(new_lock(vm, vm.g.types.lock))
}

// ------------------------------------------------------------------ RLock

/// `RLock.__new__(cls, *args, **kwargs)`: arguments are ignored, as in
/// CPython. The instance has the `K_INSTANCE` layout with the value slots a
/// Python subclass gives its instances (slot 0 the `__dict__`, then the
/// `__slots__` values); `RLock` itself is `TF_NODICT`, so its own instances
/// take no attributes while a subclass's do, as in CPython.
fn rlock_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = a[0];
    let co = Obj::from_value(cls).expect("__new__ is called with a class");
    if type_layout(co) != K_INSTANCE {
        // A class deriving from RLock and a builtin with another layout
        // (CPython refuses it when the class is made).
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    Ok(new_rlock(vm, cls))
}

/// A new, unheld RLock of class `cls` (`K_INSTANCE` layout).
fn new_rlock(vm: &mut Vm, cls: Value) -> Value {
    let co = Obj::from_value(cls).expect("class");
    vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1 + type_nslots(co),
        RLockState {
            st: Mutex::new(RWord::default()),
            cv: Condvar::new(),
            waiters: AtomicUsize::new(0),
        },
    )
}

fn rlock_acquire_raw(
    vm: &mut Vm,
    s: &'static RLockState,
    blocking: bool,
    deadline: Option<Instant>,
    count: u64,
) -> PyResult<bool> {
    let me = thread_ident();
    {
        let mut g = sync::lock(&s.st);
        if g.owner == me {
            g.count += count;
            return Ok(true);
        }
    }
    let take = |w: &mut RWord| {
        if w.owner != 0 || !w.hv.open() {
            return false;
        }
        (w.owner, w.count) = (me, count);
        true
    };
    if take(&mut sync::lock(&s.st)) {
        return Ok(true);
    }
    if !blocking {
        return Ok(false);
    }
    if spin_take(&s.st, take) {
        return Ok(true);
    }
    let step = |w: &mut RWord, lost_long: bool, c: &mut bool| match w.hv.try_take(
        w.owner == 0,
        lost_long,
        c,
    ) {
        Some(_) => {
            (w.owner, w.count) = (me, count);
            true
        }
        None => false,
    };
    let withdraw = |w: &mut RWord, c: &mut bool| {
        let held = w.hv.withdraw(c);
        if held {
            (w.owner, w.count) = (me, count);
        }
        held
    };
    fair_wait(
        vm,
        (&s.st, &s.cv, &s.waiters),
        deadline,
        step,
        withdraw,
        || {
            rlock_release_all(s);
        },
    )
}

fn rlock_acquire(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = rlock_state(vm, a[0])?;
    let (blocking, deadline) = acquire_args(vm, a, k)?;
    Ok(Value::bool(rlock_acquire_raw(
        vm, s, blocking, deadline, 1,
    )?))
}

fn rlock_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = rlock_state(vm, a[0])?;
    Ok(Value::bool(rlock_acquire_raw(vm, s, true, None, 1)?))
}

/// Releases one level of the calling thread's hold; false (and no change)
/// if the thread does not hold the lock.
fn rlock_release_raw(s: &RLockState) -> bool {
    let me = thread_ident();
    let mut g = sync::lock(&s.st);
    if g.owner != me || g.count == 0 {
        return false;
    }
    g.count -= 1;
    if g.count == 0 {
        rlock_free(s, g);
    }
    true
}

/// Frees the RLock whose count just reached 0, or hands it to its
/// claimant, and wakes a waiter.
fn rlock_free(s: &RLockState, mut g: sync::MutexGuard<'_, RWord>) {
    if g.hv.hand_over() {
        g.owner = HANDED;
        drop(g);
        s.cv.notify_all();
        return;
    }
    g.owner = 0;
    let waiting = s.waiters.load(Ordering::Relaxed);
    drop(g);
    notify_waiter(&s.cv, waiting);
}

/// RuntimeError of a release of an RLock the thread does not hold.
fn unacquired_error(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.RuntimeError, "cannot release un-acquired lock")
}

fn rlock_release(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = rlock_state(vm, a[0])?;
    if !rlock_release_raw(s) {
        return Err(unacquired_error(vm));
    }
    Ok(Value::NONE)
}

/// Whether the calling thread holds the RLock.
fn rlock_owned(s: &RLockState) -> bool {
    let g = sync::lock(&s.st);
    g.owner == thread_ident() && g.count > 0
}

fn rlock_is_owned(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = rlock_state(vm, a[0])?;
    Ok(Value::bool(rlock_owned(s)))
}

/// Releases the RLock completely, whoever holds it: `(owner, count)`, or
/// `None` if it is not held.
fn rlock_release_all(s: &RLockState) -> Option<(u64, u64)> {
    let mut g = sync::lock(&s.st);
    if g.count == 0 {
        return None;
    }
    let saved = (g.owner, g.count);
    g.count = 0;
    rlock_free(s, g);
    Some(saved)
}

/// `_release_save()`: releases completely, returning `(count, owner)`.
fn rlock_release_save(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = rlock_state(vm, a[0])?;
    let Some((owner, count)) = rlock_release_all(s) else {
        return Err(unacquired_error(vm));
    };
    let c = vm.new_int(count as i64);
    let o = vm.new_int(owner as i64);
    Ok(vm.new_tuple(&[c, o]))
}

/// `_acquire_restore((count, owner))`.
/// `RLock._acquire_restore((count, owner))`: takes the lock again with the
/// recursion count `_release_save` returned (CPython parses `"(kn)"`).
fn rlock_acquire_restore(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = rlock_state(vm, a[0])?;
    let args = Args::new(&a[1..], k);
    if !args.kw.is_empty() {
        return Err(vm.type_error("_acquire_restore() takes no keyword arguments"));
    }
    if args.pos.len() != 1 {
        return Err(vm.type_error(&format!(
            "_acquire_restore() takes exactly 1 argument ({} given)",
            args.pos.len()
        )));
    }
    let st = args.pos[0];
    if !Obj::from_value(st)
        .is_some_and(|o| o.kind() == proto_core::Kind::TUPLE || o.kind() == proto_core::Kind::LIST)
    {
        let tn = vm.type_name_of(st);
        return Err(vm.type_error(&format!(
            "_acquire_restore() argument 1 must be 2-item sequence, not {tn}"
        )));
    }
    let items = vm.seq_items(st);
    if items.len() != 2 {
        return Err(vm.type_error(&format!(
            "_acquire_restore() argument 1 must be sequence of length 2, not {}",
            items.len()
        )));
    }
    let count = crate::args::py_long_as_int(vm, items[0])?.max(1) as u64;
    rlock_acquire_raw(vm, s, true, None, count)?;
    Ok(Value::NONE)
}

fn rlock_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = rlock_state(vm, a[0])?;
    let (owner, count) = {
        let g = sync::lock(&s.st);
        // Between a handover and the claimant's wake-up nobody owns it.
        (if g.count == 0 { 0 } else { g.owner }, g.count)
    };
    let st = if count > 0 { "locked" } else { "unlocked" };
    // The type's `tp_name`: `_thread.RLock`, or a Python subclass's bare
    // name.
    let name = vm.type_name_of(a[0]);
    Ok(vm.new_str(&format!(
        "<{st} {name} object owner={owner} count={count} at {:#x}>",
        addr(a[0])
    )))
}

fn rlock_exit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    rlock_release(vm, &a[..1], k)
}

fn lock_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = lock_state(vm, a[0])?;
    with_lock_exit(&s.0);
    release_or_raise(vm, s)
}

// ------------------------------------------------------------------ threads

fn start_new_thread(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if k.is_heap() && !vm.seq_items(k).is_empty() {
        return Err(vm.type_error("start_new_thread() takes no keyword arguments"));
    }
    if a.len() < 2 || a.len() > 3 {
        let bound = if a.len() < 2 {
            "at least 2"
        } else {
            "at most 3"
        };
        return Err(vm.type_error(&format!(
            "start_new_thread expected {bound} arguments, got {}",
            a.len()
        )));
    }
    let (func, args) = (a[0], a[1]);
    let kwargs = a.get(2).copied().unwrap_or(Value::NONE);
    if !vm.is_callable(func) {
        return Err(vm.type_error("first arg must be callable"));
    }
    if !vm.isinstance(args, vm.g.types.tuple) {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    if !kwargs.is_none() && !vm.isinstance(kwargs, vm.g.types.dict) {
        return Err(vm.type_error("optional 3rd arg must be a dictionary"));
    }
    let ident = new_ident();
    RUNNING.fetch_add(1, Ordering::SeqCst);
    let r = vm.spawn_thread(&[func, args, kwargs], move |vm, base| {
        IDENT.with(|c| c.set(ident));
        register_live(ident);
        // `vm` stays where it is until the body returns (then it is dropped).
        let reg = vm.register_thread(ident);
        if super::protopy::pin_requested() {
            super::protopy::pin_current_thread(ident as usize);
        }
        // A panic (a bug) is caught here first so that the thread's
        // bookkeeping and sentinels are settled before the runtime reports
        // it: the joiners and `_count()` would otherwise wait forever.
        let r =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_thread_body(vm, base)));
        drop(reg);
        unregister_live(ident);
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        finish_sentinels();
        if let Err(p) = r {
            std::panic::resume_unwind(p);
        }
    });
    if r.is_err() {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        return Err(vm.new_exc(vm.g.e.RuntimeError, "can't start new thread"));
    }
    Ok(vm.new_int(ident as i64))
}

/// Runs `func(*args, **kwargs)` (rooted at `base..base+3` on the thread's
/// value stack) and reports an uncaught exception as CPython's
/// `thread_run` does (SystemExit is silent).
fn run_thread_body(vm: &mut Vm, base: usize) {
    let func = vm.root_at(base);
    let args = vm.root_at(base + 1);
    let kwargs = vm.root_at(base + 2);
    let mut argv = vm.seq_items(args);
    let mut kwnames = Value::EMPTY;
    if kwargs.is_heap() {
        let items = vm.dict_items(kwargs);
        if !items.is_empty() {
            let names: Vec<Value> = items.iter().map(|p| p.0).collect();
            argv.extend(items.iter().map(|p| p.1));
            kwnames = vm.new_tuple(&names);
        }
    }
    if let Err(e) = vm.call(func, &argv, kwnames) {
        if vm.isinstance(e.0, vm.g.e.SystemExit) {
            return;
        }
        vm.push_root(e.0);
        crate::modules::sys::write_unraisable(
            vm,
            Some("Exception ignored in thread started by"),
            func,
            e.0,
        );
    }
}

/// In the child of a fork (the calling thread is the only one, see
/// `Vm::fork_process`): the `_thread` state of the threads that do not
/// exist here is dropped, as CPython's `PyOS_AfterFork_Child` does. The
/// calling thread keeps its ident (as `pthread_self()` does in CPython's
/// child); its CPU clock is registered anew (the clock names the thread's
/// kernel id, which the fork changed). `_count()` is left as it was, as
/// CPython 3.11 leaves its thread count.
pub fn after_fork_child() {
    let me = thread_ident();
    sync::lock(&LIVE).clear();
    register_live(me);
}

/// `lock._at_fork_reinit()`: in the child of a fork (threading's
/// `_after_fork` calls it), the lock becomes a new, unheld lock; the
/// threads that held it or waited for it do not exist there.
fn lock_at_fork_reinit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "lock._at_fork_reinit", &a[1..], k, 0, 0)?;
    let s = lock_state(vm, a[0])?;
    match sync::try_lock(&s.locked) {
        Some(mut w) => {
            *w = LockWord::default();
            s.waiters.store(0, Ordering::SeqCst);
            Ok(Value::NONE)
        }
        None => Err(reinit_error(vm)),
    }
}

/// `RLock._at_fork_reinit()`: as for `lock`.
fn rlock_at_fork_reinit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "RLock._at_fork_reinit", &a[1..], k, 0, 0)?;
    let s = rlock_state(vm, a[0])?;
    match sync::try_lock(&s.st) {
        Some(mut w) => {
            *w = RWord::default();
            s.waiters.store(0, Ordering::SeqCst);
            Ok(Value::NONE)
        }
        None => Err(reinit_error(vm)),
    }
}

/// A lock's internal mutex was taken by a thread that does not exist in
/// this child of a fork (it was between waking up and re-checking the lock
/// at the instant of the fork): it cannot be freed.
fn reinit_error(vm: &mut Vm) -> PyException {
    vm.new_exc(
        vm.g.e.RuntimeError,
        "cannot re-initialize the lock: a thread was inside its internal mutex at fork()",
    )
}

fn get_ident(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(thread_ident() as i64))
}

fn get_native_id(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(sync::thread::native_id() as i64))
}

/// `_thread.exit()` / `exit_thread()`: raises SystemExit, which ends a
/// thread quietly.
fn exit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_thread.exit", a, k, 0, 0)?;
    exit_common(vm)
}

fn exit_thread(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_thread.exit_thread", a, k, 0, 0)?;
    exit_common(vm)
}

fn exit_common(vm: &mut Vm) -> PyResult<Value> {
    let e = vm.call(vm.g.e.SystemExit, &[], Value::EMPTY)?;
    Err(PyException(e))
}

/// `_thread.interrupt_main(signum=SIGINT, /)`: signal `signum` arrives in
/// the main thread as if the OS had delivered it; its Python handler runs
/// there (KeyboardInterrupt for SIGINT), an ignored or default one does
/// nothing.
fn interrupt_main(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "interrupt_main", a, k, 0, 1)?;
    let sig = match a.first() {
        Some(&v) => i64::from(crate::args::c_int(vm, v)?),
        None => i64::from(libc::SIGINT),
    };
    if sig < 1 || sig >= engine::runtime::signals::NSIG as i64 {
        return Err(vm.value_error("signal number out of range"));
    }
    engine::runtime::signals::on_signal(sig as libc::c_int);
    // Called in the main thread, the handler runs before the call returns
    // (CPython checks for signals when a call returns); elsewhere this is a
    // no-op and the main thread handles the signal at its next check.
    vm.check_signals()?;
    Ok(Value::NONE)
}

fn count(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(RUNNING.load(Ordering::SeqCst) as i64))
}

/// `_thread._excepthook(args)`, bound to the `_thread` module (`a[0]`):
/// the default `threading.excepthook`, CPython's `thread_excepthook`.
/// Writes "Exception in thread NAME:" and the traceback to `sys.stderr`
/// (the thread's `_stderr`, saved when it was made, if `sys.stderr` is
/// None; nothing if that is None too), then flushes it. SystemExit is
/// silently ignored.
fn excepthook(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (module, a) = (a[0], &a[1..]);
    crate::args::check(vm, "_thread._excepthook", a, k, 1, 1)?;
    let args = a[0];
    let n = vm.intern("_ExceptHookArgs");
    let hook_args_type = vm.getattr(module, n)?;
    let items = match Obj::from_value(args) {
        Some(o) if o.class() == hook_args_type && o.n_values() == 4 => {
            [o.get(0), o.get(1), o.get(2), o.get(3)]
        }
        _ => return Err(vm.type_error("_thread.excepthook argument type must be ExceptHookArgs")),
    };
    let [et, ev, _tb, th] = items;
    if et == vm.g.e.SystemExit {
        return Ok(Value::NONE);
    }
    let file = match crate::builtins::sys_attr(vm, "stderr") {
        Some(f) if !f.is_none() => f,
        _ => {
            if th.is_none() {
                return Ok(Value::NONE);
            }
            let n = vm.intern("_stderr");
            let f = vm.getattr(th, n)?;
            if f.is_none() {
                return Ok(Value::NONE);
            }
            f
        }
    };
    let mark = vm.push_root(file);
    let name = if th.is_none() {
        None
    } else {
        let nm = vm.g.names.name;
        vm.getattr_opt(th, nm)?
    };
    let name = match name {
        Some(v) => vm.str_string(v)?,
        None => thread_ident().to_string(),
    };
    let text = if ev.is_none() {
        let en = vm.repr_string(et)?;
        format!("{en}\n")
    } else {
        vm.format_exception(ev)
    };
    let out = vm.new_str(&format!("Exception in thread {name}:\n{text}"));
    vm.call_method(file, "write", &[out])?;
    vm.call_method(file, "flush", &[])?;
    vm.pop_roots(mark);
    Ok(Value::NONE)
}

/// Smallest stack size `stack_size()` accepts (CPython's
/// `THREAD_STACK_MIN` for pthreads: 32 KiB).
const THREAD_STACK_MIN: i64 = 0x8000;

/// The size last set by `stack_size(n)` (0: the platform default).
static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);

/// `stack_size([size])`: returns the size set before; with `size`, sets it
/// (0, or at least 32 KiB), with CPython's checks. The value is recorded
/// and reported only: every ProtoPy thread gets `THREAD_STACK_BYTES` of
/// native stack (touched pages only), which the interpreter's recursion
/// limit is sized for.
fn stack_size(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "stack_size", "stack_size", a, k, 0, 1)?;
    let new = match a.first() {
        Some(&v) => crate::args::py_ssize_t(vm, v)?,
        None => 0,
    };
    if new < 0 {
        return Err(vm.value_error("size must be 0 or a positive value"));
    }
    if new != 0 && new < THREAD_STACK_MIN {
        return Err(vm.value_error(&format!("size not valid: {new} bytes")));
    }
    let old = STACK_SIZE.swap(new as usize, Ordering::SeqCst);
    Ok(vm.new_int(old as i64))
}

/// A subclassable native class `module.name` of `K_INSTANCE` instances
/// with the docstring `doc`, the native `__new__` `new` and `methods`.
fn new_class(
    vm: &mut Vm,
    name: &str,
    module: &str,
    doc: &str,
    new: NativeFn,
    methods: &[(&'static str, NativeFn)],
) -> Value {
    let obj = vm.g.types.object;
    let t = vm.new_static_type(name, obj, K_INSTANCE, true);
    for (attr, text) in [("__module__", module), ("__doc__", doc)] {
        let v = vm.new_str(text);
        vm.ctx.promote(v);
        vm.add_attr(t, attr, v);
    }
    vm.add_static(t, "__new__", new, false);
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    t
}

/// Creates the `_thread` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_thread");
    let mark = vm.push_root(m);
    let modname = vm.new_str("_thread");

    let lt = vm.g.types.lock;
    vm.add_attr(lt, "__module__", modname);
    let lock_methods: &[(&'static str, NativeFn)] = &[
        ("acquire", lock_acquire),
        ("acquire_lock", lock_acquire),
        ("release", lock_release),
        ("release_lock", lock_release),
        ("locked", lock_locked),
        ("locked_lock", lock_locked),
        ("__enter__", lock_enter),
        ("__exit__", lock_exit),
        ("__repr__", lock_repr),
        ("_at_fork_reinit", lock_at_fork_reinit),
    ];
    for &(n, f) in lock_methods {
        vm.add_method(lt, n, f);
    }
    vm.set_module_attr(m, "LockType", lt);
    vm.set_module_attr(m, "lock", lt);

    // Made with the interpreter's builtin types (`TF_NODICT`: RLock's own
    // instances take no attributes), for Condition's default lock.
    let rt = vm.g.types.rlock;
    vm.add_attr(rt, "__module__", modname);
    vm.add_static(rt, "__new__", rlock_new, false);
    let rlock_methods: &[(&'static str, NativeFn)] = &[
        ("acquire", rlock_acquire),
        ("release", rlock_release),
        ("__enter__", rlock_enter),
        ("__exit__", rlock_exit),
        ("__repr__", rlock_repr),
        ("_is_owned", rlock_is_owned),
        ("_release_save", rlock_release_save),
        ("_acquire_restore", rlock_acquire_restore),
        ("_at_fork_reinit", rlock_at_fork_reinit),
    ];
    for &(n, f) in rlock_methods {
        vm.add_method(rt, n, f);
    }
    vm.set_module_attr(m, "RLock", rt);
    condition::init(vm, m);
    local::init(vm, m);

    let fns: &[(&'static str, NativeFn)] = &[
        ("start_new_thread", start_new_thread),
        ("start_new", start_new_thread),
        ("get_ident", get_ident),
        ("get_native_id", get_native_id),
        ("_count", count),
        ("exit", exit),
        ("exit_thread", exit_thread),
        ("interrupt_main", interrupt_main),
        ("allocate_lock", allocate_lock),
        ("_set_sentinel", set_sentinel),
        ("allocate", allocate_lock),
        ("stack_size", stack_size),
    ];
    vm.add_module_functions(m, fns);
    // Bound to the module (`<built-in function _excepthook>`), where it
    // finds `_ExceptHookArgs`.
    let hook = vm.new_builtin_bound("_excepthook", excepthook, m);
    vm.ctx.promote(hook);
    vm.set_module_attr(m, "_excepthook", hook);
    let hat = crate::types::structseq::new_type(
        vm,
        "_thread",
        "_ExceptHookArgs",
        &["exc_type", "exc_value", "exc_traceback", "thread"],
    );
    crate::types::structseq::set_constructible(vm, hat);
    vm.set_module_attr(m, "_ExceptHookArgs", hat);
    let tm = vm.new_float(TIMEOUT_MAX);
    vm.set_module_attr(m, "TIMEOUT_MAX", tm);
    let re = vm.g.e.RuntimeError;
    vm.set_module_attr(m, "error", re);
    vm.pop_roots(mark);
    Ok(m)
}

#[cfg(test)]
mod sentinel_tests {
    use super::*;

    fn held() -> Arc<LockInner> {
        Arc::new(LockInner {
            locked: Mutex::new(LockWord {
                held: true,
                ..LockWord::default()
            }),
            cv: Condvar::new(),
            waiters: AtomicUsize::new(0),
        })
    }

    /// At a thread's end the runtime releases the sentinels still held
    /// (its joiners wait on them) and forgets them all.
    #[test]
    fn sentinels_are_released_at_thread_end() {
        let (a, b) = (held(), held());
        sync::lock(&b.locked).held = false;
        SENTINELS.with(|v| v.borrow_mut().push(a.clone()));
        SENTINELS.with(|v| v.borrow_mut().push(b.clone()));
        finish_sentinels();
        assert!(!sync::lock(&a.locked).held);
        assert!(!sync::lock(&b.locked).held);
        assert!(SENTINELS.with(|v| v.borrow().is_empty()));
    }
}
