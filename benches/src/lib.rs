//! Benchmarks live in benches/ (criterion: `cargo bench -p benches --bench
//! alloc|promote|collect`); `src/bin/alloc_loop.rs` is the long allocation
//! loop whose peak RSS is measured with `/usr/bin/time -v`. This library
//! holds the graph builders they share.

use proto_core::{Kind, Obj, ProtoContext, Value};

/// Allocates a 1-cell object: 2 values + 8 raw bytes (24 + 16 + 8 = 48 bytes).
#[inline(always)]
pub fn cell(ctx: &mut ProtoContext, a: Value, b: Value) -> Value {
    let v = ctx.alloc(Kind::GENERIC, Value::NONE, 2, 8);
    let o = Obj::from_value(v).expect("heap value");
    o.init(0, a);
    o.init(1, b);
    v
}

/// Builds a balanced binary tree of `n` 1-cell nodes (n = 2^k - 1 gives a
/// complete tree) bottom-up, keeping every level rooted on the value stack;
/// returns the root, which is left on the stack (at the slot the stack top
/// had on entry). Leaves hold small ints.
pub fn build_tree(ctx: &mut ProtoContext, n: usize) -> Value {
    let base = ctx.stack().top();
    let leaves = n.div_ceil(2);
    for i in 0..leaves {
        let v = cell(ctx, Value::int(i as i64), Value::NONE);
        ctx.stack().push(v);
    }
    let mut level = leaves;
    while level > 1 {
        let parents = level / 2;
        let odd = level % 2;
        for p in 0..parents {
            let (l, r) = {
                let s = ctx.stack().live();
                (s[base + 2 * p], s[base + 2 * p + 1])
            };
            let v = cell(ctx, l, r);
            ctx.stack().push(v);
        }
        // Move the parents (and an odd last child) down to base.
        let slots = ctx.stack().slots_mut();
        let first_parent = base + level;
        for p in 0..parents {
            slots[base + p] = slots[first_parent + p];
        }
        if odd == 1 {
            slots[base + parents] = slots[base + level - 1];
        }
        let next = parents + odd;
        ctx.stack().set_top(base + next);
        level = next;
    }
    ctx.stack().live()[base]
}

/// Builds `lists` lists of `len` 1-cell nodes, each rooted on the value
/// stack (many roots: the shape parallel marking splits best).
pub fn build_forest(ctx: &mut ProtoContext, lists: usize, len: usize) {
    for _ in 0..lists {
        let slot = ctx.stack().top();
        ctx.stack().push(Value::NONE);
        for i in 0..len {
            let next = ctx.stack().live()[slot];
            let v = cell(ctx, Value::int(i as i64), next);
            ctx.stack().slots_mut()[slot] = v;
        }
    }
}

/// Counts the objects reachable from `v` (tree or list of `cell`s).
pub fn count(v: Value) -> usize {
    let mut n = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        if let Some(o) = Obj::from_value(v) {
            n += 1;
            stack.push(o.get(0));
            stack.push(o.get(1));
        }
    }
    n
}
