//! `datetime.tzinfo` (the abstract base: its methods raise
//! NotImplementedError, `fromutc` converts through them) and
//! `datetime.timezone` (a fixed offset; not subclassable, as in CPython).

use super::*;
#[allow(unused_imports)]
use engine::runtime::ops::{cmp_op, Num};

fn not_impl(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    recv(vm, a, Ty::TzInfo, name)?;
    if a.len() != 2 {
        return Err(vm.type_error(&format!(
            "tzinfo.{name}() takes exactly one argument ({} given)",
            a.len() - 1
        )));
    }
    Err(vm.new_exc(
        vm.g.e.NotImplementedError,
        &format!("a tzinfo subclass must implement {name}()"),
    ))
}

fn tzi_tzname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    not_impl(vm, a, "tzname")
}
fn tzi_utcoffset(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    not_impl(vm, a, "utcoffset")
}
fn tzi_dst(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    not_impl(vm, a, "dst")
}

/// `tzinfo.__new__(cls, *args, **kwargs)`: a payload-carrying instance
/// (arguments are for a subclass's `__init__`).
fn tzi_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let st = a[0];
    let Some(&cls) = a.get(1) else {
        return Err(vm.type_error("tzinfo.__new__(): not enough arguments"));
    };
    check_new_cls(vm, st, cls, ST_TZINFO)?;
    Ok(alloc(vm, cls, Dt::blank(Ty::TzInfo, st)))
}

/// `tzinfo.__init__`: accepts anything (CPython's tzinfo has
/// `PyType_GenericNew` and object's init).
fn tzi_init(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn tzi_fromutc(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    recv(vm, a, Ty::TzInfo, "fromutc")?;
    if a.len() != 2 {
        return Err(vm.type_error(&format!(
            "tzinfo.fromutc() takes exactly one argument ({} given)",
            a.len() - 1
        )));
    }
    let (me, dt) = (a[0], a[1]);
    let Some(d) = dt_is(dt, Ty::DateTime) else {
        return Err(vm.type_error("fromutc: argument must be a datetime"));
    };
    if d.tz != me {
        return Err(vm.value_error("fromutc: dt.tzinfo is not self"));
    }
    let Some(off) = call_offset(vm, me, "utcoffset", dt)? else {
        return Err(vm.value_error("fromutc: non-None utcoffset() result required"));
    };
    let Some(dst) = call_offset(vm, me, "dst", dt)? else {
        return Err(vm.value_error("fromutc: non-None dst() result required"));
    };
    let r = datetime::add_us(vm, dt, off - dst)?;
    let mark = vm.push_root(r);
    let res = (|| {
        let rd = dt_of(r).expect("datetime");
        let Some(dst2) = call_offset(vm, rd.tz, "dst", r)? else {
            return Err(
                vm.value_error("fromutc: tz.dst() gave inconsistent results; cannot convert")
            );
        };
        if dst2 != 0 {
            return datetime::add_us(vm, r, dst2);
        }
        Ok(r)
    })();
    vm.pop_roots(mark);
    res
}

fn tzi_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    recv(vm, a, Ty::TzInfo, "__reduce__")?;
    noargs(vm, "__reduce__", a, k)?;
    let me = a[0];
    let n = vm.intern("__getinitargs__");
    let args = match vm.getattr_opt(me, n)? {
        Some(f) => vm.call(f, &[], Value::EMPTY)?,
        None => vm.new_tuple(&[]),
    };
    let mark = vm.push_root(args);
    let r = (|| {
        let state = vm.call_method(me, "__getstate__", &[])?;
        vm.push_root(state);
        let cls = vm.type_of(me);
        Ok(vm.new_tuple(&[cls, args, state]))
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------ timezone

/// A timezone of `offset` (a timedelta) and `name` (a str or None):
/// `timezone.utc` for a zero offset without a name.
pub(crate) fn new_timezone(vm: &mut Vm, st: Value, offset: Value, name: Value) -> PyResult<Value> {
    let d = dt_is(offset, Ty::Delta).expect("offset");
    let us = d.delta_us();
    if name.is_none() && us == 0 {
        let utc = st_get(st, ST_UTC);
        if !utc.is_none() {
            return Ok(utc);
        }
    }
    if us <= -US_PER_DAY || us >= US_PER_DAY {
        let rp = vm.repr_string(offset)?;
        return Err(vm.value_error(&format!(
            "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {rp}."
        )));
    }
    // The offset kept is an exact timedelta.
    let off = if vm.type_of(offset) == st_get(st, ST_DELTA) {
        offset
    } else {
        new_delta_us(vm, st, us)?
    };
    let mut p = Dt::blank(Ty::TimeZone, st);
    p.tz = off;
    p.name = name;
    let cls = st_get(st, ST_TIMEZONE);
    Ok(alloc(vm, cls, p))
}

fn tz_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let st = a[0];
    let Some(&cls) = a.get(1) else {
        return Err(vm.type_error("timezone.__new__(): not enough arguments"));
    };
    check_new_cls(vm, st, cls, ST_TIMEZONE)?;
    let [off, name] = parse_kw(vm, Some("timezone"), &a[2..], k, ["offset", "name"], 1, 2)?;
    let off = off.expect("required");
    if dt_is(off, Ty::Delta).is_none() {
        let tn = vm.type_name_of(off);
        return Err(vm.type_error(&format!(
            "timezone() argument 1 must be datetime.timedelta, not {tn}"
        )));
    }
    let name = match name {
        Some(n) if is_str(n) => n,
        Some(n) => {
            let tn = vm.type_name_of(n);
            return Err(vm.type_error(&format!("timezone() argument 2 must be str, not {tn}")));
        }
        None => Value::NONE,
    };
    new_timezone(vm, st, off, name)
}

fn tz_this(vm: &mut Vm, a: &[Value], m: &str) -> PyResult<&'static Dt> {
    recv(vm, a, Ty::TimeZone, m)
}

fn check_dt_arg(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error(&format!(
            "timezone.{name}() takes exactly one argument ({} given)",
            a.len() - 1
        )));
    }
    let dt = a[1];
    if dt.is_none() || dt_is(dt, Ty::DateTime).is_some() {
        return Ok(dt);
    }
    let tn = tp_name_of(vm, dt);
    Err(vm.type_error(&format!(
        "{name}(dt) argument must be a datetime instance or None, not {tn}"
    )))
}

fn tz_utcoffset(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = tz_this(vm, a, "utcoffset")?;
    check_dt_arg(vm, a, "utcoffset")?;
    Ok(d.tz)
}

fn tz_dst(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    tz_this(vm, a, "dst")?;
    check_dt_arg(vm, a, "dst")?;
    Ok(Value::NONE)
}

pub(crate) fn tz_name_of(vm: &mut Vm, d: &Dt) -> Value {
    if !d.name.is_none() {
        return d.name;
    }
    let us = dt_of(d.tz).expect("offset").delta_us();
    if us == 0 {
        return vm.new_str("UTC");
    }
    vm.new_str(&format!("UTC{}", format_offset(us, ":")))
}

fn tz_tzname(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = tz_this(vm, a, "tzname")?;
    check_dt_arg(vm, a, "tzname")?;
    Ok(tz_name_of(vm, d))
}

fn tz_str(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = tz_this(vm, a, "__str__")?;
    Ok(tz_name_of(vm, d))
}

fn tz_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = tz_this(vm, a, "__repr__")?;
    let name = tp_name(vm.type_of(a[0]));
    if a[0] == st_get(d.st, ST_UTC) {
        return Ok(vm.new_str(&format!("{name}.utc")));
    }
    let off = vm.repr_string(d.tz)?;
    if d.name.is_none() {
        return Ok(vm.new_str(&format!("{name}({off})")));
    }
    let n = vm.repr_string(d.name)?;
    Ok(vm.new_str(&format!("{name}({off}, {n})")))
}

fn tz_fromutc(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = tz_this(vm, a, "fromutc")?;
    if a.len() != 2 {
        return Err(vm.type_error(&format!(
            "timezone.fromutc() takes exactly one argument ({} given)",
            a.len() - 1
        )));
    }
    let Some(x) = dt_is(a[1], Ty::DateTime) else {
        return Err(vm.type_error("fromutc: argument must be a datetime"));
    };
    if x.tz != a[0] {
        return Err(vm.value_error("fromutc: dt.tzinfo is not self"));
    }
    let us = dt_of(d.tz).expect("offset").delta_us();
    datetime::add_us(vm, a[1], us)
}

fn tz_getinitargs(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let d = tz_this(vm, a, "__getinitargs__")?;
    noargs(vm, "__getinitargs__", a, k)?;
    if d.name.is_none() {
        Ok(vm.new_tuple(&[d.tz]))
    } else {
        Ok(vm.new_tuple(&[d.tz, d.name]))
    }
}

fn tz_hash(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let d = tz_this(vm, a, "__hash__")?;
    let o = dt_of(d.tz).expect("offset");
    hash_ints(vm, &[o.days as i64, o.secs as i64, o.us as i64])
}

fn tz_cmp(vm: &mut Vm, a: &[Value], eq: bool) -> PyResult<Value> {
    let d = tz_this(vm, a, "__eq__")?;
    let Some(o) = a.get(1).and_then(|&v| dt_is(v, Ty::TimeZone)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let same = dt_of(d.tz).expect("offset").delta_us() == dt_of(o.tz).expect("offset").delta_us();
    Ok(Value::bool(same == eq))
}

fn tz_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    tz_cmp(vm, a, true)
}
fn tz_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    tz_cmp(vm, a, false)
}

pub(super) fn init(vm: &mut Vm, st: Value, tzi: Value, tz: Value) -> PyResult<()> {
    // Python subclasses of tzinfo get an instance dict; tzinfo itself has none.
    add_bound(vm, tzi, st, "__new__", tzi_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", tzi_init),
        ("tzname", tzi_tzname),
        ("utcoffset", tzi_utcoffset),
        ("dst", tzi_dst),
        ("fromutc", tzi_fromutc),
        ("__reduce__", tzi_reduce),
    ];
    for &(n, f) in methods {
        vm.add_method(tzi, n, f);
    }

    add_bound(vm, tz, st, "__new__", tz_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("utcoffset", tz_utcoffset),
        ("dst", tz_dst),
        ("tzname", tz_tzname),
        ("fromutc", tz_fromutc),
        ("__getinitargs__", tz_getinitargs),
        ("__str__", tz_str),
        ("__repr__", tz_repr),
        ("__hash__", tz_hash),
        ("__eq__", tz_eq),
        ("__ne__", tz_ne),
    ];
    for &(n, f) in methods {
        vm.add_method(tz, n, f);
    }
    vm.declare_arity(tz, 1, 1, &["__eq__", "__ne__"]);
    let zero = new_delta_us(vm, st, 0)?;
    let utc = new_timezone(vm, st, zero, Value::NONE)?;
    vm.ctx.promote(utc);
    let sto = Obj::from_value(st).expect("state");
    vm.store(sto, ST_UTC, utc);
    set_class_attr(vm, tz, "utc", utc);
    let lo = new_delta_us(vm, st, -(US_PER_DAY - 60_000_000))?;
    let min = new_timezone(vm, st, lo, Value::NONE)?;
    set_class_attr(vm, tz, "min", min);
    let hi = new_delta_us(vm, st, US_PER_DAY - 60_000_000)?;
    let max = new_timezone(vm, st, hi, Value::NONE)?;
    set_class_attr(vm, tz, "max", max);
    Ok(())
}
