//! `range` and its iterator for bounds beyond the small ints
//! (`longrange_iterator`); the small-int `range_iterator` is one of the
//! generic builtin iterators of `iterators.rs`.

use super::iterators::iter_self;
use super::slice::add_members;
use crate::args::Args;
use engine::runtime::ops::range_len;
use engine::runtime::*;
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use proto_core::{Obj, Value};

fn range_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("range() takes no keyword arguments"));
    }
    let args = Args::new(a, k);
    let p = &args.pos[1..];
    let mut ints = Vec::new();
    // `__index__`'s own errors pass through, as in CPython. A big int one
    // `__index__` returned stays rooted while the next one runs.
    let mark = vm.ctx.stack().top();
    for &x in p {
        match vm.index(x) {
            Ok(i) => {
                vm.push_root(i);
                ints.push(i);
            }
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    vm.pop_roots(mark);
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
    Ok(vm.new_range(start, stop, step))
}

/// A range's (start, stop, step) as arbitrary-precision ints.
fn rbig(vm: &Vm, v: Value) -> (BigInt, BigInt, BigInt) {
    let o = Obj::from_value(v).expect("range");
    (
        vm.as_bigint(o.get(0)).unwrap_or_default(),
        vm.as_bigint(o.get(1)).unwrap_or_default(),
        vm.as_bigint(o.get(2)).unwrap_or_else(BigInt::one),
    )
}

/// The (start, stop, step) when all are small ints (the fast paths).
fn rsmall(v: Value) -> Option<(i64, i64, i64)> {
    let o = Obj::from_value(v)?;
    Some((o.get(0).as_int()?, o.get(1).as_int()?, o.get(2).as_int()?))
}

/// len(range(s, e, st)) for arbitrary ints.
fn big_len(s: &BigInt, e: &BigInt, st: &BigInt) -> BigInt {
    if st.is_positive() && s < e {
        (e - s - 1u32) / st + 1u32
    } else if st.is_negative() && s > e {
        (s - e - 1u32) / (-st) + 1u32
    } else {
        BigInt::zero()
    }
}

fn range_len_m(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if let Some((s, e, st)) = rsmall(a[0]) {
        let n = range_len(s, e, st);
        if n <= i64::MAX as u64 {
            return Ok(vm.new_int(n as i64));
        }
    }
    let (s, e, st) = rbig(vm, a[0]);
    let n = big_len(&s, &e, &st);
    if n.to_i64().is_none() {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        ));
    }
    Ok(vm.new_bigint(n))
}

/// Resolves a slice against a (possibly huge) length, like CPython's
/// _PySlice_GetLongIndices: (start, stop, step).
pub(crate) fn slice_indices_big(
    vm: &mut Vm,
    sl: Value,
    len: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let o = Obj::from_value(sl).expect("slice");
    let bad = "slice indices must be integers or None or have an __index__ method";
    let idx = |vm: &mut Vm, v: Value| -> PyResult<Option<BigInt>> {
        if v.is_none() {
            return Ok(None);
        }
        if !vm.has_index(v) {
            return Err(vm.type_error(bad));
        }
        let i = vm.index(v)?;
        Ok(vm.as_bigint(i))
    };
    let step = idx(vm, o.get(2))?.unwrap_or_else(BigInt::one);
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step.is_negative() {
        (BigInt::from(-1), len - 1u32)
    } else {
        (BigInt::zero(), len.clone())
    };
    let clamp = |x: BigInt| -> BigInt {
        let x = if x.is_negative() { x + len } else { x };
        if x < lower {
            lower.clone()
        } else if x > upper {
            upper.clone()
        } else {
            x
        }
    };
    let start = match idx(vm, o.get(0))? {
        Some(x) => clamp(x),
        None if step.is_negative() => upper.clone(),
        None => lower.clone(),
    };
    let stop = match idx(vm, o.get(1))? {
        Some(x) => clamp(x),
        None if step.is_negative() => lower.clone(),
        None => upper.clone(),
    };
    Ok((start, stop, step))
}

/// The slice `key` resolved against length `len` when its fields are small
/// ints or None and its step is not zero (`slice_adjust`, as lists do);
/// `None` otherwise (the BigInt path then resolves it, and raises its
/// errors).
fn slice_indices_small(key: Value, len: usize) -> Option<(isize, isize, isize)> {
    let o = Obj::from_value(key)?;
    let field = |i: usize| -> Option<Option<isize>> {
        let v = o.get(i);
        if v.is_none() {
            Some(None)
        } else {
            v.as_int().map(|x| Some(x as isize))
        }
    };
    let step = field(2)?.unwrap_or(1);
    if step == 0 {
        return None;
    }
    let (start, stop, _) = engine::runtime::interp::slice_adjust(len, field(0)?, field(1)?, step);
    Some((start, stop, step))
}

fn range_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let key = a[1];
    if super::seq::is_slice(key) {
        // Small bounds: no BigInt arithmetic. The new bounds stay within
        // i128: |i0 * st| is at most |e - s| + |st|.
        if let Some((s, e, st)) = rsmall(a[0]) {
            let n = usize::try_from(range_len(s, e, st))
                .ok()
                .filter(|&n| n <= isize::MAX as usize);
            if let Some((i0, i1, step)) = n.and_then(|n| slice_indices_small(key, n)) {
                let (s, st) = (i128::from(s), i128::from(st));
                let ns = vm.new_int_i128(s + i0 as i128 * st);
                let ne = vm.new_int_i128(s + i1 as i128 * st);
                let nstep = vm.new_int_i128(st * step as i128);
                return Ok(vm.new_range(ns, ne, nstep));
            }
        }
        let (s, e, st) = rbig(vm, a[0]);
        let n = big_len(&s, &e, &st);
        let (i0, i1, step) = slice_indices_big(vm, key, &n)?;
        let ns = &s + &i0 * &st;
        let ne = &s + &i1 * &st;
        let nstep = &st * step;
        let ns = vm.new_bigint(ns);
        let ne = vm.new_bigint(ne);
        let nstep = vm.new_bigint(nstep);
        return Ok(vm.new_range(ns, ne, nstep));
    }
    if let (Some((s, e, st)), Some(i)) = (rsmall(a[0]), key.as_int()) {
        let n = range_len(s, e, st) as i128;
        let j = if i < 0 { i as i128 + n } else { i as i128 };
        if j < 0 || j >= n {
            return Err(vm.new_exc(vm.g.e.IndexError, "range object index out of range"));
        }
        return Ok(vm.new_bigint(BigInt::from(s as i128 + j * st as i128)));
    }
    if !vm.has_index(key) {
        let tn = vm.type_name_of(key);
        return Err(vm.type_error(&format!(
            "range indices must be integers or slices, not {tn}"
        )));
    }
    let i = vm.index(key)?;
    let i = vm.as_bigint(i).unwrap_or_default();
    let (s, e, st) = rbig(vm, a[0]);
    let n = big_len(&s, &e, &st);
    let j = if i.is_negative() { i + &n } else { i };
    if j.is_negative() || j >= n {
        return Err(vm.new_exc(vm.g.e.IndexError, "range object index out of range"));
    }
    Ok(vm.new_bigint(s + j * st))
}

/// Is `x` an exact int or a bool (the values CPython tests arithmetically)?
fn exact_int(vm: &Vm, x: Value) -> bool {
    x.is_bool() || (vm.is_int_like(x) && vm.type_of(x) == vm.g.types.int)
}

/// Arithmetic membership for an exact int `x`.
fn range_has_int(vm: &Vm, r: Value, x: Value) -> bool {
    if let (Some((s, e, st)), Some(x)) = (rsmall(r), vm.as_i64(x)) {
        let inr = if st > 0 {
            x >= s && x < e
        } else {
            x <= s && x > e
        };
        return inr && (x as i128 - s as i128) % st as i128 == 0;
    }
    let (s, e, st) = rbig(vm, r);
    let x = vm.as_bigint(x).unwrap_or_default();
    let inr = if st.is_positive() {
        x >= s && x < e
    } else {
        x <= s && x > e
    };
    inr && ((x - s) % st).is_zero()
}

/// Counts items of range `r` equal to `x` by iterating (non-int values).
fn range_iter_count(vm: &mut Vm, r: Value, x: Value, first_only: bool) -> PyResult<(BigInt, bool)> {
    let it = vm.iter(r)?;
    let mark = vm.push_root(it);
    let mut n = BigInt::zero();
    let mut idx = BigInt::zero();
    let res = loop {
        match vm.next(it) {
            Ok(Some(y)) => match vm.eq(y, x) {
                Ok(true) => {
                    if first_only {
                        break Ok((idx, true));
                    }
                    n += 1u32;
                }
                Ok(false) => {}
                Err(e) => break Err(e),
            },
            Ok(None) => break Ok((n, false)),
            Err(e) => break Err(e),
        }
        idx += 1u32;
    };
    vm.pop_roots(mark);
    res
}

fn range_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if exact_int(vm, a[1]) {
        return Ok(Value::bool(range_has_int(vm, a[0], a[1])));
    }
    let (_, found) = range_iter_count(vm, a[0], a[1], true)?;
    Ok(Value::bool(found))
}

fn range_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if rsmall(a[0]).is_some() {
        let c = vm.g.types.range_iter;
        return Ok(vm.new_seq_iter(c, a[0], 0));
    }
    let (s, e, st) = rbig(vm, a[0]);
    let n = big_len(&s, &e, &st);
    Ok(new_longrange_iter(vm, s, st, n))
}

/// A longrange_iterator: slots (next value, step, items left).
fn new_longrange_iter(vm: &mut Vm, cur: BigInt, step: BigInt, left: BigInt) -> Value {
    let cur = vm.new_bigint(cur);
    let step = vm.new_bigint(step);
    let left = vm.new_bigint(left);
    let it = vm.alloc_obj(K_MISC, vm.g.types.longrange_iter, 3, 0);
    it.init(0, cur);
    it.init(1, step);
    it.init(2, left);
    it.value()
}

fn longrange_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(o) = Obj::from_value(a[0]).filter(|o| o.kind() == K_MISC) else {
        return Err(vm.type_error("descriptor '__next__' requires a 'longrange_iterator' object"));
    };
    let left = vm.as_bigint(o.get(2)).unwrap_or_default();
    if !left.is_positive() {
        return Err(vm.stop_iteration(Value::NONE));
    }
    let cur = o.get(0);
    let c = vm.as_bigint(cur).unwrap_or_default() + vm.as_bigint(o.get(1)).unwrap_or_default();
    let c = vm.new_bigint(c);
    vm.store(o, 0, c);
    let l = vm.new_bigint(left - 1u32);
    vm.store(o, 2, l);
    Ok(cur)
}

fn longrange_length_hint(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("it");
    Ok(o.get(2))
}

/// `longrange_iterator.__reduce__`: `(iter, (range(next, stop, step),),
/// 0)`, the range of the values still to come.
fn longrange_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let o = longrange_self(vm, a, "__reduce__")?;
    let cur = vm.as_bigint(o.get(0)).unwrap_or_default();
    let step = vm.as_bigint(o.get(1)).unwrap_or_default();
    let left = vm.as_bigint(o.get(2)).unwrap_or_default();
    let stop = &cur + left * &step;
    let vals = [vm.new_bigint(cur), vm.new_bigint(stop), vm.new_bigint(step)];
    let mark = vm.root_values(&vals);
    let r = vm.new_range(vals[0], vals[1], vals[2]);
    vm.push_root(r);
    let key = vm.intern("iter");
    let iter = vm.dict_get_str(vm.g.builtins, key).unwrap_or(Value::NONE);
    let args = vm.new_tuple(&[r]);
    vm.push_root(args);
    let t = vm.new_tuple(&[iter, args, Value::int(0)]);
    vm.pop_roots(mark);
    Ok(t)
}

/// `longrange_iterator.__setstate__(index)`: skips `index` values (clamped
/// to those left).
fn longrange_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = longrange_self(vm, a, "__setstate__")?;
    let Some(i) = vm.as_bigint(a[1]).filter(|_| vm.is_int_like(a[1])) else {
        return Err(vm.type_error("an integer is required"));
    };
    let left = vm.as_bigint(o.get(2)).unwrap_or_default();
    let i = i.max(BigInt::zero()).min(left.clone());
    let cur = vm.as_bigint(o.get(0)).unwrap_or_default()
        + &i * vm.as_bigint(o.get(1)).unwrap_or_default();
    let cur = vm.new_bigint(cur);
    vm.store(o, 0, cur);
    let l = vm.new_bigint(left - i);
    vm.store(o, 2, l);
    Ok(Value::NONE)
}

fn longrange_self(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Obj> {
    match Obj::from_value(a[0]).filter(|o| o.class() == vm.g.types.longrange_iter) {
        Some(o) => Ok(o),
        None => {
            let tn = vm.type_name_of(a[0]);
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'longrange_iterator' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn range_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if let Some((s, e, st)) = rsmall(a[0]) {
        let n = range_len(s, e, st) as i128;
        let (s, st) = (s as i128, st as i128);
        let last = s + (n - 1) * st;
        // The reversed bounds must stay small ints for the i64 iterator.
        let small = |x: i128| i64::try_from(x).ok().and_then(Value::try_int);
        let (l, b) = if n > 0 { (last, s - st) } else { (0, 0) };
        if let (Some(l), Some(b), Some(ns)) = (small(l), small(b), small(-st)) {
            let r = vm.new_range(l, b, ns);
            let c = vm.g.types.range_iter;
            return Ok(vm.new_seq_iter(c, r, 0));
        }
    }
    let (s, e, st) = rbig(vm, a[0]);
    let n = big_len(&s, &e, &st);
    let last = if n.is_positive() {
        &s + (&n - 1u32) * &st
    } else {
        s
    };
    Ok(new_longrange_iter(vm, last, -st, n))
}

fn range_index(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "range.index", a, k, 1, 1)?;
    if exact_int(vm, a[1]) {
        if range_has_int(vm, a[0], a[1]) {
            let (s, _e, st) = rbig(vm, a[0]);
            let x = vm.as_bigint(a[1]).unwrap_or_default();
            return Ok(vm.new_bigint((x - s) / st));
        }
        let r = vm.repr_string(a[1])?;
        return Err(vm.value_error(&format!("{r} is not in range")));
    }
    match range_iter_count(vm, a[0], a[1], true)? {
        (i, true) => Ok(vm.new_bigint(i)),
        _ => Err(vm.value_error("sequence.index(x): x not in sequence")),
    }
}

fn range_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "range.count", a, k, 1, 1)?;
    if exact_int(vm, a[1]) {
        return Ok(Value::int(range_has_int(vm, a[0], a[1]) as i64));
    }
    let (n, _) = range_iter_count(vm, a[0], a[1], false)?;
    Ok(vm.new_bigint(n))
}

fn range_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !Obj::from_value(a[1]).is_some_and(|o| o.kind() == K_RANGE) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (s1, e1, t1) = rbig(vm, a[0]);
    let (s2, e2, t2) = rbig(vm, a[1]);
    let (n1, n2) = (big_len(&s1, &e1, &t1), big_len(&s2, &e2, &t2));
    Ok(Value::bool(
        n1 == n2 && (n1.is_zero() || (s1 == s2 && (n1.is_one() || t1 == t2))),
    ))
}

fn range_ne(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let r = range_eq(vm, a, k)?;
    if r == Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    Ok(Value::bool(r == Value::FALSE))
}

/// hash((len, start, step)) with start/step None where they do not matter,
/// so equal ranges hash equal (CPython's range_hash).
fn range_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, e, st) = rbig(vm, a[0]);
    let n = big_len(&s, &e, &st);
    let (sv, tv) = if n.is_zero() {
        (Value::NONE, Value::NONE)
    } else if n.is_one() {
        (vm.new_bigint(s), Value::NONE)
    } else {
        (vm.new_bigint(s), vm.new_bigint(st))
    };
    let nv = vm.new_bigint(n);
    let tup = vm.new_tuple(&[nv, sv, tv]);
    let h = vm.hash(tup)?;
    Ok(vm.new_int(h))
}

/// `range.__bool__`: whether the range is not empty.
fn range_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if let Some((s, e, st)) = rsmall(a[0]) {
        return Ok(Value::bool(range_len(s, e, st) != 0));
    }
    let (s, e, st) = rbig(vm, a[0]);
    Ok(Value::bool(!big_len(&s, &e, &st).is_zero()))
}

/// Registers range and longrange_iterator.
/// `range.__reduce__()`: `(range, (start, stop, step))`.
fn range_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    crate::types::object::reduce_from_attrs(vm, a[0], &["start", "stop", "step"])
}

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
        ("__ne__", range_ne),
        ("__hash__", range_hash),
        ("__bool__", range_bool),
        ("__reduce__", range_reduce),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    add_members(vm, t);
    let t = vm.g.types.longrange_iter;
    vm.add_method(t, "__iter__", iter_self);
    vm.add_method(t, "__next__", longrange_next);
    vm.add_method(t, "__length_hint__", longrange_length_hint);
    vm.add_method(t, "__reduce__", longrange_reduce);
    vm.add_method(t, "__setstate__", longrange_setstate);
    Ok(())
}
