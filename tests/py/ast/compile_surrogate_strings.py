# compile() of a tree whose str constants hold lone surrogates or U+FFFD
# (as a test module does that pytest's assertion rewriter hands over as a
# tree): the values, the docstring and the line numbers come out as from
# the source, with names no source could spell beside them.
import ast
import traceback

src = '''
def f():
    """doc \\ud800 end"""
    a = "\\ud800"
    b = ("x\\udfff" "y")
    c = "\\ufffd real"
    d = {"k\\udc80": 1}
    return a, b, c, d
def g(x):
    assert x == "\\udcff", "message \\ud801"
print([ascii(x) for x in f()], ascii(f.__doc__))
'''
for name, rename in (("source", False), ("tree", True)):
    t = ast.parse(src)
    if rename:
        t.body[0].body[1].targets[0].id = "@a"
        t.body[0].body[-1].value.elts[0].id = "@a"
    ns = {}
    exec(compile(t, "<" + name + ">", "exec"), ns)
    try:
        ns["g"]("other")
    except AssertionError as e:
        print(name, ascii(e.args[0]), traceback.extract_tb(e.__traceback__)[-1].lineno)
    ns["g"]("\udcff")
