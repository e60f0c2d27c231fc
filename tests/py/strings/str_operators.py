# +, *, comparison, membership, iteration on str
a, b = "abc", "xyz"
print(a + b, a * 3, 3 * a, a * 0, a * -1, repr("" * 5), a * True, (a + b) * 2)
print(a == "abc", a != b, a < b, a <= "abc", a > "abd", "abc" >= "ab", "B" < "a", "a" < "aa")
print(a is not b, "a" in a, "ac" in a, "bc" in a, "" in a)
s = ""
for ch in "hello":
    s = ch + s
print(s)
print(list("abc"), [c * 2 for c in "xyz"], "".join(reversed("abc")), sorted("banana"), set("aab") == {"a", "b"})
x = "start"
x += "-more"
x *= 2
print(x)
for op, f in [("+ int", lambda: "a" + 1), ("int +", lambda: 1 + "a"), ("* str", lambda: "a" * "b"), ("* float", lambda: "a" * 1.5),
              ("- str", lambda: "a" - "b"), ("< int", lambda: "a" < 1), ("/ int", lambda: "a" / 2), ("% int-less", lambda: "a" % 1)]:
    try:
        print(op, f())
    except TypeError as e:
        print(op, type(e).__name__, e)
big = "ab" * 1000
print(len(big), big[:6], big[-5:], big.count("ab"))
print("abc".__add__("d"), "abc".__mul__(2), "abc".__rmul__(2), "abc".__contains__("b"), "abc".__len__(), "abc".__getitem__(1))
print("abc".__eq__(1), "abc".__lt__(1), "abc".__ne__("abd"))
print(max("apple", "banana", "cherry"), min(["zeta", "Alpha", "beta"]), min(["zeta", "Alpha", "beta"], key=str.lower))
