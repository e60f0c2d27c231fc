//! Exact conversions between decNumbers and Rust numbers (integers, floats) and
//! CPython's numeric hash of a decimal, for `_decimal`.

use super::ffi::{Dec, DecNum, Special};
use num_bigint::{BigInt, Sign};
use num_traits::{One, Zero};

/// CPython's `sys.hash_info.modulus` on 64-bit builds (2**61 - 1).
pub const HASH_MODULUS: u64 = (1 << 61) - 1;
/// `sys.hash_info.inf`.
pub const HASH_INF: i64 = 314_159;

/// The decimal digits (each 0..=9, most significant first) of a non-negative integer.
fn digits_of(n: &BigInt) -> Vec<u8> {
    n.magnitude()
        .to_str_radix(10)
        .bytes()
        .map(|b| b - b'0')
        .collect()
}

/// An integer as an exact decNumber (exponent 0).
pub fn from_bigint(n: &BigInt) -> Dec {
    Dec::from_parts(n.sign() == Sign::Minus, &digits_of(n), 0)
}

/// A float as the exact decimal of its binary value (CPython's `Decimal.from_float`):
/// infinities keep the float's sign, a NaN is always the positive quiet NaN (as the
/// C module gives).
pub fn from_f64(x: f64) -> Dec {
    let neg = x.is_sign_negative();
    if x.is_nan() {
        return Dec::special(false, Special::QNaN, &[]);
    }
    if x.is_infinite() {
        return Dec::special(neg, Special::Inf, &[]);
    }
    if x == 0.0 {
        return Dec::from_parts(neg, &[0], 0);
    }
    let bits = x.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // x = mant * 2**e exactly.
    let (mut mant, mut e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    let tz = mant.trailing_zeros() as i32;
    mant >>= tz;
    e += tz;
    if e >= 0 {
        let n = BigInt::from(mant) << (e as usize);
        Dec::from_parts(neg, &digits_of(&n), 0)
    } else {
        // mant / 2**k == mant * 5**k / 10**k.
        let k = (-e) as u32;
        let n = BigInt::from(mant) * num_traits::pow(BigInt::from(5u8), k as usize);
        Dec::from_parts(neg, &digits_of(&n), -(k as i32))
    }
}

/// The integer part of a finite decNumber (truncated toward zero), or `None` for an
/// infinity or NaN.
pub fn to_bigint_trunc(d: &DecNum) -> Option<BigInt> {
    if d.is_special() {
        return None;
    }
    let digits = d.coefficient_digits();
    let exp = d.exponent() as i64;
    let kept: &[u8] = if exp >= 0 {
        &digits
    } else {
        let drop = (-exp) as usize;
        if drop >= digits.len() {
            &[]
        } else {
            &digits[..digits.len() - drop]
        }
    };
    let mut n = BigInt::zero();
    // Nine digits at a time keeps the number of big multiplications small.
    for chunk in kept.chunks(9) {
        let mut v: u64 = 0;
        for &c in chunk {
            v = v * 10 + c as u64;
        }
        n = n * BigInt::from(10u64.pow(chunk.len() as u32)) + BigInt::from(v);
    }
    if exp > 0 {
        n *= num_traits::pow(BigInt::from(10u8), exp as usize);
    }
    if d.is_negative() {
        n = -n;
    }
    Some(n)
}

/// `(numerator, denominator)` in lowest terms of a finite decNumber
/// (`Decimal.as_integer_ratio`), or `None` for an infinity or NaN.
pub fn to_ratio(d: &DecNum) -> Option<(BigInt, BigInt)> {
    if d.is_special() {
        return None;
    }
    let mut n = BigInt::zero();
    for &c in &d.coefficient_digits() {
        n = n * 10u8 + c;
    }
    if d.is_negative() {
        n = -n;
    }
    let exp = d.exponent() as i64;
    if exp >= 0 {
        return Some((
            n * num_traits::pow(BigInt::from(10u8), exp as usize),
            BigInt::one(),
        ));
    }
    let den = num_traits::pow(BigInt::from(10u8), (-exp) as usize);
    let g = num_integer::Integer::gcd(&n, &den);
    if g.is_zero() {
        return Some((n, BigInt::one()));
    }
    Some((n / &g, den / g))
}

fn pow_mod(mut base: u64, mut exp: u64, m: u64) -> u64 {
    let mut r: u64 = 1;
    base %= m;
    while exp > 0 {
        if exp & 1 == 1 {
            r = ((r as u128 * base as u128) % m as u128) as u64;
        }
        base = ((base as u128 * base as u128) % m as u128) as u64;
        exp >>= 1;
    }
    r
}

/// CPython's numeric hash of a finite decNumber, equal to the hash of an int, float or
/// Fraction of the same value. Infinities hash to +-`HASH_INF`; NaNs are the caller's
/// (signalling NaNs raise, quiet NaNs hash by identity).
pub fn hash_finite(d: &DecNum) -> i64 {
    if d.is_infinite() {
        return if d.is_negative() { -HASH_INF } else { HASH_INF };
    }
    let m = HASH_MODULUS;
    let mut coeff: u64 = 0;
    for &c in &d.coefficient_digits() {
        coeff = ((coeff as u128 * 10 + c as u128) % m as u128) as u64;
    }
    let exp = d.exponent() as i64;
    let exp_hash = if exp >= 0 {
        pow_mod(10, exp as u64, m)
    } else {
        // 10's inverse modulo the prime modulus.
        let inv10 = pow_mod(10, m - 2, m);
        pow_mod(inv10, (-exp) as u64, m)
    };
    let h = ((coeff as u128 * exp_hash as u128) % m as u128) as i64;
    let h = if d.is_negative() { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// A numeric string as decNumber's parser takes it, as the C module prepares one:
/// Unicode whitespace becomes a space, non-ASCII decimal digits become ASCII ones;
/// for the constructor (`ctor`: `Decimal(str)`) underscores are dropped (anywhere) and
/// spaces stripped at both ends, while `Context.create_decimal` keeps both (so that
/// decNumber rejects them). `None` for any other non-ASCII character (a conversion
/// syntax error).
pub fn numeric_ascii(s: &str, ctor: bool) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        let c = ch as u32;
        if ch == '_' && ctor {
            continue;
        }
        if crate::text::unicode::is_space(c) {
            out.push(' ');
        } else if c > 127 {
            let d = crate::text::unicode::decimal_value(c)?;
            out.push(char::from_digit(d, 10)?);
        } else {
            out.push(ch);
        }
    }
    if ctor {
        let t = out.trim_matches(' ');
        if t.len() != out.len() {
            return Some(t.to_string());
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_strings() {
        assert_eq!(numeric_ascii("1__0", true).as_deref(), Some("10"));
        assert_eq!(
            numeric_ascii(" \u{2003}1.5\n", true).as_deref(),
            Some("1.5")
        );
        assert_eq!(numeric_ascii("\u{661}\u{662}", true).as_deref(), Some("12"));
        assert_eq!(numeric_ascii("1 2", true).as_deref(), Some("1 2"));
        assert_eq!(numeric_ascii("\u{b2}", true), None);
        assert_eq!(numeric_ascii(" 1_0 ", false).as_deref(), Some(" 1_0 "));
        assert_eq!(numeric_ascii("\u{2003}1\n", false).as_deref(), Some(" 1 "));
    }

    #[test]
    fn floats_are_exact() {
        assert_eq!(
            from_f64(0.1).to_sci_string(),
            "0.1000000000000000055511151231257827021181583404541015625"
        );
        assert_eq!(from_f64(-2.5).to_sci_string(), "-2.5");
        assert_eq!(from_f64(1e20).to_sci_string(), "100000000000000000000");
        assert_eq!(from_f64(-0.0).to_sci_string(), "-0");
        assert_eq!(from_f64(f64::NEG_INFINITY).to_sci_string(), "-Infinity");
        assert_eq!(from_f64(5e-324).digits(), 751);
    }

    #[test]
    fn integers() {
        let n: BigInt = "-123456789012345678901234567890".parse().unwrap();
        let d = from_bigint(&n);
        assert_eq!(d.to_sci_string(), "-123456789012345678901234567890");
        assert_eq!(to_bigint_trunc(&d), Some(n));
        let (x, _) = Dec::parse_exact("-12.99");
        assert_eq!(to_bigint_trunc(&x), Some(BigInt::from(-12)));
        let (x, _) = Dec::parse_exact("0.5");
        assert_eq!(to_bigint_trunc(&x), Some(BigInt::from(0)));
        let (x, _) = Dec::parse_exact("12E+3");
        assert_eq!(to_bigint_trunc(&x), Some(BigInt::from(12000)));
        let (x, _) = Dec::parse_exact("-0.75");
        assert_eq!(to_ratio(&x), Some((BigInt::from(-3), BigInt::from(4))));
    }

    #[test]
    fn hashes_match_cpython() {
        // Values from CPython 3.11: hash(1.5), hash(Fraction(1, 10)), hash(-1).
        let (x, _) = Dec::parse_exact("1.50");
        assert_eq!(hash_finite(&x), 1_152_921_504_606_846_977);
        let (x, _) = Dec::parse_exact("0.1");
        assert_eq!(hash_finite(&x), 2_075_258_708_292_324_556);
        let (x, _) = Dec::parse_exact("-1");
        assert_eq!(hash_finite(&x), -2);
        let (x, _) = Dec::parse_exact("1E+3");
        assert_eq!(hash_finite(&x), 1000);
    }
}
