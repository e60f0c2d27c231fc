# common dict comprehension idioms
words = ["apple", "Banana", "cherry", "date", "Elder", "fig"]
print({w: len(w) for w in words})
print({w.lower(): i for i, w in enumerate(words)})
print({k: v for k, v in sorted({"b": 2, "a": 1, "c": 3}.items(), key=lambda kv: -kv[1])})
prices = {"apple": 1.0, "banana": 0.5, "cherry": 3.0}
print({k: round(v * 1.1, 2) for k, v in prices.items()})
print({k: v for k, v in prices.items() if v >= 1})
print({v: k for k, v in prices.items()})
counts = {c: "hello world".count(c) for c in sorted(set("hello world")) if c != " "}
print(counts)
print({i: chr(65 + i) for i in range(5)})
print({(a, b): a * b for a in range(1, 3) for b in range(1, 3)})
default = {k: [] for k in "abc"}
default["a"].append(1)
print(default)
nested = {"x": {"a": 1, "b": 2}, "y": {"a": 3}}
print({outer: sum(inner.values()) for outer, inner in nested.items()})
print({f"{o}.{i}": v for o, d in nested.items() for i, v in d.items()})
