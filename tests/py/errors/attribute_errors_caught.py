# AttributeError messages for many kinds of objects.
def attempt(label, fn):
    try:
        fn()
        print(label, "-> no error")
    except (AttributeError, TypeError) as e:
        print(f"{label}: {type(e).__name__}: {e}")

class Plain:
    pass
class WithSlots:
    __slots__ = ("a",)
class Prop:
    @property
    def ro(self):
        return 1
import sys

attempt("instance", lambda: Plain().missing)
attempt("class", lambda: Plain.missing)
attempt("int", lambda: (5).missing)
attempt("str method", lambda: "s".upperr())
attempt("None", lambda: None.missing)
attempt("module", lambda: sys.missing_attr)
attempt("type builtin", lambda: int.missing)
attempt("function", lambda: attempt.missing)
attempt("list", lambda: [].missing)
attempt("dict", lambda: {}.missing)
attempt("slots unset", lambda: WithSlots().a)
attempt("slots new attr", lambda: setattr(WithSlots(), "b", 1))
attempt("property set", lambda: setattr(Prop(), "ro", 2))
attempt("set on int", lambda: setattr(5, "x", 1))
attempt("set on builtin type", lambda: setattr(int, "x", 1))
attempt("del missing", lambda: delattr(Plain(), "nothing"))
attempt("object()", lambda: setattr(object(), "x", 1))
attempt("tuple append", lambda: (1,).append(2))
attempt("bool", lambda: True.missing)
attempt("float", lambda: (1.5).missing)
class Holder:
    def m(self):
        pass
attempt("bound method attr", lambda: Holder().m.missing)
attempt("generator", lambda: (x for x in []).missing)
attempt("getattr default not used", lambda: getattr(Plain(), "x"))
print(getattr(Plain(), "x", "default"), hasattr(Plain(), "x"))
e = AttributeError("custom")
print(repr(e), e.name, e.obj)
try:
    Plain().lookup_name
except AttributeError as err:
    print(err.name, type(err.obj).__name__)
try:
    (7).real_part
except AttributeError as err:
    print(err.name, err.obj)
