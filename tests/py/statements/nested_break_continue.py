# break and continue only affect the innermost loop; flags for outer loops
found = None
for i in range(1, 6):
    for j in range(1, 6):
        if i * j == 12:
            found = (i, j)
            break
    if found:
        break
print("first pair with product 12:", found)
primes = []
for n in range(2, 40):
    for p in primes:
        if p * p > n:
            primes.append(n)
            break
        if n % p == 0:
            break
    else:
        primes.append(n)
print(primes)
grid = [[1, 2, 3], [4, -1, 6], [7, 8, 9]]
for row in grid:
    for v in row:
        if v < 0:
            print("negative found, skip rest of row")
            break
        print(v, end=" ")
    else:
        print("| row complete")
        continue
    print("| row aborted")
count = 0
for i in range(4):
    for j in range(4):
        if (i + j) % 2:
            continue
        count += 1
print("even-sum cells:", count)
i = 0
while i < 3:
    for j in range(3):
        if j == 1:
            break
    else:
        print("never: inner broke")
    i += 1
print("i", i, "j", j)
try:
    for x in range(3):
        try:
            if x == 1:
                continue
            if x == 2:
                break
        finally:
            print("finally for", x)
finally:
    print("outer finally")
