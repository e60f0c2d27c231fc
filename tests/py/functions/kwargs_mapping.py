# ** unpacking with mapping objects and keyword-name rules.
def show(**kw):
    return sorted(kw.items())

class Mapping:
    def __init__(self, data):
        self.data = data
    def keys(self):
        return list(self.data)
    def __getitem__(self, k):
        return self.data[k] * 10

print(show(**Mapping({"a": 1, "b": 2})))
print(show(**{"x": 1}, **Mapping({"y": 2})))

class NoKeys:
    def __getitem__(self, k):
        return 1
try:
    show(**NoKeys())
except TypeError as e:
    print("TypeError:", e)

try:
    show(**{1: "int key"})
except TypeError as e:
    print("TypeError:", e)

def target(a, b):
    return a, b
try:
    target(**{"a": 1, "b": 2, "c": 3})
except TypeError as e:
    print("TypeError:", e)
try:
    target(1, **Mapping({"a": 1}))
except TypeError as e:
    print("TypeError:", e)

print(show(**dict(z=26, y=25)))
print(show(**{"with space": 1, "class": 2}))

def varkw(first, **rest):
    return first, sorted(rest)
print(varkw(**{"first": 1, "second": 2}))
print(varkw(1, **{"if": 1, "for": 2}))

import collections
od = collections.OrderedDict([("q", 1), ("p", 2)])
def keys_order(**kw):
    return list(kw)
print(keys_order(**od))

def mod(**kw):
    kw["added"] = True
    return kw
src = {"orig": 1}
res = mod(**src)
print(sorted(res), sorted(src), res is src)

dd = collections.defaultdict(int, {"n": 4})
print(show(**dd))
print(show(**{}))

def positional_and_kw(*args, **kw):
    return len(args), len(kw)
print(positional_and_kw(*range(5), **{str(i): i for i in range(3)}))
