//! The `_warnings` module: the native half of `warnings`, with CPython
//! 3.11's C interface (`filters`, `_defaultaction`, `_onceregistry`,
//! `_filters_mutated`, `warn`, `warn_explicit`) and semantics. CPython's own
//! `warnings.py` imports these and adds the rest (formatting, `-W` options,
//! `catch_warnings`).
//!
//! State. The filter list, the once-registry and the default action are the
//! module's attributes `filters`, `_onceregistry` and `_defaultaction`, made
//! here with CPython's default filters. As in CPython, once `warnings` is in
//! `sys.modules` its attributes `filters`, `onceregistry` and
//! `defaultaction` are the ones used (a program may rebind them), and a
//! warning is shown by `warnings._showwarnmsg(WarningMessage(...))`; without
//! `warnings` (it failed to import) this module writes the warning to
//! `sys.stderr` itself. The filters' version, which invalidates every
//! `__warningregistry__` when `_filters_mutated()` is called, is a
//! process-wide atomic counter: registries only compare it for equality, so
//! sharing one counter between interpreters at most clears a registry more
//! often.
//!
//! Concurrency: the lists and dicts are Python objects with their own
//! per-object locks; a filter list is read item by item (a concurrent
//! mutation may be seen half-way, as in CPython without its GIL-held loop),
//! and each registry update is one dict operation.

use crate::builtins::{isinstance_impl, issubclass_impl};
use engine::runtime::*;
use proto_core::sync::{AtomicU64, Ordering};
use proto_core::{Obj, Value};

const MODULE_DOC: &str = "_warnings provides basic warning filtering support.\n\
It is a helper module to speed up interpreter start-up.";

/// The filters' version (`_filters_mutated` bumps it); starts at 0 as in CPython.
static FILTERS_VERSION: AtomicU64 = AtomicU64::new(0);

fn filters_version() -> i64 {
    FILTERS_VERSION.load(Ordering::Acquire) as i64
}

/// Runs `f`, then unroots everything `f` rooted.
fn scoped<R>(vm: &mut Vm, f: impl FnOnce(&mut Vm) -> PyResult<R>) -> PyResult<R> {
    let mark = vm.push_root(Value::NONE);
    let r = f(vm);
    vm.pop_roots(mark);
    r
}

/// `warnings.<name>` (CPython's `get_warnings_attr`): None when `warnings`
/// is not in `sys.modules` (or, with `try_import`, cannot be imported) or
/// lacks the attribute.
fn warnings_attr(vm: &mut Vm, name: &str, try_import: bool) -> PyResult<Option<Value>> {
    let m = if try_import {
        match vm.import_module("warnings") {
            Ok(m) => m,
            Err(e) if vm.isinstance(e.0, vm.g.e.ImportError) => return Ok(None),
            Err(e) => return Err(e),
        }
    } else {
        let k = vm.intern("warnings");
        match vm.dict_get_str(vm.g.sys_modules, k) {
            Some(m) if !m.is_none() => m,
            _ => return Ok(None),
        }
    };
    let mark = vm.push_root(m);
    let k = vm.intern(name);
    let r = vm.getattr_opt(m, k);
    vm.pop_roots(mark);
    r
}

/// This module's own attribute `name` (its state when `warnings` is absent).
fn own_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let m = vm.import_module("_warnings")?;
    let mark = vm.push_root(m);
    let k = vm.intern(name);
    let r = vm.getattr(m, k);
    vm.pop_roots(mark);
    r
}

/// The builtin class `name` (a warning category).
fn builtin(vm: &mut Vm, name: &str) -> Value {
    let k = vm.intern(name);
    vm.dict_get_str(vm.g.builtins, k)
        .expect("builtin warning categories exist")
}

fn is_dict(vm: &Vm, v: Value) -> bool {
    vm.isinstance(v, vm.g.types.dict)
}

/// `warnings.onceregistry` (a dict), else this module's.
fn once_registry(vm: &mut Vm) -> PyResult<Value> {
    let r = match warnings_attr(vm, "onceregistry", false)? {
        Some(r) => r,
        None => own_attr(vm, "_onceregistry")?,
    };
    if !is_dict(vm, r) {
        let tn = vm.type_name_of(r);
        return Err(vm.type_error(&format!(
            "_warnings.onceregistry must be a dict, not '{tn}'"
        )));
    }
    Ok(r)
}

/// `warnings.defaultaction` (a str), else this module's.
fn default_action(vm: &mut Vm) -> PyResult<Value> {
    let a = match warnings_attr(vm, "defaultaction", false)? {
        Some(a) => a,
        None => own_attr(vm, "_defaultaction")?,
    };
    if !is_str(a) {
        let tn = vm.type_name_of(a);
        return Err(vm.type_error(&format!(
            "_warnings.defaultaction must be a string, not '{tn}'"
        )));
    }
    Ok(a)
}

/// A filter's `msg`/`mod` field against `arg`: None matches all, an exact
/// str by equality, anything else by its `match(arg)`.
fn check_matched(vm: &mut Vm, obj: Value, arg: Value) -> PyResult<bool> {
    if obj.is_none() {
        return Ok(true);
    }
    if Obj::from_value(obj).is_some_and(|o| o.kind() == Kind::STR && o.class() == vm.g.types.str_) {
        return vm.eq(obj, arg);
    }
    let r = vm.call_method(obj, "match", &[arg])?;
    vm.truthy(r)
}

/// The action of the first filter matching, with the filter (None for the
/// default action).
fn get_filter(
    vm: &mut Vm,
    category: Value,
    text: Value,
    lineno: i64,
    module: Value,
) -> PyResult<(Value, Value)> {
    let filters = match warnings_attr(vm, "filters", false)? {
        Some(f) => f,
        None => own_attr(vm, "filters")?,
    };
    if !Obj::from_value(filters).is_some_and(|o| o.kind() == Kind::LIST) {
        return Err(vm.value_error("_warnings.filters must be a list"));
    }
    vm.push_root(filters);
    // The list may change while it is walked (a `match` may run Python
    // code): each step reads the current item `i`, as CPython does.
    let mut i = 0;
    while let Some(item) = vm.seq_get(filters, i) {
        let is_5tuple =
            Obj::from_value(item).is_some_and(|o| o.kind() == Kind::TUPLE && o.n_values() == 5);
        if !is_5tuple {
            return Err(vm.value_error(&format!("_warnings.filters item {i} isn't a 5-tuple")));
        }
        vm.push_root(item);
        let f = Obj::from_value(item).expect("tuple");
        let (action, msg, cat, md, ln) = (f.get(0), f.get(1), f.get(2), f.get(3), f.get(4));
        if !is_str(action) {
            let tn = vm.type_name_of(action);
            return Err(vm.type_error(&format!("action must be a string, not '{tn}'")));
        }
        let good_msg = check_matched(vm, msg, text)?;
        let good_mod = check_matched(vm, md, module)?;
        let is_sub = issubclass_impl(vm, category, cat)?;
        let ln = ssize_arg(vm, ln)?;
        if good_msg && is_sub && good_mod && (ln == 0 || lineno == ln) {
            return Ok((action, item));
        }
        i += 1;
    }
    let a = default_action(vm)?;
    Ok((a, Value::NONE))
}

/// `PyLong_AsSsize_t` (an int, or an object with `__index__`).
fn ssize_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(n) => Ok(n),
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
    }
}

/// `registry.get(key)` for a dict or dict subclass.
fn reg_get(vm: &mut Vm, registry: Value, key: Value) -> PyResult<Option<Value>> {
    if Obj::from_value(registry).is_some_and(|o| o.kind() == Kind::DICT) {
        return vm.dict_get(registry, key);
    }
    let r = vm.call_method(registry, "get", &[key])?;
    Ok(Some(r).filter(|v| !v.is_none()))
}

fn reg_set(vm: &mut Vm, registry: Value, key: Value, v: Value) -> PyResult<()> {
    if Obj::from_value(registry).is_some_and(|o| o.kind() == Kind::DICT) {
        return vm.dict_set(registry, key, v);
    }
    vm.call_method(registry, "__setitem__", &[key, v])?;
    Ok(())
}

/// Has `key` been warned about in `registry` (cleared first when its
/// version is not the filters' current one)? Records it when `should_set`.
fn already_warned(vm: &mut Vm, registry: Value, key: Value, should_set: bool) -> PyResult<bool> {
    let vkey = vm.intern("version");
    let cur = filters_version();
    let version = reg_get(vm, registry, vkey)?;
    let fresh = version.is_some_and(|v| v.is_int() && vm.as_i64(v) == Some(cur));
    if !fresh {
        vm.call_method(registry, "clear", &[])?;
        let v = vm.new_int(cur);
        reg_set(vm, registry, vkey, v)?;
    } else if let Some(w) = reg_get(vm, registry, key)? {
        if vm.truthy(w)? {
            return Ok(true);
        }
    }
    if should_set {
        reg_set(vm, registry, key, Value::TRUE)?;
    }
    Ok(false)
}

/// `registry[(text, category)]` or `registry[(text, category, 0)]`, set;
/// true if it already was.
fn update_registry(
    vm: &mut Vm,
    registry: Value,
    text: Value,
    category: Value,
    add_zero: bool,
) -> PyResult<bool> {
    let key = if add_zero {
        vm.new_tuple(&[text, category, Value::int(0)])
    } else {
        vm.new_tuple(&[text, category])
    };
    vm.push_root(key);
    already_warned(vm, registry, key, true)
}

/// The module name for a filename: without a final ".py", `<unknown>` for
/// an empty one.
fn normalize_module(vm: &mut Vm, filename: Value) -> Value {
    let b = str_bytes(filename);
    if b.is_empty() {
        return vm.new_str("<unknown>");
    }
    if b.ends_with(b".py") {
        let cut = b[..b.len() - 3].to_vec();
        return vm.new_str_bytes(&cut);
    }
    filename
}

/// Writes the warning to `sys.stderr` (no `warnings` module to do it).
fn show_warning_fallback(
    vm: &mut Vm,
    filename: Value,
    lineno: i64,
    text: Value,
    category: Value,
) -> PyResult<()> {
    let Some(err) = crate::builtins::sys_attr(vm, "stderr").filter(|v| !v.is_none()) else {
        return Ok(());
    };
    vm.push_root(err);
    let n = vm.g.names.__name__;
    let name = vm.getattr(category, n)?;
    let name = vm.str(name)?;
    let text = vm.str(text)?;
    let line = format!(
        "{}:{}: {}: {}\n",
        str_of(filename),
        lineno,
        str_of(name),
        str_of(text)
    );
    let s = vm.new_str(&line);
    vm.call_method(err, "write", &[s])?;
    if let Ok(lc) = vm.import_module("linecache") {
        vm.push_root(lc);
        let ln = vm.new_int(lineno);
        if let Ok(src) = vm.call_method(lc, "getline", &[filename, ln]) {
            let src = str_of(src);
            let src = src.trim();
            if !src.is_empty() {
                let s = format!("  {src}\n");
                let s = vm.new_str(&s);
                vm.call_method(err, "write", &[s])?;
            }
        }
    }
    Ok(())
}

/// Shows a warning: `warnings._showwarnmsg(warnings.WarningMessage(...))`,
/// or the native fallback when `warnings` cannot be had.
#[allow(clippy::too_many_arguments)]
fn call_show_warning(
    vm: &mut Vm,
    category: Value,
    text: Value,
    message: Value,
    filename: Value,
    lineno: i64,
    source: Value,
) -> PyResult<()> {
    let Some(show) = warnings_attr(vm, "_showwarnmsg", true)? else {
        return show_warning_fallback(vm, filename, lineno, text, category);
    };
    vm.push_root(show);
    if !vm.is_callable(show) {
        return Err(vm.type_error("warnings._showwarnmsg() must be set to a callable"));
    }
    let Some(cls) = warnings_attr(vm, "WarningMessage", false)? else {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "unable to get warnings.WarningMessage"));
    };
    vm.push_root(cls);
    let ln = vm.new_int(lineno);
    let msg = vm.call(
        cls,
        &[
            message,
            category,
            filename,
            ln,
            Value::NONE,
            Value::NONE,
            source,
        ],
        Value::EMPTY,
    )?;
    vm.push_root(msg);
    vm.call(show, &[msg], Value::EMPTY)?;
    Ok(())
}

/// CPython's `warn_explicit` (C level). `registry` None: no registry.
#[allow(clippy::too_many_arguments)]
fn do_warn_explicit(
    vm: &mut Vm,
    category: Value,
    message: Value,
    filename: Value,
    lineno: i64,
    module: Option<Value>,
    registry: Value,
    source: Value,
) -> PyResult<()> {
    // A warning issued late in shutdown (module None): ignored.
    if module.is_some_and(|m| m.is_none()) {
        return Ok(());
    }
    if !registry.is_none() && !is_dict(vm, registry) {
        return Err(vm.type_error("'registry' must be a dict or None"));
    }
    scoped(vm, |vm| {
        let module = match module {
            Some(m) => m,
            None => normalize_module(vm, filename),
        };
        vm.push_root(module);
        let w = builtin(vm, "Warning");
        let (text, category, message) = if isinstance_impl(vm, message, w)? {
            let t = vm.str(message)?;
            (t, vm.type_of(message), message)
        } else {
            let m = vm.call(category, &[message], Value::EMPTY)?;
            (message, category, m)
        };
        vm.push_root(text);
        vm.push_root(category);
        vm.push_root(message);
        let ln = vm.new_int(lineno);
        let key = vm.new_tuple(&[text, category, ln]);
        vm.push_root(key);
        if !registry.is_none() && already_warned(vm, registry, key, false)? {
            return Ok(());
        }
        let (action, item) = get_filter(vm, category, text, lineno, module)?;
        vm.push_root(action);
        vm.push_root(item);
        let act = str_of(action);
        if act == "error" {
            if vm.isinstance(message, vm.g.e.BaseException) {
                return Err(PyException(message));
            }
            let args = vm.new_tuple(&[message]);
            return Err(vm.new_exc_args(category, args));
        }
        if act == "ignore" {
            return Ok(());
        }
        let mut already = false;
        if act != "always" {
            if !registry.is_none() {
                reg_set(vm, registry, key, Value::TRUE)?;
            }
            if act == "once" {
                let reg = if registry.is_none() {
                    once_registry(vm)?
                } else {
                    registry
                };
                already = update_registry(vm, reg, text, category, false)?;
            } else if act == "module" {
                if !registry.is_none() {
                    already = update_registry(vm, registry, text, category, false)?;
                }
            } else if act != "default" {
                let ar = vm.repr(action)?;
                vm.push_root(ar);
                let ir = vm.repr(item)?;
                return Err(vm.new_exc(
                    vm.g.e.RuntimeError,
                    &format!(
                        "Unrecognized action ({}) in warnings.filters:\n {}",
                        str_of(ar),
                        str_of(ir)
                    ),
                ));
            }
        }
        if already {
            return Ok(());
        }
        call_show_warning(vm, category, text, message, filename, lineno, source)
    })
}

/// Frames of importlib's bootstrap are skipped when counting `stacklevel`.
fn is_internal_frame(vm: &Vm, i: usize) -> bool {
    let f: &str = &vm.frames[i].code.code.filename;
    f.contains("importlib") && f.contains("_bootstrap")
}

/// The frame `stack_level` levels up from the caller of `warn` (CPython's
/// `setup_context`): (filename, lineno, globals).
fn setup_context(vm: &mut Vm, mut stack_level: i64) -> (Value, i64, Value) {
    let mut f = vm.frames.len().checked_sub(1);
    if stack_level <= 0 || f.is_some_and(|i| is_internal_frame(vm, i)) {
        loop {
            stack_level -= 1;
            if stack_level <= 0 {
                break;
            }
            match f {
                Some(i) => f = i.checked_sub(1),
                None => break,
            }
        }
    } else {
        loop {
            stack_level -= 1;
            if stack_level <= 0 {
                break;
            }
            let Some(mut i) = f else { break };
            // The next frame outward that is not importlib's bootstrap.
            f = loop {
                match i.checked_sub(1) {
                    Some(j) if is_internal_frame(vm, j) => i = j,
                    other => break other,
                }
            };
        }
    }
    match f {
        Some(i) => {
            let fr = &vm.frames[i];
            let code = fr.code;
            let line = code.code.location(fr.lasti as u32).line as i64;
            let globals = fr.globals.value();
            let name = code.code.filename.clone();
            let filename = vm.new_str(&name);
            (filename, line, globals)
        }
        None => {
            let sys = *proto_core::sync::lock(&vm.g.sys);
            let d = Obj::from_value(sys).expect("sys").get(0);
            let filename = vm.new_str("sys");
            (filename, 1, d)
        }
    }
}

/// `warn(message, category=None, stacklevel=1, source=None)`.
fn warn(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [message, category, stacklevel, source] = crate::types::clinic::unpack(
        vm,
        "warn",
        a,
        k,
        ["message", "category", "stacklevel", "source"],
        0,
        1,
        4,
    )?;
    let message = message.expect("required");
    let stacklevel = match stacklevel {
        Some(s) => ssize_arg(vm, s)?,
        None => 1,
    };
    let source = source.unwrap_or(Value::NONE);
    // The category (CPython's `get_category`).
    let w = builtin(vm, "Warning");
    let category = if isinstance_impl(vm, message, w)? {
        vm.type_of(message)
    } else {
        match category {
            Some(c) if !c.is_none() => c,
            _ => builtin(vm, "UserWarning"),
        }
    };
    let ok = Obj::from_value(category).is_some_and(|o| o.kind() == K_TYPE)
        && issubclass_impl(vm, category, w).unwrap_or(false);
    if !ok {
        let tn = vm.type_name_of(category);
        return Err(vm.type_error(&format!("category must be a Warning subclass, not '{tn}'")));
    }
    scoped(vm, |vm| {
        vm.push_root(category);
        let (filename, lineno, globals) = setup_context(vm, stacklevel);
        vm.push_root(filename);
        vm.push_root(globals);
        let rk = vm.intern("__warningregistry__");
        let registry = match vm.dict_get(globals, rk)? {
            Some(r) => r,
            None => {
                let r = vm.new_dict();
                vm.push_root(r);
                vm.dict_set(globals, rk, r)?;
                r
            }
        };
        vm.push_root(registry);
        let nk = vm.g.names.__name__;
        let module = match vm.dict_get(globals, nk)? {
            Some(m) if m.is_none() || is_str(m) => m,
            _ => vm.new_str("<string>"),
        };
        do_warn_explicit(
            vm,
            category,
            message,
            filename,
            lineno,
            Some(module),
            registry,
            source,
        )?;
        Ok(Value::NONE)
    })
}

/// `warn_explicit(message, category, filename, lineno, module=None,
/// registry=None, module_globals=None, source=None)`.
fn warn_explicit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [message, category, filename, lineno, module, registry, globals, source] =
        crate::types::clinic::unpack(
            vm,
            "warn_explicit",
            a,
            k,
            [
                "message",
                "category",
                "filename",
                "lineno",
                "module",
                "registry",
                "module_globals",
                "source",
            ],
            0,
            4,
            8,
        )?;
    let (message, category, filename, lineno) = (
        message.expect("required"),
        category.expect("required"),
        filename.expect("required"),
        lineno.expect("required"),
    );
    if !is_str(filename) {
        let tn = vm.type_name_of(filename);
        return Err(vm.type_error(&format!("warn_explicit() argument 3 must be str, not {tn}")));
    }
    // The "i" format: a C int.
    let li = vm.index(lineno)?;
    let lineno = match vm.as_i64(li) {
        Some(n) if n > i32::MAX as i64 => None,
        Some(n) if n < i32::MIN as i64 => Some(Err(())),
        Some(n) => Some(Ok(n)),
        None => None,
    };
    let lineno = match lineno {
        Some(Ok(n)) => n,
        Some(Err(())) => {
            return Err(vm.new_exc(vm.g.e.OverflowError, "signed integer is less than minimum"))
        }
        None => {
            let neg = vm.call_method(li, "__lt__", &[Value::int(0)]);
            let msg = if neg.is_ok_and(|v| v == Value::TRUE) {
                "signed integer is less than minimum"
            } else {
                "signed integer is greater than maximum"
            };
            return Err(vm.new_exc(vm.g.e.OverflowError, msg));
        }
    };
    if let Some(g) = globals.filter(|g| !g.is_none()) {
        if !is_dict(vm, g) {
            let tn = vm.type_name_of(g);
            return Err(vm.type_error(&format!("module_globals must be a dict, not '{tn}'")));
        }
    }
    do_warn_explicit(
        vm,
        category,
        message,
        filename,
        lineno,
        module,
        registry.unwrap_or(Value::NONE),
        source.unwrap_or(Value::NONE),
    )?;
    Ok(Value::NONE)
}

/// `_filters_mutated()`: invalidates every `__warningregistry__`.
fn filters_mutated(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if nkw > 0 {
        return Err(vm.type_error("_warnings._filters_mutated() takes no keyword arguments"));
    }
    if !a.is_empty() {
        return Err(vm.type_error(&format!(
            "_warnings._filters_mutated() takes no arguments ({} given)",
            a.len()
        )));
    }
    FILTERS_VERSION.fetch_add(1, Ordering::AcqRel);
    Ok(Value::NONE)
}

/// Creates the `_warnings` module with CPython's default filters (those of
/// a release build).
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_warnings");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("warn", warn),
        ("warn_explicit", warn_explicit),
        ("_filters_mutated", filters_mutated),
    ];
    vm.add_module_functions(m, fns);
    let defaults = [
        ("default", "DeprecationWarning", Some("__main__")),
        ("ignore", "DeprecationWarning", None),
        ("ignore", "PendingDeprecationWarning", None),
        ("ignore", "ImportWarning", None),
        ("ignore", "ResourceWarning", None),
    ];
    let filters = vm.new_list(&[]);
    vm.push_root(filters);
    for (action, cat, md) in defaults {
        let cat = builtin(vm, cat);
        let a = vm.intern(action);
        let md = match md {
            Some(s) => vm.new_str(s),
            None => Value::NONE,
        };
        vm.push_root(md);
        let t = vm.new_tuple(&[a, Value::NONE, cat, md, Value::int(0)]);
        vm.list_append(filters, t);
    }
    vm.set_module_attr(m, "filters", filters);
    let once = vm.new_dict();
    vm.set_module_attr(m, "_onceregistry", once);
    let da = vm.intern("default");
    vm.set_module_attr(m, "_defaultaction", da);
    vm.pop_roots(mark);
    Ok(m)
}
