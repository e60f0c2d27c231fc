//! Arithmetic on small finite decimals in machine integers: addition, subtraction,
//! multiplication, division, integer division, quantize and comparison of operands
//! whose coefficients have at most 19 digits, done on `u64`/`u128` and written back as
//! a decNumber. The exact result
//! (for division: enough quotient digits and whether a remainder is left) is rounded
//! once to the context's precision (quantize: to its exponent), as the specification
//! defines each operation, when the rounded coefficient fits 19 digits and the result
//! lies inside the context's exponent range. Every other case (specials, long
//! coefficients, a zero divisor, results past the exponent limits, clamping) returns
//! `None` and goes to decNumber. An exact in-range result signals nothing; a rounding
//! that drops digits signals Rounded, and Inexact when a dropped digit (or a division's
//! remainder) is nonzero.

use super::{sys, Buf, Ctx, Dec, DecNum, Rounding, INEXACT, INLINE_WORDS, ROUNDED};

/// A finite decimal `(-1)**neg * coeff * 10**exp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Small {
    pub neg: bool,
    pub coeff: u64,
    pub exp: i32,
}

/// Powers of ten that fit a `u128` (those below 20 fit a `u64`: [`pow10`]).
const POW10_128: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// `10**k` for `k < 20`.
#[inline(always)]
fn pow10(k: usize) -> u64 {
    debug_assert!(k < 20);
    POW10_128[k] as u64
}

/// Decimal digits of `c` (1 for zero).
fn digits128(c: u128) -> i32 {
    match u64::try_from(c) {
        Ok(c) => digits(c),
        Err(_) => 20 + POW10_128[20..].iter().take_while(|&&p| c >= p).count() as i32,
    }
}

/// Decimal digits of `c` (1 for zero): the bit length times log10(2) (1233/4096)
/// is the digit count or one more.
fn digits(c: u64) -> i32 {
    let bits = 64 - (c | 1).leading_zeros();
    let t = (bits * 1233) >> 12;
    (t as i32 + 1 - (c < pow10(t as usize)) as i32).max(1)
}

/// Whether a result of `n` coefficient digits and exponent `exp` is what the context
/// keeps unchanged: no more digits than the precision, its exponent not below `emin`
/// (so neither subnormal nor a zero below Etiny), its adjusted exponent not above
/// `emax`, and no fold-down under clamping.
#[inline(always)]
fn fits(ctx: &Ctx, n: i32, exp: i64) -> bool {
    let (d, p, emax) = (n as i64, ctx.digits() as i64, ctx.emax() as i64);
    d <= p
        && exp >= ctx.emin() as i64
        && exp + d - 1 <= emax
        && (!ctx.clamp() || exp <= emax - p + 1)
}

/// `(-1)**neg * coeff * 10**exp`, of `n` digits, when it [`fits`] the context.
#[inline(always)]
fn exact_digits(ctx: &Ctx, neg: bool, coeff: u64, n: i32, exp: i64) -> Option<Small> {
    fits(ctx, n, exp).then_some(Small {
        neg,
        coeff,
        exp: exp as i32,
    })
}

/// The exact result `(-1)**neg * coeff * 10**exp` when it [`fits`] the context.
fn exact(ctx: &Ctx, neg: bool, coeff: u64, exp: i64) -> Option<Small> {
    exact_digits(ctx, neg, coeff, digits(coeff), exp)
}

/// `(-1)**neg * c * 10**exp`, where `sticky` stands for a nonzero part below the last
/// digit of `c` (then `c` has more digits than the precision), rounded once to the
/// context's precision and rounding; `None` unless the result is one [`exact`] takes.
#[inline(always)]
fn rounded(ctx: &mut Ctx, neg: bool, c: u128, exp: i64, sticky: bool) -> Option<Small> {
    let p = ctx.digits();
    if let Ok(c) = u64::try_from(c) {
        let n = digits(c);
        if n <= p {
            return if sticky {
                None
            } else {
                exact_digits(ctx, neg, c, n, exp)
            };
        }
    }
    round_to(ctx, neg, c, exp, sticky)
}

/// [`rounded`]'s rounding, for a `c` of more digits than the precision.
fn round_to(ctx: &mut Ctx, neg: bool, c: u128, exp: i64, sticky: bool) -> Option<Small> {
    let p = ctx.digits();
    let n = digits128(c);
    if n <= p {
        return None;
    }
    // 0 < p < n <= 39.
    let k = (n - p) as usize;
    let (mut q, inexact) = drop_digits(ctx.rounding(), neg, c, k, sticky);
    let mut e = exp + k as i64;
    if q == POW10_128[p as usize] {
        q /= 10;
        e += 1;
    }
    let q = u64::try_from(q).ok()?;
    if !fits(ctx, p, e) {
        return None;
    }
    ctx.add_status(if inexact { ROUNDED | INEXACT } else { ROUNDED });
    Some(Small {
        neg,
        coeff: q,
        exp: e as i32,
    })
}

impl Small {
    /// The integer `i`, exactly (exponent 0).
    pub(crate) fn of_int(i: i64) -> Small {
        Small {
            neg: i < 0,
            coeff: i.unsigned_abs(),
            exp: 0,
        }
    }

    /// The value as a decNumber in an inline buffer.
    pub(crate) fn to_dec(self) -> Dec {
        Dec::from_small(self)
    }

    /// Does [`Small::write_sci`] write an exponent (whose letter the context's
    /// `capitals` picks)? Plain notation needs none.
    #[inline]
    pub(crate) fn sci_has_exponent(self) -> bool {
        let adj = self.exp as i64 + digits(self.coeff) as i64 - 1;
        self.exp > 0 || (self.exp < 0 && adj < -6)
    }

    /// Writes the specification's to-scientific-string of the value into `out`
    /// (decNumber's `decToString`): plain notation when the exponent is at most 0
    /// and the adjusted exponent at least -6, else one digit, the rest after a
    /// point, and the adjusted exponent after `E` (`e` unless `capitals`).
    /// Returns the length written (at most [`SCI_MAX`] bytes). The digits are
    /// written in place, last first: no intermediate buffer, no copy calls.
    pub(crate) fn write_sci(self, capitals: bool, out: &mut [u8; SCI_MAX]) -> usize {
        let n = digits(self.coeff) as usize;
        let c = self.coeff;
        let mut at = 0;
        if self.neg {
            out[0] = b'-';
            at = 1;
        }
        let exp = self.exp as i64;
        let adj = exp + n as i64 - 1;
        if exp == 0 {
            put_digits(out, at + n, c, n);
            return at + n;
        }
        if exp < 0 && adj >= -6 {
            let point = n as i64 + exp;
            if point > 0 {
                // `hhh.lll`: the last -exp digits after the point.
                let (p, low) = (point as usize, (-exp) as usize);
                put_digits(out, at + n + 1, c % pow10(low), low);
                out[at + p] = b'.';
                put_digits(out, at + p, c / pow10(low), p);
                return at + n + 1;
            }
            // `0.000ddd`: up to 6 zeros after the point.
            let zeros = (-point) as usize;
            out[at] = b'0';
            out[at + 1] = b'.';
            out[at + 2..at + 2 + zeros].fill(b'0');
            let end = at + 2 + zeros + n;
            put_digits(out, end, c, n);
            return end;
        }
        // `d.dddE+x`.
        out[at] = b'0' + (c / pow10(n - 1)) as u8;
        at += 1;
        if n > 1 {
            out[at] = b'.';
            put_digits(out, at + n, c % pow10(n - 1), n - 1);
            at += n;
        }
        out[at] = if capitals { b'E' } else { b'e' };
        out[at + 1] = if adj < 0 { b'-' } else { b'+' };
        let a = adj.unsigned_abs();
        let k = digits(a) as usize;
        put_digits(out, at + 2 + k, a, k);
        at + 2 + k
    }
}

/// Writes the `k` last decimal digits of `c` into `out[end - k..end]`.
#[inline(always)]
fn put_digits(out: &mut [u8], end: usize, mut c: u64, k: usize) {
    for d in out[end - k..end].iter_mut().rev() {
        *d = b'0' + (c % 10) as u8;
        c /= 10;
    }
}

/// The longest [`Small::write_sci`] result: a sign, 19 digits, a point and an
/// exponent of 11 characters (`E-2147483666`), or a sign, `0.`, 6 zeros and 19 digits.
pub(crate) const SCI_MAX: usize = 40;

impl DecNum {
    /// The value as a [`Small`] when finite with at most 19 digits.
    pub(crate) fn small(&self) -> Option<Small> {
        let (n, exp, bits) = self.head();
        if bits & sys::DECSPECIAL != 0 || n > 19 {
            return None;
        }
        let mut c = 0u64;
        for &u in self.units().iter().rev() {
            c = c * 1000 + u as u64;
        }
        Some(Small {
            neg: bits & sys::DECNEG != 0,
            coeff: c,
            exp,
        })
    }
}

impl Dec {
    /// The decNumber of `s`, in an inline buffer.
    pub(crate) fn from_small(s: Small) -> Dec {
        Dec::from_small_digits(s, digits(s.coeff))
    }

    /// [`Dec::from_small`] of a coefficient of `n` digits.
    #[inline(always)]
    fn from_small_digits(s: Small, n: i32) -> Dec {
        // 20 digits are 7 units: the inline buffer holds 13.
        let mut d = Dec {
            buf: Buf::Inline([0; INLINE_WORDS]),
            cap: n,
        };
        // SAFETY: the inline buffer holds the header and 13 units; the header is set
        // to describe exactly the `units(n)` units written.
        unsafe {
            let p = d.ptr();
            (*p).digits = n;
            (*p).exponent = s.exp;
            (*p).bits = if s.neg { sys::DECNEG } else { 0 };
            let lsu = std::ptr::addr_of_mut!((*p).lsu) as *mut u16;
            let mut c = s.coeff;
            for i in 0..super::units(n) {
                *lsu.add(i) = (c % 1000) as u16;
                c /= 1000;
            }
        }
        d
    }
}

/// `a + b` (`b` negated first when `sub`), rounded, or `None`.
pub(crate) fn add(a: &DecNum, b: &DecNum, sub: bool, ctx: &mut Ctx) -> Option<Dec> {
    add_s(a.small()?, b.small()?, sub, ctx).map(Dec::from_small)
}

/// [`add`] on [`Small`] operands. Inlined into its callers, as [`multiply_s`] and
/// [`quantize_s`] are: returned from a call, the `Option<Small>` went through memory
/// written in three stores and read back as one 16-byte load, which the store
/// buffer cannot forward (a quarter of `Decimal.__add__`'s cycles on that load).
#[inline(always)]
pub(crate) fn add_s(x: Small, mut y: Small, sub: bool, ctx: &mut Ctx) -> Option<Small> {
    y.neg ^= sub;
    let (hi, lo) = if x.exp >= y.exp { (x, y) } else { (y, x) };
    let shift = hi.exp as i64 - lo.exp as i64;
    if shift >= 20 {
        return None;
    }
    // Same signs, and the aligned sum fits a u64 (the usual case): no u128.
    if hi.neg == lo.neg {
        if let Some(c) = hi
            .coeff
            .checked_mul(pow10(shift as usize))
            .and_then(|h| h.checked_add(lo.coeff))
        {
            return rounded(ctx, hi.neg, c as u128, lo.exp as i64, false);
        }
    }
    // At most 10**38 - 1 + 10**19 - 1: no overflow.
    let hc = hi.coeff as u128 * POW10_128[shift as usize];
    let lc = lo.coeff as u128;
    let (neg, c) = if hi.neg == lo.neg {
        (hi.neg, hc + lc)
    } else if hc > lc {
        (hi.neg, hc - lc)
    } else if lc > hc {
        (lo.neg, lc - hc)
    } else {
        // An exact zero from operands of opposite signs is negative only when
        // rounding toward minus infinity.
        (ctx.rounding() == Rounding::Floor, 0)
    };
    rounded(ctx, neg, c, lo.exp as i64, false)
}

/// `a * b`, rounded, or `None`.
pub(crate) fn multiply(a: &DecNum, b: &DecNum, ctx: &mut Ctx) -> Option<Dec> {
    multiply_s(a.small()?, b.small()?, ctx).map(Dec::from_small)
}

/// [`multiply`] on [`Small`] operands.
#[inline(always)]
pub(crate) fn multiply_s(x: Small, y: Small, ctx: &mut Ctx) -> Option<Small> {
    let c = x.coeff as u128 * y.coeff as u128;
    rounded(ctx, x.neg != y.neg, c, x.exp as i64 + y.exp as i64, false)
}

/// `a / b`, rounded, or `None` (a zero divisor, or a quotient whose digits do not fit
/// 128 bits). The quotient of the coefficients is taken to one digit past the
/// precision, the remainder standing for the digits after it; an exact quotient has
/// its trailing zeros removed down to the ideal exponent (the operands' exponents'
/// difference) before it is rounded, as the specification's division.
pub(crate) fn divide(a: &DecNum, b: &DecNum, ctx: &mut Ctx) -> Option<Dec> {
    divide_s(a.small()?, b.small()?, ctx).map(Dec::from_small)
}

/// [`divide`] on [`Small`] operands.
pub(crate) fn divide_s(x: Small, y: Small, ctx: &mut Ctx) -> Option<Small> {
    if y.coeff == 0 {
        return None;
    }
    let neg = x.neg != y.neg;
    let ideal = x.exp as i64 - y.exp as i64;
    if x.coeff == 0 {
        return exact(ctx, neg, 0, ideal);
    }
    let (dx, dy) = (digits(x.coeff) as i64, digits(y.coeff) as i64);
    // `x.coeff * 10**s` has `dx + s` digits, so the quotient at least
    // `dx + s - dy = precision + 1`.
    let s = (ctx.digits() as i64 + 1 + dy - dx).max(0);
    if dx + s > 38 {
        return None;
    }
    let num = x.coeff as u128 * POW10_128[s as usize];
    let (mut q, r) = (num / y.coeff as u128, num % y.coeff as u128);
    let mut exp = ideal - s;
    if r == 0 {
        while exp < ideal && q % 10 == 0 {
            q /= 10;
            exp += 1;
        }
    }
    rounded(ctx, neg, q, exp, r != 0)
}

/// `a // b`: the integer part of the quotient, exponent 0, its sign the operands'
/// (even when zero); `None` for a zero divisor, a quotient of more digits than the
/// precision (DivisionImpossible) or past 19 digits, or a context the result does not
/// [`fits`]. Exact by definition: no status.
pub(crate) fn divide_integer(a: &DecNum, b: &DecNum, ctx: &mut Ctx) -> Option<Dec> {
    divide_integer_s(a.small()?, b.small()?, ctx).map(Dec::from_small)
}

/// [`divide_integer`] on [`Small`] operands.
pub(crate) fn divide_integer_s(x: Small, y: Small, ctx: &mut Ctx) -> Option<Small> {
    if y.coeff == 0 {
        return None;
    }
    let d = x.exp as i64 - y.exp as i64;
    let q = if d >= 0 {
        if digits(x.coeff) as i64 + d > 38 {
            return None;
        }
        x.coeff as u128 * POW10_128[d as usize] / y.coeff as u128
    } else if digits(y.coeff) as i64 - d > 38 {
        // The divisor is then at least 10**38, above any coefficient.
        0
    } else {
        x.coeff as u128 / (y.coeff as u128 * POW10_128[(-d) as usize])
    };
    let q = u64::try_from(q).ok()?;
    exact_digits(ctx, x.neg != y.neg, q, digits(q), 0)
}

/// The numeric order of `a` and `b`, or `None` when either is not a [`Small`].
pub(crate) fn cmp(a: &DecNum, b: &DecNum) -> Option<std::cmp::Ordering> {
    Some(cmp_s(a.small()?, b.small()?))
}

/// The numeric order of two [`Small`]s.
pub(crate) fn cmp_s(x: Small, y: Small) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let sign = |s: &Small| match (s.coeff, s.neg) {
        (0, _) => 0i8,
        (_, true) => -1,
        (_, false) => 1,
    };
    let (sx, sy) = (sign(&x), sign(&y));
    if sx != sy || sx == 0 {
        return sx.cmp(&sy);
    }
    // Same sign, both nonzero: the magnitudes, by adjusted exponent first (a longer
    // magnitude is larger), then aligned (the exponents then differ by under 19).
    let adj = |s: &Small| s.exp as i64 + digits(s.coeff) as i64;
    let mag = match adj(&x).cmp(&adj(&y)) {
        Ordering::Equal => {
            let e = x.exp.min(y.exp);
            let aligned = |s: &Small| s.coeff as u128 * POW10_128[(s.exp - e) as usize];
            aligned(&x).cmp(&aligned(&y))
        }
        o => o,
    };
    if sx < 0 {
        mag.reverse()
    } else {
        mag
    }
}

/// `c` without its last `k` digits (`0 < k <= 38`), rounded under `mode` (a carry may
/// add a digit), with `sticky` standing for a nonzero part below `c`'s last digit; and
/// whether a dropped digit or the sticky part is nonzero (Inexact).
#[inline(always)]
fn drop_digits(mode: Rounding, neg: bool, c: u128, k: usize, sticky: bool) -> (u128, bool) {
    let pk = POW10_128[k];
    let (q, r) = match (u64::try_from(c), u64::try_from(pk)) {
        (Ok(c), Ok(pk)) => ((c / pk) as u128, (c % pk) as u128),
        _ => (c / pk, c % pk),
    };
    let up = round_up(mode, neg, q, r, pk, sticky);
    (q + up as u128, r != 0 || sticky)
}

/// Whether a coefficient `q` whose dropped part is `r` out of `p` (a power of ten
/// above 1, `r < p`), with `sticky` for a nonzero part below `r`'s last digit, rounds
/// away from zero under `mode`.
fn round_up(mode: Rounding, neg: bool, q: u128, r: u128, p: u128, sticky: bool) -> bool {
    if r == 0 && !sticky {
        return false;
    }
    let half = p / 2;
    let above = r > half || (r == half && sticky);
    let at = r == half && !sticky;
    match mode {
        Rounding::Down => false,
        Rounding::Up => true,
        Rounding::Ceiling => !neg,
        Rounding::Floor => neg,
        Rounding::HalfUp => above || at,
        Rounding::HalfDown => above,
        Rounding::HalfEven => above || (at && q % 2 == 1),
        Rounding::ZeroFiveUp => q % 5 == 0,
    }
}

/// `a.quantize(b)` in the context's rounding, when the result's coefficient fits the
/// precision and its exponent the range, or `None`. Signals Rounded when digits are
/// dropped from a nonzero coefficient, and Inexact when one of them is not zero.
pub(crate) fn quantize(a: &DecNum, b: &DecNum, ctx: &mut Ctx) -> Option<Dec> {
    let x = a.small()?;
    if !b.is_finite() {
        return None;
    }
    quantize_s(x, b.exponent(), ctx).map(Dec::from_small)
}

/// [`quantize`] of a [`Small`] to the exponent `e` (a finite operand's).
#[inline(always)]
pub(crate) fn quantize_s(x: Small, e: i32, ctx: &mut Ctx) -> Option<Small> {
    let e = e as i64;
    let ex = x.exp as i64;
    let (c, status) = if ex >= e {
        let k = ex - e;
        if k >= 20 {
            return None;
        }
        (
            u64::try_from(x.coeff as u128 * POW10_128[k as usize]).ok()?,
            0,
        )
    } else if x.coeff == 0 {
        (0, 0)
    } else {
        let k = e - ex;
        if k >= 20 {
            return None;
        }
        let (q, inexact) = drop_digits(ctx.rounding(), x.neg, x.coeff as u128, k as usize, false);
        let status = if inexact { ROUNDED | INEXACT } else { ROUNDED };
        (u64::try_from(q).ok()?, status)
    };
    let r = exact(ctx, x.neg, c, e)?;
    ctx.add_status(status);
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Dec {
        Dec::parse(s, &mut Ctx::exact(64))
    }

    #[test]
    fn digit_count() {
        assert_eq!(digits(0), 1);
        for k in 0..20 {
            let p = pow10(k);
            assert_eq!(digits(p), k as i32 + 1);
            if p > 1 {
                assert_eq!(digits(p - 1), k as i32);
            }
        }
        assert_eq!(digits(u64::MAX), 20);
    }

    #[test]
    fn round_trip() {
        for s in [
            "0",
            "-0",
            "1",
            "999",
            "1000",
            "-123456789.0123",
            "9999999999999999999E-7",
        ] {
            let d = dec(s);
            let sm = d.small().expect("small");
            assert_eq!(Dec::from_small(sm).to_sci_string(), d.to_sci_string());
        }
        assert!(dec("12345678901234567890").small().is_none());
        assert!(dec("1E+19").small().is_some());
        assert!(dec("Inf").small().is_none());
    }

    const ROUNDINGS: [Rounding; 8] = [
        Rounding::HalfEven,
        Rounding::HalfUp,
        Rounding::HalfDown,
        Rounding::Up,
        Rounding::Down,
        Rounding::Ceiling,
        Rounding::Floor,
        Rounding::ZeroFiveUp,
    ];

    /// Runs every operation with a fast path on `x` and `y` in `ctx`, both ways,
    /// asserting equal results and status wherever the fast path answers; returns how
    /// many it answered. The slow side is decNumber (for addition through `add_op`,
    /// which corrects its shortcut as the operators do).
    fn compare(x: &Dec, y: &Dec, ctx: Ctx) -> usize {
        let mut taken = 0;
        if let Some(o) = cmp(x, y) {
            taken += 1;
            let mut c = Ctx::exact(1);
            let r = super::super::binary(sys::decNumberCompare, x, y, &mut c);
            let slow = if r.is_zero() {
                std::cmp::Ordering::Equal
            } else if r.is_negative() {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            };
            assert_eq!(o, slow, "{} cmp {}", x.to_sci_string(), y.to_sci_string());
        }
        let mut check = |what: &str, fast: Option<Dec>, fcx: Ctx, slow: Dec, scx: Ctx| {
            if let Some(f) = fast {
                taken += 1;
                assert_eq!(
                    (f.to_sci_string(), fcx.status()),
                    (slow.to_sci_string(), scx.status()),
                    "{} {what} {} in {:?} p={} emax={} emin={} clamp={}",
                    x.to_sci_string(),
                    y.to_sci_string(),
                    ctx.rounding(),
                    ctx.digits(),
                    ctx.emax(),
                    ctx.emin(),
                    ctx.clamp(),
                );
            }
        };
        for sub in [false, true] {
            let (mut fcx, mut scx) = (ctx, ctx);
            let f = if sub {
                sys::decNumberSubtract
            } else {
                sys::decNumberAdd
            };
            let slow = super::super::add_op(f, x, y, &mut scx);
            let fast = add(x, y, sub, &mut fcx);
            check(if sub { "-" } else { "+" }, fast, fcx, slow, scx);
        }
        let ops: [(
            &str,
            super::super::Binary,
            fn(&DecNum, &DecNum, &mut Ctx) -> Option<Dec>,
        ); 4] = [
            ("*", sys::decNumberMultiply, multiply),
            ("/", sys::decNumberDivide, divide),
            ("//", sys::decNumberDivideInteger, divide_integer),
            ("quantize", sys::decNumberQuantize, quantize),
        ];
        for (what, slow_f, fast_f) in ops {
            let (mut fcx, mut scx) = (ctx, ctx);
            let slow = super::super::binary(slow_f, x, y, &mut scx);
            let fast = fast_f(x, y, &mut fcx);
            check(what, fast, fcx, slow, scx);
        }
        taken
    }

    #[test]
    fn agrees_with_decnumber() {
        let vals = [
            "0",
            "-0",
            "0.00",
            "1",
            "-1",
            "1.5",
            "-2.25",
            "0.0013",
            "999.999",
            "1E+5",
            "-7E-3",
            "123456789012345678",
            "9999999999999999999",
            "0.5",
            "2.5",
            "-0.05",
            "3",
            "7",
            "24",
            "0.3333",
        ];
        let mut taken = 0;
        for &r in &ROUNDINGS {
            for p in [3, 9, 19, 28] {
                for a in vals {
                    for b in vals {
                        let ctx = Ctx::new(p, 999_999, -999_999, r, false);
                        taken += compare(&dec(a), &dec(b), ctx);
                    }
                }
            }
        }
        // Most of the 64,000 operations are small enough for the fast path.
        assert!(taken > 40_000, "{taken}");
    }

    /// xorshift64*, seeded: the random operands of the tests below.
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
    }

    #[test]
    fn sci_string_agrees_with_decnumber() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let check = |s: Small| {
            let mut buf = [0u8; SCI_MAX];
            let n = s.write_sci(true, &mut buf);
            let want = s.to_dec().to_sci_string();
            assert_eq!(std::str::from_utf8(&buf[..n]).unwrap(), want, "{s:?}");
            let n = s.write_sci(false, &mut buf);
            assert_eq!(
                std::str::from_utf8(&buf[..n]).unwrap(),
                want.replace('E', "e")
            );
        };
        for coeff in [0, 1, 9, 10, 12345, 9_999_999_999_999_999_999] {
            for exp in [-30, -26, -25, -20, -8, -7, -6, -5, -2, -1, 0, 1, 2, 7, 30] {
                for neg in [false, true] {
                    check(Small { neg, coeff, exp });
                }
            }
        }
        for exp in [-1_999_999_997, -999_999_999, 999_999_999] {
            check(Small {
                neg: true,
                coeff: 9_999_999_999_999_999_999,
                exp,
            });
        }
        for _ in 0..20_000 {
            let nd = 1 + next() % 19;
            let coeff = next() % pow10(nd as usize);
            let exp = (next() % 61) as i32 - 40;
            check(Small {
                neg: next() % 2 == 0,
                coeff,
                exp,
            });
        }
    }

    #[test]
    fn agrees_with_decnumber_on_random_operands() {
        // Operands of 1 to 19 digits, exponents near the tight limits below, in every
        // rounding at short and long precisions.
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        let mut taken = 0;
        for i in 0..40_000 {
            let operand = |next: &mut dyn FnMut() -> u64| {
                let nd = 1 + next() % 19;
                let c = next() % pow10(nd as usize);
                let e = (next() % 41) as i64 - 20;
                let sign = if next() % 2 == 0 { "" } else { "-" };
                dec(&format!("{sign}{c}E{e}"))
            };
            let x = operand(&mut next);
            let y = operand(&mut next);
            let r = ROUNDINGS[i % 8];
            let p = [1, 2, 5, 9, 16, 19, 20, 28][(i / 8) % 8];
            let (emax, emin, clamp) = if i % 3 == 0 {
                (30, -30, i % 2 == 0)
            } else {
                (999_999, -999_999, false)
            };
            taken += compare(&x, &y, Ctx::new(p, emax, emin, r, clamp));
        }
        assert!(taken > 100_000, "{taken}");
    }
}
