# The error-handler protocol of the CJK codecs (_multibytecodec).
import codecs, sys

def record(name, result):
    def handler(exc):
        print("  handler:", type(exc).__name__, exc.start, exc.end, exc.reason)
        return result(exc) if callable(result) else result
    codecs.register_error(name, handler)

record("test.str", lambda e: ("<%d>" % e.start, e.end))
record("test.bytes", lambda e: (b"[B]", e.end))
record("test.back", lambda e: ("", -1))
record("test.far", ("", sys.maxsize + 1))
record("test.past", ("x", 1000))
record("test.neg", ("", -1000))
record("test.notuple", "nope")
record("test.triple", ("a", 1, 2))
record("test.strpos", ("a", "1"))
record("test.unencodable", ("\u00e9", 1))
record("test.cjkrep", lambda e: ("中", e.end))

for enc in ["hz", "euc_jis_2004", "shift_jis_2004", "gb2312", "euc_kr", "johab"]:
    encode = codecs.getencoder(enc)
    decode = codecs.getdecoder(enc)
    for h in ["test.str", "test.bytes", "test.back", "test.far", "test.past", "test.neg",
              "test.notuple", "test.triple", "test.strpos", "test.unencodable",
              "test.cjkrep"]:
        try:
            print(enc, h, encode("ab\u00e9cd", h))
        except Exception as e:
            print(enc, h, type(e).__name__, e)
    for h in ["test.str", "test.bytes", "test.back", "test.far", "test.neg", "test.notuple"]:
        try:
            print(enc, h, decode(b"ab\xffc", h))
        except Exception as e:
            print(enc, h, type(e).__name__, e)

# The replacement str is encoded with the codec, in its current state.
codecs.register_error("test.gb", lambda e: ("文", e.end))
print(codecs.getencoder("hz")("中\u00e9中a\u00e9", "test.gb"))
ie = codecs.getincrementalencoder("hz")("test.gb")
print(ie.encode("中\u00e9"), ie.encode("\u00e9a"), ie.encode("", True))

# Incremental decoder state round trip.
d = codecs.getincrementaldecoder("euc_jis_2004")()
d.setstate((b"\xa4", 123456789))
print(d.getstate(), d.decode(b"\xa2"))
for st in [(b"", -1), (b"", 2 ** 64), (b"123456789", 0), ("s", 0), [b"", 0]]:
    try:
        d.setstate(st)
        print(st, d.getstate())
    except Exception as e:
        print(st, type(e).__name__, e)

# johab round trips.
for t in ["한국어", "abc", "ㄱㄴㄷ", "漢字"]:
    b = t.encode("johab")
    print(repr(t), b, b.decode("johab") == t)

class NoCodec(codecs.MultibyteIncrementalEncoder if hasattr(codecs, "MultibyteIncrementalEncoder") else object):
    pass
import _multibytecodec
class Bad(_multibytecodec.MultibyteIncrementalEncoder):
    codec = 42
class Missing(_multibytecodec.MultibyteIncrementalDecoder):
    pass
for cls in [Bad, Missing]:
    try:
        cls()
    except Exception as e:
        print(cls.__name__, type(e).__name__, e)

# A decoding call that raises keeps the bytes pending before it.
for enc in ["cp949", "johab", "euc_jis_2004", "hz"]:
    d = codecs.getincrementaldecoder(enc)()
    data = {"cp949": "가나", "johab": "가나", "euc_jis_2004": "あい", "hz": "中文"}[enc].encode(enc)
    print(enc, repr(d.decode(data[:-1])), d.getstate())
    try:
        d.decode(b"", True)
    except UnicodeDecodeError as e:
        print(" final:", e.start, e.end, e.reason)
    print(enc, d.getstate(), repr(d.decode(data[-1:])))
