# 'in' on sets, frozensets, dicts and strs with str and int keys (one whose
# __eq__ runs Python code among them), str comparisons across code point
# ranges, and indexing of ASCII and non-ASCII strs.
S = frozenset("abc\u00e9\u20ac")
D = {"x": 1, 5: 2, "é": 3}
for ch in ["a", "z", "é", "€", "\U0001F600", "", "ab"]:
    print(repr(ch), ch in S, ch not in S, ch in D, ch in {"a", "b"}, ch in "abcé")
for n in [5, 6, -1, 2**70]:
    print(n in D, n in {5, -1}, n in frozenset(range(10)))
class K(str):
    pass
print(K("a") in S, 1.0 in {1}, True in {1}, (1, 2) in {(1, 2)})
import sys
words = ["b", "a", "é", "€", "\ud800", "\U0001F600", "ab", "", "B"]
for a in words:
    print([(a < b, a <= b, a == b, a != b, a > b, a >= b) for b in words].count((True, True, False, True, False, False)), end=" ")
print()
print(sorted(words) == sorted(words, key=lambda s: [ord(c) for c in s]))
s = "héllo€" * 30
print([s[i] for i in (0, 1, -1, -2, 5, 100, -179)])
try:
    s[180]
except IndexError as e:
    print("IndexError", e)
try:
    "abc"[-4]
except IndexError as e:
    print("IndexError", e)
print("abc"[-1], "abc"[True], K("xyz")[1])
class H:
    def __hash__(self): return hash("a")
    def __eq__(self, o): print("eq called"); return o == "a"
S2 = {H()}
print("a" in S2)
