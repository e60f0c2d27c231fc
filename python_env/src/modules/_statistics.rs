//! The `_statistics` module: `_normal_dist_inv_cdf`, the inverse of the
//! normal distribution's CDF by Wichura's algorithm AS241 (the accelerator
//! `statistics.NormalDist.inv_cdf` uses, as CPython's C module provides).

use crate::args::check;
use engine::runtime::*;
use proto_core::Value;

/// Evaluates the polynomial with coefficients `c` (highest degree first)
/// at `r`, in the nested order of AS241 (which fixes the rounding).
fn poly(c: &[f64], r: f64) -> f64 {
    let mut acc = c[0];
    for &k in &c[1..] {
        acc = acc * r + k;
    }
    acc
}

// AS241's coefficients (Wichura 1988, PPND16) as published, highest degree
// first; the digits are kept in full so that each rounds to the double
// the paper's value denotes.
#[allow(clippy::excessive_precision)]
const A: [f64; 8] = [
    2.5090809287301226727e+3,
    3.3430575583588128105e+4,
    6.7265770927008700853e+4,
    4.5921953931549871457e+4,
    1.3731693765509461125e+4,
    1.9715909503065514427e+3,
    1.3314166789178437745e+2,
    3.3871328727963666080e+0,
];
#[allow(clippy::excessive_precision)]
const B: [f64; 8] = [
    5.2264952788528545610e+3,
    2.8729085735721942674e+4,
    3.9307895800092710610e+4,
    2.1213794301586595867e+4,
    5.3941960214247511077e+3,
    6.8718700749205790830e+2,
    4.2313330701600911252e+1,
    1.0,
];
#[allow(clippy::excessive_precision)]
const C: [f64; 8] = [
    7.74545014278341407640e-4,
    2.27238449892691845833e-2,
    2.41780725177450611770e-1,
    1.27045825245236838258e+0,
    3.64784832476320460504e+0,
    5.76949722146069140550e+0,
    4.63033784615654529590e+0,
    1.42343711074968357734e+0,
];
#[allow(clippy::excessive_precision)]
const D: [f64; 8] = [
    1.05075007164441684324e-9,
    5.47593808499534494600e-4,
    1.51986665636164571966e-2,
    1.48103976427480074590e-1,
    6.89767334985100004550e-1,
    1.67638483018380384940e+0,
    2.05319162663775882187e+0,
    1.0,
];
#[allow(clippy::excessive_precision)]
const E: [f64; 8] = [
    2.01033439929228813265e-7,
    2.71155556874348757815e-5,
    1.24266094738807843860e-3,
    2.65321895265761230930e-2,
    2.96560571828504891230e-1,
    1.78482653991729133580e+0,
    5.46378491116411436990e+0,
    6.65790464350110377720e+0,
];
#[allow(clippy::excessive_precision)]
const F: [f64; 8] = [
    2.04426310338993978564e-15,
    1.42151175831644588870e-7,
    1.84631831751005468180e-5,
    7.86869131145613259100e-4,
    1.48753612908506148525e-2,
    1.36929880922735805310e-1,
    5.99832206555887937690e-1,
    1.0,
];

/// The `p` quantile of the normal distribution with mean `mu` and standard
/// deviation `sigma`; None outside `0 < p < 1`, `sigma > 0`.
pub fn normal_dist_inv_cdf(p: f64, mu: f64, sigma: f64) -> Option<f64> {
    if p <= 0.0 || p >= 1.0 || sigma <= 0.0 {
        return None;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let x = poly(&A, r) * q / poly(&B, r);
        return Some(mu + x * sigma);
    }
    let r = if q <= 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let x = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    let x = if q < 0.0 { -x } else { x };
    Some(mu + x * sigma)
}

/// `_normal_dist_inv_cdf(p, mu, sigma, /)`.
fn inv_cdf(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_normal_dist_inv_cdf", a, k, 3, 3)?;
    let p = super::math::float_arg(vm, a[0])?;
    let mu = super::math::float_arg(vm, a[1])?;
    let sigma = super::math::float_arg(vm, a[2])?;
    match normal_dist_inv_cdf(p, mu, sigma) {
        Some(x) => Ok(vm.new_float(x)),
        None => Err(vm.value_error("inv_cdf undefined for these parameters")),
    }
}

/// Creates the _statistics module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_statistics");
    let fns: &[(&'static str, NativeFn)] = &[("_normal_dist_inv_cdf", inv_cdf)];
    vm.add_module_functions(m, fns);
    Ok(m)
}
