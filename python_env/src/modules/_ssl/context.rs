//! `_ssl._SSLContext`: an OpenSSL `SSL_CTX` with CPython 3.11's defaults
//! (options, verification, host flags, session id context) and its
//! configuration methods; `_wrap_socket`/`_wrap_bio` make `_SSLSocket`s.
//!
//! The `SSL_CTX` is changed under the payload's mutex through a
//! `SslContextBuilder` that aliases it (`with_builder`); OpenSSL allows
//! configuring a context after connections were made from it, as CPython
//! does. Python values (the SNI callback, the keylog file name) live in
//! the object's value slots.

use super::errors::{self, from_stack, from_stack_os};
use super::{ffi, fs_path, path_of, types};
use engine::runtime::*;
use foreign_types::{ForeignType, ForeignTypeRef};
use openssl::ssl::{SslContext, SslContextBuilder, SslMethod, SslMode, SslOptions, SslVerifyMode};
use openssl::x509::verify::{X509CheckFlags, X509VerifyFlags};
use openssl::x509::X509;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Arc, AtomicBool, AtomicU32, Mutex, Ordering};
use proto_core::{Obj, Value};
use std::mem::ManuallyDrop;

pub(super) const PROTOCOL_TLS: i32 = 2;
pub(super) const PROTOCOL_TLSV1: i32 = 3;
pub(super) const PROTOCOL_TLSV1_1: i32 = 4;
pub(super) const PROTOCOL_TLSV1_2: i32 = 5;
pub(super) const PROTOCOL_TLS_CLIENT: i32 = 16;
pub(super) const PROTOCOL_TLS_SERVER: i32 = 17;

const PROTO_MINIMUM_SUPPORTED: i64 = -2;
const PROTO_MAXIMUM_SUPPORTED: i64 = -1;
const PROTO_SSLV3: i64 = 0x300;
const PROTO_TLSV1_3: i64 = 0x304;

/// CPython's default options: OP_ALL | OP_NO_SSLv3 | OP_NO_COMPRESSION |
/// OP_CIPHER_SERVER_PREFERENCE | OP_ENABLE_MIDDLEBOX_COMPAT |
/// OP_IGNORE_UNEXPECTED_EOF (Debian's CPython 3.11).
const DEFAULT_OPTIONS: u64 = 0x8252_00D0;

// SSL_CTX_ctrl commands.
const CTRL_SET_MIN_PROTO: i32 = 123;
const CTRL_SET_MAX_PROTO: i32 = 124;
const CTRL_GET_MIN_PROTO: i32 = 130;
const CTRL_GET_MAX_PROTO: i32 = 131;

// Value slots.
pub(super) const S_SNI: usize = 0;
pub(super) const S_MSG: usize = 1;
const S_KEYLOG: usize = 2;
const NSLOTS: usize = 3;

pub(super) fn slot(o: Obj, i: usize) -> usize {
    o.n_values() - NSLOTS + i
}

pub(super) struct CtxState {
    pub ctx: Mutex<SslContext>,
    pub protocol: i32,
    pub check_hostname: AtomicBool,
    pub post_handshake_auth: AtomicBool,
    pub hostflags: AtomicU32,
    /// The ALPN protocols in wire format, read by the server's select
    /// callback.
    alpn: Arc<Mutex<Vec<u8>>>,
    /// The keylog file, appended to by OpenSSL's keylog callback.
    keylog: Arc<Mutex<Option<std::fs::File>>>,
}

impl Trace for CtxState {}

pub(super) fn state(v: Value) -> Option<&'static CtxState> {
    Obj::from_value(v).and_then(native_ref::<CtxState>)
}

fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<(Obj, &'static CtxState)> {
    if let Some(&v) = a.first() {
        if let Some(s) = state(v) {
            return Ok((Obj::from_value(v).expect("ctx"), s));
        }
    }
    let tn = a
        .first()
        .map_or("nothing".to_owned(), |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{name}' for '_ssl._SSLContext' objects doesn't apply to a '{tn}' object"
    )))
}

/// Runs `f` on a builder aliasing the context's `SSL_CTX`, under its mutex.
pub(super) fn with_builder<R>(st: &CtxState, f: impl FnOnce(&mut SslContextBuilder) -> R) -> R {
    let g = sync::lock(&st.ctx);
    // SAFETY: the builder aliases the SSL_CTX that `g` owns and keeps alive
    // for this call; ManuallyDrop keeps it from freeing the context; the
    // mutex makes this the only writer.
    let mut b = ManuallyDrop::new(unsafe { SslContextBuilder::from_ptr(g.as_ptr()) });
    f(&mut b)
}

/// The context's `SSL_CTX` pointer users (under the mutex).
fn with_ctx<R>(st: &CtxState, f: impl FnOnce(&SslContext) -> R) -> R {
    let g = sync::lock(&st.ctx);
    f(&g)
}

fn ctx_ctrl(st: &CtxState, cmd: i32, larg: i64) -> i64 {
    // SAFETY: SSL_CTX_ctrl with integer commands that take no pointer.
    with_ctx(st, |c| unsafe {
        openssl_sys::SSL_CTX_ctrl(c.as_ptr(), cmd, larg as libc::c_long, std::ptr::null_mut())
    })
}

/// A Python int for an unsigned 64-bit value.
pub(super) fn from_u64(vm: &mut Vm, u: u64) -> Value {
    match i64::try_from(u) {
        Ok(i) => Value::int(i),
        Err(_) => vm.new_bigint(num_bigint::BigInt::from(u)),
    }
}

/// An int argument taken modulo 2**64 (C's conversion to unsigned long).
fn to_u64_wrapping(vm: &mut Vm, v: Value) -> PyResult<u64> {
    let v = vm.index(v)?;
    let Some(b) = vm.as_bigint(v) else {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("an integer is required (got type {tn})")));
    };
    let m = num_bigint::BigInt::from(1u8) << 64;
    let r = ((b % &m) + &m) % &m;
    Ok(u64::try_from(r).unwrap_or(0))
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    crate::args::c_long(vm, v)
}

// ------------------------------------------------------------------ new

fn ctx_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a.first().copied().unwrap_or(types().ctx);
    let [proto] =
        crate::types::clinic::unpack(vm, "_SSLContext", &a[1..], k, ["protocol"], 1, 1, 1)?;
    let protocol = crate::args::c_int(vm, proto.unwrap_or(Value::NONE))?;
    let method = match protocol {
        PROTOCOL_TLS => {
            let c = vm.g.e.DeprecationWarning;
            vm.warn(c, "ssl.PROTOCOL_TLS is deprecated", 2)?;
            SslMethod::tls()
        }
        PROTOCOL_TLSV1 | PROTOCOL_TLSV1_1 | PROTOCOL_TLSV1_2 => {
            let n = match protocol {
                PROTOCOL_TLSV1 => "ssl.PROTOCOL_TLSv1 is deprecated",
                PROTOCOL_TLSV1_1 => "ssl.PROTOCOL_TLSv1_1 is deprecated",
                _ => "ssl.PROTOCOL_TLSv1_2 is deprecated",
            };
            let c = vm.g.e.DeprecationWarning;
            vm.warn(c, n, 2)?;
            SslMethod::tls()
        }
        PROTOCOL_TLS_CLIENT => SslMethod::tls_client(),
        PROTOCOL_TLS_SERVER => SslMethod::tls_server(),
        _ => {
            return Err(vm.value_error(&format!(
                "invalid or unsupported protocol version {protocol}"
            )))
        }
    };
    let mut b = match SslContextBuilder::new(method) {
        Ok(b) => b,
        Err(e) => return Err(from_stack(vm, &e, 3160)),
    };
    let fixed = match protocol {
        PROTOCOL_TLSV1 => Some(openssl::ssl::SslVersion::TLS1),
        PROTOCOL_TLSV1_1 => Some(openssl::ssl::SslVersion::TLS1_1),
        PROTOCOL_TLSV1_2 => Some(openssl::ssl::SslVersion::TLS1_2),
        _ => None,
    };
    if let Some(v) = fixed {
        let _ = b.set_min_proto_version(Some(v));
        let _ = b.set_max_proto_version(Some(v));
    }
    let client = protocol == PROTOCOL_TLS_CLIENT;
    b.clear_options(SslOptions::all());
    b.set_options(SslOptions::from_bits_retain(DEFAULT_OPTIONS));
    b.set_mode(SslMode::ACCEPT_MOVING_WRITE_BUFFER | SslMode::AUTO_RETRY);
    // Debian builds CPython with OpenSSL's default cipher list
    // (`_DEFAULT_CIPHERS`), which the context starts with.
    let _ = b.set_session_id_context(b"Python");
    b.set_verify(if client {
        SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT
    } else {
        SslVerifyMode::NONE
    });
    let _ = b
        .verify_param_mut()
        .set_flags(X509VerifyFlags::TRUSTED_FIRST);
    b.verify_param_mut()
        .set_hostflags(X509CheckFlags::NO_PARTIAL_WILDCARDS);
    let alpn: Arc<Mutex<Vec<u8>>> = Arc::new(Mutex::new(Vec::new()));
    let a2 = alpn.clone();
    b.set_alpn_select_callback(move |_, client_protos| {
        let server = sync::lock(&a2);
        // SSL_select_next_proto over the server's list (server preference).
        select_next_proto(&server, client_protos).ok_or(openssl::ssl::AlpnError::NOACK)
    });
    let ctx = b.build();
    let co = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE);
    let Some(co) = co else {
        return Err(vm.type_error("_SSLContext.__new__(X): X is not a type object"));
    };
    let n = 1 + type_nslots(co) + NSLOTS;
    let v = vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        n,
        CtxState {
            ctx: Mutex::new(ctx),
            protocol,
            check_hostname: AtomicBool::new(client),
            post_handshake_auth: AtomicBool::new(false),
            hostflags: AtomicU32::new(X509CheckFlags::NO_PARTIAL_WILDCARDS.bits()),
            alpn,
            keylog: Arc::new(Mutex::new(None)),
        },
    );
    let o = Obj::from_value(v).expect("ctx");
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
    Ok(v)
}

/// The first of the server's protocols the client offers (both in wire
/// format), borrowed from the client's list.
fn select_next_proto<'a>(server: &[u8], client: &'a [u8]) -> Option<&'a [u8]> {
    let mut i = 0;
    while i < server.len() {
        let n = server[i] as usize;
        let want = server.get(i + 1..i + 1 + n)?;
        let mut j = 0;
        while j < client.len() {
            let m = client[j] as usize;
            let have = client.get(j + 1..j + 1 + m)?;
            if have == want {
                return Some(have);
            }
            j += 1 + m;
        }
        i += 1 + n;
    }
    None
}

// ------------------------------------------------------------------ properties

fn get_protocol(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "protocol")?;
    Ok(Value::int(i64::from(s.protocol)))
}

fn get_options(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "options")?;
    let o = with_builder(s, |b| b.options().bits());
    Ok(from_u64(vm, o))
}

fn set_options(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "options")?;
    let v = value_arg(vm, a)?;
    let new = to_u64_wrapping(vm, v)?;
    let cur = with_builder(s, |b| b.options().bits());
    // OP_NO_SSLv2 | OP_NO_SSLv3 | OP_NO_TLSv1 | OP_NO_TLSv1_1 | OP_NO_TLSv1_2 | OP_NO_TLSv1_3
    const OPT_NO: u64 = 0x0200_0000 | 0x0400_0000 | 0x1000_0000 | 0x0800_0000 | 0x2000_0000;
    if (!cur & new) & OPT_NO != 0 {
        let c = vm.g.e.DeprecationWarning;
        vm.warn(c, "ssl.OP_NO_SSL*/ssl.OP_NO_TLS* options are deprecated", 2)?;
    }
    with_builder(s, |b| {
        let cur = b.options().bits();
        let clear = cur & !new;
        let set = !cur & new;
        b.clear_options(SslOptions::from_bits_retain(clear));
        b.set_options(SslOptions::from_bits_retain(set));
    });
    Ok(Value::NONE)
}

fn value_arg(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    match a.get(1) {
        Some(&v) => Ok(v),
        None => Err(vm.type_error("can't delete attribute")),
    }
}

fn get_verify_mode(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "verify_mode")?;
    let m = with_ctx(s, |c| c.verify_mode());
    Ok(Value::int(verify_mode_int(m)))
}

pub(super) fn verify_mode_int(m: SslVerifyMode) -> i64 {
    if m.contains(SslVerifyMode::FAIL_IF_NO_PEER_CERT) {
        2
    } else if m.contains(SslVerifyMode::PEER) {
        1
    } else {
        0
    }
}

fn set_verify_mode_int(vm: &mut Vm, s: &CtxState, n: i64) -> PyResult<()> {
    let mode = match n {
        0 => SslVerifyMode::NONE,
        1 => SslVerifyMode::PEER,
        2 => SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT,
        _ => return Err(vm.value_error("invalid value for verify_mode")),
    };
    if n == 0 && s.check_hostname.load(Ordering::Relaxed) {
        return Err(
            vm.value_error("Cannot set verify_mode to CERT_NONE when check_hostname is enabled.")
        );
    }
    with_builder(s, |b| b.set_verify(mode));
    Ok(())
}

fn set_verify_mode(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "verify_mode")?;
    let v = value_arg(vm, a)?;
    let n = int_arg(vm, v)?;
    set_verify_mode_int(vm, s, n)?;
    Ok(Value::NONE)
}

fn get_verify_flags(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "verify_flags")?;
    let f = with_builder(s, |b| b.verify_param_mut().flags().bits());
    Ok(Value::int(f as i64))
}

fn set_verify_flags(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "verify_flags")?;
    let v = value_arg(vm, a)?;
    let new = to_u64_wrapping(vm, v)? as libc::c_ulong;
    let ok = with_builder(s, |b| {
        let p = b.verify_param_mut();
        let cur = p.flags().bits() as libc::c_ulong;
        let clear = cur & !new;
        let set = !cur & new;
        // SAFETY: `p` is the context's live X509_VERIFY_PARAM.
        unsafe {
            (clear == 0 || openssl_sys::X509_VERIFY_PARAM_clear_flags(p.as_ptr(), clear) == 1)
                && (set == 0 || openssl_sys::X509_VERIFY_PARAM_set_flags(p.as_ptr(), set) == 1)
        }
    });
    if !ok {
        let e = openssl::error::ErrorStack::get();
        return Err(from_stack(vm, &e, 3700));
    }
    Ok(Value::NONE)
}

fn get_check_hostname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "check_hostname")?;
    Ok(Value::bool(s.check_hostname.load(Ordering::Relaxed)))
}

fn set_check_hostname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "check_hostname")?;
    let v = value_arg(vm, a)?;
    let on = vm.truthy(v)?;
    if on && with_ctx(s, |c| c.verify_mode()) == SslVerifyMode::NONE {
        set_verify_mode_int(vm, s, 2)?;
    }
    s.check_hostname.store(on, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn get_host_flags(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "_host_flags")?;
    Ok(Value::int(i64::from(s.hostflags.load(Ordering::Relaxed))))
}

fn set_host_flags(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "_host_flags")?;
    let v = value_arg(vm, a)?;
    let f = to_u64_wrapping(vm, v)? as u32;
    with_builder(s, |b| {
        b.verify_param_mut()
            .set_hostflags(X509CheckFlags::from_bits_retain(f as _))
    });
    s.hostflags.store(f, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn get_version(vm: &mut Vm, a: &[Value], max: bool) -> PyResult<Value> {
    let (_, s) = this(
        vm,
        a,
        if max {
            "maximum_version"
        } else {
            "minimum_version"
        },
    )?;
    let v = ctx_ctrl(
        s,
        if max {
            CTRL_GET_MAX_PROTO
        } else {
            CTRL_GET_MIN_PROTO
        },
        0,
    );
    Ok(Value::int(if v == 0 {
        if max {
            PROTO_MAXIMUM_SUPPORTED
        } else {
            PROTO_MINIMUM_SUPPORTED
        }
    } else {
        v
    }))
}

fn set_version(vm: &mut Vm, a: &[Value], max: bool) -> PyResult<Value> {
    let (_, s) = this(
        vm,
        a,
        if max {
            "maximum_version"
        } else {
            "minimum_version"
        },
    )?;
    let v = value_arg(vm, a)?;
    let mut n = int_arg(vm, v)?;
    if !matches!(
        s.protocol,
        PROTOCOL_TLS | PROTOCOL_TLS_CLIENT | PROTOCOL_TLS_SERVER
    ) {
        return Err(vm.value_error(
            "The context's protocol doesn't support modification of highest and lowest version.",
        ));
    }
    if !((PROTO_SSLV3..=PROTO_TLSV1_3).contains(&n)
        || n == PROTO_MINIMUM_SUPPORTED
        || n == PROTO_MAXIMUM_SUPPORTED)
    {
        return Err(vm.value_error(&format!("Unsupported TLS/SSL version 0x{n:x}")));
    }
    let dep = match n {
        0x300 => Some("ssl.TLSVersion.SSLv3 is deprecated"),
        0x301 => Some("ssl.TLSVersion.TLSv1 is deprecated"),
        0x302 => Some("ssl.TLSVersion.TLSv1_1 is deprecated"),
        _ => None,
    };
    if let Some(m) = dep {
        let c = vm.g.e.DeprecationWarning;
        vm.warn(c, m, 2)?;
    }
    if max {
        n = match n {
            PROTO_MAXIMUM_SUPPORTED => 0,
            PROTO_MINIMUM_SUPPORTED => PROTO_SSLV3,
            x => x,
        };
    } else {
        n = match n {
            PROTO_MINIMUM_SUPPORTED => 0,
            PROTO_MAXIMUM_SUPPORTED => PROTO_TLSV1_3,
            x => x,
        };
    }
    let r = ctx_ctrl(
        s,
        if max {
            CTRL_SET_MAX_PROTO
        } else {
            CTRL_SET_MIN_PROTO
        },
        n,
    );
    if r == 0 {
        // SAFETY: drops the error OpenSSL queued.
        unsafe { openssl_sys::ERR_clear_error() };
        return Err(vm.value_error(&format!("Unsupported protocol version 0x{n:x}")));
    }
    Ok(Value::NONE)
}

fn get_min(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    get_version(vm, a, false)
}
fn get_max(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    get_version(vm, a, true)
}
fn set_min(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    set_version(vm, a, false)
}
fn set_max(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    set_version(vm, a, true)
}

fn get_num_tickets(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "num_tickets")?;
    Ok(Value::int(with_ctx(s, |c| c.num_tickets()) as i64))
}

fn set_num_tickets(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "num_tickets")?;
    let v = value_arg(vm, a)?;
    let n = crate::args::py_ssize_t(vm, v)?;
    if n < 0 {
        return Err(vm.value_error("value must be non-negative"));
    }
    if s.protocol != PROTOCOL_TLS_SERVER {
        return Err(vm.value_error("SSLContext is not a server context."));
    }
    if with_builder(s, |b| b.set_num_tickets(n as usize)).is_err() {
        return Err(vm.value_error("failed to set num tickets."));
    }
    Ok(Value::NONE)
}

fn get_security_level(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "security_level")?;
    Ok(Value::int(i64::from(with_ctx(s, |c| c.security_level()))))
}

fn get_pha(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "post_handshake_auth")?;
    Ok(Value::bool(s.post_handshake_auth.load(Ordering::Relaxed)))
}

fn set_pha(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "post_handshake_auth")?;
    let v = value_arg(vm, a)?;
    let on = vm.truthy(v)?;
    s.post_handshake_auth.store(on, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn get_sni(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a, "sni_callback")?;
    Ok(o.get(slot(o, S_SNI)))
}

fn set_sni(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, s) = this(vm, a, "sni_callback")?;
    let v = value_arg(vm, a)?;
    if s.protocol == PROTOCOL_TLS_CLIENT {
        return Err(vm.value_error("sni_callback cannot be set on TLS_CLIENT context"));
    }
    if !v.is_none() && !vm.is_callable(v) {
        return Err(vm.type_error("not a callable object"));
    }
    vm.store(o, slot(o, S_SNI), v);
    let cb: Option<
        unsafe extern "C" fn(
            *mut openssl_sys::SSL,
            *mut libc::c_int,
            *mut libc::c_void,
        ) -> libc::c_int,
    > = if v.is_none() {
        None
    } else {
        Some(super::socket::sni_callback)
    };
    // SAFETY: installs (or removes) a callback of the right signature on
    // the live SSL_CTX; the callback finds its state through the thread's
    // current SSL operation, not through the argument.
    with_ctx(s, |c| unsafe {
        openssl_sys::SSL_CTX_set_tlsext_servername_callback__fixed_rust(c.as_ptr(), cb)
    });
    Ok(Value::NONE)
}

fn get_msg_cb(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a, "_msg_callback")?;
    Ok(o.get(slot(o, S_MSG)))
}

/// `_msg_callback = f`: OpenSSL's message callback calls
/// `f(conn, direction, version, content_type, msg_type, data)` for every
/// TLS message (see `socket::msg_callback`); None removes it.
fn set_msg_cb(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, s) = this(vm, a, "_msg_callback")?;
    let v = value_arg(vm, a)?;
    if !v.is_none() && !vm.is_callable(v) {
        let r = vm.repr(v)?;
        let r = String::from_utf8_lossy(str_bytes(r)).into_owned();
        return Err(vm.type_error(&format!("{r} is not callable.")));
    }
    vm.store(o, slot(o, S_MSG), v);
    let cb: ffi::msg_cb = if v.is_none() {
        None
    } else {
        Some(super::socket::msg_callback)
    };
    // SAFETY: installs (or removes) a callback of the right signature on the
    // live SSL_CTX; it finds its state through the thread's current SSL
    // operation.
    with_ctx(s, |c| unsafe {
        ffi::SSL_CTX_set_msg_callback(c.as_ptr(), cb)
    });
    Ok(Value::NONE)
}

fn get_keylog(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this(vm, a, "keylog_filename")?;
    Ok(o.get(slot(o, S_KEYLOG)))
}

/// `keylog_filename = path`: appends NSS key log lines to the file
/// (header written when the file is new), as CPython's keylog callback.
fn set_keylog(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, s) = this(vm, a, "keylog_filename")?;
    let v = value_arg(vm, a)?;
    if v.is_none() {
        *sync::lock(&s.keylog) = None;
        with_builder(s, |b| b.set_keylog_callback(|_, _| {}));
        vm.store(o, slot(o, S_KEYLOG), v);
        return Ok(Value::NONE);
    }
    let p = fs_path(vm, v)?;
    let f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path_of(&p));
    let mut f = match f {
        Ok(f) => f,
        Err(e) => {
            return Err(crate::modules::_io::os_error(
                vm,
                e.raw_os_error().unwrap_or(libc::EIO),
                Some(v),
            ))
        }
    };
    if f.metadata().map(|m| m.len() == 0).unwrap_or(false) {
        use std::io::Write;
        let _ = f.write_all(b"# TLS secrets log file, generated by OpenSSL / Python\n");
    }
    *sync::lock(&s.keylog) = Some(f);
    let kl = s.keylog.clone();
    with_builder(s, |b| {
        b.set_keylog_callback(move |_, line| {
            use std::io::Write;
            if let Some(f) = sync::lock(&kl).as_mut() {
                let _ = f.write_all(format!("{line}\n").as_bytes());
            }
        })
    });
    vm.store(o, slot(o, S_KEYLOG), v);
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ methods

fn set_ciphers(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "set_ciphers")?;
    crate::args::check_method(vm, "set_ciphers", a, k, 1, 1)?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("set_ciphers() argument must be str, not {tn}")));
    }
    let c = String::from_utf8_lossy(str_bytes(a[1])).into_owned();
    if c.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    if with_builder(s, |b| b.set_cipher_list(&c)).is_err() {
        return Err(errors::plain(vm, "No cipher can be selected."));
    }
    Ok(Value::NONE)
}

/// One cipher as CPython's `cipher_to_dict`.
pub(super) fn cipher_dict(vm: &mut Vm, c: &openssl::ssl::SslCipherRef) -> PyResult<Value> {
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let p = c.as_ptr();
    // SAFETY: `p` is a live SSL_CIPHER (static in OpenSSL's tables).
    let (id, kx, auth, aead) = unsafe {
        (
            ffi::SSL_CIPHER_get_id(p),
            ffi::SSL_CIPHER_get_kx_nid(p),
            ffi::SSL_CIPHER_get_auth_nid(p),
            ffi::SSL_CIPHER_is_aead(p),
        )
    };
    let bits = c.bits();
    let nid_name = |n: i32| -> Option<&'static str> {
        if n == 0 {
            None
        } else {
            openssl::nid::Nid::from_raw(n).long_name().ok()
        }
    };
    let items: Vec<(&str, Option<String>, Option<i64>)> = vec![
        ("id", None, Some(i64::from(id))),
        ("name", Some(c.name().to_owned()), None),
        ("protocol", Some(c.version().to_owned()), None),
        (
            "description",
            Some(c.description().trim_end().to_owned()),
            None,
        ),
        ("strength_bits", None, Some(i64::from(bits.secret))),
        ("alg_bits", None, Some(i64::from(bits.algorithm))),
    ];
    for (key, sv, iv) in items {
        let v = match (sv, iv) {
            (Some(s), _) => vm.new_str(&s),
            (_, Some(i)) => Value::int(i),
            _ => Value::NONE,
        };
        let k = vm.new_str(key);
        vm.push_root(k);
        vm.dict_set_str(d, k, v);
    }
    let k = vm.new_str("aead");
    vm.push_root(k);
    vm.dict_set_str(d, k, Value::bool(aead != 0));
    let cn = c.cipher_nid().map(|n| n.as_raw()).unwrap_or(0);
    // SAFETY: `p` is a live SSL_CIPHER.
    let dn = unsafe { openssl_sys::SSL_CIPHER_get_digest_nid(p) };
    for (key, n) in [
        ("symmetric", cn),
        ("digest", dn),
        ("kea", kx),
        ("auth", auth),
    ] {
        let v = match nid_name(n) {
            Some(s) => vm.new_str(s),
            None => Value::NONE,
        };
        vm.push_root(v);
        let k = vm.new_str(key);
        vm.push_root(k);
        vm.dict_set_str(d, k, v);
    }
    vm.pop_roots(mark);
    Ok(d)
}

fn get_ciphers(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "get_ciphers")?;
    crate::args::check_method(vm, "get_ciphers", a, k, 0, 0)?;
    let ctx = with_ctx(s, |c| c.clone());
    let ssl = match openssl::ssl::Ssl::new(&ctx) {
        Ok(x) => x,
        Err(e) => return Err(from_stack(vm, &e, 2870)),
    };
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    // SAFETY: `ssl` is live; SSL_get_ciphers returns its own stack (or
    // null), valid while `ssl` lives.
    let sk = unsafe { ffi::SSL_get_ciphers(ssl.as_ptr()) };
    if !sk.is_null() {
        // SAFETY: a live stack of SSL_CIPHER owned by `ssl`.
        let st = unsafe { openssl::stack::StackRef::<openssl::ssl::SslCipher>::from_ptr(sk) };
        for c in st {
            let d = cipher_dict(vm, c)?;
            vm.list_append(l, d);
        }
    }
    vm.pop_roots(mark);
    Ok(l)
}

fn set_alpn_protocols(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "_set_alpn_protocols")?;
    crate::args::check_method(vm, "_set_alpn_protocols", a, k, 1, 1)?;
    let protos = crate::modules::_io::bytes_like(vm, a[1], "")?;
    if protos.len() > u32::MAX as usize {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "protocols longer than 4294967295 bytes",
        ));
    }
    if with_builder(s, |b| b.set_alpn_protos(&protos)).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    *sync::lock(&s.alpn) = protos;
    Ok(Value::NONE)
}

/// What the password callback needs, behind the `void *` OpenSSL hands it.
struct PwInfo {
    vm: *mut Vm,
    password: Value,
    error: Option<PyException>,
}

/// Password bytes from a str, bytes or bytearray (None: wrong type).
fn pw_bytes(vm: &mut Vm, v: Value) -> Option<Vec<u8>> {
    if is_str(v) {
        return Some(str_bytes(v).to_vec());
    }
    match Obj::from_value(v) {
        Some(o) if o.kind() == proto_core::Kind::BYTES => Some(str_bytes(v).to_vec()),
        Some(o) if o.kind() == K_BYTEARRAY => crate::types::bytes::buf(v),
        _ => {
            let _ = vm;
            None
        }
    }
}

/// CPython's `_password_callback`: calls the password callable (or uses
/// the given password) and copies it into OpenSSL's buffer.
unsafe extern "C" fn password_cb(
    buf: *mut libc::c_char,
    size: libc::c_int,
    _rw: libc::c_int,
    u: *mut libc::c_void,
) -> libc::c_int {
    // SAFETY: `u` is the PwInfo that load_cert_chain registered for the
    // duration of the OpenSSL calls that may call this, on this thread.
    let info = unsafe { &mut *u.cast::<PwInfo>() };
    if info.error.is_some() {
        return -1;
    }
    // SAFETY: the VM of the thread running load_cert_chain, which is
    // inside OpenSSL on our behalf and does not use it meanwhile.
    let vm = unsafe { &mut *info.vm };
    let pw = if vm.is_callable(info.password) {
        match vm.call(info.password, &[], Value::EMPTY) {
            Ok(v) => v,
            Err(e) => {
                info.error = Some(e);
                return -1;
            }
        }
    } else {
        info.password
    };
    let Some(bytes) = pw_bytes(vm, pw) else {
        let msg = if vm.is_callable(info.password) {
            "password callback must return a string"
        } else {
            "password should be a string or callable"
        };
        info.error = Some(vm.type_error(msg));
        return -1;
    };
    if bytes.len() > size as usize {
        info.error = Some(vm.value_error(&format!("password cannot be longer than {size} bytes")));
        return -1;
    }
    // SAFETY: OpenSSL's buffer holds `size` bytes; we copy at most that.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.cast::<u8>(), bytes.len()) };
    bytes.len() as libc::c_int
}

fn load_cert_chain(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "load_cert_chain")?;
    let [certfile, keyfile, password] = crate::types::clinic::unpack(
        vm,
        "load_cert_chain",
        &a[1..],
        k,
        ["certfile", "keyfile", "password"],
        0,
        1,
        3,
    )?;
    let certfile = certfile.unwrap_or(Value::NONE);
    let keyfile = keyfile.filter(|v| !v.is_none());
    let password = password.filter(|v| !v.is_none());
    let cert = match fs_path(vm, certfile) {
        Ok(p) => p,
        Err(_) => return Err(vm.type_error("certfile should be a valid filesystem path")),
    };
    let key = match keyfile {
        Some(kf) => match fs_path(vm, kf) {
            Ok(p) => p,
            Err(_) => return Err(vm.type_error("keyfile should be a valid filesystem path")),
        },
        None => cert.clone(),
    };
    if let Some(p) = password {
        if !vm.is_callable(p) && pw_bytes(vm, p).is_none() {
            return Err(vm.type_error("password should be a string or callable"));
        }
    }
    let mark = vm.push_root(password.unwrap_or(Value::NONE));
    let cert_c = std::ffi::CString::new(cert).expect("no NUL");
    let key_c = std::ffi::CString::new(key).expect("no NUL");
    let mut info = PwInfo {
        vm: vm as *mut Vm,
        password: password.unwrap_or(Value::NONE),
        error: None,
    };
    let g = sync::lock(&s.ctx);
    let ctxp = g.as_ptr();
    // SAFETY: `ctxp` is the live SSL_CTX owned under the held mutex; the
    // password callback and its data are set only for these calls and
    // removed before `info` goes out of scope. The callback uses the VM
    // through `info.vm` while this function does not touch `vm`.
    let (r1, r2, r3, errno) = unsafe {
        *libc::__errno_location() = 0;
        if password.is_some() {
            ffi::SSL_CTX_set_default_passwd_cb(ctxp, Some(password_cb));
            ffi::SSL_CTX_set_default_passwd_cb_userdata(ctxp, (&mut info as *mut PwInfo).cast());
        }
        let r1 = openssl_sys::SSL_CTX_use_certificate_chain_file(ctxp, cert_c.as_ptr());
        let e1 = *libc::__errno_location();
        let mut r2 = 1;
        let mut r3 = 1;
        let mut errno = e1;
        if r1 == 1 {
            *libc::__errno_location() = 0;
            r2 = openssl_sys::SSL_CTX_use_PrivateKey_file(
                ctxp,
                key_c.as_ptr(),
                openssl_sys::SSL_FILETYPE_PEM,
            );
            errno = *libc::__errno_location();
            if r2 == 1 {
                r3 = openssl_sys::SSL_CTX_check_private_key(ctxp);
            }
        }
        ffi::SSL_CTX_set_default_passwd_cb(ctxp, None);
        ffi::SSL_CTX_set_default_passwd_cb_userdata(ctxp, std::ptr::null_mut());
        (r1, r2, r3, errno)
    };
    drop(g);
    vm.pop_roots(mark);
    if let Some(e) = info.error.take() {
        // SAFETY: drops the errors OpenSSL queued for the failed read.
        unsafe { openssl_sys::ERR_clear_error() };
        return Err(e);
    }
    let fail_line = if r1 != 1 {
        Some(errors::L_CERT_CHAIN)
    } else if r2 != 1 {
        Some(errors::L_PRIVATE_KEY)
    } else if r3 != 1 {
        Some(errors::L_CHECK_KEY)
    } else {
        None
    };
    if let Some(line) = fail_line {
        let st = openssl::error::ErrorStack::get();
        if r3 == 1 && errno != 0 {
            return Err(crate::modules::_io::os_error(vm, errno, None));
        }
        return Err(from_stack(vm, &st, line));
    }
    Ok(Value::NONE)
}

/// Adds the certificates of `cadata` (PEM text or concatenated DER) to
/// the store; CPython's `_add_ca_certs`.
fn add_ca_certs(vm: &mut Vm, s: &CtxState, data: &[u8], pem: bool) -> PyResult<()> {
    let mut certs: Vec<X509> = Vec::new();
    let mut err: Option<&str> = None;
    if pem {
        match X509::stack_from_pem(data) {
            Ok(v) if !v.is_empty() => certs = v,
            _ => err = Some("no start line: cadata does not contain a certificate"),
        }
    } else {
        let mut rest = data;
        while !rest.is_empty() {
            // Length of one DER SEQUENCE: tag, then short or long length.
            let Some(n) = der_len(rest) else {
                err = Some("not enough data: cadata does not contain a certificate");
                break;
            };
            match X509::from_der(&rest[..n]) {
                Ok(c) => certs.push(c),
                Err(_) => {
                    err = Some("not enough data: cadata does not contain a certificate");
                    break;
                }
            }
            rest = &rest[n..];
        }
        if certs.is_empty() && err.is_none() {
            err = Some("not enough data: cadata does not contain a certificate");
        }
    }
    // SAFETY: drops any parse errors OpenSSL queued.
    unsafe { openssl_sys::ERR_clear_error() };
    if certs.is_empty() || (err.is_some() && !pem) {
        if let Some(e) = err {
            return Err(errors::fill(
                vm,
                errors::Exc::Ssl,
                0,
                None,
                Some(e),
                errors::L_CADATA,
                None,
            ));
        }
    }
    let r = with_builder(s, |b| {
        for c in certs {
            if let Err(e) = b.cert_store_mut().add_cert(c) {
                // X509_R_CERT_ALREADY_IN_HASH_TABLE is not an error.
                if !e
                    .errors()
                    .iter()
                    .all(|x| x.library_code() == 11 && x.reason_code() == 101)
                {
                    return Err(e);
                }
            }
        }
        Ok(())
    });
    if let Err(e) = r {
        return Err(from_stack(vm, &e, errors::L_CADATA));
    }
    Ok(())
}

/// The length of the DER element at the start of `b`.
fn der_len(b: &[u8]) -> Option<usize> {
    if b.len() < 2 {
        return None;
    }
    let l0 = b[1] as usize;
    let (len, hdr) = if l0 < 0x80 {
        (l0, 2)
    } else {
        let k = l0 & 0x7f;
        if k == 0 || k > 4 || b.len() < 2 + k {
            return None;
        }
        let mut n = 0usize;
        for &x in &b[2..2 + k] {
            n = n << 8 | x as usize;
        }
        (n, 2 + k)
    };
    let total = hdr.checked_add(len)?;
    (total <= b.len()).then_some(total)
}

fn load_verify_locations(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "load_verify_locations")?;
    let [cafile, capath, cadata] = crate::types::clinic::unpack(
        vm,
        "load_verify_locations",
        &a[1..],
        k,
        ["cafile", "capath", "cadata"],
        0,
        0,
        3,
    )?;
    let cafile = cafile.filter(|v| !v.is_none());
    let capath = capath.filter(|v| !v.is_none());
    let cadata = cadata.filter(|v| !v.is_none());
    if cafile.is_none() && capath.is_none() && cadata.is_none() {
        return Err(vm.type_error("cafile, capath and cadata cannot be all omitted"));
    }
    let file = match cafile {
        Some(v) => match fs_path(vm, v) {
            Ok(p) => Some(p),
            Err(_) => return Err(vm.type_error("cafile should be a valid filesystem path")),
        },
        None => None,
    };
    let dir = match capath {
        Some(v) => match fs_path(vm, v) {
            Ok(p) => Some(p),
            Err(_) => return Err(vm.type_error("capath should be a valid filesystem path")),
        },
        None => None,
    };
    if let Some(d) = cadata {
        if is_str(d) {
            let b = str_bytes(d);
            if !b.is_ascii() {
                return Err(
                    vm.type_error("cadata should be an ASCII string or a bytes-like object")
                );
            }
            let b = b.to_vec();
            add_ca_certs(vm, s, &b, true)?;
        } else {
            let b = match crate::types::bytes::buf(d) {
                Some(b) => b,
                None => {
                    return Err(
                        vm.type_error("cadata should be an ASCII string or a bytes-like object")
                    )
                }
            };
            add_ca_certs(vm, s, &b, false)?;
        }
    }
    if file.is_some() || dir.is_some() {
        for (p, is_file) in [(&file, true), (&dir, false)] {
            let Some(p) = p else { continue };
            if is_file {
                if let Err(e) = std::fs::metadata(path_of(p)) {
                    return Err(crate::modules::_io::os_error(
                        vm,
                        e.raw_os_error().unwrap_or(libc::EIO),
                        None,
                    ));
                }
            }
        }
        let r = with_builder(s, |b| {
            b.load_verify_locations(file.as_deref().map(path_of), dir.as_deref().map(path_of))
        });
        if let Err(e) = r {
            return Err(from_stack_os(vm, &e, errors::L_VERIFY_FILE));
        }
    }
    Ok(Value::NONE)
}

fn load_dh_params(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "load_dh_params")?;
    crate::args::check_method(vm, "load_dh_params", a, k, 1, 1)?;
    let p = fs_path(vm, a[1])?;
    if vm.auditing() {
        // CPython opens it with `_Py_fopen_obj(path, "rb")`, which raises
        // this event.
        let m = vm.new_str("rb");
        vm.audit("open", &[a[1], m, Value::int(0)])?;
    }
    let data = match std::fs::read(path_of(&p)) {
        Ok(d) => d,
        Err(e) => {
            return Err(crate::modules::_io::os_error(
                vm,
                e.raw_os_error().unwrap_or(libc::EIO),
                None,
            ))
        }
    };
    let dh = match openssl::dh::Dh::params_from_pem(&data) {
        Ok(d) => d,
        Err(e) => return Err(from_stack(vm, &e, errors::L_DH)),
    };
    if let Err(e) = with_builder(s, |b| b.set_tmp_dh(&dh)) {
        return Err(from_stack(vm, &e, errors::L_DH));
    }
    Ok(Value::NONE)
}

fn set_default_verify_paths(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "set_default_verify_paths")?;
    crate::args::check_method(vm, "set_default_verify_paths", a, k, 0, 0)?;
    if let Err(e) = with_builder(s, |b| b.set_default_verify_paths()) {
        return Err(from_stack(vm, &e, errors::L_DEFAULT_PATHS));
    }
    Ok(Value::NONE)
}

fn set_ecdh_curve(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "set_ecdh_curve")?;
    crate::args::check_method(vm, "set_ecdh_curve", a, k, 1, 1)?;
    let name = fs_path(vm, a[1])?;
    let name = String::from_utf8_lossy(&name).into_owned();
    let c = std::ffi::CString::new(name.clone()).expect("no NUL");
    // SAFETY: `c` is NUL-terminated.
    let nid = unsafe { openssl_sys::OBJ_sn2nid(c.as_ptr()) };
    if nid == 0 {
        let r = vm.repr(a[1])?;
        let r = String::from_utf8_lossy(str_bytes(r)).into_owned();
        return Err(vm.value_error(&format!("unknown elliptic curve name {r}")));
    }
    if let Err(e) = with_builder(s, |b| b.set_groups_list(&name)) {
        return Err(from_stack(vm, &e, 4330));
    }
    Ok(Value::NONE)
}

/// The certificates of the context's store (CA ones only when `ca_only`).
fn store_certs(s: &CtxState) -> Vec<(X509, bool)> {
    with_ctx(s, |c| {
        c.cert_store()
            .all_certificates()
            .into_iter()
            .map(|x| {
                // SAFETY: `x` is a live certificate.
                let ca = unsafe { ffi::X509_check_ca(x.as_ptr()) } != 0;
                (x, ca)
            })
            .collect()
    })
}

fn cert_store_stats(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "cert_store_stats")?;
    crate::args::check_method(vm, "cert_store_stats", a, k, 0, 0)?;
    let certs = store_certs(s);
    // SAFETY: counts the objects of the context's live store.
    let total = with_ctx(s, |c| unsafe {
        let sk = openssl_sys::X509_STORE_get0_objects(c.cert_store().as_ptr());
        if sk.is_null() {
            0
        } else {
            openssl_sys::OPENSSL_sk_num(sk.cast()).max(0) as usize
        }
    });
    let x509 = certs.len();
    let ca = certs.iter().filter(|c| c.1).count();
    let crl = total.saturating_sub(x509);
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    for (key, n) in [("x509", x509), ("crl", crl), ("x509_ca", ca)] {
        let k = vm.new_str(key);
        vm.push_root(k);
        vm.dict_set_str(d, k, Value::int(n as i64));
    }
    vm.pop_roots(mark);
    Ok(d)
}

fn get_ca_certs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "get_ca_certs")?;
    let [binary] =
        crate::types::clinic::unpack(vm, "get_ca_certs", &a[1..], k, ["binary_form"], 0, 0, 1)?;
    let binary = match binary {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let l = vm.new_list(&[]);
    let mark = vm.push_root(l);
    for (c, ca) in store_certs(s) {
        if !ca {
            continue;
        }
        let v = if binary {
            match c.to_der() {
                Ok(d) => vm.new_bytes(&d),
                Err(e) => {
                    vm.pop_roots(mark);
                    return Err(from_stack(vm, &e, 4400));
                }
            }
        } else {
            super::cert::decode(vm, &c)?
        };
        vm.list_append(l, v);
    }
    vm.pop_roots(mark);
    Ok(l)
}

fn session_stats(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (_, s) = this(vm, a, "session_stats")?;
    crate::args::check_method(vm, "session_stats", a, k, 0, 0)?;
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    for (key, cmd) in [
        ("number", 20),
        ("connect", 21),
        ("connect_good", 22),
        ("connect_renegotiate", 23),
        ("accept", 24),
        ("accept_good", 25),
        ("accept_renegotiate", 26),
        ("hits", 27),
        ("misses", 29),
        ("timeouts", 30),
        ("cache_full", 31),
    ] {
        let n = ctx_ctrl(s, cmd, 0);
        let k = vm.new_str(key);
        vm.push_root(k);
        vm.dict_set_str(d, k, Value::int(n));
    }
    vm.pop_roots(mark);
    Ok(d)
}

pub(super) fn init_type(vm: &mut Vm, t: Value) {
    vm.add_static(t, "__new__", ctx_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("_wrap_socket", super::socket::wrap_socket),
        ("_wrap_bio", super::socket::wrap_bio),
        ("set_ciphers", set_ciphers),
        ("get_ciphers", get_ciphers),
        ("_set_alpn_protocols", set_alpn_protocols),
        ("load_cert_chain", load_cert_chain),
        ("load_verify_locations", load_verify_locations),
        ("load_dh_params", load_dh_params),
        ("set_default_verify_paths", set_default_verify_paths),
        ("set_ecdh_curve", set_ecdh_curve),
        ("cert_store_stats", cert_store_stats),
        ("get_ca_certs", get_ca_certs),
        ("session_stats", session_stats),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let props: &[(&'static str, NativeFn, Option<NativeFn>)] = &[
        ("protocol", get_protocol, None),
        ("options", get_options, Some(set_options)),
        ("verify_mode", get_verify_mode, Some(set_verify_mode)),
        ("verify_flags", get_verify_flags, Some(set_verify_flags)),
        (
            "check_hostname",
            get_check_hostname,
            Some(set_check_hostname),
        ),
        ("_host_flags", get_host_flags, Some(set_host_flags)),
        ("minimum_version", get_min, Some(set_min)),
        ("maximum_version", get_max, Some(set_max)),
        ("num_tickets", get_num_tickets, Some(set_num_tickets)),
        ("security_level", get_security_level, None),
        ("post_handshake_auth", get_pha, Some(set_pha)),
        ("sni_callback", get_sni, Some(set_sni)),
        ("_msg_callback", get_msg_cb, Some(set_msg_cb)),
        ("keylog_filename", get_keylog, Some(set_keylog)),
    ];
    for &(n, g, s) in props {
        let p = vm.new_native_getset(t, n, g, s);
        vm.add_attr(t, n, p);
    }
}
