//! The `itertools` module (CPython 3.11's `Modules/itertoolsmodule.c`):
//! count, cycle, repeat, accumulate, chain, compress, dropwhile,
//! filterfalse, groupby (with `_grouper`), islice, pairwise, starmap,
//! takewhile, tee (with `_tee` and `_tee_dataobject`), zip_longest,
//! product, permutations, combinations and combinations_with_replacement,
//! as subclassable types with CPython's argument checks, reprs,
//! `__length_hint__`, `__copy__` and 3.11's `__reduce__`/`__setstate__`.
//!
//! Layout: every object is `K_MISC` with a fixed number of value slots per
//! type (listed beside each type's constants; `EMPTY` stands for CPython's
//! NULL and never reaches Python code). As for the builtin iterators
//! (`enumerate`, `map`...), instances of Python subclasses use the same
//! layout and carry no `__dict__`. A method checks its receiver's type
//! (by the native class in its MRO and the slot count) before reading a
//! slot.
//!
//! Threads: an object may be shared. Every slot write goes through the
//! write barrier and is one whole word. Steps that run no Python code
//! (count on ints and floats, repeat, product, permutations, combinations,
//! a cycle replaying its saved items, a tee reading buffered items) hold
//! the object's lock, so each `next()` is atomic as under CPython's GIL.
//! Steps that call Python code (an inner iterator, a predicate, a key)
//! do not hold it; racing calls may then see each other's updates in any
//! order, or raise (a tee's "cannot re-enter"), but never crash. Values
//! used after a call into Python code are rooted first.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::{Obj, Value};

fn nkw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

// ------------------------------------------------------------------ common

/// The receiver `v` as an object of the itertools type `tname` with `n`
/// slots (an instance of it or of a Python subclass).
fn recv(vm: &mut Vm, v: Value, tname: &str, n: usize, what: &str) -> PyResult<Obj> {
    if let Some(o) = Obj::from_value(v) {
        if o.kind() == K_MISC && o.n_values() == n && native_class_named(o.class(), tname) {
            return Ok(o);
        }
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!(
        "descriptor '{what}' for 'itertools.{tname}' objects doesn't apply to a '{tn}' object"
    )))
}

/// Is the first non-heap class of `cls`'s MRO the static type `tname`?
fn native_class_named(cls: Value, tname: &str) -> bool {
    let Some(co) = Obj::from_value(cls) else {
        return false;
    };
    let named = |t: Obj| str_bytes(t.get(T_NAME)) == tname.as_bytes();
    if !is_heap_type(cls) {
        return named(co);
    }
    let mro = type_mro(co);
    for i in 0..mro.n_values() {
        if let Some(t) = Obj::from_value(mro.get(i)) {
            if !is_heap_type(t.value()) {
                return named(t);
            }
        }
    }
    false
}

/// Allocates an object of `cls` with `vals` as its slots.
fn alloc(vm: &mut Vm, cls: Value, vals: &[Value]) -> Value {
    let o = vm.alloc_obj(K_MISC, cls, vals.len(), 0);
    for (i, &v) in vals.iter().enumerate() {
        o.init(i, v);
    }
    o.value()
}

fn iter_self(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

/// `$next`, the `__next__` of the itertools type `$tname` (objects with
/// `$n` slots), as its step `$step` (`Ok(None)`: StopIteration); and
/// `$checked`, the step that `init` gives the type (`set_type_step`), which
/// `Vm::next` runs on the type's own objects instead of their `__next__`.
/// It checks the slot count as `recv` does (every constructor of the type
/// makes that many), so that a step never reads past an object's slots.
macro_rules! next_via_step {
    ($next:ident, $step:ident, $checked:ident, $tname:expr, $n:expr) => {
        fn $next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            let o = recv(vm, a[0], $tname, $n, "__next__")?;
            let r = $step(vm, o)?;
            vm.next_or_stop(r)
        }
        fn $checked(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
            if o.kind() != K_MISC || o.n_values() != $n {
                recv(vm, o.value(), $tname, $n, "__next__")?;
            }
            $step(vm, o)
        }
    };
}

/// The types whose own objects `Vm::next` steps without `__next__`.
const STEPS: &[(&str, IterNextFn)] = &[
    ("count", count_checked),
    ("cycle", cycle_checked),
    ("repeat", repeat_checked),
    ("accumulate", accumulate_checked),
    ("chain", chain_checked),
    ("compress", compress_checked),
    ("filterfalse", filterfalse_checked),
    ("starmap", starmap_checked),
    ("dropwhile", dropwhile_checked),
    ("takewhile", takewhile_checked),
    ("groupby", groupby_checked),
    ("_grouper", grouper_checked),
    ("islice", islice_checked),
    ("pairwise", pairwise_checked),
    ("zip_longest", zip_longest_checked),
    ("product", product_checked),
    ("permutations", permutations_checked),
    ("combinations", combinations_checked),
    ("combinations_with_replacement", cwr_checked),
    ("_tee", tee_checked),
];

/// Runs `f` holding `o`'s lock when `o` is shared. `f` must not run Python
/// code (it may allocate).
fn locked<R>(vm: &mut Vm, o: Obj, f: impl FnOnce(&mut Vm) -> R) -> R {
    let shared = o.is_shared();
    if shared {
        vm.ctx.lock_object(o);
    }
    let r = f(vm);
    if shared {
        vm.ctx.unlock_object(o);
    }
    r
}

/// `next(it)` with `keep` rooted meanwhile.
fn next_rooted(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    let mark = vm.push_root(it);
    let r = vm.next(it);
    vm.pop_roots(mark);
    r
}

fn call1(vm: &mut Vm, f: Value, x: Value) -> PyResult<Value> {
    let mark = vm.push_root(f);
    vm.push_root(x);
    let r = vm.call(f, &[x], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

fn truthy_rooted(vm: &mut Vm, v: Value) -> PyResult<bool> {
    if v == Value::TRUE {
        return Ok(true);
    }
    if v == Value::FALSE || v.is_none() {
        return Ok(false);
    }
    let mark = vm.push_root(v);
    let r = vm.truthy(v);
    vm.pop_roots(mark);
    r
}

/// `Py_ssize_t` argument (`__index__`, then the 64-bit range).
fn ssize(vm: &mut Vm, v: Value) -> PyResult<i64> {
    crate::args::py_ssize_t(vm, v)
}

/// Slot `i` of `o` as an i64 (an int stored with [`Vm::new_int`]: counters
/// and sizes up to `sys.maxsize` need more than a small int's range).
fn slot_i64(vm: &Vm, o: Obj, i: usize) -> i64 {
    vm.as_i64(o.get(i)).unwrap_or(0)
}

fn tuple_items(v: Value) -> Vec<Value> {
    Obj::from_value(v).map_or(Vec::new(), |o| {
        (0..o.n_values()).map(|i| o.get(i)).collect()
    })
}

fn int_list_get(v: Value, i: usize) -> i64 {
    Obj::from_value(v)
        .and_then(|o| proto_core::layouts::list::get(o, i))
        .and_then(|x| x.as_int())
        .unwrap_or(0)
}

/// Writes `x` into item `i` of the fresh/locked int list `l`.
fn int_list_set(vm: &mut Vm, l: Value, i: usize, x: i64) {
    if let Some(o) = Obj::from_value(l) {
        proto_core::layouts::list::set(&mut vm.ctx, o, i, Value::int(x));
    }
}

fn int_list_len(v: Value) -> usize {
    Obj::from_value(v).map_or(0, proto_core::layouts::list::len)
}

fn int_list(vm: &mut Vm, items: &[i64]) -> Value {
    let vals: Vec<Value> = items.iter().map(|&i| Value::int(i)).collect();
    vm.new_list(&vals)
}

fn int_list_tuple(vm: &mut Vm, l: Value) -> Value {
    let n = int_list_len(l);
    let vals: Vec<Value> = (0..n).map(|i| Value::int(int_list_get(l, i))).collect();
    vm.new_tuple(&vals)
}

// ------------------------------------------------------------------ count

// count: [cnt, step]
const COUNT_N: usize = 2;

fn count_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [start, step] = clinic::unpack(vm, "count", &a[1..], k, ["start", "step"], 0, 0, 2)?;
    let start = start.unwrap_or(Value::int(0));
    let step = step.unwrap_or(Value::int(1));
    if !vm.is_number(start) || !vm.is_number(step) {
        return Err(vm.type_error("a number is required"));
    }
    Ok(alloc(vm, a[0], &[start, step]))
}

fn count_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    loop {
        let (cnt, step) = (o.get(0), o.get(1));
        // Small ints and floats: one locked step.
        let quick = |vm: &mut Vm| -> Option<Value> {
            let (c, s) = (o.get(0), o.get(1));
            let next = if let (Some(x), Some(y)) = (c.as_int(), s.as_int()) {
                vm.new_int(x.checked_add(y)?)
            } else if let (Some(x), Some(y)) = (c.as_float(), s.as_float()) {
                vm.new_float(x + y)
            } else {
                return None;
            };
            vm.store(o, 0, next);
            Some(c)
        };
        if let Some(v) = locked(vm, o, quick) {
            return Ok(Some(v));
        }
        let mark = vm.push_root(cnt);
        vm.push_root(step);
        let next = vm.binary_op(engine::bytecode::BinaryOperator::Add, cnt, step);
        vm.pop_roots(mark);
        let next = next?;
        // Store only if no other thread moved the counter meanwhile.
        let stored = locked(vm, o, |vm| {
            if o.get(0) == cnt {
                vm.store(o, 0, next);
                true
            } else {
                false
            }
        });
        if stored {
            return Ok(Some(cnt));
        }
    }
}
next_via_step!(count_next, count_next_step, count_checked, "count", COUNT_N);

/// Is `v` the int 1 (count's default step, left out of its repr)?
fn is_int_one(vm: &Vm, v: Value) -> bool {
    v.as_int() == Some(1)
        || Obj::from_value(v)
            .is_some_and(|o| o.kind() == K_NUMSUB && vm.as_i64(o.get(1)) == Some(1))
}

fn count_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "count", COUNT_N, "__repr__")?;
    let name = type_short_name(vm, a[0]);
    let (cnt, step) = (o.get(0), o.get(1));
    let c = vm.repr_string(cnt)?;
    let s = if is_int_one(vm, step) {
        format!("{name}({c})")
    } else {
        let st = vm.repr_string(step)?;
        format!("{name}({c}, {st})")
    };
    Ok(vm.new_str(&s))
}

/// `_PyType_Name`: the type's `__name__` after the last dot.
fn type_short_name(vm: &Vm, v: Value) -> String {
    let t = vm.type_of(v);
    Obj::from_value(t).map_or(String::new(), |o| str_of(o.get(T_NAME)).into_owned())
}

fn count_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "count", COUNT_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let (cnt, step) = (o.get(0), o.get(1));
    let args = if is_int_one(vm, step)
        && cnt.as_float().is_none()
        && !vm.isinstance(cnt, vm.g.types.float)
    {
        vm.new_tuple(&[cnt])
    } else {
        vm.new_tuple(&[cnt, step])
    };
    Ok(vm.new_tuple(&[cls, args]))
}

// ------------------------------------------------------------------ cycle

// cycle: [it (EMPTY once exhausted), saved (list), index, firstpass]
const CYCLE_N: usize = 4;

fn positional(
    vm: &mut Vm,
    name: &str,
    a: &[Value],
    k: Value,
    min: usize,
    max: usize,
) -> PyResult<()> {
    clinic::positional(vm, name, name, &a[1..], k, min, max)
}

fn cycle_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, "cycle", a, k, 1, 1)?;
    let it = vm.iter(a[1])?;
    let mark = vm.push_root(it);
    let saved = vm.new_list(&[]);
    let r = alloc(vm, a[0], &[it, saved, Value::int(0), Value::FALSE]);
    vm.pop_roots(mark);
    Ok(r)
}

fn cycle_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let it = o.get(0);
    if !it.is_empty() {
        if let Some(item) = next_rooted(vm, it)? {
            if o.get(3) != Value::TRUE {
                let saved = o.get(1);
                vm.list_append(saved, item);
            }
            return Ok(Some(item));
        }
        vm.store(o, 0, Value::EMPTY);
    }
    let r = locked(vm, o, |vm| {
        let saved = Obj::from_value(o.get(1))?;
        let n = proto_core::layouts::list::len(saved);
        if n == 0 {
            return None;
        }
        let i = (o.get(2).as_int().unwrap_or(0).max(0) as usize).min(n - 1);
        let item = proto_core::layouts::list::get(saved, i)?;
        let ni = if i + 1 >= n { 0 } else { i + 1 };
        vm.store(o, 2, Value::int(ni as i64));
        Some(item)
    });
    Ok(r)
}
next_via_step!(cycle_next, cycle_next_step, cycle_checked, "cycle", CYCLE_N);

fn cycle_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "cycle", CYCLE_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let it = o.get(0);
        if it.is_empty() {
            // (type, (iter(saved[index:]),), (saved, True)): the copy
            // finishes the current pass, then cycles `saved` from its start.
            let saved = o.get(1);
            let items = vm.seq_items(saved);
            let idx = (o.get(2).as_int().unwrap_or(0).max(0) as usize).min(items.len());
            let l = vm.new_list(&items[idx..]);
            vm.push_root(l);
            let li = vm.iter(l)?;
            vm.push_root(li);
            let args = vm.new_tuple(&[li]);
            vm.push_root(args);
            let st = vm.new_tuple(&[saved, Value::TRUE]);
            vm.push_root(st);
            return Ok(vm.new_tuple(&[cls, args, st]));
        }
        let args = vm.new_tuple(&[it]);
        vm.push_root(args);
        let st = vm.new_tuple(&[o.get(1), o.get(3)]);
        vm.push_root(st);
        Ok(vm.new_tuple(&[cls, args, st]))
    })();
    vm.pop_roots(mark);
    r
}

fn cycle_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], "cycle", CYCLE_N, "__setstate__")?;
    let st = a[1];
    let parts = match Obj::from_value(st) {
        Some(t) if t.kind() == Kind::TUPLE => tuple_items(st),
        _ => return Err(vm.type_error("state is not a tuple")),
    };
    let ok = parts.len() == 2
        && Obj::from_value(parts[0]).is_some_and(|l| l.kind() == Kind::LIST)
        && (parts[1].is_int() || parts[1].is_bool());
    if !ok {
        return Err(vm.type_error("cycle.__setstate__ expects (list, bool)"));
    }
    let first = vm.truthy(parts[1])?;
    let saved = vm.new_list(&vm.seq_items(parts[0]));
    vm.store(o, 1, saved);
    vm.store(o, 3, Value::bool(first));
    vm.store(o, 2, Value::int(0));
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ repeat

// repeat: [obj, cnt (-1: forever)]
const REPEAT_N: usize = 2;

fn repeat_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [obj, times] = clinic::unpack(vm, "repeat", &a[1..], k, ["object", "times"], 0, 1, 2)?;
    let cnt = match times {
        Some(t) => ssize(vm, t)?.max(0),
        None => -1,
    };
    let c = vm.new_int(cnt);
    Ok(alloc(vm, a[0], &[obj.expect("required"), c]))
}

fn repeat_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let r = locked(vm, o, |vm| {
        let c = slot_i64(vm, o, 1);
        if c == 0 {
            return None;
        }
        if c > 0 {
            let n = vm.new_int(c - 1);
            vm.store(o, 1, n);
        }
        Some(o.get(0))
    });
    Ok(r)
}
next_via_step!(
    repeat_next,
    repeat_next_step,
    repeat_checked,
    "repeat",
    REPEAT_N
);

fn repeat_length_hint(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "repeat", REPEAT_N, "__length_hint__")?;
    let c = slot_i64(vm, o, 1);
    if c == -1 {
        return Err(vm.type_error("len() of unsized object"));
    }
    Ok(vm.new_int(c))
}

fn repeat_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "repeat", REPEAT_N, "__repr__")?;
    let name = type_short_name(vm, a[0]);
    let r = vm.repr_string(o.get(0))?;
    let c = slot_i64(vm, o, 1);
    let s = if c == -1 {
        format!("{name}({r})")
    } else {
        format!("{name}({r}, {c})")
    };
    Ok(vm.new_str(&s))
}

fn repeat_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "repeat", REPEAT_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let c = slot_i64(vm, o, 1);
    let args = if c == -1 {
        vm.new_tuple(&[o.get(0)])
    } else {
        let cv = vm.new_int(c);
        vm.new_tuple(&[o.get(0), cv])
    };
    Ok(vm.new_tuple(&[cls, args]))
}

// ------------------------------------------------------------------ accumulate

// accumulate: [total (EMPTY before the first), it, func, initial]
const ACC_N: usize = 4;

fn accumulate_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [iterable, func, initial] = clinic::unpack(
        vm,
        "accumulate",
        &a[1..],
        k,
        ["iterable", "func", "initial"],
        0,
        1,
        2,
    )?;
    let it = vm.iter(iterable.expect("required"))?;
    Ok(alloc(
        vm,
        a[0],
        &[
            Value::EMPTY,
            it,
            func.unwrap_or(Value::NONE),
            initial.unwrap_or(Value::NONE),
        ],
    ))
}

fn accumulate_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let initial = o.get(3);
    if !initial.is_none() {
        vm.store(o, 0, initial);
        vm.store(o, 3, Value::NONE);
        return Ok(Some(initial));
    }
    let Some(val) = next_rooted(vm, o.get(1))? else {
        return Ok(None);
    };
    let total = o.get(0);
    let newtotal = if total.is_empty() {
        val
    } else {
        let func = o.get(2);
        let mark = vm.push_root(val);
        vm.push_root(total);
        vm.push_root(func);
        let r = if func.is_none() {
            vm.binary_op(engine::bytecode::BinaryOperator::Add, total, val)
        } else {
            vm.call(func, &[total, val], Value::EMPTY)
        };
        vm.pop_roots(mark);
        r?
    };
    vm.store(o, 0, newtotal);
    Ok(Some(newtotal))
}
next_via_step!(
    accumulate_next,
    accumulate_next_step,
    accumulate_checked,
    "accumulate",
    ACC_N
);

fn accumulate_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "accumulate", ACC_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let mark = vm.push_root(cls);
    let r = (|| {
        let (total, it, func, initial) = (o.get(0), o.get(1), o.get(2), o.get(3));
        if !initial.is_none() {
            // (type, (chain((initial,), it), func), None)
            let chain_t = type_of_name(vm, "chain")?;
            let one = vm.new_tuple(&[initial]);
            vm.push_root(one);
            let ch = vm.call(chain_t, &[one, it], Value::EMPTY)?;
            vm.push_root(ch);
            let args = vm.new_tuple(&[ch, func]);
            vm.push_root(args);
            return Ok(vm.new_tuple(&[cls, args, Value::NONE]));
        }
        if total.is_none() {
            // A running total of None cannot be a state (None means "not
            // started"): islice(accumulate(chain((None,), it), func), 1, None).
            let chain_t = type_of_name(vm, "chain")?;
            let islice_t = type_of_name(vm, "islice")?;
            vm.push_root(islice_t);
            let one = vm.new_tuple(&[Value::NONE]);
            vm.push_root(one);
            let ch = vm.call(chain_t, &[one, it], Value::EMPTY)?;
            vm.push_root(ch);
            let acc = vm.call(cls, &[ch, func], Value::EMPTY)?;
            vm.push_root(acc);
            let args = vm.new_tuple(&[acc, Value::int(1), Value::NONE]);
            vm.push_root(args);
            return Ok(vm.new_tuple(&[islice_t, args]));
        }
        let args = vm.new_tuple(&[it, func]);
        vm.push_root(args);
        let st = if total.is_empty() { Value::NONE } else { total };
        Ok(vm.new_tuple(&[cls, args, st]))
    })();
    vm.pop_roots(mark);
    r
}

fn accumulate_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], "accumulate", ACC_N, "__setstate__")?;
    let v = if a[1].is_none() { Value::EMPTY } else { a[1] };
    vm.store(o, 0, v);
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ chain

// chain: [source (iterator of iterables, EMPTY when done), active (EMPTY)]
const CHAIN_N: usize = 2;

fn chain_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if nkw(k) > 0 {
        return Err(vm.type_error("chain() takes no keyword arguments"));
    }
    let t = vm.new_tuple(&a[1..]);
    let mark = vm.push_root(t);
    let src = vm.iter(t)?;
    vm.push_root(src);
    let r = alloc(vm, a[0], &[src, Value::EMPTY]);
    vm.pop_roots(mark);
    Ok(r)
}

fn chain_from_iterable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "chain.from_iterable", a, k, 1, 1)?;
    let src = vm.iter(a[1])?;
    let mark = vm.push_root(src);
    let r = alloc(vm, a[0], &[src, Value::EMPTY]);
    vm.pop_roots(mark);
    Ok(r)
}

fn chain_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    loop {
        let active = o.get(1);
        if !active.is_empty() {
            if let Some(v) = next_rooted(vm, active)? {
                return Ok(Some(v));
            }
            vm.store(o, 1, Value::EMPTY);
        }
        let src = o.get(0);
        if src.is_empty() {
            return Ok(None);
        }
        let Some(iterable) = next_rooted(vm, src)? else {
            vm.store(o, 0, Value::EMPTY);
            return Ok(None);
        };
        let mark = vm.push_root(iterable);
        let it = vm.iter(iterable);
        vm.pop_roots(mark);
        let it = it?;
        vm.store(o, 1, it);
    }
}
next_via_step!(chain_next, chain_next_step, chain_checked, "chain", CHAIN_N);

fn chain_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "chain", CHAIN_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let (src, active) = (o.get(0), o.get(1));
    let empty = vm.new_tuple(&[]);
    if src.is_empty() {
        return Ok(vm.new_tuple(&[cls, empty]));
    }
    let st = if active.is_empty() {
        vm.new_tuple(&[src])
    } else {
        vm.new_tuple(&[src, active])
    };
    Ok(vm.new_tuple(&[cls, empty, st]))
}

fn chain_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], "chain", CHAIN_N, "__setstate__")?;
    let st = a[1];
    if !Obj::from_value(st).is_some_and(|t| t.kind() == Kind::TUPLE) {
        return Err(vm.type_error("state is not a tuple"));
    }
    let parts = tuple_items(st);
    if parts.is_empty() || parts.len() > 2 {
        return Err(vm.type_error("state is not a length 1 or 2 tuple"));
    }
    let it_name = vm.intern("__next__");
    for &p in &parts {
        let t = vm.type_of(p);
        if vm.lookup_type(t, it_name).is_none() {
            let which = if p == parts[0] { "Arguments" } else { "Active" };
            return Err(vm.type_error(&format!("{which} must be an iterator.")));
        }
    }
    vm.store(o, 0, parts[0]);
    vm.store(o, 1, parts.get(1).copied().unwrap_or(Value::EMPTY));
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ compress, filterfalse, starmap

// compress: [data, selectors]; filterfalse / starmap: [func, it]
const PAIR_N: usize = 2;

fn compress_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, sel] = clinic::unpack(vm, "compress", &a[1..], k, ["data", "selectors"], 0, 2, 2)?;
    let d = vm.iter(data.expect("required"))?;
    let mark = vm.push_root(d);
    let s = vm.iter(sel.expect("required"));
    let r = s.map(|s| alloc(vm, a[0], &[d, s]));
    vm.pop_roots(mark);
    r
}

fn compress_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    loop {
        let Some(d) = next_rooted(vm, o.get(0))? else {
            return Ok(None);
        };
        let mark = vm.push_root(d);
        let r = (|| {
            let Some(s) = next_rooted(vm, o.get(1))? else {
                return Ok(None);
            };
            Ok(Some(truthy_rooted(vm, s)?))
        })();
        vm.pop_roots(mark);
        match r? {
            None => return Ok(None),
            Some(true) => return Ok(Some(d)),
            Some(false) => {}
        }
    }
}
next_via_step!(
    compress_next,
    compress_next_step,
    compress_checked,
    "compress",
    PAIR_N
);

fn two_arg_new(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, name, a, k, 2, 2)?;
    let it = vm.iter(a[2])?;
    Ok(alloc(vm, a[0], &[a[1], it]))
}

fn filterfalse_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    two_arg_new(vm, "filterfalse", a, k)
}

fn filterfalse_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    loop {
        let Some(item) = next_rooted(vm, o.get(1))? else {
            return Ok(None);
        };
        let func = o.get(0);
        let ok = if func.is_none() || func == vm.g.types.bool_ {
            truthy_rooted(vm, item)?
        } else {
            let mark = vm.push_root(item);
            let r = call1(vm, func, item).and_then(|r| truthy_rooted(vm, r));
            vm.pop_roots(mark);
            r?
        };
        if !ok {
            return Ok(Some(item));
        }
    }
}
next_via_step!(
    filterfalse_next,
    filterfalse_next_step,
    filterfalse_checked,
    "filterfalse",
    PAIR_N
);

fn starmap_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    two_arg_new(vm, "starmap", a, k)
}

fn starmap_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let Some(args) = next_rooted(vm, o.get(1))? else {
        return Ok(None);
    };
    let mark = vm.push_root(args);
    let r = (|| {
        let items = if Obj::from_value(args).is_some_and(|t| t.kind() == Kind::TUPLE) {
            tuple_items(args)
        } else {
            let (items, _) = vm.collect_rooted(args)?;
            items
        };
        let t = vm.new_tuple(&items);
        vm.push_root(t);
        let func = o.get(0);
        vm.push_root(func);
        vm.call(func, &items, Value::EMPTY)
    })();
    vm.pop_roots(mark);
    r.map(Some)
}
next_via_step!(
    starmap_next,
    starmap_next_step,
    starmap_checked,
    "starmap",
    PAIR_N
);

fn pair_reduce(vm: &mut Vm, a: &[Value], tname: &str) -> PyResult<Value> {
    let o = recv(vm, a[0], tname, PAIR_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let args = vm.new_tuple(&[o.get(0), o.get(1)]);
    Ok(vm.new_tuple(&[cls, args]))
}

fn compress_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pair_reduce(vm, a, "compress")
}
fn filterfalse_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pair_reduce(vm, a, "filterfalse")
}
fn starmap_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    pair_reduce(vm, a, "starmap")
}

// ------------------------------------------------------------------ dropwhile, takewhile

// dropwhile: [func, it, start]; takewhile: [func, it, stop]
const WHILE_N: usize = 3;

fn dropwhile_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, "dropwhile", a, k, 2, 2)?;
    let it = vm.iter(a[2])?;
    Ok(alloc(vm, a[0], &[a[1], it, Value::FALSE]))
}

fn takewhile_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, "takewhile", a, k, 2, 2)?;
    let it = vm.iter(a[2])?;
    Ok(alloc(vm, a[0], &[a[1], it, Value::FALSE]))
}

/// `bool(func(item))` with `item` rooted.
fn pred(vm: &mut Vm, func: Value, item: Value) -> PyResult<bool> {
    let mark = vm.push_root(item);
    let r = call1(vm, func, item).and_then(|r| truthy_rooted(vm, r));
    vm.pop_roots(mark);
    r
}

fn dropwhile_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    loop {
        let Some(item) = next_rooted(vm, o.get(1))? else {
            return Ok(None);
        };
        if o.get(2) == Value::TRUE {
            return Ok(Some(item));
        }
        if !pred(vm, o.get(0), item)? {
            vm.store(o, 2, Value::TRUE);
            return Ok(Some(item));
        }
    }
}
next_via_step!(
    dropwhile_next,
    dropwhile_next_step,
    dropwhile_checked,
    "dropwhile",
    WHILE_N
);

fn takewhile_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    if o.get(2) == Value::TRUE {
        return Ok(None);
    }
    let Some(item) = next_rooted(vm, o.get(1))? else {
        return Ok(None);
    };
    if pred(vm, o.get(0), item)? {
        return Ok(Some(item));
    }
    vm.store(o, 2, Value::TRUE);
    Ok(None)
}
next_via_step!(
    takewhile_next,
    takewhile_next_step,
    takewhile_checked,
    "takewhile",
    WHILE_N
);

fn while_reduce(vm: &mut Vm, a: &[Value], tname: &str) -> PyResult<Value> {
    let o = recv(vm, a[0], tname, WHILE_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let args = vm.new_tuple(&[o.get(0), o.get(1)]);
    let flag = Value::int(i64::from(o.get(2) == Value::TRUE));
    Ok(vm.new_tuple(&[cls, args, flag]))
}

fn while_setstate(vm: &mut Vm, a: &[Value], k: Value, tname: &str) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], tname, WHILE_N, "__setstate__")?;
    let b = vm.truthy(a[1])?;
    vm.store(o, 2, Value::bool(b));
    Ok(Value::NONE)
}

fn dropwhile_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    while_reduce(vm, a, "dropwhile")
}
fn takewhile_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    while_reduce(vm, a, "takewhile")
}
fn dropwhile_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    while_setstate(vm, a, k, "dropwhile")
}
fn takewhile_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    while_setstate(vm, a, k, "takewhile")
}

// ------------------------------------------------------------------ groupby

// groupby: [it, keyfunc, tgtkey, currkey, currvalue, currgrouper] (EMPTY: unset)
const GB_N: usize = 6;
const GB_IT: usize = 0;
const GB_KEYFUNC: usize = 1;
const GB_TGTKEY: usize = 2;
const GB_CURRKEY: usize = 3;
const GB_CURRVALUE: usize = 4;
const GB_CURRGROUPER: usize = 5;
// _grouper: [parent, tgtkey]
const GR_N: usize = 2;

fn groupby_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [iterable, key] = clinic::unpack(vm, "groupby", &a[1..], k, ["iterable", "key"], 0, 1, 2)?;
    let it = vm.iter(iterable.expect("required"))?;
    let e = Value::EMPTY;
    Ok(alloc(
        vm,
        a[0],
        &[it, key.unwrap_or(Value::NONE), e, e, e, e],
    ))
}

/// Reads the next value and its key into currvalue/currkey; false at the end.
fn groupby_step(vm: &mut Vm, g: Obj) -> PyResult<bool> {
    let Some(v) = next_rooted(vm, g.get(GB_IT))? else {
        return Ok(false);
    };
    let kf = g.get(GB_KEYFUNC);
    let key = if kf.is_none() {
        v
    } else {
        let mark = vm.push_root(v);
        let r = call1(vm, kf, v);
        vm.pop_roots(mark);
        r?
    };
    vm.store(g, GB_CURRVALUE, v);
    vm.store(g, GB_CURRKEY, key);
    Ok(true)
}

fn eq_rooted(vm: &mut Vm, x: Value, y: Value) -> PyResult<bool> {
    if x == y {
        return Ok(true);
    }
    let mark = vm.push_root(x);
    vm.push_root(y);
    let r = vm.eq(x, y);
    vm.pop_roots(mark);
    r
}

fn groupby_next_step(vm: &mut Vm, g: Obj) -> PyResult<Option<Value>> {
    vm.store(g, GB_CURRGROUPER, Value::EMPTY);
    loop {
        let currkey = g.get(GB_CURRKEY);
        if !currkey.is_empty() {
            let tgt = g.get(GB_TGTKEY);
            if tgt.is_empty() || !eq_rooted(vm, tgt, currkey)? {
                break;
            }
        }
        if !groupby_step(vm, g)? {
            return Ok(None);
        }
    }
    let key = g.get(GB_CURRKEY);
    vm.store(g, GB_TGTKEY, key);
    let gt = type_of_name(vm, "_grouper")?;
    let grouper = alloc(vm, gt, &[g.value(), key]);
    vm.store(g, GB_CURRGROUPER, grouper);
    Ok(Some(vm.new_tuple(&[key, grouper])))
}
next_via_step!(
    groupby_next,
    groupby_next_step,
    groupby_checked,
    "groupby",
    GB_N
);

fn groupby_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let g = recv(vm, a[0], "groupby", GB_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let args = vm.new_tuple(&[g.get(GB_IT), g.get(GB_KEYFUNC)]);
    let (t, c, v) = (g.get(GB_TGTKEY), g.get(GB_CURRKEY), g.get(GB_CURRVALUE));
    if t.is_empty() || c.is_empty() || v.is_empty() {
        return Ok(vm.new_tuple(&[cls, args]));
    }
    let st = vm.new_tuple(&[c, v, t]);
    Ok(vm.new_tuple(&[cls, args, st]))
}

fn groupby_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let g = recv(vm, a[0], "groupby", GB_N, "__setstate__")?;
    let parts = match Obj::from_value(a[1]) {
        Some(t) if t.kind() == Kind::TUPLE && t.n_values() == 3 => tuple_items(a[1]),
        _ => return Err(vm.type_error("state is not a tuple")),
    };
    vm.store(g, GB_CURRKEY, parts[0]);
    vm.store(g, GB_CURRVALUE, parts[1]);
    vm.store(g, GB_TGTKEY, parts[2]);
    Ok(Value::NONE)
}

fn grouper_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, "_grouper", a, k, 2, 2)?;
    if recv(vm, a[1], "groupby", GB_N, "_grouper").is_err() {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!(
            "_grouper() argument 1 must be itertools.groupby, not {tn}"
        )));
    }
    // As CPython's `_grouper_create`: the new grouper is its parent's
    // current one (an unpickled grouper and its unpickled parent resume).
    let r = alloc(vm, a[0], &[a[1], a[2]]);
    let g = Obj::from_value(a[1]).expect("groupby");
    vm.store(g, GB_CURRGROUPER, r);
    Ok(r)
}

fn grouper_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let Some(g) = Obj::from_value(o.get(0)) else {
        return Ok(None);
    };
    if g.get(GB_CURRGROUPER) != o.value() {
        return Ok(None);
    }
    if g.get(GB_CURRVALUE).is_empty() && !groupby_step(vm, g)? {
        return Ok(None);
    }
    if !eq_rooted(vm, o.get(1), g.get(GB_CURRKEY))? {
        return Ok(None);
    }
    let r = g.get(GB_CURRVALUE);
    vm.store(g, GB_CURRVALUE, Value::EMPTY);
    vm.store(g, GB_CURRKEY, Value::EMPTY);
    if r.is_empty() {
        return Ok(None);
    }
    Ok(Some(r))
}
next_via_step!(
    grouper_next,
    grouper_next_step,
    grouper_checked,
    "_grouper",
    GR_N
);

fn grouper_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "_grouper", GR_N, "__reduce__")?;
    let g = Obj::from_value(o.get(0));
    if g.is_some_and(|g| g.get(GB_CURRGROUPER) == a[0]) {
        let cls = vm.type_of(a[0]);
        let args = vm.new_tuple(&[o.get(0), o.get(1)]);
        return Ok(vm.new_tuple(&[cls, args]));
    }
    // An exhausted grouper pickles as iter(()).
    let n = vm.intern("iter");
    let it = vm.dict_get_str(vm.g.builtins, n).unwrap_or(Value::NONE);
    let empty = vm.new_tuple(&[]);
    let args = vm.new_tuple(&[empty]);
    Ok(vm.new_tuple(&[it, args]))
}

// ------------------------------------------------------------------ islice

// islice: [it (EMPTY when done), next, stop (-1: none), step, cnt]
const IS_N: usize = 5;

fn islice_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, "islice", a, k, 2, 4)?;
    let seq = a[1];
    let args = &a[2..];
    let bad_stop = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let bad_idx = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let conv = |vm: &mut Vm, v: Value, msg: &str| -> PyResult<i64> {
        if !vm.is_int_like(v) {
            let t = vm.type_of(v);
            let n = vm.g.names.__index__;
            if vm.lookup_type(t, n).is_none() {
                return Err(vm.value_error(msg));
            }
        }
        let i = vm.index(v)?;
        match vm.as_i64(i) {
            Some(x) if x >= 0 => Ok(x),
            // Negative, or past sys.maxsize.
            _ => Err(vm.value_error(msg)),
        }
    };
    let (mut start, mut stop, mut step) = (0i64, -1i64, 1i64);
    if args.len() == 1 {
        if !args[0].is_none() {
            stop = conv(vm, args[0], bad_stop)?;
        }
    } else {
        if !args[0].is_none() {
            start = conv(vm, args[0], bad_idx)?;
        }
        if !args[1].is_none() {
            stop = conv(vm, args[1], bad_stop)?;
        }
    }
    if args.len() == 3 && !args[2].is_none() {
        let msg = "Step for islice() must be a positive integer or None.";
        step = conv(vm, args[2], msg).map_err(|_| vm.value_error(msg))?;
        if step == 0 {
            return Err(vm.value_error(msg));
        }
    }
    let it = vm.iter(seq)?;
    let mark = vm.push_root(it);
    let vals = [start, stop, step].map(|x| vm.new_int(x));
    let r = alloc(vm, a[0], &[it, vals[0], vals[1], vals[2], Value::int(0)]);
    vm.pop_roots(mark);
    Ok(r)
}

fn islice_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let it = o.get(0);
    if it.is_empty() {
        return Ok(None);
    }
    let stop = slot_i64(vm, o, 2);
    let bump = |vm: &mut Vm, i: usize, by: i64| {
        let n = vm.new_int(slot_i64(vm, o, i).saturating_add(by));
        vm.store(o, i, n);
    };
    let mark = vm.push_root(it);
    let r = (|| {
        while slot_i64(vm, o, 4) < slot_i64(vm, o, 1) {
            if vm.next(it)?.is_none() {
                return Ok(None);
            }
            bump(vm, 4, 1);
        }
        if stop != -1 && slot_i64(vm, o, 4) >= stop {
            return Ok(None);
        }
        let Some(item) = vm.next(it)? else {
            return Ok(None);
        };
        bump(vm, 4, 1);
        let old = slot_i64(vm, o, 1);
        let mut next = old.wrapping_add(slot_i64(vm, o, 3));
        if next < old || (stop != -1 && next > stop) {
            next = stop;
        }
        let nv = vm.new_int(next);
        vm.store(o, 1, nv);
        Ok(Some(item))
    })();
    vm.pop_roots(mark);
    match r? {
        Some(v) => Ok(Some(v)),
        None => {
            vm.store(o, 0, Value::EMPTY);
            Ok(None)
        }
    }
}
next_via_step!(
    islice_next,
    islice_next_step,
    islice_checked,
    "islice",
    IS_N
);

fn islice_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "islice", IS_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let it = o.get(0);
    if it.is_empty() {
        // (type, (iter([]), 0), 0)
        let l = vm.new_list(&[]);
        let li = vm.iter(l)?;
        let args = vm.new_tuple(&[li, Value::int(0)]);
        return Ok(vm.new_tuple(&[cls, args, Value::int(0)]));
    }
    let stop = if slot_i64(vm, o, 2) == -1 {
        Value::NONE
    } else {
        o.get(2)
    };
    let args = vm.new_tuple(&[it, o.get(1), stop, o.get(3)]);
    Ok(vm.new_tuple(&[cls, args, o.get(4)]))
}

fn islice_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], "islice", IS_N, "__setstate__")?;
    let c = ssize(vm, a[1])?;
    let cv = vm.new_int(c);
    vm.store(o, 4, cv);
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ pairwise

// pairwise: [it (EMPTY when done), old (EMPTY)]
const PW_N: usize = 2;

fn pairwise_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, "pairwise", a, k, 1, 1)?;
    let it = vm.iter(a[1])?;
    Ok(alloc(vm, a[0], &[it, Value::EMPTY]))
}

fn pairwise_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let it = o.get(0);
    if it.is_empty() {
        return Ok(None);
    }
    let mut old = o.get(1);
    if old.is_empty() {
        match next_rooted(vm, it)? {
            Some(v) => {
                old = v;
                vm.store(o, 1, v);
            }
            None => {
                vm.store(o, 0, Value::EMPTY);
                return Ok(None);
            }
        }
    }
    let mark = vm.push_root(old);
    let new = next_rooted(vm, it);
    vm.pop_roots(mark);
    let Some(new) = new? else {
        vm.store(o, 0, Value::EMPTY);
        vm.store(o, 1, Value::EMPTY);
        return Ok(None);
    };
    let t = vm.new_tuple(&[old, new]);
    vm.store(o, 1, new);
    Ok(Some(t))
}
next_via_step!(
    pairwise_next,
    pairwise_next_step,
    pairwise_checked,
    "pairwise",
    PW_N
);

// ------------------------------------------------------------------ zip_longest

// zip_longest: [iterators (list; None once exhausted), numactive, fillvalue]
const ZL_N: usize = 3;

fn zip_longest_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut fill = Value::NONE;
    let nk = nkw(k);
    if let Some(ko) = Obj::from_value(k) {
        for i in 0..nk {
            if &*str_of(ko.get(i)) == "fillvalue" && nk == 1 {
                fill = a[a.len() - nk + i];
            } else {
                return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
            }
        }
    }
    let srcs = &a[1..a.len() - nk];
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let l = vm.new_list(&[]);
        vm.push_root(l);
        for &s in srcs {
            let it = vm.iter(s)?;
            vm.list_append(l, it);
        }
        Ok(alloc(vm, a[0], &[l, Value::int(srcs.len() as i64), fill]))
    })();
    vm.pop_roots(mark);
    r
}

fn zip_longest_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let its = o.get(0);
    let n = int_list_len(its);
    if n == 0 || o.get(1).as_int().unwrap_or(0) == 0 {
        return Ok(None);
    }
    let holder = vm.new_list(&[]);
    let mark = vm.push_root(holder);
    let r = (|| {
        for i in 0..n {
            let it = vm.seq_get(its, i).unwrap_or(Value::NONE);
            let item = if it.is_none() {
                o.get(2)
            } else {
                match vm.next(it)? {
                    Some(v) => v,
                    None => {
                        let left = o.get(1).as_int().unwrap_or(1) - 1;
                        vm.store(o, 1, Value::int(left));
                        if left <= 0 {
                            return Ok(None);
                        }
                        if let Some(l) = Obj::from_value(its) {
                            vm.with_lock(l, |ctx| {
                                proto_core::layouts::list::set(ctx, l, i, Value::NONE)
                            });
                        }
                        o.get(2)
                    }
                }
            };
            vm.list_append(holder, item);
        }
        let items = vm.seq_items(holder);
        Ok(Some(vm.new_tuple(&items)))
    })();
    vm.pop_roots(mark);
    r
}
next_via_step!(
    zip_longest_next,
    zip_longest_next_step,
    zip_longest_checked,
    "zip_longest",
    ZL_N
);

fn zip_longest_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "zip_longest", ZL_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let mut its = vm.seq_items(o.get(0));
        for it in its.iter_mut() {
            if it.is_none() {
                let e = vm.new_tuple(&[]);
                vm.push_root(e);
                *it = vm.iter(e)?;
                vm.push_root(*it);
            }
        }
        let args = vm.new_tuple(&its);
        vm.push_root(args);
        Ok(vm.new_tuple(&[cls, args, o.get(2)]))
    })();
    vm.pop_roots(mark);
    r
}

fn zip_longest_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], "zip_longest", ZL_N, "__setstate__")?;
    vm.store(o, 2, a[1]);
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ product, permutations, combinations

/// The most index words a combinatoric iterator allocates; beyond it (as
/// CPython's failing `PyMem_New`) `MemoryError`.
const MAX_INDICES: i64 = 1 << 26;

fn too_many(vm: &mut Vm, n: i64) -> PyResult<()> {
    if n > MAX_INDICES {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    Ok(())
}

// product: [pools (tuple of tuples), indices (int list), result (EMPTY before the first), stopped]
const PR_N: usize = 4;
// permutations: [pool, indices, cycles, result, r, stopped]
const PM_N: usize = 6;
// combinations / combinations_with_replacement: [pool, indices, result, r, stopped]
const CB_N: usize = 5;

fn product_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nk = nkw(k);
    let mut repeat = 1i64;
    if let Some(ko) = Obj::from_value(k) {
        for i in 0..nk {
            let name = str_of(ko.get(i)).into_owned();
            if name == "repeat" {
                repeat = ssize(vm, a[a.len() - nk + i])?;
            } else {
                return Err(vm.type_error(&format!(
                    "'{name}' is an invalid keyword argument for product()"
                )));
            }
        }
    }
    if repeat < 0 {
        return Err(vm.value_error("repeat argument cannot be negative"));
    }
    let srcs = &a[1..a.len() - nk];
    let nargs = srcs.len() as i64;
    if repeat > 0 && nargs > i64::MAX / 8 / repeat {
        return Err(vm.new_exc(vm.g.e.OverflowError, "repeat argument too large"));
    }
    too_many(vm, nargs * repeat)?;
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let mut pools = Vec::new();
        for &s in srcs {
            let (items, _) = vm.collect_rooted(s)?;
            let t = vm.new_tuple(&items);
            vm.push_root(t);
            pools.push(t);
        }
        let mut all = Vec::new();
        if repeat > 0 {
            for _ in 0..repeat {
                all.extend_from_slice(&pools);
            }
        }
        let pt = vm.new_tuple(&all);
        vm.push_root(pt);
        let idx = int_list(vm, &vec![0; all.len()]);
        vm.push_root(idx);
        Ok(alloc(vm, a[0], &[pt, idx, Value::EMPTY, Value::FALSE]))
    })();
    vm.pop_roots(mark);
    r
}

fn pool_item(pool: Value, i: i64) -> Value {
    Obj::from_value(pool)
        .filter(|p| (i as usize) < p.n_values() && i >= 0)
        .map_or(Value::NONE, |p| p.get(i as usize))
}

fn product_step(vm: &mut Vm, o: Obj) -> Option<Value> {
    if o.get(3) == Value::TRUE {
        return None;
    }
    let pools_t = Obj::from_value(o.get(0))?;
    let npools = pools_t.n_values();
    let pools = |i: usize| pools_t.get(i);
    let idx = o.get(1);
    let plen = |p: Value| Obj::from_value(p).map_or(0, |x| x.n_values() as i64);
    if o.get(2).is_empty() {
        if (0..npools).any(|i| plen(pools(i)) == 0) {
            vm.store(o, 3, Value::TRUE);
            return None;
        }
        let items: Vec<Value> = (0..npools).map(|i| pool_item(pools(i), 0)).collect();
        let t = vm.new_tuple(&items);
        vm.store(o, 2, t);
        return Some(t);
    }
    if npools == 0 {
        vm.store(o, 3, Value::TRUE);
        return None;
    }
    let mut items = tuple_items(o.get(2));
    let mut i = npools;
    loop {
        if i == 0 {
            vm.store(o, 3, Value::TRUE);
            return None;
        }
        i -= 1;
        let pool = pools(i);
        let n = int_list_get(idx, i) + 1;
        if n == plen(pool) {
            int_list_set(vm, idx, i, 0);
            items[i] = pool_item(pool, 0);
        } else {
            int_list_set(vm, idx, i, n);
            items[i] = pool_item(pool, n);
            break;
        }
    }
    let t = vm.new_tuple(&items);
    vm.store(o, 2, t);
    Some(t)
}

fn product_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let r = locked(vm, o, |vm| product_step(vm, o));
    Ok(r)
}
next_via_step!(
    product_next,
    product_next_step,
    product_checked,
    "product",
    PR_N
);

fn product_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "product", PR_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    if o.get(3) == Value::TRUE {
        let e = vm.new_tuple(&[]);
        let args = vm.new_tuple(&[e]);
        return Ok(vm.new_tuple(&[cls, args]));
    }
    if o.get(2).is_empty() {
        return Ok(vm.new_tuple(&[cls, o.get(0)]));
    }
    let st = int_list_tuple(vm, o.get(1));
    Ok(vm.new_tuple(&[cls, o.get(0), st]))
}

/// `__setstate__` of the combinatoric iterators: the indices, each clamped
/// to its pool, then the result rebuilt from them.
fn indices_from_state(vm: &mut Vm, st: Value, n: usize) -> PyResult<Vec<i64>> {
    let ok = Obj::from_value(st).is_some_and(|t| t.kind() == Kind::TUPLE && t.n_values() == n);
    if !ok {
        return Err(vm.value_error("invalid arguments"));
    }
    let mut out = Vec::with_capacity(n);
    for v in tuple_items(st) {
        out.push(ssize(vm, v)?);
    }
    Ok(out)
}

fn product_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], "product", PR_N, "__setstate__")?;
    let pools = tuple_items(o.get(0));
    let idx = indices_from_state(vm, a[1], pools.len())?;
    let mut items = Vec::new();
    let mut clamped = Vec::new();
    for (&p, &i) in pools.iter().zip(&idx) {
        let n = Obj::from_value(p).map_or(0, |x| x.n_values() as i64);
        if n == 0 {
            vm.store(o, 3, Value::TRUE);
            return Ok(Value::NONE);
        }
        let i = i.clamp(0, n - 1);
        clamped.push(i);
        items.push(pool_item(p, i));
    }
    let l = int_list(vm, &clamped);
    vm.store(o, 1, l);
    let t = vm.new_tuple(&items);
    vm.store(o, 2, t);
    Ok(Value::NONE)
}

fn pool_and_r(
    vm: &mut Vm,
    name: &str,
    a: &[Value],
    k: Value,
    r_required: bool,
) -> PyResult<(Value, i64)> {
    let (minpos, _) = if r_required { (2, 2) } else { (1, 2) };
    let [iterable, r] = clinic::unpack(vm, name, &a[1..], k, ["iterable", "r"], 0, minpos, 2)?;
    let (items, mark) = vm.collect_rooted(iterable.expect("required"))?;
    let pool = vm.new_tuple(&items);
    vm.pop_roots(mark);
    let n = items.len() as i64;
    let r = match r.filter(|v| !v.is_none() || r_required) {
        Some(v) => {
            let mark = vm.push_root(pool);
            let x = ssize(vm, v);
            vm.pop_roots(mark);
            x?
        }
        None => n,
    };
    if r < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok((pool, r))
}

fn permutations_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (pool, r) = pool_and_r(vm, "permutations", a, k, false)?;
    too_many(vm, r)?;
    let mark = vm.push_root(pool);
    let n = Obj::from_value(pool).map_or(0, |p| p.n_values()) as i64;
    let indices: Vec<i64> = (0..n).collect();
    let idx = int_list(vm, &indices);
    vm.push_root(idx);
    let cycles: Vec<i64> = (0..r.min(n)).map(|i| n - i).collect();
    let cyc = int_list(vm, &cycles);
    vm.push_root(cyc);
    let stopped = Value::bool(r > n);
    let rv = vm.new_int(r);
    let o = alloc(vm, a[0], &[pool, idx, cyc, Value::EMPTY, rv, stopped]);
    vm.pop_roots(mark);
    Ok(o)
}

fn permutations_step(vm: &mut Vm, o: Obj) -> Option<Value> {
    if o.get(5) == Value::TRUE {
        return None;
    }
    let pool = o.get(0);
    let (idx, cyc) = (o.get(1), o.get(2));
    let n = Obj::from_value(pool).map_or(0, |p| p.n_values());
    let r = slot_i64(vm, o, 4).max(0) as usize;
    let build = |vm: &mut Vm| {
        let items: Vec<Value> = (0..r)
            .map(|i| pool_item(pool, int_list_get(idx, i)))
            .collect();
        vm.new_tuple(&items)
    };
    if o.get(3).is_empty() {
        let t = build(vm);
        vm.store(o, 3, t);
        return Some(t);
    }
    if n == 0 {
        vm.store(o, 5, Value::TRUE);
        return None;
    }
    let mut i = r;
    loop {
        if i == 0 {
            vm.store(o, 5, Value::TRUE);
            return None;
        }
        i -= 1;
        let c = int_list_get(cyc, i) - 1;
        if c <= 0 {
            // Rotate indices[i:] left by one.
            let first = int_list_get(idx, i);
            for j in i..n - 1 {
                let v = int_list_get(idx, j + 1);
                int_list_set(vm, idx, j, v);
            }
            int_list_set(vm, idx, n - 1, first);
            int_list_set(vm, cyc, i, (n - i) as i64);
        } else {
            int_list_set(vm, cyc, i, c);
            let j = n.saturating_sub(c as usize);
            let (x, y) = (int_list_get(idx, i), int_list_get(idx, j));
            int_list_set(vm, idx, i, y);
            int_list_set(vm, idx, j, x);
            break;
        }
    }
    let t = build(vm);
    vm.store(o, 3, t);
    Some(t)
}

fn permutations_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let r = locked(vm, o, |vm| permutations_step(vm, o));
    Ok(r)
}
next_via_step!(
    permutations_next,
    permutations_next_step,
    permutations_checked,
    "permutations",
    PM_N
);

fn permutations_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "permutations", PM_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let r = o.get(4);
    if o.get(5) == Value::TRUE {
        // permutations((), r): as exhausted as this one (r > 0 here, or
        // r > len(pool) from the start).
        let e = vm.new_tuple(&[]);
        let args = vm.new_tuple(&[e, r]);
        return Ok(vm.new_tuple(&[cls, args]));
    }
    let args = vm.new_tuple(&[o.get(0), r]);
    if o.get(3).is_empty() {
        return Ok(vm.new_tuple(&[cls, args]));
    }
    let it = int_list_tuple(vm, o.get(1));
    let ct = int_list_tuple(vm, o.get(2));
    let st = vm.new_tuple(&[it, ct]);
    Ok(vm.new_tuple(&[cls, args, st]))
}

fn permutations_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], "permutations", PM_N, "__setstate__")?;
    let n = Obj::from_value(o.get(0)).map_or(0, |p| p.n_values());
    let r = slot_i64(vm, o, 4).max(0) as usize;
    let parts = match Obj::from_value(a[1]) {
        Some(t) if t.kind() == Kind::TUPLE && t.n_values() == 2 => tuple_items(a[1]),
        _ => return Err(vm.type_error("state is not a tuple")),
    };
    let idx = indices_from_state(vm, parts[0], n)?;
    let cyc = indices_from_state(vm, parts[1], r)?;
    let idx: Vec<i64> = idx
        .iter()
        .map(|&i| i.clamp(0, n.saturating_sub(1) as i64))
        .collect();
    let cyc: Vec<i64> = cyc
        .iter()
        .enumerate()
        .map(|(i, &c)| c.clamp(1, (n - i) as i64))
        .collect();
    let il = int_list(vm, &idx);
    vm.store(o, 1, il);
    let cl = int_list(vm, &cyc);
    vm.store(o, 2, cl);
    let pool = o.get(0);
    let items: Vec<Value> = idx[..r.min(idx.len())]
        .iter()
        .map(|&i| pool_item(pool, i))
        .collect();
    let t = vm.new_tuple(&items);
    vm.store(o, 3, t);
    Ok(Value::NONE)
}

fn combinations_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    comb_new(vm, "combinations", a, k, false)
}

fn cwr_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    comb_new(vm, "combinations_with_replacement", a, k, true)
}

fn comb_new(vm: &mut Vm, name: &str, a: &[Value], k: Value, repl: bool) -> PyResult<Value> {
    let (pool, r) = pool_and_r(vm, name, a, k, true)?;
    too_many(vm, r)?;
    let mark = vm.push_root(pool);
    let n = Obj::from_value(pool).map_or(0, |p| p.n_values()) as i64;
    let indices: Vec<i64> = if repl {
        vec![0; r as usize]
    } else {
        (0..r).collect()
    };
    let idx = int_list(vm, &indices);
    vm.push_root(idx);
    let stopped = Value::bool(if repl { n == 0 && r > 0 } else { r > n });
    let rv = vm.new_int(r);
    let o = alloc(vm, a[0], &[pool, idx, Value::EMPTY, rv, stopped]);
    vm.pop_roots(mark);
    Ok(o)
}

fn comb_step(vm: &mut Vm, o: Obj, repl: bool) -> Option<Value> {
    if o.get(4) == Value::TRUE {
        return None;
    }
    let pool = o.get(0);
    let idx = o.get(1);
    let n = Obj::from_value(pool).map_or(0, |p| p.n_values()) as i64;
    let r = slot_i64(vm, o, 3).max(0);
    let build = |vm: &mut Vm| {
        let items: Vec<Value> = (0..r as usize)
            .map(|i| pool_item(pool, int_list_get(idx, i)))
            .collect();
        vm.new_tuple(&items)
    };
    if o.get(2).is_empty() {
        let t = build(vm);
        vm.store(o, 2, t);
        return Some(t);
    }
    // The rightmost index that can still move.
    let mut i = r - 1;
    if repl {
        while i >= 0 && int_list_get(idx, i as usize) == n - 1 {
            i -= 1;
        }
    } else {
        while i >= 0 && int_list_get(idx, i as usize) == i + n - r {
            i -= 1;
        }
    }
    if i < 0 {
        vm.store(o, 4, Value::TRUE);
        return None;
    }
    let v = int_list_get(idx, i as usize) + 1;
    int_list_set(vm, idx, i as usize, v);
    for j in (i + 1)..r {
        let nv = if repl {
            v
        } else {
            int_list_get(idx, (j - 1) as usize) + 1
        };
        int_list_set(vm, idx, j as usize, nv);
    }
    let t = build(vm);
    vm.store(o, 2, t);
    Some(t)
}

fn combinations_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let r = locked(vm, o, |vm| comb_step(vm, o, false));
    Ok(r)
}
next_via_step!(
    combinations_next,
    combinations_next_step,
    combinations_checked,
    "combinations",
    CB_N
);

fn cwr_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let r = locked(vm, o, |vm| comb_step(vm, o, true));
    Ok(r)
}
next_via_step!(
    cwr_next,
    cwr_next_step,
    cwr_checked,
    "combinations_with_replacement",
    CB_N
);

fn comb_reduce(vm: &mut Vm, a: &[Value], tname: &str) -> PyResult<Value> {
    let o = recv(vm, a[0], tname, CB_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    if o.get(4) == Value::TRUE {
        let e = vm.new_tuple(&[]);
        let args = vm.new_tuple(&[e, o.get(3)]);
        return Ok(vm.new_tuple(&[cls, args]));
    }
    let args = vm.new_tuple(&[o.get(0), o.get(3)]);
    if o.get(2).is_empty() {
        return Ok(vm.new_tuple(&[cls, args]));
    }
    let st = int_list_tuple(vm, o.get(1));
    Ok(vm.new_tuple(&[cls, args, st]))
}

fn comb_setstate(vm: &mut Vm, a: &[Value], k: Value, tname: &str, repl: bool) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], tname, CB_N, "__setstate__")?;
    let r = slot_i64(vm, o, 3).max(0) as usize;
    let n = Obj::from_value(o.get(0)).map_or(0, |p| p.n_values()) as i64;
    let idx = indices_from_state(vm, a[1], r)?;
    let idx: Vec<i64> = idx
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let max = if repl { n - 1 } else { i as i64 + n - r as i64 };
            x.clamp(0, max.max(0))
        })
        .collect();
    let l = int_list(vm, &idx);
    vm.store(o, 1, l);
    let pool = o.get(0);
    let items: Vec<Value> = idx.iter().map(|&i| pool_item(pool, i)).collect();
    let t = vm.new_tuple(&items);
    vm.store(o, 2, t);
    Ok(Value::NONE)
}

fn combinations_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    comb_reduce(vm, a, "combinations")
}
fn cwr_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    comb_reduce(vm, a, "combinations_with_replacement")
}
fn combinations_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    comb_setstate(vm, a, k, "combinations", false)
}
fn cwr_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    comb_setstate(vm, a, k, "combinations_with_replacement", true)
}

// ------------------------------------------------------------------ tee

/// Values buffered per `_tee_dataobject` (CPython's LINKCELLS).
const LINKCELLS: usize = 57;
// _tee_dataobject: [it, nextlink (EMPTY), numread, running, values...]
const TD_IT: usize = 0;
const TD_NEXT: usize = 1;
const TD_NUMREAD: usize = 2;
const TD_RUNNING: usize = 3;
const TD_VALUES: usize = 4;
const TD_N: usize = TD_VALUES + LINKCELLS;
// _tee: [dataobj, index]
const TEE_N: usize = 2;

fn teedata_alloc(vm: &mut Vm, it: Value) -> PyResult<Value> {
    let t = type_of_name(vm, "_tee_dataobject")?;
    let mut vals = vec![Value::EMPTY; TD_N];
    vals[TD_IT] = it;
    vals[TD_NUMREAD] = Value::int(0);
    vals[TD_RUNNING] = Value::FALSE;
    Ok(alloc(vm, t, &vals))
}

/// Item `i` of the data object `d`: buffered, or read from the iterator
/// by the leading tee.
fn teedata_get(vm: &mut Vm, d: Obj, i: usize) -> PyResult<Option<Value>> {
    let numread = d.get(TD_NUMREAD).as_int().unwrap_or(0) as usize;
    if i < numread {
        return Ok(Some(d.get(TD_VALUES + i)));
    }
    // Claim the reader role (test-and-set under the object's lock).
    let claimed = locked(vm, d, |vm| {
        if d.get(TD_RUNNING) == Value::TRUE {
            false
        } else {
            vm.store(d, TD_RUNNING, Value::TRUE);
            true
        }
    });
    if !claimed {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "cannot re-enter the tee iterator"));
    }
    // Another reader may have filled the cell meanwhile.
    let numread = d.get(TD_NUMREAD).as_int().unwrap_or(0) as usize;
    if i < numread {
        vm.store(d, TD_RUNNING, Value::FALSE);
        return Ok(Some(d.get(TD_VALUES + i)));
    }
    let it = d.get(TD_IT);
    let r = if it.is_empty() {
        Ok(None)
    } else {
        next_rooted(vm, it)
    };
    let r = match r {
        Ok(Some(v)) if numread < LINKCELLS => {
            vm.store(d, TD_VALUES + numread, v);
            vm.store(d, TD_NUMREAD, Value::int(numread as i64 + 1));
            Ok(Some(v))
        }
        other => other,
    };
    vm.store(d, TD_RUNNING, Value::FALSE);
    r
}

/// The data object after `d` (made on first use).
fn teedata_next(vm: &mut Vm, d: Obj) -> PyResult<Value> {
    let n = d.get(TD_NEXT);
    if !n.is_empty() {
        return Ok(n);
    }
    let nd = teedata_alloc(vm, d.get(TD_IT))?;
    locked(vm, d, |vm| {
        if d.get(TD_NEXT).is_empty() {
            vm.store(d, TD_NEXT, nd);
        }
    });
    Ok(d.get(TD_NEXT))
}

fn tee_from_iterable(vm: &mut Vm, cls: Value, iterable: Value) -> PyResult<Value> {
    let it = vm.iter(iterable)?;
    // An existing tee is copied.
    if let Some(o) = Obj::from_value(it) {
        if o.kind() == K_MISC && o.n_values() == TEE_N && native_class_named(o.class(), "_tee") {
            let tt = type_of_name(vm, "_tee")?;
            return Ok(alloc(vm, tt, &[o.get(0), o.get(1)]));
        }
    }
    let mark = vm.push_root(it);
    let r = teedata_alloc(vm, it).map(|d| {
        vm.push_root(d);
        alloc(vm, cls, &[d, Value::int(0)])
    });
    vm.pop_roots(mark);
    r
}

fn tee_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, "_tee", a, k, 1, 1)?;
    tee_from_iterable(vm, a[0], a[1])
}

fn tee_next_step(vm: &mut Vm, o: Obj) -> PyResult<Option<Value>> {
    let mut idx = o.get(1).as_int().unwrap_or(0) as usize;
    let mut d = o.get(0);
    if idx >= LINKCELLS {
        let Some(dobj) = Obj::from_value(d) else {
            return Ok(None);
        };
        d = teedata_next(vm, dobj)?;
        vm.store(o, 0, d);
        vm.store(o, 1, Value::int(0));
        idx = 0;
    }
    let Some(dobj) = Obj::from_value(d) else {
        return Ok(None);
    };
    let mark = vm.push_root(d);
    let r = teedata_get(vm, dobj, idx);
    vm.pop_roots(mark);
    match r? {
        Some(v) => {
            if o.get(0) == d {
                vm.store(o, 1, Value::int(idx as i64 + 1));
            }
            Ok(Some(v))
        }
        None => Ok(None),
    }
}
next_via_step!(tee_next, tee_next_step, tee_checked, "_tee", TEE_N);

fn tee_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "_tee", TEE_N, "__copy__")?;
    let cls = vm.type_of(a[0]);
    Ok(alloc(vm, cls, &[o.get(0), o.get(1)]))
}

fn tee_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "_tee", TEE_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let e = vm.new_tuple(&[]);
    let args = vm.new_tuple(&[e]);
    let st = vm.new_tuple(&[o.get(0), o.get(1)]);
    Ok(vm.new_tuple(&[cls, args, st]))
}

fn tee_setstate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__setstate__", a, k, 1, 1)?;
    let o = recv(vm, a[0], "_tee", TEE_N, "__setstate__")?;
    let parts = match Obj::from_value(a[1]) {
        Some(t) if t.kind() == Kind::TUPLE && t.n_values() == 2 => tuple_items(a[1]),
        _ => return Err(vm.type_error("state is not a tuple")),
    };
    if recv(vm, parts[0], "_tee_dataobject", TD_N, "__setstate__").is_err() {
        let tn = vm.type_name_of(parts[0]);
        return Err(vm.type_error(&format!(
            "_tee.__setstate__() argument 1 must be itertools._tee_dataobject, not {tn}"
        )));
    }
    let i = ssize(vm, parts[1])?;
    if i < 0 || i > LINKCELLS as i64 {
        return Err(vm.value_error("Index out of range"));
    }
    vm.store(o, 0, parts[0]);
    vm.store(o, 1, Value::int(i));
    Ok(Value::NONE)
}

/// `_tee_dataobject(iterable, values, next)`.
fn teedata_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    positional(vm, "_tee_dataobject", a, k, 3, 3)?;
    let (it, values, next) = (a[1], a[2], a[3]);
    if !Obj::from_value(values).is_some_and(|l| l.kind() == Kind::LIST) {
        let tn = vm.type_name_of(values);
        return Err(vm.type_error(&format!(
            "_tee_dataobject() argument 2 must be list, not {tn}"
        )));
    }
    let items = vm.seq_items(values);
    if items.len() > LINKCELLS {
        return Err(vm.value_error("_tee_dataobject too large"));
    }
    let nextv = if next.is_none() {
        Value::EMPTY
    } else if recv(vm, next, "_tee_dataobject", TD_N, "__new__").is_ok() {
        if items.len() != LINKCELLS {
            return Err(vm.value_error("_tee_dataobject should have 57 items"));
        }
        next
    } else {
        return Err(vm.type_error("_tee_dataobject next must be a _tee_dataobject"));
    };
    let mut vals = vec![Value::EMPTY; TD_N];
    vals[TD_IT] = it;
    vals[TD_NEXT] = nextv;
    vals[TD_NUMREAD] = Value::int(items.len() as i64);
    vals[TD_RUNNING] = Value::FALSE;
    vals[TD_VALUES..TD_VALUES + items.len()].copy_from_slice(&items);
    Ok(alloc(vm, a[0], &vals))
}

fn teedata_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = recv(vm, a[0], "_tee_dataobject", TD_N, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let n = (o.get(TD_NUMREAD).as_int().unwrap_or(0) as usize).min(LINKCELLS);
    let vals: Vec<Value> = (0..n).map(|i| o.get(TD_VALUES + i)).collect();
    let l = vm.new_list(&vals);
    let mark = vm.push_root(l);
    let next = o.get(TD_NEXT);
    let next = if next.is_empty() { Value::NONE } else { next };
    let args = vm.new_tuple(&[o.get(TD_IT), l, next]);
    vm.pop_roots(mark);
    Ok(vm.new_tuple(&[cls, args]))
}

/// `tee(iterable, n=2, /)`.
fn tee(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "tee", "tee", a, k, 1, 2)?;
    let n = match a.get(1) {
        Some(&v) => ssize(vm, v)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(vm.new_tuple(&[]));
    }
    let it = vm.iter(a[0])?;
    let mark = vm.push_root(it);
    let r = (|| {
        let copy_name = vm.intern("__copy__");
        let t = vm.type_of(it);
        let first = if vm.lookup_type(t, copy_name).is_some() {
            it
        } else {
            let tt = type_of_name(vm, "_tee")?;
            tee_from_iterable(vm, tt, it)?
        };
        vm.push_root(first);
        let copyfunc = vm.getattr(first, copy_name)?;
        vm.push_root(copyfunc);
        let holder = vm.new_list(&[first]);
        vm.push_root(holder);
        for _ in 1..n {
            let c = vm.call(copyfunc, &[], Value::EMPTY)?;
            vm.list_append(holder, c);
        }
        let items = vm.seq_items(holder);
        Ok(vm.new_tuple(&items))
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ module

/// The itertools type `name`, from the module's state (the tuple of its
/// types), so rebinding a module attribute changes nothing.
fn type_of_name(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let types = crate::modules::_struct::module_state(vm, "itertools", 0)?;
    for t in tuple_items(types) {
        if Obj::from_value(t).is_some_and(|o| str_of(o.get(T_NAME)) == name) {
            return Ok(t);
        }
    }
    Err(vm.new_exc(vm.g.e.SystemError, &format!("itertools.{name} is missing")))
}

type Methods = &'static [(&'static str, NativeFn)];

/// Creates the `itertools` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = crate::modules::_struct::new_module_with_state(vm, "itertools", 1);
    let mark = vm.push_root(m);
    let doc = vm.new_str(
        "Functional tools for creating and using iterators.\n\n\
Infinite iterators:\n\
count(start=0, step=1) --> start, start+step, start+2*step, ...\n\
cycle(p) --> p0, p1, ... plast, p0, p1, ...\n\
repeat(elem [,n]) --> elem, elem, elem, ... endlessly or up to n times\n",
    );
    vm.set_module_attr(m, "__doc__", doc);
    let modname = vm.new_str("itertools");
    vm.ctx.promote(modname);
    let specs: &[(&'static str, NativeFn, Methods, &str)] = &[
        ("count", count_new, &[("__next__", count_next), ("__repr__", count_repr), ("__reduce__", count_reduce)],
         "Return a count object whose .__next__() method returns consecutive values."),
        ("cycle", cycle_new, &[("__next__", cycle_next), ("__reduce__", cycle_reduce), ("__setstate__", cycle_setstate)],
         "Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely."),
        ("repeat", repeat_new, &[("__next__", repeat_next), ("__repr__", repeat_repr), ("__reduce__", repeat_reduce), ("__length_hint__", repeat_length_hint)],
         "repeat(object [,times]) -> create an iterator which returns the object\nfor the specified number of times.  If not specified, returns the object\nendlessly."),
        ("accumulate", accumulate_new, &[("__next__", accumulate_next), ("__reduce__", accumulate_reduce), ("__setstate__", accumulate_setstate)],
         "Return series of accumulated sums (or other binary function results)."),
        ("chain", chain_new, &[("__next__", chain_next), ("__reduce__", chain_reduce), ("__setstate__", chain_setstate)],
         "chain(*iterables) --> chain object\n\nReturn a chain object whose .__next__() method returns elements from the\nfirst iterable until it is exhausted, then elements from the next\niterable, until all of the iterables are exhausted."),
        ("compress", compress_new, &[("__next__", compress_next), ("__reduce__", compress_reduce)],
         "Return data elements corresponding to true selector elements."),
        ("dropwhile", dropwhile_new, &[("__next__", dropwhile_next), ("__reduce__", dropwhile_reduce), ("__setstate__", dropwhile_setstate)],
         "Drop items from the iterable while predicate(item) is true."),
        ("filterfalse", filterfalse_new, &[("__next__", filterfalse_next), ("__reduce__", filterfalse_reduce)],
         "Return those items of iterable for which function(item) is false."),
        ("groupby", groupby_new, &[("__next__", groupby_next), ("__reduce__", groupby_reduce), ("__setstate__", groupby_setstate)],
         "make an iterator that returns consecutive keys and groups from the iterable"),
        ("_grouper", grouper_new, &[("__next__", grouper_next), ("__reduce__", grouper_reduce)], ""),
        ("islice", islice_new, &[("__next__", islice_next), ("__reduce__", islice_reduce), ("__setstate__", islice_setstate)],
         "islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) --> islice object"),
        ("pairwise", pairwise_new, &[("__next__", pairwise_next)],
         "Return an iterator of overlapping pairs taken from the input iterator."),
        ("starmap", starmap_new, &[("__next__", starmap_next), ("__reduce__", starmap_reduce)],
         "Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence."),
        ("takewhile", takewhile_new, &[("__next__", takewhile_next), ("__reduce__", takewhile_reduce), ("__setstate__", takewhile_setstate)],
         "Return successive entries from an iterable as long as the predicate evaluates to true for each entry."),
        ("zip_longest", zip_longest_new, &[("__next__", zip_longest_next), ("__reduce__", zip_longest_reduce), ("__setstate__", zip_longest_setstate)],
         "zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object"),
        ("product", product_new, &[("__next__", product_next), ("__reduce__", product_reduce), ("__setstate__", product_setstate)],
         "product(*iterables, repeat=1) --> product object"),
        ("permutations", permutations_new, &[("__next__", permutations_next), ("__reduce__", permutations_reduce), ("__setstate__", permutations_setstate)],
         "Return successive r-length permutations of elements in the iterable."),
        ("combinations", combinations_new, &[("__next__", combinations_next), ("__reduce__", combinations_reduce), ("__setstate__", combinations_setstate)],
         "Return successive r-length combinations of elements in the iterable."),
        ("combinations_with_replacement", cwr_new, &[("__next__", cwr_next), ("__reduce__", cwr_reduce), ("__setstate__", cwr_setstate)],
         "Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats."),
        ("_tee", tee_new, &[("__next__", tee_next), ("__copy__", tee_copy), ("__reduce__", tee_reduce), ("__setstate__", tee_setstate)],
         "Iterator wrapped to make it copyable."),
        ("_tee_dataobject", teedata_new, &[("__reduce__", teedata_reduce)],
         "teedataobject(iterable, values, next, /)\n--\n\nData container common to multiple tee objects."),
    ];
    let mut types = Vec::new();
    for &(name, new, methods, tdoc) in specs {
        let basetype = !matches!(name, "_grouper" | "_tee" | "_tee_dataobject");
        let t = vm.new_static_type(name, vm.g.types.object, K_MISC, basetype);
        vm.add_attr(t, "__module__", modname);
        if !tdoc.is_empty() {
            let d = vm.new_str(tdoc);
            vm.ctx.promote(d);
            vm.add_attr(t, "__doc__", d);
        }
        vm.add_static(t, "__new__", new, false);
        if name != "_tee_dataobject" {
            vm.add_method(t, "__iter__", iter_self);
        }
        for &(n, f) in methods {
            vm.add_method(t, n, f);
        }
        if name == "chain" {
            vm.add_static(t, "from_iterable", chain_from_iterable, true);
            vm.add_static(
                t,
                "__class_getitem__",
                crate::types::genericalias::class_getitem,
                true,
            );
        }
        if let Some(&(_, step)) = STEPS.iter().find(|&&(n, _)| n == name) {
            set_type_step(Obj::from_value(t).expect("type"), step);
        }
        vm.set_module_attr(m, name, t);
        types.push(t);
    }
    let tt = vm.new_tuple(&types);
    vm.ctx.promote(tt);
    crate::modules::_struct::set_module_state(vm, m, 0, tt);
    let fns: &[(&'static str, NativeFn)] = &[("tee", tee)];
    vm.add_module_functions(m, fns);
    vm.pop_roots(mark);
    Ok(m)
}
