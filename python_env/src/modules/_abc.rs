//! The `_abc` module: the native core of `abc.ABCMeta` (CPython 3.11's
//! `Modules/_abc.c`): each abstract class's registry of virtual subclasses,
//! its positive and negative subclass caches, the abstract-method set, and
//! the collection flags (`__abc_tpflags__`) that pattern matching reads.
//!
//! Each class made by `ABCMeta` holds an `_abc_data` object in `_abc_impl`.
//! Its payload keeps three weak sets: maps from a class's address to a weak
//! reference to it. A member is present only while the reference still
//! points at that class, so a class that died (its reference cleared by a
//! global collection before its memory is reused) is never mistaken for a
//! new class at the same address. Lookups make no reference at all (an
//! address probe and one compare); adding makes the plain shared
//! `weakref.ref(cls)`.
//!
//! Concurrency contract: the `_abc_data` object hangs off a class, so it is
//! shared between threads. Its sets sit behind one mutex, held only for map
//! operations: never across an allocation, a safepoint or Python code (the
//! weak reference is made before the lock is taken). Every stored value is
//! a weak reference, which is promoted when made, so the payload never holds
//! a local object. The trace hook reports the references under the mutex;
//! it runs in a global collection (world stopped, so no mutator holds the
//! mutex) or in the owner's local collection (only the owner reaches it, and
//! it holds it at no safepoint). As under CPython's GIL, a check is not one
//! atomic step: two threads may both compute and cache the same answer.

use crate::args::check;
use crate::types::weakref;
use engine::runtime::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::{self, AtomicU64, Mutex, Ordering};
use proto_core::{Obj, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

const MODULE_DOC: &str = "Module contains faster C implementation of abc.ABCMeta";
const DATA_DOC: &str = "Internal state held by ABC machinery.";

/// `Py_TPFLAGS_SEQUENCE` and `Py_TPFLAGS_MAPPING`, the values
/// `collections.abc` writes in `__abc_tpflags__`.
const PY_SEQUENCE: i64 = 1 << 5;
const PY_MAPPING: i64 = 1 << 6;

/// Bumped by every `register`: a negative cache made before is stale.
static INVALIDATION_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The `_abc_data` type, made when the module is first imported.
static DATA_TYPE: OnceLock<Value> = OnceLock::new();

/// A set of classes held weakly, in insertion order.
#[derive(Default)]
struct WeakSet {
    /// Class address -> index in `refs`.
    index: HashMap<u64, usize>,
    /// (class address, weak reference to it).
    refs: Vec<(u64, Value)>,
    /// Length at which dead members are next swept out.
    prune_at: usize,
}

impl WeakSet {
    fn contains(&self, cls: Value) -> bool {
        self.index
            .get(&cls.bits())
            .is_some_and(|&i| weakref::referent_of(self.refs[i].1) == cls)
    }

    /// Adds `cls` (`w` is a weak reference to it).
    fn add(&mut self, cls: Value, w: Value) {
        match self.index.get(&cls.bits()) {
            Some(&i) => self.refs[i].1 = w,
            None => {
                if self.refs.len() >= self.prune_at {
                    self.prune();
                }
                self.index.insert(cls.bits(), self.refs.len());
                self.refs.push((cls.bits(), w));
            }
        }
    }

    /// Drops the members whose class died.
    fn prune(&mut self) {
        self.refs
            .retain(|&(addr, w)| weakref::referent_of(w).bits() == addr);
        self.index = self
            .refs
            .iter()
            .enumerate()
            .map(|(i, &(a, _))| (a, i))
            .collect();
        self.prune_at = (self.refs.len() * 2).max(16);
    }

    fn clear(&mut self) {
        *self = WeakSet::default();
    }

    /// The live members.
    fn live(&self) -> Vec<Value> {
        self.refs
            .iter()
            .filter_map(|&(addr, w)| {
                let c = weakref::referent_of(w);
                (c.bits() == addr).then_some(c)
            })
            .collect()
    }
}

struct Inner {
    registry: WeakSet,
    cache: WeakSet,
    negative: WeakSet,
    /// The invalidation counter when the negative cache was last cleared.
    negative_version: u64,
}

/// Payload of an `_abc_data` object.
struct AbcData {
    inner: Mutex<Inner>,
}

impl Trace for AbcData {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        let g = sync::lock(&self.inner);
        for set in [&g.registry, &g.cache, &g.negative] {
            for &(_, w) in &set.refs {
                f(w);
            }
        }
    }
}

/// Which of an `_abc_data`'s sets.
#[derive(Clone, Copy)]
enum Set {
    Registry,
    Cache,
    Negative,
}

impl AbcData {
    fn with<R>(&self, which: Set, f: impl FnOnce(&mut WeakSet) -> R) -> R {
        let mut g = sync::lock(&self.inner);
        f(match which {
            Set::Registry => &mut g.registry,
            Set::Cache => &mut g.cache,
            Set::Negative => &mut g.negative,
        })
    }

    fn contains(&self, which: Set, cls: Value) -> bool {
        self.with(which, |s| s.contains(cls))
    }

    /// Adds `cls` to a set (the weak reference is made first, outside the lock).
    fn add(&self, vm: &mut Vm, which: Set, cls: Value) -> PyResult<()> {
        let w = weakref::new_ref(vm, cls)?;
        self.with(which, |s| s.add(cls, w));
        Ok(())
    }
}

/// The `_abc_data` of class `cls` (its `_abc_impl` attribute).
fn impl_of(vm: &mut Vm, cls: Value) -> PyResult<&'static AbcData> {
    let n = vm.intern("_abc_impl");
    let d = vm.getattr(cls, n)?;
    match Obj::from_value(d)
        .filter(|o| Some(&o.class()) == DATA_TYPE.get())
        .and_then(native_ref::<AbcData>)
    {
        Some(d) => Ok(d),
        None => Err(vm.type_error("_abc_impl is set to a wrong type")),
    }
}

fn is_type(v: Value) -> bool {
    Obj::from_value(v).is_some_and(|o| o.kind() == K_TYPE)
}

/// `_PyObject_IsAbstract`: a true `__isabstractmethod__`.
fn is_abstract(vm: &mut Vm, v: Value) -> PyResult<bool> {
    let n = vm.intern("__isabstractmethod__");
    match vm.getattr_opt(v, n)? {
        Some(x) => vm.truthy(x),
        None => Ok(false),
    }
}

/// Sets `cls.__abstractmethods__`: the names bound to abstract methods in
/// the class's own namespace, and the abstract names of its bases that the
/// class still resolves to an abstract method.
fn compute_abstract_methods(vm: &mut Vm, cls: Value) -> PyResult<()> {
    let abstracts = vm.new_set(true);
    let mark = vm.push_root(abstracts);
    let r = (|| {
        let dn = vm.intern("__dict__");
        let ns = vm.getattr(cls, dn)?;
        vm.push_root(ns);
        let keys = vm.call_method(ns, "keys", &[])?;
        let (keys, _) = vm.collect_rooted(keys)?;
        for key in keys {
            let value = vm.getitem(ns, key)?;
            if is_abstract(vm, value)? {
                vm.set_add(abstracts, key)?;
            }
        }
        let bn = vm.intern("__bases__");
        let bases = vm.getattr(cls, bn)?;
        if !Obj::from_value(bases).is_some_and(|o| o.kind() == Kind::TUPLE) {
            return Err(vm.type_error("__bases__ is not tuple"));
        }
        vm.push_root(bases);
        let an = vm.intern("__abstractmethods__");
        for base in vm.seq_items(bases) {
            let Some(base_abstracts) = vm.getattr_opt(base, an)? else {
                continue;
            };
            let (names, _) = vm.collect_rooted(base_abstracts)?;
            for key in names {
                if !is_str(key) {
                    let tn = vm.type_name_of(key);
                    return Err(
                        vm.type_error(&format!("attribute name must be string, not '{tn}'"))
                    );
                }
                let key = vm.intern_value(key);
                let Some(value) = vm.getattr_opt(cls, key)? else {
                    continue;
                };
                if is_abstract(vm, value)? {
                    vm.set_add(abstracts, key)?;
                }
            }
        }
        vm.setattr(cls, an, abstracts)
    })();
    vm.pop_roots(mark);
    r
}

/// Gives `cls` and its subclasses, recursively, the collection flag
/// `flag` in place of the other one. Builtin types (immutable) and classes
/// that already have `flag` are skipped, with their subclasses.
fn set_collection_flag_recursive(vm: &mut Vm, cls: Value, flag: u64) {
    let mut todo = vec![cls];
    while let Some(c) = todo.pop() {
        let Some(o) = Obj::from_value(c).filter(|o| o.kind() == K_TYPE) else {
            continue;
        };
        let f = type_flags(o);
        if f & TF_HEAP == 0 || f & (TF_SEQUENCE | TF_MAPPING) == flag {
            continue;
        }
        set_type_flags(o, (f & !(TF_SEQUENCE | TF_MAPPING)) | flag);
        todo.extend(vm.subclasses(o));
    }
}

/// `get_cache_token()`.
fn get_cache_token(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "get_cache_token", a, k, 0, 0)?;
    let n = INVALIDATION_COUNTER.load(Ordering::Acquire);
    Ok(vm.new_int(n as i64))
}

/// `_abc_init(cls)`: computes the abstract methods, attaches a fresh
/// `_abc_data`, and takes the collection flags from `__abc_tpflags__`.
fn abc_init(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_abc_init", a, k, 1, 1)?;
    let cls = a[0];
    compute_abstract_methods(vm, cls)?;
    let t = *DATA_TYPE.get().expect("_abc is initialised");
    let data = vm.ctx.alloc_native(
        K_MISC,
        t,
        AbcData {
            inner: Mutex::new(Inner {
                registry: WeakSet::default(),
                cache: WeakSet::default(),
                negative: WeakSet::default(),
                negative_version: INVALIDATION_COUNTER.load(Ordering::Acquire),
            }),
        },
    );
    let n = vm.intern("_abc_impl");
    vm.setattr(cls, n, data)?;
    if let Some(o) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) {
        let n = vm.intern("__abc_tpflags__");
        if let Some(flags) = vm.dict_get_str(o.get(T_DICT), n) {
            if flags.is_int() || Obj::from_value(flags).is_some_and(|f| f.class() == vm.g.types.int)
            {
                let val = match vm.as_i64(flags) {
                    Some(v) => v,
                    None => {
                        return Err(vm.new_exc(
                            vm.g.e.OverflowError,
                            "Python int too large to convert to C long",
                        ))
                    }
                };
                if val & (PY_SEQUENCE | PY_MAPPING) == PY_SEQUENCE | PY_MAPPING {
                    return Err(vm.type_error(
                        "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING",
                    ));
                }
                let mut f = type_flags(o);
                if val & PY_SEQUENCE != 0 {
                    f |= TF_SEQUENCE;
                }
                if val & PY_MAPPING != 0 {
                    f |= TF_MAPPING;
                }
                set_type_flags(o, f);
            }
            vm.delattr(cls, n)?;
        }
    }
    Ok(Value::NONE)
}

/// `_abc_register(cls, subclass)`.
fn abc_register(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_abc_register", a, k, 2, 2)?;
    let (cls, subclass) = (a[0], a[1]);
    if !is_type(subclass) {
        return Err(vm.type_error("Can only register classes"));
    }
    if crate::builtins::issubclass_impl(vm, subclass, cls)? {
        return Ok(subclass);
    }
    if crate::builtins::issubclass_impl(vm, cls, subclass)? {
        return Err(vm.new_exc(
            vm.g.e.RuntimeError,
            "Refusing to create an inheritance cycle",
        ));
    }
    let data = impl_of(vm, cls)?;
    data.add(vm, Set::Registry, subclass)?;
    INVALIDATION_COUNTER.fetch_add(1, Ordering::AcqRel);
    if let Some(o) = Obj::from_value(cls).filter(|o| o.kind() == K_TYPE) {
        let flag = type_flags(o) & (TF_SEQUENCE | TF_MAPPING);
        if flag != 0 {
            set_collection_flag_recursive(vm, subclass, flag);
        }
    }
    Ok(subclass)
}

/// `cls.__subclasscheck__(c)` called as a method.
fn call_subclasscheck(vm: &mut Vm, cls: Value, c: Value) -> PyResult<Value> {
    vm.call_method(cls, "__subclasscheck__", &[c])
}

/// `_abc_instancecheck(cls, instance)`.
fn abc_instancecheck(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_abc_instancecheck", a, k, 2, 2)?;
    let (cls, instance) = (a[0], a[1]);
    let data = impl_of(vm, cls)?;
    let subclass = vm.getattr(instance, vm.g.names.__class__)?;
    if data.contains(Set::Cache, subclass) {
        return Ok(Value::TRUE);
    }
    let subtype = vm.type_of(instance);
    if subtype == subclass {
        let fresh = sync::lock(&data.inner).negative_version
            == INVALIDATION_COUNTER.load(Ordering::Acquire);
        if fresh && data.contains(Set::Negative, subclass) {
            return Ok(Value::FALSE);
        }
        return call_subclasscheck(vm, cls, subclass);
    }
    let mark = vm.push_root(subclass);
    let r = (|| {
        let r = call_subclasscheck(vm, cls, subclass)?;
        if vm.truthy(r)? {
            return Ok(r);
        }
        call_subclasscheck(vm, cls, subtype)
    })();
    vm.pop_roots(mark);
    r
}

/// `_abc_subclasscheck(cls, subclass)`.
fn abc_subclasscheck(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_abc_subclasscheck", a, k, 2, 2)?;
    let (cls, subclass) = (a[0], a[1]);
    if !is_type(subclass) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let data = impl_of(vm, cls)?;
    // 1. The positive cache.
    if data.contains(Set::Cache, subclass) {
        return Ok(Value::TRUE);
    }
    // 2. The negative cache, cleared when a registration made it stale.
    {
        let now = INVALIDATION_COUNTER.load(Ordering::Acquire);
        let mut g = sync::lock(&data.inner);
        if g.negative_version < now {
            g.negative.clear();
            g.negative_version = now;
        } else if g.negative.contains(subclass) {
            return Ok(Value::FALSE);
        }
    }
    // 3. The subclass hook.
    let ok = vm.call_method(cls, "__subclasshook__", &[subclass])?;
    if ok == Value::TRUE {
        data.add(vm, Set::Cache, subclass)?;
        return Ok(Value::TRUE);
    }
    if ok == Value::FALSE {
        data.add(vm, Set::Negative, subclass)?;
        return Ok(Value::FALSE);
    }
    if ok != Value::NOT_IMPLEMENTED {
        return Err(vm.new_exc(
            vm.g.e.AssertionError,
            "__subclasshook__ must return either False, True, or NotImplemented",
        ));
    }
    // 4. A direct subclass.
    let mro = type_mro(Obj::from_value(subclass).expect("a class"));
    if (0..mro.n_values()).any(|i| mro.get(i) == cls) {
        data.add(vm, Set::Cache, subclass)?;
        return Ok(Value::TRUE);
    }
    // 5. A subclass of a registered class (recursively).
    if data.contains(Set::Registry, subclass) {
        return Ok(Value::TRUE);
    }
    let registered = data.with(Set::Registry, |s| s.live());
    let mark = vm.root_values(&registered);
    let r = (|| {
        for rcls in registered {
            if crate::builtins::issubclass_impl(vm, subclass, rcls)? {
                data.add(vm, Set::Cache, subclass)?;
                return Ok(Some(true));
            }
        }
        // 6. A subclass of a subclass (recursively).
        let subclasses = vm.call_method(cls, "__subclasses__", &[])?;
        if !Obj::from_value(subclasses).is_some_and(|o| o.kind() == Kind::LIST) {
            return Err(vm.type_error("__subclasses__() must return a list"));
        }
        vm.push_root(subclasses);
        for scls in vm.seq_items(subclasses) {
            if crate::builtins::issubclass_impl(vm, subclass, scls)? {
                data.add(vm, Set::Cache, subclass)?;
                return Ok(Some(true));
            }
        }
        Ok(None)
    })();
    vm.pop_roots(mark);
    if r?.is_some() {
        return Ok(Value::TRUE);
    }
    data.add(vm, Set::Negative, subclass)?;
    Ok(Value::FALSE)
}

/// A set of plain weak references to the live members of one of `data`'s sets.
fn dump_set(vm: &mut Vm, data: &AbcData, which: Set) -> PyResult<Value> {
    let members = data.with(which, |s| s.live());
    let mark = vm.root_values(&members);
    let s = vm.new_set(false);
    vm.push_root(s);
    let r = (|| {
        for c in members {
            let w = weakref::new_ref(vm, c)?;
            vm.set_add(s, w)?;
        }
        Ok(s)
    })();
    vm.pop_roots(mark);
    r
}

/// `_get_dump(cls)`: (registry, cache, negative cache, negative cache
/// version), the sets holding weak references, for `_dump_registry`.
fn get_dump(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_get_dump", a, k, 1, 1)?;
    let data = impl_of(vm, a[0])?;
    let mark = vm.push_root(Value::NONE);
    let r = (|| {
        let reg = dump_set(vm, data, Set::Registry)?;
        vm.push_root(reg);
        let cache = dump_set(vm, data, Set::Cache)?;
        vm.push_root(cache);
        let neg = dump_set(vm, data, Set::Negative)?;
        vm.push_root(neg);
        let version = sync::lock(&data.inner).negative_version;
        let version = vm.new_int(version as i64);
        Ok(vm.new_tuple(&[reg, cache, neg, version]))
    })();
    vm.pop_roots(mark);
    r
}

/// `_reset_registry(cls)`.
fn reset_registry(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_reset_registry", a, k, 1, 1)?;
    impl_of(vm, a[0])?.with(Set::Registry, WeakSet::clear);
    Ok(Value::NONE)
}

/// `_reset_caches(cls)`.
fn reset_caches(vm: &mut Vm, a: &[Value], k: Value) -> PyResult<Value> {
    check(vm, "_reset_caches", a, k, 1, 1)?;
    let data = impl_of(vm, a[0])?;
    let mut g = sync::lock(&data.inner);
    g.cache.clear();
    g.negative.clear();
    Ok(Value::NONE)
}

/// Creates the `_abc` module.
pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_abc");
    let mark = vm.push_root(m);
    let doc = vm.new_str(MODULE_DOC);
    vm.set_module_attr(m, "__doc__", doc);
    let t = *DATA_TYPE.get_or_init(|| {
        let t = vm.new_static_type("_abc_data", vm.g.types.object, K_MISC, false);
        let modname = vm.new_str("_abc");
        vm.ctx.promote(modname);
        vm.add_attr(t, "__module__", modname);
        let doc = vm.new_str(DATA_DOC);
        vm.ctx.promote(doc);
        vm.add_attr(t, "__doc__", doc);
        t
    });
    vm.set_module_attr(m, "_abc_data", t);
    let fns: &[(&'static str, NativeFn)] = &[
        ("get_cache_token", get_cache_token),
        ("_abc_init", abc_init),
        ("_abc_register", abc_register),
        ("_abc_instancecheck", abc_instancecheck),
        ("_abc_subclasscheck", abc_subclasscheck),
        ("_get_dump", get_dump),
        ("_reset_registry", reset_registry),
        ("_reset_caches", reset_caches),
    ];
    vm.add_module_functions(m, fns);
    vm.pop_roots(mark);
    Ok(m)
}
