//! enumerate, zip, map, filter, reversed, the builtin iterator types and
//! generator methods.

use super::clinic;
use crate::args::Args;
use engine::runtime::*;
use proto_core::layouts::{dict as ldict, get_raw, set_raw};
use proto_core::{Kind, Obj, Value};

// ---------------------------------------------------------------- generic iterator types

pub(super) fn iter_self(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

fn iter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let r = vm.next(a[0])?;
    vm.next_or_stop(r)
}

fn iter_length_hint(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = Obj::from_value(a[0]).expect("it");
    let src = o.get(0);
    if src.is_empty() {
        return Ok(Value::int(0));
    }
    // A dict iterator counts the items still to yield (raw word 2), as
    // CPython's `di_len`; 0 once the dict changed size.
    if let Some(d) = Obj::from_value(src).filter(|d| d.kind() == Kind::DICT) {
        let n = if ldict::len(d) as u64 == get_raw(o, 1) {
            get_raw(o, 2)
        } else {
            0
        };
        return Ok(vm.new_int(n as i64));
    }
    let n = vm.len(src).unwrap_or(0) as i64;
    Ok(Value::int((n - get_raw(o, 0) as i64).max(0)))
}

/// `list_iterator.__reduce__` / `tuple_iterator.__reduce__`, as CPython's
/// `listiter_reduce`: `(iter, (seq,), index)`, or `(iter, ((),))` once
/// exhausted (the sequence is dropped then).
fn seq_iter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let o = Obj::from_value(a[0]).expect("__reduce__ is called on its own type");
    let key = vm.intern("iter");
    let Some(iter) = vm.dict_get_str(vm.g.builtins, key) else {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "lost builtins.iter"));
    };
    let mark = vm.push_root(iter);
    let src = o.get(0);
    let r = if src.is_empty() {
        let empty = if vm.type_of(a[0]) == vm.g.types.list_iter {
            vm.new_list(&[])
        } else {
            vm.new_tuple(&[])
        };
        vm.push_root(empty);
        let args = vm.new_tuple(&[empty]);
        vm.push_root(args);
        vm.new_tuple(&[iter, args])
    } else {
        let args = vm.new_tuple(&[src]);
        vm.push_root(args);
        let i = vm.new_int(get_raw(o, 0) as i64);
        vm.push_root(i);
        vm.new_tuple(&[iter, args, i])
    };
    vm.pop_roots(mark);
    Ok(r)
}

/// `__setstate__(index)` of list, tuple and sequence iterators: the
/// position, clamped to `0..=len(seq)` as CPython's `listiter_setstate`
/// (only below for a `__getitem__` sequence, as `iter_setstate`).
fn seq_iter_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = Obj::from_value(a[0]).expect("__setstate__ is called on its own type");
    // PyLong_AsSsize_t: ints (and subclasses) only, no __index__.
    if !vm.is_int_like(a[1]) {
        return Err(vm.type_error("an integer is required"));
    }
    let Some(i) = vm.as_i64(a[1]) else {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        ));
    };
    let src = o.get(0);
    if !src.is_empty() {
        // A `__getitem__` sequence iterator has no length to clamp to.
        let hi = if vm.type_of(a[0]) == vm.g.types.seq_iter {
            i64::MAX
        } else {
            vm.len(src)? as i64
        };
        set_raw(o, 0, i.clamp(0, hi) as u64);
    }
    Ok(Value::NONE)
}

/// `builtins.iter`, which the builtin iterators' `__reduce__` names.
fn builtin_iter(vm: &mut Vm) -> PyResult<Value> {
    let key = vm.intern("iter");
    match vm.dict_get_str(vm.g.builtins, key) {
        Some(v) => Ok(v),
        None => Err(vm.new_exc(vm.g.e.RuntimeError, "lost builtins.iter")),
    }
}

/// `(iter, (arg,))`, or `(iter, (arg,), index)` with an index.
pub(crate) fn iter_call(vm: &mut Vm, arg: Value, index: Option<Value>) -> PyResult<Value> {
    let iter = builtin_iter(vm)?;
    let mark = vm.push_root(iter);
    vm.push_root(arg);
    let args = vm.new_tuple(&[arg]);
    vm.push_root(args);
    let r = match index {
        Some(i) => {
            vm.push_root(i);
            vm.new_tuple(&[iter, args, i])
        }
        None => vm.new_tuple(&[iter, args]),
    };
    vm.pop_roots(mark);
    Ok(r)
}

/// The iterator `a[0]` when it is of class `t` (`__reduce__`/`__setstate__`
/// are only registered on it, but a descriptor may be called on anything).
fn own_iter(vm: &mut Vm, a: &[Value], t: Value, what: &str) -> PyResult<Obj> {
    match Obj::from_value(a[0]).filter(|o| o.class() == t && o.kind() == K_ITER) {
        Some(o) => Ok(o),
        None => {
            let tn = vm.type_name_of(a[0]);
            let n = type_name(t);
            Err(vm.type_error(&format!(
                "descriptor '{what}' for '{n}' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The `__setstate__` argument as CPython's `PyLong_AsSsize_t` reads it.
fn setstate_index(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if !vm.is_int_like(v) {
        return Err(vm.type_error("an integer is required"));
    }
    vm.as_i64(v).ok_or_else(|| {
        vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        )
    })
}

/// `str_ascii_iterator.__reduce__`: `(iter, (s,), index)` with the index
/// in characters, or `(iter, ("",))` once exhausted.
fn str_iter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let o = own_iter(vm, a, vm.g.types.str_iter, "__reduce__")?;
    let src = o.get(0);
    if src.is_empty() {
        let e = vm.new_str("");
        return iter_call(vm, e, None);
    }
    let so = Obj::from_value(src).expect("a str");
    let pos = get_raw(o, 0) as usize;
    let b = proto_core::layouts::str::bytes(so);
    let chars = b[..pos.min(b.len())]
        .iter()
        .filter(|&&c| c & 0xC0 != 0x80)
        .count();
    iter_call(vm, src, Some(Value::int(chars as i64)))
}

/// `str_ascii_iterator.__setstate__(index)`: the position in characters,
/// clamped to the string.
fn str_iter_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = own_iter(vm, a, vm.g.types.str_iter, "__setstate__")?;
    let i = setstate_index(vm, a[1])?.max(0) as usize;
    if let Some(so) = Obj::from_value(o.get(0)) {
        let b = proto_core::layouts::str::bytes(so);
        // The byte offset of character `i` (the end when past it).
        let off = b
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c & 0xC0 != 0x80)
            .nth(i)
            .map_or(b.len(), |(j, _)| j);
        set_raw(o, 0, off as u64);
    }
    Ok(Value::NONE)
}

/// `bytes_iterator`/`bytearray_iterator.__reduce__`: `(iter, (b,), index)`,
/// or `(iter, ((),))` once exhausted.
fn bytes_iter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let t = vm.type_of(a[0]);
    if t != vm.g.types.bytes_iter && t != vm.g.types.bytearray_iter {
        let t = vm.g.types.bytes_iter;
        own_iter(vm, a, t, "__reduce__")?;
    }
    let o = Obj::from_value(a[0]).expect("an iterator");
    let src = o.get(0);
    if src.is_empty() {
        let e = vm.new_tuple(&[]);
        return iter_call(vm, e, None);
    }
    let i = vm.new_int(get_raw(o, 0) as i64);
    iter_call(vm, src, Some(i))
}

/// `bytes_iterator`/`bytearray_iterator.__setstate__(index)`: clamped to
/// `0..=len` (a bytearray's only from below, as CPython: it may grow).
fn bytes_iter_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let t = vm.type_of(a[0]);
    if t != vm.g.types.bytes_iter && t != vm.g.types.bytearray_iter {
        let t = vm.g.types.bytes_iter;
        own_iter(vm, a, t, "__setstate__")?;
    }
    let o = Obj::from_value(a[0]).expect("an iterator");
    let i = setstate_index(vm, a[1])?.max(0);
    let src = o.get(0);
    if !src.is_empty() {
        let hi = if t == vm.g.types.bytes_iter {
            vm.len(src)? as i64
        } else {
            i64::MAX
        };
        set_raw(o, 0, i.min(hi) as u64);
    }
    Ok(Value::NONE)
}

/// `range_iterator.__reduce__`: `(iter, (range(start, stop, step),),
/// index)` with the stop CPython computes from the length.
fn range_iter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let o = own_iter(vm, a, vm.g.types.range_iter, "__reduce__")?;
    let start = get_raw(o, 2) as i64 as i128;
    let n = get_raw(o, 1) as i128;
    let step = Obj::from_value(o.get(0))
        .filter(|r| r.kind() == K_RANGE)
        .and_then(|r| vm.as_i64(r.get(2)))
        .unwrap_or(1) as i128;
    let i = (get_raw(o, 0) as i128).min(n);
    let big = |vm: &mut Vm, x: i128| vm.new_bigint(num_bigint::BigInt::from(x));
    let vals = [big(vm, start), big(vm, start + n * step), big(vm, step)];
    let mark = vm.root_values(&vals);
    let range = vm.g.types.range;
    let r = vm.call(range, &vals, Value::EMPTY);
    let r = match r {
        Ok(r) => {
            let i = vm.new_int(i as i64);
            iter_call(vm, r, Some(i))
        }
        Err(e) => Err(e),
    };
    vm.pop_roots(mark);
    r
}

/// `range_iterator.__setstate__(index)`: clamped to `0..=len`.
fn range_iter_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = own_iter(vm, a, vm.g.types.range_iter, "__setstate__")?;
    let i = setstate_index(vm, a[1])?.max(0) as u64;
    set_raw(o, 0, i.min(get_raw(o, 1)));
    Ok(Value::NONE)
}

/// `__reduce__` of the dict and set iterators, as CPython's: `(iter,
/// (list,))` of the items still to come, read without advancing `a[0]`.
fn table_iter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let t = vm.type_of(a[0]);
    let tt = &vm.g.types;
    let which = if t == tt.dict_keyiter || t == tt.set_iter {
        0
    } else if t == tt.dict_valueiter {
        1
    } else if t == tt.dict_itemiter {
        2
    } else {
        let t = vm.g.types.dict_keyiter;
        own_iter(vm, a, t, "__reduce__")?;
        0
    };
    let o = Obj::from_value(a[0]).expect("an iterator");
    let out = vm.new_list(&[]);
    let mark = vm.push_root(out);
    let r = (|| {
        let src = Obj::from_value(o.get(0));
        // A set iterator walks a snapshot tuple of the items in CPython's order.
        if let Some(snap) = src.filter(|s| s.kind() == Kind::TUPLE) {
            for e in get_raw(o, 0) as usize..snap.n_values() {
                vm.list_append(out, snap.get(e));
            }
        } else if let Some(so) = src.filter(|s| s.kind() == Kind::DICT || s.kind() == Kind::SET) {
            let tab = ldict::table(so);
            let n = ldict::used(tab).min(ldict::cap(tab));
            for e in get_raw(o, 0) as usize..n {
                if let Some((key, v, _)) = ldict::live_entry(tab, e) {
                    let item = match which {
                        0 => key,
                        1 => v,
                        _ => vm.new_tuple(&[key, v]),
                    };
                    vm.list_append(out, item);
                }
            }
        }
        iter_call(vm, out, None)
    })();
    vm.pop_roots(mark);
    r
}

/// `callable_iterator.__reduce__`: `(iter, (callable, sentinel))`, or
/// `(iter, ((),))` once exhausted.
fn call_iter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let o = own_iter(vm, a, vm.g.types.call_iter, "__reduce__")?;
    let src = o.get(0);
    if src.is_empty() {
        let e = vm.new_tuple(&[]);
        return iter_call(vm, e, None);
    }
    let iter = builtin_iter(vm)?;
    let mark = vm.push_root(iter);
    let args = vm.new_tuple(&[src, o.get(1)]);
    vm.push_root(args);
    let r = vm.new_tuple(&[iter, args]);
    vm.pop_roots(mark);
    Ok(r)
}

/// Which builtin iterator type a `__reduce__` belongs to (its index in
/// `vm.g.iternext`, set by `init` in this order).
#[derive(Clone, Copy)]
enum Reduce {
    Enumerate,
    Zip,
    Map,
    Filter,
}

/// `__reduce__` of enumerate, zip, map and filter, as CPython's: the type
/// and the arguments that rebuild the iterator from its current inner
/// iterators (`(enumerate, (it, index))`, `(zip, its)` plus `True` as the
/// state of a strict zip, `(map, (func, *its))`, `(filter, (func, it))`).
fn misc_reduce(vm: &mut Vm, a: &[Value], k: Value, which: Reduce, tname: &str) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let cls = vm.type_of(a[0]);
    let t =
        vm.g.iternext
            .get()
            .map_or(Value::NONE, |s| s[which as usize].0);
    let o = match Obj::from_value(a[0]) {
        Some(o) if vm.isinstance(a[0], t) => o,
        _ => {
            let tn = vm.type_name_of(a[0]);
            return Err(vm.type_error(&format!(
                "descriptor '__reduce__' for '{tname}' objects doesn't apply to a '{tn}' object"
            )));
        }
    };
    let mark = vm.push_root(cls);
    let args = match which {
        Reduce::Enumerate => vm.new_tuple(&[o.get(0), o.get(1)]),
        Reduce::Zip => o.get(0),
        Reduce::Filter => vm.new_tuple(&[o.get(0), o.get(1)]),
        Reduce::Map => {
            let mut items = vec![o.get(0)];
            items.extend(vm.seq_items(o.get(1)));
            vm.new_tuple(&items)
        }
    };
    vm.push_root(args);
    let r = if matches!(which, Reduce::Zip) && o.get(1) == Value::TRUE {
        vm.new_tuple(&[cls, args, Value::TRUE])
    } else {
        vm.new_tuple(&[cls, args])
    };
    vm.pop_roots(mark);
    Ok(r)
}

fn enumerate_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    misc_reduce(vm, a, k, Reduce::Enumerate, "enumerate")
}
fn zip_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    misc_reduce(vm, a, k, Reduce::Zip, "zip")
}
fn map_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    misc_reduce(vm, a, k, Reduce::Map, "map")
}
fn filter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    misc_reduce(vm, a, k, Reduce::Filter, "filter")
}

/// `zip.__setstate__(strict)`: sets strictness from the state's truth, as
/// CPython's `zip_setstate`.
fn zip_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let zip_t =
        vm.g.iternext
            .get()
            .map_or(Value::NONE, |s| s[Reduce::Zip as usize].0);
    let Some(o) = Obj::from_value(a[0]).filter(|_| vm.isinstance(a[0], zip_t)) else {
        return Err(vm.type_error("descriptor '__setstate__' requires a 'zip' object"));
    };
    let strict = vm.truthy(a[1])?;
    vm.store(o, 1, Value::bool(strict));
    Ok(Value::NONE)
}

// enumerate: K_MISC [iter, count]
fn enumerate_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let [it, start] = clinic::unpack(vm, "enumerate", &a[1..], k, ["iterable", "start"], 0, 1, 2)?;
    let it = it.expect("unpack checked the required argument");
    let start = match start {
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
    let r = step(vm, o)?;
    vm.next_or_stop(r)
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

/// A tuple of `iter(x)` for each of `xs`, in order. Each iterator made is
/// rooted while the next `__iter__` runs: Python code there reaches a
/// safepoint, and a collection would free an iterator held only in a
/// native vector (`zip(row, ordered_set)` then zipped a freed object).
/// (An `__iter__` that raises propagates its own exception.)
fn iterators_tuple(vm: &mut Vm, xs: &[Value]) -> PyResult<Value> {
    let mark = vm.ctx.stack().top();
    let r = (|| {
        for &x in xs {
            let it = vm.iter(x)?;
            vm.push_root(it);
        }
        Ok(())
    })();
    let t = r.map(|()| {
        let its: Vec<Value> = (0..xs.len()).map(|i| vm.root_at(mark + i)).collect();
        vm.new_tuple(&its)
    });
    vm.pop_roots(mark);
    t
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
    let t = iterators_tuple(vm, &args.pos[1..])?;
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
    // One iterable, the common case, without a heap vector.
    let t = if let [x] = args.pos[2..] {
        let it = vm.iter(x)?;
        vm.new_tuple(&[it])
    } else {
        iterators_tuple(vm, &args.pos[2..])?
    };
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
    let tp = vm.type_of(v);
    // An exact tuple or str has no `__reversed__` and is a sequence: no
    // lookups.
    let plain_seq = Obj::from_value(v).is_some_and(|o| {
        (o.kind() == Kind::TUPLE && tp == vm.g.types.tuple)
            || (o.kind() == Kind::STR && tp == vm.g.types.str_)
    });
    if plain_seq {
        let n = vm.len(v)?;
        return Ok(new_reversed(vm, a[0], v, n));
    }
    // `__reversed__ = None` blocks the sequence protocol, as CPython.
    if vm.lookup_type(tp, vm.g.names.__reversed__) == Some(Value::NONE) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("'{tn}' object is not reversible")));
    }
    if let Some(r) = vm.call_special(v, vm.g.names.__reversed__, &[])? {
        return Ok(r);
    }
    if vm.lookup_type(tp, vm.g.names.__len__).is_none()
        || vm.lookup_type(tp, vm.g.names.__getitem__).is_none()
    {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("'{tn}' object is not reversible")));
    }
    let n = vm.len(v)?;
    Ok(new_reversed(vm, a[0], v, n))
}

/// A `reversed` object of class `cls` over the sequence `v` of `n` items.
fn new_reversed(vm: &mut Vm, cls: Value, v: Value, n: usize) -> Value {
    let mark = vm.push_root(v);
    let o = vm.alloc_obj(K_MISC, cls, 1, 8);
    vm.pop_roots(mark);
    o.init(0, v);
    set_raw(o, 0, (n as i64 - 1) as u64);
    o.value()
}

// A `reversed` over a sequence (CPython's reversedobject): value 0 the
// sequence (EMPTY once exhausted), raw word 0 the next index (-1: none).

fn reversed_this(vm: &mut Vm, v: Value, name: &str) -> PyResult<Obj> {
    let t = vm.intern("reversed");
    let rt = vm.dict_get_str(vm.g.builtins, t).unwrap_or(Value::NONE);
    match Obj::from_value(v) {
        Some(o) if o.kind() == K_MISC && o.n_values() == 1 && vm.isinstance(v, rt) => Ok(o),
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for 'reversed' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn reversed_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = reversed_this(vm, a[0], "__next__")?;
    let r = reversed_step(vm, o)?;
    vm.next_or_stop(r)
}

/// One step of a `reversed` object (one value slot, checked by
/// `reversed_this` or by `reversed_checked_step`): `Ok(None)` when exhausted.
fn reversed_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let seq = o.get(0);
    let i = get_raw(o, 0) as i64;
    if i >= 0 && !seq.is_empty() {
        match vm.getitem(seq, Value::int(i)) {
            Ok(item) => {
                set_raw(o, 0, (i - 1) as u64);
                return Ok(Some(item));
            }
            Err(e) => {
                let ie = vm.g.e.IndexError;
                let si = vm.g.e.StopIteration;
                if !vm.isinstance(e.0, ie) && !vm.isinstance(e.0, si) {
                    return Err(e);
                }
            }
        }
    }
    set_raw(o, 0, u64::MAX);
    vm.store(o, 0, Value::EMPTY);
    Ok(None)
}

/// `Vm::next`'s step for objects of exactly the class `reversed`
/// (`set_type_step`): the slot count checked as `reversed_this` does.
fn reversed_checked_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    if o.n_values() != 1 {
        reversed_this(vm, o.value(), "__next__")?;
    }
    reversed_step(vm, o)
}

// `list_reverseiterator` (CPython's listreviterobject): `reversed(list)`,
// reading the list live. Value 0 the list (EMPTY once exhausted), raw word
// 0 the next index (-1: none), as `reversed`'s layout.

/// The `list_reverseiterator` type, made at start-up.
static LIST_REVITER: std::sync::OnceLock<Value> = std::sync::OnceLock::new();

/// `list.__reversed__()`: an iterator from the last item down, over the
/// list as it is when each item is taken.
pub fn list_reversed(vm: &mut Vm, l: Value) -> PyResult<Value> {
    let t = *LIST_REVITER.get().expect("made at start-up");
    let Some(lo) = Obj::from_value(l).filter(|o| o.kind() == Kind::LIST) else {
        let tn = vm.type_name_of(l);
        return Err(vm.type_error(&format!(
            "descriptor '__reversed__' for 'list' objects doesn't apply to a '{tn}' object"
        )));
    };
    let n = proto_core::layouts::list::len(lo);
    let mark = vm.push_root(l);
    let o = vm.alloc_obj(K_MISC, t, 1, 8);
    vm.pop_roots(mark);
    o.init(0, l);
    set_raw(o, 0, (n as i64 - 1) as u64);
    Ok(o.value())
}

fn list_reviter_this(vm: &mut Vm, v: Value, name: &str) -> PyResult<Obj> {
    let t = *LIST_REVITER.get().expect("made at start-up");
    match Obj::from_value(v) {
        Some(o) if o.class() == t => Ok(o),
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' requires a 'list_reverseiterator' object but received a '{tn}'"
            )))
        }
    }
}

fn list_reviter_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let i = get_raw(o, 0) as i64;
    if let Some(l) = Obj::from_value(o.get(0)) {
        if i >= 0 {
            if let Some(item) = proto_core::layouts::list::get(l, i as usize) {
                set_raw(o, 0, (i - 1) as u64);
                return Ok(Some(item));
            }
        }
    }
    set_raw(o, 0, u64::MAX);
    vm.store(o, 0, Value::EMPTY);
    Ok(None)
}

fn list_reviter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = list_reviter_this(vm, a[0], "__next__")?;
    let r = list_reviter_step(vm, o)?;
    vm.next_or_stop(r)
}

fn list_reviter_length_hint(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = list_reviter_this(vm, a[0], "__length_hint__")?;
    let Some(l) = Obj::from_value(o.get(0)) else {
        return Ok(Value::int(0));
    };
    let left = get_raw(o, 0) as i64 + 1;
    let n = proto_core::layouts::list::len(l) as i64;
    Ok(Value::int(if left > n { 0 } else { left }))
}

/// `(reversed, (list,), index)`, or `(iter, ([],))` once exhausted.
fn list_reviter_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__reduce__", a, k, 0, 0)?;
    let o = list_reviter_this(vm, a[0], "__reduce__")?;
    let l = o.get(0);
    if l.is_empty() {
        let empty = vm.new_list(&[]);
        return iter_call(vm, empty, None);
    }
    let rk = vm.intern("reversed");
    let rt = vm.dict_get_str(vm.g.builtins, rk).unwrap_or(Value::NONE);
    let args = vm.new_tuple(&[l]);
    let mark = vm.push_root(args);
    let idx = vm.new_int(get_raw(o, 0) as i64);
    let r = vm.new_tuple(&[rt, args, idx]);
    vm.pop_roots(mark);
    Ok(r)
}

fn list_reviter_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = list_reviter_this(vm, a[0], "__setstate__")?;
    let i = vm.index(a[1])?;
    let Some(i) = vm.as_i64(i) else {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        ));
    };
    if let Some(l) = Obj::from_value(o.get(0)) {
        let n = proto_core::layouts::list::len(l) as i64;
        set_raw(o, 0, i.clamp(-1, n - 1) as u64);
    }
    Ok(Value::NONE)
}

fn reversed_length_hint(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = reversed_this(vm, a[0], "__length_hint__")?;
    let seq = o.get(0);
    if seq.is_empty() {
        return Ok(Value::int(0));
    }
    let position = get_raw(o, 0) as i64 + 1;
    let n = vm.len(seq)? as i64;
    Ok(Value::int(if n < position { 0 } else { position }))
}

fn reversed_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = reversed_this(vm, a[0], "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let seq = o.get(0);
    let mark = vm.push_root(Value::NONE);
    let r = if seq.is_empty() {
        let e = vm.new_tuple(&[]);
        vm.push_root(e);
        let args = vm.new_tuple(&[e]);
        vm.push_root(args);
        vm.new_tuple(&[cls, args])
    } else {
        let args = vm.new_tuple(&[seq]);
        vm.push_root(args);
        let idx = Value::int(get_raw(o, 0) as i64);
        vm.new_tuple(&[cls, args, idx])
    };
    vm.pop_roots(mark);
    Ok(r)
}

fn reversed_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = reversed_this(vm, a[0], "__setstate__")?;
    let i = vm.index(a[1])?;
    let Some(i) = vm.as_i64(i) else {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        ));
    };
    let seq = o.get(0);
    if !seq.is_empty() {
        let n = vm.len(seq)? as i64;
        set_raw(o, 0, i.clamp(-1, n - 1) as u64);
    }
    Ok(Value::NONE)
}

// ---------------------------------------------------------------- generators

fn gen_send(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.gen_send(a[0], a.get(1).copied().unwrap_or(Value::NONE))
}

fn gen_throw(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "throw", a, k, 1, 3)?;
    let e = throw_exception(vm, &a[1..])?;
    vm.gen_throw(a[0], e)
}

/// The exception `throw(typ[, val[, tb]])` raises, checked and normalised
/// as CPython's `_gen_throw` (generators, coroutines, async generators).
pub(crate) fn throw_exception(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let typ = args[0];
    let val = args.get(1).copied().unwrap_or(Value::NONE);
    let tb = args.get(2).copied().unwrap_or(Value::NONE);
    if !tb.is_none() && !Obj::from_value(tb).is_some_and(|o| o.kind() == K_TRACEBACK) {
        return Err(vm.type_error("throw() third argument must be a traceback object"));
    }
    let is_exc_type = Obj::from_value(typ).is_some_and(|o| o.kind() == K_TYPE)
        && vm.is_subtype(typ, vm.g.e.BaseException);
    let e = if is_exc_type {
        // An error instantiating the class is what the generator gets
        // thrown (CPython's normalization replaces the exception with it).
        let made = if vm.isinstance(val, typ) {
            Ok(val)
        } else if val.is_none() {
            vm.call(typ, &[], Value::EMPTY)
        } else if Obj::from_value(val).is_some_and(|o| o.kind() == Kind::TUPLE) {
            let items = vm.seq_items(val);
            vm.call(typ, &items, Value::EMPTY)
        } else {
            vm.call(typ, &[val], Value::EMPTY)
        };
        match made {
            Ok(e) if !vm.isinstance(e, vm.g.e.BaseException) => {
                let tn = vm.type_name_of(e);
                let r = vm.repr_string(typ)?;
                return Ok(vm
                    .type_error(&format!(
                        "calling {r} should have returned an instance of BaseException, not {tn}"
                    ))
                    .0);
            }
            Ok(e) => e,
            Err(x) => return Ok(x.0),
        }
    } else if vm.isinstance(typ, vm.g.e.BaseException) {
        if !val.is_none() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ
    } else {
        let tn = vm.type_name_of(typ);
        return Err(vm.type_error(&format!(
            "exceptions must be classes or instances deriving from BaseException, not {tn}"
        )));
    };
    if !tb.is_none() {
        let eo = Obj::from_value(e).expect("exception");
        vm.store(eo, EXC_TB, tb);
    }
    Ok(e)
}

fn gen_close(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.gen_close(a[0])
}

fn gen_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.gen_send(a[0], Value::NONE)
}

/// Registers the iterator types and returns (name, type) pairs for builtins.
pub fn init(vm: &mut Vm) -> PyResult<()> {
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
    for t in [
        vm.g.types.list_iter,
        vm.g.types.tuple_iter,
        vm.g.types.seq_iter,
    ] {
        vm.add_method(t, "__reduce__", seq_iter_reduce);
        vm.add_method(t, "__setstate__", seq_iter_setstate);
    }
    let tt = &vm.g.types;
    let (si, bi, bai, ri) = (tt.str_iter, tt.bytes_iter, tt.bytearray_iter, tt.range_iter);
    let table_iters = [
        tt.dict_keyiter,
        tt.dict_valueiter,
        tt.dict_itemiter,
        tt.set_iter,
    ];
    let ci = tt.call_iter;
    vm.add_method(si, "__reduce__", str_iter_reduce);
    vm.add_method(si, "__setstate__", str_iter_setstate);
    for t in [bi, bai] {
        vm.add_method(t, "__reduce__", bytes_iter_reduce);
        vm.add_method(t, "__setstate__", bytes_iter_setstate);
    }
    vm.add_method(ri, "__reduce__", range_iter_reduce);
    vm.add_method(ri, "__setstate__", range_iter_setstate);
    for t in table_iters {
        vm.add_method(t, "__reduce__", table_iter_reduce);
    }
    vm.add_method(ci, "__reduce__", call_iter_reduce);
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
    let reducers: [NativeFn; 4] = [enumerate_reduce, zip_reduce, map_reduce, filter_reduce];
    for (&(t, _), r) in steps.iter().zip(reducers) {
        vm.add_method(t, "__reduce__", r);
    }
    vm.add_method(steps[1].0, "__setstate__", zip_setstate);
    vm.add_static(
        steps[0].0,
        "__class_getitem__",
        super::genericalias::class_getitem,
        true,
    );
    let lr = vm.new_static_type("list_reverseiterator", obj, Kind(K_MISC.0), false);
    let _ = LIST_REVITER.set(lr);
    vm.add_method(lr, "__iter__", iter_self);
    vm.add_method(lr, "__next__", list_reviter_next);
    vm.add_method(lr, "__length_hint__", list_reviter_length_hint);
    vm.add_method(lr, "__reduce__", list_reviter_reduce);
    vm.add_method(lr, "__setstate__", list_reviter_setstate);
    let mut all_steps = steps.to_vec();
    all_steps.push((lr, list_reviter_step as IterNextFn));
    if let Some(od_it) = super::ordereddict::iter_type(vm) {
        all_steps.push((od_it, super::ordereddict::iter_step as IterNextFn));
    }
    let ai = crate::modules::array::init_iter_type(vm);
    all_steps.push((ai, crate::modules::array::iter_step as IterNextFn));
    for &(t, step) in &all_steps {
        set_type_step(Obj::from_value(t).expect("type"), step);
    }
    // Set once, by this one init of the interpreter's builtins.
    let _ = vm.g.iternext.set(all_steps.into_boxed_slice());
    let rt = vm.new_static_type("reversed", obj, Kind(K_MISC.0), true);
    set_type_step(Obj::from_value(rt).expect("type"), reversed_checked_step);
    vm.add_static(rt, "__new__", reversed_new, false);
    vm.add_method(rt, "__iter__", iter_self);
    vm.add_method(rt, "__next__", reversed_next);
    vm.add_method(rt, "__length_hint__", reversed_length_hint);
    vm.add_method(rt, "__reduce__", reversed_reduce);
    vm.add_method(rt, "__setstate__", reversed_setstate);
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
    let _ = set_raw;
    Ok(())
}
