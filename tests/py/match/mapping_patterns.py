# Mapping patterns including **rest.
def handle(event):
    match event:
        case {"type": "click", "pos": (x, y)}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **rest}:
            return f"key {k} extras={sorted(rest.items())}"
        case {"type": "scroll", "delta": int() as d} if d < 0:
            return f"scroll up {-d}"
        case {"type": "scroll"}:
            return "scroll down or unknown delta"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "mapping without type"
        case _:
            return "not a mapping"

events = [
    {"type": "click", "pos": (1, 2)},
    {"type": "click", "pos": [3, 4], "button": 1},
    {"type": "key", "key": "a"},
    {"type": "key", "key": "b", "shift": True, "alt": False},
    {"type": "key", "key": 5},
    {"type": "scroll", "delta": -3},
    {"type": "scroll", "delta": 3},
    {"type": "resize"},
    {"width": 10},
    {},
    [("type", "click")],
    "type",
]
for e in events:
    print(handle(e))

def rest_copy(d):
    match d:
        case {"a": 1, **rest}:
            rest["added"] = True
            return rest, d
print(rest_copy({"a": 1, "b": 2}))

from collections import defaultdict, OrderedDict
dd = defaultdict(lambda: "default!")
dd["present"] = 1
def missing_key(m):
    match m:
        case {"absent": v}:
            return "matched absent " + repr(v)
        case {"present": v}:
            return "matched present " + repr(v)
print(missing_key(dd))
print(sorted(dd))
print(handle(OrderedDict(type="click", pos=(0, 0))))

class Mapping:
    def __init__(self, d):
        self.d = d
    def __getitem__(self, k):
        return self.d[k]
def custom(m):
    match m:
        case {"k": v}:
            return v
        case _:
            return "custom class is not a mapping"
print(custom(Mapping({"k": 1})))

def literal_keys(m):
    match m:
        case {1: a, "two": b, None: c, 2.5: d}:
            return a, b, c, d
        case _:
            return "no"
print(literal_keys({1: "one", "two": 2, None: "none"}))
print(literal_keys({1: "x", "two": "y", None: "z", 2.5: "w", 3: "extra"}))

class K:
    KEY = "dotted"
def dotted_key(m):
    match m:
        case {K.KEY: v}:
            return "dotted key value " + str(v)
print(dotted_key({"dotted": 9}))

def empty_rest(m):
    match m:
        case {"x": _, **others} if not others:
            return "only x"
        case {"x": _, **others}:
            return f"x plus {len(others)}"
print(empty_rest({"x": 1}), empty_rest({"x": 1, "y": 2, "z": 3}))
