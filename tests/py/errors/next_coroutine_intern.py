# next() on a coroutine and sys.intern() misuse are TypeErrors.
import sys

async def coro():
    return 1

c = coro()
try:
    next(c)
except TypeError as e:
    print("TypeError:", e)
c.close()

class S(str):
    pass

for bad in [(), (1,), (S("abc"),), ("a", "b")]:
    try:
        sys.intern(*bad)
    except TypeError as e:
        print("TypeError:", e)
print(sys.intern("ab" + "c") is sys.intern("abc"))
