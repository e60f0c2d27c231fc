# frozendict |: fd | dict and fd | frozendict give a new frozendict, the
# operands unchanged; dict | frozendict gives a dict; |= rebinds to a new
# frozendict; long chains of unions and large operands keep dict's order.
try:
    frozendict
except NameError:
    from _fdref import frozendict


def show(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


fd = frozendict(a=1, b=2)
r = fd | {"c": 3, "a": 10}
print(r, type(r).__name__, fd)
r = fd | frozendict(z=0)
print(r, type(r).__name__)
r = {"c": 3, "a": 10} | fd
print(r, type(r).__name__)
r = frozendict() | {}
print(r, type(r).__name__, frozendict() | fd)
x = fd
x |= {"d": 4}
print(x, fd, x is fd, type(x).__name__)
x |= frozendict(a=0)
print(x)
d = {"q": 1}
d |= fd
print(d, type(d).__name__)
show("fd | 1", lambda: fd | 1)
show("fd | [('a', 1)]", lambda: fd | [("a", 1)])
show("1 | fd", lambda: 1 | fd)
show("fd | {(): []}", lambda: fd | {(): []})
show("hash(fd | {'e': []})", lambda: hash(fd | {"e": []}))

# A chain of unions: every version stays as it was.
versions = [frozendict()]
for i in range(300):
    versions.append(versions[-1] | {i % 50: i})
print([len(v) for v in versions[::50]])
print(versions[-1] == {k: 250 + k for k in range(50)}, list(versions[-1])[:5])
print(versions[10], versions[60][3])

# Large operands.
big = frozendict((i, i * i) for i in range(20000))
more = big | {i: -i for i in range(19990, 20010)}
print(len(big), len(more), big[19995], more[19995], more[20005], list(more)[-3:])
print(big == {i: i * i for i in range(20000)}, sum(more.values()) - sum(big.values()))
same = big | {}
print(same == big, len(same))
