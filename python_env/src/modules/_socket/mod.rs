//! The `_socket` module (CPython 3.11's `Modules/socketmodule.c` on Linux),
//! on which the standard library's unmodified `socket.py` is built.
//!
//! - `sock`: the `socket` type (subclassed by `socket.socket`), its system
//!   calls, timeouts and the GC closing a forgotten socket's descriptor.
//! - `addr`: Python address objects to `sockaddr` and back (AF_INET,
//!   AF_INET6, AF_UNIX with the Linux abstract namespace).
//! - `netdb`: name resolution, address conversions, byte order, interface
//!   names and the other module functions.
//!
//! Timeouts work as in CPython: a socket with a timeout has a non-blocking
//! descriptor and waits for readiness with `poll(2)` before each call,
//! raising `TimeoutError("timed out")` (`socket.timeout`) when the
//! deadline passes; a blocking socket (timeout None) calls the kernel
//! directly. Every wait and every call that may block runs outside the
//! safepoint handshake (`ctx.blocking`, touching no Python value), so a
//! collection never waits for a thread blocked in `accept` or `recv`.
//! EINTR runs the signal handlers and retries (PEP 475); in the main
//! thread a blocking wait polls in 20 ms slices so a signal delivered to
//! any thread runs its handler promptly, as `time.sleep` does.
//!
//! Module state: the module object has value slots holding `gaierror`,
//! `herror` and the socket type, so rebinding `_socket.gaierror` does not change what the
//! functions raise and no process-wide static holds a heap value. The
//! default timeout is process-wide, as in CPython.

mod addr;
mod netdb;
mod sock;

pub(crate) use sock::fd_and_timeout;

use crate::modules::_struct::{module_state, new_module_with_state, set_module_state};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::sync::{AtomicU64, Ordering};
use proto_core::{Kind, Obj, Value};

/// Module state slots.
const STATE_GAIERROR: usize = 0;
const STATE_HERROR: usize = 1;
const STATE_SOCKET: usize = 2;
const N_STATE: usize = 3;

const MODULE_DOC: &str = "Implementation module for socket operations.

See the socket module for documentation.";

// ------------------------------------------------------------------ errors

/// The calling thread's `errno`.
pub(crate) fn last_errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// `OSError(errno, strerror(errno))`; the constructor picks the subclass
/// (ConnectionRefusedError, BlockingIOError...).
pub(crate) fn os_error(vm: &mut Vm, errno: i32) -> PyException {
    crate::modules::_io::os_error(vm, errno, None)
}

/// An exception of class `cls` with arguments `(code, text)`.
fn coded_error(vm: &mut Vm, cls: Value, code: i32, text: &str) -> PyException {
    let msg = vm.new_str(text);
    let mark = vm.push_root(msg);
    let r = match vm.call(cls, &[Value::int(i64::from(code)), msg], Value::EMPTY) {
        Ok(e) => PyException(e),
        Err(e) => e,
    };
    vm.pop_roots(mark);
    r
}

/// The C string at `p` (a static message of the C library).
fn static_text(p: *const libc::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: gai_strerror and hstrerror return static NUL-terminated
    // strings.
    unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .into_owned()
}

/// `socket.gaierror(code, gai_strerror(code))`.
pub(crate) fn gai_error(vm: &mut Vm, code: i32) -> PyException {
    let cls = match module_state(vm, "_socket", STATE_GAIERROR) {
        Ok(c) => c,
        Err(e) => return e,
    };
    // SAFETY: gai_strerror takes any int and returns a static string.
    let text = static_text(unsafe { libc::gai_strerror(code) });
    coded_error(vm, cls, code, &text)
}

/// `socket.herror(code, hstrerror(code))`.
pub(crate) fn h_error(vm: &mut Vm, code: i32) -> PyException {
    let cls = match module_state(vm, "_socket", STATE_HERROR) {
        Ok(c) => c,
        Err(e) => return e,
    };
    // SAFETY: hstrerror takes any int and returns a static string.
    let text = static_text(unsafe { libc::hstrerror(code) });
    coded_error(vm, cls, code, &text)
}

/// `TimeoutError("timed out")` (`socket.timeout`).
pub(crate) fn timeout_error(vm: &mut Vm) -> PyException {
    let cls =
        vm.g.exc
            .get("TimeoutError")
            .copied()
            .unwrap_or(vm.g.e.OSError);
    vm.new_exc(cls, "timed out")
}

// ------------------------------------------------------------------ timeouts

/// Default timeout of new sockets in nanoseconds, -1 for None
/// (`setdefaulttimeout`); process-wide as in CPython.
static DEFAULT_TIMEOUT: AtomicU64 = AtomicU64::new(u64::MAX);

pub(crate) fn default_timeout() -> i64 {
    DEFAULT_TIMEOUT.load(Ordering::Relaxed) as i64
}

pub(crate) fn set_default_timeout(ns: i64) {
    DEFAULT_TIMEOUT.store(ns as u64, Ordering::Relaxed);
}

/// `socket_parse_timeout`: None is -1 (blocking); a number of seconds,
/// rounded up to whole nanoseconds, must not be negative.
pub(crate) fn parse_timeout(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_none() {
        return Ok(-1);
    }
    let ns = if let Some(ops::Num::F(d)) = vm.num(v) {
        if d.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let x = (d * 1e9).ceil();
        if x < 0.0 {
            return Err(vm.value_error("Timeout value out of range"));
        }
        if x >= 9.2e18 {
            return Err(vm.new_exc(
                vm.g.e.OverflowError,
                "timestamp too large to convert to C _PyTime_t",
            ));
        }
        x as i64
    } else {
        let i = vm.index(v)?;
        match vm.as_i64(i).map(|s| s.checked_mul(1_000_000_000)) {
            Some(Some(ns)) if ns >= 0 => ns,
            Some(Some(_)) => return Err(vm.value_error("Timeout value out of range")),
            _ => {
                let neg = vm
                    .as_bigint(i)
                    .is_some_and(|b| b.sign() == num_bigint::Sign::Minus);
                if neg {
                    return Err(vm.value_error("Timeout value out of range"));
                }
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "timestamp too large to convert to C _PyTime_t",
                ));
            }
        }
    };
    Ok(ns)
}

/// A timeout as Python sees it: None or float seconds.
pub(crate) fn timeout_value(vm: &mut Vm, ns: i64) -> Value {
    if ns < 0 {
        return Value::NONE;
    }
    let secs = if ns % 1_000_000_000 == 0 {
        (ns / 1_000_000_000) as f64
    } else {
        ns as f64 / 1e9
    };
    vm.new_float(secs)
}

// ------------------------------------------------------------------ constants

/// Integer constants of the module (Linux values from the C library;
/// literals where the libc crate does not define the name).
fn int_constants() -> Vec<(&'static str, i64)> {
    use libc::*;
    vec![
        ("AF_APPLETALK", AF_APPLETALK as i64),
        ("AF_ASH", AF_ASH as i64),
        ("AF_ATMPVC", AF_ATMPVC as i64),
        ("AF_ATMSVC", AF_ATMSVC as i64),
        ("AF_AX25", AF_AX25 as i64),
        ("AF_BRIDGE", AF_BRIDGE as i64),
        ("AF_DECnet", AF_DECnet as i64),
        ("AF_ECONET", AF_ECONET as i64),
        ("AF_INET", AF_INET as i64),
        ("AF_INET6", AF_INET6 as i64),
        ("AF_IPX", AF_IPX as i64),
        ("AF_IRDA", AF_IRDA as i64),
        ("AF_KEY", AF_KEY as i64),
        ("AF_LLC", AF_LLC as i64),
        ("AF_NETBEUI", AF_NETBEUI as i64),
        ("AF_NETLINK", AF_NETLINK as i64),
        ("AF_NETROM", AF_NETROM as i64),
        ("AF_PACKET", AF_PACKET as i64),
        ("AF_PPPOX", AF_PPPOX as i64),
        ("AF_ROSE", AF_ROSE as i64),
        ("AF_ROUTE", AF_ROUTE as i64),
        ("AF_SECURITY", AF_SECURITY as i64),
        ("AF_SNA", AF_SNA as i64),
        ("AF_UNIX", AF_UNIX as i64),
        ("AF_UNSPEC", AF_UNSPEC as i64),
        ("AF_WANPIPE", AF_WANPIPE as i64),
        ("AF_X25", AF_X25 as i64),
        ("AI_ADDRCONFIG", AI_ADDRCONFIG as i64),
        ("AI_ALL", AI_ALL as i64),
        ("AI_CANONNAME", AI_CANONNAME as i64),
        ("AI_NUMERICHOST", AI_NUMERICHOST as i64),
        ("AI_NUMERICSERV", AI_NUMERICSERV as i64),
        ("AI_PASSIVE", AI_PASSIVE as i64),
        ("AI_V4MAPPED", AI_V4MAPPED as i64),
        ("EAI_ADDRFAMILY", -9),
        ("EAI_AGAIN", EAI_AGAIN as i64),
        ("EAI_BADFLAGS", EAI_BADFLAGS as i64),
        ("EAI_FAIL", EAI_FAIL as i64),
        ("EAI_FAMILY", EAI_FAMILY as i64),
        ("EAI_MEMORY", EAI_MEMORY as i64),
        ("EAI_NODATA", EAI_NODATA as i64),
        ("EAI_NONAME", EAI_NONAME as i64),
        ("EAI_OVERFLOW", EAI_OVERFLOW as i64),
        ("EAI_SERVICE", EAI_SERVICE as i64),
        ("EAI_SOCKTYPE", EAI_SOCKTYPE as i64),
        ("EAI_SYSTEM", EAI_SYSTEM as i64),
        ("INADDR_ALLHOSTS_GROUP", 3758096385),
        ("INADDR_ANY", INADDR_ANY as i64),
        ("INADDR_BROADCAST", INADDR_BROADCAST as i64),
        ("INADDR_LOOPBACK", INADDR_LOOPBACK as i64),
        ("INADDR_MAX_LOCAL_GROUP", 3758096639),
        ("INADDR_NONE", INADDR_NONE as i64),
        ("INADDR_UNSPEC_GROUP", 3758096384),
        ("IPPORT_RESERVED", 1024),
        ("IPPORT_USERRESERVED", 5000),
        ("IPPROTO_AH", IPPROTO_AH as i64),
        ("IPPROTO_DSTOPTS", IPPROTO_DSTOPTS as i64),
        ("IPPROTO_EGP", IPPROTO_EGP as i64),
        ("IPPROTO_ESP", IPPROTO_ESP as i64),
        ("IPPROTO_FRAGMENT", IPPROTO_FRAGMENT as i64),
        ("IPPROTO_GRE", IPPROTO_GRE as i64),
        ("IPPROTO_HOPOPTS", IPPROTO_HOPOPTS as i64),
        ("IPPROTO_ICMP", IPPROTO_ICMP as i64),
        ("IPPROTO_ICMPV6", IPPROTO_ICMPV6 as i64),
        ("IPPROTO_IDP", IPPROTO_IDP as i64),
        ("IPPROTO_IGMP", IPPROTO_IGMP as i64),
        ("IPPROTO_IP", IPPROTO_IP as i64),
        ("IPPROTO_IPIP", IPPROTO_IPIP as i64),
        ("IPPROTO_IPV6", IPPROTO_IPV6 as i64),
        ("IPPROTO_MPTCP", IPPROTO_MPTCP as i64),
        ("IPPROTO_NONE", IPPROTO_NONE as i64),
        ("IPPROTO_PIM", IPPROTO_PIM as i64),
        ("IPPROTO_PUP", IPPROTO_PUP as i64),
        ("IPPROTO_RAW", IPPROTO_RAW as i64),
        ("IPPROTO_ROUTING", IPPROTO_ROUTING as i64),
        ("IPPROTO_RSVP", IPPROTO_RSVP as i64),
        ("IPPROTO_SCTP", IPPROTO_SCTP as i64),
        ("IPPROTO_TCP", IPPROTO_TCP as i64),
        ("IPPROTO_TP", IPPROTO_TP as i64),
        ("IPPROTO_UDP", IPPROTO_UDP as i64),
        ("IPPROTO_UDPLITE", IPPROTO_UDPLITE as i64),
        ("IPV6_CHECKSUM", IPV6_CHECKSUM as i64),
        ("IPV6_DONTFRAG", IPV6_DONTFRAG as i64),
        ("IPV6_DSTOPTS", IPV6_DSTOPTS as i64),
        ("IPV6_HOPLIMIT", IPV6_HOPLIMIT as i64),
        ("IPV6_HOPOPTS", IPV6_HOPOPTS as i64),
        ("IPV6_JOIN_GROUP", 20),
        ("IPV6_LEAVE_GROUP", 21),
        ("IPV6_MULTICAST_HOPS", IPV6_MULTICAST_HOPS as i64),
        ("IPV6_MULTICAST_IF", IPV6_MULTICAST_IF as i64),
        ("IPV6_MULTICAST_LOOP", IPV6_MULTICAST_LOOP as i64),
        ("IPV6_NEXTHOP", IPV6_NEXTHOP as i64),
        ("IPV6_PATHMTU", IPV6_PATHMTU as i64),
        ("IPV6_PKTINFO", IPV6_PKTINFO as i64),
        ("IPV6_RECVDSTOPTS", IPV6_RECVDSTOPTS as i64),
        ("IPV6_RECVHOPLIMIT", IPV6_RECVHOPLIMIT as i64),
        ("IPV6_RECVHOPOPTS", IPV6_RECVHOPOPTS as i64),
        ("IPV6_RECVPATHMTU", IPV6_RECVPATHMTU as i64),
        ("IPV6_RECVPKTINFO", IPV6_RECVPKTINFO as i64),
        ("IPV6_RECVRTHDR", IPV6_RECVRTHDR as i64),
        ("IPV6_RECVTCLASS", IPV6_RECVTCLASS as i64),
        ("IPV6_RTHDR", IPV6_RTHDR as i64),
        ("IPV6_RTHDRDSTOPTS", IPV6_RTHDRDSTOPTS as i64),
        ("IPV6_RTHDR_TYPE_0", 0),
        ("IPV6_TCLASS", IPV6_TCLASS as i64),
        ("IPV6_UNICAST_HOPS", IPV6_UNICAST_HOPS as i64),
        ("IPV6_V6ONLY", IPV6_V6ONLY as i64),
        ("IP_ADD_MEMBERSHIP", IP_ADD_MEMBERSHIP as i64),
        ("IP_BIND_ADDRESS_NO_PORT", IP_BIND_ADDRESS_NO_PORT as i64),
        (
            "IP_DEFAULT_MULTICAST_LOOP",
            IP_DEFAULT_MULTICAST_LOOP as i64,
        ),
        ("IP_DEFAULT_MULTICAST_TTL", IP_DEFAULT_MULTICAST_TTL as i64),
        ("IP_DROP_MEMBERSHIP", IP_DROP_MEMBERSHIP as i64),
        ("IP_HDRINCL", IP_HDRINCL as i64),
        ("IP_MAX_MEMBERSHIPS", 20),
        ("IP_MULTICAST_IF", IP_MULTICAST_IF as i64),
        ("IP_MULTICAST_LOOP", IP_MULTICAST_LOOP as i64),
        ("IP_MULTICAST_TTL", IP_MULTICAST_TTL as i64),
        ("IP_OPTIONS", IP_OPTIONS as i64),
        ("IP_RECVOPTS", IP_RECVOPTS as i64),
        ("IP_RECVRETOPTS", 7),
        ("IP_RECVTOS", IP_RECVTOS as i64),
        ("IP_RETOPTS", IP_RETOPTS as i64),
        ("IP_TOS", IP_TOS as i64),
        ("IP_TRANSPARENT", IP_TRANSPARENT as i64),
        ("IP_TTL", IP_TTL as i64),
        ("MSG_CMSG_CLOEXEC", MSG_CMSG_CLOEXEC as i64),
        ("MSG_CONFIRM", MSG_CONFIRM as i64),
        ("MSG_CTRUNC", MSG_CTRUNC as i64),
        ("MSG_DONTROUTE", MSG_DONTROUTE as i64),
        ("MSG_DONTWAIT", MSG_DONTWAIT as i64),
        ("MSG_EOR", MSG_EOR as i64),
        ("MSG_ERRQUEUE", MSG_ERRQUEUE as i64),
        ("MSG_FASTOPEN", MSG_FASTOPEN as i64),
        ("MSG_MORE", MSG_MORE as i64),
        ("MSG_NOSIGNAL", MSG_NOSIGNAL as i64),
        ("MSG_OOB", MSG_OOB as i64),
        ("MSG_PEEK", MSG_PEEK as i64),
        ("MSG_TRUNC", MSG_TRUNC as i64),
        ("MSG_WAITALL", MSG_WAITALL as i64),
        ("NI_DGRAM", NI_DGRAM as i64),
        ("NI_MAXHOST", NI_MAXHOST as i64),
        ("NI_MAXSERV", 32),
        ("NI_NAMEREQD", NI_NAMEREQD as i64),
        ("NI_NOFQDN", NI_NOFQDN as i64),
        ("NI_NUMERICHOST", NI_NUMERICHOST as i64),
        ("NI_NUMERICSERV", NI_NUMERICSERV as i64),
        ("SCM_CREDENTIALS", SCM_CREDENTIALS as i64),
        ("SCM_RIGHTS", SCM_RIGHTS as i64),
        ("SHUT_RD", SHUT_RD as i64),
        ("SHUT_RDWR", SHUT_RDWR as i64),
        ("SHUT_WR", SHUT_WR as i64),
        ("SOCK_CLOEXEC", SOCK_CLOEXEC as i64),
        ("SOCK_DGRAM", SOCK_DGRAM as i64),
        ("SOCK_NONBLOCK", SOCK_NONBLOCK as i64),
        ("SOCK_RAW", SOCK_RAW as i64),
        ("SOCK_RDM", SOCK_RDM as i64),
        ("SOCK_SEQPACKET", SOCK_SEQPACKET as i64),
        ("SOCK_STREAM", SOCK_STREAM as i64),
        ("SOL_IP", SOL_IP as i64),
        ("SOL_SOCKET", SOL_SOCKET as i64),
        ("SOL_TCP", SOL_TCP as i64),
        ("SOL_UDP", SOL_UDP as i64),
        ("SOMAXCONN", SOMAXCONN as i64),
        ("SO_ACCEPTCONN", SO_ACCEPTCONN as i64),
        ("SO_BINDTODEVICE", SO_BINDTODEVICE as i64),
        ("SO_BROADCAST", SO_BROADCAST as i64),
        ("SO_DEBUG", SO_DEBUG as i64),
        ("SO_DOMAIN", SO_DOMAIN as i64),
        ("SO_DONTROUTE", SO_DONTROUTE as i64),
        ("SO_ERROR", SO_ERROR as i64),
        ("SO_INCOMING_CPU", SO_INCOMING_CPU as i64),
        ("SO_KEEPALIVE", SO_KEEPALIVE as i64),
        ("SO_LINGER", SO_LINGER as i64),
        ("SO_MARK", SO_MARK as i64),
        ("SO_OOBINLINE", SO_OOBINLINE as i64),
        ("SO_PASSCRED", SO_PASSCRED as i64),
        ("SO_PASSSEC", SO_PASSSEC as i64),
        ("SO_PEERCRED", SO_PEERCRED as i64),
        ("SO_PEERSEC", SO_PEERSEC as i64),
        ("SO_PRIORITY", SO_PRIORITY as i64),
        ("SO_PROTOCOL", SO_PROTOCOL as i64),
        ("SO_RCVBUF", SO_RCVBUF as i64),
        ("SO_RCVLOWAT", SO_RCVLOWAT as i64),
        ("SO_RCVTIMEO", SO_RCVTIMEO as i64),
        ("SO_REUSEADDR", SO_REUSEADDR as i64),
        ("SO_REUSEPORT", SO_REUSEPORT as i64),
        ("SO_SNDBUF", SO_SNDBUF as i64),
        ("SO_SNDLOWAT", SO_SNDLOWAT as i64),
        ("SO_SNDTIMEO", SO_SNDTIMEO as i64),
        ("SO_TYPE", SO_TYPE as i64),
        ("TCP_CONGESTION", TCP_CONGESTION as i64),
        ("TCP_CORK", TCP_CORK as i64),
        ("TCP_DEFER_ACCEPT", TCP_DEFER_ACCEPT as i64),
        ("TCP_FASTOPEN", TCP_FASTOPEN as i64),
        ("TCP_INFO", TCP_INFO as i64),
        ("TCP_KEEPCNT", TCP_KEEPCNT as i64),
        ("TCP_KEEPIDLE", TCP_KEEPIDLE as i64),
        ("TCP_KEEPINTVL", TCP_KEEPINTVL as i64),
        ("TCP_LINGER2", TCP_LINGER2 as i64),
        ("TCP_MAXSEG", TCP_MAXSEG as i64),
        ("TCP_NODELAY", TCP_NODELAY as i64),
        ("TCP_NOTSENT_LOWAT", TCP_NOTSENT_LOWAT as i64),
        ("TCP_QUICKACK", TCP_QUICKACK as i64),
        ("TCP_SYNCNT", TCP_SYNCNT as i64),
        ("TCP_USER_TIMEOUT", TCP_USER_TIMEOUT as i64),
        ("TCP_WINDOW_CLAMP", TCP_WINDOW_CLAMP as i64),
    ]
}

// ------------------------------------------------------------------ module

/// `class NAME(bases...)` with `__module__ = 'socket'`, as
/// `PyErr_NewException("socket.NAME", base)` makes it.
fn new_exception(vm: &mut Vm, name: &str, base: Value) -> PyResult<Value> {
    vm.call_class_in_module(vm.g.types.type_, "socket", name, &[base])
}

/// Creates the `_socket` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_module_with_state(vm, "_socket", N_STATE);
    let mark = vm.push_root(m);
    let r = fill(vm, m);
    vm.pop_roots(mark);
    r.map(|_| m)
}

fn fill(vm: &mut Vm, m: Value) -> PyResult<()> {
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let os_error = vm.g.e.OSError;
    vm.set_module_attr(m, "error", os_error);
    let timeout = vm.g.exc.get("TimeoutError").copied().unwrap_or(os_error);
    vm.set_module_attr(m, "timeout", timeout);
    let herror = new_exception(vm, "herror", os_error)?;
    vm.set_module_attr(m, "herror", herror);
    set_module_state(vm, m, STATE_HERROR, herror);
    let gaierror = new_exception(vm, "gaierror", os_error)?;
    vm.set_module_attr(m, "gaierror", gaierror);
    set_module_state(vm, m, STATE_GAIERROR, gaierror);

    let t = sock::create_type(vm, m);
    vm.set_module_attr(m, "socket", t);
    vm.set_module_attr(m, "SocketType", t);
    vm.add_module_functions(m, netdb::FUNCTIONS);
    vm.set_module_attr(m, "has_ipv6", Value::TRUE);
    for (name, v) in int_constants() {
        let x = vm.new_int(v);
        vm.set_module_attr(m, name, x);
    }
    Ok(())
}
