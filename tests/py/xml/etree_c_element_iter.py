# _elementtree.Element: iter(tag), itertext(), find/findall/findtext/iterfind
# (simple tags natively, paths through ElementPath), and iteration while
# the tree changes.
import _elementtree as C

Element, SubElement = C.Element, C.SubElement


def build():
    root = Element("root")
    root.text = "R"
    a = SubElement(root, "a", id="1")
    a.text, a.tail = "A", "a-tail"
    b = SubElement(a, "b")
    b.text, b.tail = "B", ""
    SubElement(b, "c").text = "C"
    a2 = SubElement(root, "a", id="2")
    a2.tail = "end"
    SubElement(a2, "{urn:x}q").text = "Q"
    SubElement(root, "d")
    return root


root = build()
print([e.tag for e in root.iter()])
print([e.tag for e in root.iter("a")], [e.tag for e in root.iter(tag="b")])
print(len(list(root.iter("*"))), len(list(root.iter(b"*"))), list(root.iter("zzz")))
print(list(root.itertext()), "".join(root[0].itertext()))
it = root.iter()
print(type(it).__name__, type(it).__module__, iter(it) is it)
print(next(it).tag, next(it).tag)
print([c.tag for c in root], [c.tag for c in iter(root)])

# find family: simple tags and ElementPath expressions.
print(root.find("a").get("id"), root.find("b"), root.find(".//b").tag)
print([e.get("id") for e in root.findall("a")], root.findall("nothing"))
print(root.findtext("a"), repr(root.findtext("d")), root.findtext("zz"), root.findtext("zz", "dflt"))
print(root.findtext("a/b"), root.findtext(path="a", default=None))
print([e.tag for e in root.iterfind("a/*")], [e.tag for e in root.findall(".//c")])
print(root.find("{urn:x}q"), root.find("a/{urn:x}q").text, root.find("{*}q", ))
print(root.find("a/q", {"": "urn:x"}) is None, root.find("x:q", namespaces={"x": "urn:x"}))
print(root.find("a/x:q", namespaces={"x": "urn:x"}).text)
print([e.tag for e in root.findall("./a[@id='2']")])
try:
    root.find()
except TypeError as x:
    print("TypeError", x)
try:
    root.find("a", None, 1)
except TypeError as x:
    print("TypeError", x)
try:
    root.iter("a", "b")
except TypeError as x:
    print("TypeError", x)

# Mutation during iteration: no crash; the results follow the live tree.
root = build()
seen = []
for e in root.iter():
    seen.append(e.tag)
    if e.tag == "a" and len(seen) < 3:
        SubElement(e, "added")
    if e.tag == "c":
        e.clear()
print(seen)

root = build()
seen = []
for e in root.iter():
    seen.append(e.tag)
    if e.tag == "root":
        del root[:]
print(seen)

root = build()
seen = []
for e in root.iter():
    seen.append(e.tag)
    if e.tag == "b":
        root.remove(root[0])
        root.append(Element("late"))
print(seen)

root = build()
texts = []
for t in root.itertext():
    texts.append(t)
    if t == "A":
        root[0][0].text = "changed"
        root[1].tail = None
print(texts)

# Non-str text and tail values are kept if truthy.
odd = Element("o")
odd.text = 5
k = SubElement(odd, "k")
k.text, k.tail = 0, ["t"]
print(list(odd.itertext()))

# Iterating children with for/in while removing.
p = Element("p")
for i in range(6):
    SubElement(p, "c%d" % i)
out = []
for c in p:
    out.append(c.tag)
    p.remove(c)
print(out, [c.tag for c in p])

# A deep tree iterates without recursion limits.
deep = top = Element("d")
for i in range(20000):
    deep = SubElement(deep, "d")
deep.text = "bottom"
print(sum(1 for _ in top.iter()), list(top.itertext()))
