# A property read in a loop runs its getter as a frame of the reading loop:
# every way the answer can change between two reads must be seen.
import sys


class Box:
    def __init__(self, v):
        self.v = v

    @property
    def double(self):
        return self.v * 2


def reads(obj, n=3):
    return [obj.double for _ in range(n)]


b = Box(4)
print(reads(b))
b.v = 5
print(reads(b))

# The instance dict cannot shadow a property (a data descriptor).
b.__dict__["double"] = "shadow"
print(reads(b), b.__dict__["double"])

# The class's property replaced, then deleted: the next read sees it.
print(reads(b, 2))
Box.double = property(lambda self: "new")
print(reads(b, 2))
del Box.double
print(reads(b, 2))

# property.__init__ called again rebinds the getter of the same property.
class P:
    @property
    def x(self):
        return "first"


p = P()
print([p.x for _ in range(3)])
P.__dict__["x"].__init__(lambda self: "second")
print([p.x for _ in range(3)])


# A getter raising AttributeError: the traceback names the getter's frame;
# with __getattr__ on the class, __getattr__ answers.
class NoGetattr:
    @property
    def broken(self):
        return self.missing


class WithGetattr(NoGetattr):
    def __getattr__(self, name):
        return "getattr:" + name


for cls in (NoGetattr, WithGetattr):
    o = cls()
    for _ in range(3):
        try:
            print(o.broken)
        except AttributeError as e:
            tb = e.__traceback__
            names = []
            while tb is not None:
                names.append(tb.tb_frame.f_code.co_name)
                tb = tb.tb_next
            print("AttributeError", e, names)

# __getattr__ added to the class after reads were cached.
class Late:
    @property
    def broken(self):
        raise AttributeError("from getter")


lo = Late()
for i in range(4):
    if i == 2:
        Late.__getattr__ = lambda self, name: "late:" + name
    try:
        print(lo.broken)
    except AttributeError as e:
        print("AttributeError", e)

# A getter with a builtin function (no frame), a getter that is a generator
# function, a getter with a default argument, a subclass of property.
class Kinds:
    size = property(len)

    @property
    def gen(self):
        yield 1

    def _dflt(self, extra=10):
        return extra

    dflt = property(_dflt)

    def __len__(self):
        return 7


class MyProp(property):
    pass


class Sub(Kinds):
    @MyProp
    def mine(self):
        return "mine"


k = Sub()
for _ in range(2):
    print(k.size, type(k.gen).__name__, k.dflt, k.mine)


# Profiler events: the getter's call and return are reported.
def prof(frame, event, arg):
    if frame.f_code.co_name in ("double", "read_once"):
        print("profile", event, frame.f_code.co_name)


def read_once(o):
    return o.double


Box.double = property(lambda self: self.v * 2)
Box.double.fget.__code__ = Box.double.fget.__code__.replace(co_name="double")
b2 = Box(1)
read_once(b2)
read_once(b2)
sys.setprofile(prof)
read_once(b2)
sys.setprofile(None)

# Recursion through a property ends in RecursionError, not a crash.
class Deep:
    @property
    def down(self):
        return self.down


try:
    Deep().down
except RecursionError as e:
    print("RecursionError", e)

# A getter that is a closure, and one that takes *args.
def make(tag):
    def getter(self):
        return tag + str(self.v)
    return getter


class C2:
    v = 3
    tagged = property(make("t"))
    star = property(lambda *a: len(a))


c2 = C2()
print([c2.tagged for _ in range(2)], [c2.star for _ in range(2)])
