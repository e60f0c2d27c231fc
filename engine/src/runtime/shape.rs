//! Instance shapes (hidden classes): attribute values stored inline in the
//! instance at indices that a shape maps from names.
//!
//! An instance of a class with `TF_SHAPED` (a heap class without `__slots__`
//! whose bases are such classes or `object`) is allocated with one value
//! for the shape and room for `cap` attribute values after it, as many as
//! its class's instances were seen to reach and at least what fills its
//! cells (four in one 64-byte cell). Value 0 is then one of:
//!
//! - a small int: the id of the instance's shape; attribute `i` of the
//!   shape is value `1 + i`;
//! - a dict: the instance dict (*dict mode*): the instance outgrew its
//!   room, something asked for its `__dict__`, an attribute was deleted,
//!   or a name could not enter a shape. The change is one-way;
//! - EMPTY: no dict yet (`del obj.__dict__`), as for other layouts.
//!
//! Shapes are global to the interpreter, append-only and immutable once
//! made: a shape is its parent plus one name, and every instance given the
//! same names in the same order shares it, whatever its class. Names are
//! interned exact strs, compared by identity, and kept alive by the table
//! (a root of every global collection). Ids are never reused.
//!
//! Threads: a local instance is written by its owner alone. A shared one
//! is written under its object lock (adding an attribute stores the value,
//! then the new shape id, both with release), and read without it: a reader
//! that loads a shape id (acquire) sees the values that shape names.
//! Materializing stores the dict in value 0 and leaves the inline values
//! of a shared instance in place, so a reader holding the old id still
//! reads what was current before the change.

use super::ops::str_hash;
use super::*;

/// The id of the shape without attributes (ids start at 1, so that an
/// inline-cache payload naming shapes is never 0).
pub const ROOT: u32 = 1;

/// Most attribute values an instance keeps inline (the rest: dict mode).
pub const MAX_INLINE: usize = 28;

pub use proto_core::shapes::{ShapeTable as Shapes, MAX_SHAPES};

/// The inline room of a new instance of a class whose instances reached
/// `hint` attributes: what fills the cells the object needs anyway (the
/// header is three words), or None past [`MAX_INLINE`].
pub fn inline_capacity(hint: usize) -> Option<usize> {
    if hint > MAX_INLINE {
        return None;
    }
    // 64-byte cells of 8 words; header 3 words, shape 1 word.
    let words = 3 + 1 + hint;
    let cells = words.div_ceil(8).max(1);
    Some((cells * 8 - 4).min(MAX_INLINE))
}

/// Bits of an instance's shape word (value 0, a small int) holding the
/// shape id; the 32 above them are a filter of the shape's names (bit
/// [`name_bit`] of each), so that asking a shaped instance for a name it
/// lacks (a method call's shadowing check) is usually answered by the
/// word alone.
const ID_BITS: u32 = 24;
const ID_MASK: u64 = (1 << ID_BITS) - 1;
/// The int tag and the id of a shape word (`Value::int` puts the int 3
/// bits up).
const WORD_ID_MASK: u64 = (ID_MASK << 3) | 7;

/// The filter bit of `name` (interned: its address names it).
#[inline(always)]
pub fn name_bit(name: Value) -> u64 {
    1 << ((name.bits() >> 6) & 31)
}

/// The shape word of a fresh instance: the shape without names.
#[inline(always)]
pub fn root_word() -> Value {
    Value::int(ROOT as i64)
}

/// Is `w` (an instance's value 0) the shape word of shape `id`?
#[inline(always)]
pub fn word_is(w: Value, id: u32) -> bool {
    w.bits() & WORD_ID_MASK == Value::int(id as i64).bits()
}

/// The shape word after adding `name` (making shape `to`) to the shape
/// word `w`.
#[inline(always)]
pub fn word_after(w: Value, to: u32, name: Value) -> Value {
    Value::from_bits(
        (w.bits() & !(ID_MASK << 3)) | ((to as u64) << 3) | (name_bit(name) << (3 + ID_BITS)),
    )
}

/// Whether the shape word `w` may have `name` (false: it surely has not).
#[inline(always)]
pub fn word_may_have(w: Value, name: Value) -> bool {
    (w.bits() >> (3 + ID_BITS)) & name_bit(name) != 0
}

/// The shape id of the instance `o` (of kind `K_INSTANCE`), when its
/// attributes are stored inline.
#[inline(always)]
pub fn shape_of(o: Obj) -> Option<u32> {
    let v = o.get(0);
    (v.is_int() && !o.is_native()).then(|| (v.int_unchecked() as u64 & ID_MASK) as u32)
}

/// An exact, interned str: a name a shape can hold.
#[inline]
fn shapeable(vm: &Vm, name: Value) -> bool {
    Obj::from_value(name).is_some_and(|n| {
        n.kind() == Kind::STR && n.class() == vm.g.types.str_ && lstr::is_interned(n)
    })
}

impl Vm {
    /// The value of `name` in the shaped instance `o` at shape `id`: None
    /// when absent. `name` may be any str (compared by value when it is
    /// not interned).
    pub fn shaped_get(&self, o: Obj, id: u32, name: Value) -> Option<Value> {
        if shapeable(self, name) && !word_may_have(o.get(0), name) {
            return None;
        }
        let names = self.g.shapes.names(id);
        let i = match names.iter().position(|&n| n == name) {
            Some(i) => i,
            None if !shapeable(self, name) && is_str(name) => {
                let b = str_bytes(name);
                names.iter().position(|&n| str_bytes(n) == b)?
            }
            None => return None,
        };
        let v = o.get(1 + i);
        (!v.is_empty()).then_some(v)
    }

    /// Stores `name = v` in the shaped instance `o`: true when stored
    /// inline; false when `o` has (now) changed to dict mode, where the
    /// caller stores it. A frozen instance raises.
    pub fn shaped_set(&mut self, o: Obj, name: Value, v: Value) -> PyResult<bool> {
        if !shapeable(self, name) {
            self.materialize(o)?;
            return Ok(false);
        }
        let shapes = self.g.shapes.clone();
        let cls = o.class();
        let r = self.with_mut_lock(o, |ctx| {
            let Some(id) = shape_of(o) else {
                return Err(false);
            };
            if let Some(i) = shapes.index(id, name) {
                ctx.store(o, 1 + i, v);
                return Ok(None);
            }
            let i = shapes.names(id).len();
            if 1 + i >= o.n_values() {
                return Err(true);
            }
            let Some(c) = shapes.child(id, name) else {
                return Err(true);
            };
            ctx.store(o, 1 + i, v);
            ctx.store(o, 0, word_after(o.get(0), c, name));
            Ok(Some(i + 1))
        })?;
        match r {
            Ok(n) => {
                if let (Some(n), Some(t)) = (n, Obj::from_value(cls)) {
                    raise_type_dict_hint(t, n);
                }
                Ok(true)
            }
            // Dict mode already (another thread changed it).
            Err(false) => Ok(false),
            // No room or no shape: dict mode, with room for one more.
            Err(true) => {
                let n = self
                    .materialize(o)?
                    .map_or(0, |d| Obj::from_value(d).map_or(0, ldict::len));
                if let Some(t) = Obj::from_value(cls) {
                    raise_type_dict_hint(t, n + 1);
                }
                Ok(false)
            }
        }
    }

    /// Puts the shaped instance `o` in dict mode: its attributes move to a
    /// new instance dict (in their order), which is returned. The dict the
    /// instance already has, if it is in dict mode; None without one.
    pub fn materialize(&mut self, o: Obj) -> PyResult<Option<Value>> {
        if shape_of(o).is_none() {
            let d = o.get(0);
            return Ok((!d.is_empty() && !d.is_int()).then_some(d));
        }
        let shapes = self.g.shapes.clone();
        let dict_t = self.g.types.dict;
        let hint = Obj::from_value(o.class()).map_or(0, type_dict_hint);
        let build = |ctx: &mut ProtoContext| -> Value {
            let Some(id) = shape_of(o) else {
                return o.get(0);
            };
            let names = shapes.names(id);
            let d = ldict::alloc_exact(ctx, dict_t, names.len().max(hint));
            let dd = Obj::from_value(d).expect("dict");
            for (i, &n) in names.iter().enumerate() {
                let ko = Obj::from_value(n).expect("name");
                let h = lstr::cached_hash(ko).unwrap_or_else(|| str_hash(ko) as u64);
                ldict::insert_absent(ctx, dd, n, o.get(1 + i), h);
            }
            ctx.store(o, 0, d);
            if !o.is_shared() {
                for i in 1..o.n_values() {
                    o.init(i, Value::EMPTY);
                }
            }
            d
        };
        // A shared instance under its lock; a frozen one refuses.
        let d = self.with_mut_lock(o, build)?;
        Ok(Some(d))
    }
}
