//! `__main__.__loader__` without importing importlib at start-up.
//!
//! CPython gives `__main__` the `BuiltinImporter` class as its loader (for
//! `-c`, standard input and the REPL) or a `SourceFileLoader` /
//! `SourcelessFileLoader` for the script, all from its frozen importlib,
//! which costs it nothing. ProtoPy imports importlib from source on first
//! use (its native import system stands in for importlib's finders until
//! then), and importing it costs more than the rest of start-up together.
//! So `__main__` first gets a stand-in: an object that makes the real
//! loader on first use (an attribute, `repr`, `str`, `hash`, a comparison,
//! a call, `dir`) and answers with it. As soon as importlib is imported,
//! by anyone, [`settle`] replaces the stand-in in `__main__`'s dict with the
//! real loader, so code that can compare the loader with importlib's
//! classes (it imported importlib to name them) sees the real object, as
//! in CPython. Only `type(__loader__)` read before importlib is loaded, or
//! a reference to the stand-in kept from then, tells the difference.

use engine::runtime::*;
use proto_core::sync::Mutex;
use proto_core::Value;

/// The pending loader of `__main__` (one per process).
struct State {
    /// `__main__`'s dict (its module is a global root).
    dict: Value,
    /// The stand-in stored as `dict["__loader__"]` (a global root).
    standin: Value,
    /// The loader's class in importlib (`BuiltinImporter`,
    /// `SourceFileLoader`, `SourcelessFileLoader`).
    class_name: &'static str,
    /// The script's path for a file loader (a global root), else None.
    file: Value,
    /// The real loader once made (a global root), else EMPTY.
    real: Value,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

/// Sets `d["__loader__"]` (`__main__`'s dict) to a stand-in for importlib's
/// `class_name`: the class itself without `file`, else an instance made
/// with `("__main__", file)`. Replaces an earlier stand-in.
pub fn install(vm: &mut Vm, d: Value, class_name: &'static str, file: Option<Value>) {
    let module = if file.is_some() {
        "_frozen_importlib_external"
    } else {
        "_frozen_importlib"
    };
    let Ok(cls) = standin_class(vm, class_name, module) else {
        return;
    };
    let mark = vm.push_root(cls);
    let standin = vm.call(cls, &[], Value::EMPTY);
    vm.pop_roots(mark);
    let Ok(standin) = standin else {
        return;
    };
    let file = file.unwrap_or(Value::NONE);
    vm.ctx.add_global_root(standin);
    vm.ctx.add_global_root(file);
    *proto_core::sync::lock(&STATE) = Some(State {
        dict: d,
        standin,
        class_name,
        file,
        real: Value::EMPTY,
    });
    let k = vm.intern("__loader__");
    vm.dict_set_str(d, k, standin);
}

/// The stand-in's class: named as the loader it stands for (what
/// `type(__loader__).__name__` answers for a script in CPython), its
/// special methods forwarding to the real loader.
fn standin_class(vm: &mut Vm, class_name: &str, module: &str) -> PyResult<Value> {
    let ns = vm.new_dict();
    let mark = vm.push_root(ns);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__getattribute__", fwd_getattribute),
        ("__setattr__", fwd_setattr),
        ("__delattr__", fwd_delattr),
        ("__repr__", fwd_repr),
        ("__str__", fwd_str),
        ("__hash__", fwd_hash),
        ("__eq__", fwd_eq),
        ("__ne__", fwd_ne),
        ("__call__", fwd_call),
        ("__dir__", fwd_dir),
    ];
    for &(name, f) in methods {
        let b = vm.new_builtin(name, f, true);
        let k = vm.intern(name);
        vm.dict_set_str(ns, k, b);
    }
    let m = vm.new_str(module);
    let k = vm.intern("__module__");
    vm.dict_set_str(ns, k, m);
    let name = vm.new_str(class_name);
    vm.push_root(name);
    let meta = vm.g.types.type_;
    let r = vm.new_class(meta, name, &[], ns);
    vm.pop_roots(mark);
    r
}

/// The real loader: made now (importing importlib) if not yet, and put in
/// `__main__`'s dict in place of the stand-in if that is still there.
fn resolve(vm: &mut Vm) -> PyResult<Value> {
    let pending = proto_core::sync::lock(&STATE)
        .as_ref()
        .map(|s| (s.standin, s.class_name, s.file, s.real));
    let Some((standin, class_name, file, real)) = pending else {
        return Err(vm.exc_by_name("RuntimeError", "__main__ has no pending loader"));
    };
    if !real.is_empty() {
        return Ok(real);
    }
    let module = if file.is_none() {
        "importlib._bootstrap"
    } else {
        "importlib._bootstrap_external"
    };
    // Importing importlib settles the loader itself (its post-import hook
    // calls `settle`): it may be made by now.
    let m = vm.import_module(module)?;
    if let Some(real) = real_of(standin) {
        return Ok(real);
    }
    let k = vm.intern(class_name);
    let cls = vm.getattr(m, k)?;
    let real = if file.is_none() {
        cls
    } else {
        let mark = vm.push_root(cls);
        let n = vm.new_str("__main__");
        vm.push_root(n);
        let r = vm.call(cls, &[n, file], Value::EMPTY);
        vm.pop_roots(mark);
        r?
    };
    vm.ctx.add_global_root(real);
    let dict = {
        let mut g = proto_core::sync::lock(&STATE);
        match g.as_mut().filter(|s| s.standin == standin) {
            Some(s) if s.real.is_empty() => {
                s.real = real;
                Some(s.dict)
            }
            Some(s) => return Ok(s.real),
            None => None,
        }
    };
    if let Some(d) = dict {
        let k = vm.intern("__loader__");
        if vm.dict_get_str(d, k) == Some(standin) {
            vm.dict_set_str(d, k, real);
        }
    }
    Ok(real)
}

/// The real loader of `standin` if it has been made.
fn real_of(standin: Value) -> Option<Value> {
    proto_core::sync::lock(&STATE)
        .as_ref()
        .filter(|s| s.standin == standin && !s.real.is_empty())
        .map(|s| s.real)
}

/// Called once importlib is imported: puts the real loader in place of the
/// stand-in. A failure leaves the stand-in (which raises it when used).
pub fn settle(vm: &mut Vm) {
    let pending = proto_core::sync::lock(&STATE)
        .as_ref()
        .is_some_and(|s| s.real.is_empty());
    if pending {
        let _ = resolve(vm);
    }
}

/// The real loader for a call on a stand-in (`a[0]`).
fn target(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    match a.first() {
        Some(&s) if real_of(s).is_some() => Ok(real_of(s).unwrap_or(s)),
        Some(_) => resolve(vm),
        None => Err(vm.type_error("loader stand-in method needs an argument")),
    }
}

/// The real object of `v` when it is the stand-in, else `v`.
fn unwrap(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let is_standin = proto_core::sync::lock(&STATE)
        .as_ref()
        .is_some_and(|s| s.standin == v);
    if is_standin {
        resolve(vm)
    } else {
        Ok(v)
    }
}

/// Calls builtin `name` with the real loader and the further arguments.
fn via_builtin(vm: &mut Vm, name: &str, a: &[Value]) -> PyResult<Value> {
    let real = target(vm, a)?;
    let k = vm.intern(name);
    let b = vm.g.builtins;
    let Some(f) = vm.dict_get_str(b, k) else {
        return Err(vm.exc_by_name("RuntimeError", &format!("builtins.{name} is missing")));
    };
    let mut args = vec![real];
    args.extend_from_slice(a.get(1..).unwrap_or_default());
    let mark = vm.push_root(real);
    let r = vm.call(f, &args, Value::EMPTY);
    vm.pop_roots(mark);
    r
}

fn arg(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<Value> {
    match a.get(i) {
        Some(&v) => Ok(v),
        None => Err(vm.type_error("expected an argument")),
    }
}

fn fwd_getattribute(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let name = arg(vm, a, 1)?;
    let real = target(vm, a)?;
    vm.getattr(real, name)
}

fn fwd_setattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (name, v) = (arg(vm, a, 1)?, arg(vm, a, 2)?);
    let real = target(vm, a)?;
    vm.setattr(real, name, v).map(|()| Value::NONE)
}

fn fwd_delattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let name = arg(vm, a, 1)?;
    let real = target(vm, a)?;
    vm.delattr(real, name).map(|()| Value::NONE)
}

fn fwd_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    via_builtin(vm, "repr", &a[..1.min(a.len())])
}

fn fwd_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    via_builtin(vm, "str", &a[..1.min(a.len())])
}

fn fwd_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    via_builtin(vm, "hash", &a[..1.min(a.len())])
}

fn fwd_dir(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    via_builtin(vm, "dir", &a[..1.min(a.len())])
}

/// `==` and `!=` as the real loader compares (the other side unwrapped
/// when it is the stand-in too).
fn fwd_compare(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let other = arg(vm, a, 1)?;
    let real = target(vm, a)?;
    let mark = vm.push_root(real);
    let r = unwrap(vm, other).and_then(|o| vm.compare(real, o, op));
    vm.pop_roots(mark);
    r
}

fn fwd_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    fwd_compare(vm, a, 2)
}

fn fwd_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    fwd_compare(vm, a, 3)
}

fn fwd_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let real = target(vm, a)?;
    let mark = vm.push_root(real);
    let r = vm.call(real, a.get(1..).unwrap_or_default(), k);
    vm.pop_roots(mark);
    r
}
