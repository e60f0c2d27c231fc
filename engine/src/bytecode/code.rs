//! Code objects, constants, line tables and exception tables.
//!
//! A [`CodeObject`] is immutable once built and is `Send + Sync`: threads
//! share it through an `Arc` and read it with plain loads.  Everything the
//! runtime mutates per code object (inline caches, quickened instructions)
//! lives in side tables that the runtime allocates from
//! [`CodeObject::n_cache_slots`] / [`CodeObject::cache_index`].
//!
//! ## Instruction encoding
//! `code` is a sequence of 16-bit *code units*, stored as byte pairs
//! `[opcode, arg]`.  Operands wider than 8 bits use up to three
//! `EXTENDED_ARG` prefix units (`arg = (prefix_arg << 8) | arg`), exactly as
//! in CPython.  Offsets (jump targets, exception-table ranges, line table,
//! `lasti`) count code units, not bytes.  Jump targets are **absolute** code
//! unit offsets of the target's first unit (which may be an EXTENDED_ARG
//! prefix): absolute targets make the interpreter's jump a single store and
//! let the disassembler and the exception table share one offset space.
//! `JUMP_FORWARD`/`JUMP_BACKWARD` are still distinct so that backward jumps
//! (loops) are the only unconditional safepoints.

use std::fmt;
use std::sync::{Arc, OnceLock};

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::opcodes::Opcode;

/// Code flags (values identical to CPython's `co_flags`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    /// Locals live in fast slots (functions, lambdas, comprehensions).
    pub const OPTIMIZED: CodeFlags = CodeFlags(0x0001);
    /// A new locals namespace is created per call.
    pub const NEWLOCALS: CodeFlags = CodeFlags(0x0002);
    /// Has a `*args` parameter.
    pub const VARARGS: CodeFlags = CodeFlags(0x0004);
    /// Has a `**kwargs` parameter.
    pub const VARKEYWORDS: CodeFlags = CodeFlags(0x0008);
    /// Nested function (defined inside another function).
    pub const NESTED: CodeFlags = CodeFlags(0x0010);
    /// Generator function: calling it returns a generator.
    pub const GENERATOR: CodeFlags = CodeFlags(0x0020);
    /// No free or cell variables: a name only, which CPython 3.11's
    /// compiler and ProtoPy's no longer set.
    pub const NOFREE: CodeFlags = CodeFlags(0x0040);
    /// `async def` coroutine function.
    pub const COROUTINE: CodeFlags = CodeFlags(0x0080);
    /// Generator decorated with types.coroutine (runtime-set only).
    pub const ITERABLE_COROUTINE: CodeFlags = CodeFlags(0x0100);
    /// Async generator function.
    pub const ASYNC_GENERATOR: CodeFlags = CodeFlags(0x0200);
    /// `from __future__ import annotations` was in effect.
    pub const FUTURE_ANNOTATIONS: CodeFlags = CodeFlags(0x0100_0000);

    /// True if every bit of `other` is set.
    pub const fn contains(self, other: CodeFlags) -> bool {
        self.0 & other.0 == other.0
    }
    /// Sets the bits of `other`.
    pub fn insert(&mut self, other: CodeFlags) {
        self.0 |= other.0;
    }
    /// Every named flag with its name, in bit order.
    pub const NAMED: &'static [(CodeFlags, &'static str)] = &[
        (CodeFlags::OPTIMIZED, "OPTIMIZED"),
        (CodeFlags::NEWLOCALS, "NEWLOCALS"),
        (CodeFlags::VARARGS, "VARARGS"),
        (CodeFlags::VARKEYWORDS, "VARKEYWORDS"),
        (CodeFlags::NESTED, "NESTED"),
        (CodeFlags::GENERATOR, "GENERATOR"),
        (CodeFlags::NOFREE, "NOFREE"),
        (CodeFlags::COROUTINE, "COROUTINE"),
        (CodeFlags::ITERABLE_COROUTINE, "ITERABLE_COROUTINE"),
        (CodeFlags::ASYNC_GENERATOR, "ASYNC_GENERATOR"),
        (CodeFlags::FUTURE_ANNOTATIONS, "FUTURE_ANNOTATIONS"),
    ];

    /// Human-readable flag names (for `dis`).
    pub fn names(self) -> Vec<&'static str> {
        Self::NAMED
            .iter()
            .filter(|(f, _)| self.contains(*f))
            .map(|(_, n)| *n)
            .collect()
    }
}

impl std::ops::BitOr for CodeFlags {
    type Output = CodeFlags;
    fn bitor(self, rhs: CodeFlags) -> CodeFlags {
        CodeFlags(self.0 | rhs.0)
    }
}

/// A Python `str` constant.
///
/// Python strings are sequences of code points, and may contain lone
/// surrogates (`"\ud800"`), which Rust's `str` cannot hold.  `PyStr` stores
/// *surrogate-preserving UTF-8* (the "generalized UTF-8" of WTF-8, without
/// WTF-8's pairing rule): ordinary code points are UTF-8, and each surrogate
/// code point U+D800..U+DFFF is encoded on its own as the 3-byte sequence
/// `ED A0..BF 80..BF`.  Two surrogates written in the source stay two code
/// points (as in CPython).  For the usual case (no surrogates) the bytes are
/// valid UTF-8 and [`PyStr::as_str`] returns them for free.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyStr(Box<[u8]>);

impl PyStr {
    /// From ordinary Rust text.
    pub fn new(s: &str) -> PyStr {
        PyStr(s.as_bytes().into())
    }

    /// From code points (each must be `<= 0x10FFFF`; surrogates allowed).
    /// Returns `None` for values above U+10FFFF.
    pub fn from_code_points(cps: impl IntoIterator<Item = u32>) -> Option<PyStr> {
        let mut out = Vec::new();
        for cp in cps {
            push_code_point(&mut out, cp)?;
        }
        Some(PyStr(out.into()))
    }

    /// From surrogate-preserving UTF-8 bytes; `None` if they are malformed.
    pub fn from_bytes(bytes: &[u8]) -> Option<PyStr> {
        let mut i = 0;
        while i < bytes.len() {
            let (_, len) = decode_one(&bytes[i..])?;
            i += len;
        }
        Some(PyStr(bytes.into()))
    }

    /// The raw surrogate-preserving UTF-8 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The text, if it contains no surrogate code points.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// The text with each surrogate replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        match self.as_str() {
            Some(s) => s.to_owned(),
            None => self
                .code_points()
                .map(|c| char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        }
    }

    /// Iterates over the code points.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        let mut i = 0;
        std::iter::from_fn(move || {
            if i >= self.0.len() {
                return None;
            }
            let (cp, len) = decode_one(&self.0[i..]).unwrap_or((0xFFFD, 1));
            i += len;
            Some(cp)
        })
    }

    /// Number of code points (Python `len`).
    pub fn char_len(&self) -> usize {
        match self.as_str() {
            Some(s) => s.chars().count(),
            None => self.code_points().count(),
        }
    }

    /// Python `repr()` of the string.
    pub fn repr(&self) -> String {
        let cps: Vec<u32> = self.code_points().collect();
        let has_single = cps.contains(&('\'' as u32));
        let has_double = cps.contains(&('"' as u32));
        let quote = if has_single && !has_double { '"' } else { '\'' };
        let mut out = String::new();
        out.push(quote);
        for cp in cps {
            match cp {
                0x5C => out.push_str("\\\\"),
                0x0A => out.push_str("\\n"),
                0x0D => out.push_str("\\r"),
                0x09 => out.push_str("\\t"),
                c if c == quote as u32 => {
                    out.push('\\');
                    out.push(quote);
                }
                c if c < 0x20 || c == 0x7F => out.push_str(&format!("\\x{c:02x}")),
                c if (0xD800..=0xDFFF).contains(&c) => out.push_str(&format!("\\u{c:04x}")),
                c => match char::from_u32(c) {
                    Some(ch) if is_printable(c) => out.push(ch),
                    _ if c <= 0xFF => out.push_str(&format!("\\x{c:02x}")),
                    _ if c <= 0xFFFF => out.push_str(&format!("\\u{c:04x}")),
                    _ => out.push_str(&format!("\\U{c:08x}")),
                },
            }
        }
        out.push(quote);
        out
    }
}

/// `str.isprintable` for one code point (CPython 3.11's Unicode 14 table),
/// which decides what `repr` escapes.
pub fn is_printable(c: u32) -> bool {
    if c < 0x80 {
        return (0x20..0x7f).contains(&c);
    }
    // Surrogates (category Cs) are never printable.
    if (0xd800..0xe000).contains(&c) {
        return false;
    }
    let table = super::printable::PRINTABLE;
    let i = table.partition_point(|&(_, hi)| hi < c);
    i < table.len() && table[i].0 <= c
}

/// Appends `cp` (surrogates allowed) in surrogate-preserving UTF-8 (WTF-8);
/// `None` (nothing written) if `cp` is above U+10FFFF. The one encoder of
/// the workspace: the runtime and python_env's text module use it too.
pub fn push_code_point(out: &mut Vec<u8>, cp: u32) -> Option<()> {
    match cp {
        0..=0x7F => out.push(cp as u8),
        0x80..=0x7FF => {
            out.push(0xC0 | (cp >> 6) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
        0x800..=0xFFFF => {
            out.push(0xE0 | (cp >> 12) as u8);
            out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
        0x10000..=0x10FFFF => {
            out.push(0xF0 | (cp >> 18) as u8);
            out.push(0x80 | ((cp >> 12) & 0x3F) as u8);
            out.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        }
        _ => return None,
    }
    Some(())
}

/// Decodes one code point (surrogates allowed) from surrogate-preserving
/// UTF-8, with its length in bytes; `None` if malformed. The one decoder of
/// the workspace.
pub fn decode_one(b: &[u8]) -> Option<(u32, usize)> {
    let first = *b.first()?;
    let cont = |i: usize| -> Option<u32> {
        let c = *b.get(i)?;
        if c & 0xC0 == 0x80 {
            Some(u32::from(c & 0x3F))
        } else {
            None
        }
    };
    match first {
        0x00..=0x7F => Some((u32::from(first), 1)),
        0xC2..=0xDF => Some(((u32::from(first & 0x1F) << 6) | cont(1)?, 2)),
        0xE0..=0xEF => {
            let cp = (u32::from(first & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?;
            if cp < 0x800 {
                return None;
            }
            Some((cp, 3))
        }
        0xF0..=0xF4 => {
            let cp =
                (u32::from(first & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?;
            if !(0x10000..=0x10FFFF).contains(&cp) {
                return None;
            }
            Some((cp, 4))
        }
        _ => None,
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr::new(s)
    }
}

/// A compile-time constant (`co_consts` entry).
#[derive(Clone)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An int that fits in an `i64`.
    Int(i64),
    /// An int outside the `i64` range (always normalized: never fits `i64`).
    BigInt(Box<BigInt>),
    /// A float.
    Float(f64),
    /// A complex number `(real, imag)`.
    Complex(f64, f64),
    /// A str.
    Str(PyStr),
    /// A bytes object.
    Bytes(Box<[u8]>),
    /// A tuple of constants.
    Tuple(Box<[Constant]>),
    /// A frozenset of constants (emitted for `x in {consts...}`); element
    /// order is the source order with duplicates removed.
    FrozenSet(Box<[Constant]>),
    /// `...`.
    Ellipsis,
    /// A nested code object.
    Code(Arc<CodeObject>),
    /// A nested code object of a bytecode-cache file, not decoded yet
    /// (made only by `serialize::deserialize_cached`).
    LazyCode(Arc<super::serialize::LazyCode>),
}

impl Constant {
    /// An int constant from a big integer, normalized to `Int` when it fits.
    pub fn int(value: BigInt) -> Constant {
        match value.to_i64() {
            Some(v) => Constant::Int(v),
            None => Constant::BigInt(Box::new(value)),
        }
    }

    /// A str constant.
    pub fn str(s: &str) -> Constant {
        Constant::Str(PyStr::new(s))
    }

    /// The int value as a `BigInt`, if this is an int (not bool).
    pub fn as_bigint(&self) -> Option<BigInt> {
        match self {
            Constant::Int(v) => Some(BigInt::from(*v)),
            Constant::BigInt(b) => Some((**b).clone()),
            _ => None,
        }
    }

    /// Python truthiness of the constant.
    pub fn truthy(&self) -> bool {
        match self {
            Constant::None => false,
            Constant::Bool(b) => *b,
            Constant::Int(v) => *v != 0,
            Constant::BigInt(_) => true,
            Constant::Float(f) => *f != 0.0,
            Constant::Complex(r, i) => *r != 0.0 || *i != 0.0,
            Constant::Str(s) => !s.as_bytes().is_empty(),
            Constant::Bytes(b) => !b.is_empty(),
            Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
            Constant::Ellipsis | Constant::Code(_) | Constant::LazyCode(_) => true,
        }
    }

    /// Python type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Constant::None => "NoneType",
            Constant::Bool(_) => "bool",
            Constant::Int(_) | Constant::BigInt(_) => "int",
            Constant::Float(_) => "float",
            Constant::Complex(..) => "complex",
            Constant::Str(_) => "str",
            Constant::Bytes(_) => "bytes",
            Constant::Tuple(_) => "tuple",
            Constant::FrozenSet(_) => "frozenset",
            Constant::Ellipsis => "ellipsis",
            Constant::Code(_) | Constant::LazyCode(_) => "code",
        }
    }

    /// Identity used for de-duplicating `consts`: same type and same value,
    /// floats compared bitwise (so `0.0` and `-0.0` stay distinct and NaNs
    /// with the same bits merge), code objects by pointer.
    pub fn same_constant(&self, other: &Constant) -> bool {
        use Constant as C;
        match (self, other) {
            (C::None, C::None) | (C::Ellipsis, C::Ellipsis) => true,
            (C::Bool(a), C::Bool(b)) => a == b,
            (C::Int(a), C::Int(b)) => a == b,
            (C::BigInt(a), C::BigInt(b)) => a == b,
            (C::Float(a), C::Float(b)) => a.to_bits() == b.to_bits(),
            (C::Complex(a, b), C::Complex(c, d)) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (C::Str(a), C::Str(b)) => a == b,
            (C::Bytes(a), C::Bytes(b)) => a == b,
            (C::Tuple(a), C::Tuple(b)) | (C::FrozenSet(a), C::FrozenSet(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same_constant(y))
            }
            (C::Code(a), C::Code(b)) => Arc::ptr_eq(a, b),
            (C::LazyCode(a), C::LazyCode(b)) => a.same(b),
            _ => false,
        }
    }

    /// Python `repr()` (used by the disassembler).
    pub fn repr(&self) -> String {
        match self {
            Constant::None => "None".into(),
            Constant::Bool(true) => "True".into(),
            Constant::Bool(false) => "False".into(),
            Constant::Int(v) => v.to_string(),
            Constant::BigInt(v) => v.to_string(),
            Constant::Float(f) => float_repr(*f),
            Constant::Complex(r, i) => {
                if *r == 0.0 && r.is_sign_positive() {
                    format!("{}j", float_repr_short(*i))
                } else {
                    let sign = if *i < 0.0
                        || (*i == 0.0 && i.is_sign_negative())
                        || i.is_nan() && i.is_sign_negative()
                    {
                        "-"
                    } else {
                        "+"
                    };
                    format!(
                        "({}{}{}j)",
                        float_repr_short(*r),
                        sign,
                        float_repr_short(i.abs())
                    )
                }
            }
            Constant::Str(s) => s.repr(),
            Constant::Bytes(b) => bytes_repr(b),
            Constant::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(Constant::repr).collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Constant::FrozenSet(items) => {
                let parts: Vec<String> = items.iter().map(Constant::repr).collect();
                if parts.is_empty() {
                    "frozenset()".into()
                } else {
                    format!("frozenset({{{}}})", parts.join(", "))
                }
            }
            Constant::Ellipsis => "Ellipsis".into(),
            Constant::Code(c) => format!(
                "<code object {}, file \"{}\", line {}>",
                c.name, c.filename, c.first_lineno
            ),
            Constant::LazyCode(lazy) => match lazy.code() {
                Ok(c) => Constant::Code(c).repr(),
                Err(e) => format!("<code object: {e}>"),
            },
        }
    }
}

impl fmt::Debug for Constant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}

impl PartialEq for Constant {
    fn eq(&self, other: &Constant) -> bool {
        self.same_constant(other)
    }
}

/// Python's `repr(float)` (shortest round-trip digits).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-4..1e16).contains(&abs) {
        // Scientific notation like Python: 1e+16, 1.5e-05.
        let s = format!("{f:e}");
        let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", exp.abs());
    }
    let s = format!("{f:?}");
    if s.contains('.') || s.contains('e') {
        s
    } else {
        format!("{s}.0")
    }
}

fn float_repr_short(f: f64) -> String {
    let s = float_repr(f);
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Python's `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let has_single = b.contains(&b'\'');
    let has_double = b.contains(&b'"');
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7E => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// Source position of an instruction: 1-based lines, 0-based columns in
/// UTF-8 bytes from the start of the line (as CPython's `co_positions`).
/// `line == 0` means "no location" (artificial instruction).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    /// First line (1-based), 0 if unknown.
    pub line: u32,
    /// Last line (1-based).
    pub end_line: u32,
    /// Start column (0-based UTF-8 byte offset in `line`).
    pub col: u32,
    /// End column (0-based, exclusive, UTF-8 byte offset in `end_line`).
    pub end_col: u32,
}

/// Run-length line table: entry `i` gives the location of every code unit
/// from `entries[i].0` up to the next entry's offset.  Lookups (tracebacks)
/// binary-search; the table stays small because consecutive instructions of
/// one expression share locations only when they really are equal.
///
/// A table read from the bytecode cache keeps its serialized bytes and is
/// decoded on first use: most loaded functions never raise, trace or ask
/// for their lines, and decoding every table was 7 M of the 128 M
/// instructions that `import os, re, io, argparse, logging, subprocess`
/// took (see ARCHITECTURE.md, "The bytecode cache").
#[derive(Clone, Debug, Default)]
pub struct LineTable {
    /// `(first code unit, location)` sorted by offset; the first entry
    /// starts at 0. Unset while `encoded` holds the table.
    entries: OnceLock<Box<[(u32, Location)]>>,
    /// The entry count and the serializer's encoding of the entries
    /// (`serialize::decode_line_entries`), for a table not decoded yet.
    encoded: Option<(u32, Box<[u8]>)>,
    /// Per code unit, the line a tracing loop reports there
    /// ([`CodeObject::event_line`]) and the unit's own line (0: none), made
    /// when the code is first traced.
    event_lines: OnceLock<Box<[[u32; 2]]>>,
}

impl LineTable {
    /// A table of decoded entries.
    pub fn new(entries: Box<[(u32, Location)]>) -> Self {
        LineTable {
            entries: OnceLock::from(entries),
            encoded: None,
            event_lines: OnceLock::new(),
        }
    }

    /// A table of `n` entries in the serializer's encoding, decoded when
    /// first read. Bytes that do not decode give an empty table (only
    /// checksummed cache bytes come here; `deserialize` decodes eagerly).
    pub(crate) fn encoded(n: u32, bytes: Box<[u8]>) -> Self {
        LineTable {
            entries: OnceLock::new(),
            encoded: Some((n, bytes)),
            event_lines: OnceLock::new(),
        }
    }

    /// The entries, decoded on first use.
    pub fn entries(&self) -> &[(u32, Location)] {
        self.entries.get_or_init(|| match &self.encoded {
            Some((n, bytes)) => super::serialize::decode_line_entries(bytes, *n as usize)
                .map(Vec::into_boxed_slice)
                .unwrap_or_default(),
            None => Box::default(),
        })
    }

    /// The entries, to change in place (decoded first).
    pub fn entries_mut(&mut self) -> &mut [(u32, Location)] {
        self.entries();
        self.encoded = None;
        self.event_lines = OnceLock::new();
        self.entries.get_mut().map_or(&mut [], |e| &mut e[..])
    }

    /// Bytes this table holds from the system allocator.
    pub fn heap_bytes(&self) -> usize {
        self.entries
            .get()
            .map_or(0, |e| malloc_chunk(std::mem::size_of_val(&**e)))
            + self
                .encoded
                .as_ref()
                .map_or(0, |(_, b)| malloc_chunk(b.len()))
    }

    /// Location of the instruction whose (first or only) unit is at `offset`.
    pub fn lookup(&self, offset: u32) -> Location {
        let entries = self.entries();
        let idx = entries.partition_point(|(start, _)| *start <= offset);
        if idx == 0 {
            Location::default()
        } else {
            entries[idx - 1].1
        }
    }

    /// The line of the instruction at `offset` or, when it has none (0), of
    /// the nearest instruction before it that has one; 0 when none has.
    pub fn line_at_or_before(&self, offset: u32) -> u32 {
        let entries = self.entries();
        let idx = entries.partition_point(|(start, _)| *start <= offset);
        entries[..idx]
            .iter()
            .rev()
            .map(|(_, l)| l.line)
            .find(|&l| l != 0)
            .unwrap_or(0)
    }
}

impl PartialEq for LineTable {
    fn eq(&self, other: &Self) -> bool {
        self.entries() == other.entries()
    }
}

impl Eq for LineTable {}

/// One exception-table entry (CPython 3.11 semantics): if an exception is
/// raised by an instruction whose unit offset is in `start..end`, the runtime
/// pops the value stack down to `depth` items, pushes the offset of the
/// raising instruction as an int if `lasti`, pushes the exception, and jumps
/// to `target`.  Entries never overlap; an instruction not covered by any
/// entry propagates the exception out of the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExceptionEntry {
    /// First covered code unit.
    pub start: u32,
    /// One past the last covered code unit.
    pub end: u32,
    /// Handler code unit.
    pub target: u32,
    /// Stack depth to unwind to before pushing.
    pub depth: u32,
    /// Whether to push the raising instruction's offset.
    pub lasti: bool,
}

/// A decoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Offset of the first unit (an EXTENDED_ARG prefix if any).
    pub start: u32,
    /// Offset of the unit holding the opcode.
    pub offset: u32,
    /// The opcode.
    pub op: Opcode,
    /// The full operand.
    pub arg: u32,
}

/// Marker in [`CodeObject::cache_index`] for instructions without a cache.
pub const NO_CACHE: u32 = u32::MAX;

/// An immutable compiled code object.
///
/// **Stream invariant** (the interpreter fetches instructions and indexes
/// `consts`/`names` without bounds checks on the strength of it): every
/// operand of a Const/Name/Local/Deref-kind instruction indexes its table in
/// range, every jump and exception-handler target is the start of an
/// instruction, and the last instruction never falls through (its flow is
/// `Jump` or `Stop`). The compiler produces only such code (checked in debug
/// builds and by `compiler::tests::golden_programs_validate`);
/// [`crate::bytecode::serialize::validate`] rejects loaded code without it.
#[derive(Clone)]
pub struct CodeObject {
    /// `co_name`.
    pub name: Arc<str>,
    /// `co_qualname`.
    pub qualname: Arc<str>,
    /// Source file name.
    pub filename: Arc<str>,
    /// First source line of the definition (decorators included).
    pub first_lineno: u32,
    /// Positional parameters (including positional-only).
    pub argcount: u32,
    /// Positional-only parameters.
    pub posonlyargcount: u32,
    /// Keyword-only parameters.
    pub kwonlyargcount: u32,
    /// Flags.
    pub flags: CodeFlags,
    /// Local variable names; parameters first (positional, keyword-only,
    /// `*args`, `**kwargs`), then other locals.
    pub varnames: Box<[Arc<str>]>,
    /// Variables of this scope captured by inner scopes (sorted).
    pub cellvars: Box<[Arc<str>]>,
    /// Variables captured from enclosing scopes (sorted), filled from the
    /// function's closure tuple.
    pub freevars: Box<[Arc<str>]>,
    /// For each cellvar: the parameter index whose value initializes the
    /// cell at frame entry (`None`: the cell starts empty).
    pub cell2arg: Box<[Option<u32>]>,
    /// Global / attribute / import names.
    pub names: Box<[Arc<str>]>,
    /// Constants.  For function and lambda code, `consts[0]` is the
    /// docstring (a str) or None.
    pub consts: Box<[Constant]>,
    /// Instruction stream: byte pairs `[opcode, arg]`.
    pub code: Box<[u8]>,
    /// Source positions.
    pub linetable: LineTable,
    /// Zero-cost exception handling table.
    pub exception_table: Box<[ExceptionEntry]>,
    /// Maximum value-stack depth.
    pub max_stackdepth: u32,
    /// Number of inline-cache slots the runtime must allocate per code object.
    pub n_cache_slots: u32,
    /// Per code unit: the cache slot of the instruction whose opcode unit is
    /// at that offset, or [`NO_CACHE`].
    pub cache_index: Box<[u32]>,
}

impl fmt::Debug for CodeObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<code object {} file {:?} line {}>",
            self.qualname, self.filename, self.first_lineno
        )
    }
}

/// Bytes the system allocator uses for an allocation of `n` bytes: glibc's
/// chunk (an 8-byte size header, 16-byte alignment, 32 bytes at least);
/// nothing for an empty allocation, which Rust does not make.
pub fn malloc_chunk(n: usize) -> usize {
    if n == 0 {
        0
    } else {
        ((n + 8 + 15) & !15).max(32)
    }
}

impl CodeObject {
    /// Bytes this code object holds from the system allocator, its nested
    /// code objects excepted (each is counted by its own code value): an
    /// estimate for the collector's external-memory accounting. Every
    /// allocation is counted as the chunk the allocator gives it
    /// ([`malloc_chunk`]), the `Arc` holding this object included: a small
    /// program's code is mostly short names and tables, whose chunk overhead
    /// is as large as their contents.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        // A name is shared by every code object of its file that uses it
        // (the cache file's name table): each holder counts its share.
        let name = |s: &Arc<str>| {
            malloc_chunk(2 * size_of::<usize>() + s.len()) / Arc::strong_count(s).max(1)
        };
        let strs = |v: &[Arc<str>]| {
            malloc_chunk(std::mem::size_of_val(v)) + v.iter().map(name).sum::<usize>()
        };
        fn const_bytes(c: &Constant) -> usize {
            match c {
                Constant::Str(s) => malloc_chunk(s.as_bytes().len()),
                Constant::Bytes(b) => malloc_chunk(b.len()),
                Constant::BigInt(_) => malloc_chunk(size_of::<BigInt>()),
                Constant::Tuple(t) | Constant::FrozenSet(t) => {
                    malloc_chunk(std::mem::size_of_val(&**t))
                        + t.iter().map(const_bytes).sum::<usize>()
                }
                _ => 0,
            }
        }
        // The Arc's two counts precede the object in its allocation.
        malloc_chunk(size_of::<CodeObject>() + 2 * size_of::<usize>())
            + name(&self.name)
            + name(&self.qualname)
            + strs(&self.varnames)
            + strs(&self.cellvars)
            + strs(&self.freevars)
            + strs(&self.names)
            + malloc_chunk(std::mem::size_of_val(&*self.cell2arg))
            + malloc_chunk(std::mem::size_of_val(&*self.consts))
            + self.consts.iter().map(const_bytes).sum::<usize>()
            + malloc_chunk(self.code.len())
            + self.linetable.heap_bytes()
            + malloc_chunk(std::mem::size_of_val(&*self.exception_table))
            + malloc_chunk(std::mem::size_of_val(&*self.cache_index))
    }

    /// Number of code units.
    pub fn len_units(&self) -> u32 {
        (self.code.len() / 2) as u32
    }

    /// Decodes the instruction starting at unit `start` (following
    /// EXTENDED_ARG prefixes).  `None` on malformed code.
    pub fn decode_at(&self, start: u32) -> Option<Instruction> {
        decode_at(&self.code, start)
    }

    /// Iterates over decoded instructions.
    pub fn instructions(&self) -> impl Iterator<Item = Instruction> + '_ {
        let mut pos = 0u32;
        std::iter::from_fn(move || {
            let ins = self.decode_at(pos)?;
            pos = ins.offset + 1;
            Some(ins)
        })
    }

    /// The exception table in CPython 3.11's `co_exceptiontable` encoding
    /// (`Objects/exception_handling_notes.txt`): per entry its start, length
    /// and target in code units, then `depth << 1 | lasti`, each a big-endian
    /// run of 6-bit groups with bit 6 set on all but the last group and
    /// bit 7 set on the first byte of an entry. ProtoPy's offsets are code
    /// units as CPython's are, so readers of that format (`dis`) read the
    /// table the interpreter really uses.
    pub fn exception_table_bytes(&self) -> Vec<u8> {
        fn item(out: &mut Vec<u8>, value: u32, mut entry_start: u8) {
            let mut shift = 30;
            while shift > 0 {
                shift -= 6;
                if value >> shift != 0 || shift == 0 {
                    let group = ((value >> shift) & 0x3f) as u8;
                    let more = if shift > 0 { 0x40 } else { 0 };
                    out.push(group | more | entry_start);
                    entry_start = 0;
                }
            }
        }
        let mut out = Vec::new();
        for e in self.exception_table.iter() {
            item(&mut out, e.start, 0x80);
            item(&mut out, e.end - e.start, 0);
            item(&mut out, e.target, 0);
            item(&mut out, e.depth << 1 | u32::from(e.lasti), 0);
        }
        out
    }

    /// The docstring, for function code objects.
    pub fn docstring(&self) -> Option<&PyStr> {
        if !self.flags.contains(CodeFlags::OPTIMIZED) {
            return None;
        }
        match self.consts.first() {
            Some(Constant::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// Location of the instruction at unit `offset`.
    pub fn location(&self, offset: u32) -> Location {
        self.linetable.lookup(offset)
    }

    /// The line whose `line` event the instruction starting at code unit
    /// `pc` may start, 0 for none: its line, except that a loop's back
    /// edge carrying its target's line reports nothing (its target reports
    /// that line, as CPython 3.11's back edges carry the body's line). One
    /// table lookup: the tracing loop asks at every instruction.
    #[inline]
    pub fn event_line(&self, pc: u32) -> u32 {
        self.trace_lines(pc)[0]
    }

    /// `[event_line(pc), location(pc).line]` from one table made on first
    /// use (the tracing loop asks for both at every instruction).
    #[inline]
    pub fn trace_lines(&self, pc: u32) -> [u32; 2] {
        let lines = self.linetable.event_lines.get_or_init(|| {
            (0..(self.code.len() / 2) as u32)
                .map(|i| {
                    let line = self.location(i).line;
                    match self.decode_at(i) {
                        Some(ins)
                            if line != 0
                                && ins.op == Opcode::JumpBackward
                                && self.location(ins.arg).line == line =>
                        {
                            [0, line]
                        }
                        _ => [line, line],
                    }
                })
                .collect()
        });
        lines.get(pc as usize).copied().unwrap_or([0, 0])
    }

    /// `location(offset).line`, read from the tracing table when this
    /// code has been traced (a hook's `frame.f_lineno` asks at every
    /// event), else looked up.
    #[inline]
    pub fn line_at(&self, offset: u32) -> u32 {
        match self.linetable.event_lines.get() {
            Some(lines) if (offset as usize) < lines.len() => lines[offset as usize][1],
            _ => self.location(offset).line,
        }
    }

    /// [`LineTable::line_at_or_before`] of this code's table.
    pub fn line_at_or_before(&self, offset: u32) -> u32 {
        self.linetable.line_at_or_before(offset)
    }

    /// Total number of fast slots + cells the frame needs.
    pub fn n_cells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// Name of deref slot `i` (cellvars then freevars).
    pub fn deref_name(&self, i: u32) -> Option<&str> {
        let i = i as usize;
        if i < self.cellvars.len() {
            Some(&self.cellvars[i])
        } else {
            self.freevars.get(i - self.cellvars.len()).map(|s| &**s)
        }
    }

    /// The exception-table entry covering unit `offset`, if any.
    pub fn handler_for(&self, offset: u32) -> Option<&ExceptionEntry> {
        let idx = self.exception_table.partition_point(|e| e.end <= offset);
        self.exception_table.get(idx).filter(|e| e.start <= offset)
    }
}

/// Decodes the instruction at `start` in a raw unit stream.
pub fn decode_at(code: &[u8], start: u32) -> Option<Instruction> {
    let mut pos = start as usize;
    let mut arg: u32 = 0;
    let mut prefixes = 0;
    loop {
        let op = Opcode::from_u8(*code.get(pos * 2)?)?;
        let byte = u32::from(*code.get(pos * 2 + 1)?);
        arg = (arg << 8) | byte;
        if op == Opcode::ExtendedArg {
            prefixes += 1;
            if prefixes > 3 {
                return None;
            }
            pos += 1;
            continue;
        }
        return Some(Instruction {
            start,
            offset: pos as u32,
            op,
            arg,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pystr_surrogates() {
        let s = PyStr::from_code_points([0x61, 0xD800, 0x62, 0x1F600]).unwrap();
        assert!(s.as_str().is_none());
        assert_eq!(
            s.code_points().collect::<Vec<_>>(),
            vec![0x61, 0xD800, 0x62, 0x1F600]
        );
        assert_eq!(s.char_len(), 4);
        assert_eq!(s.repr(), "'a\\ud800b😀'");
        assert!(PyStr::from_bytes(s.as_bytes()).is_some());
        assert!(PyStr::from_bytes(&[0xFF]).is_none());
        assert_eq!(PyStr::new("x'y").repr(), "\"x'y\"");
    }

    #[test]
    fn constant_identity() {
        assert!(!Constant::Int(1).same_constant(&Constant::Bool(true)));
        assert!(!Constant::Float(0.0).same_constant(&Constant::Float(-0.0)));
        assert!(Constant::Float(f64::NAN).same_constant(&Constant::Float(f64::NAN)));
        assert_eq!(Constant::Float(1e16).repr(), "1e+16");
        assert_eq!(Constant::Float(0.1).repr(), "0.1");
        assert_eq!(Constant::Float(2.0).repr(), "2.0");
        assert_eq!(Constant::Complex(0.0, 2.0).repr(), "2j");
        assert_eq!(Constant::Complex(1.0, -2.0).repr(), "(1-2j)");
        assert_eq!(
            Constant::Tuple(vec![Constant::Int(1)].into()).repr(),
            "(1,)"
        );
    }

    #[test]
    fn linetable_lookup() {
        let l1 = Location {
            line: 1,
            end_line: 1,
            col: 0,
            end_col: 3,
        };
        let l2 = Location {
            line: 2,
            end_line: 2,
            col: 4,
            end_col: 9,
        };
        let t = LineTable::new(vec![(0, l1), (3, l2)].into());
        assert_eq!(t.lookup(0), l1);
        assert_eq!(t.lookup(2), l1);
        assert_eq!(t.lookup(3), l2);
        assert_eq!(t.lookup(100), l2);
    }
}
