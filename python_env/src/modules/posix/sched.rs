//! Scheduling: `sched_param`, `sched_getscheduler`/`sched_setscheduler`,
//! `sched_getparam`/`sched_setparam`, the priority range of a policy,
//! `sched_rr_get_interval` and the CPU affinity masks.

use super::{cvt, os_error, state, STATE_SCHED_PARAM};
use crate::types::{clinic, structseq};
use engine::runtime::*;
use proto_core::{Obj, Value};

fn pid_arg(vm: &mut Vm, v: Value) -> PyResult<libc::pid_t> {
    Ok(crate::args::py_long_as_int(vm, v)? as libc::pid_t)
}

/// `sched_param(sched_priority)`: one keyword-capable field.
fn sched_param_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let [p] = clinic::unpack(vm, "sched_param", &a[1..], k, ["sched_priority"], 0, 1, 1)?;
    Ok(structseq::new(vm, cls, &[p.unwrap_or(Value::NONE)]))
}

/// `__reduce__()`: `(type(self), ((sched_priority,), {}))`, the struct
/// sequence form CPython 3.11 gives.
fn sched_param_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "__reduce__", "__reduce__", a, k, 0, 0)?;
    let s = a[0];
    let p = Obj::from_value(s).map_or(Value::NONE, |o| o.get(0));
    let cls = vm.type_of(s);
    let items = vm.new_tuple(&[p]);
    let mark = vm.push_root(items);
    let d = vm.new_dict();
    vm.push_root(d);
    let args = vm.new_tuple(&[items, d]);
    vm.push_root(args);
    let r = vm.new_tuple(&[cls, args]);
    vm.pop_roots(mark);
    Ok(r)
}

/// The `posix.sched_param` struct sequence type.
pub(super) fn create_type(vm: &mut Vm) -> Value {
    let t = structseq::new_type(vm, "posix", "sched_param", &["sched_priority"]);
    vm.add_static(t, "__new__", sched_param_new, false);
    vm.add_method(t, "__reduce__", sched_param_reduce);
    t
}

/// The priority of a `sched_param` (CPython's `convert_sched_param`):
/// exactly that type, its field an int in the C int range.
fn param_arg(vm: &mut Vm, m: Value, v: Value) -> PyResult<libc::sched_param> {
    let cls = state(vm, m, STATE_SCHED_PARAM)?;
    if vm.type_of(v) != cls {
        return Err(vm.type_error("must have a sched_param object"));
    }
    let p = Obj::from_value(v).map_or(Value::NONE, |o| o.get(0));
    let p = crate::args::c_long(vm, p)?;
    let Ok(p) = i32::try_from(p) else {
        return Err(vm.new_exc(vm.g.e.OverflowError, "sched_priority out of range"));
    };
    Ok(libc::sched_param { sched_priority: p })
}

/// `sched_get_priority_max(policy)`.
fn sched_get_priority_max(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    prio_bound(vm, a, k, "sched_get_priority_max", true)
}

/// `sched_get_priority_min(policy)`.
fn sched_get_priority_min(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    prio_bound(vm, a, k, "sched_get_priority_min", false)
}

fn prio_bound(vm: &mut Vm, a: &[Value], k: Value, name: &str, max: bool) -> PyResult<Value> {
    let [p] = clinic::unpack(vm, name, &a[1..], k, ["policy"], 0, 1, 1)?;
    let policy = crate::args::py_long_as_int(vm, p.unwrap_or(Value::NONE))? as i32;
    // SAFETY: both calls take an int and touch no memory.
    let r = cvt(unsafe {
        if max {
            libc::sched_get_priority_max(policy)
        } else {
            libc::sched_get_priority_min(policy)
        }
    });
    match r {
        Ok(r) => Ok(Value::int(i64::from(r))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `sched_getscheduler(pid, /)`.
fn sched_getscheduler(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.sched_getscheduler",
        "sched_getscheduler",
        &a[1..],
        k,
        1,
        1,
    )?;
    let pid = pid_arg(vm, a[1])?;
    // SAFETY: sched_getscheduler takes an int and touches no memory.
    match cvt(unsafe { libc::sched_getscheduler(pid) }) {
        Ok(r) => Ok(Value::int(i64::from(r))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `sched_setscheduler(pid, policy, param, /)`.
fn sched_setscheduler(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.sched_setscheduler",
        "sched_setscheduler",
        &a[1..],
        k,
        3,
        3,
    )?;
    let pid = pid_arg(vm, a[1])?;
    let policy = crate::args::py_long_as_int(vm, a[2])? as i32;
    let param = param_arg(vm, a[0], a[3])?;
    // SAFETY: `param` is a live sched_param the call only reads.
    match cvt(unsafe { libc::sched_setscheduler(pid, policy, &param) }) {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `sched_getparam(pid, /)`: a `sched_param`.
fn sched_getparam(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.sched_getparam",
        "sched_getparam",
        &a[1..],
        k,
        1,
        1,
    )?;
    let pid = pid_arg(vm, a[1])?;
    let mut p = libc::sched_param { sched_priority: 0 };
    // SAFETY: `p` is a writable sched_param for the call.
    if let Err(e) = cvt(unsafe { libc::sched_getparam(pid, &mut p) }) {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    let cls = state(vm, a[0], STATE_SCHED_PARAM)?;
    Ok(structseq::new(
        vm,
        cls,
        &[Value::int(i64::from(p.sched_priority))],
    ))
}

/// `sched_setparam(pid, param, /)`.
fn sched_setparam(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.sched_setparam",
        "sched_setparam",
        &a[1..],
        k,
        2,
        2,
    )?;
    let pid = pid_arg(vm, a[1])?;
    let param = param_arg(vm, a[0], a[2])?;
    // SAFETY: `param` is a live sched_param the call only reads.
    match cvt(unsafe { libc::sched_setparam(pid, &param) }) {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

/// `sched_rr_get_interval(pid, /)`: the round-robin quantum in seconds.
fn sched_rr_get_interval(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.sched_rr_get_interval",
        "sched_rr_get_interval",
        &a[1..],
        k,
        1,
        1,
    )?;
    let pid = pid_arg(vm, a[1])?;
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a writable timespec for the call.
    if let Err(e) = cvt(unsafe { libc::sched_rr_get_interval(pid, &mut ts) }) {
        return Err(os_error(vm, e, Value::EMPTY));
    }
    Ok(vm.new_float(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9))
}

/// Bits in one word of a CPU mask.
const WORD_BITS: usize = u64::BITS as usize;

/// `sched_getaffinity(pid, /)`: the set of CPUs the process may run on.
fn sched_getaffinity(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.sched_getaffinity",
        "sched_getaffinity",
        &a[1..],
        k,
        1,
        1,
    )?;
    let pid = pid_arg(vm, a[1])?;
    // The kernel refuses (EINVAL) a mask smaller than its own CPU count:
    // grow until it fits, as CPython does.
    let mut words = 16usize;
    let mask = loop {
        let mut mask = vec![0u64; words];
        let size = words * std::mem::size_of::<u64>();
        // SAFETY: `mask` is writable for `size` bytes; the kernel writes at
        // most that many.
        let r = cvt(unsafe { libc::sched_getaffinity(pid, size, mask.as_mut_ptr().cast()) });
        match r {
            Ok(_) => break mask,
            Err(libc::EINVAL) if words < (1 << 20) => words *= 2,
            Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
        }
    };
    let s = vm.new_set(false);
    let mark = vm.push_root(s);
    for (w, &bits) in mask.iter().enumerate() {
        for b in 0..WORD_BITS {
            if bits & (1u64 << b) != 0 {
                let cpu = Value::int((w * WORD_BITS + b) as i64);
                if let Err(e) = vm.set_add(s, cpu) {
                    vm.pop_roots(mark);
                    return Err(e);
                }
            }
        }
    }
    vm.pop_roots(mark);
    Ok(s)
}

/// `sched_setaffinity(pid, mask, /)`: `mask` an iterable of CPU numbers.
fn sched_setaffinity(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(
        vm,
        "posix.sched_setaffinity",
        "sched_setaffinity",
        &a[1..],
        k,
        2,
        2,
    )?;
    let pid = pid_arg(vm, a[1])?;
    let it = vm.iter(a[2])?;
    let mark = vm.push_root(it);
    let r = (|| {
        let mut mask = vec![0u64; 16];
        while let Some(item) = vm.next(it)? {
            if !vm.is_int_like(item) {
                let tn = vm.type_name_of(item);
                return Err(vm.type_error(&format!(
                    "expected an iterator of ints, but iterator yielded <class '{tn}'>"
                )));
            }
            let cpu = crate::args::c_long(vm, item)?;
            if cpu < 0 {
                return Err(vm.value_error("negative CPU number"));
            }
            if cpu > i64::from(i32::MAX - 1) {
                return Err(vm.new_exc(vm.g.e.OverflowError, "CPU number too large"));
            }
            let (w, b) = (cpu as usize / WORD_BITS, cpu as usize % WORD_BITS);
            if w >= mask.len() {
                mask.resize((w + 1).next_power_of_two(), 0);
            }
            mask[w] |= 1u64 << b;
        }
        Ok(mask)
    })();
    vm.pop_roots(mark);
    let mask = r?;
    let size = mask.len() * std::mem::size_of::<u64>();
    // SAFETY: `mask` is readable for `size` bytes, which the call only reads.
    match cvt(unsafe { libc::sched_setaffinity(pid, size, mask.as_ptr().cast()) }) {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("sched_get_priority_max", sched_get_priority_max),
    ("sched_get_priority_min", sched_get_priority_min),
    ("sched_getscheduler", sched_getscheduler),
    ("sched_setscheduler", sched_setscheduler),
    ("sched_getparam", sched_getparam),
    ("sched_setparam", sched_setparam),
    ("sched_rr_get_interval", sched_rr_get_interval),
    ("sched_getaffinity", sched_getaffinity),
    ("sched_setaffinity", sched_setaffinity),
];
