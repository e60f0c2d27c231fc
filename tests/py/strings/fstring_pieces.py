# f-strings and + join their pieces into one new str: lengths, non-ASCII
# text, empty pieces and many pieces must all come out right.
a, b, e = "ab", "é€", ""
x = f"{a}{b}{e}{a}"
print(x, len(x), x.isascii(), x.upper(), x[3], x[-1])
y = f"<{e}>{e}{e}"
print(repr(y), len(y), y.isascii())
many = f"{0}{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}{11}{12}{13}{14}{15}{16}{17}{18}{19}"
print(many, len(many))
many_text = f"{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}-{b}"
print(many_text, len(many_text), many_text.count("€"), many_text.isascii())
emoji = "😀"
z = f"[{emoji}]{a}"
print(z, len(z), z.find("a"), z[1] == emoji)
print(f"{'x' * 40}{b * 3}"[38:], len(f"{'x' * 40}{b * 3}"))
# concatenation
s = "n" + a
print(s, len(s), s.isascii(), (e + a) is a, (a + e) is a)
t = b + a + b
print(t, len(t), t.isascii(), t.index("a"), t.encode("utf-8"))
parts = []
for i in range(5):
    parts.append(f"{i}:{b if i % 2 else a}")
print(" ".join(parts), [len(p) for p in parts])
print(f"{3.5}{True}{None}{[1, 'é']}", f"{a!r}{b!a}{10:>4}{'z':*^5}")
d = {}
for i in range(3):
    d[f"key{i}"] = i
print(d["key1"], d.get("key" + str(2)), "key0" in d)
