//! The registry of live interpreter threads, for reading another thread's
//! frames and handled exception (`sys._current_frames`,
//! `sys._current_exceptions`), and the runtime side of `os.fork`.
//!
//! Each Python thread registers its `Vm` (a raw pointer, valid while the
//! registration guard lives: the guard is made where the `Vm` has its
//! final address and dropped before the `Vm` is) with its `get_ident()`.
//! Another thread reads a registered `Vm`'s frames, value stack and root
//! slots only inside [`ProtoContext::with_world_stopped`]: the owner is then
//! parked at a safepoint or inside a blocking section, and in both states it
//! does not change its frame list or its roots (a blocking section borrows
//! the context for its whole length; a safepoint is reached between
//! instructions). The handshake's mutex orders the owner's last writes
//! before the reader's reads, and the reader's before the owner's next.
//!
//! Values read from another thread (code objects, globals, the handled
//! exception) may be local to it; they are promoted while the world is
//! stopped, so the reader may keep them (the owner's later writes to them
//! go through the write barrier, which checks the shared bit at each store).
//!
//! `fork`: [`Vm::fork_process`] forks through
//! [`ProtoContext::fork_process`] (world stopped, every runtime lock free
//! and held across the fork) and, in the child, makes the calling thread
//! the main thread, forgets the other threads' registrations and module
//! locks, and clears signals that arrived before the fork.

use super::*;
use proto_core::fork::Guards;
use proto_core::sync;

/// A registered thread: its ident and its `Vm`.
struct Entry {
    ident: u64,
    vm: *const Vm,
}

// SAFETY: the pointer is only dereferenced with the world stopped (see the
// module header), never moved between threads as a `Vm` access otherwise.
unsafe impl Send for Entry {}

static THREADS: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

std::thread_local! {
    /// The calling thread's registered `Vm` (null: none), for
    /// [`current_stack`].
    static CURRENT: core::cell::Cell<*const Vm> = const { core::cell::Cell::new(core::ptr::null()) };
    /// The `get_ident()` the calling thread registered under (0: none).
    static IDENT: core::cell::Cell<u64> = const { core::cell::Cell::new(0) };
}

/// The calling thread's `get_ident()` as registered ([`Vm::register_thread`]);
/// 0 before.
pub fn current_ident() -> u64 {
    IDENT.with(core::cell::Cell::get)
}

/// The calling thread's Python stack, innermost frame first: pushes up to
/// `limit` (filename, line) pairs to `out` and returns the number of frames
/// (all of them, as `tracemalloc`'s `total_nframe`). Reads only plain Rust
/// data (the frame list and the code's line table), so it may run inside an
/// allocation (the `tracemalloc` hook); a thread with no registered `Vm`
/// has no frames.
pub fn current_stack(limit: usize, out: &mut Vec<(Arc<str>, u32)>) -> usize {
    let vm = CURRENT.with(|c| c.get());
    if vm.is_null() {
        return 0;
    }
    // SAFETY: the registration guard clears CURRENT before the `Vm` goes
    // away, and this thread is the `Vm`'s owner; it is inside an allocation
    // or a native call, where the frame list is not being changed (pushing
    // or popping a frame allocates nothing in the heap), so the list and the
    // `'static` code data its frames point to are read as plain data.
    let frames: &Vec<Frame> = unsafe { &*core::ptr::addr_of!((*vm).frames) };
    // SAFETY: as above (a delegator's code object is immutable).
    let delegators: &Vec<(Obj, usize)> = unsafe { &*core::ptr::addr_of!((*vm).delegators) };
    for level in trace::stack_levels(frames, delegators).take(limit) {
        let (cd, line) = match level {
            trace::StackLevel::Frame(fi) => (frames[fi].code, frame_line(&frames[fi])),
            trace::StackLevel::Delegator(g) => {
                let Some((cd, pc)) = trace::delegator_position(g) else {
                    continue;
                };
                (cd, cd.code.location(pc as u32).line)
            }
        };
        out.push((cd.code.filename.clone(), line));
    }
    frames.len() + delegators.len()
}

/// The line frame `f` is at (its first line before it starts).
fn frame_line(f: &Frame) -> u32 {
    if f.call_pending && f.pc == 0 && f.lasti == 0 {
        f.code.code.first_lineno
    } else {
        f.code.code.location(f.lasti as u32).line
    }
}

/// Keeps a thread registered; unregisters it when dropped.
pub struct ThreadRegistration {
    vm: *const Vm,
}

impl Drop for ThreadRegistration {
    fn drop(&mut self) {
        let me = self.vm;
        CURRENT.with(|c| {
            if core::ptr::eq(c.get(), me) {
                c.set(core::ptr::null());
                super::owned_bytes::set_thread_context(0);
            }
        });
        sync::lock(&THREADS).retain(|e| !core::ptr::eq(e.vm, me));
    }
}

/// One frame of another thread: code object, instruction offset, globals.
pub struct FrameInfo {
    pub code: Value,
    pub lasti: usize,
    pub globals: Value,
}

/// What [`Vm::thread_states`] reads of one thread.
pub struct ThreadState {
    pub ident: u64,
    /// Outermost first.
    pub frames: Vec<FrameInfo>,
    /// The exception being handled (EMPTY/None if none).
    pub exc: Value,
}

/// Reads `vm`'s frames and handled exception.
///
/// # Safety
/// `vm` is the calling thread's own `Vm`, or a registered `Vm` of a thread
/// that is stopped (world stopped by the caller).
unsafe fn read_state(vm: *const Vm, ident: u64) -> ThreadState {
    // SAFETY: the owner does not run (caller's contract); only plain data
    // is copied out through shared references.
    let (frames, ctx): (&Vec<Frame>, &ProtoContext) = unsafe { (&(*vm).frames, &(*vm).ctx) };
    // SAFETY: as above.
    let delegators: &Vec<(Obj, usize)> = unsafe { &(*vm).delegators };
    let mut out = Vec::with_capacity(frames.len() + delegators.len());
    for level in trace::stack_levels(frames, delegators) {
        let f = match level {
            trace::StackLevel::Frame(fi) => &frames[fi],
            trace::StackLevel::Delegator(g) => {
                out.push(FrameInfo {
                    code: g.get(call::GEN_CODE),
                    lasti: proto_core::layouts::get_raw(g, call::GEN_RAW_PC) as usize,
                    globals: trace::gen_globals(g),
                });
                continue;
            }
        };
        // A frame object of a running frame shows that frame's current line
        // only to its own thread (`f_lineno` reads the live frame); readers
        // on other threads see the values it holds, brought up to date here
        // (a traceback's `tb_frame` reached through `_current_exceptions` is
        // at the line the frame runs now, as in CPython). Ints need no write
        // barrier, and the owner does not run meanwhile.
        if let Some(fo) = Obj::from_value(f.fobj).filter(|o| o.n_values() >= trace::FO_N) {
            let line = Vm::line_of(f);
            if line != 0 {
                fo.init(trace::FO_LINENO, Value::int(line));
            }
            fo.init(trace::FO_LASTI, Value::int(f.lasti as i64 * 2));
        }
        // SAFETY: as above.
        let mut code = unsafe { ctx.peek_stack(f.base) }.unwrap_or(Value::NONE);
        if let Some(o) = Obj::from_value(code).filter(|o| o.kind() == K_FUNCTION) {
            code = o.get(FN_CODE);
        }
        out.push(FrameInfo {
            code,
            lasti: f.lasti,
            globals: f.globals.value(),
        });
    }
    // Outermost first.
    out.reverse();
    // SAFETY: as above.
    let exc = unsafe { ctx.peek_root_slot(ROOT_EXC_INFO) }.unwrap_or(Value::NONE);
    ThreadState {
        ident,
        frames: out,
        exc,
    }
}

impl Vm {
    /// Registers this thread (`ident`: its `get_ident()`) so that other
    /// threads can read its frames. The `Vm` must not move while the
    /// returned guard lives.
    pub fn register_thread(&mut self, ident: u64) -> ThreadRegistration {
        let vm: *const Vm = self;
        CURRENT.with(|c| c.set(vm));
        IDENT.with(|c| c.set(ident));
        super::owned_bytes::set_thread_context(self.ctx.id());
        sync::lock(&THREADS).push(Entry { ident, vm });
        ThreadRegistration { vm }
    }

    /// Every registered thread of this interpreter (and the calling one,
    /// `my_ident`, registered or not): its frames and handled exception,
    /// read with the world stopped. The values are promoted, so they stay
    /// valid for the caller until its next safepoint and may be stored.
    pub fn thread_states(&mut self, my_ident: u64) -> Vec<ThreadState> {
        let me: *const Vm = self;
        let g: *const Interpreter = &*self.g;
        let mut states = self.ctx.with_world_stopped(|_| {
            let reg = sync::lock(&THREADS);
            let mut v = Vec::new();
            for e in reg.iter() {
                if core::ptr::eq(e.vm, me) {
                    continue;
                }
                // SAFETY: registered `Vm`s are alive while registered (the
                // registry's lock is held) and stopped (world stopped).
                let same = unsafe { core::ptr::eq(&*(*e.vm).g, g) };
                if same {
                    // SAFETY: as above.
                    v.push(unsafe { read_state(e.vm, e.ident) });
                }
            }
            v
        });
        // SAFETY: the calling thread's own Vm, not otherwise borrowed here.
        states.push(unsafe { read_state(me, my_ident) });
        for s in &states {
            for f in &s.frames {
                self.ctx.promote(f.code);
                self.ctx.promote(f.globals);
            }
            self.ctx.promote(s.exc);
        }
        states
    }

    /// A frame object chain (innermost returned) for `frames`, outermost
    /// first, as `sys._getframe` builds for this thread.
    pub fn frame_chain(&mut self, frames: &[FrameInfo]) -> Value {
        let mut back = Value::NONE;
        for f in frames {
            let line = code_data(f.code).map_or(0, |cd| cd.code.location(f.lasti as u32).line);
            let fo = self.alloc_obj(K_MISC, self.g.types.frame, 5, 0);
            fo.init(0, f.code);
            fo.init(1, Value::int(line as i64));
            fo.init(2, Value::int(f.lasti as i64 * 2));
            fo.init(3, f.globals);
            fo.init(4, back);
            back = fo.value();
        }
        back
    }

    /// Forks the process (`fork(2)` run by `fork`) with every other thread
    /// stopped and every runtime lock free (see `proto_core::fork`); in the
    /// child, the calling thread becomes the interpreter's only and main
    /// thread (`my_ident`: its `get_ident()`). Returns what `fork` returned.
    pub fn fork_process(&mut self, fork: impl FnOnce() -> libc::pid_t) -> libc::pid_t {
        let g = self.g.clone();
        let old_tid = sync::thread::native_id();
        let pid = self.ctx.fork_process(|| interpreter_locks(&g), fork);
        if pid == 0 {
            super::signals::set_main_thread();
            super::signals::after_fork_child();
            let me: *const Vm = self;
            sync::lock(&THREADS).retain(|e| core::ptr::eq(e.vm, me));
            g.import_locks
                .after_fork_child(old_tid, sync::thread::native_id());
        }
        pid
    }
}

/// Try-locks every lock of the interpreter a thread may hold inside a
/// blocking section; `None` if one is held.
fn interpreter_locks(g: &Interpreter) -> Option<Guards<'_>> {
    let mut gs = Guards::new();
    let ok = gs.try_take(&THREADS)
        && gs.try_take(&g.sys)
        && gs.try_take(&g.interned)
        && gs.try_take(&g.subclass_owners)
        && gs.try_take(&g.module_inits)
        && gs.try_take(&g.source_modules)
        && gs.try_take(&g.post_import_hooks)
        && gs.try_take(&g.sources)
        && gs.try_take(&g.std_finders)
        && gs.try_take(&g.std_path_hooks)
        && gs.try_take(&g.std_bootstrap)
        && gs.try_take(&g.audit_hooks)
        && g.import_locks.try_lock_for_fork(&mut gs)
        && super::finalize::try_lock_for_fork(&mut gs);
    ok.then_some(gs)
}
