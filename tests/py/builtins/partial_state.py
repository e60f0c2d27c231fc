# functools.partial: copies share the args tuple and an exact keywords dict
# (CPython's __setstate__ keeps them), a keywords dict subclass is copied,
# __dict__ can be read and replaced but not deleted, and a non-str key put
# into `keywords` by hand makes the call raise TypeError.
import copy
import functools
import pickle


def capture(*args, **kw):
    return args, kw


f = functools.partial(capture, ["asdf"], bar=[True])
f.attr = []
g = copy.copy(f)
print(g.args is f.args, g.keywords is f.keywords, g.attr is f.attr, g() == f())
h = copy.deepcopy(f)
print(h.args is f.args, h.keywords is f.keywords, h.keywords == f.keywords, h.attr is f.attr)
p = pickle.loads(pickle.dumps(f))
print(p(), p.attr, p.__dict__)


class KW(dict):
    pass


s = functools.partial(capture)
kw = KW(a=1)
s.__setstate__((capture, (1,), kw, None))
print(s.keywords is kw, type(s.keywords).__name__, s())
t = functools.partial(capture)
d = {"b": 2}
t.__setstate__((capture, (), d, {"note": "x"}))
print(t.keywords is d, t.note, t())
d["c"] = 3
print(t())

q = functools.partial(hex)
print(q.__dict__)
q.__dict__ = {"z": 1}
print(q.z, q.__dict__)
try:
    del q.__dict__
except TypeError as e:
    print("TypeError:", e)
try:
    q.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)


class Sub(functools.partial):
    pass


r = Sub(capture, 1)
try:
    del r.__dict__
except TypeError as e:
    print("TypeError:", e)

m = functools.partial(capture, x=1)
m.keywords[1234] = "value"
print("1234" in repr(m))
for call in (lambda: m(), lambda: m(5, y=2)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
del m.keywords[1234]
print(m(5, y=2))
