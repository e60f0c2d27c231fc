//! range, slice, enumerate, zip, map, filter, reversed, builtin iterator
//! types and generator methods.

use crate::args::Args;
use engine::runtime::ops::range_len;
use engine::runtime::*;
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
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

fn new_range(vm: &mut Vm, s: Value, e: Value, st: Value) -> Value {
    let r = vm.alloc_obj(K_RANGE, vm.g.types.range, 3, 0);
    r.init(0, s);
    r.init(1, e);
    r.init(2, st);
    r.value()
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
fn slice_indices_big(vm: &mut Vm, sl: Value, len: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
    let o = Obj::from_value(sl).expect("slice");
    let bad = "slice indices must be integers or None or have an __index__ method";
    let idx = |vm: &mut Vm, v: Value| -> PyResult<Option<BigInt>> {
        if v.is_none() {
            return Ok(None);
        }
        let tp = vm.type_of(v);
        if !vm.is_int_like(v) && vm.lookup_type(tp, vm.g.names.__index__).is_none() {
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

fn range_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let key = a[1];
    if super::seq::is_slice(key) {
        let (s, e, st) = rbig(vm, a[0]);
        let n = big_len(&s, &e, &st);
        let (i0, i1, step) = slice_indices_big(vm, key, &n)?;
        let ns = &s + &i0 * &st;
        let ne = &s + &i1 * &st;
        let nstep = &st * step;
        let ns = vm.new_bigint(ns);
        let ne = vm.new_bigint(ne);
        let nstep = vm.new_bigint(nstep);
        return Ok(new_range(vm, ns, ne, nstep));
    }
    if let (Some((s, e, st)), Some(i)) = (rsmall(a[0]), key.as_int()) {
        let n = range_len(s, e, st) as i128;
        let j = if i < 0 { i as i128 + n } else { i as i128 };
        if j < 0 || j >= n {
            return Err(vm.new_exc(vm.g.e.IndexError, "range object index out of range"));
        }
        return Ok(vm.new_bigint(BigInt::from(s as i128 + j * st as i128)));
    }
    let tp = vm.type_of(key);
    if !vm.is_int_like(key) && vm.lookup_type(tp, vm.g.names.__index__).is_none() {
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

fn range_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if let Some((s, e, st)) = rsmall(a[0]) {
        let n = range_len(s, e, st) as i128;
        let (s, st) = (s as i128, st as i128);
        let last = s + (n - 1) * st;
        // The reversed bounds must stay small ints for the i64 iterator.
        let small = |x: i128| i64::try_from(x).ok().and_then(Value::try_int);
        let (l, b) = if n > 0 { (last, s - st) } else { (0, 0) };
        if let (Some(l), Some(b), Some(ns)) = (small(l), small(b), small(-st)) {
            let r = new_range(vm, l, b, ns);
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
    let nv = vm.index(a[1])?;
    let len = vm.as_bigint(nv).unwrap_or_default();
    if len.is_negative() {
        return Err(vm.value_error("length should not be negative"));
    }
    // Resolved on big ints: bounds and lengths beyond i64 are exact.
    let (s, e, st) = slice_indices_big(vm, a[0], &len)?;
    let s = vm.new_bigint(s);
    let mark = vm.push_root(s);
    let e = vm.new_bigint(e);
    vm.push_root(e);
    let st = vm.new_bigint(st);
    vm.push_root(st);
    let r = vm.new_tuple(&[s, e, st]);
    vm.pop_roots(mark);
    Ok(r)
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

/// Items a zip or map step gathers on the native stack before it needs a `Vec`.
const STEP_ARGS: usize = 8;

/// A builtin iterator's `__next__`: its step, with StopIteration at the end.
fn next_by(vm: &mut Vm, a: &[Value], step: IterNextFn) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("__next__ is called on its own type");
    match step(vm, o)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::NONE)),
    }
}

fn enumerate_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    next_by(vm, a, enumerate_step)
}

fn zip_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    next_by(vm, a, zip_step)
}

fn map_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    next_by(vm, a, map_step)
}

fn filter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    next_by(vm, a, filter_step)
}

/// `enumerate.__next__`, and `Vm::next`'s direct step for enumerate objects.
fn enumerate_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let Some(v) = vm.next(o.get(0))? else {
        return Ok(None);
    };
    let i = o.get(1);
    let ni = match i
        .as_int()
        .and_then(|n| n.checked_add(1))
        .and_then(Value::try_int)
    {
        Some(ni) => ni,
        None => vm.binary_op(engine::bytecode::BinaryOperator::Add, i, Value::int(1))?,
    };
    vm.store(o, 1, ni);
    Ok(Some(vm.new_tuple(&[i, v])))
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

/// Steps each iterator of the tuple `its` once, pushing each item on the
/// value stack as a root (the caller pops them). `Some(i)`: iterator `i`
/// was exhausted, after the items before it were pushed.
fn step_each(vm: &mut Vm, its: Obj) -> PyResult<Option<usize>> {
    for i in 0..its.n_values() {
        match vm.next(its.get(i))? {
            Some(v) => {
                vm.push_root(v);
            }
            None => return Ok(Some(i)),
        }
    }
    Ok(None)
}

/// Copies `n` rooted items from value-stack slot `at` into a new tuple.
fn tuple_of_roots(vm: &mut Vm, at: usize, n: usize) -> Value {
    let mut small = [Value::EMPTY; STEP_ARGS];
    if n <= STEP_ARGS {
        for (i, slot) in small[..n].iter_mut().enumerate() {
            *slot = vm.root_at(at + i);
        }
        vm.new_tuple(&small[..n])
    } else {
        let items: Vec<Value> = (0..n).map(|i| vm.root_at(at + i)).collect();
        vm.new_tuple(&items)
    }
}

/// "zip() argument 3 is shorter than arguments 1-2" and its kin.
fn zip_length_error(vm: &mut Vm, i: usize, what: &str) -> PyException {
    let plural = if i == 1 { "" } else { "s" };
    let others = if i == 1 {
        "1".to_string()
    } else {
        format!("1-{i}")
    };
    vm.value_error(&format!(
        "zip() argument {} is {what} than argument{plural} {others}",
        i + 1
    ))
}

/// `zip.__next__`, and `Vm::next`'s direct step for zip objects: each
/// item is rooted while the next iterator runs.
fn zip_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let Some(its) = Obj::from_value(o.get(0)) else {
        return Ok(None);
    };
    let n = its.n_values();
    if n == 0 {
        return Ok(None);
    }
    let mark = vm.push_root(its.value());
    let r = match step_each(vm, its) {
        Ok(None) => Ok(Some(tuple_of_roots(vm, mark + 1, n))),
        Ok(Some(i)) if o.get(1) == Value::TRUE => zip_strict_end(vm, its, i),
        Ok(Some(_)) => Ok(None),
        Err(e) => Err(e),
    };
    vm.pop_roots(mark);
    r
}

/// A strict zip whose iterator `i` ran out: the ValueError when the others
/// do not end together with it, else the end.
fn zip_strict_end(vm: &mut Vm, its: Obj, i: usize) -> PyResult<Option<Value>> {
    if i > 0 {
        return Err(zip_length_error(vm, i, "shorter"));
    }
    for j in 1..its.n_values() {
        if vm.next(its.get(j))?.is_some() {
            return Err(zip_length_error(vm, j, "longer"));
        }
    }
    Ok(None)
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

/// `map.__next__`, and `Vm::next`'s direct step for map objects: each
/// item is rooted while the next iterator and the function run.
fn map_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let Some(its) = Obj::from_value(o.get(1)) else {
        return Ok(None);
    };
    let n = its.n_values();
    let mark = vm.push_root(its.value());
    let r = match step_each(vm, its) {
        Ok(None) => {
            let mut small = [Value::EMPTY; STEP_ARGS];
            let args: Vec<Value>;
            let args: &[Value] = if n <= STEP_ARGS {
                for (i, slot) in small[..n].iter_mut().enumerate() {
                    *slot = vm.root_at(mark + 1 + i);
                }
                &small[..n]
            } else {
                args = (0..n).map(|i| vm.root_at(mark + 1 + i)).collect();
                &args
            };
            vm.call(o.get(0), args, Value::EMPTY).map(Some)
        }
        Ok(Some(_)) => Ok(None),
        Err(e) => Err(e),
    };
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

/// `filter.__next__`, and `Vm::next`'s direct step for filter objects.
fn filter_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let f = o.get(0);
    loop {
        let Some(v) = vm.next(o.get(1))? else {
            return Ok(None);
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
            return Ok(Some(v));
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

fn gen_throw(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "throw", a, k, 1, 3)?;
    let is_exc_type = |vm: &Vm, v: Value| {
        Obj::from_value(v).is_some_and(|o| o.kind() == K_TYPE)
            && vm.is_subtype(v, vm.g.e.BaseException)
    };
    if !is_exc_type(vm, a[1]) && !vm.isinstance(a[1], vm.g.e.BaseException) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!(
            "exceptions must be classes or instances deriving from BaseException, not {tn}"
        )));
    }
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

/// `range.__bool__`: whether the range is not empty.
fn range_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if let Some((s, e, st)) = rsmall(a[0]) {
        return Ok(Value::bool(range_len(s, e, st) != 0));
    }
    let (s, e, st) = rbig(vm, a[0]);
    Ok(Value::bool(!big_len(&s, &e, &st).is_zero()))
}

/// The `start`, `stop` and `step` fields (values 0, 1 and 2) of a range or
/// a slice.
fn field_start(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Obj::from_value(a[0]).expect("range or slice").get(0))
}
fn field_stop(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Obj::from_value(a[0]).expect("range or slice").get(1))
}
fn field_step(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Obj::from_value(a[0]).expect("range or slice").get(2))
}

/// `start`, `stop` and `step` as read-only members of range or slice `t`.
fn add_members(vm: &mut Vm, t: Value) {
    for (n, f) in [
        ("start", field_start as NativeFn),
        ("stop", field_stop),
        ("step", field_step),
    ] {
        let m = super::descr::native_member(vm, t, n, f);
        vm.add_attr(t, n, m);
    }
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
        ("__ne__", range_ne),
        ("__hash__", range_hash),
        ("__bool__", range_bool),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    add_members(vm, t);
    let t = vm.g.types.longrange_iter;
    vm.add_method(t, "__iter__", iter_self);
    vm.add_method(t, "__next__", longrange_next);
    vm.add_method(t, "__length_hint__", longrange_length_hint);
    let t = vm.g.types.slice;
    vm.add_static(t, "__new__", slice_new, false);
    vm.add_method(t, "indices", slice_indices_m);
    vm.declare_arity(t, 1, 1, &["indices"]);
    vm.add_method(t, "__eq__", slice_eq);
    vm.add_method(t, "__ne__", slice_ne);
    vm.add_method(t, "__lt__", slice_lt);
    vm.add_method(t, "__le__", slice_le);
    vm.add_method(t, "__gt__", slice_gt);
    vm.add_method(t, "__ge__", slice_ge);
    vm.add_attr(t, "__hash__", Value::NONE);
    add_members(vm, t);
    let tt = &vm.g.types;
    let iter_types = [
        tt.list_iter,
        tt.tuple_iter,
        tt.str_iter,
        tt.range_iter,
        tt.bytes_iter,
        tt.bytearray_iter,
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
    let mk = |vm: &mut Vm, name: &str, new: NativeFn, next: NativeFn, step: IterNextFn| {
        let t = vm.new_static_type(name, obj, Kind(K_MISC.0), true);
        vm.add_static(t, "__new__", new, false);
        vm.add_method(t, "__iter__", iter_self);
        vm.add_method(t, "__next__", next);
        let k = vm.intern(name);
        vm.dict_set_str(b, k, t);
        (t, step)
    };
    let steps = [
        mk(
            vm,
            "enumerate",
            enumerate_new,
            enumerate_next,
            enumerate_step,
        ),
        mk(vm, "zip", zip_new, zip_next, zip_step),
        mk(vm, "map", map_new, map_next, map_step),
        mk(vm, "filter", filter_new, filter_next, filter_step),
    ];
    // Set once, by this one init of the interpreter's builtins.
    let _ = vm.g.iternext.set(Box::new(steps));
    let rt = vm.new_static_type("reversed", obj, Kind(K_MISC.0), true);
    vm.add_static(rt, "__new__", reversed_new, false);
    let k = vm.intern("reversed");
    vm.dict_set_str(b, k, rt);
    for t in [vm.g.types.generator, vm.g.types.coroutine] {
        vm.add_method(t, "send", gen_send);
        vm.add_method(t, "throw", gen_throw);
        vm.add_method(t, "close", gen_close);
        vm.declare_arity(t, 0, 0, &["close"]);
        vm.declare_arity(t, 1, 1, &["send"]);
    }
    let g = vm.g.types.generator;
    vm.add_method(g, "__iter__", iter_self);
    vm.add_method(g, "__next__", gen_next);
    let c = vm.g.types.coroutine;
    vm.add_method(c, "__await__", coro_await);
    let _ = set_raw;
    Ok(())
}
