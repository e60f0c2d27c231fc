# Computed attributes of builtin types are getset or member descriptors:
# their kind, their repr, their owner, and the TypeError for a receiver of
# another type (a descriptor read straight from the class).


def attempt(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


owners = [
    (int, ["real", "imag", "numerator", "denominator"]),
    (float, ["real", "imag"]),
    (memoryview, ["obj", "format", "itemsize", "nbytes", "readonly", "ndim",
                  "shape", "strides", "suboffsets", "contiguous",
                  "c_contiguous", "f_contiguous"]),
    (type({}.keys()), ["mapping"]),
    (type({}.values()), ["mapping"]),
    (type({}.items()), ["mapping"]),
    (BaseExceptionGroup, ["message", "exceptions"]),
]
for cls, names in owners:
    for n in names:
        d = cls.__dict__[n]
        print(cls.__name__, n, type(d).__name__, d.__name__,
              d.__objclass__.__name__, repr(d))
        attempt("  on 'x'", lambda: d.__get__("x"))
        attempt("  class", lambda: d.__get__(None, cls) is d)

# values through instances, subclasses included
class I(int):
    pass


class F(float):
    pass


print((7).real, (7).imag, (7).numerator, (7).denominator, True.real)
print(I(9).real, type(I(9).real).__name__, I(9).denominator)
print((2.5).real, (2.5).imag, F(1.5).real, type(F(1.5).real).__name__)
m = memoryview(bytearray(b"abcdef")).cast("B", (2, 3))
print(m.format, m.itemsize, m.nbytes, m.readonly, m.ndim, m.shape, m.strides,
      m.suboffsets, m.contiguous, m.c_contiguous, m.f_contiguous,
      type(m.obj).__name__)
d = {"a": 1}
print(d.keys().mapping, d.items().mapping["a"], d.values().mapping == d)
eg = ExceptionGroup("several", [ValueError(1), TypeError(2)])
print(eg.message, eg.exceptions)
print(int.real.__get__(True), float.imag.__get__(F(3.0)))

# they cannot be set or deleted
attempt("set real", lambda: setattr(5, "real", 1))
attempt("set format", lambda: setattr(m, "format", "B"))
attempt("del nbytes", lambda: delattr(m, "nbytes"))
attempt("set mapping", lambda: setattr(d.keys(), "mapping", {}))
attempt("set message", lambda: setattr(eg, "message", "x"))
m.release()
attempt("released", lambda: m.format)
