# Regular expressions on long non-ASCII strs, at positions far from the start:
# match/search/fullmatch with pos and endpos, lookbehind reaching before pos,
# word boundaries, and the whole-string operations.
import re

unit = "ab=\"żółw\" # ☃ x1\n"
text = unit * 3000 + "tail ε end"
n = len(text)
word = re.compile(r"\w+")
key = re.compile(r'(?<=\n)([a-z]+)="([^"]*)"')
behind = re.compile(r"(?<=☃ )x\d")
bound = re.compile(r"\bw")

positions = [0, 1, 17, 18 * 100 + 4, 18 * 1500, 18 * 2999 + 3, n - 10, n - 3, n, n + 5]
for p in positions:
    m = word.match(text, p)
    print(p, m and (m.span(), m.group()), bool(key.match(text, p)))
for p in range(18 * 1000, 18 * 1000 + 18):
    m = key.match(text, p)
    if m:
        print("key at", p, m.groups(), m.span(1), m.span(2))
    b = behind.match(text, p)
    if b:
        print("behind at", p, b.group(), b.start())
print(bound.search(text, 18 * 2000 + 3).span())
print(word.search(text, 18 * 2500 + 8, 18 * 2500 + 12))
print(word.fullmatch(text, 18 * 1200, 18 * 1200 + 2))
print(word.fullmatch(text, 18 * 1200 + 4, 18 * 1200 + 8))
print(re.compile(r"ε").search(text).span(), re.compile(r"ε").search(text, n - 3))
print(len(word.findall(text)), word.findall(text, 18 * 2999)[:6])
print(len(re.split(r"☃", text)), re.split(r"#", text)[-1])
print(re.sub(r"żółw", "t", text)[-40:])
print(re.subn(r"\d", "#", text)[1])
print([m.span() for m in word.finditer(text, 18 * 2998)][:5])
sc = key.scanner(text, 18 * 2990)
print(sc.match(), sc.search().span(), sc.search().group(2))
# Surrogates and astral characters.
s2 = ("\U0001F600a\udc80" * 200) + "zz"
print(re.compile(r"z+").search(s2, 500).span(), re.compile(r"a.").match(s2, 301).group() == "a\udc80")
print(re.compile(r"(?<=\U0001F600)a").match(s2, 1).span())
