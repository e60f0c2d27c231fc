# Nested try statements and handlers raising new exceptions.
def level(n):
    try:
        if n == 0:
            raise KeyError("bottom")
        return level(n - 1)
    except KeyError as e:
        print(f"  level {n} sees", e)
        if n < 2:
            raise
        return f"handled at level {n}"
print(level(4))

def convert():
    try:
        try:
            int("abc")
        except ValueError as e:
            raise LookupError("converted") from e
    except LookupError as e:
        return f"{e} (cause {type(e.__cause__).__name__})"
print(convert())

def handler_in_handler():
    try:
        raise ValueError("one")
    except ValueError:
        try:
            raise TypeError("two")
        except TypeError as inner:
            return f"inner {inner}, context {inner.__context__}"
print(handler_in_handler())

def context_restored():
    import sys
    try:
        raise ValueError("outer active")
    except ValueError:
        try:
            raise KeyError("inner")
        except KeyError:
            pass
        return repr(sys.exc_info()[1])
print(context_restored())

def three_deep():
    out = []
    try:
        try:
            try:
                raise IndexError("deep")
            except KeyError:
                out.append("wrong")
            finally:
                out.append("f3")
        except ZeroDivisionError:
            out.append("wrong")
        finally:
            out.append("f2")
    except IndexError as e:
        out.append("caught " + str(e))
    finally:
        out.append("f1")
    return out
print(three_deep())

def exception_in_except_clause_expr():
    def bad():
        raise RuntimeError("evaluating except expression")
    try:
        try:
            raise ValueError("original")
        except bad():
            pass
    except RuntimeError as e:
        return f"{e}; context={e.__context__!r}"
print(exception_in_except_clause_expr())

results = []
for value in ["1", "x", "0", None]:
    try:
        try:
            results.append(10 // int(value))
        except ValueError:
            results.append("bad literal")
    except ZeroDivisionError:
        results.append("div zero")
    except TypeError as e:
        results.append("type: " + str(e))
print(results)

def retry(attempts):
    for i in range(attempts):
        try:
            if i < 2:
                raise ConnectionError(f"attempt {i}")
            return f"success on attempt {i}"
        except ConnectionError as e:
            print("  retrying after", e)
    return "gave up"
print(retry(5))
print(retry(2))
