# loop else clauses with continue, return and nested loops
def search(matrix, target):
    for r, row in enumerate(matrix):
        for c, v in enumerate(row):
            if v == target:
                return (r, c)
        else:
            continue
    else:
        return None
m = [[1, 2], [3, 4]]
print(search(m, 3), search(m, 9))
for i in range(3):
    if i == 2:
        continue
else:
    print("else runs even if last iteration continued")
def first_negative(nums):
    for n in nums:
        if n < 0:
            break
    else:
        return "none negative"
    return f"first negative {n}"
print(first_negative([1, 2, -3, -4]), first_negative([1, 2]), first_negative([]))
n = 3
while n:
    n -= 1
    if n == 10:
        break
else:
    print("while else after countdown, n =", n)
for x in range(2):
    for y in range(2):
        pass
    else:
        print("inner else", x)
else:
    print("outer else")
def gen_loop():
    for v in (i * i for i in range(5)):
        if v > 5:
            return v
    else:
        return "exhausted"
print(gen_loop())
try:
    for i in range(3):
        if i == 1:
            raise ValueError("stop at 1")
    else:
        print("not reached")
except ValueError as e:
    print(type(e).__name__, e)
