# string immutability and method return values
s = "hello"
t = s
s += " world"
print(s, t, s is t)
u = s.upper()
print(s, u)
chars = list(s)
chars[0] = "J"
print("".join(chars), s)
try:
    s[0] = "J"
except TypeError as e:
    print(type(e).__name__, e)
try:
    del s[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    s.new_attribute = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    "abc".nosuchmethod()
except AttributeError as e:
    print(type(e).__name__, e)
print(s.replace("l", "L"), s)
print(s.strip() == s, s[:] == s, type(s[:]).__name__)
parts = []
for i in range(5):
    parts.append(str(i) * i)
print(parts, "".join(parts), len("".join(parts)))
print(hash("abc") == hash("ab" + "c"), "abc" == "".join(["a", "b", "c"]))
