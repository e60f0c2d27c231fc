# Very deep source given to compile(): a Python exception, never a crash.
import sys

cases = [
    ("nested parens", "(" * 10000 + "1" + ")" * 10000),
    ("nested lists", "[" * 10000 + "]" * 10000),
    ("long sum", "1" + "+1" * 100000),
    ("attribute chain", "x" + ".a" * 100000),
    ("call chain", "f" + "()" * 100000),
    ("subscript chain", "x" + "[0]" * 100000),
]
for name, src in cases:
    try:
        compile(src, "<deep>", "eval")
        print(name, "compiled")
    except SyntaxError as e:
        print(name, "SyntaxError:", e.msg)
    except RecursionError as e:
        print(name, "RecursionError:", e)

# Right-recursive forms: CPython's parser reports MemoryError, ProtoPy a
# RecursionError; either way it is an exception the program can catch.
for name, src in [("unary minus", "-" * 100000 + "1"), ("not", "not " * 100000 + "x"),
                  ("lambdas", "lambda: " * 10000 + "1"), ("conditional", "1 if x else " * 10000 + "2")]:
    try:
        compile(src, "<deep>", "eval")
        print(name, "compiled")
    except (MemoryError, RecursionError):
        print(name, "raised")

# A moderately deep expression still compiles and evaluates.
print(eval("(" * 150 + "7" + ")" * 150))
print(eval("1" + "+1" * 500))

# 100,000-deep Python recursion with a raised limit completes.
sys.setrecursionlimit(200000)
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)
print(down(100000))
