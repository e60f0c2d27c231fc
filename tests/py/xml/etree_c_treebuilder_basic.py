# The C TreeBuilder: text/tail joining, native and Python element factories,
# comment/pi factories and insertion, errors.
import xml.etree.ElementTree as ET
import _elementtree

print(ET.TreeBuilder is _elementtree.TreeBuilder)
print(ET.TreeBuilder.__module__, ET.TreeBuilder.__name__)


def show(e, depth=0):
    tag = e.tag if isinstance(e.tag, str) else e.tag.__name__
    print("  " * depth + tag, sorted(e.attrib.items()), repr(e.text), repr(e.tail))
    for c in e:
        show(c, depth + 1)


def attempt(label, f):
    try:
        r = f()
        print(label, "->", r if not isinstance(r, ET.Element) else r.tag)
    except Exception as e:
        print(label, "->", type(e).__name__, e)


# Native path: text pieces are joined per element.
b = ET.TreeBuilder()
b.start("root", {"a": "1"})
for piece in ["he", "ll", "o"]:
    b.data(piece)
b.start("child", {})
b.data("inner")
print("end returns", b.end("child").tag)
b.data("tail1")
b.data(" tail2")
b.comment("ignored comment")
b.data("more")
b.pi("target", "ignored pi")
r = b.end("root")
print(r is b.close())
show(r)

# Data before any start is dropped; data after the root ends too.
b = ET.TreeBuilder()
b.data("lost")
b.start("a", {})
b.end("a")
b.data("after")
show(b.close())

# Text already set is extended (getattr + add + setattr).
b = ET.TreeBuilder()
e = b.start("x", {})
e.text = "pre-"
b.data("post")
b.end("x")
print(repr(e.text))

# Non-str data: a single object is kept as is, several are joined.
b = ET.TreeBuilder()
b.start("x", {})
b.data(123)
e = b.end("x")
print(repr(e.text))

# insert_comments / insert_pis with the default factories.
b = ET.TreeBuilder(insert_comments=True, insert_pis=True)
b.start("r", {})
b.data("t")
c = b.comment("a comment")
b.data("after comment")
p = b.pi("tgt", "data")
b.data("after pi")
p2 = b.pi("only")
b.end("r")
r = b.close()
print(c.tag is ET.Comment, c.text, p.tag is ET.PI, p.text, p2.text)
show(r)
print(ET.tostring(r))

# Comments/PIs at top level are made but not inserted.
b = ET.TreeBuilder(insert_comments=True, insert_pis=True)
print(b.comment("top").text, b.pi("t", "x").text)
b.start("r", {})
b.end("r")
b.comment("after root")
show(b.close())

# Custom factories.
b = ET.TreeBuilder(comment_factory=lambda t: ("C", t), pi_factory=lambda t, d: ("P", t, d))
print(b.comment("hi"), b.pi("x", "y"), b.pi("x"))


class Elem:
    def __init__(self, tag, attrib):
        self.tag, self.attrib, self.text, self.tail, self.kids = tag, attrib, None, None, []

    def append(self, c):
        self.kids.append(c)

    def __iter__(self):
        return iter(self.kids)


b = ET.TreeBuilder(element_factory=Elem, comment_factory=lambda t: Elem("!c", {"t": t}), insert_comments=True)
b.start("a", {"k": "v"})
b.data("x")
b.data("y")
b.start("b", {})
b.end("b")
b.data("tail")
b.comment("cc")
b.data("ctail")
b.end("a")
show(b.close())

# An element factory that is the Python Element class.
b = ET.TreeBuilder(element_factory=ET._Element_Py)
b.start("p", {})
b.data("text")
b.start("q", {})
b.end("q")
b.data("tail")
b.end("p")
r = b.close()
print(type(r).__name__)
show(r)

# Errors.
b = ET.TreeBuilder()
attempt("end on empty", lambda: b.end("x"))
b.start("a", {})
b.end("a")
attempt("second root", lambda: b.start("b", {}))
attempt("start non-dict", lambda: ET.TreeBuilder().start("a", []))
attempt("start 1 arg", lambda: ET.TreeBuilder().start("a"))
attempt("start kw", lambda: ET.TreeBuilder().start("a", attrs={}))
attempt("pi no arg", lambda: ET.TreeBuilder().pi())
attempt("data no arg", lambda: ET.TreeBuilder().data())
attempt("close arg", lambda: ET.TreeBuilder().close(1))
attempt("ctor 2 pos", lambda: ET.TreeBuilder(None, None))
attempt("ctor bad kw", lambda: ET.TreeBuilder(bogus=1))
attempt("close empty", lambda: ET.TreeBuilder().close())
attempt("unclosed", lambda: (lambda t: (t.start("a", {}), t.close())[1])(ET.TreeBuilder()))


def bad_factory(tag, attrib):
    raise RuntimeError("factory failed for " + tag)


b = ET.TreeBuilder(element_factory=bad_factory)
attempt("factory raises", lambda: b.start("z", {}))
attempt("then close", lambda: b.close())


class NoAppend:
    def __init__(self, tag, attrib):
        self.tag = tag


b = ET.TreeBuilder(element_factory=NoAppend)
b.start("a", {})
attempt("no append", lambda: b.start("b", {}))


class Sub(ET.TreeBuilder):
    def start(self, tag, attrs):
        print("Sub.start", tag)
        return super().start(tag, attrs)


s = Sub()
s.start("s", {})
s.end("s")
print(s.close().tag, isinstance(s, ET.TreeBuilder))

# Text pieces holding lone surrogates are joined as str concatenation does
# (they are not UTF-8, and are not decoded as such).
tb = ET.TreeBuilder()
tb.start("s", {})
tb.data("x\ud800")
tb.data("\udc00y")
tb.data("z")
e = tb.end("s")
print(ascii(e.text), len(e.text))
tb2 = ET.TreeBuilder()
tb2.start("r", {})
tb2.start("c", {})
tb2.end("c")
tb2.data("\udfff")
tb2.data("t\ud83d")
tb2.data("\ude00")
r = tb2.end("r")
print(ascii(r[0].tail), len(r[0].tail))
