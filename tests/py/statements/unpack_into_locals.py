# Unpacking straight into local variables: tuples, lists, nested targets,
# shared (module-level) lists, loops, and the error cases.
PAIRS = [((1, [2, 3]), 4), ((5, [6, 7]), 8)]
ROW = [10, 20, 30]


def run():
    for (a, [b, c]), d in PAIRS:
        print(a, b, c, d)
    x, y, z = ROW
    print(x, y, z)
    p, q = q, p = 1, 2
    print(p, q)
    i, (j, k), l = 1, (2, 3), [4]
    print(i, j, k, l)
    first, *rest = ROW
    print(first, rest)
    for m, n in [(1, 2), [3, 4], "ab"]:
        print(m, n)
    try:
        u, v = ROW
    except ValueError as e:
        print("ValueError:", e)
    try:
        u, v, w, t = (1, 2, 3)
    except ValueError as e:
        print("ValueError:", e)
    try:
        u, v = 5
    except TypeError as e:
        print("TypeError:", e)
    # the unpacked values land in the right slots when a name repeats
    s, s = 1, 2
    print(s)
    lst = [0, 0]
    lst[0], lst[1] = 7, 8
    print(lst)


def closure():
    a, b = 1, 2

    def inner():
        return a + b

    a, b = b, a
    return inner()


run()
print(closure())
g1, g2 = "gh"
print(g1, g2)
