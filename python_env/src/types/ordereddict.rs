//! `collections.OrderedDict` (`_collections.OrderedDict`), its views
//! `odict_keys`/`odict_values`/`odict_items` and `odict_iterator`.
//!
//! An OrderedDict is a dict (`Kind::DICT`) whose order is its table's entry
//! order, which a dict already keeps: inserting appends, deleting leaves the
//! others in place, and the two moves CPython keeps a linked list for are
//! table operations (`move_to_end(last=True)` is the LRU move of
//! `ldict::move_to_end`, `last=False` is `ldict::move_to_front`). So every
//! method of an exact OrderedDict is one dict operation under the dict's
//! object lock: two threads moving, popping and inserting keys of one shared
//! OrderedDict never lose or duplicate a key (CPython's pure-Python class,
//! which ProtoPy ran before, updates its linked list in several steps).
//!
//! Layout: the dict header, whose free value ([`CONTAINER_DICT`]) holds the
//! instance `__dict__` (the type has `TF_INST_DICT`: CPython's OrderedDict
//! instances have a `__dict__` and take weak references), then three values
//! for the front of the order: [`HINT_TABLE`], the table the next two
//! describe; [`HINT_FIRST`], an entry index of that table before which
//! every entry is dead or reserved (where `popitem(last=False)` starts
//! looking); [`HINT_RESERVED`], the number of never-written entries at the
//! table's front that `move_to_end(last=False)` fills in O(1). Any other
//! table (the dict grew, was cleared or copied) has neither: its hints are
//! 0. The hints are read and written under the dict's lock only.
//!
//! Iterators step by entry index and refuse a dict whose version (bumped by
//! every insertion, deletion, move and clear) or length changed since they
//! began, with CPython's messages. Subclasses: `update`, `__init__`, `|`,
//! `setdefault` and `copy` go through `__setitem__`/`__getitem__`/
//! `__contains__` as CPython's C class does; `pop` and `popitem` do not.

use super::dict::dict_update_from;
use crate::args::check_method;
use crate::types::clinic;
use engine::runtime::*;
use proto_core::layouts::dict::{self as ldict, Probe, HEADER_VALUES};
use proto_core::layouts::{get_raw, set_raw};
use proto_core::{Kind, Obj, ProtoContext, Value};

/// Value index of the table the front hints belong to.
const HINT_TABLE: usize = HEADER_VALUES;
/// Value index of the first entry that may be live (an int).
const HINT_FIRST: usize = HEADER_VALUES + 1;
/// Value index of the count of reserved front entries (an int).
const HINT_RESERVED: usize = HEADER_VALUES + 2;
/// Values after the dict header.
const NSLOTS: u64 = 3;

/// Iterator raw words: next entry index (one past it when reversed), the
/// dict's version and length at the start, and the kind flags.
const IT_POS: usize = 0;
const IT_VERSION: usize = 1;
const IT_SIZE: usize = 2;
const IT_FLAGS: usize = 3;
const IT_KEYS: u64 = 1;
const IT_VALUES: u64 = 2;
const IT_REVERSED: u64 = 4;

const DOC: &str = "Dictionary that remembers insertion order";

/// `[OrderedDict, odict_keys, odict_values, odict_items, odict_iterator]`.
fn types(vm: &Vm) -> [Value; 5] {
    *vm.g.odict_types.get().expect("OrderedDict types")
}

/// Is `v` an OrderedDict (any subclass)?
pub fn is_odict(vm: &Vm, v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == Kind::DICT)
        && vm
            .g
            .odict_types
            .get()
            .is_some_and(|t| vm.is_subtype(vm.type_of(v), t[0]))
}

/// Is `v` exactly an OrderedDict (no subclass that may override methods)?
fn is_exact(vm: &Vm, v: Value) -> bool {
    vm.g.odict_types
        .get()
        .is_some_and(|t| vm.type_of(v) == t[0])
}

/// `self` of a method: an OrderedDict, or CPython's descriptor TypeError.
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    match a.first() {
        Some(&s) if is_odict(vm, s) => Ok(Obj::from_value(s).expect("dict")),
        _ => {
            let tn = a.first().map_or("NoneType".into(), |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 'collections.OrderedDict' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The front hints of `d` for its current table `t`: (first possibly live
/// entry, reserved front entries); (0, 0) when they describe another table.
/// Caller holds the lock if shared.
fn hints(d: Obj, t: Obj) -> (usize, usize) {
    if d.n_values() <= HINT_RESERVED || d.get(HINT_TABLE) != t.value() {
        return (0, 0);
    }
    let int = |v: Value| v.as_int().map_or(0, |n| n as usize);
    (int(d.get(HINT_FIRST)), int(d.get(HINT_RESERVED)))
}

/// Records the front hints of `d` for table `t`. Caller holds the lock if
/// shared (the table is shared exactly when the dict is).
fn set_hints(ctx: &mut ProtoContext, d: Obj, t: Obj, first: usize, reserved: usize) {
    if d.n_values() <= HINT_RESERVED {
        return;
    }
    ctx.store(d, HINT_TABLE, t.value());
    ctx.store(d, HINT_FIRST, Value::int(first as i64));
    ctx.store(d, HINT_RESERVED, Value::int(reserved as i64));
}

/// `od[key] = value` as `PyObject_SetItem`: the dict store for an exact
/// OrderedDict, the class's `__setitem__` otherwise.
fn set_item(vm: &mut Vm, od: Value, key: Value, value: Value) -> PyResult<()> {
    if is_exact(vm, od) {
        vm.dict_set(od, key, value)
    } else {
        vm.setitem(od, key, value)
    }
}

// ------------------------------------------------------------- update

/// Stores each `(key, value)` pair of the iterable `pairs` (CPython's
/// `mutablemapping_add_pairs`, with its messages).
fn add_pairs(vm: &mut Vm, od: Value, pairs: Value) -> PyResult<()> {
    let it = vm.iter(pairs)?;
    let mark = vm.push_root(it);
    let r = (|| {
        while let Some(pair) = vm.next(it)? {
            let m = vm.push_root(pair);
            // An exact tuple or list unpacks without an iterator.
            let t = &vm.g.types;
            let exact = Obj::from_value(pair).is_some_and(|o| {
                (o.kind() == Kind::TUPLE && o.class() == t.tuple)
                    || (o.kind() == Kind::LIST && o.class() == t.list)
            });
            if exact {
                match vm.seq_items(pair)[..] {
                    [key, value] => set_item(vm, od, key, value)?,
                    [] => return Err(vm.value_error("need more than 0 values to unpack")),
                    [_] => return Err(vm.value_error("need more than 1 value to unpack")),
                    _ => return Err(vm.value_error("too many values to unpack (expected 2)")),
                }
                vm.pop_roots(m);
                continue;
            }
            let pit = vm.iter(pair)?;
            vm.push_root(pit);
            let Some(key) = vm.next(pit)? else {
                return Err(vm.value_error("need more than 0 values to unpack"));
            };
            vm.push_root(key);
            let Some(value) = vm.next(pit)? else {
                return Err(vm.value_error("need more than 1 value to unpack"));
            };
            vm.push_root(value);
            if vm.next(pit)?.is_some() {
                return Err(vm.value_error("too many values to unpack (expected 2)"));
            }
            set_item(vm, od, key, value)?;
            vm.pop_roots(m);
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

/// Adds the items of `arg` to `od` (CPython's `mutablemapping_update_arg`):
/// an exact dict's items; a mapping's `keys()` with `arg[key]`; an object's
/// `items()`; or an iterable of pairs.
fn update_arg(vm: &mut Vm, od: Value, arg: Value) -> PyResult<()> {
    let mark = vm.push_root(od);
    vm.push_root(arg);
    let r = update_arg_rooted(vm, od, arg);
    vm.pop_roots(mark);
    r
}

fn update_arg_rooted(vm: &mut Vm, od: Value, arg: Value) -> PyResult<()> {
    let exact_dict = Obj::from_value(arg)
        .is_some_and(|o| o.kind() == Kind::DICT && o.class() == vm.g.types.dict);
    if exact_dict {
        if is_exact(vm, od) {
            // Each pair stored as `od[k] = v` would be: dict's own merge.
            return dict_update_from(vm, od, arg);
        }
        let items: Vec<Value> = vm
            .dict_items(arg)
            .into_iter()
            .flat_map(|(k, v)| [k, v])
            .collect();
        let m = vm.root_values(&items);
        let r = items
            .chunks(2)
            .try_for_each(|kv| set_item(vm, od, kv[0], kv[1]));
        vm.pop_roots(m);
        return r;
    }
    let keys_n = vm.intern("keys");
    if let Some(f) = vm.getattr_opt(arg, keys_n)? {
        let keys = vm.call(f, &[], Value::EMPTY)?;
        let it = vm.iter(keys)?;
        let m = vm.push_root(it);
        let r = (|| {
            while let Some(key) = vm.next(it)? {
                let km = vm.push_root(key);
                let value = vm.getitem(arg, key)?;
                vm.push_root(value);
                set_item(vm, od, key, value)?;
                vm.pop_roots(km);
            }
            Ok(())
        })();
        vm.pop_roots(m);
        return r;
    }
    let items_n = vm.intern("items");
    if let Some(f) = vm.getattr_opt(arg, items_n)? {
        let items = vm.call(f, &[], Value::EMPTY)?;
        let m = vm.push_root(items);
        let r = add_pairs(vm, od, items);
        vm.pop_roots(m);
        return r;
    }
    add_pairs(vm, od, arg)
}

/// `update(self, other=(), /, **kwds)` (CPython's
/// `mutablemapping_update`).
fn update_impl(vm: &mut Vm, a: &[Value], k: Value, what: &str) -> PyResult<Value> {
    // Refused even when there is nothing to add, as dict.update.
    vm.check_mutable(Obj::from_value(a[0]).expect("dict"))?;
    let crate::args::Args { pos, kw } = crate::args::Args::new(a, k);
    let n = pos.len() - 1;
    if n > 1 {
        let msg = if what == "__init__" {
            format!("expected at most 1 arguments, got {n}")
        } else {
            format!("update() takes at most 1 positional argument ({n} given)")
        };
        return Err(vm.type_error(&msg));
    }
    if n == 1 {
        update_arg(vm, a[0], pos[1])?;
    }
    for (key, value) in kw {
        set_item(vm, a[0], key, value)?;
    }
    Ok(Value::NONE)
}

fn od_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    this(vm, a, "__init__")?;
    update_impl(vm, a, k, "__init__")
}

fn od_update(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    this(vm, a, "update")?;
    update_impl(vm, a, k, "update")
}

// ------------------------------------------------------------- moves and pops

/// `move_to_end(key, last=True)`: KeyError when `key` is absent.
fn od_move_to_end(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "move_to_end")?;
    let [key, last] = clinic::unpack(vm, "move_to_end", &a[1..], k, ["key", "last"], 0, 1, 2)?;
    let key = key.expect("required");
    let last = match last {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    // A frozen OrderedDict refuses even a move that changes nothing.
    vm.check_mutable(d)?;
    // An empty dict answers without hashing the key, as CPython's.
    if ldict::len(d) == 0 {
        return Err(vm.key_error(key));
    }
    if last {
        return match vm.dict_move_to_end(d.value(), key)? {
            Some(_) => Ok(Value::NONE),
            None => Err(vm.key_error(key)),
        };
    }
    let h = vm.hash(key)? as u64;
    let found = vm.dict_rmw(d, key, h, |ctx, t, p| match p {
        Probe::Found(e) => {
            let (first, reserved) = hints(d, t);
            if ldict::first_live(t, first) == Some(e) {
                set_hints(ctx, d, t, e, reserved);
            } else {
                let (nt, r) = ldict::move_to_front(ctx, d, t, e, reserved);
                set_hints(ctx, d, nt, r, r);
            }
            true
        }
        Probe::Vacant(_) => false,
    })?;
    if found {
        Ok(Value::NONE)
    } else {
        Err(vm.key_error(key))
    }
}

/// Removes and returns the first (`last` false) or last live entry of `d`
/// in one locked step; `None` when empty.
fn pop_end(vm: &mut Vm, d: Obj, last: bool) -> PyResult<Option<(Value, Value)>> {
    if last {
        return super::dict::pop_last(vm, d);
    }
    vm.with_mut_lock(d, |ctx| {
        let t = ldict::table(d);
        let (first, reserved) = hints(d, t);
        let e = ldict::first_live(t, first)?;
        let (key, v, _) = ldict::entry(t, e);
        ldict::delete(ctx, d, t, e);
        set_hints(ctx, d, t, e + 1, reserved);
        Some((key, v))
    })
}

/// `popitem(last=True)`: the last (or first) item, removed.
fn od_popitem(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "popitem")?;
    let [last] = clinic::unpack(vm, "popitem", &a[1..], k, ["last"], 0, 0, 1)?;
    let last = match last {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    match pop_end(vm, d, last)? {
        Some((key, v)) => Ok(vm.new_tuple(&[key, v])),
        None => Err(vm.new_exc(vm.g.e.KeyError, "dictionary is empty")),
    }
}

/// `pop(key[, default])`: the dict's own removal (no `__getitem__` or
/// `__delitem__` of a subclass runs, as in CPython 3.11).
fn od_pop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "pop")?;
    vm.check_mutable(d)?;
    let [key, default] = clinic::unpack(vm, "pop", &a[1..], k, ["key", "default"], 0, 1, 2)?;
    let key = key.expect("required");
    match vm.dict_del(a[0], key)? {
        Some(v) => Ok(v),
        None => default.ok_or_else(|| vm.key_error(key)),
    }
}

/// `setdefault(key, default=None)`: one atomic step on an exact
/// OrderedDict; a subclass's `__contains__`, `__getitem__` and
/// `__setitem__` otherwise.
fn od_setdefault(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "setdefault")?;
    vm.check_mutable(d)?;
    let [key, default] = clinic::unpack(vm, "setdefault", &a[1..], k, ["key", "default"], 0, 1, 2)?;
    let (key, default) = (key.expect("required"), default.unwrap_or(Value::NONE));
    if is_exact(vm, a[0]) {
        return vm.dict_setdefault(a[0], key, default);
    }
    if vm.contains(a[0], key)? {
        vm.getitem(a[0], key)
    } else {
        vm.setitem(a[0], key, default)?;
        Ok(default)
    }
}

// ------------------------------------------------------------- copies, repr, compare

/// `copy()`: a new OrderedDict of the same class with the same items in
/// the same order (a subclass: `type(self)()` filled through
/// `self[key]` and `copy[key] = value`).
fn od_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "copy", a, k, 0, 0)?;
    this(vm, a, "copy")?;
    let cls = vm.type_of(a[0]);
    let new = vm.call(cls, &[], Value::EMPTY)?;
    let mark = vm.push_root(new);
    let r = if is_exact(vm, a[0]) {
        dict_update_from(vm, new, a[0])
    } else {
        let keys: Vec<Value> = vm.dict_items(a[0]).into_iter().map(|(k, _)| k).collect();
        vm.root_values(&keys);
        keys.into_iter().try_for_each(|key| {
            let v = vm.getitem(a[0], key)?;
            let m = vm.push_root(v);
            let r = vm.setitem(new, key, v);
            vm.pop_roots(m);
            r
        })
    };
    vm.pop_roots(mark);
    r.map(|()| new)
}

/// `repr(od)`: `OrderedDict([(k, v), ...])` with the class's name,
/// `OrderedDict()` when empty and `...` when already being repr'd.
fn od_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__repr__")?;
    let tn = type_short_name(vm.type_of(a[0]));
    if ldict::len(d) == 0 {
        return Ok(vm.new_str(&format!("{tn}()")));
    }
    if vm.repr_enter(a[0]) {
        return Ok(vm.new_str("..."));
    }
    let r = (|| {
        let pairs = if is_exact(vm, a[0]) {
            let items = vm.dict_items(a[0]);
            let flat: Vec<Value> = items.iter().flat_map(|&(k, v)| [k, v]).collect();
            let m = vm.root_values(&flat);
            let pairs: Vec<Value> = items.iter().map(|&(k, v)| vm.new_tuple(&[k, v])).collect();
            let l = vm.new_list(&pairs);
            vm.pop_roots(m);
            l
        } else {
            let items = vm.call_method(a[0], "items", &[])?;
            let m = vm.push_root(items);
            let l = vm.collect(items).map(|v| vm.new_list(&v));
            vm.pop_roots(m);
            l?
        };
        let m = vm.push_root(pairs);
        let s = vm.repr_string(pairs);
        vm.pop_roots(m);
        s
    })();
    vm.repr_leave();
    Ok(vm.new_str(&format!("{tn}({})", r?)))
}

/// `==` / `!=` (`op` 2 / 3): a dict's comparison, then, when both sides
/// are OrderedDicts, their keys compared in order.
fn richcompare(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let is_dict = Obj::from_value(a[1]).is_some_and(|o| o.kind() == Kind::DICT);
    if !is_odict(vm, a[0]) || !is_dict {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let cmp = vm.builtin_richcompare(a[0], a[1], op)?;
    if !is_odict(vm, a[1]) || cmp == Value::bool(op == 3) {
        return Ok(cmp);
    }
    let ka: Vec<Value> = vm.dict_items(a[0]).into_iter().map(|(k, _)| k).collect();
    let kb: Vec<Value> = vm.dict_items(a[1]).into_iter().map(|(k, _)| k).collect();
    let mut same = ka.len() == kb.len();
    if same {
        let m = vm.root_values(&ka);
        vm.root_values(&kb);
        let r = (|| {
            for (&x, &y) in ka.iter().zip(&kb) {
                if !vm.eq(x, y)? {
                    return Ok(false);
                }
            }
            Ok(true)
        })();
        vm.pop_roots(m);
        same = r?;
    }
    Ok(Value::bool(same == (op == 2)))
}

fn od_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcompare(vm, a, 2)
}

fn od_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcompare(vm, a, 3)
}

/// `__reduce__()`: `(type, (), self.__getstate__(), None,
/// iter(self.items()))`.
fn od_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "__reduce__", a, k, 0, 0)?;
    this(vm, a, "__reduce__")?;
    let state = vm.call_method(a[0], "__getstate__", &[])?;
    let mark = vm.push_root(state);
    let r = (|| {
        let items = vm.call_method(a[0], "items", &[])?;
        vm.push_root(items);
        let it = vm.iter(items)?;
        vm.push_root(it);
        let args = vm.new_tuple(&[]);
        vm.push_root(args);
        let cls = vm.type_of(a[0]);
        Ok(vm.new_tuple(&[cls, args, state, Value::NONE, it]))
    })();
    vm.pop_roots(mark);
    r
}

/// `__sizeof__()`: the bytes the OrderedDict owns (its cells, its table,
/// its instance dict), as `object.__sizeof__` counts them.
fn od_sizeof(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "__sizeof__", a, k, 0, 0)?;
    this(vm, a, "__sizeof__")?;
    Ok(Value::int(vm.owned_bytes(a[0]) as i64))
}

/// `self | other`: `type(self)(self)` updated with the dict `other`.
fn od_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    or_impl(vm, a[0], a[1], a[0], a[1])
}

/// `other | self` (`other` a dict): `type(self)(other)` updated with self.
fn od_ror(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    or_impl(vm, a[0], a[1], a[1], a[0])
}

/// CPython's `odict_or(left, right)` for the OrderedDict `od` and the
/// other operand `other`: `type(od)(left)` updated with `right`.
fn or_impl(vm: &mut Vm, od: Value, other: Value, left: Value, right: Value) -> PyResult<Value> {
    if !is_odict(vm, od) || !Obj::from_value(other).is_some_and(|o| o.kind() == Kind::DICT) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let cls = vm.type_of(od);
    let new = vm.call(cls, &[left], Value::EMPTY)?;
    let mark = vm.push_root(new);
    let r = update_arg(vm, new, right);
    vm.pop_roots(mark);
    r.map(|()| new)
}

/// `self |= other`: `update(other)` for any mapping or iterable of pairs.
fn od_ior(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__ior__")?;
    vm.check_mutable(d)?;
    update_arg(vm, a[0], a[1])?;
    Ok(a[0])
}

/// `fromkeys(iterable, value=None)` (a classmethod): `cls()` with each key
/// stored through `__setitem__`.
fn od_fromkeys(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [seq, value] = clinic::unpack(vm, "fromkeys", &a[1..], k, ["iterable", "value"], 0, 1, 2)?;
    let (seq, value) = (seq.expect("required"), value.unwrap_or(Value::NONE));
    let new = vm.call(a[0], &[], Value::EMPTY)?;
    let mark = vm.push_root(new);
    let r = (|| {
        let it = vm.iter(seq)?;
        vm.push_root(it);
        while let Some(key) = vm.next(it)? {
            let m = vm.push_root(key);
            set_item(vm, new, key, value)?;
            vm.pop_roots(m);
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r.map(|()| new)
}

// ------------------------------------------------------------- views and iterators

/// A new iterator over OrderedDict `d` with the kind `flags`.
fn new_iter(vm: &mut Vm, d: Obj, flags: u64) -> Value {
    let cls = types(vm)[4];
    // Read before allocating: waiting for the lock is a safepoint.
    let (pos, ver, n) = vm.with_lock(d, |_| {
        let t = ldict::table(d);
        let end = ldict::used(t).min(ldict::cap(t));
        let pos = if flags & IT_REVERSED != 0 { end } else { 0 };
        (pos, ldict::version(d), ldict::len(d))
    });
    let it = vm.alloc_obj(K_MISC, cls, 1, 32);
    it.init(0, d.value());
    set_raw(it, IT_POS, pos as u64);
    set_raw(it, IT_VERSION, ver);
    set_raw(it, IT_SIZE, n as u64);
    set_raw(it, IT_FLAGS, flags);
    it.value()
}

fn od_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__iter__")?;
    Ok(new_iter(vm, d, IT_KEYS))
}

fn od_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__reversed__")?;
    Ok(new_iter(vm, d, IT_KEYS | IT_REVERSED))
}

/// A view of class `types(vm)[which]` over `a[0]`.
fn new_view(vm: &mut Vm, a: &[Value], k: Value, name: &str, which: usize) -> PyResult<Value> {
    check_method(vm, name, a, k, 0, 0)?;
    this(vm, a, name)?;
    let cls = types(vm)[which];
    let v = vm.alloc_obj(K_DICTVIEW, cls, 1, 0);
    v.init(0, a[0]);
    Ok(v.value())
}

fn od_keys(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    new_view(vm, a, k, "keys", 1)
}

fn od_values(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    new_view(vm, a, k, "values", 2)
}

fn od_items(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    new_view(vm, a, k, "items", 3)
}

/// The OrderedDict of a view `a[0]` of class `types(vm)[which]`.
fn view_odict(vm: &mut Vm, a: &[Value], which: usize, name: &str) -> PyResult<Obj> {
    let cls = types(vm)[which];
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == K_DICTVIEW && o.class() == cls => {
            Ok(Obj::from_value(o.get(0)).expect("view of a dict"))
        }
        _ => {
            let tn = a.first().map_or("NoneType".into(), |&v| vm.type_name_of(v));
            let cn = type_short_name(cls);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '{cn}' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn keys_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = view_odict(vm, a, 1, "__iter__")?;
    Ok(new_iter(vm, d, IT_KEYS))
}
fn keys_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = view_odict(vm, a, 1, "__reversed__")?;
    Ok(new_iter(vm, d, IT_KEYS | IT_REVERSED))
}
fn values_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = view_odict(vm, a, 2, "__iter__")?;
    Ok(new_iter(vm, d, IT_VALUES))
}
fn values_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = view_odict(vm, a, 2, "__reversed__")?;
    Ok(new_iter(vm, d, IT_VALUES | IT_REVERSED))
}
fn items_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = view_odict(vm, a, 3, "__iter__")?;
    Ok(new_iter(vm, d, IT_KEYS | IT_VALUES))
}
fn items_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = view_odict(vm, a, 3, "__reversed__")?;
    Ok(new_iter(vm, d, IT_KEYS | IT_VALUES | IT_REVERSED))
}

/// Why an iterator step failed.
enum StepErr {
    Mutated,
    Resized,
}

/// The next live entry of the iterator `it` over `d` from position `pos`
/// (its key and value, and the position after it), checking that `d` has
/// not changed since the iterator began. Caller holds `d`'s lock if
/// shared.
fn step(it: Obj, d: Obj, pos: usize) -> Result<Option<(Value, Value, usize)>, StepErr> {
    if ldict::version(d) != get_raw(it, IT_VERSION) {
        return Err(StepErr::Mutated);
    }
    if ldict::len(d) as u64 != get_raw(it, IT_SIZE) {
        return Err(StepErr::Resized);
    }
    let t = ldict::table(d);
    let end = ldict::used(t).min(ldict::cap(t));
    if get_raw(it, IT_FLAGS) & IT_REVERSED != 0 {
        let mut e = pos.min(end);
        while e > 0 {
            e -= 1;
            if let Some((k, v, _)) = ldict::live_entry(t, e) {
                return Ok(Some((k, v, e)));
            }
        }
    } else {
        for e in pos..end {
            if let Some((k, v, _)) = ldict::live_entry(t, e) {
                return Ok(Some((k, v, e + 1)));
            }
        }
    }
    Ok(None)
}

/// The iterator `a[0]`.
fn iter_obj(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    let cls = types(vm)[4];
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == K_MISC && o.class() == cls => Ok(o),
        _ => {
            let tn = a.first().map_or("NoneType".into(), |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 'odict_iterator' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The item an iterator of kind `flags` yields for entry `(k, v)`.
fn yielded(vm: &mut Vm, flags: u64, k: Value, v: Value) -> Value {
    match (flags & IT_KEYS != 0, flags & IT_VALUES != 0) {
        (true, true) => vm.new_tuple(&[k, v]),
        (false, true) => v,
        _ => k,
    }
}

fn iter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let it = iter_obj(vm, a, "__next__")?;
    let r = iter_step(vm, it)?;
    vm.next_or_stop(r)
}

/// One step of the iterator `it` (`vm.next` runs it directly, without the
/// `__next__` call): its next item, or `None` when exhausted.
pub fn iter_step(vm: &mut Vm, it: Obj) -> PyResult<Option<Value>> {
    let Some(d) = Obj::from_value(it.get(0)) else {
        return Ok(None);
    };
    // Positions advance under the dict's lock: threads sharing one
    // iterator each take their own entry.
    let r = vm.with_lock(d, |_| {
        let r = step(it, d, get_raw(it, IT_POS) as usize);
        match &r {
            Ok(Some((_, _, next))) => set_raw(it, IT_POS, *next as u64),
            Err(StepErr::Resized) => set_raw(it, IT_SIZE, u64::MAX),
            _ => {}
        }
        r
    });
    match r {
        Ok(Some((k, v, _))) => Ok(Some(yielded(vm, get_raw(it, IT_FLAGS), k, v))),
        Ok(None) => {
            vm.store(it, 0, Value::EMPTY);
            Ok(None)
        }
        Err(e) => {
            if matches!(e, StepErr::Mutated) {
                vm.store(it, 0, Value::EMPTY);
            }
            Err(step_error(vm, e))
        }
    }
}

/// CPython's RuntimeError for a dict changed under its iterator.
fn step_error(vm: &mut Vm, e: StepErr) -> PyException {
    let msg = match e {
        StepErr::Mutated => "OrderedDict mutated during iteration",
        StepErr::Resized => "OrderedDict changed size during iteration",
    };
    vm.new_exc(vm.g.e.RuntimeError, msg)
}

/// The `odict_iterator` type, once [`init`] made it.
pub fn iter_type(vm: &Vm) -> Option<Value> {
    vm.g.odict_types.get().map(|t| t[4])
}

fn iter_self(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    iter_obj(vm, a, "__iter__")?;
    Ok(a[0])
}

/// `__reduce__()`: `(iter, (list_of_the_items_left,))`, the iterator
/// itself not advanced.
fn iter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "__reduce__", a, k, 0, 0)?;
    let it = iter_obj(vm, a, "__reduce__")?;
    let flags = get_raw(it, IT_FLAGS);
    let mut left: Vec<(Value, Value)> = Vec::new();
    if let Some(d) = Obj::from_value(it.get(0)) {
        let r = vm.with_lock(d, |_| {
            let mut pos = get_raw(it, IT_POS) as usize;
            while let Some((k, v, next)) = step(it, d, pos)? {
                left.push((k, v));
                pos = next;
            }
            Ok(())
        });
        if let Err(e) = r {
            return Err(step_error(vm, e));
        }
    }
    let flat: Vec<Value> = left.iter().flat_map(|&(k, v)| [k, v]).collect();
    let mark = vm.root_values(&flat);
    let items: Vec<Value> = left
        .into_iter()
        .map(|(k, v)| yielded(vm, flags, k, v))
        .collect();
    let l = vm.new_list(&items);
    vm.pop_roots(mark);
    super::iterators::iter_call(vm, l, None)
}

/// Makes `OrderedDict`, its views and its iterator at start-up (before the
/// builtin iterators register their native steps, this one among them).
pub fn init(vm: &mut Vm) -> PyResult<()> {
    new_type(vm);
    Ok(())
}

/// Makes `OrderedDict`, its views and its iterator once (a later import of
/// `_collections` finds them made) and returns `OrderedDict`.
pub fn new_type(vm: &mut Vm) -> Value {
    if let Some(t) = vm.g.odict_types.get() {
        return t[0];
    }
    let t = vm.new_static_type("OrderedDict", vm.g.types.dict, Kind::DICT, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(
        to,
        type_flags(to) | TF_INST_DICT | (NSLOTS << TF_NSLOTS_SHIFT),
    );
    super::set_module_and_doc(vm, t, "collections", DOC);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", od_init),
        ("update", od_update),
        ("move_to_end", od_move_to_end),
        ("popitem", od_popitem),
        ("pop", od_pop),
        ("setdefault", od_setdefault),
        ("copy", od_copy),
        ("__repr__", od_repr),
        ("__eq__", od_eq),
        ("__ne__", od_ne),
        ("__reduce__", od_reduce),
        ("__sizeof__", od_sizeof),
        ("__or__", od_or),
        ("__ror__", od_ror),
        ("__ior__", od_ior),
        ("__iter__", od_iter),
        ("__reversed__", od_reversed),
        ("keys", od_keys),
        ("values", od_values),
        ("items", od_items),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.add_static(t, "fromkeys", od_fromkeys, true);
    vm.add_attr(t, "__hash__", Value::NONE);
    vm.add_dict_descriptor(t);

    let mut views = [Value::NONE; 3];
    let view_fns: [(&str, Value, NativeFn, NativeFn); 3] = [
        ("odict_keys", vm.g.types.dict_keys, keys_iter, keys_reversed),
        (
            "odict_values",
            vm.g.types.dict_values,
            values_iter,
            values_reversed,
        ),
        (
            "odict_items",
            vm.g.types.dict_items,
            items_iter,
            items_reversed,
        ),
    ];
    for (slot, (name, base, it, rev)) in views.iter_mut().zip(view_fns) {
        let v = vm.new_static_type(name, base, K_DICTVIEW, false);
        vm.add_method(v, "__iter__", it);
        vm.add_method(v, "__reversed__", rev);
        *slot = v;
    }
    let it = vm.new_static_type("odict_iterator", vm.g.types.object, K_MISC, false);
    vm.add_method(it, "__iter__", iter_self);
    vm.add_method(it, "__next__", iter_next);
    vm.add_method(it, "__reduce__", iter_reduce);
    let _ = vm.g.odict_types.set([t, views[0], views[1], views[2], it]);
    types(vm)[0]
}
