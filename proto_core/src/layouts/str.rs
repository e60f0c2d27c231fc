//! Flat strings and byte strings.
//!
//! `Kind::STR`: no values; raw words: `[0] byte length`, `[1] char length`,
//! `[2] hash + 1` (0 = not computed yet), `[3] flags` (bit 0: ASCII), then the
//! bytes (surrogate-preserving UTF-8 for str). `Kind::BYTES`: raw `[0]` byte
//! length, `[1..3]` unused/hash, then the bytes.
//!
//! Concurrency contract: immutable after allocation except the cached hash,
//! which any thread may compute and store (idempotent relaxed store).

use super::{get_raw, init_raw_parts, raw_slice, raw_word, raw_words};
use crate::object::{Kind, Obj};
use crate::sync::heap_atomic::Ordering;
use crate::value::Value;
use crate::ProtoContext;

/// Offset of the bytes in the raw region.
pub const DATA_OFFSET: usize = 32;
/// Flag: all bytes are ASCII.
pub const FLAG_ASCII: u64 = 1;

/// Allocates a string/bytes object with the given bytes.
pub fn alloc(
    ctx: &mut ProtoContext,
    kind: Kind,
    class: Value,
    bytes: &[u8],
    char_len: usize,
    ascii: bool,
    immortal: bool,
) -> Value {
    let v = if immortal {
        ctx.alloc_immortal(kind, class, 0, DATA_OFFSET + bytes.len())
    } else {
        ctx.alloc(kind, class, 0, DATA_OFFSET + bytes.len())
    };
    fill(v, &[bytes], bytes.len(), char_len, ascii)
}

/// Writes the header words and the bytes (`parts`, `n` bytes in all) of the
/// fresh str/bytes `v`; returns `v`.
#[inline(always)]
fn fill(v: Value, parts: &[&[u8]], n: usize, char_len: usize, ascii: bool) -> Value {
    let o = Obj::from_value(v).expect("heap");
    let w = raw_words::<4>(o);
    w[0].store(n as u64, Ordering::Release);
    w[1].store(char_len as u64, Ordering::Release);
    w[3].store(if ascii { FLAG_ASCII } else { 0 }, Ordering::Release);
    init_raw_parts(o, DATA_OFFSET, parts);
    v
}

/// Allocates a string/bytes object holding the concatenation of `parts`,
/// copied straight into the new object.
pub fn alloc_concat(
    ctx: &mut ProtoContext,
    kind: Kind,
    class: Value,
    parts: &[&[u8]],
    char_len: usize,
    ascii: bool,
) -> Value {
    let n: usize = parts.iter().map(|p| p.len()).sum();
    let v = ctx.alloc(kind, class, 0, DATA_OFFSET + n);
    fill(v, parts, n, char_len, ascii)
}

/// A str's (or bytes') bytes, length in characters and ASCII flag, its
/// header words read with one bounds check.
#[inline]
pub fn parts(o: Obj) -> (&'static [u8], usize, bool) {
    let w = raw_words::<4>(o);
    let n = w[0].load(Ordering::Acquire) as usize;
    let chars = w[1].load(Ordering::Acquire) as usize;
    let ascii = w[3].load(Ordering::Acquire) & FLAG_ASCII != 0;
    (raw_slice(o, DATA_OFFSET, n), chars, ascii)
}

/// Allocates a str/bytes object of a subclass: like [`alloc`] plus
/// `n_values` value slots (value 0 holds the instance `__dict__`, EMPTY
/// until first needed); the raw region is laid out exactly as for `alloc`.
pub fn alloc_with_values(
    ctx: &mut ProtoContext,
    kind: Kind,
    class: Value,
    bytes: &[u8],
    char_len: usize,
    ascii: bool,
    n_values: usize,
) -> Value {
    let v = ctx.alloc(kind, class, n_values, DATA_OFFSET + bytes.len());
    let o = Obj::from_value(v).expect("heap");
    for i in 0..n_values {
        o.init(i, Value::EMPTY);
    }
    fill(v, &[bytes], bytes.len(), char_len, ascii)
}

/// The bytes of a str/bytes object.
#[inline]
pub fn bytes(o: Obj) -> &'static [u8] {
    let n = get_raw(o, 0) as usize;
    raw_slice(o, DATA_OFFSET, n)
}

/// Length in chars (str).
#[inline]
pub fn char_len(o: Obj) -> usize {
    get_raw(o, 1) as usize
}

/// Is the string ASCII?
#[inline]
pub fn is_ascii(o: Obj) -> bool {
    get_raw(o, 3) & FLAG_ASCII != 0
}

/// The cached hash, if computed.
#[inline]
pub fn cached_hash(o: Obj) -> Option<u64> {
    match raw_word(o, 2).load(Ordering::Relaxed) {
        0 => None,
        h => Some(h.wrapping_sub(1)),
    }
}

/// Caches a hash (`u64::MAX` is stored as is and recomputed each time).
#[inline]
pub fn set_cached_hash(o: Obj, h: u64) {
    raw_word(o, 2).store(h.wrapping_add(1), Ordering::Relaxed);
}
