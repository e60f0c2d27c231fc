# expression statements: values computed then discarded, side effects kept
calls = []
def effect(v):
    calls.append(v)
    return v
effect(1)
effect(2) + effect(3)
[effect(4), effect(5)]
effect(6) if effect(0) else effect(7)
effect(8) or effect(9)
effect(0) and effect(10)
(effect(11), effect(12))
{effect(13): effect(14)}
not effect(15)
effect
42
"docstring-like string"
...
None
print(calls)
lst = []
lst.append(1)
lst.append
lst.extend([2, 3]) or lst.append(4)
print(lst)
d = {}
d.setdefault("a", []).append(1)
d.get("zz")
print(d)
x = 0
x == 1
print(x)
