# Compile-time errors for global/nonlocal misuse.
cases = {
    "nonlocal at module": "nonlocal x",
    "nonlocal without binding": "def f():\n    nonlocal missing\n",
    "nonlocal refers to global": "g = 1\ndef f():\n    nonlocal g\n",
    "used before global": "def f():\n    x = 1\n    global x\n",
    "read before global": "def f():\n    print(x)\n    global x\n",
    "param declared global": "def f(a):\n    global a\n",
    "param declared nonlocal": "def outer():\n    def f(a):\n        nonlocal a\n",
    "both global and nonlocal": "def outer():\n    x = 1\n    def f():\n        global x\n        nonlocal x\n",
    "nonlocal in class at top": "class C:\n    nonlocal x\n",
    "annotated global": "def f():\n    global x\n    x: int = 1\n",
    "valid nonlocal": "def outer():\n    x = 1\n    def f():\n        nonlocal x\n        x = 2\n",
    "valid global at module": "global x\nx = 1\n",
    "nonlocal class var": "def outer():\n    class C:\n        y = 1\n        def m(self):\n            nonlocal y\n",
}
for label, src in cases.items():
    try:
        compile(src, "<scope>", "exec")
        print(f"{label}: ok")
    except SyntaxError as e:
        print(f"{label}: SyntaxError: {e.msg} (line {e.lineno})")
