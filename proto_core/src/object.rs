//! Object headers and the layout of a heap object.
//!
//! Every heap object starts on a 64-byte cell boundary with a 24-byte
//! [`Header`], followed by its body: first `n_values` traced [`Value`] words,
//! then untraced raw bytes up to the end of its cells.
//!
//! | offset | field   | contents                                                      |
//! |--------|---------|---------------------------------------------------------------|
//! | 0      | `meta`  | bits 0..8 kind, 8 SHARED, 9 MARK, 10 IMMORTAL, 11 FROZEN, 12 NATIVE, 13 LARGE, 14 NATIVE_DROP, 16..32 owner context id, 32..64 `n_values` |
//! | 8      | `class` | a `Value`: the Python type (engine-defined; traced)           |
//! | 16     | `lock`  | the object lock word, used once the object is shared and mutable |
//! | 20     | `cells` | size in 64-byte cells (immutable after allocation)            |
//! | 24     | body    | `n_values` value words, then raw bytes                         |
//!
//! Concurrency contract: `meta` flags change only (a) by the owner thread while
//! the object is local (promotion sets SHARED with release ordering before the
//! object can be published), or (b) by the collector while every mutator is
//! stopped (MARK during a global collection), or (c) by the owner's local
//! collector on local objects, which no other thread can reach. Value words are
//! atomics: readers of shared objects use acquire loads; writers hold the
//! object's lock (engine rule) and store with release ordering, so a reader
//! never sees a torn or uninitialised value.

use crate::sync::heap_atomic::{AtomicU32, AtomicU64, Ordering};
use crate::value::Value;
use crate::CELL;
use core::ptr::NonNull;

/// Size of [`Header`] in bytes.
pub const HEADER_SIZE: usize = 24;

/// Header flag: reachable from more than one thread; never points to a local object.
pub const SHARED: u64 = 1 << 8;
/// Header flag: marked live by the running collection.
pub const MARK: u64 = 1 << 9;
/// Header flag: never collected (constants, code, builtins). Implies SHARED.
pub const IMMORTAL: u64 = 1 << 10;
/// Header flag: never written after publication (plain reads are enough):
/// immortal objects, and containers and instances made deeply immutable by
/// `protopy.freeze` (every mutator refuses them; see docs/ARCHITECTURE.md
/// "Deep freezing").
pub const FROZEN: u64 = 1 << 11;
/// Header flag: the raw region holds a Rust value with a finalizer (see `native`).
pub const NATIVE: u64 = 1 << 12;
/// Header flag: allocated outside the size-class blocks.
pub const LARGE: u64 = 1 << 13;
/// Header flag, with NATIVE: the payload has drop glue, so the sweeper must
/// finalise it (a payload without any, such as a Decimal's, is freed with its
/// cell and no call).
pub const NATIVE_DROP: u64 = 1 << 14;

pub(crate) const KIND_MASK: u64 = 0xFF;
const OWNER_SHIFT: u32 = 16;
pub(crate) const NVALUES_SHIFT: u32 = 32;

/// The `kind` byte of a cell on a free list.
pub(crate) const FREE_KIND: u8 = 0xFF;
/// `meta` of a free cell.
pub(crate) const FREE_META: u64 = FREE_KIND as u64;

/// Layout kinds known to proto_core. The engine may define its own kinds in
/// `Kind::FIRST_ENGINE..Kind::LAST`; the collector does not look at kinds.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Kind(pub u8);

impl Kind {
    /// Plain value slots (instances, functions, cells, ...).
    pub const GENERIC: Kind = Kind(0);
    /// A boxed float (raw: f64).
    pub const FLOAT: Kind = Kind(1);
    /// A big integer (raw: sign and limbs).
    pub const BIG_INT: Kind = Kind(2);
    /// A flat string (raw: length, hash, bytes).
    pub const STR: Kind = Kind(3);
    /// A byte string.
    pub const BYTES: Kind = Kind(4);
    /// A tuple (values: items).
    pub const TUPLE: Kind = Kind(5);
    /// A list header (values: storage).
    pub const LIST: Kind = Kind(6);
    /// A dict header.
    pub const DICT: Kind = Kind(7);
    /// A set header.
    pub const SET: Kind = Kind(8);
    /// Backing storage of a list/dict/set (values: slots).
    pub const STORAGE: Kind = Kind(9);
    /// A native Rust value (see `native`).
    pub const NATIVE: Kind = Kind(10);
    /// First kind number free for the engine.
    pub const FIRST_ENGINE: Kind = Kind(32);
    /// Last usable kind number (0xFF marks free cells).
    pub const LAST: Kind = Kind(0xFE);
}

/// The header at the start of every heap object.
#[repr(C)]
pub struct Header {
    pub(crate) meta: AtomicU64,
    pub(crate) class: AtomicU64,
    pub(crate) lock: AtomicU32,
    pub(crate) cells: u32,
}

const _: () = assert!(core::mem::size_of::<Header>() == HEADER_SIZE);
const _: () = assert!(CELL.is_multiple_of(core::mem::align_of::<Header>()));

/// Builds a `meta` word.
pub(crate) const fn make_meta(kind: Kind, flags: u64, owner: u16, n_values: u32) -> u64 {
    (kind.0 as u64) | flags | ((owner as u64) << OWNER_SHIFT) | ((n_values as u64) << NVALUES_SHIFT)
}

/// Size in bytes needed for an object with `n_values` values and `raw` raw bytes.
pub const fn object_bytes(n_values: usize, raw: usize) -> usize {
    HEADER_SIZE + n_values * 8 + raw
}

/// Number of cells needed for `bytes` bytes.
pub const fn cells_for(bytes: usize) -> usize {
    bytes.div_ceil(CELL)
}

/// A reference to a live heap object.
///
/// Obtained from a heap [`Value`]. Using an `Obj` is sound as long as the
/// object is live, which the rooting rules guarantee (see `roots` and
/// docs/ARCHITECTURE.md). Debug builds check on every access that the cell has
/// not been freed, turning a rooting mistake into a clear panic.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Obj(NonNull<Header>);

// SAFETY: an Obj is an address; all access to the object goes through atomics
// whose ordering rules are the concurrency contract at the top of this module.
unsafe impl Send for Obj {}
// SAFETY: as above.
unsafe impl Sync for Obj {}

impl core::fmt::Debug for Obj {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Obj({:p}, kind {})", self.0, self.kind().0)
    }
}

impl Obj {
    /// The object behind a heap value, or `None` for immediates and `EMPTY`.
    #[inline(always)]
    pub fn from_value(v: Value) -> Option<Obj> {
        if v.is_heap() {
            // SAFETY: is_heap guarantees a non-zero address.
            Some(Obj(unsafe {
                NonNull::new_unchecked(v.addr() as *mut Header)
            }))
        } else {
            None
        }
    }

    /// # Safety
    /// `p` must point at the header of a live object.
    #[inline(always)]
    pub(crate) unsafe fn from_header(p: NonNull<Header>) -> Obj {
        Obj(p)
    }

    /// The value word for this object.
    #[inline(always)]
    pub fn value(self) -> Value {
        // SAFETY: the header address is a 64-byte-aligned cell by construction.
        unsafe { Value::from_addr(self.0.as_ptr() as usize) }
    }

    #[inline(always)]
    pub(crate) fn header(self) -> &'static Header {
        // SAFETY: a live object's header stays valid while the object is
        // reachable; the 'static is an internal convenience never handed out.
        unsafe { self.0.as_ref() }
    }

    /// The `meta` word (relaxed).
    #[inline(always)]
    pub(crate) fn meta(self) -> u64 {
        let m = self.header().meta.load(Ordering::Relaxed);
        debug_assert!(
            m as u8 != FREE_KIND && m != 0,
            "use of a collected object {:p}",
            self.0
        );
        m
    }

    /// The layout kind.
    #[inline(always)]
    pub fn kind(self) -> Kind {
        Kind((self.meta() & KIND_MASK) as u8)
    }

    /// Is the object shared between threads (promoted or immortal)?
    #[inline(always)]
    pub fn is_shared(self) -> bool {
        self.meta() & SHARED != 0
    }

    /// Is the object immortal?
    #[inline(always)]
    pub fn is_immortal(self) -> bool {
        self.meta() & IMMORTAL != 0
    }

    /// Is the MARK bit set (during a collection: found reachable)?
    #[inline(always)]
    pub fn is_marked(self) -> bool {
        self.meta() & MARK != 0
    }

    /// Is the object frozen (never written after publication)?
    #[inline(always)]
    pub fn is_frozen(self) -> bool {
        self.meta() & FROZEN != 0
    }

    /// Marks the object frozen: by the owner before publication, or (deep
    /// freezing, `protopy.freeze`) by a mutator holding the object's lock
    /// when it is shared. The bit is set with one atomic `fetch_or`, so it
    /// never races with the collector's MARK (set by a global collection
    /// only while every mutator is stopped; a local collection never writes
    /// a shared object's header). Release: a reader that sees FROZEN
    /// (acquire, [`Obj::is_frozen_acquire`]) sees every write made before.
    pub fn freeze(self) {
        self.header().meta.fetch_or(FROZEN, Ordering::Release);
    }

    /// [`Obj::is_frozen`] with acquire ordering (pairs with [`Obj::freeze`]).
    #[inline(always)]
    pub fn is_frozen_acquire(self) -> bool {
        self.header().meta.load(Ordering::Acquire) & FROZEN != 0
    }

    /// Does the raw region hold a Rust value (see `native`)?
    #[inline(always)]
    pub fn is_native(self) -> bool {
        self.meta() & NATIVE != 0
    }

    /// Neither shared nor frozen: the owner may write it with no lock and
    /// no check (the fast paths of local stores test this one word).
    #[inline(always)]
    pub fn is_local_mutable(self) -> bool {
        self.meta() & (SHARED | FROZEN) == 0
    }

    /// Shared and not frozen: changed under its lock, read without one.
    #[inline(always)]
    pub fn is_shared_mutable(self) -> bool {
        self.meta() & (SHARED | FROZEN) == SHARED
    }

    /// The id of the context that allocated it.
    #[inline(always)]
    pub fn owner(self) -> u16 {
        (self.meta() >> OWNER_SHIFT) as u16
    }

    /// Number of traced value words in the body.
    #[inline(always)]
    pub fn n_values(self) -> usize {
        (self.meta() >> NVALUES_SHIFT) as usize
    }

    /// Size in cells.
    #[inline(always)]
    pub fn cells(self) -> usize {
        self.header().cells as usize
    }

    /// Its Python class word.
    #[inline(always)]
    pub fn class(self) -> Value {
        Value::from_bits(self.header().class.load(Ordering::Acquire))
    }

    #[inline(always)]
    fn slot(self, i: usize) -> &'static AtomicU64 {
        if i >= self.n_values() {
            value_index_out_of_range(i);
        }
        // SAFETY: i < n_values, and the body holds n_values u64 atomics right
        // after the 24-byte header, inside the object's cells.
        unsafe { &*(self.0.as_ptr().cast::<u8>().add(HEADER_SIZE) as *const AtomicU64).add(i) }
    }

    /// The object's layout read once (one header load instead of one per
    /// access): for hot paths that read several words of one object.
    #[inline(always)]
    pub fn view(self) -> ObjView {
        let nv = self.n_values();
        let base = self.0.as_ptr().cast::<u8>();
        ObjView {
            // SAFETY: the values start right after the header, inside the cells.
            values: unsafe { base.add(HEADER_SIZE) } as *const AtomicU64,
            n_values: nv,
            // SAFETY: the raw region follows the values, inside the cells.
            raw: unsafe { base.add(HEADER_SIZE + 8 * nv) } as *const AtomicU64,
            raw_words: (self.cells() * CELL - HEADER_SIZE - 8 * nv) / 8,
        }
    }

    /// Reads value `i` (acquire: sees the initialised object a writer published).
    #[inline(always)]
    pub fn get(self, i: usize) -> Value {
        Value::from_bits(self.slot(i).load(Ordering::Acquire))
    }

    /// Writes value `i` of a LOCAL object, or of a fresh object not yet
    /// reachable from anything shared. Stores into shared objects must go
    /// through `ProtoContext::store`, which runs the write barrier; debug builds
    /// check this.
    #[inline(always)]
    pub fn init(self, i: usize, v: Value) {
        debug_assert!(
            !self.is_shared() || !v.is_heap() || Obj::from_value(v).is_some_and(|o| o.is_shared())
        );
        self.slot(i).store(v.bits(), Ordering::Release);
    }

    /// Stores without a barrier. Callers (the write barrier) guarantee that `v`
    /// is shared or immediate whenever `self` is shared.
    #[inline(always)]
    pub(crate) fn store_raw(self, i: usize, v: Value) {
        self.slot(i).store(v.bits(), Ordering::Release);
    }

    /// Sets the class word of a local/fresh object (see [`Obj::init`]).
    pub fn init_class(self, class: Value) {
        self.header().class.store(class.bits(), Ordering::Release);
    }

    /// Raw word `i` of an object whose value-slot count the caller knows,
    /// without reading the header (a hot path's fixed layout).
    ///
    /// # Safety
    /// The object must be live, have exactly `n_values` value slots and a
    /// raw region of at least `i + 1` words.
    #[inline(always)]
    pub unsafe fn raw_word_fixed(self, n_values: usize, i: usize) -> &'static AtomicU64 {
        // SAFETY: by the caller's contract the word lies inside the object's
        // raw region: 8-aligned (header and value slots are 8-byte words),
        // initialised (cells are zeroed at allocation), live.
        unsafe {
            &*(self
                .0
                .as_ptr()
                .cast::<u8>()
                .add(HEADER_SIZE + 8 * n_values + 8 * i) as *const AtomicU64)
        }
    }

    /// Pointer to the raw region (after the values).
    #[inline(always)]
    pub fn raw_ptr(self) -> *mut u8 {
        // SAFETY: the raw region starts inside the object's cells.
        unsafe {
            self.0
                .as_ptr()
                .cast::<u8>()
                .add(HEADER_SIZE + 8 * self.n_values())
        }
    }

    /// Length of the raw region in bytes (the rest of the object's cells).
    #[inline(always)]
    pub fn raw_len(self) -> usize {
        self.cells() * CELL - HEADER_SIZE - 8 * self.n_values()
    }

    /// The raw region's start and length from one read of the header:
    /// [`Obj::raw_ptr`] and [`Obj::raw_len`] each load the `meta` word (an
    /// atomic load, which the compiler does not merge with another).
    #[inline(always)]
    pub fn raw_region(self) -> (*mut u8, usize) {
        let off = HEADER_SIZE + 8 * self.n_values();
        // SAFETY: `off` is where the values end, inside the object's cells.
        let p = unsafe { self.0.as_ptr().cast::<u8>().add(off) };
        (p, self.cells() * CELL - off)
    }

    /// The raw region as bytes. The caller must not read it while another
    /// thread may write it (raw regions of shared objects are written only
    /// before publication, or under the object lock).
    pub fn raw_bytes(self) -> &'static [u8] {
        // SAFETY: raw_ptr..raw_ptr+raw_len lies inside the object's cells,
        // which were zeroed at allocation, so every byte is initialised.
        unsafe { core::slice::from_raw_parts(self.raw_ptr(), self.raw_len()) }
    }

    /// The object's lock word.
    #[inline(always)]
    pub fn lock_word(self) -> &'static AtomicU32 {
        &self.header().lock
    }

    /// The first `n` value words (`n` at most [`Obj::n_values`], which the
    /// collector reads from a meta word it already holds).
    #[inline(always)]
    pub(crate) fn value_words(self, n: usize) -> &'static [AtomicU64] {
        debug_assert!(n <= self.n_values());
        // SAFETY: n_values words follow the header inside the object's cells
        // (see `slot`), and `n` does not exceed it.
        unsafe {
            core::slice::from_raw_parts(
                self.0.as_ptr().cast::<u8>().add(HEADER_SIZE) as *const AtomicU64,
                n,
            )
        }
    }

    /// Calls `f` on each heap value the object references (class, values, and
    /// a native payload's references).
    #[inline]
    pub fn for_each_ref(self, mut f: impl FnMut(Value)) {
        let meta = self.meta();
        let class = self.class();
        if class.is_heap() {
            f(class);
        }
        for w in self.value_words((meta >> NVALUES_SHIFT) as usize) {
            let v = Value::from_bits(w.load(Ordering::Acquire));
            if v.is_heap() {
                f(v);
            }
        }
        if meta & NATIVE != 0 {
            crate::native::trace_native(self, &mut f);
        }
    }
}

/// The panic of a value access past an object's values. Out of line and
/// taking the index by value: an `assert!` formatting `{i}` kept the index
/// in a stack slot, stored before every check of a hot access.
#[cold]
#[inline(never)]
#[track_caller]
pub fn value_index_out_of_range(i: usize) -> ! {
    panic!("value index {i} out of range")
}

/// The panic of a raw-word access past an object's raw region (see
/// [`value_index_out_of_range`]).
#[cold]
#[inline(never)]
#[track_caller]
pub fn raw_word_out_of_range(i: usize) -> ! {
    panic!("raw word {i} out of range")
}

/// An object's value slots and raw words with the layout (value count, size)
/// read once. The counts of an object never change after allocation, so the
/// view stays valid as long as the object is alive (its user keeps it so, as
/// for [`Obj`]). Accesses are bounds-checked against the cached counts.
#[derive(Clone, Copy, Debug)]
pub struct ObjView {
    values: *const AtomicU64,
    n_values: usize,
    raw: *const AtomicU64,
    raw_words: usize,
}

impl ObjView {
    /// Number of value slots.
    #[inline(always)]
    pub fn n_values(self) -> usize {
        self.n_values
    }

    /// Value `i` (acquire), as [`Obj::get`].
    #[inline(always)]
    pub fn get(self, i: usize) -> Value {
        if i >= self.n_values {
            value_index_out_of_range(i);
        }
        // SAFETY: i < n_values: inside the object's value slots (see `view`).
        Value::from_bits(unsafe { &*self.values.add(i) }.load(Ordering::Acquire))
    }

    /// The value slots as atomics: loops over a range of them check its
    /// bounds once (a slice's length) instead of at each access.
    #[inline(always)]
    pub fn values(self) -> &'static [AtomicU64] {
        // SAFETY: `n_values` initialised u64 atomics follow the header (see
        // `view`); the object's user keeps it alive, as for `Obj`.
        unsafe { core::slice::from_raw_parts(self.values, self.n_values) }
    }

    /// The raw words as atomics, as [`ObjView::values`] for the values.
    #[inline(always)]
    pub fn raws(self) -> &'static [AtomicU64] {
        // SAFETY: `raw_words` initialised (zeroed at allocation), 8-aligned
        // words make the raw region (see `view`); the object's user keeps it
        // alive, as for `Obj`.
        unsafe { core::slice::from_raw_parts(self.raw, self.raw_words) }
    }

    /// Raw word `i` (acquire), as `layouts::get_raw`.
    #[inline(always)]
    pub fn raw(self, i: usize) -> u64 {
        if i >= self.raw_words {
            raw_word_out_of_range(i);
        }
        // SAFETY: i < raw_words: inside the raw region, 8-aligned (see `view`).
        unsafe { &*self.raw.add(i) }.load(Ordering::Acquire)
    }

    /// Writes raw word `i` (release), as `layouts::set_raw`: the caller owns
    /// the object or holds its lock.
    #[inline(always)]
    pub fn set_raw(self, i: usize, v: u64) {
        if i >= self.raw_words {
            raw_word_out_of_range(i);
        }
        // SAFETY: i < raw_words: inside the raw region, 8-aligned (see `view`).
        unsafe { &*self.raw.add(i) }.store(v, Ordering::Release)
    }

    /// Panics unless values `start..start + n` lie inside the object.
    #[inline(always)]
    fn check_range(self, start: usize, n: usize) {
        assert!(
            start.checked_add(n).is_some_and(|e| e <= self.n_values),
            "value range out of bounds"
        );
    }

    /// Copies values `from..from + n` of `src` to `at..at + n` of this FRESH
    /// object in one block copy, without the write barrier (as [`Obj::init`]).
    /// Panics when either range is out of bounds.
    ///
    /// # Safety
    /// No other thread can reach this object yet (it is published afterwards
    /// with a release store), and nobody writes `src`'s range meanwhile
    /// (the caller holds `src`'s owner's lock if it is shared; concurrent
    /// readers are fine). Values copied into a shared object must be shared
    /// or immediate, as for [`ObjView::init`].
    #[inline]
    pub unsafe fn copy_from(self, at: usize, src: ObjView, from: usize, n: usize) {
        self.check_range(at, n);
        src.check_range(from, n);
        // SAFETY: both ranges lie inside their objects' value slots (checked);
        // distinct objects never overlap; by the caller's contract nobody
        // else reads the destination or writes the source during the copy.
        unsafe {
            core::ptr::copy_nonoverlapping(
                src.values.add(from).cast::<u64>(),
                self.values.add(at).cast::<u64>().cast_mut(),
                n,
            )
        }
    }

    /// Moves values `from..from + n` to `to..to + n` within this object (the
    /// ranges may overlap), without the write barrier: the values are the
    /// object's own. Panics when either range is out of bounds.
    ///
    /// # Safety
    /// Only this thread reaches the object (it is local and the caller is its
    /// owner), so no reader can see a value half moved.
    #[inline]
    pub unsafe fn move_within(self, from: usize, to: usize, n: usize) {
        self.check_range(from, n);
        self.check_range(to, n);
        // SAFETY: both ranges lie inside the value slots (checked); only this
        // thread accesses them (the caller's contract).
        unsafe {
            core::ptr::copy(
                self.values.add(from).cast::<u64>(),
                self.values.add(to).cast::<u64>().cast_mut(),
                n,
            )
        }
    }

    /// Writes value `i` (release) without the write barrier, as
    /// [`Obj::init`]: the object is local or fresh, or `v` is no local heap
    /// object (the caller promoted it).
    #[inline(always)]
    pub fn init(self, i: usize, v: Value) {
        if i >= self.n_values {
            value_index_out_of_range(i);
        }
        // SAFETY: i < n_values: inside the object's value slots (see `view`).
        unsafe { &*self.values.add(i) }.store(v.bits(), Ordering::Release)
    }
}
