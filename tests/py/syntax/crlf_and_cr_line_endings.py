# Source text with Windows (\r\n) and old Mac (\r) line endings reads as if
# every line ended in \n: literals spanning lines hold \n, a backslash before
# the line ending continues the line or the string, and errors count lines the
# same way. Checked through exec, compile, ast.parse and an imported file.
import ast
import os
import sys
import tempfile

SOURCES = {
    "triple": 'x = """one\r\ntwo\r\nthree"""\r\n',
    "triple_cr": "x = '''one\rtwo'''\r",
    "mixed": 'x = """a\r\nb\rc\nd"""\n',
    "continued_string": 'x = "left\\\r\nright"\r\n',
    "continued_line": "x = 1 + \\\r\n    2\r\n",
    "raw_string": 'x = r"""p\\\r\nq"""\r\n',
    "fstring": 'n = 4\r\nx = f"""{n}\r\n{n + 1}"""\r\n',
    "bytes": 'x = b"""b1\r\nb2"""\r\n',
    "comment_then_code": "# note\r\n\r\nx = [1,\r\n     2]\r\n",
}

for name, src in SOURCES.items():
    ns = {}
    exec(src, ns)
    print(name, repr(ns["x"]))
    code = compile(src, "<" + name + ">", "exec")
    ns2 = {}
    exec(code, ns2)
    assert ns2["x"] == ns["x"], name

# Positions in the tree count the translated lines.
tree = ast.parse('a = 1\r\nb = """x\r\ny"""\r\nc = 3\r\n')
for node in tree.body:
    print(type(node).__name__, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
print(repr(tree.body[1].value.value))
print(ast.literal_eval("'q\\\r\nr'"))

# A syntax error's line number and text.
for src in [
    "ok = 1\rx = )\r",
    "a = 1\r\n  b = 2\r\n",
    "a = 1\r\n\tb = 2\r\n",
    "if 1:\r\n  a\r\n     b\r\n",
    "def f(:\r\n    pass\r\n",
]:
    try:
        compile(src, "<bad>", "exec")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))

# eval of an expression with CRLF inside brackets.
print(eval("(1 +\r\n 2)"))

# A module file written with CRLF endings, imported.
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "crlf_module_xyz.py")
    with open(path, "wb") as f:
        f.write(b'TEXT = """first\r\nsecond"""\r\ndef f():\r\n    return TEXT.split("\\n")\r\n')
    sys.path.insert(0, d)
    try:
        import crlf_module_xyz
        print(crlf_module_xyz.f())
    finally:
        sys.path.remove(d)
        sys.modules.pop("crlf_module_xyz", None)
