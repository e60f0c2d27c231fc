# Pickler/Unpickler objects over files: repeated dumps sharing a memo,
# clear_memo, the memo proxies, fast mode, framed output to a file, and
# out-of-band buffers (protocol 5).
import io
import pickle

f = io.BytesIO()
p = pickle.Pickler(f, 2)
shared = ["s"]
p.dump(shared)
p.dump([shared, shared])
p.clear_memo()
p.dump(shared)
print(f.getvalue())
f.seek(0)
u = pickle.Unpickler(f)
a = u.load()
b = u.load()
c = u.load()
print(a, b, b[0] is a, c is a)
print(p.bin, p.fast, sorted(p.memo.copy().values())[0][0] if p.memo.copy() else None)

# Priming a memo from another pickler.
f1 = io.BytesIO()
p1 = pickle.Pickler(f1, 2)
obj = ("t", 1)
p1.dump(obj)
f2 = io.BytesIO()
p2 = pickle.Pickler(f2, 2)
p2.memo = p1.memo
p2.dump(obj)
print(f2.getvalue())
u1 = pickle.Unpickler(io.BytesIO(f1.getvalue()))
u1.load()
u2 = pickle.Unpickler(io.BytesIO(f2.getvalue()))
u2.memo = u1.memo
print(u2.load(), sorted(u2.memo.copy()))

# Fast mode writes no memo opcodes.
f = io.BytesIO()
p = pickle.Pickler(f, 2)
p.fast = 1
p.dump([[1], [2]])
print(f.getvalue())

# Framed output to a file: large pickles are written in frames.
class Recorder:
    def __init__(self):
        self.chunks = []

    def write(self, b):
        self.chunks.append(bytes(b))


r = Recorder()
data = [str(i) * 10 for i in range(20000)] + ["x" * 100000]
pickle.Pickler(r, 4).dump(data)
print(len(r.chunks), [len(c) for c in r.chunks][:5], sum(map(len, r.chunks)))
print(pickle.loads(b"".join(r.chunks)) == data)


# Reading from a file without peek, in small pieces.
class Slow:
    def __init__(self, b):
        self.f = io.BytesIO(b)
        self.reads = 0

    def read(self, n):
        self.reads += 1
        return self.f.read(n)

    def readline(self):
        self.reads += 1
        return self.f.readline()


for proto in (0, 2, 4):
    s = Slow(pickle.dumps({"a": [1, 2.5, "c"], "b": (None, True)}, proto) + b"rest")
    print(proto, pickle.load(s), s.reads, s.f.read())

# Protocol 5 out-of-band buffers.
buf = pickle.PickleBuffer(bytearray(b"abcdef"))
collected = []
data = pickle.dumps([buf, b"in band"], 5, buffer_callback=collected.append)
print(data, len(collected))
back = pickle.loads(data, buffers=collected)
print(bytes(back[0]), back[1])
print(pickle.dumps(pickle.PickleBuffer(b"ro"), 5), pickle.loads(pickle.dumps(pickle.PickleBuffer(b"ro"), 5)))
try:
    pickle.loads(data)
except pickle.UnpicklingError as e:
    print("UnpicklingError:", e)
try:
    pickle.dumps(buf, 4)
except pickle.PicklingError as e:
    print("PicklingError:", e)

# Python 2 strings: encoding and errors.
print(pickle.loads(b"U\x03caf.", encoding="latin1"), pickle.loads(b"U\x03caf.", encoding="bytes"))
print(pickle.loads(b"S'caf\\xe9'\np0\n.", encoding="latin1"))
try:
    pickle.loads(b"U\x01\xe9.")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(pickle.loads(b"c__builtin__\nxrange\n(K\x01K\x05K\x01tR."), pickle.loads(b"c__builtin__\nxrange\n(K\x01K\x05K\x01tR.", fix_imports=False) if False else "")
print(pickle.dumps(range(3), 2), pickle.dumps(range(3), 2, fix_imports=False))
