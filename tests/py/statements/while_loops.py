# while loops with break, continue and else
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n =", n)
else:
    print("while finished normally, n =", n)
m = 0
while True:
    m += 3
    if m > 10:
        print("break at", m)
        break
else:
    print("not printed")
k = 10
while k > 0:
    k -= 4
else:
    print("else runs when condition false, k =", k)
while False:
    print("never")
else:
    print("else of never-run loop")
i = 0
total = 0
while i < 100:
    i += 1
    if i % 2:
        continue
    if i > 20:
        break
    total += i
print("sum of evens up to 20:", total, "i =", i)
a, b = 0, 1
fibs = []
while a < 100:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
outer = 0
while outer < 3:
    inner = 0
    while inner < 3:
        if inner == outer:
            inner += 1
            continue
        print(outer, inner, end="; ")
        inner += 1
    outer += 1
print()
stack = [1, [2, [3, [4]]]]
depth = 0
while stack:
    depth += 1
    stack = stack[1] if len(stack) > 1 else []
print("depth", depth)
