//! `collections.defaultdict` (`_collections.defaultdict`): a dict subclass
//! whose `__missing__` calls `default_factory` to make, store and return a
//! value for an absent key.
//!
//! Layout: an ordinary dict (`Kind::DICT`) with one `__slots__`-style value
//! after the dict header, `default_factory` (slot [`FACTORY`], exposed as a
//! member descriptor; `__new__` sets it to None, so it is never EMPTY unless
//! deleted, which reads as None here as in CPython). The type has no
//! instance dict; Python subclasses get one (and their own slots) after it
//! in the usual way (`Vm::alloc_instance`). The factory is stored through
//! the write barrier (`Vm::store`); lookups, stores and iteration are dict's
//! own, with dict's concurrency contract.

use super::dict::dict_update_from;
use engine::runtime::*;
use proto_core::layouts::dict::HEADER_VALUES;
use proto_core::layouts::set_raw;
use proto_core::{Kind, Obj, Value};

/// Value index of `default_factory` in a defaultdict (or subclass) instance.
const FACTORY: usize = HEADER_VALUES;

const DOC: &str = "defaultdict(default_factory=None, /, [...]) --> dict with default factory\n\n\
The default factory is called without arguments to produce\n\
a new value when a key is not present, in __getitem__ only.\n\
A defaultdict compares equal to a dict with the same items.\n\
All remaining arguments are treated the same as if they were\n\
passed to the dict constructor, including keyword arguments.\n";

/// The instance's `default_factory` (None when unset or deleted).
fn factory(d: Value) -> Value {
    match Obj::from_value(d) {
        Some(o) if o.n_values() > FACTORY => {
            let v = o.get(FACTORY);
            if v.is_empty() {
                Value::NONE
            } else {
                v
            }
        }
        _ => Value::NONE,
    }
}

/// `defaultdict.__new__(cls, ...)`: a dict of `cls`'s layout with
/// `default_factory` None (`__init__` sets it).
fn dd_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = vm.alloc_instance(a[0], &[])?;
    // Fresh and local: no barrier needed.
    Obj::from_value(d).expect("dict").init(FACTORY, Value::NONE);
    Ok(d)
}

/// `defaultdict.__init__(self, default_factory=None, /, *args, **kwargs)`:
/// the factory must be callable or None; the rest goes to `dict.__init__`.
fn dd_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    let npos = a.len() - nkw;
    let (f, rest) = if npos >= 2 {
        (a[1], &a[2..])
    } else {
        (Value::NONE, &a[1..])
    };
    if !f.is_none() && !vm.is_callable(f) {
        return Err(vm.type_error("first argument must be callable or None"));
    }
    let o = Obj::from_value(a[0]).expect("dict");
    vm.store(o, FACTORY, f);
    let name = vm.intern("__init__");
    let init = vm
        .lookup_type(vm.g.types.dict, name)
        .expect("dict.__init__");
    let mut args = Vec::with_capacity(rest.len() + 1);
    args.push(a[0]);
    args.extend_from_slice(rest);
    vm.call(init, &args, k)?;
    Ok(Value::NONE)
}

/// `__missing__(key)`: KeyError(key) without a factory; otherwise
/// `self[key] = default_factory()`, returned.
fn dd_missing(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = factory(a[0]);
    if f.is_none() {
        return Err(vm.key_error(a[1]));
    }
    let v = vm.call(f, &[], Value::EMPTY)?;
    let mark = vm.push_root(v);
    let r = vm.setitem(a[0], a[1], v);
    vm.pop_roots(mark);
    r.map(|()| v)
}

/// `repr(d)`: `defaultdict(<factory repr>, {dict repr})`, with the class's
/// name, and `...` for a factory already being repr'd.
fn dd_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = factory(a[0]);
    let frepr = if f.is_none() {
        "None".to_string()
    } else if vm.repr_enter(f) {
        "...".to_string()
    } else {
        let r = vm.repr_string(f);
        vm.repr_leave();
        r?
    };
    // dict's repr of the items, `{...}` when this dict is already being
    // repr'd (CPython's dict_repr guard, which dict.__repr__ of a
    // subclass instance does not apply here).
    let base = if vm.repr_enter(a[0]) {
        "{...}".to_string()
    } else {
        let name = vm.intern("__repr__");
        let dr = vm
            .lookup_type(vm.g.types.dict, name)
            .expect("dict.__repr__");
        let r = vm.call_bound(dr, a[0], &[]);
        vm.repr_leave();
        str_of(r?).into_owned()
    };
    let tn = type_short_name(vm.type_of(a[0]));
    Ok(vm.new_str(&format!("{tn}({frepr}, {base})")))
}

/// `type(d)(d.default_factory, arg)`: how copy and `|` make their result.
fn new_like(vm: &mut Vm, d: Value, arg: Value) -> PyResult<Value> {
    let cls = vm.type_of(d);
    vm.call(cls, &[factory(d), arg], Value::EMPTY)
}

/// `copy()` / `__copy__()`: a shallow copy of the same class and factory.
fn dd_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    new_like(vm, a[0], a[0])
}

/// `__reduce__()`: `(type, (factory,) or (), None, None, iter(items))`.
fn dd_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = factory(a[0]);
    let args = if f.is_none() {
        vm.new_tuple(&[])
    } else {
        vm.new_tuple(&[f])
    };
    let mark = vm.push_root(args);
    let r = vm.call_method(a[0], "items", &[]).and_then(|items| {
        vm.push_root(items);
        vm.iter(items)
    });
    let r = r.map(|it| {
        let cls = vm.type_of(a[0]);
        vm.new_tuple(&[cls, args, Value::NONE, Value::NONE, it])
    });
    vm.pop_roots(mark);
    r
}

fn is_dict(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == Kind::DICT)
}

/// `self | other` (`self` a defaultdict): a copy of `self` made through its
/// class, updated with `other` (a dict).
fn dd_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !is_dict(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let n = new_like(vm, a[0], a[0])?;
    let mark = vm.push_root(n);
    let r = dict_update_from(vm, n, a[1]);
    vm.pop_roots(mark);
    r.map(|()| n)
}

/// `other | self` (`other` a dict): `type(self)(self.default_factory,
/// other)` updated with `self`.
fn dd_ror(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !is_dict(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let n = new_like(vm, a[0], a[1])?;
    let mark = vm.push_root(n);
    let r = dict_update_from(vm, n, a[0]);
    vm.pop_roots(mark);
    r.map(|()| n)
}

/// Creates the `defaultdict` type (module `collections`).
pub fn new_type(vm: &mut Vm) -> Value {
    let t = vm.new_static_type("defaultdict", vm.g.types.dict, Kind::DICT, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT | (1u64 << TF_NSLOTS_SHIFT));
    super::set_module_and_doc(vm, t, "collections", DOC);
    vm.add_static(t, "__new__", dd_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", dd_init),
        ("__missing__", dd_missing),
        ("__repr__", dd_repr),
        ("copy", dd_copy),
        ("__copy__", dd_copy),
        ("__reduce__", dd_reduce),
        ("__or__", dd_or),
        ("__ror__", dd_ror),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(t, 0, 0, &["copy", "__copy__", "__reduce__"]);
    vm.declare_arity(t, 1, 1, &["__missing__"]);
    vm.add_static(
        t,
        "__class_getitem__",
        super::genericalias::class_getitem,
        true,
    );
    // `default_factory`: a member descriptor over value FACTORY (member
    // indices count from 1 after a dict's header, see `Vm::member_slot`).
    let name = vm.intern("default_factory");
    let m = vm.alloc_obj(K_MEMBER, vm.g.types.member_descr, 2, 8);
    m.init(0, name);
    m.init(1, t);
    set_raw(m, 0, (FACTORY - 1) as u64);
    vm.ctx.promote(m.value());
    vm.add_attr(t, "default_factory", m.value());
    t
}
