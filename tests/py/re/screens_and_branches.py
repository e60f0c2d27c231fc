# Search screens (the set of characters a match can start with), BRANCH
# alternatives tested on their leading characters, and charset lookups:
# spans, groups, lastindex/lastgroup must come out as without shortcuts.
import random
import re


def show(pat, subj, flags=0):
    r = re.compile(pat, flags)
    m = r.search(subj)
    if m is None:
        out = None
    else:
        out = (m.span(), m.groups(), m.lastindex, m.lastgroup)
    print(repr(pat), repr(subj), out)
    print("   findall", r.findall(subj))
    print("   finditer", [m.span() for m in r.finditer(subj)])


# Alternatives whose first characters come from sets.
show(r"[cgt]gggtaaa|tttaccc[acg]", "xxcgggtaaayytttacccgzz")
show(rb"[cgt]gggtaaa|tttaccc[acg]", b"xxcgggtaaayytttacccgzz")
show(r"agggtaaa|tttaccct", "agggtaaagggtaaatttaccct")
show(r"ab|ac|ad", "aaaaad")
show(r"(ab|a)(c)", "xxabcac")
show(r"(?P<one>ab)|(?P<two>a)", "zza")
show(r"(?:(ab)|(a))b", "aab ab")
show(r"(?:x(a)|x(b))c", "xbc xac xc")
show(r"(a)|b", "bba")
show(r"(?:ab|cd)+x", "abcdabx cdx abcd")
show(r"(?:a|b)*c", "ababcabd")
show(r"(?:x|y){2,3}z", "xz xyz xyxz xyxyz")
show(r"(?:abc|ab)c", "abcc abc")
show(r"(?:a.c|a\nc|a[^c]d)", "a\nd a\nc axd")
show(r"(?:\d\d|\w\s)x", "a x 12x")
show(r"(?:\bfoo|bar\b)", "xfoo barx bar foo")
show(r"(?:^a|b$)", "ab\nb")
show(r"(?m)(?:^a|b$)", "ab\nab\nb")

# Leading single-character repeats, with minimum 0 and 1.
show(r"x*y", "aaay xxy")
show(r"x+y", "aaay xxy y")
show(r"x*?y|z", "aaaz xy")
show(r"(?:x|q)*y", "aaaqy")
show(r"[ab]{0,2}c", "zzc abc bbbc")
show(r"(ab)+c", "abababc ac")
show(r"(a?)+b", "aab b")
show(r"(?:a*)+b", "b ab")
show(r"(?>ab|a)c", "ac abc")
show(r"(?=a)\w+|z", "bz za ab")
show(r"(?<=a)b|q", "cb ab q")

# Case-insensitive: ASCII, Unicode (Kelvin sign, long s), and bytes.
show(r"(?i)k|s", "\u212a \u017f")
show(r"(?i)[a-z]+", "12\u212a\u017fxY")
show(r"(?ai)[a-z]+", "12\u212a\u017fxY")
show(r"(?i)(?:st|\u00df)", "STRASSE \u00df \u1e9e")
show(r"(?i)[^a-z]x", "AX 1X \u212aX")
show(rb"(?i)[a-c]+d|xy", b"zzABCD XY")
show(r"(?i)\xb5|\u03bc", "\u039c \xb5")
show(r"(?i)[\xe0-\xff]+", "abc\xc0\xdf\xff\u0178")

# Sets: negation, categories, ranges beyond 255, big charsets.
show(r"[^\W\d]+", "12 ab_3 \u00e9t\u00e9")
show(r"[\s\d]+", "ab 1 2\tx")
show(r"[\u0100-\u017f]+|[\u4e00-\u4e10]", "abc\u0101\u0102 \u4e01")
show(r"[\u03b1-\u03c9\u0430-\u044f]+", "xyz \u03b1\u03b2\u0431 q")
show(r"[^a-z\u03b1]+", "abc\u03b1\u03b2XY")
show(r"[\U0001f600-\U0001f64f]+x", "a\U0001f600\U0001f601x")
show(r"\w+", "\u00e9t\u00e9 caf\u00e9 \u4e2d\u6587")
show(r"(?a)\w+", "\u00e9t\u00e9 caf\u00e9")
show(rb"[\x80-\xff]+", b"ab\x80\xfe\x7f")
show(rb"(?L)\w+", b"abc def")
show(r"[a-c]\u0101|\u0101[a-c]", "b\u0101 \u0101c")

# Empty matches next to non-empty ones.
print(re.sub(r"x*", "-", "abxd"))
print(re.sub(r"(?:a|b)*", "-", "cabd"))
print(re.findall(r"\b|a", "a ba"))
print([m.span() for m in re.finditer(r"(?:ab|)", "abxab")])
print(re.split(r"(?:,|;)\s*", "a, b;c ;d"))
print(re.subn(rb"[ac]|b", b"<\\g<0>>", b"abcd"))
print(re.sub(r"(?i)[^\W_]+", lambda m: m[0].upper(), "h\u00e9llo w\u00f6rld_x"))

# Positions given to search.
r = re.compile(r"[xy]z|q")
print(r.search("xz yz q", 1), r.search("xz yz q", 1, 4), r.search("xz yz q", 6, 7))
print(r.search("xz", 3), r.search("xz", 1))

# Patterns from a small grammar, searched in short subjects: each result
# is printed so that any difference shows.
random.seed(20261126)
ATOMS = ["a", "b", "c", "[ab]", "[^a]", ".", "\\w", "\\d", "[a-c]", "x", "(?:a|b)",
         "(a)", "(b|c)", "(?:ab|a)", "\\b", "$", "^"]
QUANT = ["", "", "", "*", "+", "?", "{1,2}", "*?", "+?"]


def gen(depth):
    n = random.randint(1, 3)
    parts = []
    for _ in range(n):
        if depth < 2 and random.random() < 0.3:
            a = "(" + gen(depth + 1) + ")"
        else:
            a = random.choice(ATOMS)
        q = random.choice(QUANT)
        if q and a in ("\\b", "$", "^"):
            q = ""
        parts.append(a + q)
    s = "".join(parts)
    if random.random() < 0.4:
        s = s + "|" + gen(depth + 1) if depth < 2 else s + "|" + random.choice(ATOMS)
    return s


SUBJECTS = ["", "a", "ab", "abcab", "xbax", "aab1c", "ba\nab", "c\u00e9a\u0101b"]
lines = []
for i in range(300):
    p = gen(0)
    flags = random.choice([0, 0, re.I, re.M])
    try:
        r = re.compile(p, flags)
    except re.error as e:
        lines.append("%s error %s" % (p, e))
        continue
    row = []
    for s in SUBJECTS:
        m = r.search(s)
        row.append(None if m is None else (m.span(), m.groups(), m.lastindex))
        row.append([m.span() for m in r.finditer(s)])
    lines.append("%r %d %r" % (p, flags, row))
for line in lines:
    print(line)

# Alternatives anchored at the start of the string beside others.
for pat in [r"^\s+|\s+$", r"^ab|c", r"(?:^|x)y", r"\Aa|b", r"(^a)|(b)", r"^|a"]:
    r = re.compile(pat)
    for s in ["  ab  ", "aby c", "yxy", "ba", "ab", ""]:
        print(repr(pat), repr(s), [m.span() for m in r.finditer(s)],
              r.search(s, 1), r.sub("#", s))
print(re.compile(r"^a|b").search("aab", 1), re.compile(r"^a|b").search("ab", 0, 1))
print(re.compile(rb"^\s+|\s+$").sub(b"", b"  x y  "))

# Alternatives starting with a single-item repeat (minimum 0 and 1).
for pat in [r"\s+$|^\s+", r"a+b|a*c", r"x+?y|z", r"(?:(a)+b|(c))", r"a{2,}b|ab",
            r"(?:a++b|a)", r"[ab]+?c|b", r"\d+x|(\d)"]:
    r = re.compile(pat)
    for s in ["aab", "ac", "xxy z", "aaa", "abac", "12x 3", " q ", ""]:
        m = r.search(s)
        print(repr(pat), repr(s), m and (m.span(), m.groups(), m.lastindex),
              r.findall(s))

# A catastrophic search (not only a match) is interrupted too.
import signal


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout("took too long")


signal.signal(signal.SIGALRM, on_alarm)
signal.alarm(1)
try:
    re.search(r"(?:x|(a+)+)+b", "a" * 40)
    print("finished?")
except Timeout as e:
    print("interrupted:", e)
finally:
    signal.alarm(0)

# The last alternative of a BRANCH followed by a tail that fails: groups
# and lastindex must be those of the path that finally matches.
for pat in [r"(?:(a)|(b))c|(a)d", r"(?:x|(y))(?:z|(w))q|(.)", r"((a)|(b)|c)+d",
            r"(?=(a)|(b))\w", r"(?!(a)|b)(\w)", r"(?>(a)|(ab))c|(.)",
            r"(?:(a)|(b))(?(1)x|y)", r"(?:(?:(a)|b)(?:(c)|d))e|(..)", r"(a|(b))\2?c"]:
    r = re.compile(pat)
    for s in ["ac", "bd", "ad", "ywq", "xzq", "abd", "bad", "ax", "by", "bde", "ace", "bbc"]:
        m = r.search(s)
        print(repr(pat), repr(s), m and (m.span(), m.groups(), m.lastindex, m.lastgroup))
