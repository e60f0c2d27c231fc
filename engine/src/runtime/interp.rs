//! The bytecode interpreter loop.
//!
//! One `match` on the opcode. Python-to-Python calls push a [`Frame`] on
//! `vm.frames` and continue in the same loop (no Rust recursion); returning
//! pops it. A frame flagged `entry` was started by Rust code (`vm.call`, a
//! generator resumption): returning from it leaves the loop.
//!
//! Safepoints (`ctx.safepoint()`): JUMP_BACKWARD, calls, returns. Every value
//! the loop holds lives in frame slots on the value stack; slots between a
//! frame's `sp` and its extent stay rooted, so operands popped by an
//! instruction remain alive while that instruction runs (see `runtime` docs).

use super::call::GEN_EXC_STATE;
use super::*;
use crate::bytecode::{BinaryOperator, CodeFlags, Intrinsic1, Opcode};
use proto_core::layouts::set_raw;

/// What the loop carries when it hands over between its plain and tracing
/// instantiations.
struct LoopState {
    /// An exception to raise at the frame's current instruction first.
    pending: Option<PyException>,
    /// The type name of what a class call's `__init__` returned instead
    /// of None: the TypeError is made (no unrooted exception object
    /// across the safepoint) and raised in the caller, at its CALL.
    init_failed: Option<String>,
}

/// The instruction of a frame that resumed a generator frame the loop
/// ran above it ([`Vm::gen_push_frame`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Resumer {
    /// A FOR_ITER, with its loop's exit target.
    ForIter(usize),
    /// The CALL of `next(g)`.
    Next,
    /// A YIELD_FROM (`yield from`, `await`).
    YieldFrom,
}

/// How a run of the loop ended.
pub enum Exit {
    /// The entry frame returned.
    Return(Value),
    /// The entry (generator) frame yielded.
    Yield(Value),
}

impl Vm {
    /// Clears the dead operand slots of every frame of this thread that is
    /// suspended in a call: one made by the loop to a Python function (the
    /// frame above it is no entry frame), whose `sp` is then exact (CALL
    /// saves the result slot, a `with` statement's `__enter__` its
    /// receiver's, and slot `sp` itself is kept), the callee having copied
    /// its arguments; or a native call made by CALL/CALL_KW/
    /// CALL_FUNCTION_EX, which stored the top of its arguments in
    /// `native_top` (the innermost frame is in one: `gc.collect()`).
    /// Called before an explicit collection (`gc.collect()`), so that a
    /// value only a finished call or a popped operand left behind is freed.
    /// Frames suspended in other slow paths (a Python `__add__`, a
    /// property) keep their dead slots until they are overwritten.
    ///
    /// A running generator's frame lives on the value stack; the copy its
    /// last suspension saved is stale until the next one overwrites it (a
    /// local deleted since would stay alive in it), so it is emptied.
    pub fn clear_dead_frame_slots(&mut self) {
        let n = self.frames.len();
        for f in &mut self.frames {
            let Some(g) = Obj::from_value(f.gen) else {
                continue;
            };
            // The next suspension saves it again.
            if f.native_top == Frame::UNCHANGED {
                f.native_top = 0;
            }
            if let Some(storage) = Obj::from_value(g.get(call::GEN_FRAME)) {
                let saved = (proto_core::layouts::get_raw(g, call::GEN_RAW_SP) as usize)
                    .min(storage.n_values());
                for i in 0..saved {
                    storage.init(i, Value::EMPTY);
                }
            }
        }
        for i in 0..n {
            let f = &self.frames[i];
            let mut end = f.base + f.code.extent;
            let from = if f.native_top != 0 {
                f.native_top as usize
            } else if i + 1 < n && (!self.frames[i + 1].entry || self.frames[i + 1].init) {
                f.sp + 1
            } else {
                continue;
            };
            if let Some(callee) = self.frames.get(i + 1) {
                end = end.min(callee.base);
            }
            let st = self.ctx.stack().slots_mut();
            let end = end.min(st.len());
            if from < end {
                st[from..end].fill(Value::EMPTY);
            }
        }
    }

    /// The innermost frame, which has a frame object, is ending (returning
    /// or left by an exception) at instruction `lasti` ([`Vm::frame_ended`]).
    #[cold]
    #[inline(never)]
    fn top_frame_ending(&mut self, lasti: usize) {
        let top = self.frames.last().expect("frame");
        let f = Frame { lasti, ..*top };
        self.frame_ended(&f, true);
    }

    /// Takes a generator's frame off `vm.frames` as it yields; its frame
    /// object, if it has one, keeps the line it stopped at.
    fn frame_suspended(&mut self) {
        if let Some(f) = self.frames.last().filter(|f| f.fobj.is_heap()) {
            let f = Frame { pc: f.pc, ..*f };
            self.frame_ended(&f, false);
        }
        self.frames.pop();
    }

    /// The instruction the top frame is at, which resumed the generator
    /// frame the loop ran above it (`gen_push_frame`), which has just left.
    fn resumer(&self) -> Resumer {
        let f = self.frames.last().expect("caller");
        let code = &f.code.code.code;
        let (mut i, mut arg) = (f.lasti, 0usize);
        loop {
            let (Some(&op), Some(&a)) = (code.get(i * 2), code.get(i * 2 + 1)) else {
                return Resumer::YieldFrom;
            };
            arg = (arg << 8) | a as usize;
            if op == Opcode::ForIter as u8 {
                return Resumer::ForIter(arg);
            }
            if op == Opcode::Call as u8 {
                return Resumer::Next;
            }
            if op != Opcode::ExtendedArg as u8 {
                return Resumer::YieldFrom;
            }
            i += 1;
        }
    }

    /// The running generator frame, saved (`gen_save`, its `lasti` set),
    /// yields `y`. An entry frame (`gen_resume` called it) leaves the
    /// loop: `Ok(Some(y))`. Else its caller, which the loop resumed it for
    /// (`gen_push_frame`), gets the value: a FOR_ITER pushes it (`Ok(None)`:
    /// the loop continues in that frame), a YIELD_FROM's frame yields it
    /// in turn, and so on up. `Err(e)`: the frame at the top, at the
    /// instruction after its YIELD_FROM, raises `e` at that YIELD_FROM
    /// (its tracer failed, or it has no generator to yield from).
    #[inline(never)]
    fn yield_out<const TRACE: bool>(&mut self, mut y: Value) -> Result<Option<Value>, PyException> {
        loop {
            let f = self.frames.last().expect("frame");
            let (fbase, gen, entry) = (f.base, f.gen, f.entry && !f.init);
            let async_gen = f.code.code.flags.contains(CodeFlags::ASYNC_GENERATOR);
            self.frame_suspended();
            self.ctx.stack().set_top(fbase);
            if entry {
                return Ok(Some(y));
            }
            let go = Obj::from_value(gen).expect("gen");
            self.gen_frame_left(go, true);
            if self.has_delegators(self.frames.len()) {
                self.suspend_delegators(self.frames.len());
            }
            // An async generator driven by an asend awaitable of the
            // caller's YIELD_FROM (`asend_push_frame`) yielded a value of
            // its own: the awaitable is done and the value is the
            // YIELD_FROM's result (`aw.send` raising StopIteration(y)).
            if async_gen && proto_core::layouts::get_raw(go, call::GEN_RAW_ASYNC_VALUE) == 1 {
                if let Some(aw) = self.asend_of_caller(go) {
                    self.asend_finish(aw, go);
                    let at = self.frames.last().expect("caller").sp - 1;
                    self.ctx.stack().slots_mut()[at] = y;
                    if TRACE {
                        if let Some(e) = self.trace_stop_iteration(y, None) {
                            return Err(e);
                        }
                    }
                    return Ok(None);
                }
            }
            let resumer = self.resumer();
            let cfi = self.frames.len() - 1;
            let cf = &mut self.frames[cfi];
            if resumer == Resumer::Next {
                // `next(g)`: the value replaces the generator in the
                // call's result slot.
                let at = cf.sp - 1;
                self.ctx.stack().slots_mut()[at] = y;
                return Ok(None);
            }
            let for_iter = matches!(resumer, Resumer::ForIter(_));
            // The value waits in the caller's slot above its iterator
            // (rooted) while it is handed on.
            let (csp, cgen, cbase, clasti) = (cf.sp, cf.gen, cf.base, cf.lasti);
            if for_iter {
                cf.sp = csp + 1;
            }
            self.ctx.stack().slots_mut()[csp] = y;
            if for_iter {
                return Ok(None);
            }
            if !cgen.is_heap() {
                return Err(self.new_exc(self.g.e.SystemError, "yield outside generator"));
            }
            if TRACE {
                self.trace_return(cfi, y)?;
                y = self.ctx.stack().slots_mut()[csp];
            }
            let cf = &self.frames[cfi];
            if !TRACE && cf.native_top == Frame::UNCHANGED {
                // Saved already (see `Frame::UNCHANGED`).
                let cg = Obj::from_value(cgen).expect("gen");
                set_raw(cg, call::GEN_RAW_STATE, call::GEN_SUSPENDED);
            } else {
                let cext = cf.code.extent;
                self.gen_save(cgen, cbase, csp, clasti, cext);
            }
        }
    }

    /// A generator frame the loop resumed (`gen_push_frame`) returned `v`
    /// (it is popped): the FOR_ITER that has it on top jumps to its loop's
    /// exit; YIELD_FROM's result replaces its iterator. An async generator
    /// driven by the caller's asend awaitable (`asend_push_frame`) has
    /// ended its iteration instead: the StopAsyncIteration returned is
    /// raised at that YIELD_FROM.
    #[inline(never)]
    fn gen_frame_returned(
        &mut self,
        g: Obj,
        extent: usize,
        v: Value,
        trace: bool,
    ) -> Option<PyException> {
        self.gen_frame_ended(g, extent);
        if self.has_delegators(self.frames.len()) {
            self.load_delegator(None);
        }
        self.caller_runs_on();
        if let Some(aw) = self.asend_of_caller(g) {
            self.asend_finish(aw, g);
            let args = self.new_tuple(&[]);
            return Some(self.new_exc_args(self.g.e.StopAsyncIteration, args));
        }
        let resumer = self.resumer();
        let cf = self.frames.last_mut().expect("caller");
        match resumer {
            Resumer::ForIter(target) => {
                cf.pc = target;
                cf.sp -= 1;
                // CPython's FOR_ITER reports the StopIteration of a
                // generator's `return value` as an `exception` event.
                if trace && self.end_raises_stop(g, Value::NONE, v) {
                    return self.trace_stop_iteration(v, None);
                }
            }
            // `next(g)` raises StopIteration(v) at its CALL, the generator
            // still in the result slot.
            Resumer::Next => return Some(self.stop_iteration(v)),
            Resumer::YieldFrom => {
                let at = cf.sp - 1;
                self.ctx.stack().slots_mut()[at] = v;
                // A coroutine's end is a StopIteration raised by its
                // `send`, a generator's when it returns a value (the loop
                // resumes a generator inline only for a None sent while
                // tracing): CPython's SEND reports it as an `exception`
                // event of the awaiting frame.
                if trace && self.end_raises_stop(g, Value::NONE, v) {
                    return self.trace_stop_iteration(v, None);
                }
            }
        }
        self.ctx.safepoint();
        None
    }

    /// Whether generator or coroutine `g`, sent `sent`, ending with `ret`
    /// ends by a StopIteration that CPython's SEND and FOR_ITER see raised
    /// (reported as an `exception` event while tracing): a coroutine's
    /// always (its `send` raises it), a generator's when it was sent a value
    /// (`send`) or returns one (`tp_iternext` raises nothing for None).
    fn end_raises_stop(&self, g: Obj, sent: Value, ret: Value) -> bool {
        g.class() == self.g.types.coroutine || !sent.is_none() || !ret.is_none()
    }

    /// The `exception` event of the top frame for the StopIteration that
    /// ended its YIELD_FROM's sub-iterator with `v` (`exc` when one was
    /// raised, else one made for `v`); what the trace function raises
    /// instead is raised at that YIELD_FROM.
    #[cold]
    #[inline(never)]
    fn trace_stop_iteration(&mut self, v: Value, exc: Option<PyException>) -> Option<PyException> {
        let fi = self.frames.len() - 1;
        let mark = self.push_root(v);
        let exc = exc.unwrap_or_else(|| self.stop_iteration(v));
        let out = self.trace_exception(fi, exc);
        self.pop_roots(mark);
        (out.0 != exc.0).then_some(out)
    }

    /// A generator frame the loop resumed (`gen_push_frame`) was left by
    /// `exc` (it is popped): what `gen_resume` does when its frame raises;
    /// the caller then sees the result (PEP 479) as raised by its own
    /// instruction.
    #[cold]
    #[inline(never)]
    fn gen_frame_raised(&mut self, gen: Value, extent: usize, exc: PyException) -> PyException {
        let go = Obj::from_value(gen).expect("gen");
        self.gen_frame_ended(go, extent);
        if self.has_delegators(self.frames.len()) {
            self.load_delegator(None);
        }
        self.caller_runs_on();
        if let Some(aw) = self.asend_of_caller(go) {
            self.asend_finish(aw, go);
        }
        self.pep479(go, exc)
    }

    /// The top frame, at the FOR_ITER or YIELD_FROM that resumed the
    /// generator frame which has just ended, runs on: no longer
    /// [`Frame::UNCHANGED`] (no native call is in progress there).
    #[inline(always)]
    fn caller_runs_on(&mut self) {
        if let Some(cf) = self.frames.last_mut() {
            cf.native_top = 0;
        }
    }

    /// Runs the top frame (an entry frame) to completion.
    pub fn run(&mut self) -> PyResult<Exit> {
        self.run_loop(None)
    }

    /// Runs the top frame, raising `e` at its current instruction first.
    pub fn run_with_exception(&mut self, e: PyException) -> PyResult<Exit> {
        self.run_loop(Some(e))
    }

    /// Runs the loop's plain or tracing instantiation (`trace.rs`) as
    /// [`Vm::trace_on`] says, switching when it changes.
    fn run_loop(&mut self, pending: Option<PyException>) -> PyResult<Exit> {
        let mut st = LoopState {
            pending,
            init_failed: None,
        };
        self.run_depth += 1;
        let r = loop {
            let r = if self.trace_on {
                self.run_inner::<true>(&mut st)
            } else {
                self.run_inner::<false>(&mut st)
            };
            if let Some(x) = r.transpose() {
                break x;
            }
        };
        self.run_depth -= 1;
        r
    }

    /// Executes `code` as a module/class body with `globals` and `locals`.
    pub fn run_code(&mut self, code: Value, globals: Value, locals: Value) -> PyResult<Value> {
        self.run_code_with_closure(code, globals, locals, None)
    }

    /// [`Vm::run_code`] with the cells of `code`'s free variables
    /// (`exec(code, closure=...)`: a tuple of cells, one per free
    /// variable, checked by the caller). Code whose flags make it a
    /// generator or coroutine (a module compiled with top-level `await`)
    /// is not run: the generator/coroutine object is returned.
    pub fn run_code_with_closure(
        &mut self,
        code: Value,
        globals: Value,
        locals: Value,
        closure: Option<Value>,
    ) -> PyResult<Value> {
        let cd = self.code_body(code).expect("code");
        if self.frames.len() >= self.g.recursion_limit.load(Ordering::Relaxed) {
            return Err(self.new_exc(self.g.e.RecursionError, "maximum recursion depth exceeded"));
        }
        let fbase = self.ctx.stack().top();
        self.ctx.stack().set_top(fbase + cd.extent);
        {
            let st = self.ctx.stack().slots_mut();
            st[fbase] = code;
            st[fbase + 1] = globals;
            st[fbase + 2] = locals;
        }
        let g = Obj::from_value(globals).expect("globals");
        // exec/eval honour globals['__builtins__'] (a dict or a module).
        let builtins = match self.dict_get_str(globals, self.g.names.__builtins__) {
            Some(b) => match Obj::from_value(b) {
                Some(bo) if bo.kind() == Kind::DICT => bo,
                Some(bo) if bo.kind() == K_MODULE => {
                    Obj::from_value(bo.get(0)).unwrap_or_else(|| self.builtins_for(g))
                }
                _ => self.builtins_for(g),
            },
            None => self.builtins_for(g),
        };
        let sp = fbase + FRAME_HEADER + cd.nlocals + cd.ncells;
        // Cells of a class body (__class__).
        let cells = fbase + FRAME_HEADER + cd.nlocals;
        for i in 0..cd.code.cellvars.len() {
            let c = self.new_cell(Value::EMPTY);
            self.ctx.stack().slots_mut()[cells + i] = c;
        }
        if let Some(cl) = closure.and_then(Obj::from_value) {
            let first = cells + cd.code.cellvars.len();
            for i in 0..cd.code.freevars.len().min(cl.n_values()) {
                let c = cl.get(i);
                self.ctx.stack().slots_mut()[first + i] = c;
            }
        }
        if cd.code.flags.0
            & (CodeFlags::GENERATOR.0 | CodeFlags::COROUTINE.0 | CodeFlags::ASYNC_GENERATOR.0)
            != 0
        {
            // The generator's frame is this one, its function made here
            // (CPython's frame of `PyEval_EvalCode` becomes the coroutine's).
            let f = self.new_function(code, globals, Value::EMPTY);
            let fo = Obj::from_value(f).expect("function");
            if let Some(c) = closure {
                fo.init(FN_CLOSURE, c);
            }
            self.ctx.stack().slots_mut()[fbase] = f;
            let gen = self.make_generator(fo, cd, fbase, sp);
            self.ctx.stack().set_top(fbase);
            return Ok(gen);
        }
        self.frames
            .push(Frame::fresh(cd, fbase, sp, true, g, builtins));
        let r = stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || self.run());
        match r {
            Ok(Exit::Return(v)) => Ok(v),
            Ok(Exit::Yield(_)) => Err(self.new_exc(self.g.e.SystemError, "yield outside function")),
            Err(e) => Err(e),
        }
    }

    /// Runs a class body function with a fresh namespace (closure cells from `func`).
    pub fn run_class_body(&mut self, func: Value, ns: Value) -> PyResult<Value> {
        let fo = Obj::from_value(func).expect("func");
        let code = fo.get(FN_CODE);
        let cd = self.code_body(code).expect("code");
        let globals = fo.get(FN_GLOBALS);
        let fbase = self.ctx.stack().top();
        self.ctx.stack().set_top(fbase + cd.extent);
        {
            let st = self.ctx.stack().slots_mut();
            st[fbase] = func;
            st[fbase + 1] = globals;
            st[fbase + 2] = ns;
        }
        let cells = fbase + FRAME_HEADER + cd.nlocals;
        for i in 0..cd.code.cellvars.len() {
            let c = self.new_cell(Value::EMPTY);
            self.ctx.stack().slots_mut()[cells + i] = c;
        }
        if let Some(cl) = Obj::from_value(fo.get(FN_CLOSURE)) {
            for i in 0..cd.code.freevars.len().min(cl.n_values()) {
                let c = cl.get(i);
                self.ctx.stack().slots_mut()[cells + cd.code.cellvars.len() + i] = c;
            }
        }
        let g = Obj::from_value(globals).expect("globals");
        let builtins = self.builtins_for(g);
        let sp = cells + cd.ncells;
        self.frames
            .push(Frame::fresh(cd, fbase, sp, true, g, builtins));
        match self.run() {
            Ok(Exit::Return(v)) => Ok(v),
            Ok(Exit::Yield(_)) => Err(self.new_exc(self.g.e.SystemError, "yield in class body")),
            Err(e) => Err(e),
        }
    }

    fn name_error(&mut self, name: Value) -> PyException {
        let n = str_of(name).into_owned();
        // Suggestion candidates as CPython: locals, then globals, then builtins.
        let mut sugg = None;
        if let Some(f) = self.frames.last() {
            let (cd, base, globals) = (f.code, f.base, f.globals.value());
            let mut locals: Vec<String> = Vec::new();
            for (i, &v) in cd.varnames.iter().enumerate() {
                if !self.ctx.stack().slots_mut()[base + FRAME_HEADER + i].is_empty() {
                    locals.push(str_of(v).into_owned());
                }
            }
            locals.extend(
                cd.code
                    .cellvars
                    .iter()
                    .chain(cd.code.freevars.iter())
                    .map(|s| s.to_string()),
            );
            sugg = Vm::suggest(&n, &locals);
            if sugg.is_none() {
                let g: Vec<String> = self
                    .dict_items(globals)
                    .into_iter()
                    .filter(|(k, _)| is_str(*k))
                    .map(|(k, _)| str_of(k).into_owned())
                    .collect();
                sugg = Vm::suggest(&n, &g);
            }
            if sugg.is_none() {
                let b: Vec<String> = self
                    .dict_items(self.g.builtins)
                    .into_iter()
                    .filter(|(k, _)| is_str(*k))
                    .map(|(k, _)| str_of(k).into_owned())
                    .collect();
                sugg = Vm::suggest(&n, &b);
            }
        }
        let e = self.new_exc(self.g.e.NameError, &format!("name '{n}' is not defined"));
        if let Some(o) = Obj::from_value(e.0) {
            o.init(EXC_X0, name);
            if let Some(s) = sugg {
                let sv = self.new_str(&s);
                o.init(EXC_X2, sv);
            }
        }
        e
    }

    #[inline]
    /// LOAD_GLOBAL's lookup: globals, then builtins. A namespace that is
    /// a dict subclass is subscripted (its `__getitem__`/`__missing__`
    /// run, a KeyError means absent), as CPython 3.11 does for any
    /// namespace that is not exactly a dict.
    fn load_global(&mut self, globals: Obj, builtins: Obj, name: Value) -> PyResult<Value> {
        if let Some(v) = self.mapping_get(globals.value(), name)? {
            return Ok(v);
        }
        self.load_builtin(builtins, name)
    }

    /// LOAD_NAME's lookup past the locals: globals read as a plain dict
    /// (CPython's `PyDict_GetItem`, whatever the dict's class), then the
    /// builtins as in [`Vm::load_global`].
    fn load_name_global(&mut self, globals: Obj, builtins: Obj, name: Value) -> PyResult<Value> {
        if let Some(v) = self.dict_get_str(globals.value(), name) {
            return Ok(v);
        }
        self.load_builtin(builtins, name)
    }

    fn load_builtin(&mut self, builtins: Obj, name: Value) -> PyResult<Value> {
        if let Some(v) = self.mapping_get(builtins.value(), name)? {
            return Ok(v);
        }
        Err(self.name_error(name))
    }

    fn mapping_get(&mut self, m: Value, k: Value) -> PyResult<Option<Value>> {
        if let Some(o) = Obj::from_value(m) {
            if o.kind() == Kind::DICT && o.class() == self.g.types.dict {
                return Ok(self.dict_get_str(m, k));
            }
        }
        match self.getitem(m, k) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.isinstance(e.0, self.g.e.KeyError) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn mapping_set(&mut self, m: Value, k: Value, v: Value) -> PyResult<()> {
        if let Some(o) = Obj::from_value(m) {
            if o.kind() == Kind::DICT && o.class() == self.g.types.dict {
                if !self.dict_set_str(m, k, v) {
                    return Err(self.frozen_error(o));
                }
                return Ok(());
            }
        }
        self.setitem(m, k, v)
    }

    fn unbound_local(&mut self, name: Value) -> PyException {
        let n = str_of(name).into_owned();
        self.new_exc(
            self.g.e.UnboundLocalError,
            &format!("cannot access local variable '{n}' where it is not associated with a value"),
        )
    }

    /// Builds a slice object.
    pub fn new_slice(&mut self, a: Value, b: Value, c: Value) -> Value {
        let s = self.alloc_obj(K_SLICE, self.g.types.slice, 3, 0);
        s.init(0, a);
        s.init(1, b);
        s.init(2, c);
        s.value()
    }

    /// `c[a:b:step]` of an exact tuple, or of an exact list no other thread
    /// can reach, with int or None bounds and step: the new list or tuple
    /// (an exact tuple's whole range is the tuple itself, as in CPython);
    /// `None` to take the general path (which also raises for step 0). No
    /// slice object is made and no `__getitem__` is looked up.
    fn fast_slice(&mut self, c: Value, a: Value, b: Value, step: Value) -> Option<Value> {
        let o = Obj::from_value(c)?;
        let is_list = o.kind() == Kind::LIST && o.class() == self.g.types.list && !o.is_shared();
        if !is_list && !(o.kind() == Kind::TUPLE && o.class() == self.g.types.tuple) {
            return None;
        }
        let (a, b) = (plain_bound(a)?, plain_bound(b)?);
        let step = match plain_bound(step)? {
            None => 1,
            Some(0) => return None,
            Some(s) => s,
        };
        // The items: a list's storage holds its `len` items first (never
        // EMPTY in a list only this thread reaches).
        let (items, n) = if is_list {
            let n = llist::len(o);
            let sv = llist::storage(o).view();
            (sv, n.min(sv.n_values()))
        } else {
            let tv = o.view();
            (tv, tv.n_values())
        };
        let (start, _, count) = slice_adjust(n, a, b, step);
        if !is_list && step == 1 && start == 0 && count == n {
            return Some(c);
        }
        // The result is filled straight from the items: a fresh local
        // object, written without the barrier.
        let r = if is_list {
            llist::alloc(&mut self.ctx, self.g.types.list, count)
        } else if count == 0 {
            return Some(self.g.empty_tuple);
        } else {
            self.ctx.alloc(Kind::TUPLE, self.g.types.tuple, count, 0)
        };
        let ro = Obj::from_value(r)?;
        let dst = if is_list {
            llist::storage(ro).view()
        } else {
            ro.view()
        };
        let mut i = start;
        for k in 0..count {
            dst.init(k, items.get(i as usize));
            i += step;
        }
        if is_list {
            set_raw(ro, 0, count as u64);
        }
        Some(r)
    }

    /// `c[a:b] = v` for an exact list `c` no other thread can reach (nor
    /// frozen), int or None bounds, and `v` an exact tuple or an exact list
    /// no other thread can reach: done in place (true); false to take the
    /// general path. What `list.__setitem__` does for a slice, without the
    /// slice object, the method lookup and the call.
    fn fast_store_slice(&mut self, c: Value, a: Value, b: Value, v: Value) -> bool {
        let Some(o) = Obj::from_value(c)
            .filter(|o| o.kind() == Kind::LIST && o.class() == self.g.types.list)
            .filter(|o| o.is_local_mutable())
        else {
            return false;
        };
        let (Some(a), Some(b)) = (plain_bound(a), plain_bound(b)) else {
            return false;
        };
        let Some(src) = Obj::from_value(v) else {
            return false;
        };
        // `l[a:b] = l`: the items as they were before the write, in a
        // tuple (interpreter allocations do not collect, so it needs no root).
        let src = if src == o {
            let mut items = Vec::new();
            llist::snapshot(src, &mut items);
            let t = self.new_tuple(&items);
            Obj::from_value(t).unwrap_or(src)
        } else {
            src
        };
        let (items, m) =
            if src.kind() == Kind::LIST && src.class() == self.g.types.list && !src.is_shared() {
                let sv = llist::storage(src).view();
                (sv, llist::len(src).min(sv.n_values()))
            } else if src.kind() == Kind::TUPLE && src.class() == self.g.types.tuple {
                let tv = src.view();
                (tv, tv.n_values())
            } else {
                return false;
            };
        let (start, stop, _) = slice_adjust(llist::len(o), a, b, 1);
        let stop = stop.max(start);
        llist::try_splice(&mut self.ctx, o, start as usize, stop as usize, m, |k| {
            items.get(k)
        })
    }

    fn unpack(&mut self, seq: Value, n: usize) -> PyResult<Vec<Value>> {
        if let Some(o) = Obj::from_value(seq) {
            if matches!(o.kind(), Kind::TUPLE | Kind::LIST)
                && (o.class() == self.g.types.tuple || o.class() == self.g.types.list)
            {
                let items = self.seq_items(seq);
                if items.len() != n {
                    return Err(self.unpack_err(items.len(), n));
                }
                return Ok(items);
            }
        }
        let tp = self.type_of(seq);
        if self.lookup_type(tp, self.g.names.__iter__).is_none()
            && self.lookup_type(tp, self.g.names.__getitem__).is_none()
            && !Obj::from_value(seq).is_some_and(|o| {
                matches!(
                    o.kind(),
                    Kind::STR
                        | Kind::DICT
                        | Kind::SET
                        | K_ITER
                        | K_GEN
                        | K_RANGE
                        | Kind::BYTES
                        | K_DICTVIEW
                )
            })
        {
            let tn = self.type_name_of(seq);
            return Err(self.type_error(&format!("cannot unpack non-iterable {tn} object")));
        }
        let it = self.iter(seq)?;
        let l = self.new_list(&[]);
        let mark = self.push_root(l);
        self.push_root(it);
        let r = (|| {
            loop {
                match self.next(it)? {
                    Some(v) => {
                        let cur = llist::len(Obj::from_value(l).expect("l"));
                        if cur == n {
                            return Err(self.new_exc(
                                self.g.e.ValueError,
                                &format!("too many values to unpack (expected {n})"),
                            ));
                        }
                        self.list_append(l, v);
                    }
                    None => break,
                }
            }
            let items = self.seq_items(l);
            if items.len() != n {
                return Err(self.unpack_err(items.len(), n));
            }
            Ok(items)
        })();
        self.pop_roots(mark);
        r
    }

    /// The (key, value) pairs `{**m}` and `f(**m)` merge, rooted until
    /// `pop_roots(mark)` (merging runs `__hash__`/`__eq__`, which may empty
    /// `m` or collect); `None` when `m` is no mapping (no `keys`).
    fn mapping_items_rooted(&mut self, m: Value) -> PyResult<Option<(Vec<(Value, Value)>, usize)>> {
        if Obj::from_value(m).is_some_and(|o| o.kind() == Kind::DICT) {
            let items = self.dict_items(m);
            let flat: Vec<Value> = items.iter().flat_map(|&(k, v)| [k, v]).collect();
            let mark = self.root_values(&flat);
            return Ok(Some((items, mark)));
        }
        let Some(keys) = self.getattr_opt(m, self.g.names.keys)? else {
            return Ok(None);
        };
        let kv = self.call(keys, &[], Value::EMPTY)?;
        let mark = self.push_root(kv);
        let r = (|| {
            let ks = self.collect(kv)?;
            // Keys and the values fetched so far stay rooted while the next
            // `__getitem__` runs.
            let held = self.new_list(&ks);
            self.push_root(held);
            let mut out = Vec::with_capacity(ks.len());
            for k in ks {
                let v = self.getitem(m, k)?;
                self.list_append(held, v);
                out.push((k, v));
            }
            Ok(out)
        })();
        match r {
            Ok(out) => Ok(Some((out, mark))),
            Err(e) => {
                self.pop_roots(mark);
                Err(e)
            }
        }
    }

    /// Stores `items` into the dict `d`; with `merge` (a call's `**m`), the
    /// first key already in `d` is returned instead (the caller raises).
    fn merge_items(
        &mut self,
        d: Value,
        items: &[(Value, Value)],
        merge: bool,
    ) -> PyResult<Option<Value>> {
        for &(k, v) in items {
            if merge && self.dict_get(d, k)?.is_some() {
                return Ok(Some(k));
            }
            self.dict_set(d, k, v)?;
        }
        Ok(None)
    }

    fn unpack_err(&mut self, got: usize, n: usize) -> PyException {
        if got > n {
            self.new_exc(
                self.g.e.ValueError,
                &format!("too many values to unpack (expected {n})"),
            )
        } else {
            self.new_exc(
                self.g.e.ValueError,
                &format!("not enough values to unpack (expected {n}, got {got})"),
            )
        }
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: Value) -> PyResult<Value> {
        let spec_s = str_of(spec).into_owned();
        if spec_s.is_empty() {
            // Every builtin __format__ (object, int, float, complex, str)
            // with an empty spec is str(self), so a subclass's __str__ applies.
            if self.type_of(v) == self.g.types.str_ && is_str(v) {
                return Ok(v);
            }
            let f = self.lookup_type(self.type_of(v), self.g.names.__format__);
            if f.is_some_and(|f| Obj::from_value(f).is_some_and(|o| o.kind() == K_BUILTIN)) {
                return self.str(v);
            }
        }
        let tp = self.type_of(v);
        if let Some(f) = self.lookup_type(tp, self.g.names.__format__) {
            if !Obj::from_value(f).is_some_and(|o| o.kind() == K_BUILTIN) {
                let r = self.call_bound(f, v, &[spec])?;
                if !is_str(r) {
                    let tn = self.type_name_of(r);
                    return Err(self.type_error(&format!("__format__ must return a str, not {tn}")));
                }
                return Ok(r);
            }
        }
        let hook = self.g.hooks().format_builtin;
        if let Some(h) = hook {
            if let Some(s) = h(self, v, spec)? {
                return Ok(s);
            }
        }
        // A native `__format__` of a python_env type the hook does not know
        // (`datetime.date.__format__`): called like a Python one.
        if let Some(f) = self.lookup_type(tp, self.g.names.__format__) {
            let base = self.lookup_type(self.g.types.object, self.g.names.__format__);
            if Some(f) != base {
                return self.call_bound(f, v, &[spec]);
            }
        }
        if spec_s.is_empty() {
            return self.str(v);
        }
        let tn = self.type_name_of(v);
        Err(self.type_error(&format!(
            "unsupported format string passed to {tn}.__format__"
        )))
    }

    /// The loop; `TRACE` selects the instantiation that reports trace and
    /// profile events. `Ok(None)`: hand over to the other one (the frames
    /// hold the state).
    fn run_inner<const TRACE: bool>(&mut self, ls: &mut LoopState) -> PyResult<Option<Exit>> {
        // Kept in locals while this instantiation runs, handed back on a
        // switch.
        let mut pending_v = ls.pending.take();
        let pending = &mut pending_v;
        // The value stack's slots, as a pointer and length taken once: going
        // through `self.ctx.stack()` on every access reloaded three dependent
        // pointers (the compiler cannot keep them across stores to `Value`
        // slots, which might alias them).
        let st_ptr: *mut Value = self.ctx.stack().slots_mut().as_mut_ptr();
        let st_len: usize = self.ctx.stack().capacity();
        // The value stack as a slice, for the few range reads (BUILD_TUPLE,
        // BUILD_LIST): checked against the whole stack.
        macro_rules! st_slice {
            () => {
                // SAFETY: the value stack is one buffer allocated when the
                // thread's context is created and never reallocated, resized
                // or freed while the context lives (`proto_core::roots`:
                // "It never reallocates"), so `st_ptr..st_ptr + st_len` stays
                // valid for the whole of `run_inner`, which holds `&mut self`
                // (this thread's context: no other thread writes these slots;
                // the collector only reads them while this thread is stopped
                // at a safepoint). Each slice made here is a temporary that
                // ends before the next call on `self`, as the borrow checker
                // required of the `self.ctx.stack().slots_mut()` it replaces,
                // so no two live `&mut` slices overlap.
                unsafe { core::slice::from_raw_parts_mut(st_ptr, st_len) }
            };
        }
        // One slot of the running frame, indexed without a bounds check
        // (`st!()[i]`, `st!()[i] = v`): a check per stack access cost two
        // instructions and a spilled length, about 30 instructions per call
        // in `fib`.
        macro_rules! st {
            () => {
                // SAFETY: `StackSlots::new`'s contract. The buffer: as for
                // `st_slice!`. The indexes: every one used through `st!()` is
                // a slot of the running frame, `base..base + extent`: its
                // header, locals and cells (operands below `nlocals`/`ncells`
                // by the stream invariant, see `Ops`) or its value stack,
                // whose depth never exceeds the code's `max_stackdepth` (the
                // compiler computes it; `serialize::check_stack_depths`
                // checks loaded code), which `extent` includes; every frame
                // push (`push_simple_frame`, `push_function_frame`,
                // `gen_load_frame`, `run_code_with_closure`,
                // `run_class_body`) makes `base + extent <= capacity`
                // (`set_top`'s assertion). `ret!` writes the caller's result
                // slot, in the caller's frame, checked so when it was pushed.
                unsafe { StackSlots::new(st_ptr, st_len) }
            };
        }
        let mut init_failed_v = ls.init_failed.take();
        let init_failed = &mut init_failed_v;
        'frame: loop {
            let fi = self.frames.len() - 1;
            if self.trace_on != TRACE {
                ls.pending = pending.take();
                ls.init_failed = init_failed.take();
                return Ok(None);
            }
            let cd: &'static CodeData = self.frames[fi].code;
            let code = Ops::new(&cd.code.code);
            // Instruction fetches: `$pc` is always the offset of a jump or handler
            // target, a saved resume offset, or the offset following an
            // instruction that may fall through (a fused peek looks only past
            // instructions that do), so the stream invariant (`Ops`) puts it
            // inside the code.
            macro_rules! fetch {
                ($pc:expr) => {
                    // SAFETY: see the comment above the macro.
                    unsafe { code.pair($pc) }
                };
            }
            // The opcode byte of the instruction being run, read again from
            // the code (it sits just before `pc` until the arm moves `pc`):
            // an arm shared by two opcodes tells them apart with it, so that
            // `opc` is dead once the dispatch has jumped. Kept live into
            // those arms, it was spilled, and reloaded from the stack right
            // before every dispatch's indirect jump.
            macro_rules! this_op {
                ($pc:expr) => {
                    fetch!($pc - 1).0
                };
            }
            macro_rules! decode_at {
                ($pc:expr) => {
                    // SAFETY: as for `fetch!`.
                    unsafe { code.decode($pc) }
                };
            }
            let base = self.frames[fi].base;
            let locals = base + FRAME_HEADER;
            let cells = locals + cd.nlocals;
            let stack_base = cells + cd.ncells;
            let mut pc = self.frames[fi].pc;
            let mut sp = self.frames[fi].sp;
            #[allow(unused_assignments)]
            let mut lasti = self.frames[fi].lasti;
            let globals = self.frames[fi].globals;
            let builtins = self.frames[fi].builtins;
            // Tracing: the line and offset of the last instruction run in
            // this frame (`u32::MAX`: none yet, the first one reports its
            // line).
            #[allow(unused_assignments)]
            let mut tlined = 0usize;
            let (mut tline, mut tprev) = if TRACE {
                let f = &self.frames[fi];
                if f.call_pending && f.pc == 0 {
                    (u32::MAX, 0)
                } else {
                    (cd.code.location(f.lasti as u32).line, f.lasti)
                }
            } else {
                (0, 0)
            };
            // The instruction after the one running, for fusing the two:
            // never in the tracing loop, where each instruction reports
            // its own line.
            macro_rules! peek {
                ($pc:expr) => {
                    if TRACE {
                        (Opcode::Nop as u8, 0u8)
                    } else {
                        fetch!($pc)
                    }
                };
            }
            macro_rules! peek_decode {
                ($pc:expr) => {
                    if TRACE {
                        (Opcode::Nop as u8, 0, $pc)
                    } else {
                        decode_at!($pc)
                    }
                };
            }
            macro_rules! push {
                ($v:expr) => {{
                    let v = $v;
                    st!()[sp] = v;
                    sp += 1;
                }};
            }
            // An UNPACK_SEQUENCE of `$n` items, `|i| $get` reading item
            // `i`, where nothing that follows allocates: the STORE_FASTs
            // after it take items 0, 1, ... straight into their locals (the
            // order they would pop them in), and only the items left over
            // are pushed, item `i` at slot `top + n - 1 - i` as the
            // instruction leaves it (a forward loop: PERFORMANCE.md, stop
            // 84). `$top` is the slot the first pushed item would take:
            // the container's, `sp - 1`, which stays rooted until the
            // pushes overwrite it, or `sp` after a fused FOR_ITER.
            macro_rules! unpack_direct {
                ($top:expr, $n:expr, |$i:ident| $get:expr) => {{
                    let top = $top;
                    let n: usize = $n;
                    let mut k = 0;
                    while k < n {
                        let (nop, narg) = peek!(pc);
                        if nop != Opcode::StoreFast as u8 {
                            break;
                        }
                        let $i = k;
                        st!()[locals + narg as usize] = $get;
                        pc += 1;
                        k += 1;
                    }
                    for $i in k..n {
                        st!()[top + n - 1 - $i] = $get;
                    }
                    sp = top + n - k;
                }};
            }
            macro_rules! pop {
                () => {{
                    sp -= 1;
                    st!()[sp]
                }};
            }
            macro_rules! top {
                () => {
                    st!()[sp - 1]
                };
            }
            // Operands of Name- and Const-kind instructions only: the stream
            // invariant (`Ops`) keeps them below `names.len()` / `consts.len()`
            // (`CodeData` holds one value per entry of the code's tables).
            macro_rules! name {
                ($i:expr) => {{
                    let i = $i as usize;
                    debug_assert!(i < cd.names.len());
                    // SAFETY: see the comment above the macro.
                    unsafe { *cd.names.get_unchecked(i) }
                }};
            }
            // `$at` is the opcode unit of the LOAD_GLOBAL / LOAD_ATTR /
            // LOAD_METHOD / STORE_ATTR being run (`pc - 1` right after its
            // fetch, or the unit of a fused one), all opcodes with a cache.
            macro_rules! cache {
                ($at:expr) => {
                    // SAFETY: see the comment above the macro.
                    unsafe { icache::slot(cd, $at) }
                };
            }
            // Returns `$v` from the running frame: to the Rust caller for an
            // entry frame, else into the caller frame, which resumes.
            macro_rules! ret {
                ($v:expr) => {{
                    let v = $v;
                    let f = self.frames.pop().expect("frame");
                    // Tested on the popped copy: reading `self.frames[fi]`
                    // first cost a bounds check and reloads on every return.
                    // Its slots are still below the stack's top (rooted and
                    // intact) while `frame_ended` copies them.
                    // `fobj` is EMPTY or a frame object: a test for zero.
                    if !f.fobj.is_empty() {
                        self.frame_ended(&Frame { lasti, ..f }, true);
                    }
                    self.ctx.stack().set_top(base);
                    if f.entry {
                        if f.gen.is_heap() {
                            let go = Obj::from_value(f.gen).expect("gen");
                            if f.init {
                                // A generator frame the loop resumed (its
                                // caller runs next: see `yield_out!`).
                                if let Some(e) = self.gen_frame_returned(go, cd.extent, v, TRACE) {
                                    *pending = Some(e);
                                }
                                continue 'frame;
                            }
                            set_raw(go, call::GEN_RAW_STATE, call::GEN_DONE);
                        }
                        return Ok(Some(Exit::Return(v)));
                    }
                    let cf = self.frames.last_mut().expect("caller");
                    let csp = cf.sp;
                    cf.sp = csp + 1;
                    if f.init {
                        // The instance is already in the result slot.
                        if !v.is_none() {
                            *init_failed = Some(self.type_name_of(v));
                        }
                    } else {
                        st!()[csp] = v;
                    }
                    self.ctx.safepoint();
                    continue 'frame;
                }};
            }
            macro_rules! konst {
                ($i:expr) => {{
                    let i = $i as usize;
                    debug_assert!(i < cd.consts.len());
                    // SAFETY: as for `name!`.
                    unsafe { *cd.consts.get_unchecked(i) }
                }};
            }
            // The error path: a labeled block that yields the exception.
            let (exc, reraise) = 'err: {
                // Checked before taken: `take` writes the Option back on
                // every frame entry (each call and return), `is_some` only
                // reads it.
                if init_failed.is_some() {
                    let tn = init_failed.take().unwrap_or_default();
                    let msg = format!("__init__() should return None, not '{tn}'");
                    break 'err (self.type_error(&msg), false);
                }
                if TRACE && self.frames[fi].call_pending {
                    if let Err(e) = self.trace_call(fi) {
                        break 'err (e, false);
                    }
                }
                if let Some(e) = pending.is_some().then(|| pending.take()).flatten() {
                    // Thrown into a generator: raise at the suspended instruction.
                    let at = if cd.code.code.get(pc * 2).copied() == Some(Opcode::YieldFrom as u8) {
                        // Delegate to the sub-iterator.
                        let sub = st!()[sp - 1];
                        let r = self.throw_into(sub, e.0);
                        match r {
                            Ok(Some(y)) => {
                                let gen = self.frames[fi].gen;
                                self.gen_save(gen, base, sp, pc, cd.extent);
                                self.frame_suspended();
                                self.ctx.stack().set_top(base);
                                return Ok(Some(Exit::Yield(y)));
                            }
                            Ok(None) => {
                                // Sub-iterator finished: its value was pushed by throw_into? handled below.
                                let v = self.root_tmp_take();
                                sp -= 1;
                                push!(v);
                                pc += 1;
                                lasti = pc;
                                None
                            }
                            Err(e2) => {
                                sp -= 1;
                                lasti = pc;
                                Some(e2)
                            }
                        }
                    } else {
                        lasti = pc.saturating_sub(1);
                        Some(e)
                    };
                    if let Some(e) = at {
                        break 'err (e, false);
                    }
                }
                macro_rules! t {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'err (e, false),
                        }
                    };
                }
                // The running generator frame, saved (`gen_save`, its `lasti`
                // set), yields `$v` (see `Vm::yield_out`).
                // The loop goes on in the frame that then is on top by
                // handing over to `run_loop`, which calls it again (as on a
                // switch of instantiation), an error to raise there first
                // in `pending`: a `continue 'frame` or `break 'err` here
                // made the compiler keep the hot path's state worse (about
                // 30 instructions more per call in `fib`).
                macro_rules! yield_out {
                    ($v:expr) => {{
                        match self.yield_out::<TRACE>($v) {
                            Ok(Some(y)) => return Ok(Some(Exit::Yield(y))),
                            Ok(None) => continue 'frame,
                            Err(e) => {
                                *pending = Some(e);
                                continue 'frame;
                            }
                        }
                    }};
                }
                // The attribute instructions, for their own arms and the
                // fused sequences: `$at` is the instruction's opcode unit,
                // `$narg` its name operand; `$o` is on top of the stack.
                // LOAD_ATTR replaces it with the attribute.
                // The frame of Python function `$fo` in this loop, its `$n`
                // arguments at `sp - 1` on, its result for the slot at
                // `sp - 1` (where this frame's `sp` is left); nothing done
                // when the call needs the general path.
                macro_rules! push_frame_for_top {
                    ($fo:expr, $n:expr) => {{
                        let f = &mut self.frames[fi];
                        f.pc = pc;
                        f.sp = sp - 1;
                        f.lasti = lasti;
                        if self.push_simple_frame($fo, sp - 1, $n) {
                            self.ctx.safepoint();
                            continue 'frame;
                        }
                    }};
                }
                macro_rules! load_attr {
                    ($o:expr, $narg:expr, $at:expr) => {{
                        let (o, k) = ($o, name!($narg));
                        let r = match self.load_attr_cached(cache!($at), o, k) {
                            Some(r) => r,
                            None => {
                                // A property with a Python getter: its frame
                                // in this loop, `o` (at `sp - 1`) its
                                // argument and its result's place.
                                if let Some(fo) = self.property_getter_cached(cache!($at), o) {
                                    push_frame_for_top!(fo, 1);
                                }
                                self.frames[fi].lasti = lasti;
                                // A builtin type's getset: its native getter,
                                // `o` rooted in its stack slot.
                                match self.native_getter_cached(cache!($at), o) {
                                    Some(nf) => t!(self.run_native(nf, &[o], Value::EMPTY)),
                                    None => t!(self.getattr(o, k)),
                                }
                            }
                        };
                        st!()[sp - 1] = r;
                    }};
                }
                // LOAD_METHOD replaces `$o` with the method and pushes `$o`
                // as its self, or replaces it with the attribute and pushes
                // NULL.
                macro_rules! load_method {
                    ($o:expr, $narg:expr, $at:expr) => {{
                        let (o, k) = ($o, name!($narg));
                        let m = match self.load_method_cached(cache!($at), o, k) {
                            Some(m) => m,
                            None => {
                                self.frames[fi].lasti = lasti;
                                t!(self.load_method(o, k))
                            }
                        };
                        match m {
                            attr::MethodLookup::Method(f) => {
                                st!()[sp - 1] = f;
                                push!(o);
                            }
                            attr::MethodLookup::Attr(a) => {
                                st!()[sp - 1] = a;
                                push!(Value::EMPTY);
                            }
                        }
                    }};
                }
                // STORE_ATTR: `( value obj -- )`.
                macro_rules! store_attr {
                    ($narg:expr, $at:expr) => {{
                        let o = pop!();
                        let v = pop!();
                        let k = name!($narg);
                        if !self.store_attr_cached(cache!($at), o, k, v) {
                            self.frames[fi].lasti = lasti;
                            t!(self.setattr(o, k, v));
                        }
                    }};
                }
                // After a native call: a hook set meanwhile (`sys.settrace`,
                // `breakpoint()`) makes the rest of this frame run traced.
                macro_rules! leave_if_hooked {
                    () => {
                        if !TRACE && self.trace_on {
                            let f = &mut self.frames[fi];
                            f.pc = pc;
                            f.sp = sp;
                            f.lasti = lasti;
                            ls.pending = pending.take();
                            ls.init_failed = init_failed.take();
                            return Ok(None);
                        }
                    };
                }
                // Pushes the frame of Python function `$fo` called with the
                // `$count` arguments above stack slot `$cbase` (the callee's
                // slot; `$fpos` the call's result slot) and continues in it,
                // or, for a generator function, leaves the generator in the
                // result slot and goes on.
                macro_rules! call_function {
                    ($fo:expr, $fpos:expr, $cbase:expr, $count:expr, $kwnames:expr) => {{
                        let (fo, fpos, cbase, count, kwnames): (Obj, usize, usize, usize, Value) =
                            ($fo, $fpos, $cbase, $count, $kwnames);
                        let f = &mut self.frames[fi];
                        f.pc = pc;
                        f.sp = fpos;
                        f.lasti = lasti;
                        if !kwnames.is_heap() && self.push_simple_frame(fo, cbase + 1, count) {
                            self.ctx.safepoint();
                            continue 'frame;
                        }
                        let depth = self.frames.len();
                        if let Some(kw) = Obj::from_value(kwnames) {
                            // keep kwnames rooted above the args
                            st!()[cbase + 1 + count] = kw.value();
                        }
                        t!(self.push_function_frame(fo, cbase + 1, count, kwnames, false));
                        if self.frames.len() == depth {
                            let g = st!()[cbase];
                            st!()[fpos] = g;
                            sp = fpos + 1;
                            continue;
                        }
                        self.ctx.safepoint();
                        continue 'frame;
                    }};
                }
                // CALL / CALL_KW with `$n` arguments (`$kw`: the keyword
                // names, EMPTY for CALL, which folds its tests away).
                // `( callee self_or_NULL args... -- result )`.
                macro_rules! call {
                    ($n:expr, $kw:expr) => {{
                        let kwnames: Value = $kw;
                        let n: usize = $n;
                        let fpos = sp - n - 2;
                        let (mut callee, mut selfv) = (st!()[fpos], st!()[fpos + 1]);
                        let mut cobj = Obj::from_value(callee);
                        // A Python function: the common case, tested first.
                        if let Some(fo) = cobj.filter(|o| o.kind() == K_FUNCTION) {
                            let (cbase, count) = if selfv.is_empty() {
                                st!()[fpos + 1] = callee;
                                (fpos + 1, n)
                            } else {
                                (fpos, n + 1)
                            };
                            call_function!(fo, fpos, cbase, count, kwnames);
                        }
                        let mut ckind = cobj.map(|o| o.kind());
                        // A bound method of a Python function (a stored
                        // `obj.meth`, a `with` statement's `__exit__`):
                        // its function and receiver take the two callee
                        // slots, so the call pushes a frame in this loop
                        // instead of recursing through `call_with_self`.
                        // Traced, a bound builtin (`ap = l.append`) is
                        // unpacked too, so that the profiler sees the
                        // builtin's C call, as in CPython; untraced,
                        // `call_non_python` calls it without recursing,
                        // but a stored `list.append` is unpacked so that
                        // `l.append(x)`'s push below serves `ap(x)` too.
                        if ckind == Some(K_METHOD) && selfv.is_empty() {
                            if let Some(m) = cobj {
                                let mf = m.get(0);
                                if let Some(fo) = Obj::from_value(mf).filter(|o| {
                                    o.kind() == K_FUNCTION
                                        || (o.kind() == K_BUILTIN
                                            && (TRACE
                                                || mf.bits()
                                                    == self
                                                        .g
                                                        .builtin_list_append
                                                        .load(Ordering::Relaxed)))
                                }) {
                                    selfv = m.get(1);
                                    st!()[fpos + 1] = selfv;
                                    st!()[fpos] = mf;
                                    callee = mf;
                                    cobj = Some(fo);
                                    ckind = Some(fo.kind());
                                }
                            }
                        }
                        let (cbase, count) = if selfv.is_empty() {
                            st!()[fpos + 1] = callee;
                            (fpos + 1, n)
                        } else {
                            (fpos, n + 1)
                        };
                        // Calls answered here without the call, untraced
                        // and without keywords: a class is asked for
                        // `type(x)` alone, and a builtin is told apart by
                        // its argument count first, so that the calls of
                        // other builtins pass one test per case at most.
                        let plain = !TRACE && !kwnames.is_heap();
                        if let Some(fo) = cobj {
                            if ckind == Some(K_FUNCTION) {
                                call_function!(fo, fpos, cbase, count, kwnames);
                            }
                            if ckind == Some(K_TYPE) {
                                // `type(x)`: its class (CPython's
                                // CALL_NO_KW_TYPE_1), asked before a class's
                                // `__init__` frame is tried.
                                if plain
                                    && count == 1
                                    && selfv.is_empty()
                                    && callee == self.g.types.type_
                                {
                                    st!()[fpos] = self.type_of(st!()[cbase + 1]);
                                    sp = fpos + 1;
                                    continue;
                                }
                                // A plain class: `__init__` runs in this loop.
                                if selfv.is_empty() && !kwnames.is_heap() {
                                    let f = &mut self.frames[fi];
                                    f.pc = pc;
                                    f.sp = fpos;
                                    f.lasti = lasti;
                                    if self.push_init_frame(fo, fpos, n) {
                                        self.ctx.safepoint();
                                        continue 'frame;
                                    }
                                }
                            } else if plain && ckind == Some(K_BUILTIN) {
                                let bits = callee.bits();
                                let g = &self.g;
                                if count == 1 && bits == g.builtin_len.load(Ordering::Relaxed) {
                                    // `len(x)` of an exact list, tuple, str or
                                    // dict: the builtin's answer.
                                    if let Some(n) = Obj::from_value(st!()[cbase + 1])
                                        .and_then(|o| self.exact_container_len(o))
                                    {
                                        st!()[fpos] = Value::int(n as i64);
                                        sp = fpos + 1;
                                        continue;
                                    }
                                } else if count == 1
                                    && bits == g.builtin_next.load(Ordering::Relaxed)
                                {
                                    // `next(g)` of a generator: its frame runs
                                    // in this loop, as FOR_ITER resumes one.
                                    // The generator waits in the call's result
                                    // slot (rooted), which what it yields
                                    // replaces; its return raises
                                    // StopIteration at this CALL (`yield_out`,
                                    // `gen_frame_returned`). A generator that
                                    // cannot be entered here takes the call.
                                    let it = st!()[cbase + 1];
                                    if let Some(go) = Obj::from_value(it).filter(|o| {
                                        o.kind() == K_GEN && o.class() == self.g.types.generator
                                    }) {
                                        let f = &mut self.frames[fi];
                                        f.pc = pc;
                                        f.sp = fpos + 1;
                                        f.lasti = lasti;
                                        if self.gen_push_frame(go, Value::NONE) {
                                            st!()[fpos] = it;
                                            self.ctx.safepoint();
                                            continue 'frame;
                                        }
                                    }
                                } else if count == 2 {
                                    if bits == g.builtin_isinstance.load(Ordering::Relaxed) {
                                        // `isinstance(x, T)` answered by `T`'s
                                        // MRO walk alone.
                                        if let Some(r) = self
                                            .plain_isinstance(st!()[cbase + 1], st!()[cbase + 2])
                                        {
                                            st!()[fpos] = Value::bool(r);
                                            sp = fpos + 1;
                                            continue;
                                        }
                                    } else if bits == g.builtin_list_append.load(Ordering::Relaxed)
                                    {
                                        // `l.append(x)` of an exact list: the
                                        // item pushed without the call, as
                                        // CPython's `CALL_NO_KW_LIST_APPEND`
                                        // (under the list's lock when it is
                                        // shared).
                                        self.frames[fi].lasti = lasti;
                                        if let Some(r) = self
                                            .list_append_fast(st!()[cbase + 1], st!()[cbase + 2])
                                        {
                                            t!(r);
                                            st!()[fpos] = Value::NONE;
                                            sp = fpos + 1;
                                            continue;
                                        }
                                    } else if bits == g.builtin_issubclass.load(Ordering::Relaxed) {
                                        // `issubclass(C, T)` of a class `C` and
                                        // a class `T` whose metaclass is `type`
                                        // (no `__subclasscheck__`): `C`'s MRO,
                                        // as `type.__subclasscheck__` reads it.
                                        let (c, t) = (st!()[cbase + 1], st!()[cbase + 2]);
                                        let plain_class = |v: Value, exact: bool| {
                                            Obj::from_value(v).is_some_and(|o| {
                                                o.kind() == K_TYPE
                                                    && (!exact || o.class() == self.g.types.type_)
                                            })
                                        };
                                        if plain_class(c, false) && plain_class(t, true) {
                                            st!()[fpos] = Value::bool(self.is_subtype(c, t));
                                            sp = fpos + 1;
                                            continue;
                                        }
                                    }
                                }
                                // `d.get(k[, default])` of an exact dict and
                                // an int, class or str key: one probe
                                // (`exact_dict_lookup`), as the method's own
                                // first step; any other case takes the call.
                                if (count == 2 || count == 3)
                                    && bits == self.g.builtin_dict_get.load(Ordering::Relaxed)
                                {
                                    if let Some(r) =
                                        self.exact_dict_lookup(st!()[cbase + 1], st!()[cbase + 2])
                                    {
                                        let dflt = if count == 3 {
                                            st!()[cbase + 3]
                                        } else {
                                            Value::NONE
                                        };
                                        st!()[fpos] = r.unwrap_or(dflt);
                                        sp = fpos + 1;
                                        continue;
                                    }
                                }
                            }
                        }
                        let argtop = cbase + 1 + count + usize::from(kwnames.is_heap());
                        {
                            let f = &mut self.frames[fi];
                            f.lasti = lasti;
                            // What lies above the arguments is dead:
                            // `gc.collect()` clears it.
                            f.native_top = argtop as u32;
                        }
                        if let Some(kw) = Obj::from_value(kwnames) {
                            st!()[cbase + 1 + count] = kw.value();
                        }
                        let r = if TRACE && self.profiling() {
                            self.call_profiled(fi, cbase, count, kwnames)
                        } else if count == 1
                            && selfv.is_empty()
                            && !kwnames.is_heap()
                            && callee == self.g.types.str_
                        {
                            // `str(x)`: the conversion without the type
                            // call (CPython's CALL_NO_KW_STR_1).
                            self.str(st!()[cbase + 1])
                        } else {
                            self.call_non_python(cbase, count, kwnames)
                        };
                        self.frames[fi].native_top = 0;
                        st!()[fpos] = t!(r);
                        sp = fpos + 1;
                        // A signal that arrived during the call has its
                        // handler run now, as CPython checks after every
                        // C call (one relaxed load when none is pending).
                        t!(self.check_signals());
                        leave_if_hooked!();
                    }};
                }
                loop {
                    lasti = pc;
                    if TRACE {
                        let [line, own_line] = cd.code.trace_lines(pc as u32);
                        if line != 0 || own_line != 0 {
                            tlined = pc;
                        }
                        let new_line = line != 0 && (line != tline || pc < tprev);
                        if line != 0 {
                            tline = line;
                        }
                        tprev = pc;
                        if new_line || self.trace_opcodes(fi) {
                            let f = &mut self.frames[fi];
                            f.pc = pc;
                            f.sp = sp;
                            f.lasti = pc;
                            t!(self.trace_line(fi, new_line));
                            // `frame.f_lineno = n` moved the frame.
                            let f = &self.frames[fi];
                            if f.pc != pc {
                                pc = f.pc;
                                sp = f.sp;
                                lasti = pc;
                                tprev = pc;
                                tline = cd.code.location(pc as u32).line;
                            }
                        }
                        if trace::instruction_trace() {
                            let vals = st_slice!()[stack_base..sp].to_vec();
                            self.write_instruction_trace(fi, pc, &vals);
                        }
                    }
                    let (mut op, a0) = fetch!(pc);
                    let mut arg = a0 as u32;
                    pc += 1;
                    while op == Opcode::ExtendedArg as u8 {
                        let (o, a) = fetch!(pc);
                        op = o;
                        arg = (arg << 8) | a as u32;
                        pc += 1;
                    }
                    // SAFETY: `op` is the opcode byte at an instruction
                    // offset (`pc` was one, and prefixes are followed to the
                    // instruction they extend) of a code object satisfying
                    // the stream invariant (see `Ops`), where every opcode
                    // byte is one `decode_at` accepts: below `Opcode::COUNT`.
                    let opc = unsafe { Opcode::from_u8_unchecked(op) };
                    match opc {
                        Opcode::Nop | Opcode::ExtendedArg => {}
                        Opcode::PopTop => {
                            sp -= 1;
                        }
                        Opcode::PushNull => push!(Value::EMPTY),
                        Opcode::Copy => {
                            let v = st!()[sp - arg as usize];
                            push!(v);
                            // `COPY 1; LOAD_ATTR` (an augmented attribute
                            // assignment `o.a += x`): the whole LOAD_ATTR here.
                            let (nop, narg) = peek!(pc);
                            if arg == 1 && nop == Opcode::LoadAttr as u8 {
                                lasti = pc;
                                pc += 1;
                                load_attr!(v, narg, lasti);
                            }
                        }
                        Opcode::Swap => {
                            let s = st_slice!();
                            s.swap(sp - 1, sp - arg as usize);
                            // `SWAP 2; STORE_ATTR` (the end of `o.a += x`).
                            let (nop, narg) = peek!(pc);
                            if arg == 2 && nop == Opcode::StoreAttr as u8 {
                                lasti = pc;
                                pc += 1;
                                store_attr!(narg, lasti);
                            }
                        }
                        Opcode::LoadConst => {
                            let b = konst!(arg);
                            // `<expr> OP const` on ints/floats: fused with the
                            // BINARY_OP when its inline fast path applies.
                            let (nop, narg) = peek!(pc);
                            if nop == Opcode::BinaryOp as u8 {
                                if let Some(r) = fast_binop(narg as u32, st!()[sp - 1], b) {
                                    st!()[sp - 1] = r;
                                    pc += 1;
                                    continue;
                                }
                            }
                            push!(b);
                        }
                        Opcode::LoadFast => {
                            let v = st!()[locals + arg as usize];
                            if v.is_empty() {
                                break 'err (self.unbound_local(cd.varnames[arg as usize]), false);
                            }
                            push!(v);
                            // Fused with a following LOAD_FAST (of a bound local)
                            // or LOAD_CONST without EXTENDED_ARG: neither can raise.
                            let (nop, narg) = peek!(pc);
                            let b = if nop == Opcode::LoadFast as u8 {
                                st!()[locals + narg as usize]
                            } else if nop == Opcode::LoadConst as u8 {
                                konst!(narg)
                            } else if nop == Opcode::LoadAttr as u8 {
                                // `local.attr`: the whole LOAD_ATTR runs here
                                // (lasti is set to it, so errors point at it).
                                lasti = pc;
                                pc += 1;
                                load_attr!(v, narg, lasti);
                                continue;
                            } else if nop == Opcode::LoadMethod as u8 {
                                // `local.method(...)`: the whole LOAD_METHOD.
                                lasti = pc;
                                pc += 1;
                                load_method!(v, narg, lasti);
                                continue;
                            } else if nop == Opcode::ReturnValue as u8 {
                                // `return local`.
                                ret!(v);
                            } else if nop == Opcode::BinaryOp as u8 {
                                // `<expr> OP local` on ints/floats.
                                if let Some(r) = fast_binop(narg as u32, st!()[sp - 2], v) {
                                    sp -= 1;
                                    st!()[sp - 1] = r;
                                    pc += 1;
                                }
                                continue;
                            } else {
                                continue;
                            };
                            if b.is_empty() {
                                continue;
                            }
                            push!(b);
                            pc += 1;
                            // ...and then with a BINARY_OP / COMPARE_OP on the pair
                            // when its inline fast path applies (nothing raised).
                            let (nop, narg) = peek!(pc);
                            if nop == Opcode::BinaryOp as u8 {
                                if let Some(r) = fast_binop(narg as u32, v, b) {
                                    sp -= 1;
                                    st!()[sp - 1] = r;
                                    pc += 1;
                                }
                            } else if nop == Opcode::CompareOp as u8 && v.is_int() && b.is_int() {
                                let r = ops::cmp_op(
                                    v.int_unchecked().cmp(&b.int_unchecked()),
                                    narg as u32,
                                );
                                pc += 1;
                                sp -= 1;
                                match peek_decode!(pc) {
                                    (jop, jarg, npc)
                                        if jop == Opcode::PopJumpIfFalse as u8
                                            || jop == Opcode::PopJumpIfTrue as u8 =>
                                    {
                                        sp -= 1;
                                        pc = if r == (jop == Opcode::PopJumpIfTrue as u8) {
                                            jarg as usize
                                        } else {
                                            npc
                                        };
                                    }
                                    _ => st!()[sp - 1] = Value::bool(r),
                                }
                            }
                        }
                        Opcode::StoreFast => {
                            let v = pop!();
                            st!()[locals + arg as usize] = v;
                            // Fused with a following LOAD_FAST of a bound local.
                            {
                                let (nop, narg) = peek!(pc);
                                if nop == Opcode::LoadFast as u8 {
                                    let v2 = st!()[locals + narg as usize];
                                    if !v2.is_empty() {
                                        push!(v2);
                                        pc += 1;
                                    }
                                }
                            }
                        }
                        Opcode::DeleteFast => {
                            let mut s = st!();
                            if s[locals + arg as usize].is_empty() {
                                break 'err (self.unbound_local(cd.varnames[arg as usize]), false);
                            }
                            s[locals + arg as usize] = Value::EMPTY;
                        }
                        Opcode::LoadDeref
                        | Opcode::LoadClassDeref
                        | Opcode::LoadFromDictOrDeref => {
                            let cell = st!()[cells + arg as usize];
                            let nm = cd.code.deref_name(arg).unwrap_or("?");
                            if this_op!(pc) != Opcode::LoadDeref as u8 {
                                // The class namespace first: the frame's own
                                // (class body) or the one popped here
                                // (annotation scope in a class body).
                                let lm = if this_op!(pc) == Opcode::LoadClassDeref as u8 {
                                    st!()[base + 2]
                                } else {
                                    pop!()
                                };
                                let k = self.intern(nm);
                                if let Some(v) = t!(self.mapping_get(lm, k)) {
                                    push!(v);
                                    continue;
                                }
                            }
                            let v = Obj::from_value(cell)
                                .map(|c| c.get(0))
                                .unwrap_or(Value::EMPTY);
                            if v.is_empty() {
                                let k = self.intern(nm);
                                if (arg as usize) < cd.code.cellvars.len() {
                                    break 'err (self.unbound_local(k), false);
                                }
                                let e = self.new_exc(self.g.e.NameError, &format!("cannot access free variable '{nm}' where it is not associated with a value in enclosing scope"));
                                if let Some(eo) = Obj::from_value(e.0) {
                                    eo.init(EXC_X0, k);
                                }
                                break 'err (e, false);
                            }
                            push!(v);
                        }
                        Opcode::StoreDeref => {
                            let v = pop!();
                            let cell = st!()[cells + arg as usize];
                            if let Some(c) = Obj::from_value(cell) {
                                self.ctx.store(c, 0, v);
                            }
                        }
                        Opcode::DeleteDeref => {
                            let cell = st!()[cells + arg as usize];
                            if let Some(c) = Obj::from_value(cell) {
                                if c.get(0).is_empty() {
                                    let nm = cd.code.deref_name(arg).unwrap_or("?");
                                    let k = self.intern(nm);
                                    break 'err (self.unbound_local(k), false);
                                }
                                self.ctx.store(c, 0, Value::EMPTY);
                            }
                        }
                        Opcode::LoadClosure => {
                            let c = st!()[cells + arg as usize];
                            push!(c);
                        }
                        Opcode::LoadName | Opcode::LoadFromDictOrGlobals => {
                            // The frame's locals mapping, or the class
                            // namespace popped here (annotation scope in a
                            // class body); then globals and builtins.
                            let k = name!(arg);
                            let m = if this_op!(pc) == Opcode::LoadName as u8 {
                                st!()[base + 2]
                            } else {
                                pop!()
                            };
                            if let Some(v) = t!(self.mapping_get(m, k)) {
                                push!(v);
                            } else {
                                let v = t!(self.load_name_global(globals, builtins, k));
                                push!(v);
                            }
                        }
                        Opcode::LoadLocals => {
                            let lm = st!()[base + 2];
                            if lm.is_empty() {
                                break 'err (
                                    self.new_exc(self.g.e.SystemError, "no locals found"),
                                    false,
                                );
                            }
                            push!(lm);
                        }
                        Opcode::StoreName => {
                            let v = pop!();
                            let lm = st!()[base + 2];
                            t!(self.mapping_set(lm, name!(arg), v));
                        }
                        Opcode::DeleteName => {
                            let lm = st!()[base + 2];
                            let k = name!(arg);
                            let r = t!(self.dict_del(lm, k));
                            if r.is_none() {
                                break 'err (self.name_error(k), false);
                            }
                        }
                        Opcode::LoadGlobal => {
                            let k = name!(arg);
                            let c = cache!(pc - 1);
                            // The cache reads the dicts' storage: exact dicts
                            // only. Checked here, not once per frame entry:
                            // every call and return enters a frame, and most
                            // frames run fewer LOAD_GLOBALs than that.
                            let exact_namespaces = globals.class() == self.g.types.dict
                                && builtins.class() == self.g.types.dict;
                            let cached = if exact_namespaces {
                                self.load_global_cached(c, globals, builtins, k)
                            } else {
                                None
                            };
                            let v = match cached {
                                Some(v) => v,
                                None => t!(self.load_global(globals, builtins, k)),
                            };
                            push!(v);
                            // Fused with the PUSH_NULL of a call `g(...)`.
                            if peek!(pc).0 == Opcode::PushNull as u8 {
                                push!(Value::EMPTY);
                                pc += 1;
                            }
                        }
                        Opcode::StoreGlobal => {
                            let v = pop!();
                            // False: the globals dict was frozen (`protopy.freeze`).
                            if !self.dict_set_str(globals.value(), name!(arg), v) {
                                self.frames[fi].lasti = lasti;
                                break 'err (self.frozen_error(globals), false);
                            }
                        }
                        Opcode::DeleteGlobal => {
                            let k = name!(arg);
                            let r = t!(self.dict_del(globals.value(), k));
                            if r.is_none() {
                                break 'err (self.name_error(k), false);
                            }
                        }
                        Opcode::LoadAttr => load_attr!(top!(), arg, pc - 1),
                        Opcode::LoadMethod => load_method!(top!(), arg, pc - 1),
                        Opcode::StoreAttr => store_attr!(arg, pc - 1),
                        Opcode::DeleteAttr => {
                            let o = pop!();
                            self.frames[fi].lasti = lasti;
                            t!(self.delattr(o, name!(arg)));
                        }
                        Opcode::BinarySubscr => {
                            let k = pop!();
                            let c = top!();
                            // One test of the container's kind picks the fast
                            // path to try.
                            let fast = match Obj::from_value(c).map(|o| o.kind()) {
                                // `seq[i]` on an exact list, tuple, bytes or
                                // bytearray, index in range.
                                Some(Kind::LIST | Kind::TUPLE | Kind::BYTES | K_BYTEARRAY) => {
                                    self.exact_seq_item(c, k)
                                }
                                // `s[i]`, an exact str and an int in range.
                                Some(Kind::STR) => self.exact_str_item(c, k),
                                // `d[k]`, an exact dict and an int or str key,
                                // present.
                                Some(Kind::DICT) => self.exact_dict_item(c, k),
                                _ => None,
                            };
                            if let Some(x) = fast {
                                st!()[sp - 1] = x;
                                continue;
                            }
                            // `seq[a:b:c]` of an exact list or tuple.
                            if let Some(so) = Obj::from_value(k).filter(|o| o.kind() == K_SLICE) {
                                let (a, b, step) = (so.get(0), so.get(1), so.get(2));
                                if let Some(x) = self.fast_slice(c, a, b, step) {
                                    st!()[sp - 1] = x;
                                    continue;
                                }
                            }
                            // `obj[k]`, an instance whose class's `__getitem__`
                            // is a Python function: its frame in this loop, its
                            // result where `obj` was (CPython 3.11's
                            // BINARY_SUBSCR_GETITEM). `obj` and `k` are its
                            // arguments, still at `sp - 1` and `sp`.
                            if let Some(co) = Obj::from_value(c).filter(|o| o.kind() == K_INSTANCE)
                            {
                                // A builtin type's own native `__getitem__`
                                // (array, deque), held in the type object.
                                if let Some(nf) = Obj::from_value(co.class()).and_then(type_getitem)
                                {
                                    self.frames[fi].lasti = lasti;
                                    let v = t!(self.run_native(nf, &[c, k], Value::EMPTY));
                                    st!()[sp - 1] = v;
                                    continue;
                                }
                                let f = self.lookup_type(co.class(), self.g.names.__getitem__);
                                // A native `__getitem__` of the object's own
                                // type (array, deque): called with `obj` and
                                // `k`, rooted where they are, without the
                                // slot-method call.
                                if let Some(nf) =
                                    f.and_then(|f| call::own_native_method(f, co.class(), 1))
                                {
                                    self.frames[fi].lasti = lasti;
                                    let v = t!(self.run_native(nf, &[c, k], Value::EMPTY));
                                    st!()[sp - 1] = v;
                                    continue;
                                }
                                if let Some(fo) = f
                                    .and_then(Obj::from_value)
                                    .filter(|f| f.kind() == K_FUNCTION)
                                {
                                    push_frame_for_top!(fo, 2);
                                    // One with defaults, `*args` or `**kwargs`
                                    // (typing's cached `inner(*args, **kwds)`):
                                    // bound as a CALL binds it. Never a generator
                                    // function, whose object would be left in
                                    // the slot below `obj`.
                                    if self.code_body(fo.get(FN_CODE)).is_some_and(|cd| {
                                        cd.code.flags.0
                                            & (CodeFlags::GENERATOR.0
                                                | CodeFlags::COROUTINE.0
                                                | CodeFlags::ASYNC_GENERATOR.0)
                                            == 0
                                    }) {
                                        t!(self.push_function_frame(
                                            fo,
                                            sp - 1,
                                            2,
                                            Value::EMPTY,
                                            false
                                        ));
                                        self.ctx.safepoint();
                                        continue 'frame;
                                    }
                                }
                            }
                            self.frames[fi].lasti = lasti;
                            let v = t!(self.getitem(c, k));
                            st!()[sp - 1] = v;
                        }
                        Opcode::StoreSubscr => {
                            let k = pop!();
                            let c = pop!();
                            let v = pop!();
                            // `seq[i] = v` on a local exact list, index in range.
                            if let (Some(o), Some(i)) = (Obj::from_value(c), k.as_int()) {
                                if o.kind() == Kind::LIST
                                    && o.class() == self.g.types.list
                                    && o.is_local_mutable()
                                    && llist::set_index(&mut self.ctx, o, i, v)
                                {
                                    continue;
                                }
                                // A shared one: the same under its lock
                                // (`with_mut_lock` without the closure); out
                                // of range or frozen, `setitem` says why.
                                if o.kind() == Kind::LIST
                                    && o.class() == self.g.types.list
                                    && o.is_shared()
                                {
                                    self.ctx.lock_object(o);
                                    let done =
                                        !o.is_frozen() && llist::set_index(&mut self.ctx, o, i, v);
                                    self.ctx.unlock_object(o);
                                    if done {
                                        continue;
                                    }
                                }
                            }
                            if self.exact_bytearray_store(c, k, v) {
                                continue;
                            }
                            self.frames[fi].lasti = lasti;
                            // A native `__setitem__` of the object's own type:
                            // called directly, its three arguments still in
                            // their (rooted) stack slots.
                            if let Some(co) = Obj::from_value(c).filter(|o| o.kind() == K_INSTANCE)
                            {
                                if let Some(nf) = Obj::from_value(co.class())
                                    .and_then(type_setitem)
                                    .or_else(|| {
                                        self.lookup_type(co.class(), self.g.names.__setitem__)
                                            .and_then(|f| call::own_native_method(f, co.class(), 2))
                                    })
                                {
                                    t!(self.run_native(nf, &[c, k, v], Value::EMPTY));
                                    continue;
                                }
                            }
                            t!(self.setitem(c, k, v));
                        }
                        Opcode::DeleteSubscr => {
                            let k = pop!();
                            let c = pop!();
                            self.frames[fi].lasti = lasti;
                            t!(self.delitem(c, k));
                        }
                        Opcode::BinarySlice => {
                            let b = pop!();
                            let a = pop!();
                            let c = top!();
                            if let Some(x) = self.fast_slice(c, a, b, Value::NONE) {
                                st!()[sp - 1] = x;
                                continue;
                            }
                            let s = self.new_slice(a, b, Value::NONE);
                            st!()[sp] = s;
                            self.frames[fi].lasti = lasti;
                            let v = t!(self.getitem(c, s));
                            st!()[sp - 1] = v;
                        }
                        Opcode::StoreSlice => {
                            let b = pop!();
                            let a = pop!();
                            let c = pop!();
                            let v = pop!();
                            if self.fast_store_slice(c, a, b, v) {
                                continue;
                            }
                            let s = self.new_slice(a, b, Value::NONE);
                            st!()[sp + 2] = s;
                            self.frames[fi].lasti = lasti;
                            t!(self.setitem(c, s, v));
                        }
                        Opcode::BuildSlice => {
                            let c = if arg == 3 { pop!() } else { Value::NONE };
                            let b = pop!();
                            let a = pop!();
                            // `seq[a:b:c]` of an exact list or tuple: the
                            // BINARY_SUBSCR here, with no slice object.
                            let (nop, _) = peek!(pc);
                            if nop == Opcode::BinarySubscr as u8 {
                                if let Some(x) = self.fast_slice(st!()[sp - 1], a, b, c) {
                                    st!()[sp - 1] = x;
                                    pc += 1;
                                    continue;
                                }
                            }
                            let s = self.new_slice(a, b, c);
                            push!(s);
                        }
                        Opcode::UnaryNegative => {
                            let v = top!();
                            self.frames[fi].lasti = lasti;
                            let r = t!(self.unary_op('-', v));
                            st!()[sp - 1] = r;
                        }
                        Opcode::UnaryInvert => {
                            let v = top!();
                            self.frames[fi].lasti = lasti;
                            let r = t!(self.unary_op('~', v));
                            st!()[sp - 1] = r;
                        }
                        Opcode::UnaryNot => {
                            let v = top!();
                            // Slow paths that may run Python code or warn
                            // record the instruction first: `sys._getframe`
                            // (and so `warnings`) read the caller's line.
                            self.frames[fi].lasti = lasti;
                            let r = t!(self.truthy(v));
                            st!()[sp - 1] = Value::bool(!r);
                        }
                        Opcode::BinaryOp => {
                            let b = st!()[sp - 1];
                            let a = st!()[sp - 2];
                            let r = match fast_binop(arg, a, b) {
                                Some(r) => {
                                    // Fused with a following STORE_FAST or
                                    // RETURN_VALUE.
                                    {
                                        let (nop, narg) = peek!(pc);
                                        if nop == Opcode::StoreFast as u8 {
                                            sp -= 2;
                                            st!()[locals + narg as usize] = r;
                                            pc += 1;
                                            continue;
                                        }
                                        if nop == Opcode::ReturnValue as u8 {
                                            ret!(r);
                                        }
                                    }
                                    r
                                }
                                None => {
                                    self.frames[fi].lasti = lasti;
                                    let Some(bop) = BinaryOperator::from_arg(arg) else {
                                        break 'err (
                                            self.new_exc(self.g.e.SystemError, "bad binary op"),
                                            false,
                                        );
                                    };
                                    t!(self.binary_op(bop, a, b))
                                }
                            };
                            sp -= 1;
                            st!()[sp - 1] = r;
                        }
                        Opcode::CompareOp => {
                            let b = st!()[sp - 1];
                            let a = st!()[sp - 2];
                            let r = if a.is_int() && b.is_int() {
                                Value::bool(ops::cmp_op(
                                    a.int_unchecked().cmp(&b.int_unchecked()),
                                    arg,
                                ))
                            } else if let Some((x, y)) =
                                (arg <= 5).then(|| ops::float_operands(a, b)).flatten()
                            {
                                // Two immediate floats, or one and an int that
                                // converts exactly (immediate floats are never
                                // NaN).
                                Value::bool(ops::cmp_op(
                                    x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
                                    arg,
                                ))
                            } else if let Some(r) = (arg <= 5)
                                .then(|| ops::exact_str_compare(a, b, arg, &self.g.types))
                                .flatten()
                            {
                                r
                            } else {
                                self.frames[fi].lasti = lasti;
                                t!(self.compare(a, b, arg))
                            };
                            sp -= 1;
                            // Fused with a following POP_JUMP_IF_FALSE/TRUE on a
                            // bool result (saves one dispatch; the jump cannot raise).
                            if r.is_bool() {
                                {
                                    let (nop, narg, npc) = peek_decode!(pc);
                                    if nop == Opcode::PopJumpIfFalse as u8
                                        || nop == Opcode::PopJumpIfTrue as u8
                                    {
                                        sp -= 1;
                                        pc = if (r == Value::TRUE)
                                            == (nop == Opcode::PopJumpIfTrue as u8)
                                        {
                                            narg as usize
                                        } else {
                                            npc
                                        };
                                        continue;
                                    }
                                }
                            }
                            st!()[sp - 1] = r;
                        }
                        Opcode::IsOp => {
                            let b = pop!();
                            let a = top!();
                            st!()[sp - 1] = Value::bool((a == b) != (arg == 1));
                        }
                        Opcode::ContainsOp => {
                            let c = pop!();
                            let x = top!();
                            if let Some(r) = self.fast_contains(c, x) {
                                st!()[sp - 1] = Value::bool(r != (arg == 1));
                                continue;
                            }
                            self.frames[fi].lasti = lasti;
                            let r = t!(self.contains(c, x));
                            st!()[sp - 1] = Value::bool(r != (arg == 1));
                        }
                        Opcode::JumpForward => pc = arg as usize,
                        Opcode::JumpBackward => {
                            pc = arg as usize;
                            self.ctx.safepoint();
                            // Survivors are tenured here, in the outermost
                            // loop only: no native code below is midway
                            // through an operation on a local object.
                            if self.run_depth == 1 && self.ctx.tenure_pending() {
                                self.ctx.tenure();
                            }
                            t!(self.check_signals());
                        }
                        Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue => {
                            let v = pop!();
                            let b = if v == Value::TRUE {
                                true
                            } else if v == Value::FALSE {
                                false
                            } else {
                                self.frames[fi].lasti = lasti;
                                t!(self.truthy(v))
                            };
                            if b == (this_op!(pc) == Opcode::PopJumpIfTrue as u8) {
                                pc = arg as usize;
                            }
                        }
                        Opcode::PopJumpIfNone => {
                            if pop!().is_none() {
                                pc = arg as usize;
                            }
                        }
                        Opcode::PopJumpIfNotNone => {
                            if !pop!().is_none() {
                                pc = arg as usize;
                            }
                        }
                        Opcode::JumpIfFalseOrPop | Opcode::JumpIfTrueOrPop => {
                            let v = top!();
                            self.frames[fi].lasti = lasti;
                            let b = t!(self.truthy(v));
                            if b == (this_op!(pc) == Opcode::JumpIfTrueOrPop as u8) {
                                pc = arg as usize;
                            } else {
                                sp -= 1;
                            }
                        }
                        Opcode::GetIter => {
                            let v = top!();
                            self.frames[fi].lasti = lasti;
                            let it = t!(self.iter(v));
                            st!()[sp - 1] = it;
                        }
                        Opcode::GetYieldFromIter => {
                            let v = top!();
                            let is_gen = Obj::from_value(v).is_some_and(|o| o.kind() == K_GEN);
                            if is_gen
                                && self.type_of(v) == self.g.types.coroutine
                                && cd.code.flags.0
                                    & (crate::bytecode::CodeFlags::COROUTINE.0
                                        | crate::bytecode::CodeFlags::ITERABLE_COROUTINE.0)
                                    == 0
                            {
                                break 'err (self.type_error("cannot 'yield from' a coroutine object in a non-coroutine generator"), false);
                            }
                            if !is_gen {
                                let it = t!(self.iter(v));
                                st!()[sp - 1] = it;
                            }
                        }
                        Opcode::ForIter => {
                            let it = top!();
                            if let Some(r) = builtin_iter_next(it, &self.g.types) {
                                match r {
                                    Some(v) => {
                                        // Fused with the STORE_FAST that starts
                                        // the loop's body (one dispatch less per
                                        // item; never under tracing: `peek!`).
                                        let (nop, narg) = peek!(pc);
                                        if nop == Opcode::StoreFast as u8 {
                                            st!()[locals + narg as usize] = v;
                                            pc += 1;
                                        } else {
                                            push!(v);
                                        }
                                    }
                                    None => {
                                        sp -= 1;
                                        pc = arg as usize;
                                    }
                                }
                                continue;
                            }
                            // `for k, v in d.items()`: key and value pushed
                            // as the UNPACK_SEQUENCE after this would push
                            // them, without their tuple (never under tracing:
                            // `peek!`).
                            let (nop, narg) = peek!(pc);
                            if nop == Opcode::UnpackSequence as u8 && narg == 2 {
                                if let Some((k, v)) = dict_items_next(it, &self.g.types) {
                                    pc += 1;
                                    unpack_direct!(sp, 2, |i| if i == 0 { k } else { v });
                                    continue;
                                }
                            }
                            // A generator: its frame runs in this loop
                            // (`gen_push_frame`); what it yields is pushed
                            // here and its end jumps to the loop's exit
                            // (`yield_out!`, `ret!`).
                            if let Some(go) = Obj::from_value(it).filter(|o| {
                                o.kind() == K_GEN && o.class() == self.g.types.generator
                            }) {
                                if proto_core::layouts::get_raw(go, call::GEN_RAW_STATE)
                                    == call::GEN_DONE
                                {
                                    sp -= 1;
                                    pc = arg as usize;
                                    continue;
                                }
                                let f = &mut self.frames[fi];
                                f.pc = pc;
                                f.sp = sp;
                                f.lasti = lasti;
                                if self.gen_push_frame(go, Value::NONE) {
                                    // (Handed over as in `yield_out!`.)
                                    self.ctx.safepoint();
                                    continue 'frame;
                                }
                            }
                            let step = if TRACE {
                                self.frames[fi].lasti = lasti;
                                t!(self.next_traced(it))
                            } else {
                                t!(self.next(it))
                            };
                            match step {
                                Some(v) => push!(v),
                                None => {
                                    sp -= 1;
                                    pc = arg as usize;
                                }
                            }
                        }
                        Opcode::ReturnValue | Opcode::ReturnConst => {
                            let v = if this_op!(pc) == Opcode::ReturnValue as u8 {
                                pop!()
                            } else {
                                konst!(arg)
                            };
                            if TRACE {
                                // `v` stays in its (popped) slot, rooted. An
                                // implicit `return None` has no line: it is
                                // reported at the line run last, as CPython.
                                self.frames[fi].lasti = if cd.code.location(lasti as u32).line == 0
                                {
                                    tlined
                                } else {
                                    lasti
                                };
                                if let Err(e) = self.trace_return(fi, v) {
                                    break 'err (e, false);
                                }
                            }
                            ret!(v);
                        }
                        // The items stay on the value stack (rooted) while the
                        // object is allocated, then are copied straight in.
                        Opcode::BuildTuple => {
                            let n = arg as usize;
                            let t = self.ctx.alloc(Kind::TUPLE, self.g.types.tuple, n, 0);
                            let tv = Obj::from_value(t).expect("heap").view();
                            for (i, &v) in st_slice!()[sp - n..sp].iter().enumerate() {
                                tv.init(i, v);
                            }
                            sp -= n;
                            push!(t);
                        }
                        Opcode::BuildList => {
                            let n = arg as usize;
                            let l = llist::alloc(&mut self.ctx, self.g.types.list, n);
                            llist::fill_fresh(
                                Obj::from_value(l).expect("heap"),
                                &st_slice!()[sp - n..sp],
                            );
                            sp -= n;
                            push!(l);
                        }
                        Opcode::BuildSet => {
                            let n = arg as usize;
                            let s = self.new_set(false);
                            st!()[sp] = s;
                            for i in 0..n {
                                let x = st!()[sp - n + i];
                                t!(self.set_add(s, x));
                            }
                            sp -= n;
                            push!(s);
                        }
                        Opcode::BuildMap => {
                            let n = arg as usize;
                            let d = if n == 0 {
                                self.new_dict()
                            } else {
                                self.new_dict_with_capacity(n)
                            };
                            st!()[sp] = d;
                            for i in 0..n {
                                let k = st!()[sp - 2 * n + 2 * i];
                                let v = st!()[sp - 2 * n + 2 * i + 1];
                                t!(self.dict_set(d, k, v));
                            }
                            sp -= 2 * n;
                            push!(d);
                        }
                        Opcode::BuildConstKeyMap => {
                            let n = arg as usize;
                            let keys = pop!();
                            let d = self.new_dict_with_capacity(n);
                            st!()[sp + 1] = d;
                            let dobj = Obj::from_value(d).expect("heap");
                            let ko = Obj::from_value(keys).filter(|k| k.kind() == Kind::TUPLE);
                            for i in 0..n {
                                let k = match ko {
                                    Some(ko) if i < ko.n_values() => ko.get(i),
                                    _ => self.seq_get(keys, i).unwrap_or(Value::NONE),
                                };
                                let v = st!()[sp - n + i];
                                // Constant str keys carry their hash: straight
                                // into the fresh (local) dict unless a key repeats.
                                let h = Obj::from_value(k)
                                    .filter(|o| {
                                        o.kind() == Kind::STR && o.class() == self.g.types.str_
                                    })
                                    .and_then(lstr::cached_hash);
                                if let Some(h) = h {
                                    if ldict::insert_if_surely_absent(&mut self.ctx, dobj, k, v, h)
                                    {
                                        continue;
                                    }
                                }
                                t!(self.dict_set(d, k, v));
                            }
                            sp -= n;
                            push!(d);
                        }
                        Opcode::BuildString => {
                            let n = arg as usize;
                            // The pieces (strs: FORMAT_VALUE's results and
                            // constants) are copied straight into the new
                            // str; their slices are gathered on the stack
                            // for up to 16 pieces.
                            const PARTS: usize = 16;
                            let mut small: [&[u8]; PARTS] = [&[]; PARTS];
                            let mut large = Vec::new();
                            let parts: &mut [&[u8]] = if n <= PARTS {
                                &mut small[..n]
                            } else {
                                large.resize(n, &[][..]);
                                &mut large
                            };
                            let (mut chars, mut ascii) = (0, true);
                            for (i, part) in parts.iter_mut().enumerate() {
                                if let Some(o) = Obj::from_value(st!()[sp - n + i]) {
                                    let (b, c, a) = lstr::parts(o);
                                    *part = b;
                                    chars += c;
                                    ascii &= a;
                                }
                            }
                            let s = lstr::alloc_concat(
                                &mut self.ctx,
                                Kind::STR,
                                self.g.types.str_,
                                parts,
                                chars,
                                ascii,
                            );
                            sp -= n;
                            push!(s);
                        }
                        Opcode::ListAppend => {
                            let v = pop!();
                            let l = st!()[sp - arg as usize];
                            t!(self.try_list_append(l, v));
                        }
                        Opcode::SetAdd => {
                            let v = pop!();
                            let s = st!()[sp - arg as usize];
                            t!(self.set_add(s, v));
                        }
                        Opcode::MapAdd => {
                            let v = pop!();
                            let k = pop!();
                            let d = st!()[sp - arg as usize];
                            t!(self.dict_set(d, k, v));
                        }
                        Opcode::ListExtend => {
                            let it = pop!();
                            let l = st!()[sp - arg as usize];
                            let items = match self.collect(it) {
                                Ok(v) => v,
                                Err(e) => {
                                    if self.isinstance(e.0, self.g.e.TypeError)
                                        && self.type_of(it) != self.g.types.list
                                    {
                                        let tn = self.type_name_of(it);
                                        if !Obj::from_value(it)
                                            .is_some_and(|o| matches!(o.kind(), K_GEN | K_ITER))
                                            && self
                                                .lookup_type(
                                                    self.type_of(it),
                                                    self.g.names.__iter__,
                                                )
                                                .is_none()
                                        {
                                            break 'err (
                                                self.type_error(&format!(
                                                    "Value after * must be an iterable, not {tn}"
                                                )),
                                                false,
                                            );
                                        }
                                    }
                                    break 'err (e, false);
                                }
                            };
                            // One copy into the (fresh, unshared) list, with
                            // its storage grown once.
                            let lo = Obj::from_value(l).expect("list");
                            let grown =
                                self.with_lock(lo, |ctx| llist::try_extend(ctx, lo, &items));
                            t!(self.grown(grown));
                        }
                        Opcode::SetUpdate => {
                            let it = pop!();
                            let s = st!()[sp - arg as usize];
                            if Obj::from_value(it).is_some_and(|o| o.kind() == Kind::SET) {
                                // CPython's `set_update_internal`: a merge.
                                t!(self.set_merge(s, it));
                                continue;
                            }
                            let items = t!(self.collect(it));
                            for x in items {
                                t!(self.set_add(s, x));
                            }
                        }
                        Opcode::DictUpdate | Opcode::DictMerge => {
                            let m = pop!();
                            // An empty dict adds nothing (`f(*a, **kw)`
                            // forwarding no keywords).
                            if Obj::from_value(m).is_some_and(|o| {
                                o.kind() == Kind::DICT
                                    && o.class() == self.g.types.dict
                                    && ldict::len(o) == 0
                            }) {
                                continue;
                            }
                            let d = st!()[sp - arg as usize];
                            let (items, mark) = match self.mapping_items_rooted(m) {
                                Ok(Some(x)) => x,
                                Ok(None) => {
                                    let tn = self.type_name_of(m);
                                    let msg = if this_op!(pc) == Opcode::DictMerge as u8 {
                                        let f = st!()[sp - arg as usize - 3];
                                        let fname = self.func_name_for_msg(f);
                                        format!(
                                            "{fname} argument after ** must be a mapping, not {tn}"
                                        )
                                    } else {
                                        format!("'{tn}' object is not a mapping")
                                    };
                                    break 'err (self.type_error(&msg), false);
                                }
                                Err(e) => break 'err (e, false),
                            };
                            let r = self.merge_items(
                                d,
                                &items,
                                this_op!(pc) == Opcode::DictMerge as u8,
                            );
                            self.pop_roots(mark);
                            if let Some(k) = t!(r) {
                                let f = st!()[sp - arg as usize - 3];
                                let fname = self.func_name_for_msg(f);
                                let ks = str_of(k).into_owned();
                                break 'err (
                                    self.type_error(&format!(
                                        "{fname} got multiple values for keyword argument '{ks}'"
                                    )),
                                    false,
                                );
                            }
                        }
                        Opcode::UnpackSequence => {
                            // An exact tuple of the right length: its items
                            // straight onto the stack (no item vector).
                            if let Some(o) = Obj::from_value(top!()) {
                                let n = arg as usize;
                                if o.kind() == Kind::TUPLE
                                    && o.class() == self.g.types.tuple
                                    && o.n_values() == n
                                {
                                    let tv = o.view();
                                    unpack_direct!(sp - 1, n, |i| tv.get(i));
                                    continue;
                                }
                                // An exact list no other thread can reach,
                                // of the right length: the same from its
                                // storage.
                                if o.kind() == Kind::LIST
                                    && o.class() == self.g.types.list
                                    && !o.is_shared()
                                    && llist::len(o) == n
                                {
                                    let sv = llist::storage(o).view();
                                    if sv.n_values() >= n {
                                        unpack_direct!(sp - 1, n, |i| sv.get(i));
                                        continue;
                                    }
                                }
                                // A shared exact list: the same under its
                                // lock, so the items are one state of the
                                // list (a writer's insert or pop lands wholly
                                // before or after).
                                if o.kind() == Kind::LIST
                                    && o.class() == self.g.types.list
                                    && o.is_shared()
                                {
                                    self.ctx.lock_object(o);
                                    let sv = llist::storage(o).view();
                                    let fits = llist::len(o) == n && sv.n_values() >= n;
                                    if fits {
                                        unpack_direct!(sp - 1, n, |i| sv.get(i));
                                    }
                                    self.ctx.unlock_object(o);
                                    if fits {
                                        continue;
                                    }
                                }
                            }
                            let seq = pop!();
                            let items = t!(self.unpack(seq, arg as usize));
                            for &x in items.iter().rev() {
                                push!(x);
                            }
                        }
                        Opcode::UnpackEx => {
                            let seq = pop!();
                            let before = (arg & 0xFF) as usize;
                            let after = (arg >> 8) as usize;
                            let items = t!(self.collect(seq));
                            if items.len() < before + after {
                                let e = self.new_exc(self.g.e.ValueError, &format!("not enough values to unpack (expected at least {}, got {})", before + after, items.len()));
                                break 'err (e, false);
                            }
                            let n = items.len();
                            for &x in items[n - after..].iter().rev() {
                                push!(x);
                            }
                            let mid = self.new_list(&items[before..n - after]);
                            push!(mid);
                            for &x in items[..before].iter().rev() {
                                push!(x);
                            }
                        }
                        Opcode::FormatValue => {
                            let spec = if arg & 4 != 0 { pop!() } else { Value::EMPTY };
                            let v = top!();
                            let conv = arg & 3;
                            let v = match conv {
                                1 => t!(self.str(v)),
                                2 => t!(self.repr(v)),
                                3 => {
                                    let r = t!(self.repr_string(v));
                                    let a = ascii_escape(&r);
                                    self.new_str(&a)
                                }
                                _ => v,
                            };
                            st!()[sp - 1] = v;
                            let r = if spec.is_empty() {
                                if is_str(v) && self.type_of(v) == self.g.types.str_ {
                                    v
                                } else if v.is_int() {
                                    self.new_str(&v.int_unchecked().to_string())
                                } else {
                                    let e = self.intern("");
                                    t!(self.format(v, e))
                                }
                            } else {
                                t!(self.format(v, spec))
                            };
                            st!()[sp - 1] = r;
                        }
                        Opcode::MakeFunction => {
                            let code_v = pop!();
                            let f = self.new_function(code_v, globals.value(), Value::EMPTY);
                            let fo = Obj::from_value(f).expect("f");
                            if arg & 8 != 0 {
                                fo.init(FN_CLOSURE, pop!());
                            }
                            if arg & 4 != 0 {
                                let ann = pop!();
                                let d = self.new_dict();
                                let items = self.seq_items(ann);
                                for pair in items.chunks(2) {
                                    if pair.len() == 2 {
                                        t!(self.dict_set(d, pair[0], pair[1]));
                                    }
                                }
                                fo.init(FN_ANNOTATIONS, d);
                            }
                            if arg & 2 != 0 {
                                fo.init(FN_KWDEFAULTS, pop!());
                            }
                            if arg & 1 != 0 {
                                fo.init(FN_DEFAULTS, pop!());
                            }
                            push!(f);
                        }
                        Opcode::Call => call!(arg as usize, Value::EMPTY),
                        Opcode::CallKw => {
                            let kwnames = pop!();
                            call!(arg as usize, kwnames)
                        }
                        Opcode::CallFunctionEx => {
                            let kw = if arg & 1 != 0 { pop!() } else { Value::EMPTY };
                            let args = pop!();
                            let selfv = pop!();
                            let callee = top!();
                            let mut items = if Obj::from_value(args)
                                .is_some_and(|o| o.kind() == Kind::TUPLE)
                            {
                                self.seq_items(args)
                            } else {
                                match self.collect(args) {
                                    Ok(v) => v,
                                    Err(e) => {
                                        if self.isinstance(e.0, self.g.e.TypeError)
                                            && !Obj::from_value(args)
                                                .is_some_and(|o| matches!(o.kind(), K_GEN | K_ITER))
                                            && self
                                                .lookup_type(
                                                    self.type_of(args),
                                                    self.g.names.__iter__,
                                                )
                                                .is_none()
                                        {
                                            let fname = self.func_name_for_msg(callee);
                                            let tn = self.type_name_of(args);
                                            break 'err (self.type_error(&format!("{fname} argument after * must be an iterable, not {tn}")), false);
                                        }
                                        break 'err (e, false);
                                    }
                                }
                            };
                            if !selfv.is_empty() {
                                items.insert(0, selfv);
                            }
                            let mut kwnames = Value::EMPTY;
                            if let Some(ko) = Obj::from_value(kw) {
                                if ko.kind() == Kind::DICT {
                                    let kv = self.dict_items(kw);
                                    if !kv.is_empty() {
                                        let mut names = Vec::new();
                                        for (k, v) in kv {
                                            if !is_str(k) {
                                                break 'err (
                                                    self.type_error("keywords must be strings"),
                                                    false,
                                                );
                                            }
                                            names.push(k);
                                            items.push(v);
                                        }
                                        kwnames = self.new_tuple(&names);
                                    }
                                }
                            }
                            // A Python function (or a bound method of one)
                            // whose arguments fit in this frame's extent:
                            // they are laid out as CALL's and its frame is
                            // pushed in this loop, as CALL's is (no nested
                            // run, so a program whose main loop sits under
                            // `f(*args)` still tenures).
                            if !TRACE {
                                let mut target = Obj::from_value(callee);
                                if selfv.is_empty() {
                                    if let Some(m) = target.filter(|o| o.kind() == K_METHOD) {
                                        target = Obj::from_value(m.get(0));
                                        if target.is_some_and(|o| o.kind() == K_FUNCTION) {
                                            items.insert(0, m.get(1));
                                        }
                                    }
                                }
                                if let Some(fo) = target.filter(|o| o.kind() == K_FUNCTION) {
                                    let fpos = sp - 1;
                                    let count = items.len();
                                    if fpos + 2 + count <= self.ctx.stack().top() {
                                        let s = st_slice!();
                                        s[fpos] = fo.value();
                                        s[fpos + 1..fpos + 1 + count].copy_from_slice(&items);
                                        call_function!(fo, fpos, fpos, count, kwnames);
                                    }
                                    if fo.value() != callee {
                                        // The unpacked receiver goes back
                                        // to the bound method's call below.
                                        items.remove(0);
                                    }
                                }
                            }
                            {
                                // The popped `*args`/`**kwargs` containers
                                // are dead: `items` holds what the call
                                // needs.
                                let f = &mut self.frames[fi];
                                f.lasti = lasti;
                                f.native_top = sp as u32;
                            }
                            let r = if TRACE && self.profiling() {
                                // The profile function runs before the
                                // call: the arguments, held only here,
                                // are rooted through it.
                                let mark = self.push_root(kwnames);
                                for &v in &items {
                                    self.push_root(v);
                                }
                                let r = self.profiled_native(fi, callee, |vm| {
                                    vm.call(callee, &items, kwnames)
                                });
                                self.pop_roots(mark);
                                r
                            } else {
                                self.call(callee, &items, kwnames)
                            };
                            self.frames[fi].native_top = 0;
                            st!()[sp - 1] = t!(r);
                            t!(self.check_signals());
                            leave_if_hooked!();
                        }
                        Opcode::CallIntrinsic1 => {
                            let v = top!();
                            let r = match Intrinsic1::from_arg(arg) {
                                Some(Intrinsic1::UnaryPositive) => t!(self.unary_op('+', v)),
                                Some(Intrinsic1::ListToTuple) => {
                                    let items = self.seq_items(v);
                                    self.new_tuple(&items)
                                }
                                Some(Intrinsic1::ImportStar) => {
                                    let lm = st!()[base + 2];
                                    let lm = if lm.is_empty() { globals.value() } else { lm };
                                    t!(self.import_star(v, lm));
                                    Value::NONE
                                }
                                Some(Intrinsic1::Print) => {
                                    // `sys.displayhook(v)`, as CPython's
                                    // PRINT_EXPR (v stays on the stack,
                                    // rooted, during the call).
                                    let sys = *proto_core::sync::lock(&self.g.sys);
                                    let k = self.intern("displayhook");
                                    let hook = Obj::from_value(sys)
                                        .and_then(|o| self.dict_get_str(o.get(0), k));
                                    let Some(hook) = hook else {
                                        break 'err (
                                            self.new_exc(
                                                self.g.e.RuntimeError,
                                                "lost sys.displayhook",
                                            ),
                                            false,
                                        );
                                    };
                                    self.frames[fi].lasti = lasti;
                                    t!(self.call(hook, &[v], Value::EMPTY));
                                    Value::NONE
                                }
                                other => match other.and_then(|w| self.typing_intrinsic1(w, v)) {
                                    Some(r) => t!(r),
                                    None => {
                                        break 'err (
                                            self.new_exc(
                                                self.g.e.SystemError,
                                                "unsupported intrinsic",
                                            ),
                                            false,
                                        )
                                    }
                                },
                            };
                            st!()[sp - 1] = r;
                        }
                        Opcode::CallIntrinsic2 => {
                            let b = pop!();
                            let a = top!();
                            let r = t!(self.intrinsic2(arg, a, b));
                            st!()[sp - 1] = r;
                        }
                        Opcode::LoadBuildClass => {
                            let k = self.intern("__build_class__");
                            match self.dict_get_str(builtins.value(), k) {
                                Some(v) => push!(v),
                                None => {
                                    break 'err (
                                        self.new_exc(
                                            self.g.e.NameError,
                                            "__build_class__ not found",
                                        ),
                                        false,
                                    )
                                }
                            }
                        }
                        Opcode::ImportName => {
                            let fromlist = pop!();
                            let level = top!();
                            let m =
                                t!(self.import_name(name!(arg), globals.value(), fromlist, level));
                            st!()[sp - 1] = m;
                        }
                        Opcode::ImportFrom => {
                            let m = top!();
                            let v = t!(self.import_from(m, name!(arg)));
                            push!(v);
                        }
                        Opcode::RaiseVarargs => {
                            match arg {
                                0 => {
                                    let e = self.exc_info();
                                    if e.is_none() || e.is_empty() {
                                        break 'err (
                                            self.new_exc(
                                                self.g.e.RuntimeError,
                                                "No active exception to reraise",
                                            ),
                                            false,
                                        );
                                    }
                                    break 'err (PyException(e), true);
                                }
                                1 => {
                                    let x = pop!();
                                    let e = t!(self.make_exception(x));
                                    self.chain_context(e, true);
                                    break 'err (PyException(e), false);
                                }
                                _ => {
                                    let cause = pop!();
                                    let x = pop!();
                                    let e = t!(self.make_exception(x));
                                    let c = if cause.is_none() {
                                        Value::NONE
                                    } else {
                                        let cok = Obj::from_value(cause).is_some_and(|o| {
                                            o.kind() == K_EXC
                                                || (o.kind() == K_TYPE
                                                    && type_flags(o) & TF_EXC != 0)
                                        });
                                        if !cok {
                                            break 'err (self.type_error("exception causes must derive from BaseException"), false);
                                        }
                                        t!(self.make_exception(cause))
                                    };
                                    let eo = Obj::from_value(e).expect("e");
                                    self.store(eo, EXC_CAUSE, c);
                                    self.store(eo, EXC_SUPPRESS, Value::TRUE);
                                    self.chain_context(e, true);
                                    break 'err (PyException(e), false);
                                }
                            }
                        }
                        Opcode::Reraise => {
                            // The handler search uses this instruction's offset (as
                            // CPython's exception_unwind does); the saved lasti only
                            // matters for line numbers, already in the traceback.
                            let e = pop!();
                            break 'err (PyException(e), true);
                        }
                        Opcode::PushExcInfo => {
                            let e = top!();
                            let mut prev = self.exc_info();
                            // A generator frame handling no exception of its
                            // own sees its caller's: EMPTY saves "none of its
                            // own", which PopExcept turns into the caller's of
                            // the resume then current (CPython's `gi_exc_state`).
                            if let Some(go) = Obj::from_value(self.frames[fi].gen) {
                                if prev == go.get(GEN_EXC_STATE) {
                                    prev = Value::EMPTY;
                                }
                            }
                            st!()[sp - 1] = prev;
                            push!(e);
                            self.set_exc_info(e);
                        }
                        Opcode::PopExcept => {
                            let mut prev = pop!();
                            if prev.is_empty() {
                                prev = Obj::from_value(self.frames[fi].gen)
                                    .map_or(Value::NONE, |go| go.get(GEN_EXC_STATE));
                            }
                            self.set_exc_info(prev);
                        }
                        Opcode::CheckExcMatch => {
                            let tp = pop!();
                            let e = top!();
                            let r = t!(self.exc_matches(e, tp));
                            push!(Value::bool(r));
                        }
                        Opcode::CheckEgMatch => {
                            let tp = pop!();
                            let e = pop!();
                            let (rest, m) = t!(self.eg_match(e, tp));
                            push!(rest);
                            push!(m);
                            if !m.is_none() {
                                self.set_exc_info(m);
                            }
                        }
                        Opcode::WithExceptStart => {
                            let e = st!()[sp - 1];
                            let (exit, recv) = (st!()[sp - 5], st!()[sp - 4]);
                            let tp = self.type_of(e);
                            let tb = Obj::from_value(e)
                                .map(|o| o.get(EXC_TB))
                                .filter(|v| !v.is_empty())
                                .unwrap_or(Value::NONE);
                            let r = if recv.is_empty() {
                                t!(self.call(exit, &[tp, e, tb], Value::EMPTY))
                            } else {
                                t!(self.call(exit, &[recv, tp, e, tb], Value::EMPTY))
                            };
                            push!(r);
                        }
                        Opcode::BeforeWith | Opcode::BeforeAsyncWith => {
                            let mgr = top!();
                            let (en, ex) = if this_op!(pc) == Opcode::BeforeWith as u8 {
                                (self.g.names.__enter__, self.g.names.__exit__)
                            } else {
                                (self.g.names.__aenter__, self.g.names.__aexit__)
                            };
                            let tp = self.type_of(mgr);
                            let proto = if this_op!(pc) == Opcode::BeforeWith as u8 {
                                "the context manager protocol"
                            } else {
                                "the asynchronous context manager protocol"
                            };
                            let Some(enter) = self.lookup_type(tp, en) else {
                                let tn = self.type_name_of(mgr);
                                break 'err (
                                    self.type_error(&format!(
                                        "'{tn}' object does not support {proto}"
                                    )),
                                    false,
                                );
                            };
                            let Some(exitf) = self.lookup_type(tp, ex) else {
                                let tn = self.type_name_of(mgr);
                                let what = if this_op!(pc) == Opcode::BeforeWith as u8 {
                                    "__exit__ method"
                                } else {
                                    "__aexit__ method"
                                };
                                break 'err (
                                    self.type_error(&format!(
                                        "'{tn}' object does not support {proto} (missed {what})"
                                    )),
                                    false,
                                );
                            };
                            // `( exit self_or_NULL )` as CALL takes them: a
                            // function or builtin method with `mgr` as its
                            // self, no bound method made for each `with`.
                            let (exit, recv) =
                                if Obj::from_value(exitf).is_some_and(icache::is_plain_method) {
                                    (exitf, mgr)
                                } else {
                                    (t!(self.bind_descr(exitf, mgr, tp)), Value::EMPTY)
                                };
                            st!()[sp - 1] = exit;
                            st!()[sp] = recv;
                            st!()[sp + 1] = mgr;
                            sp += 1;
                            // A Python `__enter__(self)` runs as a frame of
                            // this loop; its result lands in `mgr`'s slot.
                            if let Some(eo) =
                                Obj::from_value(enter).filter(|o| o.kind() == K_FUNCTION)
                            {
                                let f = &mut self.frames[fi];
                                f.pc = pc;
                                f.sp = sp;
                                f.lasti = lasti;
                                if self.push_simple_frame(eo, sp, 1) {
                                    self.ctx.safepoint();
                                    continue 'frame;
                                }
                            }
                            let r = t!(self.call_slot_method(enter, mgr, &[]));
                            push!(r);
                        }
                        Opcode::LoadAssertionError => push!(self.g.e.AssertionError),
                        Opcode::YieldValue => {
                            let v = pop!();
                            let gen = self.frames[fi].gen;
                            if !gen.is_heap() {
                                break 'err (
                                    self.new_exc(self.g.e.SystemError, "yield outside generator"),
                                    false,
                                );
                            }
                            // A generator a native consumer drains: the
                            // value goes to its list and the frame runs on,
                            // resumed with None (`Vm::gen_next_batch`).
                            if !TRACE && gen == self.drain.gen {
                                let d = self.drain;
                                if let Some(lo) = Obj::from_value(d.list) {
                                    if llist::len(lo) + 1 < d.cap
                                        && self.drain_keeps(d.keep, v)
                                        && llist::try_push(&mut self.ctx, lo, v)
                                    {
                                        push!(Value::NONE);
                                        continue;
                                    }
                                }
                            }
                            if TRACE {
                                let f = &mut self.frames[fi];
                                f.lasti = lasti;
                                f.pc = pc;
                                f.sp = sp;
                                if let Err(e) = self.trace_return(fi, v) {
                                    break 'err (e, false);
                                }
                                // `frame.f_lineno = n` at this `return`
                                // event moved where the frame resumes.
                                let f = &self.frames[fi];
                                if f.pc != pc {
                                    pc = f.pc;
                                    sp = f.sp;
                                }
                            }
                            self.gen_save(gen, base, sp, pc, cd.extent);
                            if cd
                                .code
                                .flags
                                .contains(crate::bytecode::CodeFlags::ASYNC_GENERATOR)
                            {
                                if let Some(go) = Obj::from_value(gen) {
                                    proto_core::layouts::set_raw(go, call::GEN_RAW_ASYNC_VALUE, 1);
                                }
                            }
                            self.frames[fi].lasti = lasti;
                            yield_out!(v);
                        }
                        Opcode::YieldFrom => {
                            let v = pop!();
                            let it = top!();
                            // A generator or coroutine (`gen_push_frame`),
                            // or the asend awaitable of an async generator
                            // (`async for`'s `__anext__()`, `asend(v)`:
                            // `asend_push_frame`): the generator's frame runs
                            // in this loop (see `yield_out!` and `ret!` for
                            // how its outcome comes back).
                            if let Some(o) = Obj::from_value(it) {
                                let is_gen = o.kind() == K_GEN;
                                if is_gen || o.class() == self.g.types.async_gen_asend {
                                    let f = &mut self.frames[fi];
                                    f.pc = pc;
                                    f.sp = sp;
                                    f.lasti = lasti;
                                    // While tracing, a generator sent a
                                    // value is resumed below, where its
                                    // end is known to be reported.
                                    let pushed = if is_gen {
                                        (!TRACE
                                            || v.is_none()
                                            || o.class() == self.g.types.coroutine)
                                            && self.gen_push_frame(o, v)
                                    } else {
                                        self.asend_push_frame(o, v)
                                    };
                                    if pushed {
                                        // (Handed over as in `yield_out!`.)
                                        self.ctx.safepoint();
                                        continue 'frame;
                                    }
                                }
                            }
                            match t!(self.yield_from_step(it, v, TRACE)) {
                                call::GenStep::Yield(y) => {
                                    if TRACE {
                                        self.frames[fi].lasti = lasti;
                                        if let Err(e) = self.trace_return(fi, y) {
                                            break 'err (e, false);
                                        }
                                    }
                                    let gen = self.frames[fi].gen;
                                    self.gen_save(gen, base, sp, lasti, cd.extent);
                                    self.frames[fi].lasti = lasti;
                                    yield_out!(y);
                                }
                                call::GenStep::Return(r) => {
                                    st!()[sp - 1] = r;
                                }
                            }
                        }
                        Opcode::GetAwaitable => {
                            let v = top!();
                            let r = t!(self.get_awaitable(v, arg));
                            st!()[sp - 1] = r;
                        }
                        Opcode::GetAiter => {
                            let v = top!();
                            let tp = self.type_of(v);
                            let Some(f) = self.lookup_type(tp, self.g.names.__aiter__) else {
                                let tn = self.type_name_of(v);
                                break 'err (self.type_error(&format!("'async for' requires an object with __aiter__ method, got {tn}")), false);
                            };
                            let r = t!(self.call_bound(f, v, &[]));
                            if self
                                .lookup_type(self.type_of(r), self.g.names.__anext__)
                                .is_none()
                            {
                                let tn = self.type_name_of(r);
                                break 'err (self.type_error(&format!("'async for' received an object from __aiter__ that does not implement __anext__: {tn}")), false);
                            }
                            st!()[sp - 1] = r;
                        }
                        Opcode::GetAnext => {
                            let v = top!();
                            if let Some(r) = self.anext_fast(v) {
                                push!(r);
                                continue;
                            }
                            let tp = self.type_of(v);
                            let Some(f) = self.lookup_type(tp, self.g.names.__anext__) else {
                                let tn = self.type_name_of(v);
                                break 'err (self.type_error(&format!("'async for' requires an iterator with __anext__ method, got {tn}")), false);
                            };
                            let r = t!(self.call_bound(f, v, &[]));
                            // Any failure is raised from a TypeError (CPython's
                            // `_PyErr_FormatFromCause`).
                            let r = match self.get_awaitable(r, 0) {
                                Ok(r) => r,
                                Err(e) => {
                                    let tn = self.type_name_of(r);
                                    let msg = format!("'async for' received an invalid object from __anext__: {tn}");
                                    break 'err (
                                        self.new_exc_from_cause(self.g.e.TypeError, &msg, e),
                                        false,
                                    );
                                }
                            };
                            push!(r);
                        }
                        Opcode::EndAsyncFor => {
                            let e = pop!();
                            if self.isinstance(e, self.g.e.StopAsyncIteration) {
                                sp -= 1;
                            } else {
                                break 'err (PyException(e), true);
                            }
                        }
                        Opcode::SetupAnnotations => {
                            let lm = st!()[base + 2];
                            let k = self.g.names.__annotations__;
                            if t!(self.mapping_get(lm, k)).is_none() {
                                let d = self.new_dict();
                                t!(self.mapping_set(lm, k, d));
                            }
                        }
                        Opcode::MatchClass => {
                            let kw = pop!();
                            let cls = pop!();
                            let subj = top!();
                            let r = t!(self.match_class(subj, cls, arg as usize, kw));
                            st!()[sp - 1] = r;
                        }
                        Opcode::MatchMapping => {
                            let s = top!();
                            let r = self.is_mapping(s);
                            push!(Value::bool(r));
                        }
                        Opcode::MatchSequence => {
                            let s = top!();
                            let r = self.is_sequence(s);
                            push!(Value::bool(r));
                        }
                        Opcode::MatchKeys => {
                            let keys = top!();
                            let subj = st!()[sp - 2];
                            let r = t!(self.match_keys(subj, keys));
                            push!(r);
                        }
                        Opcode::GetLen => {
                            let v = top!();
                            let n = t!(self.len(v));
                            push!(Value::int(n as i64));
                        }
                    }
                }
            };
            // ---------------------------------------------------------- unwinding
            let _ = (sp, stack_base);
            let mut reraise = reraise;
            let mut exc = exc;
            let mut lasti = lasti;
            let mut first = true;
            loop {
                let fi = self.frames.len() - 1;
                let cd: &'static CodeData = self.frames[fi].code;
                let base = self.frames[fi].base;
                let stack_base = base + FRAME_HEADER + cd.nlocals + cd.ncells;
                if !reraise {
                    // The entry names this activation's frame object.
                    self.frames[fi].lasti = lasti;
                    self.add_frame_traceback(exc.0);
                }
                // An exception a call returns was chained where it was set,
                // unless no Python frame passed it on (a builtin's own).
                if first && !reraise && !self.take_exc_passed_on(exc.0) {
                    self.chain_context(exc.0, false);
                }
                if TRACE && !reraise {
                    self.frames[fi].lasti = lasti;
                    exc = self.trace_exception(fi, exc);
                }
                first = false;
                if let Some(h) = cd.code.handler_for(lasti as u32) {
                    let mut sp2 = stack_base + h.depth as usize;
                    if h.lasti {
                        st!()[sp2] = Value::int(lasti as i64);
                        sp2 += 1;
                    }
                    st!()[sp2] = exc.0;
                    sp2 += 1;
                    let f = &mut self.frames[fi];
                    f.pc = h.target as usize;
                    f.sp = sp2;
                    f.lasti = lasti;
                    continue 'frame;
                }
                if TRACE {
                    let mark = self.push_root(exc.0);
                    self.frames[fi].lasti = lasti;
                    let r = self.trace_return(fi, Value::NONE);
                    self.pop_roots(mark);
                    if let Err(e) = r {
                        exc = e;
                    }
                }
                if self.frames[fi].fobj.is_heap() {
                    self.top_frame_ending(lasti);
                }
                let f = self.frames.pop().expect("frame");
                self.ctx.stack().set_top(base);
                if f.entry {
                    self.mark_exc_passed_on(exc.0);
                }
                if f.entry && !f.init {
                    if f.gen.is_heap() {
                        let go = Obj::from_value(f.gen).expect("gen");
                        set_raw(go, call::GEN_RAW_STATE, call::GEN_DONE);
                    }
                    return Err(exc);
                }
                if f.entry {
                    // A generator frame the loop resumed
                    // (`gen_push_frame`): what `gen_resume` does when its
                    // frame raises, then the caller sees the exception as
                    // returned by its own instruction (context chained only
                    // if `gen_frame_raised` made a new one).
                    exc = self.gen_frame_raised(f.gen, cd.extent, exc);
                    first = true;
                }
                lasti = self.frames.last().expect("caller").lasti;
                reraise = false;
            }
        }
    }

    /// Sets the handled exception as `e`'s `__context__` (CPython's
    /// `_PyErr_SetObject`), replacing one `e` has only if `replace` (a
    /// `raise` statement does; a builtin's exception may carry a context it
    /// set on purpose).
    pub fn chain_context(&mut self, e: Value, replace: bool) {
        let cur = self.exc_info();
        if !cur.is_heap() || cur == e {
            return;
        }
        let Some(eo) = Obj::from_value(e) else { return };
        if eo.kind() != K_EXC || (!replace && eo.get(EXC_CONTEXT).is_heap()) {
            return;
        }
        // Cut the chain where it reaches `e` (so no cycle is made); a cycle
        // already in the chain ends the walk (Floyd's: `slow` moves at half
        // speed), as CPython's `_PyErr_SetObject`.
        let mut c = cur;
        let mut slow = cur;
        let mut toggle = false;
        while let Some(co) = Obj::from_value(c) {
            if co.kind() != K_EXC {
                break;
            }
            let nx = co.get(EXC_CONTEXT);
            if nx == e {
                self.store(co, EXC_CONTEXT, Value::NONE);
                break;
            }
            c = nx;
            if c == slow {
                break;
            }
            if toggle {
                slow = Obj::from_value(slow).map_or(Value::NONE, |so| so.get(EXC_CONTEXT));
            }
            toggle = !toggle;
        }
        self.store(eo, EXC_CONTEXT, cur);
    }

    fn func_name_for_msg(&mut self, f: Value) -> String {
        match Obj::from_value(f) {
            Some(o) if o.kind() == K_FUNCTION => {
                let m = o.get(FN_MODULE);
                if is_str(m) && str_of(m) != "builtins" {
                    format!("{}.{}()", str_of(m), str_of(o.get(FN_QUALNAME)))
                } else {
                    format!("{}()", str_of(o.get(FN_QUALNAME)))
                }
            }
            Some(o) if o.kind() == K_BUILTIN => {
                format!("{}()", builtin_data(o).map(|b| b.name).unwrap_or("?"))
            }
            Some(o) if o.kind() == K_TYPE => format!("{}()", str_of(o.get(T_NAME))),
            Some(o) if o.kind() == K_METHOD => self.func_name_for_msg(o.get(0)),
            _ => {
                let tn = self.type_name_of(f);
                format!("{tn} object")
            }
        }
    }

    /// FOR_ITER's step of `it` (not a generator the loop runs inline)
    /// while tracing: as [`Vm::next`], and an end by a StopIteration that
    /// CPython's `tp_iternext` would have raised (a generator returning a
    /// value, a Python `__next__`) is the frame's `exception` event.
    #[cold]
    #[inline(never)]
    fn next_traced(&mut self, it: Value) -> PyResult<Option<Value>> {
        let Some(o) = Obj::from_value(it) else {
            return self.next(it);
        };
        if o.kind() == K_GEN && o.class() == self.g.types.generator {
            return match self.gen_resume(it, Value::NONE, Value::EMPTY)? {
                call::GenStep::Yield(v) => Ok(Some(v)),
                call::GenStep::Return(r) if !self.end_raises_stop(o, Value::NONE, r) => Ok(None),
                call::GenStep::Return(r) => match self.trace_stop_iteration(r, None) {
                    Some(e) => Err(e),
                    None => Ok(None),
                },
            };
        }
        if matches!(o.kind(), K_ITER | K_GEN | K_MISC) {
            return self.next(it);
        }
        let tp = self.type_of(it);
        match self.lookup_type(tp, self.g.names.__next__) {
            Some(f) if Obj::from_value(f).is_some_and(|fo| fo.kind() != K_BUILTIN) => {
                match self.call_bound(f, it, &[]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.isinstance(e.0, self.g.e.StopIteration) => {
                        match self.trace_stop_iteration(Value::NONE, Some(e)) {
                            Some(e2) => Err(e2),
                            None => Ok(None),
                        }
                    }
                    Err(e) => Err(e),
                }
            }
            _ => self.next(it),
        }
    }

    /// One step of YIELD_FROM's sub-iterator `it` (sent `v`) that the loop
    /// does not run inline. While tracing (`trace`), an end by
    /// StopIteration is the frame's `exception` event, as CPython's SEND:
    /// a coroutine's always, a generator's when sent a value or returning
    /// one, another iterator's when its `__next__` or `send` raised it.
    fn yield_from_step(&mut self, it: Value, v: Value, trace: bool) -> PyResult<call::GenStep> {
        if let Some(o) = Obj::from_value(it) {
            if o.kind() == K_GEN {
                let r = self.gen_resume(it, v, Value::EMPTY)?;
                if let call::GenStep::Return(x) = r {
                    if trace && self.end_raises_stop(o, v, x) {
                        if let Some(e) = self.trace_stop_iteration(x, None) {
                            return Err(e);
                        }
                    }
                }
                return Ok(r);
            }
        }
        let mut quiet_end = false;
        let r = if v.is_none() {
            let tp = self.type_of(it);
            match self.lookup_type(tp, self.g.names.__next__) {
                Some(f) => {
                    // A builtin iterator's end sets no StopIteration
                    // (CPython's `tp_iternext`) unless it carries a value.
                    quiet_end = Obj::from_value(f).is_some_and(|o| o.kind() == K_BUILTIN);
                    self.call_bound(f, it, &[])
                }
                None => match self.next(it)? {
                    Some(x) => Ok(x),
                    None => return Ok(call::GenStep::Return(Value::NONE)),
                },
            }
        } else {
            self.call_method(it, "send", &[v])
        };
        match r {
            Ok(x) => Ok(call::GenStep::Yield(x)),
            Err(e) if self.isinstance(e.0, self.g.e.StopIteration) => {
                let a = Obj::from_value(e.0)
                    .map(|o| self.seq_items(o.get(EXC_ARGS)))
                    .unwrap_or_default();
                let x = a.first().copied().unwrap_or(Value::NONE);
                if trace && !(quiet_end && x.is_none()) {
                    if let Some(e2) = self.trace_stop_iteration(x, Some(e)) {
                        return Err(e2);
                    }
                }
                Ok(call::GenStep::Return(x))
            }
            Err(e) => Err(e),
        }
    }

    /// Throws `exc` into a sub-iterator of YIELD_FROM. Ok(Some(y)): it
    /// yielded; Ok(None): it returned (value parked, see root_tmp_take).
    fn throw_into(&mut self, sub: Value, exc: Value) -> PyResult<Option<Value>> {
        let is_gen = Obj::from_value(sub).is_some_and(|o| o.kind() == K_GEN);
        if self.isinstance(exc, self.g.e.GeneratorExit) {
            if is_gen {
                self.gen_close(sub)?;
            } else if let Some(c) = self.getattr_opt(sub, self.g.names.close)? {
                self.call(c, &[], Value::EMPTY)?;
            }
            // Raised in the delegating frame as it was thrown: not chained.
            self.mark_exc_passed_on(exc);
            return Err(PyException(exc));
        }
        let r = if is_gen {
            self.gen_resume(sub, Value::NONE, exc)
        } else {
            match self.getattr_opt(sub, self.g.names.throw)? {
                Some(t) => match self.call(t, &[exc], Value::EMPTY) {
                    Ok(y) => Ok(call::GenStep::Yield(y)),
                    Err(e) if self.isinstance(e.0, self.g.e.StopIteration) => {
                        let a = Obj::from_value(e.0)
                            .map(|o| self.seq_items(o.get(EXC_ARGS)))
                            .unwrap_or_default();
                        Ok(call::GenStep::Return(
                            a.first().copied().unwrap_or(Value::NONE),
                        ))
                    }
                    Err(e) => Err(e),
                },
                None => {
                    self.mark_exc_passed_on(exc);
                    return Err(PyException(exc));
                }
            }
        };
        match r? {
            call::GenStep::Yield(y) => Ok(Some(y)),
            call::GenStep::Return(v) => {
                self.root_tmp_set(v);
                Ok(None)
            }
        }
    }

    fn root_tmp_set(&mut self, v: Value) {
        while self.ctx.root_slots().len() < 3 {
            self.ctx.root_slots().push(Value::EMPTY);
        }
        self.ctx.root_slots()[2] = v;
    }

    fn root_tmp_take(&mut self) -> Value {
        if self.ctx.root_slots().len() < 3 {
            return Value::NONE;
        }
        std::mem::replace(&mut self.ctx.root_slots()[2], Value::EMPTY)
    }

    /// GET_AWAITABLE: `where_` is 1 after `__aenter__`, 2 after `__aexit__`,
    /// 0 otherwise; it picks the message.
    fn get_awaitable(&mut self, v: Value, where_: u32) -> PyResult<Value> {
        if let Some(o) = Obj::from_value(v) {
            if o.kind() == K_GEN && o.class() == self.g.types.coroutine {
                if !attr::gen_delegate(o).is_none() {
                    return Err(
                        self.new_exc(self.g.e.RuntimeError, "coroutine is being awaited already")
                    );
                }
                return Ok(v);
            }
            // `__anext__`'s and `asend`'s awaitables, whose `__await__`
            // returns them (neither type can be subclassed).
            if o.class() == self.g.types.async_gen_asend
                || o.class() == self.g.types.async_gen_athrow
            {
                return Ok(v);
            }
            // A generator whose code is flagged ITERABLE_COROUTINE
            // (`types.coroutine`) is awaitable as it is.
            if o.kind() == K_GEN
                && o.class() == self.g.types.generator
                && code_data(o.get(call::GEN_CODE)).is_some_and(|cd| {
                    cd.code.flags.0 & crate::bytecode::CodeFlags::ITERABLE_COROUTINE.0 != 0
                })
            {
                return Ok(v);
            }
        }
        let tp = self.type_of(v);
        match self.lookup_type(tp, self.g.names.__await__) {
            Some(f) => {
                let r = self.call_bound(f, v, &[])?;
                if Obj::from_value(r)
                    .is_some_and(|o| o.kind() == K_GEN && o.class() == self.g.types.coroutine)
                {
                    return Err(self.type_error("__await__() returned a coroutine"));
                }
                let rt = self.type_of(r);
                if self.lookup_type(rt, self.g.names.__next__).is_none() {
                    let tn = self.type_name_of(r);
                    return Err(self
                        .type_error(&format!("__await__() returned non-iterator of type '{tn}'")));
                }
                Ok(r)
            }
            None => {
                let tn = self.type_name_of(v);
                let msg = match where_ {
                    1 | 2 => format!(
                        "'async with' received an object from __a{}__ that does not implement __await__: {tn}",
                        if where_ == 1 { "enter" } else { "exit" }
                    ),
                    _ => format!("object {tn} can't be used in 'await' expression"),
                };
                Err(self.type_error(&msg))
            }
        }
    }

    fn intrinsic2(&mut self, arg: u32, a: Value, b: Value) -> PyResult<Value> {
        use crate::bytecode::Intrinsic2 as I;
        match I::from_arg(arg) {
            Some(I::PrepReraiseStar) => self.prep_reraise_star(a, b),
            other => match other.and_then(|w| self.typing_intrinsic2(w, a, b)) {
                Some(r) => r,
                None => Err(self.new_exc(self.g.e.SystemError, "unsupported intrinsic")),
            },
        }
    }

    /// Does `v` match mapping patterns (`Py_TPFLAGS_MAPPING` on its
    /// class: dict, mappingproxy and what `collections.abc.Mapping`
    /// covers, as inherited along the MRO)?
    fn is_mapping(&self, v: Value) -> bool {
        Obj::from_value(v)
            .and_then(|o| Obj::from_value(o.class()))
            .is_some_and(|c| type_flags(c) & TF_MAPPING != 0)
    }

    /// Does `v` match sequence patterns (`Py_TPFLAGS_SEQUENCE`: list,
    /// tuple, range, deque, memoryview, array and what
    /// `collections.abc.Sequence` covers)?
    fn is_sequence(&self, v: Value) -> bool {
        Obj::from_value(v)
            .and_then(|o| Obj::from_value(o.class()))
            .is_some_and(|c| type_flags(c) & TF_SEQUENCE != 0)
    }

    fn match_keys(&mut self, subj: Value, keys: Value) -> PyResult<Value> {
        let ks = self.seq_items(keys);
        // The keys seen so far (mapped to their values, which that roots):
        // a key given twice (two attribute lookups, or one and a literal)
        // is a ValueError.
        let seen = self.new_dict();
        let mark = self.push_root(seen);
        let r = self.match_keys_in(subj, &ks, seen);
        self.pop_roots(mark);
        r
    }

    fn match_keys_in(&mut self, subj: Value, ks: &[Value], seen: Value) -> PyResult<Value> {
        let mut out = Vec::new();
        for &k in ks {
            if self.dict_get(seen, k)?.is_some() {
                let r = self.repr_string(k)?;
                return Err(self.new_exc(
                    self.g.e.ValueError,
                    &format!("mapping pattern checks duplicate key ({r})"),
                ));
            }
            let r = if Obj::from_value(subj)
                .is_some_and(|o| o.kind() == Kind::DICT && o.class() == self.g.types.dict)
            {
                self.dict_get(subj, k)?
            } else {
                let sentinel = self.new_list(&[]);
                let g = self.call_method(subj, "get", &[k, sentinel])?;
                if g == sentinel {
                    None
                } else {
                    Some(g)
                }
            };
            match r {
                Some(v) => {
                    // Kept in `seen` too, which roots it.
                    self.dict_set(seen, k, v)?;
                    out.push(v)
                }
                None => return Ok(Value::NONE),
            }
        }
        Ok(self.new_tuple(&out))
    }

    fn match_class(&mut self, subj: Value, cls: Value, npos: usize, kw: Value) -> PyResult<Value> {
        if !Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE) {
            return Err(self.type_error("called match pattern must be a type"));
        }
        if !self.isinstance(subj, cls) {
            return Ok(Value::NONE);
        }
        let tn = type_name(cls);
        let mut out = Vec::new();
        let mut seen: Vec<Value> = Vec::new();
        let mut seen_check = |vm: &mut Vm, n: Value| -> PyResult<()> {
            if seen.iter().any(|&x| str_of(x) == str_of(n)) {
                return Err(vm.type_error(&format!(
                    "{tn}() got multiple sub-patterns for attribute '{}'",
                    str_of(n)
                )));
            }
            seen.push(n);
            Ok(())
        };
        if npos > 0 {
            let ma = match self.getattr_opt(cls, self.g.names.__match_args__)? {
                Some(m) => {
                    if !Obj::from_value(m).is_some_and(|o| o.kind() == Kind::TUPLE) {
                        let mt = self.type_name_of(m);
                        return Err(self.type_error(&format!(
                            "{tn}.__match_args__ must be a tuple (got {mt})"
                        )));
                    }
                    Some(m)
                }
                None => None,
            };
            match ma {
                Some(m) => {
                    let names = self.seq_items(m);
                    if npos > names.len() {
                        return Err(self.type_error(&format!(
                            "{tn}() accepts {} positional sub-pattern{} ({npos} given)",
                            names.len(),
                            if names.len() == 1 { "" } else { "s" }
                        )));
                    }
                    for &n in &names[..npos] {
                        if !is_str(n) {
                            let nt = self.type_name_of(n);
                            return Err(self.type_error(&format!(
                                "__match_args__ elements must be strings (got {nt})"
                            )));
                        }
                        seen_check(self, n)?;
                        match self.getattr_opt(subj, n)? {
                            Some(v) => out.push(v),
                            None => return Ok(Value::NONE),
                        }
                    }
                }
                None => {
                    let t = &self.g.types;
                    let selfmatch = [
                        t.int,
                        t.float,
                        t.str_,
                        t.bytes,
                        t.bytearray,
                        t.bool_,
                        t.dict,
                        t.list,
                        t.set,
                        t.frozenset,
                        t.tuple,
                    ]
                    .iter()
                    .any(|&b| self.is_subtype(cls, b));
                    if selfmatch && npos == 1 {
                        out.push(subj);
                    } else if selfmatch {
                        return Err(self.type_error(&format!(
                            "{tn}() accepts 1 positional sub-pattern ({npos} given)"
                        )));
                    } else {
                        return Err(self.type_error(&format!(
                            "{tn}() accepts 0 positional sub-patterns ({npos} given)"
                        )));
                    }
                }
            }
        }
        for k in self.seq_items(kw) {
            seen_check(self, k)?;
            match self.getattr_opt(subj, k)? {
                Some(v) => out.push(v),
                None => return Ok(Value::NONE),
            }
        }
        Ok(self.new_tuple(&out))
    }
}

/// `ascii()` escaping of a repr string.
/// Resolves slice bounds against a sequence of `len` items (CPython's
/// `PySlice_AdjustIndices`): `None` stands for an omitted bound, `step` is
/// never 0. Returns (start, stop, count).
pub fn slice_adjust(
    len: usize,
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
) -> (isize, isize, usize) {
    let len = len as isize;
    let (start, stop) = if step > 0 {
        let mut a = start.unwrap_or(0);
        let mut b = stop.unwrap_or(len);
        if a < 0 {
            a = (a + len).max(0);
        }
        if b < 0 {
            b = (b + len).max(0);
        }
        (a.min(len), b.min(len))
    } else {
        let mut a = start.unwrap_or(len - 1);
        let mut b = stop.unwrap_or(-1 - len);
        if a < 0 {
            a = (a + len).max(-1);
        }
        if b < 0 {
            b = (b + len).max(-1);
        }
        (a.min(len - 1), b.min(len - 1))
    };
    let count = if step > 0 {
        if stop > start {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    (start, stop, count)
}

/// A slice bound the fast slicing paths take without running Python code:
/// `Some(None)` for None, `Some(Some(i))` for a small int (clamped as
/// CPython clamps to the index range); `None` for anything else (a big int,
/// a bool, an object with `__index__`: the general path).
#[inline(always)]
fn plain_bound(v: Value) -> Option<Option<isize>> {
    if v.is_none() {
        return Some(None);
    }
    v.as_int()
        .map(|i| Some(i.clamp(-(1 << 62), 1 << 62) as isize))
}

pub fn ascii_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let cp = c as u32;
        if cp < 128 {
            out.push(c);
        } else if cp <= 0xFF {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp <= 0xFFFF {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    out
}

/// Inline arithmetic for BINARY_OP on immediate operands (small ints and
/// immediate floats): `None` sends the operation to the general path
/// (`Vm::binary_op`), which also produces every error (division by zero,
/// negative shift) and every result that does not fit an immediate. Results
/// are the ones `binary_op` computes for the same operands.
#[inline(always)]
fn fast_binop(arg: u32, a: Value, b: Value) -> Option<Value> {
    // In-place forms of the operators are numbered `op + 13`.
    let op = if arg >= 13 { arg - 13 } else { arg };
    if a.is_int() && b.is_int() {
        match op {
            0 => return Value::int_add(a, b),
            10 => return Value::int_sub(a, b),
            _ => {}
        }
        let (x, y) = (a.int_unchecked(), b.int_unchecked());
        let r = match op {
            5 => x.checked_mul(y)?,
            1 => x & y,
            7 => x | y,
            12 => x ^ y,
            6 if y != 0 => {
                // Python's modulo takes the sign of the divisor; |x|,|y| < 2**60.
                let r = x % y;
                if r != 0 && ((r < 0) != (y < 0)) {
                    r + y
                } else {
                    r
                }
            }
            2 if y != 0 => {
                let q = x / y;
                if (x % y != 0) && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }
            }
            9 if y >= 0 => x >> y.min(63),
            8 if (0..64).contains(&y) => x.checked_pow(y as u32)?,
            11 if y != 0 && x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) => {
                // Both exactly representable: one IEEE division is correctly rounded.
                return Value::try_float(x as f64 / y as f64);
            }
            _ => return None,
        };
        return Value::try_int(r);
    }
    let x = if a.is_float() {
        a.float_unchecked()
    } else if a.is_int() && a.int_unchecked().unsigned_abs() < (1 << 53) {
        a.int_unchecked() as f64
    } else {
        return None;
    };
    let y = if b.is_float() {
        b.float_unchecked()
    } else if b.is_int() && b.int_unchecked().unsigned_abs() < (1 << 53) {
        b.int_unchecked() as f64
    } else {
        return None;
    };
    let r = match op {
        0 => x + y,
        10 => x - y,
        5 => x * y,
        11 if y != 0.0 => x / y,
        // A positive finite base: libm's pow, as float.__pow__ calls it
        // after its special cases (none applies here); a result that is
        // no immediate float (inf, a subnormal) takes the general path,
        // which raises or boxes as CPython does.
        8 if x > 0.0 => x.powf(y),
        _ => return None,
    };
    Value::try_float(r)
}

/// FOR_ITER over a builtin iterator of a range, list, tuple or bytes
/// ([`range_iter_next`], [`seq_iter_next`]): the iterator and its source
/// read once. `None` when `it` is none of these, or when the general path
/// must take the step (see each).
#[inline(always)]
pub(crate) fn builtin_iter_next(it: Value, t: &Types) -> Option<Option<Value>> {
    let o = Obj::from_value(it)?;
    if o.kind() != K_ITER {
        return None;
    }
    let ov = o.view();
    let src = Obj::from_value(ov.get(0))?;
    if src.kind() == K_RANGE {
        range_iter_next(o, src)
    } else {
        seq_iter_next(o, ov, src, t).map(Some)
    }
}

/// FOR_ITER over a `range` iterator `o` (of `src`) whose values are small
/// ints: the same steps as `Vm::iter_next_builtin` without the call. `None`
/// when the next value would not be a small int.
#[inline(always)]
fn range_iter_next(o: Obj, src: Obj) -> Option<Option<Value>> {
    // Raw words: [0] items produced, [1] length, [2] start. Item i is
    // computed from the position alone; a shared iterator advances it by
    // compare-and-swap (each thread gets its own item), a local one by a
    // store.
    use proto_core::sync::heap_atomic::Ordering;
    let w = proto_core::layouts::raw_words::<3>(o);
    let step = src.get(2).as_int()?;
    loop {
        let i = w[0].load(Ordering::Acquire);
        if i >= w[1].load(Ordering::Acquire) {
            return Some(None);
        }
        let cur = (w[2].load(Ordering::Acquire) as i64).wrapping_add((i as i64).wrapping_mul(step));
        let v = Value::try_int(cur)?;
        if !o.is_shared() {
            w[0].store(i + 1, Ordering::Release);
            return Some(Some(v));
        }
        if w[0]
            .compare_exchange(i, i + 1, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            return Some(Some(v));
        }
    }
}

/// FOR_ITER over a list, tuple, bytes, set or dict key/value iterator `o`
/// (`ov` its view; exactly those classes, over exactly those sources `src`)
/// with an item left: the
/// steps of `Vm::iter_next_builtin` for them without the call and its result
/// layers. `None` when `o` is no such iterator, or at the end (the general
/// path lets the source go).
#[inline(always)]
fn seq_iter_next(o: Obj, ov: proto_core::object::ObjView, src: Obj, t: &Types) -> Option<Value> {
    // The source's kind first (one header byte and a jump): each class
    // test it saves is a load and a compare.
    let c = o.class();
    match src.kind() {
        Kind::LIST if c == t.list_iter => claim_next(o, ov, |i| llist::get(src, i)),
        Kind::TUPLE if c == t.tuple_iter => {
            let sv = src.view();
            claim_next(o, ov, |i| (i < sv.n_values()).then(|| sv.get(i)))
        }
        Kind::BYTES if c == t.bytes_iter => {
            let b = lstr::bytes(src);
            claim_next(o, ov, |i| b.get(i).map(|&x| Value::int(x as i64)))
        }
        Kind::DICT if c == t.dict_keyiter => dict_iter_entry(o, ov, src).map(|(k, _)| k),
        Kind::DICT if c == t.dict_valueiter => dict_iter_entry(o, ov, src).map(|(_, v)| v),
        Kind::TUPLE if c == t.set_iter => {
            // A set's snapshot (`Vm::set_iter`), while the set (value 1)
            // has the size it had when the iterator was made: a change is
            // the general path's RuntimeError.
            let set = Obj::from_value(ov.get(1)).filter(|s| s.kind() == Kind::SET)?;
            if ldict::len(set) as u64 != ov.raw(1) {
                return None;
            }
            let sv = src.view();
            claim_next(o, ov, |i| (i < sv.n_values()).then(|| sv.get(i)))
        }
        _ => None,
    }
}

/// FOR_ITER over a dict's key, value or item iterator `o` (`ov` its view;
/// `src` its dict) that only this thread reaches: the next entry's key and
/// value, by the steps of `Vm::iter_step_builtin` with plain stores where a
/// shared iterator needs a compare-and-swap per claim and an atomic count
/// (raw words: [0] next entry, [1] the dict's size when the iterator was
/// made, [2] items still to yield). `None` at the end, on a change of size
/// or keys (the general path raises or lets the source go), and for a
/// shared iterator.
#[inline(always)]
fn dict_iter_entry(o: Obj, ov: proto_core::object::ObjView, src: Obj) -> Option<(Value, Value)> {
    if o.is_shared() || ldict::len(src) as u64 != ov.raw(1) {
        return None;
    }
    let left = ov.raw(2);
    if left == 0 {
        return None;
    }
    let (e, k, v) = ldict::next_live(ldict::table(src), ov.raw(0) as usize).ok()?;
    ov.set_raw(0, (e + 1) as u64);
    ov.set_raw(2, left - 1);
    Some((k, v))
}

/// FOR_ITER over `d.items()`'s iterator `it` followed by an UNPACK_SEQUENCE
/// of 2 (`for k, v in d.items()`): the next key and value, for the loop to
/// push without making their tuple. `None` as [`dict_iter_entry`], and when
/// `it` is no item iterator of an exact dict.
#[inline(always)]
fn dict_items_next(it: Value, t: &Types) -> Option<(Value, Value)> {
    let o = Obj::from_value(it)?;
    if o.kind() != K_ITER || o.class() != t.dict_itemiter {
        return None;
    }
    let ov = o.view();
    let src = Obj::from_value(ov.get(0)).filter(|d| d.kind() == Kind::DICT)?;
    dict_iter_entry(o, ov, src)
}

/// Steps iterator `o` (`ov` its view; position in raw word 0) to
/// `item(position)`, claiming the position; `None` when `item` has none
/// there.
#[inline(always)]
fn claim_next(
    o: Obj,
    ov: proto_core::object::ObjView,
    item: impl Fn(usize) -> Option<Value>,
) -> Option<Value> {
    loop {
        let i = ov.raw(0) as usize;
        let v = item(i)?;
        if !o.is_shared() {
            ov.set_raw(0, (i + 1) as u64);
            return Some(v);
        }
        // A racing step on a shared iterator may take item `i` first.
        if ops::claim_index(o, i, i + 1) {
            return Some(v);
        }
    }
}

/// The running frame's instruction stream, read without bounds checks.
///
/// Every code object satisfies [`CodeObject`]'s stream invariant (the
/// compiler builds it so; `serialize::validate` checks loaded code): operands
/// index in range, every jump and handler target is an instruction, and the
/// last instruction never falls through. So every offset the interpreter
/// fetches from — a jump or handler target, a saved resume offset, or the
/// offset after an instruction that may fall through — is in the stream.
#[derive(Clone, Copy)]
struct Ops {
    ptr: *const [u8; 2],
    #[cfg(debug_assertions)]
    units: usize,
}

impl Ops {
    #[inline(always)]
    fn new(code: &'static [u8]) -> Ops {
        Ops {
            ptr: code.as_ptr().cast(),
            #[cfg(debug_assertions)]
            units: code.len() / 2,
        }
    }

    /// The `(opcode, operand byte)` pair at code unit `pc`.
    ///
    /// # Safety
    /// `pc` must be an offset the stream invariant (see [`Ops`]) puts inside
    /// the code: a jump/handler target, a saved resume offset, or the offset
    /// right after an instruction whose flow may continue.
    #[inline(always)]
    unsafe fn pair(self, pc: usize) -> (u8, u8) {
        #[cfg(debug_assertions)]
        assert!(
            pc < self.units,
            "instruction fetch past the end of the code"
        );
        // SAFETY: `pc < units` by the caller's contract; `ptr` points at
        // `units` byte pairs of a code object that lives for the program.
        let [op, arg] = unsafe { self.ptr.add(pc).read() };
        (op, arg)
    }

    /// Decodes the instruction at `pc`: opcode byte, operand (EXTENDED_ARG
    /// prefixes folded in) and the offset of the next instruction.
    ///
    /// # Safety
    /// As [`Ops::pair`].
    #[inline(always)]
    unsafe fn decode(self, mut pc: usize) -> (u8, u32, usize) {
        // SAFETY: the caller's contract; an EXTENDED_ARG prefix always falls
        // through to the instruction it extends, which is in the stream.
        let (mut op, a) = unsafe { self.pair(pc) };
        let mut arg = a as u32;
        pc += 1;
        while op == Opcode::ExtendedArg as u8 {
            // SAFETY: as above.
            let (o, a) = unsafe { self.pair(pc) };
            op = o;
            arg = (arg << 8) | a as u32;
            pc += 1;
        }
        (op, arg, pc)
    }
}

/// The value stack's slots seen by `run_inner`, indexed without bounds
/// checks (a debug build checks against the stack's length).
#[derive(Clone, Copy)]
struct StackSlots {
    ptr: *mut Value,
    #[cfg(debug_assertions)]
    len: usize,
}

impl StackSlots {
    /// # Safety
    /// `ptr..ptr + len` are the live, initialised slots of this thread's
    /// value stack for as long as the result is used, and every index used
    /// through it is below `len` (`run_inner`'s `st!` states why its
    /// indexes are).
    #[inline(always)]
    unsafe fn new(ptr: *mut Value, len: usize) -> StackSlots {
        #[cfg(not(debug_assertions))]
        let _ = len;
        StackSlots {
            ptr,
            #[cfg(debug_assertions)]
            len,
        }
    }
}

impl core::ops::Index<usize> for StackSlots {
    type Output = Value;
    #[inline(always)]
    fn index(&self, i: usize) -> &Value {
        #[cfg(debug_assertions)]
        assert!(i < self.len, "value stack index out of the frame");
        // SAFETY: `i` is in range by `StackSlots::new`'s contract.
        unsafe { &*self.ptr.add(i) }
    }
}

impl core::ops::IndexMut<usize> for StackSlots {
    #[inline(always)]
    fn index_mut(&mut self, i: usize) -> &mut Value {
        #[cfg(debug_assertions)]
        assert!(i < self.len, "value stack index out of the frame");
        // SAFETY: as for `index`; the slots are this thread's alone while
        // `run_inner` holds `&mut Vm`.
        unsafe { &mut *self.ptr.add(i) }
    }
}
