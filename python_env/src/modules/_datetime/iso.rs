//! The ISO 8601 parsers of 3.11's `fromisoformat` methods (over UTF-8
//! bytes, reading a NUL past the end as C does), and `IsoCalendarDate`.

use super::*;
#[allow(unused_imports)]
use engine::runtime::ops::{cmp_op, Num};

/// Byte `i` of `b`, NUL past its end.
#[inline]
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// `n` decimal digits at `p`: (value, position after them).
fn digits(b: &[u8], p: usize, n: usize) -> Option<(i32, usize)> {
    let mut v = 0i32;
    for i in 0..n {
        let c = at(b, p + i);
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as i32;
    }
    Some((v, p + n))
}

/// A parsed date: month and day, or ISO week and weekday.
pub(crate) enum DatePart {
    Ymd(i32, i32),
    Week(i32, i32),
}

/// `parse_isoformat_date` over `b[..len]` (bytes past `len` may follow).
pub(crate) fn parse_date(b: &[u8], len: usize) -> Option<(i32, DatePart)> {
    let (year, mut p) = digits(b, 0, 4)?;
    let sep = at(b, p) == b'-';
    if sep {
        p += 1;
    }
    if at(b, p) == b'W' {
        p += 1;
        let (week, q) = digits(b, p, 2)?;
        p = q;
        let mut day = 1;
        if p < len {
            if sep {
                if at(b, p) != b'-' {
                    return None;
                }
                p += 1;
            }
            day = digits(b, p, 1)?.0;
        }
        return Some((year, DatePart::Week(week, day)));
    }
    let (month, q) = digits(b, p, 2)?;
    p = q;
    if sep {
        if at(b, p) != b'-' {
            return None;
        }
        p += 1;
    }
    let (day, _) = digits(b, p, 2)?;
    Some((year, DatePart::Ymd(month, day)))
}

/// `_find_isoformat_datetime_separator`: where the date part ends.
fn find_separator(b: &[u8]) -> Option<usize> {
    let len = b.len();
    if len == 7 {
        return Some(7);
    }
    if at(b, 4) == b'-' {
        if at(b, 5) == b'W' {
            if len < 8 {
                return None;
            }
            if len > 8 && at(b, 8) == b'-' {
                if len == 9 {
                    return None;
                }
                if len > 10 && at(b, 10).is_ascii_digit() {
                    return Some(8);
                }
                return Some(10);
            }
            return Some(8);
        }
        return Some(10);
    }
    if at(b, 4) == b'W' {
        let mut idx = 7;
        while idx < len && at(b, idx).is_ascii_digit() {
            idx += 1;
        }
        if idx < 9 {
            return Some(idx);
        }
        return Some(if idx % 2 == 0 { 7 } else { 8 });
    }
    Some(8)
}

/// Time fields and the UTC offset (seconds, microseconds) if one was given.
pub(crate) struct TimeParse {
    pub h: i32,
    pub m: i32,
    pub s: i32,
    pub us: i32,
    pub tz: Option<(i32, i32)>,
}

/// `parse_hh_mm_ss_ff` from `p` to `end`: 1 if not at the string's end,
/// 0 if at it, None on failure.
fn hh_mm_ss_ff(b: &[u8], mut p: usize, end: usize, vals: &mut [i32; 4]) -> Option<bool> {
    let mut has_sep = true;
    for (i, slot) in vals.iter_mut().take(3).enumerate() {
        let (v, q) = digits(b, p, 2)?;
        *slot = v;
        p = q;
        let c = at(b, p);
        p += 1;
        if i == 0 {
            has_sep = c == b':';
        }
        if p >= end {
            return Some(c != 0);
        } else if has_sep && c == b':' {
            continue;
        } else if c == b'.' || c == b',' {
            break;
        } else if !has_sep {
            p -= 1;
        } else {
            return None;
        }
    }
    let remains = end.saturating_sub(p);
    let n = remains.min(6);
    let (mut us, q) = digits(b, p, n)?;
    p = q;
    if (1..6).contains(&n) {
        us *= [100_000, 10_000, 1_000, 100, 10][n - 1];
    }
    vals[3] = us;
    while at(b, p).is_ascii_digit() {
        p += 1;
    }
    Some(at(b, p) != 0)
}

/// `parse_isoformat_time` of `b[start..]`.
pub(crate) fn parse_time(b: &[u8], start: usize) -> Option<TimeParse> {
    let end = b.len();
    let mut tzpos = start;
    loop {
        let c = at(b, tzpos);
        if c == b'Z' || c == b'+' || c == b'-' {
            break;
        }
        tzpos += 1;
        if tzpos >= end {
            break;
        }
    }
    let mut v = [0i32; 4];
    let rv = hh_mm_ss_ff(b, start, tzpos, &mut v)?;
    let mut out = TimeParse {
        h: v[0],
        m: v[1],
        s: v[2],
        us: v[3],
        tz: None,
    };
    if tzpos >= end {
        return if rv { None } else { Some(out) };
    }
    if at(b, tzpos) == b'Z' {
        if at(b, tzpos + 1) != 0 {
            return None;
        }
        out.tz = Some((0, 0));
        return Some(out);
    }
    let sign = if at(b, tzpos) == b'-' { -1 } else { 1 };
    let mut t = [0i32; 4];
    let rv = hh_mm_ss_ff(b, tzpos + 1, end, &mut t)?;
    if rv {
        return None;
    }
    out.tz = Some((sign * (t[0] * 3600 + t[1] * 60 + t[2]), sign * t[3]));
    Some(out)
}

/// The tzinfo for a parsed offset: None, `timezone.utc` or a timezone.
pub(crate) fn tz_from_offset(vm: &mut Vm, st: Value, tz: Option<(i32, i32)>) -> PyResult<Value> {
    match tz {
        None => Ok(Value::NONE),
        Some((0, 0)) => Ok(st_get(st, ST_UTC)),
        Some((s, us)) => {
            let total = s as i128 * 1_000_000 + us as i128;
            let off = new_delta_us(vm, st, total)?;
            let mark = vm.push_root(off);
            let r = tzinfo::new_timezone(vm, st, off, Value::NONE);
            vm.pop_roots(mark);
            r
        }
    }
}

/// The code points of str `s`, one byte each: ASCII as is, anything else
/// (lone surrogates included) 0xFF, which no ISO field accepts. Parsing
/// by code point lets the date/time separator be any character.
pub(crate) fn ascii_view(s: Value) -> Vec<u8> {
    let b = str_bytes(s);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let n = match c {
            0..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        out.push(if n == 1 { c } else { 0xff });
        i += n;
    }
    out
}

pub(crate) struct DateTimeParse {
    pub y: i32,
    pub mo: i32,
    pub d: i32,
    pub t: TimeParse,
}

/// `datetime.fromisoformat`'s parse.
pub(crate) fn parse_datetime(vm: &mut Vm, s: Value) -> PyResult<Option<DateTimeParse>> {
    let mut b = ascii_view(s);
    if b.len() < 7 {
        return Ok(None);
    }
    let Some(sep) = find_separator(&b) else {
        return Ok(None);
    };
    if sep < b.len() {
        b[sep] = b'T';
    }
    let Some((y, dp)) = parse_date(&b, sep) else {
        return Ok(None);
    };
    let (y, mo, d) = match dp {
        DatePart::Ymd(m, d) => (y, m, d),
        DatePart::Week(w, d) => match date::iso_to_ymd(vm, y as i64, w as i64, d as i64) {
            Ok((y, m, d)) => (y, m as i32, d as i32),
            Err(_) => return Ok(None),
        },
    };
    let mut t = TimeParse {
        h: 0,
        m: 0,
        s: 0,
        us: 0,
        tz: None,
    };
    if b.len() > sep {
        match parse_time(&b, sep + 1) {
            Some(p) => t = p,
            None => return Ok(None),
        }
    }
    Ok(Some(DateTimeParse { y, mo, d, t }))
}

// ------------------------------------------------------------ IsoCalendarDate

fn ic_this(vm: &mut Vm, a: &[Value]) -> PyResult<Obj> {
    match a.first().and_then(|&v| Obj::from_value(v)) {
        Some(o) if o.kind() == Kind::TUPLE && o.n_values() == 3 => Ok(o),
        _ => Err(vm.type_error("descriptor requires a 'datetime.IsoCalendarDate' object")),
    }
}

fn ic_year(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(ic_this(vm, a)?.get(0))
}
fn ic_week(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(ic_this(vm, a)?.get(1))
}
fn ic_weekday(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(ic_this(vm, a)?.get(2))
}

fn ic_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = ic_this(vm, a)?;
    let (y, w, d) = (o.get(0), o.get(1), o.get(2));
    let ys = vm.repr_string(y)?;
    let ws = vm.repr_string(w)?;
    let ds = vm.repr_string(d)?;
    let name = tp_name(o.class());
    Ok(vm.new_str(&format!("{name}(year={ys}, week={ws}, weekday={ds})")))
}

fn ic_reduce(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let o = ic_this(vm, a)?;
    let t = vm.new_tuple(&[o.get(0), o.get(1), o.get(2)]);
    let mark = vm.push_root(t);
    let args = vm.new_tuple(&[t]);
    vm.push_root(args);
    let r = vm.new_tuple(&[vm.g.types.tuple, args]);
    vm.pop_roots(mark);
    Ok(r)
}

fn ic_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[1];
    let [y, w, d] = parse_kw(
        vm,
        Some("__new__"),
        &a[2..],
        k,
        ["year", "week", "weekday"],
        3,
        3,
    )?;
    let items = [y.expect("y"), w.expect("w"), d.expect("d")];
    Ok(vm.new_tuple_of(cls, &items))
}

pub(super) fn new_isocal_type(vm: &mut Vm, st: Value, modname: Value) -> Value {
    let t = vm.new_static_type("IsoCalendarDate", vm.g.types.tuple, Kind::TUPLE, false);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    add_bound(vm, t, st, "__new__", ic_new, false);
    vm.add_method(t, "__repr__", ic_repr);
    vm.add_method(t, "__reduce__", ic_reduce);
    for (n, f) in [
        ("year", ic_year as NativeFn),
        ("week", ic_week),
        ("weekday", ic_weekday),
    ] {
        let p = vm.new_native_getset(t, n, f, None);
        vm.add_attr(t, n, p);
    }
    t
}
