# Strings whose quote, backslash, control character or non-ASCII character
# falls at every offset of an eight-byte step, in strict and non-strict
# scans; and object keys that share one str within a call.
import json

hits = []
for n in range(0, 20):
    for prefix in ("", "é", "ab"):
        body = prefix + "x" * n
        for tail, label in (('"', "plain"), ('\\n"', "escape"), ('\\u00e9"', "uescape"),
                            ('\\"x"', "quote"), ("\u20ac\"", "euro")):
            text = '"' + body + tail
            v = json.loads(text)
            hits.append((label, len(v), v[-1:]))
        for ctrl in ("\x00", "\x1f", "\t", "\n"):
            text = '"' + body + ctrl + 'y"'
            try:
                json.loads(text)
                hits.append(("strict accepted", n))
            except json.JSONDecodeError as e:
                hits.append(("strict", e.msg, e.pos))
            v = json.loads(text, strict=False)
            hits.append(("lax", len(v), v[-2:]))
        try:
            json.loads('"' + body)
        except json.JSONDecodeError as e:
            hits.append(("unterminated", e.msg, e.pos))
        try:
            json.loads('"' + body + "\\")
        except json.JSONDecodeError as e:
            hits.append(("trailing backslash", e.msg, e.pos))
print(len(hits))
for h in hits:
    print(h)

# Keys: equal keys within one call are one object, whatever their spelling.
docs = json.loads('[{"name": 1, "n\\u0061me": 2}, {"name": 3}, {"a\\u00e9": 4, "a\u00e9": 5},'
                  ' {"averyveryverylongkeyname": 6}, {"averyveryverylongkeynamf": 7}]')
k = [list(d) for d in docs]
print(docs)
print(k[0][0] is k[1][0], k[2] == ["a\u00e9"], k[3][0] == k[4][0])
many = json.loads("[" + ",".join('{"k%d": %d, "shared": %d}' % (i % 37, i, i) for i in range(500)) + "]")
ks = [next(iter(d)) for d in many]
print(len(set(map(id, ks))), len(set(ks)), all(list(d)[1] is list(many[0])[1] for d in many))
print(json.loads('{"": 1, "": 2}'), json.loads('{"x": {"x": {"x": 1}}}'))
