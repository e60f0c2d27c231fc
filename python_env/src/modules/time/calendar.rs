//! Seconds since the Epoch <-> broken-down time: `gmtime`, `localtime`,
//! `mktime`, the time-tuple argument of `asctime`/`strftime`/`mktime`
//! (CPython's `gettmarg`/`checktm`), and the time zone (`tzset`,
//! `timezone`, `altzone`, `daylight`, `tzname`), all over the C library
//! (`gmtime_r`, `localtime_r`, `mktime`, `tzset`), as CPython does.

use super::structtime::{self, VISIBLE};
use super::{
    c_int, c_long, check, check_parse_tuple, clear_errno, float_to_i64, last_errno, os_error,
    struct_time_type, time_t_overflow,
};
use engine::runtime::*;
use proto_core::Value;
use std::ffi::CString;

extern "C" {
    /// POSIX `tzset(3)` (glibc guards its time zone state with a lock).
    fn tzset();
}

/// An all-zero `struct tm` (null `tm_zone`).
pub(super) fn zeroed_tm() -> libc::tm {
    // SAFETY: `struct tm` is plain data (ints, a long and a pointer) for
    // which all-zero bytes are a valid value (the pointer is null).
    unsafe { std::mem::zeroed() }
}

/// The current time as a `time_t` (`time(NULL)`).
pub(super) fn now() -> libc::time_t {
    // SAFETY: time() with a null pointer only returns the time.
    unsafe { libc::time(std::ptr::null_mut()) }
}

/// `_PyTime_ObjectToTime_t(obj, _PyTime_ROUND_FLOOR)`: a float is floored
/// (NaN and values past 64 bits refused), anything else goes through
/// `__index__`.
fn object_to_time_t(vm: &mut Vm, v: Value) -> PyResult<libc::time_t> {
    if let Some(ops::Num::F(d)) = vm.num(v) {
        if d.is_nan() {
            return Err(super::nan_error(vm));
        }
        return float_to_i64(d.floor()).ok_or_else(|| time_t_overflow(vm));
    }
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(t) => Ok(t),
        None => Err(time_t_overflow(vm)),
    }
}

/// The optional seconds argument of `gmtime`/`localtime`/`ctime` (`|O`):
/// absent or None means now.
pub(super) fn time_t_arg(vm: &mut Vm, name: &str, a: &[Value], k: Value) -> PyResult<libc::time_t> {
    check_parse_tuple(vm, name, name, a, k, 0, 1)?;
    match a.first() {
        Some(&v) if !v.is_none() => object_to_time_t(vm, v),
        _ => Ok(now()),
    }
}

/// `gmtime_r`, or OSError with its errno (EOVERFLOW past the years a C int
/// holds).
pub(crate) fn gmtime_tm(vm: &mut Vm, t: libc::time_t) -> PyResult<libc::tm> {
    let mut tm = zeroed_tm();
    clear_errno();
    // SAFETY: both pointers are valid for the call; gmtime_r writes only
    // into `tm` and returns null on failure.
    if unsafe { libc::gmtime_r(&t, &mut tm) }.is_null() {
        let e = match last_errno() {
            0 => libc::EINVAL,
            e => e,
        };
        return Err(os_error(vm, e));
    }
    Ok(tm)
}

/// `localtime_r`, or OSError with its errno.
pub(crate) fn localtime_tm(vm: &mut Vm, t: libc::time_t) -> PyResult<libc::tm> {
    let mut tm = zeroed_tm();
    clear_errno();
    // SAFETY: as in `gmtime_tm`; the `tm_zone` it sets points into the C
    // library's time zone data, which lives as long as the process.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        let e = match last_errno() {
            0 => libc::EINVAL,
            e => e,
        };
        return Err(os_error(vm, e));
    }
    Ok(tm)
}

/// The NUL-terminated bytes `tm_zone` points to (empty if null).
pub(crate) fn zone_bytes(tm: &libc::tm) -> Vec<u8> {
    if tm.tm_zone.is_null() {
        return Vec::new();
    }
    // SAFETY: a non-null `tm_zone` set by gmtime_r/localtime_r points to a
    // NUL-terminated string of the C library that is never freed.
    unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
        .to_bytes()
        .to_vec()
}

/// A `struct_time` of class `cls` from a `struct tm` (CPython's `tmtotuple`).
fn tm_to_struct(vm: &mut Vm, cls: Value, tm: &libc::tm) -> PyResult<Value> {
    let items: [Value; VISIBLE] = [
        Value::int(i64::from(tm.tm_year) + 1900),
        Value::int(i64::from(tm.tm_mon) + 1),
        Value::int(i64::from(tm.tm_mday)),
        Value::int(i64::from(tm.tm_hour)),
        Value::int(i64::from(tm.tm_min)),
        Value::int(i64::from(tm.tm_sec)),
        Value::int((i64::from(tm.tm_wday) + 6) % 7),
        Value::int(i64::from(tm.tm_yday) + 1),
        Value::int(i64::from(tm.tm_isdst)),
    ];
    let zone = crate::types::bytes::decode(vm, &zone_bytes(tm), "utf-8", "surrogateescape")?;
    let gmtoff = vm.new_int(tm.tm_gmtoff);
    Ok(structtime::new(vm, cls, &items, zone, gmtoff))
}

/// `gmtime([seconds])`.
pub(super) fn gmtime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let t = time_t_arg(vm, "gmtime", &a[1..], k)?;
    let tm = gmtime_tm(vm, t)?;
    let cls = struct_time_type(vm, a[0])?;
    tm_to_struct(vm, cls, &tm)
}

/// `localtime([seconds])`.
pub(super) fn localtime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let t = time_t_arg(vm, "localtime", &a[1..], k)?;
    let tm = localtime_tm(vm, t)?;
    let cls = struct_time_type(vm, a[0])?;
    tm_to_struct(vm, cls, &tm)
}

/// A `struct tm` made from a time tuple, with the `tm_zone` string it
/// points to (kept alive here; see [`TmArg::as_mut_ptr`]).
pub(super) struct TmArg {
    pub(super) tm: libc::tm,
    zone: Option<CString>,
}

impl TmArg {
    /// A `struct tm` from the C library (its `tm_zone` is the library's).
    pub(super) fn from_tm(tm: libc::tm) -> TmArg {
        TmArg { tm, zone: None }
    }

    /// The `struct tm` to hand to the C library, its `tm_zone` pointing to
    /// this argument's zone string when it has one.
    pub(super) fn as_mut_ptr(&mut self) -> *mut libc::tm {
        if let Some(z) = &self.zone {
            self.tm.tm_zone = z.as_ptr();
        }
        &mut self.tm
    }
}

/// CPython's `gettmarg`: a tuple (or subclass) of exactly 9 C ints, turned
/// into a `struct tm` (year - 1900, month - 1, Monday-based weekday to
/// Sunday-based, yday - 1, with C's wrapping int arithmetic). A
/// `struct_time` of class `cls` also gives its `tm_zone` and `tm_gmtoff`.
pub(super) fn gettmarg(vm: &mut Vm, cls: Value, v: Value, msg: &str) -> PyResult<TmArg> {
    if !vm.isinstance(v, vm.g.types.tuple) {
        return Err(vm.type_error("Tuple or struct_time argument required"));
    }
    // The tuple is an argument of the running call: its items stay rooted
    // while `__index__` methods run.
    let items = vm.seq_items(v);
    if items.len() != 9 {
        return Err(vm.type_error(msg));
    }
    let mut f = [0i32; 9];
    for (x, &item) in f.iter_mut().zip(&items) {
        *x = c_int(vm, item)?;
    }
    if f[0] < i32::MIN + 1900 {
        return Err(vm.new_exc(vm.g.e.OverflowError, "year out of range"));
    }
    let mut tm = zeroed_tm();
    tm.tm_year = f[0] - 1900;
    tm.tm_mon = f[1].wrapping_sub(1);
    tm.tm_mday = f[2];
    tm.tm_hour = f[3];
    tm.tm_min = f[4];
    tm.tm_sec = f[5];
    tm.tm_wday = f[6].wrapping_add(1) % 7;
    tm.tm_yday = f[7].wrapping_sub(1);
    tm.tm_isdst = f[8];
    let mut zone = None;
    if vm.type_of(v) == cls {
        let (z, gmtoff) = structtime::hidden(v);
        if !z.is_none() {
            if !is_str(z) {
                return Err(vm.type_error("bad argument type for built-in operation"));
            }
            let b = crate::types::str::as_utf8(vm, z)?;
            // C sees the string up to its first NUL.
            let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
            zone = CString::new(&b[..end]).ok();
        }
        if !gmtoff.is_none() {
            tm.tm_gmtoff = c_long(vm, gmtoff)?;
        }
    }
    Ok(TmArg { tm, zone })
}

/// CPython's `checktm`: the ranges `asctime` and `strftime` index tables
/// with (a month or day of month of 0, and a yday of 0, mean the first).
pub(super) fn checktm(vm: &mut Vm, tm: &mut libc::tm) -> PyResult<()> {
    let err = |vm: &mut Vm, m: &str| Err(vm.value_error(m));
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    } else if !(0..=11).contains(&tm.tm_mon) {
        return err(vm, "month out of range");
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    } else if !(0..=31).contains(&tm.tm_mday) {
        return err(vm, "day of month out of range");
    }
    if !(0..=23).contains(&tm.tm_hour) {
        return err(vm, "hour out of range");
    }
    if !(0..=59).contains(&tm.tm_min) {
        return err(vm, "minute out of range");
    }
    if !(0..=61).contains(&tm.tm_sec) {
        return err(vm, "seconds out of range");
    }
    // The upper bound holds by the `% 7` of gettmarg.
    if tm.tm_wday < 0 {
        return err(vm, "day of week out of range");
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    } else if !(0..=365).contains(&tm.tm_yday) {
        return err(vm, "day of year out of range");
    }
    Ok(())
}

/// `mktime(t)`: a local time tuple to seconds (a float).
pub(super) fn mktime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = a[0];
    let a = &a[1..];
    check(vm, "time.mktime", a, k, 1, 1)?;
    let cls = struct_time_type(vm, m)?;
    let mut arg = gettmarg(vm, cls, a[0], "mktime(): illegal time tuple argument")?;
    // A sentinel: mktime() sets tm_wday when it succeeds, and -1 is also a
    // valid result.
    arg.tm.tm_wday = -1;
    let p = arg.as_mut_ptr();
    // SAFETY: `p` points to `arg.tm`, a valid struct tm whose tm_zone is
    // null or `arg`'s live CString; mktime only normalises the struct.
    let t = unsafe { libc::mktime(p) };
    if t == -1 && arg.tm.tm_wday == -1 {
        return Err(vm.new_exc(vm.g.e.OverflowError, "mktime argument out of range"));
    }
    Ok(vm.new_float(t as f64))
}

/// `tzset()`: re-reads the TZ environment variable and resets `timezone`,
/// `altzone`, `daylight` and `tzname`.
pub(super) fn tzset_fn(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "time.tzset", &a[1..], k, 0, 0)?;
    // SAFETY: tzset has no arguments; glibc serialises it with its other
    // time zone functions.
    unsafe { tzset() };
    init_timezone(vm, a[0])?;
    Ok(Value::NONE)
}

/// The zone name (at most 9 bytes, as CPython copies it) and the offset
/// west of UTC at `t` in local time.
fn zone_at(t: libc::time_t) -> (Vec<u8>, i64) {
    let mut tm = zeroed_tm();
    // SAFETY: as in `localtime_tm`. A failure leaves `tm` zeroed (offset 0,
    // no name), as CPython ignores it too.
    unsafe { libc::localtime_r(&t, &mut tm) };
    let mut name = if tm.tm_zone.is_null() {
        b"   ".to_vec()
    } else {
        zone_bytes(&tm)
    };
    name.truncate(9);
    (name, -tm.tm_gmtoff)
}

/// Sets `timezone`, `altzone`, `daylight` and `tzname` on the module `m`
/// from the offsets in January and July of the current year (CPython's
/// `init_timezone` on Linux, which swaps them south of the equator).
pub(super) fn init_timezone(vm: &mut Vm, m: Value) -> PyResult<()> {
    const YEAR: libc::time_t = (365 * 24 + 6) * 3600;
    let t = (now() / YEAR) * YEAR;
    let (jan_name, jan) = zone_at(t);
    let (july_name, july) = zone_at(t + YEAR / 2);
    const MAX_TIMEZONE: i64 = 48 * 3600;
    if !(-MAX_TIMEZONE..=MAX_TIMEZONE).contains(&jan)
        || !(-MAX_TIMEZONE..=MAX_TIMEZONE).contains(&july)
    {
        return Err(vm.new_exc(vm.g.e.RuntimeError, "invalid GMT offset"));
    }
    let (timezone, altzone, std_name, dst_name) = if jan < july {
        (july, jan, july_name, jan_name)
    } else {
        (jan, july, jan_name, july_name)
    };
    let n0 = crate::types::bytes::decode(vm, &std_name, "utf-8", "strict")?;
    let mark = vm.push_root(n0);
    let n1 = crate::types::bytes::decode(vm, &dst_name, "utf-8", "strict");
    vm.pop_roots(mark);
    let tzname = vm.new_tuple(&[n0, n1?]);
    vm.set_module_attr(m, "timezone", Value::int(timezone));
    vm.set_module_attr(m, "altzone", Value::int(altzone));
    vm.set_module_attr(m, "daylight", Value::int(i64::from(jan != july)));
    vm.set_module_attr(m, "tzname", tzname);
    Ok(())
}
