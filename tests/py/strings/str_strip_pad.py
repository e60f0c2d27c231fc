# strip family, padding: center/ljust/rjust/zfill/expandtabs
for s in ["  hi  ", "\t\n hi \r\x0b", "xxhixx", "", "   ", "hi", "\u3000wide\u3000"]:
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip("x")), repr(s.strip(" h")))
print("www.example.com".strip("cmowz."), "<<a>>".lstrip("<"), "<<a>>".rstrip(">"), "abcba".strip("ab"), "aaa".strip("a"))
print(repr("  x  ".strip(None)), repr("xyx".strip("")))
print("prefix_body".removeprefix("prefix_"), "prefix_body".removeprefix("zz"), "body.txt".removesuffix(".txt"), "body.txt".removesuffix(""), "aaa".removeprefix("a"))
for w in [0, 3, 5, 10, 11]:
    print(repr("abc".center(w)), repr("abc".ljust(w, "*")), repr("abc".rjust(w, "-")), repr("abc".center(w, "0")), repr("ab".center(w)))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "abc".zfill(6), "".zfill(3), "-".zfill(3), "12345".zfill(3), "+-1".zfill(5))
try:
    "x".center(5, "ab")
except TypeError as e:
    print(type(e).__name__, e)
try:
    "x".ljust(5, "")
except TypeError as e:
    print(type(e).__name__, e)
print(repr("a\tb\tc".expandtabs()), repr("a\tbc\tdef\tg".expandtabs(4)), repr("\t".expandtabs(0)), repr("ab\ncd\te".expandtabs(3)), repr("x\ty".expandtabs(1)))
print(repr("12345\t6".expandtabs(5)), repr("a\r\tb".expandtabs(4)))
