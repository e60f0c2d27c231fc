# protopy.freeze of an OrderedDict, also one whose front was moved (its
# table then carries reserved entries): reads, iteration and copies work,
# every mutator and attribute store raises TypeError, a copy is mutable.
# Blessed on CPython with the pure-Python model in _freezeref.py.
try:
    import protopy

    def attempt(target, fn):
        return fn()
except ImportError:
    import _freezeref as protopy
    attempt = protopy.attempt
from collections import OrderedDict

od = OrderedDict((k, [k]) for k in "abcdef")
od.move_to_end("e", last=False)
od.popitem(last=False)
od.tag = ["attribute"]
print(list(od), od.tag)
print(protopy.freeze(od) is od, protopy.isfrozen(od), protopy.isfrozen(od["a"]), protopy.isfrozen(od.tag))
print(list(od.items()), list(reversed(od)), od["b"], "c" in od, len(od))


def tryit(label, fn):
    try:
        r = attempt(od, fn)
        print(label, "->", r)
    except TypeError:
        print(label, "!! TypeError")


tryit("setitem", lambda: od.__setitem__("z", 1))
tryit("delitem", lambda: od.__delitem__("a"))
tryit("move_to_end", lambda: od.move_to_end("a"))
tryit("move_to_end last", lambda: od.move_to_end("f"))
tryit("move_to_end first", lambda: od.move_to_end("a", last=False))
tryit("move_to_end front", lambda: od.move_to_end("d", last=False))
tryit("popitem", lambda: od.popitem())
tryit("popitem front", lambda: od.popitem(last=False))
tryit("pop", lambda: od.pop("a"))
tryit("setdefault", lambda: od.setdefault("q", 0))
tryit("update", lambda: od.update(x=1))
tryit("update nothing", lambda: od.update())
tryit("pop absent", lambda: od.pop("nope", None))
tryit("setdefault present", lambda: od.setdefault("a"))
tryit("clear", lambda: od.clear())
tryit("ior", lambda: od.__ior__({"y": 2}))
tryit("attribute", lambda: setattr(od, "other", 1))
print(list(od), len(od))
c = od.copy()
c["z"] = 26
c.move_to_end("z", last=False)
print(list(c), protopy.isfrozen(c), list(od | {"w": 0}))
