//! The clocks of the `time` module, read with `clock_gettime(2)`.
//!
//! As in CPython 3.11 on Linux: `time` is CLOCK_REALTIME, `monotonic` and
//! `perf_counter` are CLOCK_MONOTONIC, `process_time` is
//! CLOCK_PROCESS_CPUTIME_ID and `thread_time` CLOCK_THREAD_CPUTIME_ID. The
//! float forms convert nanoseconds as `_PyTime_AsSecondsDouble` does; the
//! `clock_*` functions take any clock id and report the C library's errno
//! as OSError.

use super::{
    c_int, check, check_parse_tuple, last_errno, nanoseconds_arg, os_error, seconds_to_ns, Round,
};
use engine::runtime::*;
use proto_core::Value;

/// `clock_gettime(clk)`, or the errno of its failure.
fn gettime(clk: libc::clockid_t) -> Result<libc::timespec, i32> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; clock_gettime writes only
    // into it and reports a bad clock id as an error return.
    if unsafe { libc::clock_gettime(clk, &mut ts) } == 0 {
        Ok(ts)
    } else {
        Err(last_errno())
    }
}

/// `clock_getres(clk)`, or the errno of its failure.
fn getres(clk: libc::clockid_t) -> Result<libc::timespec, i32> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: as in `gettime`.
    if unsafe { libc::clock_getres(clk, &mut ts) } == 0 {
        Ok(ts)
    } else {
        Err(last_errno())
    }
}

/// A timespec as float seconds, as `clock_gettime()`/`clock_getres()`
/// compute it (`tv_sec + tv_nsec * 1e-9`).
fn ts_seconds(ts: &libc::timespec) -> f64 {
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// `_PyTime_FromTimespec`: nanoseconds, OverflowError past 64 bits.
fn ts_nanos(vm: &mut Vm, ts: &libc::timespec) -> PyResult<i64> {
    ts.tv_sec
        .checked_mul(1_000_000_000)
        .and_then(|ns| ns.checked_add(ts.tv_nsec))
        .ok_or_else(|| super::pytime_overflow(vm))
}

/// `_PyTime_AsSecondsDouble`: exact for whole seconds, else ns / 1e9.
fn ns_seconds(ns: i64) -> f64 {
    if ns % 1_000_000_000 == 0 {
        (ns / 1_000_000_000) as f64
    } else {
        ns as f64 / 1e9
    }
}

/// Reads one of the clocks behind the argument-less functions.
fn read_ns(vm: &mut Vm, clk: libc::clockid_t) -> PyResult<i64> {
    match gettime(clk) {
        Ok(ts) => ts_nanos(vm, &ts),
        Err(e) => Err(os_error(vm, e)),
    }
}

macro_rules! clock_fns {
    ($($float:ident, $ns:ident, $clk:expr;)*) => {$(
        pub(super) fn $float(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            check(vm, concat!("time.", stringify!($float)), &a[1..], k, 0, 0)?;
            let ns = read_ns(vm, $clk)?;
            Ok(vm.new_float(ns_seconds(ns)))
        }

        pub(super) fn $ns(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
            check(vm, concat!("time.", stringify!($ns)), &a[1..], k, 0, 0)?;
            let ns = read_ns(vm, $clk)?;
            Ok(vm.new_int(ns))
        }
    )*};
}

clock_fns! {
    time, time_ns, libc::CLOCK_REALTIME;
    monotonic, monotonic_ns, libc::CLOCK_MONOTONIC;
    perf_counter, perf_counter_ns, libc::CLOCK_MONOTONIC;
    process_time, process_time_ns, libc::CLOCK_PROCESS_CPUTIME_ID;
    thread_time, thread_time_ns, libc::CLOCK_THREAD_CPUTIME_ID;
}

/// `clock_gettime(clk_id)` -> float.
pub(super) fn clock_gettime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    check_parse_tuple(vm, "clock_gettime", "clock_gettime", a, k, 1, 1)?;
    let clk = c_int(vm, a[0])?;
    match gettime(clk) {
        Ok(ts) => Ok(vm.new_float(ts_seconds(&ts))),
        Err(e) => Err(os_error(vm, e)),
    }
}

/// `clock_gettime_ns(clk_id)` -> int.
pub(super) fn clock_gettime_ns(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    check_parse_tuple(vm, "clock_gettime_ns", "clock_gettime", a, k, 1, 1)?;
    let clk = c_int(vm, a[0])?;
    let ns = read_ns(vm, clk)?;
    Ok(vm.new_int(ns))
}

/// `clock_getres(clk_id)` -> float.
pub(super) fn clock_getres(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    check_parse_tuple(vm, "clock_getres", "clock_getres", a, k, 1, 1)?;
    let clk = c_int(vm, a[0])?;
    match getres(clk) {
        Ok(ts) => Ok(vm.new_float(ts_seconds(&ts))),
        Err(e) => Err(os_error(vm, e)),
    }
}

/// Sets clock `clk` to `ns` nanoseconds (floored to a timespec).
fn settime(vm: &mut Vm, clk: libc::clockid_t, ns: i64) -> PyResult<Value> {
    let ts = libc::timespec {
        tv_sec: ns.div_euclid(1_000_000_000),
        tv_nsec: ns.rem_euclid(1_000_000_000),
    };
    // SAFETY: `ts` is a valid timespec read by clock_settime, which reports
    // a bad clock id, a bad value or a missing privilege as an error return.
    if unsafe { libc::clock_settime(clk, &ts) } == 0 {
        Ok(Value::NONE)
    } else {
        let e = last_errno();
        Err(os_error(vm, e))
    }
}

/// `clock_settime(clk_id, time)`: `time` in seconds (int or float).
pub(super) fn clock_settime(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    check_parse_tuple(vm, "clock_settime", "clock_settime", a, k, 2, 2)?;
    let clk = c_int(vm, a[0])?;
    let ns = seconds_to_ns(vm, a[1], Round::Floor)?;
    settime(vm, clk, ns)
}

/// `clock_settime_ns(clk_id, time)`: `time` an int of nanoseconds.
pub(super) fn clock_settime_ns(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    check_parse_tuple(vm, "clock_settime_ns", "clock_settime", a, k, 2, 2)?;
    let clk = c_int(vm, a[0])?;
    let ns = nanoseconds_arg(vm, a[1])?;
    settime(vm, clk, ns)
}

/// `pthread_getcpuclockid(thread_id)`: the CPU-time clock of a live thread
/// named by its `threading.get_ident()` value (any other id: ESRCH, which
/// CPython reports for ids that are not threads, where it does not crash).
pub(super) fn pthread_getcpuclockid(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    check_parse_tuple(
        vm,
        "pthread_getcpuclockid",
        "pthread_getcpuclockid",
        a,
        k,
        1,
        1,
    )?;
    // The `k` format: any int, reduced modulo 2**64.
    let ident = match vm.num(a[0]) {
        Some(ops::Num::I(i)) => i as u64,
        Some(ops::Num::B(b)) => {
            let (_, digits) = (b & &num_bigint::BigInt::from(u64::MAX)).to_u64_digits();
            digits.first().copied().unwrap_or(0)
        }
        _ => {
            let tn = vm.arg_type_name(a[0]);
            return Err(vm.type_error(&format!(
                "pthread_getcpuclockid() argument 1 must be int, not {tn}"
            )));
        }
    };
    match crate::modules::_thread::cpu_clock_of(ident) {
        Some(clk) => Ok(Value::int(i64::from(clk))),
        None => Err(os_error(vm, libc::ESRCH)),
    }
}

/// `get_clock_info(name)`: a SimpleNamespace with `implementation`,
/// `monotonic`, `adjustable` and `resolution`.
pub(super) fn get_clock_info(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    check_parse_tuple(vm, "get_clock_info", "get_clock_info", a, k, 1, 1)?;
    let name = a[0];
    if !is_str(name) {
        let tn = vm.arg_type_name(name);
        return Err(vm.type_error(&format!(
            "get_clock_info() argument 1 must be str, not {tn}"
        )));
    }
    // The `s` format: UTF-8 encodable, no NUL.
    if std::str::from_utf8(str_bytes(name)).is_err() {
        crate::types::bytes::encode(vm, name, "utf-8", "strict")?;
    }
    if str_bytes(name).contains(&0) {
        return Err(vm.value_error("embedded null character"));
    }
    let (implementation, clk, monotonic, adjustable) = match &*str_of(name) {
        "time" => (
            "clock_gettime(CLOCK_REALTIME)",
            libc::CLOCK_REALTIME,
            false,
            true,
        ),
        "monotonic" | "perf_counter" => (
            "clock_gettime(CLOCK_MONOTONIC)",
            libc::CLOCK_MONOTONIC,
            true,
            false,
        ),
        "process_time" => (
            "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)",
            libc::CLOCK_PROCESS_CPUTIME_ID,
            true,
            false,
        ),
        "thread_time" => (
            "clock_gettime(CLOCK_THREAD_CPUTIME_ID)",
            libc::CLOCK_THREAD_CPUTIME_ID,
            true,
            false,
        ),
        _ => return Err(vm.value_error("unknown clock")),
    };
    if let Err(e) = gettime(clk) {
        return Err(os_error(vm, e));
    }
    let resolution = match getres(clk) {
        Ok(ts) => ts_seconds(&ts),
        Err(e) => return Err(os_error(vm, e)),
    };
    let ns = vm.g.types.namespace;
    let o = vm.alloc_obj(K_INSTANCE, ns, 1, 0);
    let d = vm.new_dict();
    o.init(0, d);
    let imp = vm.new_str(implementation);
    let res = vm.new_float(resolution);
    for (key, v) in [
        ("implementation", imp),
        ("monotonic", Value::bool(monotonic)),
        ("adjustable", Value::bool(adjustable)),
        ("resolution", res),
    ] {
        let kk = vm.intern(key);
        vm.dict_set_str(d, kk, v);
    }
    Ok(o.value())
}
