# Random-input worker of the standard-library fuzz run (issue 20, "Must show":
# json.loads, zlib.decompress, struct.unpack and the XML parser with random
# inputs find no panic). Driven by fuzz/run.py, which starts it under ProtoPy
# (and, for --compare, under CPython) and watches for crashes and hangs.
#
# Usage: stdlib_fuzz.py TARGET SEED COUNT [--trace] [--dump INDEX] [--outcomes]
#   TARGET   json | zlib | struct | xml
#   Input number i of a run is built from random.Random(SEED * 10**7 + i) alone,
#   so any input can be rebuilt from (TARGET, SEED, i): --trace prints each
#   index before trying it (to find the one a crash happened on), --dump prints
#   input INDEX and exits, --outcomes prints one line per input (the exception's
#   type and message, or a digest of the result) for comparison with CPython.
# Every call must return or raise an ordinary exception; SystemError (what a
# Rust panic becomes) or a dead process is a finding. Prints "done N" at the end.
import random
import sys

TARGET = sys.argv[1]
SEED = int(sys.argv[2])
COUNT = int(sys.argv[3])
TRACE = "--trace" in sys.argv
OUTCOMES = "--outcomes" in sys.argv
DUMP = int(sys.argv[sys.argv.index("--dump") + 1]) if "--dump" in sys.argv else None


# ---- mutation helpers -------------------------------------------------------

def mutate_bytes(rng, data, alphabet):
    # A few random edits: flip, insert, delete, duplicate a slice, truncate.
    data = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        op = rng.randrange(6)
        n = len(data)
        if op == 0 and n:
            data[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif op == 1:
            pos = rng.randrange(n + 1)
            data[pos:pos] = bytes(rng.choice(alphabet) for _ in range(rng.randrange(1, 4)))
        elif op == 2 and n:
            a = rng.randrange(n)
            del data[a:a + rng.randrange(1, 8)]
        elif op == 3 and n:
            a = rng.randrange(n)
            b = min(n, a + rng.randrange(1, 32))
            pos = rng.randrange(n + 1)
            data[pos:pos] = data[a:b]
        elif op == 4 and n:
            del data[rng.randrange(n):]
        elif op == 5 and n:
            data[rng.randrange(n)] = rng.randrange(256)
    return bytes(data)


def random_text(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


# ---- json.loads ---------------------------------------------------------------

JSON_CHARS = ('{}[]:,"\\ \t\n0123456789-+.eEtruefalsnl/bfnrtu'
              "abcdefABCDEF\x00\x1f\x7f\u00e9\u2028\ud800\udc00\U0001f600")


def random_json_value(rng, depth=0):
    k = rng.randrange(9 if depth < 4 else 6)
    if k == 0:
        return rng.choice([None, True, False])
    if k == 1:
        return rng.randrange(-10**rng.randrange(1, 30), 10**rng.randrange(1, 30))
    if k == 2:
        return rng.choice([0.0, -0.0, 1e308, 5e-324, 0.1, -2.5e-7, 123456.789])
    if k in (3, 4, 5):
        return random_text(rng, "ab\"\\/\n\t\x01é\u2028\U0001f600 ", rng.randrange(8))
    if k in (6, 7):
        return [random_json_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {random_text(rng, "abc\"é", rng.randrange(4)): random_json_value(rng, depth + 1)
            for _ in range(rng.randrange(4))}


def json_input(rng):
    import json
    mode = rng.randrange(10)
    if mode == 0:
        return random_text(rng, JSON_CHARS, rng.randrange(40))
    if mode == 1:
        # deep nesting, closed or not
        d = rng.randrange(1, 3000)
        return "[" * d + ("]" * d if rng.randrange(2) else "")
    text = json.dumps(random_json_value(rng), ensure_ascii=rng.randrange(2) == 0)
    if mode == 2:
        return text
    if mode == 3:
        # as bytes in one of the encodings json.loads detects
        enc = rng.choice(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                          "utf-32", "utf-32-le", "utf-32-be"])
        data = text.encode(enc, "surrogatepass")
        return mutate_bytes(rng, data, b"\x00\xff\xfe{}[]\"") if rng.randrange(2) else data
    if mode == 4:
        return mutate_bytes(rng, text.encode("utf-8", "surrogatepass"), b'{}[]:,"\\0123456789eE.-+ntfl\x00\x80\xc3\xff')
    # mutate the text itself
    chars = list(text)
    for _ in range(rng.randrange(1, 5)):
        op = rng.randrange(4)
        if op == 0 and chars:
            chars[rng.randrange(len(chars))] = rng.choice(JSON_CHARS)
        elif op == 1:
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(JSON_CHARS))
        elif op == 2 and chars:
            del chars[rng.randrange(len(chars)):]
        elif op == 3 and chars:
            del chars[rng.randrange(len(chars))]
    return "".join(chars)


def json_call(rng, inp):
    import json
    kw = {}
    if rng.randrange(4) == 0:
        kw["strict"] = False
    if rng.randrange(8) == 0:
        kw["parse_float"] = str
    if rng.randrange(8) == 0:
        kw["object_pairs_hook"] = list
    return repr(json.loads(inp, **kw))[:200]


# ---- zlib.decompress ------------------------------------------------------------

def zlib_input(rng):
    import zlib
    n = rng.choice([0, 1, 10, 100, 1000, 20000])
    alpha = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 20)))
    raw = bytes(rng.choice(alpha) for _ in range(n))
    wbits = rng.choice([15, 9, 12, -15, -9, 31, 25])
    co = zlib.compressobj(rng.randrange(-1, 10), zlib.DEFLATED, wbits,
                          rng.randrange(1, 10), rng.randrange(5))
    data = co.compress(raw) + co.flush()
    mode = rng.randrange(6)
    if mode == 0:
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(64)))
    elif mode >= 2:
        data = mutate_bytes(rng, data, b"\x00\xff\x78\x9c\x01\x1f\x8b")
    return data, wbits


def zlib_call(rng, inp):
    import zlib
    data, wbits = inp
    w = rng.choice([wbits, wbits, 0, 15, -15, 31, 47, 8, -8, 7, 48, 100, -16])
    mode = rng.randrange(4)
    if mode == 0:
        bufsize = rng.choice([1, 2, 100, 16384, 0, -1])
        out = zlib.decompress(data, w, bufsize)
        return "%d %d" % (len(out), zlib.crc32(out))
    d = zlib.decompressobj(w) if rng.randrange(4) else zlib.decompressobj(w, zdict=b"abc")
    out = []
    pos = 0
    while pos < len(data):
        step = rng.randrange(1, 300)
        if mode == 1:
            out.append(d.decompress(data[pos:pos + step]))
        else:
            out.append(d.decompress(data[pos:pos + step], rng.randrange(0, 50)))
            # (bounded: a stream whose tail makes no progress, as CPython's
            # gives on some corrupt input, would loop forever)
            for _ in range(2000):
                if not d.unconsumed_tail:
                    break
                out.append(d.decompress(d.unconsumed_tail, rng.randrange(1, 50)))
        pos += step
    out.append(d.flush(rng.choice([1, 100, 16384])))
    if rng.randrange(4) == 0:
        d.copy().flush()
    b = b"".join(out)
    return "%d %d %d %d %s" % (len(b), zlib.crc32(b), len(d.unused_data), d.eof,
                               zlib.adler32(d.unused_data))


# ---- struct.unpack ----------------------------------------------------------------

STRUCT_CODES = "xcbB?hHiIlLqQnNefdspP"


def struct_input(rng):
    parts = []
    if rng.randrange(3):
        parts.append(rng.choice("@=<>! "))
    for _ in range(rng.randrange(6)):
        r = rng.randrange(12)
        if r == 0:
            parts.append(str(rng.choice([0, 1, 2, 3, 7, 100, 2**31, 2**63, 10**20])))
        elif r == 1:
            parts.append(rng.choice(" \t\n"))
        elif r == 2:
            parts.append(rng.choice("zZ#{@<>!$\x00é0123"))
        else:
            parts.append(rng.choice(STRUCT_CODES))
    fmt = "".join(parts)
    nbytes = rng.choice([0, 1, 2, 4, 8, 16, 24, 33, rng.randrange(64)])
    buf = bytes(rng.randrange(256) for _ in range(nbytes))
    return fmt.encode() if rng.randrange(5) == 0 else fmt, buf


def struct_call(rng, inp):
    import struct
    fmt, buf = inp
    mode = rng.randrange(6)
    if mode == 0:
        return repr(struct.calcsize(fmt))
    if mode == 1:
        return repr(struct.unpack_from(fmt, buf, rng.randrange(-40, 40)))
    if mode == 2:
        return repr(list(struct.iter_unpack(fmt, buf)))[:300]
    if mode == 3:
        # pack what unpacking a right-sized buffer gives back, or random values
        size = struct.calcsize(fmt)
        if size > 1 << 16:
            return repr(size)
        vals = struct.unpack(fmt, bytes(rng.randrange(256) for _ in range(size)))
        if rng.randrange(2):
            vals = tuple(rng.choice([0, -1, 2**64, 1.5, b"x", "y", None, True])
                         for _ in vals)
        return repr(struct.pack(fmt, *vals))
    if mode == 4:
        return repr(struct.Struct(fmt).unpack(memoryview(buf)))
    return repr(struct.unpack(fmt, buf))


# ---- XML (pyexpat, and ElementTree on it) ---------------------------------------------

XML_DOCS = [
    b'<?xml version="1.0" encoding="utf-8"?>\n<root a="1" b=\'x&amp;y\'><c>text &lt; &#233; &#x1F600;</c><!-- c --><?pi data?><![CDATA[<raw>]]><e/></root>',
    b'<!DOCTYPE r [<!ENTITY e "ent&#38;x"><!ATTLIST r a CDATA "d"><!ELEMENT r ANY>]><r>&e;&e;</r>',
    b'<a xmlns="urn:x" xmlns:p="urn:p"><p:b p:c="1"/><d xml:lang="en">t</d></a>',
    b'<?xml version="1.0" encoding="iso-8859-1"?><r>\xe9\xe8</r>',
    b'<r><x>1</x><x>2</x><y z="3">4<w/>5</y></r>',
    b'<!DOCTYPE r SYSTEM "x.dtd"><r>&ext;</r>',
]
XML_BYTES = b'<>/="\'&;#!?[]-xa:\x00\x80\xff\n \xc3\xa9'


def xml_input(rng):
    doc = rng.choice(XML_DOCS)
    if rng.randrange(5) == 0:
        return bytes(rng.choice(XML_BYTES) for _ in range(rng.randrange(60)))
    return mutate_bytes(rng, doc, XML_BYTES) if rng.randrange(6) else doc


def xml_call(rng, inp):
    mode = rng.randrange(4)
    if mode == 0:
        import xml.etree.ElementTree as ET
        root = ET.fromstring(inp)
        return "%s %d %r" % (root.tag, len(list(root.iter())), ET.tostring(root)[:80])
    if mode == 3:
        # _elementtree's XMLParser and TreeBuilder with every event, fed in
        # random pieces (str or bytes), read between the pieces.
        import xml.etree.ElementTree as ET
        pp = ET.XMLPullParser(("start", "end", "start-ns", "end-ns", "comment", "pi"))
        seen = []
        def drain():
            names = {ET.Comment: "<comment>", ET.PI: "<pi>"}
            for ev, x in pp.read_events():
                if isinstance(x, ET.Element):
                    x = names.get(x.tag, x.tag), x.text
                seen.append((ev, x))
        pos = 0
        as_text = rng.randrange(4) == 0
        while pos < len(inp):
            step = rng.randrange(1, 40)
            piece = inp[pos:pos + step]
            pp.feed(piece.decode("latin-1") if as_text else piece)
            pos += step
            drain()
        pp.close()
        drain()
        return "%d %r" % (len(seen), seen[:8])
    from xml.parsers import expat
    p = expat.ParserCreate(rng.choice([None, "utf-8", "iso-8859-1"]),
                           rng.choice([None, " ", "|"]))
    events = []
    p.StartElementHandler = lambda name, attrs: events.append(("s", name, sorted(attrs.items()) if isinstance(attrs, dict) else attrs))
    p.EndElementHandler = lambda name: events.append(("e", name))
    p.CharacterDataHandler = lambda data: events.append(("c", data))
    p.CommentHandler = lambda data: events.append(("#", data))
    p.ProcessingInstructionHandler = lambda t, d: events.append(("?", t, d))
    p.StartDoctypeDeclHandler = lambda *a: events.append(("dt",) + a)
    p.EntityDeclHandler = lambda *a: events.append(("ent",) + a)
    if rng.randrange(2):
        p.DefaultHandlerExpand = lambda data: events.append(("d", data))
    if rng.randrange(3) == 0:
        p.ordered_attributes = True
    if rng.randrange(3) == 0:
        p.buffer_text = True
    if rng.randrange(4) == 0:
        p.ExternalEntityRefHandler = lambda *a: 1
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_ALWAYS)
    if mode == 1:
        p.Parse(inp, True)
    else:
        pos = 0
        while pos < len(inp):
            step = rng.randrange(1, 20)
            p.Parse(inp[pos:pos + step], False)
            pos += step
        p.Parse(b"", True)
    return "%d %r %d:%d" % (len(events), events[:6], p.CurrentLineNumber,
                            p.CurrentColumnNumber)


TARGETS = {
    "json": (json_input, json_call),
    "zlib": (zlib_input, zlib_call),
    "struct": (struct_input, struct_call),
    "xml": (xml_input, xml_call),
}


def main():
    make, call = TARGETS[TARGET]
    if DUMP is not None:
        rng = random.Random(SEED * 10**7 + DUMP)
        print(repr(make(rng)))
        return
    out = sys.stdout
    for i in range(COUNT):
        if TRACE:
            out.write("try %d\n" % i)
            out.flush()
        rng = random.Random(SEED * 10**7 + i)
        inp = make(rng)
        try:
            res = "ok " + call(rng, inp)
        except SystemError:
            raise
        except RecursionError:
            res = "RecursionError"
        except Exception as e:
            res = "%s: %s" % (type(e).__name__, str(e)[:200])
        if OUTCOMES:
            out.write("%d %s\n" % (i, res.replace("\n", "\\n")))
    out.write("done %d\n" % COUNT)


main()
