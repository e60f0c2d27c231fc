//! property, staticmethod, classmethod, super, function and method objects.

use crate::args::Args;
use engine::runtime::*;
use proto_core::{Obj, Value};

/// Property values: fget, fset, fdel, doc, name (set by `__set_name__`).
const PROPERTY_SLOTS: usize = 5;

fn property_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // A subclass's instance has a dict (`PROPERTY_DICT`), as in CPython.
    let sub = a[0] != vm.g.types.property;
    let p = vm.alloc_obj(K_PROPERTY, a[0], PROPERTY_SLOTS + usize::from(sub), 0);
    for i in 0..PROPERTY_SLOTS {
        p.init(i, Value::NONE);
    }
    if sub {
        p.init(PROPERTY_DICT, Value::EMPTY);
    }
    Ok(p.value())
}

fn property_set_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 3 {
        return Err(vm.type_error(&format!(
            "__set_name__() takes 2 positional arguments but {} were given",
            a.len().saturating_sub(1)
        )));
    }
    let p = Obj::from_value(a[0]).expect("p");
    if a.len() == 3 && p.n_values() >= PROPERTY_SLOTS {
        vm.store(p, 4, a[2]);
    }
    Ok(Value::NONE)
}

fn property_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let p = Obj::from_value(args.pos[0]).expect("p");
    let names = ["fget", "fset", "fdel", "doc"];
    for (i, n) in names.iter().enumerate() {
        if let Some(v) = args.get(i + 1, n) {
            vm.store(p, i, v);
        }
    }
    if p.class() == vm.g.types.property {
        return Ok(Value::NONE);
    }
    // A subclass's instance keeps its doc (else the getter's) in its
    // `__dict__`, where the subclass's own docstring does not shadow it; an
    // instance without one (`__slots__`) fails with AttributeError.
    let mut doc = p.get(3);
    let fget = p.get(0);
    if (doc.is_none() || doc.is_empty()) && !fget.is_none() && !fget.is_empty() {
        doc = vm
            .getattr_opt(fget, vm.g.names.__doc__)?
            .unwrap_or(Value::NONE);
    }
    if type_flags(Obj::from_value(p.class()).expect("class")) & TF_NODICT != 0 {
        let tn = vm.type_name_of(p.value());
        return Err(vm.new_exc(
            vm.g.e.AttributeError,
            &format!("'{tn}' object attribute '__doc__' is read-only"),
        ));
    }
    // Slot 3 stands for the instance dict's `__doc__` (the attribute
    // lookup reads it before the class's docstring).
    vm.store(p, 3, if doc.is_empty() { Value::NONE } else { doc });
    Ok(Value::NONE)
}

fn property_copy(vm: &mut Vm, a: &[Value], slot: usize) -> PyResult<Value> {
    let p = Obj::from_value(a[0]).expect("p");
    if p.class() != vm.g.types.property {
        // A subclass is called as CPython's `property_copy` does, its doc
        // (kept in the instance dict) derived again from the getter.
        let mut fns = [p.get(0), p.get(1), p.get(2), Value::NONE];
        fns[slot] = a[1];
        for f in fns.iter_mut() {
            if f.is_empty() {
                *f = Value::NONE;
            }
        }
        let n = vm.call(p.class(), &fns, Value::EMPTY)?;
        if let Some(no) = Obj::from_value(n).filter(|o| o.kind() == K_PROPERTY) {
            if no.n_values() >= PROPERTY_SLOTS && p.n_values() >= PROPERTY_SLOTS {
                vm.store(no, 4, p.get(4));
            }
        }
        return Ok(n);
    }
    let n = vm.alloc_obj(K_PROPERTY, p.class(), PROPERTY_SLOTS, 0);
    for i in 0..PROPERTY_SLOTS {
        n.init(
            i,
            if i < p.n_values() {
                p.get(i)
            } else {
                Value::NONE
            },
        );
    }
    n.init(slot, a[1]);
    Ok(n.value())
}

fn property_getter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    property_copy(vm, a, 0)
}
fn property_setter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    property_copy(vm, a, 1)
}
fn property_deleter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    property_copy(vm, a, 2)
}

/// The `(obj, owner)` arguments of a descriptor's `__get__`: CPython
/// refuses the call with neither.
fn get_args(vm: &mut Vm, a: &[Value]) -> PyResult<(Value, Value)> {
    let obj = a.get(1).copied().unwrap_or(Value::NONE);
    let owner = a.get(2).copied().unwrap_or(Value::NONE);
    if obj.is_none() && owner.is_none() {
        return Err(vm.type_error("__get__(None, None) is invalid"));
    }
    Ok((obj, owner))
}

fn property_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (obj, _owner) = get_args(vm, a)?;
    vm.property_value(a[0], obj)
}

/// CPython's receiver check of a builtin type's getset or member
/// descriptor `p` (which records its name and owner type in value slots
/// 4 and 5): `obj` must be an instance of the owner.
fn receiver_check(vm: &mut Vm, p: Obj, obj: Value) -> PyResult<()> {
    let Some(owner) = descr_owner(p) else {
        return Ok(());
    };
    if !Obj::from_value(owner).is_some_and(|t| t.kind() == K_TYPE) || vm.isinstance(obj, owner) {
        return Ok(());
    }
    let tn = vm.type_name_of(obj);
    Err(vm.type_error(&format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{tn}' object",
        str_of(p.get(4)),
        type_name(owner)
    )))
}

/// `getset_descriptor.__get__(obj, owner)`: the receiver check, then the
/// getter.
fn getset_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (obj, owner) = get_args(vm, a)?;
    if !obj.is_none() {
        receiver_check(vm, Obj::from_value(a[0]).expect("getset"), obj)?;
    }
    vm.bind_descr(a[0], obj, owner)
}

fn property_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = Obj::from_value(a[0]).expect("p");
    let f = p.get(1);
    if f.is_none() || f.is_empty() {
        let (pn, tn) = (vm.property_name(a[0]), vm.type_qualname_of(a[1]));
        return Err(vm.new_exc(
            vm.g.e.AttributeError,
            &format!("property {pn}of '{tn}' object has no setter"),
        ));
    }
    vm.call(f, &[a[1], a[2]], Value::EMPTY)
}

fn property_delete(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = Obj::from_value(a[0]).expect("p");
    let f = p.get(2);
    if f.is_none() || f.is_empty() {
        let (pn, tn) = (vm.property_name(a[0]), vm.type_qualname_of(a[1]));
        return Err(vm.new_exc(
            vm.g.e.AttributeError,
            &format!("property {pn}of '{tn}' object has no deleter"),
        ));
    }
    vm.call(f, &[a[1]], Value::EMPTY)
}

/// The attribute name and owner type name a getset descriptor records
/// (value slots 4 and 5, [`descr_owner`]), when it records them.
fn getset_label(p: Obj) -> Option<(String, String)> {
    let owner = descr_owner(p).filter(|_| is_str(p.get(4)))?;
    Some((str_of(p.get(4)).into_owned(), type_name(owner)))
}

/// `getset_descriptor.__set__(obj, value)` (`__delete__(obj)` when `set`
/// is false): the native setter (deleter), else CPython's "not writable".
fn getset_store(vm: &mut Vm, a: &[Value], set: bool) -> PyResult<Value> {
    let want = if set { 2 } else { 1 };
    if a.len() != want + 1 {
        return Err(vm.type_error(&format!(
            "expected {want} argument{}, got {}",
            if want == 1 { "" } else { "s" },
            a.len().saturating_sub(1)
        )));
    }
    let p = Obj::from_value(a[0]).expect("getset");
    receiver_check(vm, p, a[1])?;
    let f = p.get(if set { 1 } else { 2 });
    if f.is_none() || f.is_empty() {
        let msg = match getset_label(p) {
            Some((n, o)) => format!("attribute '{n}' of '{o}' objects is not writable"),
            None => "readonly attribute".to_string(),
        };
        return Err(vm.new_exc(vm.g.e.AttributeError, &msg));
    }
    vm.call(f, &a[1..], Value::EMPTY)
}
fn getset_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    getset_store(vm, a, true)
}
fn getset_delete(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    getset_store(vm, a, false)
}

/// `staticmethod.__new__` / `classmethod.__new__`: takes any arguments
/// (CPython's generic new); `__init__` checks them and stores the callable.
fn wrapper_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let w = vm.alloc_obj(K_WRAPPER, a[0], 2, 0);
    w.init(0, a.get(1).copied().unwrap_or(Value::NONE));
    Ok(w.value())
}

/// `staticmethod.__init__(f)` / `classmethod.__init__(f)`: (re)sets the
/// wrapped callable.
fn wrapper_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let w = Obj::from_value(a[0]).expect("wrapper");
    let tn = if vm.isinstance(a[0], vm.g.types.staticmethod) {
        "staticmethod"
    } else {
        "classmethod"
    };
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error(&format!("{tn}() takes no keyword arguments")));
    }
    if a.len() != 2 {
        return Err(vm.type_error(&format!("{tn} expected 1 argument, got {}", a.len() - 1)));
    }
    if w.kind() == K_WRAPPER {
        vm.store(w, 0, a[1]);
    }
    // `functools_wraps`: the callable's identity attributes, copied into
    // the wrapper's `__dict__`.
    for name in [
        "__module__",
        "__name__",
        "__qualname__",
        "__doc__",
        "__annotations__",
    ] {
        let n = vm.intern(name);
        if let Some(v) = vm.getattr_opt(a[1], n)? {
            vm.setattr(a[0], n, v)?;
        }
    }
    Ok(Value::NONE)
}

fn wrapper_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (obj, owner) = get_args(vm, a)?;
    vm.bind_descr(a[0], obj, owner)
}

/// `repr(staticmethod(f))`: `<staticmethod(repr(f))>` (classmethod alike).
fn wrapper_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let w = Obj::from_value(a[0]).filter(|o| o.kind() == K_WRAPPER);
    let Some(w) = w else {
        let r = vm.default_repr(a[0]);
        return Ok(vm.new_str(&r));
    };
    let tn = if vm.isinstance(a[0], vm.g.types.staticmethod) {
        "staticmethod"
    } else {
        "classmethod"
    };
    let r = vm.repr_string(w.get(0))?;
    Ok(vm.new_str(&format!("<{tn}({r})>")))
}

fn staticmethod_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let w = Obj::from_value(a[0]).expect("w");
    vm.call(w.get(0), &a[1..], k)
}

/// A `classmethod_descriptor` (a builtin type's class method, such as
/// `dict.fromkeys`): its function and the type that defines it.
fn cm_descr(vm: &mut Vm, v: Value, what: &str) -> PyResult<(Value, Value, &'static str)> {
    let w = Obj::from_value(v).filter(|o| o.kind() == K_WRAPPER);
    let inner = w.and_then(|w| Obj::from_value(w.get(0)).map(|f| (w.get(0), f)));
    match inner.and_then(|(fv, f)| builtin_data(f).map(|b| (fv, b))) {
        Some((fv, b)) => Ok((fv, b.owner, b.name)),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'classmethod_descriptor' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// Checks that `cls` is a subtype of the descriptor's type (CPython's
/// `descr_check` for class methods).
fn cm_check_type(vm: &mut Vm, cls: Value, owner: Value, name: &str) -> PyResult<()> {
    let on = type_name(owner);
    if !Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE) {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!(
            "descriptor '{name}' for type '{on}' needs a type, not a '{tn}' as arg 2"
        )));
    }
    if owner.is_heap() && !vm.is_subtype(cls, owner) {
        let cn = type_name(cls);
        return Err(vm.type_error(&format!(
            "descriptor '{name}' requires a subtype of '{on}' but received '{cn}'"
        )));
    }
    Ok(())
}

/// `classmethod_descriptor.__get__(obj, type=None)`: the function bound
/// to `type` (to `type(obj)` when it is omitted).
fn cm_descr_get(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (f, owner, name) = cm_descr(vm, a[0], "__get__")?;
    let mut args = Args::new(&a[1..], k);
    let obj = args.get(0, "instance").unwrap_or(Value::NONE);
    let typ = args.get(1, "owner").unwrap_or(Value::NONE);
    if obj.is_none() && typ.is_none() {
        return Err(vm.type_error("__get__(None, None) is invalid"));
    }
    let cls = if typ.is_none() { vm.type_of(obj) } else { typ };
    cm_check_type(vm, cls, owner, name)?;
    Ok(vm.new_method(f, cls))
}

/// `classmethod_descriptor.__call__(cls, *args, **kwargs)`.
fn cm_descr_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (f, owner, name) = cm_descr(vm, a[0], "__call__")?;
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if a.len() - nkw < 2 {
        let on = type_name(owner);
        return Err(vm.type_error(&format!(
            "descriptor '{name}' of '{on}' object needs an argument"
        )));
    }
    cm_check_type(vm, a[1], owner, name)?;
    let m = vm.new_method(f, a[1]);
    let mark = vm.push_root(m);
    let r = vm.call(m, &a[2..], k);
    vm.pop_roots(mark);
    r
}

/// `repr(dict.__dict__['fromkeys'])`: `<method 'fromkeys' of 'dict' objects>`.
fn cm_descr_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, owner, name) = cm_descr(vm, a[0], "__repr__")?;
    let on = type_name(owner);
    Ok(vm.new_str(&format!("<method '{name}' of '{on}' objects>")))
}

/// `__name__`, `__qualname__`, `__doc__`, `__text_signature__`: the
/// function's.
fn cm_descr_fn_attr(vm: &mut Vm, a: &[Value], attr: &str) -> PyResult<Value> {
    let (f, _, _) = cm_descr(vm, a[0], attr)?;
    let n = vm.intern(attr);
    vm.getattr(f, n)
}

fn cm_descr_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    cm_descr_fn_attr(vm, a, "__name__")
}

fn cm_descr_qualname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    cm_descr_fn_attr(vm, a, "__qualname__")
}

fn cm_descr_doc(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    cm_descr_fn_attr(vm, a, "__doc__")
}

fn cm_descr_text_signature(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    cm_descr_fn_attr(vm, a, "__text_signature__")
}

fn cm_descr_objclass(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, owner, _) = cm_descr(vm, a[0], "__objclass__")?;
    Ok(owner)
}

fn super_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = vm.alloc_obj(K_SUPER, a[0], 3, 0);
    Ok(s.value())
}

fn super_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("super() takes no keyword arguments"));
    }
    if a.len() > 3 {
        return Err(vm.type_error(&format!(
            "super() expected at most 2 arguments, got {}",
            a.len() - 1
        )));
    }
    let s = Obj::from_value(a[0]).expect("super");
    let (t, obj) = match a.len() {
        1 => {
            // Zero-argument form: __class__ cell and first argument of the caller.
            let Some(f) = vm.frames.last() else {
                return Err(vm.new_exc(vm.g.e.RuntimeError, "super(): no arguments"));
            };
            let cd = f.code;
            let base = f.base;
            let code = &cd.code;
            let locals = base + FRAME_HEADER;
            let cells = locals + cd.nlocals;
            // CPython checks for a first positional parameter (a `*args`
            // alone is none) before the cell.
            if code.argcount == 0 {
                return Err(vm.new_exc(vm.g.e.RuntimeError, "super(): no arguments"));
            }
            let Some(ci) = code.freevars.iter().position(|n| &**n == "__class__") else {
                return Err(vm.new_exc(vm.g.e.RuntimeError, "super(): __class__ cell not found"));
            };
            let cell = vm.ctx.stack().slots_mut()[cells + code.cellvars.len() + ci];
            let t = Obj::from_value(cell)
                .map(|c| c.get(0))
                .unwrap_or(Value::EMPTY);
            if t.is_empty() {
                return Err(vm.new_exc(vm.g.e.RuntimeError, "super(): empty __class__ cell"));
            }
            let mut first = vm.ctx.stack().slots_mut()[locals];
            if let Some(ci) = code.cell2arg.iter().position(|x| *x == Some(0)) {
                let c = vm.ctx.stack().slots_mut()[cells + ci];
                first = Obj::from_value(c).map(|c| c.get(0)).unwrap_or(first);
            }
            if first.is_empty() {
                return Err(vm.new_exc(vm.g.e.RuntimeError, "super(): arg[0] deleted"));
            }
            (t, first)
        }
        2 => (a[1], Value::EMPTY),
        _ => (a[1], a[2]),
    };
    if !Obj::from_value(t).is_some_and(|o| o.kind() == K_TYPE) {
        let tn = vm.type_name_of(t);
        return Err(vm.type_error(&format!("super() argument 1 must be a type, not {tn}")));
    }
    let objtype = if obj.is_empty() {
        Value::EMPTY
    } else if Obj::from_value(obj).is_some_and(|o| o.kind() == K_TYPE) && vm.is_subtype(obj, t) {
        obj
    } else if vm.isinstance(obj, t) {
        vm.type_of(obj)
    } else {
        // A proxy passes through its `__class__` (CPython's supercheck).
        let cn = vm.g.names.__class__;
        let ca = vm.getattr_opt(obj, cn)?.unwrap_or(Value::NONE);
        if Obj::from_value(ca).is_some_and(|o| o.kind() == K_TYPE)
            && ca != vm.type_of(obj)
            && vm.is_subtype(ca, t)
        {
            ca
        } else {
            return Err(
                vm.type_error("super(type, obj): obj must be an instance or subtype of type")
            );
        }
    };
    vm.store(s, 0, t);
    vm.store(s, 1, obj);
    vm.store(s, 2, objtype);
    Ok(Value::NONE)
}

/// `super.__get__(obj, type)`: an unbound super found as a class attribute
/// binds to the instance (`type(self)(thisclass, obj)`); a bound one, or a
/// lookup on the class, gives the super itself.
fn super_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = Obj::from_value(a[0]).expect("super");
    let obj = a.get(1).copied().unwrap_or(Value::NONE);
    if obj.is_none() || !s.get(1).is_empty() {
        return Ok(a[0]);
    }
    let st = vm.type_of(a[0]);
    vm.call(st, &[s.get(0), obj], Value::EMPTY)
}

fn super_getattribute(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.super_getattr(a[0], a[1])
}

fn super_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = Obj::from_value(a[0]).expect("s");
    let t = type_name(s.get(0));
    let ot = s.get(2);
    let r = if ot.is_heap() {
        format!("<super: <class '{t}'>, <{} object>>", type_name(ot))
    } else {
        format!("<super: <class '{t}'>, NULL>")
    };
    Ok(vm.new_str(&r))
}

fn method_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = receiver(vm, a, K_METHOD, "__eq__", "method")?;
    let Some(yo) = a
        .get(1)
        .and_then(|&y| Obj::from_value(y))
        .filter(|o| o.kind() == K_METHOD && o.class() == vm.g.types.method)
    else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    Ok(Value::bool(x.get(0) == yo.get(0) && x.get(1) == yo.get(1)))
}

fn method_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = receiver(vm, a, K_METHOD, "__hash__", "method")?;
    let h = vm.hash(x.get(0))? ^ (x.get(1).bits() as i64 >> 4);
    Ok(vm.new_int(h))
}

fn func_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let obj = a.get(1).copied().unwrap_or(Value::NONE);
    if obj.is_none() {
        return Ok(a[0]);
    }
    Ok(vm.new_method(a[0], obj))
}

fn func_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    vm.call(a[0], &a[1..], k)
}

/// Registers descriptor types.
fn member_obj(v: Value) -> Obj {
    Obj::from_value(v).expect("member descriptor")
}

fn member_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let obj = a.get(1).copied().unwrap_or(Value::NONE);
    if obj.is_none() {
        return Ok(a[0]);
    }
    let m = member_obj(a[0]);
    if m.kind() == K_PROPERTY {
        // A builtin type's read-only member (see `native_member`).
        receiver_check(vm, m, obj)?;
        return vm.call(m.get(0), &[obj], Value::EMPTY);
    }
    vm.member_get(m, obj)
}

fn member_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() != 3 {
        return Err(vm.type_error(&format!(
            "expected 2 arguments, got {}",
            a.len().saturating_sub(1)
        )));
    }
    let m = member_obj(a[0]);
    if m.kind() == K_PROPERTY {
        return member_readonly(vm, a, Value::EMPTY);
    }
    let slot = vm.member_slot(m, a[1])?;
    let o = Obj::from_value(a[1]).expect("instance");
    vm.store(o, slot, a[2]);
    Ok(Value::NONE)
}

fn member_delete(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = member_obj(a[0]);
    if m.kind() == K_PROPERTY {
        return member_readonly(vm, a, Value::EMPTY);
    }
    let slot = vm.member_slot(m, a[1])?;
    let o = Obj::from_value(a[1]).expect("instance");
    if o.get(slot).is_empty() {
        let n = str_of(m.get(0)).into_owned();
        return Err(vm.new_exc(vm.g.e.AttributeError, &n));
    }
    vm.store(o, slot, Value::EMPTY);
    Ok(Value::NONE)
}

fn member_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let m = member_obj(a[0]);
    // A `__slots__` member is [name, owner]; a native one (a property
    // layout) keeps them in values 4 and 5.
    let (name, owner) = if m.kind() == K_PROPERTY {
        (m.get(4), m.get(5))
    } else {
        (m.get(0), m.get(1))
    };
    let s = format!(
        "<member '{}' of '{}' objects>",
        str_of(name),
        type_name(owner)
    );
    Ok(vm.new_str(&s))
}

/// `<attribute 'name' of 'Owner' objects>` for getset descriptors that
/// record their name and owner (value slots 4 and 5).
fn getset_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = Obj::from_value(a[0]).expect("getset");
    let s = match getset_label(p) {
        Some((n, o)) => format!("<attribute '{n}' of '{o}' objects>"),
        None => vm.default_repr(a[0]),
    };
    Ok(vm.new_str(&s))
}

/// `method(function, instance)` (types.MethodType).
fn method_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if k.is_heap() {
        return Err(vm.type_error("method() takes no keyword arguments"));
    }
    if a.len() != 3 {
        return Err(vm.type_error(&format!(
            "method expected 2 arguments, got {}",
            a.len().saturating_sub(1)
        )));
    }
    let (f, s) = (a[1], a[2]);
    let callable = Obj::from_value(f).is_some_and(|o| {
        matches!(o.kind(), K_FUNCTION | K_BUILTIN | K_METHOD | K_TYPE)
            || vm.lookup_type(o.class(), vm.g.names.__call__).is_some()
    });
    if !callable {
        return Err(vm.type_error("first argument must be callable"));
    }
    if s.is_none() {
        return Err(vm.type_error("instance must not be None"));
    }
    Ok(vm.new_method(f, s))
}

pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.property;
    vm.add_static(t, "__new__", property_new, false);
    vm.add_method(t, "__init__", property_init);
    vm.add_method(t, "getter", property_getter);
    vm.add_method(t, "setter", property_setter);
    vm.add_method(t, "deleter", property_deleter);
    vm.declare_arity(t, 1, 1, &["getter", "setter", "deleter"]);
    vm.add_method(t, "__get__", property_get);
    vm.add_method(t, "__set__", property_set);
    vm.add_method(t, "__delete__", property_delete);
    vm.add_method(t, "__set_name__", property_set_name);
    for t in [vm.g.types.staticmethod, vm.g.types.classmethod] {
        vm.add_static(t, "__new__", wrapper_new, false);
        vm.add_method(t, "__init__", wrapper_init);
        vm.add_method(t, "__get__", wrapper_get);
        vm.add_method(t, "__repr__", wrapper_repr);
    }
    let sm = vm.g.types.staticmethod;
    vm.add_method(sm, "__call__", staticmethod_call);
    let cmd = vm.g.types.classmethod_descr;
    vm.add_method(cmd, "__get__", cm_descr_get);
    vm.add_method(cmd, "__call__", cm_descr_call);
    vm.add_method(cmd, "__repr__", cm_descr_repr);
    let t = vm.g.types.super_;
    vm.add_static(t, "__new__", super_new, false);
    vm.add_method(t, "__init__", super_init);
    vm.add_method(t, "__getattribute__", super_getattribute);
    vm.add_method(t, "__get__", super_get);
    vm.add_method(t, "__repr__", super_repr);
    let tf = Obj::from_value(t).expect("t");
    set_type_flags(tf, type_flags(tf) | TF_GETATTRIBUTE);
    let md = vm.g.types.member_descr;
    vm.add_method(md, "__get__", member_get);
    vm.add_method(md, "__set__", member_set);
    vm.add_method(md, "__delete__", member_delete);
    vm.add_method(md, "__repr__", member_repr);
    let gs = vm.g.types.getset_descr;
    vm.add_method(gs, "__get__", getset_get);
    vm.add_method(gs, "__repr__", getset_repr);
    vm.add_method(gs, "__set__", getset_set);
    vm.add_method(gs, "__delete__", getset_delete);
    let m = vm.g.types.method;
    vm.add_static(m, "__new__", method_new, false);
    vm.add_method(m, "__eq__", method_eq);
    vm.add_method(m, "__hash__", method_hash);
    let f = vm.g.types.function;
    vm.add_method(f, "__get__", func_get);
    vm.add_method(f, "__call__", func_call);
    let b = vm.g.types.builtin;
    vm.add_method(b, "__call__", func_call);
    let m = vm.g.types.method;
    vm.add_method(m, "__call__", func_call);
    init_attrs(vm);
    Ok(())
}

/// The setter and deleter of a builtin type's read-only member: CPython's
/// "readonly attribute".
fn member_readonly(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(vm.g.e.AttributeError, "readonly attribute"))
}

/// A read-only `member_descriptor` `name` of the builtin type `t` (CPython's
/// READONLY `PyMemberDef`: `range.start`, `slice.stop`...), whose value is
/// the native function `get(obj)`. It has a property's layout (getter,
/// setter, deleter, doc, name, owner), so attribute access binds it as a
/// data descriptor; stores and deletes raise "readonly attribute".
pub fn native_member(vm: &mut Vm, t: Value, name: &'static str, get: NativeFn) -> Value {
    let g = vm.new_builtin(name, get, false);
    let mark = vm.push_root(g);
    let ro = vm.new_builtin(name, member_readonly, false);
    vm.push_root(ro);
    let n = vm.intern(name);
    let p = vm.alloc_obj(K_PROPERTY, vm.g.types.member_descr, 6, 0);
    vm.pop_roots(mark);
    p.init(0, g);
    p.init(1, ro);
    p.init(2, ro);
    p.init(3, Value::NONE);
    p.init(4, n);
    p.init(5, t);
    vm.ctx.promote(p.value());
    p.value()
}

/// CPython's TypeError for a descriptor of `owner` objects called on the
/// first of `a` (or on nothing): "descriptor 'what' for 'owner' objects
/// doesn't apply to a 'T' object".
pub fn wrong_receiver(vm: &mut Vm, a: &[Value], what: &str, owner: &str) -> PyException {
    let tn = a
        .first()
        .map(|&v| vm.type_name_of(v))
        .unwrap_or_else(|| "NoneType".into());
    vm.type_error(&format!(
        "descriptor '{what}' for '{owner}' objects doesn't apply to a '{tn}' object"
    ))
}

/// The receiver `a[0]` of a builtin type's native getter or setter when it
/// is an object of kind `kind`; CPython's wrong-receiver TypeError
/// otherwise (the descriptors check their receiver's type, this guards
/// the native function itself).
pub fn receiver(vm: &mut Vm, a: &[Value], kind: Kind, what: &str, owner: &str) -> PyResult<Obj> {
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == kind => Ok(o),
        _ => Err(wrong_receiver(vm, a, what, owner)),
    }
}

/// Adds `getset_descriptor`s to the builtin type `t`: (name, getter,
/// setter), read-only where the setter is None.
pub fn add_getsets(vm: &mut Vm, t: Value, list: &[(&'static str, NativeFn, Option<NativeFn>)]) {
    for &(name, get, set) in list {
        let gs = vm.new_native_getset(t, name, get, set);
        vm.add_attr(t, name, gs);
    }
}

/// Makes the getset `name` of builtin type `t` deletable, `del` calling
/// `f` with no value (as CPython's setters get NULL).
pub fn add_getset_deleter(vm: &mut Vm, t: Value, name: &'static str, f: NativeFn) {
    let n = vm.intern(name);
    if let Some(gs) = vm.lookup_type(t, n).and_then(Obj::from_value) {
        let d = vm.new_builtin(name, f, false);
        vm.ctx.promote(d);
        vm.store(gs, 2, d);
    }
}

/// Adds read-only `member_descriptor`s ([`native_member`]) to the builtin
/// type `t`.
pub fn add_members(vm: &mut Vm, t: Value, list: &[(&'static str, NativeFn)]) {
    for &(name, get) in list {
        let m = native_member(vm, t, name, get);
        vm.add_attr(t, name, m);
    }
}

/// Adds writable `member_descriptor`s (name, getter, setter) to the builtin
/// type `t`.
pub fn add_writable_members(vm: &mut Vm, t: Value, list: &[(&'static str, NativeFn, NativeFn)]) {
    for &(name, get, set) in list {
        let m = super::function::writable_member(vm, t, name, get, set);
        vm.add_attr(t, name, m);
    }
}

/// `property.fget`/`fset`/`fdel` (value slots 0, 1, 2).
fn property_slot(vm: &mut Vm, a: &[Value], slot: usize, what: &str) -> PyResult<Value> {
    let p = receiver(vm, a, K_PROPERTY, what, "property")?;
    let v = p.get(slot);
    Ok(if v.is_empty() { Value::NONE } else { v })
}
fn property_fget(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    property_slot(vm, a, 0, "fget")
}
fn property_fset(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    property_slot(vm, a, 1, "fset")
}
fn property_fdel(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    property_slot(vm, a, 2, "fdel")
}

/// `getattr(f, '__isabstractmethod__', False)` as a bool.
fn isabstract(vm: &mut Vm, f: Value) -> PyResult<Value> {
    if !f.is_heap() {
        return Ok(Value::FALSE);
    }
    let n = vm.intern("__isabstractmethod__");
    match vm.getattr_opt(f, n)? {
        Some(v) => vm.truthy(v).map(Value::bool),
        None => Ok(Value::FALSE),
    }
}

fn property_isabstract(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = receiver(vm, a, K_PROPERTY, "__isabstractmethod__", "property")?;
    // Abstract when any of fget, fset, fdel is.
    for i in 0..3 {
        if isabstract(vm, p.get(i))? == Value::TRUE {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

/// staticmethod/classmethod's wrapped callable (`__func__`, `__wrapped__`).
fn wrapper_func(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(receiver(vm, a, K_WRAPPER, "__func__", "staticmethod")?.get(0))
}

fn wrapper_isabstract(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let w = receiver(vm, a, K_WRAPPER, "__isabstractmethod__", "staticmethod")?;
    isabstract(vm, w.get(0))
}

/// A builtin descriptor's `__name__` and `__objclass__`: a getset (or a
/// native member) records them in values 4 and 5, a `__slots__` member in
/// values 0 and 1.
fn descr_field(vm: &mut Vm, a: &[Value], name: bool) -> PyResult<Value> {
    let what = if name { "__name__" } else { "__objclass__" };
    let Some(d) = a.first().and_then(|&v| Obj::from_value(v)) else {
        return Err(wrong_receiver(vm, a, what, "member_descriptor"));
    };
    let v = match d.kind() {
        K_MEMBER => d.get(if name { 0 } else { 1 }),
        K_PROPERTY if d.n_values() > 5 => d.get(if name { 4 } else { 5 }),
        _ => Value::EMPTY,
    };
    if v.is_empty() || v.is_none() {
        let n = vm.intern(what);
        return Err(vm.attr_error(a[0], n));
    }
    Ok(v)
}
fn descr_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    descr_field(vm, a, true)
}
fn descr_objclass(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    descr_field(vm, a, false)
}

/// The attributes of property, staticmethod, classmethod and the builtin
/// descriptors, as descriptors on those types (CPython's member lists).
pub fn init_attrs(vm: &mut Vm) {
    let p = vm.g.types.property;
    add_members(
        vm,
        p,
        &[
            ("fget", property_fget as NativeFn),
            ("fset", property_fset),
            ("fdel", property_fdel),
        ],
    );
    add_getsets(
        vm,
        p,
        &[("__isabstractmethod__", property_isabstract, None)],
    );
    for t in [vm.g.types.staticmethod, vm.g.types.classmethod] {
        add_members(
            vm,
            t,
            &[
                ("__func__", wrapper_func as NativeFn),
                ("__wrapped__", wrapper_func),
            ],
        );
        add_getsets(vm, t, &[("__isabstractmethod__", wrapper_isabstract, None)]);
    }
    add_getsets(
        vm,
        vm.g.types.classmethod_descr,
        &[
            ("__name__", cm_descr_name as NativeFn, None),
            ("__qualname__", cm_descr_qualname, None),
            ("__doc__", cm_descr_doc, None),
            ("__text_signature__", cm_descr_text_signature, None),
            ("__objclass__", cm_descr_objclass, None),
        ],
    );
    for t in [vm.g.types.getset_descr, vm.g.types.member_descr] {
        add_members(
            vm,
            t,
            &[
                ("__name__", descr_name as NativeFn),
                ("__objclass__", descr_objclass),
            ],
        );
    }
}
