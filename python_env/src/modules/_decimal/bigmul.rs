//! Exact products of long decimal coefficients: Karatsuba on base-10**9 limbs.
//! decNumber multiplies by schoolbook, quadratic in the digits; CPython's libmpdec
//! switches to Karatsuba and number-theoretic transforms for long operands, which
//! `factorial(Decimal(100000), 0)` at `MAX_PREC` (pyperformance's decimal_factorial)
//! depends on.
//!
//! Limbs are `u32` values below [`LIMB`], least significant first.

/// The limb base.
pub const LIMB: u64 = 1_000_000_000;

/// Below this many limbs in the shorter operand the schoolbook product is faster.
const KARATSUBA_MIN: usize = 40;

/// Limbs from decNumber's 3-digit units (each below 1000), least significant first.
pub fn limbs_from_units(units: &[u16]) -> Vec<u32> {
    units
        .chunks(3)
        .map(|c| {
            c.iter()
                .rev()
                .fold(0u32, |acc, &u| acc * 1000 + u32::from(u))
        })
        .collect()
}

/// 3-digit units from limbs, least significant first, three per limb.
pub fn units_from_limbs(limbs: &[u32]) -> Vec<u16> {
    let mut out = Vec::with_capacity(limbs.len() * 3);
    for &l in limbs {
        out.push((l % 1000) as u16);
        out.push((l / 1000 % 1000) as u16);
        out.push((l / 1_000_000) as u16);
    }
    out
}

/// `a * b`, `a.len() + b.len()` limbs.
pub fn mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = vec![0u32; a.len() + b.len()];
    mul_to(a, b, &mut out);
    out
}

/// `out = a * b`; `out` is zero on entry and has `a.len() + b.len()` limbs.
fn mul_to(a: &[u32], b: &[u32], out: &mut [u32]) {
    debug_assert_eq!(out.len(), a.len() + b.len());
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if b.is_empty() {
        return;
    }
    if b.len() < KARATSUBA_MIN {
        schoolbook(a, b, out);
    } else if a.len() >= 2 * b.len() {
        // Unbalanced: `a` in pieces as long as `b`, each product added at its place.
        let n = b.len();
        let mut t = vec![0u32; 2 * n];
        for (i, piece) in a.chunks(n).enumerate() {
            let t = &mut t[..piece.len() + n];
            t.fill(0);
            mul_to(piece, b, t);
            add_in(&mut out[i * n..], t);
        }
    } else {
        karatsuba(a, b, out);
    }
}

/// Rows of products a `u64` column can take between carry passes: 18 products of two
/// limbs plus a normalised limb stay below `u64::MAX` (18 * (L-1)**2 + L < 1.85e19).
const ROWS_PER_PASS: usize = 18;

/// `out = a * b` by rows into `u64` columns, the carries propagated every
/// [`ROWS_PER_PASS`] rows, so that the inner loop is a multiply-add (vectorised)
/// rather than a division per product; `out` zero on entry.
fn schoolbook(a: &[u32], b: &[u32], out: &mut [u32]) {
    let mut acc = vec![0u64; out.len()];
    for (i, &y) in b.iter().enumerate() {
        let y = u64::from(y);
        for (c, &x) in acc[i..i + a.len()].iter_mut().zip(a) {
            *c += u64::from(x) * y;
        }
        if (i + 1) % ROWS_PER_PASS == 0 {
            normalise(&mut acc[..i + a.len() + 1]);
        }
    }
    normalise(&mut acc);
    debug_assert!(acc.last().is_none_or(|&top| top < LIMB));
    for (o, &c) in out.iter_mut().zip(&acc) {
        *o = c as u32;
    }
}

/// Carries of `u64` columns, so that each but the last holds a limb; the last takes the
/// carry out of the others (within a row pass it is the next row's column, with room
/// for the carry; at the end, the product's top limb).
fn normalise(acc: &mut [u64]) {
    let Some((last, rest)) = acc.split_last_mut() else {
        return;
    };
    let mut carry = 0u64;
    for c in rest.iter_mut() {
        let t = *c + carry;
        *c = t % LIMB;
        carry = t / LIMB;
    }
    *last += carry;
}

/// `out = a * b` with `b.len() <= a.len() < 2 * b.len()`: three half-size products,
/// `a0*b0`, `a1*b1` and `(a0+a1)*(b0+b1)`, the middle term being the last less the
/// other two.
fn karatsuba(a: &[u32], b: &[u32], out: &mut [u32]) {
    let m = a.len() / 2;
    let (a0, a1) = a.split_at(m);
    let (b0, b1) = b.split_at(m);
    let (low, high) = out.split_at_mut(2 * m);
    mul_to(a0, b0, low);
    mul_to(a1, b1, high);
    let sa = sum(a0, a1);
    let sb = sum(b0, b1);
    let mut mid = mul(&sa, &sb);
    sub_in(&mut mid, low);
    sub_in(&mut mid, high);
    // What is left is a0*b1 + a1*b0, which fits above limb m; its top limbs are zero.
    let room = out.len() - m;
    debug_assert!(mid[room.min(mid.len())..].iter().all(|&x| x == 0));
    let used = mid.len().min(room);
    add_in(&mut out[m..], &mid[..used]);
}

/// `x + y` with one limb more than the longer.
fn sum(x: &[u32], y: &[u32]) -> Vec<u32> {
    let (x, y) = if x.len() >= y.len() { (x, y) } else { (y, x) };
    let mut out = Vec::with_capacity(x.len() + 1);
    out.extend_from_slice(x);
    out.push(0);
    add_in(&mut out, y);
    out
}

/// `dst += src`, the carry running on through `dst` (which is long enough to hold the
/// sum).
fn add_in(dst: &mut [u32], src: &[u32]) {
    let mut carry = 0u32;
    for (d, &s) in dst.iter_mut().zip(src) {
        let t = *d + s + carry;
        (*d, carry) = if u64::from(t) >= LIMB {
            (t - LIMB as u32, 1)
        } else {
            (t, 0)
        };
    }
    let mut i = src.len();
    while carry != 0 {
        let t = dst[i] + 1;
        (dst[i], carry) = if u64::from(t) >= LIMB { (0, 1) } else { (t, 0) };
        i += 1;
    }
}

/// `dst -= src`, where `dst >= src` as numbers.
fn sub_in(dst: &mut [u32], src: &[u32]) {
    let mut borrow = false;
    for (i, d) in dst.iter_mut().enumerate() {
        let s = src.get(i).copied().unwrap_or(0);
        if i >= src.len() && !borrow {
            break;
        }
        let need = s + u32::from(borrow);
        (*d, borrow) = if *d >= need {
            (*d - need, false)
        } else {
            (*d + LIMB as u32 - need, true)
        };
    }
    debug_assert!(!borrow, "sub_in: dst < src");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Limbs of a decimal string.
    fn limbs(s: &str) -> Vec<u32> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut end = b.len();
        while end > 0 {
            let start = end.saturating_sub(9);
            out.push(
                std::str::from_utf8(&b[start..end])
                    .unwrap()
                    .parse()
                    .unwrap(),
            );
            end = start;
        }
        out
    }

    fn text(l: &[u32]) -> String {
        let mut s = String::new();
        for (i, &x) in l.iter().rev().enumerate() {
            if i == 0 {
                s += &x.to_string();
            } else {
                s += &format!("{x:09}");
            }
        }
        let t = s.trim_start_matches('0');
        if t.is_empty() {
            "0".into()
        } else {
            t.into()
        }
    }

    /// A deterministic pseudo-random limb vector.
    fn noise(n: usize, seed: u64) -> Vec<u32> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % LIMB) as u32
            })
            .collect()
    }

    /// The product one limb at a time, a division per step: the reference.
    fn reference(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut out = vec![0u32; a.len() + b.len()];
        for (i, &y) in b.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &x) in a.iter().enumerate() {
                let t = u64::from(out[i + j]) + u64::from(x) * u64::from(y) + carry;
                out[i + j] = (t % LIMB) as u32;
                carry = t / LIMB;
            }
            out[i + a.len()] = carry as u32;
        }
        out
    }

    #[test]
    fn products_equal_the_reference() {
        let sizes = [
            (1, 1),
            (5, 3),
            (17, 18),
            (19, 18),
            (36, 37),
            (40, 40),
            (41, 40),
            (79, 40),
            (80, 40),
            (200, 97),
            (333, 333),
        ];
        for &(la, lb) in &sizes {
            for seed in 1..4u64 {
                let a = noise(la, seed);
                let b = noise(lb, seed * 7919);
                assert_eq!(mul(&a, &b), reference(&a, &b), "{la}x{lb}");
                assert_eq!(mul(&b, &a), reference(&a, &b), "{lb}x{la}");
            }
        }
        // All nines: every carry, and the middle term's borrows, at their largest.
        for n in [18, 19, 39, 150] {
            let nines = vec![(LIMB - 1) as u32; n];
            assert_eq!(mul(&nines, &nines), reference(&nines, &nines), "{n} nines");
        }
    }

    #[test]
    fn known_products() {
        let p = mul(&limbs("999999999999999999"), &limbs("1000000000000000001"));
        assert_eq!(text(&p), "999999999999999999999999999999999999");
        let ten = format!("1{}", "0".repeat(500));
        let p = mul(&limbs(&ten), &limbs(&ten));
        assert_eq!(text(&p), format!("1{}", "0".repeat(1000)));
    }

    #[test]
    fn units_roundtrip() {
        let units: Vec<u16> = (0..10).map(|i| (i * 97 % 1000) as u16).collect();
        let l = limbs_from_units(&units);
        assert_eq!(l.len(), 4);
        let back = units_from_limbs(&l);
        assert_eq!(&back[..10], &units[..]);
        assert!(back[10..].iter().all(|&u| u == 0));
    }
}
