# simple, chained, tuple, list, attribute and subscript assignment
a = 1
b = c = d = [0]
print(a, b, c, d, b is d)
b.append(1)
print(c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, t] = "st"
print(s, t)
u, = [42]
print(u)
(v) = 5
print(v)
m = n = o = "same"
print(m, n, o)
class Box:
    pass
box = Box()
box.value = 10
box.items = [1, 2]
box.items[0] = "first"
print(box.value, box.items)
data = {}
data["k"] = data["j"] = 0
print(data)
lst = [0] * 4
lst[0], lst[1] = "a", "b"
lst[-1] = "last"
print(lst)
i = 0
i, lst[i] = 2, "X"
print(i, lst)
nested = [[0, 0], [0, 0]]
nested[1][0] = 5
print(nested)
ab = a, b = 7, 8
print(ab, a, b)
x = [1, 2, 3]
x[1:2] = [20, 21]
print(x)
first, second, third = range(3)
print(first, second, third)
k1, k2 = {"one": 1, "two": 2}
print(k1, k2)
e1, e2 = {"only"}, {"pair"}
print(e1, e2)
_ = "underscore is a normal name"
print(_)
