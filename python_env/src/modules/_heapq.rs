//! The `_heapq` module: the native half of `heapq` (CPython 3.11's
//! `Modules/_heapqmodule.c`): `heappush`, `heappop`, `heapify`,
//! `heapreplace`, `heappushpop` and the max-heap helpers `_heapify_max`,
//! `_heappop_max`, `_heapreplace_max` that CPython's `heapq.py` imports.
//!
//! The heap is a list (or a list subclass) and the sifts follow CPython's
//! exactly (same comparisons in the same order, `<` only), so the same
//! heap results from the same calls. Comparing two exact ints, floats or
//! strs runs no Python code and is done inline; any other comparison goes
//! through `<`, with both items rooted, and like CPython a change of the
//! list's length meanwhile is a RuntimeError.
//!
//! Threads: an operation on a shared list holds the list's lock (see
//! [`Locked`]) except while a comparison runs Python code, so on ints,
//! floats and strs each call is one atomic step, as under CPython's GIL,
//! and threads pushing and popping one heap lose nothing. A comparison
//! that runs Python code lets other threads in, as the GIL would; a
//! change of the length meanwhile is the RuntimeError above.

use engine::runtime::*;
use proto_core::layouts::{list as llist, str as lstr};
use proto_core::{Obj, Value};

const MODULE_DOC: &str = "Heap queue algorithm (a.k.a. priority queue).\n\n\
Heaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\n\
all k, counting elements from 0.  For the sake of comparison,\n\
non-existing elements are considered to be infinite.  The interesting\n\
property of a heap is that a[0] is always its smallest element.\n\n\
Usage:\n\n\
heap = []            # creates an empty heap\n\
heappush(heap, item) # pushes a new item on the heap\n\
item = heappop(heap) # pops the smallest item from the heap\n\
item = heap[0]       # smallest item on the heap without popping it\n\
heapify(x)           # transforms list into a heap, in-place, in linear time\n\
item = heappushpop(heap, item) # pushes a new item and then returns\n\
                               # the smallest item; the heap size is unchanged\n\
item = heapreplace(heap, item) # pops and returns smallest item, and adds\n\
                               # new item; the heap size is unchanged\n\n\
Our API differs from textbook heap algorithms as follows:\n\n\
- We use 0-based indexing.  This makes the relationship between the\n\
  index for a node and the indexes for its children slightly less\n\
  obvious, but is more suitable since Python uses 0-based indexing.\n\n\
- Our heappop() method returns the smallest item, not the largest.\n\n\
These two make it possible to view the heap as a regular Python list\n\
without surprises: heap[0] is the smallest item, and heap.sort()\n\
maintains the heap invariant!\n";

/// `a < b` for two exact ints, floats or strs (no Python code runs), or
/// None when the comparison needs the general protocol.
#[inline]
pub(crate) fn simple_lt(vm: &Vm, a: Value, b: Value) -> Option<bool> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Some(x < y);
    }
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        return Some(x < y);
    }
    let (ao, bo) = (Obj::from_value(a)?, Obj::from_value(b)?);
    let str_t = vm.g.types.str_;
    if ao.kind() == Kind::STR
        && bo.kind() == Kind::STR
        && ao.class() == str_t
        && bo.class() == str_t
    {
        // Surrogate-preserving UTF-8 orders like the code points.
        return Some(lstr::bytes(ao) < lstr::bytes(bo));
    }
    None
}

/// `a < b` (`PyObject_RichCompareBool(a, b, Py_LT)`).
pub(crate) fn lt(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if let Some(r) = simple_lt(vm, a, b) {
        return Ok(r);
    }
    let mark = vm.push_root(a);
    vm.push_root(b);
    let r = vm.compare(a, b, 0).and_then(|r| {
        if r == Value::TRUE {
            Ok(true)
        } else if r == Value::FALSE {
            Ok(false)
        } else {
            vm.push_root(r);
            vm.truthy(r)
        }
    });
    vm.pop_roots(mark);
    r
}

fn changed_size(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.RuntimeError, "list changed size during iteration")
}

/// A heap list during one operation. A shared list's lock is held for
/// the whole operation except around comparisons that run Python code
/// (`held` says whether it is held now), so an operation whose
/// comparisons are all simple is one atomic step, as under CPython's GIL.
pub(crate) struct Locked {
    pub(crate) o: Obj,
    held: bool,
}

impl Locked {
    /// Takes the lock; a list `protopy.freeze` made immutable is refused
    /// (tested under the lock, see `Vm::with_mut_lock`).
    pub(crate) fn new(vm: &mut Vm, o: Obj) -> PyResult<Locked> {
        let held = o.is_shared();
        if held {
            vm.ctx.lock_object(o);
        }
        let mut l = Locked { o, held };
        if o.is_frozen() {
            l.release(vm);
            return Err(vm.frozen_error(o));
        }
        Ok(l)
    }

    /// Refuses a list frozen while the lock was let go (the lock is held
    /// again, or the list is local).
    pub(crate) fn still_mutable(&self, vm: &mut Vm) -> PyResult<()> {
        vm.check_mutable(self.o)
    }

    pub(crate) fn release(&mut self, vm: &mut Vm) {
        if self.held {
            vm.ctx.unlock_object(self.o);
            self.held = false;
        }
    }

    /// Runs `f` (which may run Python code) with the lock let go.
    pub(crate) fn unlocked<R>(&mut self, vm: &mut Vm, f: impl FnOnce(&mut Vm) -> R) -> R {
        let relock = self.held;
        self.release(vm);
        let r = f(vm);
        if relock {
            vm.ctx.lock_object(self.o);
            self.held = true;
        }
        r
    }

    /// `a < b`, with the lock let go while Python code runs.
    pub(crate) fn lt(&mut self, vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
        if let Some(r) = simple_lt(vm, a, b) {
            return Ok(r);
        }
        let r = self.unlocked(vm, |vm| lt(vm, a, b))?;
        self.still_mutable(vm)?;
        Ok(r)
    }

    fn item(&self, vm: &mut Vm, i: usize) -> PyResult<Value> {
        match llist::get(self.o, i) {
            Some(v) => Ok(v),
            None => Err(changed_size(vm)),
        }
    }

    /// Swaps items `i` and `j` (in range; the lock is held if shared).
    fn swap(&self, vm: &mut Vm, i: usize, j: usize) {
        if let (Some(a), Some(b)) = (llist::get(self.o, i), llist::get(self.o, j)) {
            llist::set(&mut vm.ctx, self.o, i, b);
            llist::set(&mut vm.ctx, self.o, j, a);
        }
    }

    /// Compares `a < b` (or `b < a` for a max-heap) and checks that the
    /// list kept its length.
    fn cmp(&mut self, vm: &mut Vm, size: usize, a: Value, b: Value, max: bool) -> PyResult<bool> {
        let r = if max {
            self.lt(vm, b, a)?
        } else {
            self.lt(vm, a, b)?
        };
        if llist::len(self.o) != size {
            return Err(changed_size(vm));
        }
        Ok(r)
    }

    /// Moves the item at `pos` up towards `start` while it is smaller than
    /// its parent.
    fn sift_down(&mut self, vm: &mut Vm, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
        let size = llist::len(self.o);
        if pos >= size {
            return Err(vm.new_exc(vm.g.e.IndexError, "list index out of range"));
        }
        pos = self.sift_down_simple(vm, start, pos, max);
        while pos > start {
            let parentpos = (pos - 1) >> 1;
            let newitem = self.item(vm, pos)?;
            let parent = self.item(vm, parentpos)?;
            if !self.cmp(vm, size, newitem, parent, max)? {
                break;
            }
            self.swap(vm, parentpos, pos);
            pos = parentpos;
        }
        Ok(())
    }

    /// `a < b` (`b < a` for a max-heap) when no Python code runs for it.
    #[inline]
    fn simple_cmp(vm: &Vm, a: Value, b: Value, max: bool) -> Option<bool> {
        if max {
            simple_lt(vm, b, a)
        } else {
            simple_lt(vm, a, b)
        }
    }

    /// The start of [`Locked::sift_down`] while its comparisons are simple
    /// (no Python code runs, so the list cannot change meanwhile): each
    /// parent the item at `pos` is smaller than moves down one level, one
    /// store per level, and the item is written where it stops. Returns that
    /// position, from which the general loop goes on (it stops at once
    /// unless a comparison needed the general protocol).
    fn sift_down_simple(&self, vm: &mut Vm, start: usize, mut pos: usize, max: bool) -> usize {
        let Some(item) = llist::get(self.o, pos) else {
            return pos;
        };
        while pos > start {
            let parentpos = (pos - 1) >> 1;
            let Some(parent) = llist::get(self.o, parentpos) else {
                break;
            };
            if Self::simple_cmp(vm, item, parent, max) != Some(true) {
                break;
            }
            llist::set(&mut vm.ctx, self.o, pos, parent);
            pos = parentpos;
        }
        llist::set(&mut vm.ctx, self.o, pos, item);
        pos
    }

    /// The start of [`Locked::sift_up`] while its comparisons are simple, as
    /// [`Locked::sift_down_simple`]: the smaller child moves up one level per
    /// step and the item at `pos` is written where the walk stops. Returns
    /// that position.
    fn sift_up_simple(&self, vm: &mut Vm, mut pos: usize, endpos: usize, max: bool) -> usize {
        let Some(item) = llist::get(self.o, pos) else {
            return pos;
        };
        let limit = endpos >> 1;
        while pos < limit {
            let mut childpos = 2 * pos + 1;
            let Some(a) = llist::get(self.o, childpos) else {
                break;
            };
            let mut child = a;
            if childpos + 1 < endpos {
                let Some(b) = llist::get(self.o, childpos + 1) else {
                    break;
                };
                match Self::simple_cmp(vm, a, b, max) {
                    Some(true) => {}
                    Some(false) => {
                        childpos += 1;
                        child = b;
                    }
                    None => break,
                }
            }
            llist::set(&mut vm.ctx, self.o, pos, child);
            pos = childpos;
        }
        llist::set(&mut vm.ctx, self.o, pos, item);
        pos
    }

    /// Moves the smaller child up from `pos` down to a leaf, then sifts the
    /// item that was at `pos` back up from there.
    fn sift_up(&mut self, vm: &mut Vm, mut pos: usize, max: bool) -> PyResult<()> {
        let endpos = llist::len(self.o);
        let start = pos;
        if pos >= endpos {
            return Err(vm.new_exc(vm.g.e.IndexError, "list index out of range"));
        }
        pos = self.sift_up_simple(vm, pos, endpos, max);
        let limit = endpos >> 1;
        while pos < limit {
            let mut childpos = 2 * pos + 1;
            if childpos + 1 < endpos {
                let a = self.item(vm, childpos)?;
                let b = self.item(vm, childpos + 1)?;
                if !self.cmp(vm, endpos, a, b, max)? {
                    childpos += 1;
                }
            }
            self.swap(vm, childpos, pos);
            pos = childpos;
        }
        self.sift_down(vm, start, pos, max)
    }
}

/// Runs `f` on the heap `o` with its lock (see [`Locked`]), releasing it
/// on every path.
fn with_heap<R>(
    vm: &mut Vm,
    o: Obj,
    f: impl FnOnce(&mut Vm, &mut Locked) -> PyResult<R>,
) -> PyResult<R> {
    let mut h = Locked::new(vm, o)?;
    let r = f(vm, &mut h);
    h.release(vm);
    r
}

/// The list argument `v` of `fname`, or CPython's TypeError (`argument`
/// is "argument" or "argument 1").
fn heap_arg(vm: &mut Vm, fname: &str, argument: &str, v: Value) -> PyResult<Obj> {
    match Obj::from_value(v) {
        Some(o) if o.kind() == Kind::LIST => Ok(o),
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("{fname}() {argument} must be list, not {tn}")))
        }
    }
}

fn one_arg(vm: &mut Vm, fname: &str, a: &[Value], k: Value) -> PyResult<Obj> {
    crate::args::check(vm, &format!("_heapq.{fname}"), a, k, 1, 1)?;
    heap_arg(vm, fname, "argument", a[0])
}

fn two_args(vm: &mut Vm, fname: &str, a: &[Value], k: Value) -> PyResult<Obj> {
    crate::types::clinic::positional(vm, &format!("_heapq.{fname}"), fname, a, k, 2, 2)?;
    heap_arg(vm, fname, "argument 1", a[0])
}

fn index_error(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.IndexError, "index out of range")
}

/// `heappush(heap, item, /)`.
fn heappush(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = two_args(vm, "heappush", a, k)?;
    let x = a[1];
    with_heap(vm, o, |vm, h| {
        llist::append(&mut vm.ctx, o, x);
        let n = llist::len(o);
        h.sift_down(vm, 0, n - 1, false)
    })?;
    Ok(Value::NONE)
}

/// Pops the last item and, unless the heap is then empty, puts it at the
/// root and sifts; returns the old root.
fn pop(vm: &mut Vm, h: &mut Locked, max: bool) -> PyResult<Value> {
    let o = h.o;
    let n = llist::len(o);
    let Some(last) = (n > 0)
        .then(|| llist::remove(&mut vm.ctx, o, n - 1))
        .flatten()
    else {
        return Err(index_error(vm));
    };
    if n == 1 {
        return Ok(last);
    }
    let Some(first) = llist::get(o, 0) else {
        return Err(index_error(vm));
    };
    llist::set(&mut vm.ctx, o, 0, last);
    let mark = vm.push_root(first);
    let r = h.sift_up(vm, 0, max);
    vm.pop_roots(mark);
    r.map(|()| first)
}

fn pop_impl(vm: &mut Vm, fname: &str, a: &[Value], k: Value, max: bool) -> PyResult<Value> {
    let o = one_arg(vm, fname, a, k)?;
    with_heap(vm, o, |vm, h| pop(vm, h, max))
}

/// `heappop(heap, /)`.
fn heappop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pop_impl(vm, "heappop", a, k, false)
}

/// `_heappop_max(heap, /)`.
fn heappop_max(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pop_impl(vm, "_heappop_max", a, k, true)
}

/// Replaces the root with `x`, sifts, and returns the old root.
fn replace(vm: &mut Vm, h: &mut Locked, x: Value, max: bool) -> PyResult<Value> {
    let o = h.o;
    let Some(first) = llist::get(o, 0) else {
        return Err(index_error(vm));
    };
    llist::set(&mut vm.ctx, o, 0, x);
    let mark = vm.push_root(first);
    let r = h.sift_up(vm, 0, max);
    vm.pop_roots(mark);
    r.map(|()| first)
}

fn replace_impl(vm: &mut Vm, fname: &str, a: &[Value], k: Value, max: bool) -> PyResult<Value> {
    let o = two_args(vm, fname, a, k)?;
    let x = a[1];
    with_heap(vm, o, |vm, h| replace(vm, h, x, max))
}

/// `heapreplace(heap, item, /)`.
fn heapreplace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    replace_impl(vm, "heapreplace", a, k, false)
}

/// `_heapreplace_max(heap, item, /)`.
fn heapreplace_max(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    replace_impl(vm, "_heapreplace_max", a, k, true)
}

/// `heappushpop(heap, item, /)`.
fn heappushpop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = two_args(vm, "heappushpop", a, k)?;
    let x = a[1];
    with_heap(vm, o, |vm, h| {
        let Some(top) = llist::get(o, 0) else {
            return Ok(x);
        };
        let mark = vm.push_root(top);
        let less = h.lt(vm, top, x);
        vm.pop_roots(mark);
        if !less? {
            return Ok(x);
        }
        replace(vm, h, x, false)
    })
}

fn heapify_impl(vm: &mut Vm, fname: &str, a: &[Value], k: Value, max: bool) -> PyResult<Value> {
    let o = one_arg(vm, fname, a, k)?;
    with_heap(vm, o, |vm, h| {
        let n = llist::len(o);
        for i in (0..n / 2).rev() {
            h.sift_up(vm, i, max)?;
        }
        Ok(())
    })?;
    Ok(Value::NONE)
}

/// `heapify(heap, /)`.
fn heapify(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    heapify_impl(vm, "heapify", a, k, false)
}

/// `_heapify_max(heap, /)`.
fn heapify_max(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    heapify_impl(vm, "_heapify_max", a, k, true)
}

/// Creates the `_heapq` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_heapq");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("heappush", heappush),
        ("heappop", heappop),
        ("heapify", heapify),
        ("heapreplace", heapreplace),
        ("heappushpop", heappushpop),
        ("_heapify_max", heapify_max),
        ("_heappop_max", heappop_max),
        ("_heapreplace_max", heapreplace_max),
    ];
    vm.add_module_functions(m, fns);
    vm.pop_roots(mark);
    Ok(m)
}
