# bytearray slice assignment and deletion in many shapes
def show(label, ba):
    print(label, bytes(ba), len(ba))
ba = bytearray(range(10))
ba[2:5] = b""
show("delete via empty", ba)
ba[0:0] = b"\xaa\xbb"
show("insert front", ba)
ba[len(ba):] = b"\xcc"
show("append end", ba)
ba[-2:] = [1, 2, 3, 4]
show("grow tail", ba)
ba[1:-1] = b"x"
show("shrink middle", ba)
ba = bytearray(b"0123456789")
ba[::3] = b"ABCD"
show("extended step 3", ba)
ba[::-2] = b"vwxyz"
show("extended reversed", ba)
del ba[1::2]
show("del odd", ba)
ba[5:2] = b"ins"
show("empty range insert", ba)
ba[100:200] = b"far"
show("far slice", ba)
ba[-100:1] = b"<"
show("neg far", ba)
ba[:] = ba[::-1]
show("self reverse", ba)
ba[2:4] = ba
show("self insert", ba)
for val in [b"ab", [256], "str", 5]:
    try:
        ba[0:2] = val
        show("assigned " + repr(val), ba)
    except (TypeError, ValueError) as e:
        print(repr(val), type(e).__name__, e)
try:
    ba[::2] = b"too long for this"
except ValueError as e:
    print(type(e).__name__, e)
