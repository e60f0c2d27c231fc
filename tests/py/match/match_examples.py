# Larger match-based programs: a tiny evaluator and a command parser.
def evaluate(expr, env):
    match expr:
        case int() | float():
            return expr
        case str(name):
            return env[name]
        case ("neg", a):
            return -evaluate(a, env)
        case ("+", a, b):
            return evaluate(a, env) + evaluate(b, env)
        case ("*", a, b):
            return evaluate(a, env) * evaluate(b, env)
        case ("let", str(name), value, body):
            return evaluate(body, {**env, name: evaluate(value, env)})
        case ("if", cond, then, other):
            return evaluate(then if evaluate(cond, env) else other, env)
        case (op, *args):
            raise ValueError(f"unknown operator {op!r} with {len(args)} args")
        case _:
            raise TypeError(f"bad expression {expr!r}")

env = {"x": 3, "y": 4}
exprs = [
    5,
    "x",
    ("+", "x", "y"),
    ("*", ("+", 1, 2), ("neg", "y")),
    ("let", "z", 10, ("*", "z", "z")),
    ("if", 0, "x", "y"),
    ("if", ("+", 0, 1), "x", "y"),
    ("let", "x", 1, ("+", "x", ("let", "x", 100, "x"))),
]
for e in exprs:
    print(e, "=>", evaluate(e, env))
for bad in [("pow", 1, 2), None, ("+",)]:
    try:
        evaluate(bad, env)
    except (ValueError, TypeError) as err:
        print(type(err).__name__ + ":", err)

def parse(command):
    match command.split():
        case []:
            return "empty command"
        case ["go", direction]:
            return f"going {direction}"
        case ["go", *_]:
            return "go where?"
        case ["take" | "grab", item, *more] if not more:
            return f"taking {item}"
        case ["take" | "grab", *items]:
            return f"taking {len(items)} items: {', '.join(items)}"
        case ["say", *words]:
            return "saying " + repr(" ".join(words))
        case [verb, *_]:
            return f"unknown verb {verb!r}"

for c in ["", "go north", "go", "go up down", "take lamp", "grab a b c", "say hello world", "dance now"]:
    print(repr(c), "->", parse(c))

def tokens(text):
    out = []
    for ch in text:
        match ch:
            case " ":
                continue
            case "+" | "-" | "*" | "/":
                out.append(("op", ch))
            case "(" | ")":
                out.append(("paren", ch))
            case d if d.isdigit():
                if out and out[-1][0] == "num":
                    out[-1] = ("num", out[-1][1] * 10 + int(d))
                else:
                    out.append(("num", int(d)))
            case other:
                out.append(("unknown", other))
    return out
print(tokens("12 + (3*45) - x"))
