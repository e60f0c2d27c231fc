# TreeBuilder and XMLParser objects shared between threads: every
# operation is atomic, so the totals below do not depend on the
# interleaving; nothing crashes.
import threading
import xml.etree.ElementTree as ET

N_THREADS = 8
N_OPS = 300

# One builder, many threads opening and closing elements inside one root.
b = ET.TreeBuilder()
b.start("root", {})
errors = []


def work(k):
    try:
        for i in range(N_OPS):
            b.start("t%d" % k, {"i": str(i)})
            b.data("x")
            b.end("t%d" % k)
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=work, args=(k,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
b.end("root")
root = b.close()
print("builder errors", errors)
print("elements", len(list(root.iter())), "expected", 1 + N_THREADS * N_OPS)
print("text chars", sum(len(e.text or "") + len(e.tail or "") for e in root.iter()))

# One parser fed whole fragments by many threads.
p = ET.XMLParser()
p.feed("<root>")


def feed(k):
    for i in range(N_OPS):
        p.feed("<e k='%d'>%d</e>" % (k, i))


threads = [threading.Thread(target=feed, args=(k,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
p.feed("</root>")
r = p.close()
print("children", len(r), "expected", N_THREADS * N_OPS)
print("per thread", sorted({k: sum(1 for e in r if e.get("k") == str(k)) for k in range(N_THREADS)}.items()))


# Each thread with its own parser and iterparse.
import io
results = [None] * N_THREADS
DOC = b"<a>" + b"".join(b"<b n='%d'>t</b>" % i for i in range(2000)) + b"</a>"


def own(k):
    n = 0
    for ev, el in ET.iterparse(io.BytesIO(DOC), events=("start", "end")):
        n += 1
    results[k] = (n, len(ET.fromstring(DOC)))


threads = [threading.Thread(target=own, args=(k,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)
