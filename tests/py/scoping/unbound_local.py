# UnboundLocalError scenarios and messages.
count = 10

def increment():
    count += 1
    return count
try:
    increment()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def read_then_assign():
    print(count)
    count = 5
try:
    read_then_assign()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def conditional_assign(flag):
    if flag:
        value = "assigned"
    return value
print(conditional_assign(True))
try:
    conditional_assign(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def deleted_local():
    item = 1
    del item
    return item
try:
    deleted_local()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def loop_never_runs():
    for i in []:
        pass
    return i
try:
    loop_never_runs()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def assigned_in_except():
    try:
        pass
    except Exception:
        result = 1
    return result
try:
    assigned_in_except()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def import_later():
    x = sys.version
    import sys
try:
    import_later()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def def_later():
    r = helper()
    def helper():
        return 1
    return r
try:
    def_later()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def with_target_later():
    print(cm)
    with open_cm() as cm:
        pass
try:
    with_target_later()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def comprehension_var_isolated():
    total = [n for n in range(3)]
    try:
        return n
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
n = "global n"
print(comprehension_var_isolated())

def walrus_binds_local():
    [y := v for v in range(3)]
    return y
print(walrus_binds_local())

print(issubclass(UnboundLocalError, NameError))

def augmented_in_nested():
    total = 0
    def add():
        total += 1
    try:
        add()
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
print(augmented_in_nested())
