//! Stress test of GIL-free threads on shared containers, in process.
//!
//! Runs Python programs on ProtoPy's runtime (`Vm::new_main` +
//! `python_env::setup`) in which `THREADS` threads each perform `OPS`
//! operations on one shared list, dict and set *without any user lock*, and
//! then check exact totals: nothing lost, nothing duplicated, no crash. The
//! programs raise `AssertionError` on a wrong total, which fails the test.
//!
//! Run with `cargo test --release -p tests --test stress_threads` (a debug
//! build works but takes minutes). `PROTOPY_STRESS_OPS` overrides `OPS`.
//!
//! One interpreter runs at a time: the runtime is built for one interpreter
//! per process (one ProtoSpace, DESIGN.md) and native modules keep
//! process-wide state for it (`_weakref`'s type table, for one, which
//! `threading`'s imports from CPython's Lib now reach), so the tests, which
//! cargo runs on parallel threads, take turns.

use engine::compiler::Mode;
use engine::runtime::{Obj, Vm};

const THREADS: usize = 16;

fn ops() -> usize {
    std::env::var("PROTOPY_STRESS_OPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000)
}

/// Runs `src` as `__main__`; returns the formatted exception, if any.
/// Held while an interpreter runs (see the module comment).
static ONE_INTERPRETER: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn run(src: &str) -> Result<(), String> {
    let _turn = ONE_INTERPRETER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let src = src.to_string();
    // The interpreter runs on a big stack, as the protopy command does.
    let h = std::thread::Builder::new()
        .stack_size(engine::runtime::THREAD_STACK_BYTES)
        .spawn(move || {
            let mut vm = Vm::new_main(python_env::setup).map_err(|_| "init failed".to_string())?;
            python_env::modules::sys::create(&mut vm, &["stress".to_string()], "")
                .map_err(|e| vm.format_exception(e.0))?;
            let main = vm.new_module("__main__");
            vm.ctx.add_global_root(main);
            let d = Obj::from_value(main).expect("module").get(0);
            let kb = vm.g.names.__builtins__;
            let b = vm.g.builtins;
            vm.dict_set_str(d, kb, b);
            let code = vm
                .compile_source(src.as_bytes(), "<stress>", Mode::Exec)
                .map_err(|e| vm.format_exception(e.0))?;
            vm.push_root(code);
            vm.run_code(code, d, d)
                .map_err(|e| vm.format_exception(e.0))?;
            Ok(())
        })
        .expect("spawn");
    h.join()
        .unwrap_or_else(|_| Err("interpreter thread panicked".into()))
}

fn program(body: &str) -> String {
    format!(
        "import threading\nN = {THREADS}\nOPS = {}\n\
         def run_all(work):\n    ts = [threading.Thread(target=work, args=(t,)) for t in range(N)]\n    \
         for t in ts: t.start()\n    for t in ts: t.join()\n{body}",
        ops()
    )
}

#[test]
fn shared_list_append_and_pop_are_atomic() {
    let src = program(
        r#"
lst = []
def add(t):
    app = lst.append
    for i in range(OPS):
        app(t * OPS + i)
run_all(add)
assert len(lst) == N * OPS, len(lst)
assert sorted(lst) == list(range(N * OPS))
taken = [None] * N
def drain(t):
    mine = []
    pop = lst.pop
    while True:
        try:
            mine.append(pop())
        except IndexError:
            break
    taken[t] = mine
run_all(drain)
allv = [x for m in taken for x in m]
assert len(lst) == 0 and len(allv) == N * OPS, (len(lst), len(allv))
assert sorted(allv) == list(range(N * OPS))
"#,
    );
    run(&src).unwrap();
}

#[test]
fn shared_dict_setitem_pop_setdefault_are_atomic() {
    let src = program(
        r#"
d = {}
def put(t):
    for i in range(OPS):
        d[t * OPS + i] = i
run_all(put)
assert len(d) == N * OPS, len(d)
assert sum(d.values()) == N * (OPS * (OPS - 1) // 2)
popped = [0] * N
def take(t):
    n = 0
    for k in range(N * OPS):
        if (k + t) % 4 == 0 and d.pop(k, None) is not None:
            n += 1
    popped[t] = n
run_all(take)
assert sum(popped) + len(d) == N * OPS, (sum(popped), len(d))
assert sum(popped) == N * OPS
counts = {}
def bucket(t):
    for i in range(OPS):
        counts.setdefault(i % 64, []).append(t)
run_all(bucket)
assert len(counts) == 64
assert sum(len(v) for v in counts.values()) == N * OPS
"#,
    );
    run(&src).unwrap();
}

#[test]
fn shared_set_add_is_atomic() {
    let src = program(
        r#"
s = set()
def add(t):
    for i in range(OPS):
        s.add(i * N + t)
        s.add(i)          # every thread adds the same small keys too
run_all(add)
assert len(s) == N * OPS, len(s)
"#,
    );
    run(&src).unwrap();
}

#[test]
fn simple_queue_put_get_are_atomic() {
    // Half the threads put fresh tuples (promoted when they enter the
    // shared queue), half get them: blocking, with a timeout, or polling
    // with get_nowait. Every item is taken exactly once.
    let src = program(
        r#"
import _queue
q = _queue.SimpleQueue()
H = N // 2
got = [None] * H
def work(t):
    if t < H:
        for i in range(OPS):
            q.put((t, i, [i]))
        return
    c = t - H
    n = s = 0
    while True:
        if c % 3 == 0:
            x = q.get()
        elif c % 3 == 1:
            try:
                x = q.get(timeout=0.001)
            except _queue.Empty:
                continue
        else:
            try:
                x = q.get_nowait()
            except _queue.Empty:
                continue
        if x is None:
            break
        p, i, box = x
        assert box == [i], (x,)
        n += 1
        s += p * OPS + i
    got[c] = (n, s)
ts = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts[:H]: t.join()
for _ in range(H): q.put(None)
for t in ts[H:]: t.join()
M = H * OPS
assert sum(n for n, _ in got) == M, got
assert sum(s for _, s in got) == M * (M - 1) // 2, got
assert q.empty() and q.qsize() == 0
"#,
    );
    run(&src).unwrap();
}
