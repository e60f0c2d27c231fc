//! Local small-object allocation vs `Box::new`, same run.
//!
//! `proto_ctx_alloc_1cell`: `ctx.alloc` of a 1-cell object (2 values + 8 raw
//! bytes = 48 bytes, one 64-byte cell) that immediately becomes garbage, so
//! the amortised cost of local collections (triggered every 1 MiB) and block
//! refills is included. `box_new_64b`: `Box::new` of a 64-byte struct,
//! dropped at once (the system allocator's fast path); `box_new_64b_align64`:
//! the same with the cell's 64-byte alignment.

use benches::cell;
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use proto_core::{ProtoSpace, Value};

/// 64 bytes, 8-byte aligned (malloc's ordinary fast path).
#[derive(Clone, Copy)]
#[repr(C)]
struct Words8 {
    w: [u64; 8],
}

/// 64 bytes, 64-byte aligned like a cell (glibc takes its aligned-alloc path).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Cell64 {
    w: [u64; 8],
}

fn alloc(c: &mut Criterion) {
    let mut g = c.benchmark_group("alloc");
    g.throughput(Throughput::Elements(1));
    let space = ProtoSpace::new();
    let mut ctx = space.new_context();
    g.bench_function("proto_ctx_alloc_1cell", |b| {
        b.iter(|| black_box(cell(&mut ctx, Value::int(1), Value::NONE)))
    });
    g.bench_function("box_new_64b", |b| {
        b.iter(|| {
            let x = Box::new(Words8 {
                w: [black_box(1), 0, 0, 0, 0, 0, 0, 0],
            });
            black_box(&*x);
        })
    });
    g.bench_function("box_new_64b_align64", |b| {
        b.iter(|| {
            let x = Box::new(Cell64 {
                w: [black_box(1), 0, 0, 0, 0, 0, 0, 0],
            });
            black_box(&*x);
        })
    });
    g.finish();
    drop(ctx);
    eprintln!("alloc: {:?}", space.stats());
}

criterion_group!(benches, alloc);
criterion_main!(benches);
