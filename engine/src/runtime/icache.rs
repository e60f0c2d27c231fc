//! Inline caches for LOAD_GLOBAL, LOAD_ATTR, LOAD_METHOD and STORE_ATTR.
//!
//! Every code object owns `CACHE_WORDS` atomic words per cache slot
//! (`CodeData::cache`, slot `cache_index[offset of the opcode unit]`). Code
//! objects are shared by all threads, which run in parallel, so:
//!
//! - **Entries are self-validating.** A hit is only taken when the entry's
//!   facts can be checked against the live state in a few loads; a stale or
//!   never-written entry is a miss, never a wrong result.
//! - **Hits never write.** Readers only load; entries are written on misses
//!   (and, rarely, moved by a promotion: see the polymorphic sites below).
//! - **No torn entries.** Multi-word entries (attribute caches) are guarded
//!   by a sequence word (a seqlock, `proto_core::cacheslot`).
//! - **No dangling values.** An entry holds a heap value (a method found on a
//!   type) only under its type's version ([`Vm::type_version`]): while the
//!   version is current no dict along the type's MRO was written, so the
//!   value is still stored there and kept alive by the (live) type of the
//!   object being looked at. Types are identified by address plus version:
//!   versions are never reused, so a type freed and replaced by another at
//!   the same address never matches an older entry. A change to one class
//!   retires the versions of that class and its subclasses only: a thread
//!   that defines or patches classes leaves other threads' entries valid.
//! - **Polymorphic sites.** An attribute site's slot holds one entry inline
//!   and, once a second key (type, class or module) has to be cached there,
//!   a pointer to three more entries, allocated once per site and freed
//!   with the code (`proto_core::cacheslot`, which owns the words-level
//!   protocol): `self.x` in a method that four subclasses share hits for
//!   all four. The interpreter loop runs its hit code (`load_attr_hit`,
//!   `store_attr_hit`, `load_method_hit`) on the inline entry; when that is
//!   another class's, one call (`*_poly`) runs it on the further entry
//!   found (`lookup_ext`, which moves one of a thread's every
//!   `PROMOTE_EVERY` such hits inline). The other paths look at all
//!   ([`lookup`]) and fill the entry keyed on the same address, else a free
//!   one, else the last ([`fill`]).
//!
//! LOAD_GLOBAL uses one word per slot: hints of the entry indices of the name
//! in the globals and the builtins tables. A hint is checked by comparing the
//! key stored at that index with the (interned) name, so it needs no version
//! and cannot go stale: after a deletion or a resize the key no longer
//! matches and the lookup probes the dicts as before. A builtins hit first
//! confirms by a probe that globals does not (or no longer does) define it.

use super::ops::{simple_eq, str_hash};
use super::*;
use proto_core::cacheslot::{fill, lookup, lookup_ext, read, MARKS};
pub use proto_core::cacheslot::{CacheWords, CACHE_WORDS};

/// Payload tag (word 3, low bits) of an attribute entry.
const TAG_DICT_ONLY: u64 = 1;
/// LOAD_METHOD entry, or a LOAD_ATTR entry for a method that each hit binds:
/// word 3 holds the method found on the type.
const TAG_METHOD: u64 = 2;
/// LOAD_ATTR / STORE_ATTR entry for a `__slots__` member: word 3 holds the
/// instance value index (shifted left by 2).
const TAG_SLOT: u64 = 3;
/// LOAD_ATTR entry (payload exactly 0) for `obj.__class__` answered by
/// object's `__class__` getset: the value is the entry's type.
const TAG_CLASS_OF: u64 = 0;
/// LOAD_ATTR entry (payload exactly 4) for `obj.__dict__` answered by the
/// `__dict__` getset classes give their instances: the value is the
/// instance's dict, when it has one.
const INSTANCE_DICT: u64 = 4;
/// LOAD_ATTR / STORE_ATTR entry for an attribute a shaped instance keeps
/// inline (`shape.rs`): word 3 (low 3 bits 0, never 0 itself: shape ids
/// start at 1) holds the shape the instance must have, the shape a store
/// leaves it with (the same for a load or a replacing store; the one that
/// adds the name for a store that adds it), and the value index. See
/// [`shape_entry`].
const fn shape_entry(from: u32, to: u32, i: usize) -> u64 {
    ((to as u64) << 40) | ((from as u64) << 16) | ((i as u64) << 3)
}

/// The (from, to, index) of a [`shape_entry`] payload, if `p` is one.
#[inline(always)]
const fn shape_entry_parts(p: u64) -> Option<(u32, u32, usize)> {
    if p & 7 != 0 || p == 0 {
        return None;
    }
    Some((
        ((p >> 16) & 0xff_ffff) as u32,
        (p >> 40) as u32,
        ((p >> 3) & 0x1fff) as usize,
    ))
}

/// Largest value index a [`shape_entry`] holds.
const SHAPE_ENTRY_MAX_INDEX: usize = 0x1fff;

/// Marks word 1 (the type, 8-aligned) of a LOAD_ATTR entry whose word 3 is
/// a plain class attribute value (any value: immediates use every bit).
const CLASS_VALUE: u64 = 4;

/// Marks word 1 (the class, 64-byte aligned: the low 6 bits are free for
/// marks, and no other bit may be used) of a LOAD_ATTR/LOAD_METHOD entry
/// for an attribute read on a class itself (`Color.RED`,
/// `Cls.helper(...)`), whose word 3 is the value (any value). No instance
/// or module entry's word 1 has this bit, so neither kind is taken for the
/// other.
const TYPE_ENTRY: u64 = 8;
/// With [`TYPE_ENTRY`]: word 3 is a staticmethod whose function is the value.
const STATIC_ENTRY: u64 = 16;
/// With [`TYPE_ENTRY`]: word 3 is a classmethod whose function, bound to the
/// class, is the value.
const CLASSMETHOD_ENTRY: u64 = 32;
/// With [`TYPE_ENTRY`]: word 1 is a metatype, word 3 the value index of its
/// classes' `__name__` or `__qualname__`.
const NAME_SLOT_ENTRY: u64 = 1;
/// Marks word 1 (the instance's class, 64-byte aligned) of a LOAD_ATTR
/// entry for a `property` whose getter is a Python function: word 3 is the
/// property (which the class's dict holds while the version is current; its
/// getter is read at each hit). The interpreter runs the getter's frame in
/// its own loop ([`Vm::property_getter_cached`]). No other instance entry's
/// word 1 has this bit, and [`TYPE_ENTRY`] entries' words 1 are classes
/// read through the class itself, so neither is taken for the other.
const PROPERTY_ENTRY: u64 = 2;
/// With [`TYPE_ENTRY`]: word 1 is the class a `super` object starts after,
/// word 2 the version of the instance's type (versions are unique, so it
/// names the type too), word 3 the function found.
const SUPER_ENTRY: u64 = 2;

/// The cache words of the slot used by the instruction whose opcode unit is
/// at `offset`.
///
/// # Safety
/// `offset` must be the opcode unit of an instruction of `cd`'s code whose
/// opcode has cache slots. `CodeObject`'s stream invariant (checked by
/// `serialize::validate`) makes `cache_index` the one `build_cache_index`
/// computes, so that entry names a slot inside `cd.cache`.
#[inline(always)]
pub unsafe fn slot(cd: &'static CodeData, offset: usize) -> Option<&'static [AtomicU64]> {
    debug_assert!(cd
        .code
        .cache_index
        .get(offset)
        .is_some_and(|&i| i != crate::bytecode::NO_CACHE));
    // SAFETY: the caller's contract: `offset < units == cache_index.len()`.
    let i = unsafe { *cd.code.cache_index.get_unchecked(offset) } as usize;
    let at = i * CACHE_WORDS;
    debug_assert!(at + CACHE_WORDS <= cd.cache.len());
    // SAFETY: the entry of a cached instruction is below `n_cache_slots`, and
    // `cd.cache` holds `CACHE_WORDS` words per slot (`Vm::new_code`).
    Some(unsafe { cd.cache.get_unchecked(at..at + CACHE_WORDS) })
}

/// The version word of type `t` (raw word [`T_RAW_VERSION`]).
#[inline(always)]
fn version_word(t: Obj) -> &'static AtomicU64 {
    debug_assert_eq!(t.kind(), K_TYPE);
    // SAFETY: `t` is a type (every caller passes a class: an object's class
    // word, or a value checked to be K_TYPE), and every type is allocated
    // with T_SLOTS value slots and T_RAW_BYTES raw bytes (`alloc_type`,
    // `bootstrap`), which hold word T_RAW_VERSION.
    unsafe { t.raw_word_fixed(T_SLOTS, T_RAW_VERSION) }
}

/// Entry `e` of dict `d`'s current table if its key is `name`.
#[inline(always)]
fn hinted(d: Obj, hint: u64, name: Value) -> Option<Value> {
    if hint == 0 {
        return None;
    }
    let (k, v) = ldict::entry_kv(ldict::table(d), (hint - 1) as usize)?;
    // A concurrent deletion may have cleared the value after the key check.
    (k == name && !v.is_empty()).then_some(v)
}

/// A Python function or a builtin method descriptor: what the `TAG_METHOD`
/// entries hold (bound to the instance by a call or a LOAD_ATTR hit), and
/// what a `with` statement calls as `( exit self )` without binding.
#[inline]
pub(crate) fn is_plain_method(o: Obj) -> bool {
    o.kind() == K_FUNCTION
        || (o.kind() == K_BUILTIN && builtin_data(o).is_some_and(|b| b.is_method))
}

/// The native getter of `d` when it is a builtin type's getset descriptor
/// whose getter takes the object alone (what `property_value` calls
/// directly).
fn native_getter(d: Obj, t: &Types) -> Option<NativeFn> {
    // A member descriptor (`code.co_filename`) keeps its getter where a
    // getset does.
    if d.kind() != K_PROPERTY
        || (d.class() != t.getset_descr && d.class() != t.member_descr)
        || d.n_values() == 0
    {
        return None;
    }
    let b = builtin_data(Obj::from_value(d.get(0))?)?;
    (!b.bound.is_heap() && !b.owner.is_heap() && !b.is_method && b.arity.is_none()).then_some(b.f)
}

/// The hash of the str `ko`, read inline from its cache when present
/// (always for names in code objects), else computed by `str_hash`.
#[inline(always)]
fn name_hash(ko: Obj) -> u64 {
    match lstr::cached_hash(ko) {
        Some(h) => h,
        None => str_hash(ko) as u64,
    }
}

/// `d[name]` for a str `name` (the same lookup as `Vm::dict_get_str`),
/// inlined.
#[inline(always)]
pub(crate) fn fast_get(d: Obj, name: Value) -> Option<Value> {
    let ko = Obj::from_value(name)?;
    let h = name_hash(ko);
    let t = ldict::table(d);
    // Misses are the common case here (LOAD_METHOD's shadowing check,
    // LOAD_GLOBAL's "not in globals" check): answer them without the call.
    if ldict::surely_absent(t, h) {
        return None;
    }
    let r: Result<ldict::Probe, ()> = ldict::probe(t, h, name, |k| Ok(simple_eq(name, k)));
    match r {
        Ok(ldict::Probe::Found(e)) => {
            let v = ldict::entry(t, e).1;
            (!v.is_empty()).then_some(v)
        }
        _ => None,
    }
}

/// Index of `name` in dict `d`'s current table, as a hint (`index + 1`; 0: absent).
fn index_of(d: Obj, name: Value) -> u64 {
    let Some(ko) = Obj::from_value(name) else {
        return 0;
    };
    let h = str_hash(ko) as u64;
    let t = ldict::table(d);
    // `probe_pure` tests identity first; an interned name has no other
    // equal key worth a hint.
    let r: Result<ldict::Probe, ()> = ldict::probe_pure(t, h, name, |_| Ok(false));
    match r {
        Ok(ldict::Probe::Found(e)) if e < u32::MAX as usize - 1 => e as u64 + 1,
        _ => 0,
    }
}

/// The value of `name` among the attributes of the plain instance `o` (its
/// dict, or its inline values under a shape), for a name from a code
/// object (interned).
#[inline(always)]
fn own_attr(o: Obj, name: Value) -> Option<Value> {
    let v0 = o.get(0);
    if let Some(d) = Obj::from_value(v0) {
        return fast_get(d, name);
    }
    if v0.is_int() {
        if !shape::word_may_have(v0, name) {
            return None;
        }
        // (`o` is a plain instance: its int value 0 is a shape word.)
        let i = shape::shape_index(o.class(), shape::word_id(v0), name)?;
        let v = o.get(1 + i);
        return (!v.is_empty()).then_some(v);
    }
    None
}

/// A load of `name` that the shaped instance `o` (shape `id`, class `tp`
/// at `version`, which does not define the name) keeps inline: the entry
/// is recorded for the next load at the site, and the value is returned
/// when set.
fn fill_shape_load(
    s: &'static [AtomicU64],
    tp: Value,
    version: u64,
    o: Obj,
    id: u32,
    name: Value,
) -> Option<Value> {
    let i = shape::shape_index(tp, id, name)?;
    if i <= SHAPE_ENTRY_MAX_INDEX {
        fill(s, [tp.bits(), version, shape_entry(id, id, i)]);
    }
    Some(o.get(1 + i)).filter(|v| !v.is_empty())
}

/// The value a shaped instance keeps at index `i` of shape `from` (a
/// [`shape_entry`]'s), when `o` has that shape and the value is set.
#[inline(always)]
fn shape_value(o: Obj, from: u32, i: usize) -> Option<Value> {
    if shape::word_is(o.get(0), from) && 1 + i < o.n_values() {
        let v = o.get(1 + i);
        if !v.is_empty() {
            return Some(v);
        }
    }
    None
}

impl Vm {
    /// The version of type `t` that cache entries filled now must carry to
    /// stay valid: the current one, or a new one when `t` has none (a fresh
    /// type, a change retired it, or [`Vm::invalidate_all_types`] did). Load
    /// it *before* reading what the entry caches: a change made after is
    /// published by retiring this version.
    pub fn type_version(&self, t: Obj) -> u64 {
        loop {
            let v = self.cache_version(t);
            if v != 0 {
                return v;
            }
            let old = version_word(t).load(Ordering::Acquire);
            let new = self.g.type_versions.fetch_add(1, Ordering::AcqRel) + 1;
            // A racing change (which stores 0) or another stamping thread
            // wins: look again.
            let _ = version_word(t).compare_exchange(old, new, Ordering::AcqRel, Ordering::Acquire);
        }
    }

    /// The version an entry for type `t` must carry to be taken: its
    /// current version, or 0 (which no entry carries) when it has none.
    #[inline(always)]
    pub fn cache_version(&self, t: Obj) -> u64 {
        let v = version_word(t).load(Ordering::Acquire);
        if v > self.g.version_floor.load(Ordering::Acquire) {
            v
        } else {
            0
        }
    }

    /// [`Vm::cache_version`] of `cls`, an object's class word.
    #[inline(always)]
    fn class_version(&self, cls: Value) -> u64 {
        match Obj::from_value(cls) {
            Some(t) => self.cache_version(t),
            None => 0,
        }
    }

    /// [`Vm::type_modified`] after `t.name` was set or deleted. When the
    /// name is `__get__`, `__set__` or `__delete__`, every version is
    /// retired: the instances of `t` may be class attributes of any class,
    /// whose entries were filled on what kind of descriptor they were (none,
    /// non-data or data), and no class records which of them it holds.
    pub fn type_attr_changed(&mut self, t: Value, name: Value) {
        let n = &self.g.names;
        if name == n.__get__ || name == n.__set__ || name == n.__delete__ {
            self.invalidate_all_types();
        } else {
            self.type_modified(t);
        }
    }

    /// Retires the versions of class `t` and of every subclass it has
    /// recorded: call it *after* changing `t`'s dict, bases or MRO. Builtin
    /// types record no subclasses, so a change to one retires every
    /// version (only native code changes them, at start-up).
    pub fn type_modified(&mut self, t: Value) {
        let Some(to) = Obj::from_value(t).filter(|o| o.kind() == K_TYPE) else {
            return;
        };
        // A metatype's change may concern every attribute of its classes
        // (class entries are keyed on the class, not on its metatype), and
        // metatypes change rarely after they are made.
        if type_flags(to) & TF_HEAP == 0 || self.is_subtype(t, self.g.types.type_) {
            self.invalidate_all_types();
            return;
        }
        let mut todo = vec![to];
        while let Some(c) = todo.pop() {
            version_word(c).store(0, Ordering::Release);
            for sc in self.subclasses(c) {
                if let Some(so) = Obj::from_value(sc).filter(|o| o.kind() == K_TYPE) {
                    todo.push(so);
                }
            }
        }
    }

    /// Retires every type's version at once.
    pub fn invalidate_all_types(&self) {
        self.g.invalidate_all_types();
    }

    /// LOAD_GLOBAL through the slot's words: 1 holds the index hints
    /// (globals' low, builtins' high), 2 the stamp of the globals dict
    /// (`ldict::stamp`) from when `name` was found absent there. A builtin
    /// is read through its hint once the globals' version still equals that
    /// stamp, without a probe of the globals (a module's dict holds more
    /// names than its key filter can rule out). Each word is checked on its
    /// own, so a hit that mixes two refreshes' words is still right.
    /// The hits are inlined into the interpreter loop; the refresh is not.
    #[inline(always)]
    pub(crate) fn load_global_cached(
        &mut self,
        s: Option<&'static [AtomicU64]>,
        globals: Obj,
        builtins: Obj,
        name: Value,
    ) -> Option<Value> {
        let s = s?;
        let w = s[1].load(Ordering::Relaxed);
        if let Some(v) = hinted(globals, w & 0xFFFF_FFFF, name) {
            return Some(v);
        }
        if w >> 32 != 0 && ldict::version(globals) == s[2].load(Ordering::Relaxed) {
            if let Some(v) = hinted(builtins, w >> 32, name) {
                return Some(v);
            }
        }
        self.load_global_refresh(s, w, globals, builtins, name)
    }

    /// LOAD_GLOBAL's miss: refresh the hints (a name defined nowhere stays
    /// 0/0 and takes the error path), and stamp the globals when `name` is
    /// not there. `None`: take the general path (a key equal to `name` but
    /// another object, which no hint records).
    #[inline(never)]
    fn load_global_refresh(
        &mut self,
        s: &'static [AtomicU64],
        w: u64,
        globals: Obj,
        builtins: Obj,
        name: Value,
    ) -> Option<Value> {
        let gi = index_of(globals, name);
        let bi = if gi == 0 { index_of(builtins, name) } else { 0 };
        let nw = gi | (bi << 32);
        if nw != w {
            s[1].store(nw, Ordering::Relaxed);
        }
        if gi != 0 {
            return hinted(globals, gi, name);
        }
        if bi == 0 {
            return None;
        }
        // The probe and the stamp under the lock of shared globals: no key
        // can be added between them (writers hold it, and move a stamped
        // version on before they publish a key, `ldict::unstamp`).
        let g = Arc::clone(&self.g);
        let stamp = self.with_lock(globals, |_| {
            if fast_get(globals, name).is_some() {
                return None;
            }
            let v = ldict::version(globals);
            if ldict::is_stamp(v) {
                return Some(v);
            }
            let next = g
                .dict_stamps
                .fetch_add(ldict::STAMP_STEP, Ordering::Relaxed)
                + ldict::STAMP_STEP;
            ldict::stamp(globals, next);
            Some(next)
        })?;
        if s[2].load(Ordering::Relaxed) != stamp {
            s[2].store(stamp, Ordering::Relaxed);
        }
        hinted(builtins, bi, name)
    }

    /// Is a STORE_ATTR of `name` on instances of `tpo` a plain instance-dict
    /// store (no data descriptor on the type, no `__setattr__`)? LOAD_ATTR's
    /// miss path makes the same test for a load from its one type lookup.
    fn dict_store_only(&self, tpo: Obj, name: Value) -> bool {
        // `__class__` assignment is special-cased by name (set_class).
        if type_flags(tpo) & (TF_SETATTR | TF_LOCAL) != 0 || name == self.g.names.__class__ {
            return false;
        }
        match self.lookup_type(tpo.value(), name) {
            None => true,
            Some(d) => !d.is_heap() || !self.is_data_descr(d),
        }
    }

    /// The value index in `obj` of the `__slots__` member `m` (an attribute
    /// found on `obj`'s type), if `m` is a `member_descriptor` that applies
    /// to `obj` and the index fits a `TAG_SLOT` entry.
    fn member_index(&mut self, m: Obj, obj: Value) -> Option<usize> {
        if m.kind() != K_MEMBER || m.class() != self.g.types.member_descr {
            return None;
        }
        let i = self.member_slot(m, obj).ok()?;
        (i < 1 << 60).then_some(i)
    }

    /// LOAD_ATTR fast path for instances whose attribute lives in their
    /// dict, is a plain class attribute, or is a method on their type (bound
    /// here). `None`: take the general path.
    #[inline(always)]
    pub(crate) fn load_attr_cached(
        &mut self,
        s: Option<&'static [AtomicU64]>,
        obj: Value,
        name: Value,
    ) -> Option<Value> {
        let s = s?;
        let o = Obj::from_value(obj)?;
        if o.kind() != K_INSTANCE {
            if o.kind() == K_MODULE {
                return self.module_attr_cached(s, o, name);
            }
            if o.kind() == K_TYPE {
                return match self.type_attr_cached(s, o, name)? {
                    attr::MethodLookup::Attr(v) => Some(v),
                    attr::MethodLookup::Method(f) => Some(self.new_method(f, obj)),
                };
            }
            // A builtin type's getset (`frame.f_lineno`, `elem.tag`): the
            // caller runs its getter (`native_getter_cached`), without the
            // method lookup's miss first.
            let cls = o.class();
            if let Some([t, e, _]) = lookup(s, cls.bits()) {
                if t == cls.bits() | PROPERTY_ENTRY && e == self.class_version(cls) {
                    return None;
                }
            }
            return self.load_native_method_attr(s, obj, name);
        }
        // The common hits, inlined into the interpreter loop: a plain class
        // attribute the instance does not shadow, an attribute in the
        // instance dict at the entry the cache remembers, or a set
        // `__slots__` member. The inline entry is read here; a polymorphic
        // site's further entries through one call.
        match read(s) {
            Some(entry) => self.load_attr_hit::<true>(s, o, obj, name, entry),
            None => self.load_attr_poly(s, o, obj, name),
        }
    }

    /// [`Vm::load_attr_cached`] with a slot's entry: the inline one
    /// (`INLINE`: when it is another class's, the further entries are
    /// looked at) or the further one keyed on the instance's class.
    #[inline(always)]
    fn load_attr_hit<const INLINE: bool>(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        obj: Value,
        name: Value,
        [t, e, p]: [u64; 3],
    ) -> Option<Value> {
        let cls = o.class();
        let tp = cls.bits();
        let version = self.class_version(cls);
        if t & !CLASS_VALUE != tp || e != version {
            if t == tp | PROPERTY_ENTRY && e == version {
                // The interpreter runs the getter (`property_getter_cached`).
                return None;
            }
            if INLINE {
                return self.load_attr_poly(s, o, obj, name);
            }
            return self.load_attr_cached_rest(s, o, obj, name);
        }
        if t == tp | CLASS_VALUE {
            let shadow = own_attr(o, name);
            return Some(shadow.unwrap_or(Value::from_bits(p)));
        }
        // (One test of the low bits picks the kind: a shape entry's are 0.)
        if p & 7 == 0 {
            if let Some(v) = shape_entry_parts(p).and_then(|(from, _, i)| shape_value(o, from, i)) {
                return Some(v);
            }
        } else if p & 3 == TAG_SLOT {
            let i = (p >> 2) as usize;
            if i < o.n_values() {
                let v = o.get(i);
                if !v.is_empty() {
                    return Some(v);
                }
            }
        } else if p & 3 == TAG_DICT_ONLY {
            if let Some(d) = Obj::from_value(o.get(0)) {
                if let Some(v) = hinted(d, p >> 2, name) {
                    return Some(v);
                }
            }
        }
        self.load_attr_cached_rest(s, o, obj, name)
    }

    /// [`Vm::load_attr_cached`] when the inline entry is not for the
    /// instance's class (another's, a stale one, or none).
    #[inline(never)]
    fn load_attr_poly(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        obj: Value,
        name: Value,
    ) -> Option<Value> {
        match lookup_ext(s, o.class().bits()) {
            Some(entry) => self.load_attr_hit::<false>(s, o, obj, name, entry),
            None => self.load_attr_cached_rest(s, o, obj, name),
        }
    }

    /// The getter of the `property` that a LOAD_ATTR entry found for
    /// `obj`'s class (see [`PROPERTY_ENTRY`]), when `obj` is an instance of
    /// that class at the entry's version and the getter is still a Python
    /// function: the caller runs it with `obj` as its one argument, which
    /// is what `property.__get__` would call.
    #[inline(always)]
    pub(crate) fn property_getter_cached(
        &self,
        s: Option<&'static [AtomicU64]>,
        obj: Value,
    ) -> Option<Obj> {
        let o = Obj::from_value(obj).filter(|o| o.kind() == K_INSTANCE)?;
        let cls = o.class();
        let [t, e, p] = lookup(s?, cls.bits())?;
        if t != cls.bits() | PROPERTY_ENTRY || e != self.class_version(cls) {
            return None;
        }
        // The version is current: the property is still in the class's
        // dict, so alive; its getter is read now (`__init__` may rebind it).
        let prop = Obj::from_value(Value::from_bits(p))?;
        Obj::from_value(prop.get(0)).filter(|f| f.kind() == K_FUNCTION)
    }

    /// LOAD_ATTR of a method on an object that is not a plain instance
    /// (`lock.__exit__`, `deque.append` without a call): the LOAD_METHOD
    /// entry for the same site, then the method bound as `bind_descr` binds
    /// it. Anything else (data descriptors, class or module attributes)
    /// takes the general path.
    #[inline(never)]
    fn load_native_method_attr(
        &mut self,
        s: &'static [AtomicU64],
        obj: Value,
        name: Value,
    ) -> Option<Value> {
        if name == self.g.names.__class__ {
            return self.class_of_cached(s, obj);
        }
        if let Some(o) = Obj::from_value(obj).filter(|o| o.kind() == K_SUPER) {
            return self.super_method_cached(s, o, name);
        }
        match self.load_method_cached(Some(s), obj, name)? {
            attr::MethodLookup::Attr(v) => Some(v),
            attr::MethodLookup::Method(f) => {
                let tp = self.type_of(obj);
                self.bind_descr(f, obj, tp).ok()
            }
        }
    }

    /// The native getter of the getset descriptor that a LOAD_ATTR entry
    /// found on `obj`'s type (see [`PROPERTY_ENTRY`]), when the entry is
    /// current: the interpreter calls it with `obj` as its one argument,
    /// what `getset.__get__` would do.
    #[inline]
    pub(crate) fn native_getter_cached(
        &self,
        s: Option<&'static [AtomicU64]>,
        obj: Value,
    ) -> Option<NativeFn> {
        let o = Obj::from_value(obj)?;
        if matches!(o.kind(), K_MODULE | K_TYPE) {
            return None;
        }
        let cls = o.class();
        let [t, e, p] = lookup(s?, cls.bits())?;
        if t != cls.bits() | PROPERTY_ENTRY || e != self.class_version(cls) {
            return None;
        }
        native_getter(Obj::from_value(Value::from_bits(p))?, &self.g.types)
    }

    /// LOAD_ATTR and LOAD_METHOD of a module's global (`os.path`,
    /// `time.time()`): the entry holds the module itself (no class is a
    /// module, so instance entries never match it), its class's version,
    /// and the name's entry in the module's dict, whose key is checked on
    /// every hit (a rebound global is read afresh; a deleted one, or a
    /// rebuilt table, misses). Filled only for a name the module's class
    /// does not define (a data descriptor of a subclass wins over the dict)
    /// and that is in the dict, with no `__getattribute__` override; not
    /// for `__spec__`/`__loader__`, whose None may wait for importlib
    /// ([`Vm::spec_awaits_importlib`]).
    #[inline(never)]
    fn module_attr_cached(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        name: Value,
    ) -> Option<Value> {
        if let Some([t, e, p]) = lookup(s, o.value().bits()) {
            if t == o.value().bits() && p & 3 == TAG_DICT_ONLY && e == self.class_version(o.class())
            {
                if let Some(v) = Obj::from_value(o.get(0)).and_then(|d| hinted(d, p >> 2, name)) {
                    return Some(v);
                }
            }
        }
        self.module_attr_fill(s, o, name)
    }

    /// LOAD_ATTR and LOAD_METHOD of an attribute of a class
    /// (`Strength.REQUIRED`, `Cls.helper(...)`, `Cls.create(...)` of a
    /// classmethod): the entry holds the class (marked [`TYPE_ENTRY`], and
    /// [`STATIC_ENTRY`] or [`CLASSMETHOD_ENTRY`] for those wrappers), its
    /// version and the value found on its MRO. Filled only for a name the
    /// metatype does not define (its data descriptors win; no
    /// `__getattribute__` of its own) whose value `type.__getattribute__`
    /// gives unchanged (a function, a builtin, an immediate, an object
    /// whose type has no `__get__`, as the instance entries' class values)
    /// or through an exact staticmethod (its function) or classmethod of a
    /// function (the function with the class as self: a LOAD_METHOD hit
    /// allocates no bound method). The wrapper's function is read on every
    /// hit. The
    /// class's version covers changes to its dict, its bases' dicts, its
    /// MRO and its `__class__` ([`Vm::set_class`] retires it); a change to
    /// any metatype retires every version ([`Vm::type_modified`]).
    /// `__name__` and `__qualname__` of any class whose metatype does not
    /// redefine them get a [`NAME_SLOT_ENTRY`] keyed on the metatype, so one
    /// site serves every class (`type(self).__name__`).
    #[inline(always)]
    fn type_attr_cached(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        name: Value,
    ) -> Option<attr::MethodLookup> {
        // The inline entry's hit, in the caller (class attributes are read in
        // loops: `Strength.REQUIRED`); the rest out of line.
        if let Some(entry) = read(s) {
            if entry[0] & !MARKS == o.value().bits() {
                if let Some(r) = self.type_attr_hit(o, entry) {
                    return Some(r);
                }
            }
        }
        self.type_attr_cached_rest(s, o, name)
    }

    /// [`Vm::type_attr_cached`] past the inline entry: the further entries,
    /// the metatype's name-slot entry, a fill.
    #[inline(never)]
    fn type_attr_cached_rest(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        name: Value,
    ) -> Option<attr::MethodLookup> {
        use attr::MethodLookup::Attr;
        let key = o.value().bits();
        if let Some(r) = lookup_ext(s, key).and_then(|entry| self.type_attr_hit(o, entry)) {
            return Some(r);
        }
        if let Some([t, e, p]) = lookup(s, o.class().bits()) {
            if t == o.class().bits() | TYPE_ENTRY | NAME_SLOT_ENTRY
                && e == self.class_version(o.class())
            {
                return Some(Attr(o.get(p as usize)));
            }
        }
        self.type_attr_fill(s, o, name)
    }

    /// [`Vm::type_attr_cached`]'s answer from an entry keyed on class `o`,
    /// if the entry is current.
    #[inline(always)]
    fn type_attr_hit(&self, o: Obj, [t, e, p]: [u64; 3]) -> Option<attr::MethodLookup> {
        use attr::MethodLookup::{Attr, Method};
        let cls = o.value().bits() | TYPE_ENTRY;
        if t & !(STATIC_ENTRY | CLASSMETHOD_ENTRY) != cls || e != self.cache_version(o) {
            return None;
        }
        let v = Value::from_bits(p);
        if t == cls {
            return Some(Attr(v));
        }
        let f = Obj::from_value(v)?.get(0);
        if t == cls | STATIC_ENTRY {
            return Some(Attr(f));
        }
        Obj::from_value(f)
            .is_some_and(|fo| fo.kind() == K_FUNCTION)
            .then_some(Method(f))
    }

    /// [`Vm::type_attr_cached`] past its hit.
    #[inline(never)]
    fn type_attr_fill(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        name: Value,
    ) -> Option<attr::MethodLookup> {
        use attr::MethodLookup::{Attr, Method};
        let meta = Obj::from_value(o.class())?;
        if meta.kind() != K_TYPE || type_flags(meta) & TF_GETATTRIBUTE != 0 {
            return None;
        }
        let n = &self.g.names;
        if name == n.__name__ || name == n.__qualname__ {
            let slot = if name == n.__name__ {
                T_NAME
            } else {
                T_QUALNAME
            };
            let version = self.type_version(meta);
            let own = Obj::from_value(self.g.types.type_)
                .and_then(|t| self.dict_get_str(t.get(T_DICT), name));
            if own.is_none() || self.lookup_type(meta.value(), name) != own {
                return None;
            }
            fill(
                s,
                [
                    meta.value().bits() | TYPE_ENTRY | NAME_SLOT_ENTRY,
                    version,
                    slot as u64,
                ],
            );
            return Some(Attr(o.get(slot)));
        }
        let version = self.type_version(o);
        if let Some(m) = self.lookup_type(meta.value(), name) {
            // The metatype's attribute decides unless it is a plain one of
            // `type` itself (whose dict never changes) that the class's own
            // MRO shadows (`int.__repr__` beside `type.__repr__`).
            if meta.value() != self.g.types.type_
                || self.is_data_descr(m)
                || self.lookup_type(o.value(), name).is_none()
            {
                return None;
            }
        }
        let v = self.lookup_type(o.value(), name)?;
        let mut flag = 0;
        if let Some(vo) = Obj::from_value(v) {
            match vo.kind() {
                K_FUNCTION | K_BUILTIN => {}
                K_WRAPPER if vo.class() == self.g.types.staticmethod => flag = STATIC_ENTRY,
                K_WRAPPER
                    if vo.class() == self.g.types.classmethod
                        && Obj::from_value(vo.get(0)).is_some_and(|f| f.kind() == K_FUNCTION) =>
                {
                    flag = CLASSMETHOD_ENTRY
                }
                K_WRAPPER | K_PROPERTY => return None,
                _ => {
                    if self
                        .lookup_type(self.type_of(v), self.g.names.__get__)
                        .is_some()
                    {
                        return None;
                    }
                }
            }
        }
        fill(s, [o.value().bits() | TYPE_ENTRY | flag, version, v.bits()]);
        let vo = Obj::from_value(v);
        Some(match flag {
            STATIC_ENTRY => Attr(vo?.get(0)),
            CLASSMETHOD_ENTRY => Method(vo?.get(0)),
            _ => Attr(v),
        })
    }

    /// Fills a dict-only entry ([`TAG_DICT_ONLY`]) whose first word is
    /// `key` (the class, or the module itself) with the index hint of
    /// `name` in dict `d`, and gives its value; nothing is written when `d`
    /// lacks the name.
    fn fill_dict_only(
        &mut self,
        s: &'static [AtomicU64],
        key: u64,
        version: u64,
        d: Obj,
        name: Value,
    ) -> Option<Value> {
        let hint = index_of(d, name);
        let v = hinted(d, hint, name)?;
        fill(s, [key, version, (hint << 2) | TAG_DICT_ONLY]);
        Some(v)
    }

    /// [`Vm::module_attr_cached`] past its hit.
    #[inline(never)]
    fn module_attr_fill(&mut self, s: &'static [AtomicU64], o: Obj, name: Value) -> Option<Value> {
        let cls = o.class();
        let d = Obj::from_value(o.get(0))?;
        let tpo = Obj::from_value(cls)?;
        if tpo.kind() != K_TYPE
            || type_flags(tpo) & (TF_GETATTRIBUTE | TF_LOCAL) != 0
            || name == self.g.names.__spec__
            || name == self.g.names.__loader__
        {
            return None;
        }
        let version = self.type_version(tpo);
        if self.lookup_type(cls, name).is_some() {
            return None;
        }
        self.fill_dict_only(s, o.value().bits(), version, d, name)
    }

    /// `super().name` of a function found after the start class on the
    /// MRO of the instance's type (`super().__init__(...)`): the bound
    /// method, without the MRO walk. Only for an exact `super` bound to an
    /// instance of its type (not `super(C, C)`), and not for `__class__`
    /// (the super object's own). The entry ([`SUPER_ENTRY`]) holds the
    /// start class and the type's version, which names the type and covers
    /// every class after the start one (all are its bases).
    fn super_method_cached(
        &mut self,
        s: &'static [AtomicU64],
        so: Obj,
        name: Value,
    ) -> Option<Value> {
        if so.class() != self.g.types.super_ || name == self.g.names.__class__ {
            return None;
        }
        let (start, obj, objtype) = (so.get(0), so.get(1), so.get(2));
        let ot = Obj::from_value(objtype).filter(|t| t.kind() == K_TYPE)?;
        if self.type_of(obj) != objtype {
            return None;
        }
        if obj.is_none() {
            return None;
        }
        if let Some([t, e, p]) = lookup(s, start.bits()) {
            if t == start.bits() | TYPE_ENTRY | SUPER_ENTRY && e == self.cache_version(ot) {
                return Some(self.bind_super_method(Value::from_bits(p), obj));
            }
        }
        let version = self.type_version(ot);
        let mro = type_mro(ot);
        let n = mro.n_values();
        let after = (0..n).position(|i| mro.get(i) == start)? + 1;
        let f = (after..n).find_map(|i| {
            Obj::from_value(mro.get(i)).and_then(|co| self.dict_get_str(co.get(T_DICT), name))
        })?;
        // A Python function, or a builtin type's method (`super().get` in
        // a dict subclass).
        if !Obj::from_value(f).is_some_and(|fo| {
            fo.kind() == K_FUNCTION
                || (fo.kind() == K_BUILTIN && builtin_data(fo).is_some_and(|b| b.is_method))
        }) {
            return None;
        }
        fill(
            s,
            [start.bits() | TYPE_ENTRY | SUPER_ENTRY, version, f.bits()],
        );
        Some(self.bind_super_method(f, obj))
    }

    /// The method `f` that a super lookup cached (see
    /// [`Vm::super_method_cached`]) bound to `obj` (not None), as
    /// [`Vm::bind_descr`] binds its kind.
    fn bind_super_method(&mut self, f: Value, obj: Value) -> Value {
        match Obj::from_value(f) {
            Some(fo) if fo.kind() == K_BUILTIN => self.bind_builtin_method(f, obj),
            _ => self.new_method(f, obj),
        }
    }

    /// `obj.__class__` of an object that is not a plain instance (a str
    /// subclass's, a list's): object's `__class__` getset answers the type,
    /// unless the type overrides `__class__` or `__getattribute__`.
    fn class_of_cached(&mut self, s: &'static [AtomicU64], obj: Value) -> Option<Value> {
        let tp = self.type_of(obj);
        let tpo = Obj::from_value(tp)?;
        if let Some([t, e, p]) = lookup(s, tp.bits()) {
            if t == tp.bits() && p == TAG_CLASS_OF && e == self.class_version(tp) {
                return Some(tp);
            }
        }
        if tpo.kind() != K_TYPE || type_flags(tpo) & TF_GETATTRIBUTE != 0 {
            return None;
        }
        let version = self.type_version(tpo);
        let d = Obj::from_value(self.lookup_type(tp, self.g.names.__class__)?)?;
        if !self.is_object_class_getset(d) {
            return None;
        }
        fill(s, [tp.bits(), version, TAG_CLASS_OF]);
        Some(tp)
    }

    /// [`Vm::load_attr_cached`] past its inlined hit.
    #[inline(never)]
    fn load_attr_cached_rest(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        obj: Value,
        name: Value,
    ) -> Option<Value> {
        let tp = o.class();
        let dict = Obj::from_value(o.get(0));
        let shape_id = shape::shape_of(o);
        let version = Obj::from_value(tp).map_or(0, |t| self.type_version(t));
        if let Some([t, e, p]) = lookup(s, tp.bits()) {
            // (An entry for the other mode, or another shape, is refilled
            // below.)
            let plain = p & 3 == TAG_DICT_ONLY || shape_entry_parts(p).is_some();
            if let Some(d) =
                dict.filter(|_| t == tp.bits() && e == version && p & 3 == TAG_DICT_ONLY)
            {
                if let Some(v) = hinted(d, p >> 2, name) {
                    return Some(v);
                }
                return fast_get(d, name);
            }
            if t == tp.bits() && e == version && plain && dict.is_none() && shape_id.is_none() {
                // No attributes at all (`del obj.__dict__`).
                return None;
            }
            // (A current class-attribute entry was answered by `load_attr_hit`.)
            if t == tp.bits() && e == version && p & 3 == TAG_METHOD {
                // A method on the type, bound to the instance, unless the
                // instance shadows it.
                if let Some(v) = own_attr(o, name) {
                    return Some(v);
                }
                return self.bind_descr(Value::from_bits(p & !3), obj, tp).ok();
            }
            if t == tp.bits() | PROPERTY_ENTRY && e == version {
                // The interpreter runs the getter (`property_getter_cached`).
                return None;
            }
            if t == tp.bits() && e == version && p == TAG_CLASS_OF {
                // A data descriptor: the instance dict cannot shadow it.
                return Some(tp);
            }
            if t == tp.bits() && e == version && p == INSTANCE_DICT {
                // Not made yet: the general path makes it.
                return dict.map(Obj::value);
            }
            if t == tp.bits() && e == version && p & 3 == TAG_SLOT {
                // A `__slots__` member (a data descriptor: the instance
                // dict cannot shadow it); an unset one takes the general
                // path to its AttributeError.
                let i = (p >> 2) as usize;
                return (i < o.n_values())
                    .then(|| o.get(i))
                    .filter(|v| !v.is_empty());
            }
        }
        // Miss: record the fact if it holds (no Python code runs here).
        let tpo = Obj::from_value(tp)?;
        if tpo.kind() != K_TYPE || type_flags(tpo) & (TF_GETATTRIBUTE | TF_LOCAL) != 0 {
            return None;
        }
        // Nothing on the type: plain instance-dict access, or inline.
        let Some(cv) = self.lookup_type(tp, name) else {
            if let Some(id) = shape_id {
                return fill_shape_load(s, tp, version, o, id, name);
            }
            let d = dict?;
            let hint = index_of(d, name);
            fill(s, [tp.bits(), version, (hint << 2) | TAG_DICT_ONLY]);
            return hinted(d, hint, name);
        };
        if let Some(co) = Obj::from_value(cv) {
            if name == self.g.names.__class__ && self.is_object_class_getset(co) {
                fill(s, [tp.bits(), version, TAG_CLASS_OF]);
                return Some(tp);
            }
            if name == self.g.names.__dict__
                && co.kind() == K_PROPERTY
                && co.class() == self.g.types.getset_descr
                && co.get(0) == self.g.instance_dict_fns[0]
            {
                fill(s, [tp.bits(), version, INSTANCE_DICT]);
                return dict.map(Obj::value);
            }
            if let Some(i) = self.member_index(co, obj) {
                fill(s, [tp.bits(), version, ((i as u64) << 2) | TAG_SLOT]);
                return Some(o.get(i)).filter(|v| !v.is_empty());
            }
            // A Python function or a builtin method descriptor: bound on
            // every hit (`obj.method` without a call, e.g. `self.acquire =
            // lock.acquire`), as `bind_descr` binds them.
            if is_plain_method(co) && cv.bits() & 3 == 0 {
                fill(s, [tp.bits(), version, cv.bits() | TAG_METHOD]);
                if let Some(v) = own_attr(o, name) {
                    return Some(v);
                }
                return self.bind_descr(cv, obj, tp).ok();
            }
            // A property whose getter is a Python function: the
            // interpreter's next hit runs the getter in its loop. Not when
            // the class has `__getattr__` (an AttributeError from the
            // getter must reach it).
            if co.kind() == K_PROPERTY
                && co.class() == self.g.types.property
                && type_flags(tpo) & TF_GETATTR == 0
                && Obj::from_value(co.get(0)).is_some_and(|f| f.kind() == K_FUNCTION)
            {
                fill(s, [tp.bits() | PROPERTY_ENTRY, version, cv.bits()]);
                return None;
            }
            // A builtin type's getset with a native getter: the
            // interpreter calls the getter (`native_getter_cached`).
            if type_flags(tpo) & TF_GETATTR == 0 && native_getter(co, &self.g.types).is_some() {
                fill(s, [tp.bits() | PROPERTY_ENTRY, version, cv.bits()]);
                return None;
            }
            // The kinds `bind_descr` binds whatever their type says (a
            // builtin method descriptor's type has no `__get__`), then any
            // object whose type defines `__get__`.
            if matches!(
                co.kind(),
                K_FUNCTION | K_BUILTIN | K_WRAPPER | K_MEMBER | K_PROPERTY
            ) {
                return None;
            }
            let dtp = self.type_of(cv);
            if self.lookup_type(dtp, self.g.names.__get__).is_some() {
                // A non-data descriptor of a Python class (a
                // `functools.cached_property`) that the instance dict
                // already shadows: the dict answers, as for a name the
                // class lacks (a miss in the dict takes the general path,
                // which calls the descriptor).
                let n = &self.g.names;
                let non_data = Obj::from_value(dtp).is_some_and(|x| type_flags(x) & TF_HEAP != 0)
                    && self.lookup_type(dtp, n.__set__).is_none()
                    && self.lookup_type(dtp, n.__delete__).is_none();
                if non_data {
                    return self.fill_dict_only(s, tp.bits(), version, dict?, name);
                }
                return None;
            }
        }
        fill(s, [tp.bits() | CLASS_VALUE, version, cv.bits()]);
        if let Some(v) = own_attr(o, name) {
            return Some(v);
        }
        Some(cv)
    }

    /// Stores `name = v` into the local instance dict `d` at the entry the
    /// cache's hint names (`index + 1`), in place (the owner thread is the
    /// only one that can reach `d`: no lock); or, while `__init__` fills a
    /// fresh dict, appends it as that entry when it is the next one. False
    /// (nothing written) otherwise.
    #[inline(always)]
    fn store_at_hint(&mut self, d: Obj, hint: u64, name: Value, v: Value) -> bool {
        debug_assert!(!d.is_shared());
        match Obj::from_value(name) {
            Some(ko) if hint != 0 => {
                ldict::store_local_at(&mut self.ctx, d, hint as usize - 1, name, v, || {
                    name_hash(ko)
                })
            }
            _ => false,
        }
    }

    /// Replaces the value of `name` in the shared instance dict `d` at the
    /// entry the cache's hint names, under the dict's lock (the key is
    /// checked under it: a concurrent delete or resize makes this a miss).
    /// False (nothing written) on a miss or a frozen dict: the caller's
    /// general store decides.
    #[inline(never)]
    fn store_shared_at_hint(&mut self, d: Obj, hint: u64, name: Value, v: Value) -> bool {
        if hint == 0 {
            return false;
        }
        let e = hint as usize - 1;
        self.with_mut_lock(d, |ctx| {
            let t = ldict::table(d);
            match ldict::entry_kv(t, e) {
                Some((k, old)) if k == name && !old.is_empty() => {
                    ldict::set_value(ctx, t, e, v);
                    true
                }
                _ => false,
            }
        })
        .unwrap_or(false)
    }

    /// Stores a `__slots__` member through the write barrier; a shared
    /// instance under its lock, so that a concurrent `protopy.freeze`
    /// (which holds it while it marks) sees the store or refuses it. False
    /// (nothing stored) for a frozen instance: the slow path raises.
    #[inline(always)]
    fn store_slot(&mut self, o: Obj, i: usize, v: Value) -> bool {
        if o.is_local_mutable() {
            self.store(o, i, v);
            return true;
        }
        self.with_mut_lock(o, |ctx| ctx.store(o, i, v)).is_ok()
    }

    /// STORE_ATTR fast path: `true` when the value was stored in the
    /// instance dict or a `__slots__` member.
    #[inline(always)]
    pub(crate) fn store_attr_cached(
        &mut self,
        s: Option<&'static [AtomicU64]>,
        obj: Value,
        name: Value,
        v: Value,
    ) -> bool {
        let Some(s) = s else { return false };
        let Some(o) = Obj::from_value(obj) else {
            return false;
        };
        // A frozen instance (`protopy.freeze`) takes the slow path, which
        // refuses the store.
        if o.kind() != K_INSTANCE || o.is_frozen() {
            return false;
        }
        // The common hits, inlined into the interpreter loop: overwrite the
        // value at the entry the cache remembers in a local instance dict
        // (the owner thread is the only one that can reach it: no lock) or,
        // out of line, in a shared one under its lock; or a `__slots__`
        // member. The inline entry is read here; a polymorphic site's
        // further entries through one call.
        match read(s) {
            Some(entry) => self.store_attr_hit::<true>(s, o, obj, name, v, entry),
            None => self.store_attr_poly(s, o, obj, name, v),
        }
    }

    /// [`Vm::store_attr_cached`] with a slot's entry: the inline one
    /// (`INLINE`: when it is another class's, the further entries are
    /// looked at) or the further one keyed on the instance's class.
    #[inline(always)]
    fn store_attr_hit<const INLINE: bool>(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        obj: Value,
        name: Value,
        v: Value,
        [t, e, p]: [u64; 3],
    ) -> bool {
        let cls = o.class();
        if t == cls.bits() && e == self.class_version(cls) {
            // (One test of the low bits picks the kind: a shape entry's are 0.)
            if p & 7 == 0 {
                if let Some(step) = shape_entry_parts(p) {
                    if self.store_shaped(o, step, name, v) {
                        return true;
                    }
                }
            } else if p & 3 == TAG_SLOT {
                // A `__slots__` member: stored through the write barrier.
                let i = (p >> 2) as usize;
                if i < o.n_values() {
                    return self.store_slot(o, i, v);
                }
            } else if p & 3 == TAG_DICT_ONLY {
                if let Some(d) = Obj::from_value(o.get(0)) {
                    if d.is_local_mutable() {
                        if self.store_at_hint(d, p >> 2, name, v) {
                            return true;
                        }
                    } else if d.is_shared() && self.store_shared_at_hint(d, p >> 2, name, v) {
                        // (An instance reachable from a module global.)
                        return true;
                    }
                }
            }
            return self.store_attr_cached_rest(s, o, obj, name, v);
        }
        if INLINE {
            return self.store_attr_poly(s, o, obj, name, v);
        }
        self.store_attr_cached_rest(s, o, obj, name, v)
    }

    /// [`Vm::store_attr_cached`] when the inline entry is not for the
    /// instance's class (another's, a stale one, or none).
    #[inline(never)]
    fn store_attr_poly(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        obj: Value,
        name: Value,
        v: Value,
    ) -> bool {
        match lookup_ext(s, o.class().bits()) {
            Some(entry) => self.store_attr_hit::<false>(s, o, obj, name, v, entry),
            None => self.store_attr_cached_rest(s, o, obj, name, v),
        }
    }

    /// [`Vm::store_attr_cached`] past its inlined hit.
    #[inline(never)]
    fn store_attr_cached_rest(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        obj: Value,
        name: Value,
        v: Value,
    ) -> bool {
        let tp = o.class();
        let version = Obj::from_value(tp).map_or(0, |t| self.type_version(t));
        let entry = lookup(s, tp.bits());
        match entry {
            Some([t, e, p]) if t == tp.bits() && e == version && p & 3 == TAG_SLOT => {
                // A `__slots__` member: stored through the write barrier.
                let i = (p >> 2) as usize;
                if i >= o.n_values() {
                    return false;
                }
                return self.store_slot(o, i, v);
            }
            Some([t, e, _]) if t == tp.bits() && e == version => {}
            _ => {
                // A `__slots__` member of a type without `__setattr__`?
                let member = Obj::from_value(tp)
                    .filter(|t| t.kind() == K_TYPE && type_flags(*t) & TF_SETATTR == 0)
                    .and_then(|_| self.lookup_type(tp, name))
                    .and_then(Obj::from_value);
                if let Some(i) = member.and_then(|m| self.member_index(m, obj)) {
                    fill(s, [tp.bits(), version, ((i as u64) << 2) | TAG_SLOT]);
                    return self.store_slot(o, i, v);
                }
            }
        }
        if let Some(id) = shape::shape_of(o) {
            return self.store_shaped_miss(s, o, id, name, v, entry, version);
        }
        let d = match Obj::from_value(o.get(0)) {
            Some(d) => d,
            // The first attribute of a fresh instance (in `__init__`): when
            // the store is a plain dict store (the entry says so, or the
            // type does), the dict is made here.
            None => {
                let plain = match entry {
                    Some([t, e, p]) if t == tp.bits() && e == version => p & 3 == TAG_DICT_ONLY,
                    _ => Obj::from_value(tp)
                        .is_some_and(|tpo| tpo.kind() == K_TYPE && self.dict_store_only(tpo, name)),
                };
                if !plain {
                    return false;
                }
                match self.ensure_dict(o).and_then(Obj::from_value) {
                    Some(d) => d,
                    None => return false,
                }
            }
        };
        let hit = match entry {
            Some([t, e, p]) if t == tp.bits() && e == version && p & 3 == TAG_DICT_ONLY => {
                if d.is_local_mutable() {
                    if self.store_at_hint(d, p >> 2, name, v) {
                        return true;
                    }
                } else if d.is_shared() && self.store_shared_at_hint(d, p >> 2, name, v) {
                    return true;
                }
                true
            }
            _ => false,
        };
        if !hit {
            let Some(tpo) = Obj::from_value(tp) else {
                return false;
            };
            if tpo.kind() != K_TYPE || !self.dict_store_only(tpo, name) {
                return false;
            }
            // Names in code objects are interned (shared), as generic_setattr
            // requires. A frozen dict: the slow path raises.
            if !self.dict_set_str(d.value(), name, v) {
                return false;
            }
            raise_type_dict_hint(tpo, ldict::len(d));
            let hint = index_of(d, name);
            fill(s, [tp.bits(), version, (hint << 2) | TAG_DICT_ONLY]);
            return true;
        }
        if !self.dict_set_str(d.value(), name, v) {
            return false;
        }
        if let Some(tpo) = Obj::from_value(tp) {
            raise_type_dict_hint(tpo, ldict::len(d));
        }
        true
    }

    /// [`Vm::store_attr_cached_rest`] for a shaped instance at shape `id`:
    /// when the store is a plain one (the entry or the type says so), the
    /// value replaces the name's or, when the instance has room, adds the
    /// name under the shape that has it, and the entry records which.
    /// False: the general path decides (it changes to dict mode when the
    /// instance has no room).
    #[allow(clippy::too_many_arguments)]
    fn store_shaped_miss(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        id: u32,
        name: Value,
        v: Value,
        entry: Option<[u64; 3]>,
        version: u64,
    ) -> bool {
        let tp = o.class();
        let Some(tpo) = Obj::from_value(tp).filter(|t| t.kind() == K_TYPE) else {
            return false;
        };
        let plain = match entry {
            Some([t, e, p]) if t == tp.bits() && e == version => {
                p & 3 == TAG_DICT_ONLY || shape_entry_parts(p).is_some()
            }
            _ => self.dict_store_only(tpo, name),
        };
        if !plain || !Obj::from_value(name).is_some_and(lstr::is_interned) {
            return false;
        }
        let Some((to, i)) = self.shaped_store(o, id, name, v) else {
            return false;
        };
        if i <= SHAPE_ENTRY_MAX_INDEX {
            fill(s, [tp.bits(), version, shape_entry(id, to, i)]);
        }
        true
    }

    /// LOAD_METHOD through the cache: the method found on the type is
    /// remembered per (type, version); the instance dict is still checked for
    /// a shadowing attribute every time, as `load_method` does.
    #[inline(always)]
    pub(crate) fn load_method_cached(
        &mut self,
        s: Option<&'static [AtomicU64]>,
        obj: Value,
        name: Value,
    ) -> Option<attr::MethodLookup> {
        let s = s?;
        // The common hit, inlined into the interpreter loop: a method of a
        // heap object's type that its dict (if any) does not shadow. Classes
        // and modules never get an entry (`load_method_cached_rest`), and no
        // other object has their types as its class, so a matching entry
        // implies neither.
        if let Some(o) = Obj::from_value(obj) {
            return match read(s) {
                Some(entry) => self.load_method_hit::<true>(s, o, obj, name, entry),
                None => self.load_method_poly(s, o, obj, name),
            };
        }
        self.load_method_cached_rest(s, obj, name)
    }

    /// [`Vm::load_method_cached`] with a slot's entry: the inline one
    /// (`INLINE`: when it is another class's, the further entries are
    /// looked at) or the further one keyed on the object's class.
    #[inline(always)]
    fn load_method_hit<const INLINE: bool>(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        obj: Value,
        name: Value,
        [t, e, p]: [u64; 3],
    ) -> Option<attr::MethodLookup> {
        let cls = o.class();
        if t == cls.bits() && e == self.class_version(cls) && p & 3 == TAG_METHOD {
            // The layouts `instance_dict` reads, the usual ones inline.
            if o.kind() == K_INSTANCE {
                return Some(match own_attr(o, name) {
                    Some(v) => attr::MethodLookup::Attr(v),
                    None => attr::MethodLookup::Method(Value::from_bits(p & !3)),
                });
            }
            let dict = match o.kind() {
                Kind::LIST | Kind::DICT | Kind::SET => o.get(CONTAINER_DICT),
                // Exact strs and bytes have no value slots (a view's one
                // holds its buffer), so no dict.
                Kind::STR | Kind::BYTES
                    if o.n_values() == 0
                        || o.class() == self.g.types.str_
                        || o.class() == self.g.types.bytes =>
                {
                    Value::EMPTY
                }
                _ => self.instance_dict(o).unwrap_or(Value::EMPTY),
            };
            let shadow = match Obj::from_value(dict) {
                Some(d) => fast_get(d, name),
                None => None,
            };
            return Some(match shadow {
                Some(v) => attr::MethodLookup::Attr(v),
                None => attr::MethodLookup::Method(Value::from_bits(p & !3)),
            });
        }
        if INLINE {
            return self.load_method_poly(s, o, obj, name);
        }
        self.load_method_cached_rest(s, obj, name)
    }

    /// [`Vm::load_method_cached`] when the inline entry is not for the
    /// object's class (another's, a stale one, or none).
    #[inline(never)]
    fn load_method_poly(
        &mut self,
        s: &'static [AtomicU64],
        o: Obj,
        obj: Value,
        name: Value,
    ) -> Option<attr::MethodLookup> {
        // A class, module or super object keys its entries on itself, not on
        // its class: `load_method_cached_rest` finds them (`Strength.stronger(a,
        // b)` in deltablue); a module's function (`struct.pack(...)`) here,
        // out of the interpreter loop's inlined hit.
        if o.kind() == K_MODULE {
            return self
                .module_attr_cached(s, o, name)
                .map(attr::MethodLookup::Attr);
        }
        if matches!(o.kind(), K_TYPE | K_SUPER) {
            return self.load_method_cached_rest(s, obj, name);
        }
        match lookup_ext(s, o.class().bits()) {
            Some(entry) => self.load_method_hit::<false>(s, o, obj, name, entry),
            None => self.load_method_cached_rest(s, obj, name),
        }
    }

    /// [`Vm::load_method_cached`] past its inlined hit.
    #[inline(never)]
    fn load_method_cached_rest(
        &mut self,
        s: &'static [AtomicU64],
        obj: Value,
        name: Value,
    ) -> Option<attr::MethodLookup> {
        if let Some(o) = Obj::from_value(obj) {
            if o.kind() == K_MODULE {
                return self
                    .module_attr_cached(s, o, name)
                    .map(attr::MethodLookup::Attr);
            }
            if o.kind() == K_TYPE {
                return self.type_attr_cached(s, o, name);
            }
            if o.kind() == K_SUPER {
                return self
                    .super_method_cached(s, o, name)
                    .map(attr::MethodLookup::Attr);
            }
        }
        let tp = self.type_of(obj);
        let version = Obj::from_value(tp).map_or(0, |t| self.type_version(t));
        // An instance's dict, for a name its class does not define (a
        // callable stored on the instance: `self.read = file.read`).
        let own_inst = Obj::from_value(obj).filter(|o| o.kind() == K_INSTANCE);
        let own_dict = own_inst.and_then(|o| Obj::from_value(o.get(0)));
        let entry = lookup(s, tp.bits());
        // A callable the instance holds and its class does not define
        // (`self.write = buffer.write`), at the index its shape keeps it at
        // (here, not in the inlined hit, which serves methods).
        if let (Some([t, e, p]), Some(o)) = (entry, own_inst) {
            if let Some(v) = shape_entry_parts(p)
                .filter(|_| t == tp.bits() && e == version)
                .and_then(|(from, _, i)| shape_value(o, from, i))
            {
                return Some(attr::MethodLookup::Attr(v));
            }
        }
        let f = match entry {
            Some([t, e, p]) if t == tp.bits() && e == version && p & 3 == TAG_METHOD => {
                Value::from_bits(p & !3)
            }
            Some([t, e, p]) if t == tp.bits() && e == version && p & 3 == TAG_DICT_ONLY => {
                let d = own_dict?;
                return hinted(d, p >> 2, name)
                    .or_else(|| fast_get(d, name))
                    .map(attr::MethodLookup::Attr);
            }
            // A builtin type's getset (filled below): the caller's general
            // path, or the interpreter's LOAD_ATTR, calls the getter.
            Some([t, e, _]) if t == tp.bits() | PROPERTY_ENTRY && e == version => return None,
            _ => {
                let tpo = Obj::from_value(tp)?;
                if tpo.kind() != K_TYPE || type_flags(tpo) & (TF_GETATTRIBUTE | TF_LOCAL) != 0 {
                    return None;
                }
                let Some(d) = self.lookup_type(tp, name) else {
                    let o = own_inst?;
                    if let Some(id) = shape::shape_of(o) {
                        return fill_shape_load(s, tp, version, o, id, name)
                            .map(attr::MethodLookup::Attr);
                    }
                    return self
                        .fill_dict_only(s, tp.bits(), version, own_dict?, name)
                        .map(attr::MethodLookup::Attr);
                };
                let dobj = Obj::from_value(d)?;
                // A getset with a native getter (as `load_attr_cached_rest`
                // fills for plain instances): a LOAD_ATTR of an object that
                // is not a plain instance then calls the getter
                // (`native_getter_cached`), a LOAD_METHOD takes the general
                // path. Not with `__getattr__`: an AttributeError from the
                // getter must reach it. (A getset is a data descriptor: no
                // instance dict shadows it.)
                if type_flags(tpo) & TF_GETATTR == 0 && native_getter(dobj, &self.g.types).is_some()
                {
                    fill(s, [tp.bits() | PROPERTY_ENTRY, version, d.bits()]);
                    return None;
                }
                if !is_plain_method(dobj) || d.bits() & 3 != 0 {
                    return None;
                }
                fill(s, [tp.bits(), version, d.bits() | TAG_METHOD]);
                d
            }
        };
        let shadow = match own_inst {
            Some(o) => own_attr(o, name),
            None => Obj::from_value(obj)
                .and_then(|o| self.instance_dict(o))
                .and_then(Obj::from_value)
                .and_then(|dict| fast_get(dict, name)),
        };
        Some(match shadow {
            Some(v) => attr::MethodLookup::Attr(v),
            None => attr::MethodLookup::Method(f),
        })
    }
}
