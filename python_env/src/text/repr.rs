//! `repr()`/`ascii()` of str, bytes and float exactly as CPython 3.11 writes them.

use super::number::{double_to_string, DtsFlags};
use super::unicode::is_printable;
use std::fmt::Write;

/// `repr(float)` / `str(float)`: shortest round-trip digits, exponent when
/// the decimal exponent is < -4 or >= 16, `.0` on integral values.
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        DtsFlags {
            add_dot_0: true,
            ..DtsFlags::default()
        },
    )
}

/// `repr(complex)` / `str(complex)`: `1j`, `(1+2j)`, `(-0-0j)`, `(nan+infj)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let plain = DtsFlags::default();
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", double_to_string(im, 'r', 0, plain))
    } else {
        let re_s = double_to_string(re, 'r', 0, plain);
        let im_s = double_to_string(
            im,
            'r',
            0,
            DtsFlags {
                sign: true,
                ..plain
            },
        );
        format!("({re_s}{im_s}j)")
    }
}

fn push_escaped(out: &mut String, c: u32) {
    let _ = if c <= 0xFF {
        write!(out, "\\x{c:02x}")
    } else if c <= 0xFFFF {
        write!(out, "\\u{c:04x}")
    } else {
        write!(out, "\\U{c:08x}")
    };
}

fn repr_impl(cps: &[u32], ascii_only: bool) -> String {
    let has_single = cps.contains(&0x27);
    let has_double = cps.contains(&0x22);
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(cps.len() + 2);
    out.push(quote);
    for &c in cps {
        match c {
            0x5C => out.push_str("\\\\"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            0x09 => out.push_str("\\t"),
            _ if c == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            0x00..=0x1F | 0x7F => push_escaped(&mut out, c),
            0x20..=0x7E => out.push(c as u8 as char),
            _ => match char::from_u32(c) {
                Some(ch) if !ascii_only && is_printable(c) => out.push(ch),
                _ => push_escaped(&mut out, c),
            },
        }
    }
    out.push(quote);
    out
}

/// `repr(str)`.
pub fn str_repr(s: &str) -> String {
    let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
    repr_impl(&cps, false)
}
/// `repr(str)` over code points (lone surrogates allowed).
pub fn str_repr_cps(cps: &[u32]) -> String {
    repr_impl(cps, false)
}
/// `repr(str)` of surrogate-preserving UTF-8 (the engine's `PyStr` bytes).
pub fn str_repr_wtf8(b: &[u8]) -> String {
    repr_impl(&super::decode_wtf8(b), false)
}
/// `ascii(str)`.
pub fn ascii_repr(s: &str) -> String {
    let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
    repr_impl(&cps, true)
}
/// `ascii(str)` over code points.
pub fn ascii_repr_cps(cps: &[u32]) -> String {
    repr_impl(cps, true)
}
/// Escapes non-ASCII code points as `\xNN`/`\uNNNN`/`\UNNNNNNNN` (what `ascii()` does
/// to the `repr()` of any object).
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            push_escaped(&mut out, ch as u32);
        }
    }
    out
}

/// `repr(bytes)` with the given prefix (`"b"`); for bytearray use `"b"` and wrap in `bytearray(...)`.
pub fn bytes_repr(b: &[u8], prefix: &str) -> String {
    let has_single = b.contains(&b'\'');
    let has_double = b.contains(&b'"');
    let quote = if has_single && !has_double {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + prefix.len() + 2);
    out.push_str(prefix);
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(quote as char);
            }
            0x20..=0x7E => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_table() {
        let cases: &[(u64, &str)] = &include!("testdata/float_repr.rs");
        let bad: Vec<String> = cases
            .iter()
            .filter_map(|&(b, want)| {
                let got = float_repr(f64::from_bits(b));
                (got != want).then(|| format!("{b:#x}: got {got} want {want}"))
            })
            .collect();
        assert!(bad.is_empty(), "{} of {}: {bad:?}", bad.len(), cases.len());
    }

    #[test]
    fn complex_reprs() {
        let n = f64::NAN;
        let i = f64::INFINITY;
        let cases = [
            (0.0, 1.0, "1j"),
            (1.0, 2.0, "(1+2j)"),
            (-0.0, -0.0, "(-0-0j)"),
            (0.0, -0.0, "-0j"),
            (n, i, "(nan+infj)"),
            (1e16, -1.5e-7, "(1e+16-1.5e-07j)"),
            (0.0, 0.1, "0.1j"),
        ];
        for (re, im, want) in cases {
            assert_eq!(complex_repr(re, im), want);
        }
    }

    #[test]
    fn str_repr_table() {
        let cases: &[(&str, &str, &str)] = &include!("testdata/str_repr.rs");
        for &(s, r, a) in cases {
            assert_eq!(str_repr(s), r, "repr of {s:?}");
            assert_eq!(ascii_repr(s), a, "ascii of {s:?}");
        }
    }

    #[test]
    fn surrogates() {
        assert_eq!(str_repr_cps(&[0xD800]), "'\\ud800'");
        assert_eq!(str_repr_cps(&[0x61, 0xDFFF, 0x27]), "\"a\\udfff'\"");
        let b = super::super::encode_wtf8(&[0xDC80, 0x41]);
        assert_eq!(str_repr_wtf8(&b), "'\\udc80A'");
        assert_eq!(ascii_repr_cps(&[0xD800, 0xE9]), "'\\ud800\\xe9'");
        assert_eq!(ascii_escape("[1, 'é']"), "[1, '\\xe9']");
    }

    #[test]
    fn bytes_repr_table() {
        let cases: &[(&[u8], &str)] = &include!("testdata/bytes_repr.rs");
        for &(b, r) in cases {
            assert_eq!(bytes_repr(b, "b"), r, "repr of {b:?}");
        }
    }
}
