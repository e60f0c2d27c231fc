//! `_socket.socket`: a socket descriptor with its family, type, protocol
//! and timeout (CPython's `PySocketSockObject`).
//!
//! State is a few atomics in the native payload: every operation loads the
//! descriptor once and makes its system calls on that number, so threads
//! sharing a socket never touch freed memory; `close` and `detach` swap
//! the descriptor out, so it is closed at most once. A closed socket has
//! descriptor -1, on which the kernel answers EBADF, CPython's error for
//! operations on a closed socket. A socket the collector frees while open
//! closes its descriptor (payload `Drop`, CPython's finaliser).
//!
//! Instances are `K_INSTANCE` objects without a `__dict__` (slot 0 unused,
//! then the `__slots__` of Python subclasses such as `socket.socket`).

use super::addr::{make_sockaddr, sockaddr_arg, SockAddr};
use super::*;
use engine::runtime::signals::is_main_thread;
use proto_core::sync::AtomicU32;
use std::mem::size_of;
use std::time::{Duration, Instant};

/// Payload of a socket object.
pub(crate) struct SockState {
    /// The descriptor (i32 bits), -1 when closed or detached.
    fd: AtomicU32,
    family: AtomicU32,
    ty: AtomicU32,
    proto: AtomicU32,
    /// Timeout in nanoseconds (i64 bits), -1 for None (blocking).
    timeout: AtomicU64,
}

impl proto_core::native::Trace for SockState {}

impl Drop for SockState {
    /// A socket collected while open closes its descriptor, as CPython's
    /// finaliser does.
    fn drop(&mut self) {
        let fd = *self.fd.get_mut() as i32;
        if fd >= 0 {
            // SAFETY: the object is unreachable, so nothing else can use or
            // close this descriptor through it.
            unsafe { libc::close(fd) };
        }
    }
}

impl SockState {
    fn new() -> SockState {
        SockState {
            fd: AtomicU32::new(u32::MAX),
            family: AtomicU32::new(0),
            ty: AtomicU32::new(0),
            proto: AtomicU32::new(0),
            timeout: AtomicU64::new(u64::MAX),
        }
    }
    fn fd(&self) -> i32 {
        self.fd.load(Ordering::Acquire) as i32
    }
    fn family(&self) -> i32 {
        self.family.load(Ordering::Relaxed) as i32
    }
    fn ty(&self) -> i32 {
        self.ty.load(Ordering::Relaxed) as i32
    }
    fn proto(&self) -> i32 {
        self.proto.load(Ordering::Relaxed) as i32
    }
    fn timeout(&self) -> i64 {
        self.timeout.load(Ordering::Relaxed) as i64
    }
    fn set_timeout(&self, ns: i64) {
        self.timeout.store(ns as u64, Ordering::Relaxed);
    }
}

const DOC: &str = "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object
socket(family=-1, type=-1, proto=-1, fileno=None) -> socket object

Open a socket of the given type.  The family argument specifies the
address family; it defaults to AF_INET.  The type argument specifies
whether this is a stream (SOCK_STREAM, this is the default)
or datagram (SOCK_DGRAM) socket.  The protocol argument defaults to 0,
specifying the default protocol.  Keyword arguments are accepted.
The socket is created as non-inheritable.

When a fileno is passed in, family, type and proto are auto-detected,
unless they are explicitly set.

A socket object represents one endpoint of a network connection.";

/// The payload of the method's self `a[0]`, or CPython's descriptor
/// TypeError.
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static SockState> {
    let Some(&s) = a.first() else {
        return Err(vm.type_error(&format!("unbound method socket.{name}() needs an argument")));
    };
    match Obj::from_value(s).and_then(proto_core::native::native_ref::<SockState>) {
        Some(p) => Ok(p),
        None => {
            let tn = vm.type_name_of(s);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_socket.socket' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The descriptor and timeout (nanoseconds, -1 for None) of a
/// `_socket.socket` instance (of any subclass); `_ssl` reads them before
/// each operation, as CPython's `_ssl.c` reads `sock_fd`/`sock_timeout`.
pub(crate) fn fd_and_timeout(v: Value) -> Option<(i32, i64)> {
    let s = Obj::from_value(v).and_then(proto_core::native::native_ref::<SockState>)?;
    Some((s.fd(), s.timeout()))
}

/// The native socket type (module state).
fn socket_type(vm: &mut Vm) -> PyResult<Value> {
    module_state(vm, "_socket", STATE_SOCKET)
}

/// Allocates an instance of `cls` (a subtype of the socket type).
fn alloc(vm: &mut Vm, cls: Value) -> PyResult<Value> {
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("socket.__new__(X): X is not a type object ({tn})")));
    };
    let st = socket_type(vm)?;
    if type_layout(co) != K_INSTANCE || !vm.is_subtype(cls, st) {
        let n = type_name(cls);
        return Err(vm.type_error(&format!(
            "socket.__new__({n}): {n} is not a subtype of socket"
        )));
    }
    Ok(vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), SockState::new()))
}

/// `init_sockobject`: records the descriptor and its kind; the
/// SOCK_NONBLOCK/SOCK_CLOEXEC flags of `ty` are stripped, SOCK_NONBLOCK
/// meaning timeout 0, else the default timeout applies.
fn init_sock(
    vm: &mut Vm,
    s: &SockState,
    fd: i32,
    family: i32,
    ty: i32,
    proto: i32,
) -> PyResult<()> {
    s.fd.store(fd as u32, Ordering::Release);
    s.family.store(family as u32, Ordering::Relaxed);
    s.ty.store(
        (ty & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC)) as u32,
        Ordering::Relaxed,
    );
    s.proto.store(proto as u32, Ordering::Relaxed);
    if ty & libc::SOCK_NONBLOCK != 0 {
        s.set_timeout(0);
    } else {
        let d = default_timeout();
        s.set_timeout(d);
        if d >= 0 {
            set_blocking(vm, fd, false)?;
        }
    }
    Ok(())
}

/// A new `_socket.socket` owning `fd` (socketpair).
pub(crate) fn new_socket(
    vm: &mut Vm,
    fd: i32,
    family: i32,
    ty: i32,
    proto: i32,
) -> PyResult<Value> {
    let t = socket_type(vm)?;
    let v = alloc(vm, t)?;
    let Some(s) = Obj::from_value(v).and_then(proto_core::native::native_ref::<SockState>) else {
        return Err(vm.new_exc(vm.g.e.SystemError, "socket payload missing"));
    };
    if let Err(e) = init_sock(vm, s, fd, family, ty, proto) {
        // The caller still owns `fd` on failure.
        s.fd.store(u32::MAX, Ordering::Release);
        return Err(e);
    }
    Ok(v)
}

/// `internal_setblocking`: clears or sets O_NONBLOCK.
fn set_blocking(vm: &mut Vm, fd: i32, block: bool) -> PyResult<()> {
    // SAFETY: plain integer arguments.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(os_error(vm, last_errno()));
    }
    let new = if block {
        flags & !libc::O_NONBLOCK
    } else {
        flags | libc::O_NONBLOCK
    };
    if new != flags {
        // SAFETY: plain integer arguments.
        if unsafe { libc::fcntl(fd, libc::F_SETFL, new) } < 0 {
            return Err(os_error(vm, last_errno()));
        }
    }
    Ok(())
}

// ------------------------------------------------------------------ waiting

/// Waits until `fd` is readable (or writable) or the deadline passes
/// (`internal_select`); false when it passed. Without a deadline it waits
/// for ever, in 20 ms slices in the main thread so signal handlers run.
fn wait_ready(vm: &mut Vm, fd: i32, write: bool, deadline: Option<Instant>) -> PyResult<bool> {
    let main = is_main_thread();
    loop {
        let ms: i32 = match deadline {
            None if main => 20,
            None => -1,
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    return Ok(false);
                }
                let rem = d - now;
                let ms = rem.as_nanos().div_ceil(1_000_000).min(i32::MAX as u128) as i32;
                if main {
                    ms.min(20)
                } else {
                    ms
                }
            }
        };
        let events = if write { libc::POLLOUT } else { libc::POLLIN };
        let (r, e) = vm.ctx.blocking(|| {
            let mut p = libc::pollfd {
                fd,
                events,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            let r = unsafe { libc::poll(&mut p, 1, ms) };
            (r, last_errno())
        });
        if r > 0 {
            return Ok(true);
        }
        if r < 0 && e != libc::EINTR {
            return Err(os_error(vm, e));
        }
        vm.check_signals()?;
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Ok(false);
        }
    }
}

/// The deadline of an operation starting now on a socket with timeout
/// `ns` (None without a positive timeout).
fn deadline_of(ns: i64) -> Option<Instant> {
    (ns > 0).then(|| Instant::now() + Duration::from_nanos(ns as u64))
}

/// `sock_call_ex`: runs the system call `f` on the socket's descriptor,
/// first waiting for readiness when the socket has a timeout (TimeoutError
/// when `deadline` passes), retrying on EINTR after the signal handlers
/// and on EAGAIN while the timeout lasts. `f` returns the errno of a
/// failure and must not touch Python values (it runs outside the
/// safepoint handshake).
fn sock_call<T>(
    vm: &mut Vm,
    s: &SockState,
    write: bool,
    deadline: Option<Instant>,
    mut f: impl FnMut(i32) -> Result<T, i32>,
) -> PyResult<T> {
    let timeout = s.timeout();
    let main = is_main_thread();
    loop {
        let fd = s.fd();
        // A closed socket goes straight to the call, which fails EBADF.
        if fd >= 0
            && (timeout > 0 || (timeout < 0 && main))
            && !wait_ready(vm, fd, write, deadline)?
        {
            return Err(timeout_error(vm));
        }
        match vm.ctx.blocking(|| f(fd)) {
            Ok(v) => return Ok(v),
            Err(libc::EINTR) => vm.check_signals()?,
            Err(e) if timeout > 0 && (e == libc::EAGAIN || e == libc::EWOULDBLOCK) => {}
            Err(e) => return Err(os_error(vm, e)),
        }
    }
}

/// `r` of a C call returning -1 on failure, or the errno.
fn cvt(r: isize) -> Result<usize, i32> {
    if r < 0 {
        Err(last_errno())
    } else {
        Ok(r as usize)
    }
}

// ------------------------------------------------------------------ creation

fn sock_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("socket.__new__(): not enough arguments"));
    };
    alloc(vm, cls)
}

/// `socket.__init__(family=-1, type=-1, proto=-1, fileno=None)`.
fn sock_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__init__")?;
    let [family, ty, proto, fileno] = clinic::unpack(
        vm,
        "socket",
        &a[1..],
        k,
        ["family", "type", "proto", "fileno"],
        0,
        0,
        4,
    )?;
    let mut v = [-1i32; 3];
    for (o, x) in v.iter_mut().zip([family, ty, proto]) {
        if let Some(x) = x {
            *o = crate::args::py_long_as_int(vm, x)? as i32;
        }
    }
    let [mut family, mut ty, mut proto] = v;
    if vm.auditing() {
        let given = fileno.is_some_and(|f| !f.is_none());
        let shown = |x: i32, d: i32| Value::int(i64::from(if x == -1 && !given { d } else { x }));
        let (f, t, p) = (
            shown(family, libc::AF_INET),
            shown(ty, libc::SOCK_STREAM),
            shown(proto, 0),
        );
        vm.audit("socket.__new__", &[a[0], f, t, p])?;
    }
    let fd = match fileno.filter(|f| !f.is_none()) {
        Some(f) => {
            let fd = crate::args::c_long(vm, f)?;
            if fd < 0 {
                return Err(vm.value_error("negative file descriptor"));
            }
            let fd = i32::try_from(fd)
                .map_err(|_| vm.new_exc(vm.g.e.OverflowError, "file descriptor out of range"))?;
            if family == -1 {
                let mut sa = SockAddr::empty();
                // SAFETY: `sa` is writable storage of the length passed.
                let r = unsafe { libc::getsockname(fd, sa.as_mut_ptr(), &mut sa.len) };
                if r < 0 {
                    return Err(os_error(vm, last_errno()));
                }
                family = sa.family();
            }
            if ty == -1 {
                ty = int_opt(vm, fd, libc::SOL_SOCKET, libc::SO_TYPE)?;
            }
            if proto == -1 {
                proto = int_opt(vm, fd, libc::SOL_SOCKET, libc::SO_PROTOCOL)?;
            }
            fd
        }
        None => {
            if family == -1 {
                family = libc::AF_INET;
            }
            if ty == -1 {
                ty = libc::SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            with_fd_retry(vm, || {
                // SAFETY: plain integer arguments.
                let fd = unsafe { libc::socket(family, ty | libc::SOCK_CLOEXEC, proto) };
                if fd < 0 {
                    Err(last_errno())
                } else {
                    Ok(fd)
                }
            })?
        }
    };
    init_sock(vm, s, fd, family, ty, proto)?;
    Ok(Value::NONE)
}

/// Runs `f`, which makes a descriptor; when the process is out of
/// descriptors, unreachable sockets and files may still hold some (no
/// reference counting closes them at once, as in CPython): collect once
/// and retry, as `FileIO` does.
pub(crate) fn with_fd_retry(vm: &mut Vm, mut f: impl FnMut() -> Result<i32, i32>) -> PyResult<i32> {
    match f() {
        Ok(fd) => Ok(fd),
        Err(libc::EMFILE | libc::ENFILE) => {
            let gc = vm.import_module("gc")?;
            vm.call_method(gc, "collect", &[])?;
            f().map_err(|e| os_error(vm, e))
        }
        Err(e) => Err(os_error(vm, e)),
    }
}

/// An int socket option of `fd`.
fn int_opt(vm: &mut Vm, fd: i32, level: i32, name: i32) -> PyResult<i32> {
    let mut x: libc::c_int = 0;
    let mut len = size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `x` is writable for `len` bytes.
    let r = unsafe {
        libc::getsockopt(
            fd,
            level,
            name,
            (&mut x as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(x)
}

// ------------------------------------------------------------------ methods

fn sock_fileno(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "fileno")?;
    crate::args::check_method(vm, "fileno", a, k, 0, 0)?;
    Ok(Value::int(i64::from(s.fd())))
}

fn sock_detach(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "detach")?;
    crate::args::check_method(vm, "detach", a, k, 0, 0)?;
    let fd = s.fd.swap(u32::MAX, Ordering::AcqRel) as i32;
    Ok(Value::int(i64::from(fd)))
}

fn sock_close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "close")?;
    crate::args::check_method(vm, "close", a, k, 0, 0)?;
    let fd = s.fd.swap(u32::MAX, Ordering::AcqRel) as i32;
    if fd >= 0 {
        // SAFETY: `fd` was swapped out of this object, so this is its only
        // close.
        if unsafe { libc::close(fd) } < 0 {
            let e = last_errno();
            // ECONNRESET: the peer reset the connection; closed anyway.
            if e != libc::ECONNRESET {
                return Err(os_error(vm, e));
            }
        }
    }
    Ok(Value::NONE)
}

fn sock_bind(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "bind")?;
    clinic::method_positional(vm, "bind", "bind", a, k, 1, 1)?;
    let addr = sockaddr_arg(vm, s.family(), a[1], "bind")?;
    vm.audit("socket.bind", &[a[0], a[1]])?;
    let fd = s.fd();
    let (r, e) = vm.ctx.blocking(|| {
        // SAFETY: the address is valid for `addr.len` bytes.
        let r = unsafe { libc::bind(fd, addr.as_ptr(), addr.len) };
        (r, last_errno())
    });
    if r < 0 {
        return Err(os_error(vm, e));
    }
    Ok(Value::NONE)
}

fn sock_listen(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "listen")?;
    crate::args::check_method_takes(vm, "listen", a, k, 0, 1)?;
    let backlog = match a.get(1) {
        Some(&b) => crate::args::c_int(vm, b)?.max(0),
        None => libc::SOMAXCONN.min(128),
    };
    // SAFETY: plain integer arguments.
    if unsafe { libc::listen(s.fd(), backlog) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(Value::NONE)
}

/// `_accept() -> (fd, address)`.
fn sock_accept(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "_accept")?;
    crate::args::check_method(vm, "_accept", a, k, 0, 0)?;
    let mut sa = SockAddr::empty();
    let accept = |vm: &mut Vm, sa: &mut SockAddr| {
        sock_call(vm, s, false, deadline_of(s.timeout()), |fd| {
            sa.len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            // SAFETY: `sa` is writable storage of the length passed.
            let r = unsafe { libc::accept4(fd, sa.as_mut_ptr(), &mut sa.len, libc::SOCK_CLOEXEC) };
            if r < 0 {
                Err(last_errno())
            } else {
                Ok(r)
            }
        })
    };
    let fd = match accept(vm, &mut sa) {
        Ok(fd) => fd,
        // Out of descriptors: collect unreachable sockets once and retry.
        Err(e) if exc_errno(vm, e.0).is_some_and(|n| n == libc::EMFILE || n == libc::ENFILE) => {
            let gc = vm.import_module("gc")?;
            vm.call_method(gc, "collect", &[])?;
            accept(vm, &mut sa)?
        }
        Err(e) => return Err(e),
    };
    let addr = match make_sockaddr(vm, &sa) {
        Ok(v) => v,
        Err(e) => {
            // SAFETY: the accepted descriptor is owned by nothing yet.
            unsafe { libc::close(fd) };
            return Err(e);
        }
    };
    let mark = vm.push_root(addr);
    let t = vm.new_tuple(&[Value::int(i64::from(fd)), addr]);
    vm.pop_roots(mark);
    Ok(t)
}

/// The `errno` attribute of exception `e`, when an int.
fn exc_errno(vm: &mut Vm, e: Value) -> Option<i32> {
    let n = vm.intern("errno");
    let v = vm.getattr_opt(e, n).ok().flatten()?;
    vm.as_i64(v).and_then(|x| i32::try_from(x).ok())
}

/// `internal_connect`: Ok(0) when connected, Ok(errno) for a failure
/// (raised by `connect`, returned by `connect_ex`); a timeout is
/// EWOULDBLOCK for `connect_ex` and TimeoutError for `connect`.
fn do_connect(vm: &mut Vm, s: &SockState, addr: &SockAddr, raise: bool) -> PyResult<i32> {
    let fd = s.fd();
    let timeout = s.timeout();
    let (r, e) = vm.ctx.blocking(|| {
        // SAFETY: the address is valid for `addr.len` bytes.
        let r = unsafe { libc::connect(fd, addr.as_ptr(), addr.len) };
        (r, last_errno())
    });
    if r == 0 {
        return Ok(0);
    }
    let wait = if e == libc::EINTR {
        vm.check_signals()?;
        if timeout == 0 {
            return Ok(e);
        }
        true
    } else {
        timeout > 0 && e == libc::EINPROGRESS
    };
    if !wait {
        return Ok(e);
    }
    if !wait_ready(vm, fd, true, deadline_of(timeout))? {
        if raise {
            return Err(timeout_error(vm));
        }
        return Ok(libc::EWOULDBLOCK);
    }
    let err = int_opt(vm, fd, libc::SOL_SOCKET, libc::SO_ERROR)?;
    if err == libc::EISCONN {
        return Ok(0);
    }
    Ok(err)
}

fn sock_connect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "connect")?;
    clinic::method_positional(vm, "connect", "connect", a, k, 1, 1)?;
    let addr = sockaddr_arg(vm, s.family(), a[1], "connect")?;
    vm.audit("socket.connect", &[a[0], a[1]])?;
    match do_connect(vm, s, &addr, true)? {
        0 => Ok(Value::NONE),
        e => Err(os_error(vm, e)),
    }
}

fn sock_connect_ex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "connect_ex")?;
    clinic::method_positional(vm, "connect_ex", "connect_ex", a, k, 1, 1)?;
    let addr = sockaddr_arg(vm, s.family(), a[1], "connect_ex")?;
    vm.audit("socket.connect", &[a[0], a[1]])?;
    let e = do_connect(vm, s, &addr, false)?;
    Ok(Value::int(i64::from(e)))
}

/// A buffer size argument (`n`), refused when negative.
fn size_arg(vm: &mut Vm, v: Value, fname: &str) -> PyResult<usize> {
    let n = crate::args::py_ssize_t(vm, v)?;
    if n < 0 {
        return Err(vm.value_error(&format!("negative buffersize in {fname}")));
    }
    Ok(n as usize)
}

/// An optional flags argument (`i`).
fn flags_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<i32> {
    match v {
        Some(f) => crate::args::c_int(vm, f),
        None => Ok(0),
    }
}

/// A zeroed receive buffer of `n` bytes (MemoryError when too large).
fn recv_buf(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut b = recv_space(vm, n)?;
    b.resize(n, 0);
    Ok(b)
}

/// An empty receive buffer with room for `n` bytes (MemoryError when too
/// large), left unzeroed: `recv` writes what it returns before anything
/// reads it (asyncio asks for 256 KiB at each read, mostly unused).
fn recv_space(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut b: Vec<u8> = Vec::new();
    if b.try_reserve_exact(n).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    Ok(b)
}

/// `recv(2)` of at most `n` bytes into the spare capacity of `buf` (at
/// least `n`), which then holds what was received.
fn do_recv(vm: &mut Vm, s: &SockState, buf: &mut Vec<u8>, n: usize, flags: i32) -> PyResult<usize> {
    debug_assert!(buf.is_empty() && buf.capacity() >= n);
    let p = buf.spare_capacity_mut().as_mut_ptr();
    let got = sock_call(vm, s, false, deadline_of(s.timeout()), |fd| {
        // SAFETY: `p` is writable for `n` bytes (the spare capacity).
        cvt(unsafe { libc::recv(fd, p.cast(), n, flags) })
    })?;
    // SAFETY: recv wrote the first `got <= n` bytes.
    unsafe { buf.set_len(got) };
    Ok(got)
}

/// `recvfrom(2)` into the spare capacity of `buf` as [`do_recv`]: the count
/// and the sender's address.
fn do_recvfrom(
    vm: &mut Vm,
    s: &SockState,
    buf: &mut Vec<u8>,
    n: usize,
    flags: i32,
) -> PyResult<(usize, SockAddr)> {
    debug_assert!(buf.is_empty() && buf.capacity() >= n);
    let p = buf.spare_capacity_mut().as_mut_ptr();
    let mut sa = SockAddr::empty();
    let got = sock_call(vm, s, false, deadline_of(s.timeout()), |fd| {
        sa.len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: `p` is writable for `n` bytes, `sa` for its length.
        cvt(unsafe { libc::recvfrom(fd, p.cast(), n, flags, sa.as_mut_ptr(), &mut sa.len) })
    })?;
    // SAFETY: recvfrom wrote the first `got <= n` bytes.
    unsafe { buf.set_len(got) };
    Ok((got, sa))
}

fn sock_recv(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "recv")?;
    crate::args::check_method_takes(vm, "recv", a, k, 1, 2)?;
    let n = size_arg(vm, a[1], "recv")?;
    let flags = flags_arg(vm, a.get(2).copied())?;
    let mut buf = recv_space(vm, n)?;
    do_recv(vm, s, &mut buf, n, flags)?;
    Ok(vm.new_bytes(&buf))
}

fn sock_recvfrom(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "recvfrom")?;
    crate::args::check_method_takes(vm, "recvfrom", a, k, 1, 2)?;
    let n = size_arg(vm, a[1], "recvfrom")?;
    let flags = flags_arg(vm, a.get(2).copied())?;
    let mut buf = recv_space(vm, n)?;
    let (_, sa) = do_recvfrom(vm, s, &mut buf, n, flags)?;
    let addr = make_sockaddr(vm, &sa)?;
    let mark = vm.push_root(addr);
    let b = vm.new_bytes(&buf);
    vm.push_root(b);
    let t = vm.new_tuple(&[b, addr]);
    vm.pop_roots(mark);
    Ok(t)
}

/// The target of `recv_into`/`recvfrom_into` (`w*`): a bytearray or a
/// writable memoryview; its length.
fn writable_target(vm: &mut Vm, b: Value, fname: &str) -> PyResult<usize> {
    let ok = match Obj::from_value(b) {
        Some(o) if o.kind() == K_BYTEARRAY => true,
        Some(o) if o.kind() == K_MEMORYVIEW => crate::types::memoryview::is_writable(b),
        // An array.array is a writable buffer too.
        _ => crate::types::memoryview::is_writable(b),
    };
    if !ok {
        let tn = vm.arg_type_name(b);
        return Err(vm.type_error(&format!(
            "{fname}() argument 1 must be read-write bytes-like object, not {tn}"
        )));
    }
    match crate::modules::array::array_bytes(b) {
        Some(x) => Ok(x.len()),
        None => vm.len(b),
    }
}

/// `(buffer, nbytes=0, flags=0)` of the `*_into` methods: the buffer, the
/// count to read and the flags.
fn into_args(vm: &mut Vm, a: &[Value], k: Value, fname: &str) -> PyResult<(Value, usize, i32)> {
    let [buf, nbytes, flags] = clinic::unpack(
        vm,
        fname,
        &a[1..],
        k,
        ["buffer", "nbytes", "flags"],
        0,
        1,
        3,
    )?;
    let buf = buf.unwrap_or(Value::NONE);
    let len = writable_target(vm, buf, fname)?;
    let n = match nbytes {
        Some(v) => crate::args::py_ssize_t(vm, v)?,
        None => 0,
    };
    if n < 0 {
        return Err(vm.value_error(&format!("negative buffersize in {fname}")));
    }
    let n = n as usize;
    if n > len {
        return Err(vm.value_error("buffer too small for requested bytes"));
    }
    let flags = flags_arg(vm, flags)?;
    Ok((buf, if n == 0 { len } else { n }, flags))
}

fn sock_recv_into(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "recv_into")?;
    let (target, n, flags) = into_args(vm, a, k, "recv_into")?;
    let mut buf = recv_space(vm, n)?;
    let got = do_recv(vm, s, &mut buf, n, flags)?;
    crate::types::memoryview::write_buffer(vm, target, 0, &buf)?;
    Ok(Value::int(got as i64))
}

fn sock_recvfrom_into(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "recvfrom_into")?;
    let (target, n, flags) = into_args(vm, a, k, "recvfrom_into")?;
    let mut buf = recv_space(vm, n)?;
    let (got, sa) = do_recvfrom(vm, s, &mut buf, n, flags)?;
    crate::types::memoryview::write_buffer(vm, target, 0, &buf)?;
    let addr = make_sockaddr(vm, &sa)?;
    let mark = vm.push_root(addr);
    let t = vm.new_tuple(&[Value::int(got as i64), addr]);
    vm.pop_roots(mark);
    Ok(t)
}

/// A bytes-like data argument (`y*`).
fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match crate::types::bytes::buf(v).filter(|_| !is_str(v)) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// Runs `f` on the bytes of data argument `v`: those of bytes and bytearray
/// in place (`bytes::held_bytes`, their holder rooted meanwhile), so that
/// sending from a large stream buffer costs no copy of it; other buffers
/// copied ([`data_arg`]).
fn with_data<R>(
    vm: &mut Vm,
    v: Value,
    f: impl FnOnce(&mut Vm, &[u8]) -> PyResult<R>,
) -> PyResult<R> {
    if let Some((holder, b)) = crate::types::bytes::held_bytes(v) {
        let mark = vm.push_root(holder);
        let r = f(vm, b);
        vm.pop_roots(mark);
        return r;
    }
    let d = data_arg(vm, v)?;
    f(vm, &d)
}

fn sock_send(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "send")?;
    crate::args::check_method_takes(vm, "send", a, k, 1, 2)?;
    let n = with_data(vm, a[1], |vm, data| {
        let flags = flags_arg(vm, a.get(2).copied())?;
        sock_call(vm, s, true, deadline_of(s.timeout()), |fd| {
            // SAFETY: `data` is readable for its length.
            cvt(unsafe { libc::send(fd, data.as_ptr().cast(), data.len(), flags) })
        })
    })?;
    Ok(Value::int(n as i64))
}

fn sock_sendall(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "sendall")?;
    crate::args::check_method_takes(vm, "sendall", a, k, 1, 2)?;
    with_data(vm, a[1], |vm, data| {
        let flags = flags_arg(vm, a.get(2).copied())?;
        sendall_bytes(vm, s, data, flags)
    })
}

fn sendall_bytes(vm: &mut Vm, s: &SockState, data: &[u8], flags: i32) -> PyResult<Value> {
    // One deadline for the whole call, as CPython 3.11.
    let deadline = deadline_of(s.timeout());
    let mut off = 0;
    while off < data.len() {
        let rest = &data[off..];
        let n = sock_call(vm, s, true, deadline, |fd| {
            // SAFETY: `rest` is readable for its length.
            cvt(unsafe { libc::send(fd, rest.as_ptr().cast(), rest.len(), flags) })
        })?;
        off += n;
        vm.check_signals()?;
    }
    Ok(Value::NONE)
}

fn sock_sendto(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "sendto")?;
    let n = a.len() - 1;
    if nkw(k) > 0 {
        return Err(vm.type_error("sendto() takes no keyword arguments"));
    }
    if !(2..=3).contains(&n) {
        return Err(vm.type_error(&format!("sendto() takes 2 or 3 arguments ({n} given)")));
    }
    let data = data_arg(vm, a[1])?;
    let (flags, addr_v) = if n == 3 {
        (crate::args::c_int(vm, a[2])?, a[3])
    } else {
        (0, a[2])
    };
    let addr = sockaddr_arg(vm, s.family(), addr_v, "sendto")?;
    let sent = sock_call(vm, s, true, deadline_of(s.timeout()), |fd| {
        // SAFETY: `data` and the address are readable for their lengths.
        cvt(unsafe {
            libc::sendto(
                fd,
                data.as_ptr().cast(),
                data.len(),
                flags,
                addr.as_ptr(),
                addr.len,
            )
        })
    })?;
    Ok(Value::int(sent as i64))
}

fn nkw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

fn sock_shutdown(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "shutdown")?;
    clinic::method_positional(vm, "shutdown", "shutdown", a, k, 1, 1)?;
    let how = crate::args::c_int(vm, a[1])?;
    // SAFETY: plain integer arguments.
    if unsafe { libc::shutdown(s.fd(), how) } < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(Value::NONE)
}

/// `getsockname()` / `getpeername()`.
fn name_of(vm: &mut Vm, a: &[Value], k: Value, peer: bool) -> PyResult<Value> {
    let fname = if peer { "getpeername" } else { "getsockname" };
    let s = this(vm, a, fname)?;
    crate::args::check_method(vm, fname, a, k, 0, 0)?;
    let mut sa = SockAddr::empty();
    // SAFETY: `sa` is writable storage of the length passed.
    let r = unsafe {
        if peer {
            libc::getpeername(s.fd(), sa.as_mut_ptr(), &mut sa.len)
        } else {
            libc::getsockname(s.fd(), sa.as_mut_ptr(), &mut sa.len)
        }
    };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    make_sockaddr(vm, &sa)
}

fn sock_getsockname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    name_of(vm, a, k, false)
}

fn sock_getpeername(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    name_of(vm, a, k, true)
}

/// `getsockopt(level, option[, buflen])`: an int, or the raw bytes when
/// a buffer length is given.
fn sock_getsockopt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "getsockopt")?;
    crate::args::check_method_takes(vm, "getsockopt", a, k, 2, 3)?;
    let level = crate::args::c_int(vm, a[1])?;
    let name = crate::args::c_int(vm, a[2])?;
    let buflen = match a.get(3) {
        Some(&b) => crate::args::c_int(vm, b)?,
        None => 0,
    };
    if buflen == 0 {
        let x = int_opt(vm, s.fd(), level, name)?;
        return Ok(Value::int(i64::from(x)));
    }
    if !(1..=1024).contains(&buflen) {
        return Err(vm.new_exc(vm.g.e.OSError, "getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; buflen as usize];
    let mut len = buflen as libc::socklen_t;
    // SAFETY: `buf` is writable for `len` bytes.
    let r = unsafe { libc::getsockopt(s.fd(), level, name, buf.as_mut_ptr().cast(), &mut len) };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    buf.truncate(len as usize);
    Ok(vm.new_bytes(&buf))
}

/// `setsockopt(level, option, value: int | buffer)` or
/// `setsockopt(level, option, None, optlen: int)`.
fn sock_setsockopt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "setsockopt")?;
    crate::args::check_method_takes(vm, "setsockopt", a, k, 3, 4)?;
    let level = crate::args::c_int(vm, a[1])?;
    let name = crate::args::c_int(vm, a[2])?;
    let fd = s.fd();
    let r = if a.len() == 5 {
        if !a[3].is_none() {
            let tn = vm.arg_type_name(a[3]);
            return Err(vm.type_error(&format!(
                "setsockopt() argument 3 must be NoneType, not {tn}"
            )));
        }
        let i = vm.index(a[4])?;
        let optlen = match vm.as_i64(i) {
            Some(x) if (0..=i64::from(u32::MAX)).contains(&x) => x as libc::socklen_t,
            _ => {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "Python int too large to convert to C unsigned long",
                ))
            }
        };
        // SAFETY: a null value with a length is how the kernel takes an
        // option without data (AF_ALG); it reads nothing through it.
        unsafe { libc::setsockopt(fd, level, name, std::ptr::null(), optlen) }
    } else if vm.is_int_like(a[3]) {
        let x: libc::c_int = crate::args::c_int(vm, a[3])?;
        // SAFETY: `x` is readable for the length passed.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                name,
                (&x as *const libc::c_int).cast(),
                size_of::<libc::c_int>() as libc::socklen_t,
            )
        }
    } else {
        let b = data_arg(vm, a[3])?;
        // SAFETY: `b` is readable for its length.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                name,
                b.as_ptr().cast(),
                b.len() as libc::socklen_t,
            )
        }
    };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(Value::NONE)
}

fn sock_settimeout(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "settimeout")?;
    crate::args::check_method(vm, "settimeout", a, k, 1, 1)?;
    let t = parse_timeout(vm, a[1])?;
    s.set_timeout(t);
    set_blocking(vm, s.fd(), t < 0)?;
    Ok(Value::NONE)
}

fn sock_gettimeout(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "gettimeout")?;
    crate::args::check_method(vm, "gettimeout", a, k, 0, 0)?;
    Ok(timeout_value(vm, s.timeout()))
}

fn sock_timeout_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "timeout")?;
    Ok(timeout_value(vm, s.timeout()))
}

fn sock_setblocking(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "setblocking")?;
    crate::args::check_method(vm, "setblocking", a, k, 1, 1)?;
    let block = crate::args::py_long_as_int(vm, a[1])? != 0;
    s.set_timeout(if block { -1 } else { 0 });
    set_blocking(vm, s.fd(), block)?;
    Ok(Value::NONE)
}

fn sock_getblocking(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "getblocking")?;
    crate::args::check_method(vm, "getblocking", a, k, 0, 0)?;
    Ok(Value::bool(s.timeout() != 0))
}

fn sock_family(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "family")?;
    Ok(Value::int(i64::from(s.family())))
}

fn sock_type(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "type")?;
    Ok(Value::int(i64::from(s.ty())))
}

fn sock_proto(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "proto")?;
    Ok(Value::int(i64::from(s.proto())))
}

fn sock_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__repr__")?;
    let text = format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        s.fd(),
        s.family(),
        s.ty(),
        s.proto()
    );
    Ok(vm.new_str(&text))
}

/// Creates the `socket` type.
pub(crate) fn create_type(vm: &mut Vm, m: Value) -> Value {
    let t = vm.new_static_type("socket", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    let modname = vm.new_str("_socket");
    vm.ctx.promote(modname);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(DOC);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", sock_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", sock_init),
        ("__repr__", sock_repr),
        ("_accept", sock_accept),
        ("bind", sock_bind),
        ("close", sock_close),
        ("connect", sock_connect),
        ("connect_ex", sock_connect_ex),
        ("detach", sock_detach),
        ("fileno", sock_fileno),
        ("getblocking", sock_getblocking),
        ("getpeername", sock_getpeername),
        ("getsockname", sock_getsockname),
        ("getsockopt", sock_getsockopt),
        ("gettimeout", sock_gettimeout),
        ("listen", sock_listen),
        ("recv", sock_recv),
        ("recv_into", sock_recv_into),
        ("recvfrom", sock_recvfrom),
        ("recvfrom_into", sock_recvfrom_into),
        ("recvmsg", sock_recvmsg),
        ("recvmsg_into", sock_recvmsg_into),
        ("send", sock_send),
        ("sendall", sock_sendall),
        ("sendmsg", sock_sendmsg),
        ("sendto", sock_sendto),
        ("setblocking", sock_setblocking),
        ("setsockopt", sock_setsockopt),
        ("settimeout", sock_settimeout),
        ("shutdown", sock_shutdown),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    for (n, f) in [
        ("family", sock_family as NativeFn),
        ("type", sock_type),
        ("proto", sock_proto),
        ("timeout", sock_timeout_get),
    ] {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    set_module_state(vm, m, STATE_SOCKET, t);
    t
}

// ------------------------------------------------------------------ sendmsg / recvmsg
//
// Scatter/gather I/O with ancillary data (descriptor passing with
// SCM_RIGHTS); `socket.py`'s send_fds/recv_fds build their data with `array`.

/// Size of a `cmsghdr` (its data starts there, 8-byte aligned on Linux).
const CMSG_HDR: usize = size_of::<libc::cmsghdr>();

fn cmsg_align(n: usize) -> usize {
    (n + size_of::<usize>() - 1) & !(size_of::<usize>() - 1)
}

/// A byte buffer aligned for `cmsghdr` (backed by words).
struct Control(Vec<u64>, usize);

impl Control {
    fn from_bytes(b: &[u8]) -> Control {
        let mut w = vec![0u64; b.len().div_ceil(8)];
        for (d, c) in w.iter_mut().zip(b.chunks(8)) {
            let mut x = [0u8; 8];
            x[..c.len()].copy_from_slice(c);
            *d = u64::from_ne_bytes(x);
        }
        Control(w, b.len())
    }
    fn zeroed(n: usize) -> Control {
        Control(vec![0u64; n.div_ceil(8)], n)
    }
    fn bytes(&self, n: usize) -> Vec<u8> {
        let mut out: Vec<u8> = self.0.iter().flat_map(|w| w.to_ne_bytes()).collect();
        out.truncate(n.min(self.1));
        out
    }
    fn ptr(&mut self) -> *mut libc::c_void {
        if self.1 == 0 {
            std::ptr::null_mut()
        } else {
            self.0.as_mut_ptr().cast()
        }
    }
}

/// The items of an iterable argument.
fn iter_items(vm: &mut Vm, v: Value, msg: &str) -> PyResult<Vec<Value>> {
    let l = vm.call(vm.g.types.list, &[v], Value::EMPTY);
    match l {
        Ok(l) => Ok(vm.seq_items(l)),
        Err(e) => {
            let cls = vm.type_of(e.0);
            if vm.is_subtype(cls, vm.g.e.TypeError) {
                return Err(vm.type_error(msg));
            }
            Err(e)
        }
    }
}

/// `sendmsg(buffers[, ancdata[, flags[, address]]])`.
fn sock_sendmsg(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "sendmsg")?;
    crate::args::check_method_takes(vm, "sendmsg", a, k, 1, 4)?;
    let bufs_v = iter_items(vm, a[1], "sendmsg() argument 1 must be an iterable")?;
    let mark = vm.root_values(&bufs_v);
    let r = (|| -> PyResult<Value> {
        let mut bufs: Vec<Vec<u8>> = Vec::with_capacity(bufs_v.len());
        for &b in &bufs_v {
            bufs.push(data_arg(vm, b)?);
        }
        let mut control: Vec<u8> = Vec::new();
        if let Some(&anc) = a.get(2) {
            let items = iter_items(vm, anc, "sendmsg() argument 2 must be an iterable")?;
            let m2 = vm.root_values(&items);
            let r = (|| -> PyResult<()> {
                for it in items {
                    let parts = if Obj::from_value(it).is_some_and(|o| o.kind() == Kind::TUPLE) {
                        vm.seq_items(it)
                    } else {
                        Vec::new()
                    };
                    if parts.len() != 3 {
                        return Err(vm.type_error(&format!(
                            "[sendmsg() ancillary data items]() argument must be sequence of length 3, not {}",
                            parts.len()
                        )));
                    }
                    let level = crate::args::c_int(vm, parts[0])?;
                    let ty = crate::args::c_int(vm, parts[1])?;
                    let data = data_arg(vm, parts[2])?;
                    let start = control.len();
                    let len = CMSG_HDR + data.len();
                    control.extend_from_slice(&len.to_ne_bytes());
                    control.extend_from_slice(&level.to_ne_bytes());
                    control.extend_from_slice(&ty.to_ne_bytes());
                    control.extend_from_slice(&data);
                    control.resize(start + cmsg_align(len), 0);
                }
                Ok(())
            })();
            vm.pop_roots(m2);
            r?;
        }
        let flags = flags_arg(vm, a.get(3).copied())?;
        let addr = match a.get(4).filter(|v| !v.is_none()) {
            Some(&v) => Some(sockaddr_arg(vm, s.family(), v, "sendmsg")?),
            None => None,
        };
        let mut ctl = Control::from_bytes(&control);
        let clen = control.len();
        let sent = sock_call(vm, s, true, deadline_of(s.timeout()), |fd| {
            let mut iov: Vec<libc::iovec> = bufs
                .iter()
                .map(|b| libc::iovec {
                    iov_base: b.as_ptr() as *mut libc::c_void,
                    iov_len: b.len(),
                })
                .collect();
            // SAFETY: all-zero bytes are a valid msghdr (null pointers).
            let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
            if let Some(ad) = &addr {
                msg.msg_name = ad.as_ptr() as *mut libc::c_void;
                msg.msg_namelen = ad.len;
            }
            msg.msg_iov = iov.as_mut_ptr();
            msg.msg_iovlen = iov.len();
            msg.msg_control = ctl.ptr();
            msg.msg_controllen = clen;
            // SAFETY: every pointer in `msg` refers to live buffers of the
            // lengths given; the kernel only reads them.
            cvt(unsafe { libc::sendmsg(fd, &msg, flags) })
        })?;
        Ok(Value::int(sent as i64))
    })();
    vm.pop_roots(mark);
    r
}

/// Shared part of `recvmsg`/`recvmsg_into`: receives into buffers of the
/// given sizes; the byte count, the control bytes, the flags, the address.
fn do_recvmsg(
    vm: &mut Vm,
    s: &SockState,
    bufs: &mut [Vec<u8>],
    ancbufsize: usize,
    flags: i32,
) -> PyResult<(usize, Vec<u8>, i32, SockAddr)> {
    let mut ctl = Control::zeroed(ancbufsize);
    let mut sa = SockAddr::empty();
    let mut out_flags = 0;
    let mut clen = 0usize;
    let n = sock_call(vm, s, false, deadline_of(s.timeout()), |fd| {
        let mut iov: Vec<libc::iovec> = bufs
            .iter_mut()
            .map(|b| libc::iovec {
                iov_base: b.as_mut_ptr().cast(),
                iov_len: b.len(),
            })
            .collect();
        sa.len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: all-zero bytes are a valid msghdr (null pointers).
        let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
        msg.msg_name = sa.as_mut_ptr().cast();
        msg.msg_namelen = sa.len;
        msg.msg_iov = iov.as_mut_ptr();
        msg.msg_iovlen = iov.len();
        msg.msg_control = ctl.ptr();
        msg.msg_controllen = ancbufsize;
        // SAFETY: every pointer in `msg` refers to live writable buffers of
        // the lengths given.
        let r = cvt(unsafe { libc::recvmsg(fd, &mut msg, flags) });
        sa.len = msg.msg_namelen;
        out_flags = msg.msg_flags;
        clen = msg.msg_controllen;
        r
    })?;
    Ok((n, ctl.bytes(clen), out_flags, sa))
}

/// `[(level, type, data), ...]` of received control bytes.
fn parse_control(vm: &mut Vm, c: &[u8]) -> PyResult<Value> {
    let out = vm.new_list(&[]);
    let mark = vm.push_root(out);
    let mut off = 0;
    while off + CMSG_HDR <= c.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&c[off..off + 8]);
        let len = usize::from_ne_bytes(w);
        let mut i = [0u8; 4];
        i.copy_from_slice(&c[off + 8..off + 12]);
        let level = i32::from_ne_bytes(i);
        i.copy_from_slice(&c[off + 12..off + 16]);
        let ty = i32::from_ne_bytes(i);
        if len < CMSG_HDR {
            break;
        }
        let end = (off + len).min(c.len());
        let data = vm.new_bytes(&c[off + CMSG_HDR..end]);
        vm.push_root(data);
        let t = vm.new_tuple(&[
            Value::int(i64::from(level)),
            Value::int(i64::from(ty)),
            data,
        ]);
        vm.list_append(out, t);
        off += cmsg_align(len);
    }
    vm.pop_roots(mark);
    Ok(out)
}

/// The `(ancbufsize, flags)` arguments of `recvmsg`/`recvmsg_into`.
fn anc_args(vm: &mut Vm, a: &[Value]) -> PyResult<(usize, i32)> {
    let anc = match a.get(2) {
        Some(&v) => crate::args::py_ssize_t(vm, v)?,
        None => 0,
    };
    if anc < 0 {
        return Err(vm.value_error("invalid ancillary data buffer length"));
    }
    let flags = flags_arg(vm, a.get(3).copied())?;
    Ok((anc as usize, flags))
}

/// `(result, ancdata, msg_flags, address)`.
fn msg_result(vm: &mut Vm, first: Value, ctl: &[u8], flags: i32, sa: &SockAddr) -> PyResult<Value> {
    let mark = vm.push_root(first);
    let r = (|| -> PyResult<Value> {
        let anc = parse_control(vm, ctl)?;
        vm.push_root(anc);
        let addr = make_sockaddr(vm, sa)?;
        vm.push_root(addr);
        Ok(vm.new_tuple(&[first, anc, Value::int(i64::from(flags)), addr]))
    })();
    vm.pop_roots(mark);
    r
}

/// `recvmsg(bufsize[, ancbufsize[, flags]])`.
fn sock_recvmsg(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "recvmsg")?;
    crate::args::check_method_takes(vm, "recvmsg", a, k, 1, 3)?;
    let n = crate::args::py_ssize_t(vm, a[1])?;
    if n < 0 {
        return Err(vm.value_error("negative buffer size in recvmsg()"));
    }
    let (anc, flags) = anc_args(vm, a)?;
    let mut bufs = vec![recv_buf(vm, n as usize)?];
    let (got, ctl, mflags, sa) = do_recvmsg(vm, s, &mut bufs, anc, flags)?;
    let data = vm.new_bytes(&bufs[0][..got]);
    msg_result(vm, data, &ctl, mflags, &sa)
}

/// `recvmsg_into(buffers[, ancbufsize[, flags]])`.
fn sock_recvmsg_into(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "recvmsg_into")?;
    crate::args::check_method_takes(vm, "recvmsg_into", a, k, 1, 3)?;
    let targets = iter_items(vm, a[1], "recvmsg_into() argument 1 must be an iterable")?;
    let mark = vm.root_values(&targets);
    let r = (|| -> PyResult<Value> {
        let mut bufs = Vec::with_capacity(targets.len());
        for &t in &targets {
            let n = writable_target(vm, t, "recvmsg_into")?;
            bufs.push(recv_buf(vm, n)?);
        }
        let (anc, flags) = anc_args(vm, a)?;
        let (got, ctl, mflags, sa) = do_recvmsg(vm, s, &mut bufs, anc, flags)?;
        let mut left = got;
        for (t, b) in targets.iter().zip(&bufs) {
            let n = left.min(b.len());
            if n == 0 {
                break;
            }
            crate::types::memoryview::write_buffer(vm, *t, 0, &b[..n])?;
            left -= n;
        }
        msg_result(vm, Value::int(got as i64), &ctl, mflags, &sa)
    })();
    vm.pop_roots(mark);
    r
}
