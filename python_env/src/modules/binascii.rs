//! The `binascii` module: conversions between binary data and ASCII
//! encodings (hex, base64, uuencode, quoted-printable) and the CRC-32 and
//! CRC-CCITT checksums, as CPython has it in C, with `binascii.Error`
//! (a ValueError) and `binascii.Incomplete`.
//!
//! The `a2b_*` functions take bytes-like objects or ASCII str (CPython's
//! `ascii_buffer` converter); the `b2a_*` functions and the checksums take
//! bytes-like objects only. Every function reads a copy of its input and
//! builds a new bytes object: no state is shared between calls.

use crate::types::clinic;
use engine::runtime::*;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use proto_core::{Obj, Value};
use std::borrow::Cow;

/// The output of an encoder or decoder before it becomes a bytes object: on
/// the native stack while short (the usual small conversion allocates
/// nothing besides its result).
type OutBuf = smallvec::SmallVec<[u8; 256]>;

const MODULE_DOC: &str = "Conversions between binary data and ASCII (hex, base64, uu, \
quoted-printable) and the CRC-32 and CRC-CCITT checksums.";

/// Longest line `b2a_qp` writes (before its soft line break).
const MAXLINESIZE: usize = 76;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The value of a base64 digit, or 64 for any other byte.
/// `b64_value` of every byte, as a table: the decoder's inner loop looks
/// bytes up instead of branching on ranges (random text mispredicts them).
static B64_DECODE: [u8; 256] = {
    let mut t = [64u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = b64_value(c as u8);
        c += 1;
    }
    t
};

const fn b64_value(c: u8) -> u8 {
    match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => 64,
    }
}

/// The CRC-CCITT table (polynomial 0x1021, not reflected).
const CRC_HQX_TABLE: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = (i as u16) << 8;
        let mut k = 0;
        while k < 8 {
            c = if c & 0x8000 != 0 {
                (c << 1) ^ 0x1021
            } else {
                c << 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

// ------------------------------------------------------------------ arguments

/// Module state slot holding `binascii.Error` (the class this module
/// raises even if a program rebinds the attribute).
const STATE_ERROR: usize = 0;

/// `binascii.Error(msg)`.
fn error(vm: &mut Vm, msg: &str) -> PyException {
    match super::_struct::module_state(vm, "binascii", STATE_ERROR) {
        Ok(cls) => vm.new_exc(cls, msg),
        Err(e) => e,
    }
}

/// A contiguous buffer's bytes, or None when `v` exports no buffer.
fn buffer_of(vm: &mut Vm, v: Value) -> PyResult<Option<Vec<u8>>> {
    crate::types::memoryview::require_c_contiguous(vm, v)?;
    match crate::types::bytes::buf(v) {
        Some(b) => Ok(Some(b)),
        None => {
            crate::types::memoryview::check_released(vm, v)?;
            Ok(None)
        }
    }
}

/// CPython's `Py_buffer` converter: a bytes-like object.
fn binary_arg(vm: &mut Vm, v: Value) -> PyResult<Cow<'static, [u8]>> {
    bytes_like(vm, v, |tn| {
        format!("a bytes-like object is required, not '{tn}'")
    })
}

/// CPython's `ascii_buffer` converter: a bytes-like object or an ASCII str
/// (a str's or a bytes object's own bytes in place, as in `binary_arg`).
fn ascii_arg(vm: &mut Vm, v: Value) -> PyResult<Cow<'static, [u8]>> {
    if is_str(v) {
        return match str_of(v) {
            Cow::Borrowed(s) if s.is_ascii() => Ok(Cow::Borrowed(s.as_bytes())),
            _ => Err(vm.value_error("string argument should contain only ASCII characters")),
        };
    }
    bytes_like(vm, v, |tn| {
        format!("argument should be bytes, buffer or ASCII string, not '{tn}'")
    })
}

/// An exact bytes object's own bytes in place (immutable, rooted by the
/// call's arguments), any other buffer's copied; TypeError `message(type
/// name)` for an object without the buffer protocol.
fn bytes_like(
    vm: &mut Vm,
    v: Value,
    message: impl FnOnce(&str) -> String,
) -> PyResult<Cow<'static, [u8]>> {
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
        return Ok(Cow::Borrowed(str_bytes(v)));
    }
    match buffer_of(vm, v)? {
        Some(b) => Ok(Cow::Owned(b)),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&message(&tn)))
        }
    }
}

/// Argument Clinic's `bool(accept={int})`: an int in the C int range.
fn int_flag(vm: &mut Vm, v: Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => Ok(crate::args::py_long_as_int(vm, v)? != 0),
    }
}

/// Clinic's `unsigned_int(bitwise=True)`: `__index__`, then the low 32
/// bits of the two's complement.
fn bitwise_u32(vm: &mut Vm, v: Value) -> PyResult<u32> {
    let i = vm.index(v)?;
    let b = vm.as_bigint(i).unwrap_or_default();
    let low = b & BigInt::from(u32::MAX);
    Ok(low.to_u32().unwrap_or(0))
}

/// A `METH_O` function's checks.
fn meth_o(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<()> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error(&format!("binascii.{name}() takes no keyword arguments")));
    }
    if a.len() != 1 {
        return Err(vm.type_error(&format!(
            "binascii.{name}() takes exactly one argument ({} given)",
            a.len()
        )));
    }
    Ok(())
}

// ------------------------------------------------------------------ uu

fn a2b_uu(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    meth_o(vm, "a2b_uu", a, k)?;
    let data = ascii_arg(vm, a[0])?;
    // CPython reads the length byte even from empty data (the NUL that
    // ends every bytes object), giving 32 zero bytes.
    let first = data.first().copied().unwrap_or(0);
    let mut bin_len = (first.wrapping_sub(b' ') & 0o77) as usize;
    let rest = data.get(1..).unwrap_or(&[]);
    let mut out = Vec::with_capacity(bin_len);
    let (mut leftchar, mut leftbits) = (0u32, 0u32);
    let mut i = 0usize;
    while bin_len > 0 {
        let ch = rest.get(i).copied();
        let v = match ch {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(c) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error(vm, "Illegal char"));
                }
                (c - b' ') & 0o77
            }
        };
        leftchar = (leftchar << 6) | u32::from(v);
        leftbits += 6;
        if leftbits >= 8 {
            leftbits -= 8;
            out.push((leftchar >> leftbits) as u8);
            leftchar &= (1 << leftbits) - 1;
            bin_len -= 1;
        }
        i += 1;
    }
    for &c in rest.iter().skip(i) {
        if c != b' ' && c != b' ' + 64 && c != b'\n' && c != b'\r' {
            return Err(error(vm, "Trailing garbage"));
        }
    }
    Ok(vm.new_bytes(&out))
}

fn b2a_uu(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, backtick] = clinic::unpack(vm, "b2a_uu", a, k, ["", "backtick"], 1, 1, 1)?;
    let data = binary_arg(vm, data.unwrap_or(Value::NONE))?;
    let backtick = int_flag(vm, backtick, false)?;
    if data.len() > 45 {
        return Err(error(vm, "At most 45 bytes at once"));
    }
    let enc = |v: u32| -> u8 {
        if backtick && v == 0 {
            b'`'
        } else {
            b' ' + v as u8
        }
    };
    let mut out = Vec::with_capacity(2 + data.len().div_ceil(3) * 4);
    out.push(enc(data.len() as u32));
    for chunk in data.chunks(3) {
        let mut buf = [0u8; 3];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = (u32::from(buf[0]) << 16) | (u32::from(buf[1]) << 8) | u32::from(buf[2]);
        // CPython pads every group of up to 3 bytes to 4 characters.
        for g in 0..4 {
            out.push(enc((n >> (18 - 6 * g)) & 0x3f));
        }
    }
    out.push(b'\n');
    Ok(vm.new_bytes(&out))
}

// ------------------------------------------------------------------ base64

fn a2b_base64(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, strict] = clinic::unpack(vm, "a2b_base64", a, k, ["", "strict_mode"], 1, 1, 1)?;
    let data = ascii_arg(vm, data.unwrap_or(Value::NONE))?;
    let strict = int_flag(vm, strict, false)?;
    if strict && data.first() == Some(&b'=') {
        return Err(error(vm, "Leading padding not allowed"));
    }
    // Written by index into room sized for the most the input can decode to
    // (three bytes per four characters), then cut to `n`: pushes and
    // `extend_from_slice` cost a capacity check each, an out-of-line call
    // wherever the optimiser's profile did not inline `Vec::reserve`.
    let mut out = OutBuf::from_elem(0u8, data.len() / 4 * 3 + 3);
    let mut n = 0;
    let (mut quad_pos, mut leftchar, mut pads) = (0u8, 0u8, 0u32);
    let mut padding_started = false;
    let mut i = 0;
    while i < data.len() {
        // Whole groups of four alphabet characters, the common case.
        if quad_pos == 0 && !(strict && padding_started) {
            let d = &B64_DECODE;
            while let Some(q) = data.get(i..i + 4) {
                let (w, x, y, z) = (
                    d[q[0] as usize],
                    d[q[1] as usize],
                    d[q[2] as usize],
                    d[q[3] as usize],
                );
                if (w | x | y | z) >= 64 {
                    break;
                }
                out[n..n + 3].copy_from_slice(&[
                    (w << 2) | (x >> 4),
                    (x << 4) | (y >> 2),
                    (y << 6) | z,
                ]);
                n += 3;
                pads = 0;
                i += 4;
            }
            if i >= data.len() {
                break;
            }
        }
        let c = data[i];
        if c == b'=' {
            padding_started = true;
            if quad_pos >= 2 {
                pads += 1;
                if u32::from(quad_pos) + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(error(vm, "Excess data after padding"));
                    }
                    return Ok(vm.new_bytes(&out[..n]));
                }
            }
            i += 1;
            continue;
        }
        let v = B64_DECODE[c as usize];
        if v >= 64 {
            if strict {
                return Err(error(vm, "Only base64 data is allowed"));
            }
            i += 1;
            continue;
        }
        if strict && padding_started {
            return Err(error(vm, "Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                leftchar = v;
            }
            1 => {
                quad_pos = 2;
                out[n] = (leftchar << 2) | (v >> 4);
                n += 1;
                leftchar = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out[n] = (leftchar << 4) | (v >> 2);
                n += 1;
                leftchar = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out[n] = (leftchar << 6) | v;
                n += 1;
                leftchar = 0;
            }
        }
        i += 1;
    }
    match quad_pos {
        0 => Ok(vm.new_bytes(&out[..n])),
        1 => {
            let n = n / 3 * 4 + 1;
            Err(error(
                vm,
                &format!(
                    "Invalid base64-encoded string: number of data characters ({n}) cannot be 1 \
                     more than a multiple of 4"
                ),
            ))
        }
        _ => Err(error(vm, "Incorrect padding")),
    }
}

fn b2a_base64(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, newline] = clinic::unpack(vm, "b2a_base64", a, k, ["", "newline"], 1, 1, 1)?;
    let data = binary_arg(vm, data.unwrap_or(Value::NONE))?;
    let newline = int_flag(vm, newline, true)?;
    // Written by index, as in `a2b_base64`: four characters per whole group,
    // then the padded tail and the newline.
    let groups = data.len() / 3;
    let mut out = OutBuf::from_elem(0u8, data.len().div_ceil(3) * 4 + 1);
    let whole = data.chunks_exact(3);
    let tail = whole.remainder();
    for (c, o) in whole.zip(out.chunks_exact_mut(4)) {
        let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        o.copy_from_slice(&[
            B64[(n >> 18) as usize & 0x3f],
            B64[(n >> 12) as usize & 0x3f],
            B64[(n >> 6) as usize & 0x3f],
            B64[n as usize & 0x3f],
        ]);
    }
    let mut len = groups * 4;
    if !tail.is_empty() {
        let mut buf = [0u8; 3];
        buf[..tail.len()].copy_from_slice(tail);
        let n = (u32::from(buf[0]) << 16) | (u32::from(buf[1]) << 8) | u32::from(buf[2]);
        for g in 0..4 {
            out[len] = if g <= tail.len() {
                B64[((n >> (18 - 6 * g)) & 0x3f) as usize]
            } else {
                b'='
            };
            len += 1;
        }
    }
    if newline {
        out[len] = b'\n';
        len += 1;
    }
    out.truncate(len);
    Ok(vm.new_bytes(&out))
}

// ------------------------------------------------------------------ checksums

fn crc_hqx(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "binascii.crc_hqx", "crc_hqx", a, k, 2, 2)?;
    let data = binary_arg(vm, a[0])?;
    let mut crc = (bitwise_u32(vm, a[1])? & 0xffff) as u16;
    for &b in data.iter() {
        crc = (crc << 8) ^ CRC_HQX_TABLE[usize::from((crc >> 8) as u8 ^ b)];
    }
    Ok(Value::int(i64::from(crc)))
}

/// CRC-32 of `data` continuing from `crc` (zlib's `crc32`).
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    let mut h = crc32fast::Hasher::new_with_initial(crc);
    h.update(data);
    h.finalize()
}

fn crc32(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "binascii.crc32", "crc32", a, k, 1, 2)?;
    let data = binary_arg(vm, a[0])?;
    let crc = match a.get(1) {
        Some(&c) => bitwise_u32(vm, c)?,
        None => 0,
    };
    Ok(Value::int(i64::from(crc32_update(crc, &data))))
}

// ------------------------------------------------------------------ hex

/// `b2a_hex(data, sep=<none>, bytes_per_sep=1)` (also `hexlify`).
fn hex_common(vm: &mut Vm, fname: &str, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, sep, per] =
        clinic::unpack(vm, fname, a, k, ["data", "sep", "bytes_per_sep"], 0, 1, 3)?;
    let data = binary_arg(vm, data.unwrap_or(Value::NONE))?;
    let sep = match sep {
        None => None,
        Some(v) => {
            // _Py_strhex_impl: the length first, then the type.
            let len = vm.len(v)?;
            if len != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if is_str(v) {
                // Returning bytes, CPython keeps the low byte of any code point.
                Some(str_of(v).chars().next().map_or(0, |c| c as u32 as u8))
            } else if Obj::from_value(v).is_some_and(|o| o.kind() == proto_core::Kind::BYTES) {
                Some(str_bytes(v)[0])
            } else {
                return Err(vm.type_error("sep must be str or bytes."));
            }
        }
    };
    let per = match per {
        Some(v) => crate::args::py_long_as_int(vm, v)?,
        None => 1,
    };
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let n = data.len();
    let mut out = Vec::with_capacity(n * 3);
    let g = per.unsigned_abs().max(1) as usize;
    for (i, x) in data.iter().enumerate() {
        if let (Some(c), true) = (sep, i > 0 && per != 0) {
            // Groups of |per| bytes counted from the right (per > 0) or
            // from the left (per < 0).
            let boundary = if per > 0 {
                (n - i).is_multiple_of(g)
            } else {
                i.is_multiple_of(g)
            };
            if boundary {
                out.push(c);
            }
        }
        out.push(HEX[usize::from(x >> 4)]);
        out.push(HEX[usize::from(x & 15)]);
    }
    Ok(vm.new_bytes(&out))
}

fn b2a_hex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    hex_common(vm, "b2a_hex", a, k)
}

fn hexlify(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    hex_common(vm, "hexlify", a, k)
}

fn unhex(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<Value> {
    meth_o(vm, name, a, k)?;
    let data = ascii_arg(vm, a[0])?;
    if data.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks_exact(2) {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(vm.new_bytes(&out))
}

fn a2b_hex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    unhex(vm, "a2b_hex", a, k)
}

fn unhexlify(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    unhex(vm, "unhexlify", a, k)
}

// ------------------------------------------------------------------ quoted-printable

fn a2b_qp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, header] = clinic::unpack(vm, "a2b_qp", a, k, ["data", "header"], 0, 1, 2)?;
    let data = ascii_arg(vm, data.unwrap_or(Value::NONE))?;
    let header = int_flag(vm, header, false)?;
    let n = data.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= n {
                break;
            }
            let d = data[i];
            if d == b'\n' || d == b'\r' {
                // A soft line break: skip to the end of the line.
                if d != b'\n' {
                    while i < n && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < n {
                    i += 1;
                }
            } else if d == b'=' {
                // "==" (from broken encoders) stands for "=".
                out.push(b'=');
                i += 1;
            } else if i + 1 < n && d.is_ascii_hexdigit() && data[i + 1].is_ascii_hexdigit() {
                let h = (d as char).to_digit(16).unwrap_or(0);
                let l = (data[i + 1] as char).to_digit(16).unwrap_or(0);
                out.push((h * 16 + l) as u8);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(vm.new_bytes(&out))
}

fn b2a_qp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, quotetabs, istext, header] = clinic::unpack(
        vm,
        "b2a_qp",
        a,
        k,
        ["data", "quotetabs", "istext", "header"],
        0,
        1,
        4,
    )?;
    let data = binary_arg(vm, data.unwrap_or(Value::NONE))?;
    let quotetabs = int_flag(vm, quotetabs, false)?;
    let istext = int_flag(vm, istext, true)?;
    let header = int_flag(vm, header, false)?;
    Ok(vm.new_bytes(&qp_encode(&data, quotetabs, istext, header)))
}

/// Quoted-printable encoding with CPython's rules: line ends follow the
/// first line end of the data (CRLF if it is one), lines are broken with
/// soft breaks before [`MAXLINESIZE`] columns.
fn qp_encode(data: &[u8], quotetabs: bool, istext: bool, header: bool) -> Vec<u8> {
    const HEXU: &[u8; 16] = b"0123456789ABCDEF";
    let n = data.len();
    let crlf = match memchr::memchr(b'\n', data) {
        Some(p) => p > 0 && data[p - 1] == b'\r',
        None => false,
    };
    let mut out: Vec<u8> = Vec::with_capacity(n + n / 8);
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let (mut i, mut linelen) = (0usize, 0usize);
    while i < n {
        let c = data[i];
        let next = data.get(i + 1).copied();
        let needs_quote = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.'
                && linelen == 0
                && matches!(next, None | Some(b'\n') | Some(b'\r') | Some(0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && next.is_none())
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if needs_quote {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.push(b'=');
            out.push(HEXU[usize::from(c >> 4)]);
            out.push(HEXU[usize::from(c & 15)]);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            linelen = 0;
            // Whitespace before a line end is quoted.
            if let Some(&last) = out.last() {
                if last == b' ' || last == b'\t' {
                    let l = out.len();
                    out[l - 1] = b'=';
                    out.push(HEXU[usize::from(last >> 4)]);
                    out.push(HEXU[usize::from(last & 15)]);
                }
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if next.is_some() && next != Some(b'\n') && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            if header && c == b' ' {
                out.push(b'_');
            } else {
                out.push(c);
            }
            i += 1;
        }
    }
    out
}

/// Creates the `binascii` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "binascii", 1);
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let modname = vm.new_str("binascii");
    vm.push_root(modname);
    for (name, base) in [
        ("Error", vm.g.e.ValueError),
        ("Incomplete", vm.g.e.Exception),
    ] {
        let ns = vm.new_dict();
        vm.push_root(ns);
        let key = vm.intern("__module__");
        vm.dict_set_str(ns, key, modname);
        let n = vm.new_str(name);
        let bases = vm.new_tuple(&[base]);
        let cls = match vm.call(vm.g.types.type_, &[n, bases, ns], Value::EMPTY) {
            Ok(c) => c,
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        };
        vm.set_module_attr(m, name, cls);
        if name == "Error" {
            super::_struct::set_module_state(vm, m, STATE_ERROR, cls);
        }
    }
    let fns: &[(&'static str, NativeFn)] = &[
        ("a2b_uu", a2b_uu),
        ("b2a_uu", b2a_uu),
        ("a2b_base64", a2b_base64),
        ("b2a_base64", b2a_base64),
        ("crc_hqx", crc_hqx),
        ("crc32", crc32),
        ("b2a_hex", b2a_hex),
        ("hexlify", hexlify),
        ("a2b_hex", a2b_hex),
        ("unhexlify", unhexlify),
        ("a2b_qp", a2b_qp),
        ("b2a_qp", b2a_qp),
    ];
    vm.add_module_functions(m, fns);
    vm.pop_roots(mark);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums() {
        assert_eq!(crc32_update(0, b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32_update(crc32_update(0, b"1234"), b"56789"),
            0xCBF4_3926
        );
        let mut crc = 0u16;
        for &b in b"123456789" {
            crc = (crc << 8) ^ CRC_HQX_TABLE[usize::from((crc >> 8) as u8 ^ b)];
        }
        assert_eq!(crc, 0x31C3);
    }

    #[test]
    fn qp_soft_breaks() {
        let line = vec![b'a'; 100];
        let enc = qp_encode(&line, false, true, false);
        assert_eq!(&enc[..76], &[&[b'a'; 75][..], b"="].concat()[..]);
        assert_eq!(qp_encode(b"a \n", false, true, false), b"a=20\n");
    }
}
