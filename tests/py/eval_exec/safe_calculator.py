# A restricted expression evaluator built on eval with controlled namespaces.
ALLOWED = {"abs": abs, "min": min, "max": max, "round": round, "pi": 3.14159}

def calc(expr, **variables):
    if "__" in expr:
        return "rejected: dunder access"
    env = {"__builtins__": {}}
    env.update(ALLOWED)
    try:
        return eval(expr, env, variables)
    except NameError as e:
        return "NameError: " + str(e)
    except ZeroDivisionError as e:
        return "ZeroDivisionError: " + str(e)
    except SyntaxError as e:
        return "SyntaxError: " + e.msg

tests = [
    ("1 + 2 * 3", {}),
    ("abs(x - y)", {"x": 3, "y": 10}),
    ("max(a, b, c) - min(a, b, c)", {"a": 5, "b": -2, "c": 9}),
    ("round(pi * r ** 2, 2)", {"r": 2}),
    ("x / 0", {"x": 1}),
    ("open('f')", {}),
    ("__import__('os')", {}),
    ("1 +", {}),
    ("[v * 2 for v in vals]", {"vals": [1, 2]}),
    ("len(vals)", {"vals": [1]}),
    ("(lambda q: q * q)(7)", {}),
    ("x if x > 0 else -x", {"x": -4}),
]
for expr, vs in tests:
    print(f"{expr!r} -> {calc(expr, **vs)!r}")

compiled = {}
def cached_eval(expr, **vs):
    if expr not in compiled:
        compiled[expr] = compile(expr, "<calc>", "eval")
    return eval(compiled[expr], {"__builtins__": {}}, vs)
print([cached_eval("a * b", a=i, b=i + 1) for i in range(4)], len(compiled))

program = """
results = []
for n in range(1, 6):
    results.append(n * n if n % 2 else -n)
summary = sum(results)
"""
ns = {"__builtins__": {"range": range, "sum": sum}}
exec(program, ns)
print(ns["results"], ns["summary"])
