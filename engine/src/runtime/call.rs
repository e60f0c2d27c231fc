//! Calling objects: argument binding, Python functions, builtins, classes,
//! generators.
//!
//! Every call lays its callable and arguments out on the value stack
//! (`[callable, arg_1 .. arg_n]`, keyword values last) so they are rooted
//! for the whole call. A Python function gets a new frame above the current
//! stack top; the interpreter loop continues in it without recursing on the
//! Rust stack when the call comes from bytecode.

use super::interp::Exit;
use super::*;
use crate::bytecode::{CodeFlags, CodeObject};
use proto_core::layouts::{get_raw, set_raw};

/// Empties the saved frame of the finished generator `g` (its locals and
/// the stack it kept at its last suspension, at most `extent` slots), as
/// CPython clears a generator's frame when it ends: what the frame held is
/// no longer kept alive by the generator object.
fn gen_release(g: Obj, extent: usize) {
    let Some(storage) = Obj::from_value(g.get(GEN_FRAME)) else {
        return;
    };
    let n = (get_raw(g, GEN_RAW_SP) as usize).min(extent);
    // EMPTY is no reference, so plain stores need no write barrier even
    // in a shared storage (as in `gen_save`).
    for i in 0..n {
        storage.init(i, Value::EMPTY);
    }
    set_raw(g, GEN_RAW_SP, 0);
}

/// What loading a generator's saved frame takes, from its values `gv`:
/// the storage, the generator's own code (`gi_code`, which its saved frame
/// was sized for, even if its function's `__code__` was replaced since)
/// and its function's globals. None for a generator without them.
#[inline(always)]
fn gen_frame_parts(gv: &proto_core::object::ObjView) -> Option<(Obj, &'static CodeData, Obj)> {
    let storage = Obj::from_value(gv.get(GEN_FRAME))?;
    let cd = code_data(gv.get(GEN_CODE))?;
    let globals = Obj::from_value(Obj::from_value(gv.get(GEN_FUNC))?.get(FN_GLOBALS))?;
    Some((storage, cd, globals))
}

/// Claims generator `g`'s frame, whose state word `state` read `was`
/// (CREATED or SUSPENDED), for this thread: one CAS to RUNNING, so that
/// two threads never run the same frame; a local generator, which no
/// other thread can reach, takes a plain store. False if another thread
/// changed the state first.
#[inline(always)]
fn claim_frame(g: Obj, state: &proto_core::sync::heap_atomic::AtomicU64, was: u64) -> bool {
    use proto_core::sync::heap_atomic::Ordering as H;
    if !g.is_shared() {
        state.store(GEN_RUNNING, H::Release);
        return true;
    }
    state
        .compare_exchange(was, GEN_RUNNING, H::AcqRel, H::Acquire)
        .is_ok()
}

/// For a generator `g` suspended at a YIELD_FROM whose sub-iterator is a
/// generator or coroutine, with all that loading its frame later needs
/// ([`gen_frame_parts`]): that sub-generator and the frame's extent.
#[inline]
fn suspended_delegation(g: Obj) -> Option<(Obj, usize)> {
    let gv = g.view();
    if gv.n_values() < 7 || get_raw(g, GEN_RAW_STATE) != GEN_SUSPENDED {
        return None;
    }
    let (storage, cd, _) = gen_frame_parts(&gv)?;
    let pc = get_raw(g, GEN_RAW_PC) as usize;
    if cd.code.code.get(pc * 2).copied() != Some(crate::bytecode::Opcode::YieldFrom as u8) {
        return None;
    }
    let sp = get_raw(g, GEN_RAW_SP) as usize;
    let sv = storage.view();
    if sp == 0 || sp > sv.n_values() || sp > cd.extent {
        return None;
    }
    let sub = Obj::from_value(sv.get(sp - 1)).filter(|o| o.kind() == K_GEN)?;
    Some((sub, cd.extent))
}

/// Is the suspended frame of `g` (code `cd`) in an exception handler
/// that it entered while its caller's exception was current? The compiler
/// covers a handler's body with a cleanup block that restores the
/// previous exception (`COPY 3; POP_EXCEPT; RERAISE 1`), perhaps through
/// an `except ... as name` cleanup that ends in `RERAISE` first (a `try`
/// body's entry leads to `PUSH_EXC_INFO` instead); the
/// previous exception sits at that entry's depth - 1 on the frame's
/// stack, and `PUSH_EXC_INFO` saved EMPTY there for "the caller's".
fn in_callers_handler(g: Obj, cd: &CodeData) -> bool {
    use crate::bytecode::Opcode;
    let Some(storage) = Obj::from_value(g.get(GEN_FRAME)) else {
        return false;
    };
    let code = &cd.code;
    let mut at = get_raw(g, GEN_RAW_PC) as u32;
    for _ in 0..4 {
        let Some(e) = code.handler_for(at) else {
            return false;
        };
        let mut pos = e.target;
        for step in 0..8 {
            let Some(ins) = code.decode_at(pos) else {
                return false;
            };
            match ins.op {
                // A handler's entry: `at` is in a `try` body, not a handler.
                Opcode::PushExcInfo if step == 0 => return false,
                Opcode::PopExcept => {
                    let idx = FRAME_HEADER + cd.nlocals + cd.ncells + (e.depth as usize).max(1) - 1;
                    let saved = storage.view().values();
                    let n = (get_raw(g, GEN_RAW_SP) as usize).min(saved.len());
                    let ord = proto_core::sync::heap_atomic::Ordering::Acquire;
                    return idx < n && saved[idx].load(ord) == Value::EMPTY.bits();
                }
                Opcode::Reraise => break,
                _ => pos = ins.offset + 1,
            }
        }
        // A cleanup that re-raises without restoring: the handler that
        // covers it does.
        at = e.target;
    }
    false
}

/// Generator slots.
pub const GEN_FRAME: usize = 0;
#[allow(missing_docs)]
pub const GEN_FUNC: usize = 1;
#[allow(missing_docs)]
pub const GEN_NAME: usize = 2;
#[allow(missing_docs)]
pub const GEN_QUALNAME: usize = 3;
#[allow(missing_docs)]
pub const GEN_CODE: usize = 4;
/// Raw word: pc.
pub const GEN_RAW_PC: usize = 0;
/// Raw word: sp relative to the frame base.
pub const GEN_RAW_SP: usize = 1;
/// Raw word: state.
pub const GEN_RAW_STATE: usize = 2;
/// Raw word: set by YIELD_VALUE in an async generator (the frame yielded a
/// value of its own, not an `await` suspension); cleared on each resume.
pub const GEN_RAW_ASYNC_VALUE: usize = 3;
/// The frame object `gi_frame` returned (python_env's `types/generator.rs`
/// refreshes its line on each read), or None before the first read.
pub const GEN_FRAME_OBJ: usize = 5;
/// The exception the suspended frame is handling (`sys.exc_info()` inside
/// it), or None: swapped with the caller's on each resume (CPython's
/// `gi_exc_state`). While the frame runs: the caller's handled exception,
/// which the frame's handlers restore when it had none of its own.
pub const GEN_EXC_STATE: usize = 6;
/// Coroutines: `cr_origin` (None unless origin tracking was on when it
/// was made); async generators: the finalizer recorded when the hooks
/// were first consulted (`sys.set_asyncgen_hooks`), or None. (CPython's
/// `ag_origin_or_finalizer`.) Plain generators do not have this slot.
pub const GEN_ORIGIN_OR_FINALIZER: usize = 7;
/// Async generators only: raw word of flags kept by python_env's
/// `types/asyncgen.rs` (hooks consulted, an `asend`/`athrow` running).
pub const GEN_RAW_AG_FLAGS: usize = 4;
/// Flag in `GEN_RAW_AG_FLAGS`: the thread's async-generator hooks were
/// consulted (CPython's `ag_hooks_inited`).
pub const AG_F_HOOKS: u64 = 1;
/// Flag in `GEN_RAW_AG_FLAGS`: an `asend`/`athrow` awaitable is driving the
/// generator (CPython's `ag_running_async`).
pub const AG_F_RUNNING_ASYNC: u64 = 2;
/// Values of an `async_generator_asend` / `async_generator_athrow`
/// awaitable (`K_MISC`): the generator; the value to send (asend) or
/// `athrow`'s argument tuple; the state, 0 not started, 1 running, 2
/// finished; the mode, [`AW_MODE_SEND`], [`AW_MODE_THROW`] or
/// [`AW_MODE_CLOSE`].
pub const AW_GEN: usize = 0;
#[allow(missing_docs)]
pub const AW_VALUE: usize = 1;
#[allow(missing_docs)]
pub const AW_STATE: usize = 2;
#[allow(missing_docs)]
pub const AW_MODE: usize = 3;
/// Awaitable modes: `asend`/`__anext__`, `athrow`, `aclose`.
pub const AW_MODE_SEND: i64 = 0;
#[allow(missing_docs)]
pub const AW_MODE_THROW: i64 = 1;
#[allow(missing_docs)]
pub const AW_MODE_CLOSE: i64 = 2;
#[allow(missing_docs)]
pub const GEN_CREATED: u64 = 0;
#[allow(missing_docs)]
pub const GEN_SUSPENDED: u64 = 1;
#[allow(missing_docs)]
pub const GEN_RUNNING: u64 = 2;
#[allow(missing_docs)]
pub const GEN_DONE: u64 = 3;

/// Outcome of resuming a generator.
pub enum GenStep {
    /// It yielded a value.
    Yield(Value),
    /// It returned a value.
    Return(Value),
}

/// Arguments (receiver included) of the builtin calls that
/// [`Vm::call_builtin_plain`] serves.
const PLAIN_ARGS: usize = 4;

/// Whether builtin `b` is an unbound method of fixed arity whose native
/// code takes its receiver and `nargs` arguments as they are (none bound):
/// what [`Vm::call_slot_method`] and `call_builtin_plain` call without the
/// general path's checks, save the receiver's type. A declared arity
/// (`meth_arity`) that `nargs` fits leaves the general path nothing to
/// check but `__format__`'s str argument.
pub(crate) fn method_takes(b: &Builtin, nargs: usize) -> bool {
    b.is_method
        && !b.bound.is_heap()
        && !(b.meth_arity && b.name == "__format__")
        && b.arity.is_none_or(|(lo, hi)| (lo..=hi).contains(&nargs))
}

/// The native code of `f` when it is a builtin method of type `owner`
/// itself that [`method_takes`] `nargs` arguments: what a special method
/// found on an object of exactly that type can run directly, with the
/// receiver first (`array.__getitem__`, `set.__contains__`).
#[inline]
pub(crate) fn own_native_method(f: Value, owner: Value, nargs: usize) -> Option<NativeFn> {
    Obj::from_value(f)
        .filter(|o| o.kind() == K_BUILTIN)
        .and_then(builtin_data)
        .filter(|b| b.owner == owner && method_takes(b, nargs))
        .map(|b| b.f)
}

/// The inline room of a new instance of the class `co` when its instances
/// keep their attributes under a shape (`shape.rs`): room for every
/// attribute a shape may hold for the class's first instance, else what
/// its instances reached; None for a dict-mode instance.
#[inline]
fn shaped_room(co: Obj) -> Option<usize> {
    if type_flags(co) & TF_SHAPED == 0 || type_prefers_dict(co) {
        return None;
    }
    let cap = shape::inline_capacity(type_dict_hint(co))?;
    Some(if first_instance(co) {
        shape::MAX_INLINE
    } else {
        cap
    })
}

impl Vm {
    /// [`own_native_method`] for a receiver of type `tp` or of a subclass
    /// of the method's owner (a special method a str subclass inherits
    /// from str): the receiver check of [`Vm::call_builtin_checked`],
    /// passed, and its arity check left to [`method_takes`].
    #[inline]
    fn native_method_for(&self, f: Value, tp: Value, nargs: usize) -> Option<NativeFn> {
        let b = Obj::from_value(f)
            .filter(|o| o.kind() == K_BUILTIN)
            .and_then(builtin_data)
            .filter(|b| method_takes(b, nargs))?;
        (b.owner == tp || (b.owner.is_heap() && self.is_subtype(tp, b.owner))).then_some(b.f)
    }

    /// Calls `f(*args)` with keyword names `kwnames` (tuple or EMPTY) for
    /// the trailing values of `args`.
    pub fn call(&mut self, f: Value, args: &[Value], kwnames: Value) -> PyResult<Value> {
        let base = self.ctx.stack().top();
        {
            let st = self.ctx.stack();
            st.push(f);
            for &a in args {
                st.push(a);
            }
            if kwnames.is_heap() {
                st.push(kwnames);
            }
        }
        let r = self.call_on_stack(base, args.len(), kwnames);
        self.ctx.stack().set_top(base);
        r
    }

    /// Calls the special method `f` that `lookup_type(type(self_), ..)`
    /// found, as [`Vm::call_bound`]. A builtin method of exactly
    /// `self_`'s type taking these arguments (`bytearray.__setitem__`,
    /// `set.__contains__`) runs at once: its receiver is of its owner type
    /// and its arity fits, so the call machinery has nothing to check. The
    /// receiver and arguments are on the value stack while it runs.
    #[inline]
    pub fn call_slot_method(&mut self, f: Value, self_: Value, args: &[Value]) -> PyResult<Value> {
        let n = args.len();
        if n < PLAIN_ARGS {
            if let Some(nf) = self.native_method_for(f, self.type_of(self_), n) {
                let base = self.ctx.stack().top();
                let mut buf = [Value::EMPTY; PLAIN_ARGS];
                buf[0] = self_;
                buf[1..=n].copy_from_slice(args);
                {
                    let st = self.ctx.stack();
                    for &v in &buf[..=n] {
                        st.push(v);
                    }
                }
                let r = self.run_native(nf, &buf[..=n], Value::EMPTY);
                self.ctx.stack().set_top(base);
                return r;
            }
        }
        self.call_bound(f, self_, args)
    }

    /// Calls `f(self_, *args)`.
    pub fn call_bound(&mut self, f: Value, self_: Value, args: &[Value]) -> PyResult<Value> {
        // A special method found on the type that is an instance of a
        // Python class is bound with its class's `__get__` (mock's
        // MagicProxy, a user descriptor), or, without one, called without
        // `self` (a Mock set as a magic method), as CPython's
        // `lookup_maybe_method`.
        if let Some(o) = Obj::from_value(f) {
            // A method already bound to its object (`gen.__next__` stored
            // as a class's `__next__`, as ElementTree's iterparse does) is
            // no descriptor in CPython: it is called as it is.
            if o.kind() == K_METHOD
                || (o.kind() == K_BUILTIN && builtin_data(o).is_some_and(|b| b.bound.is_heap()))
            {
                return self.call(f, args, Value::EMPTY);
            }
            if o.kind() == K_MEMBER || o.kind() == K_WRAPPER {
                // A slot named like the special method (`__slots__ =
                // "__setitem__",`) holds the callable per instance; a
                // staticmethod or classmethod binds as its `__get__` says.
                return self.call_descr_special(f, self_, args);
            }
            if o.kind() == K_INSTANCE || o.kind() == K_PROPERTY {
                return match self.lookup_type(o.class(), self.g.names.__get__) {
                    Some(get) => self.call_via_descriptor(get, f, self_, args),
                    None => self.call(f, args, Value::EMPTY),
                };
            }
        }
        let base = self.ctx.stack().top();
        {
            let st = self.ctx.stack();
            st.push(f);
            st.push(self_);
            for &a in args {
                st.push(a);
            }
        }
        let r = self.call_on_stack(base, args.len() + 1, Value::EMPTY);
        self.ctx.stack().set_top(base);
        r
    }

    #[cold]
    #[inline(never)]
    fn call_descr_special(&mut self, f: Value, self_: Value, args: &[Value]) -> PyResult<Value> {
        let mark = self.push_root(self_);
        for &a in args {
            self.push_root(a);
        }
        let tp = self.type_of(self_);
        let r = match self.bind_descr(f, self_, tp) {
            Ok(bound) => {
                self.push_root(bound);
                self.call(bound, args, Value::EMPTY)
            }
            Err(e) => Err(e),
        };
        self.pop_roots(mark);
        r
    }

    #[cold]
    #[inline(never)]
    fn call_via_descriptor(
        &mut self,
        get: Value,
        f: Value,
        self_: Value,
        args: &[Value],
    ) -> PyResult<Value> {
        // The arguments stay rooted while `__get__` runs.
        let mark = self.push_root(self_);
        for &a in args {
            self.push_root(a);
        }
        let tp = self.type_of(self_);
        // `get` is called as a plain callable (not bound again through
        // this path), so a `__get__` that is itself a descriptor instance
        // cannot recurse here without bound.
        let r = match self.call(get, &[f, self_, tp], Value::EMPTY) {
            Ok(bound) => {
                self.push_root(bound);
                self.call(bound, args, Value::EMPTY)
            }
            Err(e) => Err(e),
        };
        self.pop_roots(mark);
        r
    }

    /// Calls the callable at stack slot `base` with the `n` values above it.
    /// Runs Python functions to completion (a nested loop): for Rust callers.
    pub fn call_on_stack(&mut self, base: usize, n: usize, kwnames: Value) -> PyResult<Value> {
        let f = self.ctx.stack().slots_mut()[base];
        if let Some(o) = Obj::from_value(f) {
            if o.kind() == K_FUNCTION {
                let depth = self.frames.len();
                if kwnames.is_heap() || !self.push_simple_frame_as(o, base + 1, n, true) {
                    self.push_function_frame(o, base + 1, n, kwnames, true)?;
                }
                if self.frames.len() == depth {
                    // A generator was created: its value is in the slot.
                    return Ok(self.ctx.stack().slots_mut()[base]);
                }
                // The loop's safepoints are back-edges and the calls it
                // makes: a native loop calling a small function (a `key=`
                // lambda, `map`'s function, an old-style `__getitem__`)
                // would otherwise never collect what those calls drop.
                // A Rust caller roots what it holds across any call into
                // Python, and the new frame holds the arguments.
                self.ctx.safepoint();
                return match stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || self.run()) {
                    Ok(Exit::Return(v)) => Ok(v),
                    Ok(Exit::Yield(_)) => {
                        Err(self.new_exc(self.g.e.SystemError, "unexpected yield"))
                    }
                    Err(e) => Err(e),
                };
            }
        }
        self.call_non_python(base, n, kwnames)
    }

    /// Calls a callable that is not a plain Python function (builtins,
    /// methods, classes, objects with `__call__`). The callable is at `base`.
    pub fn call_non_python(&mut self, base: usize, n: usize, kwnames: Value) -> PyResult<Value> {
        let f = self.ctx.stack().slots_mut()[base];
        let Some(o) = Obj::from_value(f) else {
            let tn = self.type_name_of(f);
            return Err(self.type_error(&format!("'{tn}' object is not callable")));
        };
        match o.kind() {
            K_BUILTIN => {
                let b = builtin_data(o).expect("builtin");
                if let Some(r) = self.call_builtin_plain(b, base, n, kwnames) {
                    return r;
                }
                self.call_builtin_checked(f, b, base, n, kwnames)
            }
            K_METHOD => {
                let (mf, recv) = (o.get(0), o.get(1));
                // A bound method of a builtin (`ap = l.append`): the call
                // `call_with_self` would make, without copying the
                // arguments up the stack.
                if let Some(b) = Obj::from_value(mf)
                    .filter(|m| m.kind() == K_BUILTIN)
                    .and_then(builtin_data)
                {
                    if let Some(r) = self.call_builtin_with_self(b, recv, base, n, kwnames) {
                        return r;
                    }
                }
                self.call_with_self(mf, recv, base, n, kwnames)
            }
            K_TYPE => self.call_type(f, base, n, kwnames),
            _ => self.call_instance(o, f, base, n, kwnames),
        }
    }

    /// A call of the builtin `f` (data `b`) that [`Vm::call_builtin_plain`]
    /// does not serve: its receiver, arity and `__new__` target checked
    /// first, with CPython's messages. Kept out of `call_non_python` so
    /// that the plain calls do not pay for its frame.
    #[inline(never)]
    fn call_builtin_checked(
        &mut self,
        f: Value,
        b: &'static Builtin,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> PyResult<Value> {
        let total = n + usize::from(b.bound.is_heap());
        if total == 0 && b.is_method {
            // A method descriptor called without its self argument
            // (`object.__dir__()`): the native code indexes a[0].
            let owner = if b.owner.is_heap() {
                type_name(b.owner)
            } else {
                String::new()
            };
            let name = b.name;
            return Err(self.type_error(&if is_slot_wrapper(name) {
                format!("descriptor '{name}' of '{owner}' object needs an argument")
            } else {
                format!("unbound method {owner}.{name}() needs an argument")
            }));
        }
        if b.is_method && !b.bound.is_heap() && b.owner.is_heap() {
            // A method descriptor called through its class
            // (`list.append(x, 1)`): the native code assumes its
            // receiver's layout, so check the receiver's type first.
            let recv = self.ctx.stack().slots_mut()[base + 1];
            let rt = self.type_of(recv);
            if rt != b.owner && b.owner != self.g.types.object && !self.is_subtype(rt, b.owner) {
                let (name, owner) = (b.name, type_name(b.owner));
                let tn = self.type_name_of(recv);
                let msg = if is_slot_wrapper(name) {
                    format!("descriptor '{name}' requires a '{owner}' object but received a '{tn}'")
                } else {
                    format!("descriptor '{name}' for '{owner}' objects doesn't apply to a '{tn}' object")
                };
                return Err(self.type_error(&msg));
            }
        }
        if !b.is_method && b.owner.is_heap() && b.name == "__new__" {
            self.check_new_target(f, b.owner, base, n)?;
        }
        let nkw = Obj::from_value(kwnames).map_or(0, |k| k.n_values());
        if total > 0 && nkw > 0 && b.arity.is_some() {
            // Methods of declared arity take no keywords: CPython's
            // METH_O/METH_NOARGS/fastcall methods name their owner type's
            // `__qualname__`, its slot wrappers only themselves.
            let (t, l) = (&self.g.types, b.owner);
            let plain = is_plain_method(b.name)
                || b.name == "__round__"
                || (b.name == "__getitem__" && (l == t.dict || l == t.list));
            let msg = if plain {
                let q = self.receiver_qualname(b, base);
                format!("{q}.{}() takes no keyword arguments", b.name)
            } else {
                format!("wrapper {}() takes no keyword arguments", b.name)
            };
            return Err(self.type_error(&msg));
        }
        if total > 0 && b.meth_arity {
            if let Some((lo, hi)) = b.arity {
                let got = total - 1;
                if got < lo || got > hi {
                    // CPython's wording, with the receiver type's qualname.
                    let q = format!("{}.{}", self.receiver_qualname(b, base), b.name);
                    let msg = if lo == hi && lo == 0 {
                        format!("{q}() takes no arguments ({got} given)")
                    } else if lo == hi && lo == 1 {
                        format!("{q}() takes exactly one argument ({got} given)")
                    } else {
                        let (what, lim) = if got < lo {
                            ("at least", lo)
                        } else {
                            ("at most", hi)
                        };
                        let s = if lim == 1 { "" } else { "s" };
                        format!("{}() takes {what} {lim} argument{s} ({got} given)", b.name)
                    };
                    return Err(self.type_error(&msg));
                }
                if b.name == "__format__" {
                    let spec = self.ctx.stack().slots_mut()[base + n];
                    if !is_str(spec) {
                        let tn = self.arg_type_name(spec);
                        return Err(self
                            .type_error(&format!("__format__() argument must be str, not {tn}")));
                    }
                }
            }
        } else if total > 0 {
            if let Some((lo, hi)) = b.arity {
                // Slot methods index their fixed arguments directly:
                // check the count here, once for all of them.
                let got = total - 1;
                if got < lo || got > hi {
                    let (t, l) = (&self.g.types, b.owner);
                    let msg = if b.name == "__getitem__" && (l == t.dict || l == t.list) {
                        // METH_O methods in CPython, not slot wrappers.
                        let on = type_name(l);
                        format!("{on}.__getitem__() takes exactly one argument ({got} given)")
                    } else {
                        // Wrappers of several arguments unpack them
                        // under an empty name: a leading space.
                        // Argument Clinic's __round__ names itself.
                        let sp = if b.name == "__round__" {
                            "__round__ "
                        } else if hi >= 2 {
                            " "
                        } else {
                            ""
                        };
                        let s = if lo == 1 { "" } else { "s" };
                        if lo == hi {
                            format!("{sp}expected {lo} argument{s}, got {got}")
                        } else if got < lo {
                            format!("{sp}expected at least {lo} argument{s}, got {got}")
                        } else {
                            let s = if hi == 1 { "" } else { "s" };
                            format!("{sp}expected at most {hi} argument{s}, got {got}")
                        }
                    };
                    return Err(self.type_error(&msg));
                }
            }
        }
        let mut buf = [Value::EMPTY; 10];
        let mut heap;
        let args: &mut [Value] = if total <= 10 {
            &mut buf[..total]
        } else {
            heap = vec![Value::EMPTY; total];
            &mut heap[..]
        };
        let off = if b.bound.is_heap() {
            args[0] = b.bound;
            1
        } else {
            0
        };
        copy_args_into(
            &mut args[off..],
            &self.ctx.stack().slots_mut()[base + 1..base + 1 + n],
        );
        self.run_native(b.f, args, kwnames)
    }

    /// A call of `f` (object `o`), an instance whose type may define
    /// `__call__`.
    #[inline(never)]
    fn call_instance(
        &mut self,
        o: Obj,
        f: Value,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> PyResult<Value> {
        let tp = o.class();
        if let Some(c) = self.lookup_type(tp, self.g.names.__call__) {
            // A native `__call__` defined by the object's own type
            // (operator.itemgetter, functools.partial...): called
            // with the receiver first, without binding a method
            // object. The arguments stay rooted on the stack.
            if let Some(b) = Obj::from_value(c)
                .filter(|x| x.kind() == K_BUILTIN)
                .and_then(builtin_data)
                .filter(|b| b.is_method && !b.bound.is_heap() && b.owner == tp && b.arity.is_none())
            {
                if n < 10 {
                    let mut buf = [Value::EMPTY; 10];
                    buf[0] = f;
                    buf[1..=n]
                        .copy_from_slice(&self.ctx.stack().slots_mut()[base + 1..base + 1 + n]);
                    return self.run_native(b.f, &buf[..=n], kwnames);
                }
            }
            if !Obj::from_value(c).is_some_and(|x| x.kind() == K_FUNCTION) {
                // Not a plain function (a builtin, a class, a
                // staticmethod...): bind it as a descriptor first.
                let args = self.stack_args(base, n);
                let bound = self.bind_descr(c, f, tp)?;
                // `__call__` may be another callable instance (even
                // one of this class): count the Rust recursion.
                self.native_depth += 1;
                let r = if self.native_depth > 200 + self.g.recursion_limit.load(Ordering::Relaxed)
                {
                    Err(self.new_exc(
                        self.g.e.RecursionError,
                        "maximum recursion depth exceeded while calling a Python object",
                    ))
                } else {
                    stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || {
                        self.call(bound, &args, kwnames)
                    })
                };
                self.native_depth -= 1;
                return r;
            }
            return self.call_with_self(c, f, base, n, kwnames);
        }
        let tn = self.type_name_of(f);
        Err(self.type_error(&format!("'{tn}' object is not callable")))
    }

    /// The usual builtin call, which needs none of `call_non_python`'s
    /// checks: no declared arity, at most [`PLAIN_ARGS`] arguments (the
    /// bound receiver included), and either a bound builtin (`ap =
    /// l.append`: binding checked its receiver) that is no type's
    /// `__new__`, a function that is no type's `__new__`, or a method given
    /// a receiver of exactly its owner type. None: another case (the
    /// general path checks it and raises what CPython raises).
    #[inline(always)]
    fn call_builtin_plain(
        &mut self,
        b: &'static Builtin,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> Option<PyResult<Value>> {
        if n > PLAIN_ARGS {
            return None;
        }
        // A slot method (`__setitem__` found on the type) given its
        // receiver and a count of arguments within its arity: nothing for
        // the general path to check beyond the receiver's type.
        if b.arity.is_some()
            && (n == 0
                || !method_takes(b, n - 1)
                || Obj::from_value(kwnames).is_some_and(|k| k.n_values() > 0))
        {
            return None;
        }
        let off = if b.bound.is_heap() {
            // `__new__` targets are checked by the general path.
            if n == PLAIN_ARGS || (!b.is_method && b.owner.is_heap()) {
                return None;
            }
            1
        } else {
            if b.is_method {
                if n == 0 {
                    return None;
                }
                if b.owner.is_heap() {
                    let recv = self.ctx.stack().slots_mut()[base + 1];
                    if self.type_of(recv) != b.owner {
                        return None;
                    }
                }
            } else if b.owner.is_heap() {
                return None;
            }
            0
        };
        let mut buf = [Value::EMPTY; PLAIN_ARGS];
        buf[0] = b.bound;
        // A bound call takes at most `PLAIN_ARGS - 1` arguments (above).
        copy_args_into(
            &mut buf[off..],
            &self.ctx.stack().slots_mut()[base + 1..base + 1 + n],
        );
        Some(self.run_native(b.f, &buf[..off + n], kwnames))
    }

    /// [`Vm::call_builtin_plain`] of the builtin `b` with the receiver
    /// `recv` before the `n` arguments above `base` (a bound method of a
    /// builtin): None when `b` is bound itself, declares an arity, takes
    /// more than [`PLAIN_ARGS`] arguments, is a function that is some
    /// type's `__new__`, or is a method and `recv` is not exactly of its
    /// owner type (`call_with_self` then makes the checked call).
    #[inline(always)]
    fn call_builtin_with_self(
        &mut self,
        b: &'static Builtin,
        recv: Value,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> Option<PyResult<Value>> {
        if b.bound.is_heap() || b.arity.is_some() || n >= PLAIN_ARGS {
            return None;
        }
        if b.is_method {
            if b.owner.is_heap() && self.type_of(recv) != b.owner {
                return None;
            }
        } else if b.owner.is_heap() {
            return None;
        }
        let mut buf = [Value::EMPTY; PLAIN_ARGS];
        buf[0] = recv;
        copy_args_into(
            &mut buf[1..],
            &self.ctx.stack().slots_mut()[base + 1..base + 1 + n],
        );
        Some(self.run_native(b.f, &buf[..=n], kwnames))
    }

    /// Calls a native function, counting the Rust recursion it may start.
    #[inline(always)]
    pub(crate) fn run_native(
        &mut self,
        f: NativeFn,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult<Value> {
        self.native_depth += 1;
        let r = if self.native_depth > 200 + self.g.recursion_limit.load(Ordering::Relaxed) {
            Err(self.new_exc(self.g.e.RecursionError, "maximum recursion depth exceeded"))
        } else {
            f(self, args, kwnames)
        };
        self.native_depth -= 1;
        r
    }

    fn stack_args(&mut self, base: usize, n: usize) -> Vec<Value> {
        self.ctx.stack().slots_mut()[base + 1..base + 1 + n].to_vec()
    }

    /// `cls(*args, **kw)`.
    fn call_type(&mut self, cls: Value, base: usize, n: usize, kwnames: Value) -> PyResult<Value> {
        if n == 0 && cls == self.g.types.super_ && !kwnames.is_heap() {
            if let Some(r) = self.call_super_zero() {
                return r;
            }
        }
        let t = &self.g.types;
        // `dict()`, `list()`, `set()`, `tuple()`: the empty object their
        // `__new__` and `__init__` make between them, without the calls.
        if n == 0 && !kwnames.is_heap() {
            if cls == t.dict {
                return Ok(self.new_dict());
            }
            if cls == t.list {
                return Ok(self.new_list(&[]));
            }
            if cls == t.set {
                return Ok(self.new_set(false));
            }
            if cls == t.tuple {
                return Ok(self.new_tuple(&[]));
            }
        }
        if n == 1 && !kwnames.is_heap() {
            let a = self.ctx.stack().slots_mut()[base + 1];
            if cls == t.type_ {
                return Ok(self.type_of(a));
            }
            // `str(x)`: the conversion itself, without `str.__new__`'s
            // argument parsing (what it does for one positional argument).
            if cls == t.str_ {
                return self.str(a);
            }
            // `bool(x)`: the truth test itself.
            if cls == t.bool_ {
                return Ok(Value::bool(self.truthy(a)?));
            }
            // `tuple(x)`: an exact tuple itself, else a tuple of x's items.
            if cls == t.tuple {
                if Obj::from_value(a).is_some_and(|o| o.kind() == Kind::TUPLE && o.class() == cls) {
                    return Ok(a);
                }
                let items = self.collect(a)?;
                return Ok(self.new_tuple(&items));
            }
            // `float(x)` of an immediate float (itself) or int (its nearest
            // float, as `int.__float__` rounds).
            if cls == t.float {
                if a.is_float() {
                    return Ok(a);
                }
                if a.is_int() {
                    return Ok(self.new_float(a.int_unchecked() as f64));
                }
            }
        }
        // `range(stop)`, `range(start, stop[, step])` of small ints: the
        // object `range.__new__` makes, without its argument parsing.
        if cls == t.range && !kwnames.is_heap() && (1..=3).contains(&n) {
            let a = &self.ctx.stack().slots_mut()[base + 1..base + 1 + n];
            if a.iter().all(|v| v.is_int()) {
                let (start, stop, step) = match *a {
                    [stop] => (Value::int(0), stop, Value::int(1)),
                    [start, stop] => (start, stop, Value::int(1)),
                    [start, stop, step] => (start, stop, step),
                    _ => unreachable!("1 to 3 arguments"),
                };
                if step != Value::int(0) {
                    return Ok(self.new_range(start, stop, step));
                }
            }
        }
        let meta = self.type_of(cls);
        if meta != self.g.types.type_ {
            if let Some(c) = self.lookup_type(meta, self.g.names.__call__) {
                if Obj::from_value(c).is_some_and(|x| x.kind() == K_FUNCTION) {
                    return self.call_with_self(c, cls, base, n, kwnames);
                }
                if Some(c) != self.lookup_type(self.g.types.type_, self.g.names.__call__) {
                    let args = self.stack_args(base, n);
                    let bound = self.bind_descr(c, cls, meta)?;
                    return self.call(bound, &args, kwnames);
                }
            }
        }
        self.type_call_default(cls, base, n, kwnames)
    }

    /// `__new__`/`__init__` of class `cls` as `type.__call__` resolves
    /// them, from this thread's cache while the class's version is current
    /// (the values are then still in the MRO's dicts of the live class;
    /// versions are never reused, so a class allocated at a recycled
    /// address misses).
    fn ctor_lookup(&mut self, cls: Value) -> Ctor {
        // `cls` is a class (type.__call__'s receiver); the kind check keeps
        // the raw version word read inside a type.
        let version = Obj::from_value(cls)
            .filter(|t| t.kind() == K_TYPE)
            .map_or(0, |t| self.type_version(t));
        // Type objects span several cells, so their low address bits repeat:
        // a multiplicative mix spreads them over the slots.
        let slot = (cls.bits().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59) as usize;
        if let Some((t, e, c)) = self.ctor_cache.0[slot] {
            if t == cls.bits() && e == version && version != 0 {
                return c;
            }
        }
        let new = self.lookup_type(cls, self.g.names.__new__);
        let init = self.lookup_type(cls, self.g.names.__init__);
        let c = Ctor {
            new,
            init,
            new_is_object: new.is_none() || new == self.object_attr(self.g.names.__new__),
            init_is_object: init.is_none() || init == self.object_attr(self.g.names.__init__),
        };
        self.ctor_cache.0[slot] = Some((cls.bits(), version, c));
        c
    }

    /// Calls `f(first, *args)` where the `n` argument values (keyword
    /// values last, names in `kwnames`) sit above stack slot `base`: the
    /// call is laid out above the stack top without a heap copy (bound
    /// methods, `__call__`, a metaclass's `__call__`, `__new__`, `__init__`).
    fn call_with_self(
        &mut self,
        f: Value,
        first: Value,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> PyResult<Value> {
        let top = self.ctx.stack().top();
        let nb = top.max(base + 2 + n + usize::from(kwnames.is_heap()));
        self.ctx.stack().set_top(nb + n + 2 + 1);
        {
            let st = self.ctx.stack().slots_mut();
            st[nb] = f;
            st[nb + 1] = first;
            copy_args(st, base + 1, nb + 2, n);
        }
        let r = self.call_on_stack(nb, n + 1, kwnames);
        self.ctx.stack().set_top(top);
        r
    }

    /// The type part of the name CPython's argument errors give builtin
    /// method `b`: the `__qualname__` of its receiver's type ("Decimal", not
    /// "decimal.Decimal"). CPython names the defining type instead when the
    /// method is called through its descriptor (`(1).__reduce_ex__()`:
    /// "object.__reduce_ex__()"); ProtoPy defines some such methods on other
    /// types than CPython (`__sizeof__` on object only), so the receiver's
    /// type is the closer answer here.
    fn receiver_qualname(&mut self, b: &Builtin, base: usize) -> String {
        let recv = if b.bound.is_heap() {
            b.bound
        } else {
            self.ctx.stack().slots_mut()[base + 1]
        };
        self.type_qualname_of(recv)
    }

    /// `cls(*args)` through a builtin `__new__` that `cls` itself owns,
    /// with a few positional arguments and no declared arity (`Decimal(x)`):
    /// the native code called directly. What `call_builtin_checked` checks
    /// first holds already (a static method, its target its owner), so only
    /// the general path's frames are saved. None when that does not apply.
    #[inline]
    fn call_own_builtin_new(
        &mut self,
        newf: Value,
        cls: Value,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> Option<PyResult<Value>> {
        let b = Obj::from_value(newf)
            .filter(|o| o.kind() == K_BUILTIN)
            .and_then(builtin_data)?;
        if b.is_method
            || b.bound.is_heap()
            || b.owner != cls
            || b.arity.is_some()
            || kwnames.is_heap()
            || n >= PLAIN_ARGS
        {
            return None;
        }
        // `cls` and the arguments stay rooted where the caller put them.
        let mut buf = [Value::EMPTY; PLAIN_ARGS];
        buf[0] = cls;
        buf[1..=n].copy_from_slice(&self.ctx.stack().slots_mut()[base + 1..base + 1 + n]);
        Some(self.run_native(b.f, &buf[..=n], Value::EMPTY))
    }

    /// `super()` (no arguments): super's own native `__new__` and
    /// `__init__` called directly, without the general type call's
    /// constructor lookup and `__init__` binding (`super` is a builtin type:
    /// no class can replace its methods). The caller's frame, which the
    /// zero-argument form reads, is still the last one. None when either
    /// method is not the plain native kind this expects.
    fn call_super_zero(&mut self) -> Option<PyResult<Value>> {
        let cls = self.g.types.super_;
        let found = match self.g.super_ctor.get() {
            Some(f) => *f,
            None => {
                let f = self.find_super_ctor(cls);
                *self.g.super_ctor.get_or_init(|| f)
            }
        };
        let (new, init) = found?;
        let s = match self.run_native(new, &[cls], Value::EMPTY) {
            Ok(s) => s,
            Err(e) => return Some(Err(e)),
        };
        let mark = self.push_root(s);
        let r = self.run_native(init, &[s], Value::EMPTY);
        self.pop_roots(mark);
        Some(r.map(|_| s))
    }

    /// `super`'s native `__new__` and `__init__` functions, when they are
    /// the plain kinds [`Vm::call_super_zero`] calls directly.
    #[cold]
    fn find_super_ctor(&self, cls: Value) -> Option<(NativeFn, NativeFn)> {
        // `__new__` is stored as a staticmethod wrapping the builtin.
        let native = |name: Value| {
            self.lookup_type(cls, name)
                .and_then(Obj::from_value)
                .and_then(|o| {
                    if o.kind() == K_WRAPPER && o.class() == self.g.types.staticmethod {
                        Obj::from_value(o.get(0))
                    } else {
                        Some(o)
                    }
                })
                .filter(|o| o.kind() == K_BUILTIN)
                .and_then(builtin_data)
                .filter(|b| !b.bound.is_heap() && b.owner == cls)
        };
        let newb = native(self.g.names.__new__).filter(|b| !b.is_method)?;
        let initb = native(self.g.names.__init__).filter(|b| method_takes(b, 0))?;
        Some((newb.f, initb.f))
    }

    /// `__init__` that is a descriptor object (a property, an instance
    /// with `__get__`): bound with its `__get__` first, as CPython's
    /// slot_tp_init does, then called with the arguments at `base + 1`.
    #[cold]
    fn call_init_descriptor(
        &mut self,
        initf: Value,
        inst: Value,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> PyResult<Value> {
        let cls = self.type_of(inst);
        let Some(get) =
            Obj::from_value(initf).and_then(|o| self.lookup_type(o.class(), self.g.names.__get__))
        else {
            return self.call_with_self(initf, inst, base, n, kwnames);
        };
        let mark = self.push_root(inst);
        let r = match self.call(get, &[initf, inst, cls], Value::EMPTY) {
            Ok(bound) => {
                self.push_root(bound);
                let args: Vec<Value> =
                    self.ctx.stack().slots_mut()[base + 1..base + 1 + n].to_vec();
                self.call(bound, &args, kwnames)
            }
            Err(e) => Err(e),
        };
        self.pop_roots(mark);
        r
    }

    /// type.__call__: `__new__` then `__init__`.
    pub fn type_call_default(
        &mut self,
        cls: Value,
        base: usize,
        n: usize,
        kwnames: Value,
    ) -> PyResult<Value> {
        let co = Obj::from_value(cls).expect("type");
        if type_flags(co) & TF_ABSTRACT != 0 || co.class() != self.g.types.type_ {
            // (A metaclass finds type's own `__abstractmethods__` getset.)
            let ab = self
                .lookup_type(cls, self.g.names.__abstractmethods__)
                .filter(|&v| !Obj::from_value(v).is_some_and(|o| o.kind() == K_PROPERTY));
            if let Some(ab) = ab {
                let mut names: Vec<String> = self
                    .collect(ab)?
                    .into_iter()
                    .map(|v| str_of(v).into_owned())
                    .collect();
                if !names.is_empty() {
                    names.sort();
                    let qn = str_of(co.get(T_NAME)).into_owned();
                    let plural = if names.len() > 1 { "s" } else { "" };
                    let list = names.join(", ");
                    return Err(self.type_error(&format!(
                        "Can't instantiate abstract class {qn} with abstract method{plural} {list}"
                    )));
                }
            }
        }
        let Ctor {
            new,
            init,
            new_is_object,
            init_is_object,
        } = self.ctor_lookup(cls);
        let inst = if new_is_object {
            if init_is_object && n > 0 {
                let qn = type_name(cls);
                return Err(self.type_error(&format!("{qn}() takes no arguments")));
            }
            self.alloc_instance(cls, &[])?
        } else {
            let newf = new.expect("new");
            let newf = match Obj::from_value(newf) {
                // An explicit `@classmethod __new__` gets the class bound.
                Some(o) if o.kind() == K_WRAPPER && o.class() == self.g.types.classmethod => {
                    self.new_method(o.get(0), cls)
                }
                Some(o) if o.kind() == K_WRAPPER => o.get(0),
                _ => newf,
            };
            let r = match self.call_own_builtin_new(newf, cls, base, n, kwnames) {
                Some(r) => r?,
                None => self.call_with_self(newf, cls, base, n, kwnames)?,
            };
            if !self.isinstance(r, cls) {
                return Ok(r);
            }
            // A builtin's `__new__` (tuple, str, bytes, array...) made an
            // instance of a class with `__del__`: listed as `alloc_instance`
            // lists its own (listing twice is harmless). A plain instance
            // came from `alloc_instance`; one with a native payload (array)
            // from its type's own allocator.
            if Obj::from_value(r).is_some_and(|o| {
                (o.kind() != K_INSTANCE || o.is_native())
                    && Obj::from_value(o.class()).is_some_and(|c| type_flags(c) & TF_HAS_DEL != 0)
            }) {
                super::finalize::register(self, r);
            }
            r
        };
        // `__new__` may return an instance of a subclass: its own `__init__`
        // runs (CPython's type_call uses the instance's type).
        let (init, init_is_object) = if !new_is_object && self.type_of(inst) != cls {
            let c = self.ctor_lookup(self.type_of(inst));
            (c.init, c.init_is_object)
        } else {
            (init, init_is_object)
        };
        if let Some(initf) = init {
            // object.__init__ after a __new__ of the class's own accepts
            // and ignores the arguments: no call needed.
            if !init_is_object {
                let r = if Obj::from_value(initf)
                    .is_some_and(|o| o.kind() == K_INSTANCE || o.kind() == K_PROPERTY)
                {
                    self.call_init_descriptor(initf, inst, base, n, kwnames)?
                } else {
                    self.call_with_self(initf, inst, base, n, kwnames)?
                };
                if !r.is_none() {
                    let tn = self.type_name_of(r);
                    return Err(
                        self.type_error(&format!("__init__() should return None, not '{tn}'"))
                    );
                }
            }
        }
        Ok(inst)
    }

    /// The checks CPython's `tp_new_wrapper` makes before a builtin type's
    /// `__new__` (`owner.__new__`, the builtin `f`, called with `n`
    /// arguments at `base + 1`) runs: its first argument must be a subtype
    /// of `owner` whose nearest builtin ancestor creates its instances with
    /// this same `__new__` — native code assumes that layout.
    fn check_new_target(&mut self, f: Value, owner: Value, base: usize, n: usize) -> PyResult<()> {
        if n == 0 {
            let on = type_name(owner);
            return Err(self.type_error(&format!("{on}.__new__(): not enough arguments")));
        }
        let sub = self.ctx.stack().slots_mut()[base + 1];
        // The common case first, with no lookup and no allocation.
        if sub == owner {
            return Ok(());
        }
        let Some(so) = Obj::from_value(sub).filter(|o| o.kind() == K_TYPE) else {
            let (on, tn) = (type_name(owner), self.type_name_of(sub));
            return Err(self.type_error(&format!("{on}.__new__(X): X is not a type object ({tn})")));
        };
        if !self.is_subtype(sub, owner) {
            let (on, sn) = (type_name(owner), type_name(sub));
            return Err(self.type_error(&format!(
                "{on}.__new__({sn}): {sn} is not a subtype of {on}"
            )));
        }
        // The nearest class on the solid-base chain whose `__new__` is not
        // written in Python must create its instances with this one.
        let mut sb = so;
        loop {
            if sb.value() == owner {
                return Ok(());
            }
            let new = self.lookup_type(sb.value(), self.g.names.__new__);
            let new = match new.and_then(Obj::from_value) {
                Some(w) if w.kind() == K_WRAPPER => w.get(0),
                _ => new.unwrap_or(Value::NONE),
            };
            // Any `__new__` but a builtin's is Python-level (CPython's
            // `slot_tp_new`): a function, or a callable object such as
            // `functools.lru_cache`'s wrapper around one.
            let python_new = Obj::from_value(new).is_some_and(|o| o.kind() != K_BUILTIN);
            if type_flags(sb) & TF_HEAP != 0 && python_new {
                if let Some(b) = Obj::from_value(sb.get(T_BASE)).filter(|o| o.kind() == K_TYPE) {
                    sb = b;
                    continue;
                }
            }
            if new == f {
                return Ok(());
            }
            let (on, sn, bn) = (type_name(owner), type_name(sub), type_name(sb.value()));
            return Err(self.type_error(&format!(
                "{on}.__new__({sn}) is not safe, use {bn}.__new__()"
            )));
        }
    }

    /// object.__new__(cls): allocates an instance with cls's layout.
    pub fn alloc_instance(&mut self, cls: Value, args: &[Value]) -> PyResult<Value> {
        let co = Obj::from_value(cls).expect("type");
        let v = match type_layout(co) {
            K_INSTANCE if cls == self.g.types.object => self.alloc_obj(K_MISC, cls, 0, 0).value(),
            K_INSTANCE if let Some(cap) = shaped_room(co) => {
                // Attributes inline, under the empty shape (`shape.rs`).
                let o = self.alloc_obj(K_INSTANCE, cls, 1 + cap, 0);
                o.init(0, shape::root_word());
                o.value()
            }
            K_INSTANCE => {
                let o = self.alloc_obj(K_INSTANCE, cls, 1 + type_nslots(co), 0);
                // Instances of a class whose instances got attributes get
                // their dict now, at the size they reached: `__init__`'s
                // first store then takes the inline cache's fast path.
                let hint = type_dict_hint(co);
                if hint > 0 && type_flags(co) & (TF_NODICT | TF_LOCAL) == 0 {
                    let d = self.new_instance_dict(hint);
                    // Both are fresh and local: no barrier.
                    o.init(0, d);
                }
                o.value()
            }
            K_EXC => {
                let a = self.new_tuple(args);
                self.alloc_exc(cls, a)
            }
            // Subclass instances: [storage, dict, __slots__ values...].
            Kind::LIST => llist::alloc_with_extra(&mut self.ctx, cls, 0, type_nslots(co)),
            Kind::DICT => {
                ldict::alloc_with_extra(&mut self.ctx, Kind::DICT, cls, 5, type_nslots(co))
            }
            Kind::SET => ldict::alloc_with_extra(&mut self.ctx, Kind::SET, cls, 5, type_nslots(co)),
            _ => {
                let qn = type_name(cls);
                return Err(self.type_error(&format!("cannot create '{qn}' instances")));
            }
        };
        if type_flags(co) & TF_HAS_DEL != 0 {
            super::finalize::register(self, v);
        }
        Ok(v)
    }

    // ------------------------------------------------------------------ Python functions

    /// CALL of a plain class — metaclass `type`, `object.__new__`, and a
    /// Python `__init__` taking the `n` arguments positionally (the simple
    /// case of [`Vm::push_simple_frame`]) — without a nested interpreter
    /// loop: the instance replaces the class in stack slots `fpos` (the
    /// call's result slot) and `fpos + 1` (`__init__`'s self, the arguments
    /// follow), and `__init__`'s frame is pushed marked `init`. False, with
    /// the slots as they were, when the call is not of that kind.
    pub(crate) fn push_init_frame(&mut self, cls: Obj, fpos: usize, n: usize) -> bool {
        if cls.kind() != K_TYPE
            || cls.class() != self.g.types.type_
            || type_flags(cls) & (TF_HEAP | TF_ABSTRACT) != TF_HEAP
            || type_layout(cls) != K_INSTANCE
        {
            return false;
        }
        let c = self.ctor_lookup(cls.value());
        if !c.new_is_object || c.init_is_object {
            return false;
        }
        let Some(init) = c
            .init
            .and_then(Obj::from_value)
            .filter(|f| f.kind() == K_FUNCTION)
        else {
            return false;
        };
        if code_data(init.get(FN_CODE)).is_none_or(|cd| cd.simple_argc != n + 1) {
            return false;
        }
        let Ok(inst) = self.alloc_instance(cls.value(), &[]) else {
            return false;
        };
        let st = self.ctx.stack().slots_mut();
        st[fpos] = inst;
        st[fpos + 1] = inst;
        if !self.push_simple_frame(init, fpos + 1, n + 1) {
            let st = self.ctx.stack().slots_mut();
            st[fpos] = cls.value();
            st[fpos + 1] = cls.value();
            return false;
        }
        self.frames.last_mut().expect("pushed").init = true;
        true
    }

    /// The common case of [`Vm::push_function_frame`], inlined into CALL:
    /// positional arguments only, `argcount` of them or fewer with the
    /// rest from the function's defaults, no `*args` / `**kwargs` /
    /// keyword-only parameters, no cells, not a generator.
    /// Returns false (having done nothing) when the call is not that case,
    /// or when a limit would be hit (the general path raises the error).
    #[inline(always)]
    pub(crate) fn push_simple_frame(&mut self, func: Obj, args_at: usize, n: usize) -> bool {
        self.push_simple_frame_as(func, args_at, n, false)
    }

    /// [`Vm::push_simple_frame`]; `entry`: the frame is the first of a
    /// `run` (its return ends that run), as `push_function_frame`'s.
    #[inline(always)]
    fn push_simple_frame_as(&mut self, func: Obj, args_at: usize, n: usize, entry: bool) -> bool {
        let Some(cd) = code_data(func.get(FN_CODE)) else {
            return false;
        };
        let argc = cd.simple_argc;
        // Trailing parameters the call leaves to the defaults tuple.
        let mut defaults = None;
        if argc != n {
            if argc == usize::MAX {
                return false;
            }
            defaults = self.positional_defaults(func, &cd.code, n, Value::EMPTY);
            if defaults.is_none() {
                return false;
            }
        }
        if self.frames.len() >= self.g.recursion_limit.load(Ordering::Relaxed) {
            return false;
        }
        let fbase = self.ctx.stack().top().max(args_at + n);
        if fbase + cd.extent + 64 >= self.ctx.stack().capacity() {
            return false;
        }
        let globals = func.get(FN_GLOBALS);
        let Some(globals_o) = Obj::from_value(globals) else {
            return false;
        };
        self.ctx.stack().set_top(fbase + cd.extent);
        let locals = fbase + FRAME_HEADER;
        let st = self.ctx.stack().slots_mut();
        debug_assert!(args_at + n <= fbase && FRAME_HEADER + n <= cd.extent);
        // SAFETY: `fbase + extent + 64 < capacity` (checked above) bounds
        // every slot written: the header's two at `fbase`, the arguments'
        // copies at `locals..locals + n` (`n` is the code's argument count,
        // below `nlocals`, inside `extent`), and their sources below
        // `args_at + n <= fbase`.
        unsafe {
            *st.get_unchecked_mut(fbase) = func.value();
            *st.get_unchecked_mut(fbase + 1) = globals;
            copy_args_unchecked(st, args_at, locals, n);
        }
        if let Some(d) = defaults {
            fill_defaults(st, locals, n, argc, d);
        }
        let builtins = self.builtins_for(globals_o);
        self.frames.push(Frame::fresh(
            cd,
            fbase,
            locals + cd.nlocals,
            entry,
            globals_o,
            builtins,
        ));
        true
    }

    /// Creates a frame for function `func` with `n` arguments starting at
    /// stack slot `args_at` (keyword values last, names in `kwnames`).
    /// For generator functions, creates the generator instead and stores it
    /// at slot `args_at - 1` without pushing a frame.
    pub fn push_function_frame(
        &mut self,
        func: Obj,
        args_at: usize,
        n: usize,
        kwnames: Value,
        entry: bool,
    ) -> PyResult<()> {
        let code_v = func.get(FN_CODE);
        let cd = self.code_body(code_v).expect("code");
        let code = &*cd.code;
        if self.frames.len() >= self.g.recursion_limit.load(Ordering::Relaxed) {
            return Err(self.new_exc(self.g.e.RecursionError, "maximum recursion depth exceeded"));
        }
        let top = self
            .ctx
            .stack()
            .top()
            .max(args_at + n + usize::from(kwnames.is_heap()));
        let fbase = top;
        if fbase + cd.extent + 64 >= self.ctx.stack().capacity() {
            return Err(self.new_exc(self.g.e.RecursionError, "maximum recursion depth exceeded"));
        }
        self.ctx.stack().set_top(fbase + cd.extent);
        let locals = fbase + FRAME_HEADER;
        let globals = func.get(FN_GLOBALS);
        {
            let st = self.ctx.stack().slots_mut();
            st[fbase] = func.value();
            st[fbase + 1] = globals;
        }
        let argc = code.argcount as usize;
        let simple = !kwnames.is_heap()
            && n == argc
            && code.kwonlyargcount == 0
            && code.flags.0 & (CodeFlags::VARARGS.0 | CodeFlags::VARKEYWORDS.0) == 0;
        if simple {
            let st = self.ctx.stack().slots_mut();
            copy_args(st, args_at, locals, n);
        } else if !kwnames.is_heap()
            && code.kwonlyargcount == 0
            && code.flags.0 & (CodeFlags::VARARGS.0 | CodeFlags::VARKEYWORDS.0) != 0
            && (n == argc || (n > argc && code.flags.contains(CodeFlags::VARARGS)))
        {
            // `def f(a, *rest, **kw)` (either star) called with positional
            // arguments only: the surplus becomes the `*rest` tuple, `kw`
            // an empty dict (each stored in the frame, rooted, before the
            // next allocation; the arguments stay on the stack, rooted).
            let mut at = locals + argc;
            if code.flags.contains(CodeFlags::VARARGS) {
                let mut buf = [Value::EMPTY; 8];
                let src = &self.ctx.stack().slots_mut()[args_at + argc..args_at + n];
                let t = if src.len() <= buf.len() {
                    let k = src.len();
                    buf[..k].copy_from_slice(src);
                    self.new_tuple(&buf[..k])
                } else {
                    let rest = src.to_vec();
                    self.new_tuple(&rest)
                };
                self.ctx.stack().slots_mut()[at] = t;
                at += 1;
            }
            if code.flags.contains(CodeFlags::VARKEYWORDS) {
                // No table: such a dict is mostly passed on or read, and
                // grows as any dict when written.
                let d = self.new_dict();
                self.ctx.stack().slots_mut()[at] = d;
            }
            copy_args(self.ctx.stack().slots_mut(), args_at, locals, argc);
        } else if self.bind_positional_defaults(func, code, args_at, n, kwnames, locals)
            || self.bind_keywords(func, cd, args_at, n, kwnames, locals)
        {
        } else if let Err(e) = self.bind_args(func, cd, args_at, n, kwnames, locals) {
            self.ctx.stack().set_top(top.min(fbase));
            return Err(e);
        }
        // Cells.
        if cd.ncells > 0 {
            let cells = locals + cd.nlocals;
            for (i, c2a) in code.cell2arg.iter().enumerate() {
                let init = match c2a {
                    Some(a) => self.ctx.stack().slots_mut()[locals + *a as usize],
                    None => Value::EMPTY,
                };
                let c = self.new_cell(init);
                self.ctx.stack().slots_mut()[cells + i] = c;
            }
            for i in code.cell2arg.len()..code.cellvars.len() {
                let c = self.new_cell(Value::EMPTY);
                self.ctx.stack().slots_mut()[cells + i] = c;
            }
            let closure = func.get(FN_CLOSURE);
            if let Some(co) = Obj::from_value(closure) {
                for i in 0..code.freevars.len().min(co.n_values()) {
                    let c = co.get(i);
                    self.ctx.stack().slots_mut()[cells + code.cellvars.len() + i] = c;
                }
            }
        }
        let globals_o = Obj::from_value(globals).expect("globals");
        let builtins = self.builtins_for(globals_o);
        let sp = locals + cd.nlocals + cd.ncells;
        if code.flags.0
            & (CodeFlags::GENERATOR.0 | CodeFlags::COROUTINE.0 | CodeFlags::ASYNC_GENERATOR.0)
            != 0
        {
            let g = self.make_generator(func, cd, fbase, sp);
            self.ctx.stack().set_top(top);
            self.ctx.stack().slots_mut()[args_at - 1] = g;
            return Ok(());
        }
        self.frames
            .push(Frame::fresh(cd, fbase, sp, entry, globals_o, builtins));
        Ok(())
    }

    /// The defaults tuple when a call of `func` with `n` positional
    /// arguments and no keywords binds by position plus trailing defaults
    /// (no `*args`, `**kwargs` or keyword-only parameters, enough defaults).
    #[inline(always)]
    fn positional_defaults(
        &self,
        func: Obj,
        code: &CodeObject,
        n: usize,
        kwnames: Value,
    ) -> Option<Obj> {
        let argc = code.argcount as usize;
        if kwnames.is_heap()
            || n >= argc
            || code.kwonlyargcount != 0
            || code.flags.0 & (CodeFlags::VARARGS.0 | CodeFlags::VARKEYWORDS.0) != 0
        {
            return None;
        }
        let d = Obj::from_value(func.get(FN_DEFAULTS)).filter(|o| o.kind() == Kind::TUPLE)?;
        (n + d.n_values() >= argc && d.n_values() <= argc).then_some(d)
    }

    /// Binds a call of `func` by position plus trailing defaults when that
    /// is all it needs ([`Self::positional_defaults`]); `false` leaves the
    /// frame to `bind_args`. Kept out of line: the interpreter inlines the
    /// simple-call path around it.
    #[inline(never)]
    fn bind_positional_defaults(
        &mut self,
        func: Obj,
        code: &CodeObject,
        args_at: usize,
        n: usize,
        kwnames: Value,
        locals: usize,
    ) -> bool {
        let Some(defaults) = self.positional_defaults(func, code, n, kwnames) else {
            return false;
        };
        let st = self.ctx.stack().slots_mut();
        copy_args(st, args_at, locals, n);
        fill_defaults(st, locals, n, code.argcount as usize, defaults);
        true
    }

    /// Binds a call with keywords straight into the frame's parameter
    /// slots when that needs no error and no allocation: no `*args` or
    /// `**kwargs` parameter, no more positional arguments than parameters,
    /// every keyword the very name object of a parameter after the
    /// positional-only ones (the compiler's and the caller's names are
    /// both interned) and given once, every parameter left unfilled
    /// having a default. `false` leaves the slots EMPTY again, for
    /// [`Self::bind_args`] to bind (and report) the general way.
    #[inline(never)]
    fn bind_keywords(
        &mut self,
        func: Obj,
        cd: &'static CodeData,
        args_at: usize,
        n: usize,
        kwnames: Value,
        locals: usize,
    ) -> bool {
        let code = &*cd.code;
        let Some(ko) = Obj::from_value(kwnames) else {
            return false;
        };
        if code.flags.0 & (CodeFlags::VARARGS.0 | CodeFlags::VARKEYWORDS.0) != 0 {
            return false;
        }
        let argc = code.argcount as usize;
        let posonly = code.posonlyargcount as usize;
        let nparams = argc + code.kwonlyargcount as usize;
        let nkw = ko.n_values();
        let npos = n - nkw;
        if npos > argc || nparams > cd.varnames.len() {
            return false;
        }
        let names = &cd.varnames[posonly..nparams];
        // The slots from `locals` on are above the caller's arguments and
        // EMPTY (the stack above its top always is).
        let st = self.ctx.stack().slots_mut();
        copy_args(st, args_at, locals, npos);
        let mut ok = true;
        for i in 0..nkw {
            let k = ko.get(i);
            match names.iter().position(|&x| x == k) {
                Some(j) if st[locals + posonly + j].is_empty() => {
                    st[locals + posonly + j] = st[args_at + npos + i];
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            let defaults =
                Obj::from_value(func.get(FN_DEFAULTS)).filter(|o| o.kind() == Kind::TUPLE);
            let ndef = defaults.map_or(0, |o| o.n_values()).min(argc);
            for i in npos..argc {
                if st[locals + i].is_empty() {
                    match defaults {
                        Some(d) if i >= argc - ndef => {
                            st[locals + i] = d.get(i + d.n_values() - argc)
                        }
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
            }
        }
        if ok && nparams > argc {
            let kwd = func.get(FN_KWDEFAULTS);
            for i in argc..nparams {
                if self.ctx.stack().slots_mut()[locals + i].is_empty() {
                    let d = if kwd.is_heap() {
                        self.dict_get_str(kwd, cd.varnames[i])
                    } else {
                        None
                    };
                    match d {
                        Some(v) => self.ctx.stack().slots_mut()[locals + i] = v,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
            }
        }
        if !ok {
            self.ctx.stack().slots_mut()[locals..locals + nparams].fill(Value::EMPTY);
        }
        ok
    }

    /// The builtins dict for a globals dict.
    #[inline]
    pub fn builtins_for(&self, _globals: Obj) -> Obj {
        Obj::from_value(self.g.builtins).expect("builtins")
    }

    fn bind_args(
        &mut self,
        func: Obj,
        cd: &'static CodeData,
        args_at: usize,
        n: usize,
        kwnames: Value,
        locals: usize,
    ) -> PyResult<()> {
        let code = &*cd.code;
        let argc = code.argcount as usize;
        let posonly = code.posonlyargcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let has_varargs = code.flags.contains(CodeFlags::VARARGS);
        let has_varkw = code.flags.contains(CodeFlags::VARKEYWORDS);
        let nkw = Obj::from_value(kwnames).map(|o| o.n_values()).unwrap_or(0);
        let npos = n - nkw;
        // The qualified name is only formatted into error messages.
        let fname = QualName(func);
        // Arguments and parameter slots: on the native stack for the usual
        // counts (no allocation per call), on the heap beyond.
        let mut abuf = [Value::EMPTY; 16];
        let args_heap: Vec<Value>;
        let args: &[Value] = if n <= abuf.len() {
            abuf[..n].copy_from_slice(&self.ctx.stack().slots_mut()[args_at..args_at + n]);
            &abuf[..n]
        } else {
            args_heap = self.ctx.stack().slots_mut()[args_at..args_at + n].to_vec();
            &args_heap
        };
        let mut sbuf = [Value::EMPTY; 16];
        let mut slots_heap: Vec<Value>;
        let slots: &mut [Value] = if argc + kwonly <= sbuf.len() {
            &mut sbuf[..argc + kwonly]
        } else {
            slots_heap = vec![Value::EMPTY; argc + kwonly];
            &mut slots_heap
        };
        let given = npos.min(argc);
        slots[..given].copy_from_slice(&args[..given]);
        let varargs_idx = argc + kwonly;
        let varkw_idx = varargs_idx + usize::from(has_varargs);
        let mut extra_kw: Option<Value> = None;
        if has_varkw {
            let d = self.new_dict();
            self.ctx.stack().slots_mut()[locals + varkw_idx] = d;
            extra_kw = Some(d);
        }
        if npos > argc {
            if has_varargs {
                let t = self.new_tuple(&args[argc..npos]);
                self.ctx.stack().slots_mut()[locals + varargs_idx] = t;
            } else {
                let ndef = Obj::from_value(func.get(FN_DEFAULTS))
                    .map(|o| o.n_values())
                    .unwrap_or(0);
                let kwgiven = (0..nkw)
                    .filter(|&i| {
                        let k = Obj::from_value(kwnames).expect("k").get(i);
                        cd.varnames[argc..argc + kwonly].contains(&k)
                    })
                    .count();
                let takes = if ndef > 0 {
                    format!(
                        "from {} to {} positional arguments",
                        argc - ndef.min(argc),
                        argc
                    )
                } else {
                    format!(
                        "{} positional argument{}",
                        argc,
                        if argc == 1 { "" } else { "s" }
                    )
                };
                let msg = if kwgiven > 0 {
                    format!("{}() takes {} but {} positional argument{} (and {} keyword-only argument{}) were given", fname, takes, npos, if npos == 1 { "" } else { "s" }, kwgiven, if kwgiven == 1 { "" } else { "s" })
                } else if ndef > 0 {
                    format!(
                        "{}() takes {} but {} {} given",
                        fname,
                        takes,
                        npos,
                        if npos == 1 { "was" } else { "were" }
                    )
                } else {
                    format!(
                        "{}() takes {} positional argument{} but {} {} given",
                        fname,
                        argc,
                        if argc == 1 { "" } else { "s" },
                        npos,
                        if npos == 1 { "was" } else { "were" }
                    )
                };
                return Err(self.type_error(&msg));
            }
        } else if has_varargs {
            let t = self.new_tuple(&[]);
            self.ctx.stack().slots_mut()[locals + varargs_idx] = t;
        }
        // Keywords.
        if let Some(ko) = Obj::from_value(kwnames) {
            let mut posonly_kw = Vec::new();
            for i in 0..nkw {
                let k = ko.get(i);
                let v = args[npos + i];
                let mut idx = cd.varnames[..argc + kwonly].iter().position(|&x| x == k);
                if idx.is_none() {
                    let kb = str_bytes(k);
                    idx = cd.varnames[..argc + kwonly]
                        .iter()
                        .position(|&x| str_bytes(x) == kb);
                }
                match idx {
                    Some(j) if j >= posonly => {
                        if !slots[j].is_empty() {
                            return Err(self.type_error(&format!(
                                "{}() got multiple values for argument '{}'",
                                fname,
                                str_of(k)
                            )));
                        }
                        slots[j] = v;
                    }
                    _ => {
                        if let Some(d) = extra_kw {
                            self.dict_set(d, k, v)?;
                        } else if idx.is_some() {
                            posonly_kw.push(str_of(k).into_owned());
                        } else {
                            return Err(self.type_error(&format!(
                                "{}() got an unexpected keyword argument '{}'",
                                fname,
                                str_of(k)
                            )));
                        }
                    }
                }
            }
            if !posonly_kw.is_empty() {
                return Err(self.type_error(&format!(
                    "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                    fname,
                    posonly_kw.join(", ")
                )));
            }
        }
        // Defaults.
        let defaults = Obj::from_value(func.get(FN_DEFAULTS)).filter(|o| o.kind() == Kind::TUPLE);
        let ndef = defaults.map(|o| o.n_values()).unwrap_or(0);
        let mut missing = Vec::new();
        for i in 0..argc {
            if slots[i].is_empty() {
                if i >= argc - ndef.min(argc) {
                    slots[i] = defaults.expect("d").get(i - (argc - ndef));
                } else {
                    missing.push(format!("'{}'", str_of(cd.varnames[i])));
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(&format!(
                "{}() missing {} required positional argument{}: {}",
                fname,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        let kwd = func.get(FN_KWDEFAULTS);
        let mut missing = Vec::new();
        for i in argc..argc + kwonly {
            if slots[i].is_empty() {
                let d = if kwd.is_heap() {
                    self.dict_get_str(kwd, cd.varnames[i])
                } else {
                    None
                };
                match d {
                    Some(v) => slots[i] = v,
                    None => missing.push(format!("'{}'", str_of(cd.varnames[i]))),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(&format!(
                "{}() missing {} required keyword-only argument{}: {}",
                fname,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        let st = self.ctx.stack().slots_mut();
        st[locals..locals + argc + kwonly].copy_from_slice(slots);
        Ok(())
    }

    /// Creates a function object.
    pub fn new_function(&mut self, code: Value, globals: Value, qualname: Value) -> Value {
        let cd = code_cell(code).expect("code");
        let f = self.alloc_obj(K_FUNCTION, self.g.types.function, FN_SLOTS, 0);
        f.init(FN_CODE, code);
        f.init(FN_GLOBALS, globals);
        f.init(FN_DEFAULTS, Value::NONE);
        f.init(FN_KWDEFAULTS, Value::NONE);
        f.init(FN_CLOSURE, Value::NONE);
        f.init(FN_NAME, cd.name_value);
        f.init(
            FN_QUALNAME,
            if qualname.is_empty() {
                cd.qualname_value
            } else {
                qualname
            },
        );
        let m = self
            .dict_get_str(globals, self.g.names.__name__)
            .unwrap_or(Value::NONE);
        f.init(FN_MODULE, m);
        f.init(FN_DOC, cd.doc);
        f.init(FN_ANNOTATIONS, Value::NONE);
        f.init(FN_BUILTINS, Value::EMPTY);
        f.value()
    }

    // ------------------------------------------------------------------ generators

    pub(crate) fn make_generator(
        &mut self,
        func: Obj,
        cd: &'static CodeData,
        fbase: usize,
        sp: usize,
    ) -> Value {
        let flags = cd.code.flags;
        let cls = if flags.contains(CodeFlags::COROUTINE) {
            self.g.types.coroutine
        } else if flags.contains(CodeFlags::ASYNC_GENERATOR) {
            self.g.types.async_generator
        } else {
            self.g.types.generator
        };
        let storage = self.alloc_obj(Kind::STORAGE, Value::NONE, cd.extent, 0);
        {
            let st = self.ctx.stack().slots_mut();
            for i in 0..cd.extent {
                storage.init(i, st[fbase + i]);
            }
        }
        // Coroutines and async generators have one value and one raw word
        // more (origin or finalizer, flags); both layouts fill two cells.
        let is_plain = flags.0 & (CodeFlags::ASYNC_GENERATOR.0 | CodeFlags::COROUTINE.0) == 0;
        let (nv, nraw) = if is_plain { (7, 32) } else { (8, 40) };
        let origin = if flags.contains(CodeFlags::COROUTINE) {
            match self.coroutine_origin_depth() {
                0 => Value::NONE,
                d => self.coroutine_origin(d),
            }
        } else {
            Value::NONE
        };
        let g = self.alloc_obj(K_GEN, cls, nv, nraw);
        g.init(GEN_FRAME_OBJ, Value::NONE);
        g.init(GEN_EXC_STATE, Value::NONE);
        if !is_plain {
            g.init(GEN_ORIGIN_OR_FINALIZER, origin);
        }
        g.init(GEN_FRAME, storage.value());
        g.init(GEN_FUNC, func.value());
        g.init(GEN_NAME, func.get(FN_NAME));
        g.init(GEN_QUALNAME, func.get(FN_QUALNAME));
        g.init(GEN_CODE, func.get(FN_CODE));
        set_raw(g, GEN_RAW_PC, 0);
        set_raw(g, GEN_RAW_SP, (sp - fbase) as u64);
        set_raw(g, GEN_RAW_STATE, GEN_CREATED);
        g.value()
    }

    /// `cr_origin` of a coroutine made now: `(filename, line, function)`
    /// of the `depth` innermost frames, innermost first.
    #[cold]
    fn coroutine_origin(&mut self, depth: usize) -> Value {
        let mut items = Vec::new();
        for i in (0..self.frames.len()).rev().take(depth) {
            let (base, lasti) = (self.frames[i].base, self.frames[i].lasti);
            let mut code = self.ctx.stack().slots_mut()[base];
            if let Some(o) = Obj::from_value(code).filter(|o| o.kind() == K_FUNCTION) {
                code = o.get(FN_CODE);
            }
            let Some(cd) = code_data(code) else { continue };
            let line = cd.code.location(lasti as u32).line;
            let file = self.new_str(&cd.code.filename);
            items.push(self.new_tuple(&[file, Value::int(line as i64), cd.name_value]));
        }
        self.new_tuple(&items)
    }

    /// Resumes generator `gen` sending `v` (or throwing `exc` if not EMPTY).
    pub fn gen_resume(&mut self, gen: Value, v: Value, exc: Value) -> PyResult<GenStep> {
        let g = Obj::from_value(gen).expect("gen");
        // The usual resume (`next`, `send`, nothing thrown) enters the frame
        // as the interpreter's FOR_ITER does, and leaves it as the loop does
        // a frame it resumed: one path for both, the caller's handled
        // exception parked in the generator while the frame runs.
        if !exc.is_heap() && self.gen_enter(g, v, false) {
            let extent = self.frames.last().expect("frame").code.extent;
            if self.at_yield_from() {
                self.gen_descend();
            }
            let r = stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || self.run());
            return match r {
                Ok(Exit::Yield(y)) => {
                    self.gen_frame_left(g, true);
                    Ok(GenStep::Yield(y))
                }
                Ok(Exit::Return(r)) => {
                    self.gen_frame_ended(g, extent);
                    Ok(GenStep::Return(r))
                }
                Err(e) => {
                    self.gen_frame_ended(g, extent);
                    Err(self.pep479(g, e))
                }
            };
        }
        let state = get_raw(g, GEN_RAW_STATE);
        if state == GEN_RUNNING {
            let what = if g.class() == self.g.types.coroutine {
                "coroutine"
            } else {
                "generator"
            };
            return Err(self.new_exc(self.g.e.ValueError, &format!("{what} already executing")));
        }
        if state == GEN_DONE {
            // (A finished coroutine refuses `throw` as well as `send`.)
            if exc.is_heap()
                && (g.class() != self.g.types.coroutine
                    || self.isinstance(exc, self.g.e.GeneratorExit))
            {
                self.mark_exc_passed_on(exc);
                return Err(PyException(exc));
            }
            if g.class() == self.g.types.coroutine {
                return Err(self.new_exc(
                    self.g.e.RuntimeError,
                    "cannot reuse already awaited coroutine",
                ));
            }
            return Ok(GenStep::Return(Value::NONE));
        }
        if state == GEN_CREATED && !v.is_none() && !exc.is_heap() {
            let what = if g.class() == self.g.types.coroutine {
                "coroutine"
            } else {
                "generator"
            };
            return Err(self.type_error(&format!(
                "can't send non-None value to a just-started {what}"
            )));
        }
        if state == GEN_CREATED && exc.is_heap() {
            // Thrown in before the first instruction: it leaves the frame
            // at once, as any exception raised in it.
            set_raw(g, GEN_RAW_STATE, GEN_DONE);
            gen_release(g, usize::MAX);
            self.mark_exc_passed_on(exc);
            return Err(self.pep479(g, PyException(exc)));
        }
        let storage = Obj::from_value(g.get(GEN_FRAME)).expect("frame");
        let func = Obj::from_value(g.get(GEN_FUNC)).expect("func");
        let cd = code_data(g.get(GEN_CODE)).expect("code");
        if self.frames.len() >= self.g.recursion_limit.load(Ordering::Relaxed)
            || self.ctx.stack().top() + cd.extent + 64 >= self.ctx.stack().capacity()
        {
            return Err(self.new_exc(self.g.e.RecursionError, "maximum recursion depth exceeded"));
        }
        // Claim the frame: one atomic CREATED/SUSPENDED -> RUNNING step, so
        // two threads resuming a shared generator at once cannot both copy
        // and run its frame; the loser re-reads the state and reports
        // "already executing" (or the generator's end).
        if !claim_frame(g, proto_core::layouts::raw_word(g, GEN_RAW_STATE), state) {
            return self.gen_resume(gen, v, exc);
        }
        // The caller's handled exception, restored when the frame suspends
        // or ends; rooted below the frame meanwhile (the frame replaces
        // the thread's exc_info slot, which was its only root).
        let caller_exc = self.exc_info();
        let exc_mark = self.push_root(caller_exc);
        let globals = Obj::from_value(func.get(FN_GLOBALS)).expect("globals");
        let sent = (state == GEN_SUSPENDED && !exc.is_heap()).then_some(v);
        self.gen_load_frame(g, storage, cd, globals, sent, false);
        // The frame sees the exception it was handling when it suspended
        // (if any); the caller's is back when it suspends or ends.
        let own_exc = g.get(GEN_EXC_STATE);
        self.store(g, GEN_EXC_STATE, caller_exc);
        if !own_exc.is_none() {
            self.set_exc_info(own_exc);
        }
        let r = if exc.is_heap() {
            // Thrown in: raised in the frame as it is, chained only to the
            // exception the generator itself was handling when it suspended
            // (CPython's `_PyErr_ChainStackItem`), never to the caller's.
            if !own_exc.is_none() {
                self.chain_context(exc, true);
            }
            self.mark_exc_passed_on(exc);
            self.run_with_exception(PyException(exc))
        } else {
            stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, || self.run())
        };
        // Suspended in a handler: its exception differs from the caller's,
        // or it is the exception thrown in and the frame is still in the
        // handler that caught it (pure-Python asyncio throws the exception
        // its caller is handling, so the two are the same object there;
        // once that handler ended the frame handles nothing of its own).
        let now = self.exc_info();
        let in_handler = now != caller_exc
            || (exc.is_heap()
                && now == exc
                && matches!(r, Ok(Exit::Yield(_)))
                && in_callers_handler(g, cd));
        let keep = if matches!(r, Ok(Exit::Yield(_))) && in_handler && !now.is_none() {
            now
        } else {
            Value::NONE
        };
        self.store(g, GEN_EXC_STATE, keep);
        self.set_exc_info(caller_exc);
        self.pop_roots(exc_mark);
        match r {
            Ok(Exit::Yield(y)) => Ok(GenStep::Yield(y)),
            Ok(Exit::Return(r)) => {
                set_raw(g, GEN_RAW_STATE, GEN_DONE);
                gen_release(g, cd.extent);
                Ok(GenStep::Return(r))
            }
            Err(e) => {
                set_raw(g, GEN_RAW_STATE, GEN_DONE);
                gen_release(g, cd.extent);
                Err(self.pep479(g, e))
            }
        }
    }

    /// Pushes generator `g`'s frame to run in the interpreter loop that is
    /// running its caller (the top frame, whose `pc`, `sp` and `lasti` are
    /// saved, suspended at a FOR_ITER or YIELD_FROM), sending `v`: the
    /// loop continues in it without recursing on the Rust stack, as for a
    /// Python call. Such a frame has a generator and is flagged `entry`
    /// and `init` (see below; it is no entry frame of the loop): when it
    /// yields, returns or is left by an exception, the loop hands
    /// the outcome to its caller as [`Vm::gen_resume`] would have
    /// (`gen_frame_left` restores the caller's handled exception).
    /// Returns false, having done nothing, unless the generator is
    /// created (and `v` is None) or suspended and no limit is near: the
    /// caller then takes the general path, which raises what is due.
    #[inline(never)]
    pub(crate) fn gen_push_frame(&mut self, g: Obj, v: Value) -> bool {
        if !self.gen_enter(g, v, true) {
            return false;
        }
        if self.at_yield_from() {
            self.gen_descend();
        }
        true
    }

    /// The top frame's next instruction is a YIELD_FROM.
    #[inline(always)]
    fn at_yield_from(&self) -> bool {
        let f = self.frames.last().expect("frame");
        f.code.code.code.get(f.pc * 2).copied() == Some(crate::bytecode::Opcode::YieldFrom as u8)
    }

    /// The generator frame just pushed by [`Vm::gen_enter`] resumes at a
    /// YIELD_FROM over a generator or coroutine (a `yield from` or `await`
    /// chain): the instruction is run here, as the loop would run it (the
    /// sent value popped, the frame left after the instruction, the
    /// sub-generator's frame pushed above it by [`Vm::gen_enter`] with
    /// that value), and so on down the chain, without a dispatch and a
    /// frame entry of the loop per level. Stops at the first frame that
    /// is elsewhere or whose sub-iterator cannot be entered here (left at
    /// its YIELD_FROM with the value pushed, for the loop to run it);
    /// never while tracing, where each instruction reports its events.
    #[inline(never)]
    fn gen_descend(&mut self) {
        if self.trace_on {
            return;
        }
        while self.at_yield_from() {
            let f = self.frames.last().expect("frame");
            let (pc, sp, lasti) = (f.pc, f.sp, f.lasti);
            // A frame resumed at its YIELD_FROM has the sent value on top
            // and the sub-iterator below it (`gen_save` kept it there).
            let st = self.ctx.stack().slots_mut();
            let (v, it) = (st[sp - 1], st[sp - 2]);
            let Some(sub) = Obj::from_value(it).filter(|o| o.kind() == K_GEN) else {
                return;
            };
            let f = self.frames.last_mut().expect("frame");
            f.pc = pc + 1;
            f.sp = sp - 1;
            f.lasti = pc;
            let inner = self.pass_delegators(sub);
            if !self.gen_enter(inner, v, true) {
                if inner != sub {
                    // The innermost cannot be entered here: the delegator
                    // above it is loaded at its YIELD_FROM with the value,
                    // for the loop to run that instruction (which raises
                    // what is due, or takes the general path).
                    self.load_delegator(Some(v));
                    let n = self.frames.len();
                    self.frames[n - 2].native_top = Frame::UNCHANGED;
                    return;
                }
                let f = self.frames.last_mut().expect("frame");
                f.pc = pc;
                f.sp = sp;
                f.lasti = lasti;
                return;
            }
            // Its values are those `gen_load_frame` copied in, with the
            // sent value gone down, at the `pc` it was saved at.
            let n = self.frames.len();
            self.frames[n - 2].native_top = Frame::UNCHANGED;
        }
    }

    /// The sub-generator that [`Vm::gen_descend`] enters below `sub`:
    /// `sub` itself, unless it is suspended at a YIELD_FROM over another
    /// generator, whose value it would only pass on. Such delegators are
    /// claimed (RUNNING, their handled exception swapped in as
    /// [`Vm::gen_enter`] does) and listed in [`Vm::delegators`] without
    /// their frames being loaded: a value yielded from below goes straight
    /// to the frame under them and they are suspended again as they were
    /// (`suspend_delegators`); only when the generator below ends is the
    /// nearest one loaded, at the instruction after its YIELD_FROM
    /// (`load_delegator`). A value passed through a chain of n generators
    /// copied n frames in and out; now two.
    fn pass_delegators(&mut self, mut g: Obj) -> Obj {
        let at = self.frames.len();
        let limit = self.g.recursion_limit.load(Ordering::Relaxed);
        let top = self.ctx.stack().top();
        let cap = self.ctx.stack().capacity();
        loop {
            let Some((sub, extent)) = suspended_delegation(g) else {
                return g;
            };
            // The frames they stand for count towards the recursion limit,
            // and the one loaded in place of the generator below must fit.
            if at + self.delegators.len() + 2 >= limit || top + extent + 64 >= cap {
                return g;
            }
            let state = proto_core::layouts::raw_word(g, GEN_RAW_STATE);
            if !claim_frame(g, state, GEN_SUSPENDED) {
                return g;
            }
            self.swap_in_exc(g, g.get(GEN_EXC_STATE));
            self.delegators.push((g, at));
            g = sub;
        }
    }

    /// The generator below the top of `frames` yielded (its frame was at
    /// index `at`, now popped): the delegators passed over for it are
    /// suspended again at their YIELD_FROM, nearest first, their saved
    /// frames untouched, as `yield_out` leaves a frame that has not run
    /// since it was resumed.
    #[inline(never)]
    pub(crate) fn suspend_delegators(&mut self, at: usize) {
        while let Some(&(d, i)) = self.delegators.last() {
            if i != at {
                break;
            }
            self.delegators.pop();
            self.gen_frame_left(d, true);
            set_raw(d, GEN_RAW_STATE, GEN_SUSPENDED);
        }
    }

    /// Whether delegators were passed over for the frame that was at index
    /// `at` of `frames`.
    #[inline(always)]
    pub(crate) fn has_delegators(&self, at: usize) -> bool {
        self.delegators.last().is_some_and(|d| d.1 == at)
    }

    /// Loads the nearest delegator (the last of [`Vm::delegators`], whose
    /// index is the length of `frames`) above the top frame: with `sent`,
    /// at its YIELD_FROM with that value pushed, as [`Vm::gen_enter`]
    /// leaves a frame; without, the generator below it has ended and the
    /// frame is left after the YIELD_FROM, its sub-generator on top, as a
    /// frame the loop ran that instruction in (the caller puts the result
    /// or raises there). Its handled exception was swapped in when it was
    /// passed over.
    #[inline(never)]
    pub(crate) fn load_delegator(&mut self, sent: Option<Value>) {
        let (g, at) = self.delegators.pop().expect("a delegator");
        debug_assert_eq!(at, self.frames.len());
        let Some((storage, cd, globals)) = gen_frame_parts(&g.view()) else {
            unreachable!("a delegator was checked by `suspended_delegation`")
        };
        self.gen_load_frame(g, storage, cd, globals, sent, true);
        if sent.is_none() {
            let f = self.frames.last_mut().expect("frame");
            f.lasti = f.pc;
            f.pc += 1;
        }
    }

    /// [`Vm::gen_push_frame`], for a frame run in the caller's loop
    /// (`in_caller_loop`) or by a [`Vm::run`] of its own
    /// ([`Vm::gen_resume`]).
    #[inline(always)]
    fn gen_enter(&mut self, g: Obj, v: Value, in_caller_loop: bool) -> bool {
        // The generator's layout and raw words read once (each `get` and
        // `get_raw` reloads the header for its bounds check); every
        // generator has 7 or 8 values, so the one test below lets the
        // compiler drop the per-access checks.
        let gv = g.view();
        if gv.n_values() < 7 {
            return false;
        }
        let raw = proto_core::layouts::raw_words::<4>(g);
        let ord = proto_core::sync::heap_atomic::Ordering::Acquire;
        let state = raw[GEN_RAW_STATE].load(ord);
        if state != GEN_SUSPENDED && (state != GEN_CREATED || !v.is_none()) {
            return false;
        }
        let Some((storage, cd, globals)) = gen_frame_parts(&gv) else {
            return false;
        };
        if self.frames.len() >= self.g.recursion_limit.load(Ordering::Relaxed) {
            return false;
        }
        let fbase = self.ctx.stack().top();
        if fbase + cd.extent + 64 >= self.ctx.stack().capacity() {
            return false;
        }
        // Claimed as `gen_resume` claims it.
        if !claim_frame(g, &raw[GEN_RAW_STATE], state) {
            return false;
        }
        let sent = (state == GEN_SUSPENDED).then_some(v);
        self.gen_load_frame(g, storage, cd, globals, sent, in_caller_loop);
        self.swap_in_exc(g, gv.get(GEN_EXC_STATE));
        true
    }

    /// Generator `g`, whose handled exception is `own_exc`, starts to run
    /// (its frame loaded, or passed over by `pass_delegators`): the
    /// caller's handled exception waits in the generator while it runs
    /// (its handlers read it there, see `gen_resume`), and its own is
    /// current; no store when they are the same (both None, as a rule).
    #[inline(always)]
    fn swap_in_exc(&mut self, g: Obj, own_exc: Value) {
        let caller_exc = self.exc_info();
        if own_exc != caller_exc {
            self.store(g, GEN_EXC_STATE, caller_exc);
            if !own_exc.is_none() {
                self.set_exc_info(own_exc);
            }
        }
    }

    /// Copies the saved frame of generator `g` (claimed: RUNNING) onto the
    /// value stack above its top and pushes its `Frame`, with `sent` as the
    /// value of the yield it suspended at; `in_caller_loop` as
    /// [`Frame::resumed`]. Shared by [`Vm::gen_resume`] and
    /// [`Vm::gen_push_frame`]; the caller checked that `extent` slots fit
    /// above the stack's top.
    #[inline(always)]
    fn gen_load_frame(
        &mut self,
        g: Obj,
        storage: Obj,
        cd: &'static CodeData,
        globals: Obj,
        sent: Option<Value>,
        in_caller_loop: bool,
    ) {
        // The raw words read once (each `get_raw` reloads the header for
        // its bounds check).
        let raw = proto_core::layouts::raw_words::<4>(g);
        let ord = proto_core::sync::heap_atomic::Ordering::Acquire;
        let sp_rel = raw[GEN_RAW_SP].load(ord) as usize;
        let pc = raw[GEN_RAW_PC].load(ord) as usize;
        raw[GEN_RAW_ASYNC_VALUE].store(0, proto_core::sync::heap_atomic::Ordering::Release);
        let stack = self.ctx.stack();
        let fbase = stack.top();
        stack.set_top(fbase + cd.extent);
        // Only the saved part: the storage holds EMPTY past it (as
        // `gen_save` leaves it), at least `extent` values, and the stack
        // slots above the old top are EMPTY already.
        let st = &mut stack.slots_mut()[fbase..fbase + cd.extent];
        let saved = storage.view().values();
        let n = sp_rel.min(st.len()).min(saved.len());
        for (slot, s) in st[..n].iter_mut().zip(&saved[..n]) {
            *slot = Value::from_bits(s.load(ord));
        }
        let mut sp = fbase + sp_rel;
        if let Some(v) = sent {
            st[sp_rel] = v;
            sp += 1;
        }
        let builtins = self.builtins_for(globals);
        self.frames.push(Frame::resumed(
            cd,
            fbase,
            pc,
            sp,
            globals,
            builtins,
            g.value(),
            in_caller_loop,
        ));
    }

    /// YIELD_FROM over `aw`, an `async_generator_asend` awaitable (an
    /// `async for`'s `__anext__()`, or `asend(v)`) sent `v`: its generator's
    /// frame is pushed to run in this loop, as `aw.send(v)` would resume it
    /// (the awaitable running, the generator driven), and what the frame
    /// does comes back through [`Vm::asend_of_caller`]: a value of its own
    /// is the YIELD_FROM's result, an `await` deeper down is passed up, its
    /// end raises StopAsyncIteration at the YIELD_FROM. Returns false,
    /// having done nothing, where `aw.send(v)` must decide (finished,
    /// not an asend, the generator driven by another awaitable, or not
    /// enterable here).
    #[inline(never)]
    pub(crate) fn asend_push_frame(&mut self, aw: Obj, v: Value) -> bool {
        if aw.n_values() <= AW_MODE || aw.get(AW_MODE).as_int() != Some(AW_MODE_SEND) {
            return false;
        }
        let state = aw.get(AW_STATE).as_int();
        let Some(g) = Obj::from_value(aw.get(AW_GEN))
            .filter(|g| g.kind() == K_GEN && g.class() == self.g.types.async_generator)
        else {
            return false;
        };
        use proto_core::sync::heap_atomic::Ordering as HOrd;
        let flags = proto_core::layouts::raw_word(g, GEN_RAW_AG_FLAGS);
        let driven = flags.load(HOrd::Acquire) & AG_F_RUNNING_ASYNC != 0;
        let v = match state {
            Some(0) if driven => return false,
            Some(0) if v.is_none() => aw.get(AW_VALUE),
            Some(0 | 1) => v,
            _ => return false,
        };
        if !self.gen_enter(g, v, true) {
            return false;
        }
        flags.fetch_or(AG_F_RUNNING_ASYNC, HOrd::AcqRel);
        if state != Some(1) {
            self.store(aw, AW_STATE, Value::int(1));
        }
        true
    }

    /// A new `async_generator_asend` (`cls` the asend type) or
    /// `async_generator_athrow` awaitable of generator `gen` in `mode`,
    /// carrying `value` (see [`AW_GEN`]).
    pub fn new_ag_awaitable(&mut self, cls: Value, gen: Value, value: Value, mode: i64) -> Value {
        let o = self.alloc_obj(K_MISC, cls, 4, 0);
        o.init(AW_GEN, gen);
        o.init(AW_VALUE, value);
        o.init(AW_STATE, Value::int(0));
        o.init(AW_MODE, Value::int(mode));
        o.value()
    }

    /// `v.__anext__()` for an async generator whose hooks were already
    /// consulted (every step after its first): its asend awaitable, made
    /// without the method call (`async_generator` cannot be subclassed or
    /// given attributes, so its `__anext__` is always this). `None` where
    /// the method must run.
    #[inline]
    pub(crate) fn anext_fast(&mut self, v: Value) -> Option<Value> {
        let g = Obj::from_value(v)?;
        if g.kind() != K_GEN || g.class() != self.g.types.async_generator {
            return None;
        }
        use proto_core::sync::heap_atomic::Ordering as HOrd;
        let flags = proto_core::layouts::raw_word(g, GEN_RAW_AG_FLAGS).load(HOrd::Acquire);
        if flags & AG_F_HOOKS == 0 {
            return None;
        }
        let cls = self.g.types.async_gen_asend;
        Some(self.new_ag_awaitable(cls, v, Value::NONE, AW_MODE_SEND))
    }

    /// The asend awaitable driving async generator `g`, whose frame the
    /// loop ran above the top frame ([`Vm::asend_push_frame`]) and which
    /// has just left it: the YIELD_FROM operand of the top frame when it
    /// is an asend of `g`.
    #[inline]
    pub(crate) fn asend_of_caller(&mut self, g: Obj) -> Option<Obj> {
        if g.class() != self.g.types.async_generator {
            return None;
        }
        let sp = self.frames.last()?.sp;
        let it = *self.ctx.stack().slots_mut().get(sp.checked_sub(1)?)?;
        Obj::from_value(it).filter(|o| {
            o.class() == self.g.types.async_gen_asend
                && o.n_values() > AW_MODE
                && o.get(AW_GEN) == g.value()
        })
    }

    /// The asend awaitable `aw` driving `g` is finished: `g` is no longer
    /// driven (as `aw.send` leaves both on a value, the end or an error).
    pub(crate) fn asend_finish(&mut self, aw: Obj, g: Obj) {
        self.store(aw, AW_STATE, Value::int(2));
        proto_core::layouts::raw_word(g, GEN_RAW_AG_FLAGS).fetch_and(
            !AG_F_RUNNING_ASYNC,
            proto_core::sync::heap_atomic::Ordering::AcqRel,
        );
    }

    /// A frame pushed by [`Vm::gen_push_frame`] has left the loop (yielded
    /// when `yielded`, else returned or raised; its state is set by the
    /// caller): the caller's handled exception is current again, and the
    /// generator keeps the one its frame is handling, as `gen_resume`.
    #[inline(always)]
    pub(crate) fn gen_frame_left(&mut self, g: Obj, yielded: bool) {
        let caller_exc = g.get(GEN_EXC_STATE);
        let now = self.exc_info();
        if now == caller_exc && caller_exc.is_none() {
            // Nothing handled on either side (the usual case): nothing to
            // swap.
            return;
        }
        self.gen_swap_exc(g, caller_exc, now, yielded);
    }

    /// [`Vm::gen_frame_left`] when either side handles an exception.
    #[inline(never)]
    fn gen_swap_exc(&mut self, g: Obj, caller_exc: Value, now: Value, yielded: bool) {
        let keep = if yielded && now != caller_exc && !now.is_none() {
            now
        } else {
            Value::NONE
        };
        self.store(g, GEN_EXC_STATE, keep);
        self.set_exc_info(caller_exc);
    }

    /// A frame pushed by [`Vm::gen_push_frame`] returned or raised: the
    /// generator is done and its saved frame emptied (see `gen_resume`).
    #[inline]
    pub(crate) fn gen_frame_ended(&mut self, g: Obj, extent: usize) {
        set_raw(g, GEN_RAW_STATE, GEN_DONE);
        gen_release(g, extent);
        self.gen_frame_left(g, false);
    }

    /// PEP 479: a StopIteration (or an async generator's
    /// StopAsyncIteration) leaving a generator's frame becomes a
    /// RuntimeError caused by it; other exceptions pass unchanged.
    pub(crate) fn pep479(&mut self, g: Obj, e: PyException) -> PyException {
        let async_gen = g.class() == self.g.types.async_generator;
        let stop_async = async_gen && self.isinstance(e.0, self.g.e.StopAsyncIteration);
        if !stop_async && !self.isinstance(e.0, self.g.e.StopIteration) {
            return e;
        }
        let what = if g.class() == self.g.types.coroutine {
            "coroutine"
        } else if async_gen {
            "async generator"
        } else {
            "generator"
        };
        let msg = if stop_async {
            format!("{what} raised StopAsyncIteration")
        } else {
            format!("{what} raised StopIteration")
        };
        let ne = self.new_exc(self.g.e.RuntimeError, &msg);
        let no = Obj::from_value(ne.0).expect("e");
        self.store(no, EXC_CAUSE, e.0);
        self.store(no, EXC_CONTEXT, e.0);
        self.store(no, EXC_SUPPRESS, Value::TRUE);
        ne
    }

    /// Called by the loop when a generator frame yields: saves the frame.
    #[inline]
    pub(crate) fn gen_save(
        &mut self,
        gen: Value,
        fbase: usize,
        sp: usize,
        pc: usize,
        extent: usize,
    ) {
        let g = Obj::from_value(gen).expect("gen");
        let storage = Obj::from_value(g.get(GEN_FRAME)).expect("frame");
        // The live slots, then EMPTY over what the previous save kept past
        // them (the rest of the storage is EMPTY already). A local storage
        // takes plain stores; a shared one goes through the write barrier.
        let raw = proto_core::layouts::raw_words::<3>(g);
        let (acq, rel) = (
            proto_core::sync::heap_atomic::Ordering::Acquire,
            proto_core::sync::heap_atomic::Ordering::Release,
        );
        let saved = storage.view().values();
        let n = (sp - fbase).min(extent).min(saved.len());
        let old_n = (raw[GEN_RAW_SP].load(acq) as usize)
            .min(extent)
            .min(saved.len());
        if storage.is_shared() {
            for i in 0..n {
                let v = self.ctx.stack().slots_mut()[fbase + i];
                self.ctx.store(storage, i, v);
            }
        } else {
            let st = &self.ctx.stack().slots_mut()[fbase..fbase + n];
            for (d, v) in saved[..n].iter().zip(st) {
                d.store(v.bits(), rel);
            }
        }
        if n < old_n {
            for d in &saved[n..old_n] {
                d.store(Value::EMPTY.bits(), rel);
            }
        }
        raw[GEN_RAW_PC].store(pc as u64, rel);
        raw[GEN_RAW_SP].store((sp - fbase) as u64, rel);
        raw[GEN_RAW_STATE].store(GEN_SUSPENDED, rel);
    }

    /// `next(gen)` for a generator.
    pub fn gen_next(&mut self, gen: Value) -> PyResult<Option<Value>> {
        match self.gen_resume(gen, Value::NONE, Value::EMPTY)? {
            GenStep::Yield(v) => Ok(Some(v)),
            GenStep::Return(_) => Ok(None),
        }
    }

    /// Resumes the exact generator `gen` as `next()` does, appending what it
    /// yields to the list `l` (local to this thread, rooted by the caller)
    /// while its frame keeps running: a yield whose value is appended
    /// resumes the frame at once with None, as `next()` would, without
    /// leaving the loop or saving the frame. The frame leaves as a plain
    /// yield when `l` reaches `cap` items, or at the first value `keep`
    /// refuses; that value is appended last. So a consumer that runs no
    /// Python code between the items `keep` lets through (`list(g)`,
    /// `tuple(g)`; a set of simple keys; a sum of numbers) sees the items in
    /// their order, as many resumptions would give them. True while the
    /// generator may yield more; an exception it raises leaves the items
    /// before it in `l`.
    pub fn gen_next_batch(
        &mut self,
        gen: Value,
        l: Value,
        cap: usize,
        keep: DrainKeep,
    ) -> PyResult<bool> {
        if proto_core::reserve::exhausted() {
            self.raise_if_reserve_spent()?;
        }
        let saved = core::mem::replace(
            &mut self.drain,
            Drain {
                gen,
                list: l,
                cap,
                keep,
            },
        );
        let r = self.gen_resume(gen, Value::NONE, Value::EMPTY);
        self.drain = saved;
        match r? {
            GenStep::Yield(v) => {
                self.try_list_append(l, v)?;
                Ok(true)
            }
            GenStep::Return(_) => Ok(false),
        }
    }

    /// Takes the values of `it`, when it is an exact generator, in batches
    /// of [`Vm::gen_next_batch`]: before each batch `keep` names the values
    /// it may take (None: no more batches), and `each` handles every value
    /// in order (false: stop). None when `it` is no exact generator; else
    /// true when the generator ended or `each` stopped, false when `keep`
    /// ended the batches (the caller takes the rest one value at a time).
    /// The values of a batch are handled after the generator ran on past
    /// them, so `keep` must only let through values whose handling runs no
    /// code; the value that ends a batch is handled before it resumes.
    pub fn gen_batches(
        &mut self,
        it: Value,
        mut keep: impl FnMut(&mut Vm) -> Option<DrainKeep>,
        mut each: impl FnMut(&mut Vm, Value) -> PyResult<bool>,
    ) -> Option<PyResult<bool>> {
        const BATCH: usize = 256;
        let is_gen = Obj::from_value(it)
            .is_some_and(|o| o.kind() == K_GEN && o.class() == self.g.types.generator);
        if !is_gen {
            return None;
        }
        let batch = self.new_list(&[]);
        let mark = self.push_root(batch);
        let bo = Obj::from_value(batch).expect("list");
        let r = (|| loop {
            let Some(k) = keep(self) else {
                return Ok(false);
            };
            let more = self.gen_next_batch(it, batch, BATCH, k);
            for i in 0..llist::len(bo) {
                if let Some(x) = llist::get(bo, i) {
                    if !each(self, x)? {
                        return Ok(true);
                    }
                }
            }
            llist::truncate(&mut self.ctx, bo, 0);
            if !more? {
                return Ok(true);
            }
        })();
        self.pop_roots(mark);
        Some(r)
    }

    /// `gen.send(v)`: raises StopIteration(value) on return.
    pub fn gen_send(&mut self, gen: Value, v: Value) -> PyResult<Value> {
        match self.gen_resume(gen, v, Value::EMPTY)? {
            GenStep::Yield(y) => Ok(y),
            GenStep::Return(r) => Err(self.stop_iteration(r)),
        }
    }

    /// StopIteration(value).
    pub fn stop_iteration(&mut self, r: Value) -> PyException {
        let args = if r.is_none() {
            self.new_tuple(&[])
        } else {
            self.new_tuple(&[r])
        };
        self.new_exc_args(self.g.e.StopIteration, args)
    }

    /// A `__next__` result from an iterator step: the value, or StopIteration at the end.
    pub fn next_or_stop(&mut self, r: Option<Value>) -> PyResult<Value> {
        match r {
            Some(v) => Ok(v),
            None => Err(self.stop_iteration(Value::NONE)),
        }
    }

    /// `gen.throw(exc)`.
    pub fn gen_throw(&mut self, gen: Value, exc: Value) -> PyResult<Value> {
        let exc = self.make_exception(exc)?;
        // Delegate to a sub-iterator suspended in YIELD_FROM.
        match self.gen_resume(gen, Value::NONE, exc)? {
            GenStep::Yield(y) => Ok(y),
            GenStep::Return(r) => Err(self.stop_iteration(r)),
        }
    }

    /// `gen.close()`.
    pub fn gen_close(&mut self, gen: Value) -> PyResult<Value> {
        let g = Obj::from_value(gen).expect("gen");
        let st = get_raw(g, GEN_RAW_STATE);
        if st == GEN_CREATED {
            set_raw(g, GEN_RAW_STATE, GEN_DONE);
            gen_release(g, usize::MAX);
            return Ok(Value::NONE);
        }
        if st == GEN_DONE {
            return Ok(Value::NONE);
        }
        let e = self.new_exc_args(self.g.e.GeneratorExit, Value::NONE);
        let args = self.new_tuple(&[]);
        self.store(Obj::from_value(e.0).expect("e"), EXC_ARGS, args);
        // Set in the caller, as `PyErr_SetNone`: chained to its exception.
        self.chain_context(e.0, false);
        match self.gen_resume(gen, Value::NONE, e.0) {
            Ok(GenStep::Yield(_)) => {
                let what = if g.class() == self.g.types.coroutine {
                    "coroutine"
                } else {
                    "generator"
                };
                Err(self.new_exc(
                    self.g.e.RuntimeError,
                    &format!("{what} ignored GeneratorExit"),
                ))
            }
            Ok(GenStep::Return(_)) => Ok(Value::NONE),
            Err(x)
                if self.isinstance(x.0, self.g.e.GeneratorExit)
                    || self.isinstance(x.0, self.g.e.StopIteration) =>
            {
                Ok(Value::NONE)
            }
            Err(x) => Err(x),
        }
    }
}

fn join_names(v: &[String]) -> String {
    match v.len() {
        1 => v[0].clone(),
        2 => format!("{} and {}", v[0], v[1]),
        _ => format!("{}, and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

/// object.__new__.
pub fn object_new(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let Some(&cls) = a.first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    if !Obj::from_value(cls).is_some_and(|o| o.kind() == K_TYPE) {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!("object.__new__(X): X is not a type object ({tn})")));
    }
    // CPython's object_new: extra arguments are an error unless the class
    // overrides __init__ but not __new__ (its __init__ takes them).
    if a.len() > 1 {
        let o = vm.g.types.object;
        let (init, new) = (vm.g.names.__init__, vm.g.names.__new__);
        if vm.lookup_type(cls, new) != vm.lookup_type(o, new) {
            return Err(vm.type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if vm.lookup_type(cls, init) == vm.lookup_type(o, init) {
            let tn = type_name(cls);
            return Err(vm.type_error(&format!("{tn}() takes no arguments")));
        }
    }
    vm.alloc_instance(cls, &a[1..])
}

/// object.__init__.
pub fn object_init(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    // CPython's object_init: extra arguments are an error unless the class
    // overrides __new__ but not __init__ (its __new__ took them).
    if a.len() > 1 {
        let tp = vm.type_of(a[0]);
        let o = vm.g.types.object;
        let (init, new) = (vm.g.names.__init__, vm.g.names.__new__);
        let own_init = vm.lookup_type(tp, init) != vm.lookup_type(o, init);
        let msg = "takes exactly one argument (the instance to initialize)";
        if own_init {
            return Err(vm.type_error(&format!("object.__init__() {msg}")));
        }
        // (Builtin types without a constructor of their own have none in
        // CPython, and so no complaint.)
        let heap = Obj::from_value(tp).is_some_and(|t| type_flags(t) & TF_HEAP != 0);
        if (heap || tp == o) && vm.lookup_type(tp, new) == vm.lookup_type(o, new) {
            let tn = type_name(tp);
            return Err(vm.type_error(&format!("{tn}.__init__() {msg}")));
        }
    }
    Ok(Value::NONE)
}

/// What `type.__call__` calls for a class (see `Vm::ctor_lookup`).
#[derive(Clone, Copy)]
pub(crate) struct Ctor {
    new: Option<Value>,
    init: Option<Value>,
    new_is_object: bool,
    init_is_object: bool,
}

/// 32 slots: the slot is the top 5 bits of the mixed class address.
const CTOR_CACHE_SIZE: usize = 32;

/// A function's `__qualname__`, formatted only when an error message needs it.
struct QualName(Obj);

impl std::fmt::Display for QualName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&str_of(self.0.get(FN_QUALNAME)))
    }
}

/// The generator whose yields a native consumer takes in batches, and
/// where they go ([`Vm::gen_next_batch`]; `gen` EMPTY for none). The
/// consumer roots both objects while it is set.
#[derive(Clone, Copy)]
pub struct Drain {
    pub(crate) gen: Value,
    pub(crate) list: Value,
    pub(crate) cap: usize,
    pub(crate) keep: DrainKeep,
}

/// Which yielded values a batch ([`Vm::gen_next_batch`]) takes without
/// leaving the generator's frame.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DrainKeep {
    /// Every value.
    All,
    /// Values whose hash and equality run no Python code
    /// ([`Vm::is_simple_key`]).
    SimpleKeys,
    /// Small ints and exact floats: adding them to an int or float runs
    /// no Python code and cannot fail.
    Numbers,
    /// Values whose truth is known without running code ([`plain_truth`])
    /// and is false (`any` goes on past them).
    Falsy,
    /// As `Falsy`, true values (`all` goes on past them).
    Truthy,
}

/// The truth of None, a bool, a small int, an exact float or an exact str,
/// which no Python code decides; None for anything else.
#[inline]
pub fn plain_truth(v: Value, t: &super::Types) -> Option<bool> {
    if let Some(i) = v.as_int() {
        return Some(i != 0);
    }
    if v.is_none() || v == Value::FALSE {
        return Some(false);
    }
    if v == Value::TRUE {
        return Some(true);
    }
    if let Some(f) = v.as_float() {
        return Some(f != 0.0);
    }
    let o = Obj::from_value(v)?;
    if o.kind() == Kind::STR && o.class() == t.str_ {
        return Some(proto_core::layouts::str::char_len(o) != 0);
    }
    None
}

/// Whether `v` is a small int or a float (immediate or exact).
#[inline]
pub fn small_number(v: Value, t: &super::Types) -> bool {
    v.is_int() || v.as_float().is_some() || Obj::from_value(v).is_some_and(|o| o.class() == t.float)
}

impl Vm {
    /// Whether a batch that keeps `keep` takes `v`.
    #[inline]
    pub(crate) fn drain_keeps(&self, keep: DrainKeep, v: Value) -> bool {
        match keep {
            DrainKeep::All => true,
            DrainKeep::SimpleKeys => self.is_simple_key(v),
            DrainKeep::Numbers => small_number(v, &self.g.types),
            DrainKeep::Falsy => plain_truth(v, &self.g.types) == Some(false),
            DrainKeep::Truthy => plain_truth(v, &self.g.types) == Some(true),
        }
    }
}

impl Drain {
    pub(crate) const NONE: Drain = Drain {
        gen: Value::EMPTY,
        list: Value::EMPTY,
        cap: 0,
        keep: DrainKeep::All,
    };
}

/// A small direct-mapped per-thread cache: (class bits, type epoch, lookups).
#[derive(Default)]
pub struct CtorCache([Option<(u64, u64, Ctor)>; CTOR_CACHE_SIZE]);

/// Parameters `n..argc` of the frame whose locals start at `locals`, from
/// the tail of the defaults tuple `d` (`argc - n <= len(d) <= argc`).
#[inline(always)]
fn fill_defaults(st: &mut [Value], locals: usize, n: usize, argc: usize, d: Obj) {
    let first = argc - d.n_values();
    for i in n..argc {
        st[locals + i] = d.get(i - first);
    }
}

/// [`copy_args`] without bounds checks.
///
/// # Safety
/// `from + n` and `to + n` are at most `st.len()`.
#[inline(always)]
unsafe fn copy_args_unchecked(st: &mut [Value], from: usize, to: usize, n: usize) {
    debug_assert!(from + n <= st.len() && to + n <= st.len());
    let p = st.as_mut_ptr();
    // SAFETY: both ranges are inside `st` by the contract; `copy` allows
    // them to overlap.
    unsafe {
        match n {
            0 => {}
            1 => *p.add(to) = *p.add(from),
            2 => {
                *p.add(to) = *p.add(from);
                *p.add(to + 1) = *p.add(from + 1);
            }
            3 => {
                *p.add(to) = *p.add(from);
                *p.add(to + 1) = *p.add(from + 1);
                *p.add(to + 2) = *p.add(from + 2);
            }
            _ => core::ptr::copy(p.add(from), p.add(to), n),
        }
    }
}

/// Copies `n` argument slots from `from` to `to` (`to >= from + n`: the new
/// frame lies above its arguments). Calls pass a handful of arguments: the
/// small counts are straight stores, where a loop compiled to a vectorised
/// copy with an overlap preamble costing ~50 instructions for one argument.
#[inline(always)]
fn copy_args(st: &mut [Value], from: usize, to: usize, n: usize) {
    match n {
        0 => {}
        1 => st[to] = st[from],
        2 => {
            st[to] = st[from];
            st[to + 1] = st[from + 1];
        }
        3 => {
            st[to] = st[from];
            st[to + 1] = st[from + 1];
            st[to + 2] = st[from + 2];
        }
        _ => st.copy_within(from..from + n, to),
    }
}

/// Is the special method `name` one of CPython's slot wrappers (a
/// `wrapper_descriptor`, whose errors read "descriptor '__eq__' of 'T'
/// object needs an argument") rather than a plain method descriptor?
pub(crate) fn is_slot_wrapper(name: &str) -> bool {
    name.len() > 4
        && name.starts_with("__")
        && name.ends_with("__")
        && !slot_is_meth(name)
        && !matches!(
            name,
            "__subclasses__"
                | "__init_subclass__"
                | "__class_getitem__"
                | "__prepare__"
                | "__exit__"
                | "__aenter__"
                | "__aexit__"
                | "__copy__"
                | "__deepcopy__"
                | "__setstate__"
                | "__getformat__"
                | "__missing__"
                | "__round__"
                | "__getnewargs_ex__"
                | "__fspath__"
        )
}

/// Is the special method `name` a plain method in CPython (METH_NOARGS /
/// METH_O, "T.__sizeof__() takes no arguments (1 given)") rather than a
/// slot wrapper ("expected 0 arguments, got 1")?
pub(crate) fn slot_is_meth(name: &str) -> bool {
    matches!(
        name,
        "__sizeof__"
            | "__complex__"
            | "__bytes__"
            | "__reversed__"
            | "__getnewargs__"
            | "__length_hint__"
            | "__trunc__"
            | "__floor__"
            | "__ceil__"
            | "__dir__"
            | "__reduce__"
            | "__getstate__"
            | "__enter__"
            | "__format__"
            | "__reduce_ex__"
            | "__instancecheck__"
            | "__subclasscheck__"
    )
}

/// Is `name` a plain method in CPython (METH_NOARGS / METH_O, its errors
/// naming `Type.name()`) rather than a slot wrapper: a special method
/// [`slot_is_meth`] lists, or any name that is no slot.
pub(crate) fn is_plain_method(name: &str) -> bool {
    slot_is_meth(name) || slot_arity(name).is_none()
}

/// Argument counts (after the receiver) of the special methods whose native
/// implementations take fixed arguments, as CPython's slot wrappers check
/// them. Methods with free signatures (`__init__`, `__new__`, `__call__`,
/// `__format__`'s callers...) are not listed.
pub(crate) fn slot_arity(name: &str) -> Option<(usize, usize)> {
    let b = name.as_bytes();
    if b.len() < 5 || !name.starts_with("__") || !name.ends_with("__") {
        return None;
    }
    Some(match &name[2..name.len() - 2] {
        "repr" | "str" | "hash" | "len" | "bool" | "neg" | "pos" | "abs" | "invert" | "int"
        | "float" | "index" | "iter" | "next" | "sizeof" | "complex" | "bytes" | "reversed"
        | "aiter" | "anext" | "await" | "getnewargs" | "length_hint" | "trunc" | "floor"
        | "ceil" | "dir" | "reduce" | "getstate" | "enter" => (0, 0),
        "lt" | "le" | "eq" | "ne" | "gt" | "ge" | "add" | "radd" | "sub" | "rsub" | "mul"
        | "rmul" | "matmul" | "rmatmul" | "truediv" | "rtruediv" | "floordiv" | "rfloordiv"
        | "mod" | "rmod" | "divmod" | "rdivmod" | "lshift" | "rlshift" | "rshift" | "rrshift"
        | "and" | "rand" | "or" | "ror" | "xor" | "rxor" | "iadd" | "isub" | "imul" | "imatmul"
        | "itruediv" | "ifloordiv" | "imod" | "ilshift" | "irshift" | "iand" | "ior" | "ixor"
        | "getattribute" | "getattr" | "delattr" | "getitem" | "delitem" | "contains"
        | "delete" | "instancecheck" | "subclasscheck" | "format" | "reduce_ex"
        | "class_getitem" => (1, 1),
        "setattr" | "setitem" | "set" => (2, 2),
        "pow" | "rpow" | "ipow" => (1, 2),
        "get" => (1, 2),
        "round" => (0, 1),
        _ => return None,
    })
}

/// [`copy_args`] from the stack into a native call's own buffer `dst` (at
/// least as long as `src`): straight stores for up to four arguments, where
/// a `copy_from_slice` of a variable length is a `memcpy` call.
#[inline(always)]
fn copy_args_into(dst: &mut [Value], src: &[Value]) {
    match *src {
        [] => {}
        [x] => dst[0] = x,
        [x, y] => {
            dst[0] = x;
            dst[1] = y;
        }
        [x, y, z] => {
            dst[0] = x;
            dst[1] = y;
            dst[2] = z;
        }
        [x, y, z, w] => {
            dst[0] = x;
            dst[1] = y;
            dst[2] = z;
            dst[3] = w;
        }
        _ => dst[..src.len()].copy_from_slice(src),
    }
}
