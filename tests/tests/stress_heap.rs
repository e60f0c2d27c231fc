//! Multi-threaded heap stress test of proto_core's memory model.
//!
//! `WORKERS` worker slots run for `PROTOPY_STRESS_SECS` seconds (default 10).
//! Each slot runs a succession of OS threads, each with its own
//! `ProtoContext` from one `ProtoSpace` and a random lifetime, so contexts
//! keep exiting (their blocks become orphans) and new ones start (adopting
//! orphan blocks). Each worker, at random:
//! - builds structures (lists, trees with shared subtrees, wide nodes with up
//!   to 700 values, large raw objects > 4 KiB, native objects whose payload
//!   holds heap references and implements `Trace`) and publishes them as
//!   *packages* into a shared mailbox (an immortal object; updates under
//!   `lock_object`, stores through `ctx.store`, so the write barrier promotes);
//! - takes packages others published out of the mailbox and verifies them;
//! - replaces entries of a shared *board* (immortal, lock + barrier) and of
//!   global roots, and reads and verifies entries others wrote (lock-free);
//! - allocates garbage of varied sizes, keeps a long-lived local structure,
//!   runs local and global collections (parallel and sequential marking),
//!   sleeps inside `ctx.blocking`.
//!
//! The checker: every object carries, in its raw bytes, its unique id and a
//! checksum of its id and contents (values, ids of the objects it references,
//! raw payload); native payloads carry the same. Objects are immutable after
//! creation. Every read walks the structure and verifies every object; a
//! package also declares (in its checksummed payload) the sum of the ints and
//! the number of objects reachable from it, computed when it was built. The
//! main thread walks every reachable structure periodically and at the end.
//! Exact accounting: packages published == consumed + left in the mailbox at
//! the end (count, sum of ids, sum of contents); every native payload is
//! finalised exactly once, and all of them once everything is unreachable.
//!
//! Rooting rule followed throughout: a heap `Value` held across an allocation
//! or a safepoint is on `ctx.stack()` (or in a scope handle, or a root slot).

use proto_core::native::{native_ref, Trace};
use proto_core::sync::{Arc, AtomicBool, AtomicU64, Mutex, Ordering};
use proto_core::{Kind, Obj, ProtoContext, ProtoSpace, SpaceConfig, Value};
use std::collections::{BTreeSet, HashSet};
use std::time::{Duration, Instant};

/// A checksummed data node: values, then raw `[id, check, plen, payload..]`.
const NODE: Kind = Kind(40);
/// A package: values `[structure, extra]`, payload `[sum, count]`.
const PACKAGE: Kind = Kind(41);
const WORKERS: usize = 8;
const MAILBOX_SLOTS: usize = 32;
const BOARD_SLOTS: usize = 16;
const GLOBAL_ROOTS: usize = 8;
const RAW_HEADER: usize = 24;

// ------------------------------------------------------------------ utilities

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo)
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    let h = (h ^ x).wrapping_mul(0x0100_0000_01B3_9E37);
    h ^ (h >> 29)
}

fn pattern_byte(id: u64, k: usize) -> u8 {
    (id.wrapping_mul(0x2545_F491_4F6C_DD1D) >> ((k % 8) * 8)) as u8 ^ (k as u8)
}

fn read_u64(o: Obj, off: usize) -> u64 {
    let b = &o.raw_bytes()[off..off + 8];
    u64::from_le_bytes(b.try_into().unwrap())
}

fn write_raw(o: Obj, off: usize, bytes: &[u8]) {
    assert!(off + bytes.len() <= o.raw_len());
    // SAFETY: the range lies inside the raw region of `o`, a fresh local
    // object this thread just allocated and nobody else can reach yet.
    unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), o.raw_ptr().add(off), bytes.len()) }
}

// ------------------------------------------------------------- native objects

static NATIVE_LIVE: Mutex<BTreeSet<u64>> = Mutex::new(BTreeSet::new());
static NATIVE_CREATED: AtomicU64 = AtomicU64::new(0);
static NATIVE_FINALIZED: AtomicU64 = AtomicU64::new(0);
static NATIVE_ERRORS: AtomicU64 = AtomicU64::new(0);

/// A native payload: referenced objects and ints, checksummed like a node.
struct NativeNode {
    id: u64,
    kids: Vec<Value>,
    ints: Vec<i64>,
    check: u64,
}

impl Trace for NativeNode {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        for &k in &self.kids {
            f(k);
        }
    }
}

impl Drop for NativeNode {
    fn drop(&mut self) {
        if !proto_core::sync::lock(&NATIVE_LIVE).remove(&self.id) {
            NATIVE_ERRORS.fetch_add(1, Ordering::Relaxed);
        }
        NATIVE_FINALIZED.fetch_add(1, Ordering::Relaxed);
        // Tombstone: a reader of a finalised payload fails verification.
        self.check = !self.check;
        self.id = 0;
    }
}

fn native_checksum(id: u64, kids: &[Value], ints: &[i64]) -> Result<u64, String> {
    let mut h = mix(0x4E41_5449_5645, id);
    for &k in kids {
        h = mix(h, content(k)?);
    }
    for &i in ints {
        h = mix(h, i as u64);
    }
    Ok(h)
}

// ------------------------------------------------------------------- checking

/// The identity of a referenced object (as hashed into its parent).
fn id_of(o: Obj) -> Result<u64, String> {
    let k = o.kind();
    if k == NODE || k == PACKAGE {
        Ok(read_u64(o, 0))
    } else if k == Kind::NATIVE {
        native_ref::<NativeNode>(o)
            .map(|n| n.id)
            .ok_or_else(|| format!("{o:?}: native object of the wrong type"))
    } else {
        Err(format!(
            "{o:?}: unexpected kind {} (freed or overwritten?)",
            k.0
        ))
    }
}

fn content(v: Value) -> Result<u64, String> {
    match Obj::from_value(v) {
        Some(c) => Ok(mix(0xC41D, id_of(c)?)),
        None => Ok(v.bits()),
    }
}

fn node_checksum(o: Obj) -> Result<u64, String> {
    let id = read_u64(o, 0);
    let plen = read_u64(o, 16) as usize;
    if RAW_HEADER + plen > o.raw_len() {
        return Err(format!("{o:?}: bad payload length {plen}"));
    }
    let mut h = mix(mix(0x5052_4F54, id), o.kind().0 as u64);
    h = mix(h, o.n_values() as u64);
    for i in 0..o.n_values() {
        h = mix(h, content(o.get(i))?);
    }
    h = mix(h, plen as u64);
    let raw = &o.raw_bytes()[RAW_HEADER..RAW_HEADER + plen];
    let mut chunks = raw.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap()));
    }
    for &b in chunks.remainder() {
        h = mix(h, b as u64);
    }
    Ok(h)
}

#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
struct Tally {
    sum: u64,
    count: u64,
}

/// Walks everything reachable from `roots`, verifying every object; returns
/// the sum of the ints in values (nodes) and payloads (natives) and the
/// number of objects. `shared`: every object reached must be shared.
fn walk(roots: &[Value], shared: bool, verified: &mut u64) -> Result<Tally, String> {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut stack: Vec<Value> = roots.iter().copied().filter(|v| v.is_heap()).collect();
    let mut t = Tally::default();
    while let Some(v) = stack.pop() {
        if !seen.insert(v.addr()) {
            continue;
        }
        let o = Obj::from_value(v).unwrap();
        if shared && !o.is_shared() {
            return Err(format!(
                "{o:?} reachable from a shared object is not shared"
            ));
        }
        let k = o.kind();
        if k == NODE || k == PACKAGE {
            let want = read_u64(o, 8);
            let got = node_checksum(o)?;
            if want != got {
                return Err(format!(
                    "{o:?} id {:#x}: checksum {got:#x} != stored {want:#x}",
                    read_u64(o, 0)
                ));
            }
            for i in 0..o.n_values() {
                let x = o.get(i);
                if let Some(n) = x.as_int() {
                    t.sum = t.sum.wrapping_add(n as u64);
                } else if x.is_heap() {
                    stack.push(x);
                }
            }
        } else if k == Kind::NATIVE {
            let n = native_ref::<NativeNode>(o).ok_or_else(|| format!("{o:?}: foreign native"))?;
            let got = native_checksum(n.id, &n.kids, &n.ints)?;
            if got != n.check {
                return Err(format!(
                    "{o:?} native id {:#x}: checksum {got:#x} != {:#x}",
                    n.id, n.check
                ));
            }
            for &i in &n.ints {
                t.sum = t.sum.wrapping_add(i as u64);
            }
            stack.extend(n.kids.iter().copied().filter(|v| v.is_heap()));
        } else {
            return Err(format!("{o:?}: unexpected kind {}", k.0));
        }
        t.count += 1;
        *verified += 1;
    }
    Ok(t)
}

/// Verifies a package: the structure it reaches matches its declared tally.
fn check_package(v: Value, shared: bool, verified: &mut u64) -> Result<(u64, Tally), String> {
    let p = Obj::from_value(v).ok_or("package is not a heap value")?;
    if p.kind() != PACKAGE {
        return Err(format!("{p:?}: not a package (kind {})", p.kind().0));
    }
    if shared && !p.is_shared() {
        return Err(format!("{p:?}: package not shared"));
    }
    let (want, got) = (read_u64(p, 8), node_checksum(p)?);
    if want != got {
        return Err(format!(
            "package {p:?}: checksum {got:#x} != stored {want:#x}"
        ));
    }
    *verified += 1;
    let declared = Tally {
        sum: read_u64(p, RAW_HEADER),
        count: read_u64(p, RAW_HEADER + 8),
    };
    let got = walk(&[p.get(0), p.get(1)], shared, verified)?;
    if got != declared {
        return Err(format!(
            "package {:#x}: walked {got:?}, declared {declared:?}",
            read_u64(p, 0)
        ));
    }
    Ok((read_u64(p, 0), declared))
}

// ------------------------------------------------------------------- the world

struct World {
    space: Arc<ProtoSpace>,
    class: Value,
    mailbox: Obj,
    board: Obj,
    roots: Vec<usize>,
    deadline: Instant,
    failed: AtomicBool,
    errors: Mutex<Vec<String>>,
    next_serial: AtomicU64,
    published: [AtomicU64; 3],
    consumed: [AtomicU64; 3],
    allocated: AtomicU64,
    verified: AtomicU64,
    board_reads: AtomicU64,
    threads: AtomicU64,
    local_gcs: AtomicU64,
    global_gcs: AtomicU64,
}

impl World {
    fn fail(&self, msg: String) {
        self.failed.store(true, Ordering::SeqCst);
        proto_core::sync::lock(&self.errors).push(msg);
    }
    fn stop(&self) -> bool {
        self.failed.load(Ordering::Relaxed) || Instant::now() >= self.deadline
    }
    fn add(counters: &[AtomicU64; 3], id: u64, t: Tally) {
        counters[0].fetch_add(1, Ordering::Relaxed);
        counters[1].fetch_add(id, Ordering::Relaxed);
        counters[2].fetch_add(t.sum, Ordering::Relaxed);
    }
}

/// One worker thread's state.
struct Worker<'w> {
    w: &'w World,
    ctx: ProtoContext,
    rng: Rng,
    serial: u64,
    next_id: u64,
    allocated: u64,
    verified: u64,
    /// Tally of the long-lived local structure in root slot 0.
    local_tally: Option<Tally>,
}

enum Payload<'a> {
    Pattern(usize),
    Bytes(&'a [u8]),
}

impl<'w> Worker<'w> {
    fn new_id(&mut self) -> u64 {
        self.next_id += 1;
        (self.serial << 32) | self.next_id
    }

    fn push(&mut self, v: Value) -> usize {
        let i = self.ctx.stack().top();
        self.ctx.stack().push(v);
        i
    }

    fn top(&mut self) -> usize {
        self.ctx.stack().top()
    }

    fn set_top(&mut self, t: usize) {
        self.ctx.stack().set_top(t);
    }

    /// Allocates a checksummed node. Heap values in `vals` must be rooted.
    /// The result is unrooted: the caller roots it before allocating again.
    fn node(&mut self, kind: Kind, vals: &[Value], payload: Payload<'_>) -> Value {
        let id = self.new_id();
        let plen = match payload {
            Payload::Pattern(n) => n,
            Payload::Bytes(b) => b.len(),
        };
        let v = self
            .ctx
            .alloc(kind, self.w.class, vals.len(), RAW_HEADER + plen);
        self.allocated += 1;
        let o = Obj::from_value(v).unwrap();
        for (i, &x) in vals.iter().enumerate() {
            o.init(i, x);
        }
        write_raw(o, 0, &id.to_le_bytes());
        write_raw(o, 16, &(plen as u64).to_le_bytes());
        match payload {
            Payload::Pattern(n) => {
                let bytes: Vec<u8> = (0..n).map(|k| pattern_byte(id, k)).collect();
                write_raw(o, RAW_HEADER, &bytes);
            }
            Payload::Bytes(b) => write_raw(o, RAW_HEADER, b),
        }
        let check = node_checksum(o).expect("fresh node");
        write_raw(o, 8, &check.to_le_bytes());
        v
    }

    fn int(&mut self) -> Value {
        Value::int(self.rng.below(1_000_000) as i64 - 500_000)
    }

    /// Builds a random structure; returns it unrooted.
    fn build(&mut self, depth: u32) -> Value {
        let base = self.top();
        let choice = if depth == 0 { 0 } else { self.rng.below(10) };
        let v = match choice {
            // A list of small nodes.
            0..=2 => {
                let n = self.rng.range(1, if depth == 0 { 8 } else { 120 });
                let slot = self.push(Value::NONE);
                for _ in 0..n {
                    let item = self.int();
                    let next = self.ctx.stack().live()[slot];
                    let plen = self.rng.below(40) as usize;
                    let c = self.node(NODE, &[item, next], Payload::Pattern(plen));
                    self.ctx.stack().slots_mut()[slot] = c;
                }
                self.ctx.stack().live()[slot]
            }
            // A binary tree node, sometimes with both children the same subtree.
            3..=5 => {
                let l = self.build(depth - 1);
                self.push(l);
                let r = if self.rng.chance(20) {
                    l
                } else {
                    let r = self.build(depth - 1);
                    self.push(r);
                    r
                };
                let x = self.int();
                let plen = self.rng.below(100) as usize;
                self.node(NODE, &[l, r, x], Payload::Pattern(plen))
            }
            // A wide node: many values (large object when > ~500).
            6 => {
                let n = if self.rng.chance(30) {
                    self.rng.range(510, 700)
                } else {
                    self.rng.range(20, 200)
                } as usize;
                let mut vals = Vec::with_capacity(n);
                for _ in 0..n {
                    if self.rng.chance(5) {
                        let s = self.build(0);
                        self.push(s);
                        vals.push(s);
                    } else {
                        vals.push(self.int());
                    }
                }
                self.node(NODE, &vals, Payload::Pattern(8))
            }
            // A large raw object (> 4 KiB).
            7 => {
                let kid = self.build(depth - 1);
                self.push(kid);
                let x = self.int();
                let plen = self.rng.range(4100, 20_000) as usize;
                self.node(NODE, &[x, kid], Payload::Pattern(plen))
            }
            // A native object referencing other objects.
            _ => {
                let nk = self.rng.below(4);
                let mut kids = Vec::new();
                for _ in 0..nk {
                    let k = self.build(depth - 1);
                    self.push(k);
                    kids.push(k);
                }
                let ints: Vec<i64> = (0..self.rng.below(40))
                    .map(|_| self.rng.below(1000) as i64)
                    .collect();
                let id = self.new_id();
                let check = native_checksum(id, &kids, &ints).expect("fresh kids");
                proto_core::sync::lock(&NATIVE_LIVE).insert(id);
                NATIVE_CREATED.fetch_add(1, Ordering::Relaxed);
                self.allocated += 1;
                self.ctx.alloc_native(
                    Kind::NATIVE,
                    self.w.class,
                    NativeNode {
                        id,
                        kids,
                        ints,
                        check,
                    },
                )
            }
        };
        self.set_top(base);
        v
    }

    /// Builds a package around a new structure and, sometimes, a reference to
    /// a board entry (a shared object of another thread). Returns it unrooted
    /// with its id and tally.
    fn package(&mut self) -> Result<(Value, u64, Tally), String> {
        let base = self.top();
        let depth = self.rng.range(1, 6) as u32;
        let s = self.build(depth);
        self.push(s);
        let extra = if self.rng.chance(30) {
            let j = self.rng.below(BOARD_SLOTS as u64) as usize;
            self.w.board.get(j)
        } else {
            Value::NONE
        };
        self.push(extra);
        let t = walk(&[s, extra], false, &mut self.verified)?;
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&t.sum.to_le_bytes());
        bytes[8..].copy_from_slice(&t.count.to_le_bytes());
        let p = self.node(PACKAGE, &[s, extra], Payload::Bytes(&bytes));
        self.set_top(base);
        let id = read_u64(Obj::from_value(p).unwrap(), 0);
        Ok((p, id, t))
    }

    fn produce(&mut self) -> Result<(), String> {
        let base = self.top();
        let (p, id, t) = self.package()?;
        self.push(p);
        let mb = self.w.mailbox;
        self.ctx.lock_object(mb);
        let mut done = false;
        for _ in 0..4 {
            let k = self.rng.below(MAILBOX_SLOTS as u64) as usize;
            if !mb.get(k).is_heap() {
                self.ctx.store(mb, k, p);
                done = true;
                break;
            }
        }
        self.ctx.unlock_object(mb);
        if done {
            if !Obj::from_value(p).unwrap().is_shared() {
                return Err("published package not shared".into());
            }
            World::add(&self.w.published, id, t);
        }
        self.set_top(base);
        Ok(())
    }

    fn consume(&mut self) -> Result<(), String> {
        let base = self.top();
        let mb = self.w.mailbox;
        let k = self.rng.below(MAILBOX_SLOTS as u64) as usize;
        self.ctx.lock_object(mb);
        let v = mb.get(k);
        if v.is_heap() {
            self.push(v);
            self.ctx.store(mb, k, Value::NONE);
        }
        self.ctx.unlock_object(mb);
        if v.is_heap() {
            let (id, t) = check_package(v, true, &mut self.verified)?;
            World::add(&self.w.consumed, id, t);
        }
        self.set_top(base);
        Ok(())
    }

    fn board_update(&mut self) -> Result<(), String> {
        let (p, _, _) = self.package()?;
        let j = self.rng.below(BOARD_SLOTS as u64) as usize;
        let board = self.w.board;
        // Rooted with a handle scope this time.
        self.ctx.scope(|s| {
            let h = s.root(p);
            s.ctx().lock_object(board);
            s.ctx().store(board, j, h.get());
            s.ctx().unlock_object(board);
        });
        Ok(())
    }

    fn board_read(&mut self) -> Result<(), String> {
        let base = self.top();
        let j = self.rng.below(BOARD_SLOTS as u64) as usize;
        let v = self.w.board.get(j);
        if v.is_heap() {
            self.push(v);
            // A safepoint while holding it: it must survive (rooted).
            self.ctx.safepoint();
            check_package(v, true, &mut self.verified)?;
            self.w.board_reads.fetch_add(1, Ordering::Relaxed);
        }
        self.set_top(base);
        Ok(())
    }

    fn global_root(&mut self) -> Result<(), String> {
        let j = self.rng.below(GLOBAL_ROOTS as u64) as usize;
        let idx = self.w.roots[j];
        if self.rng.chance(40) {
            let (p, _, _) = self.package()?;
            self.ctx.set_global_root(idx, p);
        } else {
            let base = self.top();
            let v = self.w.space.global_root(idx);
            if v.is_heap() {
                self.push(v);
                check_package(v, true, &mut self.verified)?;
            }
            self.set_top(base);
        }
        Ok(())
    }

    /// Short-lived garbage of varied sizes, a few live at a time in a ring
    /// of stack slots, linked to each other.
    fn churn(&mut self) -> Result<(), String> {
        let base = self.top();
        for _ in 0..8 {
            self.push(Value::NONE);
        }
        let n = self.rng.range(50, 1500);
        for _ in 0..n {
            let link = self.ctx.stack().live()[base + self.rng.below(8) as usize];
            let r = self.rng.below(100);
            let v = if r < 85 {
                let nv = self.rng.below(6) as usize;
                let mut vals = vec![link];
                vals.extend((1..nv).map(|i| Value::int(i as i64)));
                let plen = self.rng.below(150) as usize;
                self.node(NODE, &vals, Payload::Pattern(plen))
            } else if r < 92 {
                let plen = self.rng.range(4100, 9000) as usize;
                self.node(NODE, &[link], Payload::Pattern(plen))
            } else if r < 96 {
                let mut vals = vec![link; 1];
                vals.extend((0..self.rng.range(100, 600)).map(|i| Value::int(i as i64)));
                self.node(NODE, &vals, Payload::Pattern(0))
            } else {
                self.build(1)
            };
            let slot = base + self.rng.below(8) as usize;
            self.ctx.stack().slots_mut()[slot] = v;
        }
        let ring: Vec<Value> = self.ctx.stack().live()[base..base + 8].to_vec();
        walk(&ring, false, &mut self.verified)?;
        self.set_top(base);
        Ok(())
    }

    fn check_local(&mut self) -> Result<(), String> {
        if let Some(t) = self.local_tally {
            let v = self.ctx.root_slots()[0];
            let got = walk(&[v], false, &mut self.verified)?;
            if got != t {
                return Err(format!("local structure changed: {got:?} != {t:?}"));
            }
        }
        if self.local_tally.is_none() || self.rng.chance(20) {
            let s = self.build(4);
            if self.ctx.root_slots().is_empty() {
                self.ctx.root_slots().push(s);
            } else {
                self.ctx.root_slots()[0] = s;
            }
            self.local_tally = Some(walk(&[s], false, &mut self.verified)?);
        }
        Ok(())
    }

    fn step(&mut self) -> Result<(), String> {
        self.ctx.safepoint();
        match self.rng.below(100) {
            0..=21 => self.produce()?,
            22..=43 => self.consume()?,
            44..=51 => self.board_update()?,
            52..=63 => self.board_read()?,
            64..=69 => self.global_root()?,
            70..=83 => self.churn()?,
            84..=88 => {
                self.ctx.collect_local();
                self.w.local_gcs.fetch_add(1, Ordering::Relaxed);
                self.check_local()?;
            }
            89..=90 => {
                if self.rng.chance(30) {
                    self.ctx.collect_global_sequential();
                } else {
                    self.ctx.collect_global();
                }
                self.w.global_gcs.fetch_add(1, Ordering::Relaxed);
                self.check_local()?;
            }
            91..=94 => {
                let us = self.rng.below(3000);
                self.ctx
                    .blocking(|| std::thread::sleep(Duration::from_micros(us)));
            }
            _ => self.check_local()?,
        }
        Ok(())
    }
}

fn worker(w: &World, serial: u64, lifetime: Duration) {
    let ctx = w.space.new_context();
    let mut me = Worker {
        w,
        ctx,
        rng: Rng(serial.wrapping_mul(0xA076_1D64_78BD_642F) ^ 0x1234_5678),
        serial,
        next_id: 0,
        allocated: 0,
        verified: 0,
        local_tally: None,
    };
    let end = Instant::now() + lifetime;
    while !w.stop() && Instant::now() < end {
        if let Err(e) = me.step() {
            w.fail(format!("thread {serial}: {e}"));
            break;
        }
    }
    if let Err(e) = me.check_local() {
        w.fail(format!("thread {serial} at exit: {e}"));
    }
    w.allocated.fetch_add(me.allocated, Ordering::Relaxed);
    w.verified.fetch_add(me.verified, Ordering::Relaxed);
    // Dropping the context: its blocks become orphans (or return to the pool).
}

/// Walks every structure reachable from the mailbox, the board and the
/// global roots. Holds no safepoint while walking, so nothing it reaches can
/// be collected under it.
fn full_walk(w: &World) -> Result<u64, String> {
    let mut verified = 0;
    for k in 0..MAILBOX_SLOTS {
        let v = w.mailbox.get(k);
        if v.is_heap() {
            check_package(v, true, &mut verified).map_err(|e| format!("mailbox[{k}]: {e}"))?;
        }
    }
    for k in 0..BOARD_SLOTS {
        let v = w.board.get(k);
        if v.is_heap() {
            check_package(v, true, &mut verified).map_err(|e| format!("board[{k}]: {e}"))?;
        }
    }
    for &r in &w.roots {
        let v = w.space.global_root(r);
        if v.is_heap() {
            check_package(v, true, &mut verified).map_err(|e| format!("global root {r}: {e}"))?;
        }
    }
    Ok(verified)
}

fn stress_secs() -> f64 {
    std::env::var("PROTOPY_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10.0)
}

#[test]
fn stress_heap() {
    let secs = stress_secs();
    let space = ProtoSpace::with_config(SpaceConfig {
        gc_threads: 4,
        ..SpaceConfig::default()
    });
    let mut main = space.new_context();
    let class = main.alloc_immortal(Kind::GENERIC, Value::NONE, 0, 8);
    let mailbox =
        Obj::from_value(main.alloc_immortal(Kind::GENERIC, Value::NONE, MAILBOX_SLOTS, 0)).unwrap();
    let board =
        Obj::from_value(main.alloc_immortal(Kind::GENERIC, Value::NONE, BOARD_SLOTS, 0)).unwrap();
    let roots: Vec<usize> = (0..GLOBAL_ROOTS)
        .map(|_| main.add_global_root(Value::NONE))
        .collect();
    let started = Instant::now();
    let w = Arc::new(World {
        space: space.clone(),
        class,
        mailbox,
        board,
        roots,
        deadline: started + Duration::from_secs_f64(secs),
        failed: AtomicBool::new(false),
        errors: Mutex::new(Vec::new()),
        next_serial: AtomicU64::new(1),
        published: Default::default(),
        consumed: Default::default(),
        allocated: AtomicU64::new(0),
        verified: AtomicU64::new(0),
        board_reads: AtomicU64::new(0),
        threads: AtomicU64::new(0),
        local_gcs: AtomicU64::new(0),
        global_gcs: AtomicU64::new(0),
    });

    // Watchdog: a hang (deadlock) must fail the run, not stall CI.
    let done = Arc::new(AtomicBool::new(false));
    {
        let done = done.clone();
        let limit = Duration::from_secs_f64(secs + 180.0);
        std::thread::spawn(move || {
            while started.elapsed() < limit {
                if done.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            eprintln!("stress_heap: no progress {limit:?} after start: deadlock?");
            std::process::abort();
        });
    }

    // Worker slots: each runs a succession of short-lived threads.
    let slots: Vec<_> = (0..WORKERS)
        .map(|i| {
            let w = w.clone();
            std::thread::Builder::new()
                .name(format!("slot-{i}"))
                .spawn(move || {
                    let mut rng = Rng(i as u64 + 77);
                    while !w.stop() {
                        let serial = w.next_serial.fetch_add(1, Ordering::Relaxed);
                        let lifetime = Duration::from_millis(rng.range(150, 1500));
                        let w2 = w.clone();
                        w.threads.fetch_add(1, Ordering::Relaxed);
                        let t = std::thread::Builder::new()
                            .name(format!("worker-{serial}"))
                            .spawn(move || worker(&w2, serial, lifetime))
                            .expect("spawn worker");
                        if t.join().is_err() {
                            w.fail(format!("worker {serial} panicked"));
                        }
                    }
                })
                .expect("spawn slot")
        })
        .collect();

    // The main thread: periodic full walks (outside the handshake while it sleeps).
    let mut walks = 0u64;
    while !w.stop() {
        main.blocking(|| std::thread::sleep(Duration::from_millis(100)));
        match full_walk(&w) {
            Ok(n) => {
                walks += 1;
                w.verified.fetch_add(n, Ordering::Relaxed);
            }
            Err(e) => w.fail(format!("periodic walk: {e}")),
        }
    }
    main.blocking(|| {
        for s in slots {
            s.join().expect("slot thread");
        }
    });
    let errors = proto_core::sync::lock(&w.errors).clone();
    assert!(
        errors.is_empty(),
        "stress_heap failed:\n{}",
        errors.join("\n")
    );

    // Final checks, single-threaded.
    let final_walk = |main: &mut ProtoContext| {
        main.collect_global();
        full_walk(&w).unwrap_or_else(|e| panic!("final walk: {e}"))
    };
    final_walk(&mut main);
    main.collect_global_sequential();
    full_walk(&w).unwrap_or_else(|e| panic!("final walk after sequential gc: {e}"));
    // Drain the mailbox: published == consumed + drained, exactly.
    let drained: [AtomicU64; 3] = Default::default();
    let mut verified = 0;
    for k in 0..MAILBOX_SLOTS {
        main.lock_object(mailbox);
        let v = mailbox.get(k);
        main.stack().push(v);
        main.store(mailbox, k, Value::NONE);
        main.unlock_object(mailbox);
        if v.is_heap() {
            let (id, t) =
                check_package(v, true, &mut verified).unwrap_or_else(|e| panic!("drain: {e}"));
            World::add(&drained, id, t);
        }
    }
    main.stack().set_top(0);
    let get = |c: &[AtomicU64; 3]| [0, 1, 2].map(|i| c[i].load(Ordering::Relaxed));
    let (p, c, d) = (get(&w.published), get(&w.consumed), get(&drained));
    for i in 0..3 {
        assert_eq!(
            p[i],
            c[i].wrapping_add(d[i]),
            "published {p:?} != consumed {c:?} + drained {d:?}"
        );
    }
    assert!(
        p[0] > 0 && c[0] > 0,
        "packages published {} consumed {}",
        p[0],
        c[0]
    );
    // Drop everything; then every native payload has been finalised exactly once.
    for k in 0..BOARD_SLOTS {
        main.store(board, k, Value::NONE);
    }
    for &r in &w.roots {
        main.set_global_root(r, Value::NONE);
    }
    let last = main.collect_global();
    assert_eq!(
        last.live_objects, 0,
        "objects survive with no roots: {last:?}"
    );
    assert_eq!(
        NATIVE_ERRORS.load(Ordering::Relaxed),
        0,
        "native payload finalised twice"
    );
    let (created, finalized) = (
        NATIVE_CREATED.load(Ordering::Relaxed),
        NATIVE_FINALIZED.load(Ordering::Relaxed),
    );
    assert_eq!(created, finalized, "natives created != finalised");
    assert!(proto_core::sync::lock(&NATIVE_LIVE).is_empty());
    done.store(true, Ordering::Relaxed);

    let st = space.stats();
    println!(
        "stress_heap: {:.1}s, {} worker slots, {} threads started; objects allocated {}, promoted {}, \
         collections local {} / global {} (explicit {} / {}); packages published {} consumed {} drained {}; \
         board reads {}; periodic walks {}; objects verified {}; natives {} created / {} finalised; \
         blocks in use at end {}",
        started.elapsed().as_secs_f64(),
        WORKERS,
        w.threads.load(Ordering::Relaxed),
        w.allocated.load(Ordering::Relaxed),
        st.promoted,
        st.local_collections,
        st.global_collections,
        w.local_gcs.load(Ordering::Relaxed),
        w.global_gcs.load(Ordering::Relaxed),
        p[0],
        c[0],
        d[0],
        w.board_reads.load(Ordering::Relaxed),
        walks,
        w.verified.load(Ordering::Relaxed) + verified,
        created,
        finalized,
        st.blocks_in_use,
    );
}
