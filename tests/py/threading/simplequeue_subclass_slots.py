# Subclasses of _queue.SimpleQueue: its instances have no __dict__, so a
# subclass that declares __slots__ has none either (only its slots), while
# a plain subclass gets one.
import _queue


class Slotted(_queue.SimpleQueue):
    __slots__ = ("label",)


class Plain(_queue.SimpleQueue):
    pass


s = Slotted()
s.label = "slots"
s.put(1)
print(s.label, s.get(), hasattr(s, "__dict__"))
try:
    s.other = 2
except AttributeError as e:
    print("AttributeError:", e)
try:
    del s.label
    print(s.label)
except AttributeError as e:
    print("AttributeError:", e)

p = Plain()
p.other = 3
print(p.other, p.__dict__, hasattr(p, "__dict__"))
print("__dict__" in Plain.__dict__, "__dict__" in Slotted.__dict__)


class Both(Slotted):
    __slots__ = ("extra",)


b = Both()
b.label, b.extra = "a", "b"
b.put_nowait((b.label, b.extra))
print(b.get_nowait(), hasattr(b, "__dict__"))
