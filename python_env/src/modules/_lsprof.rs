//! The `_lsprof` module: CPython's `Profiler` type under `cProfile`, a
//! deterministic profiler fed by the thread's profile hook
//! (`engine/src/runtime/trace.rs`), with `profiler_entry` and
//! `profiler_subentry` struct sequences from `getstats()`.
//!
//! Accounting follows CPython's `_lsprof.c`: one entry per profiled
//! function (keyed by its code object, or by the builtin function object for
//! `c_call` events), each with the sub-entries of the functions it called;
//! a context stack of the calls in progress measures total time (`tt`,
//! counted once per outermost activation) and inline time (`it`, less the
//! time of sub-calls). Times are integer ticks: nanoseconds of a monotonic
//! clock, or of a Python timer (`timer=`, in seconds, or in `timeunit`s
//! when that is given).
//!
//! Layout: an instance is a `K_INSTANCE` object (slot 0 the `__dict__` of
//! Python subclasses such as `cProfile.Profile`, then their `__slots__`)
//! whose payload holds the state behind a mutex, never held across an
//! allocation or Python code.

use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, Mutex};
use proto_core::{Obj, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Counters of a function or of a caller-callee pair.
#[derive(Default, Clone, Copy)]
struct Counts {
    tt: i64,
    it: i64,
    callcount: i64,
    reccallcount: i64,
    recursion: i64,
}

struct Entry {
    /// A code object or a builtin function object (traced).
    key: Value,
    c: Counts,
    /// Callee entry index -> counters.
    subs: Vec<(usize, Counts)>,
}

/// An entry copied out of the state: key, counters, sub-entries.
type Snap = (Value, Counts, Vec<(usize, Counts)>);

/// A call in progress.
struct Context {
    entry: usize,
    t0: i64,
    subt: i64,
}

struct State {
    entries: Vec<Entry>,
    index: HashMap<u64, usize>,
    stack: Vec<Context>,
    subcalls: bool,
    builtins: bool,
    enabled: bool,
    /// A Python timer, or EMPTY for the clock.
    timer: Value,
    timeunit: f64,
}

struct Profiler {
    st: Mutex<State>,
}

impl Trace for Profiler {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        let st = sync::lock(&self.st);
        for e in &st.entries {
            f(e.key);
        }
        if st.timer.is_heap() {
            f(st.timer);
        }
    }
}

/// The `profiler_entry` and `profiler_subentry` classes (global roots).
static TYPES: OnceLock<(u64, u64)> = OnceLock::new();

fn prof(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static Profiler> {
    match Obj::from_value(v).and_then(native_ref::<Profiler>) {
        Some(p) => Ok(p),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{name}' for '_lsprof.Profiler' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn clock_ns() -> i64 {
    static BASE: OnceLock<std::time::Instant> = OnceLock::new();
    BASE.get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos() as i64
}

/// The current time in ticks (calls a Python timer if one is set). A timer
/// that raises or returns no number counts as 0, its error reported
/// through `sys.unraisablehook` with the timer, as CPython's
/// `CallExternalTimer` (the profiled program never sees it).
fn now(vm: &mut Vm, p: &Profiler) -> i64 {
    let (timer, unit) = {
        let st = sync::lock(&p.st);
        (st.timer, st.timeunit)
    };
    if !timer.is_heap() {
        return clock_ns();
    }
    let mark = vm.push_root(timer);
    let r = vm.call(timer, &[], Value::EMPTY).and_then(|v| {
        if unit > 0.0 {
            if let Some(i) = v.as_int() {
                return Ok(i);
            }
            let f = crate::modules::math::float_arg(vm, v)?;
            return Ok(f as i64);
        }
        let f = crate::modules::math::float_arg(vm, v)?;
        Ok((f * 1e9) as i64)
    });
    let t = r.unwrap_or_else(|e| {
        crate::modules::sys::write_unraisable(vm, None, timer, e.0);
        0
    });
    vm.pop_roots(mark);
    t
}

impl State {
    fn entry(&mut self, key: Value) -> usize {
        if let Some(&i) = self.index.get(&key.bits()) {
            return i;
        }
        self.entries.push(Entry {
            key,
            c: Counts::default(),
            subs: Vec::new(),
        });
        let i = self.entries.len() - 1;
        self.index.insert(key.bits(), i);
        i
    }

    fn sub(&mut self, caller: usize, callee: usize) -> &mut Counts {
        let subs = &mut self.entries[caller].subs;
        let i = match subs.iter().position(|(c, _)| *c == callee) {
            Some(i) => i,
            None => {
                subs.push((callee, Counts::default()));
                subs.len() - 1
            }
        };
        &mut subs[i].1
    }

    fn enter(&mut self, key: Value, t0: i64) {
        let e = self.entry(key);
        self.entries[e].c.recursion += 1;
        if self.subcalls {
            if let Some(caller) = self.stack.last().map(|c| c.entry) {
                self.sub(caller, e).recursion += 1;
            }
        }
        self.stack.push(Context {
            entry: e,
            t0,
            subt: 0,
        });
    }

    fn leave(&mut self, t: i64) {
        let Some(ctx) = self.stack.pop() else { return };
        let tt = t - ctx.t0;
        let it = tt - ctx.subt;
        let subcalls = self.subcalls;
        let caller = self.stack.last_mut().map(|c| {
            c.subt += tt;
            c.entry
        });
        let add = |c: &mut Counts| {
            c.recursion -= 1;
            if c.recursion == 0 {
                c.tt += tt;
            } else {
                c.reccallcount += 1;
            }
            c.it += it;
            c.callcount += 1;
        };
        add(&mut self.entries[ctx.entry].c);
        if let (true, Some(caller)) = (subcalls, caller) {
            add(self.sub(caller, ctx.entry));
        }
    }
}

/// The profile hook (bound to the profiler): `(frame, event, arg)`.
fn callback(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let p = prof(vm, a[0], "callback")?;
    let (frame, event, arg) = (a[1], a[2], a[3]);
    let ev = str_of(event);
    let key = match &*ev {
        "call" | "return" => Obj::from_value(frame)
            .filter(|o| o.n_values() > 0)
            .map_or(Value::NONE, |o| o.get(0)),
        "c_call" | "c_return" | "c_exception" => {
            if !sync::lock(&p.st).builtins {
                return Ok(Value::NONE);
            }
            arg
        }
        _ => return Ok(Value::NONE),
    };
    let t = now(vm, p);
    let mut st = sync::lock(&p.st);
    if ev.starts_with("c_call") || &*ev == "call" {
        st.enter(key, t);
    } else {
        st.leave(t);
    }
    Ok(Value::NONE)
}

/// Reads `subcalls` and `builtins` (positional from `first`, or keywords);
/// an argument left out keeps the value in `cur`.
fn flags(
    vm: &mut Vm,
    a: &[Value],
    k: Value,
    first: usize,
    fname: &str,
    cur: (bool, bool),
) -> PyResult<(bool, bool)> {
    let mut args = crate::args::Args::new(a, k);
    let sub = args.get(first, "subcalls");
    let bi = args.get(first + 1, "builtins");
    let extra = args.get(first + 2, "");
    args.no_more_kw(vm, fname)?;
    if extra.is_some() {
        return Err(vm.type_error(&format!("{fname}() takes at most 2 arguments")));
    }
    let sub = match sub {
        Some(v) => vm.truthy(v)?,
        None => cur.0,
    };
    let bi = match bi {
        Some(v) => vm.truthy(v)?,
        None => cur.1,
    };
    Ok((sub, bi))
}

/// `Profiler.__new__(cls, *args, **kwargs)`.
fn p_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("Profiler.__new__(): not enough arguments"));
    };
    if Obj::from_value(cls).is_none_or(|o| o.kind() != K_TYPE) {
        return Err(vm.type_error("Profiler.__new__(X): X is not a type object"));
    }
    vm.new_native_instance(
        cls,
        Profiler {
            st: Mutex::new(State {
                entries: Vec::new(),
                index: HashMap::new(),
                stack: Vec::new(),
                subcalls: true,
                builtins: true,
                enabled: false,
                timer: Value::EMPTY,
                timeunit: 0.0,
            }),
        },
    )
}

/// `Profiler(timer=None, timeunit=0.0, subcalls=True, builtins=True)`.
fn p_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let p = prof(vm, a[0], "__init__")?;
    let mut args = crate::args::Args::new(&a[1..], k);
    let timer = args.get(0, "timer");
    let unit = args.get(1, "timeunit");
    let sub = args.get(2, "subcalls");
    let bi = args.get(3, "builtins");
    args.no_more_kw(vm, "Profiler")?;
    if args.pos.len() > 4 {
        return Err(vm.type_error(&format!(
            "Profiler() takes at most 4 arguments ({} given)",
            args.pos.len()
        )));
    }
    let unit = match unit {
        Some(u) => crate::modules::math::float_arg(vm, u)?,
        None => 0.0,
    };
    let sub = match sub {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let bi = match bi {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let mut st = sync::lock(&p.st);
    st.timer = match timer {
        Some(t) if !t.is_none() => t,
        _ => Value::EMPTY,
    };
    st.timeunit = unit;
    st.subcalls = sub;
    st.builtins = bi;
    Ok(Value::NONE)
}

/// `enable(subcalls=True, builtins=True)`: installs the profiler as this
/// thread's profile hook.
fn p_enable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let p = prof(vm, a[0], "enable")?;
    let cur = {
        let st = sync::lock(&p.st);
        (st.subcalls, st.builtins)
    };
    let (sub, bi) = flags(vm, &a[1..], k, 0, "enable", cur)?;
    {
        let mut st = sync::lock(&p.st);
        st.subcalls = sub;
        st.builtins = bi;
        st.enabled = true;
    }
    let cb = vm.new_builtin_bound("_lsprof_hook", callback, a[0]);
    vm.set_profile(cb);
    Ok(Value::NONE)
}

/// The profiler whose hook `f` is (the hook [`p_enable`] installs): CPython
/// installs its C callback with the profiler as its object, and
/// `sys.getprofile()` returns that object.
pub fn hook_owner(f: Value) -> Option<Value> {
    let b = Obj::from_value(f)
        .filter(|o| o.kind() == K_BUILTIN)
        .and_then(builtin_data)?;
    (b.f as usize == callback as NativeFn as usize).then_some(b.bound)
}

/// Closes the calls still in progress (CPython's `flush_unmatched`).
fn flush(vm: &mut Vm, p: &Profiler) -> PyResult<()> {
    let t = now(vm, p);
    let mut st = sync::lock(&p.st);
    while !st.stack.is_empty() {
        st.leave(t);
    }
    Ok(())
}

/// `disable()`: removes the hook and closes the calls in progress.
fn p_disable(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "disable", a, k, 0, 0)?;
    let p = prof(vm, a[0], "disable")?;
    let was = std::mem::replace(&mut sync::lock(&p.st).enabled, false);
    if was {
        vm.set_profile(Value::NONE);
    }
    flush(vm, p)?;
    Ok(Value::NONE)
}

/// `clear()`: forgets all measurements.
fn p_clear(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "clear", a, k, 0, 0)?;
    let p = prof(vm, a[0], "clear")?;
    let mut st = sync::lock(&p.st);
    st.entries.clear();
    st.index.clear();
    st.stack.clear();
    Ok(Value::NONE)
}

/// CPython's label of a builtin function in the statistics
/// (`normalizeUserObj`): `<built-in method mod.name>`, or the repr of a
/// type's method, `<method 'append' of 'list' objects>`.
fn label(vm: &mut Vm, f: Value) -> PyResult<Value> {
    let Some(b) = Obj::from_value(f).and_then(builtin_data) else {
        return Ok(f);
    };
    if b.is_method && b.owner.is_heap() {
        // A static type's name carries its module (`_lsprof.Profiler`).
        let owner = type_name(b.owner);
        return Ok(vm.new_str(&format!("<method '{}' of '{owner}' objects>", b.name)));
    }
    let m = Value::from_bits(
        b.module
            .load(proto_core::sync::heap_atomic::Ordering::Acquire),
    );
    let s = if m.is_heap() && is_str(m) {
        format!("<built-in method {}.{}>", str_of(m), b.name)
    } else {
        format!("<built-in method {}>", b.name)
    };
    Ok(vm.new_str(&s))
}

/// `getstats()`: a list of `profiler_entry` (code, callcount, reccallcount,
/// totaltime, inlinetime, calls), `calls` a list of `profiler_subentry`
/// (code, callcount, reccallcount, totaltime, inlinetime), or None when
/// sub-calls are not recorded.
fn p_getstats(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check_method(vm, "getstats", a, k, 0, 0)?;
    let p = prof(vm, a[0], "getstats")?;
    let (et, st_t) = match TYPES.get() {
        Some(&(e, s)) => (Value::from_bits(e), Value::from_bits(s)),
        None => return Err(vm.new_exc(vm.g.e.SystemError, "_lsprof is not initialised")),
    };
    // Copied out: building the result allocates and may run Python code.
    let (snap, factor, subcalls) = {
        let st = sync::lock(&p.st);
        let factor = if st.timer.is_heap() && st.timeunit > 0.0 {
            st.timeunit
        } else {
            1e-9
        };
        let snap: Vec<Snap> = st
            .entries
            .iter()
            .map(|e| (e.key, e.c, e.subs.clone()))
            .collect();
        (snap, factor, st.subcalls)
    };
    let out = vm.new_list(&[]);
    let mark = vm.push_root(out);
    // One label per entry, shared by the sub-entries naming it (pstats
    // matches callers by the identity of `code`).
    let labels = vm.new_list(&[]);
    vm.push_root(labels);
    for (key, _, _) in &snap {
        let l = label(vm, *key)?;
        vm.list_append(labels, l);
    }
    // No Python code runs from here on (allocation alone does not collect
    // in the interpreter's deferred mode), so the copies stay valid.
    let labs = vm.seq_items(labels);
    for (i, (_, c, subs)) in snap.into_iter().enumerate() {
        let code = labs[i];
        let m2 = vm.push_root(code);
        let calls = if subcalls {
            let l = vm.new_list(&[]);
            vm.push_root(l);
            for (si, s) in subs {
                let scode = labs[si];
                let tt = vm.new_float(s.tt as f64 * factor);
                let it = vm.new_float(s.it as f64 * factor);
                let items = [
                    scode,
                    Value::int(s.callcount),
                    Value::int(s.reccallcount),
                    tt,
                    it,
                ];
                let se = crate::types::structseq::new(vm, st_t, &items);
                vm.list_append(l, se);
            }
            l
        } else {
            Value::NONE
        };
        vm.push_root(calls);
        let tt = vm.new_float(c.tt as f64 * factor);
        let it = vm.new_float(c.it as f64 * factor);
        let items = [
            code,
            Value::int(c.callcount),
            Value::int(c.reccallcount),
            tt,
            it,
            calls,
        ];
        let e = crate::types::structseq::new(vm, et, &items);
        vm.list_append(out, e);
        vm.pop_roots(m2);
    }
    vm.pop_roots(mark);
    Ok(out)
}

/// Creates the `_lsprof` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_lsprof");
    let mark = vm.push_root(m);
    let modname = vm.new_str("_lsprof");
    vm.ctx.promote(modname);
    vm.push_root(modname);
    let doc = vm.new_str("Fast profiler");
    vm.set_module_attr(m, "__doc__", doc);

    let t = vm.new_static_type("Profiler", vm.g.types.object, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(
        "Profiler(timer=None, timeunit=None, subcalls=True, builtins=True)\n\n    \
         Builds a profiler object using the specified timer function.\n    \
         The default timer is a fast built-in one based on real time.\n    \
         For custom timer functions returning integers, timeunit can\n    \
         be a float specifying a scale (i.e. how long each integer unit\n    \
         is, in seconds).\n",
    );
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", p_new, false);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", p_init),
        ("enable", p_enable),
        ("disable", p_disable),
        ("clear", p_clear),
        ("getstats", p_getstats),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    vm.set_module_attr(m, "Profiler", t);

    let (et, st) = match TYPES.get() {
        Some(&(e, s)) => (Value::from_bits(e), Value::from_bits(s)),
        None => {
            let et = crate::types::structseq::new_type(
                vm,
                "_lsprof",
                "profiler_entry",
                &[
                    "code",
                    "callcount",
                    "reccallcount",
                    "totaltime",
                    "inlinetime",
                    "calls",
                ],
            );
            vm.ctx.add_global_root(et);
            let st = crate::types::structseq::new_type(
                vm,
                "_lsprof",
                "profiler_subentry",
                &[
                    "code",
                    "callcount",
                    "reccallcount",
                    "totaltime",
                    "inlinetime",
                ],
            );
            vm.ctx.add_global_root(st);
            let _ = TYPES.set((et.bits(), st.bits()));
            (et, st)
        }
    };
    vm.set_module_attr(m, "profiler_entry", et);
    vm.set_module_attr(m, "profiler_subentry", st);
    vm.pop_roots(mark);
    Ok(m)
}
