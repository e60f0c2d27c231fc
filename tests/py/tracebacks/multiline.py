# Expressions spanning lines: CPython 3.11 marks the first line only, up to
# its last non-blank character.
import traceback


def show(f, *args):
    try:
        f(*args)
    except Exception:
        print("".join(traceback.format_exc().splitlines(True)[-3:]), end="")


def fail(*args, **kwargs):
    raise RuntimeError("failed with %d args" % len(args))


def call_over_lines():
    return fail(1,
                2,
                3)


def binop_over_lines(x):
    return (x +
            None)


def dict_over_lines(d):
    return d[
        "key"
    ]


show(call_over_lines)
show(binop_over_lines, 1)
show(dict_over_lines, {})

total = sum([1, 2]) + fail(
    "uncaught",
    "at the end",
)
