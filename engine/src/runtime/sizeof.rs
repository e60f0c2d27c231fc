//! `object.__sizeof__`: the memory an object owns in ProtoPy.
//!
//! An object owns its own cells (64 bytes each, header included), the
//! out-of-line storage objects only it refers to (a list's item storage, a
//! dict's or set's table, a deque's ring, a bytearray's byte buffer: each a
//! `Kind::STORAGE` object or a byte buffer, counted at its capacity, not
//! its length), the bytes a native payload holds outside the heap (a big
//! int's digits, ...), and the attribute dict of an instance that has one.
//! A str view's buffer is shared with other views and is not counted. An
//! immediate value (small int, float, None, bools) is its 8-byte word.

use super::*;
use proto_core::native::external_bytes;

impl Vm {
    /// Bytes the object `v` owns (see the module header).
    pub fn owned_bytes(&self, v: Value) -> usize {
        let Some(o) = Obj::from_value(v) else {
            return std::mem::size_of::<Value>();
        };
        let mut n = own_bytes(o);
        // (A shaped instance's attributes are in its own cells.)
        if let Some(d) = self.instance_dict_unshaped(o).and_then(Obj::from_value) {
            if d.kind() == Kind::DICT && o.kind() != K_TYPE && o.kind() != K_MODULE {
                n += own_bytes(d);
            }
        }
        n
    }
}

/// The cells of `o`, its native payload's outside bytes, and the storage
/// objects and byte buffers in its value slots.
fn own_bytes(o: Obj) -> usize {
    let mut n = o.cells() * proto_core::CELL + external_bytes(o);
    // A tuple's values are its items, and a str or bytes view's buffer is
    // shared.
    if o.kind() == Kind::TUPLE || (matches!(o.kind(), Kind::STR | Kind::BYTES) && lstr::is_view(o))
    {
        return n;
    }
    for i in 0..o.n_values() {
        if let Some(p) = Obj::from_value(o.get(i)) {
            // A storage object named twice (an OrderedDict's table and
            // its front hint) is counted once.
            let again = || (0..i).any(|j| o.get(j) == p.value());
            if (p.kind() == Kind::STORAGE || lstr::is_buffer(p)) && !again() {
                n += p.cells() * proto_core::CELL + external_bytes(p);
            }
        }
    }
    n
}
