# bytes compared with str for equality is never equal (no error), in
# either order, also for subclasses and inside containers; -b turns it into
# a BytesWarning and -bb into an error; ordering comparisons raise
# TypeError.
import subprocess
import sys

print(b"" == "", "" == b"", b"a" != "a", "a" != b"a")
print(b"abc" == "abc", [b"x"] == ["x"], (b"x",) == ("x",))
print({b"k": 1} == {"k": 1}, b"k" in {"k": 1}, "k" in [b"k"])


class B(bytes):
    pass


class S(str):
    pass


print(B(b"q") == "q", S("q") == b"q", B(b"q") != S("q"))


class Eq(bytes):
    def __eq__(self, other):
        return "custom"


print(Eq(b"z") == "z", "z" == Eq(b"z"))

for op in ("<", "<=", ">", ">="):
    try:
        eval("b'a' %s 'a'" % op)
    except TypeError as e:
        print("TypeError:", e)

code = "print(b'a' == 'a'); print('a' != b'a')"
for flag in ("-b", "-bb"):
    r = subprocess.run([sys.executable, flag, "-c", code], capture_output=True, text=True)
    print(flag, r.returncode, r.stdout.split())
    print([line.split(":", 1)[-1].strip() for line in r.stderr.splitlines() if "Warning" in line])
