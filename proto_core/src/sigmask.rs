//! Signal masks of the runtime's own threads.
//!
//! A process-directed signal goes to any thread that does not block it. In
//! CPython every thread runs Python code, so blocking a signal in all of
//! them (`signal.pthread_sigmask`) keeps it pending for `sigwait`. The
//! runtime's own threads (the process's first thread, which only waits for
//! the main Python thread; the collector's workers; watchdogs) run no
//! Python code and block the asynchronous signals, so only the threads that
//! Python code controls receive them.

/// Blocks every asynchronous signal in the calling thread. The signals
/// raised by a fault of the thread itself (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
/// SIGTRAP, SIGSYS) stay deliverable: blocked, a fault would kill the
/// process without its handler.
pub fn block_async_signals() {
    // SAFETY: the set is initialised by sigfillset before use, and
    // pthread_sigmask changes only the calling thread's mask.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        for s in [
            libc::SIGSEGV,
            libc::SIGBUS,
            libc::SIGFPE,
            libc::SIGILL,
            libc::SIGTRAP,
            libc::SIGSYS,
        ] {
            libc::sigdelset(&mut set, s);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}
