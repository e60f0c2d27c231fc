//! The `math` module.

use crate::args::check;
use engine::runtime::ops::Num;
use engine::runtime::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use proto_core::Value;

fn fl(vm: &mut Vm, v: Value) -> PyResult<f64> {
    crate::types::float::to_float(vm, v).map_err(|_| {
        let tn = vm.type_name_of(v);
        vm.type_error(&format!("must be real number, not {tn}"))
    })
}

fn domain(vm: &mut Vm) -> PyException {
    vm.value_error("math domain error")
}

fn ret(vm: &mut Vm, x: f64, inputs_finite: bool) -> PyResult<Value> {
    if x.is_nan() && inputs_finite {
        return Err(domain(vm));
    }
    if x.is_infinite() && inputs_finite {
        return Err(vm.new_exc(vm.g.e.OverflowError, "math range error"));
    }
    Ok(vm.new_float(x))
}

macro_rules! f1 {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            check(vm, stringify!($name), a, k, 1, 1)?;
            let x = fl(vm, a[0])?;
            let f: fn(f64) -> f64 = $f;
            let r = f(x);
            ret(vm, r, x.is_finite())
        }
    };
}
f1!(sqrt, |x| if x < 0.0 { f64::NAN } else { x.sqrt() });
f1!(exp, f64::exp);
f1!(sin, f64::sin);
f1!(cos, f64::cos);
f1!(tan, f64::tan);
f1!(asin, |x| if x.abs() > 1.0 { f64::NAN } else { x.asin() });
f1!(acos, |x| if x.abs() > 1.0 { f64::NAN } else { x.acos() });
f1!(atan, f64::atan);
f1!(sinh, f64::sinh);
f1!(cosh, f64::cosh);
f1!(tanh, f64::tanh);
f1!(log2, |x| if x <= 0.0 { f64::NAN } else { x.log2() });
f1!(log10, |x| if x <= 0.0 { f64::NAN } else { x.log10() });
f1!(log1p, |x| if x <= -1.0 { f64::NAN } else { x.ln_1p() });
f1!(expm1, f64::exp_m1);
f1!(fabs, f64::abs);
f1!(degrees, f64::to_degrees);
f1!(radians, f64::to_radians);
f1!(erf, erf_impl);
f1!(erfc, |x| 1.0 - erf_impl(x));
f1!(gamma, gamma_impl);
f1!(lgamma, |x| gamma_impl(x).abs().ln());

fn erf_impl(x: f64) -> f64 {
    // Abramowitz-Stegun 7.1.26 refined with a series for small x.
    if x.abs() < 2.0 {
        let mut sum = x;
        let mut term = x;
        let x2 = x * x;
        for n in 1..60 {
            term *= -x2 / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        return sum * 2.0 / std::f64::consts::PI.sqrt();
    }
    let t = 1.0 / (1.0 + 0.5 * x.abs());
    let y = 1.0
        - t * (-x * x - 1.26551223
            + t * (1.00002368
                + t * (0.37409196
                    + t * (0.09678418
                        + t * (-0.18628806
                            + t * (0.27886807
                                + t * (-1.13520398
                                    + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
            .exp();
    if x >= 0.0 {
        y
    } else {
        -y
    }
}

fn gamma_impl(x: f64) -> f64 {
    if x <= 0.0 && x.fract() == 0.0 {
        return f64::NAN;
    }
    if x.fract() == 0.0 && x < 30.0 {
        let mut r = 1.0;
        let mut i = 2.0;
        while i < x {
            r *= i;
            i += 1.0;
        }
        return r;
    }
    if x < 0.5 {
        return std::f64::consts::PI / ((std::f64::consts::PI * x).sin() * gamma_impl(1.0 - x));
    }
    let g = 7.0;
    let c = [
        0.999_999_999_999_809_9,
        676.5203681218851,
        -1259.1392167224028,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507343278686905,
        -0.13857109526572012,
        9.984_369_578_019_572e-6,
        1.5056327351493116e-7,
    ];
    let x = x - 1.0;
    let mut a = c[0];
    let t = x + g + 0.5;
    for (i, &ci) in c.iter().enumerate().skip(1) {
        a += ci / (x + i as f64);
    }
    (2.0 * std::f64::consts::PI).sqrt() * t.powf(x + 0.5) * (-t).exp() * a
}

fn log(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "log", a, k, 1, 2)?;
    let lnx = match vm.num(a[0]) {
        Some(Num::B(b)) if b.is_positive() => {
            let bits = b.bits() as i64;
            let shift = (bits - 60).max(0);
            let top = (b >> shift as usize).to_f64().unwrap_or(0.0);
            top.ln() + shift as f64 * std::f64::consts::LN_2
        }
        _ => {
            let x = fl(vm, a[0])?;
            if x <= 0.0 {
                return Err(domain(vm));
            }
            x.ln()
        }
    };
    if a.len() == 2 {
        let b = fl(vm, a[1])?;
        if b <= 0.0 || b == 1.0 {
            return Err(if b == 1.0 {
                vm.new_exc(vm.g.e.ZeroDivisionError, "float division by zero")
            } else {
                domain(vm)
            });
        }
        return Ok(vm.new_float(lnx / b.ln()));
    }
    Ok(vm.new_float(lnx))
}

fn pow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "pow", a, k, 2, 2)?;
    let (x, y) = (fl(vm, a[0])?, fl(vm, a[1])?);
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    ret(vm, r, x.is_finite() && y.is_finite())
}

fn atan2(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "atan2", a, k, 2, 2)?;
    let (y, x) = (fl(vm, a[0])?, fl(vm, a[1])?);
    Ok(vm.new_float(y.atan2(x)))
}

fn hypot(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut s = 0.0f64;
    for &x in a {
        let f = fl(vm, x)?;
        s = s.hypot(f);
    }
    Ok(vm.new_float(s))
}

fn copysign(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "copysign", a, k, 2, 2)?;
    let (x, y) = (fl(vm, a[0])?, fl(vm, a[1])?);
    Ok(vm.new_float(x.copysign(y)))
}

fn fmod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "fmod", a, k, 2, 2)?;
    let (x, y) = (fl(vm, a[0])?, fl(vm, a[1])?);
    if y == 0.0 && !x.is_nan() {
        return Err(domain(vm));
    }
    Ok(vm.new_float(x % y))
}

fn to_int_fn(vm: &mut Vm, a: &[Value], name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    // An int/float subclass's own __floor__/__ceil__/__trunc__ wins.
    if crate::types::int::is_numsub(a[0]) {
        let n = vm.intern(&format!("__{name}__"));
        if let Some(r) = vm.call_special(a[0], n, &[])? {
            return Ok(r);
        }
    }
    if vm.is_int_like(a[0]) {
        let b = vm.as_bigint(a[0]).unwrap_or_default();
        return Ok(vm.new_bigint(b));
    }
    if vm.num(a[0]).is_none() {
        let n = vm.intern(&format!("__{name}__"));
        if let Some(r) = vm.call_special(a[0], n, &[])? {
            return Ok(r);
        }
    }
    let x = fl(vm, a[0])?;
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    Ok(vm.new_bigint(engine::runtime::ops::bigint_from_f64(f(x))))
}

fn floor(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "floor", a, k, 1, 1)?;
    to_int_fn(vm, a, "floor", f64::floor)
}
fn ceil(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "ceil", a, k, 1, 1)?;
    to_int_fn(vm, a, "ceil", f64::ceil)
}
fn trunc(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "trunc", a, k, 1, 1)?;
    to_int_fn(vm, a, "trunc", f64::trunc)
}

fn isnan(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = fl(vm, a[0])?;
    Ok(Value::bool(x.is_nan()))
}
fn isinf(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = fl(vm, a[0])?;
    Ok(Value::bool(x.is_infinite()))
}
fn isfinite(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = fl(vm, a[0])?;
    Ok(Value::bool(x.is_finite()))
}

fn isclose(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    let rel = match args.take("rel_tol") {
        Some(v) => fl(vm, v)?,
        None => 1e-9,
    };
    let abs_ = match args.take("abs_tol") {
        Some(v) => fl(vm, v)?,
        None => 0.0,
    };
    let (x, y) = (fl(vm, args.pos[0])?, fl(vm, args.pos[1])?);
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let d = (x - y).abs();
    Ok(Value::bool(
        d <= (rel * y.abs()).max(rel * x.abs()) || d <= abs_,
    ))
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    match vm.num(v) {
        Some(Num::I(i)) => Ok(BigInt::from(i)),
        Some(Num::B(b)) => Ok(b.clone()),
        _ => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "'{tn}' object cannot be interpreted as an integer"
            )))
        }
    }
}

fn factorial(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "factorial", a, k, 1, 1)?;
    let n = int_arg(vm, a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let n = n.to_u64().unwrap_or(0);
    let mut r = BigInt::one();
    for i in 2..=n {
        r *= i;
    }
    Ok(vm.new_bigint(r))
}

fn gcd(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut g = BigInt::zero();
    for &x in a {
        let b = int_arg(vm, x)?;
        g = g.gcd(&b);
    }
    Ok(vm.new_bigint(g))
}

fn lcm(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let mut l = BigInt::one();
    for &x in a {
        let b = int_arg(vm, x)?;
        if b.is_zero() {
            return Ok(Value::int(0));
        }
        l = l.lcm(&b);
    }
    Ok(vm.new_bigint(l.abs()))
}

fn isqrt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = int_arg(vm, a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

fn comb(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = int_arg(vm, a[0])?;
    let kk = int_arg(vm, a[1])?;
    if n.is_negative() || kk.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if kk > n {
        return Ok(Value::int(0));
    }
    let k = kk
        .to_u64()
        .unwrap_or(0)
        .min((&n - &kk).to_u64().unwrap_or(0));
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (&n - i) / (i + 1);
    }
    Ok(vm.new_bigint(r))
}

fn perm(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let n = int_arg(vm, a[0])?;
    let k = if a.len() > 1 && !a[1].is_none() {
        int_arg(vm, a[1])?
    } else {
        n.clone()
    };
    if k > n {
        return Ok(Value::int(0));
    }
    let mut r = BigInt::one();
    let kk = k.to_u64().unwrap_or(0);
    for i in 0..kk {
        r *= &n - i;
    }
    Ok(vm.new_bigint(r))
}

fn fsum(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (items, mark) = vm.collect_rooted(a[0])?;
    let r = fsum_items(vm, items);
    vm.pop_roots(mark);
    r
}

/// Shewchuk's algorithm over `items` (rooted by the caller: `__float__`
/// may run Python code).
fn fsum_items(vm: &mut Vm, items: Vec<Value>) -> PyResult<Value> {
    let mut partials: Vec<f64> = Vec::new();
    for x in items {
        let mut x = fl(vm, x)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    Ok(vm.new_float(partials.iter().sum()))
}

fn prod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = crate::args::Args::new(a, k);
    let acc = args.take("start").unwrap_or(Value::int(1));
    let (items, mark) = vm.collect_rooted(args.pos[0])?;
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

fn modf(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = fl(vm, a[0])?;
    let f = vm.new_float(x.fract());
    let i = vm.new_float(x.trunc());
    Ok(vm.new_tuple(&[f, i]))
}

fn frexp(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = fl(vm, a[0])?;
    let (m, e) = crate::text::number::frexp(x);
    let mv = vm.new_float(m);
    Ok(vm.new_tuple(&[mv, Value::int(e)]))
}

fn ldexp(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = fl(vm, a[0])?;
    let e = vm.as_i64(a[1]).unwrap_or(0);
    let r = crate::text::number::ldexp(x, e);
    ret(vm, r, x.is_finite())
}

fn dist(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (p, mark) = vm.collect_rooted(a[0])?;
    let q = vm.collect_rooted(a[1]);
    let r = q.and_then(|(q, _)| {
        let mut s = 0.0f64;
        for (x, y) in p.into_iter().zip(q) {
            let d = fl(vm, x)? - fl(vm, y)?;
            s = s.hypot(d);
        }
        Ok(s)
    });
    vm.pop_roots(mark);
    Ok(vm.new_float(r?))
}

/// Creates the math module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("math");
    let fns: &[(&'static str, NativeFn)] = &[
        ("sqrt", sqrt),
        ("exp", exp),
        ("sin", sin),
        ("cos", cos),
        ("tan", tan),
        ("asin", asin),
        ("acos", acos),
        ("atan", atan),
        ("sinh", sinh),
        ("cosh", cosh),
        ("tanh", tanh),
        ("log2", log2),
        ("log10", log10),
        ("log1p", log1p),
        ("expm1", expm1),
        ("fabs", fabs),
        ("degrees", degrees),
        ("radians", radians),
        ("erf", erf),
        ("erfc", erfc),
        ("gamma", gamma),
        ("lgamma", lgamma),
        ("log", log),
        ("pow", pow),
        ("atan2", atan2),
        ("hypot", hypot),
        ("copysign", copysign),
        ("fmod", fmod),
        ("floor", floor),
        ("ceil", ceil),
        ("trunc", trunc),
        ("isnan", isnan),
        ("isinf", isinf),
        ("isfinite", isfinite),
        ("isclose", isclose),
        ("factorial", factorial),
        ("gcd", gcd),
        ("lcm", lcm),
        ("isqrt", isqrt),
        ("comb", comb),
        ("perm", perm),
        ("fsum", fsum),
        ("prod", prod),
        ("modf", modf),
        ("frexp", frexp),
        ("ldexp", ldexp),
        ("dist", dist),
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
