//! Thread-local objects (`_thread._local`, `threading.local`): one attribute
//! dict per thread.
//!
//! Concurrency contract: a local object is shared like any other object,
//! but its payload ([`LocalState`]) is immutable after construction, and its
//! attributes live in per-thread dicts.
//! - The creating thread's dict is the object's last value slot: it lives
//!   and dies with the object (a local made, used and dropped by one thread
//!   costs no bookkeeping). If the object is shared, that dict is promoted
//!   with it, and other threads never read it.
//! - Every other thread maps the object's id to its own dict through a dict
//!   in one of its context's root slots, so those dicts (and what they hold)
//!   stay in that thread's context: nothing shared points to them, they are
//!   never promoted, and reads and writes take no lock. A thread that ends
//!   drops its map with its context. When a local object dies, its
//!   payload's `Drop` marks it dead; each thread forgets its dicts of dead
//!   locals the next time it adds a dict for another local.

use super::*;
use proto_core::native::{native_ref, Trace};
use proto_core::sync::AtomicBool;

/// Root slot of a thread's context holding its map: local id -> dict.
const ROOT_LOCALS: usize = 3;

/// Source of local object ids and of thread (VM) ids (never reused).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);
/// Number of local objects that have died (bumped by [`LocalState`]'s drop).
static DEAD: AtomicU64 = AtomicU64::new(0);

/// The payload of a local object.
pub struct LocalState {
    id: u64,
    /// The creating thread's [`ThreadLocals::vm_id`].
    owner: u64,
    /// The constructor's arguments (positional then keyword values), passed
    /// again to `__init__` when another thread first touches the object.
    args: Value,
    /// Keyword names for the tail of `args` (a tuple), or EMPTY.
    kwnames: Value,
    alive: Arc<AtomicBool>,
}

impl Trace for LocalState {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for v in [self.args, self.kwnames] {
            if v.is_heap() {
                f(v);
            }
        }
    }
}

impl Drop for LocalState {
    fn drop(&mut self) {
        self.alive.store(false, Ordering::Release);
        DEAD.fetch_add(1, Ordering::AcqRel);
    }
}

/// A thread's bookkeeping of the local objects it holds dicts for.
pub(crate) struct ThreadLocals {
    /// This thread's id, from [`NEXT_ID`].
    vm_id: u64,
    /// The map dict (also in root slot [`ROOT_LOCALS`], which keeps it
    /// alive), or EMPTY before the thread's first local.
    map: Value,
    /// Ids with an entry in `map`, and whether each object is alive.
    held: Vec<(u64, Arc<AtomicBool>)>,
    /// [`DEAD`] when `held` was last swept.
    seen_dead: u64,
}

impl Default for ThreadLocals {
    fn default() -> Self {
        ThreadLocals {
            vm_id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            map: Value::EMPTY,
            held: Vec::new(),
            seen_dead: 0,
        }
    }
}

impl Vm {
    /// A new local object of class `cls` (`_thread._local` or a subclass)
    /// remembering the constructor arguments `args` (keyword values last,
    /// named by `kwnames`). Values: the instance-dict slot (unused), the
    /// `__slots__` members, then this thread's dict; the type call runs
    /// `__init__`.
    pub fn new_local(&mut self, cls: Value, args: &[Value], kwnames: Value) -> Value {
        let co = Obj::from_value(cls).expect("a class");
        let args = self.new_tuple(args);
        let mark = self.push_root(args);
        let st = LocalState {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            owner: self.locals.vm_id,
            args,
            kwnames,
            alive: Arc::new(AtomicBool::new(true)),
        };
        let n = 2 + type_nslots(co);
        let v = self.ctx.alloc_native_with_values(K_INSTANCE, cls, n, st);
        self.push_root(v);
        let d = self.new_dict();
        Obj::from_value(v).expect("heap").init(n - 1, d);
        self.pop_roots(mark);
        v
    }

    /// Is `o` a local object (its class has `TF_LOCAL`)?
    #[inline]
    pub fn is_local(o: Obj) -> bool {
        o.kind() == K_INSTANCE
            && Obj::from_value(o.class()).is_some_and(|t| type_flags(t) & TF_LOCAL != 0)
    }

    /// This thread's dict of the local object `obj`, made (and the class's
    /// `__init__` run with the constructor's arguments) on the thread's
    /// first use, as CPython does. TypeError if `obj` is not a local object.
    pub fn local_dict(&mut self, obj: Value) -> PyResult<Value> {
        let Some(st) = Obj::from_value(obj).and_then(native_ref::<LocalState>) else {
            let tn = self.type_name_of(obj);
            return Err(self.type_error(&format!(
                "descriptor requires a '_thread._local' object but received a '{tn}'"
            )));
        };
        if st.owner == self.locals.vm_id {
            let o = Obj::from_value(obj).expect("heap");
            return Ok(o.get(o.n_values() - 1));
        }
        let key = Value::int(st.id as i64);
        let map = self.locals.map;
        if !map.is_empty() {
            if let Some(d) = self.dict_get(map, key)? {
                return Ok(d);
            }
        }
        let d = self.new_dict();
        self.local_map_insert(st, d);
        let tp = self.type_of(obj);
        let init = self.lookup_type(tp, self.g.names.__init__);
        let base_init = self.lookup_type(self.g.types.object, self.g.names.__init__);
        if let Some(init) = init.filter(|&f| Some(f) != base_init) {
            let mut call_args = vec![obj];
            call_args.extend(self.seq_items(st.args));
            if let Err(e) = self.call(init, &call_args, st.kwnames) {
                // The next access tries again with a fresh dict.
                let map = self.locals.map;
                self.dict_del(map, key)?;
                return Err(e);
            }
        }
        Ok(d)
    }

    /// Records `d` as this thread's dict of the local with payload `st`,
    /// first forgetting the dicts of locals that died since the last sweep.
    fn local_map_insert(&mut self, st: &LocalState, d: Value) {
        if self.locals.map.is_empty() {
            let m = self.new_dict();
            let slots = self.ctx.root_slots();
            while slots.len() <= ROOT_LOCALS {
                slots.push(Value::EMPTY);
            }
            slots[ROOT_LOCALS] = m;
            self.locals.map = m;
        }
        let map = self.locals.map;
        let dead = DEAD.load(Ordering::Acquire);
        if dead != self.locals.seen_dead {
            self.locals.seen_dead = dead;
            let mut gone = Vec::new();
            self.locals.held.retain(|(id, alive)| {
                let keep = alive.load(Ordering::Acquire);
                if !keep {
                    gone.push(*id);
                }
                keep
            });
            for id in gone {
                // Int keys: hashing and comparing cannot fail.
                let _ = self.dict_del(map, Value::int(id as i64));
            }
        }
        self.locals.held.push((st.id, st.alive.clone()));
        let _ = self.dict_set(map, Value::int(st.id as i64), d);
    }

    /// `getattr` on a local object: the attribute lookup of `object` with
    /// this thread's dict as the instance dict; `__dict__` is that dict.
    pub fn local_getattr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        let d = self.local_dict(obj)?;
        if name == self.g.names.__dict__ {
            return Ok(Some(d));
        }
        self.generic_getattr_in(obj, name, Some(d))
    }

    /// `setattr` (`v` Some) or `delattr` (None) on a local object, with this
    /// thread's dict as the instance dict; `__dict__` is read-only.
    pub fn local_setattr(&mut self, obj: Value, name: Value, v: Option<Value>) -> PyResult<()> {
        let d = self.local_dict(obj)?;
        if name == self.g.names.__dict__ {
            let tn = self.type_name_of(obj);
            return Err(self.new_exc(
                self.g.e.AttributeError,
                &format!("'{tn}' object attribute '__dict__' is read-only"),
            ));
        }
        match v {
            Some(v) => self.generic_setattr_in(obj, name, v, Some(d)),
            None => self.generic_delattr_in(obj, name, Some(d)),
        }
    }
}
