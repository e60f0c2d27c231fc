//! `datetime.date`: year, month, day; also the timestamp and local-time
//! helpers the other types share.

use super::*;
use crate::modules::time::calendar::{gmtime_tm, localtime_tm, zone_bytes};
#[allow(unused_imports)]
use engine::runtime::ops::{cmp_op, Num};

fn this(vm: &mut Vm, a: &[Value], m: &str) -> PyResult<&'static Dt> {
    recv(vm, a, Ty::Date, m)
}

// ------------------------------------------------------------ timestamps

fn time_t_overflow(vm: &mut Vm) -> PyException {
    vm.new_exc(
        vm.g.e.OverflowError,
        "timestamp out of range for platform time_t",
    )
}

/// `_PyTime_ObjectToTime_t`'s int path.
fn int_to_time_t(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = vm.index(v)?;
    vm.as_i64(i).ok_or_else(|| time_t_overflow(vm))
}

fn check_float_ts(vm: &mut Vm, f: f64) -> PyResult<()> {
    if f.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    Ok(())
}

/// A timestamp rounded down to whole seconds (`date.fromtimestamp`).
pub(crate) fn ts_floor(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(Num::F(f)) = vm.num(v).filter(|_| !vm.is_int_like(v)) {
        check_float_ts(vm, f)?;
        let x = f.floor();
        if !(-9.223372036854776e18..9.223372036854776e18).contains(&x) {
            return Err(time_t_overflow(vm));
        }
        return Ok(x as i64);
    }
    int_to_time_t(vm, v)
}

/// A timestamp as (seconds, microseconds), microseconds rounded half to
/// even (`_PyTime_ObjectToTimeval`).
pub(crate) fn ts_timeval(vm: &mut Vm, v: Value) -> PyResult<(i64, i64)> {
    if let Some(Num::F(f)) = vm.num(v).filter(|_| !vm.is_int_like(v)) {
        check_float_ts(vm, f)?;
        let mut ip = f.trunc();
        let mut fp = (f - ip) * 1e6;
        let r = fp.round();
        fp = if (fp - r).abs() == 0.5 {
            2.0 * (fp / 2.0).round()
        } else {
            r
        };
        if fp >= 1e6 {
            fp -= 1e6;
            ip += 1.0;
        } else if fp < 0.0 {
            fp += 1e6;
            ip -= 1.0;
        }
        if !(-9.223372036854776e18..9.223372036854776e18).contains(&ip) {
            return Err(time_t_overflow(vm));
        }
        return Ok((ip as i64, fp as i64));
    }
    Ok((int_to_time_t(vm, v)?, 0))
}

/// Local broken-down time of `t`: fields (seconds clamped to 59), UTC
/// offset in seconds and zone name.
pub(crate) fn local_fields(vm: &mut Vm, t: i64) -> PyResult<(Fields, i64, Vec<u8>)> {
    let tm = localtime_tm(vm, t as libc::time_t)?;
    let f = tm_fields(vm, &tm)?;
    Ok((f, tm.tm_gmtoff, zone_bytes(&tm)))
}

/// The fields of a broken-down time (seconds clamped to 59).
fn tm_fields(vm: &mut Vm, tm: &libc::tm) -> PyResult<Fields> {
    let year = i64::from(tm.tm_year) + 1900;
    let Ok(y) = i32::try_from(year) else {
        return Err(vm.value_error(&format!("year {year} is out of range")));
    };
    Ok(Fields {
        y,
        mo: (tm.tm_mon + 1) as u32,
        d: tm.tm_mday as u32,
        h: tm.tm_hour as u32,
        mi: tm.tm_min as u32,
        s: tm.tm_sec.min(59) as u32,
        us: 0,
        fold: 0,
    })
}

/// UTC fields of `t` (the C library's `gmtime_r`, as CPython).
pub(crate) fn utc_fields(vm: &mut Vm, t: i64) -> PyResult<Fields> {
    let tm = gmtime_tm(vm, t as libc::time_t)?;
    tm_fields(vm, &tm)
}

/// CPython's `local(u)`: local time of `u` seconds (since 0001-01-01 - 1
/// day) as seconds of the same scale.
pub(crate) fn local_secs(vm: &mut Vm, u: i64) -> PyResult<i64> {
    let (f, _, _) = local_fields(vm, u - EPOCH_SECONDS)?;
    if !(MINYEAR..=MAXYEAR).contains(&f.y) {
        return Err(vm.value_error(&format!("year {} is out of range", f.y)));
    }
    Ok(utc_to_seconds(
        f.y,
        f.mo,
        f.d,
        f.h as i64,
        f.mi as i64,
        f.s as i64,
    ))
}

/// The time since the epoch, `time.time()`'s value as a float.
pub(crate) fn now_value(vm: &mut Vm) -> PyResult<Value> {
    let tm = vm.import_module("time")?;
    let mark = vm.push_root(tm);
    let r = vm.call_method(tm, "time", &[]);
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------ constructors

/// The bytes of a pickle state argument (bytes, or a latin-1 str), if
/// `v` is one of `n` bytes whose byte `at` passes `sane`.
pub(crate) fn pickle_state(v: Value, n: usize, at: usize, sane: fn(u8) -> bool) -> Option<Vec<u8>> {
    let o = Obj::from_value(v)?;
    let b = if o.kind() == Kind::BYTES {
        crate::types::bytes::buf(v)?
    } else if o.kind() == Kind::STR {
        let s = str_of(v);
        let mut b = Vec::with_capacity(n);
        for c in s.chars() {
            if c as u32 > 255 {
                return None;
            }
            b.push(c as u8);
        }
        b
    } else {
        return None;
    };
    (b.len() == n && sane(b[at])).then_some(b)
}

fn d_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let st = a[0];
    let Some(&cls) = a.get(1) else {
        return Err(vm.type_error("date.__new__(): not enough arguments"));
    };
    check_new_cls(vm, st, cls, ST_DATE)?;
    let args = &a[2..];
    if args.len() == 1 && !k.is_heap() {
        if let Some(b) = pickle_state(args[0], 4, 2, |m| (1..=12).contains(&m)) {
            let mut p = Dt::blank(Ty::Date, st);
            p.year = (b[0] as i32) * 256 + b[1] as i32;
            p.month = b[2];
            p.day = b[3];
            return Ok(alloc(vm, cls, p));
        }
    }
    let [y, m, d] = parse_kw(vm, None, args, k, ["year", "month", "day"], 3, 3)?;
    let y = int_arg(vm, y.expect("required"))?;
    let m = int_arg(vm, m.expect("required"))?;
    let d = int_arg(vm, d.expect("required"))?;
    check_date_args(vm, y, m, d)?;
    let mut p = Dt::blank(Ty::Date, st);
    p.year = y as i32;
    p.month = m as u8;
    p.day = d as u8;
    Ok(alloc(vm, cls, p))
}

fn d_fromtimestamp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "fromtimestamp", &a[1..], k, 1, 1)?;
    let (st, cls) = (a[0], a[1]);
    let t = ts_floor(vm, a[2])?;
    let (f, _, _) = local_fields(vm, t)?;
    new_date_cls(vm, st, cls, f.y, f.mo, f.d)
}

fn d_today(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "today", &a[1..], k, 0, 0)?;
    let (st, cls) = (a[0], a[1]);
    let now = now_value(vm)?;
    if cls == st_get(st, ST_DATE) {
        let t = ts_floor(vm, now)?;
        let (f, _, _) = local_fields(vm, t)?;
        return new_date_cls(vm, st, cls, f.y, f.mo, f.d);
    }
    // As CPython: a subclass's own fromtimestamp decides.
    let mark = vm.push_root(now);
    let r = vm.call_method(cls, "fromtimestamp", &[now]);
    vm.pop_roots(mark);
    r
}

fn d_fromordinal(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "fromordinal", &a[1..], k, 1, 1)?;
    let (st, cls) = (a[0], a[1]);
    let n = int_arg(vm, a[2])?;
    if n < 1 {
        return Err(vm.value_error("ordinal must be >= 1"));
    }
    if n > MAXORDINAL {
        return Err(vm.value_error(&format!("year {} is out of range", ord_to_ymd(n).0)));
    }
    let (y, m, d) = ord_to_ymd(n);
    new_date_cls(vm, st, cls, y, m, d)
}

/// `(year, week, day)` -> date fields, or CPython's messages.
pub(crate) fn iso_to_ymd(vm: &mut Vm, y: i64, w: i64, d: i64) -> PyResult<(i32, u32, u32)> {
    if !(MINYEAR as i64..=MAXYEAR as i64).contains(&y) {
        return Err(vm.value_error(&format!("Year is out of range: {y}")));
    }
    let y = y as i32;
    if w <= 0 || w >= 53 {
        let mut bad = true;
        if w == 53 {
            let first = (ymd_to_ord(y, 1, 1) + 6).rem_euclid(7);
            if first == 3 || (first == 2 && is_leap(y)) {
                bad = false;
            }
        }
        if bad {
            return Err(vm.value_error(&format!("Invalid week: {w}")));
        }
    }
    if d <= 0 || d >= 8 {
        return Err(vm.value_error(&format!("Invalid day: {d} (range is [1, 7])")));
    }
    let day1 = iso_week1_monday(y);
    Ok(ord_to_ymd(day1 + (w - 1) * 7 + d - 1))
}

fn d_fromisocalendar(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (st, cls) = (a[0], a[1]);
    let [y, w, d] = parse_kw(
        vm,
        Some("fromisocalendar"),
        &a[2..],
        k,
        ["year", "week", "day"],
        3,
        3,
    )?;
    let mut v = [0i64; 3];
    for (o, x) in v.iter_mut().zip([y, w, d]) {
        *o = match int_arg(vm, x.expect("required")) {
            Ok(i) => i,
            Err(e) if vm.isinstance(e.0, vm.g.e.OverflowError) => {
                return Err(vm.value_error("ISO calendar component out of range"));
            }
            Err(e) => return Err(e),
        };
    }
    let (y, m, d) = iso_to_ymd(vm, v[0], v[1], v[2])?;
    new_date_cls(vm, st, cls, y, m, d)
}

fn d_fromisoformat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "fromisoformat", &a[1..], k, 1, 1)?;
    let (st, cls, s) = (a[0], a[1], a[2]);
    if !is_str(s) {
        return Err(vm.type_error("fromisoformat: argument must be str"));
    }
    let bytes = iso::ascii_view(s);
    let r = if matches!(bytes.len(), 7 | 8 | 10) {
        iso::parse_date(&bytes, bytes.len())
    } else {
        None
    };
    match r {
        Some((y, dp)) => {
            let (y, m, d) = match dp {
                iso::DatePart::Ymd(m, d) => (y, m, d),
                iso::DatePart::Week(w, d) => {
                    let (y, m, d) = iso_to_ymd(vm, y as i64, w as i64, d as i64).map_err(|_| {
                        let rp = vm.repr_string(s).unwrap_or_default();
                        vm.value_error(&format!("Invalid isoformat string: {rp}"))
                    })?;
                    (y, m as i32, d as i32)
                }
            };
            new_date_checked(vm, st, cls, y as i64, m as i64, d as i64)
        }
        None => {
            let rp = vm.repr_string(s)?;
            Err(vm.value_error(&format!("Invalid isoformat string: {rp}")))
        }
    }
}

fn new_date_checked(vm: &mut Vm, st: Value, cls: Value, y: i64, m: i64, d: i64) -> PyResult<Value> {
    check_date_args(vm, y, m, d)?;
    new_date_cls(vm, st, cls, y as i32, m as u32, d as u32)
}

// ------------------------------------------------------------ methods

fn getter(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static Dt> {
    this(vm, a, name)
}
fn get_year(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(getter(vm, a, "year")?.year as i64))
}
fn get_month(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(getter(vm, a, "month")?.month as i64))
}
fn get_day(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(getter(vm, a, "day")?.day as i64))
}

fn d_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__repr__")?;
    let name = tp_name(vm.type_of(a[0]));
    Ok(vm.new_str(&format!("{name}({}, {}, {})", d.year, d.month, d.day)))
}

pub(crate) fn date_iso(d: &Dt) -> String {
    let mut s = String::with_capacity(32);
    push_digits(&mut s, d.year as u32, 4);
    s.push('-');
    push_digits(&mut s, d.month as u32, 2);
    s.push('-');
    push_digits(&mut s, d.day as u32, 2);
    s
}

fn d_isoformat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "isoformat")?;
    noargs(vm, "isoformat", a, k)?;
    Ok(vm.new_str(&date_iso(d)))
}

fn d_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__str__")?;
    vm.call_method(a[0], "isoformat", &[])
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub(crate) fn ctime_of(f: &Fields) -> String {
    let wd = weekday(f.y, f.mo, f.d) as usize;
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {:04}",
        DAYS[wd],
        MONTHS[f.mo as usize - 1],
        f.d,
        f.h,
        f.mi,
        f.s,
        f.y
    )
}

fn date_fields(d: &Dt) -> Fields {
    Fields {
        y: d.year,
        mo: d.month as u32,
        d: d.day as u32,
        h: 0,
        mi: 0,
        s: 0,
        us: 0,
        fold: 0,
    }
}

fn d_ctime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "ctime")?;
    noargs(vm, "ctime", a, k)?;
    Ok(vm.new_str(&ctime_of(&date_fields(d))))
}

/// The `format` argument of strftime.
pub(crate) fn strftime_arg(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [f] = parse_kw(vm, Some("strftime"), &a[1..], k, ["format"], 1, 1)?;
    let f = f.expect("required");
    if !is_str(f) {
        let tn = vm.type_name_of(f);
        return Err(vm.type_error(&format!("strftime() argument 1 must be str, not {tn}")));
    }
    Ok(f)
}

fn d_strftime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "strftime")?;
    let f = strftime_arg(vm, a, k)?;
    let tt = vm.call_method(a[0], "timetuple", &[])?;
    let arg = if d.ty == Ty::DateTime {
        a[0]
    } else {
        Value::NONE
    };
    let mark = vm.push_root(tt);
    let r = wrap_strftime(vm, a[0], f, tt, arg);
    vm.pop_roots(mark);
    r
}

fn d_timetuple(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "timetuple")?;
    noargs(vm, "timetuple", a, k)?;
    build_struct_time(vm, &date_fields(d), -1)
}

fn d_toordinal(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "toordinal")?;
    noargs(vm, "toordinal", a, k)?;
    Ok(Value::int(ymd_to_ord(d.year, d.month as u32, d.day as u32)))
}

fn d_weekday(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "weekday")?;
    noargs(vm, "weekday", a, k)?;
    Ok(Value::int(weekday(d.year, d.month as u32, d.day as u32)))
}

fn d_isoweekday(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "isoweekday")?;
    noargs(vm, "isoweekday", a, k)?;
    Ok(Value::int(
        weekday(d.year, d.month as u32, d.day as u32) + 1,
    ))
}

fn d_isocalendar(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "isocalendar")?;
    noargs(vm, "isocalendar", a, k)?;
    let mut y = d.year;
    let mut week1 = iso_week1_monday(y);
    let today = ymd_to_ord(y, d.month as u32, d.day as u32);
    let mut week = (today - week1).div_euclid(7);
    let day = (today - week1).rem_euclid(7);
    if week < 0 {
        y -= 1;
        week1 = iso_week1_monday(y);
        week = (today - week1).div_euclid(7);
    } else if week >= 52 && today >= iso_week1_monday(y + 1) {
        y += 1;
        week = 0;
    }
    let cls = st_get(d.st, ST_ISOCAL);
    Ok(vm.new_tuple_of(
        cls,
        &[
            Value::int(y as i64),
            Value::int(week + 1),
            Value::int(day + 1),
        ],
    ))
}

fn d_replace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "replace")?;
    let [y, m, dd] = parse_kw(
        vm,
        Some("replace"),
        &a[1..],
        k,
        ["year", "month", "day"],
        0,
        3,
    )?;
    let y = match y {
        Some(v) => int_arg(vm, v)?,
        None => d.year as i64,
    };
    let m = match m {
        Some(v) => int_arg(vm, v)?,
        None => d.month as i64,
    };
    let dd = match dd {
        Some(v) => int_arg(vm, v)?,
        None => d.day as i64,
    };
    check_date_args(vm, y, m, dd)?;
    let mut p = Dt::blank(Ty::Date, d.st);
    p.year = y as i32;
    p.month = m as u8;
    p.day = dd as u8;
    let cls = vm.type_of(a[0]);
    Ok(alloc(vm, cls, p))
}

fn d_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__hash__")?;
    hash_ints(vm, &[d.year as i64, d.month as i64, d.day as i64])
}

fn cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let d = this(vm, a, "__eq__")?;
    let Some(o) = a.get(1).and_then(|&v| date_like(v)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let x = (d.year, d.month, d.day);
    let y = (o.year, o.month, o.day);
    Ok(Value::bool(cmp_op(x.cmp(&y), op)))
}

cmps! { d_lt = 0; d_le = 1; d_eq = 2; d_ne = 3; d_gt = 4; d_ge = 5; }

/// `date + days` of the class of `self`.
fn add_days(vm: &mut Vm, self_: Value, d: &Dt, days: i64) -> PyResult<Value> {
    let n = ymd_to_ord(d.year, d.month as u32, d.day as u32) + days;
    if !(1..=MAXORDINAL).contains(&n) {
        return Err(date_out_of_range(vm));
    }
    let (y, m, dd) = ord_to_ymd(n);
    let cls = vm.type_of(self_);
    new_date_cls(vm, d.st, cls, y, m, dd)
}

fn d_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__add__")?;
    if d.ty != Ty::Date {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    match dt_is(a[1], Ty::Delta) {
        Some(o) => add_days(vm, a[0], d, o.days as i64),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn d_sub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__sub__")?;
    if d.ty != Ty::Date {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    if let Some(o) = dt_is(a[1], Ty::Delta) {
        return add_days(vm, a[0], d, -(o.days as i64));
    }
    if let Some(o) = dt_is(a[1], Ty::Date) {
        let x = ymd_to_ord(d.year, d.month as u32, d.day as u32);
        let y = ymd_to_ord(o.year, o.month as u32, o.day as u32);
        return new_delta_us(vm, d.st, (x - y) as i128 * US_PER_DAY);
    }
    Ok(Value::NOT_IMPLEMENTED)
}

fn d_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__reduce__")?;
    noargs(vm, "__reduce__", a, k)?;
    let b = [(d.year >> 8) as u8, d.year as u8, d.month, d.day];
    let s = vm.new_bytes(&b);
    let mark = vm.push_root(s);
    let args = vm.new_tuple(&[s]);
    vm.push_root(args);
    let cls = vm.type_of(a[0]);
    let r = vm.new_tuple(&[cls, args]);
    vm.pop_roots(mark);
    Ok(r)
}

pub(super) fn init(vm: &mut Vm, st: Value, t: Value) -> PyResult<()> {
    add_bound(vm, t, st, "__new__", d_new, false);
    for (n, f) in [
        ("fromtimestamp", d_fromtimestamp as NativeFn),
        ("today", d_today),
        ("fromordinal", d_fromordinal),
        ("fromisoformat", d_fromisoformat),
        ("fromisocalendar", d_fromisocalendar),
    ] {
        add_bound(vm, t, st, n, f, true);
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__repr__", d_repr),
        ("__str__", d_str),
        ("isoformat", d_isoformat),
        ("ctime", d_ctime),
        ("strftime", d_strftime),
        ("__format__", dt_format),
        ("timetuple", d_timetuple),
        ("toordinal", d_toordinal),
        ("weekday", d_weekday),
        ("isoweekday", d_isoweekday),
        ("isocalendar", d_isocalendar),
        ("replace", d_replace),
        ("__hash__", d_hash),
        ("__lt__", d_lt),
        ("__le__", d_le),
        ("__eq__", d_eq),
        ("__ne__", d_ne),
        ("__gt__", d_gt),
        ("__ge__", d_ge),
        ("__add__", d_add),
        ("__radd__", d_add),
        ("__sub__", d_sub),
        ("__reduce__", d_reduce),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        1,
        1,
        &[
            "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__", "__add__", "__radd__",
            "__sub__",
        ],
    );
    for (n, f) in [
        ("year", get_year as NativeFn),
        ("month", get_month),
        ("day", get_day),
    ] {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    let min = new_date_cls(vm, st, t, 1, 1, 1)?;
    set_class_attr(vm, t, "min", min);
    let max = new_date_cls(vm, st, t, 9999, 12, 31)?;
    set_class_attr(vm, t, "max", max);
    let res = new_delta_us(vm, st, US_PER_DAY)?;
    set_class_attr(vm, t, "resolution", res);
    Ok(())
}
