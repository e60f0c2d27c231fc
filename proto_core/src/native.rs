//! Native objects: heap objects whose raw region holds a Rust value.
//!
//! Used for data that is best kept in a Rust structure: ropes for large
//! strings, persistent vectors and maps, OS handles. The value is dropped when
//! the collector frees the object (finalisation runs on a collector thread,
//! hence `Send`). A payload that holds heap `Value`s reports them through
//! [`Trace`]; such a payload must be written only before the object is shared
//! (the write barrier cannot see stores into Rust data), which the immutable
//! payloads of this crate satisfy by construction.

use crate::object::{Kind, Obj, KIND_MASK, NATIVE};
use crate::value::Value;
use core::any::TypeId;

/// Reports the heap values a native payload references.
pub trait Trace {
    /// Calls `f` on every heap value held. The default holds none.
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        let _ = f;
    }

    /// Bytes the payload owns outside the heap (vectors, boxed data). The
    /// collector counts them as allocation when the object is made, so a
    /// program that makes and drops such objects is collected in time
    /// although their cells are small. An estimate; the default is none.
    fn external_bytes(&self) -> usize {
        0
    }
}

/// Per-type function table stored at the start of a native raw region.
pub(crate) struct NativeVTable {
    pub(crate) drop: unsafe fn(*mut u8),
    pub(crate) trace: unsafe fn(*const u8, &mut dyn FnMut(Value)),
    /// [`Trace::external_bytes`] of the payload.
    pub(crate) external: unsafe fn(*const u8) -> usize,
    /// A value, not a function: comparing it with `TypeId::of::<T>()` is an
    /// inline 128-bit compare (an indirect call showed in frame-push profiles).
    pub(crate) type_id: TypeId,
    /// `size_of` the payload (to move it out: `take_native`).
    pub(crate) size: usize,
    /// `needs_drop` of the payload: the sweeper frees the cells of the
    /// others (builtin functions: a name, a function pointer, values)
    /// without running or deferring anything.
    pub(crate) needs_drop: bool,
}

/// Offset of the payload inside the raw region (after the vtable pointer).
pub(crate) const PAYLOAD_OFFSET: usize = 8;

unsafe fn drop_payload<T>(p: *mut u8) {
    // SAFETY: the caller (sweep) passes the payload pointer of a live native
    // object of type T exactly once, when freeing it.
    unsafe { core::ptr::drop_in_place(p.cast::<T>()) }
}

unsafe fn trace_payload<T: Trace>(p: *const u8, f: &mut dyn FnMut(Value)) {
    // SAFETY: the caller passes the payload pointer of a live object of type T.
    unsafe { &*p.cast::<T>() }.trace(f)
}

unsafe fn external_payload<T: Trace>(p: *const u8) -> usize {
    // SAFETY: the caller passes the payload pointer of a live object of type T.
    unsafe { &*p.cast::<T>() }.external_bytes()
}

/// The vtable for `T`.
pub(crate) fn vtable_for<T: Trace + Send + Sync + 'static>() -> &'static NativeVTable {
    struct Holder<T>(core::marker::PhantomData<T>);
    impl<T: Trace + Send + Sync + 'static> Holder<T> {
        const VT: NativeVTable = NativeVTable {
            drop: drop_payload::<T>,
            trace: trace_payload::<T>,
            external: external_payload::<T>,
            type_id: TypeId::of::<T>(),
            size: core::mem::size_of::<T>(),
            needs_drop: core::mem::needs_drop::<T>(),
        };
    }
    &Holder::<T>::VT
}

/// Raw bytes a native object of type `T` needs.
pub(crate) const fn native_raw_bytes<T>() -> usize {
    assert!(
        core::mem::align_of::<T>() <= 8,
        "native payloads must have alignment <= 8"
    );
    PAYLOAD_OFFSET + core::mem::size_of::<T>()
}

fn vtable(obj: Obj) -> &'static NativeVTable {
    // SAFETY: a NATIVE object's raw region starts with the vtable pointer
    // written by `init_native` before the object became reachable.
    unsafe { *(obj.raw_ptr() as *const &'static NativeVTable) }
}

/// Writes the vtable and payload into a freshly allocated object.
///
/// # Safety
/// `obj` must be fresh, allocated with the NATIVE flag and at least
/// `native_raw_bytes::<T>()` raw bytes.
pub(crate) unsafe fn init_native<T: Trace + Send + Sync + 'static>(obj: Obj, value: T) {
    let raw = obj.raw_ptr();
    // SAFETY: the caller guarantees the raw region is large enough and unused;
    // the raw region is 8-aligned and T's alignment is at most 8.
    unsafe {
        (raw as *mut &'static NativeVTable).write(vtable_for::<T>());
        raw.add(PAYLOAD_OFFSET).cast::<T>().write(value);
    }
}

/// Bytes the payload of the native object `obj` owns outside the heap
/// ([`Trace::external_bytes`]); 0 for an object that is not native.
pub fn external_bytes(obj: Obj) -> usize {
    if !obj.is_native() {
        return 0;
    }
    // SAFETY: a native object's payload starts PAYLOAD_OFFSET bytes into its
    // raw region and stays alive while the object is reachable (`obj`).
    unsafe { (vtable(obj).external)(obj.raw_ptr().add(PAYLOAD_OFFSET)) }
}

/// The payload of a native object, if it is one of type `T`.
pub fn native_ref<T: 'static>(obj: Obj) -> Option<&'static T> {
    if obj
        .header()
        .meta
        .load(crate::sync::heap_atomic::Ordering::Relaxed)
        & NATIVE
        == 0
    {
        return None;
    }
    if vtable(obj).type_id != TypeId::of::<T>() {
        return None;
    }
    // SAFETY: type id checked; the payload was initialised by init_native and
    // lives as long as the object, which the caller keeps reachable.
    Some(unsafe { &*obj.raw_ptr().add(PAYLOAD_OFFSET).cast::<T>() })
}

/// The payload of `obj` if it is a native object of kind `kind`: one header
/// load and no type check, for kinds reserved to one payload type (the
/// interpreter's code and builtin-function objects, read on every call).
///
/// # Safety
/// Every native object of kind `kind` must have been allocated with a `T`
/// payload (`ProtoContext::alloc_native(kind, _, t: T)`); debug builds check.
#[inline(always)]
pub unsafe fn native_ref_by_kind<T: Trace + Send + Sync + 'static>(
    obj: Obj,
    kind: Kind,
) -> Option<&'static T> {
    let meta = obj
        .header()
        .meta
        .load(crate::sync::heap_atomic::Ordering::Relaxed);
    if meta & (NATIVE | KIND_MASK) != NATIVE | u64::from(kind.0) {
        return None;
    }
    debug_assert!(vtable(obj).type_id == TypeId::of::<T>());
    // SAFETY: a native object of `kind` has a `T` payload (the caller's
    // contract), initialised by init_native; it lives as long as the object,
    // which the caller keeps reachable.
    Some(unsafe { &*obj.raw_ptr().add(PAYLOAD_OFFSET).cast::<T>() })
}

pub(crate) fn trace_native(obj: Obj, f: &mut dyn FnMut(Value)) {
    let vt = vtable(obj);
    // SAFETY: payload of a live native object whose vtable matches its type.
    unsafe { (vt.trace)(obj.raw_ptr().add(PAYLOAD_OFFSET), f) }
}

/// Runs the payload's destructor.
///
/// # Safety
/// Only the sweeper, once, on an unreachable native object.
pub(crate) unsafe fn finalize_native(obj: Obj) {
    let vt = vtable(obj);
    // SAFETY: the caller guarantees this is the one finalisation.
    unsafe { (vt.drop)(obj.raw_ptr().add(PAYLOAD_OFFSET)) }
}

/// A payload moved out of an unreachable native object, to be dropped
/// later: a global collection drops them after the world restarts, so the
/// destructors (code objects free a dozen allocations each) do not lengthen
/// the pause. Moving is a bitwise copy, as for any Rust value; payloads are
/// `Send`, and no destructor reads the heap.
pub(crate) struct DeferredDrop {
    drop: unsafe fn(*mut u8),
    buf: Box<[u64]>,
}

// SAFETY: payload types are `Send` (`alloc_native` requires it).
unsafe impl Send for DeferredDrop {}

impl DeferredDrop {
    /// Runs the destructor.
    pub(crate) fn run(mut self) {
        // SAFETY: `buf` holds the one live copy of the payload (moved out
        // by `take_native`); its destructor runs once, here.
        unsafe { (self.drop)(self.buf.as_mut_ptr().cast()) }
    }
}

/// Does the payload of the native object `obj` have a destructor to run?
pub(crate) fn payload_needs_drop(obj: Obj) -> bool {
    vtable(obj).needs_drop
}

/// Moves the payload out of `obj` for a later drop.
///
/// # Safety
/// Only the sweeper, once, on an unreachable native object (which it frees
/// right after: the payload left in the cell is never dropped).
pub(crate) unsafe fn take_native(obj: Obj) -> DeferredDrop {
    let vt = vtable(obj);
    let mut buf = vec![0u64; vt.size.div_ceil(8)].into_boxed_slice();
    // SAFETY: the payload occupies `vt.size` bytes at PAYLOAD_OFFSET of the
    // raw region; `buf` is at least that large, 8-aligned, and disjoint.
    unsafe {
        core::ptr::copy_nonoverlapping(
            obj.raw_ptr().add(PAYLOAD_OFFSET),
            buf.as_mut_ptr().cast::<u8>(),
            vt.size,
        )
    };
    DeferredDrop { drop: vt.drop, buf }
}
