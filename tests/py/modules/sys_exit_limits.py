# sys.exit's argument forms, recursion-limit argument checks, call_tracing,
# and a few sys attributes' types.
import sys

for args in [(), (42,), ((42,),), ((1, 2),), ("bye",), (None,)]:
    try:
        sys.exit(*args)
    except SystemExit as e:
        print("exit", args, "->", repr(e.code), e.args)
try:
    sys.exit(1, 2)
except TypeError as e:
    print("TypeError:", e)

old = sys.getrecursionlimit()
for v in ["a", 1.5, -1, 0, 10**30]:
    try:
        sys.setrecursionlimit(v)
    except Exception as e:
        print(type(e).__name__ + ":", e)
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(old)
for f in (sys.getrecursionlimit, sys.getdefaultencoding):
    try:
        f(1)
    except TypeError as e:
        print("TypeError:", e)
try:
    sys.setrecursionlimit()
except TypeError as e:
    print("TypeError:", e)

print(sys.call_tracing(divmod, (17, 5)))
for bad in [(divmod, [1, 2]), (divmod,)]:
    try:
        sys.call_tracing(*bad)
    except TypeError as e:
        print("TypeError:", e)

print(type(sys.api_version), type(sys.orig_argv), all(isinstance(a, str) for a in sys.orig_argv))
print(sys.implementation.hexversion == sys.hexversion - (sys.hexversion & 0xFF00) + (sys.implementation.hexversion & 0xFF00))
