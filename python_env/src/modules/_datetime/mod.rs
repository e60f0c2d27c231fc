//! `_datetime`: CPython 3.11's `Modules/_datetimemodule.c` — the types
//! `timedelta`, `date`, `time`, `datetime`, `tzinfo`, `timezone` and
//! `IsoCalendarDate` that `datetime.py` re-exports.
//!
//! Every instance of these types (and of their Python subclasses) is a
//! `K_INSTANCE` object whose native payload is one [`Dt`]: the fields of
//! the value, immutable once allocated, plus `st`, the module's *state*
//! object (a generic object holding the types and `timezone.utc`), so a
//! method finds the classes it must return without a lookup. Static and
//! class methods are builtins bound to that state object.
//!
//! Files: `timedelta.rs`, `date.rs`, `time.rs`, `datetime.rs`,
//! `tzinfo.rs` (tzinfo and timezone), `iso.rs` (`fromisoformat`
//! parsers, `IsoCalendarDate`), this file (payload, calendar arithmetic,
//! shared helpers, the module).

/// The six rich-comparison methods of a type, each calling the file's
/// `cmp(vm, args, op)` with CPython's op number (0 `<` ... 5 `>=`).
macro_rules! cmps {
    ($($f:ident = $op:expr;)*) => {$(
        fn $f(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
            cmp(vm, a, $op)
        }
    )*};
}

mod date;
mod datetime;
mod iso;
mod time;
mod timedelta;
mod tzinfo;

use crate::args::c_int;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::{Kind, Obj, Value};

pub(crate) const MINYEAR: i32 = 1;
pub(crate) const MAXYEAR: i32 = 9999;
/// Ordinal of 9999-12-31.
pub(crate) const MAXORDINAL: i64 = 3_652_059;
const MAX_DELTA_DAYS: i64 = 999_999_999;
const US_PER_SEC: i64 = 1_000_000;
const US_PER_DAY: i128 = 86_400_000_000;

/// What a [`Dt`] payload is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ty {
    Delta,
    Date,
    Time,
    DateTime,
    TzInfo,
    TimeZone,
}

/// The payload of every `_datetime` instance. Unused fields are zero.
pub(crate) struct Dt {
    pub ty: Ty,
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub fold: u8,
    pub us: i32,
    /// timedelta: days (|days| <= 999999999) and seconds (0..86400).
    pub days: i32,
    pub secs: i32,
    /// time/datetime: the tzinfo or None. timezone: its offset (a timedelta).
    pub tz: Value,
    /// timezone: its name (a str) or None.
    pub name: Value,
    /// The module state object.
    pub st: Value,
}

impl Trace for Dt {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for v in [self.tz, self.name, self.st] {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

impl Dt {
    pub(crate) fn blank(ty: Ty, st: Value) -> Dt {
        Dt {
            ty,
            year: 0,
            month: 0,
            day: 0,
            hour: 0,
            minute: 0,
            second: 0,
            fold: 0,
            us: 0,
            days: 0,
            secs: 0,
            tz: Value::NONE,
            name: Value::NONE,
            st,
        }
    }
    pub(crate) fn delta_us(&self) -> i128 {
        (self.days as i128 * 86_400 + self.secs as i128) * 1_000_000 + self.us as i128
    }
    pub(crate) fn tod_us(&self) -> i64 {
        ((self.hour as i64 * 60 + self.minute as i64) * 60 + self.second as i64) * US_PER_SEC
            + self.us as i64
    }
    pub(crate) fn has_date(&self) -> bool {
        matches!(self.ty, Ty::Date | Ty::DateTime)
    }
}

// ------------------------------------------------------------------ state

/// Slots of the state object.
pub(crate) const ST_DELTA: usize = 0;
pub(crate) const ST_DATE: usize = 1;
pub(crate) const ST_TIME: usize = 2;
pub(crate) const ST_DATETIME: usize = 3;
pub(crate) const ST_TZINFO: usize = 4;
pub(crate) const ST_TIMEZONE: usize = 5;
pub(crate) const ST_UTC: usize = 6;
pub(crate) const ST_ISOCAL: usize = 7;
const ST_N: usize = 8;

/// State slot `i` of the state object `st`.
#[inline]
pub(crate) fn st_get(st: Value, i: usize) -> Value {
    Obj::from_value(st).expect("state").get(i)
}

/// The payload of `v`, if it is a `_datetime` object.
#[inline]
pub(crate) fn dt_of(v: Value) -> Option<&'static Dt> {
    Obj::from_value(v)
        .filter(|o| o.kind() == K_INSTANCE)
        .and_then(native_ref::<Dt>)
}

/// The payload of `v` if it is of kind `ty`.
#[inline]
pub(crate) fn dt_is(v: Value, ty: Ty) -> Option<&'static Dt> {
    dt_of(v).filter(|d| d.ty == ty)
}

/// A date or datetime.
#[inline]
pub(crate) fn date_like(v: Value) -> Option<&'static Dt> {
    dt_of(v).filter(|d| d.has_date())
}

/// A tzinfo (any subclass: tzinfo and timezone instances carry a payload).
#[inline]
pub(crate) fn is_tzinfo(v: Value) -> bool {
    dt_of(v).is_some_and(|d| matches!(d.ty, Ty::TzInfo | Ty::TimeZone))
}

/// Allocates an instance of `cls` (a `_datetime` type or a subclass) with
/// payload `d`.
pub(crate) fn alloc(vm: &mut Vm, cls: Value, d: Dt) -> Value {
    let co = Obj::from_value(cls).expect("type");
    vm.ctx
        .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), d)
}

/// CPython's `tp_name`: `datetime.X` for the module's own types, the
/// `__name__` of a Python subclass.
pub(crate) fn tp_name(cls: Value) -> String {
    let n = type_short_name(cls);
    if is_heap_type(cls) {
        n
    } else {
        format!("datetime.{n}")
    }
}

/// `tp_name` of the class of `v` (CPython's `Py_TYPE(v)->tp_name`).
pub(crate) fn tp_name_of(vm: &mut Vm, v: Value) -> String {
    let t = vm.type_of(v);
    if dt_of(v).is_some() {
        tp_name(t)
    } else {
        vm.type_name_of(v)
    }
}

/// Checks that `cls` is a subtype of state type `i` for `__new__`.
pub(crate) fn check_new_cls(vm: &mut Vm, st: Value, cls: Value, i: usize) -> PyResult<()> {
    let base = st_get(st, i);
    let bn = tp_name(base);
    if !Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE) {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("{bn}.__new__(X): X is not a type object ({tn})")));
    }
    if !vm.is_subtype(cls, base) {
        let n = type_short_name(cls);
        return Err(vm.type_error(&format!("{bn}.__new__({n}): {n} is not a subtype of {bn}")));
    }
    Ok(())
}

// ------------------------------------------------------------ calendar math

pub(crate) fn is_leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    const D: [u32; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if m == 2 && is_leap(y) {
        29
    } else {
        D[m as usize]
    }
}

fn days_before_month(y: i32, m: u32) -> i64 {
    const B: [i64; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    B[m as usize] + i64::from(m > 2 && is_leap(y))
}

fn days_before_year(y: i32) -> i64 {
    let y = y as i64 - 1;
    y * 365 + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
}

/// Proleptic Gregorian ordinal (0001-01-01 is 1).
pub(crate) fn ymd_to_ord(y: i32, m: u32, d: u32) -> i64 {
    days_before_year(y) + days_before_month(y, m) + d as i64
}

/// The date of ordinal `n` (any i64 in a sane range; callers check 1..=MAXORDINAL
/// before building a date).
pub(crate) fn ord_to_ymd(n: i64) -> (i32, u32, u32) {
    // Days since 0001-01-01, split into 400-, 100-, 4- and 1-year cycles.
    let mut n = n - 1;
    let n400 = n.div_euclid(146_097);
    n = n.rem_euclid(146_097);
    let n100 = n / 36_524;
    n %= 36_524;
    let n4 = n / 1_461;
    n %= 1_461;
    let n1 = n / 365;
    n %= 365;
    let year = (n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1) as i32;
    if n1 == 4 || n100 == 4 {
        return (year - 1, 12, 31);
    }
    let leap = n1 == 3 && (n4 != 24 || n100 == 3);
    let mut month = ((n + 50) >> 5) as u32;
    let mut before = days_before_month_leap(month, leap);
    if before > n {
        month -= 1;
        before -= days_in_month_leap(month, leap) as i64;
    }
    (year, month, (n - before + 1) as u32)
}

fn days_before_month_leap(m: u32, leap: bool) -> i64 {
    const B: [i64; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    B[m as usize] + i64::from(m > 2 && leap)
}

fn days_in_month_leap(m: u32, leap: bool) -> u32 {
    const D: [u32; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if m == 2 && leap {
        29
    } else {
        D[m as usize]
    }
}

/// Monday is 0.
pub(crate) fn weekday(y: i32, m: u32, d: u32) -> i64 {
    (ymd_to_ord(y, m, d) + 6).rem_euclid(7)
}

/// Ordinal of the Monday of ISO week 1 of `y`.
pub(crate) fn iso_week1_monday(y: i32) -> i64 {
    let first = ymd_to_ord(y, 1, 1);
    let wd = (first + 6).rem_euclid(7);
    let mut monday = first - wd;
    if wd > 3 {
        monday += 7;
    }
    monday
}

/// `utc_to_seconds`: seconds since 0001-01-01 - 1 day (CPython's epoch for
/// its local-time arithmetic).
pub(crate) fn utc_to_seconds(y: i32, m: u32, d: u32, hh: i64, mm: i64, ss: i64) -> i64 {
    ((ymd_to_ord(y, m, d) * 24 + hh) * 60 + mm) * 60 + ss
}

pub(crate) const EPOCH_SECONDS: i64 = 719_163 * 86_400;
pub(crate) const MAX_FOLD_SECONDS: i64 = 86_400;

// ------------------------------------------------------------ value checks

pub(crate) fn check_date_args(vm: &mut Vm, y: i64, m: i64, d: i64) -> PyResult<()> {
    if !(MINYEAR as i64..=MAXYEAR as i64).contains(&y) {
        return Err(vm.value_error(&format!("year {y} is out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(vm.value_error("month must be in 1..12"));
    }
    if d < 1 || d > days_in_month(y as i32, m as u32) as i64 {
        return Err(vm.value_error("day is out of range for month"));
    }
    Ok(())
}

pub(crate) fn check_time_args(
    vm: &mut Vm,
    h: i64,
    m: i64,
    s: i64,
    us: i64,
    fold: i64,
) -> PyResult<()> {
    if !(0..=23).contains(&h) {
        return Err(vm.value_error("hour must be in 0..23"));
    }
    if !(0..=59).contains(&m) {
        return Err(vm.value_error("minute must be in 0..59"));
    }
    if !(0..=59).contains(&s) {
        return Err(vm.value_error("second must be in 0..59"));
    }
    if !(0..=999_999).contains(&us) {
        return Err(vm.value_error("microsecond must be in 0..999999"));
    }
    if fold != 0 && fold != 1 {
        return Err(vm.value_error("fold must be either 0 or 1"));
    }
    Ok(())
}

pub(crate) fn check_tzinfo_arg(vm: &mut Vm, tz: Value) -> PyResult<()> {
    if tz.is_none() || is_tzinfo(tz) {
        return Ok(());
    }
    let tn = vm.type_name_of(tz);
    Err(vm.type_error(&format!(
        "tzinfo argument must be None or of a tzinfo subclass, not type '{tn}'"
    )))
}

/// An `i` argument (`PyArg_Parse*`'s C int).
/// The pickle `(cls, (state,))` or `(cls, (state, tzinfo))` of the time or
/// datetime `me`, as CPython's: the state is `head` (the fields before the
/// minute, fold flag included) then minute, second and three bytes of
/// microseconds.
pub(crate) fn reduce_with_time(vm: &mut Vm, me: Value, head: &[u8], d: &Dt) -> PyResult<Value> {
    let us = d.us as u32;
    let mut b = head.to_vec();
    b.extend_from_slice(&[
        d.minute,
        d.second,
        (us >> 16) as u8,
        (us >> 8) as u8,
        us as u8,
    ]);
    let s = vm.new_bytes(&b);
    let mark = vm.push_root(s);
    let args = if d.tz.is_none() {
        vm.new_tuple(&[s])
    } else {
        vm.new_tuple(&[s, d.tz])
    };
    vm.push_root(args);
    let cls = vm.type_of(me);
    let r = vm.new_tuple(&[cls, args]);
    vm.pop_roots(mark);
    Ok(r)
}

pub(crate) fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_int() {
        if let Ok(x) = i32::try_from(i) {
            return Ok(x as i64);
        }
    }
    Ok(c_int(vm, v)? as i64)
}

/// `PyArg_ParseTupleAndKeywords` for `names` (all optional after `min`,
/// the ones from `kwonly` keyword-only): CPython's "function ..." messages.
pub(crate) fn parse_kw<const N: usize>(
    vm: &mut Vm,
    fname: Option<&str>,
    args: &[Value],
    kwnames: Value,
    names: [&str; N],
    min: usize,
    kwonly: usize,
) -> PyResult<[Option<Value>; N]> {
    let mut out = [None; N];
    let nkw = Obj::from_value(kwnames).map_or(0, |k| k.n_values());
    let npos = args.len() - nkw;
    let fdesc = match fname {
        Some(n) => format!("{n}()"),
        None => "function".to_owned(),
    };
    if npos + nkw > N {
        let s = if N == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{fdesc} takes at most {N} argument{s} ({} given)",
            npos + nkw
        )));
    }
    if npos > kwonly {
        let s = if kwonly == 1 { "" } else { "s" };
        return Err(vm.type_error(&format!(
            "{fdesc} takes at most {kwonly} positional argument{s} ({npos} given)"
        )));
    }
    for (o, &v) in out.iter_mut().zip(&args[..npos]) {
        *o = Some(v);
    }
    if let Some(k) = Obj::from_value(kwnames) {
        for j in 0..nkw {
            let kn = str_of(k.get(j));
            match names.iter().position(|n| *n == kn) {
                Some(i) if i < npos => {
                    return Err(vm.type_error(&format!(
                        "argument for {fdesc} given by name ('{kn}') and position ({})",
                        i + 1
                    )));
                }
                Some(i) => out[i] = Some(args[npos + j]),
                None => {
                    return Err(vm.type_error(&format!(
                        "'{kn}' is an invalid keyword argument for {fdesc}"
                    )));
                }
            }
        }
    }
    for (i, o) in out.iter().enumerate().take(min) {
        if o.is_none() {
            return Err(vm.type_error(&format!(
                "{fdesc} missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// The positional-only check of `METH_NOARGS` / `METH_O` methods.
pub(crate) fn noargs(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<()> {
    crate::args::check_method(vm, name, a, k, 0, 0)
}

/// The receiver of a method of kind `ty` (or one of `alt`), or CPython's
/// descriptor TypeError.
pub(crate) fn recv(vm: &mut Vm, a: &[Value], ty: Ty, meth: &str) -> PyResult<&'static Dt> {
    if let Some(d) = a.first().and_then(|&v| dt_of(v)) {
        if d.ty == ty
            || (ty == Ty::Date && d.ty == Ty::DateTime)
            || (ty == Ty::TzInfo && d.ty == Ty::TimeZone)
        {
            return Ok(d);
        }
    }
    let owner = match ty {
        Ty::Delta => "timedelta",
        Ty::Date => "date",
        Ty::Time => "time",
        Ty::DateTime => "datetime",
        Ty::TzInfo => "tzinfo",
        Ty::TimeZone => "timezone",
    };
    let tn = match a.first() {
        Some(&v) => vm.type_name_of(v),
        None => "NoneType".into(),
    };
    Err(vm.type_error(&format!(
        "descriptor '{meth}' for 'datetime.{owner}' objects doesn't apply to a '{tn}' object"
    )))
}

// ------------------------------------------------------------ object makers

/// A timedelta of `total` microseconds, or CPython's OverflowError.
pub(crate) fn new_delta_us(vm: &mut Vm, st: Value, total: i128) -> PyResult<Value> {
    let days = total.div_euclid(US_PER_DAY);
    let rest = total.rem_euclid(US_PER_DAY) as i64;
    if days.abs() > MAX_DELTA_DAYS as i128 {
        if i32::try_from(days).is_err() {
            return Err(vm.new_exc(
                vm.g.e.OverflowError,
                "Python int too large to convert to C int",
            ));
        }
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            &format!("days={days}; must have magnitude <= 999999999"),
        ));
    }
    let mut d = Dt::blank(Ty::Delta, st);
    d.days = days as i32;
    d.secs = (rest / US_PER_SEC) as i32;
    d.us = (rest % US_PER_SEC) as i32;
    let cls = st_get(st, ST_DELTA);
    Ok(alloc(vm, cls, d))
}

pub(crate) fn date_out_of_range(vm: &mut Vm) -> PyException {
    vm.new_exc(vm.g.e.OverflowError, "date value out of range")
}

/// A date of class `cls`: allocated directly for `date` itself, else by
/// calling `cls(y, m, d)` (CPython's `new_date_subclass_ex`).
pub(crate) fn new_date_cls(
    vm: &mut Vm,
    st: Value,
    cls: Value,
    y: i32,
    m: u32,
    d: u32,
) -> PyResult<Value> {
    if cls == st_get(st, ST_DATE) {
        check_date_args(vm, y as i64, m as i64, d as i64)?;
        let mut p = Dt::blank(Ty::Date, st);
        p.year = y;
        p.month = m as u8;
        p.day = d as u8;
        return Ok(alloc(vm, cls, p));
    }
    let args = [
        Value::int(y as i64),
        Value::int(m as i64),
        Value::int(d as i64),
    ];
    vm.call(cls, &args, Value::EMPTY)
}

/// Fields of a datetime.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub y: i32,
    pub mo: u32,
    pub d: u32,
    pub h: u32,
    pub mi: u32,
    pub s: u32,
    pub us: u32,
    pub fold: u32,
}

impl Fields {
    pub(crate) fn of(d: &Dt) -> Fields {
        Fields {
            y: d.year,
            mo: d.month as u32,
            d: d.day as u32,
            h: d.hour as u32,
            mi: d.minute as u32,
            s: d.second as u32,
            us: d.us as u32,
            fold: d.fold as u32,
        }
    }
    pub(crate) fn payload(&self, st: Value, tz: Value) -> Dt {
        let mut p = Dt::blank(Ty::DateTime, st);
        p.year = self.y;
        p.month = self.mo as u8;
        p.day = self.d as u8;
        p.hour = self.h as u8;
        p.minute = self.mi as u8;
        p.second = self.s as u8;
        p.us = self.us as i32;
        p.fold = self.fold as u8;
        p.tz = tz;
        p
    }
    /// Microseconds since 0001-01-01 - 1 day.
    pub(crate) fn total_us(&self) -> i128 {
        let days = ymd_to_ord(self.y, self.mo, self.d) as i128;
        let tod = ((self.h as i128 * 60 + self.mi as i128) * 60 + self.s as i128) * 1_000_000
            + self.us as i128;
        days * US_PER_DAY + tod
    }
    /// The fields at `total` microseconds (fold 0), or None out of range.
    pub(crate) fn from_total_us(total: i128) -> Option<Fields> {
        let days = total.div_euclid(US_PER_DAY);
        if days < 1 || days > MAXORDINAL as i128 {
            return None;
        }
        let mut r = total.rem_euclid(US_PER_DAY) as i64;
        let (y, mo, d) = ord_to_ymd(days as i64);
        let us = (r % US_PER_SEC) as u32;
        r /= US_PER_SEC;
        Some(Fields {
            y,
            mo,
            d,
            h: (r / 3600) as u32,
            mi: (r / 60 % 60) as u32,
            s: (r % 60) as u32,
            us,
            fold: 0,
        })
    }
}

/// A datetime of class `cls` (`new_datetime_subclass_fold_ex`).
pub(crate) fn new_datetime_cls(
    vm: &mut Vm,
    st: Value,
    cls: Value,
    f: Fields,
    tz: Value,
) -> PyResult<Value> {
    if cls == st_get(st, ST_DATETIME) {
        check_date_args(vm, f.y as i64, f.mo as i64, f.d as i64)?;
        check_time_args(
            vm,
            f.h as i64,
            f.mi as i64,
            f.s as i64,
            f.us as i64,
            f.fold as i64,
        )?;
        check_tzinfo_arg(vm, tz)?;
        return Ok(alloc(vm, cls, f.payload(st, tz)));
    }
    let args = [
        Value::int(f.y as i64),
        Value::int(f.mo as i64),
        Value::int(f.d as i64),
        Value::int(f.h as i64),
        Value::int(f.mi as i64),
        Value::int(f.s as i64),
        Value::int(f.us as i64),
        tz,
    ];
    call_subclass_fold(vm, cls, &args, f.fold)
}

/// `cls(*args)`, with `fold=1` as a keyword when `fold` is set.
pub(crate) fn call_subclass_fold(
    vm: &mut Vm,
    cls: Value,
    args: &[Value],
    fold: u32,
) -> PyResult<Value> {
    if fold == 0 {
        return vm.call(cls, args, Value::EMPTY);
    }
    let kn = vm.intern("fold");
    let kw = vm.new_tuple(&[kn]);
    let mark = vm.push_root(kw);
    let mut all = args.to_vec();
    all.push(Value::int(fold as i64));
    let r = vm.call(cls, &all, kw);
    vm.pop_roots(mark);
    r
}

/// A time of class `cls` (`new_time_subclass_fold_ex`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn new_time_cls(
    vm: &mut Vm,
    st: Value,
    cls: Value,
    h: u32,
    mi: u32,
    s: u32,
    us: u32,
    tz: Value,
    fold: u32,
) -> PyResult<Value> {
    if cls == st_get(st, ST_TIME) {
        check_time_args(vm, h as i64, mi as i64, s as i64, us as i64, fold as i64)?;
        check_tzinfo_arg(vm, tz)?;
        return Ok(time::alloc_time(vm, cls, st, h, mi, s, us, tz, fold));
    }
    let args = [
        Value::int(h as i64),
        Value::int(mi as i64),
        Value::int(s as i64),
        Value::int(us as i64),
        tz,
    ];
    call_subclass_fold(vm, cls, &args, fold)
}

// ------------------------------------------------------------ tzinfo calls

/// The utcoffset/dst result of `tz.name(arg)` as microseconds: None for a
/// None result; CPython's checks (a timedelta strictly within a day).
pub(crate) fn call_offset(
    vm: &mut Vm,
    tz: Value,
    name: &str,
    arg: Value,
) -> PyResult<Option<i128>> {
    if tz.is_none() {
        return Ok(None);
    }
    if let Some(z) = dt_is(tz, Ty::TimeZone) {
        if vm.type_of(tz) == st_get(z.st, ST_TIMEZONE) {
            if name == "dst" {
                return Ok(None);
            }
            return Ok(Some(dt_of(z.tz).expect("offset").delta_us()));
        }
    }
    let mark = vm.push_root(tz);
    vm.push_root(arg);
    let r = vm.call_method(tz, name, &[arg]);
    vm.pop_roots(mark);
    let r = r?;
    if r.is_none() {
        return Ok(None);
    }
    let Some(d) = dt_is(r, Ty::Delta) else {
        let tn = vm.type_name_of(r);
        return Err(vm.type_error(&format!(
            "tzinfo.{name}() must return None or timedelta, not '{tn}'"
        )));
    };
    let us = d.delta_us();
    if us <= -US_PER_DAY || us >= US_PER_DAY {
        return Err(vm.value_error(
            "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
        ));
    }
    Ok(Some(us))
}

/// `tz.tzname(arg)`: None or a str.
pub(crate) fn call_tzname(vm: &mut Vm, tz: Value, arg: Value) -> PyResult<Value> {
    if tz.is_none() {
        return Ok(Value::NONE);
    }
    let mark = vm.push_root(tz);
    vm.push_root(arg);
    let r = vm.call_method(tz, "tzname", &[arg]);
    vm.pop_roots(mark);
    let r = r?;
    if r.is_none() || is_str(r) {
        return Ok(r);
    }
    let tn = vm.type_name_of(r);
    Err(vm.type_error(&format!(
        "tzinfo.tzname() must return None or a string, not '{tn}'"
    )))
}

/// `+HH:MM[:SS[.ffffff]]` of an offset, `sep` between the fields.
pub(crate) fn format_offset(us: i128, sep: &str) -> String {
    let (sign, mut a) = if us < 0 { ('-', -us) } else { ('+', us) };
    let frac = (a % 1_000_000) as i64;
    a /= 1_000_000;
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    let mut out = format!("{sign}{h:02}{sep}{m:02}");
    if s != 0 || frac != 0 {
        out.push_str(&format!("{sep}{s:02}"));
        if frac != 0 {
            out.push_str(&format!(".{frac:06}"));
        }
    }
    out
}

/// Appends `v` zero-padded to `width` digits (more if it needs them).
pub(crate) fn push_digits(s: &mut String, v: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut n = v;
    let mut i = buf.len();
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let start = (buf.len() - width.min(buf.len())).min(i);
    // ASCII digits only: always UTF-8.
    s.push_str(std::str::from_utf8(&buf[start..]).unwrap_or(""));
}

/// Hash of a tuple of ints (CPython's xxHash-based tuple hash), so equal
/// values hash alike whatever their type.
pub(crate) fn hash_ints(vm: &mut Vm, items: &[i64]) -> PyResult<Value> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for &i in items {
        let lane = vm.hash(Value::int(i))? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    let h = if acc as i64 == -1 {
        1546275796
    } else {
        acc as i64
    };
    Ok(vm.new_int(h))
}

/// `time.strftime(fmt, timetuple)` after CPython's `wrap_strftime`
/// replacements of `%z`, `%Z` and `%f`; `tzinfoarg` is what utcoffset and
/// tzname receive.
pub(crate) fn wrap_strftime(
    vm: &mut Vm,
    obj: Value,
    fmt: Value,
    timetuple: Value,
    tzinfoarg: Value,
) -> PyResult<Value> {
    let f = vm.str_string(fmt)?;
    let d = dt_of(obj).expect("datetime object");
    let tz = match d.ty {
        Ty::Time | Ty::DateTime => d.tz,
        _ => Value::NONE,
    };
    let mut out = String::with_capacity(f.len() + 8);
    let mut it = f.chars().peekable();
    let mut zreplace: Option<String> = None;
    let mut zname: Option<String> = None;
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match it.next() {
            None => out.push('%'),
            Some('z') => {
                if zreplace.is_none() {
                    let mut s = String::new();
                    if !tz.is_none() {
                        if let Some(off) = call_offset(vm, tz, "utcoffset", tzinfoarg)? {
                            s = format_offset(off, "");
                        }
                    }
                    zreplace = Some(s);
                }
                out.push_str(zreplace.as_deref().unwrap_or(""));
            }
            Some('Z') => {
                if zname.is_none() {
                    let mut s = String::new();
                    if !tz.is_none() {
                        let n = call_tzname(vm, tz, tzinfoarg)?;
                        if !n.is_none() {
                            s = tzname_replacement(vm, n)?;
                        }
                    }
                    zname = Some(s);
                }
                out.push_str(zname.as_deref().unwrap_or(""));
            }
            Some('f') => out.push_str(&format!(
                "{:06}",
                if matches!(d.ty, Ty::Time | Ty::DateTime) {
                    d.us
                } else {
                    0
                }
            )),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
        }
    }
    let tm = vm.import_module("time")?;
    let mark = vm.push_root(tm);
    vm.push_root(timetuple);
    let nf = vm.new_str(&out);
    vm.push_root(nf);
    let r = vm.call_method(tm, "strftime", &[nf, timetuple]);
    vm.pop_roots(mark);
    r
}

/// `%Z`'s text: `tzname.replace('%', '%%')`, which must be a str
/// encodable as UTF-8.
fn tzname_replacement(vm: &mut Vm, n: Value) -> PyResult<String> {
    let mark = vm.push_root(n);
    let r = (|| {
        let pct = vm.new_str("%");
        vm.push_root(pct);
        let pct2 = vm.new_str("%%");
        vm.push_root(pct2);
        let r = vm.call_method(n, "replace", &[pct, pct2])?;
        if !is_str(r) {
            return Err(vm.type_error("tzname.replace() did not return a string"));
        }
        vm.push_root(r);
        let enc = vm.new_str("utf-8");
        vm.push_root(enc);
        vm.call_method(r, "encode", &[enc])?;
        Ok(str_of(r).into_owned())
    })();
    vm.pop_roots(mark);
    r
}

/// `time.struct_time((y, m, d, hh, mm, ss, wday, yday, dst))`.
pub(crate) fn build_struct_time(vm: &mut Vm, f: &Fields, dst: i64) -> PyResult<Value> {
    let wd = weekday(f.y, f.mo, f.d);
    let yday = days_before_month(f.y, f.mo) + f.d as i64;
    let items = [
        Value::int(f.y as i64),
        Value::int(f.mo as i64),
        Value::int(f.d as i64),
        Value::int(f.h as i64),
        Value::int(f.mi as i64),
        Value::int(f.s as i64),
        Value::int(wd),
        Value::int(yday),
        Value::int(dst),
    ];
    let tm = vm.import_module("time")?;
    let mark = vm.push_root(tm);
    let t = vm.new_tuple(&items);
    vm.push_root(t);
    let n = vm.intern("struct_time");
    let r = vm
        .getattr(tm, n)
        .and_then(|c| vm.call(c, &[t], Value::EMPTY));
    vm.pop_roots(mark);
    r
}

/// `__format__(fmt)`: `str(self)` for an empty format, else `strftime`.
pub(crate) fn dt_format(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "__format__", a, k, 1, 1)?;
    if !is_str(a[1]) {
        let tn = vm.type_name_of(a[1]);
        return Err(vm.type_error(&format!("format() argument 2 must be str, not {tn}")));
    }
    if str_of(a[1]).is_empty() {
        return vm.str(a[0]);
    }
    vm.call_method(a[0], "strftime", &[a[1]])
}

/// Adds a static or class method to `t` whose builtin is bound to the
/// state object `st` (so the native receives `st` first).
pub(crate) fn add_bound(
    vm: &mut Vm,
    t: Value,
    st: Value,
    name: &'static str,
    f: NativeFn,
    class: bool,
) {
    let b = vm.new_builtin_bound(name, f, st);
    vm.ctx.promote(b);
    let wcls = if class {
        vm.g.types.classmethod
    } else {
        vm.g.types.staticmethod
    };
    let w = vm.alloc_obj(K_WRAPPER, wcls, 2, 0);
    w.init(0, b);
    vm.ctx.promote(w.value());
    vm.add_attr(t, name, w.value());
}

/// Creates a static type of the module.
pub(crate) fn new_type(vm: &mut Vm, name: &str, base: Value, modname: Value) -> Value {
    let t = vm.new_static_type(name, base, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    t
}

/// Sets class attribute `name` of `t` to `v`.
pub(crate) fn set_class_attr(vm: &mut Vm, t: Value, name: &str, v: Value) {
    vm.ctx.promote(v);
    vm.add_attr(t, name, v);
}

/// Creates the `_datetime` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_datetime");
    let mark = vm.push_root(m);
    let modname = vm.new_str("datetime");
    vm.ctx.promote(modname);
    vm.push_root(modname);
    let sto = vm.alloc_obj(Kind::GENERIC, Value::NONE, ST_N, 0);
    for i in 0..ST_N {
        sto.init(i, Value::NONE);
    }
    let st = sto.value();
    vm.ctx.promote(st);
    vm.ctx.add_global_root(st);

    let obj = vm.g.types.object;
    let td = new_type(vm, "timedelta", obj, modname);
    vm.store(sto, ST_DELTA, td);
    let date = new_type(vm, "date", obj, modname);
    vm.store(sto, ST_DATE, date);
    let tzi = new_type(vm, "tzinfo", obj, modname);
    vm.store(sto, ST_TZINFO, tzi);
    let tm = new_type(vm, "time", obj, modname);
    vm.store(sto, ST_TIME, tm);
    let dtt = new_type(vm, "datetime", date, modname);
    vm.store(sto, ST_DATETIME, dtt);
    let tz = new_type(vm, "timezone", tzi, modname);
    // Not an acceptable base type, as in CPython.
    let tzo = Obj::from_value(tz).expect("type");
    set_type_flags(tzo, type_flags(tzo) & !TF_BASETYPE);
    vm.store(sto, ST_TIMEZONE, tz);
    let iso = iso::new_isocal_type(vm, st, modname);
    vm.store(sto, ST_ISOCAL, iso);

    timedelta::init(vm, st, td)?;
    date::init(vm, st, date)?;
    tzinfo::init(vm, st, tzi, tz)?;
    time::init(vm, st, tm)?;
    datetime::init(vm, st, dtt)?;

    let docs: [(Value, &str); 6] = [
        (td, "Difference between two datetime values.\n\ntimedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)\n\nAll arguments are optional and default to 0.\nArguments may be integers or floats, and may be positive or negative."),
        (date, "date(year, month, day) --> date object"),
        (tm, "time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object\n\nAll arguments are optional. tzinfo may be None, or an instance of\na tzinfo subclass. The remaining arguments may be ints.\n"),
        (dtt, "datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])\n\nThe year, month and day arguments are required. tzinfo may be None, or an\ninstance of a tzinfo subclass. The remaining arguments may be ints.\n"),
        (tzi, "Abstract base class for time zone info objects."),
        (tz, "Fixed offset from UTC implementation of tzinfo."),
    ];
    for (t, doc) in docs {
        let d = vm.new_str(doc);
        set_class_attr(vm, t, "__doc__", d);
    }
    let mdoc = vm.new_str("Fast implementation of the datetime type.");
    vm.set_module_attr(m, "__doc__", mdoc);
    for (n, v) in [
        ("timedelta", td),
        ("date", date),
        ("time", tm),
        ("datetime", dtt),
        ("tzinfo", tzi),
        ("timezone", tz),
    ] {
        vm.set_module_attr(m, n, v);
    }
    vm.set_module_attr(m, "MINYEAR", Value::int(MINYEAR as i64));
    vm.set_module_attr(m, "MAXYEAR", Value::int(MAXYEAR as i64));
    let utc = st_get(st, ST_UTC);
    vm.set_module_attr(m, "UTC", utc);
    vm.pop_roots(mark);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for n in [
            1i64, 59, 60, 365, 366, 730_120, 730_485, 1_000_000, MAXORDINAL,
        ] {
            let (y, m, d) = ord_to_ymd(n);
            assert_eq!(ymd_to_ord(y, m, d), n, "{n}");
        }
        assert_eq!(ord_to_ymd(1), (1, 1, 1));
        assert_eq!(ord_to_ymd(MAXORDINAL), (9999, 12, 31));
        assert_eq!(ymd_to_ord(1970, 1, 1), 719_163);
        assert_eq!(weekday(2000, 1, 1), 5);
        let mut n = 1;
        for y in [1, 4, 100, 400, 1900, 2000, 2023, 2024] {
            for m in 1..=12 {
                for d in 1..=days_in_month(y, m) {
                    n = ymd_to_ord(y, m, d);
                    assert_eq!(ord_to_ymd(n), (y, m, d));
                }
            }
        }
        assert!(n > 0);
    }
}
