//! The `cmath` module: complex elementary functions with CPython 3.11's
//! algorithms, its C99 Annex G special values (infinities, NaNs and signed
//! zeros) and its errors (ValueError "math domain error", OverflowError
//! "math range error").
//!
//! Each `c_*` function returns the result and an error flag standing for C's
//! `errno` (`Err::Dom` for EDOM, `Err::Range` for ERANGE). Inputs with an
//! infinite or NaN part take their result from a 7x7 table indexed by the
//! classes of the real and imaginary parts (`Class`); the entries for two
//! finite parts are never read (finite inputs are computed).

use crate::args::check;
use crate::types::clinic;
use engine::runtime::*;
use proto_core::Value;
use std::f64::consts::{E, LN_10, LN_2, PI};

/// CPython's errno after a complex function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Err {
    Ok,
    Dom,
    Range,
}

type C = (f64, f64);

const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
const P: f64 = PI;
const P2: f64 = PI / 2.0;
const P4: f64 = PI / 4.0;
const P34: f64 = 0.75 * PI;
/// Unused table entry (both parts finite).
const U: C = (N, N);

/// Largest double that is safe to double and square-ish (CPython's
/// CM_LARGE_DOUBLE, DBL_MAX/4), and the derived thresholds.
const LARGE_DOUBLE: f64 = f64::MAX / 4.0;
fn sqrt_large_double() -> f64 {
    LARGE_DOUBLE.sqrt()
}
fn log_large_double() -> f64 {
    LARGE_DOUBLE.ln()
}
fn sqrt_dbl_min() -> f64 {
    f64::MIN_POSITIVE.sqrt()
}
/// Scaling exponents for subnormal inputs to sqrt (2*(53/2)+1 and its half).
const SCALE_UP: i32 = 53;
const SCALE_DOWN: i32 = -27;
const MANT_DIG: i32 = 53;

/// The class of a double: index into the special-value tables.
fn class(d: f64) -> usize {
    if d.is_finite() {
        match (d != 0.0, d.is_sign_positive()) {
            (true, true) => 4,   // positive
            (true, false) => 1,  // negative
            (false, true) => 3,  // +0
            (false, false) => 2, // -0
        }
    } else if d.is_nan() {
        6
    } else if d > 0.0 {
        5
    } else {
        0
    }
}

fn special(z: C, t: &[[C; 7]; 7]) -> C {
    t[class(z.0)][class(z.1)]
}

fn nonfinite(z: C) -> bool {
    !z.0.is_finite() || !z.1.is_finite()
}

fn ldexp(x: f64, e: i32) -> f64 {
    libm::scalbn(x, e)
}

// Rows: real part -inf, neg, -0, +0, pos, +inf, nan; columns the same for
// the imaginary part.
static ACOS: [[C; 7]; 7] = [
    [
        (P34, INF),
        (P, INF),
        (P, INF),
        (P, -INF),
        (P, -INF),
        (P34, -INF),
        (N, INF),
    ],
    [(P2, INF), U, U, U, U, (P2, -INF), (N, N)],
    [(P2, INF), U, U, U, U, (P2, -INF), (P2, N)],
    [(P2, INF), U, U, U, U, (P2, -INF), (P2, N)],
    [(P2, INF), U, U, U, U, (P2, -INF), (N, N)],
    [
        (P4, INF),
        (0.0, INF),
        (0.0, INF),
        (0.0, -INF),
        (0.0, -INF),
        (P4, -INF),
        (N, INF),
    ],
    [(N, INF), (N, N), (N, N), (N, N), (N, N), (N, -INF), (N, N)],
];

static ACOSH: [[C; 7]; 7] = [
    [
        (INF, -P34),
        (INF, -P),
        (INF, -P),
        (INF, P),
        (INF, P),
        (INF, P34),
        (INF, N),
    ],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [
        (INF, -P4),
        (INF, -0.0),
        (INF, -0.0),
        (INF, 0.0),
        (INF, 0.0),
        (INF, P4),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

static ASINH: [[C; 7]; 7] = [
    [
        (-INF, -P4),
        (-INF, -0.0),
        (-INF, -0.0),
        (-INF, 0.0),
        (-INF, 0.0),
        (-INF, P4),
        (-INF, N),
    ],
    [(-INF, -P2), U, U, U, U, (-INF, P2), (N, N)],
    [(-INF, -P2), U, U, U, U, (-INF, P2), (N, N)],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [
        (INF, -P4),
        (INF, -0.0),
        (INF, -0.0),
        (INF, 0.0),
        (INF, 0.0),
        (INF, P4),
        (INF, N),
    ],
    [
        (INF, N),
        (N, N),
        (N, -0.0),
        (N, 0.0),
        (N, N),
        (INF, N),
        (N, N),
    ],
];

static ATANH: [[C; 7]; 7] = [
    [
        (-0.0, -P2),
        (-0.0, -P2),
        (-0.0, -P2),
        (-0.0, P2),
        (-0.0, P2),
        (-0.0, P2),
        (-0.0, N),
    ],
    [(-0.0, -P2), U, U, U, U, (-0.0, P2), (N, N)],
    [(-0.0, -P2), U, U, U, U, (-0.0, P2), (-0.0, N)],
    [(0.0, -P2), U, U, U, U, (0.0, P2), (0.0, N)],
    [(0.0, -P2), U, U, U, U, (0.0, P2), (N, N)],
    [
        (0.0, -P2),
        (0.0, -P2),
        (0.0, -P2),
        (0.0, P2),
        (0.0, P2),
        (0.0, P2),
        (0.0, N),
    ],
    [
        (0.0, -P2),
        (N, N),
        (N, N),
        (N, N),
        (N, N),
        (0.0, P2),
        (N, N),
    ],
];

static COSH: [[C; 7]; 7] = [
    [(INF, N), U, (INF, 0.0), (INF, -0.0), U, (INF, N), (INF, N)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(N, 0.0), U, U, U, U, (N, 0.0), (N, 0.0)],
    [(N, 0.0), U, U, U, U, (N, 0.0), (N, 0.0)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(INF, N), U, (INF, -0.0), (INF, 0.0), U, (INF, N), (INF, N)],
    [(N, N), (N, N), (N, 0.0), (N, 0.0), (N, N), (N, N), (N, N)],
];

static EXP: [[C; 7]; 7] = [
    [
        (0.0, 0.0),
        U,
        (0.0, -0.0),
        (0.0, 0.0),
        U,
        (0.0, 0.0),
        (0.0, 0.0),
    ],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(INF, N), U, (INF, -0.0), (INF, 0.0), U, (INF, N), (INF, N)],
    [(N, N), (N, N), (N, -0.0), (N, 0.0), (N, N), (N, N), (N, N)],
];

static LOG: [[C; 7]; 7] = [
    [
        (INF, -P34),
        (INF, -P),
        (INF, -P),
        (INF, P),
        (INF, P),
        (INF, P34),
        (INF, N),
    ],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [(INF, -P2), U, U, U, U, (INF, P2), (N, N)],
    [
        (INF, -P4),
        (INF, -0.0),
        (INF, -0.0),
        (INF, 0.0),
        (INF, 0.0),
        (INF, P4),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

static SINH: [[C; 7]; 7] = [
    [
        (INF, N),
        U,
        (-INF, -0.0),
        (-INF, 0.0),
        U,
        (INF, N),
        (INF, N),
    ],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(0.0, N), U, U, U, U, (0.0, N), (0.0, N)],
    [(0.0, N), U, U, U, U, (0.0, N), (0.0, N)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(INF, N), U, (INF, -0.0), (INF, 0.0), U, (INF, N), (INF, N)],
    [(N, N), (N, N), (N, -0.0), (N, 0.0), (N, N), (N, N), (N, N)],
];

static SQRT: [[C; 7]; 7] = [
    [
        (INF, -INF),
        (0.0, -INF),
        (0.0, -INF),
        (0.0, INF),
        (0.0, INF),
        (INF, INF),
        (N, INF),
    ],
    [(INF, -INF), U, U, U, U, (INF, INF), (N, N)],
    [(INF, -INF), U, U, U, U, (INF, INF), (N, N)],
    [(INF, -INF), U, U, U, U, (INF, INF), (N, N)],
    [(INF, -INF), U, U, U, U, (INF, INF), (N, N)],
    [
        (INF, -INF),
        (INF, -0.0),
        (INF, -0.0),
        (INF, 0.0),
        (INF, 0.0),
        (INF, INF),
        (INF, N),
    ],
    [
        (INF, -INF),
        (N, N),
        (N, N),
        (N, N),
        (N, N),
        (INF, INF),
        (N, N),
    ],
];

static TANH: [[C; 7]; 7] = [
    [
        (-1.0, 0.0),
        U,
        (-1.0, -0.0),
        (-1.0, 0.0),
        U,
        (-1.0, 0.0),
        (-1.0, 0.0),
    ],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [
        (1.0, 0.0),
        U,
        (1.0, -0.0),
        (1.0, 0.0),
        U,
        (1.0, 0.0),
        (1.0, 0.0),
    ],
    [(N, N), (N, N), (N, -0.0), (N, 0.0), (N, N), (N, N), (N, N)],
];

static RECT: [[C; 7]; 7] = [
    [
        (INF, N),
        U,
        (-INF, 0.0),
        (-INF, -0.0),
        U,
        (INF, N),
        (INF, N),
    ],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(0.0, 0.0), U, U, U, U, (0.0, 0.0), (0.0, 0.0)],
    [(0.0, 0.0), U, U, U, U, (0.0, 0.0), (0.0, 0.0)],
    [(N, N), U, U, U, U, (N, N), (N, N)],
    [(INF, N), U, (INF, -0.0), (INF, 0.0), U, (INF, N), (INF, N)],
    [(N, N), (N, N), (N, 0.0), (N, 0.0), (N, N), (N, N), (N, N)],
];

/// `log(hypot(x/2, y/2)) + 2*ln 2`: `ln|z|` for parts too large to square.
fn log_large(x: f64, y: f64) -> f64 {
    (x / 2.0).hypot(y / 2.0).ln() + LN_2 * 2.0
}

pub fn c_sqrt(z: C) -> (C, Err) {
    if nonfinite(z) {
        return (special(z, &SQRT), Err::Ok);
    }
    if z.0 == 0.0 && z.1 == 0.0 {
        return ((0.0, z.1), Err::Ok);
    }
    let (mut ax, ay) = (z.0.abs(), z.1.abs());
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        // Scale subnormal parts up so that hypot keeps their precision.
        ax = ldexp(ax, SCALE_UP);
        ldexp((ax + ax.hypot(ldexp(ay, SCALE_UP))).sqrt(), SCALE_DOWN)
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.0 >= 0.0 {
        ((s, d.copysign(z.1)), Err::Ok)
    } else {
        ((d, s.copysign(z.1)), Err::Ok)
    }
}

pub fn c_acos(z: C) -> (C, Err) {
    if nonfinite(z) {
        return (special(z, &ACOS), Err::Ok);
    }
    let r = if z.0.abs() > LARGE_DOUBLE || z.1.abs() > LARGE_DOUBLE {
        let re = z.1.abs().atan2(z.0);
        let im = if z.0 < 0.0 {
            -log_large(z.0, z.1).copysign(z.1)
        } else {
            log_large(z.0, z.1).copysign(-z.1)
        };
        (re, im)
    } else {
        let (s1, _) = c_sqrt((1.0 - z.0, -z.1));
        let (s2, _) = c_sqrt((1.0 + z.0, z.1));
        (
            2.0 * s1.0.atan2(s2.0),
            libm::asinh(s2.0 * s1.1 - s2.1 * s1.0),
        )
    };
    (r, Err::Ok)
}

pub fn c_acosh(z: C) -> (C, Err) {
    if nonfinite(z) {
        return (special(z, &ACOSH), Err::Ok);
    }
    let r = if z.0.abs() > LARGE_DOUBLE || z.1.abs() > LARGE_DOUBLE {
        (log_large(z.0, z.1), z.1.atan2(z.0))
    } else {
        let (s1, _) = c_sqrt((z.0 - 1.0, z.1));
        let (s2, _) = c_sqrt((z.0 + 1.0, z.1));
        (
            libm::asinh(s1.0 * s2.0 + s1.1 * s2.1),
            2.0 * s1.1.atan2(s2.0),
        )
    };
    (r, Err::Ok)
}

pub fn c_asinh(z: C) -> (C, Err) {
    if nonfinite(z) {
        return (special(z, &ASINH), Err::Ok);
    }
    let r = if z.0.abs() > LARGE_DOUBLE || z.1.abs() > LARGE_DOUBLE {
        let re = if z.1 >= 0.0 {
            log_large(z.0, z.1).copysign(z.0)
        } else {
            -log_large(z.0, z.1).copysign(-z.0)
        };
        (re, z.1.atan2(z.0.abs()))
    } else {
        let (s1, _) = c_sqrt((1.0 + z.1, -z.0));
        let (s2, _) = c_sqrt((1.0 - z.1, z.0));
        (
            libm::asinh(s1.0 * s2.1 - s2.0 * s1.1),
            z.1.atan2(s1.0 * s2.0 - s1.1 * s2.1),
        )
    };
    (r, Err::Ok)
}

pub fn c_asin(z: C) -> (C, Err) {
    // asin(z) = -i asinh(iz)
    let (s, e) = c_asinh((-z.1, z.0));
    ((s.1, -s.0), e)
}

pub fn c_atanh(z: C) -> (C, Err) {
    if nonfinite(z) {
        return (special(z, &ATANH), Err::Ok);
    }
    // atanh is odd: work with a non-negative real part.
    if z.0 < 0.0 {
        let (r, e) = c_atanh((-z.0, -z.1));
        return ((-r.0, -r.1), e);
    }
    let ay = z.1.abs();
    if z.0 > sqrt_large_double() || ay > sqrt_large_double() {
        // Avoid overflow in the squares below: atanh(z) ~ 1/z here.
        let h = (z.0 / 2.0).hypot(z.1 / 2.0);
        ((z.0 / 4.0 / h / h, -P2.copysign(-z.1)), Err::Ok)
    } else if z.0 == 1.0 && ay < sqrt_dbl_min() {
        // The pole at 1, and its neighbourhood where the general formula
        // loses everything to rounding.
        if ay == 0.0 {
            ((INF, z.1), Err::Dom)
        } else {
            let re = -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln();
            let im = (2.0f64.atan2(-ay) / 2.0).copysign(z.1);
            ((re, im), Err::Ok)
        }
    } else {
        let re = (4.0 * z.0 / ((1.0 - z.0) * (1.0 - z.0) + ay * ay)).ln_1p() / 4.0;
        let im = -(-2.0 * z.1).atan2((1.0 - z.0) * (1.0 + z.0) - ay * ay) / 2.0;
        ((re, im), Err::Ok)
    }
}

pub fn c_atan(z: C) -> (C, Err) {
    // atan(z) = -i atanh(iz)
    let (s, e) = c_atanh((-z.1, z.0));
    ((s.1, -s.0), e)
}

/// The infinite-real-part, finite-nonzero-imaginary-part case shared by
/// cosh, sinh and exp: +-inf in the directions of cos(y) and sin(y).
fn inf_cis(y: f64) -> C {
    (INF.copysign(y.cos()), INF.copysign(y.sin()))
}

fn overflow_flag(r: C) -> Err {
    if r.0.is_infinite() || r.1.is_infinite() {
        Err::Range
    } else {
        Err::Ok
    }
}

pub fn c_cosh(z: C) -> (C, Err) {
    if nonfinite(z) {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let (re, im) = inf_cis(z.1);
            if z.0 > 0.0 {
                (re, im)
            } else {
                (re, -im)
            }
        } else {
            special(z, &COSH)
        };
        let e = if z.1.is_infinite() && !z.0.is_nan() {
            Err::Dom
        } else {
            Err::Ok
        };
        return (r, e);
    }
    let r = if z.0.abs() > log_large_double() {
        // cosh(x) overflows before cos(y)*cosh(x) may: scale by e.
        let xm1 = z.0 - 1.0f64.copysign(z.0);
        (z.1.cos() * xm1.cosh() * E, z.1.sin() * xm1.sinh() * E)
    } else {
        (z.1.cos() * z.0.cosh(), z.1.sin() * z.0.sinh())
    };
    (r, overflow_flag(r))
}

pub fn c_cos(z: C) -> (C, Err) {
    // cos(z) = cosh(iz)
    c_cosh((-z.1, z.0))
}

pub fn c_sinh(z: C) -> (C, Err) {
    if nonfinite(z) {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let (re, im) = inf_cis(z.1);
            if z.0 > 0.0 {
                (re, im)
            } else {
                (-re, im)
            }
        } else {
            special(z, &SINH)
        };
        let e = if z.1.is_infinite() && !z.0.is_nan() {
            Err::Dom
        } else {
            Err::Ok
        };
        return (r, e);
    }
    let r = if z.0.abs() > log_large_double() {
        let xm1 = z.0 - 1.0f64.copysign(z.0);
        (z.1.cos() * xm1.sinh() * E, z.1.sin() * xm1.cosh() * E)
    } else {
        (z.1.cos() * z.0.sinh(), z.1.sin() * z.0.cosh())
    };
    (r, overflow_flag(r))
}

pub fn c_sin(z: C) -> (C, Err) {
    // sin(z) = -i sinh(iz)
    let (s, e) = c_sinh((-z.1, z.0));
    ((s.1, -s.0), e)
}

pub fn c_tanh(z: C) -> (C, Err) {
    if nonfinite(z) {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            let im = 0.0f64.copysign(2.0 * z.1.sin() * z.1.cos());
            (1.0f64.copysign(z.0), im)
        } else {
            special(z, &TANH)
        };
        let e = if z.1.is_infinite() && z.0.is_finite() {
            Err::Dom
        } else {
            Err::Ok
        };
        return (r, e);
    }
    let r = if z.0.abs() > log_large_double() {
        (
            1.0f64.copysign(z.0),
            4.0 * z.1.sin() * z.1.cos() * (-2.0 * z.0.abs()).exp(),
        )
    } else {
        let tx = z.0.tanh();
        let ty = z.1.tan();
        let cx = 1.0 / z.0.cosh();
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        (tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
    };
    (r, Err::Ok)
}

pub fn c_tan(z: C) -> (C, Err) {
    // tan(z) = -i tanh(iz)
    let (s, e) = c_tanh((-z.1, z.0));
    ((s.1, -s.0), e)
}

pub fn c_exp(z: C) -> (C, Err) {
    if nonfinite(z) {
        let r = if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            if z.0 > 0.0 {
                inf_cis(z.1)
            } else {
                (0.0f64.copysign(z.1.cos()), 0.0f64.copysign(z.1.sin()))
            }
        } else {
            special(z, &EXP)
        };
        let e = if z.1.is_infinite() && (z.0.is_finite() || (z.0.is_infinite() && z.0 > 0.0)) {
            Err::Dom
        } else {
            Err::Ok
        };
        return (r, e);
    }
    let r = if z.0 > log_large_double() {
        let l = (z.0 - 1.0).exp();
        (l * z.1.cos() * E, l * z.1.sin() * E)
    } else {
        let l = z.0.exp();
        (l * z.1.cos(), l * z.1.sin())
    };
    (r, overflow_flag(r))
}

pub fn c_log(z: C) -> (C, Err) {
    if nonfinite(z) {
        return (special(z, &LOG), Err::Ok);
    }
    let (ax, ay) = (z.0.abs(), z.1.abs());
    let re = if ax > LARGE_DOUBLE || ay > LARGE_DOUBLE {
        (ax / 2.0).hypot(ay / 2.0).ln() + LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            // Scale subnormals up (exactly) before taking the modulus.
            ldexp(ax, MANT_DIG).hypot(ldexp(ay, MANT_DIG)).ln() - f64::from(MANT_DIG) * LN_2
        } else {
            return ((-INF, z.1.atan2(z.0)), Err::Dom);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            // Near the unit circle: log1p of |z|^2 - 1, computed without
            // cancellation.
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    ((re, z.1.atan2(z.0)), Err::Ok)
}

pub fn c_log10(z: C) -> (C, Err) {
    let (s, e) = c_log(z);
    ((s.0 / LN_10, s.1 / LN_10), e)
}

/// CPython's `_Py_c_quot` (Smith's method), with EDOM for a zero divisor.
fn c_quot(a: C, b: C) -> (C, Err) {
    let (abr, abi) = (b.0.abs(), b.1.abs());
    if abr >= abi {
        if abr == 0.0 {
            return ((0.0, 0.0), Err::Dom);
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        (
            ((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom),
            Err::Ok,
        )
    } else if abi >= abr {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        (
            ((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom),
            Err::Ok,
        )
    } else {
        ((N, N), Err::Ok)
    }
}

/// CPython's `_Py_c_abs`: an infinite part wins over a NaN; ERANGE when
/// the modulus of finite parts overflows.
fn c_abs(z: C) -> (f64, Err) {
    if nonfinite(z) {
        if z.0.is_infinite() {
            return (z.0.abs(), Err::Ok);
        }
        if z.1.is_infinite() {
            return (z.1.abs(), Err::Ok);
        }
        return (N, Err::Ok);
    }
    let r = z.0.hypot(z.1);
    (r, if r.is_finite() { Err::Ok } else { Err::Range })
}

/// The argument of `z` with the Annex G values for infinite and zero parts.
fn c_atan2(z: C) -> f64 {
    if z.0.is_nan() || z.1.is_nan() {
        return N;
    }
    if z.1.is_infinite() {
        if z.0.is_infinite() {
            return if z.0.is_sign_positive() {
                P4.copysign(z.1)
            } else {
                P34.copysign(z.1)
            };
        }
        return P2.copysign(z.1);
    }
    if z.0.is_infinite() || z.1 == 0.0 {
        return if z.0.is_sign_positive() {
            0.0f64.copysign(z.1)
        } else {
            P.copysign(z.1)
        };
    }
    z.1.atan2(z.0)
}

fn c_rect(r: f64, phi: f64) -> (C, Err) {
    if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let (re, im) = inf_cis(phi);
            if r > 0.0 {
                (re, im)
            } else {
                (-re, -im)
            }
        } else {
            RECT[class(r)][class(phi)]
        };
        let e = if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            Err::Dom
        } else {
            Err::Ok
        };
        (z, e)
    } else if phi == 0.0 {
        // r * cos(0) is r; keep the sign of a zero phi in the imaginary part.
        ((r, r * phi), Err::Ok)
    } else {
        ((r * phi.cos(), r * phi.sin()), Err::Ok)
    }
}

/// ValueError or OverflowError for an error flag (CPython's math_error).
fn raise(vm: &mut Vm, e: Err) -> PyException {
    match e {
        Err::Range => vm.new_exc(vm.g.e.OverflowError, "math range error"),
        _ => vm.value_error("math domain error"),
    }
}

/// `PyComplex_AsCComplex`: a complex (or subclass) as is, else the result of
/// `__complex__` (which must be a complex), else `PyFloat_AsDouble`.
pub fn complex_arg(vm: &mut Vm, v: Value) -> PyResult<C> {
    if let Some(c) = crate::types::complex::complex_of(v) {
        return Ok(c);
    }
    let name = vm.intern("__complex__");
    if let Some(r) = vm.call_special(v, name, &[])? {
        return crate::types::complex::check_complex_result(vm, r);
    }
    Ok((super::math::float_arg(vm, v)?, 0.0))
}

fn one(vm: &mut Vm, name: &str, a: &[Value], k: Value, f: fn(C) -> (C, Err)) -> PyResult<Value> {
    if !crate::args::count_ok(a.len(), k, 1, 1) {
        check(vm, &format!("cmath.{name}"), a, k, 1, 1)?;
    }
    let z = complex_arg(vm, a[0])?;
    let (r, e) = f(z);
    if e != Err::Ok {
        return Err(raise(vm, e));
    }
    Ok(vm.new_complex(r.0, r.1))
}

macro_rules! cfunc {
    ($($name:ident => $f:ident),* $(,)?) => {
        $(
            fn $name(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
                one(vm, stringify!($name), a, k, $f)
            }
        )*
    };
}
cfunc!(
    sqrt => c_sqrt, exp => c_exp, log10 => c_log10,
    acos => c_acos, asin => c_asin, atan => c_atan,
    acosh => c_acosh, asinh => c_asinh, atanh => c_atanh,
    cos => c_cos, sin => c_sin, tan => c_tan,
    cosh => c_cosh, sinh => c_sinh, tanh => c_tanh,
);

/// `cmath.log(z, base=<unset>, /)`: `log(z)/log(base)`, with the quotient's
/// division-by-zero error (as for `log(z, 1)`) reported like the logs'.
fn log(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "log", a, k, 1, 2)?;
    let z = complex_arg(vm, a[0])?;
    let base = match a.get(1) {
        Some(&b) => Some(complex_arg(vm, b)?),
        None => None,
    };
    // As CPython reads one errno at the end: each log sets it (clearing
    // the first log's error), the quotient sets it only on a zero divisor.
    let (mut r, mut err) = c_log(z);
    if let Some(b) = base {
        let (lb, e2) = c_log(b);
        err = e2;
        let (q, e3) = c_quot(r, lb);
        if e3 != Err::Ok {
            err = e3;
        }
        r = q;
    }
    if err != Err::Ok {
        return Err(raise(vm, err));
    }
    Ok(vm.new_complex(r.0, r.1))
}

fn phase(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "cmath.phase", a, k, 1, 1)?;
    let z = complex_arg(vm, a[0])?;
    let phi = c_atan2(z);
    // The C library's atan2 reports an angle that underflows to zero as
    // ERANGE, which CPython's phase() turns into OverflowError.
    if phi == 0.0 && z.1 != 0.0 && !nonfinite(z) {
        return Err(raise(vm, Err::Range));
    }
    Ok(vm.new_float(phi))
}

fn polar(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "cmath.polar", a, k, 1, 1)?;
    let z = complex_arg(vm, a[0])?;
    let phi = c_atan2(z);
    let (r, e) = c_abs(z);
    if e != Err::Ok {
        return Err(raise(vm, e));
    }
    let rv = vm.new_float(r);
    let pv = vm.new_float(phi);
    Ok(vm.new_tuple(&[rv, pv]))
}

fn rect(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "rect", a, k, 2, 2)?;
    let r = super::math::float_arg(vm, a[0])?;
    let phi = super::math::float_arg(vm, a[1])?;
    let (z, e) = c_rect(r, phi);
    if e != Err::Ok {
        return Err(raise(vm, e));
    }
    Ok(vm.new_complex(z.0, z.1))
}

fn isfinite(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "cmath.isfinite", a, k, 1, 1)?;
    let z = complex_arg(vm, a[0])?;
    Ok(Value::bool(z.0.is_finite() && z.1.is_finite()))
}

fn isnan(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "cmath.isnan", a, k, 1, 1)?;
    let z = complex_arg(vm, a[0])?;
    Ok(Value::bool(z.0.is_nan() || z.1.is_nan()))
}

fn isinf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "cmath.isinf", a, k, 1, 1)?;
    let z = complex_arg(vm, a[0])?;
    Ok(Value::bool(z.0.is_infinite() || z.1.is_infinite()))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [x, y, rel, abs_] = clinic::unpack(
        vm,
        "isclose",
        a,
        k,
        ["a", "b", "rel_tol", "abs_tol"],
        0,
        2,
        2,
    )?;
    let x = complex_arg(vm, x.unwrap_or(Value::NONE))?;
    let y = complex_arg(vm, y.unwrap_or(Value::NONE))?;
    let rel = match rel {
        Some(v) => super::math::float_arg(vm, v)?,
        None => 1e-9,
    };
    let abs_ = match abs_ {
        Some(v) => super::math::float_arg(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs_ < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x.0 == y.0 && x.1 == y.1 {
        return Ok(Value::TRUE);
    }
    if x.0.is_infinite() || x.1.is_infinite() || y.0.is_infinite() || y.1.is_infinite() {
        return Ok(Value::FALSE);
    }
    let (diff, _) = c_abs((x.0 - y.0, x.1 - y.1));
    let (ab, _) = c_abs(y);
    let (aa, _) = c_abs(x);
    Ok(Value::bool(
        diff <= rel * ab || diff <= rel * aa || diff <= abs_,
    ))
}

/// Creates the cmath module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("cmath");
    let fns: &[(&'static str, NativeFn)] = &[
        ("sqrt", sqrt),
        ("exp", exp),
        ("log", log),
        ("log10", log10),
        ("acos", acos),
        ("asin", asin),
        ("atan", atan),
        ("acosh", acosh),
        ("asinh", asinh),
        ("atanh", atanh),
        ("cos", cos),
        ("sin", sin),
        ("tan", tan),
        ("cosh", cosh),
        ("sinh", sinh),
        ("tanh", tanh),
        ("phase", phase),
        ("polar", polar),
        ("rect", rect),
        ("isfinite", isfinite),
        ("isnan", isnan),
        ("isinf", isinf),
        ("isclose", isclose),
    ];
    vm.add_module_functions(m, fns);
    for (n, v) in [
        ("pi", PI),
        ("e", E),
        ("tau", std::f64::consts::TAU),
        ("inf", INF),
        ("nan", N),
    ] {
        let fv = vm.new_float(v);
        vm.set_module_attr(m, n, fv);
    }
    let infj = vm.new_complex(0.0, INF);
    vm.set_module_attr(m, "infj", infj);
    let nanj = vm.new_complex(0.0, N);
    vm.set_module_attr(m, "nanj", nanj);
    Ok(m)
}
