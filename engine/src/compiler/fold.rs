//! Constant folding of literal expressions, and conversion of literals to
//! [`Constant`]s.
//!
//! Mirrors CPython 3.11's AST optimizer: unary and binary operators on
//! constant operands, tuples of constants, constant subscripts and
//! `__debug__` are evaluated at compile time when the result is exact and
//! small (ints up to 128 bits from `*`, `**`, `<<`; str/bytes up to 4096
//! items and tuples up to 256 from repetition).  Anything that would raise
//! (division by zero, overflow, type errors) is left for run time so the
//! error happens when the code runs.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use ruff_python_ast::{self as ast, Expr, ExprContext, Number, Operator, StringFlags, UnaryOp};
use ruff_text_size::Ranged;

use crate::bytecode::{Constant, PyStr};

const MAX_INT_BITS: u64 = 128;
const MAX_STR_SIZE: usize = 4096;
const MAX_COLLECTION_SIZE: usize = 256;
/// Folding depth limit (deeper trees are simply not folded).
const MAX_FOLD_DEPTH: usize = 200;

/// Folding context.
#[derive(Clone, Copy, Debug)]
pub struct FoldCtx<'a> {
    /// The source text (to recover lone surrogates in string literals).
    pub source: &'a str,
    /// Optimization level (`__debug__` is `optimize == 0`).
    pub optimize: u8,
}

impl FoldCtx<'_> {
    /// The constant value of `e`, if it is a literal or foldable expression.
    pub fn fold(&self, e: &Expr) -> Option<Constant> {
        self.fold_depth(e, 0)
    }

    fn fold_depth(&self, e: &Expr, depth: usize) -> Option<Constant> {
        if depth > MAX_FOLD_DEPTH {
            return None;
        }
        stacker::maybe_grow(32 * 1024, 256 * 1024, || self.fold_level(e, depth))
    }

    fn fold_level(&self, e: &Expr, depth: usize) -> Option<Constant> {
        match e {
            Expr::NumberLiteral(n) => Some(number_constant(&n.value)),
            Expr::StringLiteral(s) => Some(Constant::Str(self.string_value(&s.value))),
            Expr::BytesLiteral(b) => {
                Some(Constant::Bytes(b.value.bytes().collect::<Vec<u8>>().into()))
            }
            Expr::BooleanLiteral(b) => Some(Constant::Bool(b.value)),
            Expr::NoneLiteral(_) => Some(Constant::None),
            Expr::EllipsisLiteral(_) => Some(Constant::Ellipsis),
            Expr::Name(n) if n.id.as_str() == "__debug__" && n.ctx == ExprContext::Load => {
                Some(Constant::Bool(self.optimize == 0))
            }
            Expr::Tuple(t) if t.ctx == ExprContext::Load => {
                let mut items = Vec::with_capacity(t.elts.len());
                for el in t.elts.iter() {
                    items.push(self.fold_depth(el, depth + 1)?);
                }
                Some(Constant::Tuple(items.into()))
            }
            Expr::UnaryOp(u) => {
                let v = self.fold_depth(&u.operand, depth + 1)?;
                fold_unary(u.op, &v)
            }
            Expr::BinOp(b) => {
                let l = self.fold_depth(&b.left, depth + 1)?;
                let r = self.fold_depth(&b.right, depth + 1)?;
                fold_binop(b.op, &l, &r)
            }
            Expr::Subscript(s) if s.ctx == ExprContext::Load => {
                let v = self.fold_depth(&s.value, depth + 1)?;
                let k = self.fold_depth(&s.slice, depth + 1)?;
                fold_subscript(&v, &k)
            }
            _ => None,
        }
    }

    /// The value of a (possibly implicitly concatenated) string literal,
    /// preserving lone surrogates written as `\ud800` escapes.
    pub fn string_value(&self, value: &ast::StringLiteralValue) -> PyStr {
        let text = value.to_str();
        if !text.contains('\u{FFFD}') {
            return PyStr::new(text);
        }
        let mut cps: Vec<u32> = Vec::new();
        for part in value.iter() {
            match self.redecode(
                part.range(),
                part.flags.opener_len().to_usize(),
                part.flags.closer_len().to_usize(),
                part.flags.prefix().is_raw(),
                false,
            ) {
                Some(v) => cps.extend(v),
                None => cps.extend(part.value.chars().map(u32::from)),
            }
        }
        PyStr::from_code_points(cps).unwrap_or_else(|| PyStr::new(text))
    }

    /// The value of an f-string literal piece (surrogate-preserving).
    pub fn fstring_literal(&self, lit: &ast::InterpolatedStringLiteralElement, raw: bool) -> PyStr {
        if !lit.value.contains('\u{FFFD}') || raw {
            return PyStr::new(&lit.value);
        }
        match self.redecode(lit.range, 0, 0, false, true) {
            Some(cps) => PyStr::from_code_points(cps).unwrap_or_else(|| PyStr::new(&lit.value)),
            None => PyStr::new(&lit.value),
        }
    }

    fn redecode(
        &self,
        range: ruff_text_size::TextRange,
        opener: usize,
        closer: usize,
        raw: bool,
        fstring: bool,
    ) -> Option<Vec<u32>> {
        if raw {
            return None;
        }
        let start = range.start().to_usize() + opener;
        let end = range.end().to_usize().checked_sub(closer)?;
        let body = self.source.get(start..end)?;
        decode_escapes(body, fstring)
    }
}

/// Decodes Python string escapes into code points (lone surrogates kept).
/// `\N{...}` names are resolved by the ruff parser.
pub fn decode_escapes(body: &str, fstring: bool) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if fstring && (c == '{' || c == '}') {
            if chars.peek() == Some(&c) {
                chars.next();
            }
            out.push(c as u32);
            continue;
        }
        if c != '\\' {
            out.push(c as u32);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\' as u32);
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            '\\' => out.push('\\' as u32),
            '\'' => out.push('\'' as u32),
            '"' => out.push('"' as u32),
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(10),
            'r' => out.push(13),
            't' => out.push(9),
            'v' => out.push(11),
            '0'..='7' => {
                let mut v = e.to_digit(8)?;
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(v);
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                for _ in 0..n {
                    v = v
                        .checked_mul(16)?
                        .checked_add(chars.next()?.to_digit(16)?)?;
                }
                if v > 0x10FFFF {
                    return None;
                }
                out.push(v);
            }
            'N' => {
                let mut name = String::from("\"\\N");
                for c in chars.by_ref() {
                    name.push(c);
                    if c == '}' {
                        break;
                    }
                }
                name.push('"');
                let parsed = ruff_python_parser::parse_expression(&name).ok()?;
                match parsed.expr() {
                    Expr::StringLiteral(s) => out.extend(s.value.to_str().chars().map(u32::from)),
                    _ => return None,
                }
            }
            other => {
                out.push('\\' as u32);
                out.push(other as u32);
            }
        }
    }
    Some(out)
}

/// Converts a number literal.
pub fn number_constant(n: &Number) -> Constant {
    match n {
        Number::Int(i) => match i.as_i64() {
            Some(v) => Constant::Int(v),
            None => Constant::int(parse_big_int(&i.to_string()).unwrap_or_default()),
        },
        Number::Float(f) => Constant::Float(*f),
        Number::Complex { real, imag } => Constant::Complex(*real, *imag),
    }
}

/// Parses an int literal's text (`0x..`, `0o..`, `0b..`, decimal, underscores).
pub fn parse_big_int(text: &str) -> Option<BigInt> {
    let clean: String = text
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = clean.strip_prefix("0x") {
        (r, 16)
    } else if let Some(r) = clean.strip_prefix("0o") {
        (r, 8)
    } else if let Some(r) = clean.strip_prefix("0b") {
        (r, 2)
    } else {
        (clean.as_str(), 10)
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

#[derive(Clone, Debug)]
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn as_num(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(BigInt::from(u8::from(*b)))),
        Constant::Int(v) => Some(Num::Int(BigInt::from(*v))),
        Constant::BigInt(v) => Some(Num::Int((**v).clone())),
        Constant::Float(f) => Some(Num::Float(*f)),
        Constant::Complex(r, i) => Some(Num::Complex(*r, *i)),
        _ => None,
    }
}

/// Exact int -> float conversion (None when not exactly representable
/// in the safe range).
fn int_to_f64(v: &BigInt) -> Option<f64> {
    if v.bits() <= 53 {
        v.to_f64()
    } else {
        None
    }
}

fn to_float(n: &Num) -> Option<f64> {
    match n {
        Num::Int(i) => int_to_f64(i),
        Num::Float(f) => Some(*f),
        Num::Complex(..) => None,
    }
}

fn to_complex(n: &Num) -> Option<(f64, f64)> {
    match n {
        Num::Complex(r, i) => Some((*r, *i)),
        other => Some((to_float(other)?, 0.0)),
    }
}

fn fold_unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    match op {
        UnaryOp::Not => Some(Constant::Bool(!v.truthy())),
        UnaryOp::USub => match v {
            Constant::Bool(_) | Constant::Int(_) | Constant::BigInt(_) => {
                Some(Constant::int(-v.as_bigint().or_else(|| {
                    if let Constant::Bool(b) = v {
                        Some(BigInt::from(u8::from(*b)))
                    } else {
                        None
                    }
                })?))
            }
            Constant::Float(f) => Some(Constant::Float(-f)),
            Constant::Complex(r, i) => Some(Constant::Complex(-r, -i)),
            _ => None,
        },
        UnaryOp::UAdd => match v {
            Constant::Bool(b) => Some(Constant::Int(i64::from(*b))),
            Constant::Int(_) | Constant::BigInt(_) | Constant::Float(_) | Constant::Complex(..) => {
                Some(v.clone())
            }
            _ => None,
        },
        UnaryOp::Invert => match v {
            Constant::Int(_) | Constant::BigInt(_) => Some(Constant::int(!v.as_bigint()?)),
            _ => None,
        },
    }
}

fn float_divmod(vx: f64, wx: f64) -> Option<(f64, f64)> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    Some((floordiv, m))
}

fn fold_numeric(op: Operator, l: &Num, r: &Num) -> Option<Constant> {
    use Operator as O;
    if let (Num::Int(a), Num::Int(b)) = (l, r) {
        return fold_int(op, a, b);
    }
    if matches!(l, Num::Complex(..)) || matches!(r, Num::Complex(..)) {
        let (a, b) = to_complex(l)?;
        let (c, d) = to_complex(r)?;
        return match op {
            O::Add => Some(Constant::Complex(a + c, b + d)),
            O::Sub => Some(Constant::Complex(a - c, b - d)),
            O::Mult => Some(Constant::Complex(a * c - b * d, a * d + b * c)),
            _ => None,
        };
    }
    let a = to_float(l)?;
    let b = to_float(r)?;
    let result = match op {
        O::Add => a + b,
        O::Sub => a - b,
        O::Mult => a * b,
        O::Div => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
        O::FloorDiv => float_divmod(a, b)?.0,
        O::Mod => float_divmod(a, b)?.1,
        O::Pow => {
            if a < 0.0 && b.fract() != 0.0 || a == 0.0 && b < 0.0 {
                return None;
            }
            let p = a.powf(b);
            if !p.is_finite() && a.is_finite() && b.is_finite() {
                return None;
            }
            p
        }
        _ => return None,
    };
    Some(Constant::Float(result))
}

fn fold_int(op: Operator, a: &BigInt, b: &BigInt) -> Option<Constant> {
    use Operator as O;
    let r = match op {
        O::Add => a + b,
        O::Sub => a - b,
        O::Mult => {
            if a.bits() + b.bits() > MAX_INT_BITS {
                return None;
            }
            a * b
        }
        O::FloorDiv => {
            if b.is_zero() {
                return None;
            }
            a.div_floor(b)
        }
        O::Mod => {
            if b.is_zero() {
                return None;
            }
            a.mod_floor(b)
        }
        O::Div => {
            if b.is_zero() {
                return None;
            }
            return Some(Constant::Float(int_to_f64(a)? / int_to_f64(b)?));
        }
        O::Pow => {
            if b.is_negative() {
                if a.is_zero() {
                    return None;
                }
                let p = int_to_f64(a)?.powf(int_to_f64(b)?);
                return if p.is_finite() {
                    Some(Constant::Float(p))
                } else {
                    None
                };
            }
            let exp = b.to_u64()?;
            if a.bits().saturating_mul(exp) > MAX_INT_BITS {
                // Still fine for trivial bases.
                if !(a.is_zero() || a.abs() == BigInt::from(1)) {
                    return None;
                }
            }
            num_traits::pow::Pow::pow(a, exp)
        }
        O::LShift => {
            if b.is_negative() {
                return None;
            }
            let s = b.to_u64()?;
            if a.bits().saturating_add(s) > MAX_INT_BITS {
                return None;
            }
            a << s
        }
        O::RShift => {
            if b.is_negative() {
                return None;
            }
            match b.to_u64() {
                Some(s) if s < 1 << 20 => a >> s,
                _ => {
                    if a.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        O::BitAnd => a & b,
        O::BitOr => a | b,
        O::BitXor => a ^ b,
        O::MatMult => return None,
    };
    Some(Constant::int(r))
}

fn repeat_count(c: &Constant) -> Option<usize> {
    match c {
        Constant::Int(v) => Some((*v).max(0) as usize),
        Constant::Bool(b) => Some(usize::from(*b)),
        _ => None,
    }
}

fn fold_binop(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    // bool & | ^ bool is a bool, not an int.
    if let (Constant::Bool(a), Constant::Bool(b)) = (l, r) {
        match op {
            Operator::BitAnd => return Some(Constant::Bool(*a & *b)),
            Operator::BitOr => return Some(Constant::Bool(*a | *b)),
            Operator::BitXor => return Some(Constant::Bool(*a ^ *b)),
            _ => {}
        }
    }
    if let (Some(a), Some(b)) = (as_num(l), as_num(r)) {
        return fold_numeric(op, &a, &b);
    }
    match (op, l, r) {
        (Operator::Add, Constant::Str(a), Constant::Str(b)) => {
            let mut v = a.as_bytes().to_vec();
            v.extend_from_slice(b.as_bytes());
            PyStr::from_bytes(&v).map(Constant::Str)
        }
        (Operator::Add, Constant::Bytes(a), Constant::Bytes(b)) => {
            Some(Constant::Bytes([&a[..], &b[..]].concat().into()))
        }
        (Operator::Add, Constant::Tuple(a), Constant::Tuple(b)) => Some(Constant::Tuple(
            a.iter().chain(b.iter()).cloned().collect::<Vec<_>>().into(),
        )),
        (Operator::Mult, seq, n) | (Operator::Mult, n, seq) if repeat_count(n).is_some() => {
            let count = repeat_count(n)?;
            match seq {
                Constant::Str(s) => {
                    if s.char_len().saturating_mul(count) > MAX_STR_SIZE {
                        return None;
                    }
                    PyStr::from_bytes(&s.as_bytes().repeat(count)).map(Constant::Str)
                }
                Constant::Bytes(b) => {
                    if b.len().saturating_mul(count) > MAX_STR_SIZE {
                        return None;
                    }
                    Some(Constant::Bytes(b.repeat(count).into()))
                }
                Constant::Tuple(t) => {
                    if t.len().saturating_mul(count) > MAX_COLLECTION_SIZE {
                        return None;
                    }
                    let mut v = Vec::with_capacity(t.len() * count);
                    for _ in 0..count {
                        v.extend(t.iter().cloned());
                    }
                    Some(Constant::Tuple(v.into()))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn fold_subscript(v: &Constant, k: &Constant) -> Option<Constant> {
    let idx = match k {
        Constant::Int(i) => *i,
        _ => return None,
    };
    let norm = |len: usize| -> Option<usize> {
        let i = if idx < 0 {
            idx.checked_add(len as i64)?
        } else {
            idx
        };
        if i < 0 || i as usize >= len {
            None
        } else {
            Some(i as usize)
        }
    };
    match v {
        Constant::Tuple(t) => t.get(norm(t.len())?).cloned(),
        Constant::Bytes(b) => Some(Constant::Int(i64::from(*b.get(norm(b.len())?)?))),
        Constant::Str(s) => {
            let cps: Vec<u32> = s.code_points().collect();
            let cp = *cps.get(norm(cps.len())?)?;
            PyStr::from_code_points([cp]).map(Constant::Str)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold_src(src: &str) -> Option<Constant> {
        let parsed = ruff_python_parser::parse_expression(src).unwrap();
        FoldCtx {
            source: src,
            optimize: 0,
        }
        .fold(parsed.expr())
    }

    #[test]
    fn folds_arithmetic() {
        assert_eq!(fold_src("1 + 2 * 3"), Some(Constant::Int(7)));
        assert_eq!(fold_src("-7 // 2"), Some(Constant::Int(-4)));
        assert_eq!(fold_src("-7 % 2"), Some(Constant::Int(1)));
        assert_eq!(fold_src("7 / 2"), Some(Constant::Float(3.5)));
        assert_eq!(fold_src("2 ** 10"), Some(Constant::Int(1024)));
        assert_eq!(fold_src("2 ** -1"), Some(Constant::Float(0.5)));
        assert_eq!(
            fold_src("2 ** 64"),
            Some(Constant::int(BigInt::from(1u128 << 64)))
        );
        assert_eq!(fold_src("2 ** 1000"), None);
        assert_eq!(fold_src("1 / 0"), None);
        assert_eq!(fold_src("1 << 200"), None);
        assert_eq!(fold_src("-7.5 // 2"), Some(Constant::Float(-4.0)));
        assert_eq!(fold_src("-7.5 % 2"), Some(Constant::Float(0.5)));
        assert_eq!(fold_src("~5"), Some(Constant::Int(-6)));
        assert_eq!(fold_src("True + 1"), Some(Constant::Int(2)));
        assert_eq!(fold_src("not 0"), Some(Constant::Bool(true)));
        assert_eq!(fold_src("1j * 1j"), Some(Constant::Complex(-1.0, 0.0)));
        assert_eq!(fold_src("-(-(-1))"), Some(Constant::Int(-1)));
        assert_eq!(
            fold_src("0xFFFF_FFFF_FFFF_FFFF_FF"),
            Some(Constant::int(BigInt::from(0xFF_FFFF_FFFF_FFFF_FFFFu128)))
        );
    }

    #[test]
    fn folds_sequences() {
        assert_eq!(fold_src("'ab' * 3"), Some(Constant::str("ababab")));
        assert_eq!(fold_src("'a' + 'b'"), Some(Constant::str("ab")));
        assert_eq!(fold_src("'x' * 5000"), None);
        assert_eq!(
            fold_src("(1, 2) + (3,)"),
            Some(Constant::Tuple(
                vec![Constant::Int(1), Constant::Int(2), Constant::Int(3)].into()
            ))
        );
        assert_eq!(fold_src("(1, (2, 'a'))[1][0]"), Some(Constant::Int(2)));
        assert_eq!(fold_src("'abc'[-1]"), Some(Constant::str("c")));
        assert_eq!(fold_src("b'ab'[0]"), Some(Constant::Int(97)));
        assert_eq!(fold_src("(1, x)"), None);
        assert_eq!(fold_src("__debug__"), Some(Constant::Bool(true)));
    }

    #[test]
    fn surrogates_survive() {
        let c = fold_src("'a\\ud800b'").unwrap();
        let Constant::Str(s) = c else { panic!() };
        assert_eq!(
            s.code_points().collect::<Vec<_>>(),
            vec![0x61, 0xD800, 0x62]
        );
        let c = fold_src("'\\N{BULLET}\\udfff'").unwrap();
        let Constant::Str(s) = c else { panic!() };
        assert_eq!(s.code_points().collect::<Vec<_>>(), vec![0x2022, 0xDFFF]);
    }
}
