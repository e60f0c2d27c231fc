# try/except/else/finally execution order.
def run(fail):
    log = []
    try:
        log.append("try")
        if fail:
            raise ValueError
        log.append("try-end")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return log

print(run(False))
print(run(True))

def else_raises():
    try:
        try:
            pass
        except KeyError:
            print("  not here")
        else:
            raise KeyError("from else")
        finally:
            print("  finally after else")
    except KeyError as e:
        print("  else exception not caught by sibling except:", e)
else_raises()

def except_raises():
    try:
        try:
            raise ValueError("a")
        except ValueError:
            raise TypeError("b")
        finally:
            print("  finally after except raise")
    except TypeError as e:
        print("  outer got", e)
except_raises()

def finally_only():
    try:
        return "returned"
    finally:
        print("  finally before return completes")
print(finally_only())

def nested():
    log = []
    try:
        try:
            log.append("inner try")
            raise KeyError
        finally:
            log.append("inner finally")
    except KeyError:
        log.append("outer except")
    finally:
        log.append("outer finally")
    return log
print(nested())

def loop_with_try():
    log = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            log.append(f"body{i}")
        finally:
            log.append(f"fin{i}")
    return log
print(loop_with_try())

def unhandled_passes_finally():
    try:
        raise IndexError("unhandled")
    except KeyError:
        print("  wrong handler")
    finally:
        print("  finally on the way out")
try:
    unhandled_passes_finally()
except IndexError as e:
    print("caught outside:", e)

def try_except_else_return():
    try:
        x = 1
    except Exception:
        return "except"
    else:
        return "else " + str(x)
    finally:
        print("  finally sees return pending")
print(try_except_else_return())

count = 0
while True:
    try:
        count += 1
        if count < 3:
            continue
        break
    finally:
        print("  loop finally", count)
print("count", count)
