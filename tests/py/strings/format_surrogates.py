# Lone surrogates (as os.fsdecode gives for undecodable bytes) survive
# str.format, format specs, f-strings and % formatting, with widths and
# precisions counting them as one character each; private-use characters
# in other operations are left alone. sys.intern and pathlib keep them too.
import os

s = "a\udcffb"
path = os.fsdecode(b"/tmp/caf\xe9.txt")
cases = [
    ("format", lambda: "{}".format(s)),
    ("format field", lambda: "x{0}y{0}".format(s)),
    ("format spec", lambda: "{:>6}|{:<6}|{:^7}|{:.2}".format(s, s, s, s)),
    ("format literal", lambda: "\ud800{}\udfff".format(1)),
    ("format_map", lambda: "{k}-{k!s}".format_map({"k": s})),
    ("format !r", lambda: "{!r}".format(s)),
    ("format()", lambda: format(s, ">5")),
    ("__format__", lambda: s.__format__("*<6")),
    ("f-string", lambda: f"{s}"),
    ("f-string spec", lambda: f"[{s:>5}] [{path:.9}]"),
    ("percent s", lambda: "%s|%5s|%-6s|%.2s" % (s, s, s, s)),
    ("percent literal", lambda: "\udc00%d\udc01" % 7),
    ("percent mapping", lambda: "%(p)s" % {"p": path}),
    ("percent c", lambda: "%c%c" % ("\udcab", 0xDC80)),
    ("percent r", lambda: "%r" % s),
    ("private use kept", lambda: "{}{}".format("\ue000\ue7ff", "x")),
    ("private use with %", lambda: "%s" % "\ue123"),
    ("fill str.format", lambda: "{:\udc80>6}|{:\ud800^5}".format("x", s)),
    ("fill format int", lambda: format(5, "\ud800^7")),
    ("fill format float", lambda: format(1.5, "\udfff<6")),
    ("fill format complex", lambda: format(1j, "\udc01>6")),
    ("fill f-string", lambda: f"{'ab':\udfff<4}{7:\udc80=+5}"),
    ("fill and private use", lambda: format("\ue000", "\udc80>3")),
]
for name, f in cases:
    r = f()
    print(name, ascii(r), [len(x) for x in r] if isinstance(r, list) else len(r))
print(os.fsencode("{}".format(path)), os.fsencode("%s" % path), os.fsencode(f"{path:>20}"))

# sys.intern keeps them too (pathlib interns each part of a path).
import pathlib
import sys
a = sys.intern("x\udcff")
print(ascii(a), a is sys.intern("x" + "\udcff"), len(a), hash(a) == hash("x\udcff"))
p = pathlib.PurePosixPath("/srv", path, "\udc80")
print(ascii(str(p)), ascii(p.name), ascii(p.parent.name), os.fsencode(p))
