# The accelerator module: one object per process, what ElementTree takes
# from it, and _set_factories' checks.
import sys
import _elementtree as first
import xml.etree.ElementTree as ET

print(sorted(k for k in vars(first) if not k.startswith("__")))
print(ET.Element is first.Element, ET.SubElement is first.SubElement)
print(ET.TreeBuilder is first.TreeBuilder, ET.XMLParser is first.XMLParser)
print(ET.ParseError is first.ParseError, ET.ParseError.__mro__[1] is SyntaxError)
print(ET._Element_Py is not ET.Element, ET._Element_Py.__module__)
for t in (first.Element, first.TreeBuilder, first.XMLParser, first.ParseError):
    print(t.__module__, t.__name__, t.__qualname__)
print(first.SubElement.__module__, first.SubElement.__name__)

# Importing it again after removing it from sys.modules gives the same
# module, so its types and ParseError are the ones already in use.
del sys.modules["_elementtree"]
import _elementtree as again
print(again is first, again.Element is first.Element)
try:
    first.XMLParser().feed("<a><b></a>")
except again.ParseError as e:
    print("caught", type(e).__name__, e.code, e.position)

# _set_factories returns the previous pair and checks its arguments.
old = first._set_factories(None, None)
print(old == (ET.Comment, ET.ProcessingInstruction))
tb = first.TreeBuilder(insert_comments=True, insert_pis=True)
tb.start("r", {})
tb.comment("c")
tb.pi("t", "d")
tb.end("r")
print(len(tb.close()))  # no factories: nothing inserted
print(first._set_factories(*old))
for args in [(1, None), (None, "x"), (len,)]:
    try:
        first._set_factories(*args)
    except TypeError as e:
        print("TypeError", e)
print(first._set_factories(*old) == old)
tb = first.TreeBuilder(insert_comments=True, insert_pis=True)
tb.start("r", {})
tb.comment("c")
tb.pi("t", "d")
tb.end("r")
r = tb.close()
print([(c.tag is ET.Comment, c.tag is ET.PI, c.text) for c in r])
print(ET.tostring(r))
