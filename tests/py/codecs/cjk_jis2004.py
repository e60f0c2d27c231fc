# The JIS X 0213 codecs: euc_jis_2004, shift_jis_2004 and their :2000
# variants, with combining sequences that are one code.
import codecs, io

encs = ["euc_jis_2004", "shift_jis_2004", "euc_jisx0213", "shift_jisx0213"]
texts = ["", "ascii", "日本語テキスト", "ｶﾀｶﾅ", "か\u309aき\u309a", "\u00e6\u0300\u00e6",
         "\u02e9\u02e5\u02e5\u02e9", "\U00020b9f\U0002a6b2", "\u4ff1\u9b1c", "ㇰㇱ\u2e8e",
         "\u0254\u0301\u028c\u0300\u0259\u0301\u025a\u0300", "～＼￠"]
for enc in encs:
    for t in texts:
        try:
            b = t.encode(enc)
            print(enc, repr(t), b, b.decode(enc) == t)
        except UnicodeEncodeError as e:
            print(enc, repr(t), "UnicodeEncodeError", e.start, e.end, e.reason)

for enc in encs:
    for bad in [b"\xff", b"\x81", b"\xa4", b"\x8f\xa1", b"\xae\xa1", b"\xfe\xfe", b"\x87\x9f",
                b"a\x80b", b"\xa4\xa2\xa4"]:
        try:
            print(enc, bad, repr(bad.decode(enc)))
        except UnicodeDecodeError as e:
            print(enc, bad, "UnicodeDecodeError", e.start, e.end, e.reason)
        print(enc, bad, repr(bad.decode(enc, "replace")))

# The incremental encoder holds a character that may combine with the next.
for enc in encs:
    ie = codecs.getincrementalencoder(enc)()
    print(enc, ie.encode("\u00e6"), ie.getstate(), ie.encode("\u0300"), ie.getstate())
    print(enc, ie.encode("か"), ie.encode("x"), ie.encode("か"), ie.encode("", True))
    st0 = ie.getstate()
    ie.encode("\u00e6")
    st = ie.getstate()
    print(ie.encode("\u0300"))
    ie.setstate(st)
    print(ie.encode("a"))
    ie.setstate(st0)
    print(ie.encode("\u0300"), ie.getstate())

# Incremental decoding, byte by byte, and the stream objects.
text = "漢字かな\u304b\u309aカナ亜ｱ"
for enc in encs:
    data = text.encode(enc)
    dec = codecs.getincrementaldecoder(enc)()
    parts = [dec.decode(data[i:i + 1]) for i in range(len(data))]
    parts.append(dec.decode(b"", True))
    print(enc, len(data), "".join(parts) == text)
    buf = io.BytesIO()
    w = codecs.getwriter(enc)(buf)
    w.write("か")
    w.write("\u309a")
    w.write("き")
    w.reset()
    print(enc, buf.getvalue(), codecs.getreader(enc)(io.BytesIO(buf.getvalue())).read())

for bad in [(b"\x09" + bytes(16)), b"\x01\xff"]:
    try:
        codecs.getincrementalencoder("euc_jis_2004")().setstate(int.from_bytes(bad, "little"))
    except UnicodeError as e:
        print(type(e).__name__, e)
