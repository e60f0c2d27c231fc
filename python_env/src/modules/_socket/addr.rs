//! Socket addresses: Python address objects to `sockaddr` and back
//! (CPython's `getsockaddrarg`, `makesockaddr`, `setipaddr` and
//! `idna_converter`), for AF_INET, AF_INET6 and AF_UNIX (the Linux
//! abstract namespace included).

use super::*;
use std::mem::size_of;

/// A socket address as the kernel takes it: storage large and aligned
/// enough for every address family, and the length in use.
pub(crate) struct SockAddr {
    pub(crate) st: libc::sockaddr_storage,
    pub(crate) len: libc::socklen_t,
}

/// Offset of `sun_path` in `sockaddr_un` (the size of `sun_family`).
const SUN_PATH_OFFSET: usize = size_of::<libc::sa_family_t>();
/// Size of `sun_path`.
const SUN_PATH_LEN: usize = 108;

impl SockAddr {
    /// Zeroed storage with the full length (for calls that fill it in).
    pub(crate) fn empty() -> SockAddr {
        SockAddr {
            // SAFETY: sockaddr_storage is a plain C struct for which all-zero
            // bytes are a valid value.
            st: unsafe { std::mem::zeroed() },
            len: size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }

    pub(crate) fn as_ptr(&self) -> *const libc::sockaddr {
        (&self.st as *const libc::sockaddr_storage).cast()
    }

    pub(crate) fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        (&mut self.st as *mut libc::sockaddr_storage).cast()
    }

    /// An address holding the C struct `v` (a `sockaddr_in`, `sockaddr_in6`
    /// or `sockaddr_un`).
    fn from_struct<T: Copy>(v: T) -> SockAddr {
        let mut a = SockAddr::empty();
        const { assert!(size_of::<T>() <= size_of::<libc::sockaddr_storage>()) };
        // SAFETY: sockaddr_storage is at least as large as T (checked above)
        // and aligned for every sockaddr type; T is a plain C struct.
        unsafe { std::ptr::write(a.as_mut_ptr().cast::<T>(), v) };
        a.len = size_of::<T>() as libc::socklen_t;
        a
    }

    /// The storage read as the C struct `T`.
    fn read<T: Copy>(&self) -> T {
        const { assert!(size_of::<T>() <= size_of::<libc::sockaddr_storage>()) };
        // SAFETY: as in `from_struct`; every bit pattern is a valid value of
        // these plain C structs, and the storage is fully initialised.
        unsafe { std::ptr::read(self.as_ptr().cast::<T>()) }
    }

    pub(crate) fn family(&self) -> i32 {
        i32::from(self.st.ss_family)
    }

    /// An IPv4 address and port.
    pub(crate) fn v4(ip: [u8; 4], port: u16) -> SockAddr {
        // SAFETY: all-zero bytes are a valid sockaddr_in.
        let mut sin: libc::sockaddr_in = unsafe { std::mem::zeroed() };
        sin.sin_family = libc::AF_INET as libc::sa_family_t;
        sin.sin_port = port.to_be();
        sin.sin_addr.s_addr = u32::from_ne_bytes(ip);
        SockAddr::from_struct(sin)
    }

    /// An IPv6 address, port, flow info and scope id.
    pub(crate) fn v6(ip: [u8; 16], port: u16, flow: u32, scope: u32) -> SockAddr {
        // SAFETY: all-zero bytes are a valid sockaddr_in6.
        let mut sin: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
        sin.sin6_family = libc::AF_INET6 as libc::sa_family_t;
        sin.sin6_port = port.to_be();
        sin.sin6_flowinfo = flow.to_be();
        sin.sin6_addr.s6_addr = ip;
        sin.sin6_scope_id = scope;
        SockAddr::from_struct(sin)
    }

    /// The IPv4 address bytes and port of an AF_INET address.
    pub(crate) fn in4(&self) -> ([u8; 4], u16) {
        let sin: libc::sockaddr_in = self.read();
        (
            sin.sin_addr.s_addr.to_ne_bytes(),
            u16::from_be(sin.sin_port),
        )
    }

    /// Address, port, flow info and scope id of an AF_INET6 address.
    pub(crate) fn in6(&self) -> ([u8; 16], u16, u32, u32) {
        let sin: libc::sockaddr_in6 = self.read();
        (
            sin.sin6_addr.s6_addr,
            u16::from_be(sin.sin6_port),
            u32::from_be(sin.sin6_flowinfo),
            sin.sin6_scope_id,
        )
    }
}

// ------------------------------------------------------------------ text forms

/// `inet_ntop(AF_INET, ...)`.
pub(crate) fn ntop4(ip: [u8; 4]) -> String {
    std::net::Ipv4Addr::from(ip).to_string()
}

/// `inet_ntop(AF_INET6, ...)` as glibc writes it (RFC 5952 compression,
/// and an embedded dotted quad for IPv4-mapped and IPv4-compatible
/// addresses other than `::` and `::1`).
pub(crate) fn ntop6(ip: [u8; 16]) -> String {
    let w: Vec<u16> = (0..8)
        .map(|i| u16::from_be_bytes([ip[2 * i], ip[2 * i + 1]]))
        .collect();
    // The longest run (first of equals) of at least two zero words.
    let (mut best, mut best_len) = (usize::MAX, 0usize);
    let mut i = 0;
    while i < 8 {
        if w[i] == 0 {
            let s = i;
            while i < 8 && w[i] == 0 {
                i += 1;
            }
            if i - s > best_len {
                best = s;
                best_len = i - s;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best = usize::MAX;
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if i == best {
            out.push(':');
            if i + best_len == 8 {
                out.push(':');
            }
            i += best_len;
            continue;
        }
        if i != 0 {
            out.push(':');
        }
        if i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff)) {
            out.push_str(&ntop4([ip[12], ip[13], ip[14], ip[15]]));
            break;
        }
        out.push_str(&format!("{:x}", w[i]));
        i += 1;
    }
    out
}

/// `inet_pton(AF_INET, ...)`: strict dotted quad.
pub(crate) fn pton4(s: &str) -> Option<[u8; 4]> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut out = [0u8; 4];
    for (o, p) in out.iter_mut().zip(parts) {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if p.len() > 1 && p.starts_with('0') {
            return None;
        }
        *o = p.parse::<u8>().ok()?;
    }
    Some(out)
}

/// `inet_pton(AF_INET6, ...)` (a trailing dotted quad allowed).
pub(crate) fn pton6(s: &str) -> Option<[u8; 16]> {
    if s.contains('%') {
        return None;
    }
    s.parse::<std::net::Ipv6Addr>().ok().map(|a| a.octets())
}

/// `inet_aton`: the classic forms `a`, `a.b`, `a.b.c`, `a.b.c.d`, each
/// part decimal, octal (leading 0) or hex (0x); trailing whitespace ends
/// the address.
pub(crate) fn aton(s: &[u8]) -> Option<[u8; 4]> {
    let end = s
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .unwrap_or(s.len());
    let s = &s[..end];
    let text = std::str::from_utf8(s).ok()?;
    let mut parts: Vec<u64> = Vec::new();
    for p in text.split('.') {
        if p.is_empty() {
            return None;
        }
        let (digits, radix) = if let Some(h) = p.strip_prefix("0x").or(p.strip_prefix("0X")) {
            (h, 16)
        } else if p.len() > 1 && p.starts_with('0') {
            (&p[1..], 8)
        } else {
            (p, 10)
        };
        let v = if digits.is_empty() {
            0
        } else {
            u64::from_str_radix(digits, radix).ok()?
        };
        if v > u64::from(u32::MAX) {
            return None;
        }
        parts.push(v);
    }
    let v: u64 = match parts.as_slice() {
        [a] => *a,
        [a, b] if *a <= 0xff && *b <= 0xff_ffff => (a << 24) | b,
        [a, b, c] if *a <= 0xff && *b <= 0xff && *c <= 0xffff => (a << 24) | (b << 16) | c,
        [a, b, c, d] if [a, b, c, d].iter().all(|x| **x <= 0xff) => {
            (a << 24) | (b << 16) | (c << 8) | d
        }
        _ => return None,
    };
    Some((v as u32).to_be_bytes())
}

// ------------------------------------------------------------------ Python -> sockaddr

/// `idna_converter`: a host name argument as bytes (str: ASCII as is,
/// otherwise encoded with the `idna` codec; bytes or bytearray).
pub(crate) fn host_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let b = if is_str(v) {
        let raw = str_bytes(v);
        if raw.is_ascii() {
            raw.to_vec()
        } else {
            let enc = vm.new_str("idna");
            let mark = vm.push_root(enc);
            let r = vm.call_method(v, "encode", &[enc]);
            vm.pop_roots(mark);
            let r = r?;
            str_bytes(r).to_vec()
        }
    } else {
        match Obj::from_value(v).map(|o| o.kind()) {
            Some(Kind::BYTES) => str_bytes(v).to_vec(),
            Some(K_BYTEARRAY) => crate::types::bytes::buf(v).unwrap_or_default(),
            _ => {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!("str, bytes or bytearray expected, not {tn}")));
            }
        }
    };
    if b.contains(&0) {
        return Err(vm.type_error("host name must not contain null character"));
    }
    Ok(b)
}

/// `setipaddr`: the address of host `name` in family `af` (AF_INET,
/// AF_INET6 or AF_UNSPEC): `''` is the wildcard, `'<broadcast>'` the
/// IPv4 broadcast address, numeric forms are parsed, anything else is
/// looked up with `getaddrinfo` (outside the safepoint handshake).
pub(crate) fn setipaddr(vm: &mut Vm, name: &[u8], af: i32) -> PyResult<SockAddr> {
    if name.is_empty() {
        return Ok(if af == libc::AF_INET6 {
            SockAddr::v6([0; 16], 0, 0, 0)
        } else {
            SockAddr::v4([0; 4], 0)
        });
    }
    if name == b"<broadcast>" || name == b"255.255.255.255" {
        if af != libc::AF_INET && af != libc::AF_UNSPEC {
            return Err(vm.new_exc(vm.g.e.OSError, "address family mismatched"));
        }
        return Ok(SockAddr::v4([255; 4], 0));
    }
    if let Ok(text) = std::str::from_utf8(name) {
        if af == libc::AF_INET || af == libc::AF_UNSPEC {
            if let Some(ip) = pton4(text) {
                return Ok(SockAddr::v4(ip, 0));
            }
        }
        if af == libc::AF_INET6 || af == libc::AF_UNSPEC {
            if let Some(ip) = pton6(text) {
                return Ok(SockAddr::v6(ip, 0, 0, 0));
            }
        }
    }
    let host = std::ffi::CString::new(name.to_vec())
        .map_err(|_| vm.type_error("host name must not contain null character"))?;
    let mut list = super::netdb::resolve(vm, Some(&host), None, af, 0, 0, 0)?;
    if list.is_empty() {
        return Err(super::gai_error(vm, libc::EAI_NONAME));
    }
    let first = list.swap_remove(0);
    Ok(first.addr)
}

/// The port item of an address tuple (`i` format, then 0..=65535).
fn port_arg(vm: &mut Vm, v: Value, caller: &str) -> PyResult<u16> {
    let r = crate::args::c_int(vm, v);
    match r {
        Ok(p) if (0..=65535).contains(&p) => Ok(p as u16),
        Ok(_) => Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("{caller}(): port must be 0-65535."),
        )),
        Err(e) => {
            let cls = vm.type_of(e.0);
            if vm.is_subtype(cls, vm.g.e.OverflowError) {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    &format!("{caller}(): port must be 0-65535."),
                ));
            }
            Err(e)
        }
    }
}

/// An unsigned 32-bit item of an AF_INET6 address (`I` format).
fn u32_arg(vm: &mut Vm, v: Value) -> PyResult<u32> {
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(x) if (0..=i64::from(u32::MAX)).contains(&x) => Ok(x as u32),
        Some(x) if x < 0 => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "can't convert negative value to unsigned int",
        )),
        _ => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C unsigned long",
        )),
    }
}

/// `getsockaddrarg`: the address object `v` for a socket of `family`,
/// checked as CPython checks it (messages name `caller`).
pub(crate) fn sockaddr_arg(vm: &mut Vm, family: i32, v: Value, caller: &str) -> PyResult<SockAddr> {
    match family {
        libc::AF_UNIX => {
            let path = if is_str(v) {
                crate::modules::posix::path::fs_encode(vm, v)?
            } else {
                match crate::types::bytes::buf(v) {
                    Some(b) => b,
                    None => {
                        let tn = vm.arg_type_name(v);
                        return Err(
                            vm.type_error(&format!("a bytes-like object is required, not '{tn}'"))
                        );
                    }
                }
            };
            let abstract_ns = path.is_empty() || path[0] == 0;
            let too_long = if abstract_ns {
                path.len() > SUN_PATH_LEN
            } else {
                path.len() >= SUN_PATH_LEN
            };
            if too_long {
                return Err(vm.new_exc(vm.g.e.OSError, "AF_UNIX path too long"));
            }
            // SAFETY: all-zero bytes are a valid sockaddr_un.
            let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
            sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in sun.sun_path.iter_mut().zip(&path) {
                *d = *s as libc::c_char;
            }
            let mut a = SockAddr::from_struct(sun);
            // A regular path includes its terminating NUL.
            let n = path.len() + usize::from(!abstract_ns);
            a.len = (SUN_PATH_OFFSET + n) as libc::socklen_t;
            Ok(a)
        }
        libc::AF_INET => {
            let is_tuple = Obj::from_value(v).is_some_and(|o| o.kind() == Kind::TUPLE);
            if !is_tuple {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!(
                    "{caller}(): AF_INET address must be tuple, not {tn}"
                )));
            }
            let items = vm.seq_items(v);
            if items.len() != 2 {
                return Err(vm.type_error("AF_INET address must be a pair (host, port)"));
            }
            let host = host_bytes(vm, items[0])?;
            let port = port_arg(vm, items[1], caller)?;
            let a = setipaddr(vm, &host, libc::AF_INET)?;
            let (ip, _) = a.in4();
            Ok(SockAddr::v4(ip, port))
        }
        libc::AF_INET6 => {
            let is_tuple = Obj::from_value(v).is_some_and(|o| o.kind() == Kind::TUPLE);
            if !is_tuple {
                let tn = vm.type_name_of(v);
                return Err(vm.type_error(&format!(
                    "{caller}(): AF_INET6 address must be tuple, not {tn}"
                )));
            }
            let items = vm.seq_items(v);
            if !(2..=4).contains(&items.len()) {
                return Err(vm.type_error(
                    "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
                ));
            }
            let host = host_bytes(vm, items[0])?;
            let port = port_arg(vm, items[1], caller)?;
            let flow = match items.get(2) {
                Some(&f) => u32_arg(vm, f)?,
                None => 0,
            };
            let scope = match items.get(3) {
                Some(&s) => u32_arg(vm, s)?,
                None => 0,
            };
            if flow > 0xfffff {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    &format!("{caller}(): flowinfo must be 0-1048575."),
                ));
            }
            let a = setipaddr(vm, &host, libc::AF_INET6)?;
            let (ip, _, _, _) = a.in6();
            Ok(SockAddr::v6(ip, port, flow, scope))
        }
        _ => Err(vm.new_exc(vm.g.e.OSError, &format!("{caller}(): bad family"))),
    }
}

// ------------------------------------------------------------------ sockaddr -> Python

/// `makesockaddr`: the Python form of the address the kernel returned
/// (`None` for an empty one).
pub(crate) fn make_sockaddr(vm: &mut Vm, a: &SockAddr) -> PyResult<Value> {
    if a.len == 0 {
        return Ok(Value::NONE);
    }
    match a.family() {
        libc::AF_INET => {
            let (ip, port) = a.in4();
            let h = vm.new_str(&ntop4(ip));
            let mark = vm.push_root(h);
            let t = vm.new_tuple(&[h, Value::int(i64::from(port))]);
            vm.pop_roots(mark);
            Ok(t)
        }
        libc::AF_INET6 => {
            let (ip, port, flow, scope) = a.in6();
            let h = vm.new_str(&ntop6(ip));
            let mark = vm.push_root(h);
            let t = vm.new_tuple(&[
                h,
                Value::int(i64::from(port)),
                Value::int(i64::from(flow)),
                Value::int(i64::from(scope)),
            ]);
            vm.pop_roots(mark);
            Ok(t)
        }
        libc::AF_UNIX => {
            let sun: libc::sockaddr_un = a.read();
            let n = (a.len as usize)
                .saturating_sub(SUN_PATH_OFFSET)
                .min(SUN_PATH_LEN);
            let path: Vec<u8> = sun.sun_path[..n].iter().map(|c| *c as u8).collect();
            if n > 0 && path[0] == 0 {
                // Linux abstract namespace: the bytes as they are.
                return Ok(vm.new_bytes(&path));
            }
            let end = path.iter().position(|c| *c == 0).unwrap_or(n);
            let p = &path[..end];
            crate::modules::posix::path::fs_decode(vm, p)
        }
        fam => {
            // (family, sa_data) for families without a Python form.
            let sa: libc::sockaddr = a.read();
            let data: Vec<u8> = sa.sa_data.iter().map(|c| *c as u8).collect();
            let b = vm.new_bytes(&data);
            let mark = vm.push_root(b);
            let t = vm.new_tuple(&[Value::int(i64::from(fam)), b]);
            vm.pop_roots(mark);
            Ok(t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_text_matches_glibc() {
        let mut a = [0u8; 16];
        assert_eq!(ntop6(a), "::");
        a[15] = 1;
        assert_eq!(ntop6(a), "::1");
        let b: Vec<u8> = (0..16).collect();
        assert_eq!(
            ntop6(b.try_into().unwrap()),
            "1:203:405:607:809:a0b:c0d:e0f"
        );
        let mut c = [0u8; 16];
        c[12..].copy_from_slice(&[1, 2, 3, 4]);
        assert_eq!(ntop6(c), "::1.2.3.4");
        c[10] = 0xff;
        c[11] = 0xff;
        assert_eq!(ntop6(c), "::ffff:1.2.3.4");
        let d = pton6("2001:db8::1:0:0:1").unwrap();
        assert_eq!(ntop6(d), "2001:db8::1:0:0:1");
        let e = pton6("1:0:0:2:0:0:0:3").unwrap();
        assert_eq!(ntop6(e), "1:0:0:2::3");
    }

    #[test]
    fn aton_forms() {
        assert_eq!(aton(b"1.2"), Some([1, 0, 0, 2]));
        assert_eq!(aton(b"127.1"), Some([127, 0, 0, 1]));
        assert_eq!(aton(b"0x7f.0.0.1"), Some([127, 0, 0, 1]));
        assert_eq!(aton(b"1.2.3.4 junk"), Some([1, 2, 3, 4]));
        assert_eq!(aton(b"x"), None);
        assert_eq!(aton(b"256.1.1.1"), None);
        assert_eq!(pton4("01.2.3.4"), None);
        assert_eq!(pton4("1.2.3.4"), Some([1, 2, 3, 4]));
    }
}
