# every dict method
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 100), d)
print(list(d.keys()), list(d.values()), list(d.items()))
d.update({"d": 4}); d.update(e=5); d.update([("f", 6)]); d.update({"a": 10}, g=7); print(d)
print(d.pop("g"), d.pop("zz", "default"), d)
print(d.popitem(), d.popitem(), d)
c = d.copy(); c["new"] = 1; print(d, c)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys([]))
shared = dict.fromkeys(["x", "y"], [])
shared["x"].append(1)
print(shared)
c.clear(); print(c)
for label, f in [("pop missing", lambda: d.pop("zz")), ("popitem empty", lambda: {}.popitem()), ("getitem", lambda: d["missing"]),
                 ("update bad", lambda: d.update([1, 2])), ("update bad2", lambda: d.update([("a", 1, 2)])), ("fromkeys int", lambda: dict.fromkeys(5)),
                 ("get no args", lambda: d.get()), ("unhashable", lambda: d.get([1]))]:
    try:
        f()
    except (KeyError, TypeError, ValueError) as e:
        print(label, type(e).__name__, e)
print(d, len(d), "a" in d, 1 in d, "a" in d.keys(), 1 in d.values(), ("a", 10) in d.items())
print(d.__contains__("b"), d.__getitem__("a"), d.__len__())
r = {}
print(r.setdefault("k"), r)
