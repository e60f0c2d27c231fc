# Mixing except and except* on one try: CPython points at the keyword.
sources = [
    "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept  *  TypeError:\n    pass\n",
    "if 1:\n    try: pass\n    except* ValueError: pass\n    except: pass\n",
]
for src in sources:
    try:
        compile(src, "<mixed>", "exec")
    except SyntaxError as e:
        print(e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
