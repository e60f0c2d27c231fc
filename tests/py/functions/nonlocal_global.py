# nonlocal and global declarations.
x = "global x"
y = 0

def read_global():
    return x

def write_global():
    global y
    y += 1
    return y

print(read_global())
print(write_global(), write_global(), y)

def create_global():
    global brand_new
    brand_new = "created"
create_global()
print(brand_new)

def shadow():
    x = "local x"
    return x
print(shadow(), x)

def outer():
    v = 1
    def middle():
        def inner():
            nonlocal v
            v *= 10
            return v
        return inner
    f = middle()
    f(); f()
    return v
print(outer())

def nonlocal_skips_middle():
    v = "outer"
    def middle():
        v = "middle"
        def inner():
            nonlocal v
            v = "set by inner"
        inner()
        return v
    m = middle()
    return v, m
print(nonlocal_skips_middle())

def global_in_nested():
    x = "enclosing"
    def inner():
        global x
        return x
    return inner()
print(global_in_nested())

def multi():
    global a1, a2
    a1, a2 = 1, 2
multi()
print(a1, a2)

def toggle():
    state = False
    def flip():
        nonlocal state
        state = not state
        return state
    return flip
fl = toggle()
print(fl(), fl(), fl())

def nonlocal_multiple():
    p = q = 0
    def bump():
        nonlocal p, q
        p += 1
        q += 2
    bump(); bump()
    return p, q
print(nonlocal_multiple())

def global_del():
    global temp
    temp = 5
    del temp
global_del()
try:
    temp
except NameError as e:
    print("NameError:", e)

counter = 0
def loop_global():
    global counter
    for _ in range(5):
        counter += 2
loop_global()
print(counter)

def nonlocal_for_target():
    i = None
    def run():
        nonlocal i
        for i in range(4):
            pass
    run()
    return i
print(nonlocal_for_target())

g = globals()
def via_dict():
    g["dyn"] = 42
via_dict()
print(dyn)
