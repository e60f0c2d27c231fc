# `in`, find and index of substrings around the short-haystack cut-over:
# needles of one byte, of several, at the very end, overlapping, absent,
# non-ASCII (multi-byte characters), and empty.
for n in (1, 2, 5, 62, 63, 64, 65, 66, 200):
    hay = "ab" * (n // 2) + "x" * (n % 2) + "END"
    print(n, "END" in hay, "ND" in hay, "D" in hay, "abE" in hay, "bab" in hay,
          hay.find("END"), hay.find("ba", 3), hay.rfind("ab"), "" in hay,
          hay.find("", len(hay)), hay.count("ab"))
word = "héllo wörld " * 7
for sub in ("ö", "wörld", "llo w", "ö" * 2, "héllo wörld " * 2, "z", "lo wö"):
    print(repr(sub), sub in word, word.find(sub), word.rfind(sub), word.count(sub))
print("ab" in "a", "aa" in "aaa", "aaa".find("aa", 1), "a" * 70 + "b" in "a" * 71 + "b")
try:
    "xyz".index("q")
except ValueError as e:
    print("ValueError", e)
try:
    1 in "abc"
except TypeError as e:
    print("TypeError", e)
