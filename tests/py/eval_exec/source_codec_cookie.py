# A coding declaration naming any codec: the source is decoded with it,
# for exec/compile of bytes and for imported files alike.
import os
import sys
import tempfile

src = "# -*- coding: latin9 -*-\ncurrency = '\u20ac'\n"
ns = {}
exec(src.encode("latin9"), ns)
print(ns["currency"] == "\u20ac", len(ns["currency"]))

src = "# coding: cp437\nbox = '\u252c\u2502'\n"
code = compile(src.encode("cp437"), "boxes", "exec")
exec(code, ns)
print(ns["box"] == "\u252c\u2502")

try:
    exec(b"# coding: no-such-codec-here\nx = 1\n", ns)
except SyntaxError as e:
    print(type(e).__name__, e.msg)

with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "koi_mod.py"), "w", encoding="koi8-r") as fh:
        fh.write("# -*- coding: koi8-r -*-\nword = '\u043f\u0440\u0438\u0432\u0435\u0442'\n")
    sys.path.insert(0, d)
    try:
        import koi_mod
        print(koi_mod.word == "\u043f\u0440\u0438\u0432\u0435\u0442")
    finally:
        sys.path.remove(d)
        sys.modules.pop("koi_mod", None)

import ast
tree = ast.parse("# coding: latin9\ns = '\u20ac'\n".encode("latin9"))
print(ast.literal_eval(tree.body[0].value) == "\u20ac")
