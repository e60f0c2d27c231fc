import contextvars as cv
v = cv.ContextVar('v', default=1)
w = cv.ContextVar('w')
print(v.name, v.get(), w.get(5))
try:
    w.get()
except LookupError as e:
    print('LookupError', e.args[0] is w)
t = v.set(10)
print(v.get(), t.var is v, t.old_value is cv.Token.MISSING, repr(cv.Token.MISSING))
c = cv.copy_context()
print(len(c), c[v], v in c, w in c, c.get(w, 'dflt'), list(c) == [v])
t2 = v.set(20)
print(c[v], v.get())
v.reset(t2)
print(v.get())
try:
    v.reset(t2)
except RuntimeError as e:
    print('RuntimeError', str(e).endswith('has already been used once'))
def f(x, y=0):
    v.set(x + y)
    return v.get(), len(cv.copy_context())
print(c.run(f, 100, y=5), v.get(), c[v])
def reenter():
    return c.run(lambda: 1)
try:
    c.run(reenter)
except RuntimeError as e:
    print('RuntimeError', 'is already entered' in str(e))
def foreign():
    return v.set(7)
tok = c.run(foreign)
try:
    v.reset(tok)
except ValueError as e:
    print('ValueError', str(e).endswith('was created in a different Context'))
try:
    w.reset(t)
except ValueError as e:
    print('ValueError', str(e).endswith('was created by a different ContextVar'))
try:
    v.reset(5)
except TypeError as e:
    print('TypeError', e)
v.reset(t)
print(v.get(), len(cv.copy_context()))
print(sorted(x.name for x in c.keys()), sorted(c.values()), len(c.items()))
print(type(c.keys()).__name__, type(c).__name__, type(v).__module__)
try:
    c[1]
except TypeError as e:
    print('TypeError', e)
try:
    c[w]
except KeyError as e:
    print('KeyError', e.args[0] is w)
try:
    cv.Context(1)
except TypeError as e:
    print('TypeError', e)
try:
    cv.Token()
except RuntimeError as e:
    print('RuntimeError', e)
try:
    cv.ContextVar(5)
except TypeError as e:
    print('TypeError', e)
try:
    class X(cv.ContextVar): pass
except TypeError as e:
    print('TypeError', e)
try:
    v.name = 'x'
except AttributeError as e:
    print('AttributeError', e)
print(cv.Context() == cv.Context(), c == c.copy(), c == cv.Context(), hash(v) == hash(v))
print(repr(v).startswith("<ContextVar name='v' default=1 at 0x"), repr(w).startswith("<ContextVar name='w' at 0x"))
print(repr(t).startswith("<Token used var=<ContextVar name='v' default=1 at"))
print(cv.ContextVar[int], cv.Token[str])
try:
    c.run()
except TypeError as e:
    print('TypeError', e)
