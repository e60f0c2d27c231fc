//! The `Decimal` type of `_decimal`: instances (of `Decimal` and of its Python
//! subclasses) are `K_INSTANCE` objects whose native payload is one immutable
//! [`DecSmall`] (a finite value of up to 19 digits, which the operators compute on
//! directly) or [`DecVal`] (any other value).
//! Operations run in a context (the current one, or an argument) whose status is
//! turned into flags and trapped signals by `context::add_status`.

use super::ffi::{Dec, DecNum, Small};
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::{Obj, Value};

/// The payload of a finite Decimal whose coefficient has at most 19 digits: sign,
/// coefficient and exponent in machine integers (16 bytes: the object fills one 64-byte
/// cell and has nothing to drop). Never changed after allocation.
pub(crate) struct DecSmall(Small);

/// The payload of any other Decimal (a special, or more digits): its value, never
/// changed after allocation.
pub(crate) struct DecVal {
    dec: Dec,
}

impl Trace for DecSmall {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {
        // Holds no Python values.
    }
}

impl Trace for DecVal {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {
        // Holds no Python values.
    }
}

/// The value of `v` if it is a Decimal (or an instance of a subclass): borrowed, or
/// a decNumber made from a [`DecSmall`].
#[inline]
pub(crate) fn dec_of(v: Value) -> Option<Op> {
    let o = Obj::from_value(v).filter(|o| o.kind() == K_INSTANCE)?;
    if let Some(p) = native_ref::<DecSmall>(o) {
        return Some(Op::O(p.0.to_dec()));
    }
    native_ref::<DecVal>(o).map(|p| Op::B(&p.dec))
}

/// The value of `v` if it is a Decimal holding a [`DecSmall`].
#[inline(always)]
pub(crate) fn small_of(v: Value) -> Option<Small> {
    let o = Obj::from_value(v).filter(|o| o.kind() == K_INSTANCE)?;
    native_ref::<DecSmall>(o).map(|p| p.0)
}

/// An operator's operand as a [`Small`]: such a Decimal, or an int held in the value.
#[inline(always)]
fn small_operand(v: Value) -> Option<Small> {
    if let Some(i) = v.as_int() {
        return Some(Small::of_int(i));
    }
    small_of(v)
}

/// Allocates an instance of `cls` (`Decimal` or a subclass) holding `dec`.
pub(crate) fn alloc(vm: &mut Vm, cls: Value, dec: Dec) -> Value {
    if let Some(s) = dec.small() {
        return alloc_small(vm, cls, s);
    }
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co);
    vm.ctx
        .alloc_native_with_values(K_INSTANCE, cls, n, DecVal { dec })
}

/// Allocates an instance of `cls` (`Decimal` or a subclass) holding `s`.
#[inline]
pub(crate) fn alloc_small(vm: &mut Vm, cls: Value, s: Small) -> Value {
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co);
    vm.ctx
        .alloc_native_with_values(K_INSTANCE, cls, n, DecSmall(s))
}

use super::context::{
    self, add_signals, add_status, add_status_seen, ctx_arg, ctx_of, rounding_arg, CtxVal,
};
use super::convert;
use super::ffi::{self, small, Ctx, Rounding, Special};
use super::module_state;
use super::signals::Signal;
use crate::args::Args;
use engine::runtime::ops::Num;
use num_bigint::BigInt;
use std::ops::Deref;

/// A new `Decimal` holding `dec`.
pub(crate) fn new_dec(vm: &mut Vm, dec: Dec) -> PyResult<Value> {
    let t = module_state(vm, super::ST_DECIMAL)?;
    Ok(alloc(vm, t, dec))
}

/// A new `Decimal` holding `s`.
#[inline]
fn new_small(vm: &mut Vm, s: Small) -> PyResult<Value> {
    let t = module_state(vm, super::ST_DECIMAL)?;
    Ok(alloc_small(vm, t, s))
}

/// An operand: a Decimal argument's value, or an int converted exactly.
pub(crate) enum Op {
    B(&'static DecNum),
    O(Dec),
}

impl Deref for Op {
    type Target = DecNum;
    fn deref(&self) -> &DecNum {
        match self {
            Op::B(d) => d,
            Op::O(d) => d,
        }
    }
}

fn int_dec(n: Num) -> Dec {
    match n {
        Num::I(i) => Dec::from_small(ffi::Small::of_int(i)),
        Num::B(b) => convert::from_bigint(b),
        Num::F(_) => unreachable!("int_dec takes ints"),
    }
}

/// A Decimal or int as an operand, `None` for anything else.
fn to_op(vm: &Vm, v: Value) -> Option<Op> {
    if let Some(d) = dec_of(v) {
        return Some(d);
    }
    match vm.num(v) {
        Some(n @ (Num::I(_) | Num::B(_))) => Some(Op::O(int_dec(n))),
        _ => None,
    }
}

fn conv_error(vm: &mut Vm, v: Value) -> PyException {
    let tn = type_short_name(vm.type_of(v));
    vm.type_error(&format!("conversion from {tn} to Decimal is not supported"))
}

/// A Decimal or int operand, TypeError for anything else.
fn op_arg(vm: &mut Vm, v: Value) -> PyResult<Op> {
    match to_op(vm, v) {
        Some(o) => Ok(o),
        None => Err(conv_error(vm, v)),
    }
}

/// Runs `f` in the context `ctxv`, records its status (raising a trapped signal) and
/// returns the result as a new Decimal.
fn run(vm: &mut Vm, ctxv: Value, f: impl FnOnce(&mut Ctx) -> Dec) -> PyResult<Value> {
    let c = ctx_of(ctxv).expect("a context");
    let fields = c.get();
    let mut cx = fields.ctx();
    let r = f(&mut cx);
    add_status_seen(vm, c, &fields, cx.status())?;
    new_dec(vm, r)
}

/// [`run`] for an operation on [`Small`]s: `None` when `f` leaves the operation to
/// decNumber (having signalled nothing).
#[inline(always)]
fn run_small(
    vm: &mut Vm,
    c: &CtxVal,
    f: impl FnOnce(&mut Ctx) -> Option<Small>,
) -> PyResult<Option<Value>> {
    let fields = c.get();
    let mut cx = fields.ctx();
    let Some(r) = f(&mut cx) else {
        return Ok(None);
    };
    add_status_seen(vm, c, &fields, cx.status())?;
    new_small(vm, r).map(Some)
}

/// Parses method arguments: `a[0]` is self, then `names` positionally or by keyword;
/// the first `req` are required. The errors are those of CPython's
/// `PyArg_ParseTupleAndKeywords` for a format without a function name, as
/// the C module's methods parse theirs ("function takes at most 2 arguments").
fn method_args<const N: usize>(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    names: [&str; N],
    req: usize,
) -> PyResult<[Option<Value>; N]> {
    // Positional arguments only (`x.quantize(c)`), as many as allowed.
    let kn = Obj::from_value(k);
    let np = a.len() - 1;
    if kn.is_none() && (req..=N).contains(&np) {
        let mut out = [None; N];
        for (o, &v) in out.iter_mut().zip(&a[1..]) {
            *o = Some(v);
        }
        return Ok(out);
    }
    // The keywords are read where they lie (no vector: `quantize(c,
    // rounding=r)` runs in loops); `used` marks the ones taken.
    let nk = kn.map_or(0, |o| o.n_values());
    let np = a.len() - 1 - nk;
    if np + nk > N {
        return Err(vm.type_error(&format!(
            "function takes at most {N} {}argument{} ({} given)",
            if np == 0 { "keyword " } else { "" },
            if N == 1 { "" } else { "s" },
            np + nk
        )));
    }
    let mut used = 0u32;
    let mut out = [None; N];
    for (i, n) in names.iter().enumerate() {
        // Keyword names are strs: an ASCII name equals only their ASCII text.
        let by_name = kn.and_then(|ko| (0..nk).find(|&j| str_bytes(ko.get(j)) == n.as_bytes()));
        if let Some(j) = by_name {
            used |= 1 << j;
        }
        if i < np {
            if by_name.is_some() {
                return Err(vm.type_error(&format!(
                    "argument for function given by name ('{n}') and position ({})",
                    i + 1
                )));
            }
            out[i] = Some(a[1 + i]);
        } else {
            out[i] = by_name.map(|j| a[1 + np + j]);
        }
        if i < req && out[i].is_none() {
            return Err(vm.type_error(&format!(
                "function missing required argument '{n}' (pos {})",
                i + 1
            )));
        }
    }
    if let Some(ko) = kn {
        if let Some(j) = (0..nk).find(|&j| used & (1 << j) == 0) {
            let kname = str_of(ko.get(j)).into_owned();
            return Err(vm.type_error(&format!(
                "'{kname}' is an invalid keyword argument for this function"
            )));
        }
    }
    Ok(out)
}

/// The argument check of a Context method of `n` operands (the C module's
/// `PyArg_ParseTuple(args, "OO", ...)`), with CPython's messages.
fn ctx_args(vm: &mut Vm, name: &str, a: &[Value], k: Value, n: usize) -> PyResult<()> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error(&format!("{name}() takes no keyword arguments")));
    }
    let got = a.len().saturating_sub(1);
    if got != n {
        return Err(vm.type_error(&format!(
            "function takes exactly {n} arguments ({got} given)"
        )));
    }
    Ok(())
}

fn self_dec(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Op> {
    match a.first().copied().and_then(dec_of) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(&format!(
            "descriptor '{what}' requires a 'decimal.Decimal' object"
        ))),
    }
}

fn self_ctx(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<&'static CtxVal> {
    match a.first().copied().and_then(ctx_of) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(&format!(
            "descriptor '{what}' requires a 'decimal.Context' object"
        ))),
    }
}

// ------------------------------------------------------------------ construction

/// The exact Decimal of a string (after the C module's preparation); a syntax error
/// signals InvalidOperation([ConversionSyntax]) in `ctxv` and gives NaN if not trapped.
fn from_str_exact(vm: &mut Vm, s: &str, ctxv: Value) -> PyResult<Dec> {
    let c = ctx_of(ctxv).expect("a context");
    let parsed = convert::numeric_ascii(s, true).map(|t| Dec::parse_exact(&t));
    match parsed {
        // An exact subnormal is exact.
        Some((d, st)) if st & !ffi::SUBNORMAL == 0 => Ok(d),
        Some((_, st)) if st & ffi::CONVERSION_SYNTAX == 0 => {
            // Not representable exactly (exponent out of range).
            add_status(vm, c, ffi::INVALID_OPERATION)?;
            Ok(Dec::special(false, Special::QNaN, &[]))
        }
        _ => {
            add_status(vm, c, ffi::CONVERSION_SYNTAX)?;
            Ok(Dec::special(false, Special::QNaN, &[]))
        }
    }
}

fn is_bool(v: Value) -> bool {
    v == Value::TRUE || v == Value::FALSE
}

/// The numeric string of a (sign, digits, exponent) tuple or list, checked as the C
/// module checks it; the constructor converts it exactly, `create_decimal` in the context.
fn tuple_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let items = vm.collect(v)?;
    if items.len() != 3 {
        return Err(vm.value_error("argument must be a sequence of length 3"));
    }
    let sign = match vm.num(items[0]) {
        Some(Num::I(0)) if !is_bool(items[0]) => false,
        Some(Num::I(1)) if !is_bool(items[0]) => true,
        _ if vm.is_int_like(items[0]) && !is_bool(items[0]) => {
            return Err(vm.value_error("sign must be an integer with the value 0 or 1"))
        }
        _ => return Err(vm.value_error("sign must be an integer with the value 0 or 1")),
    };
    let exp = items[2];
    let mut special = None;
    let mut e: Option<BigInt> = None;
    if is_str(exp) {
        special = match &*str_of(exp) {
            "F" => Some(Special::Inf),
            "n" => Some(Special::QNaN),
            "N" => Some(Special::SNaN),
            _ => {
                return Err(
                    vm.value_error("string argument in the third position must be 'F', 'n' or 'N'")
                )
            }
        };
    } else {
        match vm.num(exp) {
            Some(Num::I(i)) if !is_bool(exp) => e = Some(BigInt::from(i)),
            Some(Num::B(b)) => {
                // The C module reads the exponent as a C ssize_t.
                if i64::try_from(b).is_err() {
                    return Err(vm.new_exc(
                        vm.g.e.OverflowError,
                        "Python int too large to convert to C ssize_t",
                    ));
                }
                e = Some(b.clone())
            }
            _ => return Err(vm.value_error("exponent must be an integer")),
        }
    }
    let dv = items[1];
    if !(vm.isinstance(dv, vm.g.types.tuple) || vm.isinstance(dv, vm.g.types.list)) {
        return Err(vm.value_error("coefficient must be a tuple of digits"));
    }
    let ds = vm.collect(dv)?;
    let mut digits = Vec::with_capacity(ds.len());
    for x in ds {
        match vm.num(x) {
            Some(Num::I(i)) if (0..=9).contains(&i) && !is_bool(x) => digits.push(i as u8),
            _ => return Err(vm.value_error("coefficient must be a tuple of digits")),
        }
    }
    if let Some(sp) = special {
        let mut s = String::from(if sign { "-" } else { "" });
        s.push_str(match sp {
            Special::Inf => "Infinity",
            Special::QNaN => "NaN",
            Special::SNaN => "sNaN",
        });
        if sp != Special::Inf {
            for d in &digits {
                s.push((b'0' + d) as char);
            }
        }
        return Ok(s);
    }
    if digits.is_empty() {
        digits.push(0);
    }
    let mut s = String::from(if sign { "-" } else { "" });
    for d in &digits {
        s.push((b'0' + d) as char);
    }
    s.push('E');
    s.push_str(&e.expect("an exponent").to_string());
    Ok(s)
}

fn is_tuple_or_list(vm: &Vm, v: Value) -> bool {
    vm.isinstance(v, vm.g.types.tuple) || vm.isinstance(v, vm.g.types.list)
}

/// `Decimal.__new__(cls, value="0", context=None)`.
fn dec_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // `Decimal(i)` of an int held in the value: exact, in no context.
    if let ([cls, v], None) = (a, Obj::from_value(k)) {
        if let Some(i) = v.as_int() {
            let s = Small::of_int(i);
            return Ok(alloc_small(vm, *cls, s));
        }
    }
    let mut args = Args::new(a, k);
    let cls = args.get(0, "cls").unwrap_or(Value::NONE);
    if args.pos.len() > 3 {
        return Err(vm.type_error(&format!(
            "function takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let value = args.get(1, "value");
    let context = args.get(2, "context");
    args.no_more_kw(vm, "Decimal")?;
    let ctxv = ctx_arg(vm, context)?;
    let Some(value) = value else {
        return Ok(alloc(vm, cls, Dec::from_parts(false, &[0], 0)));
    };
    let dec = exact_from(vm, value, ctxv, cls, true)?;
    match dec {
        Ok(d) => Ok(alloc(vm, cls, d)),
        Err(same) => Ok(same),
    }
}

/// The exact conversion of Decimal's constructor: `Ok(Err(v))` when `v` itself is the
/// result (an exact Decimal of the requested type).
fn exact_from(
    vm: &mut Vm,
    value: Value,
    ctxv: Value,
    cls: Value,
    float_op: bool,
) -> PyResult<Result<Dec, Value>> {
    if let Some(d) = dec_of(value) {
        if vm.type_of(value) == cls && !is_heap_type(cls) {
            return Ok(Err(value));
        }
        return Ok(Ok(d.to_dec()));
    }
    if is_str(value) {
        let s = str_of(value);
        return Ok(Ok(from_str_exact(vm, &s, ctxv)?));
    }
    match vm.num(value) {
        Some(Num::F(f)) => {
            if float_op {
                let c = ctx_of(ctxv).expect("a context");
                add_signals(vm, c, Signal::FloatOperation.bit(), 0)?;
            }
            return Ok(Ok(convert::from_f64(f)));
        }
        Some(n) => return Ok(Ok(int_dec(n))),
        None => {}
    }
    if is_tuple_or_list(vm, value) {
        let s = tuple_string(vm, value)?;
        return Ok(Ok(from_str_exact(vm, &s, ctxv)?));
    }
    let tn = type_short_name(vm.type_of(value));
    Err(vm.type_error(&format!("conversion from {tn} to Decimal is not supported")))
}

/// Rounds `d` to the context as the C module's `PyDec_Apply` (a NaN whose payload is
/// too long for the context is a conversion syntax error).
fn apply_ctx(d: &DecNum, cx: &mut Ctx) -> Dec {
    if d.is_nan() {
        let max = cx.digits() - cx.clamp() as i32;
        if d.digits() > max && !(d.digits() == 1 && d.is_zero_payload()) {
            cx.add_status(ffi::CONVERSION_SYNTAX);
            return Dec::special(false, Special::QNaN, &[]);
        }
        return d.to_dec();
    }
    let s = d.to_sci_string();
    Dec::parse(&s, cx)
}

/// A numeric string (prepared by `numeric_ascii`; `None`: a syntax error) converted in
/// the context `ctxv`, as `Context.create_decimal` does.
fn create_from_str(vm: &mut Vm, ctxv: Value, t: Option<String>) -> PyResult<Dec> {
    let c = ctx_of(ctxv).expect("a context");
    let mut cx = c.get().ctx();
    let d = match t {
        Some(t) => {
            let d = Dec::parse(&t, &mut cx);
            if d.is_nan() && cx.status() & ffi::CONVERSION_SYNTAX == 0 {
                apply_ctx(&d, &mut cx)
            } else {
                d
            }
        }
        None => {
            cx.add_status(ffi::CONVERSION_SYNTAX);
            Dec::special(false, Special::QNaN, &[])
        }
    };
    add_status(vm, c, cx.status())?;
    Ok(d)
}

/// `Context.create_decimal(num="0")`.
fn ctx_create_decimal(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    self_ctx(vm, a, "create_decimal")?;
    let [num] = method_args(vm, a, k, ["num"], 0)?;
    let ctxv = a[0];
    let d = match num {
        None => Dec::from_parts(false, &[0], 0),
        Some(v) if is_str(v) => {
            let s = str_of(v);
            create_from_str(vm, ctxv, convert::numeric_ascii(&s, false))?
        }
        Some(v) if is_tuple_or_list(vm, v) => {
            // As the C module: the tuple's string, converted in the context.
            let s = tuple_string(vm, v)?;
            create_from_str(vm, ctxv, Some(s))?
        }
        Some(v) => {
            let dt = module_state(vm, super::ST_DECIMAL)?;
            let d = match exact_from(vm, v, ctxv, dt, true)? {
                Ok(d) => d,
                Err(same) => dec_of(same).expect("decimal").to_dec(),
            };
            let c = ctx_of(ctxv).expect("a context");
            let mut cx = c.get().ctx();
            let r = apply_ctx(&d, &mut cx);
            add_status(vm, c, cx.status())?;
            r
        }
    };
    new_dec(vm, d)
}

/// The exact value of a float or int argument (`from_float`'s conversion).
fn float_or_int_dec(vm: &mut Vm, v: Value) -> PyResult<Dec> {
    match vm.num(v) {
        Some(Num::F(f)) => Ok(convert::from_f64(f)),
        Some(n) => Ok(int_dec(n)),
        None => Err(vm.type_error("argument must be int or float")),
    }
}

/// `Context.create_decimal_from_float(f)`.
fn ctx_create_from_float(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let c = self_ctx(vm, a, "create_decimal_from_float")?;
    crate::args::check_method(vm, "create_decimal_from_float", a, k, 1, 1)?;
    let d = float_or_int_dec(vm, a[1])?;
    let mut cx = c.get().ctx();
    let r = apply_ctx(&d, &mut cx);
    add_status(vm, c, cx.status())?;
    new_dec(vm, r)
}

/// `Context._apply(a)` / `Context.apply(a)`.
fn ctx_apply(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let c = self_ctx(vm, a, "apply")?;
    crate::args::check_method(vm, "apply", a, k, 1, 1)?;
    let x = op_arg(vm, a[1])?;
    let mut cx = c.get().ctx();
    let r = apply_ctx(&x, &mut cx);
    add_status(vm, c, cx.status())?;
    new_dec(vm, r)
}

/// `Decimal.from_float(f)` (classmethod): exact; a subclass is called with the result.
fn dec_from_float(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "from_float", a, k, 1, 1)?;
    let cls = a[0];
    let d = float_or_int_dec(vm, a[1])?;
    let dt = module_state(vm, super::ST_DECIMAL)?;
    let v = alloc(vm, dt, d);
    if cls == dt {
        return Ok(v);
    }
    let mark = vm.push_root(v);
    let r = vm.call(cls, &[v], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ str, repr, hash

fn capitals_of(vm: &mut Vm, ctx: Option<Value>) -> PyResult<bool> {
    let c = ctx_arg(vm, ctx)?;
    Ok(ctx_of(c).expect("a context").capitals())
}

fn with_capitals(s: String, capitals: bool) -> String {
    if capitals {
        s
    } else {
        s.replace('E', "e")
    }
}

fn dec_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    if let Some(x) = a.first().copied().and_then(small_of) {
        // The context is read only for an exponent's letter: plain notation
        // (a price, a total) needs no context lookup.
        let caps = !x.sci_has_exponent() || capitals_of(vm, None)?;
        let mut buf = [0u8; small::SCI_MAX];
        let n = x.write_sci(caps, &mut buf);
        return Ok(vm.new_str_ascii(&buf[..n]));
    }
    let d = &self_dec(vm, a, "__str__")?;
    let caps = capitals_of(vm, None)?;
    if caps {
        return Ok(d.with_sci_str(|s| vm.new_str(s)));
    }
    Ok(vm.new_str(&with_capitals(d.to_sci_string(), caps)))
}

fn dec_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = &self_dec(vm, a, "__repr__")?;
    let caps = capitals_of(vm, None)?;
    Ok(vm.new_str(&format!(
        "Decimal('{}')",
        with_capitals(d.to_sci_string(), caps)
    )))
}

fn dec_to_eng_string(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = &self_dec(vm, a, "to_eng_string")?;
    let [c] = method_args(vm, a, k, ["context"], 0)?;
    let caps = capitals_of(vm, c)?;
    Ok(vm.new_str(&with_capitals(d.to_eng_string(), caps)))
}

fn ctx_to_sci_string(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let c = self_ctx(vm, a, "to_sci_string")?;
    crate::args::check_method(vm, "to_sci_string", a, k, 1, 1)?;
    let x = op_arg(vm, a[1])?;
    let caps = c.get().capitals;
    Ok(vm.new_str(&with_capitals(x.to_sci_string(), caps)))
}

fn ctx_to_eng_string(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let c = self_ctx(vm, a, "to_eng_string")?;
    crate::args::check_method(vm, "to_eng_string", a, k, 1, 1)?;
    let x = op_arg(vm, a[1])?;
    let caps = c.get().capitals;
    Ok(vm.new_str(&with_capitals(x.to_eng_string(), caps)))
}

fn dec_bool(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = &self_dec(vm, a, "__bool__")?;
    Ok(Value::bool(!d.is_zero()))
}

/// `Decimal.__hash__`: CPython's numeric hash; signalling NaNs refuse, quiet NaNs hash
/// by identity (`object.__hash__`).
fn dec_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = &self_dec(vm, a, "__hash__")?;
    if d.is_snan() {
        return Err(vm.type_error("Cannot hash a signaling NaN value"));
    }
    if d.is_nan() {
        return engine::runtime::ops::object_hash_marker(vm, a, Value::EMPTY);
    }
    Ok(vm.new_int(convert::hash_finite(d)))
}

// ------------------------------------------------------------------ operators

/// The operation on [`Small`]s of a binary operator, `None` when it leaves the
/// result to decNumber.
type SmallOp = fn(Small, Small, &mut Ctx) -> Option<Small>;

/// A binary operator: NotImplemented unless both are Decimals or ints.
#[inline(always)]
fn binop(
    vm: &mut Vm,
    a: &[Value],
    swap: bool,
    f: fn(&DecNum, &DecNum, &mut Ctx) -> Dec,
    fs: Option<SmallOp>,
) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error("expected 1 argument"));
    }
    // Short finite operands (the usual case) are computed on in machine integers.
    if let (Some(fs), Some(x), Some(y)) = (fs, small_operand(a[0]), small_operand(a[1])) {
        let (x, y) = if swap { (y, x) } else { (x, y) };
        let c = context::current_ctx(vm)?;
        if let Some(r) = run_small(vm, c, |cx| fs(x, y, cx))? {
            return Ok(r);
        }
    }
    let (Some(x), Some(y)) = (to_op(vm, a[0]), to_op(vm, a[1])) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (x, y): (&DecNum, &DecNum) = if swap { (&y, &x) } else { (&x, &y) };
    let ctxv = context::current(vm)?;
    run(vm, ctxv, |cx| f(x, y, cx))
}

macro_rules! binops {
    ($($name:ident, $rname:ident => $f:expr, $fs:expr;)*) => {$(
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            binop(vm, a, false, $f, $fs)
        }
        fn $rname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            binop(vm, a, true, $f, $fs)
        }
    )*};
}

binops! {
    dec_add, dec_radd => DecNum::add, Some(|x, y, cx| small::add_s(x, y, false, cx));
    dec_sub, dec_rsub => DecNum::subtract, Some(|x, y, cx| small::add_s(x, y, true, cx));
    dec_mul, dec_rmul => DecNum::multiply, Some(small::multiply_s);
    dec_truediv, dec_rtruediv => DecNum::divide, Some(small::divide_s);
    dec_floordiv, dec_rfloordiv => DecNum::divide_integer, Some(small::divide_integer_s);
    dec_mod, dec_rmod => DecNum::remainder, None;
}

/// divmod in one context: (divide_integer, remainder), statuses combined.
fn divmod_pair(x: &DecNum, y: &DecNum, cx: &mut Ctx) -> (Dec, Dec) {
    let q = x.divide_integer(y, cx);
    let r = x.remainder(y, cx);
    if q.is_nan() && !r.is_nan() {
        return (q.clone(), q);
    }
    (q, r)
}

fn divmod_result(vm: &mut Vm, ctxv: Value, x: &DecNum, y: &DecNum) -> PyResult<Value> {
    let c = ctx_of(ctxv).expect("a context");
    let mut cx = c.get().ctx();
    let (q, r) = divmod_pair(x, y, &mut cx);
    add_status(vm, c, cx.status())?;
    let q = new_dec(vm, q)?;
    let mark = vm.push_root(q);
    let r = new_dec(vm, r)?;
    vm.push_root(r);
    let t = vm.new_tuple(&[q, r]);
    vm.pop_roots(mark);
    Ok(t)
}

fn divmod_op(vm: &mut Vm, a: &[Value], swap: bool) -> PyResult<Value> {
    let (Some(x), Some(y)) = (to_op(vm, a[0]), to_op(vm, a[1])) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (x, y) = if swap { (y, x) } else { (x, y) };
    let ctxv = context::current(vm)?;
    divmod_result(vm, ctxv, &x, &y)
}

fn dec_divmod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    divmod_op(vm, a, false)
}

fn dec_rdivmod(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    divmod_op(vm, a, true)
}

fn ctx_divmod(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    self_ctx(vm, a, "divmod")?;
    ctx_args(vm, "divmod", a, k, 2)?;
    let x = op_arg(vm, a[1])?;
    let y = op_arg(vm, a[2])?;
    divmod_result(vm, a[0], &x, &y)
}

/// `pow(x, y, m)` on integers: the specification's power-modulo.
fn powmod(x: &DecNum, y: &DecNum, m: &DecNum, cx: &mut Ctx) -> Dec {
    let nan = |cx: &mut Ctx| {
        cx.add_status(ffi::INVALID_OPERATION);
        Dec::special(false, Special::QNaN, &[])
    };
    for d in [x, y, m] {
        if d.is_snan() {
            cx.add_status(ffi::INVALID_OPERATION);
            return d.copy_quiet();
        }
    }
    for d in [x, y, m] {
        if d.is_nan() {
            return d.copy_quiet();
        }
    }
    let integral = |d: &DecNum| {
        d.is_finite()
            && d.to_integral_value(&mut Ctx::exact(d.digits()))
                .cmp_numeric(d)
                .is_eq()
    };
    if !integral(x) || !integral(y) || !integral(m) {
        return nan(cx);
    }
    let (Some(xi), Some(yi), Some(mi)) = (
        convert::to_bigint_trunc(x),
        convert::to_bigint_trunc(y),
        convert::to_bigint_trunc(m),
    ) else {
        return nan(cx);
    };
    use num_traits::{Signed, Zero};
    if yi.is_negative() || mi.is_zero() || (xi.is_zero() && yi.is_zero()) {
        return nan(cx);
    }
    let mabs = mi.abs();
    if mabs.to_string().len() as i32 > cx.digits() {
        return nan(cx);
    }
    let r = xi.abs().modpow(&yi, &mabs);
    // The sign follows x's (a negative zero's too) for an odd power.
    let neg = x.is_negative() && num_integer::Integer::is_odd(&yi);
    let r = if neg { -r } else { r };
    let mut d = convert::from_bigint(&r);
    if r.is_zero() && neg {
        d = d.copy_negate();
    }
    d
}

fn pow_common(
    vm: &mut Vm,
    x: Value,
    y: Value,
    m: Option<Value>,
    ctxv: Value,
    raise: bool,
) -> PyResult<Value> {
    let (xo, yo) = if raise {
        (op_arg(vm, x)?, op_arg(vm, y)?)
    } else {
        match (to_op(vm, x), to_op(vm, y)) {
            (Some(a), Some(b)) => (a, b),
            _ => return Ok(Value::NOT_IMPLEMENTED),
        }
    };
    match m {
        None => run(vm, ctxv, |cx| xo.power(&yo, cx)),
        Some(m) if m == Value::NONE => run(vm, ctxv, |cx| xo.power(&yo, cx)),
        Some(m) => {
            let mo = if raise {
                op_arg(vm, m)?
            } else {
                match to_op(vm, m) {
                    Some(o) => o,
                    None => return Ok(Value::NOT_IMPLEMENTED),
                }
            };
            run(vm, ctxv, |cx| powmod(&xo, &yo, &mo, cx))
        }
    }
}

fn dec_pow(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let ctxv = context::current(vm)?;
    pow_common(vm, a[0], a[1], a.get(2).copied(), ctxv, false)
}

fn dec_rpow(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let ctxv = context::current(vm)?;
    pow_common(vm, a[1], a[0], a.get(2).copied(), ctxv, false)
}

fn ctx_power(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    self_ctx(vm, a, "power")?;
    let [x, y, m] = method_args(vm, a, k, ["a", "b", "modulo"], 2)?;
    pow_common(vm, x.expect("a"), y.expect("b"), m, a[0], true)
}

fn unop(vm: &mut Vm, a: &[Value], f: fn(&DecNum, &mut Ctx) -> Dec, what: &str) -> PyResult<Value> {
    self_dec(vm, a, what)?;
    let ctxv = context::current(vm)?;
    let x = &dec_of(a[0]).expect("decimal");
    run(vm, ctxv, |cx| f(x, cx))
}

fn dec_neg(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    unop(vm, a, DecNum::minus, "__neg__")
}
fn dec_pos(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    unop(vm, a, DecNum::plus, "__pos__")
}
fn dec_abs(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    unop(vm, a, DecNum::abs, "__abs__")
}

// ------------------------------------------------------------------ comparison

/// The other operand of a comparison: Decimal/int exactly, float (and complex with no
/// imaginary part for ==/!=) with the FloatOperation signal, Rational by cross
/// multiplication. `Err(None)`: NotImplemented.
enum CmpOther {
    Dec(Op),
    /// A rational p/q: compare self*q with p.
    Ratio(Dec, Dec),
}

fn cmp_other(vm: &mut Vm, w: Value, eq: bool, ctxv: Value) -> PyResult<Option<CmpOther>> {
    if let Some(o) = to_op(vm, w) {
        return Ok(Some(CmpOther::Dec(o)));
    }
    let mut fv = None;
    if let Some(Num::F(f)) = vm.num(w) {
        fv = Some(f);
    } else if eq && vm.isinstance(w, vm.g.types.complex) {
        let im = {
            let n = vm.intern("imag");
            vm.getattr(w, n)?
        };
        let re = {
            let n = vm.intern("real");
            vm.getattr(w, n)?
        };
        let (Some(im), Some(re)) = (vm.as_f64(im), vm.as_f64(re)) else {
            return Ok(None);
        };
        if im != 0.0 {
            return Ok(None);
        }
        fv = Some(re);
    }
    if let Some(f) = fv {
        let c = ctx_of(ctxv).expect("a context");
        if eq {
            c.update(|g| g.flags |= Signal::FloatOperation.bit());
        } else {
            add_signals(vm, c, Signal::FloatOperation.bit(), 0)?;
        }
        return Ok(Some(CmpOther::Dec(Op::O(convert::from_f64(f)))));
    }
    let numbers = vm.import_module("numbers")?;
    let rational = {
        let n = vm.intern("Rational");
        vm.getattr(numbers, n)?
    };
    if crate::builtins::isinstance_impl(vm, w, rational)? {
        let n = {
            let n = vm.intern("numerator");
            vm.getattr(w, n)?
        };
        let mark = vm.push_root(n);
        let d = {
            let n = vm.intern("denominator");
            vm.getattr(w, n)?
        };
        vm.pop_roots(mark);
        let (Some(n), Some(d)) = (to_op(vm, n), to_op(vm, d)) else {
            return Ok(None);
        };
        return Ok(Some(CmpOther::Ratio(n.to_dec(), d.to_dec())));
    }
    Ok(None)
}

/// `x*q` exactly, for finite `x` and `q`: the coefficients are multiplied, then the
/// exponents added, so that a product below the smallest exponent of a context of the
/// product's digits (1E-1999999997 * 1) is not rounded away.
fn times_exact(x: &DecNum, q: &DecNum) -> Dec {
    let mut cx = Ctx::exact((x.digits() + q.digits()).min(ffi::MAX_DIGITS));
    let exp = x.exponent() as i64 + q.exponent() as i64;
    if x.is_finite() && q.is_finite() && i32::try_from(exp).is_ok() {
        let xi = Dec::from_parts(x.is_negative(), &x.coefficient_digits(), 0);
        let qi = Dec::from_parts(q.is_negative(), &q.coefficient_digits(), 0);
        let r = xi.multiply(&qi, &mut cx);
        return Dec::from_parts(r.is_negative(), &r.coefficient_digits(), exp as i32);
    }
    x.multiply(q, &mut cx)
}

fn richcmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (
        a.first().copied().and_then(small_of),
        a.get(1).copied().and_then(small_operand),
    ) {
        return Ok(Value::bool(engine::runtime::ops::cmp_op(
            small::cmp_s(x, y),
            op,
        )));
    }
    let Some(x) = a.first().copied().and_then(dec_of) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let eq = op == 2 || op == 3;
    // The context only for a float, a complex, or a NaN's signal.
    let other = match to_op(vm, a[1]) {
        Some(o) => CmpOther::Dec(o),
        None => {
            let ctxv = context::current(vm)?;
            match cmp_other(vm, a[1], eq, ctxv)? {
                Some(o) => o,
                None => return Ok(Value::NOT_IMPLEMENTED),
            }
        }
    };
    let (xl, yr): (Op, Op) = match other {
        CmpOther::Dec(o) => (x, o),
        CmpOther::Ratio(p, q) => {
            if x.is_special() {
                (x, Op::O(p))
            } else {
                (Op::O(times_exact(&x, &q)), Op::O(p))
            }
        }
    };
    if xl.is_nan() || yr.is_nan() {
        if xl.is_snan() || yr.is_snan() || !eq {
            let ctxv = context::current(vm)?;
            let c = ctx_of(ctxv).expect("a context");
            add_status(vm, c, ffi::INVALID_OPERATION)?;
        }
        return Ok(Value::bool(op == 3));
    }
    let ord = xl.cmp_numeric(&yr);
    use std::cmp::Ordering::*;
    let r = match op {
        0 => ord == Less,
        1 => ord != Greater,
        2 => ord == Equal,
        3 => ord != Equal,
        4 => ord == Greater,
        _ => ord != Less,
    };
    Ok(Value::bool(r))
}

macro_rules! cmps {
    ($($f:ident = $op:expr;)*) => {$(
        fn $f(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            richcmp(vm, a, $op)
        }
    )*};
}

cmps! {
    dec_lt = 0;
    dec_le = 1;
    dec_eq = 2;
    dec_ne = 3;
    dec_gt = 4;
    dec_ge = 5;
}

// ------------------------------------------------------------------ methods

/// Context methods of one operand: `Context.name(x)`.
macro_rules! ctx_unary_methods {
    ($($cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            self_ctx(vm, a, $n)?;
            crate::args::check_method(vm, $n, a, k, 1, 1)?;
            let x = op_arg(vm, a[1])?;
            run(vm, a[0], |cx| $f(&x, cx))
        }
    )*};
}

/// Context methods of two operands: `Context.name(x, y)`.
macro_rules! ctx_binary_methods {
    ($($cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            self_ctx(vm, a, $n)?;
            ctx_args(vm, $n, a, k, 2)?;
            let x = op_arg(vm, a[1])?;
            let y = op_arg(vm, a[2])?;
            run(vm, a[0], |cx| $f(&x, &y, cx))
        }
    )*};
}

/// `Decimal.name(context=None)` and `Context.name(x)`.
macro_rules! unary_methods {
    ($($dname:ident, $cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $dname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let x = &self_dec(vm, a, $n)?;
            let [c] = method_args(vm, a, k, ["context"], 0)?;
            let ctxv = ctx_arg(vm, c)?;
            run(vm, ctxv, |cx| $f(x, cx))
        }
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            self_ctx(vm, a, $n)?;
            crate::args::check_method(vm, $n, a, k, 1, 1)?;
            let x = op_arg(vm, a[1])?;
            run(vm, a[0], |cx| $f(&x, cx))
        }
    )*};
}

/// `Decimal.name(other, context=None)` and `Context.name(x, y)`.
macro_rules! binary_methods {
    ($($dname:ident, $cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $dname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let x = &self_dec(vm, a, $n)?;
            let [o, c] = method_args(vm, a, k, ["other", "context"], 1)?;
            let ctxv = ctx_arg(vm, c)?;
            let y = op_arg(vm, o.expect("other"))?;
            run(vm, ctxv, |cx| $f(x, &y, cx))
        }
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            self_ctx(vm, a, $n)?;
            ctx_args(vm, $n, a, k, 2)?;
            let x = op_arg(vm, a[1])?;
            let y = op_arg(vm, a[2])?;
            run(vm, a[0], |cx| $f(&x, &y, cx))
        }
    )*};
}

fn normalize(x: &DecNum, cx: &mut Ctx) -> Dec {
    x.reduce(cx)
}

unary_methods! {
    dm_exp, cm_exp, "exp" => DecNum::exp;
    dm_ln, cm_ln, "ln" => DecNum::ln;
    dm_log10, cm_log10, "log10" => DecNum::log10;
    dm_logb, cm_logb, "logb" => DecNum::logb;
    dm_logical_invert, cm_logical_invert, "logical_invert" => DecNum::invert;
    dm_next_minus, cm_next_minus, "next_minus" => DecNum::next_minus;
    dm_next_plus, cm_next_plus, "next_plus" => DecNum::next_plus;
    dm_normalize, cm_normalize, "normalize" => normalize;
    dm_sqrt, cm_sqrt, "sqrt" => DecNum::sqrt;
}

ctx_unary_methods! {
    cm_plus, "plus" => DecNum::plus;
    cm_minus, "minus" => DecNum::minus;
    cm_abs, "abs" => DecNum::abs;
}

/// `x` with only the last `precision` digits of a longer coefficient, as
/// mpdecimal's rotate and shift take it; None when it already fits.
fn last_precision_digits(x: &DecNum, cx: &Ctx) -> Option<Dec> {
    if x.is_finite() && x.digits() > cx.digits() {
        let d = x.coefficient_digits();
        let keep = &d[d.len() - cx.digits() as usize..];
        return Some(Dec::from_parts(x.is_negative(), keep, x.exponent()));
    }
    None
}

/// rotate keeps the last `precision` digits of a longer coefficient first (mpdecimal).
fn rotate(x: &DecNum, y: &DecNum, cx: &mut Ctx) -> Dec {
    match last_precision_digits(x, cx) {
        Some(t) => t.rotate(y, cx),
        None => x.rotate(y, cx),
    }
}

/// shift keeps the last `precision` digits of a longer coefficient first (mpdecimal).
fn shift(x: &DecNum, y: &DecNum, cx: &mut Ctx) -> Dec {
    match last_precision_digits(x, cx) {
        Some(t) => t.shift(y, cx),
        None => x.shift(y, cx),
    }
}

/// scaleb rounds a coefficient longer than the precision (mpdecimal; decNumber only
/// moves the exponent).
fn scaleb(x: &DecNum, y: &DecNum, cx: &mut Ctx) -> Dec {
    let r = x.scaleb(y, cx);
    if r.is_finite() && r.digits() > cx.digits() {
        return r.plus(cx);
    }
    r
}

fn add(x: &DecNum, y: &DecNum, cx: &mut Ctx) -> Dec {
    x.add(y, cx)
}

binary_methods! {
    dm_compare, cm_compare, "compare" => DecNum::compare;
    dm_compare_signal, cm_compare_signal, "compare_signal" => DecNum::compare_signal;
    dm_max, cm_max, "max" => DecNum::max;
    dm_max_mag, cm_max_mag, "max_mag" => DecNum::max_mag;
    dm_min, cm_min, "min" => DecNum::min;
    dm_min_mag, cm_min_mag, "min_mag" => DecNum::min_mag;
    dm_next_toward, cm_next_toward, "next_toward" => DecNum::next_toward;
    dm_remainder_near, cm_remainder_near, "remainder_near" => DecNum::remainder_near;
    dm_logical_and, cm_logical_and, "logical_and" => DecNum::and;
    dm_logical_or, cm_logical_or, "logical_or" => DecNum::or;
    dm_logical_xor, cm_logical_xor, "logical_xor" => DecNum::xor;
    dm_rotate, cm_rotate, "rotate" => rotate;
    dm_scaleb, cm_scaleb, "scaleb" => scaleb;
    dm_shift, cm_shift, "shift" => shift;
}

ctx_binary_methods! {
    cm_add, "add" => add;
    cm_subtract, "subtract" => DecNum::subtract;
    cm_multiply, "multiply" => DecNum::multiply;
    cm_divide, "divide" => DecNum::divide;
    cm_divide_int, "divide_int" => DecNum::divide_integer;
    cm_remainder, "remainder" => DecNum::remainder;
}

/// Exact binary methods: the context only converts the operand.
macro_rules! exact_binary_methods {
    ($($dname:ident, $cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $dname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let x = &self_dec(vm, a, $n)?;
            let [o, c] = method_args(vm, a, k, ["other", "context"], 1)?;
            ctx_arg(vm, c)?;
            let y = op_arg(vm, o.expect("other"))?;
            let r = $f(x, &y);
            new_dec(vm, r)
        }
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            self_ctx(vm, a, $n)?;
            ctx_args(vm, $n, a, k, 2)?;
            let x = op_arg(vm, a[1])?;
            let y = op_arg(vm, a[2])?;
            let r = $f(&x, &y);
            new_dec(vm, r)
        }
    )*};
}

fn compare_total(x: &DecNum, y: &DecNum) -> Dec {
    x.compare_total(y, &mut Ctx::exact(1))
}
fn compare_total_mag(x: &DecNum, y: &DecNum) -> Dec {
    x.compare_total_mag(y, &mut Ctx::exact(1))
}

exact_binary_methods! {
    dm_compare_total, cm_compare_total, "compare_total" => compare_total;
    dm_compare_total_mag, cm_compare_total_mag, "compare_total_mag" => compare_total_mag;
    dm_copy_sign, cm_copy_sign, "copy_sign" => DecNum::copy_sign;
}

fn dm_same_quantum(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "same_quantum")?;
    let [o, c] = method_args(vm, a, k, ["other", "context"], 1)?;
    ctx_arg(vm, c)?;
    let y = op_arg(vm, o.expect("other"))?;
    Ok(Value::bool(x.same_quantum(&y)))
}

fn cm_same_quantum(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    self_ctx(vm, a, "same_quantum")?;
    ctx_args(vm, "same_quantum", a, k, 2)?;
    let x = op_arg(vm, a[1])?;
    let y = op_arg(vm, a[2])?;
    Ok(Value::bool(x.same_quantum(&y)))
}

/// Predicates without context.
macro_rules! predicates {
    ($($dname:ident, $cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $dname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let x = &self_dec(vm, a, $n)?;
            crate::args::check_method(vm, $n, a, k, 0, 0)?;
            Ok(Value::bool($f(x)))
        }
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            self_ctx(vm, a, $n)?;
            crate::args::check_method(vm, $n, a, k, 1, 1)?;
            if $n == "is_canonical" && dec_of(a[1]).is_none() {
                return Err(vm.type_error("argument must be a Decimal"));
            }
            let x = op_arg(vm, a[1])?;
            Ok(Value::bool($f(&x)))
        }
    )*};
}

predicates! {
    dm_is_canonical, cm_is_canonical, "is_canonical" => |_: &DecNum| true;
    dm_is_finite, cm_is_finite, "is_finite" => DecNum::is_finite;
    dm_is_infinite, cm_is_infinite, "is_infinite" => DecNum::is_infinite;
    dm_is_nan, cm_is_nan, "is_nan" => DecNum::is_nan;
    dm_is_qnan, cm_is_qnan, "is_qnan" => DecNum::is_qnan;
    dm_is_snan, cm_is_snan, "is_snan" => DecNum::is_snan;
    dm_is_signed, cm_is_signed, "is_signed" => DecNum::is_negative;
    dm_is_zero, cm_is_zero, "is_zero" => DecNum::is_zero;
}

macro_rules! ctx_predicates {
    ($($dname:ident, $cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $dname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let x = &self_dec(vm, a, $n)?;
            let [c] = method_args(vm, a, k, ["context"], 0)?;
            let ctxv = ctx_arg(vm, c)?;
            let mut cx = ctx_of(ctxv).expect("a context").get().ctx();
            Ok(Value::bool($f(x, &mut cx)))
        }
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let c = self_ctx(vm, a, $n)?;
            crate::args::check_method(vm, $n, a, k, 1, 1)?;
            let x = op_arg(vm, a[1])?;
            let mut cx = c.get().ctx();
            Ok(Value::bool($f(&x, &mut cx)))
        }
    )*};
}

ctx_predicates! {
    dm_is_normal, cm_is_normal, "is_normal" => DecNum::is_normal;
    dm_is_subnormal, cm_is_subnormal, "is_subnormal" => DecNum::is_subnormal;
}

fn dm_number_class(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "number_class")?;
    let [c] = method_args(vm, a, k, ["context"], 0)?;
    let ctxv = ctx_arg(vm, c)?;
    let mut cx = ctx_of(ctxv).expect("a context").get().ctx();
    Ok(vm.new_str(x.class_name(&mut cx)))
}

fn cm_number_class(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let c = self_ctx(vm, a, "number_class")?;
    crate::args::check_method(vm, "number_class", a, k, 1, 1)?;
    let x = op_arg(vm, a[1])?;
    let mut cx = c.get().ctx();
    Ok(vm.new_str(x.class_name(&mut cx)))
}

/// Exact unary results of a Context method (copy_abs, copy_negate, canonical, copy_decimal).
macro_rules! ctx_exact_unary {
    ($($cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            self_ctx(vm, a, $n)?;
            crate::args::check_method(vm, $n, a, k, 1, 1)?;
            if $n == "canonical" && dec_of(a[1]).is_none() {
                return Err(vm.type_error("argument must be a Decimal"));
            }
            let x = op_arg(vm, a[1])?;
            let r = $f(&x);
            new_dec(vm, r)
        }
    )*};
}

ctx_exact_unary! {
    cm_copy_abs, "copy_abs" => DecNum::copy_abs;
    cm_copy_negate, "copy_negate" => DecNum::copy_negate;
    cm_canonical, "canonical" => DecNum::to_dec;
    cm_copy_decimal, "copy_decimal" => DecNum::to_dec;
}

fn dm_copy_abs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "copy_abs")?;
    crate::args::check_method(vm, "copy_abs", a, k, 0, 0)?;
    new_dec(vm, x.copy_abs())
}

fn dm_copy_negate(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "copy_negate")?;
    crate::args::check_method(vm, "copy_negate", a, k, 0, 0)?;
    new_dec(vm, x.copy_negate())
}

/// `canonical()`, `conjugate()`, `real`: self (as a Decimal).
fn dm_self(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    self_dec(vm, a, "canonical")?;
    Ok(a[0])
}

fn dm_imag(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    self_dec(vm, a, "imag")?;
    new_dec(vm, Dec::from_parts(false, &[0], 0))
}

fn dm_radix(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    self_dec(vm, a, "radix")?;
    new_dec(vm, Dec::from_parts(false, &[1, 0], 0))
}

fn dm_adjusted(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "adjusted")?;
    if x.is_special() {
        return Ok(vm.new_int(0));
    }
    Ok(vm.new_int(x.exponent() as i64 + x.digits() as i64 - 1))
}

fn rounding_opt(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<Rounding>> {
    match v {
        None => Ok(None),
        Some(v) if v == Value::NONE => Ok(None),
        Some(v) => Ok(Some(rounding_arg(vm, v)?)),
    }
}

fn quantize(
    vm: &mut Vm,
    ctxv: Value,
    x: &DecNum,
    y: &DecNum,
    r: Option<Rounding>,
) -> PyResult<Value> {
    run(vm, ctxv, |cx| {
        if let Some(r) = r {
            cx.set_rounding(r);
        }
        let q = x.quantize(y, cx);
        if x.is_finite() && y.is_finite() && !q.is_finite() {
            // The rounded coefficient needs more digits than the precision: invalid
            // (decNumber reports it as an overflow).
            cx.clear_status();
            cx.add_status(ffi::INVALID_OPERATION);
            return Dec::special(false, Special::QNaN, &[]);
        }
        q
    })
}

fn dm_quantize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    // A short self is checked by `small_of` alone; anything else by `self_dec`.
    let xs = a.first().copied().and_then(small_of);
    if xs.is_none() {
        self_dec(vm, a, "quantize")?;
    }
    let [e, r, c] = method_args(vm, a, k, ["exp", "rounding", "context"], 1)?;
    let ctxv = ctx_arg(vm, c)?;
    let r = rounding_opt(vm, r)?;
    let e = e.expect("exp");
    if let (Some(x), Some(y)) = (xs, small_operand(e)) {
        let c = ctx_of(ctxv).expect("a context");
        let q = run_small(vm, c, |cx| {
            if let Some(r) = r {
                cx.set_rounding(r);
            }
            small::quantize_s(x, y.exp, cx)
        })?;
        if let Some(q) = q {
            return Ok(q);
        }
    }
    let x = &dec_of(a[0]).expect("decimal");
    let y = op_arg(vm, e)?;
    quantize(vm, ctxv, x, &y, r)
}

fn cm_quantize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    self_ctx(vm, a, "quantize")?;
    ctx_args(vm, "quantize", a, k, 2)?;
    if let (Some(x), Some(y)) = (small_operand(a[1]), small_operand(a[2])) {
        let c = ctx_of(a[0]).expect("a context");
        if let Some(q) = run_small(vm, c, |cx| small::quantize_s(x, y.exp, cx))? {
            return Ok(q);
        }
    }
    let x = op_arg(vm, a[1])?;
    let y = op_arg(vm, a[2])?;
    quantize(vm, a[0], &x, &y, None)
}

macro_rules! integral_methods {
    ($($dname:ident, $cname:ident, $n:literal => $f:expr;)*) => {$(
        fn $dname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            let x = &self_dec(vm, a, $n)?;
            let [r, c] = method_args(vm, a, k, ["rounding", "context"], 0)?;
            let ctxv = ctx_arg(vm, c)?;
            let r = rounding_opt(vm, r)?;
            run(vm, ctxv, |cx| {
                if let Some(r) = r {
                    cx.set_rounding(r);
                }
                $f(x, cx)
            })
        }
        fn $cname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            self_ctx(vm, a, $n)?;
            crate::args::check_method(vm, $n, a, k, 1, 1)?;
            let x = op_arg(vm, a[1])?;
            run(vm, a[0], |cx| $f(&x, cx))
        }
    )*};
}

integral_methods! {
    dm_to_integral, cm_to_integral, "to_integral" => DecNum::to_integral_value;
    dm_to_integral_value, cm_to_integral_value, "to_integral_value" => DecNum::to_integral_value;
    dm_to_integral_exact, cm_to_integral_exact, "to_integral_exact" => DecNum::to_integral_exact;
}

fn fma3(vm: &mut Vm, ctxv: Value, x: &DecNum, y: Value, z: Value) -> PyResult<Value> {
    let y = op_arg(vm, y)?;
    let z = op_arg(vm, z)?;
    run(vm, ctxv, |cx| x.fma(&y, &z, cx))
}

fn dm_fma(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "fma")?;
    let [o, t, c] = method_args(vm, a, k, ["other", "third", "context"], 2)?;
    let ctxv = ctx_arg(vm, c)?;
    fma3(vm, ctxv, x, o.expect("other"), t.expect("third"))
}

fn cm_fma(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    self_ctx(vm, a, "fma")?;
    ctx_args(vm, "fma", a, k, 3)?;
    let x = op_arg(vm, a[1])?;
    fma3(vm, a[0], &x, a[2], a[3])
}

// ------------------------------------------------------------------ conversions

fn dec_as_tuple(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "as_tuple")?;
    let sign = vm.new_int(x.is_negative() as i64);
    let digits: Vec<u8> = if x.is_infinite() {
        vec![0]
    } else if x.is_nan() {
        if x.is_zero_payload() {
            vec![]
        } else {
            x.coefficient_digits()
        }
    } else {
        x.coefficient_digits()
    };
    let dv: Vec<Value> = digits.iter().map(|&d| Value::int(d as i64)).collect();
    let dt = vm.new_tuple(&dv);
    let mark = vm.push_root(dt);
    let exp = if x.is_infinite() {
        vm.new_str("F")
    } else if x.is_qnan() {
        vm.new_str("n")
    } else if x.is_snan() {
        vm.new_str("N")
    } else {
        vm.new_int(x.exponent() as i64)
    };
    vm.push_root(exp);
    let cls = module_state(vm, super::ST_DECTUPLE)?;
    let r = vm.call(cls, &[sign, dt, exp], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

fn dec_as_integer_ratio(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "as_integer_ratio")?;
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "cannot convert Infinity to integer ratio",
        ));
    }
    let (n, d) = convert::to_ratio(x).expect("finite");
    let n = vm.new_bigint(n);
    let mark = vm.push_root(n);
    let d = vm.new_bigint(d);
    vm.push_root(d);
    let t = vm.new_tuple(&[n, d]);
    vm.pop_roots(mark);
    Ok(t)
}

fn int_of(vm: &mut Vm, x: &DecNum) -> PyResult<Value> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.new_exc(vm.g.e.OverflowError, "cannot convert Infinity to integer"));
    }
    let n = convert::to_bigint_trunc(x).expect("finite");
    Ok(vm.new_bigint(n))
}

fn dec_int(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__int__")?;
    int_of(vm, x)
}

/// `x` rounded to an integral value with rounding `r`, as an int.
fn round_to_int(vm: &mut Vm, x: &DecNum, r: Rounding) -> PyResult<Value> {
    if x.is_nan() {
        return Err(vm.value_error("cannot round a NaN"));
    }
    if x.is_infinite() {
        return Err(vm.new_exc(vm.g.e.OverflowError, "cannot round an infinity"));
    }
    let mut cx = Ctx::exact(x.digits());
    cx.set_rounding(r);
    let i = x.to_integral_value(&mut cx);
    int_of(vm, &i)
}

fn dec_floor(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__floor__")?;
    round_to_int(vm, x, Rounding::Floor)
}

fn dec_ceil(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__ceil__")?;
    round_to_int(vm, x, Rounding::Ceiling)
}

fn dec_round(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__round__")?;
    crate::args::check_method(vm, "__round__", a, k, 0, 1)?;
    match a.get(1).copied() {
        Some(n) if n != Value::NONE => {
            if !vm.is_int_like(n) {
                let tn = vm.type_name_of(n);
                return Err(vm.type_error(&format!(
                    "'{tn}' object cannot be interpreted as an integer"
                )));
            }
            let Some(n) = vm.as_i64(n) else {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "Python int too large to convert to C ssize_t",
                ));
            };
            let Ok(e) = i32::try_from(-n) else {
                // An exponent beyond decNumber's range: the quantize is invalid.
                let ctxv = context::current(vm)?;
                let c = ctx_of(ctxv).expect("a context");
                add_status(vm, c, ffi::INVALID_OPERATION)?;
                return new_dec(vm, Dec::special(false, Special::QNaN, &[]));
            };
            let q = Dec::from_parts(false, &[1], e);
            let ctxv = context::current(vm)?;
            quantize(vm, ctxv, x, &q, None)
        }
        _ => {
            let ctxv = context::current(vm)?;
            let r = ctx_of(ctxv).expect("a context").get().round;
            let _ = r;
            round_to_int(vm, x, Rounding::HalfEven)
        }
    }
}

fn dec_float(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__float__")?;
    let f = float_of(vm, x)?;
    Ok(vm.new_float(f))
}

fn float_of(vm: &mut Vm, x: &DecNum) -> PyResult<f64> {
    if x.is_nan() {
        if x.is_snan() {
            return Err(vm.value_error("cannot convert signaling NaN to float"));
        }
        return Ok(if x.is_negative() { -f64::NAN } else { f64::NAN });
    }
    let s = x.to_sci_string();
    let s = match s.as_str() {
        "Infinity" => "inf".to_string(),
        "-Infinity" => "-inf".to_string(),
        _ => s,
    };
    Ok(s.parse::<f64>().unwrap_or(f64::NAN))
}

fn dec_complex(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__complex__")?;
    let f = float_of(vm, x)?;
    Ok(vm.new_complex(f, 0.0))
}

fn dec_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__reduce__")?;
    let cls = vm.type_of(a[0]);
    let s = vm.new_str(&x.to_sci_string());
    let mark = vm.push_root(s);
    let t = vm.new_tuple(&[s]);
    vm.push_root(t);
    let r = vm.new_tuple(&[cls, t]);
    vm.pop_roots(mark);
    Ok(r)
}

fn dec_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    self_dec(vm, a, "__copy__")?;
    Ok(a[0])
}

fn dec_sizeof(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__sizeof__")?;
    Ok(vm.new_int(104 + 8 * ((x.digits() as i64 + 18) / 19)))
}

fn dec_format(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let x = &self_dec(vm, a, "__format__")?;
    crate::args::check_method(vm, "__format__", a, k, 1, 2)?;
    if !is_str(a[1]) {
        return Err(vm.type_error("format arg must be str"));
    }
    let spec = str_of(a[1]).into_owned();
    let ctxv = context::current(vm)?;
    let f = ctx_of(ctxv).expect("a context").get();
    let over = match a.get(2).copied() {
        Some(d) if d != Value::NONE => Some(super::format::overrides(vm, d)?),
        _ => None,
    };
    match super::format::format(x, &spec, &f, over.as_ref()) {
        Ok(s) => Ok(vm.new_str(&s)),
        Err(msg) => Err(vm.value_error(&msg)),
    }
}

/// The `Decimal` type (a base type: Python subclasses it).
pub(crate) fn make_type(vm: &mut Vm, modname: Value) -> Value {
    let t = vm.new_static_type("Decimal", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", dec_new, false);
    vm.add_static(t, "from_float", dec_from_float, true);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__str__", dec_str),
        ("__repr__", dec_repr),
        ("to_eng_string", dec_to_eng_string),
        ("__bool__", dec_bool),
        ("__hash__", dec_hash),
        ("__add__", dec_add),
        ("__radd__", dec_radd),
        ("__sub__", dec_sub),
        ("__rsub__", dec_rsub),
        ("__mul__", dec_mul),
        ("__rmul__", dec_rmul),
        ("__truediv__", dec_truediv),
        ("__rtruediv__", dec_rtruediv),
        ("__floordiv__", dec_floordiv),
        ("__rfloordiv__", dec_rfloordiv),
        ("__mod__", dec_mod),
        ("__rmod__", dec_rmod),
        ("__divmod__", dec_divmod),
        ("__rdivmod__", dec_rdivmod),
        ("__pow__", dec_pow),
        ("__rpow__", dec_rpow),
        ("__neg__", dec_neg),
        ("__pos__", dec_pos),
        ("__abs__", dec_abs),
        ("__lt__", dec_lt),
        ("__le__", dec_le),
        ("__eq__", dec_eq),
        ("__ne__", dec_ne),
        ("__gt__", dec_gt),
        ("__ge__", dec_ge),
        ("__int__", dec_int),
        ("__trunc__", dec_int),
        ("__float__", dec_float),
        ("__complex__", dec_complex),
        ("__floor__", dec_floor),
        ("__ceil__", dec_ceil),
        ("__round__", dec_round),
        ("__reduce__", dec_reduce),
        ("__copy__", dec_copy),
        ("__deepcopy__", dec_copy),
        ("__sizeof__", dec_sizeof),
        ("__format__", dec_format),
        ("as_tuple", dec_as_tuple),
        ("as_integer_ratio", dec_as_integer_ratio),
        ("exp", dm_exp),
        ("ln", dm_ln),
        ("log10", dm_log10),
        ("logb", dm_logb),
        ("logical_invert", dm_logical_invert),
        ("next_minus", dm_next_minus),
        ("next_plus", dm_next_plus),
        ("normalize", dm_normalize),
        ("sqrt", dm_sqrt),
        ("compare", dm_compare),
        ("compare_signal", dm_compare_signal),
        ("max", dm_max),
        ("max_mag", dm_max_mag),
        ("min", dm_min),
        ("min_mag", dm_min_mag),
        ("next_toward", dm_next_toward),
        ("remainder_near", dm_remainder_near),
        ("logical_and", dm_logical_and),
        ("logical_or", dm_logical_or),
        ("logical_xor", dm_logical_xor),
        ("rotate", dm_rotate),
        ("scaleb", dm_scaleb),
        ("shift", dm_shift),
        ("compare_total", dm_compare_total),
        ("compare_total_mag", dm_compare_total_mag),
        ("copy_sign", dm_copy_sign),
        ("same_quantum", dm_same_quantum),
        ("is_canonical", dm_is_canonical),
        ("is_finite", dm_is_finite),
        ("is_infinite", dm_is_infinite),
        ("is_nan", dm_is_nan),
        ("is_qnan", dm_is_qnan),
        ("is_snan", dm_is_snan),
        ("is_signed", dm_is_signed),
        ("is_zero", dm_is_zero),
        ("is_normal", dm_is_normal),
        ("is_subnormal", dm_is_subnormal),
        ("number_class", dm_number_class),
        ("copy_abs", dm_copy_abs),
        ("copy_negate", dm_copy_negate),
        ("canonical", dm_self),
        ("conjugate", dm_self),
        ("radix", dm_radix),
        ("adjusted", dm_adjusted),
        ("quantize", dm_quantize),
        ("to_integral", dm_to_integral),
        ("to_integral_value", dm_to_integral_value),
        ("to_integral_exact", dm_to_integral_exact),
        ("fma", dm_fma),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        1,
        1,
        &[
            "__add__",
            "__radd__",
            "__sub__",
            "__rsub__",
            "__mul__",
            "__rmul__",
            "__truediv__",
            "__rtruediv__",
            "__floordiv__",
            "__rfloordiv__",
            "__mod__",
            "__rmod__",
            "__divmod__",
            "__rdivmod__",
            "__lt__",
            "__le__",
            "__eq__",
            "__ne__",
            "__gt__",
            "__ge__",
        ],
    );
    vm.declare_arity(t, 1, 2, &["__pow__", "__rpow__"]);
    vm.declare_arity(
        t,
        0,
        0,
        &[
            "__neg__",
            "__pos__",
            "__abs__",
            "__int__",
            "__trunc__",
            "__float__",
            "__complex__",
            "__floor__",
            "__ceil__",
            "__reduce__",
            "__copy__",
            "__sizeof__",
            "as_tuple",
            "as_integer_ratio",
            "adjusted",
            "canonical",
            "conjugate",
            "radix",
            "copy_abs",
            "copy_negate",
            "is_canonical",
            "is_finite",
            "is_infinite",
            "is_nan",
            "is_qnan",
            "is_signed",
            "is_snan",
            "is_zero",
        ],
    );
    vm.declare_arity(t, 1, 1, &["__deepcopy__"]);
    // `__format__(spec, override=None)`: the C module takes a locale override dict.
    vm.add_methods_arity(t, 1, 2, &[("__format__", dec_format)]);
    for (n, f) in [("real", dm_self as NativeFn), ("imag", dm_imag)] {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    t
}

/// The Context methods that compute (the rest are in `context.rs`).
pub(crate) fn add_context_methods(vm: &mut Vm, t: Value) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("create_decimal", ctx_create_decimal),
        ("create_decimal_from_float", ctx_create_from_float),
        ("_apply", ctx_apply),
        ("to_sci_string", ctx_to_sci_string),
        ("to_eng_string", ctx_to_eng_string),
        ("divmod", ctx_divmod),
        ("power", ctx_power),
        ("exp", cm_exp),
        ("ln", cm_ln),
        ("log10", cm_log10),
        ("logb", cm_logb),
        ("logical_invert", cm_logical_invert),
        ("next_minus", cm_next_minus),
        ("next_plus", cm_next_plus),
        ("normalize", cm_normalize),
        ("sqrt", cm_sqrt),
        ("plus", cm_plus),
        ("minus", cm_minus),
        ("abs", cm_abs),
        ("compare", cm_compare),
        ("compare_signal", cm_compare_signal),
        ("max", cm_max),
        ("max_mag", cm_max_mag),
        ("min", cm_min),
        ("min_mag", cm_min_mag),
        ("next_toward", cm_next_toward),
        ("remainder_near", cm_remainder_near),
        ("logical_and", cm_logical_and),
        ("logical_or", cm_logical_or),
        ("logical_xor", cm_logical_xor),
        ("rotate", cm_rotate),
        ("scaleb", cm_scaleb),
        ("shift", cm_shift),
        ("add", cm_add),
        ("subtract", cm_subtract),
        ("multiply", cm_multiply),
        ("divide", cm_divide),
        ("divide_int", cm_divide_int),
        ("remainder", cm_remainder),
        ("compare_total", cm_compare_total),
        ("compare_total_mag", cm_compare_total_mag),
        ("copy_sign", cm_copy_sign),
        ("same_quantum", cm_same_quantum),
        ("is_canonical", cm_is_canonical),
        ("is_finite", cm_is_finite),
        ("is_infinite", cm_is_infinite),
        ("is_nan", cm_is_nan),
        ("is_qnan", cm_is_qnan),
        ("is_snan", cm_is_snan),
        ("is_signed", cm_is_signed),
        ("is_zero", cm_is_zero),
        ("is_normal", cm_is_normal),
        ("is_subnormal", cm_is_subnormal),
        ("number_class", cm_number_class),
        ("copy_abs", cm_copy_abs),
        ("copy_negate", cm_copy_negate),
        ("canonical", cm_canonical),
        ("copy_decimal", cm_copy_decimal),
        ("quantize", cm_quantize),
        ("to_integral", cm_to_integral),
        ("to_integral_value", cm_to_integral_value),
        ("to_integral_exact", cm_to_integral_exact),
        ("fma", cm_fma),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
}
