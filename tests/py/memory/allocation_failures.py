# Sizes a program asks for that the machine cannot provide: each is a
# MemoryError (or the OverflowError/ValueError CPython raises for a size it
# refuses before allocating), never an aborted process. (A bytearray made by
# a failing `*`, `center` or `join` is left out: CPython 3.11 reports
# "deallocated bytearray object has exported buffers" for it at exit.)
import array
import collections
import io
import os
import struct
import sys
import zlib

HUGE = 10**12  # more bytes than memory and swap: every allocator refuses it
MAX = sys.maxsize


def attempt(label, make):
    try:
        r = make()
    except (MemoryError, OverflowError, ValueError) as e:
        msg = str(e)
        # MemoryError's text is not compared: CPython's differs per site.
        shown = "" if isinstance(e, MemoryError) else ": " + msg
        print(f"{label:<34} {type(e).__name__}{shown}")
    else:
        print(f"{label:<34} ok {type(r).__name__} of {len(r)}")


def inplace(seq, n):
    def run():
        s = seq
        s *= n
        return s
    return run


print("-- constructors")
attempt("bytes(HUGE)", lambda: bytes(HUGE))
attempt("bytes(MAX)", lambda: bytes(MAX))
attempt("bytearray(HUGE)", lambda: bytearray(HUGE))
attempt("bytearray(MAX)", lambda: bytearray(MAX))
attempt("bytearray(MAX // 2)", lambda: bytearray(MAX // 2))
attempt("bytes(range(HUGE))", lambda: bytes(range(HUGE)))
attempt("bytes(range(2**64))", lambda: bytes(range(2**64)))
attempt("list(range(HUGE))", lambda: list(range(HUGE)))
attempt("tuple(range(HUGE))", lambda: tuple(range(HUGE)))
attempt("list(range(2**62, 2**63))", lambda: list(range(2**62, 2**63)))
attempt("list(range(MAX))", lambda: list(range(MAX)))
attempt("list(range(2**64))", lambda: list(range(2**64)))

print("-- repeat")
attempt("'x' * HUGE", lambda: "x" * HUGE)
attempt("'ab' * (MAX // 2)", lambda: "ab" * (MAX // 2))
attempt("'ab' * (MAX // 2 + 1)", lambda: "ab" * (MAX // 2 + 1))
attempt("'\\xe9' * MAX", lambda: "\xe9" * MAX)
attempt("b'x' * HUGE", lambda: b"x" * HUGE)
attempt("b'xy' * MAX", lambda: b"xy" * MAX)
attempt("[None] * HUGE", lambda: [None] * HUGE)
attempt("[1, 2] * MAX", lambda: [1, 2] * MAX)
attempt("(None,) * HUGE", lambda: (None,) * HUGE)
attempt("array('b') * HUGE", lambda: array.array("b", [0]) * HUGE)
attempt("array('d') * MAX", lambda: array.array("d", [0]) * MAX)
attempt("deque([1, 2]) * MAX", lambda: collections.deque([1, 2]) * MAX)
attempt("list *= HUGE", inplace([1], HUGE))
attempt("tuple *= HUGE", inplace((1,), HUGE))
attempt("str *= HUGE", inplace("x", HUGE))
attempt("bytes *= HUGE", inplace(b"x", HUGE))
attempt("bytearray *= HUGE", inplace(bytearray(b"x"), HUGE))
attempt("bytearray(10).__imul__(HUGE)", lambda: bytearray(10).__imul__(HUGE))
attempt("array *= HUGE", inplace(array.array("b", [1]), HUGE))
attempt("small repeats still work", lambda: "ab" * 3 + str([0] * 2))

print("-- widths")
attempt("'x'.ljust(HUGE)", lambda: "x".ljust(HUGE))
attempt("'x'.rjust(HUGE, '\\xe9')", lambda: "x".rjust(HUGE, "\xe9"))
attempt("'x'.center(HUGE)", lambda: "x".center(HUGE))
attempt("'-1'.zfill(HUGE)", lambda: "-1".zfill(HUGE))
attempt("'x'.ljust(2**64)", lambda: "x".ljust(2**64))
attempt("('\\t' * 10**5).expandtabs(2**31-1)", lambda: ("\t" * 10**5).expandtabs(2**31 - 1))
attempt("'\\t'.expandtabs(HUGE)", lambda: "\t".expandtabs(HUGE))
attempt("'{:>{}}'.format('x', HUGE)", lambda: "{:>{}}".format("x", HUGE))
attempt("format('x', '>' + str(HUGE))", lambda: format("x", ">" + str(HUGE)))
attempt("f'{1:{HUGE}}'", lambda: f"{1:{HUGE}}")
attempt("'%*d' % (HUGE, 1)", lambda: "%*d" % (HUGE, 1))
attempt("'%*s' % (MAX, 'x')", lambda: "%*s" % (MAX, "x"))
attempt("'%.*f' % (HUGE, 1.0)", lambda: "%.*f" % (HUGE, 1.0))
attempt("'{:.{}f}'.format(1.0, HUGE)", lambda: "{:.{}f}".format(1.0, HUGE))
attempt("b'x'.ljust(HUGE)", lambda: b"x".ljust(HUGE))
attempt("b'x'.center(HUGE)", lambda: b"x".center(HUGE))
attempt("bytearray(b'x').ljust(MAX)", lambda: bytearray(b"x").ljust(MAX))
attempt("b'x'.zfill(HUGE)", lambda: b"x".zfill(HUGE))
attempt("b'\\t'.expandtabs(HUGE)", lambda: b"\t".expandtabs(HUGE))
attempt("small widths still work", lambda: "x".center(5, "*") + "-1".zfill(4))

print("-- growth")
big = "x" * 10**6
attempt("str.replace to 10**13 chars", lambda: big.replace("x", "y" * 10**7))
attempt("''.join of 10**12 chars", lambda: "".join([big] * 10**6))
attempt("b''.join of 10**12 bytes", lambda: b"".join([big.encode()] * 10**6))
attempt("sys.intern('x' * HUGE)", lambda: sys.intern("x" * HUGE))

print("-- ints")
attempt("(1).to_bytes(HUGE, 'big')", lambda: (1).to_bytes(HUGE, "big"))
attempt("(1).to_bytes(MAX, 'big')", lambda: (1).to_bytes(MAX, "big"))
attempt("1 << HUGE", lambda: str(1 << HUGE))
attempt("1 << MAX", lambda: str(1 << MAX))
attempt("-1 << 2**64", lambda: str(-1 << 2**64))
attempt("1 << 10**30", lambda: str(1 << 10**30))
attempt("0 << 2**64", lambda: str(0 << 2**64))

print("-- modules")
attempt("struct.pack('<HUGE>x')", lambda: struct.pack(f"{HUGE}x"))
attempt("struct.pack('<MAX>x')", lambda: struct.pack(f"{MAX}x"))
attempt("zlib.decompress(bufsize=HUGE)", lambda: zlib.decompress(zlib.compress(b"abc"), bufsize=HUGE))
attempt("io.BytesIO(b'ab').read(HUGE)", lambda: io.BytesIO(b"ab").read(HUGE))
attempt("io.StringIO('ab').read(HUGE)", lambda: io.StringIO("ab").read(HUGE))
r, w = os.pipe()
os.write(w, b"abc")
attempt("os.read(pipe, HUGE)", lambda: os.read(r, HUGE))
os.close(r)
os.close(w)
with open("/dev/zero", "rb") as f:
    attempt("buffered read(HUGE)", lambda: f.read(HUGE))
with open("/dev/zero", "rb", buffering=0) as f:
    attempt("raw read(HUGE)", lambda: f.read(HUGE))
print("done")
