//! `__del__` (PEP 442): an instance of a class that defines `__del__` is
//! finalized once, when a global collection first finds it unreachable.
//!
//! Such an instance is listed in [`TABLE`] when it is made and promoted, so
//! local collections never free it. Each global collection's finalize hook
//! (world stopped, after marking) resurrects the listed instances it found
//! unreachable (they and what they reach survive this collection), moves
//! them from the list to the pending queue, and asks for deferred work; a
//! root hook keeps the queue alive until the next thread at a safepoint
//! calls their `__del__` ([`take_pending`], run by python_env's deferred
//! runner). A finalized instance is not listed again, so `__del__` runs at
//! most once, and one it resurrected is freed by a later collection once it
//! is unreachable again. Without reference counting, `__del__` runs at the
//! next global collection rather than at the last `del`. Of those found
//! unreachable together, one that another reaches waits until that other
//! one is finalized and gone (reference counting's order: see
//! [`unreached_first`]); the others are finalized in the order they were
//! made (the order CPython's collector keeps its objects in).

use super::object::AddrMap as HashMap;
use super::{Obj, Value, Vm};
use proto_core::sync::{self, Mutex};
use proto_core::ProtoSpace;
use std::sync::{Arc, OnceLock};

#[derive(Default)]
struct Table {
    /// Instances whose `__del__` has not run, by address, with the order
    /// they were listed in.
    registered: HashMap<u64, u64>,
    /// The next listing's number.
    next: u64,
    /// Instances found unreachable whose `__del__` is still to run.
    pending: Vec<Value>,
    /// See [`held_back`].
    held_back: usize,
}

static TABLE: Mutex<Option<Table>> = Mutex::new(None);
static INSTALLED: OnceLock<()> = OnceLock::new();

/// Takes the table's lock for a fork if it is free at once.
pub(crate) fn try_lock_for_fork<'a>(g: &mut proto_core::fork::Guards<'a>) -> bool {
    g.try_take(&TABLE)
}

fn finalize_hook(live: &dyn Fn(Value) -> bool, sink: &mut dyn FnMut(Value)) {
    let mut g = sync::lock(&TABLE);
    let Some(tab) = g.as_mut() else {
        return;
    };
    let mut found: Vec<(u64, Value)> = tab
        .registered
        .iter()
        .map(|(&bits, &seq)| (seq, Value::from_bits(bits)))
        .filter(|&(_, v)| !live(v))
        .collect();
    if found.is_empty() {
        tab.held_back = 0;
        return;
    }
    found.sort_unstable_by_key(|&(seq, _)| seq);
    let made: Vec<Value> = found.into_iter().map(|(_, v)| v).collect();
    let tops = unreached_first(&made, live);
    tab.held_back = made.len() - tops.len();
    for &v in &tops {
        tab.registered.remove(&v.bits());
        // The held-back instances are reached from these, so they survive
        // too.
        sink(v);
    }
    tab.pending.extend(tops);
    super::signals::request_deferred();
}

/// Of `found` (unreachable instances, in the order they were made), those
/// no other instance of `found` reaches through unreachable objects, in
/// the order to finalize them. The others wait for a later collection: a
/// text wrapper is closed before the GzipFile it writes into, and that
/// before the file under it, which is the order reference counting gives
/// CPython (the wrapper's `close()` flushes through the whole chain; the
/// file closed first would make the wrapper's flush fail), and an instance
/// a `__del__` resurrects keeps what it holds unfinalized. The instances
/// of one cycle are finalized together, in the order they were made, as
/// CPython's collector does; unrelated ones keep that order too.
///
/// Tarjan's algorithm over the unreachable objects (live ones cannot lead
/// back to them) yields their strongly connected components, each after
/// every component it reaches; the walk starts from the last made, so
/// reversing that sequence puts unrelated components in the order they
/// were made. A component some other one has an edge into is reached from
/// an instance outside it (every object walked is reached from one). Each
/// unreachable object is visited once; the visited set is kept apart from
/// the mark bits, which other hooks still read.
fn unreached_first(found: &[Value], live: &dyn Fn(Value) -> bool) -> Vec<Value> {
    if found.len() < 2 {
        return found.to_vec();
    }
    let made: HashMap<u64, usize> = found
        .iter()
        .enumerate()
        .map(|(i, v)| (v.bits(), i))
        .collect();
    struct Seen {
        index: usize,
        low: usize,
        /// Its component, once that is complete.
        comp: Option<usize>,
    }
    struct Component {
        /// Its instances, as indices in `found`.
        members: Vec<usize>,
        /// Whether another component has an edge into it.
        reached: bool,
    }
    let mut seen: HashMap<u64, Seen> = HashMap::default();
    let mut comp_stack: Vec<Value> = Vec::new();
    // Walk frames: an object, its unreachable referents, the next to try.
    let mut walk: Vec<(Value, Vec<Value>, usize)> = Vec::new();
    let mut components: Vec<Component> = Vec::new();
    let enter = |v: Value, seen: &mut HashMap<u64, Seen>, comp_stack: &mut Vec<Value>| {
        let index = seen.len();
        seen.insert(
            v.bits(),
            Seen {
                index,
                low: index,
                comp: None,
            },
        );
        comp_stack.push(v);
        let mut kids = Vec::new();
        if let Some(o) = Obj::from_value(v) {
            o.for_each_ref(|c| {
                if c.is_heap() && !live(c) {
                    kids.push(c);
                }
            });
        }
        (v, kids, 0)
    };
    for &start in found.iter().rev() {
        if seen.contains_key(&start.bits()) {
            continue;
        }
        let f = enter(start, &mut seen, &mut comp_stack);
        walk.push(f);
        while let Some(top) = walk.last_mut() {
            let v = top.0;
            if let Some(&c) = top.1.get(top.2) {
                top.2 += 1;
                match seen.get(&c.bits()) {
                    None => {
                        let f = enter(c, &mut seen, &mut comp_stack);
                        walk.push(f);
                    }
                    // A completed component: an edge into it from another.
                    Some(Seen { comp: Some(k), .. }) => components[*k].reached = true,
                    // Still on the component stack: the same component.
                    Some(&Seen { index, .. }) => {
                        let e = seen.get_mut(&v.bits()).expect("walked");
                        e.low = e.low.min(index);
                    }
                }
                continue;
            }
            walk.pop();
            let (index, low) = {
                let e = &seen[&v.bits()];
                (e.index, e.low)
            };
            if let Some(parent) = walk.last() {
                let e = seen.get_mut(&parent.0.bits()).expect("walked");
                e.low = e.low.min(low);
            }
            if low == index {
                let k = components.len();
                let mut members = Vec::new();
                loop {
                    let w = comp_stack.pop().expect("component");
                    seen.get_mut(&w.bits()).expect("walked").comp = Some(k);
                    if let Some(&i) = made.get(&w.bits()) {
                        members.push(i);
                    }
                    if w == v {
                        break;
                    }
                }
                members.sort_unstable();
                // The tree edge from the parent crosses into it.
                let reached = !walk.is_empty();
                components.push(Component { members, reached });
            }
        }
    }
    components
        .iter()
        .rev()
        .filter(|c| !c.reached)
        .flat_map(|c| c.members.iter().map(|&i| found[i]))
        .collect()
}

/// How many unreachable instances the last global collection left for a
/// later one because another unreachable instance reaches them: a caller
/// that wants every finalizer run (`gc.collect()`, the exit) collects
/// again once the ones found have run.
pub fn held_back() -> usize {
    sync::lock(&TABLE).as_ref().map_or(0, |t| t.held_back)
}

fn root_hook(sink: &mut dyn FnMut(Value)) {
    if let Some(tab) = sync::lock(&TABLE).as_ref() {
        for &v in &tab.pending {
            sink(v);
        }
    }
}

fn install(space: &Arc<ProtoSpace>) {
    INSTALLED.get_or_init(|| {
        space.add_finalize_hook(Box::new(finalize_hook));
        space.add_root_hook(Box::new(root_hook));
    });
}

/// Lists the fresh instance `obj` (its class defines `__del__`).
pub fn register(vm: &mut Vm, obj: Value) {
    install(vm.ctx.space());
    if Obj::from_value(obj).is_none() {
        return;
    }
    vm.ctx.promote(obj);
    let mut g = sync::lock(&TABLE);
    let tab = g.get_or_insert_with(Table::default);
    tab.next += 1;
    let seq = tab.next;
    tab.registered.insert(obj.bits(), seq);
}

/// Takes `obj` off the list (its `__del__` will not run when it is found
/// unreachable): an io buffer whose text wrapper now closes it.
pub fn unregister(obj: Value) {
    if let Some(tab) = sync::lock(&TABLE).as_mut() {
        tab.registered.remove(&obj.bits());
    }
}

/// The instances whose `__del__` is due (the caller roots and calls them).
pub fn take_pending() -> Vec<Value> {
    sync::lock(&TABLE)
        .as_mut()
        .map(|t| std::mem::take(&mut t.pending))
        .unwrap_or_default()
}

/// Instances still waiting for their `__del__` (listed or pending).
pub fn waiting() -> usize {
    sync::lock(&TABLE)
        .as_ref()
        .map_or(0, |t| t.registered.len() + t.pending.len())
}
