# ast's helpers over the trees _ast builds: walk, NodeVisitor, iter_fields,
# get_docstring, copy_location, fix_missing_locations, increment_lineno,
# get_source_segment.
import ast

SRC = '''"""Module doc."""

def add(a, b):
    """Add two numbers.

    Returns the sum.
    """
    return a + b

class Box:
    "Holds things."
    def get(self):
        return self.value

async def later():
    """Async doc."""

def nodoc():
    x = 1
'''

tree = ast.parse(SRC)
print(sorted({type(n).__name__ for n in ast.walk(tree)}))
# clean=False: cleaning goes through inspect.cleandoc.
print(ast.get_docstring(tree, clean=False))
for node in tree.body[1:]:
    print(type(node).__name__, repr(ast.get_docstring(node, clean=False)))
try:
    ast.get_docstring(tree.body[1].body[0])
except TypeError as e:
    print('TypeError', e)


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []
        self.calls = 0

    def visit_Name(self, node):
        self.names.append((node.id, type(node.ctx).__name__, node.lineno, node.col_offset))

    def visit_Call(self, node):
        self.calls += 1
        self.generic_visit(node)


c = Counter()
c.visit(ast.parse('x = f(y, g(z))\nprint(x)'))
print(c.names, c.calls)

node = ast.parse('a = b + 1').body[0]
print(list(name for name, _ in ast.iter_fields(node)))
print([type(n).__name__ for n in ast.iter_child_nodes(node)])

new = ast.copy_location(ast.Name('q', ast.Load()), node.value)
print(new.lineno, new.col_offset, new.end_lineno, new.end_col_offset)

hand = ast.Module(body=[ast.Expr(ast.Call(ast.Name('print', ast.Load()), [ast.Constant('hi')], []))], type_ignores=[])
ast.fix_missing_locations(hand)
print(ast.dump(hand, include_attributes=True))
exec(compile(hand, '<hand>', 'exec'))

moved = ast.parse('x = 1\ny = 2')
ast.increment_lineno(moved, 10)
print([(n.lineno, n.end_lineno) for n in ast.walk(moved) if hasattr(n, 'lineno')])

text = 'total = price * (1 + rate)\nprint(total)'
t = ast.parse(text)
binop = t.body[0].value
print(ast.get_source_segment(text, binop))
print(ast.get_source_segment(text, binop.right))
print(ast.get_source_segment(text, t.body[1]))
uni = "name = 'héllo'  + suffix"
u = ast.parse(uni)
print(ast.get_source_segment(uni, u.body[0].value.right), u.body[0].value.right.col_offset)
