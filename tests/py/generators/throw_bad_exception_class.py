# gen.throw(cls): an error instantiating cls is what the generator gets
# thrown; the generator may handle it.


class Odd(Exception):
    def __new__(cls, *args):
        return cls


class Angry(Exception):
    def __init__(self, *args):
        raise KeyError("refusing to be made")


def plain():
    yield 1


for cls in (Odd, Angry):
    g = plain()
    try:
        g.throw(cls)
    except Exception as e:
        print(cls.__name__, type(e).__name__, e)
    try:
        next(g)
    except StopIteration:
        print("finished")


def handler():
    while True:
        try:
            yield "waiting"
        except Exception as e:
            yield "caught %s: %s" % (type(e).__name__, e)


g = handler()
next(g)
print(g.throw(Odd))
next(g)
print(g.throw(Angry, ("x",)))
try:
    g.throw(3)
except TypeError as e:
    print(type(e).__name__, e)
try:
    g.throw(ValueError(), 1)
except TypeError as e:
    print(type(e).__name__, e)
print(next(g))
