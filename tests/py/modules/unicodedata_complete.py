# unicodedata: properties, numeric values, names/aliases/named sequences,
# normalization forms, the ucd_3_2_0 database, and argument errors.
import unicodedata as u

def attempt(label, f, *args):
    try:
        print(label, ascii(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)

print(u.unidata_version, u.ucd_3_2_0.unidata_version, type(u.ucd_3_2_0).__name__)
for ch in "A\u00e9\u0301\u0663\u00bd\u2167\u3000\uff21(\u05d0\U0001f600\ud800\U000e0001\u0378\uac00":
    print(ascii(ch), u.category(ch), u.bidirectional(ch), u.combining(ch), u.east_asian_width(ch),
          u.mirrored(ch), ascii(u.decomposition(ch)), u.decimal(ch, None), u.digit(ch, None),
          u.numeric(ch, None), u.name(ch, "-"))
attempt("decimal", u.decimal, "x")
attempt("digit", u.digit, "\u00bd")
attempt("numeric", u.numeric, "x")
attempt("name", u.name, "\x00")
attempt("category two chars", u.category, "ab")
attempt("category int", u.category, 65)
attempt("name None", u.name, None)

for name in ["LATIN SMALL LETTER A", "latin small letter a", "BYTE ORDER MARK", "LINE FEED",
             "LATIN SMALL LETTER R WITH TILDE", "HANGUL SYLLABLE GAG", "hangul syllable gag",
             "CJK UNIFIED IDEOGRAPH-4E2D", "CJK UNIFIED IDEOGRAPH-4e2d", "NO SUCH THING", b"SNOWMAN"]:
    attempt("lookup %r" % (name,), u.lookup, name)
attempt("lookup long", u.lookup, "A" * 300)
attempt("lookup int", u.lookup, 5)

samples = ["\u00e9", "e\u0301", "\ufb01", "\u2460", "a\u0301\u0316", "\u1100\u1161\u11a8",
           "\uac01", "\u1e9b\u0323", "\u0041\u030a", "\u212b", "\u00c5\u0300", "x\u0327\u0301"]
for form in ("NFC", "NFD", "NFKC", "NFKD"):
    print(form, [ascii(u.normalize(form, s)) for s in samples])
    print(form, [u.is_normalized(form, s) for s in samples])
attempt("bad form", u.normalize, "NFX", "a")
attempt("form not str", u.normalize, 1, "a")
attempt("text not str", u.is_normalized, "NFC", b"a")
s = "plain ascii"
print(u.normalize("NFKC", s) is s, u.is_normalized("NFD", ""))

old = u.ucd_3_2_0
for ch in "\u0221\u0041\u20ac\u0f3a\u00bd":
    print(ascii(ch), old.category(ch), old.mirrored(ch), ascii(old.decomposition(ch)),
          old.numeric(ch, None), old.name(ch, "-"), old.east_asian_width(ch))
attempt("old lookup alias", old.lookup, "BYTE ORDER MARK")
attempt("old lookup new char", old.lookup, "LATIN SMALL LETTER D WITH CURL")
print(ascii(old.normalize("NFC", "e\u0301")), ascii(old.normalize("NFKD", "\u2460")))
attempt("UCD()", u.UCD)
