//! Number <-> text conversions and numeric helpers: CPython's `PyOS_double_to_string`, int digit limits, `float.hex`/`fromhex`, `round`, `as_integer_ratio`, numeric hashing.

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{FromPrimitive, One, ToPrimitive, Zero};

pub use engine::runtime::text::{
    int_to_decimal, int_to_decimal_limit, max_str_digits_from_str_error,
    max_str_digits_to_str_error, DEFAULT_MAX_STR_DIGITS,
};
/// Modulus of Python's numeric hash (`sys.hash_info.modulus`, 2**61 - 1).
pub const HASH_MODULUS: u64 = (1 << 61) - 1;
/// `sys.hash_info.inf`.
pub const HASH_INF: i64 = 314159;

/// Flags for [`double_to_string`] (CPython's `Py_DTSF_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtsFlags {
    /// Always add a sign (`Py_DTSF_SIGN`).
    pub sign: bool,
    /// Add `.0` to integral values in fixed notation (`Py_DTSF_ADD_DOT_0`).
    pub add_dot_0: bool,
    /// Alternate form `#` (`Py_DTSF_ALT`).
    pub alt: bool,
    /// Turn negative zero into zero (`Py_DTSF_NO_NEG_0`, the `z` option).
    pub no_neg_0: bool,
}

/// Digits and decimal-point position as `_Py_dg_dtoa` returns them for a finite,
/// non-negative `x`: value = 0.DIGITS * 10**decpt, no trailing zeros (except "0" for zero).
/// mode 0: shortest round-trip; mode 2: at most `ndigits` significant digits;
/// mode 3: `ndigits` digits after the decimal point.
pub fn dtoa(x: f64, mode: u8, ndigits: usize) -> (String, i64) {
    let x = x.abs();
    if x == 0.0 {
        return ("0".to_owned(), 1);
    }
    // Rust's formatter rejects precisions above u16::MAX; no f64 needs more than
    // 767 significant or 1074 fractional digits, and dtoa strips trailing zeros.
    let ndigits = ndigits.min(1100);
    let (mut digits, decpt) = match mode {
        0 => shortest(x),
        2 => split_exp(format!("{:.*e}", ndigits.max(1) - 1, x)),
        _ => {
            // "IIII.FFFF" (or "0.FFFF"): the digits are edited in place.
            let mut s = format!("{:.*}", ndigits, x);
            let dot = s.bytes().position(|b| b == b'.');
            let int_len = dot.unwrap_or(s.len());
            if &s[..int_len] != "0" {
                if let Some(p) = dot {
                    s.remove(p);
                }
                (s, int_len as i64)
            } else {
                // Leading zeros after "0." only move the decimal point.
                let frac_start = dot.map_or(s.len(), |p| p + 1);
                let lz = s[frac_start..].bytes().take_while(|&b| b == b'0').count();
                s.drain(..frac_start + lz);
                (s, -(lz as i64))
            }
        }
    };
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    if digits.is_empty() || digits == "0" {
        return ("0".to_owned(), 1);
    }
    (digits, decpt)
}

/// Shortest round-trip digits, ties between equally short candidates broken
/// like David Gay's dtoa (closest to the exact value, then half-even).
fn shortest(x: f64) -> (String, i64) {
    let s = format!("{x:e}");
    // The mantissa's digit count: "d.ddd" or "d" before the exponent.
    let mant = s.split_once('e').map_or(&s[..], |(m, _)| m);
    let n = mant.len() - usize::from(mant.contains('.'));
    // The correctly rounded (half-even) string with the same number of digits
    // is preferred whenever it also round-trips.
    let c = format!("{:.*e}", n - 1, x);
    if c != s && c.parse::<f64>().ok() == Some(x) {
        return split_exp(c);
    }
    split_exp(s)
}

/// Splits Rust's `d.ddde±x` into its digits (edited in place) and the
/// decimal-point position `x + 1`.
fn split_exp(mut s: String) -> (String, i64) {
    let mut exp: i64 = 0;
    if let Some(p) = s.bytes().position(|b| b == b'e') {
        exp = s[p + 1..].parse().unwrap_or(0);
        s.truncate(p);
    }
    if let Some(p) = s.bytes().position(|b| b == b'.') {
        s.remove(p);
    }
    (s, exp + 1)
}

/// CPython's `PyOS_double_to_string(x, code, precision, flags)` for `code` in
/// `e E f F g G r` (`r` = repr; precision ignored).  Unknown codes act as `r`.
pub fn double_to_string(x: f64, code: char, precision: usize, flags: DtsFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let (mode, mut precision) = match code {
        'e' => (2, precision + 1),
        'f' => (3, precision),
        'g' => (2, precision.max(1)),
        _ => (0, 0),
    };
    if !x.is_finite() {
        let mut out = String::with_capacity(4);
        if x.is_nan() {
            if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "NAN" } else { "nan" });
        } else {
            if x < 0.0 {
                out.push('-');
            } else if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "INF" } else { "inf" });
        }
        return out;
    }
    let (digits, mut decpt) = dtoa(x, mode, precision);
    // Sign, digits, zeros on either side of the point, the point, and an
    // exponent (at most "e+308"), reserved once for the common sizes (a
    // huge precision may not be used at all, as in `%.999999g`: the
    // reservation is capped and the string grows if it must).
    let mut out = String::with_capacity(
        digits.len() + (decpt.unsigned_abs() as usize).min(400) + precision.min(64) + 8,
    );
    let mut negative = x.is_sign_negative();
    if flags.no_neg_0 && negative && digits == "0" {
        negative = false;
    }
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision as i64;
        }
        'f' => vdigits_end = decpt + precision as i64,
        'g' => {
            let lim = if flags.add_dot_0 {
                precision as i64 - 1
            } else {
                precision as i64
            };
            if decpt <= -4 || decpt > lim {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision as i64;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    precision = 0;
    let _ = precision;
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(&digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        if e >= 100 {
            out.push(char::from(b'0' + (e / 100) as u8));
        }
        if e >= 10 {
            out.push(char::from(b'0' + (e / 10 % 10) as u8));
        }
        out.push(char::from(b'0' + (e % 10) as u8));
    }
    out
}

/// `float.hex()`.
pub fn float_hex(x: f64) -> String {
    if !x.is_finite() {
        return super::repr::float_repr(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i64;
    let mant = bits & ((1 << 52) - 1);
    let (lead, e) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let esign = if e < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{mant:013x}p{esign}{}", e.unsigned_abs())
}

/// Error from [`float_fromhex`]: `(exception type name, message)`.
pub type NumError = (&'static str, String);

fn hex_err() -> NumError {
    (
        "ValueError",
        "invalid hexadecimal floating-point string".to_owned(),
    )
}

/// `float.fromhex(s)`; errors are ValueError/OverflowError as CPython raises them.
pub fn float_fromhex(s: &str) -> Result<f64, NumError> {
    let s = s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'));
    let b = s.as_bytes();
    let mut i = 0;
    let mut negative = false;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        negative = b[i] == b'-';
        i += 1;
    }
    let rest = &s[i..];
    let lower = rest.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == "nan" {
        return Ok(if negative { -f64::NAN } else { f64::NAN });
    }
    if lower.starts_with("0x") {
        i += 2;
    }
    let mut mant = BigUint::zero();
    let mut ndig = 0usize;
    let mut frac_digits: i64 = 0;
    let mut seen_point = false;
    let mut chunk: u64 = 0;
    let mut chunk_len = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'.' && !seen_point {
            seen_point = true;
        } else if let Some(d) = (c as char).to_digit(16) {
            chunk = chunk * 16 + u64::from(d);
            chunk_len += 1;
            if chunk_len == 15 {
                mant = (mant << 60u32) + chunk;
                chunk = 0;
                chunk_len = 0;
            }
            ndig += 1;
            if seen_point {
                frac_digits += 1;
            }
        } else {
            break;
        }
        i += 1;
    }
    if chunk_len > 0 {
        mant = (mant << (4 * chunk_len as u32)) + chunk;
    }
    if ndig == 0 {
        return Err(hex_err());
    }
    let mut exp: i64 = 0;
    if i < b.len() && (b[i] == b'p' || b[i] == b'P') {
        i += 1;
        let mut eneg = false;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            eneg = b[i] == b'-';
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            exp = exp
                .saturating_mul(10)
                .saturating_add(i64::from(b[i] - b'0'));
            exp = exp.min(1 << 50);
            i += 1;
        }
        if i == start {
            return Err(hex_err());
        }
        if eneg {
            exp = -exp;
        }
    }
    // CPython reports overflow before looking at trailing garbage.
    let trailing_ok = i == b.len();
    let sign = if negative { -1.0 } else { 1.0 };
    if mant.is_zero() {
        return if trailing_ok {
            Ok(sign * 0.0)
        } else {
            Err(hex_err())
        };
    }
    let e = exp - 4 * frac_digits; // value = mant * 2**e
    let bl = mant.bits() as i64;
    if bl + e - 1 > 1023 {
        return Err((
            "OverflowError",
            "hexadecimal value too large to represent as a float".to_owned(),
        ));
    }
    let lsb = (bl + e - 53).max(-1074);
    let shift = lsb - e;
    let q: u64 = if shift <= 0 {
        (mant << (-shift) as u64).to_u64().unwrap_or(0)
    } else {
        let sh = shift as u64;
        let mut q = (&mant >> sh).to_u64().unwrap_or(0);
        let half = mant.bit(sh - 1);
        let sticky = sh >= 2 && mant.trailing_zeros().is_some_and(|tz| tz < sh - 1);
        if half && (sticky || q & 1 == 1) {
            q += 1;
        }
        q
    };
    let v = ldexp(q as f64, lsb);
    if v.is_infinite() {
        return Err((
            "OverflowError",
            "hexadecimal value too large to represent as a float".to_owned(),
        ));
    }
    if !trailing_ok {
        return Err(hex_err());
    }
    Ok(sign * v)
}

/// `m * 2**e`, exact whenever the result is representable.
pub fn ldexp(m: f64, e: i64) -> f64 {
    let mut v = m;
    let mut e = e.clamp(-5000, 5000);
    while e > 1000 {
        v *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        v *= 2f64.powi(-1000);
        e += 1000;
        if e >= -1000 {
            break;
        }
    }
    if e < -1022 {
        v *= 2f64.powi(-1022);
        e += 1022;
    }
    v * 2f64.powi(e as i32)
}

/// `float.as_integer_ratio()`: lowest terms, positive denominator.
pub fn float_as_integer_ratio(x: f64) -> Result<(BigInt, BigInt), NumError> {
    if x.is_nan() {
        return Err((
            "ValueError",
            "cannot convert NaN to integer ratio".to_owned(),
        ));
    }
    if x.is_infinite() {
        return Err((
            "OverflowError",
            "cannot convert Infinity to integer ratio".to_owned(),
        ));
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i64;
    let mut mant = bits & ((1 << 52) - 1);
    let mut e = if biased == 0 {
        -1074
    } else {
        mant |= 1 << 52;
        biased - 1075
    };
    let tz = mant.trailing_zeros() as i64;
    mant >>= tz;
    e += tz;
    let mut n = BigInt::from(mant);
    if x < 0.0 {
        n = -n;
    }
    if e >= 0 {
        Ok((n << e as u64, BigInt::one()))
    } else {
        Ok((n, BigInt::one() << (-e) as u64))
    }
}

/// `int(x)` for a float (truncation); errors as CPython.
pub fn float_to_bigint(x: f64) -> Result<BigInt, NumError> {
    if x.is_nan() {
        return Err((
            "ValueError",
            "cannot convert float NaN to integer".to_owned(),
        ));
    }
    if x.is_infinite() {
        return Err((
            "OverflowError",
            "cannot convert float infinity to integer".to_owned(),
        ));
    }
    Ok(BigInt::from_f64(x.trunc()).unwrap_or_default())
}

/// `round(x)` for a float: round half to even, as an int.
pub fn float_round_to_int(x: f64) -> Result<BigInt, NumError> {
    float_to_bigint(x.round_ties_even())
}

/// `round(x, ndigits)` for a float (CPython's correctly rounded `double_round`).
pub fn float_round(x: f64, ndigits: i64) -> Result<f64, NumError> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    if x == 0.0 {
        return Ok(x);
    }
    let s = if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x)
    } else {
        let (_, decpt) = dtoa(x, 0, 0);
        let sig = decpt + ndigits;
        if sig < 0 {
            return Ok(0.0 * x);
        } else if sig == 0 {
            // Compare |x| with 0.5 * 10**-ndigits exactly; ties go to 0.
            let exact = format!("{:.800e}", x.abs());
            let (mant, _) = exact.split_once('e').unwrap_or((&exact, ""));
            let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
            let above = digits.as_bytes()[0] > b'5'
                || (digits.as_bytes()[0] == b'5' && digits[1..].bytes().any(|d| d != b'0'));
            if above {
                format!("{}1e{}", if x < 0.0 { "-" } else { "" }, -ndigits)
            } else {
                return Ok(0.0 * x);
            }
        } else {
            format!("{:.*e}", (sig - 1) as usize, x)
        }
    };
    let r: f64 = s.parse().unwrap_or(f64::NAN);
    if r.is_infinite() {
        return Err((
            "OverflowError",
            "rounded value too large to represent".to_owned(),
        ));
    }
    // Keep the sign of zero results.
    if r == 0.0 {
        return Ok(0.0 * x);
    }
    Ok(r)
}

/// `round(v, ndigits)` for an int (half to even at 10**-ndigits; identity for ndigits >= 0).
pub fn int_round(v: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 || v.is_zero() {
        return v.clone();
    }
    let n = ndigits.unsigned_abs();
    // 10**n > 2*|v| means the result is 0.
    if (n as f64) * std::f64::consts::LOG2_10 > v.bits() as f64 + 2.0 {
        return BigInt::zero();
    }
    let p = num_traits::pow(BigInt::from(10u32), n as usize);
    let (q, r) = num_integer::Integer::div_mod_floor(v, &p);
    let twice = &r * 2u32;
    let up = twice > p || (twice == p && num_integer::Integer::is_odd(&q));
    let q = if up { q + 1u32 } else { q };
    q * p
}

/// Python's `hash(int)`.
pub fn hash_int(v: &BigInt) -> i64 {
    let m = BigUint::from(HASH_MODULUS);
    let r = (v.magnitude() % &m).to_u64().unwrap_or(0) as i64;
    let h = if v.sign() == Sign::Minus { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python's `hash(float)` (so `hash(1.0) == hash(1)`).  NaN returns 0: in 3.11
/// the caller must hash NaN by object identity instead.
pub fn hash_float(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if v.is_nan() || v == 0.0 {
        return 0;
    }
    const BITS: i64 = 61;
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    x = ((x << e) & HASH_MODULUS) | (x >> (BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        -2
    } else {
        h
    }
}

/// C `frexp`: `v = m * 2**e` with `0.5 <= |m| < 1` (finite non-zero `v`).
pub fn frexp(v: f64) -> (f64, i64) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let (v2, adj) = if v.abs() < f64::MIN_POSITIVE {
        (v * 2f64.powi(64), -64)
    } else {
        (v, 0)
    };
    let bits = v2.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i64;
    let e = biased - 1022;
    let m = f64::from_bits((bits & !(0x7FF << 52)) | (1022 << 52));
    (m, e + adj)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    #[test]
    fn hex_table() {
        let cases: &[(u64, &str)] = &include!("testdata/float_hex.rs");
        for &(b, want) in cases {
            assert_eq!(float_hex(f64::from_bits(b)), want);
        }
    }

    #[test]
    fn fromhex_table() {
        let cases: &[(&str, Result<u64, &str>)] = &include!("testdata/float_fromhex.rs");
        for &(s, want) in cases {
            let got: Result<f64, &str> = float_fromhex(s).map_err(|e| e.0);
            match (got, want) {
                (Ok(g), Ok(w)) if f64::from_bits(w).is_nan() => assert!(g.is_nan(), "{s}"),
                (Ok(g), Ok(w)) => assert_eq!(g.to_bits(), w, "fromhex({s:?}) = {g:?}"),
                (g, w) => assert_eq!(g.map(f64::to_bits), w, "fromhex({s:?})"),
            }
        }
    }

    #[test]
    fn round_table() {
        let cases: &[(u64, i64, Result<u64, &str>)] = &include!("testdata/float_round.rs");
        let mut bad = Vec::new();
        for &(b, nd, want) in cases {
            let x = f64::from_bits(b);
            let got = float_round(x, nd).map(f64::to_bits).map_err(|e| e.0);
            if got != want {
                bad.push(format!(
                    "round({x:?}, {nd}) got {:?} want {:?}",
                    got.map(f64::from_bits),
                    want.map(f64::from_bits)
                ));
            }
        }
        assert!(bad.is_empty(), "{} of {}: {bad:#?}", bad.len(), cases.len());
        assert_eq!(float_round_to_int(2.5).unwrap(), BigInt::from(2));
        assert_eq!(float_round_to_int(-3.5).unwrap(), BigInt::from(-4));
        assert_eq!(float_round_to_int(f64::NAN).unwrap_err().0, "ValueError");
        assert_eq!(
            float_round_to_int(f64::INFINITY).unwrap_err().0,
            "OverflowError"
        );
    }

    #[test]
    fn int_round_table() {
        let cases: &[(&str, i64, &str)] = &include!("testdata/int_round.rs");
        for &(v, nd, want) in cases {
            assert_eq!(int_round(&big(v), nd).to_string(), want, "round({v}, {nd})");
        }
    }

    #[test]
    fn ratio_and_hash_table() {
        let cases: &[(u64, &str, &str, i64)] = &include!("testdata/float_ratio_hash.rs");
        for &(b, n, d, h) in cases {
            let x = f64::from_bits(b);
            let (gn, gd) = float_as_integer_ratio(x).unwrap();
            assert_eq!(
                (gn.to_string().as_str(), gd.to_string().as_str()),
                (n, d),
                "{x:?}"
            );
            assert_eq!(hash_float(x), h, "hash({x:?})");
        }
        assert_eq!(hash_float(f64::INFINITY), 314159);
        assert_eq!(hash_float(f64::NEG_INFINITY), -314159);
        assert_eq!(
            float_as_integer_ratio(f64::NAN).unwrap_err().0,
            "ValueError"
        );
        assert_eq!(
            float_as_integer_ratio(f64::INFINITY).unwrap_err().0,
            "OverflowError"
        );
    }

    #[test]
    fn hash_int_table() {
        let cases: &[(&str, i64)] = &include!("testdata/hash_int.rs");
        for &(v, h) in cases {
            assert_eq!(hash_int(&big(v)), h, "hash({v})");
        }
    }

    #[test]
    fn decimal_limit() {
        let p: BigInt = num_traits::pow(BigInt::from(10), 4299);
        assert_eq!(int_to_decimal(&p).unwrap().len(), 4300);
        let m: BigInt = &p * 10 - 1;
        assert_eq!(int_to_decimal(&-m).unwrap().len(), 4301);
        assert_eq!(
            int_to_decimal(&(&p * 10)).unwrap_err(),
            max_str_digits_to_str_error(4300)
        );
        assert!(int_to_decimal(&num_traits::pow(BigInt::from(10), 100000)).is_err());
        assert!(int_to_decimal_limit(&(&p * 10), 0).is_ok());
        assert_eq!(int_to_decimal(&big("-123")).unwrap(), "-123");
    }

    #[test]
    fn double_to_string_flags() {
        let f = DtsFlags {
            sign: true,
            ..DtsFlags::default()
        };
        assert_eq!(double_to_string(f64::NAN, 'f', 2, f), "+nan");
        assert_eq!(double_to_string(-f64::INFINITY, 'F', 2, f), "-INF");
        assert_eq!(double_to_string(1.5, 'r', 0, f), "+1.5");
    }
}
