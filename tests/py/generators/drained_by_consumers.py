# Generators drained by native consumers (list, tuple, set, sorted, join,
# update, extend): order, the yield's value, exceptions part-way, keys whose
# hashing runs Python code between yields, nesting, finally, self-reference.
import sys
def g(n):
    for i in range(n):
        yield i
print(list(g(5)), tuple(g(3)), set(g(4)), frozenset(g(2)), sorted(g(3), reverse=True))
print("".join(str(x) for x in range(5)))
# exceptions mid-way
def bad():
    yield 1
    yield 2
    raise ValueError("boom")
s = set()
try:
    s.update(bad())
except ValueError as e:
    print("err", e, s)
l = [0]
try:
    l.extend(bad())
except ValueError as e:
    print("err", e, l)
try:
    t = tuple(bad())
except ValueError as e:
    print("err", e)
# interleaving with __hash__ side effects
log = []
class K:
    def __init__(self, v): self.v = v
    def __hash__(self):
        log.append(("hash", self.v)); return hash(self.v)
    def __eq__(self, o): return self.v == o.v
def mixed():
    for i in range(6):
        log.append(("yield", i))
        yield K(i) if i % 2 else i
st = set(mixed())
print(log)
print(len(st))
# generator that inspects itself
def selfref():
    yield gen.gi_running
    yield sys._getframe().f_back is not None
gen = selfref()
print(list(gen))
# unhashable
def unh():
    yield 1
    yield [2]
    yield 3
try:
    set(unh())
except TypeError as e:
    print("TypeError", e)
# nested drains
def outer():
    for i in range(3):
        yield tuple(x * i for x in range(3))
print(list(outer()))
# yield expression value is None
def echo():
    r = []
    for i in range(3):
        x = yield i
        r.append(x)
    yield r
print(list(echo()))
# try/finally in generator
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("finally")
print(list(fin()))
# return value
def ret():
    yield 1
    return 5
print(list(ret()))
# generator closed early via exception in consumer? 
def big():
    i = 0
    while True:
        yield i
        i += 1
        if i > 1000: return
print(len(list(big())), len(set(big())), sum(big()))
# StopIteration inside generator -> RuntimeError
def si():
    yield 1
    raise StopIteration
try:
    list(si())
except RuntimeError as e:
    print("RuntimeError", e)
# already executing
def again():
    yield 1
    yield list(gg)
gg = again()
try:
    list(gg)
except ValueError as e:
    print("ValueError", e)
print(set(x % 3 for x in range(1000)))
print(sorted(set(str(x % 3) for x in range(100))), set(float(x) for x in range(3)))

# A set holding a key whose __eq__ runs Python code: adding equal-hash keys
# from a generator calls it between the yields, as CPython does.
log = []
class H:
    def __hash__(self):
        return hash(1)
    def __eq__(self, o):
        log.append(("eq", o))
        return False
def g():
    for i in (1, 2, 1, 3):
        log.append(("yield", i))
        yield i
s = {H()}
s.update(g())
print(log)
log.clear()
def g2():
    log.append(("yield", "H"))
    yield H()
    for i in (1, 2, 1):
        log.append(("yield", i))
        yield i
t = set(g2())
print(log, len(t))
