# cp1252 (a charmap codec), encoding-name normalisation, the namereplace
# handler and how handler failures are reported per codec
text = "caf\u00e9 \u20ac5 \u201cquoted\u201d \u2026 \u4e16\x81 \U0001f600"
for h in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace",
          "namereplace", "surrogateescape", "surrogatepass"]:
    try:
        print(h, text.encode("cp1252", h))
    except UnicodeEncodeError as ex:
        print(h, ex.encoding, ex.start, ex.end, ex.reason, "|", ex)

# every byte 0x80..0xff (five of them are undefined in cp1252)
high = bytes(range(0x80, 0x100))
print(ascii(high.decode("cp1252", "replace")))
print(ascii(high.decode("cp1252", "ignore"))[:40])
print(ascii(high[:32].decode("cp1252", "backslashreplace")))
print(ascii(high[:32].decode("cp1252", "surrogateescape")))
roundtrip = high.decode("cp1252", "surrogateescape").encode("cp1252", "surrogateescape")
print(roundtrip == high)
for bad in [b"ok\x81", b"\x8d\x8f", b"\x90x\x9d"]:
    try:
        bad.decode("cp1252")
    except UnicodeDecodeError as ex:
        print(ex.encoding, ex.start, ex.end, ex.object, "|", ex)

# surrogates made by surrogateescape go back only as a whole run
for s in ["a\udc81\udcffb", "a\udc81\u4e16b", "\u4e16\udc81"]:
    try:
        print(ascii(s), s.encode("cp1252", "surrogateescape"))
    except UnicodeEncodeError as ex:
        print(ascii(s), ex.start, ex.end, ex)

# names are normalised like codecs.lookup does it
for name in ["CP1252", "Windows-1252", "windows--1252", " windows 1252 ", "1252",
             "cp-1252", "cp_1252", "WINDOWS_1252", "Latin 1", "L1", "iso8859",
             "iso_8859_1:1987", "utf.8", "UTF--8", "u8", "utf16le", "utf-16le",
             "ANSI_X3.4-1968", "us.ascii", "x-unknown"]:
    try:
        print(repr(name), "\u20acx".encode(name, "replace"), b"\x80x".decode(name, "replace"))
    except LookupError as ex:
        print(repr(name), type(ex).__name__, ex)

# namereplace: named characters get \N{...}, others a backslash escape
sample = "\x00\x7f\x80\xa0\xff\u0378\ue000\u2022\uac00\u9fa5\U000e0001\U0010ffff\ud800"
for enc in ["ascii", "latin-1", "cp1252", "utf-8", "utf-16-be"]:
    try:
        print(enc, sample.encode(enc, "namereplace"))
    except UnicodeEncodeError as ex:
        print(enc, type(ex).__name__, ex)

# handler failures: fast-path codecs raise them as they are, registry codecs
# wrap them in "... with 'NAME' codec failed (...)" with the original as __cause__
for enc in ["utf-8", "ascii", "latin-1", "utf-16", "utf-16-le", "cp1252", "Windows-1252", "U8"]:
    for h in ["xmlcharrefreplace", "namereplace", "no-such-handler"]:
        try:
            print(enc, h, ascii(b"A\x81\x00\xdc\x00\x00".decode(enc, h)))
        except (TypeError, LookupError) as ex:
            print(enc, h, type(ex).__name__, ex, "| cause:", repr(ex.__cause__), ex.__suppress_context__)
    try:
        print(enc, "\udcff".encode(enc, "no-such-handler"))
    except LookupError as ex:
        print(enc, "encode", ex)
print("fine".encode("cp1252", "no-such-handler"), b"fine".decode("cp1252", "no-such-handler"))
