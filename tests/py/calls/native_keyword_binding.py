# Natives whose parameters may be given by keyword: every mix of positions
# and names binds as in CPython, and each misuse raises CPython's error.
import itertools, re, struct, functools, zlib

def attempt(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        if not isinstance(r, (int, str, bytes, tuple, list, type(None))):
            r = list(r)
        print(label, "=", r)

attempt("count both", lambda: list(itertools.islice(itertools.count(start=3, step=2), 3)))
attempt("count step only", lambda **k: list(itertools.islice(itertools.count(**k), 3)), step=5)
attempt("count one each", lambda: list(itertools.islice(itertools.count(1, step=4), 3)))
attempt("count bad kw", itertools.count, begin=1)
attempt("repeat times", itertools.repeat, "x", times=3)
attempt("repeat object kw", itertools.repeat, object="y", times=2)
attempt("repeat twice", itertools.repeat, "x", 2, times=3)
attempt("repeat by name and position", itertools.repeat, "x", object="y")
attempt("unpack_from by name and position", struct.Struct("<h").unpack_from, b"ab", buffer=b"cd")
attempt("compress kw", itertools.compress, data="abcd", selectors=[1, 0, 1, 0])
attempt("compress missing", itertools.compress, data="abcd")
attempt("groupby key", lambda: [(k, list(g)) for k, g in itertools.groupby("aabbc", key=str.upper)])

p = re.compile(r"(\w+)-(\w+)")
attempt("split maxsplit", p.split, "a-b c-d e-f", maxsplit=1)
attempt("split string kw", p.split, string="a-b c-d", maxsplit=0)
attempt("split bad kw", p.split, "a-b", max=1)
attempt("groups default", lambda: p.match("-x").groups(default="?") if p.match("-x") else re.match(r"(a)?b", "b").groups(default="?"))
attempt("groupdict default", lambda: re.match(r"(?P<x>a)?b", "b").groupdict(default=0))

s = struct.Struct("<hi")
buf = s.pack(1, 2) * 2
attempt("unpack_from offset", s.unpack_from, buf, offset=6)
attempt("unpack_from buffer kw", s.unpack_from, buffer=buf, offset=0)
attempt("unpack_from both", s.unpack_from, buf, 0, offset=0)
attempt("struct.unpack_from", struct.unpack_from, "<h", buf, offset=6)
attempt("struct.unpack_from bad", struct.unpack_from, "<h", buf, off=6)

attempt("compress level", lambda: len(zlib.compress(b"a" * 100, level=9)) > 0)
attempt("compress wbits", lambda: zlib.decompress(zlib.compress(b"abc", wbits=31), wbits=31))
attempt("compress bad", zlib.compress, b"a", lvl=1)

K = functools.cmp_to_key(lambda a, b: a - b)
attempt("cmp_to_key kw", lambda: sorted([3, 1, 2], key=functools.cmp_to_key(mycmp=lambda a, b: b - a)))
attempt("cmp_to_key bad", functools.cmp_to_key, cmp=lambda a, b: 0)
