# Mutable default values are shared between calls.
def append_to(item, target=[]):
    target.append(item)
    return target

a = append_to(1)
print(a)
b = append_to(2)
print(b)
print(a is b)
c = append_to(3, [])
print(c)
print(append_to(4))
print(append_to.__defaults__)

def dict_default(k, v, d={}):
    d[k] = v
    return d

print(dict_default("x", 1))
print(dict_default("y", 2))
print(sorted(dict_default("z", 3).items()))
print(len(dict_default.__defaults__[0]))

def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target

print(safe_append(1))
print(safe_append(2))
lst = [0]
print(safe_append(5, lst), lst)

def counter(_state={"n": 0}):
    _state["n"] += 1
    return _state["n"]

print(counter(), counter(), counter())
print(counter({"n": 100}))
print(counter())

def kw_default(*, acc=[]):
    acc.append(len(acc))
    return acc

print(kw_default())
print(kw_default())
print(kw_default.__kwdefaults__)
print(kw_default(acc=["a"]))
print(kw_default())

# Replacing the default object resets sharing
append_to.__defaults__ = ([],)
print(append_to("fresh"))
print(append_to("again"))

def set_default(x, s=set()):
    s.add(x)
    return sorted(s)

print(set_default(3))
print(set_default(1))
print(set_default(3))
