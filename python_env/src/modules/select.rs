//! The `select` module (CPython 3.11's `Modules/selectmodule.c` on Linux):
//! `select()`, `poll` objects, `epoll` objects and their constants, on
//! which the standard library's unmodified `selectors` and `subprocess`
//! are built.
//!
//! - Every wait runs outside the safepoint handshake (`ctx.blocking`), on
//!   Rust copies of the file descriptors: a collection never waits for a
//!   thread blocked here, and the blocked call touches no Python value.
//! - EINTR runs the pending signal handlers and retries with the time left
//!   (PEP 475) unless a handler raised. The main thread waits in slices of
//!   20 ms and runs handlers between them, as `time.sleep` does, since a
//!   signal may land on another thread.
//! - A `poll` object's registrations live behind a mutex held only for
//!   copying them; a second `poll()` on the same object while one runs is
//!   CPython's RuntimeError. An `epoll` object owns its epoll fd in an
//!   atomic (-1 once closed), so `close()` from any thread closes it once.

use crate::types::clinic;
use engine::runtime::*;
use num_traits::{Signed, ToPrimitive};
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, AtomicBool, AtomicU32, Mutex, Ordering};
use proto_core::{Obj, Value};
use std::time::{Duration, Instant};

use super::posix::{cvt, fildes_arg, os_error};

const MODULE_DOC: &str = "This module supports asynchronous I/O on multiple file descriptors.\n\n\
*** IMPORTANT NOTICE ***\n\
On Windows, only sockets are supported; on Unix, all file descriptors.";

/// Slice of a main-thread wait between two checks for signal handlers.
const SLICE: Duration = Duration::from_millis(20);
/// `FD_SETSIZE` of the C library.
const FD_SETSIZE: i32 = libc::FD_SETSIZE as i32;

// ------------------------------------------------------------------ waiting

/// Calls the waiting system call `call(timeout)` (None: no limit) outside
/// the handshake until it reports something, fails, or `deadline` passes.
/// `call` returns the number of ready descriptors (0 on timeout) or an
/// errno. See the module doc for signals and EINTR.
fn wait_loop(
    vm: &mut Vm,
    deadline: Option<Instant>,
    mut call: impl FnMut(Option<Duration>) -> Result<usize, i32>,
) -> PyResult<Result<usize, i32>> {
    let main = engine::runtime::signals::is_main_thread();
    loop {
        let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let step = if main {
            Some(remaining.map_or(SLICE, |r| r.min(SLICE)))
        } else {
            remaining
        };
        let last = remaining.is_some() && remaining <= step;
        match vm.ctx.blocking(|| call(step)) {
            Err(libc::EINTR) => vm.check_signals()?,
            Ok(0) if !last => vm.check_signals()?,
            r => return Ok(r),
        }
    }
}

/// Milliseconds for poll(2)/epoll_wait(2), rounded up (`_PyTime_ROUND_TIMEOUT`).
fn ms_of(d: Option<Duration>) -> i32 {
    match d {
        None => -1,
        Some(d) => {
            let ms = d.as_nanos().div_ceil(1_000_000);
            ms.min(i32::MAX as u128) as i32
        }
    }
}

/// True when `e` is a TypeError (or a subclass).
fn is_type_error(vm: &Vm, e: &PyException) -> bool {
    vm.isinstance(e.0, vm.g.e.TypeError)
}

/// A timeout in seconds (int or float, rounded up to the nanosecond), with
/// the TypeError message `type_msg` for any other object. None: no limit.
/// A negative value is returned as is (the callers differ).
fn seconds_arg(vm: &mut Vm, v: Value, type_msg: &str) -> PyResult<Option<i64>> {
    if v.is_none() {
        return Ok(None);
    }
    match super::time::seconds_to_ns(vm, v, super::time::Round::Up) {
        Ok(ns) => Ok(Some(ns)),
        Err(e) if is_type_error(vm, &e) => Err(vm.type_error(type_msg)),
        Err(e) => Err(e),
    }
}

/// The deadline `ns` nanoseconds from now (None: beyond the clock).
fn deadline_after(ns: i64) -> Option<Instant> {
    Instant::now().checked_add(Duration::from_nanos(ns.max(0) as u64))
}

// ------------------------------------------------------------------ select()

/// `PySequence_Fast(v, msg)`: the items of a list or tuple, or of any
/// iterable; the items stay rooted until `pop_roots` of the returned mark.
fn seq_fast(vm: &mut Vm, v: Value, msg: &str) -> PyResult<(Vec<Value>, usize)> {
    match vm.collect_rooted(v) {
        Ok(r) => Ok(r),
        Err(e) if is_type_error(vm, &e) => Err(vm.type_error(msg)),
        Err(e) => Err(e),
    }
}

/// The fds of the objects of one `select()` argument, checked as CPython.
fn select_fds(vm: &mut Vm, items: &[Value]) -> PyResult<Vec<i32>> {
    let mut fds = Vec::with_capacity(items.len());
    for &o in items {
        let fd = fildes_arg(vm, o)?;
        if fd >= FD_SETSIZE {
            return Err(vm.value_error("filedescriptor out of range in select()"));
        }
        fds.push(fd);
    }
    Ok(fds)
}

/// An `fd_set` holding `fds` (all below `FD_SETSIZE`).
fn fd_set_of(fds: &[i32]) -> libc::fd_set {
    // SAFETY: fd_set is plain data; all zero bits is the empty set.
    let mut s: libc::fd_set = unsafe { std::mem::zeroed() };
    for &fd in fds {
        // SAFETY: 0 <= fd < FD_SETSIZE (checked by `select_fds`), so the
        // bit is inside the set.
        unsafe { libc::FD_SET(fd, &mut s) };
    }
    s
}

/// `select(rlist, wlist, xlist, timeout=None, /)`.
fn select(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    clinic::positional(vm, "select", "select", a, k, 3, 4)?;
    let timeout = match a.get(3) {
        Some(&t) => seconds_arg(vm, t, "timeout must be a float or None")?,
        None => None,
    };
    if timeout.is_some_and(|ns| ns < 0) {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let msg = "arguments 1-3 must be sequences";
    let (r_items, mark) = seq_fast(vm, a[0], msg)?;
    let r = (|| {
        let (w_items, _) = seq_fast(vm, a[1], msg)?;
        let (x_items, _) = seq_fast(vm, a[2], msg)?;
        let rfds = select_fds(vm, &r_items)?;
        let wfds = select_fds(vm, &w_items)?;
        let xfds = select_fds(vm, &x_items)?;
        let nfds = rfds
            .iter()
            .chain(&wfds)
            .chain(&xfds)
            .max()
            .map_or(0, |m| m + 1);
        // A timeout beyond the clock waits for ever.
        let deadline = timeout.and_then(deadline_after);
        let mut sets = (fd_set_of(&[]), fd_set_of(&[]), fd_set_of(&[]));
        let res = wait_loop(vm, deadline, |step| {
            sets = (fd_set_of(&rfds), fd_set_of(&wfds), fd_set_of(&xfds));
            let mut tv = step.map(|d| libc::timeval {
                tv_sec: d.as_secs() as libc::time_t,
                tv_usec: d.subsec_micros().into(),
            });
            let tvp = tv
                .as_mut()
                .map_or(std::ptr::null_mut(), |t| t as *mut libc::timeval);
            // SAFETY: the three sets and the timeval are live locals,
            // writable for the call; nfds bounds the fds in the sets.
            let n = unsafe { libc::select(nfds, &mut sets.0, &mut sets.1, &mut sets.2, tvp) };
            cvt(n).map(|n| n as usize)
        })?;
        if let Err(e) = res {
            return Err(os_error(vm, e, Value::EMPTY));
        }
        let mut out = [Value::NONE; 3];
        for (i, (items, fds, set)) in [
            (&r_items, &rfds, &sets.0),
            (&w_items, &wfds, &sets.1),
            (&x_items, &xfds, &sets.2),
        ]
        .into_iter()
        .enumerate()
        {
            let ready: Vec<Value> = items
                .iter()
                .zip(fds.iter())
                // SAFETY: fd < FD_SETSIZE, inside the set.
                .filter(|&(_, &fd)| unsafe { libc::FD_ISSET(fd, set) })
                .map(|(&o, _)| o)
                .collect();
            out[i] = vm.new_list(&ready);
            vm.push_root(out[i]);
        }
        Ok(vm.new_tuple(&out))
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ poll

/// Payload of a `select.poll` object.
struct PollState {
    /// (fd, events) in registration order (CPython keeps a dict).
    fds: Mutex<Vec<(i32, u16)>>,
    /// A `poll()` call is running (CPython refuses a second one).
    running: AtomicBool,
}

impl Trace for PollState {}

fn poll_this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<&'static PollState> {
    if let Some(s) = a
        .first()
        .and_then(|&v| Obj::from_value(v))
        .and_then(native_ref::<PollState>)
    {
        return Ok(s);
    }
    let tn = a.first().map_or_else(String::new, |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{what}' for 'select.poll' objects doesn't apply to a '{tn}' object"
    )))
}

/// An `unsigned short` event mask (`_PyLong_UnsignedShort_Converter`).
fn ushort_arg(vm: &mut Vm, v: Value) -> PyResult<u16> {
    if !vm.is_int_like(v) {
        return Err(vm.type_error("an integer is required"));
    }
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(x) if x < 0 => Err(vm.value_error("value must be positive")),
        Some(x) if x <= i64::from(u16::MAX) => Ok(x as u16),
        Some(_) => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large for C unsigned short",
        )),
        None if matches!(vm.num(i), Some(ops::Num::B(b)) if b.is_negative()) => {
            Err(vm.value_error("value must be positive"))
        }
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large for C unsigned short",
        )),
    }
}

/// `select.poll()`.
fn poll_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "poll", "poll", &a[1..], k, 0, 0)?;
    let cls = module_state(vm, a[0], STATE_POLL)?;
    Ok(vm.ctx.alloc_native(
        K_MISC,
        cls,
        PollState {
            fds: Mutex::new(Vec::new()),
            running: AtomicBool::new(false),
        },
    ))
}

const DEFAULT_POLL: u16 = (libc::POLLIN | libc::POLLPRI | libc::POLLOUT) as u16;

/// `poll.register(fd, eventmask=POLLIN|POLLPRI|POLLOUT, /)`.
fn poll_register(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = poll_this(vm, a, "register")?;
    clinic::method_positional(vm, "register", "register", a, k, 1, 2)?;
    let fd = fildes_arg(vm, a[1])?;
    let ev = match a.get(2) {
        Some(&v) => ushort_arg(vm, v)?,
        None => DEFAULT_POLL,
    };
    let mut g = sync::lock(&s.fds);
    match g.iter_mut().find(|(f, _)| *f == fd) {
        Some(e) => e.1 = ev,
        None => g.push((fd, ev)),
    }
    Ok(Value::NONE)
}

/// `poll.modify(fd, eventmask, /)`: FileNotFoundError if not registered.
fn poll_modify(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = poll_this(vm, a, "modify")?;
    clinic::method_positional(vm, "modify", "modify", a, k, 2, 2)?;
    let fd = fildes_arg(vm, a[1])?;
    let ev = ushort_arg(vm, a[2])?;
    let found = {
        let mut g = sync::lock(&s.fds);
        match g.iter_mut().find(|(f, _)| *f == fd) {
            Some(e) => {
                e.1 = ev;
                true
            }
            None => false,
        }
    };
    if found {
        Ok(Value::NONE)
    } else {
        Err(os_error(vm, libc::ENOENT, Value::EMPTY))
    }
}

/// `poll.unregister(fd, /)`: KeyError if not registered.
fn poll_unregister(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = poll_this(vm, a, "unregister")?;
    clinic::method_positional(vm, "unregister", "unregister", a, k, 1, 1)?;
    let fd = fildes_arg(vm, a[1])?;
    let found = {
        let mut g = sync::lock(&s.fds);
        match g.iter().position(|(f, _)| *f == fd) {
            Some(i) => {
                g.remove(i);
                true
            }
            None => false,
        }
    };
    if found {
        Ok(Value::NONE)
    } else {
        let k = vm.new_int(i64::from(fd));
        Err(vm.key_error(k))
    }
}

/// A timeout in milliseconds (`_PyTime_FromMillisecondsObject`, rounded up),
/// as nanoseconds; None or a negative value: no limit.
fn millis_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<i64>> {
    let Some(v) = v.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let msg = "timeout must be an integer or None";
    let ns = if let Some(ops::Num::F(d)) = vm.num(v) {
        if d.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let ns = (d * 1e6).ceil();
        if !(-9.2e18..=9.2e18).contains(&ns) {
            return Err(vm.new_exc(
                vm.g.e.OverflowError,
                "timestamp too large to convert to C _PyTime_t",
            ));
        }
        ns as i64
    } else {
        if !vm.is_int_like(v) {
            return Err(vm.type_error(msg));
        }
        let i = vm.index(v)?;
        match vm.as_i64(i).and_then(|m| m.checked_mul(1_000_000)) {
            Some(ns) => ns,
            None => {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "timestamp too large to convert to C _PyTime_t",
                ))
            }
        }
    };
    Ok(if ns < 0 { None } else { Some(ns) })
}

/// Resets a poll object's `running` flag when the call ends, however.
struct Running<'a>(&'a AtomicBool);
impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

/// `poll.poll(timeout=None, /)`: a list of (fd, revents).
fn poll_poll(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = poll_this(vm, a, "poll")?;
    clinic::method_positional(vm, "poll", "poll", a, k, 0, 1)?;
    let timeout = millis_arg(vm, a.get(1).copied())?;
    if s.running.swap(true, Ordering::AcqRel) {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "concurrent poll() invocation"));
    }
    let _running = Running(&s.running);
    let mut ufds: Vec<libc::pollfd> = sync::lock(&s.fds)
        .iter()
        .map(|&(fd, ev)| libc::pollfd {
            fd,
            events: ev as i16,
            revents: 0,
        })
        .collect();
    let deadline = timeout.and_then(deadline_after);
    let r = wait_loop(vm, deadline, |step| {
        let ptr = ufds.as_mut_ptr();
        let n = ufds.len() as libc::nfds_t;
        // SAFETY: `ptr` points to `n` pollfd structs owned by `ufds`, live
        // and not otherwise used during the call.
        cvt(unsafe { libc::poll(ptr, n, ms_of(step)) }).map(|n| n as usize)
    })?;
    if let Err(e) = r {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for p in ufds.iter().filter(|p| p.revents != 0) {
        let t = vm.new_tuple(&[
            Value::int(i64::from(p.fd)),
            Value::int(i64::from(p.revents as u16)),
        ]);
        vm.list_append(l, t);
    }
    vm.pop_roots(mark);
    Ok(l)
}

// ------------------------------------------------------------------ epoll

/// Payload of a `select.epoll` object: its epoll fd (as u32), [`CLOSED`]
/// once closed.
struct EpollState {
    fd: AtomicU32,
}

const CLOSED: u32 = u32::MAX;

impl EpollState {
    /// Takes the fd out (for closing it once); -1 if already closed.
    fn take(&self) -> i32 {
        self.fd.swap(CLOSED, Ordering::AcqRel) as i32
    }

    /// The fd, -1 once closed.
    fn get(&self) -> i32 {
        self.fd.load(Ordering::Acquire) as i32
    }
}

impl Trace for EpollState {}

impl Drop for EpollState {
    fn drop(&mut self) {
        let fd = self.take();
        if fd >= 0 {
            // SAFETY: the fd is owned by this object and closed once (the
            // swap took it).
            unsafe { libc::close(fd) };
        }
    }
}

fn epoll_this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<&'static EpollState> {
    if let Some(s) = a
        .first()
        .and_then(|&v| Obj::from_value(v))
        .and_then(native_ref::<EpollState>)
    {
        return Ok(s);
    }
    let tn = a.first().map_or_else(String::new, |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{what}' for 'select.epoll' objects doesn't apply to a '{tn}' object"
    )))
}

/// The open epoll fd of `s`, or CPython's ValueError once closed.
fn epoll_fd(vm: &mut Vm, s: &EpollState) -> PyResult<i32> {
    let fd = s.get();
    if fd < 0 {
        return Err(vm.value_error("I/O operation on closed epoll object"));
    }
    Ok(fd)
}

fn new_epoll(vm: &mut Vm, cls: Value, fd: i32) -> Value {
    vm.ctx.alloc_native(
        K_MISC,
        cls,
        EpollState {
            fd: AtomicU32::new(fd as u32),
        },
    )
}

/// `epoll(sizehint=-1, flags=0)`.
fn epoll_tp_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let [sizehint, flags] =
        clinic::unpack(vm, "epoll", &a[1..], k, ["sizehint", "flags"], 0, 0, 2)?;
    let sizehint = match sizehint {
        Some(v) => crate::args::c_int(vm, v)?,
        None => -1,
    };
    let flags = match flags {
        Some(v) => crate::args::c_int(vm, v)?,
        None => 0,
    };
    if sizehint == -1 {
        // The default.
    } else if sizehint <= 0 {
        return Err(vm.value_error("negative sizehint"));
    }
    if flags != 0 && flags != libc::EPOLL_CLOEXEC {
        return Err(os_error(vm, libc::EINVAL, Value::EMPTY));
    }
    // SAFETY: epoll_create1 has no memory effects.
    match cvt(unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) }) {
        Ok(fd) => Ok(new_epoll(vm, cls, fd)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `epoll.fromfd(fd, /)`: an epoll object that owns `fd`.
fn epoll_fromfd(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "fromfd", "fromfd", a, k, 1, 1)?;
    let fd = crate::args::c_int(vm, a[1])?;
    Ok(new_epoll(vm, a[0], fd))
}

fn epoll_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "close")?;
    clinic::method_positional(vm, "close", "close", a, k, 0, 0)?;
    let fd = s.take();
    if fd >= 0 {
        // SAFETY: the fd is owned by this object; the swap took it, so it
        // is closed once.
        if let Err(e) = cvt(unsafe { libc::close(fd) }) {
            return Err(os_error(vm, e, Value::EMPTY));
        }
    }
    Ok(Value::NONE)
}

fn epoll_closed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "closed")?;
    Ok(Value::bool(s.get() < 0))
}

fn epoll_fileno(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "fileno")?;
    clinic::method_positional(vm, "fileno", "fileno", a, k, 0, 0)?;
    let fd = epoll_fd(vm, s)?;
    Ok(Value::int(i64::from(fd)))
}

/// An `unsigned int` event mask converted bitwise (`PyLong_AsUnsignedLongMask`).
fn uint_mask_arg(vm: &mut Vm, v: Value) -> PyResult<u32> {
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(x) => Ok(x as u32),
        None => match vm.num(i) {
            Some(ops::Num::B(b)) => {
                let m = b & num_bigint::BigInt::from(u32::MAX);
                Ok(m.to_u32().unwrap_or(0))
            }
            _ => Ok(0),
        },
    }
}

/// epoll_ctl(op, fd, events) on the object in `a[0]`.
fn epoll_ctl(vm: &mut Vm, s: &EpollState, op: i32, fd: i32, events: u32) -> PyResult<Value> {
    let efd = epoll_fd(vm, s)?;
    let mut ev = libc::epoll_event {
        events,
        u64: fd as u32 as u64,
    };
    // SAFETY: `ev` is a live, writable epoll_event for the call.
    match cvt(unsafe { libc::epoll_ctl(efd, op, fd, &mut ev) }) {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

const DEFAULT_EPOLL: u32 = (libc::EPOLLIN | libc::EPOLLPRI | libc::EPOLLOUT) as u32;

/// `epoll.register(fd, eventmask=EPOLLIN|EPOLLPRI|EPOLLOUT)`.
fn epoll_register(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "register")?;
    let [fd, mask] = clinic::unpack(vm, "register", &a[1..], k, ["fd", "eventmask"], 0, 1, 2)?;
    let fd = fildes_arg(vm, fd.expect("required"))?;
    let mask = match mask {
        Some(v) => uint_mask_arg(vm, v)?,
        None => DEFAULT_EPOLL,
    };
    epoll_ctl(vm, s, libc::EPOLL_CTL_ADD, fd, mask)
}

/// `epoll.modify(fd, eventmask)`.
fn epoll_modify(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "modify")?;
    let [fd, mask] = clinic::unpack(vm, "modify", &a[1..], k, ["fd", "eventmask"], 0, 2, 2)?;
    let fd = fildes_arg(vm, fd.expect("required"))?;
    let mask = uint_mask_arg(vm, mask.expect("required"))?;
    epoll_ctl(vm, s, libc::EPOLL_CTL_MOD, fd, mask)
}

/// `epoll.unregister(fd)`.
fn epoll_unregister(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "unregister")?;
    let [fd] = clinic::unpack(vm, "unregister", &a[1..], k, ["fd"], 0, 1, 1)?;
    let fd = fildes_arg(vm, fd.expect("required"))?;
    epoll_ctl(vm, s, libc::EPOLL_CTL_DEL, fd, 0)
}

/// `epoll.poll(timeout=None, maxevents=-1)`: a list of (fd, events).
fn epoll_poll(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "poll")?;
    let [timeout, maxevents] =
        clinic::unpack(vm, "poll", &a[1..], k, ["timeout", "maxevents"], 0, 0, 2)?;
    let timeout = match timeout {
        Some(t) => seconds_arg(vm, t, "timeout must be an integer or None")?,
        None => None,
    };
    let maxevents = match maxevents {
        Some(v) => crate::args::c_int(vm, v)?,
        None => -1,
    };
    let efd = epoll_fd(vm, s)?;
    let maxevents = if maxevents == -1 {
        FD_SETSIZE - 1
    } else if maxevents < 1 {
        return Err(vm.value_error(&format!(
            "maxevents must be greater than 0, got {maxevents}"
        )));
    } else {
        maxevents
    };
    let mut evs: Vec<libc::epoll_event> = Vec::new();
    if evs.try_reserve_exact(maxevents as usize).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    evs.resize(maxevents as usize, libc::epoll_event { events: 0, u64: 0 });
    // A negative timeout waits for ever.
    let deadline = timeout.filter(|&ns| ns >= 0).and_then(deadline_after);
    let r = wait_loop(vm, deadline, |step| {
        let ptr = evs.as_mut_ptr();
        // SAFETY: `ptr` points to `maxevents` writable epoll_event structs
        // owned by `evs`, live and not otherwise used during the call.
        cvt(unsafe { libc::epoll_wait(efd, ptr, maxevents, ms_of(step)) }).map(|n| n as usize)
    })?;
    let n = match r {
        Ok(n) => n,
        Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
    };
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for ev in &evs[..n.min(evs.len())] {
        let (events, data) = (ev.events, ev.u64);
        let t = vm.new_tuple(&[
            Value::int(i64::from(data as u32 as i32)),
            Value::int(i64::from(events)),
        ]);
        vm.list_append(l, t);
    }
    vm.pop_roots(mark);
    Ok(l)
}

fn epoll_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "__enter__")?;
    epoll_fd(vm, s)?;
    Ok(a[0])
}

fn epoll_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = epoll_this(vm, a, "__exit__")?;
    let fd = s.take();
    if fd >= 0 {
        // SAFETY: the fd is owned by this object and closed once.
        unsafe { libc::close(fd) };
    }
    Ok(Value::NONE)
}

fn no_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'select.poll' instances"))
}

// ------------------------------------------------------------------ module

/// Value slot of the module object holding the `poll` type.
const STATE_POLL: usize = 2;

fn module_state(vm: &mut Vm, m: Value, slot: usize) -> PyResult<Value> {
    match Obj::from_value(m) {
        Some(o) if o.kind() == K_MODULE && o.n_values() > slot => Ok(o.get(slot)),
        _ => Err(vm.new_exc(vm.g.e.SystemError, "select module state is missing")),
    }
}

fn int_constants() -> Vec<(&'static str, i64)> {
    use libc::*;
    vec![
        ("PIPE_BUF", PIPE_BUF as i64),
        ("POLLIN", POLLIN.into()),
        ("POLLPRI", POLLPRI.into()),
        ("POLLOUT", POLLOUT.into()),
        ("POLLERR", POLLERR.into()),
        ("POLLHUP", POLLHUP.into()),
        ("POLLNVAL", POLLNVAL.into()),
        ("POLLRDNORM", POLLRDNORM.into()),
        ("POLLRDBAND", POLLRDBAND.into()),
        ("POLLWRNORM", POLLWRNORM.into()),
        ("POLLWRBAND", POLLWRBAND.into()),
        ("POLLMSG", 0x400),
        ("POLLRDHUP", POLLRDHUP.into()),
        ("EPOLLIN", EPOLLIN.into()),
        ("EPOLLOUT", EPOLLOUT.into()),
        ("EPOLLPRI", EPOLLPRI.into()),
        ("EPOLLERR", EPOLLERR.into()),
        ("EPOLLHUP", EPOLLHUP.into()),
        ("EPOLLET", EPOLLET as u32 as i64),
        ("EPOLLONESHOT", EPOLLONESHOT.into()),
        ("EPOLLEXCLUSIVE", EPOLLEXCLUSIVE.into()),
        ("EPOLLRDHUP", EPOLLRDHUP.into()),
        ("EPOLLRDNORM", EPOLLRDNORM.into()),
        ("EPOLLRDBAND", EPOLLRDBAND.into()),
        ("EPOLLWRNORM", EPOLLWRNORM.into()),
        ("EPOLLWRBAND", EPOLLWRBAND.into()),
        ("EPOLLMSG", EPOLLMSG.into()),
        ("EPOLL_CLOEXEC", EPOLL_CLOEXEC.into()),
    ]
}

/// Creates the `select` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let mo = vm.alloc_obj(K_MODULE, vm.g.types.module, STATE_POLL + 1, 0);
    mo.init(0, d);
    let n = vm.new_str("select");
    mo.init(1, n);
    mo.init(STATE_POLL, Value::NONE);
    let m = mo.value();
    vm.push_root(m);
    vm.set_module_attr(m, "__name__", n);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    for k in ["__package__", "__spec__", "__loader__"] {
        vm.set_module_attr(m, k, Value::NONE);
    }
    let modname = vm.intern("select");

    let pt = vm.new_static_type("poll", vm.g.types.object, K_MISC, false);
    vm.add_attr(pt, "__module__", modname);
    vm.add_static(pt, "__new__", no_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("register", poll_register),
        ("modify", poll_modify),
        ("unregister", poll_unregister),
        ("poll", poll_poll),
    ];
    for &(name, f) in methods {
        vm.add_method(pt, name, f);
    }
    vm.store(mo, STATE_POLL, pt);

    let et = vm.new_static_type("epoll", vm.g.types.object, K_MISC, false);
    vm.add_attr(et, "__module__", modname);
    vm.add_static(et, "__new__", epoll_tp_new, false);
    vm.add_static(et, "fromfd", epoll_fromfd, true);
    let methods: &[(&'static str, NativeFn)] = &[
        ("close", epoll_close),
        ("fileno", epoll_fileno),
        ("register", epoll_register),
        ("modify", epoll_modify),
        ("unregister", epoll_unregister),
        ("poll", epoll_poll),
        ("__enter__", epoll_enter),
        ("__exit__", epoll_exit),
    ];
    for &(name, f) in methods {
        vm.add_method(et, name, f);
    }
    let p = vm.new_native_getset(et, "closed", epoll_closed, None);
    vm.add_attr(et, "closed", p);
    vm.set_module_attr(m, "epoll", et);

    for (name, f) in [("select", select as NativeFn), ("poll", poll_new)] {
        let b = vm.new_builtin_bound(name, f, m);
        vm.ctx.promote(b);
        vm.set_module_attr(m, name, b);
    }
    for (name, v) in int_constants() {
        let v = vm.new_int(v);
        vm.set_module_attr(m, name, v);
    }
    let os_error = vm.g.e.OSError;
    vm.set_module_attr(m, "error", os_error);
    vm.pop_roots(mark);
    Ok(m)
}
