//! Bytearray buffers that the thread which made them writes in place while shared, until another thread uses them.
//!
//! A shared bytearray's readers take no lock, so its changes normally
//! install a new buffer (python_env `types/bytes.rs`): an item store in a
//! module-level bytearray or `array` (module globals are shared) copied the
//! whole buffer, and 20,000 stores into a 100,000-item `array('d')` took
//! 4 s. Raw word [`STATE`] of a bytearray is the state word of
//! `proto_core::ownerwrite`: its owner (the context that allocated it,
//! `Obj::owner`) writes items in place through [`ba_write_in_place`] while no
//! other thread has used it, and every access to its bytes from any thread
//! goes through [`ba_use`] first, which marks it foreign when the caller is
//! not the owner.
//!
//! A thread's identity is the id of its `Vm`'s context, recorded by
//! `Vm::register_thread` ([`set_thread_context`]); a thread that registered
//! none (id 0, never a context's) is foreign to every bytearray. Context ids
//! are 16 bits (`ProtoSpace` counts them modulo 2**16): two live threads
//! share one only after 65,536 threads were started while the older lived.

use proto_core::layouts::raw_word;
use proto_core::ownerwrite::{mark_foreign, owner_write};
use proto_core::Obj;

/// The raw word of a bytearray that holds the owner-write state.
pub const STATE: usize = 0;
/// Raw bytes a bytearray is allocated with (the state word).
pub const RAW_BYTES: usize = (STATE + 1) * 8;

std::thread_local! {
    /// The context id of the calling thread's registered `Vm` (0: none).
    static CONTEXT: core::cell::Cell<u16> = const { core::cell::Cell::new(0) };
}

/// Records `id` as the calling thread's context (see the module header).
pub fn set_thread_context(id: u16) {
    CONTEXT.with(|c| c.set(id));
}

#[inline(always)]
fn is_owner(o: Obj) -> bool {
    let me = CONTEXT.with(core::cell::Cell::get);
    me != 0 && o.owner() == me
}

/// Does `o` carry the state word (bytearrays made by `new_bytearray` and
/// `bytearray.__new__`)?
#[inline(always)]
fn has_state(o: Obj) -> bool {
    o.raw_len() >= RAW_BYTES
}

/// To be called before any read or write of bytearray `o`'s bytes (its
/// buffer, value 0): when `o` is shared and the caller is not its owner,
/// marks it foreign, so that its owner no longer writes it in place and
/// its past in-place writes are visible. Free for a local or frozen
/// bytearray.
#[inline(always)]
pub fn ba_use(o: Obj) {
    if o.is_shared_mutable() {
        ba_use_shared(o);
    }
}

/// The current bytes of bytearray `o` (its buffer's), read after
/// [`ba_use`]: how every path reads a bytearray's bytes.
#[inline(always)]
pub fn ba_bytes(o: Obj) -> &'static [u8] {
    ba_use(o);
    match Obj::from_value(o.get(0)) {
        Some(b) if b.kind() == proto_core::Kind::BYTES => {
            proto_core::layouts::str::storage_bytes(b)
        }
        _ => &[],
    }
}

#[inline(never)]
fn ba_use_shared(o: Obj) {
    if has_state(o) && !is_owner(o) {
        mark_foreign(raw_word(o, STATE));
    }
}

/// Runs `write`, an in-place change of bytearray `o`'s current buffer
/// (item stores, `del b[i:j]`), when that is allowed: `o` is local, or
/// shared and the calling thread its owner with no other thread having used
/// it. `None`, running nothing, otherwise: the caller then takes the locked
/// path that installs a new buffer. `write` must not reach a safepoint.
#[inline(always)]
pub fn ba_write_in_place<R>(o: Obj, write: impl FnOnce() -> R) -> Option<R> {
    if o.is_local_mutable() {
        return Some(write());
    }
    if !o.is_shared_mutable() || !has_state(o) || !is_owner(o) {
        return None;
    }
    owner_write(raw_word(o, STATE), write)
}
