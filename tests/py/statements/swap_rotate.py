# swapping and rotating values with tuple assignment
a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = "x", "y", "z"
a, b, c = c, a, b
print(a, b, c)
a, b, c = b, c, a
print(a, b, c)
lst = [1, 2, 3, 4]
lst[0], lst[-1] = lst[-1], lst[0]
print(lst)
lst[1], lst[2] = lst[2], lst[1]
print(lst)
def bubble(seq):
    seq = list(seq)
    swaps = 0
    for i in range(len(seq)):
        for j in range(len(seq) - 1 - i):
            if seq[j] > seq[j + 1]:
                seq[j], seq[j + 1] = seq[j + 1], seq[j]
                swaps += 1
    return seq, swaps
print(bubble([5, 1, 4, 2, 8]), bubble("dcba"), bubble([]))
x, y = 0, 1
for _ in range(10):
    x, y = y, x + y
print(x, y)
m, n = 48, 18
while n:
    m, n = n, m % n
print("gcd", m)
p = [[1, 2], [3, 4]]
p[0], p[1] = p[1], p[0]
print(p)
p[0][0], p[1][1] = p[1][1], p[0][0]
print(p)
