# compile() of an AST tree whose annotations are stringified, by the
# module's own `from __future__ import annotations` or by the compile flag:
# each annotation becomes the text ast.unparse gives it, the rest of the
# tree compiles as it stands (names that are no identifiers, as an
# assertion rewriter makes them, included), with the tree's line numbers.
import __future__
import ast
import traceback

src = '''
from __future__ import annotations
import builtins as b
def f(x: List[ int ], *a: "q", y: dict[str, int] = 3, **k: x.y) -> Optional[int]:
    z: Tuple[int,...] = 1
    return z
class C:
    attr: list[C]
    other: 'str' = 2
v: lambda: 3
async def g(p: lambda: (yield)) -> await_me: pass
print(f.__annotations__)
print(C.__annotations__, __annotations__)
print(g.__annotations__, f(1))
print(sorted(k for k in globals() if '@' in k))
def boom():
    return 1 / 0
'''
tree = ast.parse(src)
# A name no source could spell, as pytest's assertion rewriter binds.
tree.body[1].names[0].asname = "@py_builtins"
ns = {}
exec(compile(tree, "<tree>", "exec"), ns)
try:
    ns["boom"]()
except ZeroDivisionError as e:
    print([(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)][1:])

src2 = """
def g(a: int | None, *, b: 'x' = 1) -> A[B]: pass
print(g.__annotations__)
w: 1+2
print(__annotations__)
"""
flag = __future__.annotations.compiler_flag
exec(compile(ast.parse(src2), "<flag>", "exec", flags=flag), {})
try:
    exec(compile(ast.parse(src2), "<plain>", "exec"), {"A": {}, "B": 1})
except KeyError as e:
    print("evaluated without the flag:", repr(e))

# A yield, await or named expression in a stringified annotation is a
# SyntaxError at its own line, even from a tree.
for bad in ["def h(p: (yield)): pass", "def h() -> (x := 1): pass",
            "async def h(p: [await q]): pass", "z: (yield from w)"]:
    t = ast.parse("from __future__ import annotations\n\n" + bad)
    t.body[0].names[0].asname = "@future"
    try:
        compile(t, "<bad>", "exec")
    except SyntaxError as e:
        print(e.msg, e.lineno)

# Nested functions and lambdas keep their stringified annotations.
src3 = """
from __future__ import annotations
def outer():
    def inner(q: set[frozenset[int]]) -> 'nested':
        pass
    return inner
print(outer().__annotations__)
"""
exec(compile(ast.parse(src3), "<nested>", "exec"), {})
