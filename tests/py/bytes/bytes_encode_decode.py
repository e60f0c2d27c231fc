# encoding and decoding with various codecs and error handlers
s = "Grüße, 世界! 😀"
for enc in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32-be", "latin-1", "ascii", "cp1252"]:
    try:
        e = s.encode(enc)
        print(enc, len(e), e[:12], e.decode(enc) == s)
    except UnicodeEncodeError as ex:
        print(enc, type(ex).__name__, ex.start, ex.end, ex.reason)
for errors in ["strict", "ignore", "replace", "xmlcharrefreplace", "backslashreplace", "namereplace"]:
    try:
        print(errors, s.encode("ascii", errors))
    except UnicodeEncodeError as ex:
        print(errors, type(ex).__name__, ex)
raw = b"ok \xff\xfe bad \xc3\xa9"
for errors in ["strict", "ignore", "replace", "backslashreplace", "surrogateescape"]:
    try:
        print(errors, ascii(raw.decode("utf-8", errors)))
    except UnicodeDecodeError as ex:
        print(errors, type(ex).__name__, ex)
print(b"\xc3".decode("utf-8", "replace"), b"\xe6\x97".decode("utf-8", "replace"), b"\xe6\x97\xa5".decode())
print("ascii".encode("ascii"), "UTF8".encode("UTF8"), "x".encode("Latin1"), "x".encode("utf_8"))
print(bytearray("é", "utf-8").decode(), memoryview("ñ".encode()).tobytes().decode())
try:
    b"\x80".decode("ascii")
except UnicodeDecodeError as ex:
    print(type(ex).__name__, ex, ex.start, ex.end, ex.object, ex.encoding)
