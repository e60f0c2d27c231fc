# str.split/rsplit/strip and the case methods: ASCII, non-ASCII and
# surrogate-carrying text, str subclasses, and argument errors.

seed = 2024


def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return (seed >> 8) % n


pieces = ["a", "B", " ", "\t", "\n", "\x0b", "\x1c", "\x1f", "\u2003", "\x85",
          "\xa0", "é", ",", ",,", "\u3000", "\U0001F600", "\ud800", "ß", "ǅ"]

# Random texts: every split shape against the same text.
for _ in range(400):
    s = "".join(pieces[rnd(len(pieces))] for _ in range(rnd(10)))
    m = [-1, 0, 1, 2, 7][rnd(5)]
    print(ascii(s.split(None, m)), ascii(s.rsplit(None, m)),
          ascii(s.split(",", m)), ascii(s.rsplit(",,", m)),
          ascii(s.split("é", m)), ascii(s.rsplit("\ud800", m)))

# Overlapping separators cut from the left for split, from the right for rsplit.
for s in ["aaa", "aaaa", "abababa", "xx"]:
    for sep in ["aa", "aba", "x", "xx"]:
        print(s, sep, s.split(sep), s.rsplit(sep), s.split(sep, 1), s.rsplit(sep, 1))

# Lengths of the pieces (char counts of non-ASCII pieces).
print([len(p) for p in "héllo wörld \U0001F600x".split()])
print([len(p) for p in "a,é,\U0001F600\U0001F600".split(",")])

# strip family with and without a character set.
for s in ["  ab  ", "ab", "", "\u3000x\x85", "xyzabczyx", "é\ud800é", "\x1cq\x1f"]:
    for ch in [None, "xz", "", "é", "\ud800é", "ab", "\x1f\x1c"]:
        print(ascii((s.strip(ch), s.lstrip(ch), s.rstrip(ch))))


class S(str):
    pass


s = S(" Ab ")
for r in (s.strip(), s.split(), s.upper(), s.lower(), S("ab").strip(), S("x").title()):
    print(ascii(r), type(r).__name__ if not isinstance(r, list) else [type(x).__name__ for x in r])
t = "kept"
print(t.strip() is t, t.lstrip("z") is t, t.rstrip("") is t)

# Case methods over ASCII and non-ASCII text.
for s in ["hello World", "", "aBc dEF_1x", "ﬀ straße", "x1y2 z", "ǅa", "İi", "o'neil mc-DONALD",
          "\ud800a", "ABC\x00def", "a" * 300]:
    r = (s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), s.casefold())
    print(ascii(r) if len(s) < 100 else [len(x) for x in r], [len(x) for x in r])

# Argument errors.
for call in [lambda: "a b".split(maxsplit="x"), lambda: "a b".split(5),
             lambda: "a b".rsplit(b"x"), lambda: "a".split(""), lambda: "a".rsplit(""),
             lambda: "aa".replace("a", "b", "x"), lambda: "a".strip(5),
             lambda: "a".lstrip(b"a"), lambda: "a".upper(1),
             lambda: "a b".split(maxsplit=2 ** 80)]:
    try:
        print(call())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print("a b c".split(maxsplit=True), "a,b,c".rsplit(",", maxsplit=False))
print("aaa".replace("a", "b", 2), "aaa".replace("a", "b", -5))


class Idx:
    def __index__(self):
        return 1


print("a b c".split(None, Idx()), "a b c".rsplit(" ", Idx()), "aaa".replace("a", "b", Idx()))

# Membership and predicates over the str's own text (surrogates kept).
for h in ["abc", "\ud800x", "\ud801", "é\U0001F600", ""]:
    print([n in h for n in ["", "a", "\ud800", "\ud801", "\U0001F600", "x", "bc"]],
          h.isalpha(), h.isdigit(), h.isspace(), h.center(7, "*") == h.center(7, "*"))
print("'\\ud800' in '\\ud801':", "\ud800" in "\ud801", "\ud800".__contains__("\ud801"))
for bad in [1, None, b"a"]:
    try:
        bad in "abc"
    except TypeError as e:
        print(e)
    try:
        "abc".__contains__(bad)
    except TypeError as e:
        print(e)

# replace: every needle length, long and short texts, counts, identity.
for base in ["hello world", "é,ab,\ud800,ab", "aaaa"]:
    for s in [base, base * 12]:
        for old, new in [("o", "0"), ("ab", "X"), ("", "-"), ("a", ""), (",ab,", ";"),
                         ("\ud800", "Z"), ("aa", "b"), ("zz", "q"), ("ab", "ab")]:
            for c in [-1, 0, 1, 3]:
                r = s.replace(old, new, c)
                print(ascii(r) if len(r) < 60 else (len(r), ascii(r[:20]), ascii(r[-20:])),
                      r is s, len(s.split(old, c) if old else ""), len(s.rsplit(old, c) if old else ""))
print(type(S("xyx").replace("x", "x")).__name__, type(S("xyx").replace("q", "r")).__name__)
for args in [(1, "b"), ("a", 2), ("a", "b", "x"), (1, 2, "x"), ("a",), ()]:
    try:
        print("abc".replace(*args))
    except TypeError as e:
        print(e)
