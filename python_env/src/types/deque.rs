//! `collections.deque`: a double-ended queue on a ring buffer, O(1) at both
//! ends, with its iterators `_collections._deque_iterator` and
//! `_collections._deque_reverse_iterator`.
//!
//! Layout (`K_DEQUE`, see engine `object.rs`): values `[DEQUE_STORAGE,
//! DEQUE_DICT]`, raw words `[head, len, maxlen, state]`. The storage is an
//! ordinary heap object (`Kind::STORAGE`) whose value slots are the ring:
//! item `i` lives in slot `(head + i) & (capacity - 1)`; the capacity is a
//! power of two (at least [`MIN_CAP`]); slots outside the live range hold
//! `EMPTY`, so popped items are not kept alive. Every store goes through the
//! write barrier (`ProtoContext::store`), so a shared deque never points to
//! a local object; no mutable heap value is kept on the Rust side. The
//! storage grows by doubling and shrinks when it is at most 1/8 full.
//! `state` counts structural mutations (appends, pops, rotations, clears,
//! insertions, deletions) as CPython's `deque->state` does; iterators and
//! the scans that call `__eq__` (`count`, `index`, `remove`, `in`,
//! comparisons) raise "deque mutated during iteration" when it changes.
//!
//! Concurrency contract: a deque used by one thread (not shared) takes no
//! lock. Once shared, every operation that reads or writes more than one
//! word (append/appendleft/pop/popleft, extend's per-item appends, rotate,
//! insert, remove, `d[i]`, `d[i] = x`, `del d[i]`, clear, reverse, copy,
//! iteration steps) runs under the deque's object lock (`vm.with_lock`), so
//! each is atomic as in CPython: concurrent appends and pops from any
//! number of threads lose and duplicate nothing, which is what
//! `queue.SimpleQueue`, `queue.Queue` and `concurrent.futures` rely on.
//! `len(d)` reads one word and takes no lock. The lock is never held while
//! Python code runs (`__eq__`, `__repr__`, iteration of the argument of
//! `extend`); an operation that calls Python code re-reads the deque under
//! the lock at each step and checks `state`, so a concurrent mutation gives
//! a Python error, never a crash.

use super::seq::repeat_count;
use crate::args::{check_method, Args};
use engine::runtime::*;
use proto_core::layouts::{get_raw, list as llist, raw_words, seq_index, set_raw};
use proto_core::sync::heap_atomic::Ordering as HOrd;
use proto_core::{Kind, Obj, ProtoContext, Value};

/// Smallest ring capacity (a power of two).
const MIN_CAP: usize = 8;
/// Capacity above which a mostly empty ring is shrunk.
const SHRINK_CAP: usize = 64;
/// `maxlen` word for None.
const NO_MAXLEN: u64 = u64::MAX;
/// Largest deque `*` builds without a maxlen (as list's repeat limit).
const MAX_REPEAT: u128 = 1 << 28;

/// Iterator layout (K_MISC): values `[deque]`, raw `[next logical index,
/// deque state at creation, items left]`.
const IT_INDEX: usize = 0;
const IT_STATE: usize = 1;
const IT_LEFT: usize = 2;

// ------------------------------------------------------------------ ring primitives
// All of these run on a local deque or with the deque's lock held.

#[inline]
fn storage(o: Obj) -> Obj {
    Obj::from_value(o.get(DEQUE_STORAGE)).expect("deque storage")
}

#[inline]
fn dlen(o: Obj) -> usize {
    get_raw(o, DEQUE_R_LEN) as usize
}

#[inline]
fn head(o: Obj) -> usize {
    get_raw(o, DEQUE_R_HEAD) as usize
}

#[inline]
fn maxlen(o: Obj) -> Option<usize> {
    match get_raw(o, DEQUE_R_MAXLEN) {
        NO_MAXLEN => None,
        m => Some(m as usize),
    }
}

#[inline]
fn state(o: Obj) -> u64 {
    get_raw(o, DEQUE_R_STATE)
}

#[inline]
fn bump(o: Obj) {
    set_raw(o, DEQUE_R_STATE, state(o).wrapping_add(1));
}

/// Item `i` (logical), or None when out of range.
fn item(o: Obj, i: usize) -> Option<Value> {
    if i >= dlen(o) {
        return None;
    }
    let s = storage(o);
    let v = s.get((head(o) + i) & (s.n_values() - 1));
    (!v.is_empty()).then_some(v)
}

fn new_storage(ctx: &mut ProtoContext, cap: usize) -> Obj {
    let v = ctx.alloc(Kind::STORAGE, Value::NONE, cap, 0);
    Obj::from_value(v).expect("heap")
}

/// Moves the items to a fresh ring of capacity `cap` (>= len), head 0.
fn relayout(ctx: &mut ProtoContext, o: Obj, cap: usize) {
    let n = dlen(o);
    let s = storage(o);
    let (h, mask) = (head(o), s.n_values() - 1);
    let ns = new_storage(ctx, cap);
    // Layouts read once: `get`/`init` on the objects reload each header
    // for the bounds check (100,000 appends: 6.1 M -> 5.3 M instructions
    // in the growth, callgrind).
    let (sv, nv) = (s.view(), ns.view());
    for i in 0..n {
        nv.init(i, sv.get((h + i) & mask));
    }
    set_raw(o, DEQUE_R_HEAD, 0);
    ctx.store(o, DEQUE_STORAGE, ns.value());
}

/// Makes room for one more item.
#[inline]
fn reserve_one(ctx: &mut ProtoContext, o: Obj) -> Obj {
    let s = storage(o);
    if dlen(o) < s.n_values() {
        return s;
    }
    relayout(ctx, o, (s.n_values() * 2).max(MIN_CAP));
    storage(o)
}

#[inline]
fn shrink(ctx: &mut ProtoContext, o: Obj) {
    let cap = storage(o).n_values();
    let n = dlen(o);
    if cap > SHRINK_CAP && n * 8 <= cap {
        relayout(ctx, o, (n * 2).next_power_of_two().max(MIN_CAP));
    }
}

#[inline]
fn push_back(ctx: &mut ProtoContext, o: Obj, v: Value) {
    let s = reserve_one(ctx, o);
    let n = dlen(o);
    ctx.store(s, (head(o) + n) & (s.n_values() - 1), v);
    set_raw(o, DEQUE_R_LEN, (n + 1) as u64);
}

#[inline]
fn push_front(ctx: &mut ProtoContext, o: Obj, v: Value) {
    let s = reserve_one(ctx, o);
    let h = head(o).wrapping_sub(1) & (s.n_values() - 1);
    ctx.store(s, h, v);
    set_raw(o, DEQUE_R_HEAD, h as u64);
    set_raw(o, DEQUE_R_LEN, (dlen(o) + 1) as u64);
}

#[inline]
fn pop_back(ctx: &mut ProtoContext, o: Obj) -> Option<Value> {
    let n = dlen(o);
    if n == 0 {
        return None;
    }
    let s = storage(o);
    let idx = (head(o) + n - 1) & (s.n_values() - 1);
    let v = s.get(idx);
    ctx.store(s, idx, Value::EMPTY);
    set_raw(o, DEQUE_R_LEN, (n - 1) as u64);
    Some(v)
}

#[inline]
fn pop_front(ctx: &mut ProtoContext, o: Obj) -> Option<Value> {
    let n = dlen(o);
    if n == 0 {
        return None;
    }
    let s = storage(o);
    let h = head(o);
    let v = s.get(h);
    ctx.store(s, h, Value::EMPTY);
    set_raw(o, DEQUE_R_HEAD, ((h + 1) & (s.n_values() - 1)) as u64);
    set_raw(o, DEQUE_R_LEN, (n - 1) as u64);
    Some(v)
}

/// append / appendleft with CPython's maxlen trimming at the other end.
#[inline]
fn add_item(ctx: &mut ProtoContext, o: Obj, v: Value, left: bool) {
    if left {
        push_front(ctx, o, v);
    } else {
        push_back(ctx, o, v);
    }
    bump(o);
    if maxlen(o).is_some_and(|m| dlen(o) > m) {
        if left {
            pop_back(ctx, o);
        } else {
            pop_front(ctx, o);
        }
    }
}

/// [`add_item`] in the usual case, a ring with room and no maxlen, with
/// the deque's words and the storage's layout read once; false (nothing
/// done) in any other case. The item is written before the head and
/// length that publish it, and the state is bumped, as in `add_item`.
#[inline(always)]
fn add_item_fast(ctx: &mut ProtoContext, o: Obj, v: Value, left: bool) -> bool {
    let w = raw_words::<4>(o);
    let n = w[DEQUE_R_LEN].load(HOrd::Acquire) as usize;
    if w[DEQUE_R_MAXLEN].load(HOrd::Acquire) != NO_MAXLEN {
        return false;
    }
    let s = storage(o);
    let sv = s.view();
    let cap = sv.n_values();
    if n >= cap {
        return false;
    }
    let (h, mask) = (w[DEQUE_R_HEAD].load(HOrd::Acquire) as usize, cap - 1);
    if s.is_shared() {
        // The write barrier of `ctx.store`, once for the slot written.
        ctx.promote(v);
    }
    if left {
        let nh = h.wrapping_sub(1) & mask;
        sv.init(nh, v);
        w[DEQUE_R_HEAD].store(nh as u64, HOrd::Release);
    } else {
        sv.init((h + n) & mask, v);
    }
    w[DEQUE_R_LEN].store((n + 1) as u64, HOrd::Release);
    let st = w[DEQUE_R_STATE].load(HOrd::Acquire);
    w[DEQUE_R_STATE].store(st.wrapping_add(1), HOrd::Release);
    true
}

/// The pop of [`pop_impl`] (the item taken, the state bumped) in the
/// usual case, a non-empty ring that needs no shrinking, with the deque's
/// words and the storage's layout read once; None (nothing done) in any
/// other case. The slot is cleared before the head and length move, as in
/// `pop_front`/`pop_back`.
#[inline(always)]
fn pop_fast(o: Obj, left: bool) -> Option<Value> {
    let w = raw_words::<4>(o);
    let n = w[DEQUE_R_LEN].load(HOrd::Acquire) as usize;
    let s = storage(o);
    let sv = s.view();
    let cap = sv.n_values();
    // `shrink` would relayout a large ring left at most 1/8 full.
    if n == 0 || (cap > SHRINK_CAP && (n - 1) * 8 <= cap) {
        return None;
    }
    let (h, mask) = (w[DEQUE_R_HEAD].load(HOrd::Acquire) as usize, cap - 1);
    let idx = if left { h } else { (h + n - 1) & mask };
    let v = sv.get(idx);
    // EMPTY is no heap value: no barrier needed.
    sv.init(idx, Value::EMPTY);
    if left {
        w[DEQUE_R_HEAD].store(((h + 1) & mask) as u64, HOrd::Release);
    }
    w[DEQUE_R_LEN].store((n - 1) as u64, HOrd::Release);
    let st = w[DEQUE_R_STATE].load(HOrd::Acquire);
    w[DEQUE_R_STATE].store(st.wrapping_add(1), HOrd::Release);
    Some(v)
}

/// Inserts `v` before logical index `i` (0 < i < len), shifting the
/// shorter side.
fn insert_at(ctx: &mut ProtoContext, o: Obj, i: usize, v: Value) {
    let s = reserve_one(ctx, o);
    let n = dlen(o);
    let mask = s.n_values() - 1;
    let h = head(o);
    if i < n - i {
        let nh = h.wrapping_sub(1) & mask;
        for k in 0..i {
            let x = s.get((h + k) & mask);
            ctx.store(s, (nh + k) & mask, x);
        }
        ctx.store(s, (nh + i) & mask, v);
        set_raw(o, DEQUE_R_HEAD, nh as u64);
    } else {
        for k in (i..n).rev() {
            let x = s.get((h + k) & mask);
            ctx.store(s, (h + k + 1) & mask, x);
        }
        ctx.store(s, (h + i) & mask, v);
    }
    set_raw(o, DEQUE_R_LEN, (n + 1) as u64);
}

/// Removes logical index `i` (< len), shifting the shorter side.
fn delete_at(ctx: &mut ProtoContext, o: Obj, i: usize) {
    let n = dlen(o);
    let s = storage(o);
    let mask = s.n_values() - 1;
    let h = head(o);
    if i < n - 1 - i {
        for k in (0..i).rev() {
            let x = s.get((h + k) & mask);
            ctx.store(s, (h + k + 1) & mask, x);
        }
        ctx.store(s, h, Value::EMPTY);
        set_raw(o, DEQUE_R_HEAD, ((h + 1) & mask) as u64);
    } else {
        for k in i..n - 1 {
            let x = s.get((h + k + 1) & mask);
            ctx.store(s, (h + k) & mask, x);
        }
        ctx.store(s, (h + n - 1) & mask, Value::EMPTY);
    }
    set_raw(o, DEQUE_R_LEN, (n - 1) as u64);
}

/// Rotates right by `k` (any sign), moving min(k, len - k) items.
fn rotate(ctx: &mut ProtoContext, o: Obj, k: i64) {
    let n = dlen(o);
    if n <= 1 {
        return;
    }
    bump(o);
    let r = k.rem_euclid(n as i64) as usize;
    if r == 0 {
        return;
    }
    let s = storage(o);
    if n == s.n_values() {
        // A full ring rotates by moving its head.
        let mask = n - 1;
        set_raw(o, DEQUE_R_HEAD, (head(o).wrapping_sub(r) & mask) as u64);
    } else if r <= n / 2 {
        for _ in 0..r {
            let v = pop_back(ctx, o).expect("item");
            push_front(ctx, o, v);
        }
    } else {
        for _ in 0..n - r {
            let v = pop_front(ctx, o).expect("item");
            push_back(ctx, o, v);
        }
    }
}

fn clear(ctx: &mut ProtoContext, o: Obj) {
    if dlen(o) == 0 {
        return;
    }
    let ns = new_storage(ctx, MIN_CAP);
    set_raw(o, DEQUE_R_LEN, 0);
    set_raw(o, DEQUE_R_HEAD, 0);
    ctx.store(o, DEQUE_STORAGE, ns.value());
    bump(o);
}

/// Replaces the contents with `items`.
fn set_all(ctx: &mut ProtoContext, o: Obj, items: &[Value]) {
    let ns = new_storage(ctx, items.len().next_power_of_two().max(MIN_CAP));
    for (i, &v) in items.iter().enumerate() {
        ns.init(i, v);
    }
    set_raw(o, DEQUE_R_LEN, 0);
    set_raw(o, DEQUE_R_HEAD, 0);
    ctx.store(o, DEQUE_STORAGE, ns.value());
    set_raw(o, DEQUE_R_LEN, items.len() as u64);
    bump(o);
}

// ------------------------------------------------------------------ helpers

/// Runs `f` on the deque with its lock held when it is shared.
#[inline]
fn locked<R>(vm: &mut Vm, o: Obj, f: impl FnOnce(&mut ProtoContext, Obj) -> R) -> R {
    vm.with_lock(o, |ctx| f(ctx, o))
}

/// Is `v` a deque (any subclass)?
pub fn is_deque(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_DEQUE)
}

/// The deque `self` of a method, or CPython's descriptor TypeError.
#[inline(always)]
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Obj> {
    match a.first().and_then(|&s| Obj::from_value(s)) {
        Some(o) if o.kind() == K_DEQUE => Ok(o),
        _ => Err(not_this(vm, a, name)),
    }
}

/// [`this`]'s error, for a missing receiver or one that is no deque.
#[cold]
#[inline(never)]
fn not_this(vm: &mut Vm, a: &[Value], name: &str) -> PyException {
    let Some(&s) = a.first() else {
        return vm.type_error(&format!("unbound method deque.{name}() needs an argument"));
    };
    let tn = vm.type_name_of(s);
    vm.type_error(&if name.starts_with("__") {
        format!("descriptor '{name}' requires a 'collections.deque' object but received a '{tn}'")
    } else {
        format!(
            "descriptor '{name}' for 'collections.deque' objects doesn't apply to a '{tn}' object"
        )
    })
}

fn mutated(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.RuntimeError, "deque mutated during iteration")
}

/// Item `i` of a scan that started at state `st` (None: the deque changed).
fn scan_item(vm: &mut Vm, o: Obj, i: usize, st: u64) -> Option<Value> {
    locked(vm, o, |_, o| if state(o) == st { item(o, i) } else { None })
}

/// A start/stop argument of `index` (`_PyEval_SliceIndexNotNone`): clamped.
fn slice_index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if !vm.has_index(v) {
        return Err(vm.type_error("slice indices must be integers or have an __index__ method"));
    }
    let i = vm.index(v)?;
    Ok(match vm.as_i64(i) {
        Some(x) => x,
        None if vm
            .as_bigint(i)
            .is_some_and(|b| b.sign() == num_bigint::Sign::Minus) =>
        {
            i64::MIN
        }
        None => i64::MAX,
    })
}

/// `d[i]`-style index: normalised, or IndexError.
fn item_index(vm: &mut Vm, o: Obj, key: Value) -> PyResult<usize> {
    if !vm.has_index(key) {
        let tn = vm.type_name_of(key);
        return Err(vm.type_error(&format!("sequence index must be integer, not '{tn}'")));
    }
    let i = vm.index_isize(key)? as i64;
    seq_index(i, dlen(o)).ok_or_else(|| vm.new_exc(vm.g.e.IndexError, "deque index out of range"))
}

/// A new empty deque of class `cls`.
fn alloc_deque(vm: &mut Vm, cls: Value, max: Option<usize>) -> Obj {
    let s = new_storage(&mut vm.ctx, MIN_CAP);
    let o = vm.alloc_obj(K_DEQUE, cls, 2, 32);
    o.init(DEQUE_STORAGE, s.value());
    set_raw(o, DEQUE_R_MAXLEN, max.map_or(NO_MAXLEN, |m| m as u64));
    o
}

/// Appends every item of `src` (left: `extendleft`), as CPython's
/// deque_extend: item by item, each append atomic.
fn extend_impl(vm: &mut Vm, dv: Value, src: Value, left: bool) -> PyResult<()> {
    let o = Obj::from_value(dv).expect("deque");
    let src = if src == dv {
        // d.extend(d): iterate over a copy.
        let items = locked(vm, o, |_, o| deque_items(o));
        vm.new_list(&items)
    } else {
        src
    };
    let mark = vm.push_root(src);
    let r = (|| {
        let t = &vm.g.types;
        if let Some(so) = Obj::from_value(src) {
            let list = so.kind() == Kind::LIST && so.class() == t.list;
            let tuple = so.kind() == Kind::TUPLE && so.class() == t.tuple;
            if list || tuple {
                // The snapshot is taken with the lock held: no safepoint
                // can free its items before they are stored.
                locked(vm, o, |ctx, o| {
                    let mut items = Vec::new();
                    if list {
                        llist::snapshot(so, &mut items);
                    } else {
                        items.extend((0..so.n_values()).map(|i| so.get(i)));
                    }
                    for v in items {
                        add_item(ctx, o, v, left);
                    }
                });
                return Ok(());
            }
        }
        let it = vm.iter(src)?;
        vm.push_root(it);
        while let Some(x) = vm.next(it)? {
            // Rooted while waiting for the lock (a safepoint).
            let m = vm.push_root(x);
            locked(vm, o, |ctx, o| add_item(ctx, o, x, left));
            vm.pop_roots(m);
        }
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

/// `copy()`: a deque with the same items and maxlen; subclasses are called
/// as `type(d)(d)` / `type(d)(d, maxlen)` like CPython.
fn copy_impl(vm: &mut Vm, dv: Value) -> PyResult<Value> {
    let o = Obj::from_value(dv).expect("deque");
    let cls = o.class();
    let max = maxlen(o);
    if !is_heap_type(cls) {
        let no = alloc_deque(vm, cls, max);
        // Rooted while waiting for the source's lock (a safepoint).
        let mark = vm.push_root(no.value());
        locked(vm, o, |ctx, o| {
            for v in deque_items(o) {
                push_back(ctx, no, v);
            }
        });
        vm.pop_roots(mark);
        return Ok(no.value());
    }
    let r = match max {
        None => vm.call(cls, &[dv], Value::EMPTY)?,
        Some(m) => vm.call(cls, &[dv, Value::int(m as i64)], Value::EMPTY)?,
    };
    if !is_deque(r) {
        let (tn, rn) = (type_name(cls), vm.type_name_of(r));
        return Err(vm.type_error(&format!("{tn}() must return a deque, not {rn}")));
    }
    Ok(r)
}

/// `d *= n` on `o`.
fn imul_impl(vm: &mut Vm, o: Obj, n: i64) -> PyResult<()> {
    if n <= 0 {
        locked(vm, o, clear);
        return Ok(());
    }
    if n == 1 {
        return Ok(());
    }
    let too_big = locked(vm, o, |ctx, o| {
        let items = deque_items(o);
        let size = items.len() as u128;
        if size == 0 {
            return false;
        }
        let total = size * n as u128;
        let keep = maxlen(o).map_or(total, |m| total.min(m as u128));
        if keep > MAX_REPEAT {
            return true;
        }
        let start = total - keep;
        let out: Vec<Value> = (start..total).map(|j| items[(j % size) as usize]).collect();
        set_all(ctx, o, &out);
        false
    });
    if too_big {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    Ok(())
}

// ------------------------------------------------------------------ methods

fn deque_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("deque.__new__(): not enough arguments"));
    };
    match Obj::from_value(cls) {
        Some(t) if t.kind() == K_TYPE && type_layout(t) == K_DEQUE => {}
        Some(t) if t.kind() == K_TYPE => {
            let n = type_name(cls);
            return Err(vm.type_error(&format!(
                "deque.__new__({n}): {n} is not a subtype of deque"
            )));
        }
        _ => {
            let tn = vm.type_name_of(cls);
            return Err(vm.type_error(&format!("deque.__new__(X): X is not a type object ({tn})")));
        }
    }
    Ok(alloc_deque(vm, cls, None).value())
}

fn deque_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__init__")?;
    let mut args = Args::new(a, k);
    let pos = &args.pos[1..];
    let total = pos.len() + args.kw.len();
    if total > 2 {
        return Err(vm.type_error(&format!(
            "deque() takes at most 2 arguments ({total} given)"
        )));
    }
    let named = |args: &mut Args, i: usize, name: &str| -> Result<Option<Value>, String> {
        let kw = args.take(name);
        match (pos.get(i), kw) {
            (Some(_), Some(_)) => Err(format!(
                "argument for deque() given by name ('{name}') and position ({})",
                i + 1
            )),
            (Some(&v), None) => Ok(Some(v)),
            (None, kw) => Ok(kw),
        }
    };
    let iterable = named(&mut args, 0, "iterable");
    let maxlen_arg = named(&mut args, 1, "maxlen");
    let (iterable, maxlen_arg) = match (iterable, maxlen_arg) {
        (Ok(i), Ok(m)) => (i, m),
        (Err(e), _) | (_, Err(e)) => return Err(vm.type_error(&e)),
    };
    if let Some((key, _)) = args.kw.first() {
        let key = str_of(*key).into_owned();
        return Err(vm.type_error(&format!(
            "'{key}' is an invalid keyword argument for deque()"
        )));
    }
    let max = match maxlen_arg {
        None => None,
        Some(m) if m.is_none() => None,
        Some(m) => {
            if !vm.is_int_like(m) {
                return Err(vm.type_error("an integer is required"));
            }
            let Some(x) = vm.as_i64(m) else {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "Python int too large to convert to C ssize_t",
                ));
            };
            if x < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Some(x as usize)
        }
    };
    locked(vm, o, |ctx, o| {
        set_raw(o, DEQUE_R_MAXLEN, max.map_or(NO_MAXLEN, |m| m as u64));
        clear(ctx, o);
    });
    if let Some(src) = iterable {
        extend_impl(vm, a[0], src, false)?;
    }
    Ok(Value::NONE)
}

#[inline(always)]
fn push_impl(vm: &mut Vm, a: &[Value], k: Value, left: bool) -> PyResult<Value> {
    let (name, full) = if left {
        ("appendleft", "deque.appendleft")
    } else {
        ("append", "deque.append")
    };
    let o = this(vm, a, name)?;
    check_method(vm, full, a, k, 1, 1)?;
    let v = a[1];
    locked(vm, o, |ctx, o| {
        if !add_item_fast(ctx, o, v, left) {
            add_item(ctx, o, v, left);
        }
    });
    Ok(Value::NONE)
}

fn deque_append(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    push_impl(vm, a, k, false)
}

fn deque_appendleft(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    push_impl(vm, a, k, true)
}

#[inline(always)]
fn pop_impl(vm: &mut Vm, a: &[Value], k: Value, left: bool) -> PyResult<Value> {
    let (name, full) = if left {
        ("popleft", "deque.popleft")
    } else {
        ("pop", "deque.pop")
    };
    let o = this(vm, a, name)?;
    check_method(vm, full, a, k, 0, 0)?;
    let r = locked(vm, o, |ctx, o| {
        if let Some(v) = pop_fast(o, left) {
            return Some(v);
        }
        let r = if left {
            pop_front(ctx, o)
        } else {
            pop_back(ctx, o)
        };
        if r.is_some() {
            bump(o);
            shrink(ctx, o);
        }
        r
    });
    r.ok_or_else(|| vm.new_exc(vm.g.e.IndexError, "pop from an empty deque"))
}

fn deque_pop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pop_impl(vm, a, k, false)
}

fn deque_popleft(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pop_impl(vm, a, k, true)
}

fn deque_extend(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    this(vm, a, "extend")?;
    check_method(vm, "deque.extend", a, k, 1, 1)?;
    extend_impl(vm, a[0], a[1], false)?;
    Ok(Value::NONE)
}

fn deque_extendleft(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    this(vm, a, "extendleft")?;
    check_method(vm, "deque.extendleft", a, k, 1, 1)?;
    extend_impl(vm, a[0], a[1], true)?;
    Ok(Value::NONE)
}

fn deque_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "clear")?;
    check_method(vm, "deque.clear", a, k, 0, 0)?;
    locked(vm, o, clear);
    Ok(Value::NONE)
}

fn deque_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    this(vm, a, "copy")?;
    check_method(vm, "deque.copy", a, k, 0, 0)?;
    copy_impl(vm, a[0])
}

fn deque_dunder_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    this(vm, a, "__copy__")?;
    check_method(vm, "deque.__copy__", a, k, 0, 0)?;
    copy_impl(vm, a[0])
}

fn deque_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "count")?;
    check_method(vm, "deque.count", a, k, 1, 1)?;
    let st = state(o);
    let n = dlen(o);
    let mut c = 0i64;
    for i in 0..n {
        let Some(y) = scan_item(vm, o, i, st) else {
            return Err(mutated(vm));
        };
        if vm.eq(y, a[1])? {
            c += 1;
        }
        if state(o) != st {
            return Err(mutated(vm));
        }
    }
    Ok(Value::int(c))
}

fn deque_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__contains__")?;
    if a.len() != 2 {
        return Err(vm.type_error("expected 1 argument"));
    }
    let st = state(o);
    let n = dlen(o);
    for i in 0..n {
        let Some(y) = scan_item(vm, o, i, st) else {
            return Err(mutated(vm));
        };
        if vm.eq(y, a[1])? {
            return Ok(Value::TRUE);
        }
        if state(o) != st {
            return Err(mutated(vm));
        }
    }
    Ok(Value::FALSE)
}

fn deque_index(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "index")?;
    crate::args::check_parse_tuple(vm, "deque.index", "index", &a[1..], k, 1, 3)?;
    let mut start = match a.get(2) {
        Some(&v) => slice_index_arg(vm, v)?,
        None => 0,
    };
    let mut stop = match a.get(3) {
        Some(&v) => slice_index_arg(vm, v)?,
        None => i64::MAX,
    };
    let n = dlen(o) as i64;
    if start < 0 {
        start = (start + n).max(0);
    }
    if stop < 0 {
        stop = (stop + n).max(0);
    }
    stop = stop.min(n);
    start = start.min(stop);
    let st = state(o);
    for i in start..stop {
        let Some(y) = scan_item(vm, o, i as usize, st) else {
            return Err(mutated(vm));
        };
        if vm.eq(y, a[1])? {
            return Ok(Value::int(i));
        }
        if state(o) != st {
            return Err(mutated(vm));
        }
    }
    let r = vm.repr_string(a[1])?;
    Err(vm.value_error(&format!("{r} is not in deque")))
}

fn deque_insert(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "insert")?;
    if Obj::from_value(k).is_some_and(|t| t.n_values() > 0) {
        return Err(vm.type_error("deque.insert() takes no keyword arguments"));
    }
    if a.len() != 3 {
        return Err(vm.type_error(&format!(
            "insert() takes exactly 2 arguments ({} given)",
            a.len() - 1
        )));
    }
    let i = crate::args::py_ssize_t(vm, a[1])?;
    let v = a[2];
    let full = locked(vm, o, |ctx, o| {
        let n = dlen(o) as i64;
        if maxlen(o).is_some_and(|m| n as usize >= m) {
            return true;
        }
        if i >= n {
            add_item(ctx, o, v, false);
        } else if i <= -n || i == 0 {
            add_item(ctx, o, v, true);
        } else {
            let j = if i < 0 { i + n } else { i };
            insert_at(ctx, o, j as usize, v);
            bump(o);
        }
        false
    });
    if full {
        return Err(vm.new_exc(vm.g.e.IndexError, "deque already at its maximum size"));
    }
    Ok(Value::NONE)
}

fn deque_remove(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "remove")?;
    check_method(vm, "deque.remove", a, k, 1, 1)?;
    let st = state(o);
    let n = dlen(o);
    let index_error = |vm: &mut Vm| vm.new_exc(vm.g.e.IndexError, "deque mutated during iteration");
    for i in 0..n {
        let Some(y) = scan_item(vm, o, i, st) else {
            return Err(index_error(vm));
        };
        let found = vm.eq(y, a[1])?;
        if state(o) != st {
            return Err(index_error(vm));
        }
        if found {
            let ok = locked(vm, o, |ctx, o| {
                if state(o) != st {
                    return false;
                }
                delete_at(ctx, o, i);
                bump(o);
                shrink(ctx, o);
                true
            });
            if !ok {
                return Err(index_error(vm));
            }
            return Ok(Value::NONE);
        }
    }
    let r = vm.repr_string(a[1])?;
    Err(vm.value_error(&format!("{r} is not in deque")))
}

fn deque_reverse(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "reverse")?;
    check_method(vm, "deque.reverse", a, k, 0, 0)?;
    // In place, without a state change (CPython's iterators go on).
    locked(vm, o, |ctx, o| {
        let n = dlen(o);
        let s = storage(o);
        let (h, mask) = (head(o), s.n_values() - 1);
        for i in 0..n / 2 {
            let (p, q) = ((h + i) & mask, (h + n - 1 - i) & mask);
            let (x, y) = (s.get(p), s.get(q));
            ctx.store(s, p, y);
            ctx.store(s, q, x);
        }
    });
    Ok(Value::NONE)
}

fn deque_rotate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "rotate")?;
    check_method(vm, "deque.rotate", a, k, 0, 1)?;
    let n = match a.get(1) {
        Some(&v) => crate::args::py_ssize_t(vm, v)?,
        None => 1,
    };
    locked(vm, o, |ctx, o| rotate(ctx, o, n));
    Ok(Value::NONE)
}

fn deque_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__len__")?;
    Ok(Value::int(dlen(o) as i64))
}

fn deque_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__getitem__")?;
    let Some(&key) = a.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    let i = item_index(vm, o, key)?;
    locked(vm, o, |_, o| item(o, i))
        .ok_or_else(|| vm.new_exc(vm.g.e.IndexError, "deque index out of range"))
}

fn deque_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__setitem__")?;
    if a.len() != 3 {
        return Err(vm.type_error(&format!(
            "expected 2 arguments, got {}",
            a.len().saturating_sub(1)
        )));
    }
    let i = item_index(vm, o, a[1])?;
    let v = a[2];
    // Replacing an item is not a structural change: no state bump.
    let ok = locked(vm, o, |ctx, o| {
        if i >= dlen(o) {
            return false;
        }
        let s = storage(o);
        ctx.store(s, (head(o) + i) & (s.n_values() - 1), v);
        true
    });
    if !ok {
        return Err(vm.new_exc(vm.g.e.IndexError, "deque index out of range"));
    }
    Ok(Value::NONE)
}

fn deque_delitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__delitem__")?;
    let Some(&key) = a.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    let i = item_index(vm, o, key)?;
    let ok = locked(vm, o, |ctx, o| {
        if i >= dlen(o) {
            return false;
        }
        delete_at(ctx, o, i);
        bump(o);
        shrink(ctx, o);
        true
    });
    if !ok {
        return Err(vm.new_exc(vm.g.e.IndexError, "deque index out of range"));
    }
    Ok(Value::NONE)
}

fn new_iter(vm: &mut Vm, o: Obj, reverse: bool) -> Value {
    let cls = if reverse {
        vm.g.types.deque_reviter
    } else {
        vm.g.types.deque_iter
    };
    // Read before allocating: waiting for the lock is a safepoint.
    let (n, st) = locked(vm, o, |_, o| (dlen(o), state(o)));
    let it = vm.alloc_obj(K_MISC, cls, 1, 24);
    it.init(0, o.value());
    set_raw(it, IT_INDEX, if reverse { n as u64 } else { 0 });
    set_raw(it, IT_STATE, st);
    set_raw(it, IT_LEFT, n as u64);
    it.value()
}

fn deque_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__iter__")?;
    Ok(new_iter(vm, o, false))
}

fn deque_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__reversed__")?;
    Ok(new_iter(vm, o, true))
}

/// Comparison `op` (0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=), as CPython's
/// deque_richcompare: first differing item decides, else the lengths.
fn richcmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let vo = this(
        vm,
        a,
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][op as usize],
    )?;
    let Some(wo) = a
        .get(1)
        .and_then(|&w| Obj::from_value(w))
        .filter(|w| w.kind() == K_DEQUE)
    else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (vs, ws) = (dlen(vo), dlen(wo));
    if op == 2 || op == 3 {
        if vo == wo {
            return Ok(Value::bool(op == 2));
        }
        if vs != ws {
            return Ok(Value::bool(op == 3));
        }
    }
    let (s1, s2) = (state(vo), state(wo));
    let mut i = 0;
    let (x, y) = loop {
        let x = if i < vs {
            match scan_item(vm, vo, i, s1) {
                Some(x) => Some(x),
                None => return Err(mutated(vm)),
            }
        } else if state(vo) != s1 {
            return Err(mutated(vm));
        } else {
            None
        };
        // x stays rooted while waiting for w's lock (a safepoint).
        let mark = vm.push_root(x.unwrap_or(Value::NONE));
        let y = if i < ws {
            let y = scan_item(vm, wo, i, s2);
            vm.pop_roots(mark);
            match y {
                Some(y) => Some(y),
                None => return Err(mutated(vm)),
            }
        } else if state(wo) != s2 {
            vm.pop_roots(mark);
            return Err(mutated(vm));
        } else {
            vm.pop_roots(mark);
            None
        };
        let (Some(x), Some(y)) = (x, y) else {
            break (x.is_some(), y.is_some());
        };
        if !vm.eq(x, y)? {
            return vm.compare(x, y, op);
        }
        i += 1;
    };
    Ok(Value::bool(match op {
        0 => y,
        1 => !x,
        2 => x == y,
        3 => x != y,
        4 => x,
        _ => !y,
    }))
}

fn deque_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, 0)
}
fn deque_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, 1)
}
fn deque_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, 2)
}
fn deque_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, 3)
}
fn deque_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, 4)
}
fn deque_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    richcmp(vm, a, 5)
}

fn deque_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__add__")?;
    if !a.get(1).is_some_and(|&w| is_deque(w)) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let r = copy_impl(vm, a[0])?;
    let mark = vm.push_root(r);
    let e = extend_impl(vm, r, a[1], false);
    vm.pop_roots(mark);
    e?;
    Ok(r)
}

fn deque_iadd(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__iadd__")?;
    let Some(&src) = a.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    extend_impl(vm, a[0], src, false)?;
    Ok(a[0])
}

pub(crate) fn deque_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__mul__")?;
    let Some(&nv) = a.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    let n = repeat_count(vm, nv)?;
    let r = copy_impl(vm, a[0])?;
    let mark = vm.push_root(r);
    let e = imul_impl(vm, Obj::from_value(r).expect("deque"), n);
    vm.pop_roots(mark);
    e?;
    Ok(r)
}

pub(crate) fn deque_imul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__imul__")?;
    let Some(&nv) = a.get(1) else {
        return Err(vm.type_error("expected 1 argument, got 0"));
    };
    let n = repeat_count(vm, nv)?;
    imul_impl(vm, o, n)?;
    Ok(a[0])
}

fn deque_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__repr__")?;
    if vm.repr_enter(a[0]) {
        return Ok(vm.new_str("[...]"));
    }
    let items = locked(vm, o, |_, o| deque_items(o));
    let l = vm.new_list(&items);
    let mark = vm.push_root(l);
    let r = vm.repr_string(l);
    vm.pop_roots(mark);
    vm.repr_leave();
    let r = r?;
    let name = type_short_name(o.class());
    let s = match maxlen(o) {
        Some(m) => format!("{name}({r}, maxlen={m})"),
        None => format!("{name}({r})"),
    };
    Ok(vm.new_str(&s))
}

fn deque_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__reduce__")?;
    check_method(vm, "deque.__reduce__", a, k, 0, 0)?;
    let state_v = match vm.instance_dict(o) {
        Some(d) if !vm.dict_items(d).is_empty() => d,
        _ => Value::NONE,
    };
    let empty = vm.new_tuple(&[]);
    let args = match maxlen(o) {
        Some(m) => {
            let m = Value::int(m as i64);
            vm.new_tuple(&[empty, m])
        }
        None => empty,
    };
    let mark = vm.push_root(args);
    let it = new_iter(vm, o, false);
    vm.pop_roots(mark);
    let cls = o.class();
    Ok(vm.new_tuple(&[cls, args, state_v, it]))
}

fn deque_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "__sizeof__")?;
    // The header and its ring buffer at its capacity.
    Ok(vm.new_int(vm.owned_bytes(o.value()) as i64))
}

fn maxlen_get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a, "maxlen")?;
    Ok(match maxlen(o) {
        Some(m) => Value::int(m as i64),
        None => Value::NONE,
    })
}

// ------------------------------------------------------------------ iterators

fn it_self(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

fn it_obj(vm: &mut Vm, a: &[Value], cls: Value) -> PyResult<Obj> {
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == K_MISC && o.class() == cls => Ok(o),
        _ => Err(vm.type_error("descriptor requires a deque iterator")),
    }
}

/// One step of a deque iterator (`reverse`: from the right): `Ok(None)`
/// when exhausted.
fn it_step(vm: &mut Vm, it: Obj, reverse: bool) -> PyResult<Option<Value>> {
    let Some(d) = Obj::from_value(it.get(0)) else {
        return Ok(None);
    };
    // Ok(None): exhausted; Err(()): the deque changed.
    // As CPython: the forward iterator tests for a change first (so it
    // raises again once it has), the reverse one for its end first.
    let r = locked(vm, d, |_, d| {
        let left = get_raw(it, IT_LEFT);
        if reverse && left == 0 {
            return Ok(None);
        }
        if state(d) != get_raw(it, IT_STATE) {
            set_raw(it, IT_LEFT, 0);
            return Err(());
        }
        if left == 0 {
            return Ok(None);
        }
        let i = get_raw(it, IT_INDEX);
        let (pos, next) = if reverse { (i - 1, i - 1) } else { (i, i + 1) };
        set_raw(it, IT_INDEX, next);
        set_raw(it, IT_LEFT, left - 1);
        Ok(item(d, pos as usize))
    });
    r.map_err(|()| mutated(vm))
}

/// `Vm::next`'s step for `_deque_iterator` objects (`set_type_step`).
fn iter_step(vm: &mut Vm, it: Obj) -> PyResult<Option<Value>> {
    it_step(vm, it, false)
}

/// `Vm::next`'s step for `_deque_reverse_iterator` objects.
fn reviter_step(vm: &mut Vm, it: Obj) -> PyResult<Option<Value>> {
    it_step(vm, it, true)
}

fn iter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = vm.g.types.deque_iter;
    let it = it_obj(vm, a, cls)?;
    let r = it_step(vm, it, false)?;
    vm.next_or_stop(r)
}

fn reviter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = vm.g.types.deque_reviter;
    let it = it_obj(vm, a, cls)?;
    let r = it_step(vm, it, true)?;
    vm.next_or_stop(r)
}

fn it_length_hint(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let t = &vm.g.types;
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o)
            if o.kind() == K_MISC
                && (o.class() == t.deque_iter || o.class() == t.deque_reviter) =>
        {
            Ok(Value::int(get_raw(o, IT_LEFT) as i64))
        }
        _ => Err(vm.type_error("descriptor requires a deque iterator")),
    }
}

const DOC: &str = "deque([iterable[, maxlen]]) --> deque object\n\nA list-like sequence optimized for data accesses near its endpoints.";

/// Fills `collections.deque` and its iterator types.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.deque;
    vm.add_static(t, "__new__", deque_new, false);
    let m: &[(&'static str, NativeFn)] = &[
        ("__init__", deque_init),
        ("append", deque_append),
        ("appendleft", deque_appendleft),
        ("pop", deque_pop),
        ("popleft", deque_popleft),
        ("extend", deque_extend),
        ("extendleft", deque_extendleft),
        ("clear", deque_clear),
        ("copy", deque_copy),
        ("__copy__", deque_dunder_copy),
        ("count", deque_count),
        ("index", deque_index),
        ("insert", deque_insert),
        ("remove", deque_remove),
        ("reverse", deque_reverse),
        ("rotate", deque_rotate),
        ("__len__", deque_len),
        ("__getitem__", deque_getitem),
        ("__setitem__", deque_setitem),
        ("__delitem__", deque_delitem),
        ("__contains__", deque_contains),
        ("__iter__", deque_iter),
        ("__reversed__", deque_reversed),
        ("__lt__", deque_lt),
        ("__le__", deque_le),
        ("__eq__", deque_eq),
        ("__ne__", deque_ne),
        ("__gt__", deque_gt),
        ("__ge__", deque_ge),
        ("__add__", deque_add),
        ("__iadd__", deque_iadd),
        ("__mul__", deque_mul),
        ("__rmul__", deque_mul),
        ("__imul__", deque_imul),
        ("__repr__", deque_repr),
        ("__reduce__", deque_reduce),
        ("__sizeof__", deque_sizeof),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    vm.add_static(
        t,
        "__class_getitem__",
        super::genericalias::class_getitem,
        true,
    );
    let p = vm.new_native_getset(t, "maxlen", maxlen_get, None);
    vm.add_attr(t, "maxlen", p);
    super::set_module_and_doc(vm, t, "collections", DOC);
    let modname = vm.new_str("_collections");
    vm.ctx.promote(modname);
    for (it, next, step) in [
        (
            vm.g.types.deque_iter,
            iter_next as NativeFn,
            iter_step as IterNextFn,
        ),
        (
            vm.g.types.deque_reviter,
            reviter_next as NativeFn,
            reviter_step as IterNextFn,
        ),
    ] {
        set_type_step(Obj::from_value(it).expect("type"), step);
        vm.add_method(it, "__iter__", it_self);
        vm.add_method(it, "__next__", next);
        vm.add_method(it, "__length_hint__", it_length_hint);
        vm.add_attr(it, "__module__", modname);
    }
    Ok(())
}
