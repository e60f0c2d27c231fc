# WeakValueDictionary, WeakKeyDictionary, WeakSet, WeakMethod, KeyedRef subclass, finalize.
import gc
import weakref


class Item:
    def __init__(self, n):
        self.n = n

    def get(self):
        return self.n * 10


def fill_values(d):
    items = [Item(i) for i in range(6)]
    for it in items:
        d[it.n] = it
    return items


wvd = weakref.WeakValueDictionary()
items = fill_values(wvd)
print(sorted(wvd), len(wvd))


def drop(lst, idx):
    for i in sorted(idx, reverse=True):
        del lst[i]


drop(items, [1, 3])
gc.collect()
print(sorted(wvd), 3 in wvd, wvd.get(0).n)

wkd = weakref.WeakKeyDictionary()
for it in items:
    wkd[it] = it.n * 2
print(sorted(wkd.values()))
drop(items, [0])
gc.collect()
print(sorted(wkd.values()))

ws = weakref.WeakSet(items)
print(len(ws), items[0] in ws)
drop(items, [0, 1])
gc.collect()
print(len(ws), sorted(x.n for x in ws))


def method_ref():
    it = Item(7)
    wm = weakref.WeakMethod(it.get)
    print("WeakMethod alive:", wm()(), wm == weakref.WeakMethod(it.get))
    return wm


wm = method_ref()
gc.collect()
print("WeakMethod dead:", wm())


class Tagged(weakref.ref):
    __slots__ = ("tag",)

    def __new__(cls, ob, tag, callback=None):
        self = super().__new__(cls, ob, callback)
        self.tag = tag
        return self

    def __init__(self, ob, tag, callback=None):
        super().__init__(ob, callback)


target = Item(1)
t = Tagged(target, "T")
print(t.tag, t() is target, isinstance(t, weakref.ref), type(t).__name__)
try:
    t.other = 1
except AttributeError as e:
    print("AttributeError:", e)


def finalizer():
    it = Item(3)
    f = weakref.finalize(it, print, "finalized", 3)
    print("alive:", f.alive, f.peek()[1:])
    return f


f = finalizer()
gc.collect()
print("alive after:", f.alive)
f2 = weakref.finalize(target, print, "at exit")
print("detach:", f2.detach()[1:] if f2.detach() is None else "still attached")
f3 = weakref.finalize(target, print, "runs at exit")
