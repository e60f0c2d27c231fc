//! range, slice, enumerate, zip, map, filter, reversed, builtin iterator
//! types and generator methods.

use super::seq::slice_indices;
use crate::args::Args;
use engine::runtime::ops::range_len;
use engine::runtime::*;
use proto_core::layouts::{get_raw, set_raw};
use proto_core::{Kind, Obj, Value};

fn range_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    args.no_more_kw(vm, "range")?;
    let p = &args.pos[1..];
    let mut ints = Vec::new();
    for &x in p {
        ints.push(vm.index(x).map_err(|_| {
            let tn = vm.type_name_of(x);
            vm.type_error(&format!(
                "'{tn}' object cannot be interpreted as an integer"
            ))
        })?);
    }
    let (start, stop, step) = match ints.len() {
        1 => (Value::int(0), ints[0], Value::int(1)),
        2 => (ints[0], ints[1], Value::int(1)),
        3 => (ints[0], ints[1], ints[2]),
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(&format!("range expected at most 3 arguments, got {n}"))),
    };
    if step == Value::int(0) {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    let r = vm.alloc_obj(K_RANGE, vm.g.types.range, 3, 0);
    r.init(0, start);
    r.init(1, stop);
    r.init(2, step);
    Ok(r.value())
}

fn rparts(vm: &Vm, v: Value) -> (i64, i64, i64) {
    let o = Obj::from_value(v).expect("range");
    (
        vm.as_i64(o.get(0)).unwrap_or(0),
        vm.as_i64(o.get(1)).unwrap_or(0),
        vm.as_i64(o.get(2)).unwrap_or(1),
    )
}

fn range_len_m(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, e, st) = rparts(vm, a[0]);
    Ok(vm.new_int(range_len(s, e, st) as i64))
}

fn range_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, e, st) = rparts(vm, a[0]);
    let n = range_len(s, e, st) as usize;
    if super::seq::is_slice(a[1]) {
        let (i0, _i1, step, count) = slice_indices(vm, a[1], n)?;
        let ns = s + i0 as i64 * st;
        let nstep = st * step as i64;
        let ne = ns + nstep * count as i64;
        let r = vm.alloc_obj(K_RANGE, vm.g.types.range, 3, 0);
        r.init(0, Value::int(ns));
        r.init(1, Value::int(ne));
        r.init(2, Value::int(nstep));
        return Ok(r.value());
    }
    let i = super::seq::norm_index(vm, a[1], n, "range object")?;
    Ok(vm.new_int(s + i as i64 * st))
}

fn range_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, e, st) = rparts(vm, a[0]);
    let Some(x) = vm.as_i64(a[1]).filter(|_| vm.is_int_like(a[1])) else {
        let it = vm.iter(a[0])?;
        let _ = it;
        for y in vm.collect(a[0])? {
            if vm.eq(y, a[1])? {
                return Ok(Value::TRUE);
            }
        }
        return Ok(Value::FALSE);
    };
    let inr = if st > 0 {
        x >= s && x < e
    } else {
        x <= s && x > e
    };
    Ok(Value::bool(inr && (x - s) % st == 0))
}

fn range_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let c = vm.g.types.range_iter;
    Ok(vm.new_seq_iter(c, a[0], 0))
}

fn range_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, e, st) = rparts(vm, a[0]);
    let n = range_len(s, e, st) as i64;
    let last = s + (n - 1) * st;
    let r = vm.alloc_obj(K_RANGE, vm.g.types.range, 3, 0);
    r.init(0, Value::int(if n > 0 { last } else { 0 }));
    r.init(1, Value::int(if n > 0 { s - st } else { 0 }));
    r.init(2, Value::int(-st));
    let c = vm.g.types.range_iter;
    Ok(vm.new_seq_iter(c, r.value(), 0))
}

fn range_index(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, _e, st) = rparts(vm, a[0]);
    if range_contains(vm, a, Value::EMPTY)? == Value::TRUE {
        let x = vm.as_i64(a[1]).unwrap_or(0);
        return Ok(Value::int((x - s) / st));
    }
    let r = vm.repr_string(a[1])?;
    Err(vm.value_error(&format!("{r} is not in range")))
}

fn range_count(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(
        (range_contains(vm, a, Value::EMPTY)? == Value::TRUE) as i64,
    ))
}

fn range_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !Obj::from_value(a[1]).is_some_and(|o| o.kind() == K_RANGE) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (s1, e1, t1) = rparts(vm, a[0]);
    let (s2, e2, t2) = rparts(vm, a[1]);
    let (n1, n2) = (range_len(s1, e1, t1), range_len(s2, e2, t2));
    Ok(Value::bool(
        n1 == n2 && (n1 == 0 || (s1 == s2 && (n1 == 1 || t1 == t2))),
    ))
}

fn range_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, e, t) = rparts(vm, a[0]);
    let tup = vm.new_tuple(&[Value::int(s), Value::int(e), Value::int(t)]);
    let h = vm.hash(tup)?;
    Ok(vm.new_int(h))
}

fn slice_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = &a[1..];
    let (x, y, z) = match p.len() {
        1 => (Value::NONE, p[0], Value::NONE),
        2 => (p[0], p[1], Value::NONE),
        3 => (p[0], p[1], p[2]),
        _ => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
    };
    Ok(vm.new_slice(x, y, z))
}

fn slice_indices_m(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = vm.as_i64(a[1]).unwrap_or(0);
    if n < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (s, e, st, _) = slice_indices(vm, a[0], n as usize)?;
    Ok(vm.new_tuple(&[
        Value::int(s as i64),
        Value::int(e as i64),
        Value::int(st as i64),
    ]))
}

/// Slices compare like (start, stop, step) tuples; `op` is the rich
/// comparison code (0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=).
fn slice_cmp(vm: &mut Vm, a: &[Value], op: u8) -> PyResult<Value> {
    let Some(o) = Obj::from_value(a[1]).filter(|o| o.kind() == K_SLICE) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let s = Obj::from_value(a[0]).expect("s");
    let t1 = vm.new_tuple(&[s.get(0), s.get(1), s.get(2)]);
    let t2 = vm.new_tuple(&[o.get(0), o.get(1), o.get(2)]);
    vm.compare(t1, t2, op as _)
}

fn slice_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 0)
}
fn slice_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 1)
}
fn slice_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 2)
}
fn slice_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 3)
}
fn slice_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 4)
}
fn slice_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    slice_cmp(vm, a, 5)
}

// ---------------------------------------------------------------- generic iterator types

fn iter_self(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

fn iter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match vm.next(a[0])? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::NONE)),
    }
}

fn iter_length_hint(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("it");
    let src = o.get(0);
    if src.is_empty() {
        return Ok(Value::int(0));
    }
    let n = vm.len(src).unwrap_or(0) as i64;
    Ok(Value::int((n - get_raw(o, 0) as i64).max(0)))
}

// enumerate: K_MISC [iter, count]
fn enumerate_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let cls = args.pos[0];
    let it = args
        .get(1, "iterable")
        .ok_or_else(|| vm.type_error("enumerate() missing required argument 'iterable' (pos 1)"))?;
    let start = match args.get(2, "start") {
        Some(v) => vm.index(v)?,
        None => Value::int(0),
    };
    let it = vm.iter(it)?;
    let o = vm.alloc_obj(K_MISC, cls, 3, 0);
    o.init(0, it);
    o.init(1, start);
    Ok(o.value())
}

fn enumerate_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("e");
    match vm.next(o.get(0))? {
        Some(v) => {
            let i = o.get(1);
            let ni = vm.binary_op(engine::bytecode::BinaryOperator::Add, i, Value::int(1))?;
            vm.store(o, 1, ni);
            Ok(vm.new_tuple(&[i, v]))
        }
        None => Err(vm.stop_iteration(Value::NONE)),
    }
}

// zip: K_MISC [tuple of iterators, strict]
fn zip_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let strict = match args.take("strict") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    args.no_more_kw(vm, "zip")?;
    let cls = args.pos[0];
    let mut its = Vec::new();
    for (i, &x) in args.pos[1..].iter().enumerate() {
        match vm.iter(x) {
            Ok(it) => its.push(it),
            Err(e) => {
                if vm.isinstance(e.0, vm.g.e.TypeError) {
                    let tn = vm.type_name_of(x);
                    return Err(vm.type_error(&format!("'{tn}' object is not iterable")));
                }
                let _ = i;
                return Err(e);
            }
        }
    }
    let t = vm.new_tuple(&its);
    let o = vm.alloc_obj(K_MISC, cls, 3, 0);
    o.init(0, t);
    o.init(1, Value::bool(strict));
    Ok(o.value())
}

fn zip_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("z");
    let its = vm.seq_items(o.get(0));
    if its.is_empty() {
        return Err(vm.stop_iteration(Value::NONE));
    }
    let strict = o.get(1) == Value::TRUE;
    let mut out = Vec::with_capacity(its.len());
    for (i, &it) in its.iter().enumerate() {
        match vm.next(it)? {
            Some(v) => out.push(v),
            None => {
                if strict {
                    if i > 0 {
                        let plural = if i == 1 { "" } else { "s" };
                        return Err(vm.value_error(&format!(
                            "zip() argument {} is shorter than argument{plural} {}",
                            i + 1,
                            if i == 1 {
                                "1".to_string()
                            } else {
                                format!("1-{i}")
                            }
                        )));
                    }
                    for (j, &it2) in its.iter().enumerate().skip(1) {
                        if vm.next(it2)?.is_some() {
                            let plural = if j == 1 { "" } else { "s" };
                            return Err(vm.value_error(&format!(
                                "zip() argument {} is longer than argument{plural} {}",
                                j + 1,
                                if j == 1 {
                                    "1".to_string()
                                } else {
                                    format!("1-{j}")
                                }
                            )));
                        }
                    }
                }
                return Err(vm.stop_iteration(Value::NONE));
            }
        }
    }
    Ok(vm.new_tuple(&out))
}

// map: K_MISC [func, tuple of iterators]
fn map_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    args.no_more_kw(vm, "map")?;
    if args.pos.len() < 3 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let cls = args.pos[0];
    let mut its = Vec::new();
    for &x in &args.pos[2..] {
        its.push(vm.iter(x)?);
    }
    let t = vm.new_tuple(&its);
    let o = vm.alloc_obj(K_MISC, cls, 3, 0);
    o.init(0, args.pos[1]);
    o.init(1, t);
    Ok(o.value())
}

fn map_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("m");
    let its = vm.seq_items(o.get(1));
    let mut args = Vec::with_capacity(its.len());
    for it in its {
        match vm.next(it)? {
            Some(v) => args.push(v),
            None => return Err(vm.stop_iteration(Value::NONE)),
        }
    }
    let holder = vm.new_tuple(&args);
    let mark = vm.push_root(holder);
    let r = vm.call(o.get(0), &args, Value::EMPTY);
    vm.pop_roots(mark);
    r
}

// filter: K_MISC [func, iterator]
fn filter_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    args.no_more_kw(vm, "filter")?;
    if args.pos.len() != 3 {
        return Err(vm.type_error(&format!(
            "filter expected 2 arguments, got {}",
            args.pos.len() - 1
        )));
    }
    let it = vm.iter(args.pos[2])?;
    let o = vm.alloc_obj(K_MISC, args.pos[0], 3, 0);
    o.init(0, args.pos[1]);
    o.init(1, it);
    Ok(o.value())
}

fn filter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("f");
    let f = o.get(0);
    loop {
        let Some(v) = vm.next(o.get(1))? else {
            return Err(vm.stop_iteration(Value::NONE));
        };
        let keep = if f.is_none() {
            vm.truthy(v)?
        } else {
            let m = vm.push_root(v);
            let r = vm.call(f, &[v], Value::EMPTY);
            vm.pop_roots(m);
            let r = r?;
            vm.truthy(r)?
        };
        if keep {
            return Ok(v);
        }
    }
}

fn reversed_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "reversed", &a[1..], k, 1, 1)?;
    let v = a[1];
    if let Some(r) = vm.call_special(v, vm.g.names.__reversed__, &[])? {
        return Ok(r);
    }
    let tp = vm.type_of(v);
    if vm.lookup_type(tp, vm.g.names.__len__).is_none()
        || vm.lookup_type(tp, vm.g.names.__getitem__).is_none()
    {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("'{tn}' object is not reversible")));
    }
    let n = vm.len(v)?;
    let mut items = Vec::with_capacity(n);
    for i in (0..n).rev() {
        items.push(vm.getitem(v, Value::int(i as i64))?);
    }
    let l = vm.new_list(&items);
    let c = vm.g.types.list_iter;
    Ok(vm.new_seq_iter(c, l, 0))
}

// ---------------------------------------------------------------- generators

fn gen_send(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.gen_send(a[0], a.get(1).copied().unwrap_or(Value::NONE))
}

fn gen_throw(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut e = a[1];
    if a.len() > 2 && Obj::from_value(e).is_some_and(|o| o.kind() == K_TYPE) && !a[2].is_none() {
        let v = a[2];
        e = if Obj::from_value(v).is_some_and(|o| o.kind() == K_EXC) {
            v
        } else {
            vm.call(e, &[v], Value::EMPTY)?
        };
    }
    vm.gen_throw(a[0], e)
}

fn gen_close(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.gen_close(a[0])
}

fn gen_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.gen_send(a[0], Value::NONE)
}

fn coro_await(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let _ = vm;
    Ok(a[0])
}

/// Registers the iterator types and returns (name, type) pairs for builtins.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.range;
    vm.add_static(t, "__new__", range_new, false);
    let m: &[(&'static str, NativeFn)] = &[
        ("__len__", range_len_m),
        ("__getitem__", range_getitem),
        ("__contains__", range_contains),
        ("__iter__", range_iter),
        ("__reversed__", range_reversed),
        ("index", range_index),
        ("count", range_count),
        ("__eq__", range_eq),
        ("__hash__", range_hash),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    let t = vm.g.types.slice;
    vm.add_static(t, "__new__", slice_new, false);
    vm.add_method(t, "indices", slice_indices_m);
    vm.add_method(t, "__eq__", slice_eq);
    vm.add_method(t, "__ne__", slice_ne);
    vm.add_method(t, "__lt__", slice_lt);
    vm.add_method(t, "__le__", slice_le);
    vm.add_method(t, "__gt__", slice_gt);
    vm.add_method(t, "__ge__", slice_ge);
    vm.add_attr(t, "__hash__", Value::NONE);
    let tt = &vm.g.types;
    let iter_types = [
        tt.list_iter,
        tt.tuple_iter,
        tt.str_iter,
        tt.range_iter,
        tt.bytes_iter,
        tt.dict_keyiter,
        tt.dict_valueiter,
        tt.dict_itemiter,
        tt.set_iter,
        tt.call_iter,
        tt.seq_iter,
    ];
    for t in iter_types {
        vm.add_method(t, "__iter__", iter_self);
        vm.add_method(t, "__next__", iter_next);
        vm.add_method(t, "__length_hint__", iter_length_hint);
    }
    let b = vm.g.builtins;
    let obj = vm.g.types.object;
    let mk = |vm: &mut Vm, name: &str, new: NativeFn, next: NativeFn| {
        let t = vm.new_static_type(name, obj, Kind(K_MISC.0), true);
        vm.add_static(t, "__new__", new, false);
        vm.add_method(t, "__iter__", iter_self);
        vm.add_method(t, "__next__", next);
        let k = vm.intern(name);
        vm.dict_set_str(b, k, t);
    };
    mk(vm, "enumerate", enumerate_new, enumerate_next);
    mk(vm, "zip", zip_new, zip_next);
    mk(vm, "map", map_new, map_next);
    mk(vm, "filter", filter_new, filter_next);
    let rt = vm.new_static_type("reversed", obj, Kind(K_MISC.0), true);
    vm.add_static(rt, "__new__", reversed_new, false);
    let k = vm.intern("reversed");
    vm.dict_set_str(b, k, rt);
    for t in [vm.g.types.generator, vm.g.types.coroutine] {
        vm.add_method(t, "send", gen_send);
        vm.add_method(t, "throw", gen_throw);
        vm.add_method(t, "close", gen_close);
    }
    let g = vm.g.types.generator;
    vm.add_method(g, "__iter__", iter_self);
    vm.add_method(g, "__next__", gen_next);
    let c = vm.g.types.coroutine;
    vm.add_method(c, "__await__", coro_await);
    let _ = set_raw;
    Ok(())
}
