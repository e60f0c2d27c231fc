//! The `_multiprocessing` module (CPython 3.11's `Modules/_multiprocessing/`
//! on Linux): `SemLock` over POSIX named semaphores, `sem_unlink` and
//! `flags`, on which the standard library's unmodified `multiprocessing`
//! builds its locks, semaphores, conditions, events, barriers and queues.
//!
//! - A `SemLock` payload holds the `sem_t *` (as an address), its kind,
//!   maximum value and name, and the recursion `count` and last owner thread
//!   in atomics, so threads sharing one object see consistent values; the
//!   semaphore itself is the kernel's (shared between processes).
//! - Waits run outside the safepoint handshake (`ctx.blocking`): a
//!   collection never waits for a thread blocked in `sem_wait`. The main
//!   thread waits in 20 ms slices and runs signal handlers between them, as
//!   `time.sleep` does; EINTR runs the handlers and retries (PEP 475).
//! - The object owns its handle (closed with `sem_close` when collected)
//!   unless it was rebuilt from another's handle without a name
//!   (`_rebuild(handle, ..., None)`, the fork case), so no handle is closed
//!   twice in one process.

use crate::types::clinic;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{AtomicU64, Ordering};
use proto_core::{Obj, Value};
use std::ffi::CString;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::posix::{errno, os_error};

const RECURSIVE_MUTEX: i32 = 0;
const SEMAPHORE: i32 = 1;
/// `SEM_VALUE_MAX` of glibc (`INT_MAX`).
const SEM_VALUE_MAX: i64 = i32::MAX as i64;
/// Slice of a main-thread wait between two checks for signal handlers.
const SLICE: Duration = Duration::from_millis(20);

/// Payload of a `SemLock`.
struct SemLock {
    /// The `sem_t *`, as an address (never null).
    handle: usize,
    kind: i32,
    maxvalue: i32,
    name: Option<String>,
    /// Whether this object closes `handle` when collected.
    owned: bool,
    /// Times the owning thread acquired it (recursive mutex), or the net
    /// acquisitions by this process (semaphore).
    count: AtomicU64,
    /// `_thread.get_ident()` of the last thread that acquired it.
    last_tid: AtomicU64,
}

impl Trace for SemLock {}

impl Drop for SemLock {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: the handle came from sem_open, is owned by this object
            // only (see `owned`) and is closed once, here.
            unsafe { libc::sem_close(self.sem()) };
        }
    }
}

impl SemLock {
    fn sem(&self) -> *mut libc::sem_t {
        self.handle as *mut libc::sem_t
    }

    /// Does the calling thread hold it? The count is written only by the
    /// thread holding the semaphore, which drops it to zero before posting
    /// and records itself before raising it, so a non-zero count read here
    /// comes with its holder's ident.
    fn is_mine(&self) -> bool {
        self.count.load(Ordering::Acquire) > 0
            && self.last_tid.load(Ordering::Acquire) == super::_thread::thread_ident()
    }

    /// `sem_getvalue`, or its errno.
    fn value(&self) -> Result<i32, i32> {
        let mut v: libc::c_int = 0;
        // SAFETY: the handle is a live semaphore (closed only on drop) and
        // `v` is writable.
        if unsafe { libc::sem_getvalue(self.sem(), &mut v) } < 0 {
            return Err(errno());
        }
        // Linux reports 0, never a negative count of waiters.
        Ok(v.max(0))
    }
}

fn this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<&'static SemLock> {
    if let Some(s) = a
        .first()
        .and_then(|&v| Obj::from_value(v))
        .and_then(native_ref::<SemLock>)
    {
        return Ok(s);
    }
    let tn = a.first().map_or_else(String::new, |&v| vm.type_name_of(v));
    Err(vm.type_error(&format!(
        "descriptor '{what}' for '_multiprocessing.SemLock' objects doesn't apply to a '{tn}' object"
    )))
}

/// A `str` argument (`s` format) as a C string.
fn str_arg(vm: &mut Vm, fname: &str, pos: usize, v: Value) -> PyResult<CString> {
    if !is_str(v) {
        let tn = vm.type_name_of(v);
        return Err(vm.type_error(&format!("{fname}() argument {pos} must be str, not {tn}")));
    }
    CString::new(str_of(v).as_bytes()).map_err(|_| vm.value_error("embedded null character"))
}

fn new_semlock(
    vm: &mut Vm,
    cls: Value,
    handle: usize,
    kind: i32,
    maxvalue: i32,
    name: Option<String>,
    owned: bool,
) -> PyResult<Value> {
    let Some(co) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) else {
        return Err(vm.type_error("SemLock.__new__(X): X is not a type object"));
    };
    let n = 1 + type_nslots(co);
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        n,
        SemLock {
            handle,
            kind,
            maxvalue,
            name,
            owned,
            count: AtomicU64::new(0),
            last_tid: AtomicU64::new(0),
        },
    ))
}

/// `SemLock(kind, value, maxvalue, name, unlink)`.
fn semlock_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let cls = a[0];
    let [kind, value, maxvalue, name, unlink] = clinic::unpack(
        vm,
        "SemLock",
        &a[1..],
        k,
        ["kind", "value", "maxvalue", "name", "unlink"],
        0,
        5,
        5,
    )?;
    let kind = crate::args::c_int(vm, kind.expect("required"))?;
    let value = crate::args::c_int(vm, value.expect("required"))?;
    let maxvalue = crate::args::c_int(vm, maxvalue.expect("required"))?;
    let name = name.expect("required");
    let cname = str_arg(vm, "SemLock", 4, name)?;
    let unlink = vm.truthy(unlink.expect("required"))?;
    if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
        return Err(vm.value_error("unrecognized kind"));
    }
    let p = cname.as_ptr();
    // SAFETY: `p` is a NUL-terminated name live for the call; the variadic
    // mode and value are passed as the C types sem_open reads.
    let h = unsafe {
        libc::sem_open(
            p,
            libc::O_CREAT | libc::O_EXCL,
            0o600 as libc::c_uint,
            value as libc::c_uint,
        )
    };
    if h == libc::SEM_FAILED {
        return Err(os_error(vm, errno(), Value::EMPTY));
    }
    if unlink {
        // SAFETY: `p` is a NUL-terminated name live for the call.
        if unsafe { libc::sem_unlink(p) } < 0 {
            let e = errno();
            // SAFETY: `h` came from sem_open above and is not shared yet.
            unsafe { libc::sem_close(h) };
            return Err(os_error(vm, e, Value::EMPTY));
        }
    }
    let name = (!unlink).then(|| str_of(name).into_owned());
    new_semlock(vm, cls, h as usize, kind, maxvalue, name, true)
}

/// `SemLock._rebuild(handle, kind, maxvalue, name)` (classmethod).
fn semlock_rebuild(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "_rebuild", "_rebuild", a, k, 4, 4)?;
    let cls = a[0];
    let handle = {
        let i = vm.index(a[1])?;
        match vm
            .as_bigint(i)
            .and_then(|b| num_traits::ToPrimitive::to_u64(&b))
        {
            Some(h) => h as usize,
            None => {
                return Err(vm.new_exc(
                    vm.g.e.OverflowError,
                    "Python int too large to convert to C unsigned long",
                ))
            }
        }
    };
    let kind = crate::args::c_int(vm, a[2])?;
    let maxvalue = crate::args::c_int(vm, a[3])?;
    let name = a[4];
    if name.is_none() {
        if handle == 0 {
            return Err(vm.value_error("invalid semaphore handle"));
        }
        return new_semlock(vm, cls, handle, kind, maxvalue, None, false);
    }
    let cname = str_arg(vm, "_rebuild", 4, name)?;
    // SAFETY: `cname` is NUL-terminated and live for the call.
    let h = unsafe { libc::sem_open(cname.as_ptr(), 0) };
    if h == libc::SEM_FAILED {
        return Err(os_error(vm, errno(), Value::EMPTY));
    }
    let name = Some(str_of(name).into_owned());
    new_semlock(vm, cls, h as usize, kind, maxvalue, name, true)
}

/// The absolute CLOCK_REALTIME time `d` from now (for `sem_timedwait`).
fn realtime_after(d: Duration) -> libc::timespec {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let t = now.saturating_add(d);
    libc::timespec {
        tv_sec: t.as_secs().min(i64::MAX as u64) as libc::time_t,
        tv_nsec: t.subsec_nanos() as libc::c_long,
    }
}

/// Waits for the semaphore until `deadline` (None: for ever); Ok(true)
/// once acquired, Ok(false) on timeout.
fn wait(vm: &mut Vm, s: &'static SemLock, deadline: Option<Instant>) -> PyResult<bool> {
    let main = engine::runtime::signals::is_main_thread();
    let sem = s.handle;
    loop {
        let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let step = if main {
            Some(remaining.map_or(SLICE, |r| r.min(SLICE)))
        } else {
            remaining
        };
        let r = vm.ctx.blocking(|| {
            let p = sem as *mut libc::sem_t;
            // The semaphore is live: its object is reachable from the
            // caller's arguments, and handles close only on drop.
            let r = match step {
                // SAFETY: `p` is a live semaphore (above).
                None => unsafe { libc::sem_wait(p) },
                Some(d) => {
                    let ts = realtime_after(d);
                    // SAFETY: `p` is a live semaphore (above); `ts` is a
                    // local timespec.
                    unsafe { libc::sem_timedwait(p, &ts) }
                }
            };
            if r < 0 {
                Err(errno())
            } else {
                Ok(())
            }
        });
        match r {
            Ok(()) => return Ok(true),
            Err(libc::EINTR) => vm.check_signals()?,
            Err(libc::ETIMEDOUT) => {
                if remaining.is_some_and(|r| Some(r) <= step) {
                    return Ok(false);
                }
                vm.check_signals()?;
            }
            Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
        }
    }
}

/// `acquire(block=True, timeout=None)`.
fn semlock_acquire(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "acquire")?;
    let [block, timeout] =
        clinic::unpack(vm, "acquire", &a[1..], k, ["block", "timeout"], 0, 0, 2)?;
    let block = match block {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    acquire(vm, s, block, timeout.filter(|t| !t.is_none()))
}

fn acquire(
    vm: &mut Vm,
    s: &'static SemLock,
    block: bool,
    timeout: Option<Value>,
) -> PyResult<Value> {
    if s.kind == RECURSIVE_MUTEX && s.is_mine() {
        s.count.fetch_add(1, Ordering::AcqRel);
        return Ok(Value::TRUE);
    }
    let deadline = match timeout {
        Some(t) => {
            let secs = crate::types::float::to_float(vm, t)?;
            let secs = if secs.is_nan() || secs < 0.0 {
                0.0
            } else {
                secs
            };
            Some(
                Instant::now()
                    .checked_add(Duration::from_secs_f64(secs.min(1e9)))
                    .unwrap_or_else(Instant::now),
            )
        }
        None => None,
    };
    let got = loop {
        // SAFETY: the semaphore is live (closed only when `s` is dropped).
        if unsafe { libc::sem_trywait(s.sem()) } == 0 {
            break true;
        }
        match errno() {
            libc::EINTR => vm.check_signals()?,
            libc::EAGAIN => {
                break block && wait(vm, s, deadline)?;
            }
            e => return Err(os_error(vm, e, Value::EMPTY)),
        }
    };
    if !got {
        return Ok(Value::FALSE);
    }
    // The owner is recorded before the count rises, so a thread that sees
    // a non-zero count also sees who holds it (see `is_mine`).
    s.last_tid
        .store(super::_thread::thread_ident(), Ordering::Release);
    s.count.fetch_add(1, Ordering::AcqRel);
    Ok(Value::TRUE)
}

fn release(vm: &mut Vm, s: &'static SemLock) -> PyResult<Value> {
    if s.kind == RECURSIVE_MUTEX {
        if !s.is_mine() {
            return Err(vm.exc_by_name(
                "AssertionError",
                "attempt to release recursive lock not owned by thread",
            ));
        }
        if s.count.load(Ordering::Acquire) > 1 {
            s.count.fetch_sub(1, Ordering::AcqRel);
            return Ok(Value::NONE);
        }
    } else if s.maxvalue == 1 {
        // A binary semaphore: if it can be taken, it was not held.
        // SAFETY: the semaphore is live.
        if unsafe { libc::sem_trywait(s.sem()) } < 0 {
            let e = errno();
            if e != libc::EAGAIN {
                return Err(os_error(vm, e, Value::EMPTY));
            }
        } else {
            // SAFETY: as above; gives back what the probe took.
            if unsafe { libc::sem_post(s.sem()) } < 0 {
                return Err(os_error(vm, errno(), Value::EMPTY));
            }
            return Err(vm.value_error("semaphore or lock released too many times"));
        }
    } else {
        let v = match s.value() {
            Ok(v) => v,
            Err(e) => return Err(os_error(vm, e, Value::EMPTY)),
        };
        if v >= s.maxvalue {
            return Err(vm.value_error("semaphore or lock released too many times"));
        }
    }
    // The count drops before the post: once posted, another thread of
    // this process may take the semaphore and raise the count, and must
    // not find this release's share still in it (with no GIL, CPython's
    // post-then-decrement order would let a new owner read a stale count
    // in `Condition.wait` and release twice). Never below zero, even if
    // another process released for this one.
    let dropped = s
        .count
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |c| c.checked_sub(1))
        .is_ok();
    // SAFETY: the semaphore is live.
    if unsafe { libc::sem_post(s.sem()) } < 0 {
        if dropped {
            s.count.fetch_add(1, Ordering::AcqRel);
        }
        return Err(os_error(vm, errno(), Value::EMPTY));
    }
    Ok(Value::NONE)
}

fn semlock_release(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "release")?;
    clinic::method_positional(vm, "release", "release", a, k, 0, 0)?;
    release(vm, s)
}

fn semlock_enter(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__enter__")?;
    clinic::method_positional(vm, "__enter__", "__enter__", a, k, 0, 0)?;
    acquire(vm, s, true, None)
}

fn semlock_exit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "__exit__")?;
    clinic::method_positional(vm, "__exit__", "__exit__", a, k, 0, 3)?;
    release(vm, s)
}

fn semlock_count(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "_count")?;
    clinic::method_positional(vm, "_count", "_count", a, k, 0, 0)?;
    Ok(Value::int(s.count.load(Ordering::Acquire) as i64))
}

fn semlock_is_mine(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "_is_mine")?;
    clinic::method_positional(vm, "_is_mine", "_is_mine", a, k, 0, 0)?;
    Ok(Value::bool(s.is_mine()))
}

fn semlock_get_value(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "_get_value")?;
    clinic::method_positional(vm, "_get_value", "_get_value", a, k, 0, 0)?;
    match s.value() {
        Ok(v) => Ok(Value::int(i64::from(v))),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

fn semlock_is_zero(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "_is_zero")?;
    clinic::method_positional(vm, "_is_zero", "_is_zero", a, k, 0, 0)?;
    match s.value() {
        Ok(v) => Ok(Value::bool(v == 0)),
        Err(e) => Err(os_error(vm, e, Value::EMPTY)),
    }
}

fn semlock_after_fork(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let s = this(vm, a, "_after_fork")?;
    clinic::method_positional(vm, "_after_fork", "_after_fork", a, k, 0, 0)?;
    s.count.store(0, Ordering::Release);
    Ok(Value::NONE)
}

fn semlock_handle(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "handle")?;
    Ok(vm.new_bigint(num_bigint::BigInt::from(s.handle as u64)))
}

fn semlock_kind(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "kind")?;
    Ok(Value::int(i64::from(s.kind)))
}

fn semlock_maxvalue(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "maxvalue")?;
    Ok(Value::int(i64::from(s.maxvalue)))
}

fn semlock_name(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let s = this(vm, a, "name")?;
    Ok(match &s.name {
        Some(n) => vm.new_str(n),
        None => Value::NONE,
    })
}

/// `sem_unlink(name, /)`.
fn sem_unlink(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let a = &a[1..];
    clinic::positional(vm, "sem_unlink", "sem_unlink", a, k, 1, 1)?;
    let name = str_arg(vm, "sem_unlink", 1, a[0])?;
    // SAFETY: `name` is NUL-terminated and live for the call.
    if unsafe { libc::sem_unlink(name.as_ptr()) } < 0 {
        return Err(os_error(vm, errno(), Value::EMPTY));
    }
    Ok(Value::NONE)
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_multiprocessing");
    let mark = vm.push_root(m);
    let modname = vm.intern("_multiprocessing");

    let t = vm.new_static_type("SemLock", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str("Semaphore/Mutex type");
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", semlock_new, false);
    vm.add_static(t, "_rebuild", semlock_rebuild, true);
    let methods: &[(&'static str, NativeFn)] = &[
        ("acquire", semlock_acquire),
        ("release", semlock_release),
        ("__enter__", semlock_enter),
        ("__exit__", semlock_exit),
        ("_count", semlock_count),
        ("_is_mine", semlock_is_mine),
        ("_get_value", semlock_get_value),
        ("_is_zero", semlock_is_zero),
        ("_after_fork", semlock_after_fork),
    ];
    for &(name, f) in methods {
        vm.add_method(t, name, f);
    }
    let getters: &[(&'static str, NativeFn)] = &[
        ("handle", semlock_handle),
        ("kind", semlock_kind),
        ("maxvalue", semlock_maxvalue),
        ("name", semlock_name),
    ];
    for &(name, f) in getters {
        let p = vm.new_native_getset(t, name, f, None);
        vm.add_attr(t, name, p);
    }
    vm.add_attr(t, "SEM_VALUE_MAX", Value::int(SEM_VALUE_MAX));
    vm.set_module_attr(m, "SemLock", t);

    let b = vm.new_builtin_bound("sem_unlink", sem_unlink, m);
    vm.ctx.promote(b);
    vm.set_module_attr(m, "sem_unlink", b);

    let flags = vm.new_dict();
    vm.push_root(flags);
    for name in ["HAVE_SEM_OPEN", "HAVE_SEM_TIMEDWAIT"] {
        let k = vm.new_str(name);
        vm.dict_set(flags, k, Value::int(1))?;
    }
    vm.set_module_attr(m, "flags", flags);
    vm.pop_roots(mark);
    Ok(m)
}
