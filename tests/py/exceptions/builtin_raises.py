# Which exception types builtin operations raise, checked through the hierarchy.
def which(fn):
    try:
        fn()
    except Exception as e:
        bases = [c.__name__ for c in type(e).__mro__[1:-2]]
        return f"{type(e).__name__} (bases: {', '.join(bases) or '-'})"
    return "no exception"

ops = {
    "dict lookup": lambda: {}["x"],
    "list index": lambda: [][0],
    "int parse": lambda: int("z"),
    "division": lambda: 1 // 0,
    "float overflow": lambda: 2.0 ** 10000,
    "attribute": lambda: None.x,
    "name": lambda: undefined_name_here,
    "unpack": lambda: [a for a, b in [(1,)]],
    "next": lambda: next(iter([])),
    "import": lambda: __import__("no_such_mod_zz"),
    "unicode": lambda: "é".encode("ascii"),
    "decode": lambda: b"\xff".decode("utf-8"),
    "assert": lambda: exec("assert False"),
    "recursion": None,
    "not implemented": lambda: exec("raise NotImplementedError"),
    "os error": lambda: exec("raise FileNotFoundError(2, 'missing')"),
    "set remove": lambda: set().remove(0),
    "str index": lambda: "abc".index("d"),
    "int too large for float": lambda: float(10 ** 400),
    "hash list": lambda: hash([]),
    "bad compare": lambda: [] < 1,
    "str plus int": lambda: "abc" + 1,
}
def rec():
    return rec()
ops["recursion"] = rec
for name in ops:
    print(f"{name:24} {which(ops[name])}")
