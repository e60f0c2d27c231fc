//! Immutable, structurally shared storage for large immutable Python data.
//!
//! - [`RopeStr`]: a rope (ropey) for large strings and repeated concatenation:
//!   appending or slicing shares the unchanged chunks, so building a string
//!   piece by piece is not quadratic.
//! - [`PVec`]: a persistent vector (im's RRB tree) for large tuples: slicing,
//!   concatenation and "modified copies" share memory.
//! - [`PHashMap`] / [`PHashSet`]: persistent hash maps/sets keyed by a
//!   precomputed hash with the key equality supplied by the caller (the
//!   engine's `__eq__`), for frozenset and frozen mappings.
//!
//! Concurrency contract: all of these are immutable once built; every
//! "modification" returns a new value. They live in native heap objects
//! (`ProtoContext::alloc_native`), are `Send + Sync`, and are read by any
//! number of threads without locks or reference-count traffic on the Python
//! objects (the trees' internal `Arc`s are only touched when a new version is
//! built, never on reads).

use crate::native::Trace;
use crate::value::Value;

/// An immutable rope string.
#[derive(Clone, Debug, Default)]
pub struct RopeStr(ropey::Rope);

impl RopeStr {
    /// A rope holding `s`.
    pub fn new(s: &str) -> RopeStr {
        RopeStr(ropey::Rope::from_str(s))
    }
    /// Length in chars (code points).
    pub fn len_chars(&self) -> usize {
        self.0.len_chars()
    }
    /// Length in UTF-8 bytes.
    pub fn len_bytes(&self) -> usize {
        self.0.len_bytes()
    }
    /// The char at `i`, if in range.
    pub fn char_at(&self, i: usize) -> Option<char> {
        self.0.get_char(i)
    }
    /// A new rope `self + other`, sharing both sides' chunks.
    pub fn concat(&self, other: &RopeStr) -> RopeStr {
        let mut r = self.0.clone();
        r.append(other.0.clone());
        RopeStr(r)
    }
    /// A new rope `self + s`.
    pub fn push_str(&self, s: &str) -> RopeStr {
        let mut r = self.0.clone();
        let n = r.len_chars();
        r.insert(n, s);
        RopeStr(r)
    }
    /// The chars `start..end` (clamped) as a new rope sharing chunks.
    pub fn slice(&self, start: usize, end: usize) -> RopeStr {
        let n = self.len_chars();
        let (s, e) = (start.min(n), end.min(n).max(start.min(n)));
        RopeStr(ropey::Rope::from(self.0.slice(s..e)))
    }
    /// Iterates the string's chunks in order.
    pub fn chunks(&self) -> impl Iterator<Item = &str> {
        self.0.chunks()
    }
    /// Flattens to a `String`.
    pub fn to_string_flat(&self) -> String {
        self.0.to_string()
    }
}

impl Trace for RopeStr {}

/// An immutable persistent vector of values.
#[derive(Clone, Debug, Default)]
pub struct PVec(im::Vector<Value>);

impl PVec {
    /// A vector of `items`.
    pub fn from_slice(items: &[Value]) -> PVec {
        PVec(items.iter().copied().collect())
    }
    /// Length.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Item `i`.
    pub fn get(&self, i: usize) -> Option<Value> {
        self.0.get(i).copied()
    }
    /// A new vector with item `i` replaced (shares the rest).
    pub fn with(&self, i: usize, v: Value) -> Option<PVec> {
        if i >= self.len() {
            return None;
        }
        Some(PVec(self.0.update(i, v)))
    }
    /// A new vector with `v` appended.
    pub fn push(&self, v: Value) -> PVec {
        let mut n = self.0.clone();
        n.push_back(v);
        PVec(n)
    }
    /// `self + other`, sharing both.
    pub fn concat(&self, other: &PVec) -> PVec {
        let mut n = self.0.clone();
        n.append(other.0.clone());
        PVec(n)
    }
    /// Items `start..end` (clamped), sharing structure.
    pub fn slice(&self, start: usize, end: usize) -> PVec {
        let n = self.len();
        let s = start.min(n);
        let e = end.min(n).max(s);
        PVec(self.0.clone().slice(s..e))
    }
    /// Iterates the items, leaf by leaf: a slice walk per leaf instead of a
    /// tree lookup per item.
    pub fn iter(&self) -> impl Iterator<Item = Value> + '_ {
        self.0.leaves().flat_map(|leaf| leaf.iter().copied())
    }
}

impl Trace for PVec {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for leaf in self.0.leaves() {
            for &v in leaf {
                if v.is_heap() {
                    f(v);
                }
            }
        }
    }
}

/// The entries of one hash in a [`PHashMap`]. Almost every hash has one
/// key, kept inline: copying a tree node (64 buckets, done for each node on
/// the changed path of every persistent update) then copies words and
/// allocates nothing. Colliding keys share one immutable slice.
#[derive(Clone, Debug)]
enum Bucket {
    One((Value, Value)),
    Many(std::sync::Arc<[(Value, Value)]>),
}

impl Bucket {
    fn entries(&self) -> &[(Value, Value)] {
        match self {
            Bucket::One(e) => core::slice::from_ref(e),
            Bucket::Many(es) => es,
        }
    }

    fn from_vec(mut es: Vec<(Value, Value)>) -> Option<Bucket> {
        match es.len() {
            0 => None,
            1 => es.pop().map(Bucket::One),
            _ => Some(Bucket::Many(es.into())),
        }
    }

    /// This bucket with `key -> value` (an equal key keeps its key object).
    fn with(&self, key: Value, value: Value, eq: &mut impl FnMut(Value, Value) -> bool) -> Bucket {
        let es = self.entries();
        let mut v = es.to_vec();
        match v.iter_mut().find(|(k, _)| *k == key || eq(*k, key)) {
            Some(e) => e.1 = value,
            None => v.push((key, value)),
        }
        Bucket::from_vec(v).expect("not empty")
    }
}

/// An immutable persistent hash map from Python keys to values. Keys are
/// bucketed by their Python hash; equality is supplied by the caller.
#[derive(Clone, Debug, Default)]
pub struct PHashMap(im::OrdMap<u64, Bucket>);

impl PHashMap {
    /// The empty map.
    pub fn new() -> PHashMap {
        PHashMap::default()
    }
    /// Number of entries (walks the buckets: O(n)).
    pub fn len(&self) -> usize {
        self.0.values().map(|b| b.entries().len()).sum()
    }
    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Looks `key` up.
    pub fn get(
        &self,
        hash: u64,
        key: Value,
        mut eq: impl FnMut(Value, Value) -> bool,
    ) -> Option<Value> {
        self.0
            .get(&hash)?
            .entries()
            .iter()
            .find(|(k, _)| *k == key || eq(*k, key))
            .map(|&(_, v)| v)
    }
    /// A new map with `key -> value` (replacing an equal key's value).
    pub fn insert(
        &self,
        hash: u64,
        key: Value,
        value: Value,
        eq: impl FnMut(Value, Value) -> bool,
    ) -> PHashMap {
        let mut m = self.clone();
        m.insert_mut(hash, key, value, eq);
        m
    }
    /// Inserts `key -> value` into this version in place (replacing an equal
    /// key's value, keeping that key): only the tree nodes this version
    /// shares with others are copied, so building a map entry by entry
    /// copies nothing that no other version holds, and an update of a
    /// clone copies the O(log n) nodes on one path. Other versions are
    /// unaffected.
    pub fn insert_mut(
        &mut self,
        hash: u64,
        key: Value,
        value: Value,
        mut eq: impl FnMut(Value, Value) -> bool,
    ) {
        if let Some(b) = self.0.get_mut(&hash) {
            *b = b.with(key, value, &mut eq);
        } else {
            self.0.insert(hash, Bucket::One((key, value)));
        }
    }
    /// A new map without `key`.
    pub fn remove(
        &self,
        hash: u64,
        key: Value,
        mut eq: impl FnMut(Value, Value) -> bool,
    ) -> PHashMap {
        let Some(b) = self.0.get(&hash) else {
            return self.clone();
        };
        let rest: Vec<_> = b
            .entries()
            .iter()
            .copied()
            .filter(|(k, _)| !(*k == key || eq(*k, key)))
            .collect();
        match Bucket::from_vec(rest) {
            None => PHashMap(self.0.without(&hash)),
            Some(nb) => PHashMap(self.0.update(hash, nb)),
        }
    }
    /// Iterates the entries (in hash order).
    pub fn iter(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.0.values().flat_map(|b| b.entries().iter().copied())
    }
    /// Iterates the entries with their hashes (in hash order).
    pub fn iter_hashed(&self) -> impl Iterator<Item = (u64, Value, Value)> + '_ {
        self.0
            .iter()
            .flat_map(|(&h, b)| b.entries().iter().map(move |&(k, v)| (h, k, v)))
    }
}

impl Trace for PHashMap {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for (k, v) in self.iter() {
            if k.is_heap() {
                f(k);
            }
            if v.is_heap() {
                f(v);
            }
        }
    }
}

/// An immutable persistent hash set of Python values (see [`PHashMap`]).
#[derive(Clone, Debug, Default)]
pub struct PHashSet(PHashMap);

impl PHashSet {
    /// The empty set.
    pub fn new() -> PHashSet {
        PHashSet::default()
    }
    /// Number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Membership.
    pub fn contains(&self, hash: u64, key: Value, eq: impl FnMut(Value, Value) -> bool) -> bool {
        self.0.get(hash, key, eq).is_some()
    }
    /// A new set with `key` added.
    pub fn insert(&self, hash: u64, key: Value, eq: impl FnMut(Value, Value) -> bool) -> PHashSet {
        PHashSet(self.0.insert(hash, key, Value::NONE, eq))
    }
    /// A new set without `key`.
    pub fn remove(&self, hash: u64, key: Value, eq: impl FnMut(Value, Value) -> bool) -> PHashSet {
        PHashSet(self.0.remove(hash, key, eq))
    }
    /// Iterates the members.
    pub fn iter(&self) -> impl Iterator<Item = Value> + '_ {
        self.0.iter().map(|(k, _)| k)
    }
}

impl Trace for PHashSet {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        self.0.trace(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rope_concat_and_slice_share() {
        let mut r = RopeStr::new("");
        for i in 0..2000 {
            r = r.push_str(&format!("{i},"));
        }
        let s = r.to_string_flat();
        assert_eq!(r.len_bytes(), s.len());
        assert_eq!(r.slice(0, 4).to_string_flat(), "0,1,");
        assert_eq!(r.char_at(2), Some('1'));
        let both = r.concat(&RopeStr::new("end"));
        assert!(both.to_string_flat().ends_with("1999,end"));
    }

    #[test]
    fn pvec_versions_are_independent() {
        let a = PVec::from_slice(&(0..100).map(Value::int).collect::<Vec<_>>());
        let b = a.with(5, Value::NONE).unwrap();
        assert_eq!(a.get(5), Some(Value::int(5)));
        assert_eq!(b.get(5), Some(Value::NONE));
        assert_eq!(a.slice(10, 20).len(), 10);
        assert_eq!(a.concat(&b).len(), 200);
        assert_eq!(a.push(Value::TRUE).get(100), Some(Value::TRUE));
    }

    #[test]
    fn pvec_iter_and_trace_follow_index_order() {
        // Concatenation and pushes make an unbalanced tree of uneven leaves.
        let part =
            |r: std::ops::Range<i64>| PVec::from_slice(&r.map(Value::int).collect::<Vec<_>>());
        let mut v = part(0..1000).concat(&part(1000..1037));
        for i in 1037..1300 {
            v = v.push(Value::int(i));
        }
        v = v.concat(&part(1300..5000)).with(4321, Value::NONE).unwrap();
        let want: Vec<Value> = (0..5000)
            .map(|i| {
                if i == 4321 {
                    Value::NONE
                } else {
                    Value::int(i)
                }
            })
            .collect();
        assert_eq!(v.iter().collect::<Vec<_>>(), want);
        assert!((0..5000).all(|i| v.get(i) == Some(want[i])));
        let mut traced = 0;
        v.trace(&mut |_| traced += 1);
        assert_eq!(traced, 0, "small ints are not heap values");
    }

    #[test]
    fn phashmap_iter_hashed_reports_each_entry_with_its_hash() {
        let eq = |a: Value, b: Value| a == b;
        let mut m = PHashMap::new();
        for i in 0..40 {
            m.insert_mut((i % 9) as u64, Value::int(i), Value::int(-i), eq);
        }
        let mut got: Vec<(u64, i64, i64)> = m
            .iter_hashed()
            .map(|(h, k, v)| (h, k.as_int().unwrap(), v.as_int().unwrap()))
            .collect();
        got.sort_by_key(|&(_, k, _)| k);
        let want: Vec<_> = (0..40).map(|i| ((i % 9) as u64, i, -i)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn phashmap_with_collisions() {
        let eq = |a: Value, b: Value| a == b;
        let mut m = PHashMap::new();
        for i in 0..50 {
            m = m.insert((i % 7) as u64, Value::int(i), Value::int(i * 10), eq);
        }
        assert_eq!(m.len(), 50);
        assert_eq!(m.get(3, Value::int(10), eq), Some(Value::int(100)));
        let m2 = m.remove(3, Value::int(10), eq);
        assert_eq!(m2.get(3, Value::int(10), eq), None);
        assert_eq!(m.get(3, Value::int(10), eq), Some(Value::int(100)));
        let mut m3 = m.clone();
        m3.insert_mut(3, Value::int(10), Value::NONE, eq);
        m3.insert_mut(99, Value::int(1000), Value::TRUE, eq);
        assert_eq!(m3.get(3, Value::int(10), eq), Some(Value::NONE));
        assert_eq!(m3.get(99, Value::int(1000), eq), Some(Value::TRUE));
        assert_eq!(m.get(3, Value::int(10), eq), Some(Value::int(100)));
        assert_eq!(m.get(99, Value::int(1000), eq), None);
        assert_eq!((m.len(), m3.len()), (50, 51));
        let s = PHashSet::new().insert(1, Value::TRUE, eq);
        assert!(s.contains(1, Value::TRUE, eq) && !s.contains(1, Value::FALSE, eq));
    }
}
