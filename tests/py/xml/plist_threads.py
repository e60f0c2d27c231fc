# plistlib's XML format over pyexpat; many parsers; parsers used from threads.
import datetime
import gc
import plistlib
import threading
from xml.parsers import expat

value = {
    "name": "Widget",
    "count": 3,
    "ratio": 0.25,
    "big": 2 ** 40,
    "neg": -7,
    "ok": True,
    "off": False,
    "tags": ["a", "b", "caf\u00e9"],
    "blob": b"\x00\x01binary\xff",
    "when": datetime.datetime(2024, 5, 17, 8, 30, 0),
    "nested": {"empty": [], "inner": {"k": "<v & w>"}},
}
data = plistlib.dumps(value)
print(data.decode("utf-8"))
back = plistlib.loads(data)
print(back == value, sorted(back))
print(plistlib.loads(plistlib.dumps(value, sort_keys=False)) == value)
try:
    plistlib.loads(b"<?xml version='1.0'?><plist><dict><key>a</key></plist>")
except Exception as e:
    print(type(e).__name__, e)
try:
    plistlib.loads(b"<plist version='1.0'><integer>x</integer></plist>", fmt=plistlib.FMT_XML)
except Exception as e:
    print(type(e).__name__, e)

# Many short-lived parsers: each frees its expat parser when collected.
count = 0
def on_start(name, attrs):
    global count
    count += 1
for i in range(20000):
    p = expat.ParserCreate()
    p.StartElementHandler = on_start
    p.Parse(b"<a><b/></a>", True)
gc.collect()
print("parsed", count)

# Threads: each parses its own documents; a shared parser is fed whole
# documents' pieces under a user lock while other threads read its attributes.
results = []
def worker(n):
    seen = []
    for i in range(200):
        p = expat.ParserCreate()
        p.StartElementHandler = lambda name, attrs: seen.append(attrs["i"])
        p.Parse(("<r i='%d'><c i='%d'/></r>" % (n, i)).encode(), True)
    results.append((n, len(seen), seen[-1]))

threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))

shared = expat.ParserCreate()
events = []
shared.StartElementHandler = lambda name, attrs: events.append(name)
shared.Parse(b"<root>", False)
lock = threading.Lock()
stop = False
def feeder(tag):
    for i in range(300):
        with lock:
            shared.Parse(("<%s/>" % tag).encode(), False)
def reader():
    while not stop:
        shared.CurrentLineNumber
        shared.buffer_text
        shared.StartElementHandler
ts = [threading.Thread(target=feeder, args=(t,)) for t in ("x", "y")]
rd = threading.Thread(target=reader)
rd.start()
for t in ts:
    t.start()
for t in ts:
    t.join()
stop = True
rd.join()
shared.Parse(b"</root>", True)
print(len(events), events.count("x"), events.count("y"))

# Two threads call Parse on one parser with no lock: each call is atomic,
# so the document stays well-formed.
free = expat.ParserCreate()
n_elems = []
free.StartElementHandler = lambda name, attrs: n_elems.append(name)
free.Parse(b"<root>", False)
def hammer():
    for i in range(300):
        free.Parse(b"<e/>", False)
hs = [threading.Thread(target=hammer) for _ in range(2)]
for t in hs:
    t.start()
for t in hs:
    t.join()
free.Parse(b"</root>", True)
print(len(n_elems))
