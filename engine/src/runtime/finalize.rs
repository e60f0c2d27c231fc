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
    let mut w = Walk {
        nodes: Vec::with_capacity(found.len() * 4),
        ids: HashMap::with_capacity_and_hasher(found.len() * 4, Default::default()),
        entered: 0,
        comp_stack: Vec::new(),
        kids: Vec::new(),
    };
    for (i, &v) in found.iter().enumerate() {
        w.ids.insert(v.bits(), i as u32);
        w.nodes.push(Node::new(v, i as u32));
    }
    struct Component {
        /// Its instances, as indices in `found`.
        members: Vec<u32>,
        /// Whether another component has an edge into it.
        reached: bool,
    }
    let mut components: Vec<Component> = Vec::new();
    // Walk frames: a node, where its referents start in `w.kids` (they end
    // where the next frame's start, or at the end for the top frame), and
    // the next of them to try.
    let mut walk: Vec<(u32, usize, usize)> = Vec::new();
    for start in (0..found.len() as u32).rev() {
        if w.nodes[start as usize].index != NEW {
            continue;
        }
        walk.push(w.enter(start, live));
        while let Some(top) = walk.last_mut() {
            let v = top.0 as usize;
            if let Some(&c) = w.kids.get(top.2) {
                top.2 += 1;
                let cn = &w.nodes[c as usize];
                if cn.index == NEW {
                    let f = w.enter(c, live);
                    walk.push(f);
                } else if cn.comp != NEW {
                    // A completed component: an edge into it from another.
                    components[cn.comp as usize].reached = true;
                } else {
                    // Still on the component stack: the same component.
                    let index = cn.index;
                    let n = &mut w.nodes[v];
                    n.low = n.low.min(index);
                }
                continue;
            }
            let (_, kids_start, _) = walk.pop().expect("frame");
            w.kids.truncate(kids_start);
            let (index, low) = (w.nodes[v].index, w.nodes[v].low);
            if let Some(&(parent, ..)) = walk.last() {
                let p = &mut w.nodes[parent as usize];
                p.low = p.low.min(low);
            }
            if low == index {
                let k = components.len() as u32;
                let mut members = Vec::new();
                loop {
                    let m = w.comp_stack.pop().expect("component") as usize;
                    w.nodes[m].comp = k;
                    if w.nodes[m].made != NEW {
                        members.push(w.nodes[m].made);
                    }
                    if m == v {
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
        .flat_map(|c| c.members.iter().map(|&i| found[i as usize]))
        .collect()
}

/// Not yet: a node not entered by the walk, not in `found`, in no
/// component.
const NEW: u32 = u32::MAX;

/// An unreachable object met by [`unreached_first`]'s walk.
struct Node {
    v: Value,
    /// Its index in `found`, or NEW.
    made: u32,
    /// Tarjan's numbers: the order it was entered in, and the lowest
    /// index on the component stack it reaches.
    index: u32,
    low: u32,
    /// Its component, once that is complete.
    comp: u32,
}

impl Node {
    fn new(v: Value, made: u32) -> Node {
        Node {
            v,
            made,
            index: NEW,
            low: NEW,
            comp: NEW,
        }
    }
}

/// The state of [`unreached_first`]'s walk: each unreachable object met
/// is numbered once (one hash probe per edge), and the referents of the
/// nodes being walked share one stack instead of a list each.
struct Walk {
    nodes: Vec<Node>,
    ids: HashMap<u64, u32>,
    entered: u32,
    comp_stack: Vec<u32>,
    kids: Vec<u32>,
}

impl Walk {
    /// Enters node `id`: numbered, on the component stack, its unreachable
    /// referents pushed. Returns its walk frame.
    fn enter(&mut self, id: u32, live: &dyn Fn(Value) -> bool) -> (u32, usize, usize) {
        let n = &mut self.nodes[id as usize];
        n.index = self.entered;
        n.low = self.entered;
        self.entered += 1;
        self.comp_stack.push(id);
        let start = self.kids.len();
        if let Some(o) = Obj::from_value(n.v) {
            let (nodes, ids, kids) = (&mut self.nodes, &mut self.ids, &mut self.kids);
            o.for_each_ref(|c| {
                if c.is_heap() && !live(c) {
                    let next = nodes.len() as u32;
                    let k = *ids.entry(c.bits()).or_insert(next);
                    if k == next {
                        nodes.push(Node::new(c, NEW));
                    }
                    kids.push(k);
                }
            });
        }
        (id, start, start)
    }
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
