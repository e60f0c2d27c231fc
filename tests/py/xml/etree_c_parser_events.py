# Events of the C XMLParser/TreeBuilder: XMLPullParser, iterparse and
# _setevents, including start-ns/end-ns, comment and pi.
import io
import xml.etree.ElementTree as ET

DOC = b"""<?xml version="1.0"?>
<!-- before -->
<?before-pi x?>
<root xmlns="urn:d" xmlns:p="urn:p">
  <p:a k="v">text<!-- inner --><?inner data?></p:a>
  <b xmlns:q="urn:q"><q:c/></b>
</root>
<!-- after -->
"""


def fmt(ev, obj):
    if isinstance(obj, ET.Element):
        if obj.tag is ET.Comment:
            return (ev, "Comment", obj.text)
        if obj.tag is ET.PI:
            return (ev, "PI", obj.text)
        return (ev, obj.tag, obj.text)
    return (ev, obj)


ALL = ("start", "end", "start-ns", "end-ns", "comment", "pi")
for events in (None, ("start",), ("end",), ALL, ("start-ns", "end-ns"), ("comment", "pi"), ()):
    print("events", events)
    for size in (None, 1, 10):
        p = ET.XMLPullParser(events) if events is not None else ET.XMLPullParser()
        out = []
        if size is None:
            p.feed(DOC)
        else:
            for i in range(0, len(DOC), size):
                p.feed(DOC[i:i + size])
                out.extend(fmt(*e) for e in p.read_events())
        p.close()
        out.extend(fmt(*e) for e in p.read_events())
        if size is None:
            for e in out:
                print("  ", e)
        else:
            print("  size", size, "events", len(out))

# iterparse
for ev, el in ET.iterparse(io.BytesIO(DOC), events=ALL):
    print("iter", fmt(ev, el))
it = ET.iterparse(io.BytesIO(DOC))
print([el.tag for ev, el in it], it.root.tag)

# bytes event names are kept as given
p = ET.XMLParser(target=ET.TreeBuilder())
q = []
p._setevents(q, [b"start", "end"])
p.feed("<a><b/></a>")
p.close()
print([(type(e).__name__, e, el.tag) for e, el in q])

# events with insert_comments/insert_pis builders
b = ET.TreeBuilder(insert_comments=True, insert_pis=True)
p = ET.XMLParser(target=b)
q = []
p._setevents(q, ALL)
p.feed("<a><!--c--><?p d?>t</a>")
r = p.close()
print([fmt(*e) for e in q])
print(ET.tostring(r))

# a list subclass queue: its own append is used
class Q(list):
    def append(self, x):
        print("append", fmt(*x))
        super().append(x)


p = ET.XMLParser(target=ET.TreeBuilder())
p._setevents(Q(), ("start", "end"))
p.feed("<a><b/></a>")
p.close()


def attempt(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "->", type(e).__name__, e)


attempt("unknown event", lambda: ET.XMLPullParser(events=("start", "bogus")))
attempt("bad event type", lambda: ET.XMLParser()._setevents([], [1]))
attempt("events not seq", lambda: ET.XMLParser()._setevents([], 5))
attempt("queue no append", lambda: ET.XMLParser()._setevents(5, None))
attempt("python target", lambda: ET.XMLParser(target=ET._TreeBuilder_Py() if hasattr(ET, "_TreeBuilder_Py") else object())._setevents([], None))
attempt("subclass target", lambda: ET.XMLParser(target=type("T", (ET.TreeBuilder,), {})())._setevents([], None))
attempt("no args", lambda: ET.XMLParser()._setevents())
attempt("too many", lambda: ET.XMLParser()._setevents([], None, 1))
attempt("generator events", lambda: ET.XMLParser()._setevents([], (e for e in ["start"])))

# events before the error are delivered, then the error
p = ET.XMLPullParser(("start", "end"))
try:
    p.feed(b"<a><b></b><c></a>")
except ET.ParseError as e:
    print("error", e)
try:
    for e in p.read_events():
        print("event", fmt(*e))
except ET.ParseError as e:
    print("read_events raised", e)

# an events queue whose append raises: the exception comes out of feed
class BadQ:
    def append(self, x):
        raise ValueError("queue full")


p = ET.XMLParser(target=ET.TreeBuilder())
p._setevents(BadQ(), ("end",))
attempt("bad queue", lambda: p.feed("<a><b/></a>"))
