# identity comparisons with is / is not (no id() printed)
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, b is not a)
print(None is None, type(None)() is None, ... is Ellipsis, NotImplemented is NotImplemented)
print(True is True, (1 == 1) is True, bool(0) is False, not None is True)
def returns_none():
    pass
print(returns_none() is None, print is print, len is len, int is type(5))
x = object()
y = x
print(x is y, x is object(), x == y, x != object())
d = {}
e = d.setdefault("k", [])
e.append(1)
print(d["k"] is e, d)
t = (a, a)
print(t[0] is t[1], t[0] is a)
s = "interned"
print(s is s, s[:] is s, a[:] is a, tuple(t) is t, frozenset() == frozenset())
class Node:
    pass
n1, n2 = Node(), Node()
n1.next = n2
n2.next = n1
print(n1.next.next is n1, n1.next is n2, n2.next is n2)
lst = [Node()] * 3
print(lst[0] is lst[2], [Node() for _ in range(2)][0] is not None)
