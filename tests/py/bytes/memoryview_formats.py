# memoryview casts, item formats, slicing geometry and errors
buf = bytearray(range(16))
m = memoryview(buf)
for fmt in ["B", "b", "H", "h", "I", "i", "Q", "q", "c", "?"]:
    c = m.cast(fmt)
    print(fmt, c.format, c.itemsize, len(c), c.nbytes, c.tolist()[:3], c.shape, c.strides)
f = memoryview(bytearray(8)).cast("d")
f[0] = 1.5
print(f.tolist(), f.readonly, f.obj)
s = m[2:12:3]
print(s.tolist(), s.shape, s.strides, s.contiguous, s.c_contiguous, s.tobytes(), s.hex("-"))
s[1] = 200
print(buf[5], m[::-1][:3].tolist())
h = m.cast("H")
h[0] = 0x1234
print(buf[:2], h[0], hex(h[-1]))
r = memoryview(b"readonly")
print(r.readonly, hash(r) == hash(b"readonly"), r.toreadonly().readonly, r == b"readonly", r != b"x")
errors = [
    lambda: h.__setitem__(0, 70000), lambda: h.__setitem__(0, "x"), lambda: m.cast("Z"),
    lambda: h.cast("I"), lambda: m["a"], lambda: r.__setitem__(0, 1), lambda: hash(m),
    lambda: memoryview("str"), lambda: m[::2].cast("H"), lambda: m.cast("Q")[9],
    lambda: memoryview(bytearray(3)).cast("H"), lambda: m.__delitem__(0), lambda: m[...],
]
for e in errors:
    try:
        print("ok", e())
    except (TypeError, ValueError, IndexError) as ex:
        print(type(ex).__name__, ex)
v = memoryview(b"abc")
v.release()
print(repr(v).startswith("<released memory at 0x"))
for op in [lambda: len(v), lambda: v[0], lambda: v.tobytes(), lambda: v.format]:
    try:
        op()
    except ValueError as ex:
        print(type(ex).__name__, ex)
print(bytes(memoryview(b"xyz")[1:]), bytearray(memoryview(b"q")), b"-".join([memoryview(b"a"), b"b"]))
print(b"hello".find(memoryview(b"ll")), b"abc" + memoryview(b"def"), bytearray(b"x") + memoryview(b"y"))
