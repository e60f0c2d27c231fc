# Bare raise re-raises the exception currently being handled.
def reraise():
    try:
        raise ValueError("original")
    except ValueError:
        print("  logging and re-raising")
        raise

try:
    reraise()
except ValueError as e:
    print("outer got:", e)

try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)

def helper_raise():
    raise

try:
    try:
        raise KeyError("inside")
    except KeyError:
        helper_raise()
except KeyError as e:
    print("helper re-raised:", e)

try:
    try:
        raise KeyError("first")
    except KeyError:
        try:
            raise ValueError("second")
        except ValueError:
            pass
        raise
except KeyError as e:
    print("after nested handler, bare raise gives:", repr(e))

def after_handler():
    try:
        raise IndexError("gone")
    except IndexError:
        pass
    raise
try:
    after_handler()
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    try:
        raise TypeError("modified")
    except TypeError as e:
        e.args = ("changed message",)
        raise
except TypeError as e:
    print(e)

def in_finally():
    try:
        raise ValueError("from try")
    finally:
        print("  finally runs before propagation")
try:
    in_finally()
except ValueError as e:
    print("propagated:", e)

def raise_in_else():
    try:
        pass
    except Exception:
        pass
    else:
        raise
try:
    raise_in_else()
except RuntimeError as e:
    print("RuntimeError:", e)

import sys
try:
    raise KeyError("info")
except KeyError:
    et, ev, tb = sys.exc_info()
    print(et.__name__, ev, tb is not None)
    print(sys.exception() is ev if hasattr(sys, "exception") else "no sys.exception")
print(sys.exc_info())

def gen():
    try:
        raise ValueError("in gen")
    except ValueError:
        yield "suspended in handler"
        raise
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("generator re-raised:", e)
