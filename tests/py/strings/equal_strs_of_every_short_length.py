# Equality of distinct str objects with the same or nearly the same
# characters, at every length around the word sizes (0 to 40 bytes, ASCII
# and multi-byte), through ==, !=, dict and set lookups and `in`.

def fresh(s):
    # A new object with the same characters (not the literal itself).
    return "".join(list(s))


alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
results = []
for n in range(41):
    for base in (alphabet[:n], ("é" * n)[:n], ("a€" * n)[:n]):
        a, b = base, fresh(base)
        row = [a == b, a != b]
        # Differ at the first, the middle and the last character.
        for i in {0, n // 2, n - 1} if n else ():
            c = b[:i] + ("#" if b[i] != "#" else "$") + b[i + 1:]
            row.append(a == c)
            row.append(c in {a: 1})
        # A longer and a shorter str with the same prefix.
        row.append(a == b + "x")
        row.append(a + "x" == b)
        d = {a: n}
        row.append(d.get(b))
        row.append(b in {a})
        row.append(b in [a])
        results.append((n, len(base.encode()), row))

for n, nbytes, row in results[:12]:
    print(n, nbytes, row)
print(all(r[0] and not r[1] for _, _, r in results))
print(sum(1 for _, _, r in results if any(x is True for x in r[2:-5])))
print(sorted({n for n, _, r in results if r[-3] == n}) == list(range(41)))

# Keys equal by value, stored and looked up through different objects.
keys = [str(i) for i in range(300)]
table = {k: i for i, k in enumerate(keys)}
print(sum(table[str(i)] for i in range(300)))
s = set(keys)
print(all(str(i) in s for i in range(300)), str(300) in s)
print(len({str(i % 7) for i in range(100)}))
# Same length and hash bucket, other characters.
print("ab" == "ba", "abc" == "abd", "abcd" == "abce", "abcdefgh" == "abcdefgi")
print("abcdefghijklmnop" == "abcdefghijklmnoq", "Xbcdefghijklmnop" == "abcdefghijklmnop")
print("a\x00b" == "a\x00c", "\x00" == "", "\x00" == "\x00")
