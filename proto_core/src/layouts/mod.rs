//! Memory layouts of the objects the interpreter touches directly, with their
//! thread-safe primitives: flat strings and bytes ([`str`]), lists
//! ([`list`]), hash tables for dicts and sets ([`dict`]), and raw words.
//!
//! Every layout is an ordinary heap object (`Kind` + traced values + raw
//! bytes). The engine supplies the class word; hashing and key equality
//! (which may run Python code) are supplied by the caller as closures.
//!
//! General concurrency contract (details in each module):
//! - Local objects (not `is_shared()`) are used by their owner thread only.
//! - Shared mutable objects (list, dict, set): writers hold the object lock
//!   (`ProtoContext::lock_object`) for one primitive; readers take no lock and
//!   use acquire loads of the current storage. Storage is never shrunk or
//!   rewritten in place in a way a reader could see torn: growth allocates a
//!   new storage object, fills it, and publishes it with one release store;
//!   the old storage stays valid until the GC finds it unreachable.
//! - A reader racing with a writer may see an `EMPTY` slot (a removed item);
//!   the engine treats that as a missing item (IndexError/KeyError), never as
//!   a crash.

pub mod dict;
pub mod list;
pub mod str;

use crate::object::Obj;
use crate::sync::heap_atomic::{AtomicU64, Ordering};

/// Raw word `i` (8-byte aligned) of the raw region of `obj`, as an atomic.
/// Panics if the raw region is too small.
#[inline(always)]
pub fn raw_word(obj: Obj, i: usize) -> &'static AtomicU64 {
    let (p, len) = obj.raw_region();
    if (i + 1) * 8 > len {
        crate::object::raw_word_out_of_range(i);
    }
    // SAFETY: the raw region starts 8-aligned (header 24 bytes + 8 per value,
    // cells 64-aligned), lies inside the object's cells and is initialised
    // (zeroed at allocation); AtomicU64 has the size and alignment of u64.
    unsafe { &*(p as *const AtomicU64).add(i) }
}

/// The first `N` raw words of `obj` as atomics, bounds-checked once (for hot
/// paths that touch several words of one object). Panics if the raw region
/// is too small.
#[inline(always)]
pub fn raw_words<const N: usize>(obj: Obj) -> &'static [AtomicU64; N] {
    let (p, len) = obj.raw_region();
    assert!(N * 8 <= len, "raw words 0..{N} out of range");
    // SAFETY: as in `raw_word`: 8-aligned, inside the object's cells,
    // initialised; the N words lie within the raw region (checked above).
    unsafe { &*(p as *const [AtomicU64; N]) }
}

/// Reads raw word `i` (acquire).
#[inline(always)]
pub fn get_raw(obj: Obj, i: usize) -> u64 {
    raw_word(obj, i).load(Ordering::Acquire)
}

/// Writes raw word `i` (release). The caller owns the object or holds its lock.
#[inline(always)]
pub fn set_raw(obj: Obj, i: usize, v: u64) {
    raw_word(obj, i).store(v, Ordering::Release)
}

/// The position of Python index `i` (negative counts from the end) in a
/// sequence of `n` items, when it is in range.
#[inline(always)]
pub fn seq_index(i: i64, n: usize) -> Option<usize> {
    let n = n as i64;
    let j = if i < 0 { i + n } else { i };
    (0..n).contains(&j).then_some(j as usize)
}

/// Writes `parts` one after another into the raw region of a FRESH object
/// from byte offset `off` (one bounds check for all of them).
pub fn init_raw_parts(obj: Obj, off: usize, parts: &[&[u8]]) {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    assert!(off + total <= obj.raw_len(), "raw bytes out of range");
    // SAFETY: off + total is in range (checked); the object is fresh so no
    // reader exists; the parts are other objects' bytes or Rust buffers,
    // never this fresh object's.
    unsafe {
        let mut dst = obj.raw_ptr().add(off);
        for p in parts {
            copy_part(p, dst);
            dst = dst.add(p.len());
        }
    }
}

/// Copies `src` to `dst`; parts shorter than 16 bytes (most of a join's or
/// a concatenation's) without a call into `memcpy`, by two overlapping
/// loads and stores of the widest word that fits.
///
/// # Safety
/// `dst..dst + src.len()` is writable and does not overlap `src`.
#[inline(always)]
unsafe fn copy_part(src: &[u8], dst: *mut u8) {
    let (s, n) = (src.as_ptr(), src.len());
    // SAFETY: in every arm, each read lies inside `src` (offsets below
    // `n`), each write inside `dst..dst + n` (the caller's range).
    unsafe {
        match n {
            16.. => core::ptr::copy_nonoverlapping(s, dst, n),
            8..=15 => copy_two_words::<u64>(s, dst, n),
            4..=7 => copy_two_words::<u32>(s, dst, n),
            1..=3 => {
                *dst = *s;
                *dst.add(n / 2) = *s.add(n / 2);
                *dst.add(n - 1) = *s.add(n - 1);
            }
            0 => {}
        }
    }
}

/// Copies `n` bytes, `size_of::<W>() <= n <= 2 * size_of::<W>()`, as two
/// possibly overlapping words: the first `W` and the last.
///
/// # Safety
/// As [`copy_part`], with `n` in that range.
#[inline(always)]
unsafe fn copy_two_words<W: Copy>(s: *const u8, dst: *mut u8, n: usize) {
    let w = core::mem::size_of::<W>();
    // SAFETY: both words lie inside `s..s + n` and `dst..dst + n` (w <= n).
    unsafe {
        let (a, b) = (
            s.cast::<W>().read_unaligned(),
            s.add(n - w).cast::<W>().read_unaligned(),
        );
        dst.cast::<W>().write_unaligned(a);
        dst.add(n - w).cast::<W>().write_unaligned(b);
    }
}

/// The raw bytes `off..off+len` of an object whose raw region is immutable
/// after initialisation (str, bytes).
#[inline]
pub fn raw_slice(obj: Obj, off: usize, len: usize) -> &'static [u8] {
    let (p, raw_len) = obj.raw_region();
    assert!(
        off.checked_add(len).is_some_and(|end| end <= raw_len),
        "raw bytes out of range"
    );
    // SAFETY: off..off+len lies inside the object's raw region (checked),
    // which was zeroed at allocation; the slice covers only these bytes, so
    // a byte buffer's writer appending past them (see `str`) never writes
    // memory this slice covers.
    unsafe { core::slice::from_raw_parts(p.add(off), len) }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::dict::{self as ldict, Probe};
    use super::list as llist;
    use crate::object::{Kind, Obj};
    use crate::value::Value;
    use crate::ProtoSpace;

    #[test]
    fn list_append_insert_remove() {
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        let l = Obj::from_value(llist::alloc(&mut ctx, Value::NONE, 0)).unwrap();
        for i in 0..100 {
            llist::append(&mut ctx, l, Value::int(i));
        }
        assert_eq!(llist::len(l), 100);
        assert_eq!(llist::get(l, 57), Some(Value::int(57)));
        llist::insert(&mut ctx, l, 0, Value::int(-1));
        assert_eq!(llist::get(l, 0), Some(Value::int(-1)));
        assert_eq!(llist::remove(&mut ctx, l, 0), Some(Value::int(-1)));
        assert_eq!(llist::len(l), 100);
        llist::truncate(&mut ctx, l, 10);
        assert_eq!(llist::get(l, 10), None);
        let mut snap = Vec::new();
        llist::snapshot(l, &mut snap);
        assert_eq!(snap.len(), 10);
    }

    #[test]
    fn dict_store_local_at_and_insert_if_surely_absent() {
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(ldict::alloc(&mut ctx, Kind::DICT, Value::NONE, 5)).unwrap();
        // Entries go in only at the next index, while there is room.
        assert!(!ldict::store_local_at(
            &mut ctx,
            d,
            1,
            Value::int(7),
            Value::int(70),
            || 7
        ));
        for i in 0..5i64 {
            assert!(ldict::store_local_at(
                &mut ctx,
                d,
                i as usize,
                Value::int(i),
                Value::int(i * 10),
                || i as u64
            ));
        }
        assert!(!ldict::store_local_at(
            &mut ctx,
            d,
            5,
            Value::int(5),
            Value::int(50),
            || 5
        ));
        // A key already present is never appended again: its first probe
        // slot is taken and its filter bit is set.
        let d2 = Obj::from_value(ldict::alloc(&mut ctx, Kind::DICT, Value::NONE, 5)).unwrap();
        assert!(ldict::store_local_at(
            &mut ctx,
            d2,
            0,
            Value::int(3),
            Value::int(1),
            || 3
        ));
        assert!(!ldict::store_local_at(
            &mut ctx,
            d2,
            1,
            Value::int(3),
            Value::int(2),
            || 3
        ));
        // The key at the remembered entry: its value is replaced in place.
        assert!(ldict::store_local_at(
            &mut ctx,
            d2,
            0,
            Value::int(3),
            Value::int(9),
            || unreachable!("no hash needed to replace")
        ));
        assert_eq!(ldict::entry(ldict::table(d2), 0).1, Value::int(9));
        assert!(!ldict::insert_if_surely_absent(
            &mut ctx,
            d2,
            Value::int(3),
            Value::int(2),
            3
        ));
        assert!(ldict::insert_if_surely_absent(
            &mut ctx,
            d2,
            Value::int(4),
            Value::int(4),
            4
        ));
        assert_eq!(ldict::len(d), 5);
        assert_eq!(ldict::len(d2), 2);
        let eq = |a: Value, b: Value| -> Result<bool, ()> { Ok(a == b) };
        for i in 0..5i64 {
            let k = Value::int(i);
            let t = ldict::table(d);
            let Probe::Found(e) = ldict::probe(t, i as u64, k, |x| eq(x, k)).unwrap() else {
                panic!("missing {i}")
            };
            assert_eq!((e, ldict::entry(t, e).1), (i as usize, Value::int(i * 10)));
        }
    }

    #[test]
    fn dict_insert_probe_delete_resize() {
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(ldict::alloc(&mut ctx, Kind::DICT, Value::NONE, 5)).unwrap();
        let eq = |a: Value, b: Value| -> Result<bool, ()> { Ok(a == b) };
        for i in 0..1000i64 {
            let k = Value::int(i);
            let t = ldict::table(d);
            match ldict::probe(t, i as u64, k, |x| eq(x, k)).unwrap() {
                Probe::Vacant(s) => {
                    ldict::insert_new(&mut ctx, d, s, k, Value::int(i * 2), i as u64)
                }
                Probe::Found(_) => panic!("duplicate"),
            }
        }
        assert_eq!(ldict::len(d), 1000);
        for i in (0..1000i64).step_by(2) {
            let k = Value::int(i);
            let t = ldict::table(d);
            let Probe::Found(e) = ldict::probe(t, i as u64, k, |x| eq(x, k)).unwrap() else {
                panic!("missing {i}")
            };
            assert_eq!(ldict::entry(t, e).1, Value::int(i * 2));
            ldict::delete(&mut ctx, d, t, e);
        }
        assert_eq!(ldict::len(d), 500);
        let mut items = Vec::new();
        ldict::items(d, &mut items);
        assert_eq!(items.len(), 500);
        assert!(items.iter().all(|(k, _, _)| k.as_int().unwrap() % 2 == 1));
        // insertion order preserved
        assert!(items.windows(2).all(|w| w[0].0.as_int() < w[1].0.as_int()));
    }

    #[test]
    fn concurrent_append_on_shared_list_loses_nothing() {
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        let lv = llist::alloc(&mut ctx, Value::NONE, 0);
        ctx.promote(lv);
        ctx.stack().push(lv);
        let l = Obj::from_value(lv).unwrap();
        assert!(l.is_shared());
        const THREADS: i64 = 4;
        const PER: i64 = 2000;
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let space = space.clone();
                std::thread::spawn(move || {
                    let mut c = space.new_context();
                    c.set_deferred_collection(true);
                    for i in 0..PER {
                        c.lock_object(l);
                        llist::append(&mut c, l, Value::int(t * PER + i));
                        c.unlock_object(l);
                    }
                })
            })
            .collect();
        ctx.blocking(|| {
            for h in handles {
                h.join().unwrap();
            }
        });
        assert_eq!(llist::len(l), (THREADS * PER) as usize);
        let mut snap = Vec::new();
        llist::snapshot(l, &mut snap);
        let mut seen: Vec<i64> = snap.iter().map(|v| v.as_int().unwrap()).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..THREADS * PER).collect::<Vec<_>>());
    }

    #[test]
    fn byte_buffer_appends_in_place_and_respects_its_high_water_mark() {
        use super::str as lstr;
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        let b = Obj::from_value(lstr::alloc_buffer(&mut ctx, &[b"ab"], 8)).unwrap();
        assert!(lstr::is_buffer(b) && lstr::buffer_capacity(b) >= 8);
        // SAFETY (all calls below): this thread is the buffer's only writer.
        assert!(unsafe { lstr::buffer_append(b, b"cd") });
        assert_eq!(lstr::bytes(b), b"abcd");
        let room = lstr::buffer_capacity(b) - 4;
        assert!(!unsafe { lstr::buffer_append(b, &vec![0; room + 1]) });
        assert_eq!(lstr::bytes(b), b"abcd");
        // A local buffer is rewritten in place after a truncation...
        unsafe { lstr::buffer_truncate(b, 3) };
        assert!(unsafe { lstr::buffer_append(b, b"x") });
        assert_eq!(lstr::bytes(b), b"abcx");
        // ...a shared one only at or above its high-water mark (4 here).
        ctx.promote(b.value());
        unsafe { lstr::buffer_truncate(b, 3) };
        assert_eq!(lstr::bytes(b), b"abc");
        assert!(!unsafe { lstr::buffer_append(b, b"y") });
        unsafe { lstr::buffer_truncate(b, 4) };
        assert_eq!(lstr::bytes(b), b"abc", "truncate never lengthens");
        // A plain bytes object is never written.
        let plain = Obj::from_value(lstr::alloc(
            &mut ctx,
            Kind::BYTES,
            Value::int(0),
            b"zz",
            2,
            true,
            false,
        ))
        .unwrap();
        assert!(!lstr::is_buffer(plain));
        assert!(!unsafe { lstr::buffer_append(plain, b"q") });
        assert_eq!(lstr::bytes(plain), b"zz");
    }

    #[test]
    fn byte_buffer_removal_from_the_front_moves_its_start() {
        use super::str as lstr;
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        let b = Obj::from_value(lstr::alloc_buffer(&mut ctx, &[b"abcdefgh"], 12)).unwrap();
        let cap = lstr::buffer_capacity(b);
        // SAFETY (all calls below): this thread is the buffer's only writer
        // and holds no slice of it across a call.
        assert!(unsafe { lstr::buffer_remove(b, 0, 3) });
        assert_eq!(lstr::bytes(b), b"defgh");
        assert_eq!(
            lstr::buffer_capacity(b),
            cap - 3,
            "room counts from the start"
        );
        // Appends, item writes, inner removals and truncation all count
        // from the new start.
        assert!(unsafe { lstr::buffer_append(b, b"ij") });
        assert_eq!(lstr::bytes(b), b"defghij");
        assert!(unsafe { lstr::buffer_write_at(b, 1, b"E") });
        assert!(unsafe { lstr::buffer_write_strided(b, 2, 2, b"FH") });
        assert_eq!(lstr::bytes(b), b"dEFgHij");
        assert!(unsafe { lstr::buffer_remove(b, 2, 4) });
        assert_eq!(lstr::bytes(b), b"dEHij");
        assert!(unsafe { lstr::buffer_remove(b, 0, 1) });
        assert_eq!(lstr::bytes(b), b"EHij");
        unsafe { lstr::buffer_truncate(b, 2) };
        assert_eq!(lstr::bytes(b), b"EH");
        assert!(!unsafe { lstr::buffer_remove(b, 1, 3) }, "past the end");
        // An append with no room after the start but room from the front
        // moves the bytes back to the front first.
        let room = lstr::buffer_capacity(b);
        assert!(room < cap);
        assert!(unsafe { lstr::buffer_append(b, &vec![b'z'; room - 1]) });
        assert_eq!(&lstr::bytes(b)[..3], b"EHz");
        assert_eq!(lstr::bytes(b).len(), room + 1);
        assert_eq!(
            lstr::buffer_capacity(b),
            cap,
            "the whole room, from the front"
        );
        assert!(
            !unsafe { lstr::buffer_append(b, &vec![0; cap]) },
            "no room at all"
        );
        // Emptied from the front: the whole room again.
        let n = lstr::bytes(b).len();
        assert!(unsafe { lstr::buffer_remove(b, 0, 1) });
        assert!(unsafe { lstr::buffer_remove(b, 0, n - 1) });
        assert_eq!(lstr::bytes(b), b"");
        assert_eq!(lstr::buffer_capacity(b), cap);
        // Its own bytes are never moved to make room for themselves.
        let mut fill = vec![b'a'; cap - 2];
        fill.extend_from_slice(b"yz");
        assert!(unsafe { lstr::buffer_append(b, &fill) });
        assert!(unsafe { lstr::buffer_remove(b, 0, cap - 2) });
        assert_eq!(lstr::buffer_capacity(b), 2);
        let own = lstr::bytes(b);
        assert!(!unsafe { lstr::buffer_append(b, own) });
        assert_eq!(lstr::bytes(b), b"yz");
        assert!(
            unsafe { lstr::buffer_append(b, b"!") },
            "moved to the front"
        );
        assert_eq!(lstr::bytes(b), b"yz!");
    }
}

#[cfg(all(test, not(loom)))]
mod str_layout_tests {
    use super::str as lstr;
    use crate::object::{Kind, Obj};
    use crate::value::Value;
    use crate::ProtoSpace;

    /// An ASCII str of up to 24 bytes fills one cell with its header; a
    /// wide str keeps its character length after its bytes; the hash word
    /// and the flags live beside the length in every form.
    #[test]
    fn short_strs_fill_one_cell() {
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        let make = |ctx: &mut crate::ProtoContext, t: &str| {
            let v = lstr::alloc(
                ctx,
                Kind::STR,
                Value::NONE,
                t.as_bytes(),
                t.chars().count(),
                t.is_ascii(),
                false,
            );
            Obj::from_value(v).unwrap()
        };
        for (t, cells) in [
            ("", 1),
            ("abcdefgh", 1),
            ("abcdefghijklmnopqrstuvwx", 1),
            ("abcdefghijklmnopqrstuvwxy", 2),
            ("caf\u{e9}", 1),
            // 15 bytes, the character length word after them: one cell.
            ("caf\u{e9} au lait\u{fc}", 1),
            ("caf\u{e9} au lait, \u{fc}n\u{ef}code", 2),
        ] {
            let o = make(&mut ctx, t);
            assert_eq!(o.cells(), cells, "{t:?}");
            assert_eq!(lstr::bytes(o), t.as_bytes());
            assert_eq!(lstr::byte_len(o), t.len());
            assert_eq!(lstr::char_len(o), t.chars().count());
            assert_eq!(lstr::is_ascii(o), t.is_ascii());
            assert!(!lstr::is_interned(o) && !lstr::is_view(o));
            assert_eq!(lstr::cached_hash(o), None);
            lstr::set_cached_hash(o, 12345);
            assert_eq!(lstr::cached_hash(o), Some(12345));
            assert_eq!(lstr::bytes(o), t.as_bytes(), "the hash leaves the text");
            assert_eq!(lstr::char_len(o), t.chars().count());
            for (ci, (bi, c)) in t.char_indices().enumerate() {
                assert_eq!(lstr::char_to_byte(o, ci), bi);
                assert_eq!(lstr::byte_to_char(o, bi), ci);
                assert_eq!(lstr::char_at(o, ci as i64), Some(c as u32));
            }
            let n = t.chars().count() as i64;
            assert_eq!(lstr::char_at(o, n), None);
            assert_eq!(lstr::char_at(o, -n - 1), None);
        }
        let v = lstr::alloc(&mut ctx, Kind::STR, Value::NONE, b"k", 1, true, false);
        lstr::set_interned(v);
        let o = Obj::from_value(v).unwrap();
        assert!(lstr::is_interned(o) && lstr::is_ascii(o));
        assert_eq!((lstr::bytes(o), lstr::char_len(o)), (&b"k"[..], 1));
        // A view reports its own length, characters and hash.
        let a = make(&mut ctx, "\u{e9}".repeat(40).as_str());
        let b = make(&mut ctx, "xyz");
        let view = Obj::from_value(lstr::concat(&mut ctx, Value::NONE, a, b, true)).unwrap();
        assert!(lstr::is_view(view) && !lstr::is_ascii(view));
        assert_eq!(lstr::byte_len(view), 83);
        assert_eq!(lstr::char_len(view), 43);
        assert_eq!(lstr::char_at(view, -1), Some('z' as u32));
        assert_eq!(lstr::cached_hash(view), None);
        lstr::set_cached_hash(view, 7);
        assert_eq!(lstr::cached_hash(view), Some(7));
        assert_eq!(lstr::char_len(view), 43);
    }
}

#[cfg(all(test, not(loom)))]
mod str_index_tests {
    use super::str as lstr;
    use crate::object::{Kind, Obj};
    use crate::value::Value;
    use crate::ProtoSpace;

    /// Character index lookups agree with a plain scan for flat strs and
    /// for views built by repeated `+=`, at every offset.
    #[test]
    fn char_offsets_match_a_scan() {
        let space = ProtoSpace::new();
        let mut ctx = space.new_context();
        ctx.set_deferred_collection(true);
        let pool = ["a", "é", "€", "𝄞", "bc"];
        let text: String = (0..700)
            .map(|i| pool[(i * 7 + i / 3) % pool.len()])
            .collect();
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let n = starts.len();
        let flat = lstr::alloc(
            &mut ctx,
            Kind::STR,
            Value::NONE,
            text.as_bytes(),
            n,
            false,
            false,
        );
        // A view made of pieces of assorted lengths.
        let mut view = lstr::alloc(&mut ctx, Kind::STR, Value::NONE, b"", 0, true, false);
        let mut at = 0;
        let mut k = 1;
        while at < text.len() {
            let mut end = (at + k).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let piece = &text[at..end];
            let p = lstr::alloc(
                &mut ctx,
                Kind::STR,
                Value::NONE,
                piece.as_bytes(),
                piece.chars().count(),
                piece.is_ascii(),
                false,
            );
            view = if at == 0 {
                p
            } else {
                lstr::concat(
                    &mut ctx,
                    Value::NONE,
                    Obj::from_value(view).unwrap(),
                    Obj::from_value(p).unwrap(),
                    true,
                )
            };
            at = end;
            k = k % 23 + 1;
        }
        for v in [flat, view] {
            let o = Obj::from_value(v).unwrap();
            assert_eq!(lstr::bytes(o), text.as_bytes());
            assert_eq!(lstr::char_len(o), n);
            for (ci, &b) in starts.iter().enumerate() {
                assert_eq!(lstr::char_to_byte(o, ci), b, "char {ci}");
                assert_eq!(lstr::byte_to_char(o, b), ci, "byte {b}");
            }
            assert_eq!(lstr::char_to_byte(o, n), text.len());
            assert_eq!(lstr::byte_to_char(o, text.len()), n);
        }
        assert!(lstr::is_view(Obj::from_value(view).unwrap()));
    }
}
