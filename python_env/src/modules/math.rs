//! The `math` module, as CPython 3.11's: libm functions with CPython's error
//! rules (ValueError "math domain error", OverflowError "math range error"),
//! exact `fsum`, accurate n-ary `hypot`/`dist`, and the integer functions
//! (`factorial`, `comb`, `perm`, `isqrt`, `gcd`, `lcm`) on big ints.
//!
//! Functions CPython takes from the C library use the platform's libm
//! through `f64` where Rust has it and the `libm` crate otherwise (erf,
//! erfc, tgamma, lgamma, nextafter, scalbn).

use crate::args::check;
use crate::types::clinic;
use engine::runtime::ops::Num;
use engine::runtime::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use proto_core::Value;

/// `PyFloat_AsDouble`: a float, or a value through `__float__`, else
/// `__index__`; anything else (str and bytes included) is a TypeError
/// "must be real number, not T".
pub fn float_arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(Num::F(f)) = vm.exact_num(v) {
        return Ok(f);
    }
    if vm.num(v).is_none() {
        let tp = vm.type_of(v);
        let has = vm.lookup_type(tp, vm.g.names.__float__).is_some()
            || vm.lookup_type(tp, vm.g.names.__index__).is_some();
        if !has {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!("must be real number, not {tn}")));
        }
    }
    crate::types::float::to_float(vm, v)
}

fn domain(vm: &mut Vm) -> PyException {
    vm.value_error("math domain error")
}

fn range(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.OverflowError, "math range error")
}

/// CPython's `math_1`: a NaN from a non-NaN is a domain error; an infinity
/// from a finite input overflows (or is a domain error, for functions
/// that cannot overflow: poles such as `atanh(1)`, `log(0)`).
fn math_1(vm: &mut Vm, x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(vm) } else { domain(vm) });
    }
    Ok(vm.new_float(r))
}

/// The one-argument `METH_O` check with CPython's message.
fn one_arg(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<()> {
    if crate::args::count_ok(a.len(), k, 1, 1) {
        return Ok(());
    }
    check(vm, &format!("math.{name}"), a, k, 1, 1)
}

macro_rules! f1 {
    ($($name:ident, $f:expr, $ovf:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                one_arg(vm, stringify!($name), a, k)?;
                let x = float_arg(vm, a[0])?;
                let f: fn(f64) -> f64 = $f;
                math_1(vm, x, f(x), $ovf)
            }
        )*
    };
}
f1! {
    acos, f64::acos, false;
    acosh, libm::acosh, false;
    asin, f64::asin, false;
    asinh, libm::asinh, false;
    atan, f64::atan, false;
    atanh, atanh_f, false;
    cbrt, f64::cbrt, false;
    cos, f64::cos, false;
    cosh, f64::cosh, true;
    erf, libm::erf, false;
    erfc, libm::erfc, false;
    exp, f64::exp, true;
    exp2, f64::exp2, true;
    expm1, f64::exp_m1, true;
    fabs, f64::abs, false;
    log1p, log1p_f, false;
    sin, f64::sin, false;
    sinh, f64::sinh, true;
    sqrt, f64::sqrt, false;
    tan, f64::tan, false;
    tanh, f64::tanh, false;
}

/// atanh with the C library's poles: +-inf at +-1, NaN beyond.
fn atanh_f(x: f64) -> f64 {
    if x.abs() == 1.0 {
        f64::INFINITY.copysign(x)
    } else {
        libm::atanh(x)
    }
}

/// log1p with its pole at -1 (Rust's ln_1p gives -inf there too; the NaN
/// below -1 is also libm's).
fn log1p_f(x: f64) -> f64 {
    x.ln_1p()
}

fn degrees(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "degrees", a, k)?;
    let x = float_arg(vm, a[0])?;
    Ok(vm.new_float(x * (180.0 / std::f64::consts::PI)))
}

fn radians(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "radians", a, k)?;
    let x = float_arg(vm, a[0])?;
    Ok(vm.new_float(x * (std::f64::consts::PI / 180.0)))
}

/// `math.gamma`: domain errors at the poles (0 and the negative integers)
/// and at -inf, OverflowError when the result overflows.
fn gamma(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "gamma", a, k)?;
    let x = float_arg(vm, a[0])?;
    if x.is_nan() || x == f64::INFINITY {
        return Ok(vm.new_float(x));
    }
    if x == f64::NEG_INFINITY || x == 0.0 || (x < 0.0 && x == x.floor()) {
        return Err(domain(vm));
    }
    let r = libm::tgamma(x);
    if r.is_infinite() {
        return Err(range(vm));
    }
    Ok(vm.new_float(r))
}

/// `math.lgamma`: +inf at +-inf, domain errors at the poles.
fn lgamma(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "lgamma", a, k)?;
    let x = float_arg(vm, a[0])?;
    if x.is_nan() {
        return Ok(vm.new_float(x));
    }
    if x.is_infinite() {
        return Ok(vm.new_float(f64::INFINITY));
    }
    if x <= 0.0 && x == x.floor() {
        return Err(domain(vm));
    }
    let (r, _) = libm::lgamma_r(x);
    if r.is_infinite() {
        return Err(range(vm));
    }
    Ok(vm.new_float(r))
}

/// CPython's `m_log`-style helpers: `f` applied to `x > 0`, -inf at 0
/// (a domain error through `math_1`), NaN below.
fn m_logf(x: f64, f: fn(f64) -> f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            f(x)
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

/// CPython's `loghelper`: ints of any size (a big int through its top bits
/// and binary exponent), else `math_1`.
fn loghelper(vm: &mut Vm, v: Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if vm.is_int_like(v) {
        let b = vm.as_bigint(v).unwrap_or_default();
        if !b.is_positive() {
            return Err(domain(vm));
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // x = m * 2**e with m in [0.5, 1): f(m) + f(2) * e.
        let bits = b.bits();
        let shift = bits.saturating_sub(60);
        let top = (&b >> shift).to_f64().unwrap_or(1.0);
        let m = top / (1u64 << (bits - shift)) as f64;
        return Ok(f(m) + f(2.0) * bits as f64);
    }
    let x = float_arg(vm, v)?;
    let r = m_logf(x, f);
    if (r.is_nan() && !x.is_nan()) || (r.is_infinite() && x.is_finite()) {
        return Err(domain(vm));
    }
    Ok(r)
}

fn log(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "log", a, k, 1, 2)?;
    let num = loghelper(vm, a[0], f64::ln)?;
    if let Some(&b) = a.get(1) {
        let den = loghelper(vm, b, f64::ln)?;
        if den == 0.0 {
            return Err(vm.new_exc(vm.g.e.ZeroDivisionError, "float division by zero"));
        }
        return Ok(vm.new_float(num / den));
    }
    Ok(vm.new_float(num))
}

fn log2(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "log2", a, k)?;
    let r = loghelper(vm, a[0], f64::log2)?;
    Ok(vm.new_float(r))
}

fn log10(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "log10", a, k)?;
    let r = loghelper(vm, a[0], f64::log10)?;
    Ok(vm.new_float(r))
}

/// Two float arguments, positional only (`_PyArg_CheckPositional`).
fn two_floats(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<(f64, f64)> {
    check(vm, name, a, k, 2, 2)?;
    Ok((float_arg(vm, a[0])?, float_arg(vm, a[1])?))
}

/// CPython's `math_2` error rule: NaN from non-NaNs is a domain error, an
/// infinity from finite inputs a range error.
fn math_2(vm: &mut Vm, x: f64, y: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range(vm));
    }
    Ok(vm.new_float(r))
}

/// atan2 with the C99 values for infinite and zero arguments.
pub fn m_atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if x.is_sign_positive() {
                (0.25 * PI).copysign(y)
            } else {
                (0.75 * PI).copysign(y)
            };
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    y.atan2(x)
}

fn atan2(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (y, x) = two_floats(vm, "atan2", a, k)?;
    math_2(vm, y, x, m_atan2(y, x))
}

fn copysign(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "copysign", a, k)?;
    math_2(vm, x, y, x.copysign(y))
}

/// IEEE 754 remainder: `x - n*y` with `n` the integer nearest `x/y`, ties
/// to even.
fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (ax, ay) = (x.abs(), y.abs());
        let m = ax % ay;
        let c = ay - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: m is exactly ay/2; choose the even multiple.
            m - 2.0 * ((0.5 * (ax - m)) % ay)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn remainder(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "remainder", a, k)?;
    math_2(vm, x, y, m_remainder(x, y))
}

fn fmod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "fmod", a, k)?;
    // fmod(x, +-inf) is x for finite x.
    if y.is_infinite() && x.is_finite() {
        return Ok(vm.new_float(x));
    }
    math_2(vm, x, y, x % y)
}

fn pow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "pow", a, k)?;
    let r = if !x.is_finite() || !y.is_finite() {
        // IEEE specials decided here rather than by the platform.
        if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            f64::INFINITY
        } else {
            0.0
        }
    } else {
        let r = x.powf(y);
        if r.is_nan() {
            return Err(domain(vm));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 { domain(vm) } else { range(vm) });
        }
        r
    };
    Ok(vm.new_float(r))
}

/// A coordinate for `hypot`/`dist`/`fsum` (CPython's ASSIGN_DOUBLE: exact
/// floats and ints directly, others through `PyFloat_AsDouble`).
fn coord(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match vm.exact_num(v) {
        Some(Num::F(f)) => Ok(f),
        Some(Num::I(i)) => Ok(i as f64),
        Some(Num::B(b)) => b
            .to_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| vm.new_exc(vm.g.e.OverflowError, "int too large to convert to float")),
        None => float_arg(vm, v),
    }
}

/// Dekker's split of a double into two halves of 26 bits.
fn dl_split(x: f64) -> (f64, f64) {
    let t = x * 134_217_729.0;
    let hi = t - (t - x);
    (hi, x - hi)
}

/// The exact product `x*y` as an unevaluated sum `hi + lo`.
fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let (xh, xl) = dl_split(x);
    let (yh, yl) = dl_split(y);
    let p = xh * yh;
    let q = xh * yl + xl * yh;
    let z = p + q;
    let zz = p - z + q + xl * yl;
    (z, zz)
}

/// `a + b` exactly, for |a| >= |b|.
fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    (x, (a - x) + b)
}

/// The Euclidean norm of `v` (all non-negative, `max` the largest), with
/// CPython's scaling and correction so that the result is correctly
/// rounded in nearly all cases.
fn vector_norm(v: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let (_, max_e) = libm::frexp(max);
    if max_e < -1023 {
        // 2**-max_e would overflow: bring subnormals into the normal range.
        for x in v.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(v, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = libm::scalbn(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    for &x in v.iter() {
        let x = x * scale;
        let pr = dl_mul(x, x);
        let sm = dl_fast_sum(csum, pr.0);
        csum = sm.0;
        frac1 += pr.1;
        frac2 += sm.1;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let pr = dl_mul(-h, h);
    let sm = dl_fast_sum(csum, pr.0);
    csum = sm.0;
    frac1 += pr.1;
    frac2 += sm.1;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

fn hypot(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "hypot", a, k, 0, usize::MAX)?;
    let mut v = Vec::with_capacity(a.len());
    let (mut max, mut nan) = (0.0f64, false);
    for &x in a {
        let f = coord(vm, x)?.abs();
        nan |= f.is_nan();
        if f > max {
            max = f;
        }
        v.push(f);
    }
    Ok(vm.new_float(vector_norm(&mut v, max, nan)))
}

/// A point argument of `dist`: a tuple, or any iterable made into one
/// (`PySequence_Tuple`).
fn point(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    vm.collect(v)
}

fn dist(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "dist", a, k, 2, 2)?;
    let p = point(vm, a[0])?;
    let mark = vm.root_values(&p);
    let r = (|| {
        let q = point(vm, a[1])?;
        let mark2 = vm.root_values(&q);
        let r = (|| {
            if p.len() != q.len() {
                return Err(vm.value_error("both points must have the same number of dimensions"));
            }
            let mut d = Vec::with_capacity(p.len());
            let (mut max, mut nan) = (0.0f64, false);
            for (&x, &y) in p.iter().zip(q.iter()) {
                let x = coord(vm, x)?;
                let y = coord(vm, y)?;
                let f = (x - y).abs();
                nan |= f.is_nan();
                if f > max {
                    max = f;
                }
                d.push(f);
            }
            Ok(vector_norm(&mut d, max, nan))
        })();
        vm.pop_roots(mark2);
        r
    })();
    vm.pop_roots(mark);
    let r = r?;
    Ok(vm.new_float(r))
}

fn floor_ceil(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    name: &str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    one_arg(vm, name, a, k)?;
    let v = a[0];
    if let Some(Num::F(x)) = vm.exact_num(v) {
        return float_to_int(vm, f(x));
    }
    if vm.exact_num(v).is_some() && vm.is_int_like(v) {
        // int.__floor__ and friends give an exact int (True gives 1).
        return vm.index(v);
    }
    let n = vm.intern(&format!("__{name}__"));
    if let Some(r) = vm.call_special(v, n, &[])? {
        return Ok(r);
    }
    let x = float_arg(vm, v)?;
    float_to_int(vm, f(x))
}

fn float_to_int(vm: &mut Vm, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    Ok(vm.new_bigint(engine::runtime::ops::bigint_from_f64(x)))
}

fn floor(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    floor_ceil(vm, a, k, "floor", f64::floor)
}

fn ceil(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    floor_ceil(vm, a, k, "ceil", f64::ceil)
}

fn trunc(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "trunc", a, k)?;
    let v = a[0];
    if let Some(Num::F(x)) = vm.exact_num(v) {
        return float_to_int(vm, x.trunc());
    }
    if vm.exact_num(v).is_some() && vm.is_int_like(v) {
        // int.__floor__ and friends give an exact int (True gives 1).
        return vm.index(v);
    }
    let n = vm.intern("__trunc__");
    if let Some(r) = vm.call_special(v, n, &[])? {
        return Ok(r);
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("type {tn} doesn't define __trunc__ method")))
}

fn isnan(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "isnan", a, k)?;
    let x = float_arg(vm, a[0])?;
    Ok(Value::bool(x.is_nan()))
}

fn isinf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "isinf", a, k)?;
    let x = float_arg(vm, a[0])?;
    Ok(Value::bool(x.is_infinite()))
}

fn isfinite(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "isfinite", a, k)?;
    let x = float_arg(vm, a[0])?;
    Ok(Value::bool(x.is_finite()))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [x, y, rel, abs_] = clinic::unpack(
        vm,
        "isclose",
        a,
        k,
        ["a", "b", "rel_tol", "abs_tol"],
        0,
        2,
        2,
    )?;
    let x = float_arg(vm, x.unwrap_or(Value::NONE))?;
    let y = float_arg(vm, y.unwrap_or(Value::NONE))?;
    let rel = match rel {
        Some(v) => float_arg(vm, v)?,
        None => 1e-9,
    };
    let abs_ = match abs_ {
        Some(v) => float_arg(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs_ < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let d = (y - x).abs();
    Ok(Value::bool(
        d <= (rel * y).abs() || d <= (rel * x).abs() || d <= abs_,
    ))
}

/// `operator.index(v)` as a big int.
fn int_arg(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    let i = vm.index(v)?;
    Ok(match vm.num(i) {
        Some(Num::I(i)) => BigInt::from(i),
        Some(Num::B(b)) => b.clone(),
        _ => BigInt::zero(),
    })
}

/// The product of the integers in `lo..hi`, by binary splitting (so that
/// the big multiplications are balanced).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut r = BigInt::from(lo);
        for i in lo + 1..hi {
            r *= i;
        }
        return r;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// The product of `n, n-1, ..., n-k+1` for a big `n`.
fn falling_product(n: &BigInt, k: u64) -> BigInt {
    if let Some(nn) = n.to_u64() {
        return range_product(nn - k + 1, nn + 1);
    }
    fn rec(n: &BigInt, lo: u64, hi: u64) -> BigInt {
        // product of (n - i) for i in lo..hi
        if hi - lo <= 8 {
            let mut r = BigInt::one();
            for i in lo..hi {
                r *= n - i;
            }
            return r;
        }
        let mid = lo + (hi - lo) / 2;
        rec(n, lo, mid) * rec(n, mid, hi)
    }
    rec(n, 0, k)
}

fn factorial(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "factorial", a, k)?;
    if let Some(Num::F(_)) = vm.num(a[0]) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = int_arg(vm, a[0])?;
    let Some(n) = n.to_i64() else {
        return Err(if n.is_negative() {
            vm.value_error("factorial() not defined for negative values")
        } else {
            vm.new_exc(
                vm.g.e.OverflowError,
                "factorial() argument should not exceed 9223372036854775807",
            )
        });
    };
    if n < 0 {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    Ok(vm.new_bigint(range_product(1, n as u64 + 1)))
}

fn gcd(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "gcd", a, k, 0, usize::MAX)?;
    // Ints that fit an i64 (the common case: fractions normalizes every
    // result with one) by Euclid on u64; others take the big-int path.
    let mut small = Some(0u64);
    for &x in a {
        let (Some(g), Some(y)) = (small, vm.as_i64(x)) else {
            small = None;
            break;
        };
        let (mut g, mut y) = (g, y.unsigned_abs());
        while y != 0 {
            (g, y) = (y, g % y);
        }
        small = Some(g);
    }
    if let Some(g) = small {
        return Ok(vm.new_int_i128(i128::from(g)));
    }
    let mut g = BigInt::zero();
    for &x in a {
        let b = int_arg(vm, x)?;
        g = g.gcd(&b);
    }
    Ok(vm.new_bigint(g))
}

fn lcm(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "lcm", a, k, 0, usize::MAX)?;
    let mut l = BigInt::one();
    let mut zero = false;
    for &x in a {
        let b = int_arg(vm, x)?;
        if b.is_zero() {
            zero = true;
        }
        if !zero {
            l = l.lcm(&b);
        }
    }
    if zero {
        return Ok(Value::int(0));
    }
    Ok(vm.new_bigint(l.abs()))
}

fn isqrt(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "isqrt", a, k)?;
    let n = int_arg(vm, a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

fn comb(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "comb", a, k, 2, 2)?;
    let n = int_arg(vm, a[0])?;
    let kk = int_arg(vm, a[1])?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if kk.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if kk > n {
        return Ok(Value::int(0));
    }
    let k2 = (&n - &kk).min(kk);
    let Some(k2) = k2.to_u64().filter(|&x| x <= i64::MAX as u64) else {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "min(n - k, k) must not exceed 9223372036854775807",
        ));
    };
    let r = falling_product(&n, k2) / range_product(1, k2 + 1);
    Ok(vm.new_bigint(r))
}

fn perm(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "perm", a, k, 1, 2)?;
    let n = int_arg(vm, a[0])?;
    let explicit_k = a.len() > 1 && !a[1].is_none();
    let kk = if explicit_k {
        int_arg(vm, a[1])?
    } else {
        n.clone()
    };
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if kk.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if kk > n {
        return Ok(Value::int(0));
    }
    let Some(k2) = kk.to_u64().filter(|&x| x <= i64::MAX as u64) else {
        let msg = if explicit_k {
            "k must not exceed 9223372036854775807"
        } else {
            "n must not exceed 9223372036854775807"
        };
        return Err(vm.new_exc(vm.g.e.OverflowError, msg));
    };
    Ok(vm.new_bigint(falling_product(&n, k2)))
}

/// Exact sum of floats (Shewchuk's algorithm, with CPython's handling of
/// infinities, NaNs, intermediate overflow and half-even rounding across
/// the partials).
fn fsum(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "fsum", a, k)?;
    let (items, mark) = vm.collect_rooted(a[0])?;
    let r = fsum_items(vm, &items);
    vm.pop_roots(mark);
    let r = r?;
    Ok(vm.new_float(r))
}

fn fsum_items(vm: &mut Vm, items: &[Value]) -> PyResult<f64> {
    let mut p: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for &item in items {
        let mut x = coord(vm, item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(vm.new_exc(vm.g.e.OverflowError, "intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(special_sum);
    }
    let mut hi = 0.0f64;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even across partials: a lower partial of the same sign
        // as the rounding error tips a halfway case.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// `prod(iterable, /, *, start=1)`.
fn prod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [it, start] = clinic::unpack(vm, "prod", a, k, ["", "start"], 1, 1, 1)?;
    let acc = start.unwrap_or(Value::int(1));
    let (items, mark) = vm.collect_rooted(it.unwrap_or(Value::NONE))?;
    // The running product stays rooted (slot `at`) while `__mul__` runs.
    let at = vm.push_root(acc);
    let r = items.into_iter().try_for_each(|x| {
        let acc = vm.root_at(at);
        let p = vm.binary_op(engine::bytecode::BinaryOperator::Multiply, acc, x)?;
        vm.ctx.stack().slots_mut()[at] = p;
        Ok(())
    });
    let acc = vm.root_at(at);
    vm.pop_roots(mark);
    r.map(|()| acc)
}

fn modf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "modf", a, k)?;
    let x = float_arg(vm, a[0])?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    let fv = vm.new_float(f);
    let iv = vm.new_float(i);
    Ok(vm.new_tuple(&[fv, iv]))
}

fn frexp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "frexp", a, k)?;
    let x = float_arg(vm, a[0])?;
    let (m, e) = if x == 0.0 || !x.is_finite() {
        (x, 0)
    } else {
        libm::frexp(x)
    };
    let mv = vm.new_float(m);
    Ok(vm.new_tuple(&[mv, Value::int(i64::from(e))]))
}

fn ldexp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "ldexp", a, k, 2, 2)?;
    let x = float_arg(vm, a[0])?;
    if !vm.is_int_like(a[1]) {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    }
    let e = vm.as_bigint(a[1]).unwrap_or_default();
    let e = e
        .to_i64()
        .unwrap_or(if e.is_negative() { i64::MIN } else { i64::MAX });
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if e > i64::from(i32::MAX) {
        return Err(range(vm));
    } else if e < i64::from(i32::MIN) {
        0.0f64.copysign(x)
    } else {
        let r = libm::scalbn(x, e as i32);
        if r.is_infinite() {
            return Err(range(vm));
        }
        r
    };
    Ok(vm.new_float(r))
}

fn nextafter(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (x, y) = two_floats(vm, "nextafter", a, k)?;
    Ok(vm.new_float(libm::nextafter(x, y)))
}

fn ulp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    one_arg(vm, "ulp", a, k)?;
    let x = float_arg(vm, a[0])?;
    let r = if x.is_nan() {
        x
    } else {
        let x = x.abs();
        if x.is_infinite() {
            x
        } else {
            let x2 = libm::nextafter(x, f64::INFINITY);
            if x2.is_infinite() {
                x - libm::nextafter(x, f64::NEG_INFINITY)
            } else {
                x2 - x
            }
        }
    };
    Ok(vm.new_float(r))
}

/// Creates the math module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("math");
    let fns: &[(&'static str, NativeFn)] = &[
        ("acos", acos),
        ("acosh", acosh),
        ("asin", asin),
        ("asinh", asinh),
        ("atan", atan),
        ("atan2", atan2),
        ("atanh", atanh),
        ("cbrt", cbrt),
        ("ceil", ceil),
        ("comb", comb),
        ("copysign", copysign),
        ("cos", cos),
        ("cosh", cosh),
        ("degrees", degrees),
        ("dist", dist),
        ("erf", erf),
        ("erfc", erfc),
        ("exp", exp),
        ("exp2", exp2),
        ("expm1", expm1),
        ("fabs", fabs),
        ("factorial", factorial),
        ("floor", floor),
        ("fmod", fmod),
        ("frexp", frexp),
        ("fsum", fsum),
        ("gamma", gamma),
        ("gcd", gcd),
        ("hypot", hypot),
        ("isclose", isclose),
        ("isfinite", isfinite),
        ("isinf", isinf),
        ("isnan", isnan),
        ("isqrt", isqrt),
        ("lcm", lcm),
        ("ldexp", ldexp),
        ("lgamma", lgamma),
        ("log", log),
        ("log10", log10),
        ("log1p", log1p),
        ("log2", log2),
        ("modf", modf),
        ("nextafter", nextafter),
        ("perm", perm),
        ("pow", pow),
        ("prod", prod),
        ("radians", radians),
        ("remainder", remainder),
        ("sin", sin),
        ("sinh", sinh),
        ("sqrt", sqrt),
        ("tan", tan),
        ("tanh", tanh),
        ("trunc", trunc),
        ("ulp", ulp),
    ];
    vm.add_module_functions(m, fns);
    for (n, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        let fv = vm.new_float(v);
        vm.set_module_attr(m, n, fv);
    }
    Ok(m)
}
