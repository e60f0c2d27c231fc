//! OS signals: delivered to Python code in the main thread at safepoints.
//!
//! The C-level handler [`on_signal`] only stores to atomics (it is
//! async-signal-safe): the signal's `TRIPPED` flag and the global
//! [`PENDING`] flag. The interpreter loop of the main Python thread checks
//! `PENDING` at back-edges and calls ([`Vm::check_signals`]) and runs the
//! Python handler registered by the `_signal` module (kept in that module's
//! `_handlers` dict), or raises `KeyboardInterrupt` for SIGINT when none is
//! registered, as CPython does. Other threads never run signal handlers.
//!
//! Concurrency contract: `PENDING`/`TRIPPED` are written by the handler on
//! any OS thread and consumed with `swap` by the main Python thread only.

use super::{PyResult, Vm};
use proto_core::sync::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use proto_core::Value;

/// Highest signal number handled (Linux real-time signals stop at 64).
pub const NSIG: usize = 65;

/// Set by [`on_signal`] and [`request_deferred`]; cleared by the thread
/// that handles them. Threads check only this flag at safepoints.
pub static PENDING: AtomicBool = AtomicBool::new(false);

/// Work a global collection left for Python code (weak reference
/// callbacks): run by the first thread of any kind that reaches a safepoint.
static DEFERRED: AtomicBool = AtomicBool::new(false);

/// Runs the deferred work (python_env registers it once at start-up).
pub type DeferredRunner = fn(&mut Vm);

static DEFERRED_RUNNER: std::sync::OnceLock<DeferredRunner> = std::sync::OnceLock::new();

/// Registers the function that runs deferred work (first call wins).
pub fn set_deferred_runner(f: DeferredRunner) {
    let _ = DEFERRED_RUNNER.set(f);
}

/// Says whether the calling thread must not run deferred work now.
pub type DeferralGuard = fn() -> bool;

static DEFERRAL_GUARD: std::sync::OnceLock<DeferralGuard> = std::sync::OnceLock::new();

/// Registers the test [`Vm::run_deferred`] makes before running the work at
/// a safepoint (first call wins). python_env's says whether the thread
/// holds a lock it took in a `with` block: a weak reference callback or
/// `__del__` taking that lock would wait for ever on its own thread. CPython
/// frees most objects when their last reference goes, rarely inside such a
/// block; collections here come at any safepoint.
pub fn set_deferral_guard(f: DeferralGuard) {
    let _ = DEFERRAL_GUARD.set(f);
}

/// Asks the next thread at a safepoint to run the deferred work. Safe to
/// call while the world is stopped (only stores to atomics).
pub fn request_deferred() {
    DEFERRED.store(true, Ordering::SeqCst);
    PENDING.store(true, Ordering::SeqCst);
}

/// Makes the next safepoint check look at its pending work (the allocator's
/// emergency reserve was used). Only stores to an atomic.
pub fn request_check() {
    PENDING.store(true, Ordering::SeqCst);
}

/// Clears [`PENDING`] unless a signal or deferred work is still waiting.
/// Clearing first and checking after means a concurrent request, which sets
/// its own flag before `PENDING`, is never lost.
fn settle_pending() {
    PENDING.store(false, Ordering::SeqCst);
    let waiting = DEFERRED.load(Ordering::SeqCst)
        || TRIPPED.iter().any(|t| t.load(Ordering::SeqCst))
        || proto_core::reserve::wanted();
    if waiting {
        PENDING.store(true, Ordering::SeqCst);
    }
}

/// In the child of a fork: signals that arrived in the parent before the
/// fork are the parent's to handle (CPython's `_PySignal_AfterFork`).
pub fn after_fork_child() {
    for t in TRIPPED.iter() {
        t.store(false, Ordering::SeqCst);
    }
    settle_pending();
}

#[allow(clippy::declare_interior_mutable_const)]
const UNTRIPPED: AtomicBool = AtomicBool::new(false);
static TRIPPED: [AtomicBool; NSIG] = [UNTRIPPED; NSIG];

thread_local! {
    /// Set in the main Python thread only (by [`set_main_thread`]).
    static IS_MAIN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks the calling thread as the main Python thread (the one that runs
/// signal handlers).
pub fn set_main_thread() {
    IS_MAIN.with(|m| m.set(true));
    // SAFETY: pthread_self and getpid have no preconditions.
    let (me, pid) = unsafe { (libc::pthread_self() as u64, libc::getpid()) };
    MAIN_PID.store(pid as u32, Ordering::Release);
    MAIN_PTHREAD.store(me, Ordering::Release);
}

/// Called by the main Python thread when it ends: signals are no longer
/// sent on to it.
pub fn main_thread_ends() {
    MAIN_PTHREAD.store(0, Ordering::Release);
}

/// The main Python thread's `pthread_t` (0: none), valid in the process
/// [`MAIN_PID`] (a child of fork() has its own from its `set_main_thread`).
static MAIN_PTHREAD: AtomicU64 = AtomicU64::new(0);
static MAIN_PID: AtomicU32 = AtomicU32::new(0);

/// Whether the calling thread is the main Python thread.
pub fn is_main_thread() -> bool {
    IS_MAIN.with(|m| m.get())
}

/// `signal.set_wakeup_fd`'s file descriptor plus one (0: none): the
/// handler writes each signal's number to it as one byte.
static WAKEUP_FD: AtomicU32 = AtomicU32::new(0);

/// Sets the wakeup file descriptor (-1: none); returns the previous one.
pub fn set_wakeup_fd(fd: i32) -> i32 {
    let new = if fd < 0 { 0 } else { fd as u32 + 1 };
    WAKEUP_FD.swap(new, Ordering::SeqCst) as i32 - 1
}

/// The C signal handler: records the signal for the main thread and
/// writes its number to the wakeup fd, if one is set. A signal the kernel
/// gave to another thread is sent on to the main Python thread, whose
/// handler records it: in CPython the process's main thread, which is the
/// main Python thread and the kernel's first choice, receives it, so its
/// blocking call (`signal.pause()`, a read, a sleep) returns EINTR and the
/// Python handler runs at once. Here the process's first thread only waits
/// for the main Python thread, which runs on a thread with a bigger stack.
pub extern "C" fn on_signal(sig: libc::c_int) {
    let main = MAIN_PTHREAD.load(Ordering::Acquire);
    // SAFETY: pthread_self and getpid read the caller's own state, and
    // pthread_kill is async-signal-safe; `main` is the main Python thread of
    // this process (checked by pid: a fork child's copy is stale until its
    // own set_main_thread), still running (cleared by main_thread_ends
    // before that thread returns and is joined).
    unsafe {
        if main != 0
            && libc::pthread_self() as u64 != main
            && libc::getpid() as u32 == MAIN_PID.load(Ordering::Acquire)
        {
            let errno = *libc::__errno_location();
            libc::pthread_kill(main as libc::pthread_t, sig);
            *libc::__errno_location() = errno;
            return;
        }
    }
    if let Some(t) = usize::try_from(sig).ok().and_then(|s| TRIPPED.get(s)) {
        t.store(true, Ordering::Release);
        PENDING.store(true, Ordering::Release);
    }
    let fd = WAKEUP_FD.load(Ordering::Acquire);
    if fd != 0 {
        let byte = sig as u8;
        // SAFETY: write(2) and errno access are async-signal-safe; the
        // buffer is one byte on this stack frame. errno is restored so the
        // interrupted code sees its own. A full pipe (EAGAIN) loses the
        // byte, as in CPython; the signal itself is still recorded above.
        unsafe {
            let errno = *libc::__errno_location();
            libc::write(
                (fd - 1) as libc::c_int,
                &byte as *const u8 as *const libc::c_void,
                1,
            );
            *libc::__errno_location() = errno;
        }
    }
}

/// Installs [`on_signal`] as the OS handler of `sig`.
pub fn install(sig: i32) -> bool {
    set_os_handler(
        sig,
        on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
    )
}

/// Sets the OS disposition of `sig` (`libc::SIG_DFL`, `libc::SIG_IGN` or a
/// handler address); false when the OS refuses (e.g. SIGKILL).
pub fn set_os_handler(sig: i32, handler: libc::sighandler_t) -> bool {
    // SAFETY: sigaction is given a zero-initialised, fully set struct; the
    // handler is either a libc constant or `on_signal`, which only touches
    // atomics and is therefore async-signal-safe.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler;
        libc::sigemptyset(&mut sa.sa_mask);
        // No SA_RESTART: blocking system calls return EINTR so that waits in
        // the main thread can notice a pending signal.
        sa.sa_flags = 0;
        libc::sigaction(sig, &sa, std::ptr::null_mut()) == 0
    }
}

/// Called when a process-terminating KeyboardInterrupt was reported: dies
/// of SIGINT, as CPython does, so the parent sees the signal.
pub fn exit_by_sigint() {
    set_os_handler(libc::SIGINT, libc::SIG_DFL);
    // SAFETY: raising a signal with the default disposition terminates the
    // process; no Rust state is observed afterwards.
    unsafe {
        libc::raise(libc::SIGINT);
    }
}

impl Vm {
    /// Runs the handlers of signals that arrived since the last check (main
    /// thread only; a cheap load elsewhere or when nothing is pending).
    #[inline]
    pub fn check_signals(&mut self) -> PyResult<()> {
        if !PENDING.load(Ordering::Relaxed) {
            return Ok(());
        }
        self.run_pending_signals()
    }

    /// Runs the deferred work a collection left, unless the guard (see
    /// [`set_deferral_guard`]) holds this thread back: the work then stays
    /// pending for another thread or a later safepoint.
    pub fn run_deferred(&mut self) {
        if !DEFERRAL_GUARD.get().is_some_and(|held_back| held_back()) {
            self.run_deferred_now();
        }
    }

    /// Runs the deferred work now if a collection left some, whatever the
    /// guard says (`gc.collect()` calls this, so weak reference callbacks
    /// have run when it returns, as in CPython).
    pub fn run_deferred_now(&mut self) {
        if DEFERRED.swap(false, Ordering::SeqCst) {
            if let Some(run) = DEFERRED_RUNNER.get() {
                run(self);
            }
            settle_pending();
        }
    }

    /// MemoryError in the first thread to look after the allocator gave its
    /// reserve up. Checks, and native loops that step an iterator
    /// ([`Vm::next`]): a native loop that only makes small objects (whose
    /// allocations cannot fail, `list(map(list, zip(count())))`) reaches no
    /// other check before the reserve is spent too.
    #[cold]
    pub(crate) fn raise_if_reserve_spent(&mut self) -> PyResult<()> {
        if proto_core::reserve::take_exhausted() {
            proto_core::reserve::arm();
            return Err(self.no_memory());
        }
        Ok(())
    }

    #[cold]
    fn run_pending_signals(&mut self) -> PyResult<()> {
        // The allocator gave its reserve up for a request the system
        // refused: that request is where CPython raises MemoryError, so it
        // is raised here, in the first thread to check. The reserve is
        // mapped again once memory allows (PENDING stays set until then).
        self.raise_if_reserve_spent()?;
        if proto_core::reserve::wanted()
            && proto_core::reserve::retry_due()
            && !proto_core::reserve::arm()
        {
            // What the failed operation built is garbage now; every value
            // is in a frame or a root at a check.
            self.ctx.collect_global();
            proto_core::reserve::arm();
        }
        // Settling leaves PENDING set while a signal is tripped, so the
        // main thread still handles it below.
        self.run_deferred();
        if !is_main_thread() || !PENDING.swap(false, Ordering::AcqRel) {
            return Ok(());
        }
        if DEFERRED.load(Ordering::SeqCst) {
            PENDING.store(true, Ordering::SeqCst);
        }
        for (sig, tripped) in TRIPPED.iter().enumerate().skip(1) {
            if tripped.swap(false, Ordering::AcqRel) {
                if let Err(e) = self.run_signal_handler(sig as i64) {
                    // Leave the signals not yet handled for the next check.
                    PENDING.store(true, Ordering::Release);
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    fn run_signal_handler(&mut self, sig: i64) -> PyResult<()> {
        let handler = self.python_signal_handler(sig)?;
        match handler {
            Some(h) if !h.is_int() => {
                let mark = self.push_root(h);
                let r = self.call(h, &[Value::int(sig), Value::NONE], Value::EMPTY);
                self.pop_roots(mark);
                r.map(|_| ())
            }
            Some(_) => Ok(()),
            None if sig == i64::from(libc::SIGINT) => {
                let cls = self.g.e.KeyboardInterrupt;
                let e = self.call(cls, &[], Value::EMPTY)?;
                Err(super::PyException(e))
            }
            None => Ok(()),
        }
    }

    /// The handler stored by the `_signal` module (which `signal` wraps),
    /// if it was imported.
    fn python_signal_handler(&mut self, sig: i64) -> PyResult<Option<Value>> {
        let key = self.new_str("_signal");
        let Some(m) = self.dict_get_str(self.g.sys_modules, key) else {
            return Ok(None);
        };
        let hk = self.intern("_handlers");
        let Some(handlers) = self.getattr_opt(m, hk)? else {
            return Ok(None);
        };
        let mark = self.push_root(handlers);
        let r = self.getitem(handlers, Value::int(sig));
        self.pop_roots(mark);
        Ok(r.ok())
    }
}
