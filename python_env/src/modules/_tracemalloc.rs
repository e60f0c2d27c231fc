//! The `_tracemalloc` module: traces the heap objects Python code allocates,
//! each with its size and the Python stack that allocated it (CPython 3.11's
//! `Modules/_tracemalloc.c` API, under `Lib/tracemalloc.py`).
//!
//! While tracing, proto_core reports every object a context allocates
//! (`proto_core::alloc_trace`) with its allocation size: its cells, what
//! `sys.getsizeof` reports, so sizes are ProtoPy's and not CPython's. The
//! tracer records the allocating thread's stack (innermost first, up to the
//! traceback limit, read by `engine::runtime::threads::current_stack`) and
//! the collector reports each object it frees, whose trace is then dropped.
//! With no reference counts, an object is freed (and leaves the traced
//! memory) at the collection after it became unreachable, not at once.
//!
//! Tracing is process-wide, as in CPython. The tracing loop keeps each
//! frame's line current while tracing is on (`Vm::refresh_trace_on`); threads
//! already running when tracing starts keep their loop until a hook changes,
//! so their innermost line may be that of their last call.
//!
//! Thread safety: the tables are one mutex, taken by the allocating and the
//! sweeping threads; it is never held across a heap allocation (the hook
//! would take it again) nor a safepoint (a collection's sweep takes it).
//! The functions below copy what they need out of it before building
//! Python objects.

use engine::runtime::*;
use proto_core::alloc_trace::{self, AllocTracer};
use proto_core::sync::{self, Arc, AtomicUsize, Mutex, Ordering};
use proto_core::{Obj, Value};
use std::collections::{HashMap, HashSet};

/// The largest traceback limit (CPython's `MAX_NFRAME`).
pub const MAX_NFRAME: i64 = 65535;

/// A traceback: (filename, line) pairs, innermost first, and the depth of
/// the stack it was cut from.
#[derive(PartialEq, Eq, Hash)]
struct Tb {
    frames: Box<[(Arc<str>, u32)]>,
    total: usize,
}

/// One traced object.
struct Trace {
    size: usize,
    tb: Arc<Tb>,
}

struct Tables {
    /// Object address -> trace.
    traces: HashMap<usize, Trace>,
    /// Every traceback in use, once (equal tracebacks share one `Tb`, as
    /// CPython interns them; `_get_traces` returns one tuple for each).
    tbs: HashSet<Arc<Tb>>,
    /// Bytes of the traced objects, and the most they reached.
    current: usize,
    peak: usize,
}

static TABLES: Mutex<Option<Tables>> = Mutex::new(None);
/// The traceback limit (`get_traceback_limit`); kept after `stop`.
static LIMIT: AtomicUsize = AtomicUsize::new(1);

fn with_tables<R>(f: impl FnOnce(&mut Tables) -> R) -> Option<R> {
    sync::lock(&TABLES).as_mut().map(f)
}

struct Tracer;

impl AllocTracer for Tracer {
    fn allocated(&self, addr: usize, bytes: usize) {
        let limit = LIMIT.load(Ordering::Relaxed);
        let mut frames = Vec::with_capacity(limit.min(16));
        let mut total = engine::runtime::threads::current_stack(limit, &mut frames);
        if frames.is_empty() {
            // No Python frame (CPython's empty traceback).
            frames.push((Arc::from("<unknown>"), 0));
            total = 1;
        }
        let tb = Tb {
            frames: frames.into_boxed_slice(),
            total,
        };
        with_tables(|t| {
            let tb = match t.tbs.get(&tb) {
                Some(x) => x.clone(),
                None => {
                    let x = Arc::new(tb);
                    t.tbs.insert(x.clone());
                    x
                }
            };
            if let Some(old) = t.traces.insert(addr, Trace { size: bytes, tb }) {
                // A freed object whose free was not reported (it died
                // before tracing started, in a sweep that began earlier).
                t.current -= old.size;
            }
            t.current += bytes;
            t.peak = t.peak.max(t.current);
        });
    }

    fn freed(&self, addr: usize) {
        with_tables(|t| {
            if let Some(old) = t.traces.remove(&addr) {
                t.current -= old.size;
            }
        });
    }
}

fn tracing() -> bool {
    sync::lock(&TABLES).is_some()
}

/// Starts tracing with traceback limit `nframe` (nothing when tracing).
pub fn start_tracing(vm: &mut Vm, nframe: i64) -> PyResult<()> {
    if !(1..=MAX_NFRAME).contains(&nframe) {
        return Err(vm.value_error(&format!(
            "the number of frames must be in range [1; {MAX_NFRAME}]"
        )));
    }
    {
        let mut g = sync::lock(&TABLES);
        if g.is_some() {
            return Ok(());
        }
        LIMIT.store(nframe as usize, Ordering::Relaxed);
        *g = Some(Tables {
            traces: HashMap::new(),
            tbs: HashSet::new(),
            current: 0,
            peak: 0,
        });
    }
    alloc_trace::set_tracer(Some(Arc::new(Tracer)));
    vm.refresh_trace_on();
    Ok(())
}

/// `start(nframe=1, /)`.
fn start(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "start", a, k, 0, 1)?;
    let n = match a.first() {
        Some(&v) => crate::args::py_long_as_int(vm, v)?,
        None => 1,
    };
    start_tracing(vm, n)?;
    Ok(Value::NONE)
}

/// `stop()`: stops tracing and forgets every trace.
fn stop(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "stop", a, k, 0, 0)?;
    alloc_trace::set_tracer(None);
    // Dropped outside the lock (dropping takes no heap allocation, but
    // large tables take a while).
    let old = sync::lock(&TABLES).take();
    drop(old);
    vm.refresh_trace_on();
    Ok(Value::NONE)
}

/// `is_tracing()`.
fn is_tracing(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "is_tracing", a, k, 0, 0)?;
    Ok(Value::bool(tracing()))
}

/// `clear_traces()`: forgets the traces, keeps tracing.
fn clear_traces(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "clear_traces", a, k, 0, 0)?;
    let old = with_tables(|t| {
        t.current = 0;
        t.peak = 0;
        (std::mem::take(&mut t.traces), std::mem::take(&mut t.tbs))
    });
    drop(old);
    Ok(Value::NONE)
}

/// `get_traceback_limit()`.
fn get_traceback_limit(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "get_traceback_limit", a, k, 0, 0)?;
    Ok(Value::int(LIMIT.load(Ordering::Relaxed) as i64))
}

/// `get_traced_memory()`: (current, peak) bytes of the traced objects.
fn get_traced_memory(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "get_traced_memory", a, k, 0, 0)?;
    let (cur, peak) = with_tables(|t| (t.current, t.peak)).unwrap_or((0, 0));
    let c = vm.new_int(cur as i64);
    let mark = vm.push_root(c);
    let p = vm.new_int(peak as i64);
    vm.push_root(p);
    let r = vm.new_tuple(&[c, p]);
    vm.pop_roots(mark);
    Ok(r)
}

/// `reset_peak()`: the peak becomes the current size.
fn reset_peak(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "reset_peak", a, k, 0, 0)?;
    with_tables(|t| t.peak = t.current);
    Ok(Value::NONE)
}

/// `get_tracemalloc_memory()`: bytes the tables themselves take.
fn get_tracemalloc_memory(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "get_tracemalloc_memory", a, k, 0, 0)?;
    let n = with_tables(|t| {
        let entry = std::mem::size_of::<(usize, Trace)>() + 8;
        let mut n = std::mem::size_of::<Tables>() + t.traces.capacity() * entry;
        n += t.tbs.capacity() * (std::mem::size_of::<Arc<Tb>>() + 8);
        for tb in &t.tbs {
            n += std::mem::size_of::<Tb>()
                + 16
                + tb.frames.len() * std::mem::size_of::<(Arc<str>, u32)>();
        }
        n
    })
    .unwrap_or(0);
    Ok(Value::int(n as i64))
}

/// A traceback as `((filename, lineno), ...)`, innermost first.
fn tb_tuple(vm: &mut Vm, tb: &Tb) -> Value {
    let base = vm.push_root(Value::NONE);
    let mut items = Vec::with_capacity(tb.frames.len());
    for (file, line) in tb.frames.iter() {
        let f = vm.new_str(file);
        vm.push_root(f);
        let pair = vm.new_tuple(&[f, Value::int(i64::from(*line))]);
        vm.push_root(pair);
        items.push(pair);
    }
    let t = vm.new_tuple(&items);
    vm.pop_roots(base);
    t
}

/// `_get_traces()`: `[(domain, size, traceback, total_nframe), ...]`; equal
/// tracebacks are one tuple.
fn get_traces(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_get_traces", a, k, 0, 0)?;
    // Copied out first: building the list allocates, which is traced.
    let copy: Vec<(usize, Arc<Tb>)> = with_tables(|t| {
        t.traces
            .values()
            .map(|tr| (tr.size, tr.tb.clone()))
            .collect()
    })
    .unwrap_or_default();
    let list = vm.new_list(&[]);
    let mark = vm.push_root(list);
    let mut made: HashMap<*const Tb, Value> = HashMap::new();
    for (size, tb) in &copy {
        let key = Arc::as_ptr(tb);
        let frames = match made.get(&key) {
            Some(&v) => v,
            None => {
                let v = tb_tuple(vm, tb);
                vm.push_root(v);
                made.insert(key, v);
                v
            }
        };
        let size_v = vm.new_int(*size as i64);
        vm.push_root(size_v);
        let total = vm.new_int(tb.total as i64);
        vm.push_root(total);
        let item = vm.new_tuple(&[Value::int(0), size_v, frames, total]);
        vm.list_append(list, item);
    }
    vm.pop_roots(mark);
    Ok(list)
}

/// `_get_object_traceback(obj)`: the traceback where `obj` was allocated,
/// None if it was not traced.
fn get_object_traceback(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    crate::args::check(vm, "_get_object_traceback", a, k, 1, 1)?;
    let Some(o) = Obj::from_value(a[0]) else {
        return Ok(Value::NONE);
    };
    let addr = o.value().bits() as usize;
    let tb = with_tables(|t| t.traces.get(&addr).map(|tr| tr.tb.clone())).flatten();
    Ok(match tb {
        Some(tb) => tb_tuple(vm, &tb),
        None => Value::NONE,
    })
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_tracemalloc");
    let fns: &[(&'static str, NativeFn)] = &[
        ("start", start),
        ("stop", stop),
        ("is_tracing", is_tracing),
        ("clear_traces", clear_traces),
        ("get_traceback_limit", get_traceback_limit),
        ("get_traced_memory", get_traced_memory),
        ("reset_peak", reset_peak),
        ("get_tracemalloc_memory", get_tracemalloc_memory),
        ("_get_traces", get_traces),
        ("_get_object_traceback", get_object_traceback),
    ];
    vm.add_module_functions(m, fns);
    Ok(m)
}
