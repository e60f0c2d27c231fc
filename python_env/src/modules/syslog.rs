//! The `syslog` module: the C library's system logger (`openlog`,
//! `syslog`, `closelog`, `setlogmask`, `LOG_MASK`, `LOG_UPTO` and the
//! `LOG_*` constants), with CPython's audit events.
//!
//! `openlog(3)` keeps the identity pointer it is given, so the current
//! identity lives in a process-wide slot until the next `openlog` or
//! `closelog` replaces it; the slot's mutex also orders those calls.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::sync::{self, Mutex};
use proto_core::Value;
use std::ffi::CString;

/// Whether the log is open, and the identity `openlog(3)` was given (the
/// C library reads it at every `syslog(3)` call, so it lives here until
/// the log is closed or reopened).
struct LogState {
    open: bool,
    ident: Option<CString>,
}

static LOG: Mutex<LogState> = Mutex::new(LogState {
    open: false,
    ident: None,
});

/// The identity CPython derives when none is given: the last path part of
/// `sys.argv[0]`, None when `sys.argv` is not a non-empty list whose first
/// item is a non-empty str.
fn ident_from_argv(vm: &mut Vm) -> Value {
    let Some(argv) = crate::builtins::sys_attr(vm, "argv") else {
        return Value::NONE;
    };
    if !proto_core::Obj::from_value(argv).is_some_and(|o| o.kind() == proto_core::Kind::LIST) {
        return Value::NONE;
    }
    let Some(&first) = vm.seq_items(argv).first() else {
        return Value::NONE;
    };
    if !is_str(first) || str_bytes(first).is_empty() {
        return Value::NONE;
    }
    let b = str_bytes(first);
    match b.iter().rposition(|&c| c == b'/') {
        Some(i) => {
            let tail = b[i + 1..].to_vec();
            vm.new_str_bytes(&tail)
        }
        None => first,
    }
}

/// `openlog` with its arguments converted; `ident` None derives one from
/// `sys.argv`.
fn open_log(vm: &mut Vm, ident: Option<Value>, logoption: i64, facility: i64) -> PyResult<()> {
    let ident = match ident {
        Some(i) => i,
        None => ident_from_argv(vm),
    };
    let mark = vm.push_root(ident);
    let r = vm.audit(
        "syslog.openlog",
        &[ident, Value::int(logoption), Value::int(facility)],
    );
    vm.pop_roots(mark);
    r?;
    let c = if ident.is_none() {
        None
    } else {
        let b = crate::types::str::as_utf8(vm, ident)?;
        // C reads the identity up to its first NUL, as CPython passes it.
        let cut = b.iter().position(|&c| c == 0).unwrap_or(b.len());
        Some(CString::new(&b[..cut]).expect("no NUL before the cut"))
    };
    let mut st = sync::lock(&LOG);
    let ptr = c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: `ptr` is null or a C string that `st.ident` keeps alive until
    // the next openlog or closelog, both of which run under this lock.
    unsafe { libc::openlog(ptr, logoption as libc::c_int, facility as libc::c_int) };
    st.ident = c;
    st.open = true;
    Ok(())
}

/// `openlog(ident=<argv[0]'s name>, logoption=0, facility=LOG_USER)`.
fn openlog(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let [ident, logoption, facility] = clinic::unpack(
        vm,
        "openlog",
        a,
        k,
        ["ident", "logoption", "facility"],
        0,
        0,
        3,
    )?;
    if let Some(i) = ident {
        if !is_str(i) {
            let tn = vm.arg_type_name(i);
            return Err(vm.type_error(&format!("openlog() argument 1 must be str, not {tn}")));
        }
    }
    let logoption = match logoption {
        Some(v) => i64::from(crate::args::c_int(vm, v)?),
        None => 0,
    };
    let facility = match facility {
        Some(v) => i64::from(crate::args::c_int(vm, v)?),
        None => i64::from(libc::LOG_USER),
    };
    open_log(vm, ident, logoption, facility)?;
    Ok(Value::NONE)
}

/// `syslog([priority=LOG_INFO,] message)`: opens the log first (with the
/// derived identity) when it is not open.
fn syslog(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let usage = |vm: &mut Vm| vm.type_error("[priority,] message string");
    if proto_core::Obj::from_value(k).is_some_and(|o| o.n_values() > 0) {
        return Err(usage(vm));
    }
    let (priority, msg) = match a {
        [m] => (i64::from(libc::LOG_INFO), *m),
        [p, m] => {
            if !vm.is_int_like(*p) {
                return Err(usage(vm));
            }
            (i64::from(crate::args::c_int(vm, *p)?), *m)
        }
        _ => return Err(usage(vm)),
    };
    if !is_str(msg) {
        return Err(usage(vm));
    }
    let text = crate::types::str::as_utf8(vm, msg)?;
    vm.audit("syslog.syslog", &[Value::int(priority), msg])?;
    if !sync::lock(&LOG).open {
        open_log(vm, None, 0, i64::from(libc::LOG_USER))?;
    }
    // A message with a NUL ends there, as C's "%s" reads it.
    let cut = text.iter().position(|&c| c == 0).unwrap_or(text.len());
    let c = CString::new(&text[..cut]).expect("no NUL before the cut");
    vm.ctx.blocking(|| {
        // SAFETY: both strings are NUL-terminated and alive for the call;
        // the format takes exactly the one string argument passed.
        unsafe { libc::syslog(priority as libc::c_int, c"%s".as_ptr(), c.as_ptr()) }
    });
    Ok(Value::NONE)
}

/// `closelog()`.
fn closelog(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "closelog", a, k, 0, 0)?;
    vm.audit("syslog.closelog", &[])?;
    let mut st = sync::lock(&LOG);
    if st.open {
        // SAFETY: closelog has no arguments; the identity is dropped only
        // after it, under the lock.
        unsafe { libc::closelog() };
        st.ident = None;
        st.open = false;
    }
    Ok(Value::NONE)
}

/// `setlogmask(maskpri)`: the previous mask (0 leaves it as it is).
fn setlogmask(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "setlogmask", "setlogmask", a, k, 1, 1)?;
    let mask = crate::args::c_int(vm, a[0])?;
    vm.audit("syslog.setlogmask", &[Value::int(i64::from(mask))])?;
    // SAFETY: setlogmask only sets the process's mask.
    let old = unsafe { libc::setlogmask(mask) };
    Ok(Value::int(i64::from(old)))
}

/// `LOG_MASK(pri)`: the mask bit of one priority.
fn log_mask(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "LOG_MASK", "LOG_MASK", a, k, 1, 1)?;
    let p = crate::args::c_long(vm, a[0])?;
    Ok(vm.new_int(1i64.wrapping_shl(p as u32)))
}

/// `LOG_UPTO(pri)`: the mask of every priority up to `pri`.
fn log_upto(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::positional(vm, "LOG_UPTO", "LOG_UPTO", a, k, 1, 1)?;
    let p = crate::args::c_long(vm, a[0])?;
    Ok(vm.new_int(1i64.wrapping_shl(p.wrapping_add(1) as u32).wrapping_sub(1)))
}

/// The `LOG_*` constants of Linux, as CPython exports them.
const CONSTANTS: &[(&str, libc::c_int)] = &[
    ("LOG_EMERG", libc::LOG_EMERG),
    ("LOG_ALERT", libc::LOG_ALERT),
    ("LOG_CRIT", libc::LOG_CRIT),
    ("LOG_ERR", libc::LOG_ERR),
    ("LOG_WARNING", libc::LOG_WARNING),
    ("LOG_NOTICE", libc::LOG_NOTICE),
    ("LOG_INFO", libc::LOG_INFO),
    ("LOG_DEBUG", libc::LOG_DEBUG),
    ("LOG_PID", libc::LOG_PID),
    ("LOG_CONS", libc::LOG_CONS),
    ("LOG_NDELAY", libc::LOG_NDELAY),
    ("LOG_ODELAY", libc::LOG_ODELAY),
    ("LOG_NOWAIT", libc::LOG_NOWAIT),
    ("LOG_PERROR", libc::LOG_PERROR),
    ("LOG_KERN", libc::LOG_KERN),
    ("LOG_USER", libc::LOG_USER),
    ("LOG_MAIL", libc::LOG_MAIL),
    ("LOG_DAEMON", libc::LOG_DAEMON),
    ("LOG_AUTH", libc::LOG_AUTH),
    ("LOG_LPR", libc::LOG_LPR),
    ("LOG_LOCAL0", libc::LOG_LOCAL0),
    ("LOG_LOCAL1", libc::LOG_LOCAL1),
    ("LOG_LOCAL2", libc::LOG_LOCAL2),
    ("LOG_LOCAL3", libc::LOG_LOCAL3),
    ("LOG_LOCAL4", libc::LOG_LOCAL4),
    ("LOG_LOCAL5", libc::LOG_LOCAL5),
    ("LOG_LOCAL6", libc::LOG_LOCAL6),
    ("LOG_LOCAL7", libc::LOG_LOCAL7),
    ("LOG_SYSLOG", libc::LOG_SYSLOG),
    ("LOG_CRON", libc::LOG_CRON),
    ("LOG_UUCP", libc::LOG_UUCP),
    ("LOG_NEWS", libc::LOG_NEWS),
    ("LOG_AUTHPRIV", libc::LOG_AUTHPRIV),
];

/// Creates the `syslog` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("syslog");
    let fns: &[(&'static str, NativeFn)] = &[
        ("openlog", openlog),
        ("syslog", syslog),
        ("closelog", closelog),
        ("setlogmask", setlogmask),
        ("LOG_MASK", log_mask),
        ("LOG_UPTO", log_upto),
    ];
    vm.add_module_functions(m, fns);
    for &(name, v) in CONSTANTS {
        vm.set_module_attr(m, name, Value::int(i64::from(v)));
    }
    Ok(m)
}
