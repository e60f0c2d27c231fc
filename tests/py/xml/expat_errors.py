# pyexpat errors: messages, codes and positions; exceptions raised by handlers.
import traceback
from xml.parsers import expat
from xml.parsers.expat import errors

BAD = [
    b"",
    b"<",
    b"<a>",
    b"<a></b>",
    b"<a x='1' x='2'/>",
    b"<a/><b/>",
    b"<a>&nope;</a>",
    b"<a>\n  <b>\n    <c></b>\n</a>",
    b"<?xml version='1.0' encoding='utf-8'?>\n<a>\xff</a>",
    b"<a>&#0;</a>",
    b"<x:a/>",
    b"<a><![CDATA[open</a>",
    b"<?xml version='1.0'?><?xml version='1.0'?><a/>",
    b'<!DOCTYPE a [<!ENTITY e "&e;">]><a>&e;</a>',
]
for doc in BAD:
    p = expat.ParserCreate(namespace_separator=":" if b"x:" in doc else None)
    try:
        p.Parse(doc, True)
        print("parsed", doc)
    except expat.ExpatError as e:
        print(repr(str(e)), e.code, e.lineno, e.offset,
              errors.messages[e.code] == expat.ErrorString(e.code),
              p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex)

print(expat.ErrorString(2), expat.ErrorString(0), expat.ErrorString(9999))
print(errors.XML_ERROR_SYNTAX, errors.codes[errors.XML_ERROR_SYNTAX])
print(len(errors.codes), len(errors.messages), sorted(errors.messages)[:3], sorted(errors.messages)[-1])
print(expat.error is expat.ExpatError, expat.ExpatError.__module__, expat.ExpatError.__mro__[1])

print("--- parsing after the end")
p = expat.ParserCreate()
p.Parse(b"<a/>", True)
try:
    p.Parse(b"<b/>", True)
except expat.ExpatError as e:
    print(e, e.code == errors.codes[errors.XML_ERROR_FINISHED])

print("--- exception in a handler")
class Stop(Exception):
    pass

def start(name, attrs):
    if name == "b":
        raise Stop("at " + name)
    print("start", name)

p = expat.ParserCreate()
p.StartElementHandler = start
p.EndElementHandler = lambda n: print("end", n)
try:
    p.Parse(b"<a><b><c/></b></a>", True)
except Stop as e:
    print("caught", e)
    print([(fs.name) for fs in traceback.extract_tb(e.__traceback__)])
print("after", p.StartElementHandler, p.EndElementHandler)
try:
    p.Parse(b"<z/>", True)
except expat.ExpatError as e:
    print("then", e)

print("--- exception in the character data handler while buffering")
def chars(d):
    raise ValueError("chars " + repr(d))
p = expat.ParserCreate()
p.buffer_text = True
p.CharacterDataHandler = chars
try:
    p.Parse(b"<a>text</a>", True)
except ValueError as e:
    print("caught", e)

print("--- bad handler results and arguments")
p = expat.ParserCreate()
p.ExternalEntityRefHandler = lambda *a: None
try:
    p.Parse(b'<!DOCTYPE r [<!ENTITY e SYSTEM "x">]><r>&e;</r>', True)
except TypeError as e:
    print("TypeError", e)
p = expat.ParserCreate()
p.ExternalEntityRefHandler = lambda *a: 0
try:
    p.Parse(b'<!DOCTYPE r [<!ENTITY e SYSTEM "x">]><r>&e;</r>', True)
except expat.ExpatError as e:
    print(e)
p = expat.ParserCreate()
p.StartElementHandler = lambda: None
try:
    p.Parse(b"<a/>", True)
except TypeError as e:
    print("TypeError", e)

def show(f):
    try:
        f()
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)

p = expat.ParserCreate()
show(lambda: expat.ParserCreate(namespace_separator=42))
show(lambda: expat.ParserCreate(namespace_separator="ab"))
show(lambda: expat.ParserCreate(encoding=1))
show(lambda: expat.ParserCreate(intern=[]))
show(lambda: expat.ParserCreate(encoding="utf-8\0"))
show(lambda: p.Parse(42))
show(lambda: p.Parse(b"<a", 2.5))
show(lambda: p.ParseFile(None))
show(lambda: delattr(p, "StartElementHandler"))
show(lambda: delattr(p, "buffer_text"))
show(lambda: setattr(p, "intern", {}))
show(lambda: setattr(p, "unknown", 1))
show(lambda: getattr(p, "returns_unicode"))
show(lambda: setattr(p, "buffer_size", 0))
show(lambda: setattr(p, "buffer_size", 1.5))
show(lambda: setattr(p, "buffer_size", 2 ** 31))
show(lambda: type(p)())
show(lambda: expat.XMLParserType.Parse(1, b""))
import io
show(lambda: expat.ParserCreate().ParseFile(io.StringIO("<a/>")))
class Greedy:
    def read(self, n):
        return b" " * (n + 1)
show(lambda: expat.ParserCreate().ParseFile(Greedy()))
p = expat.ParserCreate()
p.Parse(b"<a>", False)
show(lambda: p.UseForeignDTD(True))
print(p.SetParamEntityParsing(1))
show(lambda: p.Parse("\ud800", True))
print(type(p).__name__, type(p).__module__, repr(type(p)))
