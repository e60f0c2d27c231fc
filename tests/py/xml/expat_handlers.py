# pyexpat: every kind of handler, with namespaces, DTD declarations, buffering and interning.
from xml.parsers import expat

DOC = b'''<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE shelf SYSTEM "shelf.dtd" [
  <!ELEMENT shelf (book+, note?)>
  <!ELEMENT book (title, (author | editor)*)>
  <!ELEMENT title (#PCDATA)>
  <!ELEMENT note (#PCDATA | em)*>
  <!ELEMENT em EMPTY>
  <!ELEMENT misc ANY>
  <!ATTLIST book id ID #REQUIRED lang CDATA "en" kind (hard|soft) #IMPLIED>
  <!NOTATION gif SYSTEM "image/gif">
  <!ENTITY pub "Acme &amp; Sons">
  <!ENTITY cover SYSTEM "cover.gif" NDATA gif>
  <!ENTITY % pe "ignored">
]>
<?render mode="fast"?>
<!-- a comment -->
<shelf xmlns="urn:shelf" xmlns:x="urn:extra">
  <book id="b1" x:rating="5"><title>Dune &pub;</title><author>Herbert</author></book>
  <book id="b2" lang="fr"><title><![CDATA[<raw> & text]]></title></book>
  <note>caf\xc3\xa9 &#x263A; &undeclared;</note>
</shelf>
'''

events = []


def rec(name):
    def handler(*args):
        events.append((name,) + args)
    return handler


names = [
    "StartElementHandler", "EndElementHandler", "ProcessingInstructionHandler",
    "CharacterDataHandler", "UnparsedEntityDeclHandler", "NotationDeclHandler",
    "StartNamespaceDeclHandler", "EndNamespaceDeclHandler", "CommentHandler",
    "StartCdataSectionHandler", "EndCdataSectionHandler", "StartDoctypeDeclHandler",
    "EndDoctypeDeclHandler", "EntityDeclHandler", "XmlDeclHandler", "ElementDeclHandler",
    "AttlistDeclHandler", "SkippedEntityHandler",
]

p = expat.ParserCreate(namespace_separator=" ")
for n in names:
    setattr(p, n, rec(n[:-len("Handler")]))
p.NotStandaloneHandler = lambda: events.append(("NotStandalone",)) or 1
p.buffer_text = True
p.ordered_attributes = True
print("result", p.Parse(DOC, True))
for e in events:
    if e[0] == "CharacterData" and not e[1].strip():
        continue
    print(e)

print("--- model constants")
m = expat.model
print(m.XML_CTYPE_EMPTY, m.XML_CTYPE_ANY, m.XML_CTYPE_MIXED, m.XML_CTYPE_NAME,
      m.XML_CTYPE_CHOICE, m.XML_CTYPE_SEQ, m.XML_CQUANT_NONE, m.XML_CQUANT_OPT,
      m.XML_CQUANT_REP, m.XML_CQUANT_PLUS)

print("--- namespace_prefixes, dict attributes, specified_attributes")
p = expat.ParserCreate(namespace_separator="!")
p.namespace_prefixes = True
p.specified_attributes = True
p.StartElementHandler = lambda n, a: print("start", n, sorted(a.items()))
p.Parse('<!DOCTYPE r [<!ATTLIST r d CDATA "dflt">]>'
        '<r xmlns:a="urn:a" a:k="v"><a:c/></r>', True)
p = expat.ParserCreate()
p.StartElementHandler = lambda n, a: print("start", n, sorted(a.items()))
p.Parse('<!DOCTYPE r [<!ATTLIST r d CDATA "dflt">]><r k="v"/>', True)

print("--- interning")
d = {}
p = expat.ParserCreate(intern=d)
seen = []
p.StartElementHandler = lambda n, a: seen.append(n)
p.Parse("<item><item/><item/></item>", True)
print(sorted(d), seen[0] is seen[1] is seen[2], p.intern is d)
p = expat.ParserCreate(intern=None)
print(p.intern)
print(type(expat.ParserCreate().intern).__name__)

print("--- buffer_text")
chunks = []
p = expat.ParserCreate()
p.CharacterDataHandler = chunks.append
p.Parse("<r>one\ntwo &amp; three</r>", True)
print(chunks)
chunks.clear()
p = expat.ParserCreate()
p.buffer_text = 1
print(p.buffer_text, p.buffer_size, p.buffer_used)
p.CharacterDataHandler = chunks.append
p.Parse("<r>one\ntwo &amp; thr", False)
print("used", p.buffer_used, chunks)
p.Parse("ee</r>", True)
print(chunks)
p = expat.ParserCreate()
p.buffer_size = 4
print(p.buffer_text)
chunks = []
p.CharacterDataHandler = chunks.append
p.Parse("<r>ab<x/>abcdefgh<y/>a&amp;b</r>", True)
print(chunks)

print("--- Default handlers")
out = []
p = expat.ParserCreate()
p.DefaultHandler = out.append
p.Parse('<!DOCTYPE r [<!ENTITY e "E">]><r a="1">x&e;<!--c--></r>', True)
print(out)
out = []
p = expat.ParserCreate()
p.DefaultHandlerExpand = out.append
p.Parse('<!DOCTYPE r [<!ENTITY e "E">]><r>x&e;</r>', True)
print(out)

print("--- positions")
pos = []
p = expat.ParserCreate()
p.StartElementHandler = lambda n, a: pos.append(
    (n, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex, p.GetInputContext()[:3]))
p.Parse(b"<a>\n  <b/>\n    <c>\xc3\xa9<d/></c></a>", True)
print(pos, p.GetInputContext())

print("--- str input, chunks, base")
p = expat.ParserCreate()
p.SetBase("http://example.com/doc")
print(p.GetBase())
names_seen = []
p.StartElementHandler = lambda n, a: names_seen.append((n, a))
for piece in ["<ro", "ot at", "tr='\u00e9\u4e2d'>", "<k", "id/></root>"]:
    p.Parse(piece)
p.Parse("", True)
print(names_seen)

print("--- external entities")
def ext(context, base, sysid, pubid):
    print("ext", context, base, sysid, pubid)
    child = p.ExternalEntityParserCreate(context)
    child.StartElementHandler = lambda n, a: print("child start", n, a)
    print("child parse", child.Parse(b"<inner x='1'/>", True))
    return 1
p = expat.ParserCreate()
p.SetBase("base/")
p.ExternalEntityRefHandler = ext
p.StartElementHandler = lambda n, a: print("start", n)
p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE)
p.Parse(b'<!DOCTYPE r [<!ENTITY e SYSTEM "e.xml">]><r>&e;</r>', True)

print("--- ParseFile")
import io
p = expat.ParserCreate()
p.StartElementHandler = lambda n, a: print("file start", n, a)
print(p.ParseFile(io.BytesIO(b"<a><b c='d'/></a>" + b" " * 5000)))
