# every list method
a = [3, 1, 4]
a.append(1); print(a)
a.extend([5, 9]); print(a)
a.extend("ab"); print(a)
a.extend(x * 10 for x in range(2)); print(a)
a.insert(0, "first"); a.insert(-1, "second-last"); a.insert(100, "end"); a.insert(-100, "start"); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a.pop(2)); print(a)
a.remove("a"); print(a)
print(a.index(1), a.index(1, 2), a.index(5, 0, 6), a.count(1), a.count("zz"))
b = [x for x in a if isinstance(x, int)]
b.sort(); print(b)
b.sort(reverse=True); print(b)
b.reverse(); print(b)
c = b.copy(); c.append(99); print(b, c, c is b)
c.clear(); print(c, len(c))
for f, label in [(lambda: [].pop(), "pop empty"), (lambda: [1].pop(5), "pop range"), (lambda: [1].remove(2), "remove missing"),
                 (lambda: [1, 2].index(3), "index missing"), (lambda: [1, 2, 3].index(1, 1), "index after start"),
                 (lambda: [1].append(), "append no arg"), (lambda: [1].extend(5), "extend int"), (lambda: [1].insert(0), "insert 1 arg"),
                 (lambda: [3, "a"].sort(), "sort mixed"), (lambda: [].pop("0"), "pop str")]:
    try:
        f()
        print(label, "ok")
    except (IndexError, ValueError, TypeError) as e:
        print(label, type(e).__name__, e)
d = [1, 2, 3]
print(d.append(4), d.extend([]), d.insert(0, 0), d.sort(), d.reverse(), d.clear(), d)
