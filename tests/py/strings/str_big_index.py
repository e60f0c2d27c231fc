# Indexing, slicing and searching long non-ASCII strs (which carry a
# character index) at every offset class: near block edges, negative and
# stepped indices, mixed 1-4 byte characters, lone surrogates.
import hashlib


def digest(s):
    return hashlib.sha1(s.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def chars(n):
    # 1, 2, 3 and 4 byte characters in an irregular pattern.
    pool = "aé€𝄞bñ中😀"
    return "".join(pool[(i * 7 + i // 5) % len(pool)] for i in range(n))


s = chars(1000)
ref = list(s)
print(len(s), digest(s))
bad = [i for i in range(-len(s), len(s)) if s[i] != ref[i]]
print("index mismatches:", bad[:5])
for i in (0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129, 999, -1, -32, -33, -1000):
    print(i, repr(s[i]))
for e in (1000, -1001, 10**20):
    try:
        s[e]
    except IndexError as ex:
        print("IndexError", ex)

# Slices: plain, stepped, negative steps, out-of-range bounds.
cases = [(0, 10, 1), (30, 70, 1), (31, 33, None), (100, 5, -1), (999, None, -7),
         (None, None, 3), (-100, -10, 2), (-5, 5000, 1), (500, 500, 1),
         (64, 640, 64), (None, None, -1), (5, 900, 97)]
for a, b, c in cases:
    got = s[a:b:c]
    want = "".join(ref[a:b:c])
    print(a, b, c, len(got), got == want, digest(got))

# find / rfind / index / count / startswith with starts and ends.
for sub in ("é€", "😀a", "中", "zz", ""):
    for st in (0, 31, 32, 33, 500, 999, 1000, 1001, -10, -2000):
        print(repr(sub), st, s.find(sub, st), s.rfind(sub, st), s.count(sub, st),
              s.find(sub, st, st + 40), s.startswith(sub, st))
try:
    s.index("zz", 10)
except ValueError as e:
    print("ValueError", e)
print(s.index("😀", 100), s.rindex("😀", 0, 900))

# Lone surrogates stay one character each, found where they are.
t = ("x\ud800é" * 200) + "\udc00end"
print(len(t), repr(t[1]), repr(t[601]), repr(t[-4]), t.find("\udc00"), t.find("\ud800", 100))
print(repr(t[595:605]), repr(t[-5::-150]))
print(t.rfind("\ud800é", 0, 300), t.count("\ud800"))

# Iteration and equality / hashing against an equal flat copy.
u = "".join(ref)
print(u == s, hash(u) == hash(s), {s: 1}[u], sum(1 for _ in s))
