//! Time to text: `asctime`, `ctime` and `strftime`.
//!
//! `strftime` formats with the C library's `wcsftime`, as CPython does on
//! Linux: the format's code points go to the C library unchanged (lone
//! surrogates included), so directives, flags and widths (`%-d`, `%10A`),
//! unknown directives (kept as written) and `%Z`/`%z` behave exactly as in
//! CPython. ProtoPy never calls `setlocale`, so names are the C locale's.

use super::calendar::{checktm, gettmarg, localtime_tm, now, time_t_arg, TmArg};
use super::{check, check_parse_tuple, struct_time_type};
use engine::runtime::*;
use proto_core::{Obj, Value};

extern "C" {
    /// ISO C `wcsftime(3)`: formats `tm` into at most `max` wide characters
    /// (NUL included); returns the count written without the NUL, or 0 when
    /// the result (NUL included) does not fit.
    fn wcsftime(
        s: *mut libc::wchar_t,
        max: libc::size_t,
        format: *const libc::wchar_t,
        tm: *const libc::tm,
    ) -> libc::size_t;
}

/// A locale object whose LC_CTYPE is C.UTF-8 and whose other categories are
/// the C locale's (None if the C library has no C.UTF-8), made once and
/// never freed. `strftime` formats under it, as CPython does under its
/// UTF-8 LC_CTYPE, so that `wcsftime` converts a non-ASCII `%Z` zone name.
fn utf8_ctype() -> Option<libc::locale_t> {
    static LOC: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let p = *LOC.get_or_init(|| {
        // SAFETY: newlocale reads the NUL-terminated name and, with a null
        // base, allocates a new locale object (or returns null).
        let l = unsafe {
            libc::newlocale(
                libc::LC_CTYPE_MASK,
                c"C.UTF-8".as_ptr(),
                std::ptr::null_mut(),
            )
        };
        l as usize
    });
    (p != 0).then_some(p as libc::locale_t)
}

/// `asctime()`'s text: `Sun Jun 20 23:21:05 1993` (tm fields in checked
/// ranges).
fn asctime_text(tm: &libc::tm) -> String {
    const WDAY: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MON: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wday = WDAY.get(tm.tm_wday as usize).copied().unwrap_or("???");
    let mon = MON.get(tm.tm_mon as usize).copied().unwrap_or("???");
    format!(
        "{wday} {mon}{:3} {:02}:{:02}:{:02} {}",
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        i64::from(tm.tm_year) + 1900
    )
}

/// A checked `struct tm` from the optional time-tuple argument of
/// `asctime`/`strftime` (absent: local time now).
fn tm_arg(vm: &mut Vm, m: Value, arg: Option<Value>, msg: &str) -> PyResult<TmArg> {
    match arg {
        None => {
            let t = now();
            Ok(TmArg::from_tm(localtime_tm(vm, t)?))
        }
        Some(v) => {
            let cls = struct_time_type(vm, m)?;
            let mut r = gettmarg(vm, cls, v, msg)?;
            checktm(vm, &mut r.tm)?;
            Ok(r)
        }
    }
}

/// `asctime([t])`.
pub(super) fn asctime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = a[0];
    let a = &a[1..];
    check(vm, "asctime", a, k, 0, 1)?;
    let r = tm_arg(
        vm,
        m,
        a.first().copied(),
        "asctime(): illegal time tuple argument",
    )?;
    Ok(vm.new_str(&asctime_text(&r.tm)))
}

/// `ctime([secs])`: `asctime(localtime(secs))`.
pub(super) fn ctime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let t = time_t_arg(vm, "ctime", &a[1..], k)?;
    let tm = localtime_tm(vm, t)?;
    Ok(vm.new_str(&asctime_text(&tm)))
}

/// `strptime(string[, format])`: CPython's, which passes its arguments to
/// `_strptime._strptime_time` (so the argument errors are that function's).
pub(super) fn strptime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("strptime() takes no keyword arguments"));
    }
    let m = vm.import_module("_strptime")?;
    let mark = vm.push_root(m);
    let n = vm.intern("_strptime_time");
    let f = vm.getattr(m, n)?;
    vm.push_root(f);
    let r = vm.call(f, &a[1..], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

/// `strftime(format[, t])`.
pub(super) fn strftime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let m = a[0];
    let a = &a[1..];
    check_parse_tuple(vm, "strftime", "strftime", a, k, 1, 2)?;
    if !is_str(a[0]) {
        let tn = vm.arg_type_name(a[0]);
        return Err(vm.type_error(&format!("strftime() argument 1 must be str, not {tn}")));
    }
    let mut r = tm_arg(
        vm,
        m,
        a.get(1).copied(),
        "strftime(): illegal time tuple argument",
    )?;
    // As CPython: in case a C library indexes tables with tm_isdst.
    r.tm.tm_isdst = r.tm.tm_isdst.clamp(-1, 1);
    let cps = crate::text::decode_wtf8(str_bytes(a[0]));
    if cps.contains(&0) {
        return Err(vm.value_error("embedded null character"));
    }
    let mut fmt: Vec<libc::wchar_t> = cps.iter().map(|&c| c as libc::wchar_t).collect();
    fmt.push(0);
    // wcsftime returns 0 both for an empty result and for one that does not
    // fit: grow the buffer until it fits or is 256 times the format's
    // length (then the result is taken as empty, as CPython does).
    let mut size: usize = 1024;
    let out = loop {
        // Reserved, not filled: like CPython's malloc, a big buffer the
        // result does not need is never touched.
        let mut buf: Vec<libc::wchar_t> = Vec::new();
        if buf.try_reserve_exact(size).is_err() {
            return Err(vm.new_exc(vm.g.e.MemoryError, ""));
        }
        let tm = r.as_mut_ptr();
        let loc = utf8_ctype();
        // SAFETY: `buf` has room for `size` wide chars (reserved above),
        // `fmt` is NUL-terminated, and `tm` points to a valid struct tm whose
        // tm_zone is null, the C library's, or `r`'s CString, all alive
        // here. The locale object is valid forever; uselocale only changes
        // this thread's locale, restored before anything else runs on it.
        let n = unsafe {
            let old = loc.map(|l| libc::uselocale(l));
            let n = wcsftime(buf.as_mut_ptr(), size, fmt.as_ptr(), tm);
            if let Some(old) = old {
                libc::uselocale(old);
            }
            n
        };
        if n > 0 || size >= cps.len().saturating_mul(256) {
            // SAFETY: wcsftime wrote `n` (< `size` <= capacity) wide chars
            // at the start of the buffer (none when it returned 0).
            unsafe { buf.set_len(n.min(size)) };
            break buf;
        }
        size = size.saturating_mul(2);
    };
    let mut text = Vec::with_capacity(out.len());
    for &c in &out {
        match u32::try_from(c) {
            Ok(c) if c <= 0x10FFFF => text.push(c),
            _ => {
                return Err(vm.value_error(&format!(
                    "character U+{:x} is not in range [U+0000; U+10ffff]",
                    c as u32
                )))
            }
        }
    }
    let bytes = crate::text::encode_wtf8(&text);
    Ok(vm.new_str_bytes(&bytes))
}
