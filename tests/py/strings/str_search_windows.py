# find/rfind/index/count with start/end windows over ASCII and non-ASCII text,
# empty needles, needles at the edges, and indexing single characters.
texts = [
    "abracadabra",
    "",
    "aaaa",
    "héllo wörld héllo",
    "日本語のテキスト日本",
    "x" * 50 + "needle" + "y" * 50,
    "\U0001f600a\U0001f600ab",
]
needles = ["", "a", "ab", "abra", "aa", "é", "llo", "日本", "z", "needle", "\U0001f600", "b"]
windows = [(None, None), (0, None), (1, None), (-3, None), (2, 5), (-5, -1), (5, 2), (100, None), (0, 100), (-100, 3)]
for t in texts:
    for nd in needles:
        row = []
        for st, en in windows:
            args = (nd,) if st is None else ((nd, st) if en is None else (nd, st, en))
            row.append((t.find(*args), t.rfind(*args), t.count(*args)))
        print(repr(t[:12]), repr(nd), row)
for t in texts:
    print([t[i] for i in range(len(t))][:8], [t[-i] for i in range(1, min(len(t), 5) + 1)])
    print([ord(c) for c in t][:10])
s = "ab" * 1000 + "c"
print(s.count("a"), s.count("ab"), s.count("ba"), s.count("abab"), s.count("c"), s.find("c"), s.rfind("a"))
print(s.index("c", 5), s.rindex("b", 0, 10))
for bad in (lambda: s.index("zz"), lambda: s.rindex("zz", 3), lambda: s[len(s)], lambda: s[-len(s) - 1],
            lambda: s["1"], lambda: ord(""), lambda: ord("ab"), lambda: ord("日本"), lambda: s.find(1)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(ord("é"), ord("日"), ord("\U0001f600"), ord("\x00"), ord("\xff"))
print("".join(chr(i) for i in range(250, 260)), [chr(i) is chr(i) for i in (0, 97, 255)])
