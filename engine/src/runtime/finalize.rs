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
//! next global collection rather than at the last `del`. Those found
//! unreachable together are finalized in the order they were made (the
//! order CPython's collector keeps its objects in).

use super::{Obj, Value, Vm};
use proto_core::sync::{self, Mutex};
use proto_core::ProtoSpace;
use std::collections::HashMap;
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
    let Table {
        registered,
        pending,
        ..
    } = tab;
    let mut found = Vec::new();
    registered.retain(|&bits, &mut seq| {
        let v = Value::from_bits(bits);
        if live(v) {
            return true;
        }
        sink(v);
        found.push((seq, v));
        false
    });
    if !found.is_empty() {
        found.sort_unstable_by_key(|&(seq, _)| seq);
        pending.extend(found.into_iter().map(|(_, v)| v));
        super::signals::request_deferred();
    }
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
