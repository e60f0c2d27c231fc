//! `types.GenericAlias`: what `list[int]`, `dict[str, int]`... return, and
//! its iterator (`*tuple[int, str]` is the one unpacked alias it yields).
//!
//! Layout (`K_MISC`, of `GenericAlias` or a subclass of it): values
//! `[origin, args tuple, parameters tuple (EMPTY until first needed),
//! unpacked flag]`. Attribute access other than the alias' own forwards to
//! the origin, as CPython's genericaliasobject.c does. The parameters are
//! the type variables among the arguments (anything with `__typing_subst__`,
//! and the `__parameters__` of nested aliases), each once; indexing the
//! alias substitutes them, as CPython 3.11's `_Py_subs_parameters` does
//! (TypeVarTuple's `__typing_prepare_subst__` reshapes the items first).
//! The iterator (`generic_alias_iterator`): value `[alias]`, EMPTY once it
//! has yielded.

use crate::args::Args;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

const GA_ORIGIN: usize = 0;
const GA_ARGS: usize = 1;
const GA_PARAMS: usize = 2;
const GA_STARRED: usize = 3;
const GA_N: usize = 4;

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

fn as_tuple(vm: &mut Vm, v: Value) -> Value {
    if is_tuple(v) {
        v
    } else {
        vm.new_tuple(&[v])
    }
}

fn is_tuple(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == Kind::TUPLE)
}

fn is_class(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_TYPE)
}

/// A new alias of class `cls` (`args` a tuple or a single value).
fn alloc_alias(vm: &mut Vm, cls: Value, origin: Value, args: Value, starred: bool) -> Value {
    let args = as_tuple(vm, args);
    let o = vm.alloc_obj(K_MISC, cls, GA_N, 0);
    o.init(GA_ORIGIN, origin);
    o.init(GA_ARGS, args);
    o.init(GA_PARAMS, Value::EMPTY);
    o.init(GA_STARRED, Value::bool(starred));
    o.value()
}

/// A new alias `origin[args]` (`args` a tuple or a single value).
pub fn new_alias(vm: &mut Vm, origin: Value, args: Value) -> Value {
    let cls = vm.g.types.generic_alias;
    alloc_alias(vm, cls, origin, args, false)
}

/// `__class_getitem__` of the builtin generic classes.
pub fn class_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("__class_getitem__() takes exactly one argument"));
    }
    Ok(new_alias(vm, a[0], a[1]))
}

fn is_alias(vm: &Vm, v: Value) -> bool {
    let ga = vm.g.types.generic_alias;
    Obj::from_value(v)
        .is_some_and(|o| o.kind() == K_MISC && (o.class() == ga || vm.is_subtype(o.class(), ga)))
}

fn alias(vm: &mut Vm, v: Value) -> PyResult<Obj> {
    match Obj::from_value(v) {
        Some(o) if is_alias(vm, v) => Ok(o),
        _ => Err(vm.type_error("descriptor requires a 'types.GenericAlias' object")),
    }
}

fn starred(o: Obj) -> bool {
    o.get(GA_STARRED) == Value::TRUE
}

/// repr of one item as CPython's ga_repr_item: classes by qualified name.
fn repr_item(vm: &mut Vm, v: Value) -> PyResult<String> {
    if v == Value::ELLIPSIS {
        return Ok("...".into());
    }
    // Aliases are shown by their repr; a subclass may define its own
    // (collections.abc's _CallableGenericAlias).
    if is_alias(vm, v) && Obj::from_value(v).is_some_and(|o| o.class() == vm.g.types.generic_alias)
    {
        return alias_repr_string(vm, v);
    }
    if is_class(v) {
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
    }
    vm.repr_string(v)
}

fn alias_repr_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let o = alias(vm, v)?;
    let origin = o.get(GA_ORIGIN);
    let mut s = String::from(if starred(o) { "*" } else { "" });
    s.push_str(&repr_item(vm, origin)?);
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
    let (cls, ga) = (args.pos[0], vm.g.types.generic_alias);
    if !is_class(cls) || (cls != ga && !vm.is_subtype(cls, ga)) {
        return Err(vm.type_error("GenericAlias.__new__(X): X is not a subtype of GenericAlias"));
    }
    Ok(alloc_alias(vm, cls, args.pos[1], args.pos[2], false))
}

fn ga_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = alias_repr_string(vm, a[0])?;
    Ok(vm.new_str(&s))
}

/// Position of `v` in `params`, by identity (as CPython's tuple_index).
fn index_of(params: &[Value], v: Value) -> Option<usize> {
    params.iter().position(|&p| p == v)
}

/// `getattr(v, name)`, or None when it has no such attribute.
fn attr_opt(vm: &mut Vm, v: Value, name: &str) -> PyResult<Option<Value>> {
    let n = vm.intern(name);
    vm.getattr_opt(v, n)
}

/// The type variables among `args` (a tuple), each once, in order.
fn make_parameters(vm: &mut Vm, args: Value) -> PyResult<Value> {
    let mark = vm.push_root(args);
    let r = (|| {
        let mut params: Vec<Value> = Vec::new();
        for t in vm.seq_items(args) {
            // A bare class's `__parameters__` is a descriptor, not its own.
            if is_class(t) {
                continue;
            }
            if attr_opt(vm, t, "__typing_subst__")?.is_some() {
                if index_of(&params, t).is_none() {
                    params.push(t);
                }
                continue;
            }
            if let Some(sub) = attr_opt(vm, t, "__parameters__")? {
                if is_tuple(sub) {
                    for t2 in vm.seq_items(sub) {
                        if index_of(&params, t2).is_none() {
                            vm.push_root(t2);
                            params.push(t2);
                        }
                    }
                }
            }
        }
        Ok(vm.new_tuple(&params))
    })();
    vm.pop_roots(mark);
    r
}

/// The alias' parameters, computed on first use.
fn parameters(vm: &mut Vm, o: Obj) -> PyResult<Value> {
    let p = o.get(GA_PARAMS);
    if !p.is_empty() {
        return Ok(p);
    }
    let p = make_parameters(vm, o.get(GA_ARGS))?;
    vm.ctx.store(o, GA_PARAMS, p);
    Ok(p)
}

/// `__typing_unpacked_tuple_args__` of alias `o`: its arguments when it
/// is an unpacked tuple (`*tuple[int, str]`).
fn own_unpacked_tuple_args(vm: &Vm, o: Obj) -> Option<Value> {
    (starred(o) && o.get(GA_ORIGIN) == vm.g.types.tuple).then(|| o.get(GA_ARGS))
}

/// What `*arg` unpacks to in a subscript when `arg` is an unpacked tuple
/// alias (`*tuple[int, str]`): its arguments; None otherwise.
fn unpacked_tuple_args(vm: &mut Vm, arg: Value) -> PyResult<Option<Value>> {
    if let Some(o) = Obj::from_value(arg).filter(|_| is_alias(vm, arg)) {
        if let Some(args) = own_unpacked_tuple_args(vm, o) {
            return Ok(Some(args));
        }
    }
    match attr_opt(vm, arg, "__typing_unpacked_tuple_args__")? {
        Some(v) if !v.is_none() => Ok(Some(v)),
        _ => Ok(None),
    }
}

/// The subscript's items with unpacked fixed-length tuple aliases spread
/// (CPython's `_unpack_args`); each item is pushed as a root, which the
/// caller pops.
fn unpack_args(vm: &mut Vm, item: Value) -> PyResult<Vec<Value>> {
    let items = if is_tuple(item) {
        vm.seq_items(item)
    } else {
        vec![item]
    };
    let mut out = Vec::new();
    for it in items {
        if !is_class(it) {
            if let Some(sub) = unpacked_tuple_args(vm, it)? {
                let subs = vm.seq_items(sub);
                if is_tuple(sub) && subs.last() != Some(&Value::ELLIPSIS) {
                    for s in subs {
                        vm.push_root(s);
                        out.push(s);
                    }
                    continue;
                }
            }
        }
        vm.push_root(it);
        out.push(it);
    }
    Ok(out)
}

/// Is `arg` an unpacked TypeVarTuple (`*Ts`)?
fn is_unpacked_typevartuple(vm: &mut Vm, arg: Value) -> PyResult<bool> {
    if is_class(arg) {
        return Ok(false);
    }
    match attr_opt(vm, arg, "__typing_is_unpacked_typevartuple__")? {
        Some(v) => vm.truthy(v),
        None => Ok(false),
    }
}

/// `obj` with the parameters among its own `__parameters__` replaced by
/// their items (`obj[...]`), or `obj` itself when it has none.
fn subs_tvars(vm: &mut Vm, obj: Value, params: &[Value], items: &[Value]) -> PyResult<Value> {
    let Some(sub) = attr_opt(vm, obj, "__parameters__")? else {
        return Ok(obj);
    };
    let subparams = if is_tuple(sub) {
        vm.seq_items(sub)
    } else {
        Vec::new()
    };
    if subparams.is_empty() {
        return Ok(obj);
    }
    let iter_name = vm.intern("__iter__");
    let mut subargs = Vec::new();
    for x in subparams {
        if let Some(i) = index_of(params, x) {
            let (param, arg) = (params[i], items[i]);
            // A TypeVarTuple (iterable) stands for the items of its tuple.
            let tp = vm.type_of(param);
            if vm.lookup_type(tp, iter_name).is_some() && is_tuple(arg) {
                subargs.extend(vm.seq_items(arg));
                continue;
            }
            subargs.push(arg);
        } else {
            subargs.push(x);
        }
    }
    let t = vm.new_tuple(&subargs);
    let mark = vm.push_root(t);
    let r = vm.getitem(obj, t);
    vm.pop_roots(mark);
    r
}

/// `alias[item]`: the arguments with the parameters substituted.
fn substitute(vm: &mut Vm, this: Value, o: Obj, item: Value) -> PyResult<Value> {
    let params_t = parameters(vm, o)?;
    let params = vm.seq_items(params_t);
    if params.is_empty() {
        let r = alias_repr_string(vm, this)?;
        return Err(vm.type_error(&format!("{r} is not a generic class")));
    }
    let unpacked = unpack_args(vm, item)?;
    let mut item = vm.new_tuple(&unpacked);
    vm.push_root(item);
    for &param in &params {
        if let Some(prep) = attr_opt(vm, param, "__typing_prepare_subst__")? {
            if !prep.is_none() {
                item = vm.call(prep, &[this, item], Value::EMPTY)?;
                vm.push_root(item);
            }
        }
    }
    let items = if is_tuple(item) {
        vm.seq_items(item)
    } else {
        vec![item]
    };
    if items.len() != params.len() {
        let r = alias_repr_string(vm, this)?;
        let (n, np) = (items.len(), params.len());
        let which = if n > np { "many" } else { "few" };
        return Err(vm.type_error(&format!(
            "Too {which} arguments for {r}; actual {n}, expected {np}"
        )));
    }
    let mut newargs = Vec::new();
    for arg in vm.seq_items(o.get(GA_ARGS)) {
        if is_class(arg) {
            newargs.push(arg);
            continue;
        }
        let unpack = is_unpacked_typevartuple(vm, arg)?;
        let new = match attr_opt(vm, arg, "__typing_subst__")? {
            Some(subst) => {
                let i = index_of(&params, arg).unwrap_or(0);
                vm.call(subst, &[items[i]], Value::EMPTY)?
            }
            None => subs_tvars(vm, arg, &params, &items)?,
        };
        vm.push_root(new);
        if unpack && is_tuple(new) {
            newargs.extend(vm.seq_items(new));
        } else {
            newargs.push(new);
        }
    }
    let args = vm.new_tuple(&newargs);
    let cls = vm.g.types.generic_alias;
    Ok(alloc_alias(vm, cls, o.get(GA_ORIGIN), args, starred(o)))
}

fn ga_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = alias(vm, a[0])?;
    let mark = vm.push_root(a[1]);
    let r = substitute(vm, a[0], o, a[1]);
    vm.pop_roots(mark);
    r
}

fn ga_getattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = alias(vm, a[0])?;
    let n = str_of(a[1]).into_owned();
    match n.as_str() {
        "__origin__" => return Ok(o.get(GA_ORIGIN)),
        "__args__" => return Ok(o.get(GA_ARGS)),
        "__parameters__" => return parameters(vm, o),
        "__unpacked__" => return Ok(o.get(GA_STARRED)),
        "__typing_unpacked_tuple_args__" => {
            return Ok(own_unpacked_tuple_args(vm, o).unwrap_or(Value::NONE));
        }
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
    if starred(x) != starred(y) {
        return Ok(Value::FALSE);
    }
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

/// `__dir__`: the origin's names and the alias' own.
fn ga_dir(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = alias(vm, a[0])?;
    let dir = builtin(vm, "dir");
    let names = vm.call(dir, &[o.get(GA_ORIGIN)], Value::EMPTY)?;
    let mark = vm.push_root(names);
    let mut items = vm.seq_items(names);
    let have: Vec<String> = items.iter().map(|&v| str_of(v).into_owned()).collect();
    for &n in OWN_ATTRS {
        if !have.iter().any(|h| h == n) {
            let v = vm.intern(n);
            items.push(v);
        }
    }
    let r = vm.new_list(&items);
    vm.pop_roots(mark);
    Ok(r)
}

fn builtin(vm: &mut Vm, name: &str) -> Value {
    let n = vm.intern(name);
    vm.dict_get_str(vm.g.builtins, n).unwrap_or(Value::NONE)
}

/// `__reduce__`: `GenericAlias(origin, args)`; an unpacked alias is
/// `next(iter(GenericAlias(origin, args)))`.
fn ga_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = alias(vm, a[0])?;
    if starred(o) {
        let plain = new_alias(vm, o.get(GA_ORIGIN), o.get(GA_ARGS));
        let it = new_iter(vm, plain);
        let next = builtin(vm, "next");
        let args = vm.new_tuple(&[it]);
        return Ok(vm.new_tuple(&[next, args]));
    }
    let cls = vm.type_of(a[0]);
    let args = vm.new_tuple(&[o.get(GA_ORIGIN), o.get(GA_ARGS)]);
    Ok(vm.new_tuple(&[cls, args]))
}

fn new_iter(vm: &mut Vm, alias: Value) -> Value {
    let cls = vm.g.types.generic_alias_iter;
    let it = vm.alloc_obj(K_MISC, cls, 1, 0);
    it.init(0, alias);
    it.value()
}

/// `iter(alias)`: yields the alias unpacked (`*list[int]`), once.
fn ga_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    alias(vm, a[0])?;
    Ok(new_iter(vm, a[0]))
}

fn iter_obj(vm: &mut Vm, v: Value) -> PyResult<Obj> {
    match Obj::from_value(v) {
        Some(o) if o.kind() == K_MISC && o.class() == vm.g.types.generic_alias_iter => Ok(o),
        _ => Err(vm.type_error("descriptor requires a 'generic_alias_iterator' object")),
    }
}

fn gai_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let it = iter_obj(vm, a[0])?;
    let al = it.get(0);
    let Some(o) = Obj::from_value(al).filter(|_| is_alias(vm, al)) else {
        return Err(vm.stop_iteration(Value::NONE));
    };
    let cls = vm.g.types.generic_alias;
    let r = alloc_alias(vm, cls, o.get(GA_ORIGIN), o.get(GA_ARGS), true);
    vm.ctx.store(it, 0, Value::EMPTY);
    Ok(r)
}

fn gai_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    iter_obj(vm, a[0])?;
    Ok(a[0])
}

/// `iter(alias)`, or `iter(())` once exhausted.
fn gai_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let it = iter_obj(vm, a[0])?;
    let iter = builtin(vm, "iter");
    let obj = match it.get(0) {
        v if v.is_empty() => vm.new_tuple(&[]),
        v => v,
    };
    let args = vm.new_tuple(&[obj]);
    Ok(vm.new_tuple(&[iter, args]))
}

/// Registers GenericAlias, its iterator and the builtin classes'
/// `__class_getitem__`.
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
    vm.add_method(t, "__iter__", ga_iter);
    vm.add_method(t, "__reduce__", ga_reduce);
    vm.add_method(t, "__dir__", ga_dir);
    vm.add_method(t, "__or__", super::object::union_or);
    vm.add_method(t, "__ror__", super::object::union_ror);
    let m = vm.new_str("types");
    vm.add_attr(t, "__module__", m);
    let to = Obj::from_value(t).expect("t");
    set_type_flags(to, type_flags(to) | TF_GETATTR);
    let it = vm.g.types.generic_alias_iter;
    vm.add_method(it, "__next__", gai_next);
    vm.add_method(it, "__iter__", gai_iter);
    vm.add_method(it, "__reduce__", gai_reduce);
    let tt = &vm.g.types;
    for c in [
        tt.list,
        tt.tuple,
        tt.dict,
        tt.set,
        tt.frozenset,
        tt.mappingproxy,
        tt.async_generator,
    ] {
        vm.add_static(c, "__class_getitem__", class_getitem, true);
    }
    Ok(())
}
