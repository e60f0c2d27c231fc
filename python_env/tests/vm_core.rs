//! VM core tests: run small programs and inspect their globals.

use engine::compiler::Mode;
use engine::runtime::{str_of, Obj, Vm};
use proto_core::Value;

fn run(src: &str) -> (Vm, Value) {
    let mut vm = Vm::new_main(python_env::setup).expect("vm");
    python_env::modules::sys::create(&mut vm, &["test".into()], ".").expect("sys");
    let m = vm.new_module("__main__");
    vm.ctx.add_global_root(m);
    let d = Obj::from_value(m).unwrap().get(0);
    let code = vm
        .compile_source(src.as_bytes(), "<test>", Mode::Exec)
        .expect("compile");
    vm.push_root(code);
    if let Err(e) = vm.run_code(code, d, d) {
        let t = vm.format_exception(e.0);
        panic!("program raised:\n{t}");
    }
    (vm, d)
}

fn global(vm: &mut Vm, d: Value, name: &str) -> Value {
    let k = vm.intern(name);
    vm.dict_get_str(d, k).expect("global missing")
}

#[test]
fn arithmetic_and_recursion() {
    let (mut vm, d) = run("def fib(n):\n    return n if n < 2 else fib(n-1) + fib(n-2)\nr = fib(20)\nbig = 2 ** 100\n");
    assert_eq!(global(&mut vm, d, "r"), Value::int(6765));
    let b = global(&mut vm, d, "big");
    assert_eq!(
        vm.repr_string(b).unwrap(),
        "1267650600228229401496703205376"
    );
}

#[test]
fn exceptions_are_caught_and_chained() {
    let (mut vm, d) = run("try:\n    1/0\nexcept ZeroDivisionError as e:\n    r = str(e)\ntry:\n    try:\n        raise KeyError('k')\n    except KeyError:\n        raise ValueError('v')\nexcept ValueError as e:\n    c = type(e.__context__).__name__\n");
    let r = global(&mut vm, d, "r");
    assert_eq!(str_of(r), "division by zero");
    let c = global(&mut vm, d, "c");
    assert_eq!(str_of(c), "KeyError");
}

#[test]
fn generators_closures_classes() {
    let src = "def gen(n):\n    for i in range(n):\n        yield i * i\ntotal = sum(gen(10))\n\ndef counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\nc = counter(); c(); cc = c()\n\nclass A:\n    def __init__(self, x): self.x = x\n    def get(self): return self.x\nclass B(A):\n    def get(self): return super().get() * 2\nb = B(21).get()\n";
    let (mut vm, d) = run(src);
    assert_eq!(global(&mut vm, d, "total"), Value::int(285));
    assert_eq!(global(&mut vm, d, "cc"), Value::int(2));
    assert_eq!(global(&mut vm, d, "b"), Value::int(42));
}

#[test]
fn deep_recursion_is_a_recursion_error() {
    let (mut vm, d) = run(
        "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError:\n    ok = True\n",
    );
    assert_eq!(global(&mut vm, d, "ok"), Value::TRUE);
}

#[test]
fn containers_and_formatting() {
    let (mut vm, d) = run(
        "l = [3, 1, 2]\nl.sort()\nd = {'a': 1}\nd['b'] = 2\ns = f'{l} {d} {3.5:.2f} {len(d)}'\n",
    );
    let s = global(&mut vm, d, "s");
    assert_eq!(str_of(s), "[1, 2, 3] {'a': 1, 'b': 2} 3.50 2");
}

#[test]
fn sizeof_counts_cells_and_owned_storage() {
    let (mut vm, d) = run(concat!(
        "import sys\n",
        "small = [0] * 10\n",
        "big = [0] * 1000\n",
        "n_big = sys.getsizeof(big)\n",
        "table = {i: i for i in range(1000)}\n",
        "digits = 10 ** 1000\n",
        "class P: pass\n",
        "few, many = P(), P()\n",
        "few.a = 1\n",
        "for i in range(200): setattr(many, f'a{i}', i)\n",
    ));
    let (small, big) = (global(&mut vm, d, "small"), global(&mut vm, d, "big"));
    // A list owns its header cell and its item storage, at capacity.
    let header = Obj::from_value(big).unwrap().cells() * proto_core::CELL;
    assert!(vm.owned_bytes(big) >= header + 8 * 1000);
    assert!(vm.owned_bytes(small) < 8 * 1000);
    // sys.getsizeof adds nothing to what __sizeof__ reports.
    let n_big = global(&mut vm, d, "n_big");
    assert_eq!(n_big, Value::int(vm.owned_bytes(big) as i64));
    // A dict's table and a big int's digits are counted.
    let table = global(&mut vm, d, "table");
    assert!(vm.owned_bytes(table) >= 1000 * 3 * 8);
    let digits = global(&mut vm, d, "digits");
    assert!(vm.owned_bytes(digits) >= 1000 * 10 / 3 / 8);
    // An instance counts its attribute dict.
    let (few, many) = (global(&mut vm, d, "few"), global(&mut vm, d, "many"));
    assert!(vm.owned_bytes(many) > vm.owned_bytes(few) + 200 * 3 * 8);
    // An immediate is its word.
    assert_eq!(vm.owned_bytes(Value::int(5)), 8);
}

/// ProtoPy keeps no reference counts, so `sys.getrefcount` is absent (as
/// on PyPy) rather than a constant that would mislead a program.
#[test]
fn sys_has_no_getrefcount() {
    let (mut vm, d) = run(concat!(
        "import sys\n",
        "present = hasattr(sys, 'getrefcount')\n",
        "try:\n",
        "    sys.getrefcount(None)\n",
        "    msg = ''\n",
        "except AttributeError as e:\n",
        "    msg = str(e)\n",
    ));
    assert_eq!(global(&mut vm, d, "present"), Value::FALSE);
    let msg = global(&mut vm, d, "msg");
    assert_eq!(str_of(msg), "module 'sys' has no attribute 'getrefcount'");
}
