# Modules the import statement loaded before anything imported importlib
# have their __spec__ and __loader__ when a program reads them, as under
# CPython, where every imported module has one. Each case runs in a fresh
# interpreter (-S: nothing else imported first).
import subprocess
import sys

CASES = {
    "source module": """
import json
s = json.__spec__
print(s.name, s.origin.endswith('json/__init__.py'), s.parent, s.has_location)
print(type(s.loader).__name__, json.__loader__ is s.loader)
print(s.submodule_search_locations == json.__path__)
print(s.cached == json.__cached__ or s.cached)
""",
    "submodule": """
import json.decoder as d
print(d.__spec__.name, d.__spec__.parent, type(d.__loader__).__name__)
""",
    "built-in module": """
import sys
print(sys.__spec__.name, sys.__spec__.origin, sys.__loader__.__name__)
""",
    "loader first": """
import textwrap
print(type(textwrap.__loader__).__name__, textwrap.__spec__.name)
""",
    "getattr and hasattr": """
import string
print(getattr(string, '__spec__') is not None, hasattr(string, '__loader__'))
""",
    "module made by a program": """
import types
m = types.ModuleType('made')
print(m.__spec__, m.__loader__)
import sys
sys.modules['made'] = m
print(m.__spec__)
""",
    "the main program": """
import sys
print(__spec__, sys.modules['__main__'].__spec__)
""",
    "from threads": """
import threading
import csv, heapq, bisect
seen = []
def read(m):
    seen.append(m.__spec__.name)
ts = [threading.Thread(target=read, args=(m,)) for m in (csv, heapq, bisect) * 3]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(seen))
""",
}

for name, prog in CASES.items():
    r = subprocess.run([sys.executable, "-S", "-c", prog], capture_output=True, text=True)
    print(f"-- {name}: status {r.returncode}")
    print(r.stdout, end="")
    if r.stderr:
        print(r.stderr.strip().splitlines()[-1])
