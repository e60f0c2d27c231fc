# Closure cells shared between functions and across calls.
def make_pair():
    value = 0
    def get():
        return value
    def set_(v):
        nonlocal value
        value = v
    return get, set_

get1, set1 = make_pair()
get2, set2 = make_pair()
set1(10)
print(get1(), get2())
set2("two")
print(get1(), get2())

def loop_cells():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    return [f() for f in fs], fs[0].__closure__[0] is fs[1].__closure__[0]
print(loop_cells())

def cell_for_param(p):
    def read():
        return p
    p = p * 2
    return read()
print(cell_for_param(21))

def counter_object():
    state = {"n": 0}
    def inc():
        state["n"] += 1
        return state["n"]
    return inc
c = counter_object()
print(c(), c(), c())

def closure_over_loop_var_after_loop():
    for k in range(5):
        pass
    return (lambda: k)()
print(closure_over_loop_var_after_loop())

def independent():
    return [make_pair() for _ in range(2)]
(g_a, s_a), (g_b, s_b) = independent()
s_a("a")
print(g_a(), g_b())

def nested_nonlocal_chain():
    v = 0
    def level1():
        def level2():
            nonlocal v
            v += 5
        level2()
        level2()
    level1()
    return v
print(nested_nonlocal_chain())

def closure_len():
    a = 1
    b = 2
    def uses():
        return a + b
    return len(uses.__closure__), sorted(c.cell_contents for c in uses.__closure__)
print(closure_len())

def cell_contents_update():
    v = "first"
    def f():
        return v
    cell = f.__closure__[0]
    before = cell.cell_contents
    v = "second"
    return before, cell.cell_contents
print(cell_contents_update())

def class_in_closure():
    secret = "closure secret"
    class Holder:
        def reveal(self):
            return secret
    return Holder
print(class_in_closure()().reveal())

def recursive_closure():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact
print(recursive_closure()(6))
