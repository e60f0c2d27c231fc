//! The `_functools` module: the native half of `functools` (CPython 3.11's
//! `Modules/_functoolsmodule.c`): `reduce`, the `partial` type,
//! `cmp_to_key` (its `functools.KeyWrapper` objects) and
//! `_lru_cache_wrapper`. CPython's own `functools.py` imports them.
//!
//! Layouts.
//! - `partial` is subclassable and has a `__dict__`: `K_INSTANCE`, values
//!   `[__dict__, subclass __slots__..., func, args, keywords]` (the last
//!   three at the end, so a subclass's slots keep their usual indices).
//!   They are written by `__new__` and `__setstate__` only; `__setstate__`
//!   stores the three one by one, so a call racing with it on another thread
//!   may see the old func with the new args (each value itself is whole).
//! - `KeyWrapper`: `K_MISC` `[cmp, obj]`.
//! - `_lru_cache_wrapper`: `K_INSTANCE` (it has a `__dict__` for
//!   `update_wrapper`), values `[__dict__, func, cache, maxsize, typed,
//!   info_type]`, and a native payload with the hit and miss counters. The cache is a dict used in
//!   insertion order as the LRU order (a hit moves its entry to the end in
//!   the lookup's own atomic step, `Vm::dict_move_to_end`; evictions
//!   remove the first keys, under the dict's lock in one step, until the
//!   bound holds). Each dict operation is atomic under the dict's
//!   own lock (the concurrency contract), so threads sharing a cache never
//!   corrupt it: at worst two threads both miss and both store the same key.
//!   The counters are atomics.

use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{AtomicU64, Ordering};
use proto_core::{Obj, Value};

fn nkw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

// ------------------------------------------------------------------ reduce

/// `reduce(function, iterable[, initial])`.
fn reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if nkw(k) > 0 {
        return Err(vm.type_error("reduce() takes no keyword arguments"));
    }
    if a.len() < 2 {
        return Err(vm.type_error(&format!(
            "reduce expected at least 2 arguments, got {}",
            a.len()
        )));
    }
    if a.len() > 3 {
        return Err(vm.type_error(&format!(
            "reduce expected at most 3 arguments, got {}",
            a.len()
        )));
    }
    let (func, seq) = (a[0], a[1]);
    let it = match vm.iter(seq) {
        Ok(it) => it,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
            return Err(vm.type_error("reduce() arg 2 must support iteration"))
        }
        Err(e) => return Err(e),
    };
    let mark = vm.push_root(it);
    let r = (|| {
        let mut acc = a.get(2).copied();
        // One root slot, overwritten with the running value.
        let slot = vm.push_root(Value::NONE);
        while let Some(item) = vm.next(it)? {
            acc = Some(match acc {
                None => item,
                Some(v) => {
                    vm.push_root(item);
                    let r = vm.call(func, &[v, item], Value::EMPTY);
                    vm.pop_roots(slot + 1);
                    r?
                }
            });
            vm.pop_roots(slot);
            vm.push_root(acc.unwrap_or(Value::NONE));
        }
        acc.ok_or_else(|| vm.type_error("reduce() of empty iterable with no initial value"))
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ partial

/// Is `t` the native `partial` type (static, `K_INSTANCE`, named so)?
fn is_partial_type(t: Value) -> bool {
    Obj::from_value(t).is_some_and(|o| {
        o.kind() == K_TYPE
            && type_flags(o) & TF_HEAP == 0
            && type_layout(o) == K_INSTANCE
            && str_bytes(o.get(T_NAME)) == b"partial"
    })
}

/// The native `partial` class in `cls`'s MRO.
fn partial_base(cls: Value) -> Option<Value> {
    if is_partial_type(cls) {
        return Some(cls);
    }
    let mro = type_mro(Obj::from_value(cls)?);
    (0..mro.n_values())
        .map(|i| mro.get(i))
        .find(|&t| is_partial_type(t))
}

/// `v` as a partial object (its type derives from `partial`).
fn as_partial(v: Value) -> Option<Obj> {
    let o = Obj::from_value(v)?;
    if o.kind() != K_INSTANCE || o.n_values() < 4 {
        return None;
    }
    partial_base(o.class()).map(|_| o)
}

fn partial_of(vm: &mut Vm, v: Value, what: &str) -> PyResult<Obj> {
    match as_partial(v) {
        Some(o) => Ok(o),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'functools.partial' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// (func, args, keywords) of a partial object.
#[inline]
fn parts(o: Obj) -> (Value, Value, Value) {
    let n = o.n_values();
    (o.get(n - 3), o.get(n - 2), o.get(n - 1))
}

fn is_empty_dict(v: Value) -> bool {
    Obj::from_value(v)
        .is_none_or(|o| o.kind() == Kind::DICT && proto_core::layouts::dict::len(o) == 0)
}

/// `partial(func, /, *args, **keywords)`.
fn partial_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nk = nkw(k);
    let cls = a[0];
    let npos = a.len() - 1 - nk;
    if npos < 1 {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    }
    let mut func = a[1];
    if !vm.is_callable(func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let mut pargs: Vec<Value> = Vec::new();
        let kw = vm.new_dict();
        vm.push_root(kw);
        // A partial of a plain partial (no instance attributes) is flattened.
        if let Some(po) = as_partial(func) {
            let calls_native = vm
                .lookup_type(po.class(), vm.g.names.__call__)
                .is_some_and(|c| {
                    Obj::from_value(c)
                        .and_then(builtin_data)
                        .is_some_and(|b| b.f as usize == partial_call as NativeFn as usize)
                });
            let d = vm.instance_dict(po);
            if calls_native && d.is_none_or(is_empty_dict) {
                let (f, pa, pk) = parts(po);
                pargs = vm.seq_items(pa);
                for (kk, vv) in vm.dict_items(pk) {
                    vm.dict_set(kw, kk, vv)?;
                }
                func = f;
            }
        }
        pargs.extend_from_slice(&a[2..a.len() - nk]);
        let args = vm.new_tuple(&pargs);
        vm.push_root(args);
        if let Some(ko) = Obj::from_value(k) {
            let vals = &a[a.len() - nk..];
            for (i, &v) in vals.iter().enumerate() {
                vm.dict_set(kw, ko.get(i), v)?;
            }
        }
        let co = Obj::from_value(cls).expect("type");
        let n = 1 + type_nslots(co) + 3;
        let o = vm.alloc_obj(K_INSTANCE, cls, n, 0);
        for i in 0..n - 3 {
            o.init(i, Value::EMPTY);
        }
        o.init(n - 3, func);
        o.init(n - 2, args);
        o.init(n - 1, kw);
        Ok(o.value())
    })();
    vm.pop_roots(mark);
    r
}

/// `partial.__call__(*args, **kw)`: func(*self.args, *args,
/// **{**self.keywords, **kw}).
fn partial_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = partial_of(vm, a[0], "__call__")?;
    let (func, pargs, pkw) = parts(o);
    let pa = Obj::from_value(pargs).expect("tuple");
    let np = pa.n_values();
    let nk = nkw(k);
    let call_args = &a[1..];
    if is_empty_dict(pkw) {
        if np == 0 {
            return vm.call(func, call_args, k);
        }
        let mut buf: Vec<Value> = Vec::with_capacity(np + call_args.len());
        buf.extend((0..np).map(|i| pa.get(i)));
        buf.extend_from_slice(call_args);
        return vm.call(func, &buf, k);
    }
    // Merge the keywords: the call's override the stored ones.
    let stored = vm.dict_items(pkw);
    let npos = call_args.len() - nk;
    let mut buf: Vec<Value> = Vec::with_capacity(np + call_args.len() + stored.len());
    buf.extend((0..np).map(|i| pa.get(i)));
    buf.extend_from_slice(&call_args[..npos]);
    let mut names: Vec<Value> = Vec::with_capacity(stored.len() + nk);
    let call_names: Vec<Value> = match Obj::from_value(k) {
        Some(ko) => (0..nk).map(|i| ko.get(i)).collect(),
        None => Vec::new(),
    };
    for (kk, vv) in &stored {
        // A key put into `keywords` by hand: the call's dict would not
        // pass as keyword arguments (CPython's message).
        if !is_str(*kk) {
            return Err(vm.type_error("keywords must be strings"));
        }
        let overridden = call_names
            .iter()
            .any(|&c| c == *kk || (is_str(c) && is_str(*kk) && str_bytes(c) == str_bytes(*kk)));
        if !overridden {
            names.push(*kk);
            buf.push(*vv);
        }
    }
    names.extend_from_slice(&call_names);
    buf.extend_from_slice(&call_args[npos..]);
    let mark = vm.push_root(Value::NONE);
    for &v in &buf {
        vm.push_root(v);
    }
    let kn = vm.new_tuple(&names);
    vm.push_root(kn);
    let r = vm.call(func, &buf, kn);
    vm.pop_roots(mark);
    r
}

fn partial_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = partial_of(vm, a[0], "__repr__")?;
    let cls = o.class();
    let name = if is_partial_type(cls) {
        "functools.partial".to_string()
    } else {
        type_name(cls)
    };
    if vm.repr_enter(a[0]) {
        return Ok(vm.new_str("..."));
    }
    let r = (|| {
        let (func, pargs, pkw) = parts(o);
        let mut out = vec![str_of(vm.repr(func)?).into_owned()];
        for v in vm.seq_items(pargs) {
            out.push(str_of(vm.repr(v)?).into_owned());
        }
        for (kk, vv) in vm.dict_items(pkw) {
            let ks = vm.str(kk)?;
            let ks = str_of(ks).into_owned();
            let vs = vm.repr(vv)?;
            out.push(format!("{ks}={}", str_of(vs)));
        }
        Ok(vm.new_str(&format!("{name}({})", out.join(", "))))
    })();
    vm.repr_leave();
    r
}

/// `(type(self), (func,), (func, args, keywords or None, __dict__ or None))`.
fn partial_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = partial_of(vm, a[0], "__reduce__")?;
    let (func, pargs, pkw) = parts(o);
    let kw = if is_empty_dict(pkw) { Value::NONE } else { pkw };
    let d = match vm.instance_dict(o) {
        Some(d) if !is_empty_dict(d) => d,
        _ => Value::NONE,
    };
    let mark = vm.push_root(Value::NONE);
    let t1 = vm.new_tuple(&[func]);
    vm.push_root(t1);
    let st = vm.new_tuple(&[func, pargs, kw, d]);
    vm.push_root(st);
    let r = vm.new_tuple(&[o.class(), t1, st]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `del p.__dict__`: refused, as CPython's `PyObject_GenericSetDict`.
fn partial_dict_del(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot delete __dict__"))
}

/// `__setstate__((func, args, kwds, dict))`.
fn partial_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = partial_of(vm, a[0], "__setstate__")?;
    crate::types::clinic::method_positional(
        vm,
        "partial.__setstate__",
        "__setstate__",
        a,
        k,
        1,
        1,
    )?;
    let state = a[1];
    let Some(so) = Obj::from_value(state).filter(|s| s.kind() == Kind::TUPLE && s.n_values() == 4)
    else {
        return Err(vm.type_error("invalid partial state"));
    };
    let (func, fargs, kw, dict) = (so.get(0), so.get(1), so.get(2), so.get(3));
    let args_ok = vm.isinstance(fargs, vm.g.types.tuple);
    let kw_ok = kw.is_none() || vm.isinstance(kw, vm.g.types.dict);
    let dict_ok = dict.is_none() || vm.isinstance(dict, vm.g.types.dict);
    if !vm.is_callable(func) || !args_ok || !kw_ok || !dict_ok {
        return Err(vm.type_error("invalid partial state"));
    }
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let args = if Obj::from_value(fargs).is_some_and(|x| x.class() == vm.g.types.tuple) {
            fargs
        } else {
            let items = vm.seq_items(fargs);
            vm.new_tuple(&items)
        };
        vm.push_root(args);
        // An exact dict is kept as it is (CPython's `partial_setstate`: a
        // copy keeps the keywords of its original), a subclass's copied.
        let kwd = if Obj::from_value(kw).is_some_and(|x| x.class() == vm.g.types.dict) {
            kw
        } else {
            let d = vm.new_dict();
            vm.push_root(d);
            if !kw.is_none() {
                for (kk, vv) in vm.dict_items(kw) {
                    vm.dict_set(d, kk, vv)?;
                }
            }
            d
        };
        // The state's dict becomes the instance dict itself (CPython keeps
        // the object it is given); None leaves no instance attributes.
        if dict.is_none() {
            vm.store(o, 0, Value::EMPTY);
        } else if vm.isinstance(dict, vm.g.types.dict) {
            vm.store(o, 0, dict);
        } else {
            return Err(vm.type_error("invalid partial state"));
        }
        let n = o.n_values();
        vm.store(o, n - 3, func);
        vm.store(o, n - 2, args);
        vm.store(o, n - 1, kwd);
        Ok(Value::NONE)
    })();
    vm.pop_roots(mark);
    r
}

fn partial_func(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(parts(partial_of(vm, a[0], "func")?).0)
}

fn partial_args(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(parts(partial_of(vm, a[0], "args")?).1)
}

fn partial_keywords(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(parts(partial_of(vm, a[0], "keywords")?).2)
}

// ------------------------------------------------------------------ cmp_to_key

fn is_key_wrapper(v: Value) -> Option<Obj> {
    let o = Obj::from_value(v)?;
    let ok = o.kind() == K_MISC
        && o.n_values() == 2
        && Obj::from_value(o.class()).is_some_and(|t| {
            type_flags(t) & TF_HEAP == 0 && str_bytes(t.get(T_NAME)) == b"KeyWrapper"
        });
    ok.then_some(o)
}

/// `cmp_to_key(mycmp)`: a `KeyWrapper` holding `mycmp` and no object.
fn cmp_to_key(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [cmp] = crate::types::clinic::unpack(vm, "cmp_to_key", a, k, ["mycmp"], 0, 1, 1)?;
    let cmp = cmp.expect("required");
    let t = key_wrapper_type(vm)?;
    let o = vm.alloc_obj(K_MISC, t, 2, 0);
    o.init(0, cmp);
    o.init(1, Value::EMPTY);
    Ok(o.value())
}

/// The `KeyWrapper` type (kept on the module as `KeyWrapper`, as CPython
/// keeps it in the module state).
fn key_wrapper_type(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.import_module("_functools")?;
    let n = vm.intern("KeyWrapper");
    vm.getattr(m, n)
}

fn kw_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let Some(o) = is_key_wrapper(a[0]) else {
        return Err(vm.type_error("KeyWrapper expected"));
    };
    let [obj] = crate::types::clinic::unpack(vm, "K", &a[1..], k, ["obj"], 0, 1, 1)?;
    let n = vm.alloc_obj(K_MISC, o.class(), 2, 0);
    n.init(0, o.get(0));
    n.init(1, obj.expect("required"));
    Ok(n.value())
}

fn kw_compare(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let Some(x) = is_key_wrapper(a[0]) else {
        return Err(vm.type_error("KeyWrapper expected"));
    };
    if a.len() != 2 {
        return Err(vm.type_error("expected 1 argument"));
    }
    let Some(y) = is_key_wrapper(a[1]) else {
        return Err(vm.type_error("other argument must be K instance"));
    };
    let (xo, yo) = (x.get(1), y.get(1));
    if xo.is_empty() || yo.is_empty() {
        return Err(vm.new_exc(vm.g.e.AttributeError, "object"));
    }
    let r = vm.call(x.get(0), &[xo, yo], Value::EMPTY)?;
    let mark = vm.push_root(r);
    let out = vm.compare(r, Value::int(0), op);
    vm.pop_roots(mark);
    out
}

macro_rules! kw_cmp {
    ($($f:ident, $op:literal;)*) => {
        $(
            fn $f(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
                kw_compare(vm, a, $op)
            }
        )*
    };
}

kw_cmp! {
    kw_lt, 0;
    kw_le, 1;
    kw_eq, 2;
    kw_ne, 3;
    kw_gt, 4;
    kw_ge, 5;
}

/// `KeyWrapper` objects are made only by `cmp_to_key`.
fn kw_new(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'functools.KeyWrapper' instances"))
}

fn kw_obj_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(o) = is_key_wrapper(a[0]) else {
        return Err(vm.type_error("KeyWrapper expected"));
    };
    let v = o.get(1);
    if v.is_empty() {
        return Err(vm.new_exc(vm.g.e.AttributeError, "obj"));
    }
    Ok(v)
}

fn kw_obj_set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(o) = is_key_wrapper(a[0]) else {
        return Err(vm.type_error("KeyWrapper expected"));
    };
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    vm.store(o, 1, v);
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ lru cache

const LRU_FUNC: usize = 1;
const LRU_CACHE: usize = 2;
const LRU_MAXSIZE: usize = 3;
const LRU_TYPED: usize = 4;
const LRU_INFO: usize = 5;
const LRU_N: usize = 6;

fn lru_of(vm: &mut Vm, v: Value, what: &str) -> PyResult<Obj> {
    match Obj::from_value(v) {
        // Only `lru_new` makes objects with this payload.
        Some(o)
            if o.kind() == K_INSTANCE
                && o.n_values() == LRU_N
                && native_ref::<LruCounters>(o).is_some() =>
        {
            Ok(o)
        }
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'functools._lru_cache_wrapper' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The native payload of a wrapper: its hit and miss counters.
struct LruCounters {
    c: [AtomicU64; 2],
}

impl Trace for LruCounters {}

/// The hit (0) and miss (1) counters of a wrapper.
fn counter(o: Obj, i: usize) -> &'static AtomicU64 {
    &native_ref::<LruCounters>(o).expect("checked by lru_of").c[i]
}

/// `_lru_cache_wrapper(user_function, maxsize, typed, cache_info_type)`.
fn lru_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let [func, maxsize, typed, info] = crate::types::clinic::unpack(
        vm,
        "_lru_cache_wrapper",
        &a[1..],
        k,
        ["user_function", "maxsize", "typed", "cache_info_type"],
        0,
        4,
        4,
    )?;
    let (func, maxsize, typed, info) = (
        func.expect("required"),
        maxsize.expect("required"),
        typed.expect("required"),
        info.expect("required"),
    );
    if !vm.is_callable(func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let typed = Value::bool(vm.truthy(typed)?);
    let maxsize = if maxsize.is_none() {
        Value::NONE
    } else if vm.isinstance(maxsize, vm.g.types.int) {
        match vm.as_i64(maxsize) {
            Some(n) if n < 0 => Value::int(0),
            Some(_) => maxsize,
            None => {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
        }
    } else {
        return Err(vm.type_error("maxsize should be integer or None"));
    };
    let cache = vm.new_dict();
    let mark = vm.push_root(cache);
    let counters = LruCounters {
        c: [AtomicU64::new(0), AtomicU64::new(0)],
    };
    let ov = vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, LRU_N, counters);
    let o = Obj::from_value(ov).expect("heap");
    vm.pop_roots(mark);
    o.init(0, Value::EMPTY);
    o.init(LRU_FUNC, func);
    o.init(LRU_CACHE, cache);
    o.init(LRU_MAXSIZE, maxsize);
    o.init(LRU_TYPED, typed);
    o.init(LRU_INFO, info);
    Ok(o.value())
}

/// The kwd_mark separating positional from keyword parts of a key.
fn kwd_mark(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.import_module("_functools")?;
    let n = vm.intern("_kwd_mark");
    vm.getattr(m, n)
}

/// CPython's `lru_cache_make_key`: a lone int/str argument is its own key;
/// otherwise a tuple of the arguments, the mark and keyword items, and the
/// types when `typed`.
fn make_key(vm: &mut Vm, args: &[Value], k: Value, typed: bool) -> PyResult<Value> {
    let nk = nkw(k);
    if nk == 0 && !typed && args.len() == 1 {
        let v = args[0];
        if v.is_int() {
            return Ok(v);
        }
        if let Some(o) = Obj::from_value(v) {
            if (o.kind() == Kind::STR && o.class() == vm.g.types.str_)
                || o.class() == vm.g.types.int
            {
                return Ok(v);
            }
        }
    }
    let npos = args.len() - nk;
    let mut items: Vec<Value> = args[..npos].to_vec();
    if nk > 0 {
        items.push(kwd_mark(vm)?);
        let ko = Obj::from_value(k).expect("kwnames");
        for i in 0..nk {
            items.push(ko.get(i));
            items.push(args[npos + i]);
        }
    }
    if typed {
        for &v in &args[..npos] {
            items.push(vm.type_of(v));
        }
        for &v in &args[npos..] {
            items.push(vm.type_of(v));
        }
    }
    Ok(vm.new_tuple(&items))
}

fn lru_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = lru_of(vm, a[0], "__call__")?;
    let func = o.get(LRU_FUNC);
    let maxsize = o.get(LRU_MAXSIZE);
    if maxsize == Value::int(0) {
        counter(o, 1).fetch_add(1, Ordering::Relaxed);
        return vm.call(func, &a[1..], k);
    }
    let cache = o.get(LRU_CACHE);
    let typed = o.get(LRU_TYPED) == Value::TRUE;
    let key = make_key(vm, &a[1..], k, typed)?;
    let mark = vm.push_root(key);
    let r = (|| {
        // A hit of a bounded cache is moved to the end of the order (most
        // recently used) in the lookup's own atomic step.
        let hit = if maxsize.is_none() {
            vm.dict_get(cache, key)?
        } else {
            vm.dict_move_to_end(cache, key)?
        };
        if let Some(v) = hit {
            counter(o, 0).fetch_add(1, Ordering::Relaxed);
            return Ok(v);
        }
        counter(o, 1).fetch_add(1, Ordering::Relaxed);
        let r = vm.call(func, &a[1..], k)?;
        vm.push_root(r);
        vm.dict_set(cache, key, r)?;
        if let Some(max) = vm.as_i64(maxsize) {
            trim_to(vm, cache, max);
        }
        Ok(r)
    })();
    vm.pop_roots(mark);
    r
}

/// Removes the least recently used entries (the first ones) of a bounded
/// cache until at most `max` remain, in one step under the dict's lock: a
/// check of the length and a removal made apart let two threads both evict
/// for one surplus entry, or evict a key that a hit had meanwhile moved to
/// the end, and the cache shrank below its bound.
fn trim_to(vm: &mut Vm, cache: Value, max: i64) {
    use proto_core::layouts::dict as ldict;
    let co = Obj::from_value(cache).expect("dict");
    vm.with_lock(co, |ctx| {
        let mut e = 0;
        while ldict::len(co) as i64 > max {
            let t = ldict::table(co);
            let end = ldict::used(t).min(ldict::cap(t));
            while e < end && ldict::live_entry(t, e).is_none() {
                e += 1;
            }
            if e == end {
                break;
            }
            ldict::delete(ctx, co, t, e);
        }
    });
}

/// METH_NOARGS's checks for a wrapper method, with CPython's messages.
fn no_args(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<()> {
    if nkw(k) > 0 {
        return Err(vm.type_error(&format!(
            "_lru_cache_wrapper.{name}() takes no keyword arguments"
        )));
    }
    if a.len() > 1 {
        return Err(vm.type_error(&format!(
            "_lru_cache_wrapper.{name}() takes no arguments ({} given)",
            a.len() - 1
        )));
    }
    Ok(())
}

fn lru_cache_info(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = lru_of(vm, a[0], "cache_info")?;
    no_args(vm, "cache_info", a, k)?;
    let hits = counter(o, 0).load(Ordering::Relaxed) as i64;
    let misses = counter(o, 1).load(Ordering::Relaxed) as i64;
    let co = Obj::from_value(o.get(LRU_CACHE)).expect("dict");
    let size = proto_core::layouts::dict::len(co) as i64;
    let h = vm.new_int(hits);
    let m = vm.new_int(misses);
    let s = vm.new_int(size);
    let maxsize = o.get(LRU_MAXSIZE);
    vm.call(o.get(LRU_INFO), &[h, m, maxsize, s], Value::EMPTY)
}

fn lru_cache_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = lru_of(vm, a[0], "cache_clear")?;
    no_args(vm, "cache_clear", a, k)?;
    vm.call_method(o.get(LRU_CACHE), "clear", &[])?;
    counter(o, 0).store(0, Ordering::Relaxed);
    counter(o, 1).store(0, Ordering::Relaxed);
    Ok(Value::NONE)
}

/// `__get__(obj, type=None)`: a bound method for an instance.
fn lru_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    lru_of(vm, a[0], "__get__")?;
    match a.get(1) {
        Some(&obj) if !obj.is_none() => {
            let mt = vm.g.types.method;
            vm.call(mt, &[a[0], obj], Value::EMPTY)
        }
        _ => Ok(a[0]),
    }
}

/// `__reduce__`: pickled by qualified name, as a function is.
fn lru_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    lru_of(vm, a[0], "__reduce__")?;
    let n = vm.intern("__qualname__");
    vm.getattr(a[0], n)
}

fn lru_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    lru_of(vm, a[0], "__copy__")?;
    Ok(a[0])
}

// ------------------------------------------------------------------ module

/// Creates the `_functools` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_functools");
    let mark = vm.push_root(m);
    let doc = vm.new_str("Tools that operate on functions.");
    vm.set_module_attr(m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[("reduce", reduce), ("cmp_to_key", cmp_to_key)];
    vm.add_module_functions(m, fns);
    let modname = vm.intern("functools");

    // partial
    let t = vm.new_static_type("partial", vm.g.types.object, K_INSTANCE, true);
    vm.add_attr(t, "__module__", modname);
    let d = vm.new_str("partial(func, *args, **keywords) - new function with partial application\n    of the given arguments and keywords.\n");
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
    vm.add_static(t, "__new__", partial_new, false);
    for &(n, f) in &[
        ("__call__", partial_call as NativeFn),
        ("__repr__", partial_repr),
        ("__reduce__", partial_reduce),
        ("__setstate__", partial_setstate),
    ] {
        vm.add_method(t, n, f);
    }
    for &(n, f) in &[
        ("func", partial_func as NativeFn),
        ("args", partial_args),
        ("keywords", partial_keywords),
    ] {
        let mem = crate::types::descr::native_member(vm, t, n, f);
        vm.add_attr(t, n, mem);
    }
    vm.add_static(
        t,
        "__class_getitem__",
        crate::types::genericalias::class_getitem,
        true,
    );
    // `__dict__` as CPython's `partial_getsetlist` (read, replaced by
    // assignment, deletion refused).
    vm.add_dict_descriptor(t);
    if let Some(dd) = vm
        .lookup_type(t, vm.g.names.__dict__)
        .and_then(Obj::from_value)
    {
        let refuse = vm.new_builtin("__dict__", partial_dict_del, false);
        vm.store(dd, 2, refuse);
    }
    vm.set_module_attr(m, "partial", t);

    // KeyWrapper
    let t = vm.new_static_type("KeyWrapper", vm.g.types.object, K_MISC, false);
    vm.add_attr(t, "__module__", modname);
    for &(n, f) in &[
        ("__call__", kw_call as NativeFn),
        ("__lt__", kw_lt),
        ("__le__", kw_le),
        ("__eq__", kw_eq),
        ("__ne__", kw_ne),
        ("__gt__", kw_gt),
        ("__ge__", kw_ge),
    ] {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    vm.add_static(t, "__new__", kw_new, false);
    let gs = vm.new_native_getset(t, "obj", kw_obj_get, Some(kw_obj_set));
    vm.add_attr(t, "obj", gs);
    vm.set_module_attr(m, "KeyWrapper", t);

    // _lru_cache_wrapper
    let t = vm.new_static_type("_lru_cache_wrapper", vm.g.types.object, K_INSTANCE, false);
    // A heap type, as in CPython 3.11 (made from a spec): the engine then
    // honours its `__get__`, so a cached function binds as a method.
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_HEAP);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", lru_new, false);
    for &(n, f) in &[
        ("__call__", lru_call as NativeFn),
        ("cache_info", lru_cache_info),
        ("cache_clear", lru_cache_clear),
        ("__get__", lru_get),
        ("__reduce__", lru_reduce),
        ("__copy__", lru_copy),
        ("__deepcopy__", lru_copy),
    ] {
        vm.add_method(t, n, f);
    }
    vm.set_module_attr(m, "_lru_cache_wrapper", t);
    let mark_obj = vm.call(vm.g.types.object, &[], Value::EMPTY)?;
    vm.set_module_attr(m, "_kwd_mark", mark_obj);
    vm.pop_roots(mark);
    Ok(m)
}
