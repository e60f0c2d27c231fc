//! `datetime.datetime`: a date and a time of day, with tzinfo and fold;
//! local time conversions (`timestamp`, `fromtimestamp`, `astimezone`)
//! follow CPython's `local()`/`local_to_seconds` probing.

use super::*;
use engine::bytecode::BinaryOperator as B;
#[allow(unused_imports)]
use engine::runtime::ops::{cmp_op, Num};

fn this(vm: &mut Vm, a: &[Value], m: &str) -> PyResult<&'static Dt> {
    recv(vm, a, Ty::DateTime, m)
}

fn dt_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let st = a[0];
    let Some(&cls) = a.get(1) else {
        return Err(vm.type_error("datetime.__new__(): not enough arguments"));
    };
    check_new_cls(vm, st, cls, ST_DATETIME)?;
    let args = &a[2..];
    let npos = args.len() - Obj::from_value(k).map_or(0, |o| o.n_values());
    if (1..=2).contains(&npos) {
        if let Some(b) = date::pickle_state(args[0], 10, 2, |m| (1..=12).contains(&(m & 0x7f))) {
            let tz = if npos == 2 { args[1] } else { Value::NONE };
            if !tz.is_none() && !is_tzinfo(tz) {
                return Err(vm.type_error("bad tzinfo state arg"));
            }
            let f = Fields {
                y: (b[0] as i32) * 256 + b[1] as i32,
                mo: (b[2] & 0x7f) as u32,
                d: b[3] as u32,
                h: b[4] as u32,
                mi: b[5] as u32,
                s: b[6] as u32,
                us: ((b[7] as u32) << 16) | ((b[8] as u32) << 8) | b[9] as u32,
                fold: (b[2] >> 7) as u32,
            };
            return Ok(alloc(vm, cls, f.payload(st, tz)));
        }
    }
    let names = [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "microsecond",
        "tzinfo",
        "fold",
    ];
    let got = parse_kw(vm, None, args, k, names, 3, 8)?;
    let mut v = [0i64; 7];
    for i in 0..7 {
        if let Some(x) = got[i] {
            v[i] = int_arg(vm, x)?;
        }
    }
    let tz = got[7].unwrap_or(Value::NONE);
    let fold = match got[8] {
        Some(x) => int_arg(vm, x)?,
        None => 0,
    };
    check_date_args(vm, v[0], v[1], v[2])?;
    check_time_args(vm, v[3], v[4], v[5], v[6], fold)?;
    check_tzinfo_arg(vm, tz)?;
    let f = Fields {
        y: v[0] as i32,
        mo: v[1] as u32,
        d: v[2] as u32,
        h: v[3] as u32,
        mi: v[4] as u32,
        s: v[5] as u32,
        us: v[6] as u32,
        fold: fold as u32,
    };
    Ok(alloc(vm, cls, f.payload(st, tz)))
}

/// `dt + us` microseconds: same class and tzinfo, fold 0.
pub(crate) fn add_us(vm: &mut Vm, dt: Value, us: i128) -> PyResult<Value> {
    let d = dt_is(dt, Ty::DateTime).expect("datetime");
    let f = Fields::of(d);
    let Some(nf) = Fields::from_total_us(f.total_us() + us) else {
        return Err(date_out_of_range(vm));
    };
    let cls = vm.type_of(dt);
    new_datetime_cls(vm, d.st, cls, nf, d.tz)
}

/// A copy of `dt` (same class, no constructor call) with `tz` and `fold`.
fn with_tz_fold(vm: &mut Vm, dt: Value, tz: Value, fold: u32) -> Value {
    let d = dt_of(dt).expect("datetime");
    let mut f = Fields::of(d);
    f.fold = fold;
    let cls = vm.type_of(dt);
    alloc(vm, cls, f.payload(d.st, tz))
}

// ------------------------------------------------------------ local time

/// CPython's `local_to_seconds`: the POSIX-epoch-shifted seconds of the
/// local time `f` (fold picks between the two solutions in a fold; a time
/// in a gap maps past it).
fn local_to_seconds(vm: &mut Vm, f: &Fields) -> PyResult<i64> {
    let t = utc_to_seconds(f.y, f.mo, f.d, f.h as i64, f.mi as i64, f.s as i64);
    let lt = date::local_secs(vm, t)?;
    let a = lt - t;
    let u1 = t - a;
    let t1 = date::local_secs(vm, u1)?;
    let b;
    if t1 == t {
        let u2 = if f.fold != 0 {
            u1 + MAX_FOLD_SECONDS
        } else {
            u1 - MAX_FOLD_SECONDS
        };
        let lt2 = date::local_secs(vm, u2)?;
        b = lt2 - u2;
        if a == b {
            return Ok(u1);
        }
    } else {
        b = t1 - u1;
    }
    let u2 = t - b;
    let t2 = date::local_secs(vm, u2)?;
    if t2 == t {
        return Ok(u2);
    }
    if t1 == t {
        return Ok(u1);
    }
    Ok(if f.fold != 0 { u1.min(u2) } else { u1.max(u2) })
}

/// The local timezone at POSIX time `t`: `timezone(gmtoff, zone)`.
fn local_timezone_at(vm: &mut Vm, st: Value, t: i64) -> PyResult<Value> {
    let (_, gmtoff, zone) = date::local_fields(vm, t)?;
    let off = new_delta_us(vm, st, gmtoff as i128 * 1_000_000)?;
    let mark = vm.push_root(off);
    let r = (|| {
        let name = crate::types::bytes::decode(vm, &zone, "utf-8", "surrogateescape")?;
        vm.push_root(name);
        tzinfo::new_timezone(vm, st, off, name)
    })();
    vm.pop_roots(mark);
    r
}

/// A datetime of class `cls` from POSIX time `t` and `us`: local time
/// (with fold detection) when `local`, else UTC; `tz` attached.
fn from_timet(
    vm: &mut Vm,
    st: Value,
    cls: Value,
    local: bool,
    t: i64,
    us: i64,
    tz: Value,
) -> PyResult<Value> {
    let mut f = if local {
        date::local_fields(vm, t)?.0
    } else {
        date::utc_fields(vm, t)?
    };
    f.us = us as u32;
    if !(MINYEAR..=MAXYEAR).contains(&f.y) {
        return Err(vm.value_error(&format!("year {} is out of range", f.y)));
    }
    if tz.is_none() && local {
        let result = utc_to_seconds(f.y, f.mo, f.d, f.h as i64, f.mi as i64, f.s as i64);
        let probe = date::local_secs(vm, EPOCH_SECONDS + t - MAX_FOLD_SECONDS)?;
        let transition = result - probe - MAX_FOLD_SECONDS;
        if transition < 0 {
            let probe = date::local_secs(vm, EPOCH_SECONDS + t + transition)?;
            if probe == result {
                f.fold = 1;
            }
        }
    }
    new_datetime_cls(vm, st, cls, f, tz)
}

/// `tz.fromutc(dt)` when `tz` is not None.
fn to_tz(vm: &mut Vm, dt: Value, tz: Value) -> PyResult<Value> {
    if tz.is_none() {
        return Ok(dt);
    }
    let mark = vm.push_root(dt);
    let r = vm.call_method(tz, "fromutc", &[dt]);
    vm.pop_roots(mark);
    r
}

fn dt_fromtimestamp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (st, cls) = (a[0], a[1]);
    let [ts, tz] = parse_kw(
        vm,
        Some("fromtimestamp"),
        &a[2..],
        k,
        ["timestamp", "tz"],
        1,
        2,
    )?;
    let tz = tz.unwrap_or(Value::NONE);
    check_tzinfo_arg(vm, tz)?;
    let (t, us) = date::ts_timeval(vm, ts.expect("required"))?;
    let r = from_timet(vm, st, cls, tz.is_none(), t, us, tz)?;
    to_tz(vm, r, tz)
}

fn dt_utcfromtimestamp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "utcfromtimestamp", &a[1..], k, 1, 1)?;
    let (st, cls) = (a[0], a[1]);
    let (t, us) = date::ts_timeval(vm, a[2])?;
    from_timet(vm, st, cls, false, t, us, Value::NONE)
}

fn system_now() -> (i64, i64) {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_micros() as i64),
        Err(e) => {
            let d = e.duration();
            let (mut s, mut us) = (-(d.as_secs() as i64), -(d.subsec_micros() as i64));
            if us < 0 {
                us += 1_000_000;
                s -= 1;
            }
            (s, us)
        }
    }
}

fn dt_now(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (st, cls) = (a[0], a[1]);
    let [tz] = parse_kw(vm, Some("now"), &a[2..], k, ["tz"], 0, 1)?;
    let tz = tz.unwrap_or(Value::NONE);
    check_tzinfo_arg(vm, tz)?;
    let (t, us) = system_now();
    let r = from_timet(vm, st, cls, tz.is_none(), t, us, tz)?;
    to_tz(vm, r, tz)
}

fn dt_utcnow(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "utcnow", &a[1..], k, 0, 0)?;
    let (st, cls) = (a[0], a[1]);
    let (t, us) = system_now();
    from_timet(vm, st, cls, false, t, us, Value::NONE)
}

fn dt_strptime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "strptime", &a[1..], k, 2, 2)?;
    let cls = a[1];
    for (i, &v) in a[2..].iter().enumerate() {
        if !is_str(v) {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!(
                "strptime() argument {} must be str, not {tn}",
                i + 1
            )));
        }
    }
    let m = vm.import_module("_strptime")?;
    let mark = vm.push_root(m);
    let r = vm.call_method(m, "_strptime_datetime", &[cls, a[2], a[3]]);
    vm.pop_roots(mark);
    r
}

fn dt_combine(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (st, cls) = (a[0], a[1]);
    let [d, t, tz] = parse_kw(
        vm,
        Some("combine"),
        &a[2..],
        k,
        ["date", "time", "tzinfo"],
        2,
        3,
    )?;
    let (d, t) = (d.expect("date"), t.expect("time"));
    let Some(dd) = date_like(d) else {
        let tn = vm.type_name_of(d);
        return Err(vm.type_error(&format!(
            "combine() argument 1 must be datetime.date, not {tn}"
        )));
    };
    let Some(td) = dt_is(t, Ty::Time) else {
        let tn = vm.type_name_of(t);
        return Err(vm.type_error(&format!(
            "combine() argument 2 must be datetime.time, not {tn}"
        )));
    };
    let tz = tz.unwrap_or(td.tz);
    let f = Fields {
        y: dd.year,
        mo: dd.month as u32,
        d: dd.day as u32,
        h: td.hour as u32,
        mi: td.minute as u32,
        s: td.second as u32,
        us: td.us as u32,
        fold: td.fold as u32,
    };
    new_datetime_cls(vm, st, cls, f, tz)
}

fn dt_fromisoformat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "fromisoformat", &a[1..], k, 1, 1)?;
    let (st, cls, s) = (a[0], a[1], a[2]);
    if !is_str(s) {
        return Err(vm.type_error("fromisoformat: argument must be str"));
    }
    let Some(p) = iso::parse_datetime(vm, s)? else {
        let rp = vm.repr_string(s)?;
        return Err(vm.value_error(&format!("Invalid isoformat string: {rp}")));
    };
    let tz = iso::tz_from_offset(vm, st, p.t.tz)?;
    let mark = vm.push_root(tz);
    let r = (|| {
        check_date_args(vm, p.y as i64, p.mo as i64, p.d as i64)?;
        check_time_args(
            vm,
            p.t.h as i64,
            p.t.m as i64,
            p.t.s as i64,
            p.t.us as i64,
            0,
        )?;
        let f = Fields {
            y: p.y,
            mo: p.mo as u32,
            d: p.d as u32,
            h: p.t.h as u32,
            mi: p.t.m as u32,
            s: p.t.s as u32,
            us: p.t.us as u32,
            fold: 0,
        };
        new_datetime_cls(vm, st, cls, f, tz)
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------ accessors

fn get_hour(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(this(vm, a, "hour")?.hour as i64))
}
fn get_minute(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(this(vm, a, "minute")?.minute as i64))
}
fn get_second(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(this(vm, a, "second")?.second as i64))
}
fn get_us(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(this(vm, a, "microsecond")?.us as i64))
}
fn get_tzinfo(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(this(vm, a, "tzinfo")?.tz)
}
fn get_fold(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::int(this(vm, a, "fold")?.fold as i64))
}

fn dt_date(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "date")?;
    noargs(vm, "date", a, k)?;
    let cls = st_get(d.st, ST_DATE);
    new_date_cls(vm, d.st, cls, d.year, d.month as u32, d.day as u32)
}

fn dt_time(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "time")?;
    noargs(vm, "time", a, k)?;
    let cls = st_get(d.st, ST_TIME);
    Ok(time::alloc_time(
        vm,
        cls,
        d.st,
        d.hour as u32,
        d.minute as u32,
        d.second as u32,
        d.us as u32,
        Value::NONE,
        d.fold as u32,
    ))
}

fn dt_timetz(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "timetz")?;
    noargs(vm, "timetz", a, k)?;
    let cls = st_get(d.st, ST_TIME);
    Ok(time::alloc_time(
        vm,
        cls,
        d.st,
        d.hour as u32,
        d.minute as u32,
        d.second as u32,
        d.us as u32,
        d.tz,
        d.fold as u32,
    ))
}

fn dt_ctime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "ctime")?;
    noargs(vm, "ctime", a, k)?;
    Ok(vm.new_str(&date::ctime_of(&Fields::of(d))))
}

fn dt_timetuple(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "timetuple")?;
    noargs(vm, "timetuple", a, k)?;
    let dst = match call_offset(vm, d.tz, "dst", a[0])? {
        None => -1,
        Some(0) => 0,
        Some(_) => 1,
    };
    build_struct_time(vm, &Fields::of(d), dst)
}

fn dt_utctimetuple(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "utctimetuple")?;
    noargs(vm, "utctimetuple", a, k)?;
    let mut f = Fields::of(d);
    if let Some(off) = call_offset(vm, d.tz, "utcoffset", a[0])? {
        match Fields::from_total_us(f.total_us() - off) {
            Some(nf) => f = nf,
            None => return Err(date_out_of_range(vm)),
        }
    }
    build_struct_time(vm, &f, 0)
}

fn true_div_us(vm: &mut Vm, us: i128) -> PyResult<Value> {
    if us.abs() < (1i128 << 53) {
        return Ok(vm.new_float(us as f64 / 1e6));
    }
    let x = vm.new_int_i128(us);
    let mark = vm.push_root(x);
    let r = vm.binary_op(B::TrueDivide, x, Value::int(1_000_000));
    vm.pop_roots(mark);
    r
}

fn dt_timestamp(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "timestamp")?;
    noargs(vm, "timestamp", a, k)?;
    let f = Fields::of(d);
    if !d.tz.is_none() {
        if let Some(off) = call_offset(vm, d.tz, "utcoffset", a[0])? {
            let epoch = EPOCH_SECONDS as i128 * 1_000_000;
            return true_div_us(vm, f.total_us() - off - epoch);
        }
    }
    let secs = local_to_seconds(vm, &f)?;
    Ok(vm.new_float((secs - EPOCH_SECONDS) as f64 + d.us as f64 / 1e6))
}

fn dt_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__repr__")?;
    let name = tp_name(vm.type_of(a[0]));
    let mut s = format!(
        "{name}({}, {}, {}, {}, {}",
        d.year, d.month, d.day, d.hour, d.minute
    );
    if d.us != 0 {
        s.push_str(&format!(", {}, {}", d.second, d.us));
    } else if d.second != 0 {
        s.push_str(&format!(", {}", d.second));
    }
    if d.fold != 0 {
        s.push_str(", fold=1");
    }
    if !d.tz.is_none() {
        let r = vm.repr_string(d.tz)?;
        s.push_str(&format!(", tzinfo={r}"));
    }
    s.push(')');
    Ok(vm.new_str(&s))
}

fn dt_isoformat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "isoformat")?;
    let [sep, spec] = parse_kw(vm, Some("isoformat"), &a[1..], k, ["sep", "timespec"], 0, 2)?;
    if let Some(v) = sep {
        let ok = is_str(v) && vm.len(v)? == 1;
        if !ok {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!(
                "isoformat() argument 1 must be a unicode character, not {tn}"
            )));
        }
    }
    let spec = time::timespec_arg(vm, spec, 2)?;
    let Some(ts) = time::format_time(d, &spec) else {
        return Err(vm.value_error("Unknown timespec value"));
    };
    let mut s = ts;
    if let Some(off) = call_offset(vm, d.tz, "utcoffset", a[0])? {
        s.push_str(&format_offset(off, ":"));
    }
    match sep {
        None => {
            let mut out = date::date_iso(d);
            out.push('T');
            out.push_str(&s);
            Ok(vm.new_str(&out))
        }
        Some(sep) => {
            // Through str values: the separator may be a lone surrogate.
            let head = vm.new_str(&date::date_iso(d));
            let mark = vm.push_root(head);
            let x = vm.str_concat(head, sep, false);
            vm.push_root(x);
            let tail = vm.new_str(&s);
            let r = vm.str_concat(x, tail, false);
            vm.pop_roots(mark);
            Ok(r)
        }
    }
}

fn dt_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__str__")?;
    let sp = vm.new_str(" ");
    let mark = vm.push_root(sp);
    let r = vm.call_method(a[0], "isoformat", &[sp]);
    vm.pop_roots(mark);
    r
}

fn offset_value(vm: &mut Vm, st: Value, off: Option<i128>) -> PyResult<Value> {
    match off {
        Some(us) => new_delta_us(vm, st, us),
        None => Ok(Value::NONE),
    }
}

fn dt_utcoffset(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "utcoffset")?;
    noargs(vm, "utcoffset", a, k)?;
    let off = call_offset(vm, d.tz, "utcoffset", a[0])?;
    offset_value(vm, d.st, off)
}

fn dt_dst(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "dst")?;
    noargs(vm, "dst", a, k)?;
    let off = call_offset(vm, d.tz, "dst", a[0])?;
    offset_value(vm, d.st, off)
}

fn dt_tzname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "tzname")?;
    noargs(vm, "tzname", a, k)?;
    call_tzname(vm, d.tz, a[0])
}

fn dt_replace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "replace")?;
    let names = [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "microsecond",
        "tzinfo",
        "fold",
    ];
    let got = parse_kw(vm, Some("replace"), &a[1..], k, names, 0, 8)?;
    let mut v = [
        d.year as i64,
        d.month as i64,
        d.day as i64,
        d.hour as i64,
        d.minute as i64,
        d.second as i64,
        d.us as i64,
    ];
    for i in 0..7 {
        if let Some(x) = got[i] {
            v[i] = int_arg(vm, x)?;
        }
    }
    let tz = got[7].unwrap_or(d.tz);
    let fold = match got[8] {
        Some(x) => int_arg(vm, x)?,
        None => d.fold as i64,
    };
    check_date_args(vm, v[0], v[1], v[2])?;
    check_time_args(vm, v[3], v[4], v[5], v[6], fold)?;
    check_tzinfo_arg(vm, tz)?;
    let f = Fields {
        y: v[0] as i32,
        mo: v[1] as u32,
        d: v[2] as u32,
        h: v[3] as u32,
        mi: v[4] as u32,
        s: v[5] as u32,
        us: v[6] as u32,
        fold: fold as u32,
    };
    let cls = vm.type_of(a[0]);
    Ok(alloc(vm, cls, f.payload(d.st, tz)))
}

/// The local timezone for naive `dt` (`local_timezone_from_local`).
fn local_tz_from_local(vm: &mut Vm, d: &Dt) -> PyResult<Value> {
    let secs = local_to_seconds(vm, &Fields::of(d))?;
    local_timezone_at(vm, d.st, secs - EPOCH_SECONDS)
}

fn dt_astimezone(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "astimezone")?;
    let [tz] = parse_kw(vm, Some("astimezone"), &a[1..], k, ["tz"], 0, 1)?;
    let tz = tz.unwrap_or(Value::NONE);
    check_tzinfo_arg(vm, tz)?;
    let me = a[0];
    let mut self_tz = if d.tz.is_none() {
        local_tz_from_local(vm, d)?
    } else {
        d.tz
    };
    let mark = vm.push_root(self_tz);
    let r = (|| {
        if self_tz == tz {
            return Ok(me);
        }
        let off = match call_offset(vm, self_tz, "utcoffset", me)? {
            Some(o) => o,
            None => {
                self_tz = local_tz_from_local(vm, d)?;
                vm.push_root(self_tz);
                if self_tz == tz {
                    return Ok(me);
                }
                call_offset(vm, self_tz, "utcoffset", me)?.unwrap_or(0)
            }
        };
        // self - offset, then tagged UTC.
        let f = Fields::of(d);
        let Some(uf) = Fields::from_total_us(f.total_us() - off) else {
            return Err(date_out_of_range(vm));
        };
        let cls = vm.type_of(me);
        let utc = st_get(d.st, ST_UTC);
        let r = new_datetime_cls(vm, d.st, cls, uf, d.tz)?;
        vm.push_root(r);
        let target = if tz.is_none() {
            let rd = dt_of(r).expect("datetime");
            let secs = Fields::of(rd).total_us().div_euclid(1_000_000) as i64;
            let ltz = local_timezone_at(vm, d.st, secs - EPOCH_SECONDS)?;
            vm.push_root(ltz);
            ltz
        } else {
            tz
        };
        let _ = utc;
        let r2 = with_tz_fold(vm, r, target, 0);
        vm.push_root(r2);
        vm.call_method(target, "fromutc", &[r2])
    })();
    vm.pop_roots(mark);
    r
}

fn fold0_offset(vm: &mut Vm, me: Value, d: &Dt) -> PyResult<Option<i128>> {
    if d.tz.is_none() {
        return Ok(None);
    }
    if d.fold == 0 {
        return call_offset(vm, d.tz, "utcoffset", me);
    }
    let z = with_tz_fold(vm, me, d.tz, 0);
    let mark = vm.push_root(z);
    let r = call_offset(vm, d.tz, "utcoffset", z);
    vm.pop_roots(mark);
    r
}

fn dt_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__hash__")?;
    let f = Fields::of(d);
    let off = fold0_offset(vm, a[0], d)?;
    let total = f.total_us() - off.unwrap_or(0);
    let days = total.div_euclid(US_PER_DAY) as i64;
    let r = total.rem_euclid(US_PER_DAY) as i64;
    hash_ints(vm, &[days, r / US_PER_SEC, r % US_PER_SEC])
}

/// The utcoffset of `dt` with its fold flipped.
fn flip_offset(vm: &mut Vm, me: Value, d: &Dt) -> PyResult<Option<i128>> {
    if d.tz.is_none() {
        return Ok(None);
    }
    let z = with_tz_fold(vm, me, d.tz, 1 - d.fold as u32);
    let mark = vm.push_root(z);
    let r = call_offset(vm, d.tz, "utcoffset", z);
    vm.pop_roots(mark);
    r
}

/// PEP 495: an aware datetime in a fold or gap equals nothing across zones.
fn pep495_exception(
    vm: &mut Vm,
    a: Value,
    da: &Dt,
    oa: Option<i128>,
    b: Value,
    db: &Dt,
    ob: Option<i128>,
) -> PyResult<bool> {
    if flip_offset(vm, a, da)? != oa {
        return Ok(true);
    }
    Ok(flip_offset(vm, b, db)? != ob)
}

fn cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let d = this(vm, a, "__eq__")?;
    let other = a[1];
    let Some(o) = dt_is(other, Ty::DateTime) else {
        if date_like(other).is_some() {
            return match op {
                2 => Ok(Value::FALSE),
                3 => Ok(Value::TRUE),
                _ => {
                    let x = tp_name_of(vm, a[0]);
                    let y = tp_name_of(vm, other);
                    Err(vm.type_error(&format!("can't compare {x} to {y}")))
                }
            };
        }
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (fa, fb) = (Fields::of(d), Fields::of(o));
    let local = |f: &Fields| f.total_us();
    if d.tz == o.tz {
        return Ok(Value::bool(cmp_op(local(&fa).cmp(&local(&fb)), op)));
    }
    let o1 = call_offset(vm, d.tz, "utcoffset", a[0])?;
    let o2 = call_offset(vm, o.tz, "utcoffset", other)?;
    let eqop = op == 2 || op == 3;
    if o1 == o2 {
        let mut c = local(&fa).cmp(&local(&fb));
        if eqop && c.is_eq() && pep495_exception(vm, a[0], d, o1, other, o, o2)? {
            c = std::cmp::Ordering::Greater;
        }
        return Ok(Value::bool(cmp_op(c, op)));
    }
    match (o1, o2) {
        (Some(x), Some(y)) => {
            let mut c = (local(&fa) - x).cmp(&(local(&fb) - y));
            if eqop && c.is_eq() && pep495_exception(vm, a[0], d, o1, other, o, o2)? {
                c = std::cmp::Ordering::Greater;
            }
            Ok(Value::bool(cmp_op(c, op)))
        }
        _ => match op {
            2 => Ok(Value::FALSE),
            3 => Ok(Value::TRUE),
            _ => Err(vm.type_error("can't compare offset-naive and offset-aware datetimes")),
        },
    }
}

cmps! { dt_lt = 0; dt_le = 1; dt_eq = 2; dt_ne = 3; dt_gt = 4; dt_ge = 5; }

fn dt_add(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__add__")?;
    match dt_is(a[1], Ty::Delta) {
        Some(o) => add_us(vm, a[0], o.delta_us()),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn dt_sub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__sub__")?;
    if let Some(o) = dt_is(a[1], Ty::Delta) {
        return add_us(vm, a[0], -o.delta_us());
    }
    let Some(o) = dt_is(a[1], Ty::DateTime) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (mut o1, mut o2) = (None, None);
    if d.tz != o.tz {
        o1 = call_offset(vm, d.tz, "utcoffset", a[0])?;
        o2 = call_offset(vm, o.tz, "utcoffset", a[1])?;
        if o1.is_some() != o2.is_some() {
            return Err(vm.type_error("can't subtract offset-naive and offset-aware datetimes"));
        }
    }
    let diff =
        Fields::of(d).total_us() - Fields::of(o).total_us() - o1.unwrap_or(0) + o2.unwrap_or(0);
    new_delta_us(vm, d.st, diff)
}

fn reduce(vm: &mut Vm, me: Value, d: &Dt, proto: i64) -> PyResult<Value> {
    let mut m = d.month;
    if proto > 3 && d.fold != 0 {
        m |= 0x80;
    }
    reduce_with_time(
        vm,
        me,
        &[(d.year >> 8) as u8, d.year as u8, m, d.day, d.hour],
        d,
    )
}

fn dt_reduce_ex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__reduce_ex__")?;
    crate::args::check_method(vm, "__reduce_ex__", a, k, 1, 1)?;
    let proto = int_arg(vm, a[1])?;
    reduce(vm, a[0], d, proto)
}

fn dt_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__reduce__")?;
    noargs(vm, "__reduce__", a, k)?;
    reduce(vm, a[0], d, 2)
}

pub(super) fn init(vm: &mut Vm, st: Value, t: Value) -> PyResult<()> {
    add_bound(vm, t, st, "__new__", dt_new, false);
    for (n, f) in [
        ("now", dt_now as NativeFn),
        ("utcnow", dt_utcnow),
        ("fromtimestamp", dt_fromtimestamp),
        ("utcfromtimestamp", dt_utcfromtimestamp),
        ("strptime", dt_strptime),
        ("combine", dt_combine),
        ("fromisoformat", dt_fromisoformat),
    ] {
        add_bound(vm, t, st, n, f, true);
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("date", dt_date),
        ("time", dt_time),
        ("timetz", dt_timetz),
        ("ctime", dt_ctime),
        ("timetuple", dt_timetuple),
        ("utctimetuple", dt_utctimetuple),
        ("timestamp", dt_timestamp),
        ("__repr__", dt_repr),
        ("__str__", dt_str),
        ("isoformat", dt_isoformat),
        ("utcoffset", dt_utcoffset),
        ("dst", dt_dst),
        ("tzname", dt_tzname),
        ("replace", dt_replace),
        ("astimezone", dt_astimezone),
        ("__hash__", dt_hash),
        ("__lt__", dt_lt),
        ("__le__", dt_le),
        ("__eq__", dt_eq),
        ("__ne__", dt_ne),
        ("__gt__", dt_gt),
        ("__ge__", dt_ge),
        ("__add__", dt_add),
        ("__radd__", dt_add),
        ("__sub__", dt_sub),
        ("__reduce_ex__", dt_reduce_ex),
        ("__reduce__", dt_reduce),
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
        ("hour", get_hour as NativeFn),
        ("minute", get_minute),
        ("second", get_second),
        ("microsecond", get_us),
        ("tzinfo", get_tzinfo),
        ("fold", get_fold),
    ] {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    let min = Fields {
        y: 1,
        mo: 1,
        d: 1,
        h: 0,
        mi: 0,
        s: 0,
        us: 0,
        fold: 0,
    };
    let v = alloc(vm, t, min.payload(st, Value::NONE));
    set_class_attr(vm, t, "min", v);
    let max = Fields {
        y: 9999,
        mo: 12,
        d: 31,
        h: 23,
        mi: 59,
        s: 59,
        us: 999_999,
        fold: 0,
    };
    let v = alloc(vm, t, max.payload(st, Value::NONE));
    set_class_attr(vm, t, "max", v);
    let res = new_delta_us(vm, st, 1)?;
    set_class_attr(vm, t, "resolution", res);
    Ok(())
}
