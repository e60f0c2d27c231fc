# ast.unparse: the text of a tree, and parsing that text gives the same tree.
import ast

PROGRAMS = [
    "x = 1 + 2 * 3 - (4 - 5)",
    "a = (1 + 2) * 3 ** -x ** 2",
    "r = not (a and b) or c",
    "y = a if b else c",
    "f(a, *b, c=1, **d)",
    "z = [i * j for i in range(3) for j in range(i) if i != j]",
    "s = {k: v for k, v in zip(a, b)}",
    "g = (x for x in y)",
    "def f(a, /, b=2, *c, d, e=5, **g) -> None:\n    '''doc'''\n    return a",
    "async def co():\n    async with a as b:\n        await b\n    async for i in c:\n        yield i",
    "@dec\nclass K(Base, metaclass=M):\n    attr: int = 3\n\n    def m(self):\n        pass",
    "try:\n    x()\nexcept E as e:\n    raise F from e\nelse:\n    pass\nfinally:\n    done()",
    "while True:\n    if a:\n        break\n    elif b:\n        continue\n    else:\n        pass",
    "with open(p) as f, lock:\n    data = f.read()",
    "match v:\n    case [1, *rest]:\n        pass\n    case {'k': x, **kw}:\n        pass\n    case P(a, b=c) | None:\n        pass\n    case _ if guard:\n        pass",
    "lam = lambda x, *y, z=1, **w: (x, y, z, w)",
    "msg = f'{name!r:>{width}} = {value:.3f} {x=}'",
    "s = 'quote \\' and \" inside'",
    "b = b'\\x00bytes'",
    "t = (1,)\ne = ()\nst = {1, 2}\nd = {}",
    "x[1:2, ::3] = y[...]",
    "del a[0], b.c",
    "global g\nnonlocal_ok = 1",
    "import a.b as c\nfrom .. import d as e, f\nfrom m import *",
    "assert x > 0, 'positive'",
    "x: list[int] = []",
    "n = (m := 5) + 1",
    "print(-1, +2, ~3, not 4)",
    "a < b < c != d is not e in f not in g",
    "big = 123456789012345678901234567890 + 1.5e300 + 2j",
]

for src in PROGRAMS:
    tree = ast.parse(src)
    text = ast.unparse(tree)
    again = ast.parse(text)
    print(text)
    print('same tree:', ast.dump(tree) == ast.dump(again))
    print('---')

# unparse of single expressions and nodes built by hand
print(ast.unparse(ast.parse('a + b', mode='eval')))
print(ast.unparse(ast.BinOp(ast.Name('x'), ast.Mult(), ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2)))))
print(ast.unparse(ast.Call(ast.Name('f'), [ast.Constant('s')], [ast.keyword('k', ast.Constant(None))])))
