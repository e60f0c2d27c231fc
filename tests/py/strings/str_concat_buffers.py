# Repeated += builds strs in place in a buffer; every intermediate value must
# stay what it was, in a function, on a global and on an attribute, and +
# from an older value must not disturb a newer one.


def build_local(piece, n):
    s = ""
    keep = []
    for i in range(n):
        s += piece
        if i % 37 == 0:
            keep.append(s)
    return s, keep


s, keep = build_local("abcdefghij", 500)
print(len(s), s[-12:], [len(k) for k in keep[:6]])
print(all(k == s[:len(k)] for k in keep))

g = "start"


def build_global(n):
    global g
    for i in range(n):
        g += str(i % 10)


build_global(300)
print(len(g), g[:12], g[-12:])


class Box:
    pass


b = Box()
b.s = "ñ"
for i in range(400):
    b.s += "éa€"[i % 3]
print(len(b.s), b.s[:8], b.s[-8:], b.s[200], b.s[-201])

# Branching: two results from one base; the base is unchanged.
base = "x" * 100
base += "y"
one = base + "1"
two = base + "2"
base += "3"
print(len(base), base[-3:], one[-3:], two[-3:], one == two, base == one)

# += of a str with itself and with non-ASCII tails.
h = "q" * 70
h += "é"
h += h
print(len(h), h.count("é"), h[70], h[141], h.find("é", 71))

# Results compare, hash, intern and slice like flat strs.
flat = "".join(["abcdefghij"] * 500)
print(s == flat, hash(s) == hash(flat), s is not flat, {flat: "ok"}[s])
import sys
i1 = sys.intern(s)
print(i1 == flat, sys.intern(flat) is i1)
print(repr(s[5:25]), s.upper()[:5], s.split("j")[1], s.replace("abc", "-")[:9])
t = "é" * 200
t += "end"
print(len(t), t[-3:], t[199], t.index("end"), t.encode()[-5:])
# Errors are unchanged.
try:
    s += 5
except TypeError as e:
    print("TypeError", e)
