# Guards: evaluation order, side effects, bindings.
log = []
def check(label, result):
    log.append(label)
    return result

def run(v):
    log.clear()
    match v:
        case int(x) if check("guard1", x > 10):
            r = "big"
        case int(x) if check("guard2", x % 2 == 0):
            r = "even"
        case [a, b] if check("guard3", a == b):
            r = "pair equal"
        case [a, b]:
            r = "pair"
        case _:
            r = "other"
    return r, list(log)

for v in [20, 4, 3, [1, 1], [1, 2], "s"]:
    print(v, run(v))

def binding_even_if_guard_fails(v):
    match v:
        case [x, y] if x > y:
            return "descending"
        case _:
            return f"guard failed but x={x}, y={y}"
print(binding_even_if_guard_fails([1, 2]))

def guard_uses_outer(v, limit):
    match v:
        case n if n > limit:
            return "over"
        case n:
            return "within"
print(guard_uses_outer(5, 3), guard_uses_outer(5, 10))

def guard_raises(v):
    match v:
        case x if 1 / x > 0.5:
            return "large reciprocal"
        case _:
            return "small"
print(guard_raises(1), guard_raises(4))
try:
    guard_raises(0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

def walrus_guard(v):
    match v:
        case [*items] if (total := sum(items)) > 10:
            return f"sum {total} too big"
        case [*items]:
            return f"sum {total} ok"
print(walrus_guard([5, 6]), walrus_guard([1, 2]))

def guard_with_or(v):
    match v:
        case (1 | 2) as n if n == 2:
            return "two via guard"
        case 1 | 2:
            return "one"
print(guard_with_or(2), guard_with_or(1))

def fizz(n):
    match n % 3, n % 5:
        case 0, 0:
            return "FizzBuzz"
        case 0, _:
            return "Fizz"
        case _, 0:
            return "Buzz"
        case _:
            return str(n)
print(" ".join(fizz(i) for i in range(1, 16)))

def truthy_guard(v):
    match v:
        case x if x:
            return "truthy"
        case x:
            return "falsy"
print([truthy_guard(v) for v in [0, 1, "", "a", [], [0]]])
