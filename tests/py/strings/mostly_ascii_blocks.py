# Indexing, slicing and searching long strs that are ASCII except for a few
# characters, placed at and around 32-character block edges, in the last
# (partial) block, and in strs whose ASCII stretch follows wide text.
import hashlib


def digest(s, step):
    h = hashlib.sha256()
    for i in range(0, len(s), step):
        h.update(s[i].encode("utf-8", "surrogatepass"))
        h.update(s[i:i + 5].encode("utf-8", "surrogatepass"))
    for i in range(-1, -len(s) - 1, -step * 3 - 1):
        h.update(s[i].encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def make(n, places, ch):
    chars = ["abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(n)]
    for p in places:
        chars[p] = ch
    return "".join(chars)


for ch in ["\u00e9", "\u20ac", "\U0001f600", "\ud800"]:
    for places in [[0], [31], [32], [33], [63, 64], [127], [128], [200], [299],
                   [31, 95, 159, 223], list(range(0, 300, 37))]:
        s = make(300, places, ch)
        print(repr(ch), places[:3], len(s), digest(s, 1), s.find(ch), s.find(ch, 40),
              s.rfind("q"), s.find("xyz", 100), s.index("a", 150), ascii(s[-1]), ascii(s[290:]))

# A wide head, then a long ASCII tail (the tail's blocks are counted).
s = "\u00e9\u20ac" * 100 + "0123456789" * 400 + "\U0001f600"
print(len(s), s[200], s[201], s[4199], s[4200], s[-2:], s[250:260], digest(s, 7))
print(s.find("5", 3000), s.find("\U0001f600", 4000), s.count("9", 1000, 2000))
for i in (199, 200, 231, 232, 4190, 4199, 4200):
    print(i, repr(s[i]), repr(s[i - 3:i + 3]))

# Built by concatenation and slicing, as a parser's source text is.
t = "key = 'valu\u00e9'\n" * 50 + "x = 1\n" * 2000
u = t[700:]
print(len(t), len(u), t[699], u[0], u[1000:1012], t.index("\u00e9", 600), u.find("\u00e9"))
total = 0
for i in range(len(t)):
    if t[i] == "=":
        total += i
print(total)
