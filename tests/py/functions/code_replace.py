# code.replace(): fields that can change, fields that cannot, argument errors.
def f(a, b=2):
    x = a + b
    return x, K

K = 5
c = f.__code__
print(c.co_consts[:1], c.co_names, c.co_varnames)

c2 = c.replace(co_name="g", co_qualname="Q.g", co_filename="other.py")
print(c2.co_name, c2.co_qualname, c2.co_filename, c2.co_argcount)
print(c.co_name, c.co_qualname, c.co_filename.endswith(".py"))

c3 = c.replace(co_firstlineno=c.co_firstlineno + 100)
print(c3.co_firstlineno - c.co_firstlineno)
lines = sorted({l for _, _, l in c3.co_lines() if l is not None})
old = sorted({l for _, _, l in c.co_lines() if l is not None})
print({n - o for n, o in zip(lines, old)})

def h():
    return "spam"
hc = h.__code__
consts = tuple("eggs" if x == "spam" else x for x in hc.co_consts)
h.__code__ = hc.replace(co_consts=consts)
print(h())

def gl():
    return AAA
AAA, BBB = 1, 2
gl.__code__ = gl.__code__.replace(co_names=("BBB",))
print(gl())

same = c.replace(co_argcount=c.co_argcount, co_flags=c.co_flags,
                 co_nlocals=c.co_nlocals, co_stacksize=c.co_stacksize)
print(type(same).__name__, same.co_name)
print(c.replace().co_name)

def err(**kw):
    try:
        c.replace(**kw)
    except Exception as e:
        print(type(e).__name__, e)

err(co_name=1)
err(co_firstlineno="a")
err(co_names=["a"])
err(co_bogus=1)
try:
    c.replace(1)
except TypeError as e:
    print("TypeError", e)
