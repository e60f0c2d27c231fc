//! Blocks, size classes and a context's local heap (allocation and sweeping).
//!
//! Memory comes in 256 KiB blocks. A block serves one size class: slots of
//! 1..=128 cells (see [`CLASS_CELLS`]); objects larger than 128 cells (8 KiB)
//! are allocated one by one as *large* objects. Free slots form a singly linked
//! list threaded through the free cells themselves (`meta` = FREE, then the next
//! pointer), so allocation pops a list head: no synchronisation, no search.
//!
//! A [`LocalHeap`] belongs to one `ProtoContext`; only its owner thread
//! touches it, except the collector while the owner is stopped or blocked
//! (the handshake provides the ordering). A local collection keeps up to its
//! next cycle's worth of the blocks it emptied (already swept into free
//! lists, and still in this core's cache); other empty blocks go back to the
//! `ProtoSpace` pool, which releases memory beyond a small reserve to the
//! OS, so a program's resident size follows its live data.

use crate::object::{
    make_meta, Header, Kind, Obj, FREE_KIND, FREE_META, LARGE, MARK, NATIVE, NATIVE_DROP, SHARED,
};
use crate::sync::heap_atomic::{AtomicU64, Ordering};
use crate::CELL;
use core::ptr::NonNull;
use std::alloc::{alloc, alloc_zeroed, dealloc, Layout};

/// Bytes per block.
pub const BLOCK_BYTES: usize = 256 * 1024;
/// Cells per block.
pub const BLOCK_CELLS: usize = BLOCK_BYTES / CELL;
/// Slot sizes, in cells, of the size classes.
pub const CLASS_CELLS: [usize; NCLASSES] = [
    1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128,
];
/// Number of size classes.
pub const NCLASSES: usize = 24;
/// Largest object, in cells, served from blocks.
pub const MAX_SMALL_CELLS: usize = 128;

/// `CELLS_TO_CLASS[n]` is the smallest class whose slots hold `n` cells.
const CELLS_TO_CLASS: [u8; MAX_SMALL_CELLS + 1] = {
    let mut t = [0u8; MAX_SMALL_CELLS + 1];
    let mut n = 1;
    while n <= MAX_SMALL_CELLS {
        let mut c = 0;
        while CLASS_CELLS[c] < n {
            c += 1;
        }
        t[n] = c as u8;
        n += 1;
    }
    t
};

/// The size class for an object of `cells` cells (`cells <= MAX_SMALL_CELLS`).
#[inline(always)]
pub fn class_of(cells: usize) -> usize {
    CELLS_TO_CLASS[cells] as usize
}

fn block_layout() -> Layout {
    // 4096 keeps blocks page-aligned so whole blocks map to whole pages.
    match Layout::from_size_align(BLOCK_BYTES, 4096) {
        Ok(l) => l,
        Err(_) => unreachable!("constant layout is valid"),
    }
}

/// Allocates a raw block (contents unspecified), or `None` when the system
/// refuses the memory (the allocation path turns that into MemoryError).
pub(crate) fn try_new_raw_block() -> Option<NonNull<u8>> {
    // SAFETY: the layout has non-zero size.
    let p = NonNull::new(unsafe { alloc(block_layout()) })?;
    populate(p);
    Some(p)
}

/// Makes the pages of a new block resident with one call: formatting the
/// block writes every slot, so each of its 64 pages would otherwise fault
/// on its own (a fresh block is mapped memory). `protopy -c pass` took
/// about 1,000 of its 1,650 page faults there. Memory that is already
/// resident (a block from glibc's heap) is only walked; a kernel without
/// `MADV_POPULATE_WRITE` (before Linux 5.14) refuses it and the pages
/// fault as before.
#[cfg(target_os = "linux")]
fn populate(p: NonNull<u8>) {
    const MADV_POPULATE_WRITE: libc::c_int = 23;
    // SAFETY: `p` starts a live allocation of BLOCK_BYTES that we own;
    // populating writable pages changes no byte of it.
    unsafe {
        libc::madvise(p.as_ptr().cast(), BLOCK_BYTES, MADV_POPULATE_WRITE);
    }
}

#[cfg(not(target_os = "linux"))]
fn populate(_: NonNull<u8>) {}

/// Allocates a raw block (contents unspecified). Aborts via the global
/// allocation error handler on out-of-memory, like `Box::new`: only for
/// the immortal arena, whose callers cannot fail.
pub(crate) fn new_raw_block() -> NonNull<u8> {
    match try_new_raw_block() {
        Some(p) => p,
        None => std::alloc::handle_alloc_error(block_layout()),
    }
}

/// Returns a raw block to the system allocator.
///
/// # Safety
/// `p` came from [`new_raw_block`] and no object in it is reachable.
pub(crate) unsafe fn free_raw_block(p: NonNull<u8>) {
    // SAFETY: same layout as new_raw_block; the caller guarantees no use after.
    unsafe { dealloc(p.as_ptr(), block_layout()) }
}

/// A free cell on a free list.
#[repr(C)]
pub(crate) struct FreeCell {
    meta: AtomicU64,
    next: *mut FreeCell,
}

/// One block in use by a size class.
pub(crate) struct Block {
    pub(crate) base: NonNull<u8>,
    pub(crate) class: u8,
    /// Free list of this block (valid when the block is not the current
    /// allocation block of its class).
    pub(crate) free: *mut FreeCell,
    pub(crate) nfree: u32,
    /// May hold local objects: set when the block becomes an allocation
    /// block, cleared by a local sweep that finds no local object alive in
    /// it. Local objects are only ever allocated in a current block, so a
    /// block without this flag holds shared objects and free slots only, and
    /// a local collection (which neither marks nor frees shared objects)
    /// has nothing to do there. Without this, every local collection swept
    /// all the shared garbage waiting for the next global collection: with
    /// 64 MiB of it, a local collection took 3-4 ms every 1 MiB allocated.
    pub(crate) has_local: bool,
    /// Tenured: its objects were promoted by `ProtoContext::tenure`, and
    /// local allocation leaves its free slots alone (new objects go to
    /// other blocks, which local collections sweep while they are still in
    /// cache). A global collection, which frees the tenured objects that
    /// died, clears it.
    pub(crate) old: bool,
    /// The slots a local sweep visits, one bit each: every free slot and
    /// every local object has its bit (shared objects need not). Formatting
    /// sets every slot's; allocation takes only free slots, so what it makes
    /// has a bit already; every sweep writes the map again. A local sweep
    /// then walks the free slots and the local objects only: a block whose
    /// other slots hold shared objects (promoted, or waiting for a global
    /// collection) was read whole on every local collection once
    /// allocation took one of its free slots (docutils swept 60-90 such
    /// blocks, 15-22 MiB, per 1 MiB allocated).
    pub(crate) visit: Box<[u64; VISIT_WORDS]>,
}

/// Words of a block's [`Block::visit`] map: one bit per slot of the
/// smallest class.
pub(crate) const VISIT_WORDS: usize = BLOCK_CELLS / 64;

/// The bits of word `w` of a [`Block::visit`] map that stand for one of a
/// block's `n` slots.
#[inline(always)]
fn slot_bits(w: usize, n: usize) -> u64 {
    match n.saturating_sub(w * 64) {
        0 => 0,
        k if k >= 64 => !0,
        k => (1 << k) - 1,
    }
}

// SAFETY: a Block is exclusively owned by one LocalHeap (or the orphan list);
// the collector moves it between threads only while its owner is stopped.
unsafe impl Send for Block {}

impl Block {
    /// Slot size in bytes.
    #[inline]
    pub(crate) fn slot_bytes(&self) -> usize {
        CLASS_CELLS[self.class as usize] * CELL
    }

    /// Number of slots.
    #[inline]
    pub(crate) fn nslots(&self) -> usize {
        BLOCK_BYTES / self.slot_bytes()
    }

    /// Formats a raw block for `class`: every slot free.
    pub(crate) fn format(base: NonNull<u8>, class: usize) -> Block {
        let mut b = Block {
            base,
            class: class as u8,
            free: core::ptr::null_mut(),
            nfree: 0,
            has_local: false,
            old: false,
            visit: Box::new([0; VISIT_WORDS]),
        };
        let sb = b.slot_bytes();
        let n = b.nslots();
        for (w, x) in b.visit.iter_mut().enumerate() {
            *x = slot_bits(w, n);
        }
        let mut head: *mut FreeCell = core::ptr::null_mut();
        for i in (0..n).rev() {
            // SAFETY: slot i lies inside the block; we own the raw block.
            unsafe {
                let c = base.as_ptr().add(i * sb).cast::<FreeCell>();
                c.write(FreeCell {
                    meta: AtomicU64::new(FREE_META),
                    next: head,
                });
                head = c;
            }
        }
        b.free = head;
        b.nfree = n as u32;
        b
    }

    /// Sweeps the block: frees dead objects, clears marks of live ones and
    /// rebuilds the free list. A `local` sweep keeps every SHARED object (it
    /// was not marked, since local marking stops at shared objects) and
    /// visits only the slots of [`Block::visit`]; a global sweep visits
    /// every slot and rebuilds that map. Returns the number of live objects
    /// and the number of objects it freed. The payloads of dead native
    /// objects are moved to `defer` when given (dropped by the caller
    /// later), else dropped at once. A local sweep counts only the live
    /// *local* objects (those it found marked): the shared ones it leaves
    /// alone are the global collector's to count, and the local trigger must
    /// not grow with them.
    ///
    /// # Safety
    /// No mutator may touch the block's objects concurrently, except reading
    /// shared objects during a local sweep (which never writes them).
    pub(crate) unsafe fn sweep(
        &mut self,
        local: bool,
        mut defer: Option<&mut Vec<crate::native::DeferredDrop>>,
    ) -> (usize, usize) {
        let sb = self.slot_bytes();
        let n = self.nslots();
        if local && !self.has_local {
            return (0, 0);
        }
        if self.nfree as usize == n {
            // Not allocated from since its last sweep or formatting (a block
            // leaves its free list only by becoming current, which zeroes
            // `nfree`): every slot is on the free list already.
            return (0, 0);
        }
        let traced = crate::alloc_trace::active();
        let mut head: *mut FreeCell = core::ptr::null_mut();
        let mut nfree = 0u32;
        let mut live = 0usize;
        let mut freed = 0usize;
        let base = self.base.as_ptr();
        // Whether the slot at `p` keeps its bit: free afterwards, or a
        // live local object.
        let mut slot = |p: *mut u8| -> bool {
            // SAFETY: every slot starts with a meta word (object header or free cell).
            let meta_word = unsafe { &*(p as *const AtomicU64) };
            let meta = meta_word.load(Ordering::Relaxed);
            if meta as u8 == FREE_KIND {
                // Already free. Its link is rewritten only when it changed
                // (a slot above it was freed or allocated since the list was
                // built): a block with few changes is then only read, and
                // its unchanged lines are not written back.
                let fc = p.cast::<FreeCell>();
                // SAFETY: a free slot holds a FreeCell.
                if unsafe { (*fc).next } != head {
                    // SAFETY: as above; only the owner touches free cells.
                    unsafe { (*fc).next = head };
                }
                head = fc;
                nfree += 1;
                return true;
            } else if meta & MARK != 0 {
                meta_word.store(meta & !MARK, Ordering::Relaxed);
                live += 1;
                return meta & SHARED == 0;
            } else if local && meta & SHARED != 0 {
                return false;
            }
            if meta & NATIVE_DROP != 0 {
                // SAFETY: an unmarked, unreachable native object, finalised once here.
                unsafe { finalize_dead(p, defer.as_deref_mut()) };
            }
            if traced {
                crate::alloc_trace::freed(p as usize);
            }
            freed += 1;
            // SAFETY: the slot is dead; we rewrite it as a free cell.
            unsafe {
                p.cast::<FreeCell>().write(FreeCell {
                    meta: AtomicU64::new(FREE_META),
                    next: head,
                })
            };
            head = p.cast::<FreeCell>();
            nfree += 1;
            true
        };
        // Slots are visited from the last down, so the free list comes out
        // in address order; a local sweep visits the map's slots, a global
        // one every slot.
        let mut keep = [0u64; VISIT_WORDS];
        for w in (0..n.div_ceil(64)).rev() {
            let mut x = if local {
                self.visit[w]
            } else {
                slot_bits(w, n)
            };
            let mut k = 0u64;
            if x == !0 {
                // A whole word of slots (a nursery block, a global sweep):
                // walked down by pointer, the bits shifted in as they come.
                // SAFETY: the word's 64 slots lie inside the block.
                let mut p = unsafe { base.add((w * 64 + 64) * sb) };
                for _ in 0..64 {
                    // SAFETY: still inside the word's slots.
                    p = unsafe { p.sub(sb) };
                    k = (k << 1) | slot(p) as u64;
                }
                x = 0;
            }
            while x != 0 {
                let b = 63 - x.leading_zeros() as usize;
                x ^= 1 << b;
                // SAFETY: `w * 64 + b < n` (the map has bits for slots only),
                // so the slot lies inside the block.
                let p = unsafe { base.add((w * 64 + b) * sb) };
                k |= (slot(p) as u64) << b;
            }
            keep[w] = k;
        }
        *self.visit = keep;
        self.free = head;
        self.nfree = nfree;
        if local {
            self.has_local = live > 0;
        }
        (live, freed)
    }

    /// Calls `f` on every object of the block whose MARK bit is set.
    ///
    /// # Safety
    /// The world is stopped (no mutator touches the block).
    pub(crate) unsafe fn for_each_marked(&self, f: &mut dyn FnMut(Obj)) {
        let sb = self.slot_bytes();
        for i in 0..self.nslots() {
            // SAFETY: slot i lies inside the block.
            let p = unsafe { self.base.as_ptr().add(i * sb) };
            // SAFETY: every slot starts with a meta word.
            let meta = unsafe { &*(p as *const AtomicU64) }.load(Ordering::Relaxed);
            if meta as u8 != FREE_KIND && meta & MARK != 0 {
                // SAFETY: a marked slot holds a live object.
                f(unsafe { Obj::from_header(NonNull::new_unchecked(p.cast::<Header>())) });
            }
        }
    }

    /// Does the block hold no object?
    pub(crate) fn is_empty(&self) -> bool {
        self.nfree as usize == self.nslots()
    }
}

/// A large object allocation.
pub(crate) struct Large(pub(crate) NonNull<Header>);
// SAFETY: owned by one LocalHeap; moved between threads only under the handshake.
unsafe impl Send for Large {}

fn large_layout(cells: usize) -> Option<Layout> {
    Layout::from_size_align(cells.checked_mul(CELL)?, CELL).ok()
}

/// Finalises the dead native object at `p` (out of the sweep loop, which
/// stays tight for the common objects): payloads without a destructor need
/// nothing; the others are dropped now, or moved to `defer` to be dropped
/// after the world restarts.
///
/// # Safety
/// `p` is an unmarked, unreachable native object that the sweeper frees
/// right after; called once per object.
#[cold]
#[inline(never)]
unsafe fn finalize_dead(p: *mut u8, defer: Option<&mut Vec<crate::native::DeferredDrop>>) {
    // SAFETY: the caller passes the header of a dead native object.
    let o = unsafe { Obj::from_header(NonNull::new_unchecked(p.cast::<Header>())) };
    if !crate::native::payload_needs_drop(o) {
        return;
    }
    match defer {
        // SAFETY: the sweeper's one finalisation of `o`, freed right after.
        Some(d) => d.push(unsafe { crate::native::take_native(o) }),
        // SAFETY: as above.
        None => unsafe { crate::native::finalize_native(o) },
    }
}

/// Frees a large object.
///
/// # Safety
/// `h` is an unreachable large object allocated by `LocalHeap::alloc_large`.
pub(crate) unsafe fn free_large(h: NonNull<Header>) {
    // SAFETY: the caller guarantees h is a large object allocated by alloc_large.
    let obj = unsafe { Obj::from_header(h) };
    let meta = obj.header().meta.load(Ordering::Relaxed);
    if meta & NATIVE != 0 {
        // SAFETY: the caller guarantees it is unreachable; finalised once.
        unsafe { crate::native::finalize_native(obj) };
    }
    if crate::alloc_trace::active() {
        crate::alloc_trace::freed(h.as_ptr() as usize);
    }
    let cells = obj.header().cells as usize;
    if let Some(l) = large_layout(cells) {
        // SAFETY: allocated with this layout in alloc_large.
        unsafe { dealloc(h.as_ptr().cast(), l) };
    }
}

/// What [`sweep_large`] found.
#[derive(Clone, Copy, Default)]
pub(crate) struct LargeSwept {
    /// Bytes of the live objects (local ones only, for a local sweep).
    pub(crate) live_bytes: usize,
    /// Objects freed.
    pub(crate) freed: usize,
    /// Bytes of the objects freed.
    pub(crate) freed_bytes: usize,
}

/// Sweeps a list of large objects.
///
/// # Safety
/// As for [`Block::sweep`].
pub(crate) unsafe fn sweep_large(list: &mut Vec<Large>, local: bool) -> LargeSwept {
    let mut live = 0;
    let mut freed = 0;
    let mut freed_bytes = 0;
    list.retain(|l| {
        // SAFETY: every entry is a live-or-garbage large object we own.
        let obj = unsafe { Obj::from_header(l.0) };
        let meta = obj.header().meta.load(Ordering::Relaxed);
        if meta & MARK != 0 {
            obj.header().meta.store(meta & !MARK, Ordering::Relaxed);
            live += obj.cells() * CELL;
            true
        } else if local && meta & SHARED != 0 {
            // The global collector's to count (see `Block::sweep`).
            true
        } else {
            freed_bytes += obj.cells() * CELL;
            // SAFETY: unmarked: unreachable.
            unsafe { free_large(l.0) };
            freed += 1;
            false
        }
    });
    LargeSwept {
        live_bytes: live,
        freed,
        freed_bytes,
    }
}

/// A context's own heap.
pub(crate) struct LocalHeap {
    /// Current allocation list per class.
    pub(crate) cur: [*mut FreeCell; NCLASSES],
    pub(crate) blocks: Vec<Block>,
    /// Per class: indices into `blocks` of blocks with free slots, not yet current.
    pub(crate) avail: [Vec<u32>; NCLASSES],
    pub(crate) large: Vec<Large>,
    /// Bytes allocated since the last local collection (small objects count
    /// their cells as they are allocated, large objects and native payloads'
    /// external memory when made). Counting the free slots of each block as
    /// it became current overcounted: a local collection drops the current
    /// lists, so a thread using many size classes "was handed" 256 KiB per
    /// class right after each collection and collected again at once.
    pub(crate) since_gc: usize,
    /// Local collection trigger in bytes.
    pub(crate) trigger: usize,
}

// SAFETY: see the module header: one owner thread, the collector only while it is stopped.
unsafe impl Send for LocalHeap {}

/// Minimum bytes allocated between two local collections. Small enough that
/// a thread with little live data reuses memory still in its core's cache:
/// 8 MiB cycled through L3 and made `scale_alloc.py` 15-30 % slower (see
/// docs/ARCHITECTURE.md, "Local trigger size").
pub const MIN_LOCAL_TRIGGER: usize = 1024 * 1024;

impl LocalHeap {
    /// Bytes of this heap: its blocks and its large objects.
    pub(crate) fn bytes(&self) -> usize {
        self.blocks.len() * BLOCK_BYTES
            + self
                .large
                .iter()
                // SAFETY: live large objects owned by this heap.
                .map(|l| unsafe { crate::object::Obj::from_header(l.0) }.cells() * CELL)
                .sum::<usize>()
    }

    pub(crate) fn new() -> LocalHeap {
        LocalHeap {
            cur: [core::ptr::null_mut(); NCLASSES],
            blocks: Vec::new(),
            avail: Default::default(),
            large: Vec::new(),
            since_gc: 0,
            trigger: MIN_LOCAL_TRIGGER,
        }
    }

    /// Pops a slot of class `ci` from the current list (fast path).
    #[inline(always)]
    pub(crate) fn pop(&mut self, ci: usize) -> Option<NonNull<u8>> {
        let p = self.cur[ci];
        if p.is_null() {
            return None;
        }
        // SAFETY: p is the head of a free list of this heap: a FreeCell.
        let next = unsafe { (*p).next };
        self.cur[ci] = next;
        // The next allocation of this class reads `next`'s link: start bringing
        // its line in now. Swept cells were last touched a collection ago (a
        // megabyte or more of allocation), and a link read that misses the cache
        // stalls the allocation that needs it.
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch is only a hint; it never faults, null included.
        unsafe {
            core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(
                next.cast::<i8>(),
            );
        }
        // SAFETY: non-null checked above.
        Some(unsafe { NonNull::new_unchecked(p.cast()) })
    }

    /// Makes the next available block of class `ci` current. Returns false if none.
    pub(crate) fn refill_from_avail(&mut self, ci: usize) -> bool {
        while let Some(bi) = self.avail[ci].pop() {
            let b = &mut self.blocks[bi as usize];
            if b.nfree > 0 {
                self.cur[ci] = b.free;
                b.free = core::ptr::null_mut();
                b.nfree = 0;
                b.has_local = true;
                return true;
            }
        }
        false
    }

    /// Adds a block (formatted or swept) and makes it current for its class.
    pub(crate) fn adopt_current(&mut self, mut b: Block) {
        let ci = b.class as usize;
        self.cur[ci] = b.free;
        b.free = core::ptr::null_mut();
        b.nfree = 0;
        b.has_local = true;
        self.blocks.push(b);
    }

    /// Allocates a large object of `cells` cells, zeroed if `zeroed` (else
    /// its bytes are uninitialised); returns None on overflow or allocation
    /// failure.
    pub(crate) fn alloc_large(&mut self, cells: usize, zeroed: bool) -> Option<NonNull<u8>> {
        let layout = large_layout(cells)?;
        if cells > u32::MAX as usize {
            return None;
        }
        // SAFETY: non-zero size.
        let p = NonNull::new(unsafe {
            if zeroed {
                alloc_zeroed(layout)
            } else {
                alloc(layout)
            }
        })?;
        self.large.push(Large(p.cast()));
        self.since_gc += cells * CELL;
        Some(p)
    }

    /// Forgets every current list (before a sweep rebuilds them).
    pub(crate) fn drop_current_lists(&mut self) {
        self.cur = [core::ptr::null_mut(); NCLASSES];
        for a in self.avail.iter_mut() {
            a.clear();
        }
    }

    /// After sweeping every block: keeps up to `keep_empty` empty blocks
    /// (already formatted by the sweep, and still in this core's cache),
    /// returns the other empty ones and rebuilds the availability lists,
    /// partly used blocks first so that kept empty ones stay empty longest.
    pub(crate) fn finish_sweep(&mut self, keep_empty: usize) -> Vec<NonNull<u8>> {
        let mut empty = Vec::new();
        let mut kept = Vec::with_capacity(self.blocks.len());
        let mut spare = Vec::new();
        for mut b in self.blocks.drain(..) {
            if !b.is_empty() {
                kept.push(b);
            } else if spare.len() < keep_empty {
                // Nothing tenured is left in an empty block.
                b.old = false;
                spare.push(b);
            } else {
                empty.push(b.base);
            }
        }
        let partial = kept.len();
        kept.extend(spare);
        self.blocks = kept;
        for (i, b) in self.blocks[partial..].iter().enumerate() {
            self.avail[b.class as usize].push((partial + i) as u32);
        }
        for (i, b) in self.blocks[..partial].iter().enumerate() {
            if b.nfree > 0 && !b.old {
                self.avail[b.class as usize].push(i as u32);
            }
        }
        empty
    }
}

/// Initialises a slot as a fresh object: zeroes it and writes the header.
///
/// # Safety
/// `p` points to `cells` cells that nobody else uses.
#[inline(always)]
pub(crate) unsafe fn init_object(
    p: NonNull<u8>,
    cells: usize,
    kind: Kind,
    flags: u64,
    owner: u16,
    n_values: u32,
) -> Obj {
    // SAFETY: the caller owns `cells * CELL` bytes at p.
    unsafe {
        // Constant sizes for the common one- and two-cell objects compile to
        // a few vector stores instead of a call into the C library's memset.
        match cells {
            1 => core::ptr::write_bytes(p.as_ptr(), 0, CELL),
            2 => core::ptr::write_bytes(p.as_ptr(), 0, 2 * CELL),
            _ => core::ptr::write_bytes(p.as_ptr(), 0, cells * CELL),
        }
        init_zeroed_object(p, cells, kind, flags, owner, n_values)
    }
}

/// As [`init_object`] for memory that is already zero (a large object from
/// `alloc_zeroed`): writes the header only. Zeroing a grown list's storage a
/// second time had cost as much as copying its items.
///
/// # Safety
/// `p` points to `cells` zeroed cells that nobody else uses.
#[inline(always)]
pub(crate) unsafe fn init_zeroed_object(
    p: NonNull<u8>,
    cells: usize,
    kind: Kind,
    flags: u64,
    owner: u16,
    n_values: u32,
) -> Obj {
    // SAFETY: the caller owns `cells * CELL` zeroed bytes at p.
    unsafe {
        let h = p.as_ptr().cast::<Header>();
        (*h).meta
            .store(make_meta(kind, flags, owner, n_values), Ordering::Relaxed);
        (*h).cells = cells as u32;
        Obj::from_header(NonNull::new_unchecked(h))
    }
}

/// The `LARGE` flag, re-exported for the allocator.
pub(crate) const LARGE_FLAG: u64 = LARGE;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_all_sizes() {
        for n in 1..=MAX_SMALL_CELLS {
            let c = class_of(n);
            assert!(CLASS_CELLS[c] >= n);
            if c > 0 {
                assert!(CLASS_CELLS[c - 1] < n);
            }
        }
    }
}
