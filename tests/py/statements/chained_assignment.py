# chained assignment binds every target to the same object
a = b = c = []
a.append(1)
print(a, b, c, a is b is c)
x = y = 5
x += 1
print(x, y)
s = t = "str"
s += "!"
print(s, t)
d = {}
d["a"] = d["b"] = d
print(sorted(d), d["a"] is d)
class O:
    pass
o = O()
o.p = o.q = [0]
o.p.append(1)
print(o.q)
first = second = third = 0
for i in range(3):
    first = second = i
print(first, second, third)
m = n = (1, [2])
m[1].append(3)
print(n)
u, v = w = (1, 2)
print(u, v, w)
p = q, r = [3, 4]
print(p, q, r)
lst = [0, 0, 0]
i = lst[i] = 1 if False else 2
print(i, lst) if False else print("skip")
k = 0
lst2 = [10, 20, 30]
k = lst2[k] = 1
print(k, lst2)
