# f-string SyntaxErrors as CPython 3.11 reports them: its f-string scanner
# (braces, conversions, format specs, quotes, backslashes, comments) and the
# separate parse of each replacement field as "(expr)".


def report(src):
    try:
        compile(src, "<fstr>", "exec")
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
    else:
        print(repr(src), "-> compiled")


print("braces:")
for src in ['f"{}"', 'f"{ }"', 'f"{\t}"', 'x = f"a{}b" + y', 'f"}"', 'f"a}b"', 'f"{x}}"', 'f"{{}"',
            'f"{"', 'f"{x"', 'f"{x!r"', 'f"{x:"', 'f"{x="', 'f"{x)}"', 'f"{x]}"', 'f"{(x}"', 'f"{[x)}"',
            'f"{{x}}"', 'f"{{{x}}}"']:
    report(src)

print("expression required:")
for src in ['f"{!r}"', 'f"{:>4}"', 'f"{=}"', 'f"{ !s}"', 'f"{x:{}}"', 'f"{x:{!r}}"']:
    report(src)

print("conversions:")
for src in ['f"{x!z}"', 'f"{x!}"', 'f"{x! r}"', 'f"{x!r }"', 'f"{x!rr}"', 'f"{x=!q}"', 'f"{x!r=}"', 'f"{x!r:>5}"', 'f"{x!=y}"']:
    report(src)

print("format specs:")
for src in ['f"{x:{y:{z}}}"', 'f"{x:{y}{z}}"', 'f"{x:{y!s:{z}}}"', 'f"{x:}}"', 'f"{x:{y}"', 'f"{x:=^10}"', 'f"{x::}"']:
    report(src)

print("backslashes, comments and quotes:")
for src in ['f"{x\\n}"', 'rf"{x\\n}"', "f'{\\'a\\'}'", 'f"{x#}"', 'f"{x # note}"', 'f"{"a"}"', "f'{'a'}'",
            "f'{x + 'c'}'", "f'{x + 'cd'}' + 1", "f'{x + 'b'}'", "f'{x + 'b'}' + 1", "f'{' b'}' 'q'", 'f"{x\'}"', "f\"{'''a}\"", "f'''{\"x\"}'''", 'f"{\'a\' \'b\'}"']:
    report(src)

print("errors inside the expression:")
for src in ['f"{a b}"', 'f"{lambda x: 1}"', 'f"{lambda: 1}"', 'f"{x if y}"', 'f"{import os}"', 'f"{x;y}"',
            'f"{1 +}"', 'f"{*x}"', 'f"{**x}"', 'f"{@x}"', 'f"{x := 1}"', 'f"{a = b}"', 'f"{yield}"',
            'f"{1_}"', 'f"{0x}"', 'f"{0777}"', 'f"{1e}"', "f\"{f'{}'}\"", "f\"{f'{a b}'}\"",
            "f\"{b'a' 'b'}\"", "f\"{'\\\\x4'}\""]:
    report(src)

print("locations:")
report('x = 1\ny = f"{a b}"\n')
report('s = (f"{}"\n     + t)')
report('total = f"""\n{a b}"""')
report('total = f"""head\n  {a\n b}"""')
report('total = f"""{a\n b}"""')
report('total = f"""\n  {\na b}"""')
report('v = f"ok" f"{x!z}" "tail"')
report('v = "ok" f"{}" b"x"')
report('v = b"x" f"{}"')

print("valid f-strings:")
x, y, w = 42, "hi", 6
print(f"{x!r:>{w}}|{y=}|{x = }|{x!=y}|{x<w if False else x>w}|{ {'k': 1}['k'] }|{{}}")
print(f"{x:{'>' if x else '<'}{w}}|{'a' 'b'}|{(lambda: 'lam')()}|{[i for i in range(3)]}")
