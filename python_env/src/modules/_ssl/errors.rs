//! `_ssl`'s exception classes (`SSLError`, an OSError, and its subclasses;
//! `__module__` 'ssl') and OpenSSL errors to them with CPython 3.11's
//! messages: `[LIBRARY: REASON] text (_ssl.c:LINE)`, the `library` and
//! `reason` attributes, and `verify_code`/`verify_message` on a
//! certificate verification failure. LINE is the line of CPython's `_ssl.c`
//! that raises the same error, so messages compare equal with CPython's.

use super::types;
use engine::runtime::*;
use openssl::error::ErrorStack;
use proto_core::Value;

pub(super) const N_EXC: usize = 7;

/// (name, base indices) in creation order.
pub(super) const CLASSES: [(&str, &[usize]); N_EXC] = [
    ("SSLError", &[]),
    ("SSLZeroReturnError", &[0]),
    ("SSLWantReadError", &[0]),
    ("SSLWantWriteError", &[0]),
    ("SSLSyscallError", &[0]),
    ("SSLEOFError", &[0]),
    ("SSLCertVerificationError", &[0, usize::MAX]),
];

#[derive(Clone, Copy)]
pub(super) enum Exc {
    Ssl,
    ZeroReturn,
    WantRead,
    WantWrite,
    Syscall,
    Eof,
    CertVerification,
}

// CPython's `_ssl.c` lines of the sites raising each error.
pub(super) const L_HANDSHAKE: u32 = 992;
pub(super) const L_HANDSHAKE_TIMEOUT: u32 = 975;
pub(super) const L_WRITE: u32 = 2393;
pub(super) const L_READ: u32 = 2546;
pub(super) const L_SHUTDOWN: u32 = 2715;
pub(super) const L_CERT_CHAIN: u32 = 3874;
pub(super) const L_PRIVATE_KEY: u32 = 3895;
pub(super) const L_CHECK_KEY: u32 = 3913;
pub(super) const L_CADATA: u32 = 3989;
pub(super) const L_VERIFY_FILE: u32 = 4123;
pub(super) const L_DH: u32 = 4176;
pub(super) const L_DEFAULT_PATHS: u32 = 4242;
pub(super) const L_RAND: u32 = 5149;
pub(super) const L_PHA: u32 = 2748;

/// `SSL_ERROR_*` numbers (CPython's `py_ssl_error`).
pub(super) const E_SSL: i64 = 1;
pub(super) const E_WANT_READ: i64 = 2;
pub(super) const E_WANT_WRITE: i64 = 3;
pub(super) const E_WANT_X509_LOOKUP: i64 = 4;
pub(super) const E_SYSCALL: i64 = 5;
pub(super) const E_ZERO_RETURN: i64 = 6;
pub(super) const E_WANT_CONNECT: i64 = 7;
pub(super) const E_EOF: i64 = 8;
pub(super) const E_INVALID: i64 = 10;

pub(super) fn class(e: Exc) -> Value {
    types().exc[e as usize]
}

/// OpenSSL's library codes (`ERR_LIB_*`) and CPython's names for them.
const LIBS: &[(i32, &str)] = &[
    (2, "SYS"),
    (3, "BN"),
    (4, "RSA"),
    (5, "DH"),
    (6, "EVP"),
    (7, "BUF"),
    (8, "OBJ"),
    (9, "PEM"),
    (10, "DSA"),
    (11, "X509"),
    (13, "ASN1"),
    (14, "CONF"),
    (15, "CRYPTO"),
    (16, "EC"),
    (20, "SSL"),
    (32, "BIO"),
    (33, "PKCS7"),
    (34, "X509V3"),
    (35, "PKCS12"),
    (36, "RAND"),
    (37, "DSO"),
    (38, "ENGINE"),
    (39, "OCSP"),
    (40, "UI"),
    (41, "COMP"),
    (42, "ECDSA"),
    (43, "ECDH"),
    (44, "OSSL_STORE"),
    (45, "FIPS"),
    (46, "CMS"),
    (47, "TS"),
    (48, "HMAC"),
    (50, "CT"),
    (51, "ASYNC"),
    (52, "KDF"),
    (53, "SM2"),
    (54, "ESS"),
    (55, "PROP"),
    (56, "CRMF"),
    (57, "PROV"),
    (58, "CMP"),
    (59, "OSSL_ENCODER"),
    (60, "OSSL_DECODER"),
    (61, "HTTP"),
];

/// `ERR_RFLAG_COMMON`: reasons shared by all libraries ("PEM lib",
/// "malloc failure"), which CPython's tables do not name.
const RFLAG_COMMON: i32 = 0x80000;

/// What CPython reads of one queued OpenSSL error.
#[derive(Clone, Debug, Default)]
pub(super) struct ErrInfo {
    pub lib: Option<&'static str>,
    pub lib_code: i32,
    pub reason: Option<String>,
    pub reason_code: i32,
    /// `ERR_reason_error_string`.
    pub text: Option<String>,
}

impl ErrInfo {
    /// The last error of a stack (`ERR_peek_last_error`).
    pub(super) fn last(stack: &ErrorStack) -> Option<ErrInfo> {
        let e = stack.errors().last()?;
        let lib_code = e.library_code();
        let reason_code = e.reason_code();
        let text = e.reason().map(str::to_owned);
        let lib = LIBS.iter().find(|&&(c, _)| c == lib_code).map(|&(_, n)| n);
        let reason = if reason_code & RFLAG_COMMON != 0 || lib.is_none() {
            None
        } else {
            text.as_ref().map(|t| {
                t.chars()
                    .map(|c| {
                        if c == ' ' {
                            '_'
                        } else {
                            c.to_ascii_uppercase()
                        }
                    })
                    .collect::<String>()
            })
        };
        Some(ErrInfo {
            lib,
            lib_code,
            reason,
            reason_code,
            text,
        })
    }

    /// OpenSSL's SSL_R_UNEXPECTED_EOF_WHILE_READING error.
    pub(super) fn unexpected_eof() -> ErrInfo {
        ErrInfo {
            lib: Some("SSL"),
            lib_code: 20,
            reason: Some("UNEXPECTED_EOF_WHILE_READING".to_owned()),
            reason_code: 294,
            text: Some("unexpected eof while reading".to_owned()),
        }
    }

    /// `SSL_R_UNEXPECTED_EOF_WHILE_READING` of the SSL library.
    pub(super) fn is_unexpected_eof(&self) -> bool {
        self.lib_code == 20 && self.reason_code == 294
    }

    pub(super) fn is_cert_verify_failed(&self) -> bool {
        self.lib_code == 20 && self.reason_code == 134
    }
}

/// CPython's `fill_and_set_sslerror`: an exception of class `cls` with
/// args `(ssl_errno, message)` and the `library`/`reason` attributes (and
/// `verify_code`/`verify_message` when `verify` is given).
pub(super) fn fill(
    vm: &mut Vm,
    cls: Exc,
    ssl_errno: i64,
    info: Option<&ErrInfo>,
    errstr: Option<&str>,
    line: u32,
    verify: Option<(i64, String)>,
) -> PyException {
    let lib = info.and_then(|i| i.lib);
    let reason = info.and_then(|i| i.reason.clone());
    let errstr = errstr
        .map(str::to_owned)
        .or_else(|| info.and_then(|i| i.text.clone()))
        .unwrap_or_else(|| "unknown error".to_owned());
    let msg = match (&verify, lib, &reason) {
        (Some((_, vs)), Some(l), Some(r)) => {
            format!("[{l}: {r}] {errstr}: {vs} (_ssl.c:{line})")
        }
        (_, Some(l), Some(r)) => format!("[{l}: {r}] {errstr} (_ssl.c:{line})"),
        (_, Some(l), None) => format!("[{l}] {errstr} (_ssl.c:{line})"),
        _ => format!("{errstr} (_ssl.c:{line})"),
    };
    let m = vm.new_str(&msg);
    let mark = vm.push_root(m);
    let x = match vm.call(class(cls), &[Value::int(ssl_errno), m], Value::EMPTY) {
        Ok(e) => e,
        Err(e) => {
            vm.pop_roots(mark);
            return e;
        }
    };
    vm.push_root(x);
    let r = (|| -> PyResult<()> {
        let v = match reason {
            Some(r) => vm.new_str(&r),
            None => Value::NONE,
        };
        let k = vm.intern("reason");
        vm.setattr(x, k, v)?;
        let v = match lib {
            Some(l) => vm.new_str(l),
            None => Value::NONE,
        };
        let k = vm.intern("library");
        vm.setattr(x, k, v)?;
        if let Some((code, vs)) = verify {
            let k = vm.intern("verify_code");
            vm.setattr(x, k, Value::int(code))?;
            let v = vm.new_str(&vs);
            let k = vm.intern("verify_message");
            vm.setattr(x, k, v)?;
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    match r {
        Ok(()) => PyException(x),
        Err(e) => e,
    }
}

/// CPython's `_setSSLError(NULL, 0)`: an SSLError for the last queued
/// error, whose reason number is the errno argument.
pub(super) fn from_stack(vm: &mut Vm, stack: &ErrorStack, line: u32) -> PyException {
    let info = ErrInfo::last(stack);
    let n = info.as_ref().map_or(0, |i| i64::from(i.reason_code));
    fill(vm, Exc::Ssl, n, info.as_ref(), None, line, None)
}

/// An OSError for a system-library error of the stack (its reason is the
/// errno), else `from_stack`: what CPython raises when a file given to
/// OpenSSL cannot be read.
pub(super) fn from_stack_os(vm: &mut Vm, stack: &ErrorStack, line: u32) -> PyException {
    if let Some(e) = stack.errors().iter().find(|e| e.library_code() == 2) {
        let errno = e.reason_code() & !RFLAG_COMMON;
        if errno > 0 {
            return crate::modules::_io::os_error(vm, errno, None);
        }
    }
    from_stack(vm, stack, line)
}

/// A plain `SSLError(msg)` (CPython's `PyErr_SetString`).
pub(super) fn plain(vm: &mut Vm, msg: &str) -> PyException {
    vm.new_exc(class(Exc::Ssl), msg)
}

/// `SSLError.__str__`: the strerror when it is a str, else str(args).
fn ssl_error_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&s) = a.first() else {
        return Err(vm.type_error("__str__ needs an argument"));
    };
    let k = vm.intern("strerror");
    if let Some(v) = vm.getattr_opt(s, k)? {
        if is_str(v) {
            return Ok(v);
        }
    }
    let k = vm.intern("args");
    let args = vm.getattr(s, k)?;
    vm.str(args)
}

/// Creates the exception classes.
pub(super) fn make_classes(vm: &mut Vm) -> PyResult<[Value; N_EXC]> {
    let mut out = [Value::NONE; N_EXC];
    let modname = vm.new_str("ssl");
    let mark = vm.push_root(modname);
    for (i, &(name, bases)) in CLASSES.iter().enumerate() {
        let ns = vm.new_dict();
        vm.push_root(ns);
        let key = vm.intern("__module__");
        vm.dict_set_str(ns, key, modname);
        let n = vm.new_str(name);
        vm.push_root(n);
        let bs: Vec<Value> = if bases.is_empty() {
            vec![vm.g.e.OSError]
        } else {
            bases
                .iter()
                .map(|&j| {
                    if j == usize::MAX {
                        vm.g.e.ValueError
                    } else {
                        out[j]
                    }
                })
                .collect()
        };
        let bases = vm.new_tuple(&bs);
        vm.push_root(bases);
        let cls = vm.call(vm.g.types.type_, &[n, bases, ns], Value::EMPTY)?;
        vm.ctx.promote(cls);
        vm.ctx.add_global_root(cls);
        if i == 0 {
            vm.add_method(cls, "__str__", ssl_error_str);
        }
        out[i] = cls;
    }
    vm.pop_roots(mark);
    Ok(out)
}
