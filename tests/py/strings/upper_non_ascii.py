# str.upper on non-ASCII text: two-byte characters (Latin-1, Greek, Cyrillic,
# ...) mapped one to one, those whose upper case is longer ('ß', 'ŉ') or
# leaves two bytes ('ÿ' -> 'Ÿ' stays two, 'ı' -> 'I' becomes ASCII), three-
# and four-byte characters, lone surrogates, and the result's length and
# ASCII-ness; then every code point, block by block, as a digest.
import hashlib

samples = [
    "grüße, Ελλάδα, Москва, Երևան",
    "ß", "ŉ", "ǅǆ", "ÿ", "µ", "ı", "ſ", "ǰ", "ΐ", "ﬀ", "ﬃ", "ᾳ",
    "a\u0301", "i\u0307", "\ud800é\udfff", "中文", "😀é",
    "é" * 40 + "x" + "é" * 3,
    "ıııı",
]
for s in samples:
    u = s.upper()
    print(ascii(s), ascii(u), len(u), u.isascii(), u == s.upper())

h = hashlib.sha256()
for start in range(0, 0x110000, 0x800):
    block = "".join(chr(c) for c in range(start, start + 0x800))
    u = block.upper()
    h.update(u.encode("utf-8", "surrogatepass"))
    h.update(b"%d %d" % (len(u), u.isascii()))
print(h.hexdigest())
big = ("é" * 100 + "x") * 1200
print(len(big.upper()), big.upper()[:3], big.upper()[-3:], big.upper().count("É"))
