# Searches whose start positions the engine may skip before running the
# pattern: literal prefixes (whole or partial, inside groups, under
# IGNORECASE), charset prefixes, a first one-character item (also the
# item of a leading repeat), and alternatives that start with anchors or
# single characters. Every result is printed for str (ASCII and not),
# bytes and bytearray subjects, from several pos/endpos pairs.
import re

patterns = [
    "abc", "abc\\d+", "(ab)c", "a(bc)(\\d)?", "(?:ab)+c", "cab", "aab",
    "(?i)abc", "(?i)1-2x", "(?i)(k)x", "(?i)\u212a", "(?i)stra\u00dfe",
    "[xy]z", "(?i)[xy]z", "foo|bar|baz", "(?i)foo|bar",
    "\\s+$", "(\\d)+x", "[^,]+,", "a*?b", "x+?y", "a++b", "[^a]b",
    "\\d{2,}", "\\w+@\\w+", "(a|b)c", "^\\s+|\\s+$", "(^|[^\\\\])\"q",
    "\\bfoo|bar\\b", "$|x", "^ab", "\\Aab", "(?m)^b", "x*", "\\S*c",
    ".y", "(?s).y", "\u00e9+t", "[\u00e0-\u00ff]x", "\u4e2d\u6587",
]

subjects = [
    "", "abc", "xxabc12 abcabc9", "aabcab", "ab ab abc", "K kx KX \u212ax",
    "STRASSE stra\u00dfe Stra\u00dfe", "1-2X 1-2x", "xz yz Xz YZ", "foofoo BAR baz",
    "tail   ", "  lead", "12x3x45x", "a,b,,c,", "aaab ab b", "xxxy",
    "aaaab aab", "ab bb cb", "1 22 333", "me@host x@y", "ac bc cc",
    "q\"q \\\"q \"q", "foo bar foobar", "line\nb\nab", "\u00e9\u00e9t caf\u00e9t",
    "\u00e0x \u00ffx \u00e1y", "\u4e2d\u6587\u4e2d", "a\ny y", "xx",
]

bounds = [(0, None), (1, None), (2, 7), (0, 3), (5, 5), (3, 100), (-2, -1)]


def spans(m):
    if m is None:
        return "-"
    parts = ["%d:%d" % m.span()]
    for g in range(1, (m.re.groups or 0) + 1):
        s = m.span(g)
        parts.append("%d:%d" % s if s != (-1, -1) else "~")
    return ",".join(parts)


def run(p, s):
    out = []
    for pos, endpos in bounds:
        if endpos is None:
            m = p.search(s, pos)
            fm = p.match(s, pos)
        else:
            m = p.search(s, pos, endpos)
            fm = p.match(s, pos, endpos)
        out.append(spans(m) + "/" + spans(fm))
    out.append(str([x.span() for x in p.finditer(s)]))
    out.append(repr(p.sub("_" if isinstance(s, str) else b"_", s)))
    return " ".join(out)


for pat in patterns:
    p = re.compile(pat)
    print("== %r" % pat)
    for s in subjects:
        print("  %r %s" % (s, run(p, s)))
    try:
        bp = re.compile(pat.encode("latin-1"))
    except (UnicodeEncodeError, re.error):
        continue
    for s in subjects:
        try:
            b = s.encode("latin-1")
        except UnicodeEncodeError:
            continue
        r1 = run(bp, b)
        r2 = run(bp, bytearray(b))
        print("  b%r %s%s" % (s, r1, "" if r1.replace("bytearray", "") == r2.replace("bytearray", "") else " !ba " + r2))

# A long subject: the prefix is far from the start, and overlaps itself.
long = "ab" * 5000 + "aab" + "ab" * 10 + "abc"
for pat in ["aab", "ababc", "(?i)ABABC", "abc$", "[c]", "c|d", "\\d|c"]:
    p = re.compile(pat)
    print(pat, [m.span() for m in p.finditer(long)], p.search(long, 10004, 10010))
    lb = long.encode()
    print(pat, [m.span() for m in re.compile(pat.encode()).finditer(lb)])
    lw = "\u00e9" + long
    print(pat, [m.span() for m in p.finditer(lw)], p.search(lw, 10005))
