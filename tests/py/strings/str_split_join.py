# split, rsplit, splitlines, partition, rpartition, join
tests = ["a b  c", "  leading and trailing  ", "", "   ", "a,b,,c,", "one\ttwo\nthree\x0bfour\x0cfive\rsix\x1cseven\u2003eight\x85nine"]
for t in tests:
    print(repr(t), t.split(), t.split(" "), t.split(","), t.rsplit(None, 1), t.split(maxsplit=1))
print("a,b,c,d".split(",", 2), "a,b,c,d".rsplit(",", 2), "a,b,c,d".split(",", 0), "a,b,c,d".split(",", -1))
print("a::b::c".split("::"), "aaa".split("a"), "abcabc".split("abc"), "x".split("x"))
print("  a  b  ".rsplit(), "  a  b  ".rsplit(maxsplit=0), "  a  b  ".split(maxsplit=0), "a b c".rsplit(" ", maxsplit=1))
for bad in ["", ]:
    try:
        "abc".split(bad)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    "abc".split(1)
except TypeError as e:
    print(type(e).__name__, e)
lines = "line1\nline2\r\nline3\rline4\n\nline6\x0bx\x0cy\x1cz\u2028w\u2029v\x85u"
print(lines.splitlines())
print(lines.splitlines(True))
print("".splitlines(), "\n".splitlines(), "a\n".splitlines(), "\na".splitlines(keepends=True))
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="), "kvw".rpartition("="), "=".partition("="))
try:
    "abc".partition("")
except ValueError as e:
    print(type(e).__name__, e)
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "-".join(["solo"]), "ab".join(("1", "2", "3")))
print("-".join(str(i) for i in range(5)), "|".join({"k": 1, "j": 2}), " ".join(map(str, [1.5, None, True])))
for bad in [["a", 1], [None], "abc".encode()]:
    try:
        "-".join(bad)
    except TypeError as e:
        print(type(e).__name__, e)
