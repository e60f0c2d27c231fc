# del of names in different scopes.
a = 1
del a
try:
    a
except NameError as e:
    print("NameError:", e)

try:
    del never_existed
except NameError as e:
    print("NameError:", e)

def local_del():
    v = "x"
    del v
    try:
        return v
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(local_del())

def del_twice():
    v = 1
    del v
    try:
        del v
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(del_twice())

g = "global value"
def del_global():
    global g
    del g
del_global()
print("g" in globals())

def del_global_without_decl():
    try:
        del h
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
h = 1
print(del_global_without_decl())

x, y, z = 1, 2, 3
del x, y
print("x" in globals(), "y" in globals(), z)

lst = [0, 1, 2, 3, 4]
del lst[1], lst[-1]
print(lst)
d = {"k": 1, "j": 2}
del d["k"]
print(d)
class O:
    pass
o = O()
o.attr = 1
del o.attr
print(hasattr(o, "attr"))

def del_then_rebind():
    v = 1
    del v
    v = 2
    return v
print(del_then_rebind())

def nested_del():
    cell = "captured"
    def reader():
        return cell
    del cell
    try:
        return reader()
    except NameError as e:
        return "NameError: " + str(e)
print(nested_del())

for i in range(3):
    pass
del i
print("i" in globals())

class K:
    temp = 5
    doubled = temp * 2
    del temp
print(hasattr(K, "temp"), K.doubled)

a, (b, c) = 1, (2, 3)
del (a, b), [c]
print([n for n in ("a", "b", "c") if n in globals()])

def del_nonlocal():
    v = 1
    def inner():
        nonlocal v
        del v
    inner()
    try:
        return v
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(del_nonlocal())
