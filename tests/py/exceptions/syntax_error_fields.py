# SyntaxError's fields: None by default, set from the details tuple, and
# its str() with the file's base name and line.
e = SyntaxError("bad thing")
print(e.msg, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset)
print(repr(str(e)), repr(str(SyntaxError())), e.args)
e = SyntaxError("oops", ("/some/dir/mod.py", 3, 5, "x = = 1\n", 3, 7))
print(e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
print(str(e))
print(str(SyntaxError("m", (None, 4, 1, "t"))), str(SyntaxError("m", ("f.py", None, 1, "t"))))
for details in [(1, 2), (1, 2, 3, 4, 5, 6, 7)]:
    try:
        SyntaxError("m", details)
    except TypeError as err:
        print("TypeError:", err)
try:
    compile("1 +", "/tmp/where/prog.py", "exec")
except SyntaxError as err:
    print(str(err), err.filename, err.lineno)
class Custom(SyntaxError):
    pass
c = Custom("sub", ("a.py", 1, 1, "z"))
print(str(c), c.print_file_and_line)
