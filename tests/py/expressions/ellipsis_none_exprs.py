# None and Ellipsis in expressions
print(None, ..., Ellipsis is ..., type(...).__name__, [..., None], (...,))
x = None
print(x is None, x == None, x or "fallback", x and "never", not x, [x] * 2)
def maybe(v):
    return v if v > 0 else None
results = [maybe(v) for v in [1, -1, 2]]
print(results, [r for r in results if r is not None], results.count(None))
print({None: "none key", ...: "ellipsis key"}[None], {...: 1}[...])
a = [1, 2, 3]
print(a[...] if False else "lists reject Ellipsis index")
try:
    a[...]
except TypeError as e:
    print(type(e).__name__, e)
try:
    None + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    ... + 1
except TypeError as e:
    print(type(e).__name__, e)
print(str(None) + str(...), repr(None), f"{None!r} {...}")
