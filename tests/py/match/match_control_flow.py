# match inside loops and functions: break, continue, return, nested match.
def scan(tokens):
    out = []
    for tok in tokens:
        match tok:
            case "skip":
                continue
            case "stop":
                break
            case int(n) if n < 0:
                out.append("neg")
            case int(n):
                out.append(n * 2)
            case str(s):
                out.append(s.upper())
    else:
        out.append("<no stop>")
    return out

print(scan([1, "a", "skip", -2, "b"]))
print(scan([1, "stop", 2]))

def first_match(rows):
    for row in rows:
        match row:
            case {"id": i, "ok": True}:
                return i
    return None
print(first_match([{"id": 1, "ok": False}, {"id": 2, "ok": True}, {"id": 3, "ok": True}]))
print(first_match([]))

def nested(cmd):
    match cmd:
        case ("move", direction):
            match direction:
                case "n" | "s":
                    return "vertical"
                case "e" | "w":
                    return "horizontal"
                case _:
                    return "bad direction"
        case ("wait",):
            return "waiting"
        case _:
            return "unknown"
print(nested(("move", "n")), nested(("move", "w")), nested(("move", "x")), nested(("wait",)), nested("x"))

i = 0
while True:
    i += 1
    match i % 4:
        case 0:
            print("multiple of four:", i)
            if i >= 8:
                break
        case 1:
            continue
        case _:
            pass

def gen_match(items):
    for it in items:
        match it:
            case [x, y]:
                yield x + y
            case [x]:
                yield x
            case []:
                return
print(list(gen_match([[1, 2], [5], [], [9, 9]])))

def exceptions_in_case(values):
    results = []
    for v in values:
        try:
            match v:
                case (a, b):
                    results.append(a / b)
                case _:
                    raise ValueError(f"bad {v!r}")
        except ZeroDivisionError:
            results.append("div0")
        except ValueError as e:
            results.append(str(e))
    return results
print(exceptions_in_case([(1, 2), (1, 0), "x"]))

total = 0
for pair in [(1, "add"), (5, "add"), (2, "mul"), (0, "reset"), (7, "add")]:
    match pair:
        case (n, "add"):
            total += n
        case (n, "mul"):
            total *= n
        case (_, "reset"):
            total = 0
    print("total", total)
