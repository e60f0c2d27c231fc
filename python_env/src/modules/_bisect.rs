//! The `_bisect` module: the native half of `bisect` (CPython 3.11's
//! `Modules/_bisectmodule.c`): `bisect_left`, `bisect_right`, `insort_left`
//! and `insort_right`, with `lo`, `hi` and the keyword-only `key`.
//!
//! Items are read with `a[mid]` (lists and tuples directly) and compared
//! with `<` as CPython does (`x < a[mid]` for the right variants,
//! `a[mid] < x` for the left ones; `key` applies to the items only, and
//! `insort` applies it to `x` once). `insort` into an exact list searches
//! and inserts holding the list's lock (let go only while Python code runs:
//! a `key`, a `__lt__`), so on ints, floats and strs it is one atomic step
//! as under CPython's GIL; other sequences get their `insert` method
//! called. The functions keep no state, so threads use them freely.

use super::_heapq::{lt, Locked};
use crate::types::clinic;
use engine::runtime::*;
use proto_core::layouts::list as llist;
use proto_core::{Obj, Value};

const MODULE_DOC: &str = "Bisection algorithms.\n\n\
This module provides support for maintaining a list in sorted order without\n\
having to sort the list after each insertion. For long lists of items with\n\
expensive comparison operations, this can be an improvement over the more\n\
common approach.\n";

/// `Py_ssize_t` with None accepted (`hi`, CPython's
/// `_Py_convert_optional_to_ssize_t`): -1 for None, else
/// `PyNumber_AsSsize_t(v, OverflowError)`.
fn optional_ssize(vm: &mut Vm, v: Option<Value>) -> PyResult<i64> {
    let Some(v) = v.filter(|v| !v.is_none()) else {
        return Ok(-1);
    };
    if !vm.is_int_like(v) {
        let t = vm.type_of(v);
        let n = vm.g.names.__index__;
        if vm.lookup_type(t, n).is_none() {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("argument should be integer or None, not '{tn}'")));
        }
    }
    vm.number_as_ssize_t(v, vm.g.e.OverflowError)
}

/// `PySequence_Size(a)`.
fn seq_size(vm: &mut Vm, a: Value) -> PyResult<i64> {
    if Obj::from_value(a).is_some_and(|o| o.kind() == Kind::DICT) {
        let tn = vm.type_name_of(a);
        return Err(vm.type_error(&format!("{tn} is not a sequence")));
    }
    Ok(vm.len(a)? as i64)
}

/// `a[i]` (`PySequence_GetItem`).
fn seq_item(vm: &mut Vm, a: Value, i: i64) -> PyResult<Value> {
    if let Some(o) = Obj::from_value(a) {
        match o.kind() {
            Kind::LIST | Kind::TUPLE if !is_heap_type(o.class()) => {
                if let Some(v) = vm.seq_get(a, i as usize) {
                    return Ok(v);
                }
                let msg = if o.kind() == Kind::LIST {
                    "list index out of range"
                } else {
                    "tuple index out of range"
                };
                return Err(vm.new_exc(vm.g.e.IndexError, msg));
            }
            Kind::DICT => {
                let tn = vm.type_name_of(a);
                return Err(vm.type_error(&format!("{tn} is not a sequence")));
            }
            _ => {}
        }
    }
    let k = vm.new_int(i);
    vm.getitem(a, k)
}

/// The search shared by the four functions: the insertion index of `x`
/// (already passed through `key` by insort) in `a[lo:hi]`. With `lock`
/// (insort into an exact list), `a` is that list, whose lock is held
/// except while Python code runs.
#[allow(clippy::too_many_arguments)]
fn search(
    vm: &mut Vm,
    a: Value,
    x: Value,
    lo: i64,
    hi: i64,
    key: Value,
    right: bool,
    mut lock: Option<&mut Locked>,
) -> PyResult<i64> {
    if lo < 0 {
        return Err(vm.value_error("lo must be non-negative"));
    }
    let mut lo = lo;
    let mut hi = if hi != -1 {
        hi
    } else if let Some(l) = &lock {
        llist::len(l.o) as i64
    } else {
        seq_size(vm, a)?
    };
    let mark = vm.push_root(x);
    let r = (|| {
        while lo < hi {
            // (lo + hi) / 2 without overflow: both are non-negative.
            let mid = ((lo as u64 + hi as u64) / 2) as i64;
            let mut item = match &lock {
                Some(l) => match llist::get(l.o, mid as usize) {
                    Some(v) => v,
                    None => return Err(vm.new_exc(vm.g.e.IndexError, "list index out of range")),
                },
                None => seq_item(vm, a, mid)?,
            };
            if !key.is_none() {
                let m = vm.push_root(item);
                let call = |vm: &mut Vm| vm.call(key, &[item], Value::EMPTY);
                let r = match lock.as_deref_mut() {
                    Some(l) => l.unlocked(vm, call),
                    None => call(vm),
                };
                vm.pop_roots(m);
                item = r?;
            }
            let (p, q) = if right { (x, item) } else { (item, x) };
            let less = match lock.as_deref_mut() {
                Some(l) => {
                    let m = vm.push_root(item);
                    let r = l.lt(vm, p, q);
                    vm.pop_roots(m);
                    r?
                }
                None => lt(vm, p, q)?,
            };
            if less == right {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Ok(lo)
    })();
    vm.pop_roots(mark);
    r
}

struct Parsed {
    a: Value,
    x: Value,
    lo: i64,
    hi: i64,
    key: Value,
}

fn parse(vm: &mut Vm, fname: &str, args: &[Value], k: Value) -> PyResult<Parsed> {
    let [a, x, lo, hi, key] =
        clinic::unpack(vm, fname, args, k, ["a", "x", "lo", "hi", "key"], 0, 2, 4)?;
    let lo = match lo {
        Some(v) => crate::args::py_ssize_t(vm, v)?,
        None => 0,
    };
    let hi = optional_ssize(vm, hi)?;
    Ok(Parsed {
        a: a.expect("required"),
        x: x.expect("required"),
        lo,
        hi,
        key: key.unwrap_or(Value::NONE),
    })
}

fn bisect_impl(vm: &mut Vm, fname: &str, a: &[Value], k: Value, right: bool) -> PyResult<Value> {
    let p = parse(vm, fname, a, k)?;
    let i = search(vm, p.a, p.x, p.lo, p.hi, p.key, right, None)?;
    Ok(vm.new_int(i))
}

fn insort_impl(vm: &mut Vm, fname: &str, a: &[Value], k: Value, right: bool) -> PyResult<Value> {
    let p = parse(vm, fname, a, k)?;
    let probe = if p.key.is_none() {
        p.x
    } else {
        vm.call(p.key, &[p.x], Value::EMPTY)?
    };
    let list_t = vm.g.types.list;
    match Obj::from_value(p.a) {
        Some(o) if o.kind() == Kind::LIST && o.class() == list_t => {
            // Search and insert as one step under the list's lock (let go
            // only while Python code runs).
            let mark = vm.push_root(probe);
            let mut l = match Locked::new(vm, o) {
                Ok(l) => l,
                Err(e) => {
                    vm.pop_roots(mark);
                    return Err(e);
                }
            };
            let r = search(vm, p.a, probe, p.lo, p.hi, p.key, right, Some(&mut l))
                .and_then(|i| l.still_mutable(vm).map(|()| i));
            if let Ok(i) = r {
                llist::insert(&mut vm.ctx, o, i as usize, p.x);
            }
            l.release(vm);
            vm.pop_roots(mark);
            r?;
        }
        _ => {
            let i = search(vm, p.a, probe, p.lo, p.hi, p.key, right, None)?;
            let idx = vm.new_int(i);
            vm.call_method(p.a, "insert", &[idx, p.x])?;
        }
    }
    Ok(Value::NONE)
}

/// `bisect_right(a, x, lo=0, hi=None, *, key=None)`.
fn bisect_right(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    bisect_impl(vm, "bisect_right", a, k, true)
}

/// `bisect_left(a, x, lo=0, hi=None, *, key=None)`.
fn bisect_left(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    bisect_impl(vm, "bisect_left", a, k, false)
}

/// `insort_right(a, x, lo=0, hi=None, *, key=None)`.
fn insort_right(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    insort_impl(vm, "insort_right", a, k, true)
}

/// `insort_left(a, x, lo=0, hi=None, *, key=None)`.
fn insort_left(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    insort_impl(vm, "insort_left", a, k, false)
}

/// Creates the `_bisect` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_bisect");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("bisect_right", bisect_right),
        ("bisect_left", bisect_left),
        ("insort_right", insort_right),
        ("insort_left", insort_left),
    ];
    vm.add_module_functions(m, fns);
    vm.pop_roots(mark);
    Ok(m)
}
