# Calls and literals long enough that the compiler builds their arguments
# one at a time instead of on the stack: same values, same evaluation order,
# same errors as short ones.
order = []


def note(tag, value):
    order.append(tag)
    return value


def collect(*args, **kwargs):
    return args, kwargs


positional = ", ".join(f"note('p{i}', {i})" for i in range(45))
keywords = ", ".join(f"kw{i}=note('k{i}', {i * i})" for i in range(25))
args, kwargs = eval(f"collect({positional}, {keywords})")
print(len(args), args[:3], args[-1], len(kwargs), kwargs["kw24"])
print(order[:3], order[44:47], order[-1])

order.clear()
pairs = ", ".join(f"note('key{i}', 'n{i % 30}'): note('val{i}', {i})" for i in range(70))
d = eval("{" + pairs + "}")
print(len(d), list(d.items())[:2], d["n29"], d["n0"])
print(order[:4], order[-2:])

mixed = eval("{" + ", ".join(f"{i}: -{i}" for i in range(40)) + ", **{1: 'one'}, 39: 'last'}")
print(len(mixed), mixed[1], mixed[39], list(mixed)[:3])


class Box:
    def put(self, *items, **labels):
        return sum(items), sorted(labels)[:2]


b = Box()
print(eval("b.put(" + ", ".join(str(i) for i in range(50)) + ", "
           + ", ".join(f"z{i}={i}" for i in range(20)) + ")"))


def three(a, b, c):
    return a + b + c


try:
    eval("three(" + ", ".join("1" for _ in range(40)) + ")")
except TypeError as e:
    print("TypeError:", e)
try:
    eval("collect(" + ", ".join(f"w{i}=0" for i in range(20)) + ", **{'w5': 1})")
except TypeError as e:
    print("TypeError:", e)
try:
    eval("collect(" + ", ".join(f"w{i}=0" for i in range(20)) + ", **[1])")
except TypeError as e:
    print("TypeError:", e)
try:
    eval("{" + ", ".join(f"[{i}]: 0" for i in range(40)) + "}")
except TypeError as e:
    print("TypeError:", e)
