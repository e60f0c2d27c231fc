# Small scoping puzzles with surprising but well-defined answers.
x = 1
def p1():
    x = x + 1 if False else "assignment anywhere makes x local"
    return x
print(p1())

def p2():
    try:
        return x
    finally:
        pass
print(p2())

def p3():
    if False:
        x = "never runs"
    try:
        return x
    except UnboundLocalError:
        return "UnboundLocalError even though assignment never runs"
print(p3())

def p4():
    def inner():
        return y
    y = "defined after inner but before the call"
    return inner()
print(p4())

def p5():
    funcs = []
    for n in range(3):
        funcs.append(lambda: n)
    n = "final"
    return [f() for f in funcs]
print(p5())

def p6():
    v = "enclosing"
    class C:
        v = "class attribute"
        w = [v for _ in range(1)]
    return C.w
print(p6())

def p7():
    result = []
    for i in range(3):
        def f(i=i * 10):
            return i
        result.append(f())
    return result, i
print(p7())

z = "global z"
def p8():
    global z
    z = "rebound global"
    def inner():
        return z
    return inner()
print(p8(), z)

def p9():
    a = "a"
    def middle():
        b = "b"
        def inner():
            return a + b
        b = "B"
        return inner
    return middle()()
print(p9())

def p10(x=x):
    return x
x = 99
print(p10(), x)

def p11():
    lst = [1, 2]
    def mutate():
        lst.append(3)
    def rebind():
        try:
            lst = lst + [4]
        except UnboundLocalError:
            return "rebinding needs nonlocal"
    mutate()
    return lst, rebind()
print(p11())

def p12():
    del_me = 1
    def show():
        return "del_me" in dir()
    return show()
print(p12())

def p13():
    k = "outer"
    g = (k for _ in range(1))
    k = "changed before iteration"
    return next(g)
print(p13())

def p14():
    exec("new_local = 5")
    try:
        return new_local
    except NameError:
        return "exec cannot create function locals"
print(p14())
