//! `_decimal`: CPython 3.11's `Modules/_decimal` (the C accelerator behind `decimal`),
//! built on IBM's decNumber through [`ffi`].
//!
//! Not registered as a module yet: `decimal.py` imports `_decimal` whole when it exists,
//! so the module is registered only once it can stand in for `_pydecimal` (see
//! docs/decimal-status.md). Until then the layers are compiled and unit-tested, and
//! [`create`] builds the module's exception classes and constants.
//!
//! Module state: slot `i < CLASSES.len()` is the exception class `signals::CLASSES[i]`.

// The layers' users (the Decimal and Context types) are not written yet.
#[allow(dead_code)]
pub(crate) mod convert;
#[allow(dead_code)]
pub(crate) mod decimal;
#[allow(dead_code)]
pub(crate) mod ffi;
#[allow(dead_code)]
pub(crate) mod signals;

use crate::modules::_struct::{module_state, new_module_with_state, set_module_state};
use engine::runtime::*;
use proto_core::Value;

/// State slots: the exception classes, then the Decimal type.
const ST_DECIMAL: usize = signals::CLASSES.len();
const N_STATE: usize = ST_DECIMAL + 1;

/// CPython's limits on 32-bit builds: decNumber's exponent is an `i32`, so the 64-bit
/// values (999999999999999999) cannot be represented; test_decimal has branches for these.
pub(crate) const MAX_PREC: i64 = 425_000_000;
pub(crate) const MAX_EMAX: i64 = 425_000_000;
pub(crate) const MIN_EMIN: i64 = -425_000_000;
pub(crate) const MIN_ETINY: i64 = MIN_EMIN - (MAX_PREC - 1);

/// The exception class named `name` (one of `signals::CLASSES`).
#[allow(dead_code)]
pub(crate) fn exception_class(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let i = signals::CLASSES
        .iter()
        .position(|(n, _)| *n == name)
        .expect("a decimal exception class name");
    module_state(vm, "_decimal", i)
}

fn builtin_exception(vm: &Vm, name: &str) -> Value {
    match name {
        "builtins.ArithmeticError" => vm.g.e.ArithmeticError,
        "builtins.ZeroDivisionError" => vm.g.e.ZeroDivisionError,
        _ => vm.g.e.TypeError,
    }
}

#[allow(dead_code)]
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_module_with_state(vm, "_decimal", N_STATE);
    let mark = vm.push_root(m);
    let r = (|| {
        let doc = vm.new_str("C decimal arithmetic module");
        vm.set_module_attr(m, "__doc__", doc);
        // The classes say they are decimal's, as the C module's do.
        let modname = vm.new_str("decimal");
        vm.push_root(modname);
        let mut made: Vec<Value> = Vec::with_capacity(N_STATE);
        for (i, (name, bases)) in signals::CLASSES.iter().enumerate() {
            let mut bs = Vec::with_capacity(bases.len());
            for b in bases.iter() {
                if b.starts_with("builtins.") {
                    bs.push(builtin_exception(vm, b));
                } else {
                    let j = signals::CLASSES
                        .iter()
                        .position(|(n, _)| n == b)
                        .expect("bases come first in CLASSES");
                    bs.push(made[j]);
                }
            }
            let ns = vm.new_dict();
            vm.push_root(ns);
            let key = vm.intern("__module__");
            vm.dict_set_str(ns, key, modname);
            let nm = vm.new_str(name);
            vm.push_root(nm);
            let bases_t = vm.new_tuple(&bs);
            vm.push_root(bases_t);
            let cls = vm.call(vm.g.types.type_, &[nm, bases_t, ns], Value::EMPTY)?;
            // The module (rooted) holds every class made so far, so `made` stays valid.
            set_module_state(vm, m, i, cls);
            vm.set_module_attr(m, name, cls);
            made.push(cls);
        }
        for (name, _) in signals::ROUNDINGS {
            let v = vm.new_str(name);
            vm.set_module_attr(m, name, v);
        }
        let ints: [(&str, i64); 4] = [
            ("MAX_PREC", MAX_PREC),
            ("MAX_EMAX", MAX_EMAX),
            ("MIN_EMIN", MIN_EMIN),
            ("MIN_ETINY", MIN_ETINY),
        ];
        for (name, v) in ints {
            let v = vm.new_int(v);
            vm.set_module_attr(m, name, v);
        }
        let dt = decimal::make_type(vm, modname);
        set_module_state(vm, m, ST_DECIMAL, dt);
        vm.set_module_attr(m, "Decimal", dt);
        vm.set_module_attr(m, "HAVE_THREADS", Value::TRUE);
        vm.set_module_attr(m, "HAVE_CONTEXTVAR", Value::TRUE);
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}
