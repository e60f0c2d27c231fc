# __slots__ on subclasses of builtin types: no __dict__ when every class
# uses slots, named slots beside the builtin value, CPython's errors.


def attrs(o):
    out = [type(o).__name__, hasattr(o, "__dict__")]
    try:
        o.extra = 1
        out.append(("set", o.__dict__))
    except AttributeError as ex:
        out.append(str(ex))
    try:
        o.__dict__
    except AttributeError as ex:
        out.append(str(ex))
    try:
        del o.extra
        out.append("deleted")
    except AttributeError as ex:
        out.append(str(ex))
    return out


class Name(str):
    __slots__ = ()

    def shout(self):
        return self.upper() + "!"


class Count(int):
    __slots__ = ()


class Ratio(float):
    __slots__ = ()


class Pair(tuple):
    __slots__ = ()

    @property
    def first(self):
        return self[0]


class Blob(bytes):
    __slots__ = ()


class Z(complex):
    __slots__ = ()


for o in [Name("ann"), Count(3), Ratio(0.5), Pair((1, 2)), Blob(b"\x00\x01"), Z(1j)]:
    print(repr(o), attrs(o))
print(Name("bob").shout(), Pair((4, 5)).first, Count(3) + 1, type(Count(3) + 1).__name__)
print(Blob(b"ab"), type(Blob(b"ab")).__name__, Blob(3), Blob([65, 66]), Blob("hi", "ascii"))
print(type(Blob.fromhex("4142")).__name__, isinstance(Blob(b""), bytes), Blob(b"xy") == b"xy")


class Money(Count):
    __slots__ = ()


print(attrs(Money(5)), Money(5) * 2)


class Loose(Count):
    pass


lo = Loose(1)
lo.note = "has a dict again"
print(lo.__dict__, hasattr(Count(1), "__dict__"))

# named slots live beside the builtin value
class Label(str):
    __slots__ = ("color",)


class Temp(float):
    __slots__ = ("unit", "source")


class Tags(list):
    __slots__ = ("owner",)


class Table(dict):
    __slots__ = ("name",)


class Bag(set):
    __slots__ = ("kind",)


class Buf(bytearray):
    __slots__ = ("pos",)


lab = Label("go")
lab.color = "green"
t = Temp(21.5)
t.unit = "C"
tg = Tags([1, 2])
tg.owner = "me"
tb = Table(a=1)
tb.name = "tbl"
bg = Bag({1})
bg.kind = "ints"
bf = Buf(b"xyz")
bf.pos = 2
print(lab, lab.color, lab.upper(), t, t.unit, t * 2, tg, tg.owner, len(tg), tb, tb.name, bg, bg.kind, bf, bf.pos)
for o in [lab, t, tg, tb, bg, bf]:
    print(attrs(o))
try:
    t.source
except AttributeError as ex:
    print("AttributeError", ex)
del t.unit
try:
    t.unit
except AttributeError as ex:
    print("AttributeError", ex)
print(sorted(k for k in Temp.__dict__ if not k.startswith("__")), type(Temp.unit).__name__)
try:
    Temp.unit.__get__(1.5)
except TypeError as ex:
    print("TypeError", ex)


class Inner(Label):
    __slots__ = ("size",)


i = Inner("in")
i.color, i.size = "red", 3
print(i, i.color, i.size, attrs(i))


class WithDict(str):
    __slots__ = ("a", "__dict__")


w = WithDict("w")
w.a = 1
w.b = 2
print(w.a, w.__dict__, attrs(w))

# variable-size builtins take no slots at all
for base in (int, tuple, bytes, Count):
    for slots in [("x",), ("__dict__",), ("__weakref__",), "x"]:
        try:
            type("S", (base,), {"__slots__": slots})
            print(base.__name__, slots, "ok")
        except TypeError as ex:
            print(base.__name__, slots, "TypeError", ex)
for base in (int, str, list):
    cls = type("Empty", (base,), {"__slots__": []})
    print(base.__name__, hasattr(cls(), "__dict__"), cls.__slots__)

# exceptions keep their dict whatever the slots say
class Quiet(Exception):
    __slots__ = ()


q = Quiet("boom")
q.detail = 42
print(q.__dict__, q)
