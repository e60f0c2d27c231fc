# SyntaxError messages: mixed except/except*, non-printable characters,
# the legacy print/exec hint only before a valid expression.
sources = [
    "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
    "a = 1 \x01 + 2\n",
    "print foo\n",
    "print {1: foo}\n",
    "print (foo.)\n",
    "print {1: (foo.)}\n",
    "if 1: exec 'code'\n",
    "if 1:\n    exec (x.)\n",
]
for src in sources:
    try:
        compile(src, "<src>", "exec")
        print("compiled")
    except SyntaxError as e:
        where = "" if e.msg == "invalid syntax" else f" (line {e.lineno}, offset {e.offset})"
        print(e.msg + where)
