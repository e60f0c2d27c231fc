# -b and -bb: str() of bytes and bytearray, and == / != between bytes and
# str (or bytes and int), issue BytesWarning; -b shows it once per place,
# -bb raises it. Without the flag nothing is issued. Each run is a fresh
# interpreter.
import subprocess
import sys

PROBE = r'''
import sys, warnings
def show(label, f):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = f()
        except Exception as e:
            r = type(e).__name__
    print(label, r, [(x.category.__name__, str(x.message)) for x in w])
show("str bytes", lambda: str(b"ab"))
show("str bytearray", lambda: str(bytearray(b"ab")))
show("repr bytes", lambda: repr(b"ab"))
show("f-string", lambda: f"{b'x'}")
show("format()", lambda: format(b'x'))
show("percent", lambda: "%s" % b'x')
show("print", lambda: print(b"p", file=sys.stdout))
show("eq str", lambda: b"a" == "a")
show("eq str reflected", lambda: "a" == b"a")
show("ne str", lambda: b"a" != "a")
show("lt str", lambda: b"a" < "a")
show("eq int", lambda: b"a" == 97)
show("eq bool", lambda: b"" == False)
show("eq float", lambda: b"a" == 1.0)
show("eq bytearray str", lambda: bytearray(b"a") == "a")
show("eq bytearray int", lambda: bytearray(b"a") == 97)
show("eq bytes bytearray", lambda: b"a" == bytearray(b"a"))
show("eq memoryview", lambda: b"a" == memoryview(b"a"))
show("dict lookup", lambda: {"a": 1}.get(b"a"))
show("in list", lambda: b"a" in ["a"])
class S(str): pass
class B(bytes): pass
show("eq str subclass", lambda: b"a" == S("a"))
show("eq bytes subclass", lambda: B(b"a") == "a")
print("flag", sys.flags.bytes_warning)
'''

SHOWN = r'''
for i in range(3):
    str(b"loop")
b"k" == "k"
print("done")
'''

RAISED = r'''
try:
    b"x" == "x"
except BytesWarning as e:
    print("caught:", e)
print(b"x")
'''

for flags in ([], ["-b"], ["-bb"]):
    print("== flags", flags)
    r = subprocess.run([sys.executable, *flags, "-c", PROBE], capture_output=True, text=True)
    print(r.stdout, end="")
    print("status", r.returncode, r.stderr)
    for prog in (SHOWN, RAISED):
        r = subprocess.run([sys.executable, *flags, "-c", prog], capture_output=True, text=True)
        print(r.stdout, end="")
        print("status", r.returncode)
        print(r.stderr, end="")
