//! Promotion of a 1M-object graph: `ctx.promote(root)` on a balanced binary
//! tree of 2^20 - 1 one-cell objects, rebuilt (locally, untimed) for every iteration.

use benches::{build_tree, count};
use criterion::{criterion_group, criterion_main, Criterion};
use proto_core::{Obj, ProtoSpace};
use std::time::{Duration, Instant};

const N: usize = (1 << 20) - 1;

fn promote(c: &mut Criterion) {
    let space = ProtoSpace::new();
    let mut ctx = space.new_context();
    {
        let root = build_tree(&mut ctx, N);
        assert_eq!(count(root), N);
        ctx.stack().set_top(0);
    }
    let mut g = c.benchmark_group("promote");
    g.sample_size(10);
    // iter_custom: the per-iteration rebuild (setup) is outside the timing,
    // like iter_batched(PerIteration), with one mutable context.
    g.bench_function("tree_1M", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                // Free the previous (promoted, now unreachable) tree, build a new one.
                ctx.stack().set_top(0);
                ctx.collect_global();
                let root = build_tree(&mut ctx, N);
                let t0 = Instant::now();
                ctx.promote(root);
                total += t0.elapsed();
                assert!(Obj::from_value(root).unwrap().is_shared());
            }
            total
        })
    });
    g.finish();
    eprintln!("promote: {:?}", space.stats());
}

criterion_group!(benches, promote);
criterion_main!(benches);
