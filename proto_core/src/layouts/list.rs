//! Lists: a header object pointing to a replaceable storage object.
//!
//! `Kind::LIST` header: values `[0] storage` (a `Kind::STORAGE` object whose
//! values are the item slots, its `n_values` is the capacity), `[1]` free for
//! the engine (instance dict of subclasses); raw word `[0]` length.
//!
//! Concurrency contract: writers hold the list's object lock when the list is
//! shared (the engine takes it; these primitives assume it is held or the
//! list is local). Readers take no lock: they load the length, then the
//! storage (acquire), and read an item only when the index is below both the
//! length and the storage capacity. Growth allocates a new storage, copies
//! the items, and publishes it with one release store before the length is
//! raised, so a reader never sees a length larger than the storage it loads
//! afterwards. Removed slots are cleared to `EMPTY`; a racing reader may see
//! `EMPTY` and must treat it as absent. `append`, `pop`, `set` and `insert`
//! are each atomic with respect to other writers.

use super::{get_raw, seq_index, set_raw};
use crate::object::{Kind, Obj, ObjView};
use crate::value::Value;
use crate::ProtoContext;

/// Number of values of a list header.
pub const HEADER_VALUES: usize = 2;

/// Allocates an empty list with room for `cap` items.
pub fn alloc(ctx: &mut ProtoContext, class: Value, cap: usize) -> Value {
    alloc_with_extra(ctx, class, cap, 0)
}

/// Allocates an empty list whose header has `extra` more values (EMPTY)
/// after the header values (the `__slots__` of a list subclass).
pub fn alloc_with_extra(ctx: &mut ProtoContext, class: Value, cap: usize, extra: usize) -> Value {
    let l = ctx.alloc(Kind::LIST, class, HEADER_VALUES + extra, 8);
    let st = ctx.alloc(Kind::STORAGE, Value::NONE, cap.max(4), 0);
    let lo = Obj::from_value(l).expect("heap");
    lo.init(0, st);
    l
}

/// Allocates a list holding `items` (a fresh local object: the items are
/// written without the barrier).
pub fn alloc_from(ctx: &mut ProtoContext, class: Value, items: &[Value]) -> Value {
    let l = alloc(ctx, class, items.len());
    fill_fresh(Obj::from_value(l).expect("heap"), items);
    l
}

/// Allocates a list holding `items` repeated `k` times (`[x] * k`), its
/// storage filled directly; `None` (MemoryError) when the length overflows
/// or the storage cannot be allocated.
pub fn try_alloc_repeat(
    ctx: &mut ProtoContext,
    class: Value,
    items: &[Value],
    k: usize,
) -> Option<Value> {
    let total = items
        .len()
        .checked_mul(k)
        .filter(|&t| t <= isize::MAX as usize / 8)?;
    let l = ctx.alloc(Kind::LIST, class, HEADER_VALUES, 8);
    // No collection runs between the two allocations in the interpreter's
    // deferred mode, which every caller of this function is in.
    let st = ctx.try_alloc(Kind::STORAGE, Value::NONE, total.max(4), 0)?;
    let lo = Obj::from_value(l).expect("heap");
    lo.init(0, st);
    // The slots as one slice, its bounds checked once, each written as
    // `init` writes a value.
    let slots = &Obj::from_value(st).expect("heap").view().values()[..total];
    let ord = crate::sync::heap_atomic::Ordering::Release;
    if let [x] = items {
        // `[x] * k`, the common case: one word repeated.
        let w = x.bits();
        for s in slots {
            s.store(w, ord);
        }
    } else {
        for (s, v) in slots
            .chunks(items.len().max(1))
            .flat_map(|c| c.iter().zip(items))
        {
            s.store(v.bits(), ord);
        }
    }
    set_raw(lo, 0, total as u64);
    Some(l)
}

/// Makes the fresh empty list `l`, allocated with room for `items`, hold
/// them (written without the barrier: nothing else can reach `l` yet).
pub fn fill_fresh(l: Obj, items: &[Value]) {
    let st = storage(l).view();
    for (i, &v) in items.iter().enumerate() {
        st.init(i, v);
    }
    set_raw(l, 0, items.len() as u64);
}

/// Length.
#[inline(always)]
pub fn len(l: Obj) -> usize {
    get_raw(l, 0) as usize
}

/// The current storage object.
#[inline(always)]
pub fn storage(l: Obj) -> Obj {
    Obj::from_value(l.get(0)).expect("list storage")
}

/// Item `i`, or `None` if out of range (or removed concurrently).
#[inline(always)]
pub fn get(l: Obj, i: usize) -> Option<Value> {
    let lv = l.view();
    if i >= lv.raw(0) as usize {
        return None;
    }
    item_of(lv, i)
}

/// Item `j` (below the length just read from `lv`, the list's view) of the
/// storage, read after the length.
#[inline(always)]
fn item_of(lv: ObjView, j: usize) -> Option<Value> {
    let sv = Obj::from_value(lv.get(0))?.view();
    if j >= sv.n_values() {
        return None;
    }
    let v = sv.get(j);
    if v.is_empty() {
        None
    } else {
        Some(v)
    }
}

/// The item at Python index `i` (negative counts from the end), or `None`
/// if out of range (or removed concurrently): `l[i]`. Reads the length,
/// then the storage, each object's layout once.
#[inline(always)]
pub fn get_index(l: Obj, i: i64) -> Option<Value> {
    let lv = l.view();
    item_of(lv, seq_index(i, lv.raw(0) as usize)?)
}

/// Copies the items into `out` (a snapshot).
pub fn snapshot(l: Obj, out: &mut Vec<Value>) {
    let n = len(l);
    let st = storage(l);
    let sv = st.view();
    let n = n.min(sv.n_values());
    out.reserve(n);
    for i in 0..n {
        let v = sv.get(i);
        if !v.is_empty() {
            out.push(v);
        }
    }
}

/// Replaces item `i` (in range). Caller holds the lock if shared.
#[inline]
pub fn set(ctx: &mut ProtoContext, l: Obj, i: usize, v: Value) -> bool {
    i < len(l) && set_item_of(ctx, l, i, v)
}

/// Replaces the item at Python index `i` (negative counts from the end):
/// `l[i] = v`; `false` (nothing written) if out of range. Caller holds the
/// lock if shared.
#[inline(always)]
pub fn set_index(ctx: &mut ProtoContext, l: Obj, i: i64, v: Value) -> bool {
    seq_index(i, len(l)).is_some_and(|j| set_item_of(ctx, l, j, v))
}

/// Writes item `j` (below the length the caller read) of the storage, through
/// the write barrier with the storage's layout read once.
#[inline(always)]
fn set_item_of(ctx: &mut ProtoContext, l: Obj, j: usize, v: Value) -> bool {
    let st = storage(l);
    let sv = st.view();
    if j >= sv.n_values() {
        return false;
    }
    if st.is_shared() {
        ctx.promote(v);
    }
    sv.init(j, v);
    true
}

/// The storage, replaced first by a larger one when it holds fewer than
/// `need` slots; `None` (the list unchanged) when that storage cannot be
/// allocated.
fn try_grow(ctx: &mut ProtoContext, l: Obj, need: usize) -> Option<Obj> {
    let st = storage(l);
    let cap = st.n_values();
    if need <= cap {
        return Some(st);
    }
    let n = len(l);
    let new_cap = need.max(cap + cap / 2 + 4);
    let ns = ctx.try_alloc(Kind::STORAGE, Value::NONE, new_cap, 0)?;
    let nso = Obj::from_value(ns).expect("heap");
    // SAFETY: `nso` is fresh (published by the store below); the caller
    // holds the list's lock if it is shared, so nobody writes `st`. The
    // items are `st`'s own: shared or immediate whenever it is shared, and
    // the store promotes `nso` with them.
    unsafe { nso.view().copy_from(0, st.view(), 0, n.min(cap)) };
    ctx.store(l, 0, ns);
    Some(nso)
}

fn grow(ctx: &mut ProtoContext, l: Obj, need: usize) -> Obj {
    match try_grow(ctx, l, need) {
        Some(st) => st,
        None => panic!("list storage of {need} items is too large"),
    }
}

/// Ensures capacity for `need` items.
pub fn reserve(ctx: &mut ProtoContext, l: Obj, need: usize) {
    grow(ctx, l, need);
}

/// Ensures capacity for `need` items; false (the list unchanged) when the
/// storage cannot be allocated (MemoryError).
pub fn try_reserve(ctx: &mut ProtoContext, l: Obj, need: usize) -> bool {
    try_grow(ctx, l, need).is_some()
}

/// As [`append`], but false (the list unchanged) when the storage must
/// grow and cannot be allocated (MemoryError).
#[inline]
pub fn try_append(ctx: &mut ProtoContext, l: Obj, v: Value) -> bool {
    let n = len(l);
    if n >= storage(l).n_values() && try_grow(ctx, l, n + 1).is_none() {
        return false;
    }
    append(ctx, l, v);
    true
}

/// [`try_append`] for `list.append`, inlined there.
#[inline(always)]
pub fn try_push(ctx: &mut ProtoContext, l: Obj, v: Value) -> bool {
    push_in_room(ctx, l, v) || try_append_grown(ctx, l, v)
}

/// Appends `v` if the storage has room (false, the list unchanged, if it
/// is full). Each object's layout is read once; the item is written before
/// the length that publishes it. Caller holds the lock if shared.
#[inline(always)]
fn push_in_room(ctx: &mut ProtoContext, l: Obj, v: Value) -> bool {
    let lv = l.view();
    let n = lv.raw(0) as usize;
    let st = Obj::from_value(lv.get(0)).expect("list storage");
    let sv = st.view();
    if n >= sv.n_values() {
        return false;
    }
    if st.is_shared() {
        ctx.promote(v);
    }
    sv.init(n, v);
    lv.set_raw(0, (n + 1) as u64);
    true
}

/// [`try_push`] to a full storage: grows it first.
#[cold]
#[inline(never)]
fn try_append_grown(ctx: &mut ProtoContext, l: Obj, v: Value) -> bool {
    let n = len(l);
    let Some(st) = try_grow(ctx, l, n + 1) else {
        return false;
    };
    ctx.store(st, n, v);
    set_raw(l, 0, (n + 1) as u64);
    true
}

/// As [`extend`], but false (the list unchanged) when the storage cannot
/// be allocated (MemoryError).
pub fn try_extend(ctx: &mut ProtoContext, l: Obj, items: &[Value]) -> bool {
    let n = len(l);
    let Some(need) = n.checked_add(items.len()) else {
        return false;
    };
    if !try_reserve(ctx, l, need) {
        return false;
    }
    append_in_room(ctx, l, n, items);
    true
}

/// Writes `items` after the first `n` (the length) into the storage, which
/// has room for them, then publishes the new length: the layouts read once,
/// the items before the length, as [`push_in_room`] does for one.
#[inline]
fn append_in_room(ctx: &mut ProtoContext, l: Obj, n: usize, items: &[Value]) {
    let st = storage(l);
    let sv = st.view();
    if st.is_shared() {
        for &v in items {
            ctx.promote(v);
        }
    }
    for (k, &v) in items.iter().enumerate() {
        sv.init(n + k, v);
    }
    l.view().set_raw(0, (n + items.len()) as u64);
}

/// Appends `v`. Caller holds the lock if shared.
#[inline]
pub fn append(ctx: &mut ProtoContext, l: Obj, v: Value) {
    if !push_in_room(ctx, l, v) {
        let n = len(l);
        let st = grow(ctx, l, n + 1);
        ctx.store(st, n, v);
        set_raw(l, 0, (n + 1) as u64);
    }
}

/// Appends all of `items` (one growth at most). Caller holds the lock if
/// shared, once for all of them, so the items land next to each other
/// (`l.extend(x)` is one atomic step, as in CPython).
pub fn extend(ctx: &mut ProtoContext, l: Obj, items: &[Value]) {
    let n = len(l);
    reserve(ctx, l, n + items.len());
    append_in_room(ctx, l, n, items);
}

/// Reverses the items in place. Caller holds the lock if shared; a racing
/// reader may see some items already swapped, never a missing one.
pub fn reverse(l: Obj) {
    let n = len(l);
    let sv = storage(l).view();
    let n = n.min(sv.n_values());
    let (mut i, mut j) = (0, n);
    while i + 1 < j {
        j -= 1;
        // Both items are in this storage already (shared or immediate when
        // it is shared): no barrier needed.
        let (a, b) = (sv.get(i), sv.get(j));
        sv.init(i, b);
        sv.init(j, a);
        i += 1;
    }
}

/// Overwrites the first `items.len()` items (at most the length) with
/// `items`, which must all be in the list's storage already (a permutation
/// of its items: shared or immediate whenever the storage is shared, so no
/// barrier is needed). Caller holds the lock if shared.
pub fn overwrite_prefix(l: Obj, items: &[Value]) {
    let n = len(l);
    let sv = storage(l).view();
    for (i, &v) in items.iter().enumerate().take(n.min(sv.n_values())) {
        sv.init(i, v);
    }
}

/// Moves items `from..from + n` of storage `st` to `to..to + n` (the ranges
/// may overlap), without the barrier: they are the storage's own. A shared
/// storage's items move one word at a time, so that a racing reader never
/// sees a torn item; a local one's in one `memmove`. Caller holds the lock
/// if shared.
fn move_items(st: Obj, from: usize, to: usize, n: usize) {
    let sv = st.view();
    if !st.is_shared() {
        // SAFETY: a local storage is reached only by this thread.
        unsafe { sv.move_within(from, to, n) };
    } else if to > from {
        for j in (0..n).rev() {
            sv.init(to + j, sv.get(from + j));
        }
    } else if to < from {
        for j in 0..n {
            sv.init(to + j, sv.get(from + j));
        }
    }
}

/// Inserts `v` at `i` (clamped to len). Caller holds the lock if shared.
pub fn insert(ctx: &mut ProtoContext, l: Obj, i: usize, v: Value) {
    let n = len(l);
    let i = i.min(n);
    let st = grow(ctx, l, n + 1);
    // The items from `i` on move right. They are in this storage
    // already (shared or immediate whenever it is shared), so they need no
    // barrier; the new item goes through it.
    move_items(st, i, i + 1, n - i);
    ctx.store(st, i, v);
    set_raw(l, 0, (n + 1) as u64);
}

/// Removes and returns item `i`. Caller holds the lock if shared.
/// The items after `i` move down within the storage (they are already in
/// it, so shared or immediate whenever it is shared: no barrier needed).
pub fn remove(_ctx: &mut ProtoContext, l: Obj, i: usize) -> Option<Value> {
    let lv = l.view();
    let n = lv.raw(0) as usize;
    if i >= n {
        return None;
    }
    let st = Obj::from_value(lv.get(0)).expect("list storage");
    let sv = st.view();
    let v = sv.get(i);
    move_items(st, i + 1, i, n - 1 - i);
    lv.set_raw(0, (n - 1) as u64);
    sv.init(n - 1, Value::EMPTY);
    Some(v)
}

/// Removes and returns the last item (`None` when empty). Caller holds the
/// lock if shared. The length is lowered before the slot is cleared, so a
/// racing reader sees the item or an index out of range.
#[inline(always)]
pub fn pop_last(l: Obj) -> Option<Value> {
    let lv = l.view();
    let n = lv.raw(0) as usize;
    if n == 0 {
        return None;
    }
    let sv = Obj::from_value(lv.get(0)).expect("list storage").view();
    let v = sv.get(n - 1);
    lv.set_raw(0, (n - 1) as u64);
    sv.init(n - 1, Value::EMPTY);
    Some(v)
}

/// Replaces items `start..stop` (`start <= stop <= len`) with the `m`
/// items that `item(0..m)` reads, in place: the items after `stop` move
/// within the storage, which grows first when it has too little room. For
/// a list only this thread reaches (a racing reader of a shared one could
/// see an item twice while the tail moves); `item` must not read `l`.
/// False (the list unchanged) when the storage cannot grow (MemoryError).
pub fn try_splice(
    ctx: &mut ProtoContext,
    l: Obj,
    start: usize,
    stop: usize,
    m: usize,
    item: impl Fn(usize) -> Value,
) -> bool {
    let n = len(l);
    debug_assert!(start <= stop && stop <= n);
    let old = stop - start;
    let new_len = n - old + m;
    let Some(st) = try_grow(ctx, l, new_len) else {
        return false;
    };
    let sv = st.view();
    move_items(st, stop, start + m, n - stop);
    if m < old {
        for j in new_len..n {
            sv.init(j, Value::EMPTY);
        }
    }
    let shared = st.is_shared();
    for k in 0..m {
        let v = item(k);
        if shared {
            ctx.promote(v);
        }
        sv.init(start + k, v);
    }
    set_raw(l, 0, new_len as u64);
    true
}

/// Replaces all items with `items`. Caller holds the lock if shared.
pub fn replace_all(ctx: &mut ProtoContext, l: Obj, items: &[Value]) {
    if !try_replace_all(ctx, l, items) {
        panic!("list storage of {} items is too large", items.len());
    }
}

/// As [`replace_all`], but false (the list unchanged) when the storage
/// cannot be allocated (MemoryError).
pub fn try_replace_all(ctx: &mut ProtoContext, l: Obj, items: &[Value]) -> bool {
    let Some(ns) = ctx.try_alloc(Kind::STORAGE, Value::NONE, items.len().max(4), 0) else {
        return false;
    };
    let nso = Obj::from_value(ns).expect("heap");
    for (i, &v) in items.iter().enumerate() {
        nso.init(i, v);
    }
    set_raw(l, 0, 0);
    ctx.store(l, 0, ns);
    set_raw(l, 0, items.len() as u64);
    true
}

/// Truncates to `n` items. Caller holds the lock if shared.
pub fn truncate(ctx: &mut ProtoContext, l: Obj, n: usize) {
    let old = len(l);
    if n >= old {
        return;
    }
    set_raw(l, 0, n as u64);
    let st = storage(l);
    for i in n..old.min(st.n_values()) {
        ctx.store(st, i, Value::EMPTY);
    }
}
