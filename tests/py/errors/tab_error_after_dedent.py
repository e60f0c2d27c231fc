# Indentation mixing tabs and spaces that the tab-size-8 and tab-size-1
# readings order differently is a TabError, also on a dedent.
sources = [
    "if True:\n        a = 1\n\tb = 2\n",
    "if True:\n\ta = 1\n        b = 2\n",
    "if 1:\n    if 2:\n\t    x = 1\n",
    "if 1:\n\tif 2:\n\t\tx = 1\n\telse:\n        \ty = 2\n",
    "if 1:\n        if 2:\n                x = 1\n\tz = 3\n",
]
for src in sources:
    try:
        compile(src, "<tabs>", "exec")
        print("compiles")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno)
