# Under `from __future__ import annotations` each annotation is the text CPython's
# compiler writes back from the tree (literals as their repr, single spaces around
# operators, parentheses only where precedence needs them), not the source text.
from __future__ import annotations

def f1(a: List[ int ], b: Dict[str,int], c: (1,2), d: 'x'  'y', e: b'q' , f: 0xFF) -> None: pass
def f2(a: -1, b: not x, c: ~y, d: +z, e: a if b else c, f: lambda: 1, g: lambda x, *y, z=3, **k: x) -> a or b and c: pass
def f3(a: x + y * z, b: (x + y) * z, c: x ** y ** z, d: (x ** y) ** z, e: -x ** 2, f: (-x) ** 2, g: x - (y - z), h: x - y - z): pass
def f4(a: x < y < z, b: x is not None, c: x not in y, d: (x < y) == z, e: x | y & z ^ w, f: x << 1 >> 2, g: x @ y // z % w / v): pass
def f5(a: f(x), b: f(x, *y, k=1, **z), c: f(x for x in y), d: f((x for x in y), 1), e: [x for x in y if x if y], f: {k: v for k, v in d}, g: {x for x in y}): pass
def f6(a: x.y.z, b: (1).real, c: 1.0.real, d: x[1:2], e: x[::2], f: x[1:2, 3], g: x[()], h: x[(1, 2)], i: x[a:b:c]): pass
def f7(a: {1: 2, **d}, b: {1, 2}, c: [1, 2], d: [], e: {}, f: (), g: (1,)): pass
def f8(a: 1e309, b: 1e309j, c: -1e309, d: 1.5, e: 10**100, f: 1_000, g: 0o17, h: 1j, i: 2.5e-10): pass
def f9(a: 'it\'s', b: "q\"d", c: 'a\nb', d: '\u00e9\x00', e: b'\x00\xff', f: r'\d', g: ..., h: True, i: None): pass
def g1(a: f'x{y}z', b: f'{x!r:>{w}}', c: f'{x=}', d: f'{x = !s}', e: f'{ {1: 2}[1] }', f: f'{{}}', g: f'{x:%Y-%m}', h: f'', i: f'{(lambda: 1)()}'): pass
def g2(a: 'a' f'b{c}', b: f'{x=:>5}', c: f"{'q'}", d: f'{x!a}'): pass
def g3(f: f(*a, *b), g: f(a=1, *b)): pass
def g5(b: Tuple[int, ...], c: Callable[[int], str], d: Literal['a', "b"], e: Optional["X"]): pass
def g6(a: f(lambda x: x), b: (lambda: 1) if x else 2, c: x if (y if z else w) else v, d: (x, y), e: [*a, *b], f: {**a}): pass
def g7(a: Dict[str,  # comment
              int], b: (x
   + y)): pass
class C:
    x: List[ int ] = []
    y: 'q'
    z: a.b [ c ]
v: Set [ int ] = set()
for fn in (f1, f2, f3, f4, f5, f6, f7, f8, f9, g1, g2, g3, g5, g6, g7):
    for k, v in fn.__annotations__.items():
        print(fn.__name__, k, ascii(v))
print(C.__annotations__)
print(__annotations__)
def h1(a: '\udcff', b: lambda a, /, b=1, *, c, d=2: 0, c: lambda *, k: k, d: lambda a=1, /: a, e: b'it\'s', f: '\x7f\u200b', g: "a'b\"c"): pass
def h2(a: f'{x:{{}}>{w}}', b: f"{'a' if x else 'b'}", c: f'{x!r:{y}{z}}', d: f'a\nb{x}', e: f'\\{x}', f: rf'\d{x}', g: f'{x:{{y}}}'): pass
def h3(a: x[1:], b: x[:], c: x[:, 1], d: x[1:2:], e: x[...], f: not not x, g: -(-x), h: (not x) == y, i: -x.y): pass
def h4(a: x if y else (lambda: z), b: [x for x in (1, 2)], c: (x for x in y for y in z if a), d: f(a)(b)[c].d, e: (a, b)[0]): pass
def h5(a: 1 if 2 else 3 if 4 else 5, b: (1 if 2 else 3) if 4 else 5, c: a and (b or c), d: (a and b) or c, e: a < (b < c), f: x ** -y, g: (-1) ** 2, h: 2 ** -1, i: not (a and b)): pass
class K:
    a: int
    b: K.c[int] = 3
    (c): int = 4
def u1(a: u'x' 'y', b: 'x' u'y', c: (u'a', 'b')): pass
for fn in (h1, h2, h3, h4, h5, u1):
    for k, v in fn.__annotations__.items():
        print(fn.__name__, k, ascii(v))
print(K.__annotations__)
ns = {}
exec(compile("x: Dict [ int,str ] = {}\ndef f(a: 0b11) -> 1.0e10: pass", "<s>", "exec", flags=__import__("__future__").annotations.compiler_flag), ns)
print(ns['__annotations__'], ns['f'].__annotations__)
import ast
t = ast.parse("def f(a: List [ int ]): pass")
ns = {}
exec(compile(t, "<t>", "exec", flags=__import__("__future__").annotations.compiler_flag), ns)
print(ns['f'].__annotations__)
