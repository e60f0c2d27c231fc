# The node classes of _ast/ast: fields, attributes, docs, constructors and their
# errors, shared context/operator instances, copying and pattern matching.
import ast
import _ast
import copy

print(ast.AST._fields, ast.AST._attributes, ast.AST.__module__)
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(ast.Name.__mro__)
print(ast.FunctionDef.__bases__, ast.arguments.__bases__, ast.Load.__bases__)
for name in ['Module', 'FunctionDef', 'BinOp', 'Constant', 'arguments', 'arg', 'keyword',
             'alias', 'withitem', 'match_case', 'comprehension', 'ExceptHandler',
             'MatchClass', 'TypeIgnore', 'Load', 'Add', 'Eq']:
    cls = getattr(ast, name)
    print(name, cls._fields, cls.__match_args__, cls._attributes)
for name in ['mod', 'stmt', 'expr', 'expr_context', 'boolop', 'operator', 'cmpop',
             'excepthandler', 'pattern', 'type_ignore', 'Name', 'Load', 'arguments']:
    print(repr(getattr(ast, name).__doc__))
print(ast.Constant.kind, ast.arguments.vararg, ast.expr.end_lineno, ast.stmt.end_col_offset)
print(sorted(k for k in vars(ast.expr) if not k.startswith('__')))
print(sorted(k for k in vars(ast.FunctionDef) if not k.startswith('__')))
print(sorted(k for k in vars(ast.keyword) if not k.startswith('__')))
print(sorted(k for k in vars(ast.pattern) if not k.startswith('__')))
print(hasattr(ast.pattern, 'end_lineno'))

print(ast.Load() is ast.Load())
ctx1 = ast.parse('a').body[0].value.ctx
ctx2 = ast.parse('b').body[0].value.ctx
print(type(ctx1).__name__, ctx1 is ctx2)
op1 = ast.parse('a + b').body[0].value.op
op2 = ast.parse('c + d').body[0].value.op
print(type(op1).__name__, op1 is op2)

node = ast.Name('x', ast.Load(), lineno=3)
print(node.id, type(node.ctx).__name__, node.lineno, sorted(vars(node)), node.end_lineno)
try:
    node.col_offset
except AttributeError as e:
    print('AttributeError', e)
node = ast.BinOp(left=ast.Constant(1), op=ast.Add(), right=ast.Constant(2))
print(ast.dump(node))
print(ast.dump(ast.Constant(5, 'u')))
print(ast.dump(ast.Name(id='y', extra=1)), ast.Name(id='y', extra=1).extra)
for make in [lambda: ast.Name('a', ast.Load(), 3), lambda: ast.Return(1, 2),
             lambda: ast.Name('x', id='y'), lambda: ast.AST(1), lambda: ast.Load(1),
             lambda: ast.Pass(1)]:
    try:
        make()
    except TypeError as e:
        print('TypeError', e)
print(ast.dump(ast.Constant()), ast.dump(ast.Module()))

tree = ast.parse('data = [1, (2, 3)]\ndef f(a):\n    return a + 1\n')
deep = copy.deepcopy(tree)
print(ast.dump(deep, include_attributes=True) == ast.dump(tree, include_attributes=True), deep is not tree)
shallow = copy.copy(tree.body[0])
print(shallow.targets is tree.body[0].targets, shallow is not tree.body[0])
cls, args, state = ast.Name('n', ast.Load()).__reduce__()
print(cls.__name__, args, sorted(state))
print(ast.AST().__reduce__())

match ast.parse('total = 7').body[0]:
    case ast.Assign([ast.Name(id=target)], ast.Constant(value)):
        print('assign', target, value)
match ast.parse('f(1, k=2)', mode='eval').body:
    case ast.Call(ast.Name('f'), [ast.Constant(first)], [ast.keyword('k', ast.Constant(kv))]):
        print('call', first, kv)

# Deprecated 3.8 classes defined in ast.py over Constant.
print(isinstance(ast.Constant(1), ast.Num), isinstance(ast.Constant('s'), ast.Str),
      isinstance(ast.Constant(1), ast.Str), isinstance(ast.Constant(b''), ast.Bytes),
      isinstance(ast.Constant(None), ast.NameConstant), isinstance(ast.Constant(...), ast.Ellipsis))
print(ast.dump(ast.Num(5)), ast.Num(5).n, ast.Str('a').s, ast.Bytes(b'x').s,
      ast.NameConstant(True).value, ast.dump(ast.Ellipsis()))
print(ast.dump(ast.Index(ast.Name('x'))), ast.dump(ast.ExtSlice([ast.Name('a'), ast.Name('b')])))


class MyNode(ast.AST):
    _fields = ('left', 'right')


m = MyNode(1, right=2)
print(m.left, m.right, ast.dump(m))
try:
    MyNode(1, 2, 3)
except TypeError as e:
    print('TypeError', e)
