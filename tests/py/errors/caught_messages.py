# Many builtin error messages, caught and printed.
def attempt(label, fn):
    try:
        fn()
        print(label, "-> ok")
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)

attempt("int + str", lambda: 1 + "a")
attempt("str * str", lambda: "a" * "b")
attempt("list - list", lambda: [1] - [1])
attempt("None + 1", lambda: None + 1)
attempt("unary minus str", lambda: -"a")
attempt("compare", lambda: 1 < "a")
attempt("compare list int", lambda: [] > 0)
five = 5
attempt("call int", lambda: five())
attempt("subscript int", lambda: five[0])
def assign_str():
    s = "abc"
    s[0] = "x"
attempt("item assign str", assign_str)
def del_tuple():
    t = (1, 2)
    del t[0]
attempt("item delete tuple", del_tuple)
attempt("len int", lambda: len(5))
attempt("iter int", lambda: iter(5))
attempt("dict key", lambda: {}["missing"])
attempt("list index", lambda: [][0])
attempt("tuple index", lambda: ()[5])
attempt("str index", lambda: ""[1])
attempt("int parse", lambda: int("12a"))
attempt("float parse", lambda: float("nan?"))
attempt("attr on int", lambda: (1).foo)
attempt("attr on type", lambda: int.foo)
attempt("unpack too many", lambda: [a for a, b in [(1, 2, 3)]])
attempt("unpack too few", lambda: [a for a, b, c in [(1, 2)]])
attempt("unpack non-iterable", lambda: [a for a, b in [5]])
attempt("list.remove", lambda: [1].remove(2))
attempt("list.index", lambda: [1].index(2))
attempt("str.index", lambda: "abc".index("z"))
attempt("dict.pop", lambda: {}.pop("k"))
attempt("set.remove", lambda: set().remove(1))
attempt("pop empty list", lambda: [].pop())
attempt("chr range", lambda: chr(-1))
attempt("hash list", lambda: hash([]))
attempt("sorted mixed", lambda: sorted([1, "a"]))
attempt("int too big for index", lambda: [1][10 ** 100])
attempt("negative shift", lambda: 1 << -1)
attempt("round str", lambda: round("1.5"))
attempt("str join ints", lambda: ",".join([1, 2]))
attempt("format spec", lambda: format(5, "q"))
attempt("range float", lambda: range(1.5))
attempt("max empty", lambda: max([]))
attempt("getattr non-str", lambda: getattr(1, 2))
