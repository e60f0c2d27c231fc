# bless-with: python3.12
# yield, await and walrus expressions are not allowed in the annotation
# scopes of PEP 695 (type alias values, TypeVar bounds and constraints,
# the generic parameters of a def or class); a comprehension there may not
# bind with := either.  Code outside those scopes is unaffected.

def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiles:", src.replace("\n", " | "))
    except SyntaxError as e:
        print("%s line %s: %s" % (type(e).__name__, e.lineno, e.msg))

for body in ["(yield)", "(yield from gen)", "(await job)", "(n := 3)", "[(n := v) for v in vs]"]:
    check("type Alias = " + body)
    check("type Alias[K] = list[K] | " + body)
    check("def pick[K: %s](x): return x" % body)
    check("def pick[K: (int, %s)](x): return x" % body)
    check("class Holder[K](%s): pass" % body)
    check("class Holder[K](Base, flag=%s): pass" % body)
    check("def pick[K](x: %s): return x" % body)
    check("def pick[K](*xs: %s): return xs" % body)
    check("def pick[K]() -> %s: pass" % body)

# Inside a function, an alias still gets its own scope.
check("def outer():\n    type Alias = (yield)")
check("async def outer():\n    type Alias = (await job)")
check("class Box[K]:\n    def get(self):\n        type Alias = (yield)")

# Where these expressions stay legal.
check("def pick[K](x=(n := 3)): return x")
check("type Alias = lambda: (yield)")
check("type Alias = [v for v in vs if v]")
check("def gen[K]():\n    yield (n := 1)")
check("async def run[K](job):\n    return await job")
check("type Alias = [(yield) for v in vs]")
check("type Alias = [await v for v in vs]")
