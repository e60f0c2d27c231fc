//! Precise roots: the per-thread value stack, handle scopes and root slots.
//!
//! A collection keeps alive exactly what is reachable from roots. Each
//! `ProtoContext` has three kinds of root:
//! - the **value stack**: one contiguous array per thread where the
//!   interpreter keeps its frames' locals and operand stacks; slots `0..top`
//!   are roots. It never reallocates, so raw pointers into it stay valid.
//! - **handles**: Rust code that holds a `Value` across anything that may
//!   collect (any allocation, any safepoint) roots it in a [`Scope`]. Handles
//!   are branded with the scope's lifetime, so they cannot outlive it; the
//!   scope pops them when it ends. Allocating through a scope returns rooted
//!   handles directly, so the easy path is the safe one.
//! - **root slots**: a small growable array for long-lived per-thread values
//!   (current exception, thread state objects).
//!
//! Rule for Rust code (see docs/ARCHITECTURE.md): a raw `Value` pointing to
//! the heap is valid only until the next allocation or safepoint on its
//! thread unless it is reachable from a root.

use crate::context::ProtoContext;
use crate::object::{Kind, Obj};
use crate::value::Value;
use core::marker::PhantomData;

/// Values of the per-thread contiguous stack.
pub struct ValueStack {
    slots: StackBuf,
    top: usize,
}

/// Default capacity of a thread's value stack (values): 16 MiB of virtual
/// memory, committed by the OS only as it is touched.
pub const DEFAULT_STACK_VALUES: usize = 2 * 1024 * 1024;

/// The value stack's buffer: an anonymous mapping of its own, whose pages
/// read as zero (`Value::EMPTY`) and are committed only when touched, and
/// which goes back to the OS when the stack is dropped. Not calloc: once
/// one thread's 16 MiB buffer was freed, glibc's mmap threshold rose past
/// it and the next calloc came from its heap, zeroed by a memset of all
/// 16 MiB at every thread start (`threading.Thread(...).start()` and
/// `join()`: 0.58 ms, 55% of it in memset; CPython 0.09 ms).
struct StackBuf {
    ptr: core::ptr::NonNull<Value>,
    len: usize,
}

// SAFETY: the buffer is owned by one `ValueStack`; moving it to another
// thread (a context made on its parent thread) moves the ownership.
unsafe impl Send for StackBuf {}

impl StackBuf {
    fn new(len: usize) -> StackBuf {
        const _: () = assert!(Value::EMPTY.bits() == 0);
        let bytes = len * core::mem::size_of::<Value>();
        // SAFETY: a fresh private anonymous mapping; nothing else refers to
        // the range it returns.
        let p = unsafe {
            libc::mmap(
                core::ptr::null_mut(),
                bytes.max(1),
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        match core::ptr::NonNull::new(p.cast::<Value>()).filter(|_| p != libc::MAP_FAILED) {
            Some(ptr) => StackBuf { ptr, len },
            None => std::alloc::handle_alloc_error(
                std::alloc::Layout::array::<Value>(len)
                    .unwrap_or(std::alloc::Layout::new::<Value>()),
            ),
        }
    }
}

impl core::ops::Deref for StackBuf {
    type Target = [Value];
    #[inline(always)]
    fn deref(&self) -> &[Value] {
        // SAFETY: `len` values of the live mapping, which reads as zero
        // (EMPTY) where untouched; `Value` is a plain `u64` word.
        unsafe { core::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl core::ops::DerefMut for StackBuf {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Value] {
        // SAFETY: as for `deref`; `&mut self` makes the borrow exclusive.
        unsafe { core::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl Drop for StackBuf {
    fn drop(&mut self) {
        // SAFETY: the mapping made by `new`, of this size; the stack that
        // owned it is gone, so nothing points into it any more.
        unsafe {
            libc::munmap(
                self.ptr.as_ptr().cast(),
                (self.len * core::mem::size_of::<Value>()).max(1),
            );
        }
    }
}

impl ValueStack {
    pub(crate) fn new(capacity: usize) -> ValueStack {
        ValueStack {
            slots: StackBuf::new(capacity),
            top: 0,
        }
    }

    /// Capacity in values.
    #[inline]
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Number of live slots (the roots are `0..top`).
    #[inline]
    pub fn top(&self) -> usize {
        self.top
    }

    /// Sets the number of live slots. Slots above `top` are cleared so stale
    /// values neither stay alive nor reappear when the stack grows again.
    /// Inlined: the interpreter calls it on every frame push and pop.
    #[inline(always)]
    pub fn set_top(&mut self, top: usize) {
        assert!(top <= self.slots.len(), "value stack overflow");
        let old = self.top;
        if top < old {
            if old - top <= CLEAR_WINDOW && top + CLEAR_WINDOW <= self.slots.len() {
                // A frame pop: clear a fixed-size window, which compiles to a
                // few vector stores instead of a `memset` call. Slots at and
                // above `old` are EMPTY already, so clearing past it is a
                // no-op.
                let window = &mut self.slots[top..top + CLEAR_WINDOW];
                // SAFETY: `window` is exactly `CLEAR_WINDOW` initialised,
                // exclusively borrowed slots; `Value` is plain data. One
                // array store (unlike `fill`, which LLVM may merge with the
                // variable-length branch into a `memset` call).
                unsafe {
                    window
                        .as_mut_ptr()
                        .cast::<[Value; CLEAR_WINDOW]>()
                        .write_unaligned([Value::EMPTY; CLEAR_WINDOW]);
                }
            } else {
                self.slots[top..old].fill(Value::EMPTY);
            }
        }
        self.top = top;
    }

    /// The live slots.
    pub fn live(&self) -> &[Value] {
        &self.slots[..self.top]
    }

    /// All slots (live and spare), for the interpreter's frames.
    pub fn slots_mut(&mut self) -> &mut [Value] {
        &mut self.slots
    }

    /// Pushes a value; panics on overflow (the engine checks depth first).
    pub fn push(&mut self, v: Value) {
        let t = self.top;
        assert!(t < self.slots.len(), "value stack overflow");
        self.slots[t] = v;
        self.top = t + 1;
    }

    /// Pops a value.
    pub fn pop(&mut self) -> Option<Value> {
        if self.top == 0 {
            return None;
        }
        self.top -= 1;
        let v = self.slots[self.top];
        self.slots[self.top] = Value::EMPTY;
        Some(v)
    }
}

/// Slots [`ValueStack::set_top`] clears with one fixed-size store sequence
/// when the stack shrinks by at most this many (most frames are smaller).
const CLEAR_WINDOW: usize = 16;

/// The roots of one context.
pub(crate) struct Roots {
    pub(crate) stack: ValueStack,
    pub(crate) handles: Vec<Value>,
    pub(crate) slots: Vec<Value>,
}

impl Roots {
    pub(crate) fn new(stack_values: usize) -> Roots {
        Roots {
            stack: ValueStack::new(stack_values),
            handles: Vec::new(),
            slots: Vec::new(),
        }
    }

    pub(crate) fn for_each(&self, mut f: impl FnMut(Value)) {
        for &v in self
            .stack
            .live()
            .iter()
            .chain(self.handles.iter())
            .chain(self.slots.iter())
        {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

type Brand<'s> = PhantomData<fn(&'s ()) -> &'s ()>;

/// A rooted value, valid for the scope `'s` that rooted it.
#[derive(Clone, Copy)]
pub struct Handle<'s> {
    v: Value,
    _brand: Brand<'s>,
}

impl core::fmt::Debug for Handle<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Handle({:?})", self.v)
    }
}

impl<'s> Handle<'s> {
    /// The rooted value.
    #[inline(always)]
    pub fn get(self) -> Value {
        self.v
    }

    /// The rooted object, if the value is a heap object.
    #[inline(always)]
    pub fn obj(self) -> Option<Obj> {
        Obj::from_value(self.v)
    }
}

/// A handle scope: values rooted in it stay alive until it ends.
/// Created by [`ProtoContext::scope`].
pub struct Scope<'s> {
    ctx: &'s mut ProtoContext,
    _brand: Brand<'s>,
}

impl<'s> Scope<'s> {
    pub(crate) fn new(ctx: &'s mut ProtoContext) -> Scope<'s> {
        Scope {
            ctx,
            _brand: PhantomData,
        }
    }

    /// Roots `v` until the scope ends.
    #[inline]
    pub fn root(&mut self, v: Value) -> Handle<'s> {
        if v.is_heap() {
            self.ctx.roots_mut().handles.push(v);
        }
        Handle {
            v,
            _brand: PhantomData,
        }
    }

    /// Allocates an object with `n_values` value slots (EMPTY) and `raw`
    /// zeroed raw bytes, rooted in this scope.
    pub fn alloc(&mut self, kind: Kind, class: Value, n_values: usize, raw: usize) -> Handle<'s> {
        let v = self.ctx.alloc(kind, class, n_values, raw);
        self.root(v)
    }

    /// Stores `v` into slot `i` of `obj` through the write barrier.
    pub fn store(&mut self, obj: Handle<'s>, i: usize, v: Value) {
        if let Some(o) = obj.obj() {
            self.ctx.store(o, i, v);
        }
    }

    /// The context, for calls that need it. Handles of this scope remain
    /// rooted across those calls.
    pub fn ctx(&mut self) -> &mut ProtoContext {
        self.ctx
    }
}
