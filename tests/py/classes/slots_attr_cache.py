# __slots__ members read and written at the same code sites again and again
# (the attribute caches' slot entries): unset members, subclasses adding
# slots or a __dict__, a class whose member is replaced while running, a
# subclass with __setattr__/__getattribute__, and a slotted object shared by
# threads.
import threading


class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Q(P):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class D(P):
    pass


def total(objs):
    t = 0
    for o in objs:
        t += o.x * 10 + o.y      # one site, several classes
    return t


def bump(objs):
    for o in objs:
        o.x = o.x + 1


objs = [P(1, 2), Q(3, 4, 5), D(6, 7), P(8, 9)]
for _ in range(3):
    bump(objs)
print(total(objs), [o.x for o in objs])
d = objs[2]
d.extra = "dict"
print(d.extra, hasattr(objs[0], "__dict__"), hasattr(d, "__dict__"))


def read_x(o):
    return o.x


p = P(1, 2)
for _ in range(5):
    read_x(p)
del p.x
for _ in range(2):
    try:
        read_x(p)
    except AttributeError as e:
        print("AttributeError:", e)
p.x = 42
print(read_x(p))

try:
    p.w = 1
except AttributeError as e:
    print("AttributeError:", e)


class R:
    __slots__ = ("v",)


def set_v(o, v):
    o.v = v


def get_v(o):
    return o.v


r = R()
for i in range(4):
    set_v(r, i)
print(get_v(r))
R.v = property(lambda self: "property now", lambda self, v: print("setter got", v))
print(get_v(r))
set_v(r, 99)


class Logged(P):
    __slots__ = ()

    def __setattr__(self, name, value):
        print("setattr", name, value)
        object.__setattr__(self, name, value)

    def __getattribute__(self, name):
        v = object.__getattribute__(self, name)
        return ("seen", v) if name == "x" else v


lg = Logged(5, 6)
bump_target = [P(0, 0), lg]
for o in bump_target:
    o.y = 7
print(read_x(P(3, 3)), read_x(lg))


class Counter:
    __slots__ = ("n", "lock")

    def __init__(self):
        self.n = 0
        self.lock = threading.Lock()


c = Counter()


def work():
    for _ in range(20000):
        with c.lock:
            c.n = c.n + 1


ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter:", c.n)
holder = Counter()


def publish():
    holder.n = [i * i for i in range(5)]


t = threading.Thread(target=publish)
t.start()
t.join()
print("published:", holder.n)
