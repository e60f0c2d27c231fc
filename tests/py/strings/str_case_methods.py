# upper/lower/capitalize/title/swapcase/casefold
samples = ["hello world", "HELLO", "MiXeD cAsE", "", "123abc", "ß straße", "ǆemal", "they're bill's friends",
           "élan ÉCOLE", "hello-world_foo bar", "  lead", "ΣΊΣΥΦΟΣ", "i̇stanbul", "ﬁne", "aBc1dEf"]
for s in samples:
    print(repr(s), repr(s.upper()), repr(s.lower()), repr(s.capitalize()), repr(s.title()), repr(s.swapcase()), repr(s.casefold()))
for s in ["Hello", "hello", "HELLO", "Hello World", "hello World", "123", "", "A1", "a1", "Ǆ", "ǅungla", " ", "ABC def"]:
    print(repr(s), s.isupper(), s.islower(), s.istitle())
print("straße".upper() == "STRASSE", "STRASSE".casefold() == "straße".casefold())
print("ß".upper(), "ß".lower(), "ß".casefold(), len("ß".upper()))
print("ǈ".upper(), "ǈ".lower(), "ǈ".title(), "ǈ".swapcase())
