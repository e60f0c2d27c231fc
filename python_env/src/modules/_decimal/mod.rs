//! `_decimal`: CPython 3.11's `Modules/_decimal` (the C accelerator behind `decimal`),
//! built on IBM's decNumber through [`ffi`].
//!
//! Files: `ffi.rs` (the safe decNumber layer), `bigmul.rs` (products of long
//! coefficients), `convert.rs` (exact conversions, hash), `signals.rs` (signals and
//! conditions), `context.rs` (Context, SignalDict, the current context), `decimal.rs`
//! (Decimal, and the Context methods that compute), `format.rs` (`__format__`).
//!
//! Module state: slot `i < CLASSES.len()` is the exception class `signals::CLASSES[i]`,
//! then the `ST_*` slots below.

pub(crate) mod bigmul;
pub(crate) mod context;
#[allow(dead_code)]
pub(crate) mod convert;
pub(crate) mod decimal;
#[allow(dead_code)]
pub(crate) mod ffi;
pub(crate) mod format;
#[allow(dead_code)]
pub(crate) mod signals;

use crate::modules::_struct::{new_module_with_state, set_module_state};
use engine::runtime::*;
use proto_core::sync::{AtomicU64, Ordering};
use proto_core::{Obj, Value};

/// State slots: the exception classes, then the types, the context variable and the
/// template contexts.
const ST_DECIMAL: usize = signals::CLASSES.len();
const ST_CONTEXT: usize = ST_DECIMAL + 1;
const ST_SIGNALDICT: usize = ST_DECIMAL + 2;
const ST_CTXVAR: usize = ST_DECIMAL + 3;
const ST_DEFAULT: usize = ST_DECIMAL + 4;
const ST_BASIC: usize = ST_DECIMAL + 5;
const ST_EXTENDED: usize = ST_DECIMAL + 6;
const ST_DECTUPLE: usize = ST_DECIMAL + 7;
const ST_CTXMGR: usize = ST_DECIMAL + 8;
const N_STATE: usize = ST_DECIMAL + 9;

/// The latest `_decimal` module made (its bits; 0 before the first): a global root,
/// so the state it holds stays alive for the process, and every operation finds its
/// classes and context variable without an import.
static MODULE: AtomicU64 = AtomicU64::new(0);

/// State slot `i` of `_decimal`.
#[inline]
pub(crate) fn module_state(vm: &mut Vm, i: usize) -> PyResult<Value> {
    match module_state_loaded(i) {
        Some(v) => Ok(v),
        None => crate::modules::_struct::module_state(vm, "_decimal", i),
    }
}

/// State slot `i` of the module once it is loaded (`MODULE` set).
#[inline(always)]
pub(crate) fn module_state_loaded(i: usize) -> Option<Value> {
    let bits = MODULE.load(Ordering::Acquire);
    if bits == 0 {
        return None;
    }
    Some(
        Obj::from_value(Value::from_bits(bits))
            .expect("module")
            .get(2 + i),
    )
}

/// decNumber's limits (its exponent is an `i32`): between CPython's 32-bit build's
/// (425000000) and its 64-bit build's (999999999999999999). Context fields are 64-bit
/// integers, as on CPython's 64-bit builds.
pub(crate) const MAX_PREC: i64 = ffi::MAX_DIGITS as i64;
pub(crate) const MAX_EMAX: i64 = ffi::MAX_EMAX as i64;
pub(crate) const MIN_EMIN: i64 = ffi::MIN_EMIN as i64;
pub(crate) const MIN_ETINY: i64 = MIN_EMIN - (MAX_PREC - 1);

/// The exception class named `name` (one of `signals::CLASSES`).
pub(crate) fn exception_class(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let i = signals::CLASSES
        .iter()
        .position(|(n, _)| *n == name)
        .expect("a decimal exception class name");
    module_state(vm, i)
}

fn builtin_exception(vm: &Vm, name: &str) -> Value {
    match name {
        "builtins.ArithmeticError" => vm.g.e.ArithmeticError,
        "builtins.ZeroDivisionError" => vm.g.e.ZeroDivisionError,
        _ => vm.g.e.TypeError,
    }
}

/// Makes the module. As CPython's single-phase-init extension modules, a second import
/// (after a program removed it from `sys.modules`) gets a new module object holding
/// the first one's attributes and state: the types, classes and the context variable
/// are made once per process.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let bits = MODULE.load(Ordering::Acquire);
    if bits != 0 {
        let first = Value::from_bits(bits);
        let fo = Obj::from_value(first).expect("module");
        let m = new_module_with_state(vm, "_decimal", N_STATE);
        let mark = vm.push_root(m);
        for i in 0..N_STATE {
            set_module_state(vm, m, i, fo.get(2 + i));
        }
        let d = Obj::from_value(m).expect("module").get(0);
        let r = vm.call_method(d, "update", &[fo.get(0)]);
        vm.pop_roots(mark);
        r?;
        return Ok(m);
    }
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
        // Interned, so that they are the very strings `_pydecimal` uses.
        for (name, _) in signals::ROUNDINGS {
            let v = vm.intern(name);
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
        let ct = context::make_context_type(vm, modname);
        set_module_state(vm, m, ST_CONTEXT, ct);
        vm.set_module_attr(m, "Context", ct);
        let [d, b, e] = context::templates(vm, ct);
        for (slot, name, v) in [
            (ST_DEFAULT, "DefaultContext", d),
            (ST_BASIC, "BasicContext", b),
            (ST_EXTENDED, "ExtendedContext", e),
        ] {
            set_module_state(vm, m, slot, v);
            vm.set_module_attr(m, name, v);
        }
        let cm = context::make_context_manager_type(vm, modname);
        set_module_state(vm, m, ST_CTXMGR, cm);
        // SignalDict = type('SignalDict', (SignalDictMixin, MutableMapping), {}).
        let mixin = context::make_signal_dict_mixin(vm, modname);
        vm.push_root(mixin);
        let abc = vm.import_module("collections.abc")?;
        let mm = {
            let n = vm.intern("MutableMapping");
            vm.getattr(abc, n)?
        };
        let nm = vm.new_str("SignalDict");
        vm.push_root(nm);
        let bases = vm.new_tuple(&[mixin, mm]);
        vm.push_root(bases);
        let ns = vm.new_dict();
        vm.push_root(ns);
        let sd = vm.call(vm.g.types.type_, &[nm, bases, ns], Value::EMPTY)?;
        set_module_state(vm, m, ST_SIGNALDICT, sd);
        // DecimalTuple = collections.namedtuple('DecimalTuple', 'sign digits exponent').
        let coll = vm.import_module("collections")?;
        let nt = {
            let n = vm.intern("namedtuple");
            vm.getattr(coll, n)?
        };
        let tn = vm.new_str("DecimalTuple");
        vm.push_root(tn);
        let fields = vm.new_str("sign digits exponent");
        vm.push_root(fields);
        let kwnames = {
            let k = vm.new_str("module");
            vm.push_root(k);
            vm.new_tuple(&[k])
        };
        vm.push_root(kwnames);
        let dtup = vm.call(nt, &[tn, fields, modname], kwnames)?;
        set_module_state(vm, m, ST_DECTUPLE, dtup);
        vm.set_module_attr(m, "DecimalTuple", dtup);
        // The thread's current context lives in a ContextVar, as the C module's.
        let cv_mod = vm.import_module("_contextvars")?;
        let cv_cls = {
            let n = vm.intern("ContextVar");
            vm.getattr(cv_mod, n)?
        };
        let cvn = vm.new_str("decimal_context");
        vm.push_root(cvn);
        let cv = vm.call(cv_cls, &[cvn], Value::EMPTY)?;
        set_module_state(vm, m, ST_CTXVAR, cv);
        for (n, f) in context::FUNCTIONS {
            let b = vm.new_builtin(n, f, false);
            vm.set_module_attr(m, n, b);
        }
        // numbers.Number.register(Decimal).
        let numbers = vm.import_module("numbers")?;
        let number = {
            let n = vm.intern("Number");
            vm.getattr(numbers, n)?
        };
        vm.call_method(number, "register", &[dt])?;
        let ver = vm.new_str("1.70");
        vm.set_module_attr(m, "__version__", ver);
        let lver = vm.new_str("2.5.1");
        vm.set_module_attr(m, "__libmpdec_version__", lver);
        vm.set_module_attr(m, "HAVE_THREADS", Value::TRUE);
        vm.set_module_attr(m, "HAVE_CONTEXTVAR", Value::TRUE);
        vm.ctx.add_global_root(m);
        MODULE.store(m.bits(), Ordering::Release);
        Ok(m)
    })();
    vm.pop_roots(mark);
    r
}
