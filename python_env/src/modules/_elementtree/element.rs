//! `_elementtree.Element` (CPython 3.11's C `Element`, shown as
//! `xml.etree.ElementTree.Element`), the module function `SubElement` and
//! the tree iterator `_elementtree._element_iterator` behind `iter()` and
//! `itertext()`.
//!
//! Layout: an element is a `K_INSTANCE` object with the native payload
//! [`ElementMark`] (how an element, native or subclass, is recognised) and
//! values `[instance __dict__, __slots__ values..., tag, attrib, text, tail,
//! children]`: the element's own five come last (`slot`), after what a
//! subclass adds. `attrib` is None until first needed (then a dict, made
//! under the element's lock); `children` is None or a private `list` object
//! never handed to Python code. An exact `Element` (a non-heap type) has no
//! `__dict__`; subclasses get one in value 0 as usual.
//!
//! Concurrency contract: every update of an element that touches more than
//! one word (creating `attrib` or the children list, append, insert,
//! remove, `e[i] = x`, `del e[i]`, slice assignment and deletion, extend,
//! clear, `__setstate__`) runs under the element's object lock
//! (`vm.with_lock`), and only under it is the private children list
//! written; so each is atomic as in CPython and concurrent appends lose
//! nothing. The lock is never held while Python code runs: arguments are
//! collected and type-checked before it is taken, and `remove` compares
//! with `==` outside it, then removes the matching child by identity under
//! it. Reads (`len`, `e[i]`, `tag`, `text`, snapshots) take no lock: they
//! load the current children list and read it as lists are read (lock-free,
//! a concurrently removed slot reads as absent). Iterators keep their
//! stack in a private list under the iterator's own lock and re-read the
//! children at each step, so a tree mutated during iteration (or an
//! iterator shared between threads) gives some order of items, never a
//! crash.

use crate::modules::_struct::set_module_state;
use crate::types::clinic;
use crate::types::seq::{is_slice, slice_unpack};
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::native::{native_ref, Trace};
use proto_core::{Kind, Obj, ProtoContext, Value};

/// Payload of every element (native or subclass instance).
struct ElementMark;

impl Trace for ElementMark {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// Payload of an `_element_iterator`: whether it yields text (`itertext`).
struct IterState {
    gettext: bool,
}

impl Trace for IterState {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

/// The element's own values, counted from `slot(o, 0)`.
const E_TAG: usize = 0;
const E_ATTRIB: usize = 1;
const E_TEXT: usize = 2;
const E_TAIL: usize = 3;
const E_KIDS: usize = 4;
const N_OWN: usize = 5;

/// Iterator values: `[unused dict slot, root (EMPTY once taken), sought tag,
/// stack]`; the stack is a private list of `parent, next child index`
/// pairs.
const IT_ROOT: usize = 1;
const IT_TAG: usize = 2;
const IT_STACK: usize = 3;
const IT_N: usize = 4;

const ELEMENT_NAME: &str = "xml.etree.ElementTree.Element";

/// The native `Element` type and its iterator type, made once per process
/// with the module (global roots): the subtype check of `Element.__new__`,
/// the class of the elements the module makes and of `iter()`'s iterators.
static TYPES: std::sync::OnceLock<(Value, Value)> = std::sync::OnceLock::new();

/// The native `Element` type (NONE before `init`, when no element exists).
#[inline]
fn elem_type() -> Value {
    TYPES.get().map_or(Value::NONE, |t| t.0)
}

// ------------------------------------------------------------------ layout

/// Index of the element's own value `i` in `o`.
#[inline(always)]
fn slot(o: Obj, i: usize) -> usize {
    super::own_slot(o, N_OWN, i)
}

#[inline(always)]
fn fld(o: Obj, i: usize) -> Value {
    o.get(slot(o, i))
}

/// The element behind `v`, if it is one (native or subclass).
#[inline(always)]
fn elem_of(v: Value) -> Option<Obj> {
    let o = Obj::from_value(v)?;
    if o.kind() != K_INSTANCE || o.n_values() < N_OWN + 1 {
        return None;
    }
    native_ref::<ElementMark>(o).map(|_| o)
}

/// The children list of `o`, if it has one.
#[inline(always)]
fn kids(o: Obj) -> Option<Obj> {
    Obj::from_value(fld(o, E_KIDS)).filter(|l| l.kind() == Kind::LIST)
}

#[inline]
fn n_kids(o: Obj) -> usize {
    kids(o).map_or(0, llist::len)
}

#[inline]
fn kid(o: Obj, i: usize) -> Option<Value> {
    kids(o).and_then(|l| llist::get(l, i))
}

/// A snapshot of the children (not rooted: the caller roots it before
/// anything that may collect).
fn kids_vec(o: Obj) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(l) = kids(o) {
        llist::snapshot(l, &mut out);
    }
    out
}

/// A consistent snapshot of the children: taken under the element's lock,
/// since a lock-free read racing an insert's shift could miss an item.
fn snapshot(vm: &mut Vm, o: Obj) -> Vec<Value> {
    vm.with_lock(o, |_| kids_vec(o))
}

/// The children list of `o`, made if missing. Under `o`'s lock (or `o`
/// local).
fn ensure_kids(ctx: &mut ProtoContext, o: Obj, list_cls: Value, cap: usize) -> Obj {
    if let Some(l) = kids(o) {
        return l;
    }
    let l = llist::alloc(ctx, list_cls, cap.max(4));
    ctx.store(o, slot(o, E_KIDS), l);
    Obj::from_value(l).expect("list")
}

/// Replaces the children of `o` with `items`. Under `o`'s lock.
fn set_kids(ctx: &mut ProtoContext, o: Obj, list_cls: Value, items: &[Value]) {
    if items.is_empty() && kids(o).is_none() {
        return;
    }
    let l = llist::alloc_from(ctx, list_cls, items);
    ctx.store(o, slot(o, E_KIDS), l);
}

/// A new element of class `cls` (`tag` set, the rest None).
fn alloc_element(vm: &mut Vm, cls: Value, tag: Value) -> Obj {
    let nslots = match Obj::from_value(cls) {
        Some(c) if c.kind() == K_TYPE => type_nslots(c),
        _ => 0,
    };
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1 + nslots + N_OWN, ElementMark);
    let o = Obj::from_value(v).expect("element");
    let b = slot(o, 0);
    // A fresh local object: plain initialising stores.
    o.init(b + E_TAG, tag);
    for i in [E_ATTRIB, E_TEXT, E_TAIL, E_KIDS] {
        o.init(b + i, Value::NONE);
    }
    o
}

/// Is `v` a dict (any subclass)?
#[inline]
fn is_dict(vm: &Vm, v: Value) -> bool {
    match Obj::from_value(v) {
        Some(o) if o.kind() == Kind::DICT && o.class() == vm.g.types.dict => true,
        Some(_) => vm.isinstance(v, vm.g.types.dict),
        None => false,
    }
}

/// The length of a dict object (None for another object).
fn dict_len(v: Value) -> Option<usize> {
    Obj::from_value(v)
        .filter(|o| o.kind() == Kind::DICT)
        .map(proto_core::layouts::dict::len)
}

fn is_empty_exact_dict(vm: &Vm, v: Value) -> bool {
    vm.type_of(v) == vm.g.types.dict && dict_len(v) == Some(0)
}

/// A copy of dict `d` (`PyDict_Copy`).
fn dict_copy(vm: &mut Vm, d: Value) -> PyResult<Value> {
    let nd = vm.new_dict();
    let mark = vm.push_root(nd);
    let r = crate::types::dict::dict_update_from(vm, nd, d);
    vm.pop_roots(mark);
    r.map(|_| nd)
}

// ------------------------------------------------------------------ errors

/// `expected an Element, not "T"` (`element_add_subelement`'s check).
#[cold]
fn not_element(vm: &mut Vm, v: Value) -> PyException {
    let tn = vm.type_name_of(v);
    vm.type_error(&format!("expected an Element, not \"{tn}\""))
}

/// Argument clinic's `subclass_of` failure: `{what} must be
/// xml.etree.ElementTree.Element, not T`.
#[cold]
fn arg_not_element(vm: &mut Vm, what: &str, v: Value) -> PyException {
    let tn = vm.type_name_of(v);
    vm.type_error(&format!("{what} must be {ELEMENT_NAME}, not {tn}"))
}

#[cold]
fn arg_not_dict(vm: &mut Vm, what: &str, v: Value) -> PyException {
    let tn = vm.type_name_of(v);
    vm.type_error(&format!("{what} must be dict, not {tn}"))
}

/// The element receiver of a method, or CPython's descriptor TypeError.
#[inline(always)]
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    match a.first().and_then(|&v| elem_of(v)) {
        Some(o) => Ok(o),
        None => Err(not_this(vm, a, name)),
    }
}

#[cold]
#[inline(never)]
fn not_this(vm: &mut Vm, a: &[Value], name: &str) -> PyException {
    let Some(&s) = a.first() else {
        return vm.type_error(&format!(
            "unbound method Element.{name}() needs an argument"
        ));
    };
    let tn = vm.type_name_of(s);
    vm.type_error(&if name.starts_with("__") && name.ends_with("__") {
        format!("descriptor '{name}' requires a '{ELEMENT_NAME}' object but received a '{tn}'")
    } else {
        format!("descriptor '{name}' for '{ELEMENT_NAME}' objects doesn't apply to a '{tn}' object")
    })
}

fn index_error(vm: &mut Vm, msg: &str) -> PyException {
    vm.new_exc(vm.g.e.IndexError, msg)
}

// ------------------------------------------------------------------ interface

/// Makes the `Element` type, `_element_iterator` and `SubElement`, sets
/// them on module `m` and the two types in [`TYPES`].
pub(super) fn init(vm: &mut Vm, m: Value, modname: Value) -> PyResult<()> {
    let t = vm.new_static_type("Element", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    vm.add_attr(t, "__doc__", Value::NONE);
    vm.add_static(t, "__new__", element_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", element_init),
        ("__len__", e_len),
        ("__getitem__", e_getitem),
        ("__setitem__", e_setitem),
        ("__delitem__", e_delitem),
        ("__repr__", e_repr),
        ("__copy__", e_copy),
        ("__deepcopy__", e_deepcopy),
        ("__sizeof__", e_sizeof),
        ("__getstate__", e_getstate),
        ("__setstate__", e_setstate),
        ("append", e_append),
        ("extend", e_extend),
        ("insert", e_insert),
        ("remove", e_remove),
        ("clear", e_clear),
        ("get", e_get),
        ("set", e_set),
        ("keys", e_keys),
        ("items", e_items),
        ("makeelement", e_makeelement),
        ("find", e_find),
        ("findtext", e_findtext),
        ("findall", e_findall),
        ("iterfind", e_iterfind),
        ("iter", e_iter),
        ("itertext", e_itertext),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        0,
        0,
        &[
            "__copy__",
            "__sizeof__",
            "__getstate__",
            "clear",
            "keys",
            "items",
            "itertext",
        ],
    );
    vm.declare_arity(
        t,
        1,
        1,
        &["__deepcopy__", "__setstate__", "append", "extend", "remove"],
    );
    let getsets: &[(&'static str, NativeFn, NativeFn, &str)] = &[
        (
            "tag",
            get_tag,
            set_tag,
            "A string identifying what kind of data this element represents",
        ),
        (
            "text",
            get_text,
            set_text_attr,
            "A string of text directly after the start tag, or None",
        ),
        (
            "tail",
            get_tail,
            set_tail_attr,
            "A string of text directly after the end tag, or None",
        ),
        (
            "attrib",
            get_attrib,
            set_attrib,
            "A dictionary containing the element's attributes",
        ),
    ];
    for &(n, g, s, doc) in getsets {
        let p = vm.new_native_getset(t, n, g, Some(s));
        // Getset layout: `[get, set, delete, doc, name, owner]`.
        if let Some(po) = Obj::from_value(p).filter(|po| po.n_values() > 3) {
            let del = vm.new_builtin(n, no_delete, false);
            vm.ctx.promote(del);
            vm.store(po, 2, del);
            let d = vm.new_str(doc);
            vm.ctx.promote(d);
            vm.store(po, 3, d);
        }
        vm.add_attr(t, n, p);
    }
    vm.set_module_attr(m, "Element", t);

    let it = vm.new_static_type("_element_iterator", vm.g.types.object, K_INSTANCE, false);
    let ito = Obj::from_value(it).expect("type");
    set_type_flags(ito, type_flags(ito) | TF_NODICT);
    let itmod = vm.new_str("_elementtree");
    vm.ctx.promote(itmod);
    vm.add_attr(it, "__module__", itmod);
    vm.add_static(it, "__new__", iter_no_new, false);
    vm.add_method(it, "__iter__", it_iter);
    vm.add_method(it, "__next__", it_next);
    vm.declare_arity(it, 0, 0, &["__iter__", "__next__"]);
    vm.ctx.add_global_root(t);
    vm.ctx.add_global_root(it);
    let _ = TYPES.set((t, it));

    let f = vm.new_builtin_bound("SubElement", subelement, m);
    vm.ctx.promote(f);
    vm.set_module_attr(m, "SubElement", f);
    Ok(())
}

/// Whether `v` is an instance of exactly the native `Element` type (not a
/// subclass): the case where TreeBuilder may skip Python-level calls.
pub(super) fn is_exact_element(_vm: &mut Vm, v: Value) -> bool {
    elem_of(v).is_some_and(|o| !is_heap_type(o.class()))
}

/// Whether `v` is an instance of the native `Element` type or a subclass.
// Part of the interface the parser and tree builder may use.
#[allow(dead_code)]
pub(super) fn is_element(_vm: &mut Vm, v: Value) -> bool {
    elem_of(v).is_some()
}

/// A new native `Element` with `tag` and `attrib` (a dict, or NONE for
/// none), text and tail None, no children: what `Element(tag, attrib)`
/// makes, without a Python call. The dict is stored as given (not copied),
/// as CPython's `create_new_element`; an empty exact dict is not stored.
pub(super) fn new_element(vm: &mut Vm, tag: Value, attrib: Value) -> PyResult<Value> {
    Ok(new_element_of(vm, elem_type(), tag, attrib))
}

/// [`new_element`] of the given native `Element` type `t` (no lookup).
pub(super) fn new_element_of(vm: &mut Vm, t: Value, tag: Value, attrib: Value) -> Value {
    let o = alloc_element(vm, t, tag);
    if !attrib.is_none() && !attrib.is_empty() && !is_empty_exact_dict(vm, attrib) {
        o.init(slot(o, E_ATTRIB), attrib);
    }
    o.value()
}

/// `parent.append(child)` for a native `parent` (any subclass); checks
/// `child` as `append` does.
pub(super) fn append_child(vm: &mut Vm, parent: Value, child: Value) -> PyResult<()> {
    let Some(p) = elem_of(parent) else {
        return Err(not_element(vm, parent));
    };
    if elem_of(child).is_none() {
        return Err(not_element(vm, child));
    }
    push_child(vm, p, child);
    Ok(())
}

/// Appends `child` (an element) to `p`, atomically.
#[inline]
fn push_child(vm: &mut Vm, p: Obj, child: Value) {
    let lc = vm.g.types.list;
    vm.with_lock(p, |ctx| {
        let l = ensure_kids(ctx, p, lc, 4);
        llist::append(ctx, l, child);
    });
}

/// The `text` of a native element (None for another object).
pub(super) fn text(_vm: &mut Vm, e: Value) -> Value {
    elem_of(e).map_or(Value::NONE, |o| fld(o, E_TEXT))
}

/// Sets the `text` of a native element.
pub(super) fn set_text(vm: &mut Vm, e: Value, v: Value) {
    if let Some(o) = elem_of(e) {
        vm.store(o, slot(o, E_TEXT), v);
    }
}

/// The `tail` of a native element (None for another object).
pub(super) fn tail(_vm: &mut Vm, e: Value) -> Value {
    elem_of(e).map_or(Value::NONE, |o| fld(o, E_TAIL))
}

/// Sets the `tail` of a native element.
pub(super) fn set_tail(vm: &mut Vm, e: Value, v: Value) {
    if let Some(o) = elem_of(e) {
        vm.store(o, slot(o, E_TAIL), v);
    }
}

// ------------------------------------------------------------------ construction

/// Does type `t` derive from the native `Element` type?
fn derives_from_element(t: Obj) -> bool {
    let et = elem_type();
    let mro = type_mro(t);
    (0..mro.n_values()).any(|i| mro.get(i) == et)
}

fn element_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error(&format!("{ELEMENT_NAME}.__new__(): not enough arguments")));
    };
    if cls == elem_type() {
        return Ok(alloc_element(vm, cls, Value::NONE).value());
    }
    match Obj::from_value(cls) {
        Some(t) if t.kind() == K_TYPE => {
            if !(type_layout(t) == K_INSTANCE && derives_from_element(t)) {
                let n = type_name(cls);
                return Err(vm.type_error(&format!(
                    "{ELEMENT_NAME}.__new__({n}): {n} is not a subtype of {ELEMENT_NAME}"
                )));
            }
        }
        _ => {
            let tn = vm.type_name_of(cls);
            return Err(vm.type_error(&format!(
                "{ELEMENT_NAME}.__new__(X): X is not a type object ({tn})"
            )));
        }
    }
    Ok(alloc_element(vm, cls, Value::NONE).value())
}

/// `get_attrib_from_keywords`: the `attrib=` keyword (a dict, copied) if
/// given, updated with the other keywords.
fn attrib_from_keywords(vm: &mut Vm, kw: &[(Value, Value)]) -> PyResult<Value> {
    let base = kw
        .iter()
        .find(|(k, _)| &*str_of(*k) == "attrib")
        .map(|p| p.1);
    let d = match base {
        Some(v) if !is_dict(vm, v) => {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("attrib must be dict, not {tn}")));
        }
        Some(v) => dict_copy(vm, v)?,
        None => vm.new_dict(),
    };
    let mark = vm.push_root(d);
    let r = (|| {
        for &(k, v) in kw {
            if &*str_of(k) != "attrib" {
                vm.dict_set(d, k, v)?;
            }
        }
        Ok(d)
    })();
    vm.pop_roots(mark);
    r
}

/// The attrib of `Element(tag, attrib, **kw)` / `SubElement(...)`: None for
/// no (or an empty) dict.
fn attrib_of_call(vm: &mut Vm, attrib: Option<Value>, kw: &[(Value, Value)]) -> PyResult<Value> {
    let d = match attrib {
        Some(a) => {
            let d = dict_copy(vm, a)?;
            let mark = vm.push_root(d);
            let r = (|| {
                for &(k, v) in kw {
                    vm.dict_set(d, k, v)?;
                }
                Ok(())
            })();
            vm.pop_roots(mark);
            r?;
            d
        }
        None if !kw.is_empty() => attrib_from_keywords(vm, kw)?,
        None => return Ok(Value::NONE),
    };
    Ok(if dict_len(d) == Some(0) {
        Value::NONE
    } else {
        d
    })
}

fn element_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__init__")?;
    let args = crate::args::Args::new(&a[1..], k);
    let n = args.pos.len();
    if n < 1 {
        return Err(vm.type_error(&format!("Element() takes at least 1 argument ({n} given)")));
    }
    if n > 2 {
        return Err(vm.type_error(&format!("Element() takes at most 2 arguments ({n} given)")));
    }
    let attrib = args.pos.get(1).copied();
    if let Some(d) = attrib {
        if !is_dict(vm, d) {
            return Err(arg_not_dict(vm, "Element() argument 2", d));
        }
    }
    let d = attrib_of_call(vm, attrib, &args.kw)?;
    let tag = args.pos[0];
    vm.with_lock(o, |ctx| {
        if !d.is_none() {
            // As CPython's re-initialisation: a fresh extra, old children
            // dropped.
            ctx.store(o, slot(o, E_ATTRIB), d);
            ctx.store(o, slot(o, E_KIDS), Value::NONE);
        }
        ctx.store(o, slot(o, E_TAG), tag);
        ctx.store(o, slot(o, E_TEXT), Value::NONE);
        ctx.store(o, slot(o, E_TAIL), Value::NONE);
    });
    Ok(Value::NONE)
}

/// `SubElement(parent, tag, attrib={}, **extra)`; `a[0]` is the module.
fn subelement(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = crate::args::Args::new(a.get(1..).unwrap_or(&[]), k);
    let n = args.pos.len();
    if n < 2 {
        return Err(vm.type_error(&format!(
            "SubElement() takes at least 2 arguments ({n} given)"
        )));
    }
    if n > 3 {
        return Err(vm.type_error(&format!(
            "SubElement() takes at most 3 arguments ({n} given)"
        )));
    }
    let Some(p) = elem_of(args.pos[0]) else {
        return Err(arg_not_element(vm, "SubElement() argument 1", args.pos[0]));
    };
    let attrib = args.pos.get(2).copied();
    if let Some(d) = attrib {
        if !is_dict(vm, d) {
            return Err(arg_not_dict(vm, "SubElement() argument 3", d));
        }
    }
    let d = if attrib.is_none() && args.kw.is_empty() {
        Value::NONE
    } else {
        attrib_of_call(vm, attrib, &args.kw)?
    };
    let t = elem_type();
    let e = new_element_of(vm, t, args.pos[1], d);
    push_child(vm, p, e);
    Ok(e)
}

// ------------------------------------------------------------------ attributes

fn get_tag(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "tag")?;
    Ok(fld(o, E_TAG))
}

fn get_text(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "text")?;
    Ok(fld(o, E_TEXT))
}

fn get_tail(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "tail")?;
    Ok(fld(o, E_TAIL))
}

/// The attrib dict of `o`, made (atomically) if missing.
fn ensure_attrib(vm: &mut Vm, o: Obj) -> Value {
    let cur = fld(o, E_ATTRIB);
    if !cur.is_none() {
        return cur;
    }
    let dc = vm.g.types.dict;
    vm.with_lock(o, |ctx| {
        let cur = fld(o, E_ATTRIB);
        if !cur.is_none() {
            return cur;
        }
        let d = proto_core::layouts::dict::alloc(ctx, Kind::DICT, dc, 8);
        ctx.store(o, slot(o, E_ATTRIB), d);
        d
    })
}

fn get_attrib(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "attrib")?;
    Ok(ensure_attrib(vm, o))
}

/// The deleter of the element's attributes: CPython's setter refusal.
fn no_delete(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(vm.g.e.AttributeError, "can't delete element attribute"))
}

/// The value a setter got, or the deletion error.
fn setter_value(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    match a.get(1) {
        Some(&v) if !v.is_empty() => Ok(v),
        _ => Err(vm.new_exc(vm.g.e.AttributeError, "can't delete element attribute")),
    }
}

fn set_field(vm: &mut Vm, a: &[Value], name: &str, i: usize) -> PyResult<Value> {
    let o = this(vm, a, name)?;
    let v = setter_value(vm, a)?;
    vm.store(o, slot(o, i), v);
    Ok(Value::NONE)
}

fn set_tag(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    set_field(vm, a, "tag", E_TAG)
}

fn set_text_attr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    set_field(vm, a, "text", E_TEXT)
}

fn set_tail_attr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    set_field(vm, a, "tail", E_TAIL)
}

fn set_attrib(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "attrib")?;
    let v = setter_value(vm, a)?;
    if !is_dict(vm, v) {
        return Err(arg_not_dict(vm, "attrib", v));
    }
    vm.store(o, slot(o, E_ATTRIB), v);
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ sequence

fn e_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__len__")?;
    Ok(Value::int(n_kids(o) as i64))
}

/// The key as an index (`PyIndex_Check`), or None for a non-index.
fn as_index(vm: &mut Vm, key: Value) -> PyResult<Option<i64>> {
    if let Some(i) = key.as_int() {
        return Ok(Some(i));
    }
    if key.is_bool() || vm.has_index(key) {
        return Ok(Some(vm.index_isize(key)? as i64));
    }
    Ok(None)
}

fn e_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__getitem__")?;
    let Some(&key) = a.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    if let Some(i) = as_index(vm, key)? {
        let n = n_kids(o) as i64;
        let j = if i < 0 { i + n } else { i };
        return match (j >= 0).then(|| kid(o, j as usize)).flatten() {
            Some(v) => Ok(v),
            None => Err(index_error(vm, "child index out of range")),
        };
    }
    if is_slice(key) {
        let s = slice_unpack(vm, key)?;
        let items = snapshot(vm, o);
        let (start, _, step, cnt) = s.adjust(items.len());
        let out: Vec<Value> = (0..cnt)
            .filter_map(|j| items.get((start + j as isize * step) as usize).copied())
            .collect();
        return Ok(vm.new_list(&out));
    }
    Err(vm.type_error("element indices must be integers"))
}

/// `PySequence_Fast(v)`: the items of a list or tuple, else of the
/// iteration of `v` (TypeError `msg` when it is not iterable), rooted until
/// `pop_roots(mark)`.
fn seq_fast(vm: &mut Vm, v: Value) -> PyResult<(Vec<Value>, usize)> {
    if let Some(o) = Obj::from_value(v) {
        let t = &vm.g.types;
        if (o.kind() == Kind::LIST && o.class() == t.list)
            || (o.kind() == Kind::TUPLE && o.class() == t.tuple)
        {
            return vm.collect_rooted(v);
        }
    }
    let it = match vm.iter(v) {
        Ok(it) => it,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("expected sequence, not \"{tn}\"")));
        }
        Err(e) => return Err(e),
    };
    let m = vm.push_root(it);
    let r = vm.collect(it);
    vm.pop_roots(m);
    let items = r?;
    let mark = vm.root_values(&items);
    Ok((items, mark))
}

fn e_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__setitem__")?;
    if a.len() != 3 {
        return Err(vm.type_error(&format!("expected 2 arguments, got {}", a.len() - 1)));
    }
    ass_subscript(vm, o, a[1], Some(a[2]))
}

fn e_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__delitem__")?;
    if a.len() != 2 {
        return Err(vm.type_error(&format!("expected 1 argument, got {}", a.len() - 1)));
    }
    ass_subscript(vm, o, a[1], None)
}

/// `e[key] = value` (`Some`) or `del e[key]` (`None`).
fn ass_subscript(vm: &mut Vm, o: Obj, key: Value, value: Option<Value>) -> PyResult<Value> {
    if let Some(i) = as_index(vm, key)? {
        if let Some(v) = value {
            if elem_of(v).is_none() && n_kids(o) > 0 {
                // CPython checks the index first, then the item.
                let n = n_kids(o) as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(index_error(vm, "child assignment index out of range"));
                }
                return Err(not_element(vm, v));
            }
        }
        let ok = vm.with_lock(o, |ctx| {
            let Some(l) = kids(o) else { return false };
            let n = llist::len(l) as i64;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return false;
            }
            match value {
                Some(v) => llist::set(ctx, l, j as usize, v),
                None => llist::remove(ctx, l, j as usize).is_some(),
            }
        });
        if !ok {
            return Err(index_error(vm, "child assignment index out of range"));
        }
        return Ok(Value::NONE);
    }
    if !is_slice(key) {
        return Err(vm.type_error("element indices must be integers"));
    }
    let s = slice_unpack(vm, key)?;
    let lc = vm.g.types.list;
    let Some(value) = value else {
        vm.with_lock(o, |ctx| {
            let items = kids_vec(o);
            let (start, _, step, cnt) = s.adjust(items.len());
            if cnt == 0 {
                return;
            }
            let mut drop = vec![false; items.len()];
            for j in 0..cnt {
                drop[(start + j as isize * step) as usize] = true;
            }
            let keep: Vec<Value> = items
                .iter()
                .zip(&drop)
                .filter(|(_, &d)| !d)
                .map(|(&v, _)| v)
                .collect();
            set_kids(ctx, o, lc, &keep);
        });
        return Ok(Value::NONE);
    };
    let (seq, mark) = seq_fast(vm, value)?;
    let r = (|| {
        let m = seq.len();
        // The size check comes before the type check, as in CPython.
        let (_, _, step, cnt) = s.adjust(n_kids(o));
        if step != 1 && m != cnt {
            return Err(size_mismatch(vm, m, cnt));
        }
        if let Some(&bad) = seq.iter().find(|&&v| elem_of(v).is_none()) {
            return Err(not_element(vm, bad));
        }
        // Re-resolved against the children found under the lock.
        let mismatch = vm.with_lock(o, |ctx| {
            let mut items = kids_vec(o);
            let (start, stop, step, cnt) = s.adjust(items.len());
            if step == 1 {
                let lo = start.max(0) as usize;
                let hi = (stop.max(start).max(0) as usize).min(items.len());
                items.splice(lo..hi, seq.iter().copied());
            } else if cnt == m {
                for (j, &v) in seq.iter().enumerate() {
                    items[(start + j as isize * step) as usize] = v;
                }
            } else {
                return Some(cnt);
            }
            set_kids(ctx, o, lc, &items);
            None
        });
        match mismatch {
            Some(cnt) => Err(size_mismatch(vm, m, cnt)),
            None => Ok(Value::NONE),
        }
    })();
    vm.pop_roots(mark);
    r
}

#[cold]
fn size_mismatch(vm: &mut Vm, m: usize, cnt: usize) -> PyException {
    vm.value_error(&format!(
        "attempt to assign sequence of size {m} to extended slice of size {cnt}"
    ))
}

fn e_append(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "append")?;
    let c = a[1];
    if elem_of(c).is_none() {
        return Err(arg_not_element(vm, "append() argument", c));
    }
    push_child(vm, o, c);
    Ok(Value::NONE)
}

fn e_extend(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "extend")?;
    let (seq, mark) = seq_fast(vm, a[1])?;
    // The elements before a bad item are appended, as CPython's one-by-one
    // loop leaves them; all in one atomic step.
    let good = seq
        .iter()
        .position(|&v| elem_of(v).is_none())
        .unwrap_or(seq.len());
    if good > 0 {
        let lc = vm.g.types.list;
        vm.with_lock(o, |ctx| {
            let l = ensure_kids(ctx, o, lc, good);
            llist::extend(ctx, l, &seq[..good]);
        });
    }
    let r = match seq.get(good) {
        Some(&bad) => Err(not_element(vm, bad)),
        None => Ok(Value::NONE),
    };
    vm.pop_roots(mark);
    r
}

fn e_insert(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "insert")?;
    clinic::method_positional(vm, "insert", "insert", a, k, 2, 2)?;
    let i = crate::args::py_ssize_t(vm, a[1])?;
    let c = a[2];
    if elem_of(c).is_none() {
        return Err(arg_not_element(vm, "insert() argument 2", c));
    }
    let lc = vm.g.types.list;
    vm.with_lock(o, |ctx| {
        let l = ensure_kids(ctx, o, lc, 4);
        let n = llist::len(l) as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        llist::insert(ctx, l, j as usize, c);
    });
    Ok(Value::NONE)
}

/// Removes the first child identical to `c`; false if there is none.
fn remove_identical(vm: &mut Vm, o: Obj, c: Value) -> bool {
    vm.with_lock(o, |ctx| {
        let Some(l) = kids(o) else { return false };
        let n = llist::len(l);
        match (0..n).find(|&i| llist::get(l, i) == Some(c)) {
            Some(i) => llist::remove(ctx, l, i).is_some(),
            None => false,
        }
    })
}

fn e_remove(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "remove")?;
    let sub = a[1];
    if elem_of(sub).is_none() {
        return Err(arg_not_element(vm, "remove() argument", sub));
    }
    let items = snapshot(vm, o);
    let mark = vm.root_values(&items);
    let r = (|| {
        let sub_exact = !is_heap_type(vm.type_of(sub));
        for &c in &items {
            let found = if c == sub {
                true
            } else if sub_exact && !is_heap_type(vm.type_of(c)) {
                // Two native elements compare by identity only.
                false
            } else {
                vm.eq(c, sub)?
            };
            // A child another thread removed meanwhile no longer counts.
            if found && remove_identical(vm, o, c) {
                return Ok(Value::NONE);
            }
        }
        Err(vm.value_error("list.remove(x): x not in list"))
    })();
    vm.pop_roots(mark);
    r
}

fn e_clear(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "clear")?;
    vm.with_lock(o, |ctx| {
        for i in [E_ATTRIB, E_KIDS, E_TEXT, E_TAIL] {
            ctx.store(o, slot(o, i), Value::NONE);
        }
    });
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ attrib

fn e_get(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "get")?;
    let [key, default] = clinic::unpack(vm, "get", &a[1..], k, ["key", "default"], 0, 1, 2)?;
    let key = key.unwrap_or(Value::NONE);
    let default = default.unwrap_or(Value::NONE);
    let d = fld(o, E_ATTRIB);
    if d.is_none() {
        return Ok(default);
    }
    if Obj::from_value(d).is_some_and(|x| x.kind() == Kind::DICT) {
        return Ok(vm.dict_get(d, key)?.unwrap_or(default));
    }
    vm.call_method(d, "get", &[key, default])
}

fn e_set(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "set")?;
    clinic::method_positional(vm, "set", "set", a, k, 2, 2)?;
    let d = ensure_attrib(vm, o);
    if Obj::from_value(d).is_some_and(|x| x.kind() == Kind::DICT) {
        vm.dict_set(d, a[1], a[2])?;
    } else {
        vm.setitem(d, a[1], a[2])?;
    }
    Ok(Value::NONE)
}

fn attrib_list(vm: &mut Vm, a: &[Value], name: &str, items: bool) -> PyResult<Value> {
    let o = this(vm, a, name)?;
    let d = fld(o, E_ATTRIB);
    if d.is_none() {
        return Ok(vm.new_list(&[]));
    }
    if !Obj::from_value(d).is_some_and(|x| x.kind() == Kind::DICT) {
        let r = vm.call_method(d, name, &[])?;
        let m = vm.push_root(r);
        let items = vm.collect(r);
        vm.pop_roots(m);
        let items = items?;
        return Ok(vm.new_list(&items));
    }
    let pairs = vm.dict_items(d);
    if !items {
        let keys: Vec<Value> = pairs.iter().map(|p| p.0).collect();
        return Ok(vm.new_list(&keys));
    }
    let flat: Vec<Value> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
    let mark = vm.root_values(&flat);
    let mut out = Vec::with_capacity(pairs.len());
    for &(k, v) in &pairs {
        let t = vm.new_tuple(&[k, v]);
        vm.push_root(t);
        out.push(t);
    }
    let l = vm.new_list(&out);
    vm.pop_roots(mark);
    Ok(l)
}

fn e_keys(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    attrib_list(vm, a, "keys", false)
}

fn e_items(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    attrib_list(vm, a, "items", true)
}

fn e_makeelement(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    this(vm, a, "makeelement")?;
    clinic::method_positional(vm, "makeelement", "makeelement", a, k, 2, 2)?;
    if !is_dict(vm, a[2]) {
        return Err(arg_not_dict(vm, "makeelement() argument 2", a[2]));
    }
    let d = dict_copy(vm, a[2])?;
    let m = vm.push_root(d);
    let t = elem_type();
    let e = new_element_of(vm, t, a[1], d);
    vm.pop_roots(m);
    Ok(e)
}

// ------------------------------------------------------------------ copy, pickle

fn e_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__copy__")?;
    let t = elem_type();
    let n = alloc_element(vm, t, fld(o, E_TAG));
    for i in [E_ATTRIB, E_TEXT, E_TAIL] {
        n.init(slot(n, i), fld(o, i));
    }
    let items = snapshot(vm, o);
    if !items.is_empty() {
        let l = llist::alloc_from(&mut vm.ctx, vm.g.types.list, &items);
        n.init(slot(n, E_KIDS), l);
    }
    Ok(n.value())
}

/// `copy.deepcopy` (imported on first use).
fn deepcopy_fn(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.import_module("copy")?;
    let k = vm.intern("deepcopy");
    vm.getattr(m, k)
}

/// Deep copy of one value, with CPython's fast paths (None, exact str, a
/// dict of str to str, an exact element); the rest through `copy.deepcopy`.
fn deepcopy_value(vm: &mut Vm, v: Value, memo: Value) -> PyResult<Value> {
    if v.is_none() || vm.type_of(v) == vm.g.types.str_ {
        return Ok(v);
    }
    if let Some(o) = Obj::from_value(v) {
        if o.kind() == Kind::DICT && o.class() == vm.g.types.dict {
            let items = vm.dict_items(v);
            let st = vm.g.types.str_;
            if items
                .iter()
                .all(|&(k, x)| vm.type_of(k) == st && vm.type_of(x) == st)
            {
                return dict_copy(vm, v);
            }
        } else if let Some(e) = elem_of(v).filter(|e| !is_heap_type(e.class())) {
            // The memo first, as `copy.deepcopy` would (an element met twice
            // is copied once).
            if Obj::from_value(memo).is_some_and(|m| m.kind() == Kind::DICT) {
                let id = vm.new_int(object_id(v) as i64);
                if let Some(done) = vm.dict_get(memo, id)? {
                    return Ok(done);
                }
            }
            return stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || {
                deepcopy_element(vm, e, memo)
            });
        }
    }
    let f = deepcopy_fn(vm)?;
    vm.call(f, &[v, memo], Value::EMPTY)
}

fn deepcopy_element(vm: &mut Vm, o: Obj, memo: Value) -> PyResult<Value> {
    let mark = vm.push_root(o.value());
    vm.push_root(memo);
    let r = (|| {
        let tag = deepcopy_value(vm, fld(o, E_TAG), memo)?;
        vm.push_root(tag);
        let attrib = match fld(o, E_ATTRIB) {
            d if d.is_none() => Value::NONE,
            d => deepcopy_value(vm, d, memo)?,
        };
        vm.push_root(attrib);
        let t = elem_type();
        let n = new_element_of(vm, t, tag, attrib);
        vm.push_root(n);
        let no = Obj::from_value(n).expect("element");
        let text = deepcopy_value(vm, fld(o, E_TEXT), memo)?;
        vm.store(no, slot(no, E_TEXT), text);
        let tail = deepcopy_value(vm, fld(o, E_TAIL), memo)?;
        vm.store(no, slot(no, E_TAIL), tail);
        let items = snapshot(vm, o);
        if !items.is_empty() {
            vm.root_values(&items);
            let mut out = Vec::with_capacity(items.len());
            for c in items {
                let nc = deepcopy_value(vm, c, memo)?;
                if elem_of(nc).is_none() {
                    return Err(not_element(vm, nc));
                }
                vm.push_root(nc);
                out.push(nc);
            }
            let l = llist::alloc_from(&mut vm.ctx, vm.g.types.list, &out);
            vm.store(no, slot(no, E_KIDS), l);
        }
        let id = vm.new_int(object_id(o.value()) as i64);
        vm.setitem(memo, id, n)?;
        Ok(n)
    })();
    vm.pop_roots(mark);
    r
}

fn e_deepcopy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__deepcopy__")?;
    if !is_dict(vm, a[1]) {
        return Err(arg_not_dict(vm, "__deepcopy__() argument", a[1]));
    }
    stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || deepcopy_element(vm, o, a[1]))
}

/// CPython's children capacity after growing one by one to `n` (4 inline,
/// then Python 2.4's list growth), for `__sizeof__`.
fn c_allocated(n: usize) -> usize {
    let mut alloc = 4usize;
    for len in 4..n {
        let size = len + 1;
        if size > alloc {
            alloc = (size >> 3) + if size < 9 { 3 } else { 6 } + size;
        }
    }
    alloc
}

fn e_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__sizeof__")?;
    // CPython's sizes: the object, its "extra" block once attributes or
    // children exist, and a children array once past four.
    let mut size = 56usize;
    let has_extra = !fld(o, E_ATTRIB).is_none() || kids(o).is_some();
    if has_extra {
        size += 64;
        let n = n_kids(o);
        if n > 4 {
            size += c_allocated(n) * 8;
        }
    }
    Ok(Value::int(size as i64))
}

fn e_getstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__getstate__")?;
    let items = snapshot(vm, o);
    let children = vm.new_list(&items);
    let mark = vm.push_root(children);
    let attrib = match fld(o, E_ATTRIB) {
        d if d.is_none() => vm.new_dict(),
        d => d,
    };
    vm.push_root(attrib);
    let d = vm.new_dict();
    vm.push_root(d);
    let r = (|| {
        for (k, v) in [
            ("tag", fld(o, E_TAG)),
            ("_children", children),
            ("attrib", attrib),
            ("text", fld(o, E_TEXT)),
            ("tail", fld(o, E_TAIL)),
        ] {
            let key = vm.intern(k);
            vm.dict_set(d, key, v)?;
        }
        Ok(d)
    })();
    vm.pop_roots(mark);
    r
}

fn e_setstate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__setstate__")?;
    let state = a[1];
    let exact = Obj::from_value(state)
        .is_some_and(|s| s.kind() == Kind::DICT && s.class() == vm.g.types.dict);
    if !exact {
        let r = vm.repr(state)?;
        let rs: String = str_of(r).chars().take(200).collect();
        return Err(vm.type_error(&format!(
            "Don't know how to unpickle \"{rs}\" as an Element"
        )));
    }
    let mut tag = None;
    let mut attrib = None;
    let mut text = None;
    let mut tail = None;
    let mut children = None;
    for (k, v) in vm.dict_items(state) {
        if !is_str(k) {
            return Err(vm.type_error("keywords must be strings"));
        }
        match &*str_of(k) {
            "tag" => tag = Some(v),
            "attrib" => attrib = Some(v),
            "text" => text = Some(v),
            "tail" => tail = Some(v),
            "_children" => children = Some(v),
            other => {
                return Err(vm.type_error(&format!(
                    "'{other}' is an invalid keyword argument for this function"
                )))
            }
        }
    }
    let Some(tag) = tag else {
        return Err(vm.type_error("tag may not be NULL"));
    };
    let mut kids_items = None;
    let mut mark = None;
    if let Some(c) = children {
        let is_list = Obj::from_value(c).is_some_and(|co| co.kind() == Kind::LIST)
            && vm.isinstance(c, vm.g.types.list);
        if !is_list {
            return Err(vm.type_error("'_children' is not a list"));
        }
        let items = vm.seq_items(c);
        mark = Some(vm.root_values(&items));
        kids_items = Some(items);
    }
    // Text and tail, then the children up to a bad one, as CPython leaves
    // them; all written in one step.
    let bad = kids_items
        .as_ref()
        .and_then(|it| it.iter().copied().find(|&v| elem_of(v).is_none()));
    let lc = vm.g.types.list;
    vm.with_lock(o, |ctx| {
        ctx.store(o, slot(o, E_TAG), tag);
        ctx.store(o, slot(o, E_TEXT), text.unwrap_or(Value::NONE));
        ctx.store(o, slot(o, E_TAIL), tail.unwrap_or(Value::NONE));
        if bad.is_some() {
            return;
        }
        if let Some(items) = &kids_items {
            let l = llist::alloc_from(ctx, lc, items);
            ctx.store(o, slot(o, E_KIDS), l);
        }
        if kids_items.is_some() || attrib.is_some() {
            ctx.store(o, slot(o, E_ATTRIB), attrib.unwrap_or(Value::NONE));
        }
    });
    if let Some(m) = mark {
        vm.pop_roots(m);
    }
    match bad {
        Some(b) => Err(not_element(vm, b)),
        None => Ok(Value::NONE),
    }
}

fn e_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__repr__")?;
    let me = o.value();
    if vm.repr_enter(me) {
        let tn = vm.type_name_of(me);
        return Err(vm.new_exc(
            vm.g.e.RuntimeError,
            &format!("reentrant call inside {tn}.__repr__"),
        ));
    }
    let r = vm.repr(fld(o, E_TAG));
    vm.repr_leave();
    let r = r?;
    let s = format!("<Element {} at {:#x}>", str_of(r), object_id(me));
    Ok(vm.new_str(&s))
}

// ------------------------------------------------------------------ find

/// CPython's `checkpath`: might `tag` be an ElementPath expression (or of
/// an unknown type)?
fn checkpath(v: Value) -> bool {
    let b = match Obj::from_value(v) {
        Some(o) if o.kind() == Kind::STR || o.kind() == Kind::BYTES => str_bytes(v),
        _ => return true,
    };
    if b.len() >= 3 && b[0] == b'{' && (b[1] == b'}' || (b[1] == b'*' && b[2] == b'}')) {
        return true;
    }
    let mut check = true;
    for &c in b {
        match c {
            b'{' => check = false,
            b'}' => check = true,
            b'/' | b'*' | b'[' | b'@' | b'.' if check => return true,
            _ => {}
        }
    }
    false
}

/// `xml.etree.ElementPath.<name>(self, args...)` (the module imported
/// once and kept in state slot `ST_ELEMENTPATH`).
fn elementpath_call(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    let mut ep = super::state(vm, super::ST_ELEMENTPATH)?;
    if ep.is_none() {
        ep = vm.import_module("xml.etree.ElementPath")?;
        let m = vm.push_root(ep);
        if let Ok(module) = super::module(vm) {
            set_module_state(vm, module, super::ST_ELEMENTPATH, ep);
        }
        vm.pop_roots(m);
    }
    vm.call_method(ep, name, args)
}

/// Calls `f(child)` on each child whose tag equals `path`, in order, until
/// it returns `Some`.
fn scan_tag<T>(
    vm: &mut Vm,
    o: Obj,
    path: Value,
    mut f: impl FnMut(&mut Vm, Value) -> PyResult<Option<T>>,
) -> PyResult<Option<T>> {
    let items = snapshot(vm, o);
    let mark = vm.root_values(&items);
    vm.push_root(path);
    let r = (|| {
        for &c in &items {
            let Some(co) = elem_of(c) else { continue };
            if vm.eq(fld(co, E_TAG), path)? {
                if let Some(x) = f(vm, c)? {
                    return Ok(Some(x));
                }
            }
        }
        Ok(None)
    })();
    vm.pop_roots(mark);
    r
}

fn e_find(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "find")?;
    let [path, ns] = clinic::unpack(vm, "find", &a[1..], k, ["path", "namespaces"], 0, 1, 2)?;
    let path = path.unwrap_or(Value::NONE);
    let ns = ns.unwrap_or(Value::NONE);
    if checkpath(path) || !ns.is_none() {
        return elementpath_call(vm, "find", &[a[0], path, ns]);
    }
    Ok(scan_tag(vm, o, path, |_, c| Ok(Some(c)))?.unwrap_or(Value::NONE))
}

fn e_findtext(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "findtext")?;
    let [path, default, ns] = clinic::unpack(
        vm,
        "findtext",
        &a[1..],
        k,
        ["path", "default", "namespaces"],
        0,
        1,
        3,
    )?;
    let path = path.unwrap_or(Value::NONE);
    let default = default.unwrap_or(Value::NONE);
    let ns = ns.unwrap_or(Value::NONE);
    if checkpath(path) || !ns.is_none() {
        return elementpath_call(vm, "findtext", &[a[0], path, default, ns]);
    }
    let found = scan_tag(vm, o, path, |vm, c| {
        let t = elem_of(c).map_or(Value::NONE, |co| fld(co, E_TEXT));
        Ok(Some(if t.is_none() { vm.new_str("") } else { t }))
    })?;
    Ok(found.unwrap_or(default))
}

fn e_findall(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "findall")?;
    let [path, ns] = clinic::unpack(vm, "findall", &a[1..], k, ["path", "namespaces"], 0, 1, 2)?;
    let path = path.unwrap_or(Value::NONE);
    let ns = ns.unwrap_or(Value::NONE);
    if checkpath(path) || !ns.is_none() {
        return elementpath_call(vm, "findall", &[a[0], path, ns]);
    }
    let mut out = Vec::new();
    scan_tag(vm, o, path, |_, c| {
        out.push(c);
        Ok(None::<()>)
    })?;
    Ok(vm.new_list(&out))
}

fn e_iterfind(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    this(vm, a, "iterfind")?;
    let [path, ns] = clinic::unpack(vm, "iterfind", &a[1..], k, ["path", "namespaces"], 0, 1, 2)?;
    let path = path.unwrap_or(Value::NONE);
    let ns = ns.unwrap_or(Value::NONE);
    elementpath_call(vm, "iterfind", &[a[0], path, ns])
}

// ------------------------------------------------------------------ iterators

fn e_iter(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "iter")?;
    let [tag] = clinic::unpack(vm, "iter", &a[1..], k, ["tag"], 0, 0, 1)?;
    let mut tag = tag.unwrap_or(Value::NONE);
    if let Some(t) = Obj::from_value(tag) {
        if (t.kind() == Kind::STR || t.kind() == Kind::BYTES) && str_bytes(tag) == b"*" {
            tag = Value::NONE;
        }
    }
    new_iter(vm, o, tag, false)
}

fn e_itertext(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "itertext")?;
    new_iter(vm, o, Value::NONE, true)
}

fn new_iter(vm: &mut Vm, o: Obj, tag: Value, gettext: bool) -> PyResult<Value> {
    let Some(&(_, it_type)) = TYPES.get() else {
        return Err(vm.new_exc(vm.g.e.SystemError, "element iterator type is missing"));
    };
    let v = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, it_type, IT_N, IterState { gettext });
    let it = Obj::from_value(v).expect("iterator");
    let stack = llist::alloc(&mut vm.ctx, vm.g.types.list, 8);
    it.init(0, Value::NONE);
    it.init(IT_ROOT, o.value());
    it.init(IT_TAG, tag);
    it.init(IT_STACK, stack);
    Ok(v)
}

fn iter_no_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_elementtree._element_iterator' instances"))
}

fn it_this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<(Obj, bool)> {
    if let Some(o) = a.first().and_then(|&v| Obj::from_value(v)) {
        if o.kind() == K_INSTANCE {
            if let Some(s) = native_ref::<IterState>(o) {
                return Ok((o, s.gettext));
            }
        }
    }
    let tn = a.first().map_or("NULL".into(), |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{name}' requires a '_elementtree._element_iterator' object but received a '{tn}'"
    )))
}

fn it_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    it_this(vm, a, "__iter__")?;
    Ok(a[0])
}

/// One structural step of an iterator.
enum Step {
    Done,
    /// An element entered (its children to be visited next).
    Enter(Value),
    /// A parent left (for `itertext`: its tail is due).
    Leave(Value),
}

/// The next structural step of iterator `it`. Under the iterator's lock:
/// the stack is only written here; children are read lock-free. Without
/// `leaves` (an `iter()`, which skips Leave steps), a child without
/// children is entered without being pushed on the stack.
fn step(ctx: &mut ProtoContext, it: Obj, leaves: bool) -> Step {
    let Some(stack) = Obj::from_value(it.get(IT_STACK)) else {
        return Step::Done;
    };
    loop {
        let n = llist::len(stack);
        let elem = if n < 2 {
            let root = it.get(IT_ROOT);
            if root.is_empty() {
                return Step::Done;
            }
            it.init(IT_ROOT, Value::EMPTY);
            root
        } else {
            let parent = llist::get(stack, n - 2).unwrap_or(Value::NONE);
            let idx = llist::get(stack, n - 1)
                .and_then(|v| v.as_int())
                .unwrap_or(0);
            let child = elem_of(parent).and_then(|p| kid(p, idx as usize));
            match child {
                None => {
                    llist::pop_last(stack);
                    llist::pop_last(stack);
                    if llist::len(stack) >= 2 {
                        return Step::Leave(parent);
                    }
                    continue;
                }
                Some(c) => {
                    llist::set(ctx, stack, n - 1, Value::int(idx + 1));
                    if !leaves && elem_of(c).is_some_and(|co| n_kids(co) == 0) {
                        return Step::Enter(c);
                    }
                    c
                }
            }
        };
        llist::append(ctx, stack, elem);
        llist::append(ctx, stack, Value::int(0));
        return Step::Enter(elem);
    }
}

fn it_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (it, gettext) = it_this(vm, a, "__next__")?;
    let mark = vm.push_root(it.value());
    let r = (|| loop {
        let s = vm.with_lock(it, |ctx| step(ctx, it, gettext));
        let (e, leave) = match s {
            Step::Done => return Err(vm.stop_iteration(Value::NONE)),
            Step::Enter(e) => (e, false),
            Step::Leave(e) => (e, true),
        };
        let Some(eo) = elem_of(e) else { continue };
        if gettext {
            let t = if leave {
                fld(eo, E_TAIL)
            } else {
                fld(eo, E_TEXT)
            };
            if t.is_none() {
                continue;
            }
            if is_str(t) {
                if !str_bytes(t).is_empty() {
                    return Ok(t);
                }
                continue;
            }
            let m = vm.push_root(t);
            let yes = vm.truthy(t);
            vm.pop_roots(m);
            if yes? {
                return Ok(t);
            }
            continue;
        }
        if leave {
            continue;
        }
        let sought = it.get(IT_TAG);
        if sought.is_none() {
            return Ok(e);
        }
        let tag = fld(eo, E_TAG);
        // Identity and two exact strs answer without rich comparison.
        match ops::eq_native(vm.g.types.str_, tag, sought) {
            Some(true) => return Ok(e),
            Some(false) => continue,
            None => {}
        }
        let m = vm.push_root(e);
        let eq = vm.eq(tag, sought);
        vm.pop_roots(m);
        if eq? {
            return Ok(e);
        }
    })();
    vm.pop_roots(mark);
    r
}
