# Generator introspection attributes and independent state.
def g():
    yield 1
    yield 2

def state(gen):
    if gen.gi_running:
        return "RUNNING"
    if gen.gi_frame is None:
        return "CLOSED"
    if gen.gi_suspended:
        return "SUSPENDED"
    return "CREATED"

gen = g()
print(state(gen))
next(gen)
print(state(gen))
next(gen)
print(state(gen))
try:
    next(gen)
except StopIteration:
    pass
print(state(gen))

gen2 = g()
gen2.close()
print(state(gen2))

def self_check():
    yield state(me)
me = self_check()
print(next(me))

print(gen.__name__, gen.__qualname__)
class K:
    def method(self):
        yield self
print(K().method().__qualname__)
print(type(gen).__name__, type(g).__name__)

gen.__name__ = "renamed"
print(gen.__name__)

def counter():
    n = 0
    while True:
        n += 1
        yield n
c1, c2 = counter(), counter()
print(next(c1), next(c1), next(c2), next(c1), next(c2))

gen3 = g()
print(list(zip(gen3, "abc")))
print(list(gen3))

def gen_yields_gen():
    yield (i for i in range(2))
inner = next(gen_yields_gen())
print(list(inner))

def infinite():
    i = 0
    while True:
        yield i
        i += 1
import itertools
print(list(itertools.islice(infinite(), 3, 8)))
print(list(itertools.takewhile(lambda v: v < 4, infinite())))
print(next(x for x in infinite() if x * x > 50))

gen4 = g()
print(gen4.gi_yieldfrom)
def delegating():
    yield from g()
d = delegating()
next(d)
print(type(d.gi_yieldfrom).__name__)
