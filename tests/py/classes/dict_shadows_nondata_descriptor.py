# Reads at one site of an attribute that a non-data descriptor on the class
# provides and the instance dict shadows (functools.cached_property, a
# hand-written one), and of obj.__dict__: each change is seen, including
# the descriptor becoming a data descriptor (then it wins over the dict).
import functools


class Lazy:
    calls = 0

    @functools.cached_property
    def value(self):
        Lazy.calls += 1
        return "computed %d" % Lazy.calls


def read_value(o):
    return o.value


a = Lazy()
print([read_value(a) for _ in range(3)], Lazy.calls)
del a.value
print(read_value(a), read_value(a), Lazy.calls)
a.__dict__["value"] = "set in dict"
print(read_value(a))
b = Lazy()
print([read_value(x) for x in (a, b, a, b)])


class NonData:
    def __get__(self, obj, tp):
        return "from descriptor"


class Holder:
    attr = NonData()


def read_attr(o):
    return o.attr


h = Holder()
print(read_attr(h))
h.attr = "own"
print(read_attr(h), read_attr(h))
NonData.__set__ = lambda self, obj, value: None
print(read_attr(h))
del NonData.__set__
print(read_attr(h))
Holder.attr = "plain class value"
print(read_attr(h))
del h.attr
print(read_attr(h))


def read_dict(o):
    return o.__dict__


class P:
    pass


p = P()
print(read_dict(p))
p.x = 1
print(read_dict(p), read_dict(p) is p.__dict__)
p.__dict__ = {"y": 2}
print(read_dict(p), p.y)
P.__dict__x = None
print(sorted(read_dict(P()).keys()))


class Q:
    @property
    def __dict__(self):
        return "property __dict__"


print(read_dict(Q()), read_dict(p))


# A class attribute whose own class becomes a descriptor later: reads
# through instances and through the class follow.
class Marker:
    pass


class Owner:
    m = Marker()


def read_m(o):
    return o.m


o = Owner()
print(type(read_m(o)).__name__, type(read_m(Owner)).__name__)
Marker.__get__ = lambda self, obj, tp: "now a descriptor (%s)" % ("instance" if obj is not None else "class")
print(read_m(o), "|", read_m(Owner))
del Marker.__get__
print(type(read_m(o)).__name__, type(read_m(Owner)).__name__)
