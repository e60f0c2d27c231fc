//! `datetime.timedelta`: days, seconds (0..86400) and microseconds
//! (0..1000000), |days| <= 999999999; arithmetic in i128 microseconds.

use super::*;
use engine::bytecode::BinaryOperator as B;
#[allow(unused_imports)]
use engine::runtime::ops::{cmp_op, Num};
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

fn too_large(vm: &mut Vm) -> PyException {
    vm.new_exc(
        vm.g.e.OverflowError,
        "Python int too large to convert to C int",
    )
}

/// Round-half-even `m / n` (n != 0).
fn divide_nearest(m: i128, n: i128) -> i128 {
    let (m, n) = if n < 0 { (-m, -n) } else { (m, n) };
    let q = m.div_euclid(n);
    let r = m.rem_euclid(n);
    let twice = 2 * r;
    if twice > n || (twice == n && q % 2 != 0) {
        q + 1
    } else {
        q
    }
}

/// `accum`: adds `num * factor` microseconds to `sum`, fractions of a
/// microsecond to `leftover`.
fn accum(
    vm: &mut Vm,
    tag: &str,
    sum: &mut i128,
    num: Value,
    factor: i64,
    leftover: &mut f64,
) -> PyResult<()> {
    match vm.num(num) {
        Some(Num::I(i)) => {
            *sum = (i as i128)
                .checked_mul(factor as i128)
                .and_then(|p| sum.checked_add(p))
                .ok_or_else(|| too_large(vm))?;
            Ok(())
        }
        Some(Num::B(b)) => {
            let v = b.to_i128().ok_or_else(|| too_large(vm))?;
            *sum = v
                .checked_mul(factor as i128)
                .and_then(|p| sum.checked_add(p))
                .ok_or_else(|| too_large(vm))?;
            Ok(())
        }
        Some(Num::F(f)) => {
            let ip = f.trunc();
            let fp = f - ip;
            let whole = float_to_i128(vm, ip)?;
            *sum = whole
                .checked_mul(factor as i128)
                .and_then(|p| sum.checked_add(p))
                .ok_or_else(|| too_large(vm))?;
            let d = factor as f64 * fp;
            let ip2 = d.trunc();
            *sum = sum.checked_add(ip2 as i128).ok_or_else(|| too_large(vm))?;
            *leftover += d - ip2;
            Ok(())
        }
        None => {
            let tn = vm.type_name_of(num);
            Err(vm.type_error(&format!(
                "unsupported type for timedelta {tag} component: {tn}"
            )))
        }
    }
}

fn float_to_i128(vm: &mut Vm, f: f64) -> PyResult<i128> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    if f.abs() >= 1.7e38 {
        return Err(too_large(vm));
    }
    Ok(f as i128)
}

/// `timedelta.__new__(cls, days=0, seconds=0, microseconds=0,
/// milliseconds=0, minutes=0, hours=0, weeks=0)`.
fn td_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let st = a[0];
    let Some(&cls) = a.get(1) else {
        return Err(vm.type_error("timedelta.__new__(): not enough arguments"));
    };
    check_new_cls(vm, st, cls, ST_DELTA)?;
    let names = [
        "days",
        "seconds",
        "microseconds",
        "milliseconds",
        "minutes",
        "hours",
        "weeks",
    ];
    let got = parse_kw(vm, Some("__new__"), &a[2..], k, names, 0, 7)?;
    const FACTORS: [i64; 7] = [
        86_400_000_000,
        1_000_000,
        1,
        1_000,
        60_000_000,
        3_600_000_000,
        604_800_000_000,
    ];
    let mut sum: i128 = 0;
    let mut leftover = 0.0f64;
    // CPython accumulates in the order us, ms, s, min, h, d, weeks.
    for i in [2usize, 3, 1, 4, 5, 0, 6] {
        if let Some(v) = got[i] {
            accum(vm, names[i], &mut sum, v, FACTORS[i], &mut leftover)?;
        }
    }
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = (sum & 1) as f64;
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        sum = sum
            .checked_add(whole as i128)
            .ok_or_else(|| too_large(vm))?;
    }
    let d = new_delta_us(vm, st, sum)?;
    if cls == st_get(st, ST_DELTA) {
        return Ok(d);
    }
    let p = dt_of(d).expect("delta");
    let mut q = Dt::blank(Ty::Delta, st);
    q.days = p.days;
    q.secs = p.secs;
    q.us = p.us;
    Ok(alloc(vm, cls, q))
}

fn this(vm: &mut Vm, a: &[Value], m: &str) -> PyResult<&'static Dt> {
    recv(vm, a, Ty::Delta, m)
}

fn td_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__repr__")?;
    let name = tp_name(vm.type_of(a[0]));
    let mut parts = Vec::new();
    if d.days != 0 {
        parts.push(format!("days={}", d.days));
    }
    if d.secs != 0 {
        parts.push(format!("seconds={}", d.secs));
    }
    if d.us != 0 {
        parts.push(format!("microseconds={}", d.us));
    }
    if parts.is_empty() {
        parts.push("0".into());
    }
    Ok(vm.new_str(&format!("{name}({})", parts.join(", "))))
}

pub(crate) fn delta_str(d: &Dt) -> String {
    let mut out = String::new();
    if d.days != 0 {
        let s = if d.days.abs() != 1 { "s" } else { "" };
        out.push_str(&format!("{} day{s}, ", d.days));
    }
    let (h, m, s) = (d.secs / 3600, d.secs / 60 % 60, d.secs % 60);
    out.push_str(&format!("{h}:{m:02}:{s:02}"));
    if d.us != 0 {
        out.push_str(&format!(".{:06}", d.us));
    }
    out
}

fn td_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__str__")?;
    Ok(vm.new_str(&delta_str(d)))
}

fn td_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__hash__")?;
    hash_ints(vm, &[d.days as i64, d.secs as i64, d.us as i64])
}

fn cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let d = this(vm, a, "__eq__")?;
    let Some(o) = a.get(1).and_then(|&v| dt_is(v, Ty::Delta)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    Ok(Value::bool(cmp_op(d.delta_us().cmp(&o.delta_us()), op)))
}

cmps! { td_lt = 0; td_le = 1; td_eq = 2; td_ne = 3; td_gt = 4; td_ge = 5; }

fn td_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__bool__")?;
    Ok(Value::bool(d.delta_us() != 0))
}

fn td_neg(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__neg__")?;
    new_delta_us(vm, d.st, -d.delta_us())
}

fn td_pos(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__pos__")?;
    new_delta_us(vm, d.st, d.delta_us())
}

fn td_abs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__abs__")?;
    new_delta_us(vm, d.st, d.delta_us().abs())
}

fn other_delta(a: &[Value]) -> Option<&'static Dt> {
    a.get(1).and_then(|&v| dt_is(v, Ty::Delta))
}

fn td_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__add__")?;
    match other_delta(a) {
        Some(o) => new_delta_us(vm, d.st, d.delta_us() + o.delta_us()),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn td_sub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__sub__")?;
    match other_delta(a) {
        Some(o) => new_delta_us(vm, d.st, d.delta_us() - o.delta_us()),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn td_rsub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__rsub__")?;
    match other_delta(a) {
        Some(o) => new_delta_us(vm, d.st, o.delta_us() - d.delta_us()),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// `v.as_integer_ratio()` of a float subclass instance `v` (its own
/// method), checked as CPython does.
fn subclass_ratio(vm: &mut Vm, v: Value) -> PyResult<(BigInt, BigInt)> {
    let r = vm.call_method(v, "as_integer_ratio", &[])?;
    let Some(o) = Obj::from_value(r).filter(|o| o.kind() == Kind::TUPLE) else {
        let tn = vm.type_name_of(r);
        return Err(vm.type_error(&format!(
            "unexpected return type from as_integer_ratio(): expected tuple, got '{tn}'"
        )));
    };
    if o.n_values() != 2 {
        return Err(vm.value_error("as_integer_ratio() must return a 2-tuple"));
    }
    match (vm.as_bigint(o.get(0)), vm.as_bigint(o.get(1))) {
        (Some(n), Some(d)) if !d.is_zero() => Ok((n, d)),
        _ => Err(vm.type_error("as_integer_ratio() must return a pair of ints")),
    }
}

/// The ratio of float `v` (a subclass's own `as_integer_ratio`).
fn ratio_of(vm: &mut Vm, v: Value, f: f64) -> PyResult<(BigInt, BigInt)> {
    if vm.exact_num(v).is_none() {
        return subclass_ratio(vm, v);
    }
    float_ratio(vm, f)
}

/// The exact ratio of a float, or CPython's as_integer_ratio errors.
fn float_ratio(vm: &mut Vm, f: f64) -> PyResult<(BigInt, BigInt)> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "cannot convert Infinity to integer ratio",
        ));
    }
    let bits = f.to_bits();
    let sign = if bits >> 63 != 0 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let mut n = BigInt::from(mant) * sign;
    let mut d = BigInt::from(1);
    if e >= 0 {
        n <<= e as usize;
    } else {
        d <<= (-e) as usize;
    }
    Ok((n, d))
}

/// Round-half-even `n / d` for big ints, d > 0.
fn big_divide_nearest(n: &BigInt, d: &BigInt) -> BigInt {
    use num_integer::Integer;
    let (q, r) = n.div_mod_floor(d);
    let twice: BigInt = &r * 2;
    if twice > *d || (twice == *d && q.is_odd()) {
        q + 1
    } else {
        q
    }
}

fn delta_from_big(vm: &mut Vm, st: Value, us: BigInt) -> PyResult<Value> {
    match us.to_i128() {
        Some(x) => new_delta_us(vm, st, x),
        None => Err(too_large(vm)),
    }
}

fn mul(vm: &mut Vm, d: &Dt, other: Value) -> PyResult<Value> {
    match vm.num(other) {
        Some(Num::I(i)) => match d.delta_us().checked_mul(i as i128) {
            Some(p) => new_delta_us(vm, d.st, p),
            None => Err(too_large(vm)),
        },
        Some(Num::B(b)) => {
            let p = BigInt::from(d.delta_us()) * b;
            delta_from_big(vm, d.st, p)
        }
        Some(Num::F(f)) => {
            let (mut n, mut den) = ratio_of(vm, other, f)?;
            if den < BigInt::zero() {
                n = -n;
                den = -den;
            }
            let p = BigInt::from(d.delta_us()) * n;
            let q = big_divide_nearest(&p, &den);
            delta_from_big(vm, d.st, q)
        }
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn td_mul(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__mul__")?;
    mul(vm, d, a[1])
}

fn zero_div(vm: &mut Vm, msg: &str) -> PyException {
    vm.new_exc(vm.g.e.ZeroDivisionError, msg)
}

fn td_truediv(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__truediv__")?;
    if let Some(o) = other_delta(a) {
        let den = o.delta_us();
        if den == 0 {
            return Err(zero_div(vm, "division by zero"));
        }
        let x = vm.new_int_i128(d.delta_us());
        let mark = vm.push_root(x);
        let y = vm.new_int_i128(den);
        let r = vm.binary_op(B::TrueDivide, x, y);
        vm.pop_roots(mark);
        return r;
    }
    match vm.num(a[1]) {
        Some(Num::I(i)) => {
            if i == 0 {
                return Err(zero_div(vm, "integer division or modulo by zero"));
            }
            new_delta_us(vm, d.st, divide_nearest(d.delta_us(), i as i128))
        }
        Some(Num::B(b)) => {
            let (mut p, mut n) = (BigInt::from(d.delta_us()), b.clone());
            if n < BigInt::zero() {
                n = -n;
                p = -p;
            }
            let q = big_divide_nearest(&p, &n);
            delta_from_big(vm, d.st, q)
        }
        Some(Num::F(f)) => {
            let (n, den) = ratio_of(vm, a[1], f)?;
            if n.is_zero() {
                return Err(zero_div(vm, "integer division or modulo by zero"));
            }
            let mut p = BigInt::from(d.delta_us()) * den;
            let mut n = n;
            if n < BigInt::zero() {
                n = -n;
                p = -p;
            }
            let q = big_divide_nearest(&p, &n);
            delta_from_big(vm, d.st, q)
        }
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn td_floordiv(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__floordiv__")?;
    if let Some(o) = other_delta(a) {
        let den = o.delta_us();
        if den == 0 {
            return Err(zero_div(vm, "integer division or modulo by zero"));
        }
        return Ok(vm.new_int_i128(floor_div(d.delta_us(), den)));
    }
    match vm.num(a[1]) {
        Some(Num::I(i)) => {
            if i == 0 {
                return Err(zero_div(vm, "integer division or modulo by zero"));
            }
            new_delta_us(vm, d.st, floor_div(d.delta_us(), i as i128))
        }
        Some(Num::B(b)) => {
            use num_integer::Integer;
            let q = BigInt::from(d.delta_us()).div_floor(b);
            delta_from_big(vm, d.st, q)
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn floor_div(m: i128, n: i128) -> i128 {
    let q = m / n;
    if (m % n != 0) && ((m < 0) != (n < 0)) {
        q - 1
    } else {
        q
    }
}

fn floor_mod(m: i128, n: i128) -> i128 {
    m - floor_div(m, n) * n
}

fn td_mod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__mod__")?;
    let Some(o) = other_delta(a) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let den = o.delta_us();
    if den == 0 {
        return Err(zero_div(vm, "integer modulo by zero"));
    }
    new_delta_us(vm, d.st, floor_mod(d.delta_us(), den))
}

fn td_divmod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__divmod__")?;
    let Some(o) = other_delta(a) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let den = o.delta_us();
    if den == 0 {
        return Err(zero_div(vm, "integer division or modulo by zero"));
    }
    let q = vm.new_int_i128(floor_div(d.delta_us(), den));
    let mark = vm.push_root(q);
    let r = new_delta_us(vm, d.st, floor_mod(d.delta_us(), den));
    let r = r.map(|r| vm.new_tuple(&[q, r]));
    vm.pop_roots(mark);
    r
}

fn td_total_seconds(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "total_seconds")?;
    noargs(vm, "total_seconds", a, k)?;
    let us = d.delta_us();
    if us.abs() < (1i128 << 53) {
        return Ok(vm.new_float(us as f64 / 1e6));
    }
    let x = vm.new_int_i128(us);
    let mark = vm.push_root(x);
    let r = vm.binary_op(B::TrueDivide, x, Value::int(1_000_000));
    vm.pop_roots(mark);
    r
}

fn td_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__reduce__")?;
    noargs(vm, "__reduce__", a, k)?;
    let args = vm.new_tuple(&[
        Value::int(d.days as i64),
        Value::int(d.secs as i64),
        Value::int(d.us as i64),
    ]);
    let mark = vm.push_root(args);
    let cls = vm.type_of(a[0]);
    let r = vm.new_tuple(&[cls, args]);
    vm.pop_roots(mark);
    Ok(r)
}

fn get_days(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(this(vm, a, "days")?.days as i64))
}
fn get_seconds(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(this(vm, a, "seconds")?.secs as i64))
}
fn get_us(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(this(vm, a, "microseconds")?.us as i64))
}

pub(super) fn init(vm: &mut Vm, st: Value, t: Value) -> PyResult<()> {
    add_bound(vm, t, st, "__new__", td_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__repr__", td_repr),
        ("__str__", td_str),
        ("__hash__", td_hash),
        ("__lt__", td_lt),
        ("__le__", td_le),
        ("__eq__", td_eq),
        ("__ne__", td_ne),
        ("__gt__", td_gt),
        ("__ge__", td_ge),
        ("__bool__", td_bool),
        ("__neg__", td_neg),
        ("__pos__", td_pos),
        ("__abs__", td_abs),
        ("__add__", td_add),
        ("__radd__", td_add),
        ("__sub__", td_sub),
        ("__rsub__", td_rsub),
        ("__mul__", td_mul),
        ("__rmul__", td_mul),
        ("__truediv__", td_truediv),
        ("__floordiv__", td_floordiv),
        ("__mod__", td_mod),
        ("__divmod__", td_divmod),
        ("total_seconds", td_total_seconds),
        ("__reduce__", td_reduce),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        1,
        1,
        &[
            "__add__",
            "__radd__",
            "__sub__",
            "__rsub__",
            "__mul__",
            "__rmul__",
            "__truediv__",
            "__floordiv__",
            "__mod__",
            "__divmod__",
            "__lt__",
            "__le__",
            "__eq__",
            "__ne__",
            "__gt__",
            "__ge__",
        ],
    );
    for (n, f) in [
        ("days", get_days as NativeFn),
        ("seconds", get_seconds),
        ("microseconds", get_us),
    ] {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    let min = new_delta_us(vm, st, -(MAX_DELTA_DAYS as i128) * US_PER_DAY)?;
    set_class_attr(vm, t, "min", min);
    let max = new_delta_us(vm, st, (MAX_DELTA_DAYS as i128 + 1) * US_PER_DAY - 1)?;
    set_class_attr(vm, t, "max", max);
    let res = new_delta_us(vm, st, 1)?;
    set_class_attr(vm, t, "resolution", res);
    Ok(())
}
