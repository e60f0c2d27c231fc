# Ints at the edges of the binary int opcodes, lists and dicts of many
# items (several APPENDS/SETITEMS batches), and loads run inside another
# load (a __setstate__ and a __reduce__ callable that unpickle).
import pickle
import pickletools

edges = [0, 1, 255, 256, 65535, 65536, 2**31 - 1, 2**31, -1, -256, -65536,
         -2**31, -2**31 - 1, 2**63 - 1, -2**63, 2**64, -2**64, 10**30]
for proto in range(6):
    data = pickle.dumps(edges, proto)
    back = pickle.loads(data)
    ops = [op.name for op, arg, pos in pickletools.genops(data)
           if op.name.startswith(("BININT", "INT", "LONG"))]
    print(proto, back == edges, len(data), ops[:8])

big_list = list(range(-1500, 1500))
big_dict = {"k%d" % i: i * 3 for i in range(2500)}
mixed = {1: "one", 2.5: "two and a half", "three": 3, (4, 5): "tuple", None: 0,
         frozenset({6}): "fs", b"seven": 7}
for proto in (2, 4, 5):
    for obj in (big_list, big_dict, mixed):
        back = pickle.loads(pickle.dumps(obj, proto))
        print(proto, type(obj).__name__, back == obj, list(back)[:3] == list(obj)[:3])


class Box:
    def __init__(self, payload):
        self.payload = payload

    def __getstate__(self):
        return {"blob": pickle.dumps(self.payload)}

    def __setstate__(self, state):
        self.payload = pickle.loads(state["blob"])


def rebuild(blob):
    return ("rebuilt", pickle.loads(blob))


class Wrapped:
    def __init__(self, inner):
        self.inner = inner

    def __reduce__(self):
        return rebuild, (pickle.dumps(self.inner),)


nested = [Box({"a": [1, 2, 3], "b": Box(["deep", {"x": 1}])}),
          Wrapped({"k": list(range(5))}), {"after": [7, 8, 9]}]
for proto in (0, 2, 5):
    back = pickle.loads(pickle.dumps(nested, proto))
    print(proto, back[0].payload["a"], back[0].payload["b"].payload, back[1], back[2])

# A failing load leaves the next one unharmed.
try:
    pickle.loads(b"\x80\x04]\x94(K\x01K\x02")
except Exception as e:
    print(type(e).__name__, e)
print(pickle.loads(pickle.dumps([1, [2, 3], {"z": 4}], 5)))
try:
    pickle.loads(b"\x80\x05}\x94(\x8c\x01a\x94K\x01\x8c\x01b\x94u.")
except Exception as e:
    print(type(e).__name__, e)
print(pickle.loads(pickle.dumps({"x": {"y": [None, True, 1.5]}}, 5)))
