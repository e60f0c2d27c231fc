# Under -X dev, encode/decode check that the codec and the error handler
# they name exist even when the data never needs them; without it, an
# unknown error handler is only an error once a character needs it.
import subprocess
import sys

CHILD = r'''
import codecs, sys
print("dev_mode", sys.flags.dev_mode)
codecs.register_error("mine", lambda exc: ("?", exc.end))
cases = [
    ("str.encode errors", lambda: "abc".encode("ascii", "no-such-handler")),
    ("empty encode errors", lambda: "".encode("latin-1", "no-such-handler")),
    ("bytes() errors", lambda: bytes("xyz", "utf-8", "no-such-handler")),
    ("bytearray() errors", lambda: bytearray("", "ascii", "no-such-handler")),
    ("decode errors", lambda: b"abc".decode("utf-8", "no-such-handler")),
    ("empty decode errors", lambda: b"".decode("ascii", "no-such-handler")),
    ("str() errors", lambda: str(b"q", "latin-1", "no-such-handler")),
    ("empty decode encoding", lambda: b"".decode("no-such-codec")),
    ("registered handler", lambda: "ab\u20ac".encode("ascii", "mine")),
    ("known names", lambda: "x".encode("utf8", "surrogatepass")),
    ("needed handler", lambda: "\u20ac".encode("ascii", "no-such-handler")),
]
for label, fn in cases:
    try:
        r = fn()
        print(label, "->", repr(r))
    except LookupError as e:
        print(label, "LookupError:", e)
'''

for flags in ([], ["-X", "dev"]):
    out = subprocess.run([sys.executable, *flags, "-c", CHILD],
                         capture_output=True, text=True)
    print("flags", flags, "exit", out.returncode)
    print(out.stdout, end="")
    if out.stderr:
        print("stderr:", out.stderr.strip().splitlines()[-1])
