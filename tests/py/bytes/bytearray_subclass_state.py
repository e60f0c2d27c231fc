# bytearray's __reduce__/__reduce_ex__ carry the object's __getstate__():
# subclass __slots__ values and __dict__ survive copy, deepcopy and pickle.
import copy
import pickle


class Plain(bytearray):
    pass


class Slotted(bytearray):
    __slots__ = ("tag", "size")


class Both(bytearray):
    __slots__ = ("tag", "__dict__")


class Custom(bytearray):
    def __getstate__(self):
        return {"custom": len(self)}

    def __setstate__(self, state):
        self.restored = state


def show(label, obj):
    attrs = {}
    for name in ("tag", "size", "extra", "restored"):
        if hasattr(obj, name):
            attrs[name] = getattr(obj, name)
    print(label, type(obj).__name__, bytes(obj), sorted(attrs.items()))


print(bytearray(b"xy").__reduce_ex__(2))
print(bytearray().__reduce_ex__(4))
p = Plain(b"pl")
p.extra = [1, 2]
print(p.__reduce_ex__(3))

s = Slotted(b"slot")
s.tag = "t"
print(s.__reduce_ex__(2))
s.size = 3
print(s.__reduce__())

b = Both(b"both")
b.tag = ("a",)
b.extra = {"k": "v"}
print(b.__reduce_ex__(4))

c = Custom(b"abc")
print(c.__reduce_ex__(2))

for obj in (p, s, b, c):
    show("copy    ", copy.copy(obj))
    show("deepcopy", copy.deepcopy(obj))
    for proto in (0, 2, 4):
        show("pickle%d " % proto, pickle.loads(pickle.dumps(obj, proto)))

d = copy.deepcopy(b)
print("deep copies share nothing:", d.tag is b.tag, d.extra is b.extra, d.extra == b.extra)


class Broken(bytearray):
    def __getstate__(self):
        raise RuntimeError("no state today")


try:
    Broken(b"x").__reduce_ex__(2)
except RuntimeError as e:
    print("RuntimeError:", e)
