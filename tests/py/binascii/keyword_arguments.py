# Keyword arguments of binascii's functions: bound by name, mixed with
# positions, and every misuse raising CPython's error; inputs given as
# bytes, str, bytearray and memoryview read the same.
import binascii

data = bytes(range(40))
enc = binascii.b2a_base64(data, newline=False)
print(enc)
print(binascii.b2a_base64(data, newline=True)[-3:])
print(binascii.b2a_base64(data, newline=0) == enc)
print(binascii.b2a_base64(data, newline=7)[-1:])

class Flag:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        print("__index__ called")
        return self.v

print(binascii.b2a_base64(b"ab", newline=Flag(0)))
print(binascii.b2a_base64(b"ab", newline=Flag(1)))

for src in (enc, enc.decode("ascii"), bytearray(enc), memoryview(enc)):
    print(type(src).__name__, binascii.a2b_base64(src, strict_mode=False) == data,
          binascii.a2b_base64(src, strict_mode=True) == data)

def attempt(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", r)

attempt("unknown keyword", binascii.b2a_base64, b"ab", newlines=False)
attempt("positional by name", binascii.b2a_base64, data=b"ab")
attempt("flag twice", binascii.b2a_base64, b"ab", False, newline=False)
attempt("too many positional", binascii.b2a_base64, b"ab", False)
attempt("missing data", binascii.b2a_base64, newline=False)
attempt("flag as str", binascii.b2a_base64, b"ab", newline="no")
attempt("flag too big", binascii.b2a_base64, b"ab", newline=2**40)
attempt("flag float", binascii.b2a_base64, b"ab", newline=0.0)
attempt("data as str", binascii.b2a_base64, "ab", newline=False)
attempt("non-ASCII str", binascii.a2b_base64, "YWJj\u00e9", strict_mode=False)
attempt("strict padding", binascii.a2b_base64, b"=YWJj", strict_mode=True)
attempt("lax padding", binascii.a2b_base64, b"=YWJj", strict_mode=False)
attempt("strict keyword unknown", binascii.a2b_base64, b"YWJj", strict=True)
attempt("hexlify sep", binascii.hexlify, b"\x01\x02\x03", sep=":", bytes_per_sep=2)
attempt("hexlify sep only", binascii.hexlify, b"\x01\x02\x03", sep="-")
attempt("hexlify bad sep", binascii.hexlify, b"\x01\x02", sep="::")
attempt("crc32 keyword", binascii.crc32, b"abc", crc=5)

# A subclass of str and of bytes as data.
class S(str):
    pass
class B(bytes):
    pass
print(binascii.a2b_base64(S("YWJj"), strict_mode=False))
print(binascii.a2b_base64(B(b"YWJj")))
print(binascii.b2a_base64(B(b"abc"), newline=False))
