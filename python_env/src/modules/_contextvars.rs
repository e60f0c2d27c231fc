//! The `_contextvars` module (PEP 567): `ContextVar`, `Token`, `Context`
//! and `copy_context()`, the native half of CPython's `contextvars`.
//!
//! Layout. Every object here is a `K_MISC` object with value slots and a
//! small native payload whose Rust type identifies it:
//! - a *vars map* (`Kind::NATIVE`, class None, never handed to Python) holds
//!   an immutable [`PHashMap`] from `ContextVar` to value, keyed by the
//!   variable's identity (`object_id`, stable since objects never move).
//!   A change builds a new map sharing structure with the old one, so
//!   `copy_context()` and `Context.copy()` are O(1): the copy points to the
//!   same map object.
//! - `Context`: slot 0 its vars map; payload the `entered` flag.
//! - `ContextVar`: slots name, default (EMPTY: none), and the `Token` and
//!   `Context` classes (so `set` finds them without a module lookup);
//!   payload a marker.
//! - `Token`: slots context, variable, old value (EMPTY: `Token.MISSING`);
//!   payload the `used` flag.
//! - `keys`/`values`/`items` views: slot 0 a vars map, payload which view.
//!
//! The current context is per thread: the VM's `current_context` root slot
//! (EMPTY until the thread first sets a variable or copies its context, so
//! a new thread starts with an empty context, as in CPython 3.11).
//! `Context.run` makes its context current for the call and restores the
//! previous one after it, however the call ends.
//!
//! Concurrency contract: a vars map is immutable once made. A `Context`'s
//! slot 0 is replaced through the write barrier (`ctx.store`), so a shared
//! context gets a promoted map and never points to a local object; readers
//! load the slot once and read that map without a lock. Only the thread
//! that has a context current changes it (`ContextVar.set`/`reset`), and
//! the `entered` flag (an atomic swap) lets one thread at a time run in a
//! given context, as CPython's `RuntimeError` on re-entry requires. A
//! token's `used` flag is swapped atomically, so a token resets once.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::immutable::PHashMap;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{AtomicBool, Ordering};
use proto_core::{Kind, Obj, Value};

const MODULE_DOC: &str = "Context Variables";

/// A vars map: the variables set in a context and their values.
struct Vars {
    map: PHashMap,
    /// Entries in `map` (PHashMap counts them by walking its buckets).
    len: usize,
}

impl Trace for Vars {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        self.map.trace(f)
    }
}

/// Payload of a `Context`.
struct CtxState {
    /// True while some thread runs code in this context (`Context.run`).
    entered: AtomicBool,
}
impl Trace for CtxState {}

/// Payload marking a `ContextVar`.
struct VarMark;
impl Trace for VarMark {}

/// Payload of a `Token`.
struct TokenState {
    used: AtomicBool,
}
impl Trace for TokenState {}

/// Payload of a `keys`/`values`/`items` view of a context.
#[derive(Clone, Copy, PartialEq)]
enum ViewKind {
    Keys,
    Values,
    Items,
}
impl Trace for ViewKind {}

// Slots of a ContextVar.
const V_NAME: usize = 0;
const V_DEFAULT: usize = 1;
const V_TOKEN_CLS: usize = 2;
const V_CTX_CLS: usize = 3;
// Slots of a Token.
const T_CTX: usize = 0;
const T_VAR: usize = 1;
const T_OLD: usize = 2;

/// Identity key of a variable in a vars map.
fn key_hash(var: Value) -> u64 {
    object_id(var)
}

/// Keys are compared by identity, which `PHashMap` checks before calling
/// this.
fn never_eq(_a: Value, _b: Value) -> bool {
    false
}

fn misc_payload<T: 'static>(v: Value) -> Option<(Obj, &'static T)> {
    let o = Obj::from_value(v).filter(|o| o.kind() == K_MISC)?;
    native_ref::<T>(o).map(|s| (o, s))
}

fn as_var(v: Value) -> Option<Obj> {
    misc_payload::<VarMark>(v).map(|(o, _)| o)
}

fn as_context(v: Value) -> Option<(Obj, &'static CtxState)> {
    misc_payload::<CtxState>(v)
}

fn as_token(v: Value) -> Option<(Obj, &'static TokenState)> {
    misc_payload::<TokenState>(v)
}

/// The vars of a map object.
fn vars_of(map: Value) -> &'static Vars {
    Obj::from_value(map)
        .and_then(native_ref::<Vars>)
        .expect("a context's slot 0 is a vars map")
}

fn new_vars(vm: &mut Vm, map: PHashMap, len: usize) -> Value {
    vm.ctx
        .alloc_native(Kind::NATIVE, Value::NONE, Vars { map, len })
}

/// A new `Context` of class `cls` over the vars map `map`.
fn new_context(vm: &mut Vm, cls: Value, map: Value) -> Value {
    let c = vm.ctx.alloc_native_with_values(
        K_MISC,
        cls,
        1,
        CtxState {
            entered: AtomicBool::new(false),
        },
    );
    Obj::from_value(c).expect("heap").init(0, map);
    c
}

/// The thread's current context, made (empty, of class `cls`) if it has
/// none yet.
fn current_or_new(vm: &mut Vm, cls: Value) -> Value {
    let c = vm.current_context();
    if !c.is_empty() {
        return c;
    }
    let map = new_vars(vm, PHashMap::new(), 0);
    let c = new_context(vm, cls, map);
    vm.set_current_context(c);
    c
}

/// CPython's descriptor TypeError for method `name` of `cls` applied to `v`.
fn descr_error(vm: &mut Vm, name: &str, cls: &str, v: Value) -> PyException {
    let tn = vm.type_name_of(v);
    vm.type_error(&format!(
        "descriptor '{name}' for '_contextvars.{cls}' objects doesn't apply to a '{tn}' object"
    ))
}

fn this_var(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    let v = a.first().copied().unwrap_or(Value::NONE);
    as_var(v).ok_or_else(|| descr_error(vm, name, "ContextVar", v))
}

fn this_context(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<(Obj, &'static CtxState)> {
    let v = a.first().copied().unwrap_or(Value::NONE);
    as_context(v).ok_or_else(|| descr_error(vm, name, "Context", v))
}

fn this_token(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<(Obj, &'static TokenState)> {
    let v = a.first().copied().unwrap_or(Value::NONE);
    as_token(v).ok_or_else(|| descr_error(vm, name, "Token", v))
}

/// `<ContextVar name='x' default=... at 0x...>`.
fn var_repr_string(vm: &mut Vm, var: Obj) -> PyResult<String> {
    let name = vm.repr_string(var.get(V_NAME))?;
    let mut s = format!("<ContextVar name={name}");
    let d = var.get(V_DEFAULT);
    if !d.is_empty() {
        // `var` is rooted by the caller; its default slot never changes.
        let r = vm.repr_string(d)?;
        s.push_str(" default=");
        s.push_str(&r);
    }
    s.push_str(&format!(" at {:#x}>", object_id(var.value())));
    Ok(s)
}

fn token_repr_string(vm: &mut Vm, tok: Obj, st: &TokenState) -> PyResult<String> {
    let var = Obj::from_value(tok.get(T_VAR)).expect("token var");
    let vr = var_repr_string(vm, var)?;
    let used = if st.used.load(Ordering::Acquire) {
        " used"
    } else {
        ""
    };
    Ok(format!(
        "<Token{used} var={vr} at {:#x}>",
        object_id(tok.value())
    ))
}

// ------------------------------------------------------------- ContextVar

/// `ContextVar(name, *, default=<missing>)`.
fn var_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    let npos = a.len() - 1 - nkw;
    if npos > 1 || (npos == 0 && nkw == 0) {
        let what = if npos == 0 { "exactly" } else { "at most" };
        return Err(vm.type_error(&format!(
            "ContextVar() takes {what} 1 positional argument ({npos} given)"
        )));
    }
    let [name, default] =
        clinic::unpack(vm, "ContextVar", &a[1..], k, ["name", "default"], 0, 1, 1)?;
    let name = name.unwrap_or(Value::NONE);
    if !is_str(name) {
        return Err(vm.type_error("context variable name must be a str"));
    }
    let tok_cls = module_state(vm, STATE_TOKEN)?;
    let ctx_cls = module_state(vm, STATE_CONTEXT)?;
    let v = vm.ctx.alloc_native_with_values(K_MISC, cls, 4, VarMark);
    let o = Obj::from_value(v).expect("heap");
    o.init(V_NAME, name);
    o.init(V_DEFAULT, default.unwrap_or(Value::EMPTY));
    o.init(V_TOKEN_CLS, tok_cls);
    o.init(V_CTX_CLS, ctx_cls);
    Ok(v)
}

/// `get(default=<missing>, /)`: the value in the current context, else
/// `default`, else the variable's default, else LookupError.
fn var_get(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let var = this_var(vm, a, "get")?;
    clinic::method_positional(vm, "ContextVar.get", "get", a, k, 0, 1)?;
    if let Some(v) = current_value(vm, var) {
        return Ok(v);
    }
    if let Some(&d) = a.get(1) {
        return Ok(d);
    }
    let d = var.get(V_DEFAULT);
    if !d.is_empty() {
        return Ok(d);
    }
    let args = vm.new_tuple(&[var.value()]);
    Err(vm.new_exc_args(vm.g.e.LookupError, args))
}

/// The value of the ContextVar `var` in the thread's current context, if set there
/// (for native modules keeping state in a variable, as `_decimal` its context).
pub(crate) fn var_value(vm: &mut Vm, var: Value) -> Option<Value> {
    // The cache first: its key was a variable when it was stored.
    if let Some(co) = Obj::from_value(vm.current_context()).filter(|o| o.kind() == K_MISC) {
        if let Some(v) = vm.ctxvar_cached(var, co.get(0)) {
            return Some(v);
        }
    }
    current_value(vm, as_var(var)?)
}

/// `var`'s value in the thread's current context, through the thread's
/// one-entry cache of its last read (`Vm::ctxvar_cached`): `_decimal` reads
/// its context variable at every operation.
fn current_value(vm: &mut Vm, var: Obj) -> Option<Value> {
    let (co, _) = as_context(vm.current_context())?;
    let vars = co.get(0);
    if let Some(v) = vm.ctxvar_cached(var.value(), vars) {
        return Some(v);
    }
    let v = vars_of(vars)
        .map
        .get(key_hash(var.value()), var.value(), never_eq)?;
    vm.set_ctxvar_cached(var.value(), vars, v);
    Some(v)
}

/// Sets the ContextVar `var` to `value` in the thread's current context (no token).
pub(crate) fn var_set_value(vm: &mut Vm, var: Value, value: Value) {
    if let Some(var) = as_var(var) {
        set_in_current(vm, var, value);
    }
}

/// Sets `var` to `value` in the thread's current context; returns the
/// context and the previous value (EMPTY if it had none).
fn set_in_current(vm: &mut Vm, var: Obj, value: Value) -> (Value, Value) {
    let c = current_or_new(vm, var.get(V_CTX_CLS));
    let co = Obj::from_value(c).expect("context");
    let vars = vars_of(co.get(0));
    let h = key_hash(var.value());
    let old = vars.map.get(h, var.value(), never_eq);
    let len = vars.len + usize::from(old.is_none());
    let map = vars.map.insert(h, var.value(), value, never_eq);
    let m = new_vars(vm, map, len);
    vm.ctx.store(co, 0, m);
    (c, old.unwrap_or(Value::EMPTY))
}

/// `set(value, /)`: returns a `Token` for `reset`.
fn var_set(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let var = this_var(vm, a, "set")?;
    crate::args::check_method(vm, "ContextVar.set", a, k, 1, 1)?;
    let (c, old) = set_in_current(vm, var, a[1]);
    let t = vm.ctx.alloc_native_with_values(
        K_MISC,
        var.get(V_TOKEN_CLS),
        3,
        TokenState {
            used: AtomicBool::new(false),
        },
    );
    let o = Obj::from_value(t).expect("heap");
    o.init(T_CTX, c);
    o.init(T_VAR, var.value());
    o.init(T_OLD, old);
    Ok(t)
}

/// `reset(token, /)`: restores the value the variable had before the
/// `set` that made `token`, with CPython's checks in its order.
fn var_reset(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let var = this_var(vm, a, "reset")?;
    crate::args::check_method(vm, "ContextVar.reset", a, k, 1, 1)?;
    let Some((tok, st)) = as_token(a[1]) else {
        let r = vm.repr_string(a[1])?;
        return Err(vm.type_error(&format!("expected an instance of Token, got {r}")));
    };
    let err = |vm: &mut Vm, cls: Value, what: &str| -> PyException {
        match token_repr_string(vm, tok, st) {
            Ok(r) => vm.new_exc(cls, &format!("{r} {what}")),
            Err(e) => e,
        }
    };
    if st.used.load(Ordering::Acquire) {
        return Err(err(vm, vm.g.e.RuntimeError, "has already been used once"));
    }
    if tok.get(T_VAR) != var.value() {
        return Err(err(
            vm,
            vm.g.e.ValueError,
            "was created by a different ContextVar",
        ));
    }
    let c = current_or_new(vm, var.get(V_CTX_CLS));
    if c != tok.get(T_CTX) {
        return Err(err(
            vm,
            vm.g.e.ValueError,
            "was created in a different Context",
        ));
    }
    if st.used.swap(true, Ordering::AcqRel) {
        return Err(err(vm, vm.g.e.RuntimeError, "has already been used once"));
    }
    let old = tok.get(T_OLD);
    if !old.is_empty() {
        set_in_current(vm, var, old);
        return Ok(Value::NONE);
    }
    // Delete the variable from the current context.
    let co = Obj::from_value(c).expect("context");
    let vars = vars_of(co.get(0));
    let h = key_hash(var.value());
    if vars.map.get(h, var.value(), never_eq).is_none() {
        let args = vm.new_tuple(&[var.value()]);
        return Err(vm.new_exc_args(vm.g.e.LookupError, args));
    }
    let map = vars.map.remove(h, var.value(), never_eq);
    let m = new_vars(vm, map, vars.len - 1);
    vm.ctx.store(co, 0, m);
    Ok(Value::NONE)
}

fn var_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(this_var(vm, a, "name")?.get(V_NAME))
}

fn var_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let var = this_var(vm, a, "__repr__")?;
    let s = var_repr_string(vm, var)?;
    Ok(vm.new_str(&s))
}

// ------------------------------------------------------------------ Token

fn token_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.new_exc(
        vm.g.e.RuntimeError,
        "Tokens can only be created by ContextVars",
    ))
}

fn token_var(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(this_token(vm, a, "var")?.0.get(T_VAR))
}

fn token_old_value(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (tok, _) = this_token(vm, a, "old_value")?;
    let old = tok.get(T_OLD);
    if !old.is_empty() {
        return Ok(old);
    }
    let key = vm.intern("MISSING");
    let cls = tok.class();
    Ok(vm.lookup_type(cls, key).unwrap_or(Value::NONE))
}

fn token_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (tok, st) = this_token(vm, a, "__repr__")?;
    let s = token_repr_string(vm, tok, st)?;
    Ok(vm.new_str(&s))
}

fn missing_repr(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm.new_str("<Token.MISSING>"))
}

// ---------------------------------------------------------------- Context

/// `Context()`: a new, empty context.
fn ctx_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if a.len() > 1 || Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    let map = new_vars(vm, PHashMap::new(), 0);
    Ok(new_context(vm, a[0], map))
}

/// `copy_context()` (bound to the `Context` class): a new context with
/// the current context's variables.
fn copy_context(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_contextvars.copy_context", &a[1..], k, 0, 0)?;
    let c = current_or_new(vm, a[0]);
    let co = Obj::from_value(c).expect("context");
    Ok(new_context(vm, co.class(), co.get(0)))
}

/// `run(callable, /, *args, **kwargs)`.
fn ctx_run(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (co, st) = this_context(vm, a, "run")?;
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    if a.len() - nkw < 2 {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    }
    if st.entered.swap(true, Ordering::AcqRel) {
        let r = vm.repr_string(co.value())?;
        return Err(vm.new_exc(
            vm.g.e.RuntimeError,
            &format!("cannot enter context: {r} is already entered"),
        ));
    }
    let prev = vm.current_context();
    let mark = vm.push_root(prev);
    vm.set_current_context(co.value());
    let r = vm.call(a[1], &a[2..], k);
    vm.set_current_context(prev);
    vm.pop_roots(mark);
    st.entered.store(false, Ordering::Release);
    r
}

/// `copy()`: a new context with the same variables (shares the map).
fn ctx_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (co, _) = this_context(vm, a, "copy")?;
    crate::args::check_method(vm, "Context.copy", a, k, 0, 0)?;
    Ok(new_context(vm, co.class(), co.get(0)))
}

/// Checks that `key` is a `ContextVar`, as Context's mapping methods do.
fn check_key(vm: &mut Vm, key: Value) -> PyResult<()> {
    if as_var(key).is_some() {
        return Ok(());
    }
    let r = vm.repr_string(key)?;
    Err(vm.type_error(&format!("a ContextVar key was expected, got {r}")))
}

fn lookup(co: Obj, key: Value) -> Option<Value> {
    vars_of(co.get(0)).map.get(key_hash(key), key, never_eq)
}

fn ctx_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (co, _) = this_context(vm, a, "__getitem__")?;
    check_key(vm, a[1])?;
    match lookup(co, a[1]) {
        Some(v) => Ok(v),
        None => Err(vm.key_error(a[1])),
    }
}

/// `get(key, default=None, /)`.
fn ctx_get(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (co, _) = this_context(vm, a, "get")?;
    clinic::method_positional(vm, "Context.get", "get", a, k, 1, 2)?;
    check_key(vm, a[1])?;
    Ok(lookup(co, a[1]).unwrap_or_else(|| a.get(2).copied().unwrap_or(Value::NONE)))
}

fn ctx_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (co, _) = this_context(vm, a, "__contains__")?;
    check_key(vm, a[1])?;
    Ok(Value::bool(lookup(co, a[1]).is_some()))
}

fn ctx_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (co, _) = this_context(vm, a, "__len__")?;
    Ok(Value::int(vars_of(co.get(0)).len as i64))
}

/// The items of the vars map `map` as `kind` lists them.
fn view_items(vm: &mut Vm, map: Value, kind: ViewKind) -> Value {
    let vars = vars_of(map);
    let mut out = Vec::with_capacity(vars.len);
    for (key, v) in vars.map.iter() {
        out.push(match kind {
            ViewKind::Keys => key,
            ViewKind::Values => v,
            // Deferred collection: nothing collects before the list holds
            // these tuples (allocation is not a safepoint).
            ViewKind::Items => vm.new_tuple(&[key, v]),
        });
    }
    vm.new_list(&out)
}

fn ctx_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (co, _) = this_context(vm, a, "__iter__")?;
    let l = view_items(vm, co.get(0), ViewKind::Keys);
    vm.iter(l)
}

/// `__eq__`: the same variables with equal values.
fn ctx_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (co, _) = this_context(vm, a, "__eq__")?;
    let Some((other, _)) = as_context(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (ma, mb) = (co.get(0), other.get(0));
    if ma == mb {
        return Ok(Value::TRUE);
    }
    let (va, vb) = (vars_of(ma), vars_of(mb));
    if va.len != vb.len {
        return Ok(Value::FALSE);
    }
    // Both maps stay rooted while `__eq__` of the values runs Python code
    // (which may set variables and so replace the contexts' maps).
    let mark = vm.push_root(ma);
    vm.push_root(mb);
    let mut r = Ok(Value::TRUE);
    for (key, v) in va.map.iter() {
        let Some(w) = vb.map.get(key_hash(key), key, never_eq) else {
            r = Ok(Value::FALSE);
            break;
        };
        match vm.eq(v, w) {
            Ok(true) => {}
            Ok(false) => {
                r = Ok(Value::FALSE);
                break;
            }
            Err(e) => {
                r = Err(e);
                break;
            }
        }
    }
    vm.pop_roots(mark);
    r
}

fn ctx_ne(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let r = ctx_eq(vm, a, k)?;
    Ok(match r {
        Value::TRUE => Value::FALSE,
        Value::FALSE => Value::TRUE,
        other => other,
    })
}

/// `keys()`, `values()`, `items()`: a view of the context's variables as
/// they are now (later changes make a new map, which the view does not
/// see, as CPython's views of the immutable HAMT).
fn make_view(vm: &mut Vm, a: &[Value], name: &str, kind: ViewKind, slot: usize) -> PyResult<Value> {
    let (co, _) = this_context(vm, a, name)?;
    let cls = module_state(vm, slot)?;
    let v = vm.ctx.alloc_native_with_values(K_MISC, cls, 1, kind);
    Obj::from_value(v).expect("heap").init(0, co.get(0));
    Ok(v)
}

fn ctx_keys(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "Context.keys", a, k, 0, 0)?;
    make_view(vm, a, "keys", ViewKind::Keys, STATE_KEYS)
}

fn ctx_values(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "Context.values", a, k, 0, 0)?;
    make_view(vm, a, "values", ViewKind::Values, STATE_VALUES)
}

fn ctx_items(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "Context.items", a, k, 0, 0)?;
    make_view(vm, a, "items", ViewKind::Items, STATE_ITEMS)
}

fn this_view(vm: &mut Vm, a: &[Value]) -> PyResult<(Obj, ViewKind)> {
    let v = a.first().copied().unwrap_or(Value::NONE);
    match misc_payload::<ViewKind>(v) {
        Some((o, &k)) => Ok((o, k)),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("expected a context view, got '{tn}'")))
        }
    }
}

fn view_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, _) = this_view(vm, a)?;
    Ok(Value::int(vars_of(o.get(0)).len as i64))
}

fn view_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, kind) = this_view(vm, a)?;
    let l = view_items(vm, o.get(0), kind);
    vm.iter(l)
}

// ----------------------------------------------------------------- module

fn no_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = a.first().map_or_else(String::new, |&c| type_name(c));
    Err(vm.type_error(&format!("cannot create '{tn}' instances")))
}

// Module state slots (`_struct::new_module_with_state`).
const STATE_TOKEN: usize = 0;
const STATE_CONTEXT: usize = 1;
const STATE_KEYS: usize = 2;
const STATE_VALUES: usize = 3;
const STATE_ITEMS: usize = 4;
const N_STATE: usize = 5;

fn module_state(vm: &mut Vm, i: usize) -> PyResult<Value> {
    super::_struct::module_state(vm, "_contextvars", i)
}

fn add_generic(vm: &mut Vm, t: Value) {
    vm.add_static(
        t,
        "__class_getitem__",
        crate::types::genericalias::class_getitem,
        true,
    );
}

/// Creates the `_contextvars` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "_contextvars", N_STATE);
    let mark = vm.push_root(m);
    let modname = vm.intern("_contextvars");
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);

    // Context and its views.
    let ctx = vm.new_static_type("Context", vm.g.types.object, K_MISC, false);
    vm.add_attr(ctx, "__module__", modname);
    vm.add_static(ctx, "__new__", ctx_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("run", ctx_run),
        ("copy", ctx_copy),
        ("get", ctx_get),
        ("keys", ctx_keys),
        ("values", ctx_values),
        ("items", ctx_items),
        ("__getitem__", ctx_getitem),
        ("__contains__", ctx_contains),
        ("__len__", ctx_len),
        ("__iter__", ctx_iter),
        ("__eq__", ctx_eq),
        ("__ne__", ctx_ne),
    ];
    for &(n, f) in methods {
        vm.add_method(ctx, n, f);
    }
    vm.declare_arity(
        ctx,
        1,
        1,
        &["__getitem__", "__contains__", "__eq__", "__ne__"],
    );
    vm.declare_arity(ctx, 0, 0, &["__len__", "__iter__"]);
    vm.add_attr(ctx, "__hash__", Value::NONE);
    for (name, slot) in [
        ("keys", STATE_KEYS),
        ("values", STATE_VALUES),
        ("items", STATE_ITEMS),
    ] {
        let vt = vm.new_static_type(name, vm.g.types.object, K_MISC, false);
        vm.add_static(vt, "__new__", no_new, false);
        vm.add_method(vt, "__len__", view_len);
        vm.add_method(vt, "__iter__", view_iter);
        vm.declare_arity(vt, 0, 0, &["__len__", "__iter__"]);
        super::_struct::set_module_state(vm, m, slot, vt);
    }
    vm.set_module_attr(m, "Context", ctx);

    // Token and Token.MISSING.
    let tok = vm.new_static_type("Token", vm.g.types.object, K_MISC, false);
    vm.add_attr(tok, "__module__", modname);
    vm.add_static(tok, "__new__", token_new, false);
    vm.add_method(tok, "__repr__", token_repr);
    for (name, get) in [
        ("var", token_var as NativeFn),
        ("old_value", token_old_value),
    ] {
        let p = vm.new_native_getset(tok, name, get, None);
        vm.add_attr(tok, name, p);
    }
    add_generic(vm, tok);
    let mt = vm.new_static_type("Token.MISSING", vm.g.types.object, K_MISC, false);
    vm.add_static(mt, "__new__", no_new, false);
    vm.add_method(mt, "__repr__", missing_repr);
    let missing = vm.alloc_obj(K_MISC, mt, 0, 0).value();
    vm.ctx.promote(missing);
    vm.add_attr(tok, "MISSING", missing);
    vm.set_module_attr(m, "Token", tok);

    // ContextVar.
    let var = vm.new_static_type("ContextVar", vm.g.types.object, K_MISC, false);
    vm.add_attr(var, "__module__", modname);
    vm.add_static(var, "__new__", var_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("get", var_get),
        ("set", var_set),
        ("reset", var_reset),
        ("__repr__", var_repr),
    ];
    for &(n, f) in methods {
        vm.add_method(var, n, f);
    }
    let p = crate::types::descr::native_member(vm, var, "name", var_name);
    vm.add_attr(var, "name", p);
    add_generic(vm, var);
    super::_struct::set_module_state(vm, m, STATE_TOKEN, tok);
    super::_struct::set_module_state(vm, m, STATE_CONTEXT, ctx);
    vm.set_module_attr(m, "ContextVar", var);

    let cc = vm.new_builtin_bound("copy_context", copy_context, ctx);
    vm.ctx.promote(cc);
    vm.set_module_attr(m, "copy_context", cc);
    vm.pop_roots(mark);
    Ok(m)
}
