# compile(..., 'single') echoes expression values through sys.displayhook,
# which keeps the last value in builtins._; ';'-joined statements are one
# interactive statement; several lines are not.
import builtins
import sys

exec(compile("6 * 7", "<stdin>", "single"))
print("underscore:", builtins._)
exec(compile("None", "<stdin>", "single"))
print("after None:", builtins._)
exec(compile("a = 1; b = 2; a + b", "<stdin>", "single"))
print("joined:", builtins._)
exec(compile("x = 5", "<stdin>", "single"))
print("assignment leaves _:", builtins._)

seen = []
sys.displayhook = seen.append
exec(compile("'hooked'", "<stdin>", "single"))
exec(compile("[1, 2]", "<stdin>", "single"))
sys.displayhook = sys.__displayhook__
print("hook saw:", seen)

sys.__displayhook__("direct")
print("direct sets _:", builtins._)

for bad in ["x = 1\ny = 2\n", "1;\n2\n"]:
    try:
        compile(bad, "<stdin>", "single")
    except SyntaxError as e:
        print(type(e).__name__, e.msg)

del sys.displayhook
try:
    exec(compile("1", "<stdin>", "single"))
except RuntimeError as e:
    print(type(e).__name__, e)
sys.displayhook = sys.__displayhook__

try:
    sys.displayhook()
except TypeError as e:
    print(type(e).__name__)
