# Closures capture variables, not values.
def make_adder(n):
    def add(x):
        return x + n
    return add

add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), add5(add10(0)))

def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get

inc, get = counter()
print(inc(), inc(), inc(), get())
inc2, get2 = counter()
print(inc2(), get(), get2())

def outer():
    x = "before"
    def show():
        return x
    r1 = show()
    x = "after"
    r2 = show()
    return r1, r2
print(outer())

def deep():
    a = 1
    def level1():
        b = 2
        def level2():
            c = 3
            def level3():
                return a + b + c
            return level3
        return level2
    return level1
print(deep()()()())

def shared():
    items = []
    def push(v):
        items.append(v)
    def view():
        return list(items)
    return push, view
push, view = shared()
push(1); push(2)
print(view())

print(add5.__closure__ is not None)
print(len(add5.__closure__))
print(add5.__closure__[0].cell_contents)
def noclosure(x):
    return x
print(noclosure.__closure__)
print(len(deep()()().__closure__))

def make_funcs():
    fs = []
    for i in range(3):
        def f(i=i):
            return i * i
        fs.append(f)
    return fs
print([f() for f in make_funcs()])

def accumulate():
    total = [0]
    def add(v):
        total[0] += v
        return total[0]
    return add
acc = accumulate()
print(acc(3), acc(4), acc(-10))

def param_closure(a, b=2):
    return lambda: (a, b)
print(param_closure(1)(), param_closure(1, 3)())

def cell_deleted():
    x = 1
    def read():
        return x
    del x
    try:
        read()
    except NameError as e:
        print("NameError:", e)
cell_deleted()

def rebind_in_loop():
    fns = []
    v = 0
    while v < 3:
        fns.append(lambda: v)
        v += 1
    return [f() for f in fns]
print(rebind_in_loop())
