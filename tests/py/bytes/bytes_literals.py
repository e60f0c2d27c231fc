# bytes literal syntax and escapes
print(b"\x41\102\n\t\\", len(b"\x41\102\n\t\\"), b"\0", b"\777"[:1] if False else b"\377")
print(br"\u00e9", len(br"\u00e9"), br"\N", br"\x41", len(br"\x41"))
print(b"con" b"cat", b"""multi
line""", b'\'' + b"\"")
for src in ['b"é"', "b'\\x4'", "b'abc' 'def'", "b'\\xZZ'"]:
    try:
        print(src, eval(src))
    except SyntaxError as e:
        print(src, type(e).__name__, e.msg)
print(type(b"x"), type(rb"x"), b"" == bytes(), b"\x00" * 3)
