# compile() with eval, exec and single modes.
c1 = compile("3 + 4", "<eval>", "eval")
print(type(c1).__name__, eval(c1))
c2 = compile("x = 5\ny = x * 2", "<exec>", "exec")
ns = {}
print(eval(c2, ns), ns["y"])
c3 = compile("10 * 10", "<single>", "single")
print("single mode prints the expression value:")
exec(c3)
exec(compile("None", "<single>", "single"))
exec(compile("'str repr'", "<single>", "single"))
exec(compile("for i in range(2): i\n", "<single>", "single"))

print(c1.co_filename, c2.co_filename)
print(c1.co_name, c2.co_name)

try:
    compile("x = 1", "<eval>", "eval")
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.filename)
try:
    compile("1\n2", "<single>", "single")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    compile("1", "<x>", "bogus")
except ValueError as e:
    print("ValueError:", e)
try:
    compile("a\0b", "<nul>", "exec")
except (SyntaxError, ValueError) as e:
    print(type(e).__name__ + ":", e)

code = compile("def f(a, b=2):\n    return a + b\n", "<defs>", "exec")
env = {}
exec(code, env)
print(env["f"](1), env["f"].__code__.co_filename)

expr = compile("value * 2", "<expr>", "eval")
print([eval(expr, {"value": v}) for v in range(4)])

multi = compile("""
total = 0
for n in nums:
    total += n
""", "<loop>", "exec")
scope = {"nums": [1, 2, 3]}
exec(multi, scope)
print(scope["total"])

print(compile("", "<empty>", "exec") is not None)
exec(compile("", "<empty>", "exec"))
print(eval(compile("[1, 2][-1]", "<idx>", "eval")))

bcode = compile(b"b'bytes source'", "<bytes>", "eval")
print(eval(bcode))
print(compile("1 +\\\n 2", "<cont>", "eval") is not None, eval("1 +\\\n 2"))
