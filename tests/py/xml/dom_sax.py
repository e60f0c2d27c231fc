# xml.dom.minidom and xml.sax over pyexpat.
import io
import xml.dom.minidom as minidom
import xml.sax
import xml.sax.handler
import xml.sax.saxutils

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE memo [<!ENTITY who "Ana">]>
<memo id="m1" xmlns:x="urn:x">
  <to>&who;</to>
  <x:body lang="en">Meet at <b>noon</b> &amp; bring caf\u00e9.</x:body>
  <!-- end -->
</memo>"""

dom = minidom.parseString(DOC)
memo = dom.documentElement
print(memo.tagName, memo.getAttribute("id"), memo.attributes.length)
print([n.nodeName for n in memo.childNodes if n.nodeType == n.ELEMENT_NODE])
to = memo.getElementsByTagName("to")[0]
print(repr(to.firstChild.data))
body = memo.getElementsByTagNameNS("urn:x", "body")[0]
print(body.prefix, body.localName, body.namespaceURI, body.getAttribute("lang"))
print("".join(t.data for t in body.getElementsByTagName("b")[0].childNodes))
print([c.data for c in memo.childNodes if c.nodeType == c.COMMENT_NODE])
print(dom.doctype.name, dom.doctype.entities.length)
new = dom.createElement("cc")
new.appendChild(dom.createTextNode("Bo <& Co>"))
memo.appendChild(new)
print(memo.lastChild.toxml())
print(minidom.parseString("<a><b>1</b><c/></a>").toprettyxml(indent="  "))
print(minidom.parseString(b"<r k='v'>t</r>").toxml(encoding="utf-8"))
dom2 = minidom.parse(io.BytesIO(DOC.encode("utf-8")))
print(dom2.documentElement.toxml() == dom.documentElement.toxml())
try:
    minidom.parseString("<a><b></a>")
except Exception as e:
    print(type(e).__name__, e)


class Handler(xml.sax.handler.ContentHandler):
    def startDocument(self):
        print("startDocument")
    def startElement(self, name, attrs):
        print("start", name, sorted(attrs.items()))
    def endElement(self, name):
        print("end", name)
    def characters(self, content):
        if content.strip():
            print("chars", repr(content))
    def processingInstruction(self, target, data):
        print("pi", target, data)
    def endDocument(self):
        print("endDocument")

xml.sax.parseString(b"<?xml version='1.0'?><list n='2'><?go fast?><i>one</i><i>two &lt;2&gt;</i></list>", Handler())


class NSHandler(xml.sax.handler.ContentHandler):
    def startPrefixMapping(self, prefix, uri):
        print("prefix", prefix, uri)
    def startElementNS(self, name, qname, attrs):
        print("startNS", name, qname, sorted(attrs.items()))
    def endElementNS(self, name, qname):
        print("endNS", name, qname)

parser = xml.sax.make_parser()
parser.setFeature(xml.sax.handler.feature_namespaces, True)
parser.setContentHandler(NSHandler())
parser.parse(io.BytesIO(b"<a xmlns='urn:a' xmlns:b='urn:b' b:k='v'><b:c/></a>"))

class Errors(xml.sax.handler.ErrorHandler):
    def fatalError(self, e):
        print("fatal", e.getMessage(), e.getLineNumber(), e.getColumnNumber())
        raise e
try:
    xml.sax.parseString(b"<a>\n<b></a>", xml.sax.handler.ContentHandler(), Errors())
except xml.sax.SAXParseException as e:
    print("SAXParseException", e)

# Incremental feeding, and the XMLGenerator writing it back.
out = io.StringIO()
gen = xml.sax.saxutils.XMLGenerator(out)
p = xml.sax.make_parser()
p.setContentHandler(gen)
for piece in [b"<doc a='&amp;'>", b"x &gt; y", b"<e/></doc>"]:
    p.feed(piece)
p.close()
print(out.getvalue())
print(xml.sax.saxutils.escape("a<b>&c"), xml.sax.saxutils.quoteattr('say "hi"'))
