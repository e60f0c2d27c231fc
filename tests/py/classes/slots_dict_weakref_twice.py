# __slots__ may list __dict__ and __weakref__ only when no base gives them
# already; listing either twice, or over a base that has it, is a TypeError.


class Plain:
    pass


class Slotted:
    __slots__ = ("a",)


class WithWeak:
    __slots__ = ("__weakref__",)


def attempt(label, bases, slots):
    try:
        t = type("T", bases, {"__slots__": slots})
        print(label, "ok", hasattr(t, "__dict__"), hasattr(t, "__weakref__"))
    except TypeError as e:
        print(label, "TypeError:", e)


attempt("dict twice", (), ("__dict__", "__dict__"))
attempt("weakref twice", (), ("__weakref__", "__weakref__"))
attempt("dict over plain", (Plain,), "__dict__")
attempt("weakref over plain", (Plain,), "__weakref__")
attempt("dict over slotted", (Slotted,), "__dict__")
attempt("weakref over slotted", (Slotted,), ("__weakref__",))
attempt("weakref over weak", (WithWeak,), ("__weakref__",))
attempt("dict over weak", (WithWeak,), ("__dict__",))
attempt("both on object", (), ("__dict__", "__weakref__"))
