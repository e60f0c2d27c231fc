//! The `_struct` module: packing Python values into C structs held in bytes
//! and back (`pack`, `unpack`, `pack_into`, `unpack_from`, `iter_unpack`,
//! `calcsize`, the `Struct` class and `struct.error`), as CPython has in C.
//!
//! A format string is parsed once into a [`Format`] (a list of [`Code`]s
//! with their offsets), shared behind an `Arc`: by `Struct` objects and by
//! the module-level functions' cache (at most [`MAXCACHE`] formats, cleared
//! when full, as CPython's `_struct` does).
//!
//! Behaviour follows CPython 3.11 on a 64-bit little-endian host, quirks
//! included: the little-endian (`<`, `=`) table uses the native packers for
//! codes whose standard size equals the native one (`h H i I q Q e`, not
//! `l L f d ?`), so their range errors read like native ones, while `>`/`!`
//! use the standard packers; an `OverflowError` raised while packing an
//! int becomes `struct.error("int too large to convert")`.
//!
//! Concurrency: a `Struct`'s parsed format sits behind a mutex (only
//! `__init__` replaces it); packing and unpacking work on an `Arc` clone.
//! `pack_into` writes into a bytearray (or a view of one) in one atomic
//! step. An `unpack_iterator` keeps a copy of the bytes it walks (CPython
//! keeps the exporter's buffer locked instead, so the two differ only if
//! the bytearray is changed while the iterator runs) and its position
//! under a mutex, so threads sharing it never get the same item twice.

use crate::types::clinic;
use engine::runtime::ops::Num;
use engine::runtime::*;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, AtomicPtr, AtomicU64, Mutex, Ordering};
use proto_core::{Kind, Obj, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Formats the module-level functions keep parsed.
const MAXCACHE: usize = 100;

const MODULE_DOC: &str =
    "Conversion between Python values and C structs held in bytes objects.\n\n\
The first character of a format selects byte order, sizes and alignment:\n\
  @ native order, sizes and alignment (the default); = native order,\n\
  standard sizes; < little-endian; > and ! big-endian (network order).\n\
Each code may be preceded by a repeat count:\n\
  x pad byte; c bytes of length 1; b/B signed/unsigned char; ? bool;\n\
  h/H short; i/I int; l/L long; q/Q long long; n/N ssize_t/size_t and\n\
  P pointer (native mode only); e half float; f float; d double;\n\
  s bytes (the count is its length); p Pascal string (length byte first).\n\
Whitespace between codes is ignored.";

const STRUCT_DOC: &str = "Struct(format)\n--\n\n\
A compiled struct format: pack and unpack values without parsing the\n\
format again. See the module documentation for the format codes.";

/// Byte order and size rules selected by a format's first character.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// `@`: native sizes and alignment.
    Native,
    /// `<` and `=` (this host is little-endian): standard sizes.
    Little,
    /// `>` and `!`: standard sizes.
    Big,
}

/// One format code with its repeat count.
#[derive(Clone, Copy, Debug)]
struct Code {
    /// The format character.
    ch: u8,
    /// Byte offset of the first item.
    offset: usize,
    /// Item size; for `s` and `p`, the whole field's size (the count).
    size: usize,
    /// Number of items (1 for `s` and `p`).
    repeat: usize,
    /// For an integer code of 1, 2, 4 or 8 bytes, the range of small ints
    /// it packs as their plain bytes (`small_int_range`); `lo > hi` for any
    /// other code.
    lo: i64,
    hi: i64,
}

impl Code {
    fn new(ch: u8, offset: usize, size: usize, repeat: usize) -> Code {
        let (lo, hi) = match small_int_range(ch, size) {
            Some(r) if matches!(size, 1 | 2 | 4 | 8) => r,
            _ => (1, 0),
        };
        Code {
            ch,
            offset,
            size,
            repeat,
            lo,
            hi,
        }
    }
}

/// A parsed format.
#[derive(Debug)]
struct Format {
    mode: Mode,
    /// The codes with at least one item (`x` is padding only).
    codes: Vec<Code>,
    /// Total size in bytes.
    size: usize,
    /// Number of values packed or unpacked.
    len: usize,
    /// Codes CPython allocates (its `__sizeof__` counts them).
    ncodes: usize,
}

/// Size and alignment of `ch` in native mode, or None if not a code.
fn native_entry(ch: u8) -> Option<(usize, usize)> {
    Some(match ch {
        b'x' | b'c' | b'b' | b'B' | b's' | b'p' => (1, 0),
        b'?' => (1, 1),
        b'h' | b'H' | b'e' => (2, 2),
        b'i' | b'I' | b'f' => (4, 4),
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'P' | b'd' => (8, 8),
        _ => return None,
    })
}

/// Size of `ch` with standard sizes, or None if not a standard code.
fn std_size(ch: u8) -> Option<usize> {
    Some(match ch {
        b'x' | b'c' | b'b' | b'B' | b's' | b'p' | b'?' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

/// Why a format is refused (all are `struct.error`).
enum ParseError {
    BadChar,
    RepeatWithoutCode,
    TooLong,
    EmbeddedNull,
}

impl ParseError {
    fn message(&self) -> &'static str {
        match self {
            ParseError::BadChar => "bad char in struct format",
            ParseError::RepeatWithoutCode => "repeat count given without format specifier",
            ParseError::TooLong => "total struct size too long",
            ParseError::EmbeddedNull => "embedded null character",
        }
    }
}

/// Parses a format.
fn parse_format(fmt: &[u8]) -> Result<Format, ParseError> {
    if fmt.contains(&0) {
        return Err(ParseError::EmbeddedNull);
    }
    let (mode, body) = match fmt.first() {
        Some(b'@') => (Mode::Native, &fmt[1..]),
        Some(b'<') | Some(b'=') => (Mode::Little, &fmt[1..]),
        Some(b'>') | Some(b'!') => (Mode::Big, &fmt[1..]),
        _ => (Mode::Native, fmt),
    };
    const MAX: usize = isize::MAX as usize;
    let mut codes = Vec::new();
    let (mut size, mut len, mut ncodes) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < body.len() {
        let mut c = body[i];
        i += 1;
        if c.is_ascii_whitespace() || c == 0x0b {
            continue;
        }
        let num = if c.is_ascii_digit() {
            let mut num = (c - b'0') as usize;
            loop {
                let Some(&d) = body.get(i) else {
                    return Err(ParseError::RepeatWithoutCode);
                };
                i += 1;
                if !d.is_ascii_digit() {
                    c = d;
                    break;
                }
                num = num
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((d - b'0') as usize))
                    .filter(|&n| n <= MAX)
                    .ok_or(ParseError::TooLong)?;
            }
            num
        } else {
            1
        };
        let (itemsize, align) = if mode == Mode::Native {
            native_entry(c).ok_or(ParseError::BadChar)?
        } else {
            (std_size(c).ok_or(ParseError::BadChar)?, 0)
        };
        match c {
            b's' | b'p' => {
                len += 1;
                ncodes += 1;
            }
            b'x' => {}
            _ => {
                len = len.checked_add(num).ok_or(ParseError::TooLong)?;
                if num > 0 {
                    ncodes += 1;
                }
            }
        }
        if align > 0 && size > 0 {
            let extra = (align - 1) - (size - 1) % align;
            size = size
                .checked_add(extra)
                .filter(|&s| s <= MAX)
                .ok_or(ParseError::TooLong)?;
        }
        let field = num.checked_mul(itemsize).ok_or(ParseError::TooLong)?;
        let offset = size;
        size = size
            .checked_add(field)
            .filter(|&s| s <= MAX)
            .ok_or(ParseError::TooLong)?;
        match c {
            b's' | b'p' => codes.push(Code::new(c, offset, num, 1)),
            b'x' => {}
            _ if num > 0 => codes.push(Code::new(c, offset, itemsize, num)),
            _ => {}
        }
    }
    Ok(Format {
        mode,
        codes,
        size,
        len,
        ncodes,
    })
}

// ------------------------------------------------------------------ errors

/// A module object with `n` state slots after its dict and name: CPython's
/// module state (as `time` keeps its `struct_time` type), values that a
/// program rebinding the module's attributes does not change. Used by
/// `_struct`, `_sha512` and `binascii`.
pub(crate) fn new_module_with_state(vm: &mut Vm, name: &str, n: usize) -> Value {
    let d = vm.new_dict();
    let m = vm.alloc_obj(K_MODULE, vm.g.types.module, 2 + n, 0);
    m.init(0, d);
    let nm = vm.new_str(name);
    m.init(1, nm);
    for i in 0..n {
        m.init(2 + i, Value::NONE);
    }
    let m = m.value();
    vm.set_module_attr(m, "__name__", nm);
    for k in ["__doc__", "__package__", "__spec__", "__loader__"] {
        vm.set_module_attr(m, k, Value::NONE);
    }
    m
}

/// Stores state slot `i` of module `m` (made by [`new_module_with_state`]).
pub(crate) fn set_module_state(vm: &mut Vm, m: Value, i: usize, v: Value) {
    let o = Obj::from_value(m).expect("module");
    vm.store(o, 2 + i, v);
}

/// State slot `i` of the module `name` (imported, that is found in
/// `sys.modules`, or made anew if a program removed it from there).
pub(crate) fn module_state(vm: &mut Vm, name: &str, i: usize) -> PyResult<Value> {
    let m = vm.import_module(name)?;
    match Obj::from_value(m) {
        Some(o) if o.kind() == K_MODULE && o.n_values() > 2 + i => Ok(o.get(2 + i)),
        _ => Err(vm.new_exc(
            vm.g.e.SystemError,
            &format!("{name} module state is missing"),
        )),
    }
}

/// Module state slots of `_struct`.
const STATE_ERROR: usize = 0;
const STATE_ITER: usize = 1;

/// `struct.error` of this interpreter.
fn struct_error(vm: &mut Vm, msg: &str) -> PyException {
    match module_state(vm, "_struct", STATE_ERROR) {
        Ok(cls) => vm.new_exc(cls, msg),
        Err(e) => e,
    }
}

/// A failure while packing one value, turned into an exception by
/// [`PackError::raise`] (which knows whether the value was an int).
enum PackError {
    /// `struct.error` with this message.
    Struct(String),
    /// CPython's OverflowError from a C conversion of an int: becomes
    /// `struct.error("int too large to convert")` when the value is an int.
    Overflow(&'static str),
    /// Any other exception, already made.
    Exc(PyException),
}

impl From<PyException> for PackError {
    fn from(e: PyException) -> Self {
        PackError::Exc(e)
    }
}

impl PackError {
    fn raise(self, vm: &mut Vm, v: Value) -> PyException {
        match self {
            PackError::Struct(m) => struct_error(vm, &m),
            PackError::Overflow(m) => {
                if vm.is_int_like(v) {
                    struct_error(vm, "int too large to convert")
                } else {
                    vm.new_exc(vm.g.e.OverflowError, m)
                }
            }
            PackError::Exc(e) => {
                if vm.is_int_like(v) && vm.isinstance(e.0, vm.g.e.OverflowError) {
                    struct_error(vm, "int too large to convert")
                } else {
                    e
                }
            }
        }
    }
}

// ------------------------------------------------------------------ packing

/// `get_pylong`: the int value of `v` (an int, or an object with
/// `__index__`), as an i128 (None: beyond the i128 range, which is beyond
/// every code's range).
fn get_int(vm: &mut Vm, v: Value) -> Result<Option<i128>, PackError> {
    let i = if vm.is_int_like(v) {
        v
    } else {
        let tp = vm.type_of(v);
        let name = vm.g.names.__index__;
        if vm.lookup_type(tp, name).is_none() {
            return Err(PackError::Struct(
                "required argument is not an integer".into(),
            ));
        }
        vm.index(v)?
    };
    Ok(match vm.num(i) {
        Some(Num::I(x)) => Some(x as i128),
        Some(Num::B(b)) => b.to_i128(),
        _ => None,
    })
}

const ARG_RANGE: &str = "argument out of range";

/// `get_long`: the value as a C long, else "argument out of range".
fn get_long(vm: &mut Vm, v: Value) -> Result<i64, PackError> {
    get_int(vm, v)?
        .and_then(|x| i64::try_from(x).ok())
        .ok_or_else(|| PackError::Struct(ARG_RANGE.into()))
}

/// `get_ulong`: the value as a C unsigned long, else "argument out of range".
fn get_ulong(vm: &mut Vm, v: Value) -> Result<u64, PackError> {
    get_int(vm, v)?
        .and_then(|x| u64::try_from(x).ok())
        .ok_or_else(|| PackError::Struct(ARG_RANGE.into()))
}

/// `_range_error`: the range message of an integer code of `size` bytes.
fn range_error(ch: u8, size: usize, unsigned: bool) -> PackError {
    let ulargest = u64::MAX >> ((8 - size) * 8);
    let c = ch as char;
    PackError::Struct(if unsigned {
        format!("'{c}' format requires 0 <= number <= {ulargest}")
    } else {
        let largest = (ulargest >> 1) as i64;
        format!("'{c}' format requires {} <= number <= {largest}", !largest)
    })
}

/// `PyFloat_AsDouble`, any failure becoming "required argument is not a float".
fn get_double(vm: &mut Vm, v: Value) -> Result<f64, PackError> {
    crate::types::float::to_float(vm, v)
        .map_err(|_| PackError::Struct("required argument is not a float".into()))
}

/// `PyFloat_Pack2`: IEEE 754 binary16, rounding half to even.
fn pack_half(x: f64) -> Result<u16, PackError> {
    const OVER: &str = "float too large to pack with e format";
    let (sign, e, bits): (u16, i32, u32);
    if x == 0.0 {
        return Ok(if x.is_sign_negative() { 0x8000 } else { 0 });
    } else if x.is_infinite() {
        sign = u16::from(x < 0.0);
        e = 0x1f;
        bits = 0;
    } else if x.is_nan() {
        sign = u16::from(x.is_sign_negative());
        e = 0x1f;
        bits = 512;
    } else {
        sign = u16::from(x < 0.0);
        let ax = x.abs();
        // frexp: ax = f * 2**ex with 0.5 <= f < 1.
        let (mut f, mut ex) = frexp(ax);
        f *= 2.0;
        ex -= 1;
        if ex >= 16 {
            return Err(PackError::Overflow(OVER));
        } else if ex < -25 {
            f = 0.0;
            ex = 0;
        } else if ex < -14 {
            f = ldexp(f, 14 + ex);
            ex = 0;
        } else {
            ex += 15;
            f -= 1.0;
        }
        f *= 1024.0;
        let mut b = f as u32;
        let rest = f - b as f64;
        if rest > 0.5 || (rest == 0.5 && b % 2 == 1) {
            b += 1;
            if b == 1024 {
                b = 0;
                ex += 1;
                if ex == 31 {
                    return Err(PackError::Overflow(OVER));
                }
            }
        }
        e = ex;
        bits = b;
    }
    Ok((sign << 15) | ((e as u16) << 10) | bits as u16)
}

/// `PyFloat_Unpack2`.
fn unpack_half(h: u16) -> f64 {
    let sign = h >> 15 != 0;
    let e = i32::from((h >> 10) & 0x1f);
    let f = f64::from(h & 0x3ff);
    let x = if e == 0x1f {
        if f == 0.0 {
            f64::INFINITY
        } else {
            f64::NAN
        }
    } else if e == 0 {
        ldexp(f / 1024.0, -14)
    } else {
        ldexp(1.0 + f / 1024.0, e - 15)
    };
    if sign {
        -x
    } else {
        x
    }
}

/// `frexp` of a finite positive `x`: (f, e) with x = f * 2**e, 0.5 <= f < 1.
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (f, e) = frexp(x * f64::from_bits(0x4350000000000000)); // 2**54
        return (f, e - 54);
    }
    let f = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (f, exp - 1022)
}

/// `ldexp` for the small exponents used here (exact).
fn ldexp(x: f64, e: i32) -> f64 {
    x * 2f64.powi(e)
}

/// The values an integer code of `size` bytes packs as the low bytes of
/// their two's complement (signed codes, and unsigned ones from 0), within
/// `i64`; None for the other codes.
fn small_int_range(ch: u8, size: usize) -> Option<(i64, i64)> {
    let bits = 8 * size as u32;
    match ch {
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' if (1..=64).contains(&bits) => {
            Some((i64::MIN >> (64 - bits), i64::MAX >> (64 - bits)))
        }
        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' if (1..=64).contains(&bits) => Some((
            0,
            if bits == 64 {
                i64::MAX
            } else {
                (1i64 << bits) - 1
            },
        )),
        _ => None,
    }
}

/// Stores the low `size` bytes (1, 2, 4 or 8) of `x` at `out[at..]` in the
/// mode's order, as one store of that width.
#[inline(always)]
fn put_int(out: &mut [u8], at: usize, size: usize, x: i64, big: bool) {
    match (size, big) {
        (1, _) => out[at] = x as u8,
        (2, false) => out[at..at + 2].copy_from_slice(&(x as u16).to_le_bytes()),
        (2, true) => out[at..at + 2].copy_from_slice(&(x as u16).to_be_bytes()),
        (4, false) => out[at..at + 4].copy_from_slice(&(x as u32).to_le_bytes()),
        (4, true) => out[at..at + 4].copy_from_slice(&(x as u32).to_be_bytes()),
        (8, false) => out[at..at + 8].copy_from_slice(&x.to_le_bytes()),
        (8, true) => out[at..at + 8].copy_from_slice(&x.to_be_bytes()),
        _ => unreachable!("Code::new keeps a range only for sizes 1, 2, 4 and 8"),
    }
}

/// Writes `bytes` (little-endian order) into `out` in the mode's order.
fn put(out: &mut [u8], le: &[u8], big: bool) {
    if big {
        for (o, b) in out.iter_mut().zip(le.iter().rev()) {
            *o = *b;
        }
    } else {
        out.copy_from_slice(le);
    }
}

/// Packs one value of integer or float code `ch` into `out` (its size).
fn pack_item(vm: &mut Vm, mode: Mode, ch: u8, v: Value, out: &mut [u8]) -> Result<(), PackError> {
    let big = mode == Mode::Big;
    // The packers CPython uses: native ones in native mode and, in the
    // little-endian table, for codes whose standard size is the native one.
    let native = match mode {
        Mode::Native => true,
        Mode::Little => matches!(ch, b'h' | b'H' | b'i' | b'I' | b'q' | b'Q'),
        Mode::Big => false,
    };
    let n = out.len();
    match ch {
        b'b' => {
            let x = get_long(vm, v)?;
            if !(-128..=127).contains(&x) {
                return Err(PackError::Struct(
                    "byte format requires -128 <= number <= 127".into(),
                ));
            }
            out[0] = x as u8;
        }
        b'B' => {
            let x = get_long(vm, v)?;
            if !(0..=255).contains(&x) {
                return Err(PackError::Struct(
                    "ubyte format requires 0 <= number <= 255".into(),
                ));
            }
            out[0] = x as u8;
        }
        b'h' | b'i' | b'l' | b'n' if native => {
            let x = get_long(vm, v)?;
            match ch {
                b'h' if !(-32768..=32767).contains(&x) => {
                    return Err(PackError::Struct(
                        "short format requires -32768 <= number <= 32767".into(),
                    ))
                }
                b'i' if i32::try_from(x).is_err() => return Err(range_error(ch, 4, false)),
                _ => {}
            }
            put(out, &x.to_le_bytes()[..n], big);
        }
        b'H' | b'I' | b'L' | b'N' if native => {
            let x = if ch == b'H' {
                let x = get_long(vm, v)?;
                if !(0..=65535).contains(&x) {
                    return Err(PackError::Struct(
                        "ushort format requires 0 <= number <= 65535".into(),
                    ));
                }
                x as u64
            } else {
                let x = get_ulong(vm, v)?;
                if ch == b'I' && u32::try_from(x).is_err() {
                    return Err(range_error(ch, 4, true));
                }
                x
            };
            put(out, &x.to_le_bytes()[..n], big);
        }
        b'q' if native => {
            let x = get_long(vm, v)?;
            put(out, &x.to_le_bytes(), big);
        }
        b'Q' if native => {
            let x = get_ulong(vm, v)?;
            put(out, &x.to_le_bytes(), big);
        }
        b'P' => {
            // PyLong_AsVoidPtr: a C long if negative, else an unsigned long.
            let x = match get_int(vm, v)? {
                Some(x) if x >= i64::MIN as i128 && x <= u64::MAX as i128 => x,
                Some(x) if x >= 0 => {
                    return Err(PackError::Overflow(
                        "Python int too large to convert to C unsigned long",
                    ))
                }
                _ => {
                    return Err(PackError::Overflow(
                        "Python int too large to convert to C long",
                    ))
                }
            };
            put(out, &(x as u64).to_le_bytes(), big);
        }
        b'h' | b'i' | b'l' => {
            let x = get_long(vm, v)?;
            let lim = 1i64 << (n * 8 - 1);
            if !(-lim..lim).contains(&x) {
                return Err(range_error(ch, n, false));
            }
            put(out, &x.to_le_bytes()[..n], big);
        }
        b'H' | b'I' | b'L' => {
            let x = get_ulong(vm, v)?;
            if x >> (n * 8) != 0 {
                return Err(range_error(ch, n, true));
            }
            put(out, &x.to_le_bytes()[..n], big);
        }
        b'q' => {
            let x = get_int(vm, v)?
                .and_then(|x| i64::try_from(x).ok())
                .ok_or(PackError::Overflow("int too big to convert"))?;
            put(out, &x.to_le_bytes(), big);
        }
        b'Q' => {
            let x = match get_int(vm, v)? {
                Some(x) if x < 0 => {
                    return Err(PackError::Overflow(
                        "can't convert negative int to unsigned",
                    ))
                }
                x => x
                    .and_then(|x| u64::try_from(x).ok())
                    .ok_or(PackError::Overflow("int too big to convert"))?,
            };
            put(out, &x.to_le_bytes(), big);
        }
        b'?' => {
            out[0] = u8::from(vm.truthy(v)?);
        }
        b'e' => {
            let x = get_double(vm, v)?;
            put(out, &pack_half(x)?.to_le_bytes(), big);
        }
        b'f' => {
            let x = get_double(vm, v)?;
            let y = x as f32;
            if !native && y.is_infinite() && !x.is_infinite() {
                return Err(PackError::Overflow("float too large to pack with f format"));
            }
            put(out, &y.to_le_bytes(), big);
        }
        b'd' => {
            let x = get_double(vm, v)?;
            put(out, &x.to_le_bytes(), big);
        }
        b'c' => {
            let ok = Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES)
                && str_bytes(v).len() == 1;
            if !ok {
                return Err(PackError::Struct(
                    "char format requires a bytes object of length 1".into(),
                ));
            }
            out[0] = str_bytes(v)[0];
        }
        _ => {
            return Err(PackError::Struct("bad char in struct format".into()));
        }
    }
    Ok(())
}

/// The bytes of a bytes or bytearray value (`s` and `p` accept only those), read
/// in place: they are copied into the packed buffer before any Python code runs.
fn bytes_or_bytearray(v: Value) -> Option<&'static [u8]> {
    crate::types::bytes::held_bytes(v).map(|(_, b)| b)
}

/// `s_pack_internal`: packs `args` (exactly `f.len` values) into `out`
/// (zeroed, `f.size` bytes). On failure `out` holds what was packed before
/// the bad value, as CPython's buffer does.
fn pack_values(vm: &mut Vm, f: &Format, args: &[Value], out: &mut [u8]) -> PyResult<()> {
    let mut it = args.iter().copied();
    for code in &f.codes {
        match code.ch {
            b's' | b'p' => {
                let v = it.next().unwrap_or(Value::NONE);
                let Some(b) = bytes_or_bytearray(v) else {
                    let c = code.ch as char;
                    return Err(struct_error(
                        vm,
                        &format!("argument for '{c}' must be a bytes object"),
                    ));
                };
                let field = &mut out[code.offset..code.offset + code.size];
                if code.ch == b's' {
                    let n = b.len().min(field.len());
                    field[..n].copy_from_slice(&b[..n]);
                } else if !field.is_empty() {
                    let n = b.len().min(field.len() - 1);
                    field[1..1 + n].copy_from_slice(&b[..n]);
                    field[0] = n.min(255) as u8;
                }
            }
            ch => {
                let big = f.mode == Mode::Big;
                for k in 0..code.repeat {
                    let v = it.next().unwrap_or(Value::NONE);
                    let at = code.offset + k * code.size;
                    // A small int in the code's range: its bytes, nothing to
                    // convert or check (the rest, errors included, below).
                    if let Some(x) = v.as_int() {
                        if code.lo <= x && x <= code.hi {
                            put_int(out, at, code.size, x, big);
                            continue;
                        }
                    }
                    let field = &mut out[at..at + code.size];
                    if let Err(e) = pack_item(vm, f.mode, ch, v, field) {
                        return Err(e.raise(vm, v));
                    }
                }
            }
        }
    }
    Ok(())
}

/// A zeroed buffer of `n` bytes for a new bytes object: OverflowError
/// past the largest bytes object (`PyBytes_FromStringAndSize`), else
/// MemoryError when it cannot be had.
fn zeroed(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    // PyBytesObject's header and trailing NUL take 33 bytes.
    if n > isize::MAX as usize - 33 {
        return Err(vm.new_exc(vm.g.e.OverflowError, "byte string is too large"));
    }
    let mut out = Vec::new();
    if out.try_reserve_exact(n).is_err() {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    out.resize(n, 0);
    Ok(out)
}

// ------------------------------------------------------------------ unpacking

/// The unsigned integer in `raw` (1 to 8 bytes) in the given byte order.
/// The usual sizes are read as one load: assembling a little-endian copy
/// byte by byte and reading it back as a `u64` stalls on store forwarding,
/// which made it the largest item of `unpack`.
#[inline]
fn read_uint(raw: &[u8], big: bool) -> u64 {
    match (raw.len(), big) {
        (1, _) => u64::from(raw[0]),
        (2, false) => u64::from(u16::from_le_bytes([raw[0], raw[1]])),
        (2, true) => u64::from(u16::from_be_bytes([raw[0], raw[1]])),
        (4, false) => u64::from(u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]])),
        (4, true) => u64::from(u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]])),
        (8, false) => u64::from_le_bytes(raw.try_into().expect("8 bytes")),
        (8, true) => u64::from_be_bytes(raw.try_into().expect("8 bytes")),
        _ => {
            let fold = |u: u64, &x: &u8| (u << 8) | u64::from(x);
            if big {
                raw.iter().fold(0, fold)
            } else {
                raw.iter().rev().fold(0, fold)
            }
        }
    }
}

/// Unpacks the values of `f` from `b` (exactly `f.size` bytes).
fn unpack_values(vm: &mut Vm, f: &Format, b: &[u8]) -> Value {
    let big = f.mode == Mode::Big;
    let mut items = Items::new();
    for code in &f.codes {
        if code.ch == b's' || code.ch == b'p' {
            let field = &b[code.offset..code.offset + code.size];
            let v = if code.ch == b's' {
                vm.new_bytes(field)
            } else if field.is_empty() {
                vm.new_bytes(&[])
            } else {
                let n = (field[0] as usize).min(field.len() - 1);
                vm.new_bytes(&field[1..1 + n])
            };
            items.push(v);
            continue;
        }
        for k in 0..code.repeat {
            let at = code.offset + k * code.size;
            let raw = &b[at..at + code.size];
            let u = read_uint(raw, big);
            let n = code.size;
            let signed = |u: u64| -> i64 {
                let sh = 64 - 8 * n as u32;
                ((u << sh) as i64) >> sh
            };
            let v = match code.ch {
                b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => vm.new_int(signed(u)),
                b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' | b'P' => match i64::try_from(u) {
                    Ok(x) => vm.new_int(x),
                    Err(_) => vm.new_bigint(BigInt::from(u)),
                },
                b'?' => Value::bool(u != 0),
                b'c' => vm.new_bytes(raw),
                b'e' => vm.new_float(unpack_half(u as u16)),
                b'f' => vm.new_float(f64::from(f32::from_bits(u as u32))),
                _ => vm.new_float(f64::from_bits(u)),
            };
            items.push(v);
        }
    }
    vm.new_tuple(items.as_slice())
}

/// The values of one unpacked record: inline up to 16 (the usual record, no
/// allocation), then on the heap.
struct Items {
    small: [Value; 16],
    n: usize,
    big: Vec<Value>,
}

impl Items {
    fn new() -> Items {
        Items {
            small: [Value::NONE; 16],
            n: 0,
            big: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, v: Value) {
        if self.n < self.small.len() {
            self.small[self.n] = v;
            self.n += 1;
        } else {
            if self.big.is_empty() {
                self.big.extend_from_slice(&self.small);
            }
            self.big.push(v);
        }
    }

    fn as_slice(&self) -> &[Value] {
        if self.big.is_empty() {
            &self.small[..self.n]
        } else {
            &self.big
        }
    }
}

// ------------------------------------------------------------------ format objects

/// The format of `v` (str or bytes) as bytes: a str must be ASCII.
fn format_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if is_str(v) {
        let s = str_of(v);
        if s.is_ascii() {
            return Ok(s.as_bytes().to_vec());
        }
        let e = crate::types::bytes::encode(vm, v, "ascii", "strict")?;
        return Ok(str_bytes(e).to_vec());
    }
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES) {
        return Ok(str_bytes(v).to_vec());
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!(
        "Struct() argument 1 must be a str or bytes object, not {tn}"
    )))
}

/// Parses `raw`, raising `struct.error` on a bad format.
fn compile(vm: &mut Vm, raw: &[u8]) -> PyResult<Arc<Format>> {
    parse_format(raw)
        .map(Arc::new)
        .map_err(|e| struct_error(vm, e.message()))
}

/// The module's cache of parsed formats, keyed by the format's bytes.
static CACHE: Mutex<Option<HashMap<Vec<u8>, Arc<Format>>>> = Mutex::new(None);

/// `cache_struct_converter`: the parsed format of a module-level
/// function's `format` argument, through the cache.
fn cached_format(vm: &mut Vm, v: Value) -> PyResult<Rc<Arc<Format>>> {
    let is_fmt_type = is_str(v) || Obj::from_value(v).is_some_and(|o| o.kind() == Kind::BYTES);
    if !is_fmt_type {
        // CPython looks the format up in a dict first: unhashable formats
        // fail there.
        vm.hash(v)?;
    }
    // The usual case, an ASCII str or bytes: its bytes are the key as they
    // are, and the thread's own recent formats answer without a lock, a hash
    // or an allocation.
    let direct = match Obj::from_value(v) {
        Some(o) if o.kind() == Kind::BYTES => Some(str_bytes(v)),
        Some(o) if o.kind() == Kind::STR && proto_core::layouts::str::is_ascii(o) => {
            Some(str_bytes(v))
        }
        _ => None,
    };
    if let Some(raw) = direct {
        if let Some(f) = recent_lookup(raw) {
            return Ok(f);
        }
    }
    let raw = match direct {
        Some(raw) => raw.to_vec(),
        None => format_bytes(vm, v)?,
    };
    let found = sync::lock(&CACHE)
        .as_ref()
        .and_then(|c| c.get(&raw))
        .cloned();
    let f = match found {
        Some(f) => f,
        None => {
            let f = compile(vm, &raw)?;
            let mut g = sync::lock(&CACHE);
            let c = g.get_or_insert_with(HashMap::new);
            if c.len() >= MAXCACHE {
                c.clear();
            }
            c.insert(raw.clone(), f.clone());
            f
        }
    };
    let f = Rc::new(f);
    recent_insert(raw, f.clone());
    Ok(f)
}

/// Formats a thread used last, in front of [`CACHE`] (module functions called
/// in a loop would otherwise lock it, hash the format and copy its bytes on
/// every call). Valid while its generation equals [`GENERATION`], which
/// `_clearcache` advances; a parsed format never changes, so an entry is
/// never stale in what it says, only in whether `_clearcache` dropped it.
const RECENT: usize = 8;
static GENERATION: AtomicU64 = AtomicU64::new(0);

struct Recent {
    generation: u64,
    /// Most recently used first. A handle is counted without an atomic
    /// operation (the thread's own `Rc`), kept alive by the caller while
    /// Python code it runs evicts the entry.
    entries: Vec<(Vec<u8>, Rc<Arc<Format>>)>,
}

thread_local! {
    static RECENT_FORMATS: RefCell<Recent> =
        const { RefCell::new(Recent { generation: 0, entries: Vec::new() }) };
}

/// Runs `f` on this thread's recent formats, emptied first if
/// `_clearcache` ran since they were filled.
fn with_recent<R>(f: impl FnOnce(&mut Recent) -> R) -> R {
    let generation = GENERATION.load(Ordering::Acquire);
    RECENT_FORMATS.with(|r| {
        let mut r = r.borrow_mut();
        if r.generation != generation {
            r.generation = generation;
            r.entries.clear();
        }
        f(&mut r)
    })
}

fn recent_lookup(raw: &[u8]) -> Option<Rc<Arc<Format>>> {
    with_recent(|r| {
        let i = r.entries.iter().position(|(k, _)| k.as_slice() == raw)?;
        if i > 0 {
            let e = r.entries.remove(i);
            r.entries.insert(0, e);
        }
        Some(r.entries[0].1.clone())
    })
}

fn recent_insert(raw: Vec<u8>, f: Rc<Arc<Format>>) {
    with_recent(|r| {
        r.entries.retain(|(k, _)| *k != raw);
        r.entries.truncate(RECENT - 1);
        r.entries.insert(0, (raw, f));
    })
}

/// Payload of a `_struct.Struct`.
struct StructState {
    /// The parse `current` points at, read without a lock by every method
    /// call: a plain load where a mutex and a reference count cost four
    /// atomic read-modify-writes a call.
    current: AtomicPtr<Format>,
    /// Every format this Struct was given (`__init__` may run again, even
    /// while a method of the same Struct runs with the old parse), each
    /// kept until the Struct dies so that `current`'s target, and any parse
    /// a running method still reads, stays alive. A format given again is
    /// found here, so the list holds distinct formats only.
    kept: Mutex<Vec<(Vec<u8>, Arc<Format>)>>,
    /// The `format` attribute: the bytes `__init__` was last given, even
    /// when they failed to parse (CPython stores them first).
    given: Mutex<Vec<u8>>,
}

impl StructState {
    fn new(raw: Vec<u8>, f: Arc<Format>) -> StructState {
        StructState {
            current: AtomicPtr::new(Arc::as_ptr(&f).cast_mut()),
            given: Mutex::new(raw.clone()),
            kept: Mutex::new(vec![(raw, f)]),
        }
    }

    /// The current parse.
    fn format(&self) -> &Format {
        // SAFETY: `current` always points into an `Arc` that `kept` holds
        // until the payload is dropped, and the payload outlives `&self`.
        unsafe { &*self.current.load(Ordering::Acquire) }
    }

    /// A counted handle on the current parse (for what outlives the call:
    /// an `iter_unpack` iterator).
    fn current_parse(&self) -> Arc<Format> {
        let p = self.current.load(Ordering::Acquire).cast_const();
        let kept = sync::lock(&self.kept);
        let (_, f) = kept
            .iter()
            .find(|(_, f)| Arc::as_ptr(f) == p)
            .expect("the current format is kept");
        f.clone()
    }

    /// The parse of `raw` if this Struct was given it before.
    fn kept_parse(&self, raw: &[u8]) -> Option<Arc<Format>> {
        let kept = sync::lock(&self.kept);
        kept.iter().find(|(r, _)| r == raw).map(|(_, f)| f.clone())
    }

    /// Makes `raw`, parsed as `f`, the current format.
    fn set_current(&self, raw: Vec<u8>, f: Arc<Format>) {
        let mut kept = sync::lock(&self.kept);
        let p = match kept.iter().find(|(r, _)| *r == raw) {
            Some((_, k)) => Arc::as_ptr(k),
            None => {
                let p = Arc::as_ptr(&f);
                kept.push((raw, f));
                p
            }
        };
        self.current.store(p.cast_mut(), Ordering::Release);
    }
}

impl Trace for StructState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// The payload of Struct `v`, or the descriptor TypeError for `name`.
fn state(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static StructState> {
    match Obj::from_value(v).and_then(native_ref::<StructState>) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_struct.Struct' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The current parse of Struct `v` (alive while `v` is: see
/// [`StructState::kept`]), or the descriptor TypeError for `name`.
fn struct_format(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static Format> {
    Ok(state(vm, v, name)?.format())
}

/// The bytes of a bytes-like `v`, or CPython's TypeError.
fn read_buffer(vm: &mut Vm, v: Value) -> PyResult<std::borrow::Cow<'static, [u8]>> {
    crate::types::memoryview::require_c_contiguous(vm, v)?;
    match super::zlib::bytes_like(v) {
        Some(b) => Ok(b),
        None => {
            crate::types::memoryview::check_released(vm, v)?;
            if crate::modules::mmap::is_mmap(v) {
                return Err(vm.new_exc(vm.g.e.ValueError, "mmap closed or invalid"));
            }
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

// ------------------------------------------------------------------ operations

fn do_pack(vm: &mut Vm, f: &Format, args: &[Value]) -> PyResult<Value> {
    if args.len() != f.len {
        return Err(struct_error(
            vm,
            &format!(
                "pack expected {} items for packing (got {})",
                f.len,
                args.len()
            ),
        ));
    }
    if f.size <= 256 {
        // The usual record: packed on the stack, copied once into the bytes.
        let mut buf = [0u8; 256];
        let out = &mut buf[..f.size];
        pack_values(vm, f, args, out)?;
        return Ok(vm.new_bytes(out));
    }
    let mut out = zeroed(vm, f.size)?;
    pack_values(vm, f, args, &mut out)?;
    Ok(vm.new_bytes(&out))
}

/// `pack_into(buffer, offset, *values)` with the arguments after the format.
fn do_pack_into(vm: &mut Vm, f: &Format, args: &[Value]) -> PyResult<Value> {
    if args.len() != f.len + 2 {
        let msg = match args.len() {
            0 => "pack_into expected buffer argument".to_string(),
            1 => "pack_into expected offset argument".to_string(),
            n => format!(
                "pack_into expected {} items for packing (got {})",
                f.len,
                n - 2
            ),
        };
        return Err(struct_error(vm, &msg));
    }
    let target = args[0];
    let writable =
        crate::types::bytes::is_ba(target) || crate::types::memoryview::is_writable(target);
    if !writable {
        crate::types::memoryview::check_released(vm, target)?;
        let tn = vm.type_name_of(target);
        return Err(vm.type_error(&format!(
            "argument must be read-write bytes-like object, not {tn}"
        )));
    }
    let buflen = read_buffer(vm, target)?.len() as i64;
    let offset = index_arg(vm, args[1])?;
    let size = f.size as i64;
    let mut off = offset;
    if off < 0 {
        if off + size > 0 {
            return Err(struct_error(
                vm,
                &format!("no space to pack {size} bytes at offset {off}"),
            ));
        }
        if off + buflen < 0 {
            return Err(struct_error(
                vm,
                &format!("offset {off} out of range for {buflen}-byte buffer"),
            ));
        }
        off += buflen;
    }
    if buflen - off < size {
        return Err(struct_error(
            vm,
            &format!(
                "pack_into requires a buffer of at least {} bytes for packing {size} bytes \
                 at offset {off} (actual buffer size is {buflen})",
                size as u64 + off as u64
            ),
        ));
    }
    let mut out = zeroed(vm, f.size)?;
    let r = pack_values(vm, f, &args[2..], &mut out);
    // CPython packs in place: a failure leaves the values before it written.
    crate::types::memoryview::write_buffer(vm, target, off as usize, &out)?;
    r.map(|_| Value::NONE)
}

/// `PyNumber_AsSsize_t(v, PyExc_IndexError)`.
fn index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    vm.number_as_ssize_t(v, vm.g.e.IndexError)
}

fn do_unpack(vm: &mut Vm, f: &Format, buffer: Value) -> PyResult<Value> {
    let b = read_buffer(vm, buffer)?;
    if b.len() != f.size {
        return Err(struct_error(
            vm,
            &format!("unpack requires a buffer of {} bytes", f.size),
        ));
    }
    Ok(unpack_values(vm, f, &b))
}

fn do_unpack_from(
    vm: &mut Vm,
    f: &Format,
    buffer: Value,
    offset: Option<Value>,
) -> PyResult<Value> {
    // An mmap is read at the offset only (a pack file's header fields):
    // its whole buffer was copied for each record.
    let mapped = crate::modules::mmap::open_len(buffer);
    let b = match mapped {
        Some(_) => None,
        None => Some(read_buffer(vm, buffer)?),
    };
    let mut off = match offset {
        Some(o) => crate::args::py_ssize_t(vm, o)?,
        None => 0,
    };
    let blen = b.as_ref().map_or(mapped.unwrap_or(0), |b| b.len());
    let (size, len) = (f.size as i64, blen as i64);
    if off < 0 {
        if off + size > 0 {
            return Err(struct_error(
                vm,
                &format!("not enough data to unpack {size} bytes at offset {off}"),
            ));
        }
        if off + len < 0 {
            return Err(struct_error(
                vm,
                &format!("offset {off} out of range for {len}-byte buffer"),
            ));
        }
        off += len;
    }
    if len - off < size {
        return Err(struct_error(
            vm,
            &format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes \
                 at offset {off} (actual buffer size is {len})",
                size as u64 + off as u64
            ),
        ));
    }
    let off = off as usize;
    match b {
        Some(b) => Ok(unpack_values(vm, f, &b[off..off + f.size])),
        None => match crate::modules::mmap::read_window(buffer, off, f.size) {
            Some(w) => Ok(unpack_values(vm, f, &w)),
            // Closed or shrunk by the offset's `__index__`: as any buffer.
            None => {
                let b = read_buffer(vm, buffer)?;
                match b.get(off..off + f.size) {
                    Some(w) => Ok(unpack_values(vm, f, w)),
                    None => Err(struct_error(vm, "unpack_from: the buffer changed size")),
                }
            }
        },
    }
}

/// Payload of a `_struct.unpack_iterator`.
struct IterState {
    f: Arc<Format>,
    data: Vec<u8>,
    /// Offset of the next item.
    pos: Mutex<usize>,
}

impl Trace for IterState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

fn do_iter_unpack(vm: &mut Vm, f: Arc<Format>, buffer: Value) -> PyResult<Value> {
    if f.size == 0 {
        return Err(struct_error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    let data = read_buffer(vm, buffer)?;
    if data.len() % f.size != 0 {
        return Err(struct_error(
            vm,
            &format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                f.size
            ),
        ));
    }
    let cls = iter_type(vm)?;
    // Slot 0 is the (absent) instance dict every K_INSTANCE object has.
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1,
        IterState {
            f,
            data: data.into_owned(),
            pos: Mutex::new(0),
        },
    ))
}

/// The `unpack_iterator` class (module state: CPython's module has no
/// attribute for it).
fn iter_type(vm: &mut Vm) -> PyResult<Value> {
    module_state(vm, "_struct", STATE_ITER)
}

fn iter_state(vm: &mut Vm, v: Value) -> PyResult<&'static IterState> {
    match Obj::from_value(v).and_then(native_ref::<IterState>) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("expected a _struct.unpack_iterator")),
    }
}

fn it_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = iter_state(vm, a[0])?;
    let at = {
        let mut p = sync::lock(&s.pos);
        if *p >= s.data.len() {
            None
        } else {
            let at = *p;
            *p += s.f.size;
            Some(at)
        }
    };
    match at {
        Some(at) => Ok(unpack_values(vm, &s.f, &s.data[at..at + s.f.size])),
        None => Err(vm.new_exc(vm.g.e.StopIteration, "")),
    }
}

fn it_iter(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

fn it_length_hint(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = iter_state(vm, a[0])?;
    let p = *sync::lock(&s.pos);
    Ok(vm.new_int((s.data.len().saturating_sub(p) / s.f.size) as i64))
}

fn it_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    // CPython's message, unbalanced quote included.
    Err(vm.type_error("Cannot create 'unpack_iterator objects"))
}

// ------------------------------------------------------------------ module functions

fn n_kw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// The checks of a `METH_O` (`n` 1) or `METH_NOARGS` (`n` 0) callable
/// named `qual`, given `given` positional arguments.
fn fixed(vm: &mut Vm, qual: &str, given: usize, k: Value, n: usize) -> PyResult<()> {
    if n_kw(k) > 0 {
        return Err(vm.type_error(&format!("{qual}() takes no keyword arguments")));
    }
    if given != n {
        let what = if n == 0 {
            "no arguments".to_string()
        } else {
            "exactly one argument".to_string()
        };
        return Err(vm.type_error(&format!("{qual}() takes {what} ({given} given)")));
    }
    Ok(())
}

/// `pack(format, *values)`.
fn m_pack(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if n_kw(k) > 0 {
        return Err(vm.type_error("_struct.pack() takes no keyword arguments"));
    }
    let Some(&fv) = a.first() else {
        return Err(vm.type_error("missing format argument"));
    };
    let f = cached_format(vm, fv)?;
    do_pack(vm, &f, &a[1..])
}

/// `pack_into(format, buffer, offset, *values)`.
fn m_pack_into(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if n_kw(k) > 0 {
        return Err(vm.type_error("_struct.pack_into() takes no keyword arguments"));
    }
    let Some(&fv) = a.first() else {
        return Err(vm.type_error("missing format argument"));
    };
    let f = cached_format(vm, fv)?;
    do_pack_into(vm, &f, &a[1..])
}

fn m_unpack(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "_struct.unpack", "unpack", a, k, 2, 2)?;
    let f = cached_format(vm, a[0])?;
    do_unpack(vm, &f, a[1])
}

fn m_unpack_from(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [fv, buffer, offset] =
        clinic::unpack(vm, "unpack_from", a, k, ["", "buffer", "offset"], 1, 2, 3)?;
    let (Some(fv), Some(buffer)) = (fv, buffer) else {
        return Err(vm.type_error("unpack_from() missing required argument 'buffer' (pos 2)"));
    };
    let f = cached_format(vm, fv)?;
    do_unpack_from(vm, &f, buffer, offset)
}

fn m_iter_unpack(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "_struct.iter_unpack", "iter_unpack", a, k, 2, 2)?;
    let f = Arc::clone(&*cached_format(vm, a[0])?);
    do_iter_unpack(vm, f, a[1])
}

fn m_calcsize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    fixed(vm, "_struct.calcsize", a.len(), k, 1)?;
    let f = cached_format(vm, a[0])?;
    Ok(vm.new_int(f.size as i64))
}

fn m_clearcache(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    fixed(vm, "_struct._clearcache", a.len(), k, 0)?;
    if let Some(c) = sync::lock(&CACHE).as_mut() {
        c.clear();
    }
    GENERATION.fetch_add(1, Ordering::AcqRel);
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ Struct

/// `Struct.__new__(cls, *args, **kwargs)`: an instance with the empty
/// format; `__init__` parses the real one.
fn s_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = n_kw(k);
    let Some(&cls) = a.first().filter(|_| a.len() > nkw) else {
        return Err(vm.type_error("Struct.__new__(): not enough arguments"));
    };
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("Struct.__new__(X): X is not a type object ({tn})")));
    };
    if type_layout(co) != K_INSTANCE || !is_struct_subtype(cls) {
        let n = type_name(cls);
        return Err(vm.type_error(&format!(
            "Struct.__new__({n}): {n} is not a subtype of Struct"
        )));
    }
    let empty = Arc::new(parse_format(b"").map_err(|e| struct_error(vm, e.message()))?);
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        1 + type_nslots(co),
        StructState::new(Vec::new(), empty),
    ))
}

/// Does `cls` derive from the native `Struct` class?
fn is_struct_subtype(cls: Value) -> bool {
    let Some(o) = Obj::from_value(cls) else {
        return false;
    };
    let mro = type_mro(o);
    (0..mro.n_values()).map(|i| mro.get(i)).any(|t| {
        Obj::from_value(t).is_some_and(|o| {
            o.kind() == K_TYPE
                && type_flags(o) & (TF_HEAP | TF_NODICT) == TF_NODICT
                && str_of(o.get(T_NAME)) == "Struct"
        })
    })
}

/// `Struct.__init__(self, format)`.
fn s_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "__init__")?;
    let [fv] = clinic::unpack(vm, "Struct", &a[1..], k, ["format"], 0, 1, 1)?;
    let Some(fv) = fv else {
        return Err(vm.type_error("Struct() missing required argument 'format' (pos 1)"));
    };
    let raw = format_bytes(vm, fv)?;
    sync::lock(&s.given).clone_from(&raw);
    let f = match s.kept_parse(&raw) {
        Some(f) => f,
        None => compile(vm, &raw)?,
    };
    s.set_current(raw, f);
    Ok(Value::NONE)
}

fn s_pack(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let f = struct_format(vm, a[0], "pack")?;
    if n_kw(k) > 0 {
        return Err(vm.type_error("Struct.pack() takes no keyword arguments"));
    }
    do_pack(vm, &f, &a[1..])
}

fn s_pack_into(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let f = struct_format(vm, a[0], "pack_into")?;
    if n_kw(k) > 0 {
        return Err(vm.type_error("Struct.pack_into() takes no keyword arguments"));
    }
    do_pack_into(vm, &f, &a[1..])
}

fn s_unpack(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let f = struct_format(vm, a[0], "unpack")?;
    fixed(vm, "Struct.unpack", a.len() - 1, k, 1)?;
    do_unpack(vm, &f, a[1])
}

fn s_unpack_from(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let f = struct_format(vm, a[0], "unpack_from")?;
    let [buffer, offset] =
        clinic::unpack(vm, "unpack_from", &a[1..], k, ["buffer", "offset"], 0, 1, 2)?;
    let Some(buffer) = buffer else {
        return Err(vm.type_error("unpack_from() missing required argument 'buffer' (pos 1)"));
    };
    do_unpack_from(vm, &f, buffer, offset)
}

fn s_iter_unpack(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let f = state(vm, a[0], "iter_unpack")?.current_parse();
    fixed(vm, "Struct.iter_unpack", a.len() - 1, k, 1)?;
    do_iter_unpack(vm, f, a[1])
}

fn s_sizeof(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let f = struct_format(vm, a[0], "__sizeof__")?;
    fixed(vm, "Struct.__sizeof__", a.len() - 1, k, 0)?;
    // CPython's PyStructObject (56 bytes) and its formatcode array (32
    // bytes per code, plus the terminator).
    Ok(vm.new_int(56 + 32 * (f.ncodes as i64 + 1)))
}

fn s_get_format(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = state(vm, a[0], "format")?;
    let raw = sync::lock(&s.given).clone();
    match std::str::from_utf8(&raw) {
        Ok(t) => Ok(vm.new_str(t)),
        Err(_) => crate::types::bytes::decode(vm, &raw, "utf-8", "strict"),
    }
}

fn s_get_size(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = struct_format(vm, a[0], "size")?;
    Ok(vm.new_int(f.size as i64))
}

/// Creates the `_struct` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_module_with_state(vm, "_struct", 2);
    let mark = vm.push_root(m);
    let modname = vm.new_str("_struct");
    vm.ctx.promote(modname);
    // Rooted: the class statement below runs code that may collect.
    vm.push_root(modname);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);

    // class error(Exception), as PyErr_NewException makes it.
    let ns = vm.new_dict();
    vm.push_root(ns);
    let key = vm.intern("__module__");
    let qual = vm.new_str("struct");
    vm.dict_set_str(ns, key, qual);
    let name = vm.new_str("error");
    let bases = vm.new_tuple(&[vm.g.e.Exception]);
    let err = match vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY) {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    vm.set_module_attr(m, "error", err);
    set_module_state(vm, m, STATE_ERROR, err);

    let it = vm.new_static_type("unpack_iterator", vm.g.types.object, K_INSTANCE, false);
    let ito = Obj::from_value(it).expect("type");
    set_type_flags(ito, type_flags(ito) | TF_NODICT);
    vm.add_attr(it, "__module__", modname);
    vm.add_static(it, "__new__", it_new, false);
    vm.add_method(it, "__next__", it_next);
    vm.add_method(it, "__iter__", it_iter);
    vm.add_method(it, "__length_hint__", it_length_hint);
    vm.declare_arity(it, 0, 0, &["__next__", "__iter__", "__length_hint__"]);

    let t = vm.new_static_type("Struct", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(STRUCT_DOC);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", s_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", s_init),
        ("pack", s_pack),
        ("pack_into", s_pack_into),
        ("unpack", s_unpack),
        ("unpack_from", s_unpack_from),
        ("iter_unpack", s_iter_unpack),
        ("__sizeof__", s_sizeof),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let p = vm.new_native_getset(t, "format", s_get_format, None);
    vm.add_attr(t, "format", p);
    let p = vm.new_native_getset(t, "size", s_get_size, None);
    vm.add_attr(t, "size", p);
    set_module_state(vm, m, STATE_ITER, it);
    vm.set_module_attr(m, "Struct", t);

    let fns: &[(&'static str, NativeFn)] = &[
        ("pack", m_pack),
        ("pack_into", m_pack_into),
        ("unpack", m_unpack),
        ("unpack_from", m_unpack_from),
        ("iter_unpack", m_iter_unpack),
        ("calcsize", m_calcsize),
        ("_clearcache", m_clearcache),
    ];
    vm.add_module_functions(m, fns);
    vm.pop_roots(mark);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_alignment() {
        let f = parse_format(b"cih").ok().expect("parses");
        assert_eq!(f.size, 10);
        let f = parse_format(b"<cih").ok().expect("parses");
        assert_eq!(f.size, 7);
        let f = parse_format(b"3s2xq").ok().expect("parses");
        assert_eq!((f.size, f.len), (16, 2));
        assert!(matches!(parse_format(b"<P"), Err(ParseError::BadChar)));
        assert!(matches!(
            parse_format(b"12"),
            Err(ParseError::RepeatWithoutCode)
        ));
        assert!(matches!(
            parse_format(b"99999999999999999999q"),
            Err(ParseError::TooLong)
        ));
    }

    #[test]
    fn half_floats_round_trip() {
        // Exactly representable values: the smallest normal and subnormal too.
        for x in [
            0.0,
            1.0,
            -2.5,
            65504.0,
            2f64.powi(-14),
            2f64.powi(-24),
            0.333251953125,
        ] {
            let h = pack_half(x).ok().expect("fits");
            assert_eq!(unpack_half(h), x, "{x}");
        }
        assert!(pack_half(65520.0).is_err());
        assert_eq!(pack_half(1.0 + 1.0 / 2048.0).ok(), Some(0x3c00)); // ties to even
    }
}
