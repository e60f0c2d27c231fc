# Every str predicate on each Latin-1 character, alone and beside a letter
# (ASCII answers come without the Unicode tables; both must agree).
fs = [str.isprintable, str.isspace, str.isdecimal, str.isdigit, str.isnumeric, str.isalpha, str.isalnum, str.isupper, str.islower, str.istitle, str.isidentifier]
for c in range(0, 256):
    s = chr(c)
    print(c, [int(f(s)) for f in fs], [int(f(s + "a")) for f in fs], [int(f("A" + s)) for f in fs], s.upper() == s, s.title() == s)
