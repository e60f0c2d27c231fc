//! The `atexit` module: functions run at interpreter exit, last registered
//! first, after the non-daemon threads were joined (as CPython 3.11).

use engine::runtime::*;
use proto_core::sync::Mutex;
use proto_core::{Obj, Value};

/// Registered `(func, args, kwargs)` tuples, shared and rooted by a root
/// hook (registered once, with the first registration).
static HANDLERS: Mutex<Vec<Value>> = Mutex::new(Vec::new());
static HOOKED: std::sync::Once = std::sync::Once::new();

fn root_hook(sink: &mut dyn FnMut(Value)) {
    for &h in proto_core::sync::lock(&HANDLERS).iter() {
        sink(h);
    }
}

/// `register(func, /, *args, **kwargs)`: returns `func`.
fn register(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    let npos = a.len() - nkw;
    if npos == 0 {
        return Err(vm.type_error("register() takes at least 1 argument (0 given)"));
    }
    let func = a[0];
    if !vm.is_callable(func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let args = vm.new_tuple(&a[1..npos]);
    let mark = vm.push_root(args);
    let kwargs = vm.new_dict();
    vm.push_root(kwargs);
    if let Some(ko) = Obj::from_value(k) {
        for i in 0..nkw {
            vm.setitem(kwargs, ko.get(i), a[npos + i])?;
        }
    }
    let entry = vm.new_tuple(&[func, args, kwargs]);
    vm.ctx.promote(entry);
    vm.pop_roots(mark);
    HOOKED.call_once(|| vm.ctx.space().add_root_hook(Box::new(root_hook)));
    proto_core::sync::lock(&HANDLERS).push(entry);
    Ok(func)
}

/// `unregister(func, /)`: removes every registration of `func` (compared
/// with `==`, as CPython).
fn unregister(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "unregister", a, k, 1, 1)?;
    let entries = proto_core::sync::lock(&HANDLERS).clone();
    let mut keep = Vec::with_capacity(entries.len());
    for e in entries {
        let f = Obj::from_value(e).expect("entry").get(0);
        if !vm.eq(f, a[0])? {
            keep.push(e);
        }
    }
    let removed: Vec<Value> = {
        let h = proto_core::sync::lock(&HANDLERS);
        h.iter().copied().filter(|e| !keep.contains(e)).collect()
    };
    // Only the entries found equal go; registrations made meanwhile (by
    // the __eq__ calls) stay.
    proto_core::sync::lock(&HANDLERS).retain(|e| !removed.contains(e) || keep.contains(e));
    Ok(Value::NONE)
}

/// Runs the handlers, last registered first, and forgets them. An
/// exception is reported ("Exception ignored in atexit callback") and the
/// others still run; SystemExit is reported the same way.
pub fn run_exitfuncs(vm: &mut Vm) {
    loop {
        let Some(e) = proto_core::sync::lock(&HANDLERS).pop() else {
            break;
        };
        let mark = vm.push_root(e);
        let o = Obj::from_value(e).expect("entry");
        let (f, args, kwargs) = (o.get(0), o.get(1), o.get(2));
        let argv = vm.seq_items(args);
        let items = vm.dict_items(kwargs);
        let mut all = argv;
        let kn = if items.is_empty() {
            Value::EMPTY
        } else {
            let names: Vec<Value> = items.iter().map(|&(k, _)| k).collect();
            all.extend(items.iter().map(|&(_, v)| v));
            vm.new_tuple(&names)
        };
        vm.push_root(kn);
        if let Err(x) = vm.call(f, &all, kn) {
            vm.push_root(x.0);
            crate::modules::sys::write_unraisable(
                vm,
                Some("Exception ignored in atexit callback"),
                f,
                x.0,
            );
        }
        vm.pop_roots(mark);
    }
}

fn run(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_run_exitfuncs", a, k, 0, 0)?;
    run_exitfuncs(vm);
    Ok(Value::NONE)
}

fn clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_clear", a, k, 0, 0)?;
    proto_core::sync::lock(&HANDLERS).clear();
    Ok(Value::NONE)
}

fn ncallbacks(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_ncallbacks", a, k, 0, 0)?;
    Ok(Value::int(proto_core::sync::lock(&HANDLERS).len() as i64))
}

/// Creates the `atexit` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("atexit");
    let fns: &[(&'static str, NativeFn)] = &[
        ("register", register),
        ("unregister", unregister),
        ("_run_exitfuncs", run),
        ("_clear", clear),
        ("_ncallbacks", ncallbacks),
    ];
    vm.add_module_functions(m, fns);
    Ok(m)
}
