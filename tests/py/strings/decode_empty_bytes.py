# Decoding nothing gives '' without looking the codec up (outside -X dev):
# bytes.decode, bytearray.decode and str(obj, encoding).
import subprocess
import sys

for label, fn in [
    ("bytes", lambda: b"".decode("no-such-codec")),
    ("bytes, errors", lambda: b"".decode("utf-8", "no-such-handler")),
    ("bytearray", lambda: bytearray().decode("no-such-codec")),
    ("str()", lambda: str(b"", "no-such-codec")),
    ("str() memoryview", lambda: str(memoryview(b""), "no-such-codec")),
    ("non-empty bytes", lambda: b"x".decode("no-such-codec")),
    ("non-empty str()", lambda: str(bytearray(b"x"), "no-such-codec")),
    ("encoding not str", lambda: b"".decode(5)),
]:
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)

# The development mode looks the codec up even for empty input.
code = "b''.decode('no-such-codec')"
r = subprocess.run([sys.executable, "-X", "dev", "-c", code], capture_output=True, text=True)
print("-X dev:", r.returncode, r.stderr.strip().splitlines()[-1])
