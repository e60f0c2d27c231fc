# exec(code, closure=...) and code objects with free variables.
import types


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


def outer():
    total = 10
    step = 3

    def add():
        nonlocal total
        total = total + step

    def read():
        return total

    return add, read


add, read = outer()
exec(add.__code__, add.__globals__, closure=add.__closure__)
print(read())
mine = (types.CellType(1), types.CellType(100))
exec(add.__code__, {}, closure=mine)
print(mine[0].cell_contents, read())

show("no closure", lambda: exec(add.__code__, {}))
show("closure None", lambda: exec(add.__code__, {}, closure=None))
show("short closure", lambda: exec(add.__code__, {}, closure=mine[:1]))
show("list closure", lambda: exec(add.__code__, {}, closure=list(mine)))
show("non-cell", lambda: exec(add.__code__, {}, closure=(mine[0], 5)))
show("tuple subclass", lambda: exec(add.__code__, {}, closure=type("T", (tuple,), {})(mine)))
show("closure, no free vars", lambda: exec(compile("pass", "f", "exec"), {}, closure=mine))
show("closure with str", lambda: exec("pass", {}, closure=mine))
show("eval free vars", lambda: eval(read.__code__))
show("eval free vars, globals", lambda: eval(read.__code__, {}))
show("eval keyword", lambda: eval("1", globals={}))
show("exec keyword", lambda: exec("1", globals={}))
show("exec no args", lambda: exec())
show("exec 4 args", lambda: exec("1", {}, {}, {}))
show("eval bytes leading blanks", lambda: eval(b" \t 2 * 21"))
show("eval memoryview", lambda: eval(memoryview(b"6 * 7")))
show("exec int", lambda: exec(3))
