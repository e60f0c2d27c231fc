//! The module-level functions of `_socket` that are not about one socket:
//! name resolution (`getaddrinfo`, `getnameinfo`, `gethostby*`,
//! `getservby*`, `getprotobyname`), address text conversions
//! (`inet_aton/ntoa/pton/ntop`), byte order, interface names, host name,
//! `CMSG_LEN`/`CMSG_SPACE`, `socketpair`, `dup` and `close`.
//!
//! Lookups that may reach the network or read files run outside the
//! safepoint handshake (`ctx.blocking`) on Rust copies of their arguments.
//! The `*_r` reentrant C functions are used throughout, since threads run
//! truly in parallel and the classic forms share a static result.

use super::addr::{aton, make_sockaddr, ntop4, ntop6, pton4, pton6, setipaddr, SockAddr};
use super::*;
use std::ffi::{CStr, CString};
use std::mem::size_of;

extern "C" {
    // glibc's reentrant netdb functions (not declared by the libc crate).
    fn gethostbyname_r(
        name: *const libc::c_char,
        ret: *mut libc::hostent,
        buf: *mut libc::c_char,
        buflen: libc::size_t,
        result: *mut *mut libc::hostent,
        h_errnop: *mut libc::c_int,
    ) -> libc::c_int;
    fn gethostbyaddr_r(
        addr: *const libc::c_void,
        len: libc::socklen_t,
        family: libc::c_int,
        ret: *mut libc::hostent,
        buf: *mut libc::c_char,
        buflen: libc::size_t,
        result: *mut *mut libc::hostent,
        h_errnop: *mut libc::c_int,
    ) -> libc::c_int;
    fn getservbyname_r(
        name: *const libc::c_char,
        proto: *const libc::c_char,
        ret: *mut libc::servent,
        buf: *mut libc::c_char,
        buflen: libc::size_t,
        result: *mut *mut libc::servent,
    ) -> libc::c_int;
    fn getservbyport_r(
        port: libc::c_int,
        proto: *const libc::c_char,
        ret: *mut libc::servent,
        buf: *mut libc::c_char,
        buflen: libc::size_t,
        result: *mut *mut libc::servent,
    ) -> libc::c_int;
    fn getprotobyname_r(
        name: *const libc::c_char,
        ret: *mut libc::protoent,
        buf: *mut libc::c_char,
        buflen: libc::size_t,
        result: *mut *mut libc::protoent,
    ) -> libc::c_int;
}

/// One result of `getaddrinfo`, copied out of the C list.
pub(crate) struct AddrInfo {
    pub(crate) family: i32,
    pub(crate) socktype: i32,
    pub(crate) proto: i32,
    pub(crate) canon: Vec<u8>,
    pub(crate) addr: SockAddr,
}

/// `getaddrinfo(3)` outside the safepoint handshake; gaierror (or OSError
/// for EAI_SYSTEM) on failure.
pub(crate) fn resolve(
    vm: &mut Vm,
    host: Option<&CStr>,
    port: Option<&CStr>,
    family: i32,
    socktype: i32,
    proto: i32,
    flags: i32,
) -> PyResult<Vec<AddrInfo>> {
    // SAFETY: all-zero bytes are a valid addrinfo (null pointers).
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    let (code, err, list) = vm.ctx.blocking(|| {
        let mut res: *mut libc::addrinfo = std::ptr::null_mut();
        // SAFETY: the strings are NUL-terminated and outlive the call;
        // `hints` and `res` are valid for reading and writing.
        let code = unsafe {
            libc::getaddrinfo(
                host.map_or(std::ptr::null(), |h| h.as_ptr()),
                port.map_or(std::ptr::null(), |p| p.as_ptr()),
                &hints,
                &mut res,
            )
        };
        let err = last_errno();
        let mut out = Vec::new();
        if code == 0 {
            let mut p = res;
            while !p.is_null() {
                // SAFETY: `p` is a node of the list getaddrinfo returned,
                // not yet freed.
                let ai = unsafe { &*p };
                let mut addr = SockAddr::empty();
                let n = (ai.ai_addrlen as usize).min(size_of::<libc::sockaddr_storage>());
                if !ai.ai_addr.is_null() {
                    // SAFETY: ai_addr points to ai_addrlen bytes; the
                    // storage is at least `n` bytes and does not overlap.
                    unsafe {
                        std::ptr::copy_nonoverlapping(
                            ai.ai_addr.cast::<u8>(),
                            addr.as_mut_ptr().cast::<u8>(),
                            n,
                        )
                    };
                }
                addr.len = n as libc::socklen_t;
                let canon = if ai.ai_canonname.is_null() {
                    Vec::new()
                } else {
                    // SAFETY: a NUL-terminated string owned by the list.
                    unsafe { CStr::from_ptr(ai.ai_canonname) }
                        .to_bytes()
                        .to_vec()
                };
                out.push(AddrInfo {
                    family: ai.ai_family,
                    socktype: ai.ai_socktype,
                    proto: ai.ai_protocol,
                    canon,
                    addr,
                });
                p = ai.ai_next;
            }
            // SAFETY: `res` came from a successful getaddrinfo, freed once.
            unsafe { libc::freeaddrinfo(res) };
        }
        (code, err, out)
    });
    if code == libc::EAI_SYSTEM {
        return Err(os_error(vm, err));
    }
    if code != 0 {
        return Err(gai_error(vm, code));
    }
    Ok(list)
}

/// An optional str/bytes/int argument turned into the C string
/// `getaddrinfo` takes for the host.
fn gai_host(vm: &mut Vm, v: Value) -> PyResult<Option<CString>> {
    if v.is_none() {
        return Ok(None);
    }
    if !is_str(v) && !Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "getaddrinfo() argument 1 must be string or None, not {tn}"
        )));
    }
    let b = super::addr::host_bytes(vm, v)?;
    Ok(Some(CString::new(b).unwrap_or_default()))
}

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`.
fn getaddrinfo(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [host, port, family, ty, proto, flags] = clinic::unpack(
        vm,
        "getaddrinfo",
        a,
        k,
        ["host", "port", "family", "type", "proto", "flags"],
        0,
        2,
        6,
    )?;
    let host_v = host.unwrap_or(Value::NONE);
    let host = gai_host(vm, host_v)?;
    let port = port.unwrap_or(Value::NONE);
    let port_c: Option<CString> = if port.is_none() {
        None
    } else if vm.is_int_like(port) {
        let p = crate::args::c_long(vm, port)?;
        Some(CString::new(p.to_string()).unwrap_or_default())
    } else if is_str(port) {
        let b = str_bytes(port).to_vec();
        Some(CString::new(b).map_err(|_| vm.value_error("embedded null character"))?)
    } else if Obj::from_value(port).is_some_and(|o| o.kind() == Kind::BYTES) {
        let b = str_bytes(port).to_vec();
        Some(CString::new(b).map_err(|_| vm.value_error("embedded null byte"))?)
    } else {
        return Err(vm.new_exc(vm.g.e.OSError, "Int or String expected"));
    };
    let mut ints = [0i32; 4];
    for (o, v) in ints.iter_mut().zip([family, ty, proto, flags]) {
        if let Some(v) = v {
            *o = crate::args::c_int(vm, v)?;
        }
    }
    if vm.auditing() {
        let [f, t, p, _] = ints.map(|i| Value::int(i64::from(i)));
        vm.audit("socket.getaddrinfo", &[host_v, port, f, t, p])?;
    }
    let list = resolve(
        vm,
        host.as_deref(),
        port_c.as_deref(),
        ints[0],
        ints[1],
        ints[2],
        ints[3],
    )?;
    let out = vm.new_list(&[]);
    let mark = vm.push_root(out);
    for ai in &list {
        let sa = make_sockaddr(vm, &ai.addr);
        let sa = match sa {
            Ok(v) => v,
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        };
        vm.push_root(sa);
        let canon = match std::str::from_utf8(&ai.canon) {
            Ok(s) => vm.new_str(s),
            Err(_) => vm.new_str(&String::from_utf8_lossy(&ai.canon)),
        };
        vm.push_root(canon);
        let t = vm.new_tuple(&[
            Value::int(i64::from(ai.family)),
            Value::int(i64::from(ai.socktype)),
            Value::int(i64::from(ai.proto)),
            canon,
            sa,
        ]);
        vm.list_append(out, t);
    }
    vm.pop_roots(mark);
    Ok(out)
}

/// `getnameinfo(sockaddr, flags)`.
fn getnameinfo(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "getnameinfo", a, k, 2, 2)?;
    let sa = a[0];
    if !Obj::from_value(sa).is_some_and(|o| o.kind() == Kind::TUPLE) {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    }
    let flags = crate::args::c_int(vm, a[1])?;
    let items = vm.seq_items(sa);
    if !(2..=4).contains(&items.len()) {
        return Err(vm.type_error("getnameinfo(): illegal sockaddr argument"));
    }
    if !is_str(items[0]) {
        let tn = vm.arg_type_name(items[0]);
        return Err(vm.type_error(&format!("getnameinfo() argument 1 must be str, not {tn}")));
    }
    let port = crate::args::c_int(vm, items[1])?;
    let mut flow: u32 = 0;
    let mut scope: u32 = 0;
    if let Some(&f) = items.get(2) {
        flow = crate::args::c_long(vm, f)? as u32;
    }
    if let Some(&s) = items.get(3) {
        scope = crate::args::c_long(vm, s)? as u32;
    }
    if flow > 0xfffff {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "getnameinfo(): flowinfo must be 0-1048575.",
        ));
    }
    let host = CString::new(str_bytes(items[0]).to_vec())
        .map_err(|_| vm.value_error("embedded null character"))?;
    let pbuf = CString::new(port.to_string()).unwrap_or_default();
    let list = resolve(
        vm,
        Some(&host),
        Some(&pbuf),
        libc::AF_UNSPEC,
        libc::SOCK_DGRAM,
        0,
        libc::AI_NUMERICHOST,
    )?;
    if list.len() != 1 {
        return Err(vm.new_exc(vm.g.e.OSError, "sockaddr resolved to multiple addresses"));
    }
    let mut addr = match list.into_iter().next() {
        Some(ai) => ai.addr,
        None => return Err(gai_error(vm, libc::EAI_NONAME)),
    };
    match addr.family() {
        libc::AF_INET if items.len() != 2 => {
            return Err(vm.new_exc(vm.g.e.OSError, "IPv4 sockaddr must be 2 tuple"));
        }
        libc::AF_INET6 => {
            let (ip, p, _, _) = addr.in6();
            addr = SockAddr::v6(ip, p, flow, scope);
        }
        _ => {}
    }
    let mut hbuf = vec![0 as libc::c_char; libc::NI_MAXHOST as usize];
    let mut sbuf = vec![0 as libc::c_char; 32];
    let (code, err) = vm.ctx.blocking(|| {
        // SAFETY: the address is valid for `addr.len` bytes; both buffers
        // are writable for the lengths passed.
        let code = unsafe {
            libc::getnameinfo(
                addr.as_ptr(),
                addr.len,
                hbuf.as_mut_ptr(),
                hbuf.len() as libc::socklen_t,
                sbuf.as_mut_ptr(),
                sbuf.len() as libc::socklen_t,
                flags,
            )
        };
        (code, last_errno())
    });
    if code == libc::EAI_SYSTEM {
        return Err(os_error(vm, err));
    }
    if code != 0 {
        return Err(gai_error(vm, code));
    }
    let h = c_buf_str(vm, &hbuf);
    let mark = vm.push_root(h);
    let s = c_buf_str(vm, &sbuf);
    vm.push_root(s);
    let t = vm.new_tuple(&[h, s]);
    vm.pop_roots(mark);
    Ok(t)
}

/// A str from a NUL-terminated C buffer.
fn c_buf_str(vm: &mut Vm, buf: &[libc::c_char]) -> Value {
    let b: Vec<u8> = buf
        .iter()
        .take_while(|c| **c != 0)
        .map(|c| *c as u8)
        .collect();
    vm.new_str(&String::from_utf8_lossy(&b))
}

/// A str from a C string pointer (empty for null).
fn c_ptr_bytes(p: *const libc::c_char) -> Vec<u8> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: callers pass NUL-terminated strings owned by a live result
    // buffer.
    unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
}

/// The strings of a NULL-terminated `char **` list.
fn c_list(p: *mut *mut libc::c_char) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    if p.is_null() {
        return out;
    }
    let mut i = 0;
    loop {
        // SAFETY: the list is NULL-terminated and lives in the result buffer.
        let s = unsafe { *p.add(i) };
        if s.is_null() {
            break;
        }
        out.push(c_ptr_bytes(s));
        i += 1;
    }
    out
}

/// A host entry copied out of a `hostent`.
struct Host {
    name: Vec<u8>,
    aliases: Vec<Vec<u8>>,
    family: i32,
    addrs: Vec<Vec<u8>>,
}

/// Copies a `hostent` filled by a `*_r` call.
fn copy_hostent(h: &libc::hostent) -> Host {
    let len = usize::try_from(h.h_length).unwrap_or(0);
    let mut addrs = Vec::new();
    if !h.h_addr_list.is_null() {
        let mut i = 0;
        loop {
            // SAFETY: h_addr_list is NULL-terminated; each entry points to
            // h_length bytes, all in the result buffer.
            let p = unsafe { *h.h_addr_list.add(i) };
            if p.is_null() {
                break;
            }
            // SAFETY: as above.
            let b = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) };
            addrs.push(b.to_vec());
            i += 1;
        }
    }
    Host {
        name: c_ptr_bytes(h.h_name),
        aliases: c_list(h.h_aliases),
        family: h.h_addrtype,
        addrs,
    }
}

/// Runs a `gethostby*_r` call with a growing buffer; the entry, or the
/// `h_errno` of a failure.
fn host_lookup(
    vm: &mut Vm,
    f: impl Fn(*mut libc::hostent, &mut [libc::c_char], *mut *mut libc::hostent, &mut i32) -> i32,
) -> Result<Host, i32> {
    vm.ctx.blocking(|| {
        let mut size = 16384usize;
        loop {
            let mut buf = vec![0 as libc::c_char; size];
            // SAFETY: all-zero bytes are a valid hostent (null pointers).
            let mut he: libc::hostent = unsafe { std::mem::zeroed() };
            let mut res: *mut libc::hostent = std::ptr::null_mut();
            let mut herr: i32 = 0;
            let r = f(&mut he, &mut buf, &mut res, &mut herr);
            if r == libc::ERANGE && size < (1 << 24) {
                size *= 4;
                continue;
            }
            if res.is_null() {
                return Err(if herr == 0 { 1 } else { herr });
            }
            return Ok(copy_hostent(&he));
        }
    })
}

/// `(name, aliases, addresses)` of a host entry.
fn host_tuple(vm: &mut Vm, h: &Host) -> PyResult<Value> {
    let name = vm.new_str(&String::from_utf8_lossy(&h.name));
    let mark = vm.push_root(name);
    let aliases = vm.new_list(&[]);
    vm.push_root(aliases);
    for al in &h.aliases {
        let s = vm.new_str(&String::from_utf8_lossy(al));
        vm.list_append(aliases, s);
    }
    let addrs = vm.new_list(&[]);
    vm.push_root(addrs);
    for ad in &h.addrs {
        let text = match (h.family, ad.len()) {
            (libc::AF_INET, 4) => ntop4([ad[0], ad[1], ad[2], ad[3]]),
            (libc::AF_INET6, 16) => {
                let mut b = [0u8; 16];
                b.copy_from_slice(ad);
                ntop6(b)
            }
            _ => continue,
        };
        let s = vm.new_str(&text);
        vm.list_append(addrs, s);
    }
    let t = vm.new_tuple(&[name, aliases, addrs]);
    vm.pop_roots(mark);
    Ok(t)
}

/// A host name argument of `gethostby*` (`et` format: str or bytes).
fn host_name_arg(vm: &mut Vm, fname: &str, v: Value) -> PyResult<Vec<u8>> {
    if is_str(v) {
        return crate::modules::posix::path::fs_encode(vm, v);
    }
    match Obj::from_value(v).map(|o| o.kind()) {
        Some(Kind::BYTES) => Ok(str_bytes(v).to_vec()),
        Some(K_BYTEARRAY) => Ok(crate::types::bytes::buf(v).unwrap_or_default()),
        _ => {
            let tn = vm.arg_type_name(v);
            Err(vm.type_error(&format!(
                "{fname}() argument 1 must be str, bytes or bytearray, not {tn}"
            )))
        }
    }
}

fn no_nul(vm: &mut Vm, b: Vec<u8>) -> PyResult<CString> {
    CString::new(b).map_err(|_| vm.value_error("embedded null byte"))
}

/// `gethostbyname(host)`: the IPv4 address as a str.
fn gethostbyname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gethostbyname", a, k, 1, 1)?;
    let name = host_name_arg(vm, "gethostbyname", a[0])?;
    vm.audit("socket.gethostbyname", &[a[0]])?;
    let addr = setipaddr(vm, &name, libc::AF_INET)?;
    let (ip, _) = addr.in4();
    Ok(vm.new_str(&ntop4(ip)))
}

/// `gethostbyname_ex(host)`: `(name, aliases, addresses)`.
fn gethostbyname_ex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gethostbyname_ex", a, k, 1, 1)?;
    let name = host_name_arg(vm, "gethostbyname_ex", a[0])?;
    vm.audit("socket.gethostbyname", &[a[0]])?;
    // Resolving first gives getaddrinfo's error for an unknown name.
    setipaddr(vm, &name, libc::AF_INET)?;
    let c = no_nul(vm, name)?;
    let r = host_lookup(vm, |he, buf, res, herr| {
        // SAFETY: every pointer is valid for the call; the buffer length
        // is the slice's.
        unsafe { gethostbyname_r(c.as_ptr(), he, buf.as_mut_ptr(), buf.len(), res, herr) }
    });
    match r {
        Ok(h) => host_tuple(vm, &h),
        Err(code) => Err(h_error(vm, code)),
    }
}

/// `gethostbyaddr(ip)`: `(name, aliases, addresses)`.
fn gethostbyaddr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gethostbyaddr", a, k, 1, 1)?;
    let name = host_name_arg(vm, "gethostbyaddr", a[0])?;
    vm.audit("socket.gethostbyaddr", &[a[0]])?;
    let addr = setipaddr(vm, &name, libc::AF_UNSPEC)?;
    let (bytes, fam): (Vec<u8>, i32) = match addr.family() {
        libc::AF_INET6 => (addr.in6().0.to_vec(), libc::AF_INET6),
        _ => (addr.in4().0.to_vec(), libc::AF_INET),
    };
    let r = host_lookup(vm, |he, buf, res, herr| {
        // SAFETY: `bytes` holds the address of the length passed; the other
        // pointers are valid for the call.
        unsafe {
            gethostbyaddr_r(
                bytes.as_ptr().cast(),
                bytes.len() as libc::socklen_t,
                fam,
                he,
                buf.as_mut_ptr(),
                buf.len(),
                res,
                herr,
            )
        }
    });
    match r {
        Ok(h) => host_tuple(vm, &h),
        Err(code) => Err(h_error(vm, code)),
    }
}

/// A `str` argument (`s` format) as a C string.
fn str_arg(vm: &mut Vm, fname: &str, pos: usize, v: Value) -> PyResult<CString> {
    if !is_str(v) {
        let tn = vm.arg_type_name(v);
        return Err(vm.type_error(&format!("{fname}() argument {pos} must be str, not {tn}")));
    }
    CString::new(str_bytes(v).to_vec()).map_err(|_| vm.value_error("embedded null character"))
}

/// Runs a `getserv*_r`/`getprotobyname_r` style call with a growing buffer.
fn ent_lookup<T: Copy, R>(
    vm: &mut Vm,
    f: impl Fn(*mut T, &mut [libc::c_char], *mut *mut T) -> i32,
    copy: impl Fn(&T) -> R,
) -> Option<R> {
    vm.ctx.blocking(|| {
        let mut size = 4096usize;
        loop {
            let mut buf = vec![0 as libc::c_char; size];
            // SAFETY: the entry structs are plain C structs for which
            // all-zero bytes (null pointers) are valid.
            let mut ent: T = unsafe { std::mem::zeroed() };
            let mut res: *mut T = std::ptr::null_mut();
            let r = f(&mut ent, &mut buf, &mut res);
            if r == libc::ERANGE && size < (1 << 20) {
                size *= 4;
                continue;
            }
            if res.is_null() {
                return None;
            }
            return Some(copy(&ent));
        }
    })
}

/// `getservbyname(servicename[, protocolname])`.
fn getservbyname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "getservbyname", "getservbyname", a, k, 1, 2)?;
    let name = str_arg(vm, "getservbyname", 1, a[0])?;
    let proto = match a.get(1) {
        Some(&p) => Some(str_arg(vm, "getservbyname", 2, p)?),
        None => None,
    };
    let r = ent_lookup(
        vm,
        |ent: *mut libc::servent, buf, res| {
            // SAFETY: the strings are NUL-terminated; the other pointers
            // are valid for the call.
            unsafe {
                getservbyname_r(
                    name.as_ptr(),
                    proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
                    ent,
                    buf.as_mut_ptr(),
                    buf.len(),
                    res,
                )
            }
        },
        |e| u16::from_be(e.s_port as u16),
    );
    match r {
        Some(p) => Ok(Value::int(i64::from(p))),
        None => Err(vm.new_exc(vm.g.e.OSError, "service/proto not found")),
    }
}

/// `getservbyport(port[, protocolname])`.
fn getservbyport(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "getservbyport", "getservbyport", a, k, 1, 2)?;
    let port = crate::args::c_int(vm, a[0])?;
    if !(0..=0xffff).contains(&port) {
        return Err(vm.new_exc(vm.g.e.OverflowError, "getservbyport: port must be 0-65535."));
    }
    let proto = match a.get(1) {
        Some(&p) => Some(str_arg(vm, "getservbyport", 2, p)?),
        None => None,
    };
    let nport = i32::from((port as u16).to_be());
    let r = ent_lookup(
        vm,
        |ent: *mut libc::servent, buf, res| {
            // SAFETY: as in getservbyname.
            unsafe {
                getservbyport_r(
                    nport,
                    proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
                    ent,
                    buf.as_mut_ptr(),
                    buf.len(),
                    res,
                )
            }
        },
        |e| c_ptr_bytes(e.s_name),
    );
    match r {
        Some(n) => Ok(vm.new_str(&String::from_utf8_lossy(&n))),
        None => Err(vm.new_exc(vm.g.e.OSError, "port/proto not found")),
    }
}

/// `getprotobyname(name)`.
fn getprotobyname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "getprotobyname", "getprotobyname", a, k, 1, 1)?;
    let name = str_arg(vm, "getprotobyname", 1, a[0])?;
    let r = ent_lookup(
        vm,
        |ent: *mut libc::protoent, buf, res| {
            // SAFETY: as in getservbyname.
            unsafe { getprotobyname_r(name.as_ptr(), ent, buf.as_mut_ptr(), buf.len(), res) }
        },
        |e| e.p_proto,
    );
    match r {
        Some(p) => Ok(Value::int(i64::from(p))),
        None => Err(vm.new_exc(vm.g.e.OSError, "protocol not found")),
    }
}

/// `gethostname()`.
fn gethostname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "gethostname", a, k, 0, 0)?;
    vm.audit("socket.gethostname", &[])?;
    let mut buf = vec![0 as libc::c_char; 1024];
    // SAFETY: the buffer is writable for the length passed (one byte kept
    // for the terminator).
    let r = unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    let b: Vec<u8> = buf
        .iter()
        .take_while(|c| **c != 0)
        .map(|c| *c as u8)
        .collect();
    crate::modules::posix::path::fs_decode(vm, &b)
}

/// `sethostname(name)`.
fn sethostname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "sethostname", a, k, 1, 1)?;
    vm.audit("socket.sethostname", &[a[0]])?;
    let b = if is_str(a[0]) {
        crate::modules::posix::path::fs_encode(vm, a[0])?
    } else {
        match crate::types::bytes::buf(a[0]) {
            Some(b) => b,
            None => {
                let tn = vm.arg_type_name(a[0]);
                return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
            }
        }
    };
    // SAFETY: the buffer is readable for the length passed.
    let r = unsafe { libc::sethostname(b.as_ptr().cast(), b.len()) };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(Value::NONE)
}

/// `inet_aton(string)`.
fn inet_aton(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "inet_aton", "inet_aton", a, k, 1, 1)?;
    if !is_str(a[0]) {
        let tn = vm.arg_type_name(a[0]);
        return Err(vm.type_error(&format!("inet_aton() argument 1 must be str, not {tn}")));
    }
    match aton(str_bytes(a[0])) {
        Some(b) => Ok(vm.new_bytes(&b)),
        None => Err(vm.new_exc(
            vm.g.e.OSError,
            "illegal IP address string passed to inet_aton",
        )),
    }
}

/// A bytes-like argument (`y*` format).
fn packed_arg(vm: &mut Vm, fname: &str, pos: usize, v: Value) -> PyResult<Vec<u8>> {
    if is_str(v) {
        return Err(vm.type_error(&format!(
            "{fname}() argument {pos} must be bytes-like object, not str"
        )));
    }
    match crate::types::bytes::buf(v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.arg_type_name(v);
            Err(vm.type_error(&format!(
                "{fname}() argument {pos} must be bytes-like object, not {tn}"
            )))
        }
    }
}

/// `inet_ntoa(packed_ip)`.
fn inet_ntoa(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "inet_ntoa", "inet_ntoa", a, k, 1, 1)?;
    let b = packed_arg(vm, "inet_ntoa", 1, a[0])?;
    if b.len() != 4 {
        return Err(vm.new_exc(vm.g.e.OSError, "packed IP wrong length for inet_ntoa"));
    }
    Ok(vm.new_str(&ntop4([b[0], b[1], b[2], b[3]])))
}

/// `inet_pton(af, ip)`.
fn inet_pton(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "inet_pton", "inet_pton", a, k, 2, 2)?;
    let af = crate::args::c_int(vm, a[0])?;
    if !is_str(a[1]) {
        let tn = vm.arg_type_name(a[1]);
        return Err(vm.type_error(&format!("inet_pton() argument 2 must be str, not {tn}")));
    }
    let text = str_of(a[1]).into_owned();
    let r = match af {
        libc::AF_INET => pton4(&text).map(|b| b.to_vec()),
        libc::AF_INET6 => pton6(&text).map(|b| b.to_vec()),
        _ => return Err(os_error(vm, libc::EAFNOSUPPORT)),
    };
    match r {
        Some(b) => Ok(vm.new_bytes(&b)),
        None => Err(vm.new_exc(
            vm.g.e.OSError,
            "illegal IP address string passed to inet_pton",
        )),
    }
}

/// `inet_ntop(af, packed_ip)`.
fn inet_ntop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "inet_ntop", "inet_ntop", a, k, 2, 2)?;
    let af = crate::args::c_int(vm, a[0])?;
    let b = packed_arg(vm, "inet_ntop", 2, a[1])?;
    let bad = |vm: &mut Vm| vm.value_error("invalid length of packed IP address string");
    match af {
        libc::AF_INET => {
            let ip: [u8; 4] = b.as_slice().try_into().map_err(|_| bad(vm))?;
            Ok(vm.new_str(&ntop4(ip)))
        }
        libc::AF_INET6 => {
            let ip: [u8; 16] = b.as_slice().try_into().map_err(|_| bad(vm))?;
            Ok(vm.new_str(&ntop6(ip)))
        }
        _ => Err(vm.value_error(&format!("unknown address family {af}"))),
    }
}

/// The int argument of `htons`/`ntohs` (16 bits).
fn u16_arg(vm: &mut Vm, fname: &str, a: &[Value], k: Value) -> PyResult<u16> {
    crate::args::check(vm, fname, a, k, 1, 1)?;
    let i = vm.index(a[0])?;
    match vm.as_i64(i) {
        Some(x) if (0..=0xffff).contains(&x) => Ok(x as u16),
        Some(x) if x < 0 => Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("{fname}: can't convert negative Python int to C 16-bit unsigned integer"),
        )),
        _ => Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("{fname}: Python int too large to convert to C 16-bit unsigned integer"),
        )),
    }
}

fn htons(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = u16_arg(vm, "htons", a, k)?;
    Ok(Value::int(i64::from(x.to_be())))
}

fn ntohs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = u16_arg(vm, "ntohs", a, k)?;
    Ok(Value::int(i64::from(u16::from_be(x))))
}

/// The int argument of `htonl`/`ntohl` (32 bits).
fn u32_arg(vm: &mut Vm, fname: &str, a: &[Value], k: Value) -> PyResult<u32> {
    crate::args::check(vm, fname, a, k, 1, 1)?;
    if !vm.is_int_like(a[0]) {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("expected int, {tn} found")));
    }
    match vm.as_i64(a[0]) {
        Some(x) if x < 0 => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "can't convert negative value to unsigned int",
        )),
        Some(x) if x <= i64::from(u32::MAX) => Ok(x as u32),
        _ => {
            let neg = vm
                .as_bigint(a[0])
                .is_some_and(|b| b.sign() == num_bigint::Sign::Minus);
            let msg = if neg {
                "can't convert negative value to unsigned int"
            } else {
                "int larger than 32 bits"
            };
            Err(vm.new_exc(vm.g.e.OverflowError, msg))
        }
    }
}

fn htonl(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = u32_arg(vm, "htonl", a, k)?;
    Ok(Value::int(i64::from(x.to_be())))
}

fn ntohl(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = u32_arg(vm, "ntohl", a, k)?;
    Ok(Value::int(i64::from(u32::from_be(x))))
}

/// `CMSG_LEN(length)` / `CMSG_SPACE(length)`.
fn cmsg(vm: &mut Vm, a: &[Value], k: Value, name: &str, space: bool) -> PyResult<Value> {
    crate::args::check(vm, name, a, k, 1, 1)?;
    let n = crate::args::py_ssize_t(vm, a[0])?;
    let hdr = size_of::<libc::cmsghdr>() as i64;
    let align = |x: i64| (x + 7) & !7;
    let limit = i64::from(u32::MAX) - 2 * hdr - 16;
    if n < 0 || n > limit {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("{name}() argument out of range"),
        ));
    }
    let r = if space {
        align(hdr) + align(n)
    } else {
        align(hdr) + n
    };
    Ok(Value::int(r))
}

fn cmsg_len(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    cmsg(vm, a, k, "CMSG_LEN", false)
}

fn cmsg_space(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    cmsg(vm, a, k, "CMSG_SPACE", true)
}

/// `if_nameindex()`: `[(index, name), ...]`.
fn if_nameindex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "if_nameindex", a, k, 0, 0)?;
    // SAFETY: no arguments; the list is freed below.
    let p = unsafe { libc::if_nameindex() };
    if p.is_null() {
        return Err(os_error(vm, last_errno()));
    }
    let mut items: Vec<(u32, Vec<u8>)> = Vec::new();
    let mut i = 0;
    loop {
        // SAFETY: the array ends with an entry whose index is 0.
        let e = unsafe { &*p.add(i) };
        if e.if_index == 0 {
            break;
        }
        items.push((e.if_index, c_ptr_bytes(e.if_name)));
        i += 1;
    }
    // SAFETY: `p` came from if_nameindex and is freed once.
    unsafe { libc::if_freenameindex(p) };
    let out = vm.new_list(&[]);
    let mark = vm.push_root(out);
    for (idx, name) in items {
        let r = crate::modules::posix::path::fs_decode(vm, &name);
        let n = match r {
            Ok(n) => n,
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        };
        vm.push_root(n);
        let t = vm.new_tuple(&[Value::int(i64::from(idx)), n]);
        vm.list_append(out, t);
    }
    vm.pop_roots(mark);
    Ok(out)
}

/// `if_nametoindex(name)`.
fn if_nametoindex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "if_nametoindex", a, k, 1, 1)?;
    let b = host_name_arg(vm, "if_nametoindex", a[0])?;
    let c = no_nul(vm, b)?;
    // SAFETY: a NUL-terminated string.
    let r = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if r == 0 {
        return Err(vm.new_exc(vm.g.e.OSError, "no interface with this name"));
    }
    Ok(Value::int(i64::from(r)))
}

/// `if_indextoname(index)`.
fn if_indextoname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "if_indextoname", a, k, 1, 1)?;
    if !vm.is_int_like(a[0]) {
        return Err(vm.type_error("an integer is required"));
    }
    let idx = match vm.as_i64(a[0]) {
        Some(x) if x < 0 => {
            return Err(vm.new_exc(
                vm.g.e.OverflowError,
                "can't convert negative value to unsigned int",
            ))
        }
        Some(x) if x <= i64::from(u32::MAX) => x as u32,
        _ => return Err(vm.new_exc(vm.g.e.OverflowError, "index too big")),
    };
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: the buffer holds IF_NAMESIZE bytes, as if_indextoname needs.
    let r = unsafe { libc::if_indextoname(idx, buf.as_mut_ptr()) };
    if r.is_null() {
        return Err(os_error(vm, last_errno()));
    }
    let b: Vec<u8> = buf
        .iter()
        .take_while(|c| **c != 0)
        .map(|c| *c as u8)
        .collect();
    crate::modules::posix::path::fs_decode(vm, &b)
}

/// `getdefaulttimeout()`.
fn getdefaulttimeout(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "getdefaulttimeout", a, k, 0, 0)?;
    Ok(timeout_value(vm, default_timeout()))
}

/// `setdefaulttimeout(timeout)`.
fn setdefaulttimeout(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "setdefaulttimeout", a, k, 1, 1)?;
    let t = parse_timeout(vm, a[0])?;
    set_default_timeout(t);
    Ok(Value::NONE)
}

/// `socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0)`.
fn socketpair(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "socketpair", "socketpair", a, k, 0, 3)?;
    let mut v = [libc::AF_UNIX, libc::SOCK_STREAM, 0];
    for (o, &x) in v.iter_mut().zip(a) {
        *o = crate::args::c_int(vm, x)?;
    }
    let mut fds = [-1i32; 2];
    super::sock::with_fd_retry(vm, || {
        // SAFETY: `fds` is writable for two ints.
        let r =
            unsafe { libc::socketpair(v[0], v[1] | libc::SOCK_CLOEXEC, v[2], fds.as_mut_ptr()) };
        if r < 0 {
            Err(last_errno())
        } else {
            Ok(r)
        }
    })?;
    let s0 = match super::sock::new_socket(vm, fds[0], v[0], v[1], v[2]) {
        Ok(s) => s,
        Err(e) => {
            // SAFETY: both descriptors are ours and not yet owned.
            unsafe {
                libc::close(fds[0]);
                libc::close(fds[1]);
            }
            return Err(e);
        }
    };
    let mark = vm.push_root(s0);
    let s1 = match super::sock::new_socket(vm, fds[1], v[0], v[1], v[2]) {
        Ok(s) => s,
        Err(e) => {
            // SAFETY: the second descriptor is not owned by any object.
            unsafe { libc::close(fds[1]) };
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.push_root(s1);
    let t = vm.new_tuple(&[s0, s1]);
    vm.pop_roots(mark);
    Ok(t)
}

/// `dup(fd)`: a new inheritable-off descriptor for the same socket.
fn dup(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "dup", a, k, 1, 1)?;
    let fd = crate::args::c_int(vm, a[0])?;
    // SAFETY: plain integer arguments.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(os_error(vm, last_errno()));
    }
    Ok(Value::int(i64::from(r)))
}

/// `close(fd)`: closes a socket descriptor (ECONNRESET is not an error).
fn close(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "close", a, k, 1, 1)?;
    let fd = crate::args::c_int(vm, a[0])?;
    // SAFETY: closing a descriptor number the program passed, as
    // os.close does.
    if unsafe { libc::close(fd) } < 0 {
        let e = last_errno();
        if e != libc::ECONNRESET {
            return Err(os_error(vm, e));
        }
    }
    Ok(Value::NONE)
}

/// The module functions of this file.
pub(crate) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("getaddrinfo", getaddrinfo),
    ("getnameinfo", getnameinfo),
    ("gethostbyname", gethostbyname),
    ("gethostbyname_ex", gethostbyname_ex),
    ("gethostbyaddr", gethostbyaddr),
    ("getservbyname", getservbyname),
    ("getservbyport", getservbyport),
    ("getprotobyname", getprotobyname),
    ("gethostname", gethostname),
    ("sethostname", sethostname),
    ("inet_aton", inet_aton),
    ("inet_ntoa", inet_ntoa),
    ("inet_pton", inet_pton),
    ("inet_ntop", inet_ntop),
    ("htons", htons),
    ("ntohs", ntohs),
    ("htonl", htonl),
    ("ntohl", ntohl),
    ("CMSG_LEN", cmsg_len),
    ("CMSG_SPACE", cmsg_space),
    ("if_nameindex", if_nameindex),
    ("if_nametoindex", if_nametoindex),
    ("if_indextoname", if_indextoname),
    ("getdefaulttimeout", getdefaulttimeout),
    ("setdefaulttimeout", setdefaulttimeout),
    ("socketpair", socketpair),
    ("dup", dup),
    ("close", close),
];
