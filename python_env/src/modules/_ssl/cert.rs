//! Certificates to CPython's dicts (`_decode_certificate`: subject and
//! issuer as tuples of RDN tuples of (long name, value), version, serial
//! number, validity, subjectAltName, OCSP, caIssuers and CRL distribution
//! points), and ASN.1 object names.

use super::ffi;
use engine::runtime::*;
use foreign_types::{ForeignType, ForeignTypeRef};
use openssl::asn1::{Asn1Object, Asn1ObjectRef};
use openssl::nid::Nid;
use openssl::x509::{GeneralNameRef, X509NameRef, X509Ref};
use proto_core::Value;
use std::ffi::CStr;

/// `OBJ_obj2txt`: the object's long name (dotted OID when it has none,
/// or always when `no_name`).
pub(super) fn obj_text(obj: &Asn1ObjectRef, no_name: bool) -> String {
    let mut buf = vec![0u8; 256];
    // SAFETY: `buf` is writable for its length; `obj` is a live object.
    let n = unsafe {
        openssl_sys::OBJ_obj2txt(
            buf.as_mut_ptr().cast(),
            buf.len() as i32,
            obj.as_ptr(),
            i32::from(no_name),
        )
    };
    if n < 0 {
        return String::new();
    }
    let n = (n as usize).min(buf.len() - 1);
    buf.truncate(n);
    String::from_utf8_lossy(&buf).into_owned()
}

/// `OBJ_txt2obj(txt, no_name)`: None when unknown.
pub(super) fn txt2obj(txt: &str, no_name: bool) -> Option<Asn1Object> {
    let c = std::ffi::CString::new(txt).ok()?;
    // SAFETY: `c` is NUL-terminated; the result is a new object we own.
    let p = unsafe { openssl_sys::OBJ_txt2obj(c.as_ptr(), i32::from(no_name)) };
    if p.is_null() {
        // SAFETY: drops the error OBJ_txt2obj queued.
        unsafe { openssl_sys::ERR_clear_error() };
        return None;
    }
    // SAFETY: p is a fresh object owned by the caller.
    Some(unsafe { Asn1Object::from_ptr(p) })
}

/// `OBJ_nid2obj(nid)`, duplicated so the result is owned.
pub(super) fn nid2obj(nid: i32) -> Option<Asn1Object> {
    // SAFETY: a lookup in OpenSSL's object table.
    let p = unsafe { openssl_sys::OBJ_nid2obj(nid) };
    if p.is_null() {
        // SAFETY: drops the error OBJ_nid2obj queued.
        unsafe { openssl_sys::ERR_clear_error() };
        return None;
    }
    // SAFETY: p is a valid object; OBJ_dup returns a new one we own.
    let d = unsafe { openssl_sys::OBJ_dup(p) };
    if d.is_null() {
        return None;
    }
    // SAFETY: d is a fresh object owned by the caller.
    Some(unsafe { Asn1Object::from_ptr(d) })
}

fn static_str(p: *const libc::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the X509_get_default_* functions return static C strings.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// (cafile env var, cafile, capath env var, capath).
pub(super) fn default_verify_paths() -> (String, String, String, String) {
    // SAFETY: these return pointers to static strings.
    unsafe {
        (
            static_str(openssl_sys::X509_get_default_cert_file_env()),
            static_str(openssl_sys::X509_get_default_cert_file()),
            static_str(openssl_sys::X509_get_default_cert_dir_env()),
            static_str(openssl_sys::X509_get_default_cert_dir()),
        )
    }
}

/// `ASN1_STRING_to_UTF8`: the string's text, embedded NULs kept.
fn asn1_to_utf8(s: &openssl::asn1::Asn1StringRef) -> Option<Vec<u8>> {
    let mut out: *mut u8 = std::ptr::null_mut();
    // SAFETY: `s` is a live ASN1_STRING; OpenSSL allocates `out`, which we
    // copy and free.
    unsafe {
        let n = openssl_sys::ASN1_STRING_to_UTF8(&mut out, s.as_ptr());
        if n < 0 || out.is_null() {
            openssl_sys::ERR_clear_error();
            return None;
        }
        let v = std::slice::from_raw_parts(out, n as usize).to_vec();
        openssl_sys::CRYPTO_free(out.cast(), c"cert.rs".as_ptr(), 0);
        Some(v)
    }
}

/// A tuple of the values, kept rooted while it is built.
fn tuple_of(vm: &mut Vm, items: &[Value]) -> Value {
    vm.new_tuple(items)
}

/// `_create_tuple_for_X509_NAME`: RDNs (entries of one `set`) as tuples
/// of (name, value) pairs.
pub(super) fn name_tuple(vm: &mut Vm, name: &X509NameRef) -> PyResult<Value> {
    let mark = vm.push_root(Value::NONE);
    let mut rdns: Vec<Value> = Vec::new();
    let mut cur: Vec<Value> = Vec::new();
    let mut last_set = -1;
    for e in name.entries() {
        // SAFETY: `e` is a live entry of `name`.
        let set = unsafe { ffi::X509_NAME_ENTRY_set(e.as_ptr()) };
        if set != last_set && !cur.is_empty() {
            let t = tuple_of(vm, &cur);
            vm.push_root(t);
            rdns.push(t);
            cur.clear();
        }
        last_set = set;
        let k = vm.new_str(&obj_text(e.object(), false));
        vm.push_root(k);
        let v = match asn1_to_utf8(e.data()) {
            Some(b) => vm.new_str(&String::from_utf8_lossy(&b)),
            None => vm.new_str_bytes(e.data().as_slice()),
        };
        vm.push_root(v);
        let pair = vm.new_tuple(&[k, v]);
        vm.push_root(pair);
        cur.push(pair);
    }
    if !cur.is_empty() {
        let t = tuple_of(vm, &cur);
        vm.push_root(t);
        rdns.push(t);
    }
    let r = vm.new_tuple(&rdns);
    vm.pop_roots(mark);
    Ok(r)
}

fn pair(vm: &mut Vm, a: &str, b: Value) -> Value {
    let mark = vm.push_root(b);
    let k = vm.new_str(a);
    vm.push_root(k);
    let t = vm.new_tuple(&[k, b]);
    vm.pop_roots(mark);
    t
}

/// An IP address as CPython prints it (IPv6: eight `%X` groups).
fn ip_text(b: &[u8]) -> String {
    match b.len() {
        4 => format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]),
        16 => b
            .chunks(2)
            .map(|c| format!("{:X}", u16::from(c[0]) << 8 | u16::from(c[1])))
            .collect::<Vec<_>>()
            .join(":"),
        _ => "<invalid>".to_owned(),
    }
}

/// One subjectAltName entry as CPython's (type, value) pair.
fn general_name(vm: &mut Vm, g: &GeneralNameRef) -> PyResult<Value> {
    if let Some(n) = g.directory_name() {
        let t = name_tuple(vm, n)?;
        return Ok(pair(vm, "DirName", t));
    }
    if let Some(s) = g.email() {
        let v = vm.new_str(s);
        return Ok(pair(vm, "email", v));
    }
    if let Some(s) = g.dnsname() {
        let v = vm.new_str(s);
        return Ok(pair(vm, "DNS", v));
    }
    if let Some(s) = g.uri() {
        let v = vm.new_str(s);
        return Ok(pair(vm, "URI", v));
    }
    if let Some(b) = g.ipaddress() {
        let v = vm.new_str(&ip_text(b));
        return Ok(pair(vm, "IP Address", v));
    }
    // SAFETY: `g` is a live GENERAL_NAME; its type tags the union `d`.
    let (ty, d) = unsafe {
        let p = g.as_ptr();
        ((*p).type_, (*p).d)
    };
    match ty {
        // GEN_RID: `d` is an ASN1_OBJECT.
        8 if !d.is_null() => {
            // SAFETY: for GEN_RID the union holds an ASN1_OBJECT owned by `g`.
            let o = unsafe { Asn1ObjectRef::from_ptr(d.cast()) };
            let v = vm.new_str(&obj_text(o, false));
            Ok(pair(vm, "Registered ID", v))
        }
        3 => {
            let v = vm.new_str("<unsupported>");
            Ok(pair(vm, "X400Name", v))
        }
        5 => {
            let v = vm.new_str("<unsupported>");
            Ok(pair(vm, "EdiPartyName", v))
        }
        _ => {
            let v = vm.new_str("<unsupported>");
            Ok(pair(vm, "othername", v))
        }
    }
}

/// `i2a_ASN1_INTEGER`: uppercase hex, two digits a byte.
fn serial_text(c: &X509Ref) -> String {
    let Ok(bn) = c.serial_number().to_bn() else {
        return String::new();
    };
    let neg = bn.is_negative();
    let bytes = bn.to_vec();
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if bytes.is_empty() {
        s.push_str("00");
    }
    for b in bytes {
        s.push_str(&format!("{b:02X}"));
    }
    s
}

fn set(vm: &mut Vm, d: Value, k: &str, v: Value) {
    let mark = vm.push_root(v);
    let key = vm.new_str(k);
    vm.dict_set_str(d, key, v);
    vm.pop_roots(mark);
}

fn str_tuple(vm: &mut Vm, items: &[String]) -> Value {
    let mark = vm.push_root(Value::NONE);
    let mut vs = Vec::new();
    for s in items {
        let v = vm.new_str(s);
        vm.push_root(v);
        vs.push(v);
    }
    let t = vm.new_tuple(&vs);
    vm.pop_roots(mark);
    t
}

/// `_decode_certificate`: the dict `getpeercert()` returns.
pub(super) fn decode(vm: &mut Vm, c: &X509Ref) -> PyResult<Value> {
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let r = (|| -> PyResult<()> {
        let t = name_tuple(vm, c.subject_name())?;
        set(vm, d, "subject", t);
        let t = name_tuple(vm, c.issuer_name())?;
        set(vm, d, "issuer", t);
        set(vm, d, "version", Value::int(i64::from(c.version()) + 1));
        let s = vm.new_str(&serial_text(c));
        set(vm, d, "serialNumber", s);
        let s = vm.new_str(&c.not_before().to_string());
        set(vm, d, "notBefore", s);
        let s = vm.new_str(&c.not_after().to_string());
        set(vm, d, "notAfter", s);
        if let Some(names) = c.subject_alt_names() {
            let m2 = vm.push_root(Value::NONE);
            let mut vs = Vec::new();
            for g in &names {
                let v = general_name(vm, g)?;
                vm.push_root(v);
                vs.push(v);
            }
            let t = vm.new_tuple(&vs);
            vm.pop_roots(m2);
            set(vm, d, "subjectAltName", t);
        }
        if let Some(aia) = c.authority_info() {
            let mut ocsp = Vec::new();
            let mut ca = Vec::new();
            for ad in &aia {
                let Some(uri) = ad.location().uri() else {
                    continue;
                };
                match ad.method().nid() {
                    Nid::AD_OCSP => ocsp.push(uri.to_owned()),
                    Nid::AD_CA_ISSUERS => ca.push(uri.to_owned()),
                    _ => {}
                }
            }
            if !ocsp.is_empty() {
                let t = str_tuple(vm, &ocsp);
                set(vm, d, "OCSP", t);
            }
            if !ca.is_empty() {
                let t = str_tuple(vm, &ca);
                set(vm, d, "caIssuers", t);
            }
        }
        if let Some(dps) = c.crl_distribution_points() {
            let mut uris = Vec::new();
            for dp in &dps {
                let Some(full) = dp.distpoint().and_then(|n| n.fullname()) else {
                    continue;
                };
                for g in full {
                    if let Some(u) = g.uri() {
                        uris.push(u.to_owned());
                    }
                }
            }
            if !uris.is_empty() {
                let t = str_tuple(vm, &uris);
                set(vm, d, "crlDistributionPoints", t);
            }
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r.map(|()| d)
}

// ------------------------------------------------------------------ Certificate

/// Payload of `_ssl.Certificate` (the entries of `get_verified_chain`).
pub(super) struct CertState {
    pub cert: openssl::x509::X509,
}

impl proto_core::native::Trace for CertState {}

fn cert_state(v: Value) -> Option<&'static CertState> {
    proto_core::Obj::from_value(v).and_then(proto_core::native::native_ref::<CertState>)
}

/// A new `_ssl.Certificate`.
pub(super) fn new_certificate(vm: &mut Vm, cert: openssl::x509::X509) -> Value {
    let cls = super::types().cert;
    let co = proto_core::Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co);
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, n, CertState { cert });
    let o = proto_core::Obj::from_value(v).expect("cert");
    for i in 0..n {
        o.init(i, Value::EMPTY);
    }
    v
}

fn cert_this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static CertState> {
    match a.first().copied().and_then(cert_state) {
        Some(s) => Ok(s),
        None => {
            let tn = a
                .first()
                .map_or("nothing".to_owned(), |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_ssl.Certificate' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// A name in RFC 2253 form (last RDN first, short names, escaped).
fn rfc2253(name: &X509NameRef) -> String {
    let mut rdns: Vec<Vec<String>> = Vec::new();
    let mut last = -1;
    for e in name.entries() {
        // SAFETY: `e` is a live entry of `name`.
        let set = unsafe { ffi::X509_NAME_ENTRY_set(e.as_ptr()) };
        let sn = e
            .object()
            .nid()
            .short_name()
            .map(str::to_owned)
            .unwrap_or_else(|_| obj_text(e.object(), true));
        let raw = asn1_to_utf8(e.data()).unwrap_or_default();
        let val = String::from_utf8_lossy(&raw);
        let mut esc = String::new();
        let n = val.chars().count();
        for (i, c) in val.chars().enumerate() {
            let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
                || (i == 0 && (c == '#' || c == ' '))
                || (i + 1 == n && c == ' ');
            if special {
                esc.push('\\');
            }
            esc.push(c);
        }
        let item = format!("{sn}={esc}");
        if set == last {
            if let Some(r) = rdns.last_mut() {
                r.push(item);
                continue;
            }
        }
        last = set;
        rdns.push(vec![item]);
    }
    rdns.iter()
        .rev()
        .map(|r| r.join("+"))
        .collect::<Vec<_>>()
        .join(",")
}

fn cert_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = cert_this(vm, a, "__repr__")?;
    let text = format!("<_ssl.Certificate '{}'>", rfc2253(s.cert.subject_name()));
    Ok(vm.new_str(&text))
}

fn cert_get_info(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = cert_this(vm, a, "get_info")?;
    crate::args::check_method(vm, "get_info", a, k, 0, 0)?;
    decode(vm, &s.cert)
}

/// `public_bytes(format=ENCODING_PEM)`: PEM text or DER bytes.
fn cert_public_bytes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = cert_this(vm, a, "public_bytes")?;
    let [f] = crate::types::clinic::unpack(vm, "public_bytes", &a[1..], k, ["format"], 0, 0, 1)?;
    let f = match f {
        Some(v) => crate::args::c_int(vm, v)?,
        None => 1,
    };
    match f {
        1 => match s.cert.to_pem() {
            Ok(p) => Ok(vm.new_str(&String::from_utf8_lossy(&p))),
            Err(e) => Err(super::errors::from_stack(vm, &e, 130)),
        },
        2 => match s.cert.to_der() {
            Ok(d) => Ok(vm.new_bytes(&d)),
            Err(e) => Err(super::errors::from_stack(vm, &e, 130)),
        },
        _ => Err(vm.value_error("Unsupported format")),
    }
}

fn der_of(v: Value) -> Option<Vec<u8>> {
    cert_state(v).and_then(|s| s.cert.to_der().ok())
}

fn cert_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = cert_this(vm, a, "__eq__")?;
    match a.get(1).copied().and_then(der_of) {
        Some(o) => Ok(Value::bool(s.cert.to_der().ok() == Some(o))),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn cert_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = cert_this(vm, a, "__ne__")?;
    match a.get(1).copied().and_then(der_of) {
        Some(o) => Ok(Value::bool(s.cert.to_der().ok() != Some(o))),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn cert_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = cert_this(vm, a, "__hash__")?;
    Ok(Value::int(i64::from(s.cert.subject_name_hash())))
}

pub(super) fn init_cert_type(vm: &mut Vm, t: Value) {
    for &(n, f) in &[
        ("__repr__", cert_repr as NativeFn),
        ("get_info", cert_get_info),
        ("public_bytes", cert_public_bytes),
        ("__eq__", cert_eq),
        ("__ne__", cert_ne),
        ("__hash__", cert_hash),
    ] {
        vm.add_method(t, n, f);
    }
}
