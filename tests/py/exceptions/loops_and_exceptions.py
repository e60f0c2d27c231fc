# try statements inside loops with break/continue/else.
def process(items):
    out = []
    for item in items:
        try:
            if item is None:
                continue
            if item == "stop":
                break
            out.append(10 // item)
        except ZeroDivisionError:
            out.append("div0")
            continue
        except TypeError:
            out.append("type")
        else:
            out.append("ok")
        finally:
            out.append("|")
    else:
        out.append("no break")
    return out

print(process([1, 0, None, "x", 5]))
print(process([2, "stop", 3]))
print(process([]))

def find_first_int(values):
    for v in values:
        try:
            n = int(v)
        except ValueError:
            continue
        else:
            return n
    return None
print(find_first_int(["a", "b", "12", "3"]), find_first_int(["x"]))

attempts = 0
while True:
    attempts += 1
    try:
        if attempts < 3:
            raise ConnectionError(f"attempt {attempts} failed")
        print("succeeded on attempt", attempts)
        break
    except ConnectionError as e:
        print("retry:", e)

errors = []
for i in range(5):
    try:
        try:
            if i % 2:
                raise ValueError(i)
        finally:
            if i == 3:
                break
    except ValueError as e:
        errors.append(e.args[0])
print("errors", errors, "stopped at", i)

count = 0
for i in range(3):
    for j in range(3):
        try:
            if j == 1:
                continue
            if i == 2:
                break
            count += 1
        finally:
            count += 100
print(count)

def nested_return():
    for i in range(3):
        try:
            for j in range(3):
                try:
                    if i == 1 and j == 1:
                        return (i, j)
                finally:
                    print(f"  inner finally {i},{j}")
        finally:
            print(f"  outer finally {i}")
print(nested_return())

total = 0
for v in ["1", "x", "2", None, "3"]:
    try:
        total += int(v)
    except (ValueError, TypeError) as e:
        print("skip", repr(v), type(e).__name__)
print("total", total)
