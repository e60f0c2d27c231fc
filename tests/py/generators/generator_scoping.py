# Closures and scope inside generators.
def make_gen(prefix):
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    def gen():
        while True:
            yield f"{prefix}{bump()}"
    return gen(), lambda: count

g, peek = make_gen("id-")
print(next(g), next(g), peek())
print(next(g), peek())

def gens_in_loop():
    out = []
    for i in range(3):
        out.append((i * k for k in range(3)))
    return [list(x) for x in out]
print(gens_in_loop())

def gens_bound():
    out = []
    for i in range(3):
        def make(i):
            return (i * k for k in range(3))
        out.append(make(i))
    return [list(x) for x in out]
print(gens_bound())

x = "global"
def reads_global():
    yield x
gr = reads_global()
x = "changed before first next"
print(next(gr))

def local_state():
    total = 0
    while True:
        total += yield total
ls = local_state()
next(ls)
ls.send(5)
print(ls.send(7))

def uses_arg(lst):
    for v in lst:
        yield v
data = [1, 2]
ua = uses_arg(data)
data.append(3)
print(list(ua))

def default_arg(v=[]):
    v.append(len(v))
    yield list(v)
print(next(default_arg()), next(default_arg()))

class Holder:
    factor = 3
    values = [1, 2]
    try:
        scaled = list(v * factor for v in values)
    except NameError as e:
        scaled = "NameError: " + str(e)
print(Holder.scaled)

class Holder2:
    values = [1, 2]
    firsts = list(v for v in values)
print(Holder2.firsts)

def gen_global_write():
    global written
    written = "set from generator"
    yield
list(gen_global_write())
print(written)

def shadowing():
    v = "outer"
    gen = (v for v in ["inner"])
    return list(gen), v
print(shadowing())

def recursive_gen(n):
    if n > 0:
        yield n
        yield from recursive_gen(n - 2)
print(list(recursive_gen(9)))
