# An f-string replacement field holding only whitespace (a carriage
# return included) is an empty expression.
for src in ["f'{}'", "f'{ \\t}'", "f'''{\\r}'''", "f'''{\\r\\n}'''", "f'''{\\t\\f\\r\\n}'''",
            "f'''{\\r!r}'''", "f'''{\\r:x}'''", "f'''{\\r=}'''", "f'''{\\r1\\r}'''"]:
    try:
        r = eval(src)
    except SyntaxError as e:
        print(repr(src), "->", e.msg)
    else:
        print(repr(src), "=", repr(r))

# A non-printable character in a replacement field.
for src in ["f'{\xa0}'", "f'{1\xa0}'", "f'{\u200b}'", "f'{\u20ac}'"]:
    try:
        eval(src)
    except SyntaxError as e:
        print(ascii(src), "->", ascii(e.msg))
