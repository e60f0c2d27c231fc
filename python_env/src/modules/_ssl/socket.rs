//! `_ssl._SSLSocket` (an OpenSSL `SSL` over a `_socket.socket`'s
//! descriptor or over two `MemoryBIO`s) and `_ssl.SSLSession`.
//!
//! Every OpenSSL call is non-blocking: the descriptor is read and written
//! with `MSG_DONTWAIT`, and memory BIOs answer "retry" when empty. When
//! OpenSSL wants to read or write, the thread releases the connection's
//! mutex and waits as CPython's `PySSL_select` does: not at all on a
//! non-blocking socket or a BIO (SSLWantReadError/SSLWantWriteError), with
//! `poll` up to the socket's timeout (TimeoutError), or for ever on a
//! blocking socket; waits run outside the safepoint handshake. The socket's
//! timeout is read before each operation, as `_ssl.c` reads
//! `sock_timeout`.
//!
//! The SNI callback runs inside an OpenSSL call on the thread that made
//! it: `run_op` records the thread's VM and the connection in a
//! thread-local for it. Methods called from inside that callback on the
//! same connection use the `SSL` in hand instead of taking the mutex again.

use super::bio::BioBuf;
use super::context::{self, CtxState};
use super::errors::{self, fill, from_stack, ErrInfo, Exc};
use super::{ffi, types};
use engine::runtime::signals::is_main_thread;
use engine::runtime::*;
use foreign_types::{ForeignType, ForeignTypeRef};
use openssl::ssl::{
    ErrorCode, ShutdownResult, ShutdownState, Ssl, SslRef, SslSession, SslStream, SslVerifyMode,
};
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Arc, AtomicBool, Mutex, MutexGuard, Ordering};
use proto_core::{Obj, Value};
use std::cell::Cell;
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

/// Where OpenSSL's records go, and the errno of the last failed system
/// call of the current operation (0: none), which is what CPython reads
/// as `err.c` (the crate's own record of BIO errors can be stale: OpenSSL
/// ignores a failed session-ticket write).
pub(super) struct Transport {
    kind: Kind,
    last_errno: i32,
    /// A read of this operation found the end of the stream. OpenSSL's
    /// own socket and memory BIOs report it through `BIO_eof`, which turns
    /// it into SSL_R_UNEXPECTED_EOF_WHILE_READING; this BIO cannot, so
    /// `set_error` reports it the same way.
    saw_eof: bool,
}

enum Kind {
    /// A socket descriptor (owned by the `_socket.socket`).
    Fd(i32),
    /// `MemoryBIO`s: records read from `inc`, written to `out`.
    Mem {
        inc: Arc<Mutex<BioBuf>>,
        out: Arc<Mutex<BioBuf>>,
    },
}

impl Transport {
    fn fd(fd: i32) -> Transport {
        Transport {
            kind: Kind::Fd(fd),
            last_errno: 0,
            saw_eof: false,
        }
    }
    fn mem(inc: Arc<Mutex<BioBuf>>, out: Arc<Mutex<BioBuf>>) -> Transport {
        Transport {
            kind: Kind::Mem { inc, out },
            last_errno: 0,
            saw_eof: false,
        }
    }
    fn failed(&mut self) -> io::Error {
        let e = io::Error::last_os_error();
        let n = e.raw_os_error().unwrap_or(libc::EIO);
        if n != libc::EAGAIN && n != libc::EWOULDBLOCK && n != libc::EINTR {
            self.last_errno = n;
        }
        e
    }
}

impl Read for Transport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &self.kind {
            Kind::Fd(fd) => {
                // SAFETY: `buf` is writable for its length.
                let r = unsafe {
                    libc::recv(*fd, buf.as_mut_ptr().cast(), buf.len(), libc::MSG_DONTWAIT)
                };
                if r < 0 {
                    Err(self.failed())
                } else {
                    self.saw_eof |= r == 0 && !buf.is_empty();
                    Ok(r as usize)
                }
            }
            Kind::Mem { inc, .. } => {
                let mut g = sync::lock(inc);
                if g.data.is_empty() {
                    if g.eof {
                        drop(g);
                        self.saw_eof = true;
                        return Ok(0);
                    }
                    return Err(io::ErrorKind::WouldBlock.into());
                }
                // VecDeque's own Read copies its two halves as slices.
                g.data.read(buf)
            }
        }
    }
}

impl Write for Transport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &self.kind {
            Kind::Fd(fd) => {
                // SAFETY: `buf` is readable for its length.
                let r = unsafe {
                    libc::send(
                        *fd,
                        buf.as_ptr().cast(),
                        buf.len(),
                        libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL,
                    )
                };
                if r < 0 {
                    Err(self.failed())
                } else {
                    Ok(r as usize)
                }
            }
            Kind::Mem { out, .. } => {
                sync::lock(out).data.extend(buf.iter().copied());
                Ok(buf.len())
            }
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub(super) struct SslSockState {
    stream: Mutex<SslStream<Transport>>,
    server_side: bool,
    has_sock: bool,
    seen_zero: AtomicBool,
}

impl Trace for SslSockState {}

// Value slots.
const S_SOCK: usize = 0;
const S_OWNER: usize = 1;
const S_CTX: usize = 2;
const S_HOST: usize = 3;
const NSLOTS: usize = 4;

fn slot(o: Obj, i: usize) -> usize {
    o.n_values() - NSLOTS + i
}

fn state(v: Value) -> Option<&'static SslSockState> {
    Obj::from_value(v).and_then(native_ref::<SslSockState>)
}

fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<(Value, Obj, &'static SslSockState)> {
    if let Some(&v) = a.first() {
        if let Some(s) = state(v) {
            return Ok((v, Obj::from_value(v).expect("sslsock"), s));
        }
    }
    let tn = a
        .first()
        .map_or("nothing".to_owned(), |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{name}' for '_ssl._SSLSocket' objects doesn't apply to a '{tn}' object"
    )))
}

thread_local! {
    /// The VM and the `_SSLSocket` of the OpenSSL call under way on this
    /// thread (null when none), for the SNI callback.
    static CURRENT: Cell<(*mut Vm, Value)> = const { Cell::new((std::ptr::null_mut(), Value::NONE)) };
    /// The `SSL` of that call.
    static CURRENT_SSL: Cell<*mut openssl_sys::SSL> = const { Cell::new(std::ptr::null_mut()) };
    /// The transport's errno of the last operation that failed with
    /// SSL_ERROR_SYSCALL on this thread.
    static LAST_ERRNO: Cell<i32> = const { Cell::new(0) };
    /// Whether that operation found the end of the stream.
    static LAST_EOF: Cell<bool> = const { Cell::new(false) };
    /// An exception a callback raised, re-raised after the call.
    static CB_EXC: Cell<Option<Value>> = const { Cell::new(None) };
}

/// Takes the connection's mutex, waiting outside the handshake when
/// another thread holds it.
fn lock_stream<'a>(vm: &mut Vm, st: &'a SslSockState) -> MutexGuard<'a, SslStream<Transport>> {
    if let Ok(g) = st.stream.try_lock() {
        return g;
    }
    vm.ctx.blocking(|| sync::lock(&st.stream))
}

/// Runs `f` on the connection's `SSL` (for reading state or a short
/// change): the one of the OpenSSL call under way when called from its
/// callback, else under the mutex.
fn with_ssl<R>(vm: &mut Vm, me: Value, st: &SslSockState, f: impl FnOnce(&SslRef) -> R) -> R {
    let (p, cur) = CURRENT.with(Cell::get);
    if !p.is_null() && cur == me {
        let sp = CURRENT_SSL.with(Cell::get);
        // SAFETY: `sp` is the SSL of the OpenSSL call that is running this
        // callback on this thread; the call holds the connection's mutex and
        // lets its callback use the SSL.
        return f(unsafe { SslRef::from_ptr(sp) });
    }
    let g = lock_stream(vm, st);
    f(g.ssl())
}

/// Runs one non-blocking OpenSSL call on the connection with the
/// thread's VM reachable by callbacks; the exception a callback raised,
/// if any, comes second.
fn run_op<T>(
    vm: &mut Vm,
    me: Value,
    st: &SslSockState,
    f: &mut dyn FnMut(&mut SslStream<Transport>) -> Result<T, openssl::ssl::Error>,
) -> (Result<T, openssl::ssl::Error>, Option<PyException>) {
    let mut g = lock_stream(vm, st);
    // Exceptions callbacks raise are rooted above this mark until taken.
    let mark = vm.push_root(Value::NONE);
    let p: *mut Vm = vm;
    let prev = CURRENT.with(|c| c.replace((p, me)));
    let prev_ssl = CURRENT_SSL.with(|c| c.replace(g.ssl().as_ptr()));
    g.get_mut().last_errno = 0;
    g.get_mut().saw_eof = false;
    let r = f(&mut g);
    if let Err(e) = &r {
        if e.code() == ErrorCode::SYSCALL {
            LAST_ERRNO.with(|c| c.set(g.get_ref().last_errno));
            LAST_EOF.with(|c| c.set(g.get_ref().saw_eof));
        }
    }
    CURRENT.with(|c| c.set(prev));
    CURRENT_SSL.with(|c| c.set(prev_ssl));
    drop(g);
    let exc = CB_EXC.with(Cell::take).map(PyException);
    vm.pop_roots(mark);
    (r, exc)
}

/// Whether OpenSSL would have taken the end of the stream found by this
/// operation as the peer's close (SSL_OP_IGNORE_UNEXPECTED_EOF, on by
/// default): with its own BIOs it sees the EOF through `BIO_eof`.
fn eof_ignored(s: &SslStream<Transport>, e: &openssl::ssl::Error) -> bool {
    e.code() == ErrorCode::SYSCALL
        && e.ssl_error().is_none()
        && s.get_ref().saw_eof
        && s.get_ref().last_errno == 0
        && ignore_eof_option(s.ssl())
}

fn ignore_eof_option(s: &SslRef) -> bool {
    // SAFETY: reads the options of a live SSL.
    unsafe { ffi::SSL_get_options(s.as_ptr()) & OP_IGNORE_UNEXPECTED_EOF != 0 }
}

const OP_IGNORE_UNEXPECTED_EOF: u64 = 0x80;

/// `eof_ignored` for the operation `run_op` just ran.
fn eof_ignored_last(vm: &mut Vm, me: Value, st: &SslSockState) -> bool {
    LAST_ERRNO.with(Cell::get) == 0
        && LAST_EOF.with(Cell::get)
        && with_ssl(vm, me, st, ignore_eof_option)
}

/// What an operation is, for its timeout message and error line.
#[derive(Clone, Copy, PartialEq)]
enum What {
    Handshake,
    Read,
    Write,
    Shutdown,
}

impl What {
    fn line(self) -> u32 {
        match self {
            What::Handshake => errors::L_HANDSHAKE,
            What::Read => errors::L_READ,
            What::Write => errors::L_WRITE,
            What::Shutdown => errors::L_SHUTDOWN,
        }
    }
}

enum Wait {
    Ready,
    TimedOut,
    NonBlocking,
    Closed,
}

/// CPython's `PySSL_select`: waits until the descriptor is readable or
/// writable, in slices in the main thread so signal handlers run.
fn wait_sock(
    vm: &mut Vm,
    fd: i32,
    write: bool,
    timeout: i64,
    deadline: Option<Instant>,
) -> PyResult<Wait> {
    if timeout == 0 {
        return Ok(Wait::NonBlocking);
    }
    if fd < 0 {
        return Ok(Wait::Closed);
    }
    let main = is_main_thread();
    loop {
        let ms: i32 = match deadline {
            None if main => 20,
            None => -1,
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    return Ok(Wait::TimedOut);
                }
                let ms = (d - now)
                    .as_nanos()
                    .div_ceil(1_000_000)
                    .min(i32::MAX as u128) as i32;
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
            (r, io::Error::last_os_error().raw_os_error().unwrap_or(0))
        });
        if r > 0 {
            return Ok(Wait::Ready);
        }
        if r < 0 && e != libc::EINTR {
            return Err(crate::modules::_io::os_error(vm, e, None));
        }
        vm.check_signals()?;
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Ok(Wait::TimedOut);
        }
    }
}

/// The socket's descriptor and timeout (ns, -1 None); (-1, 0) for BIOs.
fn sock_info(o: Obj, st: &SslSockState) -> (i32, i64) {
    if !st.has_sock {
        return (-1, 0);
    }
    crate::modules::_socket::fd_and_timeout(o.get(slot(o, S_SOCK))).unwrap_or((-1, -1))
}

fn timeout_exc(vm: &mut Vm, what: What, write: bool) -> PyException {
    let msg = match what {
        What::Handshake => "_ssl.c:975: The handshake operation timed out",
        What::Read => "The read operation timed out",
        What::Write => "The write operation timed out",
        What::Shutdown if write => "The write operation timed out",
        What::Shutdown => "The read operation timed out",
    };
    let _ = errors::L_HANDSHAKE_TIMEOUT;
    let cls =
        vm.g.exc
            .get("TimeoutError")
            .copied()
            .unwrap_or(vm.g.e.OSError);
    vm.new_exc(cls, msg)
}

/// Runs `f` until it completes, waiting for the socket as the operation
/// and the socket's timeout say.
fn drive<T>(
    vm: &mut Vm,
    me: Value,
    o: Obj,
    st: &SslSockState,
    what: What,
    mut f: impl FnMut(&mut SslStream<Transport>) -> Result<T, openssl::ssl::Error>,
) -> PyResult<T> {
    let (_, t0) = sock_info(o, st);
    let deadline = (t0 > 0).then(|| Instant::now() + Duration::from_nanos(t0 as u64));
    loop {
        let (r, exc) = run_op(vm, me, st, &mut f);
        if let Some(e) = exc {
            return Err(e);
        }
        let e = match r {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let write = match e.code() {
            ErrorCode::WANT_READ => false,
            ErrorCode::WANT_WRITE => true,
            _ => return Err(set_error(vm, o, st, &e, what.line())),
        };
        let (fd, timeout) = sock_info(o, st);
        match wait_sock(vm, fd, write, timeout, deadline)? {
            Wait::Ready => {}
            Wait::TimedOut => return Err(timeout_exc(vm, what, write)),
            Wait::NonBlocking => return Err(set_error(vm, o, st, &e, what.line())),
            Wait::Closed => return Err(errors::plain(vm, "Underlying socket has been closed.")),
        }
    }
}

/// CPython's `PySSL_SetError`: the exception for a failed OpenSSL call.
fn set_error(
    vm: &mut Vm,
    o: Obj,
    st: &SslSockState,
    e: &openssl::ssl::Error,
    line: u32,
) -> PyException {
    let code = e.code().as_raw();
    let info = e.ssl_error().and_then(ErrInfo::last);
    match code {
        openssl_sys::SSL_ERROR_ZERO_RETURN => fill(
            vm,
            Exc::ZeroReturn,
            errors::E_ZERO_RETURN,
            None,
            Some("TLS/SSL connection has been closed (EOF)"),
            line,
            None,
        ),
        openssl_sys::SSL_ERROR_WANT_READ => fill(
            vm,
            Exc::WantRead,
            errors::E_WANT_READ,
            None,
            Some("The operation did not complete (read)"),
            line,
            None,
        ),
        openssl_sys::SSL_ERROR_WANT_WRITE => fill(
            vm,
            Exc::WantWrite,
            errors::E_WANT_WRITE,
            None,
            Some("The operation did not complete (write)"),
            line,
            None,
        ),
        openssl_sys::SSL_ERROR_WANT_X509_LOOKUP => fill(
            vm,
            Exc::Ssl,
            errors::E_WANT_X509_LOOKUP,
            None,
            Some("The operation did not complete (X509 lookup)"),
            line,
            None,
        ),
        7 => fill(
            vm,
            Exc::Ssl,
            errors::E_WANT_CONNECT,
            None,
            Some("The operation did not complete (connect)"),
            line,
            None,
        ),
        openssl_sys::SSL_ERROR_SYSCALL => {
            if let Some(i) = &info {
                if i.lib_code == 2 && i.reason_code > 0 {
                    return crate::modules::_io::os_error(vm, i.reason_code & 0x7ffff, None);
                }
                return fill(
                    vm,
                    Exc::Syscall,
                    errors::E_SYSCALL,
                    Some(i),
                    None,
                    line,
                    None,
                );
            }
            let errno = LAST_ERRNO.with(Cell::get);
            if st.has_sock && errno != 0 {
                return crate::modules::_io::os_error(vm, errno, None);
            }
            if LAST_EOF.with(Cell::get) {
                let i = ErrInfo::unexpected_eof();
                return fill(
                    vm,
                    Exc::Eof,
                    errors::E_EOF,
                    Some(&i),
                    Some("EOF occurred in violation of protocol"),
                    line,
                    None,
                );
            }
            fill(
                vm,
                Exc::Eof,
                errors::E_EOF,
                None,
                Some("EOF occurred in violation of protocol"),
                line,
                None,
            )
        }
        openssl_sys::SSL_ERROR_SSL => match &info {
            None => fill(
                vm,
                Exc::Ssl,
                errors::E_SSL,
                None,
                Some("A failure in the SSL library occurred"),
                line,
                None,
            ),
            Some(i) if i.is_unexpected_eof() => fill(
                vm,
                Exc::Eof,
                errors::E_EOF,
                Some(i),
                Some("EOF occurred in violation of protocol"),
                line,
                None,
            ),
            Some(i) if i.is_cert_verify_failed() => {
                let me = o.value();
                let vr = with_ssl(vm, me, st, |s| s.verify_result());
                let vcode = i64::from(vr.as_raw());
                let host = o.get(slot(o, S_HOST));
                let host = String::from_utf8_lossy(str_bytes_or_empty(host)).into_owned();
                let msg = match vcode {
                    62 => format!("Hostname mismatch, certificate is not valid for '{host}'."),
                    64 => format!("IP address mismatch, certificate is not valid for '{host}'."),
                    _ => vr.error_string().to_owned(),
                };
                fill(
                    vm,
                    Exc::CertVerification,
                    errors::E_SSL,
                    Some(i),
                    None,
                    line,
                    Some((vcode, msg)),
                )
            }
            Some(i) => fill(vm, Exc::Ssl, errors::E_SSL, Some(i), None, line, None),
        },
        _ => fill(
            vm,
            Exc::Ssl,
            errors::E_INVALID,
            None,
            Some("Invalid error code"),
            line,
            None,
        ),
    }
}

fn str_bytes_or_empty(v: Value) -> &'static [u8] {
    if is_str(v) {
        str_bytes(v)
    } else {
        b""
    }
}

// ------------------------------------------------------------------ wrapping

/// The hostname argument (str encoded with IDNA, or bytes) as text.
fn hostname_arg(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if v.is_none() {
        return Ok(None);
    }
    let tn = vm.type_name_of(v);
    let b = if is_str(v) {
        let idna = vm.new_str("idna");
        let mark = vm.push_root(idna);
        let e = vm.call_method(v, "encode", &[idna]);
        vm.pop_roots(mark);
        str_bytes(e?).to_vec()
    } else if Obj::from_value(v).is_some_and(|o| o.kind() == proto_core::Kind::BYTES) {
        str_bytes(v).to_vec()
    } else {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("str or None expected, not {tn}")));
    };
    if b.contains(&0) {
        return Err(vm.type_error(&format!(
            "argument must be encoded string without null bytes, not {tn}"
        )));
    }
    match String::from_utf8(b) {
        Ok(s) if s.is_ascii() => Ok(Some(s)),
        _ => Err(vm.new_exc(
            vm.g.e.UnicodeError,
            "server_hostname is not an ASCII string",
        )),
    }
}

/// CPython's `newPySSLSocket`.
#[allow(clippy::too_many_arguments)]
fn new_sslsocket(
    vm: &mut Vm,
    ctx_obj: Value,
    cs: &CtxState,
    transport: Transport,
    sock: Value,
    server_side: bool,
    hostname: Option<String>,
    owner: Value,
    session: Value,
) -> PyResult<Value> {
    if server_side && cs.protocol == context::PROTOCOL_TLS_CLIENT {
        return Err(fill(
            vm,
            Exc::Ssl,
            0,
            None,
            Some("Cannot create a server socket with a PROTOCOL_TLS_CLIENT context"),
            823,
            None,
        ));
    }
    if !server_side && cs.protocol == context::PROTOCOL_TLS_SERVER {
        return Err(fill(
            vm,
            Exc::Ssl,
            0,
            None,
            Some("Cannot create a client socket with a PROTOCOL_TLS_SERVER context"),
            829,
            None,
        ));
    }
    let sslctx = sync::lock(&cs.ctx).clone();
    let mut ssl = match Ssl::new(&sslctx) {
        Ok(s) => s,
        Err(e) => return Err(from_stack(vm, &e, 3217)),
    };
    if cs.post_handshake_auth.load(Ordering::Relaxed) {
        if server_side {
            let mode = ssl.verify_mode();
            if mode.contains(SslVerifyMode::PEER) {
                ssl.set_verify(mode | SslVerifyMode::from_bits_retain(0x08));
            }
        } else {
            // SAFETY: `ssl` is a live SSL we own.
            unsafe { ffi::SSL_set_post_handshake_auth(ssl.as_ptr(), 1) };
        }
    }
    if let Some(h) = &hostname {
        if h.is_empty() || h.starts_with('.') {
            return Err(vm.value_error(
                "server_hostname cannot be an empty string or start with a leading dot.",
            ));
        }
        let ip: Option<std::net::IpAddr> = h.parse().ok();
        if ip.is_none() {
            if let Err(e) = ssl.set_hostname(h) {
                return Err(from_stack(vm, &e, 880));
            }
        }
        if cs.check_hostname.load(Ordering::Relaxed) {
            let r = match ip {
                Some(ip) => ssl.param_mut().set_ip(ip),
                None => ssl.param_mut().set_host(h),
            };
            if let Err(e) = r {
                return Err(from_stack(vm, &e, 897));
            }
        }
    }
    if server_side {
        ssl.set_accept_state();
    } else {
        ssl.set_connect_state();
    }
    let stream = match SslStream::new(ssl, transport) {
        Ok(s) => s,
        Err(e) => return Err(from_stack(vm, &e, 3217)),
    };
    let cls = types().sock;
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co) + NSLOTS;
    let has_sock = !sock.is_none();
    let v = vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        n,
        SslSockState {
            stream: Mutex::new(stream),
            server_side,
            has_sock,
            seen_zero: AtomicBool::new(false),
        },
    );
    let o = Obj::from_value(v).expect("sslsock");
    let mark = vm.push_root(v);
    for i in 0..n {
        o.init(
            i,
            if i < n - NSLOTS {
                Value::EMPTY
            } else {
                Value::NONE
            },
        );
    }
    vm.store(o, slot(o, S_SOCK), sock);
    vm.store(o, slot(o, S_OWNER), owner);
    vm.store(o, slot(o, S_CTX), ctx_obj);
    if let Some(h) = &hostname {
        let hv = vm.new_str(h);
        vm.store(o, slot(o, S_HOST), hv);
    }
    if !session.is_none() {
        if let Err(e) = set_session_value(vm, v, o, session) {
            vm.pop_roots(mark);
            return Err(e);
        }
    }
    vm.pop_roots(mark);
    Ok(v)
}

fn ctx_self(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<(Value, &'static CtxState)> {
    match a
        .first()
        .copied()
        .and_then(|v| context::state(v).map(|s| (v, s)))
    {
        Some(x) => Ok(x),
        None => {
            let tn = a
                .first()
                .map_or("nothing".to_owned(), |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_ssl._SSLContext' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// `_SSLContext._wrap_socket(sock, server_side, server_hostname=None, *,
/// owner=None, session=None)`.
pub(super) fn wrap_socket(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (cv, cs) = ctx_self(vm, a, "_wrap_socket")?;
    let [sock, server_side, host, owner, session] = crate::types::clinic::unpack(
        vm,
        "_wrap_socket",
        &a[1..],
        k,
        ["sock", "server_side", "server_hostname", "owner", "session"],
        0,
        2,
        3,
    )?;
    let sock = sock.unwrap_or(Value::NONE);
    let Some((fd, _)) = crate::modules::_socket::fd_and_timeout(sock) else {
        let tn = vm.type_name_of(sock);
        return Err(vm.type_error(&format!(
            "_wrap_socket() argument 'sock' must be _socket.socket, not {tn}"
        )));
    };
    let server_side = crate::args::c_int(vm, server_side.unwrap_or(Value::NONE))? != 0;
    let hostname = hostname_arg(vm, host.unwrap_or(Value::NONE))?;
    new_sslsocket(
        vm,
        cv,
        cs,
        Transport::fd(fd),
        sock,
        server_side,
        hostname,
        owner.unwrap_or(Value::NONE),
        session.unwrap_or(Value::NONE),
    )
}

/// `_SSLContext._wrap_bio(incoming, outgoing, server_side,
/// server_hostname=None, *, owner=None, session=None)`.
pub(super) fn wrap_bio(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (cv, cs) = ctx_self(vm, a, "_wrap_bio")?;
    let [inc, out, server_side, host, owner, session] = crate::types::clinic::unpack(
        vm,
        "_wrap_bio",
        &a[1..],
        k,
        [
            "incoming",
            "outgoing",
            "server_side",
            "server_hostname",
            "owner",
            "session",
        ],
        0,
        3,
        4,
    )?;
    let mut bios = Vec::new();
    for (i, v) in [inc, out].into_iter().enumerate() {
        let v = v.unwrap_or(Value::NONE);
        match super::bio::state(v) {
            Some(b) => bios.push(b.buf.clone()),
            None => {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!(
                    "_wrap_bio() argument '{}' must be _ssl.MemoryBIO, not {tn}",
                    if i == 0 { "incoming" } else { "outgoing" }
                )));
            }
        }
    }
    let server_side = crate::args::c_int(vm, server_side.unwrap_or(Value::NONE))? != 0;
    let hostname = hostname_arg(vm, host.unwrap_or(Value::NONE))?;
    let out = bios.pop().expect("two bios");
    let inc = bios.pop().expect("two bios");
    new_sslsocket(
        vm,
        cv,
        cs,
        Transport::mem(inc, out),
        Value::NONE,
        server_side,
        hostname,
        owner.unwrap_or(Value::NONE),
        session.unwrap_or(Value::NONE),
    )
}

// ------------------------------------------------------------------ I/O

fn do_handshake(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, o, st) = this(vm, a, "do_handshake")?;
    crate::args::check_method(vm, "do_handshake", a, k, 0, 0)?;
    drive(vm, me, o, st, What::Handshake, |s| s.do_handshake())?;
    Ok(Value::NONE)
}

/// `read(size, [buffer])`: bytes, or the count read into `buffer`.
fn read(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, o, st) = this(vm, a, "read")?;
    crate::args::check_method(vm, "read", a, k, 1, 2)?;
    let mut len = crate::args::py_ssize_t(vm, a[1])?;
    let buffer = a.get(2).copied();
    if let Some(b) = buffer {
        let blen = match crate::modules::array::array_bytes(b) {
            Some(x) => x.len() as i64,
            None => vm.len(b)? as i64,
        };
        if len <= 0 || len > blen {
            len = blen;
        }
    } else if len < 0 {
        return Err(vm.value_error("size should not be negative"));
    }
    if len == 0 {
        return Ok(match buffer {
            Some(_) => Value::int(0),
            None => vm.new_bytes(b""),
        });
    }
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(len as usize).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    buf.resize(len as usize, 0);
    let n = drive(vm, me, o, st, What::Read, |s| match s.ssl_read(&mut buf) {
        Err(e)
            if e.code() == ErrorCode::ZERO_RETURN
                && s.get_shutdown() == ShutdownState::RECEIVED =>
        {
            Ok(0)
        }
        Err(e) if eof_ignored(s, &e) => {
            s.set_shutdown(ShutdownState::RECEIVED);
            Ok(0)
        }
        r => r,
    })?;
    match buffer {
        Some(b) => {
            crate::types::memoryview::write_buffer(vm, b, 0, &buf[..n])?;
            Ok(Value::int(n as i64))
        }
        None => Ok(vm.new_bytes(&buf[..n])),
    }
}

fn write(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, o, st) = this(vm, a, "write")?;
    crate::args::check_method(vm, "write", a, k, 1, 1)?;
    let data = crate::modules::_io::bytes_like(vm, a[1], "")?;
    if data.len() > i32::MAX as usize {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("string longer than {} bytes", i32::MAX),
        ));
    }
    if data.is_empty() {
        return Ok(Value::int(0));
    }
    let n = drive(vm, me, o, st, What::Write, |s| s.ssl_write(&data))?;
    Ok(Value::int(n as i64))
}

fn pending(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "pending")?;
    crate::args::check_method(vm, "pending", a, k, 0, 0)?;
    let n = with_ssl(vm, me, st, |s| s.pending());
    Ok(Value::int(n as i64))
}

/// `shutdown()`: the TLS close handshake; the socket (None for BIOs).
fn shutdown(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, o, st) = this(vm, a, "shutdown")?;
    crate::args::check_method(vm, "shutdown", a, k, 0, 0)?;
    let (fd, t0) = sock_info(o, st);
    if st.has_sock && fd < 0 {
        return Err(fill(
            vm,
            Exc::Ssl,
            9,
            None,
            Some("Underlying socket connection gone"),
            errors::L_SHUTDOWN,
            None,
        ));
    }
    let deadline = (t0 > 0).then(|| Instant::now() + Duration::from_nanos(t0 as u64));
    let mut zeros = 0;
    loop {
        let seen = st.seen_zero.load(Ordering::Relaxed);
        let (r, exc) = run_op(vm, me, st, &mut |s: &mut SslStream<Transport>| {
            if seen {
                // SAFETY: the live SSL of this connection, under its mutex.
                unsafe { openssl_sys::SSL_ctrl(s.ssl().as_ptr(), 41, 0, std::ptr::null_mut()) };
            }
            s.shutdown()
        });
        if let Some(e) = exc {
            return Err(e);
        }
        match r {
            Ok(ShutdownResult::Received) => break,
            Ok(ShutdownResult::Sent) => {
                zeros += 1;
                if zeros > 1 {
                    break;
                }
                st.seen_zero.store(true, Ordering::Relaxed);
            }
            Err(e) => {
                let write = match e.code() {
                    ErrorCode::WANT_READ => false,
                    ErrorCode::WANT_WRITE => true,
                    // The peer closed the stream after our close_notify went
                    // out: the shutdown is complete, as CPython finds it.
                    ErrorCode::SYSCALL if zeros > 0 && eof_ignored_last(vm, me, st) => break,
                    _ => return Err(set_error(vm, o, st, &e, errors::L_SHUTDOWN)),
                };
                let (fd, timeout) = sock_info(o, st);
                match wait_sock(vm, fd, write, timeout, deadline)? {
                    Wait::Ready => {}
                    Wait::TimedOut => return Err(timeout_exc(vm, What::Shutdown, write)),
                    _ => return Err(set_error(vm, o, st, &e, errors::L_SHUTDOWN)),
                }
            }
        }
    }
    Ok(o.get(slot(o, S_SOCK)))
}

// ------------------------------------------------------------------ queries

fn getpeercert(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "getpeercert")?;
    let [binary] =
        crate::types::clinic::unpack(vm, "getpeercert", &a[1..], k, ["binary_form"], 1, 0, 1)?;
    let binary = match binary {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let (done, cert, verify) = with_ssl(vm, me, st, |s| {
        (
            s.is_init_finished(),
            s.peer_certificate(),
            s.ssl_context().verify_mode(),
        )
    });
    if !done {
        return Err(vm.value_error("handshake not done yet"));
    }
    let Some(c) = cert else {
        return Ok(Value::NONE);
    };
    if binary {
        return match c.to_der() {
            Ok(d) => Ok(vm.new_bytes(&d)),
            Err(e) => Err(from_stack(vm, &e, 1900)),
        };
    }
    if !verify.contains(SslVerifyMode::PEER) {
        return Ok(vm.new_dict());
    }
    super::cert::decode(vm, &c)
}

/// (name, protocol version, secret bits) of a cipher.
fn cipher_tuple(vm: &mut Vm, c: &openssl::ssl::SslCipherRef) -> Value {
    let mark = vm.push_root(Value::NONE);
    let n = vm.new_str(c.name());
    vm.push_root(n);
    let v = vm.new_str(c.version());
    vm.push_root(v);
    let t = vm.new_tuple(&[n, v, Value::int(i64::from(c.bits().secret))]);
    vm.pop_roots(mark);
    t
}

fn cipher(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "cipher")?;
    crate::args::check_method(vm, "cipher", a, k, 0, 0)?;
    let p = with_ssl(vm, me, st, |s| s.current_cipher().map(|c| c.as_ptr()));
    match p {
        // SAFETY: ciphers are static entries of OpenSSL's tables.
        Some(p) => Ok(cipher_tuple(vm, unsafe {
            openssl::ssl::SslCipherRef::from_ptr(p as *mut _)
        })),
        None => Ok(Value::NONE),
    }
}

/// `shared_ciphers()`: the ciphers the connection may use (Debian's
/// CPython 3.11 lists `SSL_get_ciphers`), None without any.
fn shared_ciphers(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "shared_ciphers")?;
    crate::args::check_method(vm, "shared_ciphers", a, k, 0, 0)?;
    let list: Option<Vec<usize>> = with_ssl(vm, me, st, |s| {
        // SAFETY: the stack belongs to the live SSL and is only read here.
        unsafe {
            let sk = ffi::SSL_get_ciphers(s.as_ptr());
            if sk.is_null() {
                return None;
            }
            let sv = openssl::stack::StackRef::<openssl::ssl::SslCipher>::from_ptr(sk);
            Some(sv.iter().map(|c| c.as_ptr() as usize).collect())
        }
    });
    let Some(list) = list else {
        return Ok(Value::NONE);
    };
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for p in list {
        // SAFETY: ciphers are static entries of OpenSSL's tables.
        let c = unsafe { openssl::ssl::SslCipherRef::from_ptr(p as *mut _) };
        let t = cipher_tuple(vm, c);
        vm.list_append(l, t);
    }
    vm.pop_roots(mark);
    Ok(l)
}

fn version(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "version")?;
    crate::args::check_method(vm, "version", a, k, 0, 0)?;
    let v = with_ssl(vm, me, st, |s| {
        (s.is_init_finished() && s.version_str() != "unknown").then(|| s.version_str())
    });
    Ok(match v {
        Some(v) => vm.new_str(v),
        None => Value::NONE,
    })
}

fn selected_alpn_protocol(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "selected_alpn_protocol")?;
    crate::args::check_method(vm, "selected_alpn_protocol", a, k, 0, 0)?;
    let p = with_ssl(vm, me, st, |s| {
        s.selected_alpn_protocol().map(<[u8]>::to_vec)
    });
    Ok(match p {
        Some(p) => vm.new_str(&String::from_utf8_lossy(&p)),
        None => Value::NONE,
    })
}

fn compression(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "compression")?;
    crate::args::check_method(vm, "compression", a, k, 0, 0)?;
    let name = with_ssl(vm, me, st, |s| {
        // SAFETY: reads the live SSL's current compression method.
        unsafe {
            let c = ffi::SSL_get_current_compression(s.as_ptr());
            if c.is_null() {
                return None;
            }
            let nid = ffi::COMP_get_type(c);
            if nid == 0 {
                return None;
            }
            openssl::nid::Nid::from_raw(nid).short_name().ok()
        }
    });
    Ok(match name {
        Some(n) => vm.new_str(n),
        None => Value::NONE,
    })
}

fn get_channel_binding(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "get_channel_binding")?;
    let [cb] =
        crate::types::clinic::unpack(vm, "get_channel_binding", &a[1..], k, ["cb_type"], 0, 0, 1)?;
    if let Some(v) = cb {
        if !is_str(v) {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!(
                "get_channel_binding() argument 'cb_type' must be str, not {tn}"
            )));
        }
        if str_bytes(v) != b"tls-unique" {
            let s = String::from_utf8_lossy(str_bytes(v)).into_owned();
            return Err(vm.value_error(&format!("'{s}' channel binding type not implemented")));
        }
    }
    let server = st.server_side;
    let data = with_ssl(vm, me, st, |s| {
        let mut buf = [0u8; 128];
        let n = if s.session_reused() ^ !server {
            s.finished(&mut buf)
        } else {
            s.peer_finished(&mut buf)
        };
        buf[..n.min(128)].to_vec()
    });
    if data.is_empty() {
        return Ok(Value::NONE);
    }
    Ok(vm.new_bytes(&data))
}

fn verify_client_post_handshake(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "verify_client_post_handshake")?;
    crate::args::check_method(vm, "verify_client_post_handshake", a, k, 0, 0)?;
    // SAFETY: the live SSL of this connection.
    let r = with_ssl(vm, me, st, |s| unsafe {
        ffi::SSL_verify_client_post_handshake(s.as_ptr())
    });
    if r == 0 {
        let e = openssl::error::ErrorStack::get();
        return Err(from_stack(vm, &e, errors::L_PHA));
    }
    Ok(Value::NONE)
}

/// `get_verified_chain()`/`get_unverified_chain()`: lists of
/// `_ssl.Certificate` (None before the peer sent any).
fn chain(vm: &mut Vm, a: &[Value], k: Value, verified: bool) -> PyResult<Value> {
    let name = if verified {
        "get_verified_chain"
    } else {
        "get_unverified_chain"
    };
    let (me, _, st) = this(vm, a, name)?;
    crate::args::check_method(vm, name, a, k, 0, 0)?;
    let certs: Option<Vec<openssl::x509::X509>> = with_ssl(vm, me, st, |s| {
        let c = if verified {
            s.verified_chain()
        } else {
            s.peer_cert_chain()
        };
        c.map(|c| c.iter().map(|x| x.to_owned()).collect())
    });
    let Some(mut certs) = certs else {
        return Ok(Value::NONE);
    };
    if !verified && st.server_side {
        // On the server side OpenSSL leaves the peer's own certificate
        // out of the chain; CPython puts it first.
        if let Some(p) = with_ssl(vm, me, st, |s| s.peer_certificate()) {
            certs.insert(0, p);
        }
    }
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for c in certs {
        let v = super::cert::new_certificate(vm, c);
        vm.list_append(l, v);
    }
    vm.pop_roots(mark);
    Ok(l)
}

fn get_verified_chain(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    chain(vm, a, k, true)
}

fn get_unverified_chain(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    chain(vm, a, k, false)
}

// ------------------------------------------------------------------ attributes

fn value_arg(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    match a.get(1) {
        Some(&v) => Ok(v),
        None => Err(vm.type_error("can't delete attribute")),
    }
}

fn get_context(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, o, _) = this(vm, a, "context")?;
    Ok(o.get(slot(o, S_CTX)))
}

fn set_context(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (me, o, st) = this(vm, a, "context")?;
    let v = value_arg(vm, a)?;
    let Some(cs) = context::state(v) else {
        return Err(vm.type_error("The value must be a SSLContext"));
    };
    let sslctx = sync::lock(&cs.ctx).clone();
    // SAFETY: SSL_set_SSL_CTX on the live SSL takes its own reference to
    // the context.
    with_ssl(vm, me, st, |s| unsafe {
        openssl_sys::SSL_set_SSL_CTX(s.as_ptr(), sslctx.as_ptr());
    });
    vm.store(o, slot(o, S_CTX), v);
    Ok(Value::NONE)
}

fn get_server_side(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, _, st) = this(vm, a, "server_side")?;
    Ok(Value::bool(st.server_side))
}

fn get_server_hostname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, o, _) = this(vm, a, "server_hostname")?;
    Ok(o.get(slot(o, S_HOST)))
}

fn get_owner(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, o, _) = this(vm, a, "owner")?;
    Ok(o.get(slot(o, S_OWNER)))
}

fn set_owner(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, o, _) = this(vm, a, "owner")?;
    let v = value_arg(vm, a)?;
    vm.store(o, slot(o, S_OWNER), v);
    Ok(Value::NONE)
}

fn get_session(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (me, o, st) = this(vm, a, "session")?;
    let sess = with_ssl(vm, me, st, |s| s.session().map(|x| x.to_owned()));
    let Some(sess) = sess else {
        return Ok(Value::NONE);
    };
    let ctx = o.get(slot(o, S_CTX));
    Ok(new_session(vm, sess, ctx))
}

fn set_session(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (me, o, _) = this(vm, a, "session")?;
    let v = value_arg(vm, a)?;
    set_session_value(vm, me, o, v)?;
    Ok(Value::NONE)
}

fn set_session_value(vm: &mut Vm, me: Value, o: Obj, v: Value) -> PyResult<()> {
    let Some(ss) = session_state(v) else {
        return Err(vm.type_error("Value is not a SSLSession."));
    };
    let st = state(me).expect("sslsock");
    let so = Obj::from_value(v).expect("session");
    if so.get(session_slot(so)) != o.get(slot(o, S_CTX)) {
        return Err(vm.value_error("Session refers to a different SSLContext."));
    }
    if st.server_side {
        return Err(vm.value_error("Cannot set session for server-side SSLSocket."));
    }
    if with_ssl(vm, me, st, |s| s.is_init_finished()) {
        return Err(vm.value_error("Cannot set session after handshake."));
    }
    // SAFETY: the session comes from a connection of this same context
    // (checked above), which SSL_set_session requires; it takes its own
    // reference.
    let ok = with_ssl(vm, me, st, |s| unsafe {
        openssl_sys::SSL_set_session(s.as_ptr(), ss.sess.as_ptr())
    });
    if ok == 0 {
        let e = openssl::error::ErrorStack::get();
        return Err(from_stack(vm, &e, 2840));
    }
    Ok(())
}

fn get_session_reused(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (me, _, st) = this(vm, a, "session_reused")?;
    Ok(Value::bool(with_ssl(vm, me, st, |s| s.session_reused())))
}

pub(super) fn init_type(vm: &mut Vm, t: Value) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("do_handshake", do_handshake),
        ("read", read),
        ("write", write),
        ("pending", pending),
        ("shutdown", shutdown),
        ("getpeercert", getpeercert),
        ("cipher", cipher),
        ("shared_ciphers", shared_ciphers),
        ("version", version),
        ("selected_alpn_protocol", selected_alpn_protocol),
        ("compression", compression),
        ("get_channel_binding", get_channel_binding),
        ("verify_client_post_handshake", verify_client_post_handshake),
        ("get_verified_chain", get_verified_chain),
        ("get_unverified_chain", get_unverified_chain),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let props: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        ("context", get_context, Some(set_context)),
        ("server_side", get_server_side, None),
        ("server_hostname", get_server_hostname, None),
        ("owner", get_owner, Some(set_owner)),
        ("session", get_session, Some(set_session)),
        ("session_reused", get_session_reused, None),
    ];
    for &(n, g, s) in props {
        let p = vm.new_native_getset(t, n, g, s);
        vm.add_attr(t, n, p);
    }
}

// ------------------------------------------------------------------ SNI

/// The servername callback (`SSL_CTX_set_tlsext_servername_callback`):
/// calls the context's `sni_callback(sslobj or owner, server_name, ctx)`.
/// None continues the handshake; an int is the alert to send; an exception
/// is reported as unraisable and fails the handshake, as in CPython.
pub(super) unsafe extern "C" fn sni_callback(
    ssl: *mut openssl_sys::SSL,
    al: *mut libc::c_int,
    _arg: *mut libc::c_void,
) -> libc::c_int {
    const OK: libc::c_int = openssl_sys::SSL_TLSEXT_ERR_OK;
    const FATAL: libc::c_int = openssl_sys::SSL_TLSEXT_ERR_ALERT_FATAL;
    let (p, me) = CURRENT.with(Cell::get);
    if p.is_null() {
        return OK;
    }
    // SAFETY: `p` is the VM of this thread, recorded by `run_op`, whose
    // caller does not use it while the OpenSSL call runs.
    let vm = unsafe { &mut *p };
    let Some(o) = Obj::from_value(me) else {
        return OK;
    };
    let ctx_obj = o.get(slot(o, S_CTX));
    let Some(co) = Obj::from_value(ctx_obj) else {
        return OK;
    };
    if context::state(ctx_obj).is_none() {
        return OK;
    }
    let cb = co.get(context::slot(co, context::S_SNI));
    if cb.is_none() {
        return OK;
    }
    // SAFETY: `ssl` is the live SSL OpenSSL is calling us for.
    let name = unsafe {
        let n = openssl_sys::SSL_get_servername(ssl, openssl_sys::TLSEXT_NAMETYPE_host_name);
        if n.is_null() {
            None
        } else {
            Some(std::ffi::CStr::from_ptr(n).to_string_lossy().into_owned())
        }
    };
    let mark = vm.push_root(cb);
    vm.push_root(ctx_obj);
    let owner = o.get(slot(o, S_OWNER));
    let target = if owner.is_none() { me } else { owner };
    let nv = match &name {
        Some(n) => vm.new_str(n),
        None => Value::NONE,
    };
    vm.push_root(nv);
    let r = vm.call(cb, &[target, nv, ctx_obj], Value::EMPTY);
    let ret = match r {
        Ok(v) if v.is_none() => OK,
        Ok(v) => {
            vm.push_root(v);
            match crate::args::c_int(vm, v) {
                Ok(n) => {
                    // SAFETY: `al` points at OpenSSL's alert variable.
                    unsafe { *al = n };
                }
                Err(e) => {
                    crate::modules::gc::write_unraisable(vm, v, e);
                    // SAFETY: as above.
                    unsafe { *al = 80 };
                }
            }
            FATAL
        }
        Err(e) => {
            crate::modules::gc::write_unraisable(vm, cb, e);
            // SAFETY: as above.
            unsafe { *al = 40 };
            FATAL
        }
    };
    vm.pop_roots(mark);
    ret
}

/// OpenSSL's message callback: the context's `_msg_callback(conn,
/// direction, version, content_type, msg_type, data)`, as CPython's
/// `_PySSL_msg_callback`; an exception it raises is raised after the
/// OpenSSL call (the first one, if several).
pub(super) unsafe extern "C" fn msg_callback(
    write_p: libc::c_int,
    version: libc::c_int,
    content_type: libc::c_int,
    buf: *const libc::c_void,
    len: libc::size_t,
    _ssl: *mut openssl_sys::SSL,
    _arg: *mut libc::c_void,
) {
    let (p, me) = CURRENT.with(Cell::get);
    if p.is_null() {
        return;
    }
    // SAFETY: `p` is the VM of this thread, recorded by `run_op`, whose
    // caller does not use it while the OpenSSL call runs.
    let vm = unsafe { &mut *p };
    let Some(o) = Obj::from_value(me) else {
        return;
    };
    let ctx_obj = o.get(slot(o, S_CTX));
    let Some(co) = Obj::from_value(ctx_obj) else {
        return;
    };
    if context::state(ctx_obj).is_none() {
        return;
    }
    let cb = co.get(context::slot(co, context::S_MSG));
    if cb.is_none() {
        return;
    }
    let data: &[u8] = if buf.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: OpenSSL passes `len` readable bytes at `buf`.
        unsafe { std::slice::from_raw_parts(buf.cast::<u8>(), len) }
    };
    let at = |i: usize| data.get(i).map_or(-1, |&b| i64::from(b));
    let mut version = i64::from(version);
    let msg_type: i64 = match content_type {
        20 => 0x0101,
        21 => at(1),
        22 => at(0),
        256 => {
            if data.len() >= 3 {
                version = i64::from(data[1]) << 8 | i64::from(data[2]);
            }
            at(0)
        }
        257 => at(0),
        _ => -1,
    };
    let mark = vm.push_root(cb);
    let owner = o.get(slot(o, S_OWNER));
    let target = if owner.is_none() { me } else { owner };
    vm.push_root(target);
    let dir = vm.new_str(if write_p != 0 { "write" } else { "read" });
    vm.push_root(dir);
    let d = vm.new_bytes(data);
    vm.push_root(d);
    let r = vm.call(
        cb,
        &[
            target,
            dir,
            Value::int(version),
            Value::int(i64::from(content_type)),
            Value::int(msg_type),
            d,
        ],
        Value::EMPTY,
    );
    vm.pop_roots(mark);
    if let Err(e) = r {
        let first = CB_EXC.with(|c| {
            let had = c.take();
            let keep = had.unwrap_or(e.0);
            c.set(Some(keep));
            had.is_none()
        });
        if first {
            // Kept alive until `run_op` takes it (its root mark is below).
            vm.push_root(e.0);
        }
    }
}

// ------------------------------------------------------------------ SSLSession

pub(super) struct SessState {
    sess: SslSession,
}

impl Trace for SessState {}

const SESS_NSLOTS: usize = 1;

fn session_slot(o: Obj) -> usize {
    o.n_values() - SESS_NSLOTS
}

fn session_state(v: Value) -> Option<&'static SessState> {
    Obj::from_value(v).and_then(native_ref::<SessState>)
}

fn new_session(vm: &mut Vm, sess: SslSession, ctx: Value) -> Value {
    let cls = types().session;
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co) + SESS_NSLOTS;
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, n, SessState { sess });
    let o = Obj::from_value(v).expect("session");
    for i in 0..n {
        o.init(
            i,
            if i < n - SESS_NSLOTS {
                Value::EMPTY
            } else {
                Value::NONE
            },
        );
    }
    let mark = vm.push_root(v);
    vm.store(o, session_slot(o), ctx);
    vm.pop_roots(mark);
    v
}

fn sess_this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static SessState> {
    match a.first().copied().and_then(session_state) {
        Some(s) => Ok(s),
        None => {
            let tn = a
                .first()
                .map_or("nothing".to_owned(), |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_ssl.SSLSession' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn sess_time(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = sess_this(vm, a, "time")?;
    Ok(Value::int(s.sess.time() as i64))
}

fn sess_timeout(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = sess_this(vm, a, "timeout")?;
    Ok(Value::int(s.sess.timeout()))
}

fn sess_lifetime(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = sess_this(vm, a, "ticket_lifetime_hint")?;
    // SAFETY: reads the live session.
    let n = unsafe { ffi::SSL_SESSION_get_ticket_lifetime_hint(s.sess.as_ptr()) };
    Ok(context::from_u64(vm, n as u64))
}

fn sess_id(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = sess_this(vm, a, "id")?;
    let id = s.sess.id().to_vec();
    Ok(vm.new_bytes(&id))
}

fn sess_has_ticket(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = sess_this(vm, a, "has_ticket")?;
    // SAFETY: reads the live session.
    let n = unsafe { ffi::SSL_SESSION_has_ticket(s.sess.as_ptr()) };
    Ok(Value::bool(n != 0))
}

/// `==`/`!=` compare session ids, as CPython's `PySSLSession_richcompare`.
fn sess_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = sess_this(vm, a, "__eq__")?;
    match a.get(1).copied().and_then(session_state) {
        Some(t) => Ok(Value::bool(s.sess.id() == t.sess.id())),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn sess_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = sess_this(vm, a, "__ne__")?;
    match a.get(1).copied().and_then(session_state) {
        Some(t) => Ok(Value::bool(s.sess.id() != t.sess.id())),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

pub(super) fn init_session_type(vm: &mut Vm, t: Value) {
    vm.add_method(t, "__eq__", sess_eq);
    vm.add_method(t, "__ne__", sess_ne);
    let props: &[(&'static str, NativeFn)] = &[
        ("time", sess_time),
        ("timeout", sess_timeout),
        ("ticket_lifetime_hint", sess_lifetime),
        ("id", sess_id),
        ("has_ticket", sess_has_ticket),
    ];
    for &(n, g) in props {
        let p = vm.new_native_getset(t, n, g, None);
        vm.add_attr(t, n, p);
    }
}
