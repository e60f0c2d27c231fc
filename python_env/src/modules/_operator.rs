//! The `_operator` module: the native half of `operator` (CPython 3.11's
//! `Modules/_operator.c`): the operator functions, `itemgetter`,
//! `attrgetter`, `methodcaller` and `_compare_digest`. CPython's own
//! `operator.py` defines everything in Python, then replaces it with these.
//!
//! The three callable types are not subclassable (as in CPython) and use
//! the `K_MISC` layout with value slots:
//! - `itemgetter`: `[items]` (a tuple of the keys);
//! - `attrgetter`: `[paths, names]` (`paths` a tuple with, per name, a
//!   tuple of its interned dotted parts; `names` the names as given);
//! - `methodcaller`: `[name, args, kwargs]` (`kwargs` a dict, never
//!   mutated after creation, so a call reads it without a lock).
//!
//! The objects are immutable after `__new__`, so threads call them freely.

use engine::bytecode::BinaryOperator as B;
use engine::runtime::*;
use proto_core::{Obj, Value};

const MODULE_DOC: &str = "Operator interface.\n\n\
This module exports a set of functions implemented in C corresponding\n\
to the intrinsic operators of Python.  For example, operator.add(x, y)\n\
is equivalent to the expression x+y.  The function names are those\n\
used for special methods; variants without leading and trailing\n\
'__' are also provided for convenience.";

fn nkw(k: Value) -> usize {
    Obj::from_value(k).map_or(0, |o| o.n_values())
}

/// `_PyArg_CheckPositional` for a positional-only function `name`.
#[inline]
fn pos(vm: &mut Vm, name: &str, a: &[Value], k: Value, min: usize, max: usize) -> PyResult<()> {
    let qual = format!("_operator.{name}");
    crate::types::clinic::positional(vm, &qual, name, a, k, min, max)
}

macro_rules! binop {
    ($($fname:ident, $name:literal, $op:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                if a.len() != 2 || k.is_heap() {
                    pos(vm, $name, a, k, 2, 2)?;
                }
                vm.binary_op($op, a[0], a[1])
            }
        )*
    };
}

binop! {
    op_add, "add", B::Add;
    op_and, "and_", B::And;
    op_floordiv, "floordiv", B::FloorDivide;
    op_lshift, "lshift", B::Lshift;
    op_mod, "mod", B::Remainder;
    op_mul, "mul", B::Multiply;
    op_matmul, "matmul", B::MatrixMultiply;
    op_or, "or_", B::Or;
    op_pow, "pow", B::Power;
    op_rshift, "rshift", B::Rshift;
    op_sub, "sub", B::Subtract;
    op_truediv, "truediv", B::TrueDivide;
    op_xor, "xor", B::Xor;
    op_iadd, "iadd", B::InplaceAdd;
    op_iand, "iand", B::InplaceAnd;
    op_ifloordiv, "ifloordiv", B::InplaceFloorDivide;
    op_ilshift, "ilshift", B::InplaceLshift;
    op_imod, "imod", B::InplaceRemainder;
    op_imul, "imul", B::InplaceMultiply;
    op_imatmul, "imatmul", B::InplaceMatrixMultiply;
    op_ior, "ior", B::InplaceOr;
    op_ipow, "ipow", B::InplacePower;
    op_irshift, "irshift", B::InplaceRshift;
    op_isub, "isub", B::InplaceSubtract;
    op_itruediv, "itruediv", B::InplaceTrueDivide;
    op_ixor, "ixor", B::InplaceXor;
}

macro_rules! cmpop {
    ($($fname:ident, $name:literal, $op:expr;)*) => {
        $(
            fn $fname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                if a.len() != 2 || k.is_heap() {
                    pos(vm, $name, a, k, 2, 2)?;
                }
                vm.compare(a[0], a[1], $op)
            }
        )*
    };
}

cmpop! {
    op_lt, "lt", 0;
    op_le, "le", 1;
    op_eq, "eq", 2;
    op_ne, "ne", 3;
    op_gt, "gt", 4;
    op_ge, "ge", 5;
}

/// A METH_O function: exactly one positional argument.
fn one(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<Value> {
    if nkw(k) > 0 {
        return Err(vm.type_error(&format!("_operator.{name}() takes no keyword arguments")));
    }
    if a.len() != 1 {
        return Err(vm.type_error(&format!(
            "_operator.{name}() takes exactly one argument ({} given)",
            a.len()
        )));
    }
    Ok(a[0])
}

macro_rules! unop {
    ($($fname:ident, $name:literal, $op:literal;)*) => {
        $(
            fn $fname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                let x = one(vm, $name, a, k)?;
                vm.unary_op($op, x)
            }
        )*
    };
}

unop! {
    op_neg, "neg", '-';
    op_pos, "pos", '+';
    op_inv, "inv", '~';
    op_invert, "invert", '~';
}

fn op_abs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = one(vm, "abs", a, k)?;
    let n = vm.intern("abs");
    let f = vm
        .dict_get_str(vm.g.builtins, n)
        .expect("builtins.abs exists");
    vm.call(f, &[x], Value::EMPTY)
}

fn op_index(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = one(vm, "index", a, k)?;
    vm.index(x)
}

fn op_not(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = one(vm, "not_", a, k)?;
    Ok(Value::bool(!vm.truthy(x)?))
}

fn op_truth(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = one(vm, "truth", a, k)?;
    Ok(Value::bool(vm.truthy(x)?))
}

fn op_is(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "is_", a, k, 2, 2)?;
    Ok(Value::bool(a[0] == a[1]))
}

fn op_is_not(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "is_not", a, k, 2, 2)?;
    Ok(Value::bool(a[0] != a[1]))
}

/// `PySequence_Check`: a `__getitem__` on a type that is not a dict.
fn is_sequence(vm: &mut Vm, v: Value) -> bool {
    if vm.isinstance(v, vm.g.types.dict) {
        return false;
    }
    let t = vm.type_of(v);
    let n = vm.intern("__getitem__");
    vm.lookup_type(t, n).is_some()
}

fn concat_impl(vm: &mut Vm, name: &str, a: &[Value], k: Value, op: B) -> PyResult<Value> {
    pos(vm, name, a, k, 2, 2)?;
    if !is_sequence(vm, a[0]) {
        let tn = vm.type_name_of(a[0]);
        return Err(vm.type_error(&format!("'{tn}' object can't be concatenated")));
    }
    vm.binary_op(op, a[0], a[1])
}

fn op_concat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    concat_impl(vm, "concat", a, k, B::Add)
}

fn op_iconcat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    concat_impl(vm, "iconcat", a, k, B::InplaceAdd)
}

fn op_contains(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "contains", a, k, 2, 2)?;
    Ok(Value::bool(vm.contains(a[0], a[1])?))
}

/// Searches `seq` for `x` (identity or equality): with `count`, (number
/// of matches, false); else (index of the first, found).
fn search(vm: &mut Vm, seq: Value, x: Value, count: bool) -> PyResult<(i64, bool)> {
    let it = match vm.iter(seq) {
        Ok(it) => it,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
            let tn = vm.type_name_of(seq);
            return Err(vm.type_error(&format!("argument of type '{tn}' is not iterable")));
        }
        Err(e) => return Err(e),
    };
    let mark = vm.push_root(it);
    let r = (|| {
        let mut n = 0i64;
        let mut i = 0i64;
        while let Some(item) = vm.next(it)? {
            let same = item == x || {
                let m = vm.push_root(item);
                let r = vm.eq(item, x);
                vm.pop_roots(m);
                r?
            };
            if same {
                if !count {
                    return Ok((i, true));
                }
                n += 1;
            }
            i += 1;
        }
        Ok((n, false))
    })();
    vm.pop_roots(mark);
    r
}

fn op_count_of(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "countOf", a, k, 2, 2)?;
    let (n, _) = search(vm, a[0], a[1], true)?;
    Ok(vm.new_int(n))
}

fn op_index_of(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "indexOf", a, k, 2, 2)?;
    match search(vm, a[0], a[1], false)? {
        (i, true) => Ok(vm.new_int(i)),
        _ => Err(vm.value_error("sequence.index(x): x not in sequence")),
    }
}

fn op_getitem(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if a.len() != 2 || k.is_heap() {
        pos(vm, "getitem", a, k, 2, 2)?;
    }
    vm.getitem(a[0], a[1])
}

fn op_setitem(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "setitem", a, k, 3, 3)?;
    vm.setitem(a[0], a[1], a[2])?;
    Ok(Value::NONE)
}

fn op_delitem(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "delitem", a, k, 2, 2)?;
    vm.delitem(a[0], a[1])?;
    Ok(Value::NONE)
}

/// `length_hint(obj, default=0, /)` (`PyObject_LengthHint`).
fn op_length_hint(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "length_hint", a, k, 1, 2)?;
    let obj = a[0];
    let default = match a.get(1) {
        Some(&d) => {
            if !d.is_int() && !vm.isinstance(d, vm.g.types.int) {
                let tn = vm.type_name_of(d);
                return Err(vm.type_error(&format!(
                    "'{tn}' object cannot be interpreted as an integer"
                )));
            }
            d
        }
        None => Value::int(0),
    };
    length_hint(vm, obj, default)
}

/// `PyObject_LengthHint(obj, default)`: `len(obj)` when its type has
/// `__len__` (a TypeError from it falls through), else `__length_hint__`
/// checked as CPython checks it, else `default`.
pub(crate) fn length_hint(vm: &mut Vm, obj: Value, default: Value) -> PyResult<Value> {
    let t = vm.type_of(obj);
    let len_name = vm.intern("__len__");
    if vm.lookup_type(t, len_name).is_some() {
        match vm.len_protocol(obj) {
            Ok(n) => return Ok(vm.new_int(n as i64)),
            Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {}
            Err(e) => return Err(e),
        }
    }
    let hint_name = vm.intern("__length_hint__");
    let Some(hint) = vm.lookup_type(t, hint_name) else {
        return Ok(default);
    };
    let r = match vm.call_bound(hint, obj, &[]) {
        Ok(r) => r,
        Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => return Ok(default),
        Err(e) => return Err(e),
    };
    if r == Value::NOT_IMPLEMENTED {
        return Ok(default);
    }
    if !r.is_int() && !vm.isinstance(r, vm.g.types.int) {
        let tn = vm.type_name_of(r);
        return Err(vm.type_error(&format!("__length_hint__ must be an integer, not {tn}")));
    }
    match vm.as_i64(r) {
        Some(n) if n < 0 => Err(vm.value_error("__length_hint__() should return >= 0")),
        Some(_) => Ok(r),
        None => {
            let neg = vm.compare(r, Value::int(0), 0)?;
            if neg == Value::TRUE {
                Err(vm.value_error("__length_hint__() should return >= 0"))
            } else {
                Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
        }
    }
}

/// `call(obj, /, *args, **kwargs)`.
fn op_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if a.len() <= nkw(k) {
        return Err(vm.type_error("call expected at least 1 argument, got 0"));
    }
    vm.call(a[0], &a[1..], k)
}

/// The bytes of a bytes-like value (bytes, bytearray, memoryview...).
fn buffer_bytes(_vm: &mut Vm, v: Value) -> Option<Vec<u8>> {
    crate::types::bytes::buf(v)
}

/// `_compare_digest(a, b)`: equality in time independent of where the
/// inputs differ (ASCII str with str, or bytes-like with bytes-like).
pub(crate) fn op_compare_digest(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    pos(vm, "_compare_digest", a, k, 2, 2)?;
    let (x, y) = (a[0], a[1]);
    let (xb, yb) = if is_str(x) && is_str(y) {
        let (xs, ys) = (str_bytes(x), str_bytes(y));
        if !xs.is_ascii() || !ys.is_ascii() {
            return Err(
                vm.type_error("comparing strings with non-ASCII characters is not supported")
            );
        }
        (xs.to_vec(), ys.to_vec())
    } else {
        match (buffer_bytes(vm, x), buffer_bytes(vm, y)) {
            (Some(p), Some(q)) => (p, q),
            (None, None) => {
                let (tx, ty) = (vm.type_name_of(x), vm.type_name_of(y));
                return Err(vm.type_error(&format!(
                    "unsupported operand types(s) or combination of types: '{tx}' and '{ty}'"
                )));
            }
            (p, _) => {
                let bad = if p.is_none() { x } else { y };
                let tn = vm.type_name_of(bad);
                return Err(vm.type_error(&format!("a bytes-like object is required, not '{tn}'")));
            }
        }
    };
    // CPython's tscmp: the loop always runs over `b`'s length.
    let mut result = u8::from(xb.len() != yb.len());
    let left: &[u8] = if xb.len() == yb.len() { &xb } else { &yb };
    for (p, q) in left.iter().zip(yb.iter()) {
        result |= p ^ q;
    }
    Ok(Value::bool(result == 0))
}

// ------------------------------------------------------------------ types

const IG_ITEMS: usize = 0;
const AG_PATHS: usize = 0;
const AG_NAMES: usize = 1;
const MC_NAME: usize = 0;
const MC_ARGS: usize = 1;
const MC_KWARGS: usize = 2;

/// The instance `v` of the operator type named `tname`, or CPython's
/// descriptor TypeError.
fn this(vm: &mut Vm, v: Value, tname: &str, what: &str) -> PyResult<Obj> {
    match Obj::from_value(v) {
        Some(o)
            if o.kind() == K_MISC
                && !is_heap_type(o.class())
                && Obj::from_value(o.class()).is_some_and(|t| str_of(t.get(T_NAME)) == tname) =>
        {
            Ok(o)
        }
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'operator.{tname}' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// The arguments of a `__call__` taking exactly one object.
fn call_arg(vm: &mut Vm, tname: &str, a: &[Value], k: Value) -> PyResult<Value> {
    let n = a.len() - 1;
    if n == 1 && !k.is_heap() {
        return Ok(a[1]);
    }
    if nkw(k) > 0 {
        return Err(vm.type_error(&format!("{tname}() takes no keyword arguments")));
    }
    Err(vm.type_error(&format!("{tname} expected 1 argument, got {n}")))
}

/// `repr` of `o` (CPython's `Py_ReprEnter` guards are not needed: these
/// objects cannot contain themselves).
fn repr_str(vm: &mut Vm, v: Value) -> PyResult<String> {
    let r = vm.repr(v)?;
    Ok(str_of(r).into_owned())
}

fn ig_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if nkw(k) > 0 {
        return Err(vm.type_error("itemgetter() takes no keyword arguments"));
    }
    let items = &a[1..];
    if items.is_empty() {
        return Err(vm.type_error("itemgetter expected 1 argument, got 0"));
    }
    let t = vm.new_tuple(items);
    let mark = vm.push_root(t);
    let o = vm.alloc_obj(K_MISC, a[0], 1, 0);
    vm.pop_roots(mark);
    o.init(IG_ITEMS, t);
    Ok(o.value())
}

fn ig_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "itemgetter", "__call__")?;
    let obj = call_arg(vm, "itemgetter", a, k)?;
    let items = Obj::from_value(o.get(IG_ITEMS)).expect("tuple");
    let n = items.n_values();
    if n == 1 {
        let key = items.get(0);
        // The common `itemgetter(i)(seq)` on a tuple/list or dict.
        if let Some(v) = vm.exact_seq_item(obj, key) {
            return Ok(v);
        }
        return vm.getitem(obj, key);
    }
    let mut out = Vec::with_capacity(n);
    let mark = vm.push_root(Value::NONE);
    for i in 0..n {
        match vm.getitem(obj, items.get(i)) {
            Ok(v) => {
                vm.push_root(v);
                out.push(v);
            }
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    let t = vm.new_tuple(&out);
    vm.pop_roots(mark);
    Ok(t)
}

fn ig_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "itemgetter", "__repr__")?;
    let items = Obj::from_value(o.get(IG_ITEMS)).expect("tuple");
    let mut parts = Vec::new();
    for i in 0..items.n_values() {
        parts.push(repr_str(vm, items.get(i))?);
    }
    let s = format!("operator.itemgetter({})", parts.join(", "));
    Ok(vm.new_str(&s))
}

fn ig_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "itemgetter", "__reduce__")?;
    let cls = o.class();
    Ok(vm.new_tuple(&[cls, o.get(IG_ITEMS)]))
}

fn ag_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if nkw(k) > 0 {
        return Err(vm.type_error("attrgetter() takes no keyword arguments"));
    }
    let names = &a[1..];
    if names.is_empty() {
        return Err(vm.type_error("attrgetter expected 1 argument, got 0"));
    }
    let mark = vm.push_root(Value::NONE);
    let mut paths = Vec::with_capacity(names.len());
    for &n in names {
        if !is_str(n) {
            vm.pop_roots(mark);
            return Err(vm.type_error("attribute name must be a string"));
        }
        let s = str_of(n);
        let parts: Vec<Value> = s.split('.').map(|p| vm.intern(p)).collect();
        let p = vm.new_tuple(&parts);
        vm.push_root(p);
        paths.push(p);
    }
    let pt = vm.new_tuple(&paths);
    vm.push_root(pt);
    let nt = vm.new_tuple(names);
    vm.push_root(nt);
    let o = vm.alloc_obj(K_MISC, a[0], 2, 0);
    vm.pop_roots(mark);
    o.init(AG_PATHS, pt);
    o.init(AG_NAMES, nt);
    Ok(o.value())
}

/// Follows one dotted path from `obj`.
fn ag_path(vm: &mut Vm, obj: Value, path: Obj) -> PyResult<Value> {
    let mut cur = obj;
    let mark = vm.push_root(obj);
    for i in 0..path.n_values() {
        match vm.getattr(cur, path.get(i)) {
            Ok(v) => {
                cur = v;
                vm.push_root(v);
            }
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    vm.pop_roots(mark);
    Ok(cur)
}

fn ag_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "attrgetter", "__call__")?;
    let obj = call_arg(vm, "attrgetter", a, k)?;
    let paths = Obj::from_value(o.get(AG_PATHS)).expect("tuple");
    let n = paths.n_values();
    if n == 1 {
        let p = Obj::from_value(paths.get(0)).expect("tuple");
        if p.n_values() == 1 {
            return vm.getattr(obj, p.get(0));
        }
        return ag_path(vm, obj, p);
    }
    let mut out = Vec::with_capacity(n);
    let mark = vm.push_root(Value::NONE);
    for i in 0..n {
        let p = Obj::from_value(paths.get(i)).expect("tuple");
        match ag_path(vm, obj, p) {
            Ok(v) => {
                vm.push_root(v);
                out.push(v);
            }
            Err(e) => {
                vm.pop_roots(mark);
                return Err(e);
            }
        }
    }
    let t = vm.new_tuple(&out);
    vm.pop_roots(mark);
    Ok(t)
}

fn ag_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "attrgetter", "__repr__")?;
    let names = Obj::from_value(o.get(AG_NAMES)).expect("tuple");
    let mut parts = Vec::new();
    for i in 0..names.n_values() {
        parts.push(repr_str(vm, names.get(i))?);
    }
    let s = format!("operator.attrgetter({})", parts.join(", "));
    Ok(vm.new_str(&s))
}

fn ag_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "attrgetter", "__reduce__")?;
    // The dotted names rebuilt from the parts, as CPython does.
    let paths = Obj::from_value(o.get(AG_PATHS)).expect("tuple");
    let mark = vm.push_root(Value::NONE);
    let mut names = Vec::new();
    for i in 0..paths.n_values() {
        let p = Obj::from_value(paths.get(i)).expect("tuple");
        let joined: Vec<String> = (0..p.n_values())
            .map(|j| str_of(p.get(j)).into_owned())
            .collect();
        let s = vm.new_str(&joined.join("."));
        vm.push_root(s);
        names.push(s);
    }
    let t = vm.new_tuple(&names);
    vm.push_root(t);
    let cls = o.class();
    let r = vm.new_tuple(&[cls, t]);
    vm.pop_roots(mark);
    Ok(r)
}

fn mc_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let nk = nkw(k);
    let npos = a.len() - 1 - nk;
    if npos < 1 {
        return Err(vm.type_error("methodcaller needs at least one argument, the method name"));
    }
    let name = a[1];
    if !is_str(name) {
        return Err(vm.type_error("method name must be a string"));
    }
    let name = vm.intern_value(name);
    let mark = vm.push_root(name);
    let args = vm.new_tuple(&a[2..a.len() - nk]);
    vm.push_root(args);
    let kwargs = vm.new_dict();
    vm.push_root(kwargs);
    if let Some(ko) = Obj::from_value(k) {
        let vals = &a[a.len() - nk..];
        for (i, &v) in vals.iter().enumerate() {
            vm.dict_set_str(kwargs, ko.get(i), v);
        }
    }
    let o = vm.alloc_obj(K_MISC, a[0], 3, 0);
    vm.pop_roots(mark);
    o.init(MC_NAME, name);
    o.init(MC_ARGS, args);
    o.init(MC_KWARGS, kwargs);
    Ok(o.value())
}

fn mc_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "methodcaller", "__call__")?;
    let obj = call_arg(vm, "methodcaller", a, k)?;
    let m = vm.getattr(obj, o.get(MC_NAME))?;
    let mark = vm.push_root(m);
    let args = Obj::from_value(o.get(MC_ARGS)).expect("tuple");
    let kw = vm.dict_items(o.get(MC_KWARGS));
    let mut all: Vec<Value> = (0..args.n_values()).map(|i| args.get(i)).collect();
    let r = if kw.is_empty() {
        vm.call(m, &all, Value::EMPTY)
    } else {
        let names: Vec<Value> = kw.iter().map(|&(k, _)| k).collect();
        all.extend(kw.iter().map(|&(_, v)| v));
        let kn = vm.new_tuple(&names);
        vm.push_root(kn);
        vm.call(m, &all, kn)
    };
    vm.pop_roots(mark);
    r
}

fn mc_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "methodcaller", "__repr__")?;
    let mut parts = vec![repr_str(vm, o.get(MC_NAME))?];
    let args = Obj::from_value(o.get(MC_ARGS)).expect("tuple");
    for i in 0..args.n_values() {
        parts.push(repr_str(vm, args.get(i))?);
    }
    for (k, v) in vm.dict_items(o.get(MC_KWARGS)) {
        let r = repr_str(vm, v)?;
        parts.push(format!("{}={r}", str_of(k)));
    }
    let s = format!("operator.methodcaller({})", parts.join(", "));
    Ok(vm.new_str(&s))
}

fn mc_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = this(vm, a[0], "methodcaller", "__reduce__")?;
    let cls = o.class();
    let kw = vm.dict_items(o.get(MC_KWARGS));
    let args = Obj::from_value(o.get(MC_ARGS)).expect("tuple");
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        if kw.is_empty() {
            let mut items = vec![o.get(MC_NAME)];
            items.extend((0..args.n_values()).map(|i| args.get(i)));
            let t = vm.new_tuple(&items);
            vm.push_root(t);
            return Ok(vm.new_tuple(&[cls, t]));
        }
        // partial(methodcaller, name, **kwargs), args
        let ft = vm.import_module("functools")?;
        vm.push_root(ft);
        let n = vm.intern("partial");
        let partial = vm.getattr(ft, n)?;
        vm.push_root(partial);
        let names: Vec<Value> = kw.iter().map(|&(k, _)| k).collect();
        let kn = vm.new_tuple(&names);
        vm.push_root(kn);
        let mut all = vec![cls, o.get(MC_NAME)];
        all.extend(kw.iter().map(|&(_, v)| v));
        let ctor = vm.call(partial, &all, kn)?;
        vm.push_root(ctor);
        Ok(vm.new_tuple(&[ctor, o.get(MC_ARGS)]))
    })();
    vm.pop_roots(mark);
    r
}

/// A non-subclassable operator type `name` with its methods.
fn make_type(
    vm: &mut Vm,
    m: Value,
    name: &'static str,
    doc: &str,
    new: NativeFn,
    methods: &[(&'static str, NativeFn)],
) {
    let t = vm.new_static_type(name, vm.g.types.object, K_MISC, false);
    let modname = vm.intern("operator");
    vm.add_attr(t, "__module__", modname);
    let d = vm.new_str(doc);
    vm.ctx.promote(d);
    vm.add_attr(t, "__doc__", d);
    vm.add_static(t, "__new__", new, false);
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.set_module_attr(m, name, t);
}

/// Creates the `_operator` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_operator");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("abs", op_abs),
        ("add", op_add),
        ("and_", op_and),
        ("call", op_call),
        ("concat", op_concat),
        ("contains", op_contains),
        ("countOf", op_count_of),
        ("delitem", op_delitem),
        ("eq", op_eq),
        ("floordiv", op_floordiv),
        ("ge", op_ge),
        ("getitem", op_getitem),
        ("gt", op_gt),
        ("iadd", op_iadd),
        ("iand", op_iand),
        ("iconcat", op_iconcat),
        ("ifloordiv", op_ifloordiv),
        ("ilshift", op_ilshift),
        ("imatmul", op_imatmul),
        ("imod", op_imod),
        ("imul", op_imul),
        ("index", op_index),
        ("indexOf", op_index_of),
        ("inv", op_inv),
        ("invert", op_invert),
        ("ior", op_ior),
        ("ipow", op_ipow),
        ("irshift", op_irshift),
        ("is_", op_is),
        ("is_not", op_is_not),
        ("isub", op_isub),
        ("itruediv", op_itruediv),
        ("ixor", op_ixor),
        ("le", op_le),
        ("length_hint", op_length_hint),
        ("lshift", op_lshift),
        ("lt", op_lt),
        ("matmul", op_matmul),
        ("mod", op_mod),
        ("mul", op_mul),
        ("ne", op_ne),
        ("neg", op_neg),
        ("not_", op_not),
        ("or_", op_or),
        ("pos", op_pos),
        ("pow", op_pow),
        ("rshift", op_rshift),
        ("setitem", op_setitem),
        ("sub", op_sub),
        ("truediv", op_truediv),
        ("truth", op_truth),
        ("xor", op_xor),
        ("_compare_digest", op_compare_digest),
    ];
    vm.add_module_functions(m, fns);
    make_type(
        vm,
        m,
        "itemgetter",
        "itemgetter(item, ...) --> itemgetter object\n\n\
Return a callable object that fetches the given item(s) from its operand.\n\
After f = itemgetter(2), the call f(r) returns r[2].\n\
After g = itemgetter(2, 5, 3), the call g(r) returns (r[2], r[5], r[3])",
        ig_new,
        &[
            ("__call__", ig_call),
            ("__repr__", ig_repr),
            ("__reduce__", ig_reduce),
        ],
    );
    make_type(
        vm,
        m,
        "attrgetter",
        "attrgetter(attr, ...) --> attrgetter object\n\n\
Return a callable object that fetches the given attribute(s) from its operand.\n\
After f = attrgetter('name'), the call f(r) returns r.name.\n\
After g = attrgetter('name', 'date'), the call g(r) returns (r.name, r.date).\n\
After h = attrgetter('name.first', 'name.last'), the call h(r) returns\n\
(r.name.first, r.name.last).",
        ag_new,
        &[
            ("__call__", ag_call),
            ("__repr__", ag_repr),
            ("__reduce__", ag_reduce),
        ],
    );
    make_type(
        vm,
        m,
        "methodcaller",
        "methodcaller(name, ...) --> methodcaller object\n\n\
Return a callable object that calls the given method on its operand.\n\
After f = methodcaller('name'), the call f(r) returns r.name().\n\
After g = methodcaller('name', 'date', foo=1), the call g(r) returns\n\
r.name('date', foo=1).",
        mc_new,
        &[
            ("__call__", mc_call),
            ("__repr__", mc_repr),
            ("__reduce__", mc_reduce),
        ],
    );
    vm.pop_roots(mark);
    Ok(m)
}
