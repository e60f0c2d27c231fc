# Lone surrogates are code points of category Cs: never printable, and not
# cased (so they neither make nor break isupper/islower/istitle).
samples = ["\ud800", "a\ud800", "\udfff", "A\udc00B", "a\ud800b\udfff",
           "A\ud800B\udfffA", "Ab\ud800", "\ud800A", "x\udcffy", "ok",
           "caf\u00e9", "\u0378", "\U0001f46f", "\U000e0020", "tab\t"]
for s in samples:
    print(ascii(s), s.isprintable(), s.isupper(), s.islower(), s.istitle())

# The answers agree with the predicates of the characters taken one by one.
for s in ["\ud800", "a\udc00b", "\udbff!"]:
    print(ascii(s), s.isprintable(), all(c.isprintable() for c in s))

# A str subclass answers the same.
class S(str):
    pass

print(S("Hi\ud800").istitle(), S("\ud800").isprintable(), S("hi").isprintable())
try:
    "abc".isprintable(1)
except TypeError as e:
    print("TypeError", e)
