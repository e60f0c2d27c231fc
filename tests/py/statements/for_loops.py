# for loops over many iterables with break / continue / else
for ch in "abc":
    print(ch, end=" ")
print()
for i in range(10):
    if i % 3 == 0:
        continue
    if i == 8:
        break
    print(i, end=" ")
else:
    print("no else because of break")
print()
for x in []:
    print("never")
else:
    print("else on empty loop")
for x in [1, 2, 3]:
    pass
else:
    print("else after complete loop, x =", x)
def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            print("found", target, "at", i)
            break
    else:
        print(target, "not found")
find([5, 6, 7], 6)
find([5, 6, 7], 9)
for k, v in {"a": 1, "b": 2}.items():
    print(k, v)
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    print(a + b + c)
for i in range(3):
    for j in range(3):
        if j > i:
            break
        print((i, j), end=" ")
print()
for x in range(3):
    pass
print("loop var after loop:", x)
for [p, q] in ["xy", "zw"]:
    print(p, q)
obj = type("O", (), {})()
for obj.attr in [1, 2]:
    pass
print(obj.attr)
d = {}
for d["k"] in "ab":
    pass
print(d)
lst = [0, 0, 0]
for i, lst[i] in enumerate("xyz"):
    pass
print(lst)
for i in range(5):
    i *= 10
    print(i, end=" ")
print()
