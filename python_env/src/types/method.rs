//! The attributes of `builtin_function_or_method` and bound `method`
//! objects as descriptors on their types, as CPython's `meth_getsets` /
//! `meth_members` and `method_memberlist`. A builtin bound to an instance
//! (`[].append`) is a `K_METHOD` pair `[builtin, self]` of type
//! `builtin_function_or_method`; other attributes of a bound `method` are
//! its function's (the engine's lookup forwards them).

use super::descr::{add_getsets, add_members, receiver, wrong_receiver};
use engine::runtime::*;
use proto_core::Value;

/// The builtin of `a[0]` and what it is bound to (EMPTY when unbound).
fn builtin(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<(&'static Builtin, Value)> {
    let o = a.first().and_then(|&v| Obj::from_value(v));
    let r = match o {
        Some(o) if o.kind() == K_BUILTIN => builtin_data(o).map(|b| (b, b.bound)),
        Some(o) if o.kind() == K_METHOD => Obj::from_value(o.get(0))
            .and_then(builtin_data)
            .map(|b| (b, o.get(1))),
        _ => None,
    };
    r.ok_or_else(|| wrong_receiver(vm, a, what, "builtin_function_or_method"))
}

fn builtin_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (b, _) = builtin(vm, a, "__name__")?;
    Ok(vm.new_str(b.name))
}

/// `type.name` for a method of a type, else the name.
fn builtin_qualname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (b, _) = builtin(vm, a, "__qualname__")?;
    if b.owner.is_heap() {
        let q = format!("{}.{}", type_short_name(b.owner), b.name);
        return Ok(vm.new_str(&q));
    }
    Ok(vm.new_str(b.name))
}

/// `__objclass__` of a type's unbound method (CPython's method and
/// wrapper descriptors): the type; AttributeError for other builtins.
fn builtin_objclass(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (b, s) = builtin(vm, a, "__objclass__")?;
    if b.owner.is_heap() && s.is_empty() {
        return Ok(b.owner);
    }
    Err(vm.new_exc(
        vm.g.e.AttributeError,
        "'builtin_function_or_method' object has no attribute '__objclass__'",
    ))
}

/// The name a builtin's docstring and signature text are filed under: its
/// owner type's short name for a method of a type, else the name of its
/// module (None when it has none).
fn builtin_prefix(b: &Builtin) -> Option<String> {
    if b.owner.is_heap() {
        return Some(type_short_name(b.owner));
    }
    let m = builtin_module_name(b);
    m.is_heap().then(|| str_of(m).into_owned())
}

/// `__doc__`: ProtoPy's docstring of a builtin function or of a builtin
/// type's method (python_env/src/types/docs.rs), else None.
fn builtin_doc(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (b, _) = builtin(vm, a, "__doc__")?;
    let doc = builtin_prefix(b).and_then(|p| super::docs::function_doc(&p, b.name));
    Ok(doc.map_or(Value::NONE, |d| vm.new_str(d)))
}

/// `__text_signature__`: CPython 3.11's signature text of the builtin
/// (python_env/src/types/signatures.rs), else None (CPython's builtins whose
/// docstring declares none, such as `max` or `dict.pop`).
fn builtin_text_signature(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (b, _) = builtin(vm, a, "__text_signature__")?;
    let sig = builtin_prefix(b).and_then(|p| super::signatures::function_signature(&p, b.name));
    Ok(sig.map_or(Value::NONE, |s| vm.new_str(s)))
}

/// `__self__`, as CPython's: what a method is bound to; for a module's
/// function, the module (CPython binds them to it; `inspect` drops their
/// `$module` parameter by it); for a type's `__new__`, the type; else None.
fn builtin_self(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (b, s) = builtin(vm, a, "__self__")?;
    if !s.is_empty() {
        return Ok(s);
    }
    if b.owner.is_heap() {
        return Ok(if b.name == "__new__" {
            b.owner
        } else {
            Value::NONE
        });
    }
    let m = builtin_module_name(b);
    if m.is_heap() {
        if let Some(module) = vm.dict_get_str(vm.g.sys_modules, m) {
            return Ok(module);
        }
    }
    Ok(Value::NONE)
}

/// The interned name of the module that defined `b`, EMPTY when none did.
fn builtin_module_name(b: &Builtin) -> Value {
    Value::from_bits(
        b.module
            .load(proto_core::sync::heap_atomic::Ordering::Acquire),
    )
}

/// `__module__`: the name of the module that defined the function, None
/// for methods and functions made elsewhere.
fn builtin_module(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (b, _) = builtin(vm, a, "__module__")?;
    let m = builtin_module_name(b);
    Ok(if m.is_heap() { m } else { Value::NONE })
}

/// `__reduce__()`, as CPython's `meth_reduce`: a function bound to nothing
/// or to a module pickles as its name (found again by module lookup); a
/// method bound to an object, or a type's method, as `(getattr, (self,
/// name))`.
fn builtin_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let (b, s) = builtin(vm, a, "__reduce__")?;
    let is_module = Obj::from_value(s).is_some_and(|o| o.kind() == K_MODULE);
    let target = if !s.is_empty() && !is_module {
        s
    } else if b.owner.is_heap() && s.is_empty() {
        b.owner
    } else {
        return Ok(vm.new_str(b.name));
    };
    let key = vm.intern("getattr");
    let Some(getattr) = vm.dict_get_str(vm.g.builtins, key) else {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "lost builtins.getattr"));
    };
    let name = vm.new_str(b.name);
    let mark = vm.push_root(name);
    vm.push_root(getattr);
    let inner = vm.new_tuple(&[target, name]);
    vm.push_root(inner);
    let r = vm.new_tuple(&[getattr, inner]);
    vm.pop_roots(mark);
    Ok(r)
}

/// The builtin's identity and what it is bound to (EMPTY when unbound), or
/// None when `v` is no builtin function or method.
fn builtin_key(v: Value) -> Option<(*const Builtin, Value)> {
    let o = Obj::from_value(v)?;
    match o.kind() {
        K_BUILTIN => builtin_data(o).map(|b| (b as *const Builtin, b.bound)),
        K_METHOD => {
            let b = Obj::from_value(o.get(0)).and_then(builtin_data)?;
            Some((b as *const Builtin, o.get(1)))
        }
        _ => None,
    }
}

/// `==` of builtin functions (CPython's meth_richcompare): the same
/// function bound to the same object (by identity).
fn builtin_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = builtin_key(a[0])
        .ok_or_else(|| wrong_receiver(vm, a, "__eq__", "builtin_function_or_method"))?;
    let Some(y) = a.get(1).and_then(|&v| builtin_key(v)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    Ok(Value::bool(x.0 == y.0 && x.1 == y.1))
}

/// `hash()` consistent with [`builtin_eq`]: the function's and the bound
/// object's identities, not the object's own hash.
fn builtin_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (f, s) = builtin_key(a[0])
        .ok_or_else(|| wrong_receiver(vm, a, "__hash__", "builtin_function_or_method"))?;
    let h = ((f as usize as u64) >> 4) ^ (s.bits() >> 4);
    // Non-negative and never -1 (CPython reserves it for errors).
    Ok(vm.new_int((h >> 1) as i64))
}

fn method_func(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(receiver(vm, a, K_METHOD, "__func__", "method")?.get(0))
}
fn method_self(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(receiver(vm, a, K_METHOD, "__self__", "method")?.get(1))
}

/// `method.__reduce__()`, as CPython's `method_reduce`: `(getattr, (self,
/// name))`, the name being the function's `__name__`.
fn method_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let m = receiver(vm, a, K_METHOD, "__reduce__", "method")?;
    let (func, self_) = (m.get(0), m.get(1));
    let key = vm.intern("getattr");
    let Some(getattr) = vm.dict_get_str(vm.g.builtins, key) else {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "lost builtins.getattr"));
    };
    let n = vm.intern("__name__");
    let name = vm.getattr(func, n)?;
    let mark = vm.push_root(name);
    vm.push_root(getattr);
    let inner = vm.new_tuple(&[self_, name]);
    vm.push_root(inner);
    let r = vm.new_tuple(&[getattr, inner]);
    vm.pop_roots(mark);
    Ok(r)
}

/// Registers the builtin function and bound method attributes.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.builtin;
    add_getsets(
        vm,
        t,
        &[
            ("__name__", builtin_name, None),
            ("__qualname__", builtin_qualname, None),
            ("__self__", builtin_self, None),
            ("__objclass__", builtin_objclass, None),
            ("__doc__", builtin_doc, None),
            ("__text_signature__", builtin_text_signature, None),
        ],
    );
    add_members(vm, t, &[("__module__", builtin_module)]);
    vm.add_method(t, "__reduce__", builtin_reduce);
    vm.add_method(t, "__eq__", builtin_eq);
    vm.add_method(t, "__hash__", builtin_hash);
    let t = vm.g.types.method;
    add_members(
        vm,
        t,
        &[
            ("__func__", method_func as NativeFn),
            ("__self__", method_self),
        ],
    );
    vm.add_method(t, "__reduce__", method_reduce);
    Ok(())
}
