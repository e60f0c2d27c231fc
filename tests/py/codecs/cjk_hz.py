# HZ-GB-2312 (RFC 1843): GB 2312 inside ~{ ... ~}, ~~ for ~, ~ newline as a
# line continuation; the shift state carries across incremental calls.
import codecs, io

samples = ["", "plain ascii", "tilde ~ here ~~", "中文", "a中b文c", "中\n文",
           "混合 text 和 ~ 符号", "《标点》，。"]
for s in samples:
    b = s.encode("hz")
    print(repr(s), b, b.decode("hz") == s)

print(repr(b"ab~\ncd".decode("hz")))
print(repr(b"~{<:Ky~}x".decode("hz")))
print(repr(b"~{~}~{~}".decode("hz")))

for bad in [b"~", b"~{", b"~{<", b"~x", b"\x80", b"~{\x80\x80~}", b"~}", b"~{~~",
            b"~{<:\n~}", b"ok~{<:~}\xffz"]:
    for errors in ["strict", "replace", "ignore", "backslashreplace"]:
        try:
            print(bad, errors, repr(bad.decode("hz", errors)))
        except UnicodeDecodeError as e:
            print(bad, errors, "UnicodeDecodeError", e.start, e.end, e.reason)

for s in ["é", "a中é文", "\U00020000x", "中\udc80"]:
    for errors in ["strict", "replace", "ignore", "xmlcharrefreplace", "backslashreplace"]:
        try:
            print(repr(s), errors, s.encode("hz", errors))
        except UnicodeEncodeError as e:
            print(repr(s), errors, "UnicodeEncodeError", e.start, e.end, e.reason)

# Incremental encoder: the ~{ state lasts until ASCII or the final call.
enc = codecs.getincrementalencoder("hz")()
print(enc.encode("中"), enc.getstate())
print(enc.encode("文"), enc.encode("x"), enc.encode("中"))
print(enc.encode("", final=True), enc.getstate())
enc.encode("中")
enc.reset()
print(enc.getstate(), enc.encode("a"))

# Incremental decoder, fed one byte at a time.
data = "前 ~ 后\n中文abc".encode("hz")
dec = codecs.getincrementaldecoder("hz")()
out = []
for i in range(len(data)):
    out.append(dec.decode(data[i:i + 1]))
    if i in (0, 2, 3):
        print(dec.getstate())
out.append(dec.decode(b"", final=True))
print(out, "".join(out) == "前 ~ 后\n中文abc")
dec = codecs.getincrementaldecoder("hz")()
print(repr(dec.decode(b"~{<")), dec.getstate())
try:
    dec.decode(b"", final=True)
except UnicodeDecodeError as e:
    print("final:", e.start, e.end, e.reason)
dec.reset()
print(dec.getstate())

# Stream reader and writer.
buf = io.BytesIO()
w = codecs.getwriter("hz")(buf)
w.write("中文")
w.write("abc~")
w.writelines(["一", "二"])
w.reset()
print(buf.getvalue())
r = codecs.getreader("hz")(io.BytesIO("第一行\n第二行 two\n".encode("hz")))
print(r.readline(), r.read())
print(codecs.lookup("hz").name, codecs.lookup("HZ-GB-2312").name)
