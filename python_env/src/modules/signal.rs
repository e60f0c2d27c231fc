//! The `_signal` module: Python handlers for OS signals, run by the main
//! thread at safepoints (see `engine::runtime::signals`).
//!
//! Python-level handlers are kept in the module's `_handlers` dict (signal
//! number -> callable, SIG_DFL or SIG_IGN), where the engine looks them up.
//! Here signal numbers and SIG_DFL/SIG_IGN are plain ints; the `signal`
//! module (CPython's Lib/signal.py) re-exports them as the IntEnum members
//! of `Signals` and `Handlers`, as CPython does.

use crate::args::check;
use engine::runtime::signals::{self, NSIG};
use engine::runtime::*;
use proto_core::Value;

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

fn handlers(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.import_module("_signal")?;
    let k = vm.intern("_handlers");
    vm.getattr(m, k)
}

/// A signal number argument: any int (an IntEnum member of
/// `signal.Signals` included) in 1..NSIG.
fn signum(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = vm.index(v)?;
    let Some(n) = vm.as_i64(i) else {
        return Err(vm.value_error("signal number out of range"));
    };
    if n < 1 || n >= NSIG as i64 {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n)
}

fn einval(vm: &mut Vm) -> PyException {
    let cls = vm.g.e.OSError;
    let msg = vm.new_str("Invalid argument");
    match vm.call(cls, &[Value::int(22), msg], Value::EMPTY) {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

fn current_handler(vm: &mut Vm, n: i64) -> PyResult<Value> {
    let h = handlers(vm)?;
    match vm.getitem(h, Value::int(n)) {
        Ok(v) => Ok(v),
        Err(_) => Ok(Value::int(SIG_DFL)),
    }
}

/// `signal.signal(signalnum, handler)`.
fn signal_(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "signal", a, k, 2, 2)?;
    if !signals::is_main_thread() {
        return Err(vm.value_error("signal only works in main thread of the main interpreter"));
    }
    let n = signum(vm, a[0])?;
    let handler = a[1];
    let os_ok = match handler.as_int() {
        Some(SIG_DFL) => signals::set_os_handler(n as i32, libc::SIG_DFL),
        Some(SIG_IGN) => signals::set_os_handler(n as i32, libc::SIG_IGN),
        _ if !handler.is_int() && vm.is_callable(handler) => signals::install(n as i32),
        _ => {
            return Err(vm.type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ))
        }
    };
    if !os_ok {
        return Err(einval(vm));
    }
    let old = current_handler(vm, n)?;
    let mark = vm.push_root(old);
    let h = handlers(vm)?;
    let r = vm.setitem(h, Value::int(n), handler);
    vm.pop_roots(mark);
    r?;
    Ok(old)
}

/// `signal.getsignal(signalnum)`.
fn getsignal(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "getsignal", a, k, 1, 1)?;
    let n = signum(vm, a[0])?;
    current_handler(vm, n)
}

/// `signal.default_int_handler(signalnum, frame)`: raises KeyboardInterrupt.
fn default_int_handler(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = vm.g.e.KeyboardInterrupt;
    let e = vm.call(cls, &[], Value::EMPTY)?;
    Err(PyException(e))
}

/// `signal.raise_signal(signalnum)`: sends the signal to this process and
/// runs its Python handler before returning, as CPython does.
fn raise_signal(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "raise_signal", a, k, 1, 1)?;
    let n = signum(vm, a[0])?;
    // SAFETY: raise() with a valid signal number; the disposition is either
    // a libc constant or `signals::on_signal`, which only stores atomics.
    let r = unsafe { libc::raise(n as i32) };
    if r != 0 {
        return Err(einval(vm));
    }
    vm.check_signals()?;
    Ok(Value::NONE)
}

/// `signal.alarm(seconds)`: schedules SIGALRM; returns the previous delay.
fn alarm(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "alarm", a, k, 1, 1)?;
    let secs = a[0].as_int().unwrap_or(0).clamp(0, i64::from(u32::MAX)) as u32;
    // SAFETY: alarm() has no memory-safety preconditions.
    let prev = unsafe { libc::alarm(secs) };
    Ok(Value::int(i64::from(prev)))
}

/// `signal.pause()`: waits for a signal, then runs its handler.
fn pause(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "pause", a, k, 0, 0)?;
    // SAFETY: pause() only blocks until a signal arrives.
    vm.ctx.blocking(|| unsafe {
        libc::pause();
    });
    vm.check_signals()?;
    Ok(Value::NONE)
}

/// `signal.strsignal(signalnum)`.
fn strsignal(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "strsignal", a, k, 1, 1)?;
    let n = signum(vm, a[0])?;
    // SAFETY: strsignal returns a pointer to a NUL-terminated static or
    // thread-local string (or NULL), read at once before any other call.
    let s = unsafe {
        let p = libc::strsignal(n as i32);
        if p.is_null() {
            return Ok(Value::NONE);
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    if s.starts_with("Unknown signal") || s.starts_with("Real-time signal") {
        return Ok(Value::NONE);
    }
    Ok(vm.new_str(&s))
}

/// `signal.valid_signals()`: the signal numbers this platform accepts.
fn valid_signals(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "valid_signals", a, k, 0, 0)?;
    let mut nums = Vec::new();
    // SAFETY: a zeroed sigset_t is filled by sigfillset before being read.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        for n in 1..NSIG as i32 {
            if libc::sigismember(&set, n) == 1 {
                nums.push(Value::int(i64::from(n)));
            }
        }
    }
    let l = vm.new_list(&nums);
    let set_cls = vm.g.types.set;
    vm.call(set_cls, &[l], Value::EMPTY)
}

/// `signal.set_wakeup_fd(fd, /, *, warn_on_full_buffer=True)`: the OS
/// handler writes each signal's number, as one byte, to `fd` (-1: none),
/// which must be open and non-blocking; returns the previous fd.
fn set_wakeup_fd(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fd, _warn] = crate::types::clinic::unpack(
        vm,
        "set_wakeup_fd",
        a,
        k,
        ["", "warn_on_full_buffer"],
        1,
        1,
        1,
    )?;
    let fd = crate::args::c_int(vm, fd.unwrap_or(Value::NONE))?;
    if !signals::is_main_thread() {
        return Err(
            vm.value_error("set_wakeup_fd only works in main thread of the main interpreter")
        );
    }
    if fd != -1 {
        // SAFETY: fstat/fcntl on an integer fd write only into `st`.
        let flags = unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            if libc::fstat(fd, &mut st) != 0 {
                let code = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
                return Err(super::posix::os_error(vm, code, Value::EMPTY));
            }
            libc::fcntl(fd, libc::F_GETFL)
        };
        if flags == -1 || flags & libc::O_NONBLOCK == 0 {
            return Err(vm.value_error(&format!("the fd {fd} must be in non-blocking mode")));
        }
    }
    Ok(Value::int(i64::from(signals::set_wakeup_fd(fd))))
}

/// `signal.itimer_error`, an OSError subclass (CPython names it so).
fn new_itimer_error(vm: &mut Vm) -> PyResult<Value> {
    vm.call_class_in_module(
        vm.g.types.type_,
        "signal",
        "itimer_error",
        &[vm.g.e.OSError],
    )
}

fn itimer_error(vm: &mut Vm, code: i32) -> PyException {
    let cls = vm
        .import_module("_signal")
        .and_then(|m| {
            let n = vm.intern("ItimerError");
            vm.getattr(m, n)
        })
        .unwrap_or(vm.g.e.OSError);
    let msg = vm.new_str(&super::posix::strerror_text(code));
    match vm.call(cls, &[Value::int(i64::from(code)), msg], Value::EMPTY) {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

fn timeval_of(secs: f64) -> libc::timeval {
    let whole = secs.trunc();
    let mut usec = ((secs - whole) * 1e6).round() as i64;
    let mut sec = whole as i64;
    if usec >= 1_000_000 {
        sec += 1;
        usec -= 1_000_000;
    }
    // CPython rounds a nonzero value below one microsecond up to one.
    if sec == 0 && usec == 0 && secs > 0.0 {
        usec = 1;
    }
    libc::timeval {
        tv_sec: sec as libc::time_t,
        tv_usec: usec as libc::suseconds_t,
    }
}

fn itimer_tuple(vm: &mut Vm, v: &libc::itimerval) -> Value {
    let f = |t: &libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let d = vm.new_float(f(&v.it_value));
    let i = vm.new_float(f(&v.it_interval));
    vm.new_tuple(&[d, i])
}

/// `signal.setitimer(which, seconds, interval=0.0)`: returns the old
/// `(delay, interval)`.
fn setitimer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "setitimer", a, k, 2, 3)?;
    let which = crate::args::c_int(vm, a[0])?;
    let secs = crate::types::float::to_float(vm, a[1])?;
    let interval = match a.get(2) {
        Some(&v) => crate::types::float::to_float(vm, v)?,
        None => 0.0,
    };
    let new = libc::itimerval {
        it_value: timeval_of(secs),
        it_interval: timeval_of(interval),
    };
    // SAFETY: setitimer reads `new` and writes `old`, both owned here.
    let (r, old) = unsafe {
        let mut old: libc::itimerval = std::mem::zeroed();
        (libc::setitimer(which, &new, &mut old), old)
    };
    if r != 0 {
        let code = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(itimer_error(vm, code));
    }
    Ok(itimer_tuple(vm, &old))
}

/// `signal.getitimer(which)`: the current `(delay, interval)`.
fn getitimer(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "getitimer", a, k, 1, 1)?;
    let which = crate::args::c_int(vm, a[0])?;
    // SAFETY: getitimer writes only into `cur`, owned here.
    let (r, cur) = unsafe {
        let mut cur: libc::itimerval = std::mem::zeroed();
        (libc::getitimer(which, &mut cur), cur)
    };
    if r != 0 {
        let code = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(itimer_error(vm, code));
    }
    Ok(itimer_tuple(vm, &cur))
}

/// `signal.siginterrupt(signalnum, flag)`: whether a signal interrupts
/// system calls (our handler is installed without SA_RESTART, so calls
/// are interrupted unless `flag` is false).
fn siginterrupt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "siginterrupt", a, k, 2, 2)?;
    let n = signum(vm, a[0])?;
    let flag = crate::args::c_int(vm, a[1])?;
    // SAFETY: sigaction reads and writes a zero-initialised struct owned
    // here; only SA_RESTART of the current disposition changes.
    let ok = unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(n as i32, std::ptr::null(), &mut sa) != 0 {
            false
        } else {
            if flag != 0 {
                sa.sa_flags &= !libc::SA_RESTART;
            } else {
                sa.sa_flags |= libc::SA_RESTART;
            }
            libc::sigaction(n as i32, &sa, std::ptr::null_mut()) == 0
        }
    };
    if !ok {
        let code = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(super::posix::os_error(vm, code, Value::EMPTY));
    }
    Ok(Value::NONE)
}

/// Module state slot of `_signal` holding the `struct_siginfo` type.
const STATE_SIGINFO: usize = 0;

fn errno_error(vm: &mut Vm, code: i32) -> PyException {
    super::posix::os_error(vm, code, Value::EMPTY)
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// A signal set argument: an iterable of signal numbers in 1..NSIG
/// (CPython's `_Py_Sigset_Converter`).
pub(crate) fn sigset_arg(vm: &mut Vm, v: Value) -> PyResult<libc::sigset_t> {
    // SAFETY: sigemptyset initialises the zeroed set.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    unsafe { libc::sigemptyset(&mut set) };
    let items = vm.collect(v)?;
    let mark = vm.root_values(&items);
    let r = (|| {
        for &it in &items {
            let i = vm.index(it)?;
            // An int beyond a C long reads as -1, as in CPython.
            let n = vm.as_i64(i).unwrap_or(-1);
            if n < 1 || n >= NSIG as i64 {
                return Err(
                    vm.value_error(&format!("signal number {n} out of range [1; {}]", NSIG - 1))
                );
            }
            // SAFETY: n is a valid signal number for the initialised set.
            unsafe { libc::sigaddset(&mut set, n as i32) };
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r.map(|()| set)
}

/// The members of a signal set, as a set of ints.
fn sigset_value(vm: &mut Vm, set: &libc::sigset_t) -> PyResult<Value> {
    let nums: Vec<Value> = (1..NSIG as i32)
        // SAFETY: `set` is an initialised sigset_t and n a signal number.
        .filter(|&n| unsafe { libc::sigismember(set, n) } == 1)
        .map(|n| Value::int(i64::from(n)))
        .collect();
    let l = vm.new_list(&nums);
    let set_cls = vm.g.types.set;
    vm.call(set_cls, &[l], Value::EMPTY)
}

/// `signal.pthread_kill(thread_id, signalnum)`.
fn pthread_kill(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "pthread_kill", a, k, 2, 2)?;
    let i = vm.index(a[0])?;
    let Some(ident) = vm.as_i64(i).filter(|&n| n >= 0) else {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C unsigned long",
        ));
    };
    let sig = crate::args::c_int(vm, a[1])?;
    vm.audit("signal.pthread_kill", &[i, Value::int(i64::from(sig))])?;
    let err = super::_thread::kill_thread(ident as u64, sig);
    if err != 0 {
        return Err(errno_error(vm, err));
    }
    // The signal may be for this thread: its handler runs now, as CPython's.
    vm.check_signals()?;
    Ok(Value::NONE)
}

/// `signal.pthread_sigmask(how, mask)`: the previous mask, as a set.
fn pthread_sigmask(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "pthread_sigmask", a, k, 2, 2)?;
    let how = crate::args::c_int(vm, a[0])?;
    let set = sigset_arg(vm, a[1])?;
    // SAFETY: pthread_sigmask reads `set` and writes `old`, both owned here.
    let (err, old) = unsafe {
        let mut old: libc::sigset_t = std::mem::zeroed();
        (libc::pthread_sigmask(how, &set, &mut old), old)
    };
    if err != 0 {
        return Err(errno_error(vm, err));
    }
    // Unblocking may have delivered a pending signal: run its handler.
    vm.check_signals()?;
    sigset_value(vm, &old)
}

/// `signal.sigpending()`: the signals pending for this thread or process.
fn sigpending(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "sigpending", a, k, 0, 0)?;
    // SAFETY: sigpending writes only into `set`, owned here.
    let (r, set) = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        (libc::sigpending(&mut set), set)
    };
    if r != 0 {
        return Err(errno_error(vm, last_errno()));
    }
    sigset_value(vm, &set)
}

/// `signal.sigwait(sigset)`: waits for one of the signals; its number.
fn sigwait(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "sigwait", a, k, 1, 1)?;
    let set = sigset_arg(vm, a[0])?;
    let mut sig: libc::c_int = 0;
    // SAFETY: sigwait reads `set` and writes `sig`, both owned here.
    let err = vm.ctx.blocking(|| unsafe { libc::sigwait(&set, &mut sig) });
    if err != 0 {
        return Err(errno_error(vm, err));
    }
    Ok(Value::int(i64::from(sig)))
}

fn siginfo_value(vm: &mut Vm, m: Value, si: &libc::siginfo_t) -> PyResult<Value> {
    let cls = super::pwd::state(vm, m, STATE_SIGINFO)?;
    // SAFETY: the union fields are read as the kernel filled them for the
    // signal (pid/uid/status are zero where the kind has none, as CPython
    // reads them unconditionally).
    let (pid, uid, status) = unsafe { (si.si_pid(), si.si_uid(), si.si_status()) };
    // si_band (SIGPOLL) is the union's first word, as si_pid and si_uid
    // are; the union follows the three ints of the header, pointer-aligned.
    let off = (3 * std::mem::size_of::<libc::c_int>())
        .next_multiple_of(std::mem::align_of::<*const libc::c_void>());
    // SAFETY: `off` is inside the kernel-filled siginfo_t (128 bytes), and
    // the read is unaligned-safe.
    let band = unsafe {
        (si as *const libc::siginfo_t)
            .cast::<u8>()
            .add(off)
            .cast::<libc::c_long>()
            .read_unaligned()
    };
    let items = [
        Value::int(i64::from(si.si_signo)),
        Value::int(i64::from(si.si_code)),
        Value::int(i64::from(si.si_errno)),
        Value::int(i64::from(pid)),
        vm.new_int(i64::from(uid)),
        Value::int(i64::from(status)),
        vm.new_int(band as i64),
    ];
    Ok(crate::types::structseq::new(vm, cls, &items))
}

/// `signal.sigwaitinfo(sigset)`: waits for one of the signals; its
/// `struct_siginfo`. Interrupted by another signal, it runs that handler
/// and waits again (PEP 475).
fn sigwaitinfo(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "sigwaitinfo", &a[1..], k, 1, 1)?;
    let set = sigset_arg(vm, a[1])?;
    loop {
        // SAFETY: sigwaitinfo reads `set` and writes `si`, both owned here.
        let (r, si) = vm.ctx.blocking(|| unsafe {
            let mut si: libc::siginfo_t = std::mem::zeroed();
            (libc::sigwaitinfo(&set, &mut si), si)
        });
        if r >= 0 {
            return siginfo_value(vm, a[0], &si);
        }
        let e = last_errno();
        if e != libc::EINTR {
            return Err(errno_error(vm, e));
        }
        vm.check_signals()?;
    }
}

/// `signal.sigtimedwait(sigset, timeout)`: as `sigwaitinfo`, or None when
/// `timeout` seconds pass first.
fn sigtimedwait(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "sigtimedwait", &a[1..], k, 2, 2)?;
    let set = sigset_arg(vm, a[1])?;
    let secs = crate::types::float::to_float(vm, a[2])?;
    if secs < 0.0 {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs_f64(secs);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let ts = libc::timespec {
            tv_sec: left.as_secs() as libc::time_t,
            tv_nsec: libc::c_long::from(left.subsec_nanos() as i32),
        };
        // SAFETY: sigtimedwait reads `set` and `ts` and writes `si`, all
        // owned here.
        let (r, si) = vm.ctx.blocking(|| unsafe {
            let mut si: libc::siginfo_t = std::mem::zeroed();
            (libc::sigtimedwait(&set, &mut si, &ts), si)
        });
        if r >= 0 {
            return siginfo_value(vm, a[0], &si);
        }
        match last_errno() {
            libc::EAGAIN => return Ok(Value::NONE),
            libc::EINTR => vm.check_signals()?,
            e => return Err(errno_error(vm, e)),
        }
    }
}

/// `signal.pidfd_send_signal(pidfd, sig, siginfo=None, flags=0)`.
fn pidfd_send_signal(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "pidfd_send_signal", a, k, 2, 4)?;
    let fd = crate::args::c_int(vm, a[0])?;
    let sig = crate::args::c_int(vm, a[1])?;
    if a.get(2).is_some_and(|v| !v.is_none()) {
        return Err(vm.type_error("siginfo must be None"));
    }
    let flags = match a.get(3) {
        Some(&v) => crate::args::c_int(vm, v)?,
        None => 0,
    };
    // SAFETY: the raw syscall takes plain integers and a null siginfo.
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            fd,
            sig,
            std::ptr::null::<libc::siginfo_t>(),
            flags,
        )
    };
    if r < 0 {
        return Err(errno_error(vm, last_errno()));
    }
    // A signal to this process: its handler runs before the call returns.
    vm.check_signals()?;
    Ok(Value::NONE)
}

/// Creates the signal module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "_signal", 1);
    let mark = vm.push_root(m);
    let si = crate::types::structseq::new_type(
        vm,
        "signal",
        "struct_siginfo",
        &[
            "si_signo",
            "si_code",
            "si_errno",
            "si_pid",
            "si_uid",
            "si_status",
            "si_band",
        ],
    );
    crate::types::structseq::set_constructible(vm, si);
    super::_struct::set_module_state(vm, m, STATE_SIGINFO, si);
    vm.set_module_attr(m, "struct_siginfo", si);
    super::pwd::add_bound_functions(
        vm,
        m,
        &[
            ("sigwaitinfo", sigwaitinfo as NativeFn),
            ("sigtimedwait", sigtimedwait),
        ],
    );
    let fns: &[(&'static str, NativeFn)] = &[
        ("signal", signal_),
        ("getsignal", getsignal),
        ("default_int_handler", default_int_handler),
        ("raise_signal", raise_signal),
        ("alarm", alarm),
        ("pause", pause),
        ("strsignal", strsignal),
        ("valid_signals", valid_signals),
        ("set_wakeup_fd", set_wakeup_fd),
        ("setitimer", setitimer),
        ("getitimer", getitimer),
        ("siginterrupt", siginterrupt),
        ("pthread_kill", pthread_kill),
        ("pthread_sigmask", pthread_sigmask),
        ("sigpending", sigpending),
        ("sigwait", sigwait),
        ("pidfd_send_signal", pidfd_send_signal),
    ];
    vm.add_module_functions(m, fns);
    let consts: &[(&str, i32)] = &[
        ("SIGHUP", libc::SIGHUP),
        ("SIGINT", libc::SIGINT),
        ("SIGQUIT", libc::SIGQUIT),
        ("SIGILL", libc::SIGILL),
        ("SIGTRAP", libc::SIGTRAP),
        ("SIGABRT", libc::SIGABRT),
        ("SIGIOT", libc::SIGIOT),
        ("SIGBUS", libc::SIGBUS),
        ("SIGFPE", libc::SIGFPE),
        ("SIGKILL", libc::SIGKILL),
        ("SIGUSR1", libc::SIGUSR1),
        ("SIGSEGV", libc::SIGSEGV),
        ("SIGSTKFLT", libc::SIGSTKFLT),
        ("SIGUSR2", libc::SIGUSR2),
        ("SIGPIPE", libc::SIGPIPE),
        ("SIGALRM", libc::SIGALRM),
        ("SIGTERM", libc::SIGTERM),
        ("SIGCHLD", libc::SIGCHLD),
        ("SIGCONT", libc::SIGCONT),
        ("SIGSTOP", libc::SIGSTOP),
        ("SIGTSTP", libc::SIGTSTP),
        ("SIGTTIN", libc::SIGTTIN),
        ("SIGTTOU", libc::SIGTTOU),
        ("SIGURG", libc::SIGURG),
        ("SIGXCPU", libc::SIGXCPU),
        ("SIGXFSZ", libc::SIGXFSZ),
        ("SIGVTALRM", libc::SIGVTALRM),
        ("SIGPROF", libc::SIGPROF),
        ("SIGWINCH", libc::SIGWINCH),
        ("SIGIO", libc::SIGIO),
        ("SIGPOLL", libc::SIGPOLL),
        ("SIGPWR", libc::SIGPWR),
        ("SIGSYS", libc::SIGSYS),
        ("SIGRTMIN", libc::SIGRTMIN()),
        ("SIGRTMAX", libc::SIGRTMAX()),
    ];
    for &(n, v) in consts {
        vm.set_module_attr(m, n, Value::int(i64::from(v)));
    }
    vm.set_module_attr(m, "NSIG", Value::int(NSIG as i64));
    for (n, v) in [
        ("ITIMER_REAL", libc::ITIMER_REAL),
        ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL),
        ("ITIMER_PROF", libc::ITIMER_PROF),
    ] {
        vm.set_module_attr(m, n, Value::int(i64::from(v)));
    }
    let ie = new_itimer_error(vm)?;
    vm.set_module_attr(m, "ItimerError", ie);
    for (n, v) in [
        ("SIG_BLOCK", libc::SIG_BLOCK),
        ("SIG_UNBLOCK", libc::SIG_UNBLOCK),
        ("SIG_SETMASK", libc::SIG_SETMASK),
    ] {
        vm.set_module_attr(m, n, Value::int(i64::from(v)));
    }
    vm.set_module_attr(m, "SIG_DFL", Value::int(SIG_DFL));
    vm.set_module_attr(m, "SIG_IGN", Value::int(SIG_IGN));
    // SIGINT starts with default_int_handler (installed at start-up).
    let h = vm.new_dict();
    vm.set_module_attr(m, "_handlers", h);
    let kb = vm.intern("default_int_handler");
    let d = vm.getattr(m, kb)?;
    vm.setitem(h, Value::int(i64::from(libc::SIGINT)), d)?;
    vm.pop_roots(mark);
    Ok(m)
}
