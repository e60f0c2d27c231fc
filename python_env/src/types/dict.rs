//! `dict` and its views.
//!
//! Concurrency: writes go through `vm.dict_set`/`dict_del`, which take the
//! object lock of a shared dict for the duration of one primitive;
//! `d[k] = v` and `d.setdefault` are atomic.

use super::clinic;
use super::set::{add_all, set_op};
use crate::args::{check_method, Args};
use engine::runtime::*;
use proto_core::layouts::dict as ldict;
use proto_core::{Kind, Obj, Value};

pub(super) fn dobj(v: Value) -> Obj {
    Obj::from_value(v).expect("dict")
}

/// Inserts the items of `src` (mapping or iterable of pairs) into `d`.
pub fn dict_update_from(vm: &mut Vm, d: Value, src: Value) -> PyResult<()> {
    let mark = vm.push_root(d);
    let r = update_from_rooted(vm, d, src);
    vm.pop_roots(mark);
    r
}

/// The items of dict `src` (snapshot) with their stored hashes, rooted
/// until `pop_roots(mark)`: the caller runs Python code (a key's `__eq__`,
/// a `__repr__`) between items, which may empty `src` (or another thread
/// may) and collect.
fn rooted_items(vm: &mut Vm, src: Value) -> (Vec<(Value, Value, u64)>, usize) {
    let mut items = Vec::new();
    ldict::items(dobj(src), &mut items);
    let flat: Vec<Value> = items.iter().flat_map(|&(k, v, _)| [k, v]).collect();
    let mark = vm.root_values(&flat);
    (items, mark)
}

/// [`dict_update_from`] with `d` rooted.
fn update_from_rooted(vm: &mut Vm, d: Value, src: Value) -> PyResult<()> {
    // A frozendict's entries are immutable and kept alive by `src`.
    if let Some(items) = super::frozendict::items_of(vm, src) {
        return items
            .into_iter()
            .try_for_each(|(k, v)| vm.dict_set(d, k, v));
    }
    if vm.is_plain_iter_dict(src) {
        let (items, mark) = rooted_items(vm, src);
        // The stored hashes are reused, as CPython's `dict_merge`: no key's
        // `__hash__` runs. A key's `__eq__` may change `src`, which
        // `dict_merge` detects after each insertion: its entry table took
        // no new entry and was not replaced (`dk_nentries`). Only this
        // thread's code can change a local `src`; the items of a shared
        // one are a snapshot, as one step under the GIL would see them.
        let entries = |src: Value| {
            let t = ldict::table(dobj(src));
            (t, ldict::used(t))
        };
        let start = entries(src);
        let local = !dobj(src).is_shared();
        let r = items.into_iter().try_for_each(|(k, v, h)| {
            vm.dict_set_hashed(d, k, v, h)?;
            if local && entries(src) != start {
                return Err(vm.new_exc(vm.g.e.RuntimeError, "dict mutated during update"));
            }
            Ok(())
        });
        vm.pop_roots(mark);
        return r;
    }
    if let Some(keys) = vm.getattr_opt(src, vm.g.names.keys)? {
        let ks = vm.call(keys, &[], Value::EMPTY)?;
        let ks = vm.collect(ks)?;
        let holder = vm.new_list(&ks);
        let mark = vm.push_root(holder);
        for k in ks {
            let v = vm.getitem(src, k)?;
            vm.dict_set(d, k, v)?;
        }
        vm.pop_roots(mark);
        return Ok(());
    }
    let items = vm.collect(src)?;
    let holder = vm.new_list(&items);
    let mark = vm.push_root(holder);
    for (i, it) in items.into_iter().enumerate() {
        let pair = match vm.collect(it) {
            Ok(p) => p,
            Err(_) => {
                let tn = vm.type_name_of(it);
                vm.pop_roots(mark);
                let _ = tn;
                return Err(vm.type_error(&format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )));
            }
        };
        if pair.len() != 2 {
            vm.pop_roots(mark);
            return Err(vm.value_error(&format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        vm.dict_set(d, pair[0], pair[1])?;
    }
    vm.pop_roots(mark);
    Ok(())
}

fn dict_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.alloc_instance(a[0], &[])
}

fn dict_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "dict expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    if let Some(&src) = args.pos.get(1) {
        dict_update_from(vm, a[0], src)?;
    }
    for &(kk, vv) in &args.kw {
        vm.dict_set(a[0], kk, vv)?;
    }
    Ok(Value::NONE)
}

fn dict_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.dict_subscript(a[0], a[1])
}

fn dict_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.dict_set(a[0], a[1], a[2])?;
    Ok(Value::NONE)
}

fn dict_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if vm.dict_del(a[0], a[1])?.is_none() {
        return Err(vm.key_error(a[1]));
    }
    Ok(Value::NONE)
}

fn dict_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::bool(vm.dict_get(a[0], a[1])?.is_some()))
}

fn dict_len(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(ldict::len(dobj(a[0])) as i64))
}

fn dict_get(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "dict.get", "get", a, k, 1, 2)?;
    // A subclass's own `__getitem__` or `__missing__` plays no part.
    if let Some(r) = Obj::from_value(a[0])
        .filter(|o| o.kind() == Kind::DICT)
        .and_then(|o| vm.dict_lookup_pure(o, a[1]))
    {
        return Ok(r.unwrap_or(a.get(2).copied().unwrap_or(Value::NONE)));
    }
    Ok(vm
        .dict_get(a[0], a[1])?
        .unwrap_or(a.get(2).copied().unwrap_or(Value::NONE)))
}

fn dict_setdefault(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "dict.setdefault", "setdefault", a, k, 1, 2)?;
    let d = a.get(2).copied().unwrap_or(Value::NONE);
    vm.dict_setdefault(a[0], a[1], d)
}

fn dict_pop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "dict.pop", "pop", a, k, 1, 2)?;
    match vm.dict_del(a[0], a[1])? {
        Some(v) => Ok(v),
        None => match a.get(2) {
            Some(&d) => Ok(d),
            None => Err(vm.key_error(a[1])),
        },
    }
}

fn dict_popitem(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "dict.popitem", a, k, 0, 0)?;
    match pop_last(vm, dobj(a[0]))? {
        Some((key, v)) => Ok(vm.new_tuple(&[key, v])),
        None => Err(vm.new_exc(vm.g.e.KeyError, "popitem(): dictionary is empty")),
    }
}

/// Removes the last live entry of dict `d` and returns its key and value;
/// `None` when empty. The entry is found and deleted in one locked step, by
/// its place in the table, as CPython does: no hashing (a key whose hash
/// changed is popped all the same), and two threads never pop the same
/// item.
pub(super) fn pop_last(vm: &mut Vm, d: Obj) -> PyResult<Option<(Value, Value)>> {
    vm.with_mut_lock(d, |ctx| {
        let t = ldict::table(d);
        let mut e = ldict::used(t).min(ldict::cap(t));
        while e > 0 {
            e -= 1;
            if let Some((key, v, _)) = ldict::live_entry(t, e) {
                ldict::delete(ctx, d, t, e);
                return Some((key, v));
            }
        }
        None
    })
}

fn dict_update(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // Refused even when there is nothing to add (every write re-checks).
    vm.check_mutable(dobj(a[0]))?;
    let args = Args::new(a, k);
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "update expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    if let Some(&src) = args.pos.get(1) {
        dict_update_from(vm, a[0], src)?;
    }
    for &(kk, vv) in &args.kw {
        vm.dict_set(a[0], kk, vv)?;
    }
    Ok(Value::NONE)
}

fn dict_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "dict.clear", a, k, 0, 0)?;
    let d = dobj(a[0]);
    vm.with_mut_lock(d, |ctx| ldict::clear(ctx, d))?;
    Ok(Value::NONE)
}

fn dict_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "dict.copy", a, k, 0, 0)?;
    let d = vm.new_dict();
    dict_update_from(vm, d, a[0])?;
    Ok(d)
}

fn view(vm: &mut Vm, d: Value, cls: Value) -> Value {
    let o = vm.alloc_obj(K_DICTVIEW, cls, 1, 0);
    o.init(0, d);
    o.value()
}

fn dict_keys(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "dict.keys", a, k, 0, 0)?;
    let c = vm.g.types.dict_keys;
    Ok(view(vm, a[0], c))
}
fn dict_values(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "dict.values", a, k, 0, 0)?;
    let c = vm.g.types.dict_values;
    Ok(view(vm, a[0], c))
}
fn dict_items(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "dict.items", a, k, 0, 0)?;
    let c = vm.g.types.dict_items;
    Ok(view(vm, a[0], c))
}

fn dict_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let c = vm.g.types.dict_keyiter;
    Ok(vm.new_seq_iter(c, a[0], 0))
}

fn dict_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut ks: Vec<Value> = vm.dict_items(a[0]).into_iter().map(|(k, _)| k).collect();
    ks.reverse();
    let l = vm.new_list(&ks);
    let c = vm.g.types.list_iter;
    Ok(vm.new_seq_iter(c, l, 0))
}

fn dict_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (items, mark) = rooted_items(vm, a[0]);
    let parts = items
        .into_iter()
        .map(|(k, v, _)| {
            let ks = vm.repr_string(k)?;
            let vs = vm.repr_string(v)?;
            Ok(format!("{ks}: {vs}"))
        })
        .collect::<PyResult<Vec<String>>>();
    vm.pop_roots(mark);
    Ok(vm.new_str(&format!("{{{}}}", parts?.join(", "))))
}

fn dict_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::DICT) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    vm.builtin_richcompare(a[0], a[1], 2)
}
fn dict_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::DICT) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    vm.builtin_richcompare(a[0], a[1], 3)
}

/// `dict | other` for a dict or frozendict `other` (PEP 814: `dict |
/// frozendict` is a dict).
fn dict_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !(Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::DICT)
        || super::frozendict::is_frozendict(a[1]))
    {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let d = dict_copy(vm, &a[..1], Value::EMPTY)?;
    // `dict_update_from` roots `d` while it runs.
    dict_update_from(vm, d, a[1])?;
    Ok(d)
}

/// `dict.__ror__(self, value)`: `value | self` for a dict `value` (a new
/// plain dict: a copy of `value` updated with `self`).
fn dict_ror(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::DICT) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let d = dict_copy(vm, &a[1..2], Value::EMPTY)?;
    let mark = vm.push_root(d);
    let r = dict_update_from(vm, d, a[0]);
    vm.pop_roots(mark);
    r?;
    Ok(d)
}

fn dict_ior(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    dict_update_from(vm, a[0], a[1])?;
    Ok(a[0])
}

fn dict_fromkeys(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if k.is_heap() || !(2..=3).contains(&a.len()) {
        // A classmethod: its qualified name is its class's.
        let q = format!("{}.fromkeys", type_name(a[0]));
        clinic::method_positional(vm, &q, "fromkeys", a, k, 1, 2)?;
    }
    let cls = a[0];
    let d = vm.call(cls, &[], Value::EMPTY)?;
    let mark = vm.push_root(d);
    let v = a.get(2).copied().unwrap_or(Value::NONE);
    // An exact dict filled from an exact dict, set or frozenset takes the
    // keys with their stored hashes, as CPython's: no `__hash__` runs.
    let src = a[1];
    let t = &vm.g.types;
    let hashed = vm.type_of(d) == t.dict
        && Obj::from_value(src).is_some_and(|o| {
            let c = o.class();
            (o.kind() == Kind::DICT && c == t.dict)
                || (o.kind() == Kind::SET && (c == t.set || c == t.frozenset))
        });
    if hashed {
        let mut items = Vec::new();
        ldict::items(dobj(src), &mut items);
        let keys: Vec<Value> = items.iter().map(|&(k, _, _)| k).collect();
        vm.root_values(&keys);
        let r = items
            .into_iter()
            .try_for_each(|(k, _, h)| vm.dict_set_hashed(d, k, v, h));
        vm.pop_roots(mark);
        return r.map(|()| d);
    }
    // The keys and `d` stay rooted while `__hash__`/`__setitem__` run.
    let r = vm.collect(a[1]).and_then(|keys| {
        vm.root_values(&keys);
        keys.into_iter().try_for_each(|k| vm.setitem(d, k, v))
    });
    vm.pop_roots(mark);
    r.map(|()| d)
}

// ---------------------------------------------------------------- views

/// The builtin view class of view `o`: its own, or the one an OrderedDict
/// view (`odict_keys`...) derives from.
fn view_class(vm: &Vm, o: Obj) -> Value {
    let c = o.class();
    match vm.g.odict_types.get() {
        Some(od) if c == od[1] => vm.g.types.dict_keys,
        Some(od) if c == od[2] => vm.g.types.dict_values,
        Some(od) if c == od[3] => vm.g.types.dict_items,
        _ => c,
    }
}

fn view_dict(v: Value) -> Value {
    dobj(v).get(0)
}

fn view_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = vm.len(view_dict(a[0]))?;
    Ok(Value::int(n as i64))
}

fn view_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = dobj(a[0]);
    let vc = view_class(vm, o);
    let t = &vm.g.types;
    let c = if vc == t.dict_values {
        t.dict_valueiter
    } else if vc == t.dict_items {
        t.dict_itemiter
    } else {
        t.dict_keyiter
    };
    Ok(vm.new_seq_iter(c, o.get(0), 0))
}

fn view_items_vec(vm: &mut Vm, v: Value) -> Vec<Value> {
    let o = dobj(v);
    let d = o.get(0);
    let items = vm.dict_items(d);
    let vc = view_class(vm, o);
    let t = &vm.g.types;
    if vc == t.dict_values {
        items.into_iter().map(|(_, v)| v).collect()
    } else if vc == t.dict_items {
        items
            .into_iter()
            .map(|(k, v)| vm.new_tuple(&[k, v]))
            .collect()
    } else {
        items.into_iter().map(|(k, _)| k).collect()
    }
}

fn view_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // A view among its own dict's values: `...` inside (`Py_ReprEnter`).
    if vm.repr_enter(a[0]) {
        return Ok(vm.new_str("..."));
    }
    let items = view_items_vec(vm, a[0]);
    let l = vm.new_list(&items);
    let r = vm.repr_string(l);
    vm.repr_leave();
    let tn = vm.type_name_of(a[0]);
    Ok(vm.new_str(&format!("{tn}({})", r?)))
}

fn view_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = dobj(a[0]);
    let vc = view_class(vm, o);
    let t = &vm.g.types;
    if vc == t.dict_keys {
        return Ok(Value::bool(vm.dict_get(o.get(0), a[1])?.is_some()));
    }
    if vc == t.dict_items {
        // `dictitems_contains`: the key's value, compared with `==`.
        let pair = Obj::from_value(a[1]).filter(|p| p.kind() == Kind::TUPLE && p.n_values() == 2);
        let Some(p) = pair else {
            return Ok(Value::FALSE);
        };
        let (key, value) = (p.get(0), p.get(1));
        return match vm.dict_get(o.get(0), key)? {
            Some(found) if found == value => Ok(Value::TRUE),
            Some(found) => {
                // `__eq__` may drop the entry from the dict.
                let mark = vm.push_root(found);
                let r = vm.eq(found, value);
                vm.pop_roots(mark);
                Ok(Value::bool(r?))
            }
            None => Ok(Value::FALSE),
        };
    }
    let items = view_items_vec(vm, a[0]);
    for x in items {
        if vm.eq(x, a[1])? {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn view_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut items = view_items_vec(vm, a[0]);
    items.reverse();
    let l = vm.new_list(&items);
    let c = vm.g.types.list_iter;
    Ok(vm.new_seq_iter(c, l, 0))
}

fn view_setop(vm: &mut Vm, a: &[Value], op: char) -> PyResult<Value> {
    let x = view_items_vec(vm, a[0]);
    let s1 = vm.new_set(false);
    add_all(vm, s1, &x)?;
    let mark = vm.push_root(s1);
    let r = (|| {
        let other = vm.collect(a[1])?;
        let s2 = vm.new_set(false);
        add_all(vm, s2, &other)?;
        vm.push_root(s2);
        set_op(vm, s1, s2, op)
    })();
    vm.pop_roots(mark);
    r
}
/// A set of the view's items (rooted by the caller through the result).
fn view_as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let x = view_items_vec(vm, v);
    let s = vm.new_set(false);
    add_all(vm, s, &x)?;
    Ok(s)
}

fn view_rsub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s1 = view_as_set(vm, a[0])?;
    let mark = vm.push_root(s1);
    let r = (|| {
        let other = vm.collect(a[1])?;
        let s2 = vm.new_set(false);
        add_all(vm, s2, &other)?;
        vm.push_root(s2);
        set_op(vm, s2, s1, '-')
    })();
    vm.pop_roots(mark);
    r
}

/// Rich comparison `op` (CPython's codes: 0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=)
/// of a keys/items view with a set or view.
fn view_cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let set_like = Obj::from_value(a[1]).is_some_and(|o| {
        o.kind() == Kind::SET
            || (o.kind() == K_DICTVIEW && view_class(vm, o) != vm.g.types.dict_values)
    });
    if !set_like {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    // CPython's `dictview_richcompare`: sizes first, then membership of
    // each item in the other side (`in`, so an items view compares values
    // with `==` and needs no hash of them).
    let (n1, n2) = (vm.len(a[0])?, vm.len(a[1])?);
    let (applies, sub, sup) = match op {
        2 | 3 => (n1 == n2, a[0], a[1]),
        0 => (n1 < n2, a[0], a[1]),
        1 => (n1 <= n2, a[0], a[1]),
        4 => (n1 > n2, a[1], a[0]),
        _ => (n1 >= n2, a[1], a[0]),
    };
    let mut ok = applies && all_contained_in(vm, sub, sup)?;
    if op == 3 {
        ok = !ok;
    }
    Ok(Value::bool(ok))
}

/// Is every item of iterable `sub` in `sup`?
fn all_contained_in(vm: &mut Vm, sub: Value, sup: Value) -> PyResult<bool> {
    let (items, mark) = vm.collect_rooted(sub)?;
    let r = (|| {
        for x in items {
            if !vm.contains(sup, x)? {
                return Ok(false);
            }
        }
        Ok(true)
    })();
    vm.pop_roots(mark);
    r
}
fn view_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 0)
}
fn view_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 1)
}
fn view_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = dobj(a[0]);
    if view_class(vm, o) == vm.g.types.dict_values {
        return Ok(Value::bool(a[0] != a[1]));
    }
    view_cmp(vm, a, 3)
}
fn view_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 4)
}
fn view_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 5)
}

fn view_isdisjoint(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if k.is_heap() || a.len() != 2 {
        let q = format!("{}.isdisjoint", vm.type_name_of(a[0]));
        check_method(vm, &q, a, k, 1, 1)?;
    }
    let other = vm.collect(a[1])?;
    let keep = vm.new_tuple(&other);
    let mark = vm.push_root(keep);
    let r = (|| {
        for x in other {
            let c = view_contains(vm, &[a[0], x], Value::EMPTY)?;
            if c == Value::TRUE {
                return Ok(Value::FALSE);
            }
        }
        Ok(Value::TRUE)
    })();
    vm.pop_roots(mark);
    r
}

fn view_mapping(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = dobj(a[0]).get(0);
    Ok(crate::types::mappingproxy::new_proxy(vm, d))
}

fn view_and(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '&')
}
fn view_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '|')
}
fn view_sub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '-')
}
fn view_xor(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '^')
}
fn view_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = dobj(a[0]);
    if view_class(vm, o) == vm.g.types.dict_values {
        return Ok(Value::bool(a[0] == a[1]));
    }
    view_cmp(vm, a, 2)
}

/// Registers dict and its views.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.dict;
    vm.add_static(t, "__new__", dict_new, false);
    vm.add_static(t, "fromkeys", dict_fromkeys, true);
    let m: &[(&'static str, NativeFn)] = &[
        ("__init__", dict_init),
        ("__getitem__", dict_getitem),
        ("__setitem__", dict_setitem),
        ("__delitem__", dict_delitem),
        ("__contains__", dict_contains),
        ("__len__", dict_len),
        ("__iter__", dict_iter),
        ("__reversed__", dict_reversed),
        ("__repr__", dict_repr),
        ("__eq__", dict_eq),
        ("__ne__", dict_ne),
        ("__or__", dict_or),
        ("__ror__", dict_ror),
        ("__ior__", dict_ior),
        ("get", dict_get),
        ("setdefault", dict_setdefault),
        ("pop", dict_pop),
        ("popitem", dict_popitem),
        ("update", dict_update),
        ("clear", dict_clear),
        ("copy", dict_copy),
        ("keys", dict_keys),
        ("values", dict_values),
        ("items", dict_items),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    let k = vm.intern("get");
    if let Some(get) = vm.lookup_type(t, k) {
        vm.g.builtin_dict_get
            .store(get.bits(), proto_core::sync::Ordering::Release);
    }
    for t in [
        vm.g.types.dict_keys,
        vm.g.types.dict_values,
        vm.g.types.dict_items,
    ] {
        let m: &[(&'static str, NativeFn)] = &[
            ("__len__", view_len),
            ("__iter__", view_iter),
            ("__repr__", view_repr),
            ("__contains__", view_contains),
            ("__reversed__", view_reversed),
            ("__eq__", view_eq),
            ("__ne__", view_ne),
        ];
        for &(n, f) in m {
            vm.add_method(t, n, f);
        }
        super::descr::add_getsets(vm, t, &[("mapping", view_mapping, None)]);
        if t == vm.g.types.dict_values {
            continue;
        }
        // keys and items views are set-like and unhashable.
        let m: &[(&'static str, NativeFn)] = &[
            ("__and__", view_and),
            ("__rand__", view_and),
            ("__or__", view_or),
            ("__ror__", view_or),
            ("__sub__", view_sub),
            ("__rsub__", view_rsub),
            ("__xor__", view_xor),
            ("__rxor__", view_xor),
            ("__lt__", view_lt),
            ("__le__", view_le),
            ("__gt__", view_gt),
            ("__ge__", view_ge),
            ("isdisjoint", view_isdisjoint),
        ];
        for &(n, f) in m {
            vm.add_method(t, n, f);
        }

        vm.add_attr(t, "__hash__", Value::NONE);
    }
    Ok(())
}
