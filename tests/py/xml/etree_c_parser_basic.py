# The C XMLParser: feeding in pieces, str/bytes, encodings, namespaces,
# entities, doctype, version, close/_parse_whole, attributes.
import io
import xml.etree.ElementTree as ET
import _elementtree

print(ET.XMLParser is _elementtree.XMLParser)
print(ET.XMLParser.__module__, ET.XMLParser.__name__)


def show(e, depth=0):
    tag = e.tag if isinstance(e.tag, str) else e.tag.__name__
    print("  " * depth + tag, sorted(e.attrib.items()), repr(e.text), repr(e.tail))
    for c in e:
        show(c, depth + 1)


def attempt(label, f):
    try:
        r = f()
        print(label, "->", r.tag if isinstance(r, ET.Element) else r)
    except Exception as e:
        print(label, "->", type(e).__name__, e)


DOC = """<?xml version="1.0"?>
<!-- leading comment -->
<root xmlns="urn:default" xmlns:p="urn:p" a="1" p:b="2">
  text &amp; more &#65;&#x42;
  <p:child id="c1">inner<![CDATA[ <raw> ]]>end</p:child>
  <plain xmlns="">x<?target some data?>y</plain>
  <empty/>tail
</root>
"""

for size in (None, 1, 3, 7, 64):
    p = ET.XMLParser()
    data = DOC if size is None else DOC
    if size is None:
        p.feed(data)
    else:
        for i in range(0, len(data), size):
            p.feed(data[i:i + size])
    r = p.close()
    print("size", size)
    show(r)

# bytes in pieces, with a multi-byte character split between feeds
raw = "<a>caf\u00e9 \u20ac \U0001f600</a>".encode("utf-8")
p = ET.XMLParser()
for i in range(len(raw)):
    p.feed(raw[i:i + 1])
print(repr(p.close().text))
p = ET.XMLParser()
p.feed(bytearray(b"<a>ba</a>"))
print(p.close().text)
p = ET.XMLParser()
p.feed(memoryview(b"<a>mv</a>"))
print(p.close().text)

# declared encodings and the encoding override
for enc in ("iso-8859-1", "utf-16", "cp1252", "koi8-r", "ascii"):
    text = "<?xml version='1.0' encoding='%s'?><a>\u00e9t\u00e9</a>" % enc if enc != "ascii" else "<?xml version='1.0' encoding='ascii'?><a>ete</a>"
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    attempt(enc, lambda: ET.fromstring(data).text)
p = ET.XMLParser(encoding="iso-8859-1")
p.feed("<a>\u00e9</a>".encode("iso-8859-1"))
print("override", repr(p.close().text))
p = ET.XMLParser(encoding="utf-8")
p.feed("<?xml version='1.0' encoding='iso-8859-1'?><a>\u00e9</a>".encode("utf-8"))
print("override wins", repr(p.close().text))
attempt("unknown encoding", lambda: ET.fromstring(b"<?xml version='1.0' encoding='no-such'?><a/>"))
attempt("multibyte encoding", lambda: ET.fromstring("<?xml version='1.0' encoding='shift_jis'?><a/>".encode("shift_jis")))
attempt("bad override", lambda: ET.XMLParser(encoding="bogus").feed(b"<a/>"))

# str input ignores the declared encoding (fed as UTF-8)
p = ET.XMLParser()
p.feed("<?xml version='1.0' encoding='iso-8859-1'?><a>\u00e9\u20ac</a>")
print("str input", repr(p.close().text))

# entities
p = ET.XMLParser()
p.entity["ent"] = "ENTITY TEXT"
p.feed('<!DOCTYPE a SYSTEM "about:x"><a>x&ent;y&ent;</a>')
print(repr(p.close().text))
p = ET.XMLParser()
p.feed('<!DOCTYPE a [<!ENTITY int "internal">]><a>&int;!</a>')
print(repr(p.close().text))
print(type(p.entity).__name__, p.entity)

# attributes
p = ET.XMLParser()
print(p.version.startswith("Expat "), p.version.count("."))
print(type(p.target).__name__)
attempt("set target", lambda: setattr(p, "target", None))
attempt("set entity", lambda: setattr(p, "entity", {}))
attempt("set version", lambda: setattr(p, "version", "x"))

# _parse_whole with bytes and str files, and ET.parse
print(ET.XMLParser()._parse_whole(io.BytesIO(DOC.encode())).tag)
print(ET.XMLParser()._parse_whole(io.StringIO(DOC)).tag)
print(ET.parse(io.BytesIO(b"<r><s/></r>")).getroot()[0].tag)
big = "<r>" + "".join("<i n='%d'>%d</i>" % (i, i) for i in range(20000)) + "</r>"
r = ET.parse(io.StringIO(big)).getroot()
print(len(r), r[12345].attrib, r[-1].text)

# close twice, feed after close
p = ET.XMLParser()
p.feed("<a/>")
print(p.close().tag)
attempt("feed after close", lambda: p.feed("<b/>"))
attempt("close again", lambda: p.close())

# re-running __init__ gives a fresh parser
p = ET.XMLParser()
p.feed("<a>")
p.__init__()
p.feed("<b>x</b>")
print("reinit", p.close().tag)

# uninitialized parser
u = ET.XMLParser.__new__(ET.XMLParser)
attempt("new feed", lambda: u.feed("x"))
attempt("new close", lambda: u.close())
attempt("new _parse_whole", lambda: u._parse_whole(io.BytesIO(b"")))
attempt("new _setevents", lambda: u._setevents([]))
print(u.target, u.entity)

# argument errors
attempt("positional", lambda: ET.XMLParser(None))
attempt("bad kw", lambda: ET.XMLParser(html=1))
attempt("bad encoding type", lambda: ET.XMLParser(encoding=1))
attempt("nul encoding", lambda: ET.XMLParser(encoding="a\0b"))
attempt("feed int", lambda: ET.XMLParser().feed(1))
attempt("feed none", lambda: ET.XMLParser().feed(None))
attempt("feed no arg", lambda: ET.XMLParser().feed())
attempt("close arg", lambda: ET.XMLParser().close(1))
attempt("parse_whole no read", lambda: ET.XMLParser()._parse_whole(1))


# subclass
class MyParser(ET.XMLParser):
    def __init__(self):
        super().__init__(target=ET.TreeBuilder(insert_comments=True))


p = MyParser()
p.feed("<a><!--c--></a>")
r = p.close()
print(type(p).__name__, r[0].tag is ET.Comment, r[0].text)
