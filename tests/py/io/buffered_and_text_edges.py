# Buffered and text I/O edge cases: close after a failing flush, readinto1,
# abilities, re-initialisation, non-blocking writes, encoder state.
import io


class Raw(io.RawIOBase):
    def __init__(self, chunks=()):
        self.chunks = list(chunks)
        self.written = []
        self.reads = 0

    def readable(self):
        return True

    def writable(self):
        return True

    def readinto(self, b):
        self.reads += 1
        if not self.chunks:
            return 0
        data = self.chunks.pop(0)
        b[: len(data)] = data
        return len(data)

    def write(self, b):
        self.written.append(bytes(b))
        return len(b)


# close(): flush() is looked up on the object and called without the lock;
# a close error carries the flush error as its context.
raw = Raw()
b = io.BufferedWriter(raw)


def bad_flush():
    raise OSError("flush")


def bad_close():
    raise OSError("close")


raw.close = bad_close
b.flush = bad_flush
try:
    b.close()
except OSError as e:
    print("close error", e.args, type(e.__context__).__name__, e.__context__.args)
print("closed after failures:", b.closed)

seen = []
raw = Raw()
r = io.BufferedReader(raw)


def flush_reading_state():
    seen.append((r.closed, raw.closed))
    raise OSError("raw flush")


raw.flush = flush_reading_state
try:
    r.close()
except OSError as e:
    print("reader close:", e, seen[:1], r.closed)

# readinto1: the buffered bytes, then at most one raw read.
raw = Raw([b"abc", b"de", b"fgh", b"jkl"])
r = io.BufferedReader(raw, buffer_size=10)
buf = bytearray(2)
print(r.peek(3), r.readinto1(buf), bytes(buf), raw.reads)
print(r.readinto1(buf), bytes(buf[:1]), raw.reads)
print(r.readinto1(buf), bytes(buf), raw.reads)
big = bytearray(20)
print(r.peek(3), r.readinto1(big), bytes(big[:6]), raw.reads)

# readable()/writable() as the class says, whatever the raw stream says.
print(io.BufferedReader(io.BytesIO()).writable(), io.BufferedWriter(io.BytesIO()).readable())
print(io.BufferedRandom(io.BytesIO()).readable(), io.BufferedRandom(io.BytesIO()).writable())
try:
    io.BufferedReader(io.BytesIO(b"x")).truncate()
except io.UnsupportedOperation as e:
    print("truncate:", e)

# A failed __init__ leaves the object uninitialised.
r = io.BufferedReader(io.BytesIO(b"abc"))
try:
    r.__init__(io.BytesIO(b"abc"), buffer_size=0)
except ValueError as e:
    print("init:", e)
try:
    r.read()
except ValueError as e:
    print("read after failed init:", e)
for size in (2**62, 2**63 - 1):
    try:
        io.BufferedReader(io.BytesIO(), size)
    except (MemoryError, OverflowError, ValueError) as e:
        print("huge buffer:", type(e).__name__)

# A raw readinto() returning a non-integer.
inner = io.BufferedReader(io.BytesIO(b"12"))
inner.readinto = lambda b: b""
try:
    io.BufferedReader(inner).readline()
except OSError as e:
    print("bad readinto:", e, type(e.__cause__).__name__)


# Non-blocking raw writes: what is kept is counted in characters_written.
class Blocking(io.RawIOBase):
    def __init__(self):
        self.out = []
        self.block_on = None

    def writable(self):
        return True

    def write(self, b):
        b = bytes(b)
        if self.block_on is not None and self.block_on in b:
            n = b.index(self.block_on)
            if n > 0:
                self.out.append(b[:n])
                return n
            self.block_on = None
            return None
        self.out.append(b)
        return len(b)


raw = Blocking()
w = io.BufferedWriter(raw, 8)
print(w.write(b"abcd"), w.write(b"efghi"))
raw.block_on = b"k"
print(w.write(b"jklmn"))
raw.block_on = b"0"
try:
    w.write(b"opqrwxyz0123456789")
except BlockingIOError as e:
    print("blocked:", e.characters_written, e.args[1])
print(b"".join(raw.out))
raw.out.clear()
print(w.write(b"ABCDEFGHI"), b"".join(raw.out)[:9])

# Text: no BOM in the middle of a stream after reconfigure; a write-only
# stream seeks with its encoder state; repr of an uninitialised wrapper.
raw = io.BytesIO()
t = io.TextIOWrapper(raw, encoding="ascii", newline="\n")
t.write("abc\n")
t.reconfigure(encoding="utf-8-sig")
t.write("d\xe9f\n")
t.flush()
print(raw.getvalue())

raw = io.BytesIO()
t = io.TextIOWrapper(raw, encoding="euc_jis_2004")
t.write("\u00e6\u0300")
p0 = t.tell()
t.write("\u00e6")
t.seek(p0)
t.write("\u0300")
t.flush()
print(raw.getvalue().decode("euc_jis_2004") == "\u00e6\u0300\u0300")
try:
    repr(io.TextIOWrapper.__new__(io.TextIOWrapper))
except ValueError as e:
    print("repr:", e)


# Pending text never makes a single buffer write above the chunk size.
class Sized(Raw):
    def write(self, b):
        if len(b) > 64:
            raise RuntimeError("too big")
        return super().write(b)


raw = Sized()
t = io.TextIOWrapper(raw, encoding="ascii")
t._CHUNK_SIZE = 64
t.write("abc")
t.write("def")
print(raw.written)
try:
    t.write("x" * 65)
except RuntimeError as e:
    print("chunk:", e, raw.written)
t.write("ghi")
t.write("y" * 64)
print([len(x) for x in raw.written])
