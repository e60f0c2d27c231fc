# compile(): argument conversions and checks, in CPython's order.
import ast


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", type(r).__name__)


show("bad flags", lambda: compile("1", "f", "eval", 0x40000000))
show("low flag bits", lambda: compile("1", "f", "eval", 0x3))
show("nested flag ok", lambda: compile("1", "f", "eval", 0x10))
show("codeop flags ok", lambda: compile("1", "f", "single", 0x200 | 0x4000))
show("bad optimize", lambda: compile("1", "f", "eval", optimize=7))
show("int filename", lambda: compile("1", 42, "eval"))
show("bytes filename", lambda: compile("1", b"bf", "eval").co_filename)
print(compile("1", b"bf", "eval").co_filename)
show("int mode", lambda: compile("1", "f", 3))
show("bad mode", lambda: compile("1", "f", "run"))
show("int source", lambda: compile(5, "f", "exec"))
show("memoryview source", lambda: compile(memoryview(b"z = 3"), "f", "exec"))
show("bytearray source", lambda: compile(bytearray(b"z = 3"), "f", "exec"))
show("null byte", lambda: compile("a\0", "f", "exec"))

# A str is already decoded: its coding cookie is not read.
ns = {}
exec(compile("# -*- coding: latin-1 -*-\ns = 'é'\n", "f", "exec"), ns)
print(len(ns["s"]), ns["s"] == "\xe9")
exec("# coding: no-such-codec\nt = 'ü'\n", ns)
print(len(ns["t"]))
# Bytes are decoded by their cookie.
exec(compile(b"# coding: latin-1\nu = '\xe9'\n", "f", "exec"), ns)
print(ns["u"] == "\xe9")

# The __future__ annotations flag.
src = "def f(a: undefined_name) -> 1 + 2: pass\n"
ns = {}
exec(compile(src, "f", "exec", 0x1000000), ns)
print(ns["f"].__annotations__)
show("without the flag", lambda: exec(compile(src, "f", "exec", dont_inherit=True), {}))

# optimize= applies to a tree too.
tree = ast.parse("def g():\n    assert False, 'x'\n    return 'ran'\n")
for level in (0, 1):
    ns = {}
    exec(compile(tree, "t", "exec", optimize=level), ns)
    show("tree optimize=%d" % level, ns["g"])
    ns = {}
    exec(compile(ast.unparse(tree), "t", "exec", optimize=level), ns)
    show("text optimize=%d" % level, ns["g"])
