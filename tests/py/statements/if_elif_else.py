# if / elif / else chains and truthiness of conditions
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for n in [-5, 0, 3, 9, 10, 99, 100, 10 ** 9]:
    print(n, classify(n))
for v in [0, 1, "", "x", [], [0], None, 0.0, {}, {0: 0}, set(), (0,)]:
    if v:
        print(repr(v), "truthy")
    else:
        print(repr(v), "falsy")
x = 5
if x > 3: print("one-line if")
if x > 10: print("not printed")
else: print("one-line else")
if x:
    pass
print("after pass")
if x > 1:
    if x > 4:
        if x > 10:
            print("deep >10")
        else:
            print("deep 5..10")
    else:
        print("2..4")
y = 0
if y:
    print("no")
elif not y:
    print("elif not y")
def side(v, label):
    print("  eval", label)
    return v
if side(False, "first"):
    print("A")
elif side(True, "second"):
    print("B")
elif side(True, "third"):
    print("C")
else:
    print("D")
