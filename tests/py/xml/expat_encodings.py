# pyexpat encodings: expat's own, single-byte codecs through the unknown-encoding handler, errors.
from xml.parsers import expat
def t(enc, data):
    p = expat.ParserCreate(enc)
    out = []
    p.CharacterDataHandler = out.append
    try:
        p.Parse(data, True)
        print(enc, out)
    except Exception as e:
        print(enc, type(e).__name__, e)
t("bogus-enc", b"<a>x</a>")
t("koi8-r", "<a>привет</a>".encode("koi8-r"))
t("cp1252", "<a>\u20ac</a>".encode("cp1252"))
t("utf-16", "<a>hi</a>".encode("utf-16"))
t("shift_jis", "<a>x</a>".encode("shift_jis"))
t(None, b"<?xml version='1.0' encoding='latin-1'?><a>\xe9</a>")
t(None, b"<?xml version='1.0' encoding='iso-8859-2'?><a>\xb1</a>")
t(None, b"<?xml version='1.0' encoding='no-such'?><a>x</a>")
p = expat.ParserCreate()
print(p.Parse("<a>\u00e9\U0001F600</a>", True))
