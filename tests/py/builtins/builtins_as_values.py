# builtin functions and types are first-class values
funcs = [len, str, abs, sorted, sum, max, min, repr, type, bool]
for f in funcs:
    print(f.__name__, f([3, -1, 2]) if f not in (abs,) else f(-5))
table = {"upper": str.upper, "len": len, "rev": lambda s: s[::-1], "int": int}
for name in ["upper", "len", "rev"]:
    print(name, table[name]("hello"))
print(table["int"]("42") + 1)
converters = [int, float, str, bool, list, tuple]
print([c("1") if c not in (list, tuple) else c("12") for c in converters])
print(list(map(type, [1, "a", 2.0, None])), [t.__name__ for t in map(type, [[], {}, ()])])
apply = lambda f, *args: f(*args)
print(apply(max, 3, 9, 2), apply(divmod, 17, 5), apply(pow, 2, 10), apply(isinstance, 1, int))
my_len = len
del my_len
print(len("still works"))
len_alias = len
print(len_alias([1, 2, 3]), len_alias is len)
def shadow():
    len = lambda x: "shadowed"
    return len([1])
print(shadow(), len([1]))
print(sorted([[3, 2], [1]], key=len), max("apple", "fig", key=len), list(filter(bool, [0, 1, 2])))
