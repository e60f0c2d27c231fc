# xml.etree.ElementTree over pyexpat: parsing, searching, editing, serializing, errors.
import io
import xml.etree.ElementTree as ET

SRC = """<?xml version="1.0"?>
<!-- catalogue -->
<catalog xmlns="urn:cat" xmlns:p="urn:price">
  <item sku="A1" stock="3"><name>Lamp</name><p:price cur="EUR">19.50</p:price></item>
  <item sku="B2" stock="0"><name>Desk &amp; chair</name><p:price cur="USD">120</p:price></item>
  <item sku="C3" stock="7"><name>Caf\u00e9 mug</name><?keep me?><p:price cur="EUR">4</p:price>tail text</item>
</catalog>
"""

root = ET.fromstring(SRC)
ns = {"c": "urn:cat", "p": "urn:price"}
print(root.tag, len(root), root.attrib)
for item in root.findall("c:item", ns):
    name = item.find("c:name", ns).text
    price = item.find("p:price", ns)
    print(item.get("sku"), int(item.get("stock")), repr(name), price.get("cur"), float(price.text))
print([e.tag for e in root.iter()][:6])
print(root.findtext("c:item/c:name", namespaces=ns))
print(len(root.findall(".//{urn:price}price")))

# Edit and serialize.
new = ET.SubElement(root, "{urn:cat}item", sku="D4", stock="1")
ET.SubElement(new, "{urn:cat}name").text = "Shelf <oak>"
root.remove(root[1])
root[0].set("stock", "2")
out = ET.tostring(root, encoding="unicode")
print(out)
again = ET.fromstring(out)
print(ET.tostring(again) == ET.tostring(ET.fromstring(ET.tostring(again))))
print(ET.tostring(root, encoding="utf-8", xml_declaration=True)[:60])

# Comments and processing instructions through TreeBuilder.
parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True, insert_pis=True))
tree = ET.fromstring("<a><!--c1--><?pi data?><b/></a>", parser=parser)
print([(type(x.tag).__name__ if not isinstance(x.tag, str) else x.tag) for x in tree])
print(ET.tostring(tree))

# Parsing from a file object, ElementTree.write.
tree = ET.parse(io.BytesIO(SRC.encode("utf-8")))
buf = io.BytesIO()
tree.write(buf, encoding="utf-8")
print(len(buf.getvalue()) > 100, buf.getvalue()[:40])

# Pull parsing.
pp = ET.XMLPullParser(events=("start", "end", "start-ns", "end-ns", "comment", "pi"))
for chunk in ["<r xmlns:q='urn:q'><!--x-->", "<q:a n='1'/><?t d?>", "</r>"]:
    pp.feed(chunk)
    for ev, el in pp.read_events():
        if ev in ("start", "end"):
            print(ev, el.tag, el.attrib)
        else:
            print(ev, el if isinstance(el, tuple) or el is None else el.text)
pp.close()

# Custom target.
class Target:
    def __init__(self):
        self.depth = 0
    def start(self, tag, attrib):
        print("  " * self.depth + "<" + tag, sorted(attrib.items()))
        self.depth += 1
    def end(self, tag):
        self.depth -= 1
    def data(self, data):
        if data.strip():
            print("  " * self.depth + repr(data))
    def close(self):
        return "closed"
p = ET.XMLParser(target=Target())
p.feed("<top a='1'><mid>text<low/></mid>")
p.feed("</top>")
print(p.close())

# Entities and errors.
print(ET.fromstring('<!DOCTYPE r [<!ENTITY n "Nina">]><r>Hi &n;</r>').text)
for bad in ["<a><b></a>", "<a>", "", "<a>&undefined;</a>", "<a b='1' b='2'/>", "text"]:
    try:
        ET.fromstring(bad)
    except ET.ParseError as e:
        print(repr(bad), "->", e, e.code, e.position)

# Canonicalization.
print(ET.canonicalize("<b z='1' a='2'><!--c--><c/></b>", with_comments=False))
print(ET.XMLParser().version.startswith("Expat "))

# iterparse (its iterator class takes a generator's bound __next__ as its own).
for ev, el in ET.iterparse(io.BytesIO(b"<r><a k='1'/><b>t</b></r>"), events=("start", "end")):
    print("iterparse", ev, el.tag, el.attrib, el.text)
it = ET.iterparse(io.BytesIO(b"<r><a/></r>"))
print(next(it)[1].tag, it.root)
for ev, el in it:
    pass
print(it.root.tag)
try:
    for ev, el in ET.iterparse(io.BytesIO(b"<r><a></r>")):
        print(ev, el.tag)
except ET.ParseError as e:
    print("ParseError", e)

class Steps:
    __next__ = iter([10, 20]).__next__
    def __iter__(self):
        return self
print(next(Steps()), list(zip(Steps(), "ab")))
