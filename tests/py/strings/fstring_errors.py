# runtime errors raised while evaluating f-strings
values = {"a": 1}
tests = [
    lambda: f"{values['missing']}",
    lambda: f"{1 / 0}",
    lambda: f"{'abc':d}",
    lambda: f"{3.5:x}",
    lambda: f"{None:>5}",
    lambda: f"{undefined_name}",
    lambda: f"{[1][5]}",
    lambda: f"{5:{'invalid spec'}}",
    lambda: f"{'x':{1}{2}}" + f"{'y':=3}",
    lambda: f"{object():abc}",
    lambda: f"{int('z')}",
]
for i, t in enumerate(tests):
    try:
        print(i, t())
    except Exception as e:
        print(i, type(e).__name__, e)
print("compile errors:")
for src in ['f"{}"', 'f"{!r}"', 'f"{x!z}"', 'f"{"', 'f"}"', 'f"{x:{y:{z}}}"', 'f"{lambda x: 1}"', 'f"{a b}"']:
    try:
        compile(src, "<fstring>", "eval")
        print(src, "compiled")
    except SyntaxError as e:
        print(src, type(e).__name__, e.msg)
