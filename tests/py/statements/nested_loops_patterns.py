# common nested loop patterns
n = 5
for i in range(1, n + 1):
    print(" " * (n - i) + "*" * (2 * i - 1))
for row in range(1, 4):
    print(" ".join(f"{row * col:2d}" for col in range(1, 6)))
pascal = [[1]]
for _ in range(5):
    prev = pascal[-1]
    pascal.append([1] + [prev[i] + prev[i + 1] for i in range(len(prev) - 1)] + [1])
for r in pascal:
    print(r)
words = ["stop", "pots", "tops", "opts", "post", "spot", "cat", "act", "tac", "dog"]
groups = {}
for w in words:
    key = "".join(sorted(w))
    groups.setdefault(key, []).append(w)
for key in sorted(groups):
    print(key, groups[key])
board = [["."] * 4 for _ in range(4)]
for i in range(4):
    board[i][i] = "\\"
    board[i][3 - i] = "/"
for r in board:
    print("".join(r))
count = 0
for a in range(1, 20):
    for b in range(a, 20):
        for c in range(b, 20):
            if a + b + c == 20 and a * a + b * b == c * c:
                print("triangle", a, b, c)
            count += 1
print("iterations", count)
