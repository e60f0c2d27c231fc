# startswith / endswith with tuples and ranges
s = "hello world"
print(s.startswith("hello"), s.startswith("world"), s.startswith(""), s.startswith("hello world!"))
print(s.endswith("world"), s.endswith("hello"), s.endswith(""), s.endswith("d"))
print(s.startswith("world", 6), s.startswith("wor", 6, 8), s.startswith("wor", 6, 9), s.startswith("o", -4))
print(s.endswith("hello", 0, 5), s.endswith("hell", 0, 4), s.endswith("lo", None, 5), s.endswith("d", -1))
print(s.startswith(("x", "y", "he")), s.startswith(()), s.endswith(("ld", "zz")), s.endswith(("a",)))
print("".startswith(""), "".endswith(""), "".startswith("", 1), "abc".startswith("", 3), "abc".startswith("", 4), "abc".endswith("", 4))
for bad in [1, ["he"], ("he", 1)]:
    try:
        s.startswith(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    s.endswith(None)
except TypeError as e:
    print(type(e).__name__, e)
