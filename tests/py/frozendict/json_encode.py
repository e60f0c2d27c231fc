# json.dumps encodes a frozendict as the mapping it is (PEP 814), in
# insertion order, nested, with sort_keys and as a key's value; the
# reference run (CPython 3.11, no frozendict) encodes the equal dict.
import json

try:
    frozendict
    native = True
except NameError:
    from _fdref import frozendict
    native = False


def dumps(o, **kw):
    if native:
        return json.dumps(o, **kw)
    return json.dumps(o, default=dict, **kw)


fd = frozendict(b=1, a=[1, 2.5, frozendict(x=None, y=True)], c="é")
print(dumps(fd))
print(dumps(fd, sort_keys=True))
print(dumps(fd, ensure_ascii=False))
print(dumps(frozendict()))
print(dumps({"outer": fd, "list": [frozendict(k=1)]}))
print(dumps(frozendict({1: "int key", 2.5: "float key", None: "none"})))
print(json.loads(dumps(fd)) == dict(fd) | {"a": [1, 2.5, {"x": None, "y": True}]})
try:
    dumps(frozendict({(1, 2): "tuple key"}))
except TypeError as e:
    print("TypeError:", e)
