//! Allocates 100 million short-lived objects in a loop, a few live at a time
//! (as an interpreter would: a ring of 4 rooted values, each new object
//! pointing at one of them), and prints the elapsed time, the counts and
//! `ProtoSpace::stats()`. Measure peak RSS with
//! `/usr/bin/time -v target/release/alloc_loop` (target: < 64 MiB).
//! `ALLOC_LOOP_N` overrides the count.

use benches::cell;
use proto_core::{ProtoSpace, Value};
use std::time::Instant;

fn main() {
    let n: u64 = std::env::var("ALLOC_LOOP_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000_000);
    let space = ProtoSpace::new();
    let mut ctx = space.new_context();
    for _ in 0..4 {
        ctx.stack().push(Value::NONE);
    }
    let t0 = Instant::now();
    let mut checksum = 0i64;
    for i in 0..n {
        let k = (i & 3) as usize;
        // Each object points at a recent one, except every 4th, which cuts the
        // chain so only a few objects stay live.
        let prev = if k == 0 {
            Value::NONE
        } else {
            ctx.stack().live()[(k + 3) & 3]
        };
        let v = cell(&mut ctx, Value::int((i & 0xFFFF) as i64), prev);
        ctx.stack().slots_mut()[k] = v;
        let keep = v;
        if i % 16_777_216 == 0 {
            checksum += benches::count(keep) as i64;
        }
    }
    let el = t0.elapsed();
    let total = n;
    let st = space.stats();
    println!(
        "alloc_loop: {} objects (1 cell each) in {:.3} s = {:.2} ns/object; checksum {}",
        total,
        el.as_secs_f64(),
        el.as_nanos() as f64 / total as f64,
        checksum
    );
    println!("alloc_loop: space stats {st:?}");
}
