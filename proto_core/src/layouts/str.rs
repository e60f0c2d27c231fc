//! Flat strings and byte strings.
//!
//! `Kind::STR` and `Kind::BYTES`: no values; raw words: `[0]` the byte
//! length (low [`LEN_BITS`] bits) and the flags (high bits: [`FLAG_ASCII`],
//! [`FLAG_INTERNED`], ...), `[1]` hash + 1 (0 = not computed yet), then
//! the bytes from [`DATA_OFFSET`] (surrogate-preserving UTF-8 for str).
//! An ASCII str has as many characters as bytes; a str that is not ASCII
//! ([`FLAG_WIDE`]) keeps its length in characters in the word at the next
//! 8-byte boundary after its bytes. The two header words leave a str of up
//! to 24 ASCII bytes in one 64-byte cell with its object header.
//!
//! A flat non-ASCII str of at least [`INDEX_MIN`] characters is followed,
//! after its character length word, by its *character index*: the byte
//! offset (u32) of every [`INDEX_BLOCK`]th character; then, at the next
//! 8-byte boundary, its *position hint*: one word holding a character
//! offset (high half) and that character's byte offset (low half), the
//! last position [`char_to_byte`] found in a str local to its thread, from
//! which a nearby later position is found by a short scan (a parser that
//! indexes its text forward).
//!
//! A str *view* (flag [`FLAG_VIEW`], made by [`concat`] for `+=`) has one
//! value slot holding a *str buffer* and no bytes of its own: its text is
//! the buffer's first `byte length` bytes; its raw word `[2]` is its length
//! in characters. A str buffer is a `Kind::BYTES` object with class `None`
//! (never handed to Python code) and flag [`FLAG_BUF`]: raw `[0]` claimed
//! length, `[1]` capacity, bytes from [`BUF_OFFSET`], then a character
//! index for the whole capacity. Its tail past the claimed length is taken
//! with one compare-exchange on `[0]` by whoever extends the view that ends
//! there; every view ends at or before the claimed length, so claimed bytes
//! and their index entries are written once, by their claimant, before any
//! view that covers them exists. A *bytes view* ([`try_concat_bytes`]) is
//! the same over a byte buffer (below), whose length word is then the
//! claimed length, with no character index.
//!
//! Concurrency contract: immutable after allocation except the cached hash,
//! which any thread may compute and store (idempotent relaxed store), and
//! the unclaimed tail of a str buffer (see above).
//!
//! *Byte buffers* (the storage of a `bytearray`, made by [`alloc_buffer`],
//! class word `None`, flag [`FLAG_BUF`], never handed to Python code) are
//! `Kind::BYTES` objects whose bytes start at [`BUF_OFFSET`] and whose raw
//! region has room past their length; raw word `[1]` holds their
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
//! A buffer written by one thread alone ([`buffer_remove`]'s contract) may
//! also drop bytes from its front by moving its start: flag
//! [`FLAG_OFFSET`], the start in raw word `[2]`; length, high-water mark
//! and capacity then count from it.

use super::{get_raw, init_raw_parts, raw_slice, raw_word, raw_words, set_raw};
use crate::object::{Kind, Obj};
use crate::sync::heap_atomic::{AtomicU64, Ordering};
use crate::value::Value;
use crate::ProtoContext;

/// Offset of a flat str's or bytes' bytes in the raw region (after the
/// length-and-flags word and the hash word).
pub const DATA_OFFSET: usize = 16;
/// Offset of a buffer's bytes in its raw region (after the length-and-flags
/// word, the capacity or high-water mark, and the start of a moved buffer).
pub const BUF_OFFSET: usize = 24;
/// Bits of raw word 0 that hold the byte length; the flags lie above.
pub const LEN_BITS: u32 = 56;
const LEN_MASK: u64 = (1 << LEN_BITS) - 1;
/// Flag: all bytes are ASCII.
pub const FLAG_ASCII: u64 = 1 << LEN_BITS;
/// Flag: the canonical object of an intern table (set once, before the
/// string is published; the table may drop it when it is unreachable).
pub const FLAG_INTERNED: u64 = 2 << LEN_BITS;
/// Flag: a *view*, whose bytes are the first `byte length` bytes of the
/// str buffer in its value slot 0 (see the module header).
pub const FLAG_VIEW: u64 = 4 << LEN_BITS;
/// Flag of a byte buffer whose bytes start `raw[2]` bytes past
/// [`BUF_OFFSET`] (a bytearray's `del b[:n]` moves the start, as
/// CPython's `ob_start`, instead of the bytes that stay).
pub const FLAG_OFFSET: u64 = 8 << LEN_BITS;
/// Flag: a flat str that is not ASCII, whose length in characters is the
/// word at [`chars_at`] of its byte length.
pub const FLAG_WIDE: u64 = 16 << LEN_BITS;
/// Flag: a str buffer or byte buffer (bytes from [`BUF_OFFSET`]).
pub const FLAG_BUF: u64 = 32 << LEN_BITS;
/// Characters per entry of a character index.
pub const INDEX_BLOCK: usize = 32;
/// Flat non-ASCII strs of at least this many characters carry an index.
pub const INDEX_MIN: usize = 128;
/// `+=` results of at least this many bytes go into a str buffer.
pub const BUFFER_MIN: usize = 64;
/// Raw bytes of a view: length and flags, hash, length in characters.
const VIEW_RAW: usize = 24;

/// Marks the fresh, unpublished str `v` as interned.
pub fn set_interned(v: Value) {
    let o = Obj::from_value(v).expect("heap");
    set_raw(o, 0, get_raw(o, 0) | FLAG_INTERNED);
}

/// Is `o` (a str) the canonical object of an intern table?
#[inline]
pub fn is_interned(o: Obj) -> bool {
    get_raw(o, 0) & FLAG_INTERNED != 0
}

/// Offset in the raw region of the character length word of a flat wide
/// str of `n` bytes.
#[inline(always)]
const fn chars_at(n: usize) -> usize {
    (DATA_OFFSET + n + 7) & !7
}

/// Does a flat object of this kind and text keep its character length
/// apart ([`FLAG_WIDE`])?
#[inline(always)]
fn is_wide(kind: Kind, ascii: bool) -> bool {
    kind == Kind::STR && !ascii
}

/// Size in bytes of the raw region of a flat str/bytes of `n` bytes:
/// the header words, the bytes, and for a wide str its character length
/// and, when long, its character index (see [`flat_index_at`]).
#[inline]
fn flat_raw_size(kind: Kind, n: usize, char_len: usize, ascii: bool) -> usize {
    if !is_wide(kind, ascii) {
        return DATA_OFFSET + n;
    }
    match flat_index_at(kind, n, char_len, ascii) {
        Some(off) => hint_at(off, char_len) + 8,
        None => chars_at(n) + 8,
    }
}

/// Offset in the raw region of the position hint of a flat str whose
/// character index is at `off` (see the module header).
#[inline(always)]
fn hint_at(off: usize, chars: usize) -> usize {
    (off + 4 * index_entries(chars) + 7) & !7
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
    let raw = flat_raw_size(kind, bytes.len(), char_len, ascii);
    let v = if immortal {
        ctx.alloc_immortal(kind, class, 0, raw)
    } else if flat_index_at(kind, bytes.len(), char_len, ascii).is_none() {
        // Header words and bytes only, which `fill` writes: a big object
        // is not zeroed first (`try_alloc_filled`).
        match ctx.try_alloc_filled(kind, class, 0, raw, DATA_OFFSET) {
            Some(v) => v,
            None => panic!("str/bytes of {} bytes is too large", bytes.len()),
        }
    } else {
        ctx.alloc(kind, class, 0, raw)
    };
    fill(v, kind, &[bytes], bytes.len(), char_len, ascii)
}

/// Writes the header words and the bytes (`parts`, `n` bytes in all) of the
/// fresh str/bytes `v`, and the character index of a long non-ASCII str;
/// returns `v`.
#[inline(always)]
fn fill(v: Value, kind: Kind, parts: &[&[u8]], n: usize, char_len: usize, ascii: bool) -> Value {
    let o = Obj::from_value(v).expect("heap");
    let wide = is_wide(kind, ascii);
    let flags = if ascii { FLAG_ASCII } else { 0 } | if wide { FLAG_WIDE } else { 0 };
    let w = raw_words::<2>(o);
    w[0].store(n as u64 | flags, Ordering::Release);
    w[1].store(0, Ordering::Relaxed);
    init_raw_parts(o, DATA_OFFSET, parts);
    if !wide {
        return v;
    }
    raw_word(o, chars_at(n) / 8).store(char_len as u64, Ordering::Release);
    if let Some(off) = flat_index_at(kind, n, char_len, ascii) {
        let text = raw_slice(o, DATA_OFFSET, n);
        for_each_mark(text, 0, 0, |k, b| {
            init_raw_parts(o, off + 4 * (k - 1), &[&(b as u32).to_ne_bytes()])
        });
    }
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
    match try_alloc_concat(ctx, kind, class, parts, char_len, ascii) {
        Some(v) => v,
        None => panic!("alloc_concat: string too large"),
    }
}

/// As [`alloc_concat`], but None when the total size overflows or cannot
/// be allocated (for sizes a program controls: the engine raises
/// MemoryError).
#[inline]
pub fn try_alloc_concat(
    ctx: &mut ProtoContext,
    kind: Kind,
    class: Value,
    parts: &[&[u8]],
    char_len: usize,
    ascii: bool,
) -> Option<Value> {
    let n = parts
        .iter()
        .try_fold(0usize, |t, p| t.checked_add(p.len()))?;
    if n > isize::MAX as usize / 2 {
        return None;
    }
    let raw = flat_raw_size(kind, n, char_len, ascii);
    // Without a character index the raw region is the header words and the
    // bytes, which `fill` writes: only the header words need zeroing (the
    // hash cache).
    let v = if flat_index_at(kind, n, char_len, ascii).is_none() {
        ctx.try_alloc_filled(kind, class, 0, raw, DATA_OFFSET)?
    } else {
        ctx.try_alloc(kind, class, 0, raw)?
    };
    Some(fill(v, kind, parts, n, char_len, ascii))
}

/// A str's (or bytes') bytes, length in characters and ASCII flag, its
/// header words read with one bounds check.
#[inline]
pub fn parts(o: Obj) -> (&'static [u8], usize, bool) {
    let (bytes, chars, flags) = parts_flags(o);
    (bytes, chars, flags & FLAG_ASCII != 0)
}

/// As [`parts`], with the flags.
#[inline(always)]
fn parts_flags(o: Obj) -> (&'static [u8], usize, u64) {
    let (w0, p, len) = header_word(o);
    let (n, flags) = ((w0 & LEN_MASK) as usize, w0 & !LEN_MASK);
    if flags & (FLAG_VIEW | FLAG_BUF) != 0 {
        return moved_parts(o, n, flags);
    }
    let text = flat_data(p, len, n);
    let chars = if flags & FLAG_WIDE == 0 {
        n
    } else {
        wide_chars(p, len, n)
    };
    (text, chars, flags)
}

/// Raw word 0 (length and flags) of str/bytes `o`, with its raw region's
/// start and length, from one read of the object header (one bounds
/// check of both header words).
#[inline(always)]
fn header_word(o: Obj) -> (u64, *mut u8, usize) {
    let (p, len) = o.raw_region();
    assert!(DATA_OFFSET <= len, "str header out of range");
    // SAFETY: the word lies inside the raw region (checked above), which
    // starts 8-aligned and is initialised (as in `raw_words`).
    let w0 = unsafe { &*(p as *const AtomicU64) }.load(Ordering::Acquire);
    (w0, p, len)
}

/// The `n` bytes of a flat str/bytes whose raw region is `p`, `len` bytes.
#[inline(always)]
fn flat_data(p: *mut u8, len: usize, n: usize) -> &'static [u8] {
    assert!(n <= len - DATA_OFFSET, "raw bytes out of range");
    // SAFETY: DATA_OFFSET..DATA_OFFSET + n lies inside the raw region
    // (checked above; `header_word` checked DATA_OFFSET <= len), which is
    // initialised and immutable after the str was filled (see `raw_slice`).
    unsafe { core::slice::from_raw_parts(p.add(DATA_OFFSET), n) }
}

/// The character length of a flat wide str of `n` bytes whose raw region
/// is `p`, `len` bytes.
#[inline(always)]
fn wide_chars(p: *mut u8, len: usize, n: usize) -> usize {
    let at = chars_at(n);
    assert!(at + 8 <= len, "str length word out of range");
    // SAFETY: the word lies inside the raw region (checked), 8-aligned
    // (`chars_at` rounds up from the 8-aligned region start), written by
    // `fill` before the str was published.
    unsafe { &*(p.add(at) as *const AtomicU64) }.load(Ordering::Acquire) as usize
}

/// [`parts_flags`] of a view (its buffer's first `n` bytes) or of a byte
/// buffer (from its start, moved by [`FLAG_OFFSET`]).
#[cold]
#[inline(never)]
fn moved_parts(o: Obj, n: usize, flags: u64) -> (&'static [u8], usize, u64) {
    if flags & FLAG_VIEW != 0 {
        let chars = get_raw(o, 2) as usize;
        return (raw_slice(holder(o, flags), BUF_OFFSET, n), chars, flags);
    }
    (
        raw_slice(o, BUF_OFFSET + buffer_start_of(o, flags), n),
        n,
        flags,
    )
}

/// The object whose raw region holds the bytes of `o` (flags `flags`):
/// its buffer for a view, `o` itself otherwise.
#[inline(always)]
fn holder(o: Obj, flags: u64) -> Obj {
    if flags & FLAG_VIEW != 0 {
        Obj::from_value(o.get(0)).expect("str view without buffer")
    } else {
        o
    }
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
    let raw = flat_raw_size(kind, bytes.len(), char_len, ascii);
    let v = ctx.alloc(kind, class, n_values, raw);
    let o = Obj::from_value(v).expect("heap");
    for i in 0..n_values {
        o.init(i, Value::EMPTY);
    }
    fill(v, kind, &[bytes], bytes.len(), char_len, ascii)
}

/// The bytes of a str/bytes object.
#[inline(always)]
pub fn bytes(o: Obj) -> &'static [u8] {
    let (w0, p, len) = header_word(o);
    let (n, flags) = ((w0 & LEN_MASK) as usize, w0 & !LEN_MASK);
    if flags & (FLAG_VIEW | FLAG_BUF) != 0 {
        return moved_parts(o, n, flags).0;
    }
    flat_data(p, len, n)
}

/// [`bytes`] of a bytearray's storage, a byte buffer (or flat bytes), with
/// the buffer's case inline instead of in [`moved_parts`]: the read that
/// every item access of a `bytearray` or an `array` makes.
#[inline(always)]
pub fn storage_bytes(o: Obj) -> &'static [u8] {
    let (w0, p, len) = header_word(o);
    let (n, flags) = ((w0 & LEN_MASK) as usize, w0 & !LEN_MASK);
    if flags & (FLAG_VIEW | FLAG_BUF) != FLAG_BUF {
        return bytes(o);
    }
    let off = BUF_OFFSET + buffer_start_of(o, flags);
    assert!(off <= len && n <= len - off, "raw bytes out of range");
    // SAFETY: off..off + n lies inside the raw region (checked above), which
    // is initialised; the buffer's writers never write bytes below its
    // published length while readers may hold them (module header).
    unsafe { core::slice::from_raw_parts(p.add(off), n) }
}

/// Whether str/bytes objects `x` and `y` hold the same bytes: their byte
/// lengths compared from the header words before any data is located,
/// short data (up to 16 bytes: dict keys, names, small numbers) compared
/// by two overlapping word loads instead of a call to `memcmp`.
#[inline(always)]
pub fn same_bytes(x: Obj, y: Obj) -> bool {
    let (wx, px, lx) = header_word(x);
    let (wy, py, ly) = header_word(y);
    let n = (wx & LEN_MASK) as usize;
    if n != (wy & LEN_MASK) as usize {
        return false;
    }
    let (fx, fy) = (wx & !LEN_MASK, wy & !LEN_MASK);
    let a = if fx & (FLAG_VIEW | FLAG_BUF) != 0 {
        moved_parts(x, n, fx).0
    } else {
        flat_data(px, lx, n)
    };
    let b = if fy & (FLAG_VIEW | FLAG_BUF) != 0 {
        moved_parts(y, n, fy).0
    } else {
        flat_data(py, ly, n)
    };
    short_eq(a, b)
}

/// `a == b` for slices of one length, without a `memcmp` call up to 16
/// bytes.
#[inline(always)]
fn short_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let w8 = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let w4 = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        8..=16 => w8(a, 0) == w8(b, 0) && w8(a, n - 8) == w8(b, n - 8),
        4..=7 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        // Indexes 0, n / 2 and n - 1 cover every byte of 1 to 3.
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        0 => true,
        _ => a == b,
    }
}

/// Length in bytes of a str/bytes object.
#[inline]
pub fn byte_len(o: Obj) -> usize {
    (get_raw(o, 0) & LEN_MASK) as usize
}

/// Length in chars (str).
#[inline]
pub fn char_len(o: Obj) -> usize {
    parts_flags(o).1
}

/// Is the string ASCII?
#[inline]
pub fn is_ascii(o: Obj) -> bool {
    get_raw(o, 0) & FLAG_ASCII != 0
}

/// The cached hash, if computed.
#[inline]
pub fn cached_hash(o: Obj) -> Option<u64> {
    match raw_word(o, 1).load(Ordering::Relaxed) {
        0 => None,
        h => Some(h.wrapping_sub(1)),
    }
}

/// Caches a hash (`u64::MAX` is stored as is and recomputed each time).
#[inline]
pub fn set_cached_hash(o: Obj, h: u64) {
    raw_word(o, 1).store(h.wrapping_add(1), Ordering::Relaxed);
}

/// Allocates a byte buffer (see the module header) holding `parts`, with
/// room for at least `cap` bytes in all.
pub fn alloc_buffer(ctx: &mut ProtoContext, parts: &[&[u8]], cap: usize) -> Value {
    match try_alloc_buffer(ctx, parts, cap) {
        Some(v) => v,
        None => panic!("byte buffer of {cap} bytes is too large"),
    }
}

/// As [`alloc_buffer`], but `None` when the buffer cannot be allocated
/// (MemoryError).
pub fn try_alloc_buffer(ctx: &mut ProtoContext, parts: &[&[u8]], cap: usize) -> Option<Value> {
    let n = parts
        .iter()
        .try_fold(0usize, |t, p| t.checked_add(p.len()))?;
    let raw = BUF_OFFSET.checked_add(cap.max(n))?;
    // The header words and the bytes are written below; the room past them
    // is read only after appends write it.
    let v = ctx.try_alloc_filled(Kind::BYTES, Value::NONE, 0, raw, BUF_OFFSET)?;
    let o = Obj::from_value(v).expect("heap");
    let w = raw_words::<3>(o);
    w[0].store(n as u64 | FLAG_BUF, Ordering::Release);
    // The high-water mark; no moved start.
    w[1].store(n as u64, Ordering::Release);
    w[2].store(0, Ordering::Release);
    init_raw_parts(o, BUF_OFFSET, parts);
    Some(v)
}

/// Is `o` a byte buffer made by [`alloc_buffer`] (a `Kind::BYTES` object
/// whose class word is `None`; bytes objects carry their class)?
#[inline]
pub fn is_buffer(o: Obj) -> bool {
    o.kind() == Kind::BYTES && o.class() == Value::NONE
}

/// Room in all, in bytes, of the byte buffer `o` (from its start).
#[inline]
pub fn buffer_capacity(o: Obj) -> usize {
    o.raw_len() - BUF_OFFSET - buffer_start(o)
}

/// Where the bytes of the byte buffer `o` start, past [`BUF_OFFSET`]
/// (see [`FLAG_OFFSET`]).
#[inline]
fn buffer_start(o: Obj) -> usize {
    buffer_start_of(o, get_raw(o, 0))
}

/// [`buffer_start`] of the buffer `o` whose flags (or raw word 0) are `flags`.
#[inline]
fn buffer_start_of(o: Obj, flags: u64) -> usize {
    if flags & FLAG_OFFSET != 0 {
        get_raw(o, 2) as usize
    } else {
        0
    }
}

/// The length of the byte buffer `o` and its flags (raw word 0).
#[inline]
fn buffer_len(o: Obj) -> (usize, u64) {
    let w0 = get_raw(o, 0);
    ((w0 & LEN_MASK) as usize, w0 & !LEN_MASK)
}

/// Appends `extra` to the byte buffer `o` in place and returns true, or
/// returns false (and changes nothing) when it has no room for them, is
/// shared and shorter than its high-water mark, or is not a buffer. A
/// local buffer whose start has moved may first move its bytes back to the
/// front to make the room ([`compact_for`]). `extra` may be `o`'s own
/// bytes: they lie below the length, the new ones above it, and they are
/// never moved.
///
/// # Safety
/// The caller is `o`'s only writer: `o` is local to the calling thread, or
/// the caller holds the lock of the one object that refers to `o`; and it
/// holds no slice of `o`'s bytes other than `extra` (the bytes may move).
pub unsafe fn buffer_append(o: Obj, extra: &[u8]) -> bool {
    if !is_buffer(o) {
        return false;
    }
    let (mut n, mut flags) = buffer_len(o);
    if n < get_raw(o, 1) as usize && o.is_shared() {
        return false;
    }
    if extra.len() > buffer_capacity(o) - n {
        // SAFETY: the caller's contract is `compact_for`'s.
        if !unsafe { compact_for(o, n, flags, extra) } {
            return false;
        }
        (n, flags) = buffer_len(o);
    }
    let high = get_raw(o, 1) as usize;
    // SAFETY: BUF_OFFSET + start + n + extra.len() <= raw_len (checked above), so
    // the destination lies inside the object's raw region. No other thread
    // reads there: a local buffer has no other reader, and a shared one is
    // written at or above its high-water mark, past every length a reader
    // can have loaded. The caller is the only writer, and `extra`, when it
    // is o's own bytes, ends at or below n (no overlap).
    unsafe {
        core::ptr::copy_nonoverlapping(
            extra.as_ptr(),
            o.raw_ptr().add(BUF_OFFSET + buffer_start(o) + n),
            extra.len(),
        );
    }
    // Release: the bytes above are visible to whoever loads the new length.
    let end = n + extra.len();
    if end > high {
        set_raw(o, 1, end as u64);
    }
    set_raw(o, 0, end as u64 | flags);
    true
}

/// Makes room for `extra` after the `n` bytes of the local byte buffer `o`
/// (flags `flags`) whose start has moved (a stream buffer consumed from the
/// front): its bytes go back to the front when that makes room and they are
/// no more than the bytes the start has passed (so each byte moves at most
/// once per pass of the start over it), and `extra` is not part of the
/// buffer (it would move). Returns whether the room is there now.
///
/// # Safety
/// As for [`buffer_append`].
unsafe fn compact_for(o: Obj, n: usize, flags: u64, extra: &[u8]) -> bool {
    let start = buffer_start_of(o, flags);
    let room = o.raw_len() - BUF_OFFSET;
    if o.is_shared() || start == 0 || n > start || n + extra.len() > room {
        return false;
    }
    let (raw, raw_len) = o.raw_region();
    let e = extra.as_ptr() as usize;
    if e < raw as usize + raw_len && e + extra.len() > raw as usize {
        return false;
    }
    // SAFETY: `start + n <= room` (the bytes lie inside the raw region) and
    // the destination `0..n` too; `ptr::copy` allows the overlap. `o` is
    // local and the caller its only writer holding no slice of it.
    unsafe {
        let base = raw.add(BUF_OFFSET);
        core::ptr::copy(base.add(start), base, n);
    }
    set_raw(o, 1, n as u64);
    set_raw(o, 0, n as u64 | (flags & !FLAG_OFFSET));
    true
}

/// Overwrites `data.len()` bytes at offset `pos` of the byte buffer `o` in
/// place. Returns false, changing nothing, when `o` is not a buffer or the
/// bytes do not lie below its length.
///
/// # Safety
/// No other thread reads or writes `o`'s bytes during the call: `o` is
/// local, or shared and the caller its owner inside
/// [`crate::ownerwrite::owner_write`] (lock-free readers of a shared buffer
/// otherwise may be reading it: it is then replaced, never rewritten). The
/// caller holds no slice of `o`'s bytes across the call (`data` is not one
/// of them).
pub unsafe fn buffer_write_at(o: Obj, pos: usize, data: &[u8]) -> bool {
    if !is_buffer(o) {
        return false;
    }
    let n = buffer_len(o).0;
    if pos.checked_add(data.len()).is_none_or(|end| end > n) {
        return false;
    }
    // SAFETY: pos + data.len() <= n <= the capacity, so the destination
    // lies inside the object's raw region. No other thread accesses it
    // meanwhile and the caller holds no slice of it (the function's
    // contract), and `data` does not overlap it.
    unsafe {
        core::ptr::copy_nonoverlapping(
            data.as_ptr(),
            o.raw_ptr().add(BUF_OFFSET + buffer_start(o) + pos),
            data.len(),
        );
    }
    true
}

/// Writes `data[k]` at offset `start + k * step` of the byte buffer `o` in
/// place (an extended slice assignment). Returns false, changing nothing,
/// when `o` is not a buffer or a position falls outside its length.
///
/// # Safety
/// As for [`buffer_write_at`].
pub unsafe fn buffer_write_strided(o: Obj, start: usize, step: isize, data: &[u8]) -> bool {
    if !is_buffer(o) || step == 0 {
        return false;
    }
    let n = buffer_len(o).0;
    if let Some(k) = data.len().checked_sub(1) {
        let last = (k as isize)
            .checked_mul(step)
            .and_then(|d| (start as isize).checked_add(d));
        if start >= n || last.is_none_or(|l| l < 0 || l as usize >= n) {
            return false;
        }
    }
    // SAFETY: every position start + k * step lies in 0..n (the first and
    // last were checked, the others lie between them), inside the raw
    // region; no other thread accesses it meanwhile and the caller holds
    // no slice of it (the function's contract); `data` does not overlap it.
    unsafe {
        let base = o.raw_ptr().add(BUF_OFFSET + buffer_start(o));
        let mut p = start as isize;
        for &b in data {
            *base.offset(p) = b;
            p += step;
        }
    }
    true
}

/// Removes bytes `lo..hi` of the byte buffer `o` in place: a run at the
/// start moves the buffer's start past it ([`FLAG_OFFSET`]: a stream
/// buffer consumed from the front costs nothing per removal, as CPython's
/// bytearray), any other moves the bytes after it down. Returns false,
/// changing nothing, when `o` is not a buffer or `lo..hi` does not lie
/// within its length.
///
/// # Safety
/// As for [`buffer_write_at`]: no other thread reads or writes `o`'s bytes
/// during the call (`o` is local, or its bytearray's owner writes it under
/// the owner-write protocol), and the caller holds no slice of them across
/// it. A shared buffer's lock-free readers would otherwise see its start
/// and length change under them.
pub unsafe fn buffer_remove(o: Obj, lo: usize, hi: usize) -> bool {
    if !is_buffer(o) {
        return false;
    }
    let (n, flags) = buffer_len(o);
    if lo > hi || hi > n {
        return false;
    }
    let start = buffer_start_of(o, flags);
    if lo == 0 && hi == n && !o.is_shared() {
        // Emptied, and no other thread reads it: its whole room again,
        // from the front (a stream buffer read to its end, then refilled).
        set_raw(o, 1, 0);
        set_raw(o, 0, flags & !FLAG_OFFSET);
        return true;
    }
    if lo == 0 {
        // No byte moves; the high-water mark counts from the new start.
        let high = get_raw(o, 1) as usize;
        set_raw(o, 2, (start + hi) as u64);
        set_raw(o, 1, high.saturating_sub(hi) as u64);
        set_raw(o, 0, (n - hi) as u64 | flags | FLAG_OFFSET);
        return true;
    }
    // SAFETY: lo <= hi <= n <= the capacity from the start, so both ranges
    // lie inside the object's raw region; `ptr::copy` allows their
    // overlap. No other thread reads or writes the bytes meanwhile and the
    // caller holds no slice of them (the function's contract).
    unsafe {
        let base = o.raw_ptr().add(BUF_OFFSET + start);
        core::ptr::copy(base.add(hi), base.add(lo), n - hi);
    }
    set_raw(o, 0, (n - (hi - lo)) as u64 | flags);
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
    let (len, flags) = buffer_len(o);
    if n < len {
        set_raw(o, 0, n as u64 | flags);
    }
}

// ---------------------------------------------------------------- text access

/// Entries of a character index for `chars` characters: entry `k - 1` is
/// the byte offset of character `k * INDEX_BLOCK`, for every such character
/// (character 0 is at byte 0).
#[inline]
fn index_entries(chars: usize) -> usize {
    chars.saturating_sub(1) / INDEX_BLOCK
}

/// Offset in the raw region of the character index of a flat object of
/// `n` bytes, if it has one: strs that are not ASCII, of at least
/// [`INDEX_MIN`] characters and with offsets that fit in 32 bits.
#[inline]
fn flat_index_at(kind: Kind, n: usize, chars: usize, ascii: bool) -> Option<usize> {
    (is_wide(kind, ascii) && chars >= INDEX_MIN && n <= u32::MAX as usize).then(|| chars_at(n) + 8)
}

/// Number of character starts (bytes that are not UTF-8 continuation
/// bytes `10xxxxxx`) among the 8 bytes of `w`.
#[inline(always)]
fn starts_in_word(w: u64) -> usize {
    // A continuation byte has bit 7 set and bit 6 clear; `w << 1` brings
    // each byte's bit 6 to its bit 7 (the bit carried across bytes lands
    // in bit 0, which the mask drops). At most one bit per byte is left:
    // the multiplication sums the bytes into the top one (no popcount
    // instruction is assumed).
    let cont = ((w & !(w << 1)) & 0x8080_8080_8080_8080) >> 7;
    8 - (cont.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

#[inline(always)]
fn word_at(text: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&text[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Number of characters starting in `text`.
fn count_starts(text: &[u8]) -> usize {
    let mut chunks = text.chunks_exact(8);
    let mut n: usize = chunks.by_ref().map(|c| starts_in_word(word_at(c, 0))).sum();
    n += chunks
        .remainder()
        .iter()
        .filter(|&&x| x & 0xC0 != 0x80)
        .count();
    n
}

/// Byte offset in `text` of the character start that has `ci` character
/// starts before it, scanning from byte `b` (with `c` starts before it);
/// `text.len()` when there is none.
#[inline]
fn nth_start_from(text: &[u8], mut b: usize, mut c: usize, ci: usize) -> usize {
    let n = text.len();
    while b < n {
        if b + 8 <= n {
            let s = starts_in_word(word_at(text, b));
            if c + s <= ci {
                c += s;
                b += 8;
                continue;
            }
        }
        if text[b] & 0xC0 != 0x80 {
            if c == ci {
                return b;
            }
            c += 1;
        }
        b += 1;
    }
    n
}

/// Calls `mark(k, b)` for each character `k * INDEX_BLOCK` (k >= 1) that
/// starts in `text`, `b` being its byte offset; `text` starts at character
/// `c0` and byte `b0` of the whole string.
fn for_each_mark(text: &[u8], c0: usize, b0: usize, mut mark: impl FnMut(usize, usize)) {
    let mut next = c0.div_ceil(INDEX_BLOCK).max(1) * INDEX_BLOCK;
    // `text` holds at most `text.len()` characters.
    if next >= c0 + text.len() {
        return;
    }
    if text.is_ascii() {
        while next < c0 + text.len() {
            mark(next / INDEX_BLOCK, b0 + next - c0);
            next += INDEX_BLOCK;
        }
        return;
    }
    // `b` is a byte offset in `text` with `before` character starts before it.
    let (mut b, mut before) = (0, 0);
    loop {
        b = nth_start_from(text, b, before, next - c0);
        if b >= text.len() {
            return;
        }
        mark(next / INDEX_BLOCK, b0 + b);
        before = next - c0 + 1;
        b += 1;
        next += INDEX_BLOCK;
    }
}

/// Where the character index of str `o` lies: its holder object and the
/// offset of the index in the holder's raw region.
#[inline]
fn index_of(o: Obj, flags: u64, n: usize, chars: usize) -> Option<(Obj, usize)> {
    if flags & FLAG_VIEW != 0 {
        let b = holder(o, flags);
        return Some((b, buffer_index_at(buffer_capacity_of(b))));
    }
    flat_index_at(o.kind(), n, chars, flags & FLAG_ASCII != 0).map(|off| (o, off))
}

#[inline]
fn index_entry(h: Obj, off: usize, k: usize) -> usize {
    let b = raw_slice(h, off + 4 * (k - 1), 4);
    u32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as usize
}

/// Length in bytes of the surrogate-preserving UTF-8 sequence led by `x`.
#[inline(always)]
fn seq_len(x: u8) -> usize {
    match x {
        0..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The code point at byte `i` of surrogate-preserving UTF-8 `b` (a
/// character start) and its length in bytes.
#[inline]
pub fn decode_at(b: &[u8], i: usize) -> (u32, usize) {
    let x = b[i];
    let len = seq_len(x).min(b.len() - i);
    let cp = match len {
        1 => x as u32,
        2 => ((x as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F),
        3 => ((x as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
        _ => {
            ((x as u32 & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3F) << 12)
                | ((b[i + 2] as u32 & 0x3F) << 6)
                | (b[i + 3] as u32 & 0x3F)
        }
    };
    (cp, len)
}

/// Byte offset of character `ci` of str `o` (its byte length when `ci` is
/// at or past the end): O(1) for ASCII, O([`INDEX_BLOCK`]) with an index,
/// a scan from the start for short strs.
pub fn char_to_byte(o: Obj, ci: usize) -> usize {
    let (text, chars, flags) = parts_flags(o);
    if flags & FLAG_ASCII != 0 {
        return ci.min(text.len());
    }
    char_to_byte_in(o, text, chars, flags, ci)
}

/// The code point of character `i` of str `o` (negative counts from the
/// end), None when out of range: [`char_to_byte`] and [`decode_at`] from
/// one read of the header.
#[inline]
pub fn char_at(o: Obj, i: i64) -> Option<u32> {
    let (text, chars, flags) = parts_flags(o);
    let j = if i < 0 { i + chars as i64 } else { i };
    if j < 0 || j as usize >= chars {
        return None;
    }
    if flags & FLAG_ASCII != 0 {
        return Some(text[j as usize] as u32);
    }
    Some(decode_at(text, char_to_byte_in(o, text, chars, flags, j as usize)).0)
}

/// [`char_to_byte`] of a str that is not ASCII, whose text, character
/// length and flags [`parts_flags`] gave.
fn char_to_byte_in(o: Obj, text: &[u8], chars: usize, flags: u64, ci: usize) -> usize {
    let n = text.len();
    if ci >= chars {
        return n;
    }
    let (mut c, mut b) = (0, 0);
    let k = ci / INDEX_BLOCK;
    if flags & FLAG_VIEW == 0 {
        if let Some(off) = flat_index_at(o.kind(), n, chars, false) {
            if k > 0 {
                b = index_entry(o, off, k);
                c = k * INDEX_BLOCK;
            }
            // A block of ASCII characters (its bytes as many as its
            // characters: the next mark, or the text's end after the last
            // one) is counted, not scanned: mostly-ASCII text with a few
            // other characters (a source file, a TOML or JSON document) is
            // then indexed in constant time.
            let (next_c, next_b) = if k < index_entries(chars) {
                ((k + 1) * INDEX_BLOCK, index_entry(o, off, k + 1))
            } else {
                (chars, n)
            };
            if next_b - b == next_c - c {
                return b + (ci - c);
            }
            // The hint, when it lies between the index mark and `ci`, is
            // a nearer start. Every value the word holds is a true
            // position of this immutable text; only a str local to this
            // thread has it stored (threads reading one shared str would
            // contend for its line: random reads by two threads ran 18%
            // slower).
            let hint = raw_word(o, hint_at(off, chars) / 8);
            let h = hint.load(Ordering::Relaxed);
            let (hc, hb) = ((h >> 32) as usize, (h & 0xFFFF_FFFF) as usize);
            if hc > c && hc <= ci && hb < n {
                (c, b) = (hc, hb);
            }
            let r = nth_start_from(text, b, c, ci);
            if !o.is_shared() {
                hint.store(((ci as u64) << 32) | r as u64, Ordering::Relaxed);
            }
            return r;
        }
    } else if k > 0 {
        if let Some((h, off)) = index_of(o, flags, n, chars) {
            b = index_entry(h, off, k);
            c = k * INDEX_BLOCK;
        }
    }
    nth_start_from(text, b, c, ci)
}

/// Character offset of byte `bi` (a character start, at most the byte
/// length) of str `o`.
pub fn byte_to_char(o: Obj, bi: usize) -> usize {
    let (text, chars, flags) = parts_flags(o);
    let n = text.len();
    let bi = bi.min(n);
    if flags & FLAG_ASCII != 0 {
        return bi;
    }
    let (mut c, mut b) = (0, 0);
    if let Some((h, off)) = index_of(o, flags, n, chars) {
        // The last mark at or before `bi` (entries increase with k).
        let (mut lo, mut hi) = (0, index_entries(chars));
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if index_entry(h, off, mid) <= bi {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo > 0 {
            b = index_entry(h, off, lo);
            c = lo * INDEX_BLOCK;
        }
    }
    c + count_starts(&text[b..bi])
}

// ---------------------------------------------------------------- str buffers

/// Offset of the character index in the raw region of a str buffer of
/// capacity `cap` bytes.
#[inline]
fn buffer_index_at(cap: usize) -> usize {
    (BUF_OFFSET + cap + 3) & !3
}

/// Is `o` (a str or bytes) a view, whose value slot holds its buffer (not
/// an instance dict)?
#[inline]
pub fn is_view(o: Obj) -> bool {
    get_raw(o, 0) & FLAG_VIEW != 0
}

/// `a + b` for two exact strs (`class` is `str`). When `a` is a view whose
/// buffer ends exactly where `a` does and has room, `b` is appended in
/// place and the result is a new view of the same buffer; when `a` is a
/// view without that luck, or `grow` (the operation is `+=`) and the result
/// is at least [`BUFFER_MIN`] bytes, the result is a view of a new buffer
/// with room for as much again; otherwise it is a flat str. An empty
/// operand gives the other one.
///
/// Raw slices of `a` and `b` are held across the allocations, so the caller
/// must not be in a mode where allocation collects (the interpreter's
/// deferred mode), or must have `a` and `b` rooted; the new buffer is
/// reachable only from the view made right after it.
pub fn concat(ctx: &mut ProtoContext, class: Value, a: Obj, b: Obj, grow: bool) -> Value {
    let (x, xc, xf) = parts_flags(a);
    let (y, yc, yf) = parts_flags(b);
    // As CPython: an empty operand gives the other one itself.
    if x.is_empty() {
        return b.value();
    }
    if y.is_empty() {
        return a.value();
    }
    let (n, chars, ascii) = (x.len() + y.len(), xc + yc, xf & yf & FLAG_ASCII != 0);
    let view = xf & FLAG_VIEW != 0;
    if view {
        let buf = holder(a, FLAG_VIEW);
        if claim_tail(buf, buffer_capacity_of(buf), x.len(), n) {
            // SAFETY: the successful compare-exchange gave this thread the
            // bytes `x.len()..n` of the buffer (and the index entries of the
            // characters that start there): every view of it ends at or
            // before the claimed length it had, so no reader reads there and
            // no other writer can claim them again.
            unsafe { buffer_write(buf, x.len(), xc, y) };
            return alloc_view(ctx, Kind::STR, class, buf, n, chars, ascii);
        }
    }
    if (view || grow) && n >= BUFFER_MIN && n <= (u32::MAX / 2) as usize {
        let cap = 2 * n;
        if let Some(bv) = ctx.try_alloc(
            Kind::BYTES,
            Value::NONE,
            0,
            buffer_index_at(cap) + 4 * (cap / INDEX_BLOCK + 1),
        ) {
            let buf = Obj::from_value(bv).expect("heap");
            let w = raw_words::<2>(buf);
            w[0].store(n as u64 | FLAG_BUF, Ordering::Release);
            w[1].store(cap as u64, Ordering::Release);
            let fa = xf;
            // SAFETY: the buffer is fresh: no other reader or writer.
            unsafe {
                match index_of(a, fa, x.len(), xc).filter(|_| fa & FLAG_ASCII == 0) {
                    // `a`'s index entries are the new buffer's first ones.
                    Some((h, off)) => {
                        let entries = raw_slice(h, off, 4 * index_entries(xc));
                        buffer_copy(buf, BUF_OFFSET, x);
                        buffer_copy(buf, buffer_index_at(cap), entries);
                    }
                    None => buffer_write(buf, 0, 0, x),
                }
                buffer_write(buf, x.len(), xc, y);
            }
            return alloc_view(ctx, Kind::STR, class, buf, n, chars, ascii);
        }
    }
    alloc_concat(ctx, Kind::STR, class, &[x, y], chars, ascii)
}

/// Claims bytes `from..to` of the str or byte buffer `buf` (capacity `cap`)
/// for the view that ends at `from`: true when they fit and its claimed
/// length (raw word 0) was still `from`, now `to` (one compare-exchange:
/// only the newest view's extension wins).
#[inline]
fn claim_tail(buf: Obj, cap: usize, from: usize, to: usize) -> bool {
    to <= cap
        && raw_word(buf, 0)
            .compare_exchange(
                from as u64 | FLAG_BUF,
                to as u64 | FLAG_BUF,
                Ordering::AcqRel,
                Ordering::Relaxed,
            )
            .is_ok()
}

/// `a + y` for an exact bytes `a` (`class` is `bytes`) and the bytes `y`,
/// as [`concat`] for strs: a *bytes view* (flag [`FLAG_VIEW`], one value
/// slot) shows the first `byte length` bytes of a byte buffer
/// ([`alloc_buffer`]'s kind, here never a bytearray's), whose length word is
/// the claimed length. When `a` is a view whose buffer's claimed length is
/// where `a` ends and has room, `y` is appended in place (claimed with one
/// compare-exchange) and the result is a new view of the same buffer; when
/// `a` is a view without that luck, or `grow` (the operation is `+=`) and
/// the result is at least [`BUFFER_MIN`] bytes, the result is a view of a
/// new buffer with room for as much again; otherwise it is a flat bytes
/// object. `None` when the result cannot be allocated (MemoryError).
///
/// `y` and the bytes of `a` are held across the allocations, as in
/// [`concat`]: the caller roots what holds them.
pub fn try_concat_bytes(
    ctx: &mut ProtoContext,
    class: Value,
    a: Obj,
    y: &[u8],
    grow: bool,
) -> Option<Value> {
    // As CPython: an empty right operand gives the left one itself.
    if y.is_empty() {
        return Some(a.value());
    }
    let (x, _, xf) = parts_flags(a);
    let n = x.len().checked_add(y.len())?;
    let view = xf & FLAG_VIEW != 0;
    if view {
        let buf = holder(a, FLAG_VIEW);
        if claim_tail(buf, buffer_capacity(buf), x.len(), n) {
            // SAFETY: the successful compare-exchange gave this thread the
            // bytes `x.len()..n` of the buffer: every view of it ends at or
            // before the claimed length it had, so no reader reads there and
            // no other writer can claim them again; they lie below the
            // capacity (checked), and `y` is not among them (bytes of a
            // view or object that existed before the claim).
            unsafe {
                core::ptr::copy_nonoverlapping(
                    y.as_ptr(),
                    buf.raw_ptr().add(BUF_OFFSET + x.len()),
                    y.len(),
                );
            }
            return Some(alloc_view(ctx, Kind::BYTES, class, buf, n, n, false));
        }
    }
    if (view || grow) && n >= BUFFER_MIN && n <= isize::MAX as usize / 4 {
        let bv = try_alloc_buffer(ctx, &[x, y], 2 * n)?;
        let buf = Obj::from_value(bv).expect("heap");
        return Some(alloc_view(ctx, Kind::BYTES, class, buf, n, n, false));
    }
    try_alloc_concat(ctx, Kind::BYTES, class, &[x, y], n, true)
}

/// Writes `text` at byte `at` (character `c0`) of the str buffer `buf` with
/// its index entries.
///
/// # Safety
/// The caller owns bytes `at..at + text.len()` of `buf` (fresh, or claimed
/// with the compare-exchange of [`concat`]) and no reader reads them.
unsafe fn buffer_write(buf: Obj, at: usize, c0: usize, text: &[u8]) {
    let cap = buffer_capacity_of(buf);
    assert!(at + text.len() <= cap, "str buffer overflow");
    let idx = buffer_index_at(cap);
    let base = buf.raw_ptr();
    // SAFETY: BUF_OFFSET + cap and the index (cap / INDEX_BLOCK + 1
    // entries, more than any string of at most cap bytes has) lie inside
    // the raw region, sized so by `concat`; the caller owns these bytes and
    // the entries of the characters starting in them.
    unsafe {
        core::ptr::copy_nonoverlapping(text.as_ptr(), base.add(BUF_OFFSET + at), text.len());
        for_each_mark(text, c0, at, |k, b| {
            let e = (b as u32).to_ne_bytes();
            core::ptr::copy_nonoverlapping(e.as_ptr(), base.add(idx + 4 * (k - 1)), 4);
        });
    }
}

/// Copies `src` to byte `off` of the raw region of the fresh str buffer
/// `buf` (sized by [`concat`]).
///
/// # Safety
/// `buf` is fresh (no other reader or writer) and `src` is not part of it.
unsafe fn buffer_copy(buf: Obj, off: usize, src: &[u8]) {
    assert!(off + src.len() <= buf.raw_len(), "str buffer overflow");
    // SAFETY: in range (checked); the caller guarantees exclusive access
    // and no overlap.
    unsafe { core::ptr::copy_nonoverlapping(src.as_ptr(), buf.raw_ptr().add(off), src.len()) }
}

/// Capacity of a str buffer as recorded at its allocation.
#[inline]
fn buffer_capacity_of(buf: Obj) -> usize {
    let cap = get_raw(buf, 1) as usize;
    assert!(buffer_index_at(cap) + 4 * (cap / INDEX_BLOCK + 1) <= buf.raw_len());
    cap
}

/// A view of the first `n` bytes of str buffer `buf`.
fn alloc_view(
    ctx: &mut ProtoContext,
    kind: Kind,
    class: Value,
    buf: Obj,
    n: usize,
    chars: usize,
    ascii: bool,
) -> Value {
    let v = ctx.alloc(kind, class, 1, VIEW_RAW);
    let o = Obj::from_value(v).expect("heap");
    o.init(0, buf.value());
    let w = raw_words::<3>(o);
    let flags = FLAG_VIEW | if ascii { FLAG_ASCII } else { 0 };
    w[0].store(n as u64 | flags, Ordering::Release);
    w[2].store(chars as u64, Ordering::Release);
    v
}
