//! Flat strings and byte strings.
//!
//! `Kind::STR`: no values; raw words: `[0] byte length`, `[1] char length`,
//! `[2] hash + 1` (0 = not computed yet), `[3] flags` (bit 0: ASCII, bit 1:
//! interned), then the
//! bytes (surrogate-preserving UTF-8 for str). `Kind::BYTES`: raw `[0]` byte
//! length, `[1..3]` unused/hash, then the bytes.
//!
//! Concurrency contract: immutable after allocation except the cached hash,
//! which any thread may compute and store (idempotent relaxed store).
//!
//! *Byte buffers* (the storage of a `bytearray`, made by [`alloc_buffer`],
//! class word `None`, never handed to Python code) are `Kind::BYTES` objects
//! whose raw region has room past their length; raw word `[1]` holds their
//! high-water mark, the greatest length they have had. Their one writer
//! (the owner thread of a local buffer, or the holder of the lock of the
//! one bytearray that refers to a shared buffer) may append in place
//! ([`buffer_append`]) and shorten in place ([`buffer_truncate`]). Appended
//! bytes are written past the published length, which no reader reads, and
//! then the length is raised with a release store, so a reader that loads
//! the length (acquire) reads only bytes that were complete before it. A
//! shared buffer is appended to in place only at or above its high-water
//! mark: a reader that loaded a length from before a truncation may still
//! be reading the bytes below it, which are therefore never written again.

use super::{get_raw, init_raw_parts, raw_slice, raw_word, raw_words, set_raw};
use crate::object::{Kind, Obj};
use crate::sync::heap_atomic::Ordering;
use crate::value::Value;
use crate::ProtoContext;

/// Offset of the bytes in the raw region.
pub const DATA_OFFSET: usize = 32;
/// Flag: all bytes are ASCII.
pub const FLAG_ASCII: u64 = 1;
/// Flag: the canonical object of an intern table (set once, before the
/// string is published; the table may drop it when it is unreachable).
pub const FLAG_INTERNED: u64 = 2;

/// Marks the fresh, unpublished str `v` as interned.
pub fn set_interned(v: Value) {
    let o = Obj::from_value(v).expect("heap");
    set_raw(o, 3, get_raw(o, 3) | FLAG_INTERNED);
}

/// Is `o` (a str) the canonical object of an intern table?
#[inline]
pub fn is_interned(o: Obj) -> bool {
    get_raw(o, 3) & FLAG_INTERNED != 0
}

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

/// Allocates a byte buffer (see the module header) holding `parts`, with
/// room for at least `cap` bytes in all.
pub fn alloc_buffer(ctx: &mut ProtoContext, parts: &[&[u8]], cap: usize) -> Value {
    let n: usize = parts.iter().map(|p| p.len()).sum();
    let v = ctx.alloc(Kind::BYTES, Value::NONE, 0, DATA_OFFSET + cap.max(n));
    fill(v, parts, n, n, false)
}

/// Is `o` a byte buffer made by [`alloc_buffer`] (a `Kind::BYTES` object
/// whose class word is `None`; bytes objects carry their class)?
#[inline]
pub fn is_buffer(o: Obj) -> bool {
    o.kind() == Kind::BYTES && o.class() == Value::NONE
}

/// Room in all, in bytes, of the byte buffer `o`.
#[inline]
pub fn buffer_capacity(o: Obj) -> usize {
    o.raw_len() - DATA_OFFSET
}

/// Appends `extra` to the byte buffer `o` in place and returns true, or
/// returns false (and changes nothing) when it has no room for them, is
/// shared and shorter than its high-water mark, or is not a buffer.
/// `extra` may be `o`'s own bytes: they lie below the length, the new ones
/// above it.
///
/// # Safety
/// The caller is `o`'s only writer: `o` is local to the calling thread, or
/// the caller holds the lock of the one object that refers to `o`; and it
/// holds no slice of `o`'s bytes at or past its length.
pub unsafe fn buffer_append(o: Obj, extra: &[u8]) -> bool {
    if !is_buffer(o) {
        return false;
    }
    let n = get_raw(o, 0) as usize;
    let high = get_raw(o, 1) as usize;
    if extra.len() > buffer_capacity(o) - n || (n < high && o.is_shared()) {
        return false;
    }
    // SAFETY: DATA_OFFSET + n + extra.len() <= raw_len (checked above), so
    // the destination lies inside the object's raw region. No other thread
    // reads there: a local buffer has no other reader, and a shared one is
    // written at or above its high-water mark, past every length a reader
    // can have loaded. The caller is the only writer, and `extra`, when it
    // is o's own bytes, ends at or below n (no overlap).
    unsafe {
        core::ptr::copy_nonoverlapping(
            extra.as_ptr(),
            o.raw_ptr().add(DATA_OFFSET + n),
            extra.len(),
        );
    }
    // Release: the bytes above are visible to whoever loads the new length.
    let end = n + extra.len();
    if end > high {
        set_raw(o, 1, end as u64);
    }
    set_raw(o, 0, end as u64);
    true
}

/// Overwrites `data.len()` bytes at offset `pos` of the byte buffer `o` in
/// place. Returns false, changing nothing, when `o` is shared between
/// threads (lock-free readers may be reading it: a shared buffer is
/// replaced, never rewritten), is not a buffer, or the bytes do not lie
/// below its length.
///
/// # Safety
/// As for [`buffer_append`]: the caller is `o`'s only writer; and it holds
/// no slice of `o`'s bytes across the call (`data` is not one of them).
pub unsafe fn buffer_write_at(o: Obj, pos: usize, data: &[u8]) -> bool {
    if !is_buffer(o) || o.is_shared() {
        return false;
    }
    let n = get_raw(o, 0) as usize;
    if pos.checked_add(data.len()).is_none_or(|end| end > n) {
        return false;
    }
    // SAFETY: pos + data.len() <= n <= the capacity, so the destination
    // lies inside the object's raw region. `o` is not shared, so no other
    // thread can reach it; the caller is its only writer and holds no slice
    // of it, and `data` does not overlap it.
    unsafe {
        core::ptr::copy_nonoverlapping(
            data.as_ptr(),
            o.raw_ptr().add(DATA_OFFSET + pos),
            data.len(),
        );
    }
    true
}

/// Shortens the byte buffer `o` to `n` bytes in place (no-op if it is
/// shorter already). The bytes past `n` stay as they are: a reader that
/// loaded the old length still reads them, and a shared buffer is not
/// appended to in place below its high-water mark.
///
/// # Safety
/// As for [`buffer_append`]: the caller is `o`'s only writer.
pub unsafe fn buffer_truncate(o: Obj, n: usize) {
    debug_assert!(is_buffer(o));
    if n < get_raw(o, 0) as usize {
        set_raw(o, 0, n as u64);
    }
}
