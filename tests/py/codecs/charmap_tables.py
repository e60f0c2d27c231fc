# Table codecs (encodings/cp*.py, mac_roman...) through _codecs.charmap_*.
import codecs
import _codecs

for enc in ["cp437", "cp1252", "mac_roman", "cp850", "iso8859_15", "koi8_r", "cp1251"]:
    text = "".join(chr(c) for c in range(0x20, 0x7f)) + "\u00e9\u00fc"
    try:
        data = text.encode(enc)
        print(enc, data[-4:].hex(), data.decode(enc) == text)
    except UnicodeEncodeError as e:
        print(enc, type(e).__name__, e)
    raw = bytes(range(256))
    for errors in ["strict", "replace", "ignore", "backslashreplace"]:
        try:
            s = raw.decode(enc, errors)
            print(" ", errors, len(s), ascii(s[120:140]))
        except UnicodeDecodeError as e:
            print(" ", errors, type(e).__name__, e)
    for errors in ["strict", "replace", "ignore", "backslashreplace", "xmlcharrefreplace"]:
        try:
            print(" ", errors, "\u4e16x\u00e9\u2603".encode(enc, errors))
        except UnicodeEncodeError as e:
            print(" ", errors, type(e).__name__, e, e.start, e.end)
    dec = codecs.getincrementaldecoder(enc)("replace")
    print(" ", ascii("".join(dec.decode(bytes([b])) for b in b"\x80\x81abc\xe9")))

table = "ab\ufffec"
print(_codecs.charmap_decode(b"\x00\x01\x03", "strict", table))
print(_codecs.charmap_decode(b"\x00\x02\x05", "replace", table))
print(_codecs.charmap_decode(b"\x00\x01", "strict", {0: "xy", 1: 0x263a}))
print(_codecs.charmap_decode(b"\xe9", None, None))
for m in [{0: 0x110000}, {0: 1.5}]:
    try:
        _codecs.charmap_decode(b"\x00", "strict", m)
    except TypeError as e:
        print(type(e).__name__, e)
print(_codecs.charmap_encode("abc", "strict", {97: 1, 98: b"BB", 99: 3}))
for m in [{97: 256}, {97: "x"}]:
    try:
        _codecs.charmap_encode("a", "strict", m)
    except TypeError as e:
        print(type(e).__name__, e)
print(_codecs.charmap_encode("a?b", "replace", {97: 1, 63: 2}))
try:
    _codecs.charmap_encode("ab", "replace", {97: 1})
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
