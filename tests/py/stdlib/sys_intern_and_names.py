# sys.intern gives back the string itself the first time; sys.stdlib_module_names.
import sys


def fresh(n):
    return "interned-" + str(n) * 3


def check():
    s = fresh(12345)
    t = sys.intern(s)
    print(t is s, t == s)
    again = fresh(12345)
    print(again is s, sys.intern(again) is s)
    d = {s: "v"}
    print(d[fresh(12345)], d[again])
    for bad in [b"x", 3, None]:
        try:
            sys.intern(bad)
        except TypeError as e:
            print("TypeError:", e)

    class S(str):
        pass

    try:
        sys.intern(S("abc"))
    except TypeError as e:
        print("TypeError:", e)


check()

names = sys.stdlib_module_names
print(type(names).__name__, len(names) > 250)
for m in ["os", "sys", "re", "json", "asyncio", "_io", "syslog", "winreg", "test"]:
    print(m, m in names)
print(all(isinstance(n, str) for n in names), sorted(names)[:3])
