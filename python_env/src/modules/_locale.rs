//! The `_locale` module: `setlocale`, `localeconv`, `nl_langinfo`,
//! `getencoding`, `strcoll`, `strxfrm`, the `LC_*` and `nl_langinfo`
//! constants and `Error`, as CPython has in C (the native half of
//! `locale`).
//!
//! The C library's locale is process state and `setlocale`, `localeconv`
//! and `nl_langinfo` return pointers into static buffers, so every call
//! that touches it runs under one process-wide mutex and copies the result
//! out before releasing it.
//!
//! CPython sets `LC_CTYPE` from the environment when it starts, coercing
//! the C/POSIX locale to a UTF-8 one (PEP 538); ProtoPy does the same when
//! this module is first imported, so `setlocale(LC_CTYPE)` and
//! `getencoding()` answer as under CPython. The gettext functions
//! (`gettext`, `dgettext`, `textdomain`...) are not provided
//! (`hasattr(_locale, 'gettext')` is False, as on a CPython built without
//! libintl).

use crate::types::clinic;
use engine::runtime::*;
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};
use std::ffi::{CStr, CString};

const MODULE_DOC: &str = "Support for POSIX locales.";

/// Orders every use of the C library's locale state.
static LOCALE_LOCK: Mutex<()> = Mutex::new(());

/// `CHAR_MAX`: the value of an unspecified `localeconv` number.
const CHAR_MAX: i64 = 127;

/// The `nl_langinfo` keys CPython exposes on glibc, with their values.
const LANGINFO: &[(&str, i32)] = &[
    ("CODESET", 14),
    ("D_T_FMT", 0x20028),
    ("D_FMT", 0x20029),
    ("T_FMT", 0x2002A),
    ("T_FMT_AMPM", 0x2002B),
    ("AM_STR", 0x20026),
    ("PM_STR", 0x20027),
    ("DAY_1", 0x20007),
    ("DAY_2", 0x20008),
    ("DAY_3", 0x20009),
    ("DAY_4", 0x2000A),
    ("DAY_5", 0x2000B),
    ("DAY_6", 0x2000C),
    ("DAY_7", 0x2000D),
    ("ABDAY_1", 0x20000),
    ("ABDAY_2", 0x20001),
    ("ABDAY_3", 0x20002),
    ("ABDAY_4", 0x20003),
    ("ABDAY_5", 0x20004),
    ("ABDAY_6", 0x20005),
    ("ABDAY_7", 0x20006),
    ("MON_1", 0x2001A),
    ("MON_2", 0x2001B),
    ("MON_3", 0x2001C),
    ("MON_4", 0x2001D),
    ("MON_5", 0x2001E),
    ("MON_6", 0x2001F),
    ("MON_7", 0x20020),
    ("MON_8", 0x20021),
    ("MON_9", 0x20022),
    ("MON_10", 0x20023),
    ("MON_11", 0x20024),
    ("MON_12", 0x20025),
    ("ABMON_1", 0x2000E),
    ("ABMON_2", 0x2000F),
    ("ABMON_3", 0x20010),
    ("ABMON_4", 0x20011),
    ("ABMON_5", 0x20012),
    ("ABMON_6", 0x20013),
    ("ABMON_7", 0x20014),
    ("ABMON_8", 0x20015),
    ("ABMON_9", 0x20016),
    ("ABMON_10", 0x20017),
    ("ABMON_11", 0x20018),
    ("ABMON_12", 0x20019),
    ("RADIXCHAR", 0x10000),
    ("THOUSEP", 0x10001),
    ("YESEXPR", 0x50000),
    ("NOEXPR", 0x50001),
    ("CRNCYSTR", 0x4000F),
    ("ERA", 0x2002C),
    ("ERA_D_FMT", 0x2002E),
    ("ALT_DIGITS", 0x2002F),
    ("ERA_D_T_FMT", 0x20030),
    ("ERA_T_FMT", 0x20031),
    ("_DATE_FMT", 0x2006C),
];

const CATEGORIES: &[(&str, i32)] = &[
    ("LC_CTYPE", libc::LC_CTYPE),
    ("LC_TIME", libc::LC_TIME),
    ("LC_COLLATE", libc::LC_COLLATE),
    ("LC_MONETARY", libc::LC_MONETARY),
    ("LC_MESSAGES", libc::LC_MESSAGES),
    ("LC_NUMERIC", libc::LC_NUMERIC),
    ("LC_ALL", libc::LC_ALL),
];

extern "C" {
    // glibc's wide-character collation (CPython's strcoll/strxfrm use
    // them); `wchar_t` is a 32-bit code point on Linux.
    fn wcscoll(a: *const i32, b: *const i32) -> libc::c_int;
    fn wcsxfrm(dst: *mut i32, src: *const i32, n: libc::size_t) -> libc::size_t;
}

/// A string from the C library decoded as CPython's
/// `PyUnicode_DecodeLocale` does under a UTF-8 locale.
fn decode(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    super::posix::path::fs_decode(vm, b)
}

/// `setlocale(category, locale)` under the lock, copied out.
fn c_setlocale(category: i32, locale: Option<&CStr>) -> Option<Vec<u8>> {
    let _g = sync::lock(&LOCALE_LOCK);
    let p = locale.map_or(std::ptr::null(), |l| l.as_ptr());
    // SAFETY: `p` is null or a NUL-terminated string; the result (a static
    // buffer) is copied before the lock is released.
    let r = unsafe { libc::setlocale(category, p) };
    if r.is_null() {
        return None;
    }
    // SAFETY: a non-null result is a NUL-terminated string.
    Some(unsafe { CStr::from_ptr(r) }.to_bytes().to_vec())
}

/// Whether the environment's `LC_CTYPE` locale was C or POSIX (a legacy
/// locale); set once by [`init_ctype`].
static LEGACY_CTYPE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// What CPython does at start-up, once: `LC_CTYPE` from the environment,
/// and the C/POSIX locale coerced to a UTF-8 one unless `LC_ALL` is set
/// (PEP 538). Returns whether that locale was C or POSIX, which turns the
/// UTF-8 mode on by default (PEP 540).
pub fn init_ctype() -> bool {
    *LEGACY_CTYPE.get_or_init(|| {
        // A locale the environment names but the system lacks leaves the
        // current one (C), as CPython finds.
        let Some(cur) =
            c_setlocale(libc::LC_CTYPE, Some(c"")).or_else(|| c_setlocale(libc::LC_CTYPE, None))
        else {
            return false;
        };
        let legacy = cur == b"C" || cur == b"POSIX";
        let lc_all = std::env::var_os("LC_ALL").is_some_and(|v| !v.is_empty());
        if legacy && !lc_all {
            for target in [c"C.UTF-8", c"C.utf8", c"UTF-8"] {
                if c_setlocale(libc::LC_CTYPE, Some(target)).is_some() {
                    break;
                }
            }
        }
        legacy
    })
}

/// The locale's encoding (`nl_langinfo(CODESET)`, "UTF-8" when it has
/// none), as CPython's `_Py_GetLocaleEncoding`: what `encoding="locale"`
/// means, and encoding=None outside the UTF-8 mode.
pub fn locale_encoding() -> String {
    init_ctype();
    let _g = sync::lock(&LOCALE_LOCK);
    // SAFETY: CODESET is a valid item; the result is copied under the
    // lock.
    let p = unsafe { libc::nl_langinfo(libc::CODESET) };
    let b = if p.is_null() {
        Vec::new()
    } else {
        // SAFETY: a non-null result is a NUL-terminated string.
        unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
    };
    if b.is_empty() {
        return "UTF-8".into();
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn locale_error(vm: &mut Vm, msg: &str) -> PyException {
    let cls = match super::_struct::module_state(vm, "_locale", 0) {
        Ok(c) => c,
        Err(e) => return e,
    };
    vm.new_exc(cls, msg)
}

/// `setlocale(category, locale=None, /)`.
fn setlocale(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "_locale.setlocale", "setlocale", a, k, 1, 2)?;
    let category = crate::args::c_int(vm, a[0])?;
    let locale = match a.get(1) {
        Some(&l) if !l.is_none() => {
            if !is_str(l) {
                let tn = vm.type_name_of(l);
                return Err(vm.type_error(&format!(
                    "setlocale() argument 2 must be str or None, not {tn}"
                )));
            }
            let s = str_of(l);
            match CString::new(s.as_bytes()) {
                Ok(c) => Some(c),
                Err(_) => return Err(vm.value_error("embedded null character")),
            }
        }
        _ => None,
    };
    match c_setlocale(category, locale.as_deref()) {
        Some(r) => decode(vm, &r),
        None if locale.is_some() => Err(locale_error(vm, "unsupported locale setting")),
        None => Err(locale_error(vm, "locale query failed")),
    }
}

/// The numeric and string fields of `localeconv()`, copied out.
struct Conv {
    strings: Vec<(&'static str, Vec<u8>)>,
    chars: Vec<(&'static str, i64)>,
    mon_grouping: Vec<u8>,
    grouping: Vec<u8>,
}

/// CPython's `copy_grouping`: the group sizes up to and including the
/// terminator (0 or CHAR_MAX); empty for an empty string.
fn grouping_list(vm: &mut Vm, g: &[u8]) -> Value {
    let mut items = Vec::new();
    for &b in g {
        items.push(Value::int(i64::from(b)));
        if i64::from(b) == CHAR_MAX {
            break;
        }
    }
    if !g.is_empty() && !g.contains(&(CHAR_MAX as u8)) {
        items.push(Value::int(0));
    }
    vm.new_list(&items)
}

/// `localeconv()`: the numeric formatting conventions of the locale.
fn localeconv(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if !a.is_empty() || Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error(&format!(
            "_locale.localeconv() takes no arguments ({} given)",
            a.len()
        )));
    }
    let conv = {
        let _g = sync::lock(&LOCALE_LOCK);
        // SAFETY: localeconv returns a pointer to a static, filled struct;
        // every field is copied before the lock is released.
        let l = unsafe { &*libc::localeconv() };
        let s = |p: *const libc::c_char| -> Vec<u8> {
            if p.is_null() {
                Vec::new()
            } else {
                // SAFETY: the string fields are NUL-terminated.
                unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
            }
        };
        Conv {
            strings: vec![
                ("int_curr_symbol", s(l.int_curr_symbol)),
                ("currency_symbol", s(l.currency_symbol)),
                ("mon_decimal_point", s(l.mon_decimal_point)),
                ("mon_thousands_sep", s(l.mon_thousands_sep)),
                ("positive_sign", s(l.positive_sign)),
                ("negative_sign", s(l.negative_sign)),
                ("decimal_point", s(l.decimal_point)),
                ("thousands_sep", s(l.thousands_sep)),
            ],
            chars: vec![
                ("int_frac_digits", i64::from(l.int_frac_digits as u8)),
                ("frac_digits", i64::from(l.frac_digits as u8)),
                ("p_cs_precedes", i64::from(l.p_cs_precedes as u8)),
                ("p_sep_by_space", i64::from(l.p_sep_by_space as u8)),
                ("n_cs_precedes", i64::from(l.n_cs_precedes as u8)),
                ("n_sep_by_space", i64::from(l.n_sep_by_space as u8)),
                ("p_sign_posn", i64::from(l.p_sign_posn as u8)),
                ("n_sign_posn", i64::from(l.n_sign_posn as u8)),
            ],
            mon_grouping: s(l.mon_grouping),
            grouping: s(l.grouping),
        }
    };
    let d = vm.new_dict();
    let mark = vm.push_root(d);
    let r = (|| {
        // CPython's key order.
        let order = [
            "int_curr_symbol",
            "currency_symbol",
            "mon_decimal_point",
            "mon_thousands_sep",
            "mon_grouping",
            "positive_sign",
            "negative_sign",
            "int_frac_digits",
            "frac_digits",
            "p_cs_precedes",
            "p_sep_by_space",
            "n_cs_precedes",
            "n_sep_by_space",
            "p_sign_posn",
            "n_sign_posn",
            "decimal_point",
            "thousands_sep",
            "grouping",
        ];
        for name in order {
            let v = if name == "mon_grouping" {
                grouping_list(vm, &conv.mon_grouping)
            } else if name == "grouping" {
                grouping_list(vm, &conv.grouping)
            } else if let Some((_, b)) = conv.strings.iter().find(|(n, _)| *n == name) {
                decode(vm, b)?
            } else {
                let (_, c) = conv.chars.iter().find(|(n, _)| *n == name).expect("field");
                Value::int(*c)
            };
            let key = vm.new_str(name);
            vm.setitem(d, key, v)?;
        }
        Ok(d)
    })();
    vm.pop_roots(mark);
    r
}

/// `nl_langinfo(key, /)`.
fn nl_langinfo(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_locale.nl_langinfo", a, k, 1, 1)?;
    let key = crate::args::c_int(vm, a[0])?;
    if !LANGINFO.iter().any(|&(_, v)| v == key) {
        return Err(vm.value_error("unsupported langinfo constant"));
    }
    let b = {
        let _g = sync::lock(&LOCALE_LOCK);
        // SAFETY: `key` is one of the known items; the result (static
        // storage) is copied before the lock is released.
        let p = unsafe { libc::nl_langinfo(key as libc::nl_item) };
        if p.is_null() {
            Vec::new()
        } else {
            // SAFETY: a non-null result is a NUL-terminated string.
            unsafe { CStr::from_ptr(p) }.to_bytes().to_vec()
        }
    };
    decode(vm, &b)
}

/// `getencoding()`: the locale's encoding (`nl_langinfo(CODESET)`, or
/// "UTF-8" when that is empty), as CPython 3.11's
/// `_Py_GetLocaleEncoding`.
fn getencoding(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_locale.getencoding", a, k, 0, 0)?;
    Ok(vm.new_str(&locale_encoding()))
}

/// A str argument as a NUL-terminated wide string.
fn wide_arg(vm: &mut Vm, fname: &str, v: Value) -> PyResult<Vec<i32>> {
    if !is_str(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("{fname}() argument must be str, not {tn}")));
    }
    let s = str_of(v);
    let mut w: Vec<i32> = Vec::with_capacity(s.len() + 1);
    for c in s.chars() {
        if c == '\0' {
            return Err(vm.value_error("embedded null character"));
        }
        w.push(c as i32);
    }
    w.push(0);
    Ok(w)
}

/// `strcoll(os1, os2, /)`: compares two strings under `LC_COLLATE`.
fn strcoll(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "_locale.strcoll", "strcoll", a, k, 2, 2)?;
    let x = wide_arg(vm, "strcoll", a[0])?;
    let y = wide_arg(vm, "strcoll", a[1])?;
    let _g = sync::lock(&LOCALE_LOCK);
    // SAFETY: both are NUL-terminated wide strings.
    let r = unsafe { wcscoll(x.as_ptr(), y.as_ptr()) };
    Ok(Value::int(i64::from(r)))
}

/// `strxfrm(string, /)`: the string transformed for collation.
fn strxfrm(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_locale.strxfrm", a, k, 1, 1)?;
    let s = wide_arg(vm, "strxfrm", a[0])?;
    let out = {
        let _g = sync::lock(&LOCALE_LOCK);
        // SAFETY: `s` is NUL-terminated; a zero size writes nothing.
        let n = unsafe { wcsxfrm(std::ptr::null_mut(), s.as_ptr(), 0) };
        let mut buf = vec![0i32; n + 1];
        // SAFETY: `buf` holds `n + 1` wide characters.
        unsafe { wcsxfrm(buf.as_mut_ptr(), s.as_ptr(), n + 1) };
        buf.truncate(n);
        buf
    };
    let mut r = String::with_capacity(out.len());
    for w in out {
        match char::from_u32(w as u32) {
            Some(c) => r.push(c),
            None => return Err(vm.value_error("character out of range")),
        }
    }
    Ok(vm.new_str(&r))
}

/// Creates the `_locale` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    init_ctype();
    let m = super::_struct::new_module_with_state(vm, "_locale", 1);
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);

    // class Error(Exception), named locale.Error as in CPython.
    let ns = vm.new_dict();
    vm.push_root(ns);
    let key = vm.intern("__module__");
    let modname = vm.new_str("locale");
    vm.dict_set_str(ns, key, modname);
    let name = vm.new_str("Error");
    let bases = vm.new_tuple(&[vm.g.e.Exception]);
    let err = match vm.call(vm.g.types.type_, &[name, bases, ns], Value::EMPTY) {
        Ok(c) => c,
        Err(e) => {
            vm.pop_roots(mark);
            return Err(e);
        }
    };
    super::_struct::set_module_state(vm, m, 0, err);
    vm.set_module_attr(m, "Error", err);

    vm.add_module_functions(
        m,
        &[
            ("setlocale", setlocale as NativeFn),
            ("localeconv", localeconv),
            ("nl_langinfo", nl_langinfo),
            ("getencoding", getencoding),
            ("strcoll", strcoll),
            ("strxfrm", strxfrm),
        ],
    );
    for &(n, v) in CATEGORIES.iter().chain(LANGINFO) {
        vm.set_module_attr(m, n, Value::int(i64::from(v)));
    }
    vm.set_module_attr(m, "CHAR_MAX", Value::int(CHAR_MAX));
    vm.pop_roots(mark);
    Ok(m)
}
