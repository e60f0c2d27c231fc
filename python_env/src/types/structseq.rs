//! Struct sequences (CPython's structseq) for the interpreter's own records
//! (`sys.version_info`, `sys.thread_info`, `sys.float_info`): an instance is
//! a tuple whose class is a static tuple subtype that cannot be subclassed
//! or instantiated from Python, with one read-only getset descriptor per
//! field (reading item i). Instances are immutable and shareable like any
//! tuple.

use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

/// Getter of the field named `a[0]` (bound: the interned name) of the
/// instance `a[1]`: the item at the name's place in the class's
/// `__match_args__`.
fn field_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (name, obj) = (a[0], a.get(1).copied().unwrap_or(Value::NONE));
    if let Some(o) = Obj::from_value(obj).filter(|o| o.kind() == Kind::TUPLE) {
        let key = vm.intern("__match_args__");
        if let Some(names) = vm.lookup_type(o.class(), key) {
            let i = vm.seq_items(names).iter().position(|&n| n == name);
            if let Some(i) = i.filter(|&i| i < o.n_values()) {
                return Ok(o.get(i));
            }
        }
    }
    let tn = vm.type_name_of(obj);
    Err(vm.type_error(&format!(
        "descriptor '{}' doesn't apply to a '{tn}' object",
        str_of(name)
    )))
}

/// Setter and deleter of every field: "readonly attribute", as CPython's
/// read-only members say.
pub(crate) fn readonly(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(vm.g.e.AttributeError, "readonly attribute"))
}

/// Adds to the class `t` the read-only field `name` (a getset_descriptor:
/// the builtin `get` reads it, a store or delete raises "readonly
/// attribute") with the docstring `doc` (a str or None).
pub fn add_field(vm: &mut Vm, t: Value, name: &'static str, get: Value, doc: Value) {
    let set = vm.new_builtin(name, readonly, false);
    let n = vm.intern(name);
    // [fget, fset, fdel, doc, name, owner].
    let p = vm.alloc_obj(K_PROPERTY, vm.g.types.getset_descr, 6, 0);
    p.init(0, get);
    p.init(1, set);
    p.init(2, set);
    p.init(3, doc);
    p.init(4, n);
    p.init(5, t);
    vm.ctx.promote(p.value());
    vm.add_attr(t, name, p.value());
}

fn no_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = a.first().map_or_else(String::new, |&c| type_name(c));
    Err(vm.type_error(&format!("cannot create '{tn}' instances")))
}

/// `repr()`: `module.name(field=repr, ...)` over the fields named in the
/// class's `__match_args__`.
pub fn seq_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).filter(|o| o.kind() == Kind::TUPLE);
    let Some(o) = o else {
        return vm.repr(a[0]);
    };
    let cls = o.class();
    let key = vm.intern("__match_args__");
    let names = vm.getattr(cls, key)?;
    let names = vm.seq_items(names);
    let mut s = format!("{}(", type_name(cls));
    for (i, n) in names.iter().enumerate().take(o.n_values()) {
        if i > 0 {
            s.push_str(", ");
        }
        // `o` is the receiver, rooted by the caller; items are read afresh
        // after every repr call.
        let r = vm.repr_string(o.get(i))?;
        s.push_str(&str_of(*n));
        s.push('=');
        s.push_str(&r);
    }
    s.push(')');
    Ok(vm.new_str(&s))
}

/// A struct sequence class `module.name` with the fields `fields`.
pub fn new_type(vm: &mut Vm, module: &str, name: &str, fields: &[&'static str]) -> Value {
    let t = vm.new_static_type(name, vm.g.types.tuple, Kind::TUPLE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    let m = vm.intern(module);
    vm.add_attr(t, "__module__", m);
    vm.add_static(t, "__new__", no_new, false);
    vm.add_method(t, "__repr__", seq_repr);
    vm.add_method(t, "__reduce__", seq_reduce);
    for &f in fields {
        let n = vm.intern(f);
        let g = vm.new_builtin_bound(f, field_get, n);
        add_field(vm, t, f, g, Value::NONE);
    }
    let names: Vec<Value> = fields.iter().map(|f| vm.intern(f)).collect();
    let match_args = vm.new_tuple(&names);
    vm.ctx.promote(match_args);
    vm.add_attr(t, "__match_args__", match_args);
    let n = Value::int(fields.len() as i64);
    for attr in ["n_sequence_fields", "n_fields"] {
        vm.add_attr(t, attr, n);
    }
    vm.add_attr(t, "n_unnamed_fields", Value::int(0));
    t
}

/// `__reduce__()`: `(type(self), (tuple(self), {}))`, CPython's
/// `structseq_reduce` for a sequence whose fields are all in its tuple (a
/// class whose `__new__` refuses, as `sys.flags`, pickles but does not
/// unpickle, as in CPython).
fn seq_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = a[0];
    let Some(o) = Obj::from_value(s).filter(|o| o.kind() == Kind::TUPLE) else {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(&format!(
            "descriptor '__reduce__' requires a struct sequence, not '{tn}'"
        )));
    };
    let items: Vec<Value> = (0..o.n_values()).map(|i| o.get(i)).collect();
    let mark = vm.push_root(s);
    let tup = vm.new_tuple(&items);
    vm.push_root(tup);
    let d = vm.new_dict();
    vm.push_root(d);
    let args = vm.new_tuple(&[tup, d]);
    vm.push_root(args);
    let cls = vm.type_of(s);
    let r = vm.new_tuple(&[cls, args]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `__new__(cls, sequence, dict=None)` of a struct sequence that Python
/// code may build (`threading.ExceptHookArgs`): exactly `n_fields` items,
/// with CPython's messages.
fn seq_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let tn = type_name(cls);
    crate::args::check_parse_tuple(vm, &tn, &tn, &a[1..], k, 1, 2)?;
    let items = match vm.collect(a[1]) {
        Ok(items) => items,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
            return Err(vm.type_error("constructor requires a sequence"));
        }
        Err(e) => return Err(e),
    };
    let key = vm.intern("__match_args__");
    let n = match vm.lookup_type(cls, key) {
        Some(names) => vm.seq_items(names).len(),
        None => 0,
    };
    if items.len() != n {
        return Err(vm.type_error(&format!(
            "{tn}() takes a {n}-sequence ({}-sequence given)",
            items.len()
        )));
    }
    Ok(new(vm, cls, &items))
}

/// Lets Python code build instances of the struct sequence class `t`
/// (made by [`new_type`]) from a sequence of its fields.
pub fn set_constructible(vm: &mut Vm, t: Value) {
    vm.add_static(t, "__new__", seq_new, false);
}

/// An instance of the struct sequence class `cls` holding `items`.
pub fn new(vm: &mut Vm, cls: Value, items: &[Value]) -> Value {
    let t = vm.ctx.alloc(Kind::TUPLE, cls, items.len(), 0);
    let o = Obj::from_value(t).expect("heap");
    for (i, &v) in items.iter().enumerate() {
        o.init(i, v);
    }
    t
}
