# _elementtree.Element shared between threads: every single operation is
# atomic, so exact counts survive concurrent append, insert, remove, slice
# assignment and SubElement on one element.
import threading
import _elementtree as C

Element, SubElement = C.Element, C.SubElement
N = 4
ROUNDS = 2500

root = Element("root")
barrier = threading.Barrier(N)
errors = []


def worker(k):
    try:
        barrier.wait()
        mine = []
        for i in range(ROUNDS):
            e = Element("t%d" % k)
            root.append(e)                      # +1
            mine.append(e)
            root.insert(0, Element("i%d" % k))  # +1
            SubElement(root, "s%d" % k)         # +1
            if i % 2 == 0:
                root.remove(mine.pop())         # -1 (an element only this thread removes)
            if i % 5 == 0:
                root[-1:-1] = [Element("x%d" % k), Element("x%d" % k)]  # +2
            if i % 7 == 0:
                root[0:0] = [Element("y%d" % k)]  # +1
            if i % 11 == 0:
                del root[5:5]                     # +0
                root[1:1] = []                    # +0
            len(root)
            root[0:3]
            if i % 25 == 0:
                # A walk of the whole (growing) tree while the others
                # mutate it; every round would make the program quadratic.
                list(root.iter("zz"))
    except Exception as x:  # pragma: no cover - reported below
        errors.append(repr(x))


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()

per_thread = 3 * ROUNDS - (ROUNDS + 1) // 2 + 2 * ((ROUNDS + 4) // 5) + (ROUNDS + 6) // 7
print("errors", errors)
print("expected", N * per_thread, "got", len(root))
counts = {}
for c in root:
    kind = c.tag[0]
    counts[kind] = counts.get(kind, 0) + 1
print(sorted(counts.items()))
print("t per thread", sorted(sum(1 for c in root if c.tag == "t%d" % k) for k in range(N)))

# Two threads appending 10,000 children each.
big = Element("big")


def adder(k):
    for i in range(10000):
        big.append(Element("a"))


ts = [threading.Thread(target=adder, args=(k,)) for k in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("appended", len(big))

# Concurrent attribute updates and readers on one element.
shared = Element("shared")


def setter(k):
    for i in range(3000):
        shared.set("k%d_%d" % (k, i % 100), i)
        shared.text = "t%d" % k
        shared.attrib.get("k0_0")


ts = [threading.Thread(target=setter, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("attrib keys", len(shared.keys()), shared.text in {"t%d" % k for k in range(N)})

# Readers iterate a tree while writers mutate it: no crash, no error.
tree = Element("tree")
for i in range(200):
    SubElement(SubElement(tree, "n"), "leaf")
stop = threading.Event()
seen_errors = []


def reader():
    try:
        while not stop.is_set():
            for e in tree.iter():
                e.tag
            list(tree.itertext())
            tree.findall("n")
    except Exception as x:
        seen_errors.append(repr(x))


def writer():
    for i in range(3000):
        if i % 2:
            SubElement(tree, "n")
        elif len(tree):
            del tree[0]
        tree[0:1] = [Element("m")]


rs = [threading.Thread(target=reader) for _ in range(2)]
ws = [threading.Thread(target=writer) for _ in range(2)]
for t in rs + ws:
    t.start()
for t in ws:
    t.join()
stop.set()
for t in rs:
    t.join()
print("reader errors", seen_errors, "final", len(tree))
