//! Unit tests of allocation, promotion and collection across the modules.

use crate::object::Kind;
use crate::sync::{thread, Arc, AtomicUsize, Ordering};
use crate::{native::Trace, Obj, ProtoContext, ProtoSpace, SpaceConfig, Value, CELL};

fn space() -> Arc<ProtoSpace> {
    ProtoSpace::with_config(SpaceConfig {
        gc_threads: 2,
        ..SpaceConfig::default()
    })
}

/// A cons cell (car, cdr) with an int tag in raw bytes.
fn cons(ctx: &mut ProtoContext, car: Value, cdr: Value) -> Value {
    let v = ctx.alloc(Kind::GENERIC, Value::NONE, 2, 8);
    let o = Obj::from_value(v).unwrap();
    o.init(0, car);
    o.init(1, cdr);
    v
}

fn list_sum(mut v: Value) -> i64 {
    let mut s = 0;
    while let Some(o) = Obj::from_value(v) {
        s += o.get(0).as_int().unwrap();
        v = o.get(1);
    }
    s
}

#[test]
fn every_object_is_cell_aligned() {
    let sp = space();
    let mut ctx = sp.new_context();
    for n in 0..200usize {
        for raw in [0usize, 1, 7, 64, 100, 5000] {
            let v = ctx.alloc(Kind::GENERIC, Value::NONE, n, raw);
            assert!(v.is_heap());
            assert_eq!(v.addr() % CELL, 0);
            let o = Obj::from_value(v).unwrap();
            assert_eq!(o.n_values(), n);
            assert!(o.raw_len() >= raw);
            assert!(o.raw_bytes().iter().all(|&b| b == 0));
            for i in 0..n {
                assert_eq!(o.get(i), Value::EMPTY);
            }
        }
    }
    let big = ctx.alloc(Kind::GENERIC, Value::NONE, 100_000, 0);
    assert_eq!(big.addr() % CELL, 0);
    let imm = ctx.alloc_immortal(Kind::STR, Value::NONE, 0, 40);
    assert_eq!(imm.addr() % CELL, 0);
    assert!(ProtoSpace::is_immortal(imm));
}

#[test]
fn local_collection_keeps_rooted_and_frees_garbage() {
    let sp = space();
    let mut ctx = sp.new_context();
    let mut keep = Value::NONE;
    for i in 0..1000 {
        keep = cons(&mut ctx, Value::int(i), keep);
        ctx.stack().set_top(0);
        ctx.stack().push(keep);
        for j in 0..50 {
            cons(&mut ctx, Value::int(j), Value::NONE); // garbage
        }
    }
    let s1 = ctx.collect_local();
    assert_eq!(s1.marked, 1000);
    assert_eq!(list_sum(keep), (0..1000).sum::<i64>());
    // Everything unreachable once the root goes.
    ctx.stack().set_top(0);
    let s2 = ctx.collect_local();
    assert_eq!(s2.marked, 0);
    assert_eq!(s2.live_objects, 0);
    assert!(sp.stats().local_collections >= 2);
}

#[test]
fn sweeps_count_the_objects_they_free() {
    let sp = space();
    let mut ctx = sp.new_context();
    // Deferred: no collection runs before the explicit ones (also under
    // gc-stress, which only marks collections pending in this mode).
    ctx.set_deferred_collection(true);
    for j in 0..500 {
        cons(&mut ctx, Value::int(j), Value::NONE); // garbage
    }
    ctx.alloc(Kind::GENERIC, Value::NONE, 0, 10_000); // large garbage
    let keep = cons(&mut ctx, Value::int(1), Value::NONE);
    ctx.stack().push(keep);
    let before = sp.stats();
    let s = ctx.collect_local();
    assert_eq!(s.freed_objects, 501);
    assert_eq!(s.live_objects, 1);
    assert_eq!(sp.stats().local_freed - before.local_freed, 501);
    // Shared garbage is freed only by a global collection.
    let root = ctx.add_global_root(keep);
    ctx.stack().set_top(0);
    assert_eq!(ctx.collect_local().freed_objects, 0);
    ctx.set_global_root(root, Value::NONE);
    let g = ctx.collect_global();
    assert_eq!(g.freed_objects, 1);
    let after = sp.stats();
    assert_eq!(after.global_freed - before.global_freed, 1);
    assert_eq!(
        after.local_collections_at_last_global,
        after.local_collections
    );
    assert_eq!(ctx.allocated_since_collection(), 0);
}

#[test]
fn local_sweeps_between_shared_objects() {
    // Blocks whose slots alternate between shared objects and local ones:
    // a local sweep visits the free slots and the local objects only (the
    // block's visit map), and frees exactly the unreachable local ones,
    // through later rounds of allocation into the freed slots and after a
    // global collection frees the shared ones.
    let sp = space();
    let mut ctx = sp.new_context();
    ctx.set_deferred_collection(true);
    let mut shared = Value::NONE;
    let mut local = Value::NONE;
    for i in 0..3000 {
        let c = cons(&mut ctx, Value::int(i), Value::NONE);
        if i % 2 == 0 {
            let o = Obj::from_value(c).unwrap();
            o.init(1, shared);
            ctx.promote(c);
            shared = c;
        } else if i % 3 == 0 {
            let o = Obj::from_value(c).unwrap();
            o.init(1, local);
            local = c;
        }
    }
    let root = ctx.add_global_root(shared);
    ctx.stack().set_top(0);
    ctx.stack().push(local);
    let s = ctx.collect_local();
    // 1500 odd cells, 500 of them (odd multiples of 3) kept.
    assert_eq!(s.live_objects, 500);
    assert_eq!(s.freed_objects, 1000);
    // The freed slots, between shared cells, are allocated again.
    for round in 0..3 {
        for j in 0..1000 {
            let c = cons(&mut ctx, Value::int(j), Value::NONE);
            if j % 10 == 0 {
                let o = Obj::from_value(c).unwrap();
                o.init(1, local);
                local = c;
            }
        }
        ctx.stack().set_top(0);
        ctx.stack().push(local);
        let s = ctx.collect_local();
        assert_eq!(s.live_objects, 500 + 100 * (round + 1));
        assert_eq!(s.freed_objects, 900);
    }
    let odd3: i64 = (0..3000).filter(|i| i % 2 == 1 && i % 3 == 0).sum();
    let tens: i64 = (0..1000).filter(|j| j % 10 == 0).sum();
    assert_eq!(list_sum(local), odd3 + 3 * tens);
    assert_eq!(
        list_sum(shared),
        (0..3000).filter(|i| i % 2 == 0).sum::<i64>()
    );
    // A promoted local object leaves the local sweeps' count; the shared
    // garbage a global collection frees is allocated and swept locally.
    ctx.promote(local);
    ctx.stack().set_top(0);
    assert_eq!(ctx.collect_local().live_objects, 0);
    ctx.set_global_root(root, Value::NONE);
    let g = ctx.collect_global();
    assert_eq!(g.freed_objects, 1500 + 800);
    let mut keep = Value::NONE;
    for j in 0..4000 {
        keep = cons(&mut ctx, Value::int(j), keep);
    }
    ctx.stack().push(keep);
    for j in 0..2000 {
        cons(&mut ctx, Value::int(j), Value::NONE);
    }
    let s = ctx.collect_local();
    assert_eq!((s.live_objects, s.freed_objects), (4000, 2000));
    assert_eq!(list_sum(keep), (0..4000).sum::<i64>());
}

#[test]
fn handles_root_values_across_collections() {
    let sp = space();
    let mut ctx = sp.new_context();
    let total = ctx.scope(|s| {
        let a = s.alloc(Kind::GENERIC, Value::NONE, 1, 0);
        s.store(a, 0, Value::int(41));
        s.ctx().collect_local();
        s.ctx().collect_global();
        Obj::from_value(a.get()).unwrap().get(0).as_int().unwrap() + 1
    });
    assert_eq!(total, 42);
    assert_eq!(
        ctx.collect_local().marked,
        0,
        "scope end unroots its handles"
    );
}

#[test]
fn store_into_shared_promotes_transitively() {
    let sp = space();
    let mut ctx = sp.new_context();
    let holder = ctx.alloc_immortal(Kind::GENERIC, Value::NONE, 1, 0);
    let mut l = Value::NONE;
    for i in 0..100 {
        l = cons(&mut ctx, Value::int(i), l);
        ctx.stack().set_top(0);
        ctx.stack().push(l);
    }
    let first = Obj::from_value(l).unwrap();
    assert!(!first.is_shared());
    ctx.store(Obj::from_value(holder).unwrap(), 0, l);
    ctx.stack().set_top(0);
    let mut v = l;
    while let Some(o) = Obj::from_value(v) {
        assert!(o.is_shared(), "every reachable object is shared");
        v = o.get(1);
    }
    assert_eq!(sp.stats().promoted, 0, "counters flush lazily");
    // A local collection never frees shared objects even if unrooted locally.
    ctx.collect_local();
    assert_eq!(list_sum(l), (0..100).sum::<i64>());
    // Reachable from an immortal object: survives global collections too.
    ctx.collect_global();
    ctx.collect_global_sequential();
    assert_eq!(
        list_sum(Obj::from_value(holder).unwrap().get(0)),
        (0..100).sum::<i64>()
    );
    assert!(sp.stats().promoted >= 100);
}

#[test]
fn global_collection_frees_unreachable_shared_objects() {
    let sp = space();
    let mut ctx = sp.new_context();
    let root = ctx.add_global_root(Value::NONE);
    let mut l = Value::NONE;
    for i in 0..20_000 {
        l = cons(&mut ctx, Value::int(i), l);
        ctx.stack().set_top(0);
        ctx.stack().push(l);
    }
    ctx.stack().set_top(0);
    ctx.set_global_root(root, l);
    ctx.collect_global();
    let blocks_live = sp.stats().blocks_in_use;
    assert_eq!(list_sum(sp.global_root(root)), (0..20_000).sum::<i64>());
    ctx.set_global_root(root, Value::NONE);
    let st = ctx.collect_global();
    assert_eq!(st.live_objects, 0);
    assert!(sp.stats().blocks_in_use < blocks_live);
}

struct DropCounter(Arc<AtomicUsize>);
impl Trace for DropCounter {}
impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn native_objects_are_finalized_once() {
    let sp = space();
    let drops = Arc::new(AtomicUsize::new(0));
    let mut ctx = sp.new_context();
    let keep = ctx.alloc_native(Kind::NATIVE, Value::NONE, DropCounter(drops.clone()));
    ctx.stack().push(keep);
    for _ in 0..10 {
        ctx.alloc_native(Kind::NATIVE, Value::NONE, DropCounter(drops.clone()));
    }
    ctx.collect_local();
    assert_eq!(drops.load(Ordering::SeqCst), 10);
    assert!(crate::native::native_ref::<DropCounter>(Obj::from_value(keep).unwrap()).is_some());
    assert!(crate::native::native_ref::<u64>(Obj::from_value(keep).unwrap()).is_none());
    ctx.stack().set_top(0);
    ctx.collect_global();
    assert_eq!(drops.load(Ordering::SeqCst), 11);
    ctx.collect_global();
    assert_eq!(drops.load(Ordering::SeqCst), 11);
}

/// A payload without a destructor: the sweeper frees its cells and runs
/// nothing (`NativeVTable::needs_drop`).
struct Plain(#[allow(dead_code)] u64);
impl Trace for Plain {}

/// 3,000 native objects, every hundredth with a destructor (counting into
/// `drops`), passed to `each` as they are made.
fn alloc_mixed_natives(
    ctx: &mut ProtoContext,
    drops: &Arc<AtomicUsize>,
    mut each: impl FnMut(&mut ProtoContext, u64, Value),
) {
    for i in 0..3000u64 {
        let v = if i % 100 == 0 {
            ctx.alloc_native(Kind::NATIVE, Value::NONE, DropCounter(drops.clone()))
        } else {
            ctx.alloc_native(Kind::NATIVE, Value::NONE, Plain(i))
        };
        each(ctx, i, v);
    }
}

#[test]
fn drop_free_payloads_are_freed_beside_ones_with_destructors() {
    assert!(!core::mem::needs_drop::<Plain>());
    let sp = space();
    let drops = Arc::new(AtomicUsize::new(0));
    let mut ctx = sp.new_context();
    // Shared objects are freed by the global sweep, which defers drops.
    alloc_mixed_natives(&mut ctx, &drops, |ctx, _, v| ctx.promote(v));
    let st = ctx.collect_global();
    assert_eq!(st.live_objects, 0);
    assert_eq!(drops.load(Ordering::SeqCst), 30);
    ctx.collect_global();
    assert_eq!(drops.load(Ordering::SeqCst), 30);
}

#[test]
fn local_sweeps_finalize_only_payloads_with_destructors() {
    use crate::object::{NATIVE, NATIVE_DROP};
    let sp = space();
    let drops = Arc::new(AtomicUsize::new(0));
    let mut ctx = sp.new_context();
    alloc_mixed_natives(&mut ctx, &drops, |_, i, v| {
        let meta = Obj::from_value(v)
            .unwrap()
            .header()
            .meta
            .load(Ordering::Relaxed);
        assert_ne!(meta & NATIVE, 0);
        assert_eq!(meta & NATIVE_DROP != 0, i % 100 == 0);
    });
    ctx.collect_local();
    assert_eq!(drops.load(Ordering::SeqCst), 30);
    ctx.collect_local();
    assert_eq!(drops.load(Ordering::SeqCst), 30);
}

#[test]
fn promoted_values_cross_threads_and_survive_global_gc() {
    let sp = space();
    let mut main = sp.new_context();
    let slot = main.alloc_immortal(Kind::GENERIC, Value::NONE, 4, 0);
    let slot_obj = Obj::from_value(slot).unwrap();
    let mut handles = vec![];
    for t in 0..4i64 {
        let sp = sp.clone();
        handles.push(thread::spawn(move || {
            let mut ctx = sp.new_context();
            let mut l = Value::NONE;
            for i in 0..5000 {
                l = cons(&mut ctx, Value::int(i * (t + 1)), l);
                ctx.stack().set_top(0);
                ctx.stack().push(l);
                if i % 1000 == 0 {
                    ctx.collect_global();
                }
            }
            ctx.store(slot_obj, t as usize, l);
        }));
    }
    // The main context is blocked while joining: collections proceed without it.
    main.blocking(|| {
        for h in handles {
            h.join().unwrap();
        }
    });
    main.collect_global();
    for t in 0..4i64 {
        assert_eq!(
            list_sum(slot_obj.get(t as usize)),
            (0..5000).map(|i| i * (t + 1)).sum::<i64>()
        );
    }
    assert_eq!(sp.context_count(), 1);
}

#[test]
#[cfg_attr(
    feature = "gc-stress",
    ignore = "2M allocations, each a full collection under gc-stress"
)]
fn memory_is_returned_after_garbage() {
    let sp = space();
    let mut ctx = sp.new_context();
    for _ in 0..2_000_000 {
        ctx.alloc(Kind::GENERIC, Value::NONE, 2, 0);
    }
    ctx.collect_local();
    let st = sp.stats();
    // At most one partly used block, plus the empty blocks a context keeps
    // for its next cycle (its local trigger's worth), whatever the garbage.
    let kept = crate::heap::MIN_LOCAL_TRIGGER / crate::heap::BLOCK_BYTES;
    assert!(
        st.blocks_in_use <= 2 + kept,
        "blocks in use after collecting garbage: {}",
        st.blocks_in_use
    );
    assert!(st.pooled_blocks <= SpaceConfig::default().pool_reserve_blocks);
}

#[test]
#[cfg_attr(
    feature = "gc-stress",
    ignore = "a million allocations, each a full collection under gc-stress"
)]
fn local_collections_reuse_their_empty_blocks() {
    let sp = space();
    let mut ctx = sp.new_context();
    let garbage = |ctx: &mut ProtoContext, n: usize| {
        for _ in 0..n {
            ctx.alloc(Kind::GENERIC, Value::NONE, 2, 0);
        }
    };
    // Warm up: the pool now holds what the first cycles returned.
    garbage(&mut ctx, 100_000);
    ctx.collect_local();
    let before = sp.stats();
    // Each further cycle allocates from the blocks the last collection
    // kept: no block comes from or goes back to the shared pool.
    garbage(&mut ctx, 1_000_000);
    let after = sp.stats();
    assert!(after.local_collections >= before.local_collections + 10);
    assert_eq!(after.pooled_blocks, before.pooled_blocks);
    assert_eq!(after.blocks_in_use, before.blocks_in_use);
}

#[test]
#[cfg_attr(
    feature = "gc-stress",
    ignore = "400k allocations, each a full collection under gc-stress"
)]
fn interleaved_global_and_local_collections() {
    let sp = space();
    let mut ctx = sp.new_context();
    let mut l = Value::NONE;
    for i in 0..200_000i64 {
        l = cons(&mut ctx, Value::int(i), l);
        ctx.stack().set_top(0);
        ctx.stack().push(l);
        cons(&mut ctx, Value::int(i), Value::NONE);
        if i % 10_000 == 0 {
            ctx.collect_global();
        }
    }
    assert_eq!(list_sum(l), (0..200_000).sum::<i64>());
}

#[test]
fn deferred_mode_collects_only_at_safepoints() {
    let sp = space();
    let mut ctx = sp.new_context();
    ctx.set_deferred_collection(true);
    // Unrooted values survive any amount of allocation until a safepoint.
    let mut l = Value::NONE;
    for i in 0..300_000 {
        l = cons(&mut ctx, Value::int(i), l);
    }
    assert_eq!(sp.stats().local_collections, 0);
    assert!(ctx.collection_pending());
    assert_eq!(list_sum(l), (0..300_000).sum::<i64>());
    ctx.stack().push(l);
    ctx.safepoint();
    assert!(!ctx.collection_pending());
    assert_eq!(sp.stats().local_collections, 1);
    assert_eq!(list_sum(l), (0..300_000).sum::<i64>());
}

/// Promoting and dropping objects starts global collections by promoted
/// bytes, long before the heap-size trigger: the heap stays near the
/// pressure trigger instead of growing to the 64 MiB minimum and beyond.
#[test]
fn promoted_garbage_starts_global_collections() {
    let sp = space();
    let mut ctx = sp.new_context();
    ctx.set_deferred_collection(true);
    let holder = ctx.alloc(Kind::GENERIC, Value::NONE, 1, 0);
    ctx.add_global_root(holder);
    let h = Obj::from_value(holder).unwrap();
    let mut peak = 0;
    for i in 0..400_000 {
        // A fresh 4-object list published through the shared holder,
        // replacing the last one: each becomes shared garbage.
        let mut l = Value::NONE;
        for j in 0..4 {
            l = cons(&mut ctx, Value::int(i + j), l);
        }
        ctx.store(h, 0, l);
        ctx.stack().set_top(0);
        ctx.safepoint();
        peak = peak.max(sp.heap_bytes());
    }
    assert!(sp.stats().global_collections >= 2, "{:?}", sp.stats());
    // 400,000 x 4 promoted cells = 98 MiB in all; the pressure trigger
    // (16 MiB) bounds the heap well below that.
    assert!(peak < 48 << 20, "peak heap {peak}");
    assert_eq!(list_sum(h.get(0)), 4 * 399_999 + 6);
}

/// A weak hook sees exactly which values survive, and the table it keeps
/// drops the others before the sweep frees them.
#[test]
fn weak_hooks_drop_dead_entries() {
    use crate::sync::Mutex;
    let sp = space();
    let mut ctx = sp.new_context();
    // Deferred: only the explicit collections run (gc-stress included).
    ctx.set_deferred_collection(true);
    let keep = cons(&mut ctx, Value::int(1), Value::NONE);
    let lose = cons(&mut ctx, Value::int(2), Value::NONE);
    ctx.promote(keep);
    ctx.promote(lose);
    let root = ctx.add_global_root(keep);
    let table = Arc::new(Mutex::new(vec![keep, lose]));
    let t = table.clone();
    sp.add_weak_hook(Box::new(move |live| {
        crate::sync::lock(&t).retain(|&v| live(v));
    }));
    ctx.collect_global();
    assert_eq!(*crate::sync::lock(&table), vec![keep]);
    assert_eq!(list_sum(sp.global_root(root)), 1);
}

/// A finalize hook resurrects an unreachable object once: it and what it
/// reaches survive that collection, weak hooks see it alive, and once the
/// table has forgotten it the next collection frees it.
#[test]
fn finalize_hooks_resurrect_once() {
    use crate::sync::Mutex;
    let sp = space();
    let mut ctx = sp.new_context();
    // Deferred: only the explicit collections run (gc-stress included).
    ctx.set_deferred_collection(true);
    let inner = cons(&mut ctx, Value::int(7), Value::NONE);
    let dead = cons(&mut ctx, Value::int(5), inner);
    ctx.promote(dead);
    // Registered objects, and those resurrected whose finalizer is due.
    let registered = Arc::new(Mutex::new(vec![dead]));
    let queued: Arc<Mutex<Vec<Value>>> = Arc::new(Mutex::new(Vec::new()));
    let (r, q) = (registered.clone(), queued.clone());
    sp.add_finalize_hook(Box::new(move |live, sink| {
        let mut q = crate::sync::lock(&q);
        crate::sync::lock(&r).retain(|&v| {
            if live(v) {
                return true;
            }
            sink(v);
            q.push(v);
            false
        });
    }));
    let q = queued.clone();
    sp.add_root_hook(Box::new(move |sink| {
        for &v in crate::sync::lock(&q).iter() {
            sink(v);
        }
    }));
    let seen_live = Arc::new(Mutex::new(Vec::new()));
    let s = seen_live.clone();
    sp.add_weak_hook(Box::new(move |live| {
        crate::sync::lock(&s).push(live(dead));
    }));
    ctx.stack().set_top(0);
    ctx.collect_global();
    assert!(crate::sync::lock(&registered).is_empty());
    assert_eq!(*crate::sync::lock(&queued), vec![dead]);
    assert_eq!(*crate::sync::lock(&seen_live), vec![true]);
    // Still intact: the resurrected object and what it reaches.
    assert_eq!(list_sum(dead), 12);
    // The "finalizer" ran: nothing roots it any more.
    crate::sync::lock(&queued).clear();
    ctx.collect_global();
    assert_eq!(*crate::sync::lock(&seen_live), vec![true, false]);
}

/// `freeze` keeps everything alive at that moment (local objects included,
/// which it promotes) until `unfreeze`.
#[test]
fn frozen_objects_survive_until_unfreeze() {
    let sp = space();
    let mut ctx = sp.new_context();
    // Deferred: only the explicit collections run (gc-stress included).
    ctx.set_deferred_collection(true);
    let mut l = Value::NONE;
    for i in 0..1000 {
        l = cons(&mut ctx, Value::int(i), l);
    }
    ctx.stack().set_top(0);
    ctx.stack().push(l);
    ctx.collect_global_and_freeze();
    assert!(sp.frozen_count() >= 1000);
    assert!(Obj::from_value(l).unwrap().is_shared());
    ctx.stack().set_top(0);
    ctx.collect_local();
    let st = ctx.collect_global();
    assert_eq!(st.freed_objects, 0);
    assert_eq!(list_sum(l), (0..1000).sum::<i64>());
    sp.unfreeze();
    let st = ctx.collect_global();
    assert!(st.freed_objects >= 1000);
}

/// A local collection skips blocks that hold only shared objects: with a
/// large shared heap it frees the local garbage and leaves shared objects.
#[test]
fn local_collection_skips_shared_only_blocks() {
    let sp = space();
    let mut ctx = sp.new_context();
    // Deferred: only the explicit collections run (gc-stress included).
    ctx.set_deferred_collection(true);
    let mut l = Value::NONE;
    for i in 0..50_000 {
        l = cons(&mut ctx, Value::int(i), l);
        ctx.stack().set_top(0);
        ctx.stack().push(l);
    }
    ctx.promote(l);
    ctx.add_global_root(l);
    ctx.stack().set_top(0);
    // First sweep: the blocks' local survivors are counted (none).
    let st = ctx.collect_local();
    assert_eq!(st.live_objects, 0);
    for i in 0..1000 {
        cons(&mut ctx, Value::int(i), Value::NONE);
    }
    let st = ctx.collect_local();
    assert_eq!(st.freed_objects, 1000);
    assert_eq!(list_sum(l), (0..50_000).sum::<i64>());
}

#[test]
fn value_stacks_start_empty_after_others_were_used_and_dropped() {
    // Each stack is a mapping of its own: one made after another was
    // filled and dropped reads EMPTY everywhere, and a slot written near
    // the end (pages committed only when touched) holds its value.
    for round in 0..4 {
        let mut st = crate::roots::ValueStack::new(1 << 20);
        assert_eq!(st.capacity(), 1 << 20);
        assert!(st.slots_mut().iter().step_by(4096).all(|v| v.is_empty()));
        assert!(st.slots_mut()[(1 << 20) - 1].is_empty());
        for i in 0..1000 {
            st.push(Value::int(i + round));
        }
        st.slots_mut()[(1 << 20) - 1] = Value::int(7);
        assert_eq!(st.slots_mut()[(1 << 20) - 1].as_int(), Some(7));
        assert_eq!(st.pop().and_then(|v| v.as_int()), Some(999 + round));
    }
}

/// A payload that holds `self.0` bytes outside the heap.
struct Holds(usize);
impl Trace for Holds {
    fn external_bytes(&self) -> usize {
        self.0
    }
}

#[test]
fn released_external_bytes_no_longer_count_towards_a_collection() {
    let sp = space();
    let mut ctx = sp.new_context();
    ctx.collect_local();
    let before = ctx.allocated_since_collection();
    let v = ctx.alloc_native(Kind::NATIVE, Value::NONE, Holds(1 << 20));
    ctx.stack().push(v);
    let counted = ctx.allocated_since_collection() - before;
    assert!(counted >= 1 << 20, "{counted}");
    ctx.release_external(v, 1 << 20);
    assert_eq!(
        ctx.allocated_since_collection() - before,
        counted - (1 << 20)
    );
    // More than was counted: the figures stop at zero.
    ctx.release_external(v, usize::MAX / 2);
    assert_eq!(ctx.allocated_since_collection(), 0);
    ctx.stack().set_top(0);
}

/// A local object's external memory is freed by its thread's local
/// collections: it brings a global collection nearer only once promoted.
#[test]
fn external_bytes_count_towards_a_global_collection_once_promoted() {
    let sp = space();
    let mut ctx = sp.new_context();
    ctx.set_deferred_collection(true);
    let v = ctx.alloc_native(Kind::NATIVE, Value::NONE, Holds(64 << 20));
    ctx.stack().push(v);
    assert!(ctx.allocated_since_collection() >= 64 << 20);
    assert!(!sp.wants_global());
    ctx.promote(v);
    assert!(sp.wants_global());
    ctx.stack().set_top(0);
}

/// The space's count of large bytes (its heap-size trigger reads it) drops
/// as soon as a local collection frees a large object.
#[test]
fn a_local_collection_gives_back_the_large_bytes_it_frees() {
    let sp = space();
    let mut ctx = sp.new_context();
    ctx.set_deferred_collection(true);
    let before = sp.stats().large_bytes;
    ctx.alloc(Kind::GENERIC, Value::NONE, 0, 8 << 20);
    assert!(sp.stats().large_bytes >= before + (8 << 20));
    ctx.collect_local();
    assert_eq!(sp.stats().large_bytes, before);
}

#[test]
fn solo_mode_locks_plainly_until_a_second_context_is_made() {
    let sp = space();
    let mut main = sp.new_context();
    sp.start_solo();
    assert!(sp.is_solo());
    let o = Obj::from_value(main.alloc(Kind::GENERIC, Value::NONE, 1, 0)).unwrap();
    main.promote(o.value());
    main.lock_object(o);
    assert!(crate::lock::is_locked(o.lock_word()));
    main.unlock_object(o);
    assert!(!crate::lock::is_locked(o.lock_word()));
    // A second context, made on its own thread while the first is blocked,
    // ends the mode; both then lock the general way.
    let sp2 = sp.clone();
    let counts = main.blocking(|| {
        thread::spawn(move || {
            let mut c = sp2.new_context();
            assert!(!sp2.is_solo());
            for _ in 0..1000 {
                c.lock_object(o);
                c.store(o, 0, Value::int(1));
                c.unlock_object(o);
            }
        })
        .join()
    });
    assert!(counts.is_ok());
    assert!(!sp.is_solo());
    main.lock_object(o);
    main.unlock_object(o);
    assert!(!crate::lock::is_locked(o.lock_word()));
    // Solo mode does not start again while two contexts exist.
    let _other = main.blocking(|| sp.new_context());
    sp.start_solo();
    assert!(!sp.is_solo());
}

/// Allocates `n` unreachable conses.
fn cons_garbage(ctx: &mut ProtoContext, n: i64) {
    for j in 0..n {
        cons(ctx, Value::int(j), Value::NONE);
    }
}

/// Is `v` still an allocated cons holding `car` (not a reused or free cell)?
fn cons_holds(v: Value, car: i64) -> bool {
    let o = Obj::from_value(v).unwrap();
    o.kind() == Kind::GENERIC && o.n_values() == 2 && o.get(0).as_int() == Some(car)
}

/// An object without value words (a leaf, which the marker does not push)
/// keeps its local class alive, and the class what it refers to.
#[test]
fn a_leaf_keeps_its_local_class_alive() {
    let sp = space();
    let mut ctx = sp.new_context();
    ctx.set_deferred_collection(true);
    let attr = cons(&mut ctx, Value::int(3), Value::NONE);
    let class = cons(&mut ctx, Value::int(4), attr);
    let leaf = ctx.alloc(Kind::GENERIC, class, 0, 16);
    ctx.stack().push(leaf);
    let st = ctx.collect_local();
    assert_eq!(st.marked, 3);
    cons_garbage(&mut ctx, 5000);
    assert_eq!(Obj::from_value(leaf).unwrap().class(), class);
    assert!(cons_holds(class, 4) && cons_holds(attr, 3));
    ctx.stack().set_top(0);
}

#[test]
fn tenuring_moves_survivors_to_the_shared_space() {
    let sp = space();
    let mut ctx = sp.new_context();
    sp.solo.start();
    ctx.set_deferred_collection(true);
    let holder = ctx.alloc(Kind::GENERIC, Value::NONE, 1, 0);
    let n = crate::context::TENURE_BYTES / CELL + 100;
    let mut keep = Value::NONE;
    for i in 0..n {
        keep = cons(&mut ctx, Value::int(i as i64), keep);
    }
    for j in 0..500 {
        cons(&mut ctx, Value::int(j), Value::NONE); // garbage
    }
    ctx.stack().set_top(0);
    ctx.stack().push(keep);
    ctx.stack().push(holder);
    assert!(!ctx.tenure_pending());
    ctx.collect_local();
    assert!(ctx.tenure_pending(), "survivors above the threshold");
    ctx.tenure();
    assert!(!ctx.tenure_pending());
    let (ko, ho) = (
        Obj::from_value(keep).unwrap(),
        Obj::from_value(holder).unwrap(),
    );
    assert!(ko.is_shared() && ho.is_shared());
    // The local collector no longer marks them, and they stay intact.
    let s = ctx.collect_local();
    assert_eq!(s.marked, 0);
    assert_eq!(list_sum(keep), (0..n as i64).sum::<i64>());
    // A new object stored into a tenured one is promoted by the store, so
    // local collections cannot free it.
    let fresh = cons(&mut ctx, Value::int(7), Value::NONE);
    assert!(!Obj::from_value(fresh).unwrap().is_shared());
    ctx.store(ho, 0, fresh);
    assert!(Obj::from_value(fresh).unwrap().is_shared());
    for j in 0..5000 {
        cons(&mut ctx, Value::int(j), Value::NONE); // garbage
    }
    ctx.collect_local();
    assert_eq!(list_sum(ho.get(0)), 7);
    // New objects go to blocks other than the tenured ones.
    let young = cons(&mut ctx, Value::int(1), Value::NONE).addr();
    let b = ctx
        .heap()
        .blocks
        .iter()
        .find(|b| {
            (b.base.as_ptr() as usize..b.base.as_ptr() as usize + crate::heap::BLOCK_BYTES)
                .contains(&young)
        })
        .expect("a block of the heap");
    assert!(!b.old, "a young object in a tenured block");
    // Dropped, the tenured objects are freed by a global collection.
    ctx.stack().set_top(0);
    let g = ctx.collect_global();
    assert!(g.freed_objects >= n);
}
