# warnings: the tokenizer's SyntaxWarning for a number literal directly followed
# by a keyword (1if x else y), its SyntaxError under an error filter, and the
# text of tokenizer SyntaxErrors (no line break).
import warnings
for s in ['x = 1if 1 else 0', 'x = 0x1for', 'x = [0x1for x in y]', 'x = 1or 2', 'x = 1and 2', 'x = 1in y', 'x = 1not in y', 'x = 1is 2', 'x = 0o7and 1', 'x = 1.5if 1 else 2', 'x = 1jif 1 else 2', 'x = 1e5or 2', 'x = 0b1else', 'x = 1_0if 1 else 2']:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try: compile(s, "<t>", "exec"); r = "ok"
        except SyntaxError as e: r = (e.msg, e.offset)
    print(repr(s), r, [(m.category.__name__, str(m.message), m.lineno) for m in w])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try: compile(s, "<t>", "exec"); r = "ok"
        except SyntaxError as e: r = (e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text)
    print("   ", r)
for s in ["x = 1abc", "x = 1abc\ny = 2\n", "x = ]\n", "x = 0777\n", "x = 'abc\n", "x = (1,\n",
          "x = 1andy", "x = 1elsey", "x = 1or_", "x = 1notx", "x = 0x1fory", "x = 1 if 1else 2"]:
    try:
        compile(s, "<t>", "exec")
        print("ok", repr(s))
    except SyntaxError as e:
        print(repr(s), repr(e.msg), repr(e.text), e.offset, e.end_offset)
