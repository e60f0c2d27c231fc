# The C XMLParser with custom targets: which methods are called and with
# what, targets lacking methods, methods that raise, doctype, close.
import warnings
import xml.etree.ElementTree as ET

DOC = """<?xml version="1.0"?>
<!DOCTYPE root PUBLIC "-//X//DTD Y//EN" "http://example.com/y.dtd">
<!-- c0 -->
<root xmlns="urn:d" xmlns:p="urn:p" a="1" p:b="2">t1<p:e/>t2<?pi some data?><!-- c1 -->&amp;</root>
"""


class Full:
    def start(self, tag, attrib):
        print("start", tag, sorted(attrib.items()), type(attrib).__name__)

    def end(self, tag):
        print("end", tag)

    def data(self, text):
        print("data", repr(text))

    def comment(self, text):
        print("comment", repr(text))

    def pi(self, target, data):
        print("pi", target, repr(data))

    def start_ns(self, prefix, uri):
        print("start_ns", repr(prefix), uri)

    def end_ns(self, prefix):
        print("end_ns", repr(prefix))

    def doctype(self, name, pubid, system):
        print("doctype", name, pubid, system)

    def close(self):
        print("close")
        return "closed!"


p = ET.XMLParser(target=Full())
p.feed(DOC)
print("result", p.close())

# Feeding in one-byte pieces gives the same calls (text may split).
calls = []


class Recorder:
    def start(self, tag, attrib):
        calls.append(("start", tag))

    def end(self, tag):
        calls.append(("end", tag))

    def data(self, text):
        if calls and calls[-1][0] == "data":
            calls[-1] = ("data", calls[-1][1] + text)
        else:
            calls.append(("data", text))


p = ET.XMLParser(target=Recorder())
for ch in DOC:
    p.feed(ch)
print("recorder close", p.close())
print(calls)


class Minimal:
    pass


p = ET.XMLParser(target=Minimal())
p.feed(DOC)
print("minimal close", p.close())


class OnlyStart:
    def start(self, tag, attrib):
        print("only start", tag)


p = ET.XMLParser(target=OnlyStart())
p.feed("<a><b/></a>")
print(p.close())
print(p._parse_whole.__name__)


class Raising:
    def __init__(self, where):
        self.where = where
        self.seen = []

    def __getattr__(self, name):
        if name not in ("start", "end", "data", "comment", "pi", "close", "start_ns", "end_ns", "doctype"):
            raise AttributeError(name)

        def method(*args):
            self.seen.append(name)
            if name == self.where:
                raise KeyError("boom in " + name)
            return "ok"
        return method


for where in ("start", "end", "data", "comment", "pi", "start_ns", "end_ns", "doctype", "close"):
    t = Raising(where)
    p = ET.XMLParser(target=t)
    try:
        p.feed(DOC)
        r = p.close()
        print(where, "no error", r)
    except KeyError as e:
        print(where, "raised", e, "seen", t.seen)
    # The parser is still usable after the exception of a handler.
    try:
        p.feed("")
        print("  feed after", "ok")
    except Exception as e:
        print("  feed after", type(e).__name__, e)


# A target method raising stops the other handlers of that feed only.
class RaiseOnce:
    def __init__(self):
        self.n = 0

    def start(self, tag, attrib):
        self.n += 1
        print("start", tag)
        if self.n == 1:
            raise ValueError("first start")

    def end(self, tag):
        print("end", tag)

    def close(self):
        return "done"


p = ET.XMLParser(target=RaiseOnce())
try:
    p.feed("<a><b/>")
except ValueError as e:
    print("caught", e)
p.feed("<c/></a>")
print(p.close())


# Attribute errors raised by the target's properties are ignored, others not.
class Prop:
    @property
    def start(self):
        raise AttributeError("no start")

    @property
    def end(self):
        raise RuntimeError("bad end property")


try:
    ET.XMLParser(target=Prop())
except RuntimeError as e:
    print("init raised", e)


# XMLParser subclass with a doctype method warns.
class DT(ET.XMLParser):
    def doctype(self, *args):
        print("never called")


with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    p = DT()
    p.feed(DOC)
    p.close()
print([(x.category.__name__, str(x.message)) for x in w])

# A TreeBuilder subclass is called through its methods.
class TB(ET.TreeBuilder):
    def start(self, tag, attrs):
        print("TB.start", tag)
        return super().start(tag, attrs)

    def close(self):
        r = super().close()
        print("TB.close", r.tag)
        return r


p = ET.XMLParser(target=TB())
p.feed("<a><b>x</b></a>")
r = p.close()
print(r.tag, r[0].text)

# TreeBuilder with a Python element factory as target.
p = ET.XMLParser(target=ET.TreeBuilder(element_factory=ET._Element_Py))
p.feed(DOC)
r = p.close()
print(type(r).__name__, r.tag, repr(r.text), [c.tag for c in r], repr(r[0].tail))
