//! Weak references: `weakref.ReferenceType`, `ProxyType` and
//! `CallableProxyType`, and the table through which global collections
//! clear them.
//!
//! A weak reference keeps its referent's address in a raw word, which the
//! collector does not trace. Every reference is listed in [`TABLE`] under
//! its referent's address; a global collection's weak hook clears the
//! references whose referent died (before the sweep frees it) and queues
//! those with a callback, which the next thread at a safepoint calls
//! ([`run_callbacks`]). Referents and references are promoted when the
//! reference is made, so only a global collection (which runs the hook)
//! frees them: a local sweep never leaves a dangling address behind.
//!
//! Layout (a plain-instance layout, so Python subclasses such as
//! `weakref.KeyedRef` add `__slots__` and a `__dict__` as usual): value 0 the
//! dict (EMPTY for the exact types), value 1 the callback (None when none),
//! then the subclass's slots; raw word 0 the referent (None once dead), raw
//! word 1 the cached hash, raw word 2 whether the hash is cached.

use engine::bytecode::BinaryOperator;
use engine::runtime::*;
use proto_core::layouts::{get_raw, set_raw};
use proto_core::sync::Mutex;
use proto_core::{Obj, Value};
use smallvec::SmallVec;
use std::sync::OnceLock;

const WR_CALLBACK: usize = 1;
const R_REFERENT: usize = 0;
const R_HASH: usize = 1;
const R_HASHED: usize = 2;
const RAW_BYTES: usize = 24;

/// The weak table: references by referent address, and references whose
/// referent died and whose callback has not run yet (rooted by a root hook).
#[derive(Default)]
struct Table {
    /// Hashed by [`AddrHasher`]: std's SipHash was a sixth of the
    /// instructions of `weakref.ref(o, cb)`. Most referents have one
    /// reference, kept inline: a `Vec` cost a malloc per referent and its
    /// free in the weak hook (`weakref.ref(o, cb)` of 200,000 objects:
    /// `RawVec::grow_one` 12% of the profile, docs/PERFORMANCE.md).
    by_referent: AddrMap<u64, SmallVec<[Value; 1]>>,
    pending: Vec<Value>,
}

static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();

/// The three types, made once at start-up (types are global roots).
struct Types {
    reference: Value,
    proxy: Value,
    callable_proxy: Value,
}

static TYPES: OnceLock<Types> = OnceLock::new();

fn types() -> &'static Types {
    TYPES.get().expect("weakref types are made at start-up")
}

fn table() -> &'static Mutex<Table> {
    TABLE.get_or_init(|| Mutex::new(Table::default()))
}

/// `weakref.ReferenceType`.
pub fn reference_type() -> Value {
    types().reference
}

/// Whether `v` is a weak reference or proxy (of any of the three types or a subclass).
pub fn is_weak(vm: &Vm, v: Value) -> bool {
    let t = types();
    Obj::from_value(v).is_some_and(|o| {
        o.kind() == K_INSTANCE
            && (vm.is_subtype(o.class(), t.reference)
                || o.class() == t.proxy
                || o.class() == t.callable_proxy)
    })
}

/// The referent of the weak reference `o`, or None once it died.
fn referent(o: Obj) -> Value {
    Value::from_bits(get_raw(o, R_REFERENT))
}

/// Can `v` be weakly referenced? As CPython: instances of classes defined in
/// Python (unless `__slots__` left out `__weakref__`), functions, types, sets, code, generators, methods,
/// modules, generic aliases and weak references themselves; not ints, strs, tuples, lists,
/// dicts, None, bytes or plain `object()`.
fn weakrefable(vm: &Vm, v: Value) -> bool {
    let Some(o) = Obj::from_value(v) else {
        return false;
    };
    if proto_core::ProtoSpace::is_immortal(v) && o.kind() != K_TYPE && o.kind() != K_BUILTIN {
        return false;
    }
    let heap = is_heap_type(o.class());
    match o.kind() {
        K_FUNCTION
        | K_TYPE
        | K_CODE
        | K_GEN
        | K_METHOD
        | K_BUILTIN
        | K_MODULE
        | Kind::SET
        | K_PROPERTY
        | K_MEMORYVIEW
        | K_WRAPPER => true,
        K_EXC => heap,
        // A native container whose instances take weak references
        // (OrderedDict), or a Python subclass of any container.
        Kind::DICT | Kind::LIST => {
            heap || Obj::from_value(o.class()).is_some_and(|t| type_flags(t) & TF_INST_DICT != 0)
        }
        // A class defined in Python whose `__slots__` (and its bases')
        // left out `__weakref__` has no `__weakref__` descriptor: refused.
        K_INSTANCE => {
            o.class() != vm.g.types.object
                && (!heap
                    || vm.lookup_type(o.class(), vm.g.names.__weakref__).is_some()
                    || vm.lookup_type(o.class(), vm.g.names.__slots__).is_none())
        }
        // `_thread.lock`, `_thread.RLock` and `types.GenericAlias` keep a
        // weak list in CPython.
        _ => {
            heap || [vm.g.types.lock, vm.g.types.rlock, vm.g.types.generic_alias]
                .contains(&o.class())
        }
    }
}

/// Makes a weak reference or proxy of class `cls` to `obj`.
fn new_weak(vm: &mut Vm, cls: Value, obj: Value, callback: Value) -> PyResult<Value> {
    if !weakrefable(vm, obj) {
        let tn = vm.type_name_of(obj);
        return Err(vm.type_error(&format!("cannot create weak reference to '{tn}' object")));
    }
    let callback = if callback.is_empty() {
        Value::NONE
    } else {
        callback
    };
    let t = types();
    // `ref(obj)` without a callback shares the existing basic reference.
    if callback.is_none() && (cls == t.reference || cls == t.proxy || cls == t.callable_proxy) {
        let tab = proto_core::sync::lock(table());
        if let Some(refs) = tab.by_referent.get(&obj.bits()) {
            for &w in refs {
                let wo = Obj::from_value(w).expect("weak reference");
                if wo.class() == cls && wo.get(WR_CALLBACK).is_none() {
                    return Ok(w);
                }
            }
        }
    }
    let nslots = Obj::from_value(cls).map_or(0, type_nslots);
    let n = 1 + nslots.max(1);
    let mark = vm.push_root(obj);
    vm.push_root(callback);
    let o = vm.alloc_obj(K_INSTANCE, cls, n, RAW_BYTES);
    o.init(0, Value::EMPTY);
    o.init(WR_CALLBACK, callback);
    for i in 2..n {
        o.init(i, Value::EMPTY);
    }
    set_raw(o, R_REFERENT, obj.bits());
    set_raw(o, R_HASHED, 0);
    // Both become shared: only a global collection, which runs the weak
    // hook, may free them.
    vm.ctx.promote(obj);
    vm.ctx.promote(o.value());
    vm.pop_roots(mark);
    proto_core::sync::lock(table())
        .by_referent
        .entry(obj.bits())
        .or_default()
        .push(o.value());
    Ok(o.value())
}

/// The weak hook: drops dead references, clears those whose referent died
/// and queues their callbacks. Runs with the world stopped.
fn weak_hook(live: &dyn Fn(Value) -> bool) {
    let mut tab = proto_core::sync::lock(table());
    let mut queued = false;
    let mut pending = std::mem::take(&mut tab.pending);
    tab.by_referent.retain(|&addr, refs| {
        // A dead reference is cleared as it leaves the table: a finalizer
        // may still resurrect it (with whatever reaches it), and it must
        // not keep a referent address nobody clears later.
        refs.retain(|w| {
            let w = *w;
            if live(w) {
                return true;
            }
            let o = Obj::from_value(w).expect("weak reference");
            set_raw(o, R_REFERENT, Value::NONE.bits());
            false
        });
        if live(Value::from_bits(addr)) {
            return !refs.is_empty();
        }
        for &w in refs.iter() {
            let o = Obj::from_value(w).expect("weak reference");
            set_raw(o, R_REFERENT, Value::NONE.bits());
            if !o.get(WR_CALLBACK).is_none() {
                pending.push(w);
                queued = true;
            }
        }
        false
    });
    tab.pending = pending;
    if queued {
        engine::runtime::signals::request_deferred();
    }
}

/// The clearing hook, a finalize hook that resurrects nothing: run after
/// marking and before any finalizer resurrects what it reaches, it clears
/// the references to every referent found unreachable then (and queues the
/// callbacks of references that are themselves alive), so a referent that
/// a `__del__` or an async generator finalizer brings back is seen dead
/// through its weak references, as CPython's collector clears them before
/// it calls finalizers. Runs with the world stopped.
fn clear_hook(live: &dyn Fn(Value) -> bool, _sink: &mut dyn FnMut(Value)) {
    let mut tab = proto_core::sync::lock(table());
    let mut queued = false;
    let mut pending = std::mem::take(&mut tab.pending);
    tab.by_referent.retain(|&addr, refs| {
        if live(Value::from_bits(addr)) {
            return true;
        }
        for &w in refs.iter() {
            let o = Obj::from_value(w).expect("weak reference");
            set_raw(o, R_REFERENT, Value::NONE.bits());
            if live(w) && !o.get(WR_CALLBACK).is_none() {
                pending.push(w);
                queued = true;
            }
        }
        false
    });
    tab.pending = pending;
    if queued {
        engine::runtime::signals::request_deferred();
    }
}

/// The root hook: the references whose callbacks are still to run.
fn root_hook(sink: &mut dyn FnMut(Value)) {
    for &w in &proto_core::sync::lock(table()).pending {
        sink(w);
    }
}

/// Calls the queued callbacks, each with its reference; an exception is
/// reported as CPython's unraisable hook does and the others still run.
pub fn run_callbacks(vm: &mut Vm) {
    let pending = std::mem::take(&mut proto_core::sync::lock(table()).pending);
    if pending.is_empty() {
        return;
    }
    let mark = vm.push_root(Value::NONE);
    for &w in &pending {
        vm.push_root(w);
    }
    for &w in &pending {
        let cb = Obj::from_value(w).expect("weak reference").get(WR_CALLBACK);
        if let Err(e) = vm.call(cb, &[w], Value::EMPTY) {
            vm.push_root(e.0);
            crate::modules::gc::write_unraisable(vm, cb, e);
        }
    }
    vm.pop_roots(mark);
}

/// A plain weak reference to `obj` (`weakref.ref(obj)`, shared with the
/// other plain ones); TypeError when `obj` cannot be weakly referenced.
pub fn new_ref(vm: &mut Vm, obj: Value) -> PyResult<Value> {
    new_weak(vm, types().reference, obj, Value::NONE)
}

/// The referent of the weak reference `w`, None once it died.
pub fn referent_of(w: Value) -> Value {
    referent(Obj::from_value(w).expect("weak reference"))
}

/// The references to `obj` still alive (`getweakrefs`).
pub fn refs_to(obj: Value) -> Vec<Value> {
    let t = proto_core::sync::lock(table());
    let refs = t.by_referent.get(&obj.bits()).map_or(&[][..], |r| &r[..]);
    refs.iter()
        .copied()
        .filter(|&w| referent(Obj::from_value(w).expect("weak reference")) == obj)
        .collect()
}

fn this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    match a.first() {
        Some(&v) if is_weak(vm, v) => Ok(Obj::from_value(v).expect("weak reference")),
        _ => Err(super::descr::wrong_receiver(
            vm,
            a,
            what,
            "weakref.ReferenceType",
        )),
    }
}

/// CPython's `parse_weakref_init_args`: one or two positional arguments
/// after the receiver (`a` holds the keyword values last).
fn weakref_npos(vm: &mut Vm, a: &[Value], k: Value, funcname: &str) -> PyResult<usize> {
    let nkw = Obj::from_value(k).map_or(0, |o| o.n_values());
    let got = (a.len() - nkw).saturating_sub(1);
    if !(1..=2).contains(&got) {
        return Err(vm.type_error(&if got == 0 {
            format!("{funcname} expected at least 1 argument, got 0")
        } else {
            format!("{funcname} expected at most 2 arguments, got {got}")
        }));
    }
    Ok(got)
}

/// `ReferenceType.__new__(cls, obj, callback=None)`: keywords are left to
/// `__init__` (a subclass's may take some).
fn ref_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let got = weakref_npos(vm, a, k, "__new__")?;
    let cb = if got == 2 { a[2] } else { Value::NONE };
    new_weak(vm, a[0], a[1], cb)
}

/// `ReferenceType.__init__`: the arguments were taken by `__new__`; only
/// their shape is checked, as CPython's `weakref___init__` does.
fn ref_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("ref() takes no keyword arguments"));
    }
    weakref_npos(vm, a, k, "__init__")?;
    Ok(Value::NONE)
}

/// `r()`: the referent, or None once it died.
fn ref_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__call__")?;
    if a.len() > 1 || Obj::from_value(k).is_some_and(|x| x.n_values() > 0) {
        return Err(vm.type_error(&format!(
            "weakref() takes exactly 0 arguments ({} given)",
            a.len() - 1
        )));
    }
    Ok(referent(o))
}

fn ref_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__hash__")?;
    if get_raw(o, R_HASHED) != 0 {
        return Ok(vm.new_int(get_raw(o, R_HASH) as i64));
    }
    let r = referent(o);
    if r.is_none() {
        return Err(vm.type_error("weak object has gone away"));
    }
    let h = vm.hash(r)?;
    set_raw(o, R_HASH, h as u64);
    set_raw(o, R_HASHED, 1);
    Ok(vm.new_int(h))
}

/// `==`/`!=`: the referents compared while both live, else identity.
fn ref_cmp(vm: &mut Vm, a: &[Value], eq: bool) -> PyResult<Value> {
    let o = this(vm, a, if eq { "__eq__" } else { "__ne__" })?;
    let Some(&other) = a.get(1) else {
        return Err(vm.type_error("expected 1 argument"));
    };
    if !Obj::from_value(other).is_some_and(|x| vm.is_subtype(x.class(), types().reference)) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (x, y) = (referent(o), referent(Obj::from_value(other).expect("ref")));
    if x.is_none() || y.is_none() {
        let same = a[0] == other;
        return Ok(Value::bool(same == eq));
    }
    let r = vm.eq(x, y)?;
    Ok(Value::bool(r == eq))
}

fn ref_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    ref_cmp(vm, a, true)
}

fn ref_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    ref_cmp(vm, a, false)
}

/// The name shown for the referent in reprs: its type's, with `(name)`
/// when it has a `__name__`.
fn describe(vm: &mut Vm, r: Value) -> PyResult<String> {
    let tn = vm.type_name_of(r);
    let k = vm.intern("__name__");
    let name = match vm.getattr_opt(r, k) {
        Ok(Some(n)) if is_str(n) => Some(str_of(n).into_owned()),
        Ok(_) => None,
        Err(e) => return Err(e),
    };
    Ok(match name {
        Some(n) => format!("'{tn}' at {:#x} ({n})", object_id(r)),
        None => format!("'{tn}' at {:#x}", object_id(r)),
    })
}

fn ref_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__repr__")?;
    let r = referent(o);
    let s = if r.is_none() {
        format!("<weakref at {:#x}; dead>", object_id(a[0]))
    } else {
        let d = describe(vm, r)?;
        format!("<weakref at {:#x}; to {d}>", object_id(a[0]))
    };
    Ok(vm.new_str(&s))
}

fn callback_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__callback__")?;
    Ok(o.get(WR_CALLBACK))
}

/// The live referent of a proxy, or ReferenceError.
fn proxied(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let t = types();
    match Obj::from_value(v) {
        Some(o) if o.class() == t.proxy || o.class() == t.callable_proxy => {
            let r = referent(o);
            if r.is_none() {
                return Err(vm.new_exc(
                    vm.g.e.ReferenceError,
                    "weakly-referenced object no longer exists",
                ));
            }
            Ok(r)
        }
        _ => Ok(v),
    }
}

fn proxy_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__repr__")?;
    let r = referent(o);
    let s = if r.is_none() {
        format!("<weakproxy at {:#x}; dead>", object_id(a[0]))
    } else {
        let tn = vm.type_name_of(r);
        format!(
            "<weakproxy at {:#x}; to '{tn}' at {:#x}>",
            object_id(a[0]),
            object_id(r)
        )
    };
    Ok(vm.new_str(&s))
}

fn proxy_getattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = proxied(vm, a[0])?;
    vm.getattr(r, a[1])
}

fn proxy_setattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = proxied(vm, a[0])?;
    vm.setattr(r, a[1], a[2])?;
    Ok(Value::NONE)
}

fn proxy_delattr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = proxied(vm, a[0])?;
    vm.delattr(r, a[1])?;
    Ok(Value::NONE)
}

fn proxy_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let tn = a.first().map(|&v| vm.type_name_of(v)).unwrap_or_default();
    Err(vm.type_error(&format!("unhashable type: '{tn}'")))
}

fn proxy_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let r = proxied(vm, a[0])?;
    vm.call(r, &a[1..], k)
}

fn proxy_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = proxied(vm, a[0])?;
    Ok(Value::bool(vm.truthy(r)?))
}

/// Forwards `proxy.__name__(*args)` to the referent, with proxy arguments
/// unwrapped (CPython's proxy slots do the same).
fn forward(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    with_referent(vm, a[0], |vm, r| {
        let mut args = Vec::with_capacity(a.len() - 1);
        for &x in &a[1..] {
            args.push(proxied(vm, x)?);
        }
        // Unwrapped arguments are held only weakly by their proxies.
        let mark = vm.root_values(&args);
        let res = vm.call_method(r, name, &args);
        vm.pop_roots(mark);
        res
    })
}

macro_rules! forwarders {
    ($($f:ident => $name:literal),* $(,)?) => {
        $(fn $f(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            forward(vm, a, $name)
        })*
        const FORWARDED: &[(&str, NativeFn)] = &[$(($name, $f)),*];
    };
}

forwarders! {
    p_str => "__str__", p_len => "__len__", p_getitem => "__getitem__",
    p_setitem => "__setitem__", p_delitem => "__delitem__",
    p_eq => "__eq__", p_ne => "__ne__",
    p_lt => "__lt__", p_le => "__le__", p_gt => "__gt__", p_ge => "__ge__",
    p_abs => "__abs__", p_int => "__int__", p_float => "__float__", p_index => "__index__",
    p_bytes => "__bytes__", p_reversed => "__reversed__",
}

/// A binary operator on a proxy (CPython's WRAP_BINARY): the operator
/// applied to the operands with proxies unwrapped, so the referent's own
/// reflected and in-place methods and the usual fallbacks take part;
/// `reflected`, for `__radd__` and the like, swaps the operands back.
fn proxy_binary(vm: &mut Vm, a: &[Value], op: BinaryOperator, reflected: bool) -> PyResult<Value> {
    let (&s, &o) = match a {
        [s, o] => (s, o),
        _ => return Err(vm.type_error("expected 1 argument")),
    };
    let (x, y) = (proxied(vm, s)?, proxied(vm, o)?);
    let mark = vm.root_values(&[x, y]);
    let r = if reflected {
        vm.binary_op(op, y, x)
    } else {
        vm.binary_op(op, x, y)
    };
    vm.pop_roots(mark);
    r
}

macro_rules! proxy_binops {
    ($($op:ident $iop:ident: $f:ident $fname:literal, $r:ident $rname:literal, $i:ident $iname:literal;)*) => {
        $(
            fn $f(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
                proxy_binary(vm, &a[..a.len().min(2)], BinaryOperator::$op, false)
            }
            fn $r(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
                proxy_binary(vm, a, BinaryOperator::$op, true)
            }
            fn $i(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
                proxy_binary(vm, a, BinaryOperator::$iop, false)
            }
        )*
        const BINOPS: &[(&str, NativeFn)] = &[$(($fname, $f), ($rname, $r), ($iname, $i)),*];
    };
}

proxy_binops! {
    Add InplaceAdd: p_add "__add__", p_radd "__radd__", p_iadd "__iadd__";
    Subtract InplaceSubtract: p_sub "__sub__", p_rsub "__rsub__", p_isub "__isub__";
    Multiply InplaceMultiply: p_mul "__mul__", p_rmul "__rmul__", p_imul "__imul__";
    TrueDivide InplaceTrueDivide:
        p_truediv "__truediv__", p_rtruediv "__rtruediv__", p_itruediv "__itruediv__";
    FloorDivide InplaceFloorDivide:
        p_floordiv "__floordiv__", p_rfloordiv "__rfloordiv__", p_ifloordiv "__ifloordiv__";
    Remainder InplaceRemainder: p_mod "__mod__", p_rmod "__rmod__", p_imod "__imod__";
    Power InplacePower: p_pow2 "__pow__", p_rpow "__rpow__", p_ipow "__ipow__";
    Lshift InplaceLshift: p_lshift "__lshift__", p_rlshift "__rlshift__", p_ilshift "__ilshift__";
    Rshift InplaceRshift: p_rshift "__rshift__", p_rrshift "__rrshift__", p_irshift "__irshift__";
    And InplaceAnd: p_and "__and__", p_rand "__rand__", p_iand "__iand__";
    Or InplaceOr: p_or "__or__", p_ror "__ror__", p_ior "__ior__";
    Xor InplaceXor: p_xor "__xor__", p_rxor "__rxor__", p_ixor "__ixor__";
    MatrixMultiply InplaceMatrixMultiply:
        p_matmul "__matmul__", p_rmatmul "__rmatmul__", p_imatmul "__imatmul__";
}

/// `pow(proxy, y, z)`: three arguments go to the referent's `__pow__`.
fn p_pow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if a.len() > 2 && !a[2].is_none() {
        return forward(vm, a, "__pow__");
    }
    p_pow2(vm, a, k)
}

/// `f(vm, referent)` with the proxy `p`'s referent rooted (ReferenceError
/// when it is dead).
fn with_referent<T>(
    vm: &mut Vm,
    p: Value,
    f: impl FnOnce(&mut Vm, Value) -> PyResult<T>,
) -> PyResult<T> {
    let r = proxied(vm, p)?;
    let mark = vm.push_root(r);
    let res = f(vm, r);
    vm.pop_roots(mark);
    res
}

fn proxy_unary(vm: &mut Vm, a: &[Value], op: char) -> PyResult<Value> {
    with_referent(vm, a[0], |vm, r| vm.unary_op(op, r))
}

fn p_neg(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    proxy_unary(vm, a, '-')
}

fn p_pos(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    proxy_unary(vm, a, '+')
}

fn p_invert(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    proxy_unary(vm, a, '~')
}

/// `x in proxy`: the referent's containment test, iteration included
/// (CPython's proxy_contains).
fn p_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let found = with_referent(vm, a[0], |vm, r| vm.contains(r, a[1]))?;
    Ok(Value::bool(found))
}

fn p_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    with_referent(vm, a[0], |vm, r| vm.iter(r))
}

/// `next(proxy)`: only a referent that is an iterator (CPython's
/// proxy_iternext, bpo-44720).
fn p_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let item = with_referent(vm, a[0], |vm, r| {
        let name = vm.intern("__next__");
        if vm.lookup_type(vm.type_of(r), name).is_none() {
            let tn = vm.type_name_of(r);
            return Err(vm.type_error(&format!(
                "Weakref proxy referenced a non-iterator '{tn}' object"
            )));
        }
        vm.next(r)
    })?;
    vm.next_or_stop(item)
}

const OTHER_SLOTS: &[(&str, NativeFn)] = &[
    ("__pow__", p_pow),
    ("__neg__", p_neg),
    ("__pos__", p_pos),
    ("__invert__", p_invert),
    ("__contains__", p_contains),
    ("__iter__", p_iter),
    ("__next__", p_next),
];

/// Makes the three types and registers the collector's hooks (start-up).
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let obj = vm.g.types.object;
    let reference = vm.new_static_type("ReferenceType", obj, K_INSTANCE, true);
    let proxy = vm.new_static_type("ProxyType", obj, K_INSTANCE, false);
    let callable_proxy = vm.new_static_type("CallableProxyType", obj, K_INSTANCE, false);
    let modname = vm.new_str("weakref");
    vm.ctx.promote(modname);
    for t in [reference, proxy, callable_proxy] {
        vm.add_attr(t, "__module__", modname);
        let to = Obj::from_value(t).expect("type");
        // No dict; one hidden slot (the callback) before subclasses' slots.
        set_type_flags(
            to,
            (type_flags(to) & ((1u64 << TF_NSLOTS_SHIFT) - 1))
                | TF_NODICT
                | (1u64 << TF_NSLOTS_SHIFT),
        );
    }
    vm.add_static(reference, "__new__", ref_new, false);
    vm.add_method(reference, "__init__", ref_init);
    vm.add_method(reference, "__call__", ref_call);
    vm.add_method(reference, "__hash__", ref_hash);
    vm.add_method(reference, "__eq__", ref_eq);
    vm.add_method(reference, "__ne__", ref_ne);
    vm.add_method(reference, "__repr__", ref_repr);
    vm.add_static(
        reference,
        "__class_getitem__",
        super::genericalias::class_getitem,
        true,
    );
    let cbg = vm.new_native_getset(reference, "__callback__", callback_get, None);
    vm.add_attr(reference, "__callback__", cbg);
    for t in [proxy, callable_proxy] {
        vm.add_method(t, "__repr__", proxy_repr);
        // Every attribute is the referent's, `__class__` and `__dict__`
        // included (CPython's proxy_getattr is its tp_getattro), so
        // `isinstance(proxy, A)` holds; special methods are the proxy
        // type's own, looked up on the type.
        vm.add_method(t, "__getattribute__", proxy_getattr);
        vm.add_method(t, "__setattr__", proxy_setattr);
        vm.add_method(t, "__delattr__", proxy_delattr);
        vm.add_method(t, "__hash__", proxy_hash);
        vm.add_method(t, "__bool__", proxy_bool);
        for &(n, f) in FORWARDED.iter().chain(BINOPS).chain(OTHER_SLOTS) {
            vm.add_method(t, n, f);
        }
        let to = Obj::from_value(t).expect("type");
        set_type_flags(to, type_flags(to) | TF_GETATTRIBUTE | TF_SETATTR);
    }
    vm.add_method(callable_proxy, "__call__", proxy_call);
    let _ = TYPES.set(Types {
        reference,
        proxy,
        callable_proxy,
    });
    let sp = vm.ctx.space();
    sp.add_weak_hook(Box::new(weak_hook));
    sp.add_finalize_hook(Box::new(clear_hook));
    sp.add_root_hook(Box::new(root_hook));
    engine::runtime::signals::set_deferred_runner(crate::modules::gc::run_deferred_work);
    engine::runtime::signals::set_deferral_guard(crate::modules::_thread::holds_with_lock);
    Ok(())
}

/// `weakref.proxy(obj, callback=None)`.
pub fn new_proxy(vm: &mut Vm, obj: Value, callback: Value) -> PyResult<Value> {
    let t = types();
    let cls = if vm.is_callable(obj) {
        t.callable_proxy
    } else {
        t.proxy
    };
    new_weak(vm, cls, obj, callback)
}

/// The proxy types (for the `_weakref` module).
pub fn proxy_types() -> (Value, Value) {
    let t = types();
    (t.proxy, t.callable_proxy)
}
