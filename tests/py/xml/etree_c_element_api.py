# _elementtree.Element (the C accelerator's type): construction, attributes,
# the sequence protocol with slices, attribute access and error messages.
import _elementtree as C

Element, SubElement = C.Element, C.SubElement


def tags(e):
    return [c.tag for c in e]


def show(label, f):
    try:
        r = f()
    except Exception as x:
        print(label, "->", type(x).__name__, x)
    else:
        print(label, "->", r)


print(Element.__module__, Element.__name__, Element.__qualname__)
print(type(Element("x")) is Element, hasattr(Element("x"), "__dict__"))

# Construction: attrib dict copied, keywords merged.
src = {"a": "1"}
e = Element("root", src, b="2")
src["z"] = "9"
print(e.tag, sorted(e.attrib.items()), e.text, e.tail, len(e))
print(Element("k", attrib={"x": "1"}, y="2").attrib)
print(Element("k", {"z": "1"}, attrib={"y": "2"}).attrib)
print(Element("k").attrib, Element(None).tag, Element(("t", 1)).tag)
a = Element("a")
a.attrib["q"] = "r"
print(a.attrib is a.attrib, a.get("q"), a.get("nope"), a.get("nope", 5))
a.set("s", "t")
print(sorted(a.keys()), sorted(a.items()))
print(Element("e").keys(), Element("e").items())

# Attributes get/set.
a.tag, a.text, a.tail = "b", "hello", "after"
print(a.tag, a.text, a.tail)
a.attrib = {"new": "1"}
print(a.attrib, a.get("q"))
for name in ("tag", "text", "tail", "attrib"):
    show("del " + name, lambda: delattr(a, name))
show("attrib=int", lambda: setattr(a, "attrib", 3))
show("foo attr", lambda: setattr(a, "foo", 1))

# repr uses the tag's repr.
r = repr(Element("tag"))
print(r.startswith("<Element 'tag' at 0x") and r.endswith(">"))
print(repr(Element(42)).startswith("<Element 42 at 0x"))

# Sequence protocol.
root = Element("root")
for t in "abcdefgh":
    SubElement(root, t)
print(len(root), tags(root), bool(root), bool(Element("empty")))
print(root[0].tag, root[-1].tag, root[True].tag)
print(tags(root[2:5]), tags(root[::3]), tags(root[::-2]), root[10:20])
root[1] = Element("B")
del root[0]
print(tags(root))
root[1:3] = [Element("X"), Element("Y"), Element("Z")]
print(tags(root))
root[::2] = [Element(str(i)) for i in range(len(root[::2]))]
print(tags(root))
del root[::3]
print(tags(root))
del root[-2:]
print(tags(root))
root[:0] = (Element("first"),)
root[len(root):] = iter([Element("last")])
print(tags(root))
root[:] = []
print(len(root), tags(root))

# append/extend/insert/remove/clear.
p = Element("p", {"k": "v"})
c1, c2, c3 = Element("c1"), Element("c2"), Element("c3")
p.append(c1)
p.extend([c2, c3])
p.insert(0, Element("c0"))
p.insert(-1, Element("before-last"))
p.insert(100, Element("end"))
p.insert(-100, Element("start"))
print(tags(p))
p.remove(c2)
print(tags(p))
show("remove missing", lambda: p.remove(c2))
p.text, p.tail = "t", "tl"
p.clear()
print(p.tag, p.attrib, p.text, p.tail, len(p))

# makeelement.
m = p.makeelement("made", {"x": "1"})
print(type(m) is Element, m.tag, m.attrib, len(m))

# Errors and their messages.
e = Element("e")
SubElement(e, "one")
show("append int", lambda: e.append(1))
show("append no arg", lambda: e.append())
show("append kw", lambda: e.append(Element("x"), k=1))
show("extend int", lambda: e.extend(1))
show("extend bad item", lambda: e.extend([Element("ok"), "bad", Element("after")]))
print("after bad extend", tags(e))
show("insert int", lambda: e.insert(0, 1))
show("insert one arg", lambda: e.insert(0))
show("insert str index", lambda: e.insert("x", Element("a")))
show("remove int", lambda: e.remove(1))
show("setitem int", lambda: e.__setitem__(0, 1))
show("setitem range", lambda: e.__setitem__(9, Element("x")))
show("delitem range", lambda: e.__delitem__(9))
show("getitem range", lambda: e[9])
show("getitem -9", lambda: e[-9])
show("getitem str", lambda: e["x"])
show("setitem str", lambda: e.__setitem__("x", Element("a")))
show("slice assign int", lambda: e.__setitem__(slice(0, 1), 5))
show("slice assign bad", lambda: e.__setitem__(slice(0, 1), [3]))
show("extended size", lambda: e.__setitem__(slice(0, 3, 2), [Element("a"), Element("b")]))
show("Element()", lambda: Element())
show("Element 3 args", lambda: Element("a", {}, {}))
show("Element attrib int", lambda: Element("a", 1))
show("Element attrib= int", lambda: Element("a", attrib=1))
show("SubElement()", lambda: SubElement())
show("SubElement parent int", lambda: SubElement(1, "a"))
show("SubElement attrib int", lambda: SubElement(e, "a", 1))
show("makeelement one arg", lambda: e.makeelement("a"))
show("makeelement attrib int", lambda: e.makeelement("a", 1))
show("set one arg", lambda: e.set("a"))
show("get no arg", lambda: e.get())
show("keys arg", lambda: e.keys(1))
show("clear arg", lambda: e.clear(1))
show("descriptor", lambda: Element.append(1, Element("a")))
show("new int", lambda: Element.__new__(int))
show("new non-type", lambda: Element.__new__(1))
show("iterator new", lambda: type(e.iter())())
blank = Element.__new__(Element)
print(blank.tag, blank.text, blank.tail, len(blank), blank.attrib)

# SubElement keywords.
s = SubElement(e, "s", {"a": "1"}, b="2")
t = SubElement(e, "t", attrib={"c": "3"}, d="4")
print(sorted(s.attrib.items()), sorted(t.attrib.items()), tags(e))

# Unhashable? Elements hash by identity and compare by identity.
x = Element("x")
print(x == x, x == Element("x"), {x: 1}[x])
