# operator with its native half (_operator): functions, getters, errors.
import operator
import _operator
import pickle
import copy

print(operator.add is _operator.add, operator.__add__ is _operator.add)
print(type(operator.itemgetter).__module__, operator.itemgetter.__name__)
print(sorted(n for n in dir(_operator) if not n.startswith("__")))

print(operator.add(2, 3), operator.sub(2.5, 1), operator.mul("ab", 3), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.matmul.__name__)
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.lshift(1, 5), operator.rshift(64, 3))
print(operator.neg(5), operator.pos(-5), operator.inv(5), operator.invert(0), operator.abs(-3.5))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1.0), operator.ne(1, 2), operator.gt(1, 2), operator.ge(3, 2))
print(operator.lt([1], [2]), operator.eq("a", 1))
print(operator.not_([]), operator.truth([0]), operator.is_(None, None), operator.is_not(1, None))
print(operator.index(7), operator.concat([1], [2]), operator.concat("a", "b"))
print(operator.contains([1, 2], 2), operator.countOf([1, 2, 1, 1.0], 1), operator.indexOf("abc", "c"))
d = {"a": 1}
operator.setitem(d, "b", 2)
operator.delitem(d, "a")
print(d, operator.getitem(d, "b"), operator.getitem([1, 2, 3], slice(1, None)))
print(operator.length_hint([1, 2, 3]), operator.length_hint(iter(range(5))), operator.length_hint(object(), 7))
print(operator.call(max, 3, 9, key=lambda x: -x))

l = [1]
r = operator.iadd(l, [2])
print(r is l, l)
x = 5
print(operator.iadd(x, 1), operator.isub(x, 1), operator.imul(x, 2), operator.itruediv(x, 2),
      operator.ifloordiv(x, 2), operator.imod(x, 2), operator.ipow(x, 2), operator.ilshift(x, 1),
      operator.irshift(x, 1), operator.iand(x, 4), operator.ior(x, 2), operator.ixor(x, 1))
print(operator.iconcat([1], (2,)))


class V:
    def __init__(self, v):
        self.v = v

    def __matmul__(self, o):
        return V(self.v * o.v)

    def __imatmul__(self, o):
        self.v += o.v
        return self

    def __length_hint__(self):
        return self.v


print(operator.matmul(V(2), V(3)).v, operator.imatmul(V(2), V(3)).v, operator.length_hint(V(4)))

# itemgetter / attrgetter / methodcaller
g = operator.itemgetter(1)
print(g([10, 20]), g((7, 8)), g({1: "one"}), g("xy"), repr(g))
g2 = operator.itemgetter(0, -1, "k" if False else 1)
print(g2("abc"), repr(g2))
print(sorted([(2, "b"), (1, "z"), (3, "a")], key=operator.itemgetter(1)))


class P:
    pass


p = P()
p.name = P()
p.name.first = "Ada"
p.age = 36
a = operator.attrgetter("age")
a2 = operator.attrgetter("name.first", "age")
print(a(p), a2(p), repr(a), repr(a2))
m = operator.methodcaller("split", ",", maxsplit=1)
print(m("a,b,c"), repr(m), repr(operator.methodcaller("upper")))
print(operator.methodcaller("upper")("abc"))

for obj in (g, g2, a, a2, operator.methodcaller("upper"), m):
    r = obj.__reduce__()
    c = copy.copy(obj)
    q = pickle.loads(pickle.dumps(obj))
    print(type(r[0]).__name__, repr(c) == repr(obj), repr(q) == repr(obj))
print(operator.itemgetter(2).__reduce__())
print(operator.attrgetter("a.b", "c").__reduce__())
print(operator.methodcaller("f", 1, 2).__reduce__())

print(_operator._compare_digest(b"abc", b"abc"), _operator._compare_digest(b"abc", b"abd"),
      _operator._compare_digest("ab", "ab"), _operator._compare_digest(bytearray(b"x"), b"x"),
      _operator._compare_digest(b"a", b"ab"))


def err(f, *a, **k):
    try:
        r = f(*a, **k)
        print("no error", r)
    except Exception as e:
        print(type(e).__name__, e)


err(operator.add, 1, "a")
err(operator.add, 1)
err(operator.add, 1, 2, 3)
err(operator.add, a=1, b=2)
err(operator.lt, 1, "a")
err(operator.neg, "a")
err(operator.neg)
err(operator.inv, 1.5)
err(operator.index, 1.5)
err(operator.concat, 1, 2)
err(operator.concat, [1], (2,))
err(operator.indexOf, [1, 2], 3)
err(operator.countOf, 5, 1)
err(operator.getitem, {}, "missing")
err(operator.getitem, [1], 5)
err(operator.itemgetter("missing"), {})
err(operator.itemgetter(5), [1])
err(operator.itemgetter(0), 5)
err(operator.itemgetter)
err(operator.itemgetter, 1, key=2)
err(operator.itemgetter(1))
err(operator.itemgetter(1), [1, 2], [3])
err(operator.itemgetter(1), obj=[1, 2])
err(operator.attrgetter("nope"), p)
err(operator.attrgetter("name.last"), p)
err(operator.attrgetter, 1)
err(operator.attrgetter)
err(operator.methodcaller)
err(operator.methodcaller, 5)
err(operator.methodcaller("nope"), 1)
err(operator.methodcaller("upper", 1), "a")
err(operator.length_hint, [], "x")
err(operator.length_hint)


class BadHint:
    def __init__(self, v):
        self.v = v

    def __length_hint__(self):
        return self.v


err(operator.length_hint, BadHint(-1))
err(operator.length_hint, BadHint("x"))
print(operator.length_hint(BadHint(NotImplemented), 3))
err(_operator._compare_digest, "é", "é")
err(_operator._compare_digest, "a", b"a")
err(_operator._compare_digest, 1, 2)
err(operator.call)
try:
    class Sub(operator.itemgetter):
        pass
except TypeError as e:
    print("TypeError", e)
