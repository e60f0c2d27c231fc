//! `frozendict` (PEP 814, a builtin from Python 3.15, offered early): an
//! immutable, hashable, insertion-ordered mapping, with its key/value/item
//! views and their iterators.
//!
//! Layout. A frozendict is a `K_INSTANCE` object (the layout `RLock` uses):
//! value slot 0 is the instance `__dict__` of subclass instances, then their
//! `__slots__` values; `frozendict` itself is `TF_NODICT`, so its own
//! instances take no attributes. The raw region holds a [`FrozenDict`]
//! payload, written once when the object is made and never again:
//! - `entries`: a persistent vector (im's RRB tree, [`PVec`]) of keys and
//!   values interleaved in insertion order (entry `i` is key `2i` and value
//!   `2i + 1`: one vector, so a union changes one tree path, not two);
//! - `index`: a persistent map ([`PHashMap`], keyed by the Python hash,
//!   equality through Python `==`) from each key to its position (a small
//!   int).
//!
//! A frozendict has no deletion, so positions are dense. `fd | {k: v}`
//! clones the two trees (O(1): shared roots) and inserts into the copies,
//! which copies only the O(log n) nodes on the changed paths: the result
//! shares everything else with `fd`. A later duplicate key keeps its first
//! position and key object and takes the last value, as dict does.
//!
//! Reading. The trees answer a lookup in several dependent cache misses
//! per level, so reads go through a flat open-addressing index ([`Flat`])
//! instead, built once when a version that traces all its entries (a
//! *root*, below) is made. A version made from another by `|` shares its
//! root's flat index and adds two small persistent maps: the keys added
//! since the root, and the values stored since it by position; a union
//! therefore stays O(log n), and only a new root (every max(64, n/8)
//! stored values) pays the O(n) build.
//!
//! Rooting. The payload traces its keys and values (`Trace`), so a live
//! frozendict keeps them alive. While a new one is being built, its keys and
//! values live only in Rust structures, and building runs Python code
//! (`__hash__`, `__eq__`, a mapping's `keys()`/`__getitem__`, an iterator):
//! every value the builder holds is therefore also held by a rooted object
//! (the source frozendict, a rooted snapshot list, or the builder's holder
//! list). The payload is complete before the object exists, so no store
//! into it ever needs the write barrier: promoting a frozendict promotes
//! what its payload traces.
//!
//! Tracing. Tracing every entry of every version would make each local
//! collection walk the whole of a big base again for every live version
//! derived from it. A version made from another (`|`, a subclass copy)
//! instead reports its *root* -- the nearest ancestor that traces all its
//! entries -- and `delta`, the keys and values stored since that root: the
//! root keeps the shared entries alive (and, shared, is not entered by a
//! local collection at all), `delta` the rest. Values the root holds that
//! the version replaced stay alive with it; once `delta` outgrows
//! max(64, n/8) entries the version traces everything and lets its root
//! go, which bounds both the retained values and a chain of versions
//! (`fd = fd | {...}` in a loop keeps no old version alive for long).
//!
//! Concurrency contract: a frozendict is immutable; reads take no lock and
//! write nothing shared (no lock word, no reference counts: the trees'
//! internal `Arc`s are touched only when a version is built from them or
//! one is dropped, never by a read). The one
//! write is the hash cache: the hash, once computed, is stored in an atomic
//! word and then published by a release store of the `hashed` flag; two
//! threads that both compute it store the same number. View objects hold
//! their frozendict and nothing else; iterators advance one atomic position,
//! so an iterator shared between threads hands each entry out once.
//!
//! `isinstance(fd, collections.abc.Mapping)`: CPython 3.11's
//! `_collections_abc` does not know frozendict, so when that module has
//! first been imported (its post-import hook, `register_abcs`) frozendict is
//! registered as a `Mapping` and its views as `KeysView`/`ValuesView`/
//! `ItemsView`, through the ABCs' own `register`.

use super::clinic;
use super::set::{add_all, set_op};
use crate::args::{check_method, Args};
use engine::runtime::*;
use proto_core::immutable::{PHashMap, PVec};
use proto_core::layouts::dict as ldict;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{Arc, AtomicBool, AtomicU64, AtomicUsize, Ordering};
use proto_core::{Kind, Obj, Value};
use std::sync::OnceLock;

const DOC: &str = "frozendict() -> empty frozendict\n\
frozendict(mapping) -> frozendict initialized from a mapping object's\n    (key, value) pairs\n\
frozendict(iterable) -> frozendict initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\n    frozendict(d)\n\
frozendict(**kwargs) -> frozendict initialized with the name=value pairs\n    in the keyword argument list.  For example:  frozendict(one=1, two=2)";

/// The payload of a frozendict (see the module documentation).
struct FrozenDict {
    /// Key -> position (a small int) of its entry.
    index: PHashMap,
    /// Key, value, key, value... in insertion order.
    entries: PVec,
    /// The hash, valid once `hashed` is set.
    hash: AtomicU64,
    hashed: AtomicBool,
    /// What `trace` reports: with `root` EMPTY, every key and value; else
    /// `root` (a frozendict whose own `root` is EMPTY, whose entries this
    /// one's trees share) and `delta`, every key and value stored since
    /// that root (see "Tracing" in the module documentation).
    root: Value,
    /// Persistent, so a version made from another shares its delta and
    /// appends to it in O(log n) rather than copying it.
    delta: PVec,
    /// Bytes of tree nodes this version made (an estimate for the
    /// collector's allocation accounting; the rest is shared).
    ext: usize,
    /// The flat read index (see [`Flat`]): present on every version that
    /// traces all its entries (`root` EMPTY) and on the O(1) copies that
    /// share such a version's entries unchanged; absent on a version made
    /// by adding to another, which reads through `index` and `entries`.
    /// When present it holds exactly the entries of `entries`, in order.
    flat: Option<Arc<Flat>>,
    /// On a version with a `root` (whose `flat` holds the root's entries):
    /// `added` maps each key added since the root to its position, and
    /// `stored` each position whose value was stored since the root (every
    /// added one, and updated root entries) to its value now. A lookup
    /// reads the root's flat index, then `added`: together they compare
    /// keys of one hash in insertion order, as `index` does.
    added: PHashMap,
    stored: PHashMap,
}

/// `stored`'s key for position `p` (its own hash; compared by identity).
fn stored_get(stored: &PHashMap, p: usize) -> Option<Value> {
    stored.get(p as u64, Value::int(p as i64), |_, _| false)
}

/// A flat, open-addressing read index of one frozendict's entries, built
/// once when the frozendict is made and never written again (so lock-free
/// reads by any number of threads see a complete table). Lookups through it
/// touch one slot and one entry instead of the persistent trees' several
/// nodes per level; `index`/`entries` stay the source for building new
/// versions, which share their trees.
struct Flat {
    /// Entry position per slot, `EMPTY_SLOT` for none; a power of two long,
    /// at least twice the entries (linear probing).
    slots: Box<[u32]>,
    /// The entries in insertion order, each with its key's Python hash.
    ents: Box<[FlatEntry]>,
}

#[derive(Clone, Copy)]
struct FlatEntry {
    hash: u64,
    key: Value,
    value: Value,
}

const EMPTY_SLOT: u32 = u32::MAX;

impl Flat {
    /// The flat index of `entries` (key, value interleaved) whose keys'
    /// hashes `index` holds; None if the positions do not fit the slots'
    /// `u32`.
    fn build(index: &PHashMap, entries: &PVec) -> Option<Flat> {
        let n = entries.len() / 2;
        if n >= (EMPTY_SLOT / 2) as usize {
            return None;
        }
        let mut ents = vec![
            FlatEntry {
                hash: 0,
                key: Value::NONE,
                value: Value::NONE,
            };
            n
        ];
        let mut it = entries.iter();
        for e in ents.iter_mut() {
            e.key = it.next().expect("key");
            e.value = it.next().expect("value");
        }
        for (h, _, p) in index.iter_hashed() {
            let p = p.as_int().expect("a position") as usize;
            ents[p].hash = h;
        }
        let cap = (2 * n).next_power_of_two().max(8);
        let mask = cap - 1;
        let mut slots = vec![EMPTY_SLOT; cap];
        // In position order, so entries of equal hash lie along a probe
        // sequence in insertion order: a lookup compares them in the order
        // the persistent index's bucket does.
        for (p, e) in ents.iter().enumerate() {
            let mut i = (e.hash as usize) & mask;
            while slots[i] != EMPTY_SLOT {
                i = (i + 1) & mask;
            }
            slots[i] = p as u32;
        }
        Some(Flat {
            slots: slots.into_boxed_slice(),
            ents: ents.into_boxed_slice(),
        })
    }

    fn bytes(&self) -> usize {
        self.slots.len() * 4 + self.ents.len() * std::mem::size_of::<FlatEntry>()
    }

    /// The position of the key equal to `key` (of hash `h`): identity first,
    /// then `eq`, asked only of keys with the same hash, as dict does.
    fn find(
        &self,
        h: u64,
        key: Value,
        mut eq: impl FnMut(Value) -> PyResult<bool>,
    ) -> PyResult<Option<usize>> {
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        loop {
            let p = self.slots[i];
            if p == EMPTY_SLOT {
                return Ok(None);
            }
            let e = &self.ents[p as usize];
            if e.hash == h && (e.key == key || eq(e.key)?) {
                return Ok(Some(p as usize));
            }
            i = (i + 1) & mask;
        }
    }
}

impl FrozenDict {
    fn len(&self) -> usize {
        self.entries.len() / 2
    }
    fn entry(&self, i: usize) -> (Value, Value) {
        if let Some(f) = &self.flat {
            let e = &f.ents[i];
            return (e.key, e.value);
        }
        (
            self.entries.get(2 * i).expect("position in range"),
            self.entries.get(2 * i + 1).expect("position in range"),
        )
    }
    fn empty() -> FrozenDict {
        FrozenDict {
            index: PHashMap::new(),
            entries: PVec::default(),
            hash: AtomicU64::new(0),
            hashed: AtomicBool::new(false),
            root: Value::EMPTY,
            delta: PVec::default(),
            ext: 0,
            flat: None,
            added: PHashMap::new(),
            stored: PHashMap::new(),
        }
    }
}

impl Trace for FrozenDict {
    // The index's keys are the same objects as the entries'; its values are
    // ints.
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        if self.root.is_empty() {
            // The flat index holds exactly `entries` (see `flat`) in one
            // contiguous array, much quicker to walk than the tree.
            match &self.flat {
                Some(fl) => {
                    for e in fl.ents.iter() {
                        if e.key.is_heap() {
                            f(e.key);
                        }
                        if e.value.is_heap() {
                            f(e.value);
                        }
                    }
                }
                None => self.entries.trace(f),
            }
            return;
        }
        f(self.root);
        for v in self.delta.iter() {
            if v.is_heap() {
                f(v);
            }
        }
    }
    fn external_bytes(&self) -> usize {
        self.ext
    }
}

/// Which view, or what an iterator yields.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Keys,
    Values,
    Items,
}
impl Trace for Part {}

/// Payload of an iterator (value slot 0: its frozendict).
struct IterState {
    part: Part,
    reverse: bool,
    /// Entries handed out so far.
    pos: AtomicUsize,
}
impl Trace for IterState {}

/// The types, made once at start-up (types are global roots).
struct Types {
    fd: Value,
    views: [Value; 3],
    iters: [Value; 3],
}

static TYPES: OnceLock<Types> = OnceLock::new();

fn types() -> &'static Types {
    TYPES.get().expect("frozendict is made at start-up")
}

/// The `frozendict` type.
pub fn frozendict_type() -> Value {
    types().fd
}

fn part_index(p: Part) -> usize {
    match p {
        Part::Keys => 0,
        Part::Values => 1,
        Part::Items => 2,
    }
}

/// The payload of `v` if it is a frozendict (of any subclass).
fn data(v: Value) -> Option<&'static FrozenDict> {
    let o = Obj::from_value(v).filter(|o| o.kind() == K_INSTANCE)?;
    native_ref::<FrozenDict>(o)
}

/// Whether `v` is a frozendict (or an instance of a subclass).
pub fn is_frozendict(v: Value) -> bool {
    data(v).is_some()
}

/// The items of frozendict `v` in order, for a consumer of mappings that
/// would otherwise call `v.keys()` and `v[k]`: None if `v` is not a
/// frozendict or its class overrides `keys` or `__getitem__`. They stay
/// alive as long as `v` does: the caller keeps `v` rooted.
pub fn items_of(vm: &Vm, v: Value) -> Option<Vec<(Value, Value)>> {
    let d = data(v)?;
    let (tp, fd_t) = (vm.type_of(v), types().fd);
    if tp != fd_t {
        for name in [vm.g.names.keys, vm.g.names.__getitem__] {
            if vm.lookup_type(tp, name) != vm.lookup_type(fd_t, name) {
                return None;
            }
        }
    }
    Some((0..d.len()).map(|i| d.entry(i)).collect())
}

fn is_dict(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == Kind::DICT)
}

fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<&'static FrozenDict> {
    let v = a.first().copied().unwrap_or(Value::NONE);
    data(v).ok_or_else(|| {
        let tn = vm.type_name_of(v);
        vm.type_error(&format!(
            "descriptor '{name}' for 'frozendict' objects doesn't apply to a '{tn}' object"
        ))
    })
}

/// `a == b` through Python, for `PHashMap`'s equality callback: the first
/// error is kept in `err` and every later comparison answers false.
fn py_eq(vm: &mut Vm, err: &mut Option<PyException>, a: Value, b: Value) -> bool {
    if err.is_some() {
        return false;
    }
    match vm.eq(a, b) {
        Ok(r) => r,
        Err(e) => {
            *err = Some(e);
            false
        }
    }
}

/// The position of `key` in `d`.
fn position(vm: &mut Vm, index: &PHashMap, key: Value) -> PyResult<Option<usize>> {
    let h = vm.hash(key)? as u64;
    let mut err = None;
    let p = index.get(h, key, |a, b| py_eq(vm, &mut err, a, b));
    if let Some(e) = err {
        return Err(e);
    }
    Ok(p.and_then(|p| p.as_int()).map(|p| p as usize))
}

/// `d[key]`, if present. `d`'s frozendict is rooted by the caller.
fn lookup(vm: &mut Vm, d: &FrozenDict, key: Value) -> PyResult<Option<Value>> {
    if let Some(f) = &d.flat {
        let h = vm.hash(key)? as u64;
        let p = f.find(h, key, |k| vm.eq(k, key))?;
        return Ok(p.map(|p| f.ents[p].value));
    }
    if let Some(rf) = data(d.root).and_then(|r| r.flat.as_ref()) {
        let h = vm.hash(key)? as u64;
        let p = match rf.find(h, key, |k| vm.eq(k, key))? {
            Some(p) => Some(p),
            None => {
                let mut err = None;
                let p = d.added.get(h, key, |a, b| py_eq(vm, &mut err, a, b));
                if let Some(e) = err {
                    return Err(e);
                }
                p.and_then(|p| p.as_int()).map(|p| p as usize)
            }
        };
        return Ok(p.map(|p| stored_get(&d.stored, p).unwrap_or_else(|| rf.ents[p].value)));
    }
    Ok(position(vm, &d.index, key)?.map(|p| d.entry(p).1))
}

// ------------------------------------------------------------------ building

/// A frozendict under construction: a base version (shared trees) plus the
/// entries added since, in Rust vectors. Every value it holds is also held
/// by a rooted object (module documentation, "Rooting").
struct Builder {
    index: PHashMap,
    entries: PVec,
    /// Entries added, key and value interleaved.
    new_entries: Vec<Value>,
    /// The hashes of the keys added.
    new_hashes: Vec<u64>,
    /// Values stored over base entries (persistent updates of `values`).
    updated: Vec<Value>,
    /// As in [`FrozenDict`], with the base's updates stored already.
    added: PHashMap,
    stored: PHashMap,
    /// The root the result may trace through, and the values stored since
    /// it (before this builder's own), as in [`FrozenDict`].
    root: Value,
    delta: PVec,
    /// The base's flat index, reused while nothing is added or updated.
    base_flat: Option<Arc<Flat>>,
}

impl Builder {
    fn new() -> Builder {
        Builder::from(&FrozenDict::empty(), Value::EMPTY)
    }

    /// A builder starting from the entries of `d`, the payload of
    /// frozendict `obj` (sharing its trees; the caller keeps `obj` rooted).
    fn from(d: &FrozenDict, obj: Value) -> Builder {
        let (root, delta) = if d.len() == 0 {
            (Value::EMPTY, PVec::default())
        } else if d.root.is_empty() {
            (obj, PVec::default())
        } else {
            (d.root, d.delta.clone())
        };
        Builder {
            index: d.index.clone(),
            entries: d.entries.clone(),
            new_entries: Vec::new(),
            new_hashes: Vec::new(),
            updated: Vec::new(),
            added: d.added.clone(),
            stored: d.stored.clone(),
            root,
            delta,
            base_flat: d.flat.clone(),
        }
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.new_entries.is_empty()
    }

    /// `self[k] = v`, as dict: an equal key present keeps its position and
    /// key object and takes `v`. Runs `k.__hash__` and `__eq__`.
    fn insert(&mut self, vm: &mut Vm, k: Value, v: Value) -> PyResult<()> {
        let h = vm.hash(k)? as u64;
        let mut err = None;
        let found = self.index.get(h, k, |a, b| py_eq(vm, &mut err, a, b));
        if let Some(e) = err {
            return Err(e);
        }
        let base = self.entries.len() / 2;
        match found.and_then(|p| p.as_int()) {
            Some(p) if (p as usize) < base => {
                self.entries = self
                    .entries
                    .with(2 * p as usize + 1, v)
                    .expect("position in range");
                self.updated.push(v);
                self.stored
                    .insert_mut(p as u64, Value::int(p), v, |_, _| false);
            }
            Some(p) => self.new_entries[2 * (p as usize - base) + 1] = v,
            None => {
                let p = base + self.new_entries.len() / 2;
                // Absent (just looked up): no equality call is needed.
                self.index
                    .insert_mut(h, k, Value::int(p as i64), |_, _| false);
                self.new_entries.push(k);
                self.new_entries.push(v);
                self.new_hashes.push(h);
            }
        }
        Ok(())
    }

    /// The frozendict of class `cls` holding the entries.
    fn finish(self, vm: &mut Vm, cls: Value) -> Value {
        let added = self.new_entries.len() / 2;
        let append = |base: PVec, new: &[Value]| {
            if new.is_empty() {
                base
            } else if base.is_empty() {
                PVec::from_slice(new)
            } else if new.len() <= 32 {
                new.iter().fold(base, |v, &x| v.push(x))
            } else {
                base.concat(&PVec::from_slice(new))
            }
        };
        let entries = append(self.entries, &self.new_entries);
        let len = entries.len() / 2;
        // Trace through the root while the values stored since it stay a
        // small part of the whole; past that, trace everything (and stop
        // keeping the root alive).
        let mut root = self.root;
        let mut delta = self.delta;
        if !root.is_empty() {
            for &v in self.updated.iter().chain(self.new_entries.iter()) {
                delta = delta.push(v);
            }
            if delta.len() > (len / 8).max(64) {
                root = Value::EMPTY;
                delta = PVec::default();
            }
        }
        let unchanged = added == 0 && self.updated.is_empty();
        let (mut added_keys, mut stored) = (self.added, self.stored);
        if root.is_empty() {
            added_keys = PHashMap::new();
            stored = PHashMap::new();
        } else {
            // Absent (inserted after a lookup): no equality call is needed.
            let base = len - added;
            for (i, &h) in self.new_hashes.iter().enumerate() {
                let p = base + i;
                let (k, v) = (self.new_entries[2 * i], self.new_entries[2 * i + 1]);
                added_keys.insert_mut(h, k, Value::int(p as i64), |_, _| false);
                stored.insert_mut(p as u64, Value::int(p as i64), v, |_, _| false);
            }
        }
        let (flat, flat_bytes) = if unchanged && self.base_flat.is_some() {
            (self.base_flat, 0)
        } else if root.is_empty() {
            match Flat::build(&self.index, &entries) {
                Some(f) => {
                    let b = f.bytes();
                    (Some(Arc::new(f)), b)
                }
                None => (None, 0),
            }
        } else {
            (None, 0)
        };
        let payload = FrozenDict {
            flat,
            added: added_keys,
            stored,
            index: self.index,
            entries,
            hash: AtomicU64::new(0),
            hashed: AtomicBool::new(false),
            root,
            delta,
            // About 64 bytes per entry added (index bucket, two vector
            // slots, tree overhead); a changed path per update.
            ext: added * 64 + self.updated.len() * 512 + flat_bytes,
        };
        let co = Obj::from_value(cls).expect("class");
        vm.ctx
            .alloc_native_with_values(K_INSTANCE, cls, 1 + type_nslots(co), payload)
    }
}

/// Adds the items of `src` (a frozendict, a dict, a mapping with `keys()`,
/// or an iterable of pairs) to `b`, with dict's errors. `holder` is a rooted
/// list that keeps the values `b` holds alive (module documentation).
fn add_from(vm: &mut Vm, b: &mut Builder, src: Value, holder: Value) -> PyResult<()> {
    if let Some(d) = data(src) {
        // `src` is rooted by the caller and keeps its entries alive.
        if b.is_empty() {
            *b = Builder::from(d, src);
            return Ok(());
        }
        for i in 0..d.len() {
            let (k, v) = d.entry(i);
            b.insert(vm, k, v)?;
        }
        return Ok(());
    }
    if is_dict(src) {
        // A snapshot: Python code run by the keys' `__hash__`/`__eq__` may
        // change `src`.
        let items = vm.dict_items(src);
        let flat: Vec<Value> = items.iter().flat_map(|&(k, v)| [k, v]).collect();
        let snap = vm.new_list(&flat);
        vm.list_append(holder, snap);
        for (k, v) in items {
            b.insert(vm, k, v)?;
        }
        return Ok(());
    }
    if let Some(keys) = vm.getattr_opt(src, vm.g.names.keys)? {
        let ks = vm.call(keys, &[], Value::EMPTY)?;
        let ks = vm.collect(ks)?;
        let snap = vm.new_list(&ks);
        vm.list_append(holder, snap);
        for k in ks {
            let v = vm.getitem(src, k)?;
            vm.list_append(holder, v);
            b.insert(vm, k, v)?;
        }
        return Ok(());
    }
    let items = vm.collect(src)?;
    let snap = vm.new_list(&items);
    vm.list_append(holder, snap);
    for (i, it) in items.into_iter().enumerate() {
        let pair = match vm.collect(it) {
            Ok(p) => p,
            Err(e) if vm.isinstance(e.0, vm.g.e.TypeError) => {
                return Err(vm.type_error(&format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )))
            }
            Err(e) => return Err(e),
        };
        if pair.len() != 2 {
            return Err(vm.value_error(&format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        vm.list_append(holder, pair[0]);
        vm.list_append(holder, pair[1]);
        b.insert(vm, pair[0], pair[1])?;
    }
    Ok(())
}

/// Runs `f` with a rooted holder list (see [`add_from`]).
fn with_holder<R>(vm: &mut Vm, f: impl FnOnce(&mut Vm, Value) -> PyResult<R>) -> PyResult<R> {
    let holder = vm.new_list(&[]);
    let mark = vm.push_root(holder);
    let r = f(vm, holder);
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ methods

/// `frozendict.__new__(cls, [collection], /, **kwargs)`.
fn fd_new(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let args = Args::new(a, k);
    let cls = a[0];
    let fd_t = types().fd;
    if !Obj::from_value(cls).is_some_and(|c| c.kind() == K_TYPE) || !vm.is_subtype(cls, fd_t) {
        let tn = vm.type_name_of(cls);
        return Err(vm.type_error(&format!(
            "frozendict.__new__(X): X is not a type object ({tn})"
        )));
    }
    if type_layout(Obj::from_value(cls).expect("type")) != K_INSTANCE {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(&format!(
            "frozendict expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let src = args.pos.get(1).copied();
    // An exact frozendict is its own immutable copy.
    if let Some(s) = src {
        if cls == fd_t && args.kw.is_empty() && vm.type_of(s) == fd_t {
            return Ok(s);
        }
    }
    let kw = args.kw;
    with_holder(vm, |vm, holder| {
        let mut b = Builder::new();
        if let Some(s) = src {
            add_from(vm, &mut b, s, holder)?;
        }
        // The keyword names and values are in `a`, rooted by the caller.
        for (kk, vv) in kw {
            b.insert(vm, kk, vv)?;
        }
        Ok(b.finish(vm, cls))
    })
}

fn fd_getitem(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__getitem__", a, k, 1, 1)?;
    let d = this(vm, a, "__getitem__")?;
    if let Some(v) = lookup(vm, d, a[1])? {
        return Ok(v);
    }
    if vm.type_of(a[0]) != types().fd {
        if let Some(r) = vm.call_special(a[0], vm.g.names.__missing__, &[a[1]])? {
            return Ok(r);
        }
    }
    Err(vm.key_error(a[1]))
}

fn fd_get(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    clinic::method_positional(vm, "frozendict.get", "get", a, k, 1, 2)?;
    let d = this(vm, a, "get")?;
    let dflt = a.get(2).copied().unwrap_or(Value::NONE);
    Ok(lookup(vm, d, a[1])?.unwrap_or(dflt))
}

fn fd_contains(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__contains__", a, k, 1, 1)?;
    let d = this(vm, a, "__contains__")?;
    Ok(Value::bool(lookup(vm, d, a[1])?.is_some()))
}

fn fd_len(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__len__", a, k, 0, 0)?;
    let d = this(vm, a, "__len__")?;
    Ok(Value::int(d.len() as i64))
}

fn new_iter(vm: &mut Vm, fd: Value, part: Part, reverse: bool) -> Value {
    let cls = types().iters[part_index(part)];
    let it = vm.ctx.alloc_native_with_values(
        K_MISC,
        cls,
        1,
        IterState {
            part,
            reverse,
            pos: AtomicUsize::new(0),
        },
    );
    // Fresh and local: no barrier.
    Obj::from_value(it).expect("heap").init(0, fd);
    it
}

fn fd_iter(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__iter__", a, k, 0, 0)?;
    this(vm, a, "__iter__")?;
    Ok(new_iter(vm, a[0], Part::Keys, false))
}

fn fd_reversed(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__reversed__", a, k, 0, 0)?;
    this(vm, a, "__reversed__")?;
    Ok(new_iter(vm, a[0], Part::Keys, true))
}

fn new_view(vm: &mut Vm, fd: Value, part: Part) -> Value {
    let cls = types().views[part_index(part)];
    let v = vm.ctx.alloc_native_with_values(K_MISC, cls, 1, part);
    Obj::from_value(v).expect("heap").init(0, fd);
    v
}

fn fd_keys(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.keys", a, k, 0, 0)?;
    this(vm, a, "keys")?;
    Ok(new_view(vm, a[0], Part::Keys))
}
fn fd_values(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.values", a, k, 0, 0)?;
    this(vm, a, "values")?;
    Ok(new_view(vm, a[0], Part::Values))
}
fn fd_items(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.items", a, k, 0, 0)?;
    this(vm, a, "items")?;
    Ok(new_view(vm, a[0], Part::Items))
}

/// A frozendict of class `cls` sharing the trees of `d`, the payload of
/// `obj` (O(1)).
fn share(vm: &mut Vm, d: &FrozenDict, obj: Value, cls: Value) -> Value {
    Builder::from(d, obj).finish(vm, cls)
}

/// `copy()`: an exact frozendict is returned as is; a subclass instance
/// gives a frozendict with the same items (sharing its storage).
fn fd_copy(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.copy", a, k, 0, 0)?;
    let d = this(vm, a, "copy")?;
    let fd_t = types().fd;
    if vm.type_of(a[0]) == fd_t {
        return Ok(a[0]);
    }
    Ok(share(vm, d, a[0], fd_t))
}

fn fd_repr(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__repr__", a, k, 0, 0)?;
    let d = this(vm, a, "__repr__")?;
    let tn = type_name(vm.type_of(a[0]));
    if d.len() == 0 {
        return Ok(vm.new_str(&format!("{tn}()")));
    }
    if vm.repr_enter(a[0]) {
        return Ok(vm.new_str(&format!("{tn}({{...}})")));
    }
    // The entries stay alive through `a[0]`, rooted by the caller.
    let r = (|| {
        let mut s = format!("{tn}({{");
        for i in 0..d.len() {
            let (key, v) = d.entry(i);
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&vm.repr_string(key)?);
            s.push_str(": ");
            s.push_str(&vm.repr_string(v)?);
        }
        s.push_str("})");
        Ok(s)
    })();
    vm.repr_leave();
    let s = r?;
    Ok(vm.new_str(&s))
}

/// Equality of frozendict `d` with `other` (a dict or a frozendict, rooted
/// by the caller): same length and, for every key of `d`, an equal value in
/// `other` (order does not matter).
fn equal(vm: &mut Vm, d: &FrozenDict, other: Value) -> PyResult<bool> {
    let od = data(other);
    let n = match od {
        Some(o) => o.len(),
        None => ldict::len(Obj::from_value(other).expect("dict")),
    };
    if n != d.len() {
        return Ok(false);
    }
    for i in 0..d.len() {
        let (k, v) = d.entry(i);
        let ov = match od {
            Some(o) => lookup(vm, o, k)?,
            None => vm.dict_get(other, k)?,
        };
        let Some(ov) = ov else {
            return Ok(false);
        };
        // A dict's value may be dropped from it while `__eq__` runs.
        let mark = vm.push_root(ov);
        let r = vm.eq(v, ov);
        vm.pop_roots(mark);
        if !r? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn fd_eq(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__eq__", a, k, 1, 1)?;
    let d = this(vm, a, "__eq__")?;
    if !(is_frozendict(a[1]) || is_dict(a[1])) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(Value::bool(equal(vm, d, a[1])?))
}

fn fd_ne(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__ne__", a, k, 1, 1)?;
    let d = this(vm, a, "__ne__")?;
    if !(is_frozendict(a[1]) || is_dict(a[1])) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(Value::bool(!equal(vm, d, a[1])?))
}

/// `hash(fd) == hash(frozenset(fd.items()))`, computed once and cached.
fn fd_hash(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__hash__", a, k, 0, 0)?;
    let d = this(vm, a, "__hash__")?;
    if d.hashed.load(Ordering::Acquire) {
        return Ok(vm.new_int(d.hash.load(Ordering::Relaxed) as i64));
    }
    let pairs: Vec<Value> = (0..d.len())
        .map(|i| {
            let (key, v) = d.entry(i);
            vm.new_tuple(&[key, v])
        })
        .collect();
    // Allocation does not collect here (deferred mode); the list roots the
    // pairs before any `__hash__` runs.
    let l = vm.new_list(&pairs);
    let mark = vm.push_root(l);
    let r = (|| {
        let s = vm.new_set(true);
        vm.push_root(s);
        add_all(vm, s, &pairs)?;
        vm.hash(s)
    })();
    vm.pop_roots(mark);
    let h = r?;
    d.hash.store(h as u64, Ordering::Relaxed);
    d.hashed.store(true, Ordering::Release);
    Ok(vm.new_int(h))
}

/// `fd | other`: a new frozendict, `fd`'s items updated with `other`'s (a
/// dict or a frozendict), sharing `fd`'s storage.
fn fd_or(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__or__", a, k, 1, 1)?;
    let d = this(vm, a, "__or__")?;
    let other = a[1];
    if !(is_frozendict(other) || is_dict(other)) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let fd_t = types().fd;
    with_holder(vm, |vm, holder| {
        let mut b = Builder::from(d, a[0]);
        add_from(vm, &mut b, other, holder)?;
        Ok(b.finish(vm, fd_t))
    })
}

/// `frozendict.fromkeys(iterable, value=None)` (a classmethod): a subclass
/// gets `cls(frozendict)`.
fn fd_fromkeys(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let q = format!("{}.fromkeys", type_name(a[0]));
    clinic::method_positional(vm, &q, "fromkeys", a, k, 1, 2)?;
    let cls = a[0];
    let v = a.get(2).copied().unwrap_or(Value::NONE);
    let fd_t = types().fd;
    let fd = with_holder(vm, |vm, holder| {
        let keys = vm.collect(a[1])?;
        let snap = vm.new_list(&keys);
        vm.list_append(holder, snap);
        let mut b = Builder::new();
        for key in keys {
            b.insert(vm, key, v)?;
        }
        Ok(b.finish(vm, fd_t))
    })?;
    if cls == fd_t {
        return Ok(fd);
    }
    let mark = vm.push_root(fd);
    let r = vm.call(cls, &[fd], Value::EMPTY);
    vm.pop_roots(mark);
    r
}

/// `__reduce__`: `(type(self), (dict(self),))`, plus the state of a
/// subclass instance that has one (`__getstate__`: its `__dict__` and
/// `__slots__` values), so pickle (every protocol) and `copy` rebuild it
/// through the constructor.
fn fd_reduce(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__reduce__", a, k, 0, 0)?;
    let d = this(vm, a, "__reduce__")?;
    let dict = vm.new_dict();
    let mark = vm.push_root(dict);
    let r = (|| {
        for i in 0..d.len() {
            let (key, v) = d.entry(i);
            vm.dict_set(dict, key, v)?;
        }
        let cls = vm.type_of(a[0]);
        let args = vm.new_tuple(&[dict]);
        vm.push_root(args);
        // `object.__getstate__`: None, the `__dict__`, or (dict, slots).
        let state = vm.call_method(a[0], "__getstate__", &[])?;
        Ok(if state.is_none() {
            vm.new_tuple(&[cls, args])
        } else {
            vm.push_root(state);
            vm.new_tuple(&[cls, args, state])
        })
    })();
    vm.pop_roots(mark);
    r
}

/// `__copy__`: an exact frozendict is its own copy (copy.copy returns it);
/// a subclass instance is rebuilt from `__reduce_ex__(4)` as `copy` would.
fn fd_copy_dunder(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check_method(vm, "frozendict.__copy__", a, k, 0, 0)?;
    this(vm, a, "__copy__")?;
    if vm.type_of(a[0]) == types().fd {
        return Ok(a[0]);
    }
    let rv = vm.call_method(a[0], "__reduce_ex__", &[Value::int(4)])?;
    let mark = vm.push_root(rv);
    let r = (|| {
        let m = vm.import_module("copy")?;
        let name = vm.intern("_reconstruct");
        let f = vm.getattr(m, name)?;
        vm.push_root(f);
        let mut args = vec![a[0], Value::NONE];
        args.extend(vm.collect(rv)?);
        vm.call(f, &args, Value::EMPTY)
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ views

fn view_this(vm: &mut Vm, a: &[Value]) -> PyResult<(Value, &'static FrozenDict, Part)> {
    let v = a.first().copied().unwrap_or(Value::NONE);
    let o = Obj::from_value(v).filter(|o| o.kind() == K_MISC);
    if let Some(o) = o {
        if let Some(&p) = native_ref::<Part>(o) {
            let fd = o.get(0);
            return Ok((fd, data(fd).expect("a view's frozendict"), p));
        }
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("expected a frozendict view, got '{tn}'")))
}

/// The view's elements: keys, values, or (key, value) tuples.
fn view_elements(vm: &mut Vm, d: &FrozenDict, p: Part) -> Vec<Value> {
    match p {
        Part::Keys => d.entries.iter().step_by(2).collect(),
        Part::Values => d.entries.iter().skip(1).step_by(2).collect(),
        Part::Items => (0..d.len())
            .map(|i| {
                let (k, v) = d.entry(i);
                vm.new_tuple(&[k, v])
            })
            .collect(),
    }
}

fn view_len(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, d, _) = view_this(vm, a)?;
    Ok(Value::int(d.len() as i64))
}

fn view_iter(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (fd, _, p) = view_this(vm, a)?;
    Ok(new_iter(vm, fd, p, false))
}

fn view_reversed(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (fd, _, p) = view_this(vm, a)?;
    Ok(new_iter(vm, fd, p, true))
}

fn view_contains(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, d, p) = view_this(vm, a)?;
    let x = a[1];
    match p {
        Part::Keys => Ok(Value::bool(lookup(vm, d, x)?.is_some())),
        Part::Items => {
            let pair = match Obj::from_value(x) {
                Some(o) if o.kind() == Kind::TUPLE && o.n_values() == 2 => (o.get(0), o.get(1)),
                _ => return Ok(Value::FALSE),
            };
            match lookup(vm, d, pair.0)? {
                Some(v) => Ok(Value::bool(vm.eq(v, pair.1)?)),
                None => Ok(Value::FALSE),
            }
        }
        Part::Values => {
            for v in d.entries.iter().skip(1).step_by(2) {
                if vm.eq(v, x)? {
                    return Ok(Value::TRUE);
                }
            }
            Ok(Value::FALSE)
        }
    }
}

fn view_repr(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (_, d, p) = view_this(vm, a)?;
    let items = view_elements(vm, d, p);
    let l = vm.new_list(&items);
    let mark = vm.push_root(l);
    let r = vm.repr_string(l);
    vm.pop_roots(mark);
    let tn = vm.type_name_of(a[0]);
    Ok(vm.new_str(&format!("{tn}({})", r?)))
}

fn view_mapping(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (fd, _, _) = view_this(vm, a)?;
    Ok(super::mappingproxy::new_proxy(vm, fd))
}

/// A new set of the view's elements.
fn view_as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let (_, d, p) = view_this(vm, &[v])?;
    let items = view_elements(vm, d, p);
    let l = vm.new_list(&items);
    let mark = vm.push_root(l);
    let s = vm.new_set(false);
    vm.push_root(s);
    let r = add_all(vm, s, &items);
    vm.pop_roots(mark);
    r.map(|()| s)
}

/// A new set of the elements of any iterable `v`.
fn any_as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let items = vm.collect(v)?;
    let l = vm.new_list(&items);
    let mark = vm.push_root(l);
    let s = vm.new_set(false);
    vm.push_root(s);
    let r = add_all(vm, s, &items);
    vm.pop_roots(mark);
    r.map(|()| s)
}

/// `view OP other` (`swap`: `other OP view`) on sets, returning a set.
fn view_setop(vm: &mut Vm, a: &[Value], op: char, swap: bool) -> PyResult<Value> {
    let s1 = view_as_set(vm, a[0])?;
    let mark = vm.push_root(s1);
    let r = (|| {
        let s2 = any_as_set(vm, a[1])?;
        vm.push_root(s2);
        if swap {
            set_op(vm, s2, s1, op)
        } else {
            set_op(vm, s1, s2, op)
        }
    })();
    vm.pop_roots(mark);
    r
}

fn view_and(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '&', false)
}
fn view_rand(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '&', true)
}
fn view_or(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '|', false)
}
fn view_ror(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '|', true)
}
fn view_sub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '-', false)
}
fn view_rsub(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '-', true)
}
fn view_xor(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '^', false)
}
fn view_rxor(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_setop(vm, a, '^', true)
}

/// Is `v` a set, a frozenset, a dict view or a frozendict view?
fn set_like(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| {
        matches!(o.kind(), Kind::SET | K_DICTVIEW)
            || (o.kind() == K_MISC && native_ref::<Part>(o).is_some_and(|&p| p != Part::Values))
    })
}

/// Rich comparison `op` (0 <, 1 <=, 2 ==, 3 !=, 4 >, 5 >=) of a keys/items
/// view with a set-like object, as sets.
fn view_cmp(vm: &mut Vm, a: &[Value], op: u32) -> PyResult<Value> {
    let (_, _, p) = view_this(vm, a)?;
    if p == Part::Values {
        // Values views compare by identity only.
        return match op {
            2 => Ok(Value::bool(a[0] == a[1])),
            3 => Ok(Value::bool(a[0] != a[1])),
            _ => Ok(Value::NOT_IMPLEMENTED),
        };
    }
    if !set_like(a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let s1 = view_as_set(vm, a[0])?;
    let mark = vm.push_root(s1);
    let r = (|| {
        let s2 = any_as_set(vm, a[1])?;
        vm.push_root(s2);
        vm.builtin_richcompare(s1, s2, op)
    })();
    vm.pop_roots(mark);
    r
}
fn view_lt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 0)
}
fn view_le(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 1)
}
fn view_eq(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 2)
}
fn view_ne(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 3)
}
fn view_gt(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 4)
}
fn view_ge(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    view_cmp(vm, a, 5)
}

fn view_isdisjoint(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    let q = format!("{}.isdisjoint", vm.type_name_of(a[0]));
    check_method(vm, &q, a, k, 1, 1)?;
    view_this(vm, a)?;
    let other = vm.collect(a[1])?;
    let keep = vm.new_list(&other);
    let mark = vm.push_root(keep);
    let r = (|| {
        for x in other {
            if view_contains(vm, &[a[0], x], Value::EMPTY)? == Value::TRUE {
                return Ok(Value::FALSE);
            }
        }
        Ok(Value::TRUE)
    })();
    vm.pop_roots(mark);
    r
}

// ------------------------------------------------------------------ iterators

fn iter_this(vm: &mut Vm, a: &[Value]) -> PyResult<(Obj, &'static IterState)> {
    let v = a.first().copied().unwrap_or(Value::NONE);
    if let Some(o) = Obj::from_value(v).filter(|o| o.kind() == K_MISC) {
        if let Some(s) = native_ref::<IterState>(o) {
            return Ok((o, s));
        }
    }
    let tn = vm.type_name_of(v);
    Err(vm.type_error(&format!("expected a frozendict iterator, got '{tn}'")))
}

fn iter_next(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, s) = iter_this(vm, a)?;
    let d = data(o.get(0)).expect("an iterator's frozendict");
    let n = d.len();
    // Once past the end the position stays there (no wrap-around).
    let i = s
        .pos
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |p| {
            (p < n).then_some(p + 1)
        });
    let Ok(i) = i else {
        return Err(vm.stop_iteration(Value::NONE));
    };
    let i = if s.reverse { n - 1 - i } else { i };
    let (k, v) = d.entry(i);
    Ok(match s.part {
        Part::Keys => k,
        Part::Values => v,
        Part::Items => vm.new_tuple(&[k, v]),
    })
}

fn iter_self(_vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    Ok(a[0])
}

fn iter_length_hint(vm: &mut Vm, a: &[Value], _k: Value) -> PyResult<Value> {
    let (o, s) = iter_this(vm, a)?;
    let n = data(o.get(0)).map_or(0, |d| d.len());
    Ok(Value::int(
        n.saturating_sub(s.pos.load(Ordering::Relaxed)) as i64
    ))
}

// ------------------------------------------------------------------ ABCs

/// Post-import hook of `_collections_abc` ([`Vm::add_post_import_hook`]):
/// registers frozendict as a `Mapping` and its views as `KeysView`,
/// `ValuesView` and `ItemsView` (CPython 3.11's module predates
/// frozendict).
fn register_abcs(vm: &mut Vm, module: Value) -> PyResult<()> {
    let t = types();
    // The type table is process-wide (as the other native type tables): a
    // later interpreter in the same process (an embedder's, the in-process
    // stress tests') finds the first one's types, which are no classes of
    // its own and cannot be registered.
    if vm.type_of(t.fd) != vm.g.types.type_ {
        return Ok(());
    }
    for (abc, cls) in [
        ("Mapping", t.fd),
        ("KeysView", t.views[0]),
        ("ValuesView", t.views[1]),
        ("ItemsView", t.views[2]),
    ] {
        let k = vm.intern(abc);
        let a = vm.getattr(module, k)?;
        vm.call_method(a, "register", &[cls])?;
    }
    Ok(())
}

// ------------------------------------------------------------------ init

/// Makes `frozendict`, its views and iterators (start-up); builtins.rs
/// binds the name.
pub fn init(vm: &mut Vm) -> PyResult<()> {
    let obj = vm.g.types.object;
    let t = vm.new_static_type("frozendict", obj, K_INSTANCE, true);
    let to = Obj::from_value(t).expect("type");
    // Its own instances take no attributes; subclass instances do.
    set_type_flags(to, type_flags(to) | TF_NODICT);
    vm.add_static(t, "__new__", fd_new, false);
    vm.add_static(t, "fromkeys", fd_fromkeys, true);
    vm.add_static(
        t,
        "__class_getitem__",
        super::genericalias::class_getitem,
        true,
    );
    let m: &[(&'static str, NativeFn)] = &[
        ("__getitem__", fd_getitem),
        ("__contains__", fd_contains),
        ("__len__", fd_len),
        ("__iter__", fd_iter),
        ("__reversed__", fd_reversed),
        ("__repr__", fd_repr),
        ("__eq__", fd_eq),
        ("__ne__", fd_ne),
        ("__hash__", fd_hash),
        ("__or__", fd_or),
        ("__reduce__", fd_reduce),
        ("__copy__", fd_copy_dunder),
        ("get", fd_get),
        ("keys", fd_keys),
        ("values", fd_values),
        ("items", fd_items),
        ("copy", fd_copy),
    ];
    for &(n, f) in m {
        vm.add_method(t, n, f);
    }
    let doc = vm.new_str(DOC);
    vm.ctx.promote(doc);
    vm.add_attr(t, "__doc__", doc);

    let mut views = [Value::NONE; 3];
    let mut iters = [Value::NONE; 3];
    for (i, (vname, iname)) in [
        ("frozendict_keys", "frozendict_keyiterator"),
        ("frozendict_values", "frozendict_valueiterator"),
        ("frozendict_items", "frozendict_itemiterator"),
    ]
    .into_iter()
    .enumerate()
    {
        let vt = vm.new_static_type(vname, obj, K_MISC, false);
        let m: &[(&'static str, NativeFn)] = &[
            ("__len__", view_len),
            ("__iter__", view_iter),
            ("__reversed__", view_reversed),
            ("__contains__", view_contains),
            ("__repr__", view_repr),
            ("__eq__", view_eq),
            ("__ne__", view_ne),
        ];
        for &(n, f) in m {
            vm.add_method(vt, n, f);
        }
        super::descr::add_getsets(vm, vt, &[("mapping", view_mapping, None)]);
        if i != 1 {
            // keys and items views are set-like.
            let m: &[(&'static str, NativeFn)] = &[
                ("__and__", view_and),
                ("__rand__", view_rand),
                ("__or__", view_or),
                ("__ror__", view_ror),
                ("__sub__", view_sub),
                ("__rsub__", view_rsub),
                ("__xor__", view_xor),
                ("__rxor__", view_rxor),
                ("__lt__", view_lt),
                ("__le__", view_le),
                ("__gt__", view_gt),
                ("__ge__", view_ge),
                ("isdisjoint", view_isdisjoint),
            ];
            for &(n, f) in m {
                vm.add_method(vt, n, f);
            }
        }
        vm.add_attr(vt, "__hash__", Value::NONE);
        views[i] = vt;
        let it = vm.new_static_type(iname, obj, K_MISC, false);
        vm.add_method(it, "__iter__", iter_self);
        vm.add_method(it, "__next__", iter_next);
        vm.add_method(it, "__length_hint__", iter_length_hint);
        iters[i] = it;
    }
    let _ = TYPES.set(Types {
        fd: t,
        views,
        iters,
    });
    vm.add_post_import_hook("_collections_abc", register_abcs)
}
