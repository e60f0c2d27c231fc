//! `int` and `bool`.

use super::clinic;
use crate::args::{check, Args};
use crate::text;
use engine::runtime::ops::Num;
use engine::runtime::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use proto_core::{Kind, Obj, Value};

/// int(x) conversion.
pub fn to_int(vm: &mut Vm, x: Value) -> PyResult<Value> {
    // An exact str holding a short decimal literal: parsed in place into an
    // i64 (no copy, no BigInt). A str subclass must first try its dunders
    // (below), and anything the fast parser declines takes the full path.
    if let Some(o) = Obj::from_value(x) {
        if o.kind() == Kind::STR && o.class() == vm.g.types.str_ {
            if let Some(i) = text::parse::parse_int_small(str_bytes(x), 10) {
                return Ok(vm.new_int(i));
            }
        }
    }
    // Subclass instances go through their type's __int__/__index__/__trunc__
    // first (PyNumber_Long), then their builtin value.
    if is_numsub(x) || is_text_sub(vm, x) {
        if let Some(r) = int_dunders(vm, x)? {
            return Ok(r);
        }
    }
    match vm.num(x) {
        Some(Num::I(i)) => return Ok(Value::int(i)),
        Some(Num::B(b)) => {
            return Ok(if exact_value(x) == x {
                x
            } else {
                vm.new_bigint(b.clone())
            })
        }
        Some(Num::F(f)) => {
            if f.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            let b = engine::runtime::ops::bigint_from_f64(f.trunc());
            return Ok(vm.new_bigint(b));
        }
        None => {}
    }
    if is_str(x)
        || Obj::from_value(x).is_some_and(|o| o.kind() == Kind::BYTES || o.kind() == K_BYTEARRAY)
    {
        let s = if is_str(x) {
            str_of(x).into_owned()
        } else {
            String::from_utf8_lossy(str_bytes(
                if Obj::from_value(x).expect("b").kind() == Kind::BYTES {
                    x
                } else {
                    Obj::from_value(x).expect("b").get(0)
                },
            ))
            .into_owned()
        };
        return parse(vm, &s, 10, x);
    }
    if let Some(r) = int_dunders(vm, x)? {
        return Ok(r);
    }
    // Another buffer (memoryview, array): its bytes are the digits.
    if let Some(b) = super::bytes::buf(x) {
        return parse(vm, &String::from_utf8_lossy(&b), 10, x);
    }
    let tn = vm.type_name_of(x);
    Err(vm.type_error(&format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{tn}'"
    )))
}

/// The exact int equal to the int-like `v` (a bool or an int subclass
/// instance becomes a plain int).
fn exact_int(vm: &mut Vm, v: Value) -> Value {
    match vm.num(v) {
        Some(Num::I(i)) => Value::int(i),
        Some(Num::B(b)) => {
            let b = b.clone();
            vm.new_bigint(b)
        }
        _ => exact_value(v),
    }
}

/// `int(x)` through `__int__`, `__index__` or `__trunc__` (in that order);
/// `None` when the type has none of them. An int subclass result becomes
/// its exact value.
fn int_dunders(vm: &mut Vm, x: Value) -> PyResult<Option<Value>> {
    for (n, what) in [
        (vm.g.names.__int__, "__int__"),
        (vm.g.names.__index__, "__index__"),
    ] {
        if let Some(r) = vm.call_special(x, n, &[])? {
            if !vm.is_int_like(r) {
                let tn = vm.type_name_of(r);
                return Err(vm.type_error(&format!("{what} returned non-int (type {tn})")));
            }
            return vm.exact_int_result(r, what).map(Some);
        }
    }
    if vm
        .lookup_type(vm.type_of(x), vm.g.names.__trunc__)
        .is_some_and(|f| !f.is_none())
    {
        vm.warn(
            vm.g.e.DeprecationWarning,
            "The delegation of int() to __trunc__ is deprecated.",
            1,
        )?;
    }
    if let Some(r) = vm.call_special(x, vm.g.names.__trunc__, &[])? {
        if vm.is_int_like(r) {
            return Ok(Some(exact_int(vm, r)));
        }
        // A non-int __trunc__ result is converted with __index__ (3.11).
        if let Some(i) = vm.call_special(r, vm.g.names.__index__, &[])? {
            if vm.is_int_like(i) {
                return Ok(Some(exact_int(vm, i)));
            }
        }
        let tn = vm.type_name_of(r);
        return Err(vm.type_error(&format!("__trunc__ returned non-Integral (type {tn})")));
    }
    Ok(None)
}

/// `int(s, base)` under the current digit limit, with CPython's messages.
/// `src` is the object the digits came from: a bytes-like one shows as its
/// repr in the message.
fn parse(vm: &mut Vm, s: &str, base: u32, src: Value) -> PyResult<Value> {
    match text::parse::parse_int_limited(s, base, vm.int_max_str_digits()) {
        Ok(b) => Ok(vm.new_bigint(b)),
        Err(text::parse::IntParseError::TooManyDigits(m)) => Err(vm.value_error(&m)),
        Err(text::parse::IntParseError::Invalid) if !is_str(src) => {
            // (A bytearray or other buffer shows as the bytes it holds.)
            let bytes = super::bytes::buf(src).unwrap_or_default();
            let b = vm.new_bytes(&bytes);
            let r = vm.repr(b)?;
            let r: String = str_of(r).chars().take(200).collect();
            Err(vm.value_error(&format!("invalid literal for int() with base {base}: {r}")))
        }
        Err(text::parse::IntParseError::Invalid) => {
            let msg = text::parse::int_parse_error_message(str_bytes(src), base);
            Err(vm.value_error(&msg))
        }
    }
}

fn int_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    if a.len() > 3 {
        return Err(vm.type_error(&format!(
            "int() takes at most 2 arguments ({} given)",
            a.len() - 1
        )));
    }
    // `x` is positional-only; `base` may be a keyword (CPython's clinic
    // signature `int(x=0, /, base=10)`, whose message for any other keyword
    // is "'k' is an invalid keyword argument for int()").
    let x = args.pos.get(1).copied();
    let base = args.get(2, "base");
    if let Some(&(kname, _)) = args.kw.first() {
        return Err(vm.type_error(&format!(
            "'{}' is an invalid keyword argument for int()",
            str_of(kname)
        )));
    }
    let cls = args.pos[0];
    let r = match (x, base) {
        (None, None) => Value::int(0),
        (Some(x), None) => to_int(vm, x)?,
        (Some(x), Some(b)) => {
            let b = vm.index(b)?;
            let b = vm.as_i64(b).unwrap_or(-1);
            if !(b == 0 || (2..=36).contains(&b)) {
                return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            // A bytearray is parsed from a copy of its bytes, as CPython
            // accepts it with a base too.
            let copied = if Obj::from_value(x).is_some_and(|o| o.kind() == K_BYTEARRAY) {
                super::bytes::buf(x)
            } else {
                None
            };
            if copied.is_none()
                && !is_str(x)
                && !Obj::from_value(x).is_some_and(|o| o.kind() == Kind::BYTES)
            {
                return Err(vm.type_error("int() can't convert non-string with explicit base"));
            }
            let raw: &[u8] = copied.as_deref().unwrap_or_else(|| str_bytes(x));
            // Any str or bytes (subclasses included: int() with a base
            // calls no dunders) goes through the in-place parser first.
            match text::parse::parse_int_small(raw, b as u32) {
                Some(i) => vm.new_int(i),
                None => {
                    let s = String::from_utf8_lossy(raw).into_owned();
                    parse(vm, &s, b as u32, x)?
                }
            }
        }
        (None, Some(_)) => return Err(vm.type_error("int() missing string argument")),
    };
    if cls != vm.g.types.int && cls != vm.g.types.bool_ {
        return Ok(new_numsub(vm, cls, r));
    }
    Ok(r)
}

fn bool_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "bool", &a[1..], k, 0, 1)?;
    match a.get(1) {
        Some(&v) => Ok(Value::bool(vm.truthy(v)?)),
        None => Ok(Value::FALSE),
    }
}

fn big(vm: &Vm, v: Value) -> BigInt {
    vm.as_bigint(v).unwrap_or_default()
}

/// `int.__repr__`: the decimal digits, also for bools (`int.__repr__(True)`
/// is '1'; bool has its own __repr__).
fn int_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let v = a[0];
    if v == Value::TRUE {
        return Ok(vm.intern("1"));
    }
    if v == Value::FALSE {
        return Ok(vm.intern("0"));
    }
    let s = match vm.num(v) {
        Some(Num::I(i)) => i.to_string(),
        Some(Num::B(b)) => vm.int_decimal(b)?,
        _ => "?".into(),
    };
    Ok(vm.new_str(&s))
}

/// The exact int/float an int/float subclass instance stands for (`v`
/// itself otherwise).
pub fn exact_value(v: Value) -> Value {
    match Obj::from_value(v) {
        Some(o) if o.kind() == K_NUMSUB => o.get(1),
        _ => v,
    }
}

/// Is `v` an instance of a subclass of int, float or complex? Builtins
/// (`abs`, `round`, `int()`...) call such an instance's dunder methods, as
/// CPython's type slots do, so that a subclass's overrides win.
pub fn is_numsub(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_NUMSUB)
}

/// Is `v` an instance of a str or bytes subclass (a heap type)?
pub fn is_text_sub(vm: &Vm, v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| {
        (o.kind() == Kind::STR && o.class() != vm.g.types.str_)
            || (o.kind() == Kind::BYTES && o.class() != vm.g.types.bytes)
    })
}

/// An instance of `cls` (a subclass of int or float) standing for `value`.
pub fn new_numsub(vm: &mut Vm, cls: Value, value: Value) -> Value {
    // [dict, value, __slots__ values...]
    let nslots = Obj::from_value(cls).map_or(0, type_nslots);
    let o = vm.alloc_obj(K_NUMSUB, cls, 2 + nslots, 0);
    o.init(0, Value::EMPTY);
    o.init(1, exact_value(value));
    o.value()
}

fn int_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let h = vm.hash(exact_value(a[0]))?;
    Ok(vm.new_int(h))
}

fn int_bit_length(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = big(vm, a[0]);
    Ok(Value::int(b.magnitude().bits() as i64))
}

fn int_bit_count(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = big(vm, a[0]);
    let c: u64 = b
        .magnitude()
        .to_u64_digits()
        .iter()
        .map(|d| d.count_ones() as u64)
        .sum();
    Ok(Value::int(c as i64))
}

fn int_conjugate(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = big(vm, a[0]);
    Ok(vm.new_bigint(b))
}

/// The `byteorder` argument of to_bytes/from_bytes: true for big-endian.
fn byteorder(vm: &mut Vm, v: Option<Value>, fname: &str) -> PyResult<bool> {
    let Some(v) = v else {
        return Ok(true);
    };
    if !is_str(v) {
        let tn = vm.arg_type_name(v);
        return Err(vm.type_error(&format!(
            "{fname}() argument 'byteorder' must be str, not {tn}"
        )));
    }
    match str_of(v).as_ref() {
        "big" => Ok(true),
        "little" => Ok(false),
        _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
}

fn int_to_bytes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [length, order, signed] = clinic::unpack(
        vm,
        "to_bytes",
        &a[1..],
        k,
        ["length", "byteorder", "signed"],
        0,
        0,
        2,
    )?;
    // CPython's order: the length's conversion, the byteorder, then the
    // length's sign.
    let length = match length {
        Some(v) => {
            let i = vm.index(v)?;
            match vm.as_i64(i) {
                Some(n) => n,
                None => {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "Python int too large to convert to C ssize_t",
                    ))
                }
            }
        }
        None => 1,
    };
    let big_endian = byteorder(vm, order, "to_bytes")?;
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let length = length as u64;
    let signed = match signed {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let b = big(vm, a[0]);
    if b.is_negative() && !signed {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "can't convert negative int to unsigned",
        ));
    }
    let mut bytes = if signed {
        b.to_signed_bytes_le()
    } else {
        b.to_bytes_le().1
    };
    if b.is_zero() {
        bytes.clear();
    }
    // Minimal two's complement / unsigned length must fit.
    if bytes.len() as u64 > length {
        return Err(vm.new_exc(vm.g.e.OverflowError, "int too big to convert"));
    }
    // CPython's bytes header and trailing NUL take 33 bytes.
    if length > isize::MAX as u64 - 33 {
        return Err(vm.new_exc(vm.g.e.OverflowError, "byte string is too large"));
    }
    let fill = if b.is_negative() { 0xFF } else { 0 };
    let extra = length as usize - bytes.len();
    vm.try_reserve(&mut bytes, extra)?;
    bytes.resize(length as usize, fill);
    if big_endian {
        bytes.reverse();
    }
    Ok(vm.new_bytes(&bytes))
}

fn int_from_bytes(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [data, order, signed] = clinic::unpack(
        vm,
        "from_bytes",
        &a[1..],
        k,
        ["bytes", "byteorder", "signed"],
        0,
        1,
        2,
    )?;
    let data = data.expect("required");
    let big_endian = byteorder(vm, order, "from_bytes")?;
    let signed = match signed {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    // bytes(data): buffers, iterables of ints, __bytes__ (errors as bytes()),
    // but never a count (bytes(5)).
    if is_str(data) || vm.is_int_like(data) {
        let tn = vm.type_name_of(data);
        return Err(vm.type_error(&format!("cannot convert '{tn}' object to bytes")));
    }
    let bytes_t = vm.g.types.bytes;
    let bv = vm.call(bytes_t, &[data], Value::EMPTY)?;
    let mut b = str_bytes(bv).to_vec();
    if big_endian {
        b.reverse();
    }
    let r = if signed {
        BigInt::from_signed_bytes_le(&b)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &b)
    };
    let r = vm.new_bigint(r);
    let cls = a[0];
    if cls != vm.g.types.int {
        return vm.call(cls, &[r], Value::EMPTY);
    }
    Ok(r)
}

fn int_index(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = big(vm, a[0]);
    Ok(vm.new_bigint(b))
}

fn int_float(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    match vm.as_f64(a[0]) {
        Some(f) if f.is_finite() => Ok(vm.new_float(f)),
        _ => Err(vm.new_exc(vm.g.e.OverflowError, "int too large to convert to float")),
    }
}

fn int_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::bool(!big(vm, a[0]).is_zero()))
}

fn int_getnewargs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // An exact int (CPython copies the value): not the subclass instance
    // nor a bool.
    let b = big(vm, a[0]);
    let v = vm.new_bigint(b);
    Ok(vm.new_tuple(&[v]))
}

fn int_as_integer_ratio(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = big(vm, a[0]);
    let v = vm.new_bigint(b);
    Ok(vm.new_tuple(&[v, Value::int(1)]))
}

fn int_real(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = big(vm, a[0]);
    Ok(vm.new_bigint(b))
}

fn int_imag(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(0))
}

fn int_one(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(1))
}

fn int_round(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a.len() < 2 {
        return int_index(vm, a, Value::EMPTY);
    }
    let nv = vm.index(a[1])?;
    let n = match vm.as_i64(nv) {
        Some(n) => n,
        // Beyond i64: a huge positive count keeps the int; a huge negative
        // one rounds every int to 0.
        None if big(vm, nv).is_positive() => {
            return int_index(vm, a, Value::EMPTY);
        }
        None => return Ok(Value::int(0)),
    };
    let b = big(vm, a[0]);
    let r = text::number::int_round(&b, n);
    Ok(vm.new_bigint(r))
}

macro_rules! binop_method {
    ($name:ident, $op:ident, $rev:expr) => {
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            if a.len() != 2 {
                return Err(vm.type_error("expected 1 argument"));
            }
            // int's dunders only handle ints (float/complex operands are
            // left to the other type's reflected method).
            if !vm.is_int_like(a[1]) {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            let (x, y) = if $rev { (a[1], a[0]) } else { (a[0], a[1]) };
            Ok(vm
                .num_binary_op(engine::bytecode::BinaryOperator::$op, x, y)?
                .unwrap_or(Value::NOT_IMPLEMENTED))
        }
    };
}
binop_method!(int_add, Add, false);
binop_method!(int_radd, Add, true);
binop_method!(int_sub, Subtract, false);
binop_method!(int_rsub, Subtract, true);
binop_method!(int_mul, Multiply, false);
binop_method!(int_rmul, Multiply, true);
binop_method!(int_floordiv, FloorDivide, false);
binop_method!(int_rfloordiv, FloorDivide, true);
binop_method!(int_truediv, TrueDivide, false);
binop_method!(int_rtruediv, TrueDivide, true);
binop_method!(int_mod, Remainder, false);
binop_method!(int_rmod, Remainder, true);
binop_method!(int_pow2, Power, false);
binop_method!(int_rpow2, Power, true);

/// `int.__pow__(self, value, mod=None)`.
fn int_pow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__pow__", a, k, 1, 2)?;
    match a.get(2) {
        Some(&m) if !m.is_none() => int_modpow(vm, a[0], a[1], m),
        _ => int_pow2(vm, &a[..2], Value::EMPTY),
    }
}

/// `int.__rpow__(self, value, mod=None)`.
fn int_rpow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__rpow__", a, k, 1, 2)?;
    match a.get(2) {
        Some(&m) if !m.is_none() => int_modpow(vm, a[1], a[0], m),
        _ => int_rpow2(vm, &a[..2], Value::EMPTY),
    }
}

/// Three-argument pow on ints (NotImplemented if an operand is not an int).
pub fn int_modpow(vm: &mut Vm, b: Value, e: Value, m: Value) -> PyResult<Value> {
    if let (Some(bi), Some(ei), Some(mi)) = (vm.as_i64(b), vm.as_i64(e), vm.as_i64(m)) {
        if mi != 0 {
            return match small_modpow(bi, ei, mi) {
                Some(r) => Ok(vm.new_int(r)),
                None => Err(vm.value_error("base is not invertible for the given modulus")),
            };
        }
    }
    let (Some(bb), Some(eb), Some(mb)) = (vm.as_bigint(b), vm.as_bigint(e), vm.as_bigint(m)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if mb.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let am = mb.abs();
    let r = if eb.is_negative() {
        let Some(inv) = modular_inverse(&bb, &am) else {
            return Err(vm.value_error("base is not invertible for the given modulus"));
        };
        inv.modpow(&(-eb), &am)
    } else {
        bb.modpow(&eb, &am)
    };
    // r is in [0, |m|); the result takes the sign of m (floor modulo).
    let r = if mb.is_negative() && !r.is_zero() {
        r + mb
    } else {
        r
    };
    Ok(vm.new_bigint(r))
}

/// `pow(b, e, m)` of ints that fit an i64 (`m` nonzero) in 128-bit
/// arithmetic, as [`int_modpow`] computes it on big ints
/// (`fractions.Fraction.__hash__` takes one modulo 2**61 - 1 per hash);
/// `None` when `e < 0` and `b` has no inverse.
fn small_modpow(b: i64, e: i64, m: i64) -> Option<i64> {
    let am = u128::from(m.unsigned_abs());
    let mut base = i128::from(b).rem_euclid(am as i128) as u128;
    if e < 0 {
        base = small_inverse(base, am)?;
    }
    let mut r = 1 % am;
    let mut ex = e.unsigned_abs();
    while ex > 0 {
        if ex & 1 == 1 {
            r = r * base % am;
        }
        base = base * base % am;
        ex >>= 1;
    }
    // r is in [0, |m|); the result takes the sign of m (floor modulo).
    let r = r as i128;
    Some(if m < 0 && r != 0 {
        r + i128::from(m)
    } else {
        r
    } as i64)
}

/// The inverse of `a` modulo `m` (`0 <= a < m`, `m <= 2**63`), if any.
fn small_inverse(a: u128, m: u128) -> Option<u128> {
    let (mut r0, mut r1) = (a as i128, m as i128);
    let (mut s0, mut s1) = (1i128, 0i128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (s0, s1) = (s1, s0 - q * s1);
    }
    (r0 == 1 || m == 1).then(|| s0.rem_euclid(m as i128) as u128)
}

/// The inverse of `a` modulo `m` (m > 0), if any.
fn modular_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let a = a.mod_floor(m);
    let g = a.extended_gcd(m);
    if g.gcd != BigInt::from(1) && m != &BigInt::from(1) {
        return None;
    }
    Some(g.x.mod_floor(m))
}
binop_method!(int_and, And, false);
binop_method!(int_or, Or, false);
binop_method!(int_xor, Xor, false);
binop_method!(int_lshift, Lshift, false);
binop_method!(int_rshift, Rshift, false);

binop_method!(int_rlshift, Lshift, true);
binop_method!(int_rrshift, Rshift, true);

/// `divmod(x, y)` of two ints or floats as their exact values (a subclass's
/// `__floordiv__`/`__mod__` overrides are not consulted), with CPython's
/// messages: a float division by zero is "float divmod()".
pub fn num_divmod(vm: &mut Vm, x: Value, y: Value) -> PyResult<Value> {
    use engine::bytecode::BinaryOperator as B;
    let (x, y) = (exact_value(x), exact_value(y));
    if let (Some(p), Some(q)) = (vm.exact_num(x), vm.exact_num(y)) {
        let is_float = matches!(p, Num::F(_)) || matches!(q, Num::F(_));
        if is_float && vm.as_f64(y) == Some(0.0) {
            return Err(vm.new_exc(vm.g.e.ZeroDivisionError, "float divmod()"));
        }
    }
    let q = vm.binary_op(B::FloorDivide, x, y)?;
    let mark = vm.push_root(q);
    let r = vm.binary_op(B::Remainder, x, y);
    vm.pop_roots(mark);
    let r = r?;
    Ok(vm.new_tuple(&[q, r]))
}

/// `int.__divmod__(self, value)`: NotImplemented unless `value` is an int.
fn int_divmod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !vm.is_int_like(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    num_divmod(vm, a[0], a[1])
}

/// `int.__rdivmod__(self, value)`: `divmod(value, self)`.
fn int_rdivmod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if !vm.is_int_like(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    num_divmod(vm, a[1], a[0])
}

macro_rules! cmp_method {
    ($name:ident, $op:expr) => {
        /// Comparison shared by int and float (and their subclasses).
        pub(super) fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            // int's own comparison knows only ints (CPython's
            // long_richcompare): against a float it defers to the float's
            // reflected method, which may be a float subclass's override.
            match (vm.num(a[0]), vm.num(a[1])) {
                (_, None) => return Ok(Value::NOT_IMPLEMENTED),
                (Some(Num::I(_) | Num::B(_)), Some(Num::F(_))) => return Ok(Value::NOT_IMPLEMENTED),
                _ => {}
            }
            vm.compare(
                super::int::exact_value(a[0]),
                super::int::exact_value(a[1]),
                $op,
            )
        }
    };
}
cmp_method!(num_lt, 0);
cmp_method!(num_le, 1);
cmp_method!(num_eq, 2);
cmp_method!(num_ne, 3);
cmp_method!(num_gt, 4);
cmp_method!(num_ge, 5);

/// `-x` for int and float (and their subclasses).
pub(super) fn num_neg(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.unary_op('-', super::int::exact_value(a[0]))
}
fn int_pos(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.unary_op('+', super::int::exact_value(a[0]))
}
fn int_invert(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    vm.unary_op('~', super::int::exact_value(a[0]))
}
fn int_abs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let b = big(vm, a[0]);
    Ok(vm.new_bigint(b.abs()))
}
/// `int.__format__`: an empty spec gives str(self) (a subclass's __str__).
fn int_format(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if is_str(a[1]) && str_of(a[1]).is_empty() {
        return vm.str(a[0]);
    }
    vm.format(super::int::exact_value(a[0]), a[1])
}

fn bool_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a[0] == Value::TRUE {
        return Ok(vm.intern("True"));
    }
    if a[0] == Value::FALSE {
        return Ok(vm.intern("False"));
    }
    int_repr(vm, a, Value::EMPTY)
}

fn bool_and(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a[0].is_bool() && a[1].is_bool() {
        return Ok(Value::bool(a[0] == Value::TRUE && a[1] == Value::TRUE));
    }
    int_and(vm, a, Value::EMPTY)
}
fn bool_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a[0].is_bool() && a[1].is_bool() {
        return Ok(Value::bool(a[0] == Value::TRUE || a[1] == Value::TRUE));
    }
    int_or(vm, a, Value::EMPTY)
}
fn bool_xor(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if a[0].is_bool() && a[1].is_bool() {
        return Ok(Value::bool((a[0] == Value::TRUE) != (a[1] == Value::TRUE)));
    }
    int_xor(vm, a, Value::EMPTY)
}

/// Registers int and bool methods.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let t = vm.g.types.int;
    vm.add_static(t, "__new__", int_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__repr__", int_repr),
        ("__hash__", int_hash),
        ("bit_length", int_bit_length),
        ("bit_count", int_bit_count),
        ("conjugate", int_conjugate),
        ("to_bytes", int_to_bytes),
        ("__index__", int_index),
        ("__int__", int_index),
        ("__float__", int_float),
        ("__bool__", int_bool),
        ("__trunc__", int_index),
        ("__floor__", int_index),
        ("__ceil__", int_index),
        ("__round__", int_round),
        ("__getnewargs__", int_getnewargs),
        ("as_integer_ratio", int_as_integer_ratio),
        ("__add__", int_add),
        ("__radd__", int_radd),
        ("__sub__", int_sub),
        ("__rsub__", int_rsub),
        ("__mul__", int_mul),
        ("__rmul__", int_rmul),
        ("__floordiv__", int_floordiv),
        ("__rfloordiv__", int_rfloordiv),
        ("__truediv__", int_truediv),
        ("__rtruediv__", int_rtruediv),
        ("__mod__", int_mod),
        ("__rmod__", int_rmod),
        ("__pow__", int_pow),
        ("__rpow__", int_rpow),
        ("__and__", int_and),
        ("__rand__", int_and),
        ("__or__", int_or),
        ("__ror__", int_or),
        ("__xor__", int_xor),
        ("__rxor__", int_xor),
        ("__lshift__", int_lshift),
        ("__rshift__", int_rshift),
        ("__rlshift__", int_rlshift),
        ("__rrshift__", int_rrshift),
        ("__divmod__", int_divmod),
        ("__rdivmod__", int_rdivmod),
        ("__lt__", num_lt),
        ("__le__", num_le),
        ("__eq__", num_eq),
        ("__ne__", num_ne),
        ("__gt__", num_gt),
        ("__ge__", num_ge),
        ("__neg__", num_neg),
        ("__pos__", int_pos),
        ("__invert__", int_invert),
        ("__abs__", int_abs),
        ("__format__", int_format),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        0,
        0,
        &["bit_length", "bit_count", "conjugate", "as_integer_ratio"],
    );
    vm.add_static(t, "from_bytes", int_from_bytes, true);
    super::descr::add_getsets(
        vm,
        t,
        &[
            ("real", int_real, None),
            ("imag", int_imag, None),
            ("numerator", int_real, None),
            ("denominator", int_one, None),
        ],
    );
    let b = vm.g.types.bool_;
    vm.add_static(b, "__new__", bool_new, false);
    vm.add_method(b, "__repr__", bool_repr);
    vm.add_method(b, "__and__", bool_and);
    vm.add_method(b, "__rand__", bool_and);
    vm.add_method(b, "__or__", bool_or);
    vm.add_method(b, "__ror__", bool_or);
    vm.add_method(b, "__xor__", bool_xor);
    vm.add_method(b, "__rxor__", bool_xor);
    let _ = ToPrimitive::to_i64(&BigInt::zero());
    Ok(())
}
