# The fixed-byte-order UTF-16/UTF-32 functions of _codecs, stream decoding included.
import codecs
import _codecs

text = "a\u00e9\u20ac\U0001f600z"
for name in ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]:
    enc = getattr(_codecs, name + "_encode")
    dec = getattr(_codecs, name + "_decode")
    data, n = enc(text)
    print(name, data.hex(), n)
    print(dec(data), dec(data, None, True))
    for cut in range(len(data) + 1):
        part, used = dec(data[:cut], "strict", False)
        rest, used2 = dec(data[used:], "strict", True)
        if part + rest != text:
            print("mismatch at", cut, repr(part), used, repr(rest))
    print(name, "stream ok")
    d = codecs.getincrementaldecoder(name)()
    print(repr("".join(d.decode(data[i:i + 1]) for i in range(len(data))) + d.decode(b"", True)))
    for bad in [data[:-1], data + b"\x00"]:
        for errors in ["strict", "replace", "ignore"]:
            try:
                print(errors, dec(bad, errors, True))
            except UnicodeDecodeError as e:
                print(errors, type(e).__name__, e)
print(_codecs.utf_16_le_decode(b"\x00\xd8", "replace", True), _codecs.utf_16_le_decode(b"\x00\xd8", "strict", False))
try:
    _codecs.utf_16_le_encode("\ud800")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
print(_codecs.utf_16_le_encode("\ud800", "surrogatepass"))

# utf_16/utf_32 with a BOM, and the byteorder argument.
for bits in (16, 32):
    enc = getattr(_codecs, "utf_%d_encode" % bits)
    dec = getattr(_codecs, "utf_%d_decode" % bits)
    for order in (0, -1, 1):
        data, n = enc("h\u00e9\U0001f600", None, order)
        print(bits, order, data.hex(), n)
    data = enc("h\u00e9\U0001f600")[0]
    print(dec(data), dec(data[:5], "strict", False), dec(data, "strict", True))
    be = codecs.BOM_UTF16_BE if bits == 16 else codecs.BOM_UTF32_BE
    data = be + enc("h\U0001f600", None, 1)[0]
    print(dec(data), dec(data[:-1], "strict", False))
    print(("x\u20ac").encode("utf-%d" % bits).decode("utf-%d" % bits))
