# atexit: handlers run last-registered first after the program ends, with
# their arguments; unregister removes every registration; errors are reported.
import atexit


def say(*args, **kw):
    print("exit:", args, sorted(kw.items()))


class Boom:
    def __call__(self):
        raise ValueError("handler failed")

    def __repr__(self):
        return "Boom()"


class Named:
    def __call__(self):
        print("exit: callable object")

    def __repr__(self):
        return "Named()"


print(atexit.register(say, 1, 2, k="v") is say)
atexit.register(say, "first")
atexit.register(Boom())
atexit.register(Named())
atexit.register(say, "second")
print(atexit._ncallbacks())
atexit.register(print, "to be removed")
atexit.register(print, "to be removed too")
atexit.unregister(print)
try:
    atexit.register(42)
except TypeError as e:
    print("TypeError:", e)
try:
    atexit.register()
except TypeError as e:
    print("TypeError:", e)
print("main done")
