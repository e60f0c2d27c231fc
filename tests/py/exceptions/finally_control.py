# return/break/continue inside finally override pending control flow.
def ret_overrides_exception():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"
print(ret_overrides_exception())

def ret_overrides_return():
    try:
        return "try value"
    finally:
        return "finally value"
print(ret_overrides_return())

def break_swallows():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return "broke at " + str(i)
print(break_swallows())

def continue_swallows():
    seen = []
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            seen.append(i)
            continue
    return seen
print(continue_swallows())

def finally_modifies_returned():
    data = [1]
    try:
        return data
    finally:
        data.append(2)
print(finally_modifies_returned())

def finally_rebinds():
    x = "original"
    try:
        return x
    finally:
        x = "rebound"
print(finally_rebinds())

def break_in_try_finally_runs():
    log = []
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            log.append(i)
    return log
print(break_in_try_finally_runs())

def nested_finally_returns():
    try:
        try:
            return "inner try"
        finally:
            return "inner finally"
    finally:
        print("  outer finally runs")
print(nested_finally_returns())

def exception_in_finally_replaces():
    try:
        try:
            return "never"
        finally:
            raise RuntimeError("from finally")
    except RuntimeError as e:
        return "caught " + str(e)
print(exception_in_finally_replaces())

def while_continue_finally():
    n = 0
    out = []
    while n < 4:
        n += 1
        try:
            if n % 2:
                continue
            out.append(n)
        finally:
            out.append("f")
    return out
print(while_continue_finally())

def generator_finally_return():
    try:
        yield 1
    finally:
        return
print(list(generator_finally_return()))

def except_return_finally():
    try:
        1 / 0
    except ZeroDivisionError:
        return "except return"
    finally:
        print("  finally after except return")
print(except_return_finally())

def finally_count():
    calls = []
    def f():
        try:
            calls.append("try")
            return len(calls)
        finally:
            calls.append("finally")
    return f(), calls
print(finally_count())
