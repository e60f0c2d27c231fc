//! `float`.

use crate::args::Args;
use crate::text;
use engine::runtime::ops::Num;
use engine::runtime::*;
use proto_core::Value;

/// The value of `x.__float__()` = `r`: TypeError unless a float; a strict
/// float subclass instance is accepted with CPython 3.11's
/// DeprecationWarning.
fn float_result(vm: &mut Vm, x: Value, r: Value) -> PyResult<f64> {
    let exact = vm.type_of(r) == vm.g.types.float;
    if !exact && !vm.isinstance(r, vm.g.types.float) {
        let (tx, tr) = (vm.type_name_of(x), vm.type_name_of(r));
        return Err(vm.type_error(&format!("{tx}.__float__ returned non-float (type {tr})")));
    }
    let f = fval(vm, r);
    if !exact {
        let (tx, tr) = (vm.type_name_of(x), vm.type_name_of(r));
        vm.warn(
            vm.g.e.DeprecationWarning,
            &format!(
                "{tx}.__float__ returned non-float (type {tr}).  The ability to return an \
                 instance of a strict subclass of float is deprecated, and may be removed in a \
                 future version of Python."
            ),
            1,
        )?;
    }
    Ok(f)
}

/// The value of a number `x` (int, bool or float, subclasses included) as a
/// float; OverflowError for an int too large; None for anything else.
pub(crate) fn num_to_f64(vm: &mut Vm, x: Value) -> PyResult<Option<f64>> {
    match vm.num(x) {
        Some(Num::F(f)) => Ok(Some(f)),
        Some(Num::I(i)) => Ok(Some(i as f64)),
        Some(Num::B(b)) => match num_traits::ToPrimitive::to_f64(b).filter(|f| f.is_finite()) {
            Some(f) => Ok(Some(f)),
            None => Err(vm.new_exc(vm.g.e.OverflowError, "int too large to convert to float")),
        },
        None => Ok(None),
    }
}

/// float(x).
pub fn to_float(vm: &mut Vm, x: Value) -> PyResult<f64> {
    // PyFloat_AsDouble reads a float subclass's value directly, but converts
    // an int subclass instance through its type's __float__.
    if super::int::is_numsub(x) && matches!(vm.num(x), Some(Num::I(_) | Num::B(_))) {
        if let Some(r) = vm.call_special(x, vm.g.names.__float__, &[])? {
            return float_result(vm, x, r);
        }
    }
    if let Some(f) = num_to_f64(vm, x)? {
        return Ok(f);
    }
    let bytes_like = if is_str(x) {
        None
    } else {
        super::bytes::buf(x)
    };
    if is_str(x) || bytes_like.is_some() {
        let s = match bytes_like {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => str_of(x).into_owned(),
        };
        return match text::parse_float(&s) {
            Ok(f) => Ok(f),
            // A bytes-like argument shows as its repr (b'...'), as CPython does.
            Err(()) if !is_str(x) => {
                let r = vm.repr(x)?;
                let msg = format!("could not convert string to float: {}", str_of(r));
                Err(vm.value_error(&msg))
            }
            Err(()) => Err(vm.value_error(&text::parse::float_parse_error_message(&s))),
        };
    }
    if let Some(r) = vm.call_special(x, vm.g.names.__float__, &[])? {
        return float_result(vm, x, r);
    }
    if let Some(r) = vm.call_special(x, vm.g.names.__index__, &[])? {
        if !matches!(vm.num(r), Some(Num::I(_) | Num::B(_))) {
            let tn = vm.type_name_of(r);
            return Err(vm.type_error(&format!("__index__ returned non-int (type {tn})")));
        }
        return Ok(num_to_f64(vm, r)?.unwrap_or(f64::NAN));
    }
    let tn = vm.type_name_of(x);
    Err(vm.type_error(&format!(
        "float() argument must be a string or a real number, not '{tn}'"
    )))
}

fn float_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    // Keywords are refused unless a subclass's own `__init__` takes them.
    let (ft, init) = (vm.g.types.float, vm.g.names.__init__);
    if !args.kw.is_empty()
        && (args.pos[0] == ft || vm.lookup_type(args.pos[0], init) == vm.lookup_type(ft, init))
    {
        return Err(vm.type_error("float() takes no keyword arguments"));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "float expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let f = match args.pos.get(1) {
        Some(&x) => {
            // PyNumber_Float: a subclass instance's own __float__ (an
            // override) comes before its builtin value.
            let sub = super::int::is_numsub(x) || super::int::is_text_sub(vm, x);
            match vm.lookup_type(vm.type_of(x), vm.g.names.__float__) {
                Some(m) if sub => {
                    let r = vm.call_bound(m, x, &[])?;
                    float_result(vm, x, r)?
                }
                _ => to_float(vm, x)?,
            }
        }
        None => 0.0,
    };
    let r = vm.new_float(f);
    if args.pos[0] != vm.g.types.float {
        return Ok(super::int::new_numsub(vm, args.pos[0], r));
    }
    Ok(r)
}

pub(super) fn fval(vm: &Vm, v: Value) -> f64 {
    vm.as_f64(v).unwrap_or(f64::NAN)
}

fn float_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    Ok(vm.new_str(&text::float_repr(f)))
}

fn float_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // A NaN hashes by identity (CPython 3.10+), a subclass instance included.
    if fval(vm, a[0]).is_nan() {
        return engine::runtime::ops::object_hash_marker(vm, &a[..1], Value::EMPTY);
    }
    let h = vm.hash(super::int::exact_value(a[0]))?;
    Ok(vm.new_int(h))
}

fn is_integer(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn as_integer_ratio(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    match text::float_as_integer_ratio(f) {
        Ok((n, d)) => {
            let n = vm.new_bigint(n);
            let d = vm.new_bigint(d);
            Ok(vm.new_tuple(&[n, d]))
        }
        Err(_) => {
            if f.is_nan() {
                Err(vm.value_error("cannot convert NaN to integer ratio"))
            } else {
                Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "cannot convert Infinity to integer ratio",
                ))
            }
        }
    }
}

fn float_hex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    Ok(vm.new_str(&text::float_hex(f)))
}

fn float_fromhex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "float.fromhex", a, k, 1, 1)?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("must be str, not {tn}")));
    }
    let s = str_of(a[1]).into_owned();
    let f = match text::float_fromhex(&s) {
        Ok(f) => vm.new_float(f),
        Err((kind, msg)) => {
            let cls = if kind == "OverflowError" {
                vm.g.e.OverflowError
            } else {
                vm.g.e.ValueError
            };
            return Err(vm.new_exc(cls, &msg));
        }
    };
    // float.fromhex is a classmethod: subclasses get cls(result).
    if a[0] != vm.g.types.float {
        return vm.call(a[0], &[f], Value::EMPTY);
    }
    Ok(f)
}

fn to_int_checked(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let b = engine::runtime::ops::bigint_from_f64(f);
    Ok(vm.new_bigint(b))
}

fn float_trunc(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    to_int_checked(vm, f.trunc())
}
fn float_floor(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    to_int_checked(vm, f.floor())
}
fn float_ceil(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    to_int_checked(vm, f.ceil())
}

fn float_round(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    match a.get(1).filter(|v| !v.is_none()) {
        None => {
            if !f.is_finite() {
                return to_int_checked(vm, f);
            }
            let r = text::number::float_round_to_int(f).map_err(|_| vm.value_error("round"))?;
            Ok(vm.new_bigint(r))
        }
        Some(&n) => {
            let n = vm.as_i64(n).unwrap_or(0);
            let r = text::number::float_round(f, n).map_err(|_| {
                vm.new_exc(vm.g.e.OverflowError, "rounded value too large to represent")
            })?;
            Ok(vm.new_float(r))
        }
    }
}

fn float_float(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    Ok(vm.new_float(f))
}

fn float_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::bool(fval(vm, a[0]) != 0.0))
}

fn float_imag(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(vm.new_float(0.0))
}

/// `float.__format__`: an empty spec gives str(self) (a subclass's __str__).
fn float_format(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if is_str(a[1]) && str_of(a[1]).is_empty() {
        return vm.str(a[0]);
    }
    vm.format(super::int::exact_value(a[0]), a[1])
}

/// `float.__getformat__(typestr)`: both C types are little-endian IEEE 754 here.
fn float_getformat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__getformat__", a, k, 1, 1)?;
    let t = a[1];
    if !is_str(t) {
        let tn = vm.type_name_of(t);
        return Err(vm.type_error(&format!("__getformat__() argument must be str, not {tn}")));
    }
    match &*str_of(t) {
        "double" | "float" => Ok(vm.new_str("IEEE, little-endian")),
        _ => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
    }
}

macro_rules! fbin {
    ($name:ident, $op:ident, $rev:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            if vm.num(a[1]).is_none() {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            let (x, y) = if $rev { (a[1], a[0]) } else { (a[0], a[1]) };
            Ok(vm
                .num_binary_op(engine::bytecode::BinaryOperator::$op, x, y)?
                .unwrap_or(Value::NOT_IMPLEMENTED))
        }
    };
}
fbin!(f_add, Add, false);
fbin!(f_radd, Add, true);
fbin!(f_sub, Subtract, false);
fbin!(f_rsub, Subtract, true);
fbin!(f_mul, Multiply, false);
fbin!(f_rmul, Multiply, true);
fbin!(f_div, TrueDivide, false);
fbin!(f_rdiv, TrueDivide, true);
fbin!(f_fdiv, FloorDivide, false);
fbin!(f_rfdiv, FloorDivide, true);
fbin!(f_mod, Remainder, false);
fbin!(f_rmod, Remainder, true);
fbin!(f_pow2, Power, false);
/// `float.__pow__(x, y, mod=None)`: floats take no modulus.
fn f_pow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__pow__", a, k, 1, 2)?;
    if a.get(2).is_some_and(|m| !m.is_none()) {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    f_pow2(vm, &a[..2], Value::EMPTY)
}
fbin!(f_rpow, Power, true);

/// `float.__divmod__(self, value)`: NotImplemented unless `value` is an
/// int or a float.
fn f_divmod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if vm.num(a[1]).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    super::int::num_divmod(vm, a[0], a[1])
}

/// `float.__rdivmod__(self, value)`: `divmod(value, self)`.
fn f_rdivmod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if vm.num(a[1]).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    super::int::num_divmod(vm, a[1], a[0])
}

fn f_abs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = fval(vm, a[0]);
    Ok(vm.new_float(f.abs()))
}

fn float_getnewargs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = vm.new_float(fval(vm, a[0]));
    Ok(vm.new_tuple(&[f]))
}

/// Registers float.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.float;
    vm.add_static(t, "__new__", float_new, false);
    vm.add_static(t, "fromhex", float_fromhex, true);
    vm.add_static(t, "__getformat__", float_getformat, true);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__repr__", float_repr),
        ("__hash__", float_hash),
        ("is_integer", is_integer),
        ("__getnewargs__", float_getnewargs),
        ("as_integer_ratio", as_integer_ratio),
        ("hex", float_hex),
        ("__trunc__", float_trunc),
        ("__int__", float_trunc),
        ("__floor__", float_floor),
        ("__ceil__", float_ceil),
        ("__round__", float_round),
        ("__float__", float_float),
        ("__bool__", float_bool),
        ("conjugate", float_float),
        ("__format__", float_format),
        ("__add__", f_add),
        ("__radd__", f_radd),
        ("__sub__", f_sub),
        ("__rsub__", f_rsub),
        ("__mul__", f_mul),
        ("__rmul__", f_rmul),
        ("__truediv__", f_div),
        ("__rtruediv__", f_rdiv),
        ("__floordiv__", f_fdiv),
        ("__rfloordiv__", f_rfdiv),
        ("__mod__", f_mod),
        ("__rmod__", f_rmod),
        ("__divmod__", f_divmod),
        ("__rdivmod__", f_rdivmod),
        ("__pow__", f_pow),
        ("__rpow__", f_rpow),
        ("__lt__", super::int::num_lt),
        ("__le__", super::int::num_le),
        ("__eq__", super::int::num_eq),
        ("__ne__", super::int::num_ne),
        ("__gt__", super::int::num_gt),
        ("__ge__", super::int::num_ge),
        ("__neg__", super::int::num_neg),
        ("__pos__", float_float),
        ("__abs__", f_abs),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        0,
        0,
        &["is_integer", "as_integer_ratio", "hex", "conjugate"],
    );
    super::descr::add_getsets(
        vm,
        t,
        &[("real", float_float, None), ("imag", float_imag, None)],
    );
    Ok(())
}
