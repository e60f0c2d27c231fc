//! `types.GenericAlias`: what `list[int]`, `dict[str, int]`... return.
//!
//! Layout (`K_MISC`): values `[origin, args tuple, parameters tuple]`.
//! Attribute access other than the alias' own forwards to the origin, as
//! CPython's genericaliasobject.c does.

use crate::args::Args;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

const GA_ORIGIN: usize = 0;
const GA_ARGS: usize = 1;
const GA_PARAMS: usize = 2;

/// Attributes that are looked up on the alias itself, not its origin.
const OWN_ATTRS: &[&str] = &[
    "__origin__",
    "__args__",
    "__parameters__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
    "__unpacked__",
    "__typing_unpacked_tuple_args__",
    "__class__",
];

/// A new alias `origin[args]` (`args` a tuple or a single value).
pub fn new_alias(vm: &mut Vm, origin: Value, args: Value) -> Value {
    let args = if Obj::from_value(args).is_some_and(|o| o.kind() == Kind::TUPLE) {
        args
    } else {
        vm.new_tuple(&[args])
    };
    let params = vm.new_tuple(&[]);
    let cls = vm.g.types.generic_alias;
    let o = vm.alloc_obj(K_MISC, cls, 3, 0);
    o.init(GA_ORIGIN, origin);
    o.init(GA_ARGS, args);
    o.init(GA_PARAMS, params);
    o.value()
}

/// `__class_getitem__` of the builtin generic classes.
pub fn class_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("__class_getitem__() takes exactly one argument"));
    }
    Ok(new_alias(vm, a[0], a[1]))
}

fn is_alias(vm: &Vm, v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_MISC && o.class() == vm.g.types.generic_alias)
}

fn alias(vm: &mut Vm, v: Value) -> PyResult<Obj> {
    match Obj::from_value(v) {
        Some(o) if is_alias(vm, v) => Ok(o),
        _ => Err(vm.type_error("descriptor requires a 'types.GenericAlias' object")),
    }
}

/// repr of one item as CPython's ga_repr_item: classes by qualified name.
fn repr_item(vm: &mut Vm, v: Value) -> PyResult<String> {
    if v == Value::ELLIPSIS {
        return Ok("...".into());
    }
    if is_alias(vm, v) {
        return alias_repr_string(vm, v);
    }
    if let Some(o) = Obj::from_value(v).filter(|o| o.kind() == K_TYPE) {
        let qn = vm.getattr_opt(v, vm.g.names.__qualname__)?;
        let m = vm.getattr_opt(v, vm.g.names.__module__)?;
        if let (Some(qn), Some(m)) = (qn, m) {
            if is_str(qn) && is_str(m) {
                return Ok(if str_of(m) == "builtins" {
                    str_of(qn).into_owned()
                } else {
                    format!("{}.{}", str_of(m), str_of(qn))
                });
            }
        }
        let _ = o;
    }
    vm.repr_string(v)
}

fn alias_repr_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let o = alias(vm, v)?;
    let origin = o.get(GA_ORIGIN);
    let mut s = repr_item(vm, origin)?;
    s.push('[');
    let items = vm.seq_items(o.get(GA_ARGS));
    if items.is_empty() {
        s.push_str("()");
    }
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        let r = if Obj::from_value(*it)
            .is_some_and(|x| x.kind() == Kind::LIST && x.class() == vm.g.types.list)
        {
            let sub = vm.seq_items(*it);
            let mut parts = Vec::new();
            for x in sub {
                parts.push(repr_item(vm, x)?);
            }
            format!("[{}]", parts.join(", "))
        } else {
            repr_item(vm, *it)?
        };
        s.push_str(&r);
    }
    s.push(']');
    Ok(s)
}

fn ga_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    if !args.kw.is_empty() {
        return Err(vm.type_error("GenericAlias() takes no keyword arguments"));
    }
    if args.pos.len() != 3 {
        return Err(vm.type_error(&format!(
            "GenericAlias expected 2 arguments, got {}",
            args.pos.len().saturating_sub(1)
        )));
    }
    Ok(new_alias(vm, args.pos[1], args.pos[2]))
}

fn ga_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = alias_repr_string(vm, a[0])?;
    Ok(vm.new_str(&s))
}

fn ga_getattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = alias(vm, a[0])?;
    let n = str_of(a[1]).into_owned();
    match n.as_str() {
        "__origin__" => return Ok(o.get(GA_ORIGIN)),
        "__args__" => return Ok(o.get(GA_ARGS)),
        "__parameters__" => return Ok(o.get(GA_PARAMS)),
        _ => {}
    }
    if OWN_ATTRS.contains(&n.as_str()) {
        return Err(vm.attr_error(a[0], a[1]));
    }
    vm.getattr(o.get(GA_ORIGIN), a[1])
}

fn ga_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = alias(vm, a[0])?;
    let r = vm.call(o.get(GA_ORIGIN), &a[1..], k)?;
    // CPython sets __orig_class__ on the result when it can; ignore failures.
    if Obj::from_value(r).is_some_and(|x| vm.instance_dict(x).is_some() || x.kind() == K_INSTANCE) {
        let n = vm.intern("__orig_class__");
        let mark = vm.push_root(r);
        let res = vm.setattr(r, n, a[0]);
        vm.pop_roots(mark);
        if let Err(e) = res {
            if !vm.isinstance(e.0, vm.g.e.AttributeError) && !vm.isinstance(e.0, vm.g.e.TypeError) {
                return Err(e);
            }
        }
    }
    Ok(r)
}

fn ga_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !is_alias(vm, a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (x, y) = (alias(vm, a[0])?, alias(vm, a[1])?);
    if x.get(GA_ORIGIN) != y.get(GA_ORIGIN) {
        let e = vm.eq(x.get(GA_ORIGIN), y.get(GA_ORIGIN))?;
        if !e {
            return Ok(Value::FALSE);
        }
    }
    let r = vm.eq(x.get(GA_ARGS), y.get(GA_ARGS))?;
    Ok(Value::bool(r))
}

fn ga_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = alias(vm, a[0])?;
    let h1 = vm.hash(o.get(GA_ORIGIN))?;
    let h2 = vm.hash(o.get(GA_ARGS))?;
    Ok(Value::int((h1 ^ h2) >> 3))
}

fn ga_mro_entries(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = alias(vm, a[0])?;
    Ok(vm.new_tuple(&[o.get(GA_ORIGIN)]))
}

fn ga_instancecheck(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn ga_subclasscheck(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

fn ga_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = alias_repr_string(vm, a[0])?;
    Err(vm.type_error(&format!("{r} is not a generic class")))
}

/// Registers GenericAlias and the builtin classes' `__class_getitem__`.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.generic_alias;
    vm.add_static(t, "__new__", ga_new, false);
    vm.add_method(t, "__repr__", ga_repr);
    vm.add_method(t, "__getattr__", ga_getattr);
    vm.add_method(t, "__call__", ga_call);
    vm.add_method(t, "__eq__", ga_eq);
    vm.add_method(t, "__hash__", ga_hash);
    vm.add_method(t, "__mro_entries__", ga_mro_entries);
    vm.add_method(t, "__instancecheck__", ga_instancecheck);
    vm.add_method(t, "__subclasscheck__", ga_subclasscheck);
    vm.add_method(t, "__getitem__", ga_getitem);
    vm.add_method(t, "__or__", super::object::union_or);
    vm.add_method(t, "__ror__", super::object::union_ror);
    let m = vm.new_str("types");
    vm.add_attr(t, "__module__", m);
    let to = Obj::from_value(t).expect("t");
    set_type_flags(to, type_flags(to) | TF_GETATTR);
    let tt = &vm.g.types;
    for c in [tt.list, tt.tuple, tt.dict, tt.set, tt.frozenset] {
        vm.add_static(c, "__class_getitem__", class_getitem, true);
    }
    Ok(())
}
