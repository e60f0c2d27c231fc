//! `list`, and the sequence methods `tuple` shares with it.
//!
//! Concurrency: every mutating list method takes the list's object lock
//! when the list is shared (`vm.with_lock`), so `append`, `pop`, `insert`,
//! `extend`, `reverse`, `__setitem__`/`__delitem__` (slices included) ...
//! are atomic as in CPython; reads take no lock. What runs Python code
//! (iterating the argument, `__index__` of an index or slice bound, `__eq__`
//! in `remove`, the key function and comparisons of `sort`) runs before
//! the lock is taken; every decision that depends on the list's current
//! contents (its length above all: an index resolved against a length read
//! earlier may no longer be in range) is taken under the lock, on what the
//! list holds then. A method never reads the items, drops the lock and
//! writes back a modified copy: that lost every item other threads
//! appended in between. Every mutator goes through `vm.with_mut_lock`,
//! which refuses a list `protopy.freeze` made immutable (tested under the
//! lock).

use super::clinic;
use super::seq::{index_value, is_slice, norm_index, slice_indices, slice_unpack};
use crate::args::{check_method, Args};
use crate::builtins::sort_values;
use engine::runtime::ops::eq_native;
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::layouts::seq_index as resolve_index;
use proto_core::{Kind, Obj, Value};

pub(super) fn lo(v: Value) -> Obj {
    Obj::from_value(v).expect("list")
}

/// The items of `src` for `list(src)` / `list.extend(src)`. An object of a
/// class (not a builtin type) is first asked for its length hint, as
/// CPython's list_extend does to size the list: a `__length_hint__` that
/// returns a non-integer or a negative number raises before any item is
/// read.
fn collect_hinted(vm: &mut Vm, src: Value) -> PyResult<Vec<Value>> {
    ask_length_hint(vm, src)?;
    vm.collect(src)
}

/// The length-hint request of [`collect_hinted`], for an object of a class.
fn ask_length_hint(vm: &mut Vm, src: Value) -> PyResult<()> {
    if is_heap_type(vm.type_of(src)) {
        crate::modules::_operator::length_hint(vm, src, Value::int(8))?;
    }
    Ok(())
}

fn list_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.alloc_instance(a[0], &[])
}

fn list_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    // Keywords are refused unless a subclass's own `__new__` took them.
    let (lt, new) = (vm.g.types.list, vm.g.names.__new__);
    let tp = vm.type_of(a[0]);
    if !args.kw.is_empty() && (tp == lt || vm.lookup_type(tp, new) == vm.lookup_type(lt, new)) {
        return Err(vm.type_error("list() takes no keyword arguments"));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "list expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let l = lo(a[0]);
    let items = match args.pos.get(1) {
        Some(&src) => collect_hinted(vm, src)?,
        None => Vec::new(),
    };
    let grown = vm.with_mut_lock(l, |ctx| llist::try_replace_all(ctx, l, &items))?;
    vm.grown(grown)?;
    Ok(Value::NONE)
}

fn list_append(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "list.append", a, k, 1, 1)?;
    let (l, v) = (lo(a[0]), a[1]);
    if vm.with_mut_lock(l, |ctx| llist::try_push(ctx, l, v))? {
        Ok(Value::NONE)
    } else {
        Err(vm.no_memory())
    }
}

fn list_extend(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "list.extend", a, k, 1, 1)?;
    ask_length_hint(vm, a[1])?;
    extend_from(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

/// Appends the items of `src` to list `l` in one step; the items an
/// iterator gave before it raised stay appended, as in CPython (which
/// appends one at a time).
fn extend_from(vm: &mut Vm, l: Value, src: Value) -> PyResult<()> {
    let (items, err) = match vm.collect_or_partial(src) {
        Ok(items) => (items, None),
        Err((items, e)) => (items, Some(e)),
    };
    let l = lo(l);
    let grown = vm.with_mut_lock(l, |ctx| llist::try_extend(ctx, l, &items))?;
    vm.grown(grown)?;
    err.map_or(Ok(()), Err)
}

fn list_pop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if let ([l], false) = (a, k.is_heap()) {
        // `l.pop()`: the last item there is under the lock.
        let l = lo(*l);
        return match vm.with_mut_lock(l, |_| llist::pop_last(l))? {
            Some(v) => Ok(v),
            None => Err(vm.new_exc(vm.g.e.IndexError, "pop from empty list")),
        };
    }
    clinic::method_positional(vm, "list.pop", "pop", a, k, 0, 1)?;
    let l = lo(a[0]);
    // The index is converted before the emptiness check, as in CPython.
    let idx = match a.get(1) {
        Some(&iv) => Some(vm.index(iv)?),
        None => None,
    };
    let idx = idx.map(|i| vm.as_i64(i).unwrap_or(i64::MAX));
    // The index is resolved against the length under the lock: `pop()`
    // takes the last item there is, not the one that was last before
    // another thread appended or popped.
    let r = vm.with_mut_lock(l, |ctx| {
        let n = llist::len(l);
        if n == 0 {
            return Err("pop from empty list");
        }
        let i = match idx {
            Some(i) => resolve_index(i, n).ok_or("pop index out of range")?,
            None => n - 1,
        };
        llist::remove(ctx, l, i).ok_or("pop index out of range")
    })?;
    r.map_err(|m| vm.new_exc(vm.g.e.IndexError, m))
}

fn list_insert(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "list.insert", "insert", a, k, 2, 2)?;
    let l = lo(a[0]);
    let i = vm.index(a[1])?;
    let i = vm.as_i64(i).unwrap_or(0);
    let v = a[2];
    vm.with_mut_lock(l, |ctx| {
        let n = llist::len(l) as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        llist::insert(ctx, l, j as usize, v)
    })?;
    Ok(Value::NONE)
}

/// The index and the item of the first item equal to `x`.
fn find_index(vm: &mut Vm, l: Value, x: Value) -> PyResult<Option<(usize, Value)>> {
    let mut i = 0;
    while let Some(y) = vm.seq_get(l, i) {
        if vm.eq(y, x)? {
            return Ok(Some((i, y)));
        }
        i += 1;
    }
    Ok(None)
}

fn list_remove(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "list.remove", a, k, 1, 1)?;
    let (l, x) = (lo(a[0]), a[1]);
    let str_ = vm.g.types.str_;
    // The search runs under the lock for every item whose equality with `x`
    // is decided natively, so removing such an item is one atomic step: a
    // search without the lock could miss an item that another thread moved
    // (`reverse`, `insert`) from ahead of the scan to behind it. An item
    // whose comparison may run Python code is compared outside the lock
    // and removed only if it is still at its place; otherwise the search
    // goes on from there. CPython likewise lets other threads run while
    // such an `__eq__` does.
    enum Step {
        Removed,
        NotFound,
        Compare(usize, Value),
    }
    let mut from = 0;
    let mut matched: Option<(usize, Value)> = None;
    let mut moves = 0;
    loop {
        let step = vm.with_mut_lock(l, |ctx| {
            if let Some((i, y)) = matched.take() {
                // An `__eq__` that moves the items on every match would
                // make the search start over for ever: after a few moves,
                // remove what is at `i` now, as CPython does.
                if (llist::get(l, i) == Some(y) || moves > REMOVE_RETRIES)
                    && llist::remove(ctx, l, i).is_some()
                {
                    return Step::Removed;
                }
            }
            let mut i = from;
            while let Some(y) = llist::get(l, i) {
                match eq_native(str_, y, x) {
                    Some(true) => {
                        llist::remove(ctx, l, i);
                        return Step::Removed;
                    }
                    Some(false) => i += 1,
                    None => return Step::Compare(i, y),
                }
            }
            Step::NotFound
        })?;
        match step {
            Step::Removed => return Ok(Value::NONE),
            Step::NotFound => return Err(vm.value_error("list.remove(x): x not in list")),
            Step::Compare(i, y) => {
                if vm.eq(y, x)? {
                    // Still at `i`: removed at the next step; moved: the
                    // search starts over.
                    matched = Some((i, y));
                    moves += 1;
                    from = 0;
                } else {
                    from = i + 1;
                }
            }
        }
    }
}

/// Times `list.remove` starts its search over because the item it found
/// equal (by Python code, outside the lock) moved meanwhile.
const REMOVE_RETRIES: u32 = 4;

pub(super) fn seq_index(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let qual = if lo(a[0]).kind() == Kind::LIST {
        "list.index"
    } else {
        "tuple.index"
    };
    clinic::method_positional(vm, qual, "index", a, k, 1, 3)?;
    let n = vm.len(a[0])?;
    let norm = |vm: &mut Vm, v: Option<&Value>, d: i64| -> PyResult<i64> {
        match v {
            Some(x) => {
                let i = vm.index(*x)?;
                // Past the i64 range, clamped as `_PyEval_SliceIndex` does.
                let i = match vm.as_i64(i) {
                    Some(i) => i,
                    None if bigint_of(i).is_some_and(|b| b.sign() == num_bigint::Sign::Minus) => {
                        i64::MIN
                    }
                    None => i64::MAX,
                };
                Ok(if i < 0 {
                    i.saturating_add(n as i64).max(0)
                } else {
                    i
                })
            }
            None => Ok(d),
        }
    };
    let st = norm(vm, a.get(2), 0)?;
    let en = norm(vm, a.get(3), n as i64)?;
    let mut i = st as usize;
    while (i as i64) < en {
        let Some(y) = vm.seq_get(a[0], i) else { break };
        if vm.eq(y, a[1])? {
            return Ok(Value::int(i as i64));
        }
        i += 1;
    }
    if lo(a[0]).kind() == Kind::LIST {
        let r = vm.repr_string(a[1])?;
        return Err(vm.value_error(&format!("{r} is not in list")));
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

pub(super) fn seq_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let qual = if lo(a[0]).kind() == Kind::LIST {
        "list.count"
    } else {
        "tuple.count"
    };
    check_method(vm, qual, a, k, 1, 1)?;
    let mut c = 0;
    let mut i = 0;
    while let Some(y) = vm.seq_get(a[0], i) {
        if vm.eq(y, a[1])? {
            c += 1;
        }
        i += 1;
    }
    Ok(Value::int(c))
}

fn list_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "list.clear", a, k, 0, 0)?;
    let l = lo(a[0]);
    vm.with_mut_lock(l, |ctx| llist::truncate(ctx, l, 0))?;
    Ok(Value::NONE)
}

fn list_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "list.copy", a, k, 0, 0)?;
    let items = vm.seq_items(a[0]);
    Ok(vm.new_list(&items))
}

fn list_reverse(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "list.reverse", a, k, 0, 0)?;
    let l = lo(a[0]);
    vm.with_mut_lock(l, |_| llist::reverse(l))?;
    Ok(Value::NONE)
}

fn list_sort(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [key, rev] = clinic::unpack(vm, "sort", &a[1..], k, ["key", "reverse"], 0, 0, 0)?;
    let key = key.filter(|v| !v.is_none());
    // Clinic's `bool(accept={int})`: an integer (or `__index__`) that fits
    // a C int, not any object's truth.
    let rev = match rev {
        Some(r) => crate::args::py_long_as_int(vm, r)? != 0,
        None => false,
    };
    let l = lo(a[0]);
    // Items whose order no Python code decides (small ints, or exact strs
    // only) and no key: sorted in one locked step, so no other thread's
    // append is dropped by a concurrent sort (CPython's free-threaded
    // build holds the list's critical section over such a sort too).
    if key.is_none() {
        let str_class = vm.g.types.str_;
        let done = vm.with_mut_lock(l, |_| {
            let mut items = Vec::new();
            llist::snapshot(l, &mut items);
            if !sort_plain(&mut items, str_class, rev) {
                return false;
            }
            // Same length, every item already in the storage: rewritten in
            // place (no barrier needed, see `llist::reverse`).
            llist::overwrite_prefix(l, &items);
            true
        })?;
        if done {
            return Ok(Value::NONE);
        }
    }
    // CPython empties the list while sorting: the items are taken out and
    // the list emptied in one step, and the sorted items put back in one
    // step, in which the list is also checked for items other code (the
    // key function, a comparison, another thread) added meanwhile. Those
    // are dropped with a ValueError, as in CPython. `sort_values` roots the
    // items while Python code runs; no safepoint lies between it and the
    // locked steps.
    // While sorting, the list holds a fresh storage of capacity 0 (CPython's
    // `allocated = -1`): any growth replaces it, so an append undone by a
    // pop is detected too, as in CPython.
    let (mut items, empty) = vm.with_mut_lock(l, |ctx| {
        let mut items = Vec::new();
        llist::snapshot(l, &mut items);
        llist::truncate(ctx, l, 0);
        let empty = ctx.alloc(Kind::STORAGE, Value::NONE, 0, 0);
        ctx.store(l, 0, empty);
        (items, empty)
    })?;
    let mark = vm.push_root(empty);
    let r = sort_values(vm, &mut items, key, rev);
    vm.pop_roots(mark);
    // A list frozen while it was sorted (by the key function or another
    // thread) keeps what it was frozen with: the sorted items are dropped
    // with the freeze's TypeError.
    let modified = vm.with_mut_lock(l, |ctx| {
        let modified = llist::len(l) != 0 || l.get(0) != empty;
        llist::replace_all(ctx, l, &items);
        modified
    })?;
    r?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::NONE)
}

/// Sorts `items` stably (descending when `rev`, equal items keeping their
/// order, as CPython's `reverse=True`) when all are small ints or all are
/// exact strs, whose order is total and needs no Python code; `false`
/// (items untouched) otherwise. Strs compare by UTF-8 bytes, which is
/// code point order.
fn sort_plain(items: &mut [Value], str_class: Value, rev: bool) -> bool {
    use std::cmp::Ordering;
    fn by<K: Ord>(items: &mut [Value], rev: bool, k: impl Fn(Value) -> K) {
        if rev {
            items.sort_by(|a, b| k(*b).cmp(&k(*a)));
        } else {
            items.sort_by_key(|a| k(*a));
        }
    }
    if items.iter().all(|v| v.is_int()) {
        by(items, rev, |v| v.int_unchecked());
        return true;
    }
    let is_str = |v: &Value| {
        Obj::from_value(*v).is_some_and(|o| o.kind() == Kind::STR && o.class() == str_class)
    };
    if items.iter().all(is_str) {
        let b = |v: Value| proto_core::layouts::str::bytes(Obj::from_value(v).expect("str"));
        if rev {
            items.sort_by(|x, y| b(*y).cmp(b(*x)));
        } else {
            items.sort_by(|x, y| -> Ordering { b(*x).cmp(b(*y)) });
        }
        return true;
    }
    false
}

pub(super) fn seq_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = vm.len(a[0])?;
    Ok(Value::int(n as i64))
}

pub(super) fn getitem_common(vm: &mut Vm, v: Value, key: Value, is_list: bool) -> PyResult<Value> {
    let what = if is_list { "list" } else { "tuple" };
    let n = vm.len(v)?;
    if is_slice(key) {
        let (start, _stop, step, count) = slice_indices(vm, key, n)?;
        let mut out = Vec::with_capacity(count);
        let mut i = start;
        for _ in 0..count {
            if let Some(x) = vm.seq_get(v, i as usize) {
                out.push(x);
            }
            i += step;
        }
        return Ok(if is_list {
            vm.new_list(&out)
        } else {
            vm.new_tuple(&out)
        });
    }
    let i = norm_index(vm, key, n, what)?;
    vm.seq_get(v, i)
        .ok_or_else(|| vm.new_exc(vm.g.e.IndexError, &format!("{what} index out of range")))
}

fn list_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    getitem_common(vm, a[0], a[1], true)
}

fn list_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (v, key, x) = (a[0], a[1], a[2]);
    let l = lo(v);
    if is_slice(key) {
        let spec = slice_unpack(vm, key)?;
        // Like PySequence_Fast: a non-iterable gets the slice-kind message.
        let step1 = spec.step() == 1;
        let exact_seq = Obj::from_value(x).is_some_and(|o| {
            (o.kind() == Kind::LIST && o.class() == vm.g.types.list)
                || (o.kind() == Kind::TUPLE && o.class() == vm.g.types.tuple)
        });
        let it = if exact_seq {
            // An exact list or tuple: its items, without an iterator.
            x
        } else {
            match vm.iter(x) {
                Ok(it) => it,
                Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
                    return Err(vm.type_error(if step1 {
                        "can only assign an iterable"
                    } else {
                        "must assign iterable to extended slice"
                    }));
                }
                Err(e) => return Err(e),
            }
        };
        let mark = vm.push_root(it);
        let new_items = vm.collect(it);
        vm.pop_roots(mark);
        let new_items = new_items?;
        // Resolved against the items the list holds under its lock, and
        // written back in the same step.
        let r = vm.with_mut_lock(l, |ctx| {
            let mut items = Vec::new();
            llist::snapshot(l, &mut items);
            let (start, stop, step, count) = spec.adjust(items.len());
            if step == 1 {
                let stop = stop.max(start);
                items.splice(start as usize..stop as usize, new_items.iter().copied());
            } else {
                if new_items.len() != count {
                    return Err(count);
                }
                let mut i = start;
                for &y in &new_items {
                    items[i as usize] = y;
                    i += step;
                }
            }
            llist::replace_all(ctx, l, &items);
            Ok(())
        })?;
        if let Err(count) = r {
            return Err(vm.value_error(&format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                new_items.len(),
                count
            )));
        }
        return Ok(Value::NONE);
    }
    let i = index_value(vm, key, "list assignment")?;
    if vm.with_mut_lock(l, |ctx| llist::set_index(ctx, l, i, x))? {
        return Ok(Value::NONE);
    }
    Err(vm.new_exc(vm.g.e.IndexError, "list assignment index out of range"))
}

fn list_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (v, key) = (a[0], a[1]);
    let l = lo(v);
    if is_slice(key) {
        let spec = slice_unpack(vm, key)?;
        vm.with_mut_lock(l, |ctx| {
            let mut items = Vec::new();
            llist::snapshot(l, &mut items);
            let (start, _stop, step, count) = spec.adjust(items.len());
            if count == 0 {
                return;
            }
            let mut drop = vec![false; items.len()];
            let mut i = start;
            for _ in 0..count {
                drop[i as usize] = true;
                i += step;
            }
            let kept: Vec<Value> = items
                .into_iter()
                .zip(drop)
                .filter(|(_, d)| !d)
                .map(|(x, _)| x)
                .collect();
            llist::replace_all(ctx, l, &kept);
        })?;
        return Ok(Value::NONE);
    }
    let i = index_value(vm, key, "list assignment")?;
    let removed = vm.with_mut_lock(l, |ctx| {
        resolve_index(i, llist::len(l)).and_then(|j| llist::remove(ctx, l, j))
    })?;
    match removed {
        Some(_) => Ok(Value::NONE),
        None => Err(vm.new_exc(vm.g.e.IndexError, "list assignment index out of range")),
    }
}

pub(super) fn seq_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::bool(find_index(vm, a[0], a[1])?.is_some()))
}

fn list_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let c = vm.g.types.list_iter;
    Ok(vm.new_seq_iter(c, a[0], 0))
}

fn list_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    super::iterators::list_reversed(vm, a[0])
}

fn seq_cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let same = Obj::from_value(a[1]).is_some_and(|o| o.kind() == lo(a[0]).kind());
    if !same {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    vm.builtin_richcompare(a[0], a[1], op)
}
pub(super) fn seq_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    seq_cmp(vm, a, 0)
}
pub(super) fn seq_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    seq_cmp(vm, a, 1)
}
pub(super) fn seq_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    seq_cmp(vm, a, 2)
}
pub(super) fn seq_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    seq_cmp(vm, a, 3)
}
pub(super) fn seq_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    seq_cmp(vm, a, 4)
}
pub(super) fn seq_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    seq_cmp(vm, a, 5)
}

pub(super) fn seq_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let kind = lo(a[0]).kind();
    if !Obj::from_value(a[1]).is_some_and(|o| o.kind() == kind) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let mut items = vm.seq_items(a[0]);
    items.extend(vm.seq_items(a[1]));
    Ok(if kind == Kind::LIST {
        vm.new_list(&items)
    } else {
        vm.new_tuple(&items)
    })
}

fn list_iadd(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    extend_from(vm, a[0], a[1])?;
    Ok(a[0])
}

pub(crate) fn seq_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = super::seq::repeat_count(vm, a[1])?;
    let n = n.max(0) as usize;
    let items = vm.seq_items(a[0]);
    if lo(a[0]).kind() == Kind::LIST {
        return vm.new_list_repeated(&items, n);
    }
    let out = vm.try_repeat(&items, n)?;
    Ok(vm.new_tuple(&out))
}

pub(crate) fn list_imul(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let _ = k;
    let n = super::seq::repeat_count(vm, a[1])?;
    let n = n.max(0) as usize;
    let l = lo(a[0]);
    // Repeats what the list holds under its lock, in one step.
    let ok = vm.with_mut_lock(l, |ctx| {
        let mut items = Vec::new();
        llist::snapshot(l, &mut items);
        let Some(out) = engine::runtime::fallible::repeat(&items, n) else {
            return false;
        };
        llist::replace_all(ctx, l, &out);
        true
    })?;
    if !ok {
        return Err(vm.no_memory());
    }
    Ok(a[0])
}

pub(super) fn seq_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = lo(a[0]);
    let is_list = o.kind() == Kind::LIST;
    let mut parts = Vec::new();
    for x in vm.seq_items(a[0]) {
        parts.push(vm.repr_string(x)?);
    }
    let s = if is_list {
        format!("[{}]", parts.join(", "))
    } else if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    };
    Ok(vm.new_str(&s))
}

/// Registers list.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.list;
    vm.add_static(t, "__new__", list_new, false);
    let m: &[(&'static str, NativeFn)] = &[
        ("__init__", list_init),
        ("append", list_append),
        ("extend", list_extend),
        ("pop", list_pop),
        ("insert", list_insert),
        ("remove", list_remove),
        ("index", seq_index),
        ("count", seq_count),
        ("clear", list_clear),
        ("copy", list_copy),
        ("reverse", list_reverse),
        ("sort", list_sort),
        ("__len__", seq_len),
        ("__getitem__", list_getitem),
        ("__setitem__", list_setitem),
        ("__delitem__", list_delitem),
        ("__contains__", seq_contains),
        ("__iter__", list_iter),
        ("__reversed__", list_reversed),
        ("__lt__", seq_lt),
        ("__le__", seq_le),
        ("__eq__", seq_eq),
        ("__ne__", seq_ne),
        ("__gt__", seq_gt),
        ("__ge__", seq_ge),
        ("__add__", seq_add),
        ("__iadd__", list_iadd),
        ("__mul__", seq_mul),
        ("__rmul__", seq_mul),
        ("__imul__", list_imul),
        ("__repr__", seq_repr),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    let k = vm.intern("append");
    if let Some(append) = vm.lookup_type(t, k) {
        vm.g.builtin_list_append
            .store(append.bits(), proto_core::sync::Ordering::Release);
    }
    Ok(())
}
