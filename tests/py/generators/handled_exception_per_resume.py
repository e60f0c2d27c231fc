# A generator's sys.exc_info() is its own handled exception when it has
# one, else its current caller's: leaving an except block inside the
# generator goes back to "none of its own", whichever caller resumed it.
import sys


def now():
    t = sys.exc_info()[0]
    return t.__name__ if t else None


def leaves_handler():
    try:
        raise ValueError
    except ValueError:
        yield ("in handler", now())
    yield ("after handler", now())
    try:
        raise KeyError
    except KeyError:
        pass
    yield ("after second handler", now())


g = leaves_handler()
try:
    raise IndexError
except IndexError:
    print(next(g), now())
print(next(g), now())
try:
    raise OSError
except OSError:
    print(next(g), now())
print(now())


def thrown_into():
    try:
        try:
            yield now()
        except ValueError:
            yield ("caught", now())
            raise TypeError
    except TypeError as e:
        yield ("outer", now(), type(e.__context__).__name__)
    yield ("after", now())
    yield ("end", now())


t = thrown_into()
print(next(t))
try:
    raise ValueError
except ValueError as e:
    print(t.throw(e))
    print(next(t))
    print(next(t))
print(next(t))
print(now())


# A caller still handling an exception shows it to the generator, before
# and after the generator's own handlers.
def sees_caller():
    yield now()
    try:
        1 / 0
    except ZeroDivisionError:
        yield now()
    yield now()


s = sees_caller()
try:
    raise LookupError
except LookupError:
    print(list(s), now())


# Nested generators: each has its own state.
def inner():
    try:
        raise AttributeError
    except AttributeError:
        yield now()
    yield now()


def outer():
    try:
        raise NameError
    except NameError:
        yield from inner()
        yield now()
    yield now()


print(list(outer()))
try:
    raise RuntimeError
except RuntimeError:
    print(list(outer()))


async def co():
    try:
        raise ValueError
    except ValueError:
        pass
    return now()


c = co()
try:
    raise KeyError
except KeyError:
    try:
        c.send(None)
    except StopIteration as e:
        print("coroutine", e.value)
