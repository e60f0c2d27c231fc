//! Exact arithmetic on small finite decimals in machine integers: addition,
//! subtraction, multiplication and quantize of operands whose coefficients have at
//! most 19 digits, done on `u64`/`u128` and written back as a decNumber, for the
//! cases where the result needs no rounding by the context (quantize rounds to its
//! exponent itself) and lies inside the context's exponent range. Every other case
//! (specials, long coefficients, results past the precision or the exponent limits,
//! clamping) returns `None` and goes to decNumber, so the results and the status
//! are decNumber's (and the specification's) by construction: an exact in-range
//! result signals nothing, a quantize that drops digits signals Rounded, and
//! Inexact when a dropped digit is nonzero.

use super::{sys, Buf, Ctx, Dec, DecNum, Rounding, INEXACT, INLINE_WORDS, ROUNDED};

/// A finite decimal `(-1)**neg * coeff * 10**exp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Small {
    pub neg: bool,
    pub coeff: u64,
    pub exp: i32,
}

/// Powers of ten that fit a `u64`.
const POW10: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Decimal digits of `c` (1 for zero): the bit length times log10(2) (1233/4096)
/// is the digit count or one more.
fn digits(c: u64) -> i32 {
    let bits = 64 - (c | 1).leading_zeros();
    let t = (bits * 1233) >> 12;
    (t as i32 + 1 - (c < POW10[t as usize]) as i32).max(1)
}

/// The exact result `(-1)**neg * coeff * 10**exp` when it is what the context keeps
/// unchanged: no more digits than the precision, its exponent not below `emin` (so
/// neither subnormal nor a zero below Etiny), its adjusted exponent not above `emax`,
/// and no fold-down under clamping.
fn exact(ctx: &Ctx, neg: bool, coeff: u64, exp: i64) -> Option<Dec> {
    let n = digits(coeff);
    let (d, p, emax) = (n as i64, ctx.digits() as i64, ctx.emax() as i64);
    let fits = d <= p
        && exp >= ctx.emin() as i64
        && exp + d - 1 <= emax
        && (!ctx.clamp() || exp <= emax - p + 1);
    fits.then(|| {
        Dec::from_small_digits(
            Small {
                neg,
                coeff,
                exp: exp as i32,
            },
            n,
        )
    })
}

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

/// `a + b` (`b` negated first when `sub`), exact and in range, or `None`.
pub(crate) fn add(a: &DecNum, b: &DecNum, sub: bool, ctx: &Ctx) -> Option<Dec> {
    let x = a.small()?;
    let mut y = b.small()?;
    y.neg ^= sub;
    let (hi, lo) = if x.exp >= y.exp { (x, y) } else { (y, x) };
    let shift = hi.exp as i64 - lo.exp as i64;
    if shift >= 20 {
        return None;
    }
    let hc = hi.coeff as u128 * POW10[shift as usize] as u128;
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
    exact(ctx, neg, u64::try_from(c).ok()?, lo.exp as i64)
}

/// `a * b`, exact and in range, or `None`.
pub(crate) fn multiply(a: &DecNum, b: &DecNum, ctx: &Ctx) -> Option<Dec> {
    let x = a.small()?;
    let y = b.small()?;
    let c = u64::try_from(x.coeff as u128 * y.coeff as u128).ok()?;
    exact(ctx, x.neg != y.neg, c, x.exp as i64 + y.exp as i64)
}

/// Whether a coefficient `q` whose dropped part is `r` out of `p` (a power of ten,
/// `r < p`) rounds away from zero under `mode`.
fn round_up(mode: Rounding, neg: bool, q: u64, r: u64, p: u64) -> bool {
    if r == 0 {
        return false;
    }
    let half = p / 2;
    match mode {
        Rounding::Down => false,
        Rounding::Up => true,
        Rounding::Ceiling => !neg,
        Rounding::Floor => neg,
        Rounding::HalfUp => r >= half,
        Rounding::HalfDown => r > half,
        Rounding::HalfEven => r > half || (r == half && q % 2 == 1),
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
    let e = b.exponent() as i64;
    let ex = x.exp as i64;
    let (c, status) = if ex >= e {
        let k = ex - e;
        if k >= 20 {
            return None;
        }
        (
            u64::try_from(x.coeff as u128 * POW10[k as usize] as u128).ok()?,
            0,
        )
    } else if x.coeff == 0 {
        (0, 0)
    } else {
        let k = e - ex;
        if k >= 20 {
            return None;
        }
        let p = POW10[k as usize];
        let (q, r) = (x.coeff / p, x.coeff % p);
        let up = round_up(ctx.rounding(), x.neg, q, r, p);
        let status = if r != 0 { ROUNDED | INEXACT } else { ROUNDED };
        (q + up as u64, status)
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
            let p = POW10[k];
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
        ];
        let rounds = [
            Rounding::HalfEven,
            Rounding::HalfUp,
            Rounding::HalfDown,
            Rounding::Up,
            Rounding::Down,
            Rounding::Ceiling,
            Rounding::Floor,
            Rounding::ZeroFiveUp,
        ];
        let mut taken = 0;
        for &r in &rounds {
            for p in [3, 28] {
                for a in vals {
                    for b in vals {
                        let (x, y) = (dec(a), dec(b));
                        let ctx = Ctx::new(p, 999_999, -999_999, r, false);
                        let mut check = |fast: Option<Dec>, fcx: Ctx, slow: Dec, scx: Ctx| {
                            if let Some(f) = fast {
                                taken += 1;
                                assert_eq!(
                                    (f.to_sci_string(), fcx.status()),
                                    (slow.to_sci_string(), scx.status()),
                                    "{a} {b} {r:?} {p}"
                                );
                            }
                        };
                        for sub in [false, true] {
                            let mut scx = ctx;
                            let f = |d: &DecNum, e: &DecNum, c: &mut Ctx| {
                                if sub {
                                    super::super::binary(sys::decNumberSubtract, d, e, c)
                                } else {
                                    super::super::binary(sys::decNumberAdd, d, e, c)
                                }
                            };
                            let slow = f(&x, &y, &mut scx);
                            check(add(&x, &y, sub, &ctx), ctx, slow, scx);
                        }
                        let mut scx = ctx;
                        let slow = super::super::binary(sys::decNumberMultiply, &x, &y, &mut scx);
                        check(multiply(&x, &y, &ctx), ctx, slow, scx);
                        let (mut fcx, mut scx) = (ctx, ctx);
                        let slow = super::super::binary(sys::decNumberQuantize, &x, &y, &mut scx);
                        let fast = quantize(&x, &y, &mut fcx);
                        check(fast, fcx, slow, scx);
                    }
                }
            }
        }
        // Most of the 16,384 operations are small enough for the fast path.
        assert!(taken > 9000, "{taken}");
    }
}
