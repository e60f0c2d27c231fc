# NodeTransformer rewrites a tree that is then compiled and run; compile()
# rejects malformed trees with CPython's errors.
import ast


class Doubler(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node

    def visit_Name(self, node):
        if node.id == 'old':
            return ast.Name('new', node.ctx)
        return node


class DropPrints(ast.NodeTransformer):
    def visit_Expr(self, node):
        if isinstance(node.value, ast.Call) and getattr(node.value.func, 'id', '') == 'debug':
            return None
        return node


SRC = """
new = 5
x = 1 + 2
debug('hidden')
print(x, old)
def f(a=3):
    return a * 10
print(f())
"""
tree = Doubler().visit(ast.parse(SRC))
tree = DropPrints().visit(tree)
ast.fix_missing_locations(tree)
print(ast.unparse(tree))
exec(compile(tree, '<rewritten>', 'exec'), {'debug': print})

expr = ast.Expression(body=ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7)))
ast.fix_missing_locations(expr)
print(eval(compile(expr, '<expr>', 'eval')))

ns = {}
exec(compile(ast.parse('def squares(n):\n    return [i * i for i in range(n)]\n'), '<m>', 'exec'), ns)
print(ns['squares'](5))
print(type(compile(ast.parse('x = 1'), '<f>', 'exec')).__name__)
same = ast.parse('x = 1')
print(compile(same, '<f>', 'exec', ast.PyCF_ONLY_AST) is same)

L = dict(lineno=1, col_offset=0)


def module(*body):
    return ast.Module(body=list(body), type_ignores=[])


def name(id, ctx=None):
    return ast.Name(id, ctx or ast.Load(), **L)


BAD = [
    lambda: module(ast.Expr(ast.Name('x', ast.Load()))),
    lambda: ast.Expression(body=name('x')),
    lambda: module(ast.Expr(name('x', ast.Store()), **L)),
    lambda: module(ast.If(name('x'), [], [], **L)),
    lambda: module(ast.Expr(ast.Constant([1], **L), **L)),
    lambda: module(ast.Expr(3, **L)),
    lambda: ast.Module(body=ast.Pass(), type_ignores=[]),
    lambda: module(None),
    lambda: module(ast.Expr(ast.Name(3, ast.Load(), **L), **L)),
    lambda: module(ast.Expr(name('None'), **L)),
    lambda: module(ast.Expr(ast.BoolOp(ast.And(), [], **L), **L)),
    lambda: module(ast.Expr(ast.Name('x', 5, **L), **L)),
    lambda: module(ast.Expr(ast.Name('x', ast.Load(), lineno='a', col_offset=0), **L)),
    lambda: ast.Module(body=[ast.Expr(name('x'), **L)]),
    lambda: module(ast.Delete([], **L)),
    lambda: module(ast.Assign([name('x')], ast.Constant(1, **L), **L)),
    lambda: module(ast.Expr(ast.Compare(ast.Constant(1, **L), [ast.Lt()], [], **L), **L)),
    lambda: module(ast.Expr(ast.Dict([None], [], **L), **L)),
    lambda: module(ast.Try([ast.Pass(**L)], [], [], [], **L)),
    lambda: module(ast.Try([ast.Pass(**L)], [], [ast.Pass(**L)], [ast.Pass(**L)], **L)),
    lambda: module(ast.Raise(None, name('x'), **L)),
    lambda: module(ast.ImportFrom('m', [ast.alias('x')], -1, **L)),
    lambda: module(ast.Expr(ast.ListComp(name('x'), [], **L), **L)),
    lambda: module(ast.Return()),
    lambda: module(ast.FunctionDef('f', ast.arguments([], [], None, [], [], None, []), [], [], **L)),
    lambda: module(ast.Expr(ast.BinOp(name('a'), ast.Load(), name('b'), **L), **L)),
    lambda: module(ast.For(name('i'), name('r'), [ast.Pass(**L)], [], **L)),
    lambda: name('x'),
]
for make in BAD:
    try:
        compile(make(), '<bad>', 'exec')
        print('compiled')
    except (TypeError, ValueError) as e:
        print(type(e).__name__, str(e).split(' object at ')[0])
try:
    compile(module(ast.Expr(name('x'), **L)), '<bad>', 'eval')
except TypeError as e:
    print('TypeError', e)
try:
    compile('x', '<f>', 'func_type')
except ValueError as e:
    print('ValueError', e)
