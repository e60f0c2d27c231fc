//! Stable binary serialization of code objects (`.pyc`-like files).
//!
//! Layout: `b"PPYC"`, format version (u16 LE), the opcode-table fingerprint
//! (u64 LE, see [`TABLE_FINGERPRINT`]), the compiler fingerprint (u64 LE,
//! see [`COMPILER_FINGERPRINT`]), the name table (every name the code
//! objects use, once: [`collect_names`]), one code object, then a checksum
//! (u64 LE, a keyed hash of everything before it taken eight bytes at a
//! step, see [`checksum`]).
//! Integers inside are unsigned LEB128 varints (signed values zig-zag
//! encoded); strings are a varint length plus UTF-8 bytes; names are
//! indexes into the name table.  Constants carry a one-byte tag; a nested
//! code object also its length, so that the cache's reader can leave it
//! undecoded ([`LazyCode`]).  Opcodes are stored as their table number, so
//! the fingerprint check guarantees the numbering matches.
//!
//! Deserializing never panics and never trusts the input: the checksum
//! rejects torn or corrupted data first, every length is checked against the
//! remaining bytes, nesting depth is bounded, and each decoded code object is
//! validated ([`validate`]) so that the interpreter can execute it without
//! bounds surprises: operands in range, jump targets on instruction
//! boundaries, exception table and caches consistent, and the stack depth of
//! every reachable instruction known, consistent along all paths and within
//! `max_stackdepth` (the frame's size).

use std::fmt;
use std::sync::{Arc, OnceLock};

use num_bigint::{BigInt, Sign};

use super::code::{
    CodeFlags, CodeObject, Constant, ExceptionEntry, LineTable, Location, PyStr, NO_CACHE,
};
use super::opcodes::{OperandKind, TABLE_FINGERPRINT};

/// File magic.
pub const MAGIC: &[u8; 4] = b"PPYC";
/// Format version of the container (bump on layout changes).
pub const FORMAT_VERSION: u16 = 5;

const fn hex_digit(c: u8) -> u64 {
    match c {
        b'0'..=b'9' => (c - b'0') as u64,
        b'a'..=b'f' => (c - b'a' + 10) as u64,
        _ => panic!("bad hex digit in PROTOPY_COMPILER_FINGERPRINT"),
    }
}

const fn parse_hex(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut v = 0u64;
    let mut i = 0;
    while i < b.len() {
        v = (v << 4) | hex_digit(b[i]);
        i += 1;
    }
    v
}

/// A hash of the compiler's and bytecode module's sources (`build.rs`): two
/// builds whose code generation may differ never load each other's code.
pub const COMPILER_FINGERPRINT: u64 = parse_hex(env!("PROTOPY_COMPILER_FINGERPRINT"));

/// One number naming this build's bytecode: the opcode table, the container
/// format and the compiler. The bytecode cache's magic number is derived
/// from it.
pub const BYTECODE_FINGERPRINT: u64 =
    TABLE_FINGERPRINT ^ COMPILER_FINGERPRINT.rotate_left(17) ^ (FORMAT_VERSION as u64);

/// This build's checksum key (`engine/build.rs`), made afresh by each build;
/// the cache's magic number is derived from it as well.
pub const SERIALIZE_KEY: u64 = parse_hex(env!("PROTOPY_SERIALIZE_KEY"));

/// The trailer checksum: a hash seeded with the build's key that takes
/// `bytes` as little-endian words (the last one zero-padded), then their
/// length. It catches damage (truncation, torn writes, flipped bytes) and,
/// being keyed, code bytes that were not written by this build's
/// serializer. Each step (xor a word, multiply by an odd constant, rotate)
/// is a bijection of the state, so data differing in one word always sums
/// differently; the rotation carries high bits down to the low ones. A
/// word at a step (not FNV-1a's byte) keeps it a small part of loading a
/// cache file.
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(29);
    let mut h = SERIALIZE_KEY ^ 0xcbf2_9ce4_8422_2325;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        h = step(h, u64::from_le_bytes(b));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    h = step(h, u64::from_le_bytes(last));
    h = step(h, bytes.len() as u64);
    h ^ (h >> 31)
}
const MAX_NESTING: usize = 200;

/// Error from [`deserialize`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeserializeError(pub String);

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad code file: {}", self.0)
    }
}

impl std::error::Error for DeserializeError {}

/// Serializes a code object (and everything it contains).
pub fn serialize(code: &CodeObject) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::new(),
        names: std::collections::HashMap::new(),
    };
    w.out.extend_from_slice(MAGIC);
    w.out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    w.out.extend_from_slice(&TABLE_FINGERPRINT.to_le_bytes());
    w.out.extend_from_slice(&COMPILER_FINGERPRINT.to_le_bytes());
    let mut order = Vec::new();
    collect_names(code, &mut w.names, &mut order);
    w.uvar(order.len() as u64);
    for s in &order {
        w.str(s);
    }
    w.code(code);
    let sum = checksum(&w.out);
    w.out.extend_from_slice(&sum.to_le_bytes());
    w.out
}

/// Deserializes bytes produced by [`serialize`].
pub fn deserialize(bytes: &[u8]) -> Result<Arc<CodeObject>, DeserializeError> {
    read_body(checked_body(bytes)?, true)
}

/// The body of serialized `bytes` (magic and checksum checked, the
/// checksum stripped).
fn checked_body(bytes: &[u8]) -> Result<&[u8], DeserializeError> {
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(err("bad magic number"));
    }
    let Some(body_len) = bytes.len().checked_sub(8) else {
        return Err(err("unexpected end of data"));
    };
    let (body, sum) = bytes.split_at(body_len);
    let mut s = [0u8; 8];
    s.copy_from_slice(sum);
    if u64::from_le_bytes(s) != checksum(body) {
        return Err(err("checksum mismatch (truncated or corrupted data)"));
    }
    Ok(body)
}

/// [`deserialize`] for bytes this build's serializer wrote into a cache
/// file that only the import system reads: the keyed checksum is checked
/// and every read stays bounds-checked (damaged or foreign bytes are an
/// error, never a panic), but the code objects' structural validation
/// ([`validate`]) is skipped and only their cache index is rebuilt.
///
/// Why that is sound: every code object a ProtoPy process holds satisfies
/// the code-stream invariant (the compiler makes only such code, loaded
/// code is validated, and no code object is built from raw bytes), so
/// bytes carrying this build's keyed checksum were serialized from valid
/// code. Bytes that would fail validation can only come from a forger who
/// took the key from the binary and can already write into the user's
/// cache folder, i.e. rewrite the sources the cache stands for. Validation
/// was 26 M of the 73 M instructions deserializing took for
/// `import os, re, io, argparse, logging, subprocess`. `marshal.loads`,
/// sourceless `.pyc` imports and `protopy FILE.pyc` (bytes from anywhere)
/// keep [`deserialize`]'s full checks.
pub fn deserialize_cached(bytes: &[u8]) -> Result<Arc<CodeObject>, DeserializeError> {
    read_body(checked_body(bytes)?, false)
}

/// [`deserialize`] of the bytes before the checksum, which is not checked:
/// the fuzz tests reach the structural checks through it.
pub fn deserialize_unchecked_sum(bytes: &[u8]) -> Result<Arc<CodeObject>, DeserializeError> {
    read_body(bytes, true)
}

/// The container and code object of `bytes` (the checksum stripped);
/// `validate`: whether each code object is checked with [`validate`]'s
/// checks (else only its cache index is built).
fn read_body(bytes: &[u8], validate: bool) -> Result<Arc<CodeObject>, DeserializeError> {
    let mut r = Reader {
        data: bytes,
        pos: 0,
        depth: 0,
        filename: None,
        validate,
        names: &[],
        file: None,
    };
    if r.take(4)? != MAGIC {
        return Err(err("bad magic number"));
    }
    let version = u16::from_le_bytes([r.byte()?, r.byte()?]);
    if version != FORMAT_VERSION {
        return Err(err(format!("unsupported format version {version}")));
    }
    let mut fp = [0u8; 8];
    fp.copy_from_slice(r.take(8)?);
    if u64::from_le_bytes(fp) != TABLE_FINGERPRINT {
        return Err(err("bytecode was produced by a different opcode table"));
    }
    fp.copy_from_slice(r.take(8)?);
    if u64::from_le_bytes(fp) != COMPILER_FINGERPRINT {
        return Err(err("bytecode was produced by a different compiler build"));
    }
    let names = r.name_table()?;
    if validate {
        r.names = &names;
        let code = r.code()?;
        if r.pos != bytes.len() {
            return Err(err("trailing bytes"));
        }
        return Ok(code);
    }
    let file = Arc::new(LazyFile {
        data: bytes.into(),
        names,
        filename: OnceLock::new(),
    });
    let mut r = Reader {
        data: &file.data,
        pos: r.pos,
        depth: 0,
        filename: None,
        validate,
        names: &file.names,
        file: Some(&file),
    };
    let code = r.code()?;
    if r.pos != bytes.len() {
        return Err(err("trailing bytes"));
    }
    let _ = file.filename.set(code.filename.clone());
    Ok(code)
}

/// The bytes of a file read by the cache's reader, kept while any of its
/// nested code objects is still undecoded.
pub struct LazyFile {
    /// The serialized file (checksum stripped).
    data: Box<[u8]>,
    /// Its name table.
    names: Box<[Arc<str>]>,
    /// The file name of its top-level code, shared by the code objects
    /// decoded later.
    filename: OnceLock<Arc<str>>,
}

/// A nested code object of a cache file, decoded when first needed.
///
/// Most functions of an imported module are never called: of the 2,455
/// code objects that `import os, re, io, argparse, logging, subprocess`
/// loads, 446 run. The cache's reader therefore leaves each nested code
/// object as its byte range; the runtime makes a code value from it whose
/// body is built on first use (`Vm::code_body`). Decoding cannot fail for
/// bytes that passed the file's keyed checksum (this build's serializer
/// wrote them from valid code, see [`deserialize_cached`]); an error is
/// still reported, never a panic.
pub struct LazyCode {
    file: Arc<LazyFile>,
    /// The serialized code object, `file.data[start..end]`.
    start: usize,
    end: usize,
}

impl LazyCode {
    fn reader(&self) -> Reader<'_> {
        Reader {
            data: &self.file.data[..self.end],
            pos: self.start,
            depth: 0,
            filename: self.file.filename.get().cloned(),
            validate: false,
            names: &self.file.names,
            file: Some(&self.file),
        }
    }

    /// Decodes the code object (its nested code objects stay lazy).
    pub fn code(&self) -> Result<Arc<CodeObject>, DeserializeError> {
        let mut r = self.reader();
        let code = r.code()?;
        if r.pos != self.end {
            return Err(err("bad nested code length"));
        }
        Ok(code)
    }

    /// What a function made from the code needs before the code runs: its
    /// name, qualname, and docstring (the first constant of function code,
    /// when a str).
    pub fn header(&self) -> Result<(Arc<str>, Arc<str>, Option<PyStr>), DeserializeError> {
        let mut r = self.reader();
        let name = r.name()?;
        let qualname = r.name()?;
        let flags = CodeFlags(r.u32()?);
        let n = r.len()?;
        let doc = if n > 0 && flags.contains(CodeFlags::OPTIMIZED) && r.data.get(r.pos) == Some(&7)
        {
            match r.constant()? {
                Constant::Str(s) => Some(s),
                _ => None,
            }
        } else {
            None
        };
        Ok((name, qualname, doc))
    }

    /// Whether `self` and `other` are the same code object of one file.
    pub fn same(&self, other: &LazyCode) -> bool {
        Arc::ptr_eq(&self.file, &other.file) && self.start == other.start
    }
}

/// Numbers the names of `code` and every code object in it (name,
/// qualname, variable, cell, free and attribute names) in order of first
/// appearance: the file's name table, written once before the code. The
/// 27,000 names of the six-module start-up imports are 9,600 distinct
/// ones, and the reader decodes each once and shares it among the file's
/// code objects.
fn collect_names(
    code: &CodeObject,
    index: &mut std::collections::HashMap<Arc<str>, u64>,
    order: &mut Vec<Arc<str>>,
) {
    let mut add = |s: &Arc<str>| {
        if !index.contains_key(s) {
            index.insert(s.clone(), order.len() as u64);
            order.push(s.clone());
        }
    };
    add(&code.name);
    add(&code.qualname);
    for list in [&code.varnames, &code.cellvars, &code.freevars, &code.names] {
        for s in list.iter() {
            add(s);
        }
    }
    fn consts(
        c: &[Constant],
        index: &mut std::collections::HashMap<Arc<str>, u64>,
        order: &mut Vec<Arc<str>>,
    ) {
        for k in c {
            match k {
                Constant::Code(inner) => collect_names(inner, index, order),
                Constant::LazyCode(lazy) => {
                    if let Ok(inner) = lazy.code() {
                        collect_names(&inner, index, order);
                    }
                }
                Constant::Tuple(items) | Constant::FrozenSet(items) => consts(items, index, order),
                _ => {}
            }
        }
    }
    consts(&code.consts, index, order);
}

fn err(msg: impl Into<String>) -> DeserializeError {
    DeserializeError(msg.into())
}

struct Writer {
    out: Vec<u8>,
    /// The file's name table: each name's index ([`collect_names`]).
    names: std::collections::HashMap<Arc<str>, u64>,
}

impl Writer {
    fn uvar(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }
    fn u32(&mut self, v: u32) {
        self.uvar(u64::from(v));
    }
    fn bytes(&mut self, b: &[u8]) {
        self.uvar(b.len() as u64);
        self.out.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    /// A name (of a code object, a variable, an attribute): its index in
    /// the file's name table ([`collect_names`]).
    fn name(&mut self, s: &Arc<str>) {
        debug_assert!(self.names.contains_key(s), "collect_names saw {s}");
        let i = self.names.get(s).copied().unwrap_or_default();
        self.uvar(i);
    }
    fn names(&mut self, v: &[Arc<str>]) {
        self.uvar(v.len() as u64);
        for s in v {
            self.name(s);
        }
    }
    fn f64(&mut self, f: f64) {
        self.out.extend_from_slice(&f.to_bits().to_le_bytes());
    }
    fn constant(&mut self, c: &Constant) {
        match c {
            Constant::None => self.out.push(0),
            Constant::Bool(false) => self.out.push(1),
            Constant::Bool(true) => self.out.push(2),
            Constant::Int(v) => {
                self.out.push(3);
                self.uvar(((*v << 1) ^ (*v >> 63)) as u64);
            }
            Constant::BigInt(b) => {
                self.out.push(4);
                let (sign, mag) = b.to_bytes_le();
                self.out.push(u8::from(sign == Sign::Minus));
                self.bytes(&mag);
            }
            Constant::Float(f) => {
                self.out.push(5);
                self.f64(*f);
            }
            Constant::Complex(r, i) => {
                self.out.push(6);
                self.f64(*r);
                self.f64(*i);
            }
            Constant::Str(s) => {
                self.out.push(7);
                self.bytes(s.as_bytes());
            }
            Constant::Bytes(b) => {
                self.out.push(8);
                self.bytes(b);
            }
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                self.out.push(if matches!(c, Constant::Tuple(_)) {
                    9
                } else {
                    10
                });
                self.uvar(items.len() as u64);
                for item in items.iter() {
                    self.constant(item);
                }
            }
            Constant::Ellipsis => self.out.push(11),
            Constant::Code(code) => self.nested_code(code),
            Constant::LazyCode(lazy) => match lazy.code() {
                Ok(code) => self.nested_code(&code),
                // Unreachable: lazy code comes from checksummed bytes
                // this build wrote (see `LazyCode`).
                Err(_) => self.out.push(0),
            },
        }
    }
    /// A nested code object: its tag, then its length, so that a reader
    /// can leave it undecoded ([`LazyCode`]).
    fn nested_code(&mut self, code: &CodeObject) {
        self.out.push(12);
        self.length_prefixed(|w| w.code(code));
    }
    /// What `write` appends, preceded by its length (as [`Writer::bytes`]).
    fn length_prefixed(&mut self, write: impl FnOnce(&mut Self)) {
        let start = self.out.len();
        write(self);
        let body = self.out.split_off(start);
        self.bytes(&body);
    }
    /// Line-table entries as differences (offset from the previous entry's,
    /// line from the previous line, end line from the line), five varints
    /// per entry, so that nearly every field is one byte; wrapping u32
    /// arithmetic makes any table round-trip ([`decode_line_entries`]).
    fn line_entries(&mut self, entries: &[(u32, Location)]) {
        let (mut prev_off, mut prev_line) = (0u32, 0u32);
        for (off, loc) in entries {
            self.u32(off.wrapping_sub(prev_off));
            self.u32(zigzag(loc.line.wrapping_sub(prev_line)));
            self.u32(zigzag(loc.end_line.wrapping_sub(loc.line)));
            self.u32(loc.col);
            self.u32(loc.end_col);
            (prev_off, prev_line) = (*off, loc.line);
        }
    }
    /// A code object. Its name, qualname, flags and constants come first:
    /// [`LazyCode::header`] reads the docstring from them.
    fn code(&mut self, c: &CodeObject) {
        self.name(&c.name);
        self.name(&c.qualname);
        self.u32(c.flags.0);
        self.uvar(c.consts.len() as u64);
        for k in c.consts.iter() {
            self.constant(k);
        }
        self.str(&c.filename);
        self.u32(c.first_lineno);
        self.u32(c.argcount);
        self.u32(c.posonlyargcount);
        self.u32(c.kwonlyargcount);
        self.names(&c.varnames);
        self.names(&c.cellvars);
        self.names(&c.freevars);
        self.uvar(c.cell2arg.len() as u64);
        for a in c.cell2arg.iter() {
            self.uvar(a.map_or(0, |v| u64::from(v) + 1));
        }
        self.names(&c.names);
        self.bytes(&c.code);
        // The line table as a count and a length-prefixed run of entries,
        // so that the cache's reader can keep it undecoded
        // ([`LineTable::encoded`]).
        let entries = c.linetable.entries();
        self.uvar(entries.len() as u64);
        self.length_prefixed(|w| w.line_entries(entries));
        self.uvar(c.exception_table.len() as u64);
        for e in c.exception_table.iter() {
            self.u32(e.start);
            self.u32(e.end);
            self.u32(e.target);
            self.u32(e.depth);
            self.out.push(u8::from(e.lasti));
        }
        self.u32(c.max_stackdepth);
        // cache_index is derived from the code and rebuilt on load.
    }
}

/// The `n` entries [`Writer::line_entries`] wrote into `data` (all of it);
/// `None` if `data` is not exactly that.
pub(crate) fn decode_line_entries(data: &[u8], n: usize) -> Option<Vec<(u32, Location)>> {
    // Each entry takes five bytes at least.
    if n > data.len() / 5 {
        return None;
    }
    let mut entries = Vec::with_capacity(n);
    let mut pos = 0;
    let (mut off, mut line) = (0u32, 0u32);
    for _ in 0..n {
        let mut next = || var32(data, &mut pos);
        let (d_off, d_line, d_end, col, end_col) = (next()?, next()?, next()?, next()?, next()?);
        off = off.wrapping_add(d_off);
        line = line.wrapping_add(unzigzag(d_line));
        let loc = Location {
            line,
            end_line: line.wrapping_add(unzigzag(d_end)),
            col,
            end_col,
        };
        entries.push((off, loc));
    }
    (pos == data.len()).then_some(entries)
}

fn zigzag(d: u32) -> u32 {
    let d = d as i32;
    ((d << 1) ^ (d >> 31)) as u32
}

/// [`zigzag`]'s inverse.
fn unzigzag(z: u32) -> u32 {
    (z >> 1) ^ (z & 1).wrapping_neg()
}

/// A varint of at most 32 bits from `data` at `*pos` (advanced past it);
/// None when `data` ends first or the value does not fit. The one- and
/// two-byte forms (nearly all line-table fields) take no loop.
#[inline(always)]
fn var32(data: &[u8], pos: &mut usize) -> Option<u32> {
    let p = *pos;
    let b = u32::from(*data.get(p)?);
    if b < 0x80 {
        *pos = p + 1;
        return Some(b);
    }
    let c = u32::from(*data.get(p + 1)?);
    if c < 0x80 {
        *pos = p + 2;
        return Some((b & 0x7f) | c << 7);
    }
    let mut v = (b & 0x7f) | (c & 0x7f) << 7;
    let mut i = p + 2;
    for shift in [14u32, 21, 28] {
        let d = u32::from(*data.get(i)?);
        i += 1;
        if shift == 28 && d > 0x0f {
            return None;
        }
        v |= (d & 0x7f) << shift;
        if d < 0x80 {
            *pos = i;
            return Some(v);
        }
    }
    None
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    depth: usize,
    /// The file name of the code read last: nested code objects repeat
    /// their parent's, which they then share instead of each allocating it.
    filename: Option<Arc<str>>,
    /// Run [`check`] on each code object (else only [`build_cache_index`]).
    validate: bool,
    /// The file's name table.
    names: &'a [Arc<str>],
    /// The file being read, when its nested code objects are to be left
    /// undecoded ([`LazyCode`]; the cache's reader).
    file: Option<&'a Arc<LazyFile>>,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DeserializeError> {
        let end = self
            .pos
            .checked_add(n)
            .ok_or_else(|| err("length overflow"))?;
        let slice = self
            .data
            .get(self.pos..end)
            .ok_or_else(|| err("unexpected end of data"))?;
        self.pos = end;
        Ok(slice)
    }
    fn byte(&mut self) -> Result<u8, DeserializeError> {
        Ok(self.take(1)?[0])
    }
    /// A varint; most (opcodes' operands, lengths, line numbers) are one
    /// or two bytes, read without the loop.
    #[inline]
    fn uvar(&mut self) -> Result<u64, DeserializeError> {
        let p = self.pos;
        if let Some(&b) = self.data.get(p) {
            if b < 0x80 {
                self.pos = p + 1;
                return Ok(u64::from(b));
            }
            if let Some(&c) = self.data.get(p + 1) {
                if c < 0x80 {
                    self.pos = p + 2;
                    return Ok(u64::from(b & 0x7f) | u64::from(c) << 7);
                }
            }
        }
        self.uvar_long()
    }
    fn uvar_long(&mut self) -> Result<u64, DeserializeError> {
        let mut v: u64 = 0;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                return Err(err("varint overflow"));
            }
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(err("varint too long"))
    }
    #[inline(always)]
    fn u32(&mut self) -> Result<u32, DeserializeError> {
        var32(self.data, &mut self.pos).ok_or_else(|| err("bad u32 varint"))
    }
    fn len(&mut self) -> Result<usize, DeserializeError> {
        let n = self.uvar()?;
        // Every element occupies at least one byte.
        if n > (self.data.len() - self.pos) as u64 {
            return Err(err("length exceeds data"));
        }
        Ok(n as usize)
    }
    fn bytes(&mut self) -> Result<&'a [u8], DeserializeError> {
        let n = self.len()?;
        self.take(n)
    }
    /// A name: an index into the file's name table.
    fn name(&mut self) -> Result<Arc<str>, DeserializeError> {
        let i = self.uvar()?;
        usize::try_from(i)
            .ok()
            .and_then(|i| self.names.get(i))
            .cloned()
            .ok_or_else(|| err("bad name index"))
    }
    /// The file's name table: a count, then each name's text.
    fn name_table(&mut self) -> Result<Box<[Arc<str>]>, DeserializeError> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            let s: Arc<str> = std::str::from_utf8(self.bytes()?)
                .map_err(|_| err("invalid UTF-8 in name"))?
                .into();
            v.push(s);
        }
        Ok(v.into_boxed_slice())
    }
    fn filename(&mut self) -> Result<Arc<str>, DeserializeError> {
        let b = self.bytes()?;
        if let Some(f) = self.filename.as_ref().filter(|f| f.as_bytes() == b) {
            return Ok(f.clone());
        }
        let f: Arc<str> = std::str::from_utf8(b)
            .map_err(|_| err("invalid UTF-8 in name"))?
            .into();
        self.filename = Some(f.clone());
        Ok(f)
    }
    fn names(&mut self) -> Result<Box<[Arc<str>]>, DeserializeError> {
        // `len` bounds `n` by the bytes left (each name takes at least one).
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.name()?);
        }
        Ok(v.into_boxed_slice())
    }
    fn f64(&mut self) -> Result<f64, DeserializeError> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(f64::from_bits(u64::from_le_bytes(b)))
    }
    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, DeserializeError>,
    ) -> Result<T, DeserializeError> {
        if self.depth >= MAX_NESTING {
            return Err(err("nesting too deep"));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }
    fn constant(&mut self) -> Result<Constant, DeserializeError> {
        Ok(match self.byte()? {
            0 => Constant::None,
            1 => Constant::Bool(false),
            2 => Constant::Bool(true),
            3 => {
                let z = self.uvar()?;
                Constant::Int(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            4 => {
                let neg = self.byte()? != 0;
                let mag = self.bytes()?;
                let v = BigInt::from_bytes_le(if neg { Sign::Minus } else { Sign::Plus }, mag);
                Constant::int(v)
            }
            5 => Constant::Float(self.f64()?),
            6 => Constant::Complex(self.f64()?, self.f64()?),
            7 => {
                let b = self.bytes()?;
                // Text without surrogates is plain UTF-8, which the
                // vectorised validator accepts; only the rest needs
                // `from_bytes`'s code-point walk.
                Constant::Str(match std::str::from_utf8(b) {
                    Ok(s) => PyStr::new(s),
                    Err(_) => PyStr::from_bytes(b).ok_or_else(|| err("malformed str constant"))?,
                })
            }
            8 => Constant::Bytes(self.bytes()?.into()),
            t @ (9 | 10) => {
                let n = self.len()?;
                let items = self.nested(|r| r.constants(n))?;
                if t == 9 {
                    Constant::Tuple(items.into())
                } else {
                    Constant::FrozenSet(items.into())
                }
            }
            11 => Constant::Ellipsis,
            12 => {
                let n = self.len()?;
                let (start, end) = (self.pos, self.pos + n);
                match self.file {
                    // The cache's reader leaves nested code undecoded.
                    Some(file) if !self.validate => {
                        self.pos = end;
                        Constant::LazyCode(Arc::new(LazyCode {
                            file: file.clone(),
                            start,
                            end,
                        }))
                    }
                    _ => {
                        let code = self.nested(|r| r.code())?;
                        if self.pos != end {
                            return Err(err("bad nested code length"));
                        }
                        Constant::Code(code)
                    }
                }
            }
            t => return Err(err(format!("unknown constant tag {t}"))),
        })
    }
    /// A line table of `n` entries: decoded and checked at once when
    /// validating, else kept encoded for [`LineTable::entries`] to decode
    /// on first use (its length still checked here).
    fn line_table(&mut self, n: usize) -> Result<LineTable, DeserializeError> {
        let data = self.bytes()?;
        if self.validate {
            let entries =
                decode_line_entries(data, n).ok_or_else(|| err("bad line table entry"))?;
            Ok(LineTable::new(entries.into()))
        } else {
            let n = u32::try_from(n)
                .ok()
                .filter(|&n| n as usize <= data.len() / 5)
                .ok_or_else(|| err("bad line table length"))?;
            Ok(LineTable::encoded(n, data.into()))
        }
    }
    /// `n` constants (`n` bounded by the bytes left: each takes one or more).
    fn constants(&mut self, n: usize) -> Result<Vec<Constant>, DeserializeError> {
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.constant()?);
        }
        Ok(v)
    }
    fn code(&mut self) -> Result<Arc<CodeObject>, DeserializeError> {
        let name = self.name()?;
        let qualname = self.name()?;
        let flags = CodeFlags(self.u32()?);
        let n = self.len()?;
        let consts = self.constants(n)?;
        let filename = self.filename()?;
        let first_lineno = self.u32()?;
        let argcount = self.u32()?;
        let posonlyargcount = self.u32()?;
        let kwonlyargcount = self.u32()?;
        let varnames = self.names()?;
        let cellvars = self.names()?;
        let freevars = self.names()?;
        let n = self.len()?;
        let mut cell2arg = Vec::with_capacity(n);
        for _ in 0..n {
            let v = self.u32()?;
            cell2arg.push(if v == 0 { None } else { Some(v - 1) });
        }
        let names = self.names()?;
        let code: Box<[u8]> = self.bytes()?.into();
        let n = self.len()?;
        let linetable = self.line_table(n)?;
        let n = self.len()?;
        let mut exception_table = Vec::with_capacity(n);
        for _ in 0..n {
            exception_table.push(ExceptionEntry {
                start: self.u32()?,
                end: self.u32()?,
                target: self.u32()?,
                depth: self.u32()?,
                lasti: match self.byte()? {
                    0 => false,
                    1 => true,
                    _ => return Err(err("bad lasti flag")),
                },
            });
        }
        let max_stackdepth = self.u32()?;
        let mut obj = CodeObject {
            name,
            qualname,
            filename,
            first_lineno,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            flags,
            varnames,
            cellvars,
            freevars,
            cell2arg: cell2arg.into(),
            names,
            consts: consts.into(),
            code,
            linetable,
            exception_table: exception_table.into(),
            max_stackdepth,
            // Filled in from the checks' own pass over the stream below
            // (nothing reads it before).
            n_cache_slots: 0,
            cache_index: Box::default(),
        };
        let (cache_index, n_cache_slots) = if self.validate {
            check(&obj).map_err(err)?
        } else {
            let built = build_cache_index(&obj.code).ok_or_else(|| err("malformed code"))?;
            debug_assert_eq!(
                check(&obj).as_ref().ok(),
                Some(&built),
                "cached code is valid"
            );
            built
        };
        obj.cache_index = cache_index;
        obj.n_cache_slots = n_cache_slots;
        Ok(Arc::new(obj))
    }
}

/// Computes the per-unit cache index and the slot count for a unit stream.
/// `None` if the stream is malformed (odd length, bad opcode, dangling
/// EXTENDED_ARG).
pub fn build_cache_index(code: &[u8]) -> Option<(Box<[u32]>, u32)> {
    if code.len() % 2 != 0 {
        return None;
    }
    use super::opcodes::Opcode;
    // One pass over the units, as `decode_at` walks them: an instruction's
    // slots are indexed at its last unit, after at most three EXTENDED_ARG
    // prefixes (operands are not needed here).
    let units = code.len() / 2;
    let mut index = vec![NO_CACHE; units];
    let mut next = 0u32;
    let mut prefixes = 0;
    for (i, unit) in code.chunks_exact(2).enumerate() {
        let op = Opcode::from_u8(unit[0])?;
        if op == Opcode::ExtendedArg {
            prefixes += 1;
            if prefixes > 3 {
                return None;
            }
            continue;
        }
        prefixes = 0;
        let n = op.cache_slots();
        if n > 0 {
            index[i] = next;
            next = next.checked_add(n)?;
        }
    }
    // A trailing EXTENDED_ARG has no instruction to extend.
    if prefixes > 0 {
        return None;
    }
    Some((index.into(), next))
}

/// Checks the structural invariants the interpreter relies on.
pub fn validate(c: &CodeObject) -> Result<(), String> {
    let (index, n) = check(c)?;
    // The interpreter indexes the cache table through `cache_index` without
    // bounds checks: it must be the one the stream determines.
    if index != c.cache_index || n != c.n_cache_slots {
        return Err("cache index does not match the code".into());
    }
    Ok(())
}

/// [`validate`]'s checks, except for `c.cache_index`: returns the cache
/// index and slot count the stream determines ([`build_cache_index`]'s,
/// made in the same pass as the operand checks), which the loader stores
/// and `validate` compares.
fn check(c: &CodeObject) -> Result<(Box<[u32]>, u32), String> {
    let units = c.len_units();
    if c.max_stackdepth > MAX_STACKDEPTH {
        return Err("stack size too large".into());
    }
    if c.code.len() % 2 != 0 || units == 0 {
        return Err("empty or odd-length code".into());
    }
    if c.posonlyargcount > c.argcount {
        return Err("posonlyargcount > argcount".into());
    }
    let nparams = u64::from(c.argcount)
        + u64::from(c.kwonlyargcount)
        + u64::from(c.flags.contains(CodeFlags::VARARGS))
        + u64::from(c.flags.contains(CodeFlags::VARKEYWORDS));
    if nparams > c.varnames.len() as u64 {
        return Err("more parameters than varnames".into());
    }
    if c.cell2arg.len() != c.cellvars.len() {
        return Err("cell2arg length mismatch".into());
    }
    if c.cell2arg
        .iter()
        .flatten()
        .any(|&a| u64::from(a) >= nparams)
    {
        return Err("cell2arg out of range".into());
    }
    let mut starts = vec![false; units as usize];
    let mut index = vec![NO_CACHE; units as usize];
    let mut next_slot = 0u32;
    let mut pos = 0u32;
    let mut jumps = Vec::new();
    let mut last = None;
    while pos < units {
        let ins = c.decode_at(pos).ok_or("malformed instruction")?;
        starts[ins.start as usize] = true;
        let slots = ins.op.cache_slots();
        if slots > 0 {
            index[ins.offset as usize] = next_slot;
            next_slot = next_slot.checked_add(slots).ok_or("too many cache slots")?;
        }
        let arg = ins.arg as usize;
        let ok = match ins.op.operand() {
            OperandKind::Const => arg < c.consts.len(),
            OperandKind::Name => arg < c.names.len(),
            OperandKind::Local => arg < c.varnames.len(),
            OperandKind::Deref => arg < c.n_cells(),
            OperandKind::Jump => {
                jumps.push(ins.arg);
                true
            }
            OperandKind::BinaryOp => arg <= 25,
            OperandKind::CompareOp => arg <= 5,
            OperandKind::Invert => arg <= 1,
            OperandKind::Raise => arg <= 2,
            OperandKind::Awaitable => arg <= 2,
            OperandKind::Format => arg <= 7,
            OperandKind::MakeFunction => arg <= 15,
            OperandKind::Intrinsic1 => super::opcodes::Intrinsic1::from_arg(ins.arg).is_some(),
            OperandKind::Intrinsic2 => super::opcodes::Intrinsic2::from_arg(ins.arg).is_some(),
            OperandKind::NoArg
            | OperandKind::Raw
            | OperandKind::Count
            | OperandKind::Flags
            | OperandKind::UnpackEx => true,
        };
        if !ok {
            return Err(format!("operand out of range at {}", ins.start));
        }
        // Counts bound the stack effect; one above the frame's stack size can
        // never be valid, and bounding it keeps the effect arithmetic exact.
        if matches!(ins.op.operand(), OperandKind::Count) && ins.arg > c.max_stackdepth {
            return Err(format!("operand out of range at {}", ins.start));
        }
        let is_jump = matches!(ins.op.operand(), OperandKind::Jump);
        let jumps_by_flow = matches!(
            ins.op.flow(),
            super::opcodes::Flow::Jump | super::opcodes::Flow::CondJump
        );
        if is_jump != jumps_by_flow {
            return Err(format!("jump without target at {}", ins.start));
        }
        last = Some(ins);
        pos = ins.offset + 1;
    }
    if let Some(ins) = last {
        if matches!(
            ins.op.flow(),
            super::opcodes::Flow::Next | super::opcodes::Flow::CondJump
        ) {
            return Err("code may fall off the end".into());
        }
    }
    for t in jumps {
        if t >= units || !starts[t as usize] {
            return Err(format!("jump target {t} is not an instruction"));
        }
    }
    let mut prev_end = 0;
    for e in c.exception_table.iter() {
        if e.start >= e.end || e.end > units || e.start < prev_end {
            return Err("bad exception table range".into());
        }
        if e.target >= units || !starts[e.target as usize] {
            return Err("bad exception handler target".into());
        }
        if u64::from(e.depth) + 1 + u64::from(e.lasti) > u64::from(c.max_stackdepth) {
            return Err("exception handler depth exceeds stack size".into());
        }
        prev_end = e.end;
    }
    check_stack_depths(c, units)?;
    let mut prev = None;
    for (off, _) in c.linetable.entries() {
        if *off >= units || prev.is_some_and(|p| p >= *off) {
            return Err("bad line table".into());
        }
        prev = Some(*off);
    }
    Ok((index.into(), next_slot))
}

/// The largest `max_stackdepth` loaded code may declare (the frame is that
/// many slots; the compiler never comes near it).
const MAX_STACKDEPTH: u32 = 1 << 24;

/// Follows every path through the code (fall-through, jumps, exception
/// handlers) from offset 0, as the compiler's assembler does, and checks
/// that each reachable instruction has one stack depth whatever the path,
/// pops no more than that depth, and pushes no further than
/// `max_stackdepth`; and that a handler's depth is never above the depth of
/// an instruction it covers (unwinding only pops). The interpreter indexes
/// its frame's stack slots without checking against the frame, so this is
/// what keeps loaded code inside its own frame. Called after the operand,
/// jump-target and exception-table checks (targets are instruction starts).
fn check_stack_depths(c: &CodeObject, units: u32) -> Result<(), String> {
    use super::opcodes::Flow;
    const UNSEEN: u32 = u32::MAX;
    let n = units as usize;
    // The exception-table entry covering each unit (entries do not overlap).
    let mut cover = vec![UNSEEN; n];
    for (i, e) in c.exception_table.iter().enumerate() {
        for slot in &mut cover[e.start as usize..e.end as usize] {
            *slot = i as u32;
        }
    }
    let max = u64::from(c.max_stackdepth);
    let mut depth = vec![UNSEEN; n];
    let mut work: Vec<u32> = Vec::new();
    let visit = |depth: &mut [u32], work: &mut Vec<u32>, pos: u32, d: u64| {
        if pos >= units || d > max {
            return Err(format!("stack overflows its size at {pos}"));
        }
        let slot = &mut depth[pos as usize];
        if *slot == UNSEEN {
            *slot = d as u32;
            work.push(pos);
            Ok(())
        } else if u64::from(*slot) == d {
            Ok(())
        } else {
            Err(format!("inconsistent stack depth at {pos}"))
        }
    };
    visit(&mut depth, &mut work, 0, 0)?;
    while let Some(pos) = work.pop() {
        let d = u64::from(depth[pos as usize]);
        let ins = c.decode_at(pos).ok_or("malformed instruction")?;
        let mut seen_entry = UNSEEN;
        for u in ins.start..=ins.offset {
            let k = cover[u as usize];
            if k == UNSEEN || k == seen_entry {
                continue;
            }
            seen_entry = k;
            let e = &c.exception_table[k as usize];
            if u64::from(e.depth) > d {
                return Err(format!("handler depth above the stack at {pos}"));
            }
            let entry = u64::from(e.depth) + 1 + u64::from(e.lasti);
            visit(&mut depth, &mut work, e.target, entry)?;
        }
        let after = |jump: bool| -> Result<u64, String> {
            let (pops, pushes) = ins.op.stack_effect_parts(ins.arg, jump);
            if u64::from(pops) > d {
                return Err(format!("instruction at {pos} reads below the stack"));
            }
            Ok(d - u64::from(pops) + u64::from(pushes))
        };
        let next = ins.offset + 1;
        match ins.op.flow() {
            Flow::Next => visit(&mut depth, &mut work, next, after(false)?)?,
            Flow::CondJump => {
                visit(&mut depth, &mut work, ins.arg, after(true)?)?;
                visit(&mut depth, &mut work, next, after(false)?)?;
            }
            Flow::Jump => visit(&mut depth, &mut work, ins.arg, after(true)?)?,
            Flow::Stop => {
                after(false)?;
            }
        }
    }
    Ok(())
}

/// `code` with `co_filename` set to `filename` in it and every code object
/// nested in its constants (`_imp._fix_co_filename` for a cache file
/// written where the source had another path).
pub fn with_filename(code: &Arc<CodeObject>, filename: &Arc<str>) -> Arc<CodeObject> {
    fn fix(c: &Constant, filename: &Arc<str>) -> Constant {
        match c {
            Constant::Code(inner) => Constant::Code(with_filename(inner, filename)),
            // Decoded: its file's code objects carry the old name.
            Constant::LazyCode(lazy) => match lazy.code() {
                Ok(inner) => Constant::Code(with_filename(&inner, filename)),
                Err(_) => c.clone(),
            },
            Constant::Tuple(items) => {
                Constant::Tuple(items.iter().map(|x| fix(x, filename)).collect())
            }
            other => other.clone(),
        }
    }
    let mut c = (**code).clone();
    c.filename = filename.clone();
    c.consts = c.consts.iter().map(|k| fix(k, filename)).collect();
    Arc::new(c)
}
