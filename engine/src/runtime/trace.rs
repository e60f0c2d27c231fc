//! Tracing and profiling (`sys.settrace`, `sys.setprofile`): the thread's
//! hooks, the events the interpreter loop reports, and live frame objects.
//!
//! # Design
//! The loop (`interp.rs`) is one generic function instantiated twice:
//! `run_inner::<false>` has no tracing code at all, `run_inner::<true>`
//! reports events. [`Vm::trace_on`] (this thread only: hooks are per
//! thread, as in CPython) says which one runs. The plain loop looks at it
//! only where a frame starts or resumes (the top of its frame loop, reached
//! by every call and return) and after a call to native code returned (so
//! `breakpoint()` or `sys.settrace` take effect at the caller's next
//! instruction); when it differs, the loop saves the frame's state and hands
//! over to the other instantiation, which resumes the same frame stack. So
//! the per-instruction dispatch of untraced code does not change.
//!
//! The tracing loop reports, as CPython 3.11's `ceval.c`:
//! - `call` when a frame starts or a generator resumes
//!   ([`Frame::call_pending`]); the global trace function's result becomes
//!   the frame's `f_trace`;
//! - `line` before an instruction whose line differs from the previous
//!   instruction's, or that a backward jump reached; `opcode` before every
//!   instruction when `f_trace_opcodes` is set;
//! - `return` when the frame returns or yields (value), or is left by an
//!   exception (None); `exception` where the exception was raised or
//!   entered the frame from a callee (not on a re-raise);
//! - to the profile function: `call`, `return`, and `c_call`, `c_return`,
//!   `c_exception` around calls of builtin functions.
//!
//! No event is reported while a hook runs ([`Vm::trace_busy`]). A trace
//! function that raises is removed (with the frame's `f_trace`), as CPython.
//!
//! # Frame objects
//! A frame object is a `K_MISC` of class `frame` with the values
//! `FO_*` and one raw word: the index + 1 of the live VM frame it stands
//! for (0: none). It is live while `vm.frames[index].fobj` is that object;
//! its line and `f_back` are then read from the VM frame. A frame's object
//! is made on demand (an event, `sys._getframe`) and stored in
//! [`Frame::fobj`], rooted by the thread's root slots from
//! [`ROOT_FRAMES`] on (dead entries are dropped each time one is added)
//! or, for a generator's frame, by the generator (so every resumption
//! reports the same object, as CPython).

use super::*;
use proto_core::layouts::{get_raw, set_raw};

/// Root slot of this thread's trace function (EMPTY: none).
const ROOT_TRACE: usize = 7;
/// Root slot of this thread's profile function (EMPTY: none).
const ROOT_PROFILE: usize = 8;
/// Root slots from here on hold frame objects of live frames (the slots
/// below are fixed per-thread values, see `mod.rs`).
const ROOT_FRAMES: usize = 16;

/// Frame object values.
pub const FO_CODE: usize = 0;
pub const FO_LINENO: usize = 1;
pub const FO_LASTI: usize = 2;
pub const FO_GLOBALS: usize = 3;
pub const FO_BACK: usize = 4;
pub const FO_TRACE: usize = 5;
pub const FO_TRACE_LINES: usize = 6;
pub const FO_TRACE_OPCODES: usize = 7;
/// The dict `f_locals` returned for an optimized frame (EMPTY until asked).
pub const FO_LOCALS: usize = 8;
/// The generator whose frame this is, or None.
pub const FO_GEN: usize = 9;
/// Once a function's frame has ended: a storage object holding a copy of
/// its fast-local and cell slots (cells as cells), which each `f_locals`
/// copies into the `FO_LOCALS` dict ([`Vm::ended_frame_locals`]), as
/// CPython's frame object takes over the frame's variables; EMPTY before,
/// and after `frame.clear()`.
pub const FO_SLOTS: usize = 10;
/// Number of values of a frame object.
pub const FO_N: usize = 11;
/// Raw word: live VM frame index + 1.
const FO_RAW_INDEX: usize = 0;

/// Events, numbered as CPython's `PyTrace_*`.
pub const EV_CALL: u8 = 0;
pub const EV_EXCEPTION: u8 = 1;
pub const EV_LINE: u8 = 2;
pub const EV_RETURN: u8 = 3;
pub const EV_C_CALL: u8 = 4;
pub const EV_C_EXCEPTION: u8 = 5;
pub const EV_C_RETURN: u8 = 6;
pub const EV_OPCODE: u8 = 7;
/// The events' names, by `EV_*`.
pub const EV_NAMES: [&str; 8] = [
    "call",
    "exception",
    "line",
    "return",
    "c_call",
    "c_exception",
    "c_return",
    "opcode",
];

/// The handler of a native trace function (a C tracer's `Py_tracefunc`):
/// called with the trace function, the VM frame and the event (`EV_*`)
/// and its argument, without a frame object's locals synchronised or a
/// call through Python. Its error propagates into the traced code, and
/// the trace function stays installed, as for CPython's C trace functions.
pub type NativeTrace = fn(&mut Vm, Value, usize, u8, Value) -> PyResult<()>;

impl Vm {
    /// Registers class `cls` (a global root from now on): an instance of it,
    /// or of a subclass, set as a thread's trace function is called through
    /// `handler` (python_env, when it makes the module of the class).
    pub fn register_native_tracer(&mut self, cls: Value, handler: NativeTrace) {
        self.ctx.add_global_root(cls);
        proto_core::sync::lock(&self.g.native_tracers).push((cls, handler));
    }

    /// The native handler of trace function `f`, if its class registered one.
    fn native_trace_of(&mut self, f: Value) -> Option<NativeTrace> {
        if !f.is_heap() {
            return None;
        }
        let cls = self.type_of(f);
        let list: Vec<(Value, NativeTrace)> =
            proto_core::sync::lock(&self.g.native_tracers).clone();
        list.into_iter()
            .find(|&(c, _)| c == cls || self.is_subtype(cls, c))
            .map(|(_, h)| h)
    }

    fn hook(&mut self, slot: usize) -> Value {
        match self.ctx.root_slots().get(slot) {
            Some(&v) if !v.is_empty() => v,
            _ => Value::NONE,
        }
    }

    fn set_hook(&mut self, slot: usize, f: Value) {
        let slots = self.ctx.root_slots();
        while slots.len() <= ROOT_PROFILE {
            slots.push(Value::EMPTY);
        }
        slots[slot] = if f.is_none() { Value::EMPTY } else { f };
        self.refresh_trace_on();
    }

    /// Runs the tracing loop when a hook is set, while allocations are
    /// traced (`tracemalloc`: that loop keeps each frame's `lasti` at the
    /// line it runs, which an allocation's traceback reads), or under
    /// `-X trace`.
    ///
    /// A hook's own code runs in the plain loop ([`Vm::trace_busy`]: it
    /// reports nothing, and the tracing loop would look up each of its
    /// instructions' lines for no event).
    pub fn refresh_trace_on(&mut self) {
        let on = self.trace_wanted();
        if on && !self.trace_on {
            // Frames already running get no `call` event.
            for f in self.frames.iter_mut() {
                f.call_pending = false;
            }
        }
        self.trace_on = on;
    }

    /// Whether the tracing loop is to run now (see `refresh_trace_on`).
    fn trace_wanted(&mut self) -> bool {
        let slots = self.ctx.root_slots();
        let hooked = slots.get(ROOT_TRACE).is_some_and(|v| !v.is_empty())
            || slots.get(ROOT_PROFILE).is_some_and(|v| !v.is_empty());
        (hooked && !self.trace_busy) || proto_core::alloc_trace::active() || instruction_trace()
    }

    /// Sets [`Vm::trace_busy`] (a hook starts or ends, or `sys.call_tracing`
    /// reports again inside one) and the loop that goes with it. Frames'
    /// pending `call` events are left as they are: frames started while a
    /// hook ran have ended before it returns.
    pub fn set_trace_busy(&mut self, busy: bool) {
        self.trace_busy = busy;
        self.trace_on = self.trace_wanted();
    }

    /// This thread's trace function (`sys.gettrace()`), None if none.
    pub fn trace_func(&mut self) -> Value {
        self.hook(ROOT_TRACE)
    }

    /// This thread's profile function (`sys.getprofile()`), None if none.
    pub fn profile_func(&mut self) -> Value {
        self.hook(ROOT_PROFILE)
    }

    /// `sys.settrace(f)` (None removes it).
    pub fn set_trace(&mut self, f: Value) {
        self.native_trace = self.native_trace_of(f).map(|h| (f, h));
        self.set_hook(ROOT_TRACE, f);
    }

    /// `sys.setprofile(f)` (None removes it).
    pub fn set_profile(&mut self, f: Value) {
        self.set_hook(ROOT_PROFILE, f);
    }

    /// Is a profile function set?
    #[inline]
    pub(crate) fn profiling(&mut self) -> bool {
        matches!(self.ctx.root_slots().get(ROOT_PROFILE), Some(v) if !v.is_empty())
    }

    /// A new (dead) frame object: `f_back` None, no trace function.
    pub fn new_frame_object(&mut self, code: Value, line: i64, lasti: i64, globals: Value) -> Obj {
        let fo = self.alloc_obj(K_MISC, self.g.types.frame, FO_N, 1);
        fo.init(FO_CODE, code);
        fo.init(FO_LINENO, Value::int(line));
        fo.init(FO_LASTI, Value::int(lasti));
        fo.init(FO_GLOBALS, globals);
        fo.init(FO_BACK, Value::NONE);
        fo.init(FO_TRACE, Value::NONE);
        fo.init(FO_TRACE_LINES, Value::TRUE);
        fo.init(FO_TRACE_OPCODES, Value::FALSE);
        fo.init(FO_LOCALS, Value::EMPTY);
        fo.init(FO_GEN, Value::NONE);
        fo.init(FO_SLOTS, Value::EMPTY);
        set_raw(fo, FO_RAW_INDEX, 0);
        fo
    }

    /// The current line of frame `f` (see [`Vm::frame_line`]).
    pub(crate) fn line_of(f: &Frame) -> i64 {
        if f.call_pending && f.pc == 0 && f.lasti == 0 {
            return f.code.code.first_lineno as i64;
        }
        f.code.code.line_at(f.lasti as u32) as i64
    }

    /// Frame `f`, just taken off `vm.frames`, had a frame object: the
    /// object keeps what the frame was when it stopped running — its line
    /// and offset, and, when the frame has ended (`finished`: returned or
    /// left by an exception, not suspended by a yield), its variables (a
    /// copy of their slots, [`FO_SLOTS`], read by `f_locals` of the dead
    /// frame; none for a generator's frame, which CPython clears), and it
    /// is no longer rooted by the thread. Called
    /// before the frame's value-stack slots are cleared.
    #[cold]
    #[inline(never)]
    pub(crate) fn frame_ended(&mut self, f: &Frame, finished: bool) {
        let Some(fo) = Obj::from_value(f.fobj).filter(|o| o.n_values() >= FO_N) else {
            return;
        };
        let mut line = Self::line_of(f);
        // An implicit `return None` has no line of its own: the frame ended
        // on the line run last (CPython gives that return the line).
        if line == 0 {
            line = f.code.code.line_at_or_before(f.lasti as u32) as i64;
        }
        if line != 0 {
            self.store(fo, FO_LINENO, Value::int(line));
        }
        self.store(fo, FO_LASTI, Value::int(f.lasti as i64 * 2));
        if !finished {
            return;
        }
        if f.gen.is_heap() {
            // A finished generator's frame is cleared, as CPython's: the
            // generator (which keeps its frame object) keeps no locals.
            self.store(fo, FO_LOCALS, Value::EMPTY);
            return;
        }
        let lm = self.ctx.stack().slots_mut()[f.base + 2];
        if lm.is_heap() {
            self.store(fo, FO_LOCALS, lm);
        } else {
            // A copy of the slots; the dict of names is made only when
            // `f_locals` is read: a raising call's frame object is made for
            // its traceback entry, and building that dict here for each one
            // cost more than the rest of the raise and catch.
            let n = f.code.nlocals + f.code.ncells;
            let snap = self.alloc_obj(Kind::STORAGE, Value::NONE, n, 0);
            let from = f.base + FRAME_HEADER;
            let st = self.ctx.stack().slots_mut();
            for i in 0..n {
                snap.init(i, st[from + i]);
            }
            self.store(fo, FO_SLOTS, snap.value());
            let d = fo.get(FO_LOCALS);
            if Obj::from_value(d).is_some_and(|o| o.kind() == Kind::DICT) {
                // `f_locals` was asked for while it ran: that dict holds
                // the final values too.
                self.fast_to_locals_of(f.code, f.base, d);
            }
        }
        // Unrooted last: the allocation above may collect, and until the
        // store nothing else need refer to the object.
        self.unroot_frame_object(fo.value());
    }

    /// `f_locals` of frame object `fo`, whose frame has ended: its dict
    /// (the same object on every read), refreshed from the copy of the
    /// frame's slots it kept, if any (a cell's current value is read now,
    /// as CPython does); a module or class body's namespace as it was. The
    /// caller keeps `fo` alive.
    pub fn ended_frame_locals(&mut self, fo: Obj) -> Value {
        if fo.n_values() < FO_N {
            return self.new_dict();
        }
        let mut d = fo.get(FO_LOCALS);
        if !d.is_heap() {
            d = self.new_dict();
            self.store(fo, FO_LOCALS, d);
        }
        let Some(snap) = Obj::from_value(fo.get(FO_SLOTS)) else {
            return d;
        };
        if !Obj::from_value(d).is_some_and(|o| o.kind() == Kind::DICT) {
            return d;
        }
        if let Some(cd) = code_data(fo.get(FO_CODE)) {
            for (k, slot, cell) in self.local_slots_of(cd, 0) {
                let Some(i) = slot
                    .checked_sub(FRAME_HEADER)
                    .filter(|&i| i < snap.n_values())
                else {
                    continue;
                };
                self.store_local(d, k, snap.get(i), cell);
            }
        }
        d
    }

    /// Is frame object `fo` running: a frame of this thread, or the frame
    /// of a generator that is running (on any thread)?
    pub fn frame_executing(&self, fo: Obj) -> bool {
        if self.live_frame_index(fo).is_some() {
            return true;
        }
        fo.n_values() >= FO_N
            && Obj::from_value(fo.get(FO_GEN))
                .is_some_and(|g| get_raw(g, call::GEN_RAW_STATE) == call::GEN_RUNNING)
    }

    /// `frame.clear()` of a frame object that is not executing: a
    /// suspended generator's frame closes the generator first (raising
    /// what `close()` raises); then the locals the object kept are dropped.
    pub fn frame_clear(&mut self, fo: Obj) -> PyResult<()> {
        if self.frame_executing(fo) {
            return Err(self.new_exc(self.g.e.RuntimeError, "cannot clear an executing frame"));
        }
        if fo.n_values() < FO_N {
            return Ok(());
        }
        let g = fo.get(FO_GEN);
        if let Some(go) = Obj::from_value(g) {
            if get_raw(go, call::GEN_RAW_STATE) != call::GEN_DONE {
                let mark = self.push_root(fo.value());
                let r = self.call_method(g, "close", &[]);
                self.pop_roots(mark);
                r?;
            }
        }
        let d = self.new_dict();
        self.store(fo, FO_LOCALS, d);
        self.store(fo, FO_SLOTS, Value::EMPTY);
        Ok(())
    }

    /// Records `gen` as the generator whose frame `fo` is.
    pub fn set_frame_generator(&mut self, fo: Obj, gen: Value) {
        if fo.n_values() >= FO_N {
            self.store(fo, FO_GEN, gen);
        }
    }

    /// The VM frame index `fo` stands for, while that frame runs on this
    /// thread.
    pub fn live_frame_index(&self, fo: Obj) -> Option<usize> {
        if fo.n_values() < FO_N {
            return None;
        }
        let i = (get_raw(fo, FO_RAW_INDEX) as usize).checked_sub(1)?;
        (self.frames.get(i)?.fobj == fo.value()).then_some(i)
    }

    /// The code object run by VM frame `fi`.
    pub fn frame_code(&mut self, fi: usize) -> Value {
        let base = self.frames[fi].base;
        let code = self.ctx.stack().slots_mut()[base];
        match Obj::from_value(code) {
            Some(o) if o.kind() == K_FUNCTION => o.get(FN_CODE),
            _ => code,
        }
    }

    /// The current line of VM frame `fi`: its first line before it starts.
    pub fn frame_line(&self, fi: usize) -> i64 {
        // Not started (in the plain loop `call_pending` stays set, but a
        // running frame's `lasti` is never 0 where its line is read: at a
        // call, or in a `line` event, which clears it first).
        Self::line_of(&self.frames[fi])
    }

    /// `frame.f_lasti` of VM frame `fi` (a byte offset, as CPython).
    pub fn frame_lasti(&self, fi: usize) -> i64 {
        let f = &self.frames[fi];
        if f.call_pending && f.pc == 0 && f.lasti == 0 {
            return -1;
        }
        f.lasti as i64 * 2
    }

    /// The frame object of VM frame `fi`, made on first use (with those
    /// of its callers, which become its `f_back` once it has ended).
    pub fn frame_fobj(&mut self, fi: usize) -> Value {
        if self.frames[fi].fobj.is_heap() {
            return self.frames[fi].fobj;
        }
        let mut k = fi;
        while k > 0 && !self.frames[k - 1].fobj.is_heap() {
            k -= 1;
        }
        let mut back = if k > 0 {
            self.frames[k - 1].fobj
        } else {
            Value::NONE
        };
        for i in k..=fi {
            back = self.make_fobj(i, back);
        }
        back
    }

    fn make_fobj(&mut self, fi: usize, back: Value) -> Value {
        let (gen, globals) = {
            let f = &self.frames[fi];
            (f.gen, f.globals.value())
        };
        let gobj = Obj::from_value(gen);
        if let Some(g) = gobj {
            let c = g.get(call::GEN_FRAME_OBJ);
            if let Some(fo) = Obj::from_value(c).filter(|o| o.n_values() >= FO_N) {
                set_raw(fo, FO_RAW_INDEX, fi as u64 + 1);
                self.store(fo, FO_BACK, back);
                self.frames[fi].fobj = c;
                return c;
            }
        }
        let code = self.frame_code(fi);
        let (line, lasti) = (self.frame_line(fi), self.frame_lasti(fi));
        let fo = self.new_frame_object(code, line, lasti, globals);
        fo.init(FO_BACK, back);
        if gobj.is_some() {
            fo.init(FO_GEN, gen);
        }
        set_raw(fo, FO_RAW_INDEX, fi as u64 + 1);
        self.frames[fi].fobj = fo.value();
        match gobj {
            Some(g) => self.store(g, call::GEN_FRAME_OBJ, fo.value()),
            None => self.root_frame_object(fo.value()),
        }
        fo.value()
    }

    /// Roots the frame object of a live frame. The entries of frames that
    /// have ended are dropped when the list has doubled since the last
    /// sweep, so rooting stays amortised O(1).
    fn root_frame_object(&mut self, v: Value) {
        let mut slots = std::mem::take(self.ctx.root_slots());
        while slots.len() < ROOT_FRAMES {
            slots.push(Value::EMPTY);
        }
        if slots.len() - ROOT_FRAMES >= 2 * self.trace_swept + 32 {
            let mut keep = ROOT_FRAMES;
            for i in ROOT_FRAMES..slots.len() {
                let e = slots[i];
                if Obj::from_value(e).is_some_and(|o| self.live_frame_index(o).is_some()) {
                    slots[keep] = e;
                    keep += 1;
                }
            }
            slots.truncate(keep);
            self.trace_swept = keep - ROOT_FRAMES;
        }
        slots.push(v);
        *self.ctx.root_slots() = slots;
    }

    /// Drops the root of the frame object of a frame that has ended: from
    /// now on only what refers to it (a traceback, a variable) keeps it and
    /// the locals it took over alive. Frames end in the reverse order of
    /// their objects' making, so it is searched from the end.
    fn unroot_frame_object(&mut self, v: Value) {
        let slots = self.ctx.root_slots();
        if slots.len() <= ROOT_FRAMES {
            return;
        }
        if let Some(i) = (ROOT_FRAMES..slots.len()).rev().find(|&i| slots[i] == v) {
            slots.swap_remove(i);
            self.trace_swept = self.trace_swept.min(slots.len() - ROOT_FRAMES);
        }
    }

    /// `sys._getframe(depth)`: the live frame object `depth` levels below
    /// the innermost frame, None when the stack is not that deep. The
    /// delegators `gen_descend` passed over count as the frames they stand
    /// for ([`stack_levels`]).
    pub fn live_frame_object(&mut self, depth: usize) -> Option<Value> {
        let level = stack_levels(&self.frames, &self.delegators).nth(depth)?;
        Some(self.level_fobj(level))
    }

    /// The frame object of one level of this thread's stack.
    fn level_fobj(&mut self, level: StackLevel) -> Value {
        match level {
            StackLevel::Frame(fi) => self.frame_fobj(fi),
            StackLevel::Delegator(g) => self.gen_frame_object(g, true),
        }
    }

    /// `f_back` of frame object `fo`.
    pub fn frame_back(&mut self, fo: Obj) -> Value {
        // (Without delegators the frame below is at hand: no walk.)
        if !self.delegators.is_empty() {
            let live = self.live_frame_index(fo);
            let mut levels = stack_levels(&self.frames, &self.delegators);
            let found = levels.any(|l| match l {
                StackLevel::Frame(fi) => live == Some(fi),
                StackLevel::Delegator(g) => g.get(call::GEN_FRAME_OBJ) == fo.value(),
            });
            let below = found.then(|| levels.next()).flatten();
            drop(levels);
            if found {
                return below.map_or(Value::NONE, |l| self.level_fobj(l));
            }
        }
        match self.live_frame_index(fo) {
            Some(0) => Value::NONE,
            Some(i) => self.frame_fobj(i - 1),
            None if fo.n_values() > FO_BACK => fo.get(FO_BACK),
            None => Value::NONE,
        }
    }

    /// The frame object of generator `g` (its `gi_frame`, made on first
    /// use and kept in the generator): code, globals, the line and
    /// instruction it is at, no `f_back` of its own. `running`: `g` is a
    /// delegator passed over at its YIELD_FROM ([`Vm::delegators`]), shown
    /// executing that instruction; else it is suspended, at the
    /// instruction before the one it resumes at (its first line before it
    /// starts).
    pub fn gen_frame_object(&mut self, g: Obj, running: bool) -> Value {
        let st = get_raw(g, call::GEN_RAW_STATE);
        let code = g.get(call::GEN_CODE);
        let pc = get_raw(g, call::GEN_RAW_PC) as usize;
        let lasti = if running { pc } else { pc.saturating_sub(1) };
        let line = match code_data(code) {
            Some(cd) if st == call::GEN_CREATED => cd.code.first_lineno,
            Some(cd) => cd.code.location(lasti as u32).line,
            None => 0,
        };
        let lasti = Value::int(if st == call::GEN_CREATED {
            -1
        } else {
            lasti as i64 * 2
        });
        let line = Value::int(line as i64);
        let cached = g.get(call::GEN_FRAME_OBJ);
        if let Some(f) = Obj::from_value(cached) {
            self.store(f, FO_LINENO, line);
            self.store(f, FO_LASTI, lasti);
            return cached;
        }
        let globals = gen_globals(g);
        // The same full frame object the generator's running frame takes
        // (`sys._getframe()` in its body, its tracebacks' `tb_frame`).
        let f = self.new_frame_object(code, 0, 0, globals);
        f.init(FO_LINENO, line);
        f.init(FO_LASTI, lasti);
        self.set_frame_generator(f, g.value());
        self.store(g, call::GEN_FRAME_OBJ, f.value());
        f.value()
    }

    /// The locals of VM frame `fi` as a mapping: the frame's own mapping
    /// (module and class bodies), else the dict kept in its frame object,
    /// refreshed from the fast locals and cells (CPython's
    /// `PyFrame_FastToLocals`).
    pub fn frame_locals(&mut self, fi: usize) -> Value {
        let base = self.frames[fi].base;
        let lm = self.ctx.stack().slots_mut()[base + 2];
        if lm.is_heap() {
            return lm;
        }
        let fo = Obj::from_value(self.frame_fobj(fi)).expect("frame object");
        let mut d = fo.get(FO_LOCALS);
        if !Obj::from_value(d).is_some_and(|o| o.kind() == Kind::DICT) {
            d = self.new_dict();
            self.store(fo, FO_LOCALS, d);
        }
        self.fast_to_locals(fi, d);
        d
    }

    /// The names and value-stack slots of frame `fi`'s fast locals and
    /// cells (a cell slot is flagged true).
    fn local_slots(&mut self, fi: usize) -> Vec<(Value, usize, bool)> {
        let (cd, base) = (self.frames[fi].code, self.frames[fi].base);
        self.local_slots_of(cd, base)
    }

    /// [`Vm::local_slots`] of a frame running `cd` at value-stack `base`.
    fn local_slots_of(&mut self, cd: &CodeData, base: usize) -> Vec<(Value, usize, bool)> {
        let locals = base + FRAME_HEADER;
        let mut out = Vec::with_capacity(cd.nlocals + cd.ncells);
        for (i, &n) in cd.varnames.iter().enumerate().take(cd.nlocals) {
            out.push((n, locals + i, false));
        }
        let ncells = cd.code.cellvars.len() + cd.code.freevars.len();
        let mut names = Vec::with_capacity(ncells);
        for i in 0..ncells.min(cd.ncells) {
            names.push(cd.code.deref_name(i as u32).unwrap_or("?").to_string());
        }
        for (i, n) in names.iter().enumerate() {
            let k = self.intern(n);
            out.push((k, locals + cd.nlocals + i, true));
        }
        out
    }

    fn fast_to_locals(&mut self, fi: usize, d: Value) {
        let (cd, base) = (self.frames[fi].code, self.frames[fi].base);
        self.fast_to_locals_of(cd, base, d);
    }

    /// [`Vm::fast_to_locals`] of a frame running `cd` at value-stack `base`.
    fn fast_to_locals_of(&mut self, cd: &CodeData, base: usize, d: Value) {
        for (k, slot, cell) in self.local_slots_of(cd, base) {
            let v = self.ctx.stack().slots_mut()[slot];
            self.store_local(d, k, v, cell);
        }
    }

    /// Puts local `k`'s slot value `v` (a cell's content when `cell`) into
    /// the locals dict `d`, or removes `k` when the variable is unbound.
    fn store_local(&mut self, d: Value, k: Value, v: Value, cell: bool) {
        let v = if cell {
            Obj::from_value(v).map_or(Value::EMPTY, |c| c.get(0))
        } else {
            v
        };
        if v.is_empty() {
            let _ = self.dict_del(d, k);
        } else {
            self.dict_set_str(d, k, v);
        }
    }

    /// Writes frame `fi`'s locals dict back into its fast locals and cells
    /// (CPython's `PyFrame_LocalsToFast(frame, 1)`): a name missing from
    /// the dict becomes unbound.
    fn locals_to_fast(&mut self, fi: usize, d: Value) {
        for (k, slot, cell) in self.local_slots(fi) {
            let v = self.dict_get_str(d, k).unwrap_or(Value::EMPTY);
            let cur = self.ctx.stack().slots_mut()[slot];
            if cell {
                if let Some(c) = Obj::from_value(cur) {
                    if c.get(0) != v {
                        self.ctx.store(c, 0, v);
                    }
                }
            } else {
                self.ctx.stack().slots_mut()[slot] = v;
            }
        }
    }

    /// Reports event `ev` of VM frame `fi` with `arg` to the profile
    /// function (`profile`) or the trace function.
    fn report(&mut self, fi: usize, ev: u8, arg: Value, profile: bool) -> PyResult<()> {
        // A native trace function hears the events of every frame, as
        // CPython's C trace functions (`PyEval_SetTrace`), not only of
        // those whose `f_trace` it is.
        if let (false, Some((f, h))) = (profile, self.native_trace) {
            self.set_trace_busy(true);
            self.trace_what = ev;
            let r = h(self, f, fi, ev, arg);
            self.set_trace_busy(false);
            return r;
        }
        let func = if profile {
            self.profile_func()
        } else if ev == EV_CALL {
            self.trace_func()
        } else if self.trace_func().is_none() {
            // As CPython: a frame's `f_trace` hears of its events only while
            // the thread has a trace function (`sys.settrace(None)` inside a
            // trace function stops the events of the frame it traces too).
            return Ok(());
        } else {
            match Obj::from_value(self.frames[fi].fobj) {
                Some(o) if o.n_values() >= FO_N => o.get(FO_TRACE),
                _ => return Ok(()),
            }
        };
        if func.is_none() || func.is_empty() {
            return Ok(());
        }
        let fv = self.frame_fobj(fi);
        let fo = Obj::from_value(fv).expect("frame object");
        let line = self.frame_line(fi);
        if line != 0 {
            self.store(fo, FO_LINENO, Value::int(line));
        }
        let name = self.g.trace_event_names[ev as usize];
        let mark = self.push_root(func);
        self.push_root(fv);
        self.push_root(arg);
        let ld = fo.get(FO_LOCALS);
        let ld = if Obj::from_value(ld).is_some_and(|o| o.kind() == Kind::DICT) {
            self.fast_to_locals(fi, ld);
            ld
        } else {
            Value::EMPTY
        };
        self.set_trace_busy(true);
        self.trace_what = ev;
        let r = self.call(func, &[fv, name, arg], Value::EMPTY);
        self.set_trace_busy(false);
        let r = match r {
            Ok(res) => {
                if !profile && !res.is_none() {
                    self.store(fo, FO_TRACE, res);
                }
                if ld.is_heap() {
                    self.locals_to_fast(fi, ld);
                }
                Ok(())
            }
            Err(e) => {
                if profile {
                    self.set_profile(Value::NONE);
                } else {
                    self.set_trace(Value::NONE);
                    self.store(fo, FO_TRACE, Value::NONE);
                }
                Err(e)
            }
        };
        self.pop_roots(mark);
        r
    }

    /// The `call` event of frame `fi` (profile, then trace).
    pub(crate) fn trace_call(&mut self, fi: usize) -> PyResult<()> {
        let r = if self.trace_busy {
            Ok(())
        } else {
            self.report(fi, EV_CALL, Value::NONE, true)
                .and_then(|()| self.report(fi, EV_CALL, Value::NONE, false))
        };
        self.frames[fi].call_pending = false;
        r
    }

    /// The `return` event of frame `fi` (trace, then profile).
    pub(crate) fn trace_return(&mut self, fi: usize, v: Value) -> PyResult<()> {
        if self.trace_busy {
            return Ok(());
        }
        let v = if v.is_empty() { Value::NONE } else { v };
        self.report(fi, EV_RETURN, v, false)?;
        self.report(fi, EV_RETURN, v, true)
    }

    /// The `line` event of frame `fi` (if its `f_trace_lines`), then its
    /// `opcode` event (if its `f_trace_opcodes`).
    pub(crate) fn trace_line(&mut self, fi: usize, line: bool) -> PyResult<()> {
        if self.trace_busy {
            return Ok(());
        }
        let Some(fo) = Obj::from_value(self.frames[fi].fobj).filter(|o| o.n_values() >= FO_N)
        else {
            // A frame without a frame object has the default
            // `f_trace_lines`; only a native trace function hears it.
            if line && self.native_trace.is_some() {
                return self.report(fi, EV_LINE, Value::NONE, false);
            }
            return Ok(());
        };
        if line && fo.get(FO_TRACE_LINES) != Value::FALSE {
            self.report(fi, EV_LINE, Value::NONE, false)?;
        }
        let fo = Obj::from_value(self.frames[fi].fobj).expect("frame object");
        if fo.get(FO_TRACE_OPCODES) == Value::TRUE {
            self.report(fi, EV_OPCODE, Value::NONE, false)?;
        }
        Ok(())
    }

    /// Does frame `fi` want `opcode` events?
    #[inline]
    pub(crate) fn trace_opcodes(&self, fi: usize) -> bool {
        Obj::from_value(self.frames[fi].fobj)
            .is_some_and(|o| o.n_values() >= FO_N && o.get(FO_TRACE_OPCODES) == Value::TRUE)
    }

    /// The `exception` event of frame `fi` for `exc` (a trace function
    /// that raises replaces it).
    pub(crate) fn trace_exception(&mut self, fi: usize, exc: PyException) -> PyException {
        if self.trace_busy {
            return exc;
        }
        if !Obj::from_value(self.frames[fi].fobj)
            .is_some_and(|o| o.n_values() >= FO_N && !o.get(FO_TRACE).is_none())
        {
            return exc;
        }
        let e = exc.0;
        let mark = self.push_root(e);
        let tp = self.type_of(e);
        let tb = Obj::from_value(e)
            .filter(|o| o.kind() == K_EXC)
            .map_or(Value::NONE, |o| o.get(EXC_TB));
        let tb = if tb.is_empty() { Value::NONE } else { tb };
        let arg = self.new_tuple(&[tp, e, tb]);
        let r = self.report(fi, EV_EXCEPTION, arg, false);
        self.pop_roots(mark);
        match r {
            Ok(()) => exc,
            Err(e2) => e2,
        }
    }

    /// Around a call of native code `callee` from frame `fi`: the profile
    /// function's `c_call`, and after it `c_return` or `c_exception`.
    pub(crate) fn profile_c(&mut self, fi: usize, ev: u8, callee: Value) -> PyResult<()> {
        if self.trace_busy {
            return Ok(());
        }
        self.report(fi, ev, callee, true)
    }

    /// A CALL of native code from frame `fi` while a profile function is
    /// set: `c_call` before and `c_return` or `c_exception` after it when
    /// the callee is a builtin function, as CPython's `C_TRACE`.
    pub(crate) fn call_profiled(
        &mut self,
        fi: usize,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> PyResult<Value> {
        let callee = self.ctx.stack().slots_mut()[base];
        self.profiled_native(fi, callee, |vm| vm.call_non_python(base, n, kwnames))
    }

    /// `call` (a call of `callee` from frame `fi` while a profile function
    /// is set) between `c_call` and `c_return` or `c_exception` when the
    /// callee is a builtin function: [`Vm::call_profiled`], and the
    /// CALL_FUNCTION_EX of `f(*args, **kwargs)`.
    pub(crate) fn profiled_native(
        &mut self,
        fi: usize,
        callee: Value,
        call: impl FnOnce(&mut Self) -> PyResult<Value>,
    ) -> PyResult<Value> {
        if !Obj::from_value(callee).is_some_and(|o| o.kind() == K_BUILTIN) {
            return call(self);
        }
        let mark = self.push_root(callee);
        let r = self
            .profile_c(fi, EV_C_CALL, callee)
            .and_then(|()| call(self));
        let r = match r {
            Ok(v) => {
                self.push_root(v);
                self.profile_c(fi, EV_C_RETURN, callee).map(|()| v)
            }
            Err(e) => {
                self.push_root(e.0);
                self.profile_c(fi, EV_C_EXCEPTION, callee).and(Err(e))
            }
        };
        self.pop_roots(mark);
        r
    }

    /// `frame.f_lineno = v` (CPython's `frame_setlineno`): from a `line`
    /// event of the frame's trace function, moves the frame to the first
    /// instruction of line `v` (or of the next line with code) whose stack
    /// is a prefix of the current one, popping the values in excess.
    pub fn frame_jump(&mut self, fo: Obj, v: Value) -> PyResult<Value> {
        let Some(new_line) = v.as_int() else {
            return Err(self.value_error("lineno must be an integer"));
        };
        // CPython checks the last event reported on this thread (kept after
        // its trace function returned; `call` before any), then the frame.
        // The `return` event of a `yield` suspends the frame: a jump from
        // it moves where the generator resumes, as CPython allows.
        let live = self.live_frame_index(fo).filter(|_| self.trace_busy);
        let at_yield = live.is_some_and(|fi| {
            let f = &self.frames[fi];
            f.gen.is_heap()
                && f.code.code.decode_at(f.lasti as u32).map(|i| i.op)
                    == Some(crate::bytecode::Opcode::YieldValue)
        });
        match self.trace_what {
            EV_LINE => {}
            EV_RETURN if at_yield => {}
            EV_CALL => {
                return Err(
                    self.value_error("can't jump from the 'call' trace event of a new frame")
                )
            }
            _ => return Err(self.value_error("can only jump from a 'line' trace event")),
        }
        let Some(fi) = live.filter(|_| !fo.get(FO_TRACE).is_none()) else {
            return Err(self.value_error("f_lineno can only be set by a trace function"));
        };
        let cd = self.frames[fi].code;
        let code = &cd.code;
        if new_line < code.first_lineno as i64 {
            return Err(self.value_error(&format!(
                "line {new_line} comes before the current code block"
            )));
        }
        let stacks = mark_stacks(code);
        // The instructions that start a line, with their lines.
        let mut starts: Vec<(u32, i64)> = Vec::new();
        let mut prev = 0u32;
        for ins in code.instructions() {
            let l = code.location(ins.start).line;
            if l != 0 && l != prev {
                starts.push((ins.start, l as i64));
            }
            if l != 0 {
                prev = l;
            }
        }
        let Some(target_line) = starts
            .iter()
            .map(|&(_, l)| l)
            .filter(|&l| l >= new_line)
            .min()
        else {
            return Err(self.value_error(&format!(
                "line {new_line} comes after the current code block"
            )));
        };
        let lasti = self.frames[fi].lasti;
        let Some(cur) = stacks.get(lasti).cloned().flatten() else {
            return Err(self.value_error("can't jump from unreachable code"));
        };
        let mut best: Option<(u32, usize)> = None;
        let mut msg = "cannot find bytecode for specified line";
        for &(at, l) in &starts {
            if l != target_line {
                continue;
            }
            match stacks.get(at as usize).cloned().flatten() {
                Some(t) if compatible_stack(&cur, &t) => {
                    if best.is_none_or(|(_, d)| t.len() > d) {
                        best = Some((at, t.len()));
                    }
                }
                Some(t) => {
                    if best.is_none() {
                        msg = match t.last() {
                            Some(&K_EXCEPT) => {
                                "can't jump into an 'except' block as there's no exception"
                            }
                            Some(&K_LASTI) => {
                                "can't jump into a re-raising block as there's no location"
                            }
                            Some(&K_ITER) => "can't jump into the body of a for loop",
                            _ => "incompatible stacks",
                        };
                    }
                }
                None => {
                    if best.is_none() {
                        msg = "can't jump into an exception handler, or code may be unreachable";
                    }
                }
            }
        }
        let Some((at, depth)) = best else {
            return Err(self.value_error(msg));
        };
        // The frame's stack starts after its header, locals and cells. A
        // suspended frame resumes with the sent value pushed (as CPython's
        // does at the new place): it must fit in the frame.
        let stack_off = FRAME_HEADER + cd.nlocals + cd.ncells;
        if at_yield && stack_off + depth + 1 > cd.extent {
            return Err(self.value_error("incompatible stacks"));
        }
        let f = &mut self.frames[fi];
        let stack_base = f.base + stack_off;
        let new_sp = stack_base + depth;
        if f.sp > new_sp {
            let old = f.sp;
            f.sp = new_sp;
            // Leaving an `except` block: the handled exception becomes the
            // one saved under it (CPython pops the exception state too).
            for i in (new_sp..old).rev() {
                if cur.get(i - stack_base) == Some(&K_EXCEPT) {
                    let v = self.ctx.stack().slots_mut()[i];
                    self.set_exc_info(if v.is_empty() { Value::NONE } else { v });
                }
            }
            for s in &mut self.ctx.stack().slots_mut()[new_sp..old] {
                *s = Value::EMPTY;
            }
        }
        let f = &mut self.frames[fi];
        f.pc = at as usize;
        f.lasti = at as usize;
        Ok(Value::NONE)
    }
}

/// Kinds of values on a frame's stack, for `f_lineno` jumps.
const K_OBJECT: u8 = 1;
const K_ITER: u8 = 2;
const K_EXCEPT: u8 = 3;
const K_NULL: u8 = 4;
const K_LASTI: u8 = 5;

/// Can a frame with stack `from` continue where the stack is `to` (after
/// popping what `from` has in excess)?
fn compatible_stack(from: &[u8], to: &[u8]) -> bool {
    if from.len() < to.len() {
        return false;
    }
    from.iter().zip(to).all(|(&f, &t)| match t {
        K_OBJECT => f != K_NULL,
        K_NULL => true,
        _ => f == t,
    })
}

/// The kinds of the stack entries before each instruction of `code`
/// (indexed by code unit; None where no path reaches), as CPython's
/// `mark_stacks`.
fn mark_stacks(code: &crate::bytecode::CodeObject) -> Vec<Option<Vec<u8>>> {
    use crate::bytecode::{Flow, Opcode};
    let n = code.len_units() as usize;
    let mut stacks: Vec<Option<Vec<u8>>> = vec![None; n + 1];
    let mut work = vec![0u32];
    stacks[0] = Some(Vec::new());
    while let Some(at) = work.pop() {
        let Some(ins) = code.decode_at(at) else {
            continue;
        };
        let Some(s) = stacks[at as usize].clone() else {
            continue;
        };
        let next = ins.offset + 1;
        let mut push = |to: u32, st: Vec<u8>, work: &mut Vec<u32>| {
            if let Some(slot) = stacks.get_mut(to as usize) {
                if slot.is_none() {
                    *slot = Some(st);
                    work.push(to);
                }
            }
        };
        if let Some(h) = code.handler_for(ins.offset) {
            let mut hs: Vec<u8> = s.iter().copied().take(h.depth as usize).collect();
            if h.lasti {
                hs.push(K_LASTI);
            }
            hs.push(K_EXCEPT);
            push(h.target, hs, &mut work);
        }
        let effect = |jump: bool| -> Option<Vec<u8>> {
            let (pops, pushes) = ins.op.stack_effect_parts(ins.arg, jump);
            let mut st = s.clone();
            match ins.op {
                Opcode::PushNull => st.push(K_NULL),
                Opcode::Copy => {
                    let i = st.len().checked_sub(ins.arg as usize)?;
                    st.push(st[i]);
                }
                Opcode::Swap => {
                    let l = st.len();
                    let i = l.checked_sub(ins.arg as usize)?;
                    st.swap(i, l - 1);
                }
                // Both leave the iterator below what they push.
                Opcode::ForIter if !jump => st.push(K_OBJECT),
                Opcode::GetAnext => st.push(K_OBJECT),
                // ( obj -- callable self_or_null ): the second may be NULL,
                // which no jump may leave where an object is expected.
                Opcode::LoadMethod => {
                    *st.last_mut()? = K_OBJECT;
                    st.push(K_NULL);
                }
                // ( exc -- prev exc ): both are exception-state entries.
                Opcode::PushExcInfo => st.push(K_EXCEPT),
                _ => {
                    let keep = st.len().checked_sub(pops as usize)?;
                    st.truncate(keep);
                    st.resize(keep + pushes as usize, K_OBJECT);
                    // An `async for`'s iterator too, as CPython's
                    // GET_AITER.
                    if matches!(ins.op, Opcode::GetIter | Opcode::GetAiter) && pushes == 1 {
                        *st.last_mut()? = K_ITER;
                    }
                }
            }
            Some(st)
        };
        match ins.op.flow() {
            Flow::Next => {
                if let Some(st) = effect(false) {
                    push(next, st, &mut work);
                }
            }
            Flow::CondJump => {
                if let Some(st) = effect(true) {
                    push(ins.arg, st, &mut work);
                }
                if let Some(st) = effect(false) {
                    push(next, st, &mut work);
                }
            }
            Flow::Jump => {
                if let Some(st) = effect(true) {
                    push(ins.arg, st, &mut work);
                }
            }
            Flow::Stop => {}
        }
    }
    stacks
}

/// `-X trace`: the tracing loop writes each instruction it runs, with the
/// frame's value stack, to the process's standard error (every thread).
static INSTRUCTION_TRACE: proto_core::sync::AtomicBool = proto_core::sync::AtomicBool::new(false);

/// Turns `-X trace` on or off; threads see it at their next
/// [`Vm::refresh_trace_on`] (new threads at once).
pub fn set_instruction_trace(on: bool) {
    INSTRUCTION_TRACE.store(on, proto_core::sync::Ordering::Relaxed);
}

/// Whether `-X trace` is on.
#[inline]
pub fn instruction_trace() -> bool {
    INSTRUCTION_TRACE.load(proto_core::sync::Ordering::Relaxed)
}

/// At most this many characters of a str or bytes value are shown.
const TRACE_TEXT_MAX: usize = 40;

impl Vm {
    /// Writes the `-X trace` line of the instruction at `pc` of frame `fi`,
    /// whose value stack is `stack` (bottom first, before the instruction
    /// runs): `FILE:LINE QUALNAME @OFFSET OPNAME ARG (MEANING) | STACK`,
    /// one write per line so that threads' lines do not mix. The values are
    /// described without running Python code (no `__repr__` is called): a
    /// trace never changes what the program does.
    pub(crate) fn write_instruction_trace(&self, fi: usize, pc: usize, stack: &[Value]) {
        use std::fmt::Write as _;
        let code = &self.frames[fi].code.code;
        let Some(ins) = code.decode_at(pc as u32) else {
            return;
        };
        let mut out = String::with_capacity(128);
        if !super::signals::is_main_thread() {
            let _ = write!(out, "[thread {:#x}] ", super::threads::current_ident());
        }
        let line = code.location(ins.offset).line;
        let _ = write!(
            out,
            "{}:{} {} @{} {}",
            code.filename,
            line,
            code.qualname,
            ins.offset,
            ins.op.name()
        );
        let kind = ins.op.operand();
        if kind != crate::bytecode::OperandKind::NoArg {
            let _ = write!(out, " {}", ins.arg);
            let meaning = crate::bytecode::dis::describe_arg(code, kind, ins.arg);
            if !meaning.is_empty() {
                let _ = write!(out, " ({meaning})");
            }
        }
        out.push_str(" |");
        for &v in stack {
            out.push(' ');
            self.describe_for_trace(v, &mut out);
            out.push(',');
        }
        if !stack.is_empty() {
            out.pop();
        }
        out.push('\n');
        use std::io::Write as _;
        let _ = std::io::stderr().lock().write_all(out.as_bytes());
    }

    /// A short description of `v` for `-X trace`: immediates, str and
    /// bytes (cut at [`TRACE_TEXT_MAX`] characters) as their repr, a class
    /// or function by name, anything else by its type; `NULL` for an empty
    /// slot.
    fn describe_for_trace(&self, v: Value, out: &mut String) {
        use std::fmt::Write as _;
        if v.is_empty() {
            out.push_str("NULL");
            return;
        }
        if v.is_none() {
            out.push_str("None");
            return;
        }
        if v.is_bool() {
            out.push_str(if v == Value::TRUE { "True" } else { "False" });
            return;
        }
        if let Some(i) = v.as_int() {
            let _ = write!(out, "{i}");
            return;
        }
        if let Some(f) = v.as_float() {
            let _ = write!(out, "{f:?}");
            return;
        }
        if is_str(v) {
            let s = str_of(v);
            out.push('\'');
            for c in s.chars().take(TRACE_TEXT_MAX) {
                match c {
                    '\'' => out.push_str("\\'"),
                    c => {
                        let _ = write!(out, "{}", c.escape_debug());
                    }
                }
            }
            if s.chars().nth(TRACE_TEXT_MAX).is_some() {
                out.push_str("...");
            }
            out.push('\'');
            return;
        }
        let Some(o) = Obj::from_value(v) else {
            let _ = write!(out, "<{}>", self.type_name_of(v));
            return;
        };
        match o.kind() {
            K_TYPE => {
                let _ = write!(out, "<class '{}'>", type_name(v));
            }
            K_FUNCTION => {
                let q = o.get(FN_QUALNAME);
                if is_str(q) {
                    let _ = write!(out, "<function {}>", str_of(q));
                } else {
                    out.push_str("<function>");
                }
            }
            K_BUILTIN => match builtin_data(o) {
                Some(b) => {
                    let _ = write!(out, "<built-in {}>", b.name);
                }
                None => out.push_str("<built-in>"),
            },
            K_CODE => match code_data(v) {
                Some(c) => {
                    let _ = write!(out, "<code {}>", c.code.qualname);
                }
                None => out.push_str("<code>"),
            },
            K_MODULE => {
                let n = o.get(1);
                if is_str(n) {
                    let _ = write!(out, "<module '{}'>", str_of(n));
                } else {
                    out.push_str("<module>");
                }
            }
            _ => {
                let _ = write!(out, "<{} object>", self.type_name_of(v));
            }
        }
    }
}

/// One level of a thread's Python stack: a frame of `Vm::frames`, or a
/// generator `gen_descend` passed over at its YIELD_FROM
/// (`Vm::delegators`), which stands for its frame there.
#[derive(Clone, Copy)]
pub enum StackLevel {
    Frame(usize),
    Delegator(Obj),
}

/// The levels of the stack made of `frames` and `delegators` (a `Vm`'s),
/// innermost first: each frame, then the delegators passed over for it,
/// nearest first (they stand between it and the frame below). There are
/// `frames.len() + delegators.len()` of them. Allocates nothing (a
/// tracemalloc hook walks it inside an allocation).
pub fn stack_levels<'a>(
    frames: &'a [Frame],
    delegators: &'a [(Obj, usize)],
) -> impl Iterator<Item = StackLevel> + 'a {
    // The frame given last, and the delegators not given yet.
    let (mut last, mut d) = (frames.len(), delegators.len());
    std::iter::from_fn(move || {
        if d > 0 && delegators[d - 1].1 == last {
            d -= 1;
            return Some(StackLevel::Delegator(delegators[d].0));
        }
        last = last.checked_sub(1)?;
        Some(StackLevel::Frame(last))
    })
}

/// The globals of generator `g`'s function (None without one).
pub fn gen_globals(g: Obj) -> Value {
    Obj::from_value(g.get(call::GEN_FUNC))
        .filter(|f| f.kind() == K_FUNCTION)
        .map_or(Value::NONE, |f| f.get(FN_GLOBALS))
}

/// The code and instruction index of delegator `g` (see [`StackLevel`]):
/// its YIELD_FROM.
pub fn delegator_position(g: Obj) -> Option<(&'static CodeData, usize)> {
    Some((
        code_data(g.get(call::GEN_CODE))?,
        get_raw(g, call::GEN_RAW_PC) as usize,
    ))
}
