# -R forces a random hash seed whatever PYTHONHASHSEED says, and the
# interactive displayhook writes a repr stdout cannot encode with
# backslash escapes instead of failing.
import os
import subprocess
import sys

code = 'import sys; print("random is", sys.flags.hash_randomization)'
for seed, flags in [("", []), ("random", []), ("0", []), ("0", ["-R"]), ("42", [])]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    r = subprocess.run([sys.executable, *flags, "-c", code], capture_output=True, text=True, env=env)
    print(repr(seed), flags, r.stdout.strip())

env = dict(os.environ, PYTHONHASHSEED="0")
hashes = set()
for _ in range(3):
    r = subprocess.run([sys.executable, "-R", "-c", "print(hash('spam'))"],
                       capture_output=True, text=True, env=env)
    hashes.add(r.stdout)
print("-R differs between runs:", len(hashes) > 1)

text = "a=\xe9 b=\udc80 c=\U00010000 d=\U0010ffff"
for encoding in ("ascii", "latin-1", "utf-8"):
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    p = subprocess.run([sys.executable, "-i", "-q"], input=ascii(text).encode() + b"\n",
                       capture_output=True, env=env)
    expected = repr(text).encode(encoding, "backslashreplace")
    print(encoding, expected in p.stdout, b"Traceback" in p.stdout + p.stderr)
