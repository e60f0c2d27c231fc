//! `int(str, base)` and `float(str)` parsing rules, plus `bin`/`oct`/`hex` rendering, as CPython 3.11.

use super::number::max_str_digits_from_str_error;
use super::unicode::{decimal_value, is_space};
use num_bigint::{BigInt, BigUint};
use num_traits::Zero;

/// Why `int(str, base)` failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// Not a valid literal (ValueError "invalid literal for int() with base N: ...").
    Invalid,
    /// More digits than the limit (ValueError; the message is the payload).
    TooManyDigits(String),
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode whitespace to
/// `' '`, Unicode decimal digits to ASCII; `None` if another non-ASCII char remains.
fn to_ascii(s: &str) -> Option<String> {
    if s.is_ascii() {
        return Some(s.to_owned());
    }
    s.chars()
        .map(|c| {
            let u = c as u32;
            if u < 0x80 {
                Some(c)
            } else if is_space(u) {
                Some(' ')
            } else {
                decimal_value(u).map(|d| (b'0' + d as u8) as char)
            }
        })
        .collect()
}

fn is_py_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// How many digits [`parse_int_small`] accepts. Far below the smallest digit
/// limit `sys.set_int_max_str_digits` allows (640), so the fast path never has
/// to apply the limit, and enough for leading zeros before an i64 value.
const SMALL_INT_MAX_DIGITS: usize = 64;

/// `int(s, base)` for the common short forms, without allocating: ASCII text,
/// optional ASCII whitespace around an optional sign and digits of `base`
/// (2..=36, or 0 meaning decimal when the first digit is not `0`), single
/// underscores between digits, at most [`SMALL_INT_MAX_DIGITS`] digits and a
/// value that fits in an i64.
///
/// `None` means "not handled here", never "invalid": the caller then runs
/// [`parse_int_limited`], which gives the result or the exact error (so base
/// prefixes, Unicode digits and spaces, the digit limit and every malformed
/// input keep one implementation).
pub fn parse_int_small(b: &[u8], base: u32) -> Option<i64> {
    if base == 1 || base > 36 {
        return None;
    }
    let (mut i, negative) = sign_prefix(b);
    let first = *b.get(i)?;
    // Base 0 with a leading `0` may be a prefix (`0x1f`) or a zero-only
    // literal (`00`, while `010` is an error): the full parser decides.
    let base = match base {
        0 if first == b'0' => return None,
        0 => 10,
        n => n,
    };
    // A leading `_` is invalid; a `0x` prefix makes `x` a non-digit below
    // (except in base 34+, where `0x` is two digits, as in CPython).
    let start = i;
    // The magnitude, kept as u64 so that -2**63 fits before the sign.
    let mut mag: u64 = 0;
    let mut ndigits = 0usize;
    let mut prev_underscore = false;
    while i < b.len() {
        let c = b[i];
        if c == b'_' {
            if prev_underscore || i == start {
                return None;
            }
            prev_underscore = true;
            i += 1;
            continue;
        }
        let d = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'a'..=b'z' => u32::from(c - b'a') + 10,
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => break,
        };
        if d >= base {
            // As in CPython, a letter that is not a digit of this base ends
            // the digits; only whitespace may follow (checked below).
            break;
        }
        ndigits += 1;
        if ndigits <= 12 {
            // 36**12 - 1 < 2**64: twelve digits of any base cannot overflow.
            mag = mag * u64::from(base) + u64::from(d);
        } else {
            if ndigits > SMALL_INT_MAX_DIGITS {
                return None;
            }
            mag = mag
                .checked_mul(u64::from(base))?
                .checked_add(u64::from(d))?;
        }
        prev_underscore = false;
        i += 1;
    }
    if prev_underscore || ndigits == 0 {
        return None;
    }
    while i < b.len() && is_py_space(b[i]) {
        i += 1;
    }
    if i != b.len() {
        return None;
    }
    if negative {
        // -(2**63) is the one magnitude above i64::MAX that fits.
        0i64.checked_sub_unsigned(mag)
    } else {
        i64::try_from(mag).ok()
    }
}

/// Skips leading ASCII whitespace and an optional sign: the index of what
/// follows, and whether the sign was `-`.
fn sign_prefix(b: &[u8]) -> (usize, bool) {
    let mut i = 0;
    while i < b.len() && is_py_space(b[i]) {
        i += 1;
    }
    let negative = i < b.len() && b[i] == b'-';
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    (i, negative)
}

/// `int(s, base)` (base 0 or 2..=36) without the digit limit.
#[allow(clippy::result_unit_err)]
pub fn parse_int(s: &str, base: u32) -> Result<BigInt, ()> {
    parse_int_limited(s, base, 0).map_err(|_| ())
}

/// `int(s, base)` with a digit limit for non-power-of-two bases (`0` = unlimited).
pub fn parse_int_limited(s: &str, base: u32, limit: usize) -> Result<BigInt, IntParseError> {
    use IntParseError::Invalid;
    if base == 1 || base > 36 {
        return Err(Invalid);
    }
    let a = to_ascii(s).ok_or(Invalid)?;
    let b = a.as_bytes();
    let (mut i, negative) = sign_prefix(b);
    let mut base = base;
    let mut error_if_nonzero = false;
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    if base == 0 {
        if at(i) != b'0' {
            base = 10;
        } else {
            match at(i + 1) {
                b'x' | b'X' => base = 16,
                b'o' | b'O' => base = 8,
                b'b' | b'B' => base = 2,
                _ => {
                    error_if_nonzero = true;
                    base = 10;
                }
            }
        }
    }
    if at(i) == b'0' {
        let p = at(i + 1).to_ascii_lowercase();
        if (base == 16 && p == b'x') || (base == 8 && p == b'o') || (base == 2 && p == b'b') {
            i += 2;
            if at(i) == b'_' {
                i += 1;
            }
        }
    }
    if at(i) == b'_' {
        return Err(Invalid);
    }
    let start = i;
    let mut digits: Vec<u8> = Vec::with_capacity(b.len() - i);
    let mut prev_underscore = false;
    while i < b.len() {
        let c = b[i];
        if c == b'_' {
            if prev_underscore {
                return Err(Invalid);
            }
            prev_underscore = true;
        } else {
            match (c as char).to_digit(36) {
                Some(d) if d < base => {
                    digits.push(d as u8);
                    prev_underscore = false;
                }
                _ => break,
            }
        }
        i += 1;
    }
    if prev_underscore || digits.is_empty() || i == start {
        return Err(Invalid);
    }
    while i < b.len() && is_py_space(b[i]) {
        i += 1;
    }
    if i != b.len() {
        return Err(Invalid);
    }
    if limit > 0 && !base.is_power_of_two() && digits.len() > limit {
        return Err(IntParseError::TooManyDigits(max_str_digits_from_str_error(
            limit,
            digits.len(),
        )));
    }
    let mag = BigUint::from_radix_be(&digits, base).ok_or(Invalid)?;
    if error_if_nonzero && !mag.is_zero() {
        return Err(Invalid);
    }
    let v = BigInt::from(mag);
    Ok(if negative { -v } else { v })
}

/// The ValueError message for a failed `int(s, base)` (repr truncated to 200 chars like `%.200R`);
/// `s` is the str's WTF-8 text, so a lone surrogate shows escaped as in CPython.
pub fn int_parse_error_message(s: &[u8], base: u32) -> String {
    let r: String = super::repr::str_repr_wtf8(s).chars().take(200).collect();
    format!("invalid literal for int() with base {base}: {r}")
}

/// The ValueError message for a failed `float(s)`.
pub fn float_parse_error_message(s: &str) -> String {
    format!(
        "could not convert string to float: {}",
        super::repr::str_repr(s)
    )
}

/// `float(s)`: whitespace (Unicode) stripped, sign, `inf`/`infinity`/`nan` in any
/// case, underscores only between digits, Unicode decimal digits.
#[allow(clippy::result_unit_err)]
pub fn parse_float(s: &str) -> Result<f64, ()> {
    let a = to_ascii(s).ok_or(())?;
    let t = a.trim_matches(|c: char| is_py_space(c as u8));
    if t.is_empty() {
        return Err(());
    }
    let mut buf = String::with_capacity(t.len());
    if t.contains('_') {
        let mut prev = 0u8;
        for &c in t.as_bytes() {
            if c == b'_' {
                if !prev.is_ascii_digit() {
                    return Err(());
                }
            } else {
                if prev == b'_' && !c.is_ascii_digit() {
                    return Err(());
                }
                buf.push(c as char);
            }
            prev = c;
        }
        if prev == b'_' {
            return Err(());
        }
    } else {
        buf.push_str(t);
    }
    // Validate the grammar ourselves, then let Rust do the correctly rounded conversion.
    let body = buf.strip_prefix(['+', '-']).unwrap_or(&buf);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        let neg = buf.starts_with('-');
        let v = if lower == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Ok(if neg { -v } else { v });
    }
    let bb = body.as_bytes();
    let mut i = 0;
    let mut nd = 0;
    while i < bb.len() && bb[i].is_ascii_digit() {
        i += 1;
        nd += 1;
    }
    if i < bb.len() && bb[i] == b'.' {
        i += 1;
        while i < bb.len() && bb[i].is_ascii_digit() {
            i += 1;
            nd += 1;
        }
    }
    if nd == 0 {
        return Err(());
    }
    if i < bb.len() && (bb[i] == b'e' || bb[i] == b'E') {
        i += 1;
        if i < bb.len() && (bb[i] == b'+' || bb[i] == b'-') {
            i += 1;
        }
        let st = i;
        while i < bb.len() && bb[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return Err(());
        }
    }
    if i != bb.len() {
        return Err(());
    }
    buf.parse::<f64>().map_err(|_| ())
}

/// Renders an int in base 2, 8, 10 or 16 with Python's prefixes (`bin`, `oct`,
/// `hex`, `str`): `-0x1f`, `0b0`; other bases in 2..=36 without prefix.
pub fn int_to_str_radix(v: &BigInt, base: u32) -> String {
    let base = base.clamp(2, 36);
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let mag = v.magnitude().to_str_radix(base);
    let sign = if v.sign() == num_bigint::Sign::Minus {
        "-"
    } else {
        ""
    };
    format!("{sign}{prefix}{mag}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::number::DEFAULT_MAX_STR_DIGITS;

    #[test]
    fn parse_int_table() {
        let cases: &[(&str, u32, Option<&str>)] = &include!("testdata/parse_int.rs");
        let mut bad = Vec::new();
        for &(s, base, want) in cases {
            let got = parse_int(s, base).ok().map(|v| v.to_string());
            if got.as_deref() != want {
                bad.push(format!("int({s:?}, {base}): got {got:?} want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{} of {}: {bad:#?}", bad.len(), cases.len());
    }

    /// The fast parser agrees with the full one wherever it answers, and
    /// answers for the common forms.
    #[test]
    fn small_int_matches_full_parser() {
        let cases: &[(&str, u32, Option<&str>)] = &include!("testdata/parse_int.rs");
        let mut extra: Vec<(String, u32)> = Vec::new();
        for s in [
            "0",
            "-0",
            "+7",
            " 12345 ",
            "\t-42\n",
            "1_000",
            "1__0",
            "_1",
            "1_",
            "00",
            "010",
            "0x1f",
            "0o7",
            "0b1",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
            "ff",
            "FF",
            "zz",
            "0x",
            "",
            " ",
            "-",
            "1 2",
            "١٢٣",
            "12\u{a0}",
        ] {
            for base in [0, 2, 8, 10, 16, 34, 36] {
                extra.push((s.to_owned(), base));
            }
        }
        extra.push((format!("{}1", "0".repeat(100)), 10));
        let all = cases
            .iter()
            .map(|&(s, b, _)| (s.to_owned(), b))
            .chain(extra);
        let mut bad = Vec::new();
        for (s, base) in all {
            let full = parse_int_limited(&s, base, DEFAULT_MAX_STR_DIGITS).ok();
            if let Some(v) = parse_int_small(s.as_bytes(), base) {
                if full != Some(BigInt::from(v)) {
                    bad.push(format!("int({s:?}, {base}): fast {v} full {full:?}"));
                }
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
        for (s, base, v) in [
            ("12345", 10, 12345),
            (" -42 ", 10, -42),
            ("1_000", 0, 1000),
            ("ff", 16, 255),
            ("-9223372036854775808", 10, i64::MIN),
        ] {
            assert_eq!(parse_int_small(s.as_bytes(), base), Some(v), "{s:?}");
        }
    }

    #[test]
    fn parse_float_table() {
        let cases: &[(&str, Option<u64>)] = &include!("testdata/parse_float.rs");
        let mut bad = Vec::new();
        for &(s, want) in cases {
            let got = parse_float(s).ok();
            let same = match (got, want) {
                (None, None) => true,
                (Some(g), Some(w)) => {
                    let w = f64::from_bits(w);
                    if w.is_nan() {
                        g.is_nan()
                    } else {
                        g.to_bits() == w.to_bits()
                    }
                }
                _ => false,
            };
            if !same {
                bad.push(format!("float({s:?}): got {got:?} want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{} of {}: {bad:#?}", bad.len(), cases.len());
    }

    #[test]
    fn digit_limit() {
        let parse_int_default_limit =
            |s: &str, base: u32| parse_int_limited(s, base, DEFAULT_MAX_STR_DIGITS);
        let s = "1".repeat(4301);
        assert_eq!(
            parse_int_default_limit(&s, 10),
            Err(IntParseError::TooManyDigits(
                "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit".to_owned()
            ))
        );
        assert!(parse_int_default_limit(&format!("-{}", "1".repeat(4300)), 10).is_ok());
        assert!(parse_int_default_limit(&format!("0x{}", "1".repeat(5000)), 0).is_ok());
        assert!(parse_int_default_limit(&format!("{}_1", "1".repeat(4300)), 10).is_err());
        assert_eq!(
            int_parse_error_message(b"abc", 10),
            "invalid literal for int() with base 10: 'abc'"
        );
        assert_eq!(
            float_parse_error_message("x"),
            "could not convert string to float: 'x'"
        );
    }

    #[test]
    fn radix() {
        let cases = [
            (255i64, 16, "0xff"),
            (-255, 16, "-0xff"),
            (0, 2, "0b0"),
            (-8, 8, "-0o10"),
            (5, 2, "0b101"),
            (-12, 10, "-12"),
        ];
        for (v, b, want) in cases {
            assert_eq!(int_to_str_radix(&BigInt::from(v), b), want);
        }
    }
}
