# ParseError from the C XMLParser: messages, code, position, and the
# parser's state after an error.
import xml.etree.ElementTree as ET
from xml.parsers import expat

print(ET.ParseError.__module__, ET.ParseError.__mro__[1].__name__)

CASES = [
    "",
    "   ",
    "<a>",
    "<a></b>",
    "<a><b></a>",
    "<a x='1' x='2'/>",
    "<a>&undefined;</a>",
    "<a/><b/>",
    "<a/>junk",
    "<a>\n\n  <b\n c=></a>",
    "<?xml version='1.0'?><?xml version='1.0'?><a/>",
    "<a>&#0;</a>",
    "<a>&#xD800;</a>",
    "<p:a/>",
    "<a xmlns:p=''/>",
    "<!DOCTYPE a [<!ENTITY e SYSTEM 'x'>]><a attr='&e;'/>",
    "<a>\x01</a>",
    "<!-- unclosed",
    "<a><![CDATA[ x </a>",
    "\ufeff<a/>",
    "<a>" + "<b>" * 50 + "</a>",
]


def describe(e):
    return "%s | %s | code=%s name=%s position=%s" % (
        type(e).__name__, e, e.code, expat.ErrorString(e.code), e.position)


for doc in CASES:
    try:
        ET.fromstring(doc)
        print(repr(doc[:30]), "-> ok")
    except ET.ParseError as e:
        print(repr(doc[:30]), "->", describe(e))

# Errors from feed() in pieces report the position of the error.
p = ET.XMLParser()
p.feed("<root>\n  <a>one</a>\n")
try:
    p.feed("  <b>two</c>\n")
except ET.ParseError as e:
    print("piecewise", describe(e))
# After an error the parser keeps failing.
for step in ("feed", "close"):
    try:
        getattr(p, step)("<x/>") if step == "feed" else p.close()
        print(step, "ok")
    except ET.ParseError as e:
        print(step, "->", describe(e))

# Undefined entity with a DOCTYPE (reported by ElementTree, not expat).
for doc in ('<!DOCTYPE a SYSTEM "x"><a>&nope;</a>',
            '<!DOCTYPE a SYSTEM "x">\n<a>\n  <b>&' + "x" * 150 + ';</b></a>'):
    try:
        ET.fromstring(doc)
    except ET.ParseError as e:
        print("entity", describe(e))

# The error of the first chunk wins; the parser can be used again after an
# undefined entity (expat itself did not fail).
p = ET.XMLParser()
try:
    p.feed('<!DOCTYPE a SYSTEM "x"><a>&one;&two;')
except ET.ParseError as e:
    print("first", e)
p.entity["three"] = "3"
p.feed("&three;</a>")
print("recovered", repr(p.close().text))

# Errors through ET.parse and iterparse.
import io
for fn in (lambda: ET.parse(io.BytesIO(b"<a><b></a>")),
           lambda: list(ET.iterparse(io.BytesIO(b"<a><b/>\n<c></a>")))):
    try:
        fn()
    except ET.ParseError as e:
        print("api", describe(e))

# ParseError can be raised and caught like a SyntaxError.
try:
    ET.fromstring("<")
except SyntaxError as e:
    print("as SyntaxError", type(e).__name__, e.msg if hasattr(e, "msg") else None)
