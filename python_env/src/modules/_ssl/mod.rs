//! The `_ssl` module: CPython 3.11's `Modules/_ssl.c` in Rust over OpenSSL
//! (Debian's libssl 3, through the `openssl` crate and `openssl-sys`), on
//! which the standard library's unmodified `ssl.py` runs.
//!
//! Files: `context.rs` (`_SSLContext`), `socket.rs` (`_SSLSocket`, over a
//! `_socket.socket`'s descriptor or a pair of `MemoryBIO`s, and
//! `SSLSession`), `bio.rs` (`MemoryBIO`), `cert.rs` (certificates to
//! CPython's dicts), `errors.rs` (the exception classes and OpenSSL errors
//! to them), `consts.rs` (the module constants).
//!
//! Threads. There is no GIL: each SSL connection keeps its OpenSSL `SSL`
//! object in a Rust mutex taken only around one non-blocking OpenSSL call
//! (the descriptor is read and written with `MSG_DONTWAIT`); a thread that
//! must wait for the socket releases it and polls outside the safepoint
//! handshake, so a blocked read holds no lock another thread needs and two
//! connections run in parallel. A context's `SSL_CTX` is changed under its
//! own mutex.

mod bio;
mod cert;
mod consts;
mod context;
mod errors;
mod ffi;
mod socket;

use engine::runtime::*;
use proto_core::{Obj, Value};
use std::sync::OnceLock;

/// The module's types and exception classes: global roots made once per
/// process (a re-import reuses them).
pub(super) struct Types {
    pub ctx: Value,
    pub sock: Value,
    pub bio: Value,
    pub session: Value,
    pub cert: Value,
    pub exc: [Value; errors::N_EXC],
}

static TYPES: OnceLock<Types> = OnceLock::new();

pub(super) fn types() -> &'static Types {
    TYPES
        .get()
        .expect("_ssl types are made when the module is created")
}

fn n_kw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// A type of the module (`__module__` '_ssl'); `base` types are
/// subclassable.
fn new_type(vm: &mut Vm, name: &str, modname: Value, base: bool) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, base);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    t
}

/// `RAND_bytes(n)`: `n` cryptographically strong random bytes.
fn rand_bytes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "RAND_bytes", "RAND_bytes", a, k, 1, 1)?;
    let n = crate::args::c_int(vm, a[0])?;
    if n < 0 {
        return Err(vm.new_exc(vm.g.e.ValueError, "num must be positive"));
    }
    let mut buf = vec![0u8; n as usize];
    if let Err(e) = openssl::rand::rand_bytes(&mut buf) {
        return Err(errors::from_stack(vm, &e, errors::L_RAND));
    }
    Ok(vm.new_bytes(&buf))
}

/// `RAND_pseudo_bytes(n)`: (bytes, is_cryptographic); deprecated in
/// CPython, which returns `RAND_bytes`' output and True.
fn rand_pseudo_bytes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "RAND_pseudo_bytes", "RAND_pseudo_bytes", a, k, 1, 1)?;
    let cat = vm.g.e.DeprecationWarning;
    vm.warn(cat, "ssl.RAND_pseudo_bytes() is deprecated", 1)?;
    let b = rand_bytes(vm, a, Value::EMPTY)?;
    let mark = vm.push_root(b);
    let t = vm.new_tuple(&[b, Value::TRUE]);
    vm.pop_roots(mark);
    Ok(t)
}

/// `RAND_status()`: whether the generator is seeded.
fn rand_status(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "RAND_status", "RAND_status", a, k, 0, 0)?;
    // SAFETY: no arguments; RAND_status only reads the generator state.
    let r = unsafe { openssl_sys::RAND_status() };
    Ok(Value::bool(r == 1))
}

/// `RAND_add(string, entropy)`: mixes str (UTF-8) or bytes-like data in.
fn rand_add(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "RAND_add", "RAND_add", a, k, 2, 2)?;
    let data = if is_str(a[0]) {
        str_bytes(a[0]).to_vec()
    } else {
        crate::modules::_io::bytes_like(vm, a[0], "")?
    };
    let entropy = crate::types::float::to_float(vm, a[1])?;
    let n = i32::try_from(data.len())
        .map_err(|_| vm.new_exc(vm.g.e.OverflowError, "string is too long"))?;
    // SAFETY: `data` is readable for its length, which fits an int
    // (checked); RAND_add copies what it needs.
    unsafe { openssl_sys::RAND_add(data.as_ptr().cast(), n, entropy) };
    Ok(Value::NONE)
}

/// `(nid, shortname, longname, dotted OID)` of an ASN.1 object.
fn asn1obj_tuple(vm: &mut Vm, obj: &openssl::asn1::Asn1ObjectRef) -> PyResult<Value> {
    let nid = obj.nid();
    let txt = cert::obj_text(obj, true);
    let mark = vm.push_root(Value::NONE);
    let (sn, ln) = if nid == openssl::nid::Nid::UNDEF {
        (Value::NONE, Value::NONE)
    } else {
        let sn = nid.short_name().map_or(Value::NONE, |s| vm.new_str(s));
        vm.push_root(sn);
        let ln = nid.long_name().map_or(Value::NONE, |s| vm.new_str(s));
        vm.push_root(ln);
        (sn, ln)
    };
    let t = vm.new_str(&txt);
    vm.push_root(t);
    let r = vm.new_tuple(&[Value::int(i64::from(nid.as_raw())), sn, ln, t]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `txt2obj(txt, name=False)`: an ASN.1 object by dotted OID (or by short
/// or long name when `name`).
fn txt2obj(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [txt, name] = crate::types::clinic::unpack(vm, "txt2obj", a, k, ["txt", "name"], 0, 1, 2)?;
    let txt = txt.unwrap_or(Value::NONE);
    if !is_str(txt) {
        let tn = vm.type_name_of(txt);
        return Err(vm.type_error(&format!("txt2obj() argument 'txt' must be str, not {tn}")));
    }
    let by_name = match name {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let s = String::from_utf8_lossy(str_bytes(txt)).into_owned();
    match cert::txt2obj(&s, !by_name) {
        Some(o) => asn1obj_tuple(vm, &o),
        None => Err(vm.new_exc(vm.g.e.ValueError, &format!("unknown object '{s}'"))),
    }
}

/// `nid2obj(nid)`.
fn nid2obj(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "nid2obj", "nid2obj", a, k, 1, 1)?;
    let nid = crate::args::c_int(vm, a[0])?;
    if nid < 1 {
        return Err(vm.new_exc(vm.g.e.ValueError, "NID must be positive."));
    }
    match cert::nid2obj(nid) {
        Some(o) => asn1obj_tuple(vm, &o),
        None => Err(vm.new_exc(vm.g.e.ValueError, &format!("unknown NID {nid}"))),
    }
}

/// `get_default_verify_paths()`: (cafile env, cafile, capath env, capath).
fn get_default_verify_paths(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(
        vm,
        "get_default_verify_paths",
        "get_default_verify_paths",
        a,
        k,
        0,
        0,
    )?;
    let p = cert::default_verify_paths();
    let mark = vm.push_root(Value::NONE);
    let mut items = Vec::new();
    for s in [p.0, p.1, p.2, p.3] {
        let v = vm.new_str(&s);
        vm.push_root(v);
        items.push(v);
    }
    let t = vm.new_tuple(&items);
    vm.pop_roots(mark);
    Ok(t)
}

/// `_test_decode_cert(path)`: the dict of a PEM certificate file.
fn test_decode_cert(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::types::clinic::positional(vm, "_test_decode_cert", "_test_decode_cert", a, k, 1, 1)?;
    let path = fs_path(vm, a[0])?;
    let Ok(data) = std::fs::read(path_of(&path)) else {
        return Err(errors::plain(vm, "Can't open file"));
    };
    match openssl::x509::X509::from_pem(&data) {
        Ok(c) => cert::decode(vm, &c),
        Err(_) => Err(errors::plain(vm, "Error decoding PEM-encoded file")),
    }
}

/// Path bytes as a `Path` (Unix).
pub(super) fn path_of(b: &[u8]) -> &std::path::Path {
    std::path::Path::new(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b))
}

/// A file name argument: str, bytes or an `os.PathLike` giving one; its
/// bytes (TypeError otherwise, ValueError on an embedded NUL).
pub(super) fn fs_path(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let is_bytes =
        |v: Value| Obj::from_value(v).is_some_and(|o| o.kind() == proto_core::Kind::BYTES);
    let v = if is_str(v) || is_bytes(v) {
        v
    } else {
        let n = vm.intern("__fspath__");
        match vm.getattr_opt(v, n)? {
            Some(_) => vm.call_method(v, "__fspath__", &[])?,
            None => {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!(
                    "expected str, bytes or os.PathLike object, not {tn}"
                )));
            }
        }
    };
    if !is_str(v) && !is_bytes(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "expected str, bytes or os.PathLike object, not {tn}"
        )));
    }
    let b = str_bytes(v).to_vec();
    if b.contains(&0) {
        return Err(vm.new_exc(vm.g.e.ValueError, "embedded null byte"));
    }
    Ok(b)
}

/// `__new__` of the types only `_ssl` makes (CPython's
/// Py_TPFLAGS_DISALLOW_INSTANTIATION).
fn no_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let name = a
        .first()
        .map_or_else(String::new, |&t| type_name(t).to_string());
    Err(vm.type_error(&format!("cannot create '{name}' instances")))
}

/// Creates the `_ssl` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "_ssl", 0);
    let mark = vm.push_root(m);
    let r = (|| {
        if TYPES.get().is_none() {
            openssl::init();
            let modname = vm.new_str("_ssl");
            vm.ctx.promote(modname);
            vm.push_root(modname);
            let exc = errors::make_classes(vm)?;
            let ctx = new_type(vm, "_SSLContext", modname, true);
            let sock = new_type(vm, "_SSLSocket", modname, false);
            let bio = new_type(vm, "MemoryBIO", modname, false);
            let session = new_type(vm, "SSLSession", modname, false);
            let cert = new_type(vm, "Certificate", modname, false);
            let _ = TYPES.set(Types {
                ctx,
                sock,
                bio,
                session,
                cert,
                exc,
            });
            context::init_type(vm, ctx);
            socket::init_type(vm, sock);
            socket::init_session_type(vm, session);
            bio::init_type(vm, bio);
            cert::init_cert_type(vm, cert);
            vm.add_static(cert, "__new__", no_new, false);
            vm.add_static(session, "__new__", no_new, false);
        }
        let t = types();
        for (i, &(name, _)) in errors::CLASSES.iter().enumerate() {
            vm.set_module_attr(m, name, t.exc[i]);
        }
        vm.set_module_attr(m, "_SSLContext", t.ctx);
        vm.set_module_attr(m, "_SSLSocket", t.sock);
        vm.set_module_attr(m, "MemoryBIO", t.bio);
        vm.set_module_attr(m, "SSLSession", t.session);
        vm.set_module_attr(m, "Certificate", t.cert);
        consts::add(vm, m);
        let fns: &[(&'static str, NativeFn)] = &[
            ("RAND_bytes", rand_bytes),
            ("RAND_pseudo_bytes", rand_pseudo_bytes),
            ("RAND_status", rand_status),
            ("RAND_add", rand_add),
            ("txt2obj", txt2obj),
            ("nid2obj", nid2obj),
            ("get_default_verify_paths", get_default_verify_paths),
            ("_test_decode_cert", test_decode_cert),
        ];
        vm.add_module_functions(m, fns);
        let _ = n_kw;
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}
