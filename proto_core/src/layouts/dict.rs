//! Insertion-ordered hash tables for dicts and sets.
//!
//! Header (`Kind::DICT` or `Kind::SET`): values `[0] table`, `[1]` free for
//! the engine (instance dict of subclasses); raw words `[0]` number of live
//! entries, `[1]` version (bumped by every insertion, deletion and clear,
//! not by replacing a value: the engine re-validates an unlocked probe
//! against it before writing under the lock).
//!
//! Table (`Kind::STORAGE`): values `2*cap` (`key, value` per entry, in
//! insertion order; a deleted entry has key `EMPTY`); raw words `[0] used`
//! (entries written, live or deleted), `[1] cap`, `[2] index size` (a power
//! of two), `[3]` key filter (bit [`filter_bit`]`(hash)` set for every key
//! ever inserted in this table: a clear bit proves a key absent without a
//! probe), then `cap` hash words, then the index: one word per slot, 0 for
//! empty, otherwise `entry + 1` in the low 32 bits and the entry's hash tag
//! ([`hash_tag`]) in the high 32. Probing follows CPython's perturbation
//! scheme; a slot whose tag differs is passed over without reading its
//! entry, and a key found the same object is found without reading the
//! hash words (an index slot, then the key: the two cache lines CPython's
//! probe reads in its combined entry table, where the separate hash words
//! made it three in a table too big for the cache).
//!
//! Concurrency contract: writers hold the header's object lock when it is
//! shared. A writer fills an entry (key, value, hash) before it publishes the
//! index slot and `used` (release stores); readers load the table once
//! (acquire) and probe it without locks, so a reader sees either the old or
//! the new state of each entry. Resizing builds a complete new table and
//! publishes it with one store. Key equality is supplied by the caller and
//! may run Python code; the engine re-validates the table afterwards.

use super::{get_raw, set_raw};
use crate::object::{Kind, Obj, ObjView};
use crate::value::Value;
use crate::ProtoContext;

/// Values of a dict/set header.
pub const HEADER_VALUES: usize = 2;
const T_USED: usize = 0;
const T_CAP: usize = 1;
const T_ISIZE: usize = 2;
const T_FILTER: usize = 3;
const T_HASHES: usize = 4;

/// The entry-number half of an index word.
const IDX_MASK: u64 = 0xFFFF_FFFF;

/// `T_ISIZE` flag of a set's table: its index is CPython's set table (see
/// "Set tables" below), and bits 32..63 of the word hold its fill.
const SET_TABLE: u64 = 1 << 63;
const FILL_SHIFT: u32 = 32;
const FILL_MASK: u64 = 0x7FFF_FFFF;

/// The index size a `T_ISIZE` word holds.
#[inline(always)]
fn isize_of(w: u64) -> usize {
    (w & IDX_MASK) as usize
}

/// A set table's index slot whose key was deleted: CPython's dummy entry.
/// Its entry number is past any table's capacity, so a probe that reads it
/// as an entry never matches.
const DUMMY: u64 = IDX_MASK;

/// An index word's tag half: 32 bits of a multiplicative mix of the whole
/// hash (the low bits already chose the slot; a different multiplier from
/// [`filter_bit`]'s keeps the two independent).
#[inline(always)]
fn hash_tag(hash: u64) -> u64 {
    hash.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) & !IDX_MASK
}

/// The index word for entry `e` of hash `hash`.
#[inline(always)]
fn index_word(e: usize, hash: u64) -> u64 {
    hash_tag(hash) | (e as u64 + 1)
}

/// The key-filter bit of a hash: 6 bits of a multiplicative mix (the low
/// bits already choose the index slot, and int hashes have few high bits).
#[inline(always)]
pub fn filter_bit(hash: u64) -> u64 {
    1u64 << (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

/// Result of a probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// The key is at this entry.
    Found(usize),
    /// The key is absent; this index slot is where it would go.
    Vacant(usize),
}

fn alloc_table(ctx: &mut ProtoContext, cap: usize) -> Obj {
    match try_alloc_table(ctx, cap) {
        Some(t) => t,
        None => panic!("dict table of {cap} entries is too large"),
    }
}

/// A fresh table with room for `cap` entries, or `None` when it cannot be
/// allocated (MemoryError).
fn try_alloc_table(ctx: &mut ProtoContext, cap: usize) -> Option<Obj> {
    // At most 2/3 full; tables of one or two entries (exactly sized
    // instance dicts) keep a 4-slot index, which saves them a cell.
    // The small tables every dict literal and instance dict starts with
    // take the first two arms, whose sizes cannot overflow.
    let isize = if cap <= 2 {
        4
    } else if cap <= 5 {
        8
    } else {
        (cap.checked_mul(3)? / 2).checked_next_power_of_two()?
    };
    try_alloc_table_sized(ctx, cap, isize)
}

/// A fresh table of `cap` entries and an index of `isize` slots (a power
/// of two), or `None` when it cannot be allocated.
fn try_alloc_table_sized(ctx: &mut ProtoContext, cap: usize, isize: usize) -> Option<Obj> {
    // Entry numbers fit an index word's low half, below `DUMMY`'s.
    if cap >= IDX_MASK as usize || isize > IDX_MASK as usize {
        return None;
    }
    let raw = T_HASHES
        .checked_add(cap)?
        .checked_add(isize)?
        .checked_mul(8)?;
    let t = ctx.try_alloc(Kind::STORAGE, Value::NONE, cap.checked_mul(2)?, raw)?;
    let o = Obj::from_value(t).expect("heap");
    set_raw(o, T_CAP, cap as u64);
    set_raw(o, T_ISIZE, isize as u64);
    Some(o)
}

/// Allocates an empty dict (`kind` DICT) or set (`kind` SET).
pub fn alloc(ctx: &mut ProtoContext, kind: Kind, class: Value, cap: usize) -> Value {
    alloc_with_extra(ctx, kind, class, cap, 0)
}

/// Allocates an empty dict or set whose header has `extra` more values
/// (EMPTY) after the header values (the `__slots__` of a subclass).
pub fn alloc_with_extra(
    ctx: &mut ProtoContext,
    kind: Kind,
    class: Value,
    cap: usize,
    extra: usize,
) -> Value {
    alloc_sized(ctx, kind, class, cap.max(5), extra)
}

/// Allocates an empty dict with room for exactly `cap` entries (at least
/// one), not the 5 of [`alloc`]: an instance dict sized by its class's
/// hint, the largest dict its instances reached.
pub fn alloc_exact(ctx: &mut ProtoContext, class: Value, cap: usize) -> Value {
    alloc_sized(ctx, Kind::DICT, class, cap.max(1), 0)
}

/// A dict or set header with `extra` more values and a table of `cap`
/// entries.
fn alloc_sized(
    ctx: &mut ProtoContext,
    kind: Kind,
    class: Value,
    cap: usize,
    extra: usize,
) -> Value {
    if kind == Kind::SET {
        // Every set starts at CPython's minimum size, whatever it will
        // hold: its growth decides its order. Raw word 2: `pop`'s finger.
        let d = ctx.alloc(kind, class, HEADER_VALUES + extra, 24);
        let t = alloc_set_table(ctx, SET_MIN_SLOTS, 0);
        Obj::from_value(d).expect("heap").init(0, t.value());
        return d;
    }
    let d = ctx.alloc(kind, class, HEADER_VALUES + extra, 16);
    let t = alloc_table(ctx, cap);
    Obj::from_value(d).expect("heap").init(0, t.value());
    d
}

/// Allocates an empty dict with no table of its own (CPython's shared
/// empty keys): it points at the space's immortal table of capacity 0,
/// which every lookup reads as an empty table and no writer ever writes
/// (each checks `used < cap` first and grows the dict into a table of its
/// own: [`try_insert_new`], [`insert_if_surely_absent`], [`reserve`],
/// [`fill_empty`], [`store_local_at`]). An empty `{}`, `dict()` or
/// `**kwargs` costs one header.
pub fn alloc_empty(ctx: &mut ProtoContext, class: Value) -> Value {
    let d = ctx.alloc(Kind::DICT, class, HEADER_VALUES, 16);
    let t = empty_table(ctx);
    Obj::from_value(d).expect("heap").init(0, t);
    d
}

/// The space's shared empty table (made on first use).
fn empty_table(ctx: &mut ProtoContext) -> Value {
    ctx.empty_dict_table(make_empty_table)
}

/// The immortal table of no entries: capacity 0, an index of 4 empty slots.
fn make_empty_table(ctx: &mut ProtoContext) -> Value {
    let t = ctx.alloc_immortal(Kind::STORAGE, Value::NONE, 0, 8 * (T_HASHES + 4));
    let o = Obj::from_value(t).expect("heap");
    set_raw(o, T_CAP, 0);
    set_raw(o, T_ISIZE, 4);
    t
}

/// Allocates an immortal empty dict (for type dicts of builtin types, module dicts...).
pub fn alloc_shared(ctx: &mut ProtoContext, kind: Kind, class: Value, cap: usize) -> Value {
    let d = alloc(ctx, kind, class, cap);
    ctx.promote(d);
    d
}

/// The current table.
#[inline(always)]
pub fn table(d: Obj) -> Obj {
    Obj::from_value(d.get(0)).expect("dict table")
}

/// Number of live entries.
#[inline(always)]
pub fn len(d: Obj) -> usize {
    get_raw(d, 0) as usize
}

/// The version word.
#[inline(always)]
pub fn version(d: Obj) -> u64 {
    get_raw(d, 1)
}

/// Versions that [`stamp`] gives are multiples of this: a dict's own bumps
/// (fewer than 2^32 of them since its last stamp) never reach another
/// stamp, so a stamp names one dict in one state for the whole run.
pub const STAMP_STEP: u64 = 1 << 32;

/// Whether version `v` is a stamp (unchanged since [`stamp`] set it).
#[inline(always)]
pub fn is_stamp(v: u64) -> bool {
    v.is_multiple_of(STAMP_STEP) && v != 0
}

/// Sets `d`'s version to `stamp`: a multiple of [`STAMP_STEP`] greater
/// than any version `d` had, from a counter shared by all dicts. While the
/// version stays equal, `d` holds the keys it held then: a reader that
/// found a key absent at that stamp knows it still is without a probe, even
/// if another dict has since taken `d`'s address (a fresh dict's versions
/// stay below `STAMP_STEP`). Caller holds the lock if shared, and made its
/// check under it.
pub fn stamp(d: Obj, stamp: u64) {
    debug_assert!(is_stamp(stamp) && stamp > version(d));
    set_raw(d, 1, stamp);
}

/// Moves a stamped version on before a key is published: once a reader
/// can find the key, no reader may take the stamp as proof that it is
/// absent. (The bump after the publication stays: an unlocked probe that
/// read the version before it re-validates against it.)
#[inline(always)]
fn unstamp(d: Obj) {
    let v = get_raw(d, 1);
    if is_stamp(v) {
        set_raw(d, 1, v + 1);
    }
}

#[inline(always)]
fn bump(d: Obj) {
    set_raw(d, 1, get_raw(d, 1).wrapping_add(1));
}

/// Entries written in `t` (live or deleted).
#[inline(always)]
pub fn used(t: Obj) -> usize {
    get_raw(t, T_USED) as usize
}

/// Capacity of `t`.
#[inline(always)]
pub fn cap(t: Obj) -> usize {
    get_raw(t, T_CAP) as usize
}

/// Entry `e` of table `t`: `(key, value, hash)`; key `EMPTY` if deleted.
/// Without the lock, a deletion racing with this read may have cleared the
/// value but not yet the key (or the reverse): readers that want a whole
/// entry use [`live_entry`].
#[inline(always)]
pub fn entry(t: Obj, e: usize) -> (Value, Value, u64) {
    let v = t.view();
    (v.get(2 * e), v.get(2 * e + 1), v.raw(T_HASHES + e))
}

/// Entry `e` of table `t` if it is live: `None` when its key or its value
/// is `EMPTY`. [`delete`] clears the key and then the value, and neither
/// is ever written again in this table, so an unlocked reader that sees
/// both non-`EMPTY` holds the key with a value it had (a value replaced
/// meanwhile by `d[k] = v` is as good as the newer one), never a key with
/// an `EMPTY` value (which reached Python code as an unbound variable).
#[inline(always)]
pub fn live_entry(t: Obj, e: usize) -> Option<(Value, Value, u64)> {
    let (k, v, h) = entry(t, e);
    (!k.is_empty() && !v.is_empty()).then_some((k, v, h))
}

/// Key and value of entry slot `e` of `t`, if the table has that slot
/// (inline-cache hint checks). No fill-mark read: an entry past `used` was
/// never written (both words EMPTY), and a writer stores the key and value
/// before it publishes `used`, so a matching key found here is a complete
/// entry (its value may be EMPTY after a racing deletion).
#[inline(always)]
pub fn entry_kv(t: Obj, e: usize) -> Option<(Value, Value)> {
    let v = t.view();
    if 2 * e + 1 >= v.n_values() {
        return None;
    }
    Some((v.get(2 * e), v.get(2 * e + 1)))
}

/// Is no key with hash `hash` in table `t`, as far as two loads tell? True
/// when the key filter lacks the hash's bit, or when the first probe slot is
/// empty (every key sits on its own probe sequence, whose first slot is
/// never cleared: deletion only empties the entry). Then a lookup can stop
/// without calling [`probe`]; `false` says nothing.
#[inline(always)]
pub fn surely_absent(t: Obj, hash: u64) -> bool {
    let v = t.view();
    if v.raw(T_FILTER) & filter_bit(hash) == 0 {
        return true;
    }
    let mask = isize_of(v.raw(T_ISIZE)) - 1;
    v.raw(T_HASHES + v.raw(T_CAP) as usize + ((hash as usize) & mask)) == 0
}

/// Probes `t` for a key with hash `hash`; `eq(k)` decides equality with a
/// stored key `k` of the same hash (identity is checked first, as CPython's
/// dict lookup does).
#[inline]
pub fn probe<E>(
    t: Obj,
    hash: u64,
    key: Value,
    eq: impl FnMut(Value) -> Result<bool, E>,
) -> Result<Probe, E> {
    probe_with::<true, E>(t, hash, key, eq)
}

/// [`probe`] for an `eq` that may be asked about any stored key (its answer
/// true only for a key whose hash equals `hash`, and it runs no Python
/// code): the stored key's hash word is not read, saving a cache line a
/// probe in a table larger than the cache misses. The key types whose
/// equality decides their hash (ints, exact strs, tuples of those, ...).
#[inline]
pub fn probe_pure<E>(
    t: Obj,
    hash: u64,
    key: Value,
    eq: impl FnMut(Value) -> Result<bool, E>,
) -> Result<Probe, E> {
    probe_with::<false, E>(t, hash, key, eq)
}

/// The entry holding a key equal to `key` (hash `hash`) in `t`, for a
/// membership test: [`surely_absent`]'s key filter, then [`probe_pure`]'s
/// walk, from one read of the table's layout (the two read it once each).
/// `eq` as for [`probe_pure`].
#[inline]
pub fn find_pure<E>(
    t: Obj,
    hash: u64,
    key: Value,
    eq: impl FnMut(Value) -> Result<bool, E>,
) -> Result<Option<usize>, E> {
    let v = t.view();
    if v.raw(T_FILTER) & filter_bit(hash) == 0 {
        return Ok(None);
    }
    Ok(match probe_in::<false, E>(v, hash, key, eq)? {
        Probe::Found(e) => Some(e),
        Probe::Vacant(_) => None,
    })
}

#[inline(always)]
fn probe_with<const FULL_HASH: bool, E>(
    t: Obj,
    hash: u64,
    key: Value,
    eq: impl FnMut(Value) -> Result<bool, E>,
) -> Result<Probe, E> {
    probe_in::<FULL_HASH, E>(t.view(), hash, key, eq)
}

/// [`probe_with`] with the table's layout already read.
#[inline(always)]
fn probe_in<const FULL_HASH: bool, E>(
    v: ObjView,
    hash: u64,
    key: Value,
    mut eq: impl FnMut(Value) -> Result<bool, E>,
) -> Result<Probe, E> {
    let iw = v.raw(T_ISIZE);
    if iw & SET_TABLE != 0 {
        return probe_set_in::<FULL_HASH, E>(v, hash, key, eq);
    }
    let isize = isize_of(iw);
    let mask = isize - 1;
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    let cap = v.raw(T_CAP) as usize;
    let index_at = T_HASHES + cap;
    let tag = hash_tag(hash);
    loop {
        let w = v.raw(index_at + i);
        if w == 0 {
            return Ok(Probe::Vacant(i));
        }
        match look_at_slot::<FULL_HASH, E>(v, cap, index_at + i, w, tag, hash, key, &mut eq)? {
            Look::Found(e) => return Ok(Probe::Found(e)),
            Look::Again => continue,
            Look::Next => {}
        }
        perturb >>= 5;
        i = next_slot(i, perturb, mask);
    }
}

/// What an index word says of the key a probe looks for.
enum Look {
    /// The key is at this entry.
    Found(usize),
    /// Not here: the probe goes on.
    Next,
    /// The word changed under the probe: read the slot again.
    Again,
}

/// Looks at index word `w` (read from raw word `at` of the table `v`, of
/// `cap` entries) for `key` of hash `hash` (index tag `tag`), as
/// [`probe_in`] and [`probe_set_in`] walk: an entry whose tag differs is
/// passed over unread.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn look_at_slot<const FULL_HASH: bool, E>(
    v: ObjView,
    cap: usize,
    at: usize,
    w: u64,
    tag: u64,
    hash: u64,
    key: Value,
    eq: &mut impl FnMut(Value) -> Result<bool, E>,
) -> Result<Look, E> {
    // An index slot is written after its entry (release; read here with
    // acquire), so the entry it names is whole: no bound but the table's
    // (`used` read once before the walk went stale when a concurrent
    // `move_to_end` appended the entry's copy).
    let e = (w & IDX_MASK) as usize - 1;
    if w & !IDX_MASK != tag || e >= cap {
        return Ok(Look::Next);
    }
    let k = v.get(2 * e);
    if k == key {
        return Ok(Look::Found(e));
    }
    if !k.is_empty() {
        if (!FULL_HASH || v.raw(T_HASHES + e) == hash) && eq(k)? {
            return Ok(Look::Found(e));
        }
    } else if v.raw(at) != w {
        // A writer cleared the entry after it changed the slot
        // ([`move_to_end`] pointed it at the entry's copy; a set's
        // deletion made it a dummy): look at the slot again.
        return Ok(Look::Again);
    }
    Ok(Look::Next)
}

/// Sets the value of entry `e` (found by [`probe`]). Caller holds the lock if shared.
#[inline]
pub fn set_value(ctx: &mut ProtoContext, t: Obj, e: usize, v: Value) {
    // No version bump: replacing a value leaves every probe result valid
    // (the entry keeps its key and index slot), which is all the version
    // guards.
    ctx.store(t, 2 * e + 1, v);
}

/// The open-addressing step after slot `i` (CPython's recurrence, with
/// `perturb` already shifted for this step).
#[inline(always)]
pub fn next_slot(i: usize, perturb: u64, mask: usize) -> usize {
    (i.wrapping_mul(5)
        .wrapping_add(1)
        .wrapping_add(perturb as usize))
        & mask
}

#[inline]
fn find_vacant(t: Obj, hash: u64) -> usize {
    find_vacant_in(t.view(), hash)
}

/// [`find_vacant`] with the table's layout already read.
#[inline(always)]
fn find_vacant_in(v: ObjView, hash: u64) -> usize {
    let iw = v.raw(T_ISIZE);
    if iw & SET_TABLE != 0 {
        return set_vacant_in(v, hash);
    }
    let mask = isize_of(iw) - 1;
    let index_at = T_HASHES + v.raw(T_CAP) as usize;
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    loop {
        if v.raw(index_at + i) == 0 {
            return i;
        }
        perturb >>= 5;
        i = next_slot(i, perturb, mask);
    }
}

/// Rebuilds the table with room for at least `need` entries.
pub fn resize(ctx: &mut ProtoContext, d: Obj, need: usize) -> Obj {
    match try_resize(ctx, d, need) {
        Some(t) => t,
        None => panic!("dict table of {need} entries is too large"),
    }
}

/// As [`resize`], but `None` (the dict unchanged) when the new table cannot
/// be allocated (MemoryError).
pub fn try_resize(ctx: &mut ProtoContext, d: Obj, need: usize) -> Option<Obj> {
    let old = table(d);
    if is_set_table(old) {
        return set_resize(ctx, d, need);
    }
    let live = len(d);
    let need = need.max(live + 1);
    let ncap = if d.kind() == Kind::DICT {
        // CPython's growth: an index of the power of two that holds three
        // times the live entries, of which two thirds are usable (the
        // capacity that `try_alloc_table` gives that index size). Twice
        // `need` would often pass a power of two by a little and double the
        // index: a dict of 1,000,000 ints took 77.6 MB instead of 50.3.
        let isize = live
            .checked_mul(3)?
            .max(need.checked_mul(3)? / 2 + 1)
            .max(8)
            .checked_next_power_of_two()?;
        (isize << 1) / 3
    } else {
        need.checked_mul(2)?.max(8)
    };
    regrow(ctx, d, old, ncap)
}

/// Makes room for `extra` more entries with at most one rebuild, sized as
/// [`try_resize`] sizes: a set filled from a range of known length grows
/// once instead of doubling its way up. False (the dict unchanged) when the
/// table cannot be allocated. Caller holds the lock if shared.
pub fn reserve(ctx: &mut ProtoContext, d: Obj, extra: usize) -> bool {
    let t = table(d);
    if is_set_table(t) {
        // A set grows key by key as CPython's does (its sizes decide its
        // order); [`set_merge_reserve`] is CPython's one early resize.
        return true;
    }
    if used(t).saturating_add(extra) <= cap(t) {
        return true;
    }
    let Some(need) = len(d).checked_add(extra) else {
        return false;
    };
    // The capacity growth would reach (for a set, room to spare: a full
    // table is rebuilt at its next insertion, which would drop a deleted
    // entry that CPython's set keeps as a dummy until its own resize).
    try_resize(ctx, d, need).is_some()
}

/// Replaces `d`'s table `old` with a new one of capacity `ncap` holding its
/// live entries, published with one store.
fn regrow(ctx: &mut ProtoContext, d: Obj, old: Obj, ncap: usize) -> Option<Obj> {
    let nt = try_alloc_table(ctx, ncap)?;
    fill_table(nt, live_entries(old));
    ctx.store(d, 0, nt.value());
    Some(nt)
}

/// Writes `entries` (distinct keys, in order) into the fresh table `nt`:
/// the entries, their hashes, the index and the filter.
fn fill_table(nt: Obj, entries: impl Iterator<Item = (Value, Value, u64)>) {
    fill_table_from(nt, 0, entries);
}

/// [`fill_table`] from entry `start` on: the entries before it stay
/// reserved (never written, key EMPTY), and count as used.
fn fill_table_from(nt: Obj, start: usize, entries: impl Iterator<Item = (Value, Value, u64)>) {
    // The layout is read once: every resize of every dict comes here.
    let nv = nt.view();
    let index_at = T_HASHES + nv.raw(T_CAP) as usize;
    let mut j = start;
    let mut filter = 0;
    for (k, v, h) in entries {
        nv.init(2 * j, k);
        nv.init(2 * j + 1, v);
        nv.set_raw(T_HASHES + j, h);
        filter |= filter_bit(h);
        let slot = find_vacant_in(nv, h);
        nv.set_raw(index_at + slot, index_word(j, h));
        j += 1;
    }
    nv.set_raw(T_USED, j as u64);
    nv.set_raw(T_FILTER, filter);
    if nv.raw(T_ISIZE) & SET_TABLE != 0 {
        set_fill_to(nv, j - start);
    }
}

/// Inserts a key known to differ from every key of `d` (copied from
/// another set or dict, whose keys are distinct): its slot is the first
/// vacant one of its probe sequence, found without comparing keys. Caller
/// holds the lock if shared.
pub fn insert_absent(ctx: &mut ProtoContext, d: Obj, key: Value, v: Value, hash: u64) {
    let slot = find_vacant(table(d), hash);
    insert_new(ctx, d, slot, key, v, hash);
}

/// As [`insert_absent`], but false when the table must grow and the new
/// one cannot be allocated (MemoryError; a set keeps a key written before
/// its failed resize, as CPython's does).
pub fn try_insert_absent(ctx: &mut ProtoContext, d: Obj, key: Value, v: Value, hash: u64) -> bool {
    let slot = find_vacant(table(d), hash);
    try_insert_new(ctx, d, slot, key, v, hash)
}

/// Inserts a new key (known absent: `slot` from a `Vacant` probe of the
/// current table). Caller holds the lock if shared.
pub fn insert_new(ctx: &mut ProtoContext, d: Obj, slot: usize, key: Value, v: Value, hash: u64) {
    if !try_insert_new(ctx, d, slot, key, v, hash) {
        panic!("dict table of {} entries is too large", len(d) + 1);
    }
}

/// As [`insert_new`], but false (nothing written) when the table must grow
/// and the new one cannot be allocated (MemoryError).
pub fn try_insert_new(
    ctx: &mut ProtoContext,
    d: Obj,
    slot: usize,
    key: Value,
    v: Value,
    hash: u64,
) -> bool {
    let mut t = table(d);
    if is_set_table(t) {
        return set_insert_at(ctx, d, t, slot, key, v, hash);
    }
    let mut tv = t.view();
    let mut slot = slot;
    if tv.raw(T_USED) >= tv.raw(T_CAP) {
        match try_resize(ctx, d, len(d) + 1) {
            Some(nt) => t = nt,
            None => return false,
        }
        tv = t.view();
        slot = find_vacant(t, hash);
    }
    append_entry(ctx, d, t, tv, slot, key, v, hash);
    true
}

/// [`write_entry`] of a new key at the next entry of `d`'s table `t`
/// (room checked by the caller), published at index `slot`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn append_entry(
    ctx: &mut ProtoContext,
    d: Obj,
    t: Obj,
    tv: ObjView,
    slot: usize,
    key: Value,
    v: Value,
    hash: u64,
) {
    write_entry(
        ctx,
        d,
        t,
        tv,
        tv.raw(T_USED) as usize,
        slot,
        key,
        v,
        hash,
        1,
    );
}

/// Writes the new entry `e` (= `used`, below `cap`) of `t`, the table of
/// `d`, publishes it at index `slot`, and adds `added` (1 for a new key, 0
/// for a key moved within the dict) to the dict's length.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn write_entry(
    ctx: &mut ProtoContext,
    d: Obj,
    t: Obj,
    tv: ObjView,
    e: usize,
    slot: usize,
    key: Value,
    v: Value,
    hash: u64,
    added: u64,
) {
    // The table is shared exactly when the dict is (it is reachable only
    // through it): promote what a shared table will point to, then write
    // through the view (the layout read once).
    if t.is_shared() {
        ctx.promote(key);
        ctx.promote(v);
    }
    unstamp(d);
    let cap = tv.raw(T_CAP) as usize;
    tv.init(2 * e, key);
    tv.init(2 * e + 1, v);
    tv.set_raw(T_HASHES + e, hash);
    // Before the index slot: a reader that can find the key sees its bit.
    tv.set_raw(T_FILTER, tv.raw(T_FILTER) | filter_bit(hash));
    tv.set_raw(T_HASHES + cap + slot, index_word(e, hash));
    tv.set_raw(T_USED, (e + 1) as u64);
    let dv = d.view();
    dv.set_raw(0, dv.raw(0) + added);
    dv.set_raw(1, dv.raw(1).wrapping_add(1));
}

/// A store of `key` at entry `e` of the LOCAL dict `d` (an attribute store
/// whose inline cache remembers the entry): replaces the value when entry
/// `e` holds `key` (the same object), or appends `key` there when `e` is
/// the table's next entry and two loads prove it absent (`__init__`
/// filling a fresh instance dict), with `hash()` its hash. The table's
/// layout is read once for both. `false` (nothing written) otherwise.
#[inline(always)]
pub fn store_local_at(
    ctx: &mut ProtoContext,
    d: Obj,
    e: usize,
    key: Value,
    v: Value,
    hash: impl FnOnce() -> u64,
) -> bool {
    debug_assert!(!d.is_shared());
    let t = table(d);
    let tv = t.view();
    // 2e + 1 below the 2 * cap values: e is below cap.
    if 2 * e + 1 >= tv.n_values() {
        return false;
    }
    if tv.get(2 * e) == key {
        // A local dict's table is local (only the dict reaches it, and
        // promotion takes both): no write barrier.
        tv.init(2 * e + 1, v);
        return true;
    }
    if tv.raw(T_USED) as usize != e {
        return false;
    }
    let hash = hash();
    match slot_if_surely_absent(t, tv, hash) {
        Some(slot) => {
            write_entry(ctx, d, t, tv, e, slot, key, v, hash, 1);
            true
        }
        None => false,
    }
}

/// The index slot a key with `hash` would take in `t`, when two loads prove
/// the key absent (as [`surely_absent`]: its first probe slot is empty,
/// which is then the slot, or its filter bit is clear); `None` says nothing.
#[inline(always)]
fn slot_if_surely_absent(t: Obj, tv: ObjView, hash: u64) -> Option<usize> {
    let first = (hash as usize) & (isize_of(tv.raw(T_ISIZE)) - 1);
    if tv.raw(T_HASHES + tv.raw(T_CAP) as usize + first) == 0 {
        Some(first)
    } else if tv.raw(T_FILTER) & filter_bit(hash) == 0 {
        Some(find_vacant(t, hash))
    } else {
        None
    }
}

/// Inserts `key` when two loads prove it absent ([`surely_absent`]: the
/// usual case when a fresh dict is filled) and the table has room; `false`
/// (nothing written) otherwise, and the caller probes (and grows the table
/// fallibly). Caller holds the lock if shared.
#[inline]
pub fn insert_if_surely_absent(
    ctx: &mut ProtoContext,
    d: Obj,
    key: Value,
    v: Value,
    hash: u64,
) -> bool {
    let t = table(d);
    let tv = t.view();
    if tv.raw(T_CAP) == 0 {
        // The shared empty table ([`alloc_empty`]): the first key goes into
        // a table of the dict's own, of the capacity `try_resize` gives one
        // entry, at its first probe slot (the table is empty). A shared
        // dict's store promotes the table, and `write_entry` the entry.
        // (Not `try_resize` itself: its rebuild from the old table made a
        // `{}` plus one key 929 -> 1,098 instructions.)
        let Some(nt) = try_alloc_table(ctx, 5) else {
            return false;
        };
        ctx.store(d, 0, nt.value());
        let nv = nt.view();
        let slot = (hash as usize) & (isize_of(nv.raw(T_ISIZE)) - 1);
        write_entry(ctx, d, nt, nv, 0, slot, key, v, hash, 1);
        return true;
    }
    match slot_if_surely_absent(t, tv, hash) {
        Some(slot) => {
            let used = tv.raw(T_USED);
            if used >= tv.raw(T_CAP) {
                return false;
            }
            if tv.raw(T_ISIZE) & SET_TABLE != 0 {
                return set_insert_at(ctx, d, t, slot, key, v, hash);
            }
            // Room in this table: write with the layout already read.
            write_entry(ctx, d, t, tv, used as usize, slot, key, v, hash, 1);
            true
        }
        None => false,
    }
}

/// Deletes entry `e`. Caller holds the lock if shared. In a set's table
/// the key's index slot becomes a dummy, as in CPython's.
pub fn delete(ctx: &mut ProtoContext, d: Obj, t: Obj, e: usize) {
    let slot = is_set_table(t).then(|| index_slot_of(t, entry(t, e).2, e));
    clear_entry(ctx, t, e);
    if let Some(slot) = slot {
        set_raw(t, T_HASHES + cap(t) + slot, DUMMY);
    }
    set_raw(d, 0, (len(d) - 1) as u64);
    bump(d);
}

/// Clears entry `e`'s key, then its value: key first, the order
/// [`live_entry`] relies on; the dict's length and version are the
/// caller's.
fn clear_entry(ctx: &mut ProtoContext, t: Obj, e: usize) {
    ctx.store(t, 2 * e, Value::EMPTY);
    ctx.store(t, 2 * e + 1, Value::EMPTY);
}

/// Moves live entry `e` of `d`'s table `t` to the end of the order (what
/// `OrderedDict.move_to_end` and an LRU hit do), without comparing keys:
/// the key is known present, at `e`. Caller holds the lock if shared.
///
/// The copy at the end takes over the entry's index slot, so a key moved
/// again and again (an LRU cache's hot entry) keeps its probe sequence
/// (a fresh slot per move lengthened it by one each time until the next
/// rebuild). Readers take no lock, so every state they can see between two
/// stores is a whole dict: the copy is written, then the slot pointed at
/// it, then entry `e` cleared, key first; a reader that finds `e`'s key
/// gone reads the slot again and follows it to the copy ([`probe`]), and
/// one that found the key before its value was cleared looks again
/// (`Vm::dict_get`). The length never changes (a deletion then an
/// insertion showed `len - 1` in between, and an LRU cache's unlocked
/// bound check read it and skipped an eviction).
pub fn move_to_end(ctx: &mut ProtoContext, d: Obj, t: Obj, e: usize) {
    let (k, v, h) = entry(t, e);
    let (mut t, mut e) = (t, e);
    if used(t) >= cap(t) {
        // The new table holds the live entries packed in their order, so
        // entry `e` lands after the live ones before it.
        let rank = (0..e).filter(|&i| !entry(t, i).0.is_empty()).count();
        t = resize(ctx, d, len(d) + 1);
        e = rank;
    }
    let tv = t.view();
    let slot = index_slot_of(t, h, e);
    write_entry(ctx, d, t, tv, tv.raw(T_USED) as usize, slot, k, v, h, 0);
    clear_entry(ctx, t, e);
    bump(d);
}

/// The first live entry of `t` at or after entry `from` (the caller knows
/// the entries before it dead or reserved), if any. Caller holds the lock
/// if shared.
pub fn first_live(t: Obj, from: usize) -> Option<usize> {
    (from..used(t).min(cap(t))).find(|&e| !entry(t, e).0.is_empty())
}

/// The first entry of `t` at or after entry `from` whose key and value are
/// both set, with its key and value, for an iterator: `Err(end)` when there
/// is none below `end`, the used entries that existed at the call. Needs no
/// lock: a racing deletion may have cleared an entry's value only, and such
/// an entry is passed over as a dead one.
#[inline(always)]
pub fn next_live(t: Obj, from: usize) -> Result<(usize, Value, Value), usize> {
    // The layout read once, the entries walked as pairs of a slice of the
    // table's values (`2 * cap` of them): no bound checked per entry.
    use crate::sync::heap_atomic::Ordering::Acquire;
    let v = t.view();
    let end = (v.raw(T_USED) as usize).min(v.raw(T_CAP) as usize);
    let entries = v.values();
    let lim = end.min(entries.len() / 2);
    let from = from.min(lim);
    for (i, kv) in entries[2 * from..2 * lim].chunks_exact(2).enumerate() {
        let k = Value::from_bits(kv[0].load(Acquire));
        let val = Value::from_bits(kv[1].load(Acquire));
        if !k.is_empty() && !val.is_empty() {
            return Ok((from + i, k, val));
        }
    }
    Err(end)
}

/// Moves live entry `e` of `d`'s table `t` before every other entry (what
/// `OrderedDict.move_to_end(key, last=False)` does), without comparing
/// keys. `reserved` is the number of entries at the front of `t` that were
/// never written, which only a table made by this function has (its
/// caller remembers the count with the table; any other table has none).
///
/// With a reserved entry left, the key is written into the last one and
/// its index slot pointed at it, as [`move_to_end`] does at the other end
/// (entry, then slot, then the old entry cleared, so a lock-free reader
/// sees the key at all times): O(1). Without one, a new table holds the
/// live entries with `max(4, len / 2)` reserved entries before them, the
/// key first, published with one store as [`resize`] does: O(len) once
/// per `len / 2` moves. Returns the table and its reserved count. Caller
/// holds the lock if shared.
pub fn move_to_front(
    ctx: &mut ProtoContext,
    d: Obj,
    t: Obj,
    e: usize,
    reserved: usize,
) -> (Obj, usize) {
    let (k, v, h) = entry(t, e);
    if reserved > 0 {
        let f = reserved - 1;
        debug_assert!(f < e && entry(t, f).0.is_empty());
        let slot = index_slot_of(t, h, e);
        let tv = t.view();
        // Key and value come from this table: already shared if it is.
        tv.init(2 * f, k);
        tv.init(2 * f + 1, v);
        tv.set_raw(T_HASHES + f, h);
        tv.set_raw(T_HASHES + tv.raw(T_CAP) as usize + slot, index_word(f, h));
        clear_entry(ctx, t, e);
        bump(d);
        return (t, f);
    }
    let n = len(d);
    let gap = (n / 2).max(4);
    let nt = alloc_table(ctx, gap + (2 * n).max(8));
    let rest = live_entries(t).filter(|&(key, _, _)| key != k);
    fill_table_from(nt, gap, std::iter::once((k, v, h)).chain(rest));
    debug_assert_eq!(used(nt), gap + n);
    // The barrier promotes the new table when `d` is shared.
    ctx.store(d, 0, nt.value());
    bump(d);
    (nt, gap)
}

/// The index slot of table `t` that holds live entry `e` (of hash `h`).
fn index_slot_of(t: Obj, h: u64, e: usize) -> usize {
    let v = t.view();
    if v.raw(T_ISIZE) & SET_TABLE != 0 {
        return set_slot_of(v, h, e);
    }
    let mask = isize_of(v.raw(T_ISIZE)) - 1;
    let index_at = T_HASHES + v.raw(T_CAP) as usize;
    let mut perturb = h;
    let mut i = (h as usize) & mask;
    while v.raw(index_at + i) & IDX_MASK != e as u64 + 1 {
        debug_assert!(v.raw(index_at + i) != 0, "live entry not indexed");
        perturb >>= 5;
        i = next_slot(i, perturb, mask);
    }
    i
}

/// Replaces every entry with `items` (`(key, value, hash)`, distinct keys),
/// in that order, in a new table published with one store, as [`resize`]
/// does: a reader sees the old entries or the new ones, never an empty
/// dict or set in between (what `clear` then re-inserting showed other
/// threads). Caller holds the lock if shared.
pub fn rebuild(ctx: &mut ProtoContext, d: Obj, items: &[(Value, Value, u64)]) {
    install(ctx, d, items.len(), items.iter().copied());
}

/// Makes the empty dict or set `d`, which only this thread can reach, hold
/// the `n` distinct `entries` in order: written into its table when they
/// fit (no key is compared and no table is made), else into a fresh one.
pub fn fill_empty(
    ctx: &mut ProtoContext,
    d: Obj,
    n: usize,
    entries: impl Iterator<Item = (Value, Value, u64)>,
) {
    debug_assert!(len(d) == 0 && !d.is_shared());
    if n == 0 {
        return;
    }
    let t = table(d);
    if is_set_table(t) {
        // Added one by one, as CPython's `set_add_entry` would.
        for (k, v, h) in entries {
            insert_absent(ctx, d, k, v, h);
        }
        return;
    }
    if used(t) != 0 || cap(t) < n {
        install(ctx, d, n, entries);
        return;
    }
    fill_table(t, entries);
    debug_assert_eq!(used(t), n);
    unstamp(d);
    set_raw(d, 0, n as u64);
    bump(d);
}

/// Gives `d` a fresh table holding the `n` distinct `entries` in order.
fn install(
    ctx: &mut ProtoContext,
    d: Obj,
    n: usize,
    entries: impl Iterator<Item = (Value, Value, u64)>,
) {
    let nt = if is_set_table(table(d)) {
        // Sized as CPython's merge into an empty set sizes it.
        let slots = if n * 5 >= (SET_MIN_SLOTS - 1) * 3 {
            set_slots_for(2 * n).expect("set table size")
        } else {
            SET_MIN_SLOTS
        };
        alloc_set_table(ctx, slots, n)
    } else {
        alloc_table(ctx, n.max(5))
    };
    fill_table(nt, entries);
    unstamp(d);
    debug_assert_eq!(used(nt), n);
    // The barrier promotes the new table and its entries when `d` is shared.
    ctx.store(d, 0, nt.value());
    set_raw(d, 0, n as u64);
    bump(d);
}

/// The live entries of table `t` in order, as `(key, value, hash)`.
fn live_entries(t: Obj) -> impl Iterator<Item = (Value, Value, u64)> {
    let tv = t.view();
    (0..(tv.raw(T_USED) as usize).min(tv.raw(T_CAP) as usize))
        .map(move |e| (tv.get(2 * e), tv.get(2 * e + 1), tv.raw(T_HASHES + e)))
        .filter(|(k, _, _)| !k.is_empty())
}

/// Makes the empty dict or set `d`, which only this thread can reach, hold
/// the live entries of `src` in their order, with their hashes, in one table
/// sized for them (CPython's merge into an empty set copies the table): no
/// key is compared and no intermediate list is made. `src` must not change
/// meanwhile: local to this thread, or never written (a frozenset).
pub fn copy_entries(ctx: &mut ProtoContext, d: Obj, src: Obj) {
    debug_assert!(len(d) == 0 && !d.is_shared());
    let st = table(src);
    if is_set_table(st) {
        let snap = set_snapshot(src);
        if !set_merge_snapshot(ctx, d, &snap) {
            panic!("set table of {} keys is too large", snap.items.len());
        }
        return;
    }
    let n = len(src);
    // A table without deleted entries and not much larger than its entries
    // need is copied word for word: entries, hashes, index and filter
    // (a table's index size follows from its capacity, so every index slot
    // keeps its place), instead of an insertion per entry.
    if n > 0 && used(st) == n && cap(st) <= 2 * n.max(5) {
        let c = cap(st);
        let nt = alloc_table(ctx, c);
        let (sv, nv) = (st.view(), nt.view());
        let ord = crate::sync::heap_atomic::Ordering::Relaxed;
        type Word = crate::sync::heap_atomic::AtomicU64;
        let copy = |to: &[Word], from: &[Word]| {
            for (a, b) in to.iter().zip(from) {
                a.store(b.load(ord), ord);
            }
        };
        copy(&nv.values()[..2 * n], &sv.values()[..2 * n]);
        let isize = isize_of(sv.raw(T_ISIZE));
        debug_assert_eq!(isize_of(nv.raw(T_ISIZE)), isize);
        let (sr, nr) = (sv.raws(), nv.raws());
        copy(&nr[T_HASHES..T_HASHES + n], &sr[T_HASHES..T_HASHES + n]);
        let index = T_HASHES + c..T_HASHES + c + isize;
        copy(&nr[index.clone()], &sr[index]);
        nv.set_raw(T_FILTER, sv.raw(T_FILTER));
        nv.set_raw(T_USED, n as u64);
        unstamp(d);
        // The barrier promotes the new table and its entries when `d` is shared.
        ctx.store(d, 0, nt.value());
        set_raw(d, 0, n as u64);
        bump(d);
        return;
    }
    install(ctx, d, n, live_entries(st));
}

/// Removes every entry. Caller holds the lock if shared.
pub fn clear(ctx: &mut ProtoContext, d: Obj) {
    let nt = if d.kind() == Kind::DICT {
        empty_table(ctx)
    } else {
        alloc_set_table(ctx, SET_MIN_SLOTS, 0).value()
    };
    ctx.store(d, 0, nt);
    set_raw(d, 0, 0);
    bump(d);
}

/// Live entries in order (a snapshot of `(key, value, hash)`).
pub fn items(d: Obj, out: &mut Vec<(Value, Value, u64)>) {
    let t = table(d);
    for e in 0..used(t).min(cap(t)) {
        if let Some(kvh) = live_entry(t, e) {
            out.push(kvh);
        }
    }
}

// ------------------------------------------------------------------ set tables
//
// A set's table keeps the dict's entries (each key with its hash, in the
// order they were written) but its index is CPython's set table, slot for
// slot: 8 slots to start, a resize when the fill (live keys and dummies)
// reaches 3/5 of the mask to the power of two above four times the live
// keys (twice past 50,000), CPython's probe sequence (a run of ten slots
// where it fits before the table's end, then its perturbation), a deleted
// key's slot left as a dummy that a later insertion takes (the last one its
// probe passed before an empty slot), a resize reinserting the live keys in
// slot order. Walking the index in slot order is then CPython's iteration
// order, and `pop` CPython's finger walk. Each key that takes a dummy's
// slot is a new entry, so the entries may fill before the index does: the
// table is then repacked with its index kept slot for slot.

/// The slots of an empty set's table (`PySet_MINSIZE`).
const SET_MIN_SLOTS: usize = 8;

/// The set header's raw word holding `pop`'s finger (the slot after the
/// one it last emptied).
const H_FINGER: usize = 2;

/// Is `t` a set's table?
#[inline(always)]
pub fn is_set_table(t: Obj) -> bool {
    get_raw(t, T_ISIZE) & SET_TABLE != 0
}

/// The slots of set table `t`'s index (its mask plus one).
#[inline]
pub fn set_slots(t: Obj) -> usize {
    isize_of(get_raw(t, T_ISIZE))
}

/// A set table's fill: its live keys and its dummies.
#[inline(always)]
fn set_fill(v: ObjView) -> usize {
    ((v.raw(T_ISIZE) >> FILL_SHIFT) & FILL_MASK) as usize
}

#[inline(always)]
fn set_fill_to(v: ObjView, fill: usize) {
    let w = v.raw(T_ISIZE) & (SET_TABLE | IDX_MASK);
    v.set_raw(T_ISIZE, w | ((fill as u64 & FILL_MASK) << FILL_SHIFT));
}

/// Entries a set table of `slots` index slots is given for `live` keys:
/// twice them (a repack doubles the room as the set grows), at least an
/// eighth of the slots (a repack, which copies the index, comes at most
/// once per that many insertions), at most the fill that makes CPython
/// resize it (3/5 of the mask, rounded up) and that eighth again for keys
/// that take dummies' slots. (Entries for the whole fill at once made a
/// growing set's tables a third larger, and a loop building 60,000-key sets
/// took 7.7 times the page faults: glibc returned the freed tables to the
/// system and zeroed fresh pages for the next.)
fn set_entry_cap(slots: usize, live: usize) -> usize {
    let most = (3 * (slots - 1)).div_ceil(5) + slots / 8;
    (2 * live + 8).max(slots / 8).min(most)
}

/// CPython's `set_table_resize` size for `minused`: the power of two above
/// it, at least 8.
fn set_slots_for(minused: usize) -> Option<usize> {
    let mut n = SET_MIN_SLOTS;
    while n <= minused {
        n = n.checked_mul(2)?;
    }
    Some(n)
}

fn try_alloc_set_table(ctx: &mut ProtoContext, slots: usize, live: usize) -> Option<Obj> {
    let t = try_alloc_table_sized(ctx, set_entry_cap(slots, live), slots)?;
    set_raw(t, T_ISIZE, slots as u64 | SET_TABLE);
    Some(t)
}

fn alloc_set_table(ctx: &mut ProtoContext, slots: usize, live: usize) -> Obj {
    match try_alloc_set_table(ctx, slots, live) {
        Some(t) => t,
        None => panic!("set table of {slots} slots is too large"),
    }
}

/// [`probe_in`] in a set's table: CPython's `set_lookkey` sequence, and on a
/// miss the slot its `set_add_entry` would fill (the last dummy passed,
/// else the empty slot that ended the walk).
#[inline(always)]
fn probe_set_in<const FULL_HASH: bool, E>(
    v: ObjView,
    hash: u64,
    key: Value,
    mut eq: impl FnMut(Value) -> Result<bool, E>,
) -> Result<Probe, E> {
    let mask = isize_of(v.raw(T_ISIZE)) - 1;
    let cap = v.raw(T_CAP) as usize;
    let index_at = T_HASHES + cap;
    let tag = hash_tag(hash);
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    let mut dummy = None;
    loop {
        let end = if i + 9 <= mask { i + 10 } else { i + 1 };
        let mut j = i;
        while j < end {
            let w = v.raw(index_at + j);
            if w == 0 {
                return Ok(Probe::Vacant(dummy.unwrap_or(j)));
            }
            if w == DUMMY {
                dummy = Some(j);
            } else {
                match look_at_slot::<FULL_HASH, E>(
                    v,
                    cap,
                    index_at + j,
                    w,
                    tag,
                    hash,
                    key,
                    &mut eq,
                )? {
                    Look::Found(e) => return Ok(Probe::Found(e)),
                    Look::Again => continue,
                    Look::Next => {}
                }
            }
            j += 1;
        }
        perturb >>= 5;
        i = next_slot(i, perturb, mask);
    }
}

/// [`find_vacant_in`] for a set's table: where `set_add_entry` puts a key
/// known absent (no key compared).
#[inline(always)]
fn set_vacant_in(v: ObjView, hash: u64) -> usize {
    let mask = isize_of(v.raw(T_ISIZE)) - 1;
    let index_at = T_HASHES + v.raw(T_CAP) as usize;
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    let mut dummy = None;
    loop {
        let end = if i + 9 <= mask { i + 10 } else { i + 1 };
        for j in i..end {
            match v.raw(index_at + j) {
                0 => return dummy.unwrap_or(j),
                DUMMY => dummy = Some(j),
                _ => {}
            }
        }
        perturb >>= 5;
        i = next_slot(i, perturb, mask);
    }
}

/// [`index_slot_of`] for a set's table.
fn set_slot_of(v: ObjView, hash: u64, e: usize) -> usize {
    let mask = isize_of(v.raw(T_ISIZE)) - 1;
    let index_at = T_HASHES + v.raw(T_CAP) as usize;
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    loop {
        let end = if i + 9 <= mask { i + 10 } else { i + 1 };
        for j in i..end {
            let w = v.raw(index_at + j);
            debug_assert!(w != 0, "live entry not indexed");
            if w != DUMMY && w & IDX_MASK == e as u64 + 1 {
                return j;
            }
        }
        perturb >>= 5;
        i = next_slot(i, perturb, mask);
    }
}

/// Calls `f(slot, entry)` for the live keys of set table `t` in slot
/// order: CPython's iteration order. Without the lock, a key deleted
/// meanwhile may be passed over or not.
#[inline]
pub fn for_each_slot(t: Obj, mut f: impl FnMut(usize, usize)) {
    for (slot, e) in live_slots(t) {
        f(slot, e);
    }
}

/// The (index slot, entry) pairs of set table `t`'s live entries, in slot
/// order, read as the caller's walk asks for them.
fn live_slots(t: Obj) -> impl Iterator<Item = (usize, usize)> {
    let v = t.view();
    let slots = isize_of(v.raw(T_ISIZE));
    let cap = v.raw(T_CAP) as usize;
    let index = &v.raws()[T_HASHES + cap..T_HASHES + cap + slots];
    let ord = crate::sync::heap_atomic::Ordering::Acquire;
    index.iter().enumerate().filter_map(move |(slot, w)| {
        let w = w.load(ord);
        if w == 0 || w == DUMMY {
            return None;
        }
        let e = (w & IDX_MASK) as usize - 1;
        (e < cap && !v.get(2 * e).is_empty()).then_some((slot, e))
    })
}

/// Writes a new key of set `d` at index `slot` of its table `t` (from a
/// `Vacant` probe: an empty slot or a dummy), then resizes as CPython's
/// `set_add_entry` does when the fill reaches 3/5 of the mask. False when a
/// new table cannot be allocated: before the write when room for the entry
/// was missing (nothing written), or for the resize after it (the key
/// stays in, as in CPython, whose next insertion tries the resize again).
/// Caller holds the lock if shared.
fn set_insert_at(
    ctx: &mut ProtoContext,
    d: Obj,
    t: Obj,
    slot: usize,
    key: Value,
    v: Value,
    hash: u64,
) -> bool {
    let (mut t, mut slot) = (t, slot);
    if used(t) >= cap(t) {
        let Some(nt) = set_repack(ctx, d, t) else {
            return false;
        };
        t = nt;
        slot = find_vacant(t, hash);
    }
    let tv = t.view();
    let mask = isize_of(tv.raw(T_ISIZE)) - 1;
    let took_dummy = tv.raw(T_HASHES + tv.raw(T_CAP) as usize + slot) == DUMMY;
    let fill = set_fill(tv) + usize::from(!took_dummy);
    if fill * 5 >= mask * 4 {
        // Only when an earlier resize failed: the index must keep empty
        // slots, or a probe would never end.
        if set_resize(ctx, d, 4 * len(d) + 4).is_none() {
            return false;
        }
        let nt = table(d);
        let slot = find_vacant(nt, hash);
        return set_insert_at(ctx, d, nt, slot, key, v, hash);
    }
    append_entry(ctx, d, t, tv, slot, key, v, hash);
    set_fill_to(tv, fill);
    if !took_dummy && fill * 5 >= mask * 3 {
        let live = len(d);
        return set_resize(ctx, d, if live > 50000 { live * 2 } else { live * 4 }).is_some();
    }
    true
}

/// The live entries of set table `t` in index-slot order ([`live_slots`]):
/// no list of them is gathered first (a malloc per resize of a small set).
fn set_live_in_slot_order(t: Obj) -> impl Iterator<Item = (Value, Value, u64)> {
    live_slots(t).map(move |(_, e)| entry(t, e))
}

/// CPython's `set_table_resize(so, minused)`: a new index of the power of
/// two above `minused` (at least 8) holding the live keys, reinserted in
/// slot order with no dummies, published with one store. Caller holds the
/// lock if shared.
fn set_resize(ctx: &mut ProtoContext, d: Obj, minused: usize) -> Option<Obj> {
    set_resize_for(ctx, d, minused, len(d))
}

/// [`set_resize`] with entries sized for `keys` keys.
fn set_resize_for(ctx: &mut ProtoContext, d: Obj, minused: usize, keys: usize) -> Option<Obj> {
    let old = table(d);
    let slots = set_slots_for(minused.max(len(d)))?;
    let nt = try_alloc_set_table(ctx, slots, keys.max(len(d)))?;
    fill_table(nt, set_live_in_slot_order(old));
    ctx.store(d, 0, nt.value());
    Some(nt)
}

/// A new table for set `d` whose index is its table `t`'s, slot for slot
/// (dummies kept), and whose entries are the live ones packed, with room
/// for more. Caller holds the lock if shared.
fn set_repack(ctx: &mut ProtoContext, d: Obj, t: Obj) -> Option<Obj> {
    let nt = try_alloc_set_table(ctx, set_slots(t), len(d))?;
    copy_set_table(t, nt, len(d));
    ctx.store(d, 0, nt.value());
    Some(nt)
}

/// Copies set table `ot` into the fresh set table `nt` of as many slots:
/// the live entries packed in their order (read in sequence, not in slot
/// order), the index slot for slot (dummies kept) with the entries' new
/// numbers, the fill.
fn copy_set_table(ot: Obj, nt: Obj, live: usize) {
    let (ov, nv) = (ot.view(), nt.view());
    let slots = set_slots(ot);
    debug_assert_eq!(slots, set_slots(nt));
    let (o_at, n_at) = (
        T_HASHES + ov.raw(T_CAP) as usize,
        T_HASHES + nv.raw(T_CAP) as usize,
    );
    let u = used(ot).min(cap(ot));
    if u == live && u <= cap(nt) {
        // No dead entry: entries, hashes and index copied word for word
        // (the entries keep their numbers).
        let ord = crate::sync::heap_atomic::Ordering::Acquire;
        let rel = crate::sync::heap_atomic::Ordering::Release;
        for (d, s) in nv.values()[..2 * u].iter().zip(&ov.values()[..2 * u]) {
            d.store(s.load(ord), rel);
        }
        let (or, nr) = (ov.raws(), nv.raws());
        for (d, s) in nr[T_HASHES..T_HASHES + u]
            .iter()
            .zip(&or[T_HASHES..T_HASHES + u])
        {
            d.store(s.load(ord), rel);
        }
        for (d, s) in nr[n_at..n_at + slots].iter().zip(&or[o_at..o_at + slots]) {
            d.store(s.load(ord), rel);
        }
        nv.set_raw(T_USED, u as u64);
        nv.set_raw(T_FILTER, ov.raw(T_FILTER));
        set_fill_to(nv, set_fill(ov));
        return;
    }
    // Each old entry's new number plus one (0: a dead entry).
    let mut renumber = Vec::with_capacity(used(ot).min(cap(ot)));
    let mut j = 0;
    let mut filter = 0;
    for e in 0..used(ot).min(cap(ot)) {
        let (k, v, h) = entry(ot, e);
        if k.is_empty() {
            renumber.push(0);
            continue;
        }
        nv.init(2 * j, k);
        nv.init(2 * j + 1, v);
        nv.set_raw(T_HASHES + j, h);
        filter |= filter_bit(h);
        j += 1;
        renumber.push(j as u64);
    }
    for slot in 0..slots {
        let w = ov.raw(o_at + slot);
        let nw = if w == 0 || w == DUMMY {
            w
        } else {
            match renumber.get((w & IDX_MASK) as usize - 1) {
                Some(&n) if n != 0 => (w & !IDX_MASK) | n,
                _ => DUMMY,
            }
        };
        nv.set_raw(n_at + slot, nw);
    }
    nv.set_raw(T_USED, j as u64);
    nv.set_raw(T_FILTER, filter);
    set_fill_to(nv, set_fill(ov));
}

/// CPython's resize at the start of `set_merge` and of a set's update from
/// a dict, before `extra` keys are added to set `d`: when the fill and the
/// new keys reach 3/5 of the mask, the table is resized for twice the live
/// and new keys together. False when the table cannot be allocated (the
/// set unchanged). Caller holds the lock if shared.
pub fn set_merge_reserve(ctx: &mut ProtoContext, d: Obj, extra: usize) -> bool {
    let t = table(d);
    let tv = t.view();
    let mask = isize_of(tv.raw(T_ISIZE)) - 1;
    if (set_fill(tv) + extra) * 5 < mask * 3 {
        return true;
    }
    let Some(keys) = len(d).checked_add(extra) else {
        return false;
    };
    let Some(minused) = keys.checked_mul(2) else {
        return false;
    };
    set_resize_for(ctx, d, minused, keys).is_some()
}

/// CPython's resize at the end of `set_difference_update`: when dummies
/// are more than a quarter of the mask, a resize drops them. False when the
/// table cannot be allocated (the set unchanged). Caller holds the lock if
/// shared.
pub fn set_drop_dummies(ctx: &mut ProtoContext, d: Obj) -> bool {
    let tv = table(d).view();
    let live = len(d);
    if set_fill(tv) - live <= (isize_of(tv.raw(T_ISIZE)) - 1) / 4 {
        return true;
    }
    set_resize(ctx, d, if live > 50000 { live * 2 } else { live * 4 }).is_some()
}

/// A set's keys with their index slots, in slot order, and what CPython's
/// merge of it into an empty set needs to know of its table.
pub struct SetSnapshot {
    /// Its index slots.
    pub slots: usize,
    /// It holds no dummy (CPython's `fill == used`).
    pub no_dummies: bool,
    /// `(slot, key, hash)` of each live key, in slot order.
    pub items: Vec<(usize, Value, u64)>,
}

/// Set `s`'s keys in slot order with its table's shape (under the set's
/// lock when other threads may write it).
pub fn set_snapshot(s: Obj) -> SetSnapshot {
    let t = table(s);
    let mut items = Vec::with_capacity(len(s));
    for_each_slot(t, |slot, e| {
        let (k, _, h) = entry(t, e);
        items.push((slot, k, h));
    });
    SetSnapshot {
        slots: set_slots(t),
        no_dummies: set_fill(t.view()) == items.len(),
        items,
    }
}

/// CPython's `set_merge` of a set (`snap`) into the set `d` of no live key,
/// which only this thread reaches: the early resize, then, for a table
/// never filled since its last clear or resize, each key at its slot in the
/// source (same size, no dummies: CPython copies the table) or at the first
/// empty slot of its probe sequence; else (dummies left by deletions) key
/// by key as `set_add_entry` places them. False when a table cannot be
/// allocated (MemoryError; the keys placed before stay, as in CPython).
pub fn set_merge_snapshot(ctx: &mut ProtoContext, d: Obj, snap: &SetSnapshot) -> bool {
    debug_assert!(len(d) == 0 && !d.is_shared());
    let n = snap.items.len();
    if n == 0 {
        return true;
    }
    if !set_merge_reserve(ctx, d, n) {
        return false;
    }
    let t = table(d);
    if set_fill(t.view()) != 0 || cap(t) < n {
        return snap
            .items
            .iter()
            .all(|&(_, k, h)| try_insert_absent(ctx, d, k, Value::TRUE, h));
    }
    // A fill of 0: no entry written since the table was made.
    debug_assert_eq!(used(t), 0);
    let same_slots = snap.no_dummies && set_slots(t) == snap.slots;
    fill_fresh_set(t, n, |put| {
        for &(slot, k, h) in &snap.items {
            put(same_slots.then_some(slot), k, h);
        }
    });
    set_len_now(d, n);
    true
}

/// Writes the `n` keys `walk` gives, `(slot, key, hash)`, as the entries of
/// the set table `t` of fill 0: each at `slot` when given, else at the
/// first empty slot of its probe sequence (CPython's `set_insert_clean`).
fn fill_fresh_set(t: Obj, n: usize, walk: impl FnOnce(&mut dyn FnMut(Option<usize>, Value, u64))) {
    let tv = t.view();
    let index_at = T_HASHES + tv.raw(T_CAP) as usize;
    let (mut j, mut filter) = (0, 0);
    walk(&mut |slot, k, h| {
        tv.init(2 * j, k);
        tv.init(2 * j + 1, Value::TRUE);
        tv.set_raw(T_HASHES + j, h);
        filter |= filter_bit(h);
        let at = slot.unwrap_or_else(|| set_vacant_in(tv, h));
        tv.set_raw(index_at + at, index_word(j, h));
        j += 1;
    });
    tv.set_raw(T_USED, n as u64);
    tv.set_raw(T_FILTER, filter);
    set_fill_to(tv, n);
}

/// Set `d`, whose table was just filled, holds `n` keys.
fn set_len_now(d: Obj, n: usize) {
    unstamp(d);
    set_raw(d, 0, n as u64);
    bump(d);
}

/// Set `d` has its first table untouched (no key was ever written to it):
/// what `set()` makes and CPython's `clear` leaves.
pub fn set_pristine(d: Obj) -> bool {
    let t = table(d);
    used(t) == 0 && set_fill(t.view()) == 0 && set_slots(t) == SET_MIN_SLOTS
}

/// [`set_merge_snapshot`] reading set `src`'s table in place, for a source
/// no other thread writes (local, or a frozenset, immutable once made): no
/// snapshot is taken, and a source of the size the early resize gives `d`
/// with no dummies has its table copied slot for slot (CPython's
/// `set_merge` fast path). False, `d` left without keys, when a table
/// cannot be allocated (MemoryError).
pub fn set_merge_into_empty(ctx: &mut ProtoContext, d: Obj, src: Obj) -> bool {
    debug_assert!(len(d) == 0 && !d.is_shared());
    let n = len(src);
    if n == 0 {
        return true;
    }
    if !set_merge_reserve(ctx, d, n) {
        return false;
    }
    let (st, t) = (table(src), table(d));
    if set_fill(t.view()) != 0 || cap(t) < n {
        let mut ok = true;
        for_each_slot(st, |_, e| {
            let (k, _, h) = entry(st, e);
            ok = ok && try_insert_absent(ctx, d, k, Value::TRUE, h);
        });
        return ok;
    }
    // A fill of 0: no entry written since the table was made.
    debug_assert_eq!(used(t), 0);
    if set_fill(st.view()) == n && set_slots(st) == set_slots(t) {
        copy_set_table(st, t, n);
    } else {
        fill_fresh_set(t, n, |put| {
            for_each_slot(st, |_, e| {
                let (k, _, h) = entry(st, e);
                put(None, k, h);
            })
        });
    }
    set_len_now(d, n);
    true
}

/// Gives the set `d` a copy of set `src`'s table, slot for slot (CPython's
/// `set_swap_bodies`, from a result `src` no one else uses). Caller holds
/// `d`'s lock if shared.
pub fn set_take_table_of(ctx: &mut ProtoContext, d: Obj, src: Obj) {
    let st = table(src);
    let n = len(src);
    let nt = alloc_set_table(ctx, set_slots(st), n);
    copy_set_table(st, nt, n);
    unstamp(d);
    // The barrier promotes the new table and its keys when `d` is shared.
    ctx.store(d, 0, nt.value());
    set_raw(d, 0, n as u64);
    bump(d);
}

/// CPython's `set.pop()`: the first live key at or after the finger's slot
/// (wrapping around), removed, its slot left a dummy and the finger moved
/// past it; None when the set is empty. Caller holds the lock if shared.
pub fn set_pop(ctx: &mut ProtoContext, d: Obj) -> Option<Value> {
    if len(d) == 0 {
        return None;
    }
    let t = table(d);
    let v = t.view();
    let mask = isize_of(v.raw(T_ISIZE)) - 1;
    let index_at = T_HASHES + v.raw(T_CAP) as usize;
    let mut i = get_raw(d, H_FINGER) as usize & mask;
    loop {
        let w = v.raw(index_at + i);
        if w != 0 && w != DUMMY {
            let e = (w & IDX_MASK) as usize - 1;
            let k = v.get(2 * e);
            clear_entry(ctx, t, e);
            v.set_raw(index_at + i, DUMMY);
            set_raw(d, 0, (len(d) - 1) as u64);
            set_raw(d, H_FINGER, (i + 1) as u64);
            bump(d);
            return Some(k);
        }
        i = (i + 1) & mask;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProtoSpace;

    fn find(d: Obj, n: i64) -> Option<usize> {
        find_hashed(d, n, n as u64)
    }

    /// Entry of int key `n` stored with hash `h`.
    fn find_hashed(d: Obj, n: i64, h: u64) -> Option<usize> {
        let r: Result<Probe, ()> = probe(table(d), h, Value::int(n), |k| Ok(k == Value::int(n)));
        match r.unwrap() {
            Probe::Found(e) => Some(e),
            Probe::Vacant(_) => None,
        }
    }

    fn keys(d: Obj) -> Vec<i64> {
        let mut out = Vec::new();
        items(d, &mut out);
        out.iter().map(|(k, _, _)| k.as_int().unwrap()).collect()
    }

    /// Keys on one probe sequence (equal low hash bits) are told apart by
    /// their index words' tags: `eq` runs only for the key whose tag (and,
    /// through `probe`, whose full hash) matches, and `probe_pure` finds
    /// the same entries without reading hash words; two keys of one hash
    /// share a tag and `eq` decides between them.
    #[test]
    fn tags_skip_foreign_entries() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(alloc(&mut ctx, Kind::DICT, Value::NONE, 8)).unwrap();
        let h = |n: i64| ((n as u64) << 40) | 3;
        for n in 0..6 {
            insert_absent(&mut ctx, d, Value::int(n), Value::int(10 * n), h(n));
        }
        // Two keys of the very same hash.
        insert_absent(&mut ctx, d, Value::int(100), Value::int(1000), h(5));
        for n in 0..6 {
            let mut calls = 0;
            let r: Result<Probe, ()> = probe(table(d), h(n), Value::int(-1), |_| {
                calls += 1;
                Ok(false)
            });
            assert_eq!(r, Ok(Probe::Vacant(find_vacant(table(d), h(n)))));
            // Only the keys that share the whole hash were compared.
            assert_eq!(calls, if n == 5 { 2 } else { 1 }, "key {n}");
            let e = find_hashed(d, n, h(n)).unwrap();
            let pure: Result<Probe, ()> =
                probe_pure(table(d), h(n), Value::int(n), |k| Ok(k == Value::int(n)));
            assert_eq!(pure, Ok(Probe::Found(e)));
            assert_eq!(entry(table(d), e).1, Value::int(10 * n));
        }
        let e = find_hashed(d, 100, h(5)).unwrap();
        assert_eq!(entry(table(d), e).1, Value::int(1000));
        assert_eq!(find_hashed(d, 7, h(7)), None);
    }

    /// `find_pure` answers as `probe_pure` does: a key present is found at
    /// its entry whatever the filter says, an absent one is not (through
    /// the key filter, or through a walk when its bit is set by another
    /// key), and a deleted key is no longer found.
    #[test]
    fn find_pure_agrees_with_probe_pure() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(alloc(&mut ctx, Kind::DICT, Value::NONE, 8)).unwrap();
        let h = |n: i64| (n as u64).wrapping_mul(0x9E37_79B9) | 1;
        for n in 0..40 {
            insert_absent(&mut ctx, d, Value::int(n), Value::int(n), h(n));
        }
        let eq = |n: i64| move |k: Value| -> Result<bool, ()> { Ok(k == Value::int(n)) };
        for n in 0..80 {
            let found = find_pure(table(d), h(n), Value::int(n), eq(n)).unwrap();
            let probed = match probe_pure(table(d), h(n), Value::int(n), eq(n)).unwrap() {
                Probe::Found(e) => Some(e),
                Probe::Vacant(_) => None,
            };
            assert_eq!(found, probed, "key {n}");
            assert_eq!(found.is_some(), n < 40, "key {n}");
        }
        // With 40 keys most filter bits are set: absent keys took the walk.
        let e = find_hashed(d, 7, h(7)).unwrap();
        delete(&mut ctx, d, table(d), e);
        assert_eq!(find_pure(table(d), h(7), Value::int(7), eq(7)), Ok(None));
    }

    /// `next_live` steps over deleted entries to the next whole one and
    /// ends at the used entries that existed when it was called.
    #[test]
    fn next_live_skips_dead_entries() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(alloc(&mut ctx, Kind::DICT, Value::NONE, 8)).unwrap();
        for n in 0..5 {
            insert_absent(&mut ctx, d, Value::int(n), Value::int(10 * n), n as u64 + 1);
        }
        for n in [1, 2, 4] {
            let e = find_hashed(d, n, n as u64 + 1).unwrap();
            delete(&mut ctx, d, table(d), e);
        }
        let t = table(d);
        let (e0, k0, v0) = next_live(t, 0).unwrap();
        assert_eq!((k0, v0), (Value::int(0), Value::int(0)));
        let (e3, k3, v3) = next_live(t, e0 + 1).unwrap();
        assert_eq!((k3, v3), (Value::int(3), Value::int(30)));
        assert_eq!(next_live(t, e3 + 1), Err(used(t).min(cap(t))));
        assert_eq!(first_live(t, e0 + 1), Some(e3));
    }

    /// A stamped version stays while keys only get new values, and moves
    /// on with every way a key can appear (an insertion, a rebuild, a copy
    /// into an emptied dict), never back to the stamp.
    #[test]
    fn stamps_move_on_when_keys_appear() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(alloc(&mut ctx, Kind::DICT, Value::NONE, 5)).unwrap();
        insert_absent(&mut ctx, d, Value::int(1), Value::int(10), 1);
        assert!(version(d) < STAMP_STEP);
        let s1 = STAMP_STEP;
        stamp(d, s1);
        set_value(&mut ctx, table(d), find(d, 1).unwrap(), Value::int(11));
        assert_eq!(version(d), s1);
        insert_absent(&mut ctx, d, Value::int(2), Value::int(20), 2);
        assert!(version(d) > s1 && version(d) < 2 * STAMP_STEP);
        let s2 = 2 * STAMP_STEP;
        stamp(d, s2);
        rebuild(&mut ctx, d, &[(Value::int(3), Value::int(30), 3)]);
        assert!(version(d) > s2);
        assert_eq!(keys(d), vec![3]);
        let src = Obj::from_value(alloc(&mut ctx, Kind::DICT, Value::NONE, 5)).unwrap();
        insert_absent(&mut ctx, src, Value::int(4), Value::int(40), 4);
        clear(&mut ctx, d);
        let s3 = 3 * STAMP_STEP;
        stamp(d, s3);
        copy_entries(&mut ctx, d, src);
        assert!(version(d) > s3);
        assert_eq!(keys(d), vec![4]);
    }

    /// Moving entries to the end keeps the length and every key findable,
    /// also when the table is full and must be rebuilt first (the moved
    /// entry's place is then its rank among the live entries).
    #[test]
    fn move_to_end_keeps_length_and_keys() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        // As the interpreter runs: collections only at safepoints, so the
        // unrooted dict lives through the test (the gc-stress build collects
        // at every allocation otherwise).
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(alloc(&mut ctx, Kind::DICT, Value::NONE, 5)).unwrap();
        let mut order: Vec<i64> = (0..5).collect();
        for &n in &order {
            insert_absent(&mut ctx, d, Value::int(n), Value::int(10 * n), n as u64);
        }
        let e = find(d, 1).unwrap();
        delete(&mut ctx, d, table(d), e);
        order.retain(|&n| n != 1);
        for round in 0..40 {
            let n = order[(round * 3) % order.len()];
            let t = table(d);
            if round == 0 {
                // The first move finds the table full: the rebuild branch.
                assert_eq!(used(t), cap(t));
            }
            move_to_end(&mut ctx, d, t, find(d, n).unwrap());
            order.retain(|&m| m != n);
            order.push(n);
            assert_eq!(len(d), order.len());
            assert_eq!(keys(d), order);
            for &m in &order {
                let e = find(d, m).unwrap();
                assert_eq!(entry(table(d), e).1, Value::int(10 * m));
            }
        }
    }

    /// Moves to the front take reserved entries while there are any, then
    /// rebuild with new ones; every key stays findable with its value, the
    /// length never changes, and the order is the expected one throughout.
    #[test]
    fn move_to_front_keeps_order_and_keys() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(alloc(&mut ctx, Kind::DICT, Value::NONE, 5)).unwrap();
        let mut order: Vec<i64> = (0..12).collect();
        for &n in &order {
            insert_absent(&mut ctx, d, Value::int(n), Value::int(10 * n), n as u64);
        }
        let (mut reserved, mut rebuilds) = (0, 0);
        let mut front_table = None;
        for round in 0..200 {
            let n = order[(round * 7 + 3) % order.len()];
            let t = table(d);
            if front_table != Some(t) {
                reserved = 0;
            }
            let before = reserved;
            let (nt, r) = move_to_front(&mut ctx, d, t, find(d, n).unwrap(), reserved);
            if before == 0 {
                rebuilds += 1;
            }
            assert_eq!(first_live(nt, 0), Some(r));
            assert_eq!(entry(nt, r).0, Value::int(n));
            (front_table, reserved) = (Some(nt), r);
            order.retain(|&m| m != n);
            order.insert(0, n);
            if round % 5 == 0 {
                // Moves to the end in between.
                let m = order[order.len() / 2];
                move_to_end(&mut ctx, d, table(d), find(d, m).unwrap());
                order.retain(|&x| x != m);
                order.push(m);
            }
            assert_eq!(len(d), order.len());
            assert_eq!(keys(d), order);
            for &m in &order {
                let e = find(d, m).unwrap();
                assert_eq!(entry(table(d), e).1, Value::int(10 * m));
            }
        }
        // Reserved entries make most moves O(1).
        assert!(rebuilds < 40, "{rebuilds} rebuilds for 200 moves");
    }

    /// A set of small ints (each its own hash) built by `insert_absent`.
    fn int_set(ctx: &mut ProtoContext, keys: &[i64]) -> Obj {
        let d = Obj::from_value(alloc(ctx, Kind::SET, Value::NONE, 5)).unwrap();
        for &n in keys {
            insert_absent(ctx, d, Value::int(n), Value::TRUE, n as u64);
        }
        d
    }

    fn set_order(d: Obj) -> Vec<i64> {
        let t = table(d);
        let mut out = Vec::new();
        for_each_slot(t, |_, e| out.push(entry(t, e).0.as_int().unwrap()));
        out
    }

    fn set_discard(ctx: &mut ProtoContext, d: Obj, n: i64) {
        let e = find(d, n).expect("key present");
        delete(ctx, d, table(d), e);
    }

    /// A set's slot order is CPython's (the lists are `/usr/bin/python3`'s
    /// `list(s)` after the same operations): colliding keys placed by its
    /// probe sequence, a new key taking the last dummy its probe passes,
    /// the table growing four-fold at 3/5 full, `pop` walking from its
    /// finger.
    #[test]
    fn set_tables_iterate_in_cpythons_order() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        ctx.set_deferred_collection(true);
        let d = int_set(&mut ctx, &[1, 9, 17, 25]);
        assert_eq!(set_order(d), [1, 25, 9, 17]);
        set_discard(&mut ctx, d, 9);
        insert_absent(&mut ctx, d, Value::int(33), Value::TRUE, 33);
        assert_eq!(set_order(d), [1, 33, 17, 25]);

        let keys: Vec<i64> = (0..64).step_by(8).collect();
        let t = int_set(&mut ctx, &keys);
        assert_eq!(set_order(t), [0, 32, 8, 40, 16, 48, 24, 56]);
        for n in (0..64).step_by(16) {
            set_discard(&mut ctx, t, n);
        }
        assert_eq!(set_order(t), [8, 40, 24, 56]);
        insert_absent(&mut ctx, t, Value::int(100), Value::TRUE, 100);
        insert_absent(&mut ctx, t, Value::int(4), Value::TRUE, 4);
        assert_eq!(set_order(t), [100, 4, 8, 40, 24, 56]);

        let keys: Vec<i64> = (0..20).collect();
        let u = int_set(&mut ctx, &keys);
        let popped: Vec<i64> = (0..3)
            .map(|_| set_pop(&mut ctx, u).unwrap().as_int().unwrap())
            .collect();
        assert_eq!(popped, [0, 1, 2]);
        insert_absent(&mut ctx, u, Value::int(0), Value::TRUE, 0);
        insert_absent(&mut ctx, u, Value::int(1), Value::TRUE, 1);
        assert_eq!(set_pop(&mut ctx, u).unwrap().as_int(), Some(3));
        assert_eq!(set_order(u)[..5], [1, 0, 4, 5, 6]);
        assert_eq!(len(u), 18);
    }

    /// Keys that keep taking dummies' slots fill the entries before the
    /// index: the repacked table keeps every slot (order, dummies) and
    /// finds every key.
    #[test]
    fn set_repack_keeps_the_index() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        ctx.set_deferred_collection(true);
        let keys: Vec<i64> = (0..12).collect();
        let d = int_set(&mut ctx, &keys);
        let slots = set_slots(table(d));
        for _ in 0..200 {
            // The same key added and discarded: it takes its own dummy
            // again, a new entry each time.
            insert_absent(&mut ctx, d, Value::int(1000), Value::TRUE, 1000);
            set_discard(&mut ctx, d, 1000);
        }
        assert_eq!(set_slots(table(d)), slots, "no resize: the fill never grew");
        assert_eq!(set_order(d), keys);
        for &n in &keys {
            assert!(find(d, n).is_some());
        }
        assert!(used(table(d)) <= cap(table(d)));
    }

    #[test]
    fn a_moved_key_keeps_its_index_slot() {
        let sp = ProtoSpace::new();
        let mut ctx = sp.new_context();
        ctx.set_deferred_collection(true);
        let d = Obj::from_value(alloc(&mut ctx, Kind::DICT, Value::NONE, 8)).unwrap();
        // Keys 0..4 whose hashes all start at index slot 0: one probe
        // sequence, so a slot taken per move would lengthen all of them.
        for n in 0..4 {
            insert_absent(&mut ctx, d, Value::int(n), Value::int(n), (n as u64) << 32);
        }
        let indexed = |t: Obj| {
            let v = t.view();
            let at = T_HASHES + cap(t);
            (0..isize_of(v.raw(T_ISIZE)))
                .filter(|&i| v.raw(at + i) != 0)
                .count()
        };
        let find_shifted = |n: i64| find_hashed(d, n, (n as u64) << 32).expect("key lost");
        for round in 0..1000 {
            let n = [0, 2][round % 2];
            let t = table(d);
            move_to_end(&mut ctx, d, t, find_shifted(n));
            // Every live key has exactly one index slot; the dead entries
            // the moves left hold none.
            assert_eq!(indexed(table(d)), 4);
            assert_eq!(len(d), 4);
            for m in 0..4 {
                find_shifted(m);
            }
        }
        assert_eq!(keys(d), vec![1, 3, 0, 2]);
    }
}
