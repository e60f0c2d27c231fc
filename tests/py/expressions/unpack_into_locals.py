# Unpacking an exact tuple or list into local variables: the targets that are
# plain locals take the items directly, the others take them from the stack.

def same_target_twice(t):
    a, a = t
    return a

def source_is_a_target(a):
    a, b = a
    return a, b

def swap_through_a_list(x, y):
    x, y = [y, x]
    return x, y

def mixed_targets(t):
    box = [None]
    a, box[0], c = t
    return a, box, c

def local_then_attribute(t):
    class N:
        pass
    n = N()
    a, n.b = t
    return a, n.b

def empty(t):
    () = t
    [] = t
    return "empty ok"

def in_a_loop(rows):
    out = []
    for r in rows:
        x, y, z = r
        out.append(z - x * y)
    return out

def wrong_length(t):
    try:
        a, b = t
    except ValueError as e:
        return str(e)

def unbound_after_failure(t):
    try:
        a, b, c = t
    except ValueError:
        pass
    try:
        return a
    except UnboundLocalError as e:
        return type(e).__name__

def list_changed_meanwhile(l):
    a, b, c = l
    l.append(a)
    d, e, f, g = l
    return a, b, c, d, e, f, g

class T(tuple):
    pass

class L(list):
    def __iter__(self):
        return iter(["from", "iter"])

print(same_target_twice((1, 2)))
print(source_is_a_target((3, 4)))
print(swap_through_a_list("x", "y"))
print(mixed_targets((1, 2, 3)))
print(local_then_attribute(("a", "b")))
print(empty(()), empty([]))
print(in_a_loop([(1, 2, 3), [4, 5, 6], (7, 8, 9)]))
print(wrong_length((1, 2, 3)))
print(wrong_length([1]))
print(unbound_after_failure((1, 2)))
print(list_changed_meanwhile([1, 2, 3]))
print(same_target_twice(T((5, 6))))
print(source_is_a_target(L([0, 0])))
big = tuple(range(300))
def many(t):
    (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, *rest) = t
    return a0 + a9, len(rest), rest[-1]
print(many(big))

G = [7, 8, 9]
def from_a_global():
    a, b, c = G
    return c, b, a
print(from_a_global())

def items_into_locals(d):
    out = []
    for k, v in d.items():
        out.append(k * v)
    return out

def items_into_attribute(d):
    class Box:
        pass
    b = Box()
    got = []
    for b.k, v in d.items():
        got.append((b.k, v))
    return got

def items_same_target(d):
    last = None
    for x, x in d.items():
        last = x
    return last

def items_value_first(d):
    seen = []
    for k, v in d.items():
        seen.append(v)
        seen.append(k)
    return seen

def items_changed_during(d):
    try:
        for k, v in d.items():
            d[k + "!"] = v
    except RuntimeError as e:
        return str(e)

D = {"a": 1, "bb": 2, "ccc": 3}
print(items_into_locals(D))
print(items_into_attribute(D))
print(items_same_target(D))
print(items_value_first(D))
print(items_changed_during(dict(D)))

import sys
def tracer(frame, event, arg):
    return tracer
sys.settrace(tracer)
print(items_into_locals(D), same_target_twice((8, 9)), many(big))
sys.settrace(None)
