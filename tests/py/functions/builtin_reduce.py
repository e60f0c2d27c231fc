# Pickling and copying builtin functions and bound builtin methods.
import pickle, copy, builtins, os

for f in [len, builtins.getattr, os.getcwd, sorted]:
    print(f.__reduce__(), [pickle.loads(pickle.dumps(f, p)) is f for p in range(6)])

def show(r):
    fn, (target, name) = r
    return fn is getattr, target, name

for m, check in [([1, 2].append, None), ("abc".upper, "ABC"), ({"k": 1}.get, 1),
                 (list.append, None), (str.join, None)]:
    print(show(m.__reduce__()))
    for p in range(1, 6):
        x = pickle.loads(pickle.dumps(m, p))
        if check is None:
            print(p, x == m, end=" ")
        elif check == 1:
            print(p, x("k"), end=" ")
        else:
            print(p, x(), end=" ")
    print()

print(copy.copy(len) is len, copy.deepcopy(len) is len)
popper = pickle.loads(pickle.dumps([5, 6].pop, 2))
print(popper(), popper())
c = copy.copy([7].pop)
print(c())
try:
    len.__reduce__(1)
except TypeError as e:
    print("TypeError", e)
try:
    popper()
except IndexError as e:
    print("IndexError", e)
