# Long runs of moves to the front and pops from the front, interleaved with
# inserts, deletions and moves to the end, checked step by step against a
# list that models the order.
from collections import OrderedDict

od = OrderedDict()
model = []
x = 7
mismatch = 0
for step in range(20000):
    x = (x * 1103515245 + 12345) % 2147483648
    op = x % 7
    k = (x >> 8) % 300
    if op <= 1:
        if k in od:
            od.move_to_end(k, last=False)
            model.remove(k)
            model.insert(0, k)
    elif op == 2 and od:
        got = od.popitem(last=False)
        want = model.pop(0)
        if got != (want, want * 2):
            mismatch += 1
    elif op == 3:
        if k in od:
            od.move_to_end(k)
            model.remove(k)
            model.append(k)
    elif op == 4:
        if k in od:
            del od[k]
            model.remove(k)
    else:
        if k not in od:
            model.append(k)
        od[k] = k * 2
    if step % 97 == 0 and list(od) != model:
        mismatch += 1
print("steps", step + 1, "mismatches", mismatch, "len", len(od), len(model))
print(list(od) == model, list(reversed(od)) == model[::-1])
print(all(od[k] == k * 2 for k in model), sum(model))
# A queue: append at the end, take from the front.
q = OrderedDict()
total = 0
for i in range(50000):
    q[i] = i
    if len(q) > 100:
        total += q.popitem(last=False)[0]
print(len(q), next(iter(q)), total)
