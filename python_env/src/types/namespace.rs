//! `types.SimpleNamespace` (the class of `sys.implementation` and of
//! `time.get_clock_info()`'s result): an object whose attributes are its
//! `__dict__`, built from keyword arguments, shown as `namespace(a=1, ...)`
//! and equal to another namespace with an equal dict.

use engine::runtime::*;
use proto_core::{Obj, Value};

/// The instance dict of `v` (None if it has none yet).
fn ns_dict(vm: &Vm, v: Value) -> Option<Value> {
    // (SimpleNamespace and its subclasses are not shaped: a native base.)
    Obj::from_value(v).and_then(|o| vm.instance_dict_unshaped(o))
}

/// `SimpleNamespace(**kwargs)`.
fn ns_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let names = Obj::from_value(k).map_or(0, |o| o.n_values());
    if a.len() - 1 > names {
        return Err(vm.type_error("no positional arguments expected"));
    }
    let first = a.len() - names;
    for i in 0..names {
        let key = Obj::from_value(k).expect("kwnames").get(i);
        vm.setattr(a[0], key, a[first + i])?;
    }
    Ok(Value::NONE)
}

/// `repr()`: `namespace(k=v, ...)` in insertion order (the class name for
/// subclasses), `namespace(...)` when nested in itself; keys that are not
/// non-empty strs are left out.
fn ns_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let me = a[0];
    let tp = vm.type_of(me);
    let name = if tp == vm.g.types.namespace {
        "namespace".to_string()
    } else {
        type_name(tp)
    };
    if vm.repr_enter(me) {
        return Ok(vm.new_str(&format!("{name}(...)")));
    }
    let r = ns_repr_items(vm, me);
    vm.repr_leave();
    let items = r?;
    Ok(vm.new_str(&format!("{name}({})", items.join(", "))))
}

fn ns_repr_items(vm: &mut Vm, me: Value) -> PyResult<Vec<String>> {
    let Some(d) = ns_dict(vm, me) else {
        return Ok(Vec::new());
    };
    // The keys, rooted: a value's __repr__ may change the dict.
    let keys: Vec<Value> = vm.dict_items(d).into_iter().map(|(key, _)| key).collect();
    let keys = vm.new_tuple(&keys);
    let mark = vm.push_root(keys);
    let mut out = Vec::new();
    let mut i = 0;
    let r = loop {
        let Some(key) = vm.seq_get(keys, i) else {
            break Ok(out);
        };
        i += 1;
        if !is_str(key) || str_bytes(key).is_empty() {
            continue;
        }
        // The dict may have changed: read it afresh (it is reachable from
        // `me`, an argument).
        let Some(d) = ns_dict(vm, me) else {
            continue;
        };
        let Some(v) = vm.dict_get(d, key)? else {
            continue;
        };
        match vm.repr_string(v) {
            Ok(s) => out.push(format!("{}={s}", str_of(key))),
            Err(e) => break Err(e),
        }
    };
    vm.pop_roots(mark);
    r
}

/// `==`/`!=` between namespaces compare their dicts.
fn ns_compare(vm: &mut Vm, a: &[Value], negate: bool) -> PyResult<Value> {
    let ns = vm.g.types.namespace;
    if !(vm.isinstance(a[0], ns) && vm.isinstance(a[1], ns)) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let empty = |vm: &mut Vm, v: Option<Value>| v.unwrap_or_else(|| vm.new_dict());
    let d0 = ns_dict(vm, a[0]);
    let d0 = empty(vm, d0);
    let mark = vm.push_root(d0);
    let d1 = ns_dict(vm, a[1]);
    let d1 = empty(vm, d1);
    vm.push_root(d1);
    let r = vm.eq(d0, d1);
    vm.pop_roots(mark);
    Ok(Value::bool(r? != negate))
}

fn ns_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    ns_compare(vm, a, false)
}

fn ns_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    ns_compare(vm, a, true)
}

/// `__reduce__()`: `(type(self), (), self.__dict__)`.
fn ns_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tp = vm.type_of(a[0]);
    let d = match ns_dict(vm, a[0]) {
        Some(d) => d,
        None => vm.new_dict(),
    };
    let args = vm.new_tuple(&[]);
    Ok(vm.new_tuple(&[tp, args, d]))
}

/// Fills the SimpleNamespace type.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.namespace;
    let m = vm.intern("types");
    vm.add_attr(t, "__module__", m);
    let doc = vm.new_str("A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)");
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_method(t, "__init__", ns_init);
    vm.add_methods_arity(t, 0, 0, &[("__repr__", ns_repr), ("__reduce__", ns_reduce)]);
    vm.add_methods_arity(t, 1, 1, &[("__eq__", ns_eq), ("__ne__", ns_ne)]);
    vm.add_attr(t, "__hash__", Value::NONE);
    Ok(())
}
