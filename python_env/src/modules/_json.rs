//! The `_json` module: the native half of `json` (CPython 3.11's
//! `Modules/_json.c`): `scanstring`, `encode_basestring(_ascii)`, the
//! scanner type `make_scanner` and the encoder type `make_encoder`.
//! CPython's own `json` package imports them unmodified.
//!
//! Positions. A str is surrogate-preserving UTF-8, while every index seen
//! by Python (arguments, results, `JSONDecodeError.pos`, `StopIteration`
//! values) counts characters. The scanner works on bytes: every byte it
//! matches (quotes, digits, structural characters, whitespace) is ASCII,
//! and a multi-byte character never contains an ASCII byte, so its
//! decisions are those of CPython's per-character loop. Byte positions are
//! turned into character positions only at the edges (one count per call,
//! and on errors); for ASCII text (a header flag) the two are equal.
//!
//! Rooting. Scanning and encoding allocate without collecting (the VM runs
//! in deferred mode), so values in progress need roots only across calls
//! into Python code (hooks, `default`, a custom string encoder, sort
//! comparisons). Each call keeps a Rust stack of the values in progress
//! (`Pending`): containers being filled or walked, dict snapshots, memo
//! keys. Just before any such Python call, the part of that stack not yet
//! mirrored is appended to a list rooted on the value stack; leaving a
//! level truncates both. So a document that runs no Python code pays for
//! a few vector pushes, and one that does pays once per value.
//!
//! Types. `Scanner` (exposed as `make_scanner`) and `Encoder`
//! (`make_encoder`) are not subclassable, as in CPython, and use the
//! `K_MISC` layout; their slots are written once in `__new__`, so threads
//! call one object freely (each call has its own state). An encoder's
//! `markers` dict is the caller's and is shared by concurrent calls, as in
//! CPython.

use crate::args::{c_int, py_ssize_t};
use crate::types::clinic;
use crate::types::frozendict::is_frozendict;
use engine::runtime::ops::push_cp;
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::layouts::{dict as ldict, str as lstr};
use proto_core::{Obj, Value};

const MODULE_DOC: &str = "json speedups\n";

// Scanner slots.
const SC_STRICT: usize = 0;
const SC_OBJECT_HOOK: usize = 1;
const SC_PAIRS_HOOK: usize = 2;
const SC_PARSE_FLOAT: usize = 3;
const SC_PARSE_INT: usize = 4;
const SC_PARSE_CONSTANT: usize = 5;
const SC_SLOTS: usize = 6;

// Encoder slots.
const EN_MARKERS: usize = 0;
const EN_DEFAULT: usize = 1;
const EN_ENCODER: usize = 2;
const EN_INDENT: usize = 3;
const EN_KEY_SEP: usize = 4;
const EN_ITEM_SEP: usize = 5;
const EN_SORT_KEYS: usize = 6;
const EN_SKIPKEYS: usize = 7;
const EN_ALLOW_NAN: usize = 8;
/// 0: call `encoder`; 1: it is `encode_basestring_ascii`; 2: it is
/// `encode_basestring` (CPython's `fast_encode`).
const EN_FAST: usize = 9;
const EN_SLOTS: usize = 10;

// ------------------------------------------------------------------ helpers

/// Character index of byte offset `byte` of `b` (surrogate-preserving
/// UTF-8): the number of characters that start before it.
fn char_index(b: &[u8], ascii: bool, byte: usize) -> usize {
    if ascii {
        return byte;
    }
    b[..byte].iter().filter(|&&c| c & 0xC0 != 0x80).count()
}

/// Byte offset of character `ch` of `b`, or None past the end (the end
/// itself is `Some(b.len())`).
fn byte_index(b: &[u8], ascii: bool, ch: usize) -> Option<usize> {
    if ascii {
        return (ch <= b.len()).then_some(ch);
    }
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if c & 0xC0 != 0x80 {
            if n == ch {
                return Some(i);
            }
            n += 1;
        }
    }
    (n == ch).then_some(b.len())
}

/// The code point starting at `b[i]` and its length in bytes
/// (surrogate-preserving UTF-8; `b` is a well-formed str).
#[inline]
fn decode_cp(b: &[u8], i: usize) -> (u32, usize) {
    let c = b[i] as u32;
    let cont = |k: usize| b.get(i + k).map_or(0, |&x| (x & 0x3F) as u32);
    if c < 0x80 {
        (c, 1)
    } else if c < 0xE0 {
        (((c & 0x1F) << 6) | cont(1), 2)
    } else if c < 0xF0 {
        (((c & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((c & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    }
}

#[inline]
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_u_escape(out: &mut Vec<u8>, c: u32) {
    out.extend_from_slice(b"\\u");
    out.push(HEX[((c >> 12) & 0xF) as usize]);
    out.push(HEX[((c >> 8) & 0xF) as usize]);
    out.push(HEX[((c >> 4) & 0xF) as usize]);
    out.push(HEX[(c & 0xF) as usize]);
}

/// Is `c` copied unchanged by `encode_basestring_ascii`?
#[inline]
fn ascii_plain(c: u8) -> bool {
    (b' '..=b'~').contains(&c) && c != b'\\' && c != b'"'
}

/// Appends the JSON string literal of the str bytes `b`, ASCII only
/// (`encode_basestring_ascii`).
fn escape_ascii(out: &mut Vec<u8>, b: &[u8]) {
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut i = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() && ascii_plain(b[i]) {
            i += 1;
        }
        out.extend_from_slice(&b[start..i]);
        if i == b.len() {
            break;
        }
        let (c, n) = decode_cp(b, i);
        i += n;
        match c {
            0x5C => out.extend_from_slice(b"\\\\"),
            0x22 => out.extend_from_slice(b"\\\""),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0D => out.extend_from_slice(b"\\r"),
            0x09 => out.extend_from_slice(b"\\t"),
            c if c >= 0x10000 => {
                let v = c - 0x10000;
                push_u_escape(out, 0xD800 | ((v >> 10) & 0x3FF));
                push_u_escape(out, 0xDC00 | (v & 0x3FF));
            }
            c => push_u_escape(out, c),
        }
    }
    out.push(b'"');
}

/// Appends the JSON string literal of the str bytes `b`, other characters
/// kept as they are (`encode_basestring`).
fn escape_unicode(out: &mut Vec<u8>, b: &[u8]) {
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut i = 0;
    while i < b.len() {
        let start = i;
        i = plain_run_end(b, i, true);
        out.extend_from_slice(&b[start..i]);
        if i == b.len() {
            break;
        }
        let c = b[i];
        i += 1;
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'"' => out.extend_from_slice(b"\\\""),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            c => push_u_escape(out, c as u32),
        }
    }
    out.push(b'"');
}

/// Appends the decimal digits of `i`.
fn push_i64(out: &mut Vec<u8>, i: i64) {
    if i < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(crate::text::u64_digits(&mut [0u8; 20], i.unsigned_abs()));
}

/// The scanner's key-memo hash of `bytes` (FxHash's mixing, 8 bytes a step).
fn fx(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &c in chunks.remainder() {
        h = (h.rotate_left(5) ^ c as u64).wrapping_mul(K);
    }
    h
}

/// The first index at or after `i` of a byte that ends a plain run of a
/// JSON string (`"`, `\`, or with `strict` a control character below
/// 0x20), or `b.len()`: where the scanner stops, and (strict) where the
/// `ensure_ascii=False` encoder must escape. Eight bytes a step: in each
/// test below, a byte's high bit flags a match, and a false flag only ever
/// sits above a true one (a borrow carries upwards), so the lowest flag is
/// the first match.
fn plain_run_end(b: &[u8], mut i: usize, strict: bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let mut m =
            zero_byte(w ^ (ONES * u64::from(b'"'))) | zero_byte(w ^ (ONES * u64::from(b'\\')));
        if strict {
            m |= w.wrapping_sub(ONES * 0x20) & !w;
        }
        m &= HIGHS;
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&d) = b.get(i) {
        if d == b'"' || d == b'\\' || (strict && d < 0x20) {
            return i;
        }
        i += 1;
    }
    i
}

/// Values in progress during one scan or encode (see the module doc):
/// `vals` is a stack; `keep` (a list rooted on the value stack) mirrors
/// `vals[..rooted]`.
struct Pending {
    vals: Vec<Value>,
    rooted: usize,
    keep: Value,
}

impl Pending {
    fn new(vm: &mut Vm) -> Pending {
        Pending {
            vals: Vec::new(),
            rooted: 0,
            keep: vm.new_list(&[]),
        }
    }

    #[inline]
    fn mark(&self) -> usize {
        self.vals.len()
    }

    #[inline]
    fn push(&mut self, v: Value) {
        self.vals.push(v);
    }

    /// Roots every pending value: called before any call into Python code.
    fn flush(&mut self, vm: &mut Vm) {
        if self.rooted < self.vals.len() {
            let keep = Obj::from_value(self.keep).expect("list");
            llist::extend(&mut vm.ctx, keep, &self.vals[self.rooted..]);
            self.rooted = self.vals.len();
        }
    }

    /// Drops the values pushed since `mark`.
    #[inline]
    fn release(&mut self, vm: &mut Vm, mark: usize) {
        self.vals.truncate(mark);
        if self.rooted > mark {
            self.rooted = mark;
            let keep = Obj::from_value(self.keep).expect("list");
            llist::truncate(&mut vm.ctx, keep, mark);
        }
    }
}

/// Raises `json.decoder.JSONDecodeError(msg, s, pos)`.
fn decode_error(vm: &mut Vm, msg: &str, s: Value, pos: i64) -> PyException {
    let r = (|| {
        let m = vm.import_module("json.decoder")?;
        let n = vm.intern("JSONDecodeError");
        let cls = vm.getattr(m, n)?;
        let mark = vm.push_root(cls);
        let msg = vm.new_str(msg);
        vm.push_root(msg);
        let p = vm.new_int(pos);
        let r = vm.call(cls, &[msg, s, p], Value::EMPTY);
        vm.pop_roots(mark);
        r
    })();
    match r {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

fn stop_iteration(vm: &mut Vm, idx: usize) -> PyException {
    let v = vm.new_int(idx as i64);
    let args = vm.new_tuple(&[v]);
    vm.new_exc_args(vm.g.e.StopIteration, args)
}

/// `Py_EnterRecursiveCall(what)`: the Python frames and this call's
/// nesting together stay within the recursion limit.
fn check_depth(vm: &mut Vm, depth: usize, what: &str) -> PyResult<()> {
    let limit =
        vm.g.recursion_limit
            .load(proto_core::sync::Ordering::Relaxed);
    if vm.frames.len() + depth > limit {
        return Err(vm.new_exc(
            vm.g.e.RecursionError,
            &format!("maximum recursion depth exceeded{what}"),
        ));
    }
    Ok(())
}

// ------------------------------------------------------------------ strings

/// A scanned JSON string: `Borrowed(a, b)` when it had no escapes (the
/// text is `bytes[a..b]` of the input), else its decoded bytes.
enum Scanned {
    Borrowed(usize, usize),
    Owned(Vec<u8>),
}

/// Reads the JSON string whose opening quote is at byte `end - 1` of `b`;
/// returns it and the byte offset after the closing quote. `s` is the str
/// `b` belongs to (for errors).
fn scan_string(
    vm: &mut Vm,
    s: Value,
    b: &[u8],
    ascii: bool,
    end: usize,
    strict: bool,
) -> PyResult<(Scanned, usize)> {
    let len = b.len();
    let err = |vm: &mut Vm, msg: &str, at: usize| {
        let p = char_index(b, ascii, at);
        Err(decode_error(vm, msg, s, p as i64))
    };
    // The opening quote's position; -1 for `scanstring(s, 0)`, which
    // CPython accepts.
    let unterminated = |vm: &mut Vm| {
        let p = if end == 0 {
            -1
        } else {
            char_index(b, ascii, end - 1) as i64
        };
        Err(decode_error(vm, "Unterminated string starting at", s, p))
    };
    let mut buf: Option<Vec<u8>> = None;
    let mut chunk = end;
    loop {
        let mut next = plain_run_end(b, chunk, strict);
        if next == len {
            return unterminated(vm);
        }
        let c = b[next];
        if c < 0x20 {
            // Only a strict scan stops at a control character.
            return err(vm, "Invalid control character at", next);
        }
        if c == b'"' {
            return Ok(match buf {
                None => (Scanned::Borrowed(chunk, next), next + 1),
                Some(mut v) => {
                    v.extend_from_slice(&b[chunk..next]);
                    (Scanned::Owned(v), next + 1)
                }
            });
        }
        let out = buf.get_or_insert_with(Vec::new);
        out.extend_from_slice(&b[chunk..next]);
        // A backslash at `next`.
        next += 1;
        if next == len {
            return unterminated(vm);
        }
        let e = b[next];
        if e != b'u' {
            let r = match e {
                b'"' => b'"',
                b'\\' => b'\\',
                b'/' => b'/',
                b'b' => 0x08,
                b'f' => 0x0C,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                _ => return err(vm, "Invalid \\escape", next - 1),
            };
            out.push(r);
            chunk = next + 1;
            continue;
        }
        next += 1;
        let stop = next + 4;
        if stop >= len {
            return err(vm, "Invalid \\uXXXX escape", next - 1);
        }
        let Some(mut c) = hex4(&b[next..stop]) else {
            return err(vm, "Invalid \\uXXXX escape", next - 1);
        };
        let mut after = stop;
        if (0xD800..=0xDBFF).contains(&c)
            && stop + 6 < len
            && b[stop] == b'\\'
            && b[stop + 1] == b'u'
        {
            let Some(c2) = hex4(&b[stop + 2..stop + 6]) else {
                return err(vm, "Invalid \\uXXXX escape", stop + 1);
            };
            if (0xDC00..=0xDFFF).contains(&c2) {
                c = 0x10000 + (((c - 0xD800) << 10) | (c2 - 0xDC00));
                after = stop + 6;
            }
        }
        push_cp(out, c);
        chunk = after;
    }
}

fn hex4(d: &[u8]) -> Option<u32> {
    let mut c = 0u32;
    for &x in d {
        let v = (x as char).to_digit(16)?;
        c = (c << 4) | v;
    }
    Some(c)
}

/// `scanstring(string, end, strict=True, /)`.
fn json_scanstring(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_parse_tuple(vm, "scanstring", "scanstring", a, k, 2, 3)?;
    let end = py_ssize_t(vm, a[1])?;
    let strict = match a.get(2) {
        Some(&v) => c_int(vm, v)? != 0,
        None => true,
    };
    let s = a[0];
    if !is_str(s) {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(&format!("first argument must be a string, not {tn}")));
    }
    let so = Obj::from_value(s).expect("str");
    let b = lstr::bytes(so);
    let ascii = lstr::is_ascii(so);
    let start = if end < 0 {
        None
    } else {
        byte_index(b, ascii, end as usize)
    };
    let Some(start) = start else {
        return Err(vm.value_error("end is out of bounds"));
    };
    let (sc, next) = scan_string(vm, s, b, ascii, start, strict)?;
    let v = match sc {
        Scanned::Borrowed(x, y) => vm.new_str_bytes(&b[x..y]),
        Scanned::Owned(v) => vm.new_str_bytes(&v),
    };
    let n = vm.new_int(char_index(b, ascii, next) as i64);
    Ok(vm.new_tuple(&[v, n]))
}

fn str_arg(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<&'static [u8]> {
    crate::args::check(vm, name, a, k, 1, 1)?;
    if !is_str(a[0]) {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("first argument must be a string, not {tn}")));
    }
    Ok(str_bytes(a[0]))
}

/// `encode_basestring_ascii(string)`.
fn json_encode_basestring_ascii(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let b = str_arg(vm, "_json.encode_basestring_ascii", a, k)?;
    let mut out = Vec::with_capacity(b.len() + 2);
    escape_ascii(&mut out, b);
    Ok(new_ascii_str(vm, &out))
}

/// `encode_basestring(string)`.
fn json_encode_basestring(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let b = str_arg(vm, "_json.encode_basestring", a, k)?;
    let mut out = Vec::with_capacity(b.len() + 2);
    escape_unicode(&mut out, b);
    Ok(vm.new_str_bytes(&out))
}

fn new_ascii_str(vm: &mut Vm, b: &[u8]) -> Value {
    lstr::alloc(
        &mut vm.ctx,
        proto_core::Kind::STR,
        vm.g.types.str_,
        b,
        b.len(),
        true,
        false,
    )
}

// ------------------------------------------------------------------ scanner

/// The receiver of a Scanner/Encoder method, or CPython's TypeError.
fn this(vm: &mut Vm, v: Value, tname: &str, n: usize) -> PyResult<Obj> {
    match Obj::from_value(v) {
        Some(o)
            if o.kind() == K_MISC
                && o.n_values() == n
                && !is_heap_type(o.class())
                && Obj::from_value(o.class()).is_some_and(|t| str_of(t.get(T_NAME)) == tname) =>
        {
            Ok(o)
        }
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '__call__' requires a '_json.{tname}' object but received a '{tn}'"
            )))
        }
    }
}

fn scanner_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [ctx] = clinic::unpack(vm, "make_scanner", &a[1..], k, ["context"], 0, 1, 1)?;
    let ctx = ctx.expect("required");
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let mut vals = [Value::NONE; SC_SLOTS];
        let n = vm.intern("strict");
        let strict = vm.getattr(ctx, n)?;
        vm.push_root(strict);
        vals[SC_STRICT] = Value::bool(vm.truthy(strict)?);
        let names = [
            (SC_OBJECT_HOOK, "object_hook"),
            (SC_PAIRS_HOOK, "object_pairs_hook"),
            (SC_PARSE_FLOAT, "parse_float"),
            (SC_PARSE_INT, "parse_int"),
            (SC_PARSE_CONSTANT, "parse_constant"),
        ];
        for (slot, name) in names {
            let n = vm.intern(name);
            let v = vm.getattr(ctx, n)?;
            vm.push_root(v);
            vals[slot] = v;
        }
        let o = vm.alloc_obj(K_MISC, a[0], SC_SLOTS, 0);
        for (i, &v) in vals.iter().enumerate() {
            o.init(i, v);
        }
        Ok(o.value())
    })();
    vm.pop_roots(mark);
    r
}

/// One call of a scanner: its settings and the state of the scan.
struct Scan {
    s: Value,
    b: &'static [u8],
    ascii: bool,
    strict: bool,
    object_hook: Value,
    pairs_hook: Value,
    /// None when it is `float` (converted natively).
    parse_float: Option<Value>,
    /// None when it is `int`.
    parse_int: Option<Value>,
    parse_constant: Value,
    /// Keys seen in this call, with their text's [`fx`] hash: equal keys
    /// share one str object (found by comparing its text in place).
    memo: hashbrown::HashTable<(u64, Value)>,
    /// Containers in progress.
    pending: Pending,
    /// The memo's str objects.
    memo_roots: Pending,
    depth: usize,
}

impl Scan {
    fn err(&self, vm: &mut Vm, msg: &str, at: usize) -> PyException {
        let p = char_index(self.b, self.ascii, at);
        decode_error(vm, msg, self.s, p as i64)
    }

    fn flush(&mut self, vm: &mut Vm) {
        self.pending.flush(vm);
        self.memo_roots.flush(vm);
    }

    #[inline]
    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.b.len() && is_ws(self.b[i]) {
            i += 1;
        }
        i
    }

    fn call_hook(&mut self, vm: &mut Vm, f: Value, arg: Value) -> PyResult<Value> {
        self.flush(vm);
        let mark = vm.push_root(arg);
        let r = vm.call(f, &[arg], Value::EMPTY);
        vm.pop_roots(mark);
        r
    }

    /// One JSON value at byte `idx`: the value and the byte after it.
    fn scan_once(&mut self, vm: &mut Vm, idx: usize) -> PyResult<(Value, usize)> {
        let b = self.b;
        let len = b.len();
        if idx >= len {
            return Err(stop_iteration(vm, char_index(b, self.ascii, idx)));
        }
        let rest = &b[idx..];
        match b[idx] {
            b'"' => {
                let (sc, next) = scan_string(vm, self.s, b, self.ascii, idx + 1, self.strict)?;
                let v = match sc {
                    Scanned::Borrowed(x, y) => vm.new_str_bytes(&b[x..y]),
                    Scanned::Owned(v) => vm.new_str_bytes(&v),
                };
                return Ok((v, next));
            }
            b'{' => {
                self.depth += 1;
                let r = check_depth(
                    vm,
                    self.depth,
                    " while decoding a JSON object from a unicode string",
                )
                .and_then(|()| {
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.parse_object(vm, idx + 1))
                });
                self.depth -= 1;
                return r;
            }
            b'[' => {
                self.depth += 1;
                let r = check_depth(
                    vm,
                    self.depth,
                    " while decoding a JSON array from a unicode string",
                )
                .and_then(|()| {
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.parse_array(vm, idx + 1))
                });
                self.depth -= 1;
                return r;
            }
            b'n' if rest.starts_with(b"null") => return Ok((Value::NONE, idx + 4)),
            b't' if rest.starts_with(b"true") => return Ok((Value::TRUE, idx + 4)),
            b'f' if rest.starts_with(b"false") => return Ok((Value::FALSE, idx + 5)),
            b'N' if rest.starts_with(b"NaN") => return self.constant(vm, "NaN", idx),
            b'I' if rest.starts_with(b"Infinity") => return self.constant(vm, "Infinity", idx),
            b'-' if rest.starts_with(b"-Infinity") => return self.constant(vm, "-Infinity", idx),
            _ => {}
        }
        self.match_number(vm, idx)
    }

    fn constant(&mut self, vm: &mut Vm, name: &str, idx: usize) -> PyResult<(Value, usize)> {
        let c = vm.intern(name);
        let v = self.call_hook(vm, self.parse_constant, c)?;
        Ok((v, idx + name.len()))
    }

    fn match_number(&mut self, vm: &mut Vm, start: usize) -> PyResult<(Value, usize)> {
        let b = self.b;
        let end_idx = b.len() - 1;
        let digit = |i: usize| b[i].is_ascii_digit();
        let mut idx = start;
        if b[idx] == b'-' {
            idx += 1;
            if idx > end_idx {
                return Err(stop_iteration(vm, char_index(b, self.ascii, start)));
            }
        }
        if (b'1'..=b'9').contains(&b[idx]) {
            idx += 1;
            while idx <= end_idx && digit(idx) {
                idx += 1;
            }
        } else if b[idx] == b'0' {
            idx += 1;
        } else {
            return Err(stop_iteration(vm, char_index(b, self.ascii, start)));
        }
        let int_end = idx;
        let mut is_float = false;
        if idx < end_idx && b[idx] == b'.' && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while idx <= end_idx && digit(idx) {
                idx += 1;
            }
        }
        if idx < end_idx && (b[idx] == b'e' || b[idx] == b'E') {
            let e_start = idx;
            idx += 1;
            if idx < end_idx && (b[idx] == b'-' || b[idx] == b'+') {
                idx += 1;
            }
            while idx <= end_idx && digit(idx) {
                idx += 1;
            }
            if digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text = &b[start..idx];
        let custom = if is_float {
            self.parse_float
        } else {
            self.parse_int
        };
        if let Some(f) = custom {
            let numstr = new_ascii_str(vm, text);
            let v = self.call_hook(vm, f, numstr)?;
            return Ok((v, idx));
        }
        if is_float {
            let t = std::str::from_utf8(text).unwrap_or("nan");
            let f: f64 = t.parse().unwrap_or(f64::NAN);
            return Ok((vm.new_float(f), idx));
        }
        let ndigits = int_end - start - usize::from(b[start] == b'-');
        if ndigits <= 18 {
            let mut n: i64 = 0;
            for &c in &b[start + usize::from(b[start] == b'-')..int_end] {
                n = n * 10 + (c - b'0') as i64;
            }
            if b[start] == b'-' {
                n = -n;
            }
            return Ok((vm.new_int(n), idx));
        }
        let limit = vm.int_max_str_digits();
        if limit > 0 && ndigits > limit {
            let m = engine::runtime::text::max_str_digits_from_str_error(limit, ndigits);
            return Err(vm.value_error(&m));
        }
        let big = num_bigint::BigInt::parse_bytes(text, 10).unwrap_or_default();
        Ok((vm.new_bigint(big), idx))
    }

    /// A key: the memo's str for its text, or a new one.
    fn scan_key(&mut self, vm: &mut Vm, idx: usize) -> PyResult<(Value, usize)> {
        let b = self.b;
        let (sc, next) = scan_string(vm, self.s, b, self.ascii, idx, self.strict)?;
        let text: &[u8] = match &sc {
            Scanned::Borrowed(x, y) => &b[*x..*y],
            Scanned::Owned(v) => v,
        };
        let h = fx(text);
        let same = |&(kh, k): &(u64, Value)| {
            kh == h && Obj::from_value(k).is_some_and(|o| lstr::bytes(o) == text)
        };
        if let Some(&(_, k)) = self.memo.find(h, same) {
            return Ok((k, next));
        }
        let k = vm.new_str_bytes(text);
        self.memo.insert_unique(h, (h, k), |&(kh, _)| kh);
        self.memo_roots.push(k);
        Ok((k, next))
    }

    fn parse_object(&mut self, vm: &mut Vm, mut idx: usize) -> PyResult<(Value, usize)> {
        let b = self.b;
        let len = b.len();
        let pairs = !self.pairs_hook.is_none();
        let rval = if pairs {
            vm.new_list(&[])
        } else {
            vm.new_dict()
        };
        let mark = self.pending.mark();
        self.pending.push(rval);
        let r = (|| {
            idx = self.skip_ws(idx);
            if idx >= len || b[idx] != b'}' {
                loop {
                    if idx >= len || b[idx] != b'"' {
                        return Err(self.err(
                            vm,
                            "Expecting property name enclosed in double quotes",
                            idx,
                        ));
                    }
                    let (key, next) = self.scan_key(vm, idx + 1)?;
                    idx = self.skip_ws(next);
                    if idx >= len || b[idx] != b':' {
                        return Err(self.err(vm, "Expecting ':' delimiter", idx));
                    }
                    idx = self.skip_ws(idx + 1);
                    let (val, next) = self.scan_once(vm, idx)?;
                    if pairs {
                        let t = vm.new_tuple(&[key, val]);
                        vm.list_append(rval, t);
                    } else {
                        vm.dict_set_str(rval, key, val);
                    }
                    idx = self.skip_ws(next);
                    if idx < len && b[idx] == b'}' {
                        break;
                    }
                    if idx >= len || b[idx] != b',' {
                        return Err(self.err(vm, "Expecting ',' delimiter", idx));
                    }
                    idx = self.skip_ws(idx + 1);
                }
            }
            let next = idx + 1;
            if pairs {
                let v = self.call_hook(vm, self.pairs_hook, rval)?;
                return Ok((v, next));
            }
            if !self.object_hook.is_none() {
                let v = self.call_hook(vm, self.object_hook, rval)?;
                return Ok((v, next));
            }
            Ok((rval, next))
        })();
        self.pending.release(vm, mark);
        r
    }

    fn parse_array(&mut self, vm: &mut Vm, mut idx: usize) -> PyResult<(Value, usize)> {
        let b = self.b;
        let len = b.len();
        let rval = vm.new_list(&[]);
        let mark = self.pending.mark();
        self.pending.push(rval);
        let r = (|| {
            idx = self.skip_ws(idx);
            if idx >= len || b[idx] != b']' {
                loop {
                    let (val, next) = self.scan_once(vm, idx)?;
                    vm.list_append(rval, val);
                    idx = self.skip_ws(next);
                    if idx < len && b[idx] == b']' {
                        break;
                    }
                    if idx >= len || b[idx] != b',' {
                        return Err(self.err(vm, "Expecting ',' delimiter", idx));
                    }
                    idx = self.skip_ws(idx + 1);
                }
            }
            if idx >= len || b[idx] != b']' {
                return Err(self.err(vm, "Expecting value", len.saturating_sub(1)));
            }
            Ok((rval, idx + 1))
        })();
        self.pending.release(vm, mark);
        r
    }
}

/// `scanner(string, idx)`: the value at character `idx` and the index
/// after it; StopIteration(idx) when no value starts there.
fn scanner_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "Scanner", SC_SLOTS)?;
    let [s, idx] = clinic::unpack(vm, "scan_once", &a[1..], k, ["string", "idx"], 0, 2, 2)?;
    let (s, idx) = (s.expect("required"), idx.expect("required"));
    let idx = py_ssize_t(vm, idx)?;
    if !is_str(s) {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(&format!("first argument must be a string, not {tn}")));
    }
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let so = Obj::from_value(s).expect("str");
    let b = lstr::bytes(so);
    let ascii = lstr::is_ascii(so);
    let start = match byte_index(b, ascii, idx as usize) {
        Some(i) if i < b.len() => i,
        _ => return Err(stop_iteration(vm, idx as usize)),
    };
    let float_t = vm.g.types.float;
    let int_t = vm.g.types.int;
    let pf = o.get(SC_PARSE_FLOAT);
    let pi = o.get(SC_PARSE_INT);
    let pending = Pending::new(vm);
    let mark = vm.push_root(pending.keep);
    let memo_roots = Pending::new(vm);
    vm.push_root(memo_roots.keep);
    let mut st = Scan {
        s,
        b,
        ascii,
        strict: o.get(SC_STRICT) == Value::TRUE,
        object_hook: o.get(SC_OBJECT_HOOK),
        pairs_hook: o.get(SC_PAIRS_HOOK),
        parse_float: (pf != float_t).then_some(pf),
        parse_int: (pi != int_t).then_some(pi),
        parse_constant: o.get(SC_PARSE_CONSTANT),
        memo: hashbrown::HashTable::new(),
        pending,
        memo_roots,
        depth: 0,
    };
    let r = st.scan_once(vm, start);
    vm.pop_roots(mark);
    let (v, next) = r?;
    // The character index after the value: count only what was consumed.
    let next_ch = if ascii {
        next
    } else {
        idx as usize + b[start..next].iter().filter(|&&c| c & 0xC0 != 0x80).count()
    };
    let n = vm.new_int(next_ch as i64);
    Ok(vm.new_tuple(&[v, n]))
}

macro_rules! member {
    ($fname:ident, $tname:literal, $n:expr, $slot:expr) => {
        fn $fname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            let o = this(vm, a[0], $tname, $n)?;
            Ok(o.get($slot))
        }
    };
}

member!(sc_strict, "Scanner", SC_SLOTS, SC_STRICT);
member!(sc_object_hook, "Scanner", SC_SLOTS, SC_OBJECT_HOOK);
member!(sc_pairs_hook, "Scanner", SC_SLOTS, SC_PAIRS_HOOK);
member!(sc_parse_float, "Scanner", SC_SLOTS, SC_PARSE_FLOAT);
member!(sc_parse_int, "Scanner", SC_SLOTS, SC_PARSE_INT);
member!(sc_parse_constant, "Scanner", SC_SLOTS, SC_PARSE_CONSTANT);
member!(en_markers, "Encoder", EN_SLOTS, EN_MARKERS);
member!(en_default, "Encoder", EN_SLOTS, EN_DEFAULT);
member!(en_encoder, "Encoder", EN_SLOTS, EN_ENCODER);
member!(en_indent, "Encoder", EN_SLOTS, EN_INDENT);
member!(en_key_sep, "Encoder", EN_SLOTS, EN_KEY_SEP);
member!(en_item_sep, "Encoder", EN_SLOTS, EN_ITEM_SEP);
member!(en_sort_keys, "Encoder", EN_SLOTS, EN_SORT_KEYS);
member!(en_skipkeys, "Encoder", EN_SLOTS, EN_SKIPKEYS);

// ------------------------------------------------------------------ encoder

fn encoder_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let names = [
        "markers",
        "default",
        "encoder",
        "indent",
        "key_separator",
        "item_separator",
        "sort_keys",
        "skipkeys",
        "allow_nan",
    ];
    let args = clinic::unpack(vm, "make_encoder", &a[1..], k, names, 0, 9, 9)?;
    let v: Vec<Value> = args.iter().map(|x| x.expect("required")).collect();
    for i in [4, 5] {
        if !is_str(v[i]) {
            let tn = vm.type_name_of(v[i]);
            return Err(vm.type_error(&format!(
                "make_encoder() argument {} must be str, not {tn}",
                i + 1
            )));
        }
    }
    let mut flags = [false; 3];
    for (f, &x) in flags.iter_mut().zip(&v[6..9]) {
        *f = vm.truthy(x)?;
    }
    let markers = v[0];
    if !markers.is_none() && !Obj::from_value(markers).is_some_and(|o| o.kind() == Kind::DICT) {
        let tn = vm.type_name_of(markers);
        return Err(vm.type_error(&format!(
            "make_encoder() argument 1 must be dict or None, not {tn}"
        )));
    }
    let fast = match Obj::from_value(v[2]).filter(|o| o.kind() == K_BUILTIN) {
        Some(o) => match builtin_data(o) {
            Some(bd) if std::ptr::fn_addr_eq(bd.f, json_encode_basestring_ascii as NativeFn) => 1,
            Some(bd) if std::ptr::fn_addr_eq(bd.f, json_encode_basestring as NativeFn) => 2,
            _ => 0,
        },
        None => 0,
    };
    let o = vm.alloc_obj(K_MISC, a[0], EN_SLOTS, 0);
    for (i, &x) in v[..6].iter().enumerate() {
        o.init(i, x);
    }
    o.init(EN_SORT_KEYS, Value::bool(flags[0]));
    o.init(EN_SKIPKEYS, Value::bool(flags[1]));
    o.init(EN_ALLOW_NAN, Value::bool(flags[2]));
    o.init(EN_FAST, Value::int(fast));
    Ok(o.value())
}

/// One call of an encoder.
struct Enc {
    markers: Value,
    default: Value,
    encoder: Value,
    fast: i64,
    key_sep: &'static [u8],
    item_sep: &'static [u8],
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    pending: Pending,
    depth: usize,
}

/// How `encode` sees a value.
enum Shape {
    Int(Value),
    Float(f64),
    Other,
}

fn shape(vm: &Vm, v: Value) -> Shape {
    if v.is_int() {
        return Shape::Int(v);
    }
    if let Some(f) = v.as_float() {
        return Shape::Float(f);
    }
    let Some(o) = Obj::from_value(v) else {
        return Shape::Other;
    };
    match o.kind() {
        Kind::BIG_INT => Shape::Int(v),
        Kind::FLOAT => Shape::Float(boxed_float(o)),
        K_NUMSUB => match vm.num(o.get(1)) {
            Some(ops::Num::F(f)) => Shape::Float(f),
            Some(_) => Shape::Int(o.get(1)),
            None => Shape::Other,
        },
        _ => Shape::Other,
    }
}

impl Enc {
    fn push_int(&self, vm: &mut Vm, out: &mut Vec<u8>, v: Value) -> PyResult<()> {
        if let Some(i) = v.as_int() {
            push_i64(out, i);
            return Ok(());
        }
        match bigint_of(v) {
            Some(b) => {
                let s = vm.int_decimal(b)?;
                out.extend_from_slice(s.as_bytes());
            }
            None => {
                let i = vm.as_i64(v).unwrap_or(0);
                push_i64(out, i);
            }
        }
        Ok(())
    }

    fn push_float(&self, vm: &mut Vm, out: &mut Vec<u8>, f: f64) -> PyResult<()> {
        if !f.is_finite() {
            if !self.allow_nan {
                return Err(vm.value_error("Out of range float values are not JSON compliant"));
            }
            out.extend_from_slice(if f > 0.0 {
                b"Infinity"
            } else if f < 0.0 {
                b"-Infinity"
            } else {
                b"NaN"
            });
            return Ok(());
        }
        out.extend_from_slice(vm.float_text(f).as_bytes());
        Ok(())
    }

    /// The JSON literal of the str `s`.
    fn push_str(&mut self, vm: &mut Vm, out: &mut Vec<u8>, s: Value) -> PyResult<()> {
        match self.fast {
            1 => escape_ascii(out, str_bytes(s)),
            2 => escape_unicode(out, str_bytes(s)),
            _ => {
                self.pending.flush(vm);
                let mark = vm.push_root(s);
                let r = vm.call(self.encoder, &[s], Value::EMPTY);
                vm.pop_roots(mark);
                let r = r?;
                if !is_str(r) {
                    let tn = vm.type_name_of(r);
                    return Err(vm.type_error(&format!("encoder() must return a string, not {tn}")));
                }
                out.extend_from_slice(str_bytes(r));
            }
        }
        Ok(())
    }

    fn enter(&mut self, vm: &mut Vm) -> PyResult<()> {
        self.depth += 1;
        if let Err(e) = check_depth(vm, self.depth, " while encoding a JSON object") {
            self.depth -= 1;
            return Err(e);
        }
        Ok(())
    }

    /// Marks `obj` as being encoded (circular reference check); returns
    /// its id key, or None without markers.
    fn mark(&mut self, vm: &mut Vm, obj: Value) -> PyResult<Option<Value>> {
        if self.markers.is_none() {
            return Ok(None);
        }
        let ident = vm.new_int(object_id(obj) as i64);
        if vm.dict_get(self.markers, ident)?.is_some() {
            return Err(vm.value_error("Circular reference detected"));
        }
        vm.dict_set(self.markers, ident, obj)?;
        Ok(Some(ident))
    }

    fn unmark(&mut self, vm: &mut Vm, ident: Option<Value>) -> PyResult<()> {
        if let Some(id) = ident {
            if vm.dict_del(self.markers, id)?.is_none() {
                return Err(vm.key_error(id));
            }
        }
        Ok(())
    }

    fn encode(&mut self, vm: &mut Vm, out: &mut Vec<u8>, obj: Value) -> PyResult<()> {
        if obj.is_none() {
            out.extend_from_slice(b"null");
            return Ok(());
        }
        if obj == Value::TRUE {
            out.extend_from_slice(b"true");
            return Ok(());
        }
        if obj == Value::FALSE {
            out.extend_from_slice(b"false");
            return Ok(());
        }
        if is_str(obj) {
            return self.push_str(vm, out, obj);
        }
        match shape(vm, obj) {
            Shape::Int(v) => return self.push_int(vm, out, v),
            Shape::Float(f) => return self.push_float(vm, out, f),
            Shape::Other => {}
        }
        let kind = Obj::from_value(obj).map(|o| o.kind());
        match kind {
            Some(Kind::LIST) | Some(Kind::TUPLE) => {
                self.enter(vm)?;
                let r =
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.encode_list(vm, out, obj));
                self.depth -= 1;
                r
            }
            // A frozendict (PEP 814) is encoded as the mapping it is, as
            // CPython 3.15's encoder does.
            Some(k) if k == Kind::DICT || is_frozendict(obj) => {
                self.enter(vm)?;
                let r =
                    stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.encode_dict(vm, out, obj));
                self.depth -= 1;
                r
            }
            _ => {
                let pmark = self.pending.mark();
                self.pending.push(obj);
                let r = (|| {
                    let ident = self.mark(vm, obj)?;
                    self.pending.flush(vm);
                    let newobj = vm.call(self.default, &[obj], Value::EMPTY)?;
                    self.pending.push(newobj);
                    self.enter(vm)?;
                    let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
                        self.encode(vm, out, newobj)
                    });
                    self.depth -= 1;
                    r?;
                    self.unmark(vm, ident)
                })();
                self.pending.release(vm, pmark);
                r
            }
        }
    }

    fn encode_list(&mut self, vm: &mut Vm, out: &mut Vec<u8>, seq: Value) -> PyResult<()> {
        if vm.seq_get(seq, 0).is_none() {
            out.extend_from_slice(b"[]");
            return Ok(());
        }
        let pmark = self.pending.mark();
        self.pending.push(seq);
        let r = (|| {
            let ident = self.mark(vm, seq)?;
            out.push(b'[');
            let mut i = 0;
            while let Some(item) = vm.seq_get(seq, i) {
                if i > 0 {
                    out.extend_from_slice(self.item_sep);
                }
                self.encode(vm, out, item)?;
                i += 1;
            }
            self.unmark(vm, ident)?;
            out.push(b']');
            Ok(())
        })();
        self.pending.release(vm, pmark);
        r
    }

    /// The (key, value) pairs of `dct`: a snapshot of an exact dict, else
    /// `dct.items()` as a list; sorted by `sort_keys`.
    fn dict_pairs(&mut self, vm: &mut Vm, dct: Value) -> PyResult<Vec<(Value, Value)>> {
        let o = Obj::from_value(dct).expect("dict");
        if o.class() == vm.g.types.dict && !self.sort_keys {
            let mut raw = Vec::new();
            ldict::items(o, &mut raw);
            let mut pairs = Vec::with_capacity(raw.len());
            for (k, v, _) in raw {
                self.pending.push(k);
                self.pending.push(v);
                pairs.push((k, v));
            }
            return Ok(pairs);
        }
        let mut items: Vec<Value> = if o.class() == vm.g.types.dict {
            let mut raw = Vec::new();
            ldict::items(o, &mut raw);
            raw.into_iter()
                .map(|(k, v, _)| vm.new_tuple(&[k, v]))
                .collect()
        } else {
            self.pending.flush(vm);
            let n = vm.intern("items");
            let m = vm.getattr(dct, n)?;
            let mark = vm.push_root(m);
            let r = vm.call(m, &[], Value::EMPTY);
            vm.pop_roots(mark);
            let r = r?;
            let mark = vm.push_root(r);
            let got = vm.collect(r);
            vm.pop_roots(mark);
            got?
        };
        for &t in &items {
            self.pending.push(t);
        }
        if self.sort_keys {
            self.pending.flush(vm);
            crate::builtins::sort_values(vm, &mut items, None, false)?;
        }
        let mut pairs = Vec::with_capacity(items.len());
        for t in items {
            match Obj::from_value(t) {
                Some(to) if to.kind() == Kind::TUPLE && to.n_values() == 2 => {
                    pairs.push((to.get(0), to.get(1)));
                }
                _ => return Err(vm.value_error("items must return 2-tuples")),
            }
        }
        Ok(pairs)
    }

    fn encode_dict(&mut self, vm: &mut Vm, out: &mut Vec<u8>, dct: Value) -> PyResult<()> {
        let o = Obj::from_value(dct).expect("dict");
        let empty = if o.kind() == Kind::DICT {
            ldict::len(o) == 0
        } else {
            vm.len(dct)? == 0
        };
        if empty {
            out.extend_from_slice(b"{}");
            return Ok(());
        }
        let pmark = self.pending.mark();
        self.pending.push(dct);
        let r = (|| {
            let ident = self.mark(vm, dct)?;
            out.push(b'{');
            let pairs = self.dict_pairs(vm, dct)?;
            let mut first = true;
            for (key, value) in pairs {
                // The key's text: a str as it is, or the JSON text of a
                // float, constant or int, encoded as a string.
                let mut text: Vec<u8> = Vec::new();
                let keystr: Option<Value> = if is_str(key) {
                    Some(key)
                } else if key == Value::TRUE {
                    text.extend_from_slice(b"true");
                    None
                } else if key == Value::FALSE {
                    text.extend_from_slice(b"false");
                    None
                } else if key.is_none() {
                    text.extend_from_slice(b"null");
                    None
                } else {
                    match shape(vm, key) {
                        Shape::Float(f) => {
                            self.push_float(vm, &mut text, f)?;
                            None
                        }
                        Shape::Int(v) => {
                            self.push_int(vm, &mut text, v)?;
                            None
                        }
                        Shape::Other => {
                            if self.skipkeys {
                                continue;
                            }
                            let tn = vm.type_name_of(key);
                            return Err(vm.type_error(&format!(
                                "keys must be str, int, float, bool or None, not {tn}"
                            )));
                        }
                    }
                };
                if first {
                    first = false;
                } else {
                    out.extend_from_slice(self.item_sep);
                }
                match keystr {
                    Some(k) => self.push_str(vm, out, k)?,
                    None if self.fast == 1 => escape_ascii(out, &text),
                    None if self.fast == 2 => escape_unicode(out, &text),
                    None => {
                        let k = new_ascii_str(vm, &text);
                        self.push_str(vm, out, k)?;
                    }
                }
                out.extend_from_slice(self.key_sep);
                self.encode(vm, out, value)?;
            }
            self.unmark(vm, ident)?;
            out.push(b'}');
            Ok(())
        })();
        self.pending.release(vm, pmark);
        r
    }
}

/// `encoder(obj, _current_indent_level)`: a list holding the JSON text (in
/// one chunk; CPython 3.11's accumulator returns a list of chunks).
fn encoder_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "Encoder", EN_SLOTS)?;
    let [obj, level] = clinic::unpack(
        vm,
        "_iterencode",
        &a[1..],
        k,
        ["obj", "_current_indent_level"],
        0,
        2,
        2,
    )?;
    let obj = obj.expect("required");
    py_ssize_t(vm, level.expect("required"))?;
    let pending = Pending::new(vm);
    let mark = vm.push_root(pending.keep);
    let mut st = Enc {
        markers: o.get(EN_MARKERS),
        default: o.get(EN_DEFAULT),
        encoder: o.get(EN_ENCODER),
        fast: o.get(EN_FAST).as_int().unwrap_or(0),
        key_sep: str_bytes(o.get(EN_KEY_SEP)),
        item_sep: str_bytes(o.get(EN_ITEM_SEP)),
        sort_keys: o.get(EN_SORT_KEYS) == Value::TRUE,
        skipkeys: o.get(EN_SKIPKEYS) == Value::TRUE,
        allow_nan: o.get(EN_ALLOW_NAN) == Value::TRUE,
        pending,
        depth: 0,
    };
    let mut out = Vec::with_capacity(256);
    let r = st.encode(vm, &mut out, obj);
    vm.pop_roots(mark);
    r?;
    let s = if out.is_ascii() {
        new_ascii_str(vm, &out)
    } else {
        vm.new_str_bytes(&out)
    };
    Ok(vm.new_list(&[s]))
}

// ------------------------------------------------------------------ module

fn make_type(
    vm: &mut Vm,
    name: &'static str,
    doc: &str,
    new: NativeFn,
    call: NativeFn,
    members: &[(&'static str, NativeFn)],
) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_MISC, false);
    let modname = vm.intern("_json");
    vm.add_attr(t, "__module__", modname);
    let d = vm.new_str(doc);
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
    vm.add_static(t, "__new__", new, false);
    vm.add_method(t, "__call__", call);
    crate::types::descr::add_members(vm, t, members);
    t
}

/// Creates the `_json` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_json");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("encode_basestring_ascii", json_encode_basestring_ascii),
        ("encode_basestring", json_encode_basestring),
        ("scanstring", json_scanstring),
    ];
    vm.add_module_functions(m, fns);
    let st = make_type(
        vm,
        "Scanner",
        "JSON scanner object",
        scanner_new,
        scanner_call,
        &[
            ("strict", sc_strict),
            ("object_hook", sc_object_hook),
            ("object_pairs_hook", sc_pairs_hook),
            ("parse_float", sc_parse_float),
            ("parse_int", sc_parse_int),
            ("parse_constant", sc_parse_constant),
        ],
    );
    vm.set_module_attr(m, "make_scanner", st);
    let et = make_type(
        vm,
        "Encoder",
        "_iterencode(obj, _current_indent_level) -> iterable",
        encoder_new,
        encoder_call,
        &[
            ("markers", en_markers),
            ("default", en_default),
            ("encoder", en_encoder),
            ("indent", en_indent),
            ("key_separator", en_key_sep),
            ("item_separator", en_item_sep),
            ("sort_keys", en_sort_keys),
            ("skipkeys", en_skipkeys),
        ],
    );
    vm.set_module_attr(m, "make_encoder", et);
    vm.pop_roots(mark);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::plain_run_end;

    /// The eight-byte scan stops where the byte loop does, for every start
    /// and every stop byte at every offset, strict or not.
    #[test]
    fn plain_run_end_matches_the_byte_loop() {
        let naive = |b: &[u8], mut i: usize, strict: bool| {
            while i < b.len() && !(b[i] == b'"' || b[i] == b'\\' || (strict && b[i] < 0x20)) {
                i += 1;
            }
            i
        };
        let fillers = [b'a', 0x7f, 0x80, 0xff, 0x21, 0x5b, 0x5d, 0x20];
        for stops in [
            &[b'"'][..],
            &[b'\\'],
            &[0x00],
            &[0x1f],
            &[0x0a, b'"'],
            &[b'\\', 0x01],
        ] {
            for len in 0..24 {
                for at in 0..=len {
                    for &f in &fillers {
                        let mut b = vec![f; len];
                        for (k, &s) in stops.iter().enumerate() {
                            if at + 3 * k < len {
                                b[at + 3 * k] = s;
                            }
                        }
                        for start in 0..=len.min(9) {
                            for strict in [false, true] {
                                assert_eq!(
                                    plain_run_end(&b, start, strict),
                                    naive(&b, start, strict),
                                    "{b:?} from {start}, strict {strict}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
