# %-formatting of numbers: a conversion that fails with TypeError is
# reported as the format's own error; other errors pass through.


def show(label, fmt, value):
    try:
        print(label, repr(fmt % value))
    except Exception as e:
        print(label, type(e).__name__, e)


class Angle(complex):
    pass


class IndexGoesWrong:
    def __index__(self):
        return "seven"


class IntFails:
    def __int__(self):
        raise ArithmeticError("refusing int()")


class IntTypeError:
    def __int__(self):
        raise TypeError("inner message")


for spec in ("%d", "%i", "%u", "%x", "%o"):
    show(spec + " complex", spec, 2 + 1j)
    show(spec + " complex subclass", spec, Angle(3))
    show(spec + " bad __index__", spec, IndexGoesWrong())
    show(spec + " __int__ raises", spec, IntFails())
    show(spec + " __int__ TypeError", spec, IntTypeError())
    show(spec + " bytes fmt complex", spec.encode(), 4j)

# Precision cuts %b and %s of bytes.
for fmt, args in [
    (b"[%.2b]", (b"spam",)),
    (b"[%*.*b]", (6, 3, b"eggs")),
    (b"[%-*.*b]", (6, 1, b"ham")),
    (b"[%.0s]", (b"toast",)),
    (b"[%5.9b]", (b"jam",)),
]:
    show("bytes", fmt, args)
