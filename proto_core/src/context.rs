//! `ProtoContext`: one thread's allocation context and mutator state.
//!
//! Allocation pops a free-list head from the context's own blocks: no lock,
//! no atomic read-modify-write. The slow path (a new block) polls the
//! safepoint, may run a local or a global collection, and takes blocks from
//! the space. Stores into heap objects go through [`ProtoContext::store`],
//! the write barrier that keeps the promotion invariant.
//!
//! Concurrency contract: a `ProtoContext` is used by one thread at a time
//! (`Send`, not `Sync`). Its heap and roots live in a `ContextShared` that the
//! space's registry also holds, for the collector, which touches them only
//! while this context is parked at a safepoint or inside `blocking`.

use crate::gc::{self, GcStats};
use crate::gclog::Entry;
use crate::heap::{
    class_of, init_object, init_zeroed_object, LocalHeap, LARGE_FLAG, MAX_SMALL_CELLS,
};
use crate::native::{self, Trace};
use crate::object::{
    cells_for, object_bytes, Kind, Obj, FROZEN, IMMORTAL, NATIVE, NATIVE_DROP, SHARED,
};
use crate::promote::{self, Heap};
use crate::roots::{Roots, Scope, ValueStack};
use crate::space::ProtoSpace;
#[cfg(not(loom))]
use crate::sync::Arc;
use crate::sync::Ordering;
// Same Arc as space.rs (see there).
use crate::value::Value;
use core::cell::UnsafeCell;
use core::ptr::NonNull;
#[cfg(loom)]
use std::sync::Arc;

/// The part of a context the collector reaches through the space.
///
/// Aligned to 128 bytes so that no two contexts share a cache line (or an
/// adjacent-line prefetch pair): a thread's contexts are all made by the
/// thread that spawns it, so they lie side by side in one malloc arena, and
/// the owner writes its free-list heads and allocation count at every
/// allocation.
#[repr(align(128))]
pub(crate) struct ContextShared {
    pub(crate) id: u16,
    heap: UnsafeCell<LocalHeap>,
    roots: UnsafeCell<Roots>,
}

// SAFETY: the cells are accessed by the owner thread while it runs, and by the
// collector only while the owner is stopped (handshake ordering).
unsafe impl Sync for ContextShared {}
// SAFETY: as above.
unsafe impl Send for ContextShared {}

impl ContextShared {
    pub(crate) fn new(id: u16, stack_values: usize) -> ContextShared {
        ContextShared {
            id,
            heap: UnsafeCell::new(LocalHeap::new()),
            roots: UnsafeCell::new(Roots::new(stack_values)),
        }
    }

    /// # Safety
    /// The caller is the owner thread, or the collector with the owner stopped,
    /// and holds no other reference to the heap.
    #[allow(clippy::mut_from_ref)]
    pub(crate) unsafe fn heap_mut(&self) -> &mut LocalHeap {
        // SAFETY: exclusivity guaranteed by the caller.
        unsafe { &mut *self.heap.get() }
    }

    /// # Safety
    /// As for `heap_mut`, for reading.
    pub(crate) unsafe fn roots_ref(&self) -> &Roots {
        // SAFETY: guaranteed by the caller.
        unsafe { &*self.roots.get() }
    }

    /// # Safety
    /// As for `heap_mut`.
    #[allow(clippy::mut_from_ref)]
    pub(crate) unsafe fn roots_mut(&self) -> &mut Roots {
        // SAFETY: guaranteed by the caller.
        unsafe { &mut *self.roots.get() }
    }
}

/// A thread's allocation context. Create with [`ProtoSpace::new_context`].
pub struct ProtoContext {
    space: Arc<ProtoSpace>,
    shared: Arc<ContextShared>,
    promote_stack: Vec<Obj>,
    promoted_since_flush: u64,
    /// Bytes promoted or held outside the heap by new native objects, not
    /// yet added to the space's figure (`add_pressure`).
    pressure_since_flush: usize,
    /// Deferred mode: allocation never collects; it marks a collection
    /// pending and the next [`ProtoContext::safepoint`] runs it.
    deferred: bool,
    /// Work for the next [`ProtoContext::safepoint`]: [`PENDING_COLLECT`],
    /// [`PENDING_TURN`] (one test on the hot path for both).
    pending: u8,
    /// Outside the handshake between `detach` and `attach`.
    detached: bool,
    /// A shared object whose lock this thread still holds although its
    /// last operation on it ended: [`ProtoContext::unlock_object`] kept it
    /// for a turn because other threads wait for it (see there).
    turn: Option<Obj>,
    /// Safepoints seen with a kept lock (see `TURN_POLL_EVERY`).
    turn_polls: u32,
    /// The space's empty dict table, once this context has read it.
    empty_dict_table: Value,
    /// A local collection left at least `SpaceConfig::tenure_bytes` alive,
    /// in solo mode: the embedder's next [`ProtoContext::tenure`] promotes
    /// them.
    tenure_pending: bool,
    #[cfg(feature = "gc-stress")]
    stress_count: u64,
}

// SAFETY: a context may move to another thread before use; it is not Sync, so
// only one thread uses it at a time.
unsafe impl Send for ProtoContext {}

impl core::fmt::Debug for ProtoContext {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "ProtoContext({})", self.shared.id)
    }
}

impl ProtoContext {
    pub(crate) fn new(space: Arc<ProtoSpace>, shared: Arc<ContextShared>) -> ProtoContext {
        ProtoContext {
            space,
            shared,
            promote_stack: Vec::new(),
            empty_dict_table: Value::EMPTY,
            promoted_since_flush: 0,
            pressure_since_flush: 0,
            deferred: false,
            pending: 0,
            detached: false,
            turn: None,
            turn_polls: 0,
            tenure_pending: false,
            #[cfg(feature = "gc-stress")]
            stress_count: 0,
        }
    }

    /// The space this context allocates in.
    pub fn space(&self) -> &Arc<ProtoSpace> {
        &self.space
    }

    /// This context's id (stored in the owner field of its objects).
    pub fn id(&self) -> u16 {
        self.shared.id
    }

    #[inline(always)]
    pub(crate) fn heap(&mut self) -> &mut LocalHeap {
        // SAFETY: we are the owner and Running (&mut self excludes other uses).
        unsafe { self.shared.heap_mut() }
    }

    #[inline(always)]
    pub(crate) fn roots_mut(&mut self) -> &mut Roots {
        // SAFETY: owner, Running.
        unsafe { self.shared.roots_mut() }
    }

    /// The thread's value stack (a root).
    #[inline(always)]
    pub fn stack(&mut self) -> &mut ValueStack {
        &mut self.roots_mut().stack
    }

    /// Long-lived per-thread root slots.
    pub fn root_slots(&mut self) -> &mut Vec<Value> {
        &mut self.roots_mut().slots
    }

    /// Runs `f` with a handle scope; handles rooted in it live until it returns.
    pub fn scope<R>(&mut self, f: impl for<'s> FnOnce(&mut Scope<'s>) -> R) -> R {
        let base = self.roots_mut().handles.len();
        let r = {
            let mut s = Scope::new(self);
            f(&mut s)
        };
        self.roots_mut().handles.truncate(base);
        r
    }

    // ---------------------------------------------------------------- allocation

    /// Allocates a local object with `n_values` traced slots (EMPTY) and
    /// `raw` zeroed raw bytes. May collect. Panics if the size overflows
    /// (use [`ProtoContext::try_alloc`] where the size comes from a program).
    #[inline(always)]
    pub fn alloc(&mut self, kind: Kind, class: Value, n_values: usize, raw: usize) -> Value {
        match self.try_alloc(kind, class, n_values, raw) {
            Some(v) => v,
            None => panic!(
                "ProtoContext::alloc: object of {n_values} values + {raw} bytes is too large"
            ),
        }
    }

    /// As [`ProtoContext::alloc`], but returns `None` when the object is too
    /// large to allocate, or the system refuses the memory for it even after
    /// a collection (the engine raises MemoryError).
    #[inline(always)]
    pub fn try_alloc(
        &mut self,
        kind: Kind,
        class: Value,
        n_values: usize,
        raw: usize,
    ) -> Option<Value> {
        self.try_alloc_in(kind, class, n_values, raw, None)
    }

    /// As [`ProtoContext::try_alloc`] for an object whose raw bytes past the
    /// first `zeroed` the caller writes before anything reads them (a bytes
    /// object filled at once): those bytes are then not zeroed first, which
    /// had cost as much as filling them (for a large object also in page
    /// faults). Its values and first `zeroed` raw bytes are zero as usual.
    #[inline]
    pub fn try_alloc_filled(
        &mut self,
        kind: Kind,
        class: Value,
        n_values: usize,
        raw: usize,
        zeroed: usize,
    ) -> Option<Value> {
        self.try_alloc_in(kind, class, n_values, raw, Some(zeroed.min(raw)))
    }

    /// [`ProtoContext::try_alloc`]; `zero_raw`: `Some(k)` when only the
    /// first `k` raw bytes of a large object need zeroing.
    #[inline(always)]
    fn try_alloc_in(
        &mut self,
        kind: Kind,
        class: Value,
        n_values: usize,
        raw: usize,
        zero_raw: Option<usize>,
    ) -> Option<Value> {
        debug_assert!(kind.0 <= Kind::LAST.0);
        if n_values > u32::MAX as usize {
            return None;
        }
        let bytes = n_values
            .checked_mul(8)?
            .checked_add(raw)?
            .checked_add(object_bytes(0, 0))?;
        let cells = cells_for(bytes);
        #[cfg(feature = "gc-stress")]
        self.stress_collect();
        let (p, flags) = if cells <= MAX_SMALL_CELLS {
            self.heap().since_gc += cells * crate::CELL;
            let ci = class_of(cells);
            let p = match self.heap().pop(ci) {
                Some(p) => p,
                None => self.alloc_slow(ci)?,
            };
            (p, 0)
        } else {
            let p = self.alloc_large(cells, zero_raw.is_none())?;
            if let Some(k) = zero_raw {
                // SAFETY: the object's `cells * CELL` bytes at p are ours,
                // and object_bytes(n_values, k) <= object_bytes(n_values, raw)
                // <= cells * CELL.
                unsafe { core::ptr::write_bytes(p.as_ptr(), 0, object_bytes(n_values, k)) };
            }
            (p, LARGE_FLAG)
        };
        let owner = self.shared.id;
        let obj = if flags == 0 {
            match zero_raw {
                // Past two cells, only what is read before the caller
                // writes it is zeroed (a joined str's bytes were zeroed and
                // then copied over).
                Some(k) if cells > 2 => {
                    // SAFETY: p is a fresh slot of at least `cells` cells
                    // owned by this heap, and object_bytes(n_values, k) <=
                    // cells * CELL; its header, values and every raw byte
                    // read before the caller writes it are zeroed here.
                    unsafe {
                        core::ptr::write_bytes(p.as_ptr(), 0, object_bytes(n_values, k));
                        init_zeroed_object(p, cells, kind, flags, owner, n_values as u32)
                    }
                }
                // SAFETY: p is a fresh slot of at least `cells` cells owned by this heap.
                _ => unsafe { init_object(p, cells, kind, flags, owner, n_values as u32) },
            }
        } else {
            // SAFETY: a large object's memory is used by nobody else and is
            // zero (from `alloc_zeroed`), or its header, values and every raw
            // byte read before the caller writes it were zeroed above.
            unsafe { init_zeroed_object(p, cells, kind, flags, owner, n_values as u32) }
        };
        obj.init_class(class);
        if crate::alloc_trace::active() {
            crate::alloc_trace::allocated(obj.value().bits() as usize, cells * crate::CELL);
        }
        Some(obj.value())
    }

    /// A slot of class `ci` when the current list is empty: from a block
    /// with free slots, after a collection when one is due, else from a new
    /// block. `None` when the system refuses a new block and a global
    /// collection (when this context may run one) frees no slot either.
    #[cold]
    #[inline(never)]
    fn alloc_slow(&mut self, ci: usize) -> Option<NonNull<u8>> {
        if !self.deferred {
            self.safepoint();
        }
        if self.heap().refill_from_avail(ci) {
            if let Some(p) = self.heap().pop(ci) {
                return Some(p);
            }
        }
        if self.deferred {
            self.note_pressure();
        } else if self.heap().since_gc >= self.heap().trigger {
            self.collect_local();
            if self.heap().refill_from_avail(ci) {
                if let Some(p) = self.heap().pop(ci) {
                    return Some(p);
                }
            }
        }
        if !self.deferred && self.space.wants_global() {
            self.collect_global();
            if self.heap().refill_from_avail(ci) {
                if let Some(p) = self.heap().pop(ci) {
                    return Some(p);
                }
            }
        }
        let b = match self.space.take_block(ci) {
            Some(b) => b,
            None => {
                // Out of memory: garbage not yet collected may hold free
                // slots or, once its blocks are released, room for a block.
                if self.deferred {
                    return None;
                }
                self.collect_global();
                if self.heap().refill_from_avail(ci) {
                    if let Some(p) = self.heap().pop(ci) {
                        return Some(p);
                    }
                }
                self.space.take_block(ci)?
            }
        };
        self.heap().adopt_current(b);
        match self.heap().pop(ci) {
            Some(p) => Some(p),
            None => unreachable!("a freshly adopted block has free slots"),
        }
    }

    #[cold]
    fn alloc_large(&mut self, cells: usize, zeroed: bool) -> Option<NonNull<u8>> {
        let bytes = cells.checked_mul(crate::CELL)?;
        if self.deferred {
            self.note_pressure();
        } else {
            self.safepoint();
            if self.heap().since_gc >= self.heap().trigger {
                self.collect_local();
            }
            if self.space.wants_global() {
                self.collect_global();
            }
        }
        let p = match self.heap().alloc_large(cells, zeroed) {
            Some(p) => p,
            // Refused by the system (or too large): garbage not yet
            // collected (a list's old storage, say) may make room.
            None if !self.deferred
                && cells <= u32::MAX as usize
                && bytes <= isize::MAX as usize =>
            {
                self.collect_global();
                self.heap().alloc_large(cells, zeroed)?
            }
            None => return None,
        };
        self.space.large_bytes.fetch_add(bytes, Ordering::Relaxed);
        Some(p)
    }

    /// GC-stress mode: a local collection at every allocation, and a global
    /// one at every 256th, so rooting mistakes surface at once.
    #[cfg(feature = "gc-stress")]
    fn stress_collect(&mut self) {
        if self.deferred {
            self.pending |= PENDING_COLLECT;
            return;
        }
        self.stress_count = self.stress_count.wrapping_add(1);
        if self.stress_count % 256 == 0 {
            self.collect_global();
        } else {
            self.collect_local();
        }
    }

    /// The space's immortal dict table of capacity 0 (see
    /// [`crate::layouts::dict::alloc_empty`]), made by the first context
    /// that asks: `make` builds a candidate, and the first one published
    /// wins (a loser's stays unused in the immortal arena).
    #[inline]
    pub(crate) fn empty_dict_table(&mut self, make: fn(&mut ProtoContext) -> Value) -> Value {
        if self.empty_dict_table.is_empty() {
            self.empty_dict_table = self.load_empty_dict_table(make);
        }
        self.empty_dict_table
    }

    #[cold]
    fn load_empty_dict_table(&mut self, make: fn(&mut ProtoContext) -> Value) -> Value {
        let now = self.space.empty_dict_table.load(Ordering::Acquire);
        if now != 0 {
            return Value::from_bits(now);
        }
        let t = make(self);
        let cell = &self.space.empty_dict_table;
        match cell.compare_exchange(0, t.bits(), Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => t,
            Err(won) => Value::from_bits(won),
        }
    }

    /// Allocates an immortal object (shared, never collected, traced as a root
    /// by global collections). For code, constants, interned names, builtins.
    pub fn alloc_immortal(
        &mut self,
        kind: Kind,
        class: Value,
        n_values: usize,
        raw: usize,
    ) -> Value {
        let bytes = object_bytes(n_values, raw);
        let cells = cells_for(bytes);
        let p = self.space.alloc_immortal(cells);
        // SAFETY: fresh arena memory of `cells` cells.
        let obj = unsafe {
            init_object(
                p,
                cells,
                kind,
                SHARED | IMMORTAL | FROZEN,
                self.shared.id,
                n_values as u32,
            )
        };
        if class.is_heap() {
            self.promote(class);
        }
        obj.init_class(class);
        self.space.register_immortal(obj.value());
        obj.value()
    }

    /// Allocates a native object holding `value` (dropped when collected).
    pub fn alloc_native<T: Trace + Send + Sync + 'static>(
        &mut self,
        kind: Kind,
        class: Value,
        value: T,
    ) -> Value {
        self.alloc_native_with_values(kind, class, 0, value)
    }

    /// Allocates an object with `n_values` traced slots (EMPTY) whose raw
    /// region holds the native payload `value` (traced and dropped like the
    /// payload of [`ProtoContext::alloc_native`]). Lets a layout whose value
    /// words are all taken (a tuple's items) carry extra data.
    pub fn alloc_native_with_values<T: Trace + Send + Sync + 'static>(
        &mut self,
        kind: Kind,
        class: Value,
        n_values: usize,
        value: T,
    ) -> Value {
        let raw = native::native_raw_bytes::<T>();
        let external = value.external_bytes();
        let v = self.alloc(kind, class, n_values, raw);
        // The external memory of a local object brings this thread's next
        // local collection nearer, which frees it; it counts towards a
        // global collection only once the object is promoted (`promote`).
        // Counted as global pressure when made, the 256 KiB that each
        // `zlib.compressobj()` reports started a global collection every
        // 64 of them made and dropped (`PERFORMANCE.md`, "Stop 99").
        if external > 0 {
            self.heap().since_gc += external;
            // Due at the next safepoint, not at the next block: a small
            // object holding much external memory fills no block.
            self.note_pressure();
        }
        let obj = Obj::from_value(v).expect("alloc returns a heap value");
        // A plain read and write, not an atomic OR: the object is fresh and
        // local, so no other thread or collector can touch its meta word
        // yet, and a locked RMW would wait for the stores that initialised
        // it (cold lines) to drain (4% of a Decimal-heavy loop).
        let meta = &obj.header().meta;
        let m = meta.load(crate::sync::heap_atomic::Ordering::Relaxed);
        let flags = if core::mem::needs_drop::<T>() {
            NATIVE | NATIVE_DROP
        } else {
            NATIVE
        };
        meta.store(m | flags, crate::sync::heap_atomic::Ordering::Relaxed);
        // SAFETY: fresh object with the NATIVE flag and enough raw bytes.
        unsafe { native::init_native(obj, value) };
        v
    }

    // ---------------------------------------------------------------- barrier

    /// Stores `v` into value slot `i` of `obj`: the write barrier. If `obj` is
    /// shared and `v` is a local object, `v` and everything it reaches are
    /// promoted first.
    #[inline(always)]
    pub fn store(&mut self, obj: Obj, i: usize, v: Value) {
        if let Some(c) = Obj::from_value(v) {
            if obj.is_shared() && !c.is_shared() {
                self.promote_obj(c);
            }
        }
        obj.store_raw(i, v);
    }

    /// Sets the class word of `obj` through the write barrier.
    pub fn store_class(&mut self, obj: Obj, class: Value) {
        if let Some(c) = Obj::from_value(class) {
            if obj.is_shared() && !c.is_shared() {
                self.promote_obj(c);
            }
        }
        obj.init_class(class);
    }

    /// Promotes `v` (and all it reaches) to shared: for publishing a value to
    /// other threads by means other than a store into a shared object.
    pub fn promote(&mut self, v: Value) {
        if let Some(o) = Obj::from_value(v) {
            if !o.is_shared() {
                self.promote_obj(o);
            }
        }
    }

    #[cold]
    fn promote_obj(&mut self, o: Obj) {
        self.promote_all(core::iter::once(o));
    }

    /// Promotes each of `objs` (the shared ones are left as they are) and
    /// all they reach; returns the objects and bytes promoted.
    fn promote_all(&mut self, objs: impl Iterator<Item = Obj>) -> (usize, usize) {
        let mut stack = core::mem::take(&mut self.promote_stack);
        let g = Heap::default();
        let mut n = 0;
        for o in objs {
            if !o.is_shared() {
                n += promote::promote(&g, o, &mut stack);
            }
        }
        self.promote_stack = stack;
        self.promoted_since_flush += n as u64;
        let bytes = g.bytes.get();
        self.add_pressure(bytes);
        (n, bytes)
    }

    /// Counts `bytes` towards the next global collection: promoted objects
    /// (only a global collection frees them) and the external memory of
    /// native objects. Flushed to the space in batches; when the space's
    /// figure passes its trigger, a collection is marked pending for the next
    /// safepoint.
    fn add_pressure(&mut self, bytes: usize) {
        self.pressure_since_flush += bytes;
        if self.pressure_since_flush >= PRESSURE_BATCH {
            self.flush_counters();
            if self.space.wants_global() {
                self.pending |= PENDING_COLLECT;
            }
        }
    }

    /// The native object `obj` gave back `bytes` of the external memory it
    /// was counted for when made ([`Trace::external_bytes`]) before it was
    /// collected (a finished decompressor ends its stream): they no longer
    /// bring the next local or global collection nearer.
    pub fn release_external(&mut self, obj: Value, bytes: usize) {
        let heap = self.heap();
        heap.since_gc = heap.since_gc.saturating_sub(bytes);
        // Only a shared object's external bytes were counted as pressure.
        if Obj::from_value(obj).is_some_and(|o| o.is_shared()) {
            let local = bytes.min(self.pressure_since_flush);
            self.pressure_since_flush -= local;
            self.space.sub_pressure(bytes - local);
        }
    }

    fn flush_counters(&mut self) {
        self.space
            .promoted
            .fetch_add(self.promoted_since_flush, Ordering::Relaxed);
        self.promoted_since_flush = 0;
        self.space.add_pressure(self.pressure_since_flush);
        self.pressure_since_flush = 0;
    }

    /// Forks the process (`fork` runs the system call and returns its
    /// result) at an instant where no other thread holds a runtime lock
    /// (see [`crate::fork`]). `prepare` try-locks the caller's own locks
    /// (`None` if one is held; everything is then released and tried
    /// again); its guards, and the space's, are released in both processes
    /// after the fork. In the child (`fork` returned 0) the calling thread
    /// is the only mutator and the other contexts are gone.
    #[cfg(not(loom))]
    pub fn fork_process<G>(
        &mut self,
        mut prepare: impl FnMut() -> Option<G>,
        fork: impl FnOnce() -> libc::pid_t,
    ) -> libc::pid_t {
        self.end_turn();
        self.flush_counters();
        let space = self.space.clone();
        let pid = crate::fork::run(
            &space.handshake,
            || {
                let locks = space.try_lock_for_fork()?;
                let mine = prepare()?;
                // Released in this order: the caller's, then the space's.
                Some((mine, locks))
            },
            fork,
        );
        if pid == 0 {
            space.after_fork_child(&self.shared);
        }
        pid
    }

    /// Runs `f` with every other registered thread parked at a safepoint
    /// or inside a blocking section (the world stopped as for a global
    /// collection, without collecting). `f` may read other contexts'
    /// roots with [`ProtoContext::peek_stack`]/[`ProtoContext::peek_root_slot`];
    /// it must not wait for another thread.
    pub fn with_world_stopped<R>(&mut self, f: impl FnOnce(&mut ProtoContext) -> R) -> R {
        self.end_turn();
        self.flush_counters();
        let space = self.space.clone();
        while !space.handshake.begin(true) {}
        struct End<'a>(&'a crate::handshake::Handshake);
        impl Drop for End<'_> {
            fn drop(&mut self) {
                self.0.end(true);
            }
        }
        let _end = End(&space.handshake);
        f(self)
    }

    /// Value-stack slot `i` of a context (None past its top).
    ///
    /// # Safety
    /// `self` is the calling thread's own context, or another thread's
    /// while that thread is stopped ([`ProtoContext::with_world_stopped`]).
    pub unsafe fn peek_stack(&self, i: usize) -> Option<Value> {
        // SAFETY: no thread writes the roots meanwhile (caller's contract).
        let r = unsafe { self.shared.roots_ref() };
        r.stack.live().get(i).copied()
    }

    /// Root slot `i` of a context (None if it has no such slot).
    ///
    /// # Safety
    /// As for [`ProtoContext::peek_stack`].
    pub unsafe fn peek_root_slot(&self, i: usize) -> Option<Value> {
        // SAFETY: as above.
        let r = unsafe { self.shared.roots_ref() };
        r.slots.get(i).copied()
    }

    /// Adds `v` as a global root (promoting it); returns its index.
    pub fn add_global_root(&mut self, v: Value) -> usize {
        self.promote(v);
        self.space.push_global_root(v)
    }

    /// Replaces global root `i` (promoting `v`).
    pub fn set_global_root(&mut self, i: usize, v: Value) {
        self.promote(v);
        self.space.set_global_root(i, v);
    }

    // ---------------------------------------------------------------- safepoints

    /// A safepoint: parks here if a global collection is requested, and in
    /// deferred mode runs the collection that allocation marked pending.
    #[inline(always)]
    pub fn safepoint(&mut self) {
        if self.space.handshake.is_requested() {
            self.park_at_safepoint();
        }
        if self.pending != 0 {
            self.run_pending();
        }
    }

    /// A collection is requested: ends a kept lock's turn (a waiter for it
    /// does not poll) and parks.
    #[cold]
    fn park_at_safepoint(&mut self) {
        self.end_turn();
        self.space.handshake.poll();
    }

    /// Switches deferred mode on or off. In deferred mode allocation never
    /// collects, so Rust code may hold unrooted values across allocations;
    /// only safepoints (and explicit collections) collect. The interpreter
    /// uses this mode: its safepoints are back-edges, calls and returns,
    /// where every live value is in a frame or a handle.
    pub fn set_deferred_collection(&mut self, on: bool) {
        self.deferred = on;
    }

    /// Bytes this context has been handed since its last local collection
    /// (the figure its local trigger compares; `gc.get_count()` reports it).
    pub fn allocated_since_collection(&mut self) -> usize {
        self.heap().since_gc
    }

    /// Is a collection waiting for the next safepoint?
    pub fn collection_pending(&self) -> bool {
        self.pending & PENDING_COLLECT != 0
    }

    /// Allocation passed a threshold in deferred mode: mark a collection pending.
    fn note_pressure(&mut self) {
        if self.heap().since_gc >= self.heap().trigger || self.space.wants_global() {
            self.pending |= PENDING_COLLECT;
        }
    }

    #[cold]
    fn run_pending(&mut self) {
        if self.pending & PENDING_TURN != 0 {
            self.turn_poll();
            if self.pending & PENDING_COLLECT == 0 {
                return;
            }
        }
        self.pending &= !PENDING_COLLECT;
        #[cfg(feature = "gc-stress")]
        {
            self.stress_count = self.stress_count.wrapping_add(1);
            if self.stress_count % 256 == 0 {
                self.collect_global();
            } else {
                self.collect_local();
            }
            return;
        }
        #[allow(unreachable_code)]
        {
            if self.heap().since_gc >= self.heap().trigger {
                self.collect_local();
            }
            if self.space.wants_global() {
                self.collect_global();
            }
        }
    }

    /// Runs `f`, a blocking call (sleep, lock wait, join, I/O), outside the
    /// safepoint handshake: collections proceed without this thread. `f` gets
    /// no access to the heap (it cannot borrow this context).
    pub fn blocking<R>(&mut self, f: impl FnOnce() -> R) -> R {
        self.end_turn();
        struct Leave<'a>(&'a crate::handshake::Handshake);
        impl Drop for Leave<'_> {
            fn drop(&mut self) {
                self.0.leave_blocked();
            }
        }
        self.space.handshake.enter_blocked();
        let _leave = Leave(&self.space.handshake);
        f()
    }

    /// Leaves the safepoint handshake until [`ProtoContext::attach`], for a
    /// thread that idles for an unbounded time between units of work (a
    /// worker of a thread pool waiting for its next task): collections run
    /// without it meanwhile. Between `detach` and `attach` the thread must
    /// not touch the heap (the same rule as inside [`ProtoContext::blocking`],
    /// which cannot be used when the idle period is not one Rust call).
    /// Detaching twice is a no-op.
    pub fn detach(&mut self) {
        self.end_turn();
        if !self.detached {
            self.detached = true;
            self.space.handshake.enter_blocked();
        }
    }

    /// Rejoins the handshake after [`ProtoContext::detach`] (waits for a
    /// collection in progress). Attaching an attached context is a no-op.
    pub fn attach(&mut self) {
        if self.detached {
            self.space.handshake.leave_blocked();
            self.detached = false;
        }
    }

    /// Takes the lock of a shared object.
    ///
    /// In deferred mode (the interpreter) waiting is *not* a safepoint: the
    /// Rust code that takes an object lock routinely holds unrooted values
    /// across the wait (the items `list.extend` is about to append, the
    /// key and value of `d[k] = v` built by a native method), and a
    /// collection run while it waited freed them, so the list then held
    /// cells reused by later allocations (seen as duplicated and lost
    /// items under `gc.collect()` in another thread). Not polling cannot
    /// deadlock, by this invariant: *a deferred-mode thread never reaches a
    /// safepoint while it holds an object lock* (no Python code runs under
    /// an object lock, and allocation never collects or parks in deferred
    /// mode), so every holder releases without waiting for a collection,
    /// and the waiter reaches its next safepoint once it got the lock.
    /// A collection is delayed at most by the waiter's lock wait.
    ///
    /// Outside deferred mode, allocation may park at a safepoint, also
    /// while a lock is held; the waiter then must stay responsive to
    /// collections (it polls between sleeps), and its caller roots what it
    /// holds, as that mode requires across any allocation anyway. A
    /// context outside deferred mode therefore must not allocate while it
    /// holds the lock of an object a deferred-mode context may wait for
    /// (every interpreter thread is in deferred mode; only Rust tests use
    /// the other).
    ///
    /// The lock of an object this thread kept for a turn (see
    /// [`ProtoContext::unlock_object`]) is held already; a turn on another
    /// object ends first, so a thread never waits while it keeps a lock.
    #[inline(always)]
    pub fn lock_object(&mut self, obj: Obj) {
        match self.turn {
            None => {
                // Solo mode: no other thread can touch the word (see
                // `crate::solo`).
                if self.space.solo.is_on() && crate::lock::lock_alone(obj.lock_word()) {
                    return;
                }
                if crate::lock::try_lock_free(obj.lock_word()) {
                    return;
                }
            }
            Some(t) if t == obj => {
                // Held already: now for this operation.
                self.turn = None;
                self.pending &= !PENDING_TURN;
                return;
            }
            Some(_) => self.end_turn(),
        }
        self.lock_object_slow(obj);
    }

    /// [`ProtoContext::lock_object`] past its first look.
    #[inline(never)]
    fn lock_object_slow(&mut self, obj: Obj) {
        if self.deferred {
            crate::lock::lock_with(obj.lock_word(), || {});
        } else {
            let hs = &self.space.handshake;
            crate::lock::lock_with(obj.lock_word(), || {
                hs.poll();
            });
        }
    }

    /// Releases an object lock taken with [`ProtoContext::lock_object`],
    /// or keeps it for a turn while other threads wait for it.
    ///
    /// Threads that take turns at a contended object run its operations at
    /// one thread's speed: releasing after each operation would move the
    /// lock word and the data it guards to a waiter's core and back at
    /// every operation (two threads appending to one list each ran at a
    /// quarter of one thread's speed). So while a waiter has registered
    /// (it spun out and sleeps, `lock::unlock_or_keep`), the holder keeps
    /// the lock across the Python code between its operations and retakes
    /// it for free, until the waiter claims it (the lock's fairness, after
    /// `lock::FAIR_AFTER_NS` of waiting), seen at the holder's next
    /// operation or safepoint, which hand it over. Only a registered
    /// waiter starts turns: one that got the lock while it spun (the lock
    /// was free within microseconds) would lose more to turns than to the
    /// trade, as when threads write different keys of one dict, whose
    /// operations overlap when released one by one (2 threads: 1.6 times
    /// one thread's time for twice the work, against 2.1 in turns).
    ///
    /// A kept lock never blocks anyone for good. This thread ends its turn
    /// before anything that waits or lets the world stop: taking another
    /// object's lock, a blocking call, `detach`, a requested collection
    /// (at a safepoint, before parking), a collection or fork it starts,
    /// and its exit. So the deferred-mode invariant of
    /// [`ProtoContext::lock_object`] holds with "holds" read as "holds for
    /// an operation": no thread parks or waits while it keeps a lock, and
    /// no kept object is collected (only a stopped world frees shared
    /// objects).
    #[inline]
    pub fn unlock_object(&mut self, obj: Obj) {
        if self.space.solo.is_on() && crate::lock::unlock_alone(obj.lock_word()) {
            return;
        }
        let may_keep = self.turn.is_none();
        if crate::lock::unlock_or_keep(obj.lock_word(), may_keep) {
            self.turn = Some(obj);
            self.pending |= PENDING_TURN;
        }
    }

    /// Releases the lock kept for a turn, if any (see
    /// [`ProtoContext::unlock_object`]).
    #[inline]
    pub fn end_turn(&mut self) {
        if let Some(t) = self.turn.take() {
            self.pending &= !PENDING_TURN;
            crate::lock::unlock(t.lock_word());
        }
    }

    /// At a safepoint with a kept lock (after the park check, which ends
    /// the turn when the world is to stop): ends the turn when a waiter has
    /// claimed the lock or no waiter is left.
    fn turn_poll(&mut self) {
        let Some(t) = self.turn else {
            return;
        };
        // The word every `TURN_POLL_EVERY` safepoints: a claim waits a
        // little longer, a holder's loop pays less.
        self.turn_polls = self.turn_polls.wrapping_add(1);
        if !self.turn_polls.is_multiple_of(TURN_POLL_EVERY) {
            return;
        }
        if crate::lock::kept_state(t.lock_word()) != Some(true) {
            self.end_turn();
        }
    }

    // ---------------------------------------------------------------- collection

    /// Collects this context's unreachable local objects while other threads
    /// keep running.
    pub fn collect_local(&mut self) -> GcStats {
        let t0 = std::time::Instant::now();
        // SAFETY: owner and Running; roots and heap are disjoint cells.
        let roots = unsafe { self.shared.roots_ref() };
        let mut all = Vec::new();
        roots.for_each(|v| all.push(v));
        let marked = gc::mark_local(all.into_iter());
        let mark_time = t0.elapsed();
        let reserve = self.space.config.pool_reserve_blocks;
        let heap = self.heap();
        let heap_before = heap.bytes();
        heap.drop_current_lists();
        let mut live = 0;
        let mut live_bytes = 0;
        let mut freed_objects = 0;
        for b in heap.blocks.iter_mut() {
            // SAFETY: owner; other threads only read shared objects here.
            let (n, f) = unsafe { b.sweep(true, None) };
            live += n;
            freed_objects += f;
            live_bytes += n * b.slot_bytes();
        }
        // SAFETY: as above.
        let large = unsafe { crate::heap::sweep_large(&mut heap.large, true) };
        live_bytes += large.live_bytes;
        freed_objects += large.freed;
        // The space's count of large bytes, which its heap-size trigger
        // reads, gives back what this sweep freed (a global collection
        // recounts it). Counted down only by global collections, a thread
        // that made and dropped 10 MB buffers started a global collection
        // every 60 MB allocated (`PERFORMANCE.md`, "Stop 99").
        self.space.sub_large_bytes(large.freed_bytes);
        // Empty blocks up to the next cycle's allocation (and the pool's
        // per-context reserve) stay with this thread: reused without a trip
        // through the shared pool, so one thread never formats blocks whose
        // lines sit in another core's cache (`scale_alloc.py` N=2/N=1 wall
        // 1.08 -> 1.03, see docs/ARCHITECTURE.md, "Kept empty blocks").
        let min_trigger = self.space.min_local_trigger();
        let heap = self.heap();
        let keep = (heap.trigger / crate::heap::BLOCK_BYTES).min(reserve);
        let empties = heap.finish_sweep(keep);
        heap.since_gc = 0;
        if live_bytes >= self.space.config.tenure_bytes && self.space.solo.is_on() {
            self.tenure_pending = true;
        }
        let heap = self.heap();
        let (old_trigger, new_trigger) = (heap.trigger, (2 * live_bytes).max(min_trigger));
        heap.trigger = new_trigger;
        let freed = empties.len();
        self.space.adjust_local_allowance(old_trigger, new_trigger);
        for e in empties {
            self.space.release_block(e);
        }
        self.space.trim_pool();
        self.space
            .local_freed
            .fetch_add(freed_objects as u64, Ordering::Relaxed);
        self.space.local_collections.fetch_add(1, Ordering::Relaxed);
        let stats = GcStats {
            marked,
            live_objects: live,
            freed_blocks: freed,
            freed_objects,
            duration: t0.elapsed(),
            mark_time,
        };
        let heap_after = self.heap().bytes();
        self.space.gc_log().record(&Entry {
            global: false,
            context: self.shared.id,
            heap_before,
            heap_after,
            freed: freed_objects,
            marked,
            pause: stats.duration,
            mark: stats.mark_time,
            pooled: self.space.pooled_bytes(),
        });
        stats
    }

    /// Did a local collection leave enough alive to tenure (see
    /// [`ProtoContext::tenure`])?
    #[inline(always)]
    pub fn tenure_pending(&self) -> bool {
        self.tenure_pending
    }

    /// Tenures this context's survivors: promotes every local object the
    /// roots reach into the shared space, this design's old generation, and
    /// leaves the blocks holding them to it. A store into a shared object
    /// promotes what it stores, so no shared object points at a local one:
    /// local collections need no remembered set. From here on they mark and
    /// sweep only what was made since, in blocks allocated since (the local
    /// trigger back at its minimum, so a cycle's blocks are still in cache
    /// when swept), instead of marking on every cycle a live set that the
    /// program keeps growing. Promoted objects count as pressure toward the
    /// next global collection, which frees those that died and gives the
    /// tenured blocks' free slots back to allocation. Only in solo mode:
    /// with several threads, shared objects take locks and atomic claims
    /// that local ones do not.
    ///
    /// The embedder calls this only where no Rust code is midway through an
    /// operation on a local object (which may count on the object staying
    /// local until it publishes it): the interpreter, at a loop's back edge
    /// in its outermost run.
    pub fn tenure(&mut self) {
        self.tenure_pending = false;
        if !self.space.solo.is_on() {
            return;
        }
        let t0 = std::time::Instant::now();
        // SAFETY: owner and Running; only this thread reads its roots.
        let roots = unsafe { self.shared.roots_ref() };
        let mut all = Vec::new();
        roots.for_each(|v| all.extend(Obj::from_value(v)));
        let (objects, bytes) = self.promote_all(all.into_iter());
        self.space
            .gc_log()
            .tenured(self.shared.id, objects as u64, bytes, t0.elapsed());
        let min_trigger = self.space.min_local_trigger();
        let heap = self.heap();
        heap.drop_current_lists();
        for b in heap.blocks.iter_mut() {
            b.old = true;
        }
        let old_trigger = heap.trigger;
        heap.trigger = min_trigger;
        self.space.adjust_local_allowance(old_trigger, min_trigger);
    }

    /// Runs a global (stop-the-world) collection with parallel marking. If
    /// another thread's collection ran while this one waited, runs its own
    /// afterwards so the result always reflects a collection after the call.
    pub fn collect_global(&mut self) -> GcStats {
        self.end_turn();
        self.flush_counters();
        loop {
            if let Some(s) = self.space.collect_global(self.shared.id, true, true, false) {
                return s;
            }
        }
    }

    /// `gc.freeze()`: a global collection after which every object found
    /// live is permanent (a root of later collections, shared) until
    /// [`ProtoSpace::unfreeze`]. Returns the collection's statistics.
    pub fn collect_global_and_freeze(&mut self) -> GcStats {
        self.end_turn();
        self.flush_counters();
        loop {
            if let Some(s) = self.space.collect_global(self.shared.id, true, true, true) {
                return s;
            }
        }
    }

    /// A global collection with single-threaded marking and sweeping (for
    /// measurement).
    pub fn collect_global_sequential(&mut self) -> GcStats {
        self.end_turn();
        self.flush_counters();
        loop {
            if let Some(s) = self
                .space
                .collect_global(self.shared.id, true, false, false)
            {
                return s;
            }
        }
    }
}

/// [`ProtoContext::pending`]: allocation or pressure asks for a collection.
const PENDING_COLLECT: u8 = 1;
/// [`ProtoContext::pending`]: a lock is kept for a turn
/// ([`ProtoContext::unlock_object`]); each safepoint checks it.
const PENDING_TURN: u8 = 2;

/// A safepoint with a kept lock looks at its word once in this many.
const TURN_POLL_EVERY: u32 = 16;

/// Local survivors, in bytes, from which a context tenures them
/// ([`ProtoContext::tenure`]) unless `SpaceConfig::tenure_bytes` says
/// otherwise. Below it, re-marking the survivors on every cycle costs less
/// than the shared objects' slower paths would: at 2 MiB, pyperformance's
/// float and html5lib tenured and ran 4.9 % and 2.3 % more instructions
/// (promotion on store, shared attribute stores, the global collection
/// that frees tenured garbage) without marking measurably less.
pub const TENURE_BYTES: usize = 8 * 1024 * 1024;

/// Bytes of pressure (`add_pressure`) a context gathers before adding them to
/// the space's figure: one atomic add per 256 KiB promoted.
const PRESSURE_BATCH: usize = 256 * 1024;

impl Drop for ProtoContext {
    fn drop(&mut self) {
        self.end_turn();
        // Rejoin the handshake: unregistering counts this thread as Running.
        self.attach();
        self.flush_counters();
        // Local objects of an exiting thread are unreachable by the promotion
        // invariant: drop the roots and sweep them now, so the blocks handed
        // to the space hold only shared objects and valid free lists.
        {
            let r = self.roots_mut();
            r.handles.clear();
            r.slots.clear();
            r.stack.set_top(0);
        }
        self.collect_local();
        let heap = core::mem::replace(self.heap(), LocalHeap::new());
        self.space.unregister(&self.shared, heap);
    }
}
