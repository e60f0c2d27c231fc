# augmented assignment results for many builtin types
x = 5; x += 2.5; print(x, type(x).__name__)
x = 5; x /= 2; print(x, type(x).__name__)
x = 5; x //= 2.0; print(x, type(x).__name__)
x = 2; x **= 100; print(x)
x = 7; x %= -3; print(x)
x = 1j; x *= 1j; print(x)
x = "ab"; x *= 3; print(x)
x = [1]; x *= 2; print(x)
x = (1,); x += (2, 3); print(x)
x = b"a"; x += b"b"; print(x)
x = bytearray(b"a"); y = x; x += b"b"; print(x, y is x)
x = {1, 2}; y = x; x |= {3}; x &= {2, 3}; x -= {2}; x ^= {9}; print(sorted(x), y is x)
x = {"a": 1}; y = x; x |= {"b": 2}; print(x, y is x)
x = frozenset({1}); y = x; x |= {2}; print(sorted(x), y is x, sorted(y))
x = True; x += True; print(x, type(x).__name__)
x = True; x &= False; print(x, type(x).__name__)
x = 0b1010; x >>= 1; x <<= 3; x ^= 0xFF; print(x, bin(x))
x = [1, 2]
try:
    x -= [1]
except TypeError as e:
    print(type(e).__name__, e)
x = "s"
try:
    x -= "s"
except TypeError as e:
    print(type(e).__name__, e)
x = None
try:
    x += 1
except TypeError as e:
    print(type(e).__name__, e)
