//! `coverage.tracer`: coverage.py's C tracer (`CTracer`, `CFileDisposition`)
//! in Rust, for the `coverage` package's compiled module, which CPython's
//! build of cannot load into ProtoPy. Loaded only where the package
//! installed that module (`Vm::register_extension_module`); elsewhere
//! coverage.py finds no `coverage.tracer` and uses its Python tracer.
//!
//! Behaviour follows coverage.py 7's `ctracer/tracer.c`: one tracer per
//! thread records, for each traced file, the lines run (a set of ints) or,
//! with `trace_arcs`, the arcs between them (ints packing two line numbers
//! and their signs, which `Collector.flush_data` unpacks); `should_trace`
//! decides once per file name (cached in `should_trace_cache`), plug-ins'
//! file tracers give dynamic file names and line ranges, and a stack of
//! entries (one per frame being traced, one stack per concurrency object
//! when `concur_id_func` is set) keeps each frame's file data and last line.
//!
//! The tracer is installed as the thread's trace function (`start()` calls
//! `sys.settrace` with the tracer itself, as the C tracer's
//! `PyEval_SetTrace(CTracer_trace, self)` makes `sys.gettrace()` return it),
//! so the interpreter calls it for every event. An error in a callback
//! removes it as the trace function would any trace function's error in
//! ProtoPy (`trace.rs`); the C tracer's errors propagate into the traced
//! code with the tracer left installed.
//!
//! Layout: a `K_INSTANCE` without a `__dict__`; the members (`data`,
//! `should_trace`, ...) are its last value words, read and written by
//! `member_descriptor`s, and the tracer's own state (the data stacks, the
//! current context, the flags) is its native payload behind a mutex, never
//! held across an allocation or a call into Python.

use crate::types::descr::add_writable_members;
use engine::bytecode::Opcode;
use engine::runtime::trace;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync;
use proto_core::{Obj, Value};
use std::cell::UnsafeCell;

/// `CTracer`'s members, in value-word order (after any subclass slots).
const TRACER_MEMBERS: [&str; 11] = [
    "should_trace",
    "check_include",
    "warn",
    "concur_id_func",
    "data",
    "file_tracers",
    "should_trace_cache",
    "trace_arcs",
    "should_start_context",
    "switch_context",
    "disable_plugin",
];
const M_SHOULD_TRACE: usize = 0;
const M_CHECK_INCLUDE: usize = 1;
const M_CONCUR_ID_FUNC: usize = 3;
const M_DATA: usize = 4;
const M_FILE_TRACERS: usize = 5;
const M_SHOULD_TRACE_CACHE: usize = 6;
const M_TRACE_ARCS: usize = 7;
const M_SHOULD_START_CONTEXT: usize = 8;
const M_SWITCH_CONTEXT: usize = 9;
const M_DISABLE_PLUGIN: usize = 10;

/// `CFileDisposition`'s members, in value-word order.
const DISP_MEMBERS: [&str; 7] = [
    "original_filename",
    "canonical_filename",
    "source_filename",
    "trace",
    "reason",
    "file_tracer",
    "has_dynamic_filename",
];
const D_SOURCE_FILENAME: usize = 2;
const D_TRACE: usize = 3;
const D_FILE_TRACER: usize = 5;
const D_HAS_DYNAMIC_FILENAME: usize = 6;

/// The record of one frame being traced.
#[derive(Clone, Copy)]
struct Entry {
    /// The file's set of lines or arcs; EMPTY when the frame's file is not
    /// traced.
    file_data: Value,
    /// The plug-in's file tracer, or None.
    file_tracer: Value,
    /// The file's disposition (None after a failed `check_include`).
    disposition: Value,
    /// The line last recorded (negative: the first line of the code, for
    /// the arc that enters it).
    last_line: i64,
    /// This frame started a dynamic context.
    started_context: bool,
}

impl Entry {
    const NONE: Entry = Entry {
        file_data: Value::EMPTY,
        file_tracer: Value::NONE,
        disposition: Value::NONE,
        last_line: 0,
        started_context: false,
    };
}

/// One data stack: entries `0..=depth` are the frames being traced.
#[derive(Default)]
struct Stack {
    entries: Vec<Entry>,
    depth: isize,
}

impl Stack {
    fn new() -> Stack {
        Stack {
            entries: Vec::new(),
            depth: -1,
        }
    }
}

struct State {
    started: bool,
    tracing_arcs: bool,
    activity: bool,
    /// Stack 0 is the tracer's own; stack `1 + i` is the one of the
    /// concurrency object that `data_stack_index` maps to `i`.
    stacks: Vec<Stack>,
    /// The stack in use (C's `pdata_stack`).
    cur: usize,
    /// The dynamic context started (None when none).
    context: Value,
    /// `weakref.WeakKeyDictionary` from concurrency objects to stack
    /// indexes, made when `concur_id_func` is first used; EMPTY before.
    stack_index: Value,
}

impl State {
    fn fresh() -> State {
        State {
            started: false,
            tracing_arcs: false,
            activity: false,
            stacks: vec![Stack::new()],
            cur: 0,
            context: Value::NONE,
            stack_index: Value::EMPTY,
        }
    }

    /// The entry of the innermost traced frame of the current stack.
    fn top(&mut self) -> Option<&mut Entry> {
        let s = &mut self.stacks[self.cur];
        usize::try_from(s.depth)
            .ok()
            .and_then(|d| s.entries.get_mut(d))
    }
}

/// The tracer's payload. Its state is read and written only inside
/// [`Tracer::with`], which holds the object's lock when the tracer is
/// shared (a local one only its thread can reach), and whose sections
/// neither allocate nor run Python code, so that no collection runs inside
/// one: the collector reads the state from `trace` at safepoints only.
/// One object lock, not a mutex, because a tracer is almost always used
/// by one thread: a local one takes no atomic operation per event.
struct Tracer {
    st: UnsafeCell<State>,
}

// SAFETY: `st` is reached only through `Tracer::with` (serialised by the
// object's lock for a shared tracer, by ownership for a local one) and by
// the collector, which runs when no `with` section is in progress.
unsafe impl Sync for Tracer {}

impl Tracer {
    /// Runs `f` on the state (see the type's comment).
    fn with<R>(&self, vm: &mut Vm, o: Obj, f: impl FnOnce(&mut State) -> R) -> R {
        vm.with_lock(o, |_| {
            // SAFETY: the object's lock is held, or the object is local to
            // this thread; sections do not nest (no `with` inside `f`).
            f(unsafe { &mut *self.st.get() })
        })
    }
}

impl Trace for Tracer {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        // SAFETY: the collector runs at safepoints, never inside a `with`
        // section (see the type's comment).
        let st = unsafe { &*self.st.get() };
        for s in &st.stacks {
            for e in &s.entries {
                for v in [e.file_data, e.file_tracer, e.disposition] {
                    if v.is_heap() {
                        f(v);
                    }
                }
            }
        }
        for v in [st.context, st.stack_index] {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

/// The disposition payload: none (its members are value words).
struct Disp;
impl Trace for Disp {}

/// The value word of member `i` of an object with `n` members at its end.
fn member_index(o: Obj, n: usize, i: usize) -> usize {
    o.n_values() - n + i
}

/// Member `i` of a tracer (None when never set, as a C `T_OBJECT` member).
fn member(o: Obj, i: usize) -> Value {
    let v = o.get(member_index(o, TRACER_MEMBERS.len(), i));
    if v.is_empty() {
        Value::NONE
    } else {
        v
    }
}

fn tracer_of(vm: &mut Vm, v: Value, what: &str) -> PyResult<(Obj, &'static Tracer)> {
    match Obj::from_value(v).and_then(|o| native_ref::<Tracer>(o).map(|t| (o, t))) {
        Some(r) => Ok(r),
        None => {
            let tn = vm.type_name_of(v);
            Err(vm.type_error(&format!(
                "descriptor '{what}' for 'coverage.CTracer' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// Member `i` of `disposition`: its value word when it is a
/// `CFileDisposition`, else its attribute; None when unset.
fn disp_member(vm: &mut Vm, disposition: Value, i: usize) -> PyResult<Value> {
    if let Some(o) = Obj::from_value(disposition).filter(|o| native_ref::<Disp>(*o).is_some()) {
        let v = o.get(member_index(o, DISP_MEMBERS.len(), i));
        return Ok(if v.is_empty() { Value::NONE } else { v });
    }
    let n = vm.intern(DISP_MEMBERS[i]);
    vm.getattr(disposition, n)
}

/// The C tracer's `PyErr_Print`: the error goes to `sys.excepthook` (and
/// `sys.last_*`), and tracing goes on.
fn print_error(vm: &mut Vm, e: PyException) {
    let exc = e.0;
    let mark = vm.push_root(exc);
    let t = vm.type_of(exc);
    let tb = Obj::from_value(exc)
        .filter(|o| o.n_values() > EXC_TB)
        .map_or(Value::NONE, |o| {
            let tb = o.get(EXC_TB);
            if tb.is_empty() {
                Value::NONE
            } else {
                tb
            }
        });
    let sys = *sync::lock(&vm.g.sys);
    for (name, v) in [
        ("last_type", t),
        ("last_value", exc),
        ("last_traceback", tb),
    ] {
        let k = vm.intern(name);
        let _ = vm.setattr(sys, k, v);
    }
    match crate::builtins::sys_attr(vm, "excepthook") {
        Some(hook) => {
            if let Err(e2) = vm.call(hook, &[t, exc, tb], Value::EMPTY) {
                crate::modules::sys::write_unraisable(vm, None, hook, e2.0);
            }
        }
        None => crate::modules::sys::write_stderr(vm, "sys.excepthook is missing\n"),
    }
    vm.pop_roots(mark);
}

/// `CTracer_disable_plugin`: reports the error and asks the collector to
/// disable the disposition's plug-in.
fn disable_plugin(vm: &mut Vm, o: Obj, disposition: Value, e: PyException) {
    print_error(vm, e);
    let f = member(o, M_DISABLE_PLUGIN);
    if let Err(e2) = vm.call(f, &[disposition], Value::EMPTY) {
        crate::modules::sys::write_stderr(vm, "Error occurred while disabling plug-in:\n");
        print_error(vm, e2);
    }
}

/// Records the arc `(l1, l2)` in `file_data`, packed as the C tracer does
/// (`Collector.flush_data` unpacks it).
fn record_pair(vm: &mut Vm, file_data: Value, l1: i64, l2: i64) -> PyResult<()> {
    let mut packed: u64 = 0;
    let (mut a, mut b) = (l1, l2);
    if a < 0 {
        packed |= 1 << 40;
        a = -a;
    }
    if b < 0 {
        packed |= 1 << 41;
        b = -b;
    }
    // As C's `int` arithmetic into a 64-bit word.
    packed |= ((b as u32 as u64) << 20).wrapping_add(a as u32 as u64);
    let v = vm.new_int(packed as i64);
    vm.set_add(file_data, v)
}

/// The frame an event is about: a VM frame of this thread (the
/// interpreter's direct call), or a frame object (a call of the tracer from
/// Python, maybe with a line number that stands for the frame's).
#[derive(Clone, Copy)]
enum Src {
    Live(usize),
    Object(Obj, i64),
}

impl Src {
    /// The frame object (made on demand for a VM frame).
    fn frame(self, vm: &mut Vm) -> Value {
        match self {
            Src::Live(fi) => vm.frame_fobj(fi),
            Src::Object(fo, _) => fo.value(),
        }
    }

    /// The code object the frame runs.
    fn code(self, vm: &mut Vm) -> Value {
        match self {
            Src::Live(fi) => vm.frame_code(fi),
            Src::Object(fo, _) => fo.get(trace::FO_CODE),
        }
    }

    /// The frame's line (the line number given with the event, if any).
    fn line(self, vm: &mut Vm) -> i64 {
        match self {
            Src::Live(fi) => vm.frame_line(fi),
            Src::Object(_, l) if l > 0 => l,
            Src::Object(fo, _) => match vm.live_frame_index(fo).map(|i| vm.frame_line(i)) {
                Some(l) if l != 0 => l,
                _ => fo.get(trace::FO_LINENO).as_int().unwrap_or(0),
            },
        }
    }

    /// `f_lasti` (-1 before the frame's first instruction).
    fn lasti(self, vm: &mut Vm) -> i64 {
        let fi = match self {
            Src::Live(fi) => Some(fi),
            Src::Object(fo, _) => vm.live_frame_index(fo),
        };
        match (fi, self) {
            (Some(i), _) => vm.frame_lasti(i),
            (None, Src::Object(fo, _)) => fo.get(trace::FO_LASTI).as_int().unwrap_or(-1),
            (None, Src::Live(_)) => -1,
        }
    }
}

/// Selects the data stack of the current concurrency object
/// (`CTracer_set_pdata_stack`) when `concur_id_func` is set, and says
/// whether it is; without one, the caller's section selects stack 0.
fn set_pdata_stack(vm: &mut Vm, o: Obj, t: &Tracer) -> PyResult<bool> {
    let f = member(o, M_CONCUR_ID_FUNC);
    if f.is_none() {
        return Ok(false);
    }
    let mut index = t.with(vm, o, |st| st.stack_index);
    if index.is_empty() {
        let weakref = vm.import_module("weakref")?;
        index = vm.call_method(weakref, "WeakKeyDictionary", &[])?;
        let index = keep(vm, o, index);
        t.with(vm, o, |st| st.stack_index = index);
    }
    let co = vm.call(f, &[], Value::EMPTY)?;
    let mark = vm.push_root(co);
    let r = (|| {
        let the_index = match vm.getitem(index, co) {
            Ok(v) => usize::try_from(c_int(vm, v)?).unwrap_or(usize::MAX),
            Err(_) => {
                let used = t.with(vm, o, |st| st.stacks.len() - 1);
                vm.setitem(index, co, Value::int(used as i64))?;
                t.with(vm, o, |st| st.stacks.push(Stack::new()));
                used
            }
        };
        t.with(vm, o, |st| {
            if the_index + 1 < st.stacks.len() {
                st.cur = the_index + 1;
            }
        });
        Ok(true)
    })();
    vm.pop_roots(mark);
    r
}

/// `v`, promoted first when tracer `o` is shared: for a value its payload
/// is to hold, as the write barrier does for value words.
fn keep(vm: &mut Vm, o: Obj, v: Value) -> Value {
    if o.is_shared() && v.is_heap() {
        vm.ctx.promote(v);
    }
    v
}

fn handle_call(vm: &mut Vm, o: Obj, t: &Tracer, src: Src) -> PyResult<()> {
    let concur = set_pdata_stack(vm, o, t)?;
    let no_context = t.with(vm, o, |st| {
        if !concur {
            st.cur = 0;
        }
        let cur = st.cur;
        let s = &mut st.stacks[cur];
        s.depth += 1;
        let d = s.depth as usize;
        if s.entries.len() <= d {
            s.entries.push(Entry::NONE);
        }
        st.context.is_none()
    });
    // A new dynamic context?
    let ssc = member(o, M_SHOULD_START_CONTEXT);
    let mut started_context = false;
    if !ssc.is_none() && no_context {
        let frame = src.frame(vm);
        let context = vm.call(ssc, &[frame], Value::EMPTY)?;
        if !context.is_none() {
            let context = keep(vm, o, context);
            t.with(vm, o, |st| {
                st.context = context;
                if let Some(e) = st.top() {
                    e.started_context = true;
                }
            });
            started_context = true;
            let sw = member(o, M_SWITCH_CONTEXT);
            vm.call(sw, &[context], Value::EMPTY)?;
        }
    }
    if !started_context {
        t.with(vm, o, |st| {
            if let Some(e) = st.top() {
                e.started_context = false;
            }
        });
    }

    // Should this file be traced?
    let code = src.code(vm);
    let Some(cd) = code_data(code) else {
        return Ok(());
    };
    let filename = cd.filename_value;
    let cache = member(o, M_SHOULD_TRACE_CACHE);
    let mark = vm.push_root(filename);
    let r = (|| {
        let disposition = match vm.dict_get(cache, filename)? {
            Some(d) => d,
            None => {
                let f = member(o, M_SHOULD_TRACE);
                let frame = src.frame(vm);
                let d = vm.call(f, &[filename, frame], Value::EMPTY)?;
                vm.push_root(d);
                vm.dict_set(cache, filename, d)?;
                d
            }
        };
        vm.push_root(disposition);
        let disp_trace = if disposition.is_none() {
            Value::FALSE
        } else {
            disp_member(vm, disposition, D_TRACE)?
        };
        let mut tracename = Value::NONE;
        let mut file_tracer = Value::NONE;
        let mut plugin_name = Value::NONE;
        if disp_trace == Value::TRUE {
            tracename = disp_member(vm, disposition, D_SOURCE_FILENAME)?;
            file_tracer = disp_member(vm, disposition, D_FILE_TRACER)?;
            vm.push_root(file_tracer);
            if !file_tracer.is_none() {
                let k = vm.intern("_coverage_plugin");
                let plugin = vm.getattr(file_tracer, k)?;
                vm.push_root(plugin);
                let k = vm.intern("_coverage_plugin_name");
                plugin_name = vm.getattr(plugin, k)?;
                vm.push_root(plugin_name);
            }
            let dynamic = disp_member(vm, disposition, D_HAS_DYNAMIC_FILENAME)?;
            if dynamic == Value::TRUE {
                let frame = src.frame(vm);
                let next = match vm.call_method(
                    file_tracer,
                    "dynamic_source_filename",
                    &[tracename, frame],
                ) {
                    Ok(n) => n,
                    Err(e) => {
                        disable_plugin(vm, o, disposition, e);
                        return Ok(());
                    }
                };
                tracename = next;
                vm.push_root(tracename);
                if !tracename.is_none() {
                    let include = match vm.dict_get(cache, tracename)? {
                        Some(included) => !included.is_none(),
                        None => {
                            let f = member(o, M_CHECK_INCLUDE);
                            let b = vm.call(f, &[tracename, frame], Value::EMPTY)?;
                            let include = b == Value::TRUE;
                            let stored = if include { disposition } else { Value::NONE };
                            vm.dict_set(cache, tracename, stored)?;
                            include
                        }
                    };
                    if !include {
                        tracename = Value::NONE;
                    }
                }
            }
        }
        let mut file_data = Value::EMPTY;
        let frame = src.frame(vm);
        let fo = Obj::from_value(frame).expect("frame object");
        if !tracename.is_none() {
            let data = member(o, M_DATA);
            file_data = match vm.dict_get(data, tracename)? {
                Some(fd) => fd,
                None => {
                    let fd = vm.new_set(false);
                    vm.push_root(fd);
                    vm.dict_set(data, tracename, fd)?;
                    if !file_tracer.is_none() {
                        let ft = member(o, M_FILE_TRACERS);
                        vm.dict_set(ft, tracename, plugin_name)?;
                    }
                    fd
                }
            };
        } else {
            file_tracer = Value::NONE;
            // No line events for this frame.
            if fo.n_values() >= trace::FO_N {
                vm.store(fo, trace::FO_TRACE_LINES, Value::FALSE);
            }
        }
        // The frame's trace function, should `settrace(gettrace())` happen.
        if fo.n_values() >= trace::FO_N {
            vm.store(fo, trace::FO_TRACE, o.value());
        }
        // A call event is also a generator's resumption: its arcs start
        // from the line it resumes at.
        let last_line = if src.lasti(vm) < 0 {
            -(cd.code.first_lineno as i64)
        } else {
            src.line(vm)
        };
        let (file_data, file_tracer, disposition) = (
            keep(vm, o, file_data),
            keep(vm, o, file_tracer),
            keep(vm, o, disposition),
        );
        t.with(vm, o, |st| {
            if let Some(e) = st.top() {
                e.file_data = file_data;
                e.file_tracer = file_tracer;
                e.disposition = disposition;
                e.last_line = last_line;
            }
        });
        Ok(())
    })();
    vm.pop_roots(mark);
    r
}

fn handle_line(
    vm: &mut Vm,
    o: Obj,
    t: &Tracer,
    src: Src,
    arcs: bool,
    entry: Entry,
    line: i64,
) -> PyResult<()> {
    if entry.file_tracer.is_none() {
        // `last_line` was moved on to `line` when the entry was read.
        return if arcs {
            record_pair(vm, entry.file_data, entry.last_line, line)
        } else {
            vm.set_add(entry.file_data, Value::int(line))
        };
    }
    let frame = src.frame(vm);
    let pair = match vm.call_method(entry.file_tracer, "line_number_range", &[frame]) {
        Ok(p) => p,
        Err(e) => {
            disable_plugin(vm, o, entry.disposition, e);
            return Ok(());
        }
    };
    let (from, to) = match unpack_pair(vm, pair) {
        Ok(p) => p,
        Err(e) => {
            disable_plugin(vm, o, entry.disposition, e);
            return Ok(());
        }
    };
    if from == -1 {
        return Ok(());
    }
    let mut last = entry.last_line;
    let mut l = from;
    while l <= to {
        if arcs {
            record_pair(vm, entry.file_data, last, l)?;
        } else {
            vm.set_add(entry.file_data, Value::int(l))?;
        }
        last = l;
        l += 1;
        t.with(vm, o, |st| {
            if let Some(e) = st.top() {
                e.last_line = last;
            }
        });
    }
    Ok(())
}

/// A C `int` from an int (or an object with `__index__`), as the C
/// tracer's conversions.
fn c_int(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = match v.as_int() {
        Some(i) => i,
        None if vm.has_index(v) => vm.index_isize(v)? as i64,
        None => {
            let tn = vm.type_name_of(v);
            return Err(vm.type_error(&format!(
                "'{tn}' object cannot be interpreted as an integer"
            )));
        }
    };
    if i < i32::MIN as i64 || i > i32::MAX as i64 {
        return Err(vm.new_exc(
            vm.g.e.OverflowError,
            "Python int too large to convert to C int",
        ));
    }
    Ok(i)
}

/// `line_number_range`'s result: a 2-tuple of C ints.
fn unpack_pair(vm: &mut Vm, pair: Value) -> PyResult<(i64, i64)> {
    if !vm.isinstance(pair, vm.g.types.tuple) || vm.len(pair)? != 2 {
        return Err(vm.type_error("line_number_range must return 2-tuple"));
    }
    let items = vm.collect(pair)?;
    Ok((c_int(vm, items[0])?, c_int(vm, items[1])?))
}

fn handle_return(vm: &mut Vm, o: Obj, t: &Tracer, src: Src) -> PyResult<()> {
    let concur = set_pdata_stack(vm, o, t)?;
    let top = t.with(vm, o, |st| {
        if !concur {
            st.cur = 0;
        }
        let arcs = st.tracing_arcs;
        st.top().map(|e| (arcs, *e))
    });
    let Some((arcs, entry)) = top else {
        return Ok(());
    };
    if arcs && !entry.file_data.is_empty() {
        let code = src.code(vm);
        if let Some(cd) = code_data(code) {
            // A return event is also a generator's yield, which is no exit.
            let lasti = src.lasti(vm);
            let op = usize::try_from(lasti)
                .ok()
                .and_then(|i| cd.code.code.get(i))
                .copied();
            let real_return =
                op != Some(Opcode::YieldValue as u8) && op != Some(Opcode::YieldFrom as u8);
            if real_return {
                let first = cd.code.first_lineno as i64;
                record_pair(vm, entry.file_data, entry.last_line, -first)?;
            }
        }
    }
    if entry.started_context {
        t.with(vm, o, |st| st.context = Value::NONE);
        let sw = member(o, M_SWITCH_CONTEXT);
        vm.call(sw, &[Value::NONE], Value::EMPTY)?;
    }
    t.with(vm, o, |st| {
        let cur = st.cur;
        st.stacks[cur].depth -= 1;
    });
    Ok(())
}

/// What [`trace_event`]'s look at the state found.
enum Next {
    /// The tracer was stopped.
    Stopped,
    /// Nothing to record.
    Done,
    /// A line event of a traced frame: arcs or lines, and its entry as it
    /// was before the event.
    Line(bool, Entry),
    /// Another event.
    Other,
}

/// `CTracer_trace`: event `what` (`trace::EV_*`) of the frame `src`.
/// False when the tracer was stopped (it removed itself).
fn trace_event(vm: &mut Vm, o: Obj, t: &Tracer, src: Src, what: u8) -> PyResult<bool> {
    // A line event, the common one, takes one section: the entry is read
    // and, without a plug-in's line range, its last line moved on to this
    // one (what the C tracer does once the line is recorded).
    let line = if what == trace::EV_LINE {
        src.line(vm)
    } else {
        0
    };
    let next = t.with(vm, o, |st| {
        if !st.started {
            return Next::Stopped;
        }
        st.activity = true;
        if what != trace::EV_LINE {
            return Next::Other;
        }
        let arcs = st.tracing_arcs;
        match st.top() {
            Some(e) if !e.file_data.is_empty() => {
                let before = *e;
                if e.file_tracer.is_none() {
                    e.last_line = line;
                }
                Next::Line(arcs, before)
            }
            _ => Next::Done,
        }
    });
    match next {
        Next::Stopped => {
            // `stop()` was called, maybe from another thread: this thread
            // stops tracing now.
            vm.set_trace(Value::NONE);
            return Ok(false);
        }
        Next::Done => {}
        Next::Line(arcs, e) => handle_line(vm, o, t, src, arcs, e, line)?,
        Next::Other => match what {
            trace::EV_CALL => handle_call(vm, o, t, src)?,
            trace::EV_RETURN => handle_return(vm, o, t, src)?,
            _ => {}
        },
    }
    Ok(true)
}

/// The interpreter's direct call of the tracer installed as a thread's
/// trace function (`trace::NativeTrace`).
fn native_event(vm: &mut Vm, tracer: Value, fi: usize, what: u8, _arg: Value) -> PyResult<()> {
    let (o, t) = tracer_of(vm, tracer, "__call__")?;
    trace_event(vm, o, t, Src::Live(fi), what).map(|_| ())
}

/// `CTracer.__call__(frame, event, arg, lineno=0)`: the tracer as a trace
/// function; returns itself.
fn t_call(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let (o, t) = tracer_of(vm, a[0], "__call__")?;
    let mut args = crate::args::Args::new(&a[1..], k);
    let frame = args.get(0, "frame");
    let event = args.get(1, "event");
    let arg = args.get(2, "arg");
    let lineno = args.get(3, "lineno");
    args.no_more_kw(vm, "Tracer_call")?;
    if args.pos.len() > 4 {
        return Err(vm.type_error(&format!(
            "Tracer_call() takes at most 4 arguments ({} given)",
            args.pos.len()
        )));
    }
    let (Some(frame), Some(event), Some(_arg)) = (frame, event, arg) else {
        let given = a.len() - 1;
        return Err(vm.type_error(&format!(
            "Tracer_call() missing required argument '{}' (pos {})",
            ["frame", "event", "arg"][given.min(2)],
            given.min(2) + 1
        )));
    };
    let fo = match Obj::from_value(frame) {
        Some(f) if f.kind() == K_MISC && f.class() == vm.g.types.frame => f,
        _ => {
            let tn = vm.type_name_of(frame);
            return Err(vm.type_error(&format!("Tracer_call() argument 1 must be frame, not {tn}")));
        }
    };
    if !is_str(event) {
        let tn = vm.type_name_of(event);
        return Err(vm.type_error(&format!("Tracer_call() argument 2 must be str, not {tn}")));
    }
    let lineno = match lineno {
        Some(v) => c_int(vm, v)?,
        None => 0,
    };
    let what = {
        let s = str_of(event);
        // "opcode" and unknown names are events the tracer ignores.
        trace::EV_NAMES
            .iter()
            .position(|n| *n == &*s)
            .unwrap_or(trace::EV_NAMES.len()) as u8
    };
    let tracing = trace_event(vm, o, t, Src::Object(fo, lineno), what)?;
    // As the C tracer re-installs itself on a call event (`PyEval_SetTrace`):
    // the thread's trace function from the next call on.
    if what == trace::EV_CALL && tracing {
        vm.set_trace(o.value());
    }
    Ok(o.value())
}

/// `start()`: installs the tracer as this thread's trace function and
/// returns it.
fn t_start(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, t) = tracer_of(vm, a[0], "start")?;
    let arcs = member(o, M_TRACE_ARCS);
    let tracing_arcs = !arcs.is_none() && vm.truthy(arcs)?;
    t.with(vm, o, |st| {
        st.started = true;
        st.tracing_arcs = tracing_arcs;
    });
    vm.set_trace(o.value());
    Ok(o.value())
}

/// `stop()`: marks the tracer stopped; each thread it traces removes it at
/// its next event.
fn t_stop(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, t) = tracer_of(vm, a[0], "stop")?;
    t.with(vm, o, |st| st.started = false);
    Ok(Value::NONE)
}

fn t_activity(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, t) = tracer_of(vm, a[0], "activity")?;
    Ok(Value::bool(t.with(vm, o, |st| st.activity)))
}

fn t_reset_activity(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, t) = tracer_of(vm, a[0], "reset_activity")?;
    t.with(vm, o, |st| st.activity = false);
    Ok(Value::NONE)
}

/// `get_stats()`: None, as the C tracer built without its statistics.
fn t_get_stats(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    tracer_of(vm, a[0], "get_stats")?;
    Ok(Value::NONE)
}

/// `CTracer.__new__(cls, *args, **kwargs)` (arguments ignored).
fn t_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = new_cls(vm, a, "CTracer")?;
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co) + TRACER_MEMBERS.len();
    Ok(vm.ctx.alloc_native_with_values(
        K_INSTANCE,
        cls,
        n,
        Tracer {
            st: UnsafeCell::new(State::fresh()),
        },
    ))
}

/// `CTracer.__init__(*args, **kwargs)`: a fresh data stack and no context.
fn t_init(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, t) = tracer_of(vm, a[0], "__init__")?;
    t.with(vm, o, |st| {
        let started = st.started;
        *st = State::fresh();
        st.started = started;
    });
    Ok(Value::NONE)
}

/// `CFileDisposition.__new__(cls, *args, **kwargs)` (arguments ignored).
fn d_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let cls = new_cls(vm, a, "CFileDispositionType")?;
    let co = Obj::from_value(cls).expect("type");
    let n = 1 + type_nslots(co) + DISP_MEMBERS.len();
    Ok(vm.ctx.alloc_native_with_values(K_INSTANCE, cls, n, Disp))
}

fn d_init(_vm: &mut Vm, _a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// The class argument of a `__new__`.
fn new_cls(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    match a.first() {
        Some(&c) if Obj::from_value(c).is_some_and(|o| o.kind() == K_TYPE) => Ok(c),
        Some(&c) => {
            let tn = vm.type_name_of(c);
            Err(vm.type_error(&format!("{name}.__new__(X): X is not a type object ({tn})")))
        }
        None => Err(vm.type_error(&format!("{name}.__new__(): not enough arguments"))),
    }
}

/// Reads member `i` of `a[0]`, an object with the `n` members of `owner`.
fn get_member(vm: &mut Vm, a: &[Value], n: usize, i: usize, owner: &str) -> PyResult<Value> {
    let o = member_owner(vm, a, n, owner)?;
    let v = o.get(member_index(o, n, i));
    Ok(if v.is_empty() { Value::NONE } else { v })
}

/// Writes member `i` (a missing value deletes it: reads give None).
fn set_member(vm: &mut Vm, a: &[Value], n: usize, i: usize, owner: &str) -> PyResult<Value> {
    let o = member_owner(vm, a, n, owner)?;
    let v = a.get(1).copied().unwrap_or(Value::EMPTY);
    vm.store(o, member_index(o, n, i), v);
    Ok(Value::NONE)
}

fn member_owner(vm: &mut Vm, a: &[Value], n: usize, owner: &str) -> PyResult<Obj> {
    let o = a.first().and_then(|&v| Obj::from_value(v));
    let ok = o.is_some_and(|o| {
        if n == TRACER_MEMBERS.len() {
            native_ref::<Tracer>(o).is_some()
        } else {
            native_ref::<Disp>(o).is_some()
        }
    });
    match o {
        Some(o) if ok => Ok(o),
        _ => {
            let tn = a
                .first()
                .map_or_else(|| "NoneType".into(), |&v| vm.type_name_of(v));
            Err(vm.type_error(&format!(
                "descriptor for '{owner}' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

macro_rules! member_fns {
    ($n:expr, $owner:expr, $($i:literal => $get:ident, $set:ident;)*) => {
        $(
            fn $get(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
                get_member(vm, a, $n, $i, $owner)
            }
            fn $set(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
                set_member(vm, a, $n, $i, $owner)
            }
        )*
    };
}

member_fns!(TRACER_MEMBERS.len(), "coverage.CTracer",
    0 => tg0, ts0; 1 => tg1, ts1; 2 => tg2, ts2; 3 => tg3, ts3; 4 => tg4, ts4;
    5 => tg5, ts5; 6 => tg6, ts6; 7 => tg7, ts7; 8 => tg8, ts8; 9 => tg9, ts9;
    10 => tg10, ts10;
);
member_fns!(DISP_MEMBERS.len(), "coverage.CFileDispositionType",
    0 => dg0, ds0; 1 => dg1, ds1; 2 => dg2, ds2; 3 => dg3, ds3; 4 => dg4, ds4;
    5 => dg5, ds5; 6 => dg6, ds6;
);

/// A class of the module, without `__dict__` (rooted by the caller's
/// root mark).
fn new_class(vm: &mut Vm, name: &str, modname: Value, doc: &str, new: NativeFn) -> Value {
    let t = vm.new_static_type(name, vm.g.types.object, K_INSTANCE, true);
    vm.push_root(t);
    let to = Obj::from_value(t).expect("type");
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_attr(t, "__module__", modname);
    let doc = vm.new_str(doc);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);
    vm.add_static(t, "__new__", new, false);
    t
}

/// The tracer keeps coverage.py 7's protocol (sets of line numbers, arcs
/// packed into ints); an older `coverage` package (its `coverage.version`,
/// which its `__init__` imports first) gets an ImportError, and with it its
/// own Python tracer.
fn check_version(vm: &mut Vm) -> PyResult<()> {
    let key = vm.intern("coverage.version");
    let major = match vm.dict_get_str(vm.g.sys_modules, key) {
        Some(m) => {
            let k = vm.intern("version_info");
            let info = vm.getattr(m, k)?;
            vm.getitem(info, Value::int(0))?.as_int()
        }
        None => None,
    };
    if major.is_some_and(|v| v >= 7) {
        return Ok(());
    }
    Err(vm.new_exc(
        vm.g.e.ImportError,
        "ProtoPy's coverage.tracer follows coverage.py 7 (coverage.version.version_info >= (7,))",
    ))
}

/// Makes the module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    check_version(vm)?;
    let m = vm.new_module("coverage.tracer");
    let mark = vm.push_root(m);
    let modname = vm.new_str("coverage");
    vm.ctx.promote(modname);
    vm.push_root(modname);

    let t = new_class(vm, "CTracer", modname, "CTracer objects", t_new);
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", t_init),
        ("__call__", t_call),
        ("start", t_start),
        ("stop", t_stop),
        ("get_stats", t_get_stats),
        ("activity", t_activity),
        ("reset_activity", t_reset_activity),
    ];
    for &(n, f) in methods {
        vm.add_method(t, n, f);
    }
    let tg: [NativeFn; 11] = [tg0, tg1, tg2, tg3, tg4, tg5, tg6, tg7, tg8, tg9, tg10];
    let ts: [NativeFn; 11] = [ts0, ts1, ts2, ts3, ts4, ts5, ts6, ts7, ts8, ts9, ts10];
    let members: Vec<(&'static str, NativeFn, NativeFn)> = (0..TRACER_MEMBERS.len())
        .map(|i| (TRACER_MEMBERS[i], tg[i], ts[i]))
        .collect();
    add_writable_members(vm, t, &members);
    vm.set_module_attr(m, "CTracer", t);
    vm.register_native_tracer(t, native_event);

    let d = new_class(
        vm,
        "CFileDispositionType",
        modname,
        "CFileDisposition objects",
        d_new,
    );
    vm.add_method(d, "__init__", d_init);
    let dg: [NativeFn; 7] = [dg0, dg1, dg2, dg3, dg4, dg5, dg6];
    let ds: [NativeFn; 7] = [ds0, ds1, ds2, ds3, ds4, ds5, ds6];
    let members: Vec<(&'static str, NativeFn, NativeFn)> = (0..DISP_MEMBERS.len())
        .map(|i| (DISP_MEMBERS[i], dg[i], ds[i]))
        .collect();
    add_writable_members(vm, d, &members);
    vm.set_module_attr(m, "CFileDisposition", d);
    vm.pop_roots(mark);
    Ok(m)
}
