//! The `resource` module: resource limits (`getrlimit`, `setrlimit`,
//! `prlimit`), usage (`getrusage` as `resource.struct_rusage`),
//! `getpagesize`, and the `RLIMIT_*`/`RUSAGE_*` constants, as CPython has
//! in C on Linux.

use super::pwd::{add_bound_functions, state};
use crate::types::{clinic, structseq};
use engine::runtime::*;
use proto_core::{Obj, Value};

/// Resources the kernel knows (Linux's `RLIM_NLIMITS` since 2.6.25, the
/// value CPython is compiled with; libc deprecates its constant as it
/// grows with kernel versions).
const RLIM_NLIMITS: i32 = 16;

/// Module state slot: the `struct_rusage` class.
const STATE_RUSAGE: usize = 0;

const RUSAGE_FIELDS: [&str; 16] = [
    "ru_utime",
    "ru_stime",
    "ru_maxrss",
    "ru_ixrss",
    "ru_idrss",
    "ru_isrss",
    "ru_minflt",
    "ru_majflt",
    "ru_nswap",
    "ru_inblock",
    "ru_oublock",
    "ru_msgsnd",
    "ru_msgrcv",
    "ru_nsignals",
    "ru_nvcsw",
    "ru_nivcsw",
];

/// `RLIMIT_*` constants (Linux), in CPython's order.
fn rlimit_constants() -> Vec<(&'static str, i64)> {
    vec![
        ("RLIMIT_CPU", libc::RLIMIT_CPU as i64),
        ("RLIMIT_FSIZE", libc::RLIMIT_FSIZE as i64),
        ("RLIMIT_DATA", libc::RLIMIT_DATA as i64),
        ("RLIMIT_STACK", libc::RLIMIT_STACK as i64),
        ("RLIMIT_CORE", libc::RLIMIT_CORE as i64),
        ("RLIMIT_NOFILE", libc::RLIMIT_NOFILE as i64),
        ("RLIMIT_OFILE", libc::RLIMIT_NOFILE as i64),
        ("RLIMIT_AS", libc::RLIMIT_AS as i64),
        ("RLIMIT_RSS", libc::RLIMIT_RSS as i64),
        ("RLIMIT_NPROC", libc::RLIMIT_NPROC as i64),
        ("RLIMIT_MEMLOCK", libc::RLIMIT_MEMLOCK as i64),
        ("RLIMIT_SIGPENDING", libc::RLIMIT_SIGPENDING as i64),
        ("RLIMIT_MSGQUEUE", libc::RLIMIT_MSGQUEUE as i64),
        ("RLIMIT_NICE", libc::RLIMIT_NICE as i64),
        ("RLIMIT_RTPRIO", libc::RLIMIT_RTPRIO as i64),
        ("RLIMIT_RTTIME", libc::RLIMIT_RTTIME as i64),
        ("RUSAGE_SELF", i64::from(libc::RUSAGE_SELF)),
        ("RUSAGE_CHILDREN", i64::from(libc::RUSAGE_CHILDREN)),
        ("RUSAGE_THREAD", i64::from(libc::RUSAGE_THREAD)),
    ]
}

/// `rlim_t` as Python sees it: RLIM_INFINITY is -1.
fn rlim_to_py(vm: &mut Vm, r: libc::rlim_t) -> Value {
    if r == libc::RLIM_INFINITY {
        Value::int(-1)
    } else {
        vm.new_int(r as i64)
    }
}

/// A limit from Python (`PyLong_AsLongLong`, then cast as CPython does:
/// -1 is RLIM_INFINITY).
fn rlim_from_py(vm: &mut Vm, v: Value) -> PyResult<libc::rlim_t> {
    let i = vm.index(v)?;
    match vm.as_i64(i) {
        Some(n) => Ok(n as libc::rlim_t),
        None => Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C long",
        )),
    }
}

/// The resource number argument, checked as CPython checks it.
fn resource_arg(vm: &mut Vm, v: Value) -> PyResult<libc::c_int> {
    let r = crate::args::c_int(vm, v)?;
    if !(0..RLIM_NLIMITS).contains(&r) {
        return Err(vm.value_error("invalid resource specified"));
    }
    Ok(r)
}

fn limits_tuple(vm: &mut Vm, rl: &libc::rlimit) -> Value {
    let a = rlim_to_py(vm, rl.rlim_cur);
    let b = rlim_to_py(vm, rl.rlim_max);
    vm.new_tuple(&[a, b])
}

/// The `(soft, hard)` pair of `limits`.
fn limits_arg(vm: &mut Vm, limits: Value) -> PyResult<libc::rlimit> {
    let items = vm.collect(limits)?;
    if items.len() != 2 {
        return Err(vm.value_error("expected a tuple of 2 integers"));
    }
    let mark = vm.push_root(Value::NONE);
    for &v in &items {
        vm.push_root(v);
    }
    let r = (|| {
        Ok(libc::rlimit {
            rlim_cur: rlim_from_py(vm, items[0])?,
            rlim_max: rlim_from_py(vm, items[1])?,
        })
    })();
    vm.pop_roots(mark);
    r
}

/// The error of a failed `setrlimit`/`prlimit` with new limits.
fn set_error(vm: &mut Vm, e: i32) -> PyException {
    match e {
        libc::EINVAL => vm.value_error("current limit exceeds maximum limit"),
        libc::EPERM => vm.value_error("not allowed to raise maximum limit"),
        _ => super::_io::os_error(vm, e, None),
    }
}

fn errno() -> i32 {
    super::_io::last_errno()
}

/// `getrlimit(resource, /)`.
fn getrlimit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "resource.getrlimit", &a[1..], k, 1, 1)?;
    let r = resource_arg(vm, a[1])?;
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `rl` is a writable `struct rlimit`; `r` is in range.
    if unsafe { libc::getrlimit(r as _, &mut rl) } == -1 {
        return Err(super::_io::os_error(vm, errno(), None));
    }
    Ok(limits_tuple(vm, &rl))
}

/// `setrlimit(resource, limits, /)`.
fn setrlimit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "resource.setrlimit", "setrlimit", &a[1..], k, 2, 2)?;
    let r = resource_arg(vm, a[1])?;
    let rl = limits_arg(vm, a[2])?;
    vm.audit("resource.setrlimit", &[Value::int(i64::from(r)), a[2]])?;
    // SAFETY: `rl` is a valid `struct rlimit`; `r` is in range.
    if unsafe { libc::setrlimit(r as _, &rl) } == -1 {
        return Err(set_error(vm, errno()));
    }
    Ok(Value::NONE)
}

/// `prlimit(pid, resource, [limits], /)`: the old limits of process `pid`,
/// setting new ones if given.
fn prlimit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    if Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(vm.type_error("prlimit() takes no keyword arguments"));
    }
    if !(3..=4).contains(&a.len()) {
        return Err(vm.type_error("resource.prlimit requires 2 to 3 arguments"));
    }
    let pid = crate::args::c_int(vm, a[1])?;
    let r = resource_arg(vm, a[2])?;
    let new = match a.get(3) {
        Some(&l) if !l.is_none() => Some(limits_arg(vm, l)?),
        _ => None,
    };
    let limits = a.get(3).copied().unwrap_or(Value::NONE);
    vm.audit(
        "resource.prlimit",
        &[Value::int(i64::from(pid)), Value::int(i64::from(r)), limits],
    )?;
    let mut old = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    let newp = new
        .as_ref()
        .map_or(std::ptr::null(), |n| n as *const libc::rlimit);
    // SAFETY: `newp` is null or a valid `struct rlimit`; `old` is writable.
    if unsafe { libc::prlimit(pid, r as _, newp, &mut old) } == -1 {
        let e = errno();
        if new.is_some() {
            return Err(set_error(vm, e));
        }
        return Err(super::_io::os_error(vm, e, None));
    }
    Ok(limits_tuple(vm, &old))
}

/// `getrusage(who, /)`.
fn getrusage(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "resource.getrusage", &a[1..], k, 1, 1)?;
    let who = crate::args::c_int(vm, a[1])?;
    // SAFETY: `struct rusage` is plain data, valid all-zero.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is a writable `struct rusage`.
    if unsafe { libc::getrusage(who, &mut ru) } == -1 {
        let e = errno();
        if e == libc::EINVAL {
            return Err(vm.value_error("invalid who parameter"));
        }
        return Err(super::_io::os_error(vm, e, None));
    }
    let cls = state(vm, a[0], STATE_RUSAGE)?;
    Ok(rusage_value(vm, cls, &ru))
}

/// A `struct_rusage` (`cls`) of `ru` (also `os.wait3`/`os.wait4`'s).
pub(crate) fn rusage_value(vm: &mut Vm, cls: Value, ru: &libc::rusage) -> Value {
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    let ints = [
        ru.ru_maxrss,
        ru.ru_ixrss,
        ru.ru_idrss,
        ru.ru_isrss,
        ru.ru_minflt,
        ru.ru_majflt,
        ru.ru_nswap,
        ru.ru_inblock,
        ru.ru_oublock,
        ru.ru_msgsnd,
        ru.ru_msgrcv,
        ru.ru_nsignals,
        ru.ru_nvcsw,
        ru.ru_nivcsw,
    ];
    let mark = vm.push_root(Value::NONE);
    let mut items = Vec::with_capacity(16);
    for t in [ru.ru_utime, ru.ru_stime] {
        let f = vm.new_float(secs(t));
        vm.push_root(f);
        items.push(f);
    }
    for n in ints {
        let v = vm.new_int(n);
        vm.push_root(v);
        items.push(v);
    }
    let r = structseq::new(vm, cls, &items);
    vm.pop_roots(mark);
    r
}

/// `getpagesize()`.
fn getpagesize(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "resource.getpagesize", &a[1..], k, 0, 0)?;
    // SAFETY: sysconf has no memory effects.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Ok(vm.new_int(n as i64))
}

/// Creates the `resource` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = super::_struct::new_module_with_state(vm, "resource", 1);
    let mark = vm.push_root(m);
    let t = structseq::new_type(vm, "resource", "struct_rusage", &RUSAGE_FIELDS);
    structseq::set_constructible(vm, t);
    super::_struct::set_module_state(vm, m, STATE_RUSAGE, t);
    vm.set_module_attr(m, "struct_rusage", t);
    vm.set_module_attr(m, "error", vm.g.e.OSError);
    add_bound_functions(
        vm,
        m,
        &[
            ("getrusage", getrusage as NativeFn),
            ("getrlimit", getrlimit),
            ("setrlimit", setrlimit),
            ("prlimit", prlimit),
            ("getpagesize", getpagesize),
        ],
    );
    for (name, v) in rlimit_constants() {
        vm.set_module_attr(m, name, Value::int(v));
    }
    let inf = rlim_to_py(vm, libc::RLIM_INFINITY);
    vm.set_module_attr(m, "RLIM_INFINITY", inf);
    vm.pop_roots(mark);
    Ok(m)
}
