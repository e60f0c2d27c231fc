//! Instance shapes (hidden classes): attribute values stored inline in the
//! instance at indices that a shape of its class maps from names.
//!
//! An instance of a class with `TF_SHAPED` (a heap class without `__slots__`
//! whose bases are such classes or `object`) is allocated with one value
//! for the shape and room for `cap` attribute values after it, as many as
//! its class's instances were seen to reach and at least what fills its
//! cells (four in one 64-byte cell). Value 0 is then one of:
//!
//! - a small int, the *shape word*: the shape id and a filter of its
//!   names; attribute `i` of the shape is value `1 + i`;
//! - a dict: the instance dict (*dict mode*): the instance outgrew its
//!   room, something asked for its `__dict__`, an attribute was deleted,
//!   its class was assigned, or a name could not enter a shape. The change
//!   is one-way;
//! - EMPTY: no dict yet (`del obj.__dict__`), as for other layouts.
//!
//! A class keeps its instances' shapes in type slot `T_SHAPES`: a tuple of
//! records `(parent id, name, names)`, record `k` for shape id `k + 2` (id
//! 1 is the shape without names). A shape is its parent plus one name;
//! every instance of the class given the same names in the same order
//! shares it. Records are only appended (a new tuple replaces the old under
//! the class's lock), so ids stay valid while the class lives; the class
//! keeps the names alive, and they die with it (a class made per call, as
//! in `def f(): class Local: ...`, takes its shapes with it). A class has
//! at most [`MAX_CLASS_SHAPES`] shapes: attributes named at run time
//! (`setattr(o, "attr_%d" % n, v)`) then go to dict mode, as CPython's
//! shared keys give up. Names are interned exact strs compared by identity.
//!
//! Threads: a local instance is written by its owner alone. A shared one
//! is written under its object lock (adding an attribute stores the value,
//! then the new shape word, both with release), and read without it: a
//! reader that loads a shape word (acquire) sees the values it names.
//! Materializing stores the dict in value 0 and leaves the inline values
//! of a shared instance in place, so a reader holding the old word still
//! reads what was current before the change.

use super::ops::str_hash;
use super::*;

/// The id of the shape without attributes (ids start at 1, so that an
/// inline-cache payload naming shapes is never 0).
pub const ROOT: u32 = 1;

/// Most attribute values an instance keeps inline (the rest: dict mode).
pub const MAX_INLINE: usize = 28;

/// Most shapes one class's instances may have.
pub const MAX_CLASS_SHAPES: usize = 64;

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

/// The shape id of `o`, when it is an instance whose attributes are
/// stored inline.
#[inline(always)]
pub fn shape_of(o: Obj) -> Option<u32> {
    if o.kind() != K_INSTANCE || o.n_values() == 0 {
        return None;
    }
    let v = o.get(0);
    (v.is_int() && !o.is_native()).then(|| word_id(v))
}

/// The shape id of the shape word `w`.
#[inline(always)]
pub fn word_id(w: Value) -> u32 {
    (w.int_unchecked() as u64 & ID_MASK) as u32
}

/// The record tuple of shape `id` of the class `cls` (None for the root
/// shape and for an id the class does not have).
#[inline(always)]
fn record(cls: Value, id: u32) -> Option<Obj> {
    let t = Obj::from_value(cls)?;
    let recs = Obj::from_value(t.get(T_SHAPES))?;
    let k = (id as usize).checked_sub(2)?;
    if k >= recs.n_values() {
        return None;
    }
    Obj::from_value(recs.get(k))
}

/// The names of shape `id` of the class `cls`, as a tuple (None: no names).
#[inline(always)]
pub fn shape_names(cls: Value, id: u32) -> Option<Obj> {
    Obj::from_value(record(cls, id)?.get(2))
}

/// The index of the interned `name` in shape `id` of the class `cls`.
#[inline(always)]
pub fn shape_index(cls: Value, id: u32, name: Value) -> Option<usize> {
    let names = shape_names(cls, id)?;
    (0..names.n_values()).find(|&i| names.get(i) == name)
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
        let interned = shapeable(self, name);
        if interned && !word_may_have(o.get(0), name) {
            return None;
        }
        let names = shape_names(o.class(), id)?;
        let n = names.n_values();
        let i = match (0..n).find(|&i| names.get(i) == name) {
            Some(i) => i,
            None if !interned && is_str(name) => {
                let b = str_bytes(name);
                (0..n).find(|&i| str_bytes(names.get(i)) == b)?
            }
            None => return None,
        };
        let v = o.get(1 + i);
        (!v.is_empty()).then_some(v)
    }

    /// The shape of the class `cls` that adds `name` to its shape `id`
    /// (made if new): None when the class has all the shapes it may have,
    /// or cannot be written.
    pub fn shape_child(&mut self, cls: Value, id: u32, name: Value) -> Option<u32> {
        let t = Obj::from_value(cls).filter(|t| t.kind() == K_TYPE && !t.is_frozen())?;
        loop {
            let cur = t.get(T_SHAPES);
            let recs: Vec<Value> = match Obj::from_value(cur) {
                Some(r) => (0..r.n_values()).map(|k| r.get(k)).collect(),
                None => Vec::new(),
            };
            let pid = Value::int(id as i64);
            for (k, &r) in recs.iter().enumerate() {
                let ro = Obj::from_value(r)?;
                if ro.get(0) == pid && ro.get(1) == name {
                    return Some(k as u32 + 2);
                }
            }
            if recs.len() >= MAX_CLASS_SHAPES {
                return None;
            }
            let mut names: Vec<Value> = match shape_names(cls, id) {
                Some(p) => (0..p.n_values()).map(|k| p.get(k)).collect(),
                None if id == ROOT => Vec::new(),
                None => return None,
            };
            names.push(name);
            // (No collection runs while allocating here: nothing to root.)
            let names_t = self.new_tuple(&names);
            let rec = self.new_tuple(&[pid, name, names_t]);
            let mut all = recs;
            all.push(rec);
            let new = self.new_tuple(&all);
            // Published if no other thread added one meanwhile (else
            // look again: it may be this one).
            let stored = self
                .with_mut_lock(t, |ctx| {
                    if t.get(T_SHAPES) != cur {
                        return false;
                    }
                    ctx.store(t, T_SHAPES, new);
                    true
                })
                .ok()?;
            if stored {
                return Some(all.len() as u32 + 1);
            }
        }
    }

    /// Stores `v` at value index `1 + i` of the shaped instance `o` when
    /// its shape is `from`, leaving it at shape `to` (`step`): a local
    /// instance in place, a shared one under its lock (the shape checked
    /// under it). False (nothing written) when the shape differs or `o` is
    /// frozen.
    #[inline(always)]
    pub(crate) fn store_shaped(
        &mut self,
        o: Obj,
        step: (u32, u32, usize),
        name: Value,
        v: Value,
    ) -> bool {
        let (from, to, i) = step;
        let w = o.get(0);
        if !word_is(w, from) || 1 + i >= o.n_values() {
            return false;
        }
        if o.is_local_mutable() {
            // Only the owner thread can reach `o`: no barrier, no lock.
            o.init(1 + i, v);
            if from != to {
                o.init(0, word_after(w, to, name));
            }
            return true;
        }
        self.store_shaped_shared(o, step, name, v)
    }

    /// [`Vm::store_shaped`] of a shared instance: the value, then the
    /// shape word (readers load the shape word first).
    #[inline(never)]
    fn store_shaped_shared(
        &mut self,
        o: Obj,
        (from, to, i): (u32, u32, usize),
        name: Value,
        v: Value,
    ) -> bool {
        self.with_mut_lock(o, |ctx| {
            let w = o.get(0);
            if !word_is(w, from) {
                return false;
            }
            ctx.store(o, 1 + i, v);
            if from != to {
                ctx.store(o, 0, word_after(w, to, name));
            }
            true
        })
        .unwrap_or(false)
    }

    /// Stores the interned `name = v` inline in the shaped instance `o` at
    /// shape `id`: replacing the name's value, or adding the name under
    /// the shape of its class that has it (found or made). The shape the
    /// instance was left at and the value's index; None (nothing written)
    /// when the instance has no room, its class no shape left, its shape
    /// changed meanwhile or it is frozen.
    pub(crate) fn shaped_store(
        &mut self,
        o: Obj,
        id: u32,
        name: Value,
        v: Value,
    ) -> Option<(u32, usize)> {
        let cls = o.class();
        let (to, i) = match shape_index(cls, id, name) {
            Some(i) => (id, i),
            None => {
                let i = shape_names(cls, id).map_or(0, |n| n.n_values());
                if 1 + i >= o.n_values() {
                    return None;
                }
                (self.shape_child(cls, id, name)?, i)
            }
        };
        if !self.store_shaped(o, (id, to, i), name, v) {
            return None;
        }
        if let Some(t) = Obj::from_value(cls) {
            raise_type_dict_hint(t, i + 1);
        }
        Some((to, i))
    }

    /// Stores `name = v` in the shaped instance `o`: true when stored
    /// inline; false when `o` has (now) changed to dict mode, where the
    /// caller stores it. A frozen instance raises.
    pub fn shaped_set(&mut self, o: Obj, name: Value, v: Value) -> PyResult<bool> {
        if !shapeable(self, name) {
            self.materialize(o)?;
            return Ok(false);
        }
        loop {
            let Some(id) = shape_of(o) else {
                return Ok(false);
            };
            if self.shaped_store(o, id, name, v).is_some() {
                return Ok(true);
            }
            self.check_mutable(o)?;
            if shape_of(o) != Some(id) {
                // Another thread changed the shape meanwhile: again.
                continue;
            }
            // No room or no shape: dict mode, with room for one more.
            let n = self
                .materialize(o)?
                .and_then(Obj::from_value)
                .map_or(0, ldict::len);
            if let Some(t) = Obj::from_value(o.class()) {
                raise_type_dict_hint(t, n + 1);
            }
            return Ok(false);
        }
    }

    /// [`Vm::materialize`] because something asked for the instance's
    /// dict (not for want of room): counted against its class
    /// ([`note_dict_asked`]). None, for an instance that is not shaped.
    pub fn materialize_asked(&mut self, o: Obj) -> Option<PyResult<Option<Value>>> {
        shape_of(o)?;
        if let Some(t) = Obj::from_value(o.class()) {
            note_dict_asked(t);
        }
        Some(self.materialize(o))
    }

    /// Puts the shaped instance `o` in dict mode: its attributes move to a
    /// new instance dict (in their order), which is returned. The dict the
    /// instance already has, if it is in dict mode; None without one.
    pub fn materialize(&mut self, o: Obj) -> PyResult<Option<Value>> {
        if shape_of(o).is_none() {
            let d = o.get(0);
            return Ok((!d.is_empty() && !d.is_int()).then_some(d));
        }
        let dict_t = self.g.types.dict;
        let cls = o.class();
        let hint = Obj::from_value(cls).map_or(0, type_dict_hint);
        let build = |ctx: &mut ProtoContext| -> Value {
            let Some(id) = shape_of(o) else {
                return o.get(0);
            };
            let names = shape_names(cls, id);
            let n = names.map_or(0, |t| t.n_values());
            let d = ldict::alloc_exact(ctx, dict_t, n.max(hint));
            let dd = Obj::from_value(d).expect("dict");
            for i in 0..n {
                let name = names.expect("names").get(i);
                let ko = Obj::from_value(name).expect("name");
                let h = lstr::cached_hash(ko).unwrap_or_else(|| str_hash(ko) as u64);
                ldict::insert_absent(ctx, dd, name, o.get(1 + i), h);
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
