//! Collections with 1M live objects.
//!
//! - `global_seq/*` vs `global_par/*`: a full global collection
//!   (`collect_global_sequential`: one thread marks and sweeps;
//!   `collect_global`: marking and sweeping on the collector's rayon pool),
//!   same live graph, same run. Two shapes: one balanced tree of 2^20 - 1
//!   objects under one root, and a forest of 4096 lists x 256 objects
//!   (4096 roots).
//! - `local/tree_1M`: a local collection with the 1M-object tree local and
//!   rooted (everything is marked and swept, nothing freed).

use benches::{build_forest, build_tree, count};
use criterion::{criterion_group, criterion_main, Criterion};
use proto_core::{ProtoSpace, SpaceConfig};

const N: usize = (1 << 20) - 1;

fn collect(c: &mut Criterion) {
    let space = ProtoSpace::with_config(SpaceConfig::default());
    let mut g = c.benchmark_group("collect");
    g.sample_size(10);
    {
        let mut ctx = space.new_context();
        let root = build_tree(&mut ctx, N);
        assert_eq!(count(root), N);
        let s = ctx.collect_local();
        assert_eq!(s.marked, N);
        g.bench_function("local/tree_1M", |b| b.iter(|| ctx.collect_local()));
        ctx.promote(root);
        let s = ctx.collect_global();
        assert_eq!(s.marked, N);
        g.bench_function("global_seq/tree_1M", |b| {
            b.iter(|| ctx.collect_global_sequential())
        });
        g.bench_function("global_par/tree_1M", |b| b.iter(|| ctx.collect_global()));
        ctx.stack().set_top(0);
        ctx.collect_global();
        build_forest(&mut ctx, 4096, 256);
        let s = ctx.collect_global();
        assert_eq!(s.marked, 4096 * 256);
        g.bench_function("global_seq/forest_4096x256", |b| {
            b.iter(|| ctx.collect_global_sequential())
        });
        g.bench_function("global_par/forest_4096x256", |b| {
            b.iter(|| ctx.collect_global())
        });
        let seq = ctx.collect_global_sequential();
        let par = ctx.collect_global();
        eprintln!("collect: forest sequential {seq:?}\ncollect: forest parallel   {par:?}");
    }
    g.finish();
    eprintln!("collect: {:?}", space.stats());
}

criterion_group!(benches, collect);
criterion_main!(benches);
