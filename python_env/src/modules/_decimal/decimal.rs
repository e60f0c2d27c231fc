//! The `Decimal` type of `_decimal`: instances (of `Decimal` and of its Python
//! subclasses) are `K_INSTANCE` objects whose native payload is one immutable [`DecVal`].
//!
//! Only the payload and its allocation are written so far; the type's methods follow
//! (docs/decimal-status.md).

use super::ffi::Dec;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::{Obj, Value};

/// The payload of a Decimal: its value, never changed after allocation.
pub(crate) struct DecVal {
    pub dec: Dec,
}

impl Trace for DecVal {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {
        // Holds no Python values.
    }
}

/// The value of `v` if it is a Decimal (or an instance of a subclass).
#[inline]
pub(crate) fn dec_of(v: Value) -> Option<&'static Dec> {
    Obj::from_value(v)
        .filter(|o| o.kind() == K_INSTANCE)
        .and_then(native_ref::<DecVal>)
        .map(|p| &p.dec)
}

/// Allocates an instance of `cls` (`Decimal` or a subclass) holding `dec`.
pub(crate) fn alloc(vm: &mut Vm, cls: Value, dec: Dec) -> Value {
    let co = Obj::from_value(cls).expect("type");
    vm.ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), DecVal { dec })
}

use super::convert;
use super::ffi;
use crate::args::Args;

/// `Decimal.__new__(cls, value="0", context=None)`.
///
/// Provisional: tuples and lists are not converted yet (they get the TypeError of any
/// other unsupported type); until `Context` exists, a conversion error always raises
/// `InvalidOperation([ConversionSyntax])` (the default context's trap) and `context` is
/// only checked for None-ness; floats convert exactly without the FloatOperation flag.
fn dec_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    let cls = args.get(0, "cls").unwrap_or(Value::NONE);
    let value = args.get(1, "value");
    let _context = args.get(2, "context");
    args.no_more_kw(vm, "Decimal")?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(&format!(
            "function takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let Some(value) = value else {
        return Ok(alloc(vm, cls, ffi::Dec::from_parts(false, &[0], 0)));
    };
    let dec = if let Some(d) = dec_of(value) {
        let dec_type = vm.type_of(value);
        if dec_type == cls && !is_heap_type(cls) {
            return Ok(value);
        }
        d.clone()
    } else if is_str(value) {
        let s = str_of(value);
        let parsed = convert::numeric_ascii(&s).map(|t| ffi::Dec::parse_exact(&t));
        match parsed {
            Some((d, st)) if st & ffi::CONVERSION_SYNTAX == 0 => d,
            _ => return Err(conversion_syntax(vm)),
        }
    } else if let Some(n) = vm.num(value) {
        match n {
            engine::runtime::ops::Num::F(f) => convert::from_f64(f),
            engine::runtime::ops::Num::I(i) => convert::from_bigint(&i.into()),
            engine::runtime::ops::Num::B(b) => convert::from_bigint(b),
        }
    } else {
        let tn = type_short_name(vm.type_of(value));
        return Err(vm.type_error(&format!("conversion from {tn} to Decimal is not supported")));
    };
    Ok(alloc(vm, cls, dec))
}

/// `InvalidOperation([ConversionSyntax])`.
fn conversion_syntax(vm: &mut Vm) -> PyException {
    let cls = match super::exception_class(vm, "InvalidOperation") {
        Ok(c) => c,
        Err(e) => return e,
    };
    let cond = match super::exception_class(vm, "ConversionSyntax") {
        Ok(c) => c,
        Err(e) => return e,
    };
    let list = vm.new_list(&[cond]);
    let mark = vm.push_root(list);
    let args = vm.new_tuple(&[list]);
    vm.pop_roots(mark);
    vm.new_exc_args(cls, args)
}

fn self_dec(vm: &mut Vm, v: Value, what: &str) -> PyResult<&'static ffi::Dec> {
    dec_of(v).ok_or_else(|| {
        vm.type_error(&format!(
            "descriptor '{what}' requires a 'decimal.Decimal' object"
        ))
    })
}

/// `Decimal.__str__` (capitals follow the context once it exists: 'E' for now).
fn dec_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = self_dec(vm, a[0], "__str__")?;
    Ok(vm.new_str(&d.to_sci_string()))
}

fn dec_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = self_dec(vm, a[0], "__repr__")?;
    Ok(vm.new_str(&format!("Decimal('{}')", d.to_sci_string())))
}

fn dec_to_eng_string(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = self_dec(vm, a[0], "to_eng_string")?;
    Ok(vm.new_str(&d.to_eng_string()))
}

fn dec_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = self_dec(vm, a[0], "__bool__")?;
    Ok(Value::bool(!d.is_zero()))
}

/// `Decimal.__hash__`: CPython's numeric hash; signalling NaNs refuse, quiet NaNs hash
/// by identity (`object.__hash__`).
fn dec_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = self_dec(vm, a[0], "__hash__")?;
    if d.is_snan() {
        return Err(vm.type_error("Cannot hash a signaling NaN value"));
    }
    if d.is_nan() {
        return engine::runtime::ops::object_hash_marker(vm, a, Value::EMPTY);
    }
    Ok(vm.new_int(convert::hash_finite(d)))
}

/// The `Decimal` type (a base type: Python subclasses it).
pub(crate) fn make_type(vm: &mut Vm, modname: Value) -> Value {
    let t = vm.new_static_type("Decimal", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", dec_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__str__", dec_str),
        ("__repr__", dec_repr),
        ("to_eng_string", dec_to_eng_string),
        ("__bool__", dec_bool),
        ("__hash__", dec_hash),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    t
}
