# the operator module mirrors the language operators
import operator as op
print(op.add(2, 3), op.sub(2, 3), op.mul(2, 3), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 2), op.pow(2, 5), op.neg(4), op.pos(-4), op.abs(-4))
print(op.and_(6, 3), op.or_(6, 3), op.xor(6, 3), op.invert(6), op.lshift(1, 4), op.rshift(16, 2), op.not_(0), op.truth([]))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne(1, 2), op.ge(1, 2), op.gt(3, 2), op.is_(None, None), op.is_not(1, None))
print(op.contains([1, 2], 2), op.getitem("abc", 1), op.concat([1], [2]), op.countOf([1, 1, 2], 1), op.indexOf("abc", "c"), op.index(7))
d = {"a": 1}
op.setitem(d, "b", 2)
op.delitem(d, "a")
print(d)
print(op.itemgetter(1)("abc"), op.itemgetter(0, 2)("abc"), op.itemgetter("k")({"k": "v"}))
print(op.attrgetter("real")(3 + 4j), op.attrgetter("imag", "real")(3 + 4j))
print(op.methodcaller("upper")("abc"), op.methodcaller("split", ",")("a,b"), op.methodcaller("replace", "a", "b")("aa"))
print(sorted([("b", 2), ("a", 3), ("c", 1)], key=op.itemgetter(1)))
x = [1]
print(op.iadd(x, [2]), x, op.iconcat(x, [3]), op.imul(x, 2) is x)
print(op.length_hint([1, 2, 3]), op.length_hint(iter([]), 5))
