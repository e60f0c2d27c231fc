# ast.literal_eval: accepted literals and the errors for everything else.
import ast

GOOD = [
    "42", "-7", "+3", "3.5e2", "-2.5", "1+2j", "3-4j", "-1-1j", "0x1F", "1_000",
    "'text'", "'con' 'cat'", "b'raw bytes'", "None", "True", "False",
    "[1, 'two', 3.0]", "(1,)", "()", "(1, (2, (3,)))", "{'a': 1, 'b': [2, 3]}",
    "{1, 2, 3}", "set()", "{}", "  [1, 2]  ", "\t{'k': (1, 2)}",
    "123456789012345678901234567890",
]
for src in GOOD:
    v = ast.literal_eval(src)
    print(repr(src), '->', repr(v), type(v).__name__)

BAD = [
    "x", "1 + x", "f()", "[i for i in range(3)]", "{**a}", "a.b", "2 * 3", "1 + 1",
    "'a' + 'b'", "-'a'", "--1", "not True", "lambda: 0", "{1: 2}[1]", "set([1])",
    "frozenset()", "(1, 2) + (3,)", "x = 1", "1 +", "[1, 2", "...", "1 + 2 + 3j",
    "f'{x}'",
]
for src in BAD:
    try:
        print(repr(src), '->', repr(ast.literal_eval(src)))
    except (ValueError, SyntaxError, TypeError) as e:
        msg = e.msg if isinstance(e, SyntaxError) else str(e).split(' object at ')[0]
        print(repr(src), '!!', type(e).__name__, msg)

# A node can be given instead of a string.
print(ast.literal_eval(ast.parse('[1, 2]', mode='eval')))
print(ast.literal_eval(ast.Constant(7)))
print(ast.literal_eval(ast.Tuple([ast.Constant(1), ast.Constant('a')], ast.Load())))
try:
    ast.literal_eval(ast.Name('x', ast.Load(), lineno=1, col_offset=0))
except ValueError as e:
    print('ValueError', str(e).split(' object at ')[0])
