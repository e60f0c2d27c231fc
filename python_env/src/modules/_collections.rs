//! `_collections`: the native parts of CPython's `collections` package —
//! `deque` and its iterators (`types/deque.rs`), `defaultdict`
//! (`types/defaultdict.rs`), `OrderedDict` (`types/ordereddict.rs`),
//! `_count_elements` (Counter's counting loop) and `_tuplegetter`
//! (namedtuple's field descriptors).
//!
//! `_tuplegetter(index, doc)` is a static subclass of `property` whose
//! getter is a builtin bound to the descriptor itself (the index is the
//! descriptor's raw word 0), so attribute access takes the engine's
//! property path; its setter and deleter raise CPython's AttributeError.
//! Being a `property` subclass (CPython's is not) gives it the writable
//! `__doc__` that namedtuple sets.

use crate::args::{check_method, check_parse_tuple, py_ssize_t};
use engine::runtime::*;
use proto_core::layouts::{get_raw, set_raw};
use proto_core::Value;

/// `_tuplegetter` values: property's fget, fset, fdel, doc, name.
const TG_SLOTS: usize = 5;

/// The getter: `obj[index]` for a tuple `obj`; `a[0]` is the descriptor.
fn tg_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = Obj::from_value(a[0]).expect("tuplegetter");
    let index = get_raw(p, 0) as usize;
    let Some(&obj) = a.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    match Obj::from_value(obj).filter(|o| o.kind() == Kind::TUPLE) {
        Some(t) if index < t.n_values() => Ok(t.get(index)),
        Some(_) => Err(vm.new_exc(vm.g.e.IndexError, "tuple index out of range")),
        None => {
            let tn = vm.type_name_of(obj);
            Err(vm.type_error(&format!(
                "descriptor for index '{index}' for tuple subclasses doesn't apply to '{tn}' object"
            )))
        }
    }
}

fn tg_set(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(vm.g.e.AttributeError, "can't set attribute"))
}

fn tg_delete(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(vm.g.e.AttributeError, "can't delete attribute"))
}

/// `_tuplegetter(index, doc)`.
fn tg_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_parse_tuple(vm, "_tuplegetter", "_tuplegetter", &a[1..], k, 2, 2)?;
    let index = py_ssize_t(vm, a[1])?;
    if index < 0 {
        return Err(vm.new_exc(vm.g.e.IndexError, "tuple index out of range"));
    }
    let p = vm.alloc_obj(K_PROPERTY, a[0], TG_SLOTS, 8);
    for i in 0..TG_SLOTS {
        p.init(i, Value::NONE);
    }
    set_raw(p, 0, index as u64);
    let mark = vm.push_root(p.value());
    let g = vm.new_builtin_bound("_tuplegetter", tg_get, p.value());
    vm.store(p, 0, g);
    let s = vm.new_builtin("_tuplegetter", tg_set, false);
    vm.store(p, 1, s);
    let d = vm.new_builtin("_tuplegetter", tg_delete, false);
    vm.store(p, 2, d);
    vm.store(p, 3, a[2]);
    vm.pop_roots(mark);
    Ok(p.value())
}

/// `__init__`: `__new__` did the work (property's `__init__` must not
/// run on `(index, doc)`).
fn tg_init(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// `__reduce__()`: `(type(self), (index, doc))`.
fn tg_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "__reduce__", a, k, 0, 0)?;
    let p = Obj::from_value(a[0]).expect("tuplegetter");
    let index = Value::int(get_raw(p, 0) as i64);
    let args = vm.new_tuple(&[index, p.get(3)]);
    let mark = vm.push_root(args);
    let cls = p.class();
    let r = vm.new_tuple(&[cls, args]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `repr()`: `_tuplegetter(index, doc)`.
fn tg_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = Obj::from_value(a[0]).expect("tuplegetter");
    let doc = vm.repr_string(p.get(3))?;
    let tn = type_short_name(p.class());
    Ok(vm.new_str(&format!("{tn}({}, {doc})", get_raw(p, 0))))
}

/// `_count_elements(mapping, iterable)`: `mapping[e] = mapping.get(e, 0) + 1`
/// for each element; direct dict operations when `mapping`'s class keeps
/// dict's `get` and `__setitem__` (Counter does).
fn count_elements(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_parse_tuple(vm, "_count_elements", "_count_elements", a, k, 2, 2)?;
    let mapping = a[0];
    let tp = vm.type_of(mapping);
    let dict_t = vm.g.types.dict;
    let get_n = vm.intern("get");
    let set_n = vm.intern("__setitem__");
    let fast = Obj::from_value(mapping).is_some_and(|o| o.kind() == Kind::DICT)
        && vm.lookup_type(tp, get_n) == vm.lookup_type(dict_t, get_n)
        && vm.lookup_type(tp, set_n) == vm.lookup_type(dict_t, set_n);
    let it = vm.iter(a[1])?;
    let mark = vm.push_root(it);
    let getter = if fast {
        Value::NONE
    } else {
        match vm.getattr(mapping, get_n) {
            Ok(g) => g,
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    };
    vm.push_root(getter);
    let one = Value::int(1);
    let r = (|| -> PyResult<()> {
        while let Some(key) = vm.next(it)? {
            let m = vm.push_root(key);
            let cur = if fast {
                vm.dict_get(mapping, key)?.unwrap_or(Value::int(0))
            } else {
                vm.call(getter, &[key, Value::int(0)], Value::EMPTY)?
            };
            vm.push_root(cur);
            let new = vm.binary_op(engine::bytecode::BinaryOperator::Add, cur, one)?;
            vm.push_root(new);
            if fast {
                vm.dict_set(mapping, key, new)?;
            } else {
                vm.setitem(mapping, key, new)?;
            }
            vm.pop_roots(m);
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r.map(|()| Value::NONE)
}

/// Creates the `_collections` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_collections");
    let mark = vm.push_root(m);
    let t = &vm.g.types;
    let entries = [
        ("deque", t.deque),
        ("_deque_iterator", t.deque_iter),
        ("_deque_reverse_iterator", t.deque_reviter),
    ];
    for (name, v) in entries {
        vm.set_module_attr(m, name, v);
    }
    let dd = crate::types::defaultdict::new_type(vm);
    vm.set_module_attr(m, "defaultdict", dd);
    let od = crate::types::ordereddict::new_type(vm);
    vm.set_module_attr(m, "OrderedDict", od);

    let tg = vm.new_static_type("_tuplegetter", vm.g.types.property, K_PROPERTY, false);
    let modname = vm.new_str("_collections");
    vm.ctx.promote(modname);
    vm.add_attr(tg, "__module__", modname);
    vm.add_static(tg, "__new__", tg_new, false);
    vm.add_method(tg, "__init__", tg_init);
    vm.add_method(tg, "__reduce__", tg_reduce);
    vm.add_method(tg, "__repr__", tg_repr);
    vm.set_module_attr(m, "_tuplegetter", tg);

    vm.add_module_functions(m, &[("_count_elements", count_elements)]);
    vm.pop_roots(mark);
    Ok(m)
}
