# with statements: __enter__/__exit__, suppression, several items.
class CM:
    def __init__(self, name, suppress=False, enter_value=None):
        self.name = name
        self.suppress = suppress
        self.enter_value = enter_value
    def __enter__(self):
        print(f"  enter {self.name}")
        return self.enter_value if self.enter_value is not None else self.name
    def __exit__(self, et, ev, tb):
        print(f"  exit {self.name}", et.__name__ if et else None, repr(ev) if ev else None, tb is not None)
        return self.suppress

with CM("a") as v:
    print("body with", v)

try:
    with CM("b"):
        raise ValueError("not suppressed")
except ValueError as e:
    print("escaped:", e)

with CM("c", suppress=True):
    raise KeyError("suppressed")
print("after suppressed block")

with CM("x") as x, CM("y") as y:
    print("body", x, y)

try:
    with CM("outer", suppress=False), CM("inner", suppress=True):
        raise IndexError("inner suppresses")
    print("inner suppression means outer sees nothing")
except IndexError:
    print("not reached")

with CM("outer", suppress=True), CM("inner"):
    raise TypeError("outer suppresses")
print("continued")

with CM("t", enter_value=(1, 2)) as (p, q):
    print("unpacked", p, q)

target = {}
with CM("dict", enter_value=5) as target["key"]:
    pass
print(target)

def returns_inside():
    with CM("r"):
        return "returned value"
print(returns_inside())

for i in range(3):
    with CM(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("  loop body", i)

class Truthy:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return "non-empty string is truthy"
with Truthy():
    raise ValueError("suppressed by truthy value")
print("truthy suppression works")

class EnterFails:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("  exit should not run")
try:
    with EnterFails():
        print("body not run")
except RuntimeError as e:
    print("RuntimeError:", e)

class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise KeyError("from exit")
try:
    with ExitRaises():
        raise ValueError("body error")
except KeyError as e:
    print("KeyError:", e, "context:", type(e.__context__).__name__)

with (CM("paren1") as a1,
      CM("paren2") as a2):
    print("parenthesised", a1, a2)

try:
    with 5:
        pass
except TypeError as e:
    print("TypeError:", e)

class NoExit:
    def __enter__(self):
        return self
try:
    with NoExit():
        pass
except TypeError as e:
    print("TypeError:", e)
