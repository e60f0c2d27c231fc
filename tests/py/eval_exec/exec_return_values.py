# Getting values out of exec and eval.
ns = {}
print(exec("40 + 2", ns))
exec("answer = 40 + 2", ns)
print(ns["answer"])

print(eval("(lambda: 42)()"))
print(eval("[1, 2] + [3]"))
print(eval("{'a': 1}")["a"])
print(eval("{1, 2} | {3}") == {1, 2, 3})
print(eval("(1, 'two', 3.0, None, True)"))
print(eval("f'{6 * 7}'"))
print(eval("'%s-%d' % ('x', 5)"))
print(eval("1 if False else 2"))
print(eval("not 0 and 5"))
print(eval("[*range(3), *'ab']"))
print(eval("{**{'a': 1}, 'b': 2}"))
print(eval("0x1f + 0o17 + 0b11"))
print(eval("1_000_000 // 7"))
print(eval("3 > 2 > 1"))
print(eval("'nested ' + eval('\"eval\"')"))

data = repr({"k": [1, 2, (3, 4)], "s": "text", "n": None})
print(eval(data) == {"k": [1, 2, (3, 4)], "s": "text", "n": None})

def evaluator(expr, **names):
    return eval(expr, {"__builtins__": {}}, names)
print(evaluator("a * b + c", a=2, b=3, c=4))
print(evaluator("x[1:]", x="hello"))
try:
    evaluator("open")
except NameError as e:
    print("NameError:", e)

exec("a, *b = range(5)", ns)
print(ns["a"], ns["b"])
exec("if True:\n    branch = 'taken'\nelse:\n    branch = 'not'", ns)
print(ns["branch"])
exec("try:\n    1/0\nexcept ZeroDivisionError as e:\n    caught = str(e)", ns)
print(ns["caught"], "e" in ns)
exec("with_result = []\nfor i in range(3):\n    with_result.append(i)\nelse:\n    with_result.append('else')", ns)
print(ns["with_result"])
