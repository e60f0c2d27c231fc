//! `object` and `type`.

use crate::args::{check, Args};
use engine::runtime::call::{object_init, object_new};
use engine::runtime::ops::object_hash_marker;
use engine::runtime::text::object_str_marker;
use engine::runtime::*;
use proto_core::{Kind, Obj, Value};

/// Arity of a slot wrapper (`x.__setattr__(...)`, `T.__instancecheck__(...)`):
/// exactly `n` arguments after the receiver, with CPython's message.
fn wrapper_args(vm: &mut Vm, a: &[Value], n: usize) -> PyResult<()> {
    let got = a.len().saturating_sub(1);
    if got == n {
        return Ok(());
    }
    let s = if n == 1 { "" } else { "s" };
    Err(vm.type_error(&format!("expected {n} argument{s}, got {got}")))
}

/// An attribute name argument: a str, else CPython's TypeError.
fn attr_name(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if Obj::from_value(v).is_some_and(|o| o.kind() == Kind::STR) {
        return Ok(v);
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("attribute name must be string, not '{tn}'")))
}

fn obj_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = vm.default_repr(a[0]);
    Ok(vm.new_str(&s))
}

fn obj_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    Ok(if a[0] == a[1] {
        Value::TRUE
    } else {
        Value::NOT_IMPLEMENTED
    })
}

fn obj_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    let n = vm.g.names.__eq__;
    match vm.call_special(a[0], n, &[a[1]])? {
        Some(r) if r != Value::NOT_IMPLEMENTED => {
            let b = vm.truthy(r)?;
            Ok(Value::bool(!b))
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// object's ordering methods: always NotImplemented.
fn obj_order(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NOT_IMPLEMENTED)
}

fn obj_format(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let spec = a.get(1).copied().unwrap_or(Value::NONE);
    if !is_str(spec) {
        let tn = vm.arg_type_name(spec);
        return Err(vm.type_error(&format!("__format__() argument must be str, not {tn}")));
    }
    if is_str(spec) && !str_bytes(spec).is_empty() {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!(
            "unsupported format string passed to {tn}.__format__"
        )));
    }
    vm.str(a[0])
}

fn obj_getattribute(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    let name = attr_name(vm, a[1])?;
    match vm.generic_getattr(a[0], name)? {
        Some(v) => Ok(v),
        None => Err(vm.attr_error(a[0], name)),
    }
}

/// CPython's hackcheck: `object.__setattr__`/`__delattr__` must not jump
/// over a type's own (C-level) attribute setter, as on a class object.
fn reject_type_receiver(vm: &mut Vm, v: Value, what: &str) -> PyResult<()> {
    if Obj::from_value(v).is_some_and(|o| o.kind() == K_TYPE) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("can't apply this {what} to {tn} object")));
    }
    Ok(())
}

fn obj_setattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 2)?;
    reject_type_receiver(vm, a[0], "__setattr__")?;
    let name = attr_name(vm, a[1])?;
    let n = vm.intern_value(name);
    vm.generic_setattr(a[0], n, a[2])?;
    Ok(Value::NONE)
}

fn obj_delattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    reject_type_receiver(vm, a[0], "__delattr__")?;
    let name = attr_name(vm, a[1])?;
    vm.generic_delattr(a[0], name)?;
    Ok(Value::NONE)
}

/// The receiver of `type.__setattr__`/`__delattr__`: a type, else
/// CPython's descriptor TypeError.
fn type_receiver(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<()> {
    if a.first()
        .and_then(|&v| Obj::from_value(v))
        .is_some_and(|o| o.kind() == K_TYPE)
    {
        return Ok(());
    }
    let tn = match a.first() {
        Some(&v) => vm.type_name_of(v),
        None => {
            return Err(vm.type_error(&format!(
                "descriptor '{what}' of 'type' object needs an argument"
            )))
        }
    };
    Err(vm.type_error(&format!(
        "descriptor '{what}' requires a 'type' object but received a '{tn}'"
    )))
}

/// `type.__setattr__`: the class-attribute store (epoch bump included).
fn type_setattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    type_receiver(vm, a, "__setattr__")?;
    wrapper_args(vm, a, 2)?;
    let name = attr_name(vm, a[1])?;
    let n = vm.intern_value(name);
    vm.generic_setattr(a[0], n, a[2])?;
    Ok(Value::NONE)
}

/// `type.__delattr__`.
fn type_delattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    type_receiver(vm, a, "__delattr__")?;
    wrapper_args(vm, a, 1)?;
    let name = attr_name(vm, a[1])?;
    vm.generic_delattr(a[0], name)?;
    Ok(Value::NONE)
}

fn obj_init_subclass(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    if !args.kw.is_empty() || args.pos.len() > 1 {
        let n = args.pos.first().map(|&c| type_name(c)).unwrap_or_default();
        return Err(vm.type_error(&format!(
            "{n}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::NONE)
}

fn obj_dir(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v = a[0];
    let mut names: Vec<Value> = Vec::new();
    if let Some(o) = Obj::from_value(v) {
        // A thread-local object's attributes: this thread's dict.
        let d = if Vm::is_local(o) {
            Some(vm.local_dict(v)?)
        } else {
            vm.instance_dict(o)
        };
        if let Some(d) = d {
            names.extend(vm.dict_items(d).into_iter().map(|(k, _)| k));
        }
    }
    let tp = vm.type_of(v);
    let mro = vm.getattr(tp, vm.g.names.__mro__)?;
    for c in vm.seq_items(mro) {
        let d = Obj::from_value(c).expect("t").get(T_DICT);
        names.extend(vm.dict_items(d).into_iter().map(|(k, _)| k));
    }
    let mut strs: Vec<String> = names.iter().map(|n| str_of(*n).into_owned()).collect();
    strs.sort();
    strs.dedup();
    let vals: Vec<Value> = strs.iter().map(|s| vm.new_str(s)).collect();
    Ok(vm.new_list(&vals))
}

/// `object.__reduce_ex__(protocol)`: the protocol must be a C int; a
/// class's own `__reduce__` answers. ProtoPy has no copyreg, so objects
/// without one cannot be pickled this way (the copy module builds the
/// default reduce value itself).
fn obj_reduce_ex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    crate::args::py_long_as_int(vm, a[1])?;
    let tp = vm.type_of(a[0]);
    let name = vm.intern("__reduce__");
    if let Some(f) = vm.lookup_type(tp, name) {
        return vm.call_bound(f, a[0], &[]);
    }
    let tn = vm.type_name_of(a[0]);
    Err(vm.type_error(&format!("cannot pickle '{tn}' object")))
}

/// `object.__getstate__()` (3.11): the instance dict when it is not empty
/// (the dict itself, else None), paired with a dict of the `__slots__`
/// members that are set, when there are any (as `copyreg._slotnames`
/// finds them: every class of the MRO, private names mangled).
fn obj_getstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "object.__getstate__", &a[1..], k, 0, 0)?;
    let v = a[0];
    let dict = Obj::from_value(v)
        .and_then(|o| vm.instance_dict(o))
        .filter(|&d| Obj::from_value(d).is_some_and(|d| proto_core::layouts::dict::len(d) > 0));
    let state = dict.unwrap_or(Value::NONE);
    let tp = vm.type_of(v);
    let mro = vm.seq_items(Obj::from_value(tp).expect("type").get(T_MRO));
    let slots_key = vm.intern("__slots__");
    let mut slot_names: Vec<String> = Vec::new();
    for c in mro {
        let Some(co) = Obj::from_value(c) else {
            continue;
        };
        let Some(decl) = vm.dict_get_str(co.get(T_DICT), slots_key) else {
            continue;
        };
        let names = if Obj::from_value(decl).is_some_and(|o| o.kind() == Kind::STR) {
            vec![decl]
        } else {
            vm.collect(decl)?
        };
        let cname = str_of(co.get(T_NAME)).into_owned();
        for n in names {
            let n = str_of(n).into_owned();
            if n == "__dict__" || n == "__weakref__" {
                continue;
            }
            slot_names.push(engine::compiler::symtable::mangle(Some(&cname), &n));
        }
    }
    if slot_names.is_empty() {
        return Ok(state);
    }
    let slots = vm.new_dict();
    for n in slot_names {
        let key = vm.intern(&n);
        if let Some(x) = vm.getattr_opt(v, key)? {
            vm.dict_set_str(slots, key, x);
        }
    }
    if Obj::from_value(slots).is_some_and(|d| proto_core::layouts::dict::len(d) == 0) {
        return Ok(state);
    }
    Ok(vm.new_tuple(&[state, slots]))
}

/// `object.__subclasshook__(...)`: NotImplemented (the ABC machinery's
/// "no opinion"), whatever the arguments.
fn obj_subclasshook(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NOT_IMPLEMENTED)
}

fn obj_sizeof(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(16))
}

fn type_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    let pos = args.pos;
    if pos.len() == 2 && args.kw.is_empty() && pos[0] == vm.g.types.type_ {
        return Ok(vm.type_of(pos[1]));
    }
    if pos.len() != 4 {
        return Err(vm.type_error(if pos.len() == 2 {
            "type.__new__() takes exactly 3 arguments (1 given)"
        } else {
            "type() takes 1 or 3 arguments"
        }));
    }
    let meta = pos[0];
    let name = pos[1];
    if !is_str(name) {
        let tn = vm.arg_type_name(name);
        return Err(vm.type_error(&format!("type.__new__() argument 1 must be str, not {tn}")));
    }
    if !Obj::from_value(pos[2]).is_some_and(|o| o.kind() == Kind::TUPLE) {
        let tn = vm.type_name_of(pos[2]);
        return Err(vm.type_error(&format!(
            "type.__new__() argument 2 must be tuple, not {tn}"
        )));
    }
    if !Obj::from_value(pos[3]).is_some_and(|o| o.kind() == Kind::DICT) {
        let tn = vm.type_name_of(pos[3]);
        return Err(vm.type_error(&format!("type.__new__() argument 3 must be dict, not {tn}")));
    }
    let bases = vm.seq_items(pos[2]);
    let ns = pos[3];
    let winner = vm.calculate_metaclass(meta, &bases)?;
    let kwn: Vec<Value> = args.kw.iter().map(|(k, _)| *k).collect();
    let kwv: Vec<Value> = args.kw.iter().map(|(_, v)| *v).collect();
    let kn = if kwn.is_empty() {
        Value::EMPTY
    } else {
        vm.new_tuple(&kwn)
    };
    if winner != meta {
        // A more derived metaclass with its own __new__ takes over.
        let own = vm.lookup_type(winner, vm.g.names.__new__);
        let base_new = vm.lookup_type(vm.g.types.type_, vm.g.names.__new__);
        if own != base_new {
            if let Some(f) = own {
                let f = vm.bind_descr(f, Value::NONE, winner)?;
                let mut a = vec![winner, name, pos[2], ns];
                a.extend(kwv.iter().copied());
                return vm.call(f, &a, kn);
            }
        }
    }
    let name = vm.intern_value(name);
    let cls = vm.new_class_kw(winner, name, &bases, ns, &kwv, kn)?;
    // __module__ defaults to the caller's module name.
    if let Some(co) = Obj::from_value(cls) {
        let d = co.get(T_DICT);
        let km = vm.g.names.__module__;
        if vm.dict_get_str(d, km).is_none() {
            let g = vm.frames.last().map(|f| f.globals.value());
            if let Some(g) = g {
                if let Some(m) = vm.dict_get_str(g, vm.g.names.__name__) {
                    vm.dict_set_str(d, km, m);
                    vm.new_type_epoch();
                }
            }
        }
    }
    Ok(cls)
}

fn type_init(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn type_mro(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = vm.getattr(a[0], vm.g.names.__mro__)?;
    let items = vm.seq_items(m);
    Ok(vm.new_list(&items))
}

fn type_subclasses(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let l = Obj::from_value(a[0])
        .filter(|o| o.kind() == K_TYPE)
        .map(|o| o.get(T_SUBCLASSES))
        .unwrap_or(Value::EMPTY);
    let items = if l.is_empty() {
        Vec::new()
    } else {
        vm.seq_items(l)
    };
    Ok(vm.new_list(&items))
}

fn type_instancecheck(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    Ok(Value::bool(vm.isinstance(a[1], a[0])))
}

fn type_subclasscheck(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    wrapper_args(vm, a, 1)?;
    Ok(Value::bool(vm.is_subtype(a[1], a[0])))
}

fn type_prepare(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm.new_dict())
}

fn type_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // type.__call__(cls, *args): used by metaclasses calling super().__call__.
    let cls = a[0];
    let base = vm.ctx.stack().top();
    vm.ctx.stack().push(cls);
    for &x in &a[1..] {
        vm.ctx.stack().push(x);
    }
    if k.is_heap() {
        vm.ctx.stack().push(k);
    }
    let n = a.len() - 1;
    let r = vm.type_call_default(cls, base, n, k);
    vm.ctx.stack().set_top(base);
    r
}

fn type_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = match Obj::from_value(a[0]).filter(|o| o.kind() == K_TYPE) {
        Some(o) => vm.class_repr(o),
        None => vm.repr_fast(a[0])?.unwrap_or_default(),
    };
    Ok(vm.new_str(&s))
}

/// `X | Y` for classes and generic aliases: a `types.UnionType` built by
/// `_typing._type_or` (NotImplemented when `Y` cannot be part of a union).
pub fn union_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    check(vm, "__or__", a, Value::EMPTY, 2, 2)?;
    let m = vm.import_module("_typing")?;
    let n = vm.intern("_type_or");
    let f = vm.getattr(m, n)?;
    vm.call(f, &[a[0], a[1]], Value::EMPTY)
}

/// `Y | X` (reflected).
pub fn union_ror(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    check(vm, "__ror__", a, Value::EMPTY, 2, 2)?;
    union_or(vm, &[a[1], a[0]], Value::EMPTY)
}

/// Registers object and type.
/// `NoneType()` and friends: the singleton; CPython's message for arguments.
fn singleton_new(vm: &mut Vm, a: &[Value], k: Value, v: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if a.len() > 1 || nkw > 0 {
        let tn = match v {
            v if v.is_none() => "NoneType",
            v if v == Value::NOT_IMPLEMENTED => "NotImplementedType",
            _ => "EllipsisType",
        };
        return Err(vm.type_error(&format!("{tn} takes no arguments")));
    }
    Ok(v)
}
fn none_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    singleton_new(vm, a, k, Value::NONE)
}
fn notimpl_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    singleton_new(vm, a, k, Value::NOT_IMPLEMENTED)
}
fn ellipsis_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    singleton_new(vm, a, k, Value::ELLIPSIS)
}
/// `repr()` of None, NotImplemented and Ellipsis (also their `__reduce__`:
/// the name the singleton is pickled by).
fn singleton_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = match a[0] {
        v if v.is_none() => "None",
        v if v == Value::NOT_IMPLEMENTED => "NotImplemented",
        _ => "Ellipsis",
    };
    Ok(vm.new_str(s))
}

pub fn init(vm: &mut Vm) -> PyResult<()> {
    let o = vm.g.types.object;
    vm.add_static(o, "__new__", object_new, false);
    vm.add_method(o, "__init__", object_init);
    vm.add_method(o, "__repr__", obj_repr);
    vm.add_method(o, "__str__", object_str_marker);
    vm.add_method(o, "__hash__", object_hash_marker);
    vm.add_method(o, "__eq__", obj_eq);
    vm.add_method(o, "__ne__", obj_ne);
    for n in ["__lt__", "__le__", "__gt__", "__ge__"] {
        vm.add_method(o, n, obj_order);
    }
    vm.add_method(o, "__format__", obj_format);
    vm.add_method(o, "__getattribute__", obj_getattribute);
    vm.add_method(o, "__setattr__", obj_setattr);
    vm.add_method(o, "__delattr__", obj_delattr);
    vm.add_method(o, "__dir__", obj_dir);
    vm.add_method(o, "__reduce_ex__", obj_reduce_ex);
    vm.add_method(o, "__sizeof__", obj_sizeof);
    vm.add_method(o, "__getstate__", obj_getstate);
    vm.add_static(o, "__subclasshook__", obj_subclasshook, true);
    vm.add_static(o, "__init_subclass__", obj_init_subclass, true);
    let t = vm.g.types.type_;
    vm.add_static(t, "__new__", type_new, false);
    vm.add_method(t, "__init__", type_init);
    vm.add_method(t, "mro", type_mro);
    vm.add_method(t, "__subclasses__", type_subclasses);
    vm.add_method(t, "__instancecheck__", type_instancecheck);
    vm.add_method(t, "__subclasscheck__", type_subclasscheck);
    vm.add_method(t, "__call__", type_call);
    vm.add_method(t, "__setattr__", type_setattr);
    vm.add_method(t, "__delattr__", type_delattr);
    vm.add_method(t, "__repr__", type_repr);
    vm.add_method(t, "__or__", union_or);
    vm.add_method(t, "__ror__", union_ror);
    vm.add_static(t, "__prepare__", type_prepare, true);
    // The singletons' types: `__new__` returns the singleton and takes no
    // arguments; `__repr__`, `__bool__` and `__reduce__` as in CPython.
    let singles: [(Value, NativeFn); 3] = [
        (vm.g.types.none, none_new),
        (vm.g.types.not_implemented, notimpl_new),
        (vm.g.types.ellipsis, ellipsis_new),
    ];
    for (t, f) in singles {
        vm.add_static(t, "__new__", f, false);
        vm.add_method(t, "__repr__", singleton_repr);
    }
    vm.add_method(vm.g.types.none, "__bool__", |_vm, _a, _k| Ok(Value::FALSE));
    vm.add_method(vm.g.types.not_implemented, "__bool__", |_vm, _a, _k| {
        Ok(Value::TRUE)
    });
    for t in [vm.g.types.not_implemented, vm.g.types.ellipsis] {
        vm.add_method(t, "__reduce__", singleton_repr);
    }
    let _ = check;
    Ok(())
}
