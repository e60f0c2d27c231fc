# marshal: round trips of every supported type, CPython's bytes loaded, errors.
import marshal

values = [None, True, False, ..., 0, 1, -1, 2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**100, -(3**70),
          0.5, -0.0, float("inf"), 1e300, 3j, 1.5 - 2j, "", "abc", "é€𝄞", "x" * 300,
          b"", b"\x00\xff", bytearray(b"ba"), (), (1, "a", (2.5,)), tuple(range(300)), [1, [2, [3]]],
          {"k": [1, 2], 3: None}, {1, 2, 3}, frozenset({"a"}), StopIteration]
for v in values:
    back = marshal.loads(marshal.dumps(v))
    same = back == v or (isinstance(v, float) and str(back) == str(v))
    print(type(v).__name__, type(back).__name__, same)

# Bytes as CPython writes them (with its back-references) load the same.
cpython_bytes = [
    b"\xe9\x01\x00\x00\x00",
    b"\xa9\x03\xe9\x01\x00\x00\x00\xe9\x02\x00\x00\x00r\x01\x00\x00\x00",
    b"\xda\x05hello",
    b"\xdb\x02\x00\x00\x00\xda\x01ar\x01\x00\x00\x00",
    b"\xec\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00",
    b"\xe9\xfd\xff\xfe\xbf",
]
for b in cpython_bytes:
    print(repr(marshal.loads(b)))

for bad in [b"", b"i\x01", b"\x99", b"l\x01\x00\x00\x00\x00\x80", b"(\x02\x00\x00\x00N"]:
    try:
        marshal.loads(bad)
    except (EOFError, ValueError) as e:
        print(type(e).__name__, e)
for bad in [object(), lambda: 0, [object()]]:
    try:
        marshal.dumps(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    marshal.loads("str")
except TypeError as e:
    print("TypeError", e)
print(marshal.version)
