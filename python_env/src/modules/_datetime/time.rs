//! `datetime.time`: hour, minute, second, microsecond, tzinfo, fold.

use super::*;
#[allow(unused_imports)]
use engine::runtime::ops::{cmp_op, Num};

fn this(vm: &mut Vm, a: &[Value], m: &str) -> PyResult<&'static Dt> {
    recv(vm, a, Ty::Time, m)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn alloc_time(
    vm: &mut Vm,
    cls: Value,
    st: Value,
    h: u32,
    mi: u32,
    s: u32,
    us: u32,
    tz: Value,
    fold: u32,
) -> Value {
    let mut p = Dt::blank(Ty::Time, st);
    p.hour = h as u8;
    p.minute = mi as u8;
    p.second = s as u8;
    p.us = us as i32;
    p.tz = tz;
    p.fold = fold as u8;
    alloc(vm, cls, p)
}

fn t_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let st = a[0];
    let Some(&cls) = a.get(1) else {
        return Err(vm.type_error("time.__new__(): not enough arguments"));
    };
    check_new_cls(vm, st, cls, ST_TIME)?;
    let args = &a[2..];
    let npos = args.len() - Obj::from_value(k).map_or(0, |o| o.n_values());
    if (1..=2).contains(&npos) {
        if let Some(b) = date::pickle_state(args[0], 6, 0, |h| (h & 0x7f) < 24) {
            let tz = if npos == 2 { args[1] } else { Value::NONE };
            if !tz.is_none() && !is_tzinfo(tz) {
                return Err(vm.type_error("bad tzinfo state arg"));
            }
            let us = ((b[3] as u32) << 16) | ((b[4] as u32) << 8) | b[5] as u32;
            return Ok(alloc_time(
                vm,
                cls,
                st,
                (b[0] & 0x7f) as u32,
                b[1] as u32,
                b[2] as u32,
                us,
                tz,
                (b[0] >> 7) as u32,
            ));
        }
    }
    let names = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let got = parse_kw(vm, None, args, k, names, 0, 5)?;
    let mut v = [0i64; 4];
    for i in 0..4 {
        if let Some(x) = got[i] {
            v[i] = int_arg(vm, x)?;
        }
    }
    let tz = got[4].unwrap_or(Value::NONE);
    let fold = match got[5] {
        Some(x) => int_arg(vm, x)?,
        None => 0,
    };
    check_time_args(vm, v[0], v[1], v[2], v[3], fold)?;
    check_tzinfo_arg(vm, tz)?;
    Ok(alloc_time(
        vm,
        cls,
        st,
        v[0] as u32,
        v[1] as u32,
        v[2] as u32,
        v[3] as u32,
        tz,
        fold as u32,
    ))
}

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

/// `h, m, s[, us]` plus `, tzinfo=...` and `, fold=1` inside `name(...)`.
pub(crate) fn repr_tail(vm: &mut Vm, mut s: String, d: &Dt) -> PyResult<String> {
    if !d.tz.is_none() {
        let r = vm.repr_string(d.tz)?;
        s.push_str(&format!(", tzinfo={r}"));
    }
    if d.fold != 0 {
        s.push_str(", fold=1");
    }
    s.push(')');
    Ok(s)
}

fn t_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__repr__")?;
    let name = tp_name(vm.type_of(a[0]));
    let s = if d.us != 0 {
        format!("{name}({}, {}, {}, {}", d.hour, d.minute, d.second, d.us)
    } else if d.second != 0 {
        format!("{name}({}, {}, {}", d.hour, d.minute, d.second)
    } else {
        format!("{name}({}, {}", d.hour, d.minute)
    };
    let s = repr_tail(vm, s, d)?;
    Ok(vm.new_str(&s))
}

/// `HH[:MM[:SS[.fff[fff]]]]` for a timespec, or None for an unknown one.
pub(crate) fn format_time(d: &Dt, spec: &str) -> Option<String> {
    // Fields shown, and digits of the fraction (0: none).
    let (fields, frac) = match spec {
        "auto" if d.us != 0 => (3, 6),
        "auto" | "seconds" => (3, 0),
        "hours" => (1, 0),
        "minutes" => (2, 0),
        "milliseconds" => (3, 3),
        "microseconds" => (3, 6),
        _ => return None,
    };
    let mut s = String::with_capacity(24);
    let vals = [d.hour as u32, d.minute as u32, d.second as u32];
    for (i, &v) in vals.iter().take(fields).enumerate() {
        if i > 0 {
            s.push(':');
        }
        push_digits(&mut s, v, 2);
    }
    if frac == 6 {
        s.push('.');
        push_digits(&mut s, d.us as u32, 6);
    } else if frac == 3 {
        s.push('.');
        push_digits(&mut s, d.us as u32 / 1000, 3);
    }
    Some(s)
}

/// The `timespec` argument: a str.
pub(crate) fn timespec_arg(vm: &mut Vm, v: Option<Value>, pos: usize) -> PyResult<String> {
    match v {
        None => Ok("auto".into()),
        Some(v) if is_str(v) => Ok(str_of(v).into_owned()),
        Some(v) => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!("isoformat() argument {pos} must be str, not {tn}")))
        }
    }
}

fn t_isoformat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "isoformat")?;
    let [spec] = parse_kw(vm, Some("isoformat"), &a[1..], k, ["timespec"], 0, 1)?;
    let spec = timespec_arg(vm, spec, 1)?;
    let Some(mut s) = format_time(d, &spec) else {
        return Err(vm.value_error("Unknown timespec value"));
    };
    if let Some(off) = call_offset(vm, d.tz, "utcoffset", Value::NONE)? {
        s.push_str(&format_offset(off, ":"));
    }
    Ok(vm.new_str(&s))
}

fn t_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    this(vm, a, "__str__")?;
    vm.call_method(a[0], "isoformat", &[])
}

fn t_strftime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "strftime")?;
    let f = date::strftime_arg(vm, a, k)?;
    let tt = vm.new_tuple(&[
        Value::int(1900),
        Value::int(1),
        Value::int(1),
        Value::int(d.hour as i64),
        Value::int(d.minute as i64),
        Value::int(d.second as i64),
        Value::int(0),
        Value::int(1),
        Value::int(-1),
    ]);
    let mark = vm.push_root(tt);
    let r = wrap_strftime(vm, a[0], f, tt, Value::NONE);
    vm.pop_roots(mark);
    r
}

fn offset_value(vm: &mut Vm, st: Value, off: Option<i128>) -> PyResult<Value> {
    match off {
        Some(us) => new_delta_us(vm, st, us),
        None => Ok(Value::NONE),
    }
}

fn t_utcoffset(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "utcoffset")?;
    noargs(vm, "utcoffset", a, k)?;
    let off = call_offset(vm, d.tz, "utcoffset", Value::NONE)?;
    offset_value(vm, d.st, off)
}

fn t_dst(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "dst")?;
    noargs(vm, "dst", a, k)?;
    let off = call_offset(vm, d.tz, "dst", Value::NONE)?;
    offset_value(vm, d.st, off)
}

fn t_tzname(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "tzname")?;
    noargs(vm, "tzname", a, k)?;
    call_tzname(vm, d.tz, Value::NONE)
}

fn t_replace(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "replace")?;
    let names = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let got = parse_kw(vm, Some("replace"), &a[1..], k, names, 0, 5)?;
    let mut v = [d.hour as i64, d.minute as i64, d.second as i64, d.us as i64];
    for i in 0..4 {
        if let Some(x) = got[i] {
            v[i] = int_arg(vm, x)?;
        }
    }
    let tz = got[4].unwrap_or(d.tz);
    let fold = match got[5] {
        Some(x) => int_arg(vm, x)?,
        None => d.fold as i64,
    };
    check_time_args(vm, v[0], v[1], v[2], v[3], fold)?;
    check_tzinfo_arg(vm, tz)?;
    let cls = vm.type_of(a[0]);
    Ok(alloc_time(
        vm,
        cls,
        d.st,
        v[0] as u32,
        v[1] as u32,
        v[2] as u32,
        v[3] as u32,
        tz,
        fold as u32,
    ))
}

fn t_fromisoformat(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "fromisoformat", &a[1..], k, 1, 1)?;
    let (st, cls, s) = (a[0], a[1], a[2]);
    if !is_str(s) {
        return Err(vm.type_error("fromisoformat: argument must be str"));
    }
    let b = iso::ascii_view(s);
    let start = usize::from(b.first() == Some(&b'T'));
    let parsed = iso::parse_time(&b, start);
    let Some(p) = parsed else {
        let rp = vm.repr_string(s)?;
        return Err(vm.value_error(&format!("Invalid isoformat string: {rp}")));
    };
    let tz = iso::tz_from_offset(vm, st, p.tz)?;
    let mark = vm.push_root(tz);
    let r = (|| {
        check_time_args(vm, p.h as i64, p.m as i64, p.s as i64, p.us as i64, 0)?;
        new_time_cls(
            vm,
            st,
            cls,
            p.h as u32,
            p.m as u32,
            p.s as u32,
            p.us as u32,
            tz,
            0,
        )
    })();
    vm.pop_roots(mark);
    r
}

fn t_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__hash__")?;
    match call_offset(vm, d.tz, "utcoffset", Value::NONE)? {
        None => hash_ints(
            vm,
            &[d.hour as i64, d.minute as i64, d.second as i64, d.us as i64],
        ),
        Some(off) => {
            let us = d.tod_us() as i128 - off;
            let days = us.div_euclid(US_PER_DAY);
            let r = us.rem_euclid(US_PER_DAY) as i64;
            hash_ints(vm, &[days as i64, r / US_PER_SEC, r % US_PER_SEC])
        }
    }
}

fn cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let d = this(vm, a, "__eq__")?;
    let Some(o) = a.get(1).and_then(|&v| dt_is(v, Ty::Time)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let fields = |x: &Dt| (x.hour, x.minute, x.second, x.us);
    if d.tz == o.tz {
        return Ok(Value::bool(cmp_op(fields(d).cmp(&fields(o)), op)));
    }
    let o1 = call_offset(vm, d.tz, "utcoffset", Value::NONE)?;
    let o2 = call_offset(vm, o.tz, "utcoffset", Value::NONE)?;
    match (o1, o2) {
        (x, y) if x == y => Ok(Value::bool(cmp_op(fields(d).cmp(&fields(o)), op))),
        (Some(x), Some(y)) => {
            let s1 = (d.tod_us() / US_PER_SEC) as i128 - x.div_euclid(1_000_000);
            let s2 = (o.tod_us() / US_PER_SEC) as i128 - y.div_euclid(1_000_000);
            let c = (s1, d.us).cmp(&(s2, o.us));
            Ok(Value::bool(cmp_op(c, op)))
        }
        _ => match op {
            2 => Ok(Value::FALSE),
            3 => Ok(Value::TRUE),
            _ => Err(vm.type_error("can't compare offset-naive and offset-aware times")),
        },
    }
}

cmps! { t_lt = 0; t_le = 1; t_eq = 2; t_ne = 3; t_gt = 4; t_ge = 5; }

fn reduce(vm: &mut Vm, me: Value, d: &Dt, proto: i64) -> PyResult<Value> {
    let mut h = d.hour;
    if proto > 3 && d.fold != 0 {
        h |= 0x80;
    }
    reduce_with_time(vm, me, &[h], d)
}

fn t_reduce_ex(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__reduce_ex__")?;
    crate::args::check_method(vm, "__reduce_ex__", a, k, 1, 1)?;
    let proto = int_arg(vm, a[1])?;
    reduce(vm, a[0], d, proto)
}

fn t_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = this(vm, a, "__reduce__")?;
    noargs(vm, "__reduce__", a, k)?;
    reduce(vm, a[0], d, 2)
}

pub(super) fn init(vm: &mut Vm, st: Value, t: Value) -> PyResult<()> {
    add_bound(vm, t, st, "__new__", t_new, false);
    add_bound(vm, t, st, "fromisoformat", t_fromisoformat, true);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__repr__", t_repr),
        ("__str__", t_str),
        ("isoformat", t_isoformat),
        ("strftime", t_strftime),
        ("__format__", dt_format),
        ("utcoffset", t_utcoffset),
        ("dst", t_dst),
        ("tzname", t_tzname),
        ("replace", t_replace),
        ("__hash__", t_hash),
        ("__lt__", t_lt),
        ("__le__", t_le),
        ("__eq__", t_eq),
        ("__ne__", t_ne),
        ("__gt__", t_gt),
        ("__ge__", t_ge),
        ("__reduce_ex__", t_reduce_ex),
        ("__reduce__", t_reduce),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.declare_arity(
        t,
        1,
        1,
        &["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"],
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
    let min = alloc_time(vm, t, st, 0, 0, 0, 0, Value::NONE, 0);
    set_class_attr(vm, t, "min", min);
    let max = alloc_time(vm, t, st, 23, 59, 59, 999_999, Value::NONE, 0);
    set_class_attr(vm, t, "max", max);
    let res = new_delta_us(vm, st, 1)?;
    set_class_attr(vm, t, "resolution", res);
    Ok(())
}
