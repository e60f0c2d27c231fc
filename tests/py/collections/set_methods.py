# every set method with small ints
s = {1, 2, 3}
s.add(4); s.add(2); print(s)
s.update([5, 6], (7,), range(8, 10)); print(sorted(s))
s.discard(9); s.discard(100); print(sorted(s))
s.remove(8); print(sorted(s))
print(s.pop() in {1, 2, 3, 4, 5, 6, 7}, len(s))
t = {1, 2, 3, 10}
u = {3, 4}
print(sorted(t.union(u)), sorted(t.union(u, [99])), sorted(t.intersection(u)), sorted(t.intersection([1, 2], {2, 3})), sorted(t.difference(u)), sorted(t.difference(u, {1})), sorted(t.symmetric_difference(u)))
print(t.issubset({1, 2, 3, 10, 11}), t.issubset(t), t.issuperset({1}), t.issuperset([1, 99]), t.isdisjoint(u), t.isdisjoint({50}))
v = set(t)
v.intersection_update({1, 2, 50}); print(sorted(v))
v = set(t)
v.difference_update({1}, [2]); print(sorted(v))
v = set(t)
v.symmetric_difference_update({1, 77}); print(sorted(v))
w = t.copy(); w.clear(); print(w, sorted(t))
for label, f in [("remove missing", lambda: {1}.remove(2)), ("pop empty", lambda: set().pop()), ("add unhashable", lambda: {1}.add([2])),
                 ("update int", lambda: {1}.update(5)), ("union int", lambda: {1}.union(3))]:
    try:
        f()
    except (KeyError, TypeError) as e:
        print(label, type(e).__name__, e)
print(set(), set([1, 1, 2]), set("aab") == {"a", "b"}, set(range(5)), set({1: "a", 2: "b"}))
print({1, 2} == {2, 1}, {1} != {1.0}, len({1, 1.0, True}), {0} == {False})
