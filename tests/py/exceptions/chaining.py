# __cause__, __context__ and __suppress_context__.
def show(e):
    print(type(e).__name__, repr(str(e)))
    print("  cause:", type(e.__cause__).__name__ if e.__cause__ else None)
    print("  context:", type(e.__context__).__name__ if e.__context__ else None)
    print("  suppress:", e.__suppress_context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("implicit")
except ValueError as e:
    show(e)

try:
    try:
        {}["k"]
    except KeyError as ke:
        raise TypeError("explicit") from ke
except TypeError as e:
    show(e)
    print("  cause is context:", e.__cause__ is e.__context__)

try:
    try:
        [][0]
    except IndexError:
        raise RuntimeError("hidden") from None
except RuntimeError as e:
    show(e)

try:
    raise ValueError("outer") from KeyError("unrelated")
except ValueError as e:
    show(e)
    print("  cause args:", e.__cause__.args)

try:
    raise ValueError("from class") from KeyError
except ValueError as e:
    print(type(e.__cause__).__name__, e.__cause__.args)

try:
    raise ValueError from 5
except TypeError as e:
    print("TypeError:", e)

try:
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise IndexError("second")
        except IndexError:
            raise ValueError("third")
except ValueError as e:
    c = e
    names = []
    while c is not None:
        names.append(type(c).__name__)
        c = c.__context__
    print(" <- ".join(names))

def in_finally():
    try:
        raise KeyError("in try")
    finally:
        raise ValueError("in finally")
try:
    in_finally()
except ValueError as e:
    show(e)

e = ValueError("manual")
e.__cause__ = KeyError("set")
print(e.__suppress_context__)
e.__suppress_context__ = False
print(e.__suppress_context__)
try:
    e.__cause__ = "bad"
except TypeError as ex:
    print("TypeError:", ex)
try:
    e.__context__ = 1
except TypeError as ex:
    print("TypeError:", ex)

try:
    try:
        raise KeyError("same")
    except KeyError as k:
        raise k
except KeyError as e:
    print("re-raise same object context:", e.__context__)

err = ValueError("reused")
try:
    try:
        raise err
    except ValueError:
        raise TypeError("wrapper")
except TypeError as t:
    print(t.__context__ is err)
