# unicodedata.name / lookup / decimal and \N{...} escapes in string literals
import unicodedata

print(unicodedata.unidata_version)
for ch in "aZ \u00e9\u2022\u20ac\u03a9\u4e16\u9fa5\uac00\ud7a3\U0001f600\U00020000\ufeff\u200b":
    print(hex(ord(ch)), unicodedata.name(ch))
# no name: controls, unassigned, private use, surrogates, newer than Unicode 14
for ch in ["\x00", "\n", "\x85", "\u0378", "\ue000", "\ud800", "\U0001fae8", "\U00031350"]:
    print(hex(ord(ch)), unicodedata.name(ch, None), unicodedata.name(ch, "-"))
    try:
        unicodedata.name(ch)
    except ValueError as ex:
        print("  ValueError", ex)

names = ["BULLET", "bullet", "Latin Small Letter Sharp S", "EURO SIGN", "NULL", "LINE FEED",
         "lf", "BYTE ORDER MARK", "ZWSP", "CJK UNIFIED IDEOGRAPH-4E16", "HANGUL SYLLABLE GAG",
         "GRINNING FACE", "SHAKING FACE", "NO SUCH THING", "", "LATIN SMALL LETTER A "]
for n in names:
    try:
        c = unicodedata.lookup(n)
        print(repr(n), ascii(c), unicodedata.name(c, "<unnamed>"))
    except KeyError as ex:
        print(repr(n), "KeyError", ex)
print(ascii(unicodedata.lookup(b"SNOWMAN")))
try:
    unicodedata.lookup("A" * 300)
except KeyError as ex:
    print("KeyError", ex)

# every named character in a block round-trips through its name
ok = all(unicodedata.lookup(unicodedata.name(chr(c))) == chr(c) for c in range(0x2190, 0x2200))
print("arrows round-trip", ok)
print(sum(1 for c in range(0x0370, 0x0400) if unicodedata.name(chr(c), None)))

print(unicodedata.decimal("7"), unicodedata.decimal("\u0663"), unicodedata.decimal("x", None))
try:
    unicodedata.decimal("\u00bd")
except ValueError as ex:
    print("ValueError", ex)

for args in [("ab",), (5,), ("",), (), ("a", 1, 2)]:
    try:
        unicodedata.name(*args)
    except TypeError as ex:
        print("TypeError", ex)
for args in [(5,), (), ("a", "b")]:
    try:
        unicodedata.lookup(*args)
    except TypeError as ex:
        print("TypeError", ex)

# \N{...} in literals, including aliases and lowercase names
s = "\N{BULLET} \N{euro sign} \N{LATIN CAPITAL LETTER A WITH RING ABOVE} \N{CJK UNIFIED IDEOGRAPH-754C}"
print(s, ascii(s), len(s))
print(ascii("\N{NULL}\N{NBSP}\N{ZERO WIDTH SPACE}"), ascii(f"<\N{EM DASH}{1 + 1}\N{EM DASH}>"))
print(r"\N{BULLET}", len(r"\N{BULLET}"), b"\N{BULLET}")
for src in ['"\\N{NO SUCH NAME}"', '"\\N{BULLET"', '"\\N"', '"ab\\N{}"', '"\\Nx"',
            '"\u00e9\\N{X}y"', "'''\\N{X'''", 'f"a{1}\\N{ZZZ}"', 'b"\\N{BULLET}"']:
    try:
        print(ascii(eval(src)))
    except SyntaxError as ex:
        print("SyntaxError", ex.msg)
