//! The `time` module (CPython 3.11's `Modules/timemodule.c` on Linux).
//!
//! - `clock`: the clocks (`time`, `monotonic`, `perf_counter`,
//!   `process_time`, `thread_time` and their `_ns` forms, `clock_gettime`,
//!   `clock_settime`, `clock_getres`, `pthread_getcpuclockid`,
//!   `get_clock_info`) over `clock_gettime(2)`.
//! - `structtime`: the `time.struct_time` type (a structseq).
//! - `calendar`: seconds <-> broken-down time (`gmtime`, `localtime`,
//!   `mktime`), the time-tuple argument checks, `tzset` and the
//!   `timezone`/`altzone`/`daylight`/`tzname` values.
//! - `format`: `asctime`, `ctime`, `strftime` (the C library's `wcsftime`).
//!
//! Every function is a builtin bound to the module object (its `__self__`,
//! as in CPython). The module object carries one value slot more than an
//! ordinary module, [`STATE_STRUCT_TIME`]: the `struct_time` type, which is
//! CPython's module state (a program that rebinds `time.struct_time` does
//! not change what `gmtime` returns).
//!
//! `strptime` is not provided: CPython implements it in Python (`_strptime`)
//! on top of `re`, `datetime`, `locale` and `calendar`, which ProtoPy lacks.

pub(crate) mod calendar;
mod clock;
mod format;
mod structtime;

use crate::args::check;
pub(super) use crate::args::{c_int, c_long, check_parse_tuple};
use engine::runtime::*;
use proto_core::{Obj, Value};

/// Value slot of the time module object holding the `struct_time` type
/// (slots 0 and 1 are every module's dict and name).
const STATE_STRUCT_TIME: usize = 2;

const MODULE_DOC: &str = "This module provides various functions to manipulate time values.

There are two standard representations of time.  One is the number
of seconds since the Epoch, in UTC (a.k.a. GMT).  It may be an integer
or a floating point number (to represent fractions of seconds).
The Epoch is system-defined; on Unix, it is generally January 1st, 1970.
The actual value can be retrieved by calling gmtime(0).

The other representation is a tuple of 9 integers giving local time.
The tuple items are:
  year (including century, e.g. 1998)
  month (1-12)
  day (1-31)
  hours (0-23)
  minutes (0-59)
  seconds (0-59)
  weekday (0-6, Monday is 0)
  Julian day (day in the year, 1-366)
  DST (Daylight Savings Time) flag (-1, 0 or 1)
If the DST flag is 0, the time is given in the regular time zone;
if it is 1, the time is given in the DST time zone;
if it is -1, mktime() should guess based on the date and time.
";

// ------------------------------------------------------------------ helpers

/// The `struct_time` type kept in the module object `m` (the bound first
/// argument of every function of this module).
fn struct_time_type(vm: &mut Vm, m: Value) -> PyResult<Value> {
    match Obj::from_value(m) {
        Some(o) if o.kind() == K_MODULE && o.n_values() > STATE_STRUCT_TIME => {
            Ok(o.get(STATE_STRUCT_TIME))
        }
        _ => Err(vm.new_exc(vm.g.e.SystemError, "time module state is missing")),
    }
}

/// The calling thread's `errno`.
fn last_errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EINVAL)
}

/// Clears `errno` before a C library call whose failure may leave it unset.
fn clear_errno() {
    // SAFETY: __errno_location returns the calling thread's errno slot,
    // valid for the life of the thread; writing an int there is allowed.
    unsafe { *libc::__errno_location() = 0 };
}

/// `OSError(errno, strerror(errno))` (`PyErr_SetFromErrno`): the OSError
/// constructor picks the subclass (PermissionError, ProcessLookupError...).
fn os_error(vm: &mut Vm, errno: i32) -> PyException {
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: the buffer is writable for its whole length, which is passed;
    // the XSI strerror_r NUL-terminates what it writes (and fails, leaving
    // the zeroed buffer, only for an unknown errno or a short buffer).
    let r = unsafe { libc::strerror_r(errno, buf.as_mut_ptr(), buf.len()) };
    let text = if r == 0 {
        // SAFETY: the buffer is NUL-terminated (zeroed, and strerror_r
        // terminates its output) and lives until the end of this block.
        unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
            .to_string_lossy()
            .into_owned()
    } else {
        format!("Unknown error {errno}")
    };
    let msg = vm.new_str(&text);
    let cls = vm.g.e.OSError;
    match vm.call(cls, &[Value::int(i64::from(errno)), msg], Value::EMPTY) {
        Ok(e) => PyException(e),
        Err(e) => e,
    }
}

/// How a float number of seconds is rounded to nanoseconds
/// (CPython's `_PyTime_round_t`).
#[derive(Clone, Copy)]
pub(crate) enum Round {
    /// Towards minus infinity.
    Floor,
    /// Away from zero (`_PyTime_ROUND_TIMEOUT`, used by `sleep`).
    Up,
}

/// 2**63 as a float.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// A whole float as a 64-bit `time_t`/`_PyTime_t`, or None out of range,
/// exactly as the reference CPython (3.11.2) converts: its range check
/// compares with `(double)INT64_MAX`, which rounds up to 2**63, so 2**63
/// itself passes, and the C cast of 2**63 gives INT64_MIN on x86-64 (later
/// 3.11 releases refuse 2**63).
fn float_to_i64(d: f64) -> Option<i64> {
    if !(-TWO_POW_63..=TWO_POW_63).contains(&d) {
        return None;
    }
    Some(if d == TWO_POW_63 { i64::MIN } else { d as i64 })
}

fn time_t_overflow(vm: &mut Vm) -> PyException {
    vm.new_exc(
        vm.g.e.OverflowError,
        "timestamp out of range for platform time_t",
    )
}

fn pytime_overflow(vm: &mut Vm) -> PyException {
    vm.new_exc(
        vm.g.e.OverflowError,
        "timestamp too large to convert to C _PyTime_t",
    )
}

fn nan_error(vm: &mut Vm) -> PyException {
    vm.value_error("Invalid value NaN (not a number)")
}

/// `_PyTime_FromSecondsObject`: seconds (an int, a float or an object with
/// `__index__`) as nanoseconds.
pub(crate) fn seconds_to_ns(vm: &mut Vm, v: Value, round: Round) -> PyResult<i64> {
    if let Some(ops::Num::F(d)) = vm.num(v) {
        if d.is_nan() {
            return Err(nan_error(vm));
        }
        let ns = d * 1e9;
        let ns = match round {
            Round::Floor => ns.floor(),
            Round::Up if ns >= 0.0 => ns.ceil(),
            Round::Up => ns.floor(),
        };
        return float_to_i64(ns).ok_or_else(|| pytime_overflow(vm));
    }
    let i = vm.index(v)?;
    match vm.as_i64(i).and_then(|s| s.checked_mul(1_000_000_000)) {
        Some(ns) => Ok(ns),
        None => Err(pytime_overflow(vm)),
    }
}

/// `_PyTime_FromNanosecondsObject`: an int number of nanoseconds.
fn nanoseconds_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if !vm.is_int_like(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("expect int, got {tn}")));
    }
    match vm.as_i64(v) {
        Some(ns) => Ok(ns),
        None => Err(pytime_overflow(vm)),
    }
}

// ------------------------------------------------------------------ sleep

fn sleep(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    check(vm, "time.sleep", a, k, 1, 1)?;
    let ns = seconds_to_ns(vm, a[0], Round::Up)?;
    if ns < 0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    let total = std::time::Duration::from_nanos(ns as u64);
    if !engine::runtime::signals::is_main_thread() {
        vm.ctx.blocking(|| std::thread::sleep(total));
        return Ok(Value::NONE);
    }
    // The main thread sleeps in slices so that a signal (Ctrl-C) delivered to
    // any thread runs its handler promptly; a handler that returns lets the
    // sleep go on, one that raises ends it (PEP 475).
    const SLICE: std::time::Duration = std::time::Duration::from_millis(20);
    let deadline = std::time::Instant::now() + total;
    loop {
        let now = std::time::Instant::now();
        if now >= deadline {
            break;
        }
        let step = (deadline - now).min(SLICE);
        vm.ctx.blocking(|| std::thread::sleep(step));
        vm.check_signals()?;
    }
    Ok(Value::NONE)
}

// ------------------------------------------------------------------ module

/// A module object with the extra state slot (see the module doc).
fn new_time_module(vm: &mut Vm) -> Value {
    let d = vm.new_dict();
    let m = vm.alloc_obj(K_MODULE, vm.g.types.module, STATE_STRUCT_TIME + 1, 0);
    m.init(0, d);
    let n = vm.new_str("time");
    m.init(1, n);
    m.init(STATE_STRUCT_TIME, Value::NONE);
    let m = m.value();
    vm.set_module_attr(m, "__name__", n);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    for k in ["__package__", "__spec__", "__loader__"] {
        vm.set_module_attr(m, k, Value::NONE);
    }
    m
}

/// Creates the time module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = new_time_module(vm);
    let mark = vm.push_root(m);
    let st = structtime::create_type(vm);
    let mo = Obj::from_value(m).expect("module");
    vm.store(mo, STATE_STRUCT_TIME, st);
    vm.set_module_attr(m, "struct_time", st);

    let fns: &[(&'static str, NativeFn)] = &[
        ("time", clock::time),
        ("time_ns", clock::time_ns),
        ("monotonic", clock::monotonic),
        ("monotonic_ns", clock::monotonic_ns),
        ("perf_counter", clock::perf_counter),
        ("perf_counter_ns", clock::perf_counter_ns),
        ("process_time", clock::process_time),
        ("process_time_ns", clock::process_time_ns),
        ("thread_time", clock::thread_time),
        ("thread_time_ns", clock::thread_time_ns),
        ("clock_gettime", clock::clock_gettime),
        ("clock_gettime_ns", clock::clock_gettime_ns),
        ("clock_settime", clock::clock_settime),
        ("clock_settime_ns", clock::clock_settime_ns),
        ("clock_getres", clock::clock_getres),
        ("pthread_getcpuclockid", clock::pthread_getcpuclockid),
        ("get_clock_info", clock::get_clock_info),
        ("sleep", sleep),
        ("gmtime", calendar::gmtime),
        ("localtime", calendar::localtime),
        ("mktime", calendar::mktime),
        ("tzset", calendar::tzset_fn),
        ("asctime", format::asctime),
        ("ctime", format::ctime),
        ("strftime", format::strftime),
        ("strptime", format::strptime),
    ];
    for &(name, f) in fns {
        let b = vm.new_builtin_bound(name, f, m);
        vm.ctx.promote(b);
        vm.set_module_attr(m, name, b);
    }
    for (name, id) in [
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
    ] {
        vm.set_module_attr(m, name, Value::int(i64::from(id)));
    }
    vm.set_module_attr(m, "_STRUCT_TM_ITEMS", Value::int(11));
    let r = calendar::init_timezone(vm, m);
    vm.pop_roots(mark);
    r.map(|()| m)
}
