//! `set` and `frozenset` (on the dict's table with CPython's set index,
//! `proto_core::layouts::dict`'s "set tables").
//!
//! Concurrency: writes go through `vm.set_add`/`set_discard`, which take the
//! object lock of a shared set for the duration of one primitive; `s.add`
//! is atomic, and the in-place operators are described at
//! [`set_update_in_place`].

use super::dict::dobj;
use crate::args::{check_method, Args};
use engine::runtime::*;
use proto_core::layouts::dict as ldict;
use proto_core::{Kind, Obj, Value};

/// Adds `items` to set `s`, keeping both rooted while `__hash__`/`__eq__`
/// may run Python code (rooting rule).
pub(super) fn add_all(vm: &mut Vm, s: Value, items: &[Value]) -> PyResult<()> {
    let holder = vm.new_list(items);
    let mark = vm.push_root(holder);
    vm.push_root(s);
    let mut r = Ok(());
    for &x in items {
        if let Err(e) = vm.set_add(s, x) {
            r = Err(e);
            break;
        }
    }
    vm.pop_roots(mark);
    r
}

/// Adds the items of `src` to the set `s`, as CPython's
/// `set_update_internal`: a set or frozenset is merged (into an empty local
/// `s` copied with its stored hashes and no key comparison, its keys being
/// distinct; else after `set_merge`'s resize, key by key in its order with
/// its stored hashes); anything else is iterated and added item by item, so
/// an exception from the iteration leaves the items before it added.
fn fill_from(vm: &mut Vm, s: Value, src: Value) -> PyResult<()> {
    let so = dobj(s);
    if Obj::from_value(src).is_some_and(|o| o.kind() == Kind::SET) {
        return vm.set_merge(s, src);
    }
    // An exact dict's keys come with their stored hashes, as CPython's
    // `set_update_internal`: no `__hash__` runs.
    if Obj::from_value(src).is_some_and(|o| o.kind() == Kind::DICT && o.class() == vm.g.types.dict)
    {
        let items = raw_items_hashed(src);
        vm.set_merge_reserve(s, items.len())?;
        let keys: Vec<Value> = items.iter().map(|&(k, _)| k).collect();
        let holder = vm.new_list(&keys);
        let mark = vm.push_root(holder);
        vm.push_root(s);
        let r = items
            .into_iter()
            .try_for_each(|(k, h)| vm.set_add_hashed(s, k, h));
        vm.pop_roots(mark);
        return r;
    }
    // A list's or tuple's items at once; anything else (a generator, an
    // iterator) item by item, as CPython's `set_update_internal`: no list
    // gathers them first.
    if Obj::from_value(src).is_some_and(|o| {
        (o.kind() == Kind::LIST || o.kind() == Kind::TUPLE)
            && (o.class() == vm.g.types.list || o.class() == vm.g.types.tuple)
    }) {
        let mark = vm.push_root(s);
        let items = vm.collect(src);
        vm.pop_roots(mark);
        return add_all(vm, s, &items?);
    }
    if vm.set_fill_range(s, src)? {
        return Ok(());
    }
    let mark = vm.push_root(s);
    let r = (|| {
        let it = vm.iter(src)?;
        vm.push_root(it);
        // A generator's simple keys in batches (`gen_next_batch`), while
        // every key the set holds is simple too: adding one then runs no
        // Python code (its hash is native, and so is its comparison with
        // any key it meets), so adding it after the generator ran on is
        // what adding it at its yield would do. A batch ends at the first
        // other key, added before the generator resumes; from then on a
        // simple key may meet it (`__eq__` on equal hashes), so the rest
        // goes one item at a time. An exception from the generator comes
        // after the keys before it.
        if ldict::len(so) == 0 {
            let all_simple = std::cell::Cell::new(true);
            let r = vm.gen_batches(
                it,
                |_| all_simple.get().then_some(DrainKeep::SimpleKeys),
                |vm, x| {
                    vm.set_add(s, x)?;
                    if !vm.is_simple_key(x) {
                        all_simple.set(false);
                    }
                    Ok(true)
                },
            );
            if let Some(done) = r {
                if done? {
                    return Ok(());
                }
            }
        }
        while let Some(x) = vm.next(it)? {
            vm.set_add(s, x)?;
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

fn set_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    let cls = args.pos[0];
    if cls == vm.g.types.frozenset || vm.is_subtype(cls, vm.g.types.frozenset) {
        let fs = vm.g.types.frozenset;
        let init = vm.g.names.__init__;
        if !args.kw.is_empty()
            && (cls == fs || vm.lookup_type(cls, init) == vm.lookup_type(fs, init))
        {
            return Err(vm.type_error("frozenset() takes no keyword arguments"));
        }
        if args.pos.len() > 2 {
            return Err(vm.type_error(&format!(
                "frozenset expected at most 1 argument, got {}",
                args.pos.len() - 1
            )));
        }
        let s = vm.alloc_instance(cls, &[])?;
        if let Some(&src) = args.pos.get(1) {
            if cls == vm.g.types.frozenset
                && Obj::from_value(src).is_some_and(|o| o.class() == vm.g.types.frozenset)
            {
                return Ok(src);
            }
            fill_from(vm, s, src)?;
        }
        return Ok(s);
    }
    vm.alloc_instance(cls, &[])
}

fn set_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    // frozenset has object's __init__, which ignores the arguments its
    // __new__ took (a subclass's __new__ may take keywords).
    if dobj(a[0]).class() == vm.g.types.frozenset || vm.isinstance(a[0], vm.g.types.frozenset) {
        return Ok(Value::NONE);
    }
    if !args.kw.is_empty() {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "set expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    // Emptied first, then filled from the iterable, as CPython's
    // `set_init`: `s.__init__(s)` leaves it empty, and an iterator over it
    // made before sees it change size.
    let d = dobj(a[0]);
    if ldict::len(d) != 0 {
        vm.with_mut_lock(d, |ctx| ldict::clear(ctx, d))?;
    }
    if let Some(&src) = args.pos.get(1) {
        fill_from(vm, a[0], src)?;
    }
    Ok(Value::NONE)
}

fn same_kind_set(vm: &mut Vm, like: Value) -> Value {
    let frozen = vm.isinstance(like, vm.g.types.frozenset);
    vm.new_set(frozen)
}

/// The live items of dict `s` with their stored hashes, in its order.
fn raw_items_hashed(s: Value) -> Vec<(Value, u64)> {
    let mut out = Vec::new();
    ldict::items(dobj(s), &mut out);
    out.into_iter().map(|(k, _, h)| (k, h)).collect()
}

/// Fills the empty set `r` local to this thread with the items of set `s`
/// as CPython's merge into an empty set places them ([`Vm::set_merge`]).
fn copy_items_into(vm: &mut Vm, r: Value, s: Value) {
    debug_assert!(ldict::len(dobj(r)) == 0 && dobj(r).is_local_mutable());
    // No key is compared into an empty local set: nothing can fail.
    let _ = vm.set_merge(r, s);
}

/// Set algebra on two sets: '&', '|', '-', '^', each walking the operands
/// as CPython's setobject.c does (which operand is walked, copies first),
/// so that `__eq__` calls and the results' iteration orders match.
pub fn set_op(vm: &mut Vm, x: Value, y: Value, op: char) -> PyResult<Value> {
    let r = same_kind_set(vm, x);
    let mark = vm.push_root(r);
    vm.push_root(x);
    vm.push_root(y);
    let (lx, ly) = (ldict::len(dobj(x)), ldict::len(dobj(y)));
    // Snapshots (with the hashes the sets stored) walked while `__eq__`
    // runs: rooted, unless every key is simple (then no Python code runs
    // to empty the set they came from).
    let snapshot = |vm: &mut Vm, s: Value| {
        let items = vm.set_items_hashed(s);
        if !items.iter().all(|&(k, _)| vm.is_simple_key(k)) {
            let vals: Vec<Value> = items.iter().map(|&(k, _)| k).collect();
            vm.root_values(&vals);
        }
        items
    };
    let res = (|| {
        match op {
            '&' => {
                // The smaller operand is walked (`y` on a tie), probing the other.
                let (walk, probe) = if ly > lx { (x, y) } else { (y, x) };
                if vm.set_select_simple(r, walk, probe, true) {
                    return Ok(r);
                }
                for (v, h) in snapshot(vm, walk) {
                    if vm.set_contains_hashed(probe, v, h)? {
                        vm.set_add_hashed(r, v, h)?;
                    }
                }
            }
            '|' => {
                // CPython's `set_or`: a copy of `x`, then `y` merged in.
                copy_items_into(vm, r, x);
                vm.set_merge(r, y)?;
            }
            '-' if lx >> 2 > ly => {
                // A much larger `x`: a copy of it, less `y`'s items.
                copy_items_into(vm, r, x);
                for (v, h) in snapshot(vm, y) {
                    vm.set_discard_hashed(r, v, h)?;
                }
                vm.set_drop_dummies(r)?;
            }
            '-' => {
                if vm.set_select_simple(r, x, y, false) {
                    return Ok(r);
                }
                for (v, h) in snapshot(vm, x) {
                    if !vm.set_contains_hashed(y, v, h)? {
                        vm.set_add_hashed(r, v, h)?;
                    }
                }
            }
            _ => {
                // The result starts as a copy of `y`, then each item of `x`
                // is discarded from it or added.
                copy_items_into(vm, r, y);
                for (v, h) in snapshot(vm, x) {
                    if vm.set_contains_hashed(r, v, h)? {
                        vm.set_discard_hashed(r, v, h)?;
                    } else {
                        vm.set_add_hashed(r, v, h)?;
                    }
                }
            }
        }
        Ok(r)
    })();
    vm.pop_roots(mark);
    res
}

/// `v` if it is a set or frozenset, else a new set of its items. The
/// caller roots the result before it runs Python code.
fn as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::SET) {
        return Ok(v);
    }
    let s = vm.new_set(false);
    fill_from(vm, s, v)?;
    Ok(s)
}

/// A new set of `src`'s kind (set or frozenset) holding its items, as
/// CPython's copy (a merge into an empty set) places them.
fn copy_set(vm: &mut Vm, src: Value) -> PyResult<Value> {
    let s = same_kind_set(vm, src);
    copy_items_into(vm, s, src);
    Ok(s)
}

fn is_set(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == Kind::SET)
}

/// A set operator slot, `a[0] op a[1]`, or reflected `a[1] op a[0]` (the
/// result has the left operand's kind, as CPython's slots, which take the
/// left operand first), when the other operand is a set or frozenset;
/// NotImplemented otherwise.
fn set_binop(vm: &mut Vm, a: &[Value], op: char, reflected: bool) -> PyResult<Value> {
    if !is_set(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (x, y) = if reflected {
        (a[1], a[0])
    } else {
        (a[0], a[1])
    };
    set_op(vm, x, y, op)
}

macro_rules! set_binops {
    ($name:ident, $rname:ident, $op:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            set_binop(vm, a, $op, false)
        }
        fn $rname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            set_binop(vm, a, $op, true)
        }
    };
}
set_binops!(set_and, set_rand, '&');
set_binops!(set_or, set_ror, '|');
set_binops!(set_sub, set_rsub, '-');
set_binops!(set_xor, set_rxor, '^');

/// `METH_VARARGS` set methods take no keywords.
fn set_no_kw(vm: &mut Vm, a: &[Value], k: Value, name: &str) -> PyResult<()> {
    if Obj::from_value(k).is_some_and(|k| k.n_values() > 0) {
        let owner = set_owner(vm, a, name);
        return Err(vm.type_error(&format!("{owner}() takes no keyword arguments")));
    }
    Ok(())
}

macro_rules! set_method_op {
    ($name:ident, $op:expr, $pyname:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            set_no_kw(vm, a, k, $pyname)?;
            if a.len() == 1 {
                return copy_set(vm, a[0]);
            }
            fold_set_op(vm, a[0], &a[1..], $op)
        }
    };
}
/// `x op o1 op o2 ...`, each operand made a set first; the intermediate
/// results stay rooted while the next step runs Python code.
fn fold_set_op(vm: &mut Vm, x: Value, others: &[Value], op: char) -> PyResult<Value> {
    let mark = vm.push_root(x);
    let r = (|| {
        let mut r = x;
        for &o in others {
            let os = as_set(vm, o)?;
            vm.push_root(os);
            r = set_op(vm, r, os, op)?;
            vm.push_root(r);
        }
        Ok(r)
    })();
    vm.pop_roots(mark);
    r
}

set_method_op!(set_intersection, '&', "intersection");
set_method_op!(set_union, '|', "union");
set_method_op!(set_difference, '-', "difference");

fn set_symmetric_difference(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if k.is_heap() || a.len() != 2 {
        let owner = set_owner(vm, a, "symmetric_difference");
        check_method(vm, &owner, a, k, 1, 1)?;
    }
    fold_set_op(vm, a[0], &a[1..2], '^')
}

macro_rules! set_inplace {
    ($name:ident, $op:expr, $check:expr) => {
        set_inplace!(
            $name,
            $op,
            $check,
            |_vm: &mut Vm, _a: &[Value], _k: Value| Ok(())
        );
    };
    ($name:ident, $op:expr, $check:expr, $args:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            $args(vm, a, k)?;
            if $check && !is_set(a[1]) {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            set_update_in_place(vm, a[0], &a[1..], $op)?;
            Ok(if $check { a[0] } else { Value::NONE })
        }
    };
}
/// `s op= o1, o2, ...` in place, as CPython's set methods do it: `|` adds
/// each item of each operand, `-` discards each, `^` discards each item
/// present and adds each absent one, so the set is never emptied in
/// between and items other threads add meanwhile stay (the former
/// "compute the result, clear, re-add it" showed other threads an empty
/// set and lost their adds). `&` computes the intersection, then replaces
/// the set's table in one locked step (CPython swaps the bodies).
fn set_update_in_place(vm: &mut Vm, s: Value, others: &[Value], op: char) -> PyResult<()> {
    // Refused even when there is nothing to change (every write re-checks).
    vm.check_mutable(dobj(s))?;
    let mark = vm.push_root(s);
    let r = (|| {
        if op == '&' {
            let r = fold_set_op(vm, s, others, '&')?;
            if r != s {
                vm.push_root(r);
                let (d, ro) = (dobj(s), dobj(r));
                vm.with_mut_lock(d, |ctx| ldict::set_take_table_of(ctx, d, ro))?;
            }
            return Ok(());
        }
        for &o in others {
            if op == '|' && !is_set(o) {
                fill_from(vm, s, o)?;
                continue;
            }
            if op == '-' && !is_set(o) {
                // Each item of a non-set is discarded by its own hash (a
                // dict's stored ones are not used, as in CPython).
                let items = vm.collect(o)?;
                vm.root_values(&items);
                for x in items {
                    vm.set_discard(s, x)?;
                }
                vm.set_drop_dummies(s)?;
                continue;
            }
            // The items of `o` as a set (duplicates dropped, `^` needs it),
            // rooted while `__hash__`/`__eq__` run.
            let mut os = as_set(vm, o)?;
            vm.push_root(os);
            if op == '|' {
                vm.set_merge(s, os)?;
                continue;
            }
            if os == s {
                // CPython's `s -= s` and `s ^= s` clear.
                let d = dobj(s);
                vm.with_mut_lock(d, |ctx| ldict::clear(ctx, d))?;
                continue;
            }
            if op == '-' && ldict::len(dobj(os)) >> 3 > ldict::len(dobj(s)) {
                // CPython walks the intersection instead of a set more
                // than 8 times larger.
                os = set_op(vm, s, os, '&')?;
                vm.push_root(os);
            }
            // Each item goes with the hash `os` stored (CPython reuses the
            // hashes a set or an exact dict holds).
            let items = vm.set_items_hashed(os);
            let keys: Vec<Value> = items.iter().map(|&(x, _)| x).collect();
            vm.root_values(&keys);
            for (x, h) in items {
                // `-` discards each; `^` discards each present, adds the rest.
                if !vm.set_discard_hashed(s, x, h)? && op == '^' {
                    vm.set_add_hashed(s, x, h)?;
                }
            }
            if op == '-' {
                vm.set_drop_dummies(s)?;
            }
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

set_inplace!(set_iand, '&', true);
set_inplace!(set_ior, '|', true);
set_inplace!(set_isub, '-', true);
set_inplace!(set_ixor, '^', true);
set_inplace!(set_intersection_update, '&', false, |vm, a, k| set_no_kw(
    vm,
    a,
    k,
    "intersection_update"
));
set_inplace!(set_update, '|', false, |vm, a, k| set_no_kw(
    vm, a, k, "update"
));
set_inplace!(set_difference_update, '-', false, |vm, a, k| set_no_kw(
    vm,
    a,
    k,
    "difference_update"
));
set_inplace!(set_symmetric_difference_update, '^', false, |vm, a, k| {
    check_method(vm, "set.symmetric_difference_update", a, k, 1, 1)
});

/// `set.NAME` or `frozenset.NAME` for a method's arity message.
fn set_owner(vm: &Vm, a: &[Value], name: &str) -> String {
    let fs = vm.g.types.frozenset;
    let frozen = a.first().is_some_and(|&v| vm.is_subtype(vm.type_of(v), fs));
    format!("{}.{name}", if frozen { "frozenset" } else { "set" })
}

fn set_add(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "set.add", a, k, 1, 1)?;
    vm.set_add(a[0], a[1])?;
    Ok(Value::NONE)
}
fn set_remove(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let owner = set_owner(vm, a, "remove");
    check_method(vm, &owner, a, k, 1, 1)?;
    if !discard_key(vm, a[0], a[1])? {
        return Err(vm.key_error(a[1]));
    }
    Ok(Value::NONE)
}

/// `set_discard_key`: discards `key`, or, when `key` is an unhashable set,
/// the frozenset with its items (as `remove`, `discard` and `in` do).
fn discard_key(vm: &mut Vm, s: Value, key: Value) -> PyResult<bool> {
    match vm.set_discard(s, key) {
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) && is_set(key) => {
            let fs = vm.new_set(true);
            let items = vm.set_items(key);
            add_all(vm, fs, &items)?;
            vm.set_discard(s, fs)
        }
        r => r,
    }
}
fn set_discard(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let owner = set_owner(vm, a, "discard");
    check_method(vm, &owner, a, k, 1, 1)?;
    discard_key(vm, a[0], a[1])?;
    Ok(Value::NONE)
}
fn set_pop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "set.pop", a, k, 0, 0)?;
    match vm.set_pop(a[0])? {
        Some(x) => Ok(x),
        None => Err(vm.new_exc(vm.g.e.KeyError, "pop from an empty set")),
    }
}
fn set_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "set.clear", a, k, 0, 0)?;
    let d = dobj(a[0]);
    vm.with_mut_lock(d, |ctx| ldict::clear(ctx, d))?;
    Ok(Value::NONE)
}
fn set_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if k.is_heap() || a.len() != 1 {
        let owner = set_owner(vm, a, "copy");
        check_method(vm, &owner, a, k, 0, 0)?;
    }
    if Obj::from_value(a[0]).is_some_and(|o| o.class() == vm.g.types.frozenset) {
        return Ok(a[0]);
    }
    copy_set(vm, a[0])
}
fn set_contains_m(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match vm.set_contains(a[0], a[1]) {
        Ok(b) => Ok(Value::bool(b)),
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) && is_set(a[1]) => {
            let fs = vm.new_set(true);
            let items = vm.set_items(a[1]);
            add_all(vm, fs, &items)?;
            Ok(Value::bool(vm.set_contains(a[0], fs)?))
        }
        Err(e) => Err(e),
    }
}
fn set_len(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(ldict::len(dobj(a[0])) as i64))
}
fn set_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match Obj::from_value(a[0]).filter(|o| o.kind() == Kind::SET) {
        Some(o) => Ok(vm.set_iter(o)),
        None => vm.iter(a[0]),
    }
}
fn set_issubset(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let owner = set_owner(vm, a, "issubset");
    check_method(vm, &owner, a, k, 1, 1)?;
    let o = as_set(vm, a[1])?;
    let mark = vm.push_root(o);
    let r = vm.builtin_richcompare(a[0], o, 1);
    vm.pop_roots(mark);
    r
}
fn set_issuperset(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let owner = set_owner(vm, a, "issuperset");
    check_method(vm, &owner, a, k, 1, 1)?;
    let o = as_set(vm, a[1])?;
    let mark = vm.push_root(o);
    let r = vm.builtin_richcompare(a[0], o, 5);
    vm.pop_roots(mark);
    r
}
fn set_isdisjoint(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let owner = set_owner(vm, a, "isdisjoint");
    check_method(vm, &owner, a, k, 1, 1)?;
    let items = vm.collect(a[1])?;
    let mark = vm.root_values(&items);
    let r = (|| {
        for x in items {
            if vm.set_contains(a[0], x)? {
                return Ok(Value::FALSE);
            }
        }
        Ok(Value::TRUE)
    })();
    vm.pop_roots(mark);
    r
}
macro_rules! set_cmp {
    ($name:ident, $op:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            if !is_set(a[1]) {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            vm.builtin_richcompare(a[0], a[1], $op)
        }
    };
}
set_cmp!(set_lt, 0);
set_cmp!(set_le, 1);
set_cmp!(set_eq, 2);
set_cmp!(set_ne, 3);
set_cmp!(set_gt, 4);
set_cmp!(set_ge, 5);

fn set_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let items = vm.set_items(a[0]);
    let tn = vm.type_name_of(a[0]);
    if !items.is_empty() && vm.repr_enter(a[0]) {
        return Ok(vm.new_str(&format!("{tn}(...)")));
    }
    let mark = vm.root_values(&items);
    let parts = items
        .iter()
        .map(|&x| vm.repr_string(x))
        .collect::<PyResult<Vec<String>>>();
    vm.pop_roots(mark);
    if !items.is_empty() {
        vm.repr_leave();
    }
    let parts = parts?;
    let s = if parts.is_empty() {
        format!("{tn}()")
    } else if tn == "set" {
        format!("{{{}}}", parts.join(", "))
    } else {
        format!("{tn}({{{}}})", parts.join(", "))
    };
    Ok(vm.new_str(&s))
}

fn set_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm.new_int(engine::runtime::ops::frozenset_hash(dobj(a[0]))))
}

/// Registers set and frozenset.
/// `set.__reduce__()` / `frozenset.__reduce__()`: `(type(s), (list(s),),
/// s.__getstate__())`, as CPython's `set_reduce`.
fn set_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let s = a[0];
    let mark = vm.push_root(s);
    let r = (|| {
        let (items, _) = vm.collect_rooted(s)?;
        let keys = vm.new_list(&items);
        vm.push_root(keys);
        let args = vm.new_tuple(&[keys]);
        vm.push_root(args);
        let state = vm.call_method(s, "__getstate__", &[])?;
        vm.push_root(state);
        let tp = vm.type_of(s);
        Ok(vm.new_tuple(&[tp, args, state]))
    })();
    vm.pop_roots(mark);
    r
}

pub fn init(vm: &mut Vm) -> PyResult<()> {
    for (t, frozen) in [(vm.g.types.set, false), (vm.g.types.frozenset, true)] {
        vm.add_static(t, "__new__", set_new, false);
        let m: &[(&'static str, NativeFn)] = &[
            ("__init__", set_init),
            ("__and__", set_and),
            ("__rand__", set_rand),
            ("__or__", set_or),
            ("__ror__", set_ror),
            ("__sub__", set_sub),
            ("__rsub__", set_rsub),
            ("__xor__", set_xor),
            ("__rxor__", set_rxor),
            ("intersection", set_intersection),
            ("union", set_union),
            ("difference", set_difference),
            ("symmetric_difference", set_symmetric_difference),
            ("copy", set_copy),
            ("__contains__", set_contains_m),
            ("__len__", set_len),
            ("__iter__", set_iter),
            ("issubset", set_issubset),
            ("issuperset", set_issuperset),
            ("isdisjoint", set_isdisjoint),
            ("__lt__", set_lt),
            ("__le__", set_le),
            ("__eq__", set_eq),
            ("__ne__", set_ne),
            ("__gt__", set_gt),
            ("__ge__", set_ge),
            ("__repr__", set_repr),
            ("__reduce__", set_reduce),
        ];
        for &(n, f) in m {
            vm.add_method(t, n, f);
        }
        if frozen {
            vm.add_method(t, "__hash__", set_hash);
        } else {
            let m: &[(&'static str, NativeFn)] = &[
                ("add", set_add),
                ("remove", set_remove),
                ("discard", set_discard),
                ("pop", set_pop),
                ("clear", set_clear),
                ("__iand__", set_iand),
                ("__ior__", set_ior),
                ("__isub__", set_isub),
                ("__ixor__", set_ixor),
                ("intersection_update", set_intersection_update),
                ("update", set_update),
                ("difference_update", set_difference_update),
                (
                    "symmetric_difference_update",
                    set_symmetric_difference_update,
                ),
            ];
            for &(n, f) in m {
                vm.add_method(t, n, f);
            }
            vm.add_attr(t, "__hash__", Value::NONE);
        }
    }
    Ok(())
}
