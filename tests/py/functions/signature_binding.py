# Complex argument binding cases.
def full(a, b=2, /, c=3, *args, d, e=5, **kwargs):
    return f"a={a} b={b} c={c} args={args} d={d} e={e} kw={sorted(kwargs.items())}"

print(full(1, d=4))
print(full(1, 20, 30, 40, 50, d=4))
print(full(1, c=33, d=4))
print(full(1, 2, 3, d=4, e=6, f=7, a=8))
print(full(*[1, 2, 3, 4], **{"d": 0, "z": 9}))
print(full(1, d=4, b=99))

for call in [lambda: full(d=1), lambda: full(1), lambda: full(1, 2, 3, c=4, d=5),
             lambda: full(1, 2, 3, 4, 5, d=6, d2=7, e=8)]:
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)

def only_kwargs(**kw):
    return sorted(kw)
print(only_kwargs(a=1, b=2, **{"c": 3}))
print(only_kwargs(**{"self": 1, "kw": 2}))

def named_self(self, *args):
    return self, args
print(named_self(*range(3)))
print(named_self(self="by keyword"))

def kwargs_named_like_positional(a, **kw):
    return a, kw
print(kwargs_named_like_positional(1, b=2))
try:
    kwargs_named_like_positional(1, a=2)
except TypeError as e:
    print("TypeError:", e)

def pos_only_and_kwargs(a, /, **kw):
    return a, kw
print(pos_only_and_kwargs(1, a=2))

def defaults_referencing_earlier(a, b=None):
    return a, (a if b is None else b)
print(defaults_referencing_earlier(5), defaults_referencing_earlier(5, 6))

def unpack_gen(*args):
    return args
print(unpack_gen(*(i * i for i in range(4))))
print(unpack_gen(*"ab", *b"c", *{"k": 1}))
print(unpack_gen(*range(0)))

def many(a, b, c, d, e, f, g, h):
    return a + b + c + d + e + f + g + h
print(many(1, 2, 3, *[4, 5], f=6, **{"g": 7, "h": 8}))
