//! `ProtoSpace`: the process-wide heap: block pool, contexts, immortal arena,
//! global roots and the global collector.
//!
//! Concurrency contract: every field is behind a mutex or an atomic. Block
//! handoff goes through [`BlockPool`] (a mutex-protected stack: blocks move
//! between contexts and the space only there). The per-context heaps and
//! roots registered here are touched by the collector only while the world is
//! stopped (see `handshake`).

use crate::context::{ContextShared, ProtoContext};
use crate::gc::{self, GcStats};
use crate::gclog::{Entry, GcLog};
use crate::handshake::Handshake;
use crate::heap::{self, Block, Large, LocalHeap, BLOCK_BYTES, NCLASSES};
use crate::native::DeferredDrop;
use crate::object::{Obj, IMMORTAL, SHARED};
#[cfg(not(loom))]
use crate::sync::Arc;
use crate::sync::{self, AtomicU32, AtomicU64, AtomicUsize, Mutex, Ordering};
// loom's Arc cannot be a method receiver (`self: &Arc<Self>`); the space's own
// reference count takes part in no modelled protocol.
use crate::value::Value;
use crate::CELL;
use core::ptr::NonNull;
#[cfg(loom)]
use std::sync::Arc;
use std::time::Instant;

/// A stack of items guarded by a mutex; the block handoff structure between
/// contexts and the space (generic so loom can model it).
#[derive(Debug)]
pub struct BlockPool<T> {
    items: Mutex<Vec<T>>,
}

impl<T> Default for BlockPool<T> {
    fn default() -> Self {
        BlockPool {
            items: Mutex::new(Vec::new()),
        }
    }
}

impl<T> BlockPool<T> {
    /// An empty pool.
    pub fn new() -> Self {
        Self::default()
    }
    /// Gives an item to the pool.
    pub fn put(&self, t: T) {
        sync::lock(&self.items).push(t);
    }
    /// Takes an item, if any.
    pub fn take(&self) -> Option<T> {
        sync::lock(&self.items).pop()
    }
    /// Takes the first item matching `pred`.
    pub fn take_if(&self, mut pred: impl FnMut(&T) -> bool) -> Option<T> {
        let mut v = sync::lock(&self.items);
        let i = v.iter().position(&mut pred)?;
        Some(v.swap_remove(i))
    }
    /// Removes items beyond `keep`, returning them.
    pub fn trim(&self, keep: usize) -> Vec<T> {
        let mut v = sync::lock(&self.items);
        if v.len() > keep {
            v.split_off(keep)
        } else {
            Vec::new()
        }
    }
    /// Number of items.
    pub fn len(&self) -> usize {
        sync::lock(&self.items).len()
    }
    /// Is the pool empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Runs `f` on all items under the lock.
    pub fn with_all<R>(&self, f: impl FnOnce(&mut Vec<T>) -> R) -> R {
        f(&mut sync::lock(&self.items))
    }
}

/// A raw, unformatted block.
pub(crate) struct RawBlock(pub(crate) NonNull<u8>);
// SAFETY: an unused block of memory; whoever holds the RawBlock owns it.
unsafe impl Send for RawBlock {}

/// Bump arena for immortal objects.
struct ImmortalArena {
    chunks: Vec<RawBlock>,
    bump: usize,
    end: usize,
    objects: Vec<Value>,
}

/// Tuning of a space.
#[derive(Clone, Debug)]
pub struct SpaceConfig {
    /// Empty blocks kept for reuse instead of being returned to the OS, per
    /// registered context (each thread's local collections hand back about
    /// its allocation budget at a time, and take it again right after).
    pub pool_reserve_blocks: usize,
    /// Threads of the collector's marking pool (0 = number of CPUs).
    pub gc_threads: usize,
    /// Mark in parallel during global collections.
    pub parallel_mark: bool,
    /// Minimum block count before a global collection is triggered.
    pub min_global_trigger_blocks: usize,
    /// Minimum bytes promoted (or held outside the heap by new native
    /// objects) between two global collections; see `wants_global`.
    pub min_pressure_trigger: usize,
    /// Value-stack capacity of each context, in values.
    pub stack_values: usize,
    /// Print a line per collection and totals at exit (`gclog`); the
    /// default is on when `PROTOPY_GCSTATS` is set to anything but `0`.
    pub gc_log: bool,
    /// Local survivors, in bytes, from which a context in solo mode tenures
    /// them (`ProtoContext::tenure`); `usize::MAX` never does. The default
    /// is [`crate::context::TENURE_BYTES`], or `PROTOPY_TENURE` when set to
    /// a number (`0`: never; `1`: after every collection that leaves
    /// anything alive, a debugging aid that runs the old-generation paths
    /// as often as it can).
    pub tenure_bytes: usize,
}

/// [`SpaceConfig::tenure_bytes`]'s default: `PROTOPY_TENURE`, else
/// [`crate::context::TENURE_BYTES`].
fn tenure_bytes_from_env() -> usize {
    match std::env::var("PROTOPY_TENURE")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        Some(0) => usize::MAX,
        Some(n) => n,
        None => crate::context::TENURE_BYTES,
    }
}

impl Default for SpaceConfig {
    fn default() -> Self {
        SpaceConfig {
            pool_reserve_blocks: 32,
            gc_threads: 0,
            parallel_mark: true,
            min_global_trigger_blocks: 256,
            min_pressure_trigger: 16 * 1024 * 1024,
            stack_values: crate::roots::DEFAULT_STACK_VALUES,
            gc_log: std::env::var_os("PROTOPY_GCSTATS").is_some_and(|v| !v.is_empty() && v != "0"),
            tenure_bytes: tenure_bytes_from_env(),
        }
    }
}

/// Cumulative counters of a space.
#[derive(Clone, Copy, Debug, Default)]
pub struct SpaceStats {
    /// Completed global collections.
    pub global_collections: u64,
    /// Completed local collections (all contexts).
    pub local_collections: u64,
    /// Blocks held by contexts and orphans.
    pub blocks_in_use: usize,
    /// Empty blocks kept in the pool.
    pub pooled_blocks: usize,
    /// Bytes in large objects.
    pub large_bytes: usize,
    /// Objects promoted so far.
    pub promoted: u64,
    /// Objects freed by local collections so far.
    pub local_freed: u64,
    /// Objects freed by global collections so far.
    pub global_freed: u64,
    /// Value of `local_collections` when the last global collection ended
    /// (local collections since then: the difference).
    pub local_collections_at_last_global: u64,
}

/// The process-wide heap. One per interpreter; shared by all its threads.
pub struct ProtoSpace {
    pub(crate) handshake: Handshake,
    /// Solo mode (see [`crate::solo`]).
    pub(crate) solo: crate::solo::Solo,
    pub(crate) config: SpaceConfig,
    contexts: Mutex<Vec<Arc<ContextShared>>>,
    pool: BlockPool<RawBlock>,
    orphans: BlockPool<Block>,
    orphan_large: Mutex<Vec<Large>>,
    immortal: Mutex<ImmortalArena>,
    global_roots: Mutex<Vec<Value>>,
    /// The immortal dict table of capacity 0 that empty dicts share
    /// ([`crate::layouts::dict::alloc_empty`]); 0 until a context makes it.
    pub(crate) empty_dict_table: AtomicU64,
    /// The collector's pool, made on first use (leaked: it lives as long as
    /// the process; the child of a fork, where its threads do not exist,
    /// forgets it and makes another).
    gc_pool: Mutex<Option<&'static rayon::ThreadPool>>,
    pub(crate) blocks_in_use: AtomicUsize,
    pub(crate) large_bytes: AtomicUsize,
    global_trigger_blocks: AtomicUsize,
    /// Bytes promoted, and external bytes of new native objects, since the
    /// last global collection (contexts add them in batches).
    pressure: AtomicUsize,
    /// `pressure` that starts the next global collection.
    pressure_trigger: AtomicUsize,
    /// The tunable minimums of the triggers (`Thresholds`), initially the
    /// configuration's.
    min_local: AtomicUsize,
    min_pressure: AtomicUsize,
    min_global_blocks: AtomicUsize,
    /// Sum of the registered contexts' local triggers (bytes): the local
    /// garbage the contexts may hold between their own collections, which
    /// the global trigger allows on top of its own figure.
    local_allowance: AtomicUsize,
    next_id: AtomicU32,
    pub(crate) local_collections: AtomicU64,
    global_collections: AtomicU64,
    pub(crate) promoted: AtomicU64,
    pub(crate) local_freed: AtomicU64,
    global_freed: AtomicU64,
    locals_at_last_global: AtomicU64,
    log: GcLog,
    weak_hooks: Mutex<Vec<WeakHook>>,
    root_hooks: Mutex<Vec<RootHook>>,
    finalize_hooks: Mutex<Vec<FinalizeHook>>,
    /// Objects `gc.freeze()` made permanent: roots of every global
    /// collection until `unfreeze`.
    frozen: Mutex<Vec<Value>>,
    /// Bytes freed to the system allocator since it was last asked to
    /// return free memory to the OS (`note_released`).
    released: AtomicUsize,
    /// When the space was made, and when (ms after that) the system
    /// allocator was last asked to return memory.
    created: Instant,
    last_trim_ms: AtomicU64,
}

/// Freed bytes after which the system allocator is asked to give its free
/// pages back (`note_released`).
const TRIM_AFTER: usize = 16 * 1024 * 1024;
/// The shortest time between two such requests.
const TRIM_INTERVAL_MS: u64 = 1000;

/// Asks the system allocator to return its free pages to the OS.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu", not(loom)))]
    // SAFETY: malloc_trim only walks the allocator's own free lists, under
    // its own locks; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The minimums of the collector's triggers (`gc.set_threshold` sets them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// Bytes a thread allocates at least between two of its local
    /// collections (the trigger is twice its local survivors when larger).
    pub local_bytes: usize,
    /// Bytes promoted (or held outside the heap by new native objects) at
    /// least between two global collections.
    pub pressure_bytes: usize,
    /// Heap size below which the heap-size trigger never starts a global
    /// collection.
    pub heap_bytes: usize,
}

/// A weak table's hook: called by every global collection after marking,
/// while the world is stopped, with a predicate that tells whether a value
/// survives the collection; the table must drop every entry that does not,
/// since the sweep then frees it. The hook must not allocate, and must not
/// take a lock that a mutator could hold at a safepoint.
pub type WeakHook = Box<dyn Fn(&dyn Fn(Value) -> bool) + Send + Sync>;

/// A root set kept outside the heap (a weak table's queue of entries whose
/// callbacks have not run yet): called by every global collection while the
/// world is stopped, before marking, with a sink for the values it roots.
/// Like a [`WeakHook`], it must not allocate in the heap, nor take a lock a
/// mutator could hold at a safepoint.
pub type RootHook = Box<dyn Fn(&mut dyn FnMut(Value)) + Send + Sync>;

/// A table of objects that want a finalizer called when they become
/// unreachable (CPython's `tp_finalize`; here an async generator's
/// finalizer): called by every global collection after marking and before
/// the [`WeakHook`]s, world stopped, with the "survives" predicate and a
/// sink. Each value given to the sink is *resurrected*: it and everything
/// it reaches are marked, so they survive this collection (and weak
/// references to them stay set). The table must forget the values it
/// resurrects or drops (a finalizer runs once) and root those whose
/// finalizer is still to run with a [`RootHook`]. Same restrictions as a
/// [`WeakHook`]: no heap allocation, no lock a mutator could hold at a
/// safepoint.
pub type FinalizeHook = Box<dyn Fn(&dyn Fn(Value) -> bool, &mut dyn FnMut(Value)) + Send + Sync>;

// SAFETY: all interior state is behind mutexes/atomics; the raw pointers in
// the arena and pools are owned memory handed out under those locks.
unsafe impl Sync for ProtoSpace {}
// SAFETY: as above.
unsafe impl Send for ProtoSpace {}

impl core::fmt::Debug for ProtoSpace {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "ProtoSpace({:?})", self.stats())
    }
}

impl ProtoSpace {
    /// A new space with the default configuration.
    pub fn new() -> Arc<ProtoSpace> {
        ProtoSpace::with_config(SpaceConfig::default())
    }

    /// A new space.
    pub fn with_config(config: SpaceConfig) -> Arc<ProtoSpace> {
        let trig = config.min_global_trigger_blocks;
        Arc::new(ProtoSpace {
            handshake: Handshake::new(),
            solo: crate::solo::Solo::new(),
            contexts: Mutex::new(Vec::new()),
            pool: BlockPool::new(),
            orphans: BlockPool::new(),
            orphan_large: Mutex::new(Vec::new()),
            empty_dict_table: AtomicU64::new(0),
            immortal: Mutex::new(ImmortalArena {
                chunks: Vec::new(),
                bump: 0,
                end: 0,
                objects: Vec::new(),
            }),
            global_roots: Mutex::new(Vec::new()),
            gc_pool: Mutex::new(None),
            blocks_in_use: AtomicUsize::new(0),
            large_bytes: AtomicUsize::new(0),
            global_trigger_blocks: AtomicUsize::new(trig),
            pressure: AtomicUsize::new(0),
            pressure_trigger: AtomicUsize::new(config.min_pressure_trigger),
            min_local: AtomicUsize::new(crate::heap::MIN_LOCAL_TRIGGER),
            min_pressure: AtomicUsize::new(config.min_pressure_trigger),
            min_global_blocks: AtomicUsize::new(config.min_global_trigger_blocks),
            local_allowance: AtomicUsize::new(0),
            next_id: AtomicU32::new(1),
            local_collections: AtomicU64::new(0),
            global_collections: AtomicU64::new(0),
            promoted: AtomicU64::new(0),
            local_freed: AtomicU64::new(0),
            global_freed: AtomicU64::new(0),
            locals_at_last_global: AtomicU64::new(0),
            log: GcLog::new(config.gc_log),
            weak_hooks: Mutex::new(Vec::new()),
            root_hooks: Mutex::new(Vec::new()),
            finalize_hooks: Mutex::new(Vec::new()),
            released: AtomicUsize::new(0),
            created: Instant::now(),
            last_trim_ms: AtomicU64::new(0),
            frozen: Mutex::new(Vec::new()),
            config,
        })
    }

    /// Creates a context for the calling thread (registers it as a mutator).
    ///
    /// In solo mode ([`ProtoSpace::start_solo`]) this ends the mode first,
    /// stopping the world: the caller must then not be a Running mutator of
    /// this space (a new thread, or a mutator inside a blocking call).
    pub fn new_context(self: &Arc<Self>) -> ProtoContext {
        self.solo.end(&self.handshake);
        let id = (self.next_id.fetch_add(1, Ordering::Relaxed) & 0xFFFF) as u16;
        self.handshake.register();
        let shared = Arc::new(ContextShared::new(id, self.config.stack_values));
        self.local_allowance
            .fetch_add(crate::heap::MIN_LOCAL_TRIGGER, Ordering::Relaxed);
        sync::lock(&self.contexts).push(shared.clone());
        ProtoContext::new(self.clone(), shared)
    }

    /// Turns solo mode on (see [`crate::solo`]): the caller's context is
    /// the space's only one, and it takes object locks with plain loads and
    /// stores until [`ProtoSpace::new_context`] makes another. Does nothing
    /// when the space has more than one context.
    pub fn start_solo(&self) {
        let contexts = sync::lock(&self.contexts);
        if contexts.len() == 1 {
            self.solo.start();
        }
    }

    /// Is solo mode on (see [`crate::solo`])?
    pub fn is_solo(&self) -> bool {
        self.solo.is_on()
    }

    pub(crate) fn unregister(&self, shared: &Arc<ContextShared>, heap: LocalHeap) {
        // The context is Running, so no collection is in progress.
        self.orphan_heap(heap);
        sync::lock(&self.contexts).retain(|c| !Arc::ptr_eq(c, shared));
        self.handshake.unregister();
    }

    /// Hands the blocks and large objects of a context that goes away to
    /// the space (empty blocks to the pool, the others as orphans).
    fn orphan_heap(&self, heap: LocalHeap) {
        let LocalHeap {
            blocks,
            large,
            trigger,
            ..
        } = heap;
        self.adjust_local_allowance(trigger, 0);
        for b in blocks {
            if b.is_empty() {
                self.release_block(b.base);
            } else {
                self.orphans.put(b);
            }
        }
        sync::lock(&self.orphan_large).extend(large);
    }

    /// Takes every lock of the space for `fork(2)` if each is free at once
    /// (the world is stopped, so only a thread inside a blocking section
    /// could hold one); `None` if one is held.
    #[cfg(not(loom))]
    pub(crate) fn try_lock_for_fork(&self) -> Option<crate::fork::Guards<'_>> {
        let mut g = crate::fork::Guards::new();
        let ok = g.try_take(&self.contexts)
            && g.try_take(&self.pool.items)
            && g.try_take(&self.orphans.items)
            && g.try_take(&self.orphan_large)
            && g.try_take(&self.immortal)
            && g.try_take(&self.global_roots)
            && g.try_take(&self.gc_pool)
            && g.try_take(&self.weak_hooks)
            && g.try_take(&self.root_hooks)
            && g.try_take(&self.finalize_hooks)
            && g.try_take(&self.frozen);
        ok.then_some(g)
    }

    /// In the child of a fork, with the space's locks released: `me` (the
    /// forking thread's context) is the only thread. The other contexts'
    /// threads do not exist here, so their local objects are unreachable
    /// (no shared object points to a local one, and only their owners held
    /// them): their roots are dropped, their heaps swept of local objects
    /// and handed to the space as orphans, as when a thread exits. The
    /// collector's pool is forgotten (its threads are gone) and made anew
    /// on the next parallel collection.
    #[cfg(not(loom))]
    pub(crate) fn after_fork_child(&self, me: &Arc<ContextShared>) {
        *sync::lock(&self.gc_pool) = None;
        let dead: Vec<Arc<ContextShared>> = {
            let mut cs = sync::lock(&self.contexts);
            let dead = cs.iter().filter(|c| !Arc::ptr_eq(c, me)).cloned().collect();
            cs.retain(|c| Arc::ptr_eq(c, me));
            dead
        };
        for c in dead {
            // SAFETY: the thread owning `c` does not exist in this process
            // and was parked or blocked (not touching its heap or roots)
            // when the fork happened; the calling thread is the only one.
            let (roots, heap) = unsafe { (c.roots_mut(), c.heap_mut()) };
            roots.handles.clear();
            roots.slots.clear();
            roots.stack.set_top(0);
            let mut heap = core::mem::replace(heap, LocalHeap::new());
            heap.drop_current_lists();
            let mut freed = 0;
            for b in heap.blocks.iter_mut() {
                // SAFETY: no other thread exists; a local sweep frees only
                // the (unreachable) local objects of the dead context.
                freed += unsafe { b.sweep(true, None) }.1;
            }
            // SAFETY: as above.
            freed += unsafe { crate::heap::sweep_large(&mut heap.large, true) }.freed;
            for e in heap.finish_sweep(0) {
                self.release_block(e);
            }
            self.local_freed.fetch_add(freed as u64, Ordering::Relaxed);
            self.orphan_heap(heap);
        }
    }

    /// A block for size class `ci`: an orphan with free slots, else a pooled
    /// or new raw block formatted for the class; `None` when the system
    /// refuses a new block.
    pub(crate) fn take_block(&self, ci: usize) -> Option<Block> {
        if let Some(b) = self
            .orphans
            .take_if(|b| b.class as usize == ci && b.nfree > 0)
        {
            return Some(b);
        }
        let raw = match self.pool.take() {
            Some(r) => r.0,
            None => heap::try_new_raw_block()?,
        };
        self.blocks_in_use.fetch_add(1, Ordering::Relaxed);
        Some(Block::format(raw, ci))
    }

    /// Returns an empty block.
    pub(crate) fn release_block(&self, base: NonNull<u8>) {
        self.blocks_in_use.fetch_sub(1, Ordering::Relaxed);
        self.pool.put(RawBlock(base));
    }

    /// Bytes of the empty blocks in the pool.
    pub(crate) fn pooled_bytes(&self) -> usize {
        self.pool.len() * BLOCK_BYTES
    }

    /// Releases pooled blocks beyond the reserve to the OS. The reserve
    /// scales with the number of contexts: with one shared reserve, two
    /// threads each emptying ~32 blocks per local collection sent the
    /// surplus back to the OS and mapped fresh blocks a moment later
    /// (`scale_alloc.py 2`: ~900 munmap/mmap pairs and 50,000 page faults,
    /// against 3,700 faults for one thread).
    pub(crate) fn trim_pool(&self) {
        let contexts = sync::lock(&self.contexts).len().max(1);
        let mut n = 0;
        for r in self.pool.trim(self.config.pool_reserve_blocks * contexts) {
            // SAFETY: pooled blocks hold no reachable object.
            unsafe { heap::free_raw_block(r.0) };
            n += 1;
        }
        self.note_released(n * BLOCK_BYTES);
    }

    /// Counts memory handed back to the system allocator; every
    /// `TRIM_AFTER` bytes, asks it to return its free pages to the OS.
    /// glibc keeps freed memory in its heap (its mmap threshold rises after
    /// the first large frees, so 256 KiB blocks stop being mapped
    /// separately): after a 300 MiB burst was collected, RSS stayed at
    /// 111 MiB instead of falling back to about 10.
    pub(crate) fn note_released(&self, bytes: usize) {
        if bytes == 0 {
            return;
        }
        let total = self.released.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if total < TRIM_AFTER {
            return;
        }
        // At most once per TRIM_INTERVAL: a program that frees and
        // reallocates steadily (a shared dict's values replaced in a loop)
        // would otherwise hand the same pages back and fault them in again
        // after every collection (global_dict.py: 150,000 -> 45,000
        // iterations in 3 s with a trim per 16 MiB).
        let now = self.created.elapsed().as_millis() as u64;
        let last = self.last_trim_ms.load(Ordering::Relaxed);
        if now.saturating_sub(last) >= TRIM_INTERVAL_MS
            && self
                .last_trim_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.released.store(0, Ordering::Relaxed);
            release_free_memory();
        }
    }

    /// Should the allocator start a global collection? When the blocks in
    /// use exceed the trigger set by the last global collection plus the
    /// contexts' local allowance: each context may fill its local trigger
    /// with garbage that its own collection will free. Without the
    /// allowance, 16 threads allocating short-lived objects (each holding up
    /// to its local trigger between local collections) crossed the 64 MiB minimum
    /// before their local triggers, and stopped the world instead
    /// (`scale_alloc.py 16 200000`: 49 global collections, now none).
    ///
    /// Or when the bytes promoted since the last global collection (with the
    /// external memory of new native objects) reach the heap that collection
    /// left, or `min_pressure_trigger`: promoted objects are freed only by a
    /// global collection, so a thread that publishes and drops objects (a
    /// shared dict's values replaced, functions made by `exec`) would
    /// otherwise grow the heap to the block trigger, which doubles with it.
    #[inline]
    pub(crate) fn wants_global(&self) -> bool {
        let used = self.blocks_in_use.load(Ordering::Relaxed)
            + self.large_bytes.load(Ordering::Relaxed) / BLOCK_BYTES;
        used >= self.global_trigger_blocks.load(Ordering::Relaxed)
            + self.local_allowance.load(Ordering::Relaxed) / BLOCK_BYTES
            || self.pressure.load(Ordering::Relaxed)
                >= self.pressure_trigger.load(Ordering::Relaxed)
    }

    /// Large objects of `bytes` in all were freed by a local collection
    /// (saturating: the figure only steers the trigger, and a global
    /// collection recounts it).
    pub(crate) fn sub_large_bytes(&self, bytes: usize) {
        sub_saturating(&self.large_bytes, bytes);
    }

    /// Adds a context's batch of promoted and external bytes.
    pub(crate) fn add_pressure(&self, bytes: usize) {
        if bytes > 0 {
            self.pressure.fetch_add(bytes, Ordering::Relaxed);
        }
    }

    /// Takes back external bytes a context counted and their object gave
    /// back early (saturating: a collection may have reset the figure
    /// since they were added).
    pub(crate) fn sub_pressure(&self, bytes: usize) {
        sub_saturating(&self.pressure, bytes);
    }

    /// A context's local trigger changed from `old` to `new` bytes (0 when
    /// it unregisters).
    pub(crate) fn adjust_local_allowance(&self, old: usize, new: usize) {
        if new >= old {
            self.local_allowance.fetch_add(new - old, Ordering::Relaxed);
        } else {
            // Saturating: the figure only steers the trigger.
            sub_saturating(&self.local_allowance, old - new);
        }
    }

    /// Allocates an immortal object: shared and never collected. Used for
    /// code objects, constants, interned names, builtin types and functions.
    pub(crate) fn alloc_immortal(&self, cells: usize) -> NonNull<u8> {
        let bytes = cells * CELL;
        let mut a = sync::lock(&self.immortal);
        if bytes > BLOCK_BYTES {
            let layout = match std::alloc::Layout::from_size_align(bytes, CELL) {
                Ok(l) => l,
                Err(_) => std::alloc::handle_alloc_error(std::alloc::Layout::new::<u8>()),
            };
            // SAFETY: non-zero size. Immortal: never freed.
            let p = unsafe { std::alloc::alloc_zeroed(layout) };
            return NonNull::new(p).unwrap_or_else(|| std::alloc::handle_alloc_error(layout));
        }
        if a.bump + bytes > a.end {
            let b = heap::new_raw_block();
            a.bump = b.as_ptr() as usize;
            a.end = a.bump + BLOCK_BYTES;
            a.chunks.push(RawBlock(b));
        }
        let p = a.bump;
        a.bump += bytes;
        // SAFETY: p is inside a live arena chunk, non-null.
        unsafe { NonNull::new_unchecked(p as *mut u8) }
    }

    pub(crate) fn register_immortal(&self, v: Value) {
        sync::lock(&self.immortal).objects.push(v);
    }

    /// Adds a global root (the value is promoted by the caller).
    pub(crate) fn push_global_root(&self, v: Value) -> usize {
        let mut g = sync::lock(&self.global_roots);
        g.push(v);
        g.len() - 1
    }

    /// Replaces global root `i`.
    pub(crate) fn set_global_root(&self, i: usize, v: Value) {
        sync::lock(&self.global_roots)[i] = v;
    }

    /// Reads global root `i`.
    pub fn global_root(&self, i: usize) -> Value {
        sync::lock(&self.global_roots)
            .get(i)
            .copied()
            .unwrap_or(Value::EMPTY)
    }

    fn gc_pool(&self) -> &'static rayon::ThreadPool {
        let mut slot = sync::lock(&self.gc_pool);
        if let Some(p) = *slot {
            return p;
        }
        let n = if self.config.gc_threads == 0 {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        } else {
            self.config.gc_threads
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("protopy-gc-{i}"))
            .start_handler(|_| crate::sigmask::block_async_signals())
            .build()
            .unwrap_or_else(|_| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .build()
                    .expect("a 1-thread pool")
            });
        let pool: &'static rayon::ThreadPool = Box::leak(Box::new(pool));
        *slot = Some(pool);
        pool
    }

    /// Runs `f` with the collector's pool, from a thread whose waits on
    /// that pool run nothing else. rayon's wait for a pool entered from a
    /// worker of another pool runs that other pool's queued jobs on the
    /// waiting thread: a collection started by a `protopy.parallel_map`
    /// worker would run further Python tasks on a thread that is inside a
    /// stop-the-world collection (and re-enter its interpreter state). Such
    /// a caller enters the pool from a plain scoped thread and blocks on it.
    fn on_gc_pool<R: Send>(&self, f: impl FnOnce(&rayon::ThreadPool) -> R + Send) -> R {
        let pool = self.gc_pool();
        if rayon::current_thread_index().is_none() {
            return f(pool);
        }
        std::thread::scope(|s| match s.spawn(|| f(pool)).join() {
            Ok(r) => r,
            Err(p) => std::panic::resume_unwind(p),
        })
    }

    /// Runs a global collection. `is_mutator` tells whether the caller is a
    /// Running registered mutator (its own roots are then in the registry
    /// like everyone's). Returns None if another thread's collection ran
    /// instead while this one waited.
    pub(crate) fn collect_global(
        &self,
        who: u16,
        is_mutator: bool,
        parallel: bool,
        freeze: bool,
    ) -> Option<GcStats> {
        if !self.handshake.begin(is_mutator) {
            return None;
        }
        // Restarts the world even if the collection unwinds.
        struct End<'a>(&'a Handshake, bool);
        impl Drop for End<'_> {
            fn drop(&mut self) {
                self.0.end(self.1);
            }
        }
        let end = End(&self.handshake, is_mutator);
        let t0 = Instant::now();
        let heap_before = self.heap_bytes();
        let contexts = sync::lock(&self.contexts).clone();
        // Gather roots. SAFETY (for the `unsafe` accesses below): the world is
        // stopped: every registered context is parked or blocked, so none
        // touches its heap or roots until `end`.
        let mut roots: Vec<Value> = Vec::new();
        for c in &contexts {
            // SAFETY: world stopped (see above).
            unsafe { c.roots_ref() }.for_each(|v| roots.push(v));
        }
        roots.extend(
            sync::lock(&self.global_roots)
                .iter()
                .copied()
                .filter(|v| v.is_heap()),
        );
        for h in sync::lock(&self.root_hooks).iter() {
            h(&mut |v| {
                if v.is_heap() {
                    roots.push(v)
                }
            });
        }
        let immortals: Vec<Value> = sync::lock(&self.immortal).objects.clone();
        roots.extend(immortals.iter().copied());
        roots.extend(sync::lock(&self.frozen).iter().copied());
        let mut marked = if parallel && self.config.parallel_mark {
            self.on_gc_pool(|pool| gc::mark_parallel(pool, &roots))
        } else {
            gc::mark_sequential(&roots)
        };
        let mut resurrected: Vec<Value> = Vec::new();
        {
            let live = |v: Value| Obj::from_value(v).is_none_or(|o| o.is_marked());
            for h in sync::lock(&self.finalize_hooks).iter() {
                h(&live, &mut |v| {
                    if v.is_heap() {
                        resurrected.push(v)
                    }
                });
            }
        }
        if !resurrected.is_empty() {
            marked += gc::mark_sequential(&resurrected);
        }
        let mark_time = t0.elapsed();
        {
            // Every root, immortals included, is marked at this point.
            let live = |v: Value| Obj::from_value(v).is_none_or(|o| o.is_marked());
            for h in sync::lock(&self.weak_hooks).iter() {
                h(&live);
            }
        }
        if freeze {
            // Every object found live becomes a root of later collections.
            // Local ones are promoted: they are now reachable from a global
            // root, and a local collection must not free them. The set is
            // closed under references, so no shared object points to a
            // local one afterwards.
            let mut fr = sync::lock(&self.frozen);
            let mut add = |o: Obj| {
                if !o.is_immortal() {
                    o.header()
                        .meta
                        .fetch_or(SHARED, crate::sync::heap_atomic::Ordering::Relaxed);
                    fr.push(o.value());
                }
            };
            for c in &contexts {
                // SAFETY: world stopped.
                let h = unsafe { c.heap_mut() };
                for b in h.blocks.iter() {
                    // SAFETY: world stopped.
                    unsafe { b.for_each_marked(&mut add) };
                }
                for l in h.large.iter() {
                    // SAFETY: live large objects of a stopped heap.
                    let o = unsafe { Obj::from_header(l.0) };
                    if o.is_marked() {
                        add(o);
                    }
                }
            }
            self.orphans.with_all(|bs| {
                for b in bs.iter() {
                    // SAFETY: world stopped.
                    unsafe { b.for_each_marked(&mut add) };
                }
            });
            for l in sync::lock(&self.orphan_large).iter() {
                // SAFETY: live large objects owned by no context, world stopped.
                let o = unsafe { Obj::from_header(l.0) };
                if o.is_marked() {
                    add(o);
                }
            }
        }
        for &v in &immortals {
            if let Some(o) = Obj::from_value(v) {
                gc::clear_mark(o);
            }
        }
        // Sweep every context's heap and the orphans, in parallel.
        let mut heaps: Vec<&mut LocalHeap> = contexts
            .iter()
            // SAFETY: world stopped; each heap is borrowed once.
            .map(|c| unsafe { c.heap_mut() })
            .collect();
        let mut orphan_blocks = self.orphans.with_all(std::mem::take);
        let (live, mut freed_objects, empties, drops) = self.on_gc_pool(|pool| {
            pool.install(|| sweep_heaps(&mut heaps, &mut orphan_blocks, parallel))
        });
        let mut freed = 0;
        for e in empties {
            self.release_block(e.0);
            freed += 1;
        }
        self.orphans.with_all(|v| v.extend(orphan_blocks));
        {
            let mut ol = sync::lock(&self.orphan_large);
            // SAFETY: world stopped; orphan large objects belong to no context.
            freed_objects += unsafe { heap::sweep_large(&mut ol, false) }.freed;
        }
        let mut large_total = 0;
        for h in heaps.iter() {
            large_total += h
                .large
                .iter()
                .map(|l| {
                    // SAFETY: live large objects owned by the heap.
                    unsafe { Obj::from_header(l.0) }.cells() * CELL
                })
                .sum::<usize>();
        }
        self.large_bytes.store(large_total, Ordering::Relaxed);
        self.trim_pool();
        let used = self.blocks_in_use.load(Ordering::Relaxed) + large_total / BLOCK_BYTES;
        self.global_trigger_blocks.store(
            (2 * used).max(self.min_global_blocks.load(Ordering::Relaxed)),
            Ordering::Relaxed,
        );
        // Batches added while the world was stopped belong to this cycle
        // too; a context's unflushed batch (under `PRESSURE_BATCH`) carries
        // over to the next one.
        self.pressure.store(0, Ordering::Relaxed);
        self.pressure_trigger.store(
            (used * BLOCK_BYTES).max(self.min_pressure.load(Ordering::Relaxed)),
            Ordering::Relaxed,
        );
        self.global_freed
            .fetch_add(freed_objects as u64, Ordering::Relaxed);
        self.locals_at_last_global.store(
            self.local_collections.load(Ordering::Relaxed),
            Ordering::Relaxed,
        );
        self.global_collections.fetch_add(1, Ordering::Relaxed);
        let stats = GcStats {
            marked,
            live_objects: live,
            freed_blocks: freed,
            freed_objects,
            duration: t0.elapsed(),
            mark_time,
        };
        drop(end);
        // Native payloads are dropped while the other threads run (one code
        // object's drop frees a dozen allocations: 40,000 of them made the
        // pause of an `exec` loop 57 ms). The pause figure excludes this.
        for d in drops {
            d.run();
        }
        // Large objects and native payloads the sweep freed went back to
        // the system allocator (blocks are counted by `trim_pool`).
        let heap_after = self.heap_bytes();
        self.note_released(
            heap_before
                .saturating_sub(heap_after)
                .saturating_sub(freed * BLOCK_BYTES),
        );
        self.log.record(&Entry {
            global: true,
            context: who,
            heap_before,
            heap_after,
            freed: freed_objects,
            marked,
            pause: stats.duration,
            mark: stats.mark_time,
            pooled: self.pooled_bytes(),
        });
        Some(stats)
    }

    /// Bytes in blocks in use and large objects.
    pub fn heap_bytes(&self) -> usize {
        self.blocks_in_use.load(Ordering::Relaxed) * BLOCK_BYTES
            + self.large_bytes.load(Ordering::Relaxed)
    }

    /// The minimums of the collection triggers now in force.
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            local_bytes: self.min_local.load(Ordering::Relaxed),
            pressure_bytes: self.min_pressure.load(Ordering::Relaxed),
            heap_bytes: self.min_global_blocks.load(Ordering::Relaxed) * BLOCK_BYTES,
        }
    }

    /// Changes the minimums of the collection triggers (each at least one
    /// cell, block or byte as its unit requires); they take effect from the
    /// next collection of each kind.
    pub fn set_thresholds(&self, t: Thresholds) {
        self.min_local
            .store(t.local_bytes.max(crate::CELL), Ordering::Relaxed);
        self.min_pressure
            .store(t.pressure_bytes.max(1), Ordering::Relaxed);
        self.min_global_blocks
            .store(t.heap_bytes.div_ceil(BLOCK_BYTES).max(1), Ordering::Relaxed);
    }

    /// Objects `gc.freeze()` made permanent.
    pub fn frozen_count(&self) -> usize {
        sync::lock(&self.frozen).len()
    }

    /// `gc.unfreeze()`: the permanent objects are ordinary ones again
    /// (collected when unreachable; they stay shared).
    pub fn unfreeze(&self) {
        *sync::lock(&self.frozen) = Vec::new();
    }

    /// The minimum local trigger now in force.
    pub(crate) fn min_local_trigger(&self) -> usize {
        self.min_local.load(Ordering::Relaxed)
    }

    /// Registers a [`RootHook`].
    pub fn add_root_hook(&self, hook: RootHook) {
        sync::lock(&self.root_hooks).push(hook);
    }

    /// Registers a [`FinalizeHook`].
    pub fn add_finalize_hook(&self, hook: FinalizeHook) {
        sync::lock(&self.finalize_hooks).push(hook);
    }

    /// Registers a [`WeakHook`].
    pub fn add_weak_hook(&self, hook: WeakHook) {
        sync::lock(&self.weak_hooks).push(hook);
    }

    /// Number of threads running Python code now: registered contexts
    /// neither parked at a safepoint nor inside a blocking call (a snapshot;
    /// it may change as soon as it is read).
    pub fn running_mutators(&self) -> usize {
        self.handshake.running()
    }

    /// The collector's log and pause figures.
    pub fn gc_log(&self) -> &GcLog {
        &self.log
    }

    /// Cumulative counters.
    pub fn stats(&self) -> SpaceStats {
        SpaceStats {
            global_collections: self.global_collections.load(Ordering::Relaxed),
            local_collections: self.local_collections.load(Ordering::Relaxed),
            blocks_in_use: self.blocks_in_use.load(Ordering::Relaxed),
            pooled_blocks: self.pool.len(),
            large_bytes: self.large_bytes.load(Ordering::Relaxed),
            promoted: self.promoted.load(Ordering::Relaxed),
            local_freed: self.local_freed.load(Ordering::Relaxed),
            global_freed: self.global_freed.load(Ordering::Relaxed),
            local_collections_at_last_global: self.locals_at_last_global.load(Ordering::Relaxed),
        }
    }

    /// Runs a global collection from a thread that is not a mutator of this
    /// space (tests, embedders). Returns its statistics.
    pub fn collect_from_outside(&self) -> GcStats {
        loop {
            if let Some(s) = self.collect_global(0, false, true, false) {
                return s;
            }
        }
    }

    /// Number of registered contexts.
    pub fn context_count(&self) -> usize {
        sync::lock(&self.contexts).len()
    }

    /// Is `v` an immortal object? (Immortals are SHARED|IMMORTAL.)
    pub fn is_immortal(v: Value) -> bool {
        Obj::from_value(v).is_some_and(|o| {
            o.header()
                .meta
                .load(crate::sync::heap_atomic::Ordering::Relaxed)
                & (IMMORTAL | SHARED)
                == IMMORTAL | SHARED
        })
    }
}

/// Subtracts `n` from a trigger figure, stopping at zero.
fn sub_saturating(a: &AtomicUsize, n: usize) {
    if n > 0 {
        let _ = a.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| {
            Some(v.saturating_sub(n))
        });
    }
}

/// Sweeps the heaps and orphan blocks; returns (live objects, objects
/// freed, empty blocks, payloads of dead native objects to drop once the
/// world runs again).
fn sweep_heaps(
    heaps: &mut [&mut LocalHeap],
    orphans: &mut Vec<Block>,
    parallel: bool,
) -> (usize, usize, Vec<EmptyBlock>, Vec<DeferredDrop>) {
    use rayon::prelude::*;
    type Swept = (usize, usize, Vec<DeferredDrop>);
    // (live, freed, payloads) summed over the blocks.
    let sweep_blocks = |blocks: &mut [Block]| -> Swept {
        let f = |b: &mut Block| {
            let mut d = Vec::new();
            // SAFETY: world stopped; each block swept by exactly one task.
            let (l, n) = unsafe { b.sweep(false, Some(&mut d)) };
            (l, n, d)
        };
        let add = |mut a: Swept, b: Swept| {
            a.2.extend(b.2);
            (a.0 + b.0, a.1 + b.1, a.2)
        };
        if parallel {
            blocks
                .par_iter_mut()
                .map(f)
                .reduce(|| (0, 0, Vec::new()), add)
        } else {
            blocks.iter_mut().map(f).fold((0, 0, Vec::new()), add)
        }
    };
    let mut live = 0;
    let mut freed = 0;
    let mut empties = Vec::new();
    let mut drops = Vec::new();
    for h in heaps.iter_mut() {
        h.drop_current_lists();
        for b in h.blocks.iter_mut() {
            b.old = false;
        }
        let (l, f, d) = sweep_blocks(&mut h.blocks);
        live += l;
        freed += f;
        drops.extend(d);
        // SAFETY: world stopped.
        freed += unsafe { heap::sweep_large(&mut h.large, false) }.freed;
        empties.extend(h.finish_sweep(0).into_iter().map(EmptyBlock));
    }
    let (l, f, d) = sweep_blocks(orphans);
    live += l;
    freed += f;
    drops.extend(d);
    let mut kept = Vec::new();
    for b in orphans.drain(..) {
        if b.is_empty() {
            empties.push(EmptyBlock(b.base));
        } else {
            kept.push(b);
        }
    }
    *orphans = kept;
    (live, freed, empties, drops)
}

struct EmptyBlock(NonNull<u8>);
// SAFETY: an empty block no one references.
unsafe impl Send for EmptyBlock {}

const _: () = assert!(NCLASSES > 0);
