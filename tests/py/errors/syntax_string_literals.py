# SyntaxErrors from string and bytes literals, reported by compile() and
# exec(): message, line and columns (CPython 3.11 reports most of them at
# the token that follows the literal).


def report(src, mode="exec"):
    try:
        compile(src, "<literals>", mode)
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
    else:
        print(repr(src), "-> compiled")


print("bytes with non-ASCII characters:")
report('b"caf\u00e9"')
report('x = b"\u00fc" + y')
report('data = [\n    b"ok",\n    b"\u03c0",\n]')
report('rb"\u00e9\\d"')

print("bad \\x escapes in bytes:")
report("b'\\x'")
report("b'\\x4'")
report("b'\\x4g'")
report("b'abc\\x41\\x4'")
report("b'\\\\x4'")
report("br'\\x4'")
report("value = b'\\xZ' * 2")

print("unicode escapes in str:")
report("'\\x1'")
report("'\\u12'")
report("'\\u12345'")
report("'\\U0001F60'")
report("'\\U00110000'")
report("'\\N'")
report("'\\N{'")
report("'\\N{}'")
report("'\\N{NOT A REAL NAME}'")
report("'\\N{LATIN SMALL LETTER A}\\N{no such char}'")
report("'\u00e9\u00e8\\x4'")
report("'\\N{EM DASH}\\N{bullet}'")
report("r'\\x4' '\\u1'")
report("s = ('ok'\n     '\\x4'\n     + t)")

print("mixing bytes and str:")
report("b'a' 'b'")
report("'a' b'b'")
report("x = ('a'\n     b'b')")
report("b'a' b'b' 'c' + d")
report("f'{x}' b'y'")
report("b'y' f'{x}'")
report("b'\\x4' 'c'")
report("'\\x4' b'c'")

print("unterminated literals:")
report("x = 'abc")
report("x = 'abc\\\ndef")
report("'''abc\ndef\n")
report("x = 1\ny = \"\"\"never\nclosed")
report("b'open")

print("exec and eval:")
for run in (exec, eval):
    try:
        run("b'\\x9' + b'\u00e9'")
    except SyntaxError as e:
        print(run.__name__, e.filename, e.msg, e.lineno, e.offset)

print("valid literals:")
ns = {}
exec("a = b'\\x41\\102' b'C'\nb = '\\N{LATIN SMALL LETTER A}\\u00e9\\U0001F600'\nc = rb'\\x4' + br'\\N'", ns)
print(ns["a"], ascii(ns["b"]), ns["c"])

print("tokenizer errors come first:")
report("x = b'\\x4'\ny = 'open")
report("x = b'\u00e9'\ny = 1_")
report("x = f'{}'\ny = 'a' + \u20ac")
report("print(b'a' 'b'")
report("print(f'{}'")
report("x = (b'a'\n     'b'\ny = 2")
report("x = 'a' b'b' + (1 ]")
report("x = = 'a'\ny = 'b")
report("x = f'{' + 'b\\x4'")
report("x = f'{a' + f'b}'")
