# A compiled AST keeps the tree's line numbers (firstlineno, tracebacks), and
# compiled trees of many constructs run as their source does.
import ast
SRC = '''
def outer(x):
    y = x * 2
    def inner(z):
        return z / 0
    return inner(y)

@staticmethod
def decorated():
    pass

class K:
    def m(self):
        raise ValueError('in m')
'''
tree = ast.parse(SRC)
ast.increment_lineno(tree, 100)
code = compile(tree, 'virtual.py', 'exec')
ns = {}
exec(code, ns)
print(ns['outer'].__code__.co_firstlineno, ns['K'].m.__code__.co_firstlineno)
print(ns['decorated'].__func__.__code__.co_firstlineno if hasattr(ns['decorated'], '__func__') else None)
for f, a in [(ns['outer'], (3,)), (ns['K']().m, ())]:
    try:
        f(*a)
    except Exception as e:
        tb = e.__traceback__
        lines = []
        while tb:
            lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print(type(e).__name__, lines)
t2 = ast.parse('x = 1\nif x:\n    y = [i for i in range(3)]\nprint(y, f"{x!r:>4}", -5, -2.5, (1, "a"), 10**30, b"q", ..., 3j)')
exec(compile(t2, 'v2', 'exec'))
e = ast.parse('(lambda q, *r, k=2, **kw: (q, r, k, kw))(1, 2, 3, k=4, z=5)', mode='eval')
print(eval(compile(e, 'v3', 'eval')))
m = ast.parse('match [1, 2, 3]:\n    case [1, *rest] if rest:\n        print("rest", rest)\n    case _:\n        print("no")')
exec(compile(m, 'v4', 'exec'))
w = ast.parse('import math as p\nfrom math import pi as s\ntry:\n    1/0\nexcept ZeroDivisionError as err:\n    print("caught", type(err).__name__)\nelse:\n    pass\nfinally:\n    print("fin")\nwith memoryview(b"x") as fh:\n    pass\nwhile False:\n    pass\nelse:\n    print("while-else")\nassert p and s\nglobal G\nG = {**{"a": 1}, "b": 2}\nprint(G, {1, 2}, [*range(2)], (yield_ := 3))\nasync def co():\n    async with x as y:\n        await y\n    return [a async for a in b]\ndel G')
exec(compile(w, 'v5', 'exec'), {})

# Trees the compiler takes through their unparsed text: a U+FFFD in a
# string, a frozenset constant, annotations under the __future__ import.
odd = ast.Module(body=[ast.Expr(ast.Call(ast.Name('print', ast.Load()), [
    ast.Constant('\ufffd'), ast.Constant(frozenset({1}))], []))], type_ignores=[])
ast.fix_missing_locations(odd)
exec(compile(odd, 'v6', 'exec'))
fut = ast.parse('from __future__ import annotations\ndef f(a: list[int]) -> Missing: pass\nprint(f.__annotations__)')
exec(compile(fut, 'v7', 'exec'))
# A SyntaxError found by the compiler in a tree (not by the parser).
try:
    compile(ast.parse('def f():\n    nonlocal q'), 'v8', 'exec')
except SyntaxError as e:
    print('SyntaxError', e.msg, e.lineno)
try:
    compile(ast.parse('return 5'), 'v9', 'exec')
except SyntaxError as e:
    print('SyntaxError', e.msg, e.lineno, e.offset)
