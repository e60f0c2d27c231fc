# Recursive generators: permutations, combinations, tree walks.
def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i, x in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            yield [x] + rest

print(list(permutations([1, 2, 3])))
print(sum(1 for _ in permutations(list(range(5)))))

def combinations(items, k):
    if k == 0:
        yield ()
        return
    for i in range(len(items)):
        for tail in combinations(items[i + 1:], k - 1):
            yield (items[i],) + tail

print(list(combinations("abcd", 2)))
print(len(list(combinations(range(10), 3))))

def subsets(items):
    if not items:
        yield []
        return
    for s in subsets(items[1:]):
        yield s
        yield [items[0]] + s
print(sorted(subsets([1, 2, 3]), key=lambda s: (len(s), s)))

def walk(tree, path=()):
    for key in sorted(tree):
        value = tree[key]
        if isinstance(value, dict):
            yield from walk(value, path + (key,))
        else:
            yield "/".join(path + (key,)), value

fs = {"etc": {"hosts": 1, "conf": {"a": 2, "b": 3}}, "home": {"u": {"f": 4}}, "root": 5}
for p, v in walk(fs):
    print(p, v)

def partitions(n, largest=None):
    if largest is None:
        largest = n
    if n == 0:
        yield []
        return
    for k in range(min(n, largest), 0, -1):
        for rest in partitions(n - k, k):
            yield [k] + rest
print(list(partitions(5)))

def balanced(n, open_=0, close=0, prefix=""):
    if open_ == close == n:
        yield prefix
        return
    if open_ < n:
        yield from balanced(n, open_ + 1, close, prefix + "(")
    if close < open_:
        yield from balanced(n, open_, close + 1, prefix + ")")
print(list(balanced(3)))

def inorder(node):
    if node is None:
        return
    left, value, right = node
    yield from inorder(left)
    yield value
    yield from inorder(right)
tree = (((None, 1, None), 2, (None, 3, None)), 4, (None, 5, (None, 6, None)))
print(list(inorder(tree)))
