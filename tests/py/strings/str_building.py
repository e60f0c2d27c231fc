# building strings in loops and via join
rows = []
for i in range(1, 6):
    rows.append(" ".join(f"{i * j:3d}" for j in range(1, 6)))
print("\n".join(rows))
s = ""
for i in range(10):
    s += str(i)
    if i % 3 == 2:
        s += "|"
print(s)
acc = []
for word in "the rain in spain falls mainly".split():
    acc.append(word[0].upper() + word[1:])
print(" ".join(acc), "".join(w[0] for w in acc))
def box(text):
    width = len(text) + 2
    return "+" + "-" * width + "+\n| " + text + " |\n+" + "-" * width + "+"
print(box("hello"))
print(box(""))
def caesar(text, k):
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + k) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + k) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3), caesar("xyz", 30))
def rle(s):
    if not s:
        return ""
    out, prev, n = [], s[0], 0
    for c in s:
        if c == prev:
            n += 1
        else:
            out.append(f"{n}{prev}")
            prev, n = c, 1
    out.append(f"{n}{prev}")
    return "".join(out)
print(rle("aaabccddddde"), rle(""), rle("x"), rle("abab"))
print("-" * 20)
print("=".join(["k", "v"]).center(20, "."))
