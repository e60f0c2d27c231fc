# Code object attributes (members and getsets on the code type), and
# inspect.signature, which reads them.
import inspect
def f(a, /, b, *args, c, d=4, **kw):
    e = 1
    def inner():
        return e + a
    return inner
co = f.__code__
print(co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_nlocals, co.co_varnames, co.co_cellvars, co.co_freevars)
ic = f(1, 2, c=3)
print(ic.__code__.co_freevars, ic.__code__.co_cellvars, ic.__code__.co_nlocals)
print(inspect.signature(f))
print(inspect.signature(lambda x, *, y=2: 0))
