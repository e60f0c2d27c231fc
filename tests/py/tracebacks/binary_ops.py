# Position markers under binary operations: `~` for the operands, `^` for
# the operator, as CPython 3.11 draws them.
import traceback


def show(f, *args):
    try:
        f(*args)
    except Exception:
        # The last frame only: the line, the markers, the message.
        print("".join(traceback.format_exc().splitlines(True)[-3:]), end="")


def divide(a, b):
    return a[0] + a[1] / b


def floor(a, b):
    total = a // b
    return total


def power(x):
    return 2 ** x


def shifted(x):
    return (x) << 2


def mixed(s, n):
    return "value: " + s * n + 1


def unicode_line(d):
    résumé = "é"
    return résumé + d


def spaced(a):
    return a    -    "x"


def matmul(a, b):
    return a @ b


show(divide, [1, 2], 0)
show(floor, 7, 0)
show(power, "x")
show(shifted, None)
show(mixed, "ab", 2)
show(unicode_line, 5)
show(spaced, 3)
show(matmul, 1, 2)


def outer(values):
    return inner(values) * 2


def inner(values):
    return values[0] % values[1]


outer([5, 0])
