# deque rotate/reverse/insert/remove/index/del edge cases against a list model.
from collections import deque

d = deque(range(7))
for n in [1, -1, 0, 3, -3, 7, -7, 8, -8, 15, -100, 10 ** 6 + 3]:
    d.rotate(n)
    print(n, list(d))
d.rotate()
print(d)
e = deque()
e.rotate(5)
one = deque(["x"])
one.rotate(-4)
print(e, one)

d.reverse()
print(d)
e.reverse()
one.reverse()
print(e, one)

# insert at every position, with negatives and out-of-range
for i in [-10, -3, -1, 0, 1, 2, 5, 6, 7, 100]:
    t = deque("abcdef")
    t.insert(i, "*")
    L = list("abcdef")
    L.insert(i, "*")
    print(i, "".join(t), "".join(t) == "".join(L))

# remove the first match only
r = deque([1, 2, 3, 2, 1])
r.remove(2)
print(r)
r.remove(1)
print(r)
r.remove(1)
print(r)

# index with start/stop like list.index
x = deque("abcabcabc")
print(x.index("c"), x.index("c", 3), x.index("c", -1), x.index("a", -100, 100), x.index("b", 2, 5))
for args in [("c", 3, 5), ("a", 1, 1), ("a", 5, 2), ("z",)]:
    try:
        x.index(*args)
    except ValueError as e:
        print("ValueError:", e)

# negative indexes and deletion everywhere
y = deque(range(10))
print(y[-1], y[-10], y[0], y[9])
for i in [0, -1, 3, -4, 2]:
    del y[i]
    print(i, list(y))

# a randomized comparison with a list model (fixed seed, deterministic)
seed = 12345


def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) % (2 ** 31)
    return seed % n


dq = deque()
model = []
for step in range(3000):
    op = rand(9)
    if op == 0:
        dq.append(step); model.append(step)
    elif op == 1:
        dq.appendleft(step); model.insert(0, step)
    elif op == 2 and model:
        assert dq.pop() == model.pop()
    elif op == 3 and model:
        assert dq.popleft() == model.pop(0)
    elif op == 4:
        k = rand(11) - 5
        dq.rotate(k)
        if model:
            k %= len(model)
            model[:] = model[-k:] + model[:-k] if k else model
    elif op == 5:
        i = rand(len(model) + 3) - 1
        dq.insert(i, -step); model.insert(i, -step)
    elif op == 6 and model:
        i = rand(len(model))
        del dq[i]; del model[i]
    elif op == 7 and model:
        v = model[rand(len(model))]
        dq.remove(v); model.remove(v)
    elif op == 8:
        dq.reverse(); model.reverse()
    if list(dq) != model:
        print("MISMATCH at", step)
        break
print("random ops ok", len(dq), list(dq) == model, sum(dq) == sum(model))
print(list(dq)[:8])
