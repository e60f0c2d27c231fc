# _elementtree.Element: copy, deepcopy, pickling (also across the C and
# pure-Python classes), __getstate__/__setstate__ and subclassing.
import copy
import pickle
import sys
import _elementtree as C
import xml.etree.ElementTree as ET

Element, SubElement = C.Element, C.SubElement


def dump(e, depth=0):
    out = ["  " * depth + f"{e.tag!r} {sorted(e.attrib.items())} {e.text!r} {e.tail!r}"]
    for c in e:
        out.extend(dump(c, depth + 1))
    return out


def show(label, f):
    try:
        r = f()
    except Exception as x:
        print(label, "->", type(x).__name__, x)
    else:
        print(label, "->", r)


root = Element("root", {"id": "1"})
root.text, root.tail = "rt", "rtail"
kid = SubElement(root, "kid", n="1")
kid.text = "k"
SubElement(kid, "grand").tail = "g-tail"
SubElement(root, "kid2")

# Shallow copy: same children objects, same attrib dict (as the C type).
c = copy.copy(root)
print(type(c) is Element, c is not root, c[0] is root[0], c.attrib is root.attrib)
print(dump(c) == dump(root))
c.append(Element("only-in-copy"))
print(len(c), len(root))

# Deep copy: new children, equal content, memo honoured.
d = copy.deepcopy(root)
print(d[0] is not root[0], d.attrib is not root.attrib, dump(d) == dump(root))
d[0].set("n", "changed")
print(root[0].get("n"), d[0].get("n"))
shared = Element("shared")
twice = Element("twice")
twice.extend([shared, shared])
t2 = copy.deepcopy(twice)
print(t2[0] is t2[1], t2[0] is not shared)
memo = {}
d2 = root.__deepcopy__(memo)
print(memo[id(root)] is d2, dump(d2) == dump(root))
show("deepcopy int memo", lambda: root.__deepcopy__(1))
weird = Element("w", {"k": [1, 2]})
w2 = copy.deepcopy(weird)
print(w2.attrib, w2.attrib["k"] is not weird.attrib["k"])

# Deep trees copy without running out of stack.
deep = top = Element("d0")
for i in range(1, 3000):
    deep = SubElement(deep, "d%d" % i)
dc = copy.deepcopy(top)
n = 0
while len(dc):
    dc = dc[0]
    n += 1
print("deep copy depth", n)

# State.
st = root.__getstate__()
print(sorted(st), st["tag"], st["attrib"] is root.attrib, [x.tag for x in st["_children"]])
print(Element("e").__getstate__())
fresh = Element.__new__(Element)
fresh.__setstate__({"tag": "s", "attrib": {"a": "b"}, "text": "x", "tail": None,
                    "_children": [Element("c")]})
print(dump(fresh))
fresh.__setstate__({"tag": "only-tag"})
print(dump(fresh), len(fresh))
show("setstate list", lambda: fresh.__setstate__([1]))
show("setstate unknown key", lambda: fresh.__setstate__({"tag": "t", "foo": 1}))
show("setstate no tag", lambda: fresh.__setstate__({"text": "t"}))
show("setstate children", lambda: fresh.__setstate__({"tag": "t", "_children": 5}))
show("setstate bad child", lambda: fresh.__setstate__({"tag": "t", "_children": [Element("a"), 1]}))

# Pickling, every protocol from 2.
print(ET.Element is Element)
for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
    data = pickle.dumps(root, proto)
    back = pickle.loads(data)
    print(proto, type(back) is Element, dump(back) == dump(root))

# Interoperation with the pure-Python Element: the C state loads into the
# Python class and back.
sys.modules.pop("xml.etree.ElementTree", None)
import importlib
blocked = sys.modules.get("_elementtree")
sys.modules["_elementtree"] = None
try:
    PyET = importlib.import_module("xml.etree.ElementTree")
finally:
    sys.modules["_elementtree"] = blocked
    sys.modules["xml.etree.ElementTree"] = ET
print(PyET.Element is not Element)
# C element pickled, loaded as Python elements (as if the accelerator were
# missing where it is loaded), and the other way round.
data = pickle.dumps(root, 2)
ET.Element = PyET.Element
try:
    as_py = pickle.loads(data)
    py_data = pickle.dumps(as_py, 3)
finally:
    ET.Element = Element
print(type(as_py) is PyET.Element, type(as_py[0]) is PyET.Element, dump(as_py) == dump(root))
back = pickle.loads(py_data)
print(type(back) is Element, type(back[0][0]) is Element, dump(back) == dump(root))
ce = Element.__new__(Element)
ce.__setstate__(PyET.Element("pyroot", {"p": "1"}).__dict__)
print(ce.tag, ce.attrib, len(ce))

# Subclasses: a __dict__, their own methods, copies made as Element.
class Node(Element):
    kind = "node"

    def __init__(self, tag, attrib={}, **extra):
        super().__init__(tag, attrib, **extra)
        self.note = "made"

    def count(self):
        return len(self)


n = Node("n", {"a": "1"}, b="2")
n.append(Node("child"))
SubElement(n, "plain")
print(type(n).__name__, n.note, n.kind, n.count(), sorted(n.attrib.items()), n.__dict__)
print(isinstance(n, Element), repr(n).startswith("<Element 'n' at 0x"))
print(type(copy.copy(n)) is Element, type(copy.deepcopy(n)).__name__)
print(type(n.makeelement("m", {})) is Element)
show("subclass child append", lambda: Element("x").append(n))


class Slotted(Element):
    __slots__ = ("extra",)


s = Slotted("s")
s.extra = 5
s.append(Element("k"))
print(s.extra, s.tag, len(s), s[0].tag)
show("slotted dict", lambda: s.__dict__)


class Eq(Element):
    def __eq__(self, other):
        return isinstance(other, Element) and self.tag == other.tag

    __hash__ = Element.__hash__


p = Element("p")
a1, a2 = Eq("same"), Element("same")
p.extend([Element("x"), a2, a1])
p.remove(Eq("same"))
print([x.tag for x in p], p[1] is a1)
