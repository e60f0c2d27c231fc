//! `Context` of `_decimal`: precision, rounding, exponent limits, capitals, clamp and the
//! flags/traps signal sets, the `SignalDict` views of those sets, the thread's current
//! context (a `ContextVar`, as the C module's), `getcontext`/`setcontext`/`localcontext`
//! and the `ContextManager` that `localcontext` returns.
//!
//! A Context is a `K_INSTANCE` object whose native payload is one [`CtxVal`]: its fields
//! behind a lock (a context may be shared between threads; each operation copies the
//! fields out, computes, then ORs the raised signals into the flags under the lock).

use super::ffi::{self, Rounding};
use super::signals::{self, Signal, SignalSet, SIGNALS};
use super::{exception_class, module_state};
use crate::args::Args;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{AtomicU64, Mutex, Ordering};
use proto_core::{Obj, Value};

/// The fields of a context.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub prec: i64,
    pub emax: i64,
    pub emin: i64,
    pub round: Rounding,
    pub capitals: bool,
    pub clamp: bool,
    pub flags: SignalSet,
    pub traps: SignalSet,
}

impl Fields {
    pub(crate) fn ctx(&self) -> ffi::Ctx {
        ffi::Ctx::new(
            self.prec.clamp(1, ffi::MAX_DIGITS as i64) as i32,
            self.emax.clamp(0, ffi::MAX_EMAX as i64) as i32,
            self.emin.clamp(ffi::MIN_EMIN as i64, 0) as i32,
            self.round,
            self.clamp,
        )
    }
}

const SIG_IO: SignalSet = 1 << (Signal::InvalidOperation as u16);
const SIG_DZ: SignalSet = 1 << (Signal::DivisionByZero as u16);
const SIG_OF: SignalSet = 1 << (Signal::Overflow as u16);
const SIG_UF: SignalSet = 1 << (Signal::Underflow as u16);
const SIG_CL: SignalSet = 1 << (Signal::Clamped as u16);

/// DefaultContext's initial fields.
pub(crate) const DEFAULT: Fields = Fields {
    prec: 28,
    emax: 999_999,
    emin: -999_999,
    round: Rounding::HalfEven,
    capitals: true,
    clamp: false,
    flags: 0,
    traps: SIG_IO | SIG_DZ | SIG_OF,
};

const BASIC: Fields = Fields {
    prec: 9,
    round: Rounding::HalfUp,
    traps: SIG_IO | SIG_DZ | SIG_OF | SIG_UF | SIG_CL,
    ..DEFAULT
};

const EXTENDED: Fields = Fields {
    prec: 9,
    traps: 0,
    ..DEFAULT
};

/// The payload of a Context: its fields in four words, each read and written
/// atomically (an operation reads them without a lock: a Context may be shared
/// between threads, and each operation copies the fields out, computes, then ORs the
/// raised signals into the flags). Writers change them under `write`, one update at
/// a time, so no update is lost; a reader running beside an update that changes
/// several fields may see some of them changed, as it could between two attribute
/// assignments (only unshared contexts get several fields at once: `__init__`,
/// copies, `localcontext`).
pub(crate) struct CtxVal {
    write: Mutex<()>,
    words: [AtomicU64; 4],
}

/// Bit positions in the fourth word: rounding (3 bits), capitals, clamp, flags and
/// traps (16 bits each).
const W_CAPITALS: u32 = 3;
const W_CLAMP: u32 = 4;
const W_FLAGS: u32 = 8;
const W_TRAPS: u32 = 24;

fn pack(f: &Fields) -> [u64; 4] {
    let misc = f.round.raw() as u64
        | (f.capitals as u64) << W_CAPITALS
        | (f.clamp as u64) << W_CLAMP
        | (f.flags as u64) << W_FLAGS
        | (f.traps as u64) << W_TRAPS;
    [f.prec as u64, f.emax as u64, f.emin as u64, misc]
}

fn unpack(w: [u64; 4]) -> Fields {
    let misc = w[3];
    Fields {
        prec: w[0] as i64,
        emax: w[1] as i64,
        emin: w[2] as i64,
        round: Rounding::from_raw((misc & 7) as u32),
        capitals: misc >> W_CAPITALS & 1 != 0,
        clamp: misc >> W_CLAMP & 1 != 0,
        flags: (misc >> W_FLAGS) as SignalSet,
        traps: (misc >> W_TRAPS) as SignalSet,
    }
}

impl Trace for CtxVal {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {
        // Holds no Python values.
    }
}

/// The payload of `v` if it is a Context (or an instance of a subclass).
#[inline]
pub(crate) fn ctx_of(v: Value) -> Option<&'static CtxVal> {
    Obj::from_value(v)
        .filter(|o| o.kind() == K_INSTANCE)
        .and_then(native_ref::<CtxVal>)
}

impl CtxVal {
    fn new(f: Fields) -> CtxVal {
        CtxVal {
            write: Mutex::new(()),
            words: pack(&f).map(AtomicU64::new),
        }
    }

    pub(crate) fn get(&self) -> Fields {
        unpack(std::array::from_fn(|i| {
            self.words[i].load(Ordering::Relaxed)
        }))
    }

    /// The `capitals` field alone (what `str()` of a Decimal reads).
    pub(crate) fn capitals(&self) -> bool {
        self.words[3].load(Ordering::Relaxed) >> W_CAPITALS & 1 != 0
    }

    pub(crate) fn update(&self, g: impl FnOnce(&mut Fields)) {
        let _w = self.write.lock().unwrap_or_else(|e| e.into_inner());
        let mut f = self.get();
        g(&mut f);
        for (w, v) in self.words.iter().zip(pack(&f)) {
            w.store(v, Ordering::Relaxed);
        }
    }
}

fn alloc_ctx(vm: &mut Vm, cls: Value, f: Fields) -> Value {
    let co = Obj::from_value(cls).expect("type");
    vm.ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), CtxVal::new(f))
}

/// A new `Context` (the base type) with fields `f`.
pub(crate) fn new_context(vm: &mut Vm, f: Fields) -> PyResult<Value> {
    let cls = module_state(vm, super::ST_CONTEXT)?;
    Ok(alloc_ctx(vm, cls, f))
}

// ------------------------------------------------------------------ signals

/// The signal whose class is `v`, if any.
pub(crate) fn signal_of_class(vm: &mut Vm, v: Value) -> PyResult<Option<Signal>> {
    for s in SIGNALS {
        if exception_class(vm, s.name())? == v {
            return Ok(Some(s));
        }
    }
    Ok(None)
}

/// ORs the signals of the decNumber `status` into the flags of `ctx` and raises the
/// first trapped one, as the C module's `dec_addstatus`.
pub(crate) fn add_status(vm: &mut Vm, ctx: &CtxVal, status: u32) -> PyResult<()> {
    if status == 0 {
        return Ok(());
    }
    if status & ffi::INSUFFICIENT_STORAGE != 0 {
        return Err(vm.new_exc(vm.g.e.MemoryError, ""));
    }
    let sigs = signals::signals_of(status);
    add_signals(vm, ctx, sigs, status)
}

/// [`add_status`] for an operation run with the fields `seen` (read at its start):
/// when every signal raised was already a flag and none is trapped, the context is
/// left as it is without taking its lock again (the steady state of a loop of
/// inexact operations). The outcome is the one of the operation run at the moment it
/// read `seen`, before any change made to the context since.
pub(crate) fn add_status_seen(
    vm: &mut Vm,
    ctx: &CtxVal,
    seen: &Fields,
    status: u32,
) -> PyResult<()> {
    if status == 0 {
        return Ok(());
    }
    if status & ffi::INSUFFICIENT_STORAGE == 0 {
        let sigs = signals::signals_of(status);
        if seen.flags & sigs == sigs && seen.traps & sigs == 0 {
            return Ok(());
        }
    }
    add_status(vm, ctx, status)
}

/// ORs `sigs` into the flags and raises the first trapped one (`status` gives the
/// InvalidOperation conditions).
pub(crate) fn add_signals(vm: &mut Vm, ctx: &CtxVal, sigs: SignalSet, status: u32) -> PyResult<()> {
    let mut trapped = 0;
    ctx.update(|f| {
        f.flags |= sigs;
        trapped = sigs & f.traps;
    });
    if trapped == 0 {
        return Ok(());
    }
    let sig = signals::raised_signal(trapped).expect("a trapped signal");
    let cls = exception_class(vm, sig.name())?;
    let mut conds = Vec::new();
    let status = if status == 0 && trapped & SIG_IO != 0 {
        ffi::INVALID_OPERATION
    } else {
        status
    };
    for c in signals::conditions(status, trapped) {
        conds.push(exception_class(vm, c.name())?);
    }
    let list = vm.new_list(&conds);
    let mark = vm.push_root(list);
    let args = vm.new_tuple(&[list]);
    vm.pop_roots(mark);
    Err(vm.new_exc_args(cls, args))
}

// ------------------------------------------------------------------ current context

/// The thread's current context, made from DefaultContext on first use.
#[inline(always)]
pub(crate) fn current(vm: &mut Vm) -> PyResult<Value> {
    match current_cached(vm).filter(|&c| ctx_of(c).is_some()) {
        Some(c) => Ok(c),
        None => current_slow(vm),
    }
}

/// [`current`] as the context's payload, for the operators (one type check of
/// the context, not one here and one again where it is read).
#[inline]
pub(crate) fn current_ctx(vm: &mut Vm) -> PyResult<&'static CtxVal> {
    if let Some(c) = current_cached(vm).and_then(ctx_of) {
        return Ok(c);
    }
    let c = current_slow(vm)?;
    Ok(ctx_of(c).expect("current_slow returns a context"))
}

/// The context variable's value from the thread's one-entry cache, if it
/// answers. Every operation asks: answered from the cache of the thread's last
/// context-variable read (`Vm::ctxvar_cached`) while the vars map it was read in
/// is still current, as `_contextvars::var_value` would, without the calls.
#[inline(always)]
fn current_cached(vm: &mut Vm) -> Option<Value> {
    let var = super::module_state_loaded(super::ST_CTXVAR)?;
    let cur = Obj::from_value(vm.current_context()).filter(|o| o.kind() == K_MISC)?;
    vm.ctxvar_cached(var, cur.get(0))
}

/// [`current`] through the context variable.
#[inline(never)]
fn current_slow(vm: &mut Vm) -> PyResult<Value> {
    let var = module_state(vm, super::ST_CTXVAR)?;
    if let Some(c) = crate::modules::_contextvars::var_value(vm, var) {
        if ctx_of(c).is_some() {
            return Ok(c);
        }
    }
    let dflt = module_state(vm, super::ST_DEFAULT)?;
    let mut f = ctx_of(dflt).map(|c| c.get()).unwrap_or(DEFAULT);
    f.flags = 0;
    let c = new_context(vm, f)?;
    let mark = vm.push_root(c);
    crate::modules::_contextvars::var_set_value(vm, var, c);
    vm.pop_roots(mark);
    Ok(c)
}

/// The context argument of a Decimal method: the current context for None/absent.
pub(crate) fn ctx_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<Value> {
    match v {
        None => current(vm),
        Some(v) if v == Value::NONE => current(vm),
        Some(v) if ctx_of(v).is_some() => Ok(v),
        Some(_) => Err(vm.type_error("optional argument must be a context")),
    }
}

fn getcontext(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "getcontext", a, k, 0, 0)?;
    current(vm)
}

fn set_current(vm: &mut Vm, v: Value) -> PyResult<()> {
    let Some(cv) = ctx_of(v) else {
        return Err(vm.type_error("argument must be a context"));
    };
    let mut v = v;
    let mark = vm.push_root(v);
    // The templates are never made current themselves: a copy with clear flags is.
    for slot in [super::ST_DEFAULT, super::ST_BASIC, super::ST_EXTENDED] {
        if module_state(vm, slot)? == v {
            let mut f = cv.get();
            f.flags = 0;
            v = new_context(vm, f)?;
            vm.push_root(v);
            break;
        }
    }
    let var = module_state(vm, super::ST_CTXVAR)?;
    crate::modules::_contextvars::var_set_value(vm, var, v);
    vm.pop_roots(mark);
    Ok(())
}

fn setcontext(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "setcontext", a, k, 1, 1)?;
    set_current(vm, a[0])?;
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ Context type

fn this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<&'static CtxVal> {
    match a.first().copied().and_then(ctx_of) {
        Some(c) => Ok(c),
        None => Err(vm.type_error(&format!(
            "descriptor '{what}' requires a 'decimal.Context' object"
        ))),
    }
}

fn ctx_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = a.first().copied().unwrap_or(Value::NONE);
    if !Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE) {
        return Err(vm.type_error("Context.__new__(X): X is not a type object"));
    }
    let dflt = module_state(vm, super::ST_DEFAULT)?;
    let mut f = match ctx_of(dflt) {
        Some(c) => c.get(),
        None => DEFAULT,
    };
    f.capitals = true;
    Ok(alloc_ctx(vm, cls, f))
}

const ATTRS: [&str; 8] = [
    "prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps",
];

fn ctx_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let c = this(vm, a, "__init__")?;
    let mut args = Args::new(&a[1..], k);
    if args.pos.len() > 8 {
        return Err(vm.type_error(&format!(
            "Context() takes at most 8 arguments ({} given)",
            args.pos.len()
        )));
    }
    let mut vals = [None; 8];
    for (i, n) in ATTRS.iter().enumerate() {
        vals[i] = args.get(i, n);
    }
    if let Some((kw, _)) = args.kw.first() {
        let kw = str_of(*kw).into_owned();
        return Err(vm.type_error(&format!(
            "'{kw}' is an invalid keyword argument for this function"
        )));
    }
    set_attrs(vm, c, &vals).map(|_| Value::NONE)
}

/// Applies the attributes given (None or absent: unchanged) in `ATTRS` order.
fn set_attrs(vm: &mut Vm, c: &CtxVal, vals: &[Option<Value>; 8]) -> PyResult<()> {
    let mut f = c.get();
    for (i, v) in vals.iter().enumerate() {
        let Some(v) = *v else { continue };
        if v == Value::NONE {
            continue;
        }
        set_field(vm, &mut f, i, v)?;
    }
    c.update(|g| *g = f);
    Ok(())
}

fn int_field(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if !vm.is_int_like(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!(
            "'{tn}' object cannot be interpreted as an integer"
        )));
    }
    match vm.as_i64(v) {
        Some(x) => Ok(x),
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
    }
}

/// Sets field `i` (of `ATTRS`) of `f` from `v` with the C module's checks.
fn set_field(vm: &mut Vm, f: &mut Fields, i: usize, v: Value) -> PyResult<()> {
    match i {
        0 => {
            let x = int_field(vm, v)?;
            if !(1..=super::MAX_PREC).contains(&x) {
                return Err(vm.value_error("valid range for prec is [1, MAX_PREC]"));
            }
            f.prec = x;
        }
        1 => f.round = rounding_arg(vm, v)?,
        2 => {
            let x = int_field(vm, v)?;
            if !(super::MIN_EMIN..=0).contains(&x) {
                return Err(vm.value_error("valid range for Emin is [MIN_EMIN, 0]"));
            }
            f.emin = x;
        }
        3 => {
            let x = int_field(vm, v)?;
            if !(0..=super::MAX_EMAX).contains(&x) {
                return Err(vm.value_error("valid range for Emax is [0, MAX_EMAX]"));
            }
            f.emax = x;
        }
        4 => {
            let x = int_field(vm, v)?;
            if x != 0 && x != 1 {
                return Err(vm.value_error("valid values for capitals are 0 or 1"));
            }
            f.capitals = x == 1;
        }
        5 => {
            let x = int_field(vm, v)?;
            if x != 0 && x != 1 {
                return Err(vm.value_error("valid values for clamp are 0 or 1"));
            }
            f.clamp = x == 1;
        }
        6 => f.flags = signal_set_arg(vm, v)?,
        _ => f.traps = signal_set_arg(vm, v)?,
    }
    Ok(())
}

/// A rounding argument: one of the ROUND_* strings.
pub(crate) fn rounding_arg(vm: &mut Vm, v: Value) -> PyResult<Rounding> {
    if is_str(v) {
        // The names are ASCII: a str equals one only in its ASCII bytes.
        if let Some(r) = signals::rounding_from_name(str_bytes(v)) {
            return Ok(r);
        }
    }
    Err(vm.type_error(signals::ROUNDING_ERROR))
}

/// A flags/traps value: a SignalDict, a dict with every signal, or a list of signals.
fn signal_set_arg(vm: &mut Vm, v: Value) -> PyResult<SignalSet> {
    if let Some(s) = sd_of(v) {
        let c = ctx_of(s.ctx).expect("signal dict's context");
        let f = c.get();
        return Ok(if s.traps { f.traps } else { f.flags });
    }
    if vm.isinstance(v, vm.g.types.list) || vm.isinstance(v, vm.g.types.tuple) {
        let (items, mark) = vm.collect_rooted(v)?;
        let mut set = 0;
        for it in items {
            match signal_of_class(vm, it)? {
                Some(s) => set |= s.bit(),
                None => {
                    vm.pop_roots(mark);
                    return Err(vm.new_exc(vm.g.e.KeyError, "invalid error flag"));
                }
            }
        }
        vm.pop_roots(mark);
        return Ok(set);
    }
    if vm.isinstance(v, vm.g.types.dict) {
        let n = vm.len(v)?;
        if n != SIGNALS.len() {
            return Err(vm.new_exc(vm.g.e.KeyError, "invalid signal dict"));
        }
        let mut set = 0;
        for s in SIGNALS {
            let cls = exception_class(vm, s.name())?;
            match vm.dict_get(v, cls)? {
                Some(x) => {
                    if vm.truthy(x)? {
                        set |= s.bit();
                    }
                }
                None => return Err(vm.new_exc(vm.g.e.KeyError, "invalid signal dict")),
            }
        }
        return Ok(set);
    }
    Err(vm.type_error("argument must be a signal dict"))
}

macro_rules! getter {
    ($name:ident, $what:literal, |$vm:ident, $f:ident| $e:expr) => {
        fn $name($vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            let $f = this($vm, a, $what)?.get();
            Ok($e)
        }
    };
}

getter!(get_prec, "prec", |vm, f| vm.new_int(f.prec));
getter!(get_emin, "Emin", |vm, f| vm.new_int(f.emin));
getter!(get_emax, "Emax", |vm, f| vm.new_int(f.emax));
getter!(get_capitals, "capitals", |vm, f| vm
    .new_int(f.capitals as i64));
getter!(get_clamp, "clamp", |vm, f| vm.new_int(f.clamp as i64));
getter!(get_rounding, "rounding", |vm, f| vm
    .intern(signals::rounding_name(f.round)));

fn get_flags(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "flags")?;
    new_signal_dict(vm, a[0], false)
}

fn get_traps(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "traps")?;
    new_signal_dict(vm, a[0], true)
}

fn setter(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<Value> {
    let c = this(vm, a, ATTRS[i])?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    if v.is_empty() {
        return Err(vm.new_exc(
            vm.g.e.AttributeError,
            "context attributes cannot be deleted",
        ));
    }
    let mut f = c.get();
    set_field(vm, &mut f, i, v)?;
    c.update(|g| *g = f);
    Ok(Value::NONE)
}

macro_rules! setters {
    ($($name:ident = $i:expr;)*) => {$(
        fn $name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            setter(vm, a, $i)
        }
    )*};
}

setters! {
    set_prec = 0;
    set_rounding = 1;
    set_emin = 2;
    set_emax = 3;
    set_capitals = 4;
    set_clamp = 5;
    set_flags = 6;
    set_traps = 7;
}

fn signal_names(vm: &mut Vm, set: SignalSet, order: &[Signal]) -> PyResult<Vec<Value>> {
    let mut out = Vec::new();
    for s in order {
        if set & s.bit() != 0 {
            out.push(exception_class(vm, s.name())?);
        }
    }
    Ok(out)
}

fn ctx_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = this(vm, a, "__repr__")?.get();
    let names = |set: SignalSet| {
        signals::REPR_ORDER
            .iter()
            .filter(|s| set & s.bit() != 0)
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let s = format!(
        "Context(prec={}, rounding={}, Emin={}, Emax={}, capitals={}, clamp={}, flags=[{}], traps=[{}])",
        f.prec,
        signals::rounding_name(f.round),
        f.emin,
        f.emax,
        f.capitals as i32,
        f.clamp as i32,
        names(f.flags),
        names(f.traps)
    );
    Ok(vm.new_str(&s))
}

fn ctx_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "copy", a, k, 0, 0)?;
    let f = this(vm, a, "copy")?.get();
    let cls = vm.type_of(a[0]);
    Ok(alloc_ctx(vm, cls, f))
}

fn ctx_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = this(vm, a, "__reduce__")?.get();
    let cls = vm.type_of(a[0]);
    let mark = vm.push_root(cls);
    let fl = signal_names(vm, f.flags, &SIGNALS)?;
    let fl = vm.new_list(&fl);
    vm.push_root(fl);
    let tr = signal_names(vm, f.traps, &SIGNALS)?;
    let tr = vm.new_list(&tr);
    vm.push_root(tr);
    let mut items = vec![vm.new_int(f.prec)];
    let r = vm.new_str(signals::rounding_name(f.round));
    items.push(r);
    for x in [f.emin, f.emax, f.capitals as i64, f.clamp as i64] {
        items.push(vm.new_int(x));
    }
    items.push(fl);
    items.push(tr);
    for &x in &items {
        vm.push_root(x);
    }
    let t = vm.new_tuple(&items);
    vm.push_root(t);
    let res = vm.new_tuple(&[cls, t]);
    vm.pop_roots(mark);
    Ok(res)
}

fn ctx_clear_flags(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "clear_flags")?.update(|f| f.flags = 0);
    Ok(Value::NONE)
}

fn ctx_clear_traps(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "clear_traps")?.update(|f| f.traps = 0);
    Ok(Value::NONE)
}

fn ctx_etiny(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = this(vm, a, "Etiny")?.get();
    Ok(vm.new_int(f.emin - f.prec + 1))
}

fn ctx_etop(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let f = this(vm, a, "Etop")?.get();
    Ok(vm.new_int(f.emax - f.prec + 1))
}

fn ctx_radix(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "radix")?;
    super::decimal::new_dec(vm, ffi::Dec::from_parts(false, &[1, 0], 0))
}

/// The `Context` type (subclassable).
pub(crate) fn make_context_type(vm: &mut Vm, modname: Value) -> Value {
    let t = vm.new_static_type("Context", vm.g.types.object, K_INSTANCE, true);
    vm.add_attr(t, "__module__", modname);
    vm.add_static(t, "__new__", ctx_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", ctx_init),
        ("__repr__", ctx_repr),
        ("copy", ctx_copy),
        ("__copy__", ctx_copy),
        ("__reduce__", ctx_reduce),
        ("clear_flags", ctx_clear_flags),
        ("clear_traps", ctx_clear_traps),
        ("Etiny", ctx_etiny),
        ("Etop", ctx_etop),
        ("radix", ctx_radix),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    super::decimal::add_context_methods(vm, t);
    // The C module's METH_NOARGS and METH_O methods (CPython's messages).
    vm.declare_arity(
        t,
        0,
        0,
        &[
            "copy",
            "__copy__",
            "clear_flags",
            "clear_traps",
            "Etiny",
            "Etop",
            "radix",
        ],
    );
    vm.declare_arity(
        t,
        1,
        1,
        &[
            "_apply",
            "abs",
            "canonical",
            "copy_abs",
            "copy_decimal",
            "copy_negate",
            "create_decimal_from_float",
            "exp",
            "is_canonical",
            "is_finite",
            "is_infinite",
            "is_nan",
            "is_normal",
            "is_qnan",
            "is_signed",
            "is_snan",
            "is_subnormal",
            "is_zero",
            "ln",
            "log10",
            "logb",
            "logical_invert",
            "minus",
            "next_minus",
            "next_plus",
            "normalize",
            "number_class",
            "plus",
            "sqrt",
            "to_eng_string",
            "to_integral",
            "to_integral_exact",
            "to_integral_value",
            "to_sci_string",
        ],
    );
    let props: [(&'static str, NativeFn, NativeFn); 8] = [
        ("prec", get_prec, set_prec),
        ("rounding", get_rounding, set_rounding),
        ("Emin", get_emin, set_emin),
        ("Emax", get_emax, set_emax),
        ("capitals", get_capitals, set_capitals),
        ("clamp", get_clamp, set_clamp),
        ("flags", get_flags, set_flags),
        ("traps", get_traps, set_traps),
    ];
    for (n, g, s) in props {
        let p = vm.new_native_getset(t, n, g, Some(s));
        vm.add_attr(t, n, p);
    }
    t
}

/// The three template contexts (DefaultContext, BasicContext, ExtendedContext).
pub(crate) fn templates(vm: &mut Vm, cls: Value) -> [Value; 3] {
    [DEFAULT, BASIC, EXTENDED].map(|f| {
        let c = alloc_ctx(vm, cls, f);
        vm.ctx.promote(c);
        c
    })
}

// ------------------------------------------------------------------ SignalDict

/// The payload of a SignalDict: a view of a context's flags or traps.
pub(crate) struct SdVal {
    ctx: Value,
    traps: bool,
}

impl Trace for SdVal {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.ctx)
    }
}

fn sd_of(v: Value) -> Option<&'static SdVal> {
    Obj::from_value(v)
        .filter(|o| o.kind() == K_INSTANCE)
        .and_then(native_ref::<SdVal>)
}

fn new_signal_dict(vm: &mut Vm, ctx: Value, traps: bool) -> PyResult<Value> {
    let cls = module_state(vm, super::ST_SIGNALDICT)?;
    let co = Obj::from_value(cls).expect("type");
    Ok(vm
        .ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), SdVal { ctx, traps }))
}

fn this_sd(vm: &mut Vm, a: &[Value]) -> PyResult<(&'static SdVal, &'static CtxVal)> {
    match a.first().copied().and_then(sd_of) {
        Some(s) => Ok((s, ctx_of(s.ctx).expect("signal dict's context"))),
        None => Err(vm.type_error("invalid signal dict")),
    }
}

fn sd_set(s: &SdVal, c: &CtxVal) -> SignalSet {
    let f = c.get();
    if s.traps {
        f.traps
    } else {
        f.flags
    }
}

fn sd_key(vm: &mut Vm, key: Value) -> PyResult<Signal> {
    match signal_of_class(vm, key)? {
        Some(s) => Ok(s),
        None => {
            let args = vm.new_tuple(&[key]);
            Err(vm.new_exc_args(vm.g.e.KeyError, args))
        }
    }
}

fn sd_getitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, c) = this_sd(vm, a)?;
    let sig = sd_key(vm, a[1])?;
    Ok(Value::bool(sd_set(s, c) & sig.bit() != 0))
}

fn sd_setitem(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, c) = this_sd(vm, a)?;
    let sig = sd_key(vm, a[1])?;
    let on = vm.truthy(a[2])?;
    c.update(|f| {
        let set = if s.traps { &mut f.traps } else { &mut f.flags };
        if on {
            *set |= sig.bit();
        } else {
            *set &= !sig.bit();
        }
    });
    Ok(Value::NONE)
}

fn sd_delitem(vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Err(vm.value_error("signal keys cannot be deleted"))
}

fn sd_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this_sd(vm, a)?;
    Ok(vm.new_int(SIGNALS.len() as i64))
}

fn sd_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this_sd(vm, a)?;
    let mut cls = Vec::new();
    for s in SIGNALS {
        cls.push(exception_class(vm, s.name())?);
    }
    let l = vm.new_list(&cls);
    let mark = vm.push_root(l);
    let r = vm.iter(l);
    vm.pop_roots(mark);
    r
}

fn sd_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, c) = this_sd(vm, a)?;
    let set = sd_set(s, c);
    let parts: Vec<String> = SIGNALS
        .iter()
        .map(|x| {
            format!(
                "<class 'decimal.{}'>:{}",
                x.name(),
                if set & x.bit() != 0 { "True" } else { "False" }
            )
        })
        .collect();
    Ok(vm.new_str(&format!("{{{}}}", parts.join(", "))))
}

fn sd_copy(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (s, c) = this_sd(vm, a)?;
    let set = sd_set(s, c);
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    for x in SIGNALS {
        let cls = exception_class(vm, x.name())?;
        vm.dict_set(d, cls, Value::bool(set & x.bit() != 0))?;
    }
    vm.pop_roots(mark);
    Ok(d)
}

/// `SignalDictMixin` (the native half); the module makes `SignalDict` from it and
/// `collections.abc.MutableMapping`, as the C module does.
pub(crate) fn make_signal_dict_mixin(vm: &mut Vm, modname: Value) -> Value {
    let t = vm.new_static_type("SignalDictMixin", vm.g.types.object, K_INSTANCE, true);
    vm.add_attr(t, "__module__", modname);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__getitem__", sd_getitem),
        ("__setitem__", sd_setitem),
        ("__delitem__", sd_delitem),
        ("__len__", sd_len),
        ("__iter__", sd_iter),
        ("__repr__", sd_repr),
        ("copy", sd_copy),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
    t
}

// ------------------------------------------------------------------ localcontext

/// The payload of a ContextManager: the context to enter and the one to restore.
pub(crate) struct CmVal {
    local: Value,
    global: Value,
}

impl Trace for CmVal {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.local);
        f(self.global);
    }
}

fn cm_of(v: Value) -> Option<&'static CmVal> {
    Obj::from_value(v)
        .filter(|o| o.kind() == K_INSTANCE)
        .and_then(native_ref::<CmVal>)
}

/// `localcontext(ctx=None, **kwargs)`.
fn localcontext(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let mut args = Args::new(a, k);
    if args.pos.len() > 1 {
        return Err(vm.type_error(&format!(
            "localcontext() takes at most 1 positional argument ({} given)",
            args.pos.len()
        )));
    }
    let ctx = args.get(0, "ctx");
    let mut vals = [None; 8];
    for (i, n) in ATTRS.iter().enumerate() {
        vals[i] = args.take(n);
    }
    if let Some((kw, _)) = args.kw.first() {
        let kw = str_of(*kw).into_owned();
        return Err(vm.type_error(&format!(
            "'{kw}' is an invalid keyword argument for this function"
        )));
    }
    let global = current(vm)?;
    let mark = vm.push_root(global);
    let src = match ctx {
        None => global,
        Some(v) if v == Value::NONE => global,
        Some(v) if ctx_of(v).is_some() => v,
        Some(_) => {
            vm.pop_roots(mark);
            return Err(vm.type_error("optional argument must be a context"));
        }
    };
    let f = ctx_of(src).expect("context").get();
    let cls = vm.type_of(src);
    let local = alloc_ctx(vm, cls, f);
    vm.push_root(local);
    let r = set_attrs(vm, ctx_of(local).expect("context"), &vals);
    if let Err(e) = r {
        vm.pop_roots(mark);
        return Err(e);
    }
    let cm_cls = module_state(vm, super::ST_CTXMGR)?;
    let co = Obj::from_value(cm_cls).expect("type");
    let cm = vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cm_cls,
        1 + type_nslots(co),
        CmVal { local, global },
    );
    vm.pop_roots(mark);
    Ok(cm)
}

fn cm_enter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(cm) = a.first().copied().and_then(cm_of) else {
        return Err(vm.type_error("invalid context manager"));
    };
    set_current(vm, cm.local)?;
    Ok(cm.local)
}

fn cm_exit(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(cm) = a.first().copied().and_then(cm_of) else {
        return Err(vm.type_error("invalid context manager"));
    };
    set_current(vm, cm.global)?;
    Ok(Value::NONE)
}

pub(crate) fn make_context_manager_type(vm: &mut Vm, modname: Value) -> Value {
    let t = vm.new_static_type("ContextManager", vm.g.types.object, K_INSTANCE, false);
    vm.add_attr(t, "__module__", modname);
    vm.add_method(t, "__enter__", cm_enter);
    vm.add_method(t, "__exit__", cm_exit);
    t
}

pub(crate) const FUNCTIONS: [(&str, NativeFn); 3] = [
    ("getcontext", getcontext),
    ("setcontext", setcontext),
    ("localcontext", localcontext),
];
