# methods on empty strings and boundary arguments
e = ""
print(repr(e.upper()), repr(e.strip()), e.split(), e.split(","), e.rsplit(","), e.splitlines(), e.partition("x"), e.rpartition("x"))
print(e.find(""), e.rfind(""), e.count(""), e.index(""), e.startswith(""), e.endswith(""), e.isalpha(), e.isspace(), e.isprintable())
print(repr(e.center(3)), repr(e.zfill(2)), repr(e.replace("", "x")), repr(e.join(["a", "b"])), repr(e * 100), repr(e.title()))
print(repr(e.expandtabs()), repr(e.casefold()), repr(e.swapcase()), repr(e[::-1]), len(e), bool(e), e == "", e is not None)
print(repr("abc".replace("", "")), repr("abc".split("abc")), repr("abc".strip("abc")), repr("abc"[3:]), repr("abc"[-1:-1]))
print("x".center(0), "x".center(-5), "x".ljust(-1), "x".zfill(-3), "x" * -100 == "")
print("abc".find("c", -1), "abc".find("c", -100, 100), "abc".count("", -1), "abc".count("", 10), "abc".find("", 3), "abc".find("", 4))
print("abc".startswith("a", -100), "abc".endswith("c", 0, 100), "abc".split(None, -1), "abc".split(None, 0), " abc ".split(None, 0))
print("a".split("a"), "aa".split("a"), "".join(["", ""]), ",".join(["", ""]), "a".rjust(1, "z"))
print(min("a"), max("ab"), sorted(""), list(""), tuple(""), "".upper().lower())
