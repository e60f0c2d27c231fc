//! `complex`: construction (CPython's complex_new), arithmetic, hashing,
//! formatting and the `real`/`imag` attributes.

use super::float::fval;
use crate::args::Args;
use crate::text;
use engine::runtime::ops::Num;
use engine::runtime::*;
use proto_core::layouts::get_raw;
use proto_core::{Obj, Value};

fn cparts(vm: &Vm, v: Value) -> Option<(f64, f64)> {
    let v = super::int::exact_value(v);
    if let Some(o) = Obj::from_value(v) {
        if o.kind() == K_COMPLEX {
            return Some((f64::from_bits(get_raw(o, 0)), f64::from_bits(get_raw(o, 1))));
        }
    }
    vm.as_f64(v).map(|f| (f, 0.0))
}

/// Checks the result `c` of a `__complex__` call: TypeError unless a
/// complex; a strict complex subclass instance is accepted with CPython
/// 3.11's DeprecationWarning.
pub(crate) fn check_complex_result(vm: &mut Vm, c: Value) -> PyResult<(f64, f64)> {
    let Some(v) = complex_of(c) else {
        let tn = vm.type_name_of(c);
        return Err(vm.type_error(&format!("__complex__ returned non-complex (type {tn})")));
    };
    if vm.type_of(c) != vm.g.types.complex {
        let tn = vm.type_name_of(c);
        vm.warn(
            vm.g.e.DeprecationWarning,
            &format!(
                "__complex__ returned non-complex (type {tn}).  The ability to return an \
                 instance of a strict subclass of complex is deprecated, and may be removed in \
                 a future version of Python."
            ),
            1,
        )?;
    }
    Ok(v)
}

/// A complex value's parts, or None if `v` is not a complex.
pub(crate) fn complex_of(v: Value) -> Option<(f64, f64)> {
    let v = super::int::exact_value(v);
    let o = Obj::from_value(v).filter(|o| o.kind() == K_COMPLEX)?;
    Some((f64::from_bits(get_raw(o, 0)), f64::from_bits(get_raw(o, 1))))
}

/// `float(v)` for complex(): via __float__ or __index__; None if `v` has
/// neither.
fn complex_float_arg(vm: &mut Vm, v: Value) -> PyResult<Option<f64>> {
    // An exact int or float; an int too large is an OverflowError.
    if vm.exact_num(v).is_some() {
        return super::float::num_to_f64(vm, v);
    }
    let tp = vm.type_of(v);
    let has = vm.lookup_type(tp, vm.g.names.__float__).is_some()
        || vm.lookup_type(tp, vm.g.names.__index__).is_some();
    if !has {
        return Ok(None);
    }
    let ft = vm.g.types.float;
    let f = vm.call(ft, &[v], Value::EMPTY)?;
    Ok(Some(fval(vm, f)))
}

/// complex(real=0, imag=0), following CPython's complex_new: a str first
/// argument is parsed; `__complex__` is tried on the first argument; the
/// parts combine as `real.real - imag.imag` and `real.imag + imag.real`
/// only where those are complex (so signed zeros survive).
fn complex_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let cls = a[0];
    let re = args.get(1, "real");
    let im = args.get(2, "imag");
    args.no_more_kw(vm, "complex")?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(&format!(
            "complex() takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let make = |vm: &mut Vm, x: f64, y: f64| -> PyResult<Value> {
        let c = vm.new_complex(x, y);
        if cls != vm.g.types.complex {
            return Ok(super::int::new_numsub(vm, cls, c));
        }
        Ok(c)
    };
    if let Some(r) = re {
        if is_str(r) {
            if im.is_some() {
                return Err(vm.type_error("complex() can't take second arg if first is a string"));
            }
            return match parse_complex_str(&str_of(r)) {
                Some((x, y)) => make(vm, x, y),
                None => Err(vm.value_error("complex() arg is a malformed string")),
            };
        }
    }
    if let Some(i) = im {
        if is_str(i) {
            return Err(vm.type_error("complex() second arg can't be a string"));
        }
    }
    // Exact complex with no imag: returned as is (CPython does too).
    if let (Some(r), None) = (re, im) {
        if vm.type_of(r) == vm.g.types.complex && cls == vm.g.types.complex {
            return Ok(r);
        }
    }
    let mut r_val = re;
    if let Some(r) = re {
        let n = vm.intern("__complex__");
        let tp = vm.type_of(r);
        if let Some(f) = vm.lookup_type(tp, n) {
            let c = vm.call_bound(f, r, &[])?;
            // The warning runs Python code, which may collect.
            let mark = vm.push_root(c);
            let checked = check_complex_result(vm, c);
            vm.pop_roots(mark);
            checked?;
            r_val = Some(c);
        }
    }
    let (mut cr, cr_is_complex) = match r_val {
        None => ((0.0, 0.0), false),
        Some(r) => match complex_of(r) {
            Some(c) => (c, true),
            None => match complex_float_arg(vm, r)? {
                Some(f) => ((f, 0.0), false),
                None => {
                    let tn = vm.type_name_of(r);
                    return Err(vm.type_error(&format!(
                        "complex() first argument must be a string or a number, not '{tn}'"
                    )));
                }
            },
        },
    };
    let (mut ci, ci_is_complex) = match im {
        None => ((cr.1, 0.0), false),
        Some(i) => match complex_of(i) {
            Some(c) => (c, true),
            None => match complex_float_arg(vm, i)? {
                Some(f) => ((f, 0.0), false),
                None => {
                    let tn = vm.type_name_of(i);
                    return Err(vm.type_error(&format!(
                        "complex() second argument must be a number, not '{tn}'"
                    )));
                }
            },
        },
    };
    if ci_is_complex {
        cr.0 -= ci.1;
    }
    if cr_is_complex && im.is_some() {
        ci.0 += cr.1;
    }
    make(vm, cr.0, ci.0)
}

/// Parses complex()'s string argument like CPython: surrounding
/// whitespace, optional parentheses (whitespace inside allowed), then
/// `real`, `imag j` or `real(+|-)imag j`.
fn parse_complex_str(s: &str) -> Option<(f64, f64)> {
    let ws = |c: char| c.is_whitespace();
    let mut t = s.trim_matches(ws);
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim_matches(ws);
    }
    if t.is_empty() || t.chars().any(|c| c.is_whitespace() || c == '(' || c == ')') {
        return None;
    }
    parse_complex(t)
}

fn parse_complex(s: &str) -> Option<(f64, f64)> {
    if let Some(body) = s.strip_suffix('j').or_else(|| s.strip_suffix('J')) {
        // find split point: last +/- not at start and not after e
        let b = body.as_bytes();
        let mut split = None;
        for i in (1..b.len()).rev() {
            if (b[i] == b'+' || b[i] == b'-') && b[i - 1] != b'e' && b[i - 1] != b'E' {
                split = Some(i);
                break;
            }
        }
        let (re, im) = match split {
            Some(i) => (&body[..i], &body[i..]),
            None => ("0", body),
        };
        let im = match im {
            "" | "+" => "1",
            "-" => "-1",
            x => x,
        };
        return Some((text::parse_float(re).ok()?, text::parse_float(im).ok()?));
    }
    Some((text::parse_float(s).ok()?, 0.0))
}

fn c_bin(vm: &mut Vm, a: &[Value], op: char, rev: bool) -> PyResult<Value> {
    let (Some(x), Some(y)) = (cparts(vm, a[0]), cparts(vm, a[1])) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (x, y) = if rev { (y, x) } else { (x, y) };
    let r = match op {
        '+' => (x.0 + y.0, x.1 + y.1),
        '-' => (x.0 - y.0, x.1 - y.1),
        '*' => (x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0),
        '/' => match c_quot(x, y) {
            Some(r) => r,
            None => {
                return Err(vm.new_exc(vm.g.e.ZeroDivisionError, "complex division by zero"));
            }
        },
        _ => {
            // CPython's complex_pow: small integral exponents multiply.
            let r = if y.1 == 0.0 && y.0 == y.0.floor() && y.0.abs() <= 100.0 {
                let n = y.0 as i64;
                if n >= 0 {
                    Some(c_powu(x, n as u64))
                } else {
                    c_quot((1.0, 0.0), c_powu(x, n.unsigned_abs()))
                }
            } else {
                c_pow_general(x, y)
            };
            let Some(r) = r else {
                return Err(vm.new_exc(
                    vm.g.e.ZeroDivisionError,
                    "0.0 to a negative or complex power",
                ));
            };
            if r.0.is_infinite() || r.1.is_infinite() {
                return Err(vm.new_exc(vm.g.e.OverflowError, "complex exponentiation"));
            }
            r
        }
    };
    Ok(vm.new_complex(r.0, r.1))
}

/// Complex product (CPython's _Py_c_prod).
fn c_prod(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// Complex quotient by Smith's method (CPython's _Py_c_quot); None on
/// division by zero.
fn c_quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abr, abi) = (b.0.abs(), b.1.abs());
    if abr >= abi {
        if abr == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abi >= abr {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

/// `x ** n` by binary powering (CPython's c_powu).
fn c_powu(x: (f64, f64), n: u64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask = 1u64;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

/// `a ** b` in polar form (CPython's _Py_c_pow); None for 0 to a negative
/// or complex power.
fn c_pow_general(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Some((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        return Some((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Some((len * phase.cos(), len * phase.sin()))
}

fn c_real(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (r, _) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    Ok(vm.new_float(r))
}
fn c_imag(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    Ok(vm.new_float(i))
}

/// format() of a complex (the builtin-format hook's complex case): None
/// when `v` is not a complex.
pub fn complex_format_builtin(vm: &mut Vm, v: Value, spec: &str) -> PyResult<Option<String>> {
    let Some((re, im)) = complex_of(v) else {
        return Ok(None);
    };
    if spec.is_empty() {
        let s = vm.str(v)?;
        return Ok(Some(str_of(s).into_owned()));
    }
    let fs = text::FormatSpec::parse_typed(spec, "complex").map_err(|m| vm.value_error(&m))?;
    match text::format_complex(re, im, &fs) {
        Ok(s) => Ok(Some(s)),
        Err(e) => Err(text::format_spec::raise(vm, e)),
    }
}

/// complex.__format__.
fn c_format(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !is_str(a[1]) {
        let tn = vm.arg_type_name(a[1]);
        return Err(vm.type_error(&format!("format() argument 2 must be str, not {tn}")));
    }
    let spec = str_of(a[1]).into_owned();
    match complex_format_builtin(vm, a[0], &spec)? {
        Some(s) => Ok(vm.new_str(&s)),
        None => vm.str(a[0]),
    }
}

fn c_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '+', false)
}
fn c_radd(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '+', true)
}
fn c_sub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '-', false)
}
fn c_rsub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '-', true)
}
fn c_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '*', false)
}
fn c_rmul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '*', true)
}
fn c_div(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '/', false)
}
fn c_rdiv(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '/', true)
}
fn c_pow(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '^', false)
}
fn c_rpow(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    c_bin(vm, a, '^', true)
}
fn c_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // Against an int, the real part compares exactly with it (CPython's
    // `complex_richcompare` through float == int), not as a rounded float.
    if let (Some((r, i)), Some(Num::I(_) | Num::B(_))) = (cparts(vm, a[0]), vm.num(a[1])) {
        if i != 0.0 {
            return Ok(Value::FALSE);
        }
        let f = vm.new_float(r);
        return Ok(Value::bool(vm.eq(f, a[1])?));
    }
    match (cparts(vm, a[0]), cparts(vm, a[1])) {
        (Some(x), Some(y)) => Ok(Value::bool(x == y)),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}
fn c_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (r, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    let h = engine::runtime::ops::hash_float(r)
        .wrapping_add(1000003i64.wrapping_mul(engine::runtime::ops::hash_float(i)));
    Ok(vm.new_int(if h == -1 { -2 } else { h }))
}
fn c_abs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (r, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    // _Py_c_abs: an infinite part wins over a NaN; finite parts whose
    // modulus overflows are an error.
    let h = if r.is_infinite() || i.is_infinite() {
        f64::INFINITY
    } else {
        r.hypot(i)
    };
    if h.is_infinite() && r.is_finite() && i.is_finite() {
        return Err(vm.new_exc(vm.g.e.OverflowError, "absolute value too large"));
    }
    Ok(vm.new_float(h))
}
fn c_neg(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (r, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    Ok(vm.new_complex(-r, -i))
}
/// `+z` and `complex.__complex__`: the exact complex value (the receiver
/// itself when it is exactly a complex).
fn c_exact(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if vm.type_of(a[0]) == vm.g.types.complex {
        return Ok(a[0]);
    }
    let (r, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    Ok(vm.new_complex(r, i))
}
fn c_conj(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (r, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    Ok(vm.new_complex(r, -i))
}
fn c_getnewargs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (r, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    let (r, i) = (vm.new_float(r), vm.new_float(i));
    Ok(vm.new_tuple(&[r, i]))
}

fn c_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (r, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    Ok(Value::bool(r != 0.0 || i != 0.0))
}
fn c_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (r, i) = cparts(vm, a[0]).unwrap_or((0.0, 0.0));
    Ok(vm.new_str(&engine::runtime::text::complex_repr(r, i)))
}

/// Registers complex.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let c = vm.g.types.complex;
    vm.add_static(c, "__new__", complex_new, false);
    // real/imag are read-only members, as CPython's (subclass instances
    // reach them through the type).
    super::descr::add_members(vm, c, &[("real", c_real as NativeFn), ("imag", c_imag)]);
    let cm: &[(&'static str, NativeFn)] = &[
        ("__add__", c_add),
        ("__radd__", c_radd),
        ("__sub__", c_sub),
        ("__rsub__", c_rsub),
        ("__mul__", c_mul),
        ("__format__", c_format),
        ("__rmul__", c_rmul),
        ("__truediv__", c_div),
        ("__rtruediv__", c_rdiv),
        ("__pow__", c_pow),
        ("__rpow__", c_rpow),
        ("__eq__", c_eq),
        ("__hash__", c_hash),
        ("__abs__", c_abs),
        ("__neg__", c_neg),
        ("__pos__", c_exact),
        ("__complex__", c_exact),
        ("conjugate", c_conj),
        ("__getnewargs__", c_getnewargs),
        ("__bool__", c_bool),
        ("__repr__", c_repr),
    ];
    for &(n, f) in cm {
        vm.add_method(c, n, f);
    }
    vm.declare_arity(c, 0, 0, &["conjugate"]);
    Ok(())
}
