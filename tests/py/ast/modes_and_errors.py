# ast.parse modes ('exec', 'eval', 'single', 'func_type') and the SyntaxErrors
# ast.parse raises (message and location).
import ast


def attempt(src, mode='exec'):
    try:
        tree = ast.parse(src, '<src>', mode)
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.filename, e.lineno, e.offset, e.end_lineno, e.end_offset)
    except ValueError as e:
        print('ValueError', e)
    else:
        print(ast.dump(tree, include_attributes=True))


print('-- eval')
attempt('x * 2 + f(y)', 'eval')
attempt('x\n', 'eval')
attempt('lambda: 0', 'eval')
print('-- single')
attempt('x = 1', 'single')
attempt('a = 1; b = 2', 'single')
attempt('for i in r:\n    print(i)\n', 'single')
attempt('first = 1\nsecond = 2', 'single')
attempt('if x:\n    pass\nafter = 1\n', 'single')
print('-- func_type')
attempt('(int, str) -> bool', 'func_type')
attempt('(int, *str) -> List[int]', 'func_type')
attempt('() -> None', 'func_type')
attempt('(Dict[str, int]) -> x.y', 'func_type')
attempt('\n(int,\n str) -> bool', 'func_type')
attempt('int -> bool', 'func_type')
print('-- exec')
attempt('')
attempt('# only a comment\n')
attempt('return value')
attempt('break')
attempt('await thing')
attempt('yield item')
attempt('nonlocal ghost')
print('-- errors')
attempt('x = ')
attempt('def f(:')
attempt('(')
attempt('f(a, x for x in y)')
attempt('1 = x')
attempt('f() = 1')
attempt('del f()')
attempt('a, b += 1')
attempt('x = 0777')
attempt('if x:\npass')
attempt('print "hello"')
attempt('x = [1, 2')
attempt("x = 'abc")
attempt('def f(a, a): pass')
attempt('type Alias = int')
attempt('def generic[T](x): pass')
attempt('class Generic[T]: pass')
attempt('x = 1\ntype Pair[T] = tuple[T, T]')
attempt('x = 1', 'bogus')
try:
    compile('x', '<src>', 'func_type')
except ValueError as e:
    print('ValueError', e)
try:
    compile('x', '<src>', 'bogus')
except ValueError as e:
    print('ValueError', e)
